//! Governance → Access reviews: the campaigns (a page at a time, "More" for
//! the next), starting one (name, groups, reviewers, due date), its items
//! (member × group, with what the group grants) decided Keep / Revoke /
//! Expire (date) — a conflict answer shown on its item, never overwritten —
//! then Complete after the platform's dry run says what it would change, and
//! the report CSV for auditors.
//!
//! From the offline copy (the platform unreachable) the campaigns and items
//! are the copy's and each decision goes to the sealed outbox, shown "not
//! sent yet"; [`outbox`] sends them when the platform answers again, and a
//! decision that met a change comes back as a conflict shown side by side
//! (theirs, mine) with "Use mine" and "Keep theirs".

pub mod outbox;
mod view;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use iced::Task;
use orgdesk_api::{
    AccessReview, CompleteReview, CreateAccessReview, DecisionBatch, DecisionInput,
    DecisionResults, DecisionStatus, Group, MemberQuery, Page, ReviewCompletion, ReviewDecision,
    ReviewItem,
};
use orgdesk_client::{Client, Error};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::cache::reviews::{Outbox, Pending, PendingState, ReviewCopy};
use crate::fl;
use crate::remote::{Latest, Tag};
pub use outbox::{Sent, Store};

/// Items per request when opening a campaign.
const LIMIT: u32 = 500;
/// Campaigns per page of the list; "More" reads the next.
pub const LIST_LIMIT: u32 = 50;

pub struct Reviews {
    client: Client,
    org: String,
    campaigns: Option<Result<Vec<AccessReview>, String>>,
    listing: Latest,
    /// Where the next page of campaigns starts, when there is one.
    next: Option<String>,
    more: Latest,
    /// The offline cache of this organization: the outbox lives there.
    store: Option<Store>,
    /// Working from the offline copy, not the platform.
    offline: bool,
    /// When the offline copy was fetched.
    as_of: Option<OffsetDateTime>,
    /// The offline copy, while working from it.
    copy: Option<ReviewCopy>,
    /// Decisions taken from the copy and not yet accepted by the platform.
    outbox: Outbox,
    sending: bool,
    groups: Vec<Group>,
    form: Form,
    open: Option<Open>,
    notice: Option<Result<String, String>>,
    /// A campaign's report on its way to a file.
    download: super::groups::csv::Download,
}

#[derive(Default)]
struct Form {
    name: String,
    due: String,
    reviewers: String,
    groups: BTreeSet<Uuid>,
    sending: bool,
}

/// A campaign opened: its items and where deciding and completing stand.
pub struct Open {
    pub review: AccessReview,
    pub items: Vec<ReviewItem>,
    /// Expire dates typed per item.
    dates: HashMap<Uuid, String>,
    /// Items whose decision met a change: shown until decided again.
    pub conflicts: BTreeSet<Uuid>,
    /// The dry run of Complete, waiting for confirmation.
    pub preview: Option<ReviewCompletion>,
    pub done: Option<ReviewCompletion>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Refresh,
    Listed(Tag, Result<Page<AccessReview>, Error>),
    /// The next page of campaigns.
    More,
    MoreListed(Tag, Result<Page<AccessReview>, Error>),
    /// The offline copy and the outbox, read (or why not).
    /// The outbox is read apart: a damaged one still shows the copy.
    CopyLoaded(Option<(ReviewCopy, OffsetDateTime)>, Result<Outbox, String>),
    /// The outbox after a change (a decision kept, a conflict settled).
    OutboxChanged(Result<Outbox, String>),
    /// "Send decisions": the outbox to the platform.
    Send,
    Sent(Result<Sent, String>),
    /// A conflict settled: send mine again on the item as it is now.
    UseMine(Uuid),
    /// A conflict settled (or a refusal dismissed): drop mine.
    KeepTheirs(Uuid),
    GroupsLoaded(Result<Vec<Group>, Error>),
    NameChanged(String),
    DueChanged(String),
    ReviewersChanged(String),
    ToggleGroup(Uuid, bool),
    Start,
    Started(Result<AccessReview, String>),
    Open(Uuid),
    Opened(Result<(AccessReview, Vec<ReviewItem>), Error>),
    DateChanged(Uuid, String),
    Decide(Uuid, ReviewDecision),
    Decided(Result<DecisionResults, Error>),
    Complete,
    Previewed(Result<ReviewCompletion, Error>),
    ConfirmComplete,
    Completed(Result<ReviewCompletion, Error>),
    Export(Uuid),
    ExportTo(Uuid, Option<PathBuf>),
    Exported(Result<PathBuf, String>),
    CancelExport,
    Back,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// How an export ended, for the shell's notices.
    Notify(crate::widget::progress::Notice),
}

impl Reviews {
    pub fn new(client: Client, org: String) -> (Self, Task<Message>) {
        Self::online(client, org, None)
    }

    fn empty(client: Client, org: String, store: Option<Store>) -> Self {
        Self {
            client,
            org,
            campaigns: None,
            listing: Latest::default(),
            next: None,
            more: Latest::default(),
            store,
            offline: false,
            as_of: None,
            copy: None,
            outbox: Outbox::default(),
            sending: false,
            groups: Vec::new(),
            form: Form::default(),
            open: None,
            notice: None,
            download: Default::default(),
        }
    }

    /// Against the platform; decisions kept offline (in `store`'s outbox)
    /// are sent first — the platform is back.
    pub fn online(client: Client, org: String, store: Option<Store>) -> (Self, Task<Message>) {
        let mut screen = Self::empty(client, org, store);
        let list = screen.reload();
        let (client, org) = (screen.client.clone(), screen.org.clone());
        let groups = Task::perform(
            async move { client.groups(&org).await },
            Message::GroupsLoaded,
        );
        let send = screen.send();
        (screen, Task::batch([list, groups, send]))
    }

    /// From the offline copy in `store`: nothing is asked of the platform
    /// until "Send decisions".
    pub fn offline(client: Client, org: String, store: Store) -> (Self, Task<Message>) {
        let mut screen = Self::empty(client, org, Some(store.clone()));
        screen.offline = true;
        let task = Task::perform(
            async move {
                let (cache, key) = store.clone();
                let copy = match tokio::task::spawn_blocking(move || cache.load_reviews(&key)).await
                {
                    Ok(Ok(found)) => found.map(|c| (c.value, c.as_of)),
                    // A damaged copy was discarded: as if none was kept.
                    Ok(Err(error)) => {
                        tracing::warn!(%error, "the offline review copy is unreadable");
                        None
                    }
                    Err(error) => {
                        tracing::warn!(%error, "cannot read the offline review copy");
                        None
                    }
                };
                (copy, outbox::load(store).await)
            },
            |(copy, outbox)| Message::CopyLoaded(copy, outbox),
        );
        (screen, task)
    }

    fn reload(&mut self) -> Task<Message> {
        if self.offline {
            return Task::none();
        }
        self.more.forget();
        let tag = self.listing.ask();
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move { client.access_reviews(&org, Some(LIST_LIMIT), None).await },
            move |result| Message::Listed(tag, result),
        )
    }

    /// The page of campaigns after the last one shown.
    fn load_more(&mut self) -> Task<Message> {
        let Some(cursor) = self.next.clone() else {
            return Task::none();
        };
        if self.more.current().is_some() || self.offline {
            return Task::none();
        }
        let tag = self.more.ask();
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move {
                client
                    .access_reviews(&org, Some(LIST_LIMIT), Some(&cursor))
                    .await
            },
            move |result| Message::MoreListed(tag, result),
        )
    }

    /// The next page's answer the screen waits for (tests answer it).
    pub fn pending_more(&self) -> Option<Tag> {
        self.more.current()
    }

    /// Sends the outbox (nothing is asked when it holds nothing to send).
    fn send(&mut self) -> Task<Message> {
        let Some(store) = self.store.clone() else {
            return Task::none();
        };
        if self.sending {
            return Task::none();
        }
        self.sending = true;
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(outbox::send(client, org, store), Message::Sent)
    }

    /// Changes the outbox (read fresh, kept sealed).
    fn change_outbox(&self, edit: impl FnOnce(&mut Outbox) + Send + 'static) -> Task<Message> {
        let Some(store) = self.store.clone() else {
            return Task::none();
        };
        Task::perform(
            async move { outbox::change(store, edit).await.map(|(o, ())| o) },
            Message::OutboxChanged,
        )
    }

    /// Whether the campaigns and items are the offline copy's.
    pub fn is_offline(&self) -> bool {
        self.offline
    }

    /// The decisions not yet accepted by the platform.
    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// The list's answer the screen waits for (tests answer it).
    pub fn pending_list(&self) -> Option<Tag> {
        self.listing.current()
    }

    pub fn campaigns(&self) -> &[AccessReview] {
        match &self.campaigns {
            Some(Ok(list)) => list,
            _ => &[],
        }
    }

    pub fn opened(&self) -> Option<&Open> {
        self.open.as_ref()
    }

    fn open_task(&self, id: Uuid) -> Task<Message> {
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move {
                let review = client.access_review(&org, id).await?;
                let mut items = Vec::new();
                let mut cursor: Option<String> = None;
                loop {
                    let page = client
                        .access_review_items(&org, id, Some(LIMIT), cursor.as_deref())
                        .await?;
                    items.extend(page.items);
                    match page.next_cursor {
                        Some(next) => cursor = Some(next),
                        None => return Ok((review, items)),
                    }
                }
            },
            Message::Opened,
        )
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Refresh => Action::Run(self.reload()),
            Message::Listed(tag, result) if self.listing.is(tag) => {
                self.listing.forget();
                self.campaigns = Some(
                    result
                        .map(|page| {
                            self.next = page.next_cursor;
                            page.items
                        })
                        .map_err(|e| super::describe(&e)),
                );
                Action::None
            }
            Message::Listed(..) => Action::None,
            // Nothing more, or the next page already asked for.
            Message::More if self.next.is_none() || self.more.current().is_some() => Action::None,
            Message::More => Action::Run(self.load_more()),
            Message::MoreListed(tag, result) if self.more.is(tag) => {
                self.more.forget();
                match (result, &mut self.campaigns) {
                    (Ok(page), Some(Ok(list))) => {
                        // A campaign started meanwhile may repeat one shown.
                        let shown: BTreeSet<Uuid> = list.iter().map(|r| r.id).collect();
                        list.extend(page.items.into_iter().filter(|r| !shown.contains(&r.id)));
                        self.next = page.next_cursor;
                    }
                    (Ok(_), _) => {}
                    (Err(e), _) => self.notice = Some(Err(super::describe(&e))),
                }
                Action::None
            }
            Message::MoreListed(..) => Action::None,
            Message::CopyLoaded(copy, outbox) => {
                match outbox {
                    Ok(outbox) => self.outbox = outbox,
                    Err(why) => self.notice = Some(Err(why)),
                }
                let (copy, as_of) = match copy {
                    Some((copy, as_of)) => (copy, Some(as_of)),
                    None => (ReviewCopy::default(), None),
                };
                self.as_of = as_of;
                self.campaigns = Some(Ok(copy
                    .campaigns
                    .iter()
                    .map(|c| c.review.clone())
                    .collect()));
                self.copy = Some(copy);
                Action::None
            }
            Message::OutboxChanged(result) => {
                match result {
                    Ok(outbox) => self.outbox = outbox,
                    Err(why) => self.notice = Some(Err(why)),
                }
                Action::None
            }
            Message::Send => Action::Run(self.send()),
            Message::Sent(result) => self.sent(result),
            Message::UseMine(item) => {
                let Some(store) = self.store.clone() else {
                    return Action::None;
                };
                let (client, org) = (self.client.clone(), self.org.clone());
                self.sending = true;
                Action::Run(Task::perform(
                    async move {
                        outbox::change(store.clone(), move |o| outbox::use_mine(o, item)).await?;
                        outbox::send(client, org, store).await
                    },
                    Message::Sent,
                ))
            }
            Message::KeepTheirs(item) => Action::Run(self.change_outbox(move |o| {
                o.remove(item);
            })),
            Message::GroupsLoaded(result) => {
                self.groups = result.unwrap_or_default();
                Action::None
            }
            Message::NameChanged(v) => {
                self.form.name = v;
                Action::None
            }
            Message::DueChanged(v) => {
                self.form.due = v;
                Action::None
            }
            Message::ReviewersChanged(v) => {
                self.form.reviewers = v;
                Action::None
            }
            Message::ToggleGroup(id, on) => {
                if on {
                    self.form.groups.insert(id);
                } else {
                    self.form.groups.remove(&id);
                }
                Action::None
            }
            Message::Start => self.start(),
            Message::Started(result) => {
                self.form.sending = false;
                match result {
                    Ok(review) => {
                        self.form = Form::default();
                        self.notice = Some(Ok(fl!("reviews-started", name = review.name)));
                        Action::Run(self.reload())
                    }
                    Err(why) => {
                        self.notice = Some(Err(why));
                        Action::None
                    }
                }
            }
            Message::Open(id) if self.offline => {
                let found = self.copy.as_ref().and_then(|c| c.campaign(id)).cloned();
                match found {
                    Some(campaign) => {
                        self.update(Message::Opened(Ok((campaign.review, campaign.items))))
                    }
                    None => Action::None,
                }
            }
            Message::Open(id) => Action::Run(self.open_task(id)),
            Message::Opened(Ok((review, items))) => {
                let conflicts = self
                    .open
                    .take()
                    .filter(|o| o.review.id == review.id)
                    .map(|o| o.conflicts)
                    .unwrap_or_default();
                self.open = Some(Open {
                    review,
                    items,
                    dates: HashMap::new(),
                    conflicts,
                    preview: None,
                    done: None,
                });
                Action::None
            }
            Message::Opened(Err(e)) => {
                self.notice = Some(Err(super::describe(&e)));
                Action::None
            }
            Message::DateChanged(item, typed) => {
                if let Some(open) = &mut self.open {
                    open.dates.insert(item, typed);
                }
                Action::None
            }
            Message::Decide(item, decision) => self.decide(item, decision),
            Message::Decided(Ok(results)) => {
                let Some(open) = &mut self.open else {
                    return Action::None;
                };
                for result in results.results {
                    match result.status {
                        DecisionStatus::Recorded => open.conflicts.remove(&result.item_id),
                        DecisionStatus::Conflict => open.conflicts.insert(result.item_id),
                    };
                    if let Some(item) = open.items.iter_mut().find(|i| i.item_id == result.item_id)
                    {
                        *item = result.item;
                    }
                }
                Action::None
            }
            Message::Decided(Err(e)) | Message::Previewed(Err(e)) | Message::Completed(Err(e)) => {
                self.notice = Some(Err(super::describe(&e)));
                Action::None
            }
            Message::Complete => self.complete(true),
            Message::Previewed(Ok(preview)) => {
                if let Some(open) = &mut self.open {
                    open.preview = Some(preview);
                }
                Action::None
            }
            Message::ConfirmComplete => self.complete(false),
            Message::Completed(Ok(done)) => {
                let id = self.open.as_ref().map(|o| o.review.id);
                if let Some(open) = &mut self.open {
                    open.preview = None;
                    open.done = Some(done);
                }
                let reopen = id.map(|id| self.open_task(id));
                Action::Run(Task::batch(reopen.into_iter().chain([self.reload()])))
            }
            Message::Export(_) if self.offline => Action::None,
            Message::Export(id) => {
                let name = format!("access-review-{id}.csv");
                Action::Run(Task::perform(
                    super::groups::csv::choose(name),
                    move |path| Message::ExportTo(id, path),
                ))
            }
            Message::ExportTo(_, None) => Action::None,
            Message::ExportTo(id, Some(path)) => {
                let (client, org) = (self.client.clone(), self.org.clone());
                let work = async move {
                    super::groups::csv::download_to(path, client.access_review_report_csv(&org, id))
                        .await
                };
                self.download
                    .start(work, Message::Exported)
                    .map_or(Action::None, Action::Run)
            }
            Message::Exported(result) => self
                .download
                .finished(result)
                .map_or(Action::None, Action::Notify),
            Message::CancelExport => self.download.cancel().map_or(Action::None, Action::Notify),
            Message::Back => {
                self.open = None;
                Action::None
            }
        }
    }

    fn start(&mut self) -> Action {
        if self.offline {
            return Action::None;
        }
        let name = self.form.name.trim().to_string();
        let Some(due_at) = super::expiry::parse_day(&self.form.due) else {
            self.notice = Some(Err(fl!("bulk-until-bad")));
            return Action::None;
        };
        if name.is_empty() || self.form.sending {
            return Action::None;
        }
        self.form.sending = true;
        self.notice = None;
        let emails: Vec<String> = self
            .form
            .reviewers
            .split([',', ' ', ';'])
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_lowercase)
            .collect();
        let groups = (!self.form.groups.is_empty())
            .then(|| self.form.groups.iter().copied().collect::<Vec<_>>());
        let (client, org) = (self.client.clone(), self.org.clone());
        Action::Run(Task::perform(
            async move {
                let mut reviewers = Vec::new();
                for email in emails {
                    let found = client
                        .members(
                            &org,
                            &MemberQuery {
                                q: Some(email.clone()),
                                limit: Some(10),
                                ..MemberQuery::default()
                            },
                        )
                        .await
                        .map_err(|e| super::describe(&e))?;
                    match found.items.iter().find(|m| m.email.to_lowercase() == email) {
                        Some(m) => reviewers.push(m.id),
                        None => return Err(fl!("reviews-no-such-reviewer", email = email)),
                    }
                }
                let req = CreateAccessReview {
                    name,
                    groups,
                    reviewers,
                    due_at,
                };
                client
                    .create_access_review(&org, &req)
                    .await
                    .map_err(|e| super::describe(&e))
            },
            Message::Started,
        ))
    }

    fn decide(&mut self, item_id: Uuid, decision: ReviewDecision) -> Action {
        let Some(open) = &mut self.open else {
            return Action::None;
        };
        let Some(item) = open.items.iter().find(|i| i.item_id == item_id) else {
            return Action::None;
        };
        let expires_at = match decision {
            ReviewDecision::Expire => {
                let typed = open.dates.get(&item_id).map_or("", String::as_str);
                match super::expiry::parse_day(typed) {
                    Some(at) => Some(at),
                    None => {
                        self.notice = Some(Err(fl!("bulk-until-bad")));
                        return Action::None;
                    }
                }
            }
            _ => None,
        };
        let id = open.review.id;
        if self.offline {
            let pending = Pending {
                review: id,
                item_id,
                decision,
                expires_at,
                version: item.version,
                decided_at: OffsetDateTime::now_utc(),
                state: PendingState::NotSent,
            };
            return Action::Run(self.change_outbox(move |o| o.record(pending)));
        }
        let req = DecisionBatch {
            decisions: vec![DecisionInput {
                item_id,
                decision,
                expires_at,
                version: item.version,
            }],
        };
        let (client, org) = (self.client.clone(), self.org.clone());
        Action::Run(Task::perform(
            async move { client.decide_access_review(&org, id, &req).await },
            Message::Decided,
        ))
    }

    /// What a send did: the outbox as it is now, and in words.
    fn sent(&mut self, result: Result<Sent, String>) -> Action {
        self.sending = false;
        let sent = match result {
            Ok(sent) => sent,
            Err(why) => {
                self.notice = Some(Err(why));
                return Action::None;
            }
        };
        self.outbox = sent.outbox;
        if let Some(why) = sent.failed {
            self.notice = Some(Err(fl!("reviews-send-failed", detail = why)));
        } else if sent.recorded + sent.conflicts + sent.refused > 0 {
            self.notice = Some(Ok(fl!(
                "reviews-sent",
                recorded = sent.recorded,
                conflicts = sent.conflicts,
                refused = sent.refused
            )));
        }
        if sent.recorded + sent.conflicts + sent.refused == 0 || self.offline {
            return Action::None;
        }
        // Online: the counts and the open campaign's items changed.
        let reopen = self.open.as_ref().map(|o| self.open_task(o.review.id));
        Action::Run(Task::batch(reopen.into_iter().chain([self.reload()])))
    }

    fn complete(&mut self, dry_run: bool) -> Action {
        if self.offline {
            return Action::None;
        }
        let Some(open) = &self.open else {
            return Action::None;
        };
        if !dry_run && open.preview.is_none() {
            return Action::None;
        }
        let id = open.review.id;
        let (client, org) = (self.client.clone(), self.org.clone());
        let req = CompleteReview { dry_run };
        Action::Run(Task::perform(
            async move { client.complete_access_review(&org, id, &req).await },
            move |result| {
                if dry_run {
                    Message::Previewed(result)
                } else {
                    Message::Completed(result)
                }
            },
        ))
    }
}

fn status_words(review: &AccessReview) -> String {
    match review.status {
        orgdesk_api::ReviewStatus::Open => fl!(
            "reviews-status-open",
            decided = review.counts.decided,
            items = review.counts.items,
            due = super::expiry::date(review.due_at)
        ),
        orgdesk_api::ReviewStatus::Completed => fl!(
            "reviews-status-completed",
            decided = review.counts.decided,
            items = review.counts.items
        ),
    }
}

fn completion_words(preview: &ReviewCompletion) -> String {
    fl!(
        "reviews-complete-body",
        revoked = preview.revoked.len(),
        expiring = preview.expiry_set.len(),
        undecided = preview.undecided,
        impact = preview.impact.len()
    )
}
