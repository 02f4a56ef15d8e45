//! The tenant boundary in the member sheet, against a real platform: a
//! member whose account the organization does not manage (her email is
//! outside its verified domain) shows as such, her contact details are
//! withheld, and the sheet offers "Sign out of this organization" instead
//! of a forced password reset — which signs her out here and nowhere else.
//! A member of the demo's verified domain is managed: the reset is offered.

use iced_test::simulator;
use orgdesk::screen::member::{Act, Action, Message, Tab};
use orgdesk_api::{Member, MemberQuery, codes};

use super::e2e::{confirm, open};
use super::support::{self, Platform};

async fn row_of(p: &Platform, email: &str) -> Member {
    p.admin
        .members(
            &p.org,
            &MemberQuery {
                q: Some(email.into()),
                ..MemberQuery::default()
            },
        )
        .await
        .expect("members")
        .items
        .into_iter()
        .find(|m| m.email == email)
        .expect("the member is listed")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_member_the_organization_does_not_manage_is_signed_out_of_it_only() {
    let _words = support::english().await;
    // A free seat for the outsider.
    let p = Platform::start(2).await;
    let olga = p.outsider("olga@outside.example", "Olga Outside").await;
    // Her session is used here, and the platform knows it.
    olga.members(&p.org, &MemberQuery::default())
        .await
        .expect("a member reads members");
    let row = row_of(&p, "olga@outside.example").await;
    assert!(!row.managed, "outside the demo's verified domain");

    let mut sheet = open(&p.admin, &p.org, &row).await;
    assert!(!sheet.managed());
    {
        let mut ui = simulator(sheet.view());
        ui.find("Not managed by this organization: you see only what happens here")
            .expect("the General tab says whose account it is");
        ui.find("Sign out of this organization")
            .expect("the action that applies");
        assert!(
            ui.find("Force password reset").is_err(),
            "only the managing organization reaches the password"
        );
    }
    let profile = sheet
        .details()
        .and_then(|d| d.profile.ready())
        .expect("profile")
        .clone();
    assert!(profile.contact_withheld);
    {
        let _ = sheet.update(Message::TabSelected(Tab::Contact));
        let mut ui = simulator(sheet.view());
        ui.find(
            "Phone, address, job title and department are shown only to the organization \
             that manages this account.",
        )
        .expect("withheld, and why");
    }

    // The sign-out is asked first, then done: her sessions stop here…
    assert!(matches!(
        sheet.update(Message::Ask(Act::SignOut)),
        Action::None
    ));
    {
        let mut ui = simulator(sheet.view());
        ui.find("Sign Olga Outside out of this organization?")
            .expect("the question");
    }
    let _ = sheet.update(Message::CancelConfirm);
    let told = confirm(&mut sheet, Act::SignOut).await;
    assert!(
        told.iter()
            .any(|a| matches!(a, Action::MemberChanged(m) if m.id == row.id)),
        "the sheet re-read the member and told its parent"
    );
    {
        let mut ui = simulator(sheet.view());
        ui.find("Olga Outside was signed out of this organization.")
            .expect("done, in words");
    }
    let refused = olga
        .members(&p.org, &MemberQuery::default())
        .await
        .expect_err("signed out here");
    assert_eq!(refused.status(), Some(401));
    assert_eq!(refused.code(), Some(codes::SIGNED_OUT_OF_ORGANIZATION));
    // …and nowhere else: her account and its password are untouched.
    olga.me().await.expect("the platform session still works");
    p.sign_in("olga@outside.example").await;

    // A forced reset is refused by the platform too, even if asked for.
    let forced = p
        .admin
        .force_password_reset(&p.org, row.id)
        .await
        .expect_err("not managed");
    assert_eq!(forced.code(), Some(codes::ACCOUNT_NOT_MANAGED));
    assert_eq!(
        orgdesk::screen::describe(&forced),
        "Only the organization that manages this account (through its verified domain) can do \
         this. You can sign the member out of this organization instead."
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_managed_member_offers_the_forced_reset() {
    let _words = support::english().await;
    let p = Platform::start(4).await;
    let members = p
        .admin
        .members(&p.org, &MemberQuery::default())
        .await
        .unwrap()
        .items;
    let managed = members
        .iter()
        .find(|m| m.email != p.demo.admin_email)
        .expect("a demo member");
    assert!(managed.managed, "the demo verified its members' domain");
    let sheet = open(&p.admin, &p.org, managed).await;
    let mut ui = simulator(sheet.view());
    ui.find("Managed by this organization (its verified domain)")
        .expect("whose account it is");
    ui.find("Force password reset").expect("the reset applies");
    assert!(ui.find("Sign out of this organization").is_err());
}
