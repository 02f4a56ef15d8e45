//! The permission matrix: groups × permissions in product sections, with
//! sticky headers. Clicked cells become pending changes (highlighted) until
//! they are saved together — one `PATCH` per group with `If-Match` on the
//! version read — or discarded. A group someone else saved meanwhile answers
//! `stale_version`: the matrix reloads, says what changed, and keeps the
//! pending changes that still mean something.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::widget::focus::button;
use iced::widget::scrollable::Viewport;
use iced::widget::{Id, Space, checkbox, column, container, row, text};
use iced::{Element, Length, Task};
use orgdesk_api::{Group, MatrixGroup, PermissionMatrix, UpdateGroup, codes};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use super::csv::{self, ExportError};
use super::grid::{self, Grid, Pane};
use super::perms::{self, Permissions};
use crate::fl;
use crate::theme;

/// The id of one cell, for tests that click it.
pub fn cell_id(row: usize, column: usize) -> Id {
    Id::from(format!("groups-matrix-cell-{row}-{column}"))
}

pub struct Matrix {
    client: Client,
    org: String,
    state: State,
    data: Option<PermissionMatrix>,
    /// (group, permission key) → the value wanted; only cells that differ
    /// from what the server holds.
    pending: BTreeMap<(Uuid, String), bool>,
    saving: bool,
    /// Reloads asked for so far, and the first one asked after the last save.
    loads: u64,
    fresh_from: u64,
    /// Before a reload after a conflict: the conflicting groups as they were.
    conflict: Option<Vec<Snapshot>>,
    notice: Vec<(Tone, String)>,
    grid: Grid,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    Ready,
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Info,
    Warning,
    Error,
}

/// A group's row as it was, to say what someone else changed.
#[derive(Debug, Clone)]
struct Snapshot {
    id: Uuid,
    name: String,
    granted: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Reload,
    Loaded(Result<PermissionMatrix, Error>),
    /// The answer of reload number `.0`; older than the last save, it is dropped.
    LoadedAt(u64, Result<PermissionMatrix, Error>),
    Toggle {
        group: Uuid,
        permission: String,
    },
    Save,
    Saved(Vec<(Uuid, String, Result<Group, Error>)>),
    Discard,
    Scrolled(Pane, Viewport),
    Export,
    /// Where to save the CSV: from the save dialog, or given by a test.
    ExportTo(Option<PathBuf>),
    Exported(PathBuf, Result<usize, ExportError>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Groups were saved: the screen reloads its list; run the task too.
    Changed(Task<Message>),
}

impl Matrix {
    pub fn new(client: Client, org: String) -> (Self, Task<Message>) {
        let mut matrix = Self {
            client,
            org,
            state: State::Loading,
            data: None,
            pending: BTreeMap::new(),
            saving: false,
            loads: 0,
            fresh_from: 0,
            conflict: None,
            notice: Vec::new(),
            grid: Grid::new("groups-matrix"),
        };
        let task = matrix.reload();
        (matrix, task)
    }

    /// How many cells wait to be saved.
    pub fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Where the grid is scrolled to (x, y): all three panes follow it.
    pub fn scroll_offset(&self) -> (f32, f32) {
        let offset = self.grid.offset();
        (offset.x, offset.y)
    }

    pub fn data(&self) -> Option<&PermissionMatrix> {
        self.data.as_ref()
    }

    pub fn update(&mut self, message: Message, permissions: &Permissions) -> Action {
        match message {
            Message::Reload => Action::Run(self.reload()),
            Message::Loaded(result) => self.loaded(result),
            // Read before the last save: it would undo what the save shows.
            Message::LoadedAt(load, _) if load < self.fresh_from => Action::None,
            Message::LoadedAt(_, result) => self.loaded(result),
            Message::Toggle { group, permission } => {
                self.toggle(group, permission, permissions);
                Action::None
            }
            Message::Save => self.save(),
            Message::Saved(results) => self.saved(results),
            Message::Discard => {
                self.pending.clear();
                self.notice.clear();
                Action::None
            }
            Message::Scrolled(pane, viewport) => Action::Run(self.grid.scrolled(pane, &viewport)),
            Message::Export => Action::Run(Task::perform(
                csv::choose(csv::file_name("", "permission-matrix")),
                Message::ExportTo,
            )),
            Message::ExportTo(None) => Action::None,
            Message::ExportTo(Some(path)) => self.export(path),
            Message::Exported(path, result) => self.exported(&path, result),
        }
    }

    fn reload(&mut self) -> Task<Message> {
        if self.data.is_none() {
            self.state = State::Loading;
        }
        let (client, org) = (self.client.clone(), self.org.clone());
        self.loads += 1;
        let load = self.loads;
        Task::perform(
            async move { client.permission_matrix(&org).await },
            move |result| Message::LoadedAt(load, result),
        )
    }

    fn loaded(&mut self, result: Result<PermissionMatrix, Error>) -> Action {
        let matrix = match result {
            Ok(matrix) => matrix,
            Err(e) => {
                self.state = State::Failed(super::super::describe(&e));
                return Action::None;
            }
        };
        if let Some(before) = self.conflict.take() {
            self.notice
                .push((Tone::Warning, fl!("groups-matrix-conflict")));
            for old in before {
                let line = match matrix.groups.iter().find(|g| g.id == old.id) {
                    None => fl!("groups-matrix-conflict-deleted", group = old.name.clone()),
                    Some(new) => conflict_line(&old, &granted_keys(&matrix, new)),
                };
                self.notice.push((Tone::Warning, line));
            }
        }
        // Pending cells that now match the server, or whose group or
        // permission is gone, are done.
        self.pending.retain(|(group, key), wanted| {
            matrix
                .groups
                .iter()
                .find(|g| g.id == *group)
                .and_then(|g| {
                    let column = matrix.permissions.iter().position(|p| &p.key == key)?;
                    g.granted.get(column).map(|held| held != wanted)
                })
                .unwrap_or(false)
        });
        if !self.pending.is_empty() && self.notice.iter().any(|(t, _)| *t == Tone::Warning) {
            self.notice
                .push((Tone::Warning, fl!("groups-matrix-conflict-kept")));
        }
        self.data = Some(matrix);
        self.state = State::Ready;
        Action::None
    }

    /// The value a cell shows: pending if changed, else the server's.
    fn value(&self, group: &MatrixGroup, column: usize, key: &str) -> bool {
        self.pending
            .get(&(group.id, key.to_string()))
            .copied()
            .unwrap_or_else(|| group.granted.get(column).copied().unwrap_or(false))
    }

    /// Whether this admin may change a cell: only permissions they hold (the
    /// server refuses granting or revoking others), and always back out of
    /// a pending change.
    fn editable(&self, group: Uuid, key: &str, permissions: &Permissions) -> bool {
        !self.saving
            && permissions.can_manage()
            && (permissions.holds(key) || self.pending.contains_key(&(group, key.to_string())))
    }

    fn toggle(&mut self, group: Uuid, key: String, permissions: &Permissions) {
        if !self.editable(group, &key, permissions) {
            return;
        }
        let Some(data) = &self.data else { return };
        let Some(column) = data.permissions.iter().position(|p| p.key == key) else {
            return;
        };
        let Some(row) = data.groups.iter().find(|g| g.id == group) else {
            return;
        };
        let server = row.granted.get(column).copied().unwrap_or(false);
        let wanted = !self.value(row, column, &key);
        if wanted == server {
            self.pending.remove(&(group, key));
        } else {
            self.pending.insert((group, key), wanted);
        }
    }

    fn save(&mut self) -> Action {
        let Some(data) = &self.data else {
            return Action::None;
        };
        if self.saving || self.pending.is_empty() {
            return Action::None;
        }
        let changed: BTreeSet<Uuid> = self.pending.keys().map(|(g, _)| *g).collect();
        let requests: Vec<(Uuid, String, i64, UpdateGroup)> = data
            .groups
            .iter()
            .filter(|g| changed.contains(&g.id))
            .map(|g| {
                let permissions = data
                    .permissions
                    .iter()
                    .enumerate()
                    .filter(|(column, p)| self.value(g, *column, &p.key))
                    .map(|(_, p)| p.key.clone())
                    .collect();
                let request = UpdateGroup {
                    permissions: Some(permissions),
                    ..UpdateGroup::default()
                };
                (g.id, g.name.clone(), g.version, request)
            })
            .collect();
        self.saving = true;
        self.fresh_from = self.loads + 1;
        self.notice.clear();
        let (client, org) = (self.client.clone(), self.org.clone());
        Action::Run(Task::perform(
            async move {
                let mut results = Vec::with_capacity(requests.len());
                for (id, name, version, request) in requests {
                    let result = client.update_group(&org, id, &request, Some(version)).await;
                    results.push((id, name, result));
                }
                results
            },
            Message::Saved,
        ))
    }

    fn saved(&mut self, results: Vec<(Uuid, String, Result<Group, Error>)>) -> Action {
        self.saving = false;
        let mut saved = 0;
        let mut stale = Vec::new();
        for (id, name, result) in results {
            match result {
                Ok(group) => {
                    self.apply(&group);
                    saved += 1;
                }
                Err(e) if e.code() == Some(codes::STALE_VERSION) => stale.push(id),
                Err(e) => self.notice.push((
                    Tone::Error,
                    fl!(
                        "groups-matrix-group-failed",
                        group = name,
                        reason = super::super::describe(&e)
                    ),
                )),
            }
        }
        if saved > 0 {
            self.notice
                .insert(0, (Tone::Info, fl!("groups-matrix-saved", count = saved)));
        }
        let task = if stale.is_empty() {
            Task::none()
        } else {
            self.conflict = Some(self.snapshot(&stale));
            self.reload()
        };
        if saved > 0 {
            Action::Changed(task)
        } else {
            Action::Run(task)
        }
    }

    /// A saved group's answer becomes its row; its pending cells are done.
    fn apply(&mut self, group: &Group) {
        self.pending.retain(|(id, _), _| *id != group.id);
        let Some(data) = &mut self.data else { return };
        let Some(row) = data.groups.iter_mut().find(|g| g.id == group.id) else {
            return;
        };
        row.version = group.version;
        row.name = group.name.clone();
        row.granted = data
            .permissions
            .iter()
            .map(|p| group.permissions.contains(&p.key))
            .collect();
    }

    fn snapshot(&self, groups: &[Uuid]) -> Vec<Snapshot> {
        let Some(data) = &self.data else {
            return Vec::new();
        };
        data.groups
            .iter()
            .filter(|g| groups.contains(&g.id))
            .map(|g| Snapshot {
                id: g.id,
                name: g.name.clone(),
                granted: granted_keys(data, g),
            })
            .collect()
    }

    fn export(&mut self, path: PathBuf) -> Action {
        let Some(data) = self.data.clone() else {
            return Action::None;
        };
        let target = path.clone();
        Action::Run(Task::perform(
            csv::export_matrix(data, path),
            move |result| Message::Exported(target.clone(), result),
        ))
    }

    fn exported(&mut self, path: &std::path::Path, result: Result<usize, ExportError>) -> Action {
        match result {
            Ok(count) => {
                self.notice.push((
                    Tone::Info,
                    fl!(
                        "groups-exported-matrix",
                        count = count,
                        path = path.display().to_string()
                    ),
                ));
                if !self.pending.is_empty() {
                    self.notice
                        .push((Tone::Info, fl!("groups-exported-matrix-pending")));
                }
                Action::None
            }
            Err(e) => {
                self.notice.push((Tone::Error, e.describe()));
                Action::None
            }
        }
    }

    pub fn view<'a>(&'a self, permissions: &'a Permissions) -> Element<'a, Message> {
        let data = match (&self.state, &self.data) {
            (State::Failed(why), None) => {
                return text(why.clone()).style(theme::error_text).into();
            }
            (_, None) => return text(fl!("groups-matrix-loading")).into(),
            (_, Some(data)) => data,
        };
        let groups_changed: BTreeSet<Uuid> = self.pending.keys().map(|(g, _)| *g).collect();
        let status = if self.pending.is_empty() {
            fl!("groups-matrix-no-pending")
        } else {
            fl!(
                "groups-matrix-pending",
                count = self.pending.len(),
                groups = groups_changed.len()
            )
        };
        let save = button(text(if self.saving {
            fl!("groups-saving")
        } else {
            fl!("groups-matrix-save")
        }))
        .style(button::primary)
        .on_press_maybe((!self.saving && !self.pending.is_empty()).then_some(Message::Save));
        let discard = button(text(fl!("groups-matrix-discard")))
            .style(button::secondary)
            .on_press_maybe((!self.saving && !self.pending.is_empty()).then_some(Message::Discard));
        let toolbar = row![
            save,
            discard,
            text(status).size(13),
            Space::new().width(Length::Fill),
            button(text(fl!("groups-export-csv")))
                .style(button::secondary)
                .on_press(Message::Export),
            button(text(fl!("groups-reload")))
                .style(button::secondary)
                .on_press_maybe((!self.saving).then_some(Message::Reload)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        let mut content = column![toolbar].spacing(8);
        if !permissions.can_manage() {
            content = content.push(
                text(fl!("groups-need-manage"))
                    .size(12)
                    .style(theme::muted_text),
            );
        } else {
            content = content.push(
                text(fl!("groups-matrix-legend"))
                    .size(12)
                    .style(theme::muted_text),
            );
        }
        if let State::Failed(why) = &self.state {
            content = content.push(text(why.clone()).size(13).style(theme::error_text));
        }
        for (tone, line) in &self.notice {
            let line = text(line.clone()).size(13);
            content = content.push(match tone {
                Tone::Info => line,
                Tone::Warning => line.style(theme::warning_text),
                Tone::Error => line.style(theme::error_text),
            });
        }
        content.push(self.grid_view(data, permissions)).into()
    }

    fn grid_view<'a>(
        &'a self,
        data: &'a PermissionMatrix,
        permissions: &'a Permissions,
    ) -> Element<'a, Message> {
        let sections = perms::sections(&data.permissions);
        let columns: Vec<usize> = sections
            .iter()
            .flat_map(|(_, c)| c.iter().copied())
            .collect();
        let corner = container(
            text(fl!("groups-matrix-corner"))
                .size(12)
                .style(theme::muted_text),
        )
        .padding([0, 10])
        .align_y(iced::alignment::Vertical::Bottom)
        .height(Length::Fill);
        let header = grid::permission_headers(&data.permissions, permissions);
        let window = self.grid.window();
        let total = data.groups.len();
        let labels = grid::rows(total, &window, |index| {
            let group = &data.groups[index];
            let mut label = row![text(group.name.clone()).size(13)]
                .spacing(6)
                .align_y(iced::Alignment::Center);
            if group.builtin {
                label = label.push(crate::widget::icon::badge(
                    crate::widget::icon::Icon::BuiltIn,
                    fl!("groups-builtin"),
                ));
            }
            container(label)
                .padding([0, 10])
                .width(Length::Fixed(grid::LABEL_WIDTH))
                .height(Length::Fixed(theme::ROW_HEIGHT))
                .align_y(iced::Alignment::Center)
                .clip(true)
                .style(theme::table_row(false, index % 2 == 1))
                .into()
        });
        let body = grid::rows(total, &window, |index| {
            self.cells(index, &data.groups[index], data, &columns, permissions)
        });
        self.grid.view(
            corner.into(),
            header,
            labels.into(),
            body.into(),
            Message::Scrolled,
        )
    }

    /// One group's row of checkboxes, in column order.
    fn cells<'a>(
        &'a self,
        index: usize,
        group: &'a MatrixGroup,
        data: &'a PermissionMatrix,
        columns: &[usize],
        permissions: &'a Permissions,
    ) -> Element<'a, Message> {
        let mut cells = row![];
        for (position, &column) in columns.iter().enumerate() {
            let key = &data.permissions[column].key;
            let pending = self.pending.contains_key(&(group.id, key.clone()));
            let (id, permission) = (group.id, key.clone());
            let toggle = self
                .editable(group.id, key, permissions)
                .then_some(move |_| Message::Toggle {
                    group: id,
                    permission: permission.clone(),
                });
            cells = cells.push(
                container(checkbox(self.value(group, column, key)).on_toggle_maybe(toggle))
                    .id(cell_id(index, position))
                    .center_x(Length::Fixed(grid::CELL_WIDTH))
                    .height(Length::Fixed(theme::ROW_HEIGHT))
                    .align_y(iced::Alignment::Center)
                    .style(theme::matrix_cell(pending, index % 2 == 1)),
            );
        }
        cells.into()
    }
}

fn granted_keys(data: &PermissionMatrix, group: &MatrixGroup) -> BTreeSet<String> {
    data.permissions
        .iter()
        .zip(&group.granted)
        .filter(|(_, on)| **on)
        .map(|(p, _)| p.key.clone())
        .collect()
}

/// "Sales Team: now grants …; no longer grants …".
fn conflict_line(old: &Snapshot, now: &BTreeSet<String>) -> String {
    let granted: Vec<&str> = now.difference(&old.granted).map(String::as_str).collect();
    let revoked: Vec<&str> = old.granted.difference(now).map(String::as_str).collect();
    let mut parts = Vec::new();
    if !granted.is_empty() {
        parts.push(fl!(
            "groups-change-granted",
            permissions = granted.join(", ")
        ));
    }
    if !revoked.is_empty() {
        parts.push(fl!(
            "groups-change-revoked",
            permissions = revoked.join(", ")
        ));
    }
    if parts.is_empty() {
        parts.push(fl!("groups-change-other"));
    }
    fl!(
        "groups-matrix-conflict-group",
        group = old.name.clone(),
        changes = parts.join(" ")
    )
}
