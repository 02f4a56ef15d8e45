//! The audit log: filtered, keyset-paged, or exported as CSV.

use axum::Json;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use orgdesk_api as api;
use orgdesk_api::permissions;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::OrgCaller;
use super::extract::QueryParams;
use crate::domain::csv::defuse;
use crate::domain::cursor::{self, KeyValue, Keyset};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::audit::{self, Filter};

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
    caller.require(&state, permissions::AUDIT_READ)?;
    let csv = match q.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(AppError::field("format", "invalid", "use json or csv")),
    };
    for (field, value) in [("action", &q.action), ("target", &q.target)] {
        if value.as_ref().is_some_and(|v| v.chars().count() > 200) {
            return Err(AppError::field(
                field,
                orgdesk_api::codes::TOO_LONG,
                "use at most 200 characters",
            ));
        }
    }
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
    if csv {
        return Ok(csv_response(state.clone(), OwnedFilter::of(&filter), after));
    }
    let mut conn = state.db.pool().acquire().await?;
    let limit = super::params::limit_of(q.limit)?;
    let (mut items, total) = audit::list(&mut conn, &filter, after, limit + 1, true).await?;
    let next_cursor = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|last| {
            cursor::encode(&Keyset {
                s: "audit".into(),
                k: KeyValue::Int(ms(last.created_at)),
                id: last.id.to_string(),
                t: None,
                e: None,
            })
        })
    } else {
        None
    };
    Ok(Json(api::Page {
        items,
        next_cursor,
        total: u64::try_from(total.unwrap_or(0)).unwrap_or(0),
        total_is_estimate: false,
    })
    .into_response())
}

/// A filter that outlives the request's borrow, for the streamed export.
struct OwnedFilter {
    org: uuid::Uuid,
    actor: Option<uuid::Uuid>,
    action: Option<String>,
    target: Option<String>,
    from_ms: Option<i64>,
    to_ms: Option<i64>,
}

impl OwnedFilter {
    fn of(f: &Filter<'_>) -> Self {
        Self {
            org: f.org,
            actor: f.actor,
            action: f.action.map(str::to_string),
            target: f.target.map(str::to_string),
            from_ms: f.from_ms,
            to_ms: f.to_ms,
        }
    }

    fn get(&self) -> Filter<'_> {
        Filter {
            org: self.org,
            actor: self.actor,
            action: self.action.as_deref(),
            target: self.target.as_deref(),
            from_ms: self.from_ms,
            to_ms: self.to_ms,
        }
    }
}

/// Entries per page of the export: the memory it holds at once.
const CSV_PAGE: u32 = 1000;

/// Every matching entry as CSV, streamed page by page: memory stays
/// constant however long the log is. A failure mid-way ends the download
/// short (it is logged); the header is sent before the first page.
fn csv_response(state: AppState, filter: OwnedFilter, after: Option<(i64, String)>) -> Response {
    let header = csv_lines(&[[
        "time",
        "actor_id",
        "actor_email",
        "action",
        "target_type",
        "target_id",
        "ip",
        "detail",
    ]
    .map(String::from)]);
    let pages = futures_util::stream::unfold(Some((state, filter, after)), |position| async move {
        let (state, filter, after) = position?;
        let page = async {
            let mut conn = state.db.pool().acquire().await?;
            audit::list(&mut conn, &filter.get(), after, CSV_PAGE, false).await
        }
        .await;
        match page {
            Err(e) => {
                tracing::error!(error = ?e, "the audit export stopped");
                None
            }
            Ok((entries, _)) if entries.is_empty() => None,
            Ok((entries, _)) => {
                let next = (entries.len() == CSV_PAGE as usize)
                    .then(|| entries.last().map(|l| (ms(l.created_at), l.id.to_string())))
                    .flatten();
                let rows: Vec<[String; 8]> = entries.iter().map(csv_row).collect();
                let chunk = csv_lines(&rows);
                let rest = next.map(|n| (state, filter, Some(n)));
                Some((Ok::<_, std::io::Error>(chunk), rest))
            }
        }
    });
    let body = axum::body::Body::from_stream(
        futures_util::stream::once(async move { Ok::<_, std::io::Error>(header) }).chain(pages),
    );
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"audit-log.csv\"",
            ),
        ],
        body,
    )
        .into_response()
}

fn csv_row(e: &api::AuditEntry) -> [String; 8] {
    let time = e
        .created_at
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    [
        time,
        e.actor.map(|a| a.to_string()).unwrap_or_default(),
        defuse(e.actor_email.as_deref().unwrap_or_default()),
        defuse(&e.action),
        e.target_type.clone().unwrap_or_default(),
        defuse(e.target_id.as_deref().unwrap_or_default()),
        e.ip.clone().unwrap_or_default(),
        defuse(&e.detail.to_string()),
    ]
}

fn csv_lines(rows: &[[String; 8]]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Writing into memory cannot fail.
        let _ = writer.write_record(row);
    }
    writer.into_inner().unwrap_or_default()
}
