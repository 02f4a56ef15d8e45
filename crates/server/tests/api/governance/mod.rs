//! Governance: expiring access, dormant members and suspending many,
//! group managers, permission snapshots and their diffs.

use orgdesk_api as api;
use orgdesk_client::Client;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::common::*;

mod dormant;
mod expiry;
mod invitation_expiry;
mod managers;
mod paging;
mod reviews;
mod snapshots;

const CRM: &[(&str, &str)] = &[("crm", "crm-team")];

fn oid(org: &api::Organization) -> String {
    org.id.to_string()
}

fn accounts(ids: &[Uuid]) -> api::AccountList {
    api::AccountList {
        accounts: ids.to_vec(),
    }
}

async fn custom_group(
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
                permissions: permissions.iter().map(|p| (*p).to_string()).collect(),
            },
        )
        .await
        .expect("create group")
}

/// The permission keys `client` holds in `org` now.
async fn my_keys(client: &Client, org: &api::Organization) -> Vec<String> {
    client
        .my_permissions(&oid(org))
        .await
        .expect("my permissions")
        .into_iter()
        .map(|p| p.permission)
        .collect()
}

/// Audit entries of one action about one target.
async fn audited(
    admin: &Client,
    org: &api::Organization,
    action: &str,
    target: Option<String>,
) -> Vec<api::AuditEntry> {
    admin
        .audit_log(
            &oid(org),
            &api::AuditQuery {
                action: Some(action.into()),
                target,
                ..Default::default()
            },
        )
        .await
        .expect("audit log")
        .items
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

const DAY_MS: i64 = 86_400_000;

/// When someone joined and last signed in, days ago (`None`: never), set
/// with SQL: the API cannot turn the clock back.
async fn activity(
    ts: &TestServer,
    account: Uuid,
    joined_days_ago: i64,
    login_days_ago: Option<i64>,
) {
    let pool = ts.server.state.db.pool();
    let at = |days: i64| ms(now()) - days * DAY_MS;
    sqlx::query("UPDATE memberships SET joined_at = $1 WHERE account_id = $2")
        .bind(at(joined_days_ago))
        .bind(account.to_string())
        .execute(pool)
        .await
        .expect("joined_at");
    sqlx::query("UPDATE accounts SET last_login_at = $1 WHERE id = $2")
        .bind(login_days_ago.map(at))
        .bind(account.to_string())
        .execute(pool)
        .await
        .expect("last_login_at");
}

fn ms(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap()
}

/// Every governance route is in the OpenAPI document with its answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn governance_routes_are_documented() {
    let ts = TestServer::start(Backend::Sqlite).await;
    let doc = ts.client().openapi().await.unwrap();
    let org = "/api/v1/orgs/{org}";
    let expected: [(&str, &str, &[&str]); 14] = [
        ("post", "/members/suspend", &["200", "403", "409", "422"]),
        ("get", "/groups/{id}/managers", &["200", "403", "404"]),
        (
            "put",
            "/groups/{id}/managers",
            &["200", "403", "404", "422"],
        ),
        ("post", "/groups/{id}/members", &["200", "403", "422"]),
        ("post", "/permission-snapshots", &["201", "403", "422"]),
        (
            "get",
            "/permission-snapshots",
            &["200", "400", "403", "422"],
        ),
        ("get", "/permission-snapshots/{id}", &["200", "403", "404"]),
        (
            "get",
            "/permission-snapshots/{id}/diff/{other}",
            &["200", "404"],
        ),
        ("post", "/access-reviews", &["201", "403", "404", "422"]),
        ("get", "/access-reviews/{id}/items", &["200", "403", "404"]),
        (
            "post",
            "/access-reviews/{id}/decisions",
            &["200", "404", "409", "422"],
        ),
        (
            "post",
            "/access-reviews/{id}/complete",
            &["200", "403", "409"],
        ),
        ("get", "/access-reviews/{id}/report", &["200", "403", "404"]),
        ("get", "/access-reviews", &["200", "400", "422"]),
    ];
    for (method, path, statuses) in expected {
        let operation = &doc["paths"][format!("{org}{path}")][method];
        assert!(operation.is_object(), "{method} {path} is not documented");
        for status in statuses {
            let answer = &operation["responses"][*status];
            assert!(answer.is_object(), "{method} {path}: no {status}");
            if status.starts_with('4') {
                assert!(
                    answer["content"]["application/problem+json"].is_object(),
                    "{method} {path}: {status} is not problem+json"
                );
            }
        }
    }
    let params = doc["paths"][format!("{org}/members")]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap_or_default().to_string())
        .collect::<Vec<_>>();
    assert!(params.contains(&"inactive_days".to_string()));
    assert!(params.contains(&"expiring_within_days".to_string()));
    for list in ["/access-reviews", "/permission-snapshots"] {
        let params = doc["paths"][format!("{org}{list}")]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap_or_default().to_string())
            .collect::<Vec<_>>();
        assert!(params.contains(&"cursor".to_string()), "{list}: {params:?}");
        assert!(params.contains(&"limit".to_string()), "{list}: {params:?}");
    }
    ts.finish().await;
}
