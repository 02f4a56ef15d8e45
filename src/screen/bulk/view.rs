//! The dialog's card, one layout per step.

use crate::widget::focus::button;
use crate::widget::focus::{Kind, focusable};
use iced::widget::{
    Space, checkbox, column, container, progress_bar, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Length};
use orgdesk_api::{BulkResult, GroupMembership};
use uuid::Uuid;

use super::import::Problem;
use super::{Bulk, Message, Mode, Preview, Source, Step, Tab};
use crate::fl;
use crate::theme;
use crate::widget::table::{self, Window};

const WIDTH: f32 = 860.0;
const HEIGHT: f32 = 620.0;
/// Names shown before "and N more".
const NAMED: usize = 3;

impl Bulk {
    /// The dialog's card; the parent shows it with `widget::modal::modal`.
    pub fn view(&self) -> Element<'_, Message> {
        let body: Element<'_, Message> = match &self.step {
            Step::Loading => text(fl!("bulk-loading")).into(),
            Step::Failed(why) => text(why.clone()).style(theme::error_text).into(),
            Step::Choosing => self.choosing(),
            Step::PickingFile => column![
                text(fl!("bulk-csv-picking")),
                text(fl!("bulk-csv-format"))
                    .size(13)
                    .style(theme::muted_text)
            ]
            .spacing(8)
            .into(),
            Step::Reading { file, running, .. } => crate::widget::progress::bar(
                fl!("bulk-csv-reading", file = file),
                running,
                Message::CancelRead,
            ),
            Step::Reviewing => self.reviewing(),
            Step::Previewing { changes, ticks, .. } => working(
                fl!("bulk-previewing", count = super::plan::size(changes)),
                *ticks,
            ),
            Step::Preview(preview) => self.preview_card(preview),
            Step::Applying {
                preview,
                ticks,
                handle,
            } => column![
                summary(&preview.result),
                working(
                    match handle {
                        Some(_) => {
                            fl!("bulk-applying", count = super::plan::size(&preview.changes))
                        }
                        None => fl!("bulk-cancel-checking"),
                    },
                    *ticks
                )
            ]
            .spacing(12)
            .into(),
            Step::Done { result, undo } => done(result, *undo),
        };
        let mut card = column![
            text(self.title()).size(20),
            container(body).height(Length::Fill)
        ]
        .spacing(14);
        if let Some(error) = &self.error {
            card = card.push(text(error.clone()).style(theme::error_text));
        }
        card = card.push(self.footer());
        container(card)
            .padding(20)
            .width(Length::Fixed(WIDTH))
            .height(Length::Fixed(HEIGHT))
            .style(theme::card)
            .into()
    }

    fn title(&self) -> String {
        match (&self.step, &self.source) {
            (Step::Preview(p), _) | (Step::Applying { preview: p, .. }, _) if p.undo => {
                fl!("bulk-title-undo")
            }
            (Step::Previewing { undo: true, .. }, _) => fl!("bulk-title-undo"),
            (Step::Preview(_) | Step::Applying { .. }, _) => fl!("bulk-title-preview"),
            (Step::Done { undo: false, .. }, _) => fl!("bulk-title-done"),
            (Step::Done { undo: true, .. }, _) => fl!("bulk-title-undone"),
            (_, Source::Members { members, .. }) if self.extending() => {
                fl!("bulk-title-extend", count = members.len())
            }
            (
                _,
                Source::Members {
                    members,
                    mode: Mode::Add,
                    ..
                },
            ) => fl!("bulk-title-add", count = members.len()),
            (
                _,
                Source::Members {
                    members,
                    mode: Mode::Remove,
                    ..
                },
            ) => fl!("bulk-title-remove", count = members.len()),
            (
                _,
                Source::Csv {
                    file: Some(file), ..
                },
            ) => {
                fl!("bulk-title-import-file", file = file)
            }
            (_, Source::Csv { file: None, .. }) => fl!("bulk-title-import"),
        }
    }

    fn footer(&self) -> Element<'_, Message> {
        let cancel = button(text(fl!("dialog-cancel")))
            .style(button::secondary)
            .on_press(Message::Dismiss);
        let close = button(text(fl!("dialog-close")))
            .style(button::secondary)
            .on_press(Message::Dismiss);
        let primary = |label: String, message: Option<Message>| {
            button(text(label))
                .style(button::primary)
                .on_press_maybe(message)
        };
        let has_changes = super::plan::size(&self.changes()) > 0;
        let buttons: Vec<Element<'_, Message>> = match &self.step {
            Step::Loading | Step::PickingFile | Step::Reading { .. } | Step::Previewing { .. } => {
                vec![cancel.into()]
            }
            Step::Failed(_) => vec![close.into()],
            Step::Choosing => vec![
                cancel.into(),
                primary(fl!("bulk-preview"), has_changes.then_some(Message::Preview)).into(),
            ],
            Step::Reviewing => vec![
                cancel.into(),
                button(text(fl!("bulk-csv-another")))
                    .style(button::secondary)
                    .on_press(Message::ChooseFile)
                    .into(),
                primary(fl!("bulk-preview"), has_changes.then_some(Message::Preview)).into(),
            ],
            Step::Preview(preview) => {
                let label = if preview.undo {
                    fl!("bulk-apply-undo")
                } else {
                    fl!("bulk-apply")
                };
                let changes = changed(&preview.result);
                vec![
                    button(text(fl!("bulk-back")))
                        .style(button::secondary)
                        .on_press(Message::Back)
                        .into(),
                    cancel.into(),
                    primary(label, (changes > 0).then_some(Message::Apply)).into(),
                ]
            }
            Step::Applying {
                handle: Some(_), ..
            } => vec![
                button(text(fl!("progress-cancel")))
                    .style(button::secondary)
                    .on_press(Message::CancelApply)
                    .into(),
            ],
            Step::Applying { .. } => Vec::new(),
            Step::Done { result, undo } => {
                let mut buttons: Vec<Element<'_, Message>> = Vec::new();
                let undoable = !self.undo_changes(result).is_empty();
                if !undo && undoable {
                    buttons.push(
                        button(text(fl!("bulk-undo")))
                            .style(button::secondary)
                            .on_press(Message::Undo)
                            .into(),
                    );
                }
                buttons.push(primary(fl!("dialog-close"), Some(Message::Dismiss)).into());
                buttons
            }
        };
        let mut bar = row![Space::new().width(Length::Fill)].spacing(8);
        for button in buttons {
            bar = bar.push(button);
        }
        bar.into()
    }

    fn choosing(&self) -> Element<'_, Message> {
        let Source::Members {
            members,
            mode,
            picked,
            filter,
            in_group,
            until,
            theirs,
        } = &self.source
        else {
            return Space::new().into();
        };
        let hint = match mode {
            Mode::Add if theirs.is_some() => fl!("bulk-choose-extend"),
            Mode::Add => fl!("bulk-choose-add"),
            Mode::Remove => fl!("bulk-choose-remove"),
        };
        let names: Vec<&str> = members
            .iter()
            .take(NAMED)
            .filter_map(|id| self.people.get(id).map(|p| p.name.as_str()))
            .collect();
        let people = if members.len() > NAMED {
            let more: usize = members.len() - NAMED;
            fl!("bulk-people-more", names = names.join(", "), more = more)
        } else {
            names.join(", ")
        };
        let wanted = filter.trim().to_lowercase();
        let mut list = column![].spacing(6);
        let mut shown = 0;
        for group in self
            .directory
            .groups
            .iter()
            .filter(|g| wanted.is_empty() || g.name.to_lowercase().contains(&wanted))
        {
            shown += 1;
            let mut name = group.name.clone();
            if group.builtin {
                name = format!("{name} · {}", fl!("bulk-group-builtin"));
            }
            let info = fl!(
                "bulk-group-info",
                permissions = group.permissions.len(),
                members = group.member_count,
                selected = in_group.get(&group.id).copied().unwrap_or(0)
            );
            let id = group.id;
            let not_held = self.directory.not_held(group);
            let (info, style): (String, fn(&iced::Theme) -> iced::widget::text::Style) =
                if not_held.is_empty() {
                    (info, theme::muted_text)
                } else {
                    let missing = not_held.join(", ");
                    (
                        fl!("bulk-group-not-held", permissions = missing),
                        theme::error_text,
                    )
                };
            let mut choice = checkbox(picked.contains(&id))
                .label(name)
                .width(Length::FillPortion(2));
            if not_held.is_empty() {
                choice = choice.on_toggle(move |on| Message::Toggle(id, on));
            }
            list = list.push(
                row![
                    focusable(choice, Kind::Press),
                    text(info)
                        .size(12)
                        .style(style)
                        .width(Length::FillPortion(3)),
                ]
                .spacing(12)
                .align_y(Alignment::Center),
            );
        }
        if shown == 0 {
            list = list.push(text(fl!("bulk-no-groups")).style(theme::muted_text));
        }
        let mut page = column![text(hint), text(people).size(13).style(theme::muted_text)];
        if *mode == Mode::Add {
            let label = if theirs.is_some() {
                fl!("bulk-until-required")
            } else {
                fl!("bulk-until")
            };
            let mut line = row![
                text(label).size(13),
                text_input("2027-01-31", until)
                    .on_input(Message::UntilChanged)
                    .padding(6)
                    .width(Length::Fixed(140.0)),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            if !until.trim().is_empty() && self.until().is_none() {
                line = line.push(
                    text(fl!("bulk-until-bad"))
                        .size(12)
                        .style(theme::error_text),
                );
            }
            page = page.push(line);
        }
        page.push(
            text_input(&fl!("bulk-filter"), filter)
                .on_input(Message::FilterChanged)
                .padding(6),
        )
        .push(scrollable(list).height(Length::Fill))
        .spacing(10)
        .height(Length::Fill)
        .into()
    }

    fn reviewing(&self) -> Element<'_, Message> {
        let Source::Csv { rows, window, .. } = &self.source else {
            return Space::new().into();
        };
        let flagged: usize = rows.iter().filter(|r| !r.ok()).count();
        let ready: usize = rows.len() - flagged;
        let summary = fl!(
            "bulk-csv-summary",
            rows = rows.len(),
            ready = ready,
            flagged = flagged
        );
        let header = header_row(vec![
            (fl!("bulk-col-line"), 1),
            (fl!("bulk-col-email"), 4),
            (fl!("bulk-col-group"), 3),
            (fl!("bulk-col-action"), 2),
            (fl!("bulk-col-ends"), 2),
            (fl!("bulk-col-check"), 5),
        ]);
        let body = table::body(rows.len(), window, |index| {
            let checked = &rows[index];
            let verdict = if checked.ok() {
                text(fl!("bulk-row-ready"))
                    .size(13)
                    .style(theme::muted_text)
            } else {
                let words: Vec<String> = checked.problems.iter().map(problem).collect();
                text(words.join("; ")).size(13).style(theme::error_text)
            };
            let line = row![
                cell(checked.row.line.to_string(), 1),
                cell(checked.row.email.clone(), 4),
                cell(checked.row.group.clone(), 3),
                cell(checked.row.action.clone(), 2),
                cell(checked.row.expires_at.clone(), 2),
                container(verdict)
                    .padding([0, 10])
                    .width(Length::FillPortion(5))
                    .clip(true),
            ];
            table_row(line.into(), index, !checked.ok())
        });
        column![
            text(summary),
            text(fl!("bulk-csv-format"))
                .size(12)
                .style(theme::muted_text),
            header,
            scrollable(body)
                .on_scroll(Message::Scrolled)
                .height(Length::Fill),
        ]
        .spacing(8)
        .height(Length::Fill)
        .into()
    }

    fn preview_card<'a>(&'a self, preview: &'a Preview) -> Element<'a, Message> {
        let result = &preview.result;
        let changed = changed(result);
        let tab = |label: String, which: Tab| {
            button(text(label).size(13))
                .style(theme::nav_button(preview.tab == which))
                .on_press(Message::ShowTab(which))
        };
        let tabs = row![
            tab(
                fl!("bulk-tab-memberships", count = changed),
                Tab::Memberships
            ),
            tab(
                fl!("bulk-tab-impact", count = result.impact.len()),
                Tab::Impact
            ),
        ]
        .spacing(4);
        let content = match preview.tab {
            Tab::Memberships => self.memberships(result, &preview.window),
            Tab::Impact => self.impact(preview),
        };
        let note = if changed == 0 {
            fl!("bulk-nothing-changes")
        } else {
            fl!("bulk-nothing-yet")
        };
        column![
            summary(result),
            tabs,
            content,
            text(note).size(13).style(theme::muted_text),
        ]
        .spacing(10)
        .height(Length::Fill)
        .into()
    }

    fn name_of(&self, account: Uuid) -> (String, String) {
        self.people.get(&account).map_or_else(
            || (account.to_string(), String::new()),
            |p| (p.name.clone(), p.email.clone()),
        )
    }

    fn memberships<'a>(&'a self, result: &'a BulkResult, window: &Window) -> Element<'a, Message> {
        let changes: Vec<(&GroupMembership, Option<bool>)> = result
            .diff
            .added
            .iter()
            .map(|m| (m, Some(true)))
            .chain(result.diff.removed.iter().map(|m| (m, Some(false))))
            .chain(result.diff.expiry_changed.iter().map(|m| (m, None)))
            .collect();
        let header = header_row(vec![
            (fl!("bulk-col-member"), 3),
            (fl!("bulk-col-email"), 4),
            (fl!("bulk-col-group"), 3),
            (fl!("bulk-col-change"), 2),
        ]);
        let body = table::body(changes.len(), window, |index| {
            let (membership, added) = changes[index];
            let (name, email) = self.name_of(membership.account);
            let change = match added {
                Some(true) => fl!("bulk-change-add"),
                Some(false) => fl!("bulk-change-remove"),
                None => fl!("bulk-change-end"),
            };
            let line = row![
                cell(name, 3),
                cell(email, 4),
                cell(self.directory.group_name(membership.group), 3),
                cell(change, 2),
            ];
            table_row(line.into(), index, false)
        });
        column![
            header,
            scrollable(body)
                .on_scroll(Message::Scrolled)
                .height(Length::Fill)
        ]
        .height(Length::Fill)
        .into()
    }

    fn impact<'a>(&'a self, preview: &'a Preview) -> Element<'a, Message> {
        let impact = &preview.result.impact;
        if impact.is_empty() {
            return text(fl!("bulk-impact-count", count = 0)).into();
        }
        let mut tallies = column![].spacing(4);
        for tally in &preview.tallies {
            tallies = tallies.push(
                text(fl!(
                    "bulk-tally",
                    permission = tally.permission.clone(),
                    description = tally.description.clone(),
                    gained = tally.gained,
                    lost = tally.lost
                ))
                .size(13),
            );
        }
        let header = header_row(vec![
            (fl!("bulk-col-member"), 3),
            (fl!("bulk-col-gains"), 4),
            (fl!("bulk-col-loses"), 4),
        ]);
        let body = table::body(impact.len(), &preview.window, |index| {
            let member = &impact[index];
            let (mut name, _) = self.name_of(member.account);
            if member.suspended {
                name = format!("{name} · {}", fl!("bulk-suspended"));
            }
            let line = row![
                cell(name, 3),
                cell(member.gained.join(", "), 4),
                cell(member.lost.join(", "), 4),
            ];
            table_row(line.into(), index, false)
        });
        if impact.iter().any(|i| i.suspended) {
            tallies = tallies.push(
                text(fl!("bulk-suspended-note"))
                    .size(12)
                    .style(theme::muted_text),
            );
        }
        column![
            container(scrollable(tallies)).max_height(120.0),
            header,
            scrollable(body)
                .on_scroll(Message::Scrolled)
                .height(Length::Fill),
        ]
        .spacing(8)
        .height(Length::Fill)
        .into()
    }
}

/// What a dry run found, in one sentence each for memberships and permissions.
fn summary(result: &BulkResult) -> Element<'_, Message> {
    column![
        text(fl!(
            "bulk-summary",
            added = result.diff.added.len(),
            removed = result.diff.removed.len(),
            unchanged = result.diff.unchanged
        )),
        text(fl!("bulk-impact-count", count = result.impact.len())),
    ]
    .spacing(4)
    .extend(ends_changed(result).map(Element::from))
    .into()
}

/// "The end dates of 3 memberships change", when any do.
fn ends_changed<'a>(result: &BulkResult) -> Option<iced::widget::Text<'a>> {
    let count = result.diff.expiry_changed.len();
    (count > 0).then(|| text(fl!("bulk-ends-changed", count = count)))
}

/// Memberships a change set changes: added, removed, or given a new end.
fn changed(result: &BulkResult) -> usize {
    result.diff.added.len() + result.diff.removed.len() + result.diff.expiry_changed.len()
}

fn done(result: &BulkResult, undo: bool) -> Element<'_, Message> {
    let (added, removed) = (result.diff.added.len(), result.diff.removed.len());
    let what = if undo {
        fl!("bulk-undone", added = added, removed = removed)
    } else {
        fl!("bulk-done", added = added, removed = removed)
    };
    let mut lines = column![
        text(what),
        text(fl!("bulk-impact-done", count = result.impact.len())),
    ]
    .spacing(6)
    .extend(ends_changed(result).map(Element::from));
    if !undo && (added > 0 || removed > 0) {
        lines = lines.push(
            text(fl!("bulk-undo-hint"))
                .size(13)
                .style(theme::muted_text),
        );
    }
    lines.into()
}

/// A request in flight: what it does and a bar that keeps moving.
fn working(what: String, ticks: u32) -> Element<'static, Message> {
    let phase = (ticks % 20) as f32 / 19.0;
    column![
        text(what),
        progress_bar(0.0..=1.0, phase).length(Length::Fill).girth(6),
    ]
    .spacing(10)
    .into()
}

fn problem(problem: &Problem) -> String {
    match problem {
        Problem::MissingEmail => fl!("bulk-problem-missing-email"),
        Problem::MissingGroup => fl!("bulk-problem-missing-group"),
        Problem::InvalidEmail => fl!("bulk-problem-invalid-email"),
        Problem::UnknownEmail => fl!("bulk-problem-unknown-email"),
        Problem::UnknownGroup => fl!("bulk-problem-unknown-group"),
        Problem::BadAction(action) => fl!("bulk-problem-bad-action", action = action.clone()),
        Problem::Duplicate(line) => fl!("bulk-problem-duplicate", line = line.to_string()),
        Problem::Conflict(line) => fl!("bulk-problem-conflict", line = line.to_string()),
        Problem::BadEnd(written) => fl!("bulk-problem-bad-end", end = written.clone()),
        Problem::EndInPast(written) => fl!("bulk-problem-end-past", end = written.clone()),
        Problem::EndOnRemove => fl!("bulk-problem-end-on-remove"),
    }
}

fn cell<'a>(value: String, portion: u16) -> Element<'a, Message> {
    container(text(value).size(13))
        .padding([0, 10])
        .width(Length::FillPortion(portion))
        .clip(true)
        .into()
}

fn header_row<'a>(columns: Vec<(String, u16)>) -> Element<'a, Message> {
    let mut line = row![].spacing(4);
    for (label, portion) in columns {
        line = line.push(
            container(text(label).size(13))
                .padding([5, 10])
                .width(Length::FillPortion(portion)),
        );
    }
    container(line).style(theme::table_header).into()
}

fn table_row<'a>(line: Element<'a, Message>, index: usize, flagged: bool) -> Element<'a, Message> {
    container(line)
        .height(Length::Fixed(theme::ROW_HEIGHT))
        .align_y(Alignment::Center)
        .style(theme::bulk_row(flagged, index % 2 == 1))
        .into()
}
