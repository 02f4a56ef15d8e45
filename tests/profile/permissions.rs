//! My Permissions: by product with the granting groups, search, and an empty
//! state that says why.

use orgdesk::screen::my_permissions::{self, MyPermissions, Overview};
use orgdesk_api::{
    AccountList, CreateGroup, EffectivePermission, GrantingGroup, GroupRef, MembershipStatus,
    MyOrganization, OrgStatus,
};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use crate::fixtures::*;
use crate::support;

// ---- My Permissions -------------------------------------------------------------------

/// The same name, the same id.
fn group_id(name: &str) -> Uuid {
    Uuid::from_u128(name.bytes().fold(7_u128, |h, b| {
        h.wrapping_mul(31).wrapping_add(u128::from(b))
    }))
}

fn granted(permission: &str, product: &str, groups: &[&str]) -> EffectivePermission {
    EffectivePermission {
        permission: permission.into(),
        product: product.into(),
        description: format!("Lets you {}", permission.replace('.', " ")),
        granted_by: groups
            .iter()
            .map(|name| GrantingGroup {
                group_id: group_id(name),
                name: (*name).into(),
            })
            .collect(),
    }
}

fn acme(groups: &[&str]) -> MyOrganization {
    MyOrganization {
        id: Uuid::from_u128(42),
        name: "Acme".into(),
        subdomain: "acme".into(),
        status: OrgStatus::Active,
        membership_status: MembershipStatus::Active,
        groups: groups
            .iter()
            .map(|name| GroupRef {
                id: Uuid::now_v7(),
                name: (*name).into(),
            })
            .collect(),
    }
}

fn permissions_with(result: Result<Overview, Error>) -> MyPermissions {
    let (mut screen, _task) = MyPermissions::new(offline(), "acme".into());
    let _ = screen.update(my_permissions::Message::Loaded(result.map(Box::new)));
    screen
}

#[test]
fn permissions_are_grouped_by_product_with_their_granting_groups() {
    let _words = english();
    let mut screen = permissions_with(Ok(Overview {
        permissions: vec![
            granted("crm.deals.read", "crm", &["Sales team"]),
            granted("org.members.read", "platform", &["User", "Auditors"]),
            granted("org.audit.read", "platform", &["Auditors"]),
        ],
        membership: Some(acme(&["User", "Auditors", "Sales team"])),
        products: [("crm".to_string(), "Acme CRM".to_string())].into(),
    }));
    let products: Vec<_> = screen
        .visible()
        .into_iter()
        .map(|(product, permissions)| (product, permissions.len()))
        .collect();
    assert_eq!(
        products,
        [("Organization".to_string(), 2), ("Acme CRM".to_string(), 1)]
    );
    let mut ui = tall(screen.view());
    for seen in [
        "My permissions in Acme",
        "3 permissions from 3 groups.",
        "Organization (2)",
        "Acme CRM (1)",
        "org.members.read",
        "Lets you org members read",
        "User",
        "Sales team",
    ] {
        ui.find(seen).expect(seen);
    }

    drop(ui);
    let _ = screen.update(my_permissions::Message::QueryChanged("AUDITORS".into()));
    let found: Vec<_> = screen
        .visible()
        .into_iter()
        .flat_map(|(_, permissions)| permissions.into_iter().map(|p| p.permission.clone()))
        .collect();
    assert_eq!(found, ["org.audit.read", "org.members.read"]);
    assert!(tall(screen.view()).find("crm.deals.read").is_err());

    let _ = screen.update(my_permissions::Message::QueryChanged("billing".into()));
    tall(screen.view())
        .find("No permission matches “billing”.")
        .expect("an empty search says so");
}

#[test]
fn an_empty_permissions_list_says_why() {
    let _words = english();
    let suspended = permissions_with(Err(refusal(
        403,
        "membership_suspended",
        "your access to this organization is suspended",
        vec![],
    )));
    tall(suspended.view())
        .find("Your membership in this organization is suspended: while it is, you hold no permissions here. An administrator of the organization can reactivate it.")
        .expect("suspended");
    let no_groups = permissions_with(Ok(Overview {
        membership: Some(acme(&[])),
        ..Overview::default()
    }));
    tall(no_groups.view())
        .find("You are in no group of Acme, and permissions come only from groups. Ask an administrator to add you to one.")
        .expect("no groups");
    let idle_groups = permissions_with(Ok(Overview {
        membership: Some(acme(&["Guest", "Visitors"])),
        ..Overview::default()
    }));
    tall(idle_groups.view())
        .find("Your groups here (Guest, Visitors) grant no permissions. An administrator can give them some in the permission matrix.")
        .expect("groups granting nothing");
}

async fn permissions_of(client: Client, org: &str) -> MyPermissions {
    let (mut screen, task) = MyPermissions::new(client, org.to_string());
    for message in support::run(task).await {
        assert!(matches!(
            screen.update(message),
            my_permissions::Action::None
        ));
    }
    screen
}

#[tokio::test(flavor = "multi_thread")]
async fn end_to_end_my_permissions_names_both_groups_granting_one_permission() {
    let _words = english_async().await;
    let p = support::Platform::start(6).await;
    let members = plain_members(&p, 3).await;
    let (reader, suspended, groupless) = (&members[0], &members[1], &members[2]);
    let mut granting = Vec::new();
    for name in ["Auditors", "Compliance"] {
        let group = p
            .admin
            .create_group(
                &p.org,
                &CreateGroup {
                    name: name.into(),
                    description: format!("{name} read the audit log"),
                    permissions: vec!["org.audit.read".into()],
                },
            )
            .await
            .expect("group created");
        p.admin
            .add_group_members(
                &p.org,
                group.id,
                &AccountList {
                    accounts: vec![reader.id],
                },
            )
            .await
            .expect("member added");
        granting.push(group.id);
    }

    let screen = permissions_of(p.sign_in(&reader.email).await, &p.org).await;
    let audit = screen
        .visible()
        .into_iter()
        .flat_map(|(_, permissions)| permissions)
        .find(|p| p.permission == "org.audit.read")
        .cloned()
        .expect("the reader holds the audit permission");
    let mut by: Vec<_> = audit.granted_by.iter().map(|g| g.group_id).collect();
    by.sort();
    granting.sort();
    assert_eq!(by, granting, "exactly the two groups grant it");
    let mut ui = tall(screen.view());
    for seen in [
        "My permissions in Demo Corp",
        "org.audit.read",
        "Auditors",
        "Compliance",
    ] {
        ui.find(seen).expect(seen);
    }

    // A suspended member holds nothing, and the screen says why.
    p.admin
        .suspend_member(&p.org, suspended.id)
        .await
        .expect("suspended");
    let screen = permissions_of(p.sign_in(&suspended.email).await, &p.org).await;
    assert!(screen.visible().is_empty());
    tall(screen.view())
        .find("Your membership in this organization is suspended: while it is, you hold no permissions here. An administrator of the organization can reactivate it.")
        .expect("suspended, in words");

    // So does a member in no group.
    for group in &groupless.groups {
        p.admin
            .remove_group_members(
                &p.org,
                group.id,
                &AccountList {
                    accounts: vec![groupless.id],
                },
            )
            .await
            .expect("removed from the group");
    }
    let screen = permissions_of(p.sign_in(&groupless.email).await, &p.org).await;
    tall(screen.view())
        .find("You are in no group of Demo Corp, and permissions come only from groups. Ask an administrator to add you to one.")
        .expect("no groups, in words");
}
