//! A PostgreSQL outage: while the database is out of reach the server answers
//! 503 problem+json (never 500), `/readyz` says so, and it recovers by itself.
//! The machine's PostgreSQL is shared, so the outage is made between the
//! server and it: a TCP proxy this test cuts and restores, and
//! `pg_terminate_backend` on the test's own database.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use orgdesk_api as api;
use reqwest::Method;
use sqlx::Connection;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;
use tokio::task::AbortHandle;

use crate::common::*;

/// Forwards connections to PostgreSQL until cut; while cut, it accepts and
/// drops every connection at once, and the connections it carried are gone.
struct Proxy {
    addr: std::net::SocketAddr,
    cut: Arc<AtomicBool>,
    links: Arc<Mutex<Vec<AbortHandle>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Proxy {
    async fn start(upstream: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let cut = Arc::new(AtomicBool::new(false));
        let links = Arc::new(Mutex::new(Vec::<AbortHandle>::new()));
        let task = tokio::spawn({
            let cut = cut.clone();
            let links = links.clone();
            async move {
                while let Ok((mut client, _)) = listener.accept().await {
                    if cut.load(Ordering::SeqCst) {
                        drop(client);
                        continue;
                    }
                    let upstream = upstream.clone();
                    let link = tokio::spawn(async move {
                        if let Ok(mut server) = TcpStream::connect(&upstream).await {
                            let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                        }
                    });
                    links.lock().await.push(link.abort_handle());
                }
            }
        });
        Self {
            addr,
            cut,
            links,
            task,
        }
    }

    async fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        for link in self.links.lock().await.drain(..) {
            link.abort();
        }
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// `host:port` of a `postgres://user@host:port/…` URL.
fn authority(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split_once('@').map_or(rest, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_string()
}

async fn status_of(client: &orgdesk_client::Client, method: Method, path: &str) -> (u16, String) {
    let response = client.raw(method, path, None, Vec::new()).await.unwrap();
    let code = response.problem().map(|p| p.code).unwrap_or_default();
    (response.status, code)
}

async fn wait_until_ready(client: &orgdesk_client::Client) {
    for _ in 0..150 {
        if status_of(client, Method::GET, "/readyz").await.0 == 200 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not recover by itself");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_answers_503_and_recovers() {
    let Some(server) = postgres_server() else {
        eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
        return;
    };
    let upstream = authority(&server);
    let proxy = Proxy::start(upstream.clone()).await;
    let ts = TestServer::start_with(Backend::Postgres, |config| {
        let url = config.database.clone().unwrap();
        config.database = Some(url.replacen(&upstream, &proxy.addr.to_string(), 1));
    })
    .await;
    let (client, _) = ts.register("outage@example.com", "Outage").await;
    assert_eq!(status_of(&client, Method::GET, "/api/v1/me").await.0, 200);

    proxy.cut().await;
    for _ in 0..3 {
        let response = client
            .raw(Method::GET, "/api/v1/me", None, Vec::new())
            .await
            .unwrap();
        assert_eq!(response.status, 503, "{}", response.text());
        assert!(response.headers.contains_key("retry-after"));
        assert_eq!(response.problem().unwrap().code, "service_unavailable");
        assert_eq!(
            status_of(&client, Method::GET, "/readyz").await,
            (503, "service_unavailable".into())
        );
        assert_eq!(status_of(&client, Method::GET, "/healthz").await.0, 200);
    }
    // A write during the outage is refused, and leaves nothing behind.
    let refused = ts
        .client()
        .register(&api::RegisterRequest {
            email: "during@example.com".into(),
            password: PASSWORD.into(),
            name: "During".into(),
        })
        .await;
    assert_eq!(code(refused), "service_unavailable");

    proxy.restore();
    wait_until_ready(&client).await;
    assert_eq!(status_of(&client, Method::GET, "/api/v1/me").await.0, 200);
    let login = ts
        .client()
        .login(&api::LoginRequest {
            email: "during@example.com".into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await;
    assert_eq!(
        code(login),
        "invalid_credentials",
        "the refused write left nothing"
    );
    ts.register("after@example.com", "After").await;
    ts.finish().await;
    drop(proxy);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn terminated_database_connections_are_503_never_500() {
    let Some(server) = postgres_server() else {
        eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
        return;
    };
    let ts = TestServer::start(Backend::Postgres).await;
    let (client, _) = ts.register("terminate@example.com", "Terminate").await;
    let database = ts.database_url.rsplit('/').next().unwrap().to_string();
    let mut admin = sqlx::PgConnection::connect(&format!("{server}/postgres"))
        .await
        .unwrap();

    let mut seen = std::collections::BTreeMap::<u16, usize>::new();
    for _ in 0..5 {
        // Requests in flight while every connection of the server is terminated.
        let load: Vec<_> = (0..8)
            .map(|i: u32| {
                let client = client.clone();
                tokio::spawn(async move {
                    let path = if i.is_multiple_of(2) {
                        "/api/v1/me"
                    } else {
                        "/api/v1/me/sessions"
                    };
                    status_of(&client, Method::GET, path).await
                })
            })
            .collect();
        sqlx::query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = $1 AND pid <> pg_backend_pid()",
        )
        .bind(&database)
        .execute(&mut admin)
        .await
        .unwrap();
        for request in load {
            let (status, code) = request.await.unwrap();
            assert!(
                status == 200 || (status == 503 && code == "service_unavailable"),
                "answered {status} {code}"
            );
            *seen.entry(status).or_default() += 1;
        }
        // Right after, without a restart, it answers again.
        wait_until_ready(&client).await;
        assert_eq!(status_of(&client, Method::GET, "/api/v1/me").await.0, 200);
    }
    eprintln!("answers while connections were terminated: {seen:?}");
    admin.close().await.ok();
    ts.finish().await;
}
