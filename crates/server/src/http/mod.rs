//! The HTTP surface: one module per resource, assembled here with the
//! middleware every route shares.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod caller_cache;
pub mod checkout;
pub mod domains;
pub mod drain;
pub mod extract;
pub mod governance;
pub mod groups;
pub mod health;
pub mod html;
pub mod invitations;
pub mod member_admin;
pub mod members;
pub mod observe;
pub mod openapi;
pub mod orgs;
pub mod overview;
pub mod pages;
pub mod params;
pub mod profile;
pub mod reviews;
pub mod wizard;

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::middleware;
use axum::routing::get;
use orgdesk_api::codes;
use tower::ServiceBuilder;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::error::AppError;
use crate::state::AppState;
use observe::{MakeRequestUuidV7, REQUEST_ID};
use openapi::ProblemAnswers;

/// JSON bodies are small; a bulk edit of 20,000 changes fits well within this.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

#[derive(OpenApi)]
#[openapi(
    info(title = "Orgdesk admin API", description = "The contract between the Orgdesk console and the platform server. Errors are application/problem+json with a stable `code`; every answer carries `X-Request-Id`, and a problem carries it as `instance`."),
    components(schemas(orgdesk_api::Problem, orgdesk_api::FieldError, orgdesk_api::MemberSort)),
    modifiers(&BearerAuth),
    tags((name = "accounts"), (name = "organizations"), (name = "groups"), (name = "members"), (name = "invitations"), (name = "governance", description = "Permission snapshots and access reviews"), (name = "domains", description = "Email domains an organization proves over DNS; it manages their accounts"), (name = "operations", description = "Health probes for load balancers"))
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
        .merge(overview::routes())
        .merge(member_admin::routes())
        .merge(governance::routes())
        .merge(reviews::routes())
        .merge(profile::routes())
        .merge(audit::routes())
        .merge(wizard::routes())
        .merge(domains::routes())
        .merge(health::routes())
        .split_for_parts();
    // After the merge: the routes' operations exist only now.
    let mut openapi = openapi;
    ProblemAnswers.modify(&mut openapi);
    let openapi = axum::body::Bytes::from(serde_json::to_vec(&openapi).unwrap_or_default());
    let routes = api
        .route(
            "/api/v1/openapi.json",
            get(move || async move { ([(CONTENT_TYPE, "application/json")], openapi.clone()) }),
        )
        .merge(pages::routes())
        .merge(checkout::routes())
        .fallback(|| async { AppError::not_found("route") })
        .method_not_allowed_fallback(|| async {
            AppError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                codes::METHOD_NOT_ALLOWED,
                "this route does not take that method",
            )
        })
        // The one layer of each route: which route matched, for `observe`.
        .layer(middleware::from_fn(observe::matched))
        .with_state(state);
    // The middleware every request passes through wraps the router once:
    // layers of a route are boxed with it and the box is cloned, layer by
    // layer, on every request (11k of a gated read's ~143k instructions);
    // these are cloned by value. Listed outermost first: the request id is
    // set before anything else runs.
    let shared = ServiceBuilder::new()
        .layer(middleware::from_fn(observe::sanitize_request_id))
        .layer(SetRequestIdLayer::new(
            REQUEST_ID.clone(),
            MakeRequestUuidV7,
        ))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
        .layer(middleware::from_fn(observe::observe))
        .layer(middleware::from_fn(observe::problems))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(60),
        ))
        .layer(middleware::from_fn(drain::unread_rest))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .service(routes);
    Router::new().fallback_service(shared)
}
