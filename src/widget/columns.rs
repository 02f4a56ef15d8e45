//! A table's columns as the person arranges them: widths dragged at the
//! header's edges, columns hidden and moved from the column menu (a right
//! click on the header or its ⋮ button), "Reset columns", sort indicators,
//! and cells that show their full text in a tooltip when it is cut off.
//!
//! A screen names its columns with an enum implementing [`Column`], keeps a
//! [`Columns`] and routes [`Change`]s to it; when [`Columns::update`] says so
//! it hands [`Columns::saved`] up to be written to the settings file, and a
//! new screen starts from [`Columns::new`] with what was saved.

use crate::widget::focus::button;
use crate::widget::focus::{Kind, focusable};
use iced::widget::text::Wrapping;
use iced::widget::tooltip::Position;
use iced::widget::{
    Space, checkbox, column, container, mouse_area, row, scrollable, text, tooltip,
};
use iced::{Alignment, Element, Length, Point, mouse};

use crate::fl;
use crate::settings::{ColumnSetting, TableColumns};
use crate::theme;
use crate::widget::icon::{self, Icon};
use crate::widget::menu;

/// No column gets narrower than this by dragging.
pub const MIN_WIDTH: f32 = 48.0;
/// Text size of cells and headers.
pub const TEXT_SIZE: f32 = 13.0;
/// Space left and right of a cell's text.
const CELL_PADDING: f32 = 10.0;
/// How much the column menu's Narrower and Wider change a width.
const WIDTH_STEP: f32 = 24.0;
/// The draggable edge at the right of each header cell.
const HANDLE_WIDTH: f32 = 6.0;
/// Height of the header row (the column menu opens under it).
const HEADER_HEIGHT: f32 = 30.0;
/// Room for the column menu's ⋮ button at the header's end.
const MENU_BUTTON_WIDTH: f32 = 36.0;

/// The columns a table can show, in their default order.
pub trait Column: Copy + Eq + std::fmt::Debug + 'static {
    /// Every column, in the default order.
    const ALL: &'static [Self];
    /// The name in the settings file; stable across versions.
    fn key(self) -> &'static str;
    /// The header, in words.
    fn label(self) -> String;
    /// The default width, in logical pixels.
    fn width(self) -> f32;
}

/// A change to the columns, from the header or the column menu.
#[derive(Debug, Clone, PartialEq)]
pub enum Change<C> {
    /// The mouse went down on the right edge of `C`'s header.
    StartResize(C),
    /// The mouse moved to `x` over the table (from its left edge).
    Drag(f32),
    /// The mouse went up (or left the table): the drag ends.
    EndResize,
    /// A width set directly: the column menu's Narrower and Wider, which
    /// resize from the keyboard what the mouse drags.
    SetWidth(C, f32),
    ToggleMenu,
    CloseMenu,
    /// Show or hide a column (the last one shown stays).
    Toggle(C),
    MoveLeft(C),
    MoveRight(C),
    /// Back to the default order, widths, and every column shown.
    Reset,
}

/// One column as arranged now.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Placed<C> {
    column: C,
    width: f32,
    hidden: bool,
}

/// The columns of one table, in the order shown.
#[derive(Debug, Clone)]
pub struct Columns<C: Column> {
    placed: Vec<Placed<C>>,
    menu: bool,
    resizing: Option<C>,
}

impl<C: Column> Default for Columns<C> {
    fn default() -> Self {
        Self::new(None)
    }
}

impl<C: Column> Columns<C> {
    /// The columns as `saved`, or the defaults. Saved keys this version does
    /// not know are ignored; columns missing from `saved` are shown at their
    /// default place.
    pub fn new(saved: Option<&TableColumns>) -> Self {
        let mut placed: Vec<Placed<C>> = Vec::with_capacity(C::ALL.len());
        for setting in saved.map(|s| s.columns.as_slice()).unwrap_or_default() {
            let Some(&column) = C::ALL.iter().find(|c| c.key() == setting.key) else {
                continue;
            };
            if placed.iter().any(|p| p.column == column) {
                continue;
            }
            placed.push(Placed {
                column,
                width: setting
                    .width
                    .map_or(column.width(), |w| (w as f32).max(MIN_WIDTH)),
                hidden: setting.hidden,
            });
        }
        for (index, &column) in C::ALL.iter().enumerate() {
            if placed.iter().any(|p| p.column == column) {
                continue;
            }
            // After the column that precedes it by default, if that one is placed.
            let at = C::ALL[..index]
                .iter()
                .rev()
                .find_map(|before| placed.iter().position(|p| p.column == *before))
                .map_or(0, |i| i + 1);
            placed.insert(
                at,
                Placed {
                    column,
                    width: column.width(),
                    hidden: false,
                },
            );
        }
        if placed.iter().all(|p| p.hidden)
            && let Some(first) = placed.first_mut()
        {
            first.hidden = false;
        }
        Self {
            placed,
            menu: false,
            resizing: None,
        }
    }

    /// Applies `change`; true when the arrangement changed in a way worth
    /// saving (a drag is saved once, when it ends).
    pub fn update(&mut self, change: Change<C>) -> bool {
        match change {
            Change::StartResize(column) => {
                self.resizing = Some(column);
                false
            }
            Change::Drag(x) => {
                if let Some(column) = self.resizing {
                    let left = self.left_of(column);
                    self.set_width(column, x - left);
                }
                false
            }
            Change::EndResize => self.resizing.take().is_some(),
            Change::SetWidth(column, width) => {
                self.set_width(column, width);
                true
            }
            Change::ToggleMenu => {
                self.menu = !self.menu;
                false
            }
            Change::CloseMenu => {
                self.menu = false;
                false
            }
            Change::Toggle(column) => self.toggle(column),
            Change::MoveLeft(column) => self.step(column, -1),
            Change::MoveRight(column) => self.step(column, 1),
            Change::Reset => {
                *self = Self {
                    menu: self.menu,
                    ..Self::new(None)
                };
                true
            }
        }
    }

    /// What the settings file keeps for this table.
    pub fn saved(&self) -> TableColumns {
        TableColumns {
            columns: self
                .placed
                .iter()
                .map(|p| ColumnSetting {
                    key: p.column.key().to_string(),
                    hidden: p.hidden,
                    width: (p.width != p.column.width()).then(|| p.width.round() as u32),
                })
                .collect(),
        }
    }

    /// The columns shown, left to right, with their widths.
    pub fn visible(&self) -> impl Iterator<Item = (C, f32)> + '_ {
        self.placed
            .iter()
            .filter(|p| !p.hidden)
            .map(|p| (p.column, p.width))
    }

    /// Every column in the order arranged, shown or not.
    pub fn order(&self) -> Vec<C> {
        self.placed.iter().map(|p| p.column).collect()
    }

    pub fn is_shown(&self, column: C) -> bool {
        self.placed.iter().any(|p| p.column == column && !p.hidden)
    }

    pub fn width(&self, column: C) -> f32 {
        self.placed
            .iter()
            .find(|p| p.column == column)
            .map_or(column.width(), |p| p.width)
    }

    pub fn menu_is_open(&self) -> bool {
        self.menu
    }

    /// Esc: closes the column menu (or ends a drag); false when neither was on.
    pub fn escape(&mut self) -> bool {
        let was = self.menu || self.resizing.is_some();
        self.menu = false;
        self.resizing = None;
        was
    }

    fn left_of(&self, column: C) -> f32 {
        self.visible()
            .take_while(|(c, _)| *c != column)
            .map(|(_, w)| w)
            .sum()
    }

    fn set_width(&mut self, column: C, width: f32) {
        if let Some(placed) = self.placed.iter_mut().find(|p| p.column == column) {
            placed.width = width.max(MIN_WIDTH).round();
        }
    }

    fn toggle(&mut self, column: C) -> bool {
        let shown = self.visible().count();
        let Some(placed) = self.placed.iter_mut().find(|p| p.column == column) else {
            return false;
        };
        if !placed.hidden && shown <= 1 {
            return false;
        }
        placed.hidden = !placed.hidden;
        true
    }

    /// Moves `column` one place among the columns (shown or hidden).
    fn step(&mut self, column: C, by: isize) -> bool {
        let Some(at) = self.placed.iter().position(|p| p.column == column) else {
            return false;
        };
        let Some(to) = at
            .checked_add_signed(by)
            .filter(|&to| to < self.placed.len())
        else {
            return false;
        };
        self.placed.swap(at, to);
        true
    }

    /// The header: each shown column's label (a button when the table sorts
    /// by it, with ▲/▼ when it does), its draggable right edge, and the
    /// column menu's ⋮ button. `sorted` is the sort column and whether it
    /// descends; `on_sort` the message that sorts by a column, if it can.
    pub fn header<'a, M: Clone + 'a>(
        &'a self,
        sorted: Option<(C, bool)>,
        on_sort: impl Fn(C) -> Option<M>,
        wrap: fn(Change<C>) -> M,
    ) -> Element<'a, M> {
        let mut line = row![].align_y(Alignment::Center);
        for (column, width) in self.visible() {
            let mut label = row![
                text(column.label())
                    .size(TEXT_SIZE)
                    .wrapping(Wrapping::None)
            ]
            .spacing(4)
            .align_y(Alignment::Center);
            if let Some((by, descending)) = sorted
                && by == column
            {
                let arrow = if descending {
                    Icon::SortDescending
                } else {
                    Icon::SortAscending
                };
                label = label.push(icon::icon(arrow).size(12));
            }
            let label: Element<'a, M> = match on_sort(column) {
                Some(message) => button(label)
                    .style(button::text)
                    .padding([5, 10])
                    .width(Length::Fill)
                    .on_press(message)
                    .into(),
                None => container(label).padding([5, 10]).width(Length::Fill).into(),
            };
            let line_mark = container(Space::new())
                .width(Length::Fixed(1.0))
                .height(Length::Fill)
                .style(theme::column_edge);
            let edge = mouse_area(
                container(line_mark)
                    .center_x(Length::Fixed(HANDLE_WIDTH))
                    .height(Length::Fixed(HEADER_HEIGHT - 8.0)),
            )
            .on_press(wrap(Change::StartResize(column)))
            .interaction(mouse::Interaction::ResizingHorizontally);
            line = line.push(
                container(row![label, edge].align_y(Alignment::Center))
                    .width(Length::Fixed(width))
                    .height(Length::Fixed(HEADER_HEIGHT))
                    .align_y(Alignment::Center)
                    .clip(true),
            );
        }
        let menu_button = button(icon::icon(Icon::ColumnsMenu).size(14))
            .style(button::text)
            .padding([4, 8])
            .on_press(wrap(Change::ToggleMenu));
        let line = line.push(Space::new().width(Length::Fill)).push(tooltip(
            menu_button,
            container(text(fl!("columns-menu")).size(12))
                .padding(6)
                .style(theme::card),
            Position::Left,
        ));
        mouse_area(container(line).style(theme::table_header))
            .on_right_press(wrap(Change::ToggleMenu))
            .into()
    }

    /// One row's cells for the shown columns, each `cell(column, width)`.
    pub fn row<'a, M: 'a>(
        &self,
        mut cell: impl FnMut(C, f32) -> Element<'a, M>,
    ) -> iced::widget::Row<'a, M> {
        self.visible()
            .fold(row![].align_y(Alignment::Center), |line, (c, w)| {
                line.push(cell(c, w))
            })
    }

    /// `header` over `body`, as wide as the shown columns and `extra` (a
    /// fixed column after them), scrolling sideways when the view is
    /// narrower: while a column's edge is dragged the mouse anywhere over
    /// the table sets its width; the column menu opens over it.
    pub fn table<'a, M: Clone + 'a>(
        &'a self,
        header: Element<'a, M>,
        body: Element<'a, M>,
        extra: f32,
        wrap: fn(Change<C>) -> M,
    ) -> Element<'a, M> {
        let width: f32 = self.visible().map(|(_, w)| w).sum::<f32>() + extra + MENU_BUTTON_WIDTH;
        let mut area = mouse_area(
            container(column![header, body])
                .width(Length::Fixed(width))
                .height(Length::Fill),
        );
        if self.resizing.is_some() {
            area = area
                .on_move(move |point: Point| wrap(Change::Drag(point.x)))
                .on_release(wrap(Change::EndResize))
                .on_exit(wrap(Change::EndResize))
                .interaction(mouse::Interaction::ResizingHorizontally);
        }
        let table = scrollable(area)
            .horizontal()
            .width(Length::Fill)
            .height(Length::Fill);
        if !self.menu {
            return table.into();
        }
        menu::over(
            table,
            self.menu_card(wrap),
            menu::Anchor::TopRight {
                top: HEADER_HEIGHT,
                right: 0.0,
            },
            wrap(Change::CloseMenu),
        )
    }

    /// The column menu: a checkbox per column, move left / right, Reset.
    fn menu_card<'a, M: Clone + 'a>(&self, wrap: fn(Change<C>) -> M) -> Element<'a, M> {
        let last = self.placed.len().saturating_sub(1);
        let mut list =
            column![text(fl!("columns-menu")).size(13).style(theme::muted_text)].spacing(2);
        for (index, placed) in self.placed.iter().enumerate() {
            let column = placed.column;
            let arrow = |which: Icon, enabled: bool, change: Change<C>| {
                button(icon::icon(which).size(13))
                    .style(button::text)
                    .padding([2, 6])
                    .on_press_maybe(enabled.then(|| wrap(change)))
            };
            list = list.push(
                row![
                    focusable(
                        checkbox(!placed.hidden)
                            .label(column.label())
                            .text_size(TEXT_SIZE)
                            .on_toggle(move |_| wrap(Change::Toggle(column)))
                            .width(Length::Fill),
                        Kind::Press,
                    ),
                    tooltip(
                        arrow(Icon::MoveLeft, index > 0, Change::MoveLeft(column)),
                        container(text(fl!("columns-move-left")).size(12))
                            .padding(6)
                            .style(theme::card),
                        Position::Top,
                    ),
                    tooltip(
                        arrow(Icon::MoveRight, index < last, Change::MoveRight(column)),
                        container(text(fl!("columns-move-right")).size(12))
                            .padding(6)
                            .style(theme::card),
                        Position::Top,
                    ),
                    tooltip(
                        arrow(
                            Icon::Narrower,
                            !placed.hidden,
                            Change::SetWidth(column, placed.width - WIDTH_STEP)
                        ),
                        container(text(fl!("columns-narrower")).size(12))
                            .padding(6)
                            .style(theme::card),
                        Position::Top,
                    ),
                    tooltip(
                        arrow(
                            Icon::Wider,
                            !placed.hidden,
                            Change::SetWidth(column, placed.width + WIDTH_STEP)
                        ),
                        container(text(fl!("columns-wider")).size(12))
                            .padding(6)
                            .style(theme::card),
                        Position::Top,
                    ),
                ]
                .spacing(2)
                .align_y(Alignment::Center),
            );
        }
        list = list.push(
            button(icon::labelled(Icon::ResetColumns, fl!("columns-reset"), 13))
                .style(button::text)
                .padding([6, 4])
                .on_press(wrap(Change::Reset)),
        );
        container(list)
            .padding(8)
            .width(Length::Fixed(340.0))
            .style(theme::card)
            .into()
    }
}

/// A cell of `width` showing `value` on one line; when the text is wider
/// than the cell it is cut off, and hovering shows it whole in a tooltip.
pub fn cell<'a, M: 'a>(value: String, width: f32) -> Element<'a, M> {
    let truncated = is_truncated(&value, width);
    let shown = container(text(value.clone()).size(TEXT_SIZE).wrapping(Wrapping::None));
    fitted(shown, width, truncated.then_some(value))
}

/// `content` (a link, an icon with a label) in a cell of `width`; `full`
/// is its text, shown in a tooltip when it does not fit.
pub fn cell_with<'a, M: 'a>(
    content: impl Into<Element<'a, M>>,
    full: &str,
    width: f32,
) -> Element<'a, M> {
    let truncated = is_truncated(full, width);
    fitted(content, width, truncated.then(|| full.to_string()))
}

fn fitted<'a, M: 'a>(
    content: impl Into<Element<'a, M>>,
    width: f32,
    tip: Option<String>,
) -> Element<'a, M> {
    let sized = container(content)
        .padding([0.0, CELL_PADDING])
        .width(Length::Fixed(width))
        .clip(true);
    match tip {
        Some(full) => tooltip(
            sized,
            container(text(full).size(TEXT_SIZE))
                .padding(6)
                .max_width(480.0)
                .style(theme::card),
            Position::Bottom,
        )
        .into(),
        None => sized.into(),
    }
}

/// Whether `value` at the cell text size needs more room than a cell of
/// `width` gives it.
///
/// iced 0.14 neither ellipsizes nor tells a view how wide a text is drawn,
/// so this estimates with generous per-glyph widths of a proportional sans
/// face: it errs towards offering a tooltip on a text that just fits, never
/// towards withholding one from a text that is cut.
pub fn is_truncated(value: &str, width: f32) -> bool {
    estimated_width(value, TEXT_SIZE) > width - 2.0 * CELL_PADDING
}

/// An upper estimate of how wide `value` is drawn at `size`.
pub fn estimated_width(value: &str, size: f32) -> f32 {
    let ems: f32 = value
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' => 0.32,
            'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' => 0.42,
            'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.95,
            c if c.is_ascii_uppercase() => 0.72,
            c if c.is_ascii_digit() => 0.6,
            c if c.is_ascii() => 0.58,
            // Wide scripts and symbols.
            _ => 1.0,
        })
        .sum();
    ems * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Col {
        A,
        B,
        C,
    }

    impl Column for Col {
        const ALL: &'static [Self] = &[Col::A, Col::B, Col::C];
        fn key(self) -> &'static str {
            match self {
                Col::A => "a",
                Col::B => "b",
                Col::C => "c",
            }
        }
        fn label(self) -> String {
            self.key().to_uppercase()
        }
        fn width(self) -> f32 {
            100.0
        }
    }

    fn setting(key: &str, hidden: bool, width: Option<u32>) -> ColumnSetting {
        ColumnSetting {
            key: key.into(),
            hidden,
            width,
        }
    }

    #[test]
    fn saved_layouts_ignore_unknown_columns_and_place_new_ones() {
        let saved = TableColumns {
            columns: vec![
                setting("c", false, Some(250)),
                setting("gone", false, Some(90)),
                setting("a", true, None),
                setting("c", true, Some(10)),
            ],
        };
        let columns = Columns::<Col>::new(Some(&saved));
        // B was not saved: it goes after A, its default neighbour.
        assert_eq!(columns.order(), vec![Col::C, Col::A, Col::B]);
        assert_eq!(
            columns.visible().collect::<Vec<_>>(),
            vec![(Col::C, 250.0), (Col::B, 100.0)]
        );
        let again = Columns::<Col>::new(Some(&columns.saved()));
        assert_eq!(again.saved(), columns.saved());
    }

    #[test]
    fn a_drag_sets_the_width_from_the_column_edge_and_saves_once() {
        let mut columns = Columns::<Col>::default();
        assert!(!columns.update(Change::StartResize(Col::B)));
        assert!(!columns.update(Change::Drag(260.0)));
        assert_eq!(columns.width(Col::B), 160.0);
        assert!(!columns.update(Change::Drag(120.0)));
        assert_eq!(columns.width(Col::B), MIN_WIDTH, "never narrower");
        assert!(columns.update(Change::EndResize));
        assert!(!columns.update(Change::Drag(400.0)), "the drag is over");
        assert_eq!(columns.width(Col::B), MIN_WIDTH);
    }

    #[test]
    fn the_last_shown_column_stays_and_reset_restores_all() {
        let mut columns = Columns::<Col>::default();
        assert!(columns.update(Change::Toggle(Col::A)));
        assert!(columns.update(Change::Toggle(Col::B)));
        assert!(!columns.update(Change::Toggle(Col::C)), "one stays");
        assert!(columns.update(Change::MoveLeft(Col::C)));
        assert!(columns.update(Change::MoveRight(Col::A)));
        assert_eq!(columns.order(), vec![Col::C, Col::A, Col::B]);
        assert!(!columns.update(Change::MoveLeft(Col::C)), "already first");
        assert!(columns.update(Change::Reset));
        assert_eq!(columns.order(), Col::ALL.to_vec());
        assert_eq!(columns.visible().count(), 3);
        assert!(columns.saved().columns.iter().all(|c| c.width.is_none()));
    }

    #[test]
    fn long_texts_are_truncated_short_ones_not() {
        assert!(!is_truncated("Ada", 100.0));
        assert!(is_truncated(
            "a.very.long.address@subdomain.example.com",
            160.0
        ));
        assert!(!is_truncated(
            "a.very.long.address@subdomain.example.com",
            600.0
        ));
    }
}
