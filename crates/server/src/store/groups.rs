//! Groups, their permissions and their members.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::direct::{Held, Snapshot};
use super::{Cols, Db, get_bool, get_time, get_uuid, id_set, json_ids, now_ms};
use crate::domain::catalog::GroupTemplate;
use orgdesk_api as api;

#[derive(Debug, Clone)]
pub struct GroupRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub builtin: bool,
    pub product: Option<String>,
    pub version: i64,
    pub created_at: time::OffsetDateTime,
    pub permissions: Vec<String>,
    pub member_count: i64,
}

fn from_row(row: &impl Cols) -> sqlx::Result<GroupRow> {
    Ok(GroupRow {
        id: get_uuid(row, "id")?,
        name: row.text("name")?,
        description: row.text("description")?,
        builtin: get_bool(row, "builtin")?,
        product: row.opt_text("product")?,
        version: row.int("version")?,
        created_at: get_time(row, "created_at")?,
        permissions: Vec::new(),
        member_count: row.int("member_count")?,
    })
}

/// The groups' columns and member counts. A count takes only memberships
/// in force: one past its end grants nothing, swept or not, so it is no
/// member. `now` names the bind holding Unix ms.
fn select(now: &str) -> String {
    format!(
        "SELECT g.id, g.name, g.description, g.builtin, g.product, g.version, g.created_at,
    (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id AND {}) AS member_count FROM org_groups g",
        in_force("gm", now)
    )
}

/// Expiring access, the one rule in SQL: a membership row `alias` grants
/// only while its end (if any) lies after `now` (a bind holding Unix ms).
/// Every query that decides what a member may do includes it, so a
/// membership stops granting at its instant whether or not the sweeper ran.
/// Same rule as `domain::expiry::in_force`.
pub fn in_force(alias: &str, now: &str) -> String {
    format!("({alias}.expires_at IS NULL OR {alias}.expires_at > {now})")
}

/// An organization's groups by name: `$1` the organization, `$2` now.
static LIST: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{} WHERE g.org_id = $1 ORDER BY g.builtin DESC, g.name_key",
        select("$2")
    )
});

/// The permissions of an organization's groups: `$1` the organization.
const LIST_PERMISSIONS: &str = "SELECT gp.group_id, gp.permission FROM group_permissions gp JOIN org_groups g ON g.id = gp.group_id WHERE g.org_id = $1";

/// Every group of an organization with permissions and member counts, by name.
pub async fn list(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<Vec<GroupRow>> {
    let rows = sqlx::query(&LIST)
        .bind(org.to_string())
        .bind(now_ms())
        .fetch_all(&mut *conn)
        .await?;
    let groups = rows
        .iter()
        .map(from_row)
        .collect::<sqlx::Result<Vec<_>>>()?;
    let perms = sqlx::query(LIST_PERMISSIONS)
        .bind(org.to_string())
        .fetch_all(&mut *conn)
        .await?;
    let perms = perms
        .iter()
        .map(permission_of)
        .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(with_permissions(groups, perms))
}

/// [`list`] outside a transaction: on SQLite in the calling thread, from
/// one snapshot ([`super::direct`]): `held` if given.
pub async fn list_now(db: &Db, held: Option<&mut Held>, org: Uuid) -> sqlx::Result<Vec<GroupRow>> {
    let Some(direct) = db.direct() else {
        let mut conn = db.pool().acquire().await?;
        return list(&mut conn, org).await;
    };
    let org = org.to_string();
    let read = |read: &mut Snapshot<'_>| {
        let groups = read.rows(&LIST, &[&org, &now_ms()], |row| from_row(row))?;
        let perms = read.rows(LIST_PERMISSIONS, &[&org], |row| permission_of(row))?;
        Ok(with_permissions(groups, perms))
    };
    match held {
        Some(held) => read(&mut held.read()),
        None => direct.snapshot(read),
    }
}

fn permission_of(row: &impl Cols) -> sqlx::Result<(Uuid, String)> {
    Ok((get_uuid(row, "group_id")?, row.text("permission")?))
}

fn with_permissions(mut groups: Vec<GroupRow>, perms: Vec<(Uuid, String)>) -> Vec<GroupRow> {
    let mut by_group: HashMap<Uuid, Vec<String>> = HashMap::new();
    for (group, permission) in perms {
        by_group.entry(group).or_default().push(permission);
    }
    for group in &mut groups {
        group.permissions = by_group.remove(&group.id).unwrap_or_default();
    }
    groups
}

/// One group of the organization; another organization's group is `None`.
pub async fn get(conn: &mut AnyConnection, org: Uuid, id: Uuid) -> sqlx::Result<Option<GroupRow>> {
    let sql = format!("{} WHERE g.org_id = $1 AND g.id = $2", select("$3"));
    let Some(row) = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(id.to_string())
        .bind(now_ms())
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut group = from_row(&row)?;
    group.permissions = permissions(conn, id).await?;
    Ok(Some(group))
}

/// Whether the group is the organization's (without counting its members).
pub async fn exists(conn: &mut AnyConnection, org: Uuid, id: Uuid) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("SELECT 1 FROM org_groups WHERE org_id = $1 AND id = $2")
            .bind(org.to_string())
            .bind(id.to_string())
            .fetch_optional(conn)
            .await?
            .is_some(),
    )
}

pub async fn permissions(conn: &mut AnyConnection, group: Uuid) -> sqlx::Result<Vec<String>> {
    let rows = sqlx::query("SELECT permission FROM group_permissions WHERE group_id = $1")
        .bind(group.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(|r| r.try_get(0)).collect()
}

/// The key two group names collide on within an organization.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

pub async fn insert(
    conn: &mut AnyConnection,
    org: Uuid,
    group: &GroupTemplate,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO org_groups (id, org_id, name, name_key, description, builtin, product, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8)",
    )
    .bind(id.to_string())
    .bind(org.to_string())
    .bind(group.name.trim())
    .bind(name_key(&group.name))
    .bind(&group.description)
    .bind(group.builtin)
    .bind(group.product.as_deref())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    set_permissions(conn, id, &group.permissions).await?;
    Ok(id)
}

async fn set_permissions(
    conn: &mut AnyConnection,
    group: Uuid,
    permissions: &[String],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM group_permissions WHERE group_id = $1")
        .bind(group.to_string())
        .execute(&mut *conn)
        .await?;
    let unique: BTreeSet<&String> = permissions.iter().collect();
    for permission in &unique {
        sqlx::query("INSERT INTO group_permissions (group_id, permission) VALUES ($1, $2)")
            .bind(group.to_string())
            .bind(permission)
            .execute(&mut *conn)
            .await?;
    }
    // The same keys in one value, for who is calling (migration 0013).
    let keys: Vec<&str> = unique.iter().map(|k| k.as_str()).collect();
    sqlx::query("UPDATE org_groups SET permission_keys = $2 WHERE id = $1")
        .bind(group.to_string())
        .bind(keys.join(","))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Writes a group's new name, description and permissions, and bumps its version.
pub async fn update(conn: &mut AnyConnection, group: &GroupRow) -> sqlx::Result<()> {
    sqlx::query("UPDATE org_groups SET name = $2, name_key = $3, description = $4, version = version + 1, updated_at = $5 WHERE id = $1")
        .bind(group.id.to_string())
        .bind(group.name.trim())
        .bind(name_key(&group.name))
        .bind(&group.description)
        .bind(now_ms())
        .execute(&mut *conn)
        .await?;
    set_permissions(conn, group.id, &group.permissions).await
}

pub async fn delete(conn: &mut AnyConnection, group: Uuid) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM org_groups WHERE id = $1")
        .bind(group.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Adds a member to a group; false when they were in it already.
pub async fn add_member(
    conn: &mut AnyConnection,
    org: Uuid,
    group: Uuid,
    account: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO group_members (group_id, org_id, account_id, added_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(group.to_string())
    .bind(org.to_string())
    .bind(account.to_string())
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds accounts (members of the organization, not in the group) to a
/// group in one statement, until `expires_at` (Unix ms) when given;
/// answers those that were not in it before.
pub async fn add_members(
    conn: &mut AnyConnection,
    org: Uuid,
    group: Uuid,
    accounts: &[Uuid],
    expires_at: Option<i64>,
    added_by: Option<Uuid>,
) -> sqlx::Result<HashSet<Uuid>> {
    // `WHERE true` tells SQLite's parser the ON CONFLICT is the upsert's, not a join's.
    let sql = format!(
        "INSERT INTO group_members (group_id, org_id, account_id, added_at, expires_at, added_by)
         SELECT $1, $2, value, $3, $5, $6 FROM {} AS ids WHERE true
         ON CONFLICT DO NOTHING RETURNING account_id",
        id_set(conn, 4)
    );
    let rows = sqlx::query(&sql)
        .bind(group.to_string())
        .bind(org.to_string())
        .bind(now_ms())
        .bind(json_ids(accounts))
        .bind(expires_at)
        .bind(added_by.map(|a| a.to_string()))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|row| get_uuid(row, "account_id")).collect()
}

/// Sets the end of some accounts' memberships of a group (`None`: no end).
pub async fn set_expiry(
    conn: &mut AnyConnection,
    group: Uuid,
    accounts: &[Uuid],
    expires_at: Option<i64>,
) -> sqlx::Result<u64> {
    let sql = format!(
        "UPDATE group_members SET expires_at = $2 WHERE group_id = $1 AND account_id IN {}",
        id_set(conn, 3)
    );
    let done = sqlx::query(&sql)
        .bind(group.to_string())
        .bind(expires_at)
        .bind(json_ids(accounts))
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// A membership that reached its end.
#[derive(Debug, Clone)]
pub struct Expired {
    pub org: Uuid,
    pub group: Uuid,
    pub group_name: String,
    pub account: Uuid,
    pub expires_at: i64,
}

/// Removes up to `limit` memberships whose end is at or before `now`;
/// answers them (the sweeper audits each).
pub async fn delete_expired(
    conn: &mut AnyConnection,
    now: i64,
    limit: i64,
) -> sqlx::Result<Vec<Expired>> {
    let rows = sqlx::query(
        "SELECT gm.org_id, gm.group_id, g.name, gm.account_id, gm.expires_at FROM group_members gm
         JOIN org_groups g ON g.id = gm.group_id
         WHERE gm.expires_at IS NOT NULL AND gm.expires_at <= $1
         ORDER BY gm.expires_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let mut expired = rows
        .iter()
        .map(|row| {
            Ok(Expired {
                org: get_uuid(row, "org_id")?,
                group: get_uuid(row, "group_id")?,
                group_name: row.try_get("name")?,
                account: get_uuid(row, "account_id")?,
                expires_at: row.try_get("expires_at")?,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    // In group id order: each delete updates its group's count (migration
    // 0011), and bulk changes and reviews take those rows in that order too
    // (this pass holds no organization's lock to wait on them first).
    expired.sort_by_key(|e| (e.group, e.account));
    let mut gone = Vec::with_capacity(expired.len());
    for expired in expired {
        // The end is checked again: a renewal that committed since the read stays.
        let done = sqlx::query(
            "DELETE FROM group_members WHERE group_id = $1 AND account_id = $2 AND expires_at = $3",
        )
        .bind(expired.group.to_string())
        .bind(expired.account.to_string())
        .bind(expired.expires_at)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 1 {
            gone.push(expired);
        }
    }
    Ok(gone)
}

/// Removes accounts from a group in one statement; answers those that were in it.
pub async fn remove_members(
    conn: &mut AnyConnection,
    group: Uuid,
    accounts: &[Uuid],
) -> sqlx::Result<HashSet<Uuid>> {
    let sql = format!(
        "DELETE FROM group_members WHERE group_id = $1 AND account_id IN {} RETURNING account_id",
        id_set(conn, 2)
    );
    let rows = sqlx::query(&sql)
        .bind(group.to_string())
        .bind(json_ids(accounts))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|row| get_uuid(row, "account_id")).collect()
}

/// Which of some accounts are members of an organization, with their status
/// and their groups there.
#[derive(Debug, Clone, Default)]
pub struct MemberGroups {
    pub status: HashMap<Uuid, api::MembershipStatus>,
    /// `(group, account)` pairs of the memberships in force (granting).
    pub memberships: Vec<(Uuid, Uuid)>,
    /// Every membership row, in force or past its end, with its end.
    pub ends: HashMap<(Uuid, Uuid), Option<i64>>,
}

/// The status and groups of each of `accounts` in the organization, in one
/// statement: a row per member, their group rows joined as `group:end,…`
/// (a row per group row was 26,000 rows for 10,000 members, each carried
/// across sqlx's SQLite thread on its own: a fifth of a bulk change).
pub async fn member_groups(
    conn: &mut AnyConnection,
    org: Uuid,
    accounts: &[Uuid],
) -> sqlx::Result<MemberGroups> {
    let now = now_ms();
    let joined = if conn.backend_name().eq_ignore_ascii_case("postgresql") {
        "string_agg(gm.group_id || ':' || coalesce(CAST(gm.expires_at AS TEXT), ''), ',')"
    } else {
        "group_concat(gm.group_id || ':' || coalesce(gm.expires_at, ''), ',')"
    };
    let sql = format!(
        "SELECT m.account_id, m.status,
                (SELECT {joined} FROM group_members gm
                  WHERE gm.org_id = m.org_id AND gm.account_id = m.account_id) AS groups
         FROM memberships m
         WHERE m.org_id = $1 AND m.account_id IN {}",
        id_set(conn, 2)
    );
    let rows = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(json_ids(accounts))
        .fetch_all(&mut *conn)
        .await?;
    let mut found = MemberGroups::default();
    for row in &rows {
        let account = get_uuid(row, "account_id")?;
        let status: String = row.try_get("status")?;
        found.status.insert(
            account,
            api::MembershipStatus::parse(&status).unwrap_or(api::MembershipStatus::Suspended),
        );
        let groups: Option<String> = row.try_get("groups")?;
        for item in groups.iter().flat_map(|g| g.split(',')) {
            let (group, end) = parse_group_end(item)?;
            found.ends.insert((group, account), end);
            if crate::domain::expiry::in_force(end, now) {
                found.memberships.push((group, account));
            }
        }
    }
    Ok(found)
}

/// One `group:end` item of [`member_groups`] (an empty end: none).
fn parse_group_end(item: &str) -> sqlx::Result<(Uuid, Option<i64>)> {
    let bad = || sqlx::Error::Decode(format!("a group row of a member: {item:?}").into());
    let (group, end) = item.split_once(':').ok_or_else(bad)?;
    let group = Uuid::parse_str(group).map_err(|_| bad())?;
    let end = match end {
        "" => None,
        end => Some(end.parse::<i64>().map_err(|_| bad())?),
    };
    Ok((group, end))
}

/// A group's name and permission keys, without counting its members.
#[derive(Debug, Clone)]
pub struct GroupGrant {
    pub id: Uuid,
    pub name: String,
    pub permissions: Vec<String>,
}

/// Every group of an organization with what it grants (one query).
pub async fn grants(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<Vec<GroupGrant>> {
    let rows = sqlx::query(
        "SELECT g.id, g.name, gp.permission FROM org_groups g
         LEFT JOIN group_permissions gp ON gp.group_id = g.id
         WHERE g.org_id = $1 ORDER BY g.id",
    )
    .bind(org.to_string())
    .fetch_all(conn)
    .await?;
    let mut groups: Vec<GroupGrant> = Vec::new();
    for row in &rows {
        let id = get_uuid(row, "id")?;
        if groups.last().is_none_or(|g| g.id != id) {
            groups.push(GroupGrant {
                id,
                name: row.try_get("name")?,
                permissions: Vec::new(),
            });
        }
        if let (Some(last), Some(permission)) = (
            groups.last_mut(),
            row.try_get::<Option<String>, _>("permission")?,
        ) {
            last.permissions.push(permission);
        }
    }
    Ok(groups)
}

/// How many active members hold `permission` through a group membership
/// without end: one that ends leaves the organization without them at its
/// instant, with nobody left to change anything (the last-admin rule).
pub async fn active_holders(
    conn: &mut AnyConnection,
    org: Uuid,
    permission: &str,
) -> sqlx::Result<i64> {
    // From the few groups granting the permission to their members, never
    // from all of a large organization's memberships (SQLite keeps the
    // CROSS JOIN order; PostgreSQL plans it as an inner join).
    sqlx::query(
        "SELECT count(DISTINCT gm.account_id) FROM org_groups g
         CROSS JOIN group_permissions gp
         CROSS JOIN group_members gm
         CROSS JOIN memberships m
         WHERE g.org_id = $1 AND gp.group_id = g.id AND gp.permission = $2
           AND gm.group_id = g.id AND gm.expires_at IS NULL
           AND m.org_id = $1 AND m.account_id = gm.account_id AND m.status = 'active'",
    )
    .bind(org.to_string())
    .bind(permission)
    .fetch_one(conn)
    .await?
    .try_get(0)
}

/// A member's groups in force in an organization (memberships past their
/// end grant nothing) with each group's permissions.
pub async fn of_member(
    conn: &mut AnyConnection,
    org: Uuid,
    account: Uuid,
) -> sqlx::Result<Vec<(Uuid, String, Vec<String>)>> {
    let sql = format!(
        "SELECT g.id, g.name, gp.permission FROM group_members gm
         JOIN org_groups g ON g.id = gm.group_id
         LEFT JOIN group_permissions gp ON gp.group_id = g.id
         WHERE gm.org_id = $1 AND gm.account_id = $2 AND {} ORDER BY g.name_key, g.id",
        in_force("gm", "$3")
    );
    let rows = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(account.to_string())
        .bind(now_ms())
        .fetch_all(conn)
        .await?;
    let mut groups: Vec<(Uuid, String, Vec<String>)> = Vec::new();
    for row in &rows {
        let id = get_uuid(row, "id")?;
        if groups.last().is_none_or(|g| g.0 != id) {
            groups.push((id, row.try_get("name")?, Vec::new()));
        }
        if let (Some(last), Some(permission)) = (
            groups.last_mut(),
            row.try_get::<Option<String>, _>("permission")?,
        ) {
            last.2.push(permission);
        }
    }
    Ok(groups)
}

/// The id of a built-in group (`Admin`, `User`, `Guest`) of an organization.
pub async fn builtin_id(
    conn: &mut AnyConnection,
    org: Uuid,
    name: &str,
) -> sqlx::Result<Option<Uuid>> {
    let row =
        sqlx::query("SELECT id FROM org_groups WHERE org_id = $1 AND builtin = $2 AND name = $3")
            .bind(org.to_string())
            .bind(true)
            .bind(name)
            .fetch_optional(conn)
            .await?;
    row.map(|r| get_uuid(&r, "id")).transpose()
}

/// A group's managers: they change its members without `org.groups.manage`.
pub async fn managers(conn: &mut AnyConnection, group: Uuid) -> sqlx::Result<Vec<Uuid>> {
    let rows = sqlx::query(
        "SELECT account_id FROM group_managers WHERE group_id = $1 ORDER BY added_at, account_id",
    )
    .bind(group.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(|row| get_uuid(row, "account_id")).collect()
}

/// Makes `accounts` (members of the organization) the group's managers.
pub async fn set_managers(
    conn: &mut AnyConnection,
    org: Uuid,
    group: Uuid,
    accounts: &[Uuid],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM group_managers WHERE group_id = $1")
        .bind(group.to_string())
        .execute(&mut *conn)
        .await?;
    if accounts.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO group_managers (group_id, org_id, account_id, added_at)
         SELECT $1, $2, value, $3 FROM {} AS ids WHERE true ON CONFLICT DO NOTHING",
        id_set(conn, 4)
    );
    sqlx::query(&sql)
        .bind(group.to_string())
        .bind(org.to_string())
        .bind(now_ms())
        .bind(json_ids(accounts))
        .execute(conn)
        .await?;
    Ok(())
}

/// The groups, of `groups`, that `account` manages.
pub async fn managed_by(
    conn: &mut AnyConnection,
    account: Uuid,
    groups: &[Uuid],
) -> sqlx::Result<HashSet<Uuid>> {
    let sql = format!(
        "SELECT group_id FROM group_managers WHERE account_id = $1 AND group_id IN {}",
        id_set(conn, 2)
    );
    let rows = sqlx::query(&sql)
        .bind(account.to_string())
        .bind(json_ids(groups))
        .fetch_all(conn)
        .await?;
    rows.iter().map(|row| get_uuid(row, "group_id")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_members_group_rows_come_back_with_their_ends() {
        let group = Uuid::new_v4();
        assert_eq!(
            parse_group_end(&format!("{group}:")).unwrap(),
            (group, None)
        );
        assert_eq!(
            parse_group_end(&format!("{group}:1700000000000")).unwrap(),
            (group, Some(1_700_000_000_000))
        );
        for bad in [
            "",
            "nonsense",
            &format!("{group}"),
            &format!("{group}:soon"),
        ] {
            assert!(parse_group_end(bad).is_err(), "{bad:?}");
        }
    }
}
