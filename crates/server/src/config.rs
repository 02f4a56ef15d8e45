//! The server's command line. Every flag is also an `ORGDESK_<NAME>` variable
//! and a key of the `--config` file; a flag wins over the environment, which
//! wins over the file, which wins over the built-in default.

use std::ffi::OsString;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// `orgdesk-server [GLOBAL FLAGS] [COMMAND]`: without a command, it serves.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "orgdesk-server",
    version,
    about = "The Orgdesk platform server: the HTTP admin API"
)]
pub struct Cli {
    /// A TOML file whose keys are the flags' names (`listen = "0.0.0.0:8080"`,
    /// `base-domain = "example.com"`); flags and environment variables override it.
    #[arg(long, env = "ORGDESK_CONFIG", value_name = "FILE.toml")]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub server: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do instead of serving; the global flags come before it.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Run the database migrations, then exit.
    Migrate,
    /// Write a consistent copy of the SQLite database while the server keeps running.
    Backup(BackupArgs),
    /// Read and check the configuration (files, URLs, the database), then exit.
    CheckConfig,
    /// Create a paid organization of N generated members (benchmarks, load tests, demos).
    Seed(SeedArgs),
}

#[derive(Debug, Clone, Args)]
pub struct SeedArgs {
    /// Generated members besides the admin.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=50_000_000))]
    pub members: u64,
    /// The organization's subdomain; refused when it is taken.
    #[arg(long, value_name = "S")]
    pub subdomain: String,
    /// The admin's address; an existing account keeps its password.
    #[arg(long, value_name = "E")]
    pub admin_email: String,
    /// The admin's password, when the account is created.
    #[arg(
        long,
        value_name = "P",
        env = "ORGDESK_SEED_ADMIN_PASSWORD",
        hide_env_values = true
    )]
    pub admin_password: String,
}

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// The file to write; it must not exist yet.
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "ORGDESK_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// `sqlite://PATH` or `postgres://…`; default: SQLite in the data directory.
    #[arg(long, env = "ORGDESK_DATABASE", hide_env_values = true)]
    pub database: Option<String>,
    /// Organizations answer at `{subdomain}.{base_domain}`.
    #[arg(long, env = "ORGDESK_BASE_DOMAIN", default_value = "localhost")]
    pub base_domain: String,
    /// The URL people reach the server at, for links in mail; default `http://{listen}`.
    #[arg(long, env = "ORGDESK_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Send mail over SMTP: `smtp://HOST:PORT` (STARTTLS), `smtps://HOST:PORT` (TLS),
    /// `smtp://HOST:PORT?tls=none` for a plain local relay; credentials as `user:pass@`.
    #[arg(
        long,
        env = "ORGDESK_MAIL",
        conflicts_with = "mail_outbox",
        hide_env_values = true
    )]
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
    /// Serve Prometheus metrics at `http://ADDR/metrics`, on this address only.
    #[arg(long, env = "ORGDESK_METRICS_LISTEN", value_name = "ADDR")]
    pub metrics_listen: Option<SocketAddr>,
    /// How logs are written.
    #[arg(long, env = "ORGDESK_LOG_FORMAT", value_enum, default_value_t)]
    pub log_format: LogFormat,
    /// Seconds a client has to send a request's headers before its connection is closed.
    #[arg(
        long,
        env = "ORGDESK_HEADER_READ_TIMEOUT",
        default_value_t = 10,
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub header_read_timeout: u64,
    /// Connections served at once; more wait until one closes.
    #[arg(
        long,
        env = "ORGDESK_MAX_CONNECTIONS",
        default_value_t = 1024,
        value_name = "N",
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub max_connections: u32,
    /// Seconds requests in flight get to finish after SIGTERM or SIGINT.
    #[arg(
        long,
        env = "ORGDESK_SHUTDOWN_TIMEOUT",
        default_value_t = 30,
        value_name = "SECONDS"
    )]
    pub shutdown_timeout: u64,
    /// The DNS server domain verification asks (`HOST:PORT`); default: the system's.
    #[arg(long, env = "ORGDESK_DNS_RESOLVER", value_name = "HOST:PORT")]
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
    /// A list whose query matches more than this many members answers an
    /// estimated total (`total_is_estimate`) and walks its sort order instead.
    pub exact_total_up_to: i64,
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
            exact_total_up_to: 5_000,
        }
    }
}

/// Flags whose values may hold credentials: never echoed by `--help`.
const SECRET_ARGS: &[&str] = &["database", "mail", "payment_webhook_secret"];

impl Cli {
    /// Parses the process's arguments, environment and `--config` file; on an
    /// error, prints it (or the help) and exits as clap does.
    pub fn load() -> Self {
        Self::try_load_from(std::env::args_os()).unwrap_or_else(|e| e.exit())
    }

    /// [`Cli::load`] for the given arguments (the first is the program name).
    pub fn try_load_from<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString> + Clone,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let first = Self::try_parse_from(&args)?;
        let Some(file) = &first.config else {
            return Ok(first);
        };
        let command = with_file_defaults(Self::command(), file)?;
        let matches: ArgMatches = command.try_get_matches_from(&args)?;
        Self::from_arg_matches(&matches)
    }
}

/// `command` with the keys of the TOML `file` as its defaults, so that flags
/// and environment variables still win over them.
fn with_file_defaults(
    mut command: clap::Command,
    file: &Path,
) -> Result<clap::Command, clap::Error> {
    let fail = |command: &mut clap::Command, message: String| {
        command.error(clap::error::ErrorKind::InvalidValue, message)
    };
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            return Err(fail(
                &mut command,
                format!("cannot read the configuration file {}: {e}", file.display()),
            ));
        }
    };
    let table: toml::Table = match toml::from_str(&text) {
        Ok(table) => table,
        Err(e) => {
            return Err(fail(
                &mut command,
                format!(
                    "the configuration file {} is not valid TOML: {e}",
                    file.display()
                ),
            ));
        }
    };
    for (key, value) in table {
        let long = key.replace('_', "-");
        let id = command
            .get_arguments()
            .find(|a| a.get_long() == Some(long.as_str()) && a.get_id() != "config")
            .map(|a| a.get_id().to_string());
        let Some(id) = id else {
            return Err(fail(
                &mut command,
                format!(
                    "{}: unknown key {key:?} (the keys are the flags' names, e.g. base-domain)",
                    file.display()
                ),
            ));
        };
        let values = match toml_values(&value) {
            Some(values) => values,
            None => {
                return Err(fail(
                    &mut command,
                    format!(
                        "{}: {key} must be a string, number, boolean or list of them",
                        file.display()
                    ),
                ));
            }
        };
        let secret = SECRET_ARGS.contains(&id.as_str());
        command = command.mut_arg(id, |arg| {
            arg.default_values(values).hide_default_value(secret)
        });
    }
    Ok(command)
}

fn toml_values(value: &toml::Value) -> Option<Vec<String>> {
    let scalar = |v: &toml::Value| match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    };
    match value {
        toml::Value::Array(items) => items.iter().map(scalar).collect(),
        other => scalar(other).map(|v| vec![v]),
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
            metrics_listen: None,
            log_format: LogFormat::Text,
            header_read_timeout: 10,
            max_connections: 1024,
            shutdown_timeout: 30,
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

    pub fn header_read_timeout(&self) -> Duration {
        Duration::from_secs(self.header_read_timeout)
    }

    pub fn shutdown_timeout(&self) -> Duration {
        Duration::from_secs(self.shutdown_timeout)
    }
}

/// `url` with any password replaced by `***`, for logs and messages.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                let _ = parsed.set_password(Some("***"));
            }
            // `?password=…` (libpq's form) is as secret as `user:pass@`.
            let secret_key = |key: &str| key.to_ascii_lowercase().contains("pass");
            if parsed.query_pairs().any(|(key, _)| secret_key(&key)) {
                let pairs: Vec<(String, String)> = parsed
                    .query_pairs()
                    .map(|(key, value)| {
                        let value = if secret_key(&key) {
                            "***".into()
                        } else {
                            value.into_owned()
                        };
                        (key.into_owned(), value)
                    })
                    .collect();
                parsed.query_pairs_mut().clear().extend_pairs(pairs);
            }
            parsed.to_string()
        }
        // Not a URL we can read: hide everything between the scheme and an `@`.
        Err(_) => match (url.find("://"), url.rfind('@')) {
            (Some(start), Some(at)) if at > start => {
                format!("{}***{}", &url[..start + 3], &url[at..])
            }
            _ => url.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, text: &str) -> PathBuf {
        let path = dir.join("orgdesk.toml");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn subcommands_follow_the_global_flags() {
        let cli = Cli::try_load_from([
            "orgdesk-server",
            "--database",
            "sqlite:///tmp/x.sqlite",
            "backup",
            "--to",
            "/tmp/copy.sqlite",
        ])
        .unwrap();
        assert_eq!(
            cli.server.database.as_deref(),
            Some("sqlite:///tmp/x.sqlite")
        );
        match cli.command {
            Some(Command::Backup(args)) => assert_eq!(args.to, PathBuf::from("/tmp/copy.sqlite")),
            other => panic!("{other:?}"),
        }
        let cli = Cli::try_load_from(["orgdesk-server", "check-config"]).unwrap();
        assert!(matches!(cli.command, Some(Command::CheckConfig)));
        assert!(Cli::try_load_from(["orgdesk-server", "backup"]).is_err());
    }

    #[test]
    fn the_file_gives_defaults_that_flags_override() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "listen = \"127.0.0.1:9999\"\nbase-domain = \"file.example\"\nmail_from = \"File <f@file.example>\"\ntrusted-proxy = [\"10.0.0.1\", \"10.0.0.2\"]\nmax-connections = 7\nlog-format = \"json\"\n",
        );
        let file_arg = file.to_str().unwrap();
        let cli = Cli::try_load_from([
            "orgdesk-server",
            "--config",
            file_arg,
            "--base-domain",
            "flag.example",
        ])
        .unwrap();
        assert_eq!(cli.server.listen, "127.0.0.1:9999".parse().unwrap());
        assert_eq!(cli.server.base_domain, "flag.example");
        assert_eq!(cli.server.mail_from, "File <f@file.example>");
        assert_eq!(cli.server.trusted_proxy.len(), 2);
        assert_eq!(cli.server.max_connections, 7);
        assert_eq!(cli.server.log_format, LogFormat::Json);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(dir.path(), "lisen = \"127.0.0.1:1\"\n");
        let err =
            Cli::try_load_from(["orgdesk-server", "--config", file.to_str().unwrap()]).unwrap_err();
        assert!(err.to_string().contains("lisen"), "{err}");
        let file = write(dir.path(), "listen = \"not an address\"\n");
        assert!(
            Cli::try_load_from(["orgdesk-server", "--config", file.to_str().unwrap()]).is_err()
        );
        let file = write(dir.path(), "config = \"other.toml\"\n");
        assert!(
            Cli::try_load_from(["orgdesk-server", "--config", file.to_str().unwrap()]).is_err()
        );
        let missing = dir.path().join("missing.toml");
        assert!(
            Cli::try_load_from(["orgdesk-server", "--config", missing.to_str().unwrap()]).is_err()
        );
    }

    #[test]
    fn passwords_in_urls_are_redacted() {
        assert_eq!(
            redact_url("postgres://app:hunter2@db.example:5432/orgdesk"),
            "postgres://app:***@db.example:5432/orgdesk"
        );
        assert_eq!(
            redact_url("smtps://mailer:s3cret@mail.example:465"),
            "smtps://mailer:***@mail.example:465"
        );
        assert_eq!(
            redact_url("sqlite:///var/lib/x.sqlite"),
            "sqlite:///var/lib/x.sqlite"
        );
        assert!(!redact_url("postgres://u:p%zz@[bad").contains("p%zz"));
        let query =
            redact_url("postgres://db.example/orgdesk?user=app&password=hunter2&sslmode=require");
        assert!(
            !query.contains("hunter2") && query.contains("sslmode=require"),
            "{query}"
        );
    }
}
