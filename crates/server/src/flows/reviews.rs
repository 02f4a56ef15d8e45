//! Completing an access review: every revoke and expiry applied in the
//! caller's one transaction, with the permission impact, and the
//! attestation recorded in the audit log.

use std::collections::{BTreeMap, HashMap, HashSet};

use orgdesk_api::{self as api, actions};
use uuid::Uuid;

use crate::domain::catalog::Catalog;
use crate::domain::impact::{self, GroupGrants};
use crate::domain::permissions::PermissionSet;
use crate::domain::reviews::{self, Decided, Outcome};
use crate::error::{AppError, AppResult};
use crate::flows::membership::ensure_admin_remains;
use crate::store::{Tx, audit, groups, members, now_ms, reviews as store};

/// Who completes, and what they hold there.
pub struct Completer<'a> {
    pub account: Uuid,
    pub ip: Option<String>,
    /// What the organization's products allow at all.
    pub org_permissions: &'a PermissionSet,
    /// What the completer holds: changing a group's members needs all it grants.
    pub permissions: &'a PermissionSet,
}

/// Applies the campaign's decisions to the memberships as they are now.
/// With `dry_run` the caller drops the transaction; nothing is recorded.
pub async fn complete(
    tx: &mut Tx,
    catalog: &Catalog,
    org: Uuid,
    review: &api::AccessReview,
    by: &Completer<'_>,
    dry_run: bool,
) -> AppResult<api::ReviewCompletion> {
    tx.lock_org(org).await?;
    let items = store::all_items(tx, review.id).await?;
    let accounts: Vec<Uuid> = items
        .iter()
        .map(|i| i.item.account)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let found = groups::member_groups(tx, org, &accounts).await?;
    let now = now_ms();
    let decided: Vec<Decided> = items
        .iter()
        .map(|row| Decided {
            item: row.item.item_id,
            group: row.item.group.id,
            account: row.item.account,
            decision: row
                .item
                .decision
                .as_ref()
                .map(|d| (d.decision, d.expires_at.map(crate::domain::expiry::millis))),
        })
        .collect();
    let outcomes = reviews::complete(&decided, &found.ends, now);

    // What the change grants, group by group, as the bulk edit sees it.
    let all_groups = groups::grants(tx, org).await?;
    let grant_of = |keys: &[String]| -> PermissionSet {
        keys.iter()
            .filter_map(|k| catalog.id(k))
            .filter(|id| by.org_permissions.contains(*id))
            .collect()
    };
    let grants = GroupGrants::new(all_groups.iter().map(|g| (g.id, grant_of(&g.permissions))));
    let names: HashMap<Uuid, &str> = all_groups.iter().map(|g| (g.id, g.name.as_str())).collect();

    let mut result = api::ReviewCompletion {
        dry_run,
        revoked: Vec::new(),
        expiry_set: Vec::new(),
        kept: 0,
        undecided: 0,
        skipped: 0,
        impact: Vec::new(),
    };
    // By group id: removals update the groups' counts in that order (migration 0011).
    let mut removals: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
    let mut ends: HashMap<(Uuid, i64), Vec<Uuid>> = HashMap::new();
    for (d, (_, outcome)) in decided.iter().zip(&outcomes) {
        let membership = api::GroupMembership {
            group: d.group,
            account: d.account,
        };
        match *outcome {
            Outcome::Revoked => {
                removals.entry(d.group).or_default().push(d.account);
                result.revoked.push(membership);
            }
            Outcome::EndSet(end) => {
                ends.entry((d.group, end)).or_default().push(d.account);
                result.expiry_set.push(membership);
            }
            Outcome::Kept => result.kept += 1,
            Outcome::Undecided => result.undecided += 1,
            Outcome::Gone => result.skipped += 1,
        }
    }
    // Nobody changes a group that grants more than they hold.
    let changed: HashSet<Uuid> = removals
        .keys()
        .copied()
        .chain(ends.keys().map(|(g, _)| *g))
        .collect();
    for group in &changed {
        let needed = grants.get(*group).cloned().unwrap_or_default();
        let missing = catalog.keys(&needed.difference(by.permissions));
        if !missing.is_empty() {
            let name = names.get(group).copied().unwrap_or_default().to_string();
            return Err(AppError::escalation(
                format!(
                    "completing changes {name}, which needs every permission it grants; you do not hold {}",
                    missing.join(", ")
                ),
                missing,
                Some(api::GroupRef { id: *group, name }),
            ));
        }
    }
    for (group, accounts) in &removals {
        groups::remove_members(tx, *group, accounts).await?;
    }
    for ((group, end), accounts) in &ends {
        groups::set_expiry(tx, *group, accounts, Some(*end)).await?;
    }
    if !removals.is_empty() || !ends.is_empty() {
        ensure_admin_remains(tx, org).await?;
    }
    let removed_pairs: Vec<(Uuid, Uuid)> = result
        .revoked
        .iter()
        .map(|m| (m.group, m.account))
        .collect();
    result.impact = impact::impact(&grants, &found.memberships, &[], &removed_pairs)
        .into_iter()
        .map(|i| api::PermissionImpact {
            account: i.account,
            gained: catalog.keys(&i.gained),
            lost: catalog.keys(&i.lost),
            suspended: found.status.get(&i.account) == Some(&api::MembershipStatus::Suspended),
        })
        .collect();
    if dry_run {
        return Ok(result);
    }

    let touched: Vec<Uuid> = result
        .revoked
        .iter()
        .chain(&result.expiry_set)
        .map(|m| m.account)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    members::touch(tx, org, &touched).await?;
    store::close(
        tx,
        review.id,
        by.account,
        &outcomes
            .iter()
            .map(|(item, outcome)| (*item, outcome.as_str()))
            .collect::<Vec<_>>(),
    )
    .await?;
    if !touched.is_empty() {
        audit::record(
            tx,
            audit::Entry {
                org: Some(org),
                actor: Some(by.account),
                action: actions::GROUP_MEMBERS_CHANGE,
                target_type: "access_review",
                target_id: Some(review.id.to_string()),
                ip: by.ip.clone(),
                detail: serde_json::json!({
                    "removed": result.revoked,
                    "expiry_changed": result.expiry_set,
                    "access_review": review.id,
                    "members_with_changed_permissions": result.impact.len(),
                }),
            },
        )
        .await?;
    }
    // The attestation: who completed which campaign, reviewed by whom, and
    // what it changed.
    audit::record(
        tx,
        audit::Entry {
            org: Some(org),
            actor: Some(by.account),
            action: actions::REVIEW_COMPLETE,
            target_type: "access_review",
            target_id: Some(review.id.to_string()),
            ip: by.ip.clone(),
            detail: serde_json::json!({
                "name": review.name,
                "reviewers": review.reviewers,
                "items": items.len(),
                "decided": review.counts.decided,
                "revoked": result.revoked.len(),
                "expiry_set": result.expiry_set.len(),
                "kept": result.kept,
                "undecided": result.undecided,
                "skipped": result.skipped,
            }),
        },
    )
    .await?;
    Ok(result)
}
