//! What the desktop layer shows: a crash report's notice and a link's
//! outcome as lines over the console, an audit entry opened by a link over
//! everything.

use crate::widget::focus::button;
use iced::widget::{Space, column, container, row, text};
use iced::{Alignment, Element, Length};

use super::{Desktop, Message, Notice};
use crate::fl;
use crate::theme;
use crate::widget::modal::modal;

impl Desktop {
    /// `content` under the desktop layer's lines and dialog.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        content: Element<'a, M>,
        wrap: fn(Message) -> M,
    ) -> Element<'a, M> {
        let mut page = column![];
        if let Some(crash) = &self.crash {
            let line = row![
                text(fl!(
                    "crash-notice",
                    count = crash.reports.len(),
                    folder = crash.folder.display().to_string()
                ))
                .size(13)
                .width(Length::Fill),
                button(text(fl!("crash-copy")).size(13))
                    .style(button::primary)
                    .on_press(Message::CopyDiagnostics),
                button(text(fl!("crash-dismiss")).size(13))
                    .style(button::secondary)
                    .on_press(Message::DismissCrash),
            ];
            page = page.push(bar(line));
        }
        if let Some(notice) = &self.notice {
            let words = match notice {
                Notice::Info(words) => text(words.clone()).size(13),
                Notice::Problem(words) => text(words.clone()).size(13).style(theme::error_text),
            };
            let line = row![
                words.width(Length::Fill),
                button(text(fl!("crash-dismiss")).size(13))
                    .style(button::text)
                    .on_press(Message::DismissNotice),
            ];
            page = page.push(bar(line));
        }
        let page: Element<'a, Message> = page.into();
        let base = column![page.map(wrap), content];
        match &self.entry {
            Some(entry) => modal(
                base,
                entry.view().map(move |m| wrap(Message::Entry(m))),
                wrap(Message::Entry(super::entry::Message::Close)),
            ),
            None => base.into(),
        }
    }
}

fn bar<'a>(line: iced::widget::Row<'a, Message>) -> Element<'a, Message> {
    container(
        line.push(Space::new().width(4))
            .spacing(12)
            .align_y(Alignment::Center),
    )
    .padding([6, 16])
    .width(Length::Fill)
    .style(theme::banner)
    .into()
}
