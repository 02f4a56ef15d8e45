//! Health probes, request ids and metrics.

use std::net::SocketAddr;

use orgdesk_api as api;
use reqwest::Method;
use uuid::Uuid;

use crate::both;
use crate::common::*;

fn header<'a>(response: &'a orgdesk_client::RawResponse, name: &str) -> &'a str {
    response
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

both!(health_probes_answer, |ts| {
    let client = ts.client();
    for (path, status) in [("/healthz", "ok"), ("/readyz", "ready")] {
        let response = client
            .raw(Method::GET, path, None, Vec::new())
            .await
            .unwrap();
        assert_eq!(response.status, 200, "{path}: {}", response.text());
        let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(body["status"], status, "{path}");
    }
});

both!(every_answer_has_a_request_id_that_problems_carry, |ts| {
    let client = ts.client();
    let (signed_in, _) = ts.register("rid@example.com", "Rid").await;
    let mut seen = std::collections::HashSet::new();
    // A success, a handler's problem, an extractor's problem, the fallback's 404,
    // the method fallback's 405, a 413 from the body limit.
    let cases: Vec<(orgdesk_client::RawResponse, u16)> = vec![
        (
            signed_in
                .raw(Method::GET, "/api/v1/me", None, Vec::new())
                .await
                .unwrap(),
            200,
        ),
        (
            client
                .raw(Method::GET, "/api/v1/me", None, Vec::new())
                .await
                .unwrap(),
            401,
        ),
        (
            client
                .raw(
                    Method::POST,
                    "/api/v1/auth/login",
                    Some("application/json"),
                    b"{".to_vec(),
                )
                .await
                .unwrap(),
            400,
        ),
        (
            client
                .raw(Method::GET, "/no/such/route", None, Vec::new())
                .await
                .unwrap(),
            404,
        ),
        (
            client
                .raw(Method::PUT, "/api/v1/auth/login", None, Vec::new())
                .await
                .unwrap(),
            405,
        ),
        (
            ts.client()
                .raw(
                    Method::POST,
                    "/api/v1/auth/register",
                    Some("application/json"),
                    vec![b' '; 3 * 1024 * 1024],
                )
                .await
                .unwrap(),
            413,
        ),
    ];
    for (response, status) in cases {
        assert_eq!(response.status, status, "{}", response.text());
        let id = header(&response, "x-request-id").to_string();
        assert!(Uuid::parse_str(&id).is_ok(), "status {status}: id {id:?}");
        assert!(seen.insert(id.clone()), "ids are unique: {id}");
        if status >= 400 {
            let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
            assert_eq!(
                body["instance"],
                id.as_str(),
                "{status}: {}",
                response.text()
            );
            assert_eq!(body["status"], status);
            assert!(
                header(&response, "content-type").starts_with("application/problem+json"),
                "{status}"
            );
        }
    }

    // A caller's (a proxy's) id is kept when it is a plain token…
    let traced = ts
        .client()
        .with_header("X-Request-Id", "edge-7f3a.42:1")
        .unwrap();
    let response = traced
        .raw(Method::GET, "/api/v1/me", None, Vec::new())
        .await
        .unwrap();
    assert_eq!(header(&response, "x-request-id"), "edge-7f3a.42:1");
    let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(body["instance"], "edge-7f3a.42:1");
    // …and replaced when it is not (too long, or characters that have no place in a log).
    for bad in ["x".repeat(300), "a b".to_string(), "<script>".to_string()] {
        let response = ts
            .client()
            .with_header("X-Request-Id", &bad)
            .unwrap()
            .raw(Method::GET, "/healthz", None, Vec::new())
            .await
            .unwrap();
        let id = header(&response, "x-request-id");
        assert!(Uuid::parse_str(id).is_ok(), "{bad:.20} answered as {id:?}");
    }
});

/// One sample's value from Prometheus text, by its full series name.
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0.0)
}

async fn scrape(addr: SocketAddr) -> String {
    let response = reqwest::get(format!("http://{addr}/metrics"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    response.text().await.unwrap()
}

// The metrics do not depend on the database: SQLite is enough.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_served_on_their_own_listener_only() {
    let ts = TestServer::start_with(Backend::Sqlite, |config| {
        config.metrics_listen = Some(SocketAddr::from(([127, 0, 0, 1], 0)));
    })
    .await;
    let metrics = ts.server.metrics_addr.expect("a metrics listener");
    assert_ne!(metrics, ts.server.addr);

    let before = scrape(metrics).await;
    let (_, account) = ts.register("metered@example.com", "Metered").await;
    let wrong = api::LoginRequest {
        email: "metered@example.com".into(),
        password: "not-the-password-at-all".into(),
        organization: None,
    };
    for _ in 0..3 {
        assert_eq!(code(ts.client().login(&wrong).await), "invalid_credentials");
    }
    // Raw paths with ids must not become labels.
    let org = Uuid::new_v4();
    let response = ts
        .client()
        .raw(
            Method::GET,
            &format!("/api/v1/orgs/{org}/groups"),
            None,
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(response.status, 401);
    let after = scrape(metrics).await;

    let failed = "orgdesk_logins_failed_total";
    assert!(
        sample(&after, failed) >= sample(&before, failed) + 3.0,
        "three failed logins counted:\n{after}"
    );
    let series = r#"orgdesk_http_requests_total{method="GET",route="/api/v1/orgs/{org}/groups",status="401"}"#;
    assert!(sample(&after, series) >= 1.0, "{series} in\n{after}");
    assert!(
        !after.contains(&org.to_string()),
        "a raw path became a label"
    );
    assert!(!after.contains(&account.id.to_string()));
    assert!(
        after.contains("orgdesk_http_request_duration_seconds_bucket{"),
        "{after}"
    );
    assert!(
        after.contains(r#"orgdesk_db_connections{state="idle"}"#),
        "{after}"
    );
    assert!(after.contains("orgdesk_mails_sent_total"), "{after}");

    // Not on the public listener, and the metrics listener serves nothing else.
    let public = ts
        .client()
        .raw(Method::GET, "/metrics", None, Vec::new())
        .await
        .unwrap();
    assert_eq!(public.status, 404);
    let other = reqwest::get(format!("http://{metrics}/api/v1/catalog"))
        .await
        .unwrap();
    assert_eq!(other.status(), 404);
    ts.finish().await;
}
