//! Access reviews decided from the offline copy: headless (the copy and the
//! outbox in a temporary cache; "not sent yet" with its count, a conflict
//! side by side with "Use mine" / "Keep theirs", German), and end to end in
//! the console against the real platform: synced online, decided partly
//! offline across a restart while someone else decided an item, sent when
//! the platform is back, the conflict settled, then completed — memberships
//! gone, the attestation in the audit log, the CSV right.

mod support;

use std::collections::VecDeque;
use std::sync::Arc;

use iced::Task;
use iced_test::simulator;
use orgdesk::app::{Console, Message, Page, Section};
use orgdesk::cache::reviews::{CampaignCopy, Outbox, Pending, PendingState, ReviewCopy};
use orgdesk::cache::{Cache, CacheKey};
use orgdesk::credentials::{MemoryVault, Vault};
use orgdesk::screen::governance;
use orgdesk::screen::reviews::{Action, Message as ReviewMessage, Reviews};
use orgdesk::session::Env;
use orgdesk_api::{
    AccessReview, CreateAccessReview, CreateGroup, DecisionBatch, DecisionInput, GroupRef,
    ItemDecision, MemberQuery, ReviewCounts, ReviewDecision, ReviewItem, ReviewStatus,
};
use orgdesk_client::Client;
use time::macros::datetime;
use uuid::Uuid;

fn campaign() -> AccessReview {
    AccessReview {
        id: Uuid::from_u128(5),
        name: "Q1 review".into(),
        status: ReviewStatus::Open,
        due_at: datetime!(2099-01-31 00:00 UTC),
        created_at: datetime!(2026-12-01 00:00 UTC),
        created_by: None,
        completed_at: None,
        reviewers: vec![],
        counts: ReviewCounts {
            items: 2,
            ..ReviewCounts::default()
        },
    }
}

fn item(n: u128, name: &str, version: i64) -> ReviewItem {
    ReviewItem {
        item_id: Uuid::from_u128(n),
        account: Uuid::from_u128(100 + n),
        email: format!("{}@acme.example", name.to_lowercase()),
        name: name.into(),
        group: GroupRef {
            id: Uuid::from_u128(9),
            name: "Compliance".into(),
        },
        permissions: vec!["org.audit.read".into()],
        added_at: datetime!(2026-01-01 00:00 UTC),
        added_by: None,
        decision: None,
        version,
    }
}

/// A cache in `dir` holding a copy of one campaign (Ann and Bob) and `outbox`.
fn store(dir: &std::path::Path, outbox: &Outbox) -> (Arc<Cache>, CacheKey) {
    let cache = Arc::new(Cache::new(dir, Arc::new(MemoryVault::default())));
    let key = CacheKey::new("http://127.0.0.1:9", "acme", "rita@acme.example");
    let copy = ReviewCopy {
        campaigns: vec![CampaignCopy {
            review: campaign(),
            items: vec![item(1, "Ann", 1), item(2, "Bob", 1)],
        }],
    };
    cache
        .save_reviews(&key, &copy, datetime!(2026-12-05 09:00 UTC))
        .unwrap();
    cache.save_outbox(&key, outbox).unwrap();
    (cache, key)
}

async fn settle(screen: &mut Reviews, action: Action) {
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        if let Action::Run(task) = action {
            for message in support::run(task).await {
                pending.push(screen.update(message));
            }
        }
    }
}

async fn offline_screen(store: (Arc<Cache>, CacheKey)) -> Reviews {
    let client = Client::new("http://127.0.0.1:9").expect("client");
    let (mut screen, task) = Reviews::offline(client, "acme".into(), store);
    settle(&mut screen, Action::Run(task)).await;
    screen
}

fn conflict_outbox() -> Outbox {
    let mut theirs = item(2, "Bob", 2);
    theirs.decision = Some(ItemDecision {
        decision: ReviewDecision::Keep,
        expires_at: None,
        decided_by: Uuid::from_u128(77),
        decided_at: datetime!(2026-12-05 11:00 UTC),
    });
    let mut outbox = Outbox::default();
    outbox.record(Pending {
        review: Uuid::from_u128(5),
        item_id: Uuid::from_u128(2),
        decision: ReviewDecision::Revoke,
        expires_at: None,
        version: 1,
        decided_at: datetime!(2026-12-05 10:00 UTC),
        state: PendingState::Conflict {
            theirs: Box::new(theirs),
        },
    });
    outbox
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_decisions_are_kept_sealed_and_shown_not_sent_yet() {
    let _words = support::english().await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path(), &Outbox::default());
    let mut screen = offline_screen(store.clone()).await;
    assert!(screen.is_offline());
    {
        let mut ui = simulator(screen.view());
        ui.find("Q1 review").expect("the campaign from the copy");
        ui.find(support::text_containing(
            "Working from the offline copy of 12/5/2026",
        ))
        .expect("offline, and as of when");
        assert!(
            ui.find("Start the review").is_err(),
            "no new campaign offline"
        );
        assert!(ui.find("Report CSV…").is_err(), "no report offline");
    }
    let action = screen.update(ReviewMessage::Open(Uuid::from_u128(5)));
    settle(&mut screen, action).await;
    assert_eq!(screen.opened().expect("opened").items.len(), 2);
    let action = screen.update(ReviewMessage::Decide(
        Uuid::from_u128(1),
        ReviewDecision::Revoke,
    ));
    settle(&mut screen, action).await;
    // An expiry needs a date that reads; a bad one is said and nothing kept.
    let _ = screen.update(ReviewMessage::DateChanged(
        Uuid::from_u128(2),
        "soon".into(),
    ));
    let action = screen.update(ReviewMessage::Decide(
        Uuid::from_u128(2),
        ReviewDecision::Expire,
    ));
    settle(&mut screen, action).await;
    assert_eq!(screen.outbox().unsent(), 1);
    {
        let mut ui = simulator(screen.view());
        ui.find("1 decision not sent yet").expect("the count");
        ui.find("Revoke — not sent yet")
            .expect("marked on the item");
        ui.find("Send decisions").expect("a way to send");
        ui.find("Write the date as YYYY-MM-DD, for example 2027-01-31.")
            .expect("the bad date said");
        assert!(ui.find("Complete").is_err(), "no completing offline");
    }
    let _ = screen.update(ReviewMessage::DateChanged(
        Uuid::from_u128(2),
        "2099-03-01".into(),
    ));
    let action = screen.update(ReviewMessage::Decide(
        Uuid::from_u128(2),
        ReviewDecision::Expire,
    ));
    settle(&mut screen, action).await;
    {
        let mut ui = simulator(screen.view());
        ui.find("2 decisions not sent yet").expect("the count");
        ui.find("Expires 3/1/2099 — not sent yet")
            .expect("with its date");
    }

    // Sealed on disk, and there after a restart (a new screen, same keyring).
    let (cache, key) = store;
    let kept = cache.load_outbox(&key).unwrap();
    assert_eq!(kept.unsent(), 2);
    assert_eq!(kept.get(Uuid::from_u128(1)).unwrap().version, 1);
    let again = offline_screen((cache.clone(), key.clone())).await;
    assert_eq!(again.outbox(), &kept);

    // Sending with the platform away keeps them, and says why.
    let mut screen = again;
    let action = screen.update(ReviewMessage::Send);
    settle(&mut screen, action).await;
    assert_eq!(screen.outbox().unsent(), 2, "still kept");
    let mut ui = simulator(screen.view());
    ui.find(support::text_containing(
        "The decisions could not be sent and stay here for the next try",
    ))
    .expect("the failure in words");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_conflict_is_shown_side_by_side_and_keep_theirs_drops_mine() {
    let _words = support::english().await;
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path(), &conflict_outbox());
    let mut screen = offline_screen(store.clone()).await;
    {
        let mut ui = simulator(screen.view());
        ui.find("Changed meanwhile: Bob · bob@acme.example in Compliance")
            .expect("which item");
        ui.find("Theirs (on the platform now)").expect("theirs");
        ui.find("Keep · decided 12/5/2026, 11:00\u{202f}AM")
            .expect("their decision");
        ui.find("Mine (not recorded)").expect("mine");
        ui.find("Revoke · decided 12/5/2026, 10:00\u{202f}AM")
            .expect("my decision");
        ui.find("Use mine").expect("use mine");
        ui.find("Keep theirs").expect("keep theirs");
    }
    assert_eq!(screen.outbox().unsent(), 0, "a conflict is not sent again");

    let mut ui = simulator(screen.view());
    ui.click("Keep theirs").expect("clickable");
    let messages: Vec<ReviewMessage> = ui.into_messages().collect();
    assert!(
        matches!(messages.as_slice(), [ReviewMessage::KeepTheirs(id)] if *id == Uuid::from_u128(2)),
        "{messages:?}"
    );
    for message in messages {
        let action = screen.update(message);
        settle(&mut screen, action).await;
    }
    assert!(screen.outbox().is_empty());
    let (cache, key) = store;
    assert!(
        cache.load_outbox(&key).unwrap().is_empty(),
        "gone on disk too"
    );
    let mut ui = simulator(screen.view());
    assert!(ui.find("Use mine").is_err());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_outbox_under_another_key_is_said_and_the_copy_still_shown() {
    let _words = support::english().await;
    let dir = tempfile::tempdir().unwrap();
    let (cache, key) = store(dir.path(), &Outbox::default());
    // Sealed with another keyring's key (reset, or copied from elsewhere).
    Cache::new(dir.path(), Arc::new(MemoryVault::default()))
        .save_outbox(&key, &conflict_outbox())
        .unwrap();
    let screen = offline_screen((cache.clone(), key.clone())).await;
    assert!(screen.outbox().is_empty());
    let mut ui = simulator(screen.view());
    ui.find("The decisions not sent yet were damaged or encrypted with another key and have been discarded.")
        .expect("said");
    ui.find("Q1 review").expect("the copy still there");
    drop(ui);
    assert!(cache.load_outbox(&key).unwrap().is_empty(), "discarded");
}

#[test]
fn german_conflict_and_outbox() {
    let _words = support::language("de-DE");
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = conflict_outbox();
    outbox.record(Pending {
        review: Uuid::from_u128(5),
        item_id: Uuid::from_u128(1),
        decision: ReviewDecision::Keep,
        expires_at: None,
        version: 1,
        decided_at: datetime!(2026-12-05 10:00 UTC),
        state: PendingState::NotSent,
    });
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let screen = runtime.block_on(offline_screen(store(dir.path(), &outbox)));
    let mut ui = simulator(screen.view());
    ui.find("1 Entscheidung noch nicht gesendet")
        .expect("count");
    ui.find("Entscheidungen senden").expect("send");
    ui.find("Meine verwenden").expect("use mine");
    ui.find("Deren behalten").expect("keep theirs");
}

// ---- end to end in the console ----

fn env(folder: &std::path::Path, vault: &Arc<MemoryVault>) -> Env {
    let mut env = Env::in_folder(folder, Some(vault.clone() as Arc<dyn Vault>));
    env.settings.language = Some("en-US".into());
    env
}

async fn run_console(console: &mut Console, task: Task<Message>) {
    let mut queue: VecDeque<Message> = support::run(task).await.into();
    let mut steps = 0;
    while let Some(message) = queue.pop_front() {
        steps += 1;
        assert!(steps < 2000, "the console keeps producing messages");
        let next = console.update(message);
        queue.extend(support::run(next).await);
    }
}

async fn send(console: &mut Console, message: Message) {
    let task = console.update(message);
    run_console(console, task).await;
}

async fn reviews(console: &mut Console, message: ReviewMessage) {
    send(
        console,
        Message::Governance(governance::Message::Reviews(message)),
    )
    .await;
}

fn screen(console: &Console) -> &Reviews {
    &console
        .shell()
        .expect("signed in")
        .governance()
        .expect("the Governance section built")
        .reviews
}

#[tokio::test(flavor = "multi_thread")]
async fn a_review_decided_partly_offline_with_a_conflict_then_completed() {
    let _words = support::english().await;
    let p = support::Platform::start(6).await;
    let org = p.org.as_str();
    let members = p
        .admin
        .members(
            org,
            &MemberQuery {
                limit: Some(100),
                ..MemberQuery::default()
            },
        )
        .await
        .unwrap()
        .items;
    let mut plain = members.iter().filter(|m| {
        m.email != p.demo.admin_email && m.status == orgdesk_api::MembershipStatus::Active
    });
    let (ann, bob) = (plain.next().unwrap(), plain.next().unwrap());
    let desk = p
        .admin
        .create_group(
            org,
            &CreateGroup {
                name: "Compliance".into(),
                description: "Reads the audit log".into(),
                permissions: vec!["org.audit.read".into()],
            },
        )
        .await
        .unwrap();
    p.admin
        .add_group_members(
            org,
            desk.id,
            &orgdesk_api::AccountList {
                accounts: vec![ann.id, bob.id],
            },
        )
        .await
        .unwrap();
    let admin_id = p.admin.me().await.unwrap().id;
    let review = p
        .admin
        .create_access_review(
            org,
            &CreateAccessReview {
                name: "Compliance review".into(),
                groups: Some(vec![desk.id]),
                reviewers: vec![admin_id],
                due_at: time::OffsetDateTime::now_utc() + time::Duration::days(30),
            },
        )
        .await
        .unwrap();

    // Online: signing in syncs the copy, reviews included.
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let (mut console, task) = Console::with_env(env(folder.path(), &vault));
    run_console(&mut console, task).await;
    for message in [
        orgdesk::screen::login::Message::PlatformChanged(p.local.url.clone()),
        orgdesk::screen::login::Message::EmailChanged(p.demo.admin_email.clone()),
        orgdesk::screen::login::Message::PasswordChanged(support::PASSWORD.into()),
        orgdesk::screen::login::Message::Submit,
    ] {
        send(&mut console, Message::Login(message)).await;
    }
    assert!(console.is_signed_in());
    drop(console);

    // Meanwhile someone else keeps Bob (the copy has his item at version 1).
    let items = p
        .admin
        .access_review_items(org, review.id, None, None)
        .await
        .unwrap()
        .items;
    let bob_item = items.iter().find(|i| i.account == bob.id).unwrap().clone();
    let ann_item = items.iter().find(|i| i.account == ann.id).unwrap().clone();
    p.admin
        .decide_access_review(
            org,
            review.id,
            &DecisionBatch {
                decisions: vec![DecisionInput {
                    item_id: bob_item.item_id,
                    decision: ReviewDecision::Keep,
                    expires_at: None,
                    version: bob_item.version,
                }],
            },
        )
        .await
        .unwrap();

    // The platform goes away: the console opens the copy, and the reviews in it.
    let listen: std::net::SocketAddr = p
        .local
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .expect("host:port");
    p.local.stop().await.unwrap();
    let (mut offline, task) = Console::with_env(env(folder.path(), &vault));
    run_console(&mut offline, task).await;
    assert!(offline.shell().unwrap().offline_as_of().is_some());
    send(
        &mut offline,
        Message::Navigate(Page::Section(Section::Governance)),
    )
    .await;
    assert!(screen(&offline).is_offline());
    assert_eq!(screen(&offline).campaigns().len(), 1);
    reviews(&mut offline, ReviewMessage::Open(review.id)).await;
    reviews(
        &mut offline,
        ReviewMessage::Decide(ann_item.item_id, ReviewDecision::Revoke),
    )
    .await;
    reviews(
        &mut offline,
        ReviewMessage::Decide(bob_item.item_id, ReviewDecision::Revoke),
    )
    .await;
    assert_eq!(screen(&offline).outbox().unsent(), 2);
    {
        let mut ui = simulator(offline.view());
        ui.find("2 decisions not sent yet").expect("the count");
    }
    drop(offline);

    // A restart, still offline: the decisions are still there.
    let (mut offline, task) = Console::with_env(env(folder.path(), &vault));
    run_console(&mut offline, task).await;
    send(
        &mut offline,
        Message::Navigate(Page::Section(Section::Governance)),
    )
    .await;
    assert_eq!(
        screen(&offline).outbox().unsent(),
        2,
        "kept across a restart"
    );

    // The platform is back (same address, same data): trying again sends
    // them; Ann's is recorded, Bob's met the other decision.
    let back = orgdesk::platform::LocalPlatform::start_with(p.local.data_dir.clone(), |c| {
        c.listen = listen;
    })
    .await
    .expect("the platform again");
    send(&mut offline, Message::Reconnect).await;
    let mut console = offline;
    assert!(console.shell().unwrap().offline_as_of().is_none(), "online");
    let now = p
        .admin
        .access_review_items(org, review.id, None, None)
        .await
        .unwrap()
        .items;
    let decided = |account: Uuid| {
        now.iter()
            .find(|i| i.account == account)
            .and_then(|i| i.decision.as_ref())
            .map(|d| d.decision)
    };
    assert_eq!(decided(ann.id), Some(ReviewDecision::Revoke), "sent");
    assert_eq!(
        decided(bob.id),
        Some(ReviewDecision::Keep),
        "the other decision is not overwritten"
    );

    // The Reviews screen shows the conflict side by side.
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Governance)),
    )
    .await;
    assert!(!screen(&console).is_offline());
    assert_eq!(screen(&console).outbox().conflicts().count(), 1);
    send(
        &mut console,
        Message::Governance(governance::Message::Tab(governance::Tab::Reviews)),
    )
    .await;
    {
        let mut ui = simulator(console.view());
        let title = format!(
            "Changed meanwhile: {} · {} in Compliance",
            bob.name, bob.email
        );
        ui.find(title.as_str()).expect("the conflict");
        ui.find(support::text_containing("Keep · decided"))
            .expect("theirs");
        ui.find(support::text_containing("Revoke · decided"))
            .expect("mine");
    }
    // Use mine: sent again on the item as it is now.
    reviews(&mut console, ReviewMessage::UseMine(bob_item.item_id)).await;
    assert!(screen(&console).outbox().is_empty());
    let bob_now = p
        .admin
        .access_review_items(org, review.id, None, None)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.account == bob.id)
        .unwrap();
    assert_eq!(
        bob_now.decision.map(|d| d.decision),
        Some(ReviewDecision::Revoke)
    );

    // Completed: both memberships gone, the attestation audited, the CSV right.
    reviews(&mut console, ReviewMessage::Open(review.id)).await;
    reviews(&mut console, ReviewMessage::Complete).await;
    let preview = screen(&console)
        .opened()
        .and_then(|o| o.preview.clone())
        .expect("the dry run first");
    assert_eq!(preview.revoked.len(), 2);
    reviews(&mut console, ReviewMessage::ConfirmComplete).await;
    for who in [ann.id, bob.id] {
        let member = p.admin.member(org, who).await.unwrap();
        assert!(!member.groups.iter().any(|g| g.id == desk.id), "revoked");
    }
    let attested = p
        .admin
        .audit_log(
            org,
            &orgdesk_api::AuditQuery {
                action: Some(orgdesk_api::actions::REVIEW_COMPLETE.into()),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .items;
    assert_eq!(attested.len(), 1, "the attestation");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.csv");
    reviews(
        &mut console,
        ReviewMessage::ExportTo(review.id, Some(path.clone())),
    )
    .await;
    let csv = std::fs::read_to_string(&path).expect("written");
    let line = |email: &str| {
        csv.lines()
            .find(|l| l.contains(email))
            .unwrap_or_else(|| panic!("{email} in {csv}"))
            .to_string()
    };
    assert!(line(&ann.email).contains("revoke"), "{csv}");
    assert!(line(&bob.email).contains("revoke"), "{csv}");
    back.stop().await.unwrap();
}
