//! Dialogs over a screen: the screen stays visible behind a dimmed backdrop,
//! clicks on the backdrop dismiss, and [`confirm`] says what will happen
//! before anything irreversible is sent.

use crate::widget::focus::button;
use iced::widget::{center, column, container, mouse_area, opaque, row, stack, text};
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

/// A change waiting for the person's confirmation, then (for changes whose
/// dialog stays until the platform answers) for that answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Confirmation<T> {
    #[default]
    Idle,
    /// The dialog says what `T` will do.
    Asking(T),
    /// Confirmed and on its way; the dialog stays, its buttons off.
    Sending(T),
}

impl<T> Confirmation<T> {
    /// Asks before `change` (not while another is open).
    pub fn ask(&mut self, change: T) {
        if let Confirmation::Idle = self {
            *self = Confirmation::Asking(change);
        }
    }

    /// The change the dialog asks about.
    pub fn asking(&self) -> Option<&T> {
        match self {
            Confirmation::Asking(change) => Some(change),
            _ => None,
        }
    }

    /// The change on its way.
    pub fn sending(&self) -> Option<&T> {
        match self {
            Confirmation::Sending(change) => Some(change),
            _ => None,
        }
    }

    /// Asking or sending: a dialog is open.
    pub fn is_open(&self) -> bool {
        !matches!(self, Confirmation::Idle)
    }

    /// Confirmed, and the dialog waits for the answer: the change to send
    /// (once; `None` unless it was asking).
    pub fn confirm(&mut self) -> Option<&T> {
        match std::mem::take(self) {
            Confirmation::Asking(change) => {
                *self = Confirmation::Sending(change);
                self.sending()
            }
            other => {
                *self = other;
                None
            }
        }
    }

    /// Confirmed, and the dialog closes at once: the change to send.
    pub fn take(&mut self) -> Option<T> {
        match std::mem::take(self) {
            Confirmation::Asking(change) => Some(change),
            other => {
                *self = other;
                None
            }
        }
    }

    /// Cancel, Esc or the backdrop: the question goes, a change on its way
    /// stays. Whether a dialog was open.
    pub fn cancel(&mut self) -> bool {
        match self {
            Confirmation::Idle => false,
            Confirmation::Asking(_) => {
                *self = Confirmation::Idle;
                true
            }
            Confirmation::Sending(_) => true,
        }
    }

    /// The platform answered: what was sent.
    pub fn answered(&mut self) -> Option<T> {
        match std::mem::take(self) {
            Confirmation::Sending(change) => Some(change),
            other => {
                *self = other;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Confirmation;

    #[test]
    fn a_change_is_asked_confirmed_once_and_answered() {
        let mut change = Confirmation::default();
        assert!(!change.is_open());
        change.ask("suspend");
        change.ask("reactivate");
        assert_eq!(change.asking(), Some(&"suspend"), "one question at a time");
        assert_eq!(change.confirm(), Some(&"suspend"));
        assert_eq!(change.confirm(), None, "sent once");
        assert!(change.cancel(), "the dialog is open");
        assert_eq!(change.sending(), Some(&"suspend"), "on its way: it stays");
        assert_eq!(change.answered(), Some("suspend"));
        assert!(!change.is_open());
        assert_eq!(change.answered(), None);
    }

    #[test]
    fn a_question_is_cancelled_or_taken_at_once() {
        let mut change = Confirmation::default();
        assert!(!change.cancel(), "nothing open");
        change.ask(7);
        assert!(change.cancel());
        assert!(!change.is_open());
        change.ask(8);
        assert_eq!(change.take(), Some(8));
        assert!(!change.is_open(), "the dialog closed at once");
        assert_eq!(change.take(), None);
    }
}
