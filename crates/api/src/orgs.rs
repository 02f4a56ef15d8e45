use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgStatus {
    Active,
    PendingPayment,
    Suspended,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    Active,
    Suspended,
}

impl OrgStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::PendingPayment => "pending_payment",
            Self::Suspended => "suspended",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "pending_payment" => Some(Self::PendingPayment),
            "suspended" => Some(Self::Suspended),
            _ => None,
        }
    }
}

impl MembershipStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Suspended => "suspended",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "suspended" => Some(Self::Suspended),
            _ => None,
        }
    }
}

/// What the platform sells: `GET /api/v1/catalog`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalog {
    pub products: Vec<Product>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    pub id: String,
    pub name: String,
    pub description: String,
    pub permissions: Vec<PermissionInfo>,
    /// The predefined groups an organization gets with this product.
    pub groups: Vec<PredefinedGroup>,
    pub packages: Vec<Package>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PermissionInfo {
    pub key: String,
    /// `platform` for the organization's own permissions, else a product id.
    pub product: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PredefinedGroup {
    pub name: String,
    pub description: String,
    pub permissions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Package {
    pub id: String,
    pub name: String,
    /// Seats included; `null` only for a contact-sales package.
    pub seats: Option<u32>,
    /// Price per month in minor units (cents).
    pub price_cents: i64,
    pub currency: String,
    /// Sold only through a quote from sales; cannot be chosen in the wizard.
    pub contact_sales: bool,
}

/// A product and the package chosen for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductChoice {
    pub product: String,
    pub package: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateOrganization {
    pub name: String,
    pub subdomain: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    #[serde(default)]
    pub vat_id: Option<String>,
    pub address: String,
    pub billing_email: String,
    pub products: Vec<ProductChoice>,
}

/// A change to an organization's details (`org.settings.manage`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganization {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdomain: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::common::double_option"
    )]
    pub vat_id: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_email: Option<String>,
    /// New sign-ups whose verified email is at one of the organization's
    /// verified domains join it by themselves, into User (needs
    /// `org.domains.manage` too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_join_domains: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organization {
    pub id: Uuid,
    pub name: String,
    pub subdomain: String,
    pub country: String,
    pub vat_id: Option<String>,
    pub address: String,
    pub billing_email: String,
    pub status: OrgStatus,
    pub products: Vec<ProductChoice>,
    pub subscription: Subscription,
    /// The price per month, while the organization waits for its payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<crate::wizard::Overview>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub version: i64,
    /// New sign-ups at the organization's verified domains join by themselves (off by default).
    #[serde(default)]
    pub auto_join_domains: bool,
}

/// Seats: `seats_used` counts active members and pending invitations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subscription {
    /// The package whose seats bound the organization (the smallest chosen).
    pub package: String,
    pub seat_limit: u32,
    pub seats_used: u32,
}
