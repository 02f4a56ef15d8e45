//! Where a form's last request stands, and the line that says so.

use iced::Element;
use iced::widget::text;

use crate::theme;

#[derive(Debug, Clone, Default, PartialEq)]
pub enum Status {
    #[default]
    Idle,
    Working(String),
    Done(String),
    Failed(String),
}

impl Status {
    pub fn working(&self) -> bool {
        matches!(self, Status::Working(_))
    }

    /// What is going on, what went right, or what went wrong; nothing when idle.
    pub fn line<'a, M: 'a>(&self) -> Option<Element<'a, M>> {
        let line = match self {
            Status::Idle => return None,
            Status::Working(what) => text(what.clone()).style(theme::muted_text),
            Status::Done(what) => text(what.clone()).style(theme::success_text),
            Status::Failed(why) => text(why.clone()).style(theme::error_text),
        };
        Some(line.size(13).into())
    }
}
