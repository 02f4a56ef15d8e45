use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::orgs::PermissionInfo;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Group {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    /// Admin, User and Guest: undeletable, their names fixed.
    pub builtin: bool,
    /// The product that brought this predefined group, if any.
    pub product: Option<String>,
    pub permissions: Vec<String>,
    pub member_count: u64,
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateGroup {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub permissions: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateGroup {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The whole new set of permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
}

/// Accounts to add to or remove from one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountList {
    pub accounts: Vec<Uuid>,
}

/// What a membership change did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MembershipDiff {
    pub added: Vec<GroupMembership>,
    pub removed: Vec<GroupMembership>,
    /// Requested changes that were already in place.
    pub unchanged: u64,
    /// Memberships that stayed and whose `expires_at` changed (extended,
    /// shortened, made permanent, or renewed after it had passed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expiry_changed: Vec<GroupMembership>,
}

/// `POST …/groups/{id}/members`: accounts to add, until `expires_at` when given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddMembers {
    pub accounts: Vec<Uuid>,
    /// From this instant the memberships grant nothing; it must lie ahead.
    /// Absent: memberships without end.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub expires_at: Option<OffsetDateTime>,
}

/// One account of a bulk `add`: the bare id (the original shape, a
/// membership without end) or the account with the end of its membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum MemberAdd {
    Account(Uuid),
    Until {
        account: Uuid,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "time::serde::rfc3339::option"
        )]
        expires_at: Option<OffsetDateTime>,
    },
}

impl MemberAdd {
    pub fn account(&self) -> Uuid {
        match *self {
            Self::Account(account) | Self::Until { account, .. } => account,
        }
    }

    pub fn expires_at(&self) -> Option<OffsetDateTime> {
        match *self {
            Self::Account(_) => None,
            Self::Until { expires_at, .. } => expires_at,
        }
    }

    /// `account` until `expires_at`; a bare id when it has no end.
    pub fn until(account: Uuid, expires_at: Option<OffsetDateTime>) -> Self {
        match expires_at {
            None => Self::Account(account),
            Some(_) => Self::Until {
                account,
                expires_at,
            },
        }
    }
}

impl From<Uuid> for MemberAdd {
    fn from(account: Uuid) -> Self {
        Self::Account(account)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupMembership {
    pub group: Uuid,
    pub account: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkChange {
    pub group: Uuid,
    /// Accounts to add, each a bare id (a membership without end) or
    /// `{account, expires_at?}`. Adding a member already in the group sets
    /// the membership's end to what the add says (none: no end).
    #[serde(default)]
    pub add: Vec<MemberAdd>,
    #[serde(default)]
    pub remove: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkRequest {
    pub changes: Vec<BulkChange>,
    #[serde(default)]
    pub dry_run: bool,
}

/// What a bulk change did (or, in a dry run, would do): the memberships it
/// changed and how the members' effective permissions change with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkResult {
    pub dry_run: bool,
    #[serde(flatten)]
    pub diff: MembershipDiff,
    /// Every member whose effective permissions (the union over their groups)
    /// change, by account id. A member added to a group that grants only what
    /// they hold already is not listed. Empty from servers that predate it.
    #[serde(default)]
    pub impact: Vec<PermissionImpact>,
}

/// How one member's effective permissions change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionImpact {
    pub account: Uuid,
    /// Permissions held afterwards and not before, in catalogue order.
    #[serde(default)]
    pub gained: Vec<String>,
    /// Permissions held before and not afterwards, in catalogue order.
    #[serde(default)]
    pub lost: Vec<String>,
    /// A suspended member holds no permission until reactivated; the change
    /// takes effect then.
    #[serde(default)]
    pub suspended: bool,
}

/// Groups × permissions for the console's grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionMatrix {
    pub permissions: Vec<PermissionInfo>,
    pub groups: Vec<MatrixGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MatrixGroup {
    pub id: Uuid,
    pub name: String,
    pub builtin: bool,
    pub product: Option<String>,
    pub version: i64,
    /// One flag per entry of `permissions`, in the same order.
    pub granted: Vec<bool>,
}
