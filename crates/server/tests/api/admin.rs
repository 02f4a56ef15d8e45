//! Member administration: suspension and reactivation (per organization,
//! seats, escalation, last admin), forced password resets, admins reading a
//! member's sessions, and the audit log (filters, paging, isolation, CSV).

use std::collections::{BTreeSet, HashSet};

use orgdesk_api as api;
use orgdesk_client::Client;
use reqwest::Method;
use uuid::Uuid;

use crate::both;
use crate::common::*;

const CRM: &[(&str, &str)] = &[("crm", "crm-team")];
/// Five seats.
const HELPDESK_BASIC: &[(&str, &str)] = &[("helpdesk", "helpdesk-basic")];
const NEW_PASSWORD: &str = "quiet-meadow-93-compass-tide";

const EVERY_PLATFORM_PERMISSION_BUT_MANAGE: [&str; 9] = [
    "org.members.read",
    "org.members.invite",
    "org.members.suspend",
    "org.members.reset_password",
    "org.members.sessions.read",
    "org.groups.read",
    "org.billing.manage",
    "org.settings.manage",
    "org.audit.read",
];

fn oid(org: &api::Organization) -> String {
    org.id.to_string()
}

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

/// Marks the organization paid (invitations need an active organization).
async fn activate(ts: &TestServer, org: Uuid) {
    let done = sqlx::query("UPDATE orgs SET status = 'active' WHERE id = $1")
        .bind(org.to_string())
        .execute(ts.server.state.db.pool())
        .await
        .expect("activate");
    assert_eq!(done.rows_affected(), 1);
}

async fn login(
    ts: &TestServer,
    email: &str,
    password: &str,
    organization: Option<&str>,
) -> Result<api::LoginResponse, orgdesk_client::Error> {
    ts.client()
        .login(&api::LoginRequest {
            email: email.into(),
            password: password.into(),
            organization: organization.map(str::to_string),
        })
        .await
}

/// A fresh session of `email` (not bound to an organization).
async fn session(ts: &TestServer, email: &str) -> Client {
    let answer = login(ts, email, PASSWORD, None).await.expect("login");
    ts.client().with_token(answer.token)
}

/// Registers `email` and makes them an active member of `org` in no group at all.
async fn bare_member(
    ts: &TestServer,
    org: &api::Organization,
    email: &str,
    name: &str,
) -> (Client, api::Profile) {
    let (client, profile) = ts.register(email, name).await;
    add_member_directly(ts, org.id, profile.id, name, email).await;
    (client, profile)
}

/// Makes an existing account an active member of `org` in its User group.
async fn join(ts: &TestServer, admin: &Client, org: &api::Organization, profile: &api::Profile) {
    add_member_directly(ts, org.id, profile.id, &profile.name, &profile.email).await;
    let user = group_named(admin, org, "User").await;
    add_to(admin, org, user.id, profile.id).await;
}

async fn add_to(admin: &Client, org: &api::Organization, group: Uuid, account: Uuid) {
    admin
        .add_group_members(
            &oid(org),
            group,
            &api::AccountList {
                accounts: vec![account],
            },
        )
        .await
        .expect("add to group");
}

async fn new_group(
    admin: &Client,
    org: &api::Organization,
    name: &str,
    permissions: &[&str],
) -> api::Group {
    admin
        .create_group(
            &oid(org),
            &api::CreateGroup {
                name: name.into(),
                description: String::new(),
                permissions: permissions.iter().map(|p| p.to_string()).collect(),
            },
        )
        .await
        .expect("create group")
}

/// A member holding exactly the permissions of a new group named `group`.
async fn member_with(
    ts: &TestServer,
    admin: &Client,
    org: &api::Organization,
    group: &str,
    permissions: &[&str],
    email: &str,
) -> (Client, api::Profile) {
    let group = new_group(admin, org, group, permissions).await;
    let (client, profile) = bare_member(ts, org, email, "Junior Admin").await;
    add_to(admin, org, group.id, profile.id).await;
    (client, profile)
}

async fn status_of(
    admin: &Client,
    org: &api::Organization,
    account: Uuid,
) -> api::MembershipStatus {
    admin
        .member(&oid(org), account)
        .await
        .expect("member")
        .status
}

async fn seats_used(admin: &Client, org: &api::Organization) -> u32 {
    admin
        .org(&oid(org))
        .await
        .expect("org")
        .subscription
        .seats_used
}

fn invite_one(email: &str) -> api::InviteRequest {
    api::InviteRequest {
        invitations: vec![api::Invitee {
            email: email.into(),
            groups: None,
        }],
    }
}

/// Every audit entry matching `query`, newest first, through pages of `limit`.
async fn audit_all(
    client: &Client,
    org: &api::Organization,
    query: &api::AuditQuery,
    limit: u32,
) -> Vec<api::AuditEntry> {
    let mut items: Vec<api::AuditEntry> = Vec::new();
    let mut cursor = None;
    let mut total = None;
    for _ in 0..1000 {
        let page = client
            .audit_log(
                &oid(org),
                &api::AuditQuery {
                    limit: Some(limit),
                    cursor: cursor.clone(),
                    ..query.clone()
                },
            )
            .await
            .unwrap_or_else(|e| panic!("{query:?} after {cursor:?}: {e:?}"));
        assert_eq!(
            *total.get_or_insert(page.total),
            page.total,
            "the total holds across pages"
        );
        if page.next_cursor.is_some() {
            assert_eq!(
                page.items.len(),
                limit as usize,
                "a page before the last is full"
            );
        }
        items.extend(page.items);
        cursor = page.next_cursor;
        if cursor.is_none() {
            assert_eq!(
                items.len() as u64,
                page.total,
                "pages visit exactly `total` entries"
            );
            let ids: HashSet<Uuid> = items.iter().map(|e| e.id).collect();
            assert_eq!(ids.len(), items.len(), "an entry appeared twice");
            newest_first(&items);
            return items;
        }
    }
    panic!("the audit log never ended: {query:?}");
}

fn newest_first(items: &[api::AuditEntry]) {
    for pair in items.windows(2) {
        assert!(
            pair[0].created_at >= pair[1].created_at,
            "newest first: {:?} before {:?}",
            pair[0],
            pair[1]
        );
    }
}

fn ids(items: &[api::AuditEntry]) -> Vec<Uuid> {
    items.iter().map(|e| e.id).collect()
}

fn everything() -> api::AuditQuery {
    api::AuditQuery::default()
}

// ---- Suspension --------------------------------------------------------------

both!(suspend_needs_the_permission_and_never_self, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let admin_me = admin.me().await.unwrap();
    let (user, user_me) = ts
        .member(&admin, &org, "ulla@acme.example", "Ulla User")
        .await;
    let (_, other) = ts
        .member(&admin, &org, "otto@acme.example", "Otto Other")
        .await;

    // A User holds org.members.read but not org.members.suspend.
    assert_eq!(
        failure(user.suspend_member(&oid(&org), admin_me.id).await),
        (403, "forbidden".into())
    );
    assert_eq!(
        failure(user.suspend_member(&oid(&org), other.id).await),
        (403, "forbidden".into())
    );
    assert_eq!(
        failure(user.reactivate_member(&oid(&org), other.id).await),
        (403, "forbidden".into())
    );
    // Nobody suspends themselves, not even an admin.
    assert_eq!(
        failure(admin.suspend_member(&oid(&org), admin_me.id).await),
        (409, "cannot_suspend_self".into())
    );
    assert_eq!(
        failure(user.suspend_member(&oid(&org), user_me.id).await),
        (403, "forbidden".into()),
        "the permission is checked first"
    );
    // An unknown account or someone who is not a member: 404.
    assert_eq!(
        failure(admin.suspend_member(&oid(&org), Uuid::now_v7()).await),
        (404, "not_found".into())
    );
    let (_, outsider) = ts.register("olga@elsewhere.example", "Olga Outsider").await;
    assert_eq!(
        failure(admin.suspend_member(&oid(&org), outsider.id).await),
        (404, "not_found".into())
    );
    assert_eq!(
        failure(admin.reactivate_member(&oid(&org), outsider.id).await),
        (404, "not_found".into())
    );
    // Nothing changed.
    for id in [admin_me.id, user_me.id, other.id] {
        assert_eq!(
            status_of(&admin, &org, id).await,
            api::MembershipStatus::Active
        );
    }
    assert!(
        admin
            .audit_log(
                &oid(&org),
                &api::AuditQuery {
                    action: Some("member.".into()),
                    ..everything()
                }
            )
            .await
            .unwrap()
            .items
            .is_empty(),
        "refused suspensions are not recorded"
    );
});

both!(suspension_is_per_organization_and_immediate, |ts| {
    let (admin_a, org_a) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let (admin_b, org_b) = ts.org_admin("bea@beta.example", "beta", CRM).await;
    let (_, mia) = ts
        .member(&admin_a, &org_a, "mia@example.com", "Mia Member")
        .await;
    join(&ts, &admin_b, &org_b, &mia).await;

    let mia_any = session(&ts, "mia@example.com").await;
    let mia_bound = ts.client().with_token(
        login(&ts, "mia@example.com", PASSWORD, Some("acme"))
            .await
            .unwrap()
            .token,
    );
    assert!(
        !mia_any
            .my_permissions(&oid(&org_a))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !mia_bound
            .my_permissions(&oid(&org_a))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !mia_any
            .my_permissions(&oid(&org_b))
            .await
            .unwrap()
            .is_empty()
    );
    let seats_before = seats_used(&admin_a, &org_a).await;
    assert_eq!(seats_before, 2);

    let suspended = admin_a.suspend_member(&oid(&org_a), mia.id).await.unwrap();
    assert_eq!(suspended.id, mia.id);
    assert_eq!(suspended.status, api::MembershipStatus::Suspended);
    let suspended_at = suspended.suspended_at.expect("suspended_at is set");
    assert!(
        suspended.groups.iter().any(|g| g.name == "User"),
        "suspension keeps the groups: {:?}",
        suspended.groups
    );

    // The very next request of each of her sessions is refused in acme…
    for client in [&mia_any, &mia_bound] {
        assert_eq!(
            failure(client.my_permissions(&oid(&org_a)).await),
            (403, "membership_suspended".into())
        );
        assert_eq!(
            failure(
                client
                    .members(&oid(&org_a), &api::MemberQuery::default())
                    .await
            ),
            (403, "membership_suspended".into())
        );
        assert_eq!(
            failure(client.org(&oid(&org_a)).await),
            (403, "membership_suspended".into())
        );
        assert_eq!(
            failure(client.groups("acme").await),
            (403, "membership_suspended".into()),
            "by subdomain too"
        );
    }
    // …and a new sign-in into acme too.
    assert_eq!(
        failure(login(&ts, "mia@example.com", PASSWORD, Some("acme")).await),
        (403, "membership_suspended".into())
    );
    // She keeps her account and her other organization.
    assert_eq!(mia_any.me().await.unwrap().id, mia.id);
    assert!(
        !mia_any
            .my_permissions(&oid(&org_b))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !mia_any
            .members(&oid(&org_b), &api::MemberQuery::default())
            .await
            .unwrap()
            .items
            .is_empty()
    );
    login(&ts, "mia@example.com", PASSWORD, Some("beta"))
        .await
        .expect("beta login");
    let mine = mia_any.my_organizations().await.unwrap();
    let status_in = |id: Uuid| {
        mine.iter()
            .find(|o| o.id == id)
            .map(|o| o.membership_status)
    };
    assert_eq!(status_in(org_a.id), Some(api::MembershipStatus::Suspended));
    assert_eq!(status_in(org_b.id), Some(api::MembershipStatus::Active));
    assert_eq!(
        status_of(&admin_b, &org_b, mia.id).await,
        api::MembershipStatus::Active
    );
    // A suspended member holds no permissions and no seat.
    assert!(
        admin_a
            .member_permissions(&oid(&org_a), mia.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(seats_used(&admin_a, &org_a).await, seats_before - 1);
    assert_eq!(
        seats_used(&admin_b, &org_b).await,
        2,
        "beta's seats are untouched"
    );

    // Suspending twice changes nothing and records nothing more.
    let again = admin_a.suspend_member(&oid(&org_a), mia.id).await.unwrap();
    assert_eq!(again.status, api::MembershipStatus::Suspended);
    assert_eq!(
        again.suspended_at,
        Some(suspended_at),
        "the first suspension's time stays"
    );
    assert_eq!(seats_used(&admin_a, &org_a).await, seats_before - 1);
    let recorded = admin_a
        .audit_log(
            &oid(&org_a),
            &api::AuditQuery {
                action: Some("member.suspend".into()),
                ..everything()
            },
        )
        .await
        .unwrap();
    assert_eq!(recorded.total, 1, "{:?}", recorded.items);

    // Reactivation restores access at the next request, with the same groups.
    let back = admin_a
        .reactivate_member(&oid(&org_a), mia.id)
        .await
        .unwrap();
    assert_eq!(back.status, api::MembershipStatus::Active);
    assert_eq!(back.suspended_at, None);
    assert!(back.groups.iter().any(|g| g.name == "User"));
    assert!(
        !mia_any
            .my_permissions(&oid(&org_a))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !mia_bound
            .my_permissions(&oid(&org_a))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(seats_used(&admin_a, &org_a).await, seats_before);
    // Reactivating an active member is a no-op.
    let twice = admin_a
        .reactivate_member(&oid(&org_a), mia.id)
        .await
        .unwrap();
    assert_eq!(twice.status, api::MembershipStatus::Active);
    assert_eq!(seats_used(&admin_a, &org_a).await, seats_before);
    let reactivations = admin_a
        .audit_log(
            &oid(&org_a),
            &api::AuditQuery {
                action: Some("member.reactivate".into()),
                ..everything()
            },
        )
        .await
        .unwrap();
    assert_eq!(reactivations.total, 1);

    // beta's admin cannot touch her membership in acme (acme does not exist for them).
    assert_eq!(
        failure(admin_b.suspend_member(&oid(&org_a), mia.id).await),
        (404, "not_found".into())
    );
    assert_eq!(
        status_of(&admin_a, &org_a, mia.id).await,
        api::MembershipStatus::Active
    );
});

both!(a_junior_admin_cannot_suspend_a_senior_one, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let admin_me = admin.me().await.unwrap();
    let (junior, _) = member_with(
        &ts,
        &admin,
        &org,
        "Junior Admins",
        &["org.members.suspend", "org.members.read"],
        "jun@acme.example",
    )
    .await;
    let (_, user) = ts
        .member(&admin, &org, "ulla@acme.example", "Ulla User")
        .await;
    let (_, nobody) = bare_member(&ts, &org, "nora@acme.example", "Nora Nogroup").await;

    // The admin holds permissions the junior lacks.
    assert_eq!(
        failure(junior.suspend_member(&oid(&org), admin_me.id).await),
        (403, "permission_escalation".into())
    );
    assert_eq!(
        status_of(&admin, &org, admin_me.id).await,
        api::MembershipStatus::Active
    );
    assert!(
        admin.groups(&oid(&org)).await.is_ok(),
        "the admin still works"
    );
    // So does a User (org.groups.read, crm.*).
    assert_eq!(
        failure(junior.suspend_member(&oid(&org), user.id).await),
        (403, "permission_escalation".into())
    );
    assert_eq!(
        status_of(&admin, &org, user.id).await,
        api::MembershipStatus::Active
    );
    // A member holding nothing the junior lacks can be suspended and reactivated.
    let done = junior.suspend_member(&oid(&org), nobody.id).await.unwrap();
    assert_eq!(done.status, api::MembershipStatus::Suspended);
    let done = junior
        .reactivate_member(&oid(&org), nobody.id)
        .await
        .unwrap();
    assert_eq!(done.status, api::MembershipStatus::Active);

    // Nor can the junior reactivate a suspended senior.
    let (_, second_admin) = ts
        .member(&admin, &org, "sam@acme.example", "Sam Second")
        .await;
    let admins = group_named(&admin, &org, "Admin").await;
    add_to(&admin, &org, admins.id, second_admin.id).await;
    admin
        .suspend_member(&oid(&org), second_admin.id)
        .await
        .unwrap();
    assert_eq!(
        failure(junior.reactivate_member(&oid(&org), second_admin.id).await),
        (403, "permission_escalation".into())
    );
    assert_eq!(
        status_of(&admin, &org, second_admin.id).await,
        api::MembershipStatus::Suspended
    );
});

both!(the_last_admin_cannot_be_suspended, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let admin_me = admin.me().await.unwrap();
    // A deputy holding every permission but org.groups.manage.
    let mut deputy_permissions: Vec<&str> = EVERY_PLATFORM_PERMISSION_BUT_MANAGE.to_vec();
    deputy_permissions.extend([
        "crm.contacts.read",
        "crm.contacts.write",
        "crm.contacts.delete",
        "crm.deals.read",
        "crm.deals.write",
        "crm.reports.read",
        "crm.settings.manage",
    ]);
    let (deputy, _) = member_with(
        &ts,
        &admin,
        &org,
        "Deputies",
        &deputy_permissions,
        "dep@acme.example",
    )
    .await;
    // Whoever can suspend the only holder of org.groups.manage must hold it
    // too, and so be an active holder themselves: the escalation rule
    // answers first, and the admin cannot suspend themselves.
    assert_eq!(
        failure(deputy.suspend_member(&oid(&org), admin_me.id).await),
        (403, "permission_escalation".into())
    );
    assert_eq!(
        failure(admin.suspend_member(&oid(&org), admin_me.id).await),
        (409, "cannot_suspend_self".into())
    );
    assert_eq!(
        status_of(&admin, &org, admin_me.id).await,
        api::MembershipStatus::Active
    );

    // last_admin is what two admins suspending each other at once run into.
    let (second, second_me) = ts
        .member(&admin, &org, "sam@acme.example", "Sam Second")
        .await;
    let admins = group_named(&admin, &org, "Admin").await;
    add_to(&admin, &org, admins.id, second_me.id).await;
    let other_instance = match ts.backend {
        Backend::Postgres => Some(ts.another_instance().await),
        Backend::Sqlite => None,
    };
    let second = match &other_instance {
        Some(server) => Client::new(server.url())
            .unwrap()
            .with_token(second.token().unwrap()),
        None => second,
    };
    if ts.backend == Backend::Postgres {
        // Hold the organization's lock until both requests wait for it:
        // both callers are then active admins, and the later one would
        // leave nobody who can manage groups.
        let mut hold = ts.server.state.db.begin().await.unwrap();
        hold.lock_org(org.id).await.unwrap();
        let a = admin.clone();
        let b = second.clone();
        let (a_id, b_id) = (admin_me.id, second_me.id);
        let org_key = oid(&org);
        let org_key2 = org_key.clone();
        let first = tokio::spawn(async move { a.suspend_member(&org_key, b_id).await });
        let other = tokio::spawn(async move { b.suspend_member(&org_key2, a_id).await });
        let mut waiting = 0;
        for _ in 0..100_000 {
            waiting = sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
            )
            .fetch_one(ts.server.state.db.pool())
            .await
            .unwrap();
            if waiting >= 2 {
                break;
            }
            tokio::task::yield_now().await;
        }
        assert_eq!(
            waiting, 2,
            "both suspensions wait for the organization's lock"
        );
        hold.commit().await.unwrap();
        let results = [first.await.unwrap(), other.await.unwrap()];
        let wins = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(wins, 1, "exactly one suspension goes through: {results:?}");
        let loser = results.into_iter().find(|r| r.is_err()).unwrap();
        assert_eq!(failure(loser), (409, "last_admin".into()));
    } else {
        // One writer at a time: whichever goes second is refused, either as
        // suspended already or as the last admin; never both suspended.
        for round in 0..6 {
            let key = oid(&org);
            let (x, y) = tokio::join!(
                admin.suspend_member(&key, second_me.id),
                second.suspend_member(&key, admin_me.id)
            );
            assert_eq!(
                usize::from(x.is_ok()) + usize::from(y.is_ok()),
                1,
                "round {round}: exactly one wins: {x:?} {y:?}"
            );
            let (survivor, loser_id, refused) = match (x, y) {
                (Ok(_), Err(e)) => (&admin, second_me.id, e),
                (Err(e), Ok(_)) => (&second, admin_me.id, e),
                other => panic!("{other:?}"),
            };
            let refused = (
                refused.status().unwrap_or(0),
                refused.code().unwrap_or("").to_string(),
            );
            assert!(
                refused == (403, "membership_suspended".into())
                    || refused == (409, "last_admin".into()),
                "round {round}: {refused:?}"
            );
            survivor
                .reactivate_member(&oid(&org), loser_id)
                .await
                .unwrap();
        }
    }
    // Whatever happened, somebody active can still manage groups.
    let mut managers = 0;
    for (client, id) in [(&admin, admin_me.id), (&second, second_me.id)] {
        if let Ok(m) = client.member(&oid(&org), id).await
            && m.status == api::MembershipStatus::Active
        {
            managers += 1;
            client.groups(&oid(&org)).await.unwrap();
        }
    }
    assert!(managers >= 1, "an active admin remains");
    if let Some(server) = other_instance {
        server.stop().await.unwrap();
    }
});

both!(reactivation_and_invitations_respect_seats, |ts| {
    let (admin, org) = ts
        .org_admin("ada@acme.example", "acme", HELPDESK_BASIC)
        .await;
    activate(&ts, org.id).await;
    assert_eq!(
        admin.org(&oid(&org)).await.unwrap().subscription.seat_limit,
        5
    );
    let mut people = Vec::new();
    for i in 0..4 {
        let (_, p) = ts
            .member(
                &admin,
                &org,
                &format!("m{i}@acme.example"),
                &format!("Member {i}"),
            )
            .await;
        people.push(p);
    }
    assert_eq!(seats_used(&admin, &org).await, 5);
    let sid = people[0].id;
    admin.suspend_member(&oid(&org), sid).await.unwrap();
    assert_eq!(seats_used(&admin, &org).await, 4);

    // The freed seat goes to an invitation.
    let invited = admin
        .invite(&oid(&org), &invite_one("newbie@example.com"))
        .await
        .unwrap();
    assert_eq!(
        invited.results[0].status,
        api::InviteOutcome::Invited,
        "{invited:?}"
    );
    let invitation = invited.results[0].invitation_id.expect("an invitation id");
    assert_eq!(seats_used(&admin, &org).await, 5);

    // Now reactivating would exceed the limit.
    assert_eq!(
        failure(admin.reactivate_member(&oid(&org), sid).await),
        (409, "seat_limit_reached".into())
    );
    assert_eq!(
        status_of(&admin, &org, sid).await,
        api::MembershipStatus::Suspended
    );
    assert_eq!(seats_used(&admin, &org).await, 5);
    // Inviting the suspended member is no way back in.
    let again = admin
        .invite(&oid(&org), &invite_one(&people[0].email))
        .await
        .unwrap();
    assert_eq!(again.results[0].status, api::InviteOutcome::Failed);
    assert_eq!(again.results[0].code.as_deref(), Some("member_suspended"));
    assert_eq!(
        status_of(&admin, &org, sid).await,
        api::MembershipStatus::Suspended
    );
    // Another newcomer does not fit either.
    let full = admin
        .invite(&oid(&org), &invite_one("late@example.com"))
        .await
        .unwrap();
    assert_eq!(full.results[0].code.as_deref(), Some("seat_limit_reached"));

    // Revoking the invitation frees the seat: reactivation works.
    admin
        .revoke_invitation(&oid(&org), invitation)
        .await
        .unwrap();
    assert_eq!(seats_used(&admin, &org).await, 4);
    let back = admin.reactivate_member(&oid(&org), sid).await.unwrap();
    assert_eq!(back.status, api::MembershipStatus::Active);
    assert_eq!(seats_used(&admin, &org).await, 5);
    // Even while full, inviting the (now active) member says already_member.
    let member = admin
        .invite(&oid(&org), &invite_one(&people[0].email))
        .await
        .unwrap();
    assert_eq!(member.results[0].code.as_deref(), Some("already_member"));
    // A suspended member is still refused an invitation when seats are free.
    admin
        .suspend_member(&oid(&org), people[1].id)
        .await
        .unwrap();
    let refused = admin
        .invite(&oid(&org), &invite_one(&people[1].email))
        .await
        .unwrap();
    assert_eq!(refused.results[0].code.as_deref(), Some("member_suspended"));
    assert_eq!(
        status_of(&admin, &org, people[1].id).await,
        api::MembershipStatus::Suspended
    );
    assert_eq!(seats_used(&admin, &org).await, 4);
});

// ---- Forced password reset ---------------------------------------------------

both!(
    force_password_reset_ends_sessions_until_the_password_changes,
    |ts| {
        let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
        let (first, mia) = ts
            .member(&admin, &org, "mia@example.com", "Mia Member")
            .await;
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
    let (_, mia) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    session(&ts, "mia@example.com").await;

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

// ---- Audit log -----------------------------------------------------------------

both!(audit_log_records_who_did_what_to_whom, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    activate(&ts, org.id).await;
    let admin_me = admin.me().await.unwrap();
    let (_, mia) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    let (_, max) = ts
        .member(&admin, &org, "max@example.com", "Max Member")
        .await;
    let before = audit_all(&admin, &org, &everything(), 500).await;

    admin
        .invite(&oid(&org), &invite_one("newbie@example.com"))
        .await
        .unwrap();
    admin.suspend_member(&oid(&org), mia.id).await.unwrap();
    admin.reactivate_member(&oid(&org), mia.id).await.unwrap();
    admin
        .force_password_reset(&oid(&org), max.id)
        .await
        .unwrap();
    let group = new_group(&admin, &org, "Auditors", &["org.audit.read"]).await;
    admin
        .update_group(
            &oid(&org),
            group.id,
            &api::UpdateGroup {
                name: Some("Log Readers".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    add_to(&admin, &org, group.id, mia.id).await;
    let sales = group_named(&admin, &org, "Sales Team").await;
    admin
        .bulk_groups(
            &oid(&org),
            &api::BulkRequest {
                changes: vec![
                    api::BulkChange {
                        group: sales.id,
                        add: vec![mia.id, max.id],
                        remove: vec![],
                    },
                    api::BulkChange {
                        group: group.id,
                        add: vec![],
                        remove: vec![mia.id],
                    },
                ],
                dry_run: false,
            },
        )
        .await
        .unwrap();
    admin.delete_group(&oid(&org), group.id).await.unwrap();

    let all = audit_all(&admin, &org, &everything(), 500).await;
    let old: HashSet<Uuid> = ids(&before).into_iter().collect();
    let new: Vec<&api::AuditEntry> = all.iter().filter(|e| !old.contains(&e.id)).collect();
    let actions: Vec<&str> = new.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "invitation.create",
            "member.suspend",
            "member.reactivate",
            "member.force_password_reset",
            "group.create",
            "group.update",
            "group.members.change",
            "group.members.change",
            "group.delete",
        ],
        "in the order they happened"
    );
    for e in &new {
        assert_eq!(e.actor, Some(admin_me.id), "{e:?}");
        assert_eq!(e.actor_email.as_deref(), Some("ada@acme.example"), "{e:?}");
        assert_eq!(e.ip.as_deref(), Some("127.0.0.1"), "{e:?}");
        assert!(e.target_type.is_some(), "{e:?}");
    }
    let find = |action: &str| -> Vec<&api::AuditEntry> {
        new.iter().copied().filter(|e| e.action == action).collect()
    };
    let invite = find("invitation.create")[0];
    assert!(
        invite.detail.to_string().contains("newbie@example.com"),
        "{invite:?}"
    );
    for action in ["member.suspend", "member.reactivate"] {
        let e = find(action)[0];
        assert_eq!(e.target_type.as_deref(), Some("member"));
        assert_eq!(e.target_id.as_deref(), Some(mia.id.to_string().as_str()));
    }
    let reset = find("member.force_password_reset")[0];
    assert_eq!(
        reset.target_id.as_deref(),
        Some(max.id.to_string().as_str())
    );
    assert!(!reset.detail.to_string().contains(PASSWORD));
    for action in ["group.create", "group.update", "group.delete"] {
        let e = find(action)[0];
        assert_eq!(e.target_type.as_deref(), Some("group"), "{e:?}");
        assert_eq!(
            e.target_id.as_deref(),
            Some(group.id.to_string().as_str()),
            "{e:?}"
        );
    }
    assert!(
        find("group.create")[0]
            .detail
            .to_string()
            .contains("Auditors")
    );
    assert!(
        find("group.update")[0]
            .detail
            .to_string()
            .contains("Log Readers")
    );
    let changes = find("group.members.change");
    // Newest first: the bulk change, then the single add.
    let single = changes[1];
    assert_eq!(
        single.target_id.as_deref(),
        Some(group.id.to_string().as_str())
    );
    assert!(
        single.detail.to_string().contains(&mia.id.to_string()),
        "{single:?}"
    );
    let bulk = changes[0];
    let detail = bulk.detail.to_string();
    for id in [mia.id, max.id, sales.id, group.id] {
        assert!(detail.contains(&id.to_string()), "{id} in {detail}");
    }
});

both!(audit_log_filters, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let admin_me = admin.me().await.unwrap();
    let (second, second_me) = ts
        .member(&admin, &org, "sam@acme.example", "Sam Second")
        .await;
    let admins = group_named(&admin, &org, "Admin").await;
    add_to(&admin, &org, admins.id, second_me.id).await;
    let (_, mia) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    let (_, max) = ts
        .member(&admin, &org, "max@example.com", "Max Member")
        .await;

    admin.suspend_member(&oid(&org), mia.id).await.unwrap();
    second.reactivate_member(&oid(&org), mia.id).await.unwrap();
    second.suspend_member(&oid(&org), max.id).await.unwrap();
    let g1 = new_group(&second, &org, "Group One", &[]).await;
    let g2 = new_group(&admin, &org, "Group Two", &[]).await;
    second.delete_group(&oid(&org), g1.id).await.unwrap();
    admin.reactivate_member(&oid(&org), max.id).await.unwrap();

    let all = audit_all(&admin, &org, &everything(), 500).await;
    let check = |query: api::AuditQuery, keep: &dyn Fn(&api::AuditEntry) -> bool| {
        let expected: Vec<Uuid> = all.iter().filter(|e| keep(e)).map(|e| e.id).collect();
        let admin = admin.clone();
        let org = org.clone();
        async move {
            let got = audit_all(&admin, &org, &query, 2).await;
            assert_eq!(ids(&got), expected, "{query:?}");
            got
        }
    };

    let by_second = check(
        api::AuditQuery {
            actor: Some(second_me.id),
            ..everything()
        },
        &|e| e.actor == Some(second_me.id),
    )
    .await;
    assert_eq!(by_second.len(), 4, "{by_second:?}");
    check(
        api::AuditQuery {
            actor: Some(Uuid::now_v7()),
            ..everything()
        },
        &|_| false,
    )
    .await;
    let suspensions = check(
        api::AuditQuery {
            action: Some("member.suspend".into()),
            ..everything()
        },
        &|e| e.action == "member.suspend",
    )
    .await;
    assert_eq!(suspensions.len(), 2);
    let member_actions = check(
        api::AuditQuery {
            action: Some("member.".into()),
            ..everything()
        },
        &|e| e.action.starts_with("member."),
    )
    .await;
    assert_eq!(member_actions.len(), 4);
    let group_actions = check(
        api::AuditQuery {
            action: Some("group.".into()),
            ..everything()
        },
        &|e| e.action.starts_with("group."),
    )
    .await;
    assert!(group_actions.iter().any(|e| e.action == "group.create"));
    assert!(group_actions.iter().any(|e| e.action == "group.delete"));
    assert!(
        group_actions
            .iter()
            .any(|e| e.action == "group.members.change")
    );
    // An action name without the dot is exact: "group" matches nothing.
    check(
        api::AuditQuery {
            action: Some("group".into()),
            ..everything()
        },
        &|e| e.action == "group",
    )
    .await;
    check(
        api::AuditQuery {
            action: Some("member.sus".into()),
            ..everything()
        },
        &|_| false,
    )
    .await;
    let about_mia = check(
        api::AuditQuery {
            target: Some(mia.id.to_string()),
            ..everything()
        },
        &|e| e.target_id.as_deref() == Some(mia.id.to_string().as_str()),
    )
    .await;
    assert!(about_mia.len() >= 2, "{about_mia:?}");
    check(
        api::AuditQuery {
            target: Some(g2.id.to_string()),
            actor: Some(admin_me.id),
            ..everything()
        },
        &|e| {
            e.target_id.as_deref() == Some(g2.id.to_string().as_str())
                && e.actor == Some(admin_me.id)
        },
    )
    .await;
    check(
        api::AuditQuery {
            actor: Some(second_me.id),
            action: Some("member.".into()),
            ..everything()
        },
        &|e| e.actor == Some(second_me.id) && e.action.starts_with("member."),
    )
    .await;

    // from is inclusive, to exclusive; the bounds come from the log itself.
    let oldest = all.last().unwrap().created_at;
    let newest = all.first().unwrap().created_at;
    let middle = all[all.len() / 2].created_at;
    for (from, to) in [
        (Some(middle), None),
        (None, Some(middle)),
        (Some(oldest), Some(newest)),
        (Some(middle), Some(middle)),
        (Some(newest), None),
        (None, Some(oldest)),
    ] {
        check(
            api::AuditQuery {
                from,
                to,
                ..everything()
            },
            &|e| from.is_none_or(|f| e.created_at >= f) && to.is_none_or(|t| e.created_at < t),
        )
        .await;
    }
    check(
        api::AuditQuery {
            from: Some(middle),
            action: Some("member.".into()),
            ..everything()
        },
        &|e| e.created_at >= middle && e.action.starts_with("member."),
    )
    .await;

    // Malformed parameters are refused, not ignored.
    for bad in [
        "actor=not-a-uuid",
        "from=yesterday",
        "limit=0",
        "limit=501",
        "cursor=garbage",
        "format=xml",
    ] {
        let answer = admin
            .raw(
                Method::GET,
                &format!("/api/v1/orgs/{}/audit-log?{bad}", org.id),
                None,
                Vec::new(),
            )
            .await
            .unwrap();
        assert!(
            answer.status == 400 || answer.status == 422,
            "{bad}: {} {}",
            answer.status,
            answer.text()
        );
    }
});

both!(audit_log_pages_have_no_gaps_or_duplicates, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let (_, mia) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    for i in 0..12 {
        let g = new_group(&admin, &org, &format!("Team {i:02}"), &[]).await;
        add_to(&admin, &org, g.id, mia.id).await;
    }
    let all = audit_all(&admin, &org, &everything(), 500).await;
    assert!(all.len() >= 24, "{}", all.len());
    for limit in [1, 3, 7, 24, 50] {
        assert_eq!(
            ids(&audit_all(&admin, &org, &everything(), limit).await),
            ids(&all),
            "limit {limit}"
        );
    }
    let groups_only = audit_all(
        &admin,
        &org,
        &api::AuditQuery {
            action: Some("group.create".into()),
            ..everything()
        },
        5,
    )
    .await;
    assert_eq!(groups_only.len(), 12);

    // Entries written while paging come before the first page: the rest of the
    // walk goes on exactly where it stopped.
    let first = admin
        .audit_log(
            &oid(&org),
            &api::AuditQuery {
                limit: Some(5),
                ..everything()
            },
        )
        .await
        .unwrap();
    for i in 0..3 {
        new_group(&admin, &org, &format!("Late {i}"), &[]).await;
    }
    let mut walked = ids(&first.items);
    let mut cursor = first.next_cursor;
    while let Some(c) = cursor {
        let page = admin
            .audit_log(
                &oid(&org),
                &api::AuditQuery {
                    limit: Some(5),
                    cursor: Some(c),
                    ..everything()
                },
            )
            .await
            .unwrap();
        walked.extend(ids(&page.items));
        cursor = page.next_cursor;
    }
    assert_eq!(
        walked,
        ids(&all),
        "no gaps, no duplicates, no late entries mid-walk"
    );
    let now = audit_all(&admin, &org, &everything(), 500).await;
    assert_eq!(now.len(), all.len() + 3);
    assert_eq!(&ids(&now)[3..], &ids(&all)[..]);
    assert!(now[..3].iter().all(|e| e.action == "group.create"));

    // A cursor of another list is refused.
    let members = admin
        .members(
            &oid(&org),
            &api::MemberQuery {
                limit: Some(1),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let foreign = members.next_cursor.expect("a member cursor");
    assert_eq!(
        failure(
            admin
                .audit_log(
                    &oid(&org),
                    &api::AuditQuery {
                        cursor: Some(foreign),
                        ..everything()
                    }
                )
                .await
        )
        .0,
        400
    );
});

both!(audit_log_needs_permission_and_is_per_organization, |ts| {
    let (admin_a, org_a) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let (admin_b, org_b) = ts.org_admin("bea@beta.example", "beta", CRM).await;
    let admin_b_me = admin_b.me().await.unwrap();
    let (user, _) = ts
        .member(&admin_a, &org_a, "ulla@acme.example", "Ulla User")
        .await;
    let (_, mia) = ts
        .member(&admin_a, &org_a, "mia@example.com", "Mia Member")
        .await;
    join(&ts, &admin_b, &org_b, &mia).await;
    let a_group = new_group(&admin_a, &org_a, "Acme Only", &[]).await;
    let b_group = new_group(&admin_b, &org_b, "Beta Only", &[]).await;
    admin_b.suspend_member(&oid(&org_b), mia.id).await.unwrap();

    assert_eq!(
        failure(user.audit_log(&oid(&org_a), &everything()).await),
        (403, "forbidden".into())
    );
    assert_eq!(
        failure(user.audit_log_csv(&oid(&org_a), &everything()).await),
        (403, "forbidden".into())
    );
    let (auditor, _) = member_with(
        &ts,
        &admin_a,
        &org_a,
        "Auditors",
        &["org.audit.read"],
        "aud@acme.example",
    )
    .await;
    let seen = audit_all(&auditor, &org_a, &everything(), 500).await;
    assert!(
        seen.iter()
            .any(|e| e.target_id.as_deref() == Some(a_group.id.to_string().as_str()))
    );

    // beta's entries never appear in acme's log, whatever the filter.
    let a_log = audit_all(&admin_a, &org_a, &everything(), 500).await;
    assert_eq!(ids(&a_log), ids(&seen));
    for e in &a_log {
        assert_ne!(e.actor, Some(admin_b_me.id), "{e:?}");
        assert_ne!(
            e.target_id.as_deref(),
            Some(b_group.id.to_string().as_str()),
            "{e:?}"
        );
        assert_ne!(
            e.target_id.as_deref(),
            Some(org_b.id.to_string().as_str()),
            "{e:?}"
        );
    }
    for query in [
        api::AuditQuery {
            actor: Some(admin_b_me.id),
            ..everything()
        },
        api::AuditQuery {
            target: Some(b_group.id.to_string()),
            ..everything()
        },
        api::AuditQuery {
            target: Some(mia.id.to_string()),
            action: Some("member.".into()),
            ..everything()
        },
    ] {
        assert!(
            audit_all(&admin_a, &org_a, &query, 50).await.is_empty(),
            "{query:?}"
        );
    }
    let csv = String::from_utf8(
        admin_a
            .audit_log_csv(&oid(&org_a), &everything())
            .await
            .unwrap(),
    )
    .unwrap();
    assert!(!csv.contains(&b_group.id.to_string()));
    assert!(!csv.contains("bea@beta.example"));
    // beta's log has its own and nothing of acme's.
    let b_log = audit_all(&admin_b, &org_b, &everything(), 500).await;
    assert!(b_log.iter().any(|e| e.action == "member.suspend"));
    assert!(
        b_log
            .iter()
            .all(|e| e.target_id.as_deref() != Some(a_group.id.to_string().as_str()))
    );
    // Another organization's log does not exist for its non-members.
    assert_eq!(
        failure(admin_b.audit_log(&oid(&org_a), &everything()).await),
        (404, "not_found".into())
    );
    assert_eq!(
        failure(admin_b.audit_log_csv("acme", &everything()).await),
        (404, "not_found".into())
    );
});

/// The cells of a CSV file, parsed as a spreadsheet would split them.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| {
            r.expect("well-formed CSV")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

both!(audit_log_exports_csv_without_formulas, |ts| {
    // An address a spreadsheet would read as a formula, as the actor.
    let (admin, org) = ts.org_admin("=cmd@evil.example", "acme", CRM).await;
    let formula = new_group(&admin, &org, "=cmd()", &[]).await;
    new_group(&admin, &org, "+SUM(1,2)", &[]).await;
    new_group(&admin, &org, "@import", &[]).await;
    let (_, mia) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    admin.suspend_member(&oid(&org), mia.id).await.unwrap();

    let json = audit_all(&admin, &org, &everything(), 500).await;
    let bytes = admin
        .audit_log_csv(&oid(&org), &everything())
        .await
        .unwrap();
    let rows = csv_rows(&bytes);
    assert_eq!(
        rows[0],
        [
            "time",
            "actor_id",
            "actor_email",
            "action",
            "target_type",
            "target_id",
            "ip",
            "detail"
        ]
    );
    assert_eq!(rows.len() - 1, json.len(), "one line per entry");
    for (row, entry) in rows[1..].iter().zip(&json) {
        assert_eq!(row.len(), 8, "{row:?}");
        assert_eq!(
            row[1],
            entry.actor.map(|a| a.to_string()).unwrap_or_default()
        );
        assert_eq!(row[3], entry.action);
        assert_eq!(row[5], entry.target_id.clone().unwrap_or_default());
        assert_eq!(row[6], entry.ip.clone().unwrap_or_default());
    }
    // No cell starts a formula; the dangerous ones are quoted out.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    assert!(
        rows[1..]
            .iter()
            .filter(|r| r[3] != "org.paid")
            .all(|r| r[2] == "'=cmd@evil.example"),
        "the actor's address is defused: {:?}",
        rows.iter().map(|r| &r[2]).collect::<Vec<_>>()
    );
    // The group's name is in the export, inside its entry's detail.
    let created = rows
        .iter()
        .find(|r| r[3] == "group.create" && r[5] == formula.id.to_string())
        .expect("the =cmd() group's entry");
    assert!(created[7].contains("=cmd()"), "{created:?}");

    // Filters apply to the export too; limit and cursor do not.
    let only = csv_rows(
        &admin
            .audit_log_csv(
                &oid(&org),
                &api::AuditQuery {
                    action: Some("group.create".into()),
                    ..everything()
                },
            )
            .await
            .unwrap(),
    );
    assert_eq!(only.len() - 1, 3);
    assert!(only[1..].iter().all(|r| r[3] == "group.create"));
    let answer = admin
        .raw(
            Method::GET,
            &format!("/api/v1/orgs/{}/audit-log?format=csv&limit=1", org.id),
            None,
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(answer.status, 200);
    let content_type = answer
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    assert_eq!(
        csv_rows(&answer.body).len() - 1,
        json.len(),
        "an export holds every match"
    );
});
