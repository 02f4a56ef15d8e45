//! The "New group" dialog: name, description and the permissions it grants,
//! in product sections. Only permissions the admin holds can be ticked; the
//! server refuses the rest (`permission_escalation`) and the dialog says so.

use std::collections::BTreeSet;

use crate::widget::focus::button;
use iced::widget::{Space, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{CreateGroup, Group, codes};
use orgdesk_client::{Client, Error};

use super::perms::{self, Permissions};
use crate::fl;
use crate::theme;

/// The server's limit on group names.
pub const NAME_MAX: usize = 100;

pub fn name_id() -> iced::widget::Id {
    iced::widget::Id::new("groups-create-name")
}

pub struct Create {
    client: Client,
    org: String,
    name: String,
    description: String,
    chosen: BTreeSet<String>,
    busy: bool,
    error: Option<String>,
    /// The last refusal was `permission_escalation`: once the screen has
    /// read what the admin holds again, the error names what's missing.
    escalated: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    NameChanged(String),
    DescriptionChanged(String),
    Toggle(String, bool),
    Submit,
    Cancel,
    Created(Result<Group, Error>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    Cancel,
    Created(Group),
    /// The server refused a permission the admin was thought to hold: the
    /// screen reloads what the admin holds.
    Escalation,
}

impl Create {
    pub fn new(client: Client, org: String) -> Self {
        Self {
            client,
            org,
            name: String::new(),
            description: String::new(),
            chosen: BTreeSet::new(),
            busy: false,
            error: None,
            escalated: false,
        }
    }

    /// What the admin holds was read again (after a refusal): an
    /// escalation error now names the permissions they no longer hold.
    pub fn permissions_changed(&mut self, permissions: &Permissions) {
        if !std::mem::take(&mut self.escalated) {
            return;
        }
        let missing = permissions.missing(&self.chosen);
        if !missing.is_empty() {
            self.error = Some(fl!("groups-escalation", missing = missing.join(", ")));
        }
    }

    pub fn update(&mut self, message: Message, permissions: &Permissions) -> Action {
        match message {
            Message::NameChanged(name) => {
                self.name = name;
                self.error = None;
                Action::None
            }
            Message::DescriptionChanged(description) => {
                self.description = description;
                Action::None
            }
            Message::Toggle(key, on) => self.toggle(key, on, permissions),
            Message::Submit => self.submit(),
            Message::Cancel => Action::Cancel,
            Message::Created(result) => self.created(result),
        }
    }

    /// Ticking needs the permission; unticking is always fine.
    fn toggle(&mut self, key: String, on: bool, permissions: &Permissions) -> Action {
        if !on {
            self.chosen.remove(&key);
        } else if permissions.holds(&key) {
            self.chosen.insert(key);
        }
        Action::None
    }

    fn submit(&mut self) -> Action {
        if self.busy {
            return Action::None;
        }
        let name = self.name.trim();
        if name.is_empty() {
            self.error = Some(fl!("groups-create-name-missing"));
            return Action::None;
        }
        if name.chars().count() > NAME_MAX {
            self.error = Some(fl!("groups-create-name-long", max = NAME_MAX));
            return Action::None;
        }
        let request = CreateGroup {
            name: name.to_string(),
            description: self.description.trim().to_string(),
            permissions: self.chosen.iter().cloned().collect(),
        };
        self.busy = true;
        self.error = None;
        let (client, org) = (self.client.clone(), self.org.clone());
        Action::Run(Task::perform(
            async move { client.create_group(&org, &request).await },
            Message::Created,
        ))
    }

    fn created(&mut self, result: Result<Group, Error>) -> Action {
        self.busy = false;
        match result {
            Ok(group) => Action::Created(group),
            Err(e) => {
                let escalation = e.code() == Some(codes::PERMISSION_ESCALATION);
                self.error = Some(super::super::describe(&e));
                self.escalated = escalation;
                if escalation {
                    Action::Escalation
                } else {
                    Action::None
                }
            }
        }
    }

    pub fn view<'a>(&'a self, permissions: &'a Permissions) -> Element<'a, Message> {
        let form = column![
            text(fl!("groups-create-title")).size(20),
            text(fl!("groups-field-name")).size(13),
            text_input(&fl!("groups-field-name-hint"), &self.name)
                .id(name_id())
                .on_input(Message::NameChanged)
                .on_submit(Message::Submit)
                .padding(8),
            text(fl!("groups-field-description")).size(13),
            text_input(&fl!("groups-field-description-hint"), &self.description)
                .on_input(Message::DescriptionChanged)
                .on_submit(Message::Submit)
                .padding(8),
            text(fl!("groups-field-permissions")).size(13),
            text(fl!("groups-create-held-only"))
                .size(12)
                .style(theme::muted_text),
        ]
        .spacing(6);
        let boxes = scrollable(
            container(perms::checkboxes(
                permissions,
                &self.chosen,
                !self.busy,
                true,
                Message::Toggle,
            ))
            .padding([0, 12]),
        )
        .height(Length::Fixed(320.0));
        let mut body = column![form, boxes].spacing(10);
        if let Some(error) = &self.error {
            body = body.push(text(error.clone()).size(13).style(theme::error_text));
        }
        let create = button(text(if self.busy {
            fl!("groups-creating")
        } else {
            fl!("groups-create")
        }))
        .style(button::primary)
        .on_press_maybe((!self.busy).then_some(Message::Submit));
        body = body.push(
            row![
                Space::new().width(Length::Fill),
                button(text(fl!("dialog-cancel")))
                    .style(button::secondary)
                    .on_press(Message::Cancel),
                create,
            ]
            .spacing(8),
        );
        container(body)
            .padding(20)
            .width(Length::Fixed(620.0))
            .style(theme::card)
            .into()
    }
}
