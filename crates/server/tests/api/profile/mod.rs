//! The caller's own profile: details and versions, phone numbers, mass
//! assignment, the email change by link, and the profile picture with every
//! way a hostile upload can go.

use std::io::Cursor;

use image::{ImageFormat, Rgba, RgbaImage};
use orgdesk_api as api;
use orgdesk_client::Client;
use reqwest::Method;
use uuid::Uuid;

use crate::both;
use crate::common::*;

const CRM: &[(&str, &str)] = &[("crm", "crm-team")];

/// Status and code of a failed call.
fn failure<T: std::fmt::Debug>(result: Result<T, orgdesk_client::Error>) -> (u16, String) {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => (
            e.status().unwrap_or(0),
            e.code().unwrap_or("none").to_string(),
        ),
    }
}

fn patch() -> api::ProfilePatch {
    api::ProfilePatch::default()
}

async fn login(ts: &TestServer, email: &str) -> Result<api::LoginResponse, orgdesk_client::Error> {
    ts.client()
        .login(&api::LoginRequest {
            email: email.into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
}

/// Sends a raw JSON body to PATCH /api/v1/me.
async fn raw_patch(client: &Client, body: serde_json::Value) -> orgdesk_client::RawResponse {
    client
        .raw(
            Method::PATCH,
            "/api/v1/me",
            Some("application/json"),
            serde_json::to_vec(&body).unwrap(),
        )
        .await
        .unwrap()
}

/// The profile fields a refused change must leave alone.
fn same_profile(before: &api::Profile, after: &api::Profile) {
    assert_eq!(before, after, "a refused change left no trace");
}

// ---- Details -------------------------------------------------------------------

both!(profile_details_change_and_bump_the_version, |ts| {
    let (client, start) = ts.register("carol@example.com", "Carol Jones").await;
    let changed = client
        .update_me(
            &api::ProfilePatch {
                name: Some("  Carol Smith ".into()),
                job_title: Some(Some("Head of Sales".into())),
                department: Some(Some("Sales".into())),
                address: Some(Some("Hauptstraße 5\n10115 Berlin".into())),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(changed.name, "Carol Smith", "trimmed");
    assert_eq!(changed.job_title.as_deref(), Some("Head of Sales"));
    assert_eq!(changed.department.as_deref(), Some("Sales"));
    assert_eq!(
        changed.address.as_deref(),
        Some("Hauptstraße 5\n10115 Berlin")
    );
    assert_eq!(changed.email, start.email);
    assert_eq!(changed.version, start.version + 1);
    assert_eq!(client.me().await.unwrap(), changed, "the change is stored");

    // Absent fields stay; null clears an optional one.
    let cleared = client
        .update_me(
            &api::ProfilePatch {
                job_title: Some(None),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(cleared.job_title, None);
    assert_eq!(cleared.department.as_deref(), Some("Sales"));
    assert_eq!(cleared.name, "Carol Smith");
    assert_eq!(cleared.version, changed.version + 1);
    let answer = raw_patch(
        &client,
        serde_json::json!({ "department": null, "address": null }),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    let me = client.me().await.unwrap();
    assert_eq!((me.department, me.address), (None, None));
    assert_eq!(me.job_title, None);

    // A stale If-Match or body version: 412 and nothing changes.
    let current = client.me().await.unwrap();
    let stale = current.version - 1;
    let attempt = api::ProfilePatch {
        name: Some("Lost Update".into()),
        ..patch()
    };
    assert_eq!(
        failure(client.update_me(&attempt, Some(stale)).await),
        (412, "stale_version".into())
    );
    assert_eq!(
        failure(
            client
                .update_me(
                    &api::ProfilePatch {
                        version: Some(stale),
                        ..attempt.clone()
                    },
                    None
                )
                .await
        ),
        (412, "stale_version".into())
    );
    assert_eq!(
        failure(client.update_me(&attempt, Some(current.version + 7)).await),
        (412, "stale_version".into()),
        "a version from the future is not current either"
    );
    same_profile(&current, &client.me().await.unwrap());
    // The current version passes, by header or in the body.
    let by_header = client
        .update_me(&attempt, Some(current.version))
        .await
        .unwrap();
    assert_eq!(by_header.name, "Lost Update");
    assert_eq!(by_header.version, current.version + 1);
    let by_body = client
        .update_me(
            &api::ProfilePatch {
                name: Some("Carol Final".into()),
                version: Some(by_header.version),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(by_body.name, "Carol Final");
    // The first writer's version is now stale for a second writer.
    assert_eq!(
        failure(client.update_me(&attempt, Some(by_header.version)).await),
        (412, "stale_version".into())
    );

    // Invalid values: 422 and nothing changes.
    let before = client.me().await.unwrap();
    for bad in [
        api::ProfilePatch {
            name: Some("   ".into()),
            ..patch()
        },
        api::ProfilePatch {
            name: Some("x".repeat(201)),
            ..patch()
        },
        api::ProfilePatch {
            name: Some("Good Name".into()),
            job_title: Some(Some("y".repeat(201))),
            ..patch()
        },
        api::ProfilePatch {
            department: Some(Some("bad\u{7}bell".into())),
            ..patch()
        },
        api::ProfilePatch {
            email: Some("not an address".into()),
            ..patch()
        },
    ] {
        let (status, _) = failure(client.update_me(&bad, None).await);
        assert_eq!(status, 422, "{bad:?}");
    }
    same_profile(&before, &client.me().await.unwrap());
});

both!(phone_numbers_are_stored_in_e164, |ts| {
    let (client, _) = ts.register("pete@example.com", "Pete Phone").await;
    let set = |phone: &str| api::ProfilePatch {
        phone: Some(Some(phone.into())),
        ..patch()
    };
    let berlin = client.update_me(&set("+49 30 901820"), None).await.unwrap();
    assert_eq!(berlin.phone.as_deref(), Some("+4930901820"));
    let us = client
        .update_me(&set("+1 650 253 0000"), None)
        .await
        .unwrap();
    assert_eq!(us.phone.as_deref(), Some("+16502530000"));
    let dashed = client
        .update_me(&set("+1 (650) 253-0000"), None)
        .await
        .unwrap();
    assert_eq!(dashed.phone.as_deref(), Some("+16502530000"));

    let before = client.me().await.unwrap();
    for bad in ["12345", "+49 1", "call me", "+999 123456", "030 901820"] {
        assert_eq!(
            failure(client.update_me(&set(bad), None).await),
            (422, "invalid_phone".into()),
            "{bad}"
        );
    }
    // Together with a valid change: nothing of it is kept.
    assert_eq!(
        failure(
            client
                .update_me(
                    &api::ProfilePatch {
                        name: Some("Renamed".into()),
                        phone: Some(Some("12345".into())),
                        ..patch()
                    },
                    None
                )
                .await
        )
        .0,
        422
    );
    same_profile(&before, &client.me().await.unwrap());

    let cleared = client
        .update_me(
            &api::ProfilePatch {
                phone: Some(None),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(cleared.phone, None);
});

both!(mass_assignment_is_refused, |ts| {
    let (client, me) = ts.register("mallory@example.com", "Mallory Malice").await;
    let (_, other) = ts.register("victim@example.com", "Victor Victim").await;
    let before = client.me().await.unwrap();
    assert!(!before.email_verified);
    for body in [
        serde_json::json!({ "email_verified": true }),
        serde_json::json!({ "name": "Evil", "email_verified": true }),
        serde_json::json!({ "name": "Evil", "id": other.id }),
        serde_json::json!({ "password_reset_required": true }),
        serde_json::json!({ "name": "Evil", "password_hash": "x" }),
        serde_json::json!({ "name": "Evil", "avatar_url": "https://evil.example/x.png" }),
        serde_json::json!({ "name": "Evil", "pending_email": "victim@example.com" }),
        serde_json::json!({ "name": "Evil", "created_at": "2000-01-01T00:00:00Z" }),
        serde_json::json!({ "name": "Evil", "Name": "Evil" }),
    ] {
        let answer = raw_patch(&client, body.clone()).await;
        assert_eq!(answer.status, 422, "{body}: {}", answer.text());
        assert_eq!(
            answer.problem().map(|p| p.code),
            Some("validation_failed".to_string()),
            "{body}"
        );
    }
    // Wrong types are refused too.
    for body in [
        serde_json::json!({ "name": 42 }),
        serde_json::json!({ "version": "1" }),
        serde_json::json!(["name", "Evil"]),
    ] {
        let answer = raw_patch(&client, body.clone()).await;
        assert_eq!(answer.status, 422, "{body}: {}", answer.text());
    }
    same_profile(&before, &client.me().await.unwrap());
    assert_eq!(client.me().await.unwrap().id, me.id);
    let answer = login(&ts, "mallory@example.com").await.unwrap();
    assert!(!answer.password_reset_required);
    assert!(!answer.account.email_verified);
    let victim = login(&ts, "victim@example.com").await.unwrap();
    assert_eq!(victim.account.name, "Victor Victim");
});

both!(a_new_name_is_found_by_the_member_search, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let (client, me) = ts
        .member(&admin, &org, "carol@example.com", "Carol Jones")
        .await;
    let search = |q: &'static str| {
        let admin = admin.clone();
        let org = org.id.to_string();
        async move {
            admin
                .members(
                    &org,
                    &api::MemberQuery {
                        q: Some(q.into()),
                        ..Default::default()
                    },
                )
                .await
                .unwrap()
                .items
                .into_iter()
                .map(|m| (m.id, m.name))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(search("jones").await, [(me.id, "Carol Jones".to_string())]);
    client
        .update_me(
            &api::ProfilePatch {
                name: Some("Zebediah Quixote".into()),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        search("zebediah").await,
        [(me.id, "Zebediah Quixote".to_string())]
    );
    assert_eq!(
        search("quix").await,
        [(me.id, "Zebediah Quixote".to_string())]
    );
    assert!(
        search("jones").await.is_empty(),
        "the old name no longer matches"
    );
    assert_eq!(
        admin.member(&org.id.to_string(), me.id).await.unwrap().name,
        "Zebediah Quixote"
    );
});

// ---- Email change ----------------------------------------------------------------

/// The text of the newest mail addressed to `email` with a verify-email link.
fn verify_mail_to(ts: &TestServer, email: &str) -> Option<String> {
    ts.mails().into_iter().find(|m| {
        m.lines()
            .any(|l| l.to_lowercase().starts_with("to:") && l.contains(email))
            && m.replace("=\r\n", "")
                .replace("=\n", "")
                .contains("/verify-email/")
    })
}

both!(an_email_change_waits_for_the_new_address, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let (client, start) = ts
        .member(&admin, &org, "carol@example.com", "Carol Jones")
        .await;
    let new = "c.jones@corp.example";

    let pending = client
        .update_me(
            &api::ProfilePatch {
                email: Some("C.Jones@Corp.example".into()),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        pending.email, "carol@example.com",
        "the address is unchanged until confirmed"
    );
    assert_eq!(pending.pending_email.as_deref(), Some(new), "normalized");
    assert_eq!(pending.version, start.version + 1);
    assert!(
        verify_mail_to(&ts, new).is_some(),
        "a link went to the new address"
    );
    let token = ts
        .link_token(new, "verify-email")
        .expect("a verify-email link for the new address");

    // Until then the old address is the one that signs in.
    assert_eq!(
        failure(login(&ts, new).await),
        (401, "invalid_credentials".into())
    );
    login(&ts, "carol@example.com").await.unwrap();
    // Someone who only knows the old address's link cannot confirm the new one.
    let old_token = ts
        .link_token("carol@example.com", "verify-email")
        .expect("the registration link");
    assert_ne!(old_token, token);

    ts.client().verify_email(&token).await.unwrap();
    let me = client.me().await.unwrap();
    assert_eq!(me.email, new);
    assert_eq!(me.pending_email, None);
    assert!(me.email_verified);
    assert!(me.version > pending.version);
    login(&ts, new).await.expect("the new address signs in");
    assert_eq!(
        failure(login(&ts, "carol@example.com").await),
        (401, "invalid_credentials".into()),
        "the old address no longer does"
    );
    // The link works once.
    assert_eq!(
        failure(ts.client().verify_email(&token).await),
        (400, "invalid_token".into())
    );
    // The organization sees and finds the new address.
    let found = admin
        .members(
            &org.id.to_string(),
            &api::MemberQuery {
                q: Some(new.into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        found
            .items
            .iter()
            .map(|m| (m.id, m.email.as_str()))
            .collect::<Vec<_>>(),
        [(start.id, new)]
    );
    // The old address is free again.
    ts.register("carol@example.com", "Another Carol").await;
});

both!(an_email_change_to_a_used_address_is_refused, |ts| {
    let (client, _) = ts.register("carol@example.com", "Carol Jones").await;
    ts.register("dave@example.com", "Dave Davis").await;
    let before = client.me().await.unwrap();
    for taken in ["dave@example.com", "DAVE@Example.COM"] {
        assert_eq!(
            failure(
                client
                    .update_me(
                        &api::ProfilePatch {
                            email: Some(taken.into()),
                            ..patch()
                        },
                        None
                    )
                    .await
            ),
            (409, "email_taken".into()),
            "{taken}"
        );
    }
    same_profile(&before, &client.me().await.unwrap());
    assert!(verify_mail_to(&ts, "dave@example.com").is_none_or(|m| !m.contains("Carol")));

    // An address taken while the change waits cannot be confirmed.
    client
        .update_me(
            &api::ProfilePatch {
                email: Some("free@example.com".into()),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    let token = ts.link_token("free@example.com", "verify-email").unwrap();
    let (_, newcomer) = ts.register("free@example.com", "Fred Free").await;
    assert_eq!(
        failure(ts.client().verify_email(&token).await),
        (409, "email_taken".into())
    );
    assert_eq!(client.me().await.unwrap().email, "carol@example.com");
    assert_eq!(
        login(&ts, "free@example.com").await.unwrap().account.id,
        newcomer.id
    );
    login(&ts, "carol@example.com").await.unwrap();
    // Changing to the current address clears a pending change.
    let back = client
        .update_me(
            &api::ProfilePatch {
                email: Some("carol@example.com".into()),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(back.pending_email, None);
    assert_eq!(back.email, "carol@example.com");
});

both!(a_superseded_email_link_is_dead, |ts| {
    let (client, _) = ts.register("carol@example.com", "Carol Jones").await;
    // A typo first, then the right address.
    client
        .update_me(
            &api::ProfilePatch {
                email: Some("typo@wrong.example".into()),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    let typo = ts.link_token("typo@wrong.example", "verify-email").unwrap();
    let corrected = client
        .update_me(
            &api::ProfilePatch {
                email: Some("right@corp.example".into()),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(
        corrected.pending_email.as_deref(),
        Some("right@corp.example")
    );
    let right = ts.link_token("right@corp.example", "verify-email").unwrap();

    // Whoever reads the typo's mailbox must not get the account.
    let stolen = ts.client().verify_email(&typo).await;
    let me = client.me().await.unwrap();
    assert_eq!(
        me.email, "carol@example.com",
        "the superseded link switched the email: {stolen:?}"
    );
    assert_eq!(failure(stolen), (400, "invalid_token".into()));
    assert_eq!(failure(login(&ts, "typo@wrong.example").await).0, 401);
    // The right one still works.
    ts.client().verify_email(&right).await.unwrap();
    assert_eq!(client.me().await.unwrap().email, "right@corp.example");
});

both!(a_cancelled_email_change_link_is_dead, |ts| {
    let (client, _) = ts.register("carol@example.com", "Carol Jones").await;
    client
        .update_me(
            &api::ProfilePatch {
                email: Some("right@corp.example".into()),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    let right = ts.link_token("right@corp.example", "verify-email").unwrap();
    // Cancelling by setting the current address kills the pending link too.
    let cancelled = client
        .update_me(
            &api::ProfilePatch {
                email: Some("carol@example.com".into()),
                ..patch()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(cancelled.pending_email, None);
    let late = ts.client().verify_email(&right).await;
    assert_eq!(
        client.me().await.unwrap().email,
        "carol@example.com",
        "a cancelled change went through: {late:?}"
    );
    assert_eq!(failure(late), (400, "invalid_token".into()));
});

mod pictures;
