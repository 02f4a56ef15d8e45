//! My Profile → Organizations: leaving one, behind a confirmation that says
//! what happens — headless, then end to end (a member leaves for real; the
//! last admin is refused in words and stays).

use orgdesk::screen::profile::{self, Tab, organizations};
use orgdesk_api::{GroupRef, MembershipStatus, MyOrganization, OrgStatus, codes};
use uuid::Uuid;

use crate::fixtures::*;
use crate::support;

fn acme() -> MyOrganization {
    MyOrganization {
        id: Uuid::now_v7(),
        name: "Acme".into(),
        subdomain: "acme".into(),
        status: OrgStatus::Active,
        membership_status: MembershipStatus::Active,
        groups: vec![GroupRef {
            id: Uuid::now_v7(),
            name: "User".into(),
        }],
    }
}

fn orgs(message: organizations::Message) -> profile::Message {
    profile::Message::Organizations(message)
}

#[test]
fn leaving_is_asked_first_and_says_what_it_ends() {
    let _words = english();
    let mut screen = profile_with(dana());
    let acme = acme();
    let _ = screen.update(orgs(organizations::Message::Loaded(Ok(vec![acme.clone()]))));
    screen.show(Tab::Organizations);

    // The card offers Leave; pressing it only asks.
    let messages = clicked(tall(screen.view()), "Leave");
    assert!(
        matches!(messages.as_slice(), [profile::Message::Organizations(organizations::Message::Leave(id))] if *id == acme.id),
        "{messages:?}"
    );
    assert!(matches!(
        screen.update(messages[0].clone()),
        profile::Action::None
    ));
    {
        let mut ui = tall(screen.view());
        ui.find("Leave Acme?")
            .expect("the question names the organization");
        ui.find(
            "You lose your groups and every permission in Acme, and your sessions stop working there. \
             Your account and your other organizations stay. To come back, an administrator of Acme \
             has to add or invite you again.",
        )
        .expect("what leaving ends");
    }
    // Esc closes the question, and nothing was sent.
    assert!(screen.escape());
    assert!(tall(screen.view()).find("Leave Acme?").is_err());

    // Confirmed: it goes to the platform once.
    let _ = screen.update(orgs(organizations::Message::Leave(acme.id)));
    assert!(matches!(
        screen.update(orgs(organizations::Message::Confirm)),
        profile::Action::Run(_)
    ));
    assert!(
        matches!(
            screen.update(orgs(organizations::Message::Confirm)),
            profile::Action::None
        ),
        "sent once"
    );

    // The platform refuses the last admin: said in words, the card stays.
    let refused = screen.update(orgs(organizations::Message::Left(
        acme.id,
        Err(refusal(409, codes::LAST_ADMIN, "last admin", Vec::new())),
    )));
    assert!(matches!(refused, profile::Action::None));
    {
        let mut ui = tall(screen.view());
        ui.find(
            "You cannot leave Acme: you are the last person who can manage its groups. \
             Give another member that permission first.",
        )
        .expect("the refusal in words");
        assert!(ui.find("Leave Acme?").is_err(), "the question closed");
    }

    // Accepted: the card goes and the shell hears which organization was left.
    let _ = screen.update(orgs(organizations::Message::Leave(acme.id)));
    let _ = screen.update(orgs(organizations::Message::Confirm));
    let left = screen.update(orgs(organizations::Message::Left(acme.id, Ok(()))));
    assert!(matches!(left, profile::Action::Left(id) if id == acme.id));
    let mut ui = tall(screen.view());
    ui.find("You left Acme.").expect("done, in words");
}

#[test]
fn leaving_in_german() {
    let _words = german();
    let mut screen = profile_with(dana());
    let acme = acme();
    let _ = screen.update(orgs(organizations::Message::Loaded(Ok(vec![acme.clone()]))));
    screen.show(Tab::Organizations);
    let _ = screen.update(orgs(organizations::Message::Leave(acme.id)));
    let mut ui = tall(screen.view());
    ui.find("Acme verlassen?").expect("the question in German");
}

#[tokio::test(flavor = "multi_thread")]
async fn end_to_end_a_member_leaves_and_the_last_admin_cannot() {
    let _words = english_async().await;
    // A free seat for the outsider.
    let p = support::Platform::start(2).await;
    let outsider = p.outsider("olga@outside.example", "Olga Outside").await;
    let org_id: Uuid = p.org.parse().unwrap();

    // Olga leaves through her profile.
    let mut screen = opened(outsider.clone()).await;
    screen.show(Tab::Organizations);
    tall(screen.view())
        .find(orgdesk_server::demo::ORG_NAME)
        .expect("her organization is listed");
    let _ = screen.update(orgs(organizations::Message::Leave(org_id)));
    let action = screen.update(orgs(organizations::Message::Confirm));
    let told = settle(&mut screen, action).await;
    assert!(
        matches!(told.as_slice(), [profile::Action::Left(id)] if *id == org_id),
        "the shell hears it"
    );
    assert!(
        outsider.my_organizations().await.unwrap().is_empty(),
        "the platform has her out"
    );
    let refused = outsider
        .members(&p.org, &Default::default())
        .await
        .expect_err("no longer a member");
    assert_eq!(
        refused.code(),
        Some(codes::NOT_FOUND),
        "an organization she is not in is not even found"
    );
    let still = p.admin.members(&p.org, &Default::default()).await.unwrap();
    assert!(
        still
            .items
            .iter()
            .all(|m| m.email != "olga@outside.example")
    );

    // The demo admin, once the only one who manages groups: refused, still in.
    let admins = p
        .admin
        .groups(&p.org)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.name == "Admin")
        .expect("the Admin group");
    let me = p.admin.me().await.unwrap().id;
    let co_admins: Vec<Uuid> = p
        .admin
        .group_members(&p.org, admins.id, Some(100), None)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|m| m.id)
        .filter(|id| *id != me)
        .collect();
    if !co_admins.is_empty() {
        p.admin
            .remove_group_members(
                &p.org,
                admins.id,
                &orgdesk_api::AccountList {
                    accounts: co_admins,
                },
            )
            .await
            .expect("the co-admins step down");
    }
    let mut screen = opened(p.admin.clone()).await;
    screen.show(Tab::Organizations);
    let _ = screen.update(orgs(organizations::Message::Leave(org_id)));
    let action = screen.update(orgs(organizations::Message::Confirm));
    let told = settle(&mut screen, action).await;
    assert!(told.is_empty(), "nothing left");
    tall(screen.view())
        .find(format!(
            "You cannot leave {}: you are the last person who can manage its groups. \
             Give another member that permission first.",
            orgdesk_server::demo::ORG_NAME
        ))
        .expect("the refusal in words");
    assert_eq!(p.admin.my_organizations().await.unwrap().len(), 1);
}
