#[allow(unused_imports)]
use super::*;

// ---- Accepting -----------------------------------------------------------

both!(a_new_address_registers_through_its_link, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let sales = group_named(&admin, &org, "Sales Team").await;
    let results = invite(
        &admin,
        &org,
        vec![invitee_in("nina@people.example", &[sales.id])],
    )
    .await;
    let id = assert_invited(&results[0], "nina@people.example");
    let token = invite_token(&ts, "nina@people.example");
    let anonymous = ts.client();

    let preview = anonymous.invitation_preview(&token).await.unwrap();
    assert_eq!(preview.email, "nina@people.example");
    assert_eq!(preview.organization, org.name);
    assert!(!preview.account_exists);
    assert_eq!(
        anonymous.invitation_preview(&token).await.unwrap(),
        preview,
        "previews do not consume"
    );

    // Weak passwords and a missing name are refused; the link stays usable.
    for weak in ["short", "password1234", "nina@people.example"] {
        let (status, code) = failure(
            anonymous
                .accept_invitation(&token, &accept_body(Some("Nina Neu"), weak))
                .await,
        );
        assert_eq!((status, code.as_str()), (422, "weak_password"), "{weak}");
    }
    assert_eq!(
        failure(
            anonymous
                .accept_invitation(&token, &accept_body(None, PASSWORD))
                .await
        )
        .0,
        422
    );
    // The body cannot carry another address.
    let raw = anonymous
        .raw(
            Method::POST,
            &format!("/api/v1/invitations/{token}/accept"),
            Some("application/json"),
            serde_json::to_vec(&serde_json::json!({"name": "Nina", "password": PASSWORD, "email": "mallory@evil.example"})).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(raw.status, 422, "{}", raw.text());
    assert!(
        !anonymous
            .invitation_preview(&token)
            .await
            .unwrap()
            .account_exists,
        "nothing was created"
    );
    assert_eq!(pending_emails(&admin, &org).await, ["nina@people.example"]);

    let answer = accept_created(&anonymous, &token, Some("  Nina Neu "), PASSWORD).await;
    assert_eq!(answer.account.email, "nina@people.example");
    assert_eq!(answer.account.name, "Nina Neu");
    assert!(answer.account.email_verified, "the link proved the mailbox");
    let nina = ts.client().with_token(answer.token.clone());
    let me = nina.me().await.expect("the token works");
    assert_eq!(me.id, answer.account.id);
    assert!(me.email_verified);
    let mine = nina.my_organizations().await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, org.id);
    assert_eq!(mine[0].membership_status, api::MembershipStatus::Active);
    assert_eq!(
        mine[0].groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![sales.id],
        "the invited groups only"
    );
    let sessions = nina.my_sessions(None, None).await.unwrap();
    let current = sessions
        .items
        .iter()
        .find(|s| s.current)
        .expect("the current session");
    assert_eq!(
        current.organization_id,
        Some(org.id),
        "the session is opened into the organization"
    );
    let member = admin
        .member(&org_id, answer.account.id)
        .await
        .expect("a member now");
    assert_eq!(member.status, api::MembershipStatus::Active);
    assert_eq!(
        member.groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![sales.id]
    );
    assert_eq!(member.email, "nina@people.example");
    login_into(&ts, "nina@people.example", PASSWORD, "acme")
        .await
        .expect("login");
    // Register with that address now: taken.
    assert_eq!(
        code(
            ts.client()
                .register(&api::RegisterRequest {
                    email: "nina@people.example".into(),
                    password: PASSWORD.into(),
                    name: "x".into()
                })
                .await
        ),
        "email_taken"
    );

    // Used once.
    assert_eq!(
        failure(
            anonymous
                .accept_invitation(&token, &accept_body(Some("Nina"), PASSWORD))
                .await
        ),
        (410, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(anonymous.invitation_preview(&token).await),
        (410, "invitation_unusable".to_string())
    );
    let accepted = admin
        .invitations(
            &org_id,
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Accepted),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(accepted.items.len(), 1);
    assert_eq!(accepted.items[0].id, id);
    assert!(accepted.items[0].accepted_at.is_some());
    assert_eq!(
        failure(admin.resend_invitation(&org_id, id).await),
        (409, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(admin.revoke_invitation(&org_id, id).await),
        (409, "invitation_unusable".to_string())
    );
    let again = invite(&admin, &org, vec![invitee("nina@people.example")]).await;
    assert_failed(&again[0], "nina@people.example", "already_member");

    // Unknown tokens.
    for bogus in [
        "odi_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "nonsense",
        &format!("{token}x"),
        &"x".repeat(300),
    ] {
        assert_eq!(
            failure(anonymous.invitation_preview(bogus).await),
            (404, "invalid_token".to_string()),
            "{bogus}"
        );
        assert_eq!(
            failure(
                anonymous
                    .accept_invitation(bogus, &accept_body(Some("X"), PASSWORD))
                    .await
            ),
            (404, "invalid_token".to_string()),
            "{bogus}"
        );
    }
});

both!(an_existing_account_accepts_with_its_own_password, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let (uma, uma_profile) =
        register_with(&ts, "uma@people.example", "Uma Verified", OTHER_PASSWORD).await;
    let user = group_named(&admin, &org, "User").await;
    // Invited while unverified (a link, not instant access), verified since:
    // she proves herself with her password.
    invite_one(&admin, &org, "uma@people.example").await;
    let token = invite_token(&ts, "uma@people.example");
    ts.confirm_email(&uma, "uma@people.example").await;
    assert!(
        ts.client()
            .invitation_preview(&token)
            .await
            .unwrap()
            .account_exists
    );

    for wrong in [PASSWORD, "", "quiet-meadow-42-compass-fjorD"] {
        assert_eq!(
            failure(
                ts.client()
                    .accept_invitation(&token, &accept_body(Some("Uma"), wrong))
                    .await
            ),
            (401, "invalid_credentials".to_string()),
            "{wrong:?}"
        );
    }
    assert!(!is_member(&admin, &org, uma_profile.id).await);

    let answer = accept_created(&ts.client(), &token, Some("Somebody Else"), OTHER_PASSWORD).await;
    assert_eq!(
        answer.account.id, uma_profile.id,
        "the existing account joins"
    );
    assert_eq!(
        answer.account.name, "Uma Verified",
        "the name is not changed by the link"
    );
    uma.me().await.expect("her other sessions go on");
    let member = admin.member(&org_id, uma_profile.id).await.expect("member");
    assert_eq!(
        member.groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![user.id]
    );
    let mine = ts
        .client()
        .with_token(answer.token)
        .my_organizations()
        .await
        .unwrap();
    assert_eq!(mine.iter().map(|o| o.id).collect::<Vec<_>>(), vec![org.id]);
    // The password is unchanged.
    login_into(&ts, "uma@people.example", OTHER_PASSWORD, "acme")
        .await
        .expect("login with the old password");
    assert_eq!(
        failure(
            ts.client()
                .accept_invitation(&token, &accept_body(None, OTHER_PASSWORD))
                .await
        ),
        (410, "invitation_unusable".to_string())
    );
});

both!(
    another_person_cannot_use_someone_elses_link_for_themselves,
    |ts| {
        let (admin, org) = ts
            .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
            .await;
        let org_id = oid(&org);
        let (bob, bob_profile) = verified(&ts, "bob@people.example", "Bob Bystander").await;
        invite_one(&admin, &org, "alice@people.example").await;
        let token = invite_token(&ts, "alice@people.example");

        // Bob, signed in, cannot name his own address in the body.
        let raw = bob
        .raw(
            Method::POST,
            &format!("/api/v1/invitations/{token}/accept"),
            Some("application/json"),
            serde_json::to_vec(&serde_json::json!({"name": "Bob", "password": PASSWORD, "email": "bob@people.example"})).unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(raw.status, 422, "{}", raw.text());
        assert!(
            !ts.client()
                .invitation_preview(&token)
                .await
                .unwrap()
                .account_exists
        );
        assert!(!is_member(&admin, &org, bob_profile.id).await);

        // Accepting with Bob's session registers Alice's address, not Bob.
        let answer = accept_created(&bob, &token, Some("Alice"), OTHER_PASSWORD).await;
        assert_eq!(answer.account.email, "alice@people.example");
        assert_ne!(answer.account.id, bob_profile.id);
        assert!(
            !is_member(&admin, &org, bob_profile.id).await,
            "Bob never becomes a member"
        );
        assert!(bob.my_organizations().await.unwrap().is_empty());
        assert_eq!(bob.me().await.unwrap().email, "bob@people.example");
        assert_eq!(
            failure(login_into(&ts, "bob@people.example", PASSWORD, "acme").await),
            (403, "not_a_member".to_string())
        );
        let members = admin
            .members(&org_id, &api::MemberQuery::default())
            .await
            .unwrap();
        let emails: HashSet<_> = members.items.iter().map(|m| m.email.as_str()).collect();
        assert_eq!(
            emails,
            HashSet::from(["admin@acme.example", "alice@people.example"])
        );

        // An existing account's link: Bob's password opens nothing.
        let (carol, _) =
            register_with(&ts, "carol@people.example", "Carol Owner", OTHER_PASSWORD).await;
        invite_one(&admin, &org, "carol@people.example").await;
        let carol_token = invite_token(&ts, "carol@people.example");
        ts.confirm_email(&carol, "carol@people.example").await;
        assert_eq!(
            failure(
                bob.accept_invitation(&carol_token, &accept_body(Some("Bob"), PASSWORD))
                    .await
            ),
            (401, "invalid_credentials".to_string())
        );
        assert!(!is_member(&admin, &org, bob_profile.id).await);
        assert!(bob.my_organizations().await.unwrap().is_empty());
        assert_eq!(pending_emails(&admin, &org).await, ["carol@people.example"]);
    }
);

both!(a_resent_invitation_replaces_its_link, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let id = invite_one(&admin, &org, "rita@people.example").await;
    let old_token = invite_token(&ts, "rita@people.example");
    let before = admin
        .invitations(&org_id, &api::InvitationQuery::default())
        .await
        .unwrap()
        .items[0]
        .clone();
    let seats = seats_used(&admin, &org).await;

    let renewed = admin.resend_invitation(&org_id, id).await.expect("resend");
    assert_eq!(renewed.id, id);
    assert_eq!(renewed.status, api::InvitationStatus::Pending);
    assert_eq!(renewed.email, "rita@people.example");
    assert_eq!(renewed.created_at, before.created_at);
    assert!(renewed.sent_at >= before.sent_at);
    assert!(renewed.expires_at >= before.expires_at);
    assert_eq!(
        seats_used(&admin, &org).await,
        seats,
        "a resend takes no second seat"
    );
    let tokens = invite_tokens(&ts, "rita@people.example");
    assert_eq!(tokens.len(), 2, "a second mail with a new link: {tokens:?}");
    let new_token = tokens.into_iter().find(|t| *t != old_token).unwrap();

    assert_eq!(
        failure(ts.client().invitation_preview(&old_token).await),
        (404, "invalid_token".to_string())
    );
    assert_eq!(
        failure(
            ts.client()
                .accept_invitation(&old_token, &accept_body(Some("Rita"), PASSWORD))
                .await
        ),
        (404, "invalid_token".to_string())
    );
    assert_eq!(
        ts.client()
            .invitation_preview(&new_token)
            .await
            .unwrap()
            .email,
        "rita@people.example"
    );
    let answer = accept_created(&ts.client(), &new_token, Some("Rita"), PASSWORD).await;
    assert!(is_member(&admin, &org, answer.account.id).await);

    // Revoked: no resend; the revoked link is gone for good.
    let gone = invite_one(&admin, &org, "ron@people.example").await;
    let ron_token = invite_token(&ts, "ron@people.example");
    admin.revoke_invitation(&org_id, gone).await.unwrap();
    assert_eq!(
        failure(admin.resend_invitation(&org_id, gone).await),
        (409, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(
            ts.client()
                .accept_invitation(&ron_token, &accept_body(Some("Ron"), PASSWORD))
                .await
        ),
        (410, "invitation_unusable".to_string())
    );
    assert_eq!(
        invite_tokens(&ts, "ron@people.example").len(),
        1,
        "no new link after revoking"
    );
    assert_eq!(
        failure(admin.resend_invitation(&org_id, Uuid::now_v7()).await),
        (404, "not_found".to_string())
    );
    // A revoked address can be invited again.
    invite_one(&admin, &org, "ron@people.example").await;
});

both!(an_expired_invitation_is_unusable_and_frees_its_seat, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let eve = invite_one(&admin, &org, "eve@people.example").await;
    let ed = invite_one(&admin, &org, "ed@people.example").await;
    let eve_token = invite_token(&ts, "eve@people.example");
    let ed_token = invite_token(&ts, "ed@people.example");
    assert_eq!(seats_used(&admin, &org).await, 3);

    expire_via_sql(&ts, eve).await;
    expire_via_sql(&ts, ed).await;
    assert_eq!(
        seats_used(&admin, &org).await,
        1,
        "expired links hold no seat"
    );
    assert_eq!(
        failure(ts.client().invitation_preview(&eve_token).await),
        (410, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(
            ts.client()
                .accept_invitation(&eve_token, &accept_body(Some("Eve"), PASSWORD))
                .await
        ),
        (410, "invitation_unusable".to_string())
    );
    assert!(
        code(
            ts.client()
                .login(&api::LoginRequest {
                    email: "eve@people.example".into(),
                    password: PASSWORD.into(),
                    organization: None
                })
                .await
        ) == "invalid_credentials",
        "no account was created"
    );
    let expired = admin
        .invitations(
            &org_id,
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Expired),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(expired.total, 2);
    assert!(
        expired
            .items
            .iter()
            .all(|i| i.status == api::InvitationStatus::Expired)
    );
    assert!(pending_emails(&admin, &org).await.is_empty());

    // The address can be invited afresh; the new link works.
    let eve2 = invite_one(&admin, &org, "eve@people.example").await;
    assert_ne!(eve2, eve);
    let fresh: Vec<String> = invite_tokens(&ts, "eve@people.example")
        .into_iter()
        .filter(|t| *t != eve_token)
        .collect();
    assert_eq!(fresh.len(), 1);
    accept_created(&ts.client(), &fresh[0], Some("Eve"), PASSWORD).await;

    // Resending an expired one mails a working link again (taking a seat).
    let renewed = admin
        .resend_invitation(&org_id, ed)
        .await
        .expect("resend an expired invitation");
    assert_eq!(renewed.status, api::InvitationStatus::Pending);
    let fresh: Vec<String> = invite_tokens(&ts, "ed@people.example")
        .into_iter()
        .filter(|t| *t != ed_token)
        .collect();
    assert_eq!(fresh.len(), 1);
    assert_eq!(
        failure(ts.client().invitation_preview(&ed_token).await),
        (404, "invalid_token".to_string())
    );
    assert_eq!(
        seats_used(&admin, &org).await,
        3,
        "admin, eve, and ed's renewed invitation"
    );
    accept_created(&ts.client(), &fresh[0], Some("Ed"), PASSWORD).await;

    // Revoking an expired invitation: it is not pending, so 409 and it stays expired.
    let old = invite_one(&admin, &org, "olga@people.example").await;
    expire_via_sql(&ts, old).await;
    assert_eq!(
        failure(admin.revoke_invitation(&org_id, old).await),
        (409, "invitation_unusable".to_string()),
        "DELETE answers 409 invitation_unusable for an invitation that is not pending"
    );
    let expired = admin
        .invitations(
            &org_id,
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Expired),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(expired.items.iter().any(|i| i.id == old));
});
