//! Claimed domains and which organization manages an account.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::{get_opt_time, get_time, get_uuid, now_ms};
use crate::domain::domains::{email_domain, txt_name, txt_value};
use orgdesk_api as api;

#[derive(Debug, Clone)]
pub struct DomainRow {
    pub id: Uuid,
    pub org_id: Uuid,
    pub domain: String,
    pub status: api::DomainStatus,
    pub secret: String,
    pub created_at: time::OffsetDateTime,
    pub verified_at: Option<time::OffsetDateTime>,
}

impl DomainRow {
    pub fn to_api(&self) -> api::Domain {
        api::Domain {
            id: self.id,
            domain: self.domain.clone(),
            status: self.status,
            txt_name: txt_name(&self.domain),
            txt_value: txt_value(&self.secret),
            created_at: self.created_at,
            verified_at: self.verified_at,
        }
    }
}

const COLUMNS: &str = "id, org_id, domain, status, txt_value, created_at, verified_at";

fn from_row(row: &AnyRow) -> sqlx::Result<DomainRow> {
    let status: String = row.try_get("status")?;
    Ok(DomainRow {
        id: get_uuid(row, "id")?,
        org_id: get_uuid(row, "org_id")?,
        domain: row.try_get("domain")?,
        status: api::DomainStatus::parse(&status).unwrap_or(api::DomainStatus::Pending),
        secret: row.try_get("txt_value")?,
        created_at: get_time(row, "created_at")?,
        verified_at: get_opt_time(row, "verified_at")?,
    })
}

pub async fn list(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<Vec<DomainRow>> {
    let sql = format!("SELECT {COLUMNS} FROM org_domains WHERE org_id = $1 ORDER BY domain");
    let rows = sqlx::query(&sql)
        .bind(org.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(from_row).collect()
}

pub async fn get(conn: &mut AnyConnection, org: Uuid, id: Uuid) -> sqlx::Result<Option<DomainRow>> {
    let sql = format!("SELECT {COLUMNS} FROM org_domains WHERE org_id = $1 AND id = $2");
    let row = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn count(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<i64> {
    sqlx::query("SELECT count(*) FROM org_domains WHERE org_id = $1")
        .bind(org.to_string())
        .fetch_one(conn)
        .await?
        .try_get(0)
}

/// The organization that verified `domain`, if any.
pub async fn verifier(conn: &mut AnyConnection, domain: &str) -> sqlx::Result<Option<Uuid>> {
    let row =
        sqlx::query("SELECT org_id FROM org_domains WHERE domain = $1 AND status = 'verified'")
            .bind(domain)
            .fetch_optional(conn)
            .await?;
    row.map(|r| get_uuid(&r, "org_id")).transpose()
}

pub struct NewDomain<'a> {
    pub id: Uuid,
    pub org: Uuid,
    pub domain: &'a str,
    pub secret: &'a str,
    pub created_by: Uuid,
}

/// Claims a domain; a unique violation means the organization claimed it already.
pub async fn insert(conn: &mut AnyConnection, d: &NewDomain<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO org_domains (id, org_id, domain, status, txt_value, created_by, created_at)
         VALUES ($1, $2, $3, 'pending', $4, $5, $6)",
    )
    .bind(d.id.to_string())
    .bind(d.org.to_string())
    .bind(d.domain)
    .bind(d.secret)
    .bind(d.created_by.to_string())
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks a claim verified; a unique violation means another organization verified it first.
pub async fn mark_verified(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE org_domains SET status = 'verified', verified_at = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM org_domains WHERE id = $1")
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The organization managing an account: the verifier of its email's domain,
/// once the email itself is verified.
pub async fn manager_of(
    conn: &mut AnyConnection,
    email: &str,
    email_verified: bool,
) -> sqlx::Result<Option<Uuid>> {
    match email_domain(email).filter(|_| email_verified) {
        Some(domain) => verifier(conn, &domain).await,
        None => Ok(None),
    }
}

/// The domains an organization verified, to mark the members it manages.
pub async fn verified_of(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<Vec<String>> {
    let rows =
        sqlx::query("SELECT domain FROM org_domains WHERE org_id = $1 AND status = 'verified'")
            .bind(org.to_string())
            .fetch_all(conn)
            .await?;
    rows.iter().map(|r| r.try_get(0)).collect()
}

/// Organizations that let new sign-ups at `domain` join by themselves.
pub async fn auto_join_org(conn: &mut AnyConnection, domain: &str) -> sqlx::Result<Option<Uuid>> {
    let row = sqlx::query(
        "SELECT d.org_id FROM org_domains d JOIN orgs o ON o.id = d.org_id
         WHERE d.domain = $1 AND d.status = 'verified' AND o.auto_join_domains = $2 AND o.status = 'active'",
    )
    .bind(domain)
    .bind(true)
    .fetch_optional(conn)
    .await?;
    row.map(|r| get_uuid(&r, "org_id")).transpose()
}

/// Which of `members` (account id, email) this organization manages: their
/// email is at one of its verified domains and verified. One small query for
/// the organization's domains; a second only when some address matches one.
pub async fn managed_among(
    conn: &mut AnyConnection,
    org: Uuid,
    members: &[(Uuid, &str)],
) -> sqlx::Result<std::collections::HashSet<Uuid>> {
    let mut managed = std::collections::HashSet::new();
    if members.is_empty() {
        return Ok(managed);
    }
    let domains = verified_of(conn, org).await?;
    if domains.is_empty() {
        return Ok(managed);
    }
    let candidates: Vec<Uuid> = members
        .iter()
        .filter(|(_, email)| email_domain(email).is_some_and(|d| domains.contains(&d)))
        .map(|(id, _)| *id)
        .collect();
    if candidates.is_empty() {
        return Ok(managed);
    }
    let sql = format!(
        "SELECT id FROM accounts WHERE email_verified = $1 AND id IN {}",
        super::id_set(conn, 2)
    );
    let rows = sqlx::query(&sql)
        .bind(true)
        .bind(super::json_ids(&candidates))
        .fetch_all(&mut *conn)
        .await?;
    for row in &rows {
        managed.insert(get_uuid(row, "id")?);
    }
    Ok(managed)
}

/// Sets `managed` on the members this organization manages.
pub async fn mark_managed(
    conn: &mut AnyConnection,
    org: Uuid,
    items: &mut [api::Member],
) -> sqlx::Result<()> {
    let pairs: Vec<(Uuid, &str)> = items.iter().map(|m| (m.id, m.email.as_str())).collect();
    let managed = managed_among(conn, org, &pairs).await?;
    for member in items {
        member.managed = managed.contains(&member.id);
    }
    Ok(())
}
