//! What the console's first run needs from the server: `updated_since` on the
//! members list, the demo organization, and the client's activity hook.

use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use orgdesk_api as api;
use orgdesk_client::{Client, RequestRecord};
use orgdesk_server::demo::{self, DemoOptions};
use reqwest::Method;
use sqlx::Row;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use crate::both;
use crate::common::*;

/// Moves every membership of `org` a minute into the past, so that a
/// baseline taken now lies strictly between the setup and what follows.
async fn age_memberships(ts: &TestServer, org: Uuid) {
    sqlx::query("UPDATE memberships SET updated_at = updated_at - 60000 WHERE org_id = $1")
        .bind(org.to_string())
        .execute(ts.server.state.db.pool())
        .await
        .expect("age memberships");
}

/// Half a minute ago: after the aged setup, before anything the test does next.
fn baseline() -> OffsetDateTime {
    OffsetDateTime::now_utc() - time::Duration::seconds(30)
}

async fn changed_since(
    admin: &Client,
    org: &api::Organization,
    since: OffsetDateTime,
    extra: api::MemberQuery,
) -> api::Page<api::Member> {
    admin
        .members(
            &org.id.to_string(),
            &api::MemberQuery {
                updated_since: Some(since),
                ..extra
            },
        )
        .await
        .expect("members changed since")
}

fn ids(page: &api::Page<api::Member>) -> BTreeSet<Uuid> {
    page.items.iter().map(|m| m.id).collect()
}

both!(updated_since_answers_only_changed_members, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let me = admin.me().await.unwrap();
    let (_, moved) = ts
        .member(&admin, &org, "moved@acme.example", "Moe Moved")
        .await;
    let (_, suspended) = ts
        .member(&admin, &org, "suspended@acme.example", "Sue Spended")
        .await;
    let (_, still) = ts
        .member(&admin, &org, "still@acme.example", "Stan Still")
        .await;
    let org_key = org.id.to_string();
    age_memberships(&ts, org.id).await;
    let since = baseline();

    let nothing = changed_since(&admin, &org, since, Default::default()).await;
    assert_eq!(nothing.total, 0, "nothing changed yet: {:?}", nothing.items);
    assert!(nothing.items.is_empty());

    // One member changes groups, another is suspended.
    let sales = group_named(&admin, &org, "Sales Team").await;
    admin
        .add_group_members(
            &org_key,
            sales.id,
            &api::AccountList {
                accounts: vec![moved.id],
            },
        )
        .await
        .expect("add to Sales Team");
    admin
        .suspend_member(&org_key, suspended.id)
        .await
        .expect("suspend");

    let changed = changed_since(&admin, &org, since, Default::default()).await;
    assert_eq!(ids(&changed), BTreeSet::from([moved.id, suspended.id]));
    assert_eq!(changed.total, 2);
    let moved_now = changed.items.iter().find(|m| m.id == moved.id).unwrap();
    assert!(moved_now.groups.iter().any(|g| g.id == sales.id));
    assert!(moved_now.updated_at >= since);
    let suspended_now = changed.items.iter().find(|m| m.id == suspended.id).unwrap();
    assert_eq!(suspended_now.status, api::MembershipStatus::Suspended);

    // The filter composes with the others and with paging.
    let only_suspended = changed_since(
        &admin,
        &org,
        since,
        api::MemberQuery {
            status: Some(api::MembershipStatus::Suspended),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(ids(&only_suspended), BTreeSet::from([suspended.id]));
    let first = changed_since(
        &admin,
        &org,
        since,
        api::MemberQuery {
            limit: Some(1),
            ..Default::default()
        },
    )
    .await;
    assert_eq!((first.items.len(), first.total), (1, 2));
    let second = changed_since(
        &admin,
        &org,
        since,
        api::MemberQuery {
            limit: Some(1),
            cursor: first.next_cursor.clone(),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(second.items.len(), 1);
    assert!(second.next_cursor.is_none());
    assert_eq!(
        ids(&first)
            .union(&ids(&second))
            .copied()
            .collect::<BTreeSet<_>>(),
        BTreeSet::from([moved.id, suspended.id])
    );

    // Inclusive: a change's own `updated_at` finds it again.
    let at_change = changed_since(&admin, &org, moved_now.updated_at, Default::default()).await;
    assert!(ids(&at_change).contains(&moved.id));
    // Unchanged people are not reported; without the filter everyone is there.
    let everyone = admin.members(&org_key, &Default::default()).await.unwrap();
    assert_eq!(everyone.total, 4);
    assert!(ids(&everyone).is_superset(&BTreeSet::from([me.id, still.id])));
    let later = changed_since(
        &admin,
        &org,
        OffsetDateTime::now_utc() + time::Duration::hours(1),
        Default::default(),
    )
    .await;
    assert_eq!(later.total, 0);

    // A name change is a change too.
    let login = ts
        .client()
        .login(&api::LoginRequest {
            email: "still@acme.example".into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .unwrap();
    let still_client = ts.client().with_token(login.token);
    age_memberships(&ts, org.id).await;
    let since = baseline();
    still_client
        .update_me(
            &api::ProfilePatch {
                name: Some("Stan Moved-On".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .expect("rename");
    let renamed = changed_since(&admin, &org, since, Default::default()).await;
    assert_eq!(ids(&renamed), BTreeSet::from([still.id]));
    assert_eq!(renamed.items[0].name, "Stan Moved-On");
});

both!(a_login_is_a_change, |ts| {
    // A member's row shows `last_login_at`: signing in changes what a console shows.
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let (_, pat) = ts.member(&admin, &org, "pat@acme.example", "Pat").await;
    age_memberships(&ts, org.id).await;
    let since = baseline();
    ts.client()
        .login(&api::LoginRequest {
            email: "pat@acme.example".into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .expect("login");
    let changed = changed_since(&admin, &org, since, Default::default()).await;
    assert_eq!(
        ids(&changed),
        BTreeSet::from([pat.id]),
        "the login must show up in updated_since"
    );
    assert!(changed.items[0].last_login_at.is_some());
});

both!(updated_since_must_be_a_timestamp, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let path = format!("/api/v1/orgs/{}/members", org.id);
    for bad in [
        "yesterday",
        "2025-13-01T00:00:00Z",
        "2025-01-01",
        "1735689600",
        // An unencoded `+` is a space in a query string.
        "2025-01-01T00:00:00+01:00",
    ] {
        let answer = admin
            .raw(
                Method::GET,
                &format!("{path}?updated_since={bad}"),
                None,
                Vec::new(),
            )
            .await
            .unwrap();
        assert_eq!(answer.status, 400, "{bad}: {}", answer.text());
        assert_eq!(
            answer.problem().map(|p| p.code).as_deref(),
            Some("bad_request"),
            "{bad}"
        );
    }
    for good in [
        "2000-01-01T00:00:00Z",
        "2000-01-01T00:00:00%2B02:00",
        "2000-01-01T00:00:00.123456789Z",
    ] {
        let answer = admin
            .raw(
                Method::GET,
                &format!("{path}?updated_since={good}"),
                None,
                Vec::new(),
            )
            .await
            .unwrap();
        assert_eq!(answer.status, 200, "{good}: {}", answer.text());
        let page: api::Page<api::Member> = serde_json::from_slice(&answer.body).unwrap();
        assert_eq!(page.total, 1, "{good}: the admin joined after 2000");
    }

    // The contract documents it.
    let openapi = ts.client().openapi().await.unwrap();
    let params = openapi["paths"]["/api/v1/orgs/{org}/members"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .clone();
    let param = params
        .iter()
        .find(|p| p["name"] == "updated_since")
        .expect("updated_since is documented");
    assert_eq!(param["in"], "query");
    assert_eq!(param["schema"]["format"], "date-time", "{param}");
    assert!(
        param["description"]
            .as_str()
            .is_some_and(|d| d.contains("Removals are not reported")),
        "{param}"
    );
});

async fn count(ts: &TestServer, sql: &str, org: Uuid) -> i64 {
    sqlx::query(sql)
        .bind(org.to_string())
        .fetch_one(ts.server.state.db.pool())
        .await
        .expect(sql)
        .try_get(0)
        .unwrap()
}

const SESSIONS_OF_MEMBERS: &str = "SELECT count(*) FROM sessions s JOIN memberships m ON m.account_id = s.account_id WHERE m.org_id = $1";

both!(the_demo_organization_is_seeded_once, |ts| {
    let state = &ts.server.state;
    let options = || DemoOptions {
        admin_password: Some(PASSWORD.into()),
        members: 300,
        geo: state.geo.as_ref(),
        ..DemoOptions::default()
    };
    let started = Instant::now();
    let seeded = demo::seed_demo(&state.db, &state.catalog, options())
        .await
        .expect("seed the demo");
    eprintln!(
        "{:?}: seeded the demo with 300 members in {:?}",
        ts.backend,
        started.elapsed()
    );
    assert!(seeded.created);
    assert_eq!(seeded.admin_email, demo::ADMIN_EMAIL);
    assert_eq!(seeded.admin_password.as_deref(), Some(PASSWORD));
    assert_eq!(seeded.members, 301);
    assert_eq!(seeded.subdomain, "demo-corp");

    // The admin signs in over HTTP and finds Demo Corp, active and full.
    let login = ts
        .client()
        .login(&api::LoginRequest {
            email: demo::ADMIN_EMAIL.into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .expect("the demo admin signs in");
    assert!(!login.password_reset_required);
    assert!(login.account.email_verified);
    let mine = login
        .organizations
        .iter()
        .find(|o| o.id == seeded.org_id)
        .expect("Demo Corp among the admin's organizations");
    assert_eq!(mine.name, "Demo Corp");
    assert_eq!(mine.status, api::OrgStatus::Active);
    assert_eq!(mine.membership_status, api::MembershipStatus::Active);
    assert!(mine.groups.iter().any(|g| g.name == "Admin"));
    let admin = ts.client().with_token(login.token);
    let org = admin.org("demo-corp").await.expect("Demo Corp");
    assert_eq!(org.status, api::OrgStatus::Active);
    assert_eq!(org.name, "Demo Corp");
    let products: HashSet<&str> = org.products.iter().map(|p| p.product.as_str()).collect();
    assert!(products.contains("helpdesk") && products.contains("analytics"));
    assert!(org.subscription.seat_limit >= 301, "{:?}", org.subscription);
    let everyone = admin
        .members("demo-corp", &Default::default())
        .await
        .unwrap();
    assert_eq!(everyone.total, 301);
    let suspended = admin
        .members(
            "demo-corp",
            &api::MemberQuery {
                status: Some(api::MembershipStatus::Suspended),
                limit: Some(200),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(
        (1..=30).contains(&suspended.total),
        "a few suspended: {}",
        suspended.total
    );
    assert!(suspended.items.iter().all(|m| m.suspended_at.is_some()));
    assert_eq!(
        u64::from(org.subscription.seats_used),
        301 - suspended.total,
        "suspended members take no seat"
    );
    // Searching works on the seeded words.
    let found = admin
        .members(
            "demo-corp",
            &api::MemberQuery {
                q: Some("priya".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(found.total > 0);
    assert!(found.items.iter().all(|m| m.name.starts_with("Priya")));

    // Groups of every chosen product, the built-in ones and the custom ones, all in use.
    let groups = admin.groups("demo-corp").await.unwrap();
    for name in [
        "Admin",
        "User",
        "Guest",
        "Support Agents",
        "Analysts",
        "Managers",
        "Contractors",
    ] {
        let group = groups
            .iter()
            .find(|g| g.name == name)
            .unwrap_or_else(|| panic!("group {name}"));
        if name != "Guest" {
            assert!(group.member_count > 0, "{name} has members");
        }
    }
    let user = groups.iter().find(|g| g.name == "User").unwrap();
    assert_eq!(user.member_count, 301, "everyone is a User");

    // Members have sign-ins: devices and addresses, history revoked.
    let mut addresses = HashSet::new();
    let mut locations = HashSet::new();
    for member in everyone.items.iter().take(25) {
        let sessions = admin
            .member_sessions("demo-corp", member.id, Some(50), None)
            .await
            .unwrap();
        if member.email == demo::ADMIN_EMAIL {
            continue;
        }
        assert!(
            (1..=4).contains(&sessions.total),
            "{}: {} sessions",
            member.email,
            sessions.total
        );
        assert!(member.last_login_at.is_some(), "{}", member.email);
        let open = sessions
            .items
            .iter()
            .filter(|s| s.revoked_at.is_none())
            .count();
        assert!(open <= 1, "only the newest sign-in is open");
        for s in &sessions.items {
            assert!(s.device.is_some(), "{s:?}");
            assert!(s.user_agent.is_some(), "{s:?}");
            let ip: std::net::IpAddr = s.ip.as_deref().expect("an address").parse().unwrap();
            addresses.insert(ip);
            locations.insert(s.location.clone());
            assert!(!s.current);
        }
    }
    assert!(addresses.iter().any(|ip| ip.is_ipv4()));
    assert!(addresses.iter().any(|ip| ip.is_ipv6()));
    assert!(addresses.len() > 10, "varied addresses: {addresses:?}");
    assert!(locations.contains(&Some("Private network".to_string())));

    // The audit log has a history.
    let audit = admin
        .audit_log("demo-corp", &Default::default())
        .await
        .unwrap();
    assert!(audit.total > 0);
    let created = admin
        .audit_log(
            "demo-corp",
            &api::AuditQuery {
                action: Some("org.create".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(created.total, 1);

    // Generated members cannot sign in unless a member password was given.
    let someone = everyone
        .items
        .iter()
        .find(|m| m.email != demo::ADMIN_EMAIL)
        .unwrap();
    let refused = ts
        .client()
        .login(&api::LoginRequest {
            email: someone.email.clone(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await;
    assert_eq!(code(refused), "invalid_credentials");

    // Again: the same organization, nothing added.
    let sessions_before = count(&ts, SESSIONS_OF_MEMBERS, seeded.org_id).await;
    let again = demo::seed_demo(&state.db, &state.catalog, options())
        .await
        .expect("seeding again");
    assert!(!again.created);
    assert_eq!(again.org_id, seeded.org_id);
    assert_eq!(again.members, 301);
    assert_eq!(again.admin_password, None, "the existing password is kept");
    assert_eq!(
        count(&ts, SESSIONS_OF_MEMBERS, seeded.org_id).await,
        sessions_before
    );
    assert_eq!(
        count(
            &ts,
            "SELECT count(*) FROM orgs WHERE id = $1 OR subdomain = 'demo-corp'",
            seeded.org_id
        )
        .await,
        1
    );
    assert_eq!(
        admin
            .members("demo-corp", &Default::default())
            .await
            .unwrap()
            .total,
        301
    );
});

both!(the_demo_refuses_a_foreign_demo_corp, |ts| {
    // Someone else owns demo-corp on this platform: the demo does not take it over.
    let (owner, _) = ts
        .org_admin(
            "owner@other.example",
            "demo-corp",
            &[("crm", "crm-starter")],
        )
        .await;
    let state = &ts.server.state;
    let result = demo::seed_demo(
        &state.db,
        &state.catalog,
        DemoOptions {
            members: 5,
            ..DemoOptions::default()
        },
    )
    .await;
    assert!(result.is_err(), "{result:?}");
    let org = owner.org("demo-corp").await.unwrap();
    assert_eq!(org.subscription.seats_used, 1, "nobody was added");
    let login = ts
        .client()
        .login(&api::LoginRequest {
            email: demo::ADMIN_EMAIL.into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await;
    assert_eq!(code(login), "invalid_credentials", "no demo admin either");
});

both!(the_observer_sees_every_request_without_the_token, |ts| {
    let records: Arc<Mutex<Vec<RequestRecord>>> = Arc::default();
    let sink = records.clone();
    let client = ts
        .client()
        .with_observer(Arc::new(move |r| sink.lock().unwrap().push(r)));
    client
        .register(&api::RegisterRequest {
            email: "obs@example.com".into(),
            password: PASSWORD.into(),
            name: "Obs Erver".into(),
        })
        .await
        .unwrap();
    let login = client
        .login(&api::LoginRequest {
            email: "obs@example.com".into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .unwrap();
    let token = login.token.clone();
    let signed_in = client.clone().with_token(token.clone());
    signed_in.me().await.unwrap();
    let wrong = client
        .login(&api::LoginRequest {
            email: "obs@example.com".into(),
            password: "not-the-password-at-all".into(),
            organization: None,
        })
        .await;
    assert_eq!(code(wrong), "invalid_credentials");
    signed_in
        .my_sessions(Some(5), None)
        .await
        .expect("sessions");

    let seen = records.lock().unwrap().clone();
    assert_eq!(seen.len(), 5, "{seen:#?}");
    let logins: Vec<&RequestRecord> = seen
        .iter()
        .filter(|r| r.path == "/api/v1/auth/login")
        .collect();
    assert_eq!(logins.len(), 2);
    assert_eq!(logins[0].method, "POST");
    assert_eq!(logins[0].status, Some(200));
    assert_eq!(logins[1].status, Some(401));
    assert!(logins[0].curl.starts_with("curl -X POST '"));
    assert!(logins[0].curl.contains("/api/v1/auth/login'"));
    assert!(
        logins[0]
            .curl
            .contains("-H 'Content-Type: application/json'")
    );
    assert!(logins[0].curl.contains("obs@example.com"));
    let me = seen.iter().find(|r| r.path == "/api/v1/me").unwrap();
    assert_eq!((me.method.as_str(), me.status), ("GET", Some(200)));
    assert!(
        me.curl
            .contains("-H \"Authorization: Bearer $ORGDESK_TOKEN\""),
        "{}",
        me.curl
    );
    let sessions = seen
        .iter()
        .find(|r| r.path.starts_with("/api/v1/me/sessions"))
        .unwrap();
    assert_eq!(sessions.path, "/api/v1/me/sessions?limit=5");
    for r in &seen {
        let all = format!("{r:?}");
        assert!(!all.contains(&token), "the token leaked: {all}");
        assert!(!all.contains(PASSWORD), "the password leaked: {all}");
        assert!(!all.contains("not-the-password-at-all"), "{all}");
        assert!(r.at <= std::time::SystemTime::now());
    }

    // No answer at all: the record says so.
    let dead = Client::new("http://127.0.0.1:1").unwrap().with_observer({
        let sink = records.clone();
        Arc::new(move |r| sink.lock().unwrap().push(r))
    });
    assert!(dead.catalog().await.is_err());
    let last = records.lock().unwrap().last().cloned().unwrap();
    assert_eq!((last.path.as_str(), last.status), ("/api/v1/catalog", None));

    // A raw call is seen too, with its body quoted for the shell.
    client
        .raw(
            Method::POST,
            "/api/v1/auth/login",
            Some("application/json"),
            br#"{"email":"o'neil@example.com","password":"x"}"#.to_vec(),
        )
        .await
        .unwrap();
    let last = records.lock().unwrap().last().cloned().unwrap();
    assert_eq!(last.status, Some(401));
    assert!(
        last.curl
            .contains(r#"'{"email":"o'\''neil@example.com","password":"<redacted>"}'"#),
        "{}",
        last.curl
    );
});

#[test]
fn rfc3339_round_trips_through_the_query() {
    let at = OffsetDateTime::parse("2025-03-01T12:30:00.123+01:00", &Rfc3339).unwrap();
    let query = api::MemberQuery {
        updated_since: Some(at),
        ..Default::default()
    };
    let json = serde_json::to_value(&query).unwrap();
    assert_eq!(json["updated_since"], "2025-03-01T12:30:00.123+01:00");
    let back: api::MemberQuery = serde_json::from_value(json).unwrap();
    assert_eq!(back.updated_since, Some(at));
}

/// The full-size demo, timed: run with
/// `cargo test [--release] -p orgdesk-server --test api demo::full_size -- --ignored --nocapture`
/// (`ORGDESK_DEMO_MEMBERS=N` for another size).
async fn full_size_demo(backend: Backend) {
    let ts = TestServer::start(backend).await;
    let state = &ts.server.state;
    // ORGDESK_DEMO_MEMBERS=100000 for the console's large-organization case.
    let members = std::env::var("ORGDESK_DEMO_MEMBERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(demo::DEFAULT_MEMBERS);
    let started = Instant::now();
    let seeded = demo::seed_demo(
        &state.db,
        &state.catalog,
        DemoOptions {
            members,
            ..DemoOptions::default()
        },
    )
    .await
    .expect("seed the demo");
    let took = started.elapsed();
    let sessions = count(&ts, SESSIONS_OF_MEMBERS, seeded.org_id).await;
    let audit = count(
        &ts,
        "SELECT count(*) FROM audit_log WHERE org_id = $1",
        seeded.org_id,
    )
    .await;
    eprintln!(
        "{backend:?}: seeded {} members, {sessions} sessions, {audit} audit entries in {took:?}",
        seeded.members
    );
    assert_eq!(seeded.members, members + 1);
    let started = Instant::now();
    let again = demo::seed_demo(&state.db, &state.catalog, DemoOptions::default())
        .await
        .unwrap();
    eprintln!("{backend:?}: found it again in {:?}", started.elapsed());
    assert!(!again.created);
    let rows = sqlx::query(
        "SELECT ip, location, device FROM sessions s JOIN memberships m ON m.account_id = s.account_id WHERE m.org_id = $1 LIMIT 12",
    )
    .bind(seeded.org_id.to_string())
    .fetch_all(ts.server.state.db.pool())
    .await
    .unwrap();
    for row in rows {
        let (ip, location, device): (Option<String>, Option<String>, Option<String>) = (
            row.try_get(0).unwrap(),
            row.try_get(1).unwrap(),
            row.try_get(2).unwrap(),
        );
        eprintln!("  {ip:?} {location:?} {device:?}");
    }
    ts.finish().await;
}

mod full_size {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "slow in debug builds; a measurement"]
    async fn sqlite() {
        full_size_demo(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "slow in debug builds; a measurement"]
    async fn postgres() {
        if postgres_server().is_none() {
            eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
            return;
        }
        full_size_demo(Backend::Postgres).await;
    }
}
