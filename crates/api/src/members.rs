use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::accounts::GroupRef;
use crate::orgs::MembershipStatus;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    /// The account's id.
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub status: MembershipStatus,
    pub groups: Vec<GroupRef>,
    #[serde(with = "time::serde::rfc3339")]
    pub joined_at: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_login_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub suspended_at: Option<OffsetDateTime>,
    /// Last change to the membership, its groups or the account's name and email.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The organization manages this account: its verified email is at a
    /// domain the organization verified (see `…/domains`).
    #[serde(default)]
    pub managed: bool,
    /// The memberships of `groups` that end, with the instant they end
    /// (from then on they grant nothing). Groups not listed have no end.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_expiry: Vec<GroupExpiry>,
}

/// When a member's membership of a group ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupExpiry {
    pub group: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// The order of a members list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemberSort {
    #[default]
    Name,
    Email,
    JoinedAt,
}

/// The longest span a members filter counts in days (a century).
pub const MAX_DAYS: u32 = 36_500;

/// `GET …/members` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct MemberQuery {
    /// Words that prefix-match the name or email (every word must match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<MembershipStatus>,
    /// Only members of this group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<MemberSort>,
    /// Sort descending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Only memberships changed at or after this time (RFC 3339, e.g.
    /// `2025-01-31T12:00:00Z`; in a query string write `+` offsets as `%2B`),
    /// so a console can refresh only what changed. A change is anything a
    /// `Member` shows: status, groups, name, email. Pass the largest
    /// `updated_at` seen so far (the server's clock, not the client's), less a
    /// little margin for changes still committing; matching is inclusive, to
    /// the millisecond. Removals are not reported: a membership that no longer
    /// exists is simply absent (memberships are never deleted today).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub updated_since: Option<OffsetDateTime>,
    /// Dormant members: no sign-in for at least this many days (members who
    /// never signed in count from when they joined); 0 to [`MAX_DAYS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 0, maximum = 36500))]
    pub inactive_days: Option<u32>,
    /// Members with a group membership ending within this many days (and
    /// not ended yet); 0 to [`MAX_DAYS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 0, maximum = 36500))]
    pub expiring_within_days: Option<u32>,
}

/// One permission the member holds, with every group that grants it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EffectivePermission {
    pub permission: String,
    pub product: String,
    pub description: String,
    pub granted_by: Vec<GrantingGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GrantingGroup {
    pub group_id: Uuid,
    pub name: String,
}

/// `GET …/members/{account}/profile`: what an admin sees of a member beyond
/// the list's row — how to reach them, what they do, and the state of their
/// account. Kept apart from [`Member`] so that lists of 100,000 members stay
/// lean; a console fetches it for the one member it opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberProfile {
    /// The account's id.
    pub id: Uuid,
    pub email: String,
    pub email_verified: bool,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub job_title: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub avatar_url: Option<String>,
    /// A reset is pending: the member must choose a new password at their next sign-in.
    pub password_reset_required: bool,
    /// When the membership took its current status: the suspension for a
    /// suspended member; the last reactivation, or else joining, for an active one.
    #[serde(with = "time::serde::rfc3339")]
    pub status_since: OffsetDateTime,
    /// The organization manages this account (its verified email is at one of
    /// the organization's verified domains).
    #[serde(default)]
    pub managed: bool,
    /// Phone, address, job title and department are withheld: the account is
    /// not managed by this organization, or the caller lacks
    /// `org.members.contact.read`. `null` then means "not shown", not "not given".
    #[serde(default)]
    pub contact_withheld: bool,
}

/// `POST …/members/{account}/sign-out`: how many live sessions stopped working here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedOut {
    pub sessions: u64,
}
