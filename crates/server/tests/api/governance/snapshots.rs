//! Permission snapshots: who held what through which groups, exported as
//! CSV, and compared with a later snapshot or with now.

use super::*;
use crate::both;

fn keys(changes: &[api::PermissionChange]) -> Vec<(String, Vec<String>)> {
    changes
        .iter()
        .map(|c| {
            (
                c.permission.clone(),
                c.groups.iter().map(|g| g.name.clone()).collect(),
            )
        })
        .collect()
}

both!(a_snapshot_diff_after_a_bulk_edit, |ts| {
    let (admin, org) = ts.org_admin("ada@snap.example", "snap", CRM).await;
    let (bob, bob_profile) = ts.member(&admin, &org, "bob@snap.example", "Bob").await;
    // A name a spreadsheet would run as a formula.
    let (_, carol) = ts
        .member(&admin, &org, "carol@snap.example", "=HYPERLINK(\"x\")")
        .await;
    let sales = custom_group(
        &admin,
        &org,
        "Sales",
        &["crm.deals.write", "crm.reports.read"],
    )
    .await;
    let finance = custom_group(
        &admin,
        &org,
        "Finance",
        &["crm.reports.read", "crm.settings.manage"],
    )
    .await;
    admin
        .add_group_members(&oid(&org), finance.id, &accounts(&[carol.id]))
        .await
        .unwrap();

    // Attacks first: a member without org.reviews.manage, another tenant.
    assert_eq!(
        failure(
            bob.take_permission_snapshot(&oid(&org), &api::CreateSnapshot::default())
                .await
        ),
        (403, "forbidden".into())
    );
    let first = admin
        .take_permission_snapshot(
            &oid(&org),
            &api::CreateSnapshot {
                name: Some("Before the reorganization".into()),
            },
        )
        .await
        .expect("snapshot");
    assert_eq!(first.name.as_deref(), Some("Before the reorganization"));
    assert_eq!(first.members, 3, "Ada, Bob and Carol hold something");
    assert_eq!(
        failure(bob.permission_snapshot(&oid(&org), first.id).await).0,
        403
    );
    assert_eq!(
        failure(
            bob.permission_snapshot_diff(&oid(&org), first.id, None)
                .await
        )
        .0,
        403
    );
    let (eve, eve_org) = ts.org_admin("eve@other.example", "snap-other", CRM).await;
    assert_eq!(
        failure(eve.permission_snapshot(&oid(&eve_org), first.id).await).0,
        404
    );
    assert_eq!(
        failure(eve.permission_snapshot_csv(&oid(&eve_org), first.id).await).0,
        404
    );
    assert_eq!(
        failure(
            eve.permission_snapshot_diff(&oid(&eve_org), first.id, None)
                .await
        )
        .0,
        404
    );
    let theirs = eve
        .take_permission_snapshot(&oid(&eve_org), &api::CreateSnapshot::default())
        .await
        .unwrap();
    assert_eq!(
        failure(
            admin
                .permission_snapshot_diff(&oid(&org), first.id, Some(theirs.id))
                .await
        )
        .0,
        404,
        "a diff against another tenant's snapshot"
    );

    // The bulk edit: Bob into Sales, Carol out of Finance.
    admin
        .bulk_groups(
            &oid(&org),
            &api::BulkRequest {
                changes: vec![
                    api::BulkChange {
                        group: sales.id,
                        add: vec![bob_profile.id.into()],
                        remove: vec![],
                    },
                    api::BulkChange {
                        group: finance.id,
                        add: vec![],
                        remove: vec![carol.id],
                    },
                ],
                dry_run: false,
            },
        )
        .await
        .expect("bulk edit");
    let second = admin
        .take_permission_snapshot(&oid(&org), &api::CreateSnapshot::default())
        .await
        .unwrap();

    for diff in [
        admin
            .permission_snapshot_diff(&oid(&org), first.id, Some(second.id))
            .await
            .unwrap(),
        admin
            .permission_snapshot_diff(&oid(&org), first.id, None)
            .await
            .unwrap(),
    ] {
        assert_eq!(diff.from, first.id);
        let who: Vec<Uuid> = diff.members.iter().map(|m| m.account).collect();
        assert_eq!(
            who,
            vec![bob_profile.id, carol.id],
            "by email; Ada unchanged"
        );
        let bob_diff = &diff.members[0];
        assert_eq!(
            keys(&bob_diff.gained),
            vec![
                ("crm.deals.write".into(), vec!["Sales".into()]),
                ("crm.reports.read".into(), vec!["Sales".into()]),
            ]
        );
        assert!(bob_diff.lost.is_empty());
        let carol_diff = &diff.members[1];
        assert!(carol_diff.gained.is_empty());
        assert_eq!(
            keys(&carol_diff.lost),
            vec![
                ("crm.reports.read".into(), vec!["Finance".into()]),
                ("crm.settings.manage".into(), vec!["Finance".into()]),
            ]
        );
    }
    assert!(
        admin
            .permission_snapshot_diff(&oid(&org), second.id, None)
            .await
            .unwrap()
            .members
            .is_empty(),
        "nothing changed since the second"
    );

    // The record as JSON and as CSV, formulas defused.
    let detail = admin
        .permission_snapshot(&oid(&org), first.id)
        .await
        .unwrap();
    assert_eq!(detail.snapshot, first);
    let carol_reports = detail
        .holdings
        .iter()
        .find(|g| g.account == carol.id && g.permission == "crm.reports.read")
        .expect("Carol held reports");
    assert_eq!(carol_reports.granted_by[0].id, finance.id);
    let csv = String::from_utf8(
        admin
            .permission_snapshot_csv(&oid(&org), first.id)
            .await
            .unwrap(),
    )
    .unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("account_id,email,name,permission,granted_by")
    );
    assert!(csv.contains(&format!(
        "{},carol@snap.example,\"'=HYPERLINK(\"\"x\"\")\",crm.reports.read,Finance",
        carol.id
    )));
    assert_eq!(csv.lines().count() as u64, first.grants + 1);
    let listed = admin
        .permission_snapshots(&oid(&org), None, None)
        .await
        .unwrap();
    assert_eq!(listed.total, 2);
    assert_eq!(listed.items[0].id, second.id, "newest first");
    assert_eq!(
        audited(
            &admin,
            &org,
            api::actions::SNAPSHOT_CREATE,
            Some(first.id.to_string())
        )
        .await
        .len(),
        1
    );
});

both!(an_expired_membership_is_not_in_a_snapshot, |ts| {
    let (admin, org) = ts.org_admin("ada@snapexp.example", "snapexp", CRM).await;
    let (_, bob) = ts.member(&admin, &org, "bob@snapexp.example", "Bob").await;
    let reports = custom_group(&admin, &org, "Reports", &["crm.reports.read"]).await;
    admin
        .add_group_members_until(
            &oid(&org),
            reports.id,
            &api::AddMembers {
                accounts: vec![bob.id],
                expires_at: Some(now() + time::Duration::hours(1)),
            },
        )
        .await
        .unwrap();
    let before = admin
        .take_permission_snapshot(&oid(&org), &api::CreateSnapshot::default())
        .await
        .unwrap();
    // The hour passes (set with SQL: the API refuses ends in the past).
    sqlx::query("UPDATE group_members SET expires_at = $1 WHERE account_id = $2 AND group_id = $3")
        .bind(ms(now()) - 1)
        .bind(bob.id.to_string())
        .bind(reports.id.to_string())
        .execute(ts.server.state.db.pool())
        .await
        .unwrap();
    let diff = admin
        .permission_snapshot_diff(&oid(&org), before.id, None)
        .await
        .unwrap();
    assert_eq!(diff.members.len(), 1);
    assert_eq!(
        keys(&diff.members[0].lost),
        vec![("crm.reports.read".into(), vec!["Reports".into()])]
    );
});
