//! What every request passes through to be found again: an id (answered in
//! `X-Request-Id`, carried by its log span and by any problem as `instance`),
//! one log line, and its metrics. Also: errors produced outside handlers
//! (timeouts, limits, the fallbacks) become problem+json here.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use orgdesk_api::{Problem, codes};
use tower_http::request_id::{MakeRequestId, RequestId};
use tracing::Instrument;

use crate::error::AppError;
use crate::ops::metrics;

pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A new request id: a UUIDv7, so ids sort by time.
#[derive(Debug, Clone, Copy, Default)]
pub struct MakeRequestUuidV7;

impl MakeRequestId for MakeRequestUuidV7 {
    fn make_request_id<B>(&mut self, _request: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&uuid::Uuid::now_v7().to_string())
            .ok()
            .map(RequestId::new)
    }
}

/// A caller's own `X-Request-Id` (a proxy's, say) is kept when it is a short
/// token; anything else is dropped, and the server makes one.
pub async fn sanitize_request_id(mut request: Request, next: Next) -> Response {
    let acceptable = request.headers().get(&REQUEST_ID).is_none_or(|value| {
        (1..=128).contains(&value.len())
            && value
                .as_bytes()
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b))
    });
    if !acceptable {
        request.headers_mut().remove(&REQUEST_ID);
    }
    next.run(request).await
}

fn request_id(request: &Request) -> String {
    request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string()
}

/// Where [`matched`], inside the router, leaves the template of the route
/// a request matched for [`observe`], outside it.
#[derive(Clone, Default)]
struct MatchedRoute(Arc<OnceLock<MatchedPath>>);

/// Inside the router, once it has matched a route: its template, for the
/// request's span (handlers' log lines carry it) and for `observe`.
pub async fn matched(request: Request, next: Next) -> Response {
    let extensions = request.extensions();
    if let (Some(path), Some(slot)) = (
        extensions.get::<MatchedPath>(),
        extensions.get::<MatchedRoute>(),
    ) {
        tracing::Span::current().record("route", path.as_str());
        let _ = slot.0.set(path.clone());
    }
    next.run(request).await
}

/// One span and one log line per request, and its metrics, by route template.
pub async fn observe(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let matched = MatchedRoute::default();
    request.extensions_mut().insert(matched.clone());
    let span = tracing::info_span!(
        "request",
        id = %request_id(&request),
        %method,
        route = tracing::field::Empty
    );
    let response = next.run(request).instrument(span.clone()).await;
    let route = matched.0.get().map_or("unmatched", MatchedPath::as_str);
    if matched.0.get().is_none() {
        span.record("route", route);
    }
    let elapsed = started.elapsed();
    let status = response.status();
    let code = response
        .extensions()
        .get::<Problem>()
        .map(|p| p.code.as_str());
    span.in_scope(|| {
        let ms = elapsed.as_secs_f64() * 1000.0;
        if status.is_server_error() {
            tracing::warn!(status = status.as_u16(), ms, code, "answered");
        } else {
            tracing::info!(status = status.as_u16(), ms, code, "answered");
        }
    });
    metrics::record_request(&method, route, status, elapsed, code);
    response
}

/// Every problem answer gets the request id as `instance`; a bare error
/// (a timeout's 503, a limit's 413, an empty 405) becomes a problem first.
pub async fn problems(request: Request, next: Next) -> Response {
    let id = request_id(&request);
    let response = next.run(request).await;
    with_instance(response, id)
}

fn with_instance(mut response: Response, id: String) -> Response {
    let status = response.status();
    let problem = match response.extensions_mut().remove::<Problem>() {
        Some(problem) => problem,
        None if is_bare_error(&response) => bare_problem(status),
        None => return response,
    };
    let mut body = serde_json::to_value(&problem).unwrap_or_default();
    body["instance"] = serde_json::Value::String(id);
    *response.body_mut() = Body::from(serde_json::to_vec(&body).unwrap_or_default());
    let headers = response.headers_mut();
    headers.remove(CONTENT_LENGTH);
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    if status == StatusCode::SERVICE_UNAVAILABLE && !headers.contains_key(RETRY_AFTER) {
        headers.insert(RETRY_AFTER, HeaderValue::from(5));
    }
    // The unread rest of an oversized body makes the connection unusable.
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        headers.insert(CONNECTION, HeaderValue::from_static("close"));
    }
    response.extensions_mut().insert(problem);
    response
}

/// An error answer without a typed body: made by a layer, not a handler.
fn is_bare_error(response: &Response) -> bool {
    let status = response.status();
    let typed = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v != HeaderValue::from_static("text/plain; charset=utf-8"));
    (status.is_client_error() || status.is_server_error()) && !typed
}

fn bare_problem(status: StatusCode) -> Problem {
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => codes::PAYLOAD_TOO_LARGE,
        StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => codes::UNAVAILABLE,
        StatusCode::METHOD_NOT_ALLOWED => codes::METHOD_NOT_ALLOWED,
        StatusCode::NOT_FOUND => codes::NOT_FOUND,
        s if s.is_server_error() => codes::INTERNAL,
        _ => codes::BAD_REQUEST,
    };
    AppError::new(status, code, status.canonical_reason().unwrap_or("error")).problem()
}
