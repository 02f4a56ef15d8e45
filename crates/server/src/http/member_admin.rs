//! What admins do to a member: suspend, reactivate, sign out of the
//! organization, force a password reset.
//!
//! Nobody acts on a member who holds permissions they do not hold
//! themselves (`permission_escalation`): that would let a junior admin lock
//! out a senior one. What reaches beyond the organization — the account's
//! password, and with it every session — is for the organization that
//! manages the account alone (`account_not_managed` for the others).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use orgdesk_api::{self as api, codes};
use orgdesk_api::{actions, permissions};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::OrgCaller;
use super::extract::PathParams;
use crate::error::{AppError, AppResult};
use crate::flows::membership::ensure_admin_remains;
use crate::state::AppState;
use crate::store::{Tx, accounts, audit, domains, groups, members, orgs, sessions};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(suspend))
        .routes(routes!(reactivate))
        .routes(routes!(force_password_reset))
        .routes(routes!(sign_out))
}

#[derive(Debug, serde::Deserialize)]
struct MemberPath {
    #[allow(dead_code)]
    org: String,
    account: Uuid,
}

/// The target's membership, after checking the caller may act on them.
async fn target(
    state: &AppState,
    caller: &OrgCaller,
    tx: &mut Tx,
    account: Uuid,
) -> AppResult<api::MembershipStatus> {
    let membership = members::membership(tx, caller.org.id, account)
        .await?
        .ok_or_else(|| AppError::not_found("member"))?;
    let their_groups = groups::of_member(tx, caller.org.id, account).await?;
    let theirs = state.catalog.member_permissions(
        &caller.org_permissions,
        their_groups
            .iter()
            .flat_map(|(_, _, keys)| keys.iter().map(String::as_str)),
    );
    caller.may_grant(state, &theirs).map_err(|mut e| {
        e.detail = Some(format!(
            "this member holds permissions you do not hold: {}",
            e.escalation
                .as_ref()
                .map(|x| x.missing.join(", "))
                .unwrap_or_default()
        ));
        e
    })?;
    Ok(membership.status)
}

async fn record(tx: &mut Tx, caller: &OrgCaller, action: &str, account: Uuid) -> AppResult<()> {
    audit::record(
        tx,
        audit::Entry {
            org: Some(caller.org.id),
            actor: Some(caller.account.id),
            action,
            target_type: "member",
            target_id: Some(account.to_string()),
            ip: caller.ip(),
            detail: serde_json::json!({}),
        },
    )
    .await?;
    Ok(())
}

async fn answer(tx: &mut Tx, caller: &OrgCaller, account: Uuid) -> AppResult<api::Member> {
    let mut member = members::get(tx, caller.org.id, account)
        .await?
        .ok_or_else(|| AppError::not_found("member"))?;
    crate::store::domains::mark_managed(tx, caller.org.id, std::slice::from_mut(&mut member))
        .await?;
    Ok(member)
}

/// Suspends a member here only: their other organizations are untouched, and
/// their sessions stop working in this one at the next request.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/members/{account}/suspend", tag = "members", security(("bearer" = [])), params(("org" = String, Path), ("account" = Uuid, Path)),
    responses((status = 200, body = api::Member), (status = 403, description = "forbidden, permission_escalation", body = api::Problem),
              (status = 409, description = "cannot_suspend_self, last_admin", body = api::Problem)))]
async fn suspend(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<MemberPath>,
) -> AppResult<Json<api::Member>> {
    caller.require(&state, permissions::MEMBERS_SUSPEND)?;
    if path.account == caller.account.id {
        return Err(AppError::conflict(
            codes::CANNOT_SUSPEND_SELF,
            "you cannot suspend yourself",
        ));
    }
    let mut tx = state.db.begin().await?;
    tx.lock_org(caller.org.id).await?;
    target(&state, &caller, &mut tx, path.account).await?;
    if members::set_status(
        &mut tx,
        caller.org.id,
        path.account,
        api::MembershipStatus::Suspended,
    )
    .await?
    {
        ensure_admin_remains(&mut tx, caller.org.id).await?;
        record(&mut tx, &caller, "member.suspend", path.account).await?;
    }
    let member = answer(&mut tx, &caller, path.account).await?;
    tx.commit().await?;
    Ok(Json(member))
}

/// Re-enables a suspended member; they take a seat again.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/members/{account}/reactivate", tag = "members", security(("bearer" = [])), params(("org" = String, Path), ("account" = Uuid, Path)),
    responses((status = 200, body = api::Member), (status = 409, description = "seat_limit_reached", body = api::Problem)))]
async fn reactivate(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<MemberPath>,
) -> AppResult<Json<api::Member>> {
    caller.require(&state, permissions::MEMBERS_SUSPEND)?;
    let mut tx = state.db.begin().await?;
    tx.lock_org(caller.org.id).await?;
    let status = target(&state, &caller, &mut tx, path.account).await?;
    if status == api::MembershipStatus::Suspended {
        if orgs::seats_used(&mut tx, caller.org.id).await? >= caller.org.seat_limit {
            return Err(AppError::conflict(
                codes::SEAT_LIMIT_REACHED,
                "no free seat left in the subscription",
            ));
        }
        members::set_status(
            &mut tx,
            caller.org.id,
            path.account,
            api::MembershipStatus::Active,
        )
        .await?;
        record(&mut tx, &caller, "member.reactivate", path.account).await?;
    }
    let member = answer(&mut tx, &caller, path.account).await?;
    tx.commit().await?;
    Ok(Json(member))
}

/// The member must choose a new password at their next sign-in; every
/// session of theirs ends now. The admin never sees or sets the password.
/// Only the organization managing the account may do this.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/members/{account}/force-password-reset", tag = "members", security(("bearer" = [])), params(("org" = String, Path), ("account" = Uuid, Path)),
    responses((status = 204), (status = 403, description = "forbidden, permission_escalation or account_not_managed", body = api::Problem), (status = 404, body = api::Problem)))]
async fn force_password_reset(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<MemberPath>,
) -> AppResult<StatusCode> {
    caller.require(&state, permissions::MEMBERS_RESET_PASSWORD)?;
    let mut tx = state.db.begin().await?;
    target(&state, &caller, &mut tx, path.account).await?;
    let account = accounts::by_id(&mut tx, path.account)
        .await?
        .ok_or_else(|| AppError::not_found("member"))?;
    if domains::manager_of(&mut tx, &account.email, account.email_verified).await?
        != Some(caller.org.id)
    {
        return Err(AppError::forbidden(
            codes::ACCOUNT_NOT_MANAGED,
            "only the organization managing this account (through its verified email domain) can reset its password; sign the member out of this organization instead",
        ));
    }
    accounts::require_password_reset(&mut tx, path.account).await?;
    sessions::revoke_all(&mut tx, path.account, None).await?;
    record(
        &mut tx,
        &caller,
        actions::MEMBER_FORCE_PASSWORD_RESET,
        path.account,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs the member out of this organization: their sessions opened into it
/// end, and their platform-wide sessions stop working here — never anywhere
/// else (`org.members.suspend`).
#[utoipa::path(post, path = "/api/v1/orgs/{org}/members/{account}/sign-out", tag = "members", security(("bearer" = [])), params(("org" = String, Path), ("account" = Uuid, Path)),
    responses((status = 200, body = api::SignedOut), (status = 403, description = "forbidden or permission_escalation", body = api::Problem), (status = 404, body = api::Problem)))]
async fn sign_out(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<MemberPath>,
) -> AppResult<Json<api::SignedOut>> {
    caller.require(&state, permissions::MEMBERS_SUSPEND)?;
    let mut tx = state.db.begin().await?;
    target(&state, &caller, &mut tx, path.account).await?;
    let sessions = sessions::sign_out_of_org(&mut tx, path.account, caller.org.id).await?;
    audit::record(
        &mut tx,
        audit::Entry {
            org: Some(caller.org.id),
            actor: Some(caller.account.id),
            action: actions::MEMBER_SIGN_OUT,
            target_type: "member",
            target_id: Some(path.account.to_string()),
            ip: caller.ip(),
            detail: serde_json::json!({ "sessions": sessions }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Json(api::SignedOut { sessions }))
}
