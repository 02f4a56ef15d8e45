//! The other findings of the attack, each refused first and then allowed:
//! a bounded CPU pool, length limits, unpaid organizations, forced resets,
//! subdomains that pose as ids or routes, forwarded addresses, bounded audit
//! details and a streamed audit export.

use futures::future::join_all;
use reqwest::Method;

use super::*;

both_with!(
    a_full_cpu_pool_answers_busy_instead_of_queueing,
    |config| {
        config.limits.cpu_workers = 1;
        config.limits.cpu_queue = 0;
    },
    |ts| {
        for i in 0..12 {
            ts.register(&format!("p{i}@acme-corp.com"), "Person").await;
        }
        // Twelve people sign in at once on one worker with no waiting line:
        // those who find it busy are told so at once, with Retry-After, and
        // their attempt does not count against them.
        let mut busy = Vec::new();
        for _attempt in 0..5 {
            let burst = (0..12).map(|i| {
                let client = ts.client();
                async move {
                    client
                        .login(&api::LoginRequest {
                            email: format!("p{i}@acme-corp.com"),
                            password: PASSWORD.into(),
                            organization: None,
                        })
                        .await
                }
            });
            let results = join_all(burst).await;
            for result in &results {
                if let Err(e) = result {
                    assert_eq!((e.status(), e.code()), (Some(503), Some("busy")), "{e}");
                    assert_eq!(e.retry_after(), Some(1));
                    busy.push(());
                }
            }
            assert!(results.iter().any(Result::is_ok), "some get through");
            if !busy.is_empty() {
                break;
            }
        }
        assert!(!busy.is_empty(), "one worker never refused anybody");
    }
);

both!(free_text_has_limits_that_name_the_field, |ts| {
    let (admin, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    let key = oid(&org);
    let huge = "x".repeat(5_000);
    let too_long = |result: Result<_, orgdesk_client::Error>, field: &str| {
        let e = result.map(|_: serde_json::Value| ()).unwrap_err();
        assert_eq!(e.status(), Some(422), "{field}: {e}");
        let fields: Vec<String> = e
            .problem()
            .unwrap()
            .errors
            .iter()
            .map(|f| f.field.clone())
            .collect();
        assert_eq!(fields, [field.to_string()], "{e}");
    };
    let raw = |method: Method, path: String, body: serde_json::Value| {
        let admin = admin.clone();
        async move {
            let answer = admin
                .raw(
                    method,
                    &path,
                    Some("application/json"),
                    body.to_string().into_bytes(),
                )
                .await
                .unwrap();
            if answer.status < 300 {
                Ok(serde_json::from_slice(&answer.body).unwrap_or_default())
            } else {
                Err(orgdesk_client::Error::Api(Box::new(
                    orgdesk_client::ApiError {
                        status: answer.status,
                        problem: answer.problem().unwrap(),
                        retry_after: None,
                    },
                )))
            }
        }
    };
    let groups = format!("/api/v1/orgs/{key}/groups");
    too_long(
        raw(
            Method::POST,
            groups.clone(),
            serde_json::json!({"name": huge, "description": "", "permissions": []}),
        )
        .await,
        "name",
    );
    too_long(
        raw(
            Method::POST,
            groups.clone(),
            serde_json::json!({"name": "Ok", "description": huge, "permissions": []}),
        )
        .await,
        "description",
    );
    let user = group_named(&admin, &org, "User").await;
    too_long(
        raw(
            Method::PATCH,
            format!("{groups}/{}", user.id),
            serde_json::json!({"description": huge}),
        )
        .await,
        "description",
    );
    too_long(
        raw(
            Method::PATCH,
            format!("/api/v1/orgs/{key}"),
            serde_json::json!({"address": huge}),
        )
        .await,
        "address",
    );
    for field in ["phone", "job_title", "department", "address", "name"] {
        too_long(
            raw(
                Method::PATCH,
                "/api/v1/me".into(),
                serde_json::json!({ field: huge }),
            )
            .await,
            field,
        );
    }
    too_long(
        raw(
            Method::POST,
            format!("/api/v1/orgs/{key}/domains"),
            serde_json::json!({"domain": huge}),
        )
        .await,
        "domain",
    );
    let search = admin
        .members(
            &key,
            &api::MemberQuery {
                q: Some("y".repeat(201)),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(failure(search), (422, "validation_failed".into()));
    let audit = admin
        .audit_log(
            &key,
            &api::AuditQuery {
                action: Some("z".repeat(201)),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(failure(audit), (422, "validation_failed".into()));
    // Nothing changed.
    assert_eq!(
        group_named(&admin, &org, "User").await.version,
        user.version
    );
    assert!(admin.me().await.unwrap().phone.is_none());
    assert!(
        !admin
            .groups(&key)
            .await
            .unwrap()
            .iter()
            .any(|g| g.name == "Ok")
    );
});

both_with!(
    unpaid_organizations_are_bounded_and_expire,
    |config| {
        config.limits = orgdesk_server::config::Limits::default();
    },
    |ts| {
        let (founder, _) = ts.register("fred@founders.example", "Fred").await;
        let mut unpaid = Vec::new();
        for sub in ["unpaid-one", "unpaid-two", "unpaid-three"] {
            unpaid.push(founder.create_org(&org_request(sub, CRM)).await.unwrap());
        }
        assert_eq!(
            failure(founder.create_org(&org_request("unpaid-four", CRM)).await),
            (409, "too_many_unpaid_orgs".into())
        );
        // Somebody else wants the first one's name and subdomain: taken, for now.
        let (rival, _) = ts.register("rita@rivals.example", "Rita").await;
        assert_eq!(
            failure(rival.create_org(&org_request("unpaid-one", CRM)).await),
            (409, "name_taken".into())
        );
        // A week later it has expired: the name is free at that instant,
        // before any sweeper ran, and the founder may start another one.
        let week_ago = orgdesk_server::store::now_ms() - 7 * 24 * 3600 * 1000 - 1000;
        sqlx::query("UPDATE orgs SET created_at = $1 WHERE id = $2")
            .bind(week_ago)
            .bind(unpaid[0].id.to_string())
            .execute(ts.server.state.db.pool())
            .await
            .unwrap();
        let availability = rival
            .availability(&api::AvailabilityQuery {
                name: Some("unpaid one GmbH".into()),
                subdomain: Some("unpaid-one".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(availability.name.is_some_and(|n| n.available));
        assert!(availability.subdomain.is_some_and(|s| s.available));
        assert_eq!(
            failure(founder.org(&oid(&unpaid[0])).await),
            (404, "not_found".into()),
            "an expired organization is gone"
        );
        let taken_over = rival
            .create_org(&org_request("unpaid-one", CRM))
            .await
            .unwrap();
        assert_ne!(taken_over.id, unpaid[0].id);
        founder
            .create_org(&org_request("unpaid-four", CRM))
            .await
            .unwrap();
        // The sweeper deletes what expired; what is unpaid but young stays.
        sqlx::query("UPDATE orgs SET created_at = $1 WHERE id = $2")
            .bind(week_ago)
            .bind(unpaid[1].id.to_string())
            .execute(ts.server.state.db.pool())
            .await
            .unwrap();
        let (_, gone) = orgdesk_server::sweeper::sweep(&ts.server.state)
            .await
            .unwrap();
        assert_eq!(gone, 1);
        assert_eq!(
            founder.org(&oid(&unpaid[2])).await.unwrap().id,
            unpaid[2].id
        );
    }
);

both!(a_forced_reset_needs_another_password, |ts| {
    let (admin, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    ts.manage(&org, "acme-corp.com").await;
    let (_, vic) = verified(&ts, "vic@acme-corp.com", "Vic").await;
    added_by(&admin, &org, "vic@acme-corp.com").await;
    admin
        .force_password_reset(&oid(&org), vic.id)
        .await
        .unwrap();
    let limited = signed_in(&ts, "vic@acme-corp.com", None).await;
    let same = limited
        .change_password(&api::PasswordChangeRequest {
            current_password: PASSWORD.into(),
            new_password: PASSWORD.into(),
        })
        .await;
    assert_eq!(failure(same), (422, "validation_failed".into()));
    assert_eq!(
        failure(limited.me().await),
        (403, "password_reset_required".into()),
        "still pending"
    );
    limited
        .change_password(&api::PasswordChangeRequest {
            current_password: PASSWORD.into(),
            new_password: "an-entirely-new-passphrase-8".into(),
        })
        .await
        .unwrap();
    limited.me().await.expect("done");
});

both!(subdomains_posing_as_ids_or_routes_are_refused, |ts| {
    let (founder, _) = ts.register("fred@founders.example", "Fred").await;
    for sub in [
        "availability",
        "checkout",
        "me",
        "0190f2a4-7c3e-7d2a-9b1e-3f2a1b0c9d8e",
        "0190f2a47c3e7d2a9b1e3f2a1b0c9d8e",
    ] {
        let mut request = org_request("placeholder", CRM);
        request.subdomain = sub.into();
        request.name = format!("Pose {}", sub.chars().take(6).collect::<String>());
        let e = founder.create_org(&request).await.unwrap_err();
        assert_eq!(e.status(), Some(422), "{sub}: {e}");
        assert_eq!(e.problem().unwrap().errors[0].field, "subdomain", "{sub}");
    }
});

both_with!(
    forwarded_addresses_take_the_right_most_untrusted_hop,
    |config| {
        config.trusted_proxy = vec!["127.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap()];
    },
    |ts| {
        ts.register("vic@acme-corp.com", "Vic").await;
        // Two header lines: the client's forged one, then the proxies'.
        let response = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/login", ts.url()))
            .header("x-forwarded-for", "6.6.6.6")
            .header("x-forwarded-for", "203.0.113.9:41234, 10.0.0.2")
            .json(&serde_json::json!({"email": "vic@acme-corp.com", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let answer: api::LoginResponse = response.json().await.unwrap();
        let client = ts.client().with_token(answer.token);
        let sessions = client.my_sessions(None, None).await.unwrap();
        let current = sessions.items.iter().find(|s| s.current).unwrap();
        assert_eq!(current.ip.as_deref(), Some("203.0.113.9"));
    }
);

both!(audit_details_are_bounded_and_exports_stream, |ts| {
    let (admin, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    let key = oid(&org);
    // A bulk change of 200 memberships is recorded as a bounded summary.
    let mut tx = ts.server.state.db.begin().await.unwrap();
    let mut ids = Vec::new();
    for i in 0..200 {
        let id = Uuid::now_v7();
        orgdesk_server::store::accounts::insert(
            &mut tx,
            &orgdesk_server::store::accounts::NewAccount {
                id,
                email: &format!("p{i}@people.example"),
                name: &format!("Person {i}"),
                password_hash: "x",
                email_verified: true,
            },
        )
        .await
        .unwrap();
        orgdesk_server::store::orgs::insert_membership(&mut tx, org.id, id, "P", "p@x")
            .await
            .unwrap();
        ids.push(id);
    }
    tx.commit().await.unwrap();
    let user = group_named(&admin, &org, "User").await;
    admin
        .add_group_members(&key, user.id, &api::AccountList { accounts: ids })
        .await
        .unwrap();
    let entry = admin
        .audit_log(
            &key,
            &api::AuditQuery {
                action: Some("group.members.change".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items
        .remove(0);
    let added = entry.detail["added"].as_array().unwrap();
    assert_eq!(added.len(), 51, "fifty and a count of the rest");
    assert_eq!(added[50]["more"], 150);

    // 2,500 entries export in pages, all of them, in order.
    let mut tx = ts.server.state.db.begin().await.unwrap();
    for _ in 0..2_500 {
        orgdesk_server::store::audit::record(
            &mut tx,
            orgdesk_server::store::audit::Entry {
                org: Some(org.id),
                actor: None,
                action: "test.bulk",
                target_type: "test",
                target_id: None,
                ip: None,
                detail: serde_json::json!({}),
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let csv = admin
        .audit_log_csv(
            &key,
            &api::AuditQuery {
                action: Some("test.bulk".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let text = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2_501, "a header and every entry");
    assert!(lines[0].starts_with("time,"));
    assert!(lines[1].contains("test.bulk"));
});
