//! A member row's context menu (right click, the Menu key or Shift+F10):
//! what it offers for one member, with each entry's icon and words.

use orgdesk_api::{Member, MembershipStatus};

use crate::fl;
use crate::widget::icon::Icon;

/// What a row's context menu offers (right click, or the Menu key on the
/// selected row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAct {
    Open,
    CopyEmail,
    /// "Add to group…": the selection (with this row) into groups.
    AddToGroup,
    RemoveFromGroup,
    Suspend,
    Reactivate,
    /// The managing organization only: the account's password.
    ForceReset,
    /// Any other organization: the member's sessions here.
    SignOut,
    CopyLink,
}

impl RowAct {
    /// The entries for `member`, in menu order; the offline copy offers
    /// only what needs no platform.
    pub fn offered(member: &Member, offline: bool) -> Vec<RowAct> {
        if offline {
            return vec![RowAct::Open, RowAct::CopyEmail, RowAct::CopyLink];
        }
        let mut acts = vec![RowAct::Open, RowAct::CopyEmail, RowAct::AddToGroup];
        if !member.groups.is_empty() {
            acts.push(RowAct::RemoveFromGroup);
        }
        acts.push(match member.status {
            MembershipStatus::Active => RowAct::Suspend,
            MembershipStatus::Suspended => RowAct::Reactivate,
        });
        acts.push(if member.managed {
            RowAct::ForceReset
        } else {
            RowAct::SignOut
        });
        acts.push(RowAct::CopyLink);
        acts
    }

    pub fn icon(self) -> Icon {
        match self {
            RowAct::Open => Icon::Open,
            RowAct::CopyEmail => Icon::CopyEmail,
            RowAct::AddToGroup => Icon::AddToGroups,
            RowAct::RemoveFromGroup => Icon::RemoveFromGroups,
            RowAct::Suspend => Icon::Suspend,
            RowAct::Reactivate => Icon::Reactivate,
            RowAct::ForceReset => Icon::PasswordReset,
            RowAct::SignOut => Icon::SignOutOfOrganization,
            RowAct::CopyLink => Icon::CopyLink,
        }
    }

    pub fn label(self) -> String {
        match self {
            RowAct::Open => fl!("members-menu-open"),
            RowAct::CopyEmail => fl!("members-menu-copy-email"),
            RowAct::AddToGroup => fl!("members-menu-add-to-group"),
            RowAct::RemoveFromGroup => fl!("members-menu-remove-from-group"),
            RowAct::Suspend => fl!("member-suspend"),
            RowAct::Reactivate => fl!("member-reactivate"),
            RowAct::ForceReset => fl!("member-force-reset"),
            RowAct::SignOut => fl!("member-sign-out"),
            RowAct::CopyLink => fl!("link-copy"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn member(status: MembershipStatus, managed: bool, grouped: bool) -> Member {
        let at = time::OffsetDateTime::UNIX_EPOCH;
        Member {
            group_expiry: Vec::new(),
            id: Uuid::new_v4(),
            name: "Ada".into(),
            email: "ada@example.com".into(),
            status,
            groups: if grouped {
                vec![orgdesk_api::GroupRef {
                    id: Uuid::new_v4(),
                    name: "Staff".into(),
                }]
            } else {
                Vec::new()
            },
            joined_at: at,
            last_login_at: None,
            suspended_at: None,
            updated_at: at,
            managed,
        }
    }

    #[test]
    fn the_menu_offers_what_applies_to_the_member() {
        use RowAct::*;
        assert_eq!(
            RowAct::offered(&member(MembershipStatus::Active, true, true), false),
            [
                Open,
                CopyEmail,
                AddToGroup,
                RemoveFromGroup,
                Suspend,
                ForceReset,
                CopyLink
            ]
        );
        assert_eq!(
            RowAct::offered(&member(MembershipStatus::Suspended, false, false), false),
            [Open, CopyEmail, AddToGroup, Reactivate, SignOut, CopyLink],
            "no group to leave; managed elsewhere: sign out here"
        );
        assert_eq!(
            RowAct::offered(&member(MembershipStatus::Active, true, true), true),
            [Open, CopyEmail, CopyLink],
            "offline: nothing that needs the platform"
        );
    }
}
