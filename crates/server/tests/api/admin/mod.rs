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
            expires_at: None,
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

mod audit_log;
mod resets_and_sessions;
mod suspension;
