//! Keeping the offline copy of an organization's members up to date, and
//! reading it back when the platform cannot be reached.
//!
//! The first sync fetches every member (pages of [`PAGE`]); later ones ask
//! only for memberships changed since the newest `updated_at` in the copy
//! (the server's clock, less [`MARGIN`] for changes still committing) and
//! merge them in by id. Memberships are never deleted on the platform, so the
//! merged list is complete; should its length still disagree with the
//! platform's total, the sync starts over with a full fetch.

use std::collections::HashMap;
use std::sync::Arc;

use orgdesk_api::{Member, MemberQuery, MemberSort};
use orgdesk_client::Client;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::cache::{Cache, CacheError, CacheKey, Cached};

/// The cache kind of the account's organizations (filed under organization "").
pub(crate) const ORGANIZATIONS: &str = "organizations";

/// The cache kind of the members list.
pub const MEMBERS: &str = "members";
/// Members per request when syncing.
pub const PAGE: u32 = 500;
/// Changes this close before the newest seen are fetched again.
pub const MARGIN: Duration = Duration::seconds(5);

/// The cache kind of one member's details.
pub fn member_kind(id: Uuid) -> String {
    format!("member-{id}")
}

/// An organization's members as cached.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberList {
    pub members: Vec<Member>,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synced {
    /// Members in the copy now.
    pub members: usize,
    /// Members fetched to get there.
    pub fetched: usize,
    /// Whether only changes were fetched.
    pub incremental: bool,
    /// The previous copy was damaged or sealed with a lost key and was discarded.
    pub discarded: bool,
}

/// Why a sync stopped (the old copy is left as it was).
#[derive(Debug, Clone, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Platform(#[from] orgdesk_client::Error),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

/// Reads the members copy; a damaged one is discarded and answered as none
/// (with `true`).
pub async fn load_members(
    cache: Arc<Cache>,
    key: CacheKey,
) -> Result<(Option<Cached<MemberList>>, bool), CacheError> {
    blocking(move || match cache.load::<MemberList>(&key, MEMBERS) {
        Ok(found) => Ok((found, false)),
        Err(CacheError::Tampered | CacheError::KeyChanged) => Ok((None, true)),
        Err(other) => Err(other),
    })
    .await
}

/// How far a sync is: members fetched of those it asks for (all of them,
/// or the changed ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub fetched: u64,
    pub total: u64,
}

/// Brings the members copy of `org` up to date; see the module doc.
pub async fn sync_members(
    client: Client,
    org: String,
    cache: Arc<Cache>,
    key: CacheKey,
) -> Result<Synced, SyncError> {
    sync_members_reporting(client, org, cache, key, PAGE, |_| {}).await
}

/// [`sync_members`] in pages of `page`, saying after each how far it is.
/// The copy is replaced only at the end, whole: dropped (cancelled) before,
/// the previous copy stays as it was.
pub async fn sync_members_reporting(
    client: Client,
    org: String,
    cache: Arc<Cache>,
    key: CacheKey,
    page: u32,
    report: impl Fn(Progress) + Send + Sync,
) -> Result<Synced, SyncError> {
    let report = &report;
    let fetched_at = OffsetDateTime::now_utc();
    let (previous, discarded) = load_members(cache.clone(), key.clone()).await?;
    let mut incremental = false;
    let mut fetched = 0;
    let mut members = match previous {
        Some(copy) if !copy.value.members.is_empty() => {
            let since = copy
                .value
                .members
                .iter()
                .map(|m| m.updated_at)
                .max()
                .map(|newest| newest - MARGIN);
            let (changes, total) = fetch_all(&client, &org, since, page, report).await?;
            fetched += changes.len();
            let merged = merge(copy.value.members, changes);
            let all = fetch_page(&client, &org, None, None, 1).await?.total;
            if merged.len() as u64 == all {
                incremental = true;
                merged
            } else {
                tracing::info!(
                    cached = merged.len(),
                    all,
                    total,
                    "members copy incomplete; fetching all"
                );
                let (everyone, _) = fetch_all(&client, &org, None, page, report).await?;
                fetched += everyone.len();
                everyone
            }
        }
        _ => {
            let (everyone, _) = fetch_all(&client, &org, None, page, report).await?;
            fetched += everyone.len();
            everyone
        }
    };
    members.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    let count = members.len();
    let list = MemberList { members };
    blocking(move || cache.save(&key, MEMBERS, &list, fetched_at)).await?;
    Ok(Synced {
        members: count,
        fetched,
        incremental,
        discarded,
    })
}

/// Replaces cached members by their changed versions and adds new ones.
fn merge(cached: Vec<Member>, changes: Vec<Member>) -> Vec<Member> {
    let mut by_id: HashMap<Uuid, Member> = cached.into_iter().map(|m| (m.id, m)).collect();
    for member in changes {
        by_id.insert(member.id, member);
    }
    by_id.into_values().collect()
}

async fn fetch_all(
    client: &Client,
    org: &str,
    since: Option<OffsetDateTime>,
    size: u32,
    report: &(impl Fn(Progress) + Send + Sync),
) -> Result<(Vec<Member>, u64), orgdesk_client::Error> {
    let mut members = Vec::new();
    let mut cursor = None;
    loop {
        let page = fetch_page(client, org, since, cursor, size).await?;
        members.extend(page.items);
        report(Progress {
            fetched: members.len() as u64,
            total: page.total.max(members.len() as u64),
        });
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok((members, page.total)),
        }
    }
}

async fn fetch_page(
    client: &Client,
    org: &str,
    since: Option<OffsetDateTime>,
    cursor: Option<String>,
    limit: u32,
) -> Result<orgdesk_api::Page<Member>, orgdesk_client::Error> {
    let query = MemberQuery {
        sort: Some(MemberSort::Name),
        limit: Some(limit),
        cursor,
        updated_since: since,
        ..MemberQuery::default()
    };
    client.members(org, &query).await
}

/// Saves one member's details (the sheet's data) for offline review.
pub async fn save_details<T: Serialize + Send + 'static>(
    cache: Arc<Cache>,
    key: CacheKey,
    id: Uuid,
    details: T,
) -> Result<(), CacheError> {
    blocking(move || cache.save(&key, &member_kind(id), &details, OffsetDateTime::now_utc())).await
}

/// Reads one member's cached details, if any (a damaged copy counts as none).
pub async fn load_details<T: serde::de::DeserializeOwned + Send + 'static>(
    cache: Arc<Cache>,
    key: CacheKey,
    id: Uuid,
) -> Option<Cached<T>> {
    blocking(move || cache.load::<T>(&key, &member_kind(id)))
        .await
        .ok()
        .flatten()
}

/// Forgets everything cached for `account` on `platform` in these organizations.
pub async fn clear(cache: Arc<Cache>, keys: Vec<CacheKey>) {
    let _ = blocking(move || {
        for key in &keys {
            if let Err(error) = cache.clear_account(key) {
                tracing::warn!(%error, "cannot clear the offline cache");
            }
        }
        Ok::<(), CacheError>(())
    })
    .await;
}

/// Runs cache file work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CacheError> + Send + 'static,
) -> Result<T, CacheError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| CacheError::Io(Arc::new(std::io::Error::other(e))))?
}

/// What a sync of the review copy did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewsSynced {
    /// Open campaigns in the copy now.
    pub campaigns: usize,
    /// Decisions kept offline that the platform recorded on the way.
    pub sent: crate::screen::reviews::Sent,
}

/// The platform is back: first the decisions kept offline are sent (a
/// conflict stays in the outbox for the Reviews screen), then the copy takes
/// the open access reviews the person may decide (all of them with
/// `org.reviews.manage`, else those they review — the platform's list says
/// which) with every item and its version. No right to see reviews (403)
/// leaves an empty copy.
pub async fn sync_reviews(
    client: Client,
    org: String,
    cache: Arc<Cache>,
    key: CacheKey,
) -> Result<ReviewsSynced, SyncError> {
    use crate::cache::reviews::{CampaignCopy, ReviewCopy};

    let fetched_at = OffsetDateTime::now_utc();
    let sent = crate::screen::reviews::outbox::send(
        client.clone(),
        org.clone(),
        (cache.clone(), key.clone()),
    )
    .await
    .unwrap_or_else(|why| {
        tracing::warn!(%why, "cannot send the decisions kept offline");
        crate::screen::reviews::Sent::default()
    });
    let mut campaigns = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = match client
            .access_reviews(&org, Some(orgdesk_api::MAX_LIMIT), cursor.as_deref())
            .await
        {
            Ok(page) => page,
            Err(e) if e.status() == Some(403) => break,
            Err(e) => return Err(e.into()),
        };
        campaigns.extend(
            page.items
                .into_iter()
                .filter(|r| r.status == orgdesk_api::ReviewStatus::Open),
        );
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let mut copy = ReviewCopy::default();
    for review in campaigns {
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = client
                .access_review_items(
                    &org,
                    review.id,
                    Some(orgdesk_api::MAX_LIMIT),
                    cursor.as_deref(),
                )
                .await?;
            items.extend(page.items);
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        copy.campaigns.push(CampaignCopy { review, items });
    }
    let count = copy.campaigns.len();
    blocking(move || cache.save_reviews(&key, &copy, fetched_at)).await?;
    Ok(ReviewsSynced {
        campaigns: count,
        sent,
    })
}
