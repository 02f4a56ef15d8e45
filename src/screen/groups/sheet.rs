//! A group's sheet beside the list: its permissions as checkboxes in product
//! sections (saved with `If-Match` on the version read), its name and
//! description (a built-in group's name is fixed), Delete, the Members tab
//! and the Managers tab.

use std::collections::BTreeSet;

use crate::widget::focus::button;
use iced::widget::{Space, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{Group, UpdateGroup, codes};
use orgdesk_client::{Client, Error};

use super::managers::{self, ManagersTab};
use super::members_tab::{self, MembersTab};
use super::perms::{self, Permissions};
use crate::fl;
use crate::theme;
use crate::widget::icon::{self, Icon};

/// Width of the sheet beside the list.
pub const WIDTH: f32 = 560.0;

pub struct Sheet {
    client: Client,
    org: String,
    /// The group as last read from the server (its version goes in `If-Match`).
    group: Group,
    tab: Tab,
    name: String,
    description: String,
    chosen: BTreeSet<String>,
    saving: bool,
    notice: Option<Notice>,
    members: MembersTab,
    managers: ManagersTab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Permissions,
    Members,
    Managers,
}

#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Saved,
    Failed(String),
    /// Someone else saved first; what they changed, in words.
    Conflict(Vec<String>),
}

#[derive(Debug, Clone)]
pub enum Message {
    ShowTab(Tab),
    NameChanged(String),
    DescriptionChanged(String),
    Toggle(String, bool),
    Save,
    Saved(Result<Group, Error>),
    Refresh,
    /// The group read again; `conflict` after a refused save.
    Reloaded {
        conflict: bool,
        result: Result<Group, Error>,
    },
    Revert,
    Delete,
    /// "Copy link": an `orgdesk://` link to this group.
    CopyLink,
    Close,
    Members(members_tab::Message),
    Managers(managers::Message),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Close,
    /// Delete was pressed: the screen confirms first.
    AskDelete(Group),
    /// The group changed on the server: the screen reloads its list (and
    /// what the admin holds); run the task too.
    Changed(Task<Message>),
    /// Put a link to this group on the clipboard.
    CopyLink(crate::desktop::link::Item),
    /// How long work ended: a notice that stays until read.
    Notify(crate::widget::progress::Notice),
}

impl Sheet {
    pub fn new(client: Client, org: String, group: Group) -> (Self, Task<Message>) {
        let (members, task) =
            MembersTab::new(client.clone(), org.clone(), group.id, group.name.clone());
        let (managers, managers_task) =
            ManagersTab::new(client.clone(), org.clone(), group.id, group.name.clone());
        let sheet = Self {
            client,
            org,
            name: group.name.clone(),
            description: group.description.clone(),
            chosen: group.permissions.iter().cloned().collect(),
            group,
            tab: Tab::Permissions,
            saving: false,
            notice: None,
            members,
            managers,
        };
        (
            sheet,
            Task::batch([
                task.map(Message::Members),
                managers_task.map(Message::Managers),
            ]),
        )
    }

    pub fn group(&self) -> &Group {
        &self.group
    }

    pub fn update(&mut self, message: Message, permissions: &Permissions) -> Action {
        match message {
            Message::ShowTab(tab) => {
                self.tab = tab;
                Action::None
            }
            Message::NameChanged(name) if !self.group.builtin => {
                self.name = name;
                Action::None
            }
            Message::NameChanged(_) => Action::None,
            Message::DescriptionChanged(description) => {
                self.description = description;
                Action::None
            }
            Message::Toggle(key, on) => {
                if permissions.holds(&key) {
                    if on {
                        self.chosen.insert(key);
                    } else {
                        self.chosen.remove(&key);
                    }
                }
                Action::None
            }
            Message::Save => self.save(),
            Message::Saved(result) => self.saved(result),
            Message::Refresh => Action::Run(Task::batch([
                self.fetch(false),
                Task::done(Message::Members(members_tab::Message::Reload)),
                Task::done(Message::Managers(managers::Message::Reload)),
            ])),
            Message::Reloaded { conflict, result } => self.reloaded(conflict, result),
            Message::Revert => {
                self.reset_edits();
                self.notice = None;
                Action::None
            }
            Message::Delete => Action::AskDelete(self.group.clone()),
            Message::CopyLink => Action::CopyLink(crate::desktop::link::Item::Group(self.group.id)),
            Message::Close => Action::Close,
            // A click beside the open dialog closes whichever tab's it is.
            Message::Members(members_tab::Message::Dismiss) => {
                self.escape();
                Action::None
            }
            Message::Members(message) => self.members(message),
            Message::Managers(message) => match self.managers.update(message) {
                managers::Action::None => Action::None,
                managers::Action::Run(task) => Action::Run(task.map(Message::Managers)),
            },
        }
    }

    fn reset_edits(&mut self) {
        self.name = self.group.name.clone();
        self.description = self.group.description.clone();
        self.chosen = self.group.permissions.iter().cloned().collect();
    }

    /// Whether the sheet holds edits not yet saved.
    pub fn is_edited(&self) -> bool {
        self.is_dirty()
    }

    fn is_dirty(&self) -> bool {
        self.name != self.group.name
            || self.description != self.group.description
            || self.chosen != self.group.permissions.iter().cloned().collect()
    }

    fn save(&mut self) -> Action {
        if self.saving || !self.is_dirty() {
            return Action::None;
        }
        let name = self.name.trim();
        if name.is_empty() {
            self.notice = Some(Notice::Failed(fl!("groups-create-name-missing")));
            return Action::None;
        }
        if name.chars().count() > super::create::NAME_MAX {
            self.notice = Some(Notice::Failed(fl!(
                "groups-create-name-long",
                max = super::create::NAME_MAX
            )));
            return Action::None;
        }
        let request = UpdateGroup {
            name: (name != self.group.name).then(|| name.to_string()),
            description: (self.description != self.group.description)
                .then(|| self.description.trim().to_string()),
            permissions: Some(self.chosen.iter().cloned().collect()),
        };
        self.saving = true;
        self.notice = None;
        let (client, org, id, version) = (
            self.client.clone(),
            self.org.clone(),
            self.group.id,
            self.group.version,
        );
        Action::Run(Task::perform(
            async move { client.update_group(&org, id, &request, Some(version)).await },
            Message::Saved,
        ))
    }

    fn saved(&mut self, result: Result<Group, Error>) -> Action {
        self.saving = false;
        match result {
            Ok(group) => {
                self.members.rename(&group.name);
                self.managers.rename(&group.name);
                self.group = group;
                self.reset_edits();
                self.notice = Some(Notice::Saved);
                Action::Changed(Task::none())
            }
            Err(e) if e.code() == Some(codes::STALE_VERSION) => Action::Run(self.fetch(true)),
            Err(e) => {
                self.notice = Some(Notice::Failed(super::super::describe(&e)));
                if e.code() == Some(codes::PERMISSION_ESCALATION) {
                    // What the admin holds changed: the screen reads it again.
                    Action::Changed(Task::none())
                } else {
                    Action::None
                }
            }
        }
    }

    fn fetch(&self, conflict: bool) -> Task<Message> {
        let (client, org, id) = (self.client.clone(), self.org.clone(), self.group.id);
        Task::perform(async move { client.group(&org, id).await }, move |result| {
            Message::Reloaded { conflict, result }
        })
    }

    /// The server's group replaces the one read before; edits made here are
    /// kept on top of it (what was ticked or unticked stays so).
    fn reloaded(&mut self, conflict: bool, result: Result<Group, Error>) -> Action {
        let fresh = match result {
            Ok(group) => group,
            Err(e) => {
                self.notice = Some(Notice::Failed(super::super::describe(&e)));
                return Action::None;
            }
        };
        let old = std::mem::replace(&mut self.group, fresh);
        let before: BTreeSet<String> = old.permissions.iter().cloned().collect();
        let now: BTreeSet<String> = self.group.permissions.iter().cloned().collect();
        let ticked: Vec<String> = self.chosen.difference(&before).cloned().collect();
        let unticked: Vec<String> = before.difference(&self.chosen).cloned().collect();
        self.chosen = now.clone();
        self.chosen.extend(ticked);
        for key in &unticked {
            self.chosen.remove(key);
        }
        if self.name == old.name {
            self.name = self.group.name.clone();
        }
        if self.description == old.description {
            self.description = self.group.description.clone();
        }
        self.members.rename(&self.group.name);
        self.managers.rename(&self.group.name);
        if conflict {
            self.notice = Some(Notice::Conflict(changes(&old, &self.group)));
            Action::Changed(Task::none())
        } else {
            Action::None
        }
    }

    fn members(&mut self, message: members_tab::Message) -> Action {
        match self.members.update(message) {
            members_tab::Action::None => Action::None,
            members_tab::Action::Run(task) => Action::Run(task.map(Message::Members)),
            members_tab::Action::Changed(task) => {
                Action::Changed(Task::batch([task.map(Message::Members), self.fetch(false)]))
            }
            members_tab::Action::Notify(notice) => Action::Notify(notice),
        }
    }

    pub fn dialog(&self) -> Option<Element<'_, Message>> {
        self.members
            .dialog()
            .map(|d| d.map(Message::Members))
            .or_else(|| self.managers.dialog().map(|d| d.map(Message::Managers)))
    }

    /// The Managers tab (whether the signed-in person manages this group).
    pub fn managers_tab(&self) -> &ManagersTab {
        &self.managers
    }

    /// Closes the sheet's topmost dialog; false when none was open.
    pub fn escape(&mut self) -> bool {
        self.members.escape() || self.managers.escape()
    }

    pub fn view<'a>(&'a self, permissions: &'a Permissions) -> Element<'a, Message> {
        let name = crate::widget::discard::title(&self.group.name, self.is_dirty());
        let mut title = row![text(name).size(20)]
            .spacing(8)
            .align_y(iced::Alignment::Center);
        if self.group.builtin {
            title = title.push(icon::badge(Icon::BuiltIn, fl!("groups-builtin")));
        }
        title = title
            .push(Space::new().width(Length::Fill))
            .push(
                button(text(fl!("link-copy")))
                    .style(button::secondary)
                    .on_press(Message::CopyLink),
            )
            .push(
                button(text(fl!("dialog-close")))
                    .style(button::secondary)
                    .on_press(Message::Close),
            );
        let tab = |label: String, tab: Tab| {
            button(text(label))
                .style(theme::nav_button(self.tab == tab))
                .on_press(Message::ShowTab(tab))
        };
        let tabs = row![
            tab(fl!("groups-tab-permissions"), Tab::Permissions),
            tab(
                fl!("groups-tab-members", count = self.group.member_count),
                Tab::Members
            ),
            tab(fl!("groups-tab-managers"), Tab::Managers),
        ]
        .spacing(4);
        let body = match self.tab {
            Tab::Permissions => self.permissions_tab(permissions),
            Tab::Members => self
                .members
                .view(members_reason(
                    &self.group,
                    permissions,
                    self.managers.manages(),
                ))
                .map(Message::Members),
            Tab::Managers => self
                .managers
                .view(ManagersTab::reason(permissions, &self.group.permissions))
                .map(Message::Managers),
        };
        container(column![title, tabs, body].spacing(12))
            .padding(16)
            .width(Length::Fixed(WIDTH))
            .height(Length::Fill)
            .style(theme::sheet)
            .into()
    }

    fn permissions_tab<'a>(&'a self, permissions: &'a Permissions) -> Element<'a, Message> {
        let manage = permissions.can_manage();
        let editable = manage && !self.saving;
        let mut name = text_input(&fl!("groups-field-name-hint"), &self.name).padding(8);
        if editable && !self.group.builtin {
            name = name.on_input(Message::NameChanged);
        }
        let mut description =
            text_input(&fl!("groups-field-description-hint"), &self.description).padding(8);
        if editable {
            description = description.on_input(Message::DescriptionChanged);
        }
        let mut form = column![text(fl!("groups-field-name")).size(13), name].spacing(6);
        if self.group.builtin {
            form = form.push(
                text(fl!("groups-builtin-name-fixed"))
                    .size(12)
                    .style(theme::muted_text),
            );
        }
        form = form
            .push(text(fl!("groups-field-description")).size(13))
            .push(description)
            .push(text(fl!("groups-field-permissions")).size(13));
        if !manage {
            form = form.push(
                text(fl!("groups-need-manage"))
                    .size(12)
                    .style(theme::muted_text),
            );
        }
        let boxes = perms::checkboxes(permissions, &self.chosen, editable, false, Message::Toggle);
        let mut content = column![form, boxes].spacing(10);
        match &self.notice {
            Some(Notice::Saved) => content = content.push(text(fl!("groups-saved")).size(13)),
            Some(Notice::Failed(why)) => {
                content = content.push(text(why.clone()).size(13).style(theme::error_text));
            }
            Some(Notice::Conflict(lines)) => {
                let mut block =
                    column![text(fl!("groups-conflict", group = self.group.name.clone())).size(13)]
                        .spacing(2);
                for line in lines {
                    block = block.push(text(format!("• {line}")).size(13));
                }
                block = block.push(text(fl!("groups-conflict-kept")).size(13));
                content = content.push(container(block).padding(8).style(theme::banner));
            }
            None => {}
        }
        let dirty = self.is_dirty();
        let save = button(text(if self.saving {
            fl!("groups-saving")
        } else {
            fl!("groups-save")
        }))
        .style(button::primary)
        .on_press_maybe((editable && dirty).then_some(Message::Save));
        let revert = button(text(fl!("groups-revert")))
            .style(button::secondary)
            .on_press_maybe((dirty && !self.saving).then_some(Message::Revert));
        let delete_reason = if self.group.builtin {
            Some(fl!("groups-builtin-no-delete"))
        } else if !manage {
            Some(fl!("groups-need-manage"))
        } else {
            None
        };
        let delete = button(text(fl!("groups-delete")))
            .style(button::danger)
            .on_press_maybe(delete_reason.is_none().then_some(Message::Delete));
        let mut actions = row![save, revert, Space::new().width(Length::Fill), delete]
            .spacing(8)
            .align_y(iced::Alignment::Center);
        if let Some(reason) = delete_reason {
            actions = actions.push(
                text(reason)
                    .size(12)
                    .style(theme::muted_text)
                    .width(Length::Fixed(170.0)),
            );
        }
        // Room on the right for the scrollbar.
        let content = container(content).padding(iced::Padding::ZERO.right(14));
        column![scrollable(content).height(Length::Fill), actions]
            .spacing(10)
            .into()
    }
}

/// Why this person can't change the group's members, if they can't: it
/// takes `org.groups.manage` or being one of the group's managers, and
/// either way every permission the group grants.
pub fn members_reason(group: &Group, permissions: &Permissions, manager: bool) -> Option<String> {
    if !permissions.can_manage() && !manager {
        return Some(fl!("groups-members-need-manage-or-manager"));
    }
    let missing = permissions.missing(&group.permissions);
    (!missing.is_empty()).then(|| fl!("groups-members-need-all", missing = missing.join(", ")))
}

/// What someone else changed between `before` and `after`, one line each.
pub fn changes(before: &Group, after: &Group) -> Vec<String> {
    let old: BTreeSet<&String> = before.permissions.iter().collect();
    let new: BTreeSet<&String> = after.permissions.iter().collect();
    let mut lines = Vec::new();
    if before.name != after.name {
        lines.push(fl!("groups-change-renamed", name = after.name.clone()));
    }
    if before.description != after.description {
        lines.push(fl!("groups-change-description"));
    }
    let granted: Vec<&str> = new.difference(&old).map(|k| k.as_str()).collect();
    if !granted.is_empty() {
        lines.push(fl!(
            "groups-change-granted",
            permissions = granted.join(", ")
        ));
    }
    let revoked: Vec<&str> = old.difference(&new).map(|k| k.as_str()).collect();
    if !revoked.is_empty() {
        lines.push(fl!(
            "groups-change-revoked",
            permissions = revoked.join(", ")
        ));
    }
    if lines.is_empty() {
        lines.push(fl!("groups-change-other"));
    }
    lines
}
