//! Governance: suspending dormant members in bulk, group managers,
//! permission snapshots and their diffs (see API.md, "Governance").

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::accounts::GroupRef;

/// `POST …/members/suspend`: many members at once, in one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkSuspend {
    pub accounts: Vec<Uuid>,
    /// Only say what would happen; nothing is kept.
    #[serde(default)]
    pub dry_run: bool,
}

/// What a bulk suspension did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkSuspendResult {
    pub dry_run: bool,
    /// Members suspended now (were active).
    pub suspended: Vec<Uuid>,
    /// Members named that were suspended already.
    pub unchanged: u64,
    /// Seats the suspensions free: suspended members take no seat.
    pub seats_freed: u64,
    /// Seats in use afterwards.
    pub seats_used: u64,
}

/// `GET, PUT …/groups/{id}/managers`: the accounts that manage a group's
/// members without `org.groups.manage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupManagers {
    pub accounts: Vec<Uuid>,
}

/// `POST …/permission-snapshots`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateSnapshot {
    /// A label for people ("Before the Q3 reorganization").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A record of who held which permission through which groups, at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionSnapshot {
    pub id: Uuid,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub taken_at: OffsetDateTime,
    #[serde(default)]
    pub taken_by: Option<Uuid>,
    /// Active members holding at least one permission.
    pub members: u64,
    /// (member, permission) pairs held.
    pub grants: u64,
}

/// One permission one member held, and the groups it came through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotGrant {
    pub account: Uuid,
    pub email: String,
    pub name: String,
    pub permission: String,
    pub granted_by: Vec<GroupRef>,
}

/// `GET …/permission-snapshots/{id}`: the snapshot with every grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotDetail {
    #[serde(flatten)]
    pub snapshot: PermissionSnapshot,
    /// One entry per member and permission held, by email.
    pub holdings: Vec<SnapshotGrant>,
}

/// A permission gained or lost, with the groups granting it (after, for a
/// gain; before, for a loss).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionChange {
    pub permission: String,
    pub groups: Vec<GroupRef>,
}

/// What one member gained and lost between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberPermissionDiff {
    pub account: Uuid,
    pub email: String,
    pub name: String,
    pub gained: Vec<PermissionChange>,
    pub lost: Vec<PermissionChange>,
}

/// `GET …/permission-snapshots/{a}/diff/{b}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SnapshotDiff {
    pub from: Uuid,
    /// The later snapshot; `null` when compared with now.
    #[serde(default)]
    pub to: Option<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub from_taken_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub to_taken_at: OffsetDateTime,
    /// Only members whose permissions changed, by email.
    pub members: Vec<MemberPermissionDiff>,
}
