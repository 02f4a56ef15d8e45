//! End-to-end support: a real platform in this process (the server as a
//! library on 127.0.0.1:0, SQLite in a temporary folder), seeded with the demo
//! organization, and a way to run a screen's tasks without a window.
//!
//! Each test file that needs it says `mod support;`; not every file uses
//! every item.
#![allow(dead_code)]

use futures::StreamExt;
use iced::Task;
use orgdesk::platform::LocalPlatform;
use orgdesk_api::LoginRequest;
use orgdesk_client::Client;
use orgdesk_server::demo::{DemoOptions, DemoOrg, seed_demo};

/// The demo admin's and every demo member's password in tests.
pub const PASSWORD: &str = "correct horse battery staple 42";

/// A running platform with the demo organization, and its admin signed in.
pub struct Platform {
    pub local: LocalPlatform,
    pub demo: DemoOrg,
    /// Signed in as the demo admin (all permissions of the organization).
    pub admin: Client,
    /// The organization's id, as the console's screens take it.
    pub org: String,
    _dir: tempfile::TempDir,
}

impl Platform {
    /// Starts a platform whose demo organization has `members` members besides the admin.
    pub async fn start(members: usize) -> Self {
        Self::start_with(members, |_| {}).await
    }

    /// [`Platform::start`] with the server's configuration adjusted first.
    pub async fn start_with(
        members: usize,
        adjust: impl FnOnce(&mut orgdesk_server::Config),
    ) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let local = LocalPlatform::start_with(dir.path().to_path_buf(), adjust)
            .await
            .expect("platform starts");
        let state = local.state().await.expect("running");
        let demo = seed_demo(
            &state.db,
            &state.catalog,
            DemoOptions {
                admin_password: Some(PASSWORD.into()),
                members,
                member_password: Some(PASSWORD.into()),
                ..DemoOptions::default()
            },
        )
        .await
        .expect("demo seeded");
        let admin = sign_in(&local.url, &demo.admin_email).await;
        let org = demo.org_id.to_string();
        Self {
            local,
            demo,
            admin,
            org,
            _dir: dir,
        }
    }

    /// A client for this platform, not signed in.
    pub fn anonymous(&self) -> Client {
        Client::new(&self.local.url).expect("client")
    }

    /// Signs in as `email` (any demo member: they all have [`PASSWORD`]).
    pub async fn sign_in(&self, email: &str) -> Client {
        sign_in(&self.local.url, email).await
    }
}

impl Platform {
    /// Invites `email` (an address outside the demo's verified domain, so
    /// the organization does not manage the account), accepts the mailed
    /// invitation as its owner would, and answers the new member signed in.
    pub async fn outsider(&self, email: &str, name: &str) -> Client {
        use orgdesk_api::{AcceptInvitation, InviteRequest, Invitee};
        let invited = self
            .admin
            .invite(
                &self.org,
                &InviteRequest {
                    invitations: vec![Invitee {
                        email: email.into(),
                        groups: None,
                        expires_at: None,
                    }],
                },
            )
            .await
            .expect("invited");
        assert!(
            invited.results.iter().all(|r| r.invitation_id.is_some()),
            "invited: {invited:?}"
        );
        // The mail is sent after the answer: wait for it to reach the outbox.
        let mut token = None;
        for _ in 0..200 {
            token = self.invitation_token(email);
            if token.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let token = token.expect("the invitation was mailed");
        self.anonymous()
            .accept_invitation(
                &token,
                &AcceptInvitation {
                    name: Some(name.into()),
                    password: PASSWORD.into(),
                },
            )
            .await
            .expect("accepted");
        self.sign_in(email).await
    }

    /// The token of an invitation link mailed to `email` (the outbox holds every mail).
    pub fn invitation_token(&self, email: &str) -> Option<String> {
        let marker = "/invite/";
        std::fs::read_dir(self.local.data_dir.join("outbox"))
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
            .map(|mail| mail.replace("=\r\n", "").replace("=\n", ""))
            .filter(|mail| {
                mail.lines()
                    .any(|l| l.to_lowercase().starts_with("to:") && l.contains(email))
            })
            .find_map(|mail| {
                let start = mail.find(marker)? + marker.len();
                Some(
                    mail[start..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                        .collect(),
                )
            })
    }
}

async fn sign_in(url: &str, email: &str) -> Client {
    let client = Client::new(url).expect("client");
    let login = client
        .login(&LoginRequest {
            email: email.into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .expect("signed in");
    client.with_token(login.token)
}

/// Runs a screen's task to its end and answers the messages it produced
/// (widget operations such as focus are dropped: there is no window).
pub async fn run<T: Send + 'static>(task: Task<T>) -> Vec<T> {
    let Some(stream) = iced_runtime::task::into_stream(task) else {
        return Vec::new();
    };
    stream
        .filter_map(|action| async move {
            match action {
                iced_runtime::Action::Output(message) => Some(message),
                _ => None,
            }
        })
        .collect()
        .await
}

/// A selector for `simulator(..).find(..)`: any text containing `needle`
/// (answers the whole text).
pub fn text_containing(
    needle: &str,
) -> impl FnMut(iced_test::selector::Candidate<'_>) -> Option<String> + use<> {
    let needle = needle.to_owned();
    move |candidate| match candidate {
        iced_test::selector::Candidate::Text { content, .. } if content.contains(&needle) => {
            Some(content.to_owned())
        }
        _ => None,
    }
}

/// The language is process-wide: async tests that read words take turns
/// (a tokio mutex, as the guard is held across awaits).
static LANGUAGE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Holds the language at English for the rest of the test.
pub async fn english() -> tokio::sync::MutexGuard<'static, ()> {
    let guard = LANGUAGE.lock().await;
    orgdesk::i18n::select(Some("en-US"));
    guard
}

/// Holds the language at `tag` for the rest of a synchronous test (the same
/// lock as [`english`]).
pub fn language(tag: &str) -> tokio::sync::MutexGuard<'static, ()> {
    let guard = LANGUAGE.blocking_lock();
    orgdesk::i18n::select(Some(tag));
    guard
}

/// [`english`] for a synchronous test.
pub fn english_blocking() -> tokio::sync::MutexGuard<'static, ()> {
    language("en-US")
}
