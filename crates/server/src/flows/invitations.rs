//! Following an invitation link: what it is for, and accepting it — a new
//! account, a verified one with its password, or the mailbox's owner taking
//! over an unverified one. Used by the JSON routes and the HTML page alike.

use orgdesk_api::actions;
use std::collections::HashSet;

use axum::http::StatusCode;
use orgdesk_api::{self as api, codes, validate};
use uuid::Uuid;

use super::membership;
use super::sessions::{SESSION_TOKEN_PREFIX, new_session};
use super::throttle::PasswordCheck;
use crate::domain::client_ip::ClientMeta;
use crate::domain::password;
use crate::error::{AppError, AppResult};
use crate::secrets::{hash_token, new_token};
use crate::state::AppState;
use crate::store::accounts::{self, NewAccount};
use crate::store::invitations::{self, InvitationRow};
use crate::store::orgs::{self, OrgRow};
use crate::store::{Tx, audit, groups, members, sessions};

/// 409 unless the organization is active: invitations are refused while it is suspended or unpaid.
pub fn require_active(org: &OrgRow) -> AppResult<()> {
    match org.status {
        api::OrgStatus::Active => Ok(()),
        api::OrgStatus::PendingPayment => Err(AppError::conflict(
            codes::ORG_PENDING_PAYMENT,
            "the organization is waiting for its payment",
        )),
        api::OrgStatus::Suspended => Err(AppError::conflict(
            codes::ORG_SUSPENDED,
            "the organization is suspended",
        )),
    }
}

/// The invitation behind a link, if it can still be used.
pub async fn usable(state: &AppState, token: &str) -> AppResult<(InvitationRow, OrgRow)> {
    if token.len() > 200 {
        return Err(AppError::new(
            StatusCode::NOT_FOUND,
            codes::INVALID_TOKEN,
            "this invitation link is unknown",
        ));
    }
    let mut conn = state.db.pool().acquire().await?;
    let invitation = invitations::by_token(&mut conn, &hash_token(token))
        .await?
        .ok_or_else(|| {
            AppError::new(
                StatusCode::NOT_FOUND,
                codes::INVALID_TOKEN,
                "this invitation link is unknown or was replaced by a newer one",
            )
        })?;
    if invitation.status != api::InvitationStatus::Pending {
        return Err(AppError::new(
            StatusCode::GONE,
            codes::INVITATION_UNUSABLE,
            format!("this invitation is {}", invitation.status.as_str()),
        ));
    }
    let org = orgs::find(&mut conn, &invitation.org_id.to_string())
        .await?
        .ok_or_else(|| AppError::not_found("organization"))?;
    require_active(&org)?;
    Ok((invitation, org))
}

pub async fn preview_of(state: &AppState, token: &str) -> AppResult<api::InvitationPreview> {
    let (invitation, org) = usable(state, token).await?;
    let mut conn = state.db.pool().acquire().await?;
    // An unverified account at the address may be a squatter's: the link's
    // owner registers over it, so the page asks for a name and new password.
    let account_exists = accounts::by_email(&mut conn, &invitation.email)
        .await?
        .is_some_and(|a| a.email_verified);
    Ok(api::InvitationPreview {
        organization: org.name,
        subdomain: org.subdomain,
        email: invitation.email,
        account_exists,
        expires_at: invitation.expires_at,
    })
}

pub async fn accept_token(
    state: &AppState,
    meta: &ClientMeta,
    token: &str,
    body: api::AcceptInvitation,
) -> AppResult<api::AuthResponse> {
    let (invitation, org) = usable(state, token).await?;
    let existing = {
        let mut conn = state.db.pool().acquire().await?;
        accounts::by_email(&mut conn, &invitation.email).await?
    };
    // A verified account proves itself with its password. Anyone else — no
    // account, or an unverified one that may be a squatter's — registers:
    // following the link proves the mailbox, so its owner takes the address.
    let (verified, new_account) = match existing.filter(|a| a.email_verified) {
        Some(account) => {
            let check = PasswordCheck::reserve(state, &account.email, meta.ip).await?;
            if !check
                .check(state, body.password.clone(), account.password_hash.clone())
                .await?
            {
                return Err(AppError::new(
                    StatusCode::UNAUTHORIZED,
                    codes::INVALID_CREDENTIALS,
                    "the password of your existing account is wrong",
                ));
            }
            (Some(account), None)
        }
        None => {
            let name = body.name.as_deref().map(str::trim).unwrap_or_default();
            if !validate::display_name_ok(name) {
                return Err(AppError::field(
                    "name",
                    "invalid_name",
                    "use 1 to 200 characters",
                ));
            }
            password::check(&body.password, &[&invitation.email, name])
                .map_err(|w| AppError::weak_password(&w, "password"))?;
            (
                None,
                Some((name.to_string(), state.hash_password(body.password).await?)),
            )
        }
    };
    let mut tx = state.db.begin().await?;
    tx.lock_org(org.id).await?;
    let (account_id, registered) = match (verified, new_account) {
        (Some(account), _) => (account.id, Registered::Existing),
        (None, Some((name, hash))) => {
            register_invited(&mut tx, &invitation.email, &name, &hash).await?
        }
        (None, None) => {
            return Err(AppError::internal(anyhow::anyhow!(
                "no account to accept with"
            )));
        }
    };
    if let Some(membership) = members::membership(&mut tx, org.id, account_id).await? {
        return Err(match membership.status {
            api::MembershipStatus::Active => {
                AppError::conflict(codes::ALREADY_MEMBER, "you are already a member")
            }
            api::MembershipStatus::Suspended => AppError::conflict(
                codes::MEMBER_SUSPENDED,
                "your membership is suspended; ask an admin to reactivate it",
            ),
        });
    }
    if !invitations::mark_accepted(&mut tx, invitation.id, account_id).await? {
        return Err(AppError::new(
            StatusCode::GONE,
            codes::INVITATION_UNUSABLE,
            "this invitation was used a moment ago",
        ));
    }
    let account = accounts::by_id(&mut tx, account_id)
        .await?
        .ok_or_else(|| AppError::not_found("account"))?;
    orgs::insert_membership(&mut tx, org.id, account.id, &account.name, &account.email).await?;
    // The pending invitation held this seat; a lowered limit can still refuse.
    if orgs::seats_used(&mut tx, org.id).await? > org.seat_limit {
        return Err(AppError::conflict(
            codes::SEAT_LIMIT_REACHED,
            "the organization has no free seat; ask an admin",
        ));
    }
    let existing_groups: HashSet<Uuid> = groups::list(&mut tx, org.id)
        .await?
        .into_iter()
        .map(|g| g.id)
        .collect();
    // The memberships end when the invitation said, even if that instant
    // has passed since it was sent: then they grant nothing.
    for group in invitation
        .group_ids
        .iter()
        .filter(|g| existing_groups.contains(g))
    {
        groups::add_members(
            &mut tx,
            org.id,
            *group,
            &[account.id],
            invitation.membership_expires_at,
            Some(invitation.invited_by),
        )
        .await?;
    }
    let (session_token, session_hash) = new_token(SESSION_TOKEN_PREFIX);
    sessions::insert(
        &mut tx,
        &new_session(state, &session_hash, account.id, Some(org.id), meta),
    )
    .await?;
    audit::record(
        &mut tx,
        audit::Entry {
            org: Some(org.id),
            actor: Some(account.id),
            action: actions::INVITATION_ACCEPT,
            target_type: "invitation",
            target_id: Some(invitation.id.to_string()),
            ip: Some(meta.ip.to_string()),
            detail: serde_json::json!({
                "email": invitation.email,
                "new_account": registered == Registered::New,
                "taken_over": registered == Registered::TakenOver,
            }),
        },
    )
    .await?;
    let profile = accounts::by_id(&mut tx, account.id)
        .await?
        .ok_or_else(|| AppError::not_found("account"))?
        .profile(&state.public_url);
    tx.commit().await?;
    Ok(api::AuthResponse {
        account: profile,
        token: session_token,
    })
}

/// Which account accepted an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Registered {
    /// A verified account, with its own password.
    Existing,
    /// A new account for the address.
    New,
    /// The unverified account at the address, taken over by the mailbox's owner.
    TakenOver,
}

/// The account for an invited address that had no verified account: a new
/// one, or the unverified one at the address taken over by the mailbox's
/// owner — its password, name and details replaced, its sessions ended.
async fn register_invited(
    tx: &mut Tx,
    email: &str,
    name: &str,
    hash: &str,
) -> AppResult<(Uuid, Registered)> {
    if let Some(squatted) = accounts::by_email(tx, email).await? {
        accounts::take_over(tx, squatted.id, name, hash).await?;
        sessions::revoke_all(tx, squatted.id, None).await?;
        accounts::mark_verified(tx, squatted.id, email).await?;
        membership::auto_join(tx, squatted.id, name, email).await?;
        return Ok((squatted.id, Registered::TakenOver));
    }
    let id = Uuid::now_v7();
    accounts::insert(
        tx,
        &NewAccount {
            id,
            email,
            name,
            password_hash: hash,
            email_verified: true,
        },
    )
    .await
    .map_err(|e| {
        if crate::store::is_unique_violation(&e) {
            AppError::conflict(
                codes::EMAIL_TAKEN,
                "an account with this email was just created; sign in instead",
            )
        } else {
            e.into()
        }
    })?;
    membership::auto_join(tx, id, name, email).await?;
    Ok((id, Registered::New))
}
