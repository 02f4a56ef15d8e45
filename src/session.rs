//! What the console keeps around a session: the vault for tokens (the OS
//! keyring, or memory when there is none), the offline cache, the settings
//! file and the activity log. [`Env::system`] opens the real ones;
//! [`Env::in_folder`] keeps everything under one folder for tests.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cache::Cache;
use crate::credentials::{self, CredentialError, MemoryVault, Vault};
use crate::screen::activity::ActivityLog;
use crate::settings::Settings;

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
