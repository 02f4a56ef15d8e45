//! How the audit log looks: the filters, the table, the export line.

use crate::widget::focus::button;
use crate::widget::focus::{Kind, focusable};
use iced::widget::text::Wrapping;
use iced::widget::{Space, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length};

use super::filters::ActionChoice;
use super::{Audit, Export, Message, words};
use crate::fl;
use crate::remote::Shown;
use crate::theme;
use crate::widget::columns::{self, Column};
use crate::widget::{progress, table};

/// The "Copy link" column at the end of each entry.
const COPY_LINK_WIDTH: f32 = 90.0;

impl Audit {
    pub fn view(&self) -> Element<'_, Message> {
        let status_line = match self.list.shown() {
            Shown::Loading => text(fl!("audit-loading")),
            Shown::Failed(why) => text(why.to_owned()).style(theme::error_text),
            Shown::Empty => text(fl!("audit-empty")),
            Shown::Rows { shown, total, .. } => {
                text(fl!("audit-count", shown = shown, total = total))
            }
        };
        let mut page = column![self.filters()].spacing(8).padding(16);
        match &self.export {
            Export::Writing(running) => {
                page = page.push(progress::bar(
                    fl!("audit-exporting"),
                    running,
                    Message::CancelExport,
                ));
            }
            Export::Idle => {}
        }
        page.push(self.table()).push(status_line.size(12)).into()
    }

    fn filters(&self) -> Element<'_, Message> {
        let input = |placeholder: String, value: &str, on_input: fn(String) -> Message| {
            text_input(&placeholder, value)
                .on_input(on_input)
                .on_submit(Message::Apply)
                .padding(6)
                .size(13)
        };
        let problems: Vec<String> = [
            self.form.from_problem(),
            self.form.to_problem(),
            self.form.range_problem(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let exporting = self.is_exporting();
        let first = row![
            input(
                fl!("audit-actor-placeholder"),
                &self.form.actor,
                Message::ActorChanged
            )
            .width(Length::FillPortion(3)),
            focusable(
                pick_list(
                    ActionChoice::all(),
                    Some(self.form.action),
                    Message::ActionPicked
                )
                .text_size(13)
                .width(Length::FillPortion(3)),
                Kind::Choice,
            ),
            input(
                fl!("audit-target-placeholder"),
                &self.form.target,
                Message::TargetChanged
            )
            .width(Length::FillPortion(3)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        let second = row![
            text(fl!("audit-days")).size(13),
            input(
                fl!("audit-from-placeholder"),
                &self.form.from,
                Message::FromChanged
            )
            .width(Length::Fixed(150.0)),
            text("–").size(13),
            input(
                fl!("audit-to-placeholder"),
                &self.form.to,
                Message::ToChanged
            )
            .width(Length::Fixed(150.0)),
            button(text(fl!("audit-apply")).size(13))
                .style(button::primary)
                .on_press_maybe(problems.is_empty().then_some(Message::Apply)),
            button(text(fl!("audit-clear")).size(13))
                .style(button::secondary)
                .on_press(Message::Clear),
            Space::new().width(Length::Fill),
            button(
                text(if exporting {
                    fl!("audit-exporting")
                } else {
                    fl!("audit-export")
                })
                .size(13)
            )
            .style(button::secondary)
            .on_press_maybe((!exporting).then_some(Message::Export)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        let mut form = column![first, second].spacing(6);
        for problem in problems {
            form = form.push(text(problem).size(12).style(theme::error_text));
        }
        form.into()
    }

    fn table(&self) -> Element<'_, Message> {
        let rows = self.list.rows().len();
        let body = table::body(rows, self.list.window(), |index| self.row(index));
        let body = scrollable(body)
            .on_scroll(Message::Scrolled)
            .height(Length::Fill);
        // Newest first, always: the time column says so.
        let header =
            self.columns
                .header(Some((AuditColumn::Time, true)), |_| None, Message::Columns);
        self.columns
            .table(header, body.into(), COPY_LINK_WIDTH, Message::Columns)
    }

    fn row(&self, index: usize) -> Element<'_, Message> {
        let entry = &self.list.rows()[index];
        // Actor and target narrow the log to themselves when clicked.
        let link = |value: String, width: f32, on_press: Option<Message>| {
            columns::cell_with(
                button(text(value.clone()).size(13).wrapping(Wrapping::None))
                    .style(button::text)
                    .padding(0)
                    .on_press_maybe(on_press),
                &value,
                width,
            )
        };
        let actor = entry
            .actor_email
            .clone()
            .or_else(|| entry.actor.map(|id| id.to_string()));
        let line = self
            .columns
            .row(|column, width| match column {
                AuditColumn::Time => {
                    columns::cell(crate::screen::short_time(entry.created_at), width)
                }
                AuditColumn::Actor => link(
                    words::actor(entry),
                    width,
                    actor.clone().map(Message::FilterActor),
                ),
                AuditColumn::Action => columns::cell(words::action(&entry.action), width),
                AuditColumn::Target => link(
                    words::target(entry, &self.names),
                    width,
                    entry.target_id.clone().map(Message::FilterTarget),
                ),
                AuditColumn::Details => columns::cell(words::details(entry, &self.names), width),
                AuditColumn::From => columns::cell(entry.ip.clone().unwrap_or_default(), width),
            })
            .push(
                container(
                    button(text(fl!("link-copy")).size(12))
                        .style(button::text)
                        .padding(0)
                        .on_press(Message::CopyLink(entry.id)),
                )
                .width(Length::Fixed(COPY_LINK_WIDTH))
                .clip(true),
            );
        container(line)
            .width(Length::Fill)
            .height(Length::Fixed(theme::ROW_HEIGHT))
            .align_y(iced::Alignment::Center)
            .style(theme::table_row(false, index % 2 == 1))
            .into()
    }
}

/// The table's name in the settings file.
pub const NAME: &str = "audit";

/// The columns of the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditColumn {
    Time,
    Actor,
    Action,
    Target,
    Details,
    From,
}

impl Column for AuditColumn {
    const ALL: &'static [Self] = &[
        AuditColumn::Time,
        AuditColumn::Actor,
        AuditColumn::Action,
        AuditColumn::Target,
        AuditColumn::Details,
        AuditColumn::From,
    ];

    fn key(self) -> &'static str {
        match self {
            AuditColumn::Time => "time",
            AuditColumn::Actor => "actor",
            AuditColumn::Action => "action",
            AuditColumn::Target => "target",
            AuditColumn::Details => "details",
            AuditColumn::From => "from",
        }
    }

    fn label(self) -> String {
        match self {
            AuditColumn::Time => fl!("audit-col-time"),
            AuditColumn::Actor => fl!("audit-col-actor"),
            AuditColumn::Action => fl!("audit-col-action"),
            AuditColumn::Target => fl!("audit-col-target"),
            AuditColumn::Details => fl!("audit-col-details"),
            AuditColumn::From => fl!("audit-col-from"),
        }
    }

    fn width(self) -> f32 {
        match self {
            AuditColumn::Time => 120.0,
            AuditColumn::Actor => 160.0,
            AuditColumn::Action => 150.0,
            AuditColumn::Target => 160.0,
            AuditColumn::Details => 200.0,
            AuditColumn::From => 100.0,
        }
    }
}
