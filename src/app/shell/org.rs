//! The organization in view: its screens (the members table and the dialogs
//! over it, groups, invitations, the audit log, the caller's permissions),
//! each built on first visit. A switch to another organization replaces the
//! whole view; its tasks end with it, so no answer for the organization left
//! reaches the one in view.

use std::collections::BTreeMap;
use std::sync::Arc;

use iced::Task;
use iced::keyboard::Modifiers;
use iced::widget::operation;
use orgdesk_api::{Member, Organization};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use crate::app::message::{Key, Message, OrgChoice, Page, Section};
use crate::app::offline;
use crate::cache::{Cache, CacheKey};
use crate::desktop::{self, link::Item};
use crate::fl;
use crate::remote::Scope;
use crate::screen::groups::member_matrix::{self, MemberMatrix};
use crate::screen::overview::{self, Link};
use crate::screen::{audit, bulk, domains, groups, invitations, member, members, my_permissions};
use crate::settings::TableColumns;

mod sync;

pub struct OrgView {
    pub(super) choice: OrgChoice,
    client: Client,
    /// The offline cache, and where this organization's copy is filed in it.
    cache: Option<(Arc<Cache>, CacheKey)>,
    /// Reviewing the offline copy: the platform is not asked anything.
    offline: bool,
    /// The organization as the platform last answered (its seats).
    pub(super) org: Option<Organization>,
    pub(super) members: Option<members::Members>,
    /// A member's property sheet over the members table.
    pub(super) member: Option<member::Sheet>,
    /// A bulk group edit over the members table; its tasks end when it closes.
    pub(super) bulk: Option<(bulk::Bulk, Scope)>,
    /// Selected members × permissions, over the members table.
    pub(super) matrix: Option<MemberMatrix>,
    pub(super) groups: Option<groups::Groups>,
    pub(super) invitations: Option<invitations::Invitations>,
    pub(super) audit: Option<audit::Audit>,
    pub(super) my_permissions: Option<my_permissions::MyPermissions>,
    pub(super) overview: Option<overview::Overview>,
    /// The verified domains, in the Organization section.
    pub(super) domains: Option<domains::Domains>,
    /// Governance: permission snapshots, access reviews.
    pub(super) governance: Option<crate::screen::governance::Governance>,
    /// The offline copy's state, in words, at the foot of the sidebar.
    pub(super) copy_status: Option<String>,
    /// The offline copy being brought up to date, with Cancel.
    pub(super) syncing: Option<crate::widget::progress::Running>,
    /// The tables' columns as saved: each table starts from its own.
    tables: BTreeMap<String, TableColumns>,
    tasks: Scope,
}

impl OrgView {
    /// The view of `choice`, reading the organization first.
    pub fn open(
        choice: OrgChoice,
        client: Client,
        cache: Option<(Arc<Cache>, CacheKey)>,
    ) -> (Self, Task<Message>) {
        let mut view = Self::empty(choice, client, cache, false);
        let (client, id) = (view.client.clone(), view.choice.id.clone());
        let task = Task::perform(
            {
                let id = id.clone();
                async move { client.org(&id).await.map(Box::new) }
            },
            move |result| Message::OrgLoaded(id.clone(), result),
        );
        let task = view.tasks.run(task);
        (view, task)
    }

    /// The offline copy of `choice`'s members, read-only.
    pub fn offline(
        choice: OrgChoice,
        client: Client,
        cache: Option<(Arc<Cache>, CacheKey)>,
        rows: Vec<Member>,
    ) -> Self {
        let mut view = Self::empty(choice, client, cache, true);
        let (mut members, _online_fetch) =
            members::Members::new(view.client.clone(), view.choice.id.clone(), None);
        members.show_cached(rows);
        view.members = Some(members);
        view
    }

    fn empty(
        choice: OrgChoice,
        client: Client,
        cache: Option<(Arc<Cache>, CacheKey)>,
        offline: bool,
    ) -> Self {
        Self {
            choice,
            client,
            cache,
            offline,
            org: None,
            members: None,
            member: None,
            bulk: None,
            matrix: None,
            groups: None,
            invitations: None,
            audit: None,
            my_permissions: None,
            overview: None,
            domains: None,
            governance: None,
            copy_status: None,
            syncing: None,
            tables: BTreeMap::new(),
            tasks: Scope::default(),
        }
    }

    /// The tables' columns as saved; the screens open now take theirs.
    pub(super) fn remember_tables(&mut self, tables: BTreeMap<String, TableColumns>) {
        self.tables = tables;
        if let Some(screen) = &mut self.members {
            screen.set_columns(self.tables.get(members::TABLE));
        }
        if let Some(screen) = &mut self.audit {
            screen.set_columns(self.tables.get(audit::TABLE));
        }
    }

    /// A table's columns changed: the next screen of it starts from them.
    pub(super) fn columns_changed(&mut self, table: &str, columns: TableColumns) {
        self.tables.insert(table.to_string(), columns);
    }

    /// `task` of a screen of this view, mapped into a [`Message`]: aborted
    /// when the view goes.
    fn run<M: Send + 'static>(&mut self, task: Task<M>, wrap: fn(M) -> Message) -> Task<Message> {
        self.tasks.run(task.map(wrap))
    }

    /// The organization arrived (or could not be read): the members table,
    /// the screen of the section in view, and the offline copy brought up to date.
    pub fn loaded(
        &mut self,
        result: Result<Box<Organization>, Error>,
        page: Page,
    ) -> Task<Message> {
        let seats = match result {
            Ok(found) => {
                let seats = (found.subscription.seats_used, found.subscription.seat_limit);
                self.org = Some(*found);
                Some(seats)
            }
            // Still list members: a suspended membership or a missing
            // permission says so there, in words.
            Err(_) => None,
        };
        let (mut members, task) =
            members::Members::new(self.client.clone(), self.choice.id.clone(), seats);
        members.set_columns(self.tables.get(members::TABLE));
        self.members = Some(members);
        let members = self.run(task, Message::Members);
        let section = self.show(page);
        Task::batch([members, self.sync_copy(), self.sync_reviews_copy(), section])
    }

    /// The screen of `page`, built on its first visit here.
    pub fn show(&mut self, page: Page) -> Task<Message> {
        let (client, id) = (self.client.clone(), self.choice.id.clone());
        if self.offline {
            // Offline, only the access reviews of the copy can be worked on.
            return match (page, self.cache.clone()) {
                (Page::Section(Section::Governance), Some(store)) if self.governance.is_none() => {
                    let (screen, task) =
                        crate::screen::governance::Governance::offline(client, id, store);
                    self.governance = Some(screen);
                    self.run(task, Message::Governance)
                }
                _ => Task::none(),
            };
        }
        match page {
            Page::Section(Section::Overview) if self.overview.is_none() => {
                let (screen, task) = overview::Overview::new(client, id);
                self.overview = Some(screen);
                self.run(task, Message::Overview)
            }
            Page::Section(Section::Groups) if self.groups.is_none() => {
                let (screen, task) = groups::Groups::new(client, id);
                self.groups = Some(screen);
                self.run(task, Message::Groups)
            }
            Page::Permissions if self.my_permissions.is_none() => {
                let (screen, task) = my_permissions::MyPermissions::new(client, id);
                self.my_permissions = Some(screen);
                self.run(task, Message::MyPermissions)
            }
            Page::Section(Section::Invitations) if self.invitations.is_none() => {
                let (screen, task) = invitations::Invitations::new(client, id, self.seats());
                self.invitations = Some(screen);
                self.run(task, Message::Invitations)
            }
            Page::Section(Section::Audit) if self.audit.is_none() => {
                let (mut screen, task) = audit::Audit::new(client, id);
                screen.set_columns(self.tables.get(audit::TABLE));
                self.audit = Some(screen);
                self.run(task, Message::Audit)
            }
            Page::Section(Section::Organization) if self.domains.is_none() => {
                let (screen, task) = domains::Domains::new(client, id);
                self.domains = Some(screen);
                self.run(task, Message::Domains)
            }
            Page::Section(Section::Governance) if self.governance.is_none() => {
                let (screen, task) = crate::screen::governance::Governance::with_store(
                    client,
                    id,
                    self.cache.clone(),
                );
                self.governance = Some(screen);
                self.run(task, Message::Governance)
            }
            _ => Task::none(),
        }
    }

    /// A message for one of this view's screens.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Members(m) => self.members_message(m),
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
            Message::Bulk(m) => self.bulk_message(m),
            Message::MemberMatrix(m) => self.matrix_message(m),
            Message::Groups(m) => self.groups_message(m),
            Message::Invitations(m) => self.invitations_message(m),
            Message::Audit(m) => self.audit_message(m),
            Message::MyPermissions(m) => self.my_permissions_message(m),
            Message::Overview(m) => self.overview_message(m),
            Message::Domains(m) => match &mut self.domains {
                Some(screen) => match screen.update(m) {
                    domains::Action::None => Task::none(),
                    domains::Action::Run(task) => self.run(task, Message::Domains),
                },
                None => Task::none(),
            },
            Message::Governance(m) => match &mut self.governance {
                Some(screen) => match screen.update(m) {
                    crate::screen::governance::Action::None => Task::none(),
                    crate::screen::governance::Action::Run(task) => {
                        self.run(task, Message::Governance)
                    }
                    crate::screen::governance::Action::Notify(notice) => {
                        Task::done(Message::Notify(notice))
                    }
                },
                None => Task::none(),
            },
            Message::SeatsLoaded(Ok(org)) => {
                let (used, limit) = (org.subscription.seats_used, org.subscription.seat_limit);
                self.seats_changed(used, limit);
                Task::none()
            }
            Message::SeatsLoaded(Err(_)) => Task::none(),
            Message::ReviewsSynced(org, result) if org == self.choice.id => {
                match result {
                    // An open Reviews screen shows what was sent and what conflicts.
                    Ok(synced) => self.update(Message::Governance(
                        crate::screen::governance::Message::Reviews(
                            crate::screen::reviews::Message::Sent(Ok(synced.sent)),
                        ),
                    )),
                    Err(why) => {
                        tracing::warn!(%why, "cannot keep the access reviews offline");
                        Task::none()
                    }
                }
            }
            Message::CacheSyncProgress(org, progress) if org == self.choice.id => {
                if let Some(running) = &mut self.syncing {
                    running.set_total(progress.total);
                    running.advance(progress.fetched);
                }
                Task::none()
            }
            Message::CancelSync => self.cancel_sync(),
            Message::CacheSynced(org, result) if org == self.choice.id => {
                if self.syncing.take().is_none() {
                    // Cancelled: its end no longer counts.
                    return Task::none();
                }
                if let Err(why) = &result {
                    let notice = crate::widget::progress::Notice::failed(fl!(
                        "offline-copy-failed",
                        detail = why.clone()
                    ));
                    self.copy_status = Some(notice.text.clone());
                    return Task::done(Message::Notify(notice));
                }
                self.copy_status = Some(match result {
                    Ok(synced) if synced.discarded => {
                        fl!("offline-copy-discarded", members = synced.members)
                    }
                    Ok(synced) => fl!("offline-copy-saved", members = synced.members),
                    Err(why) => fl!("offline-copy-failed", detail = why),
                });
                Task::none()
            }
            _ => Task::none(),
        }
    }

    /// A key for `page`: the members table takes arrows and Enter when no
    /// dialog is over it.
    pub fn key(&mut self, key: Key, page: Page) -> Task<Message> {
        let over_table = self.member.is_some() || self.matrix.is_some() || self.bulk.is_some();
        if page != Page::Section(Section::Members) || over_table {
            return Task::none();
        }
        let menu_open = self
            .members
            .as_ref()
            .is_some_and(|m| m.menu_row().is_some());
        self.members_message(match key {
            // Keys belong to the open context menu (Esc closes it).
            _ if menu_open => return Task::none(),
            Key::Up => members::Message::MoveSelection(-1),
            Key::Down => members::Message::MoveSelection(1),
            Key::Enter => members::Message::OpenSelected,
            Key::Menu => members::Message::MenuKey,
        })
    }

    /// Shift and Ctrl as they are now, for clicks in the members table.
    pub fn modifiers(&mut self, modifiers: Modifiers) -> Task<Message> {
        self.members_message(members::Message::ModifiersChanged(modifiers))
    }

    /// Ctrl+F: the search box of `page`.
    pub fn focus_search(page: Page) -> Task<Message> {
        match page {
            Page::Permissions => operation::focus(my_permissions::search_id()),
            _ => operation::focus(members::search_id()),
        }
    }

    /// Ctrl+R: the screen of `page` reads everything again.
    pub fn refresh(&mut self, page: Page) -> Task<Message> {
        match page {
            Page::Section(Section::Invitations) => {
                self.invitations_message(invitations::Message::Refresh)
            }
            Page::Section(Section::Audit) => self.audit_message(audit::Message::Refresh),
            // The landing page: its figures and the offline copy.
            Page::Section(Section::Overview) => {
                let figures = self.overview_message(overview::Message::Refresh);
                Task::batch([figures, self.sync_copy(), self.sync_reviews_copy()])
            }
            Page::Section(Section::Groups) => self.groups_message(groups::Message::Refresh),
            Page::Permissions => self.my_permissions_message(my_permissions::Message::Refresh),
            Page::Section(Section::Organization) => {
                self.update(Message::Domains(domains::Message::Refresh))
            }
            Page::Section(Section::Governance) => {
                let screen = self.update(Message::Governance(
                    crate::screen::governance::Message::Refresh,
                ));
                Task::batch([screen, self.sync_reviews_copy()])
            }
            _ => {
                let reload = self.members_message(members::Message::Refresh);
                Task::batch([reload, self.sync_copy()])
            }
        }
    }

    /// Esc on `page`: closes the topmost dialog there; false when none was open.
    pub fn escape(&mut self, page: Page) -> bool {
        match page {
            Page::Section(Section::Members) => {
                if self.members.as_mut().is_some_and(|m| m.escape()) {
                    return true;
                }
                if let Some((dialog, _)) = &mut self.bulk {
                    // Esc is Dismiss: ignored while a change is being applied.
                    if let bulk::Action::Close = dialog.update(bulk::Message::Dismiss) {
                        self.bulk = None;
                    }
                    return true;
                }
                if self.matrix.take().is_some() {
                    return true;
                }
                if let Some(sheet) = &mut self.member {
                    if !sheet.escape() {
                        self.member = None;
                    }
                    return true;
                }
                false
            }
            Page::Section(Section::Invitations) => {
                self.invitations.as_mut().is_some_and(|s| s.escape())
            }
            Page::Section(Section::Groups) => self.groups.as_mut().is_some_and(|s| s.escape()),
            Page::Section(Section::Organization) => {
                self.domains.as_mut().is_some_and(|s| s.escape())
            }
            Page::Section(Section::Audit) => self.audit.as_mut().is_some_and(|s| s.escape()),
            _ => false,
        }
    }

    /// Whether `page` holds edits not yet saved (a group's sheet).
    pub fn has_edits(&self, page: Page) -> bool {
        page == Page::Section(Section::Groups)
            && self.groups.as_ref().is_some_and(groups::Groups::has_edits)
    }

    /// "Discard changes?" answered Discard on leaving `page`.
    pub fn discard_edits(&mut self, page: Page) {
        if page == Page::Section(Section::Groups)
            && let Some(screen) = &mut self.groups
        {
            screen.discard_edits();
        }
    }

    pub fn seats(&self) -> Option<(u32, u32)> {
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

    /// The organization again, for its seat figures (a suspension frees a seat).
    fn reload_seats(&mut self) -> Task<Message> {
        let (client, id) = (self.client.clone(), self.choice.id.clone());
        let task = Task::perform(
            async move { client.org(&id).await.map(Box::new) },
            std::convert::identity,
        );
        self.run(task, Message::SeatsLoaded)
    }

    fn members_message(&mut self, message: members::Message) -> Task<Message> {
        let Some(members) = &mut self.members else {
            return Task::none();
        };
        match members.update(message) {
            members::Action::None => Task::none(),
            members::Action::Run(task) => self.run(task, Message::Members),
            members::Action::OpenMember(id) => self.open_member(id),
            members::Action::EditGroups(chosen, add) => {
                let mode = if add {
                    bulk::Mode::Add
                } else {
                    bulk::Mode::Remove
                };
                let opened = bulk::Bulk::for_members(
                    self.client.clone(),
                    self.choice.id.clone(),
                    chosen,
                    mode,
                );
                self.open_bulk(opened)
            }
            members::Action::ExtendGroups(chosen) => {
                let opened =
                    bulk::Bulk::extend(self.client.clone(), self.choice.id.clone(), chosen);
                self.open_bulk(opened)
            }
            members::Action::ImportCsv => {
                let opened = bulk::Bulk::import(self.client.clone(), self.choice.id.clone());
                self.open_bulk(opened)
            }
            members::Action::Act(member, act) => {
                let act = match act {
                    members::RowAct::Suspend => member::Act::Suspend,
                    members::RowAct::Reactivate => member::Act::Reactivate,
                    members::RowAct::ForceReset => member::Act::ForceReset,
                    _ => member::Act::SignOut,
                };
                let open = self.open_member(member.id);
                let ask = self.member_message(member::Message::Ask(act));
                Task::batch([open, ask])
            }
            members::Action::CopyLink(item) => copy_link(item),
            members::Action::SaveColumns(table, columns) => {
                Task::done(Message::ColumnsChanged(table, columns))
            }
            members::Action::ComparePermissions(chosen) => {
                let people = chosen.iter().map(member_matrix::Person::from).collect();
                let (matrix, task) =
                    MemberMatrix::new(self.client.clone(), self.choice.id.clone(), people);
                self.matrix = Some(matrix);
                self.run(task, Message::MemberMatrix)
            }
        }
    }

    /// Opens a member's sheet: live, or from the offline copy.
    pub fn open_member(&mut self, id: Uuid) -> Task<Message> {
        if self.offline {
            let Some((cache, key)) = self.cache.clone() else {
                return Task::none();
            };
            return Task::perform(
                offline::load_details::<member::Details>(cache, key, id),
                move |cached| Message::MemberCached(id, cached.map(Box::new)),
            );
        }
        let row = self
            .members
            .as_ref()
            .and_then(|m| m.rows().iter().find(|r| r.id == id).cloned());
        let (sheet, task) =
            member::Sheet::new(self.client.clone(), self.choice.id.clone(), id, row);
        self.member = Some(sheet);
        self.run(task, Message::Member)
    }

    fn member_message(&mut self, message: member::Message) -> Task<Message> {
        let Some(sheet) = &mut self.member else {
            return Task::none();
        };
        match sheet.update(message) {
            member::Action::None => Task::none(),
            member::Action::Run(task) => self.run(task, Message::Member),
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
            member::Action::CopyLink(item) => copy_link(item),
        }
    }

    /// Keeps the open sheet's details for offline review.
    fn save_member(&self) -> Task<Message> {
        let (Some((cache, key)), Some(sheet)) = (self.cache.clone(), self.member.as_ref()) else {
            return Task::none();
        };
        let Some(details) = sheet.details().cloned() else {
            return Task::none();
        };
        let id = sheet.id();
        Task::future(async move {
            if let Err(error) = offline::save_details(cache, key, id, details).await {
                tracing::warn!(%error, "cannot keep the member offline");
            }
        })
        .discard()
    }

    fn open_bulk(&mut self, (dialog, task): (bulk::Bulk, Task<bulk::Message>)) -> Task<Message> {
        let mut tasks = Scope::default();
        let task = tasks.run(task.map(Message::Bulk));
        self.bulk = Some((dialog, tasks));
        self.tasks.run(task)
    }

    /// Memberships changed (or may have): the lists showing them read again.
    fn memberships_changed(&mut self) -> Task<Message> {
        let reload = self.members_message(members::Message::Refresh);
        // Member counts and members tabs of an open Groups screen too.
        let groups = match self.groups.is_some() {
            true => self.groups_message(groups::Message::Refresh),
            false => Task::none(),
        };
        Task::batch([reload, self.sync_copy(), self.reload_seats(), groups])
    }

    fn bulk_message(&mut self, message: bulk::Message) -> Task<Message> {
        // A late answer for a dialog already closed is dropped.
        let Some((dialog, tasks)) = &mut self.bulk else {
            return Task::none();
        };
        match dialog.update(message) {
            bulk::Action::None => Task::none(),
            bulk::Action::Run(task) => {
                let task = tasks.run(task.map(Message::Bulk));
                self.tasks.run(task)
            }
            bulk::Action::Changed => self.memberships_changed(),
            bulk::Action::Close => {
                self.bulk = None;
                Task::none()
            }
            bulk::Action::Notify { notice, changed } => {
                let notify = Task::done(Message::Notify(notice));
                match changed {
                    true => Task::batch([notify, self.memberships_changed()]),
                    false => notify,
                }
            }
        }
    }

    fn matrix_message(&mut self, message: member_matrix::Message) -> Task<Message> {
        let Some(matrix) = &mut self.matrix else {
            return Task::none();
        };
        match matrix.update(message) {
            member_matrix::Action::None => Task::none(),
            member_matrix::Action::Run(task) => self.run(task, Message::MemberMatrix),
            member_matrix::Action::Close => {
                self.matrix = None;
                Task::none()
            }
        }
    }

    fn invitations_message(&mut self, message: invitations::Message) -> Task<Message> {
        let Some(screen) = &mut self.invitations else {
            return Task::none();
        };
        match screen.update(message) {
            invitations::Action::None => Task::none(),
            invitations::Action::Run(task) => self.run(task, Message::Invitations),
            invitations::Action::SeatsChanged(used, limit) => {
                self.seats_changed(used, limit);
                Task::none()
            }
        }
    }

    fn groups_message(&mut self, message: groups::Message) -> Task<Message> {
        let Some(screen) = &mut self.groups else {
            return Task::none();
        };
        match screen.update(message) {
            groups::Action::None => Task::none(),
            groups::Action::Run(task) => self.run(task, Message::Groups),
            groups::Action::CopyLink(item) => copy_link(item),
            groups::Action::Notify(notice) => Task::done(Message::Notify(notice)),
        }
    }

    fn my_permissions_message(&mut self, message: my_permissions::Message) -> Task<Message> {
        let Some(screen) = &mut self.my_permissions else {
            return Task::none();
        };
        match screen.update(message) {
            my_permissions::Action::None => Task::none(),
            my_permissions::Action::Run(task) => self.run(task, Message::MyPermissions),
        }
    }

    fn overview_message(&mut self, message: overview::Message) -> Task<Message> {
        let Some(screen) = &mut self.overview else {
            return Task::none();
        };
        match screen.update(message) {
            overview::Action::None => Task::none(),
            overview::Action::Run(task) => self.run(task, Message::Overview),
            overview::Action::Open(link) => self.follow(link),
        }
    }

    /// A tile of the overview: its section in view, then its filter there.
    fn follow(&mut self, link: Link) -> Task<Message> {
        let go = |section| Task::done(Message::Navigate(Page::Section(section)));
        match link {
            Link::Members(status, access) => go(Section::Members)
                .chain(Task::done(Message::Members(
                    members::Message::StatusFilter(status),
                )))
                .chain(Task::done(Message::Members(
                    members::Message::AccessFilter(access),
                ))),
            Link::Member(id) => go(Section::Members).chain(self.open_member(id)),
            Link::Invitations(status) => go(Section::Invitations).chain(Task::done(
                Message::Invitations(invitations::Message::StatusFilter(status)),
            )),
            Link::Audit => go(Section::Audit),
        }
    }

    fn audit_message(&mut self, message: audit::Message) -> Task<Message> {
        let Some(screen) = &mut self.audit else {
            return Task::none();
        };
        match screen.update(message) {
            audit::Action::None => Task::none(),
            audit::Action::Run(task) => self.run(task, Message::Audit),
            audit::Action::CopyLink(item) => copy_link(item),
            audit::Action::SaveColumns(table, columns) => {
                Task::done(Message::ColumnsChanged(table, columns))
            }
            audit::Action::Notify(notice) => Task::done(Message::Notify(notice)),
        }
    }
}

/// "Copy link" in a screen of this view: the console's top level makes the
/// link (it knows the platform) and puts it on the clipboard.
fn copy_link(item: Item) -> Task<Message> {
    Task::done(Message::Desktop(desktop::Message::CopyLink(item)))
}
