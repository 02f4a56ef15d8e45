//! Access reviews: what a decision may say, and what completing a campaign
//! does to the memberships as they are by then.

use std::collections::HashMap;

use orgdesk_api::ReviewDecision;
use uuid::Uuid;

use super::expiry;

/// Why a decision is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadDecision {
    /// `expire` without `expires_at`.
    EndRequired,
    /// `keep` or `revoke` with an `expires_at`.
    EndNotAllowed,
    /// An `expires_at` not ahead of now.
    EndInPast,
}

/// Checks a decision; answers its end (Unix ms) for `expire`.
pub fn check_decision(
    decision: ReviewDecision,
    expires_at: Option<i64>,
    now: i64,
) -> Result<Option<i64>, BadDecision> {
    match (decision, expires_at) {
        (ReviewDecision::Expire, None) => Err(BadDecision::EndRequired),
        (ReviewDecision::Expire, Some(end)) if end <= now => Err(BadDecision::EndInPast),
        (ReviewDecision::Expire, end) => Ok(end),
        (_, Some(_)) => Err(BadDecision::EndNotAllowed),
        (_, None) => Ok(None),
    }
}

/// A decision sent against `sent` conflicts with an item now at `current`:
/// someone decided (or the item changed) since it was read.
pub fn conflicts(current: i64, sent: i64) -> bool {
    current != sent
}

/// One item as completion sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decided {
    pub item: Uuid,
    pub group: Uuid,
    pub account: Uuid,
    pub decision: Option<(ReviewDecision, Option<i64>)>,
}

/// What became of an item at completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Revoked,
    /// The membership was given this end.
    EndSet(i64),
    Kept,
    Undecided,
    /// Decided to revoke or expire, but the membership was gone already.
    Gone,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Revoked => "revoked",
            Self::EndSet(_) => "expiry_set",
            Self::Kept => "kept",
            Self::Undecided => "undecided",
            Self::Gone => "gone",
        }
    }
}

/// Every item's outcome, given the memberships now (`(group, account)` →
/// end; absent: no membership). An `expire` whose end has passed by now
/// revokes: a membership that grants nothing needs no end.
pub fn complete(
    items: &[Decided],
    memberships: &HashMap<(Uuid, Uuid), Option<i64>>,
    now: i64,
) -> Vec<(Uuid, Outcome)> {
    items
        .iter()
        .map(|item| {
            let exists = memberships.contains_key(&(item.group, item.account));
            let outcome = match item.decision {
                None => Outcome::Undecided,
                Some((ReviewDecision::Keep, _)) => Outcome::Kept,
                Some(_) if !exists => Outcome::Gone,
                Some((ReviewDecision::Revoke, _)) => Outcome::Revoked,
                Some((ReviewDecision::Expire, Some(end))) if expiry::in_force(Some(end), now) => {
                    Outcome::EndSet(end)
                }
                Some((ReviewDecision::Expire, _)) => Outcome::Revoked,
            };
            (item.item, outcome)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_carry_an_end_only_when_they_expire() {
        use ReviewDecision::*;
        assert_eq!(check_decision(Keep, None, 10), Ok(None));
        assert_eq!(check_decision(Revoke, None, 10), Ok(None));
        assert_eq!(check_decision(Expire, Some(11), 10), Ok(Some(11)));
        assert_eq!(
            check_decision(Expire, None, 10),
            Err(BadDecision::EndRequired)
        );
        assert_eq!(
            check_decision(Expire, Some(10), 10),
            Err(BadDecision::EndInPast)
        );
        assert_eq!(
            check_decision(Keep, Some(11), 10),
            Err(BadDecision::EndNotAllowed)
        );
        assert_eq!(
            check_decision(Revoke, Some(11), 10),
            Err(BadDecision::EndNotAllowed)
        );
    }

    #[test]
    fn a_stale_version_conflicts() {
        assert!(!conflicts(3, 3));
        assert!(conflicts(4, 3));
    }

    #[test]
    fn completion_applies_decisions_to_what_is_there_now() {
        let id = Uuid::from_u128;
        let item = |n: u128, decision| Decided {
            item: id(n),
            group: id(100),
            account: id(n),
            decision,
        };
        let now = 1_000;
        let items = [
            item(1, None),
            item(2, Some((ReviewDecision::Keep, None))),
            item(3, Some((ReviewDecision::Revoke, None))),
            item(4, Some((ReviewDecision::Expire, Some(5_000)))),
            item(5, Some((ReviewDecision::Expire, Some(900)))),
            item(6, Some((ReviewDecision::Revoke, None))),
        ];
        let memberships: HashMap<(Uuid, Uuid), Option<i64>> = [1, 2, 3, 4, 5]
            .into_iter()
            .map(|n| ((id(100), id(n)), None))
            .collect();
        let outcomes: Vec<Outcome> = complete(&items, &memberships, now)
            .into_iter()
            .map(|(_, o)| o)
            .collect();
        assert_eq!(
            outcomes,
            vec![
                Outcome::Undecided,
                Outcome::Kept,
                Outcome::Revoked,
                Outcome::EndSet(5_000),
                Outcome::Revoked,
                Outcome::Gone,
            ]
        );
    }
}
