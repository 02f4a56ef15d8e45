//! Overview: the landing section of an organization, saying how it is
//! doing: seats (and what frees them), sign-ins per day over 30 days,
//! pending and soon-expiring invitations, active members who have not
//! signed in for 90 days, and the latest audit events. Every tile opens its
//! section with the matching filter ([`Link`], routed by the shell).
//!
//! The platform counts the figures (`GET …/overview`, one request however
//! large the organization); sign-ins per day count every sign-in from the
//! session history, not only each member's latest.

use crate::widget::focus::button;
use iced::widget::{Space, column, container, progress_bar, row, scrollable, text};
use iced::{Element, Length, Task};
use orgdesk_api::{InvitationStatus, MembershipStatus, OrgOverview};
use orgdesk_client::{Client, Error};
use time::Date;
use uuid::Uuid;

use crate::fl;
use crate::remote::{Latest, Tag};
use crate::screen::audit::words;
use crate::screen::expiry::AccessFilter;
use crate::theme;
use crate::widget::chart;
use crate::widget::icon::{self, Icon};

/// What a tile opens: a section, with the filter matching the tile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Members, with this status filter (`None`: all) and access filter.
    Members(Option<MembershipStatus>, Option<AccessFilter>),
    /// One member's sheet.
    Member(Uuid),
    /// Invitations, with this status filter.
    Invitations(Option<InvitationStatus>),
    Audit,
}

/// The overview's figures, as the platform counted them.
pub type Figures = OrgOverview;

/// The sign-ins series as the chart draws it: (UTC day, count).
pub fn chart_days(figures: &Figures) -> Vec<(Date, u32)> {
    figures
        .sign_ins
        .iter()
        .map(|d| (d.day.date(), u32::try_from(d.count).unwrap_or(u32::MAX)))
        .collect()
}

pub struct Overview {
    client: Client,
    org: String,
    latest: Latest,
    state: State,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    Ready(Box<Figures>),
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Ctrl+R.
    Refresh,
    Loaded(Tag, Result<Box<Figures>, Error>),
    Open(Link),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// A tile was clicked: the shell opens its section.
    Open(Link),
}

impl Overview {
    /// `org` is the organization's id or subdomain.
    pub fn new(client: Client, org: String) -> (Self, Task<Message>) {
        let mut screen = Self {
            client,
            org,
            latest: Latest::default(),
            state: State::Loading,
        };
        let task = screen.load();
        (screen, task)
    }

    /// The figures, once counted.
    pub fn figures(&self) -> Option<&Figures> {
        match &self.state {
            State::Ready(figures) => Some(figures),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Refresh => Action::Run(self.load()),
            Message::Loaded(tag, _) if !self.latest.is(tag) => Action::None,
            Message::Loaded(_, result) => {
                self.state = match result {
                    Ok(figures) => State::Ready(figures),
                    Err(e) => State::Failed(super::describe(&e)),
                };
                Action::None
            }
            Message::Open(link) => Action::Open(link),
        }
    }

    fn load(&mut self) -> Task<Message> {
        let tag = self.latest.ask();
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move { client.overview(&org).await.map(Box::new) },
            move |result| Message::Loaded(tag, result),
        )
    }

    pub fn view(&self) -> Element<'_, Message> {
        let figures = match &self.state {
            State::Loading => {
                return container(text(fl!("overview-loading")))
                    .center(Length::Fill)
                    .into();
            }
            State::Failed(why) => {
                return container(text(why.clone()).style(theme::error_text))
                    .center(Length::Fill)
                    .into();
            }
            State::Ready(figures) => figures,
        };
        let page = column![
            row![seats(figures), sign_ins(figures)].spacing(16),
            row![invitations(figures), inactive(figures)].spacing(16),
            recent(figures),
        ]
        .spacing(16)
        .padding(16);
        scrollable(page).height(Length::Fill).into()
    }
}

/// A tile: its icon and title, what it says, and where it leads.
fn tile<'a>(
    which: Icon,
    title: String,
    body: Element<'a, Message>,
    open: Option<(String, Link)>,
) -> Element<'a, Message> {
    let mut head = row![icon::labelled(which, title, 15)]
        .spacing(8)
        .align_y(iced::Alignment::Center);
    if let Some((label, link)) = open {
        head = head.push(Space::new().width(Length::Fill)).push(
            button(text(label).size(12))
                .padding([2, 8])
                .style(button::secondary)
                .on_press(Message::Open(link)),
        );
    }
    container(column![head, body].spacing(10))
        .padding(14)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

/// A figure with a button into its section.
fn linked<'a>(label: String, link: Link) -> Element<'a, Message> {
    button(text(label).size(13))
        .padding([2, 6])
        .style(button::text)
        .on_press(Message::Open(link))
        .into()
}

fn seats(f: &Figures) -> Element<'_, Message> {
    let seats = &f.seats;
    let gauge = progress_bar(0.0..=seats.limit.max(1) as f32, seats.used as f32)
        .girth(10)
        .style(theme::seat_gauge(
            u32::try_from(seats.used).unwrap_or(u32::MAX),
            u32::try_from(seats.limit).unwrap_or(u32::MAX),
        ));
    let body = column![
        text(fl!(
            "overview-seats-used",
            used = seats.used,
            limit = seats.limit
        ))
        .size(22),
        gauge,
        text(fl!("overview-seats-frees"))
            .size(12)
            .style(theme::muted_text),
        linked(
            fl!("overview-seats-pending", count = seats.pending_invitations),
            Link::Invitations(Some(InvitationStatus::Pending)),
        ),
        linked(
            fl!("overview-seats-suspended", count = seats.suspended_members),
            Link::Members(Some(MembershipStatus::Suspended), None),
        ),
    ]
    .spacing(6);
    tile(
        Icon::Members,
        fl!("overview-seats-title"),
        body.into(),
        Some((fl!("overview-open-members"), Link::Members(None, None))),
    )
}

fn sign_ins(f: &Figures) -> Element<'_, Message> {
    let total: u64 = f.sign_ins.iter().map(|d| d.count).sum();
    let body = chart::bars(
        &chart_days(f),
        fl!("overview-sign-ins-summary", count = total),
        |day, count| fl!("overview-sign-ins-day", day = day, count = count),
    );
    tile(
        Icon::Activity,
        fl!("overview-sign-ins-title", days = f.sign_ins.len()),
        body,
        Some((
            fl!("overview-open-members"),
            Link::Members(Some(MembershipStatus::Active), None),
        )),
    )
}

fn invitations(f: &Figures) -> Element<'_, Message> {
    let Some(invitations) = &f.invitations else {
        let body = text(fl!("overview-invitations-unavailable"))
            .size(13)
            .style(theme::muted_text);
        return tile(
            Icon::Invitations,
            fl!("overview-invitations-title"),
            body.into(),
            None,
        );
    };
    let mut body = column![
        text(fl!(
            "overview-invitations-pending",
            count = invitations.pending
        ))
        .size(22),
        text(fl!(
            "overview-invitations-expiring",
            count = invitations.expiring,
            days = invitations.expiring_within_days
        ))
        .size(13),
    ]
    .spacing(4);
    for invitation in &invitations.soonest {
        body = body.push(
            row![
                icon::icon(Icon::Expired).size(13),
                text(invitation.email.clone()).size(13),
                Space::new().width(Length::Fill),
                text(super::short_time(invitation.expires_at))
                    .size(12)
                    .style(theme::muted_text),
            ]
            .spacing(6),
        );
    }
    tile(
        Icon::Invitations,
        fl!("overview-invitations-title"),
        body.into(),
        Some((
            fl!("overview-open-invitations"),
            Link::Invitations(Some(InvitationStatus::Pending)),
        )),
    )
}

fn inactive(f: &Figures) -> Element<'_, Message> {
    let mut body = column![
        text(fl!(
            "overview-inactive-count",
            count = f.inactive.count,
            days = f.inactive.days
        ))
        .size(22)
    ]
    .spacing(2);
    for member in &f.inactive.longest {
        let last = member
            .last_login_at
            .map_or_else(|| fl!("members-never"), super::short_time);
        body = body.push(
            row![
                linked(member.name.clone(), Link::Member(member.id)),
                Space::new().width(Length::Fill),
                text(last).size(12).style(theme::muted_text),
            ]
            .align_y(iced::Alignment::Center),
        );
    }
    tile(
        Icon::NeverSignedIn,
        fl!("overview-inactive-title"),
        body.into(),
        Some((
            fl!("overview-open-inactive", days = f.inactive.days),
            Link::Members(
                Some(MembershipStatus::Active),
                Some(AccessFilter::Inactive(f.inactive.days)),
            ),
        )),
    )
}

fn recent(f: &Figures) -> Element<'_, Message> {
    let body: Element<'_, Message> = match &f.recent {
        None => text(fl!("overview-audit-unavailable"))
            .size(13)
            .style(theme::muted_text)
            .into(),
        Some(entries) if entries.is_empty() => text(fl!("overview-audit-empty")).size(13).into(),
        Some(entries) => {
            let mut list = column![].spacing(4);
            for entry in entries {
                list = list.push(
                    row![
                        text(super::short_time(entry.created_at))
                            .size(12)
                            .style(theme::muted_text)
                            .width(Length::Fixed(140.0)),
                        text(words::action(&entry.action)).size(13),
                        text(words::actor(entry)).size(12).style(theme::muted_text),
                    ]
                    .spacing(10),
                );
            }
            list.into()
        }
    };
    tile(
        Icon::Audit,
        fl!("overview-audit-title"),
        body,
        Some((fl!("overview-open-audit"), Link::Audit)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use orgdesk_api::{DaySignIns, InactiveFigures, SeatFigures};
    use time::macros::datetime;

    #[test]
    fn the_chart_draws_the_platforms_days() {
        let figures = Figures {
            as_of: datetime!(2026-12-05 12:00 UTC),
            seats: SeatFigures {
                used: 3,
                limit: 10,
                pending_invitations: 1,
                active_members: 2,
                suspended_members: 0,
            },
            members: 2,
            sign_ins: vec![
                DaySignIns {
                    day: datetime!(2026-12-04 0:00 UTC),
                    count: 0,
                },
                DaySignIns {
                    day: datetime!(2026-12-05 0:00 UTC),
                    count: 7,
                },
            ],
            invitations: None,
            inactive: InactiveFigures {
                days: 90,
                count: 0,
                longest: Vec::new(),
            },
            recent: None,
        };
        assert_eq!(
            chart_days(&figures),
            [
                (datetime!(2026-12-04 0:00 UTC).date(), 0),
                (datetime!(2026-12-05 0:00 UTC).date(), 7)
            ]
        );
    }
}
