//! An audit entry opened by a link, over the audit log. The API lists the
//! log but reads no single entry; entry ids are UUIDv7, minted in the same
//! millisecond as the entry's time, so the entry is found among the few
//! entries of the seconds around that time.

use crate::widget::focus::button;
use iced::Task;
use iced::widget::{Space, column, container, row, text};
use iced::{Alignment, Element, Length};
use orgdesk_api::{AuditEntry, AuditQuery};
use orgdesk_client::{Client, Error};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::fl;
use crate::remote::Scope;
use crate::screen::audit::words::{self, Names};
use crate::theme;

/// The window searched around the time in the id.
const AROUND: Duration = Duration::seconds(2);
/// Pages of that window read at most (each of the API's largest size).
const MAX_PAGES: usize = 10;
const PAGE: u32 = 500;

pub struct Entry {
    id: Uuid,
    state: State,
    /// Holds the search for the entry: it ends when the entry is closed, so
    /// an answer never reaches an entry opened after it.
    _search: Scope,
}

#[derive(Debug, Clone)]
enum State {
    Loading,
    Found(Box<AuditEntry>),
    Missing,
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    Found(Result<Option<Box<AuditEntry>>, Error>),
    CopyLink(Uuid),
    Close,
}

impl Entry {
    pub fn new(client: Client, org: String, id: Uuid) -> (Self, Task<Message>) {
        let mut search = Scope::default();
        let task = search.run(Task::perform(
            async move { find(&client, &org, id).await.map(|e| e.map(Box::new)) },
            Message::Found,
        ));
        let entry = Self {
            id,
            state: State::Loading,
            _search: search,
        };
        (entry, task)
    }

    pub fn found(&self) -> Option<&AuditEntry> {
        match &self.state {
            State::Found(entry) => Some(entry),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        if let Message::Found(result) = message {
            self.state = match result {
                Ok(Some(entry)) => State::Found(entry),
                Ok(None) => State::Missing,
                Err(e) => State::Failed(crate::screen::describe(&e)),
            };
        }
        Task::none()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let body: Element<'_, Message> = match &self.state {
            State::Loading => text(fl!("link-entry-loading")).into(),
            State::Missing => text(fl!("link-entry-missing")).into(),
            State::Failed(why) => text(why.clone()).style(theme::error_text).into(),
            State::Found(entry) => details(entry),
        };
        let buttons = row![
            Space::new().width(Length::Fill),
            button(text(fl!("link-copy")))
                .style(button::secondary)
                .on_press(Message::CopyLink(self.id)),
            button(text(fl!("dialog-close")))
                .style(button::primary)
                .on_press(Message::Close),
        ]
        .spacing(8);
        container(
            column![text(fl!("link-entry-title")).size(20), body, buttons]
                .spacing(16)
                .padding(20),
        )
        .style(theme::card)
        .max_width(640.0)
        .into()
    }
}

fn details(entry: &AuditEntry) -> Element<'_, Message> {
    let names = Names::default();
    let line = |label: String, value: String| {
        row![
            text(label)
                .width(Length::Fixed(120.0))
                .style(theme::muted_text),
            text(value)
        ]
        .spacing(12)
        .align_y(Alignment::Start)
    };
    column![
        line(
            fl!("audit-col-time"),
            crate::screen::short_time(entry.created_at)
        ),
        line(fl!("audit-col-actor"), words::actor(entry)),
        line(fl!("audit-col-action"), words::action(&entry.action)),
        line(fl!("audit-col-target"), words::target(entry, &names)),
        line(fl!("audit-col-details"), words::details(entry, &names)),
        line(fl!("audit-col-from"), entry.ip.clone().unwrap_or_default()),
    ]
    .spacing(6)
    .into()
}

/// When the entry `id` was written, from the UUIDv7 timestamp.
pub fn minted_at(id: Uuid) -> Option<OffsetDateTime> {
    let (seconds, nanos) = id.get_timestamp()?.to_unix();
    let at = OffsetDateTime::from_unix_timestamp(i64::try_from(seconds).ok()?).ok()?;
    Some(at + Duration::nanoseconds(i64::from(nanos)))
}

/// The entry `id` of `org`'s log, or `None` when it is not there (or not
/// for this admin to see: the API answers 403 then).
pub async fn find(client: &Client, org: &str, id: Uuid) -> Result<Option<AuditEntry>, Error> {
    let Some(at) = minted_at(id) else {
        return Ok(None);
    };
    let mut query = AuditQuery {
        from: Some(at - AROUND),
        to: Some(at + AROUND),
        limit: Some(PAGE),
        ..AuditQuery::default()
    };
    for _ in 0..MAX_PAGES {
        let page = client.audit_log(org, &query).await?;
        if let Some(found) = page.items.into_iter().find(|e| e.id == id) {
            return Ok(Some(found));
        }
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_comes_from_the_v7_id() {
        let at = time::macros::datetime!(2025-12-05 14:30:00.123 UTC);
        let ts = uuid::Timestamp::from_unix(
            uuid::NoContext,
            at.unix_timestamp() as u64,
            at.nanosecond(),
        );
        let id = Uuid::new_v7(ts);
        let minted = minted_at(id).unwrap();
        assert!((minted - at).abs() < Duration::milliseconds(1), "{minted}");
        assert_eq!(minted_at(Uuid::new_v4()), None);
    }
}
