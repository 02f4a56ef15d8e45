//! How repeated login failures are slowed, then refused. The counters live in
//! the database so every instance sees the same ones; this module only decides.

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
