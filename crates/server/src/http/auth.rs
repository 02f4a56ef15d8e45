//! Who is calling: the session behind the bearer token, and in an
//! organization's routes, the caller's membership and permissions there.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header::{AUTHORIZATION, USER_AGENT};
use axum::http::request::Parts;
use orgdesk_api::{self as api, codes};

use crate::domain::client_ip::client_ip;
use crate::domain::permissions::{PermissionId, PermissionSet};
use crate::error::{AppError, AppResult};
use crate::http::caller_cache::{CallerCache, Mismatch};
use crate::http::extract::path_map;
use crate::secrets::hash_token;
use crate::state::AppState;
use crate::store::accounts::AccountRow;
use crate::store::auth::{self, Authenticated, OrgKey};
use crate::store::direct::Held;
use crate::store::now_ms;
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

/// An active member of the organization named by `{org}`, with their
/// permissions there. The rows are shared with the instance's
/// [`CallerCache`], which keeps them while their stamps say they hold.
pub struct OrgCaller {
    pub account: Arc<AccountRow>,
    pub session: SessionRow,
    pub meta: ClientMeta,
    pub org: Arc<OrgRow>,
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
/// ([`auth::org_caller`]) given the stamps of what this instance already
/// resolved for the token ([`CallerCache`]), then the rules in the order
/// they always applied.
async fn org_caller(
    parts: &mut Parts,
    state: &AppState,
    mut held: Option<&mut Held>,
) -> Result<OrgCaller, AppError> {
    let meta = ClientMeta::from_request_parts(parts, state).await?;
    let token_hash = bearer_hash(parts)?;
    let key = path_map(parts, state)
        .await
        .remove("org")
        .unwrap_or_default();
    let org_key = OrgKey::parse(&key);
    let cache_key = CallerCache::key(&token_hash, &org_key);
    let mut kept = state.callers.get(&cache_key);
    let (found, resolved) = loop {
        let now = now_ms();
        let known = kept.as_ref().map(|k| k.known(now)).unwrap_or_default();
        let Some(mut found) = auth::org_caller(
            &state.db,
            held.as_deref_mut(),
            &token_hash,
            &org_key,
            known,
            now,
        )
        .await?
        else {
            state.callers.forget(&cache_key);
            return Err(session_ended());
        };
        match state
            .callers
            .resolve(&state.catalog, &cache_key, kept.as_ref(), &mut found)
        {
            Ok(resolved) => break (found, resolved),
            // Not with the stamps 0014 writes; asked again, all of it is new.
            Err(Mismatch) if kept.is_some() => {
                tracing::warn!("a kept caller did not match its stamps; reading it afresh");
                state.callers.forget(&cache_key);
                kept = None;
            }
            Err(Mismatch) => {
                return Err(AppError::internal(anyhow::anyhow!(
                    "the caller's statement left out parts nobody knew"
                )));
            }
        }
    };
    let session = found.session;
    sessions::touch(&state.db, &session).await?;
    let reset = match (&found.account.fresh, &resolved, &kept) {
        (Some(account), _, _) => account.password_reset_required,
        (None, Some(resolved), _) | (None, None, Some(resolved)) => {
            resolved.account.password_reset_required
        }
        (None, None, None) => false,
    };
    if reset {
        return Err(reset_required());
    }
    // Organizations the caller does not belong to do not exist for them.
    let (Some(resolved), Some(membership)) = (resolved, found.membership) else {
        return Err(AppError::not_found("organization"));
    };
    let org_id = resolved.org.id;
    if session.org_id.is_some_and(|bound| bound != org_id) {
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
            auth::record_use(&mut conn, session.id, org_id).await?;
        }
    }
    Ok(OrgCaller {
        account: Arc::clone(&resolved.account),
        session,
        meta,
        org: Arc::clone(&resolved.org),
        org_permissions: resolved.org_permissions.clone(),
        permissions: resolved.permissions.clone(),
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
