//! My Profile and My Permissions: each tab driven headless with iced_test
//! (messages in, what shows, what clicks send), then end to end against a
//! real platform in this process — the screens' own tasks run, their
//! messages fed back, and the platform's state checked with real clients.

mod support;

use std::collections::VecDeque;
use std::io::Cursor;
use std::path::Path;

use iced::{Element, Size};
use iced_test::Simulator;
use iced_test::core::Settings;
use orgdesk::screen::my_permissions::{self, MyPermissions, Overview};
use orgdesk::screen::profile::{
    self, Profile, Recent, SessionStatus, Tab, details, organizations, password, picture, sessions,
};
use orgdesk_api::{
    self as api, AccountList, CreateGroup, EffectivePermission, FieldError, GrantingGroup,
    GroupRef, LoginRequest, MemberQuery, MembershipStatus, MyOrganization, OrgStatus, Problem,
    SessionInfo,
};
use orgdesk_client::{ApiError, Client, Error};
use time::{Duration, OffsetDateTime, macros::datetime};
use uuid::Uuid;

/// The language is process-wide: tests that read words take turns (async
/// ones hold it across awaits, hence tokio's lock).
static LANGUAGE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn english() -> tokio::sync::MutexGuard<'static, ()> {
    let guard = LANGUAGE.blocking_lock();
    orgdesk::i18n::select(Some("en-US"));
    guard
}

async fn english_async() -> tokio::sync::MutexGuard<'static, ()> {
    let guard = LANGUAGE.lock().await;
    orgdesk::i18n::select(Some("en-US"));
    guard
}

/// A window tall enough that every part of a tab is on screen to click.
fn tall<'a, M>(view: impl Into<Element<'a, M>>) -> Simulator<'a, M> {
    Simulator::with_size(Settings::default(), Size::new(1400.0, 2400.0), view)
}

fn offline() -> Client {
    Client::new("http://127.0.0.1:9").expect("client")
}

fn refusal(status: u16, code: &str, detail: &str, errors: Vec<FieldError>) -> Error {
    Error::Api(Box::new(ApiError {
        status,
        problem: Problem {
            kind: "about:blank".into(),
            title: code.into(),
            status,
            detail: Some(detail.into()),
            code: code.into(),
            errors,
        },
        retry_after: None,
    }))
}

fn field_error(field: &str, code: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

fn dana() -> api::Profile {
    api::Profile {
        id: Uuid::from_u128(7),
        name: "Dana Demo".into(),
        email: "dana@example.com".into(),
        email_verified: true,
        pending_email: None,
        phone: Some("+49301234567".into()),
        job_title: Some("Engineer".into()),
        department: Some("Platform".into()),
        address: None,
        avatar_url: None,
        created_at: OffsetDateTime::UNIX_EPOCH,
        version: 3,
    }
}

fn profile_with(me: api::Profile) -> Profile {
    let (mut screen, _task) = Profile::new(offline());
    let _ = screen.update(profile::Message::Loaded(Ok(Box::new(me))));
    screen
}

fn edit(screen: &mut Profile, field: details::Field, value: &str) -> profile::Action {
    screen.update(profile::Message::Details(details::Message::Edited(
        field,
        value.into(),
    )))
}

fn clicked<M: Clone>(mut ui: Simulator<'_, M>, label: &str) -> Vec<M> {
    ui.click(label).expect("clickable");
    ui.into_messages().collect()
}

// ---- Picture and details ------------------------------------------------------------

#[test]
fn details_check_as_you_type_and_save_only_what_is_right() {
    let _words = english();
    let mut screen = profile_with(dana());
    let mut ui = tall(screen.view());
    ui.find("Dana Demo").expect("the name in its field");
    ui.find("+49301234567").expect("the phone in its field");
    ui.find("Choose a picture…").expect("the picture card");
    ui.find("DD").expect("initials where no picture is");

    drop(ui);
    let _ = edit(&mut screen, details::Field::Name, "  ");
    let _ = edit(&mut screen, details::Field::Email, "not-an-address");
    let mut ui = tall(screen.view());
    ui.find("Enter your name: 1 to 200 characters.")
        .expect("inline name check");
    ui.find("This is not an email address.")
        .expect("inline email check");
    assert!(
        clicked(ui, "Save changes").is_empty(),
        "nothing is sent while a field is wrong"
    );

    let _ = edit(&mut screen, details::Field::Name, "Dana D. Demo");
    let _ = edit(&mut screen, details::Field::Email, "dana@new.example");
    let mut ui = tall(screen.view());
    ui.find("We will mail a confirmation link to the new address. Until it is clicked you keep signing in with dana@example.com.")
        .expect("the email change explains itself before saving");
    let messages = clicked(ui, "Save changes");
    assert!(
        matches!(
            messages.as_slice(),
            [profile::Message::Details(details::Message::Save)]
        ),
        "{messages:?}"
    );
    assert!(matches!(
        screen.update(messages[0].clone()),
        profile::Action::Run(_)
    ));
    tall(screen.view()).find("Saving…").expect("working");
}

#[test]
fn the_platforms_field_errors_show_next_to_their_fields() {
    let _words = english();
    let mut screen = profile_with(dana());
    let _ = edit(&mut screen, details::Field::Phone, "12345");
    let _ = screen.update(profile::Message::Details(details::Message::Save));
    let answer = refusal(
        422,
        "invalid_phone",
        "phone: use an international number",
        vec![field_error(
            "phone",
            "invalid_phone",
            "use an international number",
        )],
    );
    let action = screen.update(profile::Message::Details(details::Message::Saved(
        details::Request::Save { new_email: None },
        Err(answer),
    )));
    assert!(matches!(action, profile::Action::None));
    let phone_error = "This is not a phone number the platform can reach. Use the international form with the country code, e.g. +49 30 1234567.";
    let mut ui = tall(screen.view());
    ui.find(phone_error).expect("the phone's error beside it");
    ui.find("Some fields need attention: see the notes below them.")
        .expect("the summary");
    ui.find("12345").expect("the typed value stays");

    drop(ui);
    let _ = edit(&mut screen, details::Field::Phone, "+49 30 1234567");
    assert!(
        tall(screen.view()).find(phone_error).is_err(),
        "editing the field clears the platform's verdict"
    );
}

#[test]
fn a_stale_save_keeps_the_edits_and_takes_the_rest() {
    let _words = english();
    let mut screen = profile_with(dana());
    let _ = edit(&mut screen, details::Field::JobTitle, "Lead engineer");
    let action = screen.update(profile::Message::Details(details::Message::Saved(
        details::Request::Save { new_email: None },
        Err(refusal(412, "stale_version", "the profile changed", vec![])),
    )));
    assert!(
        matches!(action, profile::Action::Run(_)),
        "the profile is read again"
    );
    let newer = api::Profile {
        department: Some("Infrastructure".into()),
        version: 4,
        ..dana()
    };
    let _ = screen.update(profile::Message::Loaded(Ok(Box::new(newer))));
    let mut ui = tall(screen.view());
    ui.find("Lead engineer").expect("the edit is kept");
    ui.find("Infrastructure")
        .expect("the untouched field follows the platform");
    ui.find("Someone changed this in the meantime. It has been reloaded; check and try again.")
        .expect("said in words");
}

#[test]
fn a_pending_email_change_explains_itself_and_can_be_withdrawn() {
    let _words = english();
    let screen = profile_with(api::Profile {
        pending_email: Some("dana@new.example".into()),
        ..dana()
    });
    let mut ui = tall(screen.view());
    ui.find("Waiting for confirmation: we mailed a link to dana@new.example. Your address stays dana@example.com until that link is clicked (it is valid for 24 hours).")
        .expect("what happens next");
    ui.find("Send the link again").expect("resend");
    let messages = clicked(ui, "Keep dana@example.com");
    assert!(
        matches!(
            messages.as_slice(),
            [profile::Message::Details(
                details::Message::KeepCurrentEmail
            )]
        ),
        "{messages:?}"
    );
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut out = Cursor::new(Vec::new());
    picture
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("encoded");
    out.into_inner()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A valid PNG of `width`×`height` with a text chunk of `padding` bytes after
/// its header: a real picture file as large as wanted.
fn padded_png(width: u32, height: u32, padding: usize) -> Vec<u8> {
    let plain = png(width, height);
    let mut data = b"Comment\0".to_vec();
    data.resize(data.len() + padding, b'x');
    let mut chunk = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    let kind_and_data = [b"tEXt".as_slice(), &data].concat();
    chunk.extend_from_slice(&kind_and_data);
    chunk.extend_from_slice(&crc32(&kind_and_data).to_be_bytes());
    // The signature (8 bytes) and the IHDR chunk (25) come first.
    [&plain[..33], &chunk, &plain[33..]].concat()
}

/// A small PNG whose header claims `width`×`height` (its CRC fixed).
fn claiming(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(1, 1);
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// Runs `action`'s tasks to their end, feeding every message back, the way
/// the console does; answers what the screen asked of its parent.
async fn settle(screen: &mut Profile, action: profile::Action) -> Vec<profile::Action> {
    let mut queue = VecDeque::from([action]);
    let mut asked = Vec::new();
    while let Some(action) = queue.pop_front() {
        match action {
            profile::Action::Run(task) => {
                for message in support::run(task).await {
                    queue.push_back(screen.update(message));
                }
            }
            profile::Action::None => {}
            other => asked.push(other),
        }
    }
    asked
}

async fn opened(client: Client) -> Profile {
    let (mut screen, task) = Profile::new(client);
    let asked = settle(&mut screen, profile::Action::Run(task)).await;
    assert!(
        asked.is_empty(),
        "the profile opens without ending anything"
    );
    screen
}

async fn choose_file(screen: &mut Profile, path: &Path) {
    let action = screen.update(profile::Message::Picture(picture::Message::FileChosen(
        Some(path.to_path_buf()),
    )));
    settle(screen, action).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chosen_picture_is_previewed_squared_and_a_huge_one_refused_early() {
    let _words = english_async().await;
    let dir = tempfile::tempdir().expect("folder");
    let mut screen = profile_with(dana());

    let photo = dir.path().join("holiday.png");
    std::fs::write(&photo, png(300, 200)).expect("written");
    choose_file(&mut screen, &photo).await;
    let mut ui = tall(screen.view());
    ui.find("Shown as it will be stored: cut to a square from the middle.")
        .expect("the preview is explained");
    assert!(ui.find("DD").is_err(), "the preview replaces the initials");
    let messages = clicked(ui, "Use this picture");
    assert!(matches!(
        messages.as_slice(),
        [profile::Message::Picture(picture::Message::Upload)]
    ));

    let huge = dir.path().join("poster.png");
    std::fs::write(&huge, padded_png(8, 8, 6 * 1024 * 1024)).expect("written");
    choose_file(&mut screen, &huge).await;
    let mut ui = tall(screen.view());
    ui.find("This file has 6.0 MiB; a picture may have at most 5.0 MiB. Choose a smaller one.")
        .expect("refused in words before anything is sent");
    assert!(ui.find("Use this picture").is_err(), "nothing to upload");

    drop(ui);
    let fake = dir.path().join("notes.png");
    std::fs::write(&fake, b"these are notes, not a picture").expect("written");
    choose_file(&mut screen, &fake).await;
    let mut ui = tall(screen.view());
    ui.find("No preview: the file does not read as a picture here. The platform decides when you upload it.")
        .expect("no preview, the platform decides");
    ui.find("Use this picture")
        .expect("the platform's verdict is asked for");
    drop(ui);
    let _ = screen.update(profile::Message::Picture(picture::Message::Uploaded(Err(
        refusal(
            415,
            "unsupported_image",
            "send a PNG, JPEG or WebP picture",
            vec![],
        ),
    ))));
    tall(screen.view())
        .find("Use a PNG, JPEG or WebP picture.")
        .expect("the platform's verdict in words");
}

#[test]
fn removing_the_picture_is_confirmed_first() {
    let _words = english();
    let mut screen = profile_with(api::Profile {
        avatar_url: Some("http://127.0.0.1:9/api/v1/accounts/7/avatar?v=1".into()),
        ..dana()
    });
    let messages = clicked(tall(screen.view()), "Remove picture");
    for message in messages {
        let _ = screen.update(message);
    }
    let mut ui = tall(screen.view());
    ui.find("Remove your picture?").expect("a confirmation");
    ui.find("Your picture is deleted from the platform. Everyone sees your initials instead until you choose a new one.")
        .expect("what will happen");
    drop(ui);
    assert!(screen.escape(), "Esc closes it");
    assert!(tall(screen.view()).find("Remove your picture?").is_err());
    assert!(!screen.escape(), "nothing left to close");
}

// ---- Organizations, sign-ins, password ------------------------------------------------

#[test]
fn organizations_show_their_groups_and_suspensions() {
    let _words = english();
    let mut screen = profile_with(dana());
    let group = |name: &str| GroupRef {
        id: Uuid::now_v7(),
        name: name.into(),
    };
    let org = |name: &str, membership, groups| MyOrganization {
        id: Uuid::now_v7(),
        name: name.into(),
        subdomain: name.to_lowercase().replace(' ', "-"),
        status: OrgStatus::Active,
        membership_status: membership,
        groups,
    };
    let _ = screen.update(profile::Message::Organizations(
        organizations::Message::Loaded(Ok(vec![
            org(
                "Acme",
                MembershipStatus::Active,
                vec![group("Admin"), group("Sales team")],
            ),
            org("Globex", MembershipStatus::Suspended, vec![group("User")]),
            org("Initech", MembershipStatus::Active, vec![]),
        ])),
    ));
    let _ = screen.update(profile::Message::ShowTab(Tab::Organizations));
    let mut ui = tall(screen.view());
    for seen in [
        "Acme",
        "Sales team",
        "Globex",
        "your access is suspended",
        "Initech",
    ] {
        ui.find(seen).expect(seen);
    }
    ui.find("You are in no group here, so you hold no permissions in this organization.")
        .expect("an organization without groups says what that means");
}

fn session(at: OffsetDateTime, device: &str) -> SessionInfo {
    SessionInfo {
        id: Uuid::now_v7(),
        created_at: at,
        last_seen_at: at + Duration::hours(1),
        ip: Some("198.51.100.7".into()),
        location: Some("Berlin, Germany".into()),
        device: Some(device.into()),
        user_agent: None,
        organization_id: None,
        current: false,
        revoked_at: None,
    }
}

fn four_sign_ins() -> Recent {
    let as_of = datetime!(2026-03-15 12:00 UTC);
    let current = SessionInfo {
        current: true,
        ..session(as_of - Duration::hours(2), "Orgdesk on Linux")
    };
    let other = session(as_of - Duration::days(1), "Firefox 133 on Windows 10");
    let revoked = SessionInfo {
        revoked_at: Some(as_of - Duration::days(4)),
        ..session(as_of - Duration::days(5), "Safari 18 on macOS")
    };
    let idle = session(as_of - Duration::days(20), "Chrome 131 on Android");
    Recent {
        items: vec![current, other, revoked, idle],
        as_of,
    }
}

#[test]
fn sign_ins_are_counted_per_day_and_told_apart() {
    let recent = four_sign_ins();
    let statuses: Vec<_> = recent
        .items
        .iter()
        .map(|s| sessions::status_of(s, recent.as_of))
        .collect();
    assert_eq!(
        statuses,
        [
            SessionStatus::Current,
            SessionStatus::Active,
            SessionStatus::SignedOut,
            SessionStatus::Expired
        ]
    );
    let mut items = recent.items.clone();
    items.push(session(recent.as_of - Duration::days(1), "again yesterday"));
    items.push(session(
        recent.as_of - Duration::days(40),
        "too old to count",
    ));
    let days = sessions::sign_ins_per_day(&items, recent.as_of.date());
    assert_eq!(days.len(), 30);
    assert_eq!(days.last(), Some(&(recent.as_of.date(), 1)));
    assert_eq!(days[28], (recent.as_of.date() - Duration::days(1), 2));
    assert_eq!(days.iter().map(|(_, n)| n).sum::<u32>(), 5);
}

#[test]
fn the_sign_ins_tab_confirms_before_signing_out() {
    let _words = english();
    let mut screen = profile_with(dana());
    let recent = four_sign_ins();
    let current = recent.items[0].id;
    let _ = screen.update(profile::Message::Sessions(sessions::Message::Loaded(
        1,
        Ok(Box::new(recent)),
    )));
    let _ = screen.update(profile::Message::ShowTab(Tab::SignIns));
    let mut ui = tall(screen.view());
    for seen in [
        "4 sign-ins in the last 30 days.",
        "This session",
        "Firefox 133 on Windows 10",
        "Signed out",
        "Expired",
        "Berlin, Germany",
        "Sign-ins per day",
        "4 sign-ins in all, at most 1 on one day.",
    ] {
        ui.find(seen).expect(seen);
    }
    for message in clicked(ui, "Sign out all other sessions") {
        let _ = screen.update(message);
    }
    let mut ui = tall(screen.view());
    ui.find("Sign out all other sessions?")
        .expect("a confirmation");
    ui.find("One other session ends: every device but this one has to sign in again. This session stays signed in.")
        .expect("only the active other one counts");
    let messages = clicked(ui, "Cancel");
    for message in messages {
        let _ = screen.update(message);
    }
    assert!(
        tall(screen.view())
            .find("Sign out all other sessions?")
            .is_err()
    );

    let _ = screen.update(profile::Message::Sessions(sessions::Message::SignOut(
        current,
    )));
    tall(screen.view())
        .find("This is the session you are using now: the console signs out and shows the sign-in again.")
        .expect("signing out here ends the console's session");
    assert!(screen.escape());
    let ended = screen.update(profile::Message::Sessions(sessions::Message::Revoked {
        current: true,
        result: Ok(()),
    }));
    assert!(matches!(ended, profile::Action::SignedOut));
    let gone = screen.update(profile::Message::Sessions(sessions::Message::Revoked {
        current: false,
        result: Err(refusal(401, "unauthenticated", "session ended", vec![])),
    }));
    assert!(matches!(gone, profile::Action::SessionEnded(_)));
}

fn type_password(screen: &mut Profile, current: &str, new: &str, repeat: &str) {
    for message in [
        password::Message::CurrentChanged(current.into()),
        password::Message::NewChanged(new.into()),
        password::Message::RepeatChanged(repeat.into()),
    ] {
        let _ = screen.update(profile::Message::Password(message));
    }
}

#[test]
fn the_password_form_checks_and_says_the_platforms_verdicts() {
    let _words = english();
    let mut screen = profile_with(dana());
    screen.show(Tab::Password);
    type_password(&mut screen, "old one", "short", "shorter");
    let mut ui = tall(screen.view());
    ui.find("Use 12 to 256 characters.")
        .expect("length, as you type");
    ui.find("The two new passwords differ.")
        .expect("repetition, as you type");
    assert!(clicked(ui, "Change password").is_empty(), "not sendable");

    type_password(
        &mut screen,
        "wrong current",
        "violet harbor tangent 93",
        "violet harbor tangent 93",
    );
    let wrong = screen.update(profile::Message::Password(password::Message::Changed(Err(
        refusal(
            401,
            "invalid_credentials",
            "the current password is wrong",
            vec![],
        ),
    ))));
    assert!(
        matches!(wrong, profile::Action::None),
        "a wrong current password does not end the session"
    );
    tall(screen.view())
        .find("The current password is wrong.")
        .expect("beside the field");

    let weak = refusal(
        422,
        "weak_password",
        "new_password: this is a top-10 common password",
        vec![field_error(
            "new_password",
            "weak_password",
            "this is a top-10 common password",
        )],
    );
    let _ = screen.update(profile::Message::Password(password::Message::Changed(Err(
        weak,
    ))));
    tall(screen.view())
        .find("The platform refused this password as too easy to guess: this is a top-10 common password")
        .expect("the platform's reason");
}

// ---- My Permissions -------------------------------------------------------------------

/// The same name, the same id.
fn group_id(name: &str) -> Uuid {
    Uuid::from_u128(name.bytes().fold(7_u128, |h, b| {
        h.wrapping_mul(31).wrapping_add(u128::from(b))
    }))
}

fn granted(permission: &str, product: &str, groups: &[&str]) -> EffectivePermission {
    EffectivePermission {
        permission: permission.into(),
        product: product.into(),
        description: format!("Lets you {}", permission.replace('.', " ")),
        granted_by: groups
            .iter()
            .map(|name| GrantingGroup {
                group_id: group_id(name),
                name: (*name).into(),
            })
            .collect(),
    }
}

fn acme(groups: &[&str]) -> MyOrganization {
    MyOrganization {
        id: Uuid::from_u128(42),
        name: "Acme".into(),
        subdomain: "acme".into(),
        status: OrgStatus::Active,
        membership_status: MembershipStatus::Active,
        groups: groups
            .iter()
            .map(|name| GroupRef {
                id: Uuid::now_v7(),
                name: (*name).into(),
            })
            .collect(),
    }
}

fn permissions_with(result: Result<Overview, Error>) -> MyPermissions {
    let (mut screen, _task) = MyPermissions::new(offline(), "acme".into());
    let _ = screen.update(my_permissions::Message::Loaded(result.map(Box::new)));
    screen
}

#[test]
fn permissions_are_grouped_by_product_with_their_granting_groups() {
    let _words = english();
    let mut screen = permissions_with(Ok(Overview {
        permissions: vec![
            granted("crm.deals.read", "crm", &["Sales team"]),
            granted("org.members.read", "platform", &["User", "Auditors"]),
            granted("org.audit.read", "platform", &["Auditors"]),
        ],
        membership: Some(acme(&["User", "Auditors", "Sales team"])),
        products: [("crm".to_string(), "Acme CRM".to_string())].into(),
    }));
    let products: Vec<_> = screen
        .visible()
        .into_iter()
        .map(|(product, permissions)| (product, permissions.len()))
        .collect();
    assert_eq!(
        products,
        [("Organization".to_string(), 2), ("Acme CRM".to_string(), 1)]
    );
    let mut ui = tall(screen.view());
    for seen in [
        "My permissions in Acme",
        "3 permissions from 3 groups.",
        "Organization (2)",
        "Acme CRM (1)",
        "org.members.read",
        "Lets you org members read",
        "User",
        "Sales team",
    ] {
        ui.find(seen).expect(seen);
    }

    drop(ui);
    let _ = screen.update(my_permissions::Message::QueryChanged("AUDITORS".into()));
    let found: Vec<_> = screen
        .visible()
        .into_iter()
        .flat_map(|(_, permissions)| permissions.into_iter().map(|p| p.permission.clone()))
        .collect();
    assert_eq!(found, ["org.audit.read", "org.members.read"]);
    assert!(tall(screen.view()).find("crm.deals.read").is_err());

    let _ = screen.update(my_permissions::Message::QueryChanged("billing".into()));
    tall(screen.view())
        .find("No permission matches “billing”.")
        .expect("an empty search says so");
}

#[test]
fn an_empty_permissions_list_says_why() {
    let _words = english();
    let suspended = permissions_with(Err(refusal(
        403,
        "membership_suspended",
        "your access to this organization is suspended",
        vec![],
    )));
    tall(suspended.view())
        .find("Your membership in this organization is suspended: while it is, you hold no permissions here. An administrator of the organization can reactivate it.")
        .expect("suspended");
    let no_groups = permissions_with(Ok(Overview {
        membership: Some(acme(&[])),
        ..Overview::default()
    }));
    tall(no_groups.view())
        .find("You are in no group of Acme, and permissions come only from groups. Ask an administrator to add you to one.")
        .expect("no groups");
    let idle_groups = permissions_with(Ok(Overview {
        membership: Some(acme(&["Guest", "Visitors"])),
        ..Overview::default()
    }));
    tall(idle_groups.view())
        .find("Your groups here (Guest, Visitors) grant no permissions. An administrator can give them some in the permission matrix.")
        .expect("groups granting nothing");
}

// ---- End to end against a real platform -------------------------------------------------

/// Demo members who are not administrators, with their ids.
async fn plain_members(p: &support::Platform, count: usize) -> Vec<api::Member> {
    let page = p
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
        .expect("members");
    let plain: Vec<_> = page
        .items
        .into_iter()
        .filter(|m| m.email != p.demo.admin_email && m.groups.iter().all(|g| g.name != "Admin"))
        .take(count)
        .collect();
    assert_eq!(plain.len(), count, "the demo has enough plain members");
    plain
}

/// Signs in as `email` from a device that says it is `agent`.
async fn sign_in_on(p: &support::Platform, email: &str, agent: &str) -> Client {
    let client = Client::new(&p.local.url)
        .and_then(|c| c.with_user_agent(agent))
        .expect("client");
    let login = client
        .login(&LoginRequest {
            email: email.into(),
            password: support::PASSWORD.into(),
            organization: None,
        })
        .await
        .expect("signed in");
    client.with_token(login.token)
}

fn status(result: Result<api::Profile, Error>) -> Option<u16> {
    result.err().and_then(|e| e.status())
}

#[tokio::test(flavor = "multi_thread")]
async fn end_to_end_a_real_png_is_uploaded_and_bad_ones_refused_in_words() {
    let _words = english_async().await;
    let p = support::Platform::start(6).await;
    let member = &plain_members(&p, 1).await[0];
    let client = p.sign_in(&member.email).await;
    let mut screen = opened(client.clone()).await;
    let dir = tempfile::tempdir().expect("folder");

    let photo = dir.path().join("me.png");
    std::fs::write(&photo, png(640, 480)).expect("written");
    choose_file(&mut screen, &photo).await;
    let upload = screen.update(profile::Message::Picture(picture::Message::Upload));
    assert!(settle(&mut screen, upload).await.is_empty());
    let me = client.me().await.expect("me");
    let url = me.avatar_url.clone().expect("a picture is set");
    let stored =
        image::load_from_memory(&client.avatar(me.id).await.expect("served")).expect("a picture");
    assert_eq!((stored.width(), stored.height()), (512, 512), "squared");
    assert_eq!(
        screen.profile().and_then(|m| m.avatar_url.clone()),
        Some(url.clone())
    );
    let mut ui = tall(screen.view());
    ui.find("Your new picture is saved.").expect("said");
    ui.find("Remove picture").expect("now removable");

    drop(ui);
    // Past 5 MiB: refused before a byte is sent; the platform would say the same.
    let poster = padded_png(64, 64, 5 * 1024 * 1024 + 512 * 1024);
    let huge = dir.path().join("poster.png");
    std::fs::write(&huge, &poster).expect("written");
    choose_file(&mut screen, &huge).await;
    tall(screen.view())
        .find("This file has 5.5 MiB; a picture may have at most 5.0 MiB. Choose a smaller one.")
        .expect("refused in words");
    let direct = client.upload_avatar(poster).await.expect_err("too large");
    assert_eq!(direct.code(), Some("image_too_large"));

    // Small files the platform refuses: its verdict, in words.
    for (name, bytes, words) in [
        (
            "flood.png",
            claiming(8000, 6000),
            "The picture is too large: 8000×6000 is more than 40 megapixels",
        ),
        (
            "notes.png",
            b"plain notes".to_vec(),
            "Use a PNG, JPEG or WebP picture.",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        choose_file(&mut screen, &path).await;
        let upload = screen.update(profile::Message::Picture(picture::Message::Upload));
        settle(&mut screen, upload).await;
        tall(screen.view()).find(words).expect(words);
    }
    assert_eq!(
        client.me().await.expect("me").avatar_url,
        Some(url),
        "nothing changed"
    );

    let _ = screen.update(profile::Message::Picture(picture::Message::Discard));
    let _ = screen.update(profile::Message::Picture(picture::Message::Remove));
    let remove = screen.update(profile::Message::Picture(picture::Message::ConfirmRemove));
    settle(&mut screen, remove).await;
    assert_eq!(client.me().await.expect("me").avatar_url, None);
    let initials: String = member
        .name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect();
    let mut ui = tall(screen.view());
    ui.find("Your picture is removed.").expect("said");
    ui.find(initials.as_str()).expect("initials again");
}

/// The token of the newest confirmation link mailed to `email`.
fn confirmation_token(p: &support::Platform, email: &str) -> Option<String> {
    let marker = "/verify-email/";
    std::fs::read_dir(p.local.data_dir.join("outbox"))
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .map(|mail| mail.replace("=\r\n", "").replace("=\n", ""))
        .filter(|mail| {
            mail.lines()
                .any(|l| l.to_lowercase().starts_with("to:") && l.contains(email))
        })
        .find_map(|mail| {
            let start = mail.find(marker)? + marker.len();
            Some(
                mail[start..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect(),
            )
        })
}

fn save(screen: &mut Profile) -> profile::Action {
    screen.update(profile::Message::Details(details::Message::Save))
}

#[tokio::test(flavor = "multi_thread")]
async fn end_to_end_details_phone_rules_and_an_email_change_that_waits() {
    let _words = english_async().await;
    let p = support::Platform::start(6).await;
    let member = &plain_members(&p, 1).await[0];
    let client = p.sign_in(&member.email).await;
    let before = client.me().await.expect("me");
    let mut screen = opened(client.clone()).await;

    let _ = edit(&mut screen, details::Field::JobTitle, "Field engineer");
    let _ = edit(&mut screen, details::Field::Phone, "12345");
    let action = save(&mut screen);
    settle(&mut screen, action).await;
    tall(screen.view())
        .find("This is not a phone number the platform can reach. Use the international form with the country code, e.g. +49 30 1234567.")
        .expect("the platform's phone rule, beside the field");
    let unchanged = client.me().await.expect("me");
    assert_eq!(
        (unchanged.phone, unchanged.job_title, unchanged.version),
        (
            before.phone.clone(),
            before.job_title.clone(),
            before.version
        ),
        "a refused save changes nothing"
    );

    let _ = edit(&mut screen, details::Field::Phone, "+49 30 1234567");
    let action = save(&mut screen);
    settle(&mut screen, action).await;
    let saved = client.me().await.expect("me");
    assert_eq!(saved.phone.as_deref(), Some("+49301234567"));
    assert_eq!(saved.job_title.as_deref(), Some("Field engineer"));
    let mut ui = tall(screen.view());
    ui.find("Your changes are saved.").expect("said");
    ui.find("+49301234567")
        .expect("the number as the platform keeps it");
    drop(ui);

    let new = format!("moved.{}", member.email);
    let _ = edit(&mut screen, details::Field::Email, &new);
    let action = save(&mut screen);
    settle(&mut screen, action).await;
    let pending = client.me().await.expect("me");
    assert_eq!(
        pending.email, member.email,
        "the address stays until confirmed"
    );
    assert_eq!(pending.pending_email.as_deref(), Some(new.as_str()));
    let mut ui = tall(screen.view());
    ui.find(format!("Waiting for confirmation: we mailed a link to {new}. Your address stays {} until that link is clicked (it is valid for 24 hours).", member.email))
        .expect("what happens next");
    ui.find(member.email.as_str())
        .expect("the email field keeps the current address");

    drop(ui);
    let token = confirmation_token(&p, &new).expect("a confirmation mail");
    p.anonymous().verify_email(&token).await.expect("confirmed");
    let refresh = screen.update(profile::Message::Refresh);
    settle(&mut screen, refresh).await;
    assert_eq!(client.me().await.expect("me").email, new);
    let mut ui = tall(screen.view());
    ui.find(new.as_str()).expect("the new address in its field");
    assert!(ui.find("Send the link again").is_err(), "nothing pending");
}

async fn sign_ins(screen: &mut Profile, message: sessions::Message) -> Vec<profile::Action> {
    let action = screen.update(profile::Message::Sessions(message));
    settle(screen, action).await
}

#[tokio::test(flavor = "multi_thread")]
async fn end_to_end_sessions_are_signed_out_one_all_others_and_this_one() {
    let _words = english_async().await;
    let p = support::Platform::start(6).await;
    let member = &plain_members(&p, 1).await[0];
    let console = p.sign_in(&member.email).await;
    let laptop = sign_in_on(&p, &member.email, "Test laptop/1.0").await;
    let phone = sign_in_on(&p, &member.email, "Test phone/1.0").await;
    let tablet = sign_in_on(&p, &member.email, "Test tablet/1.0").await;
    let mut screen = opened(console.clone()).await;
    screen.show(Tab::SignIns);

    let recent = screen.recent_sign_ins().expect("loaded").clone();
    let laptop_session = recent
        .items
        .iter()
        .find(|s| s.user_agent.as_deref() == Some("Test laptop/1.0"))
        .expect("the laptop's sign-in is listed")
        .id;
    tall(screen.view())
        .find("Sign-ins per day")
        .expect("the chart");

    sign_ins(&mut screen, sessions::Message::SignOut(laptop_session)).await;
    tall(screen.view())
        .find("Sign out this session?")
        .expect("confirmed first");
    assert!(
        sign_ins(&mut screen, sessions::Message::Confirm)
            .await
            .is_empty()
    );
    assert_eq!(status(laptop.me().await), Some(401), "the laptop is out");
    assert!(console.me().await.is_ok(), "the console is not");
    let recent = screen.recent_sign_ins().expect("reloaded");
    let row = recent
        .items
        .iter()
        .find(|s| s.id == laptop_session)
        .expect("still listed");
    assert_eq!(
        sessions::status_of(row, recent.as_of),
        SessionStatus::SignedOut
    );
    tall(screen.view())
        .find("That session is signed out.")
        .expect("said");

    sign_ins(&mut screen, sessions::Message::SignOutOthers).await;
    assert!(
        sign_ins(&mut screen, sessions::Message::Confirm)
            .await
            .is_empty()
    );
    assert_eq!(status(phone.me().await), Some(401));
    assert_eq!(status(tablet.me().await), Some(401));
    assert!(console.me().await.is_ok(), "this session stays");
    let mut ui = tall(screen.view());
    ui.find("No other session is active.").expect("none left");
    drop(ui);
    let live = screen
        .recent_sign_ins()
        .expect("reloaded")
        .items
        .iter()
        .filter(|s| s.revoked_at.is_none() && !s.current)
        .count();
    let recent = screen.recent_sign_ins().expect("reloaded");
    assert!(
        recent
            .items
            .iter()
            .all(|s| s.current || sessions::status_of(s, recent.as_of) != SessionStatus::Active),
        "{live} other sessions unrevoked, all expired"
    );

    let this = recent
        .items
        .iter()
        .find(|s| s.current)
        .expect("this one")
        .id;
    sign_ins(&mut screen, sessions::Message::SignOut(this)).await;
    let asked = sign_ins(&mut screen, sessions::Message::Confirm).await;
    assert!(
        matches!(asked.as_slice(), [profile::Action::SignedOut]),
        "the console's session ends"
    );
    assert_eq!(status(console.me().await), Some(401));
}

#[tokio::test(flavor = "multi_thread")]
async fn end_to_end_the_password_is_changed_and_other_sessions_end() {
    let _words = english_async().await;
    let p = support::Platform::start(6).await;
    let member = &plain_members(&p, 1).await[0];
    let console = p.sign_in(&member.email).await;
    let elsewhere = p.sign_in(&member.email).await;
    let mut screen = opened(console.clone()).await;
    screen.show(Tab::Password);
    let submit =
        |screen: &mut Profile| screen.update(profile::Message::Password(password::Message::Submit));

    let new = "violet harbor tangent 93 ember";
    type_password(&mut screen, "not my password at all", new, new);
    let action = submit(&mut screen);
    assert!(
        settle(&mut screen, action).await.is_empty(),
        "a wrong current password ends nothing"
    );
    tall(screen.view())
        .find("The current password is wrong.")
        .expect("said beside the field");

    type_password(
        &mut screen,
        support::PASSWORD,
        "password1234",
        "password1234",
    );
    let action = submit(&mut screen);
    settle(&mut screen, action).await;
    let mut ui = tall(screen.view());
    let refused = ui.find(
        |candidate: iced_test::selector::Candidate<'_>| match candidate {
            iced_test::selector::Candidate::Text { content, .. }
                if content
                    .starts_with("The platform refused this password as too easy to guess: ") =>
            {
                Some(())
            }
            _ => None,
        },
    );
    assert!(refused.is_ok(), "the platform's verdict in words");
    drop(ui);
    assert!(elsewhere.me().await.is_ok(), "nothing changed yet");

    type_password(&mut screen, support::PASSWORD, new, new);
    let action = submit(&mut screen);
    assert!(settle(&mut screen, action).await.is_empty());
    tall(screen.view())
        .find("Your password is changed. Your other sessions are signed out: sign in there again with the new password.")
        .expect("said");
    assert_eq!(
        status(elsewhere.me().await),
        Some(401),
        "other sessions end"
    );
    assert!(console.me().await.is_ok(), "this one stays");
    let login = |password: &str| LoginRequest {
        email: member.email.clone(),
        password: password.into(),
        organization: None,
    };
    assert!(p.anonymous().login(&login(new)).await.is_ok());
    let old = p.anonymous().login(&login(support::PASSWORD)).await;
    assert_eq!(
        old.err()
            .and_then(|e| e.code().map(str::to_owned))
            .as_deref(),
        Some("invalid_credentials")
    );
}

async fn permissions_of(client: Client, org: &str) -> MyPermissions {
    let (mut screen, task) = MyPermissions::new(client, org.to_string());
    for message in support::run(task).await {
        assert!(matches!(
            screen.update(message),
            my_permissions::Action::None
        ));
    }
    screen
}

#[tokio::test(flavor = "multi_thread")]
async fn end_to_end_my_permissions_names_both_groups_granting_one_permission() {
    let _words = english_async().await;
    let p = support::Platform::start(6).await;
    let members = plain_members(&p, 3).await;
    let (reader, suspended, groupless) = (&members[0], &members[1], &members[2]);
    let mut granting = Vec::new();
    for name in ["Auditors", "Compliance"] {
        let group = p
            .admin
            .create_group(
                &p.org,
                &CreateGroup {
                    name: name.into(),
                    description: format!("{name} read the audit log"),
                    permissions: vec!["org.audit.read".into()],
                },
            )
            .await
            .expect("group created");
        p.admin
            .add_group_members(
                &p.org,
                group.id,
                &AccountList {
                    accounts: vec![reader.id],
                },
            )
            .await
            .expect("member added");
        granting.push(group.id);
    }

    let screen = permissions_of(p.sign_in(&reader.email).await, &p.org).await;
    let audit = screen
        .visible()
        .into_iter()
        .flat_map(|(_, permissions)| permissions)
        .find(|p| p.permission == "org.audit.read")
        .cloned()
        .expect("the reader holds the audit permission");
    let mut by: Vec<_> = audit.granted_by.iter().map(|g| g.group_id).collect();
    by.sort();
    granting.sort();
    assert_eq!(by, granting, "exactly the two groups grant it");
    let mut ui = tall(screen.view());
    for seen in [
        "My permissions in Demo Corp",
        "org.audit.read",
        "Auditors",
        "Compliance",
    ] {
        ui.find(seen).expect(seen);
    }

    // A suspended member holds nothing, and the screen says why.
    p.admin
        .suspend_member(&p.org, suspended.id)
        .await
        .expect("suspended");
    let screen = permissions_of(p.sign_in(&suspended.email).await, &p.org).await;
    assert!(screen.visible().is_empty());
    tall(screen.view())
        .find("Your membership in this organization is suspended: while it is, you hold no permissions here. An administrator of the organization can reactivate it.")
        .expect("suspended, in words");

    // So does a member in no group.
    for group in &groupless.groups {
        p.admin
            .remove_group_members(
                &p.org,
                group.id,
                &AccountList {
                    accounts: vec![groupless.id],
                },
            )
            .await
            .expect("removed from the group");
    }
    let screen = permissions_of(p.sign_in(&groupless.email).await, &p.org).await;
    tall(screen.view())
        .find("You are in no group of Demo Corp, and permissions come only from groups. Ask an administrator to add you to one.")
        .expect("no groups, in words");
}
