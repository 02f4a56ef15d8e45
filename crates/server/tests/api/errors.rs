//! How the server answers what it cannot serve: always a problem+json with a
//! stable code, never a trace or SQL.

use orgdesk_api as api;
use orgdesk_client::RawResponse;
use reqwest::Method;

use crate::both;
use crate::common::*;

/// Checks `response` is a clean problem answer with `status` and `code`.
fn assert_problem(what: &str, response: &RawResponse, status: u16, code: &str) {
    let text = response.text();
    assert_eq!(response.status, status, "{what}: {text}");
    let content_type = response
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        content_type.starts_with("application/problem+json"),
        "{what}: content type {content_type:?}"
    );
    let body: serde_json::Value = serde_json::from_slice(&response.body)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text}"));
    for field in ["type", "title", "code"] {
        assert!(
            body[field].as_str().is_some_and(|s| !s.is_empty()),
            "{what}: no {field} in {text}"
        );
    }
    assert_eq!(body["status"].as_u64(), Some(u64::from(status)), "{what}");
    assert_eq!(body["code"].as_str(), Some(code), "{what}: {text}");
    for leak in ["sqlx", "SELECT", "panicked", "INSERT", "stack backtrace"] {
        assert!(!text.contains(leak), "{what}: {leak} in {text}");
    }
}

const JSON: Option<&str> = Some("application/json");

both!(malformed_requests_get_problems, |ts| {
    let anonymous = ts.client();
    let (signed_in, _) = ts.register("ruth@example.com", "Ruth").await;
    let login = |body: &[u8], content_type: Option<&'static str>| {
        let anonymous = anonymous.clone();
        let body = body.to_vec();
        async move {
            anonymous
                .raw(Method::POST, "/api/v1/auth/login", content_type, body)
                .await
                .unwrap()
        }
    };

    // Syntax errors.
    for body in [
        &b"{\"email\": "[..],
        b"not json at all",
        b"{\"email\":\"a@b.c\",\"password\":\"x\",}",
    ] {
        assert_problem("bad JSON", &login(body, JSON).await, 400, "invalid_json");
    }
    // A JSON body of another content type, or none.
    let valid = serde_json::to_vec(&api::LoginRequest {
        email: "ruth@example.com".into(),
        password: PASSWORD.into(),
        organization: None,
    })
    .unwrap();
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        assert_problem(
            &format!("content type {content_type:?}"),
            &login(&valid, content_type).await,
            415,
            "unsupported_media_type",
        );
    }
    // The same body as JSON is fine (so the refusals above were about the type).
    let ok = login(&valid, JSON).await;
    assert_eq!(ok.status, 200, "{}", ok.text());

    // A wrong shape: a missing field, a wrong type.
    assert_problem(
        "missing password",
        &login(br#"{"email":"ruth@example.com"}"#, JSON).await,
        422,
        "validation_failed",
    );
    assert_problem(
        "number as password",
        &login(br#"{"email":"ruth@example.com","password":12}"#, JSON).await,
        422,
        "validation_failed",
    );

    // Too large: 3 MiB of valid JSON.
    let huge = serde_json::to_vec(&api::RegisterRequest {
        email: "huge@example.com".into(),
        password: "p".repeat(3 * 1024 * 1024),
        name: "Huge".into(),
    })
    .unwrap();
    assert!(huge.len() > 3 * 1024 * 1024);
    // (A client of its own: see `oversized_body_closes_the_connection_cleanly`.)
    let response = ts
        .client()
        .raw(Method::POST, "/api/v1/auth/register", JSON, huge)
        .await
        .unwrap();
    assert_problem("3 MiB body", &response, 413, "payload_too_large");

    // Unknown fields are refused, not ignored: nobody verifies their own email.
    let sneaky = br#"{"email":"sneaky@example.com","password":"violet-harbor-7-lantern","name":"Sneaky","email_verified":true}"#;
    let response = anonymous
        .raw(Method::POST, "/api/v1/auth/register", JSON, sneaky.to_vec())
        .await
        .unwrap();
    assert_problem("unknown field", &response, 422, "validation_failed");
    assert!(
        response.text().contains("email_verified"),
        "{}",
        response.text()
    );
    assert_eq!(
        code(
            anonymous
                .login(&api::LoginRequest {
                    email: "sneaky@example.com".into(),
                    password: PASSWORD.into(),
                    organization: None,
                })
                .await
        ),
        "invalid_credentials",
        "the refused registration created no account"
    );
    assert_eq!(ts.link_token("sneaky@example.com", "verify-email"), None);

    // Unknown routes.
    for path in [
        "/api/v1/nope",
        "/api/v2/auth/login",
        "/nothing-here",
        "/api/v1/orgs/acme/nope",
    ] {
        let response = signed_in
            .raw(Method::GET, path, None, Vec::new())
            .await
            .unwrap();
        assert_problem(path, &response, 404, "not_found");
    }
    // An id that is no id is not found either.
    let response = signed_in
        .raw(
            Method::DELETE,
            "/api/v1/me/sessions/not-a-uuid",
            None,
            Vec::new(),
        )
        .await
        .unwrap();
    assert_problem("bad id", &response, 404, "not_found");

    // Wrong methods.
    for (method, path) in [
        (Method::DELETE, "/api/v1/auth/login"),
        (Method::GET, "/api/v1/auth/register"),
        (Method::PUT, "/api/v1/me"),
    ] {
        let response = signed_in
            .raw(method.clone(), path, JSON, b"{}".to_vec())
            .await
            .unwrap();
        assert_problem(
            &format!("{method} {path}"),
            &response,
            405,
            "method_not_allowed",
        );
    }

    // A malformed query.
    let response = signed_in
        .raw(
            Method::GET,
            "/api/v1/me/sessions?limit=many",
            None,
            Vec::new(),
        )
        .await
        .unwrap();
    assert_problem("bad limit", &response, 400, "bad_request");

    // No token, or a token that is no session.
    for path in [
        "/api/v1/me",
        "/api/v1/me/sessions",
        "/api/v1/orgs/acme/groups",
    ] {
        let response = anonymous
            .raw(Method::GET, path, None, Vec::new())
            .await
            .unwrap();
        assert_problem(
            &format!("no token for {path}"),
            &response,
            401,
            "unauthenticated",
        );
    }
    let real = signed_in.token().unwrap().to_string();
    for garbage in [
        "garbage".to_string(),
        "ods_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_string(),
        format!("{real}x"),
        real[..real.len() - 1].to_string(),
        "x".repeat(5000),
        "' OR 1=1 --".to_string(),
    ] {
        let response = ts
            .client()
            .with_token(garbage.clone())
            .raw(Method::GET, "/api/v1/me", None, Vec::new())
            .await
            .unwrap();
        assert_problem(
            &format!("token {garbage:.20}"),
            &response,
            401,
            "unauthenticated",
        );
    }
    // Another scheme than Bearer is no token either.
    let response = ts
        .client()
        .with_header("Authorization", &format!("Basic {real}"))
        .unwrap()
        .raw(Method::GET, "/api/v1/me", None, Vec::new())
        .await
        .unwrap();
    assert_problem("basic auth", &response, 401, "unauthenticated");
    // The real token still works after all that.
    signed_in.me().await.unwrap();
});

both!(openapi_document, |ts| {
    let doc = ts.client().openapi().await.unwrap();
    let version = doc["openapi"].as_str().expect("an openapi version");
    assert!(version.starts_with("3."), "{version}");
    let paths = doc["paths"].as_object().expect("paths");
    for path in [
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/me",
        "/api/v1/me/sessions",
        "/api/v1/orgs/{org}/groups/bulk",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    assert!(doc["paths"]["/api/v1/auth/login"]["post"].is_object());
    let schemes = doc["components"]["securitySchemes"]
        .as_object()
        .expect("security schemes");
    assert!(
        schemes.values().any(|s| s["type"] == "http"
            && s["scheme"]
                .as_str()
                .is_some_and(|v| v.eq_ignore_ascii_case("bearer"))),
        "{schemes:?}"
    );
    // Routes that need a session say so.
    assert!(doc["paths"]["/api/v1/me"]["get"]["security"].is_array());
});

// After refusing a body it did not read, the server drops the connection; it
// must say so (`Connection: close`, RFC 9112 §9.6) or a client that pools
// connections sends its next request into a closing socket and fails.
both!(oversized_body_closes_the_connection_cleanly, |ts| {
    let client = ts.client();
    // 3 MiB fits in loopback's socket buffers; 24 MiB does not, so the client is
    // still sending when the answer is ready (a reset unless the server drains).
    let sizes = [3 * 1024 * 1024, 24 * 1024 * 1024];
    let sneaky =
        br#"{"email":"x@example.com","password":"violet-harbor-7-lantern","name":"X","x":1}"#;
    for round in 0..10 {
        let huge = vec![b' '; sizes[round % 2]];
        let response = client
            .raw(Method::POST, "/api/v1/auth/register", JSON, huge)
            .await
            .unwrap();
        assert_problem("3 MiB body", &response, 413, "payload_too_large");
        let connection = response
            .headers
            .get("connection")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(
            connection.eq_ignore_ascii_case("close"),
            "round {round}: a 413 without Connection: close ({:?})",
            response.headers
        );
        // The same client (same connection pool) goes on working.
        let next = client
            .raw(Method::POST, "/api/v1/auth/register", JSON, sneaky.to_vec())
            .await
            .unwrap_or_else(|e| panic!("round {round}: the request after a 413 failed: {e:?}"));
        assert_problem("after 413", &next, 422, "validation_failed");
    }
});

/// Two transactions that lock the same rows in opposite order: PostgreSQL
/// rolls one back (deadlock_detected). Nothing was changed and the request
/// may be sent again, so the server answers 503 with Retry-After, not 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_deadlock_is_a_retryable_503() {
    use axum::response::IntoResponse;
    use sqlx::{Connection, Executor};

    if postgres_server().is_none() {
        eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (url, name) = fresh_database(Backend::Postgres, dir.path()).await;
    let mut setup = sqlx::PgConnection::connect(&url).await.unwrap();
    setup
        .execute(
            "CREATE TABLE pair (id INT PRIMARY KEY, n INT); INSERT INTO pair VALUES (1, 0), (2, 0)",
        )
        .await
        .unwrap();
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(2));
    let crossing = |first: i32, second: i32| {
        let (url, barrier) = (url.clone(), barrier.clone());
        tokio::spawn(async move {
            let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
            let mut tx = conn.begin().await.unwrap();
            let bump = |id: i32| format!("UPDATE pair SET n = n + 1 WHERE id = {id}");
            tx.execute(bump(first).as_str()).await.unwrap();
            barrier.wait().await;
            let result = tx.execute(bump(second).as_str()).await;
            if result.is_ok() {
                tx.commit().await.unwrap();
            }
            result.err()
        })
    };
    let (a, b) = (crossing(1, 2), crossing(2, 1));
    let errors: Vec<sqlx::Error> = [a.await.unwrap(), b.await.unwrap()]
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(
        errors.len(),
        1,
        "PostgreSQL rolls exactly one back: {errors:?}"
    );
    let error = errors.into_iter().next().unwrap();
    assert!(
        orgdesk_server::error::is_transient_conflict(&error),
        "{error:?}"
    );
    let response = orgdesk_server::error::AppError::from(error).into_response();
    assert_eq!(response.status(), 503);
    assert!(response.headers().contains_key("retry-after"));
    // Other errors stay what they were.
    let missing = sqlx::query("SELECT * FROM no_such_table")
        .execute(&mut setup)
        .await
        .unwrap_err();
    assert!(!orgdesk_server::error::is_transient_conflict(&missing));
    assert_eq!(
        orgdesk_server::error::AppError::from(missing)
            .into_response()
            .status(),
        500
    );
    setup.close().await.ok();
    if let Some(name) = name {
        drop_database(&name).await;
    }
}
