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
    }
}

fn invitee_in(email: &str, groups: &[Uuid]) -> api::Invitee {
    api::Invitee {
        email: email.into(),
        groups: Some(groups.to_vec()),
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

// ---- Inviting ------------------------------------------------------------

both!(a_batch_answers_one_result_per_address_in_order, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let (vera, vera_profile) = verified(&ts, "vera@people.example", "Vera Verified").await;
    let (uma, uma_profile) = ts.register("uma@people.example", "Uma Unverified").await;
    let (_, _mia) = ts
        .member(&admin, &org, "mia@people.example", "Mia Member")
        .await;
    let (_, sue) = ts
        .member(&admin, &org, "sue@people.example", "Sue Suspended")
        .await;
    admin
        .suspend_member(&org_id, sue.id)
        .await
        .expect("suspend");
    invite_one(&admin, &org, "pat@people.example").await;
    let sales = group_named(&admin, &org, "Sales Team").await;
    let user = group_named(&admin, &org, "User").await;
    let mails_before = ts.mails().len();

    let results = invite(
        &admin,
        &org,
        vec![
            invitee("new@people.example"),
            invitee("Vera@People.example"),
            invitee("uma@people.example"),
            invitee("not an address"),
            invitee("NEW@people.example"),
            invitee("mia@people.example"),
            invitee("sue@people.example"),
            invitee("pat@people.example"),
            invitee_in("gina@people.example", &[Uuid::now_v7()]),
            invitee_in("gus@people.example", &[sales.id]),
            invitee("new@people.example"),
        ],
    )
    .await;
    let new_id = assert_invited(&results[0], "new@people.example");
    assert_eq!(
        results[1].email, "vera@people.example",
        "addresses come back normalized"
    );
    assert_eq!(
        results[1].status,
        api::InviteOutcome::Added,
        "{:?}",
        results[1]
    );
    assert_eq!(results[1].code, None);
    let uma_id = assert_invited(&results[2], "uma@people.example");
    assert_eq!(results[3].email, "not an address");
    assert_eq!(results[3].status, api::InviteOutcome::Failed);
    assert_eq!(results[3].code.as_deref(), Some("invalid_email"));
    assert_failed(&results[4], "new@people.example", "duplicate");
    assert_failed(&results[5], "mia@people.example", "already_member");
    assert_failed(&results[6], "sue@people.example", "member_suspended");
    assert_failed(&results[7], "pat@people.example", "invitation_pending");
    assert_failed(&results[8], "gina@people.example", "not_found");
    let gus_id = assert_invited(&results[9], "gus@people.example");
    assert_failed(&results[10], "new@people.example", "duplicate");
    assert_eq!(
        HashSet::from([new_id, uma_id, gus_id]).len(),
        3,
        "each invitation has its own id"
    );

    // Mail: a link for each invited address, a notice for the added account, nothing else.
    assert_eq!(
        ts.mails().len(),
        mails_before + 4,
        "three invitations and one notice"
    );
    for email in [
        "new@people.example",
        "uma@people.example",
        "gus@people.example",
    ] {
        let token = invite_token(&ts, email);
        assert!(token.len() >= 40, "a long random token: {token}");
        let preview = ts
            .client()
            .invitation_preview(&token)
            .await
            .expect("preview");
        assert_eq!(preview.email, email);
        assert_eq!(preview.organization, org.name);
        assert_eq!(preview.subdomain, "acme");
        assert_eq!(preview.account_exists, email == "uma@people.example");
    }
    for email in [
        "gina@people.example",
        "mia@people.example",
        "sue@people.example",
        "not an address",
    ] {
        let about_org = mails_to(&ts, email)
            .into_iter()
            .filter(|m| m.subject.contains(&org.name) || !m.invite_tokens(&ts.url()).is_empty())
            .count();
        assert_eq!(about_org, 0, "no invitation or notice to {email}");
    }
    assert_eq!(
        invite_tokens(&ts, "pat@people.example").len(),
        1,
        "pat's one earlier link only"
    );
    let vera_mails = mails_to(&ts, "vera@people.example");
    let notice = vera_mails
        .iter()
        .find(|m| m.subject.contains(&org.name))
        .expect("a notice mail to the added account");
    assert!(
        notice.invite_tokens(&ts.url()).is_empty(),
        "a notice, not a link: {notice:?}"
    );

    // The verified account has access now, in the default group User.
    let mine = vera.my_organizations().await.unwrap();
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].id, org.id);
    assert_eq!(mine[0].membership_status, api::MembershipStatus::Active);
    assert_eq!(
        mine[0].groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![user.id]
    );
    let login = login_into(&ts, "vera@people.example", PASSWORD, "acme")
        .await
        .expect("login into acme");
    assert_eq!(login.organization_id, Some(org.id));
    assert!(is_member(&admin, &org, vera_profile.id).await);

    // The unverified account got a link, never instant access.
    assert!(uma.my_organizations().await.unwrap().is_empty());
    assert!(!is_member(&admin, &org, uma_profile.id).await);
    assert_eq!(
        failure(login_into(&ts, "uma@people.example", PASSWORD, "acme").await),
        (403, "not_a_member".to_string())
    );

    // Pending: pat, new, uma, gus; groups default to User, explicit groups are kept.
    assert_eq!(
        pending_emails(&admin, &org).await,
        [
            "gus@people.example",
            "new@people.example",
            "pat@people.example",
            "uma@people.example"
        ]
    );
    let all = admin
        .invitations(&org_id, &api::InvitationQuery::default())
        .await
        .unwrap();
    assert_eq!(all.total, 4);
    let by_email: HashMap<_, _> = all.items.iter().map(|i| (i.email.as_str(), i)).collect();
    let new_inv = by_email["new@people.example"];
    assert_eq!(new_inv.id, new_id);
    assert_eq!(new_inv.status, api::InvitationStatus::Pending);
    assert_eq!(
        new_inv.groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![user.id]
    );
    assert_eq!(
        by_email["gus@people.example"]
            .groups
            .iter()
            .map(|g| g.id)
            .collect::<Vec<_>>(),
        vec![sales.id]
    );
    let admin_id = admin.me().await.unwrap().id;
    assert_eq!(new_inv.invited_by, Some(admin_id));
    assert!(new_inv.expires_at > new_inv.created_at);
    assert_eq!(new_inv.accepted_at, None);

    // Seats: admin, mia, vera active; sue suspended; four pending.
    assert_eq!(seats_used(&admin, &org).await, 3 + 4);
});

both!(invitations_cannot_grant_more_than_the_inviter_holds, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let inviters = admin
        .create_group(
            &org_id,
            &api::CreateGroup {
                name: "Inviters".into(),
                description: String::new(),
                permissions: vec!["org.members.invite".into(), "org.members.read".into()],
            },
        )
        .await
        .expect("group");
    let (ivan, ivan_profile) = ts
        .member(&admin, &org, "ivan@acme.example", "Ivan Inviter")
        .await;
    admin
        .add_group_members(
            &org_id,
            inviters.id,
            &api::AccountList {
                accounts: vec![ivan_profile.id],
            },
        )
        .await
        .unwrap();
    let (plain, _) = ts
        .member(&admin, &org, "plain@acme.example", "Plain Member")
        .await;
    let admins = group_named(&admin, &org, "Admin").await;
    let managers = group_named(&admin, &org, "Sales Managers").await;
    let user = group_named(&admin, &org, "User").await;
    let (_, vip) = verified(&ts, "vip@people.example", "Verified Person").await;

    let results = invite(
        &ivan,
        &org,
        vec![
            invitee("a1@people.example"),
            invitee_in("a2@people.example", &[admins.id]),
            invitee_in("vip@people.example", &[admins.id]),
            invitee_in("a3@people.example", &[managers.id]),
            invitee_in("a4@people.example", &[user.id, managers.id]),
            invitee_in("a5@people.example", &[inviters.id, user.id]),
        ],
    )
    .await;
    assert_invited(&results[0], "a1@people.example");
    assert_failed(&results[1], "a2@people.example", "permission_escalation");
    assert_failed(&results[2], "vip@people.example", "permission_escalation");
    assert_failed(&results[3], "a3@people.example", "permission_escalation");
    assert_failed(&results[4], "a4@people.example", "permission_escalation");
    assert_invited(&results[5], "a5@people.example");
    assert_eq!(
        pending_emails(&admin, &org).await,
        ["a1@people.example", "a5@people.example"],
        "refused addresses get no invitation"
    );
    for email in [
        "a2@people.example",
        "a3@people.example",
        "a4@people.example",
        "vip@people.example",
    ] {
        assert!(invite_tokens(&ts, email).is_empty(), "{email}");
    }
    assert!(
        !is_member(&admin, &org, vip.id).await,
        "the escalation is refused before access is granted"
    );

    // Without org.members.invite: 403, for the batch as a whole.
    assert_eq!(
        failure(
            plain
                .invite(
                    &org_id,
                    &api::InviteRequest {
                        invitations: vec![invitee("b1@people.example")]
                    }
                )
                .await
        ),
        (403, "forbidden".to_string())
    );
    assert_eq!(
        failure(
            plain
                .invitations(&org_id, &api::InvitationQuery::default())
                .await
        )
        .0,
        403
    );
    assert!(invite_tokens(&ts, "b1@people.example").is_empty());

    // The admin may grant Admin.
    let results = invite(
        &admin,
        &org,
        vec![invitee_in("a2@people.example", &[admins.id])],
    )
    .await;
    assert_invited(&results[0], "a2@people.example");
});

both!(seats_count_active_members_and_pending_invitations, |ts| {
    let (admin, org) = ts
        .org_admin(
            "admin@help.example",
            "helpy",
            &[("helpdesk", "helpdesk-basic")],
        )
        .await;
    let org_id = oid(&org);
    assert_eq!(org.subscription.seat_limit, 5);
    assert_eq!(seats_used(&admin, &org).await, 1);
    let (_, vera) = verified(&ts, "vera@people.example", "Vera Verified").await;

    let results = invite(
        &admin,
        &org,
        vec![
            invitee("s1@people.example"),
            invitee("not-an-address"),
            invitee("s2@people.example"),
            invitee("s3@people.example"),
            invitee("s4@people.example"),
            invitee("vera@people.example"),
            invitee("s5@people.example"),
        ],
    )
    .await;
    let s1 = assert_invited(&results[0], "s1@people.example");
    assert_eq!(results[1].code.as_deref(), Some("invalid_email"));
    assert_invited(&results[2], "s2@people.example");
    assert_invited(&results[3], "s3@people.example");
    assert_invited(&results[4], "s4@people.example");
    assert_failed(&results[5], "vera@people.example", "seat_limit_reached");
    assert_failed(&results[6], "s5@people.example", "seat_limit_reached");
    assert_eq!(seats_used(&admin, &org).await, 5);
    assert!(
        !is_member(&admin, &org, vera.id).await,
        "no seat, no access"
    );
    assert!(
        mails_to(&ts, "vera@people.example")
            .iter()
            .all(|m| !m.subject.contains(&org.name))
    );
    assert!(invite_tokens(&ts, "s5@people.example").is_empty());

    // Revoking frees the seat; the link dies.
    let s1_token = invite_token(&ts, "s1@people.example");
    admin.revoke_invitation(&org_id, s1).await.expect("revoke");
    assert_eq!(seats_used(&admin, &org).await, 4);
    assert_eq!(
        failure(ts.client().invitation_preview(&s1_token).await),
        (410, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(admin.revoke_invitation(&org_id, s1).await),
        (409, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(admin.resend_invitation(&org_id, s1).await),
        (409, "invitation_unusable".to_string())
    );
    let results = invite(
        &admin,
        &org,
        vec![invitee("s5@people.example"), invitee("s6@people.example")],
    )
    .await;
    assert_invited(&results[0], "s5@people.example");
    assert_failed(&results[1], "s6@people.example", "seat_limit_reached");
    assert_eq!(seats_used(&admin, &org).await, 5);

    // Accepting moves the seat from the invitation to the member.
    let s2_token = invite_token(&ts, "s2@people.example");
    let s2 = accept_created(&ts.client(), &s2_token, Some("Sam Two"), PASSWORD).await;
    assert_eq!(seats_used(&admin, &org).await, 5);
    // A suspended member frees their seat.
    admin
        .suspend_member(&org_id, s2.account.id)
        .await
        .expect("suspend");
    assert_eq!(seats_used(&admin, &org).await, 4);
    let results = invite(&admin, &org, vec![invitee("s6@people.example")]).await;
    assert_invited(&results[0], "s6@people.example");
    assert_eq!(seats_used(&admin, &org).await, 5);
    let results = invite(&admin, &org, vec![invitee("s7@people.example")]).await;
    assert_failed(&results[0], "s7@people.example", "seat_limit_reached");
    // At most 1000 addresses per request; a bigger batch changes nothing.
    let huge: Vec<api::Invitee> = (0..1001)
        .map(|i| invitee(&format!("bulk{i}@people.example")))
        .collect();
    assert_eq!(
        failure(
            admin
                .invite(&org_id, &api::InviteRequest { invitations: huge })
                .await
        ),
        (422, "too_many_changes".to_string())
    );
    assert_eq!(seats_used(&admin, &org).await, 5);
    assert_eq!(
        pending_emails(&admin, &org).await,
        [
            "s3@people.example",
            "s4@people.example",
            "s5@people.example",
            "s6@people.example"
        ]
    );
});

// ---- Accepting -----------------------------------------------------------

both!(a_new_address_registers_through_its_link, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let sales = group_named(&admin, &org, "Sales Team").await;
    let results = invite(
        &admin,
        &org,
        vec![invitee_in("nina@people.example", &[sales.id])],
    )
    .await;
    let id = assert_invited(&results[0], "nina@people.example");
    let token = invite_token(&ts, "nina@people.example");
    let anonymous = ts.client();

    let preview = anonymous.invitation_preview(&token).await.unwrap();
    assert_eq!(preview.email, "nina@people.example");
    assert_eq!(preview.organization, org.name);
    assert!(!preview.account_exists);
    assert_eq!(
        anonymous.invitation_preview(&token).await.unwrap(),
        preview,
        "previews do not consume"
    );

    // Weak passwords and a missing name are refused; the link stays usable.
    for weak in ["short", "password1234", "nina@people.example"] {
        let (status, code) = failure(
            anonymous
                .accept_invitation(&token, &accept_body(Some("Nina Neu"), weak))
                .await,
        );
        assert_eq!((status, code.as_str()), (422, "weak_password"), "{weak}");
    }
    assert_eq!(
        failure(
            anonymous
                .accept_invitation(&token, &accept_body(None, PASSWORD))
                .await
        )
        .0,
        422
    );
    // The body cannot carry another address.
    let raw = anonymous
        .raw(
            Method::POST,
            &format!("/api/v1/invitations/{token}/accept"),
            Some("application/json"),
            serde_json::to_vec(&serde_json::json!({"name": "Nina", "password": PASSWORD, "email": "mallory@evil.example"})).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(raw.status, 422, "{}", raw.text());
    assert!(
        !anonymous
            .invitation_preview(&token)
            .await
            .unwrap()
            .account_exists,
        "nothing was created"
    );
    assert_eq!(pending_emails(&admin, &org).await, ["nina@people.example"]);

    let answer = accept_created(&anonymous, &token, Some("  Nina Neu "), PASSWORD).await;
    assert_eq!(answer.account.email, "nina@people.example");
    assert_eq!(answer.account.name, "Nina Neu");
    assert!(answer.account.email_verified, "the link proved the mailbox");
    let nina = ts.client().with_token(answer.token.clone());
    let me = nina.me().await.expect("the token works");
    assert_eq!(me.id, answer.account.id);
    assert!(me.email_verified);
    let mine = nina.my_organizations().await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, org.id);
    assert_eq!(mine[0].membership_status, api::MembershipStatus::Active);
    assert_eq!(
        mine[0].groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![sales.id],
        "the invited groups only"
    );
    let sessions = nina.my_sessions(None, None).await.unwrap();
    let current = sessions
        .items
        .iter()
        .find(|s| s.current)
        .expect("the current session");
    assert_eq!(
        current.organization_id,
        Some(org.id),
        "the session is opened into the organization"
    );
    let member = admin
        .member(&org_id, answer.account.id)
        .await
        .expect("a member now");
    assert_eq!(member.status, api::MembershipStatus::Active);
    assert_eq!(
        member.groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![sales.id]
    );
    assert_eq!(member.email, "nina@people.example");
    login_into(&ts, "nina@people.example", PASSWORD, "acme")
        .await
        .expect("login");
    // Register with that address now: taken.
    assert_eq!(
        code(
            ts.client()
                .register(&api::RegisterRequest {
                    email: "nina@people.example".into(),
                    password: PASSWORD.into(),
                    name: "x".into()
                })
                .await
        ),
        "email_taken"
    );

    // Used once.
    assert_eq!(
        failure(
            anonymous
                .accept_invitation(&token, &accept_body(Some("Nina"), PASSWORD))
                .await
        ),
        (410, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(anonymous.invitation_preview(&token).await),
        (410, "invitation_unusable".to_string())
    );
    let accepted = admin
        .invitations(
            &org_id,
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Accepted),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(accepted.items.len(), 1);
    assert_eq!(accepted.items[0].id, id);
    assert!(accepted.items[0].accepted_at.is_some());
    assert_eq!(
        failure(admin.resend_invitation(&org_id, id).await),
        (409, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(admin.revoke_invitation(&org_id, id).await),
        (409, "invitation_unusable".to_string())
    );
    let again = invite(&admin, &org, vec![invitee("nina@people.example")]).await;
    assert_failed(&again[0], "nina@people.example", "already_member");

    // Unknown tokens.
    for bogus in [
        "odi_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "nonsense",
        &format!("{token}x"),
        &"x".repeat(300),
    ] {
        assert_eq!(
            failure(anonymous.invitation_preview(bogus).await),
            (404, "invalid_token".to_string()),
            "{bogus}"
        );
        assert_eq!(
            failure(
                anonymous
                    .accept_invitation(bogus, &accept_body(Some("X"), PASSWORD))
                    .await
            ),
            (404, "invalid_token".to_string()),
            "{bogus}"
        );
    }
});

both!(an_existing_account_accepts_with_its_own_password, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let (uma, uma_profile) =
        register_with(&ts, "uma@people.example", "Uma Unverified", OTHER_PASSWORD).await;
    assert!(!uma_profile.email_verified);
    let user = group_named(&admin, &org, "User").await;
    invite_one(&admin, &org, "uma@people.example").await;
    let token = invite_token(&ts, "uma@people.example");
    assert!(
        ts.client()
            .invitation_preview(&token)
            .await
            .unwrap()
            .account_exists
    );

    for wrong in [PASSWORD, "", "quiet-meadow-42-compass-fjorD"] {
        assert_eq!(
            failure(
                ts.client()
                    .accept_invitation(&token, &accept_body(Some("Uma"), wrong))
                    .await
            ),
            (401, "invalid_credentials".to_string()),
            "{wrong:?}"
        );
    }
    assert!(!is_member(&admin, &org, uma_profile.id).await);
    assert!(!uma.me().await.unwrap().email_verified);

    let answer = accept_created(&ts.client(), &token, Some("Somebody Else"), OTHER_PASSWORD).await;
    assert_eq!(
        answer.account.id, uma_profile.id,
        "the existing account joins"
    );
    assert_eq!(
        answer.account.name, "Uma Unverified",
        "the name is not changed by the link"
    );
    assert!(answer.account.email_verified);
    assert!(
        uma.me().await.unwrap().email_verified,
        "verified for the old sessions too"
    );
    let member = admin.member(&org_id, uma_profile.id).await.expect("member");
    assert_eq!(
        member.groups.iter().map(|g| g.id).collect::<Vec<_>>(),
        vec![user.id]
    );
    let mine = ts
        .client()
        .with_token(answer.token)
        .my_organizations()
        .await
        .unwrap();
    assert_eq!(mine.iter().map(|o| o.id).collect::<Vec<_>>(), vec![org.id]);
    // The password is unchanged.
    login_into(&ts, "uma@people.example", OTHER_PASSWORD, "acme")
        .await
        .expect("login with the old password");
    assert_eq!(
        failure(
            ts.client()
                .accept_invitation(&token, &accept_body(None, OTHER_PASSWORD))
                .await
        ),
        (410, "invitation_unusable".to_string())
    );
});

both!(
    another_person_cannot_use_someone_elses_link_for_themselves,
    |ts| {
        let (admin, org) = ts
            .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
            .await;
        let org_id = oid(&org);
        let (bob, bob_profile) = verified(&ts, "bob@people.example", "Bob Bystander").await;
        invite_one(&admin, &org, "alice@people.example").await;
        let token = invite_token(&ts, "alice@people.example");

        // Bob, signed in, cannot name his own address in the body.
        let raw = bob
        .raw(
            Method::POST,
            &format!("/api/v1/invitations/{token}/accept"),
            Some("application/json"),
            serde_json::to_vec(&serde_json::json!({"name": "Bob", "password": PASSWORD, "email": "bob@people.example"})).unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(raw.status, 422, "{}", raw.text());
        assert!(
            !ts.client()
                .invitation_preview(&token)
                .await
                .unwrap()
                .account_exists
        );
        assert!(!is_member(&admin, &org, bob_profile.id).await);

        // Accepting with Bob's session registers Alice's address, not Bob.
        let answer = accept_created(&bob, &token, Some("Alice"), OTHER_PASSWORD).await;
        assert_eq!(answer.account.email, "alice@people.example");
        assert_ne!(answer.account.id, bob_profile.id);
        assert!(
            !is_member(&admin, &org, bob_profile.id).await,
            "Bob never becomes a member"
        );
        assert!(bob.my_organizations().await.unwrap().is_empty());
        assert_eq!(bob.me().await.unwrap().email, "bob@people.example");
        assert_eq!(
            failure(login_into(&ts, "bob@people.example", PASSWORD, "acme").await),
            (403, "not_a_member".to_string())
        );
        let members = admin
            .members(&org_id, &api::MemberQuery::default())
            .await
            .unwrap();
        let emails: HashSet<_> = members.items.iter().map(|m| m.email.as_str()).collect();
        assert_eq!(
            emails,
            HashSet::from(["admin@acme.example", "alice@people.example"])
        );

        // An existing account's link: Bob's password opens nothing.
        register_with(&ts, "carol@people.example", "Carol Owner", OTHER_PASSWORD).await;
        invite_one(&admin, &org, "carol@people.example").await;
        let carol_token = invite_token(&ts, "carol@people.example");
        assert_eq!(
            failure(
                bob.accept_invitation(&carol_token, &accept_body(Some("Bob"), PASSWORD))
                    .await
            ),
            (401, "invalid_credentials".to_string())
        );
        assert!(!is_member(&admin, &org, bob_profile.id).await);
        assert!(bob.my_organizations().await.unwrap().is_empty());
        assert_eq!(pending_emails(&admin, &org).await, ["carol@people.example"]);
    }
);

both!(a_resent_invitation_replaces_its_link, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let id = invite_one(&admin, &org, "rita@people.example").await;
    let old_token = invite_token(&ts, "rita@people.example");
    let before = admin
        .invitations(&org_id, &api::InvitationQuery::default())
        .await
        .unwrap()
        .items[0]
        .clone();
    let seats = seats_used(&admin, &org).await;

    let renewed = admin.resend_invitation(&org_id, id).await.expect("resend");
    assert_eq!(renewed.id, id);
    assert_eq!(renewed.status, api::InvitationStatus::Pending);
    assert_eq!(renewed.email, "rita@people.example");
    assert_eq!(renewed.created_at, before.created_at);
    assert!(renewed.sent_at >= before.sent_at);
    assert!(renewed.expires_at >= before.expires_at);
    assert_eq!(
        seats_used(&admin, &org).await,
        seats,
        "a resend takes no second seat"
    );
    let tokens = invite_tokens(&ts, "rita@people.example");
    assert_eq!(tokens.len(), 2, "a second mail with a new link: {tokens:?}");
    let new_token = tokens.into_iter().find(|t| *t != old_token).unwrap();

    assert_eq!(
        failure(ts.client().invitation_preview(&old_token).await),
        (404, "invalid_token".to_string())
    );
    assert_eq!(
        failure(
            ts.client()
                .accept_invitation(&old_token, &accept_body(Some("Rita"), PASSWORD))
                .await
        ),
        (404, "invalid_token".to_string())
    );
    assert_eq!(
        ts.client()
            .invitation_preview(&new_token)
            .await
            .unwrap()
            .email,
        "rita@people.example"
    );
    let answer = accept_created(&ts.client(), &new_token, Some("Rita"), PASSWORD).await;
    assert!(is_member(&admin, &org, answer.account.id).await);

    // Revoked: no resend; the revoked link is gone for good.
    let gone = invite_one(&admin, &org, "ron@people.example").await;
    let ron_token = invite_token(&ts, "ron@people.example");
    admin.revoke_invitation(&org_id, gone).await.unwrap();
    assert_eq!(
        failure(admin.resend_invitation(&org_id, gone).await),
        (409, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(
            ts.client()
                .accept_invitation(&ron_token, &accept_body(Some("Ron"), PASSWORD))
                .await
        ),
        (410, "invitation_unusable".to_string())
    );
    assert_eq!(
        invite_tokens(&ts, "ron@people.example").len(),
        1,
        "no new link after revoking"
    );
    assert_eq!(
        failure(admin.resend_invitation(&org_id, Uuid::now_v7()).await),
        (404, "not_found".to_string())
    );
    // A revoked address can be invited again.
    invite_one(&admin, &org, "ron@people.example").await;
});

both!(an_expired_invitation_is_unusable_and_frees_its_seat, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let eve = invite_one(&admin, &org, "eve@people.example").await;
    let ed = invite_one(&admin, &org, "ed@people.example").await;
    let eve_token = invite_token(&ts, "eve@people.example");
    let ed_token = invite_token(&ts, "ed@people.example");
    assert_eq!(seats_used(&admin, &org).await, 3);

    expire_via_sql(&ts, eve).await;
    expire_via_sql(&ts, ed).await;
    assert_eq!(
        seats_used(&admin, &org).await,
        1,
        "expired links hold no seat"
    );
    assert_eq!(
        failure(ts.client().invitation_preview(&eve_token).await),
        (410, "invitation_unusable".to_string())
    );
    assert_eq!(
        failure(
            ts.client()
                .accept_invitation(&eve_token, &accept_body(Some("Eve"), PASSWORD))
                .await
        ),
        (410, "invitation_unusable".to_string())
    );
    assert!(
        code(
            ts.client()
                .login(&api::LoginRequest {
                    email: "eve@people.example".into(),
                    password: PASSWORD.into(),
                    organization: None
                })
                .await
        ) == "invalid_credentials",
        "no account was created"
    );
    let expired = admin
        .invitations(
            &org_id,
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Expired),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(expired.total, 2);
    assert!(
        expired
            .items
            .iter()
            .all(|i| i.status == api::InvitationStatus::Expired)
    );
    assert!(pending_emails(&admin, &org).await.is_empty());

    // The address can be invited afresh; the new link works.
    let eve2 = invite_one(&admin, &org, "eve@people.example").await;
    assert_ne!(eve2, eve);
    let fresh: Vec<String> = invite_tokens(&ts, "eve@people.example")
        .into_iter()
        .filter(|t| *t != eve_token)
        .collect();
    assert_eq!(fresh.len(), 1);
    accept_created(&ts.client(), &fresh[0], Some("Eve"), PASSWORD).await;

    // Resending an expired one mails a working link again (taking a seat).
    let renewed = admin
        .resend_invitation(&org_id, ed)
        .await
        .expect("resend an expired invitation");
    assert_eq!(renewed.status, api::InvitationStatus::Pending);
    let fresh: Vec<String> = invite_tokens(&ts, "ed@people.example")
        .into_iter()
        .filter(|t| *t != ed_token)
        .collect();
    assert_eq!(fresh.len(), 1);
    assert_eq!(
        failure(ts.client().invitation_preview(&ed_token).await),
        (404, "invalid_token".to_string())
    );
    assert_eq!(
        seats_used(&admin, &org).await,
        3,
        "admin, eve, and ed's renewed invitation"
    );
    accept_created(&ts.client(), &fresh[0], Some("Ed"), PASSWORD).await;

    // Revoking an expired invitation: it is not pending, so 409 and it stays expired.
    let old = invite_one(&admin, &org, "olga@people.example").await;
    expire_via_sql(&ts, old).await;
    assert_eq!(
        failure(admin.revoke_invitation(&org_id, old).await),
        (409, "invitation_unusable".to_string()),
        "DELETE answers 409 invitation_unusable for an invitation that is not pending"
    );
    let expired = admin
        .invitations(
            &org_id,
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Expired),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(expired.items.iter().any(|i| i.id == old));
});

// ---- Tenants and lists ---------------------------------------------------

both!(another_organizations_invitations_are_not_found, |ts| {
    let (a_admin, a) = ts
        .org_admin("admin@a.example", "alpha", &[("crm", "crm-team")])
        .await;
    let (b_admin, b) = ts
        .org_admin("admin@b.example", "bravo", &[("crm", "crm-team")])
        .await;
    let a_inv = invite_one(&a_admin, &a, "ta@people.example").await;
    let b_inv = invite_one(&b_admin, &b, "tb@people.example").await;
    let a_token = invite_token(&ts, "ta@people.example");
    let mails_before = ts.mails().len();

    for path in [oid(&b), "bravo".to_string()] {
        assert_eq!(
            failure(b_admin.resend_invitation(&path, a_inv).await),
            (404, "not_found".to_string()),
            "{path}"
        );
        assert_eq!(
            failure(b_admin.revoke_invitation(&path, a_inv).await),
            (404, "not_found".to_string()),
            "{path}"
        );
    }
    for path in [oid(&a), "alpha".to_string()] {
        assert_eq!(
            failure(b_admin.resend_invitation(&path, a_inv).await).0,
            404,
            "{path}"
        );
        assert_eq!(
            failure(b_admin.revoke_invitation(&path, a_inv).await).0,
            404,
            "{path}"
        );
        assert_eq!(
            failure(
                b_admin
                    .invitations(&path, &api::InvitationQuery::default())
                    .await
            )
            .0,
            404,
            "{path}"
        );
        let refused = b_admin
            .invite(
                &path,
                &api::InviteRequest {
                    invitations: vec![invitee("sneaky@people.example")],
                },
            )
            .await;
        assert_eq!(failure(refused).0, 404, "{path}");
    }
    // B's groups cannot be used in A's invitations (nor the reverse).
    let a_admins = group_named(&a_admin, &a, "Admin").await;
    let results = invite(
        &b_admin,
        &b,
        vec![invitee_in("cross@people.example", &[a_admins.id])],
    )
    .await;
    assert_failed(&results[0], "cross@people.example", "not_found");
    // A's admin cannot touch B's through A's path either.
    assert_eq!(
        failure(a_admin.revoke_invitation(&oid(&a), b_inv).await).0,
        404
    );

    assert_eq!(ts.mails().len(), mails_before, "nothing was mailed");
    assert!(invite_tokens(&ts, "sneaky@people.example").is_empty());
    assert_eq!(
        ts.client()
            .invitation_preview(&a_token)
            .await
            .unwrap()
            .email,
        "ta@people.example"
    );
    assert_eq!(pending_emails(&a_admin, &a).await, ["ta@people.example"]);
    assert_eq!(pending_emails(&b_admin, &b).await, ["tb@people.example"]);
    let b_all = b_admin
        .invitations("bravo", &api::InvitationQuery::default())
        .await
        .unwrap();
    assert_eq!(b_all.total, 1);
    assert_eq!(b_all.items[0].id, b_inv);
});

both!(invitations_list_by_status_and_page, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let emails: Vec<String> = (0..7).map(|i| format!("p{i}@people.example")).collect();
    let results = invite(&admin, &org, emails.iter().map(|e| invitee(e)).collect()).await;
    let ids: Vec<Uuid> = results
        .iter()
        .zip(&emails)
        .map(|(r, e)| assert_invited(r, e))
        .collect();
    let mut more = Vec::new();
    for i in 7..9 {
        more.push(invite_one(&admin, &org, &format!("p{i}@people.example")).await);
    }
    admin.revoke_invitation(&org_id, ids[1]).await.unwrap();
    admin.revoke_invitation(&org_id, ids[2]).await.unwrap();
    accept_created(
        &ts.client(),
        &invite_token(&ts, "p3@people.example"),
        Some("P Three"),
        PASSWORD,
    )
    .await;
    expire_via_sql(&ts, ids[4]).await;

    let of = |status: Option<api::InvitationStatus>| {
        let admin = admin.clone();
        let org_id = org_id.clone();
        async move {
            let page = admin
                .invitations(
                    &org_id,
                    &api::InvitationQuery {
                        status,
                        limit: Some(500),
                        cursor: None,
                    },
                )
                .await
                .unwrap();
            assert_eq!(page.total as usize, page.items.len());
            if let Some(status) = status {
                assert!(page.items.iter().all(|i| i.status == status), "{page:?}");
            }
            let mut emails: Vec<String> = page.items.into_iter().map(|i| i.email).collect();
            emails.sort();
            emails
        }
    };
    assert_eq!(
        of(Some(api::InvitationStatus::Pending)).await,
        [
            "p0@people.example",
            "p5@people.example",
            "p6@people.example",
            "p7@people.example",
            "p8@people.example"
        ]
    );
    assert_eq!(
        of(Some(api::InvitationStatus::Revoked)).await,
        ["p1@people.example", "p2@people.example"]
    );
    assert_eq!(
        of(Some(api::InvitationStatus::Accepted)).await,
        ["p3@people.example"]
    );
    assert_eq!(
        of(Some(api::InvitationStatus::Expired)).await,
        ["p4@people.example"]
    );
    assert_eq!(of(None).await.len(), 9);

    // Paging: every invitation once, newest first, the total on every page.
    for (status, expected) in [(None, 9usize), (Some(api::InvitationStatus::Pending), 5)] {
        let mut seen = Vec::new();
        let mut cursor = None;
        let mut pages = 0;
        loop {
            let page = admin
                .invitations(
                    &org_id,
                    &api::InvitationQuery {
                        status,
                        limit: Some(2),
                        cursor: cursor.clone(),
                    },
                )
                .await
                .unwrap();
            pages += 1;
            assert!(page.items.len() <= 2);
            assert_eq!(page.total as usize, expected);
            seen.extend(page.items.iter().cloned());
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
            assert!(pages < 20, "paging ends");
        }
        assert_eq!(seen.len(), expected, "{status:?}");
        assert_eq!(
            seen.iter().map(|i| i.id).collect::<HashSet<_>>().len(),
            expected,
            "no duplicates"
        );
        assert!(
            seen.windows(2)
                .all(|w| (w[0].created_at, w[0].id) >= (w[1].created_at, w[1].id)),
            "newest first"
        );
        if status.is_none() {
            assert_eq!(seen[0].id, more[1], "the newest invitation comes first");
        }
    }
    assert_eq!(
        failure(
            admin
                .invitations(
                    &org_id,
                    &api::InvitationQuery {
                        cursor: Some("not-a-cursor".into()),
                        ..Default::default()
                    }
                )
                .await
        )
        .0,
        400
    );
    assert_eq!(
        failure(
            admin
                .invitations(
                    &org_id,
                    &api::InvitationQuery {
                        limit: Some(501),
                        ..Default::default()
                    }
                )
                .await
        )
        .0,
        422
    );
});

// ---- Pages -----------------------------------------------------------------

both!(the_invitation_page_escapes_and_never_consumes, |ts| {
    let (admin, _) = ts.register("admin@xss.example", "Ada Admin").await;
    let mut request = org_request("xss-ltd", &[("crm", "crm-team")]);
    request.name = "<script>alert(1)</script> Ltd".into();
    let org = admin.create_org(&request).await.expect("create org");
    let org = ts.pay(&admin, &org).await;
    invite_one(&admin, &org, "hana@people.example").await;
    let token = invite_token(&ts, "hana@people.example");
    let anonymous = ts.client();

    let preview = anonymous.invitation_preview(&token).await.unwrap();
    assert_eq!(
        preview.organization, "<script>alert(1)</script> Ltd",
        "JSON carries the name as it is"
    );
    assert_eq!(preview.email, "hana@people.example");
    assert!(!preview.account_exists);

    for _ in 0..2 {
        let page = anonymous
            .raw(Method::GET, &format!("/invite/{token}"), None, Vec::new())
            .await
            .unwrap();
        assert_eq!(page.status, 200, "{}", page.text());
        assert!(header_value(&page, "content-type").starts_with("text/html"));
        let csp = header_value(&page, "content-security-policy");
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(!csp.contains("script-src"), "{csp}");
        assert_eq!(header_value(&page, "x-content-type-options"), "nosniff");
        let body = page.text();
        assert!(
            body.contains("&lt;script&gt;alert(1)&lt;/script&gt; Ltd"),
            "{body}"
        );
        assert!(!body.contains("<script"), "{body}");
        assert!(body.contains("hana@people.example"));
        assert!(
            body.contains("<form") && body.contains("method=\"post\""),
            "{body}"
        );
    }
    assert!(
        anonymous.invitation_preview(&token).await.is_ok(),
        "showing the page does not use the link"
    );

    let path = format!("/invite/{token}");
    let good = form(&[("name", "Hana Hoshi"), ("password", PASSWORD)]);
    // Cross-site posts are refused and change nothing.
    let evil_origins = [
        ("sec-fetch-site", "cross-site".to_string()),
        ("origin", "https://evil.example".to_string()),
        ("origin", format!("{}.evil.example", ts.url())),
    ];
    for (name, value) in &evil_origins {
        let client = ts.client().with_header(name, value).unwrap();
        let answer = client
            .raw(
                Method::POST,
                &path,
                Some("application/x-www-form-urlencoded"),
                good.clone(),
            )
            .await
            .unwrap();
        assert_eq!(answer.status, 403, "{name}: {value}: {}", answer.text());
        assert!(header_value(&answer, "content-type").starts_with("text/html"));
        let preview = anonymous
            .invitation_preview(&token)
            .await
            .expect("still usable");
        assert!(
            !preview.account_exists,
            "{name}: {value}: no account was created"
        );
    }
    // A weak password re-shows the form with the reason; the link stays usable.
    let weak = anonymous
        .raw(
            Method::POST,
            &path,
            Some("application/x-www-form-urlencoded"),
            form(&[("name", "Hana"), ("password", "short")]),
        )
        .await
        .unwrap();
    assert_eq!(weak.status, 422, "{}", weak.text());
    assert!(header_value(&weak, "content-type").starts_with("text/html"));
    assert!(weak.text().contains("<form"));
    assert!(!weak.text().contains("<script"));
    assert!(anonymous.invitation_preview(&token).await.is_ok());

    // The same origin joins and answers HTML.
    let joined = ts
        .client()
        .with_header("origin", &ts.url())
        .unwrap()
        .with_header("sec-fetch-site", "same-origin")
        .unwrap()
        .raw(
            Method::POST,
            &path,
            Some("application/x-www-form-urlencoded"),
            good.clone(),
        )
        .await
        .unwrap();
    assert_eq!(joined.status, 200, "{}", joined.text());
    assert!(header_value(&joined, "content-type").starts_with("text/html"));
    assert_eq!(header_value(&joined, "x-content-type-options"), "nosniff");
    let body = joined.text();
    assert!(
        body.contains("&lt;script&gt;alert(1)&lt;/script&gt; Ltd"),
        "{body}"
    );
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains(PASSWORD));
    let login = login_into(&ts, "hana@people.example", PASSWORD, "xss-ltd")
        .await
        .expect("a member now");
    assert_eq!(login.organization_id, Some(org.id));
    assert!(login.account.email_verified);

    // Used: the page and the form say so, in HTML.
    let used = anonymous
        .raw(Method::GET, &path, None, Vec::new())
        .await
        .unwrap();
    assert_eq!(used.status, 410);
    assert!(header_value(&used, "content-type").starts_with("text/html"));
    let again = anonymous
        .raw(
            Method::POST,
            &path,
            Some("application/x-www-form-urlencoded"),
            good,
        )
        .await
        .unwrap();
    assert_eq!(again.status, 410);
    let unknown = anonymous
        .raw(Method::GET, "/invite/odi_unknown", None, Vec::new())
        .await
        .unwrap();
    assert_eq!(unknown.status, 404);
    assert!(header_value(&unknown, "content-type").starts_with("text/html"));

    // An origin that is a mere prefix of the platform's is another origin
    // (here: another port on the same host; in production e.g.
    // https://orgdesk.example.co against https://orgdesk.example.com).
    invite_one(&admin, &org, "hiro@people.example").await;
    let hiro_token = invite_token(&ts, "hiro@people.example");
    let url = ts.url();
    let lookalike = &url[..url.len() - 1];
    let answer = ts
        .client()
        .with_header("origin", lookalike)
        .unwrap()
        .raw(
            Method::POST,
            &format!("/invite/{hiro_token}"),
            Some("application/x-www-form-urlencoded"),
            form(&[("name", "Hiro"), ("password", PASSWORD)]),
        )
        .await
        .unwrap();
    let preview = anonymous.invitation_preview(&hiro_token).await;
    assert_eq!(
        answer.status,
        403,
        "Origin {lookalike} is not {url}; the post was accepted: {}",
        answer.text()
    );
    assert!(!preview.expect("still usable").account_exists);
});

// ---- Mail language -------------------------------------------------------

both!(invitation_mail_follows_accept_language, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let german = admin
        .clone()
        .with_header("accept-language", "de-DE,de;q=0.9,en;q=0.5")
        .unwrap();
    let greta = invite(&german, &org, vec![invitee("greta@people.example")]).await;
    let greta_id = assert_invited(&greta[0], "greta@people.example");
    invite_one(&admin, &org, "ellen@people.example").await;
    let french_first = admin
        .clone()
        .with_header("accept-language", "fr-FR, de;q=0.8")
        .unwrap();
    invite(&french_first, &org, vec![invitee("franz@people.example")]).await;
    verified(&ts, "vera@people.example", "Vera Verified").await;
    let added = invite(&german, &org, vec![invitee("vera@people.example")]).await;
    assert_eq!(added[0].status, api::InviteOutcome::Added);

    let only = |email: &str| {
        let mails: Vec<ReadMail> = mails_to(&ts, email)
            .into_iter()
            .filter(|m| m.subject.contains(&org.name))
            .collect();
        assert_eq!(mails.len(), 1, "{email}: {mails:?}");
        mails.into_iter().next().unwrap()
    };
    let de = only("greta@people.example");
    assert_eq!(
        de.subject,
        format!("Ada Admin hat Sie zu {} auf Orgdesk eingeladen", org.name)
    );
    assert!(de.body().contains("Einladung annehmen"), "{}", de.body());
    assert!(de.body().contains("Öffnen Sie den Link"), "{}", de.body());
    let en = only("ellen@people.example");
    assert_eq!(
        en.subject,
        format!("Ada Admin invited you to {} on Orgdesk", org.name)
    );
    assert!(en.body().contains("Accept the invitation"));
    assert!(only("franz@people.example").subject.contains("eingeladen"));
    assert!(
        only("vera@people.example")
            .subject
            .starts_with("Sie haben jetzt Zugang zu")
    );

    // A resend keeps the invitation's language unless the request names one.
    admin.resend_invitation(&org_id, greta_id).await.unwrap();
    let subjects: Vec<String> = mails_to(&ts, "greta@people.example")
        .into_iter()
        .map(|m| m.subject)
        .collect();
    assert_eq!(subjects.len(), 2);
    assert!(
        subjects.iter().all(|s| s.contains("eingeladen")),
        "{subjects:?}"
    );
});

// ---- Refusals when the organization is not active --------------------------

both!(
    a_suspended_or_unpaid_organization_refuses_invitations,
    |ts| {
        let (admin, org) = ts
            .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
            .await;
        let org_id = oid(&org);
        let sam = invite_one(&admin, &org, "sam@people.example").await;
        let token = invite_token(&ts, "sam@people.example");
        let mails_before = ts.mails().len();

        for (status, code_expected) in [
            ("suspended", "org_suspended"),
            ("pending_payment", "org_pending_payment"),
        ] {
            set_org_status(&ts, org.id, status).await;
            let refused = admin
                .invite(
                    &org_id,
                    &api::InviteRequest {
                        invitations: vec![invitee("late@people.example")],
                    },
                )
                .await;
            assert_eq!(
                failure(refused),
                (409, code_expected.to_string()),
                "{status}"
            );
            assert_eq!(
                failure(admin.resend_invitation(&org_id, sam).await),
                (409, code_expected.to_string()),
                "{status}"
            );
            assert_eq!(
                failure(
                    ts.client()
                        .accept_invitation(&token, &accept_body(Some("Sam"), PASSWORD))
                        .await
                ),
                (409, code_expected.to_string()),
                "{status}"
            );
            let form_post = ts
                .client()
                .raw(
                    Method::POST,
                    &format!("/invite/{token}"),
                    Some("application/x-www-form-urlencoded"),
                    form(&[("name", "Sam"), ("password", PASSWORD)]),
                )
                .await
                .unwrap();
            assert_eq!(form_post.status, 409, "{status}: {}", form_post.text());
        }
        assert_eq!(ts.mails().len(), mails_before, "nothing was mailed");
        assert_eq!(
            code(
                ts.client()
                    .login(&api::LoginRequest {
                        email: "sam@people.example".into(),
                        password: PASSWORD.into(),
                        organization: None
                    })
                    .await
            ),
            "invalid_credentials",
            "no account was created"
        );

        // Active again: the same link works.
        set_org_status(&ts, org.id, "active").await;
        assert_eq!(pending_emails(&admin, &org).await, ["sam@people.example"]);
        let answer = accept_created(&ts.client(), &token, Some("Sam"), PASSWORD).await;
        assert!(is_member(&admin, &org, answer.account.id).await);
    }
);

// ---- Audit -----------------------------------------------------------------

both!(invitation_changes_are_audited_with_actor_and_target, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let org_id = oid(&org);
    let admin_id = admin.me().await.unwrap().id;
    verified(&ts, "vera@people.example", "Vera Verified").await;
    let results = invite(
        &admin,
        &org,
        vec![
            invitee("aud1@people.example"),
            invitee("aud2@people.example"),
            invitee("vera@people.example"),
        ],
    )
    .await;
    let aud1 = assert_invited(&results[0], "aud1@people.example");
    let aud2 = assert_invited(&results[1], "aud2@people.example");
    assert_eq!(results[2].status, api::InviteOutcome::Added);
    admin.resend_invitation(&org_id, aud1).await.unwrap();
    admin.revoke_invitation(&org_id, aud2).await.unwrap();
    // Of aud1's two links, the newer one works.
    let mut token = None;
    for candidate in invite_tokens(&ts, "aud1@people.example") {
        if ts.client().invitation_preview(&candidate).await.is_ok() {
            token = Some(candidate);
        }
    }
    let token = token.expect("aud1's renewed link");
    let accepted = accept_created(&ts.client(), &token, Some("Audrey"), PASSWORD).await;

    let log = |query: api::AuditQuery| {
        let admin = admin.clone();
        let org_id = org_id.clone();
        async move {
            admin
                .audit_log(&org_id, &query)
                .await
                .expect("audit log")
                .items
        }
    };
    let entries = log(api::AuditQuery {
        action: Some("invitation.".into()),
        limit: Some(500),
        ..Default::default()
    })
    .await;
    let find = |action: &str, target: &str| {
        entries
            .iter()
            .find(|e| e.action == action && e.target_id.as_deref() == Some(target))
            .unwrap_or_else(|| panic!("{action} on {target} in {entries:#?}"))
            .clone()
    };
    let resend = find("invitation.resend", &aud1.to_string());
    assert_eq!(resend.actor, Some(admin_id));
    assert_eq!(resend.actor_email.as_deref(), Some("admin@acme.example"));
    assert_eq!(resend.target_type.as_deref(), Some("invitation"));
    let revoke = find("invitation.revoke", &aud2.to_string());
    assert_eq!(revoke.actor, Some(admin_id));
    let accept = find("invitation.accept", &aud1.to_string());
    assert_eq!(
        accept.actor,
        Some(accepted.account.id),
        "the person accepting acts"
    );
    assert!(accept.ip.is_some());

    // Creating: the inviter acts; each invitation is findable by its id.
    let creates: Vec<_> = entries
        .iter()
        .filter(|e| e.action == "invitation.create")
        .collect();
    assert!(!creates.is_empty(), "{entries:#?}");
    assert!(creates.iter().all(|e| e.actor == Some(admin_id)));
    let mentioned = |e: &api::AuditEntry, email: &str| e.detail.to_string().contains(email);
    for email in ["aud1@people.example", "aud2@people.example"] {
        assert!(
            creates.iter().any(|e| mentioned(e, email)),
            "{email} in {creates:#?}"
        );
    }
    // Each link's creation targets its invitation.
    assert!(
        creates
            .iter()
            .any(|e| e.target_id.as_deref() == Some(aud1.to_string().as_str()))
    );
    // An existing verified account given access at once is a member added, targeting the account.
    let added = log(api::AuditQuery {
        action: Some("member.add".into()),
        ..Default::default()
    })
    .await;
    assert!(
        added.iter().any(|e| mentioned(e, "vera@people.example")
            && e.actor == Some(admin_id)
            && e.target_type.as_deref() == Some("member")),
        "{added:#?}"
    );
    // Filters: by actor, by exact action.
    let by_admin = log(api::AuditQuery {
        actor: Some(admin_id),
        action: Some("invitation.".into()),
        ..Default::default()
    })
    .await;
    assert!(by_admin.iter().all(|e| e.actor == Some(admin_id)));
    assert!(by_admin.iter().any(|e| e.action == "invitation.resend"));
    assert!(!by_admin.iter().any(|e| e.action == "invitation.accept"));
    let revokes = log(api::AuditQuery {
        action: Some("invitation.revoke".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(revokes.len(), 1);

    for id in [aud1, aud2] {
        let history = log(api::AuditQuery {
            target: Some(id.to_string()),
            ..Default::default()
        })
        .await;
        let actions: HashSet<&str> = history.iter().map(|e| e.action.as_str()).collect();
        assert!(
            actions.contains("invitation.create"),
            "the invitation {id}'s creation is in its history (target_id = the invitation id): {history:#?}"
        );
    }
});

// ---- Races across instances ----------------------------------------------

/// An org with exactly one free seat (admin + 3 pending of 5), then 20 invitations at once,
/// half to each of two instances: exactly one wins the seat.
async fn seat_race(backend: Backend) {
    let ts = TestServer::start(backend).await;
    let (admin, org) = ts
        .org_admin(
            "admin@race.example",
            "race",
            &[("helpdesk", "helpdesk-basic")],
        )
        .await;
    for i in 0..3 {
        invite_one(&admin, &org, &format!("held{i}@people.example")).await;
    }
    assert_eq!(seats_used(&admin, &org).await, 4);
    let second = ts.another_instance().await;
    let token = admin.token().unwrap().to_string();
    let clients = [
        admin.clone(),
        Client::new(second.url()).unwrap().with_token(token),
    ];
    let mut tasks = Vec::new();
    for i in 0..20 {
        let client = clients[i % 2].clone();
        let org_id = oid(&org);
        tasks.push(tokio::spawn(async move {
            client
                .invite(
                    &org_id,
                    &api::InviteRequest {
                        invitations: vec![invitee(&format!("racer{i}@people.example"))],
                    },
                )
                .await
        }));
    }
    let mut outcomes: HashMap<String, usize> = HashMap::new();
    for task in tasks {
        let answer = task.await.expect("task").expect("invite answers 200");
        assert_eq!(answer.results.len(), 1);
        let r = &answer.results[0];
        let key = match r.status {
            api::InviteOutcome::Failed => r.code.clone().unwrap_or_default(),
            other => format!("{other:?}"),
        };
        *outcomes.entry(key).or_default() += 1;
    }
    assert_eq!(
        outcomes,
        HashMap::from([
            ("Invited".to_string(), 1),
            ("seat_limit_reached".to_string(), 19)
        ]),
        "{backend:?}"
    );
    assert_eq!(seats_used(&admin, &org).await, 5);
    let pending = admin
        .invitations(
            &oid(&org),
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Pending),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(pending.total, 4);
    second.stop().await.expect("the second instance stops");
    ts.finish().await;
}

/// Ten accepts of one link at once, on two instances: one account, one membership.
async fn accept_race(backend: Backend) {
    let ts = TestServer::start(backend).await;
    let (admin, org) = ts
        .org_admin("admin@race.example", "race", &[("crm", "crm-team")])
        .await;
    invite_one(&admin, &org, "once@people.example").await;
    let token = invite_token(&ts, "once@people.example");
    let second = ts.another_instance().await;
    let clients = [ts.client(), Client::new(second.url()).unwrap()];
    let mut tasks = Vec::new();
    for i in 0..10 {
        let client = clients[i % 2].clone();
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            client
                .accept_invitation(&token, &accept_body(Some(&format!("Racer {i}")), PASSWORD))
                .await
        }));
    }
    let mut winners = Vec::new();
    for task in tasks {
        match task.await.expect("task") {
            Ok(answer) => winners.push(answer),
            Err(e) => {
                let status = e.status().unwrap_or(0);
                assert!(
                    matches!(status, 409 | 410),
                    "a loser answers 409 or 410, not {e:?}"
                );
            }
        }
    }
    assert_eq!(winners.len(), 1, "exactly one accept wins ({backend:?})");
    let members = admin
        .members(
            &oid(&org),
            &api::MemberQuery {
                q: Some("once@people.example".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(members.total, 1, "{members:?}");
    assert_eq!(members.items[0].id, winners[0].account.id);
    let all = admin
        .members(&oid(&org), &api::MemberQuery::default())
        .await
        .unwrap();
    assert_eq!(all.total, 2, "the admin and the one new member");
    let accepted = admin
        .invitations(
            &oid(&org),
            &api::InvitationQuery {
                status: Some(api::InvitationStatus::Accepted),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(accepted.total, 1);
    let login = login_into(&ts, "once@people.example", PASSWORD, "race")
        .await
        .expect("login");
    assert_eq!(login.account.id, winners[0].account.id);
    second.stop().await.expect("the second instance stops");
    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn seat_race_across_instances_postgres() {
    if postgres_server().is_none() {
        eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
        return;
    }
    seat_race(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn seat_race_across_instances_sqlite() {
    seat_race(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn accept_race_across_instances_postgres() {
    if postgres_server().is_none() {
        eprintln!("skipped: set ORGDESK_TEST_POSTGRES to run on PostgreSQL");
        return;
    }
    accept_race(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn accept_race_across_instances_sqlite() {
    accept_race(Backend::Sqlite).await;
}

// ---- Real SMTP -------------------------------------------------------------

/// A delivered message: its recipients and its raw bytes.
type Delivered = (Vec<String>, Vec<u8>);

/// Collects every message a real SMTP session delivers.
#[derive(Clone, Default)]
struct Collector {
    delivered: Arc<Mutex<Vec<Delivered>>>,
    arrived: Arc<tokio::sync::Notify>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl mailin_embedded::Handler for Collector {
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        to: &[String],
    ) -> mailin_embedded::Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        let message = std::mem::take(&mut self.data);
        self.delivered
            .lock()
            .unwrap()
            .push((std::mem::take(&mut self.to), message));
        self.arrived.notify_waiters();
        self.arrived.notify_one();
        mailin_embedded::response::OK
    }
}

impl Collector {
    fn find(&self, email: &str) -> Option<(Vec<String>, String)> {
        self.delivered
            .lock()
            .unwrap()
            .iter()
            .find(|(to, _)| to.iter().any(|t| t.trim_matches(['<', '>']) == email))
            .map(|(to, data)| (to.clone(), String::from_utf8_lossy(data).into_owned()))
    }

    /// Waits, bounded, until a message to `email` has been delivered.
    async fn wait_for(&self, email: &str) -> (Vec<String>, String) {
        for _ in 0..100 {
            let notified = self.arrived.notified();
            if let Some(found) = self.find(email) {
                return found;
            }
            let _ = tokio::time::timeout(std::time::Duration::from_millis(100), notified).await;
        }
        panic!("no mail to {email} arrived over SMTP");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_go_out_over_real_smtp() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind SMTP");
    let port = listener.local_addr().unwrap().port();
    let collector = Collector::default();
    let mut smtp = mailin_embedded::Server::new(collector.clone());
    smtp.with_name("smtp.test")
        .with_ssl(mailin_embedded::SslConfig::None)
        .expect("no TLS")
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = smtp.serve();
    });

    let ts = TestServer::start_with(Backend::Sqlite, |config| {
        config.mail = Some(format!("smtp://127.0.0.1:{port}"));
    })
    .await;
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    invite_one(&admin, &org, "smtp@people.example").await;

    let (to, raw) = collector.wait_for("smtp@people.example").await;
    assert_eq!(to.len(), 1, "{to:?}");
    let mail = read_mail(&raw);
    assert!(
        mail.content_type
            .to_ascii_lowercase()
            .starts_with("multipart/alternative"),
        "{}",
        mail.content_type
    );
    let kinds: Vec<String> = mail
        .parts
        .iter()
        .map(|(ct, _)| ct.to_ascii_lowercase())
        .collect();
    assert!(
        kinds.iter().any(|k| k.starts_with("text/plain")),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|k| k.starts_with("text/html")),
        "{kinds:?}"
    );
    assert_eq!(
        mail.subject,
        format!("Ada Admin invited you to {} on Orgdesk", org.name)
    );
    for (kind, body) in &mail.parts {
        assert!(
            body.contains(&format!("{}/invite/", ts.url())),
            "{kind}: {body}"
        );
    }
    let tokens = mail.invite_tokens(&ts.url());
    assert_eq!(tokens.len(), 1, "{tokens:?}");
    let token = tokens.into_iter().next().unwrap();
    assert!(
        invite_tokens(&ts, "smtp@people.example").is_empty(),
        "SMTP, not the outbox"
    );
    let preview = ts
        .client()
        .invitation_preview(&token)
        .await
        .expect("the mailed link works");
    assert_eq!(preview.email, "smtp@people.example");
    accept_created(&ts.client(), &token, Some("Simon Smtp"), PASSWORD).await;
    ts.finish().await;
}
