//! Permissions of selected members: each member × permission, the union of
//! what their groups grant, and — on hover or click of a cell — the groups
//! that grant it (`GET …/members/{id}/permissions`). The Members screen
//! opens it for a selection.

use std::collections::{BTreeMap, HashMap};

use crate::widget::focus::button;
use iced::widget::scrollable::Viewport;
use iced::widget::{Id, Space, column, container, mouse_area, row, text};
use iced::{Element, Length, Task};
use orgdesk_api::{EffectivePermission, Member};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use super::grid::{self, Grid, Pane};
use super::perms::{self, Permissions};
use crate::fl;
use crate::theme;

/// Members shown at most; the rest of a large selection is named, not shown.
pub const MAX_MEMBERS: usize = 100;

/// The id of one cell, for tests that click it.
pub fn cell_id(row: usize, column: usize) -> Id {
    Id::from(format!("groups-member-matrix-cell-{row}-{column}"))
}

/// A member as the matrix shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
    pub email: String,
}

impl From<&Member> for Person {
    fn from(member: &Member) -> Self {
        Self {
            id: member.id,
            name: member.name.clone(),
            email: member.email.clone(),
        }
    }
}

pub struct MemberMatrix {
    client: Client,
    org: String,
    people: Vec<Person>,
    /// Selected beyond [`MAX_MEMBERS`].
    left_out: usize,
    columns: Columns,
    /// Each member's effective permissions (key → granting groups), or why not.
    effective: HashMap<Uuid, Result<BTreeMap<String, Vec<String>>, String>>,
    hovered: Option<(usize, usize)>,
    selected: Option<(usize, usize)>,
    grid: Grid,
}

enum Columns {
    Loading,
    Ready(Permissions),
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    Refresh,
    PermissionsLoaded(Result<Permissions, Error>),
    MemberLoaded(Uuid, Result<Vec<EffectivePermission>, Error>),
    Hover(usize, usize),
    Unhover(usize, usize),
    Select(usize, usize),
    Scrolled(Pane, Viewport),
    Close,
}

pub enum Action {
    None,
    Run(Task<Message>),
    Close,
}

impl MemberMatrix {
    /// The matrix for `people` (e.g. the Members screen's selection).
    pub fn new(client: Client, org: String, people: Vec<Person>) -> (Self, Task<Message>) {
        let left_out = people.len().saturating_sub(MAX_MEMBERS);
        let people: Vec<Person> = people.into_iter().take(MAX_MEMBERS).collect();
        let mut matrix = Self {
            client,
            org,
            people,
            left_out,
            columns: Columns::Loading,
            effective: HashMap::new(),
            hovered: None,
            selected: None,
            grid: Grid::new("groups-member-matrix"),
        };
        let task = matrix.load();
        (matrix, task)
    }

    pub fn people(&self) -> &[Person] {
        &self.people
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Refresh => Action::Run(self.load()),
            Message::PermissionsLoaded(result) => self.permissions_loaded(result),
            Message::MemberLoaded(id, result) => self.member_loaded(id, result),
            Message::Hover(row, column) => {
                self.hovered = Some((row, column));
                Action::None
            }
            Message::Unhover(row, column) => {
                if self.hovered == Some((row, column)) {
                    self.hovered = None;
                }
                Action::None
            }
            Message::Select(row, column) => {
                self.selected = (self.selected != Some((row, column))).then_some((row, column));
                Action::None
            }
            Message::Scrolled(pane, viewport) => Action::Run(self.grid.scrolled(pane, &viewport)),
            Message::Close => Action::Close,
        }
    }

    fn load(&mut self) -> Task<Message> {
        self.effective.clear();
        let (client, org) = (self.client.clone(), self.org.clone());
        let columns = Task::perform(
            async move {
                let (all, catalog) =
                    tokio::try_join!(client.org_permissions(&org), client.catalog())?;
                let products = catalog
                    .products
                    .into_iter()
                    .map(|p| (p.id, p.name))
                    .collect();
                Ok(Permissions {
                    all,
                    held: Default::default(),
                    products,
                })
            },
            Message::PermissionsLoaded,
        );
        let members = self.people.iter().map(|person| {
            let (client, org, id) = (self.client.clone(), self.org.clone(), person.id);
            Task::perform(
                async move { client.member_permissions(&org, id).await },
                move |result| Message::MemberLoaded(id, result),
            )
        });
        Task::batch(std::iter::once(columns).chain(members))
    }

    fn permissions_loaded(&mut self, result: Result<Permissions, Error>) -> Action {
        match result {
            Ok(permissions) => {
                self.columns = Columns::Ready(permissions);
                Action::None
            }
            Err(e) => {
                self.columns = Columns::Failed(super::super::describe(&e));
                Action::None
            }
        }
    }

    fn member_loaded(
        &mut self,
        id: Uuid,
        result: Result<Vec<EffectivePermission>, Error>,
    ) -> Action {
        let entry = match result {
            Ok(list) => Ok(list
                .into_iter()
                .map(|p| {
                    let groups = p.granted_by.into_iter().map(|g| g.name).collect();
                    (p.permission, groups)
                })
                .collect()),
            Err(e) => Err(super::super::describe(&e)),
        };
        self.effective.insert(id, entry);
        Action::None
    }

    /// The granting groups of a member's permission; `None` while unknown.
    pub fn granted_by(&self, member: Uuid, key: &str) -> Option<Vec<String>> {
        match self.effective.get(&member)? {
            Ok(map) => Some(map.get(key).cloned().unwrap_or_default()),
            Err(_) => None,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let title = row![
            text(fl!("groups-mm-title", count = self.people.len())).size(20),
            Space::new().width(Length::Fill),
            button(text(fl!("groups-reload")))
                .style(button::secondary)
                .on_press(Message::Refresh),
            button(text(fl!("dialog-close")))
                .style(button::secondary)
                .on_press(Message::Close),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        let mut content = column![
            title,
            text(fl!("groups-mm-hint"))
                .size(12)
                .style(theme::muted_text)
        ]
        .spacing(8);
        if self.left_out > 0 {
            content = content.push(
                text(fl!(
                    "groups-mm-left-out",
                    shown = self.people.len(),
                    left = self.left_out
                ))
                .size(12)
                .style(theme::warning_text),
            );
        }
        let permissions = match &self.columns {
            Columns::Loading => return content.push(text(fl!("groups-matrix-loading"))).into(),
            Columns::Failed(why) => {
                return content
                    .push(text(why.clone()).style(theme::error_text))
                    .into();
            }
            Columns::Ready(permissions) => permissions,
        };
        content = content.push(self.detail(permissions));
        content.push(self.grid_view(permissions)).padding(16).into()
    }

    /// What the hovered (else the selected) cell means, in words.
    fn detail(&self, permissions: &Permissions) -> Element<'_, Message> {
        let Some((row, column)) = self.hovered.or(self.selected) else {
            return text(fl!("groups-mm-pick")).size(13).into();
        };
        let (Some(person), Some(info)) = (self.people.get(row), permissions.all.get(column)) else {
            return text(fl!("groups-mm-pick")).size(13).into();
        };
        let line = match self.effective.get(&person.id) {
            None => fl!("groups-matrix-loading"),
            Some(Err(why)) => why.clone(),
            Some(Ok(map)) => match map.get(&info.key) {
                Some(groups) => fl!(
                    "groups-mm-granted",
                    name = person.name.clone(),
                    permission = info.key.clone(),
                    groups = groups.join(", ")
                ),
                None => fl!(
                    "groups-mm-not-granted",
                    name = person.name.clone(),
                    permission = info.key.clone()
                ),
            },
        };
        container(
            column![
                text(line).size(13),
                text(info.description.clone())
                    .size(12)
                    .style(theme::muted_text)
            ]
            .spacing(2),
        )
        .padding(8)
        .width(Length::Fill)
        .style(theme::card)
        .into()
    }

    fn grid_view<'a>(&'a self, permissions: &'a Permissions) -> Element<'a, Message> {
        let sections = perms::sections(&permissions.all);
        let corner = container(
            text(fl!("groups-mm-corner"))
                .size(12)
                .style(theme::muted_text),
        )
        .padding([0, 10])
        .align_y(iced::alignment::Vertical::Bottom)
        .height(Length::Fill);
        let header = grid::permission_headers(&permissions.all, permissions);
        let mut labels = column![];
        let mut body = column![];
        for (index, person) in self.people.iter().enumerate() {
            let held = match self.effective.get(&person.id) {
                Some(Ok(map)) => Some(map),
                _ => None,
            };
            let count = match self.effective.get(&person.id) {
                None => fl!("groups-matrix-loading"),
                Some(Err(_)) => fl!("groups-mm-failed"),
                Some(Ok(map)) => fl!("groups-mm-count", count = map.len()),
            };
            labels = labels.push(
                container(
                    row![
                        text(person.name.clone()).size(13),
                        text(count).size(11).style(theme::muted_text)
                    ]
                    .spacing(6)
                    .align_y(iced::Alignment::Center),
                )
                .padding([0, 10])
                .width(Length::Fixed(grid::LABEL_WIDTH))
                .height(Length::Fixed(theme::ROW_HEIGHT))
                .align_y(iced::Alignment::Center)
                .clip(true)
                .style(theme::table_row(false, index % 2 == 1)),
            );
            let mut cells = row![];
            for (position, column) in sections
                .iter()
                .flat_map(|(_, c)| c.iter().copied())
                .enumerate()
            {
                let key = &permissions.all[column].key;
                let on = held.is_some_and(|map| map.contains_key(key));
                let focused =
                    self.selected == Some((index, column)) || self.hovered == Some((index, column));
                let mark = if on { "●" } else { "" };
                let cell = container(text(mark).size(13))
                    .id(cell_id(index, position))
                    .center_x(Length::Fixed(grid::CELL_WIDTH))
                    .height(Length::Fixed(theme::ROW_HEIGHT))
                    .align_y(iced::Alignment::Center)
                    .style(theme::matrix_cell(focused, index % 2 == 1));
                cells = cells.push(
                    mouse_area(cell)
                        .on_enter(Message::Hover(index, column))
                        .on_exit(Message::Unhover(index, column))
                        .on_press(Message::Select(index, column)),
                );
            }
            body = body.push(cells);
        }
        self.grid.view(
            corner.into(),
            header,
            labels.into(),
            body.into(),
            Message::Scrolled,
        )
    }
}
