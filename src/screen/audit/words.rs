//! Audit entries in words: what an action is called, who the target is, and
//! what the entry's `detail` says, instead of codes, ids and JSON.

use std::collections::HashMap;

use orgdesk_api::AuditEntry;
use serde_json::Value;
use uuid::Uuid;

use crate::fl;
use orgdesk_api::actions;

/// Names learnt along the way, to show people and groups rather than ids.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub members: HashMap<Uuid, String>,
    pub groups: HashMap<Uuid, String>,
}

impl Names {
    /// What the entries themselves tell: the actors' addresses, the invitees'.
    pub fn learn(&mut self, entries: &[AuditEntry]) {
        for entry in entries {
            if let (Some(id), Some(email)) = (entry.actor, &entry.actor_email) {
                self.members.entry(id).or_insert_with(|| email.clone());
            }
            if entry.target_type.as_deref() == Some("member")
                && let (Some(id), Some(email)) = (target_uuid(entry), text_of(entry, "email"))
            {
                self.members.entry(id).or_insert(email);
            }
            if entry.target_type.as_deref() == Some("group")
                && let (Some(id), Some(name)) = (target_uuid(entry), text_of(entry, "name"))
            {
                self.groups.entry(id).or_insert(name);
            }
        }
    }

    fn group(&self, id: &Uuid) -> String {
        self.groups.get(id).cloned().unwrap_or_else(|| short_id(id))
    }
}

/// Every action the platform records (named once, in `orgdesk_api::actions`).
pub const ACTIONS: [&str; actions::ALL.len()] = actions::ALL;

/// An action's name in words; an action this console does not know shows as recorded.
pub fn action(action: &str) -> String {
    match action {
        actions::INVITATION_CREATE => fl!("audit-action-invitation-create"),
        actions::INVITATION_RESEND => fl!("audit-action-invitation-resend"),
        actions::INVITATION_REVOKE => fl!("audit-action-invitation-revoke"),
        actions::INVITATION_ACCEPT => fl!("audit-action-invitation-accept"),
        actions::MEMBER_ADD => fl!("audit-action-member-add"),
        actions::MEMBER_AUTO_JOIN => fl!("audit-action-member-auto-join"),
        actions::MEMBER_LEAVE => fl!("audit-action-member-leave"),
        actions::MEMBER_SUSPEND => fl!("audit-action-member-suspend"),
        actions::MEMBER_REACTIVATE => fl!("audit-action-member-reactivate"),
        actions::MEMBER_FORCE_PASSWORD_RESET => fl!("audit-action-member-force-password-reset"),
        actions::MEMBER_SIGN_OUT => fl!("audit-action-member-sign-out"),
        actions::GROUP_CREATE => fl!("audit-action-group-create"),
        actions::GROUP_UPDATE => fl!("audit-action-group-update"),
        actions::GROUP_DELETE => fl!("audit-action-group-delete"),
        actions::GROUP_MEMBERS_CHANGE => fl!("audit-action-group-members-change"),
        actions::GROUP_MEMBERS_EXPIRE => fl!("audit-action-group-members-expire"),
        actions::GROUP_MANAGERS_CHANGE => fl!("audit-action-group-managers-change"),
        actions::SNAPSHOT_CREATE => fl!("audit-action-snapshot-create"),
        actions::REVIEW_CREATE => fl!("audit-action-review-create"),
        actions::REVIEW_DECIDE => fl!("audit-action-review-decide"),
        actions::REVIEW_COMPLETE => fl!("audit-action-review-complete"),
        actions::DOMAIN_CLAIM => fl!("audit-action-domain-claim"),
        actions::DOMAIN_VERIFY => fl!("audit-action-domain-verify"),
        actions::DOMAIN_DELETE => fl!("audit-action-domain-delete"),
        actions::ORG_CREATE => fl!("audit-action-org-create"),
        actions::ORG_UPDATE => fl!("audit-action-org-update"),
        actions::ORG_PAID => fl!("audit-action-org-paid"),
        "invitation." => fl!("audit-actions-invitations"),
        "member." => fl!("audit-actions-members"),
        "group." => fl!("audit-actions-groups"),
        "domain." => fl!("audit-actions-domains"),
        "org." => fl!("audit-actions-org"),
        other => other.to_string(),
    }
}

pub fn actor(entry: &AuditEntry) -> String {
    match (&entry.actor_email, entry.actor) {
        (Some(email), _) => email.clone(),
        (None, Some(id)) => short_id(&id),
        (None, None) => fl!("audit-actor-platform"),
    }
}

pub fn target(entry: &AuditEntry, names: &Names) -> String {
    let id = entry.target_id.clone().unwrap_or_default();
    match entry.target_type.as_deref() {
        Some("member") => target_uuid(entry)
            .and_then(|id| names.members.get(&id).cloned())
            .unwrap_or_else(|| shorten(&id)),
        Some("group") => fl!(
            "audit-target-group",
            name = target_uuid(entry).map_or_else(|| shorten(&id), |g| names.group(&g))
        ),
        Some("invitation") => match text_of(entry, "email") {
            Some(email) => fl!("audit-target-invitation", email = email),
            None => fl!("audit-target-invitation", email = shorten(&id)),
        },
        Some("organization") => fl!("audit-target-org"),
        Some(other) => format!("{other} {}", shorten(&id)),
        None => String::new(),
    }
}

/// What the entry's detail says, in a sentence.
pub fn details(entry: &AuditEntry, names: &Names) -> String {
    let detail = &entry.detail;
    let email = || text_of(entry, "email").unwrap_or_default();
    let groups = || {
        let ids = uuids(detail.get("groups"));
        if ids.is_empty() {
            fl!("audit-detail-default-group")
        } else {
            ids.iter()
                .map(|g| names.group(g))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    match entry.action.as_str() {
        actions::INVITATION_CREATE => {
            fl!("audit-detail-invited", email = email(), groups = groups())
        }
        actions::MEMBER_ADD => fl!("audit-detail-added", email = email(), groups = groups()),
        actions::MEMBER_AUTO_JOIN => fl!(
            "audit-detail-auto-joined",
            email = email(),
            domain = text_of(entry, "domain").unwrap_or_default()
        ),
        actions::MEMBER_SIGN_OUT => fl!(
            "audit-detail-signed-out",
            count = detail.get("sessions").and_then(Value::as_u64).unwrap_or(0)
        ),
        actions::DOMAIN_CLAIM | actions::DOMAIN_VERIFY | actions::DOMAIN_DELETE => {
            text_of(entry, "domain").unwrap_or_default()
        }
        actions::INVITATION_RESEND | actions::INVITATION_REVOKE => email(),
        actions::INVITATION_ACCEPT if detail.get("taken_over") == Some(&Value::Bool(true)) => {
            fl!("audit-detail-accepted-taken-over", email = email())
        }
        actions::INVITATION_ACCEPT if detail.get("new_account") == Some(&Value::Bool(true)) => {
            fl!("audit-detail-accepted-new", email = email())
        }
        actions::INVITATION_ACCEPT => fl!("audit-detail-accepted-existing", email = email()),
        actions::GROUP_CREATE => fl!(
            "audit-detail-group-created",
            name = text_of(entry, "name").unwrap_or_default(),
            count = list_len(detail.get("permissions"))
        ),
        actions::GROUP_DELETE => fl!(
            "audit-detail-group-deleted",
            name = text_of(entry, "name").unwrap_or_default()
        ),
        actions::GROUP_UPDATE => group_update(detail),
        actions::GROUP_MEMBERS_CHANGE => fl!(
            "audit-detail-members-changed",
            added = list_len(detail.get("added")),
            removed = list_len(detail.get("removed"))
        ),
        actions::ORG_CREATE => fl!(
            "audit-detail-org-created",
            name = text_of(entry, "name").unwrap_or_default(),
            subdomain = text_of(entry, "subdomain").unwrap_or_default()
        ),
        actions::ORG_UPDATE => fl!("audit-detail-changed", fields = org_fields(detail)),
        actions::ORG_PAID => paid(detail),
        _ => plain(detail),
    }
}

/// A group's change: its new name, a new description, the permissions
/// added and removed (entries of older platforms list the whole new set).
fn group_update(detail: &Value) -> String {
    let mut parts = Vec::new();
    if let Some(name) = detail.get("name").and_then(Value::as_str) {
        parts.push(fl!("audit-detail-renamed", name = name.to_string()));
    }
    if detail.get("description").is_some()
        || detail.get("description_changed") == Some(&Value::Bool(true))
    {
        parts.push(fl!("audit-detail-description"));
    }
    for (key, message) in [
        ("permissions", "audit-detail-permissions"),
        ("permissions_added", "audit-detail-permissions-added"),
        ("permissions_removed", "audit-detail-permissions-removed"),
    ] {
        let Some(permissions) = detail.get(key).and_then(Value::as_array) else {
            continue;
        };
        let keys: Vec<&str> = permissions.iter().filter_map(Value::as_str).collect();
        if keys.is_empty() && key != "permissions" {
            continue;
        }
        let mut list = keys.iter().take(4).copied().collect::<Vec<_>>().join(", ");
        if keys.len() > 4 {
            list = fl!(
                "audit-detail-and-more",
                list = list,
                more = keys.len().saturating_sub(4)
            );
        }
        parts.push(match message {
            "audit-detail-permissions-added" => {
                fl!(
                    "audit-detail-permissions-added",
                    count = keys.len(),
                    list = list
                )
            }
            "audit-detail-permissions-removed" => {
                fl!(
                    "audit-detail-permissions-removed",
                    count = keys.len(),
                    list = list
                )
            }
            _ => fl!("audit-detail-permissions", count = keys.len(), list = list),
        });
    }
    parts.join("; ")
}

/// An organization's change names its fields (`changed`); older entries
/// carried the changed values themselves.
fn org_fields(detail: &Value) -> String {
    match detail.get("changed").and_then(Value::as_array) {
        Some(fields) => fields
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        None => field_names(detail),
    }
}

fn paid(detail: &Value) -> String {
    let cents = detail
        .get("amount_cents")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let currency = detail
        .get("currency")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_uppercase();
    let amount = format!("{}.{:02}", cents / 100, (cents % 100).abs());
    fl!("audit-detail-paid", amount = amount, currency = currency)
}

fn field_names(detail: &Value) -> String {
    detail
        .as_object()
        .map(|fields| {
            fields
                .keys()
                .map(|k| k.replace('_', " "))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

/// An unknown action's detail as `key: value` pairs, not JSON.
fn plain(detail: &Value) -> String {
    match detail {
        Value::Object(fields) => fields
            .iter()
            .map(|(k, v)| match v {
                Value::String(s) => format!("{}: {s}", k.replace('_', " ")),
                other => format!("{}: {other}", k.replace('_', " ")),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn text_of(entry: &AuditEntry, key: &str) -> Option<String> {
    entry
        .detail
        .get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn list_len(value: Option<&Value>) -> usize {
    value.and_then(Value::as_array).map_or(0, Vec::len)
}

fn uuids(value: Option<&Value>) -> Vec<Uuid> {
    value
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(Value::as_str)
                .filter_map(|s| s.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

pub fn target_uuid(entry: &AuditEntry) -> Option<Uuid> {
    entry.target_id.as_deref().and_then(|id| id.parse().ok())
}

/// The end of an id: enough to tell entries apart at a glance (v7 ids made
/// close together share their beginning, the time).
pub fn short_id(id: &Uuid) -> String {
    shorten(&id.to_string())
}

fn shorten(id: &str) -> String {
    match id.char_indices().rev().nth(7) {
        Some((start, _)) if id.len() > 12 => format!("…{}", &id[start..]),
        _ => id.to_string(),
    }
}
