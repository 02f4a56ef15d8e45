//! Typed async client of the Orgdesk admin API (see `API.md`).
//!
//! Every route of the contract is one method of [`Client`]; paths, headers and
//! the mapping of problem answers to [`Error`] live here and nowhere else, so
//! the console and the integration tests speak to the server the same way.

mod activity;
mod admin;
mod error;
mod governance;
mod paths;
mod tenancy;
mod wizard;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use orgdesk_api::{
    AccountList, AddMembers, AuthResponse, BulkRequest, BulkResult, Catalog, CreateGroup,
    CreateOrganization, EffectivePermission, Group, LoginRequest, LoginResponse, Member,
    MemberQuery, MembershipDiff, MyOrganization, Organization, Page, PasswordChangeRequest,
    PermissionInfo, PermissionMatrix, Problem, Profile, ProfilePatch, RegisterRequest, SessionInfo,
    UpdateGroup, UpdateOrganization, VerifyEmailRequest,
};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HOST, HeaderMap, HeaderName, HeaderValue, IF_MATCH};
use reqwest::{Method, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

pub use activity::{Observer, RequestRecord, curl_command, shell_quote};
pub use error::{ApiError, Error};
use paths::org_path;

/// Told when an answer says the session is over ([`Error::ends_session`]),
/// before the caller sees that answer.
pub type SessionEndHook = Arc<dyn Fn(&Error) + Send + Sync>;

/// Long enough for a slow password hash under load, short enough that a dead
/// server shows up as an error instead of a frozen console.
const TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection to one Orgdesk platform, optionally signed in.
///
/// Cloning is cheap: clones share the connection pool.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    /// Scheme, host and optional path prefix, without a trailing slash.
    base: String,
    token: Option<String>,
    host: Option<String>,
    /// Extra headers sent with every request (applied last, so they win).
    headers: HeaderMap,
    /// Told about every request (the console's activity pane).
    observer: Option<Observer>,
    /// Told when the platform ends the session (the console's shell).
    session_end: Option<SessionEndHook>,
    /// A `*.localhost` host resolved to 127.0.0.1 by the client itself.
    loopback: Option<String>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The token is a live credential: never let it reach a log line.
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("host", &self.host)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// An answer of [`Client::raw`], exactly as the server gave it.
#[derive(Debug, Clone)]
pub struct RawResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The body read as a problem answer, if it is one.
    pub fn problem(&self) -> Option<Problem> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body as text, lossily.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// `?limit=&cursor=` of the lists that take nothing else.
#[derive(Serialize)]
struct PageQuery<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cursor: Option<&'a str>,
}

/// The User-Agent the console identifies itself with; the server reads the
/// device of a session from it.
fn default_user_agent() -> String {
    format!(
        "Orgdesk/{} ({}; {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// The host to resolve to the loopback address ourselves: names under
/// `localhost` are loopback by definition (RFC 6761), but not every system
/// resolver knows it, and `acme.localhost` is how an organization's address
/// looks on a platform running on this computer.
fn loopback_name(url: &reqwest::Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    host.ends_with(".localhost").then_some(host)
}

fn build_http(user_agent: &str, loopback: Option<&str>) -> Result<reqwest::Client, Error> {
    let mut builder = reqwest::Client::builder();
    if let Some(name) = loopback {
        // The port is the URL's; only the address comes from here.
        builder = builder.resolve(name, std::net::SocketAddr::from(([127, 0, 0, 1], 0)));
    }
    builder
        .user_agent(user_agent)
        .timeout(TIMEOUT)
        .connect_timeout(CONNECT_TIMEOUT)
        // The API never redirects; following one could replay a POST as a GET
        // or carry the bearer token somewhere unexpected. Show it instead.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::config(format!("cannot build the HTTP client: {e}")))
}

/// Adds `If-Match: "<version>"`: versions travel as strong ETags.
fn if_match(rb: RequestBuilder, version: Option<i64>) -> RequestBuilder {
    match version {
        Some(v) => rb.header(IF_MATCH, format!("\"{v}\"")),
        None => rb,
    }
}

impl Client {
    /// A client of the platform at `base_url` (e.g. `http://127.0.0.1:8080`).
    pub fn new(base_url: impl AsRef<str>) -> Result<Self, Error> {
        let base = base_url.as_ref().trim().trim_end_matches('/');
        let url = reqwest::Url::parse(base)
            .map_err(|e| Error::config(format!("base URL {base:?}: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
            return Err(Error::config(format!(
                "base URL {base:?} is not an http(s) address"
            )));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::config(format!(
                "base URL {base:?} must not have a query or fragment"
            )));
        }
        let loopback = loopback_name(&url);
        Ok(Self {
            http: build_http(&default_user_agent(), loopback.as_deref())?,
            loopback,
            base: base.to_owned(),
            token: None,
            host: None,
            headers: HeaderMap::new(),
            observer: None,
            session_end: None,
        })
    }

    /// The same client, signed in with `token`.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Signs in (`Some`) or out (`None`) in place, e.g. after login or logout.
    pub fn set_token(&mut self, token: Option<String>) {
        self.token = token;
    }

    /// The session token in use, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Sends `Host: <host>` instead of the base URL's host, so that a login
    /// happens in an organization's context (e.g. `acme.localhost`) while the
    /// connection still goes to the base URL.
    pub fn with_host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    /// The same client announcing itself as `user_agent` (e.g. a browser's).
    pub fn with_user_agent(mut self, user_agent: &str) -> Result<Self, Error> {
        self.http = build_http(user_agent, self.loopback.as_deref())?;
        Ok(self)
    }

    /// The same client sending `name: value` with every request
    /// (e.g. `X-Forwarded-For`); it replaces any header of that name.
    pub fn with_header(mut self, name: &str, value: &str) -> Result<Self, Error> {
        let name = HeaderName::try_from(name)
            .map_err(|e| Error::config(format!("header name {name:?}: {e}")))?;
        let value = HeaderValue::try_from(value)
            .map_err(|e| Error::config(format!("header {name}: {e}")))?;
        self.headers.insert(name, value);
        Ok(self)
    }

    /// The same client telling `observer` about every request it makes (and
    /// its clones make): method, path, status, duration and a curl command
    /// with the token as `$ORGDESK_TOKEN`.
    pub fn with_observer(mut self, observer: Observer) -> Self {
        self.observer = Some(observer);
        self
    }

    /// The same client telling `hook` whenever the platform answers one of its
    /// signed-in requests with the end of the session (see
    /// [`Error::ends_session`]), so one place can act on it instead of every
    /// caller.
    pub fn on_session_end(mut self, hook: SessionEndHook) -> Self {
        self.session_end = Some(hook);
        self
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut rb = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(ACCEPT, "application/json");
        if let Some(token) = &self.token {
            rb = rb.bearer_auth(token);
        }
        if let Some(host) = &self.host {
            rb = rb.header(HOST, host);
        }
        rb.headers(self.headers.clone())
    }

    /// Sends the request and reads the whole answer, telling the observer.
    async fn send(
        &self,
        rb: RequestBuilder,
    ) -> Result<(reqwest::StatusCode, HeaderMap, String, Vec<u8>), Error> {
        let request = rb.build().map_err(Error::from_reqwest)?;
        let pending = self
            .observer
            .as_ref()
            .map(|_| activity::Pending::start(&request, self.token.as_deref()));
        let answer = async {
            let response = self.http.execute(request).await?;
            let status = response.status();
            let headers = response.headers().clone();
            let path = response.url().path().to_owned();
            let body = response.bytes().await?;
            Ok((status, headers, path, body.to_vec()))
        }
        .await;
        if let (Some(observer), Some(pending)) = (&self.observer, pending) {
            observer(pending.finish(answer.as_ref().ok().map(|a| a.0.as_u16())));
        }
        answer.map_err(Error::from_reqwest)
    }

    /// Sends the request; a non-2xx answer becomes [`Error::Api`].
    /// Returns the request's path (for error messages) and the body.
    async fn execute(&self, rb: RequestBuilder) -> Result<(String, Vec<u8>), Error> {
        let (status, headers, path, body) = self.send(rb).await?;
        if status.is_success() {
            return Ok((path, body));
        }
        let error = error::error_from(status, &headers, &body);
        if let Some(hook) = &self.session_end
            && self.token.is_some()
            && error.ends_session()
        {
            hook(&error);
        }
        Err(error)
    }

    /// Sends the request and reads a JSON answer.
    async fn json<T: DeserializeOwned>(&self, rb: RequestBuilder) -> Result<T, Error> {
        let (path, body) = self.execute(rb).await?;
        serde_json::from_slice(&body).map_err(|e| Error::Decode(format!("{path}: {e}").into()))
    }

    /// Sends the request and ignores any body: success is all that is said
    /// (usually 204, but a 200 with a body is just as good).
    async fn empty(&self, rb: RequestBuilder) -> Result<(), Error> {
        self.execute(rb).await.map(drop)
    }

    // ---- Accounts and sessions -------------------------------------------

    /// Creates a platform account and sends its verification email.
    pub async fn register(&self, req: &RegisterRequest) -> Result<AuthResponse, Error> {
        self.json(
            self.request(Method::POST, "/api/v1/auth/register")
                .json(req),
        )
        .await
    }

    /// Confirms an email address with the token from the verification link.
    pub async fn verify_email(&self, token: &str) -> Result<(), Error> {
        let body = VerifyEmailRequest {
            token: token.to_owned(),
        };
        self.empty(
            self.request(Method::POST, "/api/v1/auth/verify-email")
                .json(&body),
        )
        .await
    }

    /// Signs in. The returned token is not stored: pass it to
    /// [`Client::set_token`] or [`Client::with_token`].
    pub async fn login(&self, req: &LoginRequest) -> Result<LoginResponse, Error> {
        self.json(self.request(Method::POST, "/api/v1/auth/login").json(req))
            .await
    }

    /// Revokes the calling session. The token is kept: clear it with
    /// [`Client::set_token`].
    pub async fn logout(&self) -> Result<(), Error> {
        self.empty(self.request(Method::POST, "/api/v1/auth/logout"))
            .await
    }

    /// Changes the password; the account's other sessions are revoked.
    pub async fn change_password(&self, req: &PasswordChangeRequest) -> Result<(), Error> {
        self.empty(
            self.request(Method::POST, "/api/v1/auth/password")
                .json(req),
        )
        .await
    }

    /// The caller's profile.
    pub async fn me(&self) -> Result<Profile, Error> {
        self.json(self.request(Method::GET, "/api/v1/me")).await
    }

    /// Changes the caller's profile; with `if_match`, only if its version is
    /// still that one (else 412 `stale_version`).
    pub async fn update_me(
        &self,
        patch: &ProfilePatch,
        if_match: Option<i64>,
    ) -> Result<Profile, Error> {
        self.json(self::if_match(
            self.request(Method::PATCH, "/api/v1/me").json(patch),
            if_match,
        ))
        .await
    }

    /// The organizations the caller belongs to, with their groups there.
    pub async fn my_organizations(&self) -> Result<Vec<MyOrganization>, Error> {
        self.json(self.request(Method::GET, "/api/v1/me/organizations"))
            .await
    }

    /// The caller's recent sign-ins.
    pub async fn my_sessions(
        &self,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<SessionInfo>, Error> {
        let query = PageQuery { limit, cursor };
        self.json(
            self.request(Method::GET, "/api/v1/me/sessions")
                .query(&query),
        )
        .await
    }

    /// Revokes one of the caller's sessions.
    pub async fn revoke_my_session(&self, id: Uuid) -> Result<(), Error> {
        self.empty(self.request(Method::DELETE, &format!("/api/v1/me/sessions/{id}")))
            .await
    }

    // ---- Organizations ---------------------------------------------------

    /// What the platform sells.
    pub async fn catalog(&self) -> Result<Catalog, Error> {
        self.json(self.request(Method::GET, "/api/v1/catalog"))
            .await
    }

    /// Creates an organization (status `pending_payment` until paid).
    pub async fn create_org(&self, req: &CreateOrganization) -> Result<Organization, Error> {
        self.json(self.request(Method::POST, "/api/v1/orgs").json(req))
            .await
    }

    /// One organization, by id or subdomain.
    pub async fn org(&self, org: &str) -> Result<Organization, Error> {
        self.json(self.request(Method::GET, &org_path(org, "")?))
            .await
    }

    /// Changes an organization's details; `if_match` as in [`Client::update_me`].
    pub async fn update_org(
        &self,
        org: &str,
        req: &UpdateOrganization,
        if_match: Option<i64>,
    ) -> Result<Organization, Error> {
        self.json(self::if_match(
            self.request(Method::PATCH, &org_path(org, "")?).json(req),
            if_match,
        ))
        .await
    }

    /// The permissions of the organization's products.
    pub async fn org_permissions(&self, org: &str) -> Result<Vec<PermissionInfo>, Error> {
        self.json(self.request(Method::GET, &org_path(org, "/permissions")?))
            .await
    }

    // ---- Groups and permissions ------------------------------------------

    /// Every group of the organization.
    pub async fn groups(&self, org: &str) -> Result<Vec<Group>, Error> {
        self.json(self.request(Method::GET, &org_path(org, "/groups")?))
            .await
    }

    /// Creates a group.
    pub async fn create_group(&self, org: &str, req: &CreateGroup) -> Result<Group, Error> {
        self.json(
            self.request(Method::POST, &org_path(org, "/groups")?)
                .json(req),
        )
        .await
    }

    /// One group.
    pub async fn group(&self, org: &str, id: Uuid) -> Result<Group, Error> {
        self.json(self.request(Method::GET, &org_path(org, &format!("/groups/{id}"))?))
            .await
    }

    /// Changes a group; `if_match` as in [`Client::update_me`].
    pub async fn update_group(
        &self,
        org: &str,
        id: Uuid,
        req: &UpdateGroup,
        if_match: Option<i64>,
    ) -> Result<Group, Error> {
        let rb = self
            .request(Method::PATCH, &org_path(org, &format!("/groups/{id}"))?)
            .json(req);
        self.json(self::if_match(rb, if_match)).await
    }

    /// Deletes a group (not a built-in one: 409 `builtin_group`).
    pub async fn delete_group(&self, org: &str, id: Uuid) -> Result<(), Error> {
        self.empty(self.request(Method::DELETE, &org_path(org, &format!("/groups/{id}"))?))
            .await
    }

    /// One page of a group's members.
    pub async fn group_members(
        &self,
        org: &str,
        id: Uuid,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<Member>, Error> {
        let query = PageQuery { limit, cursor };
        self.json(
            self.request(
                Method::GET,
                &org_path(org, &format!("/groups/{id}/members"))?,
            )
            .query(&query),
        )
        .await
    }

    /// Adds accounts to a group.
    pub async fn add_group_members(
        &self,
        org: &str,
        id: Uuid,
        req: &AccountList,
    ) -> Result<MembershipDiff, Error> {
        self.json(
            self.request(
                Method::POST,
                &org_path(org, &format!("/groups/{id}/members"))?,
            )
            .json(req),
        )
        .await
    }

    /// Adds accounts to a group until `req.expires_at` (when given); a member
    /// already in the group gets that end (none: no end).
    pub async fn add_group_members_until(
        &self,
        org: &str,
        id: Uuid,
        req: &AddMembers,
    ) -> Result<MembershipDiff, Error> {
        self.json(
            self.request(
                Method::POST,
                &org_path(org, &format!("/groups/{id}/members"))?,
            )
            .json(req),
        )
        .await
    }

    /// Removes accounts from a group (a DELETE with a JSON body).
    pub async fn remove_group_members(
        &self,
        org: &str,
        id: Uuid,
        req: &AccountList,
    ) -> Result<MembershipDiff, Error> {
        self.json(
            self.request(
                Method::DELETE,
                &org_path(org, &format!("/groups/{id}/members"))?,
            )
            .json(req),
        )
        .await
    }

    /// Applies many membership changes in one transaction (or, with
    /// `dry_run`, only says what they would do).
    pub async fn bulk_groups(&self, org: &str, req: &BulkRequest) -> Result<BulkResult, Error> {
        self.json(
            self.request(Method::POST, &org_path(org, "/groups/bulk")?)
                .json(req),
        )
        .await
    }

    /// Groups × permissions, for the console's grid.
    pub async fn permission_matrix(&self, org: &str) -> Result<PermissionMatrix, Error> {
        self.json(self.request(Method::GET, &org_path(org, "/permission-matrix")?))
            .await
    }

    // ---- Members ---------------------------------------------------------

    /// One page of the organization's members.
    pub async fn members(&self, org: &str, query: &MemberQuery) -> Result<Page<Member>, Error> {
        self.json(
            self.request(Method::GET, &org_path(org, "/members")?)
                .query(query),
        )
        .await
    }

    /// One member, with their groups.
    pub async fn member(&self, org: &str, account: Uuid) -> Result<Member, Error> {
        self.json(self.request(Method::GET, &org_path(org, &format!("/members/{account}"))?))
            .await
    }

    /// A member's effective permissions, each with the groups granting it.
    pub async fn member_permissions(
        &self,
        org: &str,
        account: Uuid,
    ) -> Result<Vec<EffectivePermission>, Error> {
        self.json(self.request(
            Method::GET,
            &org_path(org, &format!("/members/{account}/permissions"))?,
        ))
        .await
    }

    /// The caller's effective permissions in the organization.
    pub async fn my_permissions(&self, org: &str) -> Result<Vec<EffectivePermission>, Error> {
        self.json(self.request(Method::GET, &org_path(org, "/me/permissions")?))
            .await
    }

    /// One page of a member's recent sign-ins.
    pub async fn member_sessions(
        &self,
        org: &str,
        account: Uuid,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<SessionInfo>, Error> {
        let query = PageQuery { limit, cursor };
        let path = org_path(org, &format!("/members/{account}/sessions"))?;
        self.json(self.request(Method::GET, &path).query(&query))
            .await
    }

    // ---- Misc ------------------------------------------------------------

    /// The server's OpenAPI document.
    pub async fn openapi(&self) -> Result<serde_json::Value, Error> {
        self.json(self.request(Method::GET, "/api/v1/openapi.json"))
            .await
    }

    /// Sends arbitrary bytes to `path` (e.g. `/api/v1/auth/login`) and returns
    /// the answer as is, whatever its status: for testing how the server
    /// treats malformed JSON, wrong content types and oversized bodies.
    ///
    /// The token, `Accept`, `Host` override and extra headers are sent as for
    /// any call; only a network failure is an error.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Result<RawResponse, Error> {
        let mut rb = self.request(method, path).body(body);
        if let Some(content_type) = content_type {
            rb = rb.header(CONTENT_TYPE, content_type);
        }
        let (status, headers, _, body) = self.send(rb).await?;
        Ok(RawResponse {
            status: status.as_u16(),
            headers,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_checked_and_trimmed() {
        let client = Client::new("http://127.0.0.1:8080/").unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:8080");
        assert!(Client::new("ftp://example.com").is_err());
        assert!(Client::new("not a url").is_err());
        assert!(
            client
                .clone()
                .with_header("x-forwarded-for", "203.0.113.7")
                .is_ok()
        );
        assert!(client.clone().with_header("bad name", "x").is_err());
        let signed_in = client.with_token("secret");
        assert_eq!(signed_in.token(), Some("secret"));
        assert!(!format!("{signed_in:?}").contains("secret"));
    }

    #[test]
    fn user_agent_names_the_console() {
        assert!(
            default_user_agent().starts_with(&format!("Orgdesk/{} (", env!("CARGO_PKG_VERSION")))
        );
    }
}
