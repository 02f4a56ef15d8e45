//! Access that ends: an optional end date on "Add to groups…", and "Extend
//! to…", which re-adds a selection to their own groups with a new end.

use orgdesk_api::MemberAdd;
use time::macros::datetime;

use super::*;

const END: OffsetDateTime = datetime!(2027-01-31 00:00 UTC);

#[test]
fn an_add_takes_an_optional_end_date() {
    let _words = english();
    let mut dialog = adding();
    let _ = dialog.update(Message::Toggle(id(SALES), true));
    let mut ui = simulator(dialog.view());
    ui.find("Ends on (optional)").expect("the end date field");
    drop(ui);
    let everyone = [id(1), id(2), id(3)];
    // No date: memberships without end, as before.
    assert_eq!(
        dialog.changes()[0].add,
        everyone.map(MemberAdd::from).to_vec()
    );

    let _ = dialog.update(Message::UntilChanged("2027-01-31".into()));
    assert_eq!(
        dialog.changes(),
        vec![BulkChange {
            group: id(SALES),
            add: everyone
                .iter()
                .map(|&a| MemberAdd::until(a, Some(END)))
                .collect(),
            remove: vec![],
        }]
    );

    // A date that does not read: said so, and nothing can be previewed.
    let _ = dialog.update(Message::UntilChanged("31.01.2027".into()));
    let mut ui = simulator(dialog.view());
    ui.find("Write the date as YYYY-MM-DD, for example 2027-01-31.")
        .expect("why");
    drop(ui);
    assert!(dialog.changes().is_empty());
    assert!(matches!(dialog.update(Message::Preview), Action::None));
}

#[test]
fn a_removal_has_no_end_date() {
    let _words = english();
    let members = vec![member(1, "Ann")];
    let (mut dialog, _load) = Bulk::for_members(client(), "acme".into(), members, Mode::Remove);
    let _ = dialog.update(Message::Loaded(Ok(directory())));
    let mut ui = simulator(dialog.view());
    assert!(ui.find("Ends on (optional)").is_err());
}

fn in_sales(mut m: Member) -> Member {
    m.groups.push(GroupRef {
        id: id(SALES),
        name: "Sales Team".into(),
    });
    m
}

#[test]
fn extend_re_adds_each_member_to_their_own_groups() {
    let _words = english();
    // Ann is in User and Sales Team, Bob only in User.
    let members = vec![in_sales(member(1, "Ann")), member(2, "Bob")];
    let (mut dialog, _load) = Bulk::extend(client(), "acme".into(), members);
    let _ = dialog.update(Message::Loaded(Ok(directory())));
    let mut ui = simulator(dialog.view());
    ui.find("Extend the access of 2 members")
        .expect("the title");
    ui.find("New end date").expect("the date it needs");
    drop(ui);
    // Their groups are chosen; without a date there is nothing to send.
    assert!(dialog.changes().is_empty());
    assert!(matches!(dialog.update(Message::Preview), Action::None));

    let _ = dialog.update(Message::UntilChanged("2027-01-31".into()));
    let mut changes = dialog.changes();
    changes.sort_by_key(|c| c.group);
    assert_eq!(
        changes,
        vec![
            BulkChange {
                group: id(SALES),
                add: vec![MemberAdd::until(id(1), Some(END))],
                remove: vec![],
            },
            BulkChange {
                group: id(USER),
                add: vec![
                    MemberAdd::until(id(1), Some(END)),
                    MemberAdd::until(id(2), Some(END))
                ],
                remove: vec![],
            },
        ],
        "nobody is added to a group they are not in"
    );

    // Leaving Sales Team out extends only User.
    let _ = dialog.update(Message::Toggle(id(SALES), false));
    assert_eq!(dialog.changes().len(), 1);

    // The platform answers with end dates changed, not memberships added.
    assert!(matches!(dialog.update(Message::Preview), Action::Run(_)));
    let membership = |n| GroupMembership {
        group: id(USER),
        account: id(n),
    };
    let result = BulkResult {
        dry_run: true,
        diff: MembershipDiff {
            added: vec![],
            removed: vec![],
            unchanged: 0,
            expiry_changed: vec![membership(1), membership(2)],
        },
        impact: vec![],
    };
    let _ = dialog.update(Message::Previewed {
        tag: dialog.pending().expect("the preview's request"),
        result: Ok(Box::new(result)),
    });
    let mut ui = simulator(dialog.view());
    ui.find("The end dates of 2 memberships change.")
        .expect("the summary says so");
    ui.find("Memberships (2)").expect("both listed");
    ui.find("new end date").expect("the change of a row");
    drop(ui);
    assert!(
        matches!(dialog.update(Message::Apply), Action::Run(_)),
        "a change of end dates can be applied"
    );
}

#[test]
fn german_end_dates() {
    let _words = support::language("de-DE");
    let members = vec![member(1, "Ann")];
    let (mut dialog, _load) = Bulk::extend(client(), "acme".into(), members);
    let _ = dialog.update(Message::Loaded(Ok(directory())));
    let _ = dialog.update(Message::UntilChanged("morgen".into()));
    let mut ui = simulator(dialog.view());
    ui.find("Zugang eines Mitglieds verlängern").expect("title");
    ui.find("Schreiben Sie das Datum als JJJJ-MM-TT, zum Beispiel 2027-01-31.")
        .expect("why");
}

fn ending(mut m: Member, group: u128, end: OffsetDateTime) -> Member {
    m.group_expiry.push(orgdesk_api::GroupExpiry {
        group: id(group),
        expires_at: end,
    });
    m
}

#[test]
fn extend_offers_undo_that_puts_the_old_ends_back() {
    let _words = english();
    let old = datetime!(2099-03-01 00:00 UTC);
    // Ann's User membership ends in 2099; Bob's has no end.
    let members = vec![ending(member(1, "Ann"), USER, old), member(2, "Bob")];
    let (mut dialog, _load) = Bulk::extend(client(), "acme".into(), members);
    let _ = dialog.update(Message::Loaded(Ok(directory())));
    let _ = dialog.update(Message::UntilChanged("2027-01-31".into()));
    assert!(matches!(dialog.update(Message::Preview), Action::Run(_)));
    let membership = |n| GroupMembership {
        group: id(USER),
        account: id(n),
    };
    let changed = |dry_run| BulkResult {
        dry_run,
        diff: MembershipDiff {
            added: vec![],
            removed: vec![],
            unchanged: 0,
            expiry_changed: vec![membership(1), membership(2)],
        },
        impact: vec![],
    };
    let _ = dialog.update(Message::Previewed {
        tag: dialog.pending().expect("preview"),
        result: Ok(Box::new(changed(true))),
    });
    assert!(matches!(dialog.update(Message::Apply), Action::Run(_)));
    assert!(matches!(
        dialog.update(Message::Applied {
            tag: dialog.pending().expect("apply"),
            result: Ok(Box::new(changed(false))),
        }),
        Action::Changed
    ));
    let mut ui = simulator(dialog.view());
    ui.click("Undo").expect("Extend offers Undo");
    let clicked: Vec<Message> = ui.into_messages().collect();
    assert!(matches!(clicked.as_slice(), [Message::Undo]), "{clicked:?}");

    // Undo re-adds each with the end they had: Ann's 2099, Bob's none.
    let applied = dialog.done_result().expect("done").clone();
    assert_eq!(
        dialog.undo_changes(&applied),
        vec![BulkChange {
            group: id(USER),
            add: vec![
                MemberAdd::until(id(1), Some(old)),
                MemberAdd::until(id(2), None)
            ],
            remove: vec![],
        }]
    );
    assert!(matches!(dialog.update(Message::Undo), Action::Run(_)));
    assert!(dialog.busy(), "the undo is previewed first");
}

#[test]
fn undo_rules_for_changed_and_past_ends() {
    use orgdesk::screen::bulk::plan;
    let now = datetime!(2026-12-05 12:00 UTC);
    let past = datetime!(2026-12-01 00:00 UTC);
    let m = |g: u128, a: u128| GroupMembership {
        group: id(g),
        account: id(a),
    };
    let before: plan::Ends = [
        ((id(USER), id(1)), Some(past)),
        ((id(USER), id(2)), None),
        ((id(SALES), id(3)), Some(past)),
    ]
    .into_iter()
    .collect();
    let diff = MembershipDiff {
        added: vec![m(AUDITORS, 1)],
        removed: vec![m(SALES, 3)],
        unchanged: 0,
        expiry_changed: vec![m(USER, 1), m(USER, 2), m(USER, 9)],
    };
    let mut undo = plan::undo(&diff, Some(&before), now);
    undo.sort_by_key(|c| c.group);
    assert_eq!(
        undo,
        vec![
            BulkChange {
                group: id(SALES),
                add: vec![],
                remove: vec![],
            },
            BulkChange {
                group: id(AUDITORS),
                add: vec![],
                remove: vec![id(1)],
            },
            BulkChange {
                group: id(USER),
                // An old end that has passed cannot be set again: that membership goes.
                add: vec![MemberAdd::until(id(2), None)],
                remove: vec![id(1)],
            },
        ]
        .into_iter()
        .filter(|c| !(c.add.is_empty() && c.remove.is_empty()))
        .collect::<Vec<_>>(),
        "a removed membership that had ended is not brought back; an unknown old end is left alone"
    );
    // Without the old ends (a CSV file), only adds and removals are undone.
    let plain = plan::undo(&diff, None, now);
    assert_eq!(plan::size(&plain), 2);
}
