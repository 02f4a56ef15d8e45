//! Group managers in the console: the sheet's Managers tab (who, add,
//! remove, what a manager may do in words), and a manager without
//! `org.groups.manage` changing their group's members — headless, then end
//! to end against a real platform.

mod group_fixtures;
mod support;

use group_fixtures::*;
use iced_test::selector::Candidate;
use iced_test::simulator;
use orgdesk::screen::groups::{self, Groups, Message, managers, members_tab, picker, sheet};
use orgdesk_api::{AccountList, CreateGroup, GroupManagers, Member, MemberQuery, MembershipStatus};
use orgdesk_client::Client;
use uuid::Uuid;

const MIA: Uuid = Uuid::from_u128(77);
const ME: Uuid = Uuid::from_u128(78);

fn sheet_message(message: sheet::Message) -> Message {
    Message::Sheet(message)
}

fn managers_loaded(list: Vec<managers::Manager>, me: Uuid) -> Message {
    sheet_message(sheet::Message::Managers(managers::Message::Loaded(Ok(
        managers::Loaded { managers: list, me },
    ))))
}

fn mia() -> managers::Manager {
    managers::Manager {
        id: MIA,
        name: "Mia Manager".into(),
        email: "mia@example.com".into(),
    }
}

/// Someone who reads groups and deals but may not manage groups.
fn plain_member() -> groups::Permissions {
    let mut held = permissions();
    held.held.remove("org.groups.manage");
    held.held.remove("crm.deals.write");
    held.held.remove("crm.reports.read");
    held
}

/// The fixture screen as `held` sees it.
fn screen_holding(held: groups::Permissions) -> Groups {
    let (mut screen, _task) = Groups::new(offline(), "acme".into());
    let _ = screen.update(Message::Loaded {
        tag: screen.pending().expect("the overview is asked for"),
        result: Ok(Box::new(groups::Overview {
            groups: fixture_groups(),
            permissions: held,
        })),
    });
    screen
}

fn starting_with(prefix: &'static str) -> impl Fn(Candidate<'_>) -> Option<String> {
    move |candidate| match candidate {
        Candidate::Text { content, .. } if content.starts_with(prefix) => Some(content.to_string()),
        _ => None,
    }
}

// ---- Headless -----------------------------------------------------------

#[test]
fn the_managers_tab_lists_explains_and_lets_an_admin_change_them() {
    let _words = english();
    let mut screen = screen();
    let _ = screen.update(Message::OpenGroup(FIELD));
    let _ = screen.update(sheet_message(sheet::Message::ShowTab(sheet::Tab::Managers)));
    {
        let mut ui = simulator(screen.view());
        ui.find("Loading managers…").expect("loading at first");
    }
    let _ = screen.update(managers_loaded(vec![mia()], ME));
    let mut ui = simulator(screen.view());
    ui.find("Mia Manager").expect("the manager by name");
    ui.find("mia@example.com").expect("and address");
    ui.find(starting_with(
        "Managers add and remove the members of “Field Sales” without the permission to manage groups",
    ))
    .expect("what a manager may do, in words");
    assert!(
        ui.find("You manage this group: you can add and remove its members.")
            .is_err(),
        "the admin is not one of them"
    );
    ui.click("Remove").expect("an admin removes a manager");
    ui.click("Add managers…").expect("and adds some");
    let clicked: Vec<Message> = ui.into_messages().collect();
    assert!(
        clicked.iter().any(|m| matches!(
            m,
            Message::Sheet(sheet::Message::Managers(managers::Message::Remove(id))) if *id == MIA
        )),
        "{clicked:?}"
    );
    assert!(
        clicked.iter().any(|m| matches!(
            m,
            Message::Sheet(sheet::Message::Managers(managers::Message::OpenPicker))
        )),
        "{clicked:?}"
    );

    // The picker names managers: who manages already is marked and can't be ticked.
    let _ = screen.update(sheet_message(sheet::Message::Managers(
        managers::Message::OpenPicker,
    )));
    let mut ui = simulator(screen.view());
    ui.find("Managers of “Field Sales”")
        .expect("the picker's title");
    drop(ui);
    assert!(screen.escape(), "Esc closes the picker");
}

#[test]
fn naming_managers_needs_manage_and_everything_the_group_grants() {
    let _words = english();
    let mut screen = screen_holding(plain_member());
    let _ = screen.update(Message::OpenGroup(FIELD));
    let _ = screen.update(sheet_message(sheet::Message::ShowTab(sheet::Tab::Managers)));
    let _ = screen.update(managers_loaded(vec![mia()], ME));
    let mut ui = simulator(screen.view());
    ui.find("Naming managers needs the permission org.groups.manage.")
        .expect("why not");
    ui.click("Add managers…").expect("shown");
    ui.click("Remove").expect("shown");
    assert_eq!(ui.into_messages().count(), 0, "both are disabled");

    // An admin who lacks what Admin grants cannot name its managers.
    let mut screen = group_fixtures::screen();
    let _ = screen.update(Message::OpenGroup(ADMIN));
    let _ = screen.update(sheet_message(sheet::Message::ShowTab(sheet::Tab::Managers)));
    let _ = screen.update(managers_loaded(vec![], ME));
    let mut ui = simulator(screen.view());
    ui.find("This group has no managers.").expect("empty");
    ui.find(
        "To name this group's managers you must hold every permission it grants. \
         You don't hold: org.billing.manage.",
    )
    .expect("the escalation rule, beforehand");
}

#[test]
fn a_manager_without_manage_gets_the_member_actions_of_their_group_only() {
    let _words = english();
    let mut screen = screen_holding(plain_member());
    assert!(!screen.permissions().can_manage());
    let _ = screen.update(Message::OpenGroup(FIELD));
    let _ = screen.update(sheet_message(sheet::Message::ShowTab(sheet::Tab::Members)));
    {
        let mut ui = simulator(screen.view());
        ui.find(
            "Changing this group's members needs the permission org.groups.manage, \
             or being one of the group's managers.",
        )
        .expect("not a manager (yet): why not");
        ui.click("Add members…").expect("shown");
        assert_eq!(ui.into_messages().count(), 0, "disabled");
    }
    // The platform says they manage Field Sales (granting only what they hold).
    let me = managers::Manager {
        id: ME,
        name: "Me".into(),
        email: "me@example.com".into(),
    };
    let _ = screen.update(managers_loaded(vec![me.clone()], ME));
    {
        let mut ui = simulator(screen.view());
        assert!(
            ui.find(starting_with("Changing this group's members needs"))
                .is_err(),
            "no reason left"
        );
        ui.click("Add members…").expect("enabled for a manager");
        let clicked: Vec<Message> = ui.into_messages().collect();
        assert!(
            clicked.iter().any(|m| matches!(
                m,
                Message::Sheet(sheet::Message::Members(members_tab::Message::OpenPicker))
            )),
            "{clicked:?}"
        );
    }
    let _ = screen.update(sheet_message(sheet::Message::ShowTab(sheet::Tab::Managers)));
    {
        let mut ui = simulator(screen.view());
        ui.find("You manage this group: you can add and remove its members.")
            .expect("told so");
    }

    // Managing Sales Team, which grants crm.deals.write they don't hold: told why not.
    let _ = screen.update(Message::OpenGroup(SALES));
    let _ = screen.update(managers_loaded(vec![me], ME));
    let _ = screen.update(sheet_message(sheet::Message::ShowTab(sheet::Tab::Members)));
    let mut ui = simulator(screen.view());
    ui.find(
        "To change this group's members you must hold every permission it grants. \
         You don't hold: crm.deals.write.",
    )
    .expect("the escalation rule, in words");
}

#[test]
fn the_reason_rule_as_a_function() {
    let _words = english();
    let field = &fixture_groups()[3];
    let sales = &fixture_groups()[2];
    assert!(sheet::members_reason(field, &plain_member(), true).is_none());
    assert!(sheet::members_reason(field, &plain_member(), false).is_some());
    assert!(sheet::members_reason(sales, &plain_member(), true).is_some());
    assert!(sheet::members_reason(field, &permissions(), false).is_none());
}

#[test]
fn german_words_for_managers() {
    let _words = support::language("de-DE");
    let mut screen = screen();
    let _ = screen.update(Message::OpenGroup(FIELD));
    let _ = screen.update(sheet_message(sheet::Message::ShowTab(sheet::Tab::Managers)));
    let _ = screen.update(managers_loaded(vec![mia()], ME));
    let mut ui = simulator(screen.view());
    ui.find("Verwalter hinzufügen…").expect("add");
    ui.find(starting_with(
        "Verwalter fügen „Field Sales“ Mitglieder hinzu",
    ))
    .expect("the explanation");
}

// ---- End to end ---------------------------------------------------------

/// Runs an action's task and feeds its messages back until nothing is left.
async fn drive(screen: &mut Groups, action: groups::Action) {
    let mut pending = vec![action];
    while let Some(action) = pending.pop() {
        match action {
            groups::Action::None | groups::Action::CopyLink(_) | groups::Action::Notify(_) => {}
            groups::Action::Run(task) => {
                for message in support::run(task).await {
                    pending.push(screen.update(message));
                }
            }
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

/// Picks `person` in the open picker of the Members (or Managers) tab and submits.
async fn pick(screen: &mut Groups, person: &Member, wrap: fn(picker::Message) -> Message) {
    send(
        screen,
        wrap(picker::Message::QueryChanged(person.email.clone())),
    )
    .await;
    send(screen, wrap(picker::Message::Toggle(person.id, true))).await;
    send(screen, wrap(picker::Message::Submit)).await;
}

fn members_picker(m: picker::Message) -> Message {
    Message::Sheet(sheet::Message::Members(members_tab::Message::Picker(m)))
}

fn managers_picker(m: picker::Message) -> Message {
    Message::Sheet(sheet::Message::Managers(managers::Message::Picker(m)))
}

async fn in_group(p: &support::Platform, group: Uuid, who: Uuid) -> bool {
    p.admin
        .group_members(&p.org, group, Some(500), None)
        .await
        .expect("members")
        .items
        .iter()
        .any(|m| m.id == who)
}

async fn custom(p: &support::Platform, name: &str, permissions: &[&str]) -> Uuid {
    p.admin
        .create_group(
            &p.org,
            &CreateGroup {
                name: name.into(),
                description: String::new(),
                permissions: permissions.iter().map(|k| k.to_string()).collect(),
            },
        )
        .await
        .expect("group")
        .id
}

#[tokio::test(flavor = "multi_thread")]
async fn an_appointed_manager_changes_their_group_and_is_refused_elsewhere() {
    let _words = support::english().await;
    let p = support::Platform::start(12).await;
    let reception = custom(&p, "Reception", &["org.members.read"]).await;
    let finance = custom(&p, "Finance", &["org.members.read"]).await;
    let vault = custom(&p, "Vault", &["org.members.read", "org.billing.manage"]).await;
    let people: Vec<Member> = p
        .admin
        .members(
            &p.org,
            &MemberQuery {
                status: Some(MembershipStatus::Active),
                ..Default::default()
            },
        )
        .await
        .expect("members")
        .items
        .into_iter()
        .filter(|m| m.email != p.demo.admin_email && m.groups.iter().all(|g| g.name != "Admin"))
        .collect();
    let (manager, newcomer) = (&people[0], &people[1]);

    // The admin appoints the manager of Reception in the console.
    let mut admin = open(p.admin.clone(), &p.org).await;
    send(&mut admin, Message::OpenGroup(reception)).await;
    send(
        &mut admin,
        Message::Sheet(sheet::Message::ShowTab(sheet::Tab::Managers)),
    )
    .await;
    send(
        &mut admin,
        Message::Sheet(sheet::Message::Managers(managers::Message::OpenPicker)),
    )
    .await;
    pick(&mut admin, manager, managers_picker).await;
    let named = p
        .admin
        .group_managers(&p.org, reception)
        .await
        .expect("managers");
    assert_eq!(named.accounts, vec![manager.id], "saved with PUT managers");
    {
        let mut ui = simulator(admin.view());
        ui.find("One more person manages “Reception”.")
            .expect("said");
        ui.find(manager.name.as_str()).expect("listed by name");
    }
    // Vault too (through the API): it grants billing, which the manager lacks.
    p.admin
        .set_group_managers(
            &p.org,
            vault,
            &GroupManagers {
                accounts: vec![manager.id],
            },
        )
        .await
        .expect("named");

    // The manager signs in: no org.groups.manage, yet Reception's members are theirs.
    let client = p.sign_in(&manager.email).await;
    let mut screen = open(client, &p.org).await;
    assert!(!screen.permissions().can_manage());
    send(&mut screen, Message::OpenGroup(reception)).await;
    assert!(
        screen.sheet_manages(),
        "the sheet knows they manage Reception"
    );
    send(
        &mut screen,
        Message::Sheet(sheet::Message::ShowTab(sheet::Tab::Members)),
    )
    .await;
    {
        let mut ui = simulator(screen.view());
        ui.click("Add members…").expect("offered");
        let clicked: Vec<Message> = ui.into_messages().collect();
        assert_eq!(clicked.len(), 1, "enabled: {clicked:?}");
    }
    send(
        &mut screen,
        Message::Sheet(sheet::Message::Members(members_tab::Message::OpenPicker)),
    )
    .await;
    pick(&mut screen, newcomer, members_picker).await;
    assert!(in_group(&p, reception, newcomer.id).await, "added");
    {
        let mut ui = simulator(screen.view());
        ui.find("Added one member to “Reception”.").expect("said");
    }

    // Finance is not theirs: the console says why, and the platform refuses anyway.
    send(&mut screen, Message::OpenGroup(finance)).await;
    assert!(!screen.sheet_manages());
    send(
        &mut screen,
        Message::Sheet(sheet::Message::ShowTab(sheet::Tab::Members)),
    )
    .await;
    {
        let mut ui = simulator(screen.view());
        ui.find(
            "Changing this group's members needs the permission org.groups.manage, \
             or being one of the group's managers.",
        )
        .expect("why not");
    }
    send(
        &mut screen,
        Message::Sheet(sheet::Message::Members(members_tab::Message::OpenPicker)),
    )
    .await;
    pick(&mut screen, newcomer, members_picker).await;
    {
        let mut ui = simulator(screen.view());
        ui.find(starting_with("You don't have the permission for this"))
            .expect("the refusal in words");
    }
    assert!(
        !in_group(&p, finance, newcomer.id).await,
        "nobody was added"
    );

    // Vault is theirs but grants billing: told beforehand, refused by the platform.
    send(&mut screen, Message::OpenGroup(vault)).await;
    assert!(screen.sheet_manages());
    send(
        &mut screen,
        Message::Sheet(sheet::Message::ShowTab(sheet::Tab::Members)),
    )
    .await;
    {
        let mut ui = simulator(screen.view());
        let reason = ui
            .find(starting_with(
                "To change this group's members you must hold every permission it grants.",
            ))
            .expect("why not");
        assert!(reason.contains("org.billing.manage"), "{reason}");
    }
    send(
        &mut screen,
        Message::Sheet(sheet::Message::Members(members_tab::Message::OpenPicker)),
    )
    .await;
    pick(&mut screen, newcomer, members_picker).await;
    {
        let mut ui = simulator(screen.view());
        let refusal = ui
            .find(starting_with("You cannot change “Vault” or its members"))
            .expect("the escalation in words");
        assert!(refusal.contains("org.billing.manage"), "{refusal}");
    }
    assert!(!in_group(&p, vault, newcomer.id).await, "nobody was added");

    // The admin removes the manager in the console: Reception is no longer theirs.
    send(&mut admin, Message::OpenGroup(reception)).await;
    send(
        &mut admin,
        Message::Sheet(sheet::Message::ShowTab(sheet::Tab::Managers)),
    )
    .await;
    send(
        &mut admin,
        Message::Sheet(sheet::Message::Managers(managers::Message::Remove(
            manager.id,
        ))),
    )
    .await;
    let named = p
        .admin
        .group_managers(&p.org, reception)
        .await
        .expect("managers");
    assert!(named.accounts.is_empty());
    let refused = p
        .sign_in(&manager.email)
        .await
        .add_group_members(
            &p.org,
            reception,
            &AccountList {
                accounts: vec![people[2].id],
            },
        )
        .await;
    assert_eq!(
        refused.expect_err("no longer a manager").status(),
        Some(403)
    );
}
