//! Decisions taken from the offline copy: kept sealed in the outbox, sent
//! with the item version they were taken on when the platform answers, and
//! what came back — recorded (out of the outbox), a conflict (kept, with the
//! item as it is now, for the person to settle), or refused for good.
//!
//! Every change of the outbox reads the newest one and writes it back under
//! one lock, so a send finishing while the person decides more loses nothing;
//! an answer is applied only to the very decision that was sent.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use orgdesk_api::{DecisionBatch, DecisionInput, DecisionStatus, ReviewItem};
use orgdesk_client::Client;
use uuid::Uuid;

use crate::cache::reviews::{Outbox, Pending, PendingState, Refusal};
use crate::cache::{Cache, CacheError, CacheKey};
use crate::fl;

/// The offline cache and where this organization's copy is filed in it.
pub type Store = (Arc<Cache>, CacheKey);

/// Decisions per request (the platform takes up to 1,000).
const BATCH: usize = 500;

/// Serializes read-modify-write of outboxes within the console.
static LOCK: Mutex<()> = Mutex::new(());

/// What a send did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sent {
    /// Decisions the platform recorded.
    pub recorded: usize,
    /// Decisions that met a change: kept in the outbox as conflicts.
    pub conflicts: usize,
    /// Decisions the platform will never take.
    pub refused: usize,
    /// The outbox afterwards.
    pub outbox: Outbox,
    /// Why sending stopped early (the platform unreachable, say), in words;
    /// what was not sent stays for the next time.
    pub failed: Option<String>,
}

/// The outbox, or why it cannot be read, in words.
pub async fn load(store: Store) -> Result<Outbox, String> {
    change(store, |_| ()).await.map(|(outbox, ())| outbox)
}

/// Applies `edit` to the newest outbox and keeps the result (sealed).
pub async fn change<R: Send + 'static>(
    (cache, key): Store,
    edit: impl FnOnce(&mut Outbox) -> R + Send + 'static,
) -> Result<(Outbox, R), String> {
    tokio::task::spawn_blocking(move || {
        let _held = LOCK.lock().unwrap_or_else(PoisonError::into_inner);
        let mut outbox = cache.load_outbox(&key)?;
        let before = outbox.clone();
        let answer = edit(&mut outbox);
        if outbox != before {
            cache.save_outbox(&key, &outbox)?;
        }
        Ok::<_, CacheError>((outbox, answer))
    })
    .await
    .map_err(|e| fl!("reviews-outbox-failed", detail = e.to_string()))?
    .map_err(|e| words(&e))
}

/// A cache failure in words.
fn words(error: &CacheError) -> String {
    match error {
        CacheError::Tampered | CacheError::KeyChanged => fl!("reviews-outbox-discarded"),
        other => fl!("reviews-outbox-failed", detail = other.to_string()),
    }
}

/// How the platform answered one decision.
#[derive(Debug, Clone)]
enum Outcome {
    Recorded,
    Conflict(Box<ReviewItem>),
    Refused(Refusal),
}

/// Sends every decision not sent yet, campaign by campaign; see the module
/// doc. With nothing to send the platform is not asked.
pub async fn send(client: Client, org: String, store: Store) -> Result<Sent, String> {
    let outbox = load(store.clone()).await?;
    let mut by_review: BTreeMap<Uuid, Vec<Pending>> = BTreeMap::new();
    for pending in &outbox.entries {
        if pending.state == PendingState::NotSent {
            by_review
                .entry(pending.review)
                .or_default()
                .push(pending.clone());
        }
    }
    let mut outcomes: Vec<(Pending, Outcome)> = Vec::new();
    let mut failed = None;
    'campaigns: for (review, entries) in by_review {
        for chunk in entries.chunks(BATCH) {
            match post(&client, &org, review, chunk).await {
                Ok(answered) => outcomes.extend(answered),
                Err(Stop::Refused(why)) if chunk.len() == 1 || why != Refusal::Invalid => {
                    outcomes.extend(chunk.iter().map(|p| (p.clone(), Outcome::Refused(why))));
                }
                // One malformed decision refuses its whole request: each alone.
                Err(Stop::Refused(_)) => {
                    for one in chunk {
                        match post(&client, &org, review, std::slice::from_ref(one)).await {
                            Ok(answered) => outcomes.extend(answered),
                            Err(Stop::Refused(why)) => {
                                outcomes.push((one.clone(), Outcome::Refused(why)))
                            }
                            Err(Stop::Failed(why)) => {
                                failed = Some(why);
                                break 'campaigns;
                            }
                        }
                    }
                }
                Err(Stop::Failed(why)) => {
                    failed = Some(why);
                    break 'campaigns;
                }
            }
        }
    }
    let (outbox, (recorded, conflicts, refused)) = change(store, move |outbox| {
        let mut counts = (0, 0, 0);
        for (sent, outcome) in outcomes {
            // Changed or settled meanwhile: that newer decision stands.
            if outbox.get(sent.item_id) != Some(&sent) {
                continue;
            }
            match outcome {
                Outcome::Recorded => {
                    outbox.remove(sent.item_id);
                    counts.0 += 1;
                }
                Outcome::Conflict(theirs) => {
                    if let Some(entry) = outbox.get_mut(sent.item_id) {
                        entry.state = PendingState::Conflict { theirs };
                    }
                    counts.1 += 1;
                }
                Outcome::Refused(why) => {
                    if let Some(entry) = outbox.get_mut(sent.item_id) {
                        entry.state = PendingState::Refused { why };
                    }
                    counts.2 += 1;
                }
            }
        }
        counts
    })
    .await?;
    Ok(Sent {
        recorded,
        conflicts,
        refused,
        outbox,
        failed,
    })
}

/// Why a request of decisions answered nothing per decision.
enum Stop {
    /// The platform will not take these, ever.
    Refused(Refusal),
    /// Not now (unreachable, signed out, a server error), in words.
    Failed(String),
}

async fn post(
    client: &Client,
    org: &str,
    review: Uuid,
    chunk: &[Pending],
) -> Result<Vec<(Pending, Outcome)>, Stop> {
    let batch = DecisionBatch {
        decisions: chunk
            .iter()
            .map(|p| DecisionInput {
                item_id: p.item_id,
                decision: p.decision,
                expires_at: p.expires_at,
                version: p.version,
            })
            .collect(),
    };
    match client.decide_access_review(org, review, &batch).await {
        Ok(results) => Ok(chunk
            .iter()
            .zip(results.results)
            .map(|(p, result)| {
                let outcome = match result.status {
                    DecisionStatus::Recorded => Outcome::Recorded,
                    // Already what I decided (sent twice, or decided alike
                    // by someone else): nothing to settle.
                    DecisionStatus::Conflict if same(p, &result.item) => Outcome::Recorded,
                    DecisionStatus::Conflict => Outcome::Conflict(Box::new(result.item)),
                };
                (p.clone(), outcome)
            })
            .collect()),
        Err(e) => Err(match e.status() {
            Some(409) => Stop::Refused(Refusal::Completed),
            Some(403 | 404) => Stop::Refused(Refusal::Gone),
            Some(422) => Stop::Refused(Refusal::Invalid),
            _ => Stop::Failed(crate::screen::describe(&e)),
        }),
    }
}

/// Whether the item as it is now carries the decision `mine` would make.
pub fn same(mine: &Pending, theirs: &ReviewItem) -> bool {
    theirs
        .decision
        .as_ref()
        .is_some_and(|d| d.decision == mine.decision && d.expires_at == mine.expires_at)
}

/// "Use mine": decide again on the item as it is now.
pub fn use_mine(outbox: &mut Outbox, item: Uuid) {
    if let Some(entry) = outbox.get_mut(item)
        && let PendingState::Conflict { theirs } = &entry.state
    {
        entry.version = theirs.version;
        entry.state = PendingState::NotSent;
    }
}
