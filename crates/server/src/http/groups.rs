//! Groups, their permissions and members, the bulk endpoint and the matrix.
//!
//! Rules: nobody grants what they do not hold; managing a group's members
//! needs every permission the group grants; no change may leave the
//! organization without an active member holding `org.groups.manage`.

use orgdesk_api::{actions, permissions};
use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use orgdesk_api::{self as api, FieldError, codes};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::{OrgCaller, OrgRead};
use super::extract::{JsonBody, PathParams, QueryParams};
use super::params::{PageQuery, limit_of};
use super::params::{if_match, stale};
use crate::domain::catalog::GroupTemplate;
use crate::domain::expiry;
use crate::domain::impact::{self, GroupGrants};
use crate::domain::permissions::{PermissionSet, needed_to_change_group};
use crate::error::{AppError, AppResult};
use crate::flows::membership::{GROUPS_MANAGE as MANAGE, ensure_admin_remains};
use crate::state::AppState;
use crate::store::groups::{self, GroupRow};
use crate::store::{Tx, audit, is_unique_violation, members, now_ms};

/// The most membership changes one request may carry.
pub const MAX_CHANGES: usize = 20_000;
const DESCRIPTION_MAX_CHARS: usize = 1000;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_groups, create_group))
        .routes(routes!(get_group, update_group, delete_group))
        .routes(routes!(
            group_members,
            add_group_members,
            remove_group_members
        ))
        .routes(routes!(bulk))
        .routes(routes!(permission_matrix))
}

#[derive(Debug, serde::Deserialize)]
struct GroupPath {
    #[allow(dead_code)]
    org: String,
    id: Uuid,
}

fn to_api(group: GroupRow) -> api::Group {
    api::Group {
        id: group.id,
        name: group.name,
        description: group.description,
        builtin: group.builtin,
        product: group.product,
        permissions: group.permissions,
        member_count: u64::try_from(group.member_count).unwrap_or(0),
        version: group.version,
        created_at: group.created_at,
    }
}

/// The permissions a group grants in this organization.
fn granted(state: &AppState, caller: &OrgCaller, keys: &[String]) -> PermissionSet {
    keys.iter()
        .filter_map(|k| state.catalog.id(k))
        .filter(|id| caller.org_permissions.contains(*id))
        .collect()
}

fn resolve(state: &AppState, caller: &OrgCaller, keys: &[String]) -> AppResult<PermissionSet> {
    state
        .catalog
        .resolve(keys, &caller.org_permissions)
        .map_err(|unknown| {
            let mut err = AppError::validation(
                unknown
                    .iter()
                    .map(|k| FieldError {
                        field: "permissions".into(),
                        code: codes::UNKNOWN_PERMISSION.into(),
                        message: format!("{k} is not a permission of this organization"),
                    })
                    .collect(),
            );
            err.code = codes::UNKNOWN_PERMISSION;
            err
        })
}

async fn load(state: &AppState, caller: &OrgCaller, id: Uuid) -> AppResult<GroupRow> {
    let mut conn = state.db.pool().acquire().await?;
    groups::get(&mut conn, caller.org.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("group"))
}

fn group_ref(group: &GroupRow) -> api::GroupRef {
    api::GroupRef {
        id: group.id,
        name: group.name.clone(),
    }
}

fn check_description(description: &str) -> AppResult<()> {
    if description.chars().count() <= DESCRIPTION_MAX_CHARS
        && !description.chars().any(|c| c.is_control() && c != '\n')
    {
        Ok(())
    } else {
        Err(AppError::field(
            "description",
            codes::TOO_LONG,
            format!("use at most {DESCRIPTION_MAX_CHARS} characters"),
        ))
    }
}

fn check_name(name: &str) -> AppResult<()> {
    if crate::domain::names::text_ok(name, 100) {
        Ok(())
    } else {
        Err(AppError::field(
            "name",
            "invalid_name",
            "use 1 to 100 characters",
        ))
    }
}

/// Every group of the organization (`org.groups.read`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/groups", tag = "groups", security(("bearer" = [])), params(("org" = String, Path)),
    responses((status = 200, body = Vec<api::Group>)))]
async fn list_groups(
    State(state): State<AppState>,
    OrgRead { caller, mut held }: OrgRead,
) -> AppResult<Json<Vec<api::Group>>> {
    caller.require(&state, permissions::GROUPS_READ)?;
    Ok(Json(
        groups::list_now(&state.db, held.as_mut(), caller.org.id)
            .await?
            .into_iter()
            .map(to_api)
            .collect(),
    ))
}

/// Creates a custom group (`org.groups.manage`; only permissions the caller holds).
#[utoipa::path(post, path = "/api/v1/orgs/{org}/groups", tag = "groups", security(("bearer" = [])), params(("org" = String, Path)), request_body = api::CreateGroup,
    responses((status = 201, body = api::Group), (status = 403, description = "permission_escalation", body = api::Problem),
              (status = 409, description = "group_name_taken", body = api::Problem), (status = 422, description = "unknown_permission", body = api::Problem)))]
async fn create_group(
    State(state): State<AppState>,
    caller: OrgCaller,
    JsonBody(body): JsonBody<api::CreateGroup>,
) -> AppResult<impl IntoResponse> {
    caller.require(&state, MANAGE)?;
    check_name(&body.name)?;
    check_description(&body.description)?;
    let set = resolve(&state, &caller, &body.permissions)?;
    caller.may_grant(&state, &set)?;
    let template = GroupTemplate {
        name: body.name.trim().into(),
        description: body.description.trim().into(),
        builtin: false,
        product: None,
        permissions: state.catalog.keys(&set),
    };
    let mut tx = state.db.begin().await?;
    let id = match groups::insert(&mut tx, caller.org.id, &template).await {
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::conflict(
                codes::GROUP_NAME_TAKEN,
                "a group with this name exists",
            ));
        }
        other => other?,
    };
    record(
        &mut tx,
        &caller,
        actions::GROUP_CREATE,
        id,
        serde_json::json!({ "name": template.name, "permissions": template.permissions }),
    )
    .await?;
    let group = groups::get(&mut tx, caller.org.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("group"))?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(to_api(group))))
}

async fn record(
    tx: &mut Tx,
    caller: &OrgCaller,
    action: &str,
    group: Uuid,
    detail: serde_json::Value,
) -> AppResult<()> {
    audit::record(
        tx,
        audit::Entry {
            org: Some(caller.org.id),
            actor: Some(caller.account.id),
            action,
            target_type: "group",
            target_id: Some(group.to_string()),
            ip: caller.ip(),
            detail,
        },
    )
    .await?;
    Ok(())
}

/// One group (`org.groups.read`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/groups/{id}", tag = "groups", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = api::Group), (status = 404, body = api::Problem)))]
async fn get_group(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<GroupPath>,
) -> AppResult<Json<api::Group>> {
    caller.require(&state, permissions::GROUPS_READ)?;
    Ok(Json(to_api(load(&state, &caller, path.id).await?)))
}

/// Edits a group. A built-in group's name is fixed. Changing a group needs
/// every permission it grants before and after the change, decided on the
/// group as read under the organization's lock. Honors `If-Match`.
#[utoipa::path(patch, path = "/api/v1/orgs/{org}/groups/{id}", tag = "groups", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    request_body = api::UpdateGroup,
    responses((status = 200, body = api::Group), (status = 403, description = "permission_escalation, with `group` and `missing`", body = api::Problem),
              (status = 409, description = "builtin_group, group_name_taken or last_admin", body = api::Problem),
              (status = 412, description = "stale_version", body = api::Problem)))]
async fn update_group(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<GroupPath>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<api::UpdateGroup>,
) -> AppResult<Json<api::Group>> {
    caller.require(&state, MANAGE)?;
    let expected = if_match(&headers)?;
    if let Some(name) = &body.name {
        check_name(name)?;
    }
    if let Some(description) = &body.description {
        check_description(description)?;
    }
    let requested = body
        .permissions
        .as_ref()
        .map(|keys| resolve(&state, &caller, keys))
        .transpose()?;
    let mut tx = state.db.begin().await?;
    tx.lock_org(caller.org.id).await?;
    // Everything is decided on the group as it is now, under the lock: two
    // racing edits cannot both pass, nor one revert the other from a stale copy.
    let current = groups::get(&mut tx, caller.org.id, path.id)
        .await?
        .ok_or_else(|| AppError::not_found("group"))?;
    stale(expected, current.version)?;
    let before = granted(&state, &caller, &current.permissions);
    let after = requested.unwrap_or_else(|| before.clone());
    caller.may_change_group(
        &state,
        group_ref(&current),
        &needed_to_change_group(&before, &after),
    )?;
    let mut group = current.clone();
    if let Some(name) = &body.name {
        if group.builtin && name.trim() != group.name {
            return Err(AppError::conflict(
                codes::BUILTIN_GROUP,
                format!("the built-in group {} cannot be renamed", group.name),
            ));
        }
        group.name = name.trim().to_string();
    }
    if let Some(description) = &body.description {
        group.description = description.trim().to_string();
    }
    group.permissions = state.catalog.keys(&after);
    match groups::update(&mut tx, &group).await {
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::conflict(
                codes::GROUP_NAME_TAKEN,
                "a group with this name exists",
            ));
        }
        other => other?,
    }
    if current.name != group.name {
        members::touch_group(&mut tx, caller.org.id, group.id).await?;
    }
    ensure_admin_remains(&mut tx, caller.org.id).await?;
    record(
        &mut tx,
        &caller,
        actions::GROUP_UPDATE,
        group.id,
        serde_json::json!({
            "name": (current.name != group.name).then_some(&group.name),
            "description_changed": current.description != group.description,
            "permissions_added": state.catalog.keys(&after.difference(&before)),
            "permissions_removed": state.catalog.keys(&before.difference(&after)),
        }),
    )
    .await?;
    let updated = groups::get(&mut tx, caller.org.id, group.id)
        .await?
        .ok_or_else(|| AppError::not_found("group"))?;
    tx.commit().await?;
    Ok(Json(to_api(updated)))
}

/// Deletes a custom group (`org.groups.manage`, holding all it grants).
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/groups/{id}", tag = "groups", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    responses((status = 204), (status = 403, description = "permission_escalation, with `group` and `missing`", body = api::Problem),
              (status = 409, description = "builtin_group or last_admin", body = api::Problem), (status = 412, description = "stale_version", body = api::Problem)))]
async fn delete_group(
    State(state): State<AppState>,
    caller: OrgCaller,
    headers: HeaderMap,
    PathParams(path): PathParams<GroupPath>,
) -> AppResult<StatusCode> {
    caller.require(&state, MANAGE)?;
    let expected = if_match(&headers)?;
    let mut tx = state.db.begin().await?;
    tx.lock_org(caller.org.id).await?;
    let group = groups::get(&mut tx, caller.org.id, path.id)
        .await?
        .ok_or_else(|| AppError::not_found("group"))?;
    stale(expected, group.version)?;
    if group.builtin {
        return Err(AppError::conflict(
            codes::BUILTIN_GROUP,
            format!("the built-in group {} cannot be deleted", group.name),
        ));
    }
    let grants = granted(&state, &caller, &group.permissions);
    caller.may_change_group(&state, group_ref(&group), &grants)?;
    members::touch_group(&mut tx, caller.org.id, group.id).await?;
    groups::delete(&mut tx, group.id).await?;
    ensure_admin_remains(&mut tx, caller.org.id).await?;
    record(
        &mut tx,
        &caller,
        actions::GROUP_DELETE,
        group.id,
        serde_json::json!({ "name": group.name }),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A group's members, by name (`org.members.read`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/groups/{id}/members", tag = "groups", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path), PageQuery),
    responses((status = 200, body = api::Page<api::Member>)))]
async fn group_members(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<GroupPath>,
    QueryParams(q): QueryParams<PageQuery>,
) -> AppResult<Json<api::Page<api::Member>>> {
    caller.require(&state, permissions::MEMBERS_READ)?;
    let limit = limit_of(q.limit)?;
    load(&state, &caller, path.id).await?;
    let query = api::MemberQuery {
        group: Some(path.id),
        cursor: q.cursor,
        ..Default::default()
    };
    let mut conn = state.db.pool().acquire().await?;
    let mut page = members::list(
        &mut conn,
        caller.org.id,
        &query,
        limit,
        state.limits.exact_total_up_to,
    )
    .await?
    .map_err(|_| AppError::bad_request("the cursor is not valid for this list"))?;
    crate::store::domains::mark_managed(&mut conn, caller.org.id, &mut page.items).await?;
    Ok(Json(page))
}

/// Adds members to a group, until `expires_at` when given (from that
/// instant the memberships grant nothing). Adding a member already in the
/// group sets their membership's end to the one given (none: no end).
/// `org.groups.manage`, or a manager of the group; either way holding every
/// permission the group grants.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/groups/{id}/members", tag = "groups", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    request_body = api::AddMembers, responses((status = 200, body = api::MembershipDiff), (status = 403, description = "forbidden or permission_escalation", body = api::Problem),
        (status = 422, description = "not_a_member, expires_in_past or too_many_changes", body = api::Problem)))]
async fn add_group_members(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<GroupPath>,
    JsonBody(body): JsonBody<api::AddMembers>,
) -> AppResult<Json<api::MembershipDiff>> {
    let change = api::BulkChange {
        group: path.id,
        add: body
            .accounts
            .into_iter()
            .map(|a| api::MemberAdd::until(a, body.expires_at))
            .collect(),
        remove: Vec::new(),
    };
    Ok(Json(
        apply(&state, &caller, vec![change], false).await?.diff,
    ))
}

/// Removes members from a group (`org.groups.manage`, or a manager of the group).
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/groups/{id}/members", tag = "groups", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    request_body = api::AccountList, responses((status = 200, body = api::MembershipDiff), (status = 403, description = "forbidden or permission_escalation", body = api::Problem),
        (status = 409, description = "last_admin", body = api::Problem)))]
async fn remove_group_members(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<GroupPath>,
    JsonBody(body): JsonBody<api::AccountList>,
) -> AppResult<Json<api::MembershipDiff>> {
    let change = api::BulkChange {
        group: path.id,
        add: Vec::new(),
        remove: body.accounts,
    };
    Ok(Json(
        apply(&state, &caller, vec![change], false).await?.diff,
    ))
}

/// Many membership changes in one transaction: all or nothing. The answer
/// says which memberships changed and the permission impact: every member
/// whose effective permissions change, with what they gain and lose. With
/// `dry_run` nothing is kept and the answer says what would change.
/// An add may carry `expires_at` (`{account, expires_at}` instead of the
/// bare id); adding a member already in the group sets their end to it.
/// Without `org.groups.manage` the caller must manage every group changed.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/groups/bulk", tag = "groups", security(("bearer" = [])), params(("org" = String, Path)), request_body = api::BulkRequest,
    responses((status = 200, body = api::BulkResult), (status = 403, description = "forbidden or permission_escalation", body = api::Problem),
              (status = 404, description = "a group that is not the organization's", body = api::Problem),
              (status = 409, description = "last_admin", body = api::Problem),
              (status = 422, description = "too_many_changes, not_a_member, expires_in_past or conflicting_change", body = api::Problem)))]
async fn bulk(
    State(state): State<AppState>,
    caller: OrgCaller,
    JsonBody(body): JsonBody<api::BulkRequest>,
) -> AppResult<Json<api::BulkResult>> {
    let applied = apply(&state, &caller, body.changes, body.dry_run).await?;
    Ok(Json(api::BulkResult {
        dry_run: body.dry_run,
        diff: applied.diff,
        impact: applied.impact,
    }))
}

/// What a set of membership changes did (or would do).
struct Applied {
    diff: api::MembershipDiff,
    impact: Vec<api::PermissionImpact>,
}

async fn apply(
    state: &AppState,
    caller: &OrgCaller,
    changes: Vec<api::BulkChange>,
    dry_run: bool,
) -> AppResult<Applied> {
    // Group managers may change their own groups' members: decided below,
    // once the groups are known to be the organization's.
    let as_manager = !caller.has(state, MANAGE);
    if as_manager && changes.is_empty() {
        caller.require(state, MANAGE)?;
    }
    let now = now_ms();
    let mut ends: HashMap<(Uuid, Uuid), Option<i64>> = HashMap::new();
    for change in &changes {
        for add in &change.add {
            let end = expiry::end_ahead(add.expires_at(), now).map_err(|_| {
                AppError::field(
                    "expires_at",
                    codes::EXPIRES_IN_PAST,
                    "an access end must lie in the future",
                )
            })?;
            ends.insert((change.group, add.account()), end);
        }
    }
    let total: usize = changes.iter().map(|c| c.add.len() + c.remove.len()).sum();
    if total > MAX_CHANGES {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::TOO_MANY_CHANGES,
            format!("send at most {MAX_CHANGES} membership changes per request"),
        ));
    }
    let org = caller.org.id;
    // Everything is read under the organization's lock: the groups' grants,
    // the members and their groups are those the change applies to.
    let mut tx = state.db.begin().await?;
    tx.lock_org(org).await?;
    let groups = groups::grants(&mut tx, org).await?;
    let by_id: HashMap<Uuid, &groups::GroupGrant> = groups.iter().map(|g| (g.id, g)).collect();
    let grants = GroupGrants::new(
        groups
            .iter()
            .map(|g| (g.id, granted(state, caller, &g.permissions))),
    );
    if as_manager {
        // Another organization's group is not found (404), one of ours the
        // caller does not manage is forbidden (403), before any escalation.
        let named: Vec<Uuid> = changes.iter().map(|c| c.group).collect();
        if named.iter().any(|g| !by_id.contains_key(g)) {
            return Err(AppError::not_found("group"));
        }
        let managed = groups::managed_by(&mut tx, caller.account.id, &named).await?;
        if named.iter().any(|g| !managed.contains(g)) {
            return Err(AppError::missing_permission(MANAGE));
        }
    }
    let accounts = check_changes(state, caller, &changes, &by_id, &grants)?;
    let found = groups::member_groups(&mut tx, org, &accounts).await?;
    let missing: Vec<FieldError> = accounts
        .iter()
        .filter(|a| !found.status.contains_key(a))
        .take(50)
        .map(|a| FieldError {
            field: "accounts".into(),
            code: codes::NOT_A_MEMBER.into(),
            message: format!("{a} is not a member of this organization"),
        })
        .collect();
    if !missing.is_empty() {
        return Err(AppError::validation(missing));
    }

    let mut diff = api::MembershipDiff::default();
    // Memberships that start granting (new, or renewed after their end).
    let mut granting: Vec<(Uuid, Uuid)> = Vec::new();
    // Group by group in id order: each statement updates its group's count
    // (migration 0011), and writers that take those rows in one order wait
    // for each other instead of deadlocking.
    let mut in_order: Vec<&api::BulkChange> = changes.iter().collect();
    in_order.sort_by_key(|change| change.group);
    for change in in_order {
        let membership = |account: &Uuid| api::GroupMembership {
            group: change.group,
            account: *account,
        };
        // Grouped by the end asked for: one statement per distinct end.
        let mut inserts: HashMap<Option<i64>, Vec<Uuid>> = HashMap::new();
        let mut set_ends: HashMap<Option<i64>, Vec<Uuid>> = HashMap::new();
        for add in &change.add {
            let account = add.account();
            let wanted = ends.get(&(change.group, account)).copied().flatten();
            let current = found.ends.get(&(change.group, account)).copied();
            let outcome = expiry::add_outcome(current, wanted);
            if expiry::starts_granting(current, outcome, now) {
                granting.push((change.group, account));
            }
            match outcome {
                expiry::AddOutcome::Insert => inserts.entry(wanted).or_default().push(account),
                expiry::AddOutcome::SetEnd => set_ends.entry(wanted).or_default().push(account),
                expiry::AddOutcome::Unchanged => diff.unchanged += 1,
            }
        }
        for (end, accounts) in &inserts {
            let added = groups::add_members(
                &mut tx,
                org,
                change.group,
                accounts,
                *end,
                Some(caller.account.id),
            )
            .await?;
            diff.added.extend(
                accounts
                    .iter()
                    .filter(|a| added.contains(a))
                    .map(membership),
            );
            diff.unchanged += (accounts.len() - added.len()) as u64;
        }
        for (end, accounts) in &set_ends {
            groups::set_expiry(&mut tx, change.group, accounts, *end).await?;
            diff.expiry_changed.extend(accounts.iter().map(membership));
        }
        if !change.remove.is_empty() {
            let removed = groups::remove_members(&mut tx, change.group, &change.remove).await?;
            diff.removed.extend(
                change
                    .remove
                    .iter()
                    .filter(|a| removed.contains(a))
                    .map(membership),
            );
            diff.unchanged += (change.remove.len() - removed.len()) as u64;
        }
    }
    if !diff.removed.is_empty() || !diff.expiry_changed.is_empty() {
        ensure_admin_remains(&mut tx, org).await?;
    }
    let pairs = |list: &[api::GroupMembership]| -> Vec<(Uuid, Uuid)> {
        list.iter().map(|m| (m.group, m.account)).collect()
    };
    let impact = impact::impact(
        &grants,
        &found.memberships,
        &granting,
        &pairs(&diff.removed),
    )
    .into_iter()
    .map(|i| api::PermissionImpact {
        account: i.account,
        gained: state.catalog.keys(&i.gained),
        lost: state.catalog.keys(&i.lost),
        suspended: found.status.get(&i.account) == Some(&api::MembershipStatus::Suspended),
    })
    .collect::<Vec<_>>();
    if dry_run {
        // Dropping the transaction rolls the changes back.
        return Ok(Applied { diff, impact });
    }
    let touched: Vec<Uuid> = diff
        .added
        .iter()
        .chain(&diff.removed)
        .chain(&diff.expiry_changed)
        .map(|m| m.account)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    members::touch(&mut tx, org, &touched).await?;
    audit::record(
        &mut tx,
        audit::Entry {
            org: Some(org),
            actor: Some(caller.account.id),
            action: actions::GROUP_MEMBERS_CHANGE,
            target_type: "group",
            target_id: (changes.len() == 1).then(|| changes[0].group.to_string()),
            ip: caller.ip(),
            detail: serde_json::json!({
                "added": diff.added,
                "removed": diff.removed,
                "expiry_changed": diff.expiry_changed,
                "ends": ends_of(&ends),
                "as_manager": as_manager,
                "members_with_changed_permissions": impact.len(),
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Applied { diff, impact })
}

/// The ends asked for, for the audit entry: `{group: {account: end}}` (RFC 3339).
fn ends_of(ends: &HashMap<(Uuid, Uuid), Option<i64>>) -> serde_json::Value {
    let mut by_group: std::collections::BTreeMap<
        String,
        serde_json::Map<String, serde_json::Value>,
    > = std::collections::BTreeMap::new();
    for (&(group, account), end) in ends {
        if let Some(end) = end {
            let at = crate::store::time_of(*end)
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default();
            by_group
                .entry(group.to_string())
                .or_default()
                .insert(account.to_string(), at.into());
        }
    }
    serde_json::json!(by_group)
}

/// Refuses changes to unknown groups, to groups granting what the caller does
/// not hold, and an account twice for one group; answers the accounts named.
fn check_changes(
    state: &AppState,
    caller: &OrgCaller,
    changes: &[api::BulkChange],
    by_id: &HashMap<Uuid, &groups::GroupGrant>,
    grants: &GroupGrants,
) -> AppResult<Vec<Uuid>> {
    let mut accounts: Vec<Uuid> = Vec::new();
    let mut named: HashSet<Uuid> = HashSet::new();
    let mut seen: HashSet<(Uuid, Uuid)> = HashSet::new();
    for change in changes {
        let (Some(group), Some(grants)) = (by_id.get(&change.group), grants.get(change.group))
        else {
            return Err(AppError::not_found("group"));
        };
        if !change.add.is_empty() || !change.remove.is_empty() {
            let group_ref = api::GroupRef {
                id: group.id,
                name: group.name.clone(),
            };
            caller.may_change_group(state, group_ref, grants)?;
        }
        for account in change
            .add
            .iter()
            .map(api::MemberAdd::account)
            .chain(change.remove.iter().copied())
        {
            if !seen.insert((change.group, account)) {
                return Err(AppError::field(
                    "changes",
                    "conflicting_change",
                    format!("account {account} appears twice for group {}", group.name),
                ));
            }
            if named.insert(account) {
                accounts.push(account);
            }
        }
    }
    Ok(accounts)
}

/// Groups × permissions for the console's grid (`org.groups.read`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/permission-matrix", tag = "groups", security(("bearer" = [])), params(("org" = String, Path)),
    responses((status = 200, body = api::PermissionMatrix)))]
async fn permission_matrix(
    State(state): State<AppState>,
    OrgRead { caller, mut held }: OrgRead,
) -> AppResult<Json<api::PermissionMatrix>> {
    caller.require(&state, permissions::GROUPS_READ)?;
    let permissions = state.catalog.infos(&caller.org_permissions);
    let groups = groups::list_now(&state.db, held.as_mut(), caller.org.id)
        .await?
        .into_iter()
        .map(|g| {
            let set = granted(&state, &caller, &g.permissions);
            let granted = permissions
                .iter()
                .map(|p| state.catalog.id(&p.key).is_some_and(|id| set.contains(id)))
                .collect();
            api::MatrixGroup {
                id: g.id,
                name: g.name,
                builtin: g.builtin,
                product: g.product,
                version: g.version,
                granted,
            }
        })
        .collect();
    Ok(Json(api::PermissionMatrix {
        permissions,
        groups,
    }))
}
