//! The group counts (migration 0011) follow every change of a group's
//! members: adds, removals, bulk changes, a member leaving with the
//! organization, a deleted group; and a broad group filter answers its
//! total from them.

use orgdesk_api as api;
use orgdesk_server::demo::scale::{ScaleOptions, seed_org};
use sqlx::Row;
use uuid::Uuid;

use crate::both_with;
use crate::common::*;

const SEEDED: usize = 60;

/// Every group's kept count next to its rows in `group_members`, where
/// they differ (a group without a count row has none). Empty: all agree.
async fn disagreeing(ts: &TestServer) -> Vec<(String, i64, i64)> {
    let mut conn = ts.server.state.db.pool().acquire().await.expect("conn");
    let rows = sqlx::query(
        "SELECT g.id, COALESCE((SELECT c.members FROM group_member_counts c WHERE c.group_id = g.id), 0) AS kept,
                (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id) AS actual
         FROM org_groups g",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("counts");
    rows.iter()
        .map(|r| {
            (
                r.try_get::<String, _>("id").unwrap(),
                r.try_get::<i64, _>("kept").unwrap(),
                r.try_get::<i64, _>("actual").unwrap(),
            )
        })
        .filter(|(_, kept, actual)| kept != actual)
        .collect()
}

/// Count rows left for groups that are gone.
async fn orphans(ts: &TestServer) -> i64 {
    let mut conn = ts.server.state.db.pool().acquire().await.expect("conn");
    sqlx::query(
        "SELECT count(*) FROM group_member_counts c
         WHERE NOT EXISTS (SELECT 1 FROM org_groups g WHERE g.id = c.group_id)",
    )
    .fetch_one(&mut *conn)
    .await
    .expect("orphans")
    .try_get(0)
    .unwrap()
}

async fn kept(ts: &TestServer, group: Uuid) -> i64 {
    let mut conn = ts.server.state.db.pool().acquire().await.expect("conn");
    sqlx::query("SELECT members FROM group_member_counts WHERE group_id = $1")
        .bind(group.to_string())
        .fetch_optional(&mut *conn)
        .await
        .expect("count")
        .map_or(0, |r| r.try_get(0).unwrap())
}

both_with!(
    group_counts_follow_every_change,
    |config| {
        // Every group with a member is broad: its total comes from the counts.
        config.limits.exact_total_up_to = 0;
    },
    |ts| {
        let state = &ts.server.state;
        let seeded = seed_org(
            &state.db,
            &state.catalog,
            &ScaleOptions {
                members: SEEDED,
                subdomain: "counted".into(),
                admin_email: "admin@counted.test".into(),
                admin_password: PASSWORD.into(),
                seed: 11,
            },
        )
        .await
        .expect("seeded");
        assert_eq!(disagreeing(&ts).await, vec![], "after the seed");
        let org = seeded.org_id.to_string();
        let admin = ts.client();
        let login = admin
            .login(&api::LoginRequest {
                email: "admin@counted.test".into(),
                password: PASSWORD.into(),
                organization: None,
            })
            .await
            .expect("signed in");
        let admin = admin.with_token(login.token);
        let everyone = admin
            .members(
                &org,
                &api::MemberQuery {
                    limit: Some(100),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(everyone.items.len(), SEEDED + 1);
        // The seeded members, the admin aside (who must remain).
        let ids: Vec<Uuid> = everyone
            .items
            .iter()
            .filter(|m| m.email != "admin@counted.test")
            .map(|m| m.id)
            .collect();

        // The User group (everyone): its total from the group counts.
        let groups = admin.groups(&org).await.unwrap();
        let user = groups.iter().find(|g| g.name == "User").unwrap();
        let page = admin
            .members(
                &org,
                &api::MemberQuery {
                    group: Some(user.id),
                    limit: Some(5),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(
            (page.total, page.total_is_estimate),
            ((SEEDED + 1) as u64, true)
        );

        // Adds and removals, one request each.
        let counted = admin
            .create_group(
                &org,
                &api::CreateGroup {
                    name: "Counted".into(),
                    description: String::new(),
                    permissions: Vec::new(),
                },
            )
            .await
            .expect("created");
        assert_eq!(kept(&ts, counted.id).await, 0);
        admin
            .add_group_members(
                &org,
                counted.id,
                &api::AccountList {
                    accounts: ids[..5].to_vec(),
                },
            )
            .await
            .expect("added");
        assert_eq!(kept(&ts, counted.id).await, 5);
        admin
            .remove_group_members(
                &org,
                counted.id,
                &api::AccountList {
                    accounts: ids[..2].to_vec(),
                },
            )
            .await
            .expect("removed");
        assert_eq!(kept(&ts, counted.id).await, 3);

        // Bulk: several groups, adds (some already in) and removals; a dry
        // run changes nothing.
        let other = groups.iter().find(|g| g.name == "Analysts").unwrap();
        let bulk = |dry_run| api::BulkRequest {
            changes: vec![
                api::BulkChange {
                    group: counted.id,
                    add: ids[..30]
                        .iter()
                        .copied()
                        .map(api::MemberAdd::from)
                        .collect(),
                    remove: ids[50..55].to_vec(),
                },
                api::BulkChange {
                    group: other.id,
                    add: ids[40..45]
                        .iter()
                        .copied()
                        .map(api::MemberAdd::from)
                        .collect(),
                    remove: ids[..20].to_vec(),
                },
            ],
            dry_run,
        };
        admin
            .bulk_groups(&org, &bulk(true))
            .await
            .expect("previewed");
        assert_eq!(kept(&ts, counted.id).await, 3);
        admin
            .bulk_groups(&org, &bulk(false))
            .await
            .expect("applied");
        assert_eq!(kept(&ts, counted.id).await, 30);
        assert_eq!(disagreeing(&ts).await, vec![], "after the bulk change");
        let page = admin
            .members(
                &org,
                &api::MemberQuery {
                    group: Some(counted.id),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!((page.total, page.total_is_estimate), (30, true));

        // A member leaving takes their group memberships with them.
        let leaver = ids[25];
        let mut tx = state.db.begin().await.unwrap();
        orgdesk_server::flows::membership::leave(&mut tx, seeded.org_id, leaver, None)
            .await
            .expect("left");
        tx.commit().await.unwrap();
        assert_eq!(kept(&ts, counted.id).await, 29);
        assert_eq!(kept(&ts, user.id).await, SEEDED as i64);
        assert_eq!(disagreeing(&ts).await, vec![], "after a member left");

        // A deleted group leaves no count behind.
        admin.delete_group(&org, counted.id).await.expect("deleted");
        assert_eq!(orphans(&ts).await, 0);
        assert_eq!(disagreeing(&ts).await, vec![], "after the group went");

        // A deleted organization (an unpaid one, expired) takes its groups'
        // counts with it; the other organization's stay.
        let (founder, _) = ts.register("founder@example.com", "Fay Founder").await;
        let unpaid = founder
            .create_org(&org_request("unpaid", &[("crm", "crm-team")]))
            .await
            .expect("created");
        let unpaid_groups: Vec<Uuid> = {
            let mut conn = state.db.pool().acquire().await.unwrap();
            sqlx::query("SELECT id FROM org_groups WHERE org_id = $1")
                .bind(unpaid.id.to_string())
                .fetch_all(&mut *conn)
                .await
                .unwrap()
                .iter()
                .map(|r| r.try_get::<String, _>(0).unwrap().parse().unwrap())
                .collect()
        };
        let mut founders_groups = 0;
        for group in &unpaid_groups {
            founders_groups += kept(&ts, *group).await;
        }
        assert!(founders_groups >= 1, "the founder is in a group");
        let mut tx = state.db.begin().await.unwrap();
        let gone = orgdesk_server::store::orgs::delete_expired_unpaid(&mut tx, i64::MAX)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(gone, 1);
        for group in &unpaid_groups {
            assert_eq!(kept(&ts, *group).await, 0);
        }
        assert_eq!(orphans(&ts).await, 0);
        assert_eq!(kept(&ts, user.id).await, SEEDED as i64);
        assert_eq!(
            disagreeing(&ts).await,
            vec![],
            "after the organization went"
        );
    }
);
