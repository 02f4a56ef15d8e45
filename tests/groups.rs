//! The Groups screen headless with iced_test: messages in, clicks, what
//! shows — the list, the create dialog, deleting, the sheet, the picker and
//! both permission matrices. End to end: `groups_e2e.rs`.

mod group_fixtures;
mod support;

use group_fixtures::*;
use iced_test::simulator;
use orgdesk::screen::groups::{
    self, Groups, Message, Overview, create, matrix, member_matrix, members_tab, picker, sheet,
};
use orgdesk_api::{EffectivePermission, GrantingGroup, codes};
use time::OffsetDateTime;
use uuid::Uuid;

// ---- Simulator: list, create, delete, sheet -----------------------------

#[test]
fn the_list_shows_names_badges_products_counts_and_opens_a_sheet() {
    let _words = english();
    let screen = screen();
    let mut ui = simulator(screen.view());
    ui.find("Admin").expect("a built-in group");
    ui.find("Built-in").expect("its badge");
    ui.find("CRM").expect("the product by name");
    ui.find("40").expect("a member count");
    ui.find("What Field Sales is for").expect("a description");
    ui.find("4 groups").expect("the count");
    ui.click("Field Sales").expect("a row is clickable");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(
        messages
            .iter()
            .any(|m| matches!(m, Message::OpenGroup(id) if *id == FIELD)),
        "{messages:?}"
    );
}

#[test]
fn the_create_dialog_groups_permissions_and_offers_only_held_ones() {
    let _words = english();
    let mut screen = screen();
    let _ = screen.update(Message::NewGroup);
    let mut ui = simulator(screen.view());
    ui.find("Organization").expect("the platform's section");
    ui.find("CRM").expect("a product's section");
    ui.find("You can grant only permissions you hold yourself.")
        .expect("the rule, said up front");
    ui.find("you don't hold this").expect("billing is marked");
    ui.click("View sales reports").expect("a held permission");
    ui.click("Manage billing").expect("an unheld one is there");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(
        messages.iter().any(|m| matches!(
            m,
            Message::Create(create::Message::Toggle(key, true)) if key == "crm.reports.read"
        )),
        "{messages:?}"
    );
    assert!(
        !messages.iter().any(|m| matches!(
            m,
            Message::Create(create::Message::Toggle(key, _)) if key == "org.billing.manage"
        )),
        "an unheld permission cannot be ticked: {messages:?}"
    );
    // Even a forged toggle does not tick what the admin doesn't hold.
    let _ = screen.update(Message::Create(create::Message::Toggle(
        "org.billing.manage".into(),
        true,
    )));
    let _ = screen.update(Message::Create(create::Message::Submit));
    let mut ui = simulator(screen.view());
    ui.find("Give the group a name.")
        .expect("no name, no request");
    drop(ui);
    let _ = screen.update(Message::Create(create::Message::NameChanged(
        "x".repeat(101),
    )));
    let _ = screen.update(Message::Create(create::Message::Submit));
    let mut ui = simulator(screen.view());
    ui.find("A group's name has 1 to 100 characters.")
        .expect("too long a name is refused");
    drop(ui);
    assert!(screen.escape(), "Esc closes the dialog");
    assert!(!screen.escape());
}

#[test]
fn an_escalation_refusal_names_what_the_admin_no_longer_holds() {
    let _words = english();
    let mut screen = screen();
    let _ = screen.update(Message::NewGroup);
    let _ = screen.update(Message::Create(create::Message::NameChanged(
        "Auditors".into(),
    )));
    let _ = screen.update(Message::Create(create::Message::Toggle(
        "crm.reports.read".into(),
        true,
    )));
    let refused = api_error(
        403,
        codes::PERMISSION_ESCALATION,
        "you cannot grant permissions you do not hold: crm.reports.read",
    );
    let action = screen.update(Message::Create(create::Message::Created(Err(refused))));
    assert!(
        matches!(action, groups::Action::Run(_)),
        "the screen reads what the admin holds again"
    );
    // The reload says the admin lost crm.reports.read.
    let mut lost = permissions();
    lost.held.remove("crm.reports.read");
    let _ = screen.update(Message::Loaded {
        tag: screen.pending().expect("read again"),
        result: Ok(Box::new(Overview {
            groups: fixture_groups(),
            permissions: lost,
        })),
    });
    let mut ui = simulator(screen.view());
    ui.find(
        "The platform refused: you no longer hold crm.reports.read, so you cannot grant it. \
         Untick it, or ask an administrator to give it to you first.",
    )
    .expect("the refusal in words");
    ui.click("View sales reports")
        .expect("it can still be unticked");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(
        messages.iter().any(|m| matches!(
            m,
            Message::Create(create::Message::Toggle(key, false)) if key == "crm.reports.read"
        )),
        "{messages:?}"
    );
}

#[test]
fn deleting_says_who_loses_what_and_waits_for_a_yes() {
    let _words = english();
    let mut screen = screen();
    let _ = screen.update(Message::AskDelete(ADMIN));
    assert!(!screen.escape(), "built-in groups are never asked about");
    let _ = screen.update(Message::AskDelete(FIELD));
    let mut ui = simulator(screen.view());
    ui.find("Delete the group “Field Sales”?")
        .expect("the title");
    ui.find(
        "Its 12 members lose the permissions “Field Sales” grants, unless another of their \
         groups grants them too. Deleting a group cannot be undone.",
    )
    .expect("what happens");
    ui.click("Cancel").expect("a way out");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(
        messages.iter().any(|m| matches!(m, Message::CancelDelete)),
        "{messages:?}"
    );
    // A refusal comes back in words.
    let field = fixture_groups().remove(3);
    let _ = screen.update(Message::Deleted(
        field,
        Err(api_error(409, codes::LAST_ADMIN, "last")),
    ));
    let mut ui = simulator(screen.view());
    ui.find(
        "“Field Sales” was not deleted: This would leave the organization without an administrator.",
    )
    .expect("the refusal");
}

#[test]
fn a_builtin_groups_sheet_fixes_its_name_and_explains_the_disabled_delete() {
    let _words = english();
    let mut screen = screen();
    let _ = screen.update(Message::OpenGroup(ADMIN));
    assert_eq!(screen.sheet_group().map(|g| g.id), Some(ADMIN));
    let mut ui = simulator(screen.view());
    ui.find("A built-in group's name is fixed; its description and permissions can change.")
        .expect("the name rule");
    ui.find("Built-in groups cannot be deleted.")
        .expect("why Delete is disabled");
    ui.find("View sales reports")
        .expect("its permissions as checkboxes");
    // Renaming is not possible, even by a forged message.
    drop(ui);
    let _ = screen.update(Message::Sheet(sheet::Message::NameChanged("Root".into())));
    let _ = screen.update(Message::Sheet(sheet::Message::ShowTab(sheet::Tab::Members)));
    let mut ui = simulator(screen.view());
    assert!(ui.find("Root").is_err());
    ui.find(
        "To change this group's members you must hold every permission it grants. \
         You don't hold: org.billing.manage.",
    )
    .expect("why Add is disabled for this admin");
    drop(ui);
    assert!(screen.escape(), "Esc closes the sheet");
    assert!(screen.sheet_group().is_none());
}

#[test]
fn a_custom_groups_sheet_saves_and_rebases_edits_after_a_conflict() {
    let _words = english();
    let mut screen = screen();
    let _ = screen.update(Message::OpenGroup(FIELD));
    let _ = screen.update(Message::Sheet(sheet::Message::Toggle(
        "crm.reports.read".into(),
        true,
    )));
    let action = screen.update(Message::Sheet(sheet::Message::Save));
    assert!(matches!(action, groups::Action::Run(_)), "a save is sent");
    // Someone else saved first: the group is read again.
    let stale = api_error(412, codes::STALE_VERSION, "stale");
    let action = screen.update(Message::Sheet(sheet::Message::Saved(Err(stale))));
    assert!(
        matches!(action, groups::Action::Run(_)),
        "the group is read again"
    );
    let mut theirs = fixture_groups().remove(3);
    theirs.version = 2;
    theirs.permissions.push("crm.deals.write".into());
    let _ = screen.update(Message::Sheet(sheet::Message::Reloaded {
        conflict: true,
        result: Ok(theirs),
    }));
    let mut ui = simulator(screen.view());
    ui.find(
        "Someone else changed “Field Sales” while you were editing. It now shows what they saved:",
    )
    .expect("the conflict");
    ui.find("• now grants crm.deals.write.")
        .expect("what they changed");
    ui.find("Your edits are kept on top of it: check them and save again.")
        .expect("what happens to mine");
}

// ---- Simulator: the matrix ----------------------------------------------

#[test]
fn matrix_cells_toggle_into_highlighted_pending_changes_and_discard() {
    let _words = english();
    let mut screen = matrix_screen();
    let mut ui = simulator(screen.view());
    ui.find("CRM").expect("the product band");
    ui.find("reports.read").expect("a column heading");
    ui.find("Field Sales").expect("a row label");
    ui.find("No unsaved changes.").expect("nothing pending");
    // Row 3 is Field Sales; CRM's columns come after the platform's three.
    ui.click(matrix::cell_id(3, column("crm.reports.read")))
        .expect("a cell");
    ui.click(matrix::cell_id(3, column("org.billing.manage")))
        .expect("a locked cell");
    let messages: Vec<_> = ui.into_messages().collect();
    assert_eq!(
        messages.len(),
        1,
        "only the held permission toggles: {messages:?}"
    );
    for message in messages {
        let _ = screen.update(message);
    }
    let _ = screen.update(Message::Matrix(matrix::Message::Toggle {
        group: SALES,
        permission: "crm.deals.write".into(),
    }));
    assert_eq!(screen.matrix_view().map(matrix::Matrix::pending), Some(2));
    let mut ui = simulator(screen.view());
    ui.find("2 unsaved changes in 2 groups")
        .expect("the pending count");
    // Toggling back is no change at all.
    drop(ui);
    let _ = screen.update(Message::Matrix(matrix::Message::Toggle {
        group: SALES,
        permission: "crm.deals.write".into(),
    }));
    let mut ui = simulator(screen.view());
    ui.find("One unsaved change in one group")
        .expect("one left");
    ui.click("Discard").expect("discard");
    for message in ui.into_messages().collect::<Vec<_>>() {
        let _ = screen.update(message);
    }
    let mut ui = simulator(screen.view());
    ui.find("No unsaved changes.").expect("discarded");
}

#[test]
fn matrix_saves_apply_answers_and_a_conflict_says_what_changed() {
    let _words = english();
    let mut screen = matrix_screen();
    for (group, key) in [(FIELD, "crm.reports.read"), (SALES, "crm.reports.read")] {
        let _ = screen.update(Message::Matrix(matrix::Message::Toggle {
            group,
            permission: key.into(),
        }));
    }
    let action = screen.update(Message::Matrix(matrix::Message::Save));
    assert!(
        matches!(action, groups::Action::Run(_)),
        "the saves are sent"
    );
    // Field Sales saved; Sales Team was changed by someone else meanwhile.
    let mut field = fixture_groups().remove(3);
    field.version = 2;
    field.permissions.push("crm.reports.read".into());
    let action = screen.update(Message::Matrix(matrix::Message::Saved(vec![
        (FIELD, "Field Sales".into(), Ok(field)),
        (
            SALES,
            "Sales Team".into(),
            Err(api_error(412, codes::STALE_VERSION, "stale")),
        ),
    ])));
    assert!(matches!(action, groups::Action::Run(_)), "reload follows");
    assert_eq!(screen.matrix_view().map(matrix::Matrix::pending), Some(1));
    let mut now = fixture_groups();
    now[2].version = 2;
    now[2].permissions = vec!["crm.deals.read".into(), "org.groups.read".into()];
    now[3].permissions.push("crm.reports.read".into());
    let _ = screen.update(Message::Matrix(matrix::Message::Loaded(Ok(matrix_of(
        &now,
    )))));
    let mut ui = simulator(screen.view());
    ui.find("Saved the changes to one group.")
        .expect("what was saved");
    ui.find("“Sales Team”: now grants org.groups.read. no longer grants crm.deals.write.")
        .expect("what someone else changed");
    ui.find(
        "Your unsaved changes that still apply are kept and highlighted: check them and save again.",
    )
    .expect("mine are kept");
    ui.find("One unsaved change in one group")
        .expect("still pending");
    // Other refusals are said per group, in words.
    drop(ui);
    let _ = screen.update(Message::Matrix(matrix::Message::Save));
    let _ = screen.update(Message::Matrix(matrix::Message::Saved(vec![(
        SALES,
        "Sales Team".into(),
        Err(api_error(
            403,
            codes::PERMISSION_ESCALATION,
            "you cannot grant permissions you do not hold: crm.reports.read",
        )),
    )])));
    let mut ui = simulator(screen.view());
    ui.find(
        "“Sales Team” was not saved: You cannot grant permissions you don't hold yourself: \
         crm.reports.read",
    )
    .expect("the refusal");
}

fn wheel(ui: &mut iced_test::Simulator<'_, Message>, at: iced::Point, x: f32, y: f32) {
    ui.point_at(at);
    let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
        delta: iced::mouse::ScrollDelta::Pixels { x, y },
    })]);
}

fn scrolled(
    messages: Vec<Message>,
    pane: groups::grid::Pane,
) -> Option<iced::widget::scrollable::Viewport> {
    messages.into_iter().find_map(|m| match m {
        Message::Matrix(matrix::Message::Scrolled(p, viewport)) if p == pane => Some(viewport),
        _ => None,
    })
}

#[test]
fn scrolling_the_matrix_body_moves_the_sticky_headers_with_it() {
    use groups::grid::Pane;
    let _words = english();
    let mut screen = screen();
    let _ = screen.update(Message::ShowTab(groups::Tab::Matrix));
    let _ = screen.update(Message::Matrix(matrix::Message::Loaded(Ok(big_matrix(40)))));
    let offset = |screen: &Groups| screen.matrix_view().expect("matrix").scroll_offset();

    // The body scrolls down and right: the header and the labels are told to follow.
    let mut ui = simulator(screen.view());
    let cell = ui
        .find(matrix::cell_id(2, 2))
        .expect("a body cell")
        .bounds();
    wheel(&mut ui, cell.center(), -150.0, -200.0);
    let body = scrolled(ui.into_messages().collect(), Pane::Body).expect("the body scrolled");
    let moved = body.absolute_offset();
    assert!(moved.x > 0.0 && moved.y > 0.0, "{moved:?}");
    let message = Message::Matrix(matrix::Message::Scrolled(Pane::Body, body));
    match screen.update(message.clone()) {
        groups::Action::Run(task) => assert_eq!(task.units(), 2, "header and labels follow"),
        _ => panic!("the panes are synchronised"),
    }
    assert_eq!(offset(&screen), (moved.x, moved.y));
    // The same offset reported again (the panes echoing) ends the exchange.
    match screen.update(message) {
        groups::Action::Run(task) => assert_eq!(task.units(), 0, "nothing more to do"),
        _ => panic!("an empty task"),
    }

    // The labels scroll on their own: the body follows down; sideways stays put.
    let mut ui = simulator(screen.view());
    let label = ui.find("Group 003").expect("a row label").bounds();
    wheel(&mut ui, label.center(), 0.0, -100.0);
    let labels = scrolled(ui.into_messages().collect(), Pane::Labels).expect("the labels scrolled");
    match screen.update(Message::Matrix(matrix::Message::Scrolled(
        Pane::Labels,
        labels,
    ))) {
        groups::Action::Run(task) => assert_eq!(task.units(), 1, "the body follows"),
        _ => panic!("the body is synchronised"),
    }
    assert_eq!(offset(&screen), (moved.x, labels.absolute_offset().y));
}

#[test]
fn a_matrix_of_many_groups_builds_only_the_rows_in_view() {
    let _words = english();
    let mut screen = screen();
    let _ = screen.update(Message::OpenGroup(FIELD));
    let _ = screen.update(Message::ShowTab(groups::Tab::Matrix));
    let _ = screen.update(Message::Matrix(matrix::Message::Loaded(Ok(big_matrix(
        2000,
    )))));
    {
        let mut ui = simulator(screen.view());
        ui.find("Group 000").expect("the top row's label");
        ui.find(matrix::cell_id(0, 0)).expect("the top row's cells");
        assert!(
            ui.find("Group 1999").is_err(),
            "rows far below are not built"
        );
        assert!(ui.find(matrix::cell_id(1999, 0)).is_err());
    }
    // Esc on the matrix tab leaves the sheet (shown beside the list) alone.
    assert!(!screen.escape());
    assert_eq!(screen.sheet_group().map(|g| g.id), Some(FIELD));
}

// ---- Simulator: the member matrix ---------------------------------------

#[test]
fn the_member_matrix_shows_the_union_and_the_granting_groups() {
    let _words = english();
    let ana = member_matrix::Person {
        id: Uuid::from_u128(10),
        name: "Ana Lopez".into(),
        email: "ana@example.com".into(),
    };
    let ben = member_matrix::Person {
        id: Uuid::from_u128(11),
        name: "Ben Okafor".into(),
        email: "ben@example.com".into(),
    };
    let (mut screen, _task) =
        member_matrix::MemberMatrix::new(offline(), "acme".into(), vec![ana.clone(), ben.clone()]);
    let _ = screen.update(member_matrix::Message::PermissionsLoaded(Ok(permissions())));
    let granted = |key: &str, groups: &[&str]| EffectivePermission {
        permission: key.into(),
        product: "crm".into(),
        description: key.into(),
        granted_by: groups
            .iter()
            .enumerate()
            .map(|(i, name)| GrantingGroup {
                group_id: Uuid::from_u128(100 + i as u128),
                name: name.to_string(),
            })
            .collect(),
    };
    let _ = screen.update(member_matrix::Message::MemberLoaded(
        ana.id,
        Ok(vec![
            granted("crm.deals.read", &["User", "Sales Team"]),
            granted("crm.deals.write", &["Sales Team"]),
        ]),
    ));
    let _ = screen.update(member_matrix::Message::MemberLoaded(
        ben.id,
        Err(api_error(404, codes::NOT_FOUND, "member")),
    ));
    let mut ui = simulator(screen.view());
    ui.find("Permissions of 2 members").expect("the title");
    ui.find("2 permissions").expect("Ana's union");
    ui.find("not loaded").expect("Ben's failure, marked");
    ui.click(member_matrix::cell_id(0, column("crm.deals.read")))
        .expect("a cell");
    let messages: Vec<_> = ui.into_messages().collect();
    assert!(
        messages.iter().any(
            |m| matches!(m, member_matrix::Message::Select(0, c) if *c == column("crm.deals.read"))
        ),
        "{messages:?}"
    );
    for message in messages {
        let _ = screen.update(message);
    }
    let mut ui = simulator(screen.view());
    ui.find("Ana Lopez holds crm.deals.read through: User, Sales Team.")
        .expect("the granting groups");
    // Hover wins over the selection while it lasts.
    drop(ui);
    let _ = screen.update(member_matrix::Message::Hover(0, column("crm.reports.read")));
    let mut ui = simulator(screen.view());
    ui.find("Ana Lopez doesn't hold crm.reports.read: none of their groups grants it.")
        .expect("a permission nobody grants");
    drop(ui);
    let _ = screen.update(member_matrix::Message::Unhover(
        0,
        column("crm.reports.read"),
    ));
    let mut ui = simulator(screen.view());
    ui.find("Ana Lopez holds crm.deals.read through: User, Sales Team.")
        .expect("back to the selection");
    assert_eq!(
        screen.granted_by(ana.id, "crm.deals.write"),
        Some(vec!["Sales Team".to_string()])
    );
    drop(ui);
    assert!(matches!(
        screen.update(member_matrix::Message::Close),
        member_matrix::Action::Close
    ));
}

#[test]
fn the_member_picker_marks_who_is_in_already() {
    let _words = english();
    let (mut tab, _task) =
        members_tab::MembersTab::new(offline(), "acme".into(), FIELD, "Field Sales".into());
    let _ = tab.update(members_tab::Message::OpenPicker);
    let member = |i: u128, name: &str, in_group: bool| orgdesk_api::Member {
        group_expiry: Vec::new(),
        id: Uuid::from_u128(i),
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase().replace(' ', ".")),
        status: orgdesk_api::MembershipStatus::Active,
        groups: if in_group {
            vec![orgdesk_api::GroupRef {
                id: FIELD,
                name: "Field Sales".into(),
            }]
        } else {
            Vec::new()
        },
        joined_at: OffsetDateTime::UNIX_EPOCH,
        last_login_at: None,
        suspended_at: None,
        updated_at: OffsetDateTime::UNIX_EPOCH,
        managed: false,
    };
    let first = tab.picker().and_then(|p| p.pending()).expect("a search");
    let _ = tab.update(members_tab::Message::Picker(picker::Message::Searched {
        tag: first,
        result: Ok(orgdesk_api::Page {
            items: vec![member(20, "Cleo Park", false), member(21, "Dev Rao", true)],
            next_cursor: None,
            total: 2,
            total_is_estimate: false,
        }),
    }));
    let dialog = tab.dialog().expect("the picker is open");
    let mut ui = simulator(dialog);
    ui.find("Add members to “Field Sales”").expect("the title");
    ui.find("already in the group").expect("Dev is marked");
    ui.click("Cleo Park").expect("Cleo can be ticked");
    ui.click("Dev Rao").expect("Dev is shown");
    let messages: Vec<_> = ui.into_messages().collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    for message in messages {
        let _ = tab.update(message);
    }
    let dialog = tab.dialog().expect("still open");
    let mut ui = simulator(dialog);
    ui.find("One person gains the permissions of “Field Sales”.")
        .expect("what adding does");
    ui.find("Add one member").expect("the button says how many");
    drop(ui);
    assert!(tab.escape());
    assert!(tab.dialog().is_none());
}
