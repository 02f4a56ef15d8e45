//! Prometheus metrics: recorded with the `metrics` macros where things happen,
//! rendered at `/metrics` on the `--metrics-listen` address only, never on the
//! public listener.
//!
//! The recorder is process-wide (the `metrics` facade has one): installed by
//! the first server that asks for metrics. Until then every macro is a no-op.

use std::sync::OnceLock;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use metrics::{counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::store::Db;

const REQUESTS: &str = "orgdesk_http_requests_total";
const DURATION: &str = "orgdesk_http_request_duration_seconds";
const PROBLEMS: &str = "orgdesk_http_problems_total";
const DB_CONNECTIONS: &str = "orgdesk_db_connections";
const LOGINS_FAILED: &str = "orgdesk_logins_failed_total";
const LOGINS_THROTTLED: &str = "orgdesk_logins_throttled_total";
const MAILS_SENT: &str = "orgdesk_mails_sent_total";
const MAILS_FAILED: &str = "orgdesk_mails_failed_total";

/// Request durations from a cache hit to a slow bulk edit.
const DURATION_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

static RECORDER: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process's recorder (once) and answers its handle; `None` when
/// another recorder was installed first.
pub fn enable() -> Option<PrometheusHandle> {
    RECORDER
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(DURATION.into()), DURATION_BUCKETS)
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            if let Err(error) = metrics::set_global_recorder(recorder) {
                tracing::warn!(%error, "metrics: another recorder is installed");
                return None;
            }
            describe();
            // Histograms keep samples until rendered or drained: drain them
            // even when nobody scrapes. A thread, as servers come and go with
            // their runtimes (tests) while the recorder stays.
            let upkeep = handle.clone();
            let _ = std::thread::Builder::new()
                .name("metrics-upkeep".into())
                .spawn(move || {
                    loop {
                        std::thread::sleep(Duration::from_secs(5));
                        upkeep.run_upkeep();
                    }
                });
            Some(handle)
        })
        .clone()
}

fn describe() {
    describe_counter!(
        REQUESTS,
        "HTTP requests answered, by method, route template and status"
    );
    describe_histogram!(
        DURATION,
        metrics::Unit::Seconds,
        "Time to answer an HTTP request, by method and route template"
    );
    describe_counter!(PROBLEMS, "problem+json answers, by their code");
    describe_gauge!(
        DB_CONNECTIONS,
        "Database pool connections, by state (in_use, idle)"
    );
    describe_counter!(LOGINS_FAILED, "Logins refused for wrong credentials");
    describe_counter!(LOGINS_THROTTLED, "Logins refused by the throttle (429)");
    describe_counter!(MAILS_SENT, "Mails handed to SMTP or written to the outbox");
    describe_counter!(MAILS_FAILED, "Mails that could not be sent");
    // Present (at 0) before the first event, so alerts can use rate().
    for name in [LOGINS_FAILED, LOGINS_THROTTLED, MAILS_SENT, MAILS_FAILED] {
        counter!(name).increment(0);
    }
}

/// Counts one answered request. `route` is the route template (`/api/v1/orgs/{org}`),
/// never the raw path, so the number of series stays bounded.
pub fn record_request(
    method: &Method,
    route: &str,
    status: StatusCode,
    elapsed: Duration,
    problem_code: Option<&str>,
) {
    if RECORDER.get().is_none_or(Option::is_none) {
        return;
    }
    let method = known_method(method);
    counter!(REQUESTS, "method" => method, "route" => route.to_string(), "status" => status.as_str().to_string())
        .increment(1);
    histogram!(DURATION, "method" => method, "route" => route.to_string())
        .record(elapsed.as_secs_f64());
    if let Some(code) = problem_code {
        counter!(PROBLEMS, "code" => code.to_string()).increment(1);
    }
    if route == "/api/v1/auth/login" {
        match status {
            StatusCode::UNAUTHORIZED => counter!(LOGINS_FAILED).increment(1),
            StatusCode::TOO_MANY_REQUESTS => counter!(LOGINS_THROTTLED).increment(1),
            _ => {}
        }
    }
}

/// Counts one mail, sent or not.
pub fn record_mail(sent: bool) {
    counter!(if sent { MAILS_SENT } else { MAILS_FAILED }).increment(1);
}

/// A method as a label: the standard ones by name, anything else as `other`.
fn known_method(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

#[derive(Clone)]
struct Exporter {
    handle: PrometheusHandle,
    db: Db,
}

/// The metrics listener's routes: `GET /metrics`.
pub fn router(handle: PrometheusHandle, db: Db) -> Router {
    Router::new()
        .route("/metrics", get(render))
        .with_state(Exporter { handle, db })
}

async fn render(State(exporter): State<Exporter>) -> impl IntoResponse {
    let pool = exporter.db.pool();
    let idle = pool.num_idle();
    let size = pool.size() as usize;
    gauge!(DB_CONNECTIONS, "state" => "idle").set(idle as f64);
    gauge!(DB_CONNECTIONS, "state" => "in_use").set(size.saturating_sub(idle) as f64);
    (
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        exporter.handle.render(),
    )
}
