//! Expiring access: a group membership may end at an instant, and from that
//! instant it grants nothing. The permission queries decide it themselves
//! (`store::groups::in_force`); the sweeper only tidies up afterwards.

use time::OffsetDateTime;

/// Whether a membership ending at `expires_at` (Unix ms; `None`: no end)
/// still grants at `now`. The instant itself is already past: the same rule
/// as the SQL fragment `expires_at IS NULL OR expires_at > now`.
pub fn in_force(expires_at: Option<i64>, now: i64) -> bool {
    expires_at.is_none_or(|end| end > now)
}

/// Unix milliseconds of an instant, clamped to what the column holds.
pub fn millis(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos().div_euclid(1_000_000)).unwrap_or(i64::MAX)
}

/// An end given for a new or changed membership must lie ahead: an end in
/// the past would grant nothing and is certainly a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InPast;

/// The end as Unix ms, or `InPast` when it is not after `now`.
pub fn end_ahead(expires_at: Option<OffsetDateTime>, now: i64) -> Result<Option<i64>, InPast> {
    match expires_at.map(millis) {
        Some(end) if end <= now => Err(InPast),
        other => Ok(other),
    }
}

/// What adding an account to a group does, given its membership there now
/// (`None`: not a member; `Some(end)`: a member until `end`, whether or not
/// that end has passed) and the end the add asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    /// A new membership.
    Insert,
    /// The membership stays with the new end (extended, shortened, made
    /// permanent, or renewed after it had passed).
    SetEnd,
    /// Already exactly so.
    Unchanged,
}

pub fn add_outcome(current: Option<Option<i64>>, wanted: Option<i64>) -> AddOutcome {
    match current {
        None => AddOutcome::Insert,
        Some(end) if end == wanted => AddOutcome::Unchanged,
        Some(_) => AddOutcome::SetEnd,
    }
}

/// Whether `add` made a membership that grants where it did not before
/// (new, or renewed after its end had passed): the impact counts it as added.
pub fn starts_granting(current: Option<Option<i64>>, outcome: AddOutcome, now: i64) -> bool {
    match outcome {
        AddOutcome::Insert => true,
        AddOutcome::SetEnd => current.is_some_and(|end| !in_force(end, now)),
        AddOutcome::Unchanged => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_membership_grants_until_its_end_and_not_at_it() {
        assert!(in_force(None, 1_000));
        assert!(in_force(Some(1_001), 1_000));
        assert!(!in_force(Some(1_000), 1_000));
        assert!(!in_force(Some(999), 1_000));
    }

    #[test]
    fn an_end_must_lie_ahead() {
        let now = OffsetDateTime::from_unix_timestamp(1_000).unwrap();
        let ms = millis(now);
        assert_eq!(end_ahead(None, ms), Ok(None));
        assert_eq!(end_ahead(Some(now), ms), Err(InPast));
        assert_eq!(
            end_ahead(Some(now - time::Duration::days(1)), ms),
            Err(InPast)
        );
        assert_eq!(
            end_ahead(Some(now + time::Duration::seconds(1)), ms),
            Ok(Some(ms + 1_000))
        );
    }

    #[test]
    fn adding_sets_the_end_the_add_names() {
        assert_eq!(add_outcome(None, Some(5)), AddOutcome::Insert);
        assert_eq!(add_outcome(Some(None), None), AddOutcome::Unchanged);
        assert_eq!(add_outcome(Some(Some(5)), Some(5)), AddOutcome::Unchanged);
        assert_eq!(add_outcome(Some(Some(5)), Some(9)), AddOutcome::SetEnd);
        // A plain add makes an ending membership permanent.
        assert_eq!(add_outcome(Some(Some(5)), None), AddOutcome::SetEnd);
        assert_eq!(add_outcome(Some(None), Some(5)), AddOutcome::SetEnd);
    }

    #[test]
    fn only_new_or_renewed_memberships_start_granting() {
        let now = 100;
        assert!(starts_granting(None, AddOutcome::Insert, now));
        assert!(starts_granting(Some(Some(50)), AddOutcome::SetEnd, now));
        assert!(!starts_granting(Some(Some(150)), AddOutcome::SetEnd, now));
        assert!(!starts_granting(Some(None), AddOutcome::SetEnd, now));
        assert!(!starts_granting(Some(None), AddOutcome::Unchanged, now));
    }
}
