//! Cancel while a change set is applied (issue 16), against the real
//! platform: the request is one transaction, so after Cancel the dialog asks
//! the platform what it did and says so truthfully — not applied (the
//! request never reached it), or applied already (its answer was lost).

use orgdesk::widget::progress::Notice;
use orgdesk_api::CreateGroup;

use super::*;

/// Runs `action`'s tasks through the dialog; the notices it ended with.
async fn drive(dialog: &mut Bulk, action: Action) -> Vec<(Notice, bool)> {
    let mut notices = Vec::new();
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        match action {
            Action::Run(task) => {
                for message in support::run(task).await {
                    pending.push(dialog.update(message));
                }
            }
            Action::Notify { notice, changed } => notices.push((notice, changed)),
            Action::None | Action::Changed => {}
            Action::Close => panic!("the dialog closed"),
        }
    }
    notices
}

fn click(dialog: &Bulk, label: &str) -> Vec<Message> {
    let mut ui = simulator(dialog.view());
    ui.click(label)
        .unwrap_or_else(|e| panic!("{label:?} to click: {e:?}"));
    ui.into_messages().collect()
}

async fn previewed(p: &support::Platform, group: &str) -> (Bulk, Uuid, usize) {
    let members: Vec<Member> = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|m| m.email != p.demo.admin_email)
        .collect();
    let made = p
        .admin
        .create_group(
            &p.org,
            &CreateGroup {
                name: group.into(),
                description: String::new(),
                permissions: vec!["org.audit.read".into()],
            },
        )
        .await
        .unwrap();
    let (mut dialog, load) =
        Bulk::for_members(p.admin.clone(), p.org.clone(), members.clone(), Mode::Add);
    drive(&mut dialog, Action::Run(load)).await;
    for label in [group, "Preview changes"] {
        for message in click(&dialog, label) {
            let action = dialog.update(message);
            drive(&mut dialog, action).await;
        }
    }
    assert!(dialog.preview_result().is_some());
    (dialog, made.id, members.len())
}

#[tokio::test(flavor = "multi_thread")]
async fn cancel_before_the_answer_says_what_the_platform_did() {
    let _words = english_async().await;
    let p = support::Platform::start(6).await;
    let (mut dialog, group, n) = previewed(&p, "Night Shift").await;

    // Cancel before the request went out: the platform applied nothing,
    // and the dialog says so after asking it; the preview is back.
    let Action::Run(_unsent) = dialog.update(Message::Apply) else {
        panic!("Apply sends the change set");
    };
    assert!(dialog.can_cancel());
    {
        let mut ui = simulator(dialog.view());
        ui.find(format!("Applying {n} changes…").as_str())
            .expect("what is being done");
    }
    let cancel = click(&dialog, "Cancel");
    assert!(
        matches!(cancel.as_slice(), [Message::CancelApply]),
        "{cancel:?}"
    );
    let action = dialog.update(Message::CancelApply);
    let said = drive(&mut dialog, action).await;
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(
        said[0].0.text,
        format!("Cancelled: the platform did not apply the {n} changes (checked after Cancel).")
    );
    assert!(!said[0].1, "nothing changed");
    assert_eq!(p.admin.group(&p.org, group).await.unwrap().member_count, 0);
    assert!(dialog.preview_result().is_some(), "back at the preview");

    // Cancel after the platform applied it (its answer lost on the way):
    // the dialog says it was applied, and offers Undo.
    let Action::Run(sent) = dialog.update(Message::Apply) else {
        panic!("Apply sends the change set");
    };
    let _lost = support::run(sent).await;
    assert_eq!(
        p.admin.group(&p.org, group).await.unwrap().member_count,
        n as u64
    );
    let action = dialog.update(Message::CancelApply);
    let said = drive(&mut dialog, action).await;
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].0.text.starts_with(&format!(
            "Cancel came too late: the platform had already applied the {n} changes"
        )),
        "{said:?}"
    );
    assert!(said[0].1, "memberships changed");
    let done = dialog.done_result().expect("done");
    assert_eq!(done.diff.added.len(), n);
    let mut ui = simulator(dialog.view());
    ui.find("Undo").expect("Undo is offered");
}

/// A CSV file adding each of `emails` to Managers.
fn file_of(emails: &[String]) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut csv = String::from("Email;Group;Action\n");
    for email in emails {
        csv.push_str(&format!("{email};Managers;add\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("people.csv");
    std::fs::write(&path, csv).unwrap();
    (dir, path)
}

#[tokio::test(flavor = "multi_thread")]
async fn reading_an_import_counts_its_addresses_and_cancel_keeps_nothing() {
    let _words = english_async().await;
    let p = support::Platform::start(30).await;
    let emails: Vec<String> = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|m| m.email)
        .take(5)
        .collect();
    let (_dir, path) = file_of(&emails);

    // The look-ups are counted (here a walk over the members: fewer requests
    // than one search per address), up to all of them.
    let all = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .unwrap()
        .total;
    let (mut dialog, _file_dialog) = Bulk::import(p.admin.clone(), p.org.clone());
    let Action::Run(reading) = dialog.update(Message::FileChosen(Some(path.clone()))) else {
        panic!("the file is read");
    };
    {
        let mut ui = simulator(dialog.view());
        ui.find("Cancel").expect("Cancel while reading");
    }
    let mut counts = Vec::new();
    for message in support::run(reading).await {
        if let Message::FileProgress { done, total, .. } = &message {
            counts.push((*done, *total));
        }
        let progress = matches!(message, Message::FileProgress { .. });
        let action = dialog.update(message);
        if progress && dialog.busy() {
            let (done, total) = *counts.last().unwrap();
            let mut ui = simulator(dialog.view());
            ui.find(format!("{done} of {total}").as_str())
                .expect("the counts on show");
        }
        drive(&mut dialog, action).await;
    }
    assert_eq!(counts.last(), Some(&(all, all)), "{counts:?}");
    assert_eq!(dialog.rows().len(), 5);

    // Cancel while reading: the task yields nothing more, no row is kept,
    // and a notice says nothing was changed.
    let (mut dialog, _file_dialog) = Bulk::import(p.admin.clone(), p.org.clone());
    let Action::Run(reading) = dialog.update(Message::FileChosen(Some(path))) else {
        panic!("the file is read");
    };
    let cancel = click(&dialog, "Cancel");
    assert!(
        matches!(cancel.as_slice(), [Message::CancelRead]),
        "{cancel:?}"
    );
    let Action::Notify { notice, changed } = dialog.update(Message::CancelRead) else {
        panic!("Cancel says how it ended");
    };
    assert!(!changed);
    assert_eq!(
        notice.text,
        "Import of people.csv cancelled while it was read: nothing was changed."
    );
    let late: Vec<Message> = support::run(reading).await;
    assert!(
        late.iter().all(|m| matches!(m, Message::Tick(_))),
        "only the spinner's tick is left: {late:?}"
    );
    for message in late {
        let _ = dialog.update(message);
    }
    assert!(dialog.rows().is_empty());
    assert!(!dialog.busy());
}
