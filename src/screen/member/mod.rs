//! Member details: a property sheet over the members table — General,
//! Contact, Member of, Sessions, Permissions — with the admin actions
//! Suspend / Reactivate and, for an account this organization manages, Force
//! password reset, for any other "Sign out of this organization"; each
//! confirmed first.
//!
//! Everything the sheet shows is one serializable [`Details`], so the parent
//! can cache it and reopen it read-only with [`Sheet::offline`].

mod details;
mod view;

use iced::Task;
use orgdesk_api::{Member, MembershipStatus, Page, SessionInfo};
use orgdesk_client::{Client, Error};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::fl;
use crate::remote::{Latest, Tag};
use crate::widget::modal::Confirmation;

pub use details::{Details, Part, Sessions};

/// Sign-ins asked for per page.
pub const SESSIONS_PAGE: u32 = 50;

pub struct Sheet {
    /// `None` when the sheet shows a cached copy ([`Sheet::offline`]).
    client: Option<Client>,
    org: String,
    id: Uuid,
    /// The list's row, shown while the details load.
    row: Option<Member>,
    details: Option<Details>,
    load: Load,
    tab: Tab,
    /// An action waiting for its confirmation, then for the platform.
    dialog: Confirmation<Act>,
    notice: Option<Notice>,
    /// When the cached copy shown offline was saved.
    offline_as_of: Option<OffsetDateTime>,
    /// The details' load: answers to older ones are dropped.
    load_tag: Latest,
    /// The next load follows an admin action: tell the parent the member changed.
    announce: bool,
    /// More sign-ins on their way (a reload drops them).
    sessions_tag: Latest,
}

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Idle,
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    General,
    Contact,
    MemberOf,
    Sessions,
    Permissions,
}

/// An admin action on the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Suspend,
    Reactivate,
    /// The account's password, everywhere: for the managing organization only.
    ForceReset,
    /// The member's sessions here, nowhere else.
    SignOut,
}

#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Done(String),
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    TabSelected(Tab),
    /// Asks for the confirmation of an action.
    Ask(Act),
    Confirm,
    CancelConfirm,
    Refresh,
    MoreSessions,
    /// "Copy link": an `orgdesk://` link to this member.
    CopyLink,
    Close,
    Loaded {
        tag: Tag,
        result: Result<Box<Details>, Error>,
    },
    Acted(Act, Result<Option<Member>, Error>),
    SessionsListed {
        tag: Tag,
        result: Result<Page<SessionInfo>, Error>,
    },
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Fresh details arrived: cache [`Sheet::details`] for offline review.
    Loaded,
    /// An admin action changed the member: update their row (and the seat
    /// gauge). [`Sheet::details`] is fresh too.
    MemberChanged(Member),
    /// The person closed the sheet.
    Close,
    /// Put a link to this member on the clipboard.
    CopyLink(crate::desktop::link::Item),
}

impl Sheet {
    /// The sheet for member `id` of `org`; `row` is the list's row when the
    /// parent has it, shown until the details arrive.
    pub fn new(
        client: Client,
        org: String,
        id: Uuid,
        row: Option<Member>,
    ) -> (Self, Task<Message>) {
        let mut sheet = Self {
            client: Some(client),
            org,
            id,
            row,
            details: None,
            load: Load::Idle,
            tab: Tab::default(),
            dialog: Confirmation::Idle,
            notice: None,
            offline_as_of: None,
            load_tag: Latest::default(),
            announce: false,
            sessions_tag: Latest::default(),
        };
        let task = sheet.reload();
        (sheet, task)
    }

    /// A cached copy, read-only: the actions say why they are off.
    pub fn offline(details: Details, as_of: OffsetDateTime) -> Self {
        Self {
            client: None,
            org: String::new(),
            id: details.member.id,
            row: None,
            details: Some(details),
            load: Load::Idle,
            tab: Tab::default(),
            dialog: Confirmation::Idle,
            notice: None,
            offline_as_of: Some(as_of),
            load_tag: Latest::default(),
            announce: false,
            sessions_tag: Latest::default(),
        }
    }

    /// The member this sheet is about.
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// Everything loaded so far, for the offline cache.
    pub fn details(&self) -> Option<&Details> {
        self.details.as_ref()
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The load whose answer the sheet waits for.
    pub fn pending(&self) -> Option<Tag> {
        self.load_tag.current()
    }

    /// The page of sign-ins the sheet waits for.
    pub fn pending_sessions(&self) -> Option<Tag> {
        self.sessions_tag.current()
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::TabSelected(tab) => {
                self.tab = tab;
                Action::None
            }
            Message::Ask(act) => self.ask(act),
            Message::Confirm => self.confirm(),
            Message::CancelConfirm => {
                self.escape();
                Action::None
            }
            Message::Refresh => self.refresh(),
            Message::MoreSessions => self.more_sessions(),
            Message::CopyLink => Action::CopyLink(crate::desktop::link::Item::Member(self.id)),
            Message::Close if self.dialog.sending().is_some() => Action::None,
            Message::Close => Action::Close,
            Message::Loaded { tag, result } => self.loaded(tag, result),
            Message::Acted(act, result) => self.acted(act, result),
            Message::SessionsListed { tag, result } => self.sessions_listed(tag, result),
        }
    }

    /// Esc: closes the confirmation; while a confirmed action runs, keeps
    /// the sheet open until the platform answers (so the change reaches the
    /// parent). False when nothing was open: the parent closes the sheet.
    pub fn escape(&mut self) -> bool {
        self.dialog.cancel()
    }

    /// The member as last known: the details' row, else the list's.
    fn member(&self) -> Option<&Member> {
        self.details
            .as_ref()
            .map(|d| &d.member)
            .or(self.row.as_ref())
    }

    /// Why the actions are off, if they are.
    fn actions_off(&self) -> Option<String> {
        if let Some(as_of) = self.offline_as_of {
            return Some(fl!("member-offline", time = super::short_time(as_of)));
        }
        match self.dialog {
            Confirmation::Sending(_) => Some(fl!("member-working")),
            _ if self.member().is_none() => Some(fl!("member-loading")),
            _ => None,
        }
    }

    fn ask(&mut self, act: Act) -> Action {
        if self.actions_off().is_none() {
            self.dialog.ask(act);
        }
        Action::None
    }

    fn confirm(&mut self) -> Action {
        let Some(client) = self.client.clone() else {
            return Action::None;
        };
        let Some(&act) = self.dialog.confirm() else {
            return Action::None;
        };
        self.notice = None;
        let (org, id) = (self.org.clone(), self.id);
        Action::Run(Task::perform(
            async move {
                match act {
                    Act::Suspend => client.suspend_member(&org, id).await.map(Some),
                    Act::Reactivate => client.reactivate_member(&org, id).await.map(Some),
                    Act::ForceReset => client.force_password_reset(&org, id).await.map(|()| None),
                    Act::SignOut => client.sign_out_member(&org, id).await.map(|_| None),
                }
            },
            move |result| Message::Acted(act, result),
        ))
    }

    fn acted(&mut self, act: Act, result: Result<Option<Member>, Error>) -> Action {
        self.dialog.answered();
        match result {
            Ok(changed) => {
                if let (Some(member), Some(details)) = (changed, self.details.as_mut()) {
                    details.member = member;
                }
                let name = self.member().map(|m| m.name.clone()).unwrap_or_default();
                self.notice = Some(Notice::Done(match act {
                    Act::Suspend => fl!("member-suspended-done", name = name),
                    Act::Reactivate => fl!("member-reactivated-done", name = name),
                    Act::ForceReset => fl!("member-reset-done", name = name),
                    Act::SignOut => fl!("member-sign-out-done", name = name),
                }));
                self.announce = true;
                Action::Run(self.reload())
            }
            Err(e) => {
                self.notice = Some(Notice::Failed(super::describe(&e)));
                Action::None
            }
        }
    }

    fn refresh(&mut self) -> Action {
        if self.client.is_none() {
            return Action::None;
        }
        self.notice = None;
        Action::Run(self.reload())
    }

    fn reload(&mut self) -> Task<Message> {
        let Some(client) = self.client.clone() else {
            return Task::none();
        };
        let tag = self.load_tag.ask();
        self.load = Load::Loading;
        // Its first page of sign-ins replaces any more on their way.
        self.sessions_tag.forget();
        let (org, id) = (self.org.clone(), self.id);
        Task::perform(
            async move { details::fetch(&client, &org, id).await.map(Box::new) },
            move |result| Message::Loaded { tag, result },
        )
    }

    fn loaded(&mut self, tag: Tag, result: Result<Box<Details>, Error>) -> Action {
        if !self.load_tag.is(tag) {
            return Action::None;
        }
        self.load_tag.forget();
        let announce = std::mem::take(&mut self.announce);
        match result {
            // A late answer for a member this sheet is no longer about.
            Ok(details) if details.member.id != self.id => Action::None,
            Ok(details) => {
                self.details = Some(*details);
                self.load = Load::Idle;
                match (announce, self.member()) {
                    (true, Some(member)) => Action::MemberChanged(member.clone()),
                    _ => Action::Loaded,
                }
            }
            Err(e) => {
                self.load = Load::Failed(super::describe(&e));
                // The action went through even if reading it back did not.
                match (announce, self.member()) {
                    (true, Some(member)) => Action::MemberChanged(member.clone()),
                    _ => Action::None,
                }
            }
        }
    }

    fn more_sessions(&mut self) -> Action {
        let Some(client) = self.client.clone() else {
            return Action::None;
        };
        let cursor = match self.details.as_ref().map(|d| &d.sessions) {
            Some(Part::Ready(sessions)) => sessions.next_cursor.clone(),
            _ => None,
        };
        let Some(cursor) = cursor.filter(|_| self.sessions_tag.current().is_none()) else {
            return Action::None;
        };
        let tag = self.sessions_tag.ask();
        let (org, id) = (self.org.clone(), self.id);
        Action::Run(Task::perform(
            async move {
                client
                    .member_sessions(&org, id, Some(SESSIONS_PAGE), Some(&cursor))
                    .await
            },
            move |result| Message::SessionsListed { tag, result },
        ))
    }

    fn sessions_listed(&mut self, tag: Tag, result: Result<Page<SessionInfo>, Error>) -> Action {
        if !self.sessions_tag.is(tag) {
            // A reload started meanwhile; its first page replaces these.
            return Action::None;
        }
        self.sessions_tag.forget();
        match result {
            Ok(page) => {
                if let Some(Part::Ready(sessions)) = self.details.as_mut().map(|d| &mut d.sessions)
                {
                    sessions.extend(page);
                }
                Action::Loaded
            }
            Err(e) => {
                self.notice = Some(Notice::Failed(super::describe(&e)));
                Action::None
            }
        }
    }

    /// Whether this organization manages the member's account (its verified
    /// email is at one of the organization's verified domains).
    pub fn managed(&self) -> bool {
        self.details
            .as_ref()
            .and_then(|d| d.profile.ready())
            .map(|p| p.managed)
            .or_else(|| self.member().map(|m| m.managed))
            .unwrap_or(false)
    }

    /// Whether the member is suspended, as last known.
    fn suspended(&self) -> bool {
        self.member()
            .is_some_and(|m| m.status == MembershipStatus::Suspended)
    }
}
