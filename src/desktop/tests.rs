//! The desktop layer's decisions, without a window: which links open, which
//! wait for a session, which are refused, and what Copy link makes.
//! (`tests/console/links.rs` drives the same through the console against a real
//! platform.)

use orgdesk_api::{MembershipStatus, MyOrganization, OrgStatus};
use orgdesk_client::Client;
use uuid::Uuid;

use super::*;

const MEMBER: Uuid = Uuid::from_u128(0x0190_f2a4_7b1c_7d3e_9f00_1234_5678_90ab);

fn org(subdomain: &str) -> MyOrganization {
    MyOrganization {
        id: Uuid::from_u128(subdomain.len() as u128),
        name: subdomain.to_uppercase(),
        subdomain: subdomain.into(),
        status: OrgStatus::Active,
        membership_status: MembershipStatus::Active,
        groups: Vec::new(),
    }
}

struct Session {
    client: Client,
    platform: String,
    local: bool,
    orgs: Vec<MyOrganization>,
    /// The organization in view: acme.
    current: String,
    offline: bool,
}

impl Session {
    fn at(platform: &str) -> Self {
        Self {
            client: Client::new("http://127.0.0.1:9").unwrap(),
            platform: platform.into(),
            local: false,
            orgs: vec![org("acme"), org("globex")],
            current: org("acme").id.to_string(),
            offline: false,
        }
    }

    fn context(&self) -> Context<'_> {
        Context {
            client: &self.client,
            platform: &self.platform,
            local: self.local,
            organizations: &self.orgs,
            current: Some(&self.current),
            offline: self.offline,
        }
    }
}

fn args(link: &str) -> Vec<String> {
    vec![link.to_owned()]
}

fn member_link(host: &str, org: &str) -> String {
    format!("orgdesk://{host}/orgs/{org}/members/{MEMBER}")
}

#[test]
fn a_link_waits_for_the_session_then_opens_its_organization() {
    let mut desktop = Desktop::new(None, &args(&member_link("platform.example", "globex")));
    assert!(desktop.pending().is_some());
    // Not signed in yet: nothing opens.
    assert!(matches!(
        desktop.update(Message::SessionReady, None),
        Action::None
    ));
    let session = Session::at("https://Platform.Example");
    match desktop.update(Message::SessionReady, Some(session.context())) {
        Action::Open { org, item, .. } => {
            assert_eq!(org.subdomain, "globex");
            assert_eq!(item, Item::Member(MEMBER));
        }
        _ => panic!("the member opens"),
    }
    assert!(desktop.pending().is_none());
    assert!(desktop.notice().is_none());
}

#[test]
fn links_the_session_cannot_open_are_said_and_dropped() {
    let session = Session::at("https://platform.example");
    for link in [
        member_link("other.example", "acme"),
        member_link("platform.example:8443", "acme"),
        member_link("local", "acme"),
        member_link("platform.example", "initech"),
    ] {
        let mut desktop = Desktop::default();
        let action = desktop.update(Message::Launched(args(&link)), Some(session.context()));
        assert!(matches!(action, Action::Run(_)), "{link}");
        assert!(desktop.notice().is_some(), "{link}");
        assert!(desktop.pending().is_none(), "{link}");
    }
    let mut desktop = Desktop::default();
    let _ = desktop.update(
        Message::Launched(args("orgdesk://platform.example/orgs/acme/invitations/1")),
        Some(session.context()),
    );
    assert!(desktop.notice().is_some());
}

#[test]
fn a_platform_on_this_computer_is_local_in_links() {
    let mut session = Session::at("http://127.0.0.1:40123");
    session.local = true;
    let mut desktop = Desktop::default();
    let action = desktop.update(
        Message::Launched(args(&member_link("local", "acme"))),
        Some(session.context()),
    );
    assert!(matches!(action, Action::Open { .. }));
}

#[test]
fn offline_only_members_open() {
    let mut session = Session::at("https://platform.example");
    session.offline = true;
    let mut desktop = Desktop::default();
    let entry = format!("orgdesk://platform.example/orgs/acme/audit/{MEMBER}");
    let action = desktop.update(Message::Launched(args(&entry)), Some(session.context()));
    assert!(matches!(action, Action::Run(_)));
    assert!(!desktop.showing_entry());
    assert!(desktop.notice().is_some());
    let action = desktop.update(
        Message::Launched(args(&member_link("platform.example", "acme"))),
        Some(session.context()),
    );
    assert!(matches!(action, Action::Open { .. }));
}

#[test]
fn copy_link_names_the_platform_and_the_organization_in_view() {
    let session = Session::at("https://platform.example");
    let mut desktop = Desktop::default();
    let action = desktop.update(
        Message::CopyLink(Item::Group(MEMBER)),
        Some(session.context()),
    );
    assert!(matches!(action, Action::Run(_)));
    let expected = format!("orgdesk://platform.example/orgs/acme/groups/{MEMBER}");
    assert!(desktop.notice().unwrap().contains(&expected));
    // Without a session there is nothing to link to.
    let mut desktop = Desktop::default();
    assert!(matches!(
        desktop.update(Message::CopyLink(Item::Member(MEMBER)), None),
        Action::None
    ));
    assert!(desktop.notice().is_none());
}

#[test]
fn a_crash_report_is_told_of_copied_and_dismissed() {
    let pending = crash::Pending {
        folder: "/tmp/logs".into(),
        reports: vec!["/tmp/logs/crash-1.seen.txt".into()],
        text: "Orgdesk 0.1.0 (commit abc)".into(),
    };
    let mut desktop = Desktop::new(Some(pending), &[]);
    assert!(desktop.crash().is_some());
    assert!(matches!(
        desktop.update(Message::CopyDiagnostics, None),
        Action::Run(_)
    ));
    assert!(desktop.notice().is_some());
    let _ = desktop.update(Message::DismissCrash, None);
    assert!(desktop.crash().is_none());
    assert!(matches!(
        desktop.update(Message::CopyDiagnostics, None),
        Action::None
    ));
}
