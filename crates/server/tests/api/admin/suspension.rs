#[allow(unused_imports)]
use super::*;

// ---- Suspension --------------------------------------------------------------

both!(suspend_needs_the_permission_and_never_self, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let admin_me = admin.me().await.unwrap();
    let (user, user_me) = ts
        .member(&admin, &org, "ulla@acme.example", "Ulla User")
        .await;
    let (_, other) = ts
        .member(&admin, &org, "otto@acme.example", "Otto Other")
        .await;

    // A User holds org.members.read but not org.members.suspend.
    assert_eq!(
        failure(user.suspend_member(&oid(&org), admin_me.id).await),
        (403, "forbidden".into())
    );
    assert_eq!(
        failure(user.suspend_member(&oid(&org), other.id).await),
        (403, "forbidden".into())
    );
    assert_eq!(
        failure(user.reactivate_member(&oid(&org), other.id).await),
        (403, "forbidden".into())
    );
    // Nobody suspends themselves, not even an admin.
    assert_eq!(
        failure(admin.suspend_member(&oid(&org), admin_me.id).await),
        (409, "cannot_suspend_self".into())
    );
    assert_eq!(
        failure(user.suspend_member(&oid(&org), user_me.id).await),
        (403, "forbidden".into()),
        "the permission is checked first"
    );
    // An unknown account or someone who is not a member: 404.
    assert_eq!(
        failure(admin.suspend_member(&oid(&org), Uuid::now_v7()).await),
        (404, "not_found".into())
    );
    let (_, outsider) = ts.register("olga@elsewhere.example", "Olga Outsider").await;
    assert_eq!(
        failure(admin.suspend_member(&oid(&org), outsider.id).await),
        (404, "not_found".into())
    );
    assert_eq!(
        failure(admin.reactivate_member(&oid(&org), outsider.id).await),
        (404, "not_found".into())
    );
    // Nothing changed.
    for id in [admin_me.id, user_me.id, other.id] {
        assert_eq!(
            status_of(&admin, &org, id).await,
            api::MembershipStatus::Active
        );
    }
    assert!(
        admin
            .audit_log(
                &oid(&org),
                &api::AuditQuery {
                    action: Some("member.".into()),
                    ..everything()
                }
            )
            .await
            .unwrap()
            .items
            .is_empty(),
        "refused suspensions are not recorded"
    );
});

both!(suspension_is_per_organization_and_immediate, |ts| {
    let (admin_a, org_a) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let (admin_b, org_b) = ts.org_admin("bea@beta.example", "beta", CRM).await;
    let (_, mia) = ts
        .member(&admin_a, &org_a, "mia@example.com", "Mia Member")
        .await;
    join(&ts, &admin_b, &org_b, &mia).await;

    let mia_any = session(&ts, "mia@example.com").await;
    let mia_bound = ts.client().with_token(
        login(&ts, "mia@example.com", PASSWORD, Some("acme"))
            .await
            .unwrap()
            .token,
    );
    assert!(
        !mia_any
            .my_permissions(&oid(&org_a))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !mia_bound
            .my_permissions(&oid(&org_a))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !mia_any
            .my_permissions(&oid(&org_b))
            .await
            .unwrap()
            .is_empty()
    );
    let seats_before = seats_used(&admin_a, &org_a).await;
    assert_eq!(seats_before, 2);

    let suspended = admin_a.suspend_member(&oid(&org_a), mia.id).await.unwrap();
    assert_eq!(suspended.id, mia.id);
    assert_eq!(suspended.status, api::MembershipStatus::Suspended);
    let suspended_at = suspended.suspended_at.expect("suspended_at is set");
    assert!(
        suspended.groups.iter().any(|g| g.name == "User"),
        "suspension keeps the groups: {:?}",
        suspended.groups
    );

    // The very next request of each of her sessions is refused in acme…
    for client in [&mia_any, &mia_bound] {
        assert_eq!(
            failure(client.my_permissions(&oid(&org_a)).await),
            (403, "membership_suspended".into())
        );
        assert_eq!(
            failure(
                client
                    .members(&oid(&org_a), &api::MemberQuery::default())
                    .await
            ),
            (403, "membership_suspended".into())
        );
        assert_eq!(
            failure(client.org(&oid(&org_a)).await),
            (403, "membership_suspended".into())
        );
        assert_eq!(
            failure(client.groups("acme").await),
            (403, "membership_suspended".into()),
            "by subdomain too"
        );
    }
    // …and a new sign-in into acme too.
    assert_eq!(
        failure(login(&ts, "mia@example.com", PASSWORD, Some("acme")).await),
        (403, "membership_suspended".into())
    );
    // She keeps her account and her other organization.
    assert_eq!(mia_any.me().await.unwrap().id, mia.id);
    assert!(
        !mia_any
            .my_permissions(&oid(&org_b))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !mia_any
            .members(&oid(&org_b), &api::MemberQuery::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
    login(&ts, "mia@example.com", PASSWORD, Some("beta"))
        .await
        .expect("beta login");
    let mine = mia_any.my_organizations().await.unwrap();
    let status_in = |id: Uuid| {
        mine.iter()
            .find(|o| o.id == id)
            .map(|o| o.membership_status)
    };
    assert_eq!(status_in(org_a.id), Some(api::MembershipStatus::Suspended));
    assert_eq!(status_in(org_b.id), Some(api::MembershipStatus::Active));
    assert_eq!(
        status_of(&admin_b, &org_b, mia.id).await,
        api::MembershipStatus::Active
    );
    // A suspended member holds no permissions and no seat.
    assert!(
        admin_a
            .member_permissions(&oid(&org_a), mia.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(seats_used(&admin_a, &org_a).await, seats_before - 1);
    assert_eq!(
        seats_used(&admin_b, &org_b).await,
        2,
        "beta's seats are untouched"
    );

    // Suspending twice changes nothing and records nothing more.
    let again = admin_a.suspend_member(&oid(&org_a), mia.id).await.unwrap();
    assert_eq!(again.status, api::MembershipStatus::Suspended);
    assert_eq!(
        again.suspended_at,
        Some(suspended_at),
        "the first suspension's time stays"
    );
    assert_eq!(seats_used(&admin_a, &org_a).await, seats_before - 1);
    let recorded = admin_a
        .audit_log(
            &oid(&org_a),
            &api::AuditQuery {
                action: Some("member.suspend".into()),
                ..everything()
            },
        )
        .await
        .unwrap();
    assert_eq!(recorded.total, 1, "{:?}", recorded.items);

    // Reactivation restores access at the next request, with the same groups.
    let back = admin_a
        .reactivate_member(&oid(&org_a), mia.id)
        .await
        .unwrap();
    assert_eq!(back.status, api::MembershipStatus::Active);
    assert_eq!(back.suspended_at, None);
    assert!(back.groups.iter().any(|g| g.name == "User"));
    assert!(
        !mia_any
            .my_permissions(&oid(&org_a))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !mia_bound
            .my_permissions(&oid(&org_a))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(seats_used(&admin_a, &org_a).await, seats_before);
    // Reactivating an active member is a no-op.
    let twice = admin_a
        .reactivate_member(&oid(&org_a), mia.id)
        .await
        .unwrap();
    assert_eq!(twice.status, api::MembershipStatus::Active);
    assert_eq!(seats_used(&admin_a, &org_a).await, seats_before);
    let reactivations = admin_a
        .audit_log(
            &oid(&org_a),
            &api::AuditQuery {
                action: Some("member.reactivate".into()),
                ..everything()
            },
        )
        .await
        .unwrap();
    assert_eq!(reactivations.total, 1);

    // beta's admin cannot touch her membership in acme (acme does not exist for them).
    assert_eq!(
        failure(admin_b.suspend_member(&oid(&org_a), mia.id).await),
        (404, "not_found".into())
    );
    assert_eq!(
        status_of(&admin_a, &org_a, mia.id).await,
        api::MembershipStatus::Active
    );
});

both!(a_junior_admin_cannot_suspend_a_senior_one, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let admin_me = admin.me().await.unwrap();
    let (junior, _) = member_with(
        &ts,
        &admin,
        &org,
        "Junior Admins",
        &["org.members.suspend", "org.members.read"],
        "jun@acme.example",
    )
    .await;
    let (_, user) = ts
        .member(&admin, &org, "ulla@acme.example", "Ulla User")
        .await;
    let (_, nobody) = bare_member(&ts, &org, "nora@acme.example", "Nora Nogroup").await;

    // The admin holds permissions the junior lacks.
    assert_eq!(
        failure(junior.suspend_member(&oid(&org), admin_me.id).await),
        (403, "permission_escalation".into())
    );
    assert_eq!(
        status_of(&admin, &org, admin_me.id).await,
        api::MembershipStatus::Active
    );
    assert!(
        admin.groups(&oid(&org)).await.is_ok(),
        "the admin still works"
    );
    // So does a User (org.groups.read, crm.*).
    assert_eq!(
        failure(junior.suspend_member(&oid(&org), user.id).await),
        (403, "permission_escalation".into())
    );
    assert_eq!(
        status_of(&admin, &org, user.id).await,
        api::MembershipStatus::Active
    );
    // A member holding nothing the junior lacks can be suspended and reactivated.
    let done = junior.suspend_member(&oid(&org), nobody.id).await.unwrap();
    assert_eq!(done.status, api::MembershipStatus::Suspended);
    let done = junior
        .reactivate_member(&oid(&org), nobody.id)
        .await
        .unwrap();
    assert_eq!(done.status, api::MembershipStatus::Active);

    // Nor can the junior reactivate a suspended senior.
    let (_, second_admin) = ts
        .member(&admin, &org, "sam@acme.example", "Sam Second")
        .await;
    let admins = group_named(&admin, &org, "Admin").await;
    add_to(&admin, &org, admins.id, second_admin.id).await;
    admin
        .suspend_member(&oid(&org), second_admin.id)
        .await
        .unwrap();
    assert_eq!(
        failure(junior.reactivate_member(&oid(&org), second_admin.id).await),
        (403, "permission_escalation".into())
    );
    assert_eq!(
        status_of(&admin, &org, second_admin.id).await,
        api::MembershipStatus::Suspended
    );
});

both!(the_last_admin_cannot_be_suspended, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let admin_me = admin.me().await.unwrap();
    // A deputy holding every permission but org.groups.manage.
    let mut deputy_permissions: Vec<&str> = EVERY_PLATFORM_PERMISSION_BUT_MANAGE.to_vec();
    deputy_permissions.extend([
        "crm.contacts.read",
        "crm.contacts.write",
        "crm.contacts.delete",
        "crm.deals.read",
        "crm.deals.write",
        "crm.reports.read",
        "crm.settings.manage",
    ]);
    let (deputy, _) = member_with(
        &ts,
        &admin,
        &org,
        "Deputies",
        &deputy_permissions,
        "dep@acme.example",
    )
    .await;
    // Whoever can suspend the only holder of org.groups.manage must hold it
    // too, and so be an active holder themselves: the escalation rule
    // answers first, and the admin cannot suspend themselves.
    assert_eq!(
        failure(deputy.suspend_member(&oid(&org), admin_me.id).await),
        (403, "permission_escalation".into())
    );
    assert_eq!(
        failure(admin.suspend_member(&oid(&org), admin_me.id).await),
        (409, "cannot_suspend_self".into())
    );
    assert_eq!(
        status_of(&admin, &org, admin_me.id).await,
        api::MembershipStatus::Active
    );

    // last_admin is what two admins suspending each other at once run into.
    let (second, second_me) = ts
        .member(&admin, &org, "sam@acme.example", "Sam Second")
        .await;
    let admins = group_named(&admin, &org, "Admin").await;
    add_to(&admin, &org, admins.id, second_me.id).await;
    let other_instance = match ts.backend {
        Backend::Postgres => Some(ts.another_instance().await),
        Backend::Sqlite => None,
    };
    let second = match &other_instance {
        Some(server) => Client::new(server.url())
            .unwrap()
            .with_token(second.token().unwrap()),
        None => second,
    };
    if ts.backend == Backend::Postgres {
        // Hold the organization's lock until both requests wait for it:
        // both callers are then active admins, and the later one would
        // leave nobody who can manage groups.
        let mut hold = ts.server.state.db.begin().await.unwrap();
        hold.lock_org(org.id).await.unwrap();
        let a = admin.clone();
        let b = second.clone();
        let (a_id, b_id) = (admin_me.id, second_me.id);
        let org_key = oid(&org);
        let org_key2 = org_key.clone();
        let first = tokio::spawn(async move { a.suspend_member(&org_key, b_id).await });
        let other = tokio::spawn(async move { b.suspend_member(&org_key2, a_id).await });
        let mut waiting = 0;
        for _ in 0..100_000 {
            waiting = sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
            )
            .fetch_one(ts.server.state.db.pool())
            .await
            .unwrap();
            if waiting >= 2 {
                break;
            }
            tokio::task::yield_now().await;
        }
        assert_eq!(
            waiting, 2,
            "both suspensions wait for the organization's lock"
        );
        hold.commit().await.unwrap();
        let results = [first.await.unwrap(), other.await.unwrap()];
        let wins = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(wins, 1, "exactly one suspension goes through: {results:?}");
        let loser = results.into_iter().find(|r| r.is_err()).unwrap();
        assert_eq!(failure(loser), (409, "last_admin".into()));
    } else {
        // One writer at a time: whichever goes second is refused, either as
        // suspended already or as the last admin; never both suspended.
        for round in 0..6 {
            let key = oid(&org);
            let (x, y) = tokio::join!(
                admin.suspend_member(&key, second_me.id),
                second.suspend_member(&key, admin_me.id)
            );
            assert_eq!(
                usize::from(x.is_ok()) + usize::from(y.is_ok()),
                1,
                "round {round}: exactly one wins: {x:?} {y:?}"
            );
            let (survivor, loser_id, refused) = match (x, y) {
                (Ok(_), Err(e)) => (&admin, second_me.id, e),
                (Err(e), Ok(_)) => (&second, admin_me.id, e),
                other => panic!("{other:?}"),
            };
            let refused = (
                refused.status().unwrap_or(0),
                refused.code().unwrap_or("").to_string(),
            );
            assert!(
                refused == (403, "membership_suspended".into())
                    || refused == (409, "last_admin".into()),
                "round {round}: {refused:?}"
            );
            survivor
                .reactivate_member(&oid(&org), loser_id)
                .await
                .unwrap();
        }
    }
    // Whatever happened, somebody active can still manage groups.
    let mut managers = 0;
    for (client, id) in [(&admin, admin_me.id), (&second, second_me.id)] {
        if let Ok(m) = client.member(&oid(&org), id).await
            && m.status == api::MembershipStatus::Active
        {
            managers += 1;
            client.groups(&oid(&org)).await.unwrap();
        }
    }
    assert!(managers >= 1, "an active admin remains");
    if let Some(server) = other_instance {
        server.stop().await.unwrap();
    }
});

both!(reactivation_and_invitations_respect_seats, |ts| {
    let (admin, org) = ts
        .org_admin("ada@acme.example", "acme", HELPDESK_BASIC)
        .await;
    activate(&ts, org.id).await;
    assert_eq!(
        admin.org(&oid(&org)).await.unwrap().subscription.seat_limit,
        5
    );
    let mut people = Vec::new();
    for i in 0..4 {
        let (_, p) = ts
            .member(
                &admin,
                &org,
                &format!("m{i}@acme.example"),
                &format!("Member {i}"),
            )
            .await;
        people.push(p);
    }
    assert_eq!(seats_used(&admin, &org).await, 5);
    let sid = people[0].id;
    admin.suspend_member(&oid(&org), sid).await.unwrap();
    assert_eq!(seats_used(&admin, &org).await, 4);

    // The freed seat goes to an invitation.
    let invited = admin
        .invite(&oid(&org), &invite_one("newbie@example.com"))
        .await
        .unwrap();
    assert_eq!(
        invited.results[0].status,
        api::InviteOutcome::Invited,
        "{invited:?}"
    );
    let invitation = invited.results[0].invitation_id.expect("an invitation id");
    assert_eq!(seats_used(&admin, &org).await, 5);

    // Now reactivating would exceed the limit.
    assert_eq!(
        failure(admin.reactivate_member(&oid(&org), sid).await),
        (409, "seat_limit_reached".into())
    );
    assert_eq!(
        status_of(&admin, &org, sid).await,
        api::MembershipStatus::Suspended
    );
    assert_eq!(seats_used(&admin, &org).await, 5);
    // Inviting the suspended member is no way back in.
    let again = admin
        .invite(&oid(&org), &invite_one(&people[0].email))
        .await
        .unwrap();
    assert_eq!(again.results[0].status, api::InviteOutcome::Failed);
    assert_eq!(again.results[0].code.as_deref(), Some("member_suspended"));
    assert_eq!(
        status_of(&admin, &org, sid).await,
        api::MembershipStatus::Suspended
    );
    // Another newcomer does not fit either.
    let full = admin
        .invite(&oid(&org), &invite_one("late@example.com"))
        .await
        .unwrap();
    assert_eq!(full.results[0].code.as_deref(), Some("seat_limit_reached"));

    // Revoking the invitation frees the seat: reactivation works.
    admin
        .revoke_invitation(&oid(&org), invitation)
        .await
        .unwrap();
    assert_eq!(seats_used(&admin, &org).await, 4);
    let back = admin.reactivate_member(&oid(&org), sid).await.unwrap();
    assert_eq!(back.status, api::MembershipStatus::Active);
    assert_eq!(seats_used(&admin, &org).await, 5);
    // Even while full, inviting the (now active) member says already_member.
    let member = admin
        .invite(&oid(&org), &invite_one(&people[0].email))
        .await
        .unwrap();
    assert_eq!(member.results[0].code.as_deref(), Some("already_member"));
    // A suspended member is still refused an invitation when seats are free.
    admin
        .suspend_member(&oid(&org), people[1].id)
        .await
        .unwrap();
    let refused = admin
        .invite(&oid(&org), &invite_one(&people[1].email))
        .await
        .unwrap();
    assert_eq!(refused.results[0].code.as_deref(), Some("member_suspended"));
    assert_eq!(
        status_of(&admin, &org, people[1].id).await,
        api::MembershipStatus::Suspended
    );
    assert_eq!(seats_used(&admin, &org).await, 4);
});
