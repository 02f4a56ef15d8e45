//! HTTP tests: the real server on a socket, driven through `orgdesk-client`.

mod common;

mod accounts;
mod admin;
mod demo;
mod errors;
mod governance;
mod groups;
mod invitations;
mod members;
mod ops;
mod orgs;
mod overview;
mod profile;
mod tenancy;
mod wizard;
