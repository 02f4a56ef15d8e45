//! The sheet without a server: details fed in as the load would bring them.

use std::collections::BTreeMap;

use iced_test::simulator;
use orgdesk::screen::member::{Act, Action, Details, Message, Part, Sessions, Sheet, Tab};
use orgdesk_api::{
    EffectivePermission, GrantingGroup, Group, GroupRef, Member, MemberProfile, MembershipStatus,
    Problem, SessionInfo,
};
use orgdesk_client::{ApiError, Client, Error};
use time::macros::datetime;
use uuid::Uuid;

use super::{english, language};

const ID: Uuid = Uuid::from_u128(7);

fn group(id: u128, name: &str, product: Option<&str>, description: &str) -> Group {
    Group {
        id: Uuid::from_u128(id),
        name: name.into(),
        description: description.into(),
        builtin: product.is_none() && name != "Night shift",
        product: product.map(Into::into),
        permissions: Vec::new(),
        member_count: 3,
        version: 1,
        created_at: datetime!(2025-01-01 00:00 UTC),
    }
}

fn session(ip: &str, location: &str, device: Option<&str>, day: u8) -> SessionInfo {
    let created = datetime!(2026-01-01 08:00 UTC).replace_day(day).unwrap();
    SessionInfo {
        id: Uuid::from_u128(100 + u128::from(day)),
        created_at: created,
        last_seen_at: created + time::Duration::minutes(90),
        ip: Some(ip.into()),
        location: Some(location.into()),
        // What the platform adds from the address for the console to name.
        city: (location == "Berlin, Germany").then(|| "Berlin".into()),
        country: (location == "Berlin, Germany").then(|| "DE".into()),
        private_network: location == "Private network",
        device: device.map(Into::into),
        user_agent: None,
        organization_id: None,
        current: false,
        revoked_at: (day == 2).then(|| created + time::Duration::hours(3)),
    }
}

fn permission(key: &str, product: &str, description: &str, by: &[&str]) -> EffectivePermission {
    EffectivePermission {
        permission: key.into(),
        product: product.into(),
        description: description.into(),
        granted_by: by
            .iter()
            .enumerate()
            .map(|(i, name)| GrantingGroup {
                group_id: Uuid::from_u128(i as u128 + 1),
                name: (*name).into(),
            })
            .collect(),
    }
}

fn ada(status: MembershipStatus) -> Member {
    Member {
        group_expiry: Vec::new(),
        id: ID,
        name: "Ada Lovelace".into(),
        email: "ada@example.com".into(),
        status,
        groups: vec![
            GroupRef {
                id: Uuid::from_u128(1),
                name: "Admin".into(),
            },
            GroupRef {
                id: Uuid::from_u128(3),
                name: "Sales Team".into(),
            },
            GroupRef {
                id: Uuid::from_u128(4),
                name: "Night shift".into(),
            },
        ],
        joined_at: datetime!(2025-03-01 09:00 UTC),
        last_login_at: None,
        suspended_at: (status == MembershipStatus::Suspended)
            .then_some(datetime!(2026-02-01 10:15 UTC)),
        updated_at: datetime!(2026-01-05 10:00 UTC),
        managed: false,
    }
}

fn details(status: MembershipStatus) -> Details {
    Details {
        member: ada(status),
        profile: Part::Ready(MemberProfile {
            id: ID,
            email: "ada@example.com".into(),
            email_verified: true,
            phone: Some("+49301234567".into()),
            job_title: Some("Analyst".into()),
            department: None,
            address: None,
            avatar_url: None,
            password_reset_required: false,
            managed: false,
            contact_withheld: false,
            status_since: match status {
                MembershipStatus::Active => datetime!(2025-06-01 12:30 UTC),
                MembershipStatus::Suspended => datetime!(2026-02-01 10:15 UTC),
            },
        }),
        groups: Part::Ready(vec![
            group(1, "Admin", None, "Everything in the organization"),
            group(3, "Sales Team", Some("crm"), "Works the pipeline"),
            group(4, "Night shift", None, "Covers the late hours"),
        ]),
        sessions: Part::Ready(Sessions {
            items: vec![
                session(
                    "203.0.113.7",
                    "Berlin, Germany",
                    Some("Firefox 133 on Windows 10"),
                    3,
                ),
                session("10.0.0.5", "Private network", None, 2),
            ],
            next_cursor: Some("more".into()),
            total: 3,
        }),
        permissions: Part::Ready(vec![
            permission(
                "org.members.read",
                "platform",
                "See the members",
                &["Admin", "User"],
            ),
            permission("crm.deals.read", "crm", "See deals", &["Sales Team"]),
        ]),
        products: BTreeMap::from([("crm".to_string(), "Customer Relations".to_string())]),
    }
}

fn offline_client() -> Client {
    Client::new("http://127.0.0.1:9").expect("client")
}

/// `details` as the answer to the load the sheet waits for.
fn answer(sheet: &Sheet, details: Details) -> Message {
    Message::Loaded {
        tag: sheet.pending().expect("a load on its way"),
        result: Ok(Box::new(details)),
    }
}

/// A sheet whose load brought `details`.
fn loaded(details: Details) -> Sheet {
    let row = details.member.clone();
    let (mut sheet, _task) = Sheet::new(offline_client(), "acme".into(), ID, Some(row));
    let action = sheet.update(answer(&sheet, details));
    assert!(
        matches!(action, Action::Loaded),
        "a fresh load is for the cache"
    );
    sheet
}

fn on(mut sheet: Sheet, tab: Tab) -> Sheet {
    let _ = sheet.update(Message::TabSelected(tab));
    sheet
}

fn refusal(code: &str, status: u16, detail: &str) -> Error {
    Error::Api(Box::new(ApiError {
        status,
        problem: Problem {
            kind: "about:blank".into(),
            title: "Refused".into(),
            status,
            detail: Some(detail.into()),
            code: code.into(),
            ..Problem::default()
        },
        retry_after: None,
    }))
}

#[test]
fn general_shows_status_since_and_the_times() {
    let _words = english();
    let sheet = loaded(details(MembershipStatus::Active));
    let mut ui = simulator(sheet.view());
    ui.find("Ada Lovelace").expect("the name");
    ui.find("Active since 6/1/2025, 12:30\u{202f}PM")
        .expect("status with since-when");
    ui.find("3/1/2025, 9:00\u{202f}AM").expect("joined");
    ui.find("never").expect("no sign-in yet");
    ui.find("1/5/2026, 10:00\u{202f}AM").expect("last changed");
    ui.find("Analyst").expect("job title");
    ui.find("Member of (3)").expect("the groups tab counts");
    ui.find("Permissions (2)")
        .expect("the permissions tab counts");
    assert!(
        ui.find("A reset is pending: they must choose a new password at their next sign-in.")
            .is_err()
    );

    let mut suspended = details(MembershipStatus::Suspended);
    if let Part::Ready(profile) = &mut suspended.profile {
        profile.password_reset_required = true;
    }
    let sheet = loaded(suspended);
    let mut ui = simulator(sheet.view());
    ui.find("Suspended since 2/1/2026, 10:15\u{202f}AM")
        .expect("suspended since");
    ui.find("A reset is pending: they must choose a new password at their next sign-in.")
        .expect("a pending reset shows");
}

#[test]
fn the_row_shows_while_details_load() {
    let _words = english();
    let (sheet, _task) = Sheet::new(
        offline_client(),
        "acme".into(),
        ID,
        Some(ada(MembershipStatus::Active)),
    );
    assert!(sheet.details().is_none());
    let mut ui = simulator(sheet.view());
    ui.find("Ada Lovelace").expect("the list's row");
    ui.find("Active").expect("its status");
}

#[test]
fn contact_shows_email_phone_and_what_is_missing() {
    let _words = english();
    let sheet = on(loaded(details(MembershipStatus::Active)), Tab::Contact);
    let mut ui = simulator(sheet.view());
    ui.find("ada@example.com (verified)").expect("email");
    ui.find("+49301234567").expect("phone");
    ui.find("not given").expect("no address");
}

#[test]
fn member_of_lists_groups_with_their_products() {
    let _words = english();
    let sheet = on(loaded(details(MembershipStatus::Active)), Tab::MemberOf);
    let mut ui = simulator(sheet.view());
    ui.find("Sales Team").expect("a product group");
    ui.find("Customer Relations").expect("its product, by name");
    ui.find("Works the pipeline").expect("its description");
    ui.find("Built-in").expect("Admin is built in");
    ui.find("Custom").expect("a group the organization made");

    // Groups refused: the names stay, and the sheet says why the rest is missing.
    let mut refused = details(MembershipStatus::Active);
    refused.groups = Part::Refused {
        code: "forbidden".into(),
        detail: "org.groups.read".into(),
    };
    let sheet = on(loaded(refused), Tab::MemberOf);
    let mut ui = simulator(sheet.view());
    ui.find("Night shift").expect("names from the member row");
    ui.find("Products and descriptions are not shown: You don't have the permission for this (org.groups.read).")
        .expect("why");
}

#[test]
fn member_of_shows_when_each_membership_ends() {
    let now = time::OffsetDateTime::now_utc();
    let mut ending = details(MembershipStatus::Active);
    let far = time::macros::datetime!(2099-01-31 00:00 UTC);
    ending.member.group_expiry = vec![
        orgdesk_api::GroupExpiry {
            group: Uuid::from_u128(3),
            expires_at: far,
        },
        orgdesk_api::GroupExpiry {
            group: Uuid::from_u128(4),
            expires_at: now + time::Duration::days(3) + time::Duration::hours(2),
        },
    ];
    {
        let _words = english();
        let sheet = on(loaded(ending.clone()), Tab::MemberOf);
        let mut ui = simulator(sheet.view());
        ui.find("Ends").expect("the column");
        ui.find("until 1/31/2099").expect("a far end: its day");
        ui.find("ends in 3 days").expect("a near end: how near");
        // Admin has no end: nothing is said.
        assert!(ui.find("ended").is_err());
    }
    let _words = language("de-DE");
    let sheet = on(loaded(ending), Tab::MemberOf);
    let mut ui = simulator(sheet.view());
    ui.find("bis 31.01.2099").expect("German day");
    ui.find("endet in 3 Tagen").expect("German nearness");
}

#[test]
fn sessions_show_time_address_location_device_and_page_on() {
    let _words = english();
    let sheet = on(loaded(details(MembershipStatus::Active)), Tab::Sessions);
    let mut ui = simulator(sheet.view());
    ui.find("1/3/2026, 8:00\u{202f}AM").expect("signed in");
    ui.find("1/3/2026, 9:30\u{202f}AM").expect("last seen");
    ui.find("203.0.113.7").expect("IP");
    ui.find("Berlin, Germany").expect("location");
    ui.find("Firefox 133 on Windows 10").expect("device");
    ui.find("unknown")
        .expect("a device the platform could not read");
    ui.find("still open").expect("an open session");
    ui.find("1/2/2026, 11:00\u{202f}AM")
        .expect("when the other one ended");
    ui.find("2 of 3 sign-ins").expect("the count");
    ui.click("Load more").expect("more pages");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(
        messages.iter().any(|m| matches!(m, Message::MoreSessions)),
        "{messages:?}"
    );

    // Places in the console's language, not the platform's English.
    // (The language lock is held already: switch under it, then back.)
    orgdesk::i18n::select(Some("de-DE"));
    {
        let mut ui = simulator(sheet.view());
        ui.find("Berlin, Deutschland")
            .expect("the country named in German");
        ui.find("Privates Netz")
            .expect("a private address in German");
    }
    orgdesk::i18n::select(Some("en-US"));

    let mut refused = details(MembershipStatus::Active);
    refused.sessions = Part::Refused {
        code: "forbidden".into(),
        detail: "org.members.sessions.read".into(),
    };
    let sheet = on(loaded(refused), Tab::Sessions);
    let mut ui = simulator(sheet.view());
    ui.find("You don't have the permission for this (org.members.sessions.read).")
        .expect("a refused section in words");
}

#[test]
fn permissions_are_grouped_by_product_with_their_groups() {
    let _words = english();
    let sheet = on(loaded(details(MembershipStatus::Active)), Tab::Permissions);
    let mut ui = simulator(sheet.view());
    ui.find("Platform").expect("the platform's heading");
    ui.find("Customer Relations").expect("a product's heading");
    ui.find("org.members.read").expect("a permission");
    ui.find("See the members").expect("its description");
    ui.find("Granted by Admin, User").expect("who grants it");
    ui.find("Granted by Sales Team")
        .expect("who grants the other");

    let mut none = details(MembershipStatus::Suspended);
    none.permissions = Part::Ready(Vec::new());
    let sheet = on(loaded(none), Tab::Permissions);
    let mut ui = simulator(sheet.view());
    ui.find("Suspended members hold no permissions.")
        .expect("why a suspended member holds none");
}

#[test]
fn suspend_asks_first_and_says_what_will_happen() {
    let _words = english();
    let mut sheet = loaded(details(MembershipStatus::Active));
    let mut ui = simulator(sheet.view());
    assert!(ui.find("Reactivate").is_err(), "an active member");
    ui.click("Suspend").expect("the action");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(matches!(messages[..], [Message::Ask(Act::Suspend)]));
    for m in messages {
        assert!(matches!(sheet.update(m), Action::None), "nothing sent yet");
    }
    let mut ui = simulator(sheet.view());
    ui.find("Suspend Ada Lovelace?").expect("the title");
    ui.find("Ada Lovelace loses access to this organization: their sessions here end at their next request, and their seat is freed. Their account, their groups and their other organizations stay as they are. You can reactivate them later while a seat is free.")
        .expect("what will happen");
    ui.click("Cancel").expect("a way out");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(matches!(messages[..], [Message::CancelConfirm]));

    // Esc closes the confirmation first, then the sheet is the parent's to close.
    assert!(sheet.escape(), "the confirmation closes");
    assert!(!sheet.escape(), "nothing left to close");
    let mut ui = simulator(sheet.view());
    assert!(ui.find("Suspend Ada Lovelace?").is_err());
    drop(ui);

    // Confirming sends it.
    let _ = sheet.update(Message::Ask(Act::Suspend));
    assert!(matches!(sheet.update(Message::Confirm), Action::Run(_)));
    let mut ui = simulator(sheet.view());
    ui.find("Working…")
        .expect("busy while the platform answers");
}

#[test]
fn reactivate_and_reset_say_what_will_happen() {
    let _words = english();
    let mut sheet = loaded(details(MembershipStatus::Suspended));
    let mut ui = simulator(sheet.view());
    assert!(ui.find("Suspend").is_err(), "a suspended member");
    ui.click("Reactivate").expect("the action");
    drop(ui);
    let _ = sheet.update(Message::Ask(Act::Reactivate));
    let mut ui = simulator(sheet.view());
    ui.find("Reactivate Ada Lovelace?").expect("title");
    ui.find("Ada Lovelace gets access to this organization again, with the groups and permissions they had, and takes a seat again. When every seat is in use, the platform refuses.")
        .expect("what will happen");
    drop(ui);
    assert!(sheet.escape());

    let _ = sheet.update(Message::Ask(Act::ForceReset));
    let mut ui = simulator(sheet.view());
    ui.find("Force a password reset for Ada Lovelace?")
        .expect("title");
    ui.find("Ada Lovelace is signed out everywhere now and must choose a new password at their next sign-in. You never see or set their password.")
        .expect("what will happen");
}

#[test]
fn refusals_show_in_words_and_change_nothing() {
    let _words = english();
    for (act, code, status, words) in [
        (
            Act::Suspend,
            "cannot_suspend_self",
            409,
            "You cannot suspend yourself.",
        ),
        (
            Act::Suspend,
            "last_admin",
            409,
            "This would leave the organization without an administrator.",
        ),
        (
            Act::Reactivate,
            "seat_limit_reached",
            409,
            "All seats of the plan are in use. Free a seat or buy more first.",
        ),
        (
            Act::ForceReset,
            "forbidden",
            403,
            "You don't have the permission for this (org.members.reset_password).",
        ),
    ] {
        let mut sheet = loaded(details(MembershipStatus::Active));
        let _ = sheet.update(Message::Ask(act));
        let _ = sheet.update(Message::Confirm);
        let detail = if code == "forbidden" {
            "org.members.reset_password"
        } else {
            "refused"
        };
        let action = sheet.update(Message::Acted(act, Err(refusal(code, status, detail))));
        assert!(
            matches!(action, Action::None),
            "{code}: no change to report"
        );
        assert_eq!(
            sheet.details().unwrap().member.status,
            MembershipStatus::Active,
            "{code}"
        );
        let mut ui = simulator(sheet.view());
        ui.find(words).unwrap_or_else(|_| panic!("{code} in words"));
        assert!(ui.find(code).is_err(), "never the bare code");
        ui.find("Active since 6/1/2025, 12:30\u{202f}PM")
            .expect("the status stands");
    }
    // The end of the session is the console's to act on (the client tells
    // it); the sheet says it like any other refusal.
    let mut sheet = loaded(details(MembershipStatus::Active));
    let _ = sheet.update(Message::Ask(Act::Suspend));
    let _ = sheet.update(Message::Confirm);
    let action = sheet.update(Message::Acted(
        Act::Suspend,
        Err(refusal("unauthenticated", 401, "expired")),
    ));
    assert!(matches!(action, Action::None));
    simulator(sheet.view())
        .find("Your session has ended. Sign in again.")
        .expect("said like any refusal");
}

#[test]
fn a_done_action_reloads_then_tells_the_parent() {
    let _words = english();
    let mut sheet = loaded(details(MembershipStatus::Active));
    // A refresh is on its way when the action is confirmed.
    let _ = sheet.update(Message::Refresh);
    let before = answer(&sheet, details(MembershipStatus::Active));
    let _ = sheet.update(Message::Ask(Act::Suspend));
    let _ = sheet.update(Message::Confirm);
    let changed = ada(MembershipStatus::Suspended);
    let action = sheet.update(Message::Acted(Act::Suspend, Ok(Some(changed))));
    assert!(matches!(action, Action::Run(_)), "reads the member back");
    let mut ui = simulator(sheet.view());
    ui.find("Ada Lovelace is suspended.")
        .expect("done, in words");
    ui.find("Reactivate").expect("the other action now");
    drop(ui);
    // An answer to the load before the action is dropped.
    let after = answer(&sheet, details(MembershipStatus::Suspended));
    let stale = sheet.update(before);
    assert!(matches!(stale, Action::None));
    let action = sheet.update(after);
    match action {
        Action::MemberChanged(member) => assert_eq!(member.status, MembershipStatus::Suspended),
        _ => panic!("the parent hears of the change"),
    }
}

#[test]
fn offline_copy_is_read_only_and_says_why() {
    let _words = english();
    let copy = details(MembershipStatus::Active);
    let json = serde_json::to_string(&copy).expect("serializes");
    let back: Details = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, copy, "the cache gives back what it was given");

    let mut sheet = Sheet::offline(back, datetime!(2026-03-04 05:06 UTC));
    assert_eq!(sheet.id(), ID);
    assert_eq!(sheet.details(), Some(&copy));
    let mut ui = simulator(sheet.view());
    ui.find("Read-only: the copy saved 3/4/2026, 5:06\u{202f}AM. Suspending, reactivating and resets need the platform.")
        .expect("why the actions are off");
    ui.find("Active since 6/1/2025, 12:30\u{202f}PM")
        .expect("the copy");
    let _ = ui.click("Suspend");
    let _ = ui.click("Force password reset");
    let _ = ui.click("Refresh");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(messages.is_empty(), "disabled: {messages:?}");
    // Even sent directly, nothing opens or runs.
    assert!(matches!(
        sheet.update(Message::Ask(Act::Suspend)),
        Action::None
    ));
    assert!(!sheet.escape(), "no confirmation opened");
    assert!(matches!(sheet.update(Message::Confirm), Action::None));
    assert!(matches!(sheet.update(Message::Refresh), Action::None));
    assert!(matches!(sheet.update(Message::MoreSessions), Action::None));
    // Every tab still reads.
    let sheet = on(sheet, Tab::Sessions);
    let mut ui = simulator(sheet.view());
    ui.find("203.0.113.7").expect("sessions offline");
    assert!(ui.find("Load more").is_err(), "no paging offline");
}

#[test]
fn close_button_asks_the_parent() {
    let _words = english();
    let mut sheet = loaded(details(MembershipStatus::Active));
    let mut ui = simulator(sheet.view());
    ui.click("Close").expect("a Close button");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(matches!(messages[..], [Message::Close]));
    assert!(matches!(sheet.update(Message::Close), Action::Close));
}

#[test]
fn german_sheet() {
    let _words = language("de-DE");
    let mut sheet = loaded(details(MembershipStatus::Active));
    let mut ui = simulator(sheet.view());
    ui.find("Aktiv seit 01.06.2025, 12:30").expect("status");
    ui.find("Sperren").expect("suspend");
    drop(ui);
    let _ = sheet.update(Message::Ask(Act::Suspend));
    let mut ui = simulator(sheet.view());
    ui.find("Ada Lovelace sperren?")
        .expect("confirmation title");
}

#[test]
fn more_sessions_append_and_stale_pages_are_dropped() {
    let _words = english();
    let mut sheet = on(loaded(details(MembershipStatus::Active)), Tab::Sessions);
    assert!(matches!(
        sheet.update(Message::MoreSessions),
        Action::Run(_)
    ));
    assert!(
        matches!(sheet.update(Message::MoreSessions), Action::None),
        "one page at a time"
    );
    let third = session("198.51.100.9", "Lisbon, Portugal", Some("Safari on iOS"), 1);
    let page = |items| orgdesk_api::Page {
        items,
        next_cursor: None,
        total: 3,
        total_is_estimate: false,
    };
    // A page asked for before a reload is dropped.
    let before = sheet.pending_sessions().expect("a page on its way");
    let _ = sheet.update(Message::Refresh);
    assert!(matches!(
        sheet.update(Message::SessionsListed {
            tag: before,
            result: Ok(page(vec![third.clone()])),
        }),
        Action::None
    ));
    let _ = sheet.update(answer(&sheet, details(MembershipStatus::Active)));
    let _ = sheet.update(Message::MoreSessions);
    let action = sheet.update(Message::SessionsListed {
        tag: sheet.pending_sessions().expect("the next page asked for"),
        result: Ok(page(vec![third])),
    });
    assert!(matches!(action, Action::Loaded), "more to cache");
    let sessions = sheet.details().unwrap().sessions.ready().unwrap();
    assert_eq!(sessions.items.len(), 3);
    assert_eq!(sessions.next_cursor, None);
    let mut ui = simulator(sheet.view());
    ui.find("Lisbon, Portugal").expect("the next page shows");
    ui.find("3 of 3 sign-ins").expect("the count");
    assert!(ui.find("Load more").is_err(), "nothing more");
}

#[test]
fn a_running_action_keeps_the_sheet_open() {
    let _words = english();
    let mut sheet = loaded(details(MembershipStatus::Active));
    let _ = sheet.update(Message::Ask(Act::ForceReset));
    let _ = sheet.update(Message::Confirm);
    assert!(sheet.escape(), "Esc waits for the platform's answer");
    assert!(matches!(sheet.update(Message::Close), Action::None));
    let mut ui = simulator(sheet.view());
    let _ = ui.click("Close");
    assert!(
        ui.into_messages().next().is_none(),
        "Close is off meanwhile"
    );
    let _ = sheet.update(Message::Acted(Act::ForceReset, Ok(None)));
    assert!(!sheet.escape(), "then Esc closes the sheet again");
    assert!(matches!(sheet.update(Message::Close), Action::Close));
}
