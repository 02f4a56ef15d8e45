#[allow(unused_imports)]
use super::*;

// ---- Inviting ------------------------------------------------------------

both!(a_batch_answers_one_result_per_address_in_order, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let (vera, vera_profile) = verified(&ts, "vera@people.example", "Vera Verified").await;
    let (uma, uma_profile) = ts.register("uma@people.example", "Uma Unverified").await;
    let (_, _mia) = ts
        .member(&admin, &org, "mia@people.example", "Mia Member")
        .await;
    let (_, sue) = ts
        .member(&admin, &org, "sue@people.example", "Sue Suspended")
        .await;
    admin
        .suspend_member(&org_id, sue.id)
        .await
        .expect("suspend");
    invite_one(&admin, &org, "pat@people.example").await;
    let sales = group_named(&admin, &org, "Sales Team").await;
    let user = group_named(&admin, &org, "User").await;
    let mails_before = ts.mails().len();

    let results = invite(
        &admin,
        &org,
        vec![
            invitee("new@people.example"),
            invitee("Vera@People.example"),
            invitee("uma@people.example"),
            invitee("not an address"),
            invitee("NEW@people.example"),
            invitee("mia@people.example"),
            invitee("sue@people.example"),
            invitee("pat@people.example"),
            invitee_in("gina@people.example", &[Uuid::now_v7()]),
            invitee_in("gus@people.example", &[sales.id]),
            invitee("new@people.example"),
        ],
    )
    .await;
    let new_id = assert_invited(&results[0], "new@people.example");
    assert_eq!(
        results[1].email, "vera@people.example",
        "addresses come back normalized"
    );
    assert_eq!(
        results[1].status,
        api::InviteOutcome::Added,
        "{:?}",
        results[1]
    );
    assert_eq!(results[1].code, None);
    let uma_id = assert_invited(&results[2], "uma@people.example");
    assert_eq!(results[3].email, "not an address");
    assert_eq!(results[3].status, api::InviteOutcome::Failed);
    assert_eq!(results[3].code.as_deref(), Some("invalid_email"));
    assert_failed(&results[4], "new@people.example", "duplicate");
    assert_failed(&results[5], "mia@people.example", "already_member");
    assert_failed(&results[6], "sue@people.example", "member_suspended");
    assert_failed(&results[7], "pat@people.example", "invitation_pending");
    assert_failed(&results[8], "gina@people.example", "not_found");
    let gus_id = assert_invited(&results[9], "gus@people.example");
    assert_failed(&results[10], "new@people.example", "duplicate");
    assert_eq!(
        HashSet::from([new_id, uma_id, gus_id]).len(),
        3,
        "each invitation has its own id"
    );

    // Mail: a link for each invited address, a notice for the added account, nothing else.
    assert_eq!(
        ts.mails().len(),
        mails_before + 4,
        "three invitations and one notice"
    );
    for email in [
        "new@people.example",
        "uma@people.example",
        "gus@people.example",
    ] {
        let token = invite_token(&ts, email);
        assert!(token.len() >= 40, "a long random token: {token}");
        let preview = ts
            .client()
            .invitation_preview(&token)
            .await
            .expect("preview");
        assert_eq!(preview.email, email);
        assert_eq!(preview.organization, org.name);
        assert_eq!(preview.subdomain, "acme");
        // Uma's account is unverified: whoever follows her link proves the
        // mailbox and registers over it, so the page asks for a new password.
        assert!(!preview.account_exists, "{email}");
    }
    for email in [
        "gina@people.example",
        "mia@people.example",
        "sue@people.example",
        "not an address",
    ] {
        let about_org = mails_to(&ts, email)
            .into_iter()
            .filter(|m| m.subject.contains(&org.name) || !m.invite_tokens(&ts.url()).is_empty())
            .count();
        assert_eq!(about_org, 0, "no invitation or notice to {email}");
    }
    assert_eq!(
        invite_tokens(&ts, "pat@people.example").len(),
        1,
        "pat's one earlier link only"
    );
    let vera_mails = mails_to(&ts, "vera@people.example");
    let notice = vera_mails
        .iter()
        .find(|m| m.subject.contains(&org.name))
        .expect("a notice mail to the added account");
    assert!(
        notice.invite_tokens(&ts.url()).is_empty(),
        "a notice, not a link: {notice:?}"
    );

    // The verified account has access now, in the default group User.
    let mine = vera.my_organizations().await.unwrap();
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].id, org.id);
    assert_eq!(mine[0].membership_status, api::MembershipStatus::Active);
    assert_eq!(
        mine[0].groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![user.id]
    );
    let login = login_into(&ts, "vera@people.example", PASSWORD, "acme")
        .await
        .expect("login into acme");
    assert_eq!(login.organization_id, Some(org.id));
    assert!(is_member(&admin, &org, vera_profile.id).await);

    // The unverified account got a link, never instant access.
    assert!(uma.my_organizations().await.unwrap().is_empty());
    assert!(!is_member(&admin, &org, uma_profile.id).await);
    assert_eq!(
        failure(login_into(&ts, "uma@people.example", PASSWORD, "acme").await),
        (403, "not_a_member".to_string())
    );

    // Pending: pat, new, uma, gus; groups default to User, explicit groups are kept.
    assert_eq!(
        pending_emails(&admin, &org).await,
        [
            "gus@people.example",
            "new@people.example",
            "pat@people.example",
            "uma@people.example"
        ]
    );
    let all = admin
        .invitations(&org_id, &api::InvitationQuery::default())
        .await
        .unwrap();
    assert_eq!(all.total, 4);
    let by_email: HashMap<_, _> = all.items.iter().map(|i| (i.email.as_str(), i)).collect();
    let new_inv = by_email["new@people.example"];
    assert_eq!(new_inv.id, new_id);
    assert_eq!(new_inv.status, api::InvitationStatus::Pending);
    assert_eq!(
        new_inv.groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![user.id]
    );
    assert_eq!(
        by_email["gus@people.example"]
            .groups
            .iter()
            .map(|g| g.id)
            .collect::<Vec<_>>(),
        vec![sales.id]
    );
    let admin_id = admin.me().await.unwrap().id;
    assert_eq!(new_inv.invited_by, Some(admin_id));
    assert!(new_inv.expires_at > new_inv.created_at);
    assert_eq!(new_inv.accepted_at, None);

    // Seats: admin, mia, vera active; sue suspended; four pending.
    assert_eq!(seats_used(&admin, &org).await, 3 + 4);
});

both!(invitations_cannot_grant_more_than_the_inviter_holds, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let inviters = admin
        .create_group(
            &org_id,
            &api::CreateGroup {
                name: "Inviters".into(),
                description: String::new(),
                permissions: vec!["org.members.invite".into(), "org.members.read".into()],
            },
        )
        .await
        .expect("group");
    let (ivan, ivan_profile) = ts
        .member(&admin, &org, "ivan@acme.example", "Ivan Inviter")
        .await;
    admin
        .add_group_members(
            &org_id,
            inviters.id,
            &api::AccountList {
                accounts: vec![ivan_profile.id],
            },
        )
        .await
        .unwrap();
    let (plain, _) = ts
        .member(&admin, &org, "plain@acme.example", "Plain Member")
        .await;
    let admins = group_named(&admin, &org, "Admin").await;
    let managers = group_named(&admin, &org, "Sales Managers").await;
    let user = group_named(&admin, &org, "User").await;
    let (_, vip) = verified(&ts, "vip@people.example", "Verified Person").await;

    let results = invite(
        &ivan,
        &org,
        vec![
            invitee("a1@people.example"),
            invitee_in("a2@people.example", &[admins.id]),
            invitee_in("vip@people.example", &[admins.id]),
            invitee_in("a3@people.example", &[managers.id]),
            invitee_in("a4@people.example", &[user.id, managers.id]),
            invitee_in("a5@people.example", &[inviters.id, user.id]),
        ],
    )
    .await;
    assert_invited(&results[0], "a1@people.example");
    assert_failed(&results[1], "a2@people.example", "permission_escalation");
    assert_failed(&results[2], "vip@people.example", "permission_escalation");
    assert_failed(&results[3], "a3@people.example", "permission_escalation");
    assert_failed(&results[4], "a4@people.example", "permission_escalation");
    assert_invited(&results[5], "a5@people.example");
    assert_eq!(
        pending_emails(&admin, &org).await,
        ["a1@people.example", "a5@people.example"],
        "refused addresses get no invitation"
    );
    for email in [
        "a2@people.example",
        "a3@people.example",
        "a4@people.example",
        "vip@people.example",
    ] {
        assert!(invite_tokens(&ts, email).is_empty(), "{email}");
    }
    assert!(
        !is_member(&admin, &org, vip.id).await,
        "the escalation is refused before access is granted"
    );

    // Without org.members.invite: 403, for the batch as a whole.
    assert_eq!(
        failure(
            plain
                .invite(
                    &org_id,
                    &api::InviteRequest {
                        invitations: vec![invitee("b1@people.example")]
                    }
                )
                .await
        ),
        (403, "forbidden".to_string())
    );
    assert_eq!(
        failure(
            plain
                .invitations(&org_id, &api::InvitationQuery::default())
                .await
        )
        .0,
        403
    );
    assert!(invite_tokens(&ts, "b1@people.example").is_empty());

    // The admin may grant Admin.
    let results = invite(
        &admin,
        &org,
        vec![invitee_in("a2@people.example", &[admins.id])],
    )
    .await;
    assert_invited(&results[0], "a2@people.example");
});

both!(seats_count_active_members_and_pending_invitations, |ts| {
    let (admin, org) = ts
        .org_admin(
            "admin@help.example",
            "helpy",
            &[("helpdesk", "helpdesk-basic")],
        )
        .await;
    let org_id = oid(&org);
    assert_eq!(org.subscription.seat_limit, 5);
    assert_eq!(seats_used(&admin, &org).await, 1);
    let (_, vera) = verified(&ts, "vera@people.example", "Vera Verified").await;

    let results = invite(
        &admin,
        &org,
        vec![
            invitee("s1@people.example"),
            invitee("not-an-address"),
            invitee("s2@people.example"),
            invitee("s3@people.example"),
            invitee("s4@people.example"),
            invitee("vera@people.example"),
            invitee("s5@people.example"),
        ],
    )
    .await;
    let s1 = assert_invited(&results[0], "s1@people.example");
    assert_eq!(results[1].code.as_deref(), Some("invalid_email"));
    assert_invited(&results[2], "s2@people.example");
    assert_invited(&results[3], "s3@people.example");
    assert_invited(&results[4], "s4@people.example");
    assert_failed(&results[5], "vera@people.example", "seat_limit_reached");
    assert_failed(&results[6], "s5@people.example", "seat_limit_reached");
    assert_eq!(seats_used(&admin, &org).await, 5);
    assert!(
        !is_member(&admin, &org, vera.id).await,
        "no seat, no access"
    );
    assert!(
        mails_to(&ts, "vera@people.example")
            .iter()
            .all(|m| !m.subject.contains(&org.name))
    );
    assert!(invite_tokens(&ts, "s5@people.example").is_empty());

    // Revoking frees the seat; the link dies.
    let s1_token = invite_token(&ts, "s1@people.example");
    admin.revoke_invitation(&org_id, s1).await.expect("revoke");
    assert_eq!(seats_used(&admin, &org).await, 4);
    assert_eq!(
        failure(ts.client().invitation_preview(&s1_token).await),
        (410, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(admin.revoke_invitation(&org_id, s1).await),
        (409, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(admin.resend_invitation(&org_id, s1).await),
        (409, "invitation_unusable".to_string())
    );
    let results = invite(
        &admin,
        &org,
        vec![invitee("s5@people.example"), invitee("s6@people.example")],
    )
    .await;
    assert_invited(&results[0], "s5@people.example");
    assert_failed(&results[1], "s6@people.example", "seat_limit_reached");
    assert_eq!(seats_used(&admin, &org).await, 5);

    // Accepting moves the seat from the invitation to the member.
    let s2_token = invite_token(&ts, "s2@people.example");
    let s2 = accept_created(&ts.client(), &s2_token, Some("Sam Two"), PASSWORD).await;
    assert_eq!(seats_used(&admin, &org).await, 5);
    // A suspended member frees their seat.
    admin
        .suspend_member(&org_id, s2.account.id)
        .await
        .expect("suspend");
    assert_eq!(seats_used(&admin, &org).await, 4);
    let results = invite(&admin, &org, vec![invitee("s6@people.example")]).await;
    assert_invited(&results[0], "s6@people.example");
    assert_eq!(seats_used(&admin, &org).await, 5);
    let results = invite(&admin, &org, vec![invitee("s7@people.example")]).await;
    assert_failed(&results[0], "s7@people.example", "seat_limit_reached");
    // At most 1000 addresses per request; a bigger batch changes nothing.
    let huge: Vec<api::Invitee> = (0..1001)
        .map(|i| invitee(&format!("bulk{i}@people.example")))
        .collect();
    assert_eq!(
        failure(
            admin
                .invite(&org_id, &api::InviteRequest { invitations: huge })
                .await
        ),
        (422, "too_many_changes".to_string())
    );
    assert_eq!(seats_used(&admin, &org).await, 5);
    assert_eq!(
        pending_emails(&admin, &org).await,
        [
            "s3@people.example",
            "s4@people.example",
            "s5@people.example",
            "s6@people.example"
        ]
    );
});
