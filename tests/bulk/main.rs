//! The bulk group edit dialog: each step headless, fed its messages and read
//! and clicked through the simulator without a server (`steps`, `csv`), and
//! end to end against the real platform (`e2e`).

#[path = "../support/mod.rs"]
mod support;

mod cancel;
mod csv;
mod e2e;
mod expiry;
mod steps;

use iced_test::simulator;
use orgdesk::screen::bulk::{self, Action, Bulk, CheckedFile, Directory, Message, Mode, Person};
use orgdesk_api::{
    BulkChange, BulkResult, Group, GroupMembership, GroupRef, Member, MembershipDiff,
    MembershipStatus, PermissionImpact, PermissionInfo, Problem,
};
use orgdesk_client::{ApiError, Client, Error};
use time::OffsetDateTime;
use uuid::Uuid;

use support::{english as english_async, english_blocking as english};

pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub const SALES: u128 = 100;
pub const AUDITORS: u128 = 101;
pub const USER: u128 = 102;

pub fn group(n: u128, name: &str, builtin: bool, permissions: &[&str], members: u64) -> Group {
    Group {
        id: id(n),
        name: name.into(),
        description: String::new(),
        builtin,
        product: None,
        permissions: permissions.iter().map(|p| (*p).to_string()).collect(),
        member_count: members,
        version: 1,
        created_at: OffsetDateTime::UNIX_EPOCH,
    }
}

pub fn directory() -> Directory {
    let info = |key: &str, description: &str| PermissionInfo {
        key: key.into(),
        product: "crm".into(),
        description: description.into(),
    };
    Directory {
        groups: vec![
            group(USER, "User", true, &["org.members.read"], 40),
            group(SALES, "Sales Team", false, &["crm.deals.write"], 12),
            group(AUDITORS, "Auditors", false, &["org.audit.read"], 0),
        ],
        permissions: vec![
            info("org.members.read", "View members"),
            info("org.audit.read", "Read the audit log"),
            info("crm.deals.write", "Create, move and close deals"),
        ],
        held: None,
    }
}

pub fn member(n: u128, name: &str) -> Member {
    Member {
        group_expiry: Vec::new(),
        id: id(n),
        name: name.into(),
        email: format!("{}@example.com", name.to_lowercase()),
        status: MembershipStatus::Active,
        groups: vec![GroupRef {
            id: id(USER),
            name: "User".into(),
        }],
        joined_at: OffsetDateTime::UNIX_EPOCH,
        last_login_at: None,
        suspended_at: None,
        updated_at: OffsetDateTime::UNIX_EPOCH,
        managed: false,
    }
}

pub fn client() -> Client {
    Client::new("http://127.0.0.1:9").expect("client")
}

/// A dialog adding Ann, Bob and Cy to groups, its groups loaded.
pub fn adding() -> Bulk {
    let members = vec![member(1, "Ann"), member(2, "Bob"), member(3, "Cy")];
    let (mut dialog, _load) = Bulk::for_members(client(), "acme".into(), members, Mode::Add);
    assert!(matches!(
        dialog.update(Message::Loaded(Ok(directory()))),
        Action::None
    ));
    dialog
}

pub fn refusal(status: u16, code: &str, detail: &str) -> Error {
    Error::Api(Box::new(ApiError {
        status,
        problem: Problem {
            kind: "about:blank".into(),
            title: code.into(),
            status,
            detail: Some(detail.into()),
            code: code.into(),
            ..Default::default()
        },
        retry_after: None,
    }))
}

/// A `permission_escalation` as the platform answers it: the group concerned
/// and the permissions missing, beside the detail in English.
pub fn escalation(detail: &str, group: Option<orgdesk_api::GroupRef>, missing: &[&str]) -> Error {
    Error::Api(Box::new(ApiError {
        status: 403,
        problem: Problem {
            kind: "urn:orgdesk:problem:permission_escalation".into(),
            title: "Forbidden".into(),
            status: 403,
            detail: Some(detail.into()),
            code: "permission_escalation".into(),
            group,
            missing: missing.iter().map(|m| (*m).to_string()).collect(),
            ..Default::default()
        },
        retry_after: None,
    }))
}

/// What the server answers a dry run adding Ann and Bob to Sales Team (Cy in it already).
pub fn sales_result(dry_run: bool) -> BulkResult {
    let add = |n| GroupMembership {
        group: id(SALES),
        account: id(n),
    };
    BulkResult {
        dry_run,
        diff: MembershipDiff {
            expiry_changed: Vec::new(),
            added: vec![add(1), add(2)],
            removed: vec![],
            unchanged: 1,
        },
        impact: vec![
            PermissionImpact {
                account: id(1),
                gained: vec!["crm.deals.write".into()],
                lost: vec![],
                suspended: false,
            },
            PermissionImpact {
                account: id(2),
                gained: vec!["crm.deals.write".into()],
                lost: vec![],
                suspended: true,
            },
        ],
    }
}

/// The dialog showing the preview of adding the three to Sales Team.
pub fn previewing() -> Bulk {
    let mut dialog = adding();
    let _ = dialog.update(Message::Toggle(id(SALES), true));
    assert!(matches!(dialog.update(Message::Preview), Action::Run(_)));
    assert!(dialog.busy());
    let _ = dialog.update(Message::Previewed {
        tag: dialog.pending().expect("a request on its way"),
        result: Ok(Box::new(sales_result(true))),
    });
    dialog
}
