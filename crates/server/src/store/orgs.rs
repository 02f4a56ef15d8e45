//! Organizations, the products they bought, and memberships' creation.

use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::cols::Prefixed;
use super::{Cols, get_time, get_uuid, now_ms};
use orgdesk_api as api;

#[derive(Debug, Clone)]
pub struct OrgRow {
    pub id: Uuid,
    pub name: String,
    pub subdomain: String,
    pub country: String,
    pub vat_id: Option<String>,
    pub address: String,
    pub billing_email: String,
    pub status: api::OrgStatus,
    pub seat_limit: i64,
    pub package_name: String,
    pub version: i64,
    pub created_at: time::OffsetDateTime,
    pub auto_join_domains: bool,
}

pub(crate) const COLUMNS: &str = "id, name, subdomain, country, vat_id, address, billing_email, status, seat_limit, package_name, version, created_at, auto_join_domains";

/// An organization still unpaid this long after its creation is gone: its
/// name and subdomain are free again (the sweeper deletes it; until then
/// every query here treats it as absent).
pub const UNPAID_LIFETIME_MS: i64 = 7 * 24 * 3600 * 1000;

/// `AND` this to hide expired unpaid organizations; `$N` binds [`expiry_cutoff`].
pub(crate) fn live(alias: &str, param: usize) -> String {
    format!("NOT ({alias}status = 'pending_payment' AND {alias}created_at < ${param})")
}

/// Unpaid organizations created before this instant have expired.
pub fn expiry_cutoff() -> i64 {
    now_ms() - UNPAID_LIFETIME_MS
}

fn from_row(row: &impl Cols) -> sqlx::Result<OrgRow> {
    let status = row.text("status")?;
    Ok(OrgRow {
        id: get_uuid(row, "id")?,
        name: row.text("name")?,
        subdomain: row.text("subdomain")?,
        country: row.text("country")?,
        vat_id: row.opt_text("vat_id")?,
        address: row.text("address")?,
        billing_email: row.text("billing_email")?,
        status: api::OrgStatus::parse(&status).unwrap_or(api::OrgStatus::Suspended),
        seat_limit: row.int("seat_limit")?,
        package_name: row.text("package_name")?,
        version: row.int("version")?,
        created_at: get_time(row, "created_at")?,
        auto_join_domains: super::get_bool(row, "auto_join_domains")?,
    })
}

/// An organization from columns named `{prefix}id`, `{prefix}name`, … (see [`COLUMNS`]).
pub(crate) fn from_row_as(row: &impl Cols, prefix: &str) -> sqlx::Result<OrgRow> {
    from_row(&Prefixed::new(row, prefix))
}

/// An organization by id or by subdomain (`{org}` in every org route).
pub async fn find(conn: &mut AnyConnection, key: &str) -> sqlx::Result<Option<OrgRow>> {
    let row = match Uuid::parse_str(key) {
        Ok(id) => {
            let sql = format!(
                "SELECT {COLUMNS} FROM orgs WHERE id = $1 AND {}",
                live("", 2)
            );
            sqlx::query(&sql)
                .bind(id.to_string())
                .bind(expiry_cutoff())
                .fetch_optional(conn)
                .await?
        }
        Err(_) => {
            let sql = format!(
                "SELECT {COLUMNS} FROM orgs WHERE subdomain = $1 AND {}",
                live("", 2)
            );
            sqlx::query(&sql)
                .bind(key.to_ascii_lowercase())
                .bind(expiry_cutoff())
                .fetch_optional(conn)
                .await?
        }
    };
    row.map(|r| from_row(&r)).transpose()
}

pub struct NewOrg<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub name_key: &'a str,
    pub subdomain: &'a str,
    pub country: &'a str,
    pub vat_id: Option<&'a str>,
    pub address: &'a str,
    pub billing_email: &'a str,
    pub status: api::OrgStatus,
    pub seat_limit: i64,
    pub package_name: &'a str,
    pub created_by: Uuid,
    pub products: &'a [api::ProductChoice],
}

/// Which unique rule an insert or rename broke.
#[derive(Debug, PartialEq, Eq)]
pub enum Taken {
    Name,
    Subdomain,
}

pub async fn taken(
    conn: &mut AnyConnection,
    name_key: &str,
    subdomain: &str,
    except: Option<Uuid>,
) -> sqlx::Result<Option<Taken>> {
    let except = except.map(|e| e.to_string()).unwrap_or_default();
    let sql = format!(
        "SELECT name_key, subdomain FROM orgs WHERE (name_key = $1 OR subdomain = $2) AND id <> $3 AND {} LIMIT 1",
        live("", 4)
    );
    let row = sqlx::query(&sql)
        .bind(name_key)
        .bind(subdomain)
        .bind(except)
        .bind(expiry_cutoff())
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(r) if r.try_get::<String, _>(0)? == name_key => Some(Taken::Name),
        Some(_) => Some(Taken::Subdomain),
        None => None,
    })
}

/// Which constraint a unique violation names (both databases put the column in the message).
pub fn taken_from_violation(err: &sqlx::Error) -> Taken {
    let message = err
        .as_database_error()
        .map(|e| e.message().to_string())
        .unwrap_or_default();
    if message.contains("subdomain") {
        Taken::Subdomain
    } else {
        Taken::Name
    }
}

pub async fn insert(conn: &mut AnyConnection, org: &NewOrg<'_>) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO orgs (id, name, name_key, subdomain, country, vat_id, address, billing_email, status, seat_limit, package_name, version, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13, $13)",
    )
    .bind(org.id.to_string())
    .bind(org.name)
    .bind(org.name_key)
    .bind(org.subdomain)
    .bind(org.country)
    .bind(org.vat_id)
    .bind(org.address)
    .bind(org.billing_email)
    .bind(org.status.as_str())
    .bind(org.seat_limit)
    .bind(org.package_name)
    .bind(org.created_by.to_string())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    for (position, choice) in org.products.iter().enumerate() {
        sqlx::query(
            "INSERT INTO org_products (org_id, product, package, position) VALUES ($1, $2, $3, $4)",
        )
        .bind(org.id.to_string())
        .bind(&choice.product)
        .bind(&choice.package)
        .bind(i64::try_from(position).unwrap_or(0))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn products(
    conn: &mut AnyConnection,
    org: Uuid,
) -> sqlx::Result<Vec<api::ProductChoice>> {
    let rows = sqlx::query(
        "SELECT product, package FROM org_products WHERE org_id = $1 ORDER BY position",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(api::ProductChoice {
                product: r.try_get(0)?,
                package: r.try_get(1)?,
            })
        })
        .collect()
}

/// Applies changed details and bumps the version.
pub async fn update(conn: &mut AnyConnection, org: &OrgRow, name_key: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE orgs SET name = $2, name_key = $3, subdomain = $4, country = $5, vat_id = $6, address = $7, billing_email = $8,
         version = version + 1, updated_at = $9, auto_join_domains = $10 WHERE id = $1",
    )
    .bind(org.id.to_string())
    .bind(&org.name)
    .bind(name_key)
    .bind(&org.subdomain)
    .bind(&org.country)
    .bind(org.vat_id.as_deref())
    .bind(&org.address)
    .bind(&org.billing_email)
    .bind(now_ms())
    .bind(org.auto_join_domains)
    .execute(conn)
    .await?;
    Ok(())
}

/// Seats taken: active members and invitations whose links still work.
/// Suspended members do not count.
pub async fn seats_used(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<i64> {
    sqlx::query(
        "SELECT CAST(COALESCE((SELECT SUM(members) FROM org_member_counts WHERE org_id = $1 AND status = 'active'), 0) AS BIGINT)
              + (SELECT count(*) FROM invitations WHERE org_id = $1 AND status = 'pending' AND expires_at > $2)",
    )
    .bind(org.to_string())
    .bind(now_ms())
    .fetch_one(conn)
    .await?
    .try_get(0)
}

pub async fn insert_membership(
    conn: &mut AnyConnection,
    org: Uuid,
    account: Uuid,
    name: &str,
    email: &str,
) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO memberships (org_id, account_id, status, sort_name, sort_email, joined_at, updated_at) VALUES ($1, $2, 'active', $3, $4, $5, $5)",
    )
    .bind(org.to_string())
    .bind(account.to_string())
    .bind(name.to_lowercase())
    .bind(email.to_lowercase())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The caller's organizations with their membership state and groups there.
pub async fn of_account(
    conn: &mut AnyConnection,
    account: Uuid,
) -> sqlx::Result<Vec<api::MyOrganization>> {
    let rows = sqlx::query(
        "SELECT o.id, o.name, o.subdomain, o.status, m.status AS membership_status FROM memberships m JOIN orgs o ON o.id = m.org_id
         WHERE m.account_id = $1 ORDER BY o.name, o.id",
    )
    .bind(account.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let groups = sqlx::query(
        "SELECT g.org_id, g.id, g.name FROM group_members gm JOIN org_groups g ON g.id = gm.group_id WHERE gm.account_id = $1 ORDER BY g.name",
    )
    .bind(account.to_string())
    .fetch_all(&mut *conn)
    .await?;
    // Each organization's groups, gathered once: not a pass over every
    // group per organization (an account in thousands of them).
    let mut by_org: std::collections::HashMap<String, Vec<api::GroupRef>> =
        std::collections::HashMap::new();
    for g in &groups {
        by_org
            .entry(g.try_get("org_id")?)
            .or_default()
            .push(api::GroupRef {
                id: get_uuid(g, "id")?,
                name: g.try_get("name")?,
            });
    }
    rows.iter()
        .map(|r| {
            let id: String = r.try_get("id")?;
            let status: String = r.try_get("status")?;
            let membership: String = r.try_get("membership_status")?;
            let groups = by_org.remove(&id).unwrap_or_default();
            Ok(api::MyOrganization {
                id: get_uuid(r, "id")?,
                name: r.try_get("name")?,
                subdomain: r.try_get("subdomain")?,
                status: api::OrgStatus::parse(&status).unwrap_or(api::OrgStatus::Suspended),
                membership_status: api::MembershipStatus::parse(&membership)
                    .unwrap_or(api::MembershipStatus::Suspended),
                groups,
            })
        })
        .collect()
}

/// The display name of the organization whose company key this is, if any.
pub async fn name_owner(conn: &mut AnyConnection, name_key: &str) -> sqlx::Result<Option<String>> {
    let sql = format!(
        "SELECT name FROM orgs WHERE name_key = $1 AND {}",
        live("", 2)
    );
    let row = sqlx::query(&sql)
        .bind(name_key)
        .bind(expiry_cutoff())
        .fetch_optional(conn)
        .await?;
    row.map(|r| r.try_get(0)).transpose()
}

pub async fn subdomain_taken(conn: &mut AnyConnection, subdomain: &str) -> sqlx::Result<bool> {
    let sql = format!(
        "SELECT 1 FROM orgs WHERE subdomain = $1 AND {}",
        live("", 2)
    );
    Ok(sqlx::query(&sql)
        .bind(subdomain)
        .bind(expiry_cutoff())
        .fetch_optional(conn)
        .await?
        .is_some())
}

/// Which of `candidates` are taken.
pub async fn subdomains_taken(
    conn: &mut AnyConnection,
    candidates: &[String],
) -> sqlx::Result<Vec<String>> {
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT subdomain FROM orgs WHERE {} AND subdomain IN ({})",
        live("", 1),
        super::placeholders(2, candidates.len())
    );
    let mut query = sqlx::query(&sql).bind(expiry_cutoff());
    for c in candidates {
        query = query.bind(c.clone());
    }
    query
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect()
}

/// A paid organization opens for use.
pub async fn activate(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE orgs SET status = 'active', updated_at = $2 WHERE id = $1 AND status = 'pending_payment'")
        .bind(org.to_string())
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes unpaid organizations created before `cutoff`, with everything of
/// theirs; answers how many went.
pub async fn delete_expired_unpaid(conn: &mut AnyConnection, cutoff: i64) -> sqlx::Result<u64> {
    // The sandbox's own books name the payment, not the organization.
    sqlx::query(
        "DELETE FROM sandbox_checkouts WHERE payment_id IN (SELECT p.id FROM payments p JOIN orgs o ON o.id = p.org_id
         WHERE o.status = 'pending_payment' AND o.created_at < $1)",
    )
    .bind(cutoff)
    .execute(&mut *conn)
    .await?;
    Ok(
        sqlx::query("DELETE FROM orgs WHERE status = 'pending_payment' AND created_at < $1")
            .bind(cutoff)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}

/// Unpaid organizations an account created that have not expired.
pub async fn unpaid_of(conn: &mut AnyConnection, account: Uuid) -> sqlx::Result<i64> {
    sqlx::query(
        "SELECT count(*) FROM orgs WHERE created_by = $1 AND status = 'pending_payment' AND created_at >= $2",
    )
    .bind(account.to_string())
    .bind(expiry_cutoff())
    .fetch_one(conn)
    .await?
    .try_get(0)
}

/// Removes a membership (leaving); its group memberships go with it.
pub async fn delete_membership(
    conn: &mut AnyConnection,
    org: Uuid,
    account: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM memberships WHERE org_id = $1 AND account_id = $2")
        .bind(org.to_string())
        .bind(account.to_string())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
