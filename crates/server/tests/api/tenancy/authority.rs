//! Group-edit authority: changing a group — its permissions, name,
//! description or members — or deleting it needs every permission it grants,
//! before and after; decided on the group as it is under the lock.

use std::collections::BTreeSet;

use super::*;

fn keys(group: &api::Group) -> BTreeSet<String> {
    group.permissions.iter().cloned().collect()
}

both!(a_group_manager_cannot_strip_the_admin_group, |ts| {
    let (owner, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    let key = oid(&org);
    let (manager, manager_me, managers) = member_with(
        &ts,
        &owner,
        &org,
        "Group Managers",
        &["org.groups.manage", "org.groups.read", "org.members.read"],
        "max@acme-corp.com",
    )
    .await;
    let admin = group_named(&owner, &org, "Admin").await;
    let before = keys(&admin);

    // The attack of the report: remove permissions, org.groups.manage
    // included, from Admin. 403 with the group and what is missing.
    let strip = api::UpdateGroup {
        permissions: Some(vec!["org.members.read".into()]),
        ..Default::default()
    };
    let refused = manager
        .update_group(&key, admin.id, &strip, None)
        .await
        .unwrap_err();
    assert_eq!(
        (refused.status(), refused.code()),
        (Some(403), Some("permission_escalation"))
    );
    let problem = refused.problem().unwrap();
    assert_eq!(
        problem.group,
        Some(api::GroupRef {
            id: admin.id,
            name: "Admin".into()
        })
    );
    assert!(
        problem.missing.contains(&"org.members.suspend".to_string()),
        "{problem:?}"
    );
    assert!(
        !problem.missing.contains(&"org.groups.manage".to_string()),
        "held: {problem:?}"
    );
    // Nor its description, nor its members, nor a permission it lacks.
    let describe = api::UpdateGroup {
        description: Some("owned".into()),
        ..Default::default()
    };
    assert_eq!(
        failure(manager.update_group(&key, admin.id, &describe, None).await),
        (403, "permission_escalation".into())
    );
    let me_in = api::AccountList {
        accounts: vec![manager_me.id],
    };
    assert_eq!(
        failure(manager.add_group_members(&key, admin.id, &me_in).await),
        (403, "permission_escalation".into())
    );
    let owner_me = owner.me().await.unwrap();
    let owner_out = api::AccountList {
        accounts: vec![owner_me.id],
    };
    assert_eq!(
        failure(
            manager
                .remove_group_members(&key, admin.id, &owner_out)
                .await
        ),
        (403, "permission_escalation".into())
    );
    let after = group_named(&owner, &org, "Admin").await;
    assert_eq!(keys(&after), before, "Admin is untouched");
    assert_eq!(after.version, admin.version);
    assert_eq!(after.member_count, admin.member_count);

    // A group holding more than the manager: not theirs to edit or delete.
    let auditors = owner
        .create_group(
            &key,
            &api::CreateGroup {
                name: "Auditors".into(),
                description: String::new(),
                permissions: vec!["org.audit.read".into()],
            },
        )
        .await
        .unwrap();
    let rename = api::UpdateGroup {
        name: Some("Mine now".into()),
        ..Default::default()
    };
    assert_eq!(
        failure(manager.update_group(&key, auditors.id, &rename, None).await),
        (403, "permission_escalation".into())
    );
    assert_eq!(
        failure(manager.delete_group(&key, auditors.id).await),
        (403, "permission_escalation".into())
    );
    assert_eq!(group_named(&owner, &org, "Auditors").await.name, "Auditors");

    // What they hold, they manage: their own kind of group.
    let helpers = manager
        .create_group(
            &key,
            &api::CreateGroup {
                name: "Readers".into(),
                description: String::new(),
                permissions: vec!["org.members.read".into()],
            },
        )
        .await
        .unwrap();
    let edited = manager
        .update_group(
            &key,
            helpers.id,
            &api::UpdateGroup {
                description: Some("People who read".into()),
                permissions: Some(vec!["org.members.read".into(), "org.groups.read".into()]),
                ..Default::default()
            },
            Some(helpers.version),
        )
        .await
        .unwrap();
    assert_eq!(edited.description, "People who read");
    manager.delete_group(&key, helpers.id).await.unwrap();
    // And the owner still manages everything, Admin included.
    owner
        .update_group(&key, managers.id, &describe, None)
        .await
        .unwrap();
});

both!(a_racing_edit_is_never_reverted_from_a_stale_copy, |ts| {
    let (owner, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    let key = oid(&org);
    let group = owner
        .create_group(
            &key,
            &api::CreateGroup {
                name: "Sales".into(),
                description: "v0".into(),
                permissions: vec!["crm.contacts.read".into()],
            },
        )
        .await
        .unwrap();
    // One editor changes only the description, the other only the
    // permissions, at the same time, many times: every permission change
    // survives, whichever edit lands second.
    for round in 0..12 {
        let permissions = if round % 2 == 0 {
            vec![
                "crm.contacts.read".to_string(),
                "crm.deals.read".to_string(),
            ]
        } else {
            vec!["crm.contacts.read".to_string()]
        };
        let describe = api::UpdateGroup {
            description: Some(format!("v{round}")),
            ..Default::default()
        };
        let grant = api::UpdateGroup {
            permissions: Some(permissions.clone()),
            ..Default::default()
        };
        let (a, b) = tokio::join!(
            owner.update_group(&key, group.id, &describe, None),
            owner.update_group(&key, group.id, &grant, None)
        );
        a.unwrap();
        b.unwrap();
        let now = owner.group(&key, group.id).await.unwrap();
        assert_eq!(
            keys(&now),
            permissions.into_iter().collect::<BTreeSet<_>>(),
            "round {round}: the permission change was reverted"
        );
        assert_eq!(now.description, format!("v{round}"));
    }
});
