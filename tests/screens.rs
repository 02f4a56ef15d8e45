//! Screens driven headless with iced_test: messages in, clicks, what shows.

use iced_test::simulator;
use orgdesk::screen::{login, members};
use orgdesk_api::{GroupRef, Member, MembershipStatus, Page};
use orgdesk_client::Client;
use time::OffsetDateTime;
use uuid::Uuid;

mod support;

use support::{english_blocking as english, language};

fn people(n: usize) -> Vec<Member> {
    (0..n)
        .map(|i| Member {
            group_expiry: Vec::new(),
            id: Uuid::from_u128(i as u128 + 1),
            name: format!("Person {i:06}"),
            email: format!("person{i}@example.com"),
            status: if i % 10 == 3 {
                MembershipStatus::Suspended
            } else {
                MembershipStatus::Active
            },
            groups: vec![GroupRef {
                id: Uuid::from_u128(9),
                name: "User".into(),
            }],
            joined_at: OffsetDateTime::UNIX_EPOCH,
            last_login_at: None,
            suspended_at: None,
            updated_at: OffsetDateTime::UNIX_EPOCH,
            managed: false,
        })
        .collect()
}

fn page(rows: Vec<Member>) -> Page<Member> {
    let total = rows.len() as u64;
    Page {
        items: rows,
        next_cursor: None,
        total,
        total_is_estimate: false,
    }
}

/// A members screen, without a server (its first page is not answered).
fn members_screen() -> members::Members {
    let client = Client::new("http://127.0.0.1:9").expect("client");
    members::Members::new(client, "acme".into(), Some((12, 50))).0
}

/// The answer to the page `screen` waits for.
fn answer(screen: &members::Members, rows: Vec<Member>) -> members::Message {
    let request = screen.list().pending().cloned().expect("a page asked for");
    members::Message::Listed(request.answer(Ok(page(rows))))
}

/// A members screen fed one page, without a server.
fn members_with(rows: Vec<Member>) -> members::Members {
    let mut screen = members_screen();
    let _ = screen.update(answer(&screen, rows));
    screen
}

#[test]
fn sign_in_shows_the_form_and_the_local_platform() {
    let _words = english();
    let screen = login::Login::new(None, None, Some("Your session ended: sign in again".into()));
    let mut ui = simulator(screen.view());
    ui.find("Sign in to Orgdesk").expect("title");
    ui.find("Use a platform on this computer")
        .expect("local platform button");
    ui.find("Your session ended: sign in again")
        .expect("the reason a session ended");
    ui.click("Use a platform on this computer")
        .expect("clickable");
    assert!(matches!(
        ui.into_messages().next(),
        Some(login::Message::UseLocal)
    ));
}

#[test]
fn members_table_shows_rows_seats_and_counts() {
    let _words = english();
    let screen = members_with(people(3));
    let mut ui = simulator(screen.view());
    ui.find("Person 000000").expect("first row");
    ui.find("person2@example.com").expect("an email");
    ui.find("Seats: 12 of 50").expect("the seat gauge");
    ui.find("3 of 3 members").expect("the count");
    ui.click("Person 000001").expect("a row is clickable");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(
        messages
            .iter()
            .any(|m| matches!(m, members::Message::RowClicked(1))),
        "{messages:?}"
    );
}

#[test]
fn an_estimated_total_reads_about() {
    let _words = english();
    let mut screen = members_screen();
    let request = screen.list().pending().cloned().expect("a page asked for");
    let _ = screen.update(members::Message::Listed(request.answer(Ok(Page {
        next_cursor: Some("more".into()),
        total: 62_000,
        total_is_estimate: true,
        ..page(people(3))
    }))));
    let mut ui = simulator(screen.view());
    ui.find(support::text_containing("3 of about 62"))
        .expect("the platform estimated: the count says so");
}

#[test]
fn a_hundred_thousand_rows_build_only_the_visible_window() {
    let _words = english();
    let screen = members_with(people(100_000));
    let mut ui = simulator(screen.view());
    ui.find("Person 000000").expect("the top is built");
    assert!(
        ui.find("Person 099999").is_err(),
        "rows out of view are not built"
    );
    assert!(
        ui.find("Person 000200").is_err(),
        "rows far below are not built"
    );
}

#[test]
fn clicks_select_like_a_desktop_table() {
    let _words = english();
    let mut screen = members_with(people(10));
    let _ = screen.update(members::Message::RowClicked(2));
    let _ = screen.update(members::Message::ModifiersChanged(
        iced::keyboard::Modifiers::SHIFT,
    ));
    let _ = screen.update(members::Message::RowClicked(5));
    assert_eq!(screen.selected().len(), 4);
    let _ = screen.update(members::Message::ModifiersChanged(
        iced::keyboard::Modifiers::COMMAND,
    ));
    let _ = screen.update(members::Message::RowClicked(3));
    assert_eq!(
        screen
            .selected()
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>(),
        ["Person 000002", "Person 000004", "Person 000005"]
    );
    let mut ui = simulator(screen.view());
    ui.find("10 of 10 members · 3 selected")
        .expect("the selection count");
}

#[test]
fn stale_answers_are_dropped() {
    let _words = english();
    let mut screen = members_screen();
    let everyone = answer(&screen, people(7));
    // A filter asks again before the first answer arrives.
    let _ = screen.update(members::Message::StatusFilter(Some(
        MembershipStatus::Active,
    )));
    let _ = screen.update(answer(&screen, people(2)));
    // The answer to the older query must not replace the rows.
    let _ = screen.update(everyone);
    assert_eq!(screen.rows().len(), 2);
}

#[test]
fn german_follows_the_setting() {
    let _words = language("de-DE");
    let screen = login::Login::new(None, None, None);
    let mut ui = simulator(screen.view());
    ui.find("Bei Orgdesk anmelden").expect("German title");
}

#[test]
fn access_filters_ask_the_platform_and_run_over_the_offline_copy() {
    use orgdesk::screen::expiry::AccessFilter;
    let _words = english();
    let mut screen = members_with(people(3));
    let mut ui = simulator(screen.view());
    ui.click("Expiring in 7 days").expect("the filter");
    let messages: Vec<members::Message> = ui.into_messages().collect();
    assert!(
        matches!(
            messages.as_slice(),
            [members::Message::AccessFilter(Some(
                AccessFilter::Expiring(7)
            ))]
        ),
        "{messages:?}"
    );
    for message in messages {
        let _ = screen.update(message);
    }
    let query = screen.query(None);
    assert_eq!(query.expiring_within_days, Some(7));
    assert_eq!(query.inactive_days, None);
    // Another filter replaces it; the same one again turns it off.
    let _ = screen.update(members::Message::AccessFilter(Some(
        AccessFilter::Inactive(90),
    )));
    let query = screen.query(None);
    assert_eq!(
        (query.expiring_within_days, query.inactive_days),
        (None, Some(90))
    );
    let mut ui = simulator(screen.view());
    ui.click("Inactive 90+ days").expect("the filter, on");
    let messages: Vec<members::Message> = ui.into_messages().collect();
    assert!(matches!(
        messages.as_slice(),
        [members::Message::AccessFilter(None)]
    ));

    // Offline, the same rule runs over the copy.
    let now = OffsetDateTime::now_utc();
    let mut rows = people(3);
    rows[0].group_expiry = vec![orgdesk_api::GroupExpiry {
        group: Uuid::from_u128(9),
        expires_at: now + time::Duration::days(3),
    }];
    rows[1].group_expiry = vec![orgdesk_api::GroupExpiry {
        group: Uuid::from_u128(9),
        expires_at: now + time::Duration::days(20),
    }];
    rows[2].last_login_at = Some(now);
    let mut offline = members_screen();
    offline.show_cached(rows);
    let _ = offline.update(members::Message::AccessFilter(Some(
        AccessFilter::Expiring(7),
    )));
    let names: Vec<&str> = offline.rows().iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Person 000000"]);
    let _ = offline.update(members::Message::AccessFilter(Some(
        AccessFilter::Expiring(30),
    )));
    assert_eq!(offline.rows().len(), 2);
    // Joined in 1970 and never signed in: dormant; signed in now: not.
    let _ = offline.update(members::Message::AccessFilter(Some(
        AccessFilter::Inactive(90),
    )));
    let names: Vec<&str> = offline.rows().iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Person 000000", "Person 000001"]);
}

#[test]
fn extend_offers_the_selection() {
    let _words = english();
    let mut screen = members_with(people(3));
    let _ = screen.update(members::Message::RowClicked(1));
    let mut ui = simulator(screen.view());
    ui.click("Extend to…").expect("the action");
    let messages: Vec<members::Message> = ui.into_messages().collect();
    let mut extended = None;
    for message in messages {
        if let members::Action::ExtendGroups(chosen) = screen.update(message) {
            extended = Some(chosen);
        }
    }
    let chosen = extended.expect("the selection to extend");
    assert_eq!(chosen.len(), 1);
    assert_eq!(chosen[0].name, "Person 000001");
}

#[test]
fn german_access_filters() {
    let _words = language("de-DE");
    let screen = members_with(people(2));
    let mut ui = simulator(screen.view());
    ui.find("Endet in 30 Tagen").expect("expiring");
    ui.find("Inaktiv seit 90+ Tagen").expect("dormant");
}

#[test]
fn dormant_suspension_previews_then_applies_in_one_request() {
    use orgdesk::screen::dormant;
    use orgdesk::screen::expiry::AccessFilter;
    use orgdesk_api::BulkSuspendResult;
    let _words = english();
    let mut screen = members_with(people(5));
    let _ = screen.update(members::Message::RowClicked(0));
    // Without the Inactive filter there is no "Suspend selected".
    let mut ui = simulator(screen.view());
    assert!(ui.find("Suspend selected").is_err());
    drop(ui);
    let _ = screen.update(members::Message::AccessFilter(Some(
        AccessFilter::Inactive(90),
    )));
    let _ = screen.update(answer(&screen, people(5)));
    let _ = screen.update(members::Message::RowClicked(0));
    let _ = screen.update(members::Message::ModifiersChanged(
        iced::keyboard::Modifiers::SHIFT,
    ));
    let _ = screen.update(members::Message::RowClicked(3)); // 3 is suspended already
    let _ = screen.update(members::Message::ModifiersChanged(
        iced::keyboard::Modifiers::default(),
    ));
    let mut ui = simulator(screen.view());
    ui.click("Suspend selected").expect("the action");
    let messages: Vec<members::Message> = ui.into_messages().collect();
    for message in messages {
        assert!(matches!(screen.update(message), members::Action::Run(_)));
    }
    let mut ui = simulator(screen.view());
    ui.find("Asking the platform what the suspension would do…")
        .expect("the dry run first");
    drop(ui);

    let would = BulkSuspendResult {
        dry_run: true,
        suspended: (1..=3).map(Uuid::from_u128).collect(),
        unchanged: 1,
        seats_freed: 3,
        seats_used: 9,
    };
    let answer_dialog = |screen: &members::Members, result: BulkSuspendResult| {
        members::Message::Dormant(dormant::Message::Answered {
            tag: screen
                .dormant()
                .and_then(dormant::Dormant::pending)
                .expect("a request on its way"),
            result: Ok(result),
        })
    };
    let _ = screen.update(answer_dialog(&screen, would.clone()));
    let mut ui = simulator(screen.view());
    ui.find("3 members would be suspended, freeing 3 seats (seats in use afterwards: 9). One selected member is suspended already.")
        .expect("the preview in words");
    ui.click("Suspend").expect("apply");
    let messages: Vec<members::Message> = ui.into_messages().collect();
    for message in messages {
        assert!(matches!(screen.update(message), members::Action::Run(_)));
    }
    // Esc while it runs keeps the dialog.
    assert!(screen.escape(), "Esc went to the dialog");
    assert!(screen.dormant().is_some());
    let done = BulkSuspendResult {
        dry_run: false,
        ..would
    };
    let action = screen.update(answer_dialog(&screen, done));
    assert!(
        matches!(action, members::Action::Run(_)),
        "the list reloads"
    );
    assert!(screen.list().pending().is_some());
    let mut ui = simulator(screen.view());
    ui.find("3 members suspended; 3 seats freed.")
        .expect("done");
    ui.find("Seats: 9 of 50").expect("the gauge follows");
    ui.click("Close").expect("close");
    let messages: Vec<members::Message> = ui.into_messages().collect();
    for message in messages {
        let _ = screen.update(message);
    }
    assert!(screen.dormant().is_none());
}

#[test]
fn a_refused_dormant_preview_is_explained() {
    use orgdesk::screen::dormant;
    use orgdesk::screen::expiry::AccessFilter;
    let _words = language("de-DE");
    let mut screen = members_with(people(2));
    let _ = screen.update(members::Message::AccessFilter(Some(
        AccessFilter::Inactive(90),
    )));
    let _ = screen.update(answer(&screen, people(2)));
    let _ = screen.update(members::Message::RowClicked(1));
    assert!(matches!(
        screen.update(members::Message::SuspendSelected),
        members::Action::Run(_)
    ));
    let tag = screen
        .dormant()
        .and_then(dormant::Dormant::pending)
        .expect("the dry run");
    let _ = screen.update(members::Message::Dormant(dormant::Message::Answered {
        tag,
        result: Err(orgdesk_client::Error::Decode("not json".into())),
    }));
    let mut ui = simulator(screen.view());
    ui.find("Inaktive Mitglieder sperren")
        .expect("German title");
    assert!(ui.find("Sperren").is_err(), "nothing to confirm");
    drop(ui);
    // Esc closes it (nothing runs), and a second Esc has nothing to close.
    assert!(screen.escape());
    assert!(screen.dormant().is_none());
    assert!(!screen.escape());
}
