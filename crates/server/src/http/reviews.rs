//! Access reviews: campaigns over who is in which group, decided per item
//! by the reviewers they name, completed in one transaction with an
//! attestation, and reported as CSV for auditors.

use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use orgdesk_api::{self as api, FieldError, actions, codes, permissions};
use sqlx::AnyConnection;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::OrgCaller;
use super::extract::{JsonBody, PathParams, QueryParams};
use super::params::{PageQuery, limit_of};
use crate::domain::csv::{defuse, lines};
use crate::domain::cursor::{self, KeyValue, Keyset};
use crate::domain::expiry::millis;
use crate::domain::reviews::{self, BadDecision};
use crate::error::{AppError, AppResult};
use crate::flows::reviews::{Completer, complete};
use crate::state::AppState;
use crate::store::reviews::{self as store, ItemCursor, NewItem};
use crate::store::{audit, groups, now_ms};

/// The most reviewers one campaign names, and decisions one request carries.
pub const MAX_REVIEWERS: usize = 100;
pub const MAX_DECISIONS: usize = 1_000;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_reviews, create_review))
        .routes(routes!(get_review))
        .routes(routes!(review_items))
        .routes(routes!(decide))
        .routes(routes!(complete_review))
        .routes(routes!(report))
}

#[derive(Debug, serde::Deserialize)]
struct ReviewPath {
    #[allow(dead_code)]
    org: String,
    id: Uuid,
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ReportQuery {
    /// `csv` (the default and only format).
    format: Option<String>,
}

/// How the caller takes part in a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Holds `org.reviews.manage`.
    Manager,
    /// Named on the campaign.
    Reviewer,
}

/// The campaign (404 when not the organization's) and the caller's role in
/// it (403 when they have none).
async fn campaign(
    state: &AppState,
    caller: &OrgCaller,
    conn: &mut AnyConnection,
    id: Uuid,
) -> AppResult<(api::AccessReview, Role)> {
    let review = store::get(conn, caller.org.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("access review"))?;
    if caller.has(state, permissions::REVIEWS_MANAGE) {
        return Ok((review, Role::Manager));
    }
    if store::is_reviewer(conn, id, caller.account.id).await? {
        return Ok((review, Role::Reviewer));
    }
    Err(AppError::missing_permission(permissions::REVIEWS_MANAGE))
}

fn open(review: &api::AccessReview) -> AppResult<()> {
    if review.status == api::ReviewStatus::Open {
        Ok(())
    } else {
        Err(AppError::conflict(
            codes::REVIEW_COMPLETED,
            "this access review is completed",
        ))
    }
}

fn field(field: String, code: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        code: code.into(),
        message: message.into(),
    }
}

/// Starts a campaign (`org.reviews.manage`): one item per membership in
/// force of the groups named (every group when absent), each with what the
/// group grants and who added the member when.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/access-reviews", tag = "governance", security(("bearer" = [])), params(("org" = String, Path)),
    request_body = api::CreateAccessReview,
    responses((status = 201, body = api::AccessReview),
              (status = 404, description = "a group that is not the organization's", body = api::Problem),
              (status = 422, description = "invalid_name, required, out_of_range (due_at not ahead) or not_a_member (a reviewer)", body = api::Problem)))]
async fn create_review(
    State(state): State<AppState>,
    caller: OrgCaller,
    JsonBody(body): JsonBody<api::CreateAccessReview>,
) -> AppResult<impl IntoResponse> {
    caller.require(&state, permissions::REVIEWS_MANAGE)?;
    let mut problems = Vec::new();
    let name = body.name.trim();
    if !crate::domain::names::text_ok(name, 200) {
        problems.push(field(
            "name".into(),
            "invalid_name",
            "use 1 to 200 characters",
        ));
    }
    let now = now_ms();
    if millis(body.due_at) <= now {
        problems.push(field(
            "due_at".into(),
            "out_of_range",
            "the due date must lie ahead",
        ));
    }
    let reviewers: Vec<Uuid> = {
        let mut seen = HashSet::new();
        body.reviewers
            .iter()
            .copied()
            .filter(|r| seen.insert(*r))
            .collect()
    };
    if reviewers.is_empty() || reviewers.len() > MAX_REVIEWERS {
        problems.push(field(
            "reviewers".into(),
            "required",
            format!("name 1 to {MAX_REVIEWERS} reviewers"),
        ));
    }
    if body.groups.as_ref().is_some_and(Vec::is_empty) {
        problems.push(field(
            "groups".into(),
            "required",
            "name at least one group, or leave groups out for all",
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::validation(problems));
    }
    let org = caller.org.id;
    let mut tx = state.db.begin().await?;
    tx.lock_org(org).await?;
    let all_groups = groups::grants(&mut tx, org).await?;
    let by_id: HashMap<Uuid, &groups::GroupGrant> = all_groups.iter().map(|g| (g.id, g)).collect();
    if let Some(named) = &body.groups
        && named.iter().any(|g| !by_id.contains_key(g))
    {
        return Err(AppError::not_found("group"));
    }
    let found = groups::member_groups(&mut tx, org, &reviewers).await?;
    let strangers: Vec<FieldError> = reviewers
        .iter()
        .filter(|r| !found.status.contains_key(r))
        .map(|r| {
            field(
                "reviewers".into(),
                codes::NOT_A_MEMBER,
                format!("{r} is not a member of this organization"),
            )
        })
        .collect();
    if !strangers.is_empty() {
        return Err(AppError::validation(strangers));
    }
    let mut items: Vec<NewItem> = store::memberships(&mut tx, org, body.groups.as_deref()).await?;
    for item in &mut items {
        item.permissions = by_id
            .get(&item.group)
            .map(|g| {
                g.permissions
                    .iter()
                    .filter(|k| {
                        state
                            .catalog
                            .id(k)
                            .is_some_and(|id| caller.org_permissions.contains(id))
                    })
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        item.permissions.sort();
    }
    let id = store::insert(
        &mut tx,
        org,
        name,
        millis(body.due_at),
        caller.account.id,
        &reviewers,
        &items,
    )
    .await?;
    audit::record(
        &mut tx,
        audit::Entry {
            org: Some(org),
            actor: Some(caller.account.id),
            action: actions::REVIEW_CREATE,
            target_type: "access_review",
            target_id: Some(id.to_string()),
            ip: caller.ip(),
            detail: serde_json::json!({
                "name": name,
                "groups": body.groups,
                "reviewers": reviewers,
                "items": items.len(),
            }),
        },
    )
    .await?;
    let review = store::get(&mut tx, org, id)
        .await?
        .ok_or_else(|| AppError::not_found("access review"))?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(review)))
}

/// Campaigns, newest first: all of them with `org.reviews.manage`, else
/// those the caller reviews. Keyset-paged: `limit`, then `next_cursor` as
/// `cursor` for the next page.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/access-reviews", tag = "governance", security(("bearer" = [])), params(("org" = String, Path), PageQuery),
    responses((status = 200, body = api::Page<api::AccessReview>),
              (status = 400, description = "bad cursor", body = api::Problem),
              (status = 422, description = "limit out of range", body = api::Problem)))]
async fn list_reviews(
    State(state): State<AppState>,
    caller: OrgCaller,
    QueryParams(q): QueryParams<PageQuery>,
) -> AppResult<Json<api::Page<api::AccessReview>>> {
    let limit = limit_of(q.limit)?;
    let after = newest_first_after(q.cursor.as_deref(), "access_reviews")?;
    let only = (!caller.has(&state, permissions::REVIEWS_MANAGE)).then_some(caller.account.id);
    let mut conn = state.db.pool().acquire().await?;
    let (items, total) = store::list(&mut conn, caller.org.id, only, after, limit + 1).await?;
    let (items, next_cursor) = newest_first_page(items, limit, "access_reviews", |r| {
        (millis(r.created_at), r.id)
    });
    Ok(Json(api::Page {
        total_is_estimate: false,
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or(0),
    }))
}

/// Where a newest-first list (`list` names it, so its cursor is not taken by
/// another list) continues: after the time and id in `?cursor=`. A cursor
/// that is not one of this list's is a 400, as on every list.
pub(super) fn newest_first_after(raw: Option<&str>, list: &str) -> AppResult<Option<(i64, Uuid)>> {
    let Some(raw) = raw else {
        return Ok(None);
    };
    match cursor::decode::<Keyset>(raw) {
        Some(Keyset {
            s,
            k: KeyValue::Int(at),
            id,
            ..
        }) if s == list => match id.parse() {
            Ok(id) => Ok(Some((at, id))),
            Err(_) => Err(AppError::bad_request(
                "the cursor is not valid for this list",
            )),
        },
        _ => Err(AppError::bad_request(
            "the cursor is not valid for this list",
        )),
    }
}

/// The first `limit` of `rows` (fetched one more than that) and, when there
/// were more, the cursor after the last one kept.
pub(super) fn newest_first_page<T>(
    mut rows: Vec<T>,
    limit: u32,
    list: &str,
    key: impl Fn(&T) -> (i64, Uuid),
) -> (Vec<T>, Option<String>) {
    if rows.len() <= limit as usize {
        return (rows, None);
    }
    rows.truncate(limit as usize);
    let next = rows.last().map(|last| {
        let (at, id) = key(last);
        cursor::encode(&Keyset {
            s: list.into(),
            k: KeyValue::Int(at),
            id: id.to_string(),
            t: None,
            e: None,
        })
    });
    (rows, next)
}

/// One campaign (`org.reviews.manage`, or a reviewer of it).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/access-reviews/{id}", tag = "governance", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = api::AccessReview), (status = 404, description = "not the organization's campaign", body = api::Problem)))]
async fn get_review(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<ReviewPath>,
) -> AppResult<Json<api::AccessReview>> {
    let mut conn = state.db.pool().acquire().await?;
    let (review, _) = campaign(&state, &caller, &mut conn, path.id).await?;
    Ok(Json(review))
}

/// A campaign's items, member × group, by email then group name
/// (`org.reviews.manage`, or a reviewer of it). Keyset-paged.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/access-reviews/{id}/items", tag = "governance", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path), PageQuery),
    responses((status = 200, body = api::Page<api::ReviewItem>), (status = 400, description = "bad cursor", body = api::Problem),
              (status = 404, description = "not the organization's campaign", body = api::Problem)))]
async fn review_items(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<ReviewPath>,
    QueryParams(q): QueryParams<PageQuery>,
) -> AppResult<Json<api::Page<api::ReviewItem>>> {
    let limit = limit_of(q.limit)?;
    let after = match q.cursor.as_deref() {
        None => None,
        Some(raw) => Some(
            cursor::decode::<ItemCursor>(raw)
                .ok_or_else(|| AppError::bad_request("the cursor is not valid for this list"))?,
        ),
    };
    let mut conn = state.db.pool().acquire().await?;
    campaign(&state, &caller, &mut conn, path.id).await?;
    let (rows, total) = store::items(&mut conn, path.id, after.as_ref(), limit + 1).await?;
    let more = rows.len() > limit as usize;
    let items: Vec<api::ReviewItem> = rows
        .into_iter()
        .take(limit as usize)
        .map(|r| r.item)
        .collect();
    let next_cursor = more.then(|| items.last()).flatten().map(|last| {
        cursor::encode(&ItemCursor {
            e: last.email.clone(),
            g: last.group.name.clone(),
            id: last.item_id.to_string(),
        })
    });
    Ok(Json(api::Page {
        total_is_estimate: false,
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or(0),
    }))
}

/// Records decisions (a reviewer of the campaign, or `org.reviews.manage`).
/// Each is taken against the item's `version` as read: an item changed since
/// (decided by someone else meanwhile, say from an offline copy) answers
/// `conflict` with the item as it is now, and nothing is overwritten. The
/// others are recorded. Malformed decisions refuse the whole request.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/access-reviews/{id}/decisions", tag = "governance", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    request_body = api::DecisionBatch,
    responses((status = 200, body = api::DecisionResults),
              (status = 404, description = "the campaign, or an item of it, does not exist here", body = api::Problem),
              (status = 409, description = "review_completed", body = api::Problem),
              (status = 422, description = "required, not_allowed, expires_in_past or too_many_changes", body = api::Problem)))]
async fn decide(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<ReviewPath>,
    JsonBody(body): JsonBody<api::DecisionBatch>,
) -> AppResult<Json<api::DecisionResults>> {
    if body.decisions.len() > MAX_DECISIONS {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::TOO_MANY_CHANGES,
            format!("send at most {MAX_DECISIONS} decisions per request"),
        ));
    }
    let now = now_ms();
    let mut problems = Vec::new();
    let mut ends = Vec::with_capacity(body.decisions.len());
    for (i, d) in body.decisions.iter().enumerate() {
        let at = format!("decisions[{i}].expires_at");
        match reviews::check_decision(d.decision, d.expires_at.map(millis), now) {
            Ok(end) => ends.push(end),
            Err(BadDecision::EndRequired) => {
                problems.push(field(at, "required", "expire needs expires_at"))
            }
            Err(BadDecision::EndNotAllowed) => {
                problems.push(field(at, "not_allowed", "only expire takes expires_at"))
            }
            Err(BadDecision::EndInPast) => problems.push(field(
                at,
                codes::EXPIRES_IN_PAST,
                "an access end must lie in the future",
            )),
        }
    }
    if !problems.is_empty() {
        return Err(AppError::validation(problems));
    }
    let mut tx = state.db.begin().await?;
    let (review, _) = campaign(&state, &caller, &mut tx, path.id).await?;
    open(&review)?;
    let mut results = Vec::with_capacity(body.decisions.len());
    let mut recorded = Vec::new();
    for (d, end) in body.decisions.iter().zip(ends) {
        let current = store::item_of(&mut tx, review.id, d.item_id)
            .await?
            .ok_or_else(|| AppError::not_found("review item"))?;
        let status = if !reviews::conflicts(current.item.version, d.version)
            && store::decide(
                &mut tx,
                review.id,
                d.item_id,
                d.version,
                d.decision,
                end,
                caller.account.id,
            )
            .await?
        {
            recorded.push(serde_json::json!({
                "item_id": d.item_id,
                "account": current.item.account,
                "group": current.item.group.id,
                "decision": d.decision,
                "expires_at": d.expires_at.and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok()),
            }));
            api::DecisionStatus::Recorded
        } else {
            api::DecisionStatus::Conflict
        };
        let item = store::item_of(&mut tx, review.id, d.item_id)
            .await?
            .ok_or_else(|| AppError::not_found("review item"))?
            .item;
        results.push(api::DecisionResult {
            item_id: d.item_id,
            status,
            item,
        });
    }
    if !recorded.is_empty() {
        audit::record(
            &mut tx,
            audit::Entry {
                org: Some(caller.org.id),
                actor: Some(caller.account.id),
                action: actions::REVIEW_DECIDE,
                target_type: "access_review",
                target_id: Some(review.id.to_string()),
                ip: caller.ip(),
                detail: serde_json::json!({ "decisions": recorded }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(api::DecisionResults { results }))
}

/// Completes a campaign (`org.reviews.manage`): every `revoke` and `expire`
/// applied in one transaction to the memberships as they are now, with the
/// permission impact; `keep` and undecided items are left as they are. An
/// attestation (`org.access_review.complete`) goes to the audit log. The
/// completer must hold every permission of each group changed. With
/// `dry_run` nothing is kept.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/access-reviews/{id}/complete", tag = "governance", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    request_body = api::CompleteReview,
    responses((status = 200, body = api::ReviewCompletion),
              (status = 403, description = "forbidden or permission_escalation", body = api::Problem),
              (status = 404, description = "not the organization's campaign", body = api::Problem),
              (status = 409, description = "review_completed or last_admin", body = api::Problem)))]
async fn complete_review(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<ReviewPath>,
    JsonBody(body): JsonBody<api::CompleteReview>,
) -> AppResult<Json<api::ReviewCompletion>> {
    let mut tx = state.db.begin().await?;
    let (review, role) = campaign(&state, &caller, &mut tx, path.id).await?;
    if role != Role::Manager {
        return Err(AppError::missing_permission(permissions::REVIEWS_MANAGE));
    }
    open(&review)?;
    let by = Completer {
        account: caller.account.id,
        ip: caller.ip(),
        org_permissions: &caller.org_permissions,
        permissions: &caller.permissions,
    };
    let done = complete(
        &mut tx,
        &state.catalog,
        caller.org.id,
        &review,
        &by,
        body.dry_run,
    )
    .await?;
    if !body.dry_run {
        tx.commit().await?;
    }
    Ok(Json(done))
}

/// The evidence (`org.reviews.manage`, `org.audit.read`, or a reviewer of
/// the campaign): one CSV row per item — who had which group and what it
/// granted, who added them when, who decided what when, and what
/// completion did. Cells are formula-defused like the audit export.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/access-reviews/{id}/report", tag = "governance", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path), ReportQuery),
    responses((status = 200, description = "the report as CSV", content_type = "text/csv", body = String),
              (status = 404, description = "not the organization's campaign", body = api::Problem),
              (status = 422, description = "format is not csv", body = api::Problem)))]
async fn report(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<ReviewPath>,
    QueryParams(q): QueryParams<ReportQuery>,
) -> AppResult<Response> {
    if !matches!(q.format.as_deref(), None | Some("csv")) {
        return Err(AppError::field("format", "invalid", "use csv"));
    }
    let mut conn = state.db.pool().acquire().await?;
    let review = match campaign(&state, &caller, &mut conn, path.id).await {
        Ok((review, _)) => review,
        Err(e)
            if e.status == StatusCode::FORBIDDEN && caller.has(&state, permissions::AUDIT_READ) =>
        {
            store::get(&mut conn, caller.org.id, path.id)
                .await?
                .ok_or_else(|| AppError::not_found("access review"))?
        }
        Err(e) => return Err(e),
    };
    let items = store::all_items(&mut conn, review.id).await?;
    drop(conn);
    let rfc3339 = |t: time::OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    };
    let mut table: Vec<Vec<String>> = vec![
        [
            "review",
            "item_id",
            "account_id",
            "email",
            "name",
            "group",
            "permissions",
            "added_at",
            "added_by",
            "decision",
            "expires_at",
            "decided_by",
            "decided_by_email",
            "decided_at",
            "outcome",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for row in &items {
        let i = &row.item;
        let d = i.decision.as_ref();
        table.push(vec![
            defuse(&review.name),
            i.item_id.to_string(),
            i.account.to_string(),
            defuse(&i.email),
            defuse(&i.name),
            defuse(&i.group.name),
            defuse(&i.permissions.join(" ")),
            rfc3339(i.added_at),
            i.added_by.map(|a| a.to_string()).unwrap_or_default(),
            d.map(|d| d.decision.as_str().to_string())
                .unwrap_or_default(),
            d.and_then(|d| d.expires_at)
                .map(rfc3339)
                .unwrap_or_default(),
            d.map(|d| d.decided_by.to_string()).unwrap_or_default(),
            defuse(row.decided_by_email.as_deref().unwrap_or_default()),
            d.map(|d| rfc3339(d.decided_at)).unwrap_or_default(),
            row.outcome.clone().unwrap_or_default(),
        ]);
    }
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"access-review-{}.csv\"", review.id),
            ),
        ],
        lines(&table),
    )
        .into_response())
}
