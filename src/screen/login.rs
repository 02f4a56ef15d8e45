//! Sign-in: a platform's address and an account, or a platform started on
//! this computer.

use iced::widget::{Id, button, column, container, row, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{LoginRequest, LoginResponse};
use orgdesk_client::{Client, Error};

use crate::fl;
use crate::platform::LocalPlatform;
use crate::theme;

pub struct Login {
    platform_url: String,
    email: String,
    password: String,
    state: State,
    /// Shown above the form: why the last session ended, or that no keyring exists.
    notice: Option<String>,
    local: Option<LocalPlatform>,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Idle,
    Working(String),
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    PlatformChanged(String),
    EmailChanged(String),
    PasswordChanged(String),
    Submit,
    UseLocal,
    LocalStarted(Result<LocalPlatform, String>),
    SignedIn(Result<Box<(Client, LoginResponse)>, Error>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    SignedIn(Box<SignedIn>),
}

/// A session just opened, handed to the shell.
pub struct SignedIn {
    pub client: Client,
    pub login: LoginResponse,
    pub platform: String,
    pub local: Option<LocalPlatform>,
}

pub fn email_id() -> Id {
    Id::new("login-email")
}

impl Login {
    pub fn new(
        platform_url: Option<String>,
        email: Option<String>,
        notice: Option<String>,
    ) -> Self {
        Self {
            platform_url: platform_url.unwrap_or_default(),
            email: email.unwrap_or_default(),
            password: String::new(),
            state: State::Idle,
            notice,
            local: None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::PlatformChanged(url) => self.platform_url = url,
            Message::EmailChanged(email) => self.email = email,
            Message::PasswordChanged(password) => self.password = password,
            Message::Submit => return self.submit(),
            Message::UseLocal => return self.use_local(),
            Message::LocalStarted(result) => self.local_started(result),
            Message::SignedIn(result) => return self.signed_in(result),
        }
        Action::None
    }

    fn submit(&mut self) -> Action {
        if matches!(self.state, State::Working(_))
            || self.email.trim().is_empty()
            || self.password.is_empty()
        {
            return Action::None;
        }
        let client = match Client::new(self.platform_url.trim()) {
            Ok(c) => c,
            Err(e) => {
                self.state = State::Failed(super::describe(&e));
                return Action::None;
            }
        };
        self.state = State::Working(fl!("signin-working"));
        let request = LoginRequest {
            email: self.email.trim().to_string(),
            password: std::mem::take(&mut self.password),
            organization: None,
        };
        Action::Run(Task::perform(
            async move {
                let login = client.login(&request).await?;
                let signed_in = client.with_token(login.token.clone());
                Ok(Box::new((signed_in, login)))
            },
            Message::SignedIn,
        ))
    }

    fn use_local(&mut self) -> Action {
        if let Some(local) = &self.local {
            self.platform_url.clone_from(&local.url);
            return Action::None;
        }
        self.state = State::Working(fl!("signin-local-starting"));
        Action::Run(Task::perform(
            async {
                LocalPlatform::start(crate::platform::default_data_dir())
                    .await
                    .map_err(|e| format!("{e:#}"))
            },
            Message::LocalStarted,
        ))
    }

    fn local_started(&mut self, result: Result<LocalPlatform, String>) {
        match result {
            Ok(local) => {
                self.platform_url.clone_from(&local.url);
                self.notice = Some(fl!("signin-local-ready", url = local.url.clone()));
                self.local = Some(local);
                self.state = State::Idle;
            }
            Err(why) => self.state = State::Failed(why),
        }
    }

    fn signed_in(&mut self, result: Result<Box<(Client, LoginResponse)>, Error>) -> Action {
        match result {
            Ok(session) => {
                self.state = State::Idle;
                let (client, login) = *session;
                Action::SignedIn(Box::new(SignedIn {
                    client,
                    login,
                    platform: self.platform_url.trim().to_string(),
                    local: self.local.clone(),
                }))
            }
            Err(e) => {
                self.state = State::Failed(super::describe(&e));
                Action::None
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let working = matches!(self.state, State::Working(_));
        let submit = button(text(fl!("signin-submit")))
            .style(button::primary)
            .on_press_maybe((!working).then_some(Message::Submit));
        let local = button(text(fl!("signin-local")))
            .style(button::secondary)
            .on_press_maybe((!working).then_some(Message::UseLocal));
        let mut form = column![
            text(fl!("signin-title")).size(24),
            text(fl!("signin-platform")).size(13),
            text_input(&fl!("signin-platform-hint"), &self.platform_url)
                .on_input(Message::PlatformChanged)
                .padding(8),
            text(fl!("signin-email")).size(13),
            text_input("", &self.email)
                .id(email_id())
                .on_input(Message::EmailChanged)
                .on_submit(Message::Submit)
                .padding(8),
            text(fl!("signin-password")).size(13),
            text_input("", &self.password)
                .secure(true)
                .on_input(Message::PasswordChanged)
                .on_submit(Message::Submit)
                .padding(8),
            row![submit, local].spacing(8),
        ]
        .spacing(8)
        .width(Length::Fixed(420.0));
        if let Some(notice) = &self.notice {
            form = form.push(text(notice.clone()).size(13));
        }
        match &self.state {
            State::Working(what) => {
                form = form.push(text(what.clone()).size(13).style(theme::muted_text))
            }
            State::Failed(why) => {
                form = form.push(text(why.clone()).size(13).style(theme::error_text))
            }
            State::Idle => {}
        }
        container(container(form).padding(24).style(theme::card))
            .center(Length::Fill)
            .into()
    }
}
