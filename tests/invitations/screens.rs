//! The screen and its Invite dialog headless: list, filter, dialogs,
//! confirmations, per-address results, CSV files, German.

use super::*;

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
    ui.find("accepted 11/4/2025, 8:30\u{202f}AM")
        .expect("when it was accepted");
    ui.find("11/10/2025, 2:03\u{202f}PM")
        .expect("when the link runs out");
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
    // The unfiltered list is asked for again; its answer will come late.
    let _ = screen.update(Message::Refresh);
    let late = answer(
        &screen,
        vec![invitation(5, "late@example.com", InvitationStatus::Pending)],
    );
    let mut ui = simulator(screen.view());
    ui.click("Expired").expect("the status filter");
    let filter = ui.into_messages().next().expect("a message");
    assert!(matches!(
        filter,
        Message::StatusFilter(Some(InvitationStatus::Expired))
    ));
    assert!(matches!(screen.update(filter), invitations::Action::Run(_)));
    let filtered = answer(
        &screen,
        vec![invitation(3, "cy@example.com", InvitationStatus::Expired)],
    );
    // The answer to the unfiltered list comes late: it must not replace the rows.
    let _ = screen.update(late);
    assert!(screen.rows().is_empty() || screen.rows()[0].email != "late@example.com");
    let _ = screen.update(filtered);
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

#[test]
fn access_can_end_on_a_day_chosen_in_the_dialog() {
    let _words = english();
    let mut screen = screen_with(Vec::new(), (10, 50));
    let _ = screen.update(Message::OpenInvite);
    let _ = screen.update(paste("temp@example.com"));
    {
        let mut ui = simulator(screen.view());
        ui.find("Access ends on (optional)").expect("the field");
        ui.find("Without a date, access lasts until someone removes it.")
            .expect("what no date means");
    }
    let until = |typed: &str| Message::Invite(invite::Message::UntilChanged(typed.into()));
    let _ = screen.update(until("31.01.2099"));
    {
        let dialog = screen.invite_dialog().expect("open");
        assert!(dialog.until().is_err());
        let mut ui = simulator(screen.view());
        ui.find("Write the date as YYYY-MM-DD, for example 2027-01-31.")
            .expect("why not");
        ui.click("Send one invitation").expect("the button");
        assert!(ui.into_messages().next().is_none(), "blocked");
    }
    let _ = screen.update(until("2020-01-31"));
    {
        let mut ui = simulator(screen.view());
        ui.find("Access must end in the future: choose a later day.")
            .expect("a past day");
    }
    let _ = screen.update(until("2099-01-31"));
    let dialog = screen.invite_dialog().expect("open");
    assert_eq!(dialog.until(), Ok(Some(datetime!(2099-01-31 0:00 UTC))));
    let mut ui = simulator(screen.view());
    ui.find(
        "Their group memberships end as that day starts (UTC); from then on they grant nothing.",
    )
    .expect("what the day means");
    drop(ui);
    assert!(matches!(
        screen.update(Message::Invite(invite::Message::Send)),
        invitations::Action::Run(_)
    ));
}

#[test]
fn the_list_shows_when_the_access_ends() {
    let _words = english();
    let mut ending = invitation(1, "temp@example.com", InvitationStatus::Pending);
    ending.membership_expires_at = Some(datetime!(2099-01-31 0:00 UTC));
    let screen = screen_with(
        vec![
            ending,
            invitation(2, "staff@example.com", InvitationStatus::Pending),
        ],
        (12, 50),
    );
    let mut ui = simulator(screen.view());
    ui.find("Access ends").expect("the column");
    ui.find("1/31/2099").expect("the day");
    ui.find("—").expect("none for the other");
}
