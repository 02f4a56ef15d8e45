//! How repeated password failures are slowed, then refused, and how rates
//! (registrations per address, invitations per organization) are bounded.
//! The counters live in the database so every instance sees the same ones;
//! this module only decides.

use std::net::IpAddr;

/// Failures within one window before the key is blocked.
pub const ACCOUNT_FREE_FAILURES: i64 = 5;
pub const ADDRESS_FREE_FAILURES: i64 = 20;
/// A window in which failures add up; a quiet window starts over.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// The longest block.
pub const MAX_BLOCK_MS: i64 = 15 * 60 * 1000;

/// The stored state of one key (an account or an address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counter {
    pub failures: i64,
    pub window_start: i64,
    pub blocked_until: i64,
}

/// Milliseconds the key must still wait, if it is blocked now.
pub fn blocked_for(counter: &Counter, now: i64) -> Option<i64> {
    (counter.blocked_until > now).then(|| counter.blocked_until - now)
}

/// The counter after one more failure at `now`: past the free failures each
/// further one doubles the block, from 1 s up to 15 min.
pub fn after_failure(counter: Counter, now: i64, free_failures: i64) -> Counter {
    let fresh = now - counter.window_start > WINDOW_MS && counter.blocked_until <= now;
    let (failures, window_start) = if fresh {
        (1, now)
    } else {
        (counter.failures + 1, counter.window_start)
    };
    let over = failures - free_failures;
    let blocked_until = if over >= 0 {
        let block = 1000_i64
            .saturating_mul(1_i64 << over.min(20))
            .min(MAX_BLOCK_MS);
        now + block
    } else {
        counter.blocked_until.min(now)
    };
    Counter {
        failures,
        window_start,
        blocked_until,
    }
}

/// Reserves one password check for a key before it runs, counting it as a
/// failure until it succeeds: of many parallel guesses only those the key's
/// budget allows are ever checked. A blocked key answers how long to wait.
pub fn reserve(counter: Counter, now: i64, free_failures: i64) -> Result<Counter, i64> {
    match blocked_for(&counter, now) {
        Some(wait) => Err(wait),
        None => Ok(after_failure(counter, now, free_failures)),
    }
}

/// Gives back a reservation whose check succeeded (for a key that a success
/// does not clear, such as an address many people share).
pub fn refund(counter: Counter, now: i64, free_failures: i64) -> Counter {
    let failures = (counter.failures - 1).max(0);
    let blocked_until = if failures < free_failures {
        counter.blocked_until.min(now)
    } else {
        counter.blocked_until
    };
    Counter {
        failures,
        blocked_until,
        ..counter
    }
}

/// At most `limit` units per `window_ms`, in fixed windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub limit: i64,
    pub window_ms: i64,
}

impl Rate {
    pub const fn per_hour(limit: i64) -> Self {
        Self {
            limit,
            window_ms: 3600 * 1000,
        }
    }
}

/// The counter after spending `cost` units at `now`, or the milliseconds
/// until the window that has room starts. A refused spend changes nothing.
pub fn spend(counter: Counter, now: i64, cost: i64, rate: Rate) -> Result<Counter, i64> {
    let (used, window_start) = if now - counter.window_start >= rate.window_ms {
        (0, now)
    } else {
        (counter.failures, counter.window_start)
    };
    if used + cost > rate.limit {
        return Err((window_start + rate.window_ms - now).max(1));
    }
    Ok(Counter {
        failures: used + cost,
        window_start,
        // Kept so that expired counters can be purged alike.
        blocked_until: window_start + rate.window_ms,
    })
}

/// What a client address is counted as: the address itself, an IPv6
/// address by its /64 (one subscriber's whole network), an IPv4-mapped
/// IPv6 address as IPv4.
pub fn address_subject(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Seconds for `Retry-After`, rounded up.
pub fn retry_after_secs(wait_ms: i64) -> u64 {
    u64::try_from((wait_ms + 999) / 1000).unwrap_or(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_failures_then_growing_blocks() {
        let mut c = Counter::default();
        let now = 1_000_000_000;
        for _ in 0..ACCOUNT_FREE_FAILURES - 1 {
            c = after_failure(c, now, ACCOUNT_FREE_FAILURES);
            assert_eq!(blocked_for(&c, now), None);
        }
        c = after_failure(c, now, ACCOUNT_FREE_FAILURES);
        assert_eq!(blocked_for(&c, now), Some(1000));
        c = after_failure(c, now + 1000, ACCOUNT_FREE_FAILURES);
        assert_eq!(blocked_for(&c, now + 1000), Some(2000));
        for i in 0..30 {
            c = after_failure(c, now + 2000 + i, ACCOUNT_FREE_FAILURES);
        }
        assert!(blocked_for(&c, now + 2030).unwrap() <= MAX_BLOCK_MS);
    }

    #[test]
    fn reservations_stop_parallel_guesses_at_the_budget() {
        let now = 7_000_000;
        let mut c = Counter::default();
        let mut checked = 0;
        for _ in 0..40 {
            if let Ok(next) = reserve(c, now, ACCOUNT_FREE_FAILURES) {
                c = next;
                checked += 1;
            }
        }
        assert_eq!(checked, ACCOUNT_FREE_FAILURES);
        assert!(reserve(c, now, ACCOUNT_FREE_FAILURES).is_err());
        // A success on a shared address gives its reservation back.
        let shared = reserve(Counter::default(), now, 2).unwrap();
        let shared = reserve(shared, now, 2).unwrap();
        assert!(blocked_for(&shared, now).is_some());
        let back = refund(shared, now, 2);
        assert_eq!(back.failures, 1);
        assert_eq!(blocked_for(&back, now), None);
    }

    #[test]
    fn rates_refuse_past_the_limit_until_the_next_window() {
        let rate = Rate {
            limit: 3,
            window_ms: 1000,
        };
        let now = 50_000;
        let c = spend(Counter::default(), now, 2, rate).unwrap();
        let c = spend(c, now + 10, 1, rate).unwrap();
        assert_eq!(spend(c, now + 20, 1, rate), Err(980));
        // A request bigger than the room left is refused whole.
        let c2 = spend(Counter::default(), now, 1, rate).unwrap();
        assert!(spend(c2, now, 3, rate).is_err());
        assert_eq!(spend(c, now + 1000, 3, rate).unwrap().failures, 3);
    }

    #[test]
    fn addresses_are_counted_by_network() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(address_subject(ip("203.0.113.7")), "203.0.113.7");
        assert_eq!(
            address_subject(ip("2001:db8:1:2:aaaa::1")),
            address_subject(ip("2001:db8:1:2:ffff::9"))
        );
        assert_ne!(
            address_subject(ip("2001:db8:1:2::1")),
            address_subject(ip("2001:db8:1:3::1"))
        );
        assert_eq!(address_subject(ip("::ffff:198.51.100.4")), "198.51.100.4");
    }

    #[test]
    fn a_quiet_window_starts_over() {
        let now = 5_000_000;
        let c = Counter {
            failures: 4,
            window_start: now,
            blocked_until: 0,
        };
        let later = now + WINDOW_MS + 1;
        let c = after_failure(c, later, ACCOUNT_FREE_FAILURES);
        assert_eq!((c.failures, c.window_start), (1, later));
        assert_eq!(retry_after_secs(1), 1);
        assert_eq!(retry_after_secs(1001), 2);
    }
}
