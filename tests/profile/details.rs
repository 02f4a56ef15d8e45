//! Personal details and contact information: inline checks, the platform's
//! field errors, stale saves, and the email change that waits for its link.

use orgdesk::screen::profile::{self, Profile, details};
use orgdesk_api as api;

use crate::fixtures::*;
use crate::support;

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
