//! Permission snapshots and their diffs: who held which permission through
//! which groups, and what each member gained and lost between two records.

use std::collections::{BTreeMap, BTreeSet};

use uuid::Uuid;

/// One permission one member held through one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub account: Uuid,
    pub email: String,
    pub name: String,
    pub permission: String,
    pub group: Uuid,
    pub group_name: String,
}

/// A member's permissions, each with the groups (id, name) granting it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holding {
    pub email: String,
    pub name: String,
    pub permissions: BTreeMap<String, BTreeSet<(Uuid, String)>>,
}

/// Who holds what, by account.
pub type Holdings = BTreeMap<Uuid, Holding>;

/// Folds grants into holdings, keeping only the permissions `allowed` names
/// (those of the organization's products: a group may still list one of a
/// product the organization no longer has, and that grants nothing).
pub fn holdings<'a>(
    grants: impl IntoIterator<Item = &'a Grant>,
    allowed: impl Fn(&str) -> bool,
) -> Holdings {
    let mut all = Holdings::new();
    for g in grants {
        if !allowed(&g.permission) {
            continue;
        }
        let holding = all.entry(g.account).or_insert_with(|| Holding {
            email: g.email.clone(),
            name: g.name.clone(),
            permissions: BTreeMap::new(),
        });
        holding
            .permissions
            .entry(g.permission.clone())
            .or_default()
            .insert((g.group, g.group_name.clone()));
    }
    all
}

/// The number of (member, permission) pairs held.
pub fn pairs(holdings: &Holdings) -> u64 {
    holdings.values().map(|h| h.permissions.len() as u64).sum()
}

/// A permission gained or lost, with the groups granting it: after, for a
/// gain; before, for a loss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub permission: String,
    pub groups: Vec<(Uuid, String)>,
}

/// What one member gained and lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDiff {
    pub account: Uuid,
    pub email: String,
    pub name: String,
    pub gained: Vec<Change>,
    pub lost: Vec<Change>,
}

/// Members whose permissions differ between `before` and `after`, by email
/// (then id). A permission held in both is neither gained nor lost, even
/// when the groups granting it changed.
pub fn diff(before: &Holdings, after: &Holdings) -> Vec<MemberDiff> {
    let empty = Holding::default();
    let accounts: BTreeSet<&Uuid> = before.keys().chain(after.keys()).collect();
    let mut out: Vec<MemberDiff> = accounts
        .into_iter()
        .filter_map(|account| {
            let was = before.get(account).unwrap_or(&empty);
            let is = after.get(account).unwrap_or(&empty);
            let changes = |from: &Holding, to: &Holding| -> Vec<Change> {
                to.permissions
                    .iter()
                    .filter(|(p, _)| !from.permissions.contains_key(*p))
                    .map(|(p, groups)| Change {
                        permission: p.clone(),
                        groups: groups.iter().cloned().collect(),
                    })
                    .collect()
            };
            let gained = changes(was, is);
            let lost = changes(is, was);
            if gained.is_empty() && lost.is_empty() {
                return None;
            }
            let who = if after.contains_key(account) { is } else { was };
            Some(MemberDiff {
                account: *account,
                email: who.email.clone(),
                name: who.name.clone(),
                gained,
                lost,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.email, a.account).cmp(&(&b.email, b.account)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn g(account: u128, permission: &str, group: u128) -> Grant {
        Grant {
            account: id(account),
            email: format!("m{account}@example.com"),
            name: format!("M{account}"),
            permission: permission.into(),
            group: id(group),
            group_name: format!("G{group}"),
        }
    }

    #[test]
    fn holdings_gather_every_granting_group_and_drop_foreign_permissions() {
        let grants = [
            g(1, "crm.read", 10),
            g(1, "crm.read", 11),
            g(1, "old.thing", 10),
            g(2, "crm.write", 11),
        ];
        let h = holdings(&grants, |p| p.starts_with("crm."));
        assert_eq!(h.len(), 2);
        let one = &h[&id(1)];
        assert_eq!(one.permissions.len(), 1, "old.thing is not the org's");
        assert_eq!(
            one.permissions["crm.read"],
            BTreeSet::from([(id(10), "G10".into()), (id(11), "G11".into())])
        );
        assert_eq!(pairs(&h), 2);
    }

    #[test]
    fn diff_names_gains_with_new_groups_and_losses_with_old_ones() {
        let before = holdings(
            &[g(1, "a", 10), g(1, "b", 10), g(2, "a", 10), g(3, "a", 10)],
            |_| true,
        );
        // 1 loses b and gains c through 11; 2 keeps a through another group
        // only (no change); 3 leaves entirely; 4 arrives.
        let after = holdings(
            &[g(1, "a", 10), g(1, "c", 11), g(2, "a", 11), g(4, "a", 10)],
            |_| true,
        );
        let d = diff(&before, &after);
        let accounts: Vec<Uuid> = d.iter().map(|m| m.account).collect();
        assert_eq!(accounts, vec![id(1), id(3), id(4)]);
        assert_eq!(
            d[0].gained,
            vec![Change {
                permission: "c".into(),
                groups: vec![(id(11), "G11".into())]
            }]
        );
        assert_eq!(
            d[0].lost,
            vec![Change {
                permission: "b".into(),
                groups: vec![(id(10), "G10".into())]
            }]
        );
        assert!(d[1].gained.is_empty());
        assert_eq!(d[1].lost.len(), 1);
        assert_eq!(
            d[1].email, "m3@example.com",
            "a member who left keeps their name"
        );
        assert_eq!(d[2].gained.len(), 1);
        assert!(d[2].lost.is_empty());
    }

    #[test]
    fn equal_holdings_have_no_diff() {
        let h = holdings(&[g(1, "a", 10)], |_| true);
        assert!(diff(&h, &h).is_empty());
        assert!(diff(&Holdings::new(), &Holdings::new()).is_empty());
    }
}
