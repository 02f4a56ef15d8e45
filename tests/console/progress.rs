//! Long work (issue 16), on the audit export against a real platform: it
//! shows progress with counts and Cancel; Cancel stops it (its task yields
//! nothing more) and no file is written; the end is said in a notice that
//! stays until dismissed, and what it says matches the platform.

use iced::Task;
use iced_test::simulator;
use orgdesk::screen::audit::{self, Audit, Message};
use orgdesk::widget::progress::Notice;
use orgdesk_api::AuditQuery;

use super::support;
use support::Platform;

/// Runs `task` through `screen`; the notices it ends with.
async fn drive(screen: &mut Audit, task: Task<Message>) -> Vec<Notice> {
    let mut tasks = vec![task];
    let mut notices = Vec::new();
    while let Some(task) = tasks.pop() {
        for message in support::run(task).await {
            match screen.update(message) {
                audit::Action::Run(task) => tasks.push(task),
                audit::Action::Notify(notice) => notices.push(notice),
                _ => {}
            }
        }
    }
    notices
}

fn started(action: audit::Action) -> Task<Message> {
    match action {
        audit::Action::Run(task) => task,
        _ => panic!("the export starts"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_export_shows_progress_is_cancelled_for_real_and_ends_with_a_notice_that_stays() {
    let _words = support::english().await;
    let p = Platform::start(8).await;
    let (mut screen, task) = Audit::new(p.admin.clone(), p.org.clone());
    drive(&mut screen, task).await;
    let total = screen.total();
    assert!(total > 0, "the seeding left a trail");
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("audit.csv");

    // Under way: a bar with counts and Cancel; a second export waits.
    let export = started(screen.update(Message::ExportTo(Some(path.clone()))));
    assert!(screen.is_exporting());
    assert!(matches!(
        screen.update(Message::ExportTo(Some(path.clone()))),
        audit::Action::None
    ));
    {
        let mut ui = simulator(screen.view());
        ui.find(format!("0 of {total}")).expect("the counts");
        ui.click("Cancel").expect("Cancel is offered");
        let messages: Vec<_> = ui.into_messages().collect();
        assert!(
            matches!(messages.as_slice(), [Message::CancelExport]),
            "{messages:?}"
        );
    }

    // Cancel stops the work: its task yields nothing, no file is written;
    // the notice goes to the shell (see notices.rs for it staying).
    let audit::Action::Notify(said) = screen.update(Message::CancelExport) else {
        panic!("Cancel says how it ended");
    };
    assert!(!screen.is_exporting());
    assert!(
        support::run(export).await.is_empty(),
        "the export was aborted"
    );
    assert!(!path.exists(), "no file, not even a part of one");
    assert_eq!(said.text, "Export cancelled: no file was written.");

    // Exported to the end: the notice counts what the file holds, which is
    // what the platform has for these filters.
    let platform = p
        .admin
        .audit_log(&p.org, &AuditQuery::default())
        .await
        .unwrap()
        .total;
    let export = started(screen.update(Message::ExportTo(Some(path.clone()))));
    let notices = drive(&mut screen, export).await;
    let [said] = notices.as_slice() else {
        panic!("one notice: {notices:?}");
    };
    let said = said.text.clone();
    let written = csv::Reader::from_path(&path).unwrap().records().count() as u64;
    assert_eq!(written, platform);
    assert!(
        said.starts_with(&format!("{written} entries exported to")),
        "{said}"
    );
}
