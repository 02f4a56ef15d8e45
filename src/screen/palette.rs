//! The command palette (Ctrl+K): type to find a section, an organization,
//! an action or a member by name (members are searched on the platform,
//! debounced); arrows move, Enter or a click goes there.
//!
//! What an entry does is the caller's: the palette holds a target `T` per
//! entry (the console's own message) and hands back the one chosen.

use crate::widget::focus::button;
use iced::widget::{Id, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{Member, MemberQuery, search};
use orgdesk_client::{Client, Error};

use crate::fl;
use crate::remote::{Latest, Tag};
use crate::screen::members::DEBOUNCE;
use crate::theme;
use crate::widget::icon::{self, Icon};

/// Members found on the platform, at most.
pub const MEMBERS_SHOWN: u32 = 8;

pub fn input_id() -> Id {
    Id::new("palette-input")
}

/// One entry: what it shows and what choosing it does.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    pub icon: Icon,
    pub label: String,
    /// What kind of entry it is ("Section", "Member", an email).
    pub detail: String,
    pub target: T,
}

pub struct Palette<T> {
    /// Sections, organizations and actions: filtered here as one types.
    fixed: Vec<Entry<T>>,
    /// Where members are searched (`None`: no organization in view).
    members: Option<(Client, String)>,
    /// A member's entry's target.
    member_target: fn(&Member) -> T,
    query: String,
    found: Vec<Member>,
    search: Latest,
    selected: usize,
}

#[derive(Debug, Clone)]
pub enum Message {
    QueryChanged(String),
    SearchDue(Tag),
    Found(Tag, Result<Vec<Member>, Error>),
    /// Arrow keys.
    Move(isize),
    /// Enter: the selected entry.
    Submit,
    Pick(usize),
    Close,
}

pub enum Action<T> {
    None,
    Run(Task<Message>),
    Chose(T),
    Close,
}

impl<T: Clone> Palette<T> {
    pub fn new(
        fixed: Vec<Entry<T>>,
        members: Option<(Client, String)>,
        member_target: fn(&Member) -> T,
    ) -> Self {
        Self {
            fixed,
            members,
            member_target,
            query: String::new(),
            found: Vec::new(),
            search: Latest::default(),
            selected: 0,
        }
    }

    /// The entries that match what was typed: the fixed ones first, then members.
    pub fn entries(&self) -> Vec<Entry<T>> {
        // The members search's own matching: query words prefix the label's words.
        let words = search::query_words(&self.query);
        let matches = |label: &str| search::matches(&words, &search::query_words(label));
        let mut entries: Vec<Entry<T>> = self
            .fixed
            .iter()
            .filter(|e| matches(&e.label))
            .cloned()
            .collect();
        entries.extend(self.found.iter().map(|m| Entry {
            icon: Icon::Members,
            label: m.name.clone(),
            detail: m.email.clone(),
            target: (self.member_target)(m),
        }));
        entries
    }

    pub fn update(&mut self, message: Message) -> Action<T> {
        match message {
            Message::QueryChanged(query) => {
                self.query = query;
                self.selected = 0;
                if self.members.is_none() || self.query.trim().is_empty() {
                    self.search.forget();
                    self.found.clear();
                    return Action::None;
                }
                let tag = self.search.ask();
                Action::Run(Task::perform(tokio::time::sleep(DEBOUNCE), move |()| {
                    Message::SearchDue(tag)
                }))
            }
            Message::SearchDue(tag) if self.search.is(tag) => {
                let Some((client, org)) = self.members.clone() else {
                    return Action::None;
                };
                let query = MemberQuery {
                    q: Some(self.query.trim().to_string()),
                    limit: Some(MEMBERS_SHOWN),
                    ..MemberQuery::default()
                };
                Action::Run(Task::perform(
                    async move { client.members(&org, &query).await.map(|p| p.items) },
                    move |result| Message::Found(tag, result),
                ))
            }
            Message::SearchDue(_) => Action::None,
            Message::Found(tag, result) if self.search.is(tag) => {
                // A failed search shows no members; the rest still works.
                self.found = result.unwrap_or_default();
                Action::None
            }
            Message::Found(..) => Action::None,
            Message::Move(delta) => {
                let count = self.entries().len();
                if count > 0 {
                    self.selected = self.selected.saturating_add_signed(delta).min(count - 1);
                }
                Action::None
            }
            Message::Submit => self.pick(self.selected),
            Message::Pick(index) => self.pick(index),
            Message::Close => Action::Close,
        }
    }

    fn pick(&self, index: usize) -> Action<T> {
        match self.entries().into_iter().nth(index) {
            Some(entry) => Action::Chose(entry.target),
            None => Action::None,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let input = text_input(&fl!("palette-placeholder"), &self.query)
            .id(input_id())
            .on_input(Message::QueryChanged)
            .on_submit(Message::Submit)
            .padding(10)
            .size(16);
        let entries = self.entries();
        let mut list = column![].spacing(2);
        if entries.is_empty() {
            list = list.push(
                text(fl!("palette-nothing"))
                    .size(13)
                    .style(theme::muted_text),
            );
        }
        for (index, entry) in entries.into_iter().enumerate() {
            let line = row![
                icon::icon(entry.icon).size(15),
                text(entry.label).size(14).width(Length::Fill),
                text(entry.detail).size(12).style(theme::muted_text),
            ]
            .spacing(10)
            .align_y(iced::Alignment::Center);
            list = list.push(
                button(line)
                    .width(Length::Fill)
                    .padding([6, 10])
                    .style(theme::nav_button(index == self.selected))
                    .on_press(Message::Pick(index)),
            );
        }
        container(
            column![
                input,
                scrollable(list).height(Length::Fixed(360.0)),
                text(fl!("palette-hint")).size(11).style(theme::muted_text),
            ]
            .spacing(10),
        )
        .padding(14)
        .width(Length::Fixed(560.0))
        .style(theme::card)
        .into()
    }
}

/// The keyboard shortcuts sheet (F1, Ctrl+/): every key the console takes.
pub fn shortcuts<'a, M: Clone + 'a>(close: M) -> Element<'a, M> {
    let keys = [
        ("Ctrl+K", fl!("shortcut-palette")),
        ("Ctrl+F", fl!("shortcut-search")),
        ("Ctrl+R", fl!("shortcut-refresh")),
        ("Tab, Shift+Tab", fl!("shortcut-tab")),
        ("Space, Enter", fl!("shortcut-press")),
        ("↑ ↓", fl!("shortcut-arrows")),
        ("Enter", fl!("shortcut-enter")),
        ("Menu, Shift+F10", fl!("shortcut-menu")),
        ("Esc", fl!("shortcut-escape")),
        ("F1, Ctrl+/", fl!("shortcut-help")),
    ];
    let mut list = column![].spacing(6);
    for (key, what) in keys {
        list = list.push(
            row![
                container(text(key).size(13))
                    .padding([2, 8])
                    .width(Length::Fixed(150.0))
                    .style(theme::badge),
                text(what).size(13),
            ]
            .spacing(12)
            .align_y(iced::Alignment::Center),
        );
    }
    container(
        column![
            icon::labelled(Icon::Shortcuts, fl!("shortcuts-title"), 18),
            list,
            row![
                iced::widget::Space::new().width(Length::Fill),
                button(text(fl!("shortcuts-close")))
                    .style(button::secondary)
                    .on_press(close),
            ],
        ]
        .spacing(14),
    )
    .padding(20)
    .width(Length::Fixed(460.0))
    .style(theme::card)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn palette() -> Palette<&'static str> {
        let entry = |label: &str, target| Entry {
            icon: Icon::Overview,
            label: label.into(),
            detail: String::new(),
            target,
        };
        Palette::new(
            vec![
                entry("Members", "members"),
                entry("Audit log", "audit"),
                entry("Demo Corp", "org"),
            ],
            None,
            |_| "member",
        )
    }

    #[test]
    fn typing_narrows_by_word_prefix_and_enter_takes_the_selected() {
        let mut p = palette();
        assert_eq!(p.entries().len(), 3, "everything before typing");
        let _ = p.update(Message::QueryChanged("log".into()));
        let labels: Vec<String> = p.entries().into_iter().map(|e| e.label).collect();
        assert_eq!(labels, ["Audit log"]);
        assert!(matches!(p.update(Message::Submit), Action::Chose("audit")));
        let _ = p.update(Message::QueryChanged(String::new()));
        let _ = p.update(Message::Move(5));
        assert!(
            matches!(p.update(Message::Submit), Action::Chose("org")),
            "clamped at the end"
        );
        let _ = p.update(Message::QueryChanged("nothing here".into()));
        assert!(matches!(p.update(Message::Submit), Action::None));
    }
}
