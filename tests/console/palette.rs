//! The command palette (Ctrl+K) and the shortcuts sheet (F1) (issue 16):
//! a section and a member (searched on the platform) found by typing, gone
//! to with Enter or a click.

use std::sync::Arc;

use iced_test::simulator;
use orgdesk::app::{Key, Message, Page, Section};
use orgdesk::credentials::MemoryVault;
use orgdesk::screen::palette;
use orgdesk_api::MemberQuery;

use super::{admin_console, send, support};
use support::Platform;

fn labels(console: &orgdesk::app::Console) -> Vec<String> {
    console
        .shell()
        .and_then(|s| s.palette())
        .map(|p| p.entries().into_iter().map(|e| e.label).collect())
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_palette_finds_a_section_and_a_member_and_goes_there() {
    let _words = support::english().await;
    let p = Platform::start(30).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;

    // A section, by a word's beginning, and Enter.
    send(&mut console, Message::OpenPalette).await;
    let everything = labels(&console);
    assert!(
        everything.contains(&"Audit log".to_string()),
        "{everything:?}"
    );
    assert!(
        everything.contains(&"My Profile".to_string()),
        "actions too"
    );
    let org = console.shell().unwrap().current().unwrap().label.clone();
    assert!(
        everything.contains(&org),
        "the organizations: {everything:?}"
    );
    send(
        &mut console,
        Message::Palette(palette::Message::QueryChanged("aud".into())),
    )
    .await;
    assert_eq!(labels(&console), ["Audit log"]);
    send(&mut console, Message::Key(Key::Enter)).await;
    let shell = console.shell().unwrap();
    assert_eq!(shell.page(), Page::Section(Section::Audit));
    assert!(shell.palette().is_none(), "closed on the way");

    // A member, searched on the platform, and a click.
    let someone = p
        .admin
        .members(
            &p.org,
            &MemberQuery {
                limit: Some(40),
                ..MemberQuery::default()
            },
        )
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|m| m.email != p.demo.admin_email)
        .unwrap();
    // (From Settings: the audit log behind would show the name too.)
    send(&mut console, Message::Navigate(Page::Settings)).await;
    send(&mut console, Message::OpenPalette).await;
    send(
        &mut console,
        Message::Palette(palette::Message::QueryChanged(someone.email.clone())),
    )
    .await;
    assert_eq!(
        labels(&console),
        vec![someone.name.clone()],
        "found on the platform"
    );
    let clicked: Vec<Message> = {
        let mut ui = simulator(console.view());
        ui.click(someone.name.as_str()).expect("the member's entry");
        ui.into_messages().collect()
    };
    assert!(
        matches!(
            clicked.as_slice(),
            [Message::Palette(palette::Message::Pick(0))]
        ),
        "{clicked:?}"
    );
    for message in clicked {
        send(&mut console, message).await;
    }
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Members)
    );
    simulator(console.view())
        .find("General")
        .expect("the member's sheet is open");

    // Nothing found: Enter does nothing, Esc closes.
    send(&mut console, Message::Escape).await;
    send(&mut console, Message::OpenPalette).await;
    send(
        &mut console,
        Message::Palette(palette::Message::QueryChanged("zzzz qqqq".into())),
    )
    .await;
    assert!(labels(&console).is_empty());
    simulator(console.view())
        .find("Nothing matches.")
        .expect("said so");
    send(&mut console, Message::Key(Key::Enter)).await;
    assert!(console.shell().unwrap().palette().is_some(), "still open");
    send(&mut console, Message::Escape).await;
    assert!(console.shell().unwrap().palette().is_none());

    // F1: the shortcuts sheet; Esc closes it.
    send(&mut console, Message::ToggleShortcuts).await;
    {
        let mut ui = simulator(console.view());
        ui.find("Keyboard shortcuts").expect("the sheet");
        ui.find("Ctrl+K").expect("the palette's key");
    }
    send(&mut console, Message::Escape).await;
    assert!(
        simulator(console.view())
            .find("Keyboard shortcuts")
            .is_err()
    );
}
