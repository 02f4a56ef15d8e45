//! The overview's figures, each counted in SQL rather than by listing
//! members: an organization of 100,000 answers in a handful of statements.

use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::{get_opt_time, get_time, get_uuid};
use orgdesk_api as api;

/// Milliseconds in a day: the columns hold milliseconds since the epoch.
pub const DAY_MS: i64 = 86_400_000;

/// Members by status: (active, suspended), from the maintained counts.
pub async fn member_counts(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<(i64, i64)> {
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'active' THEN members ELSE 0 END), 0) AS BIGINT) AS active,
                CAST(COALESCE(SUM(CASE WHEN status = 'suspended' THEN members ELSE 0 END), 0) AS BIGINT) AS suspended
         FROM org_member_counts WHERE org_id = $1",
    )
    .bind(org.to_string())
    .fetch_one(conn)
    .await?;
    Ok((row.try_get("active")?, row.try_get("suspended")?))
}

/// Sign-ins into the organization since `from_ms`, per UTC day (days since
/// the epoch, count): sessions opened into it, and platform sessions that
/// were then used in it (each once).
pub async fn sign_ins_per_day(
    conn: &mut AnyConnection,
    org: Uuid,
    from_ms: i64,
) -> sqlx::Result<Vec<(i64, i64)>> {
    let rows = sqlx::query(
        "SELECT day, CAST(count(*) AS BIGINT) AS n FROM (
             SELECT s.created_at / 86400000 AS day FROM sessions s
              WHERE s.org_id = $1 AND s.created_at >= $2
             UNION ALL
             SELECT s.created_at / 86400000 AS day FROM session_orgs so JOIN sessions s ON s.id = so.session_id
              WHERE so.org_id = $1 AND (s.org_id IS NULL OR s.org_id <> $1) AND s.created_at >= $2
         ) signed_in GROUP BY day",
    )
    .bind(org.to_string())
    .bind(from_ms)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get::<i64, _>("day")?, r.try_get::<i64, _>("n")?)))
        .collect()
}

/// Pending invitations whose links end within `(now, until]`: how many, and
/// the `listed` soonest.
pub async fn expiring_invitations(
    conn: &mut AnyConnection,
    org: Uuid,
    now_ms: i64,
    until_ms: i64,
    listed: u32,
) -> sqlx::Result<(i64, Vec<api::ExpiringInvitation>)> {
    const WHERE: &str = "FROM invitations WHERE org_id = $1 AND status = 'pending' AND expires_at > $2 AND expires_at <= $3";
    let count: i64 = sqlx::query(&format!("SELECT count(*) {WHERE}"))
        .bind(org.to_string())
        .bind(now_ms)
        .bind(until_ms)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    let rows = sqlx::query(&format!(
        "SELECT id, email, expires_at {WHERE} ORDER BY expires_at, id LIMIT $4"
    ))
    .bind(org.to_string())
    .bind(now_ms)
    .bind(until_ms)
    .bind(i64::from(listed))
    .fetch_all(&mut *conn)
    .await?;
    let soonest = rows
        .iter()
        .map(|r| {
            Ok(api::ExpiringInvitation {
                id: get_uuid(r, "id")?,
                email: r.try_get("email")?,
                expires_at: get_time(r, "expires_at")?,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok((count, soonest))
}

/// Active members whose last sign-in (or, never signed in, joining) is at or
/// before `cutoff_ms`, as `…/members?inactive_days=` has it: how many, and
/// the `listed` away the longest.
pub async fn dormant(
    conn: &mut AnyConnection,
    org: Uuid,
    cutoff_ms: i64,
    listed: u32,
) -> sqlx::Result<(i64, Vec<api::DormantMember>)> {
    const FROM: &str = "FROM memberships m JOIN accounts a ON a.id = m.account_id
         WHERE m.org_id = $1 AND m.status = 'active' AND COALESCE(a.last_login_at, m.joined_at) <= $2";
    let count: i64 = sqlx::query(&format!("SELECT count(*) {FROM}"))
        .bind(org.to_string())
        .bind(cutoff_ms)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    let rows = sqlx::query(&format!(
        "SELECT m.account_id, a.name, a.email, m.joined_at, a.last_login_at {FROM}
         ORDER BY COALESCE(a.last_login_at, m.joined_at), m.sort_name, m.account_id LIMIT $3"
    ))
    .bind(org.to_string())
    .bind(cutoff_ms)
    .bind(i64::from(listed))
    .fetch_all(&mut *conn)
    .await?;
    let longest = rows
        .iter()
        .map(|r| {
            Ok(api::DormantMember {
                id: get_uuid(r, "account_id")?,
                name: r.try_get("name")?,
                email: r.try_get("email")?,
                joined_at: get_time(r, "joined_at")?,
                last_login_at: get_opt_time(r, "last_login_at")?,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok((count, longest))
}
