//! Extractors whose rejections speak problem+json like every other error.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use orgdesk_api::codes;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON body; a wrong content type is 415, bad syntax 400, a wrong shape 422, too big 413.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        if !is_json(req.headers()) {
            return Err(not_json());
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    codes::PAYLOAD_TOO_LARGE,
                    "the body is larger than this route accepts",
                )
            } else {
                AppError::bad_request(e.body_text())
            }
        })?;
        let axum::Json(value) =
            axum::Json::<T>::from_bytes(&bytes).map_err(|e| json_rejection(&e))?;
        // serde fills a struct from an array too (`[null, null]`): every body here is an object.
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                codes::VALIDATION_FAILED,
                "the body must be a JSON object",
            ));
        }
        Ok(Self(value))
    }
}

/// `application/json` or `application/…+json`, as axum's `Json` accepts.
fn is_json(headers: &axum::http::HeaderMap) -> bool {
    let Some(value) = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn not_json() -> AppError {
    AppError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        codes::UNSUPPORTED_MEDIA_TYPE,
        "send the body as Content-Type: application/json",
    )
}

fn json_rejection(rejection: &JsonRejection) -> AppError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => not_json(),
        JsonRejection::JsonSyntaxError(e) => {
            AppError::new(StatusCode::BAD_REQUEST, codes::INVALID_JSON, e.body_text())
        }
        JsonRejection::JsonDataError(e) => AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::VALIDATION_FAILED,
            e.body_text(),
        ),
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            codes::PAYLOAD_TOO_LARGE,
            "the body is larger than this route accepts",
        ),
        other => AppError::new(other.status(), codes::BAD_REQUEST, other.body_text()),
    }
}

/// Query parameters; a malformed one is 400 with the reason.
pub struct QueryParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryParams<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| Self(v))
            .map_err(|e: QueryRejection| AppError::bad_request(e.body_text()))
    }
}

/// Path parameters; an id that does not parse is simply not found.
pub struct PathParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PathParams<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(v)| Self(v))
            .map_err(|_: PathRejection| AppError::not_found("resource"))
    }
}

/// All path parameters by name, for extractors that need `{org}`.
pub async fn path_map<S: Send + Sync>(parts: &mut Parts, state: &S) -> HashMap<String, String> {
    Path::<HashMap<String, String>>::from_request_parts(parts, state)
        .await
        .map(|Path(m)| m)
        .unwrap_or_default()
}
