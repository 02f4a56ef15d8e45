//! The profile picture: preview, early refusal of huge files, the platform's
//! verdicts in words, upload of a real PNG and removal.

use orgdesk::screen::profile::{self, picture};
use orgdesk_api as api;

use crate::fixtures::*;
use crate::support;

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
