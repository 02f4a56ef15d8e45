//! One member as the member sheet shows it — the membership, the account,
//! the groups (with their end dates) and whether this organization manages
//! the account — in one statement: a gated small read is then two round
//! trips in all, this and the caller's (`auth`), both in the calling thread
//! on SQLite.

use std::sync::LazyLock;

use uuid::Uuid;

use super::direct::Held;
use super::{Backend, Cols, Db, get_bool, get_opt_time, get_time, get_uuid, time_of};
use crate::domain::domains::email_domain;
use orgdesk_api as api;

fn statement(postgres: bool) -> String {
    let groups = if postgres {
        "(SELECT CAST(json_agg(json_build_object('id', g.id, 'name', g.name, 'expires_at', gm.expires_at) ORDER BY g.name_key) AS TEXT)
           FROM group_members gm JOIN org_groups g ON g.id = gm.group_id
          WHERE gm.org_id = m.org_id AND gm.account_id = m.account_id)"
    } else {
        "(SELECT json_group_array(json_object('id', x.id, 'name', x.name, 'expires_at', x.expires_at))
           FROM (SELECT g.id, g.name, gm.expires_at FROM group_members gm JOIN org_groups g ON g.id = gm.group_id
                  WHERE gm.org_id = m.org_id AND gm.account_id = m.account_id ORDER BY g.name_key) x)"
    };
    let domains = if postgres {
        "(SELECT string_agg(d.domain, ',') FROM org_domains d WHERE d.org_id = m.org_id AND d.status = 'verified')"
    } else {
        "(SELECT group_concat(d.domain, ',') FROM org_domains d WHERE d.org_id = m.org_id AND d.status = 'verified')"
    };
    format!(
        "SELECT m.account_id, a.name, a.email, a.email_verified, m.status, m.joined_at, a.last_login_at, m.suspended_at, m.updated_at,
                {groups} AS groups_json, {domains} AS verified_domains
         FROM memberships m JOIN accounts a ON a.id = m.account_id
         WHERE m.org_id = $1 AND m.account_id = $2"
    )
}

static SQLITE: LazyLock<String> = LazyLock::new(|| statement(false));
static POSTGRES: LazyLock<String> = LazyLock::new(|| statement(true));

#[derive(serde::Deserialize)]
struct GroupJson {
    id: Uuid,
    name: String,
    expires_at: Option<i64>,
}

/// The member `account` of `org` with groups and `managed` filled in, as
/// `members::get` and `domains::mark_managed` together answer it. On SQLite
/// in the calling thread ([`super::direct`]), in `held` if given.
pub async fn get(
    db: &Db,
    held: Option<&mut Held>,
    org: Uuid,
    account: Uuid,
) -> sqlx::Result<Option<api::Member>> {
    let (org, account) = (org.to_string(), account.to_string());
    if let Some(direct) = db.direct() {
        return direct.row_in(held, &SQLITE, &[&org, &account], |row| member_of(row));
    }
    let sql: &str = match db.backend() {
        Backend::Postgres => &POSTGRES,
        Backend::Sqlite => &SQLITE,
    };
    let mut conn = db.pool().acquire().await?;
    let row = sqlx::query(sql)
        .bind(org)
        .bind(account)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(member_of).transpose()
}

fn member_of(row: &impl Cols) -> sqlx::Result<api::Member> {
    let decode = |e: serde_json::Error| sqlx::Error::Decode(Box::new(e));
    let groups: Vec<GroupJson> = match row.opt_text("groups_json")? {
        Some(json) => serde_json::from_str(&json).map_err(decode)?,
        None => Vec::new(),
    };
    let status = row.text("status")?;
    let email = row.text("email")?;
    // The rule of `domains::managed_among`: a verified address at one of the
    // organization's verified domains.
    let managed = get_bool(row, "email_verified")?
        && row
            .opt_text("verified_domains")?
            .zip(email_domain(&email))
            .is_some_and(|(domains, own)| domains.split(',').any(|d| d == own));
    Ok(api::Member {
        id: get_uuid(row, "account_id")?,
        name: row.text("name")?,
        email,
        status: api::MembershipStatus::parse(&status).unwrap_or(api::MembershipStatus::Suspended),
        group_expiry: groups
            .iter()
            .filter_map(|g| {
                g.expires_at.map(|at| api::GroupExpiry {
                    group: g.id,
                    expires_at: time_of(at),
                })
            })
            .collect(),
        groups: groups
            .into_iter()
            .map(|g| api::GroupRef {
                id: g.id,
                name: g.name,
            })
            .collect(),
        joined_at: get_time(row, "joined_at")?,
        last_login_at: get_opt_time(row, "last_login_at")?,
        suspended_at: get_opt_time(row, "suspended_at")?,
        updated_at: get_time(row, "updated_at")?,
        managed,
    })
}
