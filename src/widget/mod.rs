//! Views used by several screens.

pub mod selection;
pub mod table;
