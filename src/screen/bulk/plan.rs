//! Change sets for the bulk endpoint: built from a selection of members and
//! groups, inverted for Undo, and the permission impact tallied per permission.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use orgdesk_api::{BulkChange, Group, MemberAdd, MembershipDiff, PermissionImpact, PermissionInfo};
use orgdesk_client::{Client, Error};
use time::OffsetDateTime;
use uuid::Uuid;

/// Add to groups, or remove from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Add,
    Remove,
}

/// A member as the dialog names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
    pub email: String,
}

/// The organization's groups and permissions, to name what changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    pub groups: Vec<Group>,
    pub permissions: Vec<PermissionInfo>,
    /// The permissions the person editing holds here (`None`: not known, so
    /// nothing is held back and the platform decides).
    pub held: Option<BTreeSet<String>>,
}

impl Directory {
    pub async fn load(client: Client, org: String) -> Result<Self, Error> {
        let (groups, permissions, mine) = tokio::try_join!(
            client.groups(&org),
            client.org_permissions(&org),
            client.my_permissions(&org)
        )?;
        Ok(Self {
            groups,
            permissions,
            held: Some(mine.into_iter().map(|p| p.permission).collect()),
        })
    }

    /// What `group` grants that the person editing does not hold: the
    /// platform refuses to change its members for them (no escalation).
    pub fn not_held(&self, group: &Group) -> Vec<String> {
        match &self.held {
            Some(held) => group
                .permissions
                .iter()
                .filter(|p| !held.contains(*p))
                .cloned()
                .collect(),
            None => Vec::new(),
        }
    }

    pub fn group_name(&self, id: Uuid) -> String {
        self.groups
            .iter()
            .find(|g| g.id == id)
            .map_or_else(|| id.to_string(), |g| g.name.clone())
    }
}

/// Every member of `members` into (or out of) every group of `groups`.
pub fn for_members(members: &[Uuid], groups: &BTreeSet<Uuid>, mode: Mode) -> Vec<BulkChange> {
    groups
        .iter()
        .map(|&group| BulkChange {
            group,
            add: if mode == Mode::Add {
                members.iter().map(|&m| m.into()).collect()
            } else {
                Vec::new()
            },
            remove: if mode == Mode::Remove {
                members.to_vec()
            } else {
                Vec::new()
            },
        })
        .collect()
}

/// `changes` with every add ending at `end` (`None`: without end).
pub fn with_end(mut changes: Vec<BulkChange>, end: Option<OffsetDateTime>) -> Vec<BulkChange> {
    for change in &mut changes {
        for add in &mut change.add {
            *add = MemberAdd::until(add.account(), end);
        }
    }
    changes
}

/// "Extend to…": each member re-added to those of `groups` they are in
/// (`theirs`), ending at `end`; the platform sets the end an add names.
pub fn extend(
    theirs: &HashMap<Uuid, BTreeSet<Uuid>>,
    groups: &BTreeSet<Uuid>,
    end: Option<OffsetDateTime>,
) -> Vec<BulkChange> {
    let mut members: Vec<(&Uuid, &BTreeSet<Uuid>)> = theirs.iter().collect();
    members.sort();
    groups
        .iter()
        .map(|&group| BulkChange {
            group,
            add: members
                .iter()
                .filter(|(_, in_groups)| in_groups.contains(&group))
                .map(|(account, _)| MemberAdd::until(**account, end))
                .collect(),
            remove: Vec::new(),
        })
        .filter(|change| !change.add.is_empty())
        .collect()
}

/// `(group, account, mode)` triples as one change per group, in the order given.
pub fn from_pairs(pairs: impl IntoIterator<Item = (Uuid, Uuid, Mode)>) -> Vec<BulkChange> {
    let mut order: Vec<Uuid> = Vec::new();
    let mut by_group: HashMap<Uuid, BulkChange> = HashMap::new();
    for (group, account, mode) in pairs {
        let change = by_group.entry(group).or_insert_with(|| {
            order.push(group);
            BulkChange {
                group,
                add: Vec::new(),
                remove: Vec::new(),
            }
        });
        match mode {
            Mode::Add => change.add.push(account.into()),
            Mode::Remove => change.remove.push(account),
        }
    }
    order
        .into_iter()
        .filter_map(|g| by_group.remove(&g))
        .collect()
}

/// The change set that undoes `diff`: what was added is removed, what was
/// removed is added back. Requests that changed nothing are not undone.
pub fn inverse(diff: &MembershipDiff) -> Vec<BulkChange> {
    from_pairs(
        diff.added
            .iter()
            .map(|m| (m.group, m.account, Mode::Remove))
            .chain(diff.removed.iter().map(|m| (m.group, m.account, Mode::Add))),
    )
}

/// The ends memberships had before a change, by `(group, account)`
/// (`None`: no end). Undo puts them back.
pub type Ends = HashMap<(Uuid, Uuid), Option<OffsetDateTime>>;

/// What each of `members` had before: the end of each of their memberships.
pub fn ends_of(members: &[orgdesk_api::Member]) -> Ends {
    members
        .iter()
        .flat_map(|m| {
            m.groups.iter().map(move |g| {
                let end = m
                    .group_expiry
                    .iter()
                    .find(|e| e.group == g.id)
                    .map(|e| e.expires_at);
                ((g.id, m.id), end)
            })
        })
        .collect()
}

/// The change set that undoes `diff`, given the ends memberships had
/// before (`before`; `None` when not known, as for a CSV file): added
/// memberships go, removed ones come back with their own end, and a changed
/// end goes back to what it was. A membership whose old end has passed by
/// `now` granted nothing: it is not brought back, and one whose end was
/// changed goes (an end in the past cannot be set). Without `before`, a
/// changed end is not undone.
pub fn undo(diff: &MembershipDiff, before: Option<&Ends>, now: OffsetDateTime) -> Vec<BulkChange> {
    let Some(before) = before else {
        return inverse(diff);
    };
    let mut order: Vec<Uuid> = Vec::new();
    let mut by_group: HashMap<Uuid, BulkChange> = HashMap::new();
    let mut push = |group: Uuid, account: Uuid, add: Option<Option<OffsetDateTime>>| {
        let change = by_group.entry(group).or_insert_with(|| {
            order.push(group);
            BulkChange {
                group,
                add: Vec::new(),
                remove: Vec::new(),
            }
        });
        match add {
            Some(end) => change.add.push(MemberAdd::until(account, end)),
            None => change.remove.push(account),
        }
    };
    let passed = |end: &Option<OffsetDateTime>| end.is_some_and(|end| end <= now);
    for m in &diff.added {
        push(m.group, m.account, None);
    }
    for m in &diff.removed {
        match before.get(&(m.group, m.account)) {
            Some(end) if passed(end) => {}
            Some(end) => push(m.group, m.account, Some(*end)),
            None => push(m.group, m.account, Some(None)),
        }
    }
    for m in &diff.expiry_changed {
        match before.get(&(m.group, m.account)) {
            Some(end) if passed(end) => push(m.group, m.account, None),
            Some(end) => push(m.group, m.account, Some(*end)),
            None => {}
        }
    }
    order
        .into_iter()
        .filter_map(|g| by_group.remove(&g))
        .collect()
}

/// Membership changes a change set asks for.
pub fn size(changes: &[BulkChange]) -> usize {
    changes.iter().map(|c| c.add.len() + c.remove.len()).sum()
}

/// How many members gain and lose one permission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub permission: String,
    pub description: String,
    pub gained: usize,
    pub lost: usize,
}

/// The impact per permission, in the organization's permission order.
pub fn tally(impact: &[PermissionImpact], permissions: &[PermissionInfo]) -> Vec<Tally> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for member in impact {
        for key in &member.gained {
            counts.entry(key).or_default().0 += 1;
        }
        for key in &member.lost {
            counts.entry(key).or_default().1 += 1;
        }
    }
    let position = |key: &str| {
        permissions
            .iter()
            .position(|p| p.key == key)
            .unwrap_or(usize::MAX)
    };
    let mut tallies: Vec<Tally> = counts
        .into_iter()
        .map(|(key, (gained, lost))| Tally {
            permission: key.to_string(),
            description: permissions
                .iter()
                .find(|p| p.key == key)
                .map(|p| p.description.clone())
                .unwrap_or_default(),
            gained,
            lost,
        })
        .collect();
    tallies.sort_by_key(|t| position(&t.permission));
    tallies
}

#[cfg(test)]
mod tests {
    use super::*;
    use orgdesk_api::GroupMembership;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn undo_inverts_only_what_changed() {
        let diff = MembershipDiff {
            expiry_changed: Vec::new(),
            added: vec![
                GroupMembership {
                    group: id(1),
                    account: id(10),
                },
                GroupMembership {
                    group: id(2),
                    account: id(10),
                },
            ],
            removed: vec![GroupMembership {
                group: id(1),
                account: id(11),
            }],
            unchanged: 5,
        };
        assert_eq!(
            inverse(&diff),
            vec![
                BulkChange {
                    group: id(1),
                    add: vec![id(11).into()],
                    remove: vec![id(10)],
                },
                BulkChange {
                    group: id(2),
                    add: vec![],
                    remove: vec![id(10)],
                },
            ]
        );
    }

    #[test]
    fn extend_re_adds_each_member_to_their_own_groups_with_the_end() {
        let end = Some(time::macros::datetime!(2027-01-31 00:00 UTC));
        let theirs = HashMap::from([
            (id(1), BTreeSet::from([id(10), id(11)])),
            (id(2), BTreeSet::from([id(11)])),
        ]);
        // Group 12 is no one's: nothing for it; group 10 is only member 1's.
        let picked = BTreeSet::from([id(10), id(11), id(12)]);
        let changes = extend(&theirs, &picked, end);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].group, id(10));
        assert_eq!(changes[0].add, vec![MemberAdd::until(id(1), end)]);
        assert_eq!(changes[1].group, id(11));
        assert_eq!(
            changes[1].add,
            vec![MemberAdd::until(id(1), end), MemberAdd::until(id(2), end)]
        );
        assert!(changes.iter().all(|c| c.remove.is_empty()));

        let plain = with_end(
            for_members(&[id(1)], &BTreeSet::from([id(10)]), Mode::Add),
            end,
        );
        assert_eq!(plain[0].add, vec![MemberAdd::until(id(1), end)]);
        let removal = with_end(
            for_members(&[id(1)], &BTreeSet::from([id(10)]), Mode::Remove),
            end,
        );
        assert_eq!(removal[0].remove, vec![id(1)], "removals take no end");
    }

    #[test]
    fn tallies_follow_the_permission_order() {
        let info = |key: &str| PermissionInfo {
            key: key.into(),
            product: "crm".into(),
            description: format!("{key} described"),
        };
        let permissions = vec![info("b.write"), info("a.read")];
        let impact = vec![
            PermissionImpact {
                account: id(1),
                gained: vec!["b.write".into(), "a.read".into()],
                lost: vec![],
                suspended: false,
            },
            PermissionImpact {
                account: id(2),
                gained: vec![],
                lost: vec!["a.read".into()],
                suspended: false,
            },
        ];
        let tallies = tally(&impact, &permissions);
        assert_eq!(
            tallies
                .iter()
                .map(|t| (t.permission.as_str(), t.gained, t.lost))
                .collect::<Vec<_>>(),
            [("b.write", 1, 0), ("a.read", 1, 1)]
        );
        assert_eq!(tallies[0].description, "b.write described");
    }
}
