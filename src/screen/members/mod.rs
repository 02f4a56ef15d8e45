//! Members: a table of the organization's members that stays smooth at
//! 100,000 rows — pages from the server with the cursor as you scroll,
//! searches on the server (debounced), filters, sorts, and selects rows.
//! Its columns are the person's to size, hide and order ([`table`]).

mod table;

use crate::widget::focus::{Kind, focusable};
use std::time::Duration;

use crate::widget::focus::button;
use iced::keyboard::Modifiers;
use iced::widget::scrollable::Viewport;
use iced::widget::{Id, Space, column, pick_list, progress_bar, row, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{Member, MemberQuery, MemberSort, MembershipStatus, search};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use super::dormant::{self, Dormant};
use super::expiry::AccessFilter;
pub use super::row_menu::RowAct;
use crate::desktop::link::Item;
use crate::fl;
use crate::remote::{Latest, Listed, Paged, Request, Shown, Tag};
use crate::settings::TableColumns;
use crate::theme;
use crate::widget::columns::{self, Columns};
use crate::widget::icon::{self, Icon};
use crate::widget::selection::{Mode, Selection};

pub use self::table::MemberColumn;
/// The members table's name in the settings file.
pub const TABLE: &str = table::NAME;

/// Rows asked for per page: a few screens' worth.
pub const PAGE_SIZE: u32 = 200;
/// A search fires this long after the last keystroke.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

pub fn search_id() -> Id {
    Id::new("members-search")
}

pub struct Members {
    client: Client,
    org: String,
    query: String,
    status: Option<MembershipStatus>,
    sort: MemberSort,
    desc: bool,
    list: Paged<Member>,
    /// The search typed last: it runs once typing pauses.
    search: Latest,
    selection: Selection,
    modifiers: Modifiers,
    seats: Option<(u32, u32)>,
    /// Offline: every cached member; searches, filters and sorts run here.
    cached: Option<Vec<Member>>,
    /// The organization's groups, for the group filter.
    groups: Vec<GroupChoice>,
    group: Option<GroupChoice>,
    /// The row whose context menu is open.
    menu: Option<usize>,
    /// "Expiring in 7 / 30 days" or "Inactive 90+ days".
    access: Option<AccessFilter>,
    /// "Suspend selected" on the dormant report, while it is open.
    dormant: Option<Dormant>,
    columns: Columns<MemberColumn>,
}

/// An entry of the group filter; `id: None` is "every group".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupChoice {
    pub id: Option<Uuid>,
    pub name: String,
}

impl std::fmt::Display for GroupChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl GroupChoice {
    fn any() -> Self {
        Self {
            id: None,
            name: fl!("members-filter-any-group"),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    QueryChanged(String),
    SearchDue(Tag),
    StatusFilter(Option<MembershipStatus>),
    GroupFilter(GroupChoice),
    /// An access filter on, or (`None`) off.
    AccessFilter(Option<AccessFilter>),
    /// "Extend to…": re-add the selection to their groups with a new end.
    ExtendSelected,
    /// "Suspend selected" (with the Inactive filter on): preview, then apply.
    SuspendSelected,
    Dormant(dormant::Message),
    GroupsLoaded(Result<Vec<orgdesk_api::Group>, Error>),
    SortBy(MemberSort),
    Refresh,
    Scrolled(Viewport),
    RowClicked(usize),
    RowOpened(Uuid),
    ModifiersChanged(Modifiers),
    MoveSelection(isize),
    OpenSelected,
    CompareSelected,
    /// "Add to groups…" (`true`) or "Remove from groups…" (`false`).
    EditSelected(bool),
    ImportCsv,
    Listed(Listed<Member>),
    /// A right click on row `usize`: its context menu.
    RowMenu(usize),
    /// The Menu key (or Shift+F10): the selected row's context menu.
    MenuKey,
    CloseMenu,
    /// An entry of the open context menu.
    Chose(RowAct),
    /// Widths, order or visibility of the columns.
    Columns(columns::Change<MemberColumn>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    OpenMember(Uuid),
    /// Show the selected members × permissions (with the granting groups).
    ComparePermissions(Vec<Member>),
    /// Add the selected members to groups (`true`) or remove them (`false`).
    EditGroups(Vec<Member>, bool),
    /// Group changes from a CSV file.
    ImportCsv,
    /// Suspend, reactivate, force a reset or sign out: the member's sheet
    /// opens and asks for the confirmation, as its own buttons do.
    Act(Member, RowAct),
    /// Put a link to this member on the clipboard.
    CopyLink(Item),
    /// Give the selected members' memberships a new end date.
    ExtendGroups(Vec<Member>),
    /// The columns were arranged anew: keep them in the settings file.
    SaveColumns(&'static str, TableColumns),
}

impl Members {
    pub fn new(client: Client, org: String, seats: Option<(u32, u32)>) -> (Self, Task<Message>) {
        let mut members = Self {
            client,
            org,
            query: String::new(),
            status: None,
            sort: MemberSort::Name,
            desc: false,
            list: Paged::new(),
            search: Latest::default(),
            selection: Selection::default(),
            modifiers: Modifiers::default(),
            seats,
            cached: None,
            groups: Vec::new(),
            group: None,
            menu: None,
            access: None,
            dormant: None,
            columns: Columns::default(),
        };
        let task = members.reload();
        let groups = {
            let (client, org) = (members.client.clone(), members.org.clone());
            Task::perform(
                async move { client.groups(&org).await },
                Message::GroupsLoaded,
            )
        };
        (members, Task::batch([task, groups]))
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::QueryChanged(query) => self.query_changed(query),
            Message::SearchDue(tag) if self.search.is(tag) => Action::Run(self.reload()),
            Message::SearchDue(_) => Action::None,
            Message::StatusFilter(status) => {
                self.status = status;
                Action::Run(self.reload())
            }
            Message::GroupFilter(choice) => {
                self.group = choice.id.is_some().then_some(choice);
                Action::Run(self.reload())
            }
            Message::AccessFilter(access) => {
                self.access = access;
                Action::Run(self.reload())
            }
            Message::ExtendSelected => {
                let chosen: Vec<Member> = self.selected().into_iter().cloned().collect();
                if chosen.is_empty() || self.cached.is_some() {
                    Action::None
                } else {
                    Action::ExtendGroups(chosen)
                }
            }
            Message::SuspendSelected => self.suspend_selected(),
            Message::Dormant(message) => self.dormant_message(message),
            Message::GroupsLoaded(Ok(groups)) => {
                self.groups = std::iter::once(GroupChoice::any())
                    .chain(groups.into_iter().map(|g| GroupChoice {
                        id: Some(g.id),
                        name: g.name,
                    }))
                    .collect();
                Action::None
            }
            // Without the groups the filter is simply not offered.
            Message::GroupsLoaded(Err(_)) => Action::None,
            Message::SortBy(sort) => self.sort_by(sort),
            Message::Refresh => Action::Run(self.reload()),
            Message::Scrolled(viewport) => {
                let next = self.list.scrolled(&viewport);
                Action::Run(self.fetch(next))
            }
            Message::RowClicked(index) => self.row_clicked(index),
            Message::RowOpened(id) => Action::OpenMember(id),
            Message::ModifiersChanged(modifiers) => {
                self.modifiers = modifiers;
                Action::None
            }
            Message::MoveSelection(delta) => {
                self.selection.step(delta, self.list.rows().len());
                Action::None
            }
            Message::EditSelected(add) => {
                let chosen: Vec<Member> = self.selected().into_iter().cloned().collect();
                if chosen.is_empty() || self.cached.is_some() {
                    Action::None
                } else {
                    Action::EditGroups(chosen, add)
                }
            }
            Message::ImportCsv if self.cached.is_none() => Action::ImportCsv,
            Message::ImportCsv => Action::None,
            Message::CompareSelected => {
                let chosen: Vec<Member> = self.selected().into_iter().cloned().collect();
                if chosen.is_empty() || self.cached.is_some() {
                    Action::None
                } else {
                    Action::ComparePermissions(chosen)
                }
            }
            Message::OpenSelected => self
                .selected()
                .first()
                .map_or(Action::None, |m| Action::OpenMember(m.id)),
            Message::Listed(listed) => {
                let next = self.list.listed(listed);
                Action::Run(self.fetch(next))
            }
            Message::RowMenu(index) if index < self.list.rows().len() => {
                // A right click outside the selection selects that row alone.
                if !self.selection.contains(index) {
                    self.selection.click(index, Mode::Replace);
                }
                self.menu = Some(index);
                Action::None
            }
            Message::RowMenu(_) => Action::None,
            Message::MenuKey => {
                self.menu = self
                    .selection
                    .anchor()
                    .filter(|&i| i < self.list.rows().len() && self.selection.contains(i));
                Action::None
            }
            Message::CloseMenu => {
                self.menu = None;
                Action::None
            }
            Message::Chose(act) => self.chose(act),
            Message::Columns(change) => {
                if self.columns.update(change) {
                    Action::SaveColumns(table::NAME, self.columns.saved())
                } else {
                    Action::None
                }
            }
        }
    }

    /// The columns as saved in the settings file (from the last run).
    pub fn set_columns(&mut self, saved: Option<&TableColumns>) {
        self.columns = Columns::new(saved);
    }

    pub fn columns(&self) -> &Columns<MemberColumn> {
        &self.columns
    }

    /// The row whose context menu is open.
    pub fn menu_row(&self) -> Option<&Member> {
        self.menu.and_then(|i| self.list.rows().get(i))
    }

    /// Esc: closes the context menu; false when none was open.
    pub fn escape(&mut self) -> bool {
        if self.menu.take().is_some() || self.columns.escape() {
            return true;
        }
        if self.dormant.is_some() {
            // Esc is Dismiss: ignored while the suspension runs.
            let _ = self.dormant_message(dormant::Message::Dismiss);
            return true;
        }
        false
    }

    fn chose(&mut self, act: RowAct) -> Action {
        let Some(member) = self.menu_row().cloned() else {
            return Action::None;
        };
        self.menu = None;
        if !RowAct::offered(&member, self.cached.is_some()).contains(&act) {
            return Action::None;
        }
        match act {
            RowAct::Open => Action::OpenMember(member.id),
            RowAct::CopyEmail => Action::Run(iced::clipboard::write(member.email)),
            RowAct::CopyLink => Action::CopyLink(Item::Member(member.id)),
            RowAct::AddToGroup | RowAct::RemoveFromGroup => {
                let mut chosen: Vec<Member> = self.selected().into_iter().cloned().collect();
                if chosen.is_empty() {
                    chosen.push(member);
                }
                Action::EditGroups(chosen, act == RowAct::AddToGroup)
            }
            RowAct::Suspend | RowAct::Reactivate | RowAct::ForceReset | RowAct::SignOut => {
                Action::Act(member, act)
            }
        }
    }

    fn query_changed(&mut self, query: String) -> Action {
        self.query = query;
        let tag = self.search.ask();
        Action::Run(Task::perform(tokio::time::sleep(DEBOUNCE), move |()| {
            Message::SearchDue(tag)
        }))
    }

    fn sort_by(&mut self, sort: MemberSort) -> Action {
        if self.sort == sort {
            self.desc = !self.desc;
        } else {
            (self.sort, self.desc) = (sort, false);
        }
        Action::Run(self.reload())
    }

    fn row_clicked(&mut self, index: usize) -> Action {
        let mode = if self.modifiers.shift() {
            Mode::Range
        } else if self.modifiers.command() {
            Mode::Toggle
        } else {
            Mode::Replace
        };
        self.selection.click(index, mode);
        Action::None
    }

    /// The query a page is asked with: the search, filters and sort.
    pub fn query(&self, cursor: Option<String>) -> MemberQuery {
        let q = self.query.trim();
        let mut query = MemberQuery {
            q: (!q.is_empty()).then(|| q.to_string()),
            status: self.status,
            group: self.group.as_ref().and_then(|g| g.id),
            sort: Some(self.sort),
            desc: Some(self.desc),
            limit: Some(PAGE_SIZE),
            cursor,
            ..MemberQuery::default()
        };
        if let Some(access) = self.access {
            access.apply(&mut query);
        }
        query
    }

    fn suspend_selected(&mut self) -> Action {
        let dormant_on = self.access.is_some_and(AccessFilter::dormant);
        let chosen: Vec<Uuid> = self.selected().iter().map(|m| m.id).collect();
        if !dormant_on || chosen.is_empty() || self.cached.is_some() || self.dormant.is_some() {
            return Action::None;
        }
        let (dialog, task) = Dormant::new(self.client.clone(), self.org.clone(), chosen);
        self.dormant = Some(dialog);
        Action::Run(task.map(Message::Dormant))
    }

    fn dormant_message(&mut self, message: dormant::Message) -> Action {
        let Some(dialog) = &mut self.dormant else {
            return Action::None;
        };
        match dialog.update(message) {
            dormant::Action::None => Action::None,
            dormant::Action::Run(task) => Action::Run(task.map(Message::Dormant)),
            dormant::Action::Suspended(result) => {
                // Suspended members take no seat: the gauge follows at once.
                let used = u32::try_from(result.seats_used).unwrap_or(u32::MAX);
                self.seats = self.seats.map(|(_, limit)| (used, limit));
                Action::Run(self.reload())
            }
            dormant::Action::Close => {
                self.dormant = None;
                Action::None
            }
        }
    }

    /// "Suspend selected", while its dialog is open.
    pub fn dormant(&self) -> Option<&Dormant> {
        self.dormant.as_ref()
    }

    /// The access filter on, if any.
    pub fn access(&self) -> Option<AccessFilter> {
        self.access
    }

    /// Starts over from the first page (new search, filter or sort).
    fn reload(&mut self) -> Task<Message> {
        self.search.forget();
        self.selection.clear();
        self.menu = None;
        if self.cached.is_some() {
            self.filter_cached();
            return Task::none();
        }
        let first = self.list.reload();
        self.fetch(Some(first))
    }

    /// The page `request` asks for, with the search, filters and sort.
    fn fetch(&self, request: Option<Request>) -> Task<Message> {
        let Some(request) = request else {
            return Task::none();
        };
        let (client, org, query) = (
            self.client.clone(),
            self.org.clone(),
            self.query(request.cursor()),
        );
        request
            .perform(async move { client.members(&org, &query).await })
            .map(Message::Listed)
    }

    /// The offline copy's members matching the search and filter, sorted:
    /// the platform's own rule (`orgdesk_api::search`: every word prefixes a
    /// word of the name or email; an address is one word).
    fn filter_cached(&mut self) {
        let Some(all) = &self.cached else {
            return;
        };
        let words = search::query_words(&self.query);
        let matches = |member: &Member| {
            search::matches(&words, &search::member_words(&member.name, &member.email))
        };
        let mut rows: Vec<Member> = all
            .iter()
            .filter(|m| self.status.is_none_or(|s| m.status == s))
            .filter(|m| {
                self.group
                    .as_ref()
                    .and_then(|g| g.id)
                    .is_none_or(|id| m.groups.iter().any(|g| g.id == id))
            })
            .filter(|m| {
                self.access
                    .is_none_or(|a| a.matches(m, time::OffsetDateTime::now_utc()))
            })
            .filter(|m| matches(m))
            .cloned()
            .collect();
        match self.sort {
            MemberSort::Email => rows.sort_by(|a, b| a.email.cmp(&b.email)),
            MemberSort::JoinedAt => rows.sort_by_key(|m| m.joined_at),
            _ => rows.sort_by(|a, b| a.name.cmp(&b.name)),
        }
        if self.desc {
            rows.reverse();
        }
        self.list.show(rows);
    }

    pub fn selected(&self) -> Vec<&Member> {
        self.selection
            .indices()
            .filter_map(|i| self.list.rows().get(i))
            .collect()
    }

    pub fn rows(&self) -> &[Member] {
        self.list.rows()
    }

    /// The list as paged from the platform.
    pub fn list(&self) -> &Paged<Member> {
        &self.list
    }

    /// Shows the offline copy: from now on searches, filters and sorts run
    /// over `rows` here, without the platform.
    pub fn show_cached(&mut self, rows: Vec<Member>) {
        // The group filter offers the groups the copy knows of.
        let mut known: Vec<GroupChoice> = rows
            .iter()
            .flat_map(|m| &m.groups)
            .map(|g| GroupChoice {
                id: Some(g.id),
                name: g.name.clone(),
            })
            .collect();
        known.sort_by(|a, b| a.name.cmp(&b.name));
        known.dedup();
        self.groups = std::iter::once(GroupChoice::any()).chain(known).collect();
        self.cached = Some(rows);
        self.filter_cached();
    }

    /// Replaces one member's row (after an action on them) wherever it shows.
    pub fn replace(&mut self, member: Member) {
        for row in self
            .list
            .rows_mut()
            .iter_mut()
            .filter(|r| r.id == member.id)
        {
            *row = member.clone();
        }
    }

    pub fn set_seats(&mut self, seats: Option<(u32, u32)>) {
        self.seats = seats;
    }

    pub fn view(&self) -> Element<'_, Message> {
        let search = text_input(&fl!("members-search"), &self.query)
            .id(search_id())
            .on_input(Message::QueryChanged)
            .padding(8)
            .width(Length::Fill);
        let filter = |label: String, status: Option<MembershipStatus>| {
            button(text(label))
                .style(theme::nav_button(self.status == status))
                .on_press(Message::StatusFilter(status))
        };
        let filters = row![
            filter(fl!("members-filter-all"), None),
            filter(fl!("members-filter-active"), Some(MembershipStatus::Active)),
            filter(
                fl!("members-filter-suspended"),
                Some(MembershipStatus::Suspended)
            ),
        ]
        .spacing(4);
        let access = AccessFilter::OFFERED
            .iter()
            .fold(row![].spacing(4), |line, &a| {
                let on = self.access == Some(a);
                line.push(
                    button(text(a.label()).size(13))
                        .style(theme::nav_button(on))
                        .on_press(Message::AccessFilter((!on).then_some(a))),
                )
            });
        // Two lines: at 1280 px one line squeezed the search box to a sliver.
        let mut toolbar = row![search].spacing(12).align_y(iced::Alignment::Center);
        if self.cached.is_none() {
            toolbar = toolbar.push(
                button(icon::labelled(
                    Icon::ImportCsv,
                    fl!("members-import-csv"),
                    13,
                ))
                .style(button::secondary)
                .on_press(Message::ImportCsv),
            );
        }
        let mut narrowing = row![filters, access]
            .spacing(24)
            .align_y(iced::Alignment::Center)
            .push(Space::new().width(Length::Fill));
        if !self.groups.is_empty() {
            narrowing = narrowing.push(focusable(
                pick_list(
                    self.groups.as_slice(),
                    Some(self.group.clone().unwrap_or_else(GroupChoice::any)),
                    Message::GroupFilter,
                )
                .width(Length::Fixed(220.0)),
                Kind::Choice,
            ));
        }
        let toolbar = column![toolbar, narrowing].spacing(8);
        // Seats sit on the status line, where a narrow window leaves them room.
        let seats = self.seats.map(|(used, limit)| {
            let gauge = progress_bar(0.0..=limit.max(1) as f32, used as f32)
                .length(Length::Fixed(120.0))
                .girth(8)
                .style(theme::seat_gauge(used, limit));
            row![
                text(fl!("members-seats", used = used, limit = limit)).size(12),
                gauge
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center)
        });
        let status_line = match self.list.shown() {
            Shown::Loading => text(fl!("members-loading")),
            Shown::Failed(why) => text(why.to_owned()).style(theme::error_text),
            Shown::Empty => text(fl!("members-empty")),
            Shown::Rows {
                shown,
                total,
                estimate,
            } => {
                // Above a threshold the platform estimates rather than counts.
                let mut line = if estimate {
                    fl!("members-count-about", shown = shown, total = total)
                } else {
                    fl!("members-count", shown = shown, total = total)
                };
                if !self.selection.is_empty() {
                    line = format!(
                        "{line} · {}",
                        fl!("members-selected", count = self.selection.len())
                    );
                }
                text(line)
            }
        };
        let mut page = column![toolbar];
        if !self.selection.is_empty() && self.cached.is_none() {
            page = page.push(
                row![
                    text(fl!("members-selected", count = self.selection.len())).size(13),
                    button(icon::labelled(
                        Icon::AddToGroups,
                        fl!("members-add-to-groups"),
                        13
                    ))
                    .style(button::primary)
                    .on_press(Message::EditSelected(true)),
                    button(icon::labelled(
                        Icon::RemoveFromGroups,
                        fl!("members-remove-from-groups"),
                        13
                    ))
                    .style(button::secondary)
                    .on_press(Message::EditSelected(false)),
                    button(icon::labelled(Icon::Compare, fl!("members-compare"), 13))
                        .style(button::secondary)
                        .on_press(Message::CompareSelected),
                    button(text(fl!("members-extend")).size(13))
                        .style(button::secondary)
                        .on_press(Message::ExtendSelected),
                ]
                .spacing(8)
                .align_y(iced::Alignment::Center)
                .push(self.access.filter(|a| a.dormant()).map(|_| {
                    button(text(fl!("members-suspend-selected")).size(13))
                        .style(button::danger)
                        .on_press(Message::SuspendSelected)
                })),
            );
        }
        let page = page
            .push(self.table())
            .push(
                row![
                    status_line
                        .size(12)
                        .style(theme::muted_text)
                        .width(Length::Fill)
                ]
                .push(seats)
                .align_y(iced::Alignment::Center),
            )
            .spacing(8)
            .padding(16);
        match &self.dormant {
            Some(dialog) => crate::widget::modal::modal(
                page,
                dialog.view().map(Message::Dormant),
                Message::Dormant(dormant::Message::Dismiss),
            ),
            None => page.into(),
        }
    }
}
