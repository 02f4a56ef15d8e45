//! The permission impact of membership changes: which members gain or lose
//! which permissions. A member's groups are a bitset over the organization's
//! groups, their permissions the union of those groups' bitsets; each
//! distinct (groups before, groups after) pair is worked out once for every
//! member who shares it, and in a bulk change most members do.

use std::collections::{BTreeMap, HashMap};

use fixedbitset::FixedBitSet;
use uuid::Uuid;

use super::permissions::PermissionSet;

/// An organization's groups and what each one grants there.
#[derive(Debug, Clone, Default)]
pub struct GroupGrants {
    index: HashMap<Uuid, usize>,
    grants: Vec<PermissionSet>,
}

impl GroupGrants {
    pub fn new(groups: impl IntoIterator<Item = (Uuid, PermissionSet)>) -> Self {
        let mut all = Self::default();
        for (id, grants) in groups {
            all.index.insert(id, all.grants.len());
            all.grants.push(grants);
        }
        all
    }

    pub fn get(&self, group: Uuid) -> Option<&PermissionSet> {
        self.index.get(&group).map(|&i| &self.grants[i])
    }

    fn empty_groups(&self) -> FixedBitSet {
        FixedBitSet::with_capacity(self.grants.len())
    }

    /// The permissions a member of exactly `groups` holds.
    fn union(&self, groups: &FixedBitSet) -> PermissionSet {
        PermissionSet::union(groups.ones().map(|i| &self.grants[i]))
    }
}

/// How one member's effective permissions change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberImpact {
    pub account: Uuid,
    pub gained: PermissionSet,
    pub lost: PermissionSet,
}

/// Memberships are `(group, account)` pairs. `before` holds every membership,
/// before the change, of at least the accounts in `added` and `removed`: the
/// memberships the change made and ended. Answers the members whose
/// permissions change, by account id; groups outside `grants` grant nothing.
pub fn impact(
    grants: &GroupGrants,
    before: &[(Uuid, Uuid)],
    added: &[(Uuid, Uuid)],
    removed: &[(Uuid, Uuid)],
) -> Vec<MemberImpact> {
    // Each changed member's groups, before and after.
    let mut members: BTreeMap<Uuid, (FixedBitSet, FixedBitSet)> = added
        .iter()
        .chain(removed)
        .map(|&(_, account)| (account, (grants.empty_groups(), grants.empty_groups())))
        .collect();
    for &(group, account) in before {
        if let (Some(groups), Some(&i)) = (members.get_mut(&account), grants.index.get(&group)) {
            groups.0.insert(i);
            groups.1.insert(i);
        }
    }
    let mut set_after = |pairs: &[(Uuid, Uuid)], member: bool| {
        for &(group, account) in pairs {
            if let (Some(groups), Some(&i)) = (members.get_mut(&account), grants.index.get(&group))
            {
                groups.1.set(i, member);
            }
        }
    };
    set_after(added, true);
    set_after(removed, false);

    let mut worked_out: HashMap<(FixedBitSet, FixedBitSet), (PermissionSet, PermissionSet)> =
        HashMap::new();
    let mut impacts = Vec::new();
    for (account, groups) in members {
        if groups.0 == groups.1 {
            continue;
        }
        let (gained, lost) = worked_out.entry(groups).or_insert_with_key(|(old, new)| {
            let (old, new) = (grants.union(old), grants.union(new));
            (new.difference(&old), old.difference(&new))
        });
        if !gained.is_empty() || !lost.is_empty() {
            impacts.push(MemberImpact {
                account,
                gained: gained.clone(),
                lost: lost.clone(),
            });
        }
    }
    impacts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::permissions::PermissionId;

    fn set(ids: &[u16]) -> PermissionSet {
        ids.iter().map(|&i| PermissionId(i)).collect()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn gains_and_losses_follow_the_union_over_groups() {
        let (user, sales, admin, empty) = (id(1), id(2), id(3), id(4));
        let grants = GroupGrants::new([
            (user, set(&[0, 1])),
            (sales, set(&[1, 5])),
            (admin, set(&[0, 1, 5, 9])),
            (empty, set(&[])),
        ]);
        let (ann, bob, cy, dee) = (id(10), id(11), id(12), id(13));
        let before = [
            (user, ann),
            (user, bob),
            (admin, bob),
            (user, cy),
            (sales, cy),
        ];
        let added = [(sales, ann), (sales, bob), (empty, dee)];
        let removed = [(sales, cy), (admin, bob)];
        let impacts = impact(&grants, &before, &added, &removed);
        assert_eq!(
            impacts,
            vec![
                // Ann gains 5 (1 she held through User already).
                MemberImpact {
                    account: ann,
                    gained: set(&[5]),
                    lost: set(&[]),
                },
                // Bob swaps Admin for Sales: keeps 0, 1, 5, loses 9.
                MemberImpact {
                    account: bob,
                    gained: set(&[]),
                    lost: set(&[9]),
                },
                MemberImpact {
                    account: cy,
                    gained: set(&[]),
                    lost: set(&[5]),
                },
                // Dee joins a group granting nothing: no impact.
            ]
        );
    }

    #[test]
    fn a_group_granting_what_is_held_already_has_no_impact() {
        let (user, admin, readers) = (id(1), id(2), id(3));
        let grants = GroupGrants::new([
            (user, set(&[0])),
            (admin, set(&[0, 1, 2])),
            (readers, set(&[1])),
        ]);
        let members: Vec<Uuid> = (100..1100).map(id).collect();
        let before: Vec<(Uuid, Uuid)> = members.iter().map(|&m| (admin, m)).collect();
        let added: Vec<(Uuid, Uuid)> = members.iter().map(|&m| (readers, m)).collect();
        assert!(impact(&grants, &before, &added, &[]).is_empty());
        // Leaving Admin while joining Readers loses 0 and 2 for each of them.
        let removed: Vec<(Uuid, Uuid)> = members.iter().map(|&m| (admin, m)).collect();
        let impacts = impact(&grants, &before, &added, &removed);
        assert_eq!(impacts.len(), members.len());
        assert!(
            impacts
                .iter()
                .all(|i| i.gained.is_empty() && i.lost == set(&[0, 2]))
        );
    }

    #[test]
    fn unknown_groups_grant_nothing() {
        let known = id(1);
        let grants = GroupGrants::new([(known, set(&[3]))]);
        let added = [(id(99), id(10)), (known, id(11))];
        let impacts = impact(&grants, &[], &added, &[]);
        assert_eq!(
            impacts,
            vec![MemberImpact {
                account: id(11),
                gained: set(&[3]),
                lost: set(&[]),
            }]
        );
    }
}
