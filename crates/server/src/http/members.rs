//! Members of an organization, their permissions and sign-ins.

use axum::Json;
use axum::extract::State;
use orgdesk_api as api;
use orgdesk_api::permissions;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::{OrgCaller, OrgRead};
use super::extract::{PathParams, QueryParams};
use super::params::{PageQuery, limit_of};
use crate::error::{AppError, AppResult};
use crate::geo;
use crate::state::AppState;
use crate::store::{accounts, domains, groups, member_one, members, sessions};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_members))
        .routes(routes!(get_member))
        .routes(routes!(member_profile))
        .routes(routes!(member_permissions))
        .routes(routes!(my_permissions))
        .routes(routes!(member_sessions))
}

#[derive(Debug, serde::Deserialize)]
struct MemberPath {
    #[allow(dead_code)]
    org: String,
    account: Uuid,
}

/// Members, searched, filtered and keyset-paged (`org.members.read`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/members", tag = "members", security(("bearer" = [])), params(("org" = String, Path), api::MemberQuery),
    responses((status = 200, body = api::Page<api::Member>), (status = 400, description = "bad cursor or filter", body = api::Problem)))]
async fn list_members(
    State(state): State<AppState>,
    caller: OrgCaller,
    QueryParams(query): QueryParams<api::MemberQuery>,
) -> AppResult<Json<api::Page<api::Member>>> {
    caller.require(&state, permissions::MEMBERS_READ)?;
    let limit = limit_of(query.limit)?;
    if query.q.as_ref().is_some_and(|q| q.chars().count() > 200) {
        return Err(AppError::field(
            "q",
            orgdesk_api::codes::TOO_LONG,
            "search for at most 200 characters",
        ));
    }
    for (field, days) in [
        ("inactive_days", query.inactive_days),
        ("expiring_within_days", query.expiring_within_days),
    ] {
        if days.is_some_and(|d| d > api::MAX_DAYS) {
            return Err(AppError::field(
                field,
                "out_of_range",
                format!("use 0 to {} days", api::MAX_DAYS),
            ));
        }
    }
    let mut conn = state.db.pool().acquire().await?;
    // Another organization's group does not exist here.
    if let Some(group) = query.group
        && !groups::exists(&mut conn, caller.org.id, group).await?
    {
        return Err(AppError::not_found("group"));
    }
    let mut page = members::list(
        &mut conn,
        caller.org.id,
        &query,
        limit,
        state.limits.exact_total_up_to,
    )
    .await?
    .map_err(|_| AppError::bad_request("the cursor is not valid for this list and sort"))?;
    domains::mark_managed(&mut conn, caller.org.id, &mut page.items).await?;
    Ok(Json(page))
}

async fn member_of(state: &AppState, caller: &OrgCaller, account: Uuid) -> AppResult<api::Member> {
    member_one::get(&state.db, None, caller.org.id, account)
        .await?
        .ok_or_else(|| AppError::not_found("member"))
}

/// One member with their groups (`org.members.read`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/members/{account}", tag = "members", security(("bearer" = [])), params(("org" = String, Path), ("account" = Uuid, Path)),
    responses((status = 200, body = api::Member), (status = 404, body = api::Problem)))]
async fn get_member(
    State(state): State<AppState>,
    OrgRead { caller, mut held }: OrgRead,
    PathParams(path): PathParams<MemberPath>,
) -> AppResult<Json<api::Member>> {
    caller.require(&state, permissions::MEMBERS_READ)?;
    let member = member_one::get(&state.db, held.as_mut(), caller.org.id, path.account)
        .await?
        .ok_or_else(|| AppError::not_found("member"))?;
    Ok(Json(member))
}

async fn permissions_of(
    state: &AppState,
    caller: &OrgCaller,
    account: Uuid,
) -> AppResult<Vec<api::EffectivePermission>> {
    let member = member_of(state, caller, account).await?;
    if member.status == api::MembershipStatus::Suspended {
        return Ok(Vec::new());
    }
    let mut conn = state.db.pool().acquire().await?;
    let member_groups = groups::of_member(&mut conn, caller.org.id, account).await?;
    Ok(state
        .catalog
        .effective_permissions(&caller.org_permissions, &member_groups))
}

/// A member's permissions, each with the groups granting it (`org.members.read`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/members/{account}/permissions", tag = "members", security(("bearer" = [])), params(("org" = String, Path), ("account" = Uuid, Path)),
    responses((status = 200, body = Vec<api::EffectivePermission>)))]
async fn member_permissions(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<MemberPath>,
) -> AppResult<Json<Vec<api::EffectivePermission>>> {
    caller.require(&state, permissions::MEMBERS_READ)?;
    Ok(Json(permissions_of(&state, &caller, path.account).await?))
}

/// The caller's own permissions here, each with the groups granting it.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/me/permissions", tag = "members", security(("bearer" = [])), params(("org" = String, Path)),
    responses((status = 200, body = Vec<api::EffectivePermission>)))]
async fn my_permissions(
    State(state): State<AppState>,
    caller: OrgCaller,
) -> AppResult<Json<Vec<api::EffectivePermission>>> {
    let account = caller.account.id;
    Ok(Json(permissions_of(&state, &caller, account).await?))
}

/// A member's sign-ins (`org.members.sessions.read`): every one for an
/// account this organization manages; for the others, only the sessions
/// opened into this organization or used in it.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/members/{account}/sessions", tag = "members", security(("bearer" = [])), params(("org" = String, Path), ("account" = Uuid, Path), PageQuery),
    responses((status = 200, body = api::Page<api::SessionInfo>)))]
async fn member_sessions(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<MemberPath>,
    QueryParams(q): QueryParams<PageQuery>,
) -> AppResult<Json<api::Page<api::SessionInfo>>> {
    caller.require(&state, permissions::MEMBERS_SESSIONS_READ)?;
    let limit = limit_of(q.limit)?;
    let member = member_of(&state, &caller, path.account).await?;
    let mut conn = state.db.pool().acquire().await?;
    let current = (path.account == caller.account.id).then_some(caller.session.id);
    let scope = if member.managed {
        sessions::Scope::All
    } else {
        sessions::Scope::Org(caller.org.id)
    };
    let mut page = sessions::list(
        &mut conn,
        path.account,
        current,
        scope,
        limit,
        q.cursor.as_deref(),
    )
    .await?;
    for session in &mut page.items {
        geo::describe(state.geo.as_ref(), session);
    }
    Ok(Json(page))
}

/// What an admin sees of a member beyond the list's row: whether a password
/// reset is pending, since when the membership has its status, and — for an
/// account this organization manages, to a caller holding
/// `org.members.contact.read` — phone, address, job title and department
/// (`org.members.read`). The pending new email stays private to its owner.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/members/{account}/profile", tag = "members", security(("bearer" = [])), params(("org" = String, Path), ("account" = Uuid, Path)),
    responses((status = 200, body = api::MemberProfile), (status = 403, body = api::Problem), (status = 404, body = api::Problem)))]
async fn member_profile(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<MemberPath>,
) -> AppResult<Json<api::MemberProfile>> {
    caller.require(&state, permissions::MEMBERS_READ)?;
    let mut conn = state.db.pool().acquire().await?;
    let status_since = members::status_since(&mut conn, caller.org.id, path.account)
        .await?
        .ok_or_else(|| AppError::not_found("member"))?;
    let account = accounts::by_id(&mut conn, path.account)
        .await?
        .ok_or_else(|| AppError::not_found("member"))?;
    let managed = domains::manager_of(&mut conn, &account.email, account.email_verified).await?
        == Some(caller.org.id);
    let contact = managed && caller.has(&state, permissions::MEMBERS_CONTACT_READ);
    let profile = account.profile(&state.public_url);
    let shown = |field: Option<String>| field.filter(|_| contact);
    Ok(Json(api::MemberProfile {
        id: profile.id,
        email: profile.email,
        email_verified: profile.email_verified,
        phone: shown(profile.phone),
        job_title: shown(profile.job_title),
        department: shown(profile.department),
        address: shown(profile.address),
        avatar_url: profile.avatar_url,
        password_reset_required: account.password_reset_required,
        status_since,
        managed,
        contact_withheld: !contact,
    }))
}
