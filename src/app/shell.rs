//! The signed-in shell: top bar (organization switcher, activity, profile
//! menu), sidebar of sections, the section in view, and the offline mode in
//! which the cached copy is reviewed read-only under a banner.

use std::sync::Arc;
use std::time::Duration;

use iced::widget::{button, column, container, operation, pick_list, row, text};
use iced::{Element, Length, Subscription, Task};
use orgdesk_api::{MembershipStatus, MyOrganization, Organization, codes};
use orgdesk_client::{Client, Error};
use time::OffsetDateTime;
use uuid::Uuid;

use super::offline::{self, Synced};
use super::{Resumed, Session};
use crate::cache::{Cache, CacheKey};
use crate::credentials::Vault;
use crate::fl;
use crate::platform::LocalPlatform;
use crate::screen::{
    self, activity, audit, groups, invitations, login, member, members, my_permissions,
    organizations, password, placeholder, profile, wizard,
};
use crate::session::{Env, platform_key};
use crate::theme;
use crate::widget::modal::modal;
use groups::member_matrix::{self, MemberMatrix};

/// The cache kind of the account's organizations (filed under organization "").
const ORGANIZATIONS: &str = "organizations";
/// How often the open activity pane looks for new requests.
const ACTIVITY_TICK: Duration = Duration::from_millis(400);

#[derive(Debug, Clone)]
pub enum Message {
    Login(login::Message),
    Password(password::Message),
    Members(members::Message),
    Activity(activity::Message),
    Settings(screen::settings::Message),
    Wizard(wizard::Message),
    Invitations(invitations::Message),
    Member(member::Message),
    Profile(profile::Message),
    Groups(groups::Message),
    MemberMatrix(member_matrix::Message),
    MyPermissions(my_permissions::Message),
    /// Offline: a member's cached details (or none were cached).
    MemberCached(Uuid, Option<Box<crate::cache::Cached<member::Details>>>),
    Audit(audit::Message),
    /// Pay for an organization waiting for its payment (opens the wizard there).
    PayOrg(Uuid),
    PayOrgLoaded(Result<Box<Organization>, Error>),
    /// The account's organizations again (after the wizard), then open `Uuid`.
    OrgsReloaded(Option<Uuid>, Result<Vec<MyOrganization>, Error>),
    SeatsLoaded(Result<Box<Organization>, Error>),
    Resumed(Box<Resumed>),
    Navigate(Page),
    SwitchOrg(OrgChoice),
    OpenOrg(Uuid),
    OrgLoaded(String, Result<Box<Organization>, Error>),
    Menu(MenuItem),
    ToggleActivity,
    CacheSynced(String, Result<Synced, String>),
    /// Offline: try the platform again.
    Reconnect,
    SignOut,
    SignedOut(Option<String>),
    SessionEnded(Error),
    FocusSearch,
    Refresh,
    Escape,
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

    pub fn label(self) -> String {
        match self {
            Section::Members => fl!("nav-members"),
            Section::Groups => fl!("nav-groups"),
            Section::Invitations => fl!("nav-invitations"),
            Section::Audit => fl!("nav-audit"),
            Section::Organization => fl!("nav-organization"),
        }
    }
}

/// What the body shows: a section of the sidebar or a page of the profile menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Section(Section),
    Profile,
    Permissions,
    Settings,
    NewOrganization,
}

/// The entries of the profile menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Profile,
    Permissions,
    Settings,
    SignOut,
}

impl MenuItem {
    const ALL: [MenuItem; 4] = [
        MenuItem::Profile,
        MenuItem::Permissions,
        MenuItem::Settings,
        MenuItem::SignOut,
    ];
}

impl std::fmt::Display for MenuItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            MenuItem::Profile => fl!("menu-profile"),
            MenuItem::Permissions => fl!("menu-permissions"),
            MenuItem::Settings => fl!("menu-settings"),
            MenuItem::SignOut => fl!("menu-sign-out"),
        })
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
    pub fn of(org: &MyOrganization) -> Self {
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

/// What the console opens with when the platform cannot be reached.
#[derive(Debug, Clone)]
pub struct OfflineStart {
    pub session: Session,
    pub org: MyOrganization,
    pub members: Vec<orgdesk_api::Member>,
    pub as_of: OffsetDateTime,
    /// Why the platform could not be reached.
    pub reason: String,
}

pub struct Shell {
    session: Session,
    cache: Option<Arc<Cache>>,
    current: Option<OrgChoice>,
    org: Option<Organization>,
    page: Page,
    members: Option<members::Members>,
    /// Set while reviewing the offline copy: when it was fetched.
    offline: Option<OffsetDateTime>,
    offline_reason: Option<String>,
    activity: Option<activity::Pane>,
    activity_log: activity::ActivityLog,
    /// The offline copy's state, in words, at the foot of the sidebar.
    copy_status: Option<String>,
    wizard: Option<wizard::Wizard>,
    invitations: Option<invitations::Invitations>,
    audit: Option<audit::Audit>,
    /// A member's property sheet over the members table.
    member: Option<member::Sheet>,
    profile: Option<profile::Profile>,
    groups: Option<groups::Groups>,
    /// Selected members × permissions, over the members table.
    matrix: Option<MemberMatrix>,
    my_permissions: Option<my_permissions::MyPermissions>,
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
        // the Organizations section first.
        let page = if session.bound.is_some() || session.organizations.len() == 1 {
            Page::Section(Section::Members)
        } else {
            Page::Section(Section::Organization)
        };
        let mut shell = Self {
            cache: env.cache.clone(),
            session,
            current: None,
            org: None,
            page,
            members: None,
            offline: None,
            offline_reason: None,
            activity: None,
            activity_log: env.activity.clone(),
            copy_status: None,
            wizard: None,
            invitations: None,
            audit: None,
            member: None,
            profile: None,
            groups: None,
            matrix: None,
            my_permissions: None,
        };
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
        let (mut members, _online_fetch) =
            members::Members::new(session.client.clone(), choice.id.clone(), None);
        members.show_cached(rows);
        let shell = Self {
            cache: env.cache.clone(),
            session,
            current: Some(choice),
            org: None,
            page: Page::Section(Section::Members),
            members: Some(members),
            offline: Some(as_of),
            offline_reason: Some(reason),
            activity: None,
            activity_log: env.activity.clone(),
            copy_status: None,
            wizard: None,
            invitations: None,
            audit: None,
            member: None,
            profile: None,
            groups: None,
            matrix: None,
            my_permissions: None,
        };
        (shell, Task::none())
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn current(&self) -> Option<&OrgChoice> {
        self.current.as_ref()
    }

    pub fn page(&self) -> Page {
        self.page
    }

    pub fn members(&self) -> Option<&members::Members> {
        self.members.as_ref()
    }

    /// When the copy under review was fetched, while offline.
    pub fn offline_as_of(&self) -> Option<OffsetDateTime> {
        self.offline
    }

    pub fn organization(&self) -> Option<&Organization> {
        self.org.as_ref()
    }

    pub fn update(&mut self, message: Message, env: &mut Env) -> Task<Message> {
        match message {
            Message::Members(m) => self.members_message(m),
            Message::Activity(m) => match &mut self.activity {
                Some(pane) => pane.update(m).map(Message::Activity),
                None => Task::none(),
            },
            Message::Navigate(Page::NewOrganization) => self.open_wizard(),
            Message::Navigate(page) => self.navigate(page),
            Message::Invitations(m) => self.invitations_message(m),
            Message::Member(m) => self.member_message(m),
            Message::MemberCached(id, cached) => {
                match cached {
                    Some(cached) => {
                        self.member = Some(member::Sheet::offline(cached.value, cached.as_of))
                    }
                    None => {
                        self.copy_status = Some(fl!("offline-member-missing"));
                        tracing::info!(%id, "no offline copy of this member");
                    }
                }
                Task::none()
            }
            Message::Audit(m) => self.audit_message(m),
            Message::Wizard(m) => self.wizard_message(m),
            Message::PayOrg(id) => {
                let client = self.session.client.clone();
                Task::perform(
                    async move { client.org(&id.to_string()).await.map(Box::new) },
                    Message::PayOrgLoaded,
                )
            }
            Message::PayOrgLoaded(Ok(org)) => {
                let (wizard, task) = wizard::Wizard::resume(self.session.client.clone(), *org);
                self.wizard = Some(wizard);
                self.page = Page::NewOrganization;
                task.map(Message::Wizard)
            }
            Message::PayOrgLoaded(Err(e)) | Message::OrgsReloaded(_, Err(e))
                if screen::session_ended(&e) =>
            {
                Task::done(Message::SessionEnded(e))
            }
            Message::PayOrgLoaded(Err(e)) | Message::OrgsReloaded(_, Err(e)) => {
                self.copy_status = Some(screen::describe(&e));
                Task::none()
            }
            Message::SeatsLoaded(Ok(org)) => {
                let (used, limit) = (org.subscription.seats_used, org.subscription.seat_limit);
                self.seats_changed(used, limit);
                Task::none()
            }
            Message::SeatsLoaded(Err(_)) => Task::none(),
            Message::OrgsReloaded(open, Ok(orgs)) => {
                self.session.organizations = orgs;
                let save = self.save_organizations();
                let choice = open.and_then(|id| {
                    self.session
                        .organizations
                        .iter()
                        .find(|o| o.id == id)
                        .map(OrgChoice::of)
                });
                match choice {
                    Some(choice) => {
                        self.page = Page::Section(Section::Members);
                        Task::batch([save, self.switch(choice, env)])
                    }
                    None => save,
                }
            }
            Message::SwitchOrg(choice) => self.switch(choice, env),
            Message::OpenOrg(id) => match self
                .session
                .organizations
                .iter()
                .find(|o| o.id == id)
                .map(OrgChoice::of)
            {
                Some(choice) => {
                    self.page = Page::Section(Section::Members);
                    self.switch(choice, env)
                }
                None => Task::none(),
            },
            Message::OrgLoaded(org, result) => self.org_loaded(&org, result),
            Message::Menu(MenuItem::SignOut) => Task::done(Message::SignOut),
            Message::Menu(item) => self.navigate(match item {
                MenuItem::Profile => Page::Profile,
                MenuItem::Permissions => Page::Permissions,
                _ => Page::Settings,
            }),
            Message::Profile(m) => self.profile_message(m),
            Message::Groups(m) => self.groups_message(m),
            Message::MemberMatrix(m) => self.matrix_message(m),
            Message::MyPermissions(m) => self.my_permissions_message(m),
            Message::ToggleActivity => {
                self.activity = match self.activity.take() {
                    Some(_) => None,
                    None => Some(activity::Pane::new(self.activity_log.clone())),
                };
                Task::none()
            }
            Message::CacheSynced(org, result) => {
                if self.current.as_ref().is_some_and(|c| c.id == org) {
                    self.copy_status = Some(match result {
                        Ok(synced) if synced.discarded => {
                            fl!("offline-copy-discarded", members = synced.members)
                        }
                        Ok(synced) => fl!("offline-copy-saved", members = synced.members),
                        Err(why) => fl!("offline-copy-failed", detail = why),
                    });
                }
                Task::none()
            }
            Message::Reconnect => self.reconnect(),
            Message::FocusSearch => match self.page {
                Page::Permissions => operation::focus(my_permissions::search_id()),
                _ => operation::focus(members::search_id()),
            },
            Message::Refresh => self.refresh(),
            _ => Task::none(),
        }
    }

    fn members_message(&mut self, message: members::Message) -> Task<Message> {
        // With a sheet open, the keyboard belongs to it, not the table.
        if (self.member.is_some() || self.matrix.is_some())
            && matches!(
                message,
                members::Message::MoveSelection(_) | members::Message::OpenSelected
            )
        {
            return Task::none();
        }
        let Some(members) = &mut self.members else {
            return Task::none();
        };
        match members.update(message) {
            members::Action::None => Task::none(),
            members::Action::Run(task) => task.map(Message::Members),
            members::Action::OpenMember(id) => self.open_member(id),
            members::Action::ComparePermissions(chosen) => {
                let Some(current) = self.current.clone() else {
                    return Task::none();
                };
                let people = chosen.iter().map(member_matrix::Person::from).collect();
                let (matrix, task) =
                    MemberMatrix::new(self.session.client.clone(), current.id, people);
                self.matrix = Some(matrix);
                task.map(Message::MemberMatrix)
            }
            members::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
        }
    }

    /// Opens a member's sheet: live, or from the offline copy.
    fn open_member(&mut self, id: Uuid) -> Task<Message> {
        let Some(current) = self.current.clone() else {
            return Task::none();
        };
        if self.offline.is_some() {
            let Some(cache) = self.cache.clone() else {
                return Task::none();
            };
            let key = self.session.cache_key(&current.id);
            return Task::perform(
                offline::load_details::<member::Details>(cache, key, id),
                move |cached| Message::MemberCached(id, cached.map(Box::new)),
            );
        }
        let row = self
            .members
            .as_ref()
            .and_then(|m| m.rows().iter().find(|r| r.id == id).cloned());
        let (sheet, task) = member::Sheet::new(self.session.client.clone(), current.id, id, row);
        self.member = Some(sheet);
        task.map(Message::Member)
    }

    fn member_message(&mut self, message: member::Message) -> Task<Message> {
        let Some(sheet) = &mut self.member else {
            return Task::none();
        };
        match sheet.update(message) {
            member::Action::None => Task::none(),
            member::Action::Run(task) => task.map(Message::Member),
            member::Action::Loaded => self.save_member(),
            member::Action::MemberChanged(changed) => {
                if let Some(members) = &mut self.members {
                    members.replace(changed);
                }
                Task::batch([self.save_member(), self.reload_seats()])
            }
            member::Action::Close => {
                self.member = None;
                Task::none()
            }
            member::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
        }
    }

    /// Keeps the open sheet's details for offline review.
    fn save_member(&self) -> Task<Message> {
        let (Some(cache), Some(current), Some(sheet)) = (
            self.cache.clone(),
            self.current.as_ref(),
            self.member.as_ref(),
        ) else {
            return Task::none();
        };
        let Some(details) = sheet.details().cloned() else {
            return Task::none();
        };
        let key = self.session.cache_key(&current.id);
        let id = sheet.id();
        Task::future(async move {
            if let Err(error) = offline::save_details(cache, key, id, details).await {
                tracing::warn!(%error, "cannot keep the member offline");
            }
        })
        .discard()
    }

    /// The organization again, for its seat figures (a suspension frees a seat).
    fn reload_seats(&self) -> Task<Message> {
        let Some(current) = self.current.clone() else {
            return Task::none();
        };
        let client = self.session.client.clone();
        Task::perform(
            async move { client.org(&current.id).await.map(Box::new) },
            Message::SeatsLoaded,
        )
    }

    /// Shows `page`, building its screen on first visit in this organization.
    fn navigate(&mut self, page: Page) -> Task<Message> {
        self.page = page;
        if self.offline.is_some() {
            return Task::none();
        }
        let client = self.session.client.clone();
        if page == Page::Profile && self.profile.is_none() {
            let (screen, task) = profile::Profile::new(client);
            self.profile = Some(screen);
            return task.map(Message::Profile);
        }
        let Some(current) = self.current.clone() else {
            return Task::none();
        };
        match page {
            Page::Section(Section::Groups) if self.groups.is_none() => {
                let (screen, task) = groups::Groups::new(client, current.id);
                self.groups = Some(screen);
                task.map(Message::Groups)
            }
            Page::Permissions if self.my_permissions.is_none() => {
                let (screen, task) = my_permissions::MyPermissions::new(client, current.id);
                self.my_permissions = Some(screen);
                task.map(Message::MyPermissions)
            }
            Page::Section(Section::Invitations) if self.invitations.is_none() => {
                let seats = self.seats();
                let (screen, task) = invitations::Invitations::new(client, current.id, seats);
                self.invitations = Some(screen);
                task.map(Message::Invitations)
            }
            Page::Section(Section::Audit) if self.audit.is_none() => {
                let (screen, task) = audit::Audit::new(client, current.id);
                self.audit = Some(screen);
                task.map(Message::Audit)
            }
            _ => Task::none(),
        }
    }

    fn seats(&self) -> Option<(u32, u32)> {
        self.org
            .as_ref()
            .map(|o| (o.subscription.seats_used, o.subscription.seat_limit))
    }

    /// The seats changed (an invitation, a revoke, a suspension).
    fn seats_changed(&mut self, used: u32, limit: u32) {
        if let Some(org) = &mut self.org {
            org.subscription.seats_used = used;
            org.subscription.seat_limit = limit;
        }
        if let Some(members) = &mut self.members {
            members.set_seats(Some((used, limit)));
        }
    }

    fn invitations_message(&mut self, message: invitations::Message) -> Task<Message> {
        let Some(screen) = &mut self.invitations else {
            return Task::none();
        };
        match screen.update(message) {
            invitations::Action::None => Task::none(),
            invitations::Action::Run(task) => task.map(Message::Invitations),
            invitations::Action::SeatsChanged(used, limit) => {
                self.seats_changed(used, limit);
                Task::none()
            }
            invitations::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
        }
    }

    fn groups_message(&mut self, message: groups::Message) -> Task<Message> {
        let Some(screen) = &mut self.groups else {
            return Task::none();
        };
        match screen.update(message) {
            groups::Action::None => Task::none(),
            groups::Action::Run(task) => task.map(Message::Groups),
            groups::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
        }
    }

    fn matrix_message(&mut self, message: member_matrix::Message) -> Task<Message> {
        let Some(matrix) = &mut self.matrix else {
            return Task::none();
        };
        match matrix.update(message) {
            member_matrix::Action::None => Task::none(),
            member_matrix::Action::Run(task) => task.map(Message::MemberMatrix),
            member_matrix::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
            member_matrix::Action::Close => {
                self.matrix = None;
                Task::none()
            }
        }
    }

    fn profile_message(&mut self, message: profile::Message) -> Task<Message> {
        let Some(screen) = &mut self.profile else {
            return Task::none();
        };
        match screen.update(message) {
            profile::Action::None => Task::none(),
            profile::Action::Run(task) => task.map(Message::Profile),
            profile::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
            // This very session was signed out there: nothing left to revoke.
            profile::Action::SignedOut => Task::done(Message::SignedOut(None)),
        }
    }

    fn my_permissions_message(&mut self, message: my_permissions::Message) -> Task<Message> {
        let Some(screen) = &mut self.my_permissions else {
            return Task::none();
        };
        match screen.update(message) {
            my_permissions::Action::None => Task::none(),
            my_permissions::Action::Run(task) => task.map(Message::MyPermissions),
            my_permissions::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
        }
    }

    fn audit_message(&mut self, message: audit::Message) -> Task<Message> {
        let Some(screen) = &mut self.audit else {
            return Task::none();
        };
        match screen.update(message) {
            audit::Action::None => Task::none(),
            audit::Action::Run(task) => task.map(Message::Audit),
            audit::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
        }
    }

    fn open_wizard(&mut self) -> Task<Message> {
        self.page = Page::NewOrganization;
        if self.wizard.is_some() {
            return Task::none();
        }
        let (wizard, task) = wizard::Wizard::new(self.session.client.clone());
        self.wizard = Some(wizard);
        task.map(Message::Wizard)
    }

    fn wizard_message(&mut self, message: wizard::Message) -> Task<Message> {
        let Some(wizard) = &mut self.wizard else {
            return Task::none();
        };
        match wizard.update(message) {
            wizard::Action::None => Task::none(),
            wizard::Action::Run(task) => task.map(Message::Wizard),
            wizard::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
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

    fn reload_organizations(&self, open: Option<Uuid>) -> Task<Message> {
        let client = self.session.client.clone();
        Task::perform(async move { client.my_organizations().await }, move |r| {
            Message::OrgsReloaded(open, r)
        })
    }

    /// Esc: closes the topmost dialog or pane.
    pub fn escape(&mut self) -> bool {
        if self.page == Page::NewOrganization
            && let Some(wizard) = &mut self.wizard
            && wizard.escape()
        {
            return true;
        }
        if self.page == Page::Section(Section::Members) && self.matrix.take().is_some() {
            return true;
        }
        if self.page == Page::Section(Section::Members)
            && let Some(sheet) = &mut self.member
        {
            if !sheet.escape() {
                self.member = None;
            }
            return true;
        }
        let closed = match self.page {
            Page::Section(Section::Invitations) => {
                self.invitations.as_mut().is_some_and(|s| s.escape())
            }
            Page::Profile => self.profile.as_mut().is_some_and(|s| s.escape()),
            Page::Section(Section::Groups) => self.groups.as_mut().is_some_and(|s| s.escape()),
            _ => false,
        };
        closed || self.activity.take().is_some()
    }

    fn refresh(&mut self) -> Task<Message> {
        if self.offline.is_some() {
            return self.reconnect();
        }
        match self.page {
            Page::Section(Section::Invitations) => {
                self.invitations_message(invitations::Message::Refresh)
            }
            Page::Section(Section::Audit) => self.audit_message(audit::Message::Refresh),
            Page::Profile => self.profile_message(profile::Message::Refresh),
            Page::Section(Section::Groups) => self.groups_message(groups::Message::Refresh),
            Page::Permissions => self.my_permissions_message(my_permissions::Message::Refresh),
            _ => {
                let reload = self.members_message(members::Message::Refresh);
                Task::batch([reload, self.sync_copy()])
            }
        }
    }

    fn switch(&mut self, choice: OrgChoice, env: &mut Env) -> Task<Message> {
        if self.offline.is_some() {
            return Task::none();
        }
        self.members = None;
        self.org = None;
        self.copy_status = None;
        self.invitations = None;
        self.audit = None;
        self.member = None;
        self.my_permissions = None;
        self.groups = None;
        self.matrix = None;
        let id = choice.id.clone();
        env.settings.last_organization = Some(id.clone());
        env.save_settings();
        self.current = Some(choice);
        let client = self.session.client.clone();
        Task::perform(
            {
                let id = id.clone();
                async move { client.org(&id).await.map(Box::new) }
            },
            move |result| Message::OrgLoaded(id.clone(), result),
        )
    }

    fn org_loaded(&mut self, org: &str, result: Result<Box<Organization>, Error>) -> Task<Message> {
        if self.current.as_ref().is_none_or(|c| c.id != org) {
            return Task::none();
        }
        let seats = match result {
            Ok(found) => {
                let seats = (found.subscription.seats_used, found.subscription.seat_limit);
                self.org = Some(*found);
                Some(seats)
            }
            Err(e) if screen::session_ended(&e) => return Task::done(Message::SessionEnded(e)),
            // Still list members: a suspended membership or a missing
            // permission says so there, in words.
            Err(_) => None,
        };
        let (members, task) =
            members::Members::new(self.session.client.clone(), org.to_string(), seats);
        self.members = Some(members);
        // The section in view gets its screen for this organization.
        let section = self.navigate(self.page);
        Task::batch([task.map(Message::Members), self.sync_copy(), section])
    }

    /// Brings the offline copy of the current organization's members up to date.
    fn sync_copy(&self) -> Task<Message> {
        let (Some(cache), Some(current)) = (self.cache.clone(), self.current.as_ref()) else {
            return Task::none();
        };
        if current.suspended {
            return Task::none();
        }
        let org = current.id.clone();
        let key = self.session.cache_key(&org);
        let client = self.session.client.clone();
        Task::perform(
            {
                let org = org.clone();
                async move {
                    offline::sync_members(client, org, cache, key)
                        .await
                        .map_err(|e| e.to_string())
                }
            },
            move |result| Message::CacheSynced(org.clone(), result),
        )
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

    /// Offline: asks the platform again; online again replaces the shell.
    fn reconnect(&self) -> Task<Message> {
        let session = self.session.clone();
        Task::perform(
            async move {
                match refreshed(session).await {
                    Ok(session) => Resumed::Online(Box::new(session)),
                    Err(e) if screen::session_ended(&e) => {
                        Resumed::SignIn(Some(screen::describe(&e)))
                    }
                    Err(e) => {
                        tracing::info!(error = %e, "still offline");
                        Resumed::SignIn(None)
                    }
                }
            },
            |resumed| match resumed {
                Resumed::SignIn(None) => Message::Refresh,
                other => Message::Resumed(Box::new(other)),
            },
        )
    }

    pub fn subscription(&self) -> Subscription<Message> {
        match self.activity {
            Some(_) => {
                iced::time::every(ACTIVITY_TICK).map(|_| Message::Activity(activity::Message::Tick))
            }
            None => Subscription::none(),
        }
    }

    pub fn view<'a>(&'a self, env: &'a Env) -> Element<'a, Message> {
        let mut choices: Vec<OrgChoice> = self
            .session
            .organizations
            .iter()
            .map(OrgChoice::of)
            .collect();
        if let Some(current) = &self.current
            && !choices.contains(current)
        {
            choices.push(current.clone());
        }
        let switcher = pick_list(choices, self.current.clone(), Message::SwitchOrg)
            .placeholder(fl!("org-choose"))
            .width(Length::Fixed(280.0));
        let menu = pick_list(MenuItem::ALL, None::<MenuItem>, Message::Menu)
            .placeholder(self.session.name.clone())
            .width(Length::Fixed(220.0));
        let activity_label = if self.activity.is_some() {
            fl!("activity-hide")
        } else {
            fl!("activity-show")
        };
        let top = container(
            row![
                text(fl!("app-name")).size(20),
                switcher,
                iced::widget::Space::new().width(Length::Fill),
                button(text(activity_label).size(13))
                    .style(button::text)
                    .on_press(Message::ToggleActivity),
                menu,
            ]
            .spacing(16)
            .align_y(iced::Alignment::Center),
        )
        .padding([8, 16])
        .style(theme::top_bar);
        let mut body_and_pane = row![self.sidebar(), self.body(env)];
        if let Some(pane) = &self.activity {
            body_and_pane = body_and_pane.push(pane.view().map(Message::Activity));
        }
        let mut page = column![top];
        if let Some(as_of) = self.offline {
            let reason = self.offline_reason.clone().unwrap_or_default();
            page = page.push(
                container(
                    row![
                        text(fl!("offline-banner", time = screen::short_time(as_of))).size(14),
                        text(reason).size(12),
                        iced::widget::Space::new().width(Length::Fill),
                        button(text(fl!("offline-retry")).size(13))
                            .style(button::secondary)
                            .on_press(Message::Reconnect),
                    ]
                    .spacing(12)
                    .align_y(iced::Alignment::Center),
                )
                .padding([8, 16])
                .width(Length::Fill)
                .style(theme::banner),
            );
        }
        page.push(body_and_pane).into()
    }

    fn sidebar(&self) -> Element<'_, Message> {
        let mut nav = column![]
            .spacing(4)
            .padding(12)
            .width(Length::Fixed(theme::SIDEBAR_WIDTH));
        for section in Section::ALL {
            let here = self.page == Page::Section(section);
            nav = nav.push(
                button(text(section.label()))
                    .width(Length::Fill)
                    .style(theme::nav_button(here))
                    .on_press(Message::Navigate(Page::Section(section))),
            );
        }
        let mut side = column![nav];
        let mut foot = column![].spacing(6).padding(12);
        if let Some(status) = &self.copy_status {
            foot = foot.push(text(status.clone()).size(11).style(theme::muted_text));
        }
        if let Some(local) = &self.session.local {
            foot = foot.push(
                text(fl!("signin-local-ready", url = local.url.clone()))
                    .size(11)
                    .style(theme::muted_text),
            );
        }
        side = side.push(iced::widget::Space::new().height(Length::Fill));
        side = side.push(foot);
        container(side)
            .height(Length::Fill)
            .style(theme::sidebar)
            .into()
    }

    fn body<'a>(&'a self, env: &'a Env) -> Element<'a, Message> {
        let offline = self.offline.is_some();
        match self.page {
            Page::Section(Section::Members) => match &self.members {
                Some(members) => match (&self.member, &self.matrix) {
                    (_, Some(matrix)) => modal(
                        members.view().map(Message::Members),
                        matrix.view().map(Message::MemberMatrix),
                        Message::MemberMatrix(member_matrix::Message::Close),
                    ),
                    (Some(sheet), None) => modal(
                        members.view().map(Message::Members),
                        sheet.view().map(Message::Member),
                        Message::Member(member::Message::Close),
                    ),
                    (None, None) => members.view().map(Message::Members),
                },
                None => container(text(fl!("members-loading")))
                    .center(Length::Fill)
                    .into(),
            },
            Page::Section(Section::Organization) => organizations::view(
                &self.session.organizations,
                self.org.as_ref(),
                self.current.as_ref().map(|c| c.id.as_str()),
                offline,
            )
            .map(|action| match action {
                organizations::Message::Open(id) => Message::OpenOrg(id),
                organizations::Message::Pay(id) => Message::PayOrg(id),
                organizations::Message::Create => Message::Navigate(Page::NewOrganization),
            }),
            Page::Section(Section::Invitations) if !offline => match &self.invitations {
                Some(screen) => screen.view().map(Message::Invitations),
                None => placeholder::view(Section::Invitations.label()),
            },
            Page::Section(Section::Audit) if !offline => match &self.audit {
                Some(screen) => screen.view().map(Message::Audit),
                None => placeholder::view(Section::Audit.label()),
            },
            Page::Section(Section::Groups) if !offline => match &self.groups {
                Some(screen) => screen.view().map(Message::Groups),
                None => placeholder::view(Section::Groups.label()),
            },
            Page::Profile if !offline => match &self.profile {
                Some(screen) => screen.view().map(Message::Profile),
                None => placeholder::view(fl!("menu-profile")),
            },
            Page::Permissions if !offline => match &self.my_permissions {
                Some(screen) => screen.view().map(Message::MyPermissions),
                None => placeholder::view(fl!("menu-permissions")),
            },
            Page::NewOrganization if !offline => match &self.wizard {
                Some(wizard) => wizard.view().map(Message::Wizard),
                None => placeholder::view(fl!("org-create")),
            },
            Page::Settings => screen::settings::view(
                &env.settings,
                &screen::settings::Places {
                    settings_file: env.settings_path.clone(),
                    cache_folder: env.cache.as_ref().map(|c| c.dir().to_path_buf()),
                    keyring_problem: env.vault_problem.as_ref().map(|e| e.to_string()),
                },
            )
            .map(Message::Settings),
            _ if offline => placeholder::view(fl!("offline-unavailable")),
            Page::Section(section) => placeholder::view(section.label()),
            Page::Profile => placeholder::view(fl!("menu-profile")),
            Page::Permissions => placeholder::view(fl!("menu-permissions")),
            Page::NewOrganization => placeholder::view(fl!("org-create")),
        }
    }
}

/// The session's account and organizations, fetched again.
async fn refreshed(mut session: Session) -> Result<Session, Error> {
    let me = session.client.me().await?;
    session.organizations = session.client.my_organizations().await?;
    session.email = me.email;
    session.name = me.name;
    Ok(session)
}

/// Resumes the session whose token the vault keeps for the last platform and
/// account, if any; see [`Resumed`].
pub fn resume(env: &Env) -> Option<Task<Message>> {
    let settings = &env.settings;
    let email = settings.last_account.clone()?;
    let local = settings.local_platform;
    let url = settings.platform_url.clone().unwrap_or_default();
    if !local && url.is_empty() {
        return None;
    }
    let key = platform_key(&url, local);
    let token = match env.vault.load(&key, &email) {
        Ok(Some(token)) => token,
        Ok(None) => return None,
        Err(error) => {
            tracing::warn!(%error, "cannot read the stored session");
            return None;
        }
    };
    let start = Resume {
        url,
        local: local.then(|| env.local_data_dir.clone()),
        email,
        token,
        observer: env.activity.observer(),
        vault: env.vault.clone(),
        cache: env.cache.clone(),
        last_org: settings.last_organization.clone(),
    };
    Some(Task::perform(start.run(), |resumed| {
        Message::Resumed(Box::new(resumed))
    }))
}

struct Resume {
    url: String,
    local: Option<std::path::PathBuf>,
    email: String,
    token: String,
    observer: orgdesk_client::Observer,
    vault: Arc<dyn Vault>,
    cache: Option<Arc<Cache>>,
    last_org: Option<String>,
}

impl Resume {
    async fn run(self) -> Resumed {
        let (url, local) = match &self.local {
            Some(dir) => match LocalPlatform::start(dir.clone()).await {
                Ok(platform) => (platform.url.clone(), Some(platform)),
                Err(e) => {
                    return Resumed::SignIn(Some(fl!(
                        "signin-local-failed",
                        detail = format!("{e:#}")
                    )));
                }
            },
            None => (self.url.clone(), None),
        };
        let client = match Client::new(&url) {
            Ok(client) => client
                .with_observer(self.observer.clone())
                .with_token(self.token.clone()),
            Err(e) => return Resumed::SignIn(Some(screen::describe(&e))),
        };
        let session = Session {
            client,
            platform: url,
            local,
            email: self.email.clone(),
            name: self.email.clone(),
            organizations: Vec::new(),
            bound: None,
        };
        match refreshed(session.clone()).await {
            Ok(session) => Resumed::Online(Box::new(session)),
            Err(e) if e.code() == Some(codes::PASSWORD_RESET_REQUIRED) => {
                Resumed::ResetRequired(Box::new(session))
            }
            Err(e) if e.is_network() => self.offline(session, screen::describe(&e)).await,
            Err(e) => {
                let key = session.platform_key();
                if let Err(error) = self.vault.delete(&key, &self.email) {
                    tracing::warn!(%error, "cannot delete the ended session's token");
                }
                Resumed::SignIn(Some(screen::describe(&e)))
            }
        }
    }

    /// The offline copy of the last organization, if there is one.
    async fn offline(&self, mut session: Session, reason: String) -> Resumed {
        let (Some(cache), Some(org)) = (self.cache.clone(), self.last_org.clone()) else {
            return Resumed::SignIn(Some(reason));
        };
        let orgs_key = session.cache_key("");
        let orgs = {
            let cache = cache.clone();
            tokio::task::spawn_blocking(move || {
                cache.load::<Vec<MyOrganization>>(&orgs_key, ORGANIZATIONS)
            })
            .await
            .ok()
            .and_then(Result::ok)
            .flatten()
        };
        let Some(orgs) = orgs else {
            return Resumed::SignIn(Some(reason));
        };
        let Some(found) = orgs.value.iter().find(|o| o.id.to_string() == org).cloned() else {
            return Resumed::SignIn(Some(reason));
        };
        session.organizations = orgs.value;
        let key: CacheKey = session.cache_key(&org);
        match offline::load_members(cache, key).await {
            Ok((Some(copy), _)) => Resumed::Offline(Box::new(OfflineStart {
                session,
                org: found,
                members: copy.value.members,
                as_of: copy.as_of,
                reason,
            })),
            Ok((None, true)) => {
                Resumed::SignIn(Some(format!("{reason} {}", fl!("offline-copy-tampered"))))
            }
            _ => Resumed::SignIn(Some(reason)),
        }
    }
}
