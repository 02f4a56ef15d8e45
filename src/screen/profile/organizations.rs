//! The organizations the person belongs to and their groups in each;
//! suspended memberships and organizations not yet paid say so.

use iced::widget::{column, container, row, text};
use iced::{Element, Length, Task};
use orgdesk_api::{MembershipStatus, MyOrganization, OrgStatus};
use orgdesk_client::{Client, Error};

use super::Effect;
use crate::fl;
use crate::screen::describe;
use crate::theme;
use crate::widget::chip::chip;

#[derive(Default)]
pub struct Organizations {
    state: State,
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
}

impl Organizations {
    pub(super) fn reload(&mut self, client: &Client) -> Task<Message> {
        let client = client.clone();
        Task::perform(
            async move { client.my_organizations().await },
            Message::Loaded,
        )
    }

    pub(super) fn update(&mut self, message: Message) -> Effect<Message> {
        match message {
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

    pub(super) fn view(&self) -> Element<'_, Message> {
        let orgs = match &self.state {
            State::Loading => return text(fl!("profile-loading")).style(theme::muted_text).into(),
            State::Failed(why) => return text(why.clone()).style(theme::error_text).into(),
            State::Ready(orgs) if orgs.is_empty() => {
                return text(fl!("profile-orgs-none"))
                    .style(theme::muted_text)
                    .into();
            }
            State::Ready(orgs) => orgs,
        };
        let mut list = column![
            text(fl!("profile-orgs-intro"))
                .size(13)
                .style(theme::muted_text)
        ]
        .spacing(12);
        for org in orgs {
            list = list.push(organization(org));
        }
        list.into()
    }
}

fn organization(org: &MyOrganization) -> Element<'_, Message> {
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
