//! The sandbox provider's checkout pages: the card form and its answer. The
//! provider decides (`payment::sandbox`); this only reads the form and shows
//! the outcome.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};

use super::extract::PathParams;
use super::html::{escape, html};
use crate::payment::sandbox::{Card, Paid};
use crate::state::AppState;
use crate::store::sandbox::Checkout;

pub fn routes() -> Router<AppState> {
    Router::new().route("/sandbox/checkout/{token}", get(checkout_page).post(pay))
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

fn unknown() -> Response {
    html(
        StatusCode::NOT_FOUND,
        "Checkout not found",
        "<p>This checkout link is unknown.</p>",
    )
}

fn failed(e: &anyhow::Error) -> Response {
    crate::error::AppError::internal(anyhow::anyhow!("{e:#}")).into_response()
}

async fn checkout_page(
    State(state): State<AppState>,
    PathParams(token): PathParams<String>,
) -> Response {
    let Some(sandbox) = state.sandbox.as_ref() else {
        return unknown();
    };
    match sandbox.checkout(&token).await {
        Err(e) => failed(&e),
        Ok(None) => unknown(),
        Ok(Some(c)) if c.paid => html(
            StatusCode::OK,
            "Already paid",
            "<p>This checkout has been paid. You can close this page.</p>",
        ),
        Ok(Some(c)) => html(
            StatusCode::OK,
            "Orgdesk checkout (sandbox)",
            &form(&token, &c, None),
        ),
    }
}

async fn pay(
    State(state): State<AppState>,
    PathParams(token): PathParams<String>,
    Form(card): Form<Card>,
) -> Response {
    let Some(sandbox) = state.sandbox.as_ref() else {
        return unknown();
    };
    let checkout = match sandbox.checkout(&token).await {
        Err(e) => return failed(&e),
        Ok(None) => return unknown(),
        Ok(Some(c)) => c,
    };
    let paid = match sandbox.pay(&token, &card).await {
        Err(e) => return failed(&e),
        Ok(None) => return unknown(),
        Ok(Some(paid)) => paid,
    };
    match paid {
        Paid::AlreadyPaid => html(
            StatusCode::OK,
            "Already paid",
            "<p>This checkout has been paid; nothing was charged again.</p>",
        ),
        Paid::Refused(problem) => html(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Orgdesk checkout (sandbox)",
            &form(&token, &checkout, Some(problem)),
        ),
        Paid::Declined(reason) => html(
            StatusCode::PAYMENT_REQUIRED,
            "Payment declined",
            &form(
                &token,
                &checkout,
                Some(&format!("The payment failed ({reason}). Try another card.")),
            ),
        ),
        Paid::Charged => html(
            StatusCode::OK,
            "Payment received",
            &format!(
                "<p>{} was charged. Return to Orgdesk: your organization is ready.</p>",
                escape(&money(checkout.amount_cents, &checkout.currency))
            ),
        ),
    }
}
