//! Each group's permission keys kept in one column (migration 0013) agree
//! with its rows of group_permissions after every change, and the
//! migration fills the column for groups made before it.

use sqlx::Row;

use super::*;

/// Groups whose kept keys differ from their rows (empty: all agree).
async fn disagreeing(ts: &TestServer) -> Vec<(String, String, String)> {
    let groups = sqlx::query("SELECT id, permission_keys FROM org_groups")
        .fetch_all(ts.server.state.db.pool())
        .await
        .expect("groups");
    let mut out = Vec::new();
    for group in groups {
        let id: String = group.try_get("id").unwrap();
        let kept: String = group.try_get("permission_keys").unwrap();
        let rows: Vec<String> =
            sqlx::query("SELECT permission FROM group_permissions WHERE group_id = $1")
                .bind(&id)
                .fetch_all(ts.server.state.db.pool())
                .await
                .expect("rows")
                .iter()
                .map(|r| r.try_get("permission").unwrap())
                .collect();
        let actual = rows.into_iter().collect::<BTreeSet<_>>();
        let actual = actual.into_iter().collect::<Vec<_>>().join(",");
        if kept != actual {
            out.push((id, kept, actual));
        }
    }
    out
}

both!(permission_keys_follow_every_change, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM_HELPDESK).await;
    // The groups an organization starts with, a custom one, an edit, an
    // emptied group and a deleted one.
    assert_eq!(disagreeing(&ts).await, vec![]);
    let custom = admin
        .create_group(
            &oid(&org),
            &new_group("Auditors", &["org.audit.read", "crm.contacts.read"]),
        )
        .await
        .unwrap();
    let emptied = admin
        .create_group(&oid(&org), &new_group("Briefly", &["org.members.read"]))
        .await
        .unwrap();
    admin
        .update_group(
            &oid(&org),
            custom.id,
            &permissions_patch(&["org.members.read", "helpdesk.tickets.read"]),
            None,
        )
        .await
        .unwrap();
    admin
        .update_group(&oid(&org), emptied.id, &permissions_patch(&[]), None)
        .await
        .unwrap();
    let gone = admin
        .create_group(&oid(&org), &new_group("Gone", &["org.audit.read"]))
        .await
        .unwrap();
    admin.delete_group(&oid(&org), gone.id).await.unwrap();
    assert_eq!(disagreeing(&ts).await, vec![]);

    // A database from before the column: the migration's fill.
    sqlx::query("UPDATE org_groups SET permission_keys = ''")
        .execute(ts.server.state.db.pool())
        .await
        .unwrap();
    assert!(!disagreeing(&ts).await.is_empty());
    let migration = match ts.backend {
        Backend::Sqlite => {
            include_str!("../../../migrations/sqlite/0013_group_permission_keys.sql")
        }
        Backend::Postgres => {
            include_str!("../../../migrations/postgres/0013_group_permission_keys.sql")
        }
    };
    let fill = migration
        .split(';')
        .find(|statement| statement.contains("UPDATE org_groups"))
        .expect("the migration fills the column");
    sqlx::query(fill)
        .execute(ts.server.state.db.pool())
        .await
        .unwrap();
    assert_eq!(disagreeing(&ts).await, vec![]);
});
