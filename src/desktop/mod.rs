//! The console as a desktop application: its identity (one reverse-DNS id
//! everywhere, the window icon), one running console per person
//! ([`instance`]), `orgdesk://` links ([`link`]) from other programs and
//! "Copy link" in the screens, and crash reports ([`crash`]) told of at the
//! next start.
//!
//! The console's top level holds a [`Desktop`] and routes its
//! [`Message`]s; what needs the shell (opening a member, the audit log) comes
//! back as an [`Action`]. This module knows nothing of the shell: the top
//! level describes the session with a [`Context`].

pub mod crash;
mod entry;
pub mod instance;
pub mod link;
pub mod redact;
mod view;
pub mod window;

use iced::Task;
use orgdesk_api::MyOrganization;
use orgdesk_client::Client;

use crate::fl;
use link::{Item, Link};

/// The application id: the desktop entry's basename, the icon's name, the
/// AppStream id, the Wayland/X11 application id, the macOS bundle id.
pub const APP_ID: &str = "io.orgdesk.Orgdesk";
/// The commit the console was built from (see build.rs).
pub const COMMIT: &str = env!("ORGDESK_COMMIT");
/// What `orgdesk --version` says after the name.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("ORGDESK_COMMIT"),
    ")"
);

/// The signed-in session, as the desktop layer needs to see it.
pub struct Context<'a> {
    pub client: &'a Client,
    /// The platform's address, and whether it runs on this computer.
    pub platform: &'a str,
    pub local: bool,
    pub organizations: &'a [MyOrganization],
    /// The id of the organization in view.
    pub current: Option<&'a str>,
    /// Reviewing the offline copy: only members open.
    pub offline: bool,
}

impl Context<'_> {
    fn host(&self) -> Option<String> {
        link::host_of(self.platform, self.local)
    }

    fn organization(&self, org: &str) -> Option<&MyOrganization> {
        self.organizations
            .iter()
            .find(|o| o.subdomain.eq_ignore_ascii_case(org) || o.id.to_string() == org)
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A later launch's arguments (see [`instance`]).
    Launched(Vec<String>),
    /// The session is there (signed in, resumed or offline): a link that
    /// waited for it opens now.
    SessionReady,
    /// "Copy link" in a screen, about the organization in view.
    CopyLink(Item),
    CopyDiagnostics,
    DismissCrash,
    DismissNotice,
    Entry(entry::Message),
}

/// What the top level does for the desktop layer.
pub enum Action {
    None,
    Run(Task<Message>),
    /// Show `item` of `org` in the shell (switching to `org`), and run `then`.
    Open {
        org: Box<MyOrganization>,
        item: Item,
        then: Task<Message>,
    },
}

/// A line over the console: what a link did, or why it could not.
#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Info(String),
    Problem(String),
}

#[derive(Default)]
pub struct Desktop {
    crash: Option<crash::Pending>,
    notice: Option<Notice>,
    /// A link that came before the session: opened once signed in.
    pending: Option<Link>,
    entry: Option<entry::Entry>,
}

impl Desktop {
    /// With the crash reports found at start and this launch's arguments.
    pub fn new(crash: Option<crash::Pending>, args: &[String]) -> Self {
        let mut desktop = Self {
            crash,
            ..Self::default()
        };
        desktop.take_link(args);
        desktop
    }

    /// Reports of an earlier crash, when the console is telling of them.
    pub fn crash(&self) -> Option<&crash::Pending> {
        self.crash.as_ref()
    }

    /// The link waiting for a session, if any.
    pub fn pending(&self) -> Option<&Link> {
        self.pending.as_ref()
    }

    /// The line the console shows over everything, if any (tests read it).
    pub fn notice(&self) -> Option<&str> {
        match &self.notice {
            Some(Notice::Info(text) | Notice::Problem(text)) => Some(text),
            None => None,
        }
    }

    /// Whether an audit entry opened by a link is showing.
    pub fn showing_entry(&self) -> bool {
        self.entry.is_some()
    }

    /// The audit entry a link opened, once found.
    pub fn shown_entry(&self) -> Option<&orgdesk_api::AuditEntry> {
        self.entry.as_ref().and_then(entry::Entry::found)
    }

    pub fn update(&mut self, message: Message, context: Option<Context<'_>>) -> Action {
        match message {
            Message::Launched(args) => {
                let focus = iced::window::latest().and_then(iced::window::gain_focus);
                if self.take_link(&args) {
                    if let Some(context) = context {
                        return self.open_pending(&context, focus);
                    }
                    self.notice = Some(Notice::Info(fl!("link-sign-in-first")));
                }
                Action::Run(focus)
            }
            Message::SessionReady => match context {
                Some(context) if self.pending.is_some() => {
                    self.open_pending(&context, Task::none())
                }
                _ => Action::None,
            },
            Message::CopyLink(item) => self.copy_link(item, context),
            Message::CopyDiagnostics => match &self.crash {
                Some(pending) => {
                    let text = pending.text.clone();
                    self.notice = Some(Notice::Info(fl!("crash-copied")));
                    Action::Run(iced::clipboard::write(text))
                }
                None => Action::None,
            },
            Message::DismissCrash => {
                self.crash = None;
                Action::None
            }
            Message::DismissNotice => {
                self.notice = None;
                Action::None
            }
            Message::Entry(entry::Message::CopyLink(id)) => {
                self.copy_link(Item::AuditEntry(id), context)
            }
            Message::Entry(entry::Message::Close) => {
                self.entry = None;
                Action::None
            }
            Message::Entry(message) => match &mut self.entry {
                Some(entry) => Action::Run(entry.update(message).map(Message::Entry)),
                None => Action::None,
            },
        }
    }

    /// The session is over (signed out, or ended by the platform): what it
    /// showed goes with it, so the next person at this computer sees neither
    /// an audit entry a link opened nor a link copied.
    pub fn session_over(&mut self) {
        self.entry = None;
        self.notice = None;
    }

    /// Esc closes an audit entry a link opened; false when none was open.
    pub fn escape(&mut self) -> bool {
        self.entry.take().is_some()
    }

    /// Keeps the first link among `args` for opening; a broken one is said so.
    fn take_link(&mut self, args: &[String]) -> bool {
        match Link::find(args) {
            Some(Ok(link)) => {
                self.pending = Some(link);
                true
            }
            Some(Err(error)) => {
                tracing::info!(%error, "a link that cannot be opened");
                self.notice = Some(Notice::Problem(fl!("link-invalid")));
                false
            }
            None => false,
        }
    }

    fn open_pending(&mut self, context: &Context<'_>, focus: Task<Message>) -> Action {
        let Some(link) = self.pending.take() else {
            return Action::Run(focus);
        };
        let here = context.host().unwrap_or_default();
        if link.host != here {
            self.notice = Some(Notice::Problem(fl!(
                "link-other-platform",
                link = link.host.clone(),
                here = here
            )));
            return Action::Run(focus);
        }
        let Some(org) = context.organization(&link.org).cloned() else {
            self.notice = Some(Notice::Problem(fl!(
                "link-not-a-member",
                org = link.org.clone()
            )));
            return Action::Run(focus);
        };
        self.notice = None;
        let then = match link.item {
            Item::AuditEntry(_) if context.offline => {
                self.notice = Some(Notice::Problem(fl!("link-offline")));
                return Action::Run(focus);
            }
            Item::AuditEntry(id) => {
                let (entry, task) =
                    entry::Entry::new(context.client.clone(), org.id.to_string(), id);
                self.entry = Some(entry);
                Task::batch([focus, task.map(Message::Entry)])
            }
            Item::Member(_) | Item::Group(_) => focus,
        };
        Action::Open {
            org: Box::new(org),
            item: link.item,
            then,
        }
    }

    fn copy_link(&mut self, item: Item, context: Option<Context<'_>>) -> Action {
        let link = context.and_then(|context| {
            let host = context.host()?;
            let org = context.organization(context.current?)?;
            Some(Link {
                host,
                org: org.subdomain.clone(),
                item,
            })
        });
        match link {
            Some(link) => {
                let text = link.to_string();
                self.notice = Some(Notice::Info(fl!("link-copied", link = text.clone())));
                Action::Run(iced::clipboard::write(text))
            }
            None => Action::None,
        }
    }
}

#[cfg(test)]
mod tests;
