//! What the console's parts say to each other ([`Message`]: every screen's
//! messages, and the shell's own), and the places the shell shows.

use iced::keyboard::Modifiers;
use orgdesk_api::{MembershipStatus, MyOrganization, Organization};
use orgdesk_client::Error;
use uuid::Uuid;

use crate::app::offline::Synced;
use crate::fl;
use crate::screen::groups::member_matrix;
use crate::screen::{
    self, activity, audit, bulk, groups, invitations, login, member, members, my_permissions,
    overview, palette, password, profile, wizard,
};
use crate::session::Resumed;
use crate::widget::icon::Icon;

/// The console's top-level message.
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
    Bulk(bulk::Message),
    Profile(profile::Message),
    Groups(groups::Message),
    MemberMatrix(member_matrix::Message),
    MyPermissions(my_permissions::Message),
    Overview(overview::Message),
    /// The Domains panel of the Organization section.
    Domains(crate::screen::domains::Message),
    /// The Governance section: permission snapshots, access reviews.
    Governance(crate::screen::governance::Message),
    /// Offline: a member's cached details (or none were cached).
    MemberCached(Uuid, Option<Box<crate::cache::Cached<member::Details>>>),
    Audit(audit::Message),
    /// Links, crash reports (the console's top level routes these).
    Desktop(crate::desktop::Message),
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
    /// The profile menu's button: opens or closes the menu.
    ToggleMenu,
    /// Ctrl+K: the command palette.
    OpenPalette,
    Palette(palette::Message),
    /// F1 or Ctrl+/: the keyboard shortcuts sheet.
    ToggleShortcuts,
    /// A member of the organization in view, on their sheet (the palette).
    OpenMember(Uuid),
    ToggleActivity,
    CacheSynced(String, Result<Synced, String>),
    /// The access reviews in the offline copy synced (decisions kept
    /// offline sent first), for the organization of that id.
    ReviewsSynced(String, Result<crate::app::offline::ReviewsSynced, String>),
    /// How far the sync of the offline copy is (organization, counts).
    CacheSyncProgress(String, crate::app::offline::Progress),
    /// Cancel on the sync of the offline copy.
    CancelSync,
    /// Offline: try the platform again.
    Reconnect,
    /// Offline still, and why.
    StillOffline(String),
    SignOut,
    SignedOut(Option<String>),
    /// The platform ended the session (a 401) or wants a new password first.
    SessionEnded(Error),
    FocusSearch,
    /// Tab (`true`) or Shift+Tab: the next or previous control takes the focus.
    MoveFocus(bool),
    Refresh,
    Escape,
    /// A key for the page in view.
    Key(Key),
    /// A table's columns were arranged anew: into the settings file.
    ColumnsChanged(&'static str, crate::settings::TableColumns),
    /// The answer to "Discard changes?" on leaving a section with edits.
    Leave(crate::widget::discard::Answer),
    /// Shift, Ctrl or Cmd went down or up (clicks in tables read them).
    Modifiers(Modifiers),
    /// How long work ended: into the shell's notices until dismissed.
    Notify(crate::widget::progress::Notice),
    /// A notice of the shell was read.
    DismissNotice(u64),
}

/// The keys a page acts on: arrows move in a table, Enter opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Enter,
    /// The Menu key or Shift+F10: the context menu of the selected row.
    Menu,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// How the organization is doing; where it opens.
    Overview,
    Members,
    Groups,
    Invitations,
    Audit,
    Organization,
    Governance,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Overview,
        Section::Members,
        Section::Groups,
        Section::Invitations,
        Section::Audit,
        Section::Organization,
        Section::Governance,
    ];

    pub fn label(self) -> String {
        match self {
            Section::Overview => fl!("nav-overview"),
            Section::Members => fl!("nav-members"),
            Section::Groups => fl!("nav-groups"),
            Section::Invitations => fl!("nav-invitations"),
            Section::Audit => fl!("nav-audit"),
            Section::Organization => fl!("nav-organization"),
            Section::Governance => fl!("nav-governance"),
        }
    }

    pub fn icon(self) -> Icon {
        match self {
            Section::Overview => Icon::Overview,
            Section::Members => Icon::Members,
            Section::Groups => Icon::Groups,
            Section::Invitations => Icon::Invitations,
            Section::Audit => Icon::Audit,
            Section::Organization => Icon::Organization,
            Section::Governance => Icon::Governance,
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
    pub const ALL: [MenuItem; 4] = [
        MenuItem::Profile,
        MenuItem::Permissions,
        MenuItem::Settings,
        MenuItem::SignOut,
    ];

    pub fn icon(self) -> Icon {
        match self {
            MenuItem::Profile => Icon::Profile,
            MenuItem::Permissions => Icon::Permissions,
            MenuItem::Settings => Icon::Settings,
            MenuItem::SignOut => Icon::SignOut,
        }
    }
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
