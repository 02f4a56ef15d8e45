//! A small rounded label: a group's name beside a permission or a person, a state.

use iced::Element;
use iced::widget::{container, text};

use crate::theme;

pub fn chip<'a, Message: 'a>(label: impl text::IntoFragment<'a>) -> Element<'a, Message> {
    container(text(label).size(12))
        .padding([2, 8])
        .style(theme::chip)
        .into()
}
