//! `orgdesk://` links through the console: a link before sign-in waits for
//! it, links open members, groups and audit entries (switching to their
//! organization first), Copy link makes them, and links this session cannot
//! open say why.

use std::sync::Arc;

use iced_test::simulator;
use orgdesk::app::{Console, Message, Page, Section};
use orgdesk::credentials::MemoryVault;
use orgdesk::desktop::link::{self, Item, Link};
use orgdesk::desktop::{self, Desktop};
use orgdesk_api::{CreateOrganization, ProductChoice};
use uuid::Uuid;

use super::{env, send, settle, sign_in};
use crate::support::{self, PASSWORD, Platform};

fn launched(link: &str) -> Message {
    Message::Desktop(desktop::Message::Launched(vec![link.to_owned()]))
}

/// A link to `item` of the demo organization, on the test's platform.
fn demo_link(p: &Platform, item: Item) -> Link {
    Link {
        host: link::host_of(&p.local.url, false).unwrap(),
        org: p.demo.subdomain.clone(),
        item,
    }
}

/// A member of the demo organization other than its admin.
async fn a_member(p: &Platform) -> orgdesk_api::Member {
    let members = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .unwrap();
    members
        .items
        .into_iter()
        .find(|m| m.email != p.demo.admin_email)
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn links_open_members_and_audit_entries_and_copy_link_makes_them() {
    let _english = support::english().await;
    let p = Platform::start(3).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let member = a_member(&p).await;
    let member_link = demo_link(&p, Item::Member(member.id));

    // A link before sign-in waits for it, then opens.
    let (console, task) = Console::with_env(env(folder.path(), &vault));
    let mut console = console.with_desktop(Desktop::new(None, &[member_link.to_string()]));
    settle(&mut console, task).await;
    assert_eq!(console.desktop().pending(), Some(&member_link));
    sign_in(&mut console, &p.local.url, &p.demo.admin_email, PASSWORD).await;
    let shell = console.shell().expect("signed in");
    assert_eq!(shell.page(), Page::Section(Section::Members));
    assert_eq!(console.desktop().pending(), None);
    let mut view = simulator(console.view());
    assert!(
        view.find(member.email.as_str()).is_ok(),
        "the sheet shows the member"
    );

    // "Copy link" on the sheet makes the same link.
    let _ = view.click("Copy link").expect("the sheet offers Copy link");
    let clicked: Vec<Message> = view.into_messages().collect();
    for message in clicked {
        send(&mut console, message).await;
    }
    let notice = console.desktop().notice().unwrap().to_owned();
    assert!(notice.contains(&member_link.to_string()), "{notice}");

    // An audit entry: the suspension the admin makes now.
    p.admin.suspend_member(&p.org, member.id).await.unwrap();
    let log = p
        .admin
        .audit_log(&p.org, &orgdesk_api::AuditQuery::default())
        .await
        .unwrap();
    let entry = log.items.first().unwrap().clone();
    let entry_link = Link {
        item: Item::AuditEntry(entry.id),
        ..member_link.clone()
    };
    send(&mut console, launched(&entry_link.to_string())).await;
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Audit)
    );
    assert_eq!(
        console.desktop().shown_entry().map(|e| e.id),
        Some(entry.id)
    );
    assert!(simulator(console.view()).find("Audit log entry").is_ok());
    send(&mut console, Message::Escape).await;
    assert!(!console.desktop().showing_entry());

    // Links this session cannot open say why, and change nothing.
    let elsewhere = Link {
        host: "platform.example".into(),
        ..member_link.clone()
    };
    send(&mut console, launched(&elsewhere.to_string())).await;
    let notice = console.desktop().notice().unwrap().to_owned();
    assert!(notice.contains("platform.example"), "{notice}");
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Audit)
    );
    let stranger = Link {
        org: "not-mine".into(),
        ..member_link.clone()
    };
    send(&mut console, launched(&stranger.to_string())).await;
    assert!(console.desktop().notice().unwrap().contains("not-mine"));
    send(&mut console, launched("orgdesk://x/orgs/acme/sessions/1")).await;
    assert!(
        console
            .desktop()
            .notice()
            .unwrap()
            .contains("cannot be opened")
    );
}

/// The id of the organization in view.
fn in_view(console: &Console) -> Option<String> {
    console
        .shell()
        .and_then(|shell| shell.current())
        .map(|choice| choice.id.clone())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_into_another_organization_switches_to_it_and_ends_with_the_session() {
    let _english = support::english().await;
    let p = Platform::start(3).await;
    // A second organization of the admin's (waiting for its payment), in
    // view whenever a link comes.
    let second = p
        .admin
        .create_org(&CreateOrganization {
            name: "Second Shop Ltd".into(),
            subdomain: "second-shop".into(),
            country: "DE".into(),
            vat_id: None,
            address: "Hauptstraße 1".into(),
            billing_email: p.demo.admin_email.clone(),
            products: vec![ProductChoice {
                product: "helpdesk".into(),
                package: "helpdesk-basic".into(),
            }],
        })
        .await
        .expect("a second organization");
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut env = env(folder.path(), &vault);
    env.settings.last_organization = Some(second.id.to_string());
    let (mut console, task) = Console::with_env(env);
    settle(&mut console, task).await;
    sign_in(&mut console, &p.local.url, &p.demo.admin_email, PASSWORD).await;
    assert_eq!(in_view(&console), Some(second.id.to_string()));

    let member = a_member(&p).await;
    let group = p.admin.groups(&p.org).await.unwrap().remove(0);
    let link_to = |item: Item| demo_link(&p, item);

    // A member: the demo organization comes into view with the member's sheet.
    send(
        &mut console,
        launched(&link_to(Item::Member(member.id)).to_string()),
    )
    .await;
    assert_eq!(in_view(&console), Some(p.org.clone()));
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Members)
    );
    assert!(
        simulator(console.view())
            .find(member.email.as_str())
            .is_ok(),
        "the sheet shows the member"
    );
    assert!(
        console.shell().unwrap().members().is_some(),
        "the new view lists its members"
    );

    // A group: its organization's Groups section.
    send(&mut console, Message::OpenOrg(second.id)).await;
    assert_eq!(in_view(&console), Some(second.id.to_string()));
    send(
        &mut console,
        launched(&link_to(Item::Group(group.id)).to_string()),
    )
    .await;
    assert_eq!(in_view(&console), Some(p.org.clone()));
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Groups)
    );
    assert!(
        simulator(console.view()).find(group.name.as_str()).is_ok(),
        "the Groups section lists the demo organization's groups"
    );

    // An audit entry: its organization's audit log, the entry over it.
    p.admin
        .suspend_member(&p.org, member.id)
        .await
        .expect("suspended");
    let log = p
        .admin
        .audit_log(&p.org, &orgdesk_api::AuditQuery::default())
        .await
        .unwrap();
    let entry: Uuid = log.items.first().unwrap().id;
    send(&mut console, Message::OpenOrg(second.id)).await;
    send(
        &mut console,
        launched(&link_to(Item::AuditEntry(entry)).to_string()),
    )
    .await;
    assert_eq!(in_view(&console), Some(p.org.clone()));
    assert_eq!(
        console.shell().unwrap().page(),
        Page::Section(Section::Audit)
    );
    assert_eq!(console.desktop().shown_entry().map(|e| e.id), Some(entry));

    // Signing out takes what the session showed with it: the entry, and a
    // link copied (as the entry's Copy link does).
    let copy = desktop::Message::CopyLink(Item::AuditEntry(entry));
    send(&mut console, Message::Desktop(copy)).await;
    assert!(
        console
            .desktop()
            .notice()
            .is_some_and(|n| n.contains("orgdesk://"))
    );
    send(&mut console, Message::SignOut).await;
    assert!(!console.is_signed_in());
    assert!(!console.desktop().showing_entry());
    assert_eq!(console.desktop().notice(), None);
    assert!(simulator(console.view()).find("Audit log entry").is_err());
}
