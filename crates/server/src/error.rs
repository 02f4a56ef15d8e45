//! One error type for every handler, answered as `application/problem+json`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use orgdesk_api::{FieldError, Problem, codes};

#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: Option<String>,
    pub errors: Vec<FieldError>,
    pub retry_after: Option<u64>,
    /// What a `permission_escalation` is about (boxed: most errors have none).
    pub escalation: Option<Box<Escalation>>,
    /// The cause of a 5xx: logged, never sent.
    pub internal: Option<anyhow::Error>,
}

pub type AppResult<T> = Result<T, AppError>;

/// The structured members of a `permission_escalation` problem.
#[derive(Debug, Clone, Default)]
pub struct Escalation {
    /// The group concerned, when the refusal is about changing one.
    pub group: Option<orgdesk_api::GroupRef>,
    /// The permission keys the caller lacks.
    pub missing: Vec<String>,
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            status,
            code,
            detail: Some(detail.into()),
            errors: Vec::new(),
            retry_after: None,
            escalation: None,
            internal: None,
        }
    }

    /// 403 `permission_escalation`: the caller lacks `missing` (permission
    /// keys), optionally to change `group`.
    pub fn escalation(
        detail: impl Into<String>,
        missing: Vec<String>,
        group: Option<orgdesk_api::GroupRef>,
    ) -> Self {
        Self {
            escalation: Some(Box::new(Escalation { group, missing })),
            ..Self::forbidden(codes::PERMISSION_ESCALATION, detail)
        }
    }

    /// 422 `weak_password` naming the field and why.
    pub fn weak_password(weakness: &crate::domain::password::Weakness, field: &str) -> Self {
        let mut err = Self::validation(vec![FieldError {
            field: field.into(),
            code: codes::WEAK_PASSWORD.into(),
            message: weakness.message(),
        }]);
        err.code = codes::WEAK_PASSWORD;
        err
    }

    /// 429 `rate_limited`: a rate for an organization or an address was exceeded.
    pub fn rate_limited(retry_after_secs: u64, detail: impl Into<String>) -> Self {
        Self {
            retry_after: Some(retry_after_secs.max(1)),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, codes::RATE_LIMITED, detail)
        }
    }

    /// 503 `busy`: the bounded pool for password hashing or image decoding is full.
    pub fn busy() -> Self {
        Self {
            retry_after: Some(1),
            ..Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                codes::BUSY,
                "the server is busy; try again in a moment",
            )
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            codes::NOT_FOUND,
            format!("{what} not found"),
        )
    }

    pub fn unauthenticated(detail: &str) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, codes::UNAUTHENTICATED, detail)
    }

    pub fn forbidden(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, code, detail)
    }

    pub fn missing_permission(permission: &str) -> Self {
        Self::forbidden(
            codes::FORBIDDEN,
            format!("this needs the permission {permission}"),
        )
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, detail)
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, codes::BAD_REQUEST, detail)
    }

    /// 422 with one entry per invalid field.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let detail = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            errors,
            ..Self::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                codes::VALIDATION_FAILED,
                detail,
            )
        }
    }

    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }])
    }

    pub fn too_many(retry_after_secs: u64) -> Self {
        Self {
            retry_after: Some(retry_after_secs.max(1)),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                codes::TOO_MANY_ATTEMPTS,
                "too many failed attempts; try again later",
            )
        }
    }

    pub fn internal(err: impl Into<anyhow::Error>) -> Self {
        Self {
            internal: Some(err.into()),
            ..Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                codes::INTERNAL,
                "the server failed to answer; it has been logged",
            )
        }
    }

    pub fn problem(&self) -> Problem {
        Problem {
            kind: format!("urn:orgdesk:problem:{}", self.code),
            title: self
                .status
                .canonical_reason()
                .unwrap_or("Error")
                .to_string(),
            status: self.status.as_u16(),
            detail: self.detail.clone(),
            code: self.code.to_string(),
            errors: self.errors.clone(),
            group: self.escalation.as_ref().and_then(|e| e.group.clone()),
            missing: self
                .escalation
                .as_ref()
                .map(|e| e.missing.clone())
                .unwrap_or_default(),
        }
    }

    /// 503 with `Retry-After`: the database cannot be reached right now.
    pub fn database_unavailable(err: impl Into<anyhow::Error>) -> Self {
        let err = err.into();
        tracing::warn!(error = %err, "the database is unavailable");
        Self {
            retry_after: Some(2),
            ..Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                codes::UNAVAILABLE,
                "the database cannot be reached; try again shortly",
            )
        }
    }
}

/// Whether `err` says the database is out of reach (down, restarting, the
/// connection cut) rather than that a query was wrong: that is a 503, not a 500.
pub fn is_database_outage(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        // SQLSTATE class 08 (connection exception), 57P0x (the server shut
        // down or is starting), 53300 (too many connections).
        sqlx::Error::Database(e) => e.code().is_some_and(|code| {
            code.starts_with("08") || code.starts_with("57P0") || code == "53300"
        }),
        _ => false,
    }
}

/// Whether the database rolled the transaction back because another one
/// conflicted with it (PostgreSQL's deadlock_detected 40P01 or
/// serialization_failure 40001): nothing was changed and the same request
/// succeeds when sent again, so it is a 503 with Retry-After, not a 500.
pub fn is_transient_conflict(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.code().is_some_and(|code| code == "40P01" || code == "40001"))
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        if is_database_outage(&err) {
            return Self::database_unavailable(err);
        }
        if is_transient_conflict(&err) {
            tracing::warn!(error = %err, "a transaction lost a conflict; the client may retry");
            return Self::busy();
        }
        Self::internal(err)
    }
}

impl From<anyhow::Error> for AppError {
    fn from(err: anyhow::Error) -> Self {
        if err
            .chain()
            .filter_map(|cause| cause.downcast_ref::<sqlx::Error>())
            .any(is_database_outage)
        {
            return Self::database_unavailable(err);
        }
        if err
            .chain()
            .filter_map(|cause| cause.downcast_ref::<sqlx::Error>())
            .any(is_transient_conflict)
        {
            tracing::warn!(error = %err, "a transaction lost a conflict; the client may retry");
            return Self::busy();
        }
        Self::internal(err)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Some(cause) = &self.internal {
            tracing::error!(error = ?cause, "request failed");
        }
        problem_response(&self.problem(), self.retry_after)
    }
}

pub fn problem_response(problem: &Problem, retry_after: Option<u64>) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    if let Some(secs) = retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    // The unread rest of an oversized body makes the connection unusable:
    // say so, or a client reusing it sends its next request into a closed socket.
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    // The middleware adds the request id (`instance`) from here.
    response.extensions_mut().insert(problem.clone());
    response
}
