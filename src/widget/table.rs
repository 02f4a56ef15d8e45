//! A table that builds widgets only for the rows in view: 100,000 rows cost
//! as much as the forty on screen. The scroll area keeps the full height with
//! two spacers around the visible window.

use iced::widget::scrollable::Viewport;
use iced::widget::{Column, Space, column};
use iced::{Element, Length};

use crate::theme::ROW_HEIGHT;

/// Rows built beyond each edge of the view, so fast scrolling shows no gap.
const OVERSCAN: usize = 8;

/// Which rows are in view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub first: usize,
    pub visible: usize,
}

impl Default for Window {
    fn default() -> Self {
        Self {
            first: 0,
            visible: 40,
        }
    }
}

impl Window {
    /// The window after a scroll.
    pub fn from_viewport(viewport: &Viewport) -> Self {
        Self::from_viewport_rows(viewport, ROW_HEIGHT)
    }

    /// The window after a scroll, for rows `row_height` tall.
    pub fn from_viewport_rows(viewport: &Viewport, row_height: f32) -> Self {
        Self::from_offset_rows(
            viewport.absolute_offset().y,
            viewport.bounds().height,
            row_height,
        )
    }

    pub fn from_offset(offset_y: f32, height: f32) -> Self {
        Self::from_offset_rows(offset_y, height, ROW_HEIGHT)
    }

    fn from_offset_rows(offset_y: f32, height: f32, row_height: f32) -> Self {
        let row_height = row_height.max(1.0);
        let first = (offset_y.max(0.0) / row_height).floor() as usize;
        let visible = (height.max(0.0) / row_height).ceil() as usize + 1;
        Self { first, visible }
    }

    /// The rows to build for `total` rows: the window plus overscan, clamped.
    pub fn range(&self, total: usize) -> std::ops::Range<usize> {
        let start = self.first.saturating_sub(OVERSCAN).min(total);
        let end = (self.first + self.visible + OVERSCAN).min(total);
        start..end
    }

    /// Whether the view is near the end of what is loaded (time to fetch more).
    pub fn near_end(&self, loaded: usize) -> bool {
        self.first + self.visible + 4 * OVERSCAN >= loaded
    }
}

/// The body of a virtual table: spacer, the rows of `window`, spacer.
pub fn body<'a, Message: 'a>(
    total: usize,
    window: &Window,
    mut row: impl FnMut(usize) -> Element<'a, Message>,
) -> Column<'a, Message> {
    let range = window.range(total);
    let above = range.start as f32 * ROW_HEIGHT;
    let below = (total - range.end) as f32 * ROW_HEIGHT;
    let mut rows = column![Space::new().height(Length::Fixed(above))].width(Length::Fill);
    for index in range {
        rows = rows.push(row(index));
    }
    rows.push(Space::new().height(Length::Fixed(below)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_window_is_built() {
        let window = Window::from_offset(50_000.0 * ROW_HEIGHT, 20.0 * ROW_HEIGHT);
        assert_eq!(window.first, 50_000);
        let range = window.range(100_000);
        assert!(range.len() <= 21 + 2 * OVERSCAN, "{range:?}");
        assert_eq!(range.start, 50_000 - OVERSCAN);
        assert_eq!(Window::from_offset(0.0, 600.0).range(3), 0..3);
        assert!(Window::from_offset(0.0, 600.0).near_end(50));
        assert!(!Window::from_offset(0.0, 600.0).near_end(500));
    }
}
