//! The Groups screen end to end: driven through its messages against a
//! real platform in this process, the platform's state checked through the
//! admin's client.

mod group_fixtures;
mod support;

use std::collections::BTreeSet;

use iced_test::simulator;
use orgdesk::screen::groups::{self, Groups, Message, create, matrix, members_tab, picker, sheet};
use orgdesk_client::Client;
use uuid::Uuid;

/// Runs an action's task and feeds its messages back, as the app does,
/// until nothing is left to run.
async fn drive(screen: &mut Groups, action: groups::Action) {
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        match action {
            groups::Action::None => {}
            groups::Action::Run(task) => {
                for message in support::run(task).await {
                    pending.push(screen.update(message));
                }
            }
            groups::Action::CopyLink(_) | groups::Action::Notify(_) => {}
        }
    }
}

async fn send(screen: &mut Groups, message: Message) {
    let action = screen.update(message);
    drive(screen, action).await;
}

async fn open(client: Client, org: &str) -> Groups {
    let (mut screen, task) = Groups::new(client, org.to_string());
    drive(&mut screen, groups::Action::Run(task)).await;
    assert!(!screen.groups().is_empty(), "the groups loaded");
    screen
}

fn id_of(screen: &Groups, name: &str) -> Uuid {
    screen
        .groups()
        .iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("{name} is listed"))
        .id
}

async fn server_permissions(p: &support::Platform, id: Uuid) -> BTreeSet<String> {
    p.admin
        .group(&p.org, id)
        .await
        .expect("group")
        .permissions
        .into_iter()
        .collect()
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_group_is_created_edited_in_the_matrix_and_survives_a_conflict() {
    // Words are made as answers arrive: the language holds for the whole test.
    let _words = support::english().await;
    let p = support::Platform::start(20).await;
    let mut screen = open(p.admin.clone(), &p.org).await;

    // Create "Field Sales" with one permission.
    send(&mut screen, Message::NewGroup).await;
    for message in [
        create::Message::NameChanged("Field Sales".into()),
        create::Message::DescriptionChanged("Sells on the road".into()),
        create::Message::Toggle("crm.reports.read".into(), true),
        create::Message::Submit,
    ] {
        send(&mut screen, Message::Create(message)).await;
    }
    let field = id_of(&screen, "Field Sales");
    assert_eq!(
        screen.sheet_group().map(|g| g.id),
        Some(field),
        "its sheet opens"
    );
    let created = p.admin.group(&p.org, field).await.expect("created");
    assert_eq!(created.description, "Sells on the road");
    assert_eq!(
        server_permissions(&p, field).await,
        set(&["crm.reports.read"])
    );

    // A second group of the same name is refused in words.
    send(&mut screen, Message::NewGroup).await;
    send(
        &mut screen,
        Message::Create(create::Message::NameChanged("Field Sales".into())),
    )
    .await;
    send(&mut screen, Message::Create(create::Message::Submit)).await;
    {
        let mut ui = simulator(screen.view());
        ui.find("A group with this name exists already.")
            .expect("the duplicate is refused");
    }
    assert!(screen.escape(), "Esc closes the dialog");

    // The matrix: grant one, revoke one on Field Sales, grant one on Sales Team.
    send(&mut screen, Message::ShowTab(groups::Tab::Matrix)).await;
    let sales = id_of(&screen, "Sales Team");
    let sales_before = server_permissions(&p, sales).await;
    assert!(
        !sales_before.contains("crm.reports.read"),
        "{sales_before:?}"
    );
    for (group, key) in [
        (field, "crm.deals.read"),
        (field, "crm.reports.read"),
        (sales, "crm.reports.read"),
    ] {
        send(
            &mut screen,
            Message::Matrix(matrix::Message::Toggle {
                group,
                permission: key.into(),
            }),
        )
        .await;
    }
    {
        let mut ui = simulator(screen.view());
        ui.find("3 unsaved changes in 2 groups").expect("pending");
    }
    send(&mut screen, Message::Matrix(matrix::Message::Save)).await;
    assert_eq!(
        server_permissions(&p, field).await,
        set(&["crm.deals.read"])
    );
    let mut sales_now = sales_before.clone();
    sales_now.insert("crm.reports.read".into());
    assert_eq!(server_permissions(&p, sales).await, sales_now);
    assert_eq!(screen.matrix_view().map(matrix::Matrix::pending), Some(0));

    // Stale: someone changes Field Sales between load and save.
    send(
        &mut screen,
        Message::Matrix(matrix::Message::Toggle {
            group: field,
            permission: "crm.contacts.read".into(),
        }),
    )
    .await;
    p.admin
        .update_group(
            &p.org,
            field,
            &orgdesk_api::UpdateGroup {
                permissions: Some(vec![
                    "crm.deals.read".into(),
                    "helpdesk.tickets.read".into(),
                ]),
                ..Default::default()
            },
            None,
        )
        .await
        .expect("someone else saves");
    send(&mut screen, Message::Matrix(matrix::Message::Save)).await;
    {
        let mut ui = simulator(screen.view());
        ui.find("“Field Sales”: now grants helpdesk.tickets.read.")
            .expect("what changed meanwhile");
        ui.find("One unsaved change in one group")
            .expect("the pending change is kept");
    }
    assert_eq!(
        server_permissions(&p, field).await,
        set(&["crm.deals.read", "helpdesk.tickets.read"]),
        "nothing of mine was written over theirs"
    );
    send(&mut screen, Message::Matrix(matrix::Message::Save)).await;
    assert_eq!(
        server_permissions(&p, field).await,
        set(&[
            "crm.contacts.read",
            "crm.deals.read",
            "helpdesk.tickets.read"
        ])
    );

    // The matrix as CSV.
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("matrix.csv");
    send(
        &mut screen,
        Message::Matrix(matrix::Message::ExportTo(Some(path.clone()))),
    )
    .await;
    let text = std::fs::read_to_string(&path).expect("the file");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    assert_eq!(&header[..3], ["group", "builtin", "product"]);
    let row: Vec<&str> = lines
        .find(|l| l.starts_with("Field Sales,"))
        .expect("Field Sales' row")
        .split(',')
        .collect();
    let cell = |key: &str| row[header.iter().position(|h| *h == key).expect(key)];
    assert_eq!(cell("builtin"), "false");
    assert_eq!(cell("crm.deals.read"), "true");
    assert_eq!(cell("crm.reports.read"), "false");
    assert_eq!(cell("helpdesk.tickets.read"), "true");
    let groups_now = p.admin.groups(&p.org).await.expect("groups");
    assert_eq!(
        text.lines().count(),
        groups_now.len() + 1,
        "one row per group"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn members_are_added_removed_exported_and_the_group_deleted() {
    // Words are made as answers arrive: the language holds for the whole test.
    let _words = support::english().await;
    let p = support::Platform::start(20).await;
    let group = p
        .admin
        .create_group(
            &p.org,
            &orgdesk_api::CreateGroup {
                name: "Night Shift".into(),
                description: String::new(),
                permissions: vec!["helpdesk.tickets.read".into()],
            },
        )
        .await
        .expect("group");
    let mut screen = open(p.admin.clone(), &p.org).await;
    send(&mut screen, Message::OpenGroup(group.id)).await;
    // The sheet's "Copy link" asks the console for a link to this group.
    {
        let mut ui = simulator(screen.view());
        ui.click("Copy link").expect("the sheet offers Copy link");
        let clicked: Vec<Message> = ui.into_messages().collect();
        assert_eq!(clicked.len(), 1, "{clicked:?}");
        for message in clicked {
            let action = screen.update(message);
            assert!(matches!(
                action,
                groups::Action::CopyLink(orgdesk::desktop::link::Item::Group(id)) if id == group.id
            ));
        }
    }
    send(
        &mut screen,
        Message::Sheet(sheet::Message::ShowTab(sheet::Tab::Members)),
    )
    .await;
    {
        let mut ui = simulator(screen.view());
        ui.find("Nobody is in this group yet.")
            .expect("empty at first");
    }

    // Two people found through the picker's server-side search.
    let people = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .expect("members")
        .items;
    let chosen: Vec<_> = people
        .iter()
        .filter(|m| m.email != p.demo.admin_email)
        .take(2)
        .collect();
    let members = |m: members_tab::Message| Message::Sheet(sheet::Message::Members(m));
    send(&mut screen, members(members_tab::Message::OpenPicker)).await;
    for person in &chosen {
        send(
            &mut screen,
            members(members_tab::Message::Picker(picker::Message::QueryChanged(
                person.email.clone(),
            ))),
        )
        .await;
        send(
            &mut screen,
            members(members_tab::Message::Picker(picker::Message::Toggle(
                person.id, true,
            ))),
        )
        .await;
    }
    send(
        &mut screen,
        members(members_tab::Message::Picker(picker::Message::Submit)),
    )
    .await;
    let inside = p
        .admin
        .group_members(&p.org, group.id, None, None)
        .await
        .expect("members");
    let mut ids: Vec<Uuid> = inside.items.iter().map(|m| m.id).collect();
    ids.sort();
    let mut wanted: Vec<Uuid> = chosen.iter().map(|m| m.id).collect();
    wanted.sort();
    assert_eq!(ids, wanted, "both were added");
    {
        let mut ui = simulator(screen.view());
        ui.find("Added 2 members to “Night Shift”.").expect("said");
        ui.find(chosen[0].name.as_str()).expect("listed in the tab");
        ui.find("Members (2)").expect("the count follows");
    }

    // Remove one, after a confirmation that says what happens.
    send(
        &mut screen,
        members(members_tab::Message::AskRemove(chosen[0].id)),
    )
    .await;
    {
        let mut ui = simulator(screen.view());
        ui.find(format!(
            "{} loses the permissions “Night Shift” grants, unless another of their groups \
             grants them too. Their account and other groups stay as they are.",
            chosen[0].name
        ))
        .expect("the confirmation");
    }
    send(&mut screen, members(members_tab::Message::ConfirmRemove)).await;
    let inside = p
        .admin
        .group_members(&p.org, group.id, None, None)
        .await
        .expect("members");
    assert_eq!(
        inside.items.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![chosen[1].id]
    );

    // The members as CSV.
    let dir = tempfile::tempdir().expect("folder");
    let path = dir.path().join("night.csv");
    // Cancelled while it reads: its task yields nothing, no file is written,
    // and a notice (for the shell) says so. Issue 16.
    let cancelled = dir.path().join("cancelled.csv");
    let groups::Action::Run(export) = screen.update(members(members_tab::Message::ExportTo(Some(
        cancelled.clone(),
    )))) else {
        panic!("the export starts");
    };
    {
        let mut ui = simulator(screen.view());
        ui.find("Exporting…").expect("the export's bar");
    }
    let groups::Action::Notify(said) = screen.update(members(members_tab::Message::CancelExport))
    else {
        panic!("Cancel says how it ended");
    };
    assert_eq!(said.text, "Export cancelled: no file was written.");
    assert!(support::run(export).await.is_empty(), "aborted");
    assert!(!cancelled.exists());
    send(
        &mut screen,
        members(members_tab::Message::ExportTo(Some(path.clone()))),
    )
    .await;
    let text = std::fs::read_to_string(&path).expect("the file");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "name,email,status,groups,joined_at,last_login_at");
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].contains(&chosen[1].email), "{text}");
    assert!(lines[1].contains("Night Shift"), "{text}");

    // Delete the group: the confirmation counts who loses its permissions.
    send(&mut screen, Message::Sheet(sheet::Message::Delete)).await;
    {
        let mut ui = simulator(screen.view());
        ui.find(
            "Its one member loses the permissions “Night Shift” grants, unless another of their \
             groups grants them too. Deleting a group cannot be undone.",
        )
        .expect("who loses what");
    }
    send(&mut screen, Message::ConfirmDelete).await;
    let groups_now = p.admin.groups(&p.org).await.expect("groups");
    assert!(groups_now.iter().all(|g| g.id != group.id), "deleted");
    assert!(screen.sheet_group().is_none(), "its sheet closed");
    assert!(screen.groups().iter().all(|g| g.id != group.id));

    // A built-in group is never deleted, whatever is sent.
    let admin = id_of(&screen, "Admin");
    send(&mut screen, Message::AskDelete(admin)).await;
    send(&mut screen, Message::ConfirmDelete).await;
    assert!(p.admin.group(&p.org, admin).await.is_ok());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_permission_escalation_is_refused_and_explained() {
    // Words are made as answers arrive: the language holds for the whole test.
    let _words = support::english().await;
    let p = support::Platform::start(20).await;
    // A member who manages groups and reads the audit log, and nothing of billing.
    let stewards = p
        .admin
        .create_group(
            &p.org,
            &orgdesk_api::CreateGroup {
                name: "Group Stewards".into(),
                description: String::new(),
                permissions: vec![
                    "org.groups.read".into(),
                    "org.groups.manage".into(),
                    "org.members.read".into(),
                    "org.audit.read".into(),
                ],
            },
        )
        .await
        .expect("group");
    let people = p
        .admin
        .members(
            &p.org,
            &orgdesk_api::MemberQuery {
                status: Some(orgdesk_api::MembershipStatus::Active),
                ..Default::default()
            },
        )
        .await
        .expect("members")
        .items;
    let steward = people
        .iter()
        .find(|m| m.email != p.demo.admin_email && m.groups.iter().all(|g| g.name != "Admin"))
        .expect("a plain member");
    p.admin
        .add_group_members(
            &p.org,
            stewards.id,
            &orgdesk_api::AccountList {
                accounts: vec![steward.id],
            },
        )
        .await
        .expect("added");
    let held: BTreeSet<String> = p
        .admin
        .member_permissions(&p.org, steward.id)
        .await
        .expect("permissions")
        .into_iter()
        .map(|e| e.permission)
        .collect();
    assert!(held.contains("org.groups.manage") && !held.contains("org.billing.manage"));

    let client = p.sign_in(&steward.email).await;
    let mut screen = open(client, &p.org).await;
    assert!(screen.permissions().can_manage());
    send(&mut screen, Message::NewGroup).await;
    send(
        &mut screen,
        Message::Create(create::Message::NameChanged("Auditors".into())),
    )
    .await;
    send(
        &mut screen,
        Message::Create(create::Message::Toggle("org.billing.manage".into(), true)),
    )
    .await;
    send(
        &mut screen,
        Message::Create(create::Message::Toggle("org.audit.read".into(), true)),
    )
    .await;
    {
        let mut ui = simulator(screen.view());
        ui.find("you don't hold this")
            .expect("billing is marked as not held");
    }
    // Meanwhile the steward loses the audit log.
    p.admin
        .update_group(
            &p.org,
            stewards.id,
            &orgdesk_api::UpdateGroup {
                permissions: Some(vec![
                    "org.groups.read".into(),
                    "org.groups.manage".into(),
                    "org.members.read".into(),
                ]),
                ..Default::default()
            },
            None,
        )
        .await
        .expect("changed");
    send(&mut screen, Message::Create(create::Message::Submit)).await;
    {
        let mut ui = simulator(screen.view());
        ui.find(
            "The platform refused: you no longer hold org.audit.read, so you cannot grant it. \
             Untick it, or ask an administrator to give it to you first.",
        )
        .expect("the escalation in words");
    }
    let names: Vec<String> = p
        .admin
        .groups(&p.org)
        .await
        .expect("groups")
        .into_iter()
        .map(|g| g.name)
        .collect();
    assert!(
        !names.contains(&"Auditors".to_string()),
        "nothing was created"
    );
    assert!(
        !screen.permissions().holds("org.audit.read"),
        "what they hold was read again"
    );

    // Untick it and the group is created.
    send(
        &mut screen,
        Message::Create(create::Message::Toggle("org.audit.read".into(), false)),
    )
    .await;
    send(&mut screen, Message::Create(create::Message::Submit)).await;
    let auditors = id_of(&screen, "Auditors");
    assert!(server_permissions(&p, auditors).await.is_empty());

    // Admin grants what the steward doesn't hold: its sheet says why its
    // members can't be changed, and the platform refuses if asked anyway.
    let admin = id_of(&screen, "Admin");
    send(&mut screen, Message::OpenGroup(admin)).await;
    send(
        &mut screen,
        Message::Sheet(sheet::Message::ShowTab(sheet::Tab::Members)),
    )
    .await;
    {
        let mut ui = simulator(screen.view());
        let reason = ui
            .find(
                |candidate: iced_test::selector::Candidate<'_>| match candidate {
                    iced_test::selector::Candidate::Text { content, .. }
                        if content.starts_with("To change this group's members you must hold") =>
                    {
                        Some(content.to_string())
                    }
                    _ => None,
                },
            )
            .expect("why members can't be changed");
        assert!(reason.contains("org.billing.manage"), "{reason}");
    }
    let members = |m: members_tab::Message| Message::Sheet(sheet::Message::Members(m));
    send(&mut screen, members(members_tab::Message::OpenPicker)).await;
    let other = people
        .iter()
        .find(|m| m.id != steward.id && m.groups.iter().all(|g| g.name != "Admin"))
        .expect("someone who is not an admin");
    send(
        &mut screen,
        members(members_tab::Message::Picker(picker::Message::QueryChanged(
            other.email.clone(),
        ))),
    )
    .await;
    send(
        &mut screen,
        members(members_tab::Message::Picker(picker::Message::Toggle(
            other.id, true,
        ))),
    )
    .await;
    send(
        &mut screen,
        members(members_tab::Message::Picker(picker::Message::Submit)),
    )
    .await;
    {
        let mut ui = simulator(screen.view());
        let refusal = ui
            .find(
                |candidate: iced_test::selector::Candidate<'_>| match candidate {
                    iced_test::selector::Candidate::Text { content, .. }
                        if content.starts_with("You cannot change “Admin” or its members") =>
                    {
                        Some(content.to_string())
                    }
                    _ => None,
                },
            )
            .expect("the refusal in words");
        assert!(refusal.contains("org.billing.manage"), "{refusal}");
    }
    let admins = p
        .admin
        .group_members(&p.org, admin, Some(500), None)
        .await
        .expect("admins");
    assert!(
        admins.items.iter().all(|m| m.id != other.id),
        "nobody was added"
    );

    // The matrix locks what the steward doesn't hold; a forged toggle does nothing.
    send(&mut screen, Message::ShowTab(groups::Tab::Matrix)).await;
    send(
        &mut screen,
        Message::Matrix(matrix::Message::Toggle {
            group: auditors,
            permission: "org.billing.manage".into(),
        }),
    )
    .await;
    assert_eq!(screen.matrix_view().map(matrix::Matrix::pending), Some(0));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_member_matrix_shows_what_the_platform_says_each_member_holds() {
    use orgdesk::screen::groups::member_matrix::{self, MemberMatrix, Person};
    let p = support::Platform::start(10).await;
    let people: Vec<Person> = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .expect("members")
        .items
        .iter()
        .take(3)
        .map(Person::from)
        .collect();
    let (mut screen, task) = MemberMatrix::new(p.admin.clone(), p.org.clone(), people.clone());
    for message in support::run(task).await {
        assert!(matches!(
            screen.update(message),
            member_matrix::Action::None
        ));
    }
    for person in &people {
        let truth = p
            .admin
            .member_permissions(&p.org, person.id)
            .await
            .expect("permissions");
        assert!(!truth.is_empty(), "{} holds something", person.name);
        for permission in &truth {
            let groups: Vec<String> = permission
                .granted_by
                .iter()
                .map(|g| g.name.clone())
                .collect();
            assert_eq!(
                screen.granted_by(person.id, &permission.permission),
                Some(groups),
                "{} {}",
                person.name,
                permission.permission
            );
        }
        assert_eq!(
            screen.granted_by(person.id, "not.a.permission"),
            Some(Vec::new()),
            "what nobody grants is empty, not unknown"
        );
    }
}
