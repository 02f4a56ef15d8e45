//! The member sheet: each tab, the confirmations and what they say, refusals
//! in words, the read-only offline copy — headless with iced_test — and the
//! whole sheet end to end against a real platform (`e2e`).

#[path = "../support/mod.rs"]
mod support;

mod boundary;
mod e2e;
mod sheet;

use support::{english_blocking as english, language};
