//! The small HTML pages people reach from links in mail.

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use axum::Form;
use axum::http::{HeaderMap, StatusCode};
use orgdesk_api as api;

use super::auth::ClientMeta;
use super::extract::PathParams;
use super::html::{escape, html};
use crate::flows::email::verify_email_token;
use crate::flows::invitations::{accept_token, preview_of};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/verify-email/{token}",
            get(verify_page).post(verify_submit),
        )
        .route("/invite/{token}", get(invite_page).post(invite_submit))
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

fn unusable_page(e: &crate::error::AppError) -> Response {
    let why = e.detail.clone().unwrap_or_default();
    html(
        e.status,
        "This invitation cannot be used",
        &format!(
            "<p>{}.</p><p>Ask the person who invited you to send a new invitation.</p>",
            escape(&why)
        ),
    )
}

/// The registration form of an invitation link. Showing it never uses the link.
async fn invite_page(
    State(state): State<AppState>,
    PathParams(token): PathParams<String>,
) -> Response {
    let preview = match preview_of(&state, &token).await {
        Ok(p) => p,
        Err(e) if e.status.is_client_error() => return unusable_page(&e),
        Err(e) => return e.into_response(),
    };
    html(
        StatusCode::OK,
        &format!("Join {}", preview.organization),
        &invite_form(&token, &preview, None),
    )
}

fn invite_form(token: &str, preview: &api::InvitationPreview, error: Option<&str>) -> String {
    let error = error
        .map(|e| format!("<p role=\"alert\"><strong>{}</strong></p>", escape(e)))
        .unwrap_or_default();
    let fields = if preview.account_exists {
        "<p>You already have an Orgdesk account: enter its password to join.</p>\
         <p><label for=\"password\">Password</label><br><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>"
            .to_string()
    } else {
        "<p><label for=\"name\">Your name</label><br><input id=\"name\" name=\"name\" autocomplete=\"name\" required maxlength=\"200\"></p>\
         <p><label for=\"password\">Choose a password (at least 12 characters)</label><br>\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"12\" required></p>"
            .to_string()
    };
    format!(
        "{error}<p>You were invited to <strong>{org}</strong> as <strong>{email}</strong>.</p>\
         <form method=\"post\" action=\"/invite/{token}\">{fields}<p><button type=\"submit\">Join {org}</button></p></form>",
        org = escape(&preview.organization),
        email = escape(&preview.email),
        token = escape(token),
    )
}

#[derive(serde::Deserialize)]
struct InviteForm {
    #[serde(default)]
    name: Option<String>,
    password: String,
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or(url, |end| &url[..after_scheme + end])
}

/// Browsers send `Origin` on form posts: refuse posts made from other sites.
fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    let cross_site = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v == "cross-site");
    // The whole origin must match: a prefix test would let `https://x.co` pass for `https://x.com`.
    let origin_ok = headers
        .get(axum::http::header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|origin| origin == origin_of(&state.public_url));
    !cross_site && origin_ok
}

async fn invite_submit(
    State(state): State<AppState>,
    meta: ClientMeta,
    headers: HeaderMap,
    PathParams(token): PathParams<String>,
    Form(form): Form<InviteForm>,
) -> Response {
    if !same_origin(&state, &headers) {
        return html(
            StatusCode::FORBIDDEN,
            "This form was sent from another site",
            "<p>Open the link from your invitation mail and try again.</p>",
        );
    }
    let preview = match preview_of(&state, &token).await {
        Ok(p) => p,
        Err(e) if e.status.is_client_error() => return unusable_page(&e),
        Err(e) => return e.into_response(),
    };
    match accept_token(
        &state,
        &meta,
        &token,
        api::AcceptInvitation {
            name: form.name,
            password: form.password,
        },
    )
    .await
    {
        Ok(_) => {
            let subdomain_url = format!("{}.{}", preview.subdomain, state.base_domain);
            html(
                StatusCode::OK,
                &format!("Welcome to {}", preview.organization),
                &format!(
                    "<p>You joined <strong>{org}</strong>.</p><p>What next: open the Orgdesk console and sign in with {email}, \
                     or sign in at <strong>{sub}</strong>.</p>",
                    org = escape(&preview.organization),
                    email = escape(&preview.email),
                    sub = escape(&subdomain_url),
                ),
            )
        }
        Err(e) if e.status == StatusCode::GONE => unusable_page(&e),
        Err(e) if e.status.is_client_error() => {
            let message = e
                .errors
                .first()
                .map(|f| f.message.clone())
                .or(e.detail.clone())
                .unwrap_or_default();
            html(
                e.status,
                &format!("Join {}", preview.organization),
                &invite_form(&token, &preview, Some(&message)),
            )
        }
        Err(e) => e.into_response(),
    }
}
