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
pub mod ops;
pub mod payment;
pub mod secrets;
pub mod state;
pub mod store;
pub mod sweeper;

use std::net::SocketAddr;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::{Cli, Command, Config};
use domain::catalog::Catalog;
use state::AppState;
use store::Db;

/// A server running in this process.
pub struct RunningServer {
    pub addr: SocketAddr,
    /// Where `/metrics` answers, with `--metrics-listen`.
    pub metrics_addr: Option<SocketAddr>,
    pub state: AppState,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
    sweeper: sweeper::Sweeper,
}

impl RunningServer {
    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets requests in flight finish (up to the configured
    /// deadline), closes the database.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        for task in self.tasks {
            task.await?;
        }
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
        callers: http::caller_cache::CallerCache::default(),
    }))
}

/// Binds `config.listen` (and `config.metrics_listen`) and serves until the
/// returned handle's `stop`.
pub async fn start(config: Config) -> anyhow::Result<RunningServer> {
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    let metrics_listener = match config.metrics_listen {
        Some(metrics_addr) => Some(
            TcpListener::bind(metrics_addr)
                .await
                .with_context(|| format!("cannot listen for metrics on {metrics_addr}"))?,
        ),
        None => None,
    };
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"))
        .trim_end_matches('/')
        .to_string();
    let state = build_state(&config, public_url).await?;
    let sweeper = sweeper::spawn(state.clone());
    let options = ops::serve::ServeOptions {
        header_read_timeout: config.header_read_timeout(),
        max_connections: usize::try_from(config.max_connections).unwrap_or(usize::MAX),
        shutdown_timeout: config.shutdown_timeout(),
    };
    let (stop, stopped) = watch::channel(false);
    let stop_signal = move || {
        let mut stopped = stopped.clone();
        async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        }
    };
    let mut tasks = Vec::new();
    let mut metrics_addr = None;
    if let Some(metrics_listener) = metrics_listener {
        let handle = ops::metrics::enable()
            .context("cannot serve metrics: another metrics recorder is installed")?;
        metrics_addr = Some(metrics_listener.local_addr()?);
        let router = ops::metrics::router(handle, state.db.clone());
        tasks.push(tokio::spawn(ops::serve::serve(
            metrics_listener,
            router,
            options,
            stop_signal(),
        )));
        tracing::info!(addr = ?metrics_addr, "metrics at /metrics");
    }
    let app = http::router(state.clone());
    tasks.push(tokio::spawn(ops::serve::serve(
        listener,
        app,
        options,
        stop_signal(),
    )));
    tracing::info!(%addr, "orgdesk-server listening");
    Ok(RunningServer {
        addr,
        metrics_addr,
        state,
        stop,
        tasks,
        sweeper,
    })
}
