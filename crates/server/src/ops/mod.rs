//! Running the server as an operator does: the accept loop, metrics, and the
//! maintenance commands (`migrate`, `backup`, `check-config`).

pub mod commands;
pub mod metrics;
pub mod serve;
