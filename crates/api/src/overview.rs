//! `GET /api/v1/orgs/{org}/overview`: how an organization is doing, in one
//! answer (the console's landing section).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::invitations::AuditEntry;

/// Days of the sign-ins series.
pub const OVERVIEW_SIGN_IN_DAYS: u32 = 30;
/// A member not signed in for this many days is dormant (never signed in:
/// counted from joining), as `…/members?inactive_days=90` has it.
pub const OVERVIEW_INACTIVE_DAYS: u32 = 90;
/// A pending invitation whose link ends within this many days is expiring
/// (links live 7 days: the last two are when a reminder helps).
pub const OVERVIEW_EXPIRING_DAYS: u32 = 2;
/// Audit entries in `recent`.
pub const OVERVIEW_RECENT_EVENTS: u32 = 8;
/// Entries listed per figure (the count says how many in all).
pub const OVERVIEW_LISTED: u32 = 5;

/// The overview's figures, counted at `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgOverview {
    #[serde(with = "time::serde::rfc3339")]
    pub as_of: OffsetDateTime,
    pub seats: SeatFigures,
    /// Members in all, active and suspended.
    pub members: u64,
    /// Sign-ins into the organization per day (UTC), the last
    /// [`OVERVIEW_SIGN_IN_DAYS`] days, oldest first, today last; every
    /// sign-in counts, not only each member's latest.
    pub sign_ins: Vec<DaySignIns>,
    /// `null` when the caller may not see invitations (`org.members.invite`).
    pub invitations: Option<InvitationFigures>,
    pub inactive: InactiveFigures,
    /// The latest audit entries, newest first; `null` without `org.audit.read`.
    pub recent: Option<Vec<AuditEntry>>,
}

/// Seats used and the limit, and what frees seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeatFigures {
    /// Active members and pending invitations whose links still work.
    pub used: u64,
    pub limit: u64,
    /// Pending invitations: revoking one frees its seat.
    pub pending_invitations: u64,
    /// Active members: suspending one frees a seat.
    pub active_members: u64,
    /// Suspended members hold no seat.
    pub suspended_members: u64,
}

/// Sign-ins on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaySignIns {
    /// The day's start (00:00 UTC).
    #[serde(with = "time::serde::rfc3339")]
    pub day: OffsetDateTime,
    pub count: u64,
}

/// Pending invitations and those about to expire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationFigures {
    pub pending: u64,
    /// Pending invitations whose links end within `expiring_within_days`.
    pub expiring: u64,
    pub expiring_within_days: u32,
    /// The soonest to expire, at most [`OVERVIEW_LISTED`].
    pub soonest: Vec<ExpiringInvitation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpiringInvitation {
    pub id: Uuid,
    pub email: String,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
}

/// Active members who have not signed in for `days` days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InactiveFigures {
    pub days: u32,
    pub count: u64,
    /// Away the longest first (never signed in: since joining), at most
    /// [`OVERVIEW_LISTED`].
    pub longest: Vec<DormantMember>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DormantMember {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    #[serde(with = "time::serde::rfc3339")]
    pub joined_at: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_login_at: Option<OffsetDateTime>,
}
