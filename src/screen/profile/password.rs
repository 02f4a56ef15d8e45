//! Change password: the current one, the new one twice. Length and the
//! repetition are checked as you type; whether the new one is too easy to
//! guess is the platform's verdict. A new password signs out every other
//! session of the account.

use iced::widget::{button, column, row, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{PasswordChangeRequest, codes, validate};
use orgdesk_client::{Client, Error};

use super::{Effect, Status};
use crate::fl;
use crate::screen::describe;
use crate::theme;

#[derive(Default)]
pub struct Password {
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
}

impl Password {
    pub(super) fn update(&mut self, client: &Client, message: Message) -> Effect<Message> {
        match message {
            Message::CurrentChanged(value) => {
                self.current = value;
                self.current_refused = None;
                Effect::None
            }
            Message::NewChanged(value) => {
                self.new = value;
                self.new_refused = None;
                Effect::None
            }
            Message::RepeatChanged(value) => {
                self.repeat = value;
                Effect::None
            }
            Message::Submit => self.submit(client),
            Message::Changed(result) => self.changed(result),
        }
    }

    fn new_error(&self) -> Option<String> {
        if let Some(why) = &self.new_refused {
            return Some(why.clone());
        }
        (!self.new.is_empty() && !validate::password_length_ok(&self.new)).then(|| {
            fl!(
                "profile-password-length",
                min = validate::PASSWORD_MIN_CHARS,
                max = validate::PASSWORD_MAX_CHARS
            )
        })
    }

    fn repeat_error(&self) -> Option<String> {
        (!self.repeat.is_empty() && self.repeat != self.new)
            .then(|| fl!("profile-password-mismatch"))
    }

    fn ready(&self) -> bool {
        !self.current.is_empty()
            && validate::password_length_ok(&self.new)
            && self.repeat == self.new
            && self.new_refused.is_none()
            && self.current_refused.is_none()
            && !self.status.working()
    }

    fn submit(&mut self, client: &Client) -> Effect<Message> {
        if !self.ready() {
            return Effect::None;
        }
        self.status = Status::Working(fl!("profile-password-changing"));
        let request = PasswordChangeRequest {
            current_password: self.current.clone(),
            new_password: self.new.clone(),
        };
        let client = client.clone();
        Effect::Run(Task::perform(
            async move { client.change_password(&request).await },
            Message::Changed,
        ))
    }

    fn changed(&mut self, result: Result<(), Error>) -> Effect<Message> {
        match result {
            Ok(()) => {
                *self = Self {
                    status: Status::Done(fl!("profile-password-changed")),
                    ..Self::default()
                };
                Effect::ReloadSessions
            }
            // Here a 401 means the current password is wrong, not that the session ended.
            Err(e) if e.code() == Some(codes::INVALID_CREDENTIALS) => {
                self.current_refused = Some(fl!("profile-password-current-wrong"));
                self.status = Status::Idle;
                Effect::None
            }
            Err(e) if e.code() == Some(codes::WEAK_PASSWORD) => {
                let reason = e
                    .problem()
                    .and_then(|p| p.errors.first())
                    .map_or_else(|| describe(&e), |f| f.message.clone());
                self.new_refused = Some(fl!("profile-password-weak", reason = reason));
                self.status = Status::Idle;
                Effect::None
            }
            Err(e) => {
                self.status = Status::Failed(describe(&e));
                Effect::None
            }
        }
    }

    pub(super) fn view(&self) -> Element<'_, Message> {
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
            button(text(fl!("profile-password-submit")))
                .style(button::primary)
                .on_press_maybe(self.ready().then_some(Message::Submit))
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        if let Some(line) = super::status_line(&self.status) {
            actions = actions.push(line);
        }
        let form = column![
            text(fl!("profile-password-intro"))
                .size(13)
                .style(theme::muted_text),
            field(
                fl!("profile-password-current"),
                &self.current,
                Message::CurrentChanged,
                self.current_refused.clone()
            ),
            field(
                fl!("profile-password-new"),
                &self.new,
                Message::NewChanged,
                self.new_error()
            ),
            field(
                fl!("profile-password-repeat"),
                &self.repeat,
                Message::RepeatChanged,
                self.repeat_error()
            ),
            actions,
        ]
        .spacing(10)
        .width(Length::Fixed(460.0));
        super::card(fl!("profile-password-title"), form)
    }
}
