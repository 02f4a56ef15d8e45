//! The Invitations screen: headless with the simulator (list, filter, Invite
//! dialog, confirmations, per-address results) and end to end against the
//! real platform (inviting past the seat limit, resend, revoke, refusals).

mod support;

use std::sync::Arc;

use iced::Task;
use iced::widget::text_editor::{Action as EditorAction, Edit};
use iced_test::simulator;
use orgdesk::screen::invitations::{self, Change, Invitations, Message, invite};
use orgdesk_api::{
    GroupRef, Invitation, InvitationQuery, InvitationStatus, InviteOutcome, InviteResponse,
    InviteResult, MemberQuery, MembershipStatus, Page, codes,
};
use orgdesk_client::Client;
use time::macros::datetime;
use uuid::Uuid;

/// The language is process-wide: tests that read words take turns (an
/// async-aware lock, as the end-to-end tests hold it across their awaits).
static LANGUAGE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn language(tag: &str) -> tokio::sync::MutexGuard<'static, ()> {
    let guard = LANGUAGE.blocking_lock();
    orgdesk::i18n::select(Some(tag));
    guard
}

fn english() -> tokio::sync::MutexGuard<'static, ()> {
    language("en-US")
}

/// [`english`] inside a runtime.
async fn english_async() -> tokio::sync::MutexGuard<'static, ()> {
    let guard = LANGUAGE.lock().await;
    orgdesk::i18n::select(Some("en-US"));
    guard
}

/// A text anywhere in the view that contains `part`.
fn containing(
    part: &str,
) -> impl FnMut(iced_test::selector::Candidate<'_>) -> Option<String> + Send + '_ {
    move |candidate| match candidate {
        iced_test::selector::Candidate::Text { content, .. } if content.contains(part) => {
            Some(content.to_string())
        }
        _ => None,
    }
}

fn group(id: u128, name: &str) -> orgdesk_api::Group {
    orgdesk_api::Group {
        id: Uuid::from_u128(id),
        name: name.into(),
        description: String::new(),
        builtin: name == "User" || name == "Admin",
        product: None,
        permissions: Vec::new(),
        member_count: 0,
        version: 1,
        created_at: datetime!(2025-01-01 0:00 UTC),
    }
}

fn invitation(n: u128, email: &str, status: InvitationStatus) -> Invitation {
    Invitation {
        id: Uuid::from_u128(n),
        email: email.into(),
        status,
        groups: vec![GroupRef {
            id: Uuid::from_u128(900),
            name: "User".into(),
        }],
        invited_by: None,
        created_at: datetime!(2025-11-01 9:00 UTC),
        sent_at: datetime!(2025-11-03 14:03 UTC),
        expires_at: datetime!(2025-11-10 14:03 UTC),
        accepted_at: (status == InvitationStatus::Accepted)
            .then_some(datetime!(2025-11-04 8:30 UTC)),
    }
}

/// A screen fed one page, the seats and the groups, without a server.
fn screen_with(rows: Vec<Invitation>, seats: (u32, u32)) -> Invitations {
    let client = Client::new("http://127.0.0.1:9").expect("client");
    let (mut screen, _task) = Invitations::new(client, "acme".into(), None);
    let total = rows.len() as u64;
    let _ = screen.update(Message::Listed {
        generation: 1,
        append: false,
        result: Ok(Page {
            items: rows,
            next_cursor: None,
            total,
        }),
    });
    let _ = screen.update(Message::SeatsLoaded(Ok(seats)));
    let _ = screen.update(Message::GroupsLoaded(Ok(vec![
        group(900, "User"),
        group(901, "Sales"),
    ])));
    screen
}

fn paste(text: &str) -> Message {
    Message::Invite(invite::Message::Edit(EditorAction::Edit(Edit::Paste(
        Arc::new(text.to_string()),
    ))))
}

fn result(email: &str, status: InviteOutcome, code: Option<&str>) -> InviteResult {
    InviteResult {
        email: email.into(),
        status,
        code: code.map(str::to_string),
        message: None,
        invitation_id: None,
    }
}

fn api_error(status: u16, code: &str, detail: &str) -> orgdesk_client::Error {
    orgdesk_client::Error::Api(Box::new(orgdesk_client::ApiError {
        status,
        problem: orgdesk_api::Problem {
            kind: "about:blank".into(),
            title: code.into(),
            status,
            detail: Some(detail.into()),
            code: code.into(),
            errors: Vec::new(),
        },
        retry_after: None,
    }))
}

#[test]
fn the_list_shows_status_times_seats_and_what_each_row_allows() {
    let _words = english();
    let screen = screen_with(
        vec![
            invitation(1, "ada@example.com", InvitationStatus::Pending),
            invitation(2, "bob@example.com", InvitationStatus::Accepted),
            invitation(3, "cy@example.com", InvitationStatus::Expired),
            invitation(4, "dee@example.com", InvitationStatus::Revoked),
        ],
        (12, 50),
    );
    let mut ui = simulator(screen.view());
    ui.find("ada@example.com").expect("a row");
    ui.find("accepted 2025-11-04 08:30")
        .expect("when it was accepted");
    ui.find("2025-11-10 14:03").expect("when the link runs out");
    ui.find("Seats: 12 of 50").expect("the seat gauge");
    ui.find("4 of 4 invitations").expect("the count");
    ui.find("Renew")
        .expect("an expired invitation can be renewed");
    ui.find("Resend").expect("a pending one resent");
    ui.click("Revoke").expect("and revoked");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(
        messages
            .iter()
            .any(|m| matches!(m, Message::Ask(Change::Revoke, id) if *id == Uuid::from_u128(1))),
        "{messages:?}"
    );
}

#[test]
fn seats_reach_the_parent_and_filters_drop_stale_answers() {
    let _words = english();
    let mut screen = screen_with(
        vec![invitation(1, "ada@example.com", InvitationStatus::Pending)],
        (12, 50),
    );
    assert!(matches!(
        screen.update(Message::SeatsLoaded(Ok((13, 50)))),
        invitations::Action::SeatsChanged(13, 50)
    ));
    let mut ui = simulator(screen.view());
    ui.click("Expired").expect("the status filter");
    let filter = ui.into_messages().next().expect("a message");
    assert!(matches!(
        filter,
        Message::StatusFilter(Some(InvitationStatus::Expired))
    ));
    assert!(matches!(screen.update(filter), invitations::Action::Run(_)));
    // The answer to the unfiltered list comes late: it must not replace the rows.
    let _ = screen.update(Message::Listed {
        generation: 1,
        append: false,
        result: Ok(Page {
            items: vec![invitation(5, "late@example.com", InvitationStatus::Pending)],
            next_cursor: None,
            total: 1,
        }),
    });
    assert!(screen.rows().is_empty() || screen.rows()[0].email != "late@example.com");
    let _ = screen.update(Message::Listed {
        generation: 2,
        append: false,
        result: Ok(Page {
            items: vec![invitation(3, "cy@example.com", InvitationStatus::Expired)],
            next_cursor: None,
            total: 1,
        }),
    });
    assert_eq!(screen.rows().len(), 1);
    let mut ui = simulator(screen.view());
    ui.find("1 of 1 invitation").expect("the filtered count");
}

#[test]
fn revoking_asks_first_and_says_what_happens() {
    let _words = english();
    let mut screen = screen_with(
        vec![invitation(1, "ada@example.com", InvitationStatus::Pending)],
        (12, 50),
    );
    let _ = screen.update(Message::Ask(Change::Revoke, Uuid::from_u128(1)));
    {
        let mut ui = simulator(screen.view());
        ui.find("Revoke the invitation?").expect("the question");
        ui.find(
            "The link sent to ada@example.com stops working at once and the seat it holds is freed. \
             You can invite the address again later.",
        )
        .expect("what happens");
        ui.click("Cancel").expect("a way out");
        let cancel = ui.into_messages().next().expect("a message");
        let _ = screen.update(cancel);
    }
    assert!(
        simulator(screen.view())
            .find("Revoke the invitation?")
            .is_err(),
        "cancelled"
    );

    let _ = screen.update(Message::Ask(Change::Revoke, Uuid::from_u128(1)));
    assert!(matches!(
        screen.update(Message::Confirm),
        invitations::Action::Run(_)
    ));
    assert!(
        screen.escape(),
        "Esc is taken while the revoke is on its way"
    );
    let _ = screen.update(Message::Revoked(Uuid::from_u128(1), Ok(())));
    let mut ui = simulator(screen.view());
    ui.find("The invitation to ada@example.com is revoked; its seat is free again.")
        .expect("what happened");
}

#[test]
fn resending_a_used_invitation_is_refused_in_words() {
    let _words = english();
    let mut screen = screen_with(
        vec![invitation(3, "cy@example.com", InvitationStatus::Expired)],
        (12, 50),
    );
    let _ = screen.update(Message::Ask(Change::Resend, Uuid::from_u128(3)));
    {
        let mut ui = simulator(screen.view());
        ui.find("Renew the expired invitation?")
            .expect("an expired one is renewed");
        ui.find(containing("takes a seat again"))
            .expect("and it says the seat");
    }
    let _ = screen.update(Message::Confirm);
    let _ = screen.update(Message::Resent(Err(api_error(
        409,
        codes::INVITATION_UNUSABLE,
        "the invitation is accepted",
    ))));
    simulator(screen.view())
        .find("Nothing changed for cy@example.com: This invitation cannot be used any more.")
        .expect("the refusal in words");
    assert!(!screen.escape(), "no dialog is left open");
}

#[test]
fn the_invite_dialog_counts_addresses_and_seats_as_you_paste() {
    let _words = english();
    let mut screen = screen_with(Vec::new(), (45, 50));
    let _ = screen.update(Message::OpenInvite);
    let _ = screen.update(paste(
        "a@example.com, b@example.com\nB@Example.com not-an-address; c@example.com\n\
         Dee <d@example.com>, e@example.com f@example.com",
    ));
    let dialog = screen.invite_dialog().expect("open");
    assert_eq!(dialog.addresses().len(), 8);
    let mut ui = simulator(screen.view());
    ui.find("8 addresses · one is not an email address · one is listed twice")
        .expect("the tally");
    ui.find("Would take up to 6 seats; 5 of 50 are free.")
        .expect("the live seat count");
    ui.find(
        "Only 5 seats are free: one new address would be refused. \
         Revoke pending invitations or buy more seats first.",
    )
    .expect("the warning before sending");
    ui.find("User").expect("the groups to choose");
    ui.click("Send 8 invitations").expect("send");
    assert!(matches!(
        ui.into_messages().next(),
        Some(Message::Invite(invite::Message::Send))
    ));

    // No group at all: refused before it is sent.
    let _ = screen.update(Message::Invite(invite::Message::ToggleGroup(
        Uuid::from_u128(900),
        false,
    )));
    let mut ui = simulator(screen.view());
    ui.find("Choose at least one group.").expect("why not");
    ui.click("Send 8 invitations").expect("the button is there");
    assert!(ui.into_messages().next().is_none(), "but it does nothing");
    assert!(matches!(
        screen.update(Message::Invite(invite::Message::Send)),
        invitations::Action::None
    ));
}

#[test]
fn every_address_gets_its_answer_in_words() {
    let _words = english();
    let mut screen = screen_with(Vec::new(), (10, 50));
    let _ = screen.update(Message::OpenInvite);
    let _ = screen.update(paste("ok@example.com old@example.com x y@example.com"));
    let _ = screen.update(Message::Invite(invite::Message::ToggleGroup(
        Uuid::from_u128(901),
        true,
    )));
    assert!(matches!(
        screen.update(Message::Invite(invite::Message::Send)),
        invitations::Action::Run(_)
    ));
    {
        let mut ui = simulator(screen.view());
        ui.find("Sending…").expect("it says it is sending");
    }
    assert!(screen.escape(), "Esc is taken while sending");
    assert!(screen.invite_dialog().is_some(), "but does not close it");
    let answer = InviteResponse {
        results: vec![
            result("ok@example.com", InviteOutcome::Invited, None),
            result("old@example.com", InviteOutcome::Added, None),
            result("x", InviteOutcome::Failed, Some(codes::INVALID_EMAIL)),
            result(
                "y@example.com",
                InviteOutcome::Failed,
                Some(codes::SEAT_LIMIT_REACHED),
            ),
            result(
                "ok@example.com",
                InviteOutcome::Failed,
                Some(codes::DUPLICATE),
            ),
            result(
                "m@example.com",
                InviteOutcome::Failed,
                Some(codes::ALREADY_MEMBER),
            ),
            result(
                "p@example.com",
                InviteOutcome::Failed,
                Some(codes::INVITATION_PENDING),
            ),
            result(
                "s@example.com",
                InviteOutcome::Failed,
                Some(codes::MEMBER_SUSPENDED),
            ),
        ],
    };
    let action = screen.update(Message::Invite(invite::Message::Sent(Ok(answer))));
    assert!(
        matches!(action, invitations::Action::Run(_)),
        "the list and the seats are asked for again"
    );
    let mut ui = simulator(screen.view());
    ui.find("1 invited · 1 given access at once · 6 not invited")
        .expect("the summary");
    for words in [
        "Invited: a link valid for 7 days is on its way.",
        "Has an account already: access granted at once, and a notice was mailed.",
        "Not invited: this is not an email address.",
        "Not invited: no seat left in the plan.",
        "Not invited again: the address is in the list more than once.",
        "Not invited: already a member of this organization.",
        "Not invited: an invitation is already waiting. Resend it instead.",
        "Not invited: a suspended member. Reactivate them in Members instead.",
    ] {
        ui.find(words).unwrap_or_else(|_| panic!("{words}"));
    }
    ui.click("Done").expect("close");
    let done = ui.into_messages().next().expect("a message");
    let _ = screen.update(done);
    assert!(screen.invite_dialog().is_none());
}

#[test]
fn a_refused_request_stays_in_the_dialog_in_words() {
    let _words = english();
    let mut screen = screen_with(Vec::new(), (10, 50));
    let _ = screen.update(Message::OpenInvite);
    let _ = screen.update(paste("ok@example.com"));
    let _ = screen.update(Message::Invite(invite::Message::Send));
    let _ = screen.update(Message::Invite(invite::Message::Sent(Err(api_error(
        403,
        codes::FORBIDDEN,
        "org.members.invite",
    )))));
    let mut ui = simulator(screen.view());
    ui.find("You don't have the permission for this (org.members.invite).")
        .expect("the refusal");
    ui.find("Send one invitation").expect("ready to try again");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_csv_file_fills_the_list() {
    let _words = english_async().await;
    let dir = tempfile::tempdir().expect("folder");
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "Name,E-Mail,Team\nAda,ada@example.com,x\nBob,bob@example.com,y\nCy,cy@example.com,z\n",
    )
    .expect("written");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "email\n").expect("written");

    let mut screen = screen_with(Vec::new(), (10, 50));
    let _ = screen.update(Message::OpenInvite);
    let _ = screen.update(paste("first@example.com"));
    for path in [people, empty, dir.path().join("missing.csv")] {
        let invitations::Action::Run(task) =
            screen.update(Message::Invite(invite::Message::CsvChosen(Some(path))))
        else {
            panic!("the file is read");
        };
        for message in support::run(task).await {
            let _ = screen.update(message);
        }
    }
    let dialog = screen.invite_dialog().expect("open");
    assert_eq!(
        dialog.addresses(),
        [
            "first@example.com",
            "ada@example.com",
            "bob@example.com",
            "cy@example.com"
        ],
        "what was typed stays; the file's addresses follow"
    );
    simulator(screen.view())
        .find(containing("missing.csv cannot be read"))
        .expect("the last file's problem");
    let _ = screen.update(Message::Invite(invite::Message::CsvRead(
        "empty.csv".into(),
        Ok(b"email\n".to_vec()),
    )));
    simulator(screen.view())
        .find("empty.csv holds no email addresses.")
        .expect("an empty file");
    let _ = screen.update(Message::Invite(invite::Message::CsvRead(
        "people.csv".into(),
        Ok(b"email\nzed@example.com\n".to_vec()),
    )));
    let mut ui = simulator(screen.view());
    ui.find("One address added from people.csv.")
        .expect("a note");
    ui.find("5 addresses").expect("the count follows");
}

#[test]
fn german_dialog() {
    let _words = language("de-DE");
    let mut screen = screen_with(Vec::new(), (10, 50));
    let _ = screen.update(Message::OpenInvite);
    let _ = screen.update(paste("a@example.com b@example.com"));
    let mut ui = simulator(screen.view());
    ui.find("Personen einladen").expect("the title");
    ui.find("Belegt bis zu 2 Plätze; 40 von 50 sind frei.")
        .expect("the seats");
}

// ---- End to end: the real platform ------------------------------------------

/// Runs `task` and everything the screen asks for in turn, as the app would;
/// answers the seats the screen handed up.
async fn drive(screen: &mut Invitations, task: Task<Message>) -> Vec<(u32, u32)> {
    let mut tasks = vec![task];
    let mut seats = Vec::new();
    while let Some(task) = tasks.pop() {
        for message in support::run(task).await {
            match screen.update(message) {
                invitations::Action::None => {}
                invitations::Action::Run(task) => tasks.push(task),
                invitations::Action::SeatsChanged(used, limit) => seats.push((used, limit)),
                invitations::Action::SessionEnded(e) => panic!("session ended: {e}"),
            }
        }
    }
    seats
}

async fn send(screen: &mut Invitations, message: Message) -> Vec<(u32, u32)> {
    match screen.update(message) {
        invitations::Action::Run(task) => drive(screen, task).await,
        invitations::Action::SeatsChanged(used, limit) => vec![(used, limit)],
        invitations::Action::None => Vec::new(),
        invitations::Action::SessionEnded(e) => panic!("session ended: {e}"),
    }
}

async fn seats_of(p: &support::Platform) -> (u32, u32) {
    let org = p.admin.org(&p.org).await.expect("org");
    (org.subscription.seats_used, org.subscription.seat_limit)
}

/// The live tokens mailed for `email` (the outbox holds every mail sent).
async fn tokens_for(p: &support::Platform, email: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(p.local.data_dir.join("outbox")) else {
        return Vec::new();
    };
    let mut tokens = Vec::new();
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
                && !tokens.contains(&token)
            {
                tokens.push(token);
            }
        }
    }
    tokens
}

#[tokio::test(flavor = "multi_thread")]
async fn inviting_past_the_seat_limit_resending_and_revoking() {
    let _words = english_async().await;
    let p = support::Platform::start(20).await;
    let (used_before, limit) = seats_of(&p).await;
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
        .find(|m| m.email != p.demo.admin_email)
        .expect("a member");

    let (mut screen, task) = Invitations::new(p.admin.clone(), p.org.clone(), None);
    let seats = drive(&mut screen, task).await;
    assert_eq!(
        seats,
        [(used_before, limit)],
        "the gauge starts from the platform's count"
    );

    // Several addresses: a bad one, a repeat, a member already.
    let _ = screen.update(Message::OpenInvite);
    let _ = screen.update(paste(&format!(
        "new1@example.com, not-an-address\nnew2@example.com NEW1@example.com {}",
        member.email
    )));
    let seats = send(&mut screen, Message::Invite(invite::Message::Send)).await;
    let results = screen
        .invite_dialog()
        .and_then(|d| d.results())
        .expect("answered")
        .to_vec();
    let outcomes: Vec<_> = results
        .iter()
        .map(|r| (r.status, r.code.as_deref()))
        .collect();
    assert_eq!(
        outcomes,
        [
            (InviteOutcome::Invited, None),
            (InviteOutcome::Failed, Some(codes::INVALID_EMAIL)),
            (InviteOutcome::Invited, None),
            (InviteOutcome::Failed, Some(codes::DUPLICATE)),
            (InviteOutcome::Failed, Some(codes::ALREADY_MEMBER)),
        ]
    );
    {
        let mut ui = simulator(screen.view());
        ui.find("2 invited · 0 given access at once · 3 not invited")
            .expect("the summary");
        ui.find("Not invited: already a member of this organization.")
            .expect("in words");
        ui.find("Not invited again: the address is in the list more than once.")
            .expect("in words");
    }
    assert_eq!(
        seats.last(),
        Some(&(used_before + 2, limit)),
        "the gauge moved"
    );
    assert_eq!(seats_of(&p).await, (used_before + 2, limit));

    // Past the limit: exactly the free seats are used, the rest refused.
    let _ = screen.update(Message::Invite(invite::Message::InviteMore));
    let free = limit - used_before - 2;
    let fill: Vec<String> = (0..free + 2)
        .map(|i| format!("fill{i}@example.com"))
        .collect();
    let _ = screen.update(paste(&fill.join("\n")));
    {
        let mut ui = simulator(screen.view());
        ui.find(containing(&format!("{} of {limit} are free", free)))
            .expect("the seats left, before sending");
        ui.find(containing("2 new addresses would be refused"))
            .expect("the warning");
    }
    let seats = send(&mut screen, Message::Invite(invite::Message::Send)).await;
    let results = screen
        .invite_dialog()
        .and_then(|d| d.results())
        .expect("answered")
        .to_vec();
    let invited = results
        .iter()
        .filter(|r| r.status == InviteOutcome::Invited)
        .count();
    let refused: Vec<_> = results
        .iter()
        .filter(|r| r.code.as_deref() == Some(codes::SEAT_LIMIT_REACHED))
        .map(|r| r.email.as_str())
        .collect();
    assert_eq!(invited as u32, free);
    assert_eq!(
        refused,
        [
            format!("fill{free}@example.com"),
            format!("fill{}@example.com", free + 1)
        ]
    );
    {
        let mut ui = simulator(screen.view());
        ui.find("Not invited: no seat left in the plan.")
            .expect("the refusal in words");
    }
    assert_eq!(seats.last(), Some(&(limit, limit)));
    assert_eq!(seats_of(&p).await, (limit, limit), "every seat is taken");
    let _ = screen.update(Message::Invite(invite::Message::Close));

    // Resend: a new link, the old one dies.
    let new1 = screen
        .rows()
        .iter()
        .find(|i| i.email == "new1@example.com")
        .expect("listed")
        .clone();
    let old_tokens = tokens_for(&p, "new1@example.com").await;
    assert_eq!(old_tokens.len(), 1, "one live link");
    let _ = screen.update(Message::Ask(Change::Resend, new1.id));
    {
        let mut ui = simulator(screen.view());
        ui.find(containing("A new link goes to new1@example.com"))
            .expect("what happens");
    }
    let _ = send(&mut screen, Message::Confirm).await;
    {
        let mut ui = simulator(screen.view());
        ui.find("A new link went to new1@example.com; the old one no longer works.")
            .expect("what happened");
    }
    let new_tokens = tokens_for(&p, "new1@example.com").await;
    assert_eq!(new_tokens.len(), 1, "still one live link");
    assert_ne!(new_tokens, old_tokens, "and it is a new one");
    assert_eq!(seats_of(&p).await, (limit, limit), "a resend takes no seat");

    // Revoke: the seat frees.
    let new2 = screen
        .rows()
        .iter()
        .find(|i| i.email == "new2@example.com")
        .expect("listed")
        .id;
    let _ = screen.update(Message::Ask(Change::Revoke, new2));
    let seats = send(&mut screen, Message::Confirm).await;
    assert_eq!(
        seats.last(),
        Some(&(limit - 1, limit)),
        "the gauge shows the freed seat"
    );
    assert_eq!(seats_of(&p).await, (limit - 1, limit));
    {
        let mut ui = simulator(screen.view());
        ui.find("The invitation to new2@example.com is revoked; its seat is free again.")
            .expect("what happened");
        ui.find(format!("Seats: {} of {limit}", limit - 1))
            .expect("the screen's own gauge");
    }
    let revoked = p
        .admin
        .invitations(
            &p.org,
            &InvitationQuery {
                status: Some(InvitationStatus::Revoked),
                ..InvitationQuery::default()
            },
        )
        .await
        .expect("invitations");
    assert_eq!(revoked.items.len(), 1);
    assert_eq!(revoked.items[0].email, "new2@example.com");
    assert!(
        tokens_for(&p, "new2@example.com").await.is_empty(),
        "its link is dead"
    );

    // Revoking it again: the platform refuses, in words.
    let _ = send(
        &mut screen,
        Message::StatusFilter(Some(InvitationStatus::Revoked)),
    )
    .await;
    assert_eq!(screen.rows().len(), 1, "the filter narrows the list");
    {
        let mut ui = simulator(screen.view());
        ui.find("new2@example.com").expect("the revoked one");
        assert!(
            ui.find("Revoke").is_err(),
            "a revoked invitation offers no Revoke"
        );
    }
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
        if !permissions
            .iter()
            .any(|e| e.permission == "org.members.invite")
        {
            plain = Some(member.email.clone());
            break;
        }
    }
    let plain = plain.expect("a member who may not invite");
    let client = p.sign_in(&plain).await;

    let (mut screen, task) = Invitations::new(client, p.org.clone(), None);
    let _ = drive(&mut screen, task).await;
    {
        let mut ui = simulator(screen.view());
        ui.find(containing("You don't have the permission for this"))
            .expect("the list is refused in words");
    }
    let _ = screen.update(Message::OpenInvite);
    let _ = screen.update(paste("sneaky@example.com"));
    let _ = send(&mut screen, Message::Invite(invite::Message::Send)).await;
    {
        let mut ui = simulator(screen.view());
        let refusal = ui
            .find(containing("You don't have the permission for this"))
            .expect("the invitation is refused in words");
        assert!(refusal.contains("org.members.invite"), "{refusal}");
    }
    let all = p
        .admin
        .invitations(&p.org, &InvitationQuery::default())
        .await
        .expect("invitations");
    assert!(
        all.items.iter().all(|i| i.email != "sneaky@example.com"),
        "nothing was invited"
    );
}

#[test]
fn groups_granting_what_the_inviter_lacks_are_held_back_with_the_reason() {
    let _words = english();
    let mut screen = screen_with(Vec::new(), (3, 10));
    let mut auditors = group(902, "Auditors");
    auditors.permissions = vec!["org.audit.read".into()];
    let _ = screen.update(Message::GroupsLoaded(Ok(vec![
        group(900, "User"),
        auditors,
    ])));
    let held = |permission: &str| orgdesk_api::EffectivePermission {
        permission: permission.into(),
        product: "org".into(),
        description: String::new(),
        granted_by: Vec::new(),
    };
    let _ = screen.update(Message::HeldLoaded(Ok(vec![held("org.members.read")])));
    let _ = screen.update(Message::OpenInvite);
    // A forged toggle changes nothing: the platform would refuse every address.
    let _ = screen.update(Message::Invite(invite::Message::ToggleGroup(
        Uuid::from_u128(902),
        true,
    )));
    let _ = screen.update(paste("ada@example.com"));
    let mut ui = simulator(screen.view());
    ui.find("Grants org.audit.read, which you do not hold: you cannot invite into it.")
        .expect("the reason, up front");
    let chosen = screen.invite_dialog().expect("open").chosen();
    assert!(chosen.contains(&Uuid::from_u128(900)), "User stays chosen");
    assert!(
        !chosen.contains(&Uuid::from_u128(902)),
        "Auditors cannot be chosen"
    );
}
