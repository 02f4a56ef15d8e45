//! Scrubs what must never leave this computer in a crash report: session
//! tokens and other secrets, passwords, email addresses, and the person's
//! name in their home folder's path. A report is read by people who help,
//! pasted into tickets and chats: it says where the console failed, not who
//! was using it or with what credentials.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// Stands for a scrubbed secret (a token, a password, a key).
pub const SECRET: &str = "<redacted>";
/// Stands for a scrubbed email address.
pub const EMAIL: &str = "<email>";

/// `password: "…"`, `token=…`, `"secret": "…"`, `Authorization: Bearer …`:
/// the name is kept, its value goes.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?ix)
        (?P<name>
            [a-z0-9_\-]*(?:password|passwd|passphrase|pwd|token|secret|api[_\-]?key|authorization|cookie|credential|cvc|card[_\-]?number)[a-z0-9_\-]*
            ["']?
            \s*[:=]\s*
            (?:(?:bearer|basic|token)\s+)?
        )
        (?P<value>
            "(?:[^"\\]|\\.)*"?
            | '(?:[^'\\]|\\.)*'?
            | Some\("(?:[^"\\]|\\.)*"\)
            | [^\s,;&)}\]:][^\s,;&)}\]]*
        )"#,
    )
    .expect("the secret pattern compiles")
});

/// `Bearer …` / `Basic …` wherever it stands.
static SCHEME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<scheme>bearer|basic)\s+[A-Za-z0-9._~+/=\-]{8,}")
        .expect("the scheme pattern compiles")
});

/// Email addresses, also quoted or inside `<…>`.
static EMAILS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[^\s@"'<>()\[\],;:]+@[^\s@"'<>()\[\],;:]+"#).expect("the email pattern compiles")
});

/// Long runs of base64url, base64 or hex characters: what tokens look like
/// (the platform's are a prefix and 43 base64url characters). Slashes end a
/// run, so paths stay readable.
static OPAQUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9_+=\-]{24,}").expect("the opaque pattern compiles"));

static UUID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
        .expect("the uuid pattern compiles")
});

/// `text` without secrets, passwords or email addresses; `home` (the
/// person's home folder) becomes `~`.
pub fn scrub(text: &str, home: Option<&str>) -> String {
    let mut text = text.to_owned();
    if let Some(home) = home.filter(|h| h.len() > 1) {
        text = text.replace(home, "~");
    }
    let text = NAMED.replace_all(&text, |c: &Captures| format!("{}{SECRET}", &c["name"]));
    let text = SCHEME.replace_all(&text, |c: &Captures| format!("{} {SECRET}", &c["scheme"]));
    let text = EMAILS.replace_all(&text, EMAIL);
    OPAQUE
        .replace_all(&text, |c: &Captures| {
            let run = &c[0];
            if looks_secret(run) {
                SECRET.to_owned()
            } else {
                run.to_owned()
            }
        })
        .into_owned()
}

/// A run that is random rather than words: mixed-case letters with digits
/// (base64), or 32+ hex digits. Not a UUID: ids are no secret and help to
/// find what failed; snake_case paths and symbols have no upper case.
fn looks_secret(run: &str) -> bool {
    if UUID.is_match(run) {
        return false;
    }
    let has = |f: fn(&u8) -> bool| run.bytes().any(|b| f(&b));
    let base64 =
        has(u8::is_ascii_digit) && has(u8::is_ascii_uppercase) && has(u8::is_ascii_lowercase);
    let hex = run.len() >= 32
        && run.bytes().all(|b| b.is_ascii_hexdigit())
        && has(u8::is_ascii_digit)
        && has(u8::is_ascii_alphabetic);
    base64 || hex
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "kM3vQ9xZ2pL7wR4tY8uE1oI6aS5dF0gHjK2lZxCvBn4";

    fn clean(text: &str) -> String {
        scrub(text, Some("/home/alice"))
    }

    #[test]
    fn tokens_go_wherever_they_stand() {
        for text in [
            format!("called `Result::unwrap()` on `Err`: Unauthorized {{ token: \"{TOKEN}\" }}"),
            format!("GET /x with Authorization: Bearer {TOKEN} failed"),
            format!("token={TOKEN}&next=1"),
            format!("the session {TOKEN} expired"),
            format!("{{\"access_token\":\"{TOKEN}\"}}"),
            format!("Client {{ base: \"http://x\", token: Some(\"{TOKEN}\") }}"),
            format!("ORGDESK_TOKEN='{TOKEN}'"),
            format!(
                "sha256 {}",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
            ),
        ] {
            let out = clean(&text);
            assert!(!out.contains(TOKEN), "{out}");
            assert!(!out.contains(&TOKEN[..20]), "{out}");
            assert!(!out.contains("9f86d081884c7d65"), "{out}");
            assert!(out.contains(SECRET), "{out}");
        }
    }

    #[test]
    fn passwords_go_even_short_and_plain() {
        for text in [
            "LoginRequest { email: \"a@b.c\", password: \"hunter2\" }",
            "password=hunter2 rejected",
            "{\"current_password\":\"hunter2\",\"new_password\":\"hunter2!\"}",
            "Passwort-Test PASSWORD: hunter2",
            "card_number=4242424242424242 cvc=123",
        ] {
            let out = clean(text);
            assert!(!out.contains("hunter2"), "{out}");
            assert!(!out.contains("4242"), "{out}");
            assert!(!out.contains("123"), "{out}");
        }
    }

    #[test]
    fn email_addresses_go() {
        let out = clean(
            "member alice.smith+work@acme.example (\"bob@platform.example\") <carol@x.io> not found",
        );
        assert!(!out.contains("alice"), "{out}");
        assert!(!out.contains("bob@"), "{out}");
        assert!(!out.contains("carol"), "{out}");
        assert_eq!(out.matches(EMAIL).count(), 3, "{out}");
    }

    #[test]
    fn the_home_folder_loses_its_owner() {
        let out = clean("panicked at /home/alice/src/orgdesk/src/app/mod.rs:12:5");
        assert_eq!(out, "panicked at ~/src/orgdesk/src/app/mod.rs:12:5");
    }

    #[test]
    fn what_helps_to_find_the_bug_stays() {
        let text = "panicked at src/screen/members.rs:120:9:\n\
            index out of bounds: the len is 3 but the index is 12\n\
            member 0190f2a4-7b1c-7d3e-9f00-1234567890ab of org acme\n\
              12: orgdesk::screen::members::Members::update_selection_for_keyboard\n\
              13: orgdesk::credentials::token::store::password_hint\n\
              at /rustc/1234abcd/library/std/src/panicking.rs:647:5\n\
              x11rb_protocol::protocol::xproto::GetPropertyReply::value32_iterator";
        assert_eq!(clean(text), text);
    }
}
