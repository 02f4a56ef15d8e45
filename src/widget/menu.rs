//! Menus that open over the page: the profile menu under its button, and
//! later a row's context menu where it was clicked. iced has no menu
//! widget: a [`stack`] of the page, a clear layer that closes the menu on
//! any click outside it, and the menu's card.

use crate::widget::focus::button;
use iced::widget::{Space, column, container, mouse_area, opaque, stack, text};
use iced::{Element, Length, Padding, Point};

use crate::theme;
use crate::widget::icon::{self, Icon};

/// One entry of a menu; without a message it shows, greyed.
#[derive(Debug, Clone)]
pub struct Entry<Message> {
    pub icon: Icon,
    pub label: String,
    pub on_press: Option<Message>,
}

impl<Message> Entry<Message> {
    pub fn new(icon: Icon, label: String, on_press: Message) -> Self {
        Self {
            icon,
            label,
            on_press: Some(on_press),
        }
    }
}

/// Where the menu's card sits over the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchor {
    /// Under a button at the top right (the profile menu).
    TopRight { top: f32, right: f32 },
    /// Its top-left corner at a point of the page (a right click).
    At(Point),
}

/// The menu's card: its entries, one under the other.
pub fn card<'a, Message: Clone + 'a>(entries: Vec<Entry<Message>>) -> Element<'a, Message> {
    let mut list = column![].spacing(2);
    for entry in entries {
        let mut item = button(icon::labelled(entry.icon, entry.label, 13))
            .width(Length::Fill)
            .padding([6, 10])
            .style(button::text);
        if let Some(message) = entry.on_press {
            item = item.on_press(message);
        }
        list = list.push(item);
    }
    container(list)
        .padding(4)
        .width(Length::Fixed(240.0))
        .style(theme::card)
        .into()
}

/// `menu` over `base` at `anchor`; a click anywhere else sends `on_dismiss`.
pub fn over<'a, Message: Clone + 'a>(
    base: impl Into<Element<'a, Message>>,
    menu: Element<'a, Message>,
    anchor: Anchor,
    on_dismiss: Message,
) -> Element<'a, Message> {
    let placed = match anchor {
        Anchor::TopRight { top, right } => container(opaque(menu))
            .padding(Padding {
                top,
                right,
                ..Padding::ZERO
            })
            .align_right(Length::Fill),
        Anchor::At(point) => container(opaque(menu)).padding(Padding {
            top: point.y,
            left: point.x,
            ..Padding::ZERO
        }),
    };
    let outside = mouse_area(Space::new().width(Length::Fill).height(Length::Fill))
        .on_press(on_dismiss.clone())
        .on_right_press(on_dismiss);
    stack![base.into(), outside, placed.height(Length::Fill)].into()
}

/// A round face with `initials` (the signed-in person, in the top bar).
pub fn face<'a, Message: 'a>(initials: String) -> Element<'a, Message> {
    container(text(initials).size(12))
        .center_x(Length::Fixed(26.0))
        .center_y(Length::Fixed(26.0))
        .style(theme::face)
        .into()
}
