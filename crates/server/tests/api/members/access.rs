#[allow(unused_imports)]
use super::*;

both!(get_member_with_groups_and_permission_checks, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let admin_me = admin.me().await.unwrap();
    let (bob, bob_profile) = ts
        .member(&admin, &org, "bob@acme.example", "Bob Builder")
        .await;
    let sales = group_named(&admin, &org, "Sales Team").await;
    let user = group_named(&admin, &org, "User").await;
    admin
        .add_group_members(
            "acme",
            sales.id,
            &api::AccountList {
                accounts: vec![bob_profile.id],
            },
        )
        .await
        .unwrap();
    let id = org.id.to_string();

    let member = admin.member(&id, bob_profile.id).await.unwrap();
    assert_eq!(member.id, bob_profile.id);
    assert_eq!(member.name, "Bob Builder");
    assert_eq!(member.email, "bob@acme.example");
    assert_eq!(member.status, api::MembershipStatus::Active);
    let groups: HashSet<Uuid> = member.groups.iter().map(|g| g.id).collect();
    assert_eq!(groups, [sales.id, user.id].into());
    let me = admin.member("acme", admin_me.id).await.unwrap();
    let names: Vec<&str> = me.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["Admin"]);
    // A User may read members (User holds org.members.read by default).
    assert_eq!(bob.member(&id, admin_me.id).await.unwrap().id, admin_me.id);

    // Another organization's member is not found here, whoever asks.
    let (other_admin, _other) = ts
        .org_admin("admin@bravo.example", "bravo", &[("crm", "crm-team")])
        .await;
    let other_me = other_admin.me().await.unwrap();
    for (client, org_key, account) in [
        (&admin, "acme", other_me.id),
        (&other_admin, "bravo", bob_profile.id),
        (&other_admin, "bravo", admin_me.id),
        (&admin, "acme", Uuid::now_v7()),
    ] {
        let err = client.member(org_key, account).await.expect_err("foreign");
        assert_eq!(err.status(), Some(404));
        assert_eq!(err.code(), Some("not_found"));
        assert_eq!(
            code(client.member_permissions(org_key, account).await),
            "not_found"
        );
    }
    // Nor can the other admin read this organization's members at all.
    assert_eq!(
        code(other_admin.member("acme", bob_profile.id).await),
        "not_found"
    );
    assert_eq!(
        code(other_admin.members("acme", &query()).await),
        "not_found"
    );

    // Without org.members.read (taken from User), a User member is refused.
    take_permission(&admin, &id, &user, "org.members.read").await;
    let (cara, cara_profile) = ts
        .member(&admin, &org, "cara@acme.example", "Cara Plain")
        .await;
    let cara_groups: Vec<String> = admin
        .member(&id, cara_profile.id)
        .await
        .unwrap()
        .groups
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert_eq!(cara_groups, ["User"]);
    let mine: Vec<String> = cara
        .my_permissions(&id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.permission)
        .collect();
    assert!(!mine.contains(&"org.members.read".to_string()), "{mine:?}");
    for (who, client, account) in [
        ("cara", &cara, admin_me.id),
        ("cara about herself", &cara, cara_profile.id),
        ("cara about bob", &cara, bob_profile.id),
    ] {
        let err = client.member(&id, account).await.expect_err(who);
        assert_eq!(err.status(), Some(403), "{who}");
        assert_eq!(err.code(), Some("forbidden"), "{who}");
        assert_eq!(
            code(client.member_permissions(&id, account).await),
            "forbidden"
        );
    }
    assert_eq!(code(cara.members(&id, &query()).await), "forbidden");
    // Bob's Sales Team grants no org.members.read either.
    assert_eq!(code(bob.member(&id, admin_me.id).await), "forbidden");
    assert_eq!(code(bob.members(&id, &query()).await), "forbidden");
    // Being a member still shows the organization itself.
    assert_eq!(cara.org(&id).await.unwrap().id, org.id);
});

/// Signs `email` in from a browser, optionally into one organization.
async fn login_from(
    ts: &TestServer,
    user_agent: &str,
    email: &str,
    organization: Option<&str>,
) -> api::LoginResponse {
    ts.client()
        .with_user_agent(user_agent)
        .unwrap()
        .login(&api::LoginRequest {
            email: email.into(),
            password: PASSWORD.into(),
            organization: organization.map(str::to_string),
        })
        .await
        .expect("login")
}

both!(member_sessions_are_scoped_to_the_organization, |ts| {
    let (admin_a, org_a) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let (admin_b, org_b) = ts
        .org_admin("admin@bravo.example", "bravo", &[("crm", "crm-team")])
        .await;
    let (mia, mia_profile) = ts
        .member(&admin_a, &org_a, "mia@both.example", "Mia Both")
        .await;
    // Mia belongs to bravo too.
    add_member_directly(
        &ts,
        org_b.id,
        mia_profile.id,
        "Mia Both",
        "mia@both.example",
    )
    .await;
    let user_b = group_named(&admin_b, &org_b, "User").await;
    admin_b
        .add_group_members(
            "bravo",
            user_b.id,
            &api::AccountList {
                accounts: vec![mia_profile.id],
            },
        )
        .await
        .unwrap();

    let into_a = login_from(&ts, FIREFOX, "mia@both.example", Some("acme")).await;
    assert_eq!(into_a.organization_id, Some(org_a.id));
    let into_b = login_from(&ts, CHROME, "mia@both.example", Some("bravo")).await;
    assert_eq!(into_b.organization_id, Some(org_b.id));
    // Her own view shows every session: the registration's, acme's and bravo's.
    let own = mia.my_sessions(None, None).await.unwrap();
    assert_eq!(own.total, 3);
    // An admin sees a platform-wide session only once it was used in their
    // organization: until then, acme sees only the sign-in into acme.
    let before_use = admin_a
        .member_sessions("acme", mia_profile.id, None, None)
        .await
        .unwrap();
    assert_eq!(before_use.total, 1, "{:?}", before_use.items);
    assert_eq!(before_use.items[0].organization_id, Some(org_a.id));
    // Her registration's session, used in both organizations, shows in both.
    mia.my_permissions("acme").await.unwrap();
    mia.my_permissions("bravo").await.unwrap();

    // Acme's admin sees the platform-wide session used there and the acme session, not bravo's.
    let seen_a = admin_a
        .member_sessions("acme", mia_profile.id, None, None)
        .await
        .unwrap();
    assert_eq!(seen_a.total, 2, "{:?}", seen_a.items);
    assert_eq!(seen_a.items.len(), 2);
    assert!(
        seen_a
            .items
            .iter()
            .all(|s| s.organization_id.is_none() || s.organization_id == Some(org_a.id)),
        "{:?}",
        seen_a.items
    );
    let acme_session = seen_a
        .items
        .iter()
        .find(|s| s.organization_id == Some(org_a.id))
        .expect("the acme session");
    assert_eq!(
        acme_session.device.as_deref(),
        Some("Firefox 133 on Windows 10")
    );
    assert_eq!(acme_session.ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(acme_session.user_agent.as_deref(), Some(FIREFOX));
    assert!(!acme_session.current, "not the admin's own session");
    assert!(
        !seen_a
            .items
            .iter()
            .any(|s| s.device.as_deref().is_some_and(|d| d.starts_with("Chrome"))),
        "the bravo sign-in stays hidden from acme"
    );
    // Bravo's admin sees the mirror image.
    let seen_b = admin_b
        .member_sessions("bravo", mia_profile.id, None, None)
        .await
        .unwrap();
    assert_eq!(seen_b.total, 2);
    assert!(
        seen_b
            .items
            .iter()
            .all(|s| s.organization_id.is_none() || s.organization_id == Some(org_b.id))
    );
    let bravo_session = seen_b
        .items
        .iter()
        .find(|s| s.organization_id == Some(org_b.id))
        .expect("the bravo session");
    assert!(
        bravo_session
            .device
            .as_deref()
            .is_some_and(|d| d.starts_with("Chrome 131")),
        "{:?}",
        bravo_session.device
    );
    let platform_a: Vec<Uuid> = seen_a
        .items
        .iter()
        .filter(|s| s.organization_id.is_none())
        .map(|s| s.id)
        .collect();
    let platform_b: Vec<Uuid> = seen_b
        .items
        .iter()
        .filter(|s| s.organization_id.is_none())
        .map(|s| s.id)
        .collect();
    assert_eq!(platform_a.len(), 1);
    assert_eq!(
        platform_a, platform_b,
        "the platform-wide session used in both is seen by both"
    );

    // Paging stays in scope too.
    let first = admin_a
        .member_sessions("acme", mia_profile.id, Some(1), None)
        .await
        .unwrap();
    assert_eq!(first.items.len(), 1);
    assert_eq!(first.total, 2);
    let rest = admin_a
        .member_sessions(
            "acme",
            mia_profile.id,
            Some(1),
            first.next_cursor.as_deref(),
        )
        .await
        .unwrap();
    assert_eq!(rest.items.len(), 1);
    assert_eq!(rest.next_cursor, None);
    let paged: HashSet<Uuid> = [first.items[0].id, rest.items[0].id].into();
    let whole: HashSet<Uuid> = seen_a.items.iter().map(|s| s.id).collect();
    assert_eq!(paged, whole);

    // A User member lacks org.members.sessions.read, even about themselves.
    let acme_mia = mia.clone().with_token(into_a.token.clone());
    let admin_a_id = admin_a.me().await.unwrap().id;
    for (client, account) in [(&mia, admin_a_id), (&acme_mia, mia_profile.id)] {
        let err = client
            .member_sessions("acme", account, None, None)
            .await
            .expect_err("a User cannot read sessions");
        assert_eq!(err.status(), Some(403));
        assert_eq!(err.code(), Some("forbidden"));
    }
    // A session opened into bravo does not work in acme.
    let bravo_mia = mia.clone().with_token(into_b.token.clone());
    assert_eq!(code(bravo_mia.org("acme").await), "wrong_organization");
    // An outsider's sessions are not found, as is anyone's from another tenant.
    let admin_b_id = admin_b.me().await.unwrap().id;
    assert_eq!(
        code(
            admin_a
                .member_sessions("acme", admin_b_id, None, None)
                .await
        ),
        "not_found"
    );
    assert_eq!(
        code(
            admin_b
                .member_sessions("acme", mia_profile.id, None, None)
                .await
        ),
        "not_found"
    );
});

both!(suspended_member_reaches_only_their_account, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let (sam, sam_profile) = ts
        .member(&admin, &org, "sam@acme.example", "Sam Paused")
        .await;
    let id = org.id.to_string();
    // Before: Sam reaches everything a User may, and holds permissions.
    assert!(sam.my_permissions(&id).await.is_ok());
    assert!(
        !admin
            .member_permissions(&id, sam_profile.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(admin.org(&id).await.unwrap().subscription.seats_used, 2);

    suspend_via_sql(&ts, org.id, sam_profile.id).await;

    let user = group_named(&admin, &org, "User").await;
    let refusals: Vec<(&str, Result<(), orgdesk_client::Error>)> = vec![
        ("org", sam.org(&id).await.map(drop)),
        ("org by subdomain", sam.org("acme").await.map(drop)),
        ("groups", sam.groups(&id).await.map(drop)),
        ("group", sam.group(&id, user.id).await.map(drop)),
        ("permissions", sam.org_permissions(&id).await.map(drop)),
        ("members", sam.members(&id, &query()).await.map(drop)),
        ("member", sam.member(&id, sam_profile.id).await.map(drop)),
        ("me/permissions", sam.my_permissions(&id).await.map(drop)),
        (
            "member permissions",
            sam.member_permissions(&id, sam_profile.id).await.map(drop),
        ),
        (
            "update org",
            sam.update_org(
                &id,
                &api::UpdateOrganization {
                    name: Some("Sam's Now".into()),
                    ..Default::default()
                },
                None,
            )
            .await
            .map(drop),
        ),
    ];
    for (what, result) in refusals {
        let err = result.expect_err(what);
        assert_eq!(err.status(), Some(403), "{what}");
        assert_eq!(err.code(), Some("membership_suspended"), "{what}");
    }
    // A fresh sign-in into the organization is refused the same way.
    let err = ts
        .client()
        .login(&api::LoginRequest {
            email: "sam@acme.example".into(),
            password: PASSWORD.into(),
            organization: Some("acme".into()),
        })
        .await
        .expect_err("suspended");
    assert_eq!(err.code(), Some("membership_suspended"));

    // The account itself still works.
    assert_eq!(sam.me().await.unwrap().id, sam_profile.id);
    let mine = sam.my_organizations().await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, org.id);
    assert_eq!(mine[0].membership_status, api::MembershipStatus::Suspended);

    // The admin sees Sam suspended, holding no permissions, not using a seat.
    let seen = admin.member(&id, sam_profile.id).await.unwrap();
    assert_eq!(seen.status, api::MembershipStatus::Suspended);
    assert!(seen.suspended_at.is_some());
    assert_eq!(seen.groups.len(), 1, "the groups are kept");
    assert!(
        admin
            .member_permissions(&id, sam_profile.id)
            .await
            .unwrap()
            .is_empty()
    );
    let after = admin.org(&id).await.unwrap();
    assert_eq!(
        after.subscription.seats_used, 1,
        "suspended members take no seat"
    );
    assert_eq!(after.name, org.name, "the refused edit changed nothing");
});

// Who is calling and one member are read on each request (the caller an
// instance keeps only while the stamps read with the session vouch for it:
// groups/kept_callers.rs): what another instance writes counts on the very
// next one (on SQLite these reads run on the request's own thread, beside
// sqlx's pool).
both!(
    changes_by_another_instance_count_on_the_next_request,
    |ts| {
        let (admin, org) = ts
            .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
            .await;
        let (bob, bob_profile) = ts
            .member(&admin, &org, "bob@acme.example", "Bob Builder")
            .await;
        let (_cara, cara_profile) = ts
            .member(&admin, &org, "cara@acme.example", "Cara Plain")
            .await;
        let id = org.id.to_string();
        let second = ts.another_instance().await;
        let elsewhere = |client: &Client| {
            Client::new(second.url())
                .unwrap()
                .with_token(client.token().unwrap().to_string())
        };
        let (admin_there, bob_there) = (elsewhere(&admin), elsewhere(&bob));

        // Read here, so that this instance's connections hold compiled statements.
        let before = bob.member(&id, cara_profile.id).await.unwrap();
        assert_eq!(before.status, api::MembershipStatus::Active);

        // Another instance suspends Cara: the member read here says so at once.
        admin_there
            .suspend_member(&id, cara_profile.id)
            .await
            .unwrap();
        let after = bob.member(&id, cara_profile.id).await.unwrap();
        assert_eq!(after.status, api::MembershipStatus::Suspended);
        assert!(after.suspended_at.is_some());

        // It takes org.members.read from User: Bob is refused here at once.
        let user = group_named(&admin_there, &org, "User").await;
        take_permission(&admin_there, &id, &user, "org.members.read").await;
        assert_eq!(code(bob.member(&id, cara_profile.id).await), "forbidden");

        // Bob signs out there: his token ends here too.
        bob_there.logout().await.unwrap();
        let err = bob.me().await.expect_err("signed out elsewhere");
        assert_eq!(err.status(), Some(401));
        let err = bob
            .member(&id, bob_profile.id)
            .await
            .expect_err("signed out");
        assert_eq!(err.status(), Some(401));

        // The admin's own reads here still work, and see Cara suspended.
        let cara = admin.member(&id, cara_profile.id).await.unwrap();
        assert_eq!(cara.status, api::MembershipStatus::Suspended);
        second.stop().await.unwrap();
    }
);
