//! The members table: its columns (sized, hidden and ordered by the person,
//! see [`crate::widget::columns`]), only the rows in view, and a row's
//! context menu.

use iced::widget::{container, mouse_area, scrollable};
use iced::{Element, Length, Point};
use orgdesk_api::{MemberSort, MembershipStatus};

use super::{Members, Message, RowAct};
use crate::fl;
use crate::theme;
use crate::widget::columns::{self, Column};
use crate::widget::icon::{self, Icon};
use crate::widget::{menu, table};

/// The table's name in the settings file.
pub const NAME: &str = "members";

/// The columns of the members table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberColumn {
    Name,
    Email,
    Status,
    Groups,
    Joined,
    LastLogin,
}

impl Column for MemberColumn {
    const ALL: &'static [Self] = &[
        MemberColumn::Name,
        MemberColumn::Email,
        MemberColumn::Status,
        MemberColumn::Groups,
        MemberColumn::Joined,
        MemberColumn::LastLogin,
    ];

    fn key(self) -> &'static str {
        match self {
            MemberColumn::Name => "name",
            MemberColumn::Email => "email",
            MemberColumn::Status => "status",
            MemberColumn::Groups => "groups",
            MemberColumn::Joined => "joined",
            MemberColumn::LastLogin => "last_login",
        }
    }

    fn label(self) -> String {
        match self {
            MemberColumn::Name => fl!("members-col-name"),
            MemberColumn::Email => fl!("members-col-email"),
            MemberColumn::Status => fl!("members-col-status"),
            MemberColumn::Groups => fl!("members-col-groups"),
            MemberColumn::Joined => fl!("members-col-joined"),
            MemberColumn::LastLogin => fl!("members-col-last-login"),
        }
    }

    fn width(self) -> f32 {
        match self {
            MemberColumn::Name => 190.0,
            MemberColumn::Email => 240.0,
            MemberColumn::Status => 120.0,
            MemberColumn::Groups => 200.0,
            MemberColumn::Joined => 110.0,
            MemberColumn::LastLogin => 170.0,
        }
    }
}

impl MemberColumn {
    /// The platform's sort for this column, where it sorts.
    pub fn sort(self) -> Option<MemberSort> {
        match self {
            MemberColumn::Name => Some(MemberSort::Name),
            MemberColumn::Email => Some(MemberSort::Email),
            MemberColumn::Joined => Some(MemberSort::JoinedAt),
            _ => None,
        }
    }
}

impl Members {
    pub(super) fn header(&self) -> Element<'_, Message> {
        let sorted = MemberColumn::ALL
            .iter()
            .find(|c| c.sort() == Some(self.sort))
            .map(|&c| (c, self.desc));
        self.columns.header(
            sorted,
            |c: MemberColumn| c.sort().map(Message::SortBy),
            Message::Columns,
        )
    }

    pub(super) fn table(&self) -> Element<'_, Message> {
        let rows = self.list.rows();
        let body = table::body(rows.len(), self.list.window(), |index| self.row(index));
        let body = scrollable(body)
            .on_scroll(Message::Scrolled)
            .height(Length::Fill);
        let table = self
            .columns
            .table(self.header(), body.into(), 0.0, Message::Columns);
        let Some((index, member)) = self.menu.zip(self.menu_row()) else {
            return table;
        };
        let acts = RowAct::offered(member, self.cached.is_some());
        // Under the row, or over it in the lower half of the view.
        let window = self.list.window();
        let shown = index.saturating_sub(window.first) as f32;
        let menu_height = acts.len() as f32 * 31.0 + 8.0;
        let y = if shown > window.visible as f32 / 2.0 {
            (shown * theme::ROW_HEIGHT - menu_height).max(0.0)
        } else {
            (shown + 1.0) * theme::ROW_HEIGHT
        };
        let entries = acts
            .into_iter()
            .map(|act| menu::Entry::new(act.icon(), act.label(), Message::Chose(act)))
            .collect();
        menu::over(
            table,
            menu::card(entries),
            menu::Anchor::At(Point::new(160.0, y)),
            Message::CloseMenu,
        )
    }

    fn row(&self, index: usize) -> Element<'_, Message> {
        let member = &self.list.rows()[index];
        let line = self.columns.row(|column, width| match column {
            MemberColumn::Name => columns::cell(member.name.clone(), width),
            MemberColumn::Email => columns::cell(member.email.clone(), width),
            MemberColumn::Status => {
                let status = match member.status {
                    MembershipStatus::Active => fl!("status-active"),
                    MembershipStatus::Suspended => fl!("status-suspended"),
                };
                columns::cell_with(
                    icon::status(Icon::of_member(member.status), status.clone()),
                    &status,
                    width,
                )
            }
            MemberColumn::Groups => {
                let groups = member
                    .groups
                    .iter()
                    .map(|g| g.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                columns::cell(groups, width)
            }
            MemberColumn::Joined => columns::cell(crate::locale::date(member.joined_at), width),
            MemberColumn::LastLogin => columns::cell(
                member
                    .last_login_at
                    .map_or_else(|| fl!("members-never"), crate::screen::short_time),
                width,
            ),
        });
        let styled = container(line)
            .width(Length::Fill)
            .height(Length::Fixed(theme::ROW_HEIGHT))
            .align_y(iced::Alignment::Center)
            .style(theme::table_row(
                self.selection.contains(index),
                index % 2 == 1,
            ));
        mouse_area(styled)
            .on_press(Message::RowClicked(index))
            .on_right_press(Message::RowMenu(index))
            .on_double_click(Message::RowOpened(member.id))
            .into()
    }
}
