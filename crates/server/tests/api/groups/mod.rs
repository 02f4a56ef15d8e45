//! Groups and permissions: built-in and product groups, custom groups, the
//! escalation and last-admin rules, memberships, bulk changes, tenant
//! isolation, the permission matrix and effective permissions.

use std::collections::BTreeSet;

use orgdesk_api as api;
use orgdesk_client::Client;
use uuid::Uuid;

use crate::both;
use crate::common::*;

const CRM: &[(&str, &str)] = &[("crm", "crm-team")];
const CRM_HELPDESK: &[(&str, &str)] = &[("crm", "crm-team"), ("helpdesk", "helpdesk-pro")];

const PLATFORM: [&str; 13] = [
    "org.members.read",
    "org.members.invite",
    "org.members.suspend",
    "org.members.reset_password",
    "org.members.sessions.read",
    "org.groups.read",
    "org.groups.manage",
    "org.billing.manage",
    "org.settings.manage",
    "org.audit.read",
    "org.domains.manage",
    "org.members.contact.read",
    "org.reviews.manage",
];

const CRM_PERMISSIONS: [&str; 7] = [
    "crm.contacts.read",
    "crm.contacts.write",
    "crm.contacts.delete",
    "crm.deals.read",
    "crm.deals.write",
    "crm.reports.read",
    "crm.settings.manage",
];

/// Status and code of a failed call.
fn failure<T: std::fmt::Debug>(result: Result<T, orgdesk_client::Error>) -> (u16, String) {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => (
            e.status().unwrap_or(0),
            e.code().unwrap_or("none").to_string(),
        ),
    }
}

/// The per-field error codes of a failed call.
fn field_codes<T: std::fmt::Debug>(result: Result<T, orgdesk_client::Error>) -> Vec<String> {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e
            .problem()
            .map(|p| p.errors.iter().map(|f| f.code.clone()).collect())
            .unwrap_or_default(),
    }
}

fn set<S: AsRef<str>>(keys: &[S]) -> BTreeSet<String> {
    keys.iter().map(|k| k.as_ref().to_string()).collect()
}

fn strings(keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| (*k).to_string()).collect()
}

fn accounts(ids: &[Uuid]) -> api::AccountList {
    api::AccountList {
        accounts: ids.to_vec(),
    }
}

fn new_group(name: &str, permissions: &[&str]) -> api::CreateGroup {
    api::CreateGroup {
        name: name.into(),
        description: format!("{name} (test)"),
        permissions: strings(permissions),
    }
}

fn permissions_patch(permissions: &[&str]) -> api::UpdateGroup {
    api::UpdateGroup {
        permissions: Some(strings(permissions)),
        ..Default::default()
    }
}

fn change(group: Uuid, add: &[Uuid], remove: &[Uuid]) -> api::BulkChange {
    api::BulkChange {
        group,
        add: add.iter().map(|&a| a.into()).collect(),
        remove: remove.to_vec(),
    }
}

fn oid(org: &api::Organization) -> String {
    org.id.to_string()
}

/// Every member of a group, paging through the whole list.
async fn members_of(client: &Client, org: &api::Organization, group: Uuid) -> BTreeSet<Uuid> {
    let mut all = BTreeSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = client
            .group_members(&oid(org), group, Some(500), cursor.as_deref())
            .await
            .expect("group members");
        all.extend(page.items.iter().map(|m| m.id));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return all,
        }
    }
}

async fn group_by_id(client: &Client, org: &api::Organization, id: Uuid) -> api::Group {
    client.group(&oid(org), id).await.expect("group")
}

async fn group_names(client: &Client, org: &api::Organization) -> BTreeSet<String> {
    client
        .groups(&oid(org))
        .await
        .expect("groups")
        .into_iter()
        .map(|g| g.name)
        .collect()
}

async fn my_keys(client: &Client, org: &api::Organization) -> BTreeSet<String> {
    client
        .my_permissions(&oid(org))
        .await
        .expect("my permissions")
        .into_iter()
        .map(|p| p.permission)
        .collect()
}

/// Sets a membership's status with SQL (no suspension route yet).
async fn set_status(ts: &TestServer, org: Uuid, account: Uuid, status: &str) {
    let mut tx = ts.server.state.db.begin().await.expect("tx");
    let done =
        sqlx::query("UPDATE memberships SET status = $1 WHERE org_id = $2 AND account_id = $3")
            .bind(status)
            .bind(org.to_string())
            .bind(account.to_string())
            .execute(&mut *tx)
            .await
            .expect("update status");
    assert_eq!(done.rows_affected(), 1);
    tx.commit().await.expect("commit");
}

mod bulk_impact;
mod editing;
mod isolation_and_matrix;
mod kept_callers;
mod members_and_admins;
mod permission_keys;
