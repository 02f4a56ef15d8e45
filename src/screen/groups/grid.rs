//! A grid with sticky headers: the column headers stay while the body
//! scrolls down, the row labels stay while it scrolls sideways. Three
//! scrollables (header, labels, body) are kept at one offset: whichever one
//! moves, the others are told to follow with `scroll_to` operations.

use iced::widget::operation::{self, AbsoluteOffset};
use iced::widget::scrollable::{Direction, Scrollbar, Viewport};
use iced::widget::{Column, Id, Space, column, container, row, scrollable, text, tooltip};
use iced::{Element, Length, Task};
use orgdesk_api::PermissionInfo;

use super::perms::{self, Permissions};
use crate::theme;
use crate::widget::table::Window;

/// Width of one permission column.
pub const CELL_WIDTH: f32 = 112.0;
/// Width of the sticky row labels.
pub const LABEL_WIDTH: f32 = 230.0;
/// Height of the product band above the column headers.
pub const BAND_HEIGHT: f32 = 24.0;
/// Height of the column headers under the band.
pub const HEAD_HEIGHT: f32 = 52.0;
/// Room for the body's scrollbars, so the header and labels can always
/// scroll as far as the body does.
const SCROLLBAR_ROOM: f32 = 24.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Header,
    Labels,
    Body,
}

#[derive(Debug, Clone)]
pub struct Grid {
    header: Id,
    labels: Id,
    body: Id,
    offset: AbsoluteOffset,
    /// The body's visible height, as last reported.
    height: f32,
}

impl Grid {
    /// `name` keeps the ids of two grids on one screen apart.
    pub fn new(name: &str) -> Self {
        Self {
            header: Id::from(format!("{name}-header")),
            labels: Id::from(format!("{name}-labels")),
            body: Id::from(format!("{name}-body")),
            offset: AbsoluteOffset { x: 0.0, y: 0.0 },
            height: Window::default().visible as f32 * theme::ROW_HEIGHT,
        }
    }

    /// The rows in view: only they are built, so a matrix of hundreds of
    /// groups stays as quick as one of ten.
    pub fn window(&self) -> Window {
        Window::from_offset(self.offset.y, self.height)
    }

    pub fn offset(&self) -> AbsoluteOffset {
        self.offset
    }

    /// One pane moved: the other two follow. Reports that only repeat the
    /// offset we asked for end the exchange.
    pub fn scrolled<T: Send + 'static>(&mut self, pane: Pane, viewport: &Viewport) -> Task<T> {
        let moved = viewport.absolute_offset();
        if pane != Pane::Header {
            self.height = viewport.bounds().height;
        }
        let next = match pane {
            Pane::Header => AbsoluteOffset {
                x: moved.x,
                y: self.offset.y,
            },
            Pane::Labels => AbsoluteOffset {
                x: self.offset.x,
                y: moved.y,
            },
            Pane::Body => moved,
        };
        let same = |a: f32, b: f32| (a - b).abs() < 0.5;
        if same(next.x, self.offset.x) && same(next.y, self.offset.y) {
            return Task::none();
        }
        self.offset = next;
        let x = AbsoluteOffset {
            x: Some(next.x),
            y: None,
        };
        let y = AbsoluteOffset {
            x: None,
            y: Some(next.y),
        };
        match pane {
            Pane::Header => operation::scroll_to(self.body.clone(), x),
            Pane::Labels => operation::scroll_to(self.body.clone(), y),
            Pane::Body => Task::batch([
                operation::scroll_to(self.header.clone(), x),
                operation::scroll_to(self.labels.clone(), y),
            ]),
        }
    }

    /// The grid: `corner` above the labels, `header` (all columns, as wide
    /// as a body row) above `body`; `labels` and `body` rows of equal height.
    pub fn view<'a, Message: Clone + 'a>(
        &self,
        corner: Element<'a, Message>,
        header: Element<'a, Message>,
        labels: Element<'a, Message>,
        body: Element<'a, Message>,
        on_scroll: fn(Pane, Viewport) -> Message,
    ) -> Element<'a, Message> {
        let head_height = Length::Fixed(BAND_HEIGHT + HEAD_HEIGHT);
        let header = scrollable(row![
            header,
            Space::new().width(Length::Fixed(SCROLLBAR_ROOM))
        ])
        .id(self.header.clone())
        .direction(Direction::Horizontal(Scrollbar::hidden()))
        .on_scroll(move |v| on_scroll(Pane::Header, v))
        .width(Length::Fill)
        .height(head_height);
        let labels = scrollable(column![
            labels,
            Space::new().height(Length::Fixed(SCROLLBAR_ROOM))
        ])
        .id(self.labels.clone())
        .direction(Direction::Vertical(Scrollbar::hidden()))
        .on_scroll(move |v| on_scroll(Pane::Labels, v))
        .width(Length::Fixed(LABEL_WIDTH))
        .height(Length::Fill);
        let body = scrollable(body)
            .id(self.body.clone())
            .direction(Direction::Both {
                vertical: Scrollbar::new(),
                horizontal: Scrollbar::new(),
            })
            .on_scroll(move |v| on_scroll(Pane::Body, v))
            .width(Length::Fill)
            .height(Length::Fill);
        column![
            row![
                container(corner)
                    .width(Length::Fixed(LABEL_WIDTH))
                    .height(head_height),
                header
            ],
            row![labels, body].height(Length::Fill),
        ]
        .into()
    }
}

/// The product band and the permission headings over the columns, in the
/// order of [`perms::sections`]; a heading's tooltip tells what it allows.
pub fn permission_headers<'a, Message: 'a>(
    infos: &'a [PermissionInfo],
    names: &Permissions,
) -> Element<'a, Message> {
    let mut band = row![];
    let mut heads = row![];
    for (product, columns) in perms::sections(infos) {
        band = band.push(
            container(text(names.product_name(product)).size(12))
                .padding([0, 6])
                .width(Length::Fixed(CELL_WIDTH * columns.len() as f32))
                .height(Length::Fixed(BAND_HEIGHT))
                .align_y(iced::Alignment::Center)
                .clip(true)
                .style(theme::product_band),
        );
        for column in columns {
            let info = &infos[column];
            let head = container(
                text(perms::short_key(info))
                    .size(11)
                    .wrapping(iced::widget::text::Wrapping::WordOrGlyph),
            )
            .padding([2, 4])
            .width(Length::Fixed(CELL_WIDTH))
            .height(Length::Fixed(HEAD_HEIGHT))
            .align_y(iced::alignment::Vertical::Bottom)
            .clip(true)
            .style(theme::table_header);
            heads = heads.push(tooltip(
                head,
                container(text(format!("{}\n{}", info.description, info.key)).size(12))
                    .padding(6)
                    .style(theme::card),
                tooltip::Position::Bottom,
            ));
        }
    }
    column![band, heads].into()
}

/// The rows of `window` out of `total`, between spacers that keep the full
/// height (the labels and the body take the same window, so they line up).
pub fn rows<'a, Message: 'a>(
    total: usize,
    window: &Window,
    mut row: impl FnMut(usize) -> Element<'a, Message>,
) -> Column<'a, Message> {
    let range = window.range(total);
    let above = range.start as f32 * theme::ROW_HEIGHT;
    let below = (total - range.end) as f32 * theme::ROW_HEIGHT;
    let mut rows = column![Space::new().height(Length::Fixed(above))];
    for index in range {
        rows = rows.push(row(index));
    }
    rows.push(Space::new().height(Length::Fixed(below)))
}
