//! What the client sends, as records an observer sees: the console's activity
//! pane lists them and offers each as a curl command.
//!
//! Nothing secret leaves here: the session token becomes `$ORGDESK_TOKEN`
//! (which the shell expands), and passwords and one-time tokens in JSON
//! bodies become `<redacted>`.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};

/// Called once per request, when its answer is read (or the request failed).
pub type Observer = Arc<dyn Fn(RequestRecord) + Send + Sync>;

/// One request the client made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// `GET`, `POST`, …
    pub method: String,
    /// The URL's path with its query, e.g. `/api/v1/orgs/acme/members?limit=50`.
    pub path: String,
    /// The answer's status; `None` when no answer arrived (network error).
    pub status: Option<u16>,
    /// From sending to the end of the answer's body.
    pub duration: Duration,
    /// When the request was sent.
    pub at: SystemTime,
    /// The same request as a curl command for a POSIX shell, with the session
    /// token replaced by `$ORGDESK_TOKEN`.
    pub curl: String,
}

/// The variable a copied command reads the session token from.
pub const TOKEN_VARIABLE: &str = "$ORGDESK_TOKEN";
const REDACTED: &str = "<redacted>";
/// Bodies larger than this are left out of the curl command (`@body.json`).
const MAX_INLINE_BODY: usize = 256 * 1024;

/// A request on its way: what the record will say, and when it started.
pub(crate) struct Pending {
    method: String,
    path: String,
    curl: String,
    at: SystemTime,
    started: Instant,
}

impl Pending {
    /// Captures `request` just before it is sent; `token` is the session
    /// token in use, masked wherever it would appear.
    pub(crate) fn start(request: &reqwest::Request, token: Option<&str>) -> Self {
        let url = request.url();
        let mut path = url.path().to_owned();
        if let Some(query) = url.query() {
            path.push('?');
            path.push_str(query);
        }
        let mut curl = curl_command(request);
        if let Some(token) = token.filter(|t| !t.is_empty()) {
            path = path.replace(token, TOKEN_VARIABLE);
            curl = curl.replace(token, TOKEN_VARIABLE);
        }
        Self {
            method: request.method().as_str().to_owned(),
            path,
            curl,
            at: SystemTime::now(),
            started: Instant::now(),
        }
    }

    pub(crate) fn finish(self, status: Option<u16>) -> RequestRecord {
        RequestRecord {
            method: self.method,
            path: self.path,
            status,
            duration: self.started.elapsed(),
            at: self.at,
            curl: self.curl,
        }
    }
}

/// `request` as a curl command: method, URL, headers (the bearer token as
/// `$ORGDESK_TOKEN`) and body, each quoted for a POSIX shell.
pub fn curl_command(request: &reqwest::Request) -> String {
    let mut parts = vec!["curl".to_owned()];
    if request.method() != reqwest::Method::GET {
        parts.push(format!("-X {}", request.method().as_str()));
    }
    parts.push(shell_quote(request.url().as_str()));
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut authorized = false;
    for (name, value) in request.headers() {
        if name == AUTHORIZATION {
            authorized = true;
            continue;
        }
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        headers.push((canonical_name(name.as_str()), value));
    }
    headers.sort();
    for (name, value) in headers {
        parts.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
    }
    if authorized {
        // Double quotes: the shell fills in the variable.
        parts.push(format!("-H \"Authorization: Bearer {TOKEN_VARIABLE}\""));
    }
    if let Some(body) = request.body().and_then(reqwest::Body::as_bytes) {
        let json = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .is_some_and(|ct| {
                let ct = ct.to_ascii_lowercase();
                ct.starts_with("application/json") || ct.contains("+json")
            });
        parts.push(body_argument(body, json));
    }
    parts.join(" ")
}

fn body_argument(body: &[u8], json: bool) -> String {
    if body.len() > MAX_INLINE_BODY {
        let file = if json { "body.json" } else { "body.bin" };
        return format!("--data-binary @{file}");
    }
    match std::str::from_utf8(body) {
        Ok(text) if !text.contains('\0') => {
            let text = if json {
                redact_json(text).unwrap_or_else(|| text.to_owned())
            } else {
                text.to_owned()
            };
            format!("--data-raw {}", shell_quote(&text))
        }
        _ => "--data-binary @body.bin".to_owned(),
    }
}

/// The JSON text with secrets (`password`, `current_password`, `token`, …)
/// replaced; `None` when it is not JSON.
fn redact_json(text: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    if !redact(&mut value) {
        return Some(text.to_owned());
    }
    serde_json::to_string(&value).ok()
}

/// Replaces secret fields in place; true when one was found.
fn redact(value: &mut serde_json::Value) -> bool {
    match value {
        serde_json::Value::Object(map) => {
            let mut found = false;
            for (key, v) in map.iter_mut() {
                let key = key.to_ascii_lowercase();
                if (key.contains("password") || key == "token" || key.ends_with("_token"))
                    && v.is_string()
                {
                    *v = serde_json::Value::String(REDACTED.into());
                    found = true;
                } else {
                    found |= redact(v);
                }
            }
            found
        }
        serde_json::Value::Array(items) => items.iter_mut().fold(false, |f, v| redact(v) | f),
        _ => false,
    }
}

/// `content-type` → `Content-Type`, as people write headers.
fn canonical_name(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// `s` in single quotes for a POSIX shell: nothing inside is expanded, and a
/// `'` becomes `'\''` (close, escaped quote, reopen).
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(
        method: reqwest::Method,
        url: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> reqwest::Request {
        let client = reqwest::Client::new();
        let mut rb = client
            .request(method, url)
            .header("accept", "application/json");
        if let Some(token) = token {
            rb = rb.bearer_auth(token);
        }
        if let Some(body) = body {
            rb = rb
                .header(CONTENT_TYPE, "application/json")
                .body(body.to_owned());
        }
        rb.build().unwrap()
    }

    #[test]
    fn single_quotes_are_escaped() {
        assert_eq!(shell_quote("plain"), "'plain'");
        assert_eq!(shell_quote("O'Brien"), r"'O'\''Brien'");
        assert_eq!(shell_quote("''"), r"''\'''\'''");
        assert_eq!(shell_quote("$HOME `x` \"y\""), "'$HOME `x` \"y\"'");
    }

    #[test]
    fn a_body_with_a_single_quote_survives_the_shell() {
        let body = r#"{"name":"Dana O'Brien","q":"$(rm -rf /)"}"#;
        let r = request(
            reqwest::Method::POST,
            "http://127.0.0.1:8080/api/v1/orgs/acme/groups",
            None,
            Some(body),
        );
        let curl = curl_command(&r);
        assert_eq!(
            curl,
            "curl -X POST 'http://127.0.0.1:8080/api/v1/orgs/acme/groups' -H 'Accept: application/json' \
             -H 'Content-Type: application/json' \
             --data-raw '{\"name\":\"Dana O'\\''Brien\",\"q\":\"$(rm -rf /)\"}'"
        );
        // What a shell would pass to curl, undone by hand: the body comes back unchanged.
        let quoted = curl.split("--data-raw ").nth(1).unwrap();
        assert_eq!(unquote(quoted), body);
    }

    /// Reverses `shell_quote` as a POSIX shell reads it.
    fn unquote(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (_, '\'') => quoted = !quoted,
                (false, '\\') => out.extend(chars.next()),
                (_, c) => out.push(c),
            }
        }
        assert!(!quoted, "unbalanced quotes in {s}");
        out
    }

    #[test]
    fn the_token_is_masked_everywhere() {
        let token = "ods_s3cr3t-TOKEN_value";
        let r = request(
            reqwest::Method::GET,
            "http://127.0.0.1:8080/api/v1/orgs/acme/members?q=ada&limit=50",
            Some(token),
            None,
        );
        let record = Pending::start(&r, Some(token)).finish(Some(200));
        assert_eq!(record.method, "GET");
        assert_eq!(record.path, "/api/v1/orgs/acme/members?q=ada&limit=50");
        assert_eq!(record.status, Some(200));
        assert!(
            record
                .curl
                .contains("-H \"Authorization: Bearer $ORGDESK_TOKEN\""),
            "{}",
            record.curl
        );
        assert!(!format!("{record:?}").contains(token));
        assert!(!record.curl.contains("s3cr3t"));
        assert!(!record.curl.contains(" -X "), "GET is curl's default");

        // Even a token somewhere else (a header someone added) is masked.
        let r = reqwest::Client::new()
            .get("http://127.0.0.1:8080/api/v1/me")
            .header("x-debug", format!("echo {token}"))
            .build()
            .unwrap();
        let record = Pending::start(&r, Some(token)).finish(None);
        assert!(!record.curl.contains(token), "{}", record.curl);
        assert_eq!(record.status, None);
    }

    #[test]
    fn passwords_and_one_time_tokens_are_redacted() {
        let r = request(
            reqwest::Method::POST,
            "http://127.0.0.1:8080/api/v1/auth/password",
            None,
            Some(
                r#"{"current_password":"old-Secret-1","new_password":"new-Secret-2","nested":[{"token":"tok_1"}],"email":"a@b.example"}"#,
            ),
        );
        let curl = curl_command(&r);
        for secret in ["old-Secret-1", "new-Secret-2", "tok_1"] {
            assert!(!curl.contains(secret), "{curl}");
        }
        assert!(curl.contains("a@b.example"));
        assert!(curl.contains("\"new_password\":\"<redacted>\""), "{curl}");
    }

    #[test]
    fn binary_and_huge_bodies_are_left_out() {
        let r = reqwest::Client::new()
            .put("http://127.0.0.1:8080/api/v1/me/avatar")
            .header(CONTENT_TYPE, "application/octet-stream")
            .body(vec![0x89, b'P', b'N', b'G', 0, 0xff])
            .build()
            .unwrap();
        let curl = curl_command(&r);
        assert!(curl.ends_with("--data-binary @body.bin"), "{curl}");
        assert!(curl.contains("-X PUT"));

        let big = format!("{{\"ids\":\"{}\"}}", "a".repeat(MAX_INLINE_BODY));
        let r = request(
            reqwest::Method::POST,
            "http://127.0.0.1:8080/x",
            None,
            Some(&big),
        );
        assert!(curl_command(&r).ends_with("--data-binary @body.json"));
    }

    #[test]
    fn header_names_read_as_people_write_them() {
        assert_eq!(canonical_name("content-type"), "Content-Type");
        assert_eq!(canonical_name("x-forwarded-for"), "X-Forwarded-For");
        assert_eq!(canonical_name("if-match"), "If-Match");
    }
}
