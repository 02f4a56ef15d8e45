//! `GET …/overview`: the console's landing figures in one answer, counted
//! by the server (seats, every sign-in per day, invitations, dormant
//! members, recent events), permission-gated like the members list.

use orgdesk_api as api;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::both;
use crate::common::*;

const CRM: &[(&str, &str)] = &[("crm", "crm-team")];
const DAY_MS: i64 = 86_400_000;

fn ms(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap()
}

fn days_ago(days: i64) -> i64 {
    ms(OffsetDateTime::now_utc()) - days * DAY_MS
}

/// A sign-in `days` ago: a session opened into `org`, or (`org` `None`) a
/// platform session, used in `used_in` afterwards when given.
async fn sign_in(
    ts: &TestServer,
    account: Uuid,
    org: Option<Uuid>,
    days: i64,
    used_in: Option<Uuid>,
) {
    let pool = ts.server.state.db.pool();
    let id = Uuid::now_v7();
    let at = days_ago(days);
    sqlx::query(
        "INSERT INTO sessions (id, token_hash, account_id, org_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $5, $6)",
    )
    .bind(id.to_string())
    .bind(Uuid::new_v4().simple().to_string())
    .bind(account.to_string())
    .bind(org.map(|o| o.to_string()))
    .bind(at)
    .bind(at + 30 * DAY_MS)
    .execute(pool)
    .await
    .expect("session");
    if let Some(used) = used_in {
        sqlx::query(
            "INSERT INTO session_orgs (session_id, org_id, first_used_at) VALUES ($1, $2, $3)",
        )
        .bind(id.to_string())
        .bind(used.to_string())
        .bind(at)
        .execute(pool)
        .await
        .expect("session used in the organization");
    }
}

async fn away(ts: &TestServer, account: Uuid, joined_days_ago: i64, login_days_ago: Option<i64>) {
    let pool = ts.server.state.db.pool();
    sqlx::query("UPDATE memberships SET joined_at = $1 WHERE account_id = $2")
        .bind(days_ago(joined_days_ago))
        .bind(account.to_string())
        .execute(pool)
        .await
        .expect("joined_at");
    sqlx::query("UPDATE accounts SET last_login_at = $1 WHERE id = $2")
        .bind(login_days_ago.map(days_ago))
        .bind(account.to_string())
        .execute(pool)
        .await
        .expect("last_login_at");
}

/// Sign-ins per day, keyed by days back from today (0 = today).
fn by_day(o: &api::OrgOverview) -> Vec<u64> {
    o.sign_ins.iter().rev().map(|d| d.count).collect()
}

both!(the_overview_counts_what_the_organization_holds, |ts| {
    let (admin, org) = ts.org_admin("ada@overview.example", "overview", CRM).await;
    let id = org.id.to_string();
    let (_, carol) = ts
        .member(&admin, &org, "carol@overview.example", "Carol Away")
        .await;
    let (_, dave) = ts
        .member(&admin, &org, "dave@overview.example", "Dave Here")
        .await;
    let (_, erin) = ts
        .member(&admin, &org, "erin@overview.example", "Erin Gone")
        .await;
    let (_, frank) = ts
        .member(&admin, &org, "frank@overview.example", "Frank Held")
        .await;
    away(&ts, carol.id, 100, None).await; // never signed in, joined 100 days ago
    away(&ts, dave.id, 100, Some(1)).await;
    away(&ts, erin.id, 200, Some(120)).await;
    away(&ts, frank.id, 200, Some(150)).await; // dormant, but suspended below
    admin.suspend_member(&id, frank.id).await.unwrap();
    let invited = admin
        .invite(
            &id,
            &api::InviteRequest {
                invitations: ["soon@elsewhere.example", "later@elsewhere.example"]
                    .map(|email| api::Invitee {
                        email: email.into(),
                        groups: None,
                        expires_at: None,
                    })
                    .to_vec(),
            },
        )
        .await
        .unwrap();
    assert!(
        invited
            .results
            .iter()
            .all(|r| r.status == api::InviteOutcome::Invited)
    );
    sqlx::query("UPDATE invitations SET expires_at = $1 WHERE email = $2")
        .bind(ms(OffsetDateTime::now_utc() + Duration::days(1)))
        .bind("soon@elsewhere.example")
        .execute(ts.server.state.db.pool())
        .await
        .unwrap();

    let before = admin.overview(&id).await.unwrap();
    assert_eq!(before.sign_ins.len(), 30);
    let today = OffsetDateTime::now_utc().date();
    assert_eq!(before.sign_ins.last().unwrap().day.date(), today);
    assert_eq!(
        before.sign_ins[0].day.date(),
        today - Duration::days(29),
        "oldest first"
    );
    // Every sign-in counts, not only each member's latest: Dave twice today
    // and once two days ago; a platform session used here; not a session of
    // another organization, nor one older than 30 days.
    let (other_admin, other) = ts
        .org_admin("eve@other-overview.example", "other-overview", CRM)
        .await;
    sign_in(&ts, dave.id, Some(org.id), 0, None).await;
    sign_in(&ts, dave.id, Some(org.id), 0, None).await;
    sign_in(&ts, dave.id, Some(org.id), 2, None).await;
    sign_in(&ts, carol.id, None, 0, Some(org.id)).await;
    sign_in(&ts, dave.id, Some(other.id), 0, None).await;
    sign_in(&ts, dave.id, None, 1, Some(other.id)).await;
    sign_in(&ts, dave.id, Some(org.id), 40, None).await;
    let o = admin.overview(&id).await.unwrap();
    let (was, now) = (by_day(&before), by_day(&o));
    let added: Vec<u64> = now.iter().zip(&was).map(|(n, w)| n - w).collect();
    let mut expected = vec![0; 30];
    expected[0] = 3;
    expected[2] = 1;
    assert_eq!(added, expected, "sign-ins added, by days back");

    // Seats as the organization answers them, and what frees them.
    let org_now = admin.org(&id).await.unwrap();
    assert_eq!(o.seats.used, u64::from(org_now.subscription.seats_used));
    assert_eq!(o.seats.limit, u64::from(org_now.subscription.seat_limit));
    assert_eq!(o.seats.pending_invitations, 2);
    assert_eq!(o.seats.active_members, 4, "Ada, Carol, Dave, Erin");
    assert_eq!(o.seats.suspended_members, 1);
    assert_eq!(o.seats.used, 6);
    assert_eq!(o.members, 5);

    let invitations = o.invitations.as_ref().expect("the admin may invite");
    assert_eq!(invitations.pending, 2);
    assert_eq!(invitations.expiring, 1);
    assert_eq!(invitations.expiring_within_days, 2, "of a link's 7 days");
    let soonest: Vec<&str> = invitations
        .soonest
        .iter()
        .map(|i| i.email.as_str())
        .collect();
    assert_eq!(soonest, ["soon@elsewhere.example"]);

    // Dormant: active members away 90 days (never signed in: since joining),
    // the longest away first; Frank is suspended, Dave was here yesterday.
    assert_eq!(o.inactive.days, 90);
    assert_eq!(o.inactive.count, 2);
    let longest: Vec<Uuid> = o.inactive.longest.iter().map(|m| m.id).collect();
    assert_eq!(longest, [erin.id, carol.id]);
    assert_eq!(o.inactive.longest[1].last_login_at, None);
    let filtered = admin
        .members(
            &id,
            &api::MemberQuery {
                inactive_days: Some(90),
                status: Some(api::MembershipStatus::Active),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        filtered.total, o.inactive.count,
        "the same rule as the filter"
    );

    // The latest events, newest first, as the audit log has them.
    let newest = admin
        .audit_log(
            &id,
            &api::AuditQuery {
                limit: Some(8),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items;
    let recent = o.recent.as_ref().expect("the admin reads the log");
    assert_eq!(
        recent.iter().map(|e| e.id).collect::<Vec<_>>(),
        newest.iter().map(|e| e.id).collect::<Vec<_>>()
    );
    assert!(!recent.is_empty());

    // The other organization's figures hold none of this.
    let theirs = other_admin.overview(&other.id.to_string()).await.unwrap();
    assert_eq!(theirs.members, 1);
    assert_eq!(theirs.inactive.count, 0);
    assert_eq!(theirs.seats.pending_invitations, 0);
});

both!(the_overview_is_gated_like_the_members_list, |ts| {
    let (admin, org) = ts.org_admin("ada@gated.example", "gated", CRM).await;
    let id = org.id.to_string();
    let (cara, _) = ts
        .member(&admin, &org, "cara@gated.example", "Cara Plain")
        .await;
    // A User member reads members, but neither invitations nor the log.
    let seen = cara.overview(&id).await.unwrap();
    assert_eq!(seen.members, 2);
    assert_eq!(seen.invitations, None);
    assert_eq!(seen.recent, None);

    // Another tenant's admin learns nothing of it.
    let (outsider, _) = ts.org_admin("eve@outside.example", "outside", CRM).await;
    assert_eq!(code(outsider.overview(&id).await), "not_found");
    assert_eq!(code(outsider.overview("gated").await), "not_found");

    // Without org.members.read, refused.
    let user = group_named(&admin, &org, "User").await;
    take_permission(&admin, &id, &user, "org.members.read").await;
    let (status, problem) = failure(cara.overview(&id).await);
    assert_eq!(status, 403);
    assert_eq!(code(cara.overview(&id).await), "forbidden", "{problem}");

    // Documented, with its answers.
    let doc = ts.client().openapi().await.unwrap();
    let route = &doc["paths"]["/api/v1/orgs/{org}/overview"]["get"];
    assert!(route["responses"]["200"].is_object(), "{route}");
    assert!(route["responses"]["403"].is_object(), "{route}");
    assert!(doc["components"]["schemas"]["OrgOverview"].is_object());
});
