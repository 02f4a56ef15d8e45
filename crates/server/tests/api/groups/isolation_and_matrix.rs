#[allow(unused_imports)]
use super::*;

both!(tenant_isolation, |ts| {
    let (a, org_a) = ts.org_admin("ada@example.com", "alpha", CRM).await;
    let (b, org_b) = ts.org_admin("bob@example.com", "beta", CRM).await;
    let (_, b_member) = ts.member(&b, &org_b, "bea@example.com", "Bea Beta").await;
    let (_, a_member) = ts.member(&a, &org_a, "al@example.com", "Al Alpha").await;
    let b_custom = b
        .create_group(&oid(&org_b), &new_group("Beta Crew", &["org.members.read"]))
        .await
        .unwrap();
    let b_admin_group = group_named(&b, &org_b, "Admin").await;
    let b_groups_before = b.groups(&oid(&org_b)).await.unwrap();
    let a_sales = group_named(&a, &org_a, "Sales Team").await;
    let not_found = (404, "not_found".to_string());

    // B's group ids through A's own path.
    for id in [b_custom.id, b_admin_group.id] {
        let a_path = oid(&org_a);
        assert_eq!(failure(a.group(&a_path, id).await), not_found);
        assert_eq!(
            failure(
                a.update_group(
                    &a_path,
                    id,
                    &api::UpdateGroup {
                        description: Some("owned".into()),
                        permissions: Some(Vec::new()),
                        ..Default::default()
                    },
                    None
                )
                .await
            ),
            not_found
        );
        assert_eq!(failure(a.delete_group(&a_path, id).await), not_found);
        assert_eq!(
            failure(a.group_members(&a_path, id, None, None).await),
            not_found
        );
        assert_eq!(
            failure(
                a.add_group_members(&a_path, id, &accounts(&[a_member.id]))
                    .await
            ),
            not_found
        );
        assert_eq!(
            failure(
                a.remove_group_members(&a_path, id, &accounts(&[b_member.id]))
                    .await
            ),
            not_found
        );
    }

    // Org B's path: A is not a member, so B does not exist for them.
    for b_path in [oid(&org_b), "beta".to_string()] {
        assert_eq!(failure(a.groups(&b_path).await), not_found);
        assert_eq!(failure(a.org_permissions(&b_path).await), not_found);
        assert_eq!(failure(a.permission_matrix(&b_path).await), not_found);
        assert_eq!(failure(a.group(&b_path, b_custom.id).await), not_found);
        assert_eq!(
            failure(a.create_group(&b_path, &new_group("Intruders", &[])).await),
            not_found
        );
        assert_eq!(
            failure(
                a.update_group(
                    &b_path,
                    b_custom.id,
                    &permissions_patch(&["org.groups.manage"]),
                    None
                )
                .await
            ),
            not_found
        );
        assert_eq!(
            failure(a.delete_group(&b_path, b_custom.id).await),
            not_found
        );
        assert_eq!(
            failure(a.group_members(&b_path, b_admin_group.id, None, None).await),
            not_found
        );
        let a_id = a.me().await.unwrap().id;
        assert_eq!(
            failure(
                a.add_group_members(&b_path, b_admin_group.id, &accounts(&[a_id]))
                    .await
            ),
            not_found
        );
        assert_eq!(
            failure(
                a.bulk_groups(
                    &b_path,
                    &api::BulkRequest {
                        changes: vec![change(b_admin_group.id, &[a_id], &[])],
                        dry_run: false,
                    }
                )
                .await
            ),
            not_found
        );
        assert_eq!(failure(a.my_permissions(&b_path).await), not_found);
        assert_eq!(
            failure(a.member_permissions(&b_path, b_member.id).await),
            not_found
        );
    }
    // A mix of A's and B's group ids in A's bulk: 404.
    assert_eq!(
        failure(
            a.bulk_groups(
                &oid(&org_a),
                &api::BulkRequest {
                    changes: vec![
                        change(a_sales.id, &[a_member.id], &[]),
                        change(b_custom.id, &[a_member.id], &[]),
                    ],
                    dry_run: false,
                }
            )
            .await
        ),
        not_found
    );

    // B's members in A's requests: not members here.
    let result = a
        .bulk_groups(
            &oid(&org_a),
            &api::BulkRequest {
                changes: vec![change(a_sales.id, &[a_member.id, b_member.id], &[])],
                dry_run: false,
            },
        )
        .await;
    assert_eq!(field_codes(result), vec!["not_a_member".to_string()]);
    assert_eq!(
        failure(
            a.add_group_members(&oid(&org_a), a_sales.id, &accounts(&[b_member.id]))
                .await
        )
        .0,
        422
    );
    assert!(members_of(&a, &org_a, a_sales.id).await.is_empty());

    // B's groups are exactly as they were; A's too.
    assert_eq!(b.groups(&oid(&org_b)).await.unwrap(), b_groups_before);
    assert_eq!(
        members_of(&b, &org_b, b_admin_group.id).await.len(),
        1,
        "only B's creator"
    );
    assert!(members_of(&b, &org_b, b_custom.id).await.is_empty());
});

both!(permission_matrix_matches_groups, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM_HELPDESK).await;
    let custom = admin
        .create_group(
            &oid(&org),
            &new_group("Mixed", &["org.audit.read", "helpdesk.tickets.assign"]),
        )
        .await
        .unwrap();
    let permissions = admin.org_permissions(&oid(&org)).await.unwrap();
    let matrix = admin.permission_matrix(&oid(&org)).await.unwrap();
    assert_eq!(
        matrix.permissions, permissions,
        "the columns are GET /permissions"
    );
    let groups = admin.groups(&oid(&org)).await.unwrap();
    assert_eq!(
        matrix.groups.iter().map(|g| g.id).collect::<BTreeSet<_>>(),
        groups.iter().map(|g| g.id).collect::<BTreeSet<_>>()
    );
    let guest_keys = set(&["crm.contacts.read", "helpdesk.tickets.read"]);
    for row in &matrix.groups {
        let group = groups.iter().find(|g| g.id == row.id).unwrap();
        assert_eq!(row.name, group.name);
        assert_eq!(row.builtin, group.builtin);
        assert_eq!(row.product, group.product);
        assert_eq!(row.version, group.version);
        assert_eq!(row.granted.len(), permissions.len(), "{}", row.name);
        for (p, granted) in permissions.iter().zip(&row.granted) {
            assert_eq!(
                *granted,
                group.permissions.contains(&p.key),
                "{} / {}",
                row.name,
                p.key
            );
            match row.name.as_str() {
                "Admin" => assert!(*granted, "Admin / {}", p.key),
                "Guest" => assert_eq!(*granted, guest_keys.contains(&p.key), "Guest / {}", p.key),
                _ => {}
            }
        }
    }
    let row = matrix.groups.iter().find(|g| g.id == custom.id).unwrap();
    assert_eq!(row.granted.iter().filter(|g| **g).count(), 2);

    // After an edit the matrix shows it, with the new version.
    let sales = group_named(&admin, &org, "Sales Team").await;
    let mut wanted = sales.permissions.clone();
    wanted.push("crm.reports.read".into());
    wanted.retain(|p| p != "crm.deals.write");
    let edited = admin
        .update_group(
            &oid(&org),
            sales.id,
            &api::UpdateGroup {
                permissions: Some(wanted.clone()),
                ..Default::default()
            },
            Some(sales.version),
        )
        .await
        .unwrap();
    let after = admin.permission_matrix(&oid(&org)).await.unwrap();
    let row = after.groups.iter().find(|g| g.id == sales.id).unwrap();
    assert_eq!(row.version, edited.version);
    assert_ne!(row.version, sales.version);
    let column = |key: &str| after.permissions.iter().position(|p| p.key == key).unwrap();
    assert!(row.granted[column("crm.reports.read")]);
    assert!(!row.granted[column("crm.deals.write")]);
    assert!(row.granted[column("crm.contacts.read")]);
    assert_eq!(row.granted.iter().filter(|g| **g).count(), wanted.len());
    // Other rows are untouched.
    for before in matrix.groups.iter().filter(|g| g.id != sales.id) {
        assert!(after.groups.contains(before), "{}", before.name);
    }

    // A member with org.groups.read sees the same matrix; the grid needs that permission.
    let (member, _) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    let seen = member.permission_matrix(&oid(&org)).await.unwrap();
    assert_eq!(seen.permissions, after.permissions);
    let guest = group_named(&admin, &org, "Guest").await;
    let (guest_client, guest_profile) = ts
        .member(&admin, &org, "gus@example.com", "Gus Guest")
        .await;
    let user = group_named(&admin, &org, "User").await;
    admin
        .bulk_groups(
            &oid(&org),
            &api::BulkRequest {
                changes: vec![
                    change(user.id, &[], &[guest_profile.id]),
                    change(guest.id, &[guest_profile.id], &[]),
                ],
                dry_run: false,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        failure(guest_client.permission_matrix(&oid(&org)).await),
        (403, "forbidden".to_string())
    );
    assert_eq!(
        failure(guest_client.org_permissions(&oid(&org)).await),
        (403, "forbidden".to_string())
    );
    assert_eq!(my_keys(&guest_client, &org).await, guest_keys);
});

both!(member_permissions_and_immediate_effect, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let (member, profile) = ts
        .member(&admin, &org, "sam@example.com", "Sam Sales")
        .await;
    let user = group_named(&admin, &org, "User").await;
    let sales = group_named(&admin, &org, "Sales Team").await;
    admin
        .add_group_members(&oid(&org), sales.id, &accounts(&[profile.id]))
        .await
        .unwrap();

    let mine = member.my_permissions(&oid(&org)).await.unwrap();
    let theirs = admin
        .member_permissions(&oid(&org), profile.id)
        .await
        .unwrap();
    for list in [&mine, &theirs] {
        let keys: Vec<&str> = list.iter().map(|p| p.permission.as_str()).collect();
        assert_eq!(
            set(&keys),
            set(&[
                "org.members.read",
                "org.groups.read",
                "crm.contacts.read",
                "crm.contacts.write",
                "crm.deals.read",
                "crm.deals.write"
            ])
        );
        assert_eq!(keys.len(), 6, "each permission once");
        let by = |key: &str| {
            list.iter()
                .find(|p| p.permission == key)
                .unwrap()
                .granted_by
                .iter()
                .map(|g| (g.group_id, g.name.clone()))
                .collect::<BTreeSet<_>>()
        };
        let both_groups = BTreeSet::from([
            (user.id, "User".to_string()),
            (sales.id, "Sales Team".to_string()),
        ]);
        let contacts = list
            .iter()
            .find(|p| p.permission == "crm.contacts.read")
            .unwrap();
        assert_eq!(contacts.granted_by.len(), 2);
        assert_eq!(contacts.product, "crm");
        assert_eq!(by("crm.contacts.read"), both_groups);
        assert_eq!(by("crm.contacts.write"), both_groups);
        assert_eq!(by("crm.deals.read"), both_groups);
        assert_eq!(
            by("crm.deals.write"),
            BTreeSet::from([(sales.id, "Sales Team".to_string())])
        );
        assert_eq!(
            by("org.groups.read"),
            BTreeSet::from([(user.id, "User".to_string())])
        );
        let platform = list
            .iter()
            .find(|p| p.permission == "org.groups.read")
            .unwrap();
        assert_eq!(platform.product, "platform");
    }
    assert_eq!(mine, theirs);

    // Permission changes apply on the very next request.
    member.groups(&oid(&org)).await.unwrap();
    let without_read: Vec<&str> = user
        .permissions
        .iter()
        .map(String::as_str)
        .filter(|p| *p != "org.groups.read")
        .collect();
    let edited = admin
        .update_group(
            &oid(&org),
            user.id,
            &permissions_patch(&without_read),
            Some(user.version),
        )
        .await
        .unwrap();
    assert_eq!(
        failure(member.groups(&oid(&org)).await),
        (403, "forbidden".to_string())
    );
    assert_eq!(
        failure(member.group(&oid(&org), sales.id).await),
        (403, "forbidden".to_string())
    );
    assert!(!my_keys(&member, &org).await.contains("org.groups.read"));
    // Taking them out of Sales Team drops its permissions too.
    admin
        .remove_group_members(&oid(&org), sales.id, &accounts(&[profile.id]))
        .await
        .unwrap();
    let after = member.my_permissions(&oid(&org)).await.unwrap();
    assert!(!after.iter().any(|p| p.permission == "crm.deals.write"));
    let contacts = after
        .iter()
        .find(|p| p.permission == "crm.contacts.read")
        .unwrap();
    assert_eq!(contacts.granted_by.len(), 1);
    assert_eq!(contacts.granted_by[0].group_id, user.id);
    // And giving it back works at once as well.
    admin
        .update_group(
            &oid(&org),
            user.id,
            &permissions_patch(
                &user
                    .permissions
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            ),
            Some(edited.version),
        )
        .await
        .unwrap();
    assert_eq!(member.groups(&oid(&org)).await.unwrap().len(), 5);

    // A suspended member has no permissions, and cannot use the groups routes.
    set_status(&ts, org.id, profile.id, "suspended").await;
    assert!(
        admin
            .member_permissions(&oid(&org), profile.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        failure(member.groups(&oid(&org)).await),
        (403, "membership_suspended".to_string())
    );
    assert_eq!(
        failure(member.my_permissions(&oid(&org)).await),
        (403, "membership_suspended".to_string())
    );
});

both!(racing_admin_removals_keep_one_admin, |ts| {
    let (first, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let first_id = first.me().await.unwrap().id;
    let (second, second_profile) = ts.member(&first, &org, "bo@example.com", "Bo Second").await;
    let admin_group = group_named(&first, &org, "Admin").await;
    let user = group_named(&first, &org, "User").await;
    // The second admin is only in Admin, like the first.
    first
        .bulk_groups(
            &oid(&org),
            &api::BulkRequest {
                changes: vec![
                    change(admin_group.id, &[second_profile.id], &[]),
                    change(user.id, &[], &[second_profile.id]),
                ],
                dry_run: false,
            },
        )
        .await
        .unwrap();

    // Each removes the other at the same time: one of them must stay.
    let (path1, path2) = (oid(&org), oid(&org));
    let group = admin_group.id;
    let c1 = first.clone();
    let c2 = second.clone();
    let t1 = tokio::spawn(async move {
        c1.remove_group_members(&path1, group, &accounts(&[second_profile.id]))
            .await
    });
    let t2 = tokio::spawn(async move {
        c2.remove_group_members(&path2, group, &accounts(&[first_id]))
            .await
    });
    let results = [t1.await.unwrap(), t2.await.unwrap()];
    let ok = results.iter().filter(|r| r.is_ok()).count();
    for r in results.iter().filter_map(|r| r.as_ref().err()) {
        assert!(matches!(r.code(), Some("last_admin" | "forbidden")), "{r}");
    }
    assert_eq!(ok, 1, "exactly one removal goes through: {results:?}");
    let mut stayed = Vec::new();
    for (client, id) in [(&first, first_id), (&second, second_profile.id)] {
        if my_keys(client, &org).await.contains("org.groups.manage") {
            stayed.push((client, id));
        }
    }
    assert_eq!(stayed.len(), 1, "one admin is left");
    let (client, id) = stayed[0];
    assert_eq!(
        members_of(client, &org, admin_group.id).await,
        BTreeSet::from([id])
    );
    // And that one cannot leave either.
    assert_eq!(
        failure(
            client
                .remove_group_members(&oid(&org), admin_group.id, &accounts(&[id]))
                .await
        ),
        (409, "last_admin".to_string())
    );
});
