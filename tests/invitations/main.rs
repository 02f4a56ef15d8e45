//! The Invitations screen: headless with the simulator (list, filter, Invite
//! dialog, confirmations, per-address results) and end to end against the
//! real platform (inviting past the seat limit, resend, revoke, refusals).

mod e2e;
mod screens;
#[path = "../support/mod.rs"]
mod support;

use std::sync::Arc;

use iced::Task;
use iced::widget::text_editor::{Action as EditorAction, Edit};
use iced_test::simulator;
use orgdesk::screen::invitations::{self, Change, Invitations, Message, invite};
use orgdesk_api::{
    GroupRef, Invitation, InvitationQuery, InvitationStatus, InviteOutcome, InviteResponse,
    InviteResult, MemberQuery, MembershipStatus, Page, codes,
};
use orgdesk_client::Client;
use time::macros::datetime;
use uuid::Uuid;

// The language is process-wide: tests that read words take turns.
use support::{
    english as english_async, english_blocking as english, language, text_containing as containing,
};

fn group(id: u128, name: &str) -> orgdesk_api::Group {
    orgdesk_api::Group {
        id: Uuid::from_u128(id),
        name: name.into(),
        description: String::new(),
        builtin: name == "User" || name == "Admin",
        product: None,
        permissions: Vec::new(),
        member_count: 0,
        version: 1,
        created_at: datetime!(2025-01-01 0:00 UTC),
    }
}

fn invitation(n: u128, email: &str, status: InvitationStatus) -> Invitation {
    Invitation {
        id: Uuid::from_u128(n),
        email: email.into(),
        status,
        groups: vec![GroupRef {
            id: Uuid::from_u128(900),
            name: "User".into(),
        }],
        invited_by: None,
        created_at: datetime!(2025-11-01 9:00 UTC),
        sent_at: datetime!(2025-11-03 14:03 UTC),
        expires_at: datetime!(2025-11-10 14:03 UTC),
        accepted_at: (status == InvitationStatus::Accepted)
            .then_some(datetime!(2025-11-04 8:30 UTC)),
        membership_expires_at: None,
    }
}

/// The answer to the page `screen` waits for: `rows`, all there are.
fn answer(screen: &Invitations, rows: Vec<Invitation>) -> Message {
    let request = screen.list().pending().cloned().expect("a page asked for");
    let total = rows.len() as u64;
    Message::Listed(request.answer(Ok(Page {
        items: rows,
        next_cursor: None,
        total,
        total_is_estimate: false,
    })))
}

/// A screen fed one page, the seats and the groups, without a server.
fn screen_with(rows: Vec<Invitation>, seats: (u32, u32)) -> Invitations {
    let client = Client::new("http://127.0.0.1:9").expect("client");
    let (mut screen, _task) = Invitations::new(client, "acme".into(), None);
    let _ = screen.update(answer(&screen, rows));
    let _ = screen.update(Message::SeatsLoaded(Ok(seats)));
    let _ = screen.update(Message::GroupsLoaded(Ok(vec![
        group(900, "User"),
        group(901, "Sales"),
    ])));
    screen
}

fn paste(text: &str) -> Message {
    Message::Invite(invite::Message::Edit(EditorAction::Edit(Edit::Paste(
        Arc::new(text.to_string()),
    ))))
}

fn result(email: &str, status: InviteOutcome, code: Option<&str>) -> InviteResult {
    InviteResult {
        email: email.into(),
        status,
        code: code.map(str::to_string),
        message: None,
        invitation_id: None,
    }
}

fn api_error(status: u16, code: &str, detail: &str) -> orgdesk_client::Error {
    orgdesk_client::Error::Api(Box::new(orgdesk_client::ApiError {
        status,
        problem: orgdesk_api::Problem {
            kind: "about:blank".into(),
            title: code.into(),
            status,
            detail: Some(detail.into()),
            code: code.into(),
            ..Default::default()
        },
        retry_after: None,
    }))
}
