#[allow(unused_imports)]
use super::*;

both!(last_admin_on_every_path, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let admin_id = admin.me().await.unwrap().id;
    let (worker_client, worker) = ts
        .member(&admin, &org, "wes@example.com", "Wes Worker")
        .await;
    let last = (409, "last_admin".to_string());
    let admin_group = group_named(&admin, &org, "Admin").await;
    let sales = group_named(&admin, &org, "Sales Team").await;

    // The sole admin leaving Admin.
    assert_eq!(
        failure(
            admin
                .remove_group_members(&oid(&org), admin_group.id, &accounts(&[admin_id]))
                .await
        ),
        last
    );
    assert_eq!(
        members_of(&admin, &org, admin_group.id).await,
        BTreeSet::from([admin_id])
    );

    // Taking org.groups.manage away from Admin while it is the only source.
    let without_manage: Vec<&str> = admin_group
        .permissions
        .iter()
        .map(String::as_str)
        .filter(|p| *p != "org.groups.manage")
        .collect();
    assert_eq!(
        failure(
            admin
                .update_group(
                    &oid(&org),
                    admin_group.id,
                    &permissions_patch(&without_manage),
                    Some(admin_group.version)
                )
                .await
        ),
        last
    );
    assert_eq!(group_by_id(&admin, &org, admin_group.id).await, admin_group);

    // A bulk whose last change removes the last holder: nothing applied.
    for dry_run in [true, false] {
        assert_eq!(
            failure(
                admin
                    .bulk_groups(
                        &oid(&org),
                        &api::BulkRequest {
                            changes: vec![
                                change(sales.id, &[worker.id], &[]),
                                change(admin_group.id, &[], &[admin_id]),
                            ],
                            dry_run,
                        }
                    )
                    .await
            ),
            last,
            "dry_run {dry_run}"
        );
    }
    assert!(members_of(&admin, &org, sales.id).await.is_empty());
    assert_eq!(group_by_id(&admin, &org, sales.id).await.member_count, 0);
    assert_eq!(
        members_of(&admin, &org, admin_group.id).await,
        BTreeSet::from([admin_id])
    );

    // A suspended holder does not count.
    admin
        .add_group_members(&oid(&org), admin_group.id, &accounts(&[worker.id]))
        .await
        .unwrap();
    set_status(&ts, org.id, worker.id, "suspended").await;
    assert_eq!(
        failure(
            admin
                .remove_group_members(&oid(&org), admin_group.id, &accounts(&[admin_id]))
                .await
        ),
        last,
        "a suspended admin cannot manage groups"
    );
    set_status(&ts, org.id, worker.id, "active").await;
    admin
        .remove_group_members(&oid(&org), admin_group.id, &accounts(&[worker.id]))
        .await
        .unwrap();

    // Deleting the custom group that is the only source of org.groups.manage.
    let owners = admin
        .create_group(
            &oid(&org),
            &new_group(
                "Owners",
                &["org.groups.manage", "org.groups.read", "org.members.read"],
            ),
        )
        .await
        .unwrap();
    admin
        .add_group_members(&oid(&org), owners.id, &accounts(&[admin_id]))
        .await
        .unwrap();
    let diff = admin
        .remove_group_members(&oid(&org), admin_group.id, &accounts(&[admin_id]))
        .await
        .unwrap();
    assert_eq!(
        diff.removed,
        vec![api::GroupMembership {
            group: admin_group.id,
            account: admin_id
        }]
    );
    assert_eq!(
        my_keys(&admin, &org).await,
        set(&["org.groups.manage", "org.groups.read", "org.members.read"])
    );
    assert!(members_of(&admin, &org, admin_group.id).await.is_empty());
    assert_eq!(
        failure(admin.delete_group(&oid(&org), owners.id).await),
        last
    );
    let owners_now = group_by_id(&admin, &org, owners.id).await;
    assert_eq!(owners_now.member_count, 1);
    assert_eq!(set(&owners_now.permissions), set(&owners.permissions));
    // Nor can Owners lose org.groups.manage.
    assert_eq!(
        failure(
            admin
                .update_group(
                    &oid(&org),
                    owners.id,
                    &permissions_patch(&["org.groups.read", "org.members.read"]),
                    None
                )
                .await
        ),
        last
    );
    assert_eq!(group_by_id(&admin, &org, owners.id).await, owners_now);

    // With a second holder present, the first can go.
    admin
        .add_group_members(&oid(&org), owners.id, &accounts(&[worker.id]))
        .await
        .unwrap();
    admin
        .remove_group_members(&oid(&org), owners.id, &accounts(&[admin_id]))
        .await
        .unwrap();
    assert!(my_keys(&admin, &org).await.is_empty());
    assert_eq!(
        members_of(&worker_client, &org, owners.id).await,
        BTreeSet::from([worker.id])
    );
    assert_eq!(
        failure(
            worker_client
                .remove_group_members(&oid(&org), owners.id, &accounts(&[worker.id]))
                .await
        ),
        last
    );
});

both!(second_admin_lets_the_first_leave, |ts| {
    let (first, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let first_id = first.me().await.unwrap().id;
    let (second, second_profile) = ts.member(&first, &org, "bo@example.com", "Bo Second").await;
    let admin_group = group_named(&first, &org, "Admin").await;
    let diff = first
        .add_group_members(&oid(&org), admin_group.id, &accounts(&[second_profile.id]))
        .await
        .unwrap();
    assert_eq!(diff.added.len(), 1);

    let diff = first
        .remove_group_members(&oid(&org), admin_group.id, &accounts(&[first_id]))
        .await
        .unwrap();
    assert_eq!(
        diff.removed,
        vec![api::GroupMembership {
            group: admin_group.id,
            account: first_id
        }]
    );
    // The change takes effect at once: the first admin holds nothing now.
    assert!(my_keys(&first, &org).await.is_empty());
    assert_eq!(
        failure(first.groups(&oid(&org)).await),
        (403, "forbidden".to_string())
    );
    assert_eq!(
        members_of(&second, &org, admin_group.id).await,
        BTreeSet::from([second_profile.id])
    );
    // Now the second is the last one.
    assert_eq!(
        failure(
            second
                .remove_group_members(&oid(&org), admin_group.id, &accounts(&[second_profile.id]))
                .await
        ),
        (409, "last_admin".to_string())
    );
    assert_eq!(
        group_by_id(&second, &org, admin_group.id)
            .await
            .member_count,
        1
    );
});

both!(group_members_add_remove_and_page, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let admin_id = admin.me().await.unwrap().id;
    let mut ids = Vec::new();
    for i in 0..4 {
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
    let group = admin
        .create_group(&oid(&org), &new_group("Project X", &["org.members.read"]))
        .await
        .unwrap();
    let m = |a: Uuid| api::GroupMembership {
        group: group.id,
        account: a,
    };

    let diff = admin
        .add_group_members(&oid(&org), group.id, &accounts(&[ids[0], ids[1]]))
        .await
        .unwrap();
    assert_eq!(set_of(&diff.added), BTreeSet::from([m(ids[0]), m(ids[1])]));
    assert!(diff.removed.is_empty());
    assert_eq!(diff.unchanged, 0);

    let diff = admin
        .add_group_members(&oid(&org), group.id, &accounts(&[ids[0], ids[2]]))
        .await
        .unwrap();
    assert_eq!(diff.added, vec![m(ids[2])]);
    assert_eq!(diff.unchanged, 1);

    let diff = admin
        .add_group_members(&oid(&org), group.id, &accounts(&[ids[2]]))
        .await
        .unwrap();
    assert!(diff.added.is_empty() && diff.removed.is_empty());
    assert_eq!(diff.unchanged, 1, "adding twice changes nothing");
    assert_eq!(group_by_id(&admin, &org, group.id).await.member_count, 3);
    assert_eq!(
        group_by_id(&admin, &org, group.id).await.version,
        group.version,
        "membership is not part of the group's version"
    );
    let member = admin.member(&oid(&org), ids[0]).await.unwrap();
    assert!(
        member
            .groups
            .iter()
            .any(|g| g.id == group.id && g.name == "Project X")
    );

    let diff = admin
        .remove_group_members(&oid(&org), group.id, &accounts(&[ids[0], ids[3]]))
        .await
        .unwrap();
    assert_eq!(diff.removed, vec![m(ids[0])]);
    assert!(diff.added.is_empty());
    assert_eq!(diff.unchanged, 1, "removing someone not in the group");
    assert_eq!(group_by_id(&admin, &org, group.id).await.member_count, 2);
    assert_eq!(
        members_of(&admin, &org, group.id).await,
        BTreeSet::from([ids[1], ids[2]])
    );

    // Accounts that are not members of the organization.
    let (_, outsider) = ts.register("out@example.com", "Olive Outsider").await;
    for bad in [outsider.id, Uuid::new_v4()] {
        let result = admin
            .add_group_members(&oid(&org), group.id, &accounts(&[ids[3], bad]))
            .await;
        let codes = field_codes(
            admin
                .add_group_members(&oid(&org), group.id, &accounts(&[bad]))
                .await,
        );
        assert_eq!(failure(result).0, 422);
        assert_eq!(codes, vec!["not_a_member".to_string()]);
        assert_eq!(
            failure(
                admin
                    .remove_group_members(&oid(&org), group.id, &accounts(&[ids[1], bad]))
                    .await
            )
            .0,
            422
        );
    }
    assert_eq!(
        members_of(&admin, &org, group.id).await,
        BTreeSet::from([ids[1], ids[2]]),
        "the valid half of a refused request is not applied"
    );
    assert_eq!(group_by_id(&admin, &org, group.id).await.member_count, 2);

    // An unknown group.
    assert_eq!(
        failure(
            admin
                .add_group_members(&oid(&org), Uuid::new_v4(), &accounts(&[ids[0]]))
                .await
        ),
        (404, "not_found".to_string())
    );

    // Paging: 5 members, 2 per page.
    admin
        .add_group_members(&oid(&org), group.id, &accounts(&[admin_id, ids[0], ids[3]]))
        .await
        .unwrap();
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = admin
            .group_members(&oid(&org), group.id, Some(2), cursor.as_deref())
            .await
            .unwrap();
        pages += 1;
        assert_eq!(page.total, 5);
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|m| m.id));
        for item in &page.items {
            assert!(item.groups.iter().any(|g| g.id == group.id));
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
        assert!(pages < 10, "the cursor must advance");
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 5, "no member twice: {seen:?}");
    assert_eq!(
        seen.iter().copied().collect::<BTreeSet<_>>(),
        BTreeSet::from([admin_id, ids[0], ids[1], ids[2], ids[3]])
    );
    for limit in [0, 501] {
        assert_eq!(
            failure(
                admin
                    .group_members(&oid(&org), group.id, Some(limit), None)
                    .await
            )
            .0,
            422,
            "limit {limit}"
        );
    }
    assert_eq!(
        failure(
            admin
                .group_members(&oid(&org), group.id, Some(2), Some("not-a-cursor"))
                .await
        )
        .0,
        400
    );
    // Only the group's members, not everyone's.
    let user = group_named(&admin, &org, "User").await;
    assert_eq!(
        members_of(&admin, &org, user.id).await,
        ids.iter().copied().collect::<BTreeSet<_>>()
    );
});

fn set_of(items: &[api::GroupMembership]) -> BTreeSet<api::GroupMembership> {
    items.iter().cloned().collect()
}

both!(bulk_changes_are_all_or_nothing, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let (member, _) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let (_, p) = ts
            .member(
                &admin,
                &org,
                &format!("b{i}@example.com"),
                &format!("Bulk {i}"),
            )
            .await;
        ids.push(p.id);
    }
    let g1 = admin
        .create_group(&oid(&org), &new_group("One", &["org.members.read"]))
        .await
        .unwrap();
    let g2 = admin
        .create_group(&oid(&org), &new_group("Two", &["crm.contacts.read"]))
        .await
        .unwrap();
    let sales = group_named(&admin, &org, "Sales Team").await;
    admin
        .add_group_members(&oid(&org), g1.id, &accounts(&[ids[0]]))
        .await
        .unwrap();

    let request = api::BulkRequest {
        changes: vec![
            change(g1.id, &[ids[1]], &[ids[0]]),
            change(g2.id, &[ids[0], ids[2]], &[]),
            change(sales.id, &[ids[2]], &[ids[1]]),
        ],
        dry_run: true,
    };
    let expected_added = BTreeSet::from([
        api::GroupMembership {
            group: g1.id,
            account: ids[1],
        },
        api::GroupMembership {
            group: g2.id,
            account: ids[0],
        },
        api::GroupMembership {
            group: g2.id,
            account: ids[2],
        },
        api::GroupMembership {
            group: sales.id,
            account: ids[2],
        },
    ]);
    let expected_removed = BTreeSet::from([api::GroupMembership {
        group: g1.id,
        account: ids[0],
    }]);

    let groups_before = admin.groups(&oid(&org)).await.unwrap();
    let dry = admin.bulk_groups(&oid(&org), &request).await.unwrap();
    assert!(dry.dry_run);
    assert_eq!(set_of(&dry.diff.added), expected_added);
    assert_eq!(set_of(&dry.diff.removed), expected_removed);
    assert_eq!(dry.diff.unchanged, 1, "removing ids[1] from Sales Team");
    // The dry run changed nothing.
    assert_eq!(admin.groups(&oid(&org)).await.unwrap(), groups_before);
    assert_eq!(
        members_of(&admin, &org, g1.id).await,
        BTreeSet::from([ids[0]])
    );
    assert!(members_of(&admin, &org, g2.id).await.is_empty());
    assert!(members_of(&admin, &org, sales.id).await.is_empty());

    // The real run applies all of it.
    let real = admin
        .bulk_groups(
            &oid(&org),
            &api::BulkRequest {
                dry_run: false,
                ..request.clone()
            },
        )
        .await
        .unwrap();
    assert!(!real.dry_run);
    assert_eq!(set_of(&real.diff.added), expected_added);
    assert_eq!(set_of(&real.diff.removed), expected_removed);
    assert_eq!(
        members_of(&admin, &org, g1.id).await,
        BTreeSet::from([ids[1]])
    );
    assert_eq!(
        members_of(&admin, &org, g2.id).await,
        BTreeSet::from([ids[0], ids[2]])
    );
    assert_eq!(
        members_of(&admin, &org, sales.id).await,
        BTreeSet::from([ids[2]])
    );
    assert_eq!(group_by_id(&admin, &org, g2.id).await.member_count, 2);
    // Repeating it changes nothing more.
    let again = admin
        .bulk_groups(
            &oid(&org),
            &api::BulkRequest {
                dry_run: false,
                ..request.clone()
            },
        )
        .await
        .unwrap();
    assert!(again.diff.added.is_empty());
    // ids[0] is no longer in g1, so removing them there is unchanged too.
    assert!(again.diff.removed.is_empty());
    assert_eq!(again.diff.unchanged, 6);

    let snapshot = admin.groups(&oid(&org)).await.unwrap();
    let snapshot_members = (
        members_of(&admin, &org, g1.id).await,
        members_of(&admin, &org, g2.id).await,
        members_of(&admin, &org, sales.id).await,
    );

    // One unknown group id (random, or another organization's): 404, nothing applied.
    let (other_admin, other_org) = ts.org_admin("zed@example.com", "other", CRM).await;
    let foreign = group_named(&other_admin, &other_org, "Sales Team").await;
    for bad in [Uuid::new_v4(), foreign.id] {
        assert_eq!(
            failure(
                admin
                    .bulk_groups(
                        &oid(&org),
                        &api::BulkRequest {
                            changes: vec![
                                change(g1.id, &[ids[2]], &[ids[1]]),
                                change(bad, &[ids[0]], &[]),
                            ],
                            dry_run: false,
                        }
                    )
                    .await
            ),
            (404, "not_found".to_string())
        );
    }
    assert!(
        members_of(&other_admin, &other_org, foreign.id)
            .await
            .is_empty()
    );

    // The same account added and removed for one group; or added twice.
    for conflicting in [
        change(g1.id, &[ids[0]], &[ids[0]]),
        change(g1.id, &[ids[0], ids[0]], &[]),
    ] {
        assert_eq!(
            failure(
                admin
                    .bulk_groups(
                        &oid(&org),
                        &api::BulkRequest {
                            changes: vec![change(g2.id, &[], &[ids[2]]), conflicting],
                            dry_run: false,
                        }
                    )
                    .await
            )
            .0,
            422
        );
    }
    // The same account may appear for two different groups.
    let ok = admin
        .bulk_groups(
            &oid(&org),
            &api::BulkRequest {
                changes: vec![change(g1.id, &[ids[1]], &[]), change(g2.id, &[ids[1]], &[])],
                dry_run: true,
            },
        )
        .await
        .unwrap();
    assert_eq!(ok.diff.added.len(), 1);
    assert_eq!(ok.diff.unchanged, 1);

    // More than 20000 changes.
    let many: Vec<Uuid> = (0..20_001).map(|_| Uuid::new_v4()).collect();
    assert_eq!(
        failure(
            admin
                .bulk_groups(
                    &oid(&org),
                    &api::BulkRequest {
                        changes: vec![
                            change(g1.id, &many[..10_001], &[]),
                            change(g2.id, &[], &many[10_001..])
                        ],
                        dry_run: true,
                    }
                )
                .await
        ),
        (422, "too_many_changes".to_string())
    );
    assert_eq!(
        failure(
            admin
                .bulk_groups(
                    &oid(&org),
                    &api::BulkRequest {
                        changes: vec![change(g1.id, &many, &[])],
                        dry_run: false,
                    }
                )
                .await
        ),
        (422, "too_many_changes".to_string())
    );
    // 20000 is within the limit (these ones fail as non-members instead).
    let (status, code) = failure(
        admin
            .bulk_groups(
                &oid(&org),
                &api::BulkRequest {
                    changes: vec![change(g1.id, &many[..20_000], &[])],
                    dry_run: false,
                },
            )
            .await,
    );
    assert_eq!(status, 422);
    assert_ne!(code, "too_many_changes");

    // Without org.groups.manage.
    assert_eq!(
        failure(
            member
                .bulk_groups(
                    &oid(&org),
                    &api::BulkRequest {
                        changes: vec![change(g1.id, &[ids[0]], &[])],
                        dry_run: true,
                    }
                )
                .await
        ),
        (403, "forbidden".to_string())
    );

    // None of the refused bulks changed anything.
    assert_eq!(admin.groups(&oid(&org)).await.unwrap(), snapshot);
    assert_eq!(
        (
            members_of(&admin, &org, g1.id).await,
            members_of(&admin, &org, g2.id).await,
            members_of(&admin, &org, sales.id).await,
        ),
        snapshot_members
    );
});
