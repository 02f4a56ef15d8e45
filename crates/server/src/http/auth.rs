//! Who is calling: the session behind the bearer token, and in an
//! organization's routes, the caller's membership and permissions there.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::{AUTHORIZATION, USER_AGENT};
use axum::http::request::Parts;
use orgdesk_api::{self as api, codes};

use crate::domain::client_ip::client_ip;
use crate::domain::permissions::{PermissionId, PermissionSet};
use crate::error::{AppError, AppResult};
use crate::http::extract::path_map;
use crate::secrets::hash_token;
use crate::state::AppState;
use crate::store::accounts::AccountRow;
use crate::store::auth::{self, Authenticated, OrgKey};
use crate::store::direct::Held;
use crate::store::orgs::OrgRow;
use crate::store::sessions::{self, SessionRow};

pub use crate::domain::client_ip::ClientMeta;

impl FromRequestParts<AppState> for ClientMeta {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .unwrap_or(IpAddr::from([127, 0, 0, 1]));
        let forwarded: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let ip = client_ip(peer, &forwarded, &state.trusted_proxies);
        let user_agent = parts
            .headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Ok(Self { ip, user_agent })
    }
}

/// Any signed-in caller, including one whose password must be reset first.
pub struct AnyCaller {
    pub account: AccountRow,
    pub session: SessionRow,
    pub meta: ClientMeta,
}

impl FromRequestParts<AppState> for AnyCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let meta = ClientMeta::from_request_parts(parts, state).await?;
        let token_hash = bearer_hash(parts)?;
        let Authenticated { session, account } = auth::caller(&state.db, &token_hash)
            .await?
            .ok_or_else(session_ended)?;
        sessions::touch(&state.db, &session).await?;
        Ok(Self {
            account,
            session,
            meta,
        })
    }
}

/// The hash of the bearer token the request carries.
fn bearer_hash(parts: &Parts) -> Result<String, AppError> {
    let token = parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 200)
        .ok_or_else(|| {
            AppError::unauthenticated("sign in first: send Authorization: Bearer <token>")
        })?;
    Ok(hash_token(token))
}

fn session_ended() -> AppError {
    AppError::unauthenticated("the session has ended or was revoked; sign in again")
}

fn reset_required() -> AppError {
    AppError::forbidden(
        codes::PASSWORD_RESET_REQUIRED,
        "change your password before doing anything else",
    )
}

/// A signed-in caller free to use the API (no forced password reset pending).
pub struct Caller {
    pub account: AccountRow,
    pub session: SessionRow,
    pub meta: ClientMeta,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let AnyCaller {
            account,
            session,
            meta,
        } = AnyCaller::from_request_parts(parts, state).await?;
        if account.password_reset_required {
            return Err(reset_required());
        }
        Ok(Self {
            account,
            session,
            meta,
        })
    }
}

/// An active member of the organization named by `{org}`, with their permissions there.
pub struct OrgCaller {
    pub account: AccountRow,
    pub session: SessionRow,
    pub meta: ClientMeta,
    pub org: OrgRow,
    /// What the organization's products allow at all.
    pub org_permissions: PermissionSet,
    /// The union over the caller's groups (within `org_permissions`).
    pub permissions: PermissionSet,
}

/// An organization's member whatever the organization's status: the few
/// routes a member of an organization still waiting for its payment may use.
pub struct OrgCallerAnyStatus(pub OrgCaller);

impl FromRequestParts<AppState> for OrgCallerAnyStatus {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        org_caller(parts, state, None).await.map(Self)
    }
}

impl FromRequestParts<AppState> for OrgCaller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        paid(org_caller(parts, state, None).await?)
    }
}

fn paid(caller: OrgCaller) -> Result<OrgCaller, AppError> {
    if caller.org.status == api::OrgStatus::PendingPayment {
        return Err(AppError::conflict(
            codes::ORG_PENDING_PAYMENT,
            "the organization is waiting for its payment",
        ));
    }
    Ok(caller)
}

/// An [`OrgCaller`] for handlers that only read. On SQLite the read
/// transaction that found the caller stays open (`held`) for the handler's
/// reads: the permission check and the answer come from one snapshot, and
/// the request pays for one transaction instead of one per statement (each
/// takes SQLite's locks, which threads reading at once contend for). It
/// ends when the handler returns. A handler that writes takes `OrgCaller`:
/// its reads must see its own writes.
pub struct OrgRead {
    pub caller: OrgCaller,
    /// `None` on PostgreSQL.
    pub held: Option<Held>,
}

impl FromRequestParts<AppState> for OrgRead {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let mut held = state.db.hold_read().transpose()?;
        let caller = paid(org_caller(parts, state, held.as_mut()).await?)?;
        Ok(Self { caller, held })
    }
}

/// The session, its account, the organization, the membership, where the
/// session was used and the caller's permissions: one statement
/// ([`auth::org_caller`]), then the rules in the order they always applied.
async fn org_caller(
    parts: &mut Parts,
    state: &AppState,
    held: Option<&mut Held>,
) -> Result<OrgCaller, AppError> {
    let meta = ClientMeta::from_request_parts(parts, state).await?;
    let token_hash = bearer_hash(parts)?;
    let key = path_map(parts, state)
        .await
        .remove("org")
        .unwrap_or_default();
    let (Authenticated { session, account }, mut found) =
        auth::org_caller(&state.db, held, &token_hash, &OrgKey::parse(&key))
            .await?
            .ok_or_else(session_ended)?;
    sessions::touch(&state.db, &session).await?;
    if account.password_reset_required {
        return Err(reset_required());
    }
    // Organizations the caller does not belong to do not exist for them.
    let org = found
        .org
        .take()
        .ok_or_else(|| AppError::not_found("organization"))?;
    let membership = found
        .membership
        .ok_or_else(|| AppError::not_found("organization"))?;
    if session.org_id.is_some_and(|bound| bound != org.id) {
        return Err(AppError::forbidden(
            codes::WRONG_ORGANIZATION,
            "this session was opened into another organization",
        ));
    }
    if membership == api::MembershipStatus::Suspended {
        return Err(AppError::forbidden(
            codes::MEMBERSHIP_SUSPENDED,
            "your access to this organization is suspended",
        ));
    }
    // A platform-wide session remembers the organizations it is used in,
    // so that their admins see it and can sign it out of theirs alone.
    if session.org_id.is_none() {
        if found.signed_out_here {
            return Err(AppError::new(
                axum::http::StatusCode::UNAUTHORIZED,
                codes::SIGNED_OUT_OF_ORGANIZATION,
                "an admin signed this session out of the organization; sign in again",
            ));
        }
        if !found.used_here {
            let mut conn = state.db.pool().acquire().await?;
            auth::record_use(&mut conn, session.id, org.id).await?;
        }
    }
    let org_permissions = state.catalog.org_permissions(found.products());
    let permissions = state
        .catalog
        .member_permissions(&org_permissions, found.grants());
    Ok(OrgCaller {
        account,
        session,
        meta,
        org,
        org_permissions,
        permissions,
    })
}

impl OrgCaller {
    pub fn has(&self, state: &AppState, permission: &str) -> bool {
        state
            .catalog
            .id(permission)
            .is_some_and(|id: PermissionId| self.permissions.contains(id))
    }

    /// 403 unless the caller holds `permission` here.
    pub fn require(&self, state: &AppState, permission: &str) -> AppResult<()> {
        if self.has(state, permission) {
            Ok(())
        } else {
            Err(AppError::missing_permission(permission))
        }
    }

    /// 403 `permission_escalation` unless the caller holds all of `granted`.
    pub fn may_grant(&self, state: &AppState, granted: &PermissionSet) -> AppResult<()> {
        let missing = state.catalog.keys(&granted.difference(&self.permissions));
        if missing.is_empty() {
            return Ok(());
        }
        Err(AppError::escalation(
            format!(
                "you cannot grant permissions you do not hold: {}",
                missing.join(", ")
            ),
            missing,
            None,
        ))
    }

    /// 403 `permission_escalation` unless the caller holds every permission
    /// `needed` to change `group` (what it grants before and after the change).
    pub fn may_change_group(
        &self,
        state: &AppState,
        group: api::GroupRef,
        needed: &PermissionSet,
    ) -> AppResult<()> {
        let missing = state.catalog.keys(&needed.difference(&self.permissions));
        if missing.is_empty() {
            return Ok(());
        }
        Err(AppError::escalation(
            format!(
                "changing {} needs every permission it grants; you do not hold {}",
                group.name,
                missing.join(", ")
            ),
            missing,
            Some(group),
        ))
    }

    pub fn ip(&self) -> Option<String> {
        Some(self.meta.ip.to_string())
    }
}
