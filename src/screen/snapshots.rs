//! Governance → Permission snapshots: take a record of who holds which
//! permission through which groups, list them, export one as CSV (native
//! save dialog), and compare two — or one with now — member by member:
//! the permissions gained and lost, with the groups granting them.

use crate::widget::focus::{Kind, focusable};
use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::widget::focus::button;
use iced::widget::{Column, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use orgdesk_api::{CreateSnapshot, Page, PermissionChange, PermissionSnapshot, SnapshotDiff};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use crate::fl;
use crate::remote::{Latest, Tag};
use crate::theme;
use crate::widget::progress::Notice;

/// Snapshots per page of the list (newest first); "More" reads the next.
pub const LIST_LIMIT: u32 = 50;

pub struct Snapshots {
    client: Client,
    org: String,
    list: State<Vec<PermissionSnapshot>>,
    listing: Latest,
    /// Where the next page of the list starts, when there is one.
    next: Option<String>,
    /// The next page asked for (its answer awaited).
    more: Latest,
    name: String,
    taking: bool,
    /// Up to two snapshots picked to compare.
    picked: BTreeSet<Uuid>,
    diff: State<SnapshotDiff>,
    comparing: Latest,
    /// The last thing done or refused, in words.
    notice: Option<Result<String, String>>,
    /// A snapshot's CSV on its way to a file.
    download: super::groups::csv::Download,
}

/// A request's answer as the screen shows it.
#[derive(Debug, Clone, Default)]
pub enum State<T> {
    #[default]
    Idle,
    Loading,
    Ready(T),
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    Refresh,
    Listed(Tag, Result<Page<PermissionSnapshot>, Error>),
    /// The next page of the list.
    More,
    MoreListed(Tag, Result<Page<PermissionSnapshot>, Error>),
    NameChanged(String),
    Take,
    Taken(Result<PermissionSnapshot, Error>),
    Pick(Uuid, bool),
    /// The two picked, older first; or (`None` for the later) one with now.
    Compare(Uuid, Option<Uuid>),
    Compared(Tag, Result<SnapshotDiff, Error>),
    Export(Uuid),
    /// Where the native dialog said to save it (tests send it directly).
    ExportTo(Uuid, Option<PathBuf>),
    Exported(Result<PathBuf, String>),
    CancelExport,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// How an export ended, for the shell's notices.
    Notify(Notice),
}

impl Snapshots {
    pub fn new(client: Client, org: String) -> (Self, Task<Message>) {
        let mut screen = Self {
            client,
            org,
            list: State::Idle,
            listing: Latest::default(),
            next: None,
            more: Latest::default(),
            name: String::new(),
            taking: false,
            picked: BTreeSet::new(),
            diff: State::Idle,
            comparing: Latest::default(),
            notice: None,
            download: Default::default(),
        };
        let task = screen.reload();
        (screen, task)
    }

    fn reload(&mut self) -> Task<Message> {
        self.list = State::Loading;
        self.more.forget();
        let tag = self.listing.ask();
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move {
                client
                    .permission_snapshots(&org, Some(LIST_LIMIT), None)
                    .await
            },
            move |result| Message::Listed(tag, result),
        )
    }

    /// The page after the last one shown.
    fn load_more(&mut self) -> Task<Message> {
        let Some(cursor) = self.next.clone() else {
            return Task::none();
        };
        if self.more.current().is_some() {
            return Task::none();
        }
        let tag = self.more.ask();
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move {
                client
                    .permission_snapshots(&org, Some(LIST_LIMIT), Some(&cursor))
                    .await
            },
            move |result| Message::MoreListed(tag, result),
        )
    }

    /// The next page's answer the screen waits for (tests answer it).
    pub fn pending_more(&self) -> Option<Tag> {
        self.more.current()
    }

    /// The list's answer the screen waits for (tests answer it).
    pub fn pending_list(&self) -> Option<Tag> {
        matches!(self.list, State::Loading)
            .then(|| self.listing.current())
            .flatten()
    }

    /// The comparison the screen waits for (tests answer it).
    pub fn pending_diff(&self) -> Option<Tag> {
        matches!(self.diff, State::Loading)
            .then(|| self.comparing.current())
            .flatten()
    }

    pub fn snapshots(&self) -> &[PermissionSnapshot] {
        match &self.list {
            State::Ready(list) => list,
            _ => &[],
        }
    }

    pub fn diff(&self) -> Option<&SnapshotDiff> {
        match &self.diff {
            State::Ready(diff) => Some(diff),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Refresh => Action::Run(self.reload()),
            Message::Listed(tag, result) if self.listing.is(tag) => {
                self.list = match result {
                    Ok(page) => {
                        self.next = page.next_cursor;
                        State::Ready(page.items)
                    }
                    Err(e) => State::Failed(super::describe(&e)),
                };
                let known: BTreeSet<Uuid> = self.snapshots().iter().map(|s| s.id).collect();
                self.picked.retain(|id| known.contains(id));
                Action::None
            }
            Message::Listed(..) => Action::None,
            // Nothing more, or the next page already asked for.
            Message::More if self.next.is_none() || self.more.current().is_some() => Action::None,
            Message::More => Action::Run(self.load_more()),
            Message::MoreListed(tag, result) if self.more.is(tag) => {
                self.more.forget();
                match (result, &mut self.list) {
                    (Ok(page), State::Ready(list)) => {
                        // A snapshot taken meanwhile may repeat one shown.
                        let shown: BTreeSet<Uuid> = list.iter().map(|s| s.id).collect();
                        list.extend(page.items.into_iter().filter(|s| !shown.contains(&s.id)));
                        self.next = page.next_cursor;
                    }
                    (Ok(_), _) => {}
                    (Err(e), _) => self.notice = Some(Err(super::describe(&e))),
                }
                Action::None
            }
            Message::MoreListed(..) => Action::None,
            Message::NameChanged(name) => {
                self.name = name;
                Action::None
            }
            Message::Take if !self.taking => {
                self.taking = true;
                self.notice = None;
                let name = self.name.trim();
                let req = CreateSnapshot {
                    name: (!name.is_empty()).then(|| name.to_string()),
                };
                let (client, org) = (self.client.clone(), self.org.clone());
                Action::Run(Task::perform(
                    async move { client.take_permission_snapshot(&org, &req).await },
                    Message::Taken,
                ))
            }
            Message::Take => Action::None,
            Message::Taken(result) => {
                self.taking = false;
                match result {
                    Ok(snapshot) => {
                        self.name.clear();
                        self.notice = Some(Ok(fl!(
                            "snapshots-taken",
                            members = snapshot.members,
                            grants = snapshot.grants
                        )));
                        Action::Run(self.reload())
                    }
                    Err(e) => {
                        self.notice = Some(Err(super::describe(&e)));
                        Action::None
                    }
                }
            }
            Message::Pick(id, on) => {
                if on {
                    if self.picked.len() >= 2 {
                        return Action::None;
                    }
                    self.picked.insert(id);
                } else {
                    self.picked.remove(&id);
                }
                Action::None
            }
            Message::Compare(from, to) => {
                self.diff = State::Loading;
                let tag = self.comparing.ask();
                let (client, org) = (self.client.clone(), self.org.clone());
                Action::Run(Task::perform(
                    async move { client.permission_snapshot_diff(&org, from, to).await },
                    move |result| Message::Compared(tag, result),
                ))
            }
            Message::Compared(tag, result) if self.comparing.is(tag) => {
                self.diff = match result {
                    Ok(diff) => State::Ready(diff),
                    Err(e) => State::Failed(super::describe(&e)),
                };
                Action::None
            }
            Message::Compared(..) => Action::None,
            Message::Export(id) => {
                let name = self
                    .snapshots()
                    .iter()
                    .find(|s| s.id == id)
                    .map(file_name)
                    .unwrap_or_else(|| "permission-snapshot.csv".into());
                Action::Run(Task::perform(
                    super::groups::csv::choose(name),
                    move |path| Message::ExportTo(id, path),
                ))
            }
            Message::ExportTo(_, None) => Action::None,
            Message::ExportTo(id, Some(path)) => {
                let (client, org) = (self.client.clone(), self.org.clone());
                let work = async move {
                    super::groups::csv::download_to(path, client.permission_snapshot_csv(&org, id))
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
        }
    }

    /// The pair to compare, older first, when two are picked.
    fn pair(&self) -> Option<(Uuid, Uuid)> {
        let mut picked: Vec<&PermissionSnapshot> = self
            .snapshots()
            .iter()
            .filter(|s| self.picked.contains(&s.id))
            .collect();
        if picked.len() != 2 {
            return None;
        }
        picked.sort_by_key(|s| s.taken_at);
        Some((picked[0].id, picked[1].id))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let take = row![
            text_input(&fl!("snapshots-name"), &self.name)
                .on_input(Message::NameChanged)
                .on_submit(Message::Take)
                .padding(6)
                .width(Length::Fixed(320.0)),
            button(text(fl!("snapshots-take")))
                .style(button::primary)
                .on_press_maybe((!self.taking).then_some(Message::Take)),
            button(text(fl!("snapshots-compare-two")))
                .style(button::secondary)
                .on_press_maybe(self.pair().map(|(a, b)| Message::Compare(a, Some(b)))),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let mut page = column![text(fl!("snapshots-title")).size(20), take].spacing(12);
        if let Some(notice) = &self.notice {
            page = page.push(match notice {
                Ok(done) => text(done.clone()).size(13),
                Err(why) => text(why.clone()).size(13).style(theme::error_text),
            });
        }
        page = page.push(self.download.view(Message::CancelExport));
        page = page.push(self.list_view());
        page = page.push(self.diff_view());
        scrollable(page.padding(16)).height(Length::Fill).into()
    }

    fn list_view(&self) -> Element<'_, Message> {
        let list = match &self.list {
            State::Idle | State::Loading => return text(fl!("snapshots-loading")).into(),
            State::Failed(why) => return text(why.clone()).style(theme::error_text).into(),
            State::Ready(list) if list.is_empty() => {
                return text(fl!("snapshots-empty")).style(theme::muted_text).into();
            }
            State::Ready(list) => list,
        };
        let rows = list.iter().map(|s| {
            let label = match &s.name {
                Some(name) => format!("{name} · {}", super::short_time(s.taken_at)),
                None => super::short_time(s.taken_at),
            };
            let on = self.picked.contains(&s.id);
            let id = s.id;
            row![
                focusable(
                    checkbox(on)
                        .label(label)
                        .on_toggle(move |on| Message::Pick(id, on))
                        .width(Length::FillPortion(4)),
                    Kind::Press,
                ),
                text(fl!(
                    "snapshots-size",
                    members = s.members,
                    grants = s.grants
                ))
                .size(12)
                .style(theme::muted_text)
                .width(Length::FillPortion(3)),
                button(text(fl!("snapshots-compare-now")).size(13))
                    .style(button::secondary)
                    .on_press(Message::Compare(id, None)),
                button(text(fl!("snapshots-export")).size(13))
                    .style(button::secondary)
                    .on_press(Message::Export(id)),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into()
        });
        let mut list = Column::with_children(rows).spacing(6);
        if self.next.is_some() {
            let label = match self.more.current() {
                Some(_) => fl!("snapshots-loading"),
                None => fl!("governance-more"),
            };
            list = list.push(
                button(text(label).size(13))
                    .style(button::secondary)
                    .on_press_maybe(self.more.current().is_none().then_some(Message::More)),
            );
        }
        list.into()
    }

    fn diff_view(&self) -> Element<'_, Message> {
        let diff = match &self.diff {
            State::Idle => return column![].into(),
            State::Loading => return text(fl!("snapshots-comparing")).into(),
            State::Failed(why) => return text(why.clone()).style(theme::error_text).into(),
            State::Ready(diff) => diff,
        };
        let to = match diff.to {
            Some(_) => super::short_time(diff.to_taken_at),
            None => fl!("snapshots-now"),
        };
        let title = fl!(
            "snapshots-diff-title",
            from = super::short_time(diff.from_taken_at),
            to = to
        );
        if diff.members.is_empty() {
            return column![
                text(title).size(16),
                text(fl!("snapshots-diff-none")).style(theme::muted_text)
            ]
            .spacing(6)
            .into();
        }
        let members = diff.members.iter().map(|m| {
            let lines = m
                .gained
                .iter()
                .map(|c| change_line(c, true))
                .chain(m.lost.iter().map(|c| change_line(c, false)));
            container(
                column![
                    text(format!("{} · {}", m.name, m.email)).size(14),
                    Column::with_children(lines).spacing(2).padding([0, 12]),
                ]
                .spacing(4),
            )
            .padding(8)
            .style(theme::card)
            .width(Length::Fill)
            .into()
        });
        column![
            text(title).size(16),
            text(fl!("snapshots-diff-count", count = diff.members.len())).size(13),
            Column::with_children(members).spacing(8),
        ]
        .spacing(8)
        .into()
    }
}

fn change_line<'a>(change: &PermissionChange, gained: bool) -> Element<'a, Message> {
    let groups = change
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let words = if gained {
        fl!(
            "snapshots-gained",
            permission = change.permission.clone(),
            groups = groups
        )
    } else {
        fl!(
            "snapshots-lost",
            permission = change.permission.clone(),
            groups = groups
        )
    };
    text(words).size(13).into()
}

/// "permissions-2026-12-05.csv".
fn file_name(snapshot: &PermissionSnapshot) -> String {
    format!(
        "permissions-{}.csv",
        crate::locale::file_day(snapshot.taken_at)
    )
}
