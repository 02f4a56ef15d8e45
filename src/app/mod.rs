//! The top level: which screen shows (sign-in, a forced password change, the
//! signed-in shell), where the session token is kept, and routing of
//! messages. Screens do the work; this module only routes and keeps the
//! session's lifecycle: sign-in stores the token in the vault, a restart
//! resumes with it, sign-out revokes it, deletes it and clears the offline
//! copy, and a 401 anywhere (the session's client reports it, see
//! [`Session::ended`]) returns to sign-in with the reason; a forced password
//! reset opens the change-password form.

mod message;
mod offline;
mod resume;
mod shell;

pub use message::{Key, MenuItem, Message, OrgChoice, Page, Section};
pub use offline::{
    MemberList, Synced, load_details, load_members, member_kind, save_details, sync_members,
};
pub use offline::{Progress as SyncProgress, sync_members_reporting};
pub use shell::Shell;

use iced::keyboard::{self, key::Named};
use iced::widget::{container, operation, text};
use iced::{Element, Length, Size, Subscription, Task, Theme};
use orgdesk_api::codes;
use orgdesk_client::Error;

use crate::desktop::{self, Desktop};
use crate::fl;
use crate::platform::LocalPlatform;
use crate::screen::{self, login, password};
use crate::session::{Env, Resumed, Session};
use crate::settings::ThemeChoice;

pub struct Console {
    env: Env,
    screen: Screen,
    /// Links, crash reports, the window's place on the desktop.
    desktop: Desktop,
}

enum Screen {
    /// Resuming a stored session (or starting the platform on this computer).
    Starting,
    Login(Box<login::Login>),
    ChangePassword(Box<password::ChangePassword>, Box<Session>),
    Shell(Box<Shell>),
}

impl Console {
    pub const WINDOW_SIZE: Size = Size::new(1280.0, 800.0);

    /// The console with the OS keyring, cache and settings.
    pub fn new() -> (Self, Task<Message>) {
        Self::with_env(Env::system())
    }

    /// The console over `env`: resumes the stored session when there is one.
    pub fn with_env(env: Env) -> (Self, Task<Message>) {
        screen::settings::apply(&env.settings);
        let resume = resume::resume(&env);
        let mut console = Self {
            env,
            screen: Screen::Starting,
            desktop: Desktop::default(),
        };
        match resume {
            Some(task) => (console, task),
            None => {
                console.screen = Screen::Login(Box::new(console.login_screen(None, None)));
                (console, operation::focus(login::email_id()))
            }
        }
    }

    /// `orgdesk --demo`: the demo organization on a platform on this
    /// computer, signed in as its admin.
    pub fn demo(env: Env) -> (Self, Task<Message>) {
        let mut console = Self {
            screen: Screen::Starting,
            env,
            desktop: Desktop::default(),
        };
        screen::settings::apply(&console.env.settings);
        let mut login = console.login_screen(None, None);
        let task = match login.start_demo() {
            login::Action::Run(task) => task.map(Message::Login),
            _ => Task::none(),
        };
        console.screen = Screen::Login(Box::new(login));
        (console, task)
    }

    fn login_screen(&self, local: Option<LocalPlatform>, notice: Option<String>) -> login::Login {
        let settings = &self.env.settings;
        let notice = notice.or_else(|| {
            self.env
                .vault_problem
                .as_ref()
                .map(|why| fl!("signin-keyring-unavailable", reason = why.to_string()))
        });
        let url = if settings.local_platform {
            None
        } else {
            settings.platform_url.clone()
        };
        login::Login::new(url, settings.last_account.clone(), notice)
            .with_context(login::Context {
                observer: Some(self.env.activity.observer()),
                vault: self.env.vault.clone(),
                data_dir: self.env.local_data_dir.clone(),
            })
            .with_local(local)
    }

    pub fn env(&self) -> &Env {
        &self.env
    }

    /// With the links and crash reports this launch brought.
    pub fn with_desktop(mut self, desktop: Desktop) -> Self {
        self.desktop = desktop;
        self
    }

    pub fn desktop(&self) -> &Desktop {
        &self.desktop
    }

    /// The shell, once signed in (tests look inside).
    pub fn shell(&self) -> Option<&Shell> {
        match &self.screen {
            Screen::Shell(shell) => Some(shell),
            _ => None,
        }
    }

    pub fn is_signed_in(&self) -> bool {
        matches!(self.screen, Screen::Shell(_))
    }

    pub fn is_changing_password(&self) -> bool {
        matches!(self.screen, Screen::ChangePassword(..))
    }

    pub fn title(&self) -> String {
        match &self.screen {
            Screen::Shell(shell) => match shell.current() {
                Some(org) => format!("{} — {}", org.label, fl!("app-name")),
                None => fl!("app-name"),
            },
            _ => fl!("app-name"),
        }
    }

    /// The chosen look; `None` follows the operating system's preference.
    pub fn theme(&self) -> Option<Theme> {
        match self.env.settings.theme {
            ThemeChoice::System => None,
            ThemeChoice::Light => Some(Theme::Light),
            ThemeChoice::Dark => Some(Theme::Dark),
        }
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        // The platform ended the session while answering a request: act on
        // it before the answer reaches the screen that asked.
        if let Some(error) = self.session().and_then(Session::ended) {
            let ended = self.session_ended(error);
            return Task::batch([ended, self.route(message)]);
        }
        self.route(message)
    }

    fn route(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Login(m) => self.login(m),
            Message::Password(m) => self.password(m),
            Message::Resumed(resumed) => self.resumed(*resumed),
            Message::Settings(m) => {
                if screen::settings::update(&mut self.env.settings, m) {
                    screen::settings::apply(&self.env.settings);
                    self.env.save_settings();
                }
                Task::none()
            }
            Message::SignOut => self.sign_out(),
            Message::SignedOut(reason) => self.signed_out(reason),
            Message::SessionEnded(error) => self.session_ended(error),
            Message::MoveFocus(true) => operation::focus_next(),
            Message::MoveFocus(false) => operation::focus_previous(),
            Message::Desktop(m) => self.desktop_message(m),
            Message::Escape if self.desktop.escape() => Task::none(),
            Message::Escape => match &mut self.screen {
                Screen::Shell(shell) => {
                    shell.escape();
                    Task::none()
                }
                _ => Task::none(),
            },
            other => match &mut self.screen {
                Screen::Shell(shell) => shell.update(other, &mut self.env),
                _ => Task::none(),
            },
        }
    }

    fn login(&mut self, message: login::Message) -> Task<Message> {
        let Screen::Login(login) = &mut self.screen else {
            return Task::none();
        };
        match login.update(message) {
            login::Action::None => Task::none(),
            login::Action::Run(task) => task.map(Message::Login),
            login::Action::SignedIn(signed_in) => {
                let login::SignedIn {
                    client,
                    login,
                    platform,
                    local,
                } = *signed_in;
                let mut session = Session::new(client, platform, login.account.email.clone());
                session.local = local;
                session.name = login.account.name.clone();
                session.organizations = login.organizations;
                session.bound = login.organization_id;
                self.remember(&session, &login.token);
                if login.password_reset_required {
                    self.change_password(session)
                } else {
                    self.open_shell(session)
                }
            }
        }
    }

    /// Keeps the token in the vault and the platform and account in the
    /// settings, for the next start.
    fn remember(&mut self, session: &Session, token: &str) {
        let settings = &mut self.env.settings;
        settings.platform_url = Some(session.platform.clone());
        settings.local_platform = session.local.is_some();
        settings.last_account = Some(session.email.clone());
        settings.bound_organization = session.bound.map(|id| id.to_string());
        if let Err(error) = self
            .env
            .vault
            .store(&session.platform_key(), &session.email, token)
        {
            tracing::warn!(%error, "the session token is kept in memory only");
            self.env.vault_problem.get_or_insert(error);
        }
        self.env.save_settings();
    }

    fn change_password(&mut self, session: Session) -> Task<Message> {
        let form = password::ChangePassword::new(session.client.clone());
        self.screen = Screen::ChangePassword(Box::new(form), Box::new(session));
        Task::none()
    }

    fn open_shell(&mut self, session: Session) -> Task<Message> {
        let (shell, task) = Shell::new(session, &mut self.env);
        self.screen = Screen::Shell(Box::new(shell));
        Task::batch([task, self.desktop_message(desktop::Message::SessionReady)])
    }

    /// Routes the desktop layer: a link opens a member or an audit entry in
    /// the shell; the rest the layer does itself.
    fn desktop_message(&mut self, message: desktop::Message) -> Task<Message> {
        let shell = match &self.screen {
            Screen::Shell(shell) => Some(shell),
            _ => None,
        };
        let context = shell.map(|shell| {
            let session = shell.session();
            desktop::Context {
                client: &session.client,
                platform: &session.platform,
                local: session.local.is_some(),
                organizations: &session.organizations,
                current: shell.current().map(|c| c.id.as_str()),
                offline: shell.offline_as_of().is_some(),
            }
        });
        match self.desktop.update(message, context) {
            desktop::Action::None => Task::none(),
            desktop::Action::Run(task) => task.map(Message::Desktop),
            desktop::Action::Open { org, item, then } => {
                let open = match &mut self.screen {
                    Screen::Shell(shell) => shell.open_link(&org, item, &mut self.env),
                    _ => Task::none(),
                };
                Task::batch([open, then.map(Message::Desktop)])
            }
        }
    }

    fn password(&mut self, message: password::Message) -> Task<Message> {
        let Screen::ChangePassword(form, _) = &mut self.screen else {
            return Task::none();
        };
        match form.update(message) {
            password::Action::None => Task::none(),
            password::Action::Run(task) => task.map(Message::Password),
            password::Action::Changed => {
                let Screen::ChangePassword(_, session) =
                    std::mem::replace(&mut self.screen, Screen::Starting)
                else {
                    return Task::none();
                };
                // The session may have been resumed with little known about
                // the account: read it again before opening the shell.
                Task::perform(session.refreshed(), |result| {
                    Message::Resumed(Box::new(match result {
                        Ok(session) => Resumed::Online(Box::new(session)),
                        Err(e) => Resumed::SignIn(Some(screen::describe(&e))),
                    }))
                })
            }
            password::Action::SignOut => self.sign_out(),
        }
    }

    fn resumed(&mut self, resumed: Resumed) -> Task<Message> {
        match resumed {
            Resumed::Online(session) => self.open_shell(*session),
            Resumed::ResetRequired(session) => self.change_password(*session),
            Resumed::Offline(start) => {
                let (shell, task) = Shell::offline(*start, &self.env);
                self.screen = Screen::Shell(Box::new(shell));
                Task::batch([task, self.desktop_message(desktop::Message::SessionReady)])
            }
            Resumed::SignIn(reason) => {
                self.screen = Screen::Login(Box::new(self.login_screen(None, reason)));
                operation::focus(login::email_id())
            }
        }
    }

    fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Shell(shell) => Some(shell.session()),
            Screen::ChangePassword(_, session) => Some(session),
            _ => None,
        }
    }

    /// Revokes the session on the platform (leaving even when it cannot be
    /// reached), then forgets it here.
    fn sign_out(&mut self) -> Task<Message> {
        let Some(session) = self.session() else {
            return Task::none();
        };
        let client = session.client.clone();
        // Forget here first (a closed window must not leave the token
        // behind), then revoke on the platform, even when it cannot be reached.
        let forget = self.signed_out(None);
        let revoke = Task::future(async move {
            if let Err(error) = client.logout().await {
                tracing::info!(%error, "could not revoke the session on the platform");
            }
        })
        .discard();
        Task::batch([forget, revoke])
    }

    /// Forgets the session: the token leaves the vault, the offline copies
    /// of every organization of the account are deleted.
    fn signed_out(&mut self, reason: Option<String>) -> Task<Message> {
        let mut clear = Task::none();
        let mut local = None;
        if let Some(session) = self.session() {
            local = session.local.clone();
            if let Err(error) = self
                .env
                .vault
                .delete(&session.platform_key(), &session.email)
            {
                tracing::warn!(%error, "cannot delete the session token");
            }
            if let Some(cache) = self.env.cache.clone() {
                let keys = session
                    .organizations
                    .iter()
                    .map(|org| session.cache_key(&org.id.to_string()))
                    .chain(std::iter::once(session.cache_key("")))
                    .collect();
                clear = Task::future(offline::clear(cache, keys)).discard();
            }
        }
        // The next person at this computer does not see these requests,
        // nor what a link showed.
        self.env.activity.clear();
        self.desktop.session_over();
        self.screen = Screen::Login(Box::new(self.login_screen(local, reason)));
        Task::batch([clear, operation::focus(login::email_id())])
    }

    /// A 401 (the session is gone: back to sign-in, saying why) or a forced
    /// password reset (the change-password form).
    fn session_ended(&mut self, error: Error) -> Task<Message> {
        let reset = error.code() == Some(codes::PASSWORD_RESET_REQUIRED);
        match &self.screen {
            // Several requests may say so at once: the form is already open.
            Screen::ChangePassword(..) if reset => return Task::none(),
            Screen::Shell(shell) if reset => {
                let session = shell.session().clone();
                return self.change_password(session);
            }
            // A late answer of a session that is over already.
            Screen::Login(_) | Screen::Starting => return Task::none(),
            _ => {}
        }
        let reason = screen::describe(&error);
        if let Some(session) = self.session()
            && let Err(error) = self
                .env
                .vault
                .delete(&session.platform_key(), &session.email)
        {
            tracing::warn!(%error, "cannot delete the ended session's token");
        }
        let local = self.session().and_then(|s| s.local.clone());
        self.desktop.session_over();
        self.screen = Screen::Login(Box::new(self.login_screen(local, Some(reason))));
        operation::focus(login::email_id())
    }

    pub fn view(&self) -> Element<'_, Message> {
        let screen = match &self.screen {
            Screen::Starting => container(text(fl!("app-starting")))
                .center(Length::Fill)
                .into(),
            Screen::Login(login) => login.view().map(Message::Login),
            Screen::ChangePassword(form, _) => form.view().map(Message::Password),
            Screen::Shell(shell) => shell.view(&self.env),
        };
        self.desktop.view(screen, Message::Desktop)
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let keys = keyboard::listen().filter_map(|event| match event {
            keyboard::Event::KeyPressed { key, modifiers, .. } => shortcut(&key, modifiers),
            keyboard::Event::ModifiersChanged(modifiers) => Some(Message::Modifiers(modifiers)),
            keyboard::Event::KeyReleased { .. } => None,
        });
        // Tab works on every screen, sign-in included.
        let tab = keyboard::listen().filter_map(|event| match event {
            keyboard::Event::KeyPressed {
                key: keyboard::Key::Named(Named::Tab),
                modifiers,
                ..
            } if !modifiers.command() && !modifiers.alt() => {
                Some(Message::MoveFocus(!modifiers.shift()))
            }
            _ => None,
        });
        match &self.screen {
            Screen::Shell(shell) => Subscription::batch([tab, keys, shell.subscription()]),
            _ => tab,
        }
    }
}

/// Ctrl+F search, Ctrl+R refresh, Ctrl+K the palette, F1 or Ctrl+/ the
/// shortcuts, Esc closes dialogs; arrows and Enter go to the palette when it
/// is open, else to the page in view (tables move and open).
fn shortcut(key: &keyboard::Key, modifiers: keyboard::Modifiers) -> Option<Message> {
    use keyboard::Key as Pressed;
    match key.as_ref() {
        Pressed::Character("f") if modifiers.command() => Some(Message::FocusSearch),
        Pressed::Character("r") if modifiers.command() => Some(Message::Refresh),
        Pressed::Character("k") if modifiers.command() => Some(Message::OpenPalette),
        Pressed::Character("/") if modifiers.command() => Some(Message::ToggleShortcuts),
        Pressed::Named(Named::F1) => Some(Message::ToggleShortcuts),
        Pressed::Named(Named::Escape) => Some(Message::Escape),
        Pressed::Named(Named::ArrowDown) => Some(Message::Key(Key::Down)),
        Pressed::Named(Named::ArrowUp) => Some(Message::Key(Key::Up)),
        Pressed::Named(Named::Enter) => Some(Message::Key(Key::Enter)),
        Pressed::Named(Named::ContextMenu) => Some(Message::Key(Key::Menu)),
        Pressed::Named(Named::F10) if modifiers.shift() => Some(Message::Key(Key::Menu)),
        _ => None,
    }
}

/// For tests: the shell's screens describe errors the same way.
pub fn describe(error: &Error) -> String {
    screen::describe(error)
}
