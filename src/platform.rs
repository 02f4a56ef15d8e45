//! "Use a platform on this computer": the console runs `orgdesk-server` as a
//! library in its own process, on 127.0.0.1 and a free port, with SQLite in
//! the OS data folder.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use orgdesk_server::{Config, RunningServer};
use tokio::sync::Mutex;

/// A platform running inside the console. Cloning shares it.
#[derive(Clone)]
pub struct LocalPlatform {
    pub url: String,
    pub data_dir: PathBuf,
    server: Arc<Mutex<Option<RunningServer>>>,
}

impl std::fmt::Debug for LocalPlatform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalPlatform")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// Where the local platform keeps its database and outbox.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("dev", "Orgdesk", "orgdesk")
        .map(|dirs| dirs.data_dir().join("platform"))
        .unwrap_or_else(|| PathBuf::from("orgdesk-platform"))
}

impl LocalPlatform {
    /// Starts the platform with its data in `data_dir`.
    pub async fn start(data_dir: PathBuf) -> anyhow::Result<Self> {
        Self::start_with(data_dir, |_| {}).await
    }

    /// Starts the platform with its data in `data_dir`, its configuration
    /// adjusted by `adjust` first (tests name their DNS server this way).
    pub async fn start_with(
        data_dir: PathBuf,
        adjust: impl FnOnce(&mut Config),
    ) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&data_dir)?;
        let database = format!("sqlite://{}", data_dir.join("orgdesk.sqlite").display());
        let mut config = Config::new(SocketAddr::from(([127, 0, 0, 1], 0)), database);
        config.data_dir = Some(data_dir.clone());
        adjust(&mut config);
        let server = orgdesk_server::start(config).await?;
        Ok(Self {
            url: server.url(),
            data_dir,
            server: Arc::new(Mutex::new(Some(server))),
        })
    }

    /// The running server's state, for seeding the demo organization.
    pub async fn state(&self) -> Option<orgdesk_server::state::AppState> {
        self.server.lock().await.as_ref().map(|s| s.state.clone())
    }

    pub async fn stop(&self) -> anyhow::Result<()> {
        match self.server.lock().await.take() {
            Some(server) => server.stop().await,
            None => Ok(()),
        }
    }
}
