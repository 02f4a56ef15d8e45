//! Views used by several screens.

pub mod chart;
pub mod chip;
pub mod columns;
pub mod discard;
pub mod focus;
pub mod icon;
pub mod menu;
pub mod modal;
pub mod progress;
pub mod selection;
pub mod status;
pub mod table;
