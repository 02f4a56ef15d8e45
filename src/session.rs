//! A signed-in [`Session`] and what comes with it: how resuming one went
//! ([`Resumed`]), the offline copy it may open with ([`OfflineStart`]), and
//! where the platform's word that it is over arrives ([`Session::ended`]).
//!
//! And what the console keeps around sessions ([`Env`]): the vault for tokens
//! (the OS keyring, or memory when there is none), the offline cache, the
//! settings file and the activity log. [`Env::system`] opens the real ones;
//! [`Env::in_folder`] keeps everything under one folder for tests.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use orgdesk_api::{Member, MyOrganization};
use orgdesk_client::{Client, Error, SessionEndHook};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::cache::{Cache, CacheKey};
use crate::credentials::{self, CredentialError, MemoryVault, Vault};
use crate::platform::LocalPlatform;
use crate::screen::activity::ActivityLog;
use crate::settings::Settings;

/// A signed-in session, as sign-in or a resumed token leaves it.
#[derive(Debug, Clone)]
pub struct Session {
    /// Signed in, and reporting the end of the session (see [`Session::ended`]).
    pub client: Client,
    /// The platform's address.
    pub platform: String,
    pub local: Option<LocalPlatform>,
    /// The signed-in account's email (how the vault and cache file it).
    pub email: String,
    /// The account's name as the platform knows it (the email until known).
    pub name: String,
    pub organizations: Vec<MyOrganization>,
    /// The organization the session is bound to (signed in at its subdomain).
    pub bound: Option<Uuid>,
    ends: SessionEnds,
}

impl Session {
    /// The session of `client` (signed in) on `platform` as `email`; the
    /// account's name is its email until [`Session::refreshed`] reads it.
    pub fn new(client: Client, platform: String, email: String) -> Self {
        let ends = SessionEnds::default();
        Self {
            client: client.on_session_end(ends.hook()),
            platform,
            local: None,
            name: email.clone(),
            email,
            organizations: Vec::new(),
            bound: None,
            ends,
        }
    }

    /// How the vault and the cache name this session's platform.
    pub fn platform_key(&self) -> String {
        platform_key(&self.platform, self.local.is_some())
    }

    /// The offline cache of `org` for this session's account.
    pub fn cache_key(&self, org: &str) -> CacheKey {
        CacheKey::new(&self.platform_key(), org, &self.email)
    }

    /// The session's account and organizations, read again.
    pub async fn refreshed(mut self) -> Result<Self, Error> {
        let me = self.client.me().await?;
        self.organizations = self.client.my_organizations().await?;
        self.email = me.email;
        self.name = me.name;
        Ok(self)
    }

    /// Whether the platform said the session is over, and how (taken once).
    pub fn ended(&self) -> Option<Error> {
        self.ends.take()
    }
}

/// Where a session's client reports that the platform ended the session (a
/// 401, or a forced password reset): whichever request hears it, the console
/// acts on it once, before the screen that asked sees the answer.
#[derive(Debug, Clone, Default)]
struct SessionEnds(Arc<Mutex<Option<Error>>>);

impl SessionEnds {
    fn hook(&self) -> SessionEndHook {
        let slot = self.0.clone();
        Arc::new(move |error: &Error| {
            let mut held = slot.lock().unwrap_or_else(PoisonError::into_inner);
            // A session that is over outweighs a password to change.
            if held.as_ref().is_none_or(|e| e.status() != Some(401)) {
                *held = Some(error.clone());
            }
        })
    }

    fn take(&self) -> Option<Error> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

/// How resuming a stored session went.
#[derive(Debug, Clone)]
pub enum Resumed {
    Online(Box<Session>),
    /// The token works but the account must choose a new password first.
    ResetRequired(Box<Session>),
    /// The platform cannot be reached: review the offline copy.
    Offline(Box<OfflineStart>),
    /// Back to sign-in, with the reason when there is one to tell.
    SignIn(Option<String>),
}

/// What the console opens with when the platform cannot be reached.
#[derive(Debug, Clone)]
pub struct OfflineStart {
    pub session: Session,
    pub org: MyOrganization,
    pub members: Vec<Member>,
    pub as_of: OffsetDateTime,
    /// Why the platform could not be reached.
    pub reason: String,
}

/// The name under which a platform started on this computer files its tokens
/// and caches: its address changes with every start.
pub const LOCAL_PLATFORM: &str = "local";

#[derive(Debug, Clone)]
pub struct Env {
    pub vault: Arc<dyn Vault>,
    /// Why the OS keyring is not used, when it is not (the console says so).
    pub vault_problem: Option<CredentialError>,
    pub cache: Option<Arc<Cache>>,
    pub settings: Settings,
    pub settings_path: Option<PathBuf>,
    pub activity: ActivityLog,
    /// Where "Use a platform on this computer" keeps its database.
    pub local_data_dir: PathBuf,
}

impl Env {
    /// The OS keyring, cache, config and data folders.
    pub fn system() -> Self {
        let (vault, vault_problem) = credentials::open_or_memory();
        let settings_path = Settings::default_path();
        let settings = settings_path
            .as_deref()
            .map(Settings::load)
            .unwrap_or_default();
        let cache = Cache::default_dir().map(|dir| Arc::new(Cache::new(dir, vault.clone())));
        Self {
            vault,
            vault_problem,
            cache,
            settings,
            settings_path,
            activity: ActivityLog::default(),
            local_data_dir: crate::platform::default_data_dir(),
        }
    }

    /// Everything under `folder`, with `vault` (tests: a [`MemoryVault`] or a
    /// keyring under a test service name).
    pub fn in_folder(folder: &Path, vault: Option<Arc<dyn Vault>>) -> Self {
        let vault = vault.unwrap_or_else(|| Arc::new(MemoryVault::default()));
        let settings_path = folder.join("settings.toml");
        Self {
            cache: Some(Arc::new(Cache::new(folder.join("cache"), vault.clone()))),
            vault,
            vault_problem: None,
            settings: Settings::load(&settings_path),
            settings_path: Some(settings_path),
            activity: ActivityLog::default(),
            local_data_dir: folder.join("platform"),
        }
    }

    /// Writes the settings; a failure is logged (the console goes on with
    /// them in memory).
    pub fn save_settings(&self) {
        if let Some(path) = &self.settings_path
            && let Err(error) = self.settings.save(path)
        {
            tracing::warn!(%error, "cannot save the settings");
        }
    }
}

/// How tokens and caches name a platform: its address, or [`LOCAL_PLATFORM`].
pub fn platform_key(url: &str, local: bool) -> String {
    if local {
        LOCAL_PLATFORM.to_owned()
    } else {
        url.trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use orgdesk_api::{Problem, codes};
    use orgdesk_client::ApiError;

    use super::*;

    fn refusal(status: u16, code: &str) -> Error {
        Error::Api(Box::new(ApiError {
            status,
            problem: Problem {
                kind: "about:blank".into(),
                title: code.into(),
                status,
                detail: None,
                code: code.into(),
                ..Problem::default()
            },
            retry_after: None,
        }))
    }

    #[test]
    fn the_end_is_taken_once_and_a_401_outweighs_a_reset() {
        let ends = SessionEnds::default();
        assert!(ends.take().is_none());
        let report = ends.hook();
        report(&refusal(403, codes::PASSWORD_RESET_REQUIRED));
        report(&refusal(401, codes::UNAUTHENTICATED));
        report(&refusal(403, codes::PASSWORD_RESET_REQUIRED));
        assert_eq!(ends.take().and_then(|e| e.status()), Some(401));
        assert!(ends.take().is_none(), "taken once");
        report(&refusal(403, codes::PASSWORD_RESET_REQUIRED));
        assert_eq!(
            ends.take()
                .and_then(|e| e.code().map(str::to_owned))
                .as_deref(),
            Some(codes::PASSWORD_RESET_REQUIRED)
        );
    }
}
