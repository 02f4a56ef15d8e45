//! Governance: suspending many members at once, group managers, and
//! permission snapshots with their diffs (API.md, "Governance").

use std::collections::HashSet;

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
use super::params::limit_of;
use crate::domain::csv::{defuse, lines};
use crate::domain::impact::GroupGrants;
use crate::domain::permissions::PermissionSet;
use crate::domain::snapshots::{self, Holdings};
use crate::error::{AppError, AppResult};
use crate::flows::membership::{GROUPS_MANAGE, ensure_admin_remains};
use crate::state::AppState;
use crate::store::{Tx, audit, groups, orgs, snapshots as store_snapshots};

/// The most members one bulk suspension may name.
pub const MAX_SUSPEND: usize = 5_000;
/// The most managers a group may have.
pub const MAX_MANAGERS: usize = 100;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(suspend_many))
        .routes(routes!(managers, set_managers))
        .routes(routes!(list_snapshots, take_snapshot))
        .routes(routes!(get_snapshot))
        .routes(routes!(snapshot_diff))
}

#[derive(Debug, serde::Deserialize)]
struct GroupPath {
    #[allow(dead_code)]
    org: String,
    id: Uuid,
}

/// The permissions some keys grant in this organization.
fn granted(state: &AppState, caller: &OrgCaller, keys: &[String]) -> PermissionSet {
    keys.iter()
        .filter_map(|k| state.catalog.id(k))
        .filter(|id| caller.org_permissions.contains(*id))
        .collect()
}

/// 422 `not_a_member` for the first few of `accounts` not in `known`.
fn only_members(accounts: &[Uuid], known: impl Fn(&Uuid) -> bool) -> AppResult<()> {
    let missing: Vec<FieldError> = accounts
        .iter()
        .filter(|a| !known(a))
        .take(50)
        .map(|a| FieldError {
            field: "accounts".into(),
            code: codes::NOT_A_MEMBER.into(),
            message: format!("{a} is not a member of this organization"),
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation(missing))
    }
}

fn unique(accounts: &[Uuid]) -> Vec<Uuid> {
    let mut seen = HashSet::new();
    accounts
        .iter()
        .copied()
        .filter(|a| seen.insert(*a))
        .collect()
}

// ---- Suspending many -------------------------------------------------------

/// Suspends many members in one transaction (`org.members.suspend`), as
/// one by one would: nobody suspends themselves (409 `cannot_suspend_self`),
/// nor a member holding permissions they do not hold (403
/// `permission_escalation`), nor the last active holder of
/// `org.groups.manage` (409 `last_admin`). All or nothing; the answer says
/// who was suspended and the seats that freed. With `dry_run` nothing is kept.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/members/suspend", tag = "members", security(("bearer" = [])), params(("org" = String, Path)),
    request_body = api::BulkSuspend,
    responses((status = 200, body = api::BulkSuspendResult), (status = 403, description = "forbidden or permission_escalation", body = api::Problem),
              (status = 409, description = "cannot_suspend_self or last_admin", body = api::Problem),
              (status = 422, description = "not_a_member or too_many_changes", body = api::Problem)))]
async fn suspend_many(
    State(state): State<AppState>,
    caller: OrgCaller,
    JsonBody(body): JsonBody<api::BulkSuspend>,
) -> AppResult<Json<api::BulkSuspendResult>> {
    caller.require(&state, permissions::MEMBERS_SUSPEND)?;
    if body.accounts.len() > MAX_SUSPEND {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::TOO_MANY_CHANGES,
            format!("suspend at most {MAX_SUSPEND} members per request"),
        ));
    }
    let accounts = unique(&body.accounts);
    if accounts.contains(&caller.account.id) {
        return Err(AppError::conflict(
            codes::CANNOT_SUSPEND_SELF,
            "you cannot suspend yourself",
        ));
    }
    let org = caller.org.id;
    let mut tx = state.db.begin().await?;
    tx.lock_org(org).await?;
    let found = groups::member_groups(&mut tx, org, &accounts).await?;
    only_members(&accounts, |a| found.status.contains_key(a))?;
    // Nobody suspends a member who holds what they do not hold.
    let all_groups = groups::grants(&mut tx, org).await?;
    let grants = GroupGrants::new(
        all_groups
            .iter()
            .map(|g| (g.id, granted(&state, &caller, &g.permissions))),
    );
    let mut theirs = PermissionSet::default();
    for (group, _) in &found.memberships {
        if let Some(set) = grants.get(*group) {
            theirs.union_with(set);
        }
    }
    caller.may_grant(&state, &theirs).map_err(|mut e| {
        e.detail = Some(format!(
            "some of these members hold permissions you do not hold: {}",
            e.escalation
                .as_ref()
                .map(|x| x.missing.join(", "))
                .unwrap_or_default()
        ));
        e
    })?;
    let before = orgs::seats_used(&mut tx, org).await?;
    let suspended = crate::store::members::suspend_many(&mut tx, org, &accounts).await?;
    if !suspended.is_empty() {
        ensure_admin_remains(&mut tx, org).await?;
    }
    let after = orgs::seats_used(&mut tx, org).await?;
    let result = api::BulkSuspendResult {
        dry_run: body.dry_run,
        unchanged: (accounts.len() - suspended.len()) as u64,
        seats_freed: u64::try_from(before - after).unwrap_or(0),
        seats_used: u64::try_from(after).unwrap_or(0),
        suspended,
    };
    if body.dry_run {
        return Ok(Json(result));
    }
    for account in &result.suspended {
        audit::record(
            &mut tx,
            audit::Entry {
                org: Some(org),
                actor: Some(caller.account.id),
                action: actions::MEMBER_SUSPEND,
                target_type: "member",
                target_id: Some(account.to_string()),
                ip: caller.ip(),
                detail: serde_json::json!({ "bulk": true }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(result))
}

// ---- Group managers --------------------------------------------------------

async fn group_of(tx: &mut Tx, caller: &OrgCaller, id: Uuid) -> AppResult<groups::GroupRow> {
    groups::get(tx, caller.org.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("group"))
}

/// A group's managers (`org.groups.read`): they add and remove its members
/// without `org.groups.manage`, while they hold every permission it grants.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/groups/{id}/managers", tag = "groups", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = api::GroupManagers), (status = 404, description = "not the organization's group", body = api::Problem)))]
async fn managers(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<GroupPath>,
) -> AppResult<Json<api::GroupManagers>> {
    caller.require(&state, permissions::GROUPS_READ)?;
    let mut conn = state.db.pool().acquire().await?;
    if groups::get(&mut conn, caller.org.id, path.id)
        .await?
        .is_none()
    {
        return Err(AppError::not_found("group"));
    }
    Ok(Json(api::GroupManagers {
        accounts: groups::managers(&mut conn, path.id).await?,
    }))
}

/// Names a group's managers, replacing the list (`org.groups.manage`, and
/// holding every permission the group grants: naming managers changes who
/// may change it). Managers must be members of the organization. Audited.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/groups/{id}/managers", tag = "groups", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    request_body = api::GroupManagers,
    responses((status = 200, body = api::GroupManagers), (status = 403, description = "forbidden or permission_escalation", body = api::Problem),
              (status = 404, description = "not the organization's group", body = api::Problem),
              (status = 422, description = "not_a_member or too_many_changes", body = api::Problem)))]
async fn set_managers(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<GroupPath>,
    JsonBody(body): JsonBody<api::GroupManagers>,
) -> AppResult<Json<api::GroupManagers>> {
    caller.require(&state, GROUPS_MANAGE)?;
    let accounts = unique(&body.accounts);
    if accounts.len() > MAX_MANAGERS {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::TOO_MANY_CHANGES,
            format!("a group has at most {MAX_MANAGERS} managers"),
        ));
    }
    let org = caller.org.id;
    let mut tx = state.db.begin().await?;
    tx.lock_org(org).await?;
    let group = group_of(&mut tx, &caller, path.id).await?;
    caller.may_change_group(
        &state,
        api::GroupRef {
            id: group.id,
            name: group.name.clone(),
        },
        &granted(&state, &caller, &group.permissions),
    )?;
    let found = groups::member_groups(&mut tx, org, &accounts).await?;
    only_members(&accounts, |a| found.status.contains_key(a))?;
    let before = groups::managers(&mut tx, group.id).await?;
    groups::set_managers(&mut tx, org, group.id, &accounts).await?;
    let after = groups::managers(&mut tx, group.id).await?;
    if before != after {
        audit::record(
            &mut tx,
            audit::Entry {
                org: Some(org),
                actor: Some(caller.account.id),
                action: actions::GROUP_MANAGERS_CHANGE,
                target_type: "group",
                target_id: Some(group.id.to_string()),
                ip: caller.ip(),
                detail: serde_json::json!({
                    "name": group.name,
                    "added": after.iter().filter(|a| !before.contains(a)).collect::<Vec<_>>(),
                    "removed": before.iter().filter(|a| !after.contains(a)).collect::<Vec<_>>(),
                }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Json(api::GroupManagers { accounts: after }))
}

// ---- Permission snapshots --------------------------------------------------

#[derive(Debug, serde::Deserialize)]
struct SnapshotPath {
    #[allow(dead_code)]
    org: String,
    id: Uuid,
}

#[derive(Debug, serde::Deserialize)]
struct DiffPath {
    #[allow(dead_code)]
    org: String,
    id: Uuid,
    /// Another snapshot's id, or `now`.
    other: String,
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct FormatQuery {
    /// `json` (default) or `csv`.
    format: Option<String>,
}

fn wants_csv(format: Option<&str>) -> AppResult<bool> {
    match format {
        None | Some("json") => Ok(false),
        Some("csv") => Ok(true),
        Some(_) => Err(AppError::field("format", "invalid", "use json or csv")),
    }
}

/// Who holds what now, within the organization's products.
async fn holdings_now(
    state: &AppState,
    caller: &OrgCaller,
    conn: &mut AnyConnection,
) -> AppResult<Holdings> {
    let grants = store_snapshots::current(conn, caller.org.id).await?;
    Ok(snapshots::holdings(&grants, |key| {
        state
            .catalog
            .id(key)
            .is_some_and(|id| caller.org_permissions.contains(id))
    }))
}

async fn snapshot_of(
    conn: &mut AnyConnection,
    caller: &OrgCaller,
    id: Uuid,
) -> AppResult<(api::PermissionSnapshot, Vec<snapshots::Grant>)> {
    let snapshot = store_snapshots::get(conn, caller.org.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("snapshot"))?;
    let grants = store_snapshots::grants(conn, id).await?;
    Ok((snapshot, grants))
}

fn group_refs(groups: impl IntoIterator<Item = (Uuid, String)>) -> Vec<api::GroupRef> {
    groups
        .into_iter()
        .map(|(id, name)| api::GroupRef { id, name })
        .collect()
}

/// Records who holds which permission through which groups now
/// (`org.reviews.manage`): active members, memberships in force.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/permission-snapshots", tag = "governance", security(("bearer" = [])), params(("org" = String, Path)),
    request_body = api::CreateSnapshot,
    responses((status = 201, body = api::PermissionSnapshot), (status = 422, description = "invalid_name", body = api::Problem)))]
async fn take_snapshot(
    State(state): State<AppState>,
    caller: OrgCaller,
    JsonBody(body): JsonBody<api::CreateSnapshot>,
) -> AppResult<impl IntoResponse> {
    caller.require(&state, permissions::REVIEWS_MANAGE)?;
    let name = body
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if name.is_some_and(|n| !crate::domain::names::text_ok(n, 100)) {
        return Err(AppError::field(
            "name",
            "invalid_name",
            "use 1 to 100 characters",
        ));
    }
    let mut tx = state.db.begin().await?;
    // Under the organization's lock: no membership change half-seen.
    tx.lock_org(caller.org.id).await?;
    let holdings = holdings_now(&state, &caller, &mut tx).await?;
    let grants: Vec<snapshots::Grant> = holdings
        .iter()
        .flat_map(|(account, h)| {
            h.permissions.iter().flat_map(move |(permission, groups)| {
                groups
                    .iter()
                    .map(move |(group, group_name)| snapshots::Grant {
                        account: *account,
                        email: h.email.clone(),
                        name: h.name.clone(),
                        permission: permission.clone(),
                        group: *group,
                        group_name: group_name.clone(),
                    })
            })
        })
        .collect();
    let snapshot = store_snapshots::insert(
        &mut tx,
        caller.org.id,
        name,
        caller.account.id,
        &grants,
        holdings.len() as u64,
        snapshots::pairs(&holdings),
    )
    .await?;
    audit::record(
        &mut tx,
        audit::Entry {
            org: Some(caller.org.id),
            actor: Some(caller.account.id),
            action: actions::SNAPSHOT_CREATE,
            target_type: "permission_snapshot",
            target_id: Some(snapshot.id.to_string()),
            ip: caller.ip(),
            detail: serde_json::json!({
                "name": snapshot.name,
                "members": snapshot.members,
                "grants": snapshot.grants,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(snapshot)))
}

/// The organization's snapshots, newest first (`org.reviews.manage`).
/// Keyset-paged: `limit`, then `next_cursor` as `cursor` for the next page.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/permission-snapshots", tag = "governance", security(("bearer" = [])), params(("org" = String, Path), super::params::PageQuery),
    responses((status = 200, body = api::Page<api::PermissionSnapshot>),
              (status = 400, description = "bad cursor", body = api::Problem),
              (status = 422, description = "limit out of range", body = api::Problem)))]
async fn list_snapshots(
    State(state): State<AppState>,
    caller: OrgCaller,
    QueryParams(q): QueryParams<super::params::PageQuery>,
) -> AppResult<Json<api::Page<api::PermissionSnapshot>>> {
    caller.require(&state, permissions::REVIEWS_MANAGE)?;
    let limit = limit_of(q.limit)?;
    let after = super::reviews::newest_first_after(q.cursor.as_deref(), "permission_snapshots")?;
    let mut conn = state.db.pool().acquire().await?;
    let (items, total) = store_snapshots::list(&mut conn, caller.org.id, after, limit + 1).await?;
    let (items, next_cursor) =
        super::reviews::newest_first_page(items, limit, "permission_snapshots", |s| {
            (crate::domain::expiry::millis(s.taken_at), s.id)
        });
    Ok(Json(api::Page {
        total_is_estimate: false,
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or(0),
    }))
}

/// One snapshot with every grant (`org.reviews.manage`); `format=csv`
/// answers the grants as CSV (`account_id, email, name, permission,
/// granted_by`), formula-defused, one row per member and permission.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/permission-snapshots/{id}", tag = "governance", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path), FormatQuery),
    responses((status = 200, description = "the snapshot; with format=csv, its grants as CSV", content(
        (api::SnapshotDetail = "application/json"), (String = "text/csv"))),
        (status = 404, description = "not the organization's snapshot", body = api::Problem),
        (status = 422, description = "format is neither json nor csv", body = api::Problem)))]
async fn get_snapshot(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<SnapshotPath>,
    QueryParams(q): QueryParams<FormatQuery>,
) -> AppResult<Response> {
    caller.require(&state, permissions::REVIEWS_MANAGE)?;
    let csv = wants_csv(q.format.as_deref())?;
    let mut conn = state.db.pool().acquire().await?;
    let (snapshot, grants) = snapshot_of(&mut conn, &caller, path.id).await?;
    drop(conn);
    let holdings = snapshots::holdings(&grants, |_| true);
    let rows: Vec<api::SnapshotGrant> = holdings
        .iter()
        .flat_map(|(account, h)| {
            h.permissions
                .iter()
                .map(move |(permission, groups)| api::SnapshotGrant {
                    account: *account,
                    email: h.email.clone(),
                    name: h.name.clone(),
                    permission: permission.clone(),
                    granted_by: group_refs(groups.iter().cloned()),
                })
        })
        .collect();
    if !csv {
        return Ok(Json(api::SnapshotDetail {
            snapshot,
            holdings: rows,
        })
        .into_response());
    }
    let mut table: Vec<Vec<String>> = vec![
        ["account_id", "email", "name", "permission", "granted_by"]
            .map(String::from)
            .to_vec(),
    ];
    let mut sorted = rows;
    sorted.sort_by(|a, b| (&a.email, &a.permission).cmp(&(&b.email, &b.permission)));
    table.extend(sorted.iter().map(|g| {
        vec![
            g.account.to_string(),
            defuse(&g.email),
            defuse(&g.name),
            defuse(&g.permission),
            defuse(
                &g.granted_by
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ]
    }));
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"permission-snapshot-{}.csv\"",
                    path.id
                ),
            ),
        ],
        lines(&table),
    )
        .into_response())
}

/// What each member gained and lost between snapshot `id` and snapshot `other`
/// (or `now`), with the granting groups: after for a gain, before for a
/// loss (`org.reviews.manage`). Only members whose permissions changed.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/permission-snapshots/{id}/diff/{other}", tag = "governance", security(("bearer" = [])),
    params(("org" = String, Path), ("id" = Uuid, Path, description = "the earlier snapshot"), ("other" = String, Path, description = "the later snapshot's id, or `now`")),
    responses((status = 200, body = api::SnapshotDiff), (status = 404, description = "not the organization's snapshot", body = api::Problem)))]
async fn snapshot_diff(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<DiffPath>,
) -> AppResult<Json<api::SnapshotDiff>> {
    caller.require(&state, permissions::REVIEWS_MANAGE)?;
    let to_id = match path.other.as_str() {
        "now" => None,
        other => Some(Uuid::parse_str(other).map_err(|_| AppError::not_found("snapshot"))?),
    };
    let mut conn = state.db.pool().acquire().await?;
    let (from, from_grants) = snapshot_of(&mut conn, &caller, path.id).await?;
    let before = snapshots::holdings(&from_grants, |_| true);
    let (after, to_taken_at) = match to_id {
        Some(id) => {
            let (to, grants) = snapshot_of(&mut conn, &caller, id).await?;
            (snapshots::holdings(&grants, |_| true), to.taken_at)
        }
        None => (
            holdings_now(&state, &caller, &mut conn).await?,
            time::OffsetDateTime::now_utc(),
        ),
    };
    drop(conn);
    let changes = |list: Vec<snapshots::Change>| -> Vec<api::PermissionChange> {
        list.into_iter()
            .map(|c| api::PermissionChange {
                permission: c.permission,
                groups: group_refs(c.groups),
            })
            .collect()
    };
    let members = snapshots::diff(&before, &after)
        .into_iter()
        .map(|m| api::MemberPermissionDiff {
            account: m.account,
            email: m.email,
            name: m.name,
            gained: changes(m.gained),
            lost: changes(m.lost),
        })
        .collect();
    Ok(Json(api::SnapshotDiff {
        from: from.id,
        to: to_id,
        from_taken_at: from.taken_at,
        to_taken_at,
        members,
    }))
}
