//! How the Invitations screen looks: filters and seats, the table, and the
//! dialogs over it.

use crate::widget::focus::button;
use iced::widget::{column, container, progress_bar, row, scrollable, text};
use iced::{Element, Length};
use orgdesk_api::InvitationStatus;

use orgdesk_api::Invitation;

use super::{Change, Invitations, Message};
use crate::fl;
use crate::remote::Shown;
use crate::theme;
use crate::widget::icon::{self, Icon};
use crate::widget::modal::{Confirm, confirm, modal};
use crate::widget::table;

impl Invitations {
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![self.toolbar()].spacing(8).padding(16);
        match &self.notice {
            Some(Ok(note)) => {
                page = page.push(text(note.clone()).style(theme::invitations_done_text))
            }
            Some(Err(why)) => page = page.push(text(why.clone()).style(theme::error_text)),
            None => {}
        }
        let status_line = match self.list.shown() {
            Shown::Loading => text(fl!("invitations-loading")),
            Shown::Failed(why) => text(why.to_owned()).style(theme::error_text),
            Shown::Empty => text(fl!("invitations-empty")),
            Shown::Rows { shown, total, .. } => {
                text(fl!("invitations-count", shown = shown, total = total))
            }
        };
        let base = page
            .push(self.header())
            .push(self.table())
            .push(status_line.size(12));
        if let Some(asked) = self.asking.asking() {
            modal(
                base,
                confirm(self.confirmation(asked, false)),
                Message::Dismiss,
            )
        } else if let Some(sending) = self.asking.sending() {
            modal(
                base,
                confirm(self.confirmation(sending, true)),
                Message::Dismiss,
            )
        } else if let Some(invite) = &self.invite {
            modal(
                base,
                invite.view(self.seats).map(Message::Invite),
                Message::Dismiss,
            )
        } else {
            base.into()
        }
    }

    fn toolbar(&self) -> Element<'_, Message> {
        let filter = |label: String, status: Option<InvitationStatus>| {
            let label = match status {
                Some(status) => icon::labelled(Icon::of_invitation(status), label, 14),
                None => text(label).into(),
            };
            button(label)
                .style(theme::nav_button(self.status == status))
                .on_press(Message::StatusFilter(status))
        };
        let mut toolbar = row![
            filter(fl!("invitations-filter-all"), None),
            filter(
                fl!("invitations-status-pending"),
                Some(InvitationStatus::Pending)
            ),
            filter(
                fl!("invitations-status-accepted"),
                Some(InvitationStatus::Accepted)
            ),
            filter(
                fl!("invitations-status-revoked"),
                Some(InvitationStatus::Revoked)
            ),
            filter(
                fl!("invitations-status-expired"),
                Some(InvitationStatus::Expired)
            ),
            iced::widget::Space::new().width(Length::Fill),
        ]
        .spacing(4)
        .align_y(iced::Alignment::Center);
        if let Some((used, limit)) = self.seats {
            let gauge = progress_bar(0.0..=limit.max(1) as f32, used as f32)
                .length(Length::Fixed(120.0))
                .girth(8)
                .style(theme::seat_gauge(used, limit));
            toolbar = toolbar.push(
                column![
                    text(fl!("invitations-seats", used = used, limit = limit)).size(12),
                    gauge
                ]
                .spacing(2),
            );
        }
        toolbar
            .push(
                button(icon::labelled(Icon::Invite, fl!("invitations-invite"), 14))
                    .style(button::primary)
                    .on_press(Message::OpenInvite),
            )
            .into()
    }

    fn confirmation(
        &self,
        (change, invitation): &(Change, Invitation),
        sending: bool,
    ) -> Confirm<Message> {
        let email = invitation.email.clone();
        let (title, body, action, destructive) = match (change, invitation.status) {
            (Change::Resend, InvitationStatus::Expired) => (
                fl!("invitations-renew-title"),
                fl!(
                    "invitations-renew-body",
                    email = email,
                    expired = crate::screen::short_time(invitation.expires_at)
                ),
                fl!("invitations-renew"),
                false,
            ),
            (Change::Resend, _) => (
                fl!("invitations-resend-title"),
                fl!(
                    "invitations-resend-body",
                    email = email,
                    sent = crate::screen::short_time(invitation.sent_at)
                ),
                fl!("invitations-resend"),
                false,
            ),
            (Change::Revoke, _) => (
                fl!("invitations-revoke-title"),
                fl!("invitations-revoke-body", email = email),
                fl!("invitations-revoke"),
                true,
            ),
        };
        Confirm {
            title,
            body,
            action: if sending {
                fl!("invitations-working")
            } else {
                action
            },
            destructive,
            on_confirm: Message::Confirm,
            on_cancel: Message::Dismiss,
        }
    }

    fn header(&self) -> Element<'_, Message> {
        let cell = |label: String, portion: u16| {
            container(text(label).size(13))
                .padding([5, 10])
                .width(Length::FillPortion(portion))
        };
        container(
            row![
                cell(fl!("invitations-col-email"), 4),
                cell(fl!("invitations-col-groups"), 3),
                cell(fl!("invitations-col-status"), 2),
                cell(fl!("invitations-col-sent"), 2),
                cell(fl!("invitations-col-expires"), 2),
                cell(fl!("invitations-col-access-ends"), 2),
                cell(String::new(), 3),
            ]
            .spacing(4),
        )
        .style(theme::table_header)
        .into()
    }

    fn table(&self) -> Element<'_, Message> {
        let rows = self.list.rows().len();
        let body = table::body(rows, self.list.window(), |index| self.row(index));
        scrollable(body)
            .on_scroll(Message::Scrolled)
            .height(Length::Fill)
            .into()
    }

    fn row(&self, index: usize) -> Element<'_, Message> {
        let invitation = &self.list.rows()[index];
        let groups = invitation
            .groups
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let until = match invitation.status {
            InvitationStatus::Pending | InvitationStatus::Expired => {
                crate::screen::short_time(invitation.expires_at)
            }
            InvitationStatus::Accepted => invitation.accepted_at.map_or_else(String::new, |at| {
                fl!(
                    "invitations-accepted-at",
                    time = crate::screen::short_time(at)
                )
            }),
            InvitationStatus::Revoked => String::new(),
        };
        let cell = |value: String, portion: u16| {
            container(text(value).size(13))
                .padding([0, 10])
                .width(Length::FillPortion(portion))
                .clip(true)
        };
        let small = |label: String, change: Change| {
            button(text(label).size(12))
                .padding([2, 8])
                .style(if change == Change::Revoke {
                    button::danger
                } else {
                    button::secondary
                })
                .on_press(Message::Ask(change, invitation.id))
        };
        let mut actions = row![].spacing(6);
        match invitation.status {
            InvitationStatus::Pending => {
                actions = actions
                    .push(small(fl!("invitations-resend"), Change::Resend))
                    .push(small(fl!("invitations-revoke"), Change::Revoke));
            }
            InvitationStatus::Expired => {
                actions = actions.push(small(fl!("invitations-renew"), Change::Resend));
            }
            InvitationStatus::Accepted | InvitationStatus::Revoked => {}
        }
        let line = row![
            cell(invitation.email.clone(), 4),
            cell(groups, 3),
            container(icon::status(
                Icon::of_invitation(invitation.status),
                status_in_words(invitation.status)
            ))
            .padding([0, 10])
            .width(Length::FillPortion(2))
            .clip(true),
            cell(crate::screen::short_time(invitation.sent_at), 2),
            cell(until, 2),
            cell(
                invitation
                    .membership_expires_at
                    .map_or_else(|| "—".to_string(), crate::locale::date),
                2,
            ),
            container(actions)
                .padding([0, 10])
                .width(Length::FillPortion(3)),
        ]
        .spacing(4)
        .align_y(iced::Alignment::Center);
        container(line)
            .height(Length::Fixed(theme::ROW_HEIGHT))
            .align_y(iced::Alignment::Center)
            .style(theme::table_row(false, index % 2 == 1))
            .into()
    }
}

pub fn status_in_words(status: InvitationStatus) -> String {
    match status {
        InvitationStatus::Pending => fl!("invitations-status-pending"),
        InvitationStatus::Accepted => fl!("invitations-status-accepted"),
        InvitationStatus::Revoked => fl!("invitations-status-revoked"),
        InvitationStatus::Expired => fl!("invitations-status-expired"),
    }
}
