//! Views used by several screens.

pub mod modal;
pub mod selection;
pub mod table;
