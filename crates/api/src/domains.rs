//! Domains an organization claims and proves by DNS: accounts whose verified
//! email is at a verified domain are *managed* by that organization.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// Where a claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DomainStatus {
    /// Claimed; waiting for its TXT record.
    Pending,
    /// The TXT record was found: the organization manages the domain's accounts.
    Verified,
}

impl DomainStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Verified => "verified",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(Self::Pending),
            "verified" => Some(Self::Verified),
            _ => None,
        }
    }
}

/// A claimed domain and the TXT record that proves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Domain {
    pub id: Uuid,
    /// Lower case, internationalized names in their ASCII (punycode) form.
    pub domain: String,
    pub status: DomainStatus,
    /// The name to publish the TXT record at, e.g. `_orgdesk-challenge.example.com`.
    pub txt_name: String,
    /// The record's exact text.
    pub txt_value: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub verified_at: Option<OffsetDateTime>,
}

/// `POST …/domains`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimDomain {
    pub domain: String,
}
