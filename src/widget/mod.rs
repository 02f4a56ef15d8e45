//! Views used by several screens.

pub mod chip;
pub mod modal;
pub mod selection;
pub mod status;
pub mod table;
