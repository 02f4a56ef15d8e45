//! The activity pane: every request the console makes (method, path, status,
//! duration), newest first, each with "Copy as curl" — the session token
//! appears as `$ORGDESK_TOKEN`, so a copied command is safe to paste.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use crate::widget::focus::button;
use iced::widget::{column, container, row, scrollable, text};
use iced::{Element, Length, Task};
use orgdesk_client::{Observer, RequestRecord};
use time::OffsetDateTime;

use crate::fl;
use crate::theme;

/// Requests kept; older ones fall off.
pub const KEPT: usize = 500;

/// Where the client's observer writes. Cloning shares it.
#[derive(Debug, Clone, Default)]
pub struct ActivityLog {
    inner: Arc<Mutex<Log>>,
}

#[derive(Debug, Default)]
struct Log {
    records: VecDeque<RequestRecord>,
    /// Bumped on every record, so the pane copies only when something is new.
    generation: u64,
}

impl ActivityLog {
    /// An observer for `Client::with_observer` that records into this log.
    pub fn observer(&self) -> Observer {
        let inner = self.inner.clone();
        Arc::new(move |record| {
            let mut log = inner.lock().unwrap_or_else(PoisonError::into_inner);
            if log.records.len() == KEPT {
                log.records.pop_back();
            }
            log.records.push_front(record);
            log.generation += 1;
        })
    }

    pub fn generation(&self) -> u64 {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .generation
    }

    /// The records, newest first, with the generation they are of.
    pub fn snapshot(&self) -> (u64, Vec<RequestRecord>) {
        let log = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        (log.generation, log.records.iter().cloned().collect())
    }

    pub fn clear(&self) {
        let mut log = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        log.records.clear();
        log.generation += 1;
    }
}

/// The pane's own copy of the log, refreshed on [`Message::Tick`].
pub struct Pane {
    log: ActivityLog,
    generation: u64,
    records: Vec<RequestRecord>,
    copied: Option<usize>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Look for new records (sent periodically while the pane is open).
    Tick,
    CopyCurl(usize),
    Clear,
}

impl Pane {
    pub fn new(log: ActivityLog) -> Self {
        let mut pane = Self {
            log,
            generation: u64::MAX,
            records: Vec::new(),
            copied: None,
        };
        pane.sync();
        pane
    }

    fn sync(&mut self) {
        if self.log.generation() != self.generation {
            (self.generation, self.records) = self.log.snapshot();
            self.copied = None;
        }
    }

    pub fn records(&self) -> &[RequestRecord] {
        &self.records
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Tick => {
                self.sync();
                Task::none()
            }
            Message::CopyCurl(index) => match self.records.get(index) {
                Some(record) => {
                    self.copied = Some(index);
                    iced::clipboard::write(record.curl.clone())
                }
                None => Task::none(),
            },
            Message::Clear => {
                self.log.clear();
                self.sync();
                Task::none()
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let header = row![
            text(fl!("activity-title")).size(15),
            iced::widget::Space::new().width(Length::Fill),
            button(text(fl!("activity-clear")).size(12))
                .style(button::text)
                .on_press(Message::Clear),
        ]
        .align_y(iced::Alignment::Center);
        let mut list = column![].spacing(2);
        if self.records.is_empty() {
            list = list.push(
                text(fl!("activity-empty"))
                    .size(12)
                    .style(theme::muted_text),
            );
        }
        for (index, record) in self.records.iter().enumerate() {
            list = list.push(self.entry(index, record));
        }
        container(column![header, scrollable(list).height(Length::Fill)].spacing(8))
            .padding(12)
            .width(Length::Fixed(theme::ACTIVITY_WIDTH))
            .height(Length::Fill)
            .style(theme::sidebar)
            .into()
    }

    fn entry<'a>(&self, index: usize, record: &'a RequestRecord) -> Element<'a, Message> {
        let status = match record.status {
            Some(code) => code.to_string(),
            None => fl!("activity-no-answer"),
        };
        let failed = record.status.is_none_or(|code| code >= 400);
        let at = super::short_time(OffsetDateTime::from(record.at));
        let copy_label = if self.copied == Some(index) {
            fl!("activity-copied")
        } else {
            fl!("activity-copy-curl")
        };
        let line = row![
            text(record.method.clone())
                .size(12)
                .width(Length::Fixed(52.0)),
            text(status)
                .size(12)
                .width(Length::Fixed(40.0))
                .style(if failed {
                    theme::error_text
                } else {
                    theme::muted_text
                }),
            text(fl!(
                "activity-duration",
                ms = record.duration.as_millis().to_string()
            ))
            .size(12)
            .style(theme::muted_text),
        ]
        .spacing(6);
        column![
            line,
            text(record.path.clone()).size(12),
            row![
                text(at).size(11).style(theme::muted_text),
                iced::widget::Space::new().width(Length::Fill),
                button(text(copy_label).size(11))
                    .style(button::text)
                    .padding([2, 6])
                    .on_press(Message::CopyCurl(index)),
            ]
            .align_y(iced::Alignment::Center),
        ]
        .spacing(2)
        .padding([4, 0])
        .into()
    }
}
