#[allow(unused_imports)]
use super::*;

// ---- Forced password reset ---------------------------------------------------

both!(
    force_password_reset_ends_sessions_until_the_password_changes,
    |ts| {
        let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
        let (first, mia) = ts
            .member(&admin, &org, "mia@example.com", "Mia Member")
            .await;
        // Acme manages Mia's account: her verified address is at its domain.
        ts.manage(&org, "example.com").await;
        ts.confirm_email(&first, "mia@example.com").await;
        let second = session(&ts, "mia@example.com").await;
        let bound = ts.client().with_token(
            login(&ts, "mia@example.com", PASSWORD, Some("acme"))
                .await
                .unwrap()
                .token,
        );
        for client in [&first, &second, &bound] {
            client.me().await.unwrap();
        }

        // 204 and nothing else: the admin never sees or sets a password.
        let path = format!(
            "/api/v1/orgs/{}/members/{}/force-password-reset",
            org.id, mia.id
        );
        let answer = admin
            .raw(Method::POST, &path, None, Vec::new())
            .await
            .unwrap();
        assert_eq!(answer.status, 204, "{}", answer.text());
        assert!(answer.body.is_empty(), "no body: {}", answer.text());
        assert!(
            !ts.mails().iter().any(|m| m.contains(PASSWORD)),
            "no password goes out by mail"
        );

        // Every session of hers has ended.
        for client in [&first, &second, &bound] {
            assert_eq!(failure(client.me().await), (401, "unauthenticated".into()));
            assert_eq!(failure(client.my_permissions(&oid(&org)).await).0, 401);
        }

        // Signing in works but the session can only change the password or log out.
        let answer = login(&ts, "mia@example.com", PASSWORD, None).await.unwrap();
        assert!(answer.password_reset_required);
        let limited = ts.client().with_token(answer.token);
        let blocked = (403, "password_reset_required".to_string());
        assert_eq!(failure(limited.me().await), blocked);
        assert_eq!(failure(limited.my_organizations().await), blocked);
        assert_eq!(failure(limited.my_sessions(None, None).await), blocked);
        assert_eq!(failure(limited.my_permissions(&oid(&org)).await), blocked);
        assert_eq!(
            failure(
                limited
                    .members(&oid(&org), &api::MemberQuery::default())
                    .await
            ),
            blocked
        );
        assert_eq!(
            failure(
                limited
                    .update_me(
                        &api::ProfilePatch {
                            name: Some("Sneaky".into()),
                            ..Default::default()
                        },
                        None
                    )
                    .await
            ),
            blocked
        );
        // Logging out works.
        let to_leave = ts.client().with_token(
            login(&ts, "mia@example.com", PASSWORD, None)
                .await
                .unwrap()
                .token,
        );
        to_leave.logout().await.unwrap();
        assert_eq!(failure(to_leave.me().await).0, 401);
        // An org-bound login says the same.
        let bound = login(&ts, "mia@example.com", PASSWORD, Some("acme"))
            .await
            .unwrap();
        assert!(bound.password_reset_required);

        // A weak or wrong change is refused and the reset stays pending.
        assert_eq!(
            failure(
                limited
                    .change_password(&api::PasswordChangeRequest {
                        current_password: "not-the-password-at-all".into(),
                        new_password: NEW_PASSWORD.into(),
                    })
                    .await
            ),
            (401, "invalid_credentials".into())
        );
        assert_eq!(failure(limited.me().await), blocked);

        limited
            .change_password(&api::PasswordChangeRequest {
                current_password: PASSWORD.into(),
                new_password: NEW_PASSWORD.into(),
            })
            .await
            .unwrap();
        // Now everything works on that session.
        assert_eq!(limited.me().await.unwrap().id, mia.id);
        assert!(!limited.my_permissions(&oid(&org)).await.unwrap().is_empty());
        assert!(!limited.my_organizations().await.unwrap().is_empty());
        // The other session opened during the reset is gone.
        assert_eq!(
            failure(ts.client().with_token(bound.token).me().await).0,
            401
        );
        assert_eq!(
            failure(login(&ts, "mia@example.com", PASSWORD, None).await),
            (401, "invalid_credentials".into())
        );
        let fresh = login(&ts, "mia@example.com", NEW_PASSWORD, None)
            .await
            .unwrap();
        assert!(!fresh.password_reset_required);

        // Recorded, naming the member.
        let entries = admin
            .audit_log(
                &oid(&org),
                &api::AuditQuery {
                    action: Some("member.force_password_reset".into()),
                    ..everything()
                },
            )
            .await
            .unwrap();
        assert_eq!(entries.total, 1);
        assert_eq!(
            entries.items[0].target_id.as_deref(),
            Some(mia.id.to_string().as_str())
        );
    }
);

both!(
    force_password_reset_needs_permission_and_stays_in_its_organization,
    |ts| {
        let (admin_a, org_a) = ts.org_admin("ada@acme.example", "acme", CRM).await;
        let admin_a_me = admin_a.me().await.unwrap();
        let (admin_b, org_b) = ts.org_admin("bea@beta.example", "beta", CRM).await;
        let (user, _) = ts
            .member(&admin_a, &org_a, "ulla@acme.example", "Ulla User")
            .await;
        let (mia, mia_me) = ts
            .member(&admin_a, &org_a, "mia@example.com", "Mia Member")
            .await;
        join(&ts, &admin_b, &org_b, &mia_me).await;
        let (olga, olga_me) = ts
            .member(&admin_b, &org_b, "olga@beta.example", "Olga Only-B")
            .await;

        let untouched = |client: Client, email: &'static str| {
            let ts = &ts;
            async move {
                client.me().await.expect("the session still works");
                let answer = login(ts, email, PASSWORD, None).await.unwrap();
                assert!(
                    !answer.password_reset_required,
                    "{email} must not have a reset pending"
                );
            }
        };

        // A User lacks org.members.reset_password.
        assert_eq!(
            failure(user.force_password_reset(&oid(&org_a), mia_me.id).await),
            (403, "forbidden".into())
        );
        // A member of beta only is not acme's to reset.
        assert_eq!(
            failure(admin_a.force_password_reset(&oid(&org_a), olga_me.id).await),
            (404, "not_found".into())
        );
        assert_eq!(
            failure(admin_a.force_password_reset(&oid(&org_b), olga_me.id).await),
            (404, "not_found".into()),
            "nor through beta's path"
        );
        // beta's admin cannot reset Mia through acme's path, though she is in beta too.
        assert_eq!(
            failure(admin_b.force_password_reset(&oid(&org_a), mia_me.id).await),
            (404, "not_found".into())
        );
        // A junior holding only reset_password cannot reset a senior admin.
        let (junior, _) = member_with(
            &ts,
            &admin_a,
            &org_a,
            "Helpdesk Resetters",
            &["org.members.reset_password", "org.members.read"],
            "jun@acme.example",
        )
        .await;
        assert_eq!(
            failure(
                junior
                    .force_password_reset(&oid(&org_a), admin_a_me.id)
                    .await
            ),
            (403, "permission_escalation".into())
        );
        admin_a.me().await.expect("the admin's session still works");
        assert!(
            !login(&ts, "ada@acme.example", PASSWORD, None)
                .await
                .unwrap()
                .password_reset_required
        );
        untouched(mia.clone(), "mia@example.com").await;
        untouched(olga.clone(), "olga@beta.example").await;
        assert!(
            admin_a
                .audit_log(
                    &oid(&org_a),
                    &api::AuditQuery {
                        action: Some("member.force_password_reset".into()),
                        ..everything()
                    }
                )
                .await
                .unwrap()
                .items
                .is_empty()
        );

        // Mia's account is managed by acme (its domain, her verified address):
        // beta's admin may not reset it, though she is a member of beta.
        ts.manage(&org_a, "example.com").await;
        ts.confirm_email(&mia, "mia@example.com").await;
        assert_eq!(
            failure(admin_b.force_password_reset(&oid(&org_b), mia_me.id).await),
            (403, "account_not_managed".into())
        );
        untouched(mia.clone(), "mia@example.com").await;
        // acme's admin may reset Mia: her account is one, so beta sessions end too.
        admin_a
            .force_password_reset(&oid(&org_a), mia_me.id)
            .await
            .unwrap();
        assert_eq!(failure(mia.me().await).0, 401);
        assert!(
            login(&ts, "mia@example.com", PASSWORD, None)
                .await
                .unwrap()
                .password_reset_required
        );
        // The log of beta says nothing of acme's action.
        assert!(
            admin_b
                .audit_log(
                    &oid(&org_b),
                    &api::AuditQuery {
                        action: Some("member.".into()),
                        ..everything()
                    }
                )
                .await
                .unwrap()
                .items
                .is_empty()
        );
    }
);

// ---- Member sessions for admins --------------------------------------------

both!(member_sessions_need_sessions_read, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let (user, user_me) = ts
        .member(&admin, &org, "ulla@acme.example", "Ulla User")
        .await;
    let (mia_client, mia) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    session(&ts, "mia@example.com").await;
    // Her sign-ins outside acme are acme's to see because acme manages her account.
    ts.manage(&org, "example.com").await;
    ts.confirm_email(&mia_client, "mia@example.com").await;

    assert_eq!(
        failure(user.member_sessions(&oid(&org), mia.id, None, None).await),
        (403, "forbidden".into())
    );
    assert_eq!(
        failure(
            user.member_sessions(&oid(&org), user_me.id, None, None)
                .await
        ),
        (403, "forbidden".into()),
        "not even their own, through the admin route"
    );
    let seen = admin
        .member_sessions(&oid(&org), mia.id, None, None)
        .await
        .unwrap();
    assert_eq!(
        seen.total, 2,
        "registration and the login: {:?}",
        seen.items
    );
    assert!(seen.items.iter().all(|s| !s.current));

    let (reader, _) = member_with(
        &ts,
        &admin,
        &org,
        "Session Readers",
        &["org.members.sessions.read"],
        "rita@acme.example",
    )
    .await;
    let by_reader = reader
        .member_sessions(&oid(&org), mia.id, None, None)
        .await
        .unwrap();
    assert_eq!(
        by_reader
            .items
            .iter()
            .map(|s| s.id)
            .collect::<BTreeSet<_>>(),
        seen.items.iter().map(|s| s.id).collect::<BTreeSet<_>>()
    );
    // Someone outside the organization: 404.
    let (_, outsider) = ts.register("olga@elsewhere.example", "Olga Outsider").await;
    assert_eq!(
        failure(
            admin
                .member_sessions(&oid(&org), outsider.id, None, None)
                .await
        ),
        (404, "not_found".into())
    );
});
