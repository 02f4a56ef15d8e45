//! The console's look (issue 16): icons beside the sections, statuses and
//! actions, and the profile menu as a button with the person's initials.

use std::sync::Arc;

use iced_test::simulator;
use orgdesk::app::{Message, Page, Section};
use orgdesk::credentials::MemoryVault;
use orgdesk::widget::icon::{Icon, initials};

use super::{admin_console, send, support};
use support::Platform;

fn glyph(icon: Icon) -> String {
    icon.char().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn sections_statuses_and_actions_carry_their_icons() {
    let _words = support::english().await;
    let p = Platform::start(3).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;

    let mut ui = simulator(console.view());
    for section in Section::ALL {
        ui.find(glyph(section.icon()).as_str())
            .unwrap_or_else(|_| panic!("{section:?} has its icon in the sidebar"));
    }
    ui.find(glyph(Icon::Active).as_str())
        .expect("an active member's status has its icon");
    ui.find(glyph(Icon::ImportCsv).as_str())
        .expect("Import CSV has its icon");
    ui.find(glyph(Icon::Activity).as_str())
        .expect("the activity button has its icon");
    assert!(
        ui.find(glyph(Icon::Suspended).as_str()).is_err(),
        "nobody is suspended yet"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_profile_menu_opens_from_the_initials_and_goes_where_it_says() {
    let _words = support::english().await;
    let p = Platform::start(3).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    let name = console.shell().unwrap().session().name.clone();
    let face = initials(&name);
    assert!(!face.is_empty() && face != "?", "{name} has initials");

    {
        let mut ui = simulator(console.view());
        ui.find(name.as_str()).expect("the name in the top bar");
        assert!(ui.find("Sign out").is_err(), "the menu starts closed");
    }
    let clicked: Vec<Message> = {
        let mut ui = simulator(console.view());
        ui.click(face.as_str()).expect("the face is a button");
        ui.into_messages().collect()
    };
    assert!(
        matches!(clicked.as_slice(), [Message::ToggleMenu]),
        "{clicked:?}"
    );
    for message in clicked {
        send(&mut console, message).await;
    }
    {
        let mut ui = simulator(console.view());
        for entry in ["My Profile", "My Permissions", "Settings", "Sign out"] {
            ui.find(entry)
                .unwrap_or_else(|_| panic!("{entry} in the menu"));
        }
        ui.find(glyph(Icon::SignOut).as_str())
            .expect("entries have icons");
    }
    // Esc closes the menu and nothing else.
    send(&mut console, Message::Escape).await;
    {
        let mut ui = simulator(console.view());
        assert!(ui.find("Sign out").is_err(), "closed by Esc");
    }
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Overview),
        "Esc left the page alone"
    );

    send(&mut console, Message::ToggleMenu).await;
    let chosen: Vec<Message> = {
        let mut ui = simulator(console.view());
        ui.click("Settings").expect("Settings offered");
        ui.into_messages().collect()
    };
    for message in chosen {
        send(&mut console, message).await;
    }
    assert_eq!(console.shell().unwrap().page(), Page::Settings);
    let mut ui = simulator(console.view());
    assert!(ui.find("Sign out").is_err(), "a choice closes the menu");
}
