//! The server's command line; every flag is also an `ORGDESK_<NAME>` variable.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::Parser;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "orgdesk-server",
    version,
    about = "The Orgdesk platform server: the HTTP admin API"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "ORGDESK_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// `sqlite://PATH` or `postgres://…`; default: SQLite in the data directory.
    #[arg(long, env = "ORGDESK_DATABASE")]
    pub database: Option<String>,
    /// Organizations answer at `{subdomain}.{base_domain}`.
    #[arg(long, env = "ORGDESK_BASE_DOMAIN", default_value = "localhost")]
    pub base_domain: String,
    /// The URL people reach the server at, for links in mail; default `http://{listen}`.
    #[arg(long, env = "ORGDESK_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Send mail over SMTP: `smtp://HOST:PORT` (STARTTLS), `smtps://HOST:PORT` (TLS),
    /// `smtp://HOST:PORT?tls=none` for a plain local relay; credentials as `user:pass@`.
    #[arg(long, env = "ORGDESK_MAIL", conflicts_with = "mail_outbox")]
    pub mail: Option<String>,
    /// Write mail as `.eml` files into this folder (the default, inside the data directory).
    #[arg(long, env = "ORGDESK_MAIL_OUTBOX")]
    pub mail_outbox: Option<PathBuf>,
    /// The sender of every mail.
    #[arg(
        long,
        env = "ORGDESK_MAIL_FROM",
        default_value = "Orgdesk <no-reply@orgdesk.localhost>"
    )]
    pub mail_from: String,
    /// A MaxMind-format database (`.mmdb`) to locate sign-ins.
    #[arg(long, env = "ORGDESK_GEOIP")]
    pub geoip: Option<PathBuf>,
    /// A TOML catalogue of products replacing the built-in one.
    #[arg(long, env = "ORGDESK_CATALOG")]
    pub catalog: Option<PathBuf>,
    /// Proxies whose `X-Forwarded-For` is believed (comma separated addresses).
    #[arg(long, env = "ORGDESK_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxy: Vec<IpAddr>,
    /// Where the default database and outbox live; default: the OS data folder.
    #[arg(long, env = "ORGDESK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// The secret payment webhooks are signed with; default: one made on first start and kept in the database.
    #[arg(long, env = "ORGDESK_PAYMENT_WEBHOOK_SECRET", hide_env_values = true)]
    pub payment_webhook_secret: Option<String>,
    /// The DNS server domain verification asks (`HOST:PORT`); default: the system's.
    #[arg(long, env = "ORGDESK_DNS_RESOLVER")]
    pub dns_resolver: Option<SocketAddr>,
    /// Rates and bounds (not flags: the defaults suit a platform; tests lower them).
    #[arg(skip)]
    pub limits: Limits,
}

/// How much one address, account or organization may do in a while, and the
/// bounds of the CPU pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Accounts registered per client address (an IPv6 /64) per hour.
    pub registrations_per_hour: i64,
    /// Addresses invited per organization per hour.
    pub invitations_per_hour: i64,
    /// Invitation links resent per organization per hour.
    pub resends_per_hour: i64,
    /// DNS verifications per organization per hour.
    pub domain_checks_per_hour: i64,
    /// Organizations waiting for their payment one account may hold.
    pub unpaid_orgs_per_account: i64,
    /// Password hashes and image decodes at once (0: one per core).
    pub cpu_workers: usize,
    /// Jobs waiting for a worker before requests are answered 503 `busy`.
    pub cpu_queue: usize,
    /// How often the housekeeping task runs (expired counters, unpaid organizations).
    pub sweep_every_ms: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            registrations_per_hour: 20,
            invitations_per_hour: 2_000,
            resends_per_hour: 200,
            domain_checks_per_hour: 60,
            unpaid_orgs_per_account: 3,
            cpu_workers: 0,
            cpu_queue: 64,
            sweep_every_ms: 60_000,
        }
    }
}

impl Config {
    /// A configuration with every default, listening on `listen` and storing in `database`.
    pub fn new(listen: SocketAddr, database: impl Into<String>) -> Self {
        Self {
            listen,
            database: Some(database.into()),
            base_domain: "localhost".into(),
            public_url: None,
            mail: None,
            mail_outbox: None,
            mail_from: "Orgdesk <no-reply@orgdesk.localhost>".into(),
            geoip: None,
            catalog: None,
            trusted_proxy: Vec::new(),
            data_dir: None,
            payment_webhook_secret: None,
            dns_resolver: None,
            limits: Limits::default(),
        }
    }

    /// The data directory: the flag, else the OS data folder for Orgdesk.
    pub fn data_dir(&self) -> PathBuf {
        self.data_dir.clone().unwrap_or_else(|| {
            directories::ProjectDirs::from("dev", "Orgdesk", "orgdesk-server")
                .map(|dirs| dirs.data_dir().to_path_buf())
                .unwrap_or_else(|| PathBuf::from("orgdesk-data"))
        })
    }

    pub fn database_url(&self) -> String {
        match &self.database {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}",
                self.data_dir().join("orgdesk.sqlite").display()
            ),
        }
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.mail_outbox
            .clone()
            .unwrap_or_else(|| self.data_dir().join("outbox"))
    }
}
