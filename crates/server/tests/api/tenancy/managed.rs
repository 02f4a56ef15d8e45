//! Managed accounts: only the organization that verified an account's
//! domain reaches beyond itself (the password, every sign-in, contact
//! details); any other organization sees and ends only what happened in it.

use super::*;

/// Acme manages victim@acme-corp.com; Evil, a free organization of its own,
/// adds the victim at once (a verified account) and tries everything.
struct Scene {
    acme: Client,
    acme_org: api::Organization,
    evil: Client,
    evil_org: api::Organization,
    victim: Client,
    victim_id: Uuid,
}

async fn scene(ts: &TestServer) -> Scene {
    let (acme, acme_org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    ts.manage(&acme_org, "acme-corp.com").await;
    let (victim, victim_me) = verified(ts, "vic@acme-corp.com", "Vic Victim").await;
    added_by(&acme, &acme_org, "vic@acme-corp.com").await;
    victim
        .update_me(
            &api::ProfilePatch {
                phone: Some(Some("+49 30 1234567".into())),
                address: Some(Some("Hauptstraße 9, Berlin".into())),
                job_title: Some(Some("Controller".into())),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    // Evil pays with the sandbox's card and adds the victim without asking.
    let (evil, evil_org) = ts.org_admin("eve@evil.example", "evil", CRM).await;
    added_by(&evil, &evil_org, "vic@acme-corp.com").await;
    Scene {
        acme,
        acme_org,
        evil,
        evil_org,
        victim,
        victim_id: victim_me.id,
    }
}

both!(another_org_cannot_reset_a_managed_password, |ts| {
    let s = scene(&ts).await;
    let at_acme = signed_in(&ts, "vic@acme-corp.com", Some("acme")).await;

    // The attack: 403, and the victim's sessions everywhere go on.
    for _ in 0..3 {
        assert_eq!(
            failure(
                s.evil
                    .force_password_reset(&oid(&s.evil_org), s.victim_id)
                    .await
            ),
            (403, "account_not_managed".into())
        );
    }
    s.victim.me().await.expect("still signed in");
    at_acme.groups("acme").await.expect("still in acme");
    let login = ts
        .client()
        .login(&api::LoginRequest {
            email: "vic@acme-corp.com".into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .unwrap();
    assert!(!login.password_reset_required);
    let resets = "SELECT count(*) FROM audit_log WHERE action = 'member.force_password_reset'";
    assert_eq!(count(&ts, resets).await, 0);

    // The managing organization may.
    s.acme
        .force_password_reset(&oid(&s.acme_org), s.victim_id)
        .await
        .unwrap();
    assert_eq!(failure(s.victim.me().await).0, 401);
    assert_eq!(failure(at_acme.groups("acme").await).0, 401);
});

both!(
    another_org_sees_only_its_own_sign_ins_and_no_contact,
    |ts| {
        let s = scene(&ts).await;
        // Sign-ins: one into acme, one platform-wide used only in acme.
        let at_acme = signed_in(&ts, "vic@acme-corp.com", Some("acme")).await;
        at_acme.groups("acme").await.unwrap();
        s.victim.my_permissions("acme").await.unwrap();

        // Evil sees none of them: nothing happened in evil.
        let seen = s
            .evil
            .member_sessions(&oid(&s.evil_org), s.victim_id, None, None)
            .await
            .unwrap();
        assert_eq!(seen.total, 0, "{:?}", seen.items);
        // Once the victim uses evil, that one session shows there — only it.
        let at_evil = signed_in(&ts, "vic@acme-corp.com", Some("evil")).await;
        at_evil.groups("evil").await.unwrap();
        let seen = s
            .evil
            .member_sessions(&oid(&s.evil_org), s.victim_id, None, None)
            .await
            .unwrap();
        assert_eq!(seen.total, 1);
        assert_eq!(seen.items[0].organization_id, Some(s.evil_org.id));

        // Contact details: withheld from evil, as is "managed".
        let profile = s
            .evil
            .member_profile(&oid(&s.evil_org), s.victim_id)
            .await
            .unwrap();
        assert!(!profile.managed);
        assert!(profile.contact_withheld);
        assert_eq!(
            (profile.phone, profile.address, profile.job_title),
            (None, None, None)
        );
        let member = s.evil.member(&oid(&s.evil_org), s.victim_id).await.unwrap();
        assert!(!member.managed);

        // The managing organization sees every sign-in and the details.
        let all = s
            .acme
            .member_sessions(&oid(&s.acme_org), s.victim_id, None, None)
            .await
            .unwrap();
        assert_eq!(all.total, 3, "the registration's, acme's and evil's");
        let profile = s
            .acme
            .member_profile(&oid(&s.acme_org), s.victim_id)
            .await
            .unwrap();
        assert!(profile.managed && !profile.contact_withheld);
        assert_eq!(profile.phone.as_deref(), Some("+49301234567"));
        assert_eq!(profile.job_title.as_deref(), Some("Controller"));
        let listed = s
            .acme
            .members(&oid(&s.acme_org), &api::MemberQuery::default())
            .await
            .unwrap();
        let flags: Vec<(String, bool)> = listed
            .items
            .iter()
            .map(|m| (m.email.clone(), m.managed))
            .collect();
        assert!(
            flags.contains(&("vic@acme-corp.com".into(), true)),
            "{flags:?}"
        );
        assert!(
            flags.contains(&("ada@acme-corp.com".into(), false)),
            "unverified: {flags:?}"
        );
    }
);

both!(contact_details_need_their_permission, |ts| {
    let s = scene(&ts).await;
    // A member holding only org.members.read, in the managing organization.
    let (reader, _, _) = member_with(
        &ts,
        &s.acme,
        &s.acme_org,
        "Readers",
        &["org.members.read"],
        "rea@acme-corp.com",
    )
    .await;
    let profile = reader
        .member_profile(&oid(&s.acme_org), s.victim_id)
        .await
        .unwrap();
    assert!(profile.managed);
    assert!(profile.contact_withheld);
    assert_eq!(profile.phone, None);
    let (contact_reader, _, _) = member_with(
        &ts,
        &s.acme,
        &s.acme_org,
        "Contact Readers",
        &["org.members.read", "org.members.contact.read"],
        "con@acme-corp.com",
    )
    .await;
    let profile = contact_reader
        .member_profile(&oid(&s.acme_org), s.victim_id)
        .await
        .unwrap();
    assert!(!profile.contact_withheld);
    assert_eq!(profile.address.as_deref(), Some("Hauptstraße 9, Berlin"));
});

both!(signing_out_of_one_org_leaves_the_others_alone, |ts| {
    let s = scene(&ts).await;
    let at_evil = signed_in(&ts, "vic@acme-corp.com", Some("evil")).await;
    let at_acme = signed_in(&ts, "vic@acme-corp.com", Some("acme")).await;
    let platform = signed_in(&ts, "vic@acme-corp.com", None).await;
    platform.groups("evil").await.unwrap();
    platform.groups("acme").await.unwrap();
    let never_in_evil = signed_in(&ts, "vic@acme-corp.com", None).await;
    never_in_evil.groups("acme").await.unwrap();

    // Evil may sign the victim out of evil only (it needs suspend rights).
    let (reader, _, _) = member_with(
        &ts,
        &s.evil,
        &s.evil_org,
        "Readers",
        &["org.members.read"],
        "rex@evil.example",
    )
    .await;
    assert_eq!(
        failure(reader.sign_out_member(&oid(&s.evil_org), s.victim_id).await),
        (403, "forbidden".into())
    );
    let done = s
        .evil
        .sign_out_member(&oid(&s.evil_org), s.victim_id)
        .await
        .unwrap();
    assert_eq!(
        done.sessions, 2,
        "the evil session and the platform one used there"
    );

    // Out of evil…
    assert_eq!(failure(at_evil.groups("evil").await).0, 401);
    assert_eq!(
        failure(platform.groups("evil").await),
        (401, "signed_out_of_organization".into())
    );
    // …and nowhere else.
    platform
        .groups("acme")
        .await
        .expect("the platform session works in acme");
    platform.me().await.expect("and on the platform");
    at_acme.groups("acme").await.expect("the acme session");
    never_in_evil
        .groups("acme")
        .await
        .expect("a session evil never saw");
    s.victim.me().await.expect("the registration session");
    // Evil's view shows them ended; acme's admin knows nothing of it.
    let seen = s
        .evil
        .member_sessions(&oid(&s.evil_org), s.victim_id, None, None)
        .await
        .unwrap();
    assert!(
        seen.items.iter().all(|x| x.revoked_at.is_some()),
        "{:?}",
        seen.items
    );
    // Signing in again works: a new session.
    let again = signed_in(&ts, "vic@acme-corp.com", Some("evil")).await;
    again.groups("evil").await.unwrap();
    // Sign-out is audited in evil only.
    let sign_outs = "SELECT count(*) FROM audit_log WHERE action = 'member.sign_out'";
    assert_eq!(count(&ts, sign_outs).await, 1);
});
