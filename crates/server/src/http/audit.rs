//! The audit log: filtered, keyset-paged, or exported as CSV.

use axum::Json;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use orgdesk_api as api;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::OrgCaller;
use super::extract::QueryParams;
use crate::domain::cursor::{self, KeyValue, Keyset};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::audit::{self, Filter};

/// A CSV export holds at most this many entries; narrow the filters for more.
const CSV_MAX: u32 = 100_000;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(audit_log))
}

fn ms(t: time::OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// Who did what to whom, when, from where (`org.audit.read`). `format=csv` exports every match.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/audit-log", tag = "members", security(("bearer" = [])), params(("org" = String, Path), api::AuditQuery),
    responses((status = 200, description = "a page of entries; with format=csv, every entry as CSV", content(
        (api::Page<api::AuditEntry> = "application/json"), (String = "text/csv")))))]
async fn audit_log(
    State(state): State<AppState>,
    caller: OrgCaller,
    QueryParams(q): QueryParams<api::AuditQuery>,
) -> AppResult<Response> {
    caller.require(&state, "org.audit.read")?;
    let csv = match q.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(AppError::field("format", "invalid", "use json or csv")),
    };
    let filter = Filter {
        org: caller.org.id,
        actor: q.actor,
        action: q.action.as_deref().filter(|a| !a.is_empty()),
        target: q.target.as_deref().filter(|t| !t.is_empty()),
        from_ms: q.from.map(ms),
        to_ms: q.to.map(ms),
    };
    let after = match &q.cursor {
        None => None,
        Some(raw) => match cursor::decode::<Keyset>(raw) {
            Some(Keyset {
                s,
                k: KeyValue::Int(at),
                id,
                ..
            }) if s == "audit" => Some((at, id)),
            _ => return Err(AppError::bad_request("the cursor is not valid")),
        },
    };
    let mut conn = state.db.pool().acquire().await?;
    if csv {
        let (entries, _) = audit::list(&mut conn, &filter, after, CSV_MAX).await?;
        return csv_response(&entries);
    }
    let limit = super::accounts::limit_of(q.limit)?;
    let (mut items, total) = audit::list(&mut conn, &filter, after, limit + 1).await?;
    let next_cursor = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|last| {
            cursor::encode(&Keyset {
                s: "audit".into(),
                k: KeyValue::Int(ms(last.created_at)),
                id: last.id.to_string(),
                t: None,
            })
        })
    } else {
        None
    };
    Ok(Json(api::Page {
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or(0),
    })
    .into_response())
}

fn csv_response(entries: &[api::AuditEntry]) -> AppResult<Response> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "time",
            "actor_id",
            "actor_email",
            "action",
            "target_type",
            "target_id",
            "ip",
            "detail",
        ])
        .map_err(AppError::internal)?;
    for e in entries {
        let time = e
            .created_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        writer
            .write_record([
                time.as_str(),
                &e.actor.map(|a| a.to_string()).unwrap_or_default(),
                &defuse(e.actor_email.as_deref().unwrap_or_default()),
                &defuse(&e.action),
                e.target_type.as_deref().unwrap_or_default(),
                &defuse(e.target_id.as_deref().unwrap_or_default()),
                e.ip.as_deref().unwrap_or_default(),
                &defuse(&e.detail.to_string()),
            ])
            .map_err(AppError::internal)?;
    }
    let body = writer
        .into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"audit-log.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// Spreadsheets run cells starting with = + - @ as formulas: quote them out.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}
