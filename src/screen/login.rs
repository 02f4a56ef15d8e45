//! Sign-in: a platform's address and an account, or a platform started on
//! this computer.

use std::path::PathBuf;
use std::sync::Arc;

use crate::widget::focus::button;
use iced::widget::{Id, column, container, row, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{LoginRequest, LoginResponse};
use orgdesk_client::{Client, Error, Observer};

use crate::credentials::{MemoryVault, Vault};
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
    context: Context,
    /// `--demo`: open the demo organization once the local platform runs.
    demo_when_ready: bool,
    /// Creating an account rather than signing in: the name to register.
    register: Option<String>,
    /// The address a sign-in in flight was sent to (the field may change meanwhile).
    sending_to: Option<String>,
}

/// What sign-in needs from the console around it.
#[derive(Clone)]
pub struct Context {
    /// Sees every request (the activity pane).
    pub observer: Option<Observer>,
    /// Keeps the demo organization's generated admin password.
    pub vault: Arc<dyn Vault>,
    /// Where a platform on this computer keeps its data.
    pub data_dir: PathBuf,
}

impl Default for Context {
    fn default() -> Self {
        Self {
            observer: None,
            vault: Arc::new(MemoryVault::default()),
            data_dir: crate::platform::default_data_dir(),
        }
    }
}

/// The vault entry holding the demo admin's password on this computer's platform.
pub const DEMO_SECRET: &str = "demo-admin-password";

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
    /// Switch between signing in and creating an account.
    ToggleRegister,
    NameChanged(String),
    Submit,
    UseLocal,
    LocalStarted(Result<LocalPlatform, String>),
    OpenDemo,
    DemoReady(Result<Box<(Client, LoginResponse)>, String>),
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
            context: Context::default(),
            demo_when_ready: false,
            register: None,
            sending_to: None,
        }
    }

    /// Signs in with `context`'s observer and vault.
    pub fn with_context(mut self, context: Context) -> Self {
        self.context = context;
        self
    }

    /// A platform already running on this computer (kept across sign-outs).
    pub fn with_local(mut self, local: Option<LocalPlatform>) -> Self {
        if let Some(local) = &local {
            self.platform_url.clone_from(&local.url);
        }
        self.local = local;
        self
    }

    fn client(&self, url: &str) -> Result<Client, Error> {
        let client = Client::new(url)?;
        Ok(match &self.context.observer {
            Some(observer) => client.with_observer(observer.clone()),
            None => client,
        })
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::PlatformChanged(url) => self.platform_url = url,
            Message::EmailChanged(email) => self.email = email,
            Message::PasswordChanged(password) => self.password = password,
            Message::ToggleRegister => {
                self.register = match self.register.take() {
                    Some(_) => None,
                    None => Some(String::new()),
                };
                self.state = State::Idle;
            }
            Message::NameChanged(name) => self.register = Some(name),
            Message::Submit => return self.submit(),
            Message::UseLocal => return self.use_local(),
            Message::LocalStarted(result) => return self.local_started(result),
            Message::OpenDemo => return self.open_demo(),
            Message::DemoReady(Ok(session)) => return self.signed_in(Ok(session)),
            Message::DemoReady(Err(why)) => self.state = State::Failed(why),
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
        let address = self.platform_url.trim().to_string();
        if let Err(why) = check_address(&address) {
            self.state = State::Failed(why);
            return Action::None;
        }
        self.sending_to = Some(address);
        let client = match self.client(self.platform_url.trim()) {
            Ok(c) => c,
            Err(e) => {
                self.state = State::Failed(super::describe(&e));
                return Action::None;
            }
        };
        if let Some(name) = self.register.clone() {
            return self.create_account(client, name);
        }
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

    /// Registers a platform account and signs in with the session it gives:
    /// an account without organizations goes on to create one.
    fn create_account(&mut self, client: Client, name: String) -> Action {
        let name = name.trim().to_string();
        if name.is_empty() {
            self.state = State::Failed(fl!("signin-register-need-name"));
            return Action::None;
        }
        let min = orgdesk_api::validate::PASSWORD_MIN_CHARS;
        if self.password.chars().count() < min {
            self.state = State::Failed(fl!("password-too-short", min = min));
            return Action::None;
        }
        self.state = State::Working(fl!("signin-register-working"));
        let request = orgdesk_api::RegisterRequest {
            email: self.email.trim().to_string(),
            password: std::mem::take(&mut self.password),
            name,
        };
        Action::Run(Task::perform(
            async move {
                let created = client.register(&request).await?;
                let signed_in = client.with_token(created.token.clone());
                let login = LoginResponse {
                    token: created.token,
                    account: created.account,
                    organizations: Vec::new(),
                    password_reset_required: false,
                    organization_id: None,
                };
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
        let data_dir = self.context.data_dir.clone();
        Action::Run(Task::perform(
            async move {
                LocalPlatform::start(data_dir)
                    .await
                    .map_err(|e| format!("{e:#}"))
            },
            Message::LocalStarted,
        ))
    }

    /// Seeds the demo organization on this computer's platform (once) and
    /// signs into it as its admin. The generated admin password never shows:
    /// it is kept in the vault for the next time.
    fn open_demo(&mut self) -> Action {
        let Some(local) = self.local.clone() else {
            return Action::None;
        };
        let client = match self.client(&local.url) {
            Ok(client) => client,
            Err(e) => {
                self.state = State::Failed(super::describe(&e));
                return Action::None;
            }
        };
        self.state = State::Working(fl!("signin-demo-working"));
        self.sending_to = Some(local.url.clone());
        let vault = self.context.vault.clone();
        Action::Run(Task::perform(
            demo_sign_in(local, client, vault),
            Message::DemoReady,
        ))
    }

    fn local_started(&mut self, result: Result<LocalPlatform, String>) -> Action {
        match result {
            Ok(local) => {
                self.platform_url.clone_from(&local.url);
                self.notice = Some(fl!("signin-local-ready", url = local.url.clone()));
                self.local = Some(local);
                self.state = State::Idle;
                if std::mem::take(&mut self.demo_when_ready) {
                    return self.open_demo();
                }
            }
            Err(why) => self.state = State::Failed(why),
        }
        Action::None
    }

    /// Starts the platform on this computer and opens the demo organization
    /// (`orgdesk --demo`).
    pub fn start_demo(&mut self) -> Action {
        if self.local.is_some() {
            return self.open_demo();
        }
        self.demo_when_ready = true;
        self.use_local()
    }

    fn signed_in(&mut self, result: Result<Box<(Client, LoginResponse)>, Error>) -> Action {
        match result {
            Ok(session) => {
                self.state = State::Idle;
                let (client, login) = *session;
                let platform = self
                    .sending_to
                    .take()
                    .unwrap_or_else(|| self.platform_url.trim().to_string());
                // Only a sign-in to the platform on this computer is filed as local.
                let local = self.local.clone().filter(|local| local.url == platform);
                Action::SignedIn(Box::new(SignedIn {
                    client,
                    login,
                    platform,
                    local,
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
        let registering = self.register.is_some();
        let submit = button(text(if registering {
            fl!("signin-register-submit")
        } else {
            fl!("signin-submit")
        }))
        .style(button::primary)
        .on_press_maybe((!working).then_some(Message::Submit));
        let local = button(text(fl!("signin-local")))
            .style(button::secondary)
            .on_press_maybe((!working).then_some(Message::UseLocal));
        let title = if registering {
            fl!("signin-register-title")
        } else {
            fl!("signin-title")
        };
        let mut form = column![
            text(title).size(24),
            text(fl!("signin-platform")).size(13),
            text_input(&fl!("signin-platform-hint"), &self.platform_url)
                .on_input(Message::PlatformChanged)
                .padding(8),
        ]
        .spacing(8)
        .width(Length::Fixed(420.0));
        if let Some(name) = &self.register {
            form = form.push(text(fl!("signin-register-name")).size(13)).push(
                text_input("", name)
                    .on_input(Message::NameChanged)
                    .on_submit(Message::Submit)
                    .padding(8),
            );
        }
        let toggle = button(text(if registering {
            fl!("signin-register-have-account")
        } else {
            fl!("signin-register-create")
        }))
        .style(button::text)
        .on_press_maybe((!working).then_some(Message::ToggleRegister));
        let mut form = form.push(
            column![
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
                toggle,
            ]
            .spacing(8),
        );
        if let Some(notice) = &self.notice {
            form = form.push(text(notice.clone()).size(13));
        }
        if self.local.is_some() {
            form = form.push(
                column![
                    button(text(fl!("signin-demo")))
                        .style(button::success)
                        .on_press_maybe((!working).then_some(Message::OpenDemo)),
                    text(fl!("signin-demo-hint"))
                        .size(12)
                        .style(theme::muted_text),
                ]
                .spacing(4),
            );
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

async fn demo_sign_in(
    local: LocalPlatform,
    client: Client,
    vault: Arc<dyn Vault>,
) -> Result<Box<(Client, LoginResponse)>, String> {
    use orgdesk_server::demo::{DemoOptions, seed_demo};
    let state = local
        .state()
        .await
        .ok_or_else(|| fl!("signin-local-stopped"))?;
    let demo = seed_demo(
        &state.db,
        &state.catalog,
        DemoOptions {
            geo: state.geo.as_ref(),
            ..DemoOptions::default()
        },
    )
    .await
    .map_err(|e| fl!("signin-demo-failed", detail = format!("{e:#}")))?;
    let password = tokio::task::spawn_blocking(move || match demo.admin_password {
        Some(password) => {
            if let Err(error) = vault.store_secret(DEMO_SECRET, password.as_bytes()) {
                tracing::warn!(%error, "the demo password is kept for this run only");
            }
            Some(password)
        }
        None => vault
            .load_secret(DEMO_SECRET)
            .ok()
            .flatten()
            .and_then(|bytes| String::from_utf8(bytes).ok()),
    })
    .await
    .map_err(|e| e.to_string())?
    .ok_or_else(|| fl!("signin-demo-lost", email = demo.admin_email.clone()))?;
    let login = client
        .login(&LoginRequest {
            email: demo.admin_email.clone(),
            password,
            organization: Some(demo.subdomain.clone()),
        })
        .await
        .map_err(|e| super::describe(&e))?;
    let signed_in = client.with_token(login.token.clone());
    Ok(Box::new((signed_in, login)))
}

/// Plain `http://` only to this computer: elsewhere the password and the
/// session token would cross the network unencrypted. The address is parsed
/// as a URL (never split by hand), so `http://localhost:1@evil.example` is
/// seen for what it is: a user `localhost` at the host `evil.example`.
fn check_address(address: &str) -> Result<(), String> {
    let address = address.trim();
    let insecure = |host: &str| Err(fl!("signin-insecure", host = host.to_string()));
    let url = match url::Url::parse(address) {
        Ok(url) => url,
        // An http address that does not even parse is not sent anywhere.
        Err(_) if address.to_ascii_lowercase().starts_with("http:") => return insecure(address),
        Err(_) => return Ok(()),
    };
    if url.scheme() != "http" {
        return Ok(());
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(name)) => name == "localhost" || name.ends_with(".localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    // Credentials in the address would be sent along: refused too.
    let credentials = !url.username().is_empty() || url.password().is_some();
    if loopback && !credentials {
        Ok(())
    } else {
        insecure(url.host_str().unwrap_or(address))
    }
}

#[cfg(test)]
mod tests {
    use super::check_address;

    #[test]
    fn plain_http_only_to_this_computer() {
        crate::i18n::select(Some("en-US"));
        for fine in [
            "https://platform.example",
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://acme.localhost:4000/",
            "http://[::1]:9",
        ] {
            assert!(check_address(fine).is_ok(), "{fine}");
        }
        for refused in [
            "http://platform.example",
            "http://10.0.0.5:8080",
            "HTTP://evil.example",
            "http://localhost:1@evil.example",
            "http://localhost@evil.example/",
            "http://127.0.0.1:80@evil.example",
            "http://user:secret@localhost:8080",
            "http://evil.example#@localhost",
            "http://evil.example\\@localhost",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example",
            "http://[::ffff:10.0.0.5]:80",
            "http:/evil.example",
        ] {
            assert!(check_address(refused).is_err(), "{refused}");
        }
    }
}
