//! Organizations and groups, recent sign-ins (one, all others, this one) and
//! the password change.

use orgdesk::screen::password;
use orgdesk::screen::profile::{
    self, Profile, Recent, SessionStatus, Tab, organizations, sessions,
};
use orgdesk_api::{
    GroupRef, LoginRequest, MembershipStatus, MyOrganization, OrgStatus, SessionInfo,
};
use time::{Duration, OffsetDateTime, macros::datetime};
use uuid::Uuid;

use crate::fixtures::*;
use crate::support;

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
        city: Some("Berlin".into()),
        country: Some("DE".into()),
        private_network: false,
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
        screen
            .sign_ins_pending()
            .expect("the sign-ins are asked for"),
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
    // The console acts on the end of the session; the tab says it like any refusal.
    assert!(matches!(gone, profile::Action::None));
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
    let recent = screen.recent_sign_ins().expect("reloaded");
    assert!(
        recent
            .items
            .iter()
            .all(|s| s.current || sessions::status_of(s, recent.as_of) != SessionStatus::Active),
        "every other session is signed out or expired"
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

#[test]
fn the_sign_ins_speak_german_with_plurals() {
    let _words = german();
    let mut screen = profile_with(dana());
    let _ = screen.update(profile::Message::Sessions(sessions::Message::Loaded(
        screen
            .sign_ins_pending()
            .expect("the sign-ins are asked for"),
        Ok(Box::new(four_sign_ins())),
    )));
    screen.show(Tab::SignIns);
    let mut ui = tall(screen.view());
    for seen in [
        "Mein Profil",
        "4 Anmeldungen in den letzten 30 Tagen.",
        "Diese Sitzung",
        "Abgelaufen",
        "Alle anderen Sitzungen abmelden",
    ] {
        ui.find(seen).expect(seen);
    }
}
