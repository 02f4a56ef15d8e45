//! HTTP tests: the real server on a socket, driven through `orgdesk-client`.

mod common;

mod accounts;
