//! The HTTP surface: one module per resource, assembled here with the
//! middleware every route shares.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod domains;
pub mod extract;
pub mod groups;
pub mod invitations;
pub mod member_admin;
pub mod members;
pub mod orgs;
pub mod pages;
pub mod profile;
pub mod throttle;
pub mod wizard;

use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use orgdesk_api::codes;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::error::{AppError, problem_response};
use crate::state::AppState;

/// JSON bodies are small; a bulk edit of 20,000 changes fits well within this.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

#[derive(OpenApi)]
#[openapi(
    info(title = "Orgdesk admin API", description = "The contract between the Orgdesk console and the platform server. Errors are application/problem+json with a stable `code`."),
    modifiers(&BearerAuth),
    tags((name = "accounts"), (name = "organizations"), (name = "groups"), (name = "members"), (name = "invitations"), (name = "domains"))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("opaque")
                    .build(),
            ),
        );
    }
}

pub fn router(state: AppState) -> Router {
    let (api, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(accounts::routes())
        .merge(orgs::routes())
        .merge(groups::routes())
        .merge(invitations::routes())
        .merge(members::routes())
        .merge(member_admin::routes())
        .merge(profile::routes())
        .merge(audit::routes())
        .merge(wizard::routes())
        .merge(domains::routes())
        .split_for_parts();
    let openapi = std::sync::Arc::new(openapi);
    api.route(
        "/api/v1/openapi.json",
        get(move || async move { Json(openapi.as_ref().clone()) }),
    )
    .merge(pages::routes())
    .merge(crate::payment::sandbox::Sandbox::routes())
    .fallback(|| async { AppError::not_found("route") })
    .method_not_allowed_fallback(|| async {
        AppError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            codes::METHOD_NOT_ALLOWED,
            "this route does not take that method",
        )
    })
    .layer(middleware::from_fn(problem_for_bare_errors))
    .layer(DefaultBodyLimit::max(BODY_LIMIT))
    .layer(TimeoutLayer::with_status_code(
        StatusCode::SERVICE_UNAVAILABLE,
        Duration::from_secs(60),
    ))
    .layer(TraceLayer::new_for_http())
    .with_state(state)
}

/// Errors produced outside handlers (timeouts, limits) as problem+json too.
async fn problem_for_bare_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let typed = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v != HeaderValue::from_static("text/plain; charset=utf-8"));
    if !(status.is_client_error() || status.is_server_error()) || typed {
        return response;
    }
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => codes::PAYLOAD_TOO_LARGE,
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => codes::UNAVAILABLE,
        StatusCode::METHOD_NOT_ALLOWED => codes::METHOD_NOT_ALLOWED,
        StatusCode::NOT_FOUND => codes::NOT_FOUND,
        s if s.is_server_error() => codes::INTERNAL,
        _ => codes::BAD_REQUEST,
    };
    let retry_after = response
        .headers()
        .get(axum::http::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok()?.parse().ok());
    let err = AppError::new(status, code, status.canonical_reason().unwrap_or("error"));
    problem_response(&err.problem(), retry_after).into_response()
}
