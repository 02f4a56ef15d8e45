//! Sign-in sessions: stored by token hash, listed as recent logins.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::{Db, get_opt_time, get_opt_uuid, get_time, get_uuid, now_ms};
use crate::domain::cursor::{self, KeyValue, Keyset};
use orgdesk_api as api;

/// Sessions end 30 days after sign-in, or after 14 idle days.
pub const LIFETIME_MS: i64 = 30 * 24 * 3600 * 1000;
pub const IDLE_MS: i64 = 14 * 24 * 3600 * 1000;
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY_MS: i64 = 60 * 1000;

#[derive(Debug, Clone)]
pub struct SessionRow {
    pub id: Uuid,
    pub account_id: Uuid,
    pub org_id: Option<Uuid>,
    pub last_seen_ms: i64,
}

pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub account: Uuid,
    pub org: Option<Uuid>,
    pub ip: Option<String>,
    pub location: Option<String>,
    pub device: Option<String>,
    pub user_agent: Option<String>,
}

pub async fn insert(conn: &mut AnyConnection, s: &NewSession<'_>) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO sessions (id, token_hash, account_id, org_id, created_at, last_seen_at, expires_at, ip, location, device, user_agent)
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id.to_string())
    .bind(s.token_hash)
    .bind(s.account.to_string())
    .bind(s.org.map(|o| o.to_string()))
    .bind(now)
    .bind(now + LIFETIME_MS)
    .bind(s.ip.clone())
    .bind(s.location.clone())
    .bind(s.device.clone())
    .bind(s.user_agent.as_deref().map(|ua| ua.chars().take(512).collect::<String>()))
    .execute(conn)
    .await?;
    Ok(id)
}

/// The live session behind a token hash.
pub async fn live_by_token(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> sqlx::Result<Option<SessionRow>> {
    let now = now_ms();
    let row = sqlx::query(
        "SELECT id, account_id, org_id, last_seen_at FROM sessions
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2 AND last_seen_at > $3",
    )
    .bind(token_hash)
    .bind(now)
    .bind(now - IDLE_MS)
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(SessionRow {
            id: get_uuid(&r, "id")?,
            account_id: get_uuid(&r, "account_id")?,
            org_id: get_opt_uuid(&r, "org_id")?,
            last_seen_ms: r.try_get("last_seen_at")?,
        })
    })
    .transpose()
}

/// Records activity, at most once a minute per session (a connection is
/// taken only then).
pub async fn touch(db: &Db, session: &SessionRow) -> sqlx::Result<()> {
    let now = now_ms();
    if now - session.last_seen_ms >= TOUCH_EVERY_MS {
        let mut conn = db.pool().acquire().await?;
        sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1")
            .bind(session.id.to_string())
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Records that the platform-wide sessions of the organization's members
/// were used in it (members seeded together with their sign-in history).
pub async fn record_platform_use(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO session_orgs (session_id, org_id, first_used_at)
         SELECT s.id, m.org_id, s.created_at FROM memberships m
         JOIN sessions s ON s.account_id = m.account_id AND s.org_id IS NULL
         WHERE m.org_id = $1
         ON CONFLICT DO NOTHING",
    )
    .bind(org.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// Signs an account out of one organization: its sessions opened into the
/// organization end, and its platform-wide sessions used there stop working
/// there (they keep working everywhere else). Answers how many were live.
pub async fn sign_out_of_org(
    conn: &mut AnyConnection,
    account: Uuid,
    org: Uuid,
) -> sqlx::Result<u64> {
    let now = now_ms();
    let bound = sqlx::query(
        "UPDATE sessions SET revoked_at = $3 WHERE account_id = $1 AND org_id = $2 AND revoked_at IS NULL",
    )
    .bind(account.to_string())
    .bind(org.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    let used = sqlx::query(
        "UPDATE session_orgs SET signed_out_at = $3 WHERE org_id = $2 AND signed_out_at IS NULL
         AND session_id IN (SELECT id FROM sessions WHERE account_id = $1 AND revoked_at IS NULL)",
    )
    .bind(account.to_string())
    .bind(org.to_string())
    .bind(now)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(bound + used)
}

/// Forgets where an account's sessions were used in an organization it left,
/// so that joining again starts clean; its sessions opened into it end.
pub async fn forget_org(conn: &mut AnyConnection, account: Uuid, org: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE sessions SET revoked_at = $3 WHERE account_id = $1 AND org_id = $2 AND revoked_at IS NULL",
    )
    .bind(account.to_string())
    .bind(org.to_string())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "DELETE FROM session_orgs WHERE org_id = $2 AND session_id IN (SELECT id FROM sessions WHERE account_id = $1)",
    )
    .bind(account.to_string())
    .bind(org.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// Revokes one of the account's sessions; false when it is not theirs or already revoked.
pub async fn revoke(conn: &mut AnyConnection, account: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE sessions SET revoked_at = $3 WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL")
        .bind(id.to_string())
        .bind(account.to_string())
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Revokes every live session of the account except `keep`.
pub async fn revoke_all(
    conn: &mut AnyConnection,
    account: Uuid,
    keep: Option<Uuid>,
) -> sqlx::Result<u64> {
    let done = sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE account_id = $1 AND revoked_at IS NULL AND id <> $3")
        .bind(account.to_string())
        .bind(now_ms())
        .bind(keep.map(|k| k.to_string()).unwrap_or_default())
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

fn info(row: &AnyRow, current: Option<Uuid>) -> sqlx::Result<api::SessionInfo> {
    let id = get_uuid(row, "id")?;
    Ok(api::SessionInfo {
        id,
        created_at: get_time(row, "created_at")?,
        last_seen_at: get_time(row, "last_seen_at")?,
        ip: row.try_get("ip")?,
        location: row.try_get("location")?,
        // Filled by the HTTP layer from the address (`geo::describe`).
        city: None,
        country: None,
        private_network: false,
        device: row.try_get("device")?,
        user_agent: row.try_get("user_agent")?,
        organization_id: get_opt_uuid(row, "org_id")?,
        current: Some(id) == current,
        revoked_at: get_opt_time(row, "revoked_at")?,
    })
}

/// Which of an account's sessions a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every session: the account itself, or the organization managing it.
    All,
    /// Sessions opened into the organization or used in it; a platform-wide
    /// session signed out of it shows as revoked there.
    Org(Uuid),
}

/// Recent logins of an account, newest first.
pub async fn list(
    conn: &mut AnyConnection,
    account: Uuid,
    current: Option<Uuid>,
    scope: Scope,
    limit: u32,
    after: Option<&str>,
) -> sqlx::Result<api::Page<api::SessionInfo>> {
    let org_param = match scope {
        Scope::All => None,
        Scope::Org(org) => Some(org.to_string()),
    };
    let count_sql = match org_param {
        Some(_) => {
            "SELECT count(*) FROM sessions s WHERE s.account_id = $1 AND (s.org_id = $2
             OR EXISTS (SELECT 1 FROM session_orgs so WHERE so.session_id = s.id AND so.org_id = $2))"
        }
        None => "SELECT count(*) FROM sessions s WHERE s.account_id = $1",
    };
    let mut count = sqlx::query(count_sql).bind(account.to_string());
    if let Some(org) = &org_param {
        count = count.bind(org.clone());
    }
    let total: i64 = count.fetch_one(&mut *conn).await?.try_get(0)?;
    let (revoked, scope) = if org_param.is_some() {
        (
            "COALESCE(s.revoked_at, (SELECT so.signed_out_at FROM session_orgs so WHERE so.session_id = s.id AND so.org_id = $5)) AS revoked_at",
            " AND (s.org_id = $5 OR EXISTS (SELECT 1 FROM session_orgs so WHERE so.session_id = s.id AND so.org_id = $5))",
        )
    } else {
        ("s.revoked_at", "")
    };
    let position = after
        .and_then(cursor::decode::<Keyset>)
        .and_then(|k| match k.k {
            KeyValue::Int(t) if k.s == "sessions" => Some((t, k.id)),
            _ => None,
        });
    let (at, id) = position.unwrap_or((i64::MAX, String::from("~")));
    let sql = format!(
        "SELECT s.id, s.created_at, s.last_seen_at, s.ip, s.location, s.device, s.user_agent, s.org_id, {revoked} FROM sessions s
         WHERE s.account_id = $1 AND (s.created_at < $2 OR (s.created_at = $2 AND s.id < $3)){scope}
         ORDER BY s.created_at DESC, s.id DESC LIMIT $4"
    );
    let mut rows = sqlx::query(&sql)
        .bind(account.to_string())
        .bind(at)
        .bind(id)
        .bind(i64::from(limit) + 1);
    if let Some(org) = org_param {
        rows = rows.bind(org);
    }
    let rows = rows.fetch_all(&mut *conn).await?;
    let mut items = rows
        .iter()
        .map(|r| info(r, current))
        .collect::<sqlx::Result<Vec<_>>>()?;
    let next_cursor = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|last| {
            let ms = i64::try_from(last.created_at.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
            cursor::encode(&Keyset {
                s: "sessions".into(),
                k: KeyValue::Int(ms),
                id: last.id.to_string(),
                t: None,
                e: None,
            })
        })
    } else {
        None
    };
    Ok(api::Page {
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or(0),
        total_is_estimate: false,
    })
}
