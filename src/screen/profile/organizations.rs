//! The organizations the person belongs to and their groups in each;
//! suspended memberships and organizations not yet paid say so. Each can be
//! left, behind a confirmation that says what leaving ends.

use crate::widget::focus::button;
use iced::widget::{Space, column, container, row, text};
use iced::{Element, Length, Task};
use orgdesk_api::{MembershipStatus, MyOrganization, OrgStatus, codes};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use super::Effect;
use crate::fl;
use crate::screen::describe;
use crate::theme;
use crate::widget::chip::chip;
use crate::widget::modal::{Confirm, Confirmation, confirm};

#[derive(Default)]
pub struct Organizations {
    state: State,
    /// Leaving the organization of this id, asked first.
    leave: Confirmation<Uuid>,
    /// The last leave's outcome, in words, above the list.
    outcome: Option<Result<String, String>>,
}

#[derive(Debug, Clone, Default, PartialEq)]
enum State {
    #[default]
    Loading,
    Ready(Vec<MyOrganization>),
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Vec<MyOrganization>, Error>),
    Leave(Uuid),
    Confirm,
    Cancel,
    Left(Uuid, Result<(), Error>),
}

impl Organizations {
    pub(super) fn reload(&mut self, client: &Client) -> Task<Message> {
        let client = client.clone();
        Task::perform(
            async move { client.my_organizations().await },
            Message::Loaded,
        )
    }

    pub(super) fn update(&mut self, client: &Client, message: Message) -> Effect<Message> {
        match message {
            Message::Leave(id) => {
                self.outcome = None;
                self.leave.ask(id);
                Effect::None
            }
            Message::Cancel => {
                self.leave.cancel();
                Effect::None
            }
            Message::Confirm => match self.leave.confirm().copied() {
                Some(id) => {
                    let client = client.clone();
                    Effect::Run(Task::perform(
                        async move { client.leave_organization(&id.to_string()).await },
                        move |result| Message::Left(id, result),
                    ))
                }
                None => Effect::None,
            },
            Message::Left(id, result) => {
                self.leave.answered();
                let name = self.name_of(id);
                match result {
                    Ok(()) => {
                        if let State::Ready(orgs) = &mut self.state {
                            orgs.retain(|o| o.id != id);
                        }
                        self.outcome = Some(Ok(fl!("profile-orgs-left", name = name)));
                        Effect::Left(id)
                    }
                    Err(e) => {
                        let why = if e.code() == Some(codes::LAST_ADMIN) {
                            fl!("profile-orgs-leave-last-admin", name = name)
                        } else {
                            describe(&e)
                        };
                        self.outcome = Some(Err(why));
                        Effect::None
                    }
                }
            }
            Message::Loaded(Ok(mut orgs)) => {
                orgs.sort_by_cached_key(|o| o.name.to_lowercase());
                self.state = State::Ready(orgs);
                Effect::None
            }
            Message::Loaded(Err(e)) => {
                self.state = State::Failed(describe(&e));
                Effect::None
            }
        }
    }

    /// Esc: closes the question; false when none was open.
    pub(super) fn escape(&mut self) -> bool {
        self.leave.cancel()
    }

    fn name_of(&self, id: Uuid) -> String {
        match &self.state {
            State::Ready(orgs) => orgs.iter().find(|o| o.id == id).map(|o| o.name.clone()),
            _ => None,
        }
        .unwrap_or_else(|| id.to_string())
    }

    /// The question before leaving, while one is open.
    pub(super) fn dialog(&self) -> Option<Element<'_, Message>> {
        let id = *self.leave.asking().or(self.leave.sending())?;
        let name = self.name_of(id);
        let card = confirm(Confirm {
            title: fl!("profile-orgs-leave-title", name = name.clone()),
            body: fl!("profile-orgs-leave-body", name = name),
            action: fl!("profile-orgs-leave"),
            destructive: true,
            on_confirm: Message::Confirm,
            on_cancel: Message::Cancel,
        });
        Some(card)
    }

    pub(super) fn view(&self) -> Element<'_, Message> {
        let orgs = match &self.state {
            State::Loading => return text(fl!("profile-loading")).style(theme::muted_text).into(),
            State::Failed(why) => return text(why.clone()).style(theme::error_text).into(),
            State::Ready(orgs) => orgs,
        };
        let mut list = column![].spacing(12);
        match &self.outcome {
            Some(Ok(done)) => list = list.push(text(done.clone()).style(theme::success_text)),
            Some(Err(why)) => list = list.push(text(why.clone()).style(theme::error_text)),
            None => {}
        }
        if orgs.is_empty() {
            return list
                .push(text(fl!("profile-orgs-none")).style(theme::muted_text))
                .into();
        }
        list = list.push(
            text(fl!("profile-orgs-intro"))
                .size(13)
                .style(theme::muted_text),
        );
        for org in orgs {
            list = list.push(organization(org, !self.leave.is_open()));
        }
        list.into()
    }
}

/// One organization's card; `can_leave` is false while a leave is asked or sent.
fn organization(org: &MyOrganization, can_leave: bool) -> Element<'_, Message> {
    let mut heading = row![
        text(org.name.clone()).size(16),
        text(org.subdomain.clone())
            .size(13)
            .style(theme::muted_text),
    ]
    .spacing(8)
    .align_y(iced::Alignment::Center);
    if org.membership_status == MembershipStatus::Suspended {
        heading = heading.push(chip(fl!("profile-orgs-suspended")));
    }
    match org.status {
        OrgStatus::Active => {}
        OrgStatus::PendingPayment => {
            heading = heading.push(chip(fl!("profile-orgs-pending-payment")))
        }
        OrgStatus::Suspended => heading = heading.push(chip(fl!("profile-orgs-org-suspended"))),
    }
    let heading = heading.push(Space::new().width(Length::Fill)).push(
        button(text(fl!("profile-orgs-leave")).size(13))
            .style(button::secondary)
            .on_press_maybe(can_leave.then_some(Message::Leave(org.id))),
    );
    let groups: Element<'_, Message> = if org.groups.is_empty() {
        text(fl!("profile-orgs-no-groups"))
            .size(13)
            .style(theme::muted_text)
            .into()
    } else {
        let mut chips = row![text(fl!("profile-orgs-groups")).size(13)]
            .spacing(6)
            .align_y(iced::Alignment::Center);
        for group in &org.groups {
            chips = chips.push(chip(group.name.clone()));
        }
        chips.wrap().into()
    };
    container(column![heading, groups].spacing(8))
        .padding(12)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}
