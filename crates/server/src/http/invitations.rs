//! Invitations: many addresses at once, one result each; the public link
//! that registers (or signs in) and joins; resend and revoke.

use orgdesk_api::{actions, permissions};
use std::collections::{HashMap, HashSet};

use axum::Json;
use axum::extract::State;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use orgdesk_api::{self as api, codes, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::{ClientMeta, OrgCaller};
use super::extract::{JsonBody, PathParams, QueryParams};
use crate::domain::catalog::BuiltinGroup;
use crate::domain::expiry;
use crate::domain::invitations::{self as rules, Decision, Facts};
use crate::domain::permissions::PermissionSet;
use crate::domain::throttle::Rate;
use crate::error::{AppError, AppResult};
use crate::flows::invitations::{self as invitation, require_active};
use crate::flows::throttle;
use crate::mail::Mail;
use crate::mail_text::{self, Lang};
use crate::secrets::new_token;
use crate::state::AppState;
use crate::store::accounts;
use crate::store::invitations::{self, InvitationRow, NewInvitation};
use crate::store::orgs;
use crate::store::{Tx, audit, groups, members, now_ms, time_of};

const INVITE_TOKEN_PREFIX: &str = "odi_";
/// Addresses one request may carry.
pub const MAX_INVITEES: usize = 1000;
const INVITE: &str = permissions::MEMBERS_INVITE;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(invite, list_invitations))
        .routes(routes!(resend))
        .routes(routes!(revoke))
        .routes(routes!(preview))
        .routes(routes!(accept))
}

#[derive(Debug, serde::Deserialize)]
struct InvitationPath {
    #[allow(dead_code)]
    org: String,
    id: Uuid,
}

/// The language of mail sent on the caller's behalf: theirs if set, else the request's.
fn language(headers: &HeaderMap) -> Lang {
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or(Lang::En)
}

fn failed(email: &str, code: &str, message: &str) -> api::InviteResult {
    api::InviteResult {
        email: email.into(),
        status: api::InviteOutcome::Failed,
        code: Some(code.into()),
        message: Some(message.into()),
        invitation_id: None,
    }
}

/// Invites addresses; each gets a link, instant access (existing verified accounts) or a reason.
/// An invitee's `expires_at` ends the group memberships the invitation
/// grants (on accepting, or at once on the `added` path); one that is not
/// ahead refuses the whole request with 422 `expires_in_past`.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/invitations", tag = "invitations", security(("bearer" = [])), params(("org" = String, Path)),
    request_body = api::InviteRequest, responses((status = 200, body = api::InviteResponse), (status = 409, description = "org_pending_payment, org_suspended", body = api::Problem),
        (status = 422, description = "expires_in_past (field `invitations[i].expires_at`) or too_many_changes", body = api::Problem)))]
async fn invite(
    State(state): State<AppState>,
    caller: OrgCaller,
    headers: HeaderMap,
    JsonBody(body): JsonBody<api::InviteRequest>,
) -> AppResult<Json<api::InviteResponse>> {
    caller.require(&state, INVITE)?;
    require_active(&caller.org)?;
    if body.invitations.len() > MAX_INVITEES {
        return Err(AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::TOO_MANY_CHANGES,
            format!("invite at most {MAX_INVITEES} addresses per request"),
        ));
    }
    throttle::spend(
        &state,
        "invitations",
        &caller.org.id.to_string(),
        i64::try_from(body.invitations.len()).unwrap_or(i64::MAX),
        Rate::per_hour(state.limits.invitations_per_hour),
        "invitations from this organization",
    )
    .await?;
    let ends = membership_ends(&body.invitations)?;
    let lang = language(&headers);
    let mut tx = state.db.begin().await?;
    tx.lock_org(caller.org.id).await?;
    let org_groups: HashMap<Uuid, (String, Vec<String>)> = groups::list(&mut tx, caller.org.id)
        .await?
        .into_iter()
        .map(|g| (g.id, (g.name, g.permissions)))
        .collect();
    let user_group = groups::builtin_id(&mut tx, caller.org.id, BuiltinGroup::User.name()).await?;
    let mut free = caller.org.seat_limit - orgs::seats_used(&mut tx, caller.org.id).await?;
    let mut seen = HashSet::new();
    let mut results = Vec::with_capacity(body.invitations.len());
    let mut mails = Vec::new();
    for (invitee, end) in body.invitations.iter().zip(ends) {
        let Some(email) = validate::normalize_email(&invitee.email) else {
            results.push(failed(
                &invitee.email,
                codes::INVALID_EMAIL,
                "this is not an email address",
            ));
            continue;
        };
        if !seen.insert(email.clone()) {
            results.push(failed(
                &email,
                codes::DUPLICATE,
                "this address is already in this request",
            ));
            continue;
        }
        let group_ids = rules::groups_given(invitee.groups.as_deref(), user_group);
        if let Some(unknown) = group_ids.iter().find(|g| !org_groups.contains_key(g)) {
            results.push(failed(
                &email,
                codes::NOT_FOUND,
                &format!("group {unknown} does not exist in this organization"),
            ));
            continue;
        }
        let granted: PermissionSet = group_ids
            .iter()
            .flat_map(|g| org_groups[g].1.iter())
            .filter_map(|k| state.catalog.id(k))
            .filter(|id| caller.org_permissions.contains(*id))
            .collect();
        if caller.may_grant(&state, &granted).is_err() {
            results.push(failed(
                &email,
                codes::PERMISSION_ESCALATION,
                "these groups grant permissions you do not hold",
            ));
            continue;
        }
        let grant = Grant {
            groups: &group_ids,
            ends: end,
        };
        let outcome = invite_one(&state, &mut tx, &caller, &email, &grant, lang, &mut free).await?;
        match outcome {
            Invited::Result(result) => results.push(result),
            Invited::Mail(result, mail) => {
                results.push(result);
                mails.push(mail);
            }
        }
    }
    tx.commit().await?;
    send_all(&state, mails).await;
    Ok(Json(api::InviteResponse { results }))
}

/// Each invitee's membership end (Unix ms), checked before anything is
/// done: an end that is not ahead refuses the whole request (422
/// `expires_in_past`, naming the invitee), as a group add does.
fn membership_ends(invitees: &[api::Invitee]) -> AppResult<Vec<Option<i64>>> {
    let now = now_ms();
    invitees
        .iter()
        .enumerate()
        .map(|(i, invitee)| {
            expiry::end_ahead(invitee.expires_at, now).map_err(|_| {
                let mut err = AppError::field(
                    &format!("invitations[{i}].expires_at"),
                    codes::EXPIRES_IN_PAST,
                    format!(
                        "the access of {} must end in the future",
                        invitee.email.trim()
                    ),
                );
                err.code = codes::EXPIRES_IN_PAST;
                err
            })
        })
        .collect()
}

/// What an invitation grants: its groups, until `ends` (Unix ms) if given.
struct Grant<'a> {
    groups: &'a [Uuid],
    ends: Option<i64>,
}

enum Invited {
    Result(api::InviteResult),
    Mail(api::InviteResult, Mail),
}

async fn invite_one(
    state: &AppState,
    tx: &mut Tx,
    caller: &OrgCaller,
    email: &str,
    grant: &Grant<'_>,
    lang: Lang,
    free: &mut i64,
) -> AppResult<Invited> {
    let org = &caller.org;
    let group_ids = grant.groups;
    let account = accounts::by_email(tx, email).await?;
    let membership = match &account {
        Some(account) => members::membership(tx, org.id, account.id)
            .await?
            .map(|m| m.status),
        None => None,
    };
    invitations::expire_stale(tx, org.id, email).await?;
    let decision = rules::decide(Facts {
        membership,
        pending_invitation: membership.is_none()
            && invitations::pending_for(tx, org.id, email).await?,
        free_seats: *free,
        verified_account: account.as_ref().is_some_and(|a| a.email_verified),
    });
    if let Decision::Refuse(code, message) = decision {
        return Ok(Invited::Result(failed(email, code, message)));
    }
    *free -= 1;
    let inviter = caller.account.name.as_str();
    match account.filter(|_| decision == Decision::AddNow) {
        Some(account) => {
            orgs::insert_membership(tx, org.id, account.id, &account.name, &account.email).await?;
            for group in group_ids {
                groups::add_members(
                    tx,
                    org.id,
                    *group,
                    &[account.id],
                    grant.ends,
                    Some(caller.account.id),
                )
                .await?;
            }
            record_invite(
                tx,
                caller,
                actions::MEMBER_ADD,
                account.id.to_string(),
                email,
                grant,
            )
            .await?;
            let mail = mail_text::added(
                lang,
                email,
                inviter,
                &caller.account.email,
                &org.name,
                &state.public_url,
            );
            let result = api::InviteResult {
                email: email.into(),
                status: api::InviteOutcome::Added,
                code: None,
                message: None,
                invitation_id: None,
            };
            Ok(Invited::Mail(result, mail))
        }
        None => {
            let id = Uuid::now_v7();
            let (token, token_hash) = new_token(INVITE_TOKEN_PREFIX);
            invitations::insert(
                tx,
                &NewInvitation {
                    id,
                    org: org.id,
                    email,
                    token_hash: &token_hash,
                    groups: group_ids,
                    invited_by: caller.account.id,
                    language: lang.code(),
                    membership_expires_at: grant.ends,
                },
            )
            .await?;
            record_invite(
                tx,
                caller,
                actions::INVITATION_CREATE,
                id.to_string(),
                email,
                grant,
            )
            .await?;
            let link = format!("{}/invite/{token}", state.public_url);
            let mail = mail_text::invitation(lang, email, inviter, &org.name, &link);
            let result = api::InviteResult {
                email: email.into(),
                status: api::InviteOutcome::Invited,
                code: None,
                message: None,
                invitation_id: Some(id),
            };
            Ok(Invited::Mail(result, mail))
        }
    }
}

/// One audit entry per address that got access or a link, targeting what was made.
async fn record_invite(
    tx: &mut Tx,
    caller: &OrgCaller,
    action: &str,
    target: String,
    email: &str,
    grant: &Grant<'_>,
) -> AppResult<()> {
    let target_type = if action == "member.add" {
        "member"
    } else {
        "invitation"
    };
    audit::record(
        tx,
        audit::Entry {
            org: Some(caller.org.id),
            actor: Some(caller.account.id),
            action,
            target_type,
            target_id: Some(target),
            ip: caller.ip(),
            detail: serde_json::json!({
                "email": email,
                "groups": grant.groups,
                "expires_at": grant.ends.and_then(|ms| time_of(ms)
                    .format(&time::format_description::well_known::Rfc3339)
                    .ok()),
            }),
        },
    )
    .await?;
    Ok(())
}

async fn send_all(state: &AppState, mails: Vec<Mail>) {
    for mail in mails {
        if let Err(e) = state.mailer.send(mail).await {
            tracing::error!(error = ?e, "an invitation mail could not be sent");
        }
    }
}

async fn to_api(
    tx: &mut sqlx::AnyConnection,
    org: Uuid,
    rows: Vec<InvitationRow>,
) -> AppResult<Vec<api::Invitation>> {
    let names: HashMap<Uuid, String> = groups::list(tx, org)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| api::Invitation {
            id: r.id,
            email: r.email,
            status: r.status,
            groups: r
                .group_ids
                .iter()
                .filter_map(|g| {
                    names.get(g).map(|n| api::GroupRef {
                        id: *g,
                        name: n.clone(),
                    })
                })
                .collect(),
            invited_by: Some(r.invited_by),
            created_at: r.created_at,
            sent_at: r.sent_at,
            expires_at: r.expires_at,
            accepted_at: r.accepted_at,
            membership_expires_at: r.membership_expires_at.map(time_of),
        })
        .collect())
}

/// The organization's invitations, newest first (`org.members.invite`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/invitations", tag = "invitations", security(("bearer" = [])), params(("org" = String, Path), api::InvitationQuery),
    responses((status = 200, body = api::Page<api::Invitation>)))]
async fn list_invitations(
    State(state): State<AppState>,
    caller: OrgCaller,
    QueryParams(q): QueryParams<api::InvitationQuery>,
) -> AppResult<Json<api::Page<api::Invitation>>> {
    caller.require(&state, INVITE)?;
    let limit = super::params::limit_of(q.limit)?;
    let mut conn = state.db.pool().acquire().await?;
    let page = invitations::list(
        &mut conn,
        caller.org.id,
        q.status,
        limit,
        q.cursor.as_deref(),
    )
    .await?
    .ok_or_else(|| AppError::bad_request("the cursor is not valid"))?;
    let items = to_api(&mut conn, caller.org.id, page.items).await?;
    Ok(Json(api::Page {
        items,
        next_cursor: page.next_cursor,
        total: page.total,
        total_is_estimate: false,
    }))
}

async fn invitation_in(state: &AppState, caller: &OrgCaller, id: Uuid) -> AppResult<InvitationRow> {
    let mut conn = state.db.pool().acquire().await?;
    invitations::get(&mut conn, caller.org.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("invitation"))
}

/// Mails a new link; the old one stops working.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/invitations/{id}/resend", tag = "invitations", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = api::Invitation), (status = 409, description = "invitation_unusable (accepted or revoked), seat_limit_reached", body = api::Problem)))]
async fn resend(
    State(state): State<AppState>,
    caller: OrgCaller,
    headers: HeaderMap,
    PathParams(path): PathParams<InvitationPath>,
) -> AppResult<Json<api::Invitation>> {
    caller.require(&state, INVITE)?;
    require_active(&caller.org)?;
    let invitation = invitation_in(&state, &caller, path.id).await?;
    throttle::spend(
        &state,
        "resends",
        &caller.org.id.to_string(),
        1,
        Rate::per_hour(state.limits.resends_per_hour),
        "invitation links resent by this organization",
    )
    .await?;
    let (token, token_hash) = new_token(INVITE_TOKEN_PREFIX);
    let mut tx = state.db.begin().await?;
    tx.lock_org(caller.org.id).await?;
    match invitation.status {
        api::InvitationStatus::Pending => {}
        // An expired link holds no seat; renewing it takes one again.
        api::InvitationStatus::Expired
            if orgs::seats_used(&mut tx, caller.org.id).await? < caller.org.seat_limit => {}
        api::InvitationStatus::Expired => {
            return Err(AppError::conflict(
                codes::SEAT_LIMIT_REACHED,
                "no free seat left in the subscription",
            ));
        }
        other => {
            return Err(AppError::conflict(
                codes::INVITATION_UNUSABLE,
                format!("the invitation is {}", other.as_str()),
            ));
        }
    }
    if !invitations::renew(&mut tx, invitation.id, &token_hash).await? {
        return Err(AppError::conflict(
            codes::INVITATION_UNUSABLE,
            "the invitation is no longer pending",
        ));
    }
    record(
        &mut tx,
        &caller,
        actions::INVITATION_RESEND,
        invitation.id,
        &invitation.email,
    )
    .await?;
    let renewed = invitations::get(&mut tx, caller.org.id, invitation.id)
        .await?
        .ok_or_else(|| AppError::not_found("invitation"))?;
    let answer = to_api(&mut tx, caller.org.id, vec![renewed])
        .await?
        .remove(0);
    tx.commit().await?;
    let lang = if headers.contains_key(ACCEPT_LANGUAGE) {
        language(&headers)
    } else {
        Lang::parse(&invitation.language)
    };
    let link = format!("{}/invite/{token}", state.public_url);
    send_all(
        &state,
        vec![mail_text::invitation(
            lang,
            &invitation.email,
            &caller.account.name,
            &caller.org.name,
            &link,
        )],
    )
    .await;
    Ok(Json(answer))
}

async fn record(
    tx: &mut Tx,
    caller: &OrgCaller,
    action: &str,
    id: Uuid,
    email: &str,
) -> AppResult<()> {
    audit::record(
        tx,
        audit::Entry {
            org: Some(caller.org.id),
            actor: Some(caller.account.id),
            action,
            target_type: "invitation",
            target_id: Some(id.to_string()),
            ip: caller.ip(),
            detail: serde_json::json!({ "email": email }),
        },
    )
    .await?;
    Ok(())
}

/// Revokes a pending invitation: its link stops working and its seat frees.
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/invitations/{id}", tag = "invitations", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    responses((status = 204), (status = 409, description = "invitation_unusable", body = api::Problem)))]
async fn revoke(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<InvitationPath>,
) -> AppResult<StatusCode> {
    caller.require(&state, INVITE)?;
    let invitation = invitation_in(&state, &caller, path.id).await?;
    let mut tx = state.db.begin().await?;
    if !invitations::revoke(&mut tx, invitation.id).await? {
        return Err(AppError::conflict(
            codes::INVITATION_UNUSABLE,
            format!("the invitation is {}", invitation.status.as_str()),
        ));
    }
    record(
        &mut tx,
        &caller,
        actions::INVITATION_REVOKE,
        invitation.id,
        &invitation.email,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What the link is for: the organization, the address, whether it has an account.
#[utoipa::path(get, path = "/api/v1/invitations/{token}", tag = "invitations", params(("token" = String, Path)),
    responses((status = 200, body = api::InvitationPreview), (status = 404, description = "invalid_token", body = api::Problem), (status = 410, description = "invitation_unusable", body = api::Problem)))]
async fn preview(
    State(state): State<AppState>,
    PathParams(token): PathParams<String>,
) -> AppResult<Json<api::InvitationPreview>> {
    Ok(Json(invitation::preview_of(&state, &token).await?))
}

/// Accepts: registers the invited address (or checks the existing account's
/// password), verifies it, and joins. The link is used once.
#[utoipa::path(post, path = "/api/v1/invitations/{token}/accept", tag = "invitations", params(("token" = String, Path)), request_body = api::AcceptInvitation,
    responses((status = 201, body = api::AuthResponse), (status = 401, description = "invalid_credentials (existing account)", body = api::Problem),
              (status = 409, description = "seat_limit_reached, already_member, member_suspended", body = api::Problem),
              (status = 410, description = "invitation_unusable", body = api::Problem), (status = 422, description = "weak_password", body = api::Problem)))]
async fn accept(
    State(state): State<AppState>,
    meta: ClientMeta,
    PathParams(token): PathParams<String>,
    JsonBody(body): JsonBody<api::AcceptInvitation>,
) -> AppResult<impl IntoResponse> {
    let answer = invitation::accept_token(&state, &meta, &token, body).await?;
    Ok((StatusCode::CREATED, Json(answer)))
}
