//! Permissions as bitsets: a member's set is the union of their groups' sets,
//! and checking one permission is a single bit test.

use fixedbitset::FixedBitSet;

/// A permission's position in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PermissionId(pub u16);

impl PermissionId {
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

#[derive(Debug, Clone, Default)]
pub struct PermissionSet(FixedBitSet);

/// Sets are equal when they hold the same permissions, whatever their capacity.
impl PartialEq for PermissionSet {
    fn eq(&self, other: &Self) -> bool {
        self.0.ones().eq(other.0.ones())
    }
}

impl Eq for PermissionSet {}

impl PermissionSet {
    pub fn insert(&mut self, id: PermissionId) {
        self.0.grow(id.index() + 1);
        self.0.insert(id.index());
    }

    pub fn contains(&self, id: PermissionId) -> bool {
        self.0.contains(id.index())
    }

    pub fn union_with(&mut self, other: &Self) {
        self.0.union_with(&other.0);
    }

    /// The union of many sets: a member's effective permissions from their groups.
    pub fn union<'a>(sets: impl IntoIterator<Item = &'a Self>) -> Self {
        let mut all = Self::default();
        for set in sets {
            all.union_with(set);
        }
        all
    }

    pub fn is_subset(&self, other: &Self) -> bool {
        self.0.is_subset(&other.0)
    }

    /// What `self` has that `other` lacks.
    pub fn difference(&self, other: &Self) -> Self {
        let mut out = self.0.clone();
        out.difference_with(&other.0);
        Self(out)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_clear()
    }

    pub fn len(&self) -> usize {
        self.0.count_ones(..)
    }

    pub fn iter(&self) -> impl Iterator<Item = PermissionId> + '_ {
        self.0
            .ones()
            .map(|i| PermissionId(u16::try_from(i).unwrap_or(u16::MAX)))
    }
}

impl FromIterator<PermissionId> for PermissionSet {
    fn from_iter<I: IntoIterator<Item = PermissionId>>(iter: I) -> Self {
        let mut set = Self::default();
        for id in iter {
            set.insert(id);
        }
        set
    }
}

/// What changing a group takes: every permission it grants before the change
/// and every one it grants after, so that nobody edits, empties or deletes a
/// group that holds more than they do.
pub fn needed_to_change_group(before: &PermissionSet, after: &PermissionSet) -> PermissionSet {
    PermissionSet::union([before, after])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[u16]) -> PermissionSet {
        ids.iter().map(|&i| PermissionId(i)).collect()
    }

    #[test]
    fn union_subset_difference() {
        let a = set(&[1, 5, 130]);
        let b = set(&[5, 7]);
        let u = PermissionSet::union([&a, &b]);
        assert_eq!(
            u.iter().map(|p| p.0).collect::<Vec<_>>(),
            vec![1, 5, 7, 130]
        );
        assert!(a.is_subset(&u) && b.is_subset(&u));
        assert!(!u.is_subset(&a));
        assert_eq!(u.difference(&a), set(&[7]));
        assert!(u.contains(PermissionId(130)));
        assert!(!u.contains(PermissionId(9999)));
        assert!(PermissionSet::default().is_subset(&a));
        assert_eq!(u.len(), 4);
    }

    #[test]
    fn changing_a_group_needs_what_it_grants_before_and_after() {
        let admin = set(&[1, 2, 3]);
        // Taking permission 3 away from a group still needs 3: a holder of 1
        // and 2 alone cannot strip what they do not hold.
        let needed = needed_to_change_group(&admin, &set(&[1, 2]));
        assert_eq!(needed, admin);
        assert!(!needed.is_subset(&set(&[1, 2])));
        assert_eq!(needed_to_change_group(&set(&[1]), &set(&[2])), set(&[1, 2]));
    }
}
