//! The real binary: SIGTERM, the configuration's sources and secrets, and the
//! maintenance subcommands.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use orgdesk_api as api;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use super::{Spawned, run, wait_ready};
use crate::common::*;

const SECRET: &str = "hunter2";

/// Sends a request whose body is held back: it is in flight until `finish`.
async fn start_slow_register(addr: std::net::SocketAddr, email: &str) -> (TcpStream, Vec<u8>) {
    let body = serde_json::to_vec(&api::RegisterRequest {
        email: email.into(),
        password: PASSWORD.into(),
        name: "Slow".into(),
    })
    .unwrap();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/v1/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let half = body.len() / 2;
    stream.write_all(&body[..half]).await.unwrap();
    (stream, body[half..].to_vec())
}

/// The listener is gone once connections are refused (bounded wait).
async fn wait_refused(addr: std::net::SocketAddr) {
    for _ in 0..100 {
        if TcpStream::connect(addr).await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("still accepting connections after SIGTERM");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_requests_in_flight_then_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("db.sqlite").display());
    let mut server = Spawned::start(&database, dir.path(), &[]).await;
    wait_ready(&server.url()).await;

    let (mut in_flight, rest) = start_slow_register(server.addr, "slow@example.com").await;
    // Let the server read the head and start on the body.
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.terminate().await;
    wait_refused(server.addr).await;

    in_flight.write_all(&rest).await.unwrap();
    let mut answer = String::new();
    in_flight.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");

    let status = tokio::time::timeout(Duration::from_secs(30), server.child.wait())
        .await
        .expect("the server exits after its last request")
        .unwrap();
    assert_eq!(status.code(), Some(0));

    // The request finished during the stop was really stored.
    let again = Spawned::start(&database, dir.path(), &[]).await;
    let client = orgdesk_client::Client::new(again.url()).unwrap();
    client
        .login(&api::LoginRequest {
            email: "slow@example.com".into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .expect("the account registered during the stop exists");
}

/// A user's error report quotes `instance`; the log line with that id says
/// what happened (JSON logs: the request's span carries its id and route).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_problems_instance_finds_its_log_line() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("db.sqlite").display());
    let server = Spawned::start(&database, dir.path(), &[]).await;
    wait_ready(&server.url()).await;
    let client = orgdesk_client::Client::new(server.url()).unwrap();
    let response = client
        .raw(reqwest::Method::GET, "/api/v1/me", None, Vec::new())
        .await
        .unwrap();
    assert_eq!(response.status, 401);
    let problem: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
    let instance = problem["instance"]
        .as_str()
        .expect("the problem has an instance")
        .to_string();
    let mut found = None;
    for _ in 0..100 {
        found = server.log.lock().unwrap().iter().find_map(|line| {
            let event: serde_json::Value = serde_json::from_str(line).ok()?;
            (event["span"]["id"] == instance.as_str()).then_some(event)
        });
        if found.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let event = found.expect("a log line carries the request's id");
    assert_eq!(event["span"]["route"], "/api/v1/me");
    assert_eq!(event["status"], 401);
    assert_eq!(event["code"], "unauthenticated");
    server.terminate().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_at_the_deadline_when_a_request_never_ends() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("db.sqlite").display());
    let mut server = Spawned::start(&database, dir.path(), &["--shutdown-timeout", "1"]).await;
    wait_ready(&server.url()).await;
    let (_stuck, _never_sent) = start_slow_register(server.addr, "stuck@example.com").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.terminate().await;
    let status = tokio::time::timeout(Duration::from_secs(30), server.child.wait())
        .await
        .expect("the deadline ends the wait")
        .unwrap();
    assert_eq!(status.code(), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_and_messages_never_show_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let env = [
        (
            "ORGDESK_DATABASE",
            "postgres://app:hunter2@db.invalid:5432/orgdesk",
        ),
        ("ORGDESK_MAIL", "smtps://mailer:hunter2@mail.invalid:465"),
        ("ORGDESK_PAYMENT_WEBHOOK_SECRET", "whsec_hunter2"),
    ];
    let (code, help, _) = run(&["--help"], &env).await;
    assert_eq!(code, 0);
    assert!(help.contains("--database"), "{help}");
    assert!(!help.contains(SECRET), "{help}");

    // Nor from a configuration file.
    let file = dir.path().join("orgdesk.toml");
    std::fs::write(
        &file,
        "database = \"postgres://app:hunter2@db.invalid/orgdesk\"\nmail = \"smtps://u:hunter2@mail.invalid\"\npayment-webhook-secret = \"whsec_hunter2\"\n",
    )
    .unwrap();
    let (code, help, _) = run(&["--config", file.to_str().unwrap(), "--help"], &[]).await;
    assert_eq!(code, 0);
    assert!(!help.contains(SECRET), "{help}");

    // check-config shows the effective values with the passwords hidden.
    let (_, out, err) = run(&["check-config"], &env).await;
    assert!(out.contains("postgres://app:***@db.invalid"), "{out}");
    assert!(
        !out.contains(SECRET) && !err.contains(SECRET),
        "{out}\n{err}"
    );
    // A database URL that is refused is quoted without its password.
    let (code, out, err) = run(
        &[
            "--listen",
            "127.0.0.1:0",
            "--database",
            "mysql://root:hunter2@db.invalid/x",
            "--data-dir",
            dir.path().to_str().unwrap(),
        ],
        &[],
    )
    .await;
    assert_ne!(code, 0);
    assert!(err.contains("mysql://root:***@db.invalid"), "{err}");
    assert!(
        !out.contains(SECRET) && !err.contains(SECRET),
        "{out}\n{err}"
    );
}

/// One effective setting as `check-config` prints it.
fn setting(out: &str, key: &str) -> String {
    out.lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("{key} not in {out}"))
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flag_wins_over_the_environment_which_wins_over_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("orgdesk.toml");
    std::fs::write(
        &file,
        format!(
            "database = \"sqlite://{}\"\nlisten = \"127.0.0.1:7001\"\nbase-domain = \"file.example\"\nmail-from = \"File <f@file.example>\"\nmax_connections = 77\n",
            dir.path().join("db.sqlite").display()
        ),
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let env = [
        ("ORGDESK_BASE_DOMAIN", "env.example"),
        ("ORGDESK_MAIL_FROM", "Env <e@env.example>"),
    ];
    let (code, out, err) = run(
        &[
            "--config",
            file,
            "--mail-from",
            "Flag <f@flag.example>",
            "check-config",
        ],
        &env,
    )
    .await;
    assert_eq!(code, 0, "{out}\n{err}");
    assert_eq!(setting(&out, "listen"), "127.0.0.1:7001", "file");
    assert_eq!(setting(&out, "max-connections"), "77", "file");
    assert_eq!(setting(&out, "base-domain"), "env.example", "env over file");
    assert_eq!(
        setting(&out, "mail-from"),
        "Flag <f@flag.example>",
        "flag over env"
    );
    assert!(out.contains("the configuration is valid"), "{out}");

    // The file is named by the environment too; unknown keys are refused.
    std::fs::write(dir.path().join("bad.toml"), "lisen = \"127.0.0.1:1\"\n").unwrap();
    let bad = dir.path().join("bad.toml");
    let (code, _, err) = run(
        &["check-config"],
        &[("ORGDESK_CONFIG", bad.to_str().unwrap())],
    )
    .await;
    assert_ne!(code, 0);
    assert!(err.contains("lisen"), "{err}");
    // A broken setting fails check-config with the reason.
    let (code, _, err) = run(
        &[
            "--config",
            file,
            "--catalog",
            "/nonexistent/catalog.toml",
            "check-config",
        ],
        &[],
    )
    .await;
    assert_ne!(code, 0);
    assert!(err.contains("catalog"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrate_runs_the_migrations_and_exits() {
    let dir = tempfile::tempdir().unwrap();
    let mut databases = vec![(
        format!("sqlite://{}", dir.path().join("m.sqlite").display()),
        None,
    )];
    if postgres_server().is_some() {
        let (url, name) = fresh_database(Backend::Postgres, dir.path()).await;
        databases.push((url, name));
    }
    for (url, name) in databases {
        let (code, out, err) = run(&["--database", &url, "migrate"], &[]).await;
        assert_eq!(code, 0, "{out}\n{err}");
        assert!(out.contains("schema version"), "{out}");
        let (code, out, _) = run(&["--database", &url, "check-config"], &[]).await;
        assert_eq!(code, 0);
        assert!(out.contains("reachable, schema version"), "{out}");
        if let Some(name) = name {
            drop_database(&name).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_is_refused_on_postgresql_with_directions() {
    let (code, out, err) = run(
        &[
            "--database",
            "postgres://app:hunter2@db.invalid/orgdesk",
            "backup",
            "--to",
            "/tmp/x.dump",
        ],
        &[],
    )
    .await;
    assert_ne!(code, 0);
    assert!(err.contains("pg_dump"), "{err}");
    assert!(!out.contains(SECRET) && !err.contains(SECRET), "{err}");
}

async fn backup(database: &str, to: &std::path::Path) -> (i32, String, String) {
    run(
        &[
            "--database",
            database,
            "backup",
            "--to",
            to.to_str().unwrap(),
        ],
        &[],
    )
    .await
}

/// A copy taken while writers write holds every write acknowledged before it
/// began, and a server started on it serves them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_copies_a_live_sqlite_database() {
    let ts = TestServer::start(Backend::Sqlite).await;
    let (admin, org) = ts
        .org_admin("backup@example.com", "backup-co", &[("crm", "crm-team")])
        .await;
    let org_key = org.id.to_string();

    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let (admin, org_key, acknowledged, stop) = (
                admin.clone(),
                org_key.clone(),
                acknowledged.clone(),
                stop.clone(),
            );
            tokio::spawn(async move {
                let mut n = 0;
                while !stop.load(Ordering::SeqCst) {
                    let name = format!("w{w}-{n}");
                    n += 1;
                    let group = api::CreateGroup {
                        name: name.clone(),
                        description: String::new(),
                        permissions: Vec::new(),
                    };
                    if admin.create_group(&org_key, &group).await.is_ok() {
                        acknowledged.lock().unwrap().push(name);
                    }
                }
            })
        })
        .collect();
    while acknowledged.lock().unwrap().len() < 30 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let before: Vec<String> = acknowledged.lock().unwrap().clone();
    let copy = ts.dir.path().join("copy.sqlite");
    let (code, out, err) = backup(&ts.database_url, &copy).await;
    assert_eq!(code, 0, "{out}\n{err}");
    let during = acknowledged.lock().unwrap().len();
    stop.store(true, Ordering::SeqCst);
    for writer in writers {
        writer.await.unwrap();
    }
    assert!(
        during > before.len(),
        "the writers kept writing during the backup"
    );

    // Never over an existing file.
    let (code, _, err) = backup(&ts.database_url, &copy).await;
    assert_ne!(code, 0);
    assert!(err.contains("exists"), "{err}");

    // A server on the copy has every write acknowledged before the backup began.
    let restored_dir = tempfile::tempdir().unwrap();
    let restored = Spawned::start(
        &format!("sqlite://{}", copy.display()),
        restored_dir.path(),
        &[],
    )
    .await;
    wait_ready(&restored.url()).await;
    let client = orgdesk_client::Client::new(restored.url())
        .unwrap()
        .with_token(admin.token().unwrap().to_string());
    let names: std::collections::HashSet<String> = client
        .groups(&org_key)
        .await
        .expect("the copy serves the organization")
        .into_iter()
        .map(|g| g.name)
        .collect();
    let missing: Vec<_> = before.iter().filter(|n| !names.contains(*n)).collect();
    assert!(missing.is_empty(), "lost in the copy: {missing:?}");
    eprintln!(
        "backup: {} groups acknowledged before it began, {} by its end, {} in the copy",
        before.len(),
        during,
        names.len()
    );
    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_makes_a_paid_org_and_refuses_a_taken_subdomain() {
    let dir = tempfile::tempdir().unwrap();
    let mut databases = vec![(
        format!("sqlite://{}", dir.path().join("seed.sqlite").display()),
        None,
    )];
    if postgres_server().is_some() {
        databases.push(fresh_database(Backend::Postgres, dir.path()).await);
    }
    let args = |url: &str, members: &'static str| {
        vec![
            "--database".to_string(),
            url.to_string(),
            "seed".into(),
            "--members".into(),
            members.into(),
            "--subdomain".into(),
            "seeded-co".into(),
            "--admin-email".into(),
            "owner@seeded.test".into(),
            "--admin-password".into(),
            PASSWORD.into(),
        ]
    };
    for (url, name) in databases {
        // Bad input first: nothing is made.
        let bad: Vec<String> = args(&url, "50")
            .into_iter()
            .map(|a| {
                if a == "seeded-co" {
                    "Not A Subdomain!".into()
                } else {
                    a
                }
            })
            .collect();
        let bad: Vec<&str> = bad.iter().map(String::as_str).collect();
        let (code, _, err) = run(&bad, &[]).await;
        assert_ne!(code, 0);
        assert!(err.contains("--subdomain"), "{err}");

        let first = args(&url, "50");
        let first: Vec<&str> = first.iter().map(String::as_str).collect();
        let (code, out, err) = run(&first, &[]).await;
        assert_eq!(code, 0, "{out}\n{err}");
        assert!(out.contains("seeded organization seeded-co"), "{out}");
        assert!(out.contains("members: 50 generated + the admin"), "{out}");
        assert!(out.contains("group User: 51 members"), "{out}");

        let second = args(&url, "10");
        let second: Vec<&str> = second.iter().map(String::as_str).collect();
        let (code, _, err) = run(&second, &[]).await;
        assert_ne!(code, 0);
        assert!(err.contains("seeded-co is taken"), "{err}");

        // The admin signs in and finds the 51 members, no more.
        let server = Spawned::start(&url, dir.path(), &[]).await;
        let client = orgdesk_client::Client::new(server.url()).unwrap();
        let login = client
            .login(&api::LoginRequest {
                email: "owner@seeded.test".into(),
                password: PASSWORD.into(),
                organization: None,
            })
            .await
            .expect("the seeded admin signs in");
        let client = client.with_token(login.token);
        let page = client
            .members("seeded-co", &api::MemberQuery::default())
            .await
            .unwrap();
        assert_eq!(page.total, 51);
        server.terminate().await;
        if let Some(name) = name {
            drop_database(&name).await;
        }
    }
}
