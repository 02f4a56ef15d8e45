//! Group managers: they change their group's members without
//! `org.groups.manage`, only while they hold all the group grants.

use super::*;
use crate::both;

fn bulk(changes: Vec<api::BulkChange>) -> api::BulkRequest {
    api::BulkRequest {
        changes,
        dry_run: false,
    }
}

fn add(group: Uuid, account: Uuid) -> api::BulkChange {
    api::BulkChange {
        group,
        add: vec![account.into()],
        remove: vec![],
    }
}

both!(a_manager_changes_their_group_and_nothing_else, |ts| {
    let (admin, org) = ts.org_admin("ada@managers.example", "managers", CRM).await;
    let (mia, mia_profile) = ts.member(&admin, &org, "mia@managers.example", "Mia").await;
    let (bob, bob_profile) = ts.member(&admin, &org, "bob@managers.example", "Bob").await;
    let (_, outsider) = ts.register("out@elsewhere.example", "Outsider").await;
    let sales = custom_group(
        &admin,
        &org,
        "Sales",
        &["crm.contacts.read", "crm.deals.read"],
    )
    .await;
    let finance = custom_group(&admin, &org, "Finance", &["crm.reports.read"]).await;
    let power = custom_group(
        &admin,
        &org,
        "Power",
        &["crm.contacts.read", "crm.settings.manage"],
    )
    .await;
    admin
        .add_group_members(&oid(&org), sales.id, &accounts(&[mia_profile.id]))
        .await
        .unwrap();
    let managers = |ids: &[Uuid]| api::GroupManagers {
        accounts: ids.to_vec(),
    };
    for group in [sales.id, power.id] {
        let named = admin
            .set_group_managers(&oid(&org), group, &managers(&[mia_profile.id]))
            .await
            .expect("name a manager");
        assert_eq!(named.accounts, vec![mia_profile.id]);
    }
    let in_group = |group: Uuid, who: Uuid| {
        let admin = admin.clone();
        let org = oid(&org);
        async move {
            admin
                .member(&org, who)
                .await
                .unwrap()
                .groups
                .iter()
                .any(|g| g.id == group)
        }
    };

    // Attacks first, each changing nothing.
    assert_eq!(
        failure(
            mia.set_group_managers(&oid(&org), sales.id, &managers(&[bob_profile.id]))
                .await
        ),
        (403, "forbidden".into()),
        "a manager does not name managers"
    );
    assert_eq!(
        failure(
            mia.add_group_members(&oid(&org), finance.id, &accounts(&[bob_profile.id]))
                .await
        ),
        (403, "forbidden".into()),
        "not her group"
    );
    let escalation = mia
        .add_group_members(&oid(&org), power.id, &accounts(&[bob_profile.id]))
        .await
        .expect_err("Power grants more than she holds");
    let problem = escalation.problem().cloned().unwrap();
    assert_eq!(
        (problem.status, problem.code.as_str()),
        (403, "permission_escalation")
    );
    assert_eq!(problem.missing, vec!["crm.settings.manage".to_string()]);
    assert_eq!(
        failure(
            mia.bulk_groups(
                &oid(&org),
                &bulk(vec![
                    add(sales.id, bob_profile.id),
                    add(finance.id, bob_profile.id)
                ])
            )
            .await
        ),
        (403, "forbidden".into()),
        "one group she does not manage refuses the whole request"
    );
    assert!(!in_group(sales.id, bob_profile.id).await);
    assert!(!in_group(finance.id, bob_profile.id).await);
    assert!(!in_group(power.id, bob_profile.id).await);
    assert_eq!(
        failure(
            bob.set_group_managers(&oid(&org), sales.id, &managers(&[bob_profile.id]))
                .await
        ),
        (403, "forbidden".into())
    );
    assert_eq!(
        failure(
            admin
                .set_group_managers(&oid(&org), sales.id, &managers(&[outsider.id]))
                .await
        ),
        (422, "validation_failed".into()),
        "managers are members"
    );
    // Another organization's admin, and its ids, reach nothing here.
    let (eve, eve_org) = ts
        .org_admin("eve@other.example", "managers-other", CRM)
        .await;
    let eve_group = custom_group(&eve, &eve_org, "Eve's", &["crm.contacts.read"]).await;
    assert_eq!(
        failure(eve.group_managers(&oid(&eve_org), sales.id).await).0,
        404
    );
    assert_eq!(
        failure(
            eve.set_group_managers(&oid(&eve_org), sales.id, &managers(&[]))
                .await
        )
        .0,
        404
    );
    assert_eq!(
        failure(eve.group_managers(&oid(&org), sales.id).await).0,
        404
    );
    assert_eq!(
        failure(
            mia.add_group_members(&oid(&org), eve_group.id, &accounts(&[bob_profile.id]))
                .await
        )
        .0,
        404
    );
    assert_eq!(
        bob.group_managers(&oid(&org), sales.id)
            .await
            .unwrap()
            .accounts,
        vec![mia_profile.id],
        "members who read groups see who manages them"
    );

    // The allowed path: Mia adds Bob to Sales (until a date), then removes him.
    let diff = mia
        .add_group_members_until(
            &oid(&org),
            sales.id,
            &api::AddMembers {
                accounts: vec![bob_profile.id],
                expires_at: Some(now() + time::Duration::days(30)),
            },
        )
        .await
        .expect("a manager adds to her group");
    assert_eq!(diff.added.len(), 1);
    assert!(in_group(sales.id, bob_profile.id).await);
    let entries = audited(
        &admin,
        &org,
        api::actions::GROUP_MEMBERS_CHANGE,
        Some(sales.id.to_string()),
    )
    .await;
    assert_eq!(entries[0].actor, Some(mia_profile.id));
    assert_eq!(entries[0].detail["as_manager"], true);
    mia.remove_group_members(&oid(&org), sales.id, &accounts(&[bob_profile.id]))
        .await
        .expect("and removes");
    assert!(!in_group(sales.id, bob_profile.id).await);

    // No longer a manager: no longer allowed.
    admin
        .set_group_managers(&oid(&org), sales.id, &managers(&[]))
        .await
        .unwrap();
    assert_eq!(
        failure(
            mia.add_group_members(&oid(&org), sales.id, &accounts(&[bob_profile.id]))
                .await
        ),
        (403, "forbidden".into())
    );
    let changes = audited(
        &admin,
        &org,
        api::actions::GROUP_MANAGERS_CHANGE,
        Some(sales.id.to_string()),
    )
    .await;
    assert_eq!(changes.len(), 2, "named, then removed");
});
