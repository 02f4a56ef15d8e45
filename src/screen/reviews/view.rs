//! How the access reviews look: the campaigns, the form, a campaign's
//! items, and the outbox of decisions not sent yet with its conflicts side
//! by side (theirs, mine).

use crate::widget::focus::button;
use crate::widget::focus::{Kind, focusable};
use iced::widget::{Column, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length};
use orgdesk_api::ReviewDecision;
use time::OffsetDateTime;

use super::{Message, Open, Reviews, completion_words, status_words};
use crate::cache::reviews::{Pending, PendingState, Refusal};
use crate::fl;
use crate::theme;

impl Reviews {
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![].spacing(12);
        if let Some(notice) = &self.notice {
            page = page.push(match notice {
                Ok(done) => text(done.clone()).size(13),
                Err(why) => text(why.clone()).size(13).style(theme::error_text),
            });
        }
        page = page.push(self.download.view(Message::CancelExport));
        if self.offline {
            let words = match self.as_of {
                Some(at) => fl!("reviews-offline", time = crate::screen::short_time(at)),
                None => fl!("reviews-offline-none"),
            };
            page = page.push(text(words).size(13).style(theme::muted_text));
        }
        if let Some(outbox) = self.outbox_view() {
            page = page.push(outbox);
        }
        let body = match &self.open {
            Some(open) => self.campaign_view(open),
            None if self.offline => self.list_view(),
            None => column![self.list_view(), self.form_view()]
                .spacing(16)
                .into(),
        };
        scrollable(page.push(body).padding(16))
            .height(Length::Fill)
            .into()
    }

    fn list_view(&self) -> Element<'_, Message> {
        let list = match &self.campaigns {
            None => return text(fl!("reviews-loading")).into(),
            Some(Err(why)) => return text(why.clone()).style(theme::error_text).into(),
            Some(Ok(list)) if list.is_empty() => {
                return text(fl!("reviews-empty")).style(theme::muted_text).into();
            }
            Some(Ok(list)) => list,
        };
        let rows = list.iter().map(|r| {
            let mut line = row![
                text(r.name.clone()).width(Length::FillPortion(3)),
                text(status_words(r))
                    .size(12)
                    .style(theme::muted_text)
                    .width(Length::FillPortion(4)),
                button(text(fl!("reviews-open")).size(13))
                    .style(button::secondary)
                    .on_press(Message::Open(r.id)),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            if !self.offline {
                line = line.push(
                    button(text(fl!("reviews-report")).size(13))
                        .style(button::secondary)
                        .on_press(Message::Export(r.id)),
                );
            }
            line.into()
        });
        let mut list = column![
            text(fl!("reviews-title")).size(20),
            Column::with_children(rows).spacing(6)
        ]
        .spacing(8);
        if self.next.is_some() && !self.offline {
            let label = match self.more.current() {
                Some(_) => fl!("reviews-loading"),
                None => fl!("governance-more"),
            };
            list = list.push(
                button(text(label).size(13))
                    .style(button::secondary)
                    .on_press_maybe(self.more.current().is_none().then_some(Message::More)),
            );
        }
        list.into()
    }

    fn form_view(&self) -> Element<'_, Message> {
        let groups = self.groups.iter().map(|g| {
            let id = g.id;
            focusable(
                checkbox(self.form.groups.contains(&id))
                    .label(g.name.clone())
                    .on_toggle(move |on| Message::ToggleGroup(id, on)),
                Kind::Press,
            )
        });
        column![
            text(fl!("reviews-new")).size(16),
            text_input(&fl!("reviews-name"), &self.form.name)
                .on_input(Message::NameChanged)
                .padding(6),
            text_input(&fl!("reviews-reviewers"), &self.form.reviewers)
                .on_input(Message::ReviewersChanged)
                .padding(6),
            row![
                text(fl!("reviews-due")).size(13),
                text_input("2027-01-31", &self.form.due)
                    .on_input(Message::DueChanged)
                    .padding(6)
                    .width(Length::Fixed(140.0)),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            text(fl!("reviews-groups-hint"))
                .size(12)
                .style(theme::muted_text),
            Column::with_children(groups).spacing(4),
            button(text(fl!("reviews-start")))
                .style(button::primary)
                .on_press_maybe((!self.form.sending).then_some(Message::Start)),
        ]
        .spacing(8)
        .into()
    }

    fn campaign_view<'a>(&'a self, open: &'a Open) -> Element<'a, Message> {
        let review = &open.review;
        let completed = review.status == orgdesk_api::ReviewStatus::Completed;
        let mut head = row![
            button(text(fl!("reviews-back")).size(13))
                .style(button::secondary)
                .on_press(Message::Back),
            text(review.name.clone()).size(20),
            text(status_words(review)).size(12).style(theme::muted_text),
        ]
        .spacing(12)
        .align_y(Alignment::Center);
        if !completed && !self.offline {
            head = head.push(
                button(text(fl!("reviews-complete")).size(13))
                    .style(button::primary)
                    .on_press(Message::Complete),
            );
        }
        let mut page = column![head].spacing(10);
        if let Some(preview) = &open.preview {
            page = page.push(crate::widget::modal::confirm(
                crate::widget::modal::Confirm {
                    title: fl!("reviews-complete-title"),
                    body: completion_words(preview),
                    action: fl!("reviews-complete"),
                    destructive: true,
                    on_confirm: Message::ConfirmComplete,
                    on_cancel: Message::Open(review.id),
                },
            ));
        }
        if let Some(done) = &open.done {
            page = page.push(text(fl!(
                "reviews-completed",
                revoked = done.revoked.len(),
                expiring = done.expiry_set.len()
            )));
        }
        let items = open.items.iter().map(|item| {
            let decided = match self.outbox.get(item.item_id) {
                Some(mine) if mine.state == PendingState::NotSent => fl!(
                    "reviews-not-sent",
                    decision = decision_words(mine.decision, mine.expires_at)
                ),
                _ => item
                    .decision
                    .as_ref()
                    .map(|d| decision_words(d.decision, d.expires_at))
                    .unwrap_or_else(|| fl!("reviews-undecided")),
            };
            let id = item.item_id;
            let mut line = row![
                column![
                    text(format!("{} · {}", item.name, item.email)).size(14),
                    text(fl!(
                        "reviews-item",
                        group = item.group.name.clone(),
                        permissions = item.permissions.join(", "),
                        added = crate::screen::short_time(item.added_at)
                    ))
                    .size(12)
                    .style(theme::muted_text),
                ]
                .width(Length::FillPortion(5)),
                text(decided).size(13).width(Length::FillPortion(2)),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            if !completed {
                let date = open.dates.get(&id).cloned().unwrap_or_default();
                line = line
                    .push(
                        button(text(fl!("reviews-keep")).size(13))
                            .style(button::secondary)
                            .on_press(Message::Decide(id, ReviewDecision::Keep)),
                    )
                    .push(
                        button(text(fl!("reviews-revoke")).size(13))
                            .style(button::danger)
                            .on_press(Message::Decide(id, ReviewDecision::Revoke)),
                    )
                    .push(
                        text_input("2027-01-31", &date)
                            .on_input(move |v| Message::DateChanged(id, v))
                            .padding(4)
                            .width(Length::Fixed(110.0)),
                    )
                    .push(
                        button(text(fl!("reviews-expire")).size(13))
                            .style(button::secondary)
                            .on_press(Message::Decide(id, ReviewDecision::Expire)),
                    );
            }
            let mut cell = column![line].spacing(2);
            if open.conflicts.contains(&id) {
                cell = cell.push(
                    text(fl!("reviews-conflict"))
                        .size(12)
                        .style(theme::error_text),
                );
            }
            cell.into()
        });
        page.push(Column::with_children(items).spacing(8)).into()
    }

    /// Decisions not sent yet (with "Send decisions"), conflicts side by
    /// side, and refusals to dismiss; nothing when the outbox is empty.
    fn outbox_view(&self) -> Option<Element<'_, Message>> {
        if self.outbox.is_empty() {
            return None;
        }
        let mut page = column![].spacing(8);
        let unsent = self.outbox.unsent();
        if unsent > 0 {
            let label = if self.sending {
                fl!("reviews-sending")
            } else {
                fl!("reviews-send")
            };
            page = page.push(
                row![
                    text(fl!("reviews-unsent", count = unsent)).size(14),
                    button(text(label).size(13))
                        .style(button::primary)
                        .on_press_maybe((!self.sending).then_some(Message::Send)),
                ]
                .spacing(12)
                .align_y(Alignment::Center),
            );
        }
        for entry in &self.outbox.entries {
            match &entry.state {
                PendingState::NotSent => {}
                PendingState::Conflict { theirs } => {
                    page = page.push(self.conflict_view(entry, theirs));
                }
                PendingState::Refused { why } => {
                    let why = match why {
                        Refusal::Completed => fl!("reviews-refused-completed"),
                        Refusal::Gone => fl!("reviews-refused-gone"),
                        Refusal::Invalid => fl!("reviews-refused-invalid"),
                    };
                    page = page.push(
                        row![
                            text(format!(
                                "{} — {why}",
                                decision_words(entry.decision, entry.expires_at)
                            ))
                            .size(13)
                            .style(theme::error_text)
                            .width(Length::Fill),
                            button(text(fl!("reviews-dismiss")).size(13))
                                .style(button::secondary)
                                .on_press(Message::KeepTheirs(entry.item_id)),
                        ]
                        .spacing(8)
                        .align_y(Alignment::Center),
                    );
                }
            }
        }
        Some(
            container(page)
                .padding(10)
                .style(theme::card)
                .width(Length::Fill)
                .into(),
        )
    }

    /// One conflict: the item, their decision beside mine, and the choice.
    fn conflict_view<'a>(
        &'a self,
        mine: &'a Pending,
        theirs: &'a orgdesk_api::ReviewItem,
    ) -> Element<'a, Message> {
        let their_words = match &theirs.decision {
            Some(d) => fl!(
                "reviews-decided-at",
                decision = decision_words(d.decision, d.expires_at),
                time = crate::screen::short_time(d.decided_at)
            ),
            None => fl!("reviews-undecided"),
        };
        let my_words = fl!(
            "reviews-decided-at",
            decision = decision_words(mine.decision, mine.expires_at),
            time = crate::screen::short_time(mine.decided_at)
        );
        let side = |title: String, words: String| {
            column![
                text(title).size(12).style(theme::muted_text),
                text(words).size(14),
            ]
            .spacing(2)
            .width(Length::FillPortion(1))
        };
        let busy = self.sending;
        column![
            text(fl!(
                "reviews-conflict-title",
                name = theirs.name.clone(),
                email = theirs.email.clone(),
                group = theirs.group.name.clone()
            ))
            .size(14)
            .style(theme::error_text),
            row![
                side(fl!("reviews-theirs"), their_words),
                side(fl!("reviews-mine"), my_words),
            ]
            .spacing(16),
            row![
                button(text(fl!("reviews-use-mine")).size(13))
                    .style(button::primary)
                    .on_press_maybe((!busy).then_some(Message::UseMine(mine.item_id))),
                button(text(fl!("reviews-keep-theirs")).size(13))
                    .style(button::secondary)
                    .on_press_maybe((!busy).then_some(Message::KeepTheirs(mine.item_id))),
            ]
            .spacing(8),
        ]
        .spacing(6)
        .into()
    }
}

/// "Revoke", "Expires 2027-03-01".
pub(super) fn decision_words(
    decision: ReviewDecision,
    expires_at: Option<OffsetDateTime>,
) -> String {
    match decision {
        ReviewDecision::Keep => fl!("reviews-keep"),
        ReviewDecision::Revoke => fl!("reviews-revoke"),
        ReviewDecision::Expire => fl!(
            "reviews-expire-on",
            date = expires_at
                .map(crate::screen::expiry::date)
                .unwrap_or_default()
        ),
    }
}
