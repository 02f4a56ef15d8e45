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

/// A campaign's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    Open,
    Completed,
}

impl ReviewStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Completed => "completed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Self::Open),
            "completed" => Some(Self::Completed),
            _ => None,
        }
    }
}

/// What a reviewer decides for one membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    /// The membership stays as it is.
    Keep,
    /// The membership goes when the campaign completes.
    Revoke,
    /// The membership ends at the decision's `expires_at`.
    Expire,
}

impl ReviewDecision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keep => "keep",
            Self::Revoke => "revoke",
            Self::Expire => "expire",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "keep" => Some(Self::Keep),
            "revoke" => Some(Self::Revoke),
            "expire" => Some(Self::Expire),
            _ => None,
        }
    }
}

/// `POST …/access-reviews`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAccessReview {
    pub name: String,
    /// The groups whose memberships are reviewed; absent: every group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<Uuid>>,
    /// Members who decide the items (they need no further permission).
    pub reviewers: Vec<Uuid>,
    #[serde(with = "time::serde::rfc3339")]
    pub due_at: OffsetDateTime,
}

/// How far a campaign is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewCounts {
    pub items: u64,
    pub decided: u64,
    pub keep: u64,
    pub revoke: u64,
    pub expire: u64,
}

/// An access review campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessReview {
    pub id: Uuid,
    pub name: String,
    pub status: ReviewStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub due_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(default)]
    pub created_by: Option<Uuid>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub completed_at: Option<OffsetDateTime>,
    pub reviewers: Vec<Uuid>,
    pub counts: ReviewCounts,
}

/// A decision taken on an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemDecision {
    pub decision: ReviewDecision,
    /// With `expire`: when the membership ends.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    pub decided_by: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub decided_at: OffsetDateTime,
}

/// One membership under review: member × group, with what the group grants
/// and when and by whom the member was added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewItem {
    pub item_id: Uuid,
    pub account: Uuid,
    pub email: String,
    pub name: String,
    pub group: GroupRef,
    /// What the group granted when the campaign started.
    pub permissions: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub added_at: OffsetDateTime,
    /// Who added the member; `null` when not recorded (added before this was kept).
    #[serde(default)]
    pub added_by: Option<Uuid>,
    #[serde(default)]
    pub decision: Option<ItemDecision>,
    /// Send it back with a decision: a changed item answers a conflict.
    pub version: i64,
}

/// One decision sent for an item, against the item's `version` as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    pub item_id: Uuid,
    pub decision: ReviewDecision,
    /// Required with `expire` (ahead of now); refused with the others.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub expires_at: Option<OffsetDateTime>,
    pub version: i64,
}

/// `POST …/access-reviews/{id}/decisions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionBatch {
    pub decisions: Vec<DecisionInput>,
}

/// What became of one decision sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    /// Recorded; `item` is the item now.
    Recorded,
    /// The item changed since the version sent; nothing was overwritten and
    /// `item` is the item as it is now, to decide again.
    Conflict,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionResult {
    pub item_id: Uuid,
    pub status: DecisionStatus,
    pub item: ReviewItem,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionResults {
    /// One per decision sent, in order.
    pub results: Vec<DecisionResult>,
}

/// `POST …/access-reviews/{id}/complete`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompleteReview {
    #[serde(default)]
    pub dry_run: bool,
}

/// What completing a campaign did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewCompletion {
    pub dry_run: bool,
    /// Memberships removed (`revoke`, or `expire` with an end already past).
    pub revoked: Vec<crate::groups::GroupMembership>,
    /// Memberships given the decided end.
    pub expiry_set: Vec<crate::groups::GroupMembership>,
    pub kept: u64,
    /// Items nobody decided: left as they are.
    pub undecided: u64,
    /// Decided items whose membership was already gone.
    pub skipped: u64,
    /// Members whose effective permissions change at once.
    pub impact: Vec<crate::groups::PermissionImpact>,
}
