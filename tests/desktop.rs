//! The console on the desktop: the real binary's `--version` and second
//! launch, and `orgdesk://` links end to end against a real platform in this
//! process (open a member, an audit entry; Copy link; links that cannot open).

mod support;

use std::collections::VecDeque;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use iced::Task;
use iced_test::simulator;
use orgdesk::app::{Console, Message, Page, Section};
use orgdesk::credentials::{MemoryVault, Vault};
use orgdesk::desktop::instance::{self, Launch};
use orgdesk::desktop::link::{self, Item, Link};
use orgdesk::desktop::{self, Desktop};
use orgdesk::screen::login;
use orgdesk::session::Env;
use orgdesk_api::{AuditQuery, MemberQuery};
use support::{PASSWORD, Platform};

const BINARY: &str = env!("CARGO_BIN_EXE_orgdesk");

/// The binary with no display, no session bus and a throwaway home: what a
/// server, CI or a package's post-install check has.
fn headless(home: &std::path::Path) -> Command {
    let mut command = Command::new(BINARY);
    command
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("HOME", home);
    command
}

#[test]
fn version_names_the_commit_without_a_display() {
    let home = tempfile::tempdir().unwrap();
    let out = headless(home.path()).arg("--version").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    assert_eq!(said.trim(), format!("orgdesk {}", desktop::VERSION));
    assert!(said.contains(env!("CARGO_PKG_VERSION")), "{said}");
    // Built from a git checkout, the commit is HEAD's.
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    if let Ok(head) = head
        && head.status.success()
        && std::env::var_os("ORGDESK_COMMIT").is_none()
    {
        let head = String::from_utf8(head.stdout).unwrap();
        assert!(
            said.contains(&format!("(commit {})", head.trim())),
            "{said}"
        );
    }
    // Nothing was started: no crash report folder, no socket left behind.
    assert!(std::fs::read_dir(home.path()).unwrap().next().is_none());
}

#[tokio::test]
async fn a_second_launch_of_the_binary_hands_its_link_to_the_running_console() {
    let home = tempfile::tempdir().unwrap();
    // The running console's side, as main.rs sets it up for `--home HOME`.
    let address = instance::Address::for_home(Some(home.path()));
    let Launch::First(listener) = instance::launch(&address, &[]).unwrap() else {
        panic!("another console listens for this home");
    };
    let inbox = listener.spawn();
    let link = "orgdesk://platform.example/orgs/acme/members/0190f2a4-7b1c-7d3e-9f00-1234567890ab";
    let status = tokio::task::spawn_blocking({
        let home = home.path().to_path_buf();
        move || {
            headless(&home)
                .arg("--home")
                .arg(&home)
                .arg(link)
                .status()
                .unwrap()
        }
    })
    .await
    .unwrap();
    // Without a display the second console could not have opened a window:
    // it exited at once, successfully, having handed over.
    assert!(status.success(), "{status:?}");
    let args = tokio::time::timeout(Duration::from_secs(10), inbox.next())
        .await
        .unwrap();
    assert_eq!(args, Some(vec![link.to_owned()]));
}

fn env(folder: &std::path::Path, vault: &Arc<MemoryVault>) -> Env {
    let mut env = Env::in_folder(folder, Some(vault.clone() as Arc<dyn Vault>));
    env.settings.language = Some("en-US".into());
    env
}

async fn settle(console: &mut Console, task: Task<Message>) {
    let mut queue: VecDeque<Message> = support::run(task).await.into();
    let mut steps = 0;
    while let Some(message) = queue.pop_front() {
        steps += 1;
        assert!(steps < 1000, "the console keeps producing messages");
        let next = console.update(message);
        queue.extend(support::run(next).await);
    }
}

async fn send(console: &mut Console, message: Message) {
    let task = console.update(message);
    settle(console, task).await;
}

async fn sign_in(console: &mut Console, url: &str, email: &str) {
    for message in [
        login::Message::PlatformChanged(url.into()),
        login::Message::EmailChanged(email.into()),
        login::Message::PasswordChanged(PASSWORD.into()),
        login::Message::Submit,
    ] {
        send(console, Message::Login(message)).await;
    }
}

fn launched(link: &str) -> Message {
    Message::Desktop(desktop::Message::Launched(vec![link.to_owned()]))
}

#[tokio::test(flavor = "multi_thread")]
async fn links_open_members_and_audit_entries_and_copy_link_makes_them() {
    let _english = support::english().await;
    let p = Platform::start(3).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let host = link::host_of(&p.local.url, false).unwrap();
    let members = p
        .admin
        .members(&p.org, &MemberQuery::default())
        .await
        .unwrap();
    let member = members
        .items
        .iter()
        .find(|m| m.email != p.demo.admin_email)
        .unwrap()
        .clone();
    let member_link = Link {
        host: host.clone(),
        org: p.demo.subdomain.clone(),
        item: Item::Member(member.id),
    };

    // A link before sign-in waits for it, then opens.
    let (console, task) = Console::with_env(env(folder.path(), &vault));
    let mut console = console.with_desktop(Desktop::new(None, &[member_link.to_string()]));
    settle(&mut console, task).await;
    assert_eq!(console.desktop().pending(), Some(&member_link));
    sign_in(&mut console, &p.local.url, &p.demo.admin_email).await;
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
        .audit_log(&p.org, &AuditQuery::default())
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
