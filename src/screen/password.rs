//! Choosing a new password: after an administrator forced a reset (the
//! platform answers `password_reset_required` until it is done), the session
//! can do nothing else.

use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::validate::PASSWORD_MIN_CHARS;
use orgdesk_api::{PasswordChangeRequest, codes};
use orgdesk_client::{Client, Error};

use crate::fl;
use crate::theme;

pub struct ChangePassword {
    client: Client,
    current: String,
    new: String,
    repeat: String,
    working: bool,
    problem: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    CurrentChanged(String),
    NewChanged(String),
    RepeatChanged(String),
    Submit,
    SignOut,
    Done(Result<(), Error>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// The password is changed; the session may go on.
    Changed,
    /// Leave without changing it (the session is revoked by the parent).
    SignOut,
}

impl ChangePassword {
    pub fn new(client: Client) -> Self {
        Self {
            client,
            current: String::new(),
            new: String::new(),
            repeat: String::new(),
            working: false,
            problem: None,
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::CurrentChanged(value) => self.current = value,
            Message::NewChanged(value) => self.new = value,
            Message::RepeatChanged(value) => self.repeat = value,
            Message::Submit => return self.submit(),
            Message::SignOut => return Action::SignOut,
            Message::Done(Ok(())) => {
                self.working = false;
                return Action::Changed;
            }
            // A wrong current password is a 401 too, but the session lives on.
            Message::Done(Err(e)) if e.code() == Some(codes::INVALID_CREDENTIALS) => {
                self.working = false;
                self.problem = Some(fl!("password-wrong-current"));
            }
            Message::Done(Err(e)) => {
                self.working = false;
                self.problem = Some(super::describe(&e));
            }
        }
        Action::None
    }

    /// What is wrong with the form before anything is sent.
    fn check(&self) -> Option<String> {
        if self.current.is_empty() {
            Some(fl!("password-need-current"))
        } else if self.new.chars().count() < PASSWORD_MIN_CHARS {
            Some(fl!("password-too-short", min = PASSWORD_MIN_CHARS))
        } else if self.new != self.repeat {
            Some(fl!("password-mismatch"))
        } else if self.new == self.current {
            Some(fl!("password-same"))
        } else {
            None
        }
    }

    fn submit(&mut self) -> Action {
        if self.working {
            return Action::None;
        }
        if let Some(problem) = self.check() {
            self.problem = Some(problem);
            return Action::None;
        }
        self.working = true;
        self.problem = None;
        let client = self.client.clone();
        let request = PasswordChangeRequest {
            current_password: std::mem::take(&mut self.current),
            new_password: std::mem::take(&mut self.new),
        };
        self.repeat.clear();
        Action::Run(Task::perform(
            async move { client.change_password(&request).await },
            Message::Done,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        let field = |label: String, value: &str, on_input: fn(String) -> Message| {
            column![
                text(label).size(13),
                text_input("", value)
                    .secure(true)
                    .on_input(on_input)
                    .on_submit(Message::Submit)
                    .padding(8),
            ]
            .spacing(4)
        };
        let mut form = column![
            text(fl!("password-title")).size(22),
            text(fl!("password-why")).size(13),
            field(
                fl!("password-current"),
                &self.current,
                Message::CurrentChanged
            ),
            field(fl!("password-new"), &self.new, Message::NewChanged),
            field(fl!("password-repeat"), &self.repeat, Message::RepeatChanged),
            row![
                button(text(fl!("password-submit")))
                    .style(button::primary)
                    .on_press_maybe((!self.working).then_some(Message::Submit)),
                button(text(fl!("menu-sign-out")))
                    .style(button::secondary)
                    .on_press(Message::SignOut),
            ]
            .spacing(8),
        ]
        .spacing(10)
        .width(Length::Fixed(420.0));
        if let Some(problem) = &self.problem {
            form = form.push(text(problem.clone()).size(13).style(theme::error_text));
        }
        container(container(form).padding(24).style(theme::card))
            .center(Length::Fill)
            .into()
    }
}
