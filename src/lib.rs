//! Orgdesk, the desktop console for organization admins (iced, Elm
//! architecture). `main.rs` opens the window; everything else lives here so
//! tests can drive it headless.

pub mod app;
pub mod cache;
pub mod credentials;
pub mod desktop;
pub mod i18n;
pub mod locale;
pub mod platform;
pub mod remote;
pub mod screen;
pub mod session;
pub mod settings;
pub mod theme;
pub mod widget;
