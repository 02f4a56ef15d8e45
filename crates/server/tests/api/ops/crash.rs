//! Crash safety: the real binary is killed with SIGKILL while writers create
//! groups and invitations; restarted on the same database, it must hold every
//! write it acknowledged. Run by `scripts/crash-test.sh` (and so by CI);
//! `ORGDESK_CRASH_CYCLES` sets the number of kills (default 10).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use orgdesk_api as api;
use orgdesk_client::Client;

use super::{Spawned, wait_ready};
use crate::common::*;

#[derive(Default)]
struct Acknowledged {
    groups: Vec<String>,
    invitations: Vec<String>,
}

fn cycles() -> usize {
    std::env::var("ORGDESK_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by scripts/crash-test.sh, which CI calls"]
async fn sqlite_keeps_every_acknowledged_write_through_sigkill() {
    crash_cycles(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by scripts/crash-test.sh, which CI calls"]
async fn postgres_keeps_every_acknowledged_write_through_sigkill() {
    assert!(
        postgres_server().is_some(),
        "set ORGDESK_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432"
    );
    crash_cycles(Backend::Postgres).await;
}

async fn crash_cycles(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let (database, pg_name) = fresh_database(backend, dir.path()).await;
    let server = Spawned::start(&database, dir.path(), &[]).await;
    wait_ready(&server.url()).await;
    let (admin, org) = paid_org(&server.url()).await;
    let mut server = Some(server);
    let mut acked = Acknowledged::default();

    let cycles = cycles();
    for cycle in 0..cycles {
        let running = match server.take() {
            Some(running) => running,
            None => {
                let running = Spawned::start(&database, dir.path(), &[]).await;
                wait_ready(&running.url()).await;
                verify(&running, &admin, &org, &acked, cycle).await;
                running
            }
        };
        let admin = admin_on(&running, &admin);
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..4)
            .map(|w| tokio::spawn(write(admin.clone(), org.clone(), cycle, w, stop.clone())))
            .collect();
        // Kill at a different moment each cycle, with writes in flight.
        let after = Duration::from_millis(300 + (cycle as u64 * 137) % 500);
        tokio::time::sleep(after).await;
        let mut child = running.child;
        child.start_kill().expect("SIGKILL");
        child.wait().await.unwrap();
        stop.store(true, Ordering::SeqCst);
        for writer in writers {
            let (groups, invitations) = writer.await.unwrap();
            acked.groups.extend(groups);
            acked.invitations.extend(invitations);
        }
    }
    let last = Spawned::start(&database, dir.path(), &[]).await;
    wait_ready(&last.url()).await;
    verify(&last, &admin, &org, &acked, cycles).await;
    last.terminate().await;
    eprintln!(
        "crash test ({backend:?}): {cycles} SIGKILLs, {} groups and {} invitations acknowledged, none lost",
        acked.groups.len(),
        acked.invitations.len()
    );
    assert!(
        acked.groups.len() > cycles && acked.invitations.len() > cycles,
        "the writers wrote too little for the test to mean anything"
    );
    if let Some(name) = pg_name {
        drop_database(&name).await;
    }
}

/// The admin's session on a (re)started server.
fn admin_on(server: &Spawned, admin: &Client) -> Client {
    Client::new(server.url())
        .unwrap()
        .with_token(admin.token().unwrap().to_string())
}

/// An active organization with seats for every invitation the test makes.
async fn paid_org(url: &str) -> (Client, String) {
    let anonymous = Client::new(url).unwrap();
    let auth = anonymous
        .register(&api::RegisterRequest {
            email: "crash-admin@example.com".into(),
            password: PASSWORD.into(),
            name: "Crash Admin".into(),
        })
        .await
        .unwrap();
    let admin = anonymous.with_token(auth.token);
    let org = admin
        .create_org(&org_request("crash-co", &[("crm", "crm-scale")]))
        .await
        .unwrap();
    let checkout = admin.checkout(&org.id.to_string()).await.unwrap();
    let (status, page) = submit_card(&checkout.checkout_url, "4242 4242 4242 4242").await;
    assert_eq!(status, 200, "{page}");
    (admin, org.id.to_string())
}

/// Writes until stopped (or the server dies); answers what was acknowledged.
async fn write(
    admin: Client,
    org: String,
    cycle: usize,
    writer: usize,
    stop: Arc<AtomicBool>,
) -> (Vec<String>, Vec<String>) {
    let (mut groups, mut invitations) = (Vec::new(), Vec::new());
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        if writer.is_multiple_of(2) {
            let name = format!("c{cycle}-w{writer}-{n}");
            let group = api::CreateGroup {
                name: name.clone(),
                description: "written before a crash".into(),
                permissions: Vec::new(),
            };
            if admin.create_group(&org, &group).await.is_ok() {
                groups.push(name);
            }
        } else {
            let email = format!("c{cycle}-w{writer}-{n}@crash.example");
            let request = api::InviteRequest {
                invitations: vec![api::Invitee {
                    email: email.clone(),
                    groups: None,
                    expires_at: None,
                }],
            };
            if let Ok(answer) = admin.invite(&org, &request).await
                && answer.results.first().map(|r| r.status) == Some(api::InviteOutcome::Invited)
            {
                invitations.push(email);
            }
        }
    }
    (groups, invitations)
}

async fn verify(server: &Spawned, admin: &Client, org: &str, acked: &Acknowledged, cycle: usize) {
    let admin = admin_on(server, admin);
    let groups: std::collections::HashSet<String> = admin
        .groups(org)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect();
    let lost: Vec<_> = acked
        .groups
        .iter()
        .filter(|g| !groups.contains(*g))
        .collect();
    assert!(lost.is_empty(), "after kill {cycle}: groups lost {lost:?}");

    let mut emails = std::collections::HashSet::new();
    let mut cursor = None;
    loop {
        let page = admin
            .invitations(
                org,
                &api::InvitationQuery {
                    status: None,
                    limit: Some(500),
                    cursor: cursor.take(),
                },
            )
            .await
            .unwrap();
        emails.extend(page.items.into_iter().map(|i| i.email));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let lost: Vec<_> = acked
        .invitations
        .iter()
        .filter(|e| !emails.contains(*e))
        .collect();
    assert!(
        lost.is_empty(),
        "after kill {cycle}: invitations lost {lost:?}"
    );
}
