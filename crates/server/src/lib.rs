//! The Orgdesk platform server: the HTTP admin API holding every rule.
//!
//! `start` runs it on a listener (tests and the console start it in-process);
//! `main.rs` is the command line around it.

pub mod config;
pub mod cpu;
pub mod demo;
pub mod device;
pub mod dns;
pub mod domain;
pub mod error;
pub mod flows;
pub mod geo;
pub mod http;
pub mod mail;
pub mod mail_text;
pub mod payment;
pub mod secrets;
pub mod state;
pub mod store;
pub mod sweeper;

use std::net::SocketAddr;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::Config;
use domain::catalog::Catalog;
use state::AppState;
use store::Db;

/// A server running in this process.
pub struct RunningServer {
    pub addr: SocketAddr,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
    sweeper: sweeper::Sweeper,
}

impl RunningServer {
    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets requests in flight finish, closes the database.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        (&mut self.task).await??;
        self.sweeper.stop().await;
        self.state.db.close().await;
        Ok(())
    }
}

/// Everything the server needs, built from its configuration.
pub async fn build_state(config: &Config, public_url: String) -> anyhow::Result<AppState> {
    let catalog = match &config.catalog {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the catalogue {}", path.display()))?;
            Catalog::parse(&text)
                .with_context(|| format!("the catalogue {} is not valid", path.display()))?
        }
        None => Catalog::embedded(),
    };
    let geo = config.geoip.as_deref().map(geo::GeoIp::open).transpose()?;
    let mailer = mail::Mailer::new(
        &config.mail_from,
        config.mail.as_deref(),
        config.outbox_dir(),
    )
    .await?;
    let db = Db::connect(&config.database_url()).await?;
    let dummy_hash = secrets::hash_password("a password nobody has, for timing".into()).await?;
    let secret = match &config.payment_webhook_secret {
        Some(secret) => secret.clone(),
        // Shared through the database so every instance verifies the same signatures.
        None => {
            let mut conn = db.pool().acquire().await?;
            store::payments::setting_or_init(&mut conn, "sandbox_webhook_secret", || {
                secrets::new_token("whsec_").0
            })
            .await?
        }
    };
    let sandbox = std::sync::Arc::new(payment::sandbox::Sandbox::new(
        db.clone(),
        secret.into_bytes(),
        public_url.clone(),
    ));
    Ok(AppState::new(state::Inner {
        db,
        catalog,
        mailer,
        geo,
        public_url,
        base_domain: config.base_domain.trim_matches('.').to_ascii_lowercase(),
        trusted_proxies: config.trusted_proxy.clone(),
        dummy_hash,
        payments: sandbox.clone(),
        sandbox: Some(sandbox),
        dns: dns::Dns::new(config.dns_resolver)?,
        cpu: cpu::CpuPool::new(config.limits.cpu_workers, config.limits.cpu_queue),
        limits: config.limits.clone(),
    }))
}

/// Binds `config.listen` and serves until `stop` (or the returned handle's `stop`).
pub async fn start(config: Config) -> anyhow::Result<RunningServer> {
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"))
        .trim_end_matches('/')
        .to_string();
    let state = build_state(&config, public_url).await?;
    let app = http::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let sweeper = sweeper::spawn(state.clone());
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    tracing::info!(%addr, "orgdesk-server listening");
    Ok(RunningServer {
        addr,
        state,
        stop: Some(stop),
        task,
        sweeper,
    })
}
