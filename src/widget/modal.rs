//! Dialogs over a screen: the screen stays visible behind a dimmed backdrop,
//! clicks on the backdrop dismiss, and [`confirm`] says what will happen
//! before anything irreversible is sent.

use iced::widget::{button, center, column, container, mouse_area, opaque, row, stack, text};
use iced::{Element, Length};

use crate::theme;

/// `dialog` shown over `base`; a click outside it sends `on_dismiss`.
pub fn modal<'a, Message: Clone + 'a>(
    base: impl Into<Element<'a, Message>>,
    dialog: impl Into<Element<'a, Message>>,
    on_dismiss: Message,
) -> Element<'a, Message> {
    stack![
        base.into(),
        opaque(
            mouse_area(center(opaque(dialog)).style(theme::backdrop)).on_press(on_dismiss.clone())
        )
    ]
    .into()
}

/// What a confirmation says and does.
pub struct Confirm<Message> {
    pub title: String,
    /// What will happen, in full sentences.
    pub body: String,
    /// The verb on the button that does it ("Suspend", "Delete group").
    pub action: String,
    /// Destructive actions get the danger colour.
    pub destructive: bool,
    pub on_confirm: Message,
    pub on_cancel: Message,
}

/// A confirmation card: title, what will happen, Cancel and the action.
pub fn confirm<'a, Message: Clone + 'a>(confirm: Confirm<Message>) -> Element<'a, Message> {
    let Confirm {
        title,
        body,
        action,
        destructive,
        on_confirm,
        on_cancel,
    } = confirm;
    let style = if destructive {
        button::danger
    } else {
        button::primary
    };
    container(
        column![
            text(title).size(18),
            text(body).size(14),
            row![
                iced::widget::Space::new().width(Length::Fill),
                button(text(crate::fl!("dialog-cancel")))
                    .style(button::secondary)
                    .on_press(on_cancel),
                button(text(action)).style(style).on_press(on_confirm),
            ]
            .spacing(8),
        ]
        .spacing(12),
    )
    .padding(20)
    .width(Length::Fixed(440.0))
    .style(theme::card)
    .into()
}
