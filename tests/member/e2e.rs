//! The sheet against a real platform: the demo organization in this
//! process, the sheet driven through its own messages and tasks, the
//! platform's state checked through the admin's client.

use iced_test::simulator;
use orgdesk::screen::member::{Act, Action, Message, Sheet, Tab};
use orgdesk_api::{
    InviteRequest, Invitee, LoginRequest, Member, MemberQuery, MembershipStatus, codes,
};
use orgdesk_client::Client;

use super::support::{self, PASSWORD, Platform};

/// Runs every task the sheet asks for, feeding their messages back, and
/// answers what the sheet told its parent on the way.
pub(crate) async fn settle(sheet: &mut Sheet, first: Action) -> Vec<Action> {
    let mut pending = vec![first];
    let mut told = Vec::new();
    while let Some(action) = pending.pop() {
        match action {
            Action::Run(task) => {
                for message in support::run(task).await {
                    pending.push(sheet.update(message));
                }
            }
            Action::None => {}
            other => told.push(other),
        }
    }
    told
}

/// Opens the sheet of `member` as `client` would, and waits for its details.
pub(crate) async fn open(client: &Client, org: &str, member: &Member) -> Sheet {
    let (mut sheet, task) = Sheet::new(client.clone(), org.into(), member.id, Some(member.clone()));
    let told = settle(&mut sheet, Action::Run(task)).await;
    assert!(
        matches!(told[..], [Action::Loaded]),
        "the details loaded for the cache"
    );
    sheet
}

/// Asks for `act`, confirms it, and runs it to its end.
pub(crate) async fn confirm(sheet: &mut Sheet, act: Act) -> Vec<Action> {
    assert!(matches!(sheet.update(Message::Ask(act)), Action::None));
    let action = sheet.update(Message::Confirm);
    assert!(matches!(action, Action::Run(_)), "confirming sends it");
    settle(sheet, action).await
}

fn changed(told: &[Action]) -> &Member {
    match told {
        [Action::MemberChanged(member)] => member,
        _ => panic!("the parent hears that the member changed"),
    }
}

async fn everyone(p: &Platform) -> Vec<Member> {
    p.admin
        .members(
            &p.org,
            &MemberQuery {
                limit: Some(500),
                ..MemberQuery::default()
            },
        )
        .await
        .expect("members")
        .items
}

/// Active demo members with sign-ins, only in the User group, besides the admin.
fn plain_people(members: &[Member], admin_email: &str) -> Vec<Member> {
    members
        .iter()
        .filter(|m| {
            m.email != admin_email
                && m.status == MembershipStatus::Active
                && m.last_login_at.is_some()
                && m.groups.len() == 1
                && m.groups[0].name == "User"
        })
        .cloned()
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_reads_a_member_then_suspends_reactivates_and_resets() {
    // Words are made as answers arrive: the language holds for the whole test.
    let _words = support::english().await;
    let p = Platform::start(50).await;
    let members = everyone(&p).await;
    let people = plain_people(&members, &p.demo.admin_email);
    assert!(people.len() >= 2, "the demo has plain members");
    let (ben, cleo) = (&people[0], &people[1]);

    // Open Ben: his sessions and permissions are the platform's.
    let mut sheet = open(&p.admin, &p.org, ben).await;
    let details = sheet.details().expect("details").clone();
    let sessions = details.sessions.ready().expect("an admin reads sessions");
    assert!(!sessions.items.is_empty(), "demo members have sign-ins");
    let expected = p
        .admin
        .member_sessions(&p.org, ben.id, Some(50), None)
        .await
        .unwrap();
    assert_eq!(sessions.items, expected.items);
    assert_eq!(sessions.total, expected.total);
    let permissions = details.permissions.ready().expect("permissions");
    assert_eq!(
        permissions,
        &p.admin.member_permissions(&p.org, ben.id).await.unwrap()
    );
    assert!(
        permissions
            .iter()
            .any(|perm| perm.permission == "org.members.read"),
        "User grants org.members.read"
    );
    let profile = details
        .profile
        .ready()
        .unwrap_or_else(|| panic!("profile: {:?}", details.profile));
    assert_eq!(profile.email, ben.email);
    assert_eq!(profile.status_since, ben.joined_at);
    {
        let _ = sheet.update(Message::TabSelected(Tab::Sessions));
        let mut ui = simulator(sheet.view());
        let first = &sessions.items[0];
        ui.find(first.ip.clone().expect("an address").as_str())
            .expect("the session's address shows");
        if let Some(device) = &first.device {
            ui.find(device.as_str()).expect("its device");
        }
        drop(ui);
        let _ = sheet.update(Message::TabSelected(Tab::Permissions));
        let mut ui = simulator(sheet.view());
        ui.find("Granted by User").expect("who grants what");
    }

    // Suspend, confirmed: the platform has him suspended, the parent hears.
    let told = confirm(&mut sheet, Act::Suspend).await;
    let suspended = changed(&told);
    assert_eq!(suspended.status, MembershipStatus::Suspended);
    let on_server = p.admin.member(&p.org, ben.id).await.unwrap();
    assert_eq!(on_server.status, MembershipStatus::Suspended);
    assert_eq!(
        suspended, &on_server,
        "the row the parent gets is the platform's"
    );
    let details = sheet.details().unwrap();
    assert_eq!(
        details.permissions.ready().map(Vec::len),
        Some(0),
        "the sheet re-read: a suspended member holds nothing"
    );
    {
        let _ = sheet.update(Message::TabSelected(Tab::General));
        let mut ui = simulator(sheet.view());
        let since = orgdesk::screen::short_time(on_server.suspended_at.unwrap());
        ui.find(format!("Suspended since {since}"))
            .expect("suspended since");
        ui.find(format!("{} is suspended.", ben.name))
            .expect("done, in words");
    }

    // Reactivate: active again on the platform.
    let told = confirm(&mut sheet, Act::Reactivate).await;
    assert_eq!(changed(&told).status, MembershipStatus::Active);
    assert_eq!(
        p.admin.member(&p.org, ben.id).await.unwrap().status,
        MembershipStatus::Active
    );
    assert!(
        !sheet
            .details()
            .unwrap()
            .permissions
            .ready()
            .unwrap()
            .is_empty()
    );

    // Force a reset on Cleo: her open session ends, her next sign-in must
    // choose a new password.
    let cleo_before = p.sign_in(&cleo.email).await;
    cleo_before.me().await.expect("signed in");
    let mut sheet = open(&p.admin, &p.org, cleo).await;
    let told = confirm(&mut sheet, Act::ForceReset).await;
    assert_eq!(changed(&told).id, cleo.id);
    assert!(
        sheet
            .details()
            .unwrap()
            .profile
            .ready()
            .unwrap()
            .password_reset_required,
        "the sheet shows the pending reset"
    );
    assert_eq!(
        cleo_before.me().await.expect_err("signed out").status(),
        Some(401)
    );
    let login = p
        .anonymous()
        .login(&LoginRequest {
            email: cleo.email.clone(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .expect("the password still signs in");
    assert!(login.password_reset_required);
    let fresh = p.anonymous().with_token(login.token);
    assert_eq!(
        fresh
            .my_organizations()
            .await
            .expect_err("only a new password")
            .code(),
        Some(codes::PASSWORD_RESET_REQUIRED)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_show_in_words_and_change_nothing() {
    // Words are made as answers arrive: the language holds for the whole test.
    let _words = support::english().await;
    let p = Platform::start(50).await;
    let members = everyone(&p).await;
    let me = p.admin.me().await.unwrap();
    let admin_row = members.iter().find(|m| m.id == me.id).expect("the admin");
    let people = plain_people(&members, &p.demo.admin_email);
    let (plain, target) = (&people[0], &people[1]);

    // The admin cannot suspend themselves.
    let mut sheet = open(&p.admin, &p.org, admin_row).await;
    let told = confirm(&mut sheet, Act::Suspend).await;
    assert!(told.is_empty(), "nothing changed");
    {
        let mut ui = simulator(sheet.view());
        ui.find("You cannot suspend yourself.").expect("in words");
        assert!(ui.find("cannot_suspend_self").is_err());
    }
    assert_eq!(
        p.admin.member(&p.org, me.id).await.unwrap().status,
        MembershipStatus::Active
    );

    // A plain member reads others (User holds org.members.read) but may not
    // see their sessions nor suspend them.
    let plain_client = p.sign_in(&plain.email).await;
    let mine: Vec<String> = plain_client
        .my_permissions(&p.org)
        .await
        .unwrap()
        .into_iter()
        .map(|perm| perm.permission)
        .collect();
    assert!(
        !mine.iter().any(|perm| perm == "org.members.suspend"),
        "{mine:?}"
    );
    let mut sheet = open(&plain_client, &p.org, target).await;
    let refused_sessions = sheet.details().unwrap().sessions.refusal();
    let may_read_sessions = mine.iter().any(|perm| perm == "org.members.sessions.read");
    assert_eq!(
        refused_sessions.is_none(),
        may_read_sessions,
        "sessions follow org.members.sessions.read"
    );
    let told = confirm(&mut sheet, Act::Suspend).await;
    assert!(told.is_empty(), "nothing changed");
    let refusal = plain_client
        .suspend_member(&p.org, target.id)
        .await
        .expect_err("forbidden");
    assert_eq!(refusal.code(), Some(codes::FORBIDDEN));
    {
        let words = orgdesk::screen::describe(&refusal);
        assert!(
            words.starts_with("You don't have the permission for this"),
            "{words}"
        );
        let mut ui = simulator(sheet.view());
        ui.find(words.as_str()).expect("forbidden, in words");
        drop(ui);
        if let Some(why) = refused_sessions {
            let _ = sheet.update(Message::TabSelected(Tab::Sessions));
            let mut ui = simulator(sheet.view());
            ui.find(why.as_str()).expect("the refused section says why");
        }
    }
    assert_eq!(
        p.admin.member(&p.org, target.id).await.unwrap().status,
        MembershipStatus::Active
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn reactivation_past_the_seat_limit_is_refused_in_words() {
    // Words are made as answers arrive: the language holds for the whole test.
    let _words = support::english().await;
    let p = Platform::start(40).await;
    let members = everyone(&p).await;
    let people = plain_people(&members, &p.demo.admin_email);
    let ben = &people[0];
    let mut sheet = open(&p.admin, &p.org, ben).await;
    let told = confirm(&mut sheet, Act::Suspend).await;
    assert_eq!(changed(&told).status, MembershipStatus::Suspended);

    // Invitations take every seat left, Ben's among them.
    let seats = p.admin.org(&p.org).await.unwrap().subscription;
    let free = seats.seat_limit - seats.seats_used;
    assert!(free > 0, "suspending freed a seat: {seats:?}");
    let invitations = (0..free + 3)
        .map(|i| Invitee {
            email: format!("newcomer{i}@seats.example"),
            groups: None,
            expires_at: None,
        })
        .collect();
    p.admin
        .invite(&p.org, &InviteRequest { invitations })
        .await
        .unwrap();
    let seats = p.admin.org(&p.org).await.unwrap().subscription;
    assert_eq!(seats.seats_used, seats.seat_limit, "every seat is taken");

    let told = confirm(&mut sheet, Act::Reactivate).await;
    assert!(told.is_empty(), "nothing changed");
    {
        let mut ui = simulator(sheet.view());
        ui.find("All seats of the plan are in use. Free a seat or buy more first.")
            .expect("seat_limit_reached, in words");
        ui.find("Reactivate").expect("still suspended in the sheet");
    }
    assert_eq!(
        p.admin.member(&p.org, ben.id).await.unwrap().status,
        MembershipStatus::Suspended
    );
}
