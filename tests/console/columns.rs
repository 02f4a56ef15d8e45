//! Real tables (issue 16): columns sized by dragging their edge, hidden and
//! moved from the column menu, kept in the settings file across a restart
//! (an old file's unknown columns ignored); a cut-off cell shows its whole
//! text in a tooltip.

use std::sync::Arc;

use iced::{Event, Point, mouse};
use iced_test::simulator;
use orgdesk::app::{Console, Message, Page, Section};
use orgdesk::credentials::MemoryVault;
use orgdesk::screen::audit::{self, AuditColumn};
use orgdesk::screen::members::{self, MemberColumn};
use orgdesk::widget::columns::{Change, Column};
use orgdesk_api::{GroupRef, Member, MembershipStatus, Page as Listing};
use orgdesk_client::Client;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{admin_console, env, send, settle, support};
use support::Platform;

fn columns(change: Change<MemberColumn>) -> Message {
    Message::Members(members::Message::Columns(change))
}

fn member_columns(console: &Console) -> (Vec<MemberColumn>, Vec<(MemberColumn, f32)>) {
    let members = console.shell().and_then(|s| s.members()).expect("members");
    (
        members.columns().order(),
        members.columns().visible().collect(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn column_widths_order_and_hiding_are_kept_across_a_restart() {
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

    // Sorted by name: the indicator is on that header; email sorts too.
    {
        let mut ui = simulator(console.view());
        ui.find("Email").expect("the email header");
        ui.click("Email").expect("a sortable header is a button");
        let messages: Vec<_> = ui.into_messages().collect();
        assert!(
            messages.iter().any(|m| matches!(
                m,
                Message::Members(members::Message::SortBy(orgdesk_api::MemberSort::Email))
            )),
            "{messages:?}"
        );
    }

    // The email column's edge dragged 100 px to the right: the mouse over
    // the table is measured from its left edge; the drag is saved once.
    let email_left = MemberColumn::Name.width();
    let email_width = MemberColumn::Email.width();
    send(
        &mut console,
        columns(Change::StartResize(MemberColumn::Email)),
    )
    .await;
    send(
        &mut console,
        columns(Change::Drag(email_left + email_width + 100.0)),
    )
    .await;
    let settings = folder.path().join("settings.toml");
    let before_release = std::fs::read_to_string(&settings).unwrap();
    assert!(!before_release.contains("[tables"), "{before_release}");
    send(&mut console, columns(Change::EndResize)).await;

    // The column menu: hide Groups, move Last login left of Joined.
    send(&mut console, columns(Change::ToggleMenu)).await;
    {
        let mut ui = simulator(console.view());
        ui.find("Reset columns").expect("the column menu");
        ui.find("Last login").expect("a column's checkbox");
    }
    send(&mut console, columns(Change::Toggle(MemberColumn::Groups))).await;
    send(
        &mut console,
        columns(Change::MoveLeft(MemberColumn::LastLogin)),
    )
    .await;
    send(&mut console, Message::Escape).await;
    let (order, visible) = member_columns(&console);
    assert_eq!(
        order,
        vec![
            MemberColumn::Name,
            MemberColumn::Email,
            MemberColumn::Status,
            MemberColumn::Groups,
            MemberColumn::LastLogin,
            MemberColumn::Joined,
        ]
    );
    assert!(!visible.iter().any(|(c, _)| *c == MemberColumn::Groups));
    assert!(visible.contains(&(MemberColumn::Email, email_width + 100.0)));
    assert!(
        !console
            .shell()
            .unwrap()
            .members()
            .unwrap()
            .columns()
            .menu_is_open(),
        "Esc closed the menu"
    );
    let saved = std::fs::read_to_string(&settings).unwrap();
    assert!(saved.contains("[[tables.members.columns]]"), "{saved}");

    // A restart resumes with the same columns.
    let (mut again, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut again, task).await;
    assert!(again.is_signed_in());
    assert_eq!(member_columns(&again), (order.clone(), visible.clone()));

    // A settings file from another version: an unknown column and a
    // garbled table are ignored, the rest is kept.
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push_str(
        "\n[[tables.members.columns]]\nkey = \"shoe_size\"\nwidth = 999\n\
         \n[tables.audit]\ncolumns = \"not a list\"\n",
    );
    std::fs::write(&settings, text).unwrap();
    let (mut old, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut old, task).await;
    assert_eq!(member_columns(&old), (order, visible));

    // Reset: the defaults again, and saved so.
    send(&mut old, columns(Change::Reset)).await;
    let (order, visible) = member_columns(&old);
    assert_eq!(order, MemberColumn::ALL.to_vec());
    assert_eq!(visible.len(), MemberColumn::ALL.len());
    let saved = std::fs::read_to_string(&settings).unwrap();
    assert!(!saved.contains("shoe_size"), "{saved}");
    assert!(!saved.contains("width"), "{saved}");

    // The audit log has its own columns, kept apart from the members'.
    send(&mut old, Message::Navigate(Page::Section(Section::Audit))).await;
    send(
        &mut old,
        Message::Audit(audit::Message::Columns(Change::Toggle(AuditColumn::From))),
    )
    .await;
    let audit = old.shell().unwrap().audit().expect("the audit log");
    assert!(!audit.columns().is_shown(AuditColumn::From));
    {
        let mut ui = simulator(old.view());
        ui.find("Actor").expect("the audit header");
        assert!(ui.find("From").is_err(), "hidden");
    }
    let saved = std::fs::read_to_string(&settings).unwrap();
    assert!(saved.contains("[[tables.audit.columns]]"), "{saved}");
}

/// A member with `email`, for a screen without a platform.
fn member(index: u128, name: &str, email: &str) -> Member {
    Member {
        group_expiry: Vec::new(),
        id: Uuid::from_u128(index),
        name: name.into(),
        email: email.into(),
        status: MembershipStatus::Active,
        groups: vec![GroupRef {
            id: Uuid::from_u128(99),
            name: "User".into(),
        }],
        joined_at: OffsetDateTime::UNIX_EPOCH,
        last_login_at: None,
        suspended_at: None,
        updated_at: OffsetDateTime::UNIX_EPOCH,
        managed: false,
    }
}

/// Hovers the text `wanted` near its left end; whether a tooltip then
/// shows. The simulator's selectors do not reach into iced's tooltip
/// overlay, so this compares what is drawn before and after the hover.
fn tooltip_on_hover(screen: &members::Members, wanted: &str) -> bool {
    let mut ui = simulator(screen.view());
    let bounds = ui.find(wanted).expect("the cell").bounds();
    let folder = tempfile::tempdir().unwrap();
    let drawn = folder.path().join("drawn");
    let theme = iced::Theme::Light;
    assert!(ui.snapshot(&theme).unwrap().matches_hash(&drawn).unwrap());
    let position = Point::new(bounds.x + 4.0, bounds.center_y());
    ui.point_at(position);
    let _ = ui.simulate([Event::Mouse(mouse::Event::CursorMoved { position })]);
    !ui.snapshot(&theme).unwrap().matches_hash(&drawn).unwrap()
}

#[test]
fn a_cut_off_cell_shows_its_whole_text_in_a_tooltip() {
    let _words = support::english_blocking();
    let long = "dorothea.vandenberghe-oppenheimer.accounts-payable@subsidiary.example.com";
    let short = "ann@ex.com";
    let client = Client::new("http://127.0.0.1:9").expect("client");
    let (mut screen, _) = members::Members::new(client, "acme".into(), None);
    let request = screen.list().pending().cloned().expect("a page asked for");
    let rows = vec![member(1, "Ann", short), member(2, "Dorothea", long)];
    let _ = screen.update(members::Message::Listed(request.answer(Ok(Listing {
        items: rows,
        next_cursor: None,
        total: 2,
        total_is_estimate: false,
    }))));

    assert!(
        tooltip_on_hover(&screen, long),
        "the whole address on hover"
    );
    assert!(
        !tooltip_on_hover(&screen, short),
        "a text that fits has none"
    );

    // Widened enough, the address fits and the tooltip goes.
    let _ = screen.update(members::Message::Columns(Change::SetWidth(
        MemberColumn::Email,
        900.0,
    )));
    assert!(!tooltip_on_hover(&screen, long));
}
