//! Governance → Access reviews: the campaigns, starting one (name, groups,
//! reviewers, due date), its items (member × group, with what the group
//! grants) decided Keep / Revoke / Expire (date) — a conflict answer shown on
//! its item, never overwritten — then Complete after the platform's dry run
//! says what it would change, and the report CSV for auditors.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use iced::widget::{Column, button, checkbox, column, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use orgdesk_api::{
    AccessReview, CompleteReview, CreateAccessReview, DecisionBatch, DecisionInput,
    DecisionResults, DecisionStatus, Group, MemberQuery, Page, ReviewCompletion, ReviewDecision,
    ReviewItem,
};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use crate::fl;
use crate::remote::{Latest, Tag};
use crate::theme;

const LIMIT: u32 = 500;

pub struct Reviews {
    client: Client,
    org: String,
    campaigns: Option<Result<Vec<AccessReview>, String>>,
    listing: Latest,
    groups: Vec<Group>,
    form: Form,
    open: Option<Open>,
    notice: Option<Result<String, String>>,
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
    Back,
}

pub enum Action {
    None,
    Run(Task<Message>),
}

impl Reviews {
    pub fn new(client: Client, org: String) -> (Self, Task<Message>) {
        let mut screen = Self {
            client,
            org,
            campaigns: None,
            listing: Latest::default(),
            groups: Vec::new(),
            form: Form::default(),
            open: None,
            notice: None,
        };
        let list = screen.reload();
        let (client, org) = (screen.client.clone(), screen.org.clone());
        let groups = Task::perform(
            async move { client.groups(&org).await },
            Message::GroupsLoaded,
        );
        (screen, Task::batch([list, groups]))
    }

    fn reload(&mut self) -> Task<Message> {
        let tag = self.listing.ask();
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move { client.access_reviews(&org, Some(LIMIT)).await },
            move |result| Message::Listed(tag, result),
        )
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
                        .map(|page| page.items)
                        .map_err(|e| super::describe(&e)),
                );
                Action::None
            }
            Message::Listed(..) => Action::None,
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
                Action::Run(Task::perform(
                    async move {
                        super::groups::csv::download_to(
                            path,
                            client.access_review_report_csv(&org, id),
                        )
                        .await
                    },
                    Message::Exported,
                ))
            }
            Message::Exported(result) => {
                self.notice = Some(match result {
                    Ok(path) => Ok(fl!("snapshots-exported", path = path.display().to_string())),
                    Err(why) => Err(fl!("snapshots-export-failed", detail = why)),
                });
                Action::None
            }
            Message::Back => {
                self.open = None;
                Action::None
            }
        }
    }

    fn start(&mut self) -> Action {
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
        let req = DecisionBatch {
            decisions: vec![DecisionInput {
                item_id,
                decision,
                expires_at,
                version: item.version,
            }],
        };
        let id = open.review.id;
        let (client, org) = (self.client.clone(), self.org.clone());
        Action::Run(Task::perform(
            async move { client.decide_access_review(&org, id, &req).await },
            Message::Decided,
        ))
    }

    fn complete(&mut self, dry_run: bool) -> Action {
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

    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![].spacing(12);
        if let Some(notice) = &self.notice {
            page = page.push(match notice {
                Ok(done) => text(done.clone()).size(13),
                Err(why) => text(why.clone()).size(13).style(theme::error_text),
            });
        }
        let body = match &self.open {
            Some(open) => self.campaign_view(open),
            None => column![self.list_view(), self.form_view()]
                .spacing(16)
                .into(),
        };
        scrollable(page.push(body).padding(16))
            .height(Length::Fill)
            .into()
    }

    fn list_view(&self) -> Element<'_, Message> {
        let list = match &self.campaigns {
            None => return text(fl!("reviews-loading")).into(),
            Some(Err(why)) => return text(why.clone()).style(theme::error_text).into(),
            Some(Ok(list)) if list.is_empty() => {
                return text(fl!("reviews-empty")).style(theme::muted_text).into();
            }
            Some(Ok(list)) => list,
        };
        let rows = list.iter().map(|r| {
            row![
                text(r.name.clone()).width(Length::FillPortion(3)),
                text(status_words(r))
                    .size(12)
                    .style(theme::muted_text)
                    .width(Length::FillPortion(4)),
                button(text(fl!("reviews-open")).size(13))
                    .style(button::secondary)
                    .on_press(Message::Open(r.id)),
                button(text(fl!("reviews-report")).size(13))
                    .style(button::secondary)
                    .on_press(Message::Export(r.id)),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into()
        });
        column![
            text(fl!("reviews-title")).size(20),
            Column::with_children(rows).spacing(6)
        ]
        .spacing(8)
        .into()
    }

    fn form_view(&self) -> Element<'_, Message> {
        let groups = self.groups.iter().map(|g| {
            let id = g.id;
            checkbox(self.form.groups.contains(&id))
                .label(g.name.clone())
                .on_toggle(move |on| Message::ToggleGroup(id, on))
                .into()
        });
        column![
            text(fl!("reviews-new")).size(16),
            text_input(&fl!("reviews-name"), &self.form.name)
                .on_input(Message::NameChanged)
                .padding(6),
            text_input(&fl!("reviews-reviewers"), &self.form.reviewers)
                .on_input(Message::ReviewersChanged)
                .padding(6),
            row![
                text(fl!("reviews-due")).size(13),
                text_input("2027-01-31", &self.form.due)
                    .on_input(Message::DueChanged)
                    .padding(6)
                    .width(Length::Fixed(140.0)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            text(fl!("reviews-groups-hint"))
                .size(12)
                .style(theme::muted_text),
            Column::with_children(groups).spacing(4),
            button(text(fl!("reviews-start")))
                .style(button::primary)
                .on_press_maybe((!self.form.sending).then_some(Message::Start)),
        ]
        .spacing(8)
        .into()
    }

    fn campaign_view<'a>(&'a self, open: &'a Open) -> Element<'a, Message> {
        let review = &open.review;
        let completed = review.status == orgdesk_api::ReviewStatus::Completed;
        let mut head = row![
            button(text(fl!("reviews-back")).size(13))
                .style(button::secondary)
                .on_press(Message::Back),
            text(review.name.clone()).size(20),
            text(status_words(review)).size(12).style(theme::muted_text),
        ]
        .spacing(12)
        .align_y(Alignment::Center);
        if !completed {
            head = head.push(
                button(text(fl!("reviews-complete")).size(13))
                    .style(button::primary)
                    .on_press(Message::Complete),
            );
        }
        let mut page = column![head].spacing(10);
        if let Some(preview) = &open.preview {
            page = page.push(crate::widget::modal::confirm(
                crate::widget::modal::Confirm {
                    title: fl!("reviews-complete-title"),
                    body: completion_words(preview),
                    action: fl!("reviews-complete"),
                    destructive: true,
                    on_confirm: Message::ConfirmComplete,
                    on_cancel: Message::Open(review.id),
                },
            ));
        }
        if let Some(done) = &open.done {
            page = page.push(text(fl!(
                "reviews-completed",
                revoked = done.revoked.len(),
                expiring = done.expiry_set.len()
            )));
        }
        let items = open.items.iter().map(|item| {
            let decided = item
                .decision
                .as_ref()
                .map(|d| match d.decision {
                    ReviewDecision::Keep => fl!("reviews-keep"),
                    ReviewDecision::Revoke => fl!("reviews-revoke"),
                    ReviewDecision::Expire => fl!(
                        "reviews-expire-on",
                        date = d.expires_at.map(super::expiry::date).unwrap_or_default()
                    ),
                })
                .unwrap_or_else(|| fl!("reviews-undecided"));
            let id = item.item_id;
            let mut line = row![
                column![
                    text(format!("{} · {}", item.name, item.email)).size(14),
                    text(fl!(
                        "reviews-item",
                        group = item.group.name.clone(),
                        permissions = item.permissions.join(", "),
                        added = super::short_time(item.added_at)
                    ))
                    .size(12)
                    .style(theme::muted_text),
                ]
                .width(Length::FillPortion(5)),
                text(decided).size(13).width(Length::FillPortion(2)),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            if !completed {
                let date = open.dates.get(&id).cloned().unwrap_or_default();
                line = line
                    .push(
                        button(text(fl!("reviews-keep")).size(13))
                            .style(button::secondary)
                            .on_press(Message::Decide(id, ReviewDecision::Keep)),
                    )
                    .push(
                        button(text(fl!("reviews-revoke")).size(13))
                            .style(button::danger)
                            .on_press(Message::Decide(id, ReviewDecision::Revoke)),
                    )
                    .push(
                        text_input("2027-01-31", &date)
                            .on_input(move |v| Message::DateChanged(id, v))
                            .padding(4)
                            .width(Length::Fixed(110.0)),
                    )
                    .push(
                        button(text(fl!("reviews-expire")).size(13))
                            .style(button::secondary)
                            .on_press(Message::Decide(id, ReviewDecision::Expire)),
                    );
            }
            let mut cell = column![line].spacing(2);
            if open.conflicts.contains(&id) {
                cell = cell.push(
                    text(fl!("reviews-conflict"))
                        .size(12)
                        .style(theme::error_text),
                );
            }
            cell.into()
        });
        page.push(Column::with_children(items).spacing(8)).into()
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
