//! Long work (an export, an import, a bulk change): a bar with counts and
//! Cancel while it runs, and a notice when it ends that stays until the
//! person dismisses it. Cancel aborts the work's task ([`Running::cancel`]),
//! so nothing more of it runs; the screen says what was done by then.

use crate::widget::focus::button;
use iced::widget::{Space, column, container, progress_bar, row, text};
use iced::{Alignment, Element, Length, Task};

use crate::fl;
use crate::theme;

/// Work under way: how far it is, and the handle that stops it.
#[derive(Debug)]
pub struct Running {
    handle: iced::task::Handle,
    done: u64,
    total: Option<u64>,
}

impl Running {
    /// `task` made abortable: the work's state and the task to run.
    pub fn start<T: 'static>(task: Task<T>, total: Option<u64>) -> (Self, Task<T>) {
        let (task, handle) = task.abortable();
        let running = Self {
            handle,
            done: 0,
            total,
        };
        (running, task)
    }

    /// `done` of the total are through.
    pub fn advance(&mut self, done: u64) {
        self.done = done;
    }

    /// The total became known (or changed) while the work runs.
    pub fn set_total(&mut self, total: u64) {
        self.total = Some(total);
    }

    pub fn done(&self) -> u64 {
        self.done
    }

    pub fn total(&self) -> Option<u64> {
        self.total
    }

    /// Stops the work: its task yields nothing more.
    pub fn cancel(self) {
        self.handle.abort();
    }
}

/// `label` with a bar and "n of m" while `running`, and Cancel.
pub fn bar<'a, Message: Clone + 'a>(
    label: String,
    running: &Running,
    on_cancel: Message,
) -> Element<'a, Message> {
    let (value, counts) = match running.total {
        Some(total) if total > 0 => (
            running.done as f32 / total as f32,
            fl!("progress-counts", done = running.done, total = total),
        ),
        _ => (0.0, fl!("progress-working")),
    };
    container(
        row![
            text(label).size(13),
            progress_bar(0.0..=1.0, value)
                .length(Length::Fixed(200.0))
                .girth(8),
            text(counts).size(12).style(theme::muted_text),
            Space::new().width(Length::Fill),
            button(text(fl!("progress-cancel")).size(13))
                .style(button::secondary)
                .on_press(on_cancel),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    )
    .padding([6, 10])
    .style(theme::card)
    .into()
}

/// How long work ended, in words: it stays until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub failed: bool,
}

impl Notice {
    pub fn done(text: String) -> Self {
        Self {
            text,
            failed: false,
        }
    }

    pub fn failed(text: String) -> Self {
        Self { text, failed: true }
    }
}

/// `notice` with its Dismiss button.
pub fn notice<'a, Message: Clone + 'a>(
    notice: &Notice,
    on_dismiss: Message,
) -> Element<'a, Message> {
    let words = text(notice.text.clone()).size(13);
    let words = if notice.failed {
        words.style(theme::error_text)
    } else {
        words
    };
    container(
        row![
            column![words].width(Length::Fill),
            button(text(fl!("progress-dismiss")).size(13))
                .style(button::text)
                .on_press(on_dismiss),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
    )
    .padding([6, 10])
    .style(theme::card)
    .into()
}
