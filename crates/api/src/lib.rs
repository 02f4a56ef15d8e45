//! Wire types of the Orgdesk admin API, shared by the server and the console.
//!
//! This crate does no I/O: it knows serde, uuid and time, nothing of HTTP,
//! databases or widgets. With the `openapi` feature every type also derives
//! a `utoipa::ToSchema` so the server's OpenAPI document comes from here.

pub mod accounts;
pub mod actions;
pub mod codes;
pub mod common;
pub mod domains;
pub mod governance;
pub mod groups;
pub mod invitations;
pub mod members;
pub mod orgs;
pub mod overview;
pub mod permissions;
pub mod search;
pub mod validate;
pub mod wizard;

pub use accounts::*;
pub use common::*;
pub use domains::*;
pub use governance::*;
pub use groups::*;
pub use invitations::*;
pub use members::*;
pub use orgs::*;
pub use overview::*;
pub use wizard::*;
pub mod vat;
