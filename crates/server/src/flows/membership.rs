//! Joining and leaving organizations, and the rule that one active member
//! must always be able to manage groups.

use orgdesk_api::codes;
use orgdesk_api::{actions, permissions};
use uuid::Uuid;

use crate::domain::catalog::BuiltinGroup;
use crate::domain::domains::email_domain;
use crate::error::{AppError, AppResult};
use crate::store::{Tx, audit, domains, groups, orgs, sessions};

/// The permission whose last active holder may not go.
pub const GROUPS_MANAGE: &str = permissions::GROUPS_MANAGE;

/// 409 `last_admin` unless an active member still holds `org.groups.manage`
/// through a membership without end (one that ends would leave the
/// organization without them then). Call it after the change, inside the
/// transaction that made it.
pub async fn ensure_admin_remains(tx: &mut Tx, org: Uuid) -> AppResult<()> {
    if groups::active_holders(tx, org, GROUPS_MANAGE).await? == 0 {
        return Err(AppError::conflict(
            codes::LAST_ADMIN,
            "this would leave the organization without an active member who can manage groups",
        ));
    }
    Ok(())
}

/// The account leaves the organization: its membership and groups there
/// go, its sessions opened into it end. 404 when it is not a member.
pub async fn leave(tx: &mut Tx, org: Uuid, account: Uuid, ip: Option<String>) -> AppResult<()> {
    tx.lock_org(org).await?;
    if !orgs::delete_membership(tx, org, account).await? {
        return Err(AppError::not_found("organization"));
    }
    ensure_admin_remains(tx, org).await?;
    sessions::forget_org(tx, account, org).await?;
    audit::record(
        tx,
        audit::Entry {
            org: Some(org),
            actor: Some(account),
            action: actions::MEMBER_LEAVE,
            target_type: "member",
            target_id: Some(account.to_string()),
            ip,
            detail: serde_json::json!({}),
        },
    )
    .await?;
    Ok(())
}

/// A person whose email was just proven: if the organization that verified
/// its domain lets new sign-ups join by themselves, and has a free seat, the
/// account joins it, into User. Answers the organization joined.
pub async fn auto_join(
    tx: &mut Tx,
    account: Uuid,
    name: &str,
    email: &str,
) -> AppResult<Option<Uuid>> {
    let Some(domain) = email_domain(email) else {
        return Ok(None);
    };
    let Some(org_id) = domains::auto_join_org(tx, &domain).await? else {
        return Ok(None);
    };
    tx.lock_org(org_id).await?;
    let Some(org) = orgs::find(tx, &org_id.to_string()).await? else {
        return Ok(None);
    };
    if crate::store::members::membership(tx, org.id, account)
        .await?
        .is_some()
        || orgs::seats_used(tx, org.id).await? >= org.seat_limit
    {
        return Ok(None);
    }
    orgs::insert_membership(tx, org.id, account, name, email).await?;
    if let Some(user) = groups::builtin_id(tx, org.id, BuiltinGroup::User.name()).await? {
        groups::add_member(tx, org.id, user, account).await?;
    }
    audit::record(
        tx,
        audit::Entry {
            org: Some(org.id),
            actor: Some(account),
            action: actions::MEMBER_AUTO_JOIN,
            target_type: "member",
            target_id: Some(account.to_string()),
            ip: None,
            detail: serde_json::json!({ "email": email, "domain": domain }),
        },
    )
    .await?;
    Ok(Some(org.id))
}
