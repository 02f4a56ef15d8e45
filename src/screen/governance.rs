//! The Governance section: permission snapshots and access reviews, as tabs.

use crate::widget::focus::button;
use iced::widget::{column, row, text};
use iced::{Element, Length, Task};
use orgdesk_client::Client;

use super::{reviews, snapshots};
use crate::fl;
use crate::theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Snapshots,
    Reviews,
}

pub struct Governance {
    tab: Tab,
    /// Working from the offline copy: only the access reviews are there.
    offline: bool,
    pub snapshots: snapshots::Snapshots,
    pub reviews: reviews::Reviews,
}

#[derive(Debug, Clone)]
pub enum Message {
    Tab(Tab),
    Refresh,
    Snapshots(snapshots::Message),
    Reviews(reviews::Message),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// How an export ended, for the shell's notices.
    Notify(crate::widget::progress::Notice),
}

impl Governance {
    pub fn new(client: Client, org: String) -> (Self, Task<Message>) {
        Self::with_store(client, org, None)
    }

    /// Against the platform, with the offline cache whose outbox of review
    /// decisions is sent first.
    pub fn with_store(
        client: Client,
        org: String,
        store: Option<reviews::Store>,
    ) -> (Self, Task<Message>) {
        let (snapshots, a) = snapshots::Snapshots::new(client.clone(), org.clone());
        let (reviews, b) = reviews::Reviews::online(client, org, store);
        let screen = Self {
            tab: Tab::Snapshots,
            offline: false,
            snapshots,
            reviews,
        };
        (
            screen,
            Task::batch([a.map(Message::Snapshots), b.map(Message::Reviews)]),
        )
    }

    /// From the offline copy: the access reviews to decide (snapshots need
    /// the platform).
    pub fn offline(client: Client, org: String, store: reviews::Store) -> (Self, Task<Message>) {
        // Built, not asked: its tasks are dropped.
        let (snapshots, _) = snapshots::Snapshots::new(client.clone(), org.clone());
        let (reviews, task) = reviews::Reviews::offline(client, org, store);
        let screen = Self {
            tab: Tab::Reviews,
            offline: true,
            snapshots,
            reviews,
        };
        (screen, task.map(Message::Reviews))
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Tab(tab) => {
                self.tab = tab;
                Action::None
            }
            Message::Refresh if self.offline => Action::None,
            Message::Refresh => Action::Run(Task::batch([
                self.snapshots_task(snapshots::Message::Refresh)
                    .unwrap_or_else(Task::none),
                self.reviews_task(reviews::Message::Refresh)
                    .unwrap_or_else(Task::none),
            ])),
            Message::Snapshots(_) if self.offline => Action::None,
            Message::Snapshots(m) => match self.snapshots.update(m) {
                snapshots::Action::None => Action::None,
                snapshots::Action::Run(task) => Action::Run(task.map(Message::Snapshots)),
                snapshots::Action::Notify(notice) => Action::Notify(notice),
            },
            Message::Reviews(m) => match self.reviews.update(m) {
                reviews::Action::None => Action::None,
                reviews::Action::Run(task) => Action::Run(task.map(Message::Reviews)),
                reviews::Action::Notify(notice) => Action::Notify(notice),
            },
        }
    }

    /// The work a refresh asks of the snapshots (it never ends in a notice).
    fn snapshots_task(&mut self, m: snapshots::Message) -> Option<Task<Message>> {
        match self.snapshots.update(m) {
            snapshots::Action::Run(task) => Some(task.map(Message::Snapshots)),
            snapshots::Action::None | snapshots::Action::Notify(_) => None,
        }
    }

    /// The work a refresh asks of the reviews (it never ends in a notice).
    fn reviews_task(&mut self, m: reviews::Message) -> Option<Task<Message>> {
        match self.reviews.update(m) {
            reviews::Action::Run(task) => Some(task.map(Message::Reviews)),
            reviews::Action::None | reviews::Action::Notify(_) => None,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let tab = |label: String, which: Tab| {
            button(text(label).size(13))
                .style(theme::nav_button(self.tab == which))
                .on_press(Message::Tab(which))
        };
        let tabs = row![
            tab(fl!("governance-tab-snapshots"), Tab::Snapshots),
            tab(fl!("governance-tab-reviews"), Tab::Reviews),
        ]
        .spacing(4)
        .padding([8, 16]);
        let body = match self.tab {
            Tab::Snapshots if self.offline => text(fl!("offline-unavailable"))
                .style(theme::muted_text)
                .into(),
            Tab::Snapshots => self.snapshots.view().map(Message::Snapshots),
            Tab::Reviews => self.reviews.view().map(Message::Reviews),
        };
        column![tabs, body].height(Length::Fill).into()
    }
}
