//! My Profile: the signed-in person's own account, in four tabs — picture and
//! details (with the email change that waits for its confirmation link), the
//! organizations and groups they belong to, recent sign-ins (sign out one or
//! all others), and the password.
//!
//! Each tab is a section module with its own state and messages; this module
//! loads the profile, routes messages, and turns what a section asks for
//! ([`Effect`]) into work or an [`Action`] for the parent.

pub mod details;
pub mod organizations;
pub mod picture;
pub mod sessions;

use crate::widget::focus::button;
use iced::widget::{column, container, row, scrollable, text};
use iced::{Element, Length, Task};
use orgdesk_api as api;
use orgdesk_client::{Client, Error};

pub use sessions::{Recent, SessionStatus};

use super::password;
use crate::fl;
use crate::theme;
use crate::widget::discard;
use crate::widget::modal::modal;

pub struct Profile {
    client: Client,
    tab: Tab,
    state: State,
    picture: picture::Picture,
    details: details::Details,
    organizations: organizations::Organizations,
    sessions: sessions::Sessions,
    password: password::Form,
    /// Leaving the edited details for another tab, until "Discard changes?"
    /// is answered.
    leaving: discard::Guard<Tab>,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    Ready(Box<api::Profile>),
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Details,
    Organizations,
    SignIns,
    Password,
}

impl Tab {
    pub const ALL: [Tab; 4] = [
        Tab::Details,
        Tab::Organizations,
        Tab::SignIns,
        Tab::Password,
    ];

    fn label(self) -> String {
        match self {
            Tab::Details => fl!("profile-tab-details"),
            Tab::Organizations => fl!("profile-tab-organizations"),
            Tab::SignIns => fl!("profile-tab-sign-ins"),
            Tab::Password => fl!("profile-tab-password"),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    ShowTab(Tab),
    /// Ctrl+R: everything again from the platform.
    Refresh,
    Loaded(Result<Box<api::Profile>, Error>),
    Picture(picture::Message),
    Details(details::Message),
    Organizations(organizations::Message),
    Sessions(sessions::Message),
    Password(password::Message),
    /// The answer to "Discard changes?" on leaving the edited details.
    Leave(discard::Answer),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// The person signed out the very session the console uses: back to
    /// sign-in, without an error (they asked for it).
    SignedOut,
    /// The person left the organization of this id.
    Left(uuid::Uuid),
}

/// What a section asks of the screen after an update.
enum Effect<M> {
    None,
    Run(Task<M>),
    /// The platform answered a fresh profile (after a save or an upload).
    Profile(Box<api::Profile>),
    /// The profile changed in a way whose answer carries no profile (picture removed).
    ReloadProfile,
    SignedOut,
    /// The person left the organization of this id.
    Left(uuid::Uuid),
}

impl Profile {
    pub fn new(client: Client) -> (Self, Task<Message>) {
        let mut screen = Self {
            client,
            tab: Tab::Details,
            state: State::Loading,
            picture: picture::Picture::default(),
            details: details::Details::default(),
            organizations: organizations::Organizations::default(),
            sessions: sessions::Sessions::default(),
            password: password::Form::default(),
            leaving: discard::Guard::default(),
        };
        let task = screen.reload();
        (screen, task)
    }

    /// Opens one tab (e.g. Password from a menu).
    pub fn show(&mut self, tab: Tab) {
        self.tab = tab;
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The profile as last answered by the platform.
    pub fn profile(&self) -> Option<&api::Profile> {
        match &self.state {
            State::Ready(profile) => Some(profile),
            _ => None,
        }
    }

    /// The sign-ins as last loaded.
    pub fn recent_sign_ins(&self) -> Option<&Recent> {
        self.sessions.recent()
    }

    /// The load of the sign-ins whose answer the screen waits for.
    pub fn sign_ins_pending(&self) -> Option<crate::remote::Tag> {
        self.sessions.pending()
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::ShowTab(tab) => {
                let edited = tab != self.tab && self.has_edits();
                if let Some(tab) = self.leaving.leave(edited, tab) {
                    self.tab = tab;
                }
                Action::None
            }
            Message::Leave(answer) => {
                if let Some(tab) = self.leaving.answer(answer) {
                    self.discard_edits();
                    self.tab = tab;
                }
                Action::None
            }
            Message::Refresh => Action::Run(self.reload()),
            Message::Loaded(result) => self.loaded(result),
            Message::Picture(m) => {
                let effect = self.picture.update(&self.client, m);
                self.apply(effect, Message::Picture)
            }
            Message::Details(m) => {
                let effect = self.details.update(&self.client, m);
                self.apply(effect, Message::Details)
            }
            Message::Organizations(m) => {
                let effect = self.organizations.update(&self.client, m);
                self.apply(effect, Message::Organizations)
            }
            Message::Sessions(m) => {
                let effect = self.sessions.update(&self.client, m);
                self.apply(effect, Message::Sessions)
            }
            Message::Password(m) => match self.password.update(&self.client, m) {
                password::Outcome::None => Action::None,
                password::Outcome::Run(task) => Action::Run(task.map(Message::Password)),
                // A new password signed the other sessions out: the sign-ins changed.
                password::Outcome::Changed => {
                    Action::Run(self.sessions.reload(&self.client).map(Message::Sessions))
                }
            },
        }
    }

    /// "Discard changes?" is asked before leaving the details.
    pub fn is_asking_to_discard(&self) -> bool {
        self.leaving.is_asking()
    }

    /// Whether the details form holds edits not yet saved.
    pub fn has_edits(&self) -> bool {
        self.tab == Tab::Details && self.details.is_edited()
    }

    /// "Discard": the details form goes back to the profile as saved.
    pub fn discard_edits(&mut self) {
        self.leaving = discard::Guard::default();
        let _ = self.details.update(&self.client, details::Message::Revert);
    }

    /// Esc: closes an open confirmation; false when none was open.
    pub fn escape(&mut self) -> bool {
        if self.leaving.is_asking() {
            let _ = self.leaving.answer(discard::Answer::Keep);
            return true;
        }
        self.picture.escape() || self.sessions.escape() || self.organizations.escape()
    }

    fn reload(&mut self) -> Task<Message> {
        Task::batch([
            self.load_profile(),
            self.organizations
                .reload(&self.client)
                .map(Message::Organizations),
            self.sessions.reload(&self.client).map(Message::Sessions),
        ])
    }

    fn load_profile(&self) -> Task<Message> {
        let client = self.client.clone();
        Task::perform(
            async move { client.me().await.map(Box::new) },
            Message::Loaded,
        )
    }

    fn loaded(&mut self, result: Result<Box<api::Profile>, Error>) -> Action {
        match result {
            Ok(profile) => Action::Run(self.profile_arrived(profile)),
            Err(e) => {
                // A profile shown already stays; the failure is said above it.
                if self.profile().is_none() {
                    self.state = State::Failed(super::describe(&e));
                }
                self.details.failed(super::describe(&e));
                Action::None
            }
        }
    }

    /// Every section follows a new profile; edits in progress are kept.
    fn profile_arrived(&mut self, profile: Box<api::Profile>) -> Task<Message> {
        self.details.rebase(&profile);
        let task = self
            .picture
            .sync(&self.client, &profile)
            .map(Message::Picture);
        self.state = State::Ready(profile);
        task
    }

    fn apply<M: Send + 'static>(&mut self, effect: Effect<M>, wrap: fn(M) -> Message) -> Action {
        match effect {
            Effect::None => Action::None,
            Effect::Run(task) => Action::Run(task.map(wrap)),
            Effect::Profile(profile) => Action::Run(self.profile_arrived(profile)),
            Effect::ReloadProfile => Action::Run(self.load_profile()),
            Effect::SignedOut => Action::SignedOut,
            Effect::Left(id) => Action::Left(id),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut tabs = row![].spacing(4);
        for tab in Tab::ALL {
            let label = discard::title(&tab.label(), tab == Tab::Details && self.has_edits());
            tabs = tabs.push(
                button(text(label))
                    .style(theme::nav_button(self.tab == tab))
                    .on_press(Message::ShowTab(tab)),
            );
        }
        let body: Element<'_, Message> = match (&self.state, self.tab) {
            (_, Tab::Organizations) => self.organizations.view().map(Message::Organizations),
            (_, Tab::SignIns) => self.sessions.view().map(Message::Sessions),
            (_, Tab::Password) => card(
                fl!("profile-password-title"),
                column![
                    text(fl!("profile-password-intro"))
                        .size(13)
                        .style(theme::muted_text),
                    self.password.view(None).map(Message::Password),
                ]
                .spacing(10),
            ),
            (State::Ready(profile), Tab::Details) => column![
                self.picture.view(profile).map(Message::Picture),
                self.details.view(profile).map(Message::Details),
            ]
            .spacing(16)
            .into(),
            (State::Loading, Tab::Details) => {
                text(fl!("profile-loading")).style(theme::muted_text).into()
            }
            (State::Failed(why), Tab::Details) => text(why.clone()).style(theme::error_text).into(),
        };
        let page = column![
            text(discard::title(&fl!("profile-title"), self.has_edits())).size(24),
            tabs,
            scrollable(container(body).padding(iced::Padding::ZERO.right(16))).height(Length::Fill),
        ]
        .spacing(12)
        .padding(16);
        let dialog = match self.tab {
            Tab::Details => self.picture.dialog().map(|d| d.map(Message::Picture)),
            Tab::SignIns => self.sessions.dialog().map(|d| d.map(Message::Sessions)),
            Tab::Organizations => self
                .organizations
                .dialog()
                .map(|d| d.map(Message::Organizations)),
            Tab::Password => None,
        };
        if self.leaving.is_asking() {
            return modal(
                page,
                discard::question(Message::Leave),
                Message::Leave(discard::Answer::Keep),
            );
        }
        match dialog {
            Some(dialog) => modal(page, dialog, self.dismiss()),
            None => page.into(),
        }
    }

    /// The message a click beside the open dialog sends.
    fn dismiss(&self) -> Message {
        match self.tab {
            Tab::SignIns => Message::Sessions(sessions::Message::Cancel),
            Tab::Organizations => Message::Organizations(organizations::Message::Cancel),
            _ => Message::Picture(picture::Message::CancelRemove),
        }
    }
}

/// A titled card: one section of a tab.
fn card<'a, M: 'a>(title: String, content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(column![text(title).size(18), content.into()].spacing(12))
        .padding(16)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}
