//! Housekeeping on a timer: expired throttle counters and unpaid
//! organizations past their time. Rules never wait for it — an unpaid
//! organization's name is free the moment it expires, whether or not the
//! sweeper has run — it only keeps the tables small. Every instance runs it;
//! each pass is idempotent.

use std::time::Duration;

use tokio::task::JoinHandle;

use crate::state::AppState;
use crate::store::{self, now_ms};

/// The running task; aborted when dropped or stopped.
pub struct Sweeper(JoinHandle<()>);

impl Sweeper {
    pub async fn stop(mut self) {
        self.0.abort();
        let _ = (&mut self.0).await;
    }
}

impl Drop for Sweeper {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub fn spawn(state: AppState) -> Sweeper {
    let every = Duration::from_millis(state.limits.sweep_every_ms.max(100));
    Sweeper(tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(e) = sweep(&state).await {
                tracing::warn!(error = %e, "housekeeping failed; trying again later");
            }
        }
    }))
}

/// One pass: answers how many counters and organizations went.
pub async fn sweep(state: &AppState) -> anyhow::Result<(u64, u64)> {
    let now = now_ms();
    let mut tx = state.db.begin().await?;
    let counters = store::throttle::purge(&mut tx, now).await?;
    let orgs = store::orgs::delete_expired_unpaid(&mut tx, store::orgs::expiry_cutoff()).await?;
    tx.commit().await?;
    if orgs > 0 {
        tracing::info!(orgs, "unpaid organizations expired");
    }
    Ok((counters, orgs))
}
