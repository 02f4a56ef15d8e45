//! The audit log screen: entries in words, filters checked as typed and CSV
//! export, headless with the simulator and end to end against the real
//! platform (what invitations leave behind, filters narrowing it, paging with
//! the cursor, the exported file, refusals).

mod support;

use iced::Task;
use iced_test::simulator;
use orgdesk::screen::audit::filters::ActionChoice;
use orgdesk::screen::audit::{self, Audit, Failure, Message};
use orgdesk_api::{
    AcceptInvitation, AuditEntry, InvitationQuery, InviteOutcome, InviteRequest, Invitee,
    MemberQuery, MembershipStatus, Page,
};
use orgdesk_client::{Client, Error};
use serde_json::json;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

// The language is process-wide: tests that read words take turns.
use support::{
    english as english_async, english_blocking as english, language, text_containing as containing,
};

const SALES: Uuid = Uuid::from_u128(901);
const ADMIN: Uuid = Uuid::from_u128(1);

fn entry(
    n: u128,
    action: &str,
    target: (&str, &str),
    detail: serde_json::Value,
    actor: Option<&str>,
) -> AuditEntry {
    AuditEntry {
        id: Uuid::from_u128(1000 + n),
        actor: actor.map(|_| ADMIN),
        actor_email: actor.map(str::to_string),
        action: action.into(),
        target_type: Some(target.0.into()),
        target_id: Some(target.1.into()),
        ip: Some("203.0.113.7".into()),
        detail,
        created_at: datetime!(2025-11-07 14:03 UTC) - Duration::minutes(n as i64),
    }
}

fn sample() -> Vec<AuditEntry> {
    let invitation = Uuid::from_u128(77).to_string();
    let member = Uuid::from_u128(55).to_string();
    vec![
        entry(
            0,
            "invitation.create",
            ("invitation", &invitation),
            json!({ "email": "ada@example.com", "groups": [SALES] }),
            Some("admin@example.com"),
        ),
        entry(
            1,
            "member.suspend",
            ("member", &member),
            json!({}),
            Some("admin@example.com"),
        ),
        entry(
            2,
            "group.update",
            ("group", &SALES.to_string()),
            json!({ "name": "Sales EU", "permissions": ["a", "b", "c", "d", "e"] }),
            Some("admin@example.com"),
        ),
        entry(
            3,
            "org.paid",
            ("organization", &Uuid::from_u128(9).to_string()),
            json!({ "amount_cents": 19900, "currency": "eur" }),
            None,
        ),
        entry(
            4,
            "group.members.change",
            ("group", &SALES.to_string()),
            json!({ "added": [{}, {}, {}], "removed": [{}] }),
            Some("admin@example.com"),
        ),
    ]
}

/// A screen fed one page and the groups, without a server.
fn screen_with(entries: Vec<AuditEntry>) -> Audit {
    let client = Client::new("http://127.0.0.1:9").expect("client");
    let (mut screen, _task) = Audit::new(client, "acme".into());
    let total = entries.len() as u64;
    // Nobody to look up: the first page is asked for at once.
    let first = screen.list().pending().cloned().expect("the first page");
    let _ = screen.update(Message::Listed(first.answer(Ok(Page {
        items: entries,
        next_cursor: None,
        total,
        total_is_estimate: false,
    }))));
    let _ = screen.update(Message::GroupsLoaded(Ok(vec![orgdesk_api::Group {
        id: SALES,
        name: "Sales".into(),
        description: String::new(),
        builtin: false,
        product: None,
        permissions: Vec::new(),
        member_count: 3,
        version: 1,
        created_at: datetime!(2025-01-01 0:00 UTC),
    }])));
    screen
}

#[test]
fn entries_read_as_sentences() {
    let _words = english();
    let mut screen = screen_with(sample());
    let _ = screen.update(Message::MemberNamed(
        Uuid::from_u128(55),
        Ok(orgdesk_api::Member {
            group_expiry: Vec::new(),
            id: Uuid::from_u128(55),
            name: "Bo Berg".into(),
            email: "bo@example.com".into(),
            status: MembershipStatus::Suspended,
            groups: Vec::new(),
            joined_at: datetime!(2025-01-01 0:00 UTC),
            last_login_at: None,
            suspended_at: None,
            updated_at: datetime!(2025-01-01 0:00 UTC),
            managed: false,
        }),
    ));
    let mut ui = simulator(screen.view());
    for words in [
        "11/7/2025, 2:03\u{202f}PM",
        "admin@example.com",
        "Invitation sent",
        "invitation for ada@example.com",
        "ada@example.com, to join Sales",
        "Member suspended",
        "Bo Berg (bo@example.com)",
        "Group changed",
        "group Sales",
        "renamed to “Sales EU”; now 5 permissions: a, b, c, d and 1 more",
        "Payment received",
        "The platform",
        "199.00 EUR",
        "3 added, 1 removed",
        "203.0.113.7",
        "5 of 5 entries",
    ] {
        ui.find(words).unwrap_or_else(|_| panic!("{words}"));
    }
    assert!(ui.find(containing("\"")).is_err(), "no JSON shows through");
}

#[test]
fn clicking_an_actor_or_a_target_narrows_to_it() {
    let _words = english();
    let screen = screen_with(sample());
    let mut ui = simulator(screen.view());
    ui.click("…00000037")
        .expect("a member not looked up yet shows the end of its id");
    ui.click("invitation for ada@example.com")
        .expect("the invitation target");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(
        messages.iter().any(
            |m| matches!(m, Message::FilterTarget(t) if *t == Uuid::from_u128(77).to_string())
        ),
        "{messages:?}"
    );
    let mut ui = simulator(screen.view());
    ui.click("admin@example.com").expect("the actor is a link");
    assert!(matches!(
        ui.into_messages().next(),
        Some(Message::FilterActor(a)) if a == "admin@example.com"
    ));
}

#[test]
fn each_entry_offers_a_link_to_itself() {
    let _words = english();
    let entries = sample();
    let mut screen = screen_with(entries.clone());
    let mut ui = simulator(screen.view());
    ui.click("Copy link").expect("each entry offers Copy link");
    let message = ui.into_messages().next().expect("a message");
    let Message::CopyLink(id) = message else {
        panic!("{message:?}");
    };
    assert!(entries.iter().any(|e| e.id == id));
    assert!(matches!(
        screen.update(Message::CopyLink(id)),
        audit::Action::CopyLink(orgdesk::desktop::link::Item::AuditEntry(same)) if same == id
    ));
}

#[test]
fn days_are_checked_as_typed() {
    let _words = english();
    let mut screen = screen_with(sample());
    let _ = screen.update(Message::FromChanged("2025-13-01".into()));
    {
        let mut ui = simulator(screen.view());
        ui.find("“2025-13-01” is not a day: write it as YYYY-MM-DD, e.g. 2025-11-07.")
            .expect("the problem, as typed");
        ui.click("Apply").expect("the button");
        assert!(
            ui.into_messages().next().is_none(),
            "Apply does nothing until the days are right"
        );
    }
    assert!(matches!(screen.update(Message::Apply), audit::Action::None));
    let _ = screen.update(Message::FromChanged("2025-11-08".into()));
    let _ = screen.update(Message::ToChanged("2025-11-07".into()));
    simulator(screen.view())
        .find("The first day comes after the last.")
        .expect("a backwards range");
    let _ = screen.update(Message::ToChanged("2025-11-09".into()));
    {
        let mut ui = simulator(screen.view());
        assert!(ui.find(containing("is not a day")).is_err());
        assert!(ui.find(containing("comes after")).is_err());
    }
    assert!(matches!(
        screen.update(Message::Apply),
        audit::Action::Run(_)
    ));
}

#[test]
fn export_problems_are_said_in_words() {
    let _words = english();
    let mut screen = screen_with(sample());
    assert!(
        matches!(screen.update(Message::ExportTo(None)), audit::Action::None),
        "a cancelled dialog does nothing"
    );
    let audit::Action::Notify(said) = screen.update(Message::Exported(Err(Failure::File(
        "/read-only/audit.csv: permission denied".into(),
    )))) else {
        panic!("the end is said in the shell's notices");
    };
    assert!(said.failed);
    assert_eq!(
        said.text,
        "The export failed: the file could not be written \
         (/read-only/audit.csv: permission denied)"
    );
    let _ = screen.update(Message::Refresh);
    let older = screen.list().pending().cloned().expect("asked again");
    let _ = screen.update(Message::Refresh);
    let _ = screen.update(Message::Listed(
        older.answer(Err(Error::Decode("late".into()))),
    ));
    assert_eq!(
        screen.rows().len(),
        5,
        "an answer to an older request is dropped"
    );
    simulator(screen.view())
        .find("Loading the audit log…")
        .expect("still waiting for the latest");
}

#[test]
fn german_headers() {
    let _words = language("de-DE");
    let screen = screen_with(sample());
    let mut ui = simulator(screen.view());
    ui.find("Akteur").expect("a column");
    ui.find("Einladung gesendet").expect("an action");
}

// ---- End to end: the real platform ------------------------------------------

/// Runs `task` through `screen`; the notices (for the shell) it ended with.
async fn drive(screen: &mut Audit, task: Task<Message>) -> Vec<String> {
    let mut tasks = vec![task];
    let mut notices = Vec::new();
    while let Some(task) = tasks.pop() {
        for message in support::run(task).await {
            match screen.update(message) {
                audit::Action::None => {}
                audit::Action::Run(task) => tasks.push(task),
                audit::Action::Notify(notice) => notices.push(notice.text),
                audit::Action::CopyLink(_) | audit::Action::SaveColumns(..) => {}
            }
        }
    }
    notices
}

async fn send(screen: &mut Audit, message: Message) -> Vec<String> {
    match screen.update(message) {
        audit::Action::Run(task) => drive(screen, task).await,
        audit::Action::Notify(notice) => vec![notice.text],
        audit::Action::None | audit::Action::CopyLink(_) | audit::Action::SaveColumns(..) => {
            Vec::new()
        }
    }
}

/// The live invitation token mailed to `email`.
async fn token_for(p: &support::Platform, email: &str) -> String {
    let entries = std::fs::read_dir(p.local.data_dir.join("outbox")).expect("an outbox");
    for entry in entries.filter_map(Result::ok) {
        let mail = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let unfolded = mail.replace("=\r\n", "").replace("=\n", "");
        for (at, _) in unfolded.match_indices("/invite/") {
            let token: String = unfolded[at + "/invite/".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            if let Ok(preview) = p.anonymous().invitation_preview(&token).await
                && preview.email == email
            {
                return token;
            }
        }
    }
    panic!("no live link for {email}");
}

fn day(at: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        at.year(),
        u8::from(at.month()),
        at.day()
    )
}

/// Invites three, resends one, revokes one; a formula-looking address accepts;
/// a member is suspended. Answers the suspended member's email and the revoked invitation's id.
async fn leave_a_trail(p: &support::Platform) -> (String, Uuid) {
    let invited = p
        .admin
        .invite(
            &p.org,
            &InviteRequest {
                invitations: ["=2+3@example.com", "keep@example.com", "gone@example.com"]
                    .into_iter()
                    .map(|email| Invitee {
                        email: email.into(),
                        groups: None,
                        expires_at: None,
                    })
                    .collect(),
            },
        )
        .await
        .expect("invited");
    assert!(
        invited
            .results
            .iter()
            .all(|r| r.status == InviteOutcome::Invited),
        "{invited:?}"
    );
    let id_of = |email: &str| {
        invited
            .results
            .iter()
            .find(|r| r.email == email)
            .and_then(|r| r.invitation_id)
            .expect("an invitation")
    };
    p.admin
        .resend_invitation(&p.org, id_of("keep@example.com"))
        .await
        .expect("resent");
    let gone = id_of("gone@example.com");
    p.admin
        .revoke_invitation(&p.org, gone)
        .await
        .expect("revoked");
    let token = token_for(p, "=2+3@example.com").await;
    p.anonymous()
        .accept_invitation(
            &token,
            &AcceptInvitation {
                name: Some("Formula Fan".into()),
                password: support::PASSWORD.into(),
            },
        )
        .await
        .expect("accepted");
    let member = p
        .admin
        .members(
            &p.org,
            &MemberQuery {
                status: Some(MembershipStatus::Active),
                ..MemberQuery::default()
            },
        )
        .await
        .expect("members")
        .items
        .into_iter()
        .find(|m| m.email != p.demo.admin_email && !m.email.starts_with('='))
        .expect("a member");
    p.admin
        .suspend_member(&p.org, member.id)
        .await
        .expect("suspended");
    (member.email, gone)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_log_shows_what_happened_narrows_and_exports() {
    let _words = english_async().await;
    let p = support::Platform::start(20).await;
    let (suspended, gone) = leave_a_trail(&p).await;

    let (mut screen, task) = Audit::new(p.admin.clone(), p.org.clone());
    drive(&mut screen, task).await;
    let newest: Vec<&str> = screen.rows()[..7]
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        newest[..4],
        [
            "member.suspend",
            "invitation.accept",
            "invitation.revoke",
            "invitation.resend"
        ],
        "newest first"
    );
    assert!(newest[4..].iter().all(|a| *a == "invitation.create"));
    let everything = screen.total();
    {
        let mut ui = simulator(screen.view());
        ui.find("Member suspended").expect("in words");
        ui.find(containing(&format!("({suspended})")))
            .expect("the suspended member by name, looked up");
        ui.find("Invitation accepted").expect("in words");
        ui.find("=2+3@example.com, with a new account")
            .expect("the accepting account");
        ui.find("Invitation revoked").expect("in words");
        ui.find("Invitation resent").expect("in words");
        ui.find("invitation for gone@example.com")
            .expect("the target in words");
    }

    // One action.
    send(
        &mut screen,
        Message::ActionPicked(ActionChoice::Is("invitation.revoke")),
    )
    .await;
    assert_eq!(screen.total(), 1);
    assert_eq!(screen.rows()[0].target_id, Some(gone.to_string()));
    simulator(screen.view())
        .find("1 of 1 entry")
        .expect("the count");

    // A family of actions, by one actor.
    send(
        &mut screen,
        Message::ActionPicked(ActionChoice::Is("invitation.")),
    )
    .await;
    assert_eq!(
        screen.total(),
        6,
        "three sent, one resent, one revoked, one accepted"
    );
    send(
        &mut screen,
        Message::ActorChanged(p.demo.admin_email.clone()),
    )
    .await;
    send(&mut screen, Message::Apply).await;
    assert_eq!(screen.total(), 5, "the admin did all but the accepting");
    assert!(
        screen
            .rows()
            .iter()
            .all(|e| e.actor_email.as_deref() == Some(p.demo.admin_email.as_str()))
    );
    send(
        &mut screen,
        Message::ActorChanged("=2+3@example.com".into()),
    )
    .await;
    send(&mut screen, Message::Apply).await;
    assert_eq!(screen.total(), 1);
    assert_eq!(screen.rows()[0].action, "invitation.accept");
    send(
        &mut screen,
        Message::ActorChanged("nobody@nowhere.example".into()),
    )
    .await;
    send(&mut screen, Message::Apply).await;
    simulator(screen.view())
        .find("Nobody in this organization matches “nobody@nowhere.example”.")
        .expect("an unknown person in words");

    // A target: what happened to one invitation.
    send(&mut screen, Message::Clear).await;
    assert_eq!(screen.total(), everything);
    send(&mut screen, Message::FilterTarget(gone.to_string())).await;
    let actions: Vec<&str> = screen.rows().iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["invitation.revoke", "invitation.create"]);

    // Days: the platform's today, and everything before it.
    let today = day(screen.rows()[0].created_at);
    let midnight = screen.rows()[0]
        .created_at
        .replace_time(time::Time::MIDNIGHT);
    send(&mut screen, Message::Clear).await;
    send(&mut screen, Message::FromChanged(today.clone())).await;
    send(&mut screen, Message::Apply).await;
    assert!(
        screen.total() >= 7 && screen.total() < everything,
        "{}",
        screen.total()
    );
    assert!(screen.rows().iter().all(|e| e.created_at >= midnight));
    send(&mut screen, Message::FromChanged(String::new())).await;
    send(
        &mut screen,
        Message::ToChanged(day(midnight - Duration::days(1))),
    )
    .await;
    send(&mut screen, Message::Apply).await;
    assert!(screen.total() > 0, "the demo's history");
    assert!(screen.rows().iter().all(|e| e.created_at < midnight));

    // Export what the filters show.
    send(&mut screen, Message::Clear).await;
    send(
        &mut screen,
        Message::ActionPicked(ActionChoice::Is("invitation.")),
    )
    .await;
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("audit.csv");
    let said = send(&mut screen, Message::ExportTo(Some(path.clone()))).await;
    assert_eq!(
        said,
        vec![format!("6 entries exported to {}.", path.display())]
    );
    let mut file = csv::Reader::from_path(&path).expect("a CSV file");
    let headers = file.headers().expect("headers").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (action, actor, target) = (column("action"), column("actor_email"), column("target_id"));
    let records: Vec<csv::StringRecord> = file.records().map(|r| r.expect("a row")).collect();
    assert_eq!(records.len() as u64, screen.total());
    for (record, shown) in records.iter().zip(screen.rows()) {
        assert_eq!(&record[action], shown.action);
        assert_eq!(Some(&record[target]), shown.target_id.as_deref());
    }
    assert!(
        records.iter().any(|r| &r[actor] == "'=2+3@example.com"),
        "the formula-looking address is defused"
    );
    for record in &records {
        for cell in record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a cell a spreadsheet would run: {cell}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn scrolling_pages_on_with_the_cursor() {
    let _words = english_async().await;
    let p = support::Platform::start(60).await;
    let many = 150;
    let invited = p
        .admin
        .invite(
            &p.org,
            &InviteRequest {
                invitations: (0..many)
                    .map(|i| Invitee {
                        email: format!("page{i}@example.com"),
                        groups: None,
                        expires_at: None,
                    })
                    .collect(),
            },
        )
        .await
        .expect("invited");
    assert!(
        invited
            .results
            .iter()
            .all(|r| r.status == InviteOutcome::Invited)
    );

    let (mut screen, task) = Audit::new(p.admin.clone(), p.org.clone());
    drive(&mut screen, task).await;
    send(
        &mut screen,
        Message::ActionPicked(ActionChoice::Is("invitation.create")),
    )
    .await;
    assert_eq!(screen.total(), many as u64);
    assert_eq!(
        screen.rows().len(),
        audit::PAGE_SIZE as usize,
        "one page at first"
    );

    // Scroll to the end of what is loaded: the next page follows.
    let scrolled = {
        let mut ui = simulator(screen.view());
        ui.point_at(iced::Point::new(500.0, 500.0));
        let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
            delta: iced::mouse::ScrollDelta::Lines { x: 0.0, y: -400.0 },
        })]);
        ui.into_messages()
            .find(|m| matches!(m, Message::Scrolled(_)))
            .expect("the table scrolls")
    };
    send(&mut screen, scrolled).await;
    assert_eq!(screen.rows().len(), many);
    let ids: std::collections::HashSet<Uuid> = screen.rows().iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), many, "no entry twice");
    assert!(
        screen
            .rows()
            .windows(2)
            .all(|w| (w[0].created_at, w[0].id) >= (w[1].created_at, w[1].id)),
        "newest first across pages"
    );
    simulator(screen.view())
        .find(format!("{many} of {many} entries"))
        .expect("the count");
    let pending = p
        .admin
        .invitations(&p.org, &InvitationQuery::default())
        .await
        .expect("invitations");
    assert_eq!(pending.total, many as u64);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_member_without_the_permission_is_refused_in_words() {
    let _words = english_async().await;
    let p = support::Platform::start(20).await;
    let members = p
        .admin
        .members(
            &p.org,
            &MemberQuery {
                status: Some(MembershipStatus::Active),
                limit: Some(100),
                ..MemberQuery::default()
            },
        )
        .await
        .expect("members")
        .items;
    let mut plain = None;
    for member in members.iter().filter(|m| m.email != p.demo.admin_email) {
        let permissions = p
            .admin
            .member_permissions(&p.org, member.id)
            .await
            .expect("permissions");
        if !permissions.iter().any(|e| e.permission == "org.audit.read") {
            plain = Some(member.email.clone());
            break;
        }
    }
    let client = p
        .sign_in(&plain.expect("a member who may not read the log"))
        .await;

    let (mut screen, task) = Audit::new(client, p.org.clone());
    drive(&mut screen, task).await;
    assert!(screen.rows().is_empty());
    let refusal = simulator(screen.view())
        .find(containing("You don't have the permission for this"))
        .expect("the refusal in words");
    assert!(refusal.contains("org.audit.read"), "{refusal}");

    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("audit.csv");
    let said = send(&mut screen, Message::ExportTo(Some(path.clone()))).await;
    assert!(
        said.len() == 1 && said[0].starts_with("The export failed: You don't have the permission"),
        "the export is refused in words: {said:?}"
    );
    assert!(!path.exists(), "no file was written");
}
