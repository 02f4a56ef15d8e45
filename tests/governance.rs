//! Governance → Permission snapshots: headless with iced_test (answers fed
//! in), and end to end against the real platform (a snapshot taken, a group
//! change, then the comparison with now showing the gain; the CSV export).

use iced_test::simulator;
use orgdesk::screen::snapshots::{Action, Message, Snapshots};
use orgdesk::widget::progress::Notice;
use orgdesk_api::{
    CreateGroup, GroupRef, MemberPermissionDiff, MemberQuery, Page, PermissionChange,
    PermissionSnapshot, SnapshotDiff,
};
use orgdesk_client::Client;
use time::macros::datetime;
use uuid::Uuid;

mod support;

use support::{english_blocking as english, language};

fn snapshot(n: u128, name: Option<&str>, day: u8) -> PermissionSnapshot {
    PermissionSnapshot {
        id: Uuid::from_u128(n),
        name: name.map(Into::into),
        taken_at: datetime!(2026-11-01 09:00 UTC)
            .replace_day(day)
            .expect("a day"),
        taken_by: None,
        members: 12,
        grants: 40,
    }
}

fn offline_screen() -> Snapshots {
    let client = Client::new("http://127.0.0.1:9").expect("client");
    Snapshots::new(client, "acme".into()).0
}

fn listed(screen: &Snapshots, items: Vec<PermissionSnapshot>) -> Message {
    let total = items.len() as u64;
    Message::Listed(
        screen.pending_list().expect("the list asked for"),
        Ok(Page {
            total_is_estimate: false,
            items,
            next_cursor: None,
            total,
        }),
    )
}

fn click(screen: &mut Snapshots, label: &str) -> Vec<Action> {
    let mut ui = simulator(screen.view());
    ui.click(label)
        .unwrap_or_else(|e| panic!("{label:?} to click: {e:?}"));
    let messages: Vec<Message> = ui.into_messages().collect();
    messages.into_iter().map(|m| screen.update(m)).collect()
}

fn a_diff() -> SnapshotDiff {
    let group = |name: &str| GroupRef {
        id: Uuid::from_u128(50),
        name: name.into(),
    };
    SnapshotDiff {
        from: Uuid::from_u128(1),
        to: None,
        from_taken_at: datetime!(2026-11-02 09:00 UTC),
        to_taken_at: datetime!(2026-12-05 10:00 UTC),
        members: vec![MemberPermissionDiff {
            account: Uuid::from_u128(7),
            email: "ada@example.com".into(),
            name: "Ada Lovelace".into(),
            gained: vec![PermissionChange {
                permission: "org.audit.read".into(),
                groups: vec![group("Compliance")],
            }],
            lost: vec![PermissionChange {
                permission: "crm.deals.write".into(),
                groups: vec![group("Sales Team")],
            }],
        }],
    }
}

#[test]
fn snapshots_are_listed_compared_two_at_a_time_and_with_now() {
    let _words = english();
    let mut screen = offline_screen();
    let mut ui = simulator(screen.view());
    ui.find("Loading the snapshots…").expect("loading");
    drop(ui);
    let _ = screen.update(listed(
        &screen,
        vec![
            snapshot(2, Some("After the reorganization"), 20),
            snapshot(1, None, 2),
            snapshot(3, Some("Third"), 25),
        ],
    ));
    let mut ui = simulator(screen.view());
    ui.find("After the reorganization · 11/20/2026, 9:00\u{202f}AM")
        .expect("a named snapshot");
    ui.find("11/2/2026, 9:00\u{202f}AM")
        .expect("an unnamed one: its time");
    ui.find("12 members · 40 permissions held")
        .expect("its size");
    drop(ui);

    // Two picked, newer first: compared older to newer; a third is not taken.
    let _ = screen.update(Message::Pick(Uuid::from_u128(2), true));
    let _ = screen.update(Message::Pick(Uuid::from_u128(1), true));
    let _ = screen.update(Message::Pick(Uuid::from_u128(3), true));
    let mut ui = simulator(screen.view());
    ui.click("Compare the two chosen").expect("enabled");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Compare(a, Some(b))] if *a == Uuid::from_u128(1) && *b == Uuid::from_u128(2)
        ),
        "{messages:?}"
    );
    for message in messages {
        assert!(matches!(screen.update(message), Action::Run(_)));
    }
    let mut ui = simulator(screen.view());
    ui.find("Comparing…").expect("on its way");
    drop(ui);
    let tag = screen.pending_diff().expect("the comparison");
    let _ = screen.update(Message::Compared(tag, Ok(a_diff())));
    let mut ui = simulator(screen.view());
    ui.find("Changes from 11/2/2026, 9:00\u{202f}AM to now")
        .expect("title");
    ui.find("One member's permissions changed.").expect("count");
    ui.find("Ada Lovelace · ada@example.com").expect("who");
    ui.find("+ org.audit.read (through Compliance)")
        .expect("the gain");
    ui.find("− crm.deals.write (was through Sales Team)")
        .expect("the loss");
    drop(ui);

    // Compare with now: one snapshot and no later one.
    let mut ui = simulator(screen.view());
    let _ = ui.click("Compare with now").expect("a row's action");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(matches!(messages.as_slice(), [Message::Compare(_, None)]));
}

#[test]
fn taking_a_snapshot_names_it_and_refusals_show() {
    let _words = english();
    let mut screen = offline_screen();
    let _ = screen.update(listed(&screen, vec![]));
    let mut ui = simulator(screen.view());
    ui.find("No snapshot yet. A snapshot records who holds which permission, through which groups, now.")
        .expect("empty");
    drop(ui);
    let _ = screen.update(Message::NameChanged("Before Q3".into()));
    let actions = click(&mut screen, "Take a snapshot");
    assert!(matches!(actions.as_slice(), [Action::Run(_)]));
    // A second click while it runs sends nothing.
    assert!(matches!(screen.update(Message::Take), Action::None));
    let refused = orgdesk_client::Error::Decode("not json".into());
    let _ = screen.update(Message::Taken(Err(refused)));
    let mut ui = simulator(screen.view());
    ui.find(support::text_containing("not json"))
        .expect("why, in words");
    drop(ui);
    let _ = screen.update(Message::Taken(Ok(snapshot(4, Some("Before Q3"), 3))));
    let mut ui = simulator(screen.view());
    ui.find("Snapshot taken: 12 members holding 40 permissions.")
        .expect("done");
    assert!(screen.pending_list().is_some(), "the list reloads");
}

#[test]
fn more_snapshots_are_read_a_page_at_a_time() {
    let _words = english();
    let mut screen = offline_screen();
    let tag = screen.pending_list().expect("the first page asked for");
    let _ = screen.update(Message::Listed(
        tag,
        Ok(Page {
            total_is_estimate: false,
            items: vec![snapshot(3, Some("Third"), 25), snapshot(2, None, 20)],
            next_cursor: Some("after-2".into()),
            total: 3,
        }),
    ));
    let actions = click(&mut screen, "Load more");
    assert!(matches!(actions.as_slice(), [Action::Run(_)]));
    let tag = screen.pending_more().expect("the next page asked for");
    // Clicking again while it loads asks nothing more.
    assert!(matches!(screen.update(Message::More), Action::None));
    let _ = screen.update(Message::MoreListed(
        tag,
        Ok(Page {
            total_is_estimate: false,
            // One taken meanwhile repeats: shown once.
            items: vec![snapshot(2, None, 20), snapshot(1, Some("First"), 2)],
            next_cursor: None,
            total: 3,
        }),
    ));
    let ids: Vec<Uuid> = screen.snapshots().iter().map(|s| s.id).collect();
    assert_eq!(
        ids,
        vec![Uuid::from_u128(3), Uuid::from_u128(2), Uuid::from_u128(1)]
    );
    let mut ui = simulator(screen.view());
    ui.find("First · 11/2/2026, 9:00\u{202f}AM")
        .expect("the next page shown");
    assert!(ui.find("Load more").is_err(), "nothing more");
}

#[test]
fn german_snapshots() {
    let _words = language("de-DE");
    let mut screen = offline_screen();
    let _ = screen.update(listed(&screen, vec![snapshot(1, None, 2)]));
    let mut ui = simulator(screen.view());
    ui.find("Berechtigungs-Schnappschüsse").expect("title");
    ui.find("Mit jetzt vergleichen").expect("compare with now");
}

/// Runs the screen's tasks until it waits for a person.
/// Runs `action` and what follows from it; the notices it ended with.
async fn settle(screen: &mut Snapshots, action: Action) -> Vec<Notice> {
    let mut pending = vec![action];
    let mut notices = Vec::new();
    while let Some(action) = pending.pop() {
        match action {
            Action::Run(task) => {
                for message in support::run(task).await {
                    pending.push(screen.update(message));
                }
            }
            Action::Notify(notice) => notices.push(notice),
            Action::None => {}
        }
    }
    notices
}

#[tokio::test(flavor = "multi_thread")]
async fn a_snapshot_then_a_group_change_then_the_gain_with_now() {
    let _words = support::english().await;
    let p = support::Platform::start(10).await;
    let org = p.org.as_str();
    let (mut screen, task) = Snapshots::new(p.admin.clone(), p.org.clone());
    settle(&mut screen, Action::Run(task)).await;
    assert!(screen.snapshots().is_empty());
    let _ = screen.update(Message::NameChanged("Before the desk".into()));
    let action = screen.update(Message::Take);
    settle(&mut screen, action).await;
    let taken = screen.snapshots().to_vec();
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].name.as_deref(), Some("Before the desk"));

    // A group change: a member joins a new group granting the audit log.
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
    let held = |m: &orgdesk_api::Member| m.groups.iter().all(|g| g.name == "User");
    let ann = members
        .iter()
        .find(|m| {
            m.email != p.demo.admin_email
                && m.status == orgdesk_api::MembershipStatus::Active
                && held(m)
        })
        .expect("a plain member");
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
                accounts: vec![ann.id],
            },
        )
        .await
        .unwrap();

    let action = screen.update(Message::Compare(taken[0].id, None));
    settle(&mut screen, action).await;
    let diff = screen.diff().expect("the comparison").clone();
    assert_eq!(diff.to, None);
    assert_eq!(diff.members.len(), 1, "only Ann changed: {diff:?}");
    let change = &diff.members[0];
    assert_eq!(change.account, ann.id);
    assert!(change.lost.is_empty());
    assert_eq!(change.gained.len(), 1);
    assert_eq!(change.gained[0].permission, "org.audit.read");
    assert_eq!(change.gained[0].groups[0].id, desk.id);
    let mut ui = simulator(screen.view());
    ui.find("+ org.audit.read (through Compliance)")
        .expect("the gain, with its group");
    drop(ui);

    // The export, as the save dialog would answer.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("snapshot.csv");
    let action = screen.update(Message::ExportTo(taken[0].id, Some(path.clone())));
    let notices = settle(&mut screen, action).await;
    assert_eq!(
        notices,
        [Notice::done(format!("Saved to {}.", path.display()))],
        "where, as a notice that stays until read"
    );
    let csv = std::fs::read_to_string(&path).expect("the file written");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("account_id,email,name,permission,granted_by")
    );
    let anns: Vec<&str> = lines.filter(|l| l.contains(&ann.email)).collect();
    assert!(
        anns.iter().any(|l| l.contains("org.members.read")),
        "what User granted her then: {csv}"
    );
    assert!(
        !anns.iter().any(|l| l.contains("org.audit.read")),
        "the snapshot is from before she joined Compliance"
    );

    // A second export, cancelled: the bar offers Cancel, one runs at a time,
    // and the aborted download writes nothing.
    let cancelled = dir.path().join("cancelled.csv");
    let Action::Run(task) = screen.update(Message::ExportTo(taken[0].id, Some(cancelled.clone())))
    else {
        panic!("the download starts");
    };
    let mut ui = simulator(screen.view());
    ui.find("Exporting the CSV file…").expect("the bar");
    drop(ui);
    assert!(matches!(
        screen.update(Message::ExportTo(taken[0].id, Some(cancelled.clone()))),
        Action::None
    ));
    let Action::Notify(notice) = screen.update(Message::CancelExport) else {
        panic!("cancel is said");
    };
    assert_eq!(notice.text, "Export cancelled before it finished.");
    assert!(
        support::run(task).await.is_empty(),
        "the aborted download answers nothing"
    );
    assert!(!cancelled.exists(), "no file written");
    let mut ui = simulator(screen.view());
    assert!(
        ui.find("Exporting the CSV file…").is_err(),
        "the bar is gone"
    );
}

mod reviews {
    use orgdesk::screen::governance::{self, Governance};
    use orgdesk::screen::reviews::{Action, Message, Reviews};
    use orgdesk_api::{
        AccessReview, CreateGroup, DecisionBatch, DecisionInput, MemberQuery, Page, ReviewCounts,
        ReviewDecision, ReviewStatus,
    };
    use time::macros::datetime;
    use uuid::Uuid;

    use super::{english, language, simulator, support};

    fn campaign(status: ReviewStatus) -> AccessReview {
        AccessReview {
            id: Uuid::from_u128(5),
            name: "Q1 review".into(),
            status,
            due_at: datetime!(2027-01-31 00:00 UTC),
            created_at: datetime!(2026-12-01 00:00 UTC),
            created_by: None,
            completed_at: None,
            reviewers: vec![],
            counts: ReviewCounts {
                items: 4,
                decided: 1,
                keep: 1,
                revoke: 0,
                expire: 0,
            },
        }
    }

    #[test]
    fn the_section_lists_campaigns_and_offers_a_new_one() {
        let _words = english();
        let client = orgdesk_client::Client::new("http://127.0.0.1:9").expect("client");
        let (mut screen, _task) = Governance::new(client, "acme".into());
        let _ = screen.update(governance::Message::Tab(governance::Tab::Reviews));
        let tag = screen.reviews.pending_list().expect("the list");
        let _ = screen.update(governance::Message::Reviews(Message::Listed(
            tag,
            Ok(Page {
                total_is_estimate: false,
                items: vec![campaign(ReviewStatus::Open)],
                next_cursor: None,
                total: 1,
            }),
        )));
        let mut ui = simulator(screen.view());
        ui.find("Q1 review").expect("the campaign");
        ui.find("Open · 1 of 4 decided · due 1/31/2027")
            .expect("how far");
        ui.find("Start the review").expect("the form");
        drop(ui);
        // A due date that does not read is said, and nothing is sent.
        let _ = screen.update(governance::Message::Reviews(Message::NameChanged(
            "Next".into(),
        )));
        let _ = screen.update(governance::Message::Reviews(Message::DueChanged(
            "soon".into(),
        )));
        assert!(matches!(
            screen.update(governance::Message::Reviews(Message::Start)),
            governance::Action::None
        ));
        let mut ui = simulator(screen.view());
        ui.find("Write the date as YYYY-MM-DD, for example 2027-01-31.")
            .expect("why");
    }

    #[test]
    fn more_campaigns_are_read_a_page_at_a_time() {
        let _words = english();
        let client = orgdesk_client::Client::new("http://127.0.0.1:9").expect("client");
        let (mut screen, _task) = Reviews::new(client, "acme".into());
        let tag = screen.pending_list().expect("the list");
        let _ = screen.update(Message::Listed(
            tag,
            Ok(Page {
                total_is_estimate: false,
                items: vec![campaign(ReviewStatus::Open)],
                next_cursor: Some("after-5".into()),
                total: 2,
            }),
        ));
        let mut ui = simulator(screen.view());
        ui.click("Load more").expect("more to read");
        let messages: Vec<Message> = ui.into_messages().collect();
        assert!(
            matches!(messages.as_slice(), [Message::More]),
            "{messages:?}"
        );
        for m in messages {
            assert!(matches!(screen.update(m), Action::Run(_)));
        }
        let tag = screen.pending_more().expect("the next page asked for");
        let older = AccessReview {
            id: Uuid::from_u128(4),
            name: "Q4 review".into(),
            status: ReviewStatus::Completed,
            ..campaign(ReviewStatus::Completed)
        };
        let _ = screen.update(Message::MoreListed(
            tag,
            Ok(Page {
                total_is_estimate: false,
                items: vec![older],
                next_cursor: None,
                total: 2,
            }),
        ));
        assert_eq!(screen.campaigns().len(), 2);
        let mut ui = simulator(screen.view());
        ui.find("Q4 review").expect("the next page shown");
        assert!(ui.find("Load more").is_err(), "nothing more");
    }

    #[test]
    fn german_reviews() {
        let _words = language("de-DE");
        let client = orgdesk_client::Client::new("http://127.0.0.1:9").expect("client");
        let (mut screen, _task) = Governance::new(client, "acme".into());
        let mut ui = simulator(screen.view());
        ui.find("Zugriffsüberprüfungen").expect("the tab");
        drop(ui);
        let _ = screen.update(governance::Message::Tab(governance::Tab::Reviews));
        let mut ui = simulator(screen.view());
        ui.find("Überprüfung starten").expect("start");
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

    #[tokio::test(flavor = "multi_thread")]
    async fn a_review_decided_with_a_conflict_then_completed_removes_the_membership() {
        let _words = support::english().await;
        let p = support::Platform::start(10).await;
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

        // Start it through the form: Compliance only, the admin reviews.
        let (mut screen, task) = Reviews::new(p.admin.clone(), p.org.clone());
        settle(&mut screen, Action::Run(task)).await;
        for m in [
            Message::NameChanged("Compliance review".into()),
            Message::DueChanged("2099-01-31".into()),
            Message::ReviewersChanged(p.demo.admin_email.clone()),
            Message::ToggleGroup(desk.id, true),
        ] {
            let _ = screen.update(m);
        }
        let action = screen.update(Message::Start);
        settle(&mut screen, action).await;
        let review = screen.campaigns().first().expect("started").clone();
        assert_eq!(review.name, "Compliance review");
        assert_eq!(review.counts.items, 2, "Ann and Bob in Compliance");

        let action = screen.update(Message::Open(review.id));
        settle(&mut screen, action).await;
        let items = screen.opened().expect("opened").items.clone();
        let ann_item = items.iter().find(|i| i.account == ann.id).unwrap();
        let bob_item = items.iter().find(|i| i.account == bob.id).unwrap();
        assert_eq!(ann_item.permissions, vec!["org.audit.read".to_string()]);

        // Meanwhile another reviewer keeps Bob: the screen's copy is stale.
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
        let action = screen.update(Message::Decide(bob_item.item_id, ReviewDecision::Revoke));
        settle(&mut screen, action).await;
        let open = screen.opened().unwrap();
        assert!(open.conflicts.contains(&bob_item.item_id));
        let bob_now = open.items.iter().find(|i| i.account == bob.id).unwrap();
        assert_eq!(
            bob_now.decision.as_ref().map(|d| d.decision),
            Some(ReviewDecision::Keep),
            "the other decision is not overwritten"
        );
        {
            let mut ui = simulator(screen.view());
            ui.find("This item changed since you read it: your decision was not recorded. Look at it again and decide.")
                .expect("the conflict shown");
        }

        // Ann: revoked. Complete shows the dry run first.
        let action = screen.update(Message::Decide(ann_item.item_id, ReviewDecision::Revoke));
        settle(&mut screen, action).await;
        let action = screen.update(Message::Complete);
        settle(&mut screen, action).await;
        let preview = screen.opened().unwrap().preview.clone().expect("dry run");
        assert!(preview.dry_run);
        assert_eq!(
            preview.revoked,
            vec![orgdesk_api::GroupMembership {
                group: desk.id,
                account: ann.id
            }]
        );
        let still = p.admin.member(org, ann.id).await.unwrap();
        assert!(still.groups.iter().any(|g| g.id == desk.id), "nothing yet");
        {
            let mut ui = simulator(screen.view());
            let words = format!(
                "Memberships removed: 1. Given an end date: 0. Undecided, left as they are: 0. Members whose permissions change at once: {}. The audit log records this as an attestation.",
                preview.impact.len()
            );
            ui.find(words.as_str())
                .unwrap_or_else(|e| panic!("{words}: {e:?} ({preview:?})"));
        }
        let action = screen.update(Message::ConfirmComplete);
        settle(&mut screen, action).await;
        let gone = p.admin.member(org, ann.id).await.unwrap();
        assert!(!gone.groups.iter().any(|g| g.id == desk.id), "revoked");
        let kept = p.admin.member(org, bob.id).await.unwrap();
        assert!(kept.groups.iter().any(|g| g.id == desk.id), "kept");
        assert_eq!(
            screen.opened().unwrap().review.status,
            ReviewStatus::Completed
        );

        // The report, as the save dialog would answer.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("review.csv");
        let action = screen.update(Message::ExportTo(review.id, Some(path.clone())));
        settle(&mut screen, action).await;
        let csv = std::fs::read_to_string(&path).expect("written");
        assert!(csv.contains(&ann.email) && csv.contains("revoke"), "{csv}");
    }
}
