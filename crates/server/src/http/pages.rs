//! The small HTML pages people reach from links in mail.

use axum::Router;
use axum::extract::State;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::accounts::verify_email_token;
use super::extract::PathParams;
use crate::mail::escape;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/verify-email/{token}",
        get(verify_page).post(verify_submit),
    )
}

/// A page with strict headers: no scripts, no framing, no referrer (the token is in the URL).
pub fn html(status: axum::http::StatusCode, title: &str, body: &str) -> Response {
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Orgdesk</title><style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}}\
         button{{font-size:1rem;padding:.6rem 1.2rem}}</style></head><body><main><h1>{title}</h1>{body}</main></body></html>",
        title = escape(title)
    );
    (
        status,
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
            (X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (X_FRAME_OPTIONS, "DENY"),
            (REFERRER_POLICY, "no-referrer"),
        ],
        page,
    )
        .into_response()
}

/// Showing the link does not use it (mail scanners open links); the button does.
async fn verify_page(PathParams(token): PathParams<String>) -> Response {
    html(
        axum::http::StatusCode::OK,
        "Confirm your email address",
        &format!(
            "<p>Press the button to confirm this address for your Orgdesk account.</p>\
             <form method=\"post\" action=\"/verify-email/{}\"><button type=\"submit\">Confirm my email address</button></form>",
            escape(&token)
        ),
    )
}

async fn verify_submit(
    State(state): State<AppState>,
    PathParams(token): PathParams<String>,
) -> Response {
    match verify_email_token(&state, &token).await {
        Ok(()) => html(
            axum::http::StatusCode::OK,
            "Email address confirmed",
            "<p>Thank you. You can close this page and sign in to Orgdesk.</p>",
        ),
        Err(e) if e.status.is_client_error() => html(
            e.status,
            "This link cannot be used",
            "<p>The link is unknown, was used already, or has expired. Sign in to Orgdesk to get a new one.</p>",
        ),
        Err(e) => e.into_response(),
    }
}
