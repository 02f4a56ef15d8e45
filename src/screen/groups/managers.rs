//! A group's Managers tab: who manages the group's members without the
//! permission to manage groups, adding them through the member picker and
//! removing them, saved as the whole list (`PUT …/groups/{id}/managers`).
//!
//! It also tells the sheet whether the signed-in person manages this group:
//! a manager changes its members though they lack `org.groups.manage`.

use std::collections::BTreeSet;

use crate::widget::focus::button;
use iced::widget::{column, container, row, scrollable, text};
use iced::{Element, Length, Task};
use orgdesk_api::{GroupManagers, Member};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use super::perms::Permissions;
use super::picker::{self, Picker};
use crate::fl;
use crate::theme;

pub struct ManagersTab {
    client: Client,
    org: String,
    group: Uuid,
    group_name: String,
    state: State,
    picker: Option<Picker>,
    busy: bool,
    notice: Option<Notice>,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    Ready(Loaded),
    Failed(String),
}

/// The group's managers with their names, and who is signed in.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub managers: Vec<Manager>,
    pub me: Uuid,
}

/// One manager as shown: a member of the organization, or only an id when
/// their details could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Manager {
    pub id: Uuid,
    pub name: String,
    pub email: String,
}

impl From<Member> for Manager {
    fn from(member: Member) -> Self {
        Self {
            id: member.id,
            name: member.name,
            email: member.email,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Done(String),
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    Reload,
    Loaded(Result<Loaded, Error>),
    OpenPicker,
    Picker(picker::Message),
    Remove(Uuid),
    /// The list was saved; `what` says what changed, in words.
    Saved {
        what: String,
        result: Result<GroupManagers, Error>,
    },
}

pub enum Action {
    None,
    Run(Task<Message>),
}

impl ManagersTab {
    pub fn new(
        client: Client,
        org: String,
        group: Uuid,
        group_name: String,
    ) -> (Self, Task<Message>) {
        let tab = Self {
            client,
            org,
            group,
            group_name,
            state: State::Loading,
            picker: None,
            busy: false,
            notice: None,
        };
        let task = tab.load();
        (tab, task)
    }

    pub fn rename(&mut self, name: &str) {
        self.group_name = name.to_string();
    }

    /// Whether the signed-in person manages this group (false until known).
    pub fn manages(&self) -> bool {
        match &self.state {
            State::Ready(loaded) => loaded.managers.iter().any(|m| m.id == loaded.me),
            _ => false,
        }
    }

    pub fn managers(&self) -> &[Manager] {
        match &self.state {
            State::Ready(loaded) => &loaded.managers,
            _ => &[],
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Reload => Action::Run(self.load()),
            Message::Loaded(result) => {
                self.state = match result {
                    Ok(loaded) => State::Ready(loaded),
                    Err(e) => State::Failed(super::super::describe(&e)),
                };
                Action::None
            }
            Message::OpenPicker => self.open_picker(),
            Message::Picker(message) => self.picker_message(message),
            Message::Remove(id) => self.remove(id),
            Message::Saved { what, result } => self.saved(what, result),
        }
    }

    /// The managers, each with their name, and the signed-in account.
    fn load(&self) -> Task<Message> {
        let (client, org, group) = (self.client.clone(), self.org.clone(), self.group);
        Task::perform(
            async move {
                let (listed, me) =
                    tokio::try_join!(client.group_managers(&org, group), client.me())?;
                let named = iced::futures::future::join_all(
                    listed.accounts.iter().map(|id| client.member(&org, *id)),
                )
                .await;
                let managers = listed
                    .accounts
                    .iter()
                    .zip(named)
                    .map(|(id, member)| match member {
                        Ok(member) => Manager::from(member),
                        Err(_) => Manager {
                            id: *id,
                            name: id.to_string(),
                            email: String::new(),
                        },
                    })
                    .collect();
                Ok(Loaded {
                    managers,
                    me: me.id,
                })
            },
            Message::Loaded,
        )
    }

    /// Why this person can't name managers, if they can't: it takes
    /// `org.groups.manage` and every permission the group grants.
    pub fn reason(permissions: &Permissions, grants: &[String]) -> Option<String> {
        if !permissions.can_manage() {
            return Some(fl!("groups-managers-need-manage"));
        }
        let missing = permissions.missing(grants);
        (!missing.is_empty()).then(|| fl!("groups-managers-need-all", missing = missing.join(", ")))
    }

    fn current(&self) -> BTreeSet<Uuid> {
        self.managers().iter().map(|m| m.id).collect()
    }

    fn open_picker(&mut self) -> Action {
        if !matches!(self.state, State::Ready(_)) {
            return Action::None;
        }
        let (picker, task) = Picker::for_managers(
            self.client.clone(),
            self.org.clone(),
            self.group,
            self.group_name.clone(),
            self.current(),
        );
        self.picker = Some(picker);
        self.notice = None;
        Action::Run(task.map(Message::Picker))
    }

    fn picker_message(&mut self, message: picker::Message) -> Action {
        let Some(picker) = &mut self.picker else {
            return Action::None;
        };
        match picker.update(message) {
            picker::Action::None => Action::None,
            picker::Action::Run(task) => Action::Run(task.map(Message::Picker)),
            picker::Action::Cancel => {
                self.picker = None;
                Action::None
            }
            picker::Action::Add(accounts) => {
                let current = self.current();
                let fresh: Vec<Uuid> = accounts
                    .into_iter()
                    .filter(|a| !current.contains(a))
                    .collect();
                let what = fl!(
                    "groups-managers-added",
                    count = fresh.len(),
                    group = self.group_name.clone()
                );
                let mut next: Vec<Uuid> = self.managers().iter().map(|m| m.id).collect();
                next.extend(fresh);
                self.save(next, what)
            }
        }
    }

    fn remove(&mut self, id: Uuid) -> Action {
        let Some(manager) = self.managers().iter().find(|m| m.id == id).cloned() else {
            return Action::None;
        };
        let next: Vec<Uuid> = self
            .managers()
            .iter()
            .map(|m| m.id)
            .filter(|m| *m != id)
            .collect();
        let what = fl!(
            "groups-managers-removed",
            name = manager.name,
            group = self.group_name.clone()
        );
        self.save(next, what)
    }

    /// Sends the whole new list; the platform checks the same rule as
    /// [`Self::reason`] and its refusal is shown in words.
    fn save(&mut self, accounts: Vec<Uuid>, what: String) -> Action {
        if self.busy {
            return Action::None;
        }
        self.busy = true;
        self.notice = None;
        let (client, org, group) = (self.client.clone(), self.org.clone(), self.group);
        Action::Run(Task::perform(
            async move {
                client
                    .set_group_managers(&org, group, &GroupManagers { accounts })
                    .await
            },
            move |result| Message::Saved {
                what: what.clone(),
                result,
            },
        ))
    }

    fn saved(&mut self, what: String, result: Result<GroupManagers, Error>) -> Action {
        self.busy = false;
        match result {
            Ok(_) => {
                self.picker = None;
                self.notice = Some(Notice::Done(what));
                Action::Run(self.load())
            }
            Err(e) => {
                // A refused add keeps the picker open with the people ticked.
                self.notice = Some(Notice::Failed(super::super::describe(&e)));
                Action::None
            }
        }
    }

    /// The picker, while open.
    pub fn dialog(&self) -> Option<Element<'_, Message>> {
        self.picker.as_ref().map(|p| p.view().map(Message::Picker))
    }

    /// Closes the picker; false when it was not open.
    pub fn escape(&mut self) -> bool {
        self.picker.take().is_some()
    }

    /// `reason`: `None` when this person may name managers, else why not.
    pub fn view(&self, reason: Option<String>) -> Element<'_, Message> {
        let editable = reason.is_none() && !self.busy;
        let add = button(text(fl!("groups-managers-add")))
            .style(button::primary)
            .on_press_maybe(
                (editable && matches!(self.state, State::Ready(_))).then_some(Message::OpenPicker),
            );
        let mut content = column![
            text(fl!(
                "groups-managers-explain",
                group = self.group_name.clone()
            ))
            .size(13)
            .style(theme::muted_text),
            add,
        ]
        .spacing(8);
        if self.manages() {
            content = content.push(text(fl!("groups-managers-you")).size(13));
        }
        if let Some(why) = &reason {
            content = content.push(text(why.clone()).size(12).style(theme::muted_text));
        }
        match &self.notice {
            Some(Notice::Done(line)) => content = content.push(text(line.clone()).size(13)),
            Some(Notice::Failed(line)) => {
                content = content.push(text(line.clone()).size(13).style(theme::error_text));
            }
            None => {}
        }
        let loaded = match &self.state {
            State::Loading => {
                return content
                    .push(text(fl!("groups-managers-loading")).size(12))
                    .into();
            }
            State::Failed(why) => {
                return content
                    .push(text(why.clone()).size(13).style(theme::error_text))
                    .into();
            }
            State::Ready(loaded) => loaded,
        };
        if loaded.managers.is_empty() {
            return content
                .push(
                    text(fl!("groups-managers-empty"))
                        .size(12)
                        .style(theme::muted_text),
                )
                .into();
        }
        let mut list = column![].spacing(2);
        for manager in &loaded.managers {
            let remove = button(text(fl!("groups-managers-remove")).size(12))
                .style(button::text)
                .on_press_maybe(editable.then_some(Message::Remove(manager.id)));
            list = list.push(
                container(
                    row![
                        column![
                            text(manager.name.clone()).size(14),
                            text(manager.email.clone())
                                .size(12)
                                .style(theme::muted_text),
                        ]
                        .width(Length::Fill),
                        remove,
                    ]
                    .align_y(iced::Alignment::Center),
                )
                .padding([4, 8])
                .style(theme::table_row(false, false)),
            );
        }
        content.push(scrollable(list).height(Length::Fill)).into()
    }
}
