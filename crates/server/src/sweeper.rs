//! Housekeeping on a timer: expired throttle counters, unpaid
//! organizations past their time, and group memberships past their end
//! (each removal audited). Rules never wait for it — an unpaid
//! organization's name is free the moment it expires, whether or not the
//! sweeper has run — it only keeps the tables small. Every instance runs it;
//! each pass is idempotent.

use std::time::Duration;

use tokio::task::JoinHandle;

use orgdesk_api::actions;

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

/// Memberships removed per transaction: a backlog goes in several short ones.
const EXPIRED_PER_PASS: i64 = 500;

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
    let memberships = sweep_expired_memberships(state, now).await?;
    if memberships > 0 {
        tracing::info!(memberships, "expired group memberships removed");
    }
    Ok((counters, orgs))
}

/// Removes the memberships whose end has come, with an audit entry each.
/// They granted nothing since their end already; this only tidies up.
pub async fn sweep_expired_memberships(state: &AppState, now: i64) -> anyhow::Result<u64> {
    let mut total = 0;
    loop {
        let mut tx = state.db.begin().await?;
        let gone = store::groups::delete_expired(&mut tx, now, EXPIRED_PER_PASS).await?;
        for expired in &gone {
            store::members::touch(&mut tx, expired.org, &[expired.account]).await?;
            store::audit::record(
                &mut tx,
                store::audit::Entry {
                    org: Some(expired.org),
                    actor: None,
                    action: actions::GROUP_MEMBERS_EXPIRE,
                    target_type: "member",
                    target_id: Some(expired.account.to_string()),
                    ip: None,
                    detail: serde_json::json!({
                        "group": expired.group,
                        "group_name": expired.group_name,
                        "expires_at": store::time_of(expired.expires_at)
                            .format(&time::format_description::well_known::Rfc3339)
                            .unwrap_or_default(),
                    }),
                },
            )
            .await?;
        }
        tx.commit().await?;
        total += gone.len() as u64;
        if (gone.len() as i64) < EXPIRED_PER_PASS {
            return Ok(total);
        }
    }
}
