//! Invitations: inviting many addresses at once, seats, accepting links (API
//! and HTML form), resend, revoke, expiry, tenant isolation, listing, mail
//! language, suspended organizations, the audit trail, races across server
//! instances, and delivery over a real SMTP connection.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use orgdesk_api as api;
use orgdesk_client::Client;
use reqwest::Method;
use uuid::Uuid;

use crate::both;
use crate::common::*;

/// A second strong password, for accounts that must not share `PASSWORD`.
const OTHER_PASSWORD: &str = "quiet-meadow-42-compass-fjord";

fn oid(org: &api::Organization) -> String {
    org.id.to_string()
}

fn invitee(email: &str) -> api::Invitee {
    api::Invitee {
        email: email.into(),
        groups: None,
        expires_at: None,
    }
}

fn invitee_in(email: &str, groups: &[Uuid]) -> api::Invitee {
    api::Invitee {
        email: email.into(),
        groups: Some(groups.to_vec()),
        expires_at: None,
    }
}

async fn invite(
    client: &Client,
    org: &api::Organization,
    invitees: Vec<api::Invitee>,
) -> Vec<api::InviteResult> {
    let n = invitees.len();
    let results = client
        .invite(
            &oid(org),
            &api::InviteRequest {
                invitations: invitees,
            },
        )
        .await
        .expect("invite")
        .results;
    assert_eq!(results.len(), n, "one result per address: {results:?}");
    results
}

/// Invites one new address and answers the invitation's id.
async fn invite_one(client: &Client, org: &api::Organization, email: &str) -> Uuid {
    let results = invite(client, org, vec![invitee(email)]).await;
    assert_eq!(
        results[0].status,
        api::InviteOutcome::Invited,
        "{:?}",
        results[0]
    );
    assert_eq!(results[0].code, None);
    results[0]
        .invitation_id
        .expect("an invited address has an invitation id")
}

fn assert_failed(result: &api::InviteResult, email: &str, code: &str) {
    assert_eq!(result.email, email, "{result:?}");
    assert_eq!(result.status, api::InviteOutcome::Failed, "{result:?}");
    assert_eq!(result.code.as_deref(), Some(code), "{result:?}");
    assert_eq!(result.invitation_id, None, "{result:?}");
}

fn assert_invited(result: &api::InviteResult, email: &str) -> Uuid {
    assert_eq!(result.email, email, "{result:?}");
    assert_eq!(result.status, api::InviteOutcome::Invited, "{result:?}");
    assert_eq!(result.code, None, "{result:?}");
    result.invitation_id.expect("invitation id")
}

async fn seats_used(client: &Client, org: &api::Organization) -> u32 {
    client
        .org(&oid(org))
        .await
        .expect("org")
        .subscription
        .seats_used
}

/// Registers `email` with `password` (not the shared one) and answers its client.
async fn register_with(
    ts: &TestServer,
    email: &str,
    name: &str,
    password: &str,
) -> (Client, api::Profile) {
    let answer = ts
        .client()
        .register(&api::RegisterRequest {
            email: email.into(),
            password: password.into(),
            name: name.into(),
        })
        .await
        .expect("register");
    (ts.client().with_token(answer.token), answer.account)
}

/// Registers `email` and confirms it with the mailed link.
async fn verified(ts: &TestServer, email: &str, name: &str) -> (Client, api::Profile) {
    let (client, profile) = ts.register(email, name).await;
    let token = ts
        .link_token(email, "verify-email")
        .expect("a verification mail");
    client.verify_email(&token).await.expect("verify");
    assert!(client.me().await.unwrap().email_verified);
    (client, profile)
}

async fn login_into(
    ts: &TestServer,
    email: &str,
    password: &str,
    org: &str,
) -> Result<api::LoginResponse, orgdesk_client::Error> {
    ts.client()
        .login(&api::LoginRequest {
            email: email.into(),
            password: password.into(),
            organization: Some(org.into()),
        })
        .await
}

fn accept_body(name: Option<&str>, password: &str) -> api::AcceptInvitation {
    api::AcceptInvitation {
        name: name.map(Into::into),
        password: password.into(),
    }
}

/// Accepts through the raw route, checking for 201 exactly.
async fn accept_created(
    client: &Client,
    token: &str,
    name: Option<&str>,
    password: &str,
) -> api::AuthResponse {
    let raw = client
        .raw(
            Method::POST,
            &format!("/api/v1/invitations/{token}/accept"),
            Some("application/json"),
            serde_json::to_vec(&accept_body(name, password)).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(raw.status, 201, "{}", raw.text());
    serde_json::from_slice(&raw.body).expect("an AuthResponse")
}

/// (status, code) of a failed call.
fn failure<T: std::fmt::Debug>(result: Result<T, orgdesk_client::Error>) -> (u16, String) {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => (
            e.status().unwrap_or(0),
            e.code().unwrap_or("none").to_string(),
        ),
    }
}

async fn pending_emails(client: &Client, org: &api::Organization) -> Vec<String> {
    let page = client
        .invitations(
            &oid(org),
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Pending),
                limit: Some(500),
                cursor: None,
            },
        )
        .await
        .expect("invitations");
    let mut emails: Vec<String> = page.items.into_iter().map(|i| i.email).collect();
    emails.sort();
    emails
}

async fn is_member(admin: &Client, org: &api::Organization, account: Uuid) -> bool {
    match admin.member(&oid(org), account).await {
        Ok(_) => true,
        Err(e) if e.status() == Some(404) => false,
        Err(e) => panic!("member lookup: {e:?}"),
    }
}

async fn expire_via_sql(ts: &TestServer, id: Uuid) {
    let done = sqlx::query("UPDATE invitations SET expires_at = 0 WHERE id = $1")
        .bind(id.to_string())
        .execute(ts.server.state.db.pool())
        .await
        .expect("expire");
    assert_eq!(done.rows_affected(), 1);
}

async fn set_org_status(ts: &TestServer, org: Uuid, status: &str) {
    let done = sqlx::query("UPDATE orgs SET status = $1 WHERE id = $2")
        .bind(status)
        .bind(org.to_string())
        .execute(ts.server.state.db.pool())
        .await
        .expect("org status");
    assert_eq!(done.rows_affected(), 1);
}

fn form(fields: &[(&str, &str)]) -> Vec<u8> {
    fn enc(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".into(),
                b => format!("%{b:02X}"),
            })
            .collect()
    }
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
        .into_bytes()
}

fn header_value(raw: &orgdesk_client::RawResponse, name: &str) -> String {
    raw.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

// ---- Reading mail --------------------------------------------------------

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter_map(value) {
        acc = (acc << 6) | c;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn quoted_printable_decode(text: &str, underscore_is_space: bool) -> Vec<u8> {
    let bytes = text.replace("=\r\n", "").replace("=\n", "").into_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'=' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                    }
                    _ => {
                        out.push(b'=');
                        i += 1;
                    }
                }
            }
            b'_' if underscore_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The headers of a message (or part), unfolded, names lower-cased.
fn headers_of(head: &str) -> HashMap<String, String> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    headers.into_iter().collect()
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`).
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        if !(last_was_word && before.trim().is_empty()) {
            out.push_str(before);
        }
        let word = &rest[start + 2..];
        let parts: Vec<&str> = word.splitn(3, '?').collect();
        if parts.len() < 3 {
            out.push_str(&rest[start..]);
            return out;
        }
        let Some(end) = parts[2].find("?=") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let encoded = &parts[2][..end];
        let bytes = if parts[1].eq_ignore_ascii_case("b") {
            base64_decode(encoded)
        } else {
            quoted_printable_decode(encoded, true)
        };
        out.push_str(&String::from_utf8_lossy(&bytes));
        let consumed = start + 2 + parts[0].len() + 1 + parts[1].len() + 1 + end + 2;
        rest = &rest[consumed..];
        last_was_word = true;
    }
    out.push_str(rest);
    out
}

/// One mail, read: its decoded subject, recipients and every text part decoded.
#[derive(Debug, Clone)]
struct ReadMail {
    to: String,
    subject: String,
    content_type: String,
    /// (content type, decoded body) of each leaf part.
    parts: Vec<(String, String)>,
}

impl ReadMail {
    fn body(&self) -> String {
        self.parts
            .iter()
            .map(|(_, b)| b.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn is_to(&self, email: &str) -> bool {
        self.to
            .split(',')
            .map(|a| a.trim().trim_start_matches('<').trim_end_matches('>'))
            .any(|a| a.eq_ignore_ascii_case(email) || a.ends_with(&format!("<{email}")))
    }

    /// Every `{base}/invite/{token}` link token in the mail.
    fn invite_tokens(&self, base: &str) -> HashSet<String> {
        let marker = format!("{base}/invite/");
        let body = self.body();
        body.match_indices(&marker)
            .map(|(at, _)| {
                body[at + marker.len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect::<String>()
            })
            .filter(|t| !t.is_empty())
            .collect()
    }
}

fn split_head(text: &str) -> (&str, &str) {
    if let Some(at) = text.find("\r\n\r\n") {
        (&text[..at], &text[at + 4..])
    } else if let Some(at) = text.find("\n\n") {
        (&text[..at], &text[at + 2..])
    } else {
        (text, "")
    }
}

fn boundary_of(content_type: &str) -> Option<String> {
    let at = content_type.to_ascii_lowercase().find("boundary=")?;
    let value = &content_type[at + "boundary=".len()..];
    let value = value.split(';').next().unwrap_or(value).trim();
    Some(value.trim_matches('"').to_string())
}

fn decode_body(headers: &HashMap<String, String>, body: &str) -> String {
    let encoding = headers
        .get("content-transfer-encoding")
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    match encoding.as_str() {
        "base64" => String::from_utf8_lossy(&base64_decode(body)).into_owned(),
        "quoted-printable" => {
            String::from_utf8_lossy(&quoted_printable_decode(body, false)).into_owned()
        }
        _ => body.to_string(),
    }
}

fn leaf_parts(headers: &HashMap<String, String>, body: &str, out: &mut Vec<(String, String)>) {
    let content_type = headers
        .get("content-type")
        .cloned()
        .unwrap_or_else(|| "text/plain".into());
    match boundary_of(&content_type) {
        Some(boundary) if content_type.to_ascii_lowercase().starts_with("multipart/") => {
            let delimiter = format!("--{boundary}");
            for piece in body.split(&delimiter).skip(1) {
                if piece.starts_with("--") {
                    break;
                }
                let piece = piece.trim_start_matches(['\r', '\n']);
                let (head, part_body) = split_head(piece);
                leaf_parts(&headers_of(head), part_body, out);
            }
        }
        _ => out.push((content_type, decode_body(headers, body))),
    }
}

fn read_mail(raw: &str) -> ReadMail {
    let (head, body) = split_head(raw);
    let headers = headers_of(head);
    let mut parts = Vec::new();
    leaf_parts(&headers, body, &mut parts);
    ReadMail {
        to: decode_words(headers.get("to").map(String::as_str).unwrap_or_default()),
        subject: decode_words(
            headers
                .get("subject")
                .map(String::as_str)
                .unwrap_or_default(),
        ),
        content_type: headers.get("content-type").cloned().unwrap_or_default(),
        parts,
    }
}

/// Every outbox mail to `email`, read.
fn mails_to(ts: &TestServer, email: &str) -> Vec<ReadMail> {
    ts.mails()
        .iter()
        .map(|m| read_mail(m))
        .filter(|m| m.is_to(email))
        .collect()
}

/// Every invitation token mailed to `email` so far.
fn invite_tokens(ts: &TestServer, email: &str) -> HashSet<String> {
    mails_to(ts, email)
        .iter()
        .flat_map(|m| m.invite_tokens(&ts.url()))
        .collect()
}

/// The one invitation token mailed to `email`.
fn invite_token(ts: &TestServer, email: &str) -> String {
    let tokens = invite_tokens(ts, email);
    assert_eq!(
        tokens.len(),
        1,
        "one invitation link to {email}: {tokens:?}"
    );
    tokens.into_iter().next().unwrap()
}

mod accepting;
mod inviting;
mod lists_and_pages;
mod races_and_smtp;
