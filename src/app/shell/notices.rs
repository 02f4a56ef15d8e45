//! How long work ended (an export, an import, a bulk change, a sync), said
//! once for the whole shell: each notice stays — across sections and
//! organization switches — until the person dismisses it; several stack,
//! the newest last.

use iced::Element;
use iced::widget::column;

use crate::app::message::Message;
use crate::widget::progress::{self, Notice};

/// The notices not yet dismissed, each with the id its Dismiss names.
#[derive(Debug, Default)]
pub struct Notices {
    items: Vec<(u64, Notice)>,
    next: u64,
}

impl Notices {
    pub fn push(&mut self, notice: Notice) {
        self.items.push((self.next, notice));
        self.next += 1;
    }

    pub fn dismiss(&mut self, id: u64) {
        self.items.retain(|(held, _)| *held != id);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Notice> {
        self.items.iter().map(|(_, notice)| notice)
    }

    /// The stack, or `None` when there is nothing to say.
    pub fn view(&self) -> Option<Element<'_, Message>> {
        if self.items.is_empty() {
            return None;
        }
        let stack = self
            .items
            .iter()
            .fold(column![].spacing(4), |stack, (id, notice)| {
                stack.push(progress::notice(notice, Message::DismissNotice(*id)))
            });
        Some(stack.padding([4, 16]).into())
    }
}
