//! Parameters many routes share: paging and optimistic concurrency.

use axum::http::{HeaderMap, StatusCode};
use orgdesk_api::{self as api, codes};

use crate::error::{AppError, AppResult};

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// `?limit=` within 1..=500, 50 by default.
pub fn limit_of(limit: Option<u32>) -> AppResult<u32> {
    match limit {
        None => Ok(api::DEFAULT_LIMIT),
        Some(n) if (1..=api::MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(AppError::field(
            "limit",
            "out_of_range",
            format!("use 1 to {}", api::MAX_LIMIT),
        )),
    }
}

/// `If-Match: "<version>"` (quotes optional); `None` when absent.
pub fn if_match(headers: &HeaderMap) -> AppResult<Option<i64>> {
    match headers.get(axum::http::header::IF_MATCH) {
        None => Ok(None),
        Some(value) => value
            .to_str()
            .ok()
            .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
            .and_then(|v| v.parse().ok())
            .map(Some)
            .ok_or_else(|| {
                AppError::bad_request("If-Match must be the version number read, e.g. \"3\"")
            }),
    }
}

pub fn stale(expected: Option<i64>, current: i64) -> AppResult<()> {
    match expected {
        Some(v) if v != current => Err(AppError::new(
            StatusCode::PRECONDITION_FAILED,
            codes::STALE_VERSION,
            format!(
                "someone changed this since you read it (version {v}, now {current}); reload and try again"
            ),
        )),
        _ => Ok(()),
    }
}
