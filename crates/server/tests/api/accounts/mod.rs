use orgdesk_api as api;

use crate::both;
use crate::common::*;

both!(register_verify_login_me, |ts| {
    let client = ts.client();
    let answer = client
        .register(&api::RegisterRequest {
            email: "Alice@Example.com".into(),
            password: PASSWORD.into(),
            name: "Alice Smith".into(),
        })
        .await
        .unwrap();
    assert_eq!(answer.account.email, "alice@example.com");
    assert!(!answer.account.email_verified);
    let token = ts
        .link_token("alice@example.com", "verify-email")
        .expect("a verification mail in the outbox");
    client.verify_email(&token).await.unwrap();
    assert_eq!(
        code(client.verify_email(&token).await),
        "invalid_token",
        "a link works once"
    );
    let login = client
        .login(&api::LoginRequest {
            email: "alice@example.com".into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .unwrap();
    assert!(login.account.email_verified);
    assert!(!login.password_reset_required);
    let me = client.clone().with_token(login.token).me().await.unwrap();
    assert_eq!(me.name, "Alice Smith");
});

use std::path::PathBuf;

use orgdesk_client::{Client, RawResponse};
use reqwest::Method;
use uuid::Uuid;

const NEW_PASSWORD: &str = "maple-orbit-42-quartz-fjord";
const FIREFOX_WINDOWS: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

fn login_request(email: &str, password: &str, organization: Option<&str>) -> api::LoginRequest {
    api::LoginRequest {
        email: email.into(),
        password: password.into(),
        organization: organization.map(str::to_string),
    }
}

fn register_request(email: &str, password: &str, name: &str) -> api::RegisterRequest {
    api::RegisterRequest {
        email: email.into(),
        password: password.into(),
        name: name.into(),
    }
}

/// Signs `email` in with [`PASSWORD`] and answers a client holding the new session.
async fn login(ts: &TestServer, email: &str) -> Client {
    let answer = ts
        .client()
        .login(&login_request(email, PASSWORD, None))
        .await
        .expect("login");
    ts.client().with_token(answer.token)
}

/// The HTTP status of a failed call.
fn status<T: std::fmt::Debug>(result: &Result<T, orgdesk_client::Error>) -> u16 {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e.status().unwrap_or(0),
    }
}

/// Every session of the caller (one page is enough for a test).
async fn sessions_of(client: &Client) -> Vec<api::SessionInfo> {
    let page = client.my_sessions(Some(500), None).await.expect("sessions");
    assert_eq!(page.next_cursor, None);
    assert_eq!(page.total, page.items.len() as u64);
    page.items
}

/// The session the client is calling with.
async fn current_session(client: &Client) -> api::SessionInfo {
    let sessions = sessions_of(client).await;
    let current: Vec<_> = sessions.into_iter().filter(|s| s.current).collect();
    assert_eq!(current.len(), 1, "exactly one current session: {current:?}");
    current.into_iter().next().unwrap()
}

fn header<'a>(response: &'a RawResponse, name: &str) -> &'a str {
    response
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("header {name} in {:?}", response.headers))
}

// Registration: normalized email, and every refusal leaves nothing behind.
both!(register_normalizes_and_refuses, |ts| {
    let client = ts.client();
    let answer = client
        .register(&register_request(
            "  Bob.Builder@Example.COM ",
            PASSWORD,
            "  Bob Builder ",
        ))
        .await
        .unwrap();
    assert_eq!(answer.account.email, "bob.builder@example.com");
    assert_eq!(answer.account.name, "Bob Builder");
    let bob = ts.client().with_token(answer.token);
    assert_eq!(bob.me().await.unwrap().email, "bob.builder@example.com");

    // The same address in another spelling is taken.
    let dup = client
        .register(&register_request(
            "BOB.BUILDER@example.com",
            "another-strong-pass-99-otter",
            "Impostor",
        ))
        .await;
    assert_eq!(status(&dup), 409);
    assert_eq!(code(dup), "email_taken");
    // …and the impostor's password does not open Bob's account.
    assert_eq!(
        code(
            client
                .login(&login_request(
                    "bob.builder@example.com",
                    "another-strong-pass-99-otter",
                    None
                ))
                .await
        ),
        "invalid_credentials"
    );
    assert_eq!(bob.me().await.unwrap().name, "Bob Builder");

    // Invalid email and empty name: 422 with one entry per field.
    let err = client
        .register(&register_request("not-an-email", PASSWORD, "   "))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));
    assert_eq!(err.code(), Some("validation_failed"));
    let mut fields: Vec<_> = err
        .problem()
        .unwrap()
        .errors
        .iter()
        .map(|e| e.field.clone())
        .collect();
    fields.sort();
    assert_eq!(fields, ["email", "name"]);
    for bad_email in [
        "alice@",
        "@example.com",
        "alice@example",
        "a b@example.com",
        "",
    ] {
        let err = client
            .register(&register_request(bad_email, PASSWORD, "Alice"))
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some("validation_failed"), "{bad_email:?}");
        assert!(
            err.problem()
                .unwrap()
                .errors
                .iter()
                .any(|e| e.field == "email"),
            "{bad_email:?}: {:?}",
            err.problem()
        );
    }
    let err = client
        .register(&register_request("nameless@example.com", PASSWORD, ""))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("validation_failed"));
    let errors = &err.problem().unwrap().errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "name");

    // Weak passwords: common, too short, the address itself.
    for (email, password) in [
        ("carol@example.com", "password1234"),
        ("dora@example.com", "v1olet-harb"),
        ("carol.jones@example.com", "carol.jones@example.com"),
    ] {
        assert_eq!(password == "v1olet-harb", password.chars().count() == 11);
        let err = client
            .register(&register_request(email, password, "Carol Jones"))
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(422), "{password}");
        assert_eq!(err.code(), Some("weak_password"), "{password}");
        assert!(
            err.problem()
                .unwrap()
                .errors
                .iter()
                .any(|e| e.field == "password"),
            "{:?}",
            err.problem()
        );
        // Nothing was created: no login, no mail.
        assert_eq!(
            code(client.login(&login_request(email, password, None)).await),
            "invalid_credentials",
            "{email}"
        );
        assert_eq!(ts.link_token(email, "verify-email"), None, "{email}");
    }
    assert_eq!(
        code(
            client
                .login(&login_request("nameless@example.com", PASSWORD, None))
                .await
        ),
        "invalid_credentials"
    );
    assert_eq!(ts.link_token("nameless@example.com", "verify-email"), None);
    // The refused addresses are still free.
    for email in ["carol@example.com", "nameless@example.com"] {
        let answer = client
            .register(&register_request(email, PASSWORD, "Carol"))
            .await
            .unwrap();
        assert_eq!(answer.account.email, email);
    }
    // Only the accounts that exist got mail.
    assert_eq!(ts.mails().len(), 3);
});

// Verification links: once only, the page does not consume them, the form does.
both!(verify_email_links, |ts| {
    let (dave, _) = ts.register("dave@example.com", "Dave").await;
    let token = ts.link_token("dave@example.com", "verify-email").unwrap();
    let anonymous = ts.client();

    // Garbage tokens.
    for garbage in [
        "odv_garbage".to_string(),
        String::new(),
        "x".repeat(500),
        format!("{token}x"),
    ] {
        let err = anonymous.verify_email(&garbage).await.unwrap_err();
        assert_eq!(err.status(), Some(400), "{garbage:?}");
        assert_eq!(err.code(), Some("invalid_token"), "{garbage:?}");
    }
    assert!(!dave.me().await.unwrap().email_verified);

    // The HTML page shows a button and does not use the token (mail scanners open links).
    for _ in 0..2 {
        let page = anonymous
            .raw(
                Method::GET,
                &format!("/verify-email/{token}"),
                None,
                Vec::new(),
            )
            .await
            .unwrap();
        assert_eq!(page.status, 200);
        assert!(header(&page, "content-type").starts_with("text/html"));
        let csp = header(&page, "content-security-policy");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert_eq!(header(&page, "x-content-type-options"), "nosniff");
        assert!(page.text().contains("<form"), "{}", page.text());
    }
    assert!(!dave.me().await.unwrap().email_verified);

    // The API uses it once.
    anonymous.verify_email(&token).await.unwrap();
    assert!(dave.me().await.unwrap().email_verified);
    let again = anonymous.verify_email(&token).await;
    assert_eq!(status(&again), 400);
    assert_eq!(code(again), "invalid_token");

    // The page's form posts back and verifies, answering HTML.
    let (erin, _) = ts.register("erin@example.com", "Erin").await;
    let token = ts.link_token("erin@example.com", "verify-email").unwrap();
    let path = format!("/verify-email/{token}");
    let done = anonymous
        .raw(
            Method::POST,
            &path,
            Some("application/x-www-form-urlencoded"),
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(header(&done, "content-type").starts_with("text/html"));
    assert!(header(&done, "content-security-policy").contains("default-src 'none'"));
    assert_eq!(header(&done, "x-content-type-options"), "nosniff");
    assert!(erin.me().await.unwrap().email_verified);
    // A second post is refused, as HTML too, and so is the API.
    let used = anonymous
        .raw(
            Method::POST,
            &path,
            Some("application/x-www-form-urlencoded"),
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(used.status, 400);
    assert!(header(&used, "content-type").starts_with("text/html"));
    assert_eq!(code(anonymous.verify_email(&token).await), "invalid_token");
    // Verifying Erin did nothing to Dave, and a garbage form post verifies no one.
    let garbage = anonymous
        .raw(
            Method::POST,
            "/verify-email/odv_garbage",
            Some("application/x-www-form-urlencoded"),
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(garbage.status, 400);
    let (frank, _) = ts.register("frank@example.com", "Frank").await;
    assert!(!frank.me().await.unwrap().email_verified);
});

// Login: one answer for every wrong credential; organization binding.
both!(login_credentials_and_organizations, |ts| {
    let (admin, acme) = ts
        .org_admin("ada@example.com", "acme", &[("crm", "crm-team")])
        .await;
    let globex = admin
        .create_org(&org_request("globex", &[("crm", "crm-team")]))
        .await
        .unwrap();
    let globex = ts.pay(&admin, &globex).await;
    ts.register("grace@example.com", "Grace").await;

    // Wrong password and unknown email: the same 401, byte for byte.
    let anonymous = ts.client();
    let raw_login = |email: &str, password: &str| {
        let body = serde_json::to_vec(&login_request(email, password, None)).unwrap();
        let anonymous = anonymous.clone();
        async move {
            anonymous
                .raw(
                    Method::POST,
                    "/api/v1/auth/login",
                    Some("application/json"),
                    body,
                )
                .await
                .unwrap()
        }
    };
    let wrong_password = raw_login("grace@example.com", "not-her-password-at-all").await;
    let unknown_email = raw_login("nobody@example.com", PASSWORD).await;
    assert_eq!(wrong_password.status, 401);
    assert_eq!(unknown_email.status, 401);
    assert_eq!(
        wrong_password.problem().unwrap().code,
        "invalid_credentials"
    );
    // Byte for byte but for `instance`, the request's own id.
    let without_instance = |body: &[u8]| {
        let mut problem: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert!(problem["instance"].is_string());
        problem.as_object_mut().unwrap().remove("instance");
        serde_json::to_vec(&problem).unwrap()
    };
    assert_eq!(
        without_instance(&wrong_password.body),
        without_instance(&unknown_email.body)
    );
    assert_eq!(
        header(&wrong_password, "content-type"),
        header(&unknown_email, "content-type")
    );
    let a = anonymous
        .login(&login_request(
            "grace@example.com",
            "Wrong-Password-123",
            None,
        ))
        .await
        .unwrap_err();
    let b = anonymous
        .login(&login_request(
            "nobody@example.com",
            "Wrong-Password-123",
            None,
        ))
        .await
        .unwrap_err();
    assert_eq!(a.code(), Some("invalid_credentials"));
    assert_eq!(a.problem(), b.problem());
    assert_eq!(a.status(), Some(401));

    // Without an organization: not bound.
    let plain = anonymous
        .login(&login_request("ada@example.com", PASSWORD, None))
        .await
        .unwrap();
    assert_eq!(plain.organization_id, None);
    assert!(plain.organizations.iter().any(|o| o.id == acme.id));

    // By id and by subdomain.
    for key in [acme.id.to_string(), "acme".to_string()] {
        let answer = anonymous
            .login(&login_request("ada@example.com", PASSWORD, Some(&key)))
            .await
            .unwrap();
        assert_eq!(answer.organization_id, Some(acme.id), "{key}");
        let bound = ts.client().with_token(answer.token);
        assert_eq!(current_session(&bound).await.organization_id, Some(acme.id));
    }

    // By Host header.
    let by_host = ts
        .client()
        .with_host("acme.localhost")
        .login(&login_request("ada@example.com", PASSWORD, None))
        .await
        .unwrap();
    assert_eq!(by_host.organization_id, Some(acme.id));
    let by_host_port = ts
        .client()
        .with_host("globex.localhost:8080")
        .login(&login_request("ada@example.com", PASSWORD, None))
        .await
        .unwrap();
    assert_eq!(by_host_port.organization_id, Some(globex.id));
    // A Host of another domain binds nothing.
    let other_domain = ts
        .client()
        .with_host("acme.example.net")
        .login(&login_request("ada@example.com", PASSWORD, None))
        .await
        .unwrap();
    assert_eq!(other_domain.organization_id, None);

    // A non-member naming an organization, real or not: the same 403.
    let real = anonymous
        .login(&login_request("grace@example.com", PASSWORD, Some("acme")))
        .await
        .unwrap_err();
    let by_id = anonymous
        .login(&login_request(
            "grace@example.com",
            PASSWORD,
            Some(&acme.id.to_string()),
        ))
        .await
        .unwrap_err();
    let missing = anonymous
        .login(&login_request(
            "grace@example.com",
            PASSWORD,
            Some("nosuchorg"),
        ))
        .await
        .unwrap_err();
    let missing_id = anonymous
        .login(&login_request(
            "grace@example.com",
            PASSWORD,
            Some(&Uuid::now_v7().to_string()),
        ))
        .await
        .unwrap_err();
    let missing_host = ts
        .client()
        .with_host("nosuchorg.localhost")
        .login(&login_request("grace@example.com", PASSWORD, None))
        .await
        .unwrap_err();
    let real_host = ts
        .client()
        .with_host("acme.localhost")
        .login(&login_request("grace@example.com", PASSWORD, None))
        .await
        .unwrap_err();
    for e in [
        &real,
        &by_id,
        &missing,
        &missing_id,
        &missing_host,
        &real_host,
    ] {
        assert_eq!(e.status(), Some(403));
        assert_eq!(e.code(), Some("not_a_member"));
        assert_eq!(e.problem(), real.problem());
    }
    // The refusals opened no session for Grace: only her registration's.
    let grace_client = login(&ts, "grace@example.com").await;
    let grace_sessions = sessions_of(&grace_client).await;
    assert_eq!(grace_sessions.len(), 2, "{grace_sessions:?}");
    assert!(grace_sessions.iter().all(|s| s.organization_id.is_none()));
    assert_eq!(
        current_session(&grace_client).await.id,
        grace_sessions[0].id
    );
    // With a wrong password the organization does not matter: still invalid_credentials.
    assert_eq!(
        code(
            anonymous
                .login(&login_request(
                    "grace@example.com",
                    "Wrong-Password-123",
                    Some("acme")
                ))
                .await
        ),
        "invalid_credentials"
    );

    // A session bound to acme cannot act in globex, though Ada is a member of both.
    let bound = ts.client().with_token(
        anonymous
            .login(&login_request("ada@example.com", PASSWORD, Some("acme")))
            .await
            .unwrap()
            .token,
    );
    assert_eq!(bound.org("acme").await.unwrap().id, acme.id);
    assert!(bound.groups(&acme.id.to_string()).await.unwrap().len() >= 3);
    for result in [
        bound.org("globex").await.map(|o| o.id),
        bound.org(&globex.id.to_string()).await.map(|o| o.id),
    ] {
        assert_eq!(status(&result), 403);
        assert_eq!(code(result), "wrong_organization");
    }
    let groups = bound.groups("globex").await;
    assert_eq!(status(&groups), 403);
    assert_eq!(code(groups), "wrong_organization");
    let host_bound = ts.client().with_token(by_host.token);
    assert_eq!(code(host_bound.org("globex").await), "wrong_organization");
    // The unbound session reaches both.
    let unbound = ts.client().with_token(plain.token);
    assert_eq!(unbound.org("globex").await.unwrap().id, globex.id);
    assert_eq!(unbound.org("acme").await.unwrap().id, acme.id);
});

// Repeated failures for one account are refused with 429, by every instance.
both!(login_throttling_is_shared, |ts| {
    let (henry, _) = ts.register("henry@example.com", "Henry").await;
    let other = ts.another_instance().await;
    let other_client = Client::new(other.url()).unwrap();
    let anonymous = ts.client();

    let mut failures = 0;
    let blocked = loop {
        let err = anonymous
            .login(&login_request(
                "henry@example.com",
                "Wrong-Password-123",
                None,
            ))
            .await
            .unwrap_err();
        if err.code() == Some("too_many_attempts") {
            break err;
        }
        assert_eq!(err.code(), Some("invalid_credentials"));
        failures += 1;
        assert!(failures <= 20, "no 429 after {failures} failures");
    };
    assert!(failures >= 3, "blocked after only {failures} failures");
    assert_eq!(blocked.status(), Some(429));
    assert!(
        blocked.retry_after().is_some_and(|s| s >= 1),
        "Retry-After: {:?}",
        blocked.retry_after()
    );

    // The first block is short; make it long so the rest does not race the clock.
    // The row must exist already: the failures were recorded in the database.
    let far = orgdesk_server::store::now_ms() + 10 * 60 * 1000;
    let updated =
        sqlx::query("UPDATE login_throttle SET blocked_until = $1 WHERE throttle_key = $2")
            .bind(far)
            .bind(orgdesk_server::store::throttle::key(
                "password-account",
                "henry@example.com",
            ))
            .execute(ts.server.state.db.pool())
            .await
            .unwrap();
    assert_eq!(updated.rows_affected(), 1);

    // The right password is refused too while blocked, in any spelling of the address.
    for email in ["henry@example.com", " HENRY@example.com"] {
        let err = anonymous
            .login(&login_request(email, PASSWORD, None))
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some("too_many_attempts"), "{email}");
        assert!(
            err.retry_after().is_some_and(|s| s >= 60),
            "{:?}",
            err.retry_after()
        );
    }
    // So does another instance of the server on the same database.
    let err = other_client
        .login(&login_request("henry@example.com", PASSWORD, None))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.code(), Some("too_many_attempts"));
    assert!(err.retry_after().is_some_and(|s| s >= 1));
    // The block is for the account: Henry's live session and other accounts are unaffected.
    henry.me().await.unwrap();
    ts.register("iris@example.com", "Iris").await;
    login(&ts, "iris@example.com").await.me().await.unwrap();

    // Once the block is over, the right password works again.
    sqlx::query("UPDATE login_throttle SET blocked_until = 0 WHERE throttle_key = $1")
        .bind(orgdesk_server::store::throttle::key(
            "password-account",
            "henry@example.com",
        ))
        .execute(ts.server.state.db.pool())
        .await
        .unwrap();
    let session = other_client
        .login(&login_request("henry@example.com", PASSWORD, None))
        .await
        .unwrap();
    ts.client().with_token(session.token).me().await.unwrap();
    other.stop().await.unwrap();
});

// Logout ends one session; a password change ends all the others.
both!(logout_and_password_change, |ts| {
    let (first, profile) = ts.register("jack@example.com", "Jack Black").await;
    let second = login(&ts, "jack@example.com").await;
    second.logout().await.unwrap();
    let gone = second.me().await;
    assert_eq!(status(&gone), 401);
    assert_eq!(code(gone), "unauthenticated");
    assert_eq!(code(second.logout().await), "unauthenticated");
    assert_eq!(first.me().await.unwrap().id, profile.id);

    let third = login(&ts, "jack@example.com").await;
    // Wrong current password.
    let wrong = first
        .change_password(&api::PasswordChangeRequest {
            current_password: "not-my-password-123".into(),
            new_password: NEW_PASSWORD.into(),
        })
        .await;
    assert_eq!(status(&wrong), 401);
    assert_eq!(code(wrong), "invalid_credentials");
    // Weak new passwords.
    for weak in ["password1234", "short-pass", "jack@example.com"] {
        let err = first
            .change_password(&api::PasswordChangeRequest {
                current_password: PASSWORD.into(),
                new_password: weak.into(),
            })
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(422), "{weak}");
        assert_eq!(err.code(), Some("weak_password"), "{weak}");
        assert!(
            err.problem()
                .unwrap()
                .errors
                .iter()
                .any(|e| e.field == "new_password")
        );
    }
    // Nothing changed: the sessions live and the old password still opens.
    first.me().await.unwrap();
    third.me().await.unwrap();
    login(&ts, "jack@example.com").await;
    assert_eq!(
        code(
            ts.client()
                .login(&login_request("jack@example.com", NEW_PASSWORD, None))
                .await
        ),
        "invalid_credentials"
    );

    first
        .change_password(&api::PasswordChangeRequest {
            current_password: PASSWORD.into(),
            new_password: NEW_PASSWORD.into(),
        })
        .await
        .unwrap();
    assert_eq!(first.me().await.unwrap().id, profile.id, "the caller stays");
    assert_eq!(code(third.me().await), "unauthenticated", "others end");
    assert_eq!(
        code(
            ts.client()
                .login(&login_request("jack@example.com", PASSWORD, None))
                .await
        ),
        "invalid_credentials"
    );
    let fresh = ts
        .client()
        .login(&login_request("jack@example.com", NEW_PASSWORD, None))
        .await
        .unwrap();
    ts.client().with_token(fresh.token).me().await.unwrap();
    // Only the caller's session and the fresh one are live.
    let live: Vec<_> = sessions_of(&first)
        .await
        .into_iter()
        .filter(|s| s.revoked_at.is_none())
        .collect();
    assert_eq!(live.len(), 2, "{live:?}");
});

// A forced reset allows only logout and a password change.
mod forced_reset;
mod session_rules;
mod sessions_and_addresses;
