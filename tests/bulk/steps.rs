//! Each step of the dialog for a selection of members, headless.

use super::*;

#[test]
fn choosing_groups_makes_the_change_set() {
    let _words = english();
    let mut dialog = adding();
    let mut ui = simulator(dialog.view());
    ui.find("Add 3 members to groups").expect("the title");
    ui.find("Choose the groups to add them to.")
        .expect("the hint");
    ui.find("Ann, Bob, Cy").expect("who is selected");
    ui.find("User · built-in").expect("a built-in group");
    ui.find("one permission · 12 members · 0 of the selection in it")
        .expect("what a group is");
    ui.find("one permission · 40 members · 3 of the selection in it")
        .expect("the selection's groups counted");
    ui.click("Sales Team").expect("a group to pick");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(
        matches!(messages.as_slice(), [Message::Toggle(g, true)] if *g == id(SALES)),
        "{messages:?}"
    );
    // Nothing picked yet: Preview is disabled.
    assert!(dialog.changes().is_empty());
    assert!(matches!(dialog.update(Message::Preview), Action::None));

    for message in messages {
        let _ = dialog.update(message);
    }
    let _ = dialog.update(Message::Toggle(id(AUDITORS), true));
    let _ = dialog.update(Message::Toggle(id(AUDITORS), false));
    let everyone = [id(1), id(2), id(3)];
    assert_eq!(
        dialog.changes(),
        vec![BulkChange {
            group: id(SALES),
            add: everyone.iter().map(|&a| a.into()).collect(),
            remove: vec![],
        }]
    );
    // The filter narrows the list.
    let _ = dialog.update(Message::FilterChanged("audit".into()));
    let mut ui = simulator(dialog.view());
    ui.find("Auditors").expect("matching group");
    assert!(ui.find("Sales Team").is_err(), "filtered out");
}

#[test]
fn removing_from_groups_asks_for_removals() {
    let _words = english();
    let members = vec![member(1, "Ann"), member(2, "Bob")];
    let (mut dialog, _load) = Bulk::for_members(client(), "acme".into(), members, Mode::Remove);
    let mut ui = simulator(dialog.view());
    ui.find("Loading the groups…").expect("loading");
    drop(ui);
    let _ = dialog.update(Message::Loaded(Ok(directory())));
    let _ = dialog.update(Message::Toggle(id(USER), true));
    let mut ui = simulator(dialog.view());
    ui.find("Remove 2 members from groups").expect("the title");
    assert_eq!(
        dialog.changes(),
        vec![BulkChange {
            group: id(USER),
            add: vec![],
            remove: vec![id(1), id(2)],
        }]
    );
}

#[test]
fn the_preview_shows_memberships_and_impact() {
    let _words = english();
    let mut dialog = previewing();
    assert!(!dialog.busy());
    let mut ui = simulator(dialog.view());
    ui.find("Review the changes").expect("the title");
    ui.find("2 memberships will be added and 0 removed; one change is in place already.")
        .expect("the memberships summary");
    ui.find("The permissions of 2 members change.")
        .expect("the impact summary");
    ui.find(
        "Nothing has changed yet. Apply makes all of these changes in one step, or none of them.",
    )
    .expect("nothing changed yet");
    ui.find("ann@example.com").expect("a membership row");
    ui.find("Sales Team").expect("the group of a row");
    ui.find("+ add").expect("the change of a row");
    ui.click("Permission impact (2)").expect("the impact tab");
    let messages: Vec<Message> = ui.into_messages().collect();
    for message in messages {
        let _ = dialog.update(message);
    }
    let mut ui = simulator(dialog.view());
    ui.find("crm.deals.write (Create, move and close deals): 2 gain, 0 lose")
        .expect("the tally per permission");
    ui.find("Ann").expect("who gains");
    ui.find("Bob · suspended")
        .expect("a suspended member marked");
    ui.find("Suspended members hold no permissions: theirs change when they are reactivated.")
        .expect("what that means");
}

#[test]
fn apply_then_undo_with_its_own_preview() {
    let _words = english();
    let mut dialog = previewing();
    let preview = dialog.pending().expect("the preview's request");
    let mut ui = simulator(dialog.view());
    ui.click("Apply").expect("Apply");
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(matches!(messages.as_slice(), [Message::Apply]));
    assert!(matches!(dialog.update(Message::Apply), Action::Run(_)));
    assert!(dialog.busy());
    let mut ui = simulator(dialog.view());
    ui.find("Applying 3 changes…").expect("the progress line");
    // Cancel is offered (tests/bulk/cancel.rs: what it then says); Dismiss is not.
    ui.find("Cancel").expect("Cancel while applying");
    drop(ui);
    assert!(matches!(dialog.update(Message::Dismiss), Action::None));
    // The progress indicator keeps moving while the request runs.
    let applying = dialog.pending().expect("the apply's request");
    assert!(matches!(
        dialog.update(Message::Tick(applying)),
        Action::Run(_)
    ));
    // A late answer to the preview is dropped.
    assert!(matches!(
        dialog.update(Message::Previewed {
            tag: preview,
            result: Ok(Box::new(sales_result(true))),
        }),
        Action::None
    ));

    let applied = dialog.update(Message::Applied {
        tag: dialog.pending().expect("a request on its way"),
        result: Ok(Box::new(sales_result(false))),
    });
    assert!(matches!(applied, Action::Changed), "lists refresh");
    assert!(matches!(
        dialog.update(Message::Tick(applying)),
        Action::None
    ));
    let mut ui = simulator(dialog.view());
    ui.find("Changes applied").expect("the result");
    ui.find("2 memberships added and 0 removed.")
        .expect("what changed");
    ui.find("The permissions of 2 members changed.")
        .expect("the impact");
    ui.click("Undo").expect("Undo");
    drop(ui);

    assert!(matches!(dialog.update(Message::Undo), Action::Run(_)));
    let mut ui = simulator(dialog.view());
    ui.find("Review the undo")
        .expect("the undo is previewed first");
    drop(ui);
    // The inverse of what changed: Cy was in Sales Team already and stays.
    let undo = BulkResult {
        dry_run: true,
        diff: MembershipDiff {
            expiry_changed: Vec::new(),
            added: vec![],
            removed: sales_result(false).diff.added,
            unchanged: 0,
        },
        impact: sales_result(false)
            .impact
            .into_iter()
            .map(|i| PermissionImpact {
                gained: i.lost,
                lost: i.gained,
                ..i
            })
            .collect(),
    };
    let _ = dialog.update(Message::Previewed {
        tag: dialog.pending().expect("a request on its way"),
        result: Ok(Box::new(undo.clone())),
    });
    let mut ui = simulator(dialog.view());
    ui.find("0 memberships will be added and 2 removed; 0 changes are in place already.")
        .expect("the undo's preview");
    ui.click("Apply the undo").expect("the undo's Apply");
    drop(ui);
    assert!(matches!(dialog.update(Message::Apply), Action::Run(_)));
    let undone = dialog.update(Message::Applied {
        tag: dialog.pending().expect("a request on its way"),
        result: Ok(Box::new(BulkResult {
            dry_run: false,
            ..undo
        })),
    });
    assert!(matches!(undone, Action::Changed));
    let mut ui = simulator(dialog.view());
    ui.find("Changes undone").expect("the undo's result");
    ui.find("Undone: 2 memberships removed again and 0 restored.")
        .expect("what the undo did");
    assert!(ui.find("Undo").is_err(), "an undo is not undone again");
    ui.click("Close").expect("Close");
    drop(ui);
    assert!(matches!(dialog.update(Message::Dismiss), Action::Close));
}

#[test]
fn refusals_are_explained_and_nothing_changes() {
    let _words = english();
    // A dry run refused: back at the choice, the refusal in words.
    let mut dialog = adding();
    let _ = dialog.update(Message::Toggle(id(AUDITORS), true));
    let _ = dialog.update(Message::Preview);
    let _ = dialog.update(Message::Previewed {
        tag: dialog.pending().expect("a request on its way"),
        result: Err(escalation(
            "changing Auditors needs every permission it grants; you do not hold org.audit.read",
            Some(orgdesk_api::GroupRef {
                id: id(AUDITORS),
                name: "Auditors".into(),
            }),
            &["org.audit.read"],
        )),
    });
    let words = "You cannot change “Auditors” or its members: it grants permissions you don't hold yourself: org.audit.read Nothing was changed.";
    assert_eq!(dialog.error(), Some(words));
    let mut ui = simulator(dialog.view());
    ui.find(words).expect("the refusal shows");
    ui.find("Add 3 members to groups")
        .expect("back at the choice");
    drop(ui);

    // Too many changes: the same.
    let _ = dialog.update(Message::Preview);
    let _ = dialog.update(Message::Previewed {
        tag: dialog.pending().expect("a request on its way"),
        result: Err(refusal(
            422,
            "too_many_changes",
            "send at most 20000 membership changes per request",
        )),
    });
    assert_eq!(
        dialog.error(),
        Some(
            "Too many changes for one request: send at most 20000 membership changes per request Nothing was changed."
        )
    );

    // Applying refused (the last admin): the preview stays, with the reason.
    let mut dialog = previewing();
    let _ = dialog.update(Message::Apply);
    let action = dialog.update(Message::Applied {
        tag: dialog.pending().expect("a request on its way"),
        result: Err(refusal(
            409,
            "last_admin",
            "this would leave the organization without an active member who can manage groups",
        )),
    });
    assert!(
        matches!(action, Action::None),
        "nothing changed: no refresh"
    );
    let mut ui = simulator(dialog.view());
    ui.find("This would leave the organization without an administrator. Nothing was changed.")
        .expect("the refusal in words");
    ui.find("Apply").expect("still on the preview");
    drop(ui);

    // A session that ended is the console's to act on; the dialog says it like any refusal.
    let mut dialog = previewing();
    let _ = dialog.update(Message::Apply);
    let action = dialog.update(Message::Applied {
        tag: dialog.pending().expect("a request on its way"),
        result: Err(refusal(401, "unauthenticated", "sign in")),
    });
    assert!(matches!(action, Action::None));
}

#[test]
fn back_and_cancel() {
    let _words = english();
    let mut dialog = previewing();
    let _ = dialog.update(Message::Back);
    let mut ui = simulator(dialog.view());
    ui.find("Add 3 members to groups")
        .expect("back at the choice");
    ui.click("Cancel").expect("Cancel");
    drop(ui);
    assert!(matches!(dialog.update(Message::Dismiss), Action::Close));
}
