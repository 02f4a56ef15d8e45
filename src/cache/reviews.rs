//! Access reviews in the offline copy: the open campaigns the signed-in
//! person may decide, with their items as read (each with its `version`),
//! and the outbox of decisions taken from the copy and not yet accepted by
//! the platform. Both are sealed like every other cache file; the outbox is
//! a file of its own, so syncing the copy never touches a pending decision.

use orgdesk_api::{AccessReview, ReviewDecision, ReviewItem};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Cache, CacheError, CacheKey, Cached};

/// The cache kind of the open campaigns and their items.
pub const REVIEWS: &str = "reviews";
/// The cache kind of the decisions not sent yet.
pub const OUTBOX: &str = "review-outbox";

/// The open campaigns the person may decide, as last synced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewCopy {
    pub campaigns: Vec<CampaignCopy>,
}

/// One campaign with all its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignCopy {
    pub review: AccessReview,
    pub items: Vec<ReviewItem>,
}

impl ReviewCopy {
    pub fn campaign(&self, id: Uuid) -> Option<&CampaignCopy> {
        self.campaigns.iter().find(|c| c.review.id == id)
    }
}

/// A decision taken on an item while the platform could not be asked (or
/// not yet accepted by it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub review: Uuid,
    pub item_id: Uuid,
    pub decision: ReviewDecision,
    /// With `expire`: when the membership ends.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    /// The item's version the decision was taken on.
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub decided_at: OffsetDateTime,
    pub state: PendingState,
}

/// Where a pending decision stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum PendingState {
    /// Not sent yet (or the send did not reach the platform).
    NotSent,
    /// The platform answered that the item changed since `version`: `theirs`
    /// is the item as it is now. Nothing was overwritten; the person chooses.
    Conflict { theirs: Box<ReviewItem> },
    /// The platform will never take it (the campaign was completed, or the
    /// item or campaign is gone); kept until the person dismisses it.
    Refused { why: Refusal },
}

/// Why the platform will not take a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The campaign was completed meanwhile.
    Completed,
    /// The campaign or the item no longer exists, or the person may no
    /// longer decide it.
    Gone,
    /// The decision itself was refused (an end date now in the past).
    Invalid,
}

/// The decisions not yet accepted by the platform, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    pub entries: Vec<Pending>,
}

impl Outbox {
    /// Adds `decision`, replacing an earlier one on the same item.
    pub fn record(&mut self, decision: Pending) {
        self.entries.retain(|p| p.item_id != decision.item_id);
        self.entries.push(decision);
    }

    /// Drops the decision on `item` (accepted, or the person kept theirs).
    pub fn remove(&mut self, item: Uuid) -> Option<Pending> {
        let at = self.entries.iter().position(|p| p.item_id == item)?;
        Some(self.entries.remove(at))
    }

    pub fn get(&self, item: Uuid) -> Option<&Pending> {
        self.entries.iter().find(|p| p.item_id == item)
    }

    pub fn get_mut(&mut self, item: Uuid) -> Option<&mut Pending> {
        self.entries.iter_mut().find(|p| p.item_id == item)
    }

    /// Decisions waiting to be sent (neither in conflict nor refused).
    pub fn unsent(&self) -> usize {
        self.entries
            .iter()
            .filter(|p| p.state == PendingState::NotSent)
            .count()
    }

    /// Decisions in conflict, for the person to settle.
    pub fn conflicts(&self) -> impl Iterator<Item = &Pending> {
        self.entries
            .iter()
            .filter(|p| matches!(p.state, PendingState::Conflict { .. }))
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Cache {
    /// The review copy, if one was synced.
    pub fn load_reviews(&self, key: &CacheKey) -> Result<Option<Cached<ReviewCopy>>, CacheError> {
        self.load(key, REVIEWS)
    }

    pub fn save_reviews(
        &self,
        key: &CacheKey,
        copy: &ReviewCopy,
        as_of: OffsetDateTime,
    ) -> Result<(), CacheError> {
        self.save(key, REVIEWS, copy, as_of)
    }

    /// The outbox; empty when nothing is pending. A damaged outbox, or one
    /// sealed under another key, is an error (and is discarded, like every
    /// damaged cache file): the caller says so rather than show nothing.
    pub fn load_outbox(&self, key: &CacheKey) -> Result<Outbox, CacheError> {
        Ok(self
            .load::<Outbox>(key, OUTBOX)?
            .map(|c| c.value)
            .unwrap_or_default())
    }

    /// Keeps `outbox` (sealed, atomically replacing the one before).
    pub fn save_outbox(&self, key: &CacheKey, outbox: &Outbox) -> Result<(), CacheError> {
        self.save(key, OUTBOX, outbox, OffsetDateTime::now_utc())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use orgdesk_api::{GroupRef, ReviewCounts, ReviewStatus};
    use time::macros::datetime;

    use super::*;
    use crate::credentials::{MemoryVault, Vault};

    fn key() -> CacheKey {
        CacheKey::new("https://platform.example", "acme", "rita@example.com")
    }

    fn item(n: u128, version: i64) -> ReviewItem {
        ReviewItem {
            item_id: Uuid::from_u128(n),
            account: Uuid::from_u128(100 + n),
            email: format!("secret-person-{n}@example.com"),
            name: format!("Person {n}"),
            group: GroupRef {
                id: Uuid::from_u128(9),
                name: "Compliance".into(),
            },
            permissions: vec!["org.audit.read".into()],
            added_at: datetime!(2026-01-01 00:00 UTC),
            added_by: None,
            decision: None,
            version,
        }
    }

    fn pending(n: u128, decision: ReviewDecision) -> Pending {
        Pending {
            review: Uuid::from_u128(5),
            item_id: Uuid::from_u128(n),
            decision,
            expires_at: (decision == ReviewDecision::Expire)
                .then_some(datetime!(2027-03-01 00:00 UTC)),
            version: 1,
            decided_at: datetime!(2026-12-05 10:00 UTC),
            state: PendingState::NotSent,
        }
    }

    fn outbox() -> Outbox {
        let mut outbox = Outbox::default();
        outbox.record(pending(1, ReviewDecision::Revoke));
        outbox.record(pending(2, ReviewDecision::Expire));
        outbox.record(Pending {
            state: PendingState::Conflict {
                theirs: Box::new(item(3, 2)),
            },
            ..pending(3, ReviewDecision::Keep)
        });
        outbox
    }

    fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                found.extend(files(&path));
            } else {
                found.push(path);
            }
        }
        found
    }

    #[test]
    fn the_outbox_is_sealed_at_rest() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), Arc::new(MemoryVault::default()));
        cache.save_outbox(&key(), &outbox()).unwrap();
        let written = files(dir.path());
        assert_eq!(written.len(), 1);
        let bytes = std::fs::read(&written[0]).unwrap();
        assert!(bytes.starts_with(b"ORGDCACH"));
        let haystack = String::from_utf8_lossy(&bytes);
        for plain in [
            "revoke",
            "expire",
            "secret-person-3",
            "Compliance",
            "not_sent",
            &Uuid::from_u128(1).to_string(),
        ] {
            assert!(!haystack.contains(plain), "{plain:?} readable on disk");
        }
    }

    #[test]
    fn the_outbox_survives_a_restart_and_is_apart_from_the_copy() {
        let dir = tempfile::tempdir().unwrap();
        let vault: Arc<dyn Vault> = Arc::new(MemoryVault::default());
        {
            let cache = Cache::new(dir.path(), vault.clone());
            assert!(cache.load_outbox(&key()).unwrap().is_empty(), "none yet");
            cache.save_outbox(&key(), &outbox()).unwrap();
        }
        // A new console over the same folder and keyring.
        let cache = Cache::new(dir.path(), vault);
        let back = cache.load_outbox(&key()).unwrap();
        assert_eq!(back, outbox());
        assert_eq!(back.unsent(), 2);
        assert_eq!(back.conflicts().count(), 1);
        // Syncing the copy leaves the outbox alone.
        let copy = ReviewCopy {
            campaigns: vec![CampaignCopy {
                review: AccessReview {
                    id: Uuid::from_u128(5),
                    name: "Q1".into(),
                    status: ReviewStatus::Open,
                    due_at: datetime!(2027-01-31 00:00 UTC),
                    created_at: datetime!(2026-12-01 00:00 UTC),
                    created_by: None,
                    completed_at: None,
                    reviewers: vec![],
                    counts: ReviewCounts::default(),
                },
                items: vec![item(1, 1), item(2, 1)],
            }],
        };
        let as_of = datetime!(2026-12-05 09:00 UTC);
        cache.save_reviews(&key(), &copy, as_of).unwrap();
        let read = cache.load_reviews(&key()).unwrap().unwrap();
        assert_eq!((read.value, read.as_of), (copy, as_of));
        assert_eq!(cache.load_outbox(&key()).unwrap(), outbox());
        // Another account's outbox is its own.
        let other = CacheKey::new("https://platform.example", "acme", "bob@example.com");
        assert!(cache.load_outbox(&other).unwrap().is_empty());
    }

    #[test]
    fn an_outbox_under_another_key_does_not_open() {
        let dir = tempfile::tempdir().unwrap();
        Cache::new(dir.path(), Arc::new(MemoryVault::default()))
            .save_outbox(&key(), &outbox())
            .unwrap();
        // Another keyring (reset, or another machine): refused, said, gone.
        let other = Cache::new(dir.path(), Arc::new(MemoryVault::default()));
        assert!(matches!(
            other.load_outbox(&key()),
            Err(CacheError::KeyChanged)
        ));
        assert!(files(dir.path()).is_empty(), "discarded");
        // A modified byte is tampering.
        let vault: Arc<dyn Vault> = Arc::new(MemoryVault::default());
        let cache = Cache::new(dir.path(), vault.clone());
        cache.save_outbox(&key(), &outbox()).unwrap();
        let path = files(dir.path()).remove(0);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 20;
        bytes[last] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        assert!(matches!(
            Cache::new(dir.path(), vault).load_outbox(&key()),
            Err(CacheError::Tampered)
        ));
    }

    #[test]
    fn a_later_decision_on_an_item_replaces_the_earlier_one() {
        let mut outbox = Outbox::default();
        outbox.record(pending(1, ReviewDecision::Keep));
        outbox.record(pending(2, ReviewDecision::Keep));
        outbox.record(pending(1, ReviewDecision::Revoke));
        assert_eq!(outbox.entries.len(), 2);
        assert_eq!(
            outbox.get(Uuid::from_u128(1)).map(|p| p.decision),
            Some(ReviewDecision::Revoke)
        );
        assert!(outbox.remove(Uuid::from_u128(2)).is_some());
        assert!(outbox.remove(Uuid::from_u128(2)).is_none());
        assert_eq!(outbox.unsent(), 1);
    }
}
