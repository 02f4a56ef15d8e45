//! Invitations: one address, one organization, a hashed one-use token.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::{get_opt_time, get_time, get_uuid, now_ms};
use crate::domain::cursor::{self, KeyValue, Keyset};
use orgdesk_api as api;

/// Links live seven days.
pub const TTL_MS: i64 = 7 * 24 * 3600 * 1000;

#[derive(Debug, Clone)]
pub struct InvitationRow {
    pub id: Uuid,
    pub org_id: Uuid,
    pub email: String,
    pub group_ids: Vec<Uuid>,
    pub status: api::InvitationStatus,
    pub invited_by: Uuid,
    pub language: String,
    pub created_at: time::OffsetDateTime,
    pub sent_at: time::OffsetDateTime,
    pub expires_at: time::OffsetDateTime,
    pub accepted_at: Option<time::OffsetDateTime>,
    /// When the group memberships accepting gives end (Unix ms); `None`: no end.
    pub membership_expires_at: Option<i64>,
    created_ms: i64,
}

const COLUMNS: &str = "id, org_id, email, group_ids, status, invited_by, language, created_at, sent_at, expires_at, accepted_at, membership_expires_at";

fn from_row(row: &AnyRow, now: i64) -> sqlx::Result<InvitationRow> {
    let status: String = row.try_get("status")?;
    let expires_ms: i64 = row.try_get("expires_at")?;
    let status = match status.as_str() {
        "pending" if expires_ms <= now => api::InvitationStatus::Expired,
        "pending" => api::InvitationStatus::Pending,
        "accepted" => api::InvitationStatus::Accepted,
        "revoked" => api::InvitationStatus::Revoked,
        _ => api::InvitationStatus::Expired,
    };
    let groups: String = row.try_get("group_ids")?;
    Ok(InvitationRow {
        id: get_uuid(row, "id")?,
        org_id: get_uuid(row, "org_id")?,
        email: row.try_get("email")?,
        group_ids: serde_json::from_str(&groups).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        status,
        invited_by: get_uuid(row, "invited_by")?,
        language: row.try_get("language")?,
        created_at: get_time(row, "created_at")?,
        sent_at: get_time(row, "sent_at")?,
        expires_at: get_time(row, "expires_at")?,
        accepted_at: get_opt_time(row, "accepted_at")?,
        membership_expires_at: row.try_get("membership_expires_at")?,
        created_ms: row.try_get("created_at")?,
    })
}

pub struct NewInvitation<'a> {
    pub id: Uuid,
    pub org: Uuid,
    pub email: &'a str,
    pub token_hash: &'a str,
    pub groups: &'a [Uuid],
    pub invited_by: Uuid,
    pub language: &'a str,
    /// The end of the memberships it grants (Unix ms), if any.
    pub membership_expires_at: Option<i64>,
}

/// Closes out a pending invitation to `email` whose link has expired, so a new one can be sent.
pub async fn expire_stale(conn: &mut AnyConnection, org: Uuid, email: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE invitations SET status = 'expired' WHERE org_id = $1 AND email = $2 AND status = 'pending' AND expires_at <= $3")
        .bind(org.to_string())
        .bind(email)
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn pending_for(conn: &mut AnyConnection, org: Uuid, email: &str) -> sqlx::Result<bool> {
    let row = sqlx::query("SELECT 1 FROM invitations WHERE org_id = $1 AND email = $2 AND status = 'pending' AND expires_at > $3")
        .bind(org.to_string())
        .bind(email)
        .bind(now_ms())
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}

pub async fn insert(conn: &mut AnyConnection, inv: &NewInvitation<'_>) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO invitations (id, org_id, email, token_hash, group_ids, status, invited_by, language, created_at, sent_at, expires_at, membership_expires_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $8, $9, $10)",
    )
    .bind(inv.id.to_string())
    .bind(inv.org.to_string())
    .bind(inv.email)
    .bind(inv.token_hash)
    .bind(serde_json::to_string(inv.groups).unwrap_or_else(|_| "[]".into()))
    .bind(inv.invited_by.to_string())
    .bind(inv.language)
    .bind(now)
    .bind(now + TTL_MS)
    .bind(inv.membership_expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Pending invitations whose links still work: they hold a seat.
pub async fn pending_count(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<i64> {
    sqlx::query("SELECT count(*) FROM invitations WHERE org_id = $1 AND status = 'pending' AND expires_at > $2")
        .bind(org.to_string())
        .bind(now_ms())
        .fetch_one(conn)
        .await?
        .try_get(0)
}

pub async fn by_token(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> sqlx::Result<Option<InvitationRow>> {
    let sql = format!("SELECT {COLUMNS} FROM invitations WHERE token_hash = $1");
    let now = now_ms();
    sqlx::query(&sql)
        .bind(token_hash)
        .fetch_optional(conn)
        .await?
        .map(|r| from_row(&r, now))
        .transpose()
}

pub async fn get(
    conn: &mut AnyConnection,
    org: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<InvitationRow>> {
    let sql = format!("SELECT {COLUMNS} FROM invitations WHERE org_id = $1 AND id = $2");
    let now = now_ms();
    sqlx::query(&sql)
        .bind(org.to_string())
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?
        .map(|r| from_row(&r, now))
        .transpose()
}

/// Marks a pending, unexpired invitation accepted; false when another request was first.
pub async fn mark_accepted(
    conn: &mut AnyConnection,
    id: Uuid,
    account: Uuid,
) -> sqlx::Result<bool> {
    let now = now_ms();
    let done = sqlx::query(
        "UPDATE invitations SET status = 'accepted', accepted_at = $2, accepted_by = $3 WHERE id = $1 AND status = 'pending' AND expires_at > $2",
    )
    .bind(id.to_string())
    .bind(now)
    .bind(account.to_string())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A new link for a pending invitation: the old token stops working.
pub async fn renew(conn: &mut AnyConnection, id: Uuid, token_hash: &str) -> sqlx::Result<bool> {
    let now = now_ms();
    let done = sqlx::query("UPDATE invitations SET token_hash = $2, sent_at = $3, expires_at = $4 WHERE id = $1 AND status = 'pending'")
        .bind(id.to_string())
        .bind(token_hash)
        .bind(now)
        .bind(now + TTL_MS)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn revoke(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<bool> {
    // An expired link is past revoking: it is already dead and holds no seat.
    let done = sqlx::query("UPDATE invitations SET status = 'revoked', revoked_at = $2 WHERE id = $1 AND status = 'pending' AND expires_at > $2")
        .bind(id.to_string())
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// An organization's invitations, newest first, optionally of one status.
pub async fn list(
    conn: &mut AnyConnection,
    org: Uuid,
    status: Option<api::InvitationStatus>,
    limit: u32,
    after: Option<&str>,
) -> sqlx::Result<Option<api::Page<InvitationRow>>> {
    let now = now_ms();
    let filter = match status {
        None => "",
        Some(api::InvitationStatus::Pending) => " AND status = 'pending' AND expires_at > $2",
        Some(api::InvitationStatus::Expired) => {
            " AND (status = 'expired' OR (status = 'pending' AND expires_at <= $2))"
        }
        Some(api::InvitationStatus::Accepted) => " AND status = 'accepted' AND $2 = $2",
        Some(api::InvitationStatus::Revoked) => " AND status = 'revoked' AND $2 = $2",
    };
    let filter = if status.is_none() {
        " AND $2 = $2"
    } else {
        filter
    };
    let total: i64 = sqlx::query(&format!(
        "SELECT count(*) FROM invitations WHERE org_id = $1{filter}"
    ))
    .bind(org.to_string())
    .bind(now)
    .fetch_one(&mut *conn)
    .await?
    .try_get(0)?;
    let (at, id) = match after {
        None => (i64::MAX, "~".to_string()),
        Some(raw) => match cursor::decode::<Keyset>(raw) {
            Some(Keyset {
                s,
                k: KeyValue::Int(at),
                id,
                ..
            }) if s == "invitations" => (at, id),
            _ => return Ok(None),
        },
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM invitations WHERE org_id = $1{filter} AND (created_at < $3 OR (created_at = $3 AND id < $4))
         ORDER BY created_at DESC, id DESC LIMIT $5"
    );
    let rows = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(now)
        .bind(at)
        .bind(id)
        .bind(i64::from(limit) + 1)
        .fetch_all(&mut *conn)
        .await?;
    let mut items = rows
        .iter()
        .map(|r| from_row(r, now))
        .collect::<sqlx::Result<Vec<_>>>()?;
    let next_cursor = if items.len() > limit as usize {
        items.truncate(limit as usize);
        items.last().map(|last| {
            cursor::encode(&Keyset {
                s: "invitations".into(),
                k: KeyValue::Int(last.created_ms),
                id: last.id.to_string(),
                t: None,
                e: None,
            })
        })
    } else {
        None
    };
    Ok(Some(api::Page {
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or(0),
        total_is_estimate: false,
    }))
}
