//! My Profile and My Permissions: each tab driven headless with iced_test
//! (messages in, what shows, what clicks send), then end to end against a
//! real platform in this process — the screens' own tasks run, their
//! messages fed back, and the platform's state checked with real clients.

#[path = "../support/mod.rs"]
mod support;

mod details;
mod fixtures;
mod leaving;
mod permissions;
mod pictures;
mod sign_ins;
