//! Workflows that several routes share, each inside the caller's
//! transaction: they decide with `domain/` and write with `store/`.

pub mod email;
pub mod invitations;
pub mod membership;
pub mod reviews;
pub mod sessions;
pub mod throttle;
