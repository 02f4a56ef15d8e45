//! Permission snapshots: who held which permission through which group.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::groups::in_force;
use super::{get_opt_uuid, get_time, get_uuid, now_ms};
use crate::domain::snapshots::Grant;
use orgdesk_api as api;

fn grant(row: &AnyRow) -> sqlx::Result<Grant> {
    Ok(Grant {
        account: get_uuid(row, "account_id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        permission: row.try_get("permission")?,
        group: get_uuid(row, "group_id")?,
        group_name: row.try_get("group_name")?,
    })
}

/// Every (member, permission, granting group) of the organization's active
/// members now, through memberships in force. The caller keeps only the
/// permissions of the organization's products.
pub async fn current(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<Vec<Grant>> {
    let sql = format!(
        "SELECT gm.account_id, a.email, a.name, gp.permission, g.id AS group_id, g.name AS group_name
           FROM group_members gm
           JOIN memberships m ON m.org_id = gm.org_id AND m.account_id = gm.account_id
           JOIN accounts a ON a.id = gm.account_id
           JOIN org_groups g ON g.id = gm.group_id
           JOIN group_permissions gp ON gp.group_id = g.id
          WHERE gm.org_id = $1 AND m.status = 'active' AND {}",
        in_force("gm", "$2")
    );
    let rows = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(now_ms())
        .fetch_all(conn)
        .await?;
    rows.iter().map(grant).collect()
}

fn header(row: &AnyRow) -> sqlx::Result<api::PermissionSnapshot> {
    Ok(api::PermissionSnapshot {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        taken_at: get_time(row, "taken_at")?,
        taken_by: get_opt_uuid(row, "taken_by")?,
        members: u64::try_from(row.try_get::<i64, _>("members")?).unwrap_or(0),
        grants: u64::try_from(row.try_get::<i64, _>("grants")?).unwrap_or(0),
    })
}

/// Records a snapshot of `grants`; answers it.
pub async fn insert(
    conn: &mut AnyConnection,
    org: Uuid,
    name: Option<&str>,
    taken_by: Uuid,
    grants: &[Grant],
    members: u64,
    pairs: u64,
) -> sqlx::Result<api::PermissionSnapshot> {
    let id = Uuid::now_v7();
    let now = now_ms();
    sqlx::query(
        "INSERT INTO permission_snapshots (id, org_id, name, taken_by, taken_at, members, grants)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id.to_string())
    .bind(org.to_string())
    .bind(name)
    .bind(taken_by.to_string())
    .bind(now)
    .bind(i64::try_from(members).unwrap_or(i64::MAX))
    .bind(i64::try_from(pairs).unwrap_or(i64::MAX))
    .execute(&mut *conn)
    .await?;
    // Many rows per statement, well under either database's bind limit.
    for chunk in grants.chunks(500) {
        let values = (0..chunk.len())
            .map(|i| {
                let b = i * 6 + 2;
                format!(
                    "($1, ${}, ${}, ${}, ${}, ${}, ${})",
                    b,
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO permission_snapshot_grants (snapshot_id, account_id, email, name, permission, group_id, group_name) VALUES {values}"
        );
        let mut query = sqlx::query(&sql).bind(id.to_string());
        for g in chunk {
            query = query
                .bind(g.account.to_string())
                .bind(g.email.clone())
                .bind(g.name.clone())
                .bind(g.permission.clone())
                .bind(g.group.to_string())
                .bind(g.group_name.clone());
        }
        query.execute(&mut *conn).await?;
    }
    Ok(api::PermissionSnapshot {
        id,
        name: name.map(str::to_string),
        taken_at: super::time_of(now),
        taken_by: Some(taken_by),
        members,
        grants: pairs,
    })
}

/// The organization's snapshots, newest first, after `after` (the
/// `taken_at` and id of the last one of the page before).
pub async fn list(
    conn: &mut AnyConnection,
    org: Uuid,
    after: Option<(i64, Uuid)>,
    limit: u32,
) -> sqlx::Result<(Vec<api::PermissionSnapshot>, i64)> {
    let seek = match after {
        Some(_) => " AND (taken_at, id) < ($3, $4)",
        None => "",
    };
    let sql = format!(
        "SELECT id, name, taken_by, taken_at, members, grants FROM permission_snapshots
         WHERE org_id = $1{seek} ORDER BY taken_at DESC, id DESC LIMIT $2"
    );
    let mut query = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(i64::from(limit));
    if let Some((at, id)) = after {
        query = query.bind(at).bind(id.to_string());
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let total: i64 = sqlx::query("SELECT count(*) FROM permission_snapshots WHERE org_id = $1")
        .bind(org.to_string())
        .fetch_one(conn)
        .await?
        .try_get(0)?;
    Ok((rows.iter().map(header).collect::<sqlx::Result<_>>()?, total))
}

/// One snapshot of the organization; another organization's is `None`.
pub async fn get(
    conn: &mut AnyConnection,
    org: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<api::PermissionSnapshot>> {
    let row = sqlx::query(
        "SELECT id, name, taken_by, taken_at, members, grants FROM permission_snapshots
         WHERE org_id = $1 AND id = $2",
    )
    .bind(org.to_string())
    .bind(id.to_string())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(header).transpose()
}

/// A snapshot's grants, by email, permission and group name.
pub async fn grants(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<Vec<Grant>> {
    let rows = sqlx::query(
        "SELECT account_id, email, name, permission, group_id, group_name FROM permission_snapshot_grants
         WHERE snapshot_id = $1 ORDER BY email, permission, group_name",
    )
    .bind(id.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(grant).collect()
}
