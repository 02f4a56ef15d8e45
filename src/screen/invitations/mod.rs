//! Invitations: who was invited, with a status filter and the times the links
//! were sent and run out; the Invite dialog; Resend and Revoke after a
//! confirmation that says what happens; the seats they take.

pub mod addresses;
pub mod invite;
mod view;

pub use view::status_in_words;

use iced::Task;
use iced::widget::scrollable::Viewport;
use orgdesk_api::{Group, Invitation, InvitationQuery, InvitationStatus};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use crate::fl;
use crate::remote::{Listed, Paged, Request};
use crate::widget::modal::Confirmation;

/// Rows asked for per page.
pub const PAGE_SIZE: u32 = 100;

pub struct Invitations {
    client: Client,
    org: String,
    status: Option<InvitationStatus>,
    list: Paged<Invitation>,
    /// (used, limit) of the subscription.
    seats: Option<(u32, u32)>,
    groups: Vec<Group>,
    /// What the person inviting holds here (groups granting more are held back).
    held: Option<std::collections::BTreeSet<String>>,
    invite: Option<invite::Invite>,
    /// A Resend or Revoke waiting for its confirmation, then for its answer.
    asking: Confirmation<(Change, Invitation)>,
    /// What the last Resend or Revoke did, or why it did not.
    notice: Option<Result<String, String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Resend,
    Revoke,
}

#[derive(Debug, Clone)]
pub enum Message {
    StatusFilter(Option<InvitationStatus>),
    Refresh,
    Scrolled(Viewport),
    Listed(Listed<Invitation>),
    /// (used, limit) of the subscription.
    SeatsLoaded(Result<(u32, u32), Error>),
    GroupsLoaded(Result<Vec<Group>, Error>),
    HeldLoaded(Result<Vec<orgdesk_api::EffectivePermission>, Error>),
    OpenInvite,
    Invite(invite::Message),
    /// A click on the backdrop of a dialog.
    Dismiss,
    Ask(Change, Uuid),
    Confirm,
    Resent(Result<Invitation, Error>),
    Revoked(Uuid, Result<(), Error>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// The subscription's seats as the platform counts them now: (used, limit).
    SeatsChanged(u32, u32),
}

impl Invitations {
    pub fn new(client: Client, org: String, seats: Option<(u32, u32)>) -> (Self, Task<Message>) {
        let mut screen = Self {
            client,
            org,
            status: None,
            list: Paged::new(),
            seats,
            groups: Vec::new(),
            held: None,
            invite: None,
            asking: Confirmation::Idle,
            notice: None,
        };
        let task = screen.refresh();
        (screen, task)
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::StatusFilter(status) => {
                self.status = status;
                Action::Run(self.reload())
            }
            Message::Refresh => Action::Run(self.refresh()),
            Message::Scrolled(viewport) => {
                let next = self.list.scrolled(&viewport);
                Action::Run(self.fetch(next))
            }
            Message::Listed(listed) => {
                let next = self.list.listed(listed);
                Action::Run(self.fetch(next))
            }
            Message::SeatsLoaded(result) => self.seats_loaded(result),
            Message::GroupsLoaded(result) => self.groups_loaded(result),
            Message::HeldLoaded(Ok(mine)) => {
                self.held = Some(mine.into_iter().map(|p| p.permission).collect());
                if let Some(invite) = &mut self.invite {
                    invite.set_held(self.held.clone());
                }
                Action::None
            }
            // Not known: nothing is held back and the platform decides.
            Message::HeldLoaded(Err(_)) => Action::None,
            Message::OpenInvite => {
                let mut invite =
                    invite::Invite::new(self.client.clone(), self.org.clone(), &self.groups);
                invite.set_held(self.held.clone());
                self.invite = Some(invite);
                Action::None
            }
            Message::Invite(message) => self.invite(message),
            Message::Dismiss => {
                self.escape();
                Action::None
            }
            Message::Ask(change, id) => self.ask(change, id),
            Message::Confirm => self.confirm(),
            Message::Resent(result) => self.resent(result),
            Message::Revoked(id, result) => self.revoked(id, result),
        }
    }

    /// Esc: closes the confirmation, else the Invite dialog (not while either is sending).
    pub fn escape(&mut self) -> bool {
        if self.asking.cancel() {
            return true;
        }
        if let Some(invite) = &self.invite {
            if !invite.is_sending() {
                self.invite = None;
            }
            return true;
        }
        false
    }

    /// The list, the seats and the groups, afresh (Ctrl+R).
    fn refresh(&mut self) -> Task<Message> {
        let (client, org) = (self.client.clone(), self.org.clone());
        let groups = Task::perform(
            {
                let (client, org) = (client.clone(), org.clone());
                async move { client.groups(&org).await }
            },
            Message::GroupsLoaded,
        );
        let held = Task::perform(
            async move { client.my_permissions(&org).await },
            Message::HeldLoaded,
        );
        Task::batch([self.reload(), self.fetch_seats(), groups, held])
    }

    fn fetch_seats(&self) -> Task<Message> {
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move {
                let org = client.org(&org).await?;
                Ok((org.subscription.seats_used, org.subscription.seat_limit))
            },
            Message::SeatsLoaded,
        )
    }

    fn reload(&mut self) -> Task<Message> {
        let first = self.list.reload();
        self.fetch(Some(first))
    }

    /// The page `request` asks for, with the status filter.
    fn fetch(&self, request: Option<Request>) -> Task<Message> {
        let Some(request) = request else {
            return Task::none();
        };
        let query = InvitationQuery {
            status: self.status,
            limit: Some(PAGE_SIZE),
            cursor: request.cursor(),
        };
        let (client, org) = (self.client.clone(), self.org.clone());
        request
            .perform(async move { client.invitations(&org, &query).await })
            .map(Message::Listed)
    }

    fn seats_loaded(&mut self, result: Result<(u32, u32), Error>) -> Action {
        match result {
            Ok((used, limit)) => {
                self.seats = Some((used, limit));
                Action::SeatsChanged(used, limit)
            }
            // The gauge keeps its last figures; the list says what is wrong.
            Err(_) => Action::None,
        }
    }

    fn groups_loaded(&mut self, result: Result<Vec<Group>, Error>) -> Action {
        match result {
            Ok(groups) => {
                self.groups = groups;
                if let Some(invite) = &mut self.invite {
                    invite.set_groups(&self.groups);
                }
                Action::None
            }
            // The dialog then says new people join the User group, the platform's default.
            Err(_) => Action::None,
        }
    }

    fn invite(&mut self, message: invite::Message) -> Action {
        let Some(invite) = &mut self.invite else {
            return Action::None;
        };
        match invite.update(message) {
            invite::Action::None => Action::None,
            invite::Action::Run(task) => Action::Run(task.map(Message::Invite)),
            invite::Action::Close => {
                self.invite = None;
                Action::None
            }
            invite::Action::Invited => {
                Action::Run(Task::batch([self.reload(), self.fetch_seats()]))
            }
        }
    }

    fn ask(&mut self, change: Change, id: Uuid) -> Action {
        if let Some(invitation) = self.list.rows().iter().find(|i| i.id == id) {
            self.asking.ask((change, invitation.clone()));
        }
        Action::None
    }

    fn confirm(&mut self) -> Action {
        let Some(&(change, ref invitation)) = self.asking.confirm() else {
            return Action::None;
        };
        let (client, org, id) = (self.client.clone(), self.org.clone(), invitation.id);
        Action::Run(match change {
            Change::Resend => Task::perform(
                async move { client.resend_invitation(&org, id).await },
                Message::Resent,
            ),
            Change::Revoke => Task::perform(
                async move { client.revoke_invitation(&org, id).await },
                move |result| Message::Revoked(id, result),
            ),
        })
    }

    fn resent(&mut self, result: Result<Invitation, Error>) -> Action {
        let asked = self.asking.answered();
        match result {
            Ok(invitation) => {
                self.notice = Some(Ok(fl!(
                    "invitations-resent",
                    email = invitation.email.clone()
                )));
                Action::Run(Task::batch([self.reload(), self.fetch_seats()]))
            }
            Err(e) => self.failed(e, asked),
        }
    }

    fn revoked(&mut self, id: Uuid, result: Result<(), Error>) -> Action {
        let asked = self.asking.answered();
        match result {
            Ok(()) => {
                let email = asked
                    .map(|(_, invitation)| invitation.email)
                    .or_else(|| {
                        self.list
                            .rows()
                            .iter()
                            .find(|i| i.id == id)
                            .map(|i| i.email.clone())
                    })
                    .unwrap_or_default();
                self.notice = Some(Ok(fl!("invitations-revoked", email = email)));
                Action::Run(Task::batch([self.reload(), self.fetch_seats()]))
            }
            Err(e) => self.failed(e, asked),
        }
    }

    fn failed(&mut self, e: Error, asked: Option<(Change, Invitation)>) -> Action {
        let email = asked
            .map(|(_, invitation)| invitation.email)
            .unwrap_or_default();
        self.notice = Some(Err(fl!(
            "invitations-change-failed",
            email = email,
            reason = super::describe(&e)
        )));
        // What the platform refused may come from a change elsewhere: show what is true now.
        Action::Run(Task::batch([self.reload(), self.fetch_seats()]))
    }

    pub fn rows(&self) -> &[Invitation] {
        self.list.rows()
    }

    /// The list as paged from the platform.
    pub fn list(&self) -> &Paged<Invitation> {
        &self.list
    }

    pub fn seats(&self) -> Option<(u32, u32)> {
        self.seats
    }

    pub fn invite_dialog(&self) -> Option<&invite::Invite> {
        self.invite.as_ref()
    }
}
