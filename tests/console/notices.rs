//! Long work in the shell (issue 16): how it ended is said in the shell's
//! notices, which stay across sections until dismissed and stack; the
//! offline sync shows its counts, and Cancel keeps the previous copy whole.

use std::sync::{Arc, Mutex};

use iced_test::simulator;
use orgdesk::app::{Console, Message, Page, Section, SyncProgress};
use orgdesk::cache::{Cache, CacheKey};
use orgdesk::credentials::MemoryVault;
use orgdesk::screen::audit;

use super::{admin_console, env, send, settle, support, visible_names};
use support::Platform;

fn notices(console: &Console) -> Vec<String> {
    console
        .shell()
        .unwrap()
        .notices()
        .map(|n| n.text.clone())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_notice_stays_across_sections_until_dismissed_and_several_stack() {
    let _words = support::english().await;
    let p = Platform::start(3).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    assert!(notices(&console).is_empty());
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Audit)),
    )
    .await;
    let first = folder.path().join("first.csv");
    send(
        &mut console,
        Message::Audit(audit::Message::ExportTo(Some(first.clone()))),
    )
    .await;
    let said = notices(&console);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("entries exported to"), "{said:?}");
    assert!(first.exists());

    // Another section, then another: the notice is still there.
    for section in [Section::Members, Section::Groups] {
        send(&mut console, Message::Navigate(Page::Section(section))).await;
        assert_eq!(notices(&console), said);
        let mut ui = simulator(console.view());
        ui.find(said[0].as_str()).expect("still shown");
    }

    // A second export stacks under the first.
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Audit)),
    )
    .await;
    let second = folder.path().join("second.csv");
    send(
        &mut console,
        Message::Audit(audit::Message::ExportTo(Some(second.clone()))),
    )
    .await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    let both = notices(&console);
    assert_eq!(both.len(), 2, "{both:?}");
    assert_eq!(both[0], said[0]);

    // Dismiss reads the first one only.
    let dismissed = {
        let mut ui = simulator(console.view());
        ui.click("Dismiss").expect("Dismiss is offered");
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(
        matches!(dismissed.as_slice(), [Message::DismissNotice(_)]),
        "{dismissed:?}"
    );
    for message in dismissed {
        send(&mut console, message).await;
    }
    assert_eq!(notices(&console), vec![both[1].clone()]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_offline_sync_counts_its_pages_and_cancel_keeps_the_previous_copy() {
    let _words = support::english().await;
    let p = Platform::start(24).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let cache = Arc::new(Cache::new(folder.path().join("copy"), vault.clone()));
    let key = CacheKey::new(&p.local.url, &p.org, &p.demo.admin_email);
    let all = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .unwrap()
        .total;

    // In pages of 10: the counts grow page by page to all of them.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = {
        let seen = seen.clone();
        move |p: SyncProgress| seen.lock().unwrap().push((p.fetched, p.total))
    };
    let synced = orgdesk::app::sync_members_reporting(
        p.admin.clone(),
        p.org.clone(),
        cache.clone(),
        key.clone(),
        10,
        record,
    )
    .await
    .unwrap();
    assert_eq!(synced.members as u64, all);
    let seen = seen.lock().unwrap().clone();
    let expected: Vec<(u64, u64)> = (1..=all.div_ceil(10))
        .map(|page| ((page * 10).min(all), all))
        .collect();
    assert_eq!(seen, expected);
    let (before, _) = orgdesk::app::load_members(cache.clone(), key.clone())
        .await
        .unwrap();
    let before = before.expect("a copy");

    // A member changes; a full sync is cancelled after its first page: the
    // previous copy is left exactly as it was.
    let member = before
        .value
        .members
        .iter()
        .find(|m| m.email != p.demo.admin_email)
        .unwrap()
        .clone();
    p.admin.suspend_member(&p.org, member.id).await.unwrap();
    let (stop, registration) = futures::future::AbortHandle::new_pair();
    let cancelled = futures::future::Abortable::new(
        orgdesk::app::sync_members_reporting(
            p.admin.clone(),
            p.org.clone(),
            cache.clone(),
            key.clone(),
            1,
            move |_| stop.abort(),
        ),
        registration,
    )
    .await;
    assert!(cancelled.is_err(), "cancelled");
    let (after, _) = orgdesk::app::load_members(cache.clone(), key.clone())
        .await
        .unwrap();
    let after = after.expect("the copy is still there");
    assert_eq!(after.value, before.value);
    assert_eq!(after.as_of, before.as_of);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_console_shows_the_sync_with_cancel_and_the_old_copy_still_opens() {
    let _words = support::english().await;
    let p = Platform::start(12).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Members)),
    )
    .await;
    let names = visible_names(&console);
    let member = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|m| m.email != p.demo.admin_email)
        .unwrap();
    p.admin.suspend_member(&p.org, member.id).await.unwrap();

    // Refresh starts a sync: a bar with Cancel in the shell.
    let refresh = console.update(Message::Refresh);
    let cancel = {
        let mut ui = simulator(console.view());
        ui.find("Saving the offline copy of the members")
            .expect("the sync's bar");
        ui.click("Cancel").expect("Cancel is offered");
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(
        matches!(cancel.as_slice(), [Message::CancelSync]),
        "{cancel:?}"
    );
    let said = console.update(Message::CancelSync);
    settle(&mut console, said).await;
    settle(&mut console, refresh).await;
    let said = notices(&console);
    assert_eq!(
        said,
        vec![
            "Offline copy not updated: cancelled. The previous copy is kept as it was.".to_string()
        ]
    );

    // The platform goes away: the previous copy opens, without the change.
    p.local.stop().await.unwrap();
    drop(console);
    let (mut offline, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut offline, task).await;
    let shell = offline.shell().expect("the shell, offline");
    assert!(shell.offline_as_of().is_some());
    assert_eq!(visible_names(&offline), names);
    let cached = shell
        .members()
        .unwrap()
        .rows()
        .iter()
        .find(|m| m.id == member.id)
        .unwrap()
        .clone();
    assert_eq!(cached.status, orgdesk_api::MembershipStatus::Active);
}
