//! The tenant boundary, tried as an attacker would: every attack first (it
//! must fail and change nothing), then the allowed path. Verified domains
//! over real DNS, managed accounts, leaving, group-edit authority, throttles
//! and limits.

use orgdesk_api as api;
use orgdesk_client::Client;
use uuid::Uuid;

use crate::common::*;
use crate::{both, both_with};

mod authority;
mod dns;
mod domains;
mod leaving;
mod limits;
mod managed;
mod squatting;
mod throttles;

const CRM: &[(&str, &str)] = &[("crm", "crm-team")];

fn oid(org: &api::Organization) -> String {
    org.id.to_string()
}

/// A test body with a real DNS server that the platform's resolver asks
/// (`--dns-resolver`), on SQLite and PostgreSQL.
#[macro_export]
macro_rules! with_dns {
    ($name:ident, |$ts:ident, $dns:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run(backend: $crate::common::Backend) {
                let $dns = $crate::tenancy::dns::DnsServer::start().await;
                let addr = $dns.addr;
                let $ts = $crate::common::TestServer::start_with(backend, move |config| {
                    config.dns_resolver = Some(addr);
                })
                .await;
                $body
                $ts.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run($crate::common::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::common::postgres_server().is_none() {
                    eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
                    return;
                }
                run($crate::common::Backend::Postgres).await;
            }
        }
    };
}

/// Registers `email` and confirms the address with the mailed link.
async fn verified(ts: &TestServer, email: &str, name: &str) -> (Client, api::Profile) {
    let (client, profile) = ts.register(email, name).await;
    ts.confirm_email(&client, email).await;
    (client, profile)
}

/// An organization's admin adds an existing verified account at once, as
/// the product owner's rule allows: the account is a member now.
async fn added_by(admin: &Client, org: &api::Organization, email: &str) {
    let answer = admin
        .invite(
            &oid(org),
            &api::InviteRequest {
                invitations: vec![api::Invitee {
                    email: email.into(),
                    groups: None,
                    expires_at: None,
                }],
            },
        )
        .await
        .expect("invite");
    assert_eq!(
        answer.results[0].status,
        api::InviteOutcome::Added,
        "{:?}",
        answer.results
    );
}

/// A member of `org` in a new group granting exactly `permissions`.
async fn member_with(
    ts: &TestServer,
    admin: &Client,
    org: &api::Organization,
    group: &str,
    permissions: &[&str],
    email: &str,
) -> (Client, api::Profile, api::Group) {
    let (client, profile) = verified(ts, email, group).await;
    added_by(admin, org, email).await;
    let group = admin
        .create_group(
            &oid(org),
            &api::CreateGroup {
                name: group.into(),
                description: String::new(),
                permissions: permissions.iter().map(|p| (*p).to_string()).collect(),
            },
        )
        .await
        .expect("create group");
    admin
        .add_group_members(
            &oid(org),
            group.id,
            &api::AccountList {
                accounts: vec![profile.id],
            },
        )
        .await
        .expect("add to group");
    (client, profile, group)
}

/// A fresh session of `email` (platform-wide, or opened into `org`).
async fn signed_in(ts: &TestServer, email: &str, org: Option<&str>) -> Client {
    let answer = ts
        .client()
        .login(&api::LoginRequest {
            email: email.into(),
            password: PASSWORD.into(),
            organization: org.map(str::to_string),
        })
        .await
        .expect("login");
    ts.client().with_token(answer.token)
}

async fn count(ts: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(ts.server.state.db.pool())
        .await
        .expect(sql)
}
