//! The overview's day series: every day of the span, quiet days included.

use time::{Duration, OffsetDateTime, Time};

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// The first millisecond of the `days`-day span that ends with `now`'s UTC day.
pub fn series_start_ms(now: OffsetDateTime, days: u32) -> i64 {
    let today = now
        .to_offset(time::UtcOffset::UTC)
        .replace_time(Time::MIDNIGHT);
    let first = today - Duration::days(i64::from(days.max(1)) - 1);
    first.unix_timestamp() * 1000
}

/// `counts` (days since the epoch, count) as `days` consecutive days ending
/// with `now`'s UTC day, oldest first; days without sign-ins count 0 and
/// days outside the span are left out.
pub fn day_series(
    counts: &[(i64, i64)],
    now: OffsetDateTime,
    days: u32,
) -> Vec<(OffsetDateTime, u64)> {
    let first_day = series_start_ms(now, days).div_euclid(DAY_MS);
    (0..i64::from(days.max(1)))
        .map(|i| {
            let day = first_day + i;
            let count = counts
                .iter()
                .filter(|(d, _)| *d == day)
                .map(|(_, n)| u64::try_from(*n).unwrap_or(0))
                .sum();
            let start = OffsetDateTime::from_unix_timestamp(day * DAY_MS / 1000)
                .unwrap_or(OffsetDateTime::UNIX_EPOCH);
            (start, count)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn thirty_days_end_today_with_quiet_days_as_zero() {
        let now = datetime!(2026-12-05 10:30 UTC);
        let today = now.unix_timestamp() * 1000 / DAY_MS;
        let series = day_series(&[(today, 3), (today - 2, 1), (today - 30, 9)], now, 30);
        assert_eq!(series.len(), 30);
        assert_eq!(series[29], (datetime!(2026-12-05 0:00 UTC), 3));
        assert_eq!(series[27], (datetime!(2026-12-03 0:00 UTC), 1));
        assert_eq!(series[0].0, datetime!(2026-11-06 0:00 UTC));
        assert_eq!(
            series.iter().map(|(_, n)| n).sum::<u64>(),
            4,
            "day 31 is out"
        );
        assert_eq!(
            series_start_ms(now, 30),
            datetime!(2026-11-06 0:00 UTC).unix_timestamp() * 1000
        );
    }

    #[test]
    fn the_day_is_the_utc_day() {
        let late = datetime!(2026-12-05 23:30 -05:00); // 04:30 on the 6th, UTC
        let series = day_series(&[], late, 1);
        assert_eq!(series, [(datetime!(2026-12-06 0:00 UTC), 0)]);
    }
}
