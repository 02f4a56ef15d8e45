//! The built-in sandbox provider: a checkout page that takes test cards and
//! confirms payments to the platform only through signed webhooks, as a real
//! card processor does. 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is declined.

use std::time::Duration;

use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use sqlx::Row;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{
    BoxFuture, CheckoutRequest, EventData, EventKind, PaymentProvider, StartedCheckout,
    WebhookError, WebhookEvent, luhn_ok, sign,
};
use crate::http::extract::PathParams;
use crate::http::pages::html;
use crate::mail::escape;
use crate::secrets::{hash_token, new_token};
use crate::state::AppState;
use crate::store::{Db, now_ms};

pub const PAYING_CARD: &str = "4242424242424242";
pub const DECLINED_CARD: &str = "4000000000000002";

pub struct Sandbox {
    db: Db,
    secret: Vec<u8>,
    public_url: String,
    http: reqwest::Client,
}

impl Sandbox {
    pub fn new(db: Db, secret: Vec<u8>, public_url: String) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Self {
            db,
            secret,
            public_url,
            http,
        }
    }

    /// The provider's pages: the checkout form and its answer.
    pub fn routes() -> Router<AppState> {
        Router::new().route("/sandbox/checkout/{token}", get(checkout_page).post(pay))
    }

    /// Signs and sends an event to the platform; retries in the background if the first try fails.
    async fn deliver(&self, kind: EventKind, data: EventData) {
        let event = WebhookEvent {
            id: format!("evt_{}", Uuid::new_v4().simple()),
            kind,
            created: OffsetDateTime::now_utc().unix_timestamp(),
            data,
        };
        let body = serde_json::to_vec(&event).unwrap_or_default();
        let url = format!("{}/api/v1/payments/webhook", self.public_url);
        let send = |http: reqwest::Client, url: String, body: Vec<u8>, secret: Vec<u8>| async move {
            let signature = sign(&secret, &body, OffsetDateTime::now_utc().unix_timestamp());
            http.post(&url)
                .header(super::SIGNATURE_HEADER, signature)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .and_then(reqwest::Response::error_for_status)
        };
        if send(
            self.http.clone(),
            url.clone(),
            body.clone(),
            self.secret.clone(),
        )
        .await
        .is_ok()
        {
            return;
        }
        let (http, secret) = (self.http.clone(), self.secret.clone());
        tokio::spawn(async move {
            for wait in [1, 5, 30] {
                tokio::time::sleep(Duration::from_secs(wait)).await;
                match send(http.clone(), url.clone(), body.clone(), secret.clone()).await {
                    Ok(_) => return,
                    Err(e) => {
                        tracing::warn!(error = %e, "sandbox webhook delivery failed; retrying")
                    }
                }
            }
            tracing::error!(event = %event.id, "sandbox webhook could not be delivered");
        });
    }
}

impl PaymentProvider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn start_checkout<'a>(
        &'a self,
        request: CheckoutRequest,
    ) -> BoxFuture<'a, anyhow::Result<StartedCheckout>> {
        Box::pin(async move {
            let (token, hash) = new_token("cs_");
            sqlx::query(
                "INSERT INTO sandbox_checkouts (token_hash, payment_id, description, amount_cents, currency, status, created_at) VALUES ($1, $2, $3, $4, $5, 'open', $6)",
            )
            .bind(&hash)
            .bind(request.payment_id.to_string())
            .bind(&request.description)
            .bind(request.amount_cents)
            .bind(&request.currency)
            .bind(now_ms())
            .execute(self.db.pool())
            .await?;
            Ok(StartedCheckout {
                checkout_url: format!("{}/sandbox/checkout/{token}", self.public_url),
                provider_ref: request.payment_id.to_string(),
            })
        })
    }

    fn reopen_checkout(&self, payment: Uuid) -> BoxFuture<'_, anyhow::Result<Option<String>>> {
        Box::pin(async move {
            let (token, hash) = new_token("cs_");
            let done = sqlx::query(
                "UPDATE sandbox_checkouts SET token_hash = $2 WHERE payment_id = $1 AND status <> 'paid'",
            )
            .bind(payment.to_string())
            .bind(&hash)
            .execute(self.db.pool())
            .await?;
            Ok((done.rows_affected() == 1)
                .then(|| format!("{}/sandbox/checkout/{token}", self.public_url)))
        })
    }

    fn verify_webhook(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now_secs: i64,
    ) -> Result<WebhookEvent, WebhookError> {
        super::verify(&self.secret, signature, body, now_secs)
    }
}

struct Checkout {
    payment_id: Uuid,
    description: String,
    amount_cents: i64,
    currency: String,
    paid: bool,
}

async fn find(db: &Db, token: &str) -> Option<Checkout> {
    if token.len() > 100 {
        return None;
    }
    let row = sqlx::query("SELECT payment_id, description, amount_cents, currency, status FROM sandbox_checkouts WHERE token_hash = $1")
        .bind(hash_token(token))
        .fetch_optional(db.pool())
        .await
        .ok()??;
    Some(Checkout {
        payment_id: Uuid::parse_str(&row.try_get::<String, _>(0).ok()?).ok()?,
        description: row.try_get(1).ok()?,
        amount_cents: row.try_get(2).ok()?,
        currency: row.try_get(3).ok()?,
        paid: row.try_get::<String, _>(4).ok()? == "paid",
    })
}

fn money(cents: i64, currency: &str) -> String {
    format!("{}.{:02} {currency}", cents / 100, cents % 100)
}

fn form(token: &str, c: &Checkout, error: Option<&str>) -> String {
    let error = error
        .map(|e| format!("<p role=\"alert\"><strong>{}</strong></p>", escape(e)))
        .unwrap_or_default();
    format!(
        "<p>{description}</p><p>Amount due: <strong>{amount}</strong></p>{error}\
         <form method=\"post\" action=\"/sandbox/checkout/{token}\">\
         <p><label for=\"cardholder\">Name on card</label><br><input id=\"cardholder\" name=\"cardholder\" autocomplete=\"cc-name\" required></p>\
         <p><label for=\"card_number\">Card number</label><br><input id=\"card_number\" name=\"card_number\" inputmode=\"numeric\" autocomplete=\"cc-number\" required></p>\
         <p><label for=\"expiry\">Expiry (MM/YY)</label><br><input id=\"expiry\" name=\"expiry\" autocomplete=\"cc-exp\" placeholder=\"MM/YY\" required></p>\
         <p><label for=\"cvc\">CVC</label><br><input id=\"cvc\" name=\"cvc\" inputmode=\"numeric\" autocomplete=\"cc-csc\" required></p>\
         <p><button type=\"submit\">Pay {amount}</button></p></form>\
         <p><small>Sandbox: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined. No real card is charged.</small></p>",
        description = escape(&c.description),
        amount = escape(&money(c.amount_cents, &c.currency)),
        token = escape(token),
    )
}

async fn checkout_page(
    State(state): State<AppState>,
    PathParams(token): PathParams<String>,
) -> Response {
    match find(&state.db, &token).await {
        None => html(
            StatusCode::NOT_FOUND,
            "Checkout not found",
            "<p>This checkout link is unknown.</p>",
        ),
        Some(c) if c.paid => html(
            StatusCode::OK,
            "Already paid",
            "<p>This checkout has been paid. You can close this page.</p>",
        ),
        Some(c) => html(
            StatusCode::OK,
            "Orgdesk checkout (sandbox)",
            &form(&token, &c, None),
        ),
    }
}

#[derive(serde::Deserialize)]
struct CardForm {
    #[serde(default)]
    card_number: String,
    #[serde(default)]
    expiry: String,
    #[serde(default)]
    cvc: String,
    #[serde(default)]
    cardholder: String,
}

/// Why a card cannot even be tried, in words for the person paying.
fn card_problem(card: &CardForm, today: (i32, u8)) -> Option<&'static str> {
    let number: String = card
        .card_number
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !(13..=19).contains(&number.len()) || !luhn_ok(&number) {
        return Some("The card number is not valid.");
    }
    let Some((month, year)) = card.expiry.trim().split_once('/') else {
        return Some("Enter the expiry as MM/YY.");
    };
    let (Ok(month), Ok(year)) = (month.trim().parse::<u8>(), year.trim().parse::<i32>()) else {
        return Some("Enter the expiry as MM/YY.");
    };
    if !(1..=12).contains(&month) || !(0..=99).contains(&year) {
        return Some("Enter the expiry as MM/YY.");
    }
    if (2000 + year, month) < today {
        return Some("The card has expired.");
    }
    let cvc = card.cvc.trim();
    if !(3..=4).contains(&cvc.len()) || !cvc.bytes().all(|b| b.is_ascii_digit()) {
        return Some("The CVC is the 3 or 4 digits on the back of the card.");
    }
    let holder = card.cardholder.trim();
    if holder.is_empty() || holder.chars().count() > 100 {
        return Some("Enter the name on the card.");
    }
    None
}

async fn pay(
    State(state): State<AppState>,
    PathParams(token): PathParams<String>,
    Form(card): Form<CardForm>,
) -> Response {
    let Some(sandbox) = state.sandbox.as_ref() else {
        return html(StatusCode::NOT_FOUND, "Checkout not found", "");
    };
    let Some(checkout) = find(&state.db, &token).await else {
        return html(
            StatusCode::NOT_FOUND,
            "Checkout not found",
            "<p>This checkout link is unknown.</p>",
        );
    };
    if checkout.paid {
        return html(
            StatusCode::OK,
            "Already paid",
            "<p>This checkout has been paid; nothing was charged again.</p>",
        );
    }
    let now = OffsetDateTime::now_utc();
    if let Some(problem) = card_problem(&card, (now.year(), u8::from(now.month()))) {
        return html(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Orgdesk checkout (sandbox)",
            &form(&token, &checkout, Some(problem)),
        );
    }
    let number: String = card
        .card_number
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let hash = hash_token(&token);
    let _ =
        sqlx::query("UPDATE sandbox_checkouts SET attempts = attempts + 1 WHERE token_hash = $1")
            .bind(&hash)
            .execute(state.db.pool())
            .await;
    let data = |reason: Option<&str>| EventData {
        payment_id: checkout.payment_id,
        amount_cents: checkout.amount_cents,
        currency: checkout.currency.clone(),
        reason: reason.map(str::to_string),
    };
    if number != PAYING_CARD {
        let reason = if number == DECLINED_CARD {
            "card_declined: the card was declined by its bank"
        } else {
            "card_not_supported: the sandbox takes only its test cards"
        };
        sandbox
            .deliver(EventKind::Declined, data(Some(reason)))
            .await;
        let message = format!("The payment failed ({reason}). Try another card.");
        return html(
            StatusCode::PAYMENT_REQUIRED,
            "Payment declined",
            &form(&token, &checkout, Some(&message)),
        );
    }
    // Charge once: only the request that flips the checkout to paid charges.
    let charged = sqlx::query("UPDATE sandbox_checkouts SET status = 'paid', charged_at = $2, card_last4 = $3 WHERE token_hash = $1 AND status = 'open'")
        .bind(&hash)
        .bind(now_ms())
        .bind(&number[number.len() - 4..])
        .execute(state.db.pool())
        .await
        .map(|r| r.rows_affected() == 1)
        .unwrap_or(false);
    if !charged {
        return html(
            StatusCode::OK,
            "Already paid",
            "<p>This checkout has been paid; nothing was charged again.</p>",
        );
    }
    sandbox.deliver(EventKind::Paid, data(None)).await;
    html(
        StatusCode::OK,
        "Payment received",
        &format!(
            "<p>{} was charged. Return to Orgdesk: your organization is ready.</p>",
            escape(&money(checkout.amount_cents, &checkout.currency))
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(number: &str, expiry: &str, cvc: &str) -> CardForm {
        CardForm {
            card_number: number.into(),
            expiry: expiry.into(),
            cvc: cvc.into(),
            cardholder: "Ada Admin".into(),
        }
    }

    #[test]
    fn cards_are_checked_before_trying() {
        let today = (2026, 11);
        assert_eq!(
            card_problem(&card("4242 4242 4242 4242", "12/30", "123"), today),
            None
        );
        assert_eq!(
            card_problem(&card("4242 4242 4242 4242", "11/26", "123"), today),
            None
        );
        assert_eq!(
            card_problem(&card("4242 4242 4242 4241", "12/30", "123"), today),
            Some("The card number is not valid.")
        );
        assert_eq!(
            card_problem(&card("4242424242424242", "10/26", "123"), today),
            Some("The card has expired.")
        );
        assert_eq!(
            card_problem(&card("4242424242424242", "13/30", "123"), today),
            Some("Enter the expiry as MM/YY.")
        );
        assert!(card_problem(&card("4242424242424242", "12/30", "12"), today).is_some());
    }
}
