//! Changing the password, in one form: the current one, the new one twice.
//! Length and the repetition are checked as you type; whether the new one is
//! too easy to guess is the platform's verdict, said beside the field. A new
//! password signs out every other session of the account.
//!
//! The form is the profile's Password tab, and the whole screen
//! ([`ChangePassword`]) after an administrator forced a reset: the platform
//! answers `password_reset_required` until it is done, so the session can do
//! nothing else.

use crate::widget::focus::button;
use iced::widget::{column, container, row, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{PasswordChangeRequest, codes, validate};
use orgdesk_client::{Client, Error};

use crate::fl;
use crate::theme;
use crate::widget::status::Status;

#[derive(Debug, Default)]
pub struct Form {
    current: String,
    new: String,
    repeat: String,
    /// The platform's verdicts on the last attempt, until the field is edited.
    current_refused: Option<String>,
    new_refused: Option<String>,
    status: Status,
}

#[derive(Debug, Clone)]
pub enum Message {
    CurrentChanged(String),
    NewChanged(String),
    RepeatChanged(String),
    Submit,
    Changed(Result<(), Error>),
    /// Leave without changing it (the forced reset's screen only).
    SignOut,
}

/// What the form asks of the screen around it.
pub enum Outcome {
    None,
    Run(Task<Message>),
    /// The password is changed (the other sessions are signed out).
    Changed,
}

impl Form {
    pub fn update(&mut self, client: &Client, message: Message) -> Outcome {
        match message {
            Message::CurrentChanged(value) => {
                self.current = value;
                self.current_refused = None;
                Outcome::None
            }
            Message::NewChanged(value) => {
                self.new = value;
                self.new_refused = None;
                Outcome::None
            }
            Message::RepeatChanged(value) => {
                self.repeat = value;
                Outcome::None
            }
            Message::Submit => self.submit(client),
            Message::Changed(result) => self.changed(result),
            Message::SignOut => Outcome::None,
        }
    }

    fn new_error(&self) -> Option<String> {
        if let Some(why) = &self.new_refused {
            return Some(why.clone());
        }
        if self.new.is_empty() {
            return None;
        }
        if !validate::password_length_ok(&self.new) {
            Some(fl!(
                "password-length",
                min = validate::PASSWORD_MIN_CHARS,
                max = validate::PASSWORD_MAX_CHARS
            ))
        } else if self.new == self.current {
            Some(fl!("password-same"))
        } else {
            None
        }
    }

    fn repeat_error(&self) -> Option<String> {
        (!self.repeat.is_empty() && self.repeat != self.new).then(|| fl!("password-mismatch"))
    }

    fn ready(&self) -> bool {
        !self.current.is_empty()
            && validate::password_length_ok(&self.new)
            && self.new != self.current
            && self.repeat == self.new
            && self.new_refused.is_none()
            && self.current_refused.is_none()
            && !self.status.working()
    }

    fn submit(&mut self, client: &Client) -> Outcome {
        if !self.ready() {
            return Outcome::None;
        }
        self.status = Status::Working(fl!("password-changing"));
        let request = PasswordChangeRequest {
            current_password: self.current.clone(),
            new_password: self.new.clone(),
        };
        let client = client.clone();
        Outcome::Run(Task::perform(
            async move { client.change_password(&request).await },
            Message::Changed,
        ))
    }

    fn changed(&mut self, result: Result<(), Error>) -> Outcome {
        match result {
            Ok(()) => {
                *self = Self {
                    status: Status::Done(fl!("password-changed")),
                    ..Self::default()
                };
                Outcome::Changed
            }
            // A 401 that means the current password is wrong, not that the session ended.
            Err(e) if e.code() == Some(codes::INVALID_CREDENTIALS) => {
                self.current_refused = Some(fl!("password-current-wrong"));
                self.status = Status::Idle;
                Outcome::None
            }
            Err(e) if e.code() == Some(codes::WEAK_PASSWORD) => {
                let reason = e
                    .problem()
                    .and_then(|p| p.errors.first())
                    .map_or_else(|| super::describe(&e), |f| f.message.clone());
                self.new_refused = Some(fl!("password-weak", reason = reason));
                self.status = Status::Idle;
                Outcome::None
            }
            Err(e) => {
                self.status = Status::Failed(super::describe(&e));
                Outcome::None
            }
        }
    }

    /// The fields, and Change password with `beside` next to it.
    pub fn view<'a>(&'a self, beside: Option<Element<'a, Message>>) -> Element<'a, Message> {
        let field =
            |label: String, value: &str, on_input: fn(String) -> Message, error: Option<String>| {
                let mut block = column![
                    text(label).size(13),
                    text_input("", value)
                        .secure(true)
                        .on_input(on_input)
                        .on_submit(Message::Submit)
                        .padding(8),
                ]
                .spacing(4);
                if let Some(why) = error {
                    block = block.push(text(why).size(12).style(theme::error_text));
                }
                block
            };
        let mut actions = row![
            button(text(fl!("password-submit")))
                .style(button::primary)
                .on_press_maybe(self.ready().then_some(Message::Submit))
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        if let Some(beside) = beside {
            actions = actions.push(beside);
        }
        if let Some(line) = self.status.line() {
            actions = actions.push(line);
        }
        column![
            field(
                fl!("password-current"),
                &self.current,
                Message::CurrentChanged,
                self.current_refused.clone()
            ),
            field(
                fl!("password-new"),
                &self.new,
                Message::NewChanged,
                self.new_error()
            ),
            field(
                fl!("password-repeat"),
                &self.repeat,
                Message::RepeatChanged,
                self.repeat_error()
            ),
            actions,
        ]
        .spacing(10)
        .width(Length::Fixed(460.0))
        .into()
    }
}

/// The whole screen while a forced reset is pending: the form, and a way out.
pub struct ChangePassword {
    client: Client,
    form: Form,
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
            form: Form::default(),
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn update(&mut self, message: Message) -> Action {
        if let Message::SignOut = message {
            return Action::SignOut;
        }
        match self.form.update(&self.client, message) {
            Outcome::None => Action::None,
            Outcome::Run(task) => Action::Run(task),
            Outcome::Changed => Action::Changed,
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let sign_out = button(text(fl!("menu-sign-out")))
            .style(button::secondary)
            .on_press(Message::SignOut);
        let page = column![
            text(fl!("password-title")).size(22),
            text(fl!("password-why")).size(13),
            self.form.view(Some(sign_out.into())),
        ]
        .spacing(10);
        container(container(page).padding(24).style(theme::card))
            .center(Length::Fill)
            .into()
    }
}
