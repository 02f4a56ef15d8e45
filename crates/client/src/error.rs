//! What can go wrong talking to the platform, and how an HTTP answer becomes an [`Error`].

use std::fmt;
use std::sync::Arc;

use orgdesk_api::{Problem, codes};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};

/// A failed call. Cheap to clone so the console can keep it in its state.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The platform answered with a non-2xx status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The request never got an answer: connection refused, DNS, TLS, timeout.
    #[error("cannot reach the platform: {0}")]
    Network(Arc<reqwest::Error>),
    /// A 2xx answer whose body is not what the contract promises.
    #[error("unexpected answer: {0}")]
    Decode(Arc<str>),
    /// The client was given something that cannot go on the wire
    /// (a malformed base URL, header name or header value).
    #[error("invalid client setting: {0}")]
    Config(Arc<str>),
}

/// A problem answer (RFC 9457) with the HTTP facts around it.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status of the answer (which the problem body should repeat).
    pub status: u16,
    /// The problem body, or one synthesized with code `http_<status>` when the
    /// answer had none (a proxy's 502, a bare 405, …).
    pub problem: Problem,
    /// Seconds from a `Retry-After` header, e.g. on 429 `too_many_attempts`.
    pub retry_after: Option<u64>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `detail` speaks about this very occurrence; `title` only names the kind.
        f.write_str(
            self.problem
                .detail
                .as_deref()
                .unwrap_or(&self.problem.title),
        )
    }
}

impl Error {
    /// The problem's stable `code` (see `orgdesk_api::codes`), for API errors.
    pub fn code(&self) -> Option<&str> {
        self.api().map(|e| e.problem.code.as_str())
    }

    /// The HTTP status, for API errors.
    pub fn status(&self) -> Option<u16> {
        self.api().map(|e| e.status)
    }

    /// Seconds to wait before retrying, when the platform said so.
    pub fn retry_after(&self) -> Option<u64> {
        self.api().and_then(|e| e.retry_after)
    }

    /// The whole problem body, e.g. to show per-field validation errors.
    pub fn problem(&self) -> Option<&Problem> {
        self.api().map(|e| &e.problem)
    }

    /// True when the platform says the session is over: a 401 (revoked,
    /// expired), or a forced password reset pending (403
    /// `password_reset_required`: the session can only change the password).
    /// A wrong current password is a 401 too, but the session lives on.
    pub fn ends_session(&self) -> bool {
        match self.code() {
            Some(codes::PASSWORD_RESET_REQUIRED) => true,
            Some(codes::INVALID_CREDENTIALS) => false,
            _ => self.status() == Some(401),
        }
    }

    /// True when the platform could not be reached at all (worth a retry or
    /// an "offline" banner rather than an error message on a form).
    pub fn is_network(&self) -> bool {
        matches!(self, Self::Network(_))
    }

    fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(e) => Some(e),
            _ => None,
        }
    }

    pub(crate) fn config(msg: impl fmt::Display) -> Self {
        Self::Config(msg.to_string().into())
    }

    pub(crate) fn from_reqwest(err: reqwest::Error) -> Self {
        // A builder error is our own bad input (e.g. a Host value with a
        // newline), not an unreachable platform: don't show an offline banner.
        if err.is_builder() {
            Self::config(err)
        } else {
            Self::Network(Arc::new(err))
        }
    }
}

/// Most of a plain-text error body worth showing; more is noise.
const DETAIL_MAX_CHARS: usize = 300;

/// Turns a non-2xx answer into an [`Error::Api`].
///
/// The body is taken as a problem whenever it parses as one, whatever the
/// `Content-Type` says, because the code inside is what callers branch on.
pub(crate) fn error_from(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    let problem = serde_json::from_slice::<Problem>(body)
        .unwrap_or_else(|_| synthesize(status, headers, body));
    let retry_after = headers
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        // Only delta-seconds: the platform never sends the HTTP-date form.
        .and_then(|v| v.trim().parse::<u64>().ok());
    Error::Api(Box::new(ApiError {
        status: status.as_u16(),
        problem,
        retry_after,
    }))
}

fn synthesize(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Problem {
    let is_text = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.trim_start()
                .to_ascii_lowercase()
                .starts_with("text/plain")
        });
    // Frameworks answer some rejections (405, 415, 413) as short plain text
    // that says more than the status line does; HTML pages would be noise.
    let detail = is_text
        .then(|| std::str::from_utf8(body).ok())
        .flatten()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(|text| text.chars().take(DETAIL_MAX_CHARS).collect());
    Problem {
        kind: "about:blank".into(),
        title: status
            .canonical_reason()
            .map_or_else(|| format!("HTTP {}", status.as_u16()), str::to_owned),
        status: status.as_u16(),
        detail,
        code: format!("http_{}", status.as_u16()),
        ..Problem::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn problem_body_becomes_api_error() {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        headers.insert(RETRY_AFTER, HeaderValue::from_static("17"));
        let body = br#"{"type":"about:blank","title":"Too Many Requests","status":429,
            "detail":"Too many sign-in attempts; try again later.","code":"too_many_attempts"}"#;

        let err = error_from(StatusCode::TOO_MANY_REQUESTS, &headers, body);

        assert_eq!(err.code(), Some("too_many_attempts"));
        assert_eq!(err.status(), Some(429));
        assert_eq!(err.retry_after(), Some(17));
        assert!(!err.is_network());
        assert_eq!(
            err.to_string(),
            "Too many sign-in attempts; try again later."
        );
    }

    #[test]
    fn only_the_platform_ending_the_session_ends_it() {
        let refusal = |status: StatusCode, code: &str| {
            let body = format!(
                r#"{{"type":"about:blank","title":"t","status":{},"code":"{code}"}}"#,
                status.as_u16()
            );
            error_from(status, &HeaderMap::new(), body.as_bytes())
        };
        assert!(refusal(StatusCode::UNAUTHORIZED, codes::UNAUTHENTICATED).ends_session());
        assert!(refusal(StatusCode::FORBIDDEN, codes::PASSWORD_RESET_REQUIRED).ends_session());
        // A proxy's bare 401 too.
        assert!(error_from(StatusCode::UNAUTHORIZED, &HeaderMap::new(), b"").ends_session());
        assert!(!refusal(StatusCode::UNAUTHORIZED, codes::INVALID_CREDENTIALS).ends_session());
        assert!(!refusal(StatusCode::FORBIDDEN, codes::FORBIDDEN).ends_session());
        assert!(!Error::config("bad").ends_session());
    }

    #[test]
    fn validation_errors_are_kept_and_title_shows_without_detail() {
        let body = br#"{"type":"about:blank","title":"Validation failed","status":422,"code":"validation_failed",
            "errors":[{"field":"email","code":"invalid","message":"not an email address"}]}"#;

        let err = error_from(StatusCode::UNPROCESSABLE_ENTITY, &HeaderMap::new(), body);

        assert_eq!(err.to_string(), "Validation failed");
        let problem = err.problem().expect("an API error");
        assert_eq!(problem.errors.len(), 1);
        assert_eq!(problem.errors[0].field, "email");
        assert_eq!(err.retry_after(), None);
    }

    #[test]
    fn answer_without_problem_body_gets_a_synthesized_one() {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));

        let err = error_from(
            StatusCode::BAD_GATEWAY,
            &headers,
            b"<html>upstream down</html>",
        );

        assert_eq!(err.code(), Some("http_502"));
        assert_eq!(err.status(), Some(502));
        assert_eq!(err.to_string(), "Bad Gateway");
    }

    #[test]
    fn plain_text_body_becomes_the_detail() {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );

        let err = error_from(
            StatusCode::METHOD_NOT_ALLOWED,
            &headers,
            b"  Method not allowed here\n",
        );

        assert_eq!(err.code(), Some("http_405"));
        assert_eq!(err.to_string(), "Method not allowed here");
    }
}
