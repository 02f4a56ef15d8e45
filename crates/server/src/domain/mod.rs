//! The rules of the platform as plain functions and types: no I/O here.

pub mod audit;
pub mod availability;
pub mod avatar;
pub mod catalog;
pub mod client_ip;
pub mod csv;
pub mod cursor;
pub mod domains;
pub mod expiry;
pub mod impact;
pub mod invitations;
pub mod names;
pub mod org_details;
pub mod overview;
pub mod password;
pub mod permissions;
pub mod pricing;
pub mod reviews;
pub mod snapshots;
pub mod throttle;
// VAT rules are shared with the console (inline errors in the wizard).
pub use orgdesk_api::vat;
