//! The signed-in shell: top bar (organization switcher, activity, profile
//! menu), sidebar of sections, the page in view, and the offline mode in
//! which the cached copy is reviewed read-only under a banner.
//!
//! The organization's screens live in an [`OrgView`], replaced whole on a
//! switch; what belongs to the account (profile, the new-organization
//! wizard, the activity pane) lives here. Tasks end with what they belong
//! to: the shell's when it goes, the organization view's on a switch, a
//! dialog's when it closes.

mod notices;
mod org;
mod view;

use org::OrgView;

use std::sync::Arc;
use std::time::Duration;

use iced::keyboard::Modifiers;
use iced::{Subscription, Task};
use orgdesk_api::{MembershipStatus, MyOrganization, Organization};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::message::{Key, MenuItem, Message, OrgChoice, Page, Section};
use crate::app::offline::ORGANIZATIONS;
use crate::cache::Cache;
use crate::desktop::link::Item;
use crate::remote::Scope;
use crate::screen::{self, activity, members, palette, profile, wizard};
use crate::session::{Env, OfflineStart, Resumed, Session};
use crate::widget::discard;
use crate::widget::icon::Icon;

/// How often the open activity pane looks for new requests.
const ACTIVITY_TICK: Duration = Duration::from_millis(400);

pub struct Shell {
    session: Session,
    cache: Option<Arc<Cache>>,
    page: Page,
    /// The organization in view.
    org: Option<OrgView>,
    /// Set while reviewing the offline copy.
    offline: Option<Offline>,
    activity: Option<activity::Pane>,
    /// The profile menu is open.
    menu_open: bool,
    /// The command palette (Ctrl+K); its entries' targets are messages.
    palette: Option<palette::Palette<Message>>,
    /// The keyboard shortcuts sheet is open.
    shortcuts: bool,
    activity_log: activity::ActivityLog,
    profile: Option<profile::Profile>,
    /// The new-organization wizard; its tasks end when it closes.
    wizard: Option<(wizard::Wizard, Scope)>,
    /// Why the account's organizations could not be read, in words.
    notice: Option<String>,
    /// The page to go to once "Discard changes?" is answered.
    leaving: discard::Guard<Page>,
    /// How long work ended, until each is dismissed.
    notices: notices::Notices,
    tasks: Scope,
}

/// The offline copy under review.
struct Offline {
    /// When the copy was fetched.
    as_of: OffsetDateTime,
    /// Why the platform could not be reached.
    reason: String,
}

impl Shell {
    pub fn new(session: Session, env: &mut Env) -> (Self, Task<Message>) {
        let preferred = session
            .bound
            .map(|id| id.to_string())
            .or_else(|| env.settings.last_organization.clone());
        let current = preferred
            .and_then(|id| {
                session
                    .organizations
                    .iter()
                    .find(|o| o.id.to_string() == id)
            })
            .or_else(|| {
                session
                    .organizations
                    .iter()
                    .find(|o| o.membership_status == MembershipStatus::Active)
            })
            .map(OrgChoice::of);
        // Signed in at the platform rather than an organization's address:
        // the Organizations section first; an organization opens on its overview.
        let page = if session.bound.is_some() || session.organizations.len() == 1 {
            Page::Section(Section::Overview)
        } else {
            Page::Section(Section::Organization)
        };
        let mut shell = Self::with(session, env, page, None);
        let save_orgs = shell.save_organizations();
        let task = match current {
            Some(choice) => shell.switch(choice, env),
            // No organization yet (a new account): straight to creating one.
            None if shell.session.organizations.is_empty() => shell.open_wizard(),
            None => Task::none(),
        };
        (shell, Task::batch([task, save_orgs]))
    }

    /// The shell over the offline copy: read-only, with a banner.
    pub fn offline(start: OfflineStart, env: &Env) -> (Self, Task<Message>) {
        let OfflineStart {
            session,
            org,
            members: rows,
            as_of,
            reason,
        } = start;
        let choice = OrgChoice::of(&org);
        let offline = Offline { as_of, reason };
        let mut shell = Self::with(session, env, Page::Section(Section::Members), Some(offline));
        let cache = shell.cache_of(&choice);
        let mut view = OrgView::offline(choice, shell.session.client.clone(), cache, rows);
        view.remember_tables(env.settings.tables.clone());
        shell.org = Some(view);
        (shell, Task::none())
    }

    fn with(session: Session, env: &Env, page: Page, offline: Option<Offline>) -> Self {
        Self {
            cache: env.cache.clone(),
            session,
            page,
            org: None,
            offline,
            activity: None,
            menu_open: false,
            palette: None,
            shortcuts: false,
            activity_log: env.activity.clone(),
            profile: None,
            wizard: None,
            notice: None,
            leaving: discard::Guard::default(),
            notices: notices::Notices::default(),
            tasks: Scope::default(),
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn current(&self) -> Option<&OrgChoice> {
        self.org.as_ref().map(|view| &view.choice)
    }

    pub fn page(&self) -> Page {
        self.page
    }

    pub fn members(&self) -> Option<&members::Members> {
        self.org.as_ref().and_then(|view| view.members.as_ref())
    }

    /// The overview of the organization in view, once visited.
    pub fn overview(&self) -> Option<&crate::screen::overview::Overview> {
        self.org.as_ref().and_then(|view| view.overview.as_ref())
    }

    /// The invitations of the organization in view, once visited.
    pub fn invitations(&self) -> Option<&crate::screen::invitations::Invitations> {
        self.org.as_ref().and_then(|view| view.invitations.as_ref())
    }

    /// The Governance section of the organization in view, once visited.
    pub fn governance(&self) -> Option<&crate::screen::governance::Governance> {
        self.org.as_ref().and_then(|view| view.governance.as_ref())
    }

    /// The groups of the organization in view, once visited.
    pub fn groups(&self) -> Option<&crate::screen::groups::Groups> {
        self.org.as_ref().and_then(|view| view.groups.as_ref())
    }

    /// The audit log of the organization in view, once visited.
    pub fn audit(&self) -> Option<&crate::screen::audit::Audit> {
        self.org.as_ref().and_then(|view| view.audit.as_ref())
    }

    /// My Profile, once visited.
    pub fn profile(&self) -> Option<&profile::Profile> {
        self.profile.as_ref()
    }

    /// How long work ended, oldest first, until dismissed.
    pub fn notices(&self) -> impl Iterator<Item = &crate::widget::progress::Notice> {
        self.notices.iter()
    }

    /// "Discard changes?" is asked before leaving the page in view.
    pub fn is_asking_to_discard(&self) -> bool {
        self.leaving.is_asking()
    }

    /// When the copy under review was fetched, while offline.
    pub fn offline_as_of(&self) -> Option<OffsetDateTime> {
        self.offline.as_ref().map(|o| o.as_of)
    }

    pub fn organization(&self) -> Option<&Organization> {
        self.org.as_ref().and_then(|view| view.org.as_ref())
    }

    /// The offline cache and where `choice`'s copy is filed in it.
    fn cache_of(&self, choice: &OrgChoice) -> Option<(Arc<Cache>, crate::cache::CacheKey)> {
        let cache = self.cache.clone()?;
        Some((cache, self.session.cache_key(&choice.id)))
    }

    /// An `orgdesk://` link of this session's platform: `org` in view (a
    /// new [`OrgView`] when it was not), then the member's sheet, the Groups
    /// section or the audit log.
    pub fn open_link(&mut self, org: &MyOrganization, item: Item, env: &mut Env) -> Task<Message> {
        let switch = match self.current() {
            Some(current) if current.id == org.id.to_string() => Task::none(),
            // The offline copy is of one organization only.
            _ if self.offline.is_some() => return Task::none(),
            _ => self.switch(OrgChoice::of(org), env),
        };
        let open = match item {
            Item::Member(id) => {
                self.page = Page::Section(Section::Members);
                match &mut self.org {
                    Some(view) => view.open_member(id),
                    None => Task::none(),
                }
            }
            Item::Group(_) => self.navigate(Page::Section(Section::Groups)),
            Item::AuditEntry(_) => self.navigate(Page::Section(Section::Audit)),
        };
        Task::batch([switch, open])
    }

    pub fn update(&mut self, message: Message, env: &mut Env) -> Task<Message> {
        match message {
            Message::Activity(m) => match &mut self.activity {
                Some(pane) => pane.update(m).map(Message::Activity),
                None => Task::none(),
            },
            Message::Navigate(Page::NewOrganization) => self.open_wizard(),
            Message::Navigate(page) => self.navigate(page),
            Message::Wizard(m) => self.wizard_message(m),
            Message::Profile(m) => self.profile_message(m),
            Message::PayOrg(id) => self.pay_org(id),
            Message::PayOrgLoaded(Ok(org)) => {
                let (wizard, task) = wizard::Wizard::resume(self.session.client.clone(), *org);
                self.page = Page::NewOrganization;
                self.show_wizard(wizard, task)
            }
            Message::PayOrgLoaded(Err(e)) | Message::OrgsReloaded(_, Err(e)) => {
                self.notice = Some(screen::describe(&e));
                Task::none()
            }
            Message::OrgsReloaded(open, Ok(orgs)) => {
                self.notice = None;
                self.session.organizations = orgs;
                let save = self.save_organizations();
                match open {
                    Some(id) => Task::batch([save, self.open_org(id, env)]),
                    None => save,
                }
            }
            Message::SwitchOrg(choice) => self.switch(choice, env),
            Message::OpenOrg(id) => self.open_org(id, env),
            Message::OrgLoaded(id, result) => match &mut self.org {
                Some(view) if view.choice.id == id => view.loaded(result, self.page),
                _ => Task::none(),
            },
            Message::OpenPalette => self.open_palette(),
            Message::Palette(m) => self.palette_message(m),
            Message::ToggleShortcuts => {
                self.shortcuts = !self.shortcuts;
                self.palette = None;
                Task::none()
            }
            Message::OpenMember(id) => {
                self.page = Page::Section(Section::Members);
                match &mut self.org {
                    Some(view) => view.open_member(id),
                    None => Task::none(),
                }
            }
            Message::ToggleMenu => {
                self.menu_open = !self.menu_open;
                Task::none()
            }
            Message::Menu(item) => {
                self.menu_open = false;
                match item {
                    MenuItem::SignOut => Task::done(Message::SignOut),
                    MenuItem::Profile => self.navigate(Page::Profile),
                    MenuItem::Permissions => self.navigate(Page::Permissions),
                    MenuItem::Settings => self.navigate(Page::Settings),
                }
            }
            Message::ToggleActivity => {
                self.activity = match self.activity.take() {
                    Some(_) => None,
                    None => Some(activity::Pane::new(self.activity_log.clone())),
                };
                Task::none()
            }
            Message::Reconnect => self.reconnect(),
            Message::StillOffline(reason) => {
                if let Some(offline) = &mut self.offline {
                    offline.reason = reason;
                }
                Task::none()
            }
            Message::FocusSearch => OrgView::focus_search(self.page),
            Message::Refresh => self.refresh(),
            Message::Key(key) => self.key(key),
            Message::Modifiers(modifiers) => self.modifiers(modifiers),
            Message::ColumnsChanged(table, columns) => {
                if let Some(view) = &mut self.org {
                    view.columns_changed(table, columns.clone());
                }
                env.settings.tables.insert(table.to_string(), columns);
                env.save_settings();
                Task::none()
            }
            Message::Notify(notice) => {
                self.notices.push(notice);
                Task::none()
            }
            Message::DismissNotice(id) => {
                self.notices.dismiss(id);
                Task::none()
            }
            Message::Leave(answer) => match self.leaving.answer(answer) {
                Some(page) => {
                    self.discard_edits();
                    self.go(page)
                }
                None => Task::none(),
            },
            other => match &mut self.org {
                Some(view) => view.update(other),
                None => Task::none(),
            },
        }
    }

    /// The command palette: sections, the account's organizations, actions,
    /// and members of the organization in view by name (searched on the platform).
    fn open_palette(&mut self) -> Task<Message> {
        self.menu_open = false;
        self.shortcuts = false;
        let mut fixed = Vec::new();
        let entry = |icon, label: String, detail: String, target| palette::Entry {
            icon,
            label,
            detail,
            target,
        };
        for section in Section::ALL {
            fixed.push(entry(
                section.icon(),
                section.label(),
                crate::fl!("palette-kind-section"),
                Message::Navigate(Page::Section(section)),
            ));
        }
        if self.offline.is_none() {
            for org in self
                .session
                .organizations
                .iter()
                .filter(|o| self.session.bound.is_none_or(|bound| bound == o.id))
            {
                fixed.push(entry(
                    Icon::Organization,
                    org.name.clone(),
                    crate::fl!("palette-kind-organization"),
                    Message::OpenOrg(org.id),
                ));
            }
        }
        let action = crate::fl!("palette-kind-action");
        for (icon, label, target) in [
            (
                Icon::Refresh,
                crate::fl!("palette-refresh"),
                Message::Refresh,
            ),
            (
                Icon::Activity,
                crate::fl!("activity-show"),
                Message::ToggleActivity,
            ),
            (
                Icon::Shortcuts,
                crate::fl!("shortcuts-title"),
                Message::ToggleShortcuts,
            ),
            (
                Icon::Organization,
                crate::fl!("palette-new-organization"),
                Message::Navigate(Page::NewOrganization),
            ),
        ]
        .into_iter()
        .chain(MenuItem::ALL.map(|item| (item.icon(), item.to_string(), Message::Menu(item))))
        {
            fixed.push(entry(icon, label, action.clone(), target));
        }
        let members = match (&self.org, &self.offline) {
            (Some(view), None) => Some((self.session.client.clone(), view.choice.id.clone())),
            _ => None,
        };
        self.palette = Some(palette::Palette::new(fixed, members, |m| {
            Message::OpenMember(m.id)
        }));
        iced::widget::operation::focus(palette::input_id())
    }

    fn palette_message(&mut self, message: palette::Message) -> Task<Message> {
        let Some(open) = &mut self.palette else {
            return Task::none();
        };
        match open.update(message) {
            palette::Action::None => Task::none(),
            palette::Action::Run(task) => self.tasks.run(task.map(Message::Palette)),
            palette::Action::Chose(target) => {
                self.palette = None;
                Task::done(target)
            }
            palette::Action::Close => {
                self.palette = None;
                Task::none()
            }
        }
    }

    /// The palette, while open.
    pub fn palette(&self) -> Option<&palette::Palette<Message>> {
        self.palette.as_ref()
    }

    /// A new view of `choice`; the one left goes with its tasks.
    fn switch(&mut self, choice: OrgChoice, env: &mut Env) -> Task<Message> {
        if self.offline.is_some() {
            return Task::none();
        }
        env.settings.last_organization = Some(choice.id.clone());
        env.save_settings();
        let cache = self.cache_of(&choice);
        let (mut view, task) = OrgView::open(choice, self.session.client.clone(), cache);
        view.remember_tables(env.settings.tables.clone());
        self.org = Some(view);
        self.notice = None;
        task
    }

    /// Opens organization `id` of the account on its Overview.
    fn open_org(&mut self, id: Uuid, env: &mut Env) -> Task<Message> {
        let choice = self
            .session
            .organizations
            .iter()
            .find(|o| o.id == id)
            .map(OrgChoice::of);
        match choice {
            Some(choice) => {
                self.page = Page::Section(Section::Overview);
                self.switch(choice, env)
            }
            None => Task::none(),
        }
    }

    /// Shows `page`, building its screen on its first visit.
    /// To `page`, asking first when the page left holds edits not saved.
    fn navigate(&mut self, page: Page) -> Task<Message> {
        match self
            .leaving
            .leave(page != self.page && self.has_edits(), page)
        {
            Some(page) => self.go(page),
            None => Task::none(),
        }
    }

    /// Whether the page in view holds edits not yet saved (a group's sheet,
    /// the profile form).
    fn has_edits(&self) -> bool {
        match self.page {
            Page::Profile => self
                .profile
                .as_ref()
                .is_some_and(profile::Profile::has_edits),
            page => self.org.as_ref().is_some_and(|view| view.has_edits(page)),
        }
    }

    /// "Discard": the page in view drops its edits.
    fn discard_edits(&mut self) {
        match self.page {
            Page::Profile => {
                if let Some(screen) = &mut self.profile {
                    screen.discard_edits();
                }
            }
            page => {
                if let Some(view) = &mut self.org {
                    view.discard_edits(page);
                }
            }
        }
    }

    fn go(&mut self, page: Page) -> Task<Message> {
        self.page = page;
        if self.offline.is_some() {
            // The copy's access reviews are the one section worked on offline.
            return match (&mut self.org, page) {
                (Some(view), Page::Section(Section::Governance)) => view.show(page),
                _ => Task::none(),
            };
        }
        if page == Page::Profile && self.profile.is_none() {
            let (screen, task) = profile::Profile::new(self.session.client.clone());
            self.profile = Some(screen);
            return self.tasks.run(task.map(Message::Profile));
        }
        match &mut self.org {
            Some(view) => view.show(page),
            None => Task::none(),
        }
    }

    fn key(&mut self, key: Key) -> Task<Message> {
        if self.palette.is_some() {
            return self.palette_message(match key {
                Key::Up => palette::Message::Move(-1),
                Key::Down => palette::Message::Move(1),
                Key::Enter => palette::Message::Submit,
                Key::Menu => return Task::none(),
            });
        }
        match &mut self.org {
            Some(view) => view.key(key, self.page),
            None => Task::none(),
        }
    }

    fn modifiers(&mut self, modifiers: Modifiers) -> Task<Message> {
        match &mut self.org {
            Some(view) => view.modifiers(modifiers),
            None => Task::none(),
        }
    }

    fn profile_message(&mut self, message: profile::Message) -> Task<Message> {
        let Some(screen) = &mut self.profile else {
            return Task::none();
        };
        match screen.update(message) {
            profile::Action::None => Task::none(),
            profile::Action::Run(task) => self.tasks.run(task.map(Message::Profile)),
            // This very session was signed out there: nothing left to revoke.
            profile::Action::SignedOut => Task::done(Message::SignedOut(None)),
            // Left: the organization goes from the switcher, and from view
            // when it was the one in view.
            profile::Action::Left(id) => {
                if self
                    .org
                    .as_ref()
                    .is_some_and(|v| v.choice.id == id.to_string())
                {
                    self.org = None;
                }
                self.reload_organizations(None)
            }
        }
    }

    fn open_wizard(&mut self) -> Task<Message> {
        self.page = Page::NewOrganization;
        if self.wizard.is_some() {
            return Task::none();
        }
        let (wizard, task) = wizard::Wizard::new(self.session.client.clone());
        self.show_wizard(wizard, task)
    }

    fn show_wizard(
        &mut self,
        wizard: wizard::Wizard,
        task: Task<wizard::Message>,
    ) -> Task<Message> {
        let mut tasks = Scope::default();
        let task = tasks.run(task.map(Message::Wizard));
        self.wizard = Some((wizard, tasks));
        self.tasks.run(task)
    }

    fn wizard_message(&mut self, message: wizard::Message) -> Task<Message> {
        let Some((wizard, tasks)) = &mut self.wizard else {
            return Task::none();
        };
        match wizard.update(message) {
            wizard::Action::None => Task::none(),
            wizard::Action::Run(task) => {
                let task = tasks.run(task.map(Message::Wizard));
                self.tasks.run(task)
            }
            wizard::Action::Done(id) => {
                self.wizard = None;
                self.reload_organizations(Some(id))
            }
            wizard::Action::Closed => {
                self.wizard = None;
                self.page = Page::Section(Section::Organization);
                self.reload_organizations(None)
            }
        }
    }

    /// Pay for organization `id`: the wizard opens at its payment.
    fn pay_org(&mut self, id: Uuid) -> Task<Message> {
        let client = self.session.client.clone();
        self.tasks.run(Task::perform(
            async move { client.org(&id.to_string()).await.map(Box::new) },
            Message::PayOrgLoaded,
        ))
    }

    fn reload_organizations(&mut self, open: Option<Uuid>) -> Task<Message> {
        let client = self.session.client.clone();
        self.tasks.run(Task::perform(
            async move { client.my_organizations().await },
            move |r| Message::OrgsReloaded(open, r),
        ))
    }

    /// Keeps the account's organizations for the offline switcher.
    fn save_organizations(&self) -> Task<Message> {
        let Some(cache) = self.cache.clone() else {
            return Task::none();
        };
        let key = self.session.cache_key("");
        let orgs = self.session.organizations.clone();
        Task::future(async move {
            let saved = tokio::task::spawn_blocking(move || {
                cache.save(&key, ORGANIZATIONS, &orgs, OffsetDateTime::now_utc())
            })
            .await;
            if let Ok(Err(error)) = saved {
                tracing::warn!(%error, "cannot keep the organizations offline");
            }
        })
        .discard()
    }

    /// Offline: asks the platform again once; online again replaces the
    /// shell, still unreachable updates the banner.
    fn reconnect(&mut self) -> Task<Message> {
        let session = self.session.clone();
        self.tasks
            .run(Task::perform(session.refreshed(), |result| match result {
                Ok(session) => Message::Resumed(Box::new(Resumed::Online(Box::new(session)))),
                // A 401 or a forced reset reached the console already.
                Err(e) => Message::StillOffline(screen::describe(&e)),
            }))
    }

    /// Esc: closes the topmost dialog or pane.
    pub fn escape(&mut self) -> bool {
        if self.leaving.is_asking() {
            let _ = self.leaving.answer(discard::Answer::Keep);
            return true;
        }
        if self.palette.take().is_some() {
            return true;
        }
        if self.shortcuts {
            self.shortcuts = false;
            return true;
        }
        if self.menu_open {
            self.menu_open = false;
            return true;
        }
        if self.page == Page::NewOrganization
            && let Some((wizard, _)) = &mut self.wizard
            && wizard.escape()
        {
            return true;
        }
        let closed = match self.page {
            Page::Profile => self.profile.as_mut().is_some_and(|s| s.escape()),
            page => self.org.as_mut().is_some_and(|view| view.escape(page)),
        };
        closed || self.activity.take().is_some()
    }

    /// Ctrl+R: the page in view reads everything again (offline: the
    /// platform is asked again).
    fn refresh(&mut self) -> Task<Message> {
        if self.offline.is_some() {
            return self.reconnect();
        }
        match (self.page, &mut self.profile, &mut self.org) {
            (Page::Profile, Some(_), _) => self.profile_message(profile::Message::Refresh),
            (Page::Profile, None, _) => Task::none(),
            (page, _, Some(view)) => view.refresh(page),
            (_, _, None) => Task::none(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        match self.activity {
            Some(_) => {
                iced::time::every(ACTIVITY_TICK).map(|_| Message::Activity(activity::Message::Tick))
            }
            None => Subscription::none(),
        }
    }
}
