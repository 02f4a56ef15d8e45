//! The sections' screens and dialogs inside the shell: built on first
//! visit in an organization, routed to, and closed with Esc.

use std::convert::identity;

use iced::Task;
use uuid::Uuid;

use super::*;
use crate::app::offline;
use crate::desktop::Message::CopyLink;
use crate::screen::groups::member_matrix::{self, MemberMatrix};
use crate::screen::{
    audit, bulk, groups, invitations, member, members, my_permissions, profile, wizard,
};

impl Shell {
    pub(super) fn members_message(&mut self, message: members::Message) -> Task<Message> {
        // With a sheet open, the keyboard belongs to it, not the table.
        if (self.member.is_some()
            || self.matrix.is_some()
            || self.bulk.is_some()
            || self.page != Page::Section(Section::Members))
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
            members::Action::Run(task) => self.for_org(task, Message::Members),
            members::Action::OpenMember(id) => self.open_member(id),
            members::Action::EditGroups(chosen, add) => {
                let Some(current) = self.current.clone() else {
                    return Task::none();
                };
                let mode = if add {
                    bulk::Mode::Add
                } else {
                    bulk::Mode::Remove
                };
                let (dialog, task) =
                    bulk::Bulk::for_members(self.session.client.clone(), current.id, chosen, mode);
                self.bulk = Some(dialog);
                self.bulk_id = super::next_view();
                self.for_org(
                    Self::for_dialog(self.bulk_id, task, Message::Bulk),
                    identity,
                )
            }
            members::Action::ImportCsv => {
                let Some(current) = self.current.clone() else {
                    return Task::none();
                };
                let (dialog, task) = bulk::Bulk::import(self.session.client.clone(), current.id);
                self.bulk = Some(dialog);
                self.bulk_id = super::next_view();
                self.for_org(
                    Self::for_dialog(self.bulk_id, task, Message::Bulk),
                    identity,
                )
            }
            members::Action::ComparePermissions(chosen) => {
                let Some(current) = self.current.clone() else {
                    return Task::none();
                };
                let people = chosen.iter().map(member_matrix::Person::from).collect();
                let (matrix, task) =
                    MemberMatrix::new(self.session.client.clone(), current.id, people);
                self.matrix = Some(matrix);
                self.for_org(task, Message::MemberMatrix)
            }
            members::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
        }
    }

    /// Opens a member's sheet: live, or from the offline copy.
    pub(super) fn open_member(&mut self, id: Uuid) -> Task<Message> {
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
        self.for_org(task, Message::Member)
    }

    pub(super) fn member_message(&mut self, message: member::Message) -> Task<Message> {
        let Some(sheet) = &mut self.member else {
            return Task::none();
        };
        match sheet.update(message) {
            member::Action::None => Task::none(),
            member::Action::Run(task) => self.for_org(task, Message::Member),
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
            member::Action::CopyLink(item) => Task::done(Message::Desktop(CopyLink(item))),
        }
    }

    /// Keeps the open sheet's details for offline review.
    pub(super) fn save_member(&self) -> Task<Message> {
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
    pub(super) fn reload_seats(&self) -> Task<Message> {
        let Some(current) = self.current.clone() else {
            return Task::none();
        };
        let client = self.session.client.clone();
        let task = Task::perform(
            async move { client.org(&current.id).await.map(Box::new) },
            std::convert::identity,
        );
        self.for_org(task, Message::SeatsLoaded)
    }

    /// Shows `page`, building its screen on first visit in this organization.
    pub(super) fn navigate(&mut self, page: Page) -> Task<Message> {
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
                self.for_org(task, Message::Groups)
            }
            Page::Permissions if self.my_permissions.is_none() => {
                let (screen, task) = my_permissions::MyPermissions::new(client, current.id);
                self.my_permissions = Some(screen);
                self.for_org(task, Message::MyPermissions)
            }
            Page::Section(Section::Invitations) if self.invitations.is_none() => {
                let seats = self.seats();
                let (screen, task) = invitations::Invitations::new(client, current.id, seats);
                self.invitations = Some(screen);
                self.for_org(task, Message::Invitations)
            }
            Page::Section(Section::Audit) if self.audit.is_none() => {
                let (screen, task) = audit::Audit::new(client, current.id);
                self.audit = Some(screen);
                self.for_org(task, Message::Audit)
            }
            _ => Task::none(),
        }
    }

    pub(super) fn seats(&self) -> Option<(u32, u32)> {
        self.org
            .as_ref()
            .map(|o| (o.subscription.seats_used, o.subscription.seat_limit))
    }

    /// The seats changed (an invitation, a revoke, a suspension).
    pub(super) fn seats_changed(&mut self, used: u32, limit: u32) {
        if let Some(org) = &mut self.org {
            org.subscription.seats_used = used;
            org.subscription.seat_limit = limit;
        }
        if let Some(members) = &mut self.members {
            members.set_seats(Some((used, limit)));
        }
    }

    pub(super) fn invitations_message(&mut self, message: invitations::Message) -> Task<Message> {
        let Some(screen) = &mut self.invitations else {
            return Task::none();
        };
        match screen.update(message) {
            invitations::Action::None => Task::none(),
            invitations::Action::Run(task) => self.for_org(task, Message::Invitations),
            invitations::Action::SeatsChanged(used, limit) => {
                self.seats_changed(used, limit);
                Task::none()
            }
            invitations::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
        }
    }

    pub(super) fn groups_message(&mut self, message: groups::Message) -> Task<Message> {
        let Some(screen) = &mut self.groups else {
            return Task::none();
        };
        match screen.update(message) {
            groups::Action::None => Task::none(),
            groups::Action::Run(task) => self.for_org(task, Message::Groups),
            groups::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
            groups::Action::CopyLink(item) => Task::done(Message::Desktop(CopyLink(item))),
        }
    }

    pub(super) fn bulk_message(&mut self, message: bulk::Message) -> Task<Message> {
        // A late answer for a dialog already closed is dropped.
        let Some(dialog) = &mut self.bulk else {
            return Task::none();
        };
        match dialog.update(message) {
            bulk::Action::None => Task::none(),
            bulk::Action::Run(task) => self.for_org(
                Self::for_dialog(self.bulk_id, task, Message::Bulk),
                identity,
            ),
            bulk::Action::Changed => {
                let reload = self.members_message(members::Message::Refresh);
                // Member counts and members tabs of an open Groups screen too.
                let groups = match self.groups.is_some() {
                    true => self.groups_message(groups::Message::Refresh),
                    false => Task::none(),
                };
                Task::batch([reload, self.sync_copy(), self.reload_seats(), groups])
            }
            bulk::Action::Close => {
                self.bulk = None;
                Task::none()
            }
            bulk::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
        }
    }

    pub(super) fn matrix_message(&mut self, message: member_matrix::Message) -> Task<Message> {
        let Some(matrix) = &mut self.matrix else {
            return Task::none();
        };
        match matrix.update(message) {
            member_matrix::Action::None => Task::none(),
            member_matrix::Action::Run(task) => self.for_org(task, Message::MemberMatrix),
            member_matrix::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
            member_matrix::Action::Close => {
                self.matrix = None;
                Task::none()
            }
        }
    }

    pub(super) fn profile_message(&mut self, message: profile::Message) -> Task<Message> {
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

    pub(super) fn my_permissions_message(
        &mut self,
        message: my_permissions::Message,
    ) -> Task<Message> {
        let Some(screen) = &mut self.my_permissions else {
            return Task::none();
        };
        match screen.update(message) {
            my_permissions::Action::None => Task::none(),
            my_permissions::Action::Run(task) => self.for_org(task, Message::MyPermissions),
            my_permissions::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
        }
    }

    pub(super) fn audit_message(&mut self, message: audit::Message) -> Task<Message> {
        let Some(screen) = &mut self.audit else {
            return Task::none();
        };
        match screen.update(message) {
            audit::Action::None => Task::none(),
            audit::Action::Run(task) => self.for_org(task, Message::Audit),
            audit::Action::SessionEnded(e) => Task::done(Message::SessionEnded(e)),
            audit::Action::CopyLink(item) => Task::done(Message::Desktop(CopyLink(item))),
        }
    }

    pub(super) fn open_wizard(&mut self) -> Task<Message> {
        self.page = Page::NewOrganization;
        if self.wizard.is_some() {
            return Task::none();
        }
        let (wizard, task) = wizard::Wizard::new(self.session.client.clone());
        self.wizard = Some(wizard);
        self.wizard_id = super::next_view();
        Self::for_dialog(self.wizard_id, task, Message::Wizard)
    }

    pub(super) fn wizard_message(&mut self, message: wizard::Message) -> Task<Message> {
        let Some(wizard) = &mut self.wizard else {
            return Task::none();
        };
        match wizard.update(message) {
            wizard::Action::None => Task::none(),
            wizard::Action::Run(task) => Self::for_dialog(self.wizard_id, task, Message::Wizard),
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

    pub(super) fn reload_organizations(&self, open: Option<Uuid>) -> Task<Message> {
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
        if self.page == Page::Section(Section::Members)
            && let Some(dialog) = &mut self.bulk
        {
            // Esc is Dismiss: ignored while a change is being applied.
            if let bulk::Action::Close = dialog.update(bulk::Message::Dismiss) {
                self.bulk = None;
            }
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

    pub(super) fn refresh(&mut self) -> Task<Message> {
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
}
