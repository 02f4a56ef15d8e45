//! End to end against the real platform (in this process, SQLite): the dialog
//! driven through its messages and tasks exactly as the console drives it,
//! the server's state checked through the admin's client afterwards.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use orgdesk_api::{CreateGroup, MemberQuery};

use super::*;

/// Runs the dialog's tasks until it waits for a person; answers whether it
/// said that memberships changed.
async fn settle(dialog: &mut Bulk, action: Action) -> bool {
    let mut changed = false;
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        match action {
            Action::None => {}
            Action::Run(task) => {
                for message in support::run(task).await {
                    pending.push(dialog.update(message));
                }
            }
            Action::Changed => changed = true,
            Action::Close => panic!("the dialog closed"),
            Action::Notify { changed: c, .. } => changed |= c,
        }
    }
    changed
}

/// Clicks `label` in the dialog and feeds what the click said back in.
async fn click(dialog: &mut Bulk, label: &str) -> bool {
    let mut ui = simulator(dialog.view());
    ui.click(label)
        .unwrap_or_else(|e| panic!("{label:?} to click: {e:?}"));
    let messages: Vec<Message> = ui.into_messages().collect();
    let mut changed = false;
    for message in messages {
        let action = dialog.update(message);
        changed |= settle(dialog, action).await;
    }
    changed
}

/// A count as the console writes it (grouped by the language: "4,998").
fn n(count: usize) -> String {
    orgdesk::locale::number(i64::try_from(count).expect("a count"))
}

fn shows(dialog: &Bulk, words: &str) {
    let mut ui = simulator(dialog.view());
    ui.find(words)
        .unwrap_or_else(|e| panic!("{words:?} on show: {e:?}"));
}

async fn all_members(client: &Client, org: &str) -> Vec<Member> {
    let mut all = Vec::new();
    let mut cursor = None;
    loop {
        let page = client
            .members(
                org,
                &MemberQuery {
                    limit: Some(500),
                    cursor,
                    ..MemberQuery::default()
                },
            )
            .await
            .expect("members");
        all.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return all,
        }
    }
}

fn groups_of(members: &[Member]) -> BTreeMap<Uuid, BTreeSet<Uuid>> {
    members
        .iter()
        .map(|m| (m.id, m.groups.iter().map(|g| g.id).collect()))
        .collect()
}

async fn new_group(client: &Client, org: &str, name: &str, permissions: &[&str]) -> Group {
    client
        .create_group(
            org,
            &CreateGroup {
                name: name.into(),
                description: format!("{name} (bulk test)"),
                permissions: permissions.iter().map(|p| (*p).to_string()).collect(),
            },
        )
        .await
        .expect("create group")
}

async fn member_count(client: &Client, org: &str, group: Uuid) -> u64 {
    client.group(org, group).await.expect("group").member_count
}

#[tokio::test(flavor = "multi_thread")]
async fn five_thousand_members_previewed_applied_and_undone() {
    let _words = english_async().await;
    let p = support::Platform::start(5000).await;
    let org = p.org.as_str();
    let everyone = all_members(&p.admin, org).await;
    let members: Vec<Member> = everyone
        .iter()
        .filter(|m| m.email != p.demo.admin_email)
        .cloned()
        .collect();
    assert_eq!(members.len(), 5000);
    let desk = new_group(
        &p.admin,
        org,
        "Compliance Desk",
        &["org.audit.read", "org.members.invite"],
    )
    .await;

    // The impact worked out here from the members' groups, to check the server's against.
    let grants: HashMap<Uuid, BTreeSet<String>> = p
        .admin
        .groups(org)
        .await
        .unwrap()
        .into_iter()
        .map(|g| (g.id, g.permissions.into_iter().collect()))
        .collect();
    let granted: BTreeSet<String> = desk.permissions.iter().cloned().collect();
    let mut gains: BTreeMap<String, usize> = BTreeMap::new();
    let mut impacted = BTreeSet::new();
    for m in &members {
        let held: BTreeSet<String> = m
            .groups
            .iter()
            .flat_map(|g| grants[&g.id].iter().cloned())
            .collect();
        for key in granted.difference(&held) {
            *gains.entry(key.clone()).or_default() += 1;
            impacted.insert(m.id);
        }
    }
    assert!(
        impacted.len() < members.len() && gains.len() == 2,
        "some members hold some of it already (Managers read the audit log): {gains:?}"
    );
    let before = groups_of(&everyone);

    let (mut dialog, load) =
        Bulk::for_members(p.admin.clone(), p.org.clone(), members.clone(), Mode::Add);
    settle(&mut dialog, Action::Run(load)).await;
    shows(&dialog, "Add 5,000 members to groups");
    click(&mut dialog, "Compliance Desk").await;
    click(&mut dialog, "Preview changes").await;

    let preview = dialog
        .preview_result()
        .expect("the dry run's answer")
        .clone();
    assert!(preview.dry_run);
    assert_eq!(preview.diff.added.len(), 5000);
    assert_eq!(preview.diff.unchanged, 0);
    let server_impacted: BTreeSet<Uuid> = preview.impact.iter().map(|i| i.account).collect();
    assert_eq!(server_impacted, impacted);
    let mut server_gains: BTreeMap<String, usize> = BTreeMap::new();
    for member in &preview.impact {
        assert!(member.lost.is_empty());
        for key in &member.gained {
            *server_gains.entry(key.clone()).or_default() += 1;
        }
    }
    assert_eq!(server_gains, gains);
    let suspended: BTreeSet<Uuid> = members
        .iter()
        .filter(|m| m.status == MembershipStatus::Suspended)
        .map(|m| m.id)
        .collect();
    assert!(!suspended.is_empty(), "the demo suspends a few");
    for member in &preview.impact {
        assert_eq!(member.suspended, suspended.contains(&member.account));
    }
    shows(
        &dialog,
        "5,000 memberships will be added and 0 removed; 0 changes are in place already.",
    );
    shows(
        &dialog,
        &format!("The permissions of {} members change.", n(impacted.len())),
    );
    click(
        &mut dialog,
        &format!("Permission impact ({})", n(impacted.len())),
    )
    .await;
    shows(
        &dialog,
        &format!(
            "org.audit.read (Read the audit log): {} gain, 0 lose",
            n(gains["org.audit.read"])
        ),
    );
    assert_eq!(member_count(&p.admin, org, desk.id).await, 0, "a dry run");

    assert!(click(&mut dialog, "Apply").await, "the lists are told");
    let done = dialog.done_result().expect("the result").clone();
    assert!(!done.dry_run);
    assert_eq!(done.diff, preview.diff);
    assert_eq!(done.impact, preview.impact);
    shows(&dialog, "5,000 memberships added and 0 removed.");
    assert_eq!(member_count(&p.admin, org, desk.id).await, 5000);
    let someone = preview.impact[0].account;
    let now: BTreeSet<String> = p
        .admin
        .member_permissions(org, someone)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.permission)
        .collect();
    assert!(preview.impact[0].gained.iter().all(|k| now.contains(k)));

    // Undo: previewed as the exact inverse, then applied.
    click(&mut dialog, "Undo").await;
    let undo = dialog.preview_result().expect("the undo's preview").clone();
    assert_eq!(undo.diff.removed, done.diff.added);
    assert!(undo.diff.added.is_empty());
    let inverse: Vec<(Uuid, Vec<String>, Vec<String>)> = done
        .impact
        .iter()
        .map(|i| (i.account, i.lost.clone(), i.gained.clone()))
        .collect();
    let undo_impact: Vec<(Uuid, Vec<String>, Vec<String>)> = undo
        .impact
        .iter()
        .map(|i| (i.account, i.gained.clone(), i.lost.clone()))
        .collect();
    assert_eq!(undo_impact, inverse);
    shows(&dialog, "Review the undo");
    assert_eq!(member_count(&p.admin, org, desk.id).await, 5000);
    assert!(click(&mut dialog, "Apply the undo").await);
    shows(
        &dialog,
        "Undone: 5,000 memberships removed again and 0 restored.",
    );
    assert_eq!(member_count(&p.admin, org, desk.id).await, 0);
    assert_eq!(
        groups_of(&all_members(&p.admin, org).await),
        before,
        "every member's groups as before"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_csv_import_with_bad_rows() {
    let _words = english_async().await;
    // More members than one page, so addresses are looked up both ways.
    let p = support::Platform::start(600).await;
    let org = p.org.as_str();
    let everyone = all_members(&p.admin, org).await;
    let mut outsiders = everyone.iter().filter(|m| {
        m.email != p.demo.admin_email && !m.groups.iter().any(|g| g.name == "Managers")
    });
    let (ann, bob) = (outsiders.next().unwrap(), outsiders.next().unwrap());
    let cy = everyone
        .iter()
        .find(|m| {
            m.id != ann.id && m.id != bob.id && m.groups.iter().any(|g| g.name == "Sales Team")
        })
        .expect("someone in Sales Team");
    let managers = p
        .admin
        .groups(org)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.name == "Managers")
        .expect("the demo's Managers");
    let csv = format!(
        "Email;Group;Action
{ann};Managers;add
{bob_upper};managers
nobody@nowhere.example;Managers;add
{ann};Night Shift;add
{bob};Managers;promote
{ann};Managers;add
{cy};Sales Team;remove
",
        ann = ann.email,
        bob = bob.email,
        bob_upper = bob.email.to_uppercase(),
        cy = cy.email,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("october.csv");
    std::fs::write(&path, csv).unwrap();

    let (mut dialog, _file_dialog) = Bulk::import(p.admin.clone(), p.org.clone());
    let reading = dialog.update(Message::FileChosen(Some(path)));
    settle(&mut dialog, reading).await;
    shows(&dialog, "7 rows: 3 ready, 4 with problems (left out)");
    shows(&dialog, "No member has this email address");
    shows(&dialog, "No group has this name");
    shows(&dialog, "Unknown action \"promote\": use add or remove");
    shows(&dialog, "Repeats line 2");
    let flags: Vec<(u64, bool)> = dialog.rows().iter().map(|r| (r.row.line, r.ok())).collect();
    assert_eq!(
        flags,
        [
            (2, true),
            (3, true),
            (4, false),
            (5, false),
            (6, false),
            (7, false),
            (8, true)
        ]
    );

    click(&mut dialog, "Preview changes").await;
    let preview = dialog.preview_result().expect("a preview").clone();
    let added: BTreeSet<Uuid> = preview.diff.added.iter().map(|m| m.account).collect();
    assert_eq!(added, BTreeSet::from([ann.id, bob.id]));
    assert_eq!(preview.diff.removed.len(), 1);
    assert_eq!(preview.diff.removed[0].account, cy.id);
    // The dialog names the people it found in the file.
    shows(&dialog, &ann.email);
    assert!(click(&mut dialog, "Apply").await);
    let members_now = all_members(&p.admin, org).await;
    let groups_now = groups_of(&members_now);
    assert!(groups_now[&ann.id].contains(&managers.id));
    assert!(groups_now[&bob.id].contains(&managers.id));
    let sales = cy
        .groups
        .iter()
        .find(|g| g.name == "Sales Team")
        .unwrap()
        .id;
    assert!(!groups_now[&cy.id].contains(&sales));
    // Nothing else moved.
    let before = groups_of(&everyone);
    let moved: Vec<Uuid> = before
        .iter()
        .filter(|(id, groups)| groups_now[*id] != **groups)
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(
        moved.into_iter().collect::<BTreeSet<_>>(),
        BTreeSet::from([ann.id, bob.id, cy.id])
    );

    // Addresses are found by search (few) or by walking the members (many), alike.
    let find = |emails: &[&str]| {
        let emails: BTreeSet<String> = emails.iter().map(|e| e.to_lowercase()).collect();
        let client = p.admin.clone();
        let org = p.org.clone();
        async move {
            bulk::import::find_people(&client, &org, &emails)
                .await
                .expect("looked up")
        }
    };
    let one = find(&[&ann.email]).await;
    assert_eq!(one[&ann.email.to_lowercase()].id, ann.id);
    let many = find(&[&ann.email, &bob.email, &cy.email, "nobody@nowhere.example"]).await;
    assert_eq!(many.len(), 3);
    assert_eq!(many[&cy.email.to_lowercase()].id, cy.id);
}

#[tokio::test(flavor = "multi_thread")]
async fn escalation_and_last_admin_are_refused_and_explained() {
    let _words = english_async().await;
    let p = support::Platform::start(50).await;
    let org = p.org.as_str();
    // Removing every admin from Admin would leave nobody to manage groups.
    let everyone = all_members(&p.admin, org).await;
    let admin_group = p
        .admin
        .groups(org)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.name == "Admin")
        .unwrap();
    let admins: Vec<Member> = everyone
        .iter()
        .filter(|m| m.groups.iter().any(|g| g.id == admin_group.id))
        .cloned()
        .collect();
    let (mut dialog, load) =
        Bulk::for_members(p.admin.clone(), p.org.clone(), admins.clone(), Mode::Remove);
    settle(&mut dialog, Action::Run(load)).await;
    click(&mut dialog, "Admin · built-in").await;
    click(&mut dialog, "Preview changes").await;
    shows(
        &dialog,
        "This would leave the organization without an administrator. Nothing was changed.",
    );
    assert_eq!(
        member_count(&p.admin, org, admin_group.id).await,
        admins.len() as u64
    );

    let managers = new_group(
        &p.admin,
        org,
        "Group Managers",
        &["org.groups.manage", "org.groups.read", "org.members.read"],
    )
    .await;
    let auditors = new_group(&p.admin, org, "Auditors", &["org.audit.read"]).await;
    // A member who will manage groups but cannot read the audit log.
    let mut manager = None;
    for m in everyone
        .iter()
        .filter(|m| m.status == MembershipStatus::Active && m.email != p.demo.admin_email)
    {
        let holds = p.admin.member_permissions(org, m.id).await.unwrap();
        if !holds.iter().any(|h| h.permission == "org.audit.read") {
            manager = Some(m.clone());
            break;
        }
    }
    let manager = manager.expect("a member without org.audit.read");
    p.admin
        .add_group_members(
            org,
            managers.id,
            &orgdesk_api::AccountList {
                accounts: vec![manager.id],
            },
        )
        .await
        .unwrap();
    let as_manager = p.sign_in(&manager.email).await;
    let others: Vec<Member> = everyone
        .iter()
        .filter(|m| m.id != manager.id)
        .take(3)
        .cloned()
        .collect();

    let (mut dialog, load) =
        Bulk::for_members(as_manager.clone(), p.org.clone(), others.clone(), Mode::Add);
    settle(&mut dialog, Action::Run(load)).await;
    // Held back up front: the group grants what the manager lacks, and says so.
    shows(
        &dialog,
        "Not for you to change: it grants org.audit.read, which you do not hold.",
    );
    click(&mut dialog, "Auditors").await;
    let _ = dialog.update(Message::Toggle(auditors.id, true)); // forged: ignored
    click(&mut dialog, "Preview changes").await;
    assert!(dialog.preview_result().is_none(), "nothing to preview");

    // Asked anyway (a CSV naming the group), the platform refuses and the
    // dialog says why; nothing changes.
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("auditors.csv");
    std::fs::write(
        &path,
        format!("email,group\n{},Auditors\n", others[0].email),
    )
    .unwrap();
    let (mut dialog, _file_dialog) = Bulk::import(as_manager, p.org.clone());
    let reading = dialog.update(Message::FileChosen(Some(path)));
    settle(&mut dialog, reading).await;
    click(&mut dialog, "Preview changes").await;
    assert!(dialog.preview_result().is_none(), "refused at the preview");
    let error = dialog.error().expect("the refusal").to_string();
    assert!(
        error.starts_with("You cannot change “Auditors” or its members")
            && error.contains("org.audit.read")
            && error.ends_with("Nothing was changed."),
        "{error}"
    );
    shows(&dialog, &error);
    assert_eq!(member_count(&p.admin, org, auditors.id).await, 0);
}

/// Runs the members screen's tasks until it waits for a person.
async fn settle_members(
    screen: &mut orgdesk::screen::members::Members,
    action: orgdesk::screen::members::Action,
) {
    use orgdesk::screen::members::Action as Told;
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        if let Told::Run(task) = action {
            for message in support::run(task).await {
                pending.push(screen.update(message));
            }
        }
    }
}

/// The members an access filter finds, through the members screen.
async fn found_by(
    p: &support::Platform,
    filter: orgdesk::screen::expiry::AccessFilter,
) -> Vec<Uuid> {
    use orgdesk::screen::members::{Action as Told, Members, Message as Asked};
    let (mut screen, task) = Members::new(p.admin.clone(), p.org.clone(), None);
    settle_members(&mut screen, Told::Run(task)).await;
    let action = screen.update(Asked::AccessFilter(Some(filter)));
    settle_members(&mut screen, action).await;
    assert!(screen.list().is_ready(), "the filtered list arrived");
    screen.rows().iter().map(|m| m.id).collect()
}

/// What the sheet's "Member of" tab says of `member`'s memberships.
async fn sheet_shows(p: &support::Platform, member: &Member, words: &str) {
    use orgdesk::screen::member::{Action as Told, Message as Asked, Sheet, Tab};
    let (mut sheet, task) = Sheet::new(p.admin.clone(), p.org.clone(), member.id, None);
    let mut pending = vec![Told::Run(task)];
    while let Some(action) = pending.pop() {
        if let Told::Run(task) = action {
            for message in support::run(task).await {
                pending.push(sheet.update(message));
            }
        }
    }
    let _ = sheet.update(Asked::TabSelected(Tab::MemberOf));
    let mut ui = simulator(sheet.view());
    ui.find(words)
        .unwrap_or_else(|e| panic!("{words:?} on the sheet: {e:?}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_end_date_shows_on_the_sheet_the_filter_finds_it_and_extend_moves_it() {
    use orgdesk::locale::file_day as date;
    use orgdesk::screen::expiry::{AccessFilter, End};
    let _words = english_async().await;
    let p = support::Platform::start(20).await;
    let org = p.org.as_str();
    let everyone = all_members(&p.admin, org).await;
    let ann = everyone
        .iter()
        .find(|m| m.email != p.demo.admin_email && m.status == MembershipStatus::Active)
        .cloned()
        .expect("an active demo member");
    let desk = new_group(&p.admin, org, "Temp Desk", &["org.audit.read"]).await;
    assert!(
        found_by(&p, AccessFilter::Expiring(30)).await.is_empty(),
        "no membership ends yet"
    );

    // Ann joins Temp Desk until the start of the day five days ahead.
    let now = OffsetDateTime::now_utc();
    let day = date(now + time::Duration::days(5));
    let end = orgdesk::screen::expiry::parse_day(&day).expect("a day");
    let (mut dialog, load) =
        Bulk::for_members(p.admin.clone(), p.org.clone(), vec![ann.clone()], Mode::Add);
    settle(&mut dialog, Action::Run(load)).await;
    click(&mut dialog, "Temp Desk").await;
    let _ = dialog.update(Message::UntilChanged(day.clone()));
    click(&mut dialog, "Preview changes").await;
    shows(
        &dialog,
        "One membership will be added and 0 removed; 0 changes are in place already.",
    );
    assert!(click(&mut dialog, "Apply").await, "the lists are told");
    let fresh = p.admin.member(org, ann.id).await.expect("ann");
    assert_eq!(orgdesk::screen::expiry::of(&fresh, desk.id), Some(end));

    // The sheet says how near the end is; the filters find her.
    let words = End::at(end, OffsetDateTime::now_utc()).words();
    assert!(words.starts_with("ends in 4 days") || words.starts_with("ends in 5 days"));
    sheet_shows(&p, &fresh, &words).await;
    assert_eq!(found_by(&p, AccessFilter::Expiring(7)).await, vec![ann.id]);
    assert_eq!(found_by(&p, AccessFilter::Expiring(30)).await, vec![ann.id]);

    // Extend to…: Temp Desk only (User stays without end), two months on.
    let later = date(now + time::Duration::days(60));
    let (mut dialog, load) = Bulk::extend(p.admin.clone(), p.org.clone(), vec![fresh.clone()]);
    settle(&mut dialog, Action::Run(load)).await;
    shows(&dialog, "Extend one member's access");
    let user = fresh
        .groups
        .iter()
        .find(|g| g.id != desk.id)
        .expect("her other group")
        .id;
    let _ = dialog.update(Message::Toggle(user, false));
    let _ = dialog.update(Message::UntilChanged(later.clone()));
    click(&mut dialog, "Preview changes").await;
    shows(&dialog, "The end date of one membership changes.");
    assert!(click(&mut dialog, "Apply").await);
    let extended = p.admin.member(org, ann.id).await.expect("ann");
    assert_eq!(
        orgdesk::screen::expiry::of(&extended, desk.id),
        orgdesk::screen::expiry::parse_day(&later)
    );
    assert_eq!(orgdesk::screen::expiry::of(&extended, user), None);
    let shown = orgdesk::screen::expiry::date(end_later(&later));
    sheet_shows(&p, &extended, &format!("until {shown}")).await;
    assert!(found_by(&p, AccessFilter::Expiring(7)).await.is_empty());
    assert_eq!(found_by(&p, AccessFilter::Expiring(90)).await, vec![ann.id]);
}

/// The end a typed day stands for.
fn end_later(day: &str) -> time::OffsetDateTime {
    orgdesk::screen::expiry::parse_day(day).expect("a day")
}

#[tokio::test(flavor = "multi_thread")]
async fn dormant_members_suspended_after_the_platforms_preview() {
    use orgdesk::screen::dormant;
    use orgdesk::screen::expiry::AccessFilter;
    use orgdesk::screen::members::{Action as Told, Members, Message as Asked};
    let _words = english_async().await;
    let p = support::Platform::start(20).await;
    let org = p.org.as_str();
    // The demo's members all signed in lately: "no sign-in for 0+ days"
    // lists everyone, so the report has rows to act on here.
    let (mut screen, task) = Members::new(p.admin.clone(), p.org.clone(), Some((0, 100)));
    settle_members(&mut screen, Told::Run(task)).await;
    let action = screen.update(Asked::AccessFilter(Some(AccessFilter::Inactive(0))));
    settle_members(&mut screen, action).await;
    let rows = screen.rows().to_vec();
    let active: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            rows[i].status == MembershipStatus::Active && rows[i].email != p.demo.admin_email
        })
        .take(3)
        .collect();
    // The third is suspended meanwhile (by another admin, say).
    let suspended = active[2];
    p.admin
        .suspend_members(
            org,
            &orgdesk_api::BulkSuspend {
                accounts: vec![rows[suspended].id],
                dry_run: false,
            },
        )
        .await
        .expect("suspend one");
    let _ = screen.update(Asked::RowClicked(active[0]));
    let _ = screen.update(Asked::ModifiersChanged(iced::keyboard::Modifiers::COMMAND));
    let _ = screen.update(Asked::RowClicked(active[1]));
    let _ = screen.update(Asked::RowClicked(suspended));
    let _ = screen.update(Asked::ModifiersChanged(iced::keyboard::Modifiers::default()));
    let seats_before = p
        .admin
        .suspend_members(
            org,
            &orgdesk_api::BulkSuspend {
                accounts: vec![],
                dry_run: true,
            },
        )
        .await
        .expect("an empty dry run")
        .seats_used;

    let action = screen.update(Asked::SuspendSelected);
    settle_members(&mut screen, action).await;
    let preview = screen
        .dormant()
        .and_then(dormant::Dormant::preview)
        .expect("the platform's dry run")
        .clone();
    assert!(preview.dry_run);
    let mut expected = vec![rows[active[0]].id, rows[active[1]].id];
    expected.sort();
    let mut would = preview.suspended.clone();
    would.sort();
    assert_eq!(would, expected);
    assert_eq!((preview.unchanged, preview.seats_freed), (1, 2));
    assert_eq!(preview.seats_used, seats_before - 2);
    {
        let mut ui = simulator(screen.view());
        ui.find(
            format!(
                "2 members would be suspended, freeing 2 seats (seats in use afterwards: {}). One selected member is suspended already.",
                seats_before - 2
            )
            .as_str(),
        )
        .expect("the preview in words");
    }
    // Nothing changed yet.
    for &i in &active[..2] {
        let m = p.admin.member(org, rows[i].id).await.unwrap();
        assert_eq!(m.status, MembershipStatus::Active);
    }

    let mut ui = simulator(screen.view());
    ui.click("Suspend").expect("apply");
    let messages: Vec<Asked> = ui.into_messages().collect();
    for message in messages {
        let action = screen.update(message);
        settle_members(&mut screen, action).await;
    }
    for &i in &active[..2] {
        let m = p.admin.member(org, rows[i].id).await.unwrap();
        assert_eq!(m.status, MembershipStatus::Suspended);
    }
    let mut ui = simulator(screen.view());
    ui.find("2 members suspended; 2 seats freed.")
        .expect("done");
    ui.find(format!("Seats: {} of 100", seats_before - 2).as_str())
        .expect("the gauge follows");
}
