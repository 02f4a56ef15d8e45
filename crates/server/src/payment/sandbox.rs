//! The built-in sandbox provider: a checkout that takes test cards and
//! confirms payments to the platform only through signed webhooks, as a real
//! card processor does. 4242 4242 4242 4242 pays; 4000 0000 0000 0002 is
//! declined. Its pages are served by `http::checkout`; its books are
//! `store::sandbox`.

use std::time::Duration;

use time::OffsetDateTime;
use uuid::Uuid;

use super::{
    BoxFuture, CheckoutRequest, EventData, EventKind, PaymentProvider, StartedCheckout,
    WebhookError, WebhookEvent, luhn_ok, sign,
};
use crate::secrets::{hash_token, new_token};
use crate::store::Db;
use crate::store::sandbox::{self as books, Checkout, NewCheckout};

pub const PAYING_CARD: &str = "4242424242424242";
pub const DECLINED_CARD: &str = "4000000000000002";

pub struct Sandbox {
    db: Db,
    secret: Vec<u8>,
    public_url: String,
    http: reqwest::Client,
}

/// What the person paying typed into the checkout form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Card {
    #[serde(default)]
    pub card_number: String,
    #[serde(default)]
    pub expiry: String,
    #[serde(default)]
    pub cvc: String,
    #[serde(default)]
    pub cardholder: String,
}

/// How a payment attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paid {
    /// The card was charged; the platform has been told.
    Charged,
    /// Paid before: nothing was charged again.
    AlreadyPaid,
    /// The card cannot even be tried: the words for the person paying.
    Refused(&'static str),
    /// The card processor declined it (the platform has been told why).
    Declined(String),
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

    fn link(&self, token: &str) -> String {
        format!("{}/sandbox/checkout/{token}", self.public_url)
    }

    /// The checkout behind a link, if the link is one.
    pub async fn checkout(&self, token: &str) -> anyhow::Result<Option<Checkout>> {
        if token.len() > 100 {
            return Ok(None);
        }
        let mut conn = self.db.pool().acquire().await?;
        Ok(books::by_token_hash(&mut conn, &hash_token(token)).await?)
    }

    /// Tries `card` on the checkout behind `token` (`None`: no such checkout).
    pub async fn pay(&self, token: &str, card: &Card) -> anyhow::Result<Option<Paid>> {
        let Some(checkout) = self.checkout(token).await? else {
            return Ok(None);
        };
        if checkout.paid {
            return Ok(Some(Paid::AlreadyPaid));
        }
        let now = OffsetDateTime::now_utc();
        if let Some(problem) = card_problem(card, (now.year(), u8::from(now.month()))) {
            return Ok(Some(Paid::Refused(problem)));
        }
        let number: String = card
            .card_number
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let hash = hash_token(token);
        let mut conn = self.db.pool().acquire().await?;
        books::count_attempt(&mut conn, &hash).await?;
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
            self.deliver(EventKind::Declined, data(Some(reason))).await;
            return Ok(Some(Paid::Declined(reason.into())));
        }
        // Charge once: only the request that flips the checkout to paid charges.
        if !books::charge(&mut conn, &hash, &number[number.len() - 4..]).await? {
            return Ok(Some(Paid::AlreadyPaid));
        }
        self.deliver(EventKind::Paid, data(None)).await;
        Ok(Some(Paid::Charged))
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
            let mut conn = self.db.pool().acquire().await?;
            books::insert(
                &mut conn,
                &NewCheckout {
                    token_hash: &hash,
                    payment_id: request.payment_id,
                    description: &request.description,
                    amount_cents: request.amount_cents,
                    currency: &request.currency,
                },
            )
            .await?;
            Ok(StartedCheckout {
                checkout_url: self.link(&token),
                provider_ref: request.payment_id.to_string(),
            })
        })
    }

    fn reopen_checkout(&self, payment: Uuid) -> BoxFuture<'_, anyhow::Result<Option<String>>> {
        Box::pin(async move {
            let (token, hash) = new_token("cs_");
            let mut conn = self.db.pool().acquire().await?;
            Ok(books::relink(&mut conn, payment, &hash)
                .await?
                .then(|| self.link(&token)))
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

/// Why a card cannot even be tried, in words for the person paying.
fn card_problem(card: &Card, today: (i32, u8)) -> Option<&'static str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn card(number: &str, expiry: &str, cvc: &str) -> Card {
        Card {
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
