//! The permission impact of bulk membership changes: who gains and who loses
//! which permissions, the same in a dry run as in the real run, checked
//! against each member's permissions before and after.

use std::collections::BTreeMap;

use super::*;

/// A member's effective permissions as the server reports them.
async fn effective(client: &Client, org: &api::Organization, account: Uuid) -> BTreeSet<String> {
    client
        .member_permissions(&oid(org), account)
        .await
        .expect("member permissions")
        .into_iter()
        .map(|p| p.permission)
        .collect()
}

/// Each account's (gained, lost) from a bulk answer.
fn impact_of(result: &api::BulkResult) -> BTreeMap<Uuid, (BTreeSet<String>, BTreeSet<String>)> {
    result
        .impact
        .iter()
        .map(|i| (i.account, (set(&i.gained), set(&i.lost))))
        .collect()
}

fn bulk(changes: Vec<api::BulkChange>, dry_run: bool) -> api::BulkRequest {
    api::BulkRequest { changes, dry_run }
}

/// A CRM organization, a "Deal Desk" group and `n` members in User.
async fn setup(ts: &TestServer, n: usize) -> (Client, api::Organization, api::Group, Vec<Uuid>) {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let mut ids = Vec::new();
    for i in 0..n {
        let (_, p) = ts
            .member(
                &admin,
                &org,
                &format!("m{i}@example.com"),
                &format!("Member {i}"),
            )
            .await;
        ids.push(p.id);
    }
    let desk = admin
        .create_group(
            &oid(&org),
            &new_group(
                "Deal Desk",
                &["crm.deals.read", "crm.deals.write", "crm.reports.read"],
            ),
        )
        .await
        .unwrap();
    (admin, org, desk, ids)
}

both!(dry_run_impact_equals_the_real_run, |ts| {
    let (admin, org, desk, ids) = setup(&ts, 3).await;
    let sales = group_named(&admin, &org, "Sales Team").await;
    admin
        .add_group_members(&oid(&org), sales.id, &accounts(&[ids[2]]))
        .await
        .unwrap();
    let request = |dry_run| {
        bulk(
            vec![
                change(desk.id, &[ids[0], ids[1]], &[]),
                change(sales.id, &[], &[ids[2]]),
            ],
            dry_run,
        )
    };
    let mut before = BTreeMap::new();
    for id in &ids {
        before.insert(*id, effective(&admin, &org, *id).await);
    }

    let dry = admin.bulk_groups(&oid(&org), &request(true)).await.unwrap();
    // User grants crm.deals.read already: only write and reports are new.
    let gained = set(&["crm.deals.write", "crm.reports.read"]);
    let expected = BTreeMap::from([
        (ids[0], (gained.clone(), BTreeSet::new())),
        (ids[1], (gained.clone(), BTreeSet::new())),
        (ids[2], (BTreeSet::new(), set(&["crm.deals.write"]))),
    ]);
    assert_eq!(impact_of(&dry), expected);
    assert!(dry.impact.iter().all(|i| !i.suspended));
    // Permissions are listed in catalogue order, as everywhere else.
    assert_eq!(
        dry.impact
            .iter()
            .find(|i| i.account == ids[0])
            .unwrap()
            .gained,
        strings(&["crm.deals.write", "crm.reports.read"])
    );

    let real = admin
        .bulk_groups(&oid(&org), &request(false))
        .await
        .unwrap();
    assert!(!real.dry_run);
    assert_eq!(real.impact, dry.impact, "the dry run foretold the real run");
    assert_eq!(real.diff, dry.diff);

    // The impact is exactly the difference of each member's permissions.
    for id in &ids {
        let after = effective(&admin, &org, *id).await;
        let gained: BTreeSet<String> = after.difference(&before[id]).cloned().collect();
        let lost: BTreeSet<String> = before[id].difference(&after).cloned().collect();
        assert_eq!(expected[id], (gained, lost), "member {id}");
    }

    // The undo (the inverse change set) foretells and does the inverse impact.
    let undo = |dry_run| {
        bulk(
            vec![
                change(desk.id, &[], &[ids[0], ids[1]]),
                change(sales.id, &[ids[2]], &[]),
            ],
            dry_run,
        )
    };
    let undo_dry = admin.bulk_groups(&oid(&org), &undo(true)).await.unwrap();
    let undo_real = admin.bulk_groups(&oid(&org), &undo(false)).await.unwrap();
    assert_eq!(undo_dry.impact, undo_real.impact);
    let inverse: BTreeMap<_, _> = expected
        .iter()
        .map(|(id, (gained, lost))| (*id, (lost.clone(), gained.clone())))
        .collect();
    assert_eq!(impact_of(&undo_real), inverse);
    for id in &ids {
        assert_eq!(effective(&admin, &org, *id).await, before[id]);
    }
});

both!(no_impact_when_another_group_grants_it, |ts| {
    let (admin, org, desk, ids) = setup(&ts, 3).await;
    let managers = group_named(&admin, &org, "Sales Managers").await;
    let admins = group_named(&admin, &org, "Admin").await;
    // ids[0] holds everything Deal Desk grants through Sales Managers, ids[1]
    // through Admin; ids[2] gets a group granting nothing.
    admin
        .add_group_members(&oid(&org), managers.id, &accounts(&[ids[0]]))
        .await
        .unwrap();
    admin
        .add_group_members(&oid(&org), admins.id, &accounts(&[ids[1]]))
        .await
        .unwrap();
    let empty = admin
        .create_group(&oid(&org), &new_group("Nothing", &[]))
        .await
        .unwrap();
    for dry_run in [true, false] {
        let result = admin
            .bulk_groups(
                &oid(&org),
                &bulk(
                    vec![
                        change(desk.id, &[ids[0], ids[1]], &[]),
                        change(empty.id, &[ids[2]], &[]),
                    ],
                    dry_run,
                ),
            )
            .await
            .unwrap();
        assert_eq!(result.diff.added.len(), 3, "dry_run {dry_run}");
        assert!(result.impact.is_empty(), "dry_run {dry_run}: {result:?}");
    }
    // Leaving Deal Desk again loses nothing either: the other groups still grant it.
    let result = admin
        .bulk_groups(
            &oid(&org),
            &bulk(vec![change(desk.id, &[], &[ids[0], ids[1]])], false),
        )
        .await
        .unwrap();
    assert_eq!(result.diff.removed.len(), 2);
    assert!(result.impact.is_empty(), "{result:?}");
});

both!(a_removal_loses_only_what_no_other_group_grants, |ts| {
    let (admin, org, desk, ids) = setup(&ts, 2).await;
    let sales = group_named(&admin, &org, "Sales Team").await;
    admin
        .add_group_members(&oid(&org), desk.id, &accounts(&ids))
        .await
        .unwrap();
    admin
        .add_group_members(&oid(&org), sales.id, &accounts(&[ids[1]]))
        .await
        .unwrap();
    let result = admin
        .bulk_groups(&oid(&org), &bulk(vec![change(desk.id, &[], &ids)], false))
        .await
        .unwrap();
    assert_eq!(
        impact_of(&result),
        BTreeMap::from([
            // User keeps crm.deals.read for both.
            (
                ids[0],
                (
                    BTreeSet::new(),
                    set(&["crm.deals.write", "crm.reports.read"])
                )
            ),
            // Sales Team keeps crm.deals.write for ids[1].
            (ids[1], (BTreeSet::new(), set(&["crm.reports.read"]))),
        ])
    );
    assert!(
        !effective(&admin, &org, ids[0])
            .await
            .contains("crm.deals.write")
    );
    assert!(
        effective(&admin, &org, ids[1])
            .await
            .contains("crm.deals.write")
    );
});

both!(suspended_members_are_marked, |ts| {
    let (admin, org, desk, ids) = setup(&ts, 2).await;
    admin.suspend_member(&oid(&org), ids[1]).await.unwrap();
    let result = admin
        .bulk_groups(&oid(&org), &bulk(vec![change(desk.id, &ids, &[])], true))
        .await
        .unwrap();
    let flags: BTreeMap<Uuid, bool> = result
        .impact
        .iter()
        .map(|i| (i.account, i.suspended))
        .collect();
    assert_eq!(flags, BTreeMap::from([(ids[0], false), (ids[1], true)]));
});

both!(escalation_is_still_refused, |ts| {
    let (admin, org, desk, ids) = setup(&ts, 2).await;
    // A member who manages groups but holds none of Deal Desk's write and reports.
    let (manager, profile) = ts
        .member(&admin, &org, "gm@example.com", "Gil Manager")
        .await;
    let managers = admin
        .create_group(
            &oid(&org),
            &new_group(
                "Group Managers",
                &["org.groups.manage", "org.groups.read", "org.members.read"],
            ),
        )
        .await
        .unwrap();
    admin
        .add_group_members(&oid(&org), managers.id, &accounts(&[profile.id]))
        .await
        .unwrap();
    for dry_run in [true, false] {
        let err = manager
            .bulk_groups(&oid(&org), &bulk(vec![change(desk.id, &ids, &[])], dry_run))
            .await
            .expect_err("escalation");
        assert_eq!(err.status(), Some(403));
        assert_eq!(err.code(), Some("permission_escalation"));
        let detail = err.problem().and_then(|p| p.detail.clone()).unwrap();
        assert!(
            detail.contains("Deal Desk") && detail.contains("crm.deals.write"),
            "the refusal names the group and what is missing: {detail}"
        );
    }
    assert!(members_of(&admin, &org, desk.id).await.is_empty());
    // A group granting only what the manager holds is theirs to fill.
    let readers = admin
        .create_group(&oid(&org), &new_group("Readers", &["org.members.read"]))
        .await
        .unwrap();
    let result = manager
        .bulk_groups(
            &oid(&org),
            &bulk(vec![change(readers.id, &ids, &[])], false),
        )
        .await
        .unwrap();
    assert_eq!(result.diff.added.len(), 2);
    // User grants org.members.read already.
    assert!(result.impact.is_empty());
});

both!(cross_tenant_ids_are_refused, |ts| {
    let (admin, org, desk, ids) = setup(&ts, 1).await;
    let (other_admin, other_org) = ts.org_admin("zed@example.com", "other", CRM).await;
    let foreign_group = group_named(&other_admin, &other_org, "Sales Team").await;
    let (_, foreign_member) = ts
        .member(&other_admin, &other_org, "oz@example.com", "Oz Other")
        .await;
    for dry_run in [true, false] {
        // Another organization's group does not exist here.
        let err = admin
            .bulk_groups(
                &oid(&org),
                &bulk(
                    vec![
                        change(desk.id, &ids, &[]),
                        change(foreign_group.id, &ids, &[]),
                    ],
                    dry_run,
                ),
            )
            .await
            .expect_err("a foreign group");
        assert_eq!((err.status(), err.code()), (Some(404), Some("not_found")));
        // Another organization's member is not a member here.
        let result = admin
            .bulk_groups(
                &oid(&org),
                &bulk(
                    vec![change(desk.id, &[ids[0], foreign_member.id], &[])],
                    dry_run,
                ),
            )
            .await;
        assert_eq!(field_codes(result), vec!["not_a_member".to_string()]);
    }
    assert!(members_of(&admin, &org, desk.id).await.is_empty());
    assert_eq!(
        members_of(&other_admin, &other_org, foreign_group.id).await,
        BTreeSet::new()
    );
});

both!(a_dry_run_changes_nothing, |ts| {
    let (admin, org, desk, ids) = setup(&ts, 3).await;
    let user = group_named(&admin, &org, "User").await;
    let groups_before = admin.groups(&oid(&org)).await.unwrap();
    let members_before = admin
        .members(&oid(&org), &api::MemberQuery::default())
        .await
        .unwrap();
    let audit_before = admin
        .audit_log(&oid(&org), &api::AuditQuery::default())
        .await
        .unwrap()
        .total;
    let result = admin
        .bulk_groups(
            &oid(&org),
            &bulk(
                vec![change(desk.id, &ids, &[]), change(user.id, &[], &[ids[0]])],
                true,
            ),
        )
        .await
        .unwrap();
    assert!(result.dry_run);
    assert_eq!(result.diff.added.len(), 3);
    assert_eq!(result.impact.len(), 3);
    assert_eq!(admin.groups(&oid(&org)).await.unwrap(), groups_before);
    // Not even the members' change times moved.
    assert_eq!(
        admin
            .members(&oid(&org), &api::MemberQuery::default())
            .await
            .unwrap(),
        members_before
    );
    assert_eq!(
        admin
            .audit_log(&oid(&org), &api::AuditQuery::default())
            .await
            .unwrap()
            .total,
        audit_before
    );
});

both!(thousands_of_changes_apply_in_one_request, |ts| {
    let (admin, org, desk, _) = setup(&ts, 0).await;
    let user = group_named(&admin, &org, "User").await;
    // Past the rows of one statement, so the changes span several.
    let ids = orgdesk_server::store::seed::members(
        &ts.server.state.db,
        org.id,
        0,
        2_500,
        &[user.id],
        "x",
    )
    .await
    .expect("seeding");
    let managers = group_named(&admin, &org, "Sales Managers").await;
    admin
        .add_group_members(&oid(&org), managers.id, &accounts(&ids[..100]))
        .await
        .unwrap();
    // ids[0..100] hold all of Deal Desk already; ids[2400..] are in it already.
    admin
        .add_group_members(&oid(&org), desk.id, &accounts(&ids[2_400..]))
        .await
        .unwrap();
    let request = |dry_run| bulk(vec![change(desk.id, &ids, &[])], dry_run);
    let dry = admin.bulk_groups(&oid(&org), &request(true)).await.unwrap();
    let real = admin
        .bulk_groups(&oid(&org), &request(false))
        .await
        .unwrap();
    assert_eq!(dry.impact, real.impact);
    assert_eq!(real.diff.added.len(), 2_400);
    assert_eq!(real.diff.unchanged, 100);
    assert_eq!(real.impact.len(), 2_300);
    let gained = strings(&["crm.deals.write", "crm.reports.read"]);
    assert!(
        real.impact
            .iter()
            .all(|i| i.gained == gained && i.lost.is_empty())
    );
    assert_eq!(
        real.diff
            .added
            .iter()
            .map(|m| m.account)
            .collect::<Vec<_>>(),
        ids[..2_400].to_vec(),
        "in the order asked"
    );
    assert_eq!(group_by_id(&admin, &org, desk.id).await.member_count, 2_500);
    // And all of them out again.
    let out = admin
        .bulk_groups(&oid(&org), &bulk(vec![change(desk.id, &[], &ids)], false))
        .await
        .unwrap();
    assert_eq!(out.diff.removed.len(), 2_500);
    assert_eq!(
        out.impact.len(),
        2_400,
        "Sales Managers keeps ids[..100] whole"
    );
    assert_eq!(group_by_id(&admin, &org, desk.id).await.member_count, 0);
});

both!(the_openapi_document_describes_the_impact, |ts| {
    let doc = ts.client().openapi().await.unwrap();
    let schemas = &doc["components"]["schemas"];
    assert!(
        schemas["BulkResult"].to_string().contains("impact"),
        "{}",
        schemas["BulkResult"]
    );
    let impact = &schemas["PermissionImpact"]["properties"];
    for field in ["account", "gained", "lost", "suspended"] {
        assert!(impact.get(field).is_some(), "{field} in {impact}");
    }
});
