//! Groups and permissions: built-in and product groups, custom groups, the
//! escalation and last-admin rules, memberships, bulk changes, tenant
//! isolation, the permission matrix and effective permissions.

use std::collections::BTreeSet;

use orgdesk_api as api;
use orgdesk_client::Client;
use uuid::Uuid;

use crate::both;
use crate::common::*;

const CRM: &[(&str, &str)] = &[("crm", "crm-team")];
const CRM_HELPDESK: &[(&str, &str)] = &[("crm", "crm-team"), ("helpdesk", "helpdesk-pro")];

const PLATFORM: [&str; 10] = [
    "org.members.read",
    "org.members.invite",
    "org.members.suspend",
    "org.members.reset_password",
    "org.members.sessions.read",
    "org.groups.read",
    "org.groups.manage",
    "org.billing.manage",
    "org.settings.manage",
    "org.audit.read",
];

const CRM_PERMISSIONS: [&str; 7] = [
    "crm.contacts.read",
    "crm.contacts.write",
    "crm.contacts.delete",
    "crm.deals.read",
    "crm.deals.write",
    "crm.reports.read",
    "crm.settings.manage",
];

/// Status and code of a failed call.
fn failure<T: std::fmt::Debug>(result: Result<T, orgdesk_client::Error>) -> (u16, String) {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => (
            e.status().unwrap_or(0),
            e.code().unwrap_or("none").to_string(),
        ),
    }
}

/// The per-field error codes of a failed call.
fn field_codes<T: std::fmt::Debug>(result: Result<T, orgdesk_client::Error>) -> Vec<String> {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e
            .problem()
            .map(|p| p.errors.iter().map(|f| f.code.clone()).collect())
            .unwrap_or_default(),
    }
}

fn set<S: AsRef<str>>(keys: &[S]) -> BTreeSet<String> {
    keys.iter().map(|k| k.as_ref().to_string()).collect()
}

fn strings(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| (*k).to_string()).collect()
}

fn accounts(ids: &[Uuid]) -> api::AccountList {
    api::AccountList {
        accounts: ids.to_vec(),
    }
}

fn new_group(name: &str, permissions: &[&str]) -> api::CreateGroup {
    api::CreateGroup {
        name: name.into(),
        description: format!("{name} (test)"),
        permissions: strings(permissions),
    }
}

fn permissions_patch(permissions: &[&str]) -> api::UpdateGroup {
    api::UpdateGroup {
        permissions: Some(strings(permissions)),
        ..Default::default()
    }
}

fn change(group: Uuid, add: &[Uuid], remove: &[Uuid]) -> api::BulkChange {
    api::BulkChange {
        group,
        add: add.to_vec(),
        remove: remove.to_vec(),
    }
}

fn oid(org: &api::Organization) -> String {
    org.id.to_string()
}

/// Every member of a group, paging through the whole list.
async fn members_of(client: &Client, org: &api::Organization, group: Uuid) -> BTreeSet<Uuid> {
    let mut all = BTreeSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = client
            .group_members(&oid(org), group, Some(500), cursor.as_deref())
            .await
            .expect("group members");
        all.extend(page.items.iter().map(|m| m.id));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return all,
        }
    }
}

async fn group_by_id(client: &Client, org: &api::Organization, id: Uuid) -> api::Group {
    client.group(&oid(org), id).await.expect("group")
}

async fn group_names(client: &Client, org: &api::Organization) -> BTreeSet<String> {
    client
        .groups(&oid(org))
        .await
        .expect("groups")
        .into_iter()
        .map(|g| g.name)
        .collect()
}

async fn my_keys(client: &Client, org: &api::Organization) -> BTreeSet<String> {
    client
        .my_permissions(&oid(org))
        .await
        .expect("my permissions")
        .into_iter()
        .map(|p| p.permission)
        .collect()
}

/// Sets a membership's status with SQL (no suspension route yet).
async fn set_status(ts: &TestServer, org: Uuid, account: Uuid, status: &str) {
    let mut tx = ts.server.state.db.begin().await.expect("tx");
    let done =
        sqlx::query("UPDATE memberships SET status = $1 WHERE org_id = $2 AND account_id = $3")
            .bind(status)
            .bind(org.to_string())
            .bind(account.to_string())
            .execute(&mut *tx)
            .await
            .expect("update status");
    assert_eq!(done.rows_affected(), 1);
    tx.commit().await.expect("commit");
}

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
