//! A screen that a later version fills in, saying so plainly.

use iced::widget::{container, text};
use iced::{Element, Length};

use crate::fl;

pub fn view<'a, Message: 'a>(screen: String) -> Element<'a, Message> {
    container(text(fl!("placeholder-coming", screen = screen)).size(16))
        .center(Length::Fill)
        .into()
}
