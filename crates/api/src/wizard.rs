//! The new-organization wizard: availability, pricing, payment, sales.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// `GET /api/v1/orgs/availability?name=&subdomain=` query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AvailabilityQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdomain: Option<String>,
    /// Used to suggest `{name}-{country}` first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Availability {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<NameAvailability>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subdomain: Option<SubdomainAvailability>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NameAvailability {
    pub available: bool,
    /// The display name of the organization it collides with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_with: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubdomainAvailability {
    pub available: bool,
    /// Why not, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Why not, for a program to branch on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<crate::validate::SubdomainReason>,
    /// Up to three free alternatives when it cannot be had.
    pub suggestions: Vec<String>,
}

/// What an organization pays per month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Overview {
    pub items: Vec<LineItem>,
    pub currency: String,
    pub net_cents: i64,
    /// Basis points: 1900 is 19 %.
    pub vat_rate_bp: u32,
    pub vat_cents: i64,
    pub total_cents: i64,
    /// True when the customer accounts for VAT (EU business outside the platform's country).
    pub reverse_charge: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LineItem {
    pub product: String,
    pub product_name: String,
    pub package: String,
    pub package_name: String,
    pub seats: u32,
    pub unit_price_cents: i64,
    pub quantity: u32,
    pub amount_cents: i64,
}

/// Where to pay: the provider's checkout page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Checkout {
    pub checkout_url: String,
    pub payment_id: Uuid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Waiting for the card.
    Open,
    Paid,
    /// The last attempt was declined; the same checkout can be tried again.
    Declined,
}

/// The organization's latest payment, for a console waiting on the checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Payment {
    pub id: Uuid,
    pub status: PaymentStatus,
    pub amount_cents: i64,
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decline_reason: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub paid_at: Option<OffsetDateTime>,
}

/// A request for a custom quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuoteRequest {
    pub name: String,
    pub email: String,
    pub company: String,
    /// Product ids of interest.
    pub products: Vec<String>,
    pub seats: u32,
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuoteResponse {
    pub id: Uuid,
    /// What happens next, in words.
    pub next_steps: String,
}
