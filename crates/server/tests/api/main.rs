//! HTTP tests: the real server on a socket, driven through `orgdesk-client`.

mod common;

mod accounts;
mod admin;
mod demo;
mod errors;
mod groups;
mod invitations;
mod members;
mod orgs;
mod profile;
mod tenancy;
mod wizard;
