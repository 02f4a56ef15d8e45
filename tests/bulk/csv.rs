//! The CSV import, headless: rows flagged row by row, files that cannot be read.

use super::*;

const CSV: &str = "email,group,action
ann@example.com,Sales Team,add
BOB@example.com,auditors
nobody@example.com,Sales Team,add
cy@example.com,Nowhere,add
cy@example.com,Sales Team,delete
ann@example.com,Sales Team,add
ann@example.com,Sales Team,remove
not-an-address,Sales Team
bob@example.com,User,remove
";

fn people() -> std::collections::HashMap<String, Person> {
    [(1, "Ann"), (2, "Bob"), (3, "Cy")]
        .into_iter()
        .map(|(n, name)| {
            let email = format!("{}@example.com", name.to_lowercase());
            (
                email.clone(),
                Person {
                    id: id(n),
                    name: name.into(),
                    email,
                },
            )
        })
        .collect()
}

/// An import dialog showing `CSV` checked against Ann, Bob, Cy and the groups.
fn reviewing() -> Bulk {
    let (mut dialog, _pick) = Bulk::import(client(), "acme".into());
    let directory = directory();
    let rows = bulk::import::check(
        bulk::import::parse(CSV).expect("CSV"),
        &people(),
        &directory.groups,
    );
    // The file's name is shown; the answer is fed as the reading task would.
    let _ = dialog.update(Message::FileChosen(Some("changes.csv".into())));
    let _ = dialog.update(Message::FileChecked {
        tag: dialog.pending().expect("a request on its way"),
        result: Ok(Box::new(CheckedFile {
            directory,
            people: people().into_values().collect(),
            rows,
        })),
    });
    dialog
}

#[test]
fn csv_rows_are_flagged_row_by_row() {
    let _words = english();
    let dialog = reviewing();
    let mut ui = simulator(dialog.view());
    ui.find("Import group changes from changes.csv")
        .expect("the file's name");
    ui.find("9 rows: 3 ready, 6 with problems (left out)")
        .expect("the summary");
    ui.find("No member has this email address")
        .expect("unknown email");
    ui.find("No group has this name").expect("unknown group");
    ui.find("Unknown action \"delete\": use add or remove")
        .expect("bad action");
    ui.find("Repeats line 2").expect("a repeated row");
    ui.find("Contradicts line 2").expect("a contradicting row");
    ui.find("Not an email address").expect("no address");
    let problems: Vec<(u64, bool)> = dialog.rows().iter().map(|r| (r.row.line, r.ok())).collect();
    assert_eq!(
        problems,
        [
            (2, true),
            (3, true),
            (4, false),
            (5, false),
            (6, false),
            (7, false),
            (8, false),
            (9, false),
            (10, true)
        ]
    );
    // Only the good rows, grouped per group, case of addresses and names ignored.
    assert_eq!(
        dialog.changes(),
        vec![
            BulkChange {
                group: id(SALES),
                add: vec![id(1).into()],
                remove: vec![],
            },
            BulkChange {
                group: id(AUDITORS),
                add: vec![id(2).into()],
                remove: vec![],
            },
            BulkChange {
                group: id(USER),
                add: vec![],
                remove: vec![id(2)],
            },
        ]
    );
    ui.click("Preview changes").expect("Preview");
    ui.click("Choose another file").expect("another file");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(matches!(
        messages.as_slice(),
        [Message::Preview, Message::ChooseFile]
    ));
}

#[test]
fn a_cancelled_file_dialog_closes_the_import() {
    let _words = english();
    let (mut dialog, _pick) = Bulk::import(client(), "acme".into());
    let mut ui = simulator(dialog.view());
    ui.find("Choose a CSV file in the file dialog…")
        .expect("waiting for the file");
    drop(ui);
    assert!(matches!(
        dialog.update(Message::FileChosen(None)),
        Action::Close
    ));
    // With a file read, cancelling another choice keeps it.
    let mut dialog = reviewing();
    let _ = dialog.update(Message::ChooseFile);
    assert!(matches!(
        dialog.update(Message::FileChosen(None)),
        Action::None
    ));
    assert_eq!(dialog.rows().len(), 9);
}

#[tokio::test(flavor = "multi_thread")]
async fn unreadable_files_are_explained() {
    let _words = english_async().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"j\xfcrgen@example.com,Sales Team\n").unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "email,group,action\n\n").unwrap();
    let cases = [
        (dir.path().join("missing.csv"), "The file cannot be read: "),
        (
            latin1,
            "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and choose it again.",
        ),
        (empty, "The file has no rows."),
    ];
    for (path, words) in cases {
        let (mut dialog, _pick) = Bulk::import(client(), "acme".into());
        let Action::Run(task) = dialog.update(Message::FileChosen(Some(path.clone()))) else {
            panic!("reading starts");
        };
        for message in crate::support::run(task).await {
            let _ = dialog.update(message);
        }
        let error = dialog.error().unwrap_or_default().to_string();
        assert!(error.starts_with(words), "{path:?}: {error}");
        assert!(dialog.changes().is_empty());
        let mut ui = simulator(dialog.view());
        ui.find(error.as_str()).expect("the reason shows");
    }
}

#[test]
fn an_expires_at_column_ends_added_memberships_row_by_row() {
    use orgdesk_api::MemberAdd;
    use time::macros::datetime;
    let _words = english();
    let now = datetime!(2026-12-05 12:00 UTC);
    let text = "email,group,action,expires_at
ann@example.com,Sales Team,add,2027-01-31
bob@example.com,Sales Team,,2027-02-01T09:30:00Z
cy@example.com,Sales Team,add,31.01.2027
ann@example.com,Auditors,add,2026-12-01
bob@example.com,User,remove,2027-01-31
cy@example.com,Auditors
";
    let directory = directory();
    let rows = bulk::import::check_at(
        bulk::import::parse(text).expect("CSV"),
        &people(),
        &directory.groups,
        now,
    );
    let verdicts: Vec<(u64, bool)> = rows.iter().map(|r| (r.row.line, r.ok())).collect();
    assert_eq!(
        verdicts,
        [
            (2, true),
            (3, true),
            (4, false),
            (5, false),
            (6, false),
            (7, true)
        ]
    );
    assert_eq!(
        bulk::import::changes(&rows),
        vec![
            BulkChange {
                group: id(SALES),
                add: vec![
                    MemberAdd::until(id(1), Some(datetime!(2027-01-31 00:00 UTC))),
                    MemberAdd::until(id(2), Some(datetime!(2027-02-01 09:30 UTC))),
                ],
                remove: vec![],
            },
            BulkChange {
                group: id(AUDITORS),
                add: vec![id(3).into()],
                remove: vec![],
            },
        ],
        "each add carries its own end; a row without one has none"
    );

    // The review names each problem.
    let (mut dialog, _pick) = Bulk::import(client(), "acme".into());
    let _ = dialog.update(Message::FileChosen(Some("ends.csv".into())));
    let _ = dialog.update(Message::FileChecked {
        tag: dialog.pending().expect("a request on its way"),
        result: Ok(Box::new(CheckedFile {
            directory,
            people: people().into_values().collect(),
            rows,
        })),
    });
    let mut ui = simulator(dialog.view());
    ui.find("Ends").expect("the column");
    ui.find("The end date \"31.01.2027\" does not read: write YYYY-MM-DD, for example 2027-01-31")
        .expect("unreadable");
    ui.find("The end date 2026-12-01 has passed: access must end in the future")
        .expect("past");
    ui.find("A removal has no end date: leave expires_at empty")
        .expect("on a removal");
}
