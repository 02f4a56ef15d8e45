//! The real server on 127.0.0.1:0 with a fresh database per test: a SQLite
//! file in a temporary folder, or a new PostgreSQL database when
//! `ORGDESK_TEST_POSTGRES` names a server (CI always sets it).

#![allow(dead_code)] // each test module uses its own part of the harness

use std::net::SocketAddr;
use std::path::PathBuf;

use orgdesk_api as api;
use orgdesk_client::Client;
use orgdesk_server::{Config, RunningServer, start};
use sqlx::Connection;
use uuid::Uuid;

/// A password every test account uses: long and not guessable.
pub const PASSWORD: &str = "violet-harbor-7-lantern";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestServer {
    pub server: RunningServer,
    pub backend: Backend,
    pub dir: tempfile::TempDir,
    pub database_url: String,
    pg_database: Option<String>,
}

/// `postgres://postgres@127.0.0.1:5432` when PostgreSQL tests are on.
pub fn postgres_server() -> Option<String> {
    std::env::var("ORGDESK_TEST_POSTGRES")
        .ok()
        .filter(|v| !v.is_empty())
        .map(|v| v.trim_end_matches('/').to_string())
}

/// A fresh database for one test: a file, or a new PostgreSQL database.
pub async fn fresh_database(backend: Backend, dir: &std::path::Path) -> (String, Option<String>) {
    match backend {
        Backend::Sqlite => (
            format!("sqlite://{}", dir.join("orgdesk.sqlite").display()),
            None,
        ),
        Backend::Postgres => {
            let server = postgres_server().expect("ORGDESK_TEST_POSTGRES is set");
            let name = format!("orgdesk_test_{}", Uuid::new_v4().simple());
            let mut admin = sqlx::PgConnection::connect(&format!("{server}/postgres"))
                .await
                .expect("PostgreSQL is reachable");
            sqlx::Executor::execute(&mut admin, format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create database");
            admin.close().await.ok();
            (format!("{server}/{name}"), Some(name))
        }
    }
}

pub async fn drop_database(name: &str) {
    let Some(server) = postgres_server() else {
        return;
    };
    if let Ok(mut admin) = sqlx::PgConnection::connect(&format!("{server}/postgres")).await {
        let _ = sqlx::Executor::execute(
            &mut admin,
            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
        )
        .await;
        admin.close().await.ok();
    }
}

impl TestServer {
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, |_| {}).await
    }

    /// Starts with a changed configuration (GeoIP, trusted proxies, catalogue…).
    pub async fn start_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> Self {
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter(
                std::env::var("RUST_LOG").unwrap_or_else(|_| "warn,orgdesk_server=warn".into()),
            )
            .try_init();
        let dir = tempfile::tempdir().expect("temp dir");
        let (database_url, pg_database) = fresh_database(backend, dir.path()).await;
        let mut config = Config::new(SocketAddr::from(([127, 0, 0, 1], 0)), database_url.clone());
        config.mail_outbox = Some(dir.path().join("outbox"));
        config.data_dir = Some(dir.path().to_path_buf());
        // Tests sign up many people from 127.0.0.1 and leave organizations
        // unpaid; the tests of these limits set them back (`Limits::default()`).
        config.limits.registrations_per_hour = 100_000;
        config.limits.unpaid_orgs_per_account = 1_000;
        configure(&mut config);
        let server = start(config).await.expect("the server starts");
        Self {
            server,
            backend,
            dir,
            database_url,
            pg_database,
        }
    }

    /// A second instance on the same database (PostgreSQL: many instances, one database).
    pub async fn another_instance(&self) -> RunningServer {
        let mut config = Config::new(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            self.database_url.clone(),
        );
        config.mail_outbox = Some(self.dir.path().join("outbox"));
        config.limits = self.server.state.limits.clone();
        start(config).await.expect("the second instance starts")
    }

    pub async fn finish(self) {
        self.server.stop().await.expect("the server stops cleanly");
        if let Some(name) = &self.pg_database {
            drop_database(name).await;
        }
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    pub fn client(&self) -> Client {
        Client::new(self.url()).expect("client")
    }

    pub fn outbox(&self) -> PathBuf {
        self.dir.path().join("outbox")
    }

    /// Every mail written to the outbox so far, as text.
    pub fn mails(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.outbox()) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect()
    }

    /// The token of the newest link `{public_url}/{route}/{token}` mailed to `email`.
    pub fn link_token(&self, email: &str, route: &str) -> Option<String> {
        let marker = format!("{}/{route}/", self.url());
        self.mails()
            .iter()
            .filter(|m| m.contains(email))
            .filter_map(|m| {
                let unfolded = m.replace("=\r\n", "").replace("=\n", "");
                let start = unfolded.find(&marker)? + marker.len();
                Some(
                    unfolded[start..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect::<String>(),
                )
            })
            .next()
    }

    /// Registers `email` and answers a client signed in as them.
    pub async fn register(&self, email: &str, name: &str) -> (Client, api::Profile) {
        let answer = self
            .client()
            .register(&api::RegisterRequest {
                email: email.into(),
                password: PASSWORD.into(),
                name: name.into(),
            })
            .await
            .expect("register");
        (self.client().with_token(answer.token), answer.account)
    }

    /// An account that creates an organization with `products`; answers its client and the organization.
    pub async fn org_admin(
        &self,
        email: &str,
        subdomain: &str,
        products: &[(&str, &str)],
    ) -> (Client, api::Organization) {
        let (client, _) = self.register(email, "Ada Admin").await;
        let org = client
            .create_org(&org_request(subdomain, products))
            .await
            .expect("create org");
        let org = self.pay(&client, &org).await;
        (client, org)
    }

    /// Pays an organization's first month as a person would: the provider's
    /// checkout page in a browser, with the sandbox's paying card. The sandbox
    /// confirms through its signed webhook before it answers the form.
    pub async fn pay(&self, client: &Client, org: &api::Organization) -> api::Organization {
        let org_key = org.id.to_string();
        let checkout = client.checkout(&org_key).await.expect("checkout");
        let page = submit_card(&checkout.checkout_url, "4242 4242 4242 4242").await;
        assert_eq!(page.0, 200, "the sandbox pays: {}", page.1);
        let paid = client.org(&org_key).await.expect("org after payment");
        assert_eq!(
            paid.status,
            api::OrgStatus::Active,
            "the webhook made the organization active"
        );
        paid
    }

    /// Confirms `email` with the link mailed to it, as its owner would.
    pub async fn confirm_email(&self, client: &Client, email: &str) {
        let token = self
            .link_token(email, "verify-email")
            .expect("a verification mail");
        client.verify_email(&token).await.expect("verify");
    }

    /// `domain` verified by `org`, as a passed DNS check leaves it: the tests
    /// of what managing an account means start here (the DNS check itself is
    /// tested in `tenancy::domains`).
    pub async fn manage(&self, org: &api::Organization, domain: &str) {
        let mut tx = self.server.state.db.begin().await.expect("tx");
        let id = Uuid::now_v7();
        orgdesk_server::store::domains::insert(
            &mut tx,
            &orgdesk_server::store::domains::NewDomain {
                id,
                org: org.id,
                domain,
                secret: "test",
                created_by: org.id,
            },
        )
        .await
        .expect("claim");
        orgdesk_server::store::domains::mark_verified(&mut tx, id)
            .await
            .expect("verified");
        tx.commit().await.expect("commit");
    }

    /// Registers `email` and makes them an active member of `org` (in the User group), as an admin would.
    pub async fn member(
        &self,
        admin: &Client,
        org: &api::Organization,
        email: &str,
        name: &str,
    ) -> (Client, api::Profile) {
        let (client, profile) = self.register(email, name).await;
        add_member_directly(self, org.id, profile.id, name, email).await;
        let user = group_named(admin, org, "User").await;
        admin
            .add_group_members(
                &org.id.to_string(),
                user.id,
                &api::AccountList {
                    accounts: vec![profile.id],
                },
            )
            .await
            .expect("add to User");
        (client, profile)
    }
}

/// Invitations arrive in a later issue; until then tests put members in with SQL.
pub async fn add_member_directly(
    ts: &TestServer,
    org: Uuid,
    account: Uuid,
    name: &str,
    email: &str,
) {
    let mut tx = ts.server.state.db.begin().await.expect("tx");
    orgdesk_server::store::orgs::insert_membership(&mut tx, org, account, name, email)
        .await
        .expect("membership");
    tx.commit().await.expect("commit");
}

/// Takes `permission` from `group` (which must hold it) as an admin would,
/// keeping the group's other permissions.
pub async fn take_permission(admin: &Client, org: &str, group: &api::Group, permission: &str) {
    let rest: Vec<String> = group
        .permissions
        .iter()
        .filter(|p| *p != permission)
        .cloned()
        .collect();
    assert_ne!(
        rest.len(),
        group.permissions.len(),
        "{} held {permission}",
        group.name
    );
    admin
        .update_group(
            org,
            group.id,
            &api::UpdateGroup {
                permissions: Some(rest),
                ..Default::default()
            },
            None,
        )
        .await
        .expect("the group keeps the rest");
}

/// Posts the sandbox checkout form like a browser; answers the status and page.
pub async fn submit_card(checkout_url: &str, card: &str) -> (u16, String) {
    let form = [
        ("cardholder", "Ada Admin"),
        ("card_number", card),
        ("expiry", "12/39"),
        ("cvc", "123"),
    ];
    let response = reqwest::Client::new()
        .post(checkout_url)
        .form(&form)
        .send()
        .await
        .expect("the checkout page answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

pub fn org_request(subdomain: &str, products: &[(&str, &str)]) -> api::CreateOrganization {
    api::CreateOrganization {
        name: format!("{} GmbH", subdomain.replace('-', " ")),
        subdomain: subdomain.into(),
        country: "DE".into(),
        vat_id: None,
        address: "Hauptstraße 1, 10115 Berlin".into(),
        billing_email: format!("billing@{subdomain}.example"),
        products: products
            .iter()
            .map(|(product, package)| api::ProductChoice {
                product: (*product).into(),
                package: (*package).into(),
            })
            .collect(),
    }
}

pub async fn group_named(client: &Client, org: &api::Organization, name: &str) -> api::Group {
    client
        .groups(&org.id.to_string())
        .await
        .expect("groups")
        .into_iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("group {name}"))
}

/// Status and code of a failed call.
pub fn failure<T: std::fmt::Debug>(result: Result<T, orgdesk_client::Error>) -> (u16, String) {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => (
            e.status().unwrap_or(0),
            e.code().unwrap_or("none").to_string(),
        ),
    }
}

/// The error code of a failed call.
pub fn code<T: std::fmt::Debug>(result: Result<T, orgdesk_client::Error>) -> String {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e.code().unwrap_or("none").to_string(),
    }
}

/// [`both!`] with the server's configuration changed first:
/// `both_with!(name, |config| { … }, |ts| { … })`.
#[macro_export]
macro_rules! both_with {
    ($name:ident, |$config:ident| $configure:block, |$ts:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn configure($config: &mut orgdesk_server::Config) $configure

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $ts = $crate::common::TestServer::start_with(
                    $crate::common::Backend::Sqlite,
                    configure,
                )
                .await;
                $body
                $ts.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::common::postgres_server().is_none() {
                    eprintln!("skipped: set ORGDESK_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432 to run on PostgreSQL");
                    return;
                }
                let $ts = $crate::common::TestServer::start_with(
                    $crate::common::Backend::Postgres,
                    configure,
                )
                .await;
                $body
                $ts.finish().await;
            }
        }
    };
}

/// Runs a test body on SQLite and on PostgreSQL (when `ORGDESK_TEST_POSTGRES` is set).
#[macro_export]
macro_rules! both {
    ($name:ident, |$ts:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $ts = $crate::common::TestServer::start($crate::common::Backend::Sqlite).await;
                $body
                $ts.finish().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::common::postgres_server().is_none() {
                    eprintln!("skipped: set ORGDESK_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432 to run on PostgreSQL");
                    return;
                }
                let $ts = $crate::common::TestServer::start($crate::common::Backend::Postgres).await;
                $body
                $ts.finish().await;
            }
        }
    };
}
