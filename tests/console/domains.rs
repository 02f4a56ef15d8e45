//! The Organization section's Domains panel end to end: the platform asks a
//! real DNS server in this process (the server tests' own, shared by path)
//! for the TXT record the panel shows. Claim, a Verify before the record is
//! published (refused, saying what was found), a Verify after, giving the
//! domain up behind a confirmation; a member without the permission is told
//! so instead of a list.

use std::sync::Arc;

use iced_test::Simulator;
use iced_test::core::Settings;
use orgdesk::app::{Console, Message, Page, Section};
use orgdesk::credentials::MemoryVault;
use orgdesk::screen::domains;
use orgdesk_api::DomainStatus;

use super::{admin_console, env, send, settle, sign_in};
use crate::support::{PASSWORD, Platform};

#[path = "../../crates/server/tests/api/tenancy/dns.rs"]
mod dns;

async fn panel(console: &mut Console, message: domains::Message) {
    send(console, Message::Domains(message)).await;
}

/// Whether the console, in a window tall enough for the whole section, shows `needle`.
fn shows(console: &Console, needle: &str) -> bool {
    let size = iced::Size::new(1400.0, 2400.0);
    Simulator::with_size(Settings::default(), size, console.view())
        .find(crate::support::text_containing(needle))
        .is_ok()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_domain_is_claimed_published_verified_and_given_up() {
    let _words = crate::support::english().await;
    let dns = dns::DnsServer::start().await;
    let resolver = dns.addr;
    let p = Platform::start_with(3, move |config| config.dns_resolver = Some(resolver)).await;
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let mut console = admin_console(&p, folder.path(), &vault).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Organization)),
    )
    .await;
    assert!(shows(&console, "Verified domains"), "the panel is there");
    // The demo's own verified domain is listed as verified.
    assert!(shows(&console, orgdesk_server::demo::MEMBER_DOMAIN));

    // Claim: the record to publish shows, with its name and value.
    panel(
        &mut console,
        domains::Message::DraftChanged("Corp-Example.COM".into()),
    )
    .await;
    panel(&mut console, domains::Message::Claim).await;
    let claimed = p
        .admin
        .domains(&p.org)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.domain == "corp-example.com")
        .expect("the platform has the claim");
    assert_eq!(claimed.status, DomainStatus::Pending);
    assert!(shows(
        &console,
        "corp-example.com is claimed. Publish the TXT record below, then press Verify."
    ));
    assert!(shows(&console, &claimed.txt_name), "the record's name");
    assert!(shows(&console, &claimed.txt_value), "the record's value");
    assert!(shows(&console, "Waiting for its TXT record"));

    // Verify before publishing: refused, saying what was found.
    dns.set_txt(&claimed.txt_name, &["somebody-else"]).await;
    panel(&mut console, domains::Message::Verify(claimed.id)).await;
    assert!(shows(&console, "corp-example.com is not verified yet:"));
    assert_eq!(
        p.admin
            .domains(&p.org)
            .await
            .unwrap()
            .iter()
            .find(|d| d.id == claimed.id)
            .unwrap()
            .status,
        DomainStatus::Pending,
        "nothing changed"
    );

    // Published: verified.
    dns.set_txt(&claimed.txt_name, &[claimed.txt_value.as_str()])
        .await;
    panel(&mut console, domains::Message::Verify(claimed.id)).await;
    assert!(shows(
        &console,
        "corp-example.com is verified: its accounts are managed by this organization now."
    ));
    let verified = p.admin.domains(&p.org).await.unwrap();
    assert_eq!(
        verified.iter().find(|d| d.id == claimed.id).unwrap().status,
        DomainStatus::Verified
    );

    // Giving it up is asked first; Cancel keeps it, Confirm removes it.
    panel(&mut console, domains::Message::Remove(claimed.id)).await;
    assert!(shows(&console, "Give up corp-example.com?"));
    panel(&mut console, domains::Message::Cancel).await;
    assert!(!shows(&console, "Give up corp-example.com?"));
    assert_eq!(p.admin.domains(&p.org).await.unwrap().len(), 2);
    panel(&mut console, domains::Message::Remove(claimed.id)).await;
    panel(&mut console, domains::Message::Confirm).await;
    assert!(shows(&console, "corp-example.com was given up."));
    let left = p.admin.domains(&p.org).await.unwrap();
    assert!(left.iter().all(|d| d.id != claimed.id), "{left:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_member_without_the_permission_is_told_so() {
    let _words = crate::support::english().await;
    let p = Platform::start(8).await;
    let member = p
        .admin
        .members(&p.org, &orgdesk_api::MemberQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|m| {
            m.status == orgdesk_api::MembershipStatus::Active
                && m.groups.len() == 1
                && m.groups[0].name == "User"
        })
        .expect("an active member only in User");
    let folder = tempfile::tempdir().unwrap();
    let vault = Arc::new(MemoryVault::default());
    let (mut console, task) = Console::with_env(env(folder.path(), &vault));
    settle(&mut console, task).await;
    sign_in(&mut console, &p.local.url, &member.email, PASSWORD).await;
    send(
        &mut console,
        Message::Navigate(Page::Section(Section::Organization)),
    )
    .await;
    assert!(shows(
        &console,
        "Managing domains needs the permission org.domains.manage (Admin holds it)."
    ));
    assert!(!shows(&console, "Claim domain"));
}
