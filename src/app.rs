//! The top level: which screen shows, the signed-in session, and routing of
//! messages to screens. Screens do the work; this module only routes.

use iced::keyboard::{self, Key, key::Named};
use iced::widget::{button, column, container, operation, pick_list, row, text};
use iced::{Element, Length, Size, Subscription, Task, Theme};
use orgdesk_api::{LoginResponse, MembershipStatus, MyOrganization, Organization};
use orgdesk_client::{Client, Error};

use crate::fl;
use crate::platform::LocalPlatform;
use crate::screen::{self, login, members, placeholder};
use crate::theme;

pub struct Console {
    screen: Screen,
}

enum Screen {
    Login(login::Login),
    Shell(Box<Shell>),
}

/// A signed-in session: the organization in view and its sections.
struct Shell {
    client: Client,
    account: String,
    local: Option<LocalPlatform>,
    orgs: Vec<MyOrganization>,
    current: Option<OrgChoice>,
    section: Section,
    members: Option<members::Members>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Members,
    Groups,
    Invitations,
    Audit,
    Organization,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Members,
        Section::Groups,
        Section::Invitations,
        Section::Audit,
        Section::Organization,
    ];

    fn label(self) -> String {
        match self {
            Section::Members => fl!("nav-members"),
            Section::Groups => fl!("nav-groups"),
            Section::Invitations => fl!("nav-invitations"),
            Section::Audit => fl!("nav-audit"),
            Section::Organization => fl!("nav-organization"),
        }
    }
}

/// An entry of the organization switcher; suspended memberships say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgChoice {
    pub id: String,
    pub label: String,
    pub suspended: bool,
}

impl std::fmt::Display for OrgChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

impl OrgChoice {
    fn of(org: &MyOrganization) -> Self {
        let suspended = org.membership_status == MembershipStatus::Suspended;
        let label = if suspended {
            format!("{} ({})", org.name, fl!("org-suspended"))
        } else {
            org.name.clone()
        };
        Self {
            id: org.id.to_string(),
            label,
            suspended,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Login(login::Message),
    Members(members::Message),
    Navigate(Section),
    SwitchOrg(OrgChoice),
    OrgLoaded(String, Result<Box<Organization>, Error>),
    SignOut,
    SignedOut(Option<String>),
    FocusSearch,
    Refresh,
}

impl Console {
    pub const WINDOW_SIZE: Size = Size::new(1200.0, 760.0);

    pub fn new() -> (Self, Task<Message>) {
        (
            Self {
                screen: Screen::Login(login::Login::new(None, None, None)),
            },
            operation::focus(login::email_id()),
        )
    }

    pub fn title(&self) -> String {
        match &self.screen {
            Screen::Shell(shell) => match &shell.current {
                Some(org) => format!("{} — {}", org.label, fl!("app-name")),
                None => fl!("app-name"),
            },
            Screen::Login(_) => fl!("app-name"),
        }
    }

    /// `None` follows the operating system's light or dark preference.
    pub fn theme(&self) -> Option<Theme> {
        None
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Login(m) => self.login(m),
            Message::Members(m) => self.members(m),
            Message::Navigate(section) => self.with_shell(|shell| shell.navigate(section)),
            Message::SwitchOrg(choice) => self.with_shell(|shell| shell.switch(choice)),
            Message::OrgLoaded(org, result) => {
                self.with_shell(|shell| shell.org_loaded(&org, result))
            }
            Message::SignOut => self.sign_out(),
            Message::SignedOut(reason) => self.signed_out(reason),
            Message::FocusSearch => operation::focus(members::search_id()),
            Message::Refresh => self.members(members::Message::Refresh),
        }
    }

    fn with_shell(&mut self, f: impl FnOnce(&mut Shell) -> Task<Message>) -> Task<Message> {
        match &mut self.screen {
            Screen::Shell(shell) => f(shell),
            Screen::Login(_) => Task::none(),
        }
    }

    fn login(&mut self, message: login::Message) -> Task<Message> {
        let Screen::Login(login) = &mut self.screen else {
            return Task::none();
        };
        match login.update(message) {
            login::Action::None => Task::none(),
            login::Action::Run(task) => task.map(Message::Login),
            login::Action::SignedIn(session) => {
                let login::SignedIn {
                    client,
                    login,
                    local,
                    ..
                } = *session;
                let (shell, task) = Shell::new(client, login, local);
                self.screen = Screen::Shell(Box::new(shell));
                task
            }
        }
    }

    fn members(&mut self, message: members::Message) -> Task<Message> {
        let Screen::Shell(shell) = &mut self.screen else {
            return Task::none();
        };
        let Some(members) = &mut shell.members else {
            return Task::none();
        };
        match members.update(message) {
            members::Action::None => Task::none(),
            members::Action::Run(task) => task.map(Message::Members),
            // Member details arrive with the member sheet; until then the row stays selected.
            members::Action::OpenMember(_) => Task::none(),
            members::Action::SessionEnded(e) => Task::done(Message::SignedOut(Some(describe(&e)))),
        }
    }

    fn sign_out(&mut self) -> Task<Message> {
        let Screen::Shell(shell) = &self.screen else {
            return Task::none();
        };
        let client = shell.client.clone();
        // Revoke on the server; leave even when it cannot be reached.
        Task::perform(async move { client.logout().await }, |_| {
            Message::SignedOut(None)
        })
    }

    fn signed_out(&mut self, reason: Option<String>) -> Task<Message> {
        let (platform, account) = match &self.screen {
            Screen::Shell(shell) => (
                Some(shell.client.base_url().to_string()),
                Some(shell.account.clone()),
            ),
            Screen::Login(_) => (None, None),
        };
        self.screen = Screen::Login(login::Login::new(platform, account, reason));
        Task::none()
    }

    pub fn view(&self) -> Element<'_, Message> {
        match &self.screen {
            Screen::Login(login) => login.view().map(Message::Login),
            Screen::Shell(shell) => shell.view(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let keys = keyboard::listen().filter_map(|event| match event {
            keyboard::Event::KeyPressed { key, modifiers, .. } => shortcut(&key, modifiers),
            keyboard::Event::ModifiersChanged(modifiers) => Some(Message::Members(
                members::Message::ModifiersChanged(modifiers),
            )),
            keyboard::Event::KeyReleased { .. } => None,
        });
        match &self.screen {
            Screen::Shell(_) => keys,
            Screen::Login(_) => Subscription::none(),
        }
    }
}

/// Ctrl+F search, Ctrl+R refresh, arrows move in tables, Enter opens.
fn shortcut(key: &Key, modifiers: keyboard::Modifiers) -> Option<Message> {
    match key.as_ref() {
        Key::Character("f") if modifiers.command() => Some(Message::FocusSearch),
        Key::Character("r") if modifiers.command() => Some(Message::Refresh),
        Key::Named(Named::ArrowDown) => Some(Message::Members(members::Message::MoveSelection(1))),
        Key::Named(Named::ArrowUp) => Some(Message::Members(members::Message::MoveSelection(-1))),
        Key::Named(Named::Enter) => Some(Message::Members(members::Message::OpenSelected)),
        _ => None,
    }
}

impl Shell {
    fn new(
        client: Client,
        login: LoginResponse,
        local: Option<LocalPlatform>,
    ) -> (Self, Task<Message>) {
        let current = login
            .organization_id
            .and_then(|bound| login.organizations.iter().find(|o| o.id == bound))
            .or_else(|| {
                login
                    .organizations
                    .iter()
                    .find(|o| o.membership_status == MembershipStatus::Active)
            })
            .map(OrgChoice::of);
        let mut shell = Self {
            client,
            account: login.account.email.clone(),
            local,
            orgs: login.organizations,
            current: None,
            section: Section::Members,
            members: None,
        };
        let task = match current {
            Some(choice) => shell.switch(choice),
            None => Task::none(),
        };
        (shell, task)
    }

    fn switch(&mut self, choice: OrgChoice) -> Task<Message> {
        self.members = None;
        let id = choice.id.clone();
        self.current = Some(choice);
        let client = self.client.clone();
        Task::perform(async move { client.org(&id).await.map(Box::new) }, {
            let id = self
                .current
                .as_ref()
                .map(|c| c.id.clone())
                .unwrap_or_default();
            move |result| Message::OrgLoaded(id.clone(), result)
        })
    }

    fn org_loaded(&mut self, org: &str, result: Result<Box<Organization>, Error>) -> Task<Message> {
        if self.current.as_ref().is_none_or(|c| c.id != org) {
            return Task::none();
        }
        let seats = result
            .ok()
            .map(|o| (o.subscription.seats_used, o.subscription.seat_limit));
        let (members, task) = members::Members::new(self.client.clone(), org.to_string(), seats);
        self.members = Some(members);
        task.map(Message::Members)
    }

    fn navigate(&mut self, section: Section) -> Task<Message> {
        self.section = section;
        Task::none()
    }

    fn view(&self) -> Element<'_, Message> {
        let choices: Vec<OrgChoice> = self.orgs.iter().map(OrgChoice::of).collect();
        let switcher = pick_list(choices, self.current.clone(), Message::SwitchOrg)
            .width(Length::Fixed(280.0));
        let top = container(
            row![
                text(fl!("app-name")).size(20),
                switcher,
                iced::widget::Space::new().width(Length::Fill),
                text(self.account.clone()).size(13).style(theme::muted_text),
                button(text(fl!("menu-sign-out")))
                    .style(button::secondary)
                    .on_press(Message::SignOut),
            ]
            .spacing(16)
            .align_y(iced::Alignment::Center),
        )
        .padding([8, 16])
        .style(theme::top_bar);
        let mut nav = column![]
            .spacing(4)
            .padding(12)
            .width(Length::Fixed(theme::SIDEBAR_WIDTH));
        for section in Section::ALL {
            nav = nav.push(
                button(text(section.label()))
                    .width(Length::Fill)
                    .style(theme::nav_button(self.section == section))
                    .on_press(Message::Navigate(section)),
            );
        }
        let body: Element<'_, Message> = match (self.section, &self.members) {
            (Section::Members, Some(members)) => members.view().map(Message::Members),
            (Section::Members, None) => container(text(fl!("members-loading")))
                .center(Length::Fill)
                .into(),
            (other, _) => placeholder::view(other.label()),
        };
        let mut side = column![nav];
        if let Some(local) = &self.local {
            side = side.push(
                container(
                    text(fl!("signin-local-ready", url = local.url.clone()))
                        .size(11)
                        .style(theme::muted_text),
                )
                .padding(12),
            );
        }
        let sidebar = container(side).height(Length::Fill).style(theme::sidebar);
        column![top, row![sidebar, body]].into()
    }
}

/// For tests: the shell's screen describes errors the same way.
pub fn describe(error: &Error) -> String {
    screen::describe(error)
}
