//! Adding members to a group: a search over the organization's members (on
//! the server, debounced), ticks on the people to add, and one "Add" that
//! says what they gain. The same search names a group's managers.

use crate::widget::focus::{Kind, focusable};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use crate::widget::focus::button;
use iced::widget::{Id, Space, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{Member, MemberQuery, MemberSort, Page};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use crate::fl;
use crate::remote::{Latest, Tag};
use crate::theme;

/// A search fires this long after the last keystroke.
pub const DEBOUNCE: Duration = Duration::from_millis(300);
/// Matches shown per search; refine the words to find others.
pub const RESULTS: u32 = 50;

pub fn search_id() -> Id {
    Id::new("groups-picker-search")
}

pub struct Picker {
    client: Client,
    org: String,
    group: Uuid,
    group_name: String,
    query: String,
    /// The words typed last: the search runs once typing pauses.
    typing: Latest,
    /// The search on its way: answers to older ones are dropped.
    search: Latest,
    results: Vec<Member>,
    total: u64,
    state: State,
    /// The people ticked so far (kept across searches), id → name.
    chosen: BTreeMap<Uuid, String>,
    /// Picking managers: those who manage the group already (else members
    /// are picked, and the group's members are the ones already there).
    managers: Option<BTreeSet<Uuid>>,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Searching,
    Ready,
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    QueryChanged(String),
    SearchDue(Tag),
    Searched {
        tag: Tag,
        result: Result<Page<Member>, Error>,
    },
    Toggle(Uuid, bool),
    Submit,
    Cancel,
}

pub enum Action {
    None,
    Run(Task<Message>),
    Cancel,
    /// Add these accounts to the group.
    Add(Vec<Uuid>),
}

impl Picker {
    pub fn new(
        client: Client,
        org: String,
        group: Uuid,
        group_name: String,
    ) -> (Self, Task<Message>) {
        let mut picker = Self {
            client,
            org,
            group,
            group_name,
            query: String::new(),
            typing: Latest::default(),
            search: Latest::default(),
            results: Vec::new(),
            total: 0,
            state: State::Searching,
            chosen: BTreeMap::new(),
            managers: None,
        };
        let task = picker.search();
        (
            picker,
            Task::batch([task, iced::widget::operation::focus(search_id())]),
        )
    }

    /// A picker of new managers for the group; `managers` manage it already.
    pub fn for_managers(
        client: Client,
        org: String,
        group: Uuid,
        group_name: String,
        managers: BTreeSet<Uuid>,
    ) -> (Self, Task<Message>) {
        let (mut picker, task) = Self::new(client, org, group, group_name);
        picker.managers = Some(managers);
        (picker, task)
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::QueryChanged(query) => self.query_changed(query),
            Message::SearchDue(tag) if self.typing.is(tag) => Action::Run(self.search()),
            Message::SearchDue(_) => Action::None,
            Message::Searched { tag, result } => self.searched(tag, result),
            Message::Toggle(id, on) => {
                self.toggle(id, on);
                Action::None
            }
            Message::Submit if self.chosen.is_empty() => Action::None,
            Message::Submit => Action::Add(self.chosen.keys().copied().collect()),
            Message::Cancel => Action::Cancel,
        }
    }

    fn query_changed(&mut self, query: String) -> Action {
        self.query = query;
        // Typing on drops the search on its way too.
        self.search.forget();
        let tag = self.typing.ask();
        Action::Run(Task::perform(tokio::time::sleep(DEBOUNCE), move |()| {
            Message::SearchDue(tag)
        }))
    }

    fn search(&mut self) -> Task<Message> {
        self.typing.forget();
        let tag = self.search.ask();
        self.state = State::Searching;
        let q = self.query.trim();
        let query = MemberQuery {
            q: (!q.is_empty()).then(|| q.to_string()),
            sort: Some(MemberSort::Name),
            limit: Some(RESULTS),
            ..MemberQuery::default()
        };
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move { client.members(&org, &query).await },
            move |result| Message::Searched { tag, result },
        )
    }

    fn searched(&mut self, tag: Tag, result: Result<Page<Member>, Error>) -> Action {
        if !self.search.is(tag) {
            return Action::None;
        }
        self.search.forget();
        match result {
            Ok(page) => {
                self.results = page.items;
                self.total = page.total;
                self.state = State::Ready;
                Action::None
            }
            Err(e) => {
                self.state = State::Failed(super::super::describe(&e));
                Action::None
            }
        }
    }

    /// The search whose answer the picker waits for.
    pub fn pending(&self) -> Option<Tag> {
        self.search.current()
    }

    fn toggle(&mut self, id: Uuid, on: bool) {
        if !on {
            self.chosen.remove(&id);
            return;
        }
        if let Some(member) = self
            .results
            .iter()
            .find(|m| m.id == id && !self.is_in_group(m))
        {
            self.chosen.insert(id, member.name.clone());
        }
    }

    fn is_in_group(&self, member: &Member) -> bool {
        match &self.managers {
            Some(managers) => managers.contains(&member.id),
            None => member.groups.iter().any(|g| g.id == self.group),
        }
    }

    pub fn chosen(&self) -> usize {
        self.chosen.len()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let search = text_input(&fl!("groups-picker-search"), &self.query)
            .id(search_id())
            .on_input(Message::QueryChanged)
            .padding(8);
        let status = match &self.state {
            State::Searching => text(fl!("groups-picker-searching")).style(theme::muted_text),
            State::Failed(why) => text(why.clone()).style(theme::error_text),
            State::Ready if self.results.is_empty() => {
                text(fl!("groups-picker-none")).style(theme::muted_text)
            }
            State::Ready => text(fl!(
                "groups-picker-count",
                shown = self.results.len(),
                total = self.total
            ))
            .style(theme::muted_text),
        };
        let mut list = column![].spacing(2);
        for member in &self.results {
            let inside = self.is_in_group(member);
            let checked = inside || self.chosen.contains_key(&member.id);
            let id = member.id;
            let mut line = row![
                focusable(
                    checkbox(checked)
                        .label(member.name.clone())
                        .on_toggle_maybe((!inside).then_some(move |on| Message::Toggle(id, on)))
                        .width(Length::FillPortion(2)),
                    Kind::Press,
                ),
                text(member.email.clone())
                    .size(12)
                    .style(theme::muted_text)
                    .width(Length::FillPortion(2)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center);
            if inside {
                line = line.push(
                    text(if self.managers.is_some() {
                        fl!("groups-managers-already")
                    } else {
                        fl!("groups-picker-already")
                    })
                    .size(12)
                    .style(theme::muted_text),
                );
            }
            list = list.push(container(line).padding([4, 6]));
        }
        let (group, count) = (self.group_name.clone(), self.chosen.len());
        let (title, summary, action) = match (&self.managers, count) {
            (None, 0) => (
                fl!("groups-picker-title", group = group.clone()),
                fl!("groups-picker-hint", group = group),
                fl!("groups-picker-add", count = count),
            ),
            (None, _) => (
                fl!("groups-picker-title", group = group.clone()),
                fl!("groups-picker-effect", count = count, group = group),
                fl!("groups-picker-add", count = count),
            ),
            (Some(_), _) => (
                fl!("groups-managers-picker-title", group = group.clone()),
                fl!("groups-managers-picker-hint", group = group),
                fl!("groups-managers-picker-add", count = count),
            ),
        };
        let add = button(text(action))
            .style(button::primary)
            .on_press_maybe((!self.chosen.is_empty()).then_some(Message::Submit));
        container(
            column![
                text(title).size(20),
                search,
                status.size(12),
                scrollable(list).height(Length::Fixed(320.0)),
                text(summary).size(13),
                row![
                    Space::new().width(Length::Fill),
                    button(text(fl!("dialog-cancel")))
                        .style(button::secondary)
                        .on_press(Message::Cancel),
                    add,
                ]
                .spacing(8),
            ]
            .spacing(10),
        )
        .padding(20)
        .width(Length::Fixed(560.0))
        .style(theme::card)
        .into()
    }
}
