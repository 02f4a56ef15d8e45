#[allow(unused_imports)]
use super::*;

// ---- Tenants and lists ---------------------------------------------------

both!(another_organizations_invitations_are_not_found, |ts| {
    let (a_admin, a) = ts
        .org_admin("admin@a.example", "alpha", &[("crm", "crm-team")])
        .await;
    let (b_admin, b) = ts
        .org_admin("admin@b.example", "bravo", &[("crm", "crm-team")])
        .await;
    let a_inv = invite_one(&a_admin, &a, "ta@people.example").await;
    let b_inv = invite_one(&b_admin, &b, "tb@people.example").await;
    let a_token = invite_token(&ts, "ta@people.example");
    let mails_before = ts.mails().len();

    for path in [oid(&b), "bravo".to_string()] {
        assert_eq!(
            failure(b_admin.resend_invitation(&path, a_inv).await),
            (404, "not_found".to_string()),
            "{path}"
        );
        assert_eq!(
            failure(b_admin.revoke_invitation(&path, a_inv).await),
            (404, "not_found".to_string()),
            "{path}"
        );
    }
    for path in [oid(&a), "alpha".to_string()] {
        assert_eq!(
            failure(b_admin.resend_invitation(&path, a_inv).await).0,
            404,
            "{path}"
        );
        assert_eq!(
            failure(b_admin.revoke_invitation(&path, a_inv).await).0,
            404,
            "{path}"
        );
        assert_eq!(
            failure(
                b_admin
                    .invitations(&path, &api::InvitationQuery::default())
                    .await
            )
            .0,
            404,
            "{path}"
        );
        let refused = b_admin
            .invite(
                &path,
                &api::InviteRequest {
                    invitations: vec![invitee("sneaky@people.example")],
                },
            )
            .await;
        assert_eq!(failure(refused).0, 404, "{path}");
    }
    // B's groups cannot be used in A's invitations (nor the reverse).
    let a_admins = group_named(&a_admin, &a, "Admin").await;
    let results = invite(
        &b_admin,
        &b,
        vec![invitee_in("cross@people.example", &[a_admins.id])],
    )
    .await;
    assert_failed(&results[0], "cross@people.example", "not_found");
    // A's admin cannot touch B's through A's path either.
    assert_eq!(
        failure(a_admin.revoke_invitation(&oid(&a), b_inv).await).0,
        404
    );

    assert_eq!(ts.mails().len(), mails_before, "nothing was mailed");
    assert!(invite_tokens(&ts, "sneaky@people.example").is_empty());
    assert_eq!(
        ts.client()
            .invitation_preview(&a_token)
            .await
            .unwrap()
            .email,
        "ta@people.example"
    );
    assert_eq!(pending_emails(&a_admin, &a).await, ["ta@people.example"]);
    assert_eq!(pending_emails(&b_admin, &b).await, ["tb@people.example"]);
    let b_all = b_admin
        .invitations("bravo", &api::InvitationQuery::default())
        .await
        .unwrap();
    assert_eq!(b_all.total, 1);
    assert_eq!(b_all.items[0].id, b_inv);
});

both!(invitations_list_by_status_and_page, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let emails: Vec<String> = (0..7).map(|i| format!("p{i}@people.example")).collect();
    let results = invite(&admin, &org, emails.iter().map(|e| invitee(e)).collect()).await;
    let ids: Vec<Uuid> = results
        .iter()
        .zip(&emails)
        .map(|(r, e)| assert_invited(r, e))
        .collect();
    let mut more = Vec::new();
    for i in 7..9 {
        more.push(invite_one(&admin, &org, &format!("p{i}@people.example")).await);
    }
    admin.revoke_invitation(&org_id, ids[1]).await.unwrap();
    admin.revoke_invitation(&org_id, ids[2]).await.unwrap();
    accept_created(
        &ts.client(),
        &invite_token(&ts, "p3@people.example"),
        Some("P Three"),
        PASSWORD,
    )
    .await;
    expire_via_sql(&ts, ids[4]).await;

    let of = |status: Option<api::InvitationStatus>| {
        let admin = admin.clone();
        let org_id = org_id.clone();
        async move {
            let page = admin
                .invitations(
                    &org_id,
                    &api::InvitationQuery {
                        status,
                        limit: Some(500),
                        cursor: None,
                    },
                )
                .await
                .unwrap();
            assert_eq!(page.total as usize, page.items.len());
            if let Some(status) = status {
                assert!(page.items.iter().all(|i| i.status == status), "{page:?}");
            }
            let mut emails: Vec<String> = page.items.into_iter().map(|i| i.email).collect();
            emails.sort();
            emails
        }
    };
    assert_eq!(
        of(Some(api::InvitationStatus::Pending)).await,
        [
            "p0@people.example",
            "p5@people.example",
            "p6@people.example",
            "p7@people.example",
            "p8@people.example"
        ]
    );
    assert_eq!(
        of(Some(api::InvitationStatus::Revoked)).await,
        ["p1@people.example", "p2@people.example"]
    );
    assert_eq!(
        of(Some(api::InvitationStatus::Accepted)).await,
        ["p3@people.example"]
    );
    assert_eq!(
        of(Some(api::InvitationStatus::Expired)).await,
        ["p4@people.example"]
    );
    assert_eq!(of(None).await.len(), 9);

    // Paging: every invitation once, newest first, the total on every page.
    for (status, expected) in [(None, 9usize), (Some(api::InvitationStatus::Pending), 5)] {
        let mut seen = Vec::new();
        let mut cursor = None;
        let mut pages = 0;
        loop {
            let page = admin
                .invitations(
                    &org_id,
                    &api::InvitationQuery {
                        status,
                        limit: Some(2),
                        cursor: cursor.clone(),
                    },
                )
                .await
                .unwrap();
            pages += 1;
            assert!(page.items.len() <= 2);
            assert_eq!(page.total as usize, expected);
            seen.extend(page.items.iter().cloned());
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
            assert!(pages < 20, "paging ends");
        }
        assert_eq!(seen.len(), expected, "{status:?}");
        assert_eq!(
            seen.iter().map(|i| i.id).collect::<HashSet<_>>().len(),
            expected,
            "no duplicates"
        );
        assert!(
            seen.windows(2)
                .all(|w| (w[0].created_at, w[0].id) >= (w[1].created_at, w[1].id)),
            "newest first"
        );
        if status.is_none() {
            assert_eq!(seen[0].id, more[1], "the newest invitation comes first");
        }
    }
    assert_eq!(
        failure(
            admin
                .invitations(
                    &org_id,
                    &api::InvitationQuery {
                        cursor: Some("not-a-cursor".into()),
                        ..Default::default()
                    }
                )
                .await
        )
        .0,
        400
    );
    assert_eq!(
        failure(
            admin
                .invitations(
                    &org_id,
                    &api::InvitationQuery {
                        limit: Some(501),
                        ..Default::default()
                    }
                )
                .await
        )
        .0,
        422
    );
});

// ---- Pages -----------------------------------------------------------------

both!(the_invitation_page_escapes_and_never_consumes, |ts| {
    let (admin, _) = ts.register("admin@xss.example", "Ada Admin").await;
    let mut request = org_request("xss-ltd", &[("crm", "crm-team")]);
    request.name = "<script>alert(1)</script> Ltd".into();
    let org = admin.create_org(&request).await.expect("create org");
    let org = ts.pay(&admin, &org).await;
    invite_one(&admin, &org, "hana@people.example").await;
    let token = invite_token(&ts, "hana@people.example");
    let anonymous = ts.client();

    let preview = anonymous.invitation_preview(&token).await.unwrap();
    assert_eq!(
        preview.organization, "<script>alert(1)</script> Ltd",
        "JSON carries the name as it is"
    );
    assert_eq!(preview.email, "hana@people.example");
    assert!(!preview.account_exists);

    for _ in 0..2 {
        let page = anonymous
            .raw(Method::GET, &format!("/invite/{token}"), None, Vec::new())
            .await
            .unwrap();
        assert_eq!(page.status, 200, "{}", page.text());
        assert!(header_value(&page, "content-type").starts_with("text/html"));
        let csp = header_value(&page, "content-security-policy");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(!csp.contains("script-src"), "{csp}");
        assert_eq!(header_value(&page, "x-content-type-options"), "nosniff");
        let body = page.text();
        assert!(
            body.contains("&lt;script&gt;alert(1)&lt;/script&gt; Ltd"),
            "{body}"
        );
        assert!(!body.contains("<script"), "{body}");
        assert!(body.contains("hana@people.example"));
        assert!(
            body.contains("<form") && body.contains("method=\"post\""),
            "{body}"
        );
    }
    assert!(
        anonymous.invitation_preview(&token).await.is_ok(),
        "showing the page does not use the link"
    );

    let path = format!("/invite/{token}");
    let good = form(&[("name", "Hana Hoshi"), ("password", PASSWORD)]);
    // Cross-site posts are refused and change nothing.
    let evil_origins = [
        ("sec-fetch-site", "cross-site".to_string()),
        ("origin", "https://evil.example".to_string()),
        ("origin", format!("{}.evil.example", ts.url())),
    ];
    for (name, value) in &evil_origins {
        let client = ts.client().with_header(name, value).unwrap();
        let answer = client
            .raw(
                Method::POST,
                &path,
                Some("application/x-www-form-urlencoded"),
                good.clone(),
            )
            .await
            .unwrap();
        assert_eq!(answer.status, 403, "{name}: {value}: {}", answer.text());
        assert!(header_value(&answer, "content-type").starts_with("text/html"));
        let preview = anonymous
            .invitation_preview(&token)
            .await
            .expect("still usable");
        assert!(
            !preview.account_exists,
            "{name}: {value}: no account was created"
        );
    }
    // A weak password re-shows the form with the reason; the link stays usable.
    let weak = anonymous
        .raw(
            Method::POST,
            &path,
            Some("application/x-www-form-urlencoded"),
            form(&[("name", "Hana"), ("password", "short")]),
        )
        .await
        .unwrap();
    assert_eq!(weak.status, 422, "{}", weak.text());
    assert!(header_value(&weak, "content-type").starts_with("text/html"));
    assert!(weak.text().contains("<form"));
    assert!(!weak.text().contains("<script"));
    assert!(anonymous.invitation_preview(&token).await.is_ok());

    // The same origin joins and answers HTML.
    let joined = ts
        .client()
        .with_header("origin", &ts.url())
        .unwrap()
        .with_header("sec-fetch-site", "same-origin")
        .unwrap()
        .raw(
            Method::POST,
            &path,
            Some("application/x-www-form-urlencoded"),
            good.clone(),
        )
        .await
        .unwrap();
    assert_eq!(joined.status, 200, "{}", joined.text());
    assert!(header_value(&joined, "content-type").starts_with("text/html"));
    assert_eq!(header_value(&joined, "x-content-type-options"), "nosniff");
    let body = joined.text();
    assert!(
        body.contains("&lt;script&gt;alert(1)&lt;/script&gt; Ltd"),
        "{body}"
    );
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains(PASSWORD));
    let login = login_into(&ts, "hana@people.example", PASSWORD, "xss-ltd")
        .await
        .expect("a member now");
    assert_eq!(login.organization_id, Some(org.id));
    assert!(login.account.email_verified);

    // Used: the page and the form say so, in HTML.
    let used = anonymous
        .raw(Method::GET, &path, None, Vec::new())
        .await
        .unwrap();
    assert_eq!(used.status, 410);
    assert!(header_value(&used, "content-type").starts_with("text/html"));
    let again = anonymous
        .raw(
            Method::POST,
            &path,
            Some("application/x-www-form-urlencoded"),
            good,
        )
        .await
        .unwrap();
    assert_eq!(again.status, 410);
    let unknown = anonymous
        .raw(Method::GET, "/invite/odi_unknown", None, Vec::new())
        .await
        .unwrap();
    assert_eq!(unknown.status, 404);
    assert!(header_value(&unknown, "content-type").starts_with("text/html"));

    // An origin that is a mere prefix of the platform's is another origin
    // (here: another port on the same host; in production e.g.
    // https://orgdesk.example.co against https://orgdesk.example.com).
    invite_one(&admin, &org, "hiro@people.example").await;
    let hiro_token = invite_token(&ts, "hiro@people.example");
    let url = ts.url();
    let lookalike = &url[..url.len() - 1];
    let answer = ts
        .client()
        .with_header("origin", lookalike)
        .unwrap()
        .raw(
            Method::POST,
            &format!("/invite/{hiro_token}"),
            Some("application/x-www-form-urlencoded"),
            form(&[("name", "Hiro"), ("password", PASSWORD)]),
        )
        .await
        .unwrap();
    let preview = anonymous.invitation_preview(&hiro_token).await;
    assert_eq!(
        answer.status,
        403,
        "Origin {lookalike} is not {url}; the post was accepted: {}",
        answer.text()
    );
    assert!(!preview.expect("still usable").account_exists);
});

// ---- Mail language -------------------------------------------------------

both!(invitation_mail_follows_accept_language, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let german = admin
        .clone()
        .with_header("accept-language", "de-DE,de;q=0.9,en;q=0.5")
        .unwrap();
    let greta = invite(&german, &org, vec![invitee("greta@people.example")]).await;
    let greta_id = assert_invited(&greta[0], "greta@people.example");
    invite_one(&admin, &org, "ellen@people.example").await;
    let french_first = admin
        .clone()
        .with_header("accept-language", "fr-FR, de;q=0.8")
        .unwrap();
    invite(&french_first, &org, vec![invitee("franz@people.example")]).await;
    verified(&ts, "vera@people.example", "Vera Verified").await;
    let added = invite(&german, &org, vec![invitee("vera@people.example")]).await;
    assert_eq!(added[0].status, api::InviteOutcome::Added);

    let only = |email: &str| {
        let mails: Vec<ReadMail> = mails_to(&ts, email)
            .into_iter()
            .filter(|m| m.subject.contains(&org.name))
            .collect();
        assert_eq!(mails.len(), 1, "{email}: {mails:?}");
        mails.into_iter().next().unwrap()
    };
    let de = only("greta@people.example");
    assert_eq!(
        de.subject,
        format!("Ada Admin hat Sie zu {} auf Orgdesk eingeladen", org.name)
    );
    assert!(de.body().contains("Einladung annehmen"), "{}", de.body());
    assert!(de.body().contains("Öffnen Sie den Link"), "{}", de.body());
    let en = only("ellen@people.example");
    assert_eq!(
        en.subject,
        format!("Ada Admin invited you to {} on Orgdesk", org.name)
    );
    assert!(en.body().contains("Accept the invitation"));
    assert!(only("franz@people.example").subject.contains("eingeladen"));
    assert!(
        only("vera@people.example")
            .subject
            .starts_with("Sie haben jetzt Zugang zu")
    );

    // A resend keeps the invitation's language unless the request names one.
    admin.resend_invitation(&org_id, greta_id).await.unwrap();
    let subjects: Vec<String> = mails_to(&ts, "greta@people.example")
        .into_iter()
        .map(|m| m.subject)
        .collect();
    assert_eq!(subjects.len(), 2);
    assert!(
        subjects.iter().all(|s| s.contains("eingeladen")),
        "{subjects:?}"
    );
});

// ---- Refusals when the organization is not active --------------------------

both!(
    a_suspended_or_unpaid_organization_refuses_invitations,
    |ts| {
        let (admin, org) = ts
            .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
            .await;
        let org_id = oid(&org);
        let sam = invite_one(&admin, &org, "sam@people.example").await;
        let token = invite_token(&ts, "sam@people.example");
        let mails_before = ts.mails().len();

        for (status, code_expected) in [
            ("suspended", "org_suspended"),
            ("pending_payment", "org_pending_payment"),
        ] {
            set_org_status(&ts, org.id, status).await;
            let refused = admin
                .invite(
                    &org_id,
                    &api::InviteRequest {
                        invitations: vec![invitee("late@people.example")],
                    },
                )
                .await;
            assert_eq!(
                failure(refused),
                (409, code_expected.to_string()),
                "{status}"
            );
            assert_eq!(
                failure(admin.resend_invitation(&org_id, sam).await),
                (409, code_expected.to_string()),
                "{status}"
            );
            assert_eq!(
                failure(
                    ts.client()
                        .accept_invitation(&token, &accept_body(Some("Sam"), PASSWORD))
                        .await
                ),
                (409, code_expected.to_string()),
                "{status}"
            );
            let form_post = ts
                .client()
                .raw(
                    Method::POST,
                    &format!("/invite/{token}"),
                    Some("application/x-www-form-urlencoded"),
                    form(&[("name", "Sam"), ("password", PASSWORD)]),
                )
                .await
                .unwrap();
            assert_eq!(form_post.status, 409, "{status}: {}", form_post.text());
        }
        assert_eq!(ts.mails().len(), mails_before, "nothing was mailed");
        assert_eq!(
            code(
                ts.client()
                    .login(&api::LoginRequest {
                        email: "sam@people.example".into(),
                        password: PASSWORD.into(),
                        organization: None
                    })
                    .await
            ),
            "invalid_credentials",
            "no account was created"
        );

        // Active again: the same link works.
        set_org_status(&ts, org.id, "active").await;
        assert_eq!(pending_emails(&admin, &org).await, ["sam@people.example"]);
        let answer = accept_created(&ts.client(), &token, Some("Sam"), PASSWORD).await;
        assert!(is_member(&admin, &org, answer.account.id).await);
    }
);

// ---- Audit -----------------------------------------------------------------

both!(invitation_changes_are_audited_with_actor_and_target, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let admin_id = admin.me().await.unwrap().id;
    verified(&ts, "vera@people.example", "Vera Verified").await;
    let results = invite(
        &admin,
        &org,
        vec![
            invitee("aud1@people.example"),
            invitee("aud2@people.example"),
            invitee("vera@people.example"),
        ],
    )
    .await;
    let aud1 = assert_invited(&results[0], "aud1@people.example");
    let aud2 = assert_invited(&results[1], "aud2@people.example");
    assert_eq!(results[2].status, api::InviteOutcome::Added);
    admin.resend_invitation(&org_id, aud1).await.unwrap();
    admin.revoke_invitation(&org_id, aud2).await.unwrap();
    // Of aud1's two links, the newer one works.
    let mut token = None;
    for candidate in invite_tokens(&ts, "aud1@people.example") {
        if ts.client().invitation_preview(&candidate).await.is_ok() {
            token = Some(candidate);
        }
    }
    let token = token.expect("aud1's renewed link");
    let accepted = accept_created(&ts.client(), &token, Some("Audrey"), PASSWORD).await;

    let log = |query: api::AuditQuery| {
        let admin = admin.clone();
        let org_id = org_id.clone();
        async move {
            admin
                .audit_log(&org_id, &query)
                .await
                .expect("audit log")
                .items
        }
    };
    let entries = log(api::AuditQuery {
        action: Some("invitation.".into()),
        limit: Some(500),
        ..Default::default()
    })
    .await;
    let find = |action: &str, target: &str| {
        entries
            .iter()
            .find(|e| e.action == action && e.target_id.as_deref() == Some(target))
            .unwrap_or_else(|| panic!("{action} on {target} in {entries:#?}"))
            .clone()
    };
    let resend = find("invitation.resend", &aud1.to_string());
    assert_eq!(resend.actor, Some(admin_id));
    assert_eq!(resend.actor_email.as_deref(), Some("admin@acme.example"));
    assert_eq!(resend.target_type.as_deref(), Some("invitation"));
    let revoke = find("invitation.revoke", &aud2.to_string());
    assert_eq!(revoke.actor, Some(admin_id));
    let accept = find("invitation.accept", &aud1.to_string());
    assert_eq!(
        accept.actor,
        Some(accepted.account.id),
        "the person accepting acts"
    );
    assert!(accept.ip.is_some());

    // Creating: the inviter acts; each invitation is findable by its id.
    let creates: Vec<_> = entries
        .iter()
        .filter(|e| e.action == "invitation.create")
        .collect();
    assert!(!creates.is_empty(), "{entries:#?}");
    assert!(creates.iter().all(|e| e.actor == Some(admin_id)));
    let mentioned = |e: &api::AuditEntry, email: &str| e.detail.to_string().contains(email);
    for email in ["aud1@people.example", "aud2@people.example"] {
        assert!(
            creates.iter().any(|e| mentioned(e, email)),
            "{email} in {creates:#?}"
        );
    }
    // Each link's creation targets its invitation.
    assert!(
        creates
            .iter()
            .any(|e| e.target_id.as_deref() == Some(aud1.to_string().as_str()))
    );
    // An existing verified account given access at once is a member added, targeting the account.
    let added = log(api::AuditQuery {
        action: Some("member.add".into()),
        ..Default::default()
    })
    .await;
    assert!(
        added.iter().any(|e| mentioned(e, "vera@people.example")
            && e.actor == Some(admin_id)
            && e.target_type.as_deref() == Some("member")),
        "{added:#?}"
    );
    // Filters: by actor, by exact action.
    let by_admin = log(api::AuditQuery {
        actor: Some(admin_id),
        action: Some("invitation.".into()),
        ..Default::default()
    })
    .await;
    assert!(by_admin.iter().all(|e| e.actor == Some(admin_id)));
    assert!(by_admin.iter().any(|e| e.action == "invitation.resend"));
    assert!(!by_admin.iter().any(|e| e.action == "invitation.accept"));
    let revokes = log(api::AuditQuery {
        action: Some("invitation.revoke".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(revokes.len(), 1);

    for id in [aud1, aud2] {
        let history = log(api::AuditQuery {
            target: Some(id.to_string()),
            ..Default::default()
        })
        .await;
        let actions: HashSet<&str> = history.iter().map(|e| e.action.as_str()).collect();
        assert!(
            actions.contains("invitation.create"),
            "the invitation {id}'s creation is in its history (target_id = the invitation id): {history:#?}"
        );
    }
});
