//! The throttles every password check and every rate-bound action passes,
//! decided atomically in the database (see `domain::throttle`).

use std::net::IpAddr;

use crate::domain::throttle::{self, Rate, address_subject};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{now_ms, throttle as counters};

/// The counters a password check of one account from one address spends.
pub struct PasswordCheck {
    account: String,
    address: String,
}

impl PasswordCheck {
    /// Reserves a check for `account` (a normalized email or an account id)
    /// from `ip`, before the hash is computed: 429 `too_many_attempts` while
    /// either is blocked, and of a burst of parallel guesses only as many as
    /// the budget allows get through.
    pub async fn reserve(state: &AppState, account: &str, ip: IpAddr) -> AppResult<Self> {
        let check = Self {
            account: counters::key("password-account", account),
            address: counters::key("password-address", &address_subject(ip)),
        };
        let now = now_ms();
        let mut tx = state.db.begin().await?;
        let for_account = counters::get_for_update(&mut tx, &check.account).await?;
        let for_address = counters::get_for_update(&mut tx, &check.address).await?;
        let reserved = throttle::reserve(for_account, now, throttle::ACCOUNT_FREE_FAILURES)
            .and_then(|a| {
                throttle::reserve(for_address, now, throttle::ADDRESS_FREE_FAILURES).map(|b| (a, b))
            });
        match reserved {
            Ok((account, address)) => {
                counters::put(&mut tx, &check.account, account).await?;
                counters::put(&mut tx, &check.address, address).await?;
                tx.commit().await?;
                Ok(check)
            }
            Err(wait) => Err(AppError::too_many(throttle::retry_after_secs(wait))),
        }
    }

    /// Checks `password` against `hash` (on the CPU pool) under this
    /// reservation. Right: the account starts over and the address gets its
    /// reservation back. Wrong: both stay counted. Not checked at all (the
    /// pool is full, 503 `busy`): both get it back.
    pub async fn check(self, state: &AppState, password: String, hash: String) -> AppResult<bool> {
        match state.verify_password(password, hash).await {
            Ok(true) => {
                self.give_back(state, true).await?;
                Ok(true)
            }
            Ok(false) => Ok(false),
            Err(busy) => {
                self.give_back(state, false).await?;
                Err(busy)
            }
        }
    }

    async fn give_back(self, state: &AppState, succeeded: bool) -> AppResult<()> {
        let now = now_ms();
        let mut tx = state.db.begin().await?;
        let account = counters::get_for_update(&mut tx, &self.account).await?;
        if succeeded {
            counters::clear(&mut tx, &self.account).await?;
        } else {
            counters::put(
                &mut tx,
                &self.account,
                throttle::refund(account, now, throttle::ACCOUNT_FREE_FAILURES),
            )
            .await?;
        }
        let address = counters::get_for_update(&mut tx, &self.address).await?;
        counters::put(
            &mut tx,
            &self.address,
            throttle::refund(address, now, throttle::ADDRESS_FREE_FAILURES),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Spends `cost` of a rate for `subject` (e.g. an organization's invitations):
/// 429 `rate_limited` with `Retry-After` when it would go past the limit.
pub async fn spend(
    state: &AppState,
    kind: &str,
    subject: &str,
    cost: i64,
    rate: Rate,
    what: &str,
) -> AppResult<()> {
    let now = now_ms();
    let key = counters::key(kind, subject);
    match counters::take(&state.db, &key, |c| throttle::spend(c, now, cost, rate)).await? {
        Ok(()) => Ok(()),
        Err(wait) => Err(AppError::rate_limited(
            throttle::retry_after_secs(wait),
            format!(
                "{what}: at most {} per {} minutes",
                rate.limit,
                rate.window_ms / 60_000
            ),
        )),
    }
}

/// [`spend`] for one request from a client address (its /64 for IPv6).
pub async fn spend_for_address(
    state: &AppState,
    kind: &str,
    ip: IpAddr,
    rate: Rate,
    what: &str,
) -> AppResult<()> {
    spend(state, kind, &address_subject(ip), 1, rate, what).await
}
