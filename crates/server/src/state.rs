//! What every request can reach.

use std::net::IpAddr;
use std::ops::Deref;
use std::sync::Arc;

use crate::config::Limits;
use crate::cpu::CpuPool;
use crate::dns::Dns;
use crate::domain::catalog::Catalog;
use crate::error::{AppError, AppResult};
use crate::geo::GeoIp;
use crate::http::caller_cache::CallerCache;
use crate::mail::Mailer;
use crate::payment::PaymentProvider;
use crate::payment::sandbox::Sandbox;
use crate::store::Db;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub catalog: Catalog,
    pub mailer: Mailer,
    pub geo: Option<GeoIp>,
    /// Without a trailing slash.
    pub public_url: String,
    pub base_domain: String,
    pub trusted_proxies: Vec<IpAddr>,
    /// Verified against when the email is unknown, so both paths take as long.
    pub dummy_hash: String,
    pub payments: Arc<dyn PaymentProvider>,
    /// The built-in provider, whose checkout pages this server hosts.
    pub sandbox: Option<Arc<Sandbox>>,
    pub dns: Dns,
    /// Password hashing and image decoding, bounded.
    pub cpu: CpuPool,
    pub limits: Limits,
    /// The callers this instance resolved, kept while their stamps hold.
    pub callers: CallerCache,
}

impl AppState {
    pub fn new(inner: Inner) -> Self {
        Self(Arc::new(inner))
    }

    /// The organization subdomain a `Host` header names, if it is `{sub}.{base_domain}`.
    pub fn subdomain_of(&self, host: &str) -> Option<String> {
        let host = host
            .rsplit_once(':')
            .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
            .map_or(host, |(h, _)| h);
        let host = host.to_ascii_lowercase();
        let sub = host.strip_suffix(&self.base_domain)?.strip_suffix('.')?;
        (!sub.is_empty() && !sub.contains('.')).then(|| sub.to_string())
    }
}

impl AppState {
    /// Argon2id on the CPU pool; 503 `busy` when it is full.
    pub async fn hash_password(&self, password: String) -> AppResult<String> {
        self.cpu
            .run(move || crate::secrets::hash_password_now(&password))
            .await
            .map_err(|_| AppError::busy())?
            .map_err(AppError::internal)
    }

    /// Checks a password on the CPU pool; 503 `busy` when it is full.
    pub async fn verify_password(&self, password: String, hash: String) -> AppResult<bool> {
        self.cpu
            .run(move || crate::secrets::verify_password_now(&password, &hash))
            .await
            .map_err(|_| AppError::busy())
    }
}

impl Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
