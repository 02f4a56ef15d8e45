//! The signed-in shell: top bar (organization switcher, activity, profile
//! menu), sidebar of sections, the section in view, and the offline mode in
//! which the cached copy is reviewed read-only under a banner.

mod messages;
mod sections;

pub use messages::{MenuItem, Message, OfflineStart, OrgChoice, Page, Section};

use std::sync::Arc;
use std::time::Duration;

use iced::widget::{button, column, container, operation, pick_list, row, text};
use iced::{Element, Length, Subscription, Task};
use orgdesk_api::{MembershipStatus, Organization};
use orgdesk_client::Error;
use time::OffsetDateTime;

use crate::app::offline::{self};
use crate::app::{Resumed, Session};
use crate::cache::Cache;
use crate::fl;
use crate::screen::{
    self, activity, audit, bulk, groups, invitations, member, members, my_permissions,
    organizations, placeholder, profile, wizard,
};
use crate::session::Env;
use crate::theme;
use crate::widget::modal::modal;
use groups::member_matrix::{self, MemberMatrix};

/// The cache kind of the account's organizations (filed under organization "").
pub(crate) const ORGANIZATIONS: &str = "organizations";
/// How often the open activity pane looks for new requests.
const ACTIVITY_TICK: Duration = Duration::from_millis(400);

/// Numbers organization views across shells, so late answers of an old one
/// are recognized (see [`Message::ForOrg`]).
static VIEWS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

pub(super) fn next_view() -> u64 {
    VIEWS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

pub struct Shell {
    /// The organization view messages must belong to.
    view: u64,
    /// The open bulk dialog's and wizard's numbers (see [`Message::ForDialog`]).
    bulk_id: u64,
    wizard_id: u64,
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
    /// A bulk group edit (selection or CSV), over the members table.
    bulk: Option<bulk::Bulk>,
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
            view: next_view(),
            bulk_id: 0,
            wizard_id: 0,
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
            bulk: None,
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
            view: next_view(),
            bulk_id: 0,
            wizard_id: 0,
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
            bulk: None,
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

    /// An `orgdesk://` link of this session's platform: `org` in view, then
    /// the member's sheet, the Groups section or the audit log.
    pub fn open_link(
        &mut self,
        org: &orgdesk_api::MyOrganization,
        item: crate::desktop::link::Item,
        env: &mut Env,
    ) -> Task<Message> {
        use crate::desktop::link::Item;
        let switch = match &self.current {
            Some(current) if current.id == org.id.to_string() => Task::none(),
            // The offline copy is of one organization only.
            _ if self.offline.is_some() => return Task::none(),
            _ => self.switch(OrgChoice::of(org), env),
        };
        let open = match item {
            Item::Member(id) => {
                self.page = Page::Section(Section::Members);
                self.open_member(id)
            }
            Item::Group(_) => self.navigate(Page::Section(Section::Groups)),
            Item::AuditEntry(_) => self.navigate(Page::Section(Section::Audit)),
        };
        Task::batch([switch, open])
    }

    /// Tags a screen's task with the organization view it belongs to.
    pub(super) fn for_dialog<M: Send + 'static>(
        id: u64,
        task: Task<M>,
        wrap: fn(M) -> Message,
    ) -> Task<Message> {
        task.map(move |m| Message::ForDialog(id, Box::new(wrap(m))))
    }

    pub(super) fn for_org<M: Send + 'static>(
        &self,
        task: Task<M>,
        wrap: fn(M) -> Message,
    ) -> Task<Message> {
        let view = self.view;
        task.map(move |m| Message::ForOrg(view, Box::new(wrap(m))))
    }

    pub fn update(&mut self, message: Message, env: &mut Env) -> Task<Message> {
        match message {
            Message::ForOrg(view, inner) if view == self.view => self.update(*inner, env),
            Message::ForOrg(..) => Task::none(),
            Message::ForDialog(id, inner) => {
                let current = match *inner {
                    Message::Bulk(_) => id == self.bulk_id,
                    Message::Wizard(_) => id == self.wizard_id,
                    _ => true,
                };
                if current {
                    self.update(*inner, env)
                } else {
                    Task::none()
                }
            }
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
                self.wizard_id = next_view();
                self.page = Page::NewOrganization;
                Self::for_dialog(self.wizard_id, task, Message::Wizard)
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
            Message::Bulk(m) => self.bulk_message(m),
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
            Message::StillOffline(reason) => {
                self.offline_reason = Some(reason);
                Task::none()
            }
            Message::FocusSearch => match self.page {
                Page::Permissions => operation::focus(my_permissions::search_id()),
                _ => operation::focus(members::search_id()),
            },
            Message::Refresh => self.refresh(),
            _ => Task::none(),
        }
    }
    fn switch(&mut self, choice: OrgChoice, env: &mut Env) -> Task<Message> {
        if self.offline.is_some() {
            return Task::none();
        }
        self.view = next_view();
        self.members = None;
        self.org = None;
        self.copy_status = None;
        self.invitations = None;
        self.audit = None;
        self.member = None;
        self.my_permissions = None;
        self.groups = None;
        self.matrix = None;
        self.bulk = None;
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
        Task::batch([
            self.for_org(task, Message::Members),
            self.sync_copy(),
            section,
        ])
    }

    /// Brings the offline copy of the current organization's members up to date.
    pub(super) fn sync_copy(&self) -> Task<Message> {
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

    /// Offline: asks the platform again once; online again replaces the
    /// shell, still unreachable updates the banner.
    fn reconnect(&self) -> Task<Message> {
        let session = self.session.clone();
        Task::perform(
            async move { crate::app::resume::refreshed(session).await },
            |result| match result {
                Ok(session) => Message::Resumed(Box::new(Resumed::Online(Box::new(session)))),
                // A 401 deletes the token there; a forced reset opens its form.
                Err(e) if screen::session_ended(&e) => Message::SessionEnded(e),
                Err(e) => Message::StillOffline(screen::describe(&e)),
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
        // A session bound to one organization (signed in at its address)
        // can reach no other: the switcher offers only that one.
        let mut choices: Vec<OrgChoice> = self
            .session
            .organizations
            .iter()
            .filter(|o| self.session.bound.is_none_or(|bound| bound == o.id))
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
            .width(Length::Fixed(theme::SIDEBAR_WIDTH))
            .height(Length::Fill)
            .style(theme::sidebar)
            .into()
    }

    fn body<'a>(&'a self, env: &'a Env) -> Element<'a, Message> {
        let offline = self.offline.is_some();
        match self.page {
            Page::Section(Section::Members) => match &self.members {
                Some(members) => match (&self.member, &self.matrix) {
                    _ if self.bulk.is_some() => modal(
                        members.view().map(Message::Members),
                        self.bulk
                            .as_ref()
                            .map(|b| b.view().map(Message::Bulk))
                            .unwrap_or_else(|| text("").into()),
                        Message::Bulk(bulk::Message::Dismiss),
                    ),
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
                None => placeholder::view(fl!("org-choose-first")),
            },
            Page::Section(Section::Audit) if !offline => match &self.audit {
                Some(screen) => screen.view().map(Message::Audit),
                None => placeholder::view(fl!("org-choose-first")),
            },
            Page::Section(Section::Groups) if !offline => match &self.groups {
                Some(screen) => screen.view().map(Message::Groups),
                None => placeholder::view(fl!("org-choose-first")),
            },
            Page::Profile if !offline => match &self.profile {
                Some(screen) => screen.view().map(Message::Profile),
                None => placeholder::view(fl!("org-choose-first")),
            },
            Page::Permissions if !offline => match &self.my_permissions {
                Some(screen) => screen.view().map(Message::MyPermissions),
                None => placeholder::view(fl!("org-choose-first")),
            },
            Page::NewOrganization if !offline => match &self.wizard {
                Some(wizard) => wizard.view().map(Message::Wizard),
                None => placeholder::view(fl!("org-choose-first")),
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
            _ => placeholder::view(fl!("org-choose-first")),
        }
    }
}
