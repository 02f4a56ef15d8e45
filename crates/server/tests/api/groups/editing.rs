#[allow(unused_imports)]
use super::*;

both!(new_org_has_builtin_and_product_groups, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let me = admin.me().await.unwrap();
    let groups = admin.groups(&oid(&org)).await.unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        set(&names),
        set(&["Admin", "User", "Guest", "Sales Team", "Sales Managers"]),
        "a crm organization has the built-in groups and the crm groups only"
    );
    for g in &groups {
        let builtin = matches!(g.name.as_str(), "Admin" | "User" | "Guest");
        assert_eq!(g.builtin, builtin, "{}", g.name);
        if builtin {
            assert_eq!(g.product, None, "{}", g.name);
        } else {
            assert_eq!(g.product.as_deref(), Some("crm"), "{}", g.name);
        }
        assert_eq!(g.version, 1, "{}", g.name);
    }

    // The creator is in Admin, and only there.
    let admin_group = group_named(&admin, &org, "Admin").await;
    assert_eq!(admin_group.member_count, 1);
    assert_eq!(
        members_of(&admin, &org, admin_group.id).await,
        BTreeSet::from([me.id])
    );
    for g in groups.iter().filter(|g| g.name != "Admin") {
        assert_eq!(g.member_count, 0, "{}", g.name);
    }
    let mine = admin.my_organizations().await.unwrap();
    let here = mine.iter().find(|o| o.id == org.id).expect("listed");
    assert_eq!(
        here.groups
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Admin"]
    );

    // GET /permissions: platform + crm, nothing of other products.
    let permissions = admin.org_permissions(&oid(&org)).await.unwrap();
    let keys: Vec<&str> = permissions.iter().map(|p| p.key.as_str()).collect();
    let mut expected = set(&PLATFORM);
    expected.extend(set(&CRM_PERMISSIONS));
    assert_eq!(set(&keys), expected);
    assert_eq!(keys.len(), expected.len(), "no duplicates");
    assert!(!keys.iter().any(|k| k.starts_with("helpdesk.")));
    assert!(!keys.iter().any(|k| k.starts_with("analytics.")));
    for p in &permissions {
        let product = if p.key.starts_with("org.") {
            "platform"
        } else {
            "crm"
        };
        assert_eq!(p.product, product, "{}", p.key);
        assert!(!p.description.is_empty(), "{}", p.key);
    }

    // The default permissions of the built-in groups.
    assert_eq!(
        set(&admin_group.permissions),
        expected,
        "Admin holds everything"
    );
    let user = group_named(&admin, &org, "User").await;
    assert_eq!(
        set(&user.permissions),
        set(&[
            "org.members.read",
            "org.groups.read",
            "crm.contacts.read",
            "crm.contacts.write",
            "crm.deals.read"
        ])
    );
    let guest = group_named(&admin, &org, "Guest").await;
    assert_eq!(set(&guest.permissions), set(&["crm.contacts.read"]));
    assert_eq!(
        my_keys(&admin, &org).await,
        expected,
        "the creator holds every permission"
    );

    // An organization with two products gets both products' groups and permissions.
    let (admin2, org2) = ts
        .org_admin("bea@example.com", "globex", CRM_HELPDESK)
        .await;
    let names2 = group_names(&admin2, &org2).await;
    assert_eq!(
        names2,
        set(&[
            "Admin",
            "User",
            "Guest",
            "Sales Team",
            "Sales Managers",
            "Support Agents",
            "Support Leads"
        ])
    );
    let agents = group_named(&admin2, &org2, "Support Agents").await;
    assert_eq!(agents.product.as_deref(), Some("helpdesk"));
    assert!(!agents.builtin);
    let keys2: BTreeSet<String> = admin2
        .org_permissions(&oid(&org2))
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.key)
        .collect();
    assert!(keys2.contains("helpdesk.tickets.read"));
    assert!(!keys2.iter().any(|k| k.starts_with("analytics.")));
    let guest2 = group_named(&admin2, &org2, "Guest").await;
    assert_eq!(
        set(&guest2.permissions),
        set(&["crm.contacts.read", "helpdesk.tickets.read"])
    );

    // The first organization is not affected by the second one's products.
    assert_eq!(
        group_names(&admin, &org).await,
        set(&["Admin", "User", "Guest", "Sales Team", "Sales Managers"])
    );
});

both!(create_custom_group_and_refusals, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let (member, _) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;

    // 201 through the wire.
    let body = serde_json::to_vec(&new_group(
        "Marketing",
        &["crm.contacts.read", "org.members.read"],
    ))
    .unwrap();
    let raw = admin
        .raw(
            reqwest::Method::POST,
            &format!("/api/v1/orgs/{}/groups", org.id),
            Some("application/json"),
            body,
        )
        .await
        .unwrap();
    assert_eq!(raw.status, 201, "{}", raw.text());
    let created: api::Group = serde_json::from_slice(&raw.body).unwrap();
    assert_eq!(created.name, "Marketing");
    assert_eq!(created.description, "Marketing (test)");
    assert_eq!(created.version, 1);
    assert_eq!(created.member_count, 0);
    assert!(!created.builtin);
    assert_eq!(created.product, None);
    assert_eq!(
        set(&created.permissions),
        set(&["crm.contacts.read", "org.members.read"])
    );
    assert_eq!(group_by_id(&admin, &org, created.id).await, created);

    // Through the client, and by subdomain.
    let other = admin
        .create_group("acme", &new_group("Auditors", &["org.audit.read"]))
        .await
        .unwrap();
    assert_eq!(other.version, 1);
    assert_eq!(other.permissions, vec!["org.audit.read".to_string()]);
    let empty = admin
        .create_group(&oid(&org), &new_group("Nobody", &[]))
        .await
        .unwrap();
    assert!(empty.permissions.is_empty());

    let before = admin.groups(&oid(&org)).await.unwrap();

    // Duplicate names, case-insensitive, also against product groups.
    for name in [
        "Marketing",
        "marketing",
        "  MARKETING ",
        "sales team",
        "ADMIN",
    ] {
        assert_eq!(
            failure(admin.create_group(&oid(&org), &new_group(name, &[])).await),
            (409, "group_name_taken".to_string()),
            "{name:?}"
        );
    }
    // Renaming a custom group onto another name is refused too.
    assert_eq!(
        failure(
            admin
                .update_group(
                    &oid(&org),
                    other.id,
                    &api::UpdateGroup {
                        name: Some("MarKeting".into()),
                        ..Default::default()
                    },
                    None
                )
                .await
        ),
        (409, "group_name_taken".to_string())
    );

    // Unknown permissions and those of products the organization does not have.
    for bad in [
        "crm.contacts.fly",
        "helpdesk.tickets.read",
        "analytics.data.export",
        "",
    ] {
        let result = admin
            .create_group(
                &oid(&org),
                &new_group("Strange", &["org.members.read", bad]),
            )
            .await;
        let codes = field_codes(
            admin
                .create_group(&oid(&org), &new_group("Strange", &[bad]))
                .await,
        );
        assert_eq!(
            failure(result),
            (422, "unknown_permission".to_string()),
            "{bad:?}"
        );
        assert!(
            codes.iter().any(|c| c == "unknown_permission"),
            "{bad:?}: {codes:?}"
        );
    }
    // …also when editing a group.
    assert_eq!(
        failure(
            admin
                .update_group(
                    &oid(&org),
                    created.id,
                    &permissions_patch(&["crm.contacts.read", "helpdesk.tickets.reply"]),
                    None
                )
                .await
        ),
        (422, "unknown_permission".to_string())
    );

    // A member without org.groups.manage.
    assert_eq!(
        failure(
            member
                .create_group(&oid(&org), &new_group("Mine", &[]))
                .await
        ),
        (403, "forbidden".to_string())
    );
    assert_eq!(
        failure(
            member
                .update_group(&oid(&org), created.id, &permissions_patch(&[]), None)
                .await
        ),
        (403, "forbidden".to_string())
    );
    assert_eq!(
        failure(member.delete_group(&oid(&org), created.id).await),
        (403, "forbidden".to_string())
    );

    // Bad names.
    for name in ["", "   ", &"x".repeat(101)] {
        assert_eq!(
            failure(admin.create_group(&oid(&org), &new_group(name, &[])).await).0,
            422,
            "{name:?}"
        );
    }

    // Nothing of the refused calls left a trace.
    assert_eq!(admin.groups(&oid(&org)).await.unwrap(), before);
});

both!(no_permission_escalation, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let admin_id = admin.me().await.unwrap().id;
    let (manager, manager_profile) = ts
        .member(&admin, &org, "gil@example.com", "Gil Manager")
        .await;
    let (_, other) = ts
        .member(&admin, &org, "otto@example.com", "Otto Other")
        .await;
    let group_managers = admin
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
        .add_group_members(
            &oid(&org),
            group_managers.id,
            &accounts(&[manager_profile.id]),
        )
        .await
        .unwrap();
    // Out of User, so the manager holds exactly the three permissions.
    let user = group_named(&admin, &org, "User").await;
    admin
        .remove_group_members(&oid(&org), user.id, &accounts(&[manager_profile.id]))
        .await
        .unwrap();
    assert_eq!(
        my_keys(&manager, &org).await,
        set(&["org.groups.manage", "org.groups.read", "org.members.read"])
    );

    let escalation = (403, "permission_escalation".to_string());
    let before = admin.groups(&oid(&org)).await.unwrap();
    let admin_group = group_named(&admin, &org, "Admin").await;
    let sales = group_named(&admin, &org, "Sales Team").await;

    // Creating a group with a permission they do not hold.
    assert_eq!(
        failure(
            manager
                .create_group(
                    &oid(&org),
                    &new_group("Deleters", &["org.members.read", "crm.contacts.delete"])
                )
                .await
        ),
        escalation
    );
    assert_eq!(
        failure(
            manager
                .create_group(&oid(&org), &new_group("Inviters", &["org.members.invite"]))
                .await
        ),
        escalation
    );

    // Adding crm.* (or any unheld) permissions to any group, their own included.
    for (group, patch) in [
        (
            &group_managers,
            vec![
                "org.groups.manage",
                "org.groups.read",
                "org.members.read",
                "crm.contacts.read",
            ],
        ),
        (&user, {
            let mut p: Vec<&str> = user.permissions.iter().map(String::as_str).collect();
            p.push("crm.contacts.delete");
            p
        }),
        (&user, {
            let mut p: Vec<&str> = user.permissions.iter().map(String::as_str).collect();
            p.push("org.billing.manage");
            p
        }),
        (&sales, {
            let mut p: Vec<&str> = sales.permissions.iter().map(String::as_str).collect();
            p.push("crm.settings.manage");
            p
        }),
        // Taking away what they do not hold is a change they cannot make either.
        (&sales, vec!["crm.contacts.read"]),
        (&admin_group, vec!["org.groups.manage"]),
    ] {
        assert_eq!(
            failure(
                manager
                    .update_group(&oid(&org), group.id, &permissions_patch(&patch), None)
                    .await
            ),
            escalation,
            "{} -> {patch:?}",
            group.name
        );
    }

    // Adding themselves or anyone to Admin, or removing anyone from it.
    for who in [manager_profile.id, other.id] {
        assert_eq!(
            failure(
                manager
                    .add_group_members(&oid(&org), admin_group.id, &accounts(&[who]))
                    .await
            ),
            escalation
        );
    }
    assert_eq!(
        failure(
            manager
                .remove_group_members(&oid(&org), admin_group.id, &accounts(&[admin_id]))
                .await
        ),
        escalation
    );
    // Nor into a product group granting crm permissions.
    assert_eq!(
        failure(
            manager
                .add_group_members(&oid(&org), sales.id, &accounts(&[manager_profile.id]))
                .await
        ),
        escalation
    );
    // A bulk mixing an allowed change with a forbidden one applies nothing.
    assert_eq!(
        failure(
            manager
                .bulk_groups(
                    &oid(&org),
                    &api::BulkRequest {
                        changes: vec![
                            change(group_managers.id, &[other.id], &[]),
                            change(admin_group.id, &[manager_profile.id], &[]),
                        ],
                        dry_run: false,
                    }
                )
                .await
        ),
        escalation
    );
    assert_eq!(
        failure(
            manager
                .bulk_groups(
                    &oid(&org),
                    &api::BulkRequest {
                        changes: vec![change(admin_group.id, &[manager_profile.id], &[])],
                        dry_run: true,
                    }
                )
                .await
        ),
        escalation,
        "a dry run is checked the same way"
    );

    // Deleting a group that grants more than they hold.
    assert_eq!(
        failure(manager.delete_group(&oid(&org), sales.id).await),
        escalation
    );

    // Nothing changed.
    assert_eq!(admin.groups(&oid(&org)).await.unwrap(), before);
    assert_eq!(
        members_of(&admin, &org, admin_group.id).await,
        BTreeSet::from([admin_id])
    );
    assert_eq!(
        members_of(&admin, &org, group_managers.id).await,
        BTreeSet::from([manager_profile.id])
    );
    assert!(members_of(&admin, &org, sales.id).await.is_empty());
    assert_eq!(
        my_keys(&manager, &org).await,
        set(&["org.groups.manage", "org.groups.read", "org.members.read"])
    );

    // What they hold, they may grant.
    let readers = manager
        .create_group(&oid(&org), &new_group("Readers", &["org.members.read"]))
        .await
        .unwrap();
    assert_eq!(readers.permissions, vec!["org.members.read".to_string()]);
    let diff = manager
        .add_group_members(&oid(&org), readers.id, &accounts(&[other.id]))
        .await
        .unwrap();
    assert_eq!(diff.added.len(), 1);
    let readers = manager
        .update_group(
            &oid(&org),
            readers.id,
            &permissions_patch(&["org.members.read", "org.groups.read"]),
            Some(readers.version),
        )
        .await
        .unwrap();
    assert_eq!(readers.version, 2);
    manager.delete_group(&oid(&org), readers.id).await.unwrap();
    assert_eq!(
        failure(admin.group(&oid(&org), readers.id).await),
        (404, "not_found".to_string())
    );
});

both!(builtin_groups_keep_their_names, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let builtin = (409, "builtin_group".to_string());
    let admin_group = group_named(&admin, &org, "Admin").await;
    let user = group_named(&admin, &org, "User").await;
    let guest = group_named(&admin, &org, "Guest").await;

    for (group, new_name) in [
        (&admin_group, "Owners"),
        (&user, "Staff"),
        (&guest, "Visitors"),
        (&admin_group, "admin"),
    ] {
        assert_eq!(
            failure(
                admin
                    .update_group(
                        &oid(&org),
                        group.id,
                        &api::UpdateGroup {
                            name: Some(new_name.into()),
                            ..Default::default()
                        },
                        Some(group.version)
                    )
                    .await
            ),
            builtin,
            "rename {} -> {new_name}",
            group.name
        );
    }
    // A rename together with a permission change applies neither.
    assert_eq!(
        failure(
            admin
                .update_group(
                    &oid(&org),
                    user.id,
                    &api::UpdateGroup {
                        name: Some("Staff".into()),
                        permissions: Some(strings(&["org.members.read"])),
                        ..Default::default()
                    },
                    None
                )
                .await
        ),
        builtin
    );
    for group in [&admin_group, &user, &guest] {
        assert_eq!(
            failure(admin.delete_group(&oid(&org), group.id).await),
            builtin,
            "delete {}",
            group.name
        );
    }
    // All still there, unchanged.
    assert_eq!(group_by_id(&admin, &org, admin_group.id).await, admin_group);
    assert_eq!(group_by_id(&admin, &org, user.id).await, user);
    assert_eq!(group_by_id(&admin, &org, guest.id).await, guest);

    // Their permissions and descriptions can change.
    let mut wanted = user.permissions.clone();
    wanted.push("org.members.invite".into());
    let edited = admin
        .update_group(
            &oid(&org),
            user.id,
            &api::UpdateGroup {
                permissions: Some(wanted.clone()),
                ..Default::default()
            },
            Some(user.version),
        )
        .await
        .unwrap();
    assert_eq!(edited.version, user.version + 1);
    assert_eq!(edited.name, "User");
    assert!(edited.builtin);
    assert_eq!(set(&edited.permissions), set(&wanted));
    assert_eq!(group_by_id(&admin, &org, user.id).await, edited);
    let described = admin
        .update_group(
            &oid(&org),
            guest.id,
            &api::UpdateGroup {
                name: Some("Guest".into()),
                description: Some("People from outside".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(described.description, "People from outside");
    assert_eq!(described.version, guest.version + 1);

    // A product group is not built in: it can be renamed and deleted.
    let sales = group_named(&admin, &org, "Sales Team").await;
    let renamed = admin
        .update_group(
            &oid(&org),
            sales.id,
            &api::UpdateGroup {
                name: Some("Sales".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(renamed.name, "Sales");
    assert_eq!(renamed.product.as_deref(), Some("crm"));
    let managers = group_named(&admin, &org, "Sales Managers").await;
    admin.delete_group(&oid(&org), managers.id).await.unwrap();
    assert_eq!(
        group_names(&admin, &org).await,
        set(&["Admin", "User", "Guest", "Sales"])
    );
});

both!(if_match_guards_group_edits, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let group = admin
        .create_group(&oid(&org), &new_group("Marketing", &["org.members.read"]))
        .await
        .unwrap();
    assert_eq!(group.version, 1);
    let stale = (412, "stale_version".to_string());

    let patch = api::UpdateGroup {
        name: Some("Growth".into()),
        permissions: Some(strings(&["org.members.read", "crm.contacts.read"])),
        ..Default::default()
    };
    for version in [0, 2, 7] {
        assert_eq!(
            failure(
                admin
                    .update_group(&oid(&org), group.id, &patch, Some(version))
                    .await
            ),
            stale,
            "If-Match {version}"
        );
    }
    assert_eq!(
        group_by_id(&admin, &org, group.id).await,
        group,
        "no change"
    );

    // A malformed If-Match is a bad request, not a silent overwrite.
    let garbled = admin.clone().with_header("If-Match", "\"abc\"").unwrap();
    assert_eq!(
        failure(
            garbled
                .update_group(&oid(&org), group.id, &patch, None)
                .await
        )
        .0,
        400
    );
    assert_eq!(
        group_by_id(&admin, &org, group.id).await,
        group,
        "no change"
    );

    // The current version works.
    let v2 = admin
        .update_group(&oid(&org), group.id, &patch, Some(1))
        .await
        .unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.name, "Growth");
    assert_eq!(
        set(&v2.permissions),
        set(&["org.members.read", "crm.contacts.read"])
    );

    // Two edits from the same read: the second one is stale.
    let read = group_by_id(&admin, &org, group.id).await;
    let first = admin
        .update_group(
            &oid(&org),
            group.id,
            &api::UpdateGroup {
                description: Some("first".into()),
                ..Default::default()
            },
            Some(read.version),
        )
        .await
        .unwrap();
    assert_eq!(first.version, 3);
    assert_eq!(
        failure(
            admin
                .update_group(
                    &oid(&org),
                    group.id,
                    &api::UpdateGroup {
                        description: Some("second".into()),
                        permissions: Some(Vec::new()),
                        ..Default::default()
                    },
                    Some(read.version)
                )
                .await
        ),
        stale
    );
    let now = group_by_id(&admin, &org, group.id).await;
    assert_eq!(now, first);
    assert_eq!(now.description, "first");

    // Racing edits from the same read: exactly one wins.
    let mut tasks = Vec::new();
    for i in 0..5 {
        let client = admin.clone();
        let path = oid(&org);
        let id = group.id;
        let version = first.version;
        tasks.push(tokio::spawn(async move {
            client
                .update_group(
                    &path,
                    id,
                    &api::UpdateGroup {
                        description: Some(format!("racer {i}")),
                        ..Default::default()
                    },
                    Some(version),
                )
                .await
        }));
    }
    let mut winners = Vec::new();
    for task in tasks {
        match task.await.unwrap() {
            Ok(g) => winners.push(g),
            Err(e) => assert_eq!(e.code(), Some("stale_version"), "{e}"),
        }
    }
    assert_eq!(winners.len(), 1, "one of the racing edits wins");
    let first = group_by_id(&admin, &org, group.id).await;
    assert_eq!(first, winners[0]);
    assert_eq!(first.version, 4);

    // Deleting with a stale If-Match is refused; the group stays.
    let stale_delete = admin.clone().with_header("If-Match", "\"1\"").unwrap();
    assert_eq!(
        failure(stale_delete.delete_group(&oid(&org), group.id).await),
        stale
    );
    assert_eq!(group_by_id(&admin, &org, group.id).await, first);
    let current_delete = admin
        .clone()
        .with_header("If-Match", &format!("\"{}\"", first.version))
        .unwrap();
    current_delete
        .delete_group(&oid(&org), group.id)
        .await
        .unwrap();
    assert_eq!(
        failure(admin.group(&oid(&org), group.id).await),
        (404, "not_found".to_string())
    );
});
