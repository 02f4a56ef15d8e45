//! Throttles decided atomically in the database: parallel guesses, bursts of
//! sign-ups, invitations per organization; keys hashed and purged.

use futures::future::join_all;

use super::*;

const WRONG: &str = "Wrong-Password-123-x";

/// How many of the answers were each of 401 and 429 (anything else fails).
fn tally(results: Vec<Result<impl std::fmt::Debug, orgdesk_client::Error>>) -> (usize, usize) {
    let mut checked = 0;
    let mut refused = 0;
    for result in results {
        match failure(result) {
            (401, code) if code == "invalid_credentials" => checked += 1,
            (429, code) if code == "too_many_attempts" => refused += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    (checked, refused)
}

both!(
    parallel_wrong_passwords_are_refused_before_they_are_checked,
    |ts| {
        let (victim, _) = verified(&ts, "vic@acme-corp.com", "Vic").await;
        let anonymous = ts.client();
        let guesses = (0..40).map(|i| {
            let anonymous = anonymous.clone();
            async move {
                anonymous
                    .login(&api::LoginRequest {
                        email: "vic@acme-corp.com".into(),
                        password: format!("{WRONG}{i}"),
                        organization: None,
                    })
                    .await
            }
        });
        let (checked, refused) = tally(join_all(guesses).await);
        assert!(checked <= 10, "{checked} of 40 guesses were checked");
        assert!(refused >= 30, "{refused} refused");
        assert_eq!(checked + refused, 40);

        // The same for the current password of POST /auth/password.
        let changes = (0..40).map(|i| {
            let victim = victim.clone();
            async move {
                victim
                    .change_password(&api::PasswordChangeRequest {
                        current_password: format!("{WRONG}{i}"),
                        new_password: "a-brand-new-passphrase-77".into(),
                    })
                    .await
            }
        });
        // The account is blocked already: none of these is even checked.
        let (checked, refused) = tally(join_all(changes).await);
        assert!(checked <= 10, "{checked} password changes were checked");
        assert_eq!(checked + refused, 40);
        victim.me().await.expect("the session was never ended");
    }
);

both!(invitation_links_throttle_the_existing_password_too, |ts| {
    let (admin, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    let (carol, _) = ts.register("carol@people.example", "Carol").await;
    admin
        .invite(
            &oid(&org),
            &api::InviteRequest {
                invitations: vec![api::Invitee {
                    email: "carol@people.example".into(),
                    groups: None,
                    expires_at: None,
                }],
            },
        )
        .await
        .unwrap();
    let token = ts.link_token("carol@people.example", "invite").unwrap();
    ts.confirm_email(&carol, "carol@people.example").await;
    let attempts = (0..40).map(|i| {
        let client = ts.client();
        let token = token.clone();
        async move {
            client
                .accept_invitation(
                    &token,
                    &api::AcceptInvitation {
                        name: None,
                        password: format!("{WRONG}{i}"),
                    },
                )
                .await
        }
    });
    let (checked, refused) = tally(join_all(attempts).await);
    assert!(checked <= 10, "{checked} accept attempts were checked");
    assert_eq!(checked + refused, 40);
    assert!(
        !carol
            .my_organizations()
            .await
            .unwrap()
            .iter()
            .any(|o| o.id == org.id)
    );
});

both_with!(
    sign_ups_from_one_address_are_rate_limited,
    |config| {
        config.limits = orgdesk_server::config::Limits::default();
    },
    |ts| {
        // A handful never meets the limit.
        for i in 0..5 {
            ts.register(&format!("ok{i}@people.example"), "Okay").await;
        }
        // A burst of 30 does.
        let burst = (0..30).map(|i| {
            let client = ts.client();
            async move {
                client
                    .register(&api::RegisterRequest {
                        email: format!("burst{i}@people.example"),
                        password: PASSWORD.into(),
                        name: "Burst".into(),
                    })
                    .await
            }
        });
        let results = join_all(burst).await;
        let limited: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
        assert!(!limited.is_empty(), "a burst of 30 met no limit");
        for e in &limited {
            assert_eq!((e.status(), e.code()), (Some(429), Some("rate_limited")));
            assert!(e.retry_after().is_some_and(|s| s >= 1));
        }
        let created = count(
            &ts,
            "SELECT count(*) FROM accounts WHERE email LIKE 'burst%'",
        )
        .await;
        assert_eq!(
            created as usize,
            30 - limited.len(),
            "a refused sign-up creates nothing"
        );
    }
);

both_with!(
    ipv6_addresses_count_by_network_and_keys_are_hashed,
    |config| {
        config.limits.registrations_per_hour = 3;
        config.trusted_proxy = vec!["127.0.0.1".parse().unwrap()];
    },
    |ts| {
        let from = |address: &str| {
            ts.client()
                .with_header("x-forwarded-for", address)
                .expect("a header")
        };
        let register = |client: Client, n: usize| async move {
            client
                .register(&api::RegisterRequest {
                    email: format!("v6-{n}@people.example"),
                    password: PASSWORD.into(),
                    name: "Six".into(),
                })
                .await
        };
        // Three hosts of one /64 share its allowance of three.
        for (n, host) in ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff::3"]
            .iter()
            .enumerate()
        {
            register(from(host), n).await.expect("within the allowance");
        }
        let refused = register(from("2001:db8:1:2::99"), 10).await.unwrap_err();
        assert_eq!(refused.code(), Some("rate_limited"));
        // The next /64 is another subscriber.
        register(from("2001:db8:1:3::1"), 11)
            .await
            .expect("another network");

        // Stored keys are hashes: no address, no email at rest.
        let keys: Vec<String> = sqlx::query_scalar("SELECT throttle_key FROM login_throttle")
            .fetch_all(ts.server.state.db.pool())
            .await
            .unwrap();
        assert!(!keys.is_empty());
        for key in &keys {
            assert_eq!(key.len(), 64, "{key}");
            assert!(key.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
        }
        // Expired counters are purged.
        sqlx::query("UPDATE login_throttle SET window_start = 0, blocked_until = 0")
            .execute(ts.server.state.db.pool())
            .await
            .unwrap();
        let (purged, _) = orgdesk_server::sweeper::sweep(&ts.server.state)
            .await
            .unwrap();
        assert_eq!(purged as usize, keys.len());
        assert_eq!(count(&ts, "SELECT count(*) FROM login_throttle").await, 0);
    }
);

both_with!(
    invitations_and_resends_are_rate_limited_per_organization,
    |config| {
        config.limits.invitations_per_hour = 4;
        config.limits.resends_per_hour = 2;
    },
    |ts| {
        let (admin, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
        let (other, other_org) = ts.org_admin("bea@beta.example", "beta", CRM).await;
        let invite = |client: Client, org: String, emails: Vec<String>| async move {
            client
                .invite(
                    &org,
                    &api::InviteRequest {
                        invitations: emails
                            .into_iter()
                            .map(|email| api::Invitee {
                                email,
                                groups: None,
                                expires_at: None,
                            })
                            .collect(),
                    },
                )
                .await
        };
        let batch = |n: usize| {
            (0..n)
                .map(|i| format!("guest{n}-{i}@people.example"))
                .collect::<Vec<_>>()
        };
        invite(admin.clone(), oid(&org), batch(3)).await.unwrap();
        let mails = ts.mails().len();
        let refused = invite(admin.clone(), oid(&org), batch(2))
            .await
            .unwrap_err();
        assert_eq!(
            (refused.status(), refused.code()),
            (Some(429), Some("rate_limited"))
        );
        assert!(refused.retry_after().is_some_and(|s| s > 60));
        assert_eq!(ts.mails().len(), mails, "a refused batch sends nothing");
        let pending = admin
            .invitations(&oid(&org), &api::InvitationQuery::default())
            .await
            .unwrap();
        assert_eq!(pending.total, 3, "and creates nothing");
        // One more still fits; another organization has its own allowance.
        invite(admin.clone(), oid(&org), batch(1)).await.unwrap();
        invite(other.clone(), oid(&other_org), batch(4))
            .await
            .unwrap();

        let id = pending.items[0].id;
        admin.resend_invitation(&oid(&org), id).await.unwrap();
        admin.resend_invitation(&oid(&org), id).await.unwrap();
        assert_eq!(
            failure(admin.resend_invitation(&oid(&org), id).await),
            (429, "rate_limited".into())
        );
    }
);
