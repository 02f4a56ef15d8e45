//! Access that ends and access nobody uses: a membership's end in words, and
//! the members list's "Expiring in 7 / 30 days" and "Inactive 90+ days"
//! filters (asked of the platform; run over the offline copy when offline).

use orgdesk_api::{Member, MemberQuery};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::fl;

/// A membership ending within this many days shows "ends in N days".
pub const SOON_DAYS: i64 = 7;

/// How near a membership's end is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// More than [`SOON_DAYS`] ahead: the day it ends.
    Until(String),
    /// Whole days left, 1 to [`SOON_DAYS`] - 1.
    InDays(i64),
    /// Less than a day left.
    Today,
    /// Passed (the platform's sweeper removes it soon); it grants nothing.
    Ended,
}

impl End {
    pub fn at(expires_at: OffsetDateTime, now: OffsetDateTime) -> Self {
        let left = expires_at - now;
        if left <= Duration::ZERO {
            return Self::Ended;
        }
        match left.whole_days() {
            days if days >= SOON_DAYS => Self::Until(date(expires_at)),
            0 => Self::Today,
            days => Self::InDays(days),
        }
    }

    /// "until 2027-01-31", "ends in 3 days", "ends today", "ended".
    pub fn words(&self) -> String {
        match self {
            Self::Until(day) => fl!("expiry-until", date = day.clone()),
            Self::InDays(days) => {
                let days = *days;
                fl!("expiry-in-days", days = days)
            }
            Self::Today => fl!("expiry-today"),
            Self::Ended => fl!("expiry-ended"),
        }
    }

    /// Near enough to stand out.
    pub fn soon(&self) -> bool {
        !matches!(self, Self::Until(_))
    }
}

/// A membership's end in words, as of `now`.
pub fn ends(expires_at: OffsetDateTime, now: OffsetDateTime) -> String {
    End::at(expires_at, now).words()
}

/// The day of `at` (UTC) in the console's language: "1/31/2027" / "31.01.2027".
pub fn date(at: OffsetDateTime) -> String {
    crate::locale::date(at)
}

/// When `member`'s membership of `group` ends (`None`: no end).
pub fn of(member: &Member, group: Uuid) -> Option<OffsetDateTime> {
    member
        .group_expiry
        .iter()
        .find(|e| e.group == group)
        .map(|e| e.expires_at)
}

/// "2027-01-31" typed by a person: the membership ends at the start of that
/// day (UTC). `None` for anything else.
pub fn parse_day(typed: &str) -> Option<OffsetDateTime> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(typed.trim(), &format)
        .ok()
        .map(|d| d.midnight().assume_utc())
}

/// The members list's access filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessFilter {
    /// A group membership ends within this many days.
    Expiring(u32),
    /// No sign-in for at least this many days (dormant).
    Inactive(u32),
}

impl AccessFilter {
    /// The filters the toolbar offers.
    pub const OFFERED: [Self; 3] = [Self::Expiring(7), Self::Expiring(30), Self::Inactive(90)];

    pub fn label(self) -> String {
        match self {
            Self::Expiring(days) => fl!("members-filter-expiring", days = days),
            Self::Inactive(days) => fl!("members-filter-inactive", days = days),
        }
    }

    /// Sets the query's parameter for this filter.
    pub fn apply(self, query: &mut MemberQuery) {
        match self {
            Self::Expiring(days) => query.expiring_within_days = Some(days),
            Self::Inactive(days) => query.inactive_days = Some(days),
        }
    }

    /// The platform's rule, over the offline copy: a membership ending
    /// after `now` and within the days; or no sign-in (since joining, for
    /// members who never signed in) for at least the days.
    pub fn matches(self, member: &Member, now: OffsetDateTime) -> bool {
        match self {
            Self::Expiring(days) => {
                let until = now + Duration::days(i64::from(days));
                member
                    .group_expiry
                    .iter()
                    .any(|e| e.expires_at > now && e.expires_at <= until)
            }
            Self::Inactive(days) => {
                let since = member.last_login_at.unwrap_or(member.joined_at);
                now - since >= Duration::days(i64::from(days))
            }
        }
    }

    /// Whether a dormant report: the one the "Suspend selected" action belongs to.
    pub fn dormant(self) -> bool {
        matches!(self, Self::Inactive(_))
    }
}

#[cfg(test)]
mod tests {
    use orgdesk_api::{GroupExpiry, MembershipStatus};
    use time::macros::datetime;

    use super::*;

    fn member(expiry: &[OffsetDateTime], last: Option<OffsetDateTime>) -> Member {
        Member {
            id: Uuid::from_u128(1),
            name: "Ada".into(),
            email: "ada@example.com".into(),
            status: MembershipStatus::Active,
            groups: Vec::new(),
            joined_at: datetime!(2026-01-01 00:00 UTC),
            last_login_at: last,
            suspended_at: None,
            updated_at: datetime!(2026-01-01 00:00 UTC),
            managed: false,
            group_expiry: expiry
                .iter()
                .enumerate()
                .map(|(i, &expires_at)| GroupExpiry {
                    group: Uuid::from_u128(i as u128 + 10),
                    expires_at,
                })
                .collect(),
        }
    }

    #[test]
    fn ends_by_how_near() {
        let now = datetime!(2026-12-05 12:00 UTC);
        let at = |end| End::at(end, now);
        assert_eq!(
            at(datetime!(2027-01-31 00:00 UTC)),
            End::Until(crate::locale::date(datetime!(2027-01-31 00:00 UTC)))
        );
        assert_eq!(
            at(now + Duration::days(7)),
            End::Until(crate::locale::date(now + Duration::days(7)))
        );
        assert_eq!(
            at(now + Duration::days(3) + Duration::hours(2)),
            End::InDays(3)
        );
        assert_eq!(at(now + Duration::hours(30)), End::InDays(1));
        assert_eq!(at(now + Duration::hours(5)), End::Today);
        assert_eq!(at(now), End::Ended);
        assert_eq!(at(now - Duration::days(2)), End::Ended);
    }

    #[test]
    fn typed_days_parse_to_midnight_utc() {
        assert_eq!(
            parse_day(" 2027-01-31 "),
            Some(datetime!(2027-01-31 00:00 UTC))
        );
        assert_eq!(parse_day("31.01.2027"), None);
        assert_eq!(parse_day("2027-02-30"), None);
        assert_eq!(parse_day(""), None);
    }

    #[test]
    fn offline_filters_follow_the_platform_rule() {
        let now = datetime!(2026-12-05 12:00 UTC);
        let soon = member(&[now + Duration::days(3)], Some(now));
        let later = member(&[now + Duration::days(20)], Some(now));
        let past = member(&[now - Duration::hours(1)], Some(now));
        let none = member(&[], Some(now));
        let week = AccessFilter::Expiring(7);
        let month = AccessFilter::Expiring(30);
        assert!(week.matches(&soon, now) && month.matches(&soon, now));
        assert!(!week.matches(&later, now) && month.matches(&later, now));
        assert!(
            !month.matches(&past, now),
            "an ended membership is not expiring"
        );
        assert!(!month.matches(&none, now));

        let dormant = AccessFilter::Inactive(90);
        let old = member(&[], Some(now - Duration::days(91)));
        let recent = member(&[], Some(now - Duration::days(89)));
        let never = member(&[], None); // joined 2026-01-01: counts from then
        assert!(dormant.matches(&old, now));
        assert!(!dormant.matches(&recent, now));
        assert!(dormant.matches(&never, now));
        let mut fresh = member(&[], None);
        fresh.joined_at = now - Duration::days(10);
        assert!(
            !dormant.matches(&fresh, now),
            "never signed in, but joined lately"
        );
    }

    #[test]
    fn filters_ask_the_platform_by_name() {
        let mut query = MemberQuery::default();
        AccessFilter::Expiring(30).apply(&mut query);
        assert_eq!(query.expiring_within_days, Some(30));
        AccessFilter::Inactive(90).apply(&mut query);
        assert_eq!(query.inactive_days, Some(90));
    }
}
