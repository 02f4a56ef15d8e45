//! Overview: the landing section of an organization, saying how it is
//! doing: seats (and what frees them), sign-ins per day over 30 days,
//! pending and soon-expiring invitations, active members who have not
//! signed in for 90 days, and the latest audit events. Every tile opens its
//! section with the matching filter ([`Link`], routed by the shell).
//!
//! The platform has no route for these figures; they are counted here from
//! what it lists: the organization (seats), every member (status, last
//! sign-in), the pending invitations and the audit log's latest entries.
//! Members carry only their *latest* sign-in, so "sign-ins per day" counts
//! each member once, on the day they last signed in.

use iced::widget::{Space, button, column, container, progress_bar, row, scrollable, text};
use iced::{Element, Length, Task};
use orgdesk_api::{
    AuditEntry, AuditQuery, Invitation, InvitationQuery, InvitationStatus, MAX_LIMIT, Member,
    MemberQuery, MembershipStatus,
};
use orgdesk_client::{Client, Error};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::fl;
use crate::remote::{Latest, Tag};
use crate::screen::audit::words;
use crate::theme;
use crate::widget::chart;
use crate::widget::icon::{self, Icon};

/// Days of the sign-ins chart.
pub const CHART_DAYS: i64 = 30;
/// An active member who has not signed in for this long is listed.
pub const INACTIVE_AFTER: Duration = Duration::days(90);
/// A pending invitation that expires within this time is "expiring".
pub const EXPIRING_WITHIN: Duration = Duration::days(7);
/// Audit entries shown.
pub const RECENT_EVENTS: u32 = 8;
/// Names listed in a tile (the count says how many in all).
const LISTED: usize = 5;

/// What a tile opens: a section, with the filter matching the tile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Members, with this status filter (`None`: all).
    Members(Option<MembershipStatus>),
    /// One member's sheet.
    Member(Uuid),
    /// Invitations, with this status filter.
    Invitations(Option<InvitationStatus>),
    Audit,
}

/// The overview's figures, as counted at `as_of`.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub as_of: OffsetDateTime,
    /// Seats used and the limit.
    pub seats: (u32, u32),
    pub members: usize,
    pub suspended: usize,
    /// Pending invitations: they hold seats until accepted, revoked or expired.
    pub pending: usize,
    /// Pending invitations expiring within [`EXPIRING_WITHIN`], soonest first.
    pub expiring: Vec<Invitation>,
    /// Active members not signed in for [`INACTIVE_AFTER`] (or never), longest first.
    pub inactive: Vec<Member>,
    /// Members by the day of their latest sign-in, the last [`CHART_DAYS`] days.
    pub sign_ins: Vec<(Date, u32)>,
    /// The latest audit events, newest first; `None` when the log may not be read.
    pub recent: Option<Vec<AuditEntry>>,
}

/// Counts the figures from what the platform listed.
pub fn figures(
    seats: (u32, u32),
    members: &[Member],
    pending: &[Invitation],
    recent: Option<Vec<AuditEntry>>,
    as_of: OffsetDateTime,
) -> Figures {
    let mut inactive: Vec<Member> = members
        .iter()
        .filter(|m| m.status == MembershipStatus::Active)
        .filter(|m| {
            m.last_login_at
                .is_none_or(|at| as_of - at >= INACTIVE_AFTER)
        })
        .cloned()
        .collect();
    // Never signed in first, then the longest ago; by name among equals.
    inactive.sort_by(|a, b| {
        a.last_login_at
            .cmp(&b.last_login_at)
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut expiring: Vec<Invitation> = pending
        .iter()
        .filter(|i| i.status == InvitationStatus::Pending)
        .filter(|i| i.expires_at - as_of <= EXPIRING_WITHIN)
        .cloned()
        .collect();
    expiring.sort_by_key(|i| i.expires_at);
    Figures {
        as_of,
        seats,
        members: members.len(),
        suspended: members
            .iter()
            .filter(|m| m.status == MembershipStatus::Suspended)
            .count(),
        pending: pending
            .iter()
            .filter(|i| i.status == InvitationStatus::Pending)
            .count(),
        expiring,
        inactive,
        sign_ins: chart::per_day(
            members.iter().filter_map(|m| m.last_login_at),
            as_of.date(),
            CHART_DAYS,
        ),
        recent,
    }
}

/// Reads what the figures are counted from, page by page.
pub async fn load(client: &Client, org: &str) -> Result<Figures, Error> {
    let organization = client.org(org).await?;
    let mut members = Vec::new();
    let mut cursor = None;
    loop {
        let query = MemberQuery {
            limit: Some(MAX_LIMIT),
            cursor: cursor.take(),
            ..MemberQuery::default()
        };
        let page = client.members(org, &query).await?;
        members.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    // An admin who may not see invitations or the audit log still gets the rest.
    let mut pending = Vec::new();
    let mut cursor = None;
    loop {
        let query = InvitationQuery {
            status: Some(InvitationStatus::Pending),
            limit: Some(MAX_LIMIT),
            cursor: cursor.take(),
        };
        let Ok(page) = client.invitations(org, &query).await else {
            break;
        };
        pending.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let recent = client
        .audit_log(
            org,
            &AuditQuery {
                limit: Some(RECENT_EVENTS),
                ..AuditQuery::default()
            },
        )
        .await
        .ok()
        .map(|page| page.items);
    let seats = (
        organization.subscription.seats_used,
        organization.subscription.seat_limit,
    );
    Ok(figures(
        seats,
        &members,
        &pending,
        recent,
        OffsetDateTime::now_utc(),
    ))
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
            async move { load(&client, &org).await.map(Box::new) },
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
    let (used, limit) = f.seats;
    let gauge = progress_bar(0.0..=limit.max(1) as f32, used as f32)
        .girth(10)
        .style(theme::seat_gauge(used, limit));
    let body = column![
        text(fl!("overview-seats-used", used = used, limit = limit)).size(22),
        gauge,
        text(fl!("overview-seats-frees"))
            .size(12)
            .style(theme::muted_text),
        linked(
            fl!("overview-seats-pending", count = f.pending),
            Link::Invitations(Some(InvitationStatus::Pending)),
        ),
        linked(
            fl!("overview-seats-suspended", count = f.suspended),
            Link::Members(Some(MembershipStatus::Suspended)),
        ),
    ]
    .spacing(6);
    tile(
        Icon::Members,
        fl!("overview-seats-title"),
        body.into(),
        Some((fl!("overview-open-members"), Link::Members(None))),
    )
}

fn sign_ins(f: &Figures) -> Element<'_, Message> {
    let total: u32 = f.sign_ins.iter().map(|(_, n)| n).sum();
    let body = chart::bars(
        &f.sign_ins,
        fl!("overview-sign-ins-summary", count = total),
        |day, count| fl!("overview-sign-ins-day", day = day, count = count),
    );
    tile(
        Icon::Activity,
        fl!("overview-sign-ins-title", days = CHART_DAYS),
        body,
        Some((
            fl!("overview-open-members"),
            Link::Members(Some(MembershipStatus::Active)),
        )),
    )
}

fn invitations(f: &Figures) -> Element<'_, Message> {
    let mut body = column![
        text(fl!("overview-invitations-pending", count = f.pending)).size(22),
        text(fl!(
            "overview-invitations-expiring",
            count = f.expiring.len(),
            days = EXPIRING_WITHIN.whole_days()
        ))
        .size(13),
    ]
    .spacing(4);
    for invitation in f.expiring.iter().take(LISTED) {
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
            count = f.inactive.len(),
            days = INACTIVE_AFTER.whole_days()
        ))
        .size(22)
    ]
    .spacing(2);
    for member in f.inactive.iter().take(LISTED) {
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
            fl!("overview-open-members"),
            Link::Members(Some(MembershipStatus::Active)),
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
                            .width(Length::Fixed(130.0)),
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
    use time::macros::datetime;

    fn member(name: &str, status: MembershipStatus, last: Option<OffsetDateTime>) -> Member {
        Member {
            group_expiry: Vec::new(),
            id: Uuid::new_v4(),
            name: name.into(),
            email: format!("{}@example.com", name.to_lowercase()),
            status,
            groups: Vec::new(),
            joined_at: datetime!(2025-01-01 0:00 UTC),
            last_login_at: last,
            suspended_at: None,
            updated_at: datetime!(2025-01-01 0:00 UTC),
            managed: false,
        }
    }

    fn invitation(email: &str, status: InvitationStatus, expires: OffsetDateTime) -> Invitation {
        Invitation {
            id: Uuid::new_v4(),
            email: email.into(),
            status,
            groups: Vec::new(),
            invited_by: None,
            created_at: datetime!(2026-11-01 0:00 UTC),
            sent_at: datetime!(2026-11-01 0:00 UTC),
            expires_at: expires,
            accepted_at: None,
            membership_expires_at: None,
        }
    }

    #[test]
    fn figures_count_inactive_expiring_suspended_and_sign_ins() {
        let now = datetime!(2026-12-05 12:00 UTC);
        let members = [
            member("Never", MembershipStatus::Active, None),
            member(
                "Old",
                MembershipStatus::Active,
                Some(now - Duration::days(90)),
            ),
            member(
                "Recent",
                MembershipStatus::Active,
                Some(now - Duration::days(89)),
            ),
            member(
                "Today",
                MembershipStatus::Active,
                Some(now - Duration::hours(1)),
            ),
            member("Held", MembershipStatus::Suspended, None),
        ];
        let pending = [
            invitation(
                "soon@example.com",
                InvitationStatus::Pending,
                now + Duration::days(2),
            ),
            invitation(
                "later@example.com",
                InvitationStatus::Pending,
                now + Duration::days(8),
            ),
            invitation(
                "edge@example.com",
                InvitationStatus::Pending,
                now + Duration::days(7),
            ),
        ];
        let f = figures((4, 10), &members, &pending, None, now);
        assert_eq!(f.members, 5);
        assert_eq!(f.suspended, 1);
        assert_eq!(f.pending, 3);
        let expiring: Vec<&str> = f.expiring.iter().map(|i| i.email.as_str()).collect();
        assert_eq!(expiring, ["soon@example.com", "edge@example.com"]);
        let inactive: Vec<&str> = f.inactive.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            inactive,
            ["Never", "Old"],
            "never first; suspended left out"
        );
        assert_eq!(f.sign_ins.len(), CHART_DAYS as usize);
        assert_eq!(
            f.sign_ins.iter().map(|(_, n)| n).sum::<u32>(),
            1,
            "only today is within 30 days"
        );
        assert_eq!(f.sign_ins.last(), Some(&(now.date(), 1)));
        assert_eq!(f.recent, None);
    }
}
