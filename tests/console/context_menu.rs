//! A member row's context menu (issue 16): right click or the Menu key
//! offers what applies to that member (a managed account's password reset,
//! or signing someone else's account out of this organization), and an
//! entry does it through the member's sheet, confirmation first.

use std::sync::Arc;

use iced_test::simulator;
use orgdesk::app::{Key, Message, Page, Section};
use orgdesk::credentials::MemoryVault;
use orgdesk::screen::{member, members};
use orgdesk_api::MembershipStatus;

use super::{admin_console, send, support};
use support::Platform;

const ENTRIES: [&str; 4] = ["Open", "Copy email", "Add to group…", "Copy link"];

#[tokio::test(flavor = "multi_thread")]
async fn the_context_menu_offers_what_applies_and_suspends_after_asking() {
    let _words = support::english().await;
    let p = Platform::start(5).await;
    p.outsider("olga@elsewhere.test", "Olga Outsider").await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    let rows = console.shell().unwrap().members().unwrap().rows().to_vec();
    let (managed_at, managed) = rows
        .iter()
        .enumerate()
        .find(|(_, m)| {
            m.managed && m.status == MembershipStatus::Active && m.email != p.demo.admin_email
        })
        .map(|(i, m)| (i, m.clone()))
        .expect("a managed member");
    let outsider_at = rows
        .iter()
        .position(|m| m.email == "olga@elsewhere.test")
        .expect("the outsider is listed");
    assert!(!rows[outsider_at].managed);

    // A right click on a managed member: the password reset, not the sign-out.
    send(
        &mut console,
        Message::Members(members::Message::RowMenu(managed_at)),
    )
    .await;
    {
        let mut ui = simulator(console.view());
        for entry in ENTRIES
            .into_iter()
            .chain(["Suspend", "Force password reset"])
        {
            ui.find(entry)
                .unwrap_or_else(|_| panic!("{entry} offered for a managed member"));
        }
        assert!(ui.find("Sign out of this organization").is_err());
        assert!(ui.find("Reactivate").is_err());
    }
    send(&mut console, Message::Escape).await;
    assert!(
        simulator(console.view()).find("Copy email").is_err(),
        "Esc closed the menu"
    );

    // The Menu key on the selected outsider: the sign-out, not the reset.
    send(
        &mut console,
        Message::Members(members::Message::RowClicked(outsider_at)),
    )
    .await;
    send(&mut console, Message::Key(Key::Menu)).await;
    {
        let mut ui = simulator(console.view());
        ui.find("Sign out of this organization")
            .expect("the sign-out for an account managed elsewhere");
        assert!(ui.find("Force password reset").is_err());
    }
    send(&mut console, Message::Escape).await;

    // Suspend from the menu: the sheet asks first, then the platform does it.
    send(
        &mut console,
        Message::Members(members::Message::RowMenu(managed_at)),
    )
    .await;
    let chosen: Vec<Message> = {
        let mut ui = simulator(console.view());
        ui.click("Suspend").expect("Suspend offered");
        ui.into_messages().collect()
    };
    for message in chosen {
        send(&mut console, message).await;
    }
    simulator(console.view())
        .find(format!("Suspend {}?", managed.name).as_str())
        .expect("the sheet asks before suspending");
    let still = p.admin.member(&p.org, managed.id).await.unwrap();
    assert_eq!(
        still.status,
        MembershipStatus::Active,
        "nothing before the answer"
    );
    send(&mut console, Message::Member(member::Message::Confirm)).await;
    let now = p.admin.member(&p.org, managed.id).await.unwrap();
    assert_eq!(now.status, MembershipStatus::Suspended);
    let row = console.shell().unwrap().members().unwrap().rows()[managed_at].clone();
    assert_eq!(row.status, MembershipStatus::Suspended, "the row follows");

    // A suspended member's menu offers Reactivate instead.
    send(&mut console, Message::Escape).await;
    send(
        &mut console,
        Message::Members(members::Message::RowMenu(managed_at)),
    )
    .await;
    let mut ui = simulator(console.view());
    ui.find("Reactivate")
        .expect("Reactivate for a suspended member");
    assert!(ui.find("Suspend").is_err());
}
