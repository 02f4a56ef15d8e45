//! One module per screen, each with the same shape: `new`, `update` returning
//! an `Action` for the parent, `view`.

pub mod login;
pub mod members;
pub mod placeholder;

use orgdesk_client::Error;
use time::OffsetDateTime;

use crate::fl;

/// A client error in words for the person, never a bare code.
pub fn describe(error: &Error) -> String {
    match error {
        Error::Network(e) => fl!("error-network", detail = e.to_string()),
        other => fl!("error-generic", detail = other.to_string()),
    }
}

/// "2026-11-27 14:03" in local-agnostic UTC form.
pub fn short_time(at: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
}
