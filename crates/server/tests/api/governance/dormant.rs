//! Dormant members and memberships ending soon; suspending many at once.

use std::collections::BTreeSet;

use super::*;
use crate::both;

async fn listed(
    admin: &Client,
    org: &api::Organization,
    query: api::MemberQuery,
) -> BTreeSet<Uuid> {
    let page = admin.members(&oid(org), &query).await.expect("members");
    assert_eq!(
        page.total as usize,
        page.items.len(),
        "one page, counted right"
    );
    page.items.into_iter().map(|m| m.id).collect()
}

both!(dormant_and_expiring_filters, |ts| {
    let (admin, org) = ts.org_admin("ada@dormant.example", "dormant", CRM).await;
    let (_, carol) = ts
        .member(&admin, &org, "carol@dormant.example", "Carol")
        .await;
    let (_, dave) = ts
        .member(&admin, &org, "dave@dormant.example", "Dave")
        .await;
    let (_, erin) = ts
        .member(&admin, &org, "erin@dormant.example", "Erin")
        .await;
    let (_, frank) = ts
        .member(&admin, &org, "frank@dormant.example", "Frank")
        .await;
    activity(&ts, carol.id, 100, None).await;
    activity(&ts, dave.id, 100, Some(2)).await;
    activity(&ts, erin.id, 100, Some(60)).await;
    activity(&ts, frank.id, 0, None).await;

    let inactive = |days| api::MemberQuery {
        inactive_days: Some(days),
        ..Default::default()
    };
    // Never signed in counts from joining: Carol (100 days), not Frank (today).
    assert_eq!(
        listed(&admin, &org, inactive(30)).await,
        BTreeSet::from([carol.id, erin.id])
    );
    assert_eq!(
        listed(&admin, &org, inactive(1)).await,
        BTreeSet::from([carol.id, dave.id, erin.id])
    );
    assert_eq!(listed(&admin, &org, inactive(365)).await, BTreeSet::new());

    let auditors = custom_group(&admin, &org, "Auditors", &["org.audit.read"]).await;
    for (who, days) in [(dave.id, 3), (frank.id, 20)] {
        admin
            .add_group_members_until(
                &oid(&org),
                auditors.id,
                &api::AddMembers {
                    accounts: vec![who],
                    expires_at: Some(now() + time::Duration::days(days)),
                },
            )
            .await
            .unwrap();
    }
    let expiring = |days| api::MemberQuery {
        expiring_within_days: Some(days),
        ..Default::default()
    };
    assert_eq!(
        listed(&admin, &org, expiring(7)).await,
        BTreeSet::from([dave.id])
    );
    assert_eq!(
        listed(&admin, &org, expiring(30)).await,
        BTreeSet::from([dave.id, frank.id])
    );
    // Filters combine.
    assert_eq!(
        listed(
            &admin,
            &org,
            api::MemberQuery {
                inactive_days: Some(1),
                expiring_within_days: Some(30),
                ..Default::default()
            }
        )
        .await,
        BTreeSet::from([dave.id])
    );
    // Spans beyond a century are refused, naming the parameter.
    for query in [inactive(36_501), expiring(u32::MAX)] {
        let refused = admin
            .members(&oid(&org), &query)
            .await
            .expect_err("out of range");
        assert_eq!(refused.status(), Some(422));
        assert_eq!(refused.code(), Some("validation_failed"));
    }
    // Another organization's admin sees none of them.
    let (other, other_org) = ts
        .org_admin("eve@other.example", "dormant-other", CRM)
        .await;
    assert_eq!(
        listed(&other, &other_org, inactive(30)).await,
        BTreeSet::new()
    );
});

both!(suspending_many_dormant_members, |ts| {
    let (admin, org) = ts.org_admin("ada@bulksus.example", "bulksus", CRM).await;
    let me = admin.me().await.unwrap();
    let (bob, _) = ts.member(&admin, &org, "bob@bulksus.example", "Bob").await;
    let (_, carol) = ts
        .member(&admin, &org, "carol@bulksus.example", "Carol")
        .await;
    let (_, erin) = ts
        .member(&admin, &org, "erin@bulksus.example", "Erin")
        .await;
    let (deputy, deputy_profile) = ts
        .member(&admin, &org, "dep@bulksus.example", "Deputy")
        .await;
    let deputies = custom_group(
        &admin,
        &org,
        "Deputies",
        &["org.members.read", "org.members.suspend"],
    )
    .await;
    admin
        .add_group_members(&oid(&org), deputies.id, &accounts(&[deputy_profile.id]))
        .await
        .unwrap();
    let (_, outsider) = ts.register("out@elsewhere.example", "Outsider").await;
    let seats = |o: api::Organization| o.subscription.seats_used;
    let seats_before = seats(admin.org(&oid(&org)).await.unwrap());
    let req = |ids: &[Uuid], dry_run| api::BulkSuspend {
        accounts: ids.to_vec(),
        dry_run,
    };
    let status = |id| {
        let admin = admin.clone();
        let org = oid(&org);
        async move { admin.member(&org, id).await.unwrap().status }
    };

    // Attacks first, each changing nothing.
    assert_eq!(
        failure(
            bob.suspend_members(&oid(&org), &req(&[carol.id], false))
                .await
        ),
        (403, "forbidden".into())
    );
    assert_eq!(
        failure(
            admin
                .suspend_members(&oid(&org), &req(&[carol.id, me.id], false))
                .await
        ),
        (409, "cannot_suspend_self".into())
    );
    assert_eq!(
        failure(
            admin
                .suspend_members(&oid(&org), &req(&[carol.id, outsider.id], false))
                .await
        ),
        (422, "validation_failed".into())
    );
    // The deputy may suspend, but not someone holding more than they do.
    assert_eq!(
        failure(
            deputy
                .suspend_members(&oid(&org), &req(&[carol.id, me.id], false))
                .await
        ),
        (403, "permission_escalation".into())
    );
    assert_eq!(status(carol.id).await, api::MembershipStatus::Active);

    // The preview says what would free, and keeps nothing.
    let preview = admin
        .suspend_members(&oid(&org), &req(&[carol.id, erin.id], true))
        .await
        .unwrap();
    assert!(preview.dry_run);
    assert_eq!(preview.suspended.len(), 2);
    assert_eq!(preview.seats_freed, 2);
    assert_eq!(preview.seats_used, u64::from(seats_before) - 2);
    assert_eq!(status(carol.id).await, api::MembershipStatus::Active);
    assert_eq!(seats(admin.org(&oid(&org)).await.unwrap()), seats_before);

    // Applied in one go.
    let done = deputy
        .suspend_members(&oid(&org), &req(&[carol.id, erin.id, carol.id], false))
        .await
        .unwrap();
    assert_eq!(
        done.suspended.iter().copied().collect::<BTreeSet<_>>(),
        BTreeSet::from([carol.id, erin.id])
    );
    assert_eq!(done.seats_freed, 2);
    assert_eq!(status(carol.id).await, api::MembershipStatus::Suspended);
    assert_eq!(status(erin.id).await, api::MembershipStatus::Suspended);
    assert_eq!(
        seats(admin.org(&oid(&org)).await.unwrap()),
        seats_before - 2
    );
    let entries = audited(
        &admin,
        &org,
        api::actions::MEMBER_SUSPEND,
        Some(carol.id.to_string()),
    )
    .await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].detail["bulk"], true);

    // Again: nothing more to do.
    let again = admin
        .suspend_members(&oid(&org), &req(&[carol.id], false))
        .await
        .unwrap();
    assert_eq!(
        (again.suspended.len(), again.unchanged, again.seats_freed),
        (0, 1, 0)
    );
});

both!(two_admins_suspending_each_other_at_once_leave_one, |ts| {
    let (ada, org) = ts.org_admin("ada@mutual.example", "mutual", CRM).await;
    let ada_id = ada.me().await.unwrap().id;
    let (bob, bob_profile) = ts.member(&ada, &org, "bob@mutual.example", "Bob").await;
    let admins = group_named(&ada, &org, "Admin").await;
    ada.add_group_members(&oid(&org), admins.id, &accounts(&[bob_profile.id]))
        .await
        .unwrap();
    let suspend = |client: Client, target: Uuid| {
        let org = oid(&org);
        tokio::spawn(async move {
            client
                .suspend_members(
                    &org,
                    &api::BulkSuspend {
                        accounts: vec![target],
                        dry_run: false,
                    },
                )
                .await
        })
    };
    let a = suspend(ada.clone(), bob_profile.id);
    let b = suspend(bob.clone(), ada_id);
    let answers = [a.await.unwrap(), b.await.unwrap()];
    let done = answers.iter().filter(|r| r.is_ok()).count();
    assert_eq!(done, 1, "one goes first; the other is refused: {answers:?}");
    for refused in answers.iter().filter_map(|r| r.as_ref().err()) {
        let code = refused.code().unwrap_or_default().to_string();
        assert!(
            ["last_admin", "membership_suspended"].contains(&code.as_str()),
            "{code}"
        );
    }
    let statuses = [
        ada.member(&oid(&org), bob_profile.id)
            .await
            .map(|m| m.status),
        bob.member(&oid(&org), ada_id).await.map(|m| m.status),
    ];
    assert_eq!(
        statuses.iter().filter(|s| s.is_ok()).count(),
        1,
        "exactly one of them can still act: {statuses:?}"
    );
});
