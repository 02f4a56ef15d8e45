//! Audit entries in words: what an action is called, who the target is, and
//! what the entry's `detail` says, instead of codes, ids and JSON.

use std::collections::HashMap;

use orgdesk_api::AuditEntry;
use serde_json::Value;
use uuid::Uuid;

use crate::fl;

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

/// Every action the platform records, and the wider choices of the filter.
pub const ACTIONS: [&str; 15] = [
    "invitation.create",
    "invitation.resend",
    "invitation.revoke",
    "invitation.accept",
    "member.add",
    "member.suspend",
    "member.reactivate",
    "member.force_password_reset",
    "group.create",
    "group.update",
    "group.delete",
    "group.members.change",
    "org.create",
    "org.update",
    "org.paid",
];

/// An action's name in words; an action this console does not know shows as recorded.
pub fn action(action: &str) -> String {
    match action {
        "invitation.create" => fl!("audit-action-invitation-create"),
        "invitation.resend" => fl!("audit-action-invitation-resend"),
        "invitation.revoke" => fl!("audit-action-invitation-revoke"),
        "invitation.accept" => fl!("audit-action-invitation-accept"),
        "member.add" => fl!("audit-action-member-add"),
        "member.suspend" => fl!("audit-action-member-suspend"),
        "member.reactivate" => fl!("audit-action-member-reactivate"),
        "member.force_password_reset" => fl!("audit-action-member-force-password-reset"),
        "group.create" => fl!("audit-action-group-create"),
        "group.update" => fl!("audit-action-group-update"),
        "group.delete" => fl!("audit-action-group-delete"),
        "group.members.change" => fl!("audit-action-group-members-change"),
        "org.create" => fl!("audit-action-org-create"),
        "org.update" => fl!("audit-action-org-update"),
        "org.paid" => fl!("audit-action-org-paid"),
        "invitation." => fl!("audit-actions-invitations"),
        "member." => fl!("audit-actions-members"),
        "group." => fl!("audit-actions-groups"),
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
        "invitation.create" => fl!("audit-detail-invited", email = email(), groups = groups()),
        "member.add" => fl!("audit-detail-added", email = email(), groups = groups()),
        "invitation.resend" | "invitation.revoke" => email(),
        "invitation.accept" if detail.get("new_account") == Some(&Value::Bool(true)) => {
            fl!("audit-detail-accepted-new", email = email())
        }
        "invitation.accept" => fl!("audit-detail-accepted-existing", email = email()),
        "group.create" => fl!(
            "audit-detail-group-created",
            name = text_of(entry, "name").unwrap_or_default(),
            count = list_len(detail.get("permissions"))
        ),
        "group.delete" => fl!(
            "audit-detail-group-deleted",
            name = text_of(entry, "name").unwrap_or_default()
        ),
        "group.update" => group_update(detail),
        "group.members.change" => fl!(
            "audit-detail-members-changed",
            added = list_len(detail.get("added")),
            removed = list_len(detail.get("removed"))
        ),
        "org.create" => fl!(
            "audit-detail-org-created",
            name = text_of(entry, "name").unwrap_or_default(),
            subdomain = text_of(entry, "subdomain").unwrap_or_default()
        ),
        "org.update" => fl!("audit-detail-changed", fields = field_names(detail)),
        "org.paid" => paid(detail),
        _ => plain(detail),
    }
}

fn group_update(detail: &Value) -> String {
    let mut parts = Vec::new();
    if let Some(name) = detail.get("name").and_then(Value::as_str) {
        parts.push(fl!("audit-detail-renamed", name = name.to_string()));
    }
    if detail.get("description").is_some() {
        parts.push(fl!("audit-detail-description"));
    }
    if let Some(permissions) = detail.get("permissions").and_then(Value::as_array) {
        let keys: Vec<&str> = permissions.iter().filter_map(Value::as_str).collect();
        let mut list = keys.iter().take(4).copied().collect::<Vec<_>>().join(", ");
        if keys.len() > 4 {
            list = fl!(
                "audit-detail-and-more",
                list = list,
                more = keys.len().saturating_sub(4)
            );
        }
        parts.push(fl!(
            "audit-detail-permissions",
            count = keys.len(),
            list = list
        ));
    }
    parts.join("; ")
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
