//! The console's icons, named for what they stand for: screens say
//! `Icon::Suspended`, never a glyph. They are the Lucide set
//! (<https://lucide.dev>), drawn from its font (the `lucide-icons` crate
//! carries the font and the glyphs' code points); the console loads
//! [`FONT_BYTES`] at start.

use iced::widget::{Text, container, row, text};
use iced::{Alignment, Element, Font};
use lucide_icons::Icon as Glyph;

use orgdesk_api::{InvitationStatus, MembershipStatus};

use crate::theme::{self, Tone};

/// The icon font's bytes, for the application's fonts.
pub const FONT_BYTES: &[u8] = lucide_icons::LUCIDE_FONT_BYTES;

/// The icon font, by the family name the Lucide font carries.
pub const FONT: Font = Font::with_name("lucide");

/// What an icon stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Icon {
    // Sections of the sidebar.
    Overview,
    Members,
    Groups,
    Invitations,
    Audit,
    Organization,
    Governance,
    // Actions.
    Invite,
    ImportCsv,
    ExportCsv,
    AddToGroups,
    RemoveFromGroups,
    Compare,
    Activity,
    Refresh,
    Search,
    Open,
    CopyEmail,
    CopyLink,
    Suspend,
    Reactivate,
    PasswordReset,
    SignOutOfOrganization,
    Shortcuts,
    // Statuses of members and invitations.
    Active,
    Suspended,
    Pending,
    Expired,
    Accepted,
    Revoked,
    NeverSignedIn,
    // Badges of groups.
    BuiltIn,
    Product,
    // The profile menu.
    MenuOpen,
    Profile,
    Permissions,
    Settings,
    SignOut,
    // Table headers and their column menu.
    SortAscending,
    SortDescending,
    ColumnsMenu,
    MoveLeft,
    MoveRight,
    Narrower,
    Wider,
    ResetColumns,
}

impl Icon {
    /// Every icon, for the tests that check the font has them all.
    pub const ALL: [Icon; 46] = [
        Icon::Overview,
        Icon::Members,
        Icon::Groups,
        Icon::Invitations,
        Icon::Audit,
        Icon::Organization,
        Icon::Governance,
        Icon::Invite,
        Icon::ImportCsv,
        Icon::ExportCsv,
        Icon::AddToGroups,
        Icon::RemoveFromGroups,
        Icon::Compare,
        Icon::Activity,
        Icon::Refresh,
        Icon::Search,
        Icon::Open,
        Icon::CopyEmail,
        Icon::CopyLink,
        Icon::Suspend,
        Icon::Reactivate,
        Icon::PasswordReset,
        Icon::SignOutOfOrganization,
        Icon::Shortcuts,
        Icon::Active,
        Icon::Suspended,
        Icon::Pending,
        Icon::Expired,
        Icon::Accepted,
        Icon::Revoked,
        Icon::NeverSignedIn,
        Icon::BuiltIn,
        Icon::Product,
        Icon::MenuOpen,
        Icon::Profile,
        Icon::Permissions,
        Icon::Settings,
        Icon::SignOut,
        Icon::SortAscending,
        Icon::SortDescending,
        Icon::ColumnsMenu,
        Icon::MoveLeft,
        Icon::MoveRight,
        Icon::Narrower,
        Icon::Wider,
        Icon::ResetColumns,
    ];

    /// The Lucide glyph drawn for this icon.
    pub fn glyph(self) -> Glyph {
        match self {
            Icon::Overview => Glyph::LayoutDashboard,
            Icon::Members => Glyph::Users,
            Icon::Groups => Glyph::ShieldCheck,
            Icon::Invitations => Glyph::Mail,
            Icon::Audit => Glyph::ScrollText,
            Icon::Organization => Glyph::Building2,
            Icon::Governance => Glyph::ClipboardCheck,
            Icon::Invite => Glyph::MailPlus,
            Icon::ImportCsv => Glyph::Upload,
            Icon::ExportCsv => Glyph::Download,
            Icon::AddToGroups => Glyph::UserPlus,
            Icon::RemoveFromGroups => Glyph::UserMinus,
            Icon::Compare => Glyph::GitCompareArrows,
            Icon::Activity => Glyph::Activity,
            Icon::Refresh => Glyph::RefreshCw,
            Icon::Search => Glyph::Search,
            Icon::Open => Glyph::SquareArrowOutUpRight,
            Icon::CopyEmail => Glyph::Copy,
            Icon::CopyLink => Glyph::Link,
            Icon::Suspend => Glyph::Pause,
            Icon::Reactivate => Glyph::Play,
            Icon::PasswordReset => Glyph::KeyRound,
            Icon::SignOutOfOrganization => Glyph::LogOut,
            Icon::Shortcuts => Glyph::Keyboard,
            Icon::Active => Glyph::CircleCheck,
            Icon::Suspended => Glyph::CirclePause,
            Icon::Pending => Glyph::Hourglass,
            Icon::Expired => Glyph::TimerOff,
            Icon::Accepted => Glyph::MailCheck,
            Icon::Revoked => Glyph::Ban,
            Icon::NeverSignedIn => Glyph::Clock,
            Icon::BuiltIn => Glyph::Lock,
            Icon::Product => Glyph::Package,
            Icon::MenuOpen => Glyph::ChevronDown,
            Icon::Profile => Glyph::User,
            Icon::Permissions => Glyph::KeySquare,
            Icon::Settings => Glyph::Settings,
            Icon::SignOut => Glyph::LogOut,
            Icon::SortAscending => Glyph::ArrowUp,
            Icon::SortDescending => Glyph::ArrowDown,
            Icon::ColumnsMenu => Glyph::EllipsisVertical,
            Icon::MoveLeft => Glyph::ChevronLeft,
            Icon::MoveRight => Glyph::ChevronRight,
            Icon::Narrower => Glyph::ChevronsRightLeft,
            Icon::Wider => Glyph::ChevronsLeftRight,
            Icon::ResetColumns => Glyph::RotateCcw,
        }
    }

    /// The glyph's code point in [`FONT`].
    pub fn char(self) -> char {
        char::from(self.glyph())
    }
}

/// `icon` as text in the icon font, at the size of body text.
pub fn icon<'a>(icon: Icon) -> Text<'a> {
    text(icon.char()).font(FONT).size(15).line_height(1.0)
}

/// `icon` before `label`, centred on one line: a button's or a cell's content.
pub fn labelled<'a, Message: 'a>(
    which: Icon,
    label: impl text::IntoFragment<'a>,
    size: u32,
) -> Element<'a, Message> {
    row![
        icon(which).size(size as f32 + 1.0),
        text(label).size(size as f32)
    ]
    .spacing(6)
    .align_y(Alignment::Center)
    .into()
}

/// A status in a table cell: its icon, coloured by its tone, and its words.
pub fn status<'a, Message: 'a>(which: Icon, label: String) -> Element<'a, Message> {
    row![
        icon(which).size(14).style(theme::status_icon(which.tone())),
        text(label).size(13).wrapping(text::Wrapping::None),
    ]
    .spacing(6)
    .align_y(Alignment::Center)
    .into()
}

impl Icon {
    /// A member's status.
    pub fn of_member(status: MembershipStatus) -> Icon {
        match status {
            MembershipStatus::Active => Icon::Active,
            MembershipStatus::Suspended => Icon::Suspended,
        }
    }

    /// An invitation's status.
    pub fn of_invitation(status: InvitationStatus) -> Icon {
        match status {
            InvitationStatus::Pending => Icon::Pending,
            InvitationStatus::Accepted => Icon::Accepted,
            InvitationStatus::Revoked => Icon::Revoked,
            InvitationStatus::Expired => Icon::Expired,
        }
    }

    /// How a status icon is coloured.
    pub fn tone(self) -> Tone {
        match self {
            Icon::Active | Icon::Accepted => Tone::Good,
            Icon::Suspended | Icon::Pending => Tone::Waiting,
            Icon::Revoked => Tone::Bad,
            _ => Tone::Over,
        }
    }
}

/// A small badge with an icon: built-in, a product's name.
pub fn badge<'a, Message: 'a>(which: Icon, label: String) -> Element<'a, Message> {
    container(labelled(which, label, 11))
        .padding([1, 6])
        .style(theme::badge)
        .into()
}

/// The initials of `name` (at most two, upper case): the profile menu's face.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let picked = match words.as_slice() {
        [] => return "?".to_string(),
        [one] => vec![*one],
        [first, .., last] => vec![*first, *last],
    };
    initials_of(&picked)
}

fn initials_of(words: &[&str]) -> String {
    words
        .iter()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_uppercase)
        .take(2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_has_its_own_lucide_glyph() {
        let face = FONT_BYTES;
        assert!(face.len() > 10_000, "the Lucide font is bundled");
        let mut seen = std::collections::HashMap::new();
        for icon in Icon::ALL {
            let c = icon.char();
            assert!(
                ('\u{e000}'..='\u{f8ff}').contains(&c),
                "{icon:?} is drawn from the font's private-use glyphs"
            );
            if let Some(other) = seen.insert(c, icon) {
                // Two names may share a glyph only where they mean the same gesture.
                assert!(
                    matches!((other, icon), (Icon::SignOutOfOrganization, Icon::SignOut)),
                    "{other:?} and {icon:?} look the same"
                );
            }
        }
    }

    #[test]
    fn initials_are_the_first_and_last_names_first_letters() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("  jürgen  von der Heide "), "JH");
        assert_eq!(initials("Cher"), "C");
        assert_eq!(initials("(Bob) Smith"), "BS");
        assert_eq!(initials(""), "?");
        assert_eq!(initials("— —"), "?");
    }
}
