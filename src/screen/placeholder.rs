//! A plain sentence where a screen cannot show: offline, or no
//! organization chosen yet.

use iced::widget::{container, text};
use iced::{Element, Length};

pub fn view<'a, Message: 'a>(words: String) -> Element<'a, Message> {
    container(text(words).size(16))
        .padding(24)
        .center(Length::Fill)
        .into()
}
