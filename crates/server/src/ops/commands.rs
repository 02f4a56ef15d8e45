//! The maintenance subcommands: `migrate`, `backup --to FILE`, `check-config`,
//! `seed --members N …`.
//! Each prints what it did and fails (non-zero exit) with the reason.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::{Connection, Row};

use crate::config::{Config, SeedArgs, redact_url};
use crate::domain::catalog::Catalog;
use crate::store::Db;

/// Runs the migrations (as a start does) and reports the schema version.
pub async fn migrate(config: &Config) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url()).await?;
    let version: i64 = sqlx::query("SELECT MAX(version) AS version FROM _sqlx_migrations")
        .fetch_one(db.pool())
        .await?
        .try_get("version")?;
    db.close().await;
    println!(
        "{}: migrated, schema version {version}",
        redact_url(&config.database_url())
    );
    Ok(())
}

/// Seeds a paid organization of generated members and prints what it made.
pub async fn seed(config: &Config, args: &SeedArgs) -> anyhow::Result<()> {
    let catalog = match &config.catalog {
        Some(path) => Catalog::parse(
            &std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the catalogue {}", path.display()))?,
        )?,
        None => Catalog::embedded(),
    };
    let db = Db::connect(&config.database_url()).await?;
    let opts = crate::demo::scale::ScaleOptions {
        members: usize::try_from(args.members).context("--members is too large")?,
        subdomain: args.subdomain.clone(),
        admin_email: args.admin_email.clone(),
        admin_password: args.admin_password.clone(),
        seed: 2026,
    };
    let result = crate::demo::scale::seed_org(&db, &catalog, &opts).await;
    db.close().await;
    let seeded = result?;
    println!(
        "seeded organization {} ({}) in {:.1} s",
        seeded.subdomain, seeded.org_id, seeded.seconds
    );
    println!(
        "  admin: {} ({})",
        seeded.admin_email,
        if seeded.admin_created {
            "created with the password given"
        } else {
            "existing account, password unchanged"
        }
    );
    println!(
        "  members: {} generated + the admin, {} suspended",
        seeded.members, seeded.suspended
    );
    for (name, members) in &seeded.groups {
        println!("  group {name}: {members} members");
    }
    println!("  sign-ins on record: {}", seeded.sessions);
    Ok(())
}

/// A consistent copy of a live SQLite database: `VACUUM INTO` reads one
/// snapshot (WAL lets writers go on meanwhile), so the copy holds every write
/// committed before it began. Written beside `to`, synced, then renamed.
pub async fn backup(config: &Config, to: &Path) -> anyhow::Result<()> {
    sqlx::any::install_default_drivers();
    let url = config.database_url();
    let Some(source) = sqlite_file(&url) else {
        bail!(
            "backup copies SQLite databases only. For PostgreSQL use its own tool, which takes a \
             consistent snapshot while the server runs:\n  pg_dump --format=custom --file={} '{}'\n\
             and restore it with pg_restore --dbname=URL {}",
            to.display(),
            redact_url(&url),
            to.display()
        );
    };
    if !source.is_file() {
        bail!("there is no database at {}", source.display());
    }
    if to.exists() {
        bail!("{} exists already; name a new file", to.display());
    }
    let mut partial = to.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);

    let mut conn = sqlx::AnyConnection::connect(&format!("sqlite://{}", source.display()))
        .await
        .with_context(|| format!("cannot open {}", source.display()))?;
    sqlx::query("PRAGMA busy_timeout = 30000")
        .execute(&mut conn)
        .await?;
    sqlx::query("VACUUM INTO $1")
        .bind(partial.to_string_lossy().into_owned())
        .execute(&mut conn)
        .await
        .with_context(|| format!("copying into {}", partial.display()))?;
    conn.close().await.ok();

    let check = check_copy(&partial).await;
    if let Err(e) = check {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::File::open(&partial)?.sync_all()?;
    std::fs::rename(&partial, to)
        .with_context(|| format!("renaming {} to {}", partial.display(), to.display()))?;
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The rename itself survives a crash only once the folder is synced.
        std::fs::File::open(dir).and_then(|d| d.sync_all()).ok();
    }
    let bytes = std::fs::metadata(to)?.len();
    println!(
        "{} copied to {} ({bytes} bytes)",
        source.display(),
        to.display()
    );
    Ok(())
}

/// The copy opens and passes SQLite's integrity check.
async fn check_copy(path: &Path) -> anyhow::Result<()> {
    let mut conn = sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=ro", path.display()))
        .await
        .context("the copy does not open")?;
    let verdict: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await?
        .try_get(0)?;
    conn.close().await.ok();
    if verdict != "ok" {
        bail!("the copy fails SQLite's integrity check: {verdict}");
    }
    Ok(())
}

fn sqlite_file(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix("sqlite://")?;
    Some(PathBuf::from(path.split('?').next().unwrap_or(path)))
}

/// Reads every setting as a start would, without serving or changing
/// anything; prints the effective configuration (secrets hidden).
pub async fn check_config(config: &Config, file: Option<&Path>) -> anyhow::Result<()> {
    if let Some(file) = file {
        println!("configuration file: {}", file.display());
    }
    for (key, value) in describe(config) {
        println!("  {key} = {value}");
    }
    let mut problems = Vec::new();
    if let Err(e) = check_files(config) {
        problems.push(format!("{e:#}"));
    }
    if let Err(e) = check_urls(config) {
        problems.push(format!("{e:#}"));
    }
    match check_database(config).await {
        Ok(note) => println!("database: {note}"),
        Err(e) => problems.push(format!("database: {e:#}")),
    }
    if problems.is_empty() {
        println!("the configuration is valid");
        return Ok(());
    }
    for problem in &problems {
        eprintln!("problem: {problem}");
    }
    bail!("the configuration has {} problem(s)", problems.len())
}

fn check_files(config: &Config) -> anyhow::Result<()> {
    if let Some(path) = &config.catalog {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the catalogue {}", path.display()))?;
        Catalog::parse(&text)
            .with_context(|| format!("the catalogue {} is not valid", path.display()))?;
    }
    if let Some(path) = &config.geoip {
        crate::geo::GeoIp::open(path)?;
    }
    Ok(())
}

fn check_urls(config: &Config) -> anyhow::Result<()> {
    config
        .mail_from
        .parse::<lettre::message::Mailbox>()
        .with_context(|| format!("--mail-from {:?} is not an address", config.mail_from))?;
    if let Some(mail) = &config.mail {
        lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(mail).map_err(|e| {
            anyhow::anyhow!("--mail {} is not a valid SMTP URL: {e}", redact_url(mail))
        })?;
    }
    if let Some(public) = &config.public_url {
        let parsed = url::Url::parse(public).with_context(|| format!("--public-url {public:?}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            bail!("--public-url must be http:// or https://, not {public:?}");
        }
    }
    Ok(())
}

async fn check_database(config: &Config) -> anyhow::Result<String> {
    sqlx::any::install_default_drivers();
    let url = config.database_url();
    if let Some(file) = sqlite_file(&url) {
        if !file.exists() {
            return Ok(format!(
                "{} does not exist yet; the server creates it",
                file.display()
            ));
        }
    } else if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        bail!(
            "--database must be sqlite://PATH or postgres://…, not {:?}",
            redact_url(&url)
        );
    }
    let connect = async {
        let mut conn = sqlx::AnyConnection::connect(&url).await?;
        let applied: Option<i64> = sqlx::query("SELECT MAX(version) AS v FROM _sqlx_migrations")
            .fetch_one(&mut conn)
            .await
            .ok()
            .and_then(|row| row.try_get("v").ok());
        conn.close().await.ok();
        Ok::<_, sqlx::Error>(applied)
    };
    let applied = tokio::time::timeout(Duration::from_secs(10), connect)
        .await
        .context("no answer within 10 s")?
        .context("cannot connect")?;
    Ok(match applied {
        Some(version) => format!("reachable, schema version {version}"),
        None => "reachable, not migrated yet".into(),
    })
}

/// The effective settings, as `key = value` with secrets hidden.
pub fn describe(config: &Config) -> Vec<(&'static str, String)> {
    let opt = |v: Option<String>| v.unwrap_or_else(|| "(none)".into());
    vec![
        ("listen", config.listen.to_string()),
        ("database", redact_url(&config.database_url())),
        ("base-domain", config.base_domain.clone()),
        ("public-url", opt(config.public_url.clone())),
        ("mail", opt(config.mail.as_deref().map(redact_url))),
        ("mail-outbox", config.outbox_dir().display().to_string()),
        ("mail-from", config.mail_from.clone()),
        (
            "geoip",
            opt(config.geoip.as_ref().map(|p| p.display().to_string())),
        ),
        (
            "catalog",
            opt(config.catalog.as_ref().map(|p| p.display().to_string())),
        ),
        (
            "trusted-proxy",
            config
                .trusted_proxy
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(","),
        ),
        ("data-dir", config.data_dir().display().to_string()),
        (
            "payment-webhook-secret",
            config
                .payment_webhook_secret
                .as_ref()
                .map_or("(kept in the database)".into(), |_| "***".into()),
        ),
        (
            "metrics-listen",
            opt(config.metrics_listen.map(|a| a.to_string())),
        ),
        (
            "log-format",
            format!("{:?}", config.log_format).to_lowercase(),
        ),
        (
            "header-read-timeout",
            config.header_read_timeout.to_string(),
        ),
        ("max-connections", config.max_connections.to_string()),
        ("shutdown-timeout", config.shutdown_timeout.to_string()),
    ]
}
