//! Recent sign-ins: a table (when, where from, on what, whether still
//! active) with "Sign out" per session and "Sign out all other sessions",
//! and a small chart of sign-ins per day over the last 30 days. Signing out
//! the session this console uses ends the console's session.

use crate::widget::focus::button;
use iced::widget::scrollable::Viewport;
use iced::widget::{Space, column, container, row, scrollable, text};
use iced::{Element, Length, Task};
use orgdesk_api::{SessionInfo, codes};
use orgdesk_client::{Client, Error};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use super::Effect;
use crate::fl;
use crate::remote::{Latest, Tag};
use crate::screen::{describe, short_time};
use crate::theme;
use crate::widget::chart;
use crate::widget::modal::{Confirm, Confirmation, confirm};
use crate::widget::status::Status;
use crate::widget::table::{self, Window};

/// The table and the chart go back this many days.
pub const HISTORY_DAYS: i64 = 30;
/// The platform ends a session 30 days after its sign-in or after 14 idle
/// days; such a session is shown as expired rather than active.
const LIFETIME: Duration = Duration::days(30);
const IDLE_LIMIT: Duration = Duration::days(14);
/// Sessions asked for per request, and at most this many requests.
const PAGE_SIZE: u32 = 200;
const MAX_PAGES: usize = 25;
const TABLE_ROWS: f32 = 10.0;

/// The sign-ins of the last [`HISTORY_DAYS`] days, newest first, and when they were read.
#[derive(Debug, Clone, PartialEq)]
pub struct Recent {
    pub items: Vec<SessionInfo>,
    pub as_of: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStatus {
    /// The session this console uses.
    Current,
    Active,
    SignedOut,
    Expired,
}

impl SessionStatus {
    fn label(self) -> String {
        match self {
            SessionStatus::Current => fl!("profile-sessions-current"),
            SessionStatus::Active => fl!("profile-sessions-active"),
            SessionStatus::SignedOut => fl!("profile-sessions-signed-out"),
            SessionStatus::Expired => fl!("profile-sessions-expired"),
        }
    }

    fn live(self) -> bool {
        matches!(self, SessionStatus::Current | SessionStatus::Active)
    }
}

pub fn status_of(session: &SessionInfo, as_of: OffsetDateTime) -> SessionStatus {
    if session.revoked_at.is_some() {
        SessionStatus::SignedOut
    } else if session.current {
        SessionStatus::Current
    } else if session.created_at + LIFETIME <= as_of || session.last_seen_at + IDLE_LIMIT <= as_of {
        SessionStatus::Expired
    } else {
        SessionStatus::Active
    }
}

/// Sign-ins per day (UTC) for the [`HISTORY_DAYS`] days ending `today`, oldest first.
pub fn sign_ins_per_day(sessions: &[SessionInfo], today: Date) -> Vec<(Date, u32)> {
    chart::per_day(sessions.iter().map(|s| s.created_at), today, HISTORY_DAYS)
}

#[derive(Default)]
pub struct Sessions {
    recent: Option<Recent>,
    /// A load failed before anything was shown.
    failed: Option<String>,
    status: Status,
    /// The load on its way: answers to older ones are dropped.
    load: Latest,
    window: Window,
    confirm: Confirmation<Confirming>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Confirming {
    One(Uuid),
    AllOthers,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Tag, Result<Box<Recent>, Error>),
    Scrolled(Viewport),
    SignOut(Uuid),
    SignOutOthers,
    Confirm,
    Cancel,
    Revoked {
        current: bool,
        result: Result<(), Error>,
    },
    OthersRevoked(Result<usize, Error>),
}

impl Sessions {
    pub(super) fn reload(&mut self, client: &Client) -> Task<Message> {
        let (client, tag) = (client.clone(), self.load.ask());
        Task::perform(
            async move { recent(&client).await.map(Box::new) },
            move |result| Message::Loaded(tag, result),
        )
    }

    pub(super) fn update(&mut self, client: &Client, message: Message) -> Effect<Message> {
        match message {
            Message::Loaded(tag, result) => self.loaded(tag, result),
            Message::Scrolled(viewport) => {
                self.window = Window::from_viewport(&viewport);
                Effect::None
            }
            Message::SignOut(id) => {
                self.confirm.ask(Confirming::One(id));
                Effect::None
            }
            Message::SignOutOthers => {
                self.confirm.ask(Confirming::AllOthers);
                Effect::None
            }
            Message::Cancel => {
                self.confirm.cancel();
                Effect::None
            }
            Message::Confirm => self.confirmed(client),
            Message::Revoked { current, result } => self.revoked(client, current, result),
            Message::OthersRevoked(result) => self.others_revoked(client, result),
        }
    }

    pub(super) fn escape(&mut self) -> bool {
        self.confirm.cancel()
    }

    /// The load whose answer the tab waits for.
    pub(super) fn pending(&self) -> Option<Tag> {
        self.load.current()
    }

    pub(super) fn recent(&self) -> Option<&Recent> {
        self.recent.as_ref()
    }

    fn loaded(&mut self, tag: Tag, result: Result<Box<Recent>, Error>) -> Effect<Message> {
        if !self.load.is(tag) {
            return Effect::None;
        }
        self.load.forget();
        match result {
            Ok(recent) => {
                self.recent = Some(*recent);
                self.failed = None;
                Effect::None
            }
            Err(e) if self.recent.is_some() => {
                self.status = Status::Failed(describe(&e));
                Effect::None
            }
            Err(e) => {
                self.failed = Some(describe(&e));
                Effect::None
            }
        }
    }

    fn find(&self, id: Uuid) -> Option<&SessionInfo> {
        self.recent.as_ref()?.items.iter().find(|s| s.id == id)
    }

    /// The other sessions still able to act: what "all others" signs out.
    fn live_others(&self) -> Vec<Uuid> {
        let Some(recent) = &self.recent else {
            return Vec::new();
        };
        recent
            .items
            .iter()
            .filter(|s| status_of(s, recent.as_of) == SessionStatus::Active)
            .map(|s| s.id)
            .collect()
    }

    fn confirmed(&mut self, client: &Client) -> Effect<Message> {
        let client = client.clone();
        match self.confirm.take() {
            None => Effect::None,
            Some(Confirming::One(id)) => {
                let current = self.find(id).is_some_and(|s| s.current);
                self.status = Status::Working(fl!("profile-sessions-signing-out"));
                Effect::Run(Task::perform(
                    async move { client.revoke_my_session(id).await },
                    move |result| Message::Revoked { current, result },
                ))
            }
            Some(Confirming::AllOthers) => {
                let others = self.live_others();
                self.status = Status::Working(fl!("profile-sessions-signing-out"));
                Effect::Run(Task::perform(
                    revoke_all(client, others),
                    Message::OthersRevoked,
                ))
            }
        }
    }

    fn revoked(
        &mut self,
        client: &Client,
        current: bool,
        result: Result<(), Error>,
    ) -> Effect<Message> {
        match result {
            Ok(()) if current => Effect::SignedOut,
            Ok(()) => {
                self.status = Status::Done(fl!("profile-sessions-signed-out-one"));
                Effect::Run(self.reload(client))
            }
            Err(e) if e.code() == Some(codes::NOT_FOUND) => {
                self.status = Status::Done(fl!("profile-sessions-gone"));
                Effect::Run(self.reload(client))
            }
            Err(e) => {
                self.status = Status::Failed(describe(&e));
                Effect::None
            }
        }
    }

    fn others_revoked(&mut self, client: &Client, result: Result<usize, Error>) -> Effect<Message> {
        match result {
            Ok(count) => {
                self.status = Status::Done(fl!("profile-sessions-others-done", count = count));
                Effect::Run(self.reload(client))
            }
            Err(e) => {
                // Some may be signed out already: show where things stand.
                self.status = Status::Failed(describe(&e));
                Effect::Run(self.reload(client))
            }
        }
    }

    pub(super) fn view(&self) -> Element<'_, Message> {
        let recent = match (&self.recent, &self.failed) {
            (Some(recent), _) => recent,
            (None, Some(why)) => return text(why.clone()).style(theme::error_text).into(),
            (None, None) => {
                return text(fl!("profile-loading")).style(theme::muted_text).into();
            }
        };
        let others = self.live_others().len();
        let working = self.status.working();
        let mut toolbar = row![
            text(fl!(
                "profile-sessions-summary",
                count = recent.items.len(),
                days = HISTORY_DAYS
            ))
            .width(Length::Fill),
            button(text(fl!("profile-sessions-sign-out-others")))
                .style(button::danger)
                .on_press_maybe((others > 0 && !working).then_some(Message::SignOutOthers)),
        ]
        .spacing(12)
        .align_y(iced::Alignment::Center);
        if others == 0 {
            toolbar = toolbar.push(
                text(fl!("profile-sessions-no-others"))
                    .size(13)
                    .style(theme::muted_text),
            );
        }
        let mut page = column![
            super::card(fl!("profile-sessions-chart-title"), chart(recent)),
            toolbar,
        ]
        .spacing(12);
        if let Some(line) = self.status.line() {
            page = page.push(line);
        }
        page.push(self.table(recent)).into()
    }

    fn table<'a>(&'a self, recent: &'a Recent) -> Element<'a, Message> {
        let head = |label: String, portion: u16| {
            container(text(label).size(13))
                .padding([5, 10])
                .width(Length::FillPortion(portion))
        };
        let header = container(
            row![
                head(fl!("profile-sessions-col-signed-in"), 3),
                head(fl!("profile-sessions-col-last-seen"), 3),
                head(fl!("profile-sessions-col-ip"), 3),
                head(fl!("profile-sessions-col-location"), 3),
                head(fl!("profile-sessions-col-device"), 4),
                head(fl!("profile-sessions-col-status"), 2),
                head(String::new(), 2),
            ]
            .spacing(4),
        )
        .style(theme::table_header);
        let body = table::body(recent.items.len(), &self.window, |index| {
            self.row(recent, index)
        });
        let rows = recent.items.len().min(TABLE_ROWS as usize).max(1) as f32;
        column![
            header,
            scrollable(body)
                .on_scroll(Message::Scrolled)
                .height(Length::Fixed(rows * theme::ROW_HEIGHT)),
        ]
        .into()
    }

    fn row<'a>(&'a self, recent: &'a Recent, index: usize) -> Element<'a, Message> {
        let session = &recent.items[index];
        let status = status_of(session, recent.as_of);
        let unknown = fl!("profile-sessions-unknown");
        let cell = |value: String, portion: u16| {
            container(text(value).size(13))
                .padding([0, 10])
                .width(Length::FillPortion(portion))
                .clip(true)
        };
        let device = session
            .device
            .clone()
            .or_else(|| session.user_agent.clone())
            .unwrap_or_else(|| unknown.clone());
        let action: Element<'a, Message> = if status.live() {
            button(text(fl!("profile-sessions-sign-out")).size(12))
                .style(button::secondary)
                .padding([2, 8])
                .on_press_maybe((!self.status.working()).then_some(Message::SignOut(session.id)))
                .into()
        } else {
            Space::new().into()
        };
        let line = row![
            cell(short_time(session.created_at), 3),
            cell(short_time(session.last_seen_at), 3),
            cell(session.ip.clone().unwrap_or_else(|| unknown.clone()), 3),
            cell(
                crate::screen::sign_in_place(session).unwrap_or_else(|| unknown.clone()),
                3
            ),
            cell(device, 4),
            cell(status.label(), 2),
            container(action).width(Length::FillPortion(2)),
        ]
        .spacing(4)
        .align_y(iced::Alignment::Center);
        container(line)
            .height(Length::Fixed(theme::ROW_HEIGHT))
            .align_y(iced::Alignment::Center)
            .style(theme::table_row(session.current, index % 2 == 1))
            .into()
    }

    pub(super) fn dialog(&self) -> Option<Element<'_, Message>> {
        let confirming = *self.confirm.asking()?;
        let (title, body, action) = match confirming {
            Confirming::AllOthers => (
                fl!("profile-sessions-others-title"),
                fl!(
                    "profile-sessions-others-body",
                    count = self.live_others().len()
                ),
                fl!("profile-sessions-sign-out-others"),
            ),
            Confirming::One(id) => {
                let session = self.find(id)?;
                let device = session
                    .device
                    .clone()
                    .unwrap_or_else(|| fl!("profile-sessions-unknown"));
                let body = if session.current {
                    fl!("profile-sessions-this-body")
                } else {
                    fl!(
                        "profile-sessions-one-body",
                        device = device,
                        when = short_time(session.created_at)
                    )
                };
                (
                    fl!("profile-sessions-one-title"),
                    body,
                    fl!("profile-sessions-sign-out"),
                )
            }
        };
        Some(confirm(Confirm {
            title,
            body,
            action,
            destructive: true,
            on_confirm: Message::Confirm,
            on_cancel: Message::Cancel,
        }))
    }
}

/// Sign-ins per day as bars; each bar tells its day and count on hover.
fn chart<'a>(recent: &Recent) -> Element<'a, Message> {
    let days = sign_ins_per_day(&recent.items, recent.as_of.date());
    let most = days.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let total: u32 = days.iter().map(|(_, n)| n).sum();
    chart::bars(
        &days,
        fl!("profile-sessions-chart-summary", count = total, most = most),
        |day, count| fl!("profile-sessions-day", day = day, count = count),
    )
}

/// The sign-ins of the last [`HISTORY_DAYS`] days, page by page.
async fn recent(client: &Client) -> Result<Recent, Error> {
    let as_of = OffsetDateTime::now_utc();
    let since = as_of - Duration::days(HISTORY_DAYS);
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = client
            .my_sessions(Some(PAGE_SIZE), cursor.as_deref())
            .await?;
        let done =
            page.next_cursor.is_none() || page.items.last().is_none_or(|s| s.created_at < since);
        items.extend(page.items.into_iter().filter(|s| s.created_at >= since));
        if done {
            break;
        }
        cursor = page.next_cursor;
    }
    Ok(Recent { items, as_of })
}

/// Signs out each of `sessions`; ones that ended meanwhile count as done.
async fn revoke_all(client: Client, sessions: Vec<Uuid>) -> Result<usize, Error> {
    let mut revoked = 0;
    for id in sessions {
        match client.revoke_my_session(id).await {
            Ok(()) => revoked += 1,
            Err(e) if e.code() == Some(codes::NOT_FOUND) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(revoked)
}
