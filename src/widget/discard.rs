//! "Discard changes?": leaving a form with edits not yet saved (closing it,
//! Esc, another section, another item) asks first, and the form's title
//! says it holds edits. A screen keeps a [`Guard`] of where it was going;
//! the answer either goes there (the edits dropped) or stays.

use crate::widget::focus::button;
use iced::widget::{Space, column, container, row, text};
use iced::{Element, Length};

use crate::fl;
use crate::theme;

/// The person's answer to "Discard changes?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Drop the edits and go on.
    Discard,
    /// Stay on the form, edits kept.
    Keep,
}

/// Where leaving an edited form was going, while the question is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guard<T>(Option<T>);

impl<T> Default for Guard<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<T> Guard<T> {
    /// Leaving for `to`: at once (returned) when nothing is edited, else
    /// held until the question is answered. A second leave while asking
    /// replaces where to.
    pub fn leave(&mut self, edited: bool, to: T) -> Option<T> {
        if edited {
            self.0 = Some(to);
            None
        } else {
            Some(to)
        }
    }

    /// The question is open.
    pub fn is_asking(&self) -> bool {
        self.0.is_some()
    }

    /// Where to go now: after Discard, where leaving was going; after
    /// Keep (or with no question open), nowhere.
    pub fn answer(&mut self, answer: Answer) -> Option<T> {
        let to = self.0.take();
        match answer {
            Answer::Discard => to,
            Answer::Keep => None,
        }
    }
}

/// The question's card: what is lost, Keep editing and Discard.
pub fn question<'a, Message: Clone + 'a>(on_answer: fn(Answer) -> Message) -> Element<'a, Message> {
    container(
        column![
            text(fl!("discard-title")).size(18),
            text(fl!("discard-body")).size(14),
            row![
                Space::new().width(Length::Fill),
                button(text(fl!("discard-keep")))
                    .style(button::secondary)
                    .on_press(on_answer(Answer::Keep)),
                button(text(fl!("discard-discard")))
                    .style(button::danger)
                    .on_press(on_answer(Answer::Discard)),
            ]
            .spacing(8),
        ]
        .spacing(12),
    )
    .padding(20)
    .width(Length::Fixed(420.0))
    .style(theme::card)
    .into()
}

/// `title` marked when the form holds edits not yet saved.
pub fn title(title: &str, edited: bool) -> String {
    if edited {
        fl!("discard-edited-title", title = title.to_string())
    } else {
        title.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unedited_form_is_left_at_once_an_edited_one_asks() {
        let mut guard = Guard::default();
        assert_eq!(guard.leave(false, "members"), Some("members"));
        assert!(!guard.is_asking());
        assert_eq!(guard.leave(true, "members"), None);
        assert!(guard.is_asking());
        assert_eq!(guard.answer(Answer::Keep), None);
        assert!(!guard.is_asking(), "Keep editing closes the question");
        assert_eq!(guard.leave(true, "groups"), None);
        assert_eq!(guard.answer(Answer::Discard), Some("groups"));
        assert_eq!(guard.answer(Answer::Discard), None, "answered once");
    }
}
