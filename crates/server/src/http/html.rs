//! Small HTML pages (the links in mail, the sandbox's checkout): one frame
//! with strict headers, and escaping.

use axum::http::StatusCode;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::response::{IntoResponse, Response};

pub use crate::mail::escape;

/// A page with strict headers: no scripts, no framing, no referrer (the token is in the URL).
pub fn html(status: StatusCode, title: &str, body: &str) -> Response {
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
            // Same-origin only: the token in the URL never leaves, and form posts keep a real `Origin`.
            (REFERRER_POLICY, "same-origin"),
        ],
        page,
    )
        .into_response()
}
