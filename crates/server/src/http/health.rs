//! Probes for load balancers and orchestrators: is the process serving, and
//! can it reach its database.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use orgdesk_api::codes;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// How long `/readyz` waits for the database before calling it unready.
const READY_TIMEOUT: Duration = Duration::from_secs(3);

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok` (serving) or `ready` (serving, and the database answers).
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// The process serves (liveness). Never touches the database.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, body = Health, example = json!({"status": "ok"}))))]
async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// The database answers (readiness): 503 while it does not.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, body = Health, example = json!({"status": "ready"})),
              (status = 503, description = "service_unavailable: the database does not answer", body = orgdesk_api::Problem)))]
async fn readyz(State(state): State<AppState>) -> AppResult<Json<Health>> {
    let ping = sqlx::query("SELECT 1").execute(state.db.pool());
    match tokio::time::timeout(READY_TIMEOUT, ping).await {
        Ok(Ok(_)) => Ok(Json(Health { status: "ready" })),
        Ok(Err(error)) => {
            tracing::warn!(%error, "not ready: the database does not answer");
            Err(unready())
        }
        Err(_) => {
            tracing::warn!("not ready: the database did not answer in time");
            Err(unready())
        }
    }
}

fn unready() -> AppError {
    AppError {
        retry_after: Some(5),
        ..AppError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            codes::UNAVAILABLE,
            "the database does not answer",
        )
    }
}
