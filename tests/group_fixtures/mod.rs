//! Fixtures of the Groups screen's tests: an organization's permissions,
//! groups and matrix without a server, and the language lock.
#![allow(dead_code)]

use std::collections::BTreeMap;

use orgdesk::screen::groups::{self, Groups, Message, Overview, Permissions, matrix};
use orgdesk_api::{Group, MatrixGroup, PermissionInfo, PermissionMatrix, Problem};
use orgdesk_client::{ApiError, Client, Error};
use time::OffsetDateTime;
use uuid::Uuid;

#[allow(unused_imports)] // groups.rs reads words synchronously; groups_e2e.rs does not
pub use crate::support::english_blocking as english;

pub const ADMIN: Uuid = Uuid::from_u128(1);
pub const USER: Uuid = Uuid::from_u128(2);
pub const SALES: Uuid = Uuid::from_u128(3);
pub const FIELD: Uuid = Uuid::from_u128(4);

pub fn info(key: &str, product: &str, description: &str) -> PermissionInfo {
    PermissionInfo {
        key: key.into(),
        product: product.into(),
        description: description.into(),
    }
}

pub fn catalogue() -> Vec<PermissionInfo> {
    vec![
        info("org.groups.read", "platform", "View groups"),
        info("org.groups.manage", "platform", "Manage groups"),
        info("org.billing.manage", "platform", "Manage billing"),
        info("crm.deals.read", "crm", "View deals and the pipeline"),
        info("crm.deals.write", "crm", "Create, move and close deals"),
        info("crm.reports.read", "crm", "View sales reports"),
    ]
}

/// An admin holding everything but billing.
pub fn permissions() -> Permissions {
    Permissions {
        all: catalogue(),
        held: [
            "org.groups.read",
            "org.groups.manage",
            "crm.deals.read",
            "crm.deals.write",
            "crm.reports.read",
        ]
        .map(String::from)
        .into(),
        products: BTreeMap::from([("crm".to_string(), "CRM".to_string())]),
    }
}

pub fn group(
    id: Uuid,
    name: &str,
    builtin: bool,
    product: Option<&str>,
    members: u64,
    perms: &[&str],
) -> Group {
    Group {
        id,
        name: name.into(),
        description: format!("What {name} is for"),
        builtin,
        product: product.map(String::from),
        permissions: perms.iter().map(|p| p.to_string()).collect(),
        member_count: members,
        version: 1,
        created_at: OffsetDateTime::UNIX_EPOCH,
    }
}

pub fn fixture_groups() -> Vec<Group> {
    vec![
        group(
            ADMIN,
            "Admin",
            true,
            None,
            3,
            &[
                "org.groups.read",
                "org.groups.manage",
                "org.billing.manage",
                "crm.deals.read",
                "crm.deals.write",
                "crm.reports.read",
            ],
        ),
        group(
            USER,
            "User",
            true,
            None,
            40,
            &["org.groups.read", "crm.deals.read"],
        ),
        group(
            SALES,
            "Sales Team",
            false,
            Some("crm"),
            9,
            &["crm.deals.read", "crm.deals.write"],
        ),
        group(FIELD, "Field Sales", false, None, 12, &["crm.deals.read"]),
    ]
}

pub fn offline() -> Client {
    Client::new("http://127.0.0.1:9").expect("client")
}

/// A Groups screen fed its overview, without a server.
pub fn screen() -> Groups {
    let (mut screen, _task) = Groups::new(offline(), "acme".into());
    let _ = screen.update(Message::Loaded {
        tag: screen.pending().expect("the overview is asked for"),
        result: Ok(Box::new(Overview {
            groups: fixture_groups(),
            permissions: permissions(),
        })),
    });
    screen
}

pub fn matrix_of(groups: &[Group]) -> PermissionMatrix {
    let permissions = catalogue();
    PermissionMatrix {
        groups: groups
            .iter()
            .map(|g| MatrixGroup {
                id: g.id,
                name: g.name.clone(),
                builtin: g.builtin,
                product: g.product.clone(),
                version: g.version,
                granted: permissions
                    .iter()
                    .map(|p| g.permissions.contains(&p.key))
                    .collect(),
            })
            .collect(),
        permissions,
    }
}

pub fn column(key: &str) -> usize {
    catalogue()
        .iter()
        .position(|p| p.key == key)
        .expect("column")
}

pub fn api_error(status: u16, code: &str, detail: &str) -> Error {
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

/// A screen on its matrix tab, fed the fixture matrix.
pub fn matrix_screen() -> Groups {
    let mut screen = screen();
    let _ = screen.update(Message::ShowTab(groups::Tab::Matrix));
    let _ = screen.update(Message::Matrix(matrix::Message::Loaded(Ok(matrix_of(
        &fixture_groups(),
    )))));
    screen
}

/// A matrix larger than the window: `groups` groups × 6 + 12 permissions.
pub fn big_matrix(groups: u128) -> PermissionMatrix {
    let mut permissions = catalogue();
    permissions.extend((0..12).map(|i| {
        info(
            &format!("helpdesk.feature{i}.use"),
            "helpdesk",
            &format!("Use feature {i}"),
        )
    }));
    let groups = (0..groups)
        .map(|i| MatrixGroup {
            id: Uuid::from_u128(1000 + i),
            name: format!("Group {i:03}"),
            builtin: false,
            product: None,
            version: 1,
            granted: permissions.iter().map(|_| i % 2 == 0).collect(),
        })
        .collect();
    PermissionMatrix {
        permissions,
        groups,
    }
}
