#[allow(unused_imports)]
use super::*;

// ---- Races across instances ----------------------------------------------

/// An org with exactly one free seat (admin + 3 pending of 5), then 20 invitations at once,
/// half to each of two instances: exactly one wins the seat.
async fn seat_race(backend: Backend) {
    let ts = TestServer::start(backend).await;
    let (admin, org) = ts
        .org_admin(
            "admin@race.example",
            "race",
            &[("helpdesk", "helpdesk-basic")],
        )
        .await;
    for i in 0..3 {
        invite_one(&admin, &org, &format!("held{i}@people.example")).await;
    }
    assert_eq!(seats_used(&admin, &org).await, 4);
    let second = ts.another_instance().await;
    let token = admin.token().unwrap().to_string();
    let clients = [
        admin.clone(),
        Client::new(second.url()).unwrap().with_token(token),
    ];
    let mut tasks = Vec::new();
    for i in 0..20 {
        let client = clients[i % 2].clone();
        let org_id = oid(&org);
        tasks.push(tokio::spawn(async move {
            client
                .invite(
                    &org_id,
                    &api::InviteRequest {
                        invitations: vec![invitee(&format!("racer{i}@people.example"))],
                    },
                )
                .await
        }));
    }
    let mut outcomes: HashMap<String, usize> = HashMap::new();
    for task in tasks {
        let answer = task.await.expect("task").expect("invite answers 200");
        assert_eq!(answer.results.len(), 1);
        let r = &answer.results[0];
        let key = match r.status {
            api::InviteOutcome::Failed => r.code.clone().unwrap_or_default(),
            other => format!("{other:?}"),
        };
        *outcomes.entry(key).or_default() += 1;
    }
    assert_eq!(
        outcomes,
        HashMap::from([
            ("Invited".to_string(), 1),
            ("seat_limit_reached".to_string(), 19)
        ]),
        "{backend:?}"
    );
    assert_eq!(seats_used(&admin, &org).await, 5);
    let pending = admin
        .invitations(
            &oid(&org),
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Pending),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(pending.total, 4);
    second.stop().await.expect("the second instance stops");
    ts.finish().await;
}

/// Ten accepts of one link at once, on two instances: one account, one membership.
async fn accept_race(backend: Backend) {
    let ts = TestServer::start(backend).await;
    let (admin, org) = ts
        .org_admin("admin@race.example", "race", &[("crm", "crm-team")])
        .await;
    invite_one(&admin, &org, "once@people.example").await;
    let token = invite_token(&ts, "once@people.example");
    let second = ts.another_instance().await;
    let clients = [ts.client(), Client::new(second.url()).unwrap()];
    let mut tasks = Vec::new();
    for i in 0..10 {
        let client = clients[i % 2].clone();
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            client
                .accept_invitation(&token, &accept_body(Some(&format!("Racer {i}")), PASSWORD))
                .await
        }));
    }
    let mut winners = Vec::new();
    for task in tasks {
        match task.await.expect("task") {
            Ok(answer) => winners.push(answer),
            Err(e) => {
                let status = e.status().unwrap_or(0);
                assert!(
                    matches!(status, 409 | 410),
                    "a loser answers 409 or 410, not {e:?}"
                );
            }
        }
    }
    assert_eq!(winners.len(), 1, "exactly one accept wins ({backend:?})");
    let members = admin
        .members(
            &oid(&org),
            &api::MemberQuery {
                q: Some("once@people.example".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(members.total, 1, "{members:?}");
    assert_eq!(members.items[0].id, winners[0].account.id);
    let all = admin
        .members(&oid(&org), &api::MemberQuery::default())
        .await
        .unwrap();
    assert_eq!(all.total, 2, "the admin and the one new member");
    let accepted = admin
        .invitations(
            &oid(&org),
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Accepted),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(accepted.total, 1);
    let login = login_into(&ts, "once@people.example", PASSWORD, "race")
        .await
        .expect("login");
    assert_eq!(login.account.id, winners[0].account.id);
    second.stop().await.expect("the second instance stops");
    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn seat_race_across_instances_postgres() {
    if postgres_server().is_none() {
        eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
        return;
    }
    seat_race(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn seat_race_across_instances_sqlite() {
    seat_race(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn accept_race_across_instances_postgres() {
    if postgres_server().is_none() {
        eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
        return;
    }
    accept_race(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn accept_race_across_instances_sqlite() {
    accept_race(Backend::Sqlite).await;
}

// ---- Real SMTP -------------------------------------------------------------

/// A delivered message: its recipients and its raw bytes.
type Delivered = (Vec<String>, Vec<u8>);

/// Collects every message a real SMTP session delivers.
#[derive(Clone, Default)]
struct Collector {
    delivered: Arc<Mutex<Vec<Delivered>>>,
    arrived: Arc<tokio::sync::Notify>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl mailin_embedded::Handler for Collector {
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        to: &[String],
    ) -> mailin_embedded::Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        let message = std::mem::take(&mut self.data);
        self.delivered
            .lock()
            .unwrap()
            .push((std::mem::take(&mut self.to), message));
        self.arrived.notify_waiters();
        self.arrived.notify_one();
        mailin_embedded::response::OK
    }
}

impl Collector {
    fn find(&self, email: &str) -> Option<(Vec<String>, String)> {
        self.delivered
            .lock()
            .unwrap()
            .iter()
            .find(|(to, _)| to.iter().any(|t| t.trim_matches(['<', '>']) == email))
            .map(|(to, data)| (to.clone(), String::from_utf8_lossy(data).into_owned()))
    }

    /// Waits, bounded, until a message to `email` has been delivered.
    async fn wait_for(&self, email: &str) -> (Vec<String>, String) {
        for _ in 0..100 {
            let notified = self.arrived.notified();
            if let Some(found) = self.find(email) {
                return found;
            }
            let _ = tokio::time::timeout(std::time::Duration::from_millis(100), notified).await;
        }
        panic!("no mail to {email} arrived over SMTP");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_go_out_over_real_smtp() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind SMTP");
    let port = listener.local_addr().unwrap().port();
    let collector = Collector::default();
    let mut smtp = mailin_embedded::Server::new(collector.clone());
    smtp.with_name("smtp.test")
        .with_ssl(mailin_embedded::SslConfig::None)
        .expect("no TLS")
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = smtp.serve();
    });

    let ts = TestServer::start_with(Backend::Sqlite, |config| {
        config.mail = Some(format!("smtp://127.0.0.1:{port}"));
    })
    .await;
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    invite_one(&admin, &org, "smtp@people.example").await;

    let (to, raw) = collector.wait_for("smtp@people.example").await;
    assert_eq!(to.len(), 1, "{to:?}");
    let mail = read_mail(&raw);
    assert!(
        mail.content_type
            .to_ascii_lowercase()
            .starts_with("multipart/alternative"),
        "{}",
        mail.content_type
    );
    let kinds: Vec<String> = mail
        .parts
        .iter()
        .map(|(ct, _)| ct.to_ascii_lowercase())
        .collect();
    assert!(
        kinds.iter().any(|k| k.starts_with("text/plain")),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|k| k.starts_with("text/html")),
        "{kinds:?}"
    );
    assert_eq!(
        mail.subject,
        format!("Ada Admin invited you to {} on Orgdesk", org.name)
    );
    for (kind, body) in &mail.parts {
        assert!(
            body.contains(&format!("{}/invite/", ts.url())),
            "{kind}: {body}"
        );
    }
    let tokens = mail.invite_tokens(&ts.url());
    assert_eq!(tokens.len(), 1, "{tokens:?}");
    let token = tokens.into_iter().next().unwrap();
    assert!(
        invite_tokens(&ts, "smtp@people.example").is_empty(),
        "SMTP, not the outbox"
    );
    let preview = ts
        .client()
        .invitation_preview(&token)
        .await
        .expect("the mailed link works");
    assert_eq!(preview.email, "smtp@people.example");
    accept_created(&ts.client(), &token, Some("Simon Smtp"), PASSWORD).await;
    ts.finish().await;
}
