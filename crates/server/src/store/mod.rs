//! SQL per resource (sqlx, runtime queries), on SQLite or PostgreSQL.
//!
//! Queries are written once in the SQL both databases share, with `$N`
//! placeholders; ids are UUID text and times are Unix milliseconds. The few
//! places where the two differ ask `Db::backend`.

pub mod accounts;
pub mod audit;
pub mod auth;
mod cols;
pub mod direct;
pub mod domains;
pub mod groups;
pub mod invitations;
pub mod member_one;
pub mod member_totals;
pub mod members;
pub mod orgs;
pub mod overview;
pub mod payments;
pub mod sandbox;

pub mod reviews;
pub mod seed;
pub mod sessions;
pub mod snapshots;
pub mod throttle;

use std::borrow::Cow;
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

pub use cols::{Cols, get_bool, get_opt_time, get_opt_uuid, get_time, get_uuid};

use anyhow::{Context, bail};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Any, AnyConnection, AnyPool, Executor, Row, Transaction};
use time::OffsetDateTime;
use tokio::sync::{Mutex, OwnedMutexGuard};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// SQLite has one writer: taking it here, before BEGIN, keeps writers in
    /// this process from failing with SQLITE_BUSY on each other.
    writer: Arc<Mutex<()>>,
    /// SQLite: the request path's reads, without sqlx's hand-off.
    direct: Option<Arc<direct::Direct>>,
}

/// A write transaction. Dropping it without `commit` rolls back.
pub struct Tx {
    inner: Transaction<'static, Any>,
    backend: Backend,
    _writer: Option<OwnedMutexGuard<()>>,
}

/// A PostgreSQL connection idle this long is pinged before it is used again.
const IDLE_BEFORE_PING: Duration = Duration::from_secs(30);

/// `wal_autocheckpoint = 0`: the log is copied into the database file by
/// [`checkpoints`], not inside whichever commit crosses SQLite's threshold
/// (a bulk change of 10,000 memberships waited 0.6 s for that copy).
/// `mmap_size`: reads map the file (up to 16 GiB; SQLite is built to allow
/// it, see .cargo/config.toml) instead of copying each page: a bulk change
/// on a 1M-member organization (a 4 GB file) spent a fifth of its time
/// copying pages beyond the first 256 MB. `temp_store`: each statement's
/// own journal (the pages it changed, to undo it alone) is kept in memory,
/// not written to a temporary file (another tenth of that bulk change).
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA mmap_size = 17179869184; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 0;";

/// How often [`checkpoints`] copies SQLite's log into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);

/// Copies SQLite's log (WAL) into the database file every
/// [`CHECKPOINT_EVERY`], beside the requests instead of inside a commit, as
/// far as readers allow (PASSIVE: it never waits for them, nor they for it),
/// until the pool closes. A commit is durable once its log is synced
/// (`synchronous = FULL`), whenever this runs.
fn checkpoints(pool: AnyPool) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(CHECKPOINT_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if pool.is_closed() {
                return;
            }
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&pool)
                .await
                && !pool.is_closed()
            {
                tracing::warn!(error = %e, "copying the SQLite log into the database");
            }
        }
    });
}

impl Db {
    /// Opens the database, checks its settings and runs the migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let mut file_path = None;
        let (backend, url) = if let Some(path) = url.strip_prefix("sqlite://") {
            let file = path.split('?').next().unwrap_or(path);
            file_path = Some(std::path::PathBuf::from(file));
            if let Some(dir) = std::path::Path::new(file)
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            let url = if path.contains("mode=") {
                url.to_string()
            } else {
                format!(
                    "{url}{}mode=rwc",
                    if path.contains('?') { '&' } else { '?' }
                )
            };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else {
            bail!(
                "--database must be sqlite://PATH or postgres://…, not {:?}",
                crate::config::redact_url(url)
            );
        };
        let options = AnyConnectOptions::from_str(&url).context("the database URL is not valid")?;
        let pool = Self::open_pool(backend, options.clone()).await?;
        let mut db = Self {
            pool,
            backend,
            writer: Arc::new(Mutex::new(())),
            direct: None,
        };
        db.check_settings().await?;
        db.migrate().await?;
        db.optimize().await;
        if backend == Backend::Sqlite {
            // Connections opened before read the statistics anew.
            db.pool.close().await;
            db.pool = Self::open_pool(backend, options).await?;
            db.direct = file_path.map(|path| Arc::new(direct::Direct::new(path)));
            checkpoints(db.pool.clone());
        }
        Ok(db)
    }

    async fn open_pool(backend: Backend, options: AnyConnectOptions) -> anyhow::Result<AnyPool> {
        // While the database is out of reach a request waits this long for a
        // connection, then answers 503: short, so clients hear of it soon.
        let pool_options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(5));
        let pool = match backend {
            Backend::Sqlite => {
                pool_options
                    .max_connections(8)
                    // A local file cannot drop a connection: skip the ping before each use.
                    .test_before_acquire(false)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move { conn.execute(SQLITE_PRAGMAS).await.map(|_| ()) })
                    })
                    .connect_with(options)
                    .await
            }
            Backend::Postgres => {
                pool_options
                    .max_connections(16)
                    // No ping before every use (a round trip per request):
                    // only a connection idle for a while is checked first.
                    .test_before_acquire(false)
                    .before_acquire(|conn, meta| {
                        Box::pin(async move {
                            if meta.idle_for < IDLE_BEFORE_PING {
                                return Ok(true);
                            }
                            Ok(sqlx::Connection::ping(conn).await.is_ok())
                        })
                    })
                    .connect_with(options)
                    .await
            }
        }
        .context("cannot connect to the database")?;
        Ok(pool)
    }

    async fn check_settings(&self) -> anyhow::Result<()> {
        if self.backend != Backend::Sqlite {
            let version: String = sqlx::query("SELECT version()")
                .fetch_one(&self.pool)
                .await?
                .try_get(0)?;
            tracing::info!(%version, "database: PostgreSQL");
            return Ok(());
        }
        let mut conn = self.pool.acquire().await?;
        let journal: String = sqlx::query("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
        let synchronous: i64 = sqlx::query("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
        let foreign_keys: i64 = sqlx::query("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
        let busy_timeout: i64 = sqlx::query("PRAGMA busy_timeout")
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
        tracing::info!(
            journal,
            synchronous,
            foreign_keys,
            busy_timeout,
            "database: SQLite"
        );
        if !journal.eq_ignore_ascii_case("wal")
            || synchronous != 2
            || foreign_keys != 1
            || busy_timeout <= 0
        {
            bail!(
                "SQLite refused its settings (journal_mode={journal}, synchronous={synchronous}, foreign_keys={foreign_keys}, busy_timeout={busy_timeout})"
            );
        }
        Ok(())
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        let sources: &[(i64, &str, &'static str)] = match self.backend {
            Backend::Sqlite => &[
                (
                    1,
                    "init",
                    include_str!("../../migrations/sqlite/0001_init.sql"),
                ),
                (
                    2,
                    "invitations_avatars",
                    include_str!("../../migrations/sqlite/0002_invitations_avatars.sql"),
                ),
                (
                    3,
                    "payments",
                    include_str!("../../migrations/sqlite/0003_payments.sql"),
                ),
                (
                    4,
                    "member_counts",
                    include_str!("../../migrations/sqlite/0004_member_counts.sql"),
                ),
                (
                    5,
                    "tenant_boundary",
                    include_str!("../../migrations/sqlite/0005_tenant_boundary.sql"),
                ),
                (
                    6,
                    "scale",
                    include_str!("../../migrations/sqlite/0006_scale.sql"),
                ),
                (
                    7,
                    "governance",
                    include_str!("../../migrations/sqlite/0007_governance.sql"),
                ),
                (
                    8,
                    "member_order",
                    include_str!("../../migrations/sqlite/0008_member_order.sql"),
                ),
                (
                    9,
                    "invitation_expiry",
                    include_str!("../../migrations/sqlite/0009_invitation_expiry.sql"),
                ),
                (
                    10,
                    "word_counts",
                    include_str!("../../migrations/sqlite/0010_word_counts.sql"),
                ),
                (
                    11,
                    "group_counts",
                    include_str!("../../migrations/sqlite/0011_group_counts.sql"),
                ),
                (
                    12,
                    "group_order_delete",
                    include_str!("../../migrations/sqlite/0012_group_order_delete.sql"),
                ),
                (
                    13,
                    "group_permission_keys",
                    include_str!("../../migrations/sqlite/0013_group_permission_keys.sql"),
                ),
                (
                    14,
                    "auth_stamps",
                    include_str!("../../migrations/sqlite/0014_auth_stamps.sql"),
                ),
            ],
            Backend::Postgres => &[
                (
                    1,
                    "init",
                    include_str!("../../migrations/postgres/0001_init.sql"),
                ),
                (
                    2,
                    "invitations_avatars",
                    include_str!("../../migrations/postgres/0002_invitations_avatars.sql"),
                ),
                (
                    3,
                    "payments",
                    include_str!("../../migrations/postgres/0003_payments.sql"),
                ),
                (
                    4,
                    "member_counts",
                    include_str!("../../migrations/postgres/0004_member_counts.sql"),
                ),
                (
                    5,
                    "tenant_boundary",
                    include_str!("../../migrations/postgres/0005_tenant_boundary.sql"),
                ),
                (
                    6,
                    "scale",
                    include_str!("../../migrations/postgres/0006_scale.sql"),
                ),
                (
                    7,
                    "governance",
                    include_str!("../../migrations/postgres/0007_governance.sql"),
                ),
                (
                    8,
                    "member_order",
                    include_str!("../../migrations/postgres/0008_member_order.sql"),
                ),
                (
                    9,
                    "invitation_expiry",
                    include_str!("../../migrations/postgres/0009_invitation_expiry.sql"),
                ),
                (
                    10,
                    "word_counts",
                    include_str!("../../migrations/postgres/0010_word_counts.sql"),
                ),
                (
                    11,
                    "group_counts",
                    include_str!("../../migrations/postgres/0011_group_counts.sql"),
                ),
                (
                    12,
                    "group_order_delete",
                    include_str!("../../migrations/postgres/0012_group_order_delete.sql"),
                ),
                (
                    13,
                    "group_permission_keys",
                    include_str!("../../migrations/postgres/0013_group_permission_keys.sql"),
                ),
                (
                    14,
                    "auth_stamps",
                    include_str!("../../migrations/postgres/0014_auth_stamps.sql"),
                ),
            ],
        };
        let migrations = sources
            .iter()
            .map(|&(version, name, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(name),
                    MigrationType::Simple,
                    Cow::Borrowed(sql),
                    false,
                )
            })
            .collect::<Vec<_>>();
        let migrator = Migrator {
            migrations: Cow::Owned(migrations),
            ..Migrator::DEFAULT
        };
        migrator
            .run(&self.pool)
            .await
            .context("migrating the database")?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Gathers the planner's statistics where they are missing, so searches
    /// start from the selective index (SQLite; PostgreSQL's autovacuum does
    /// this), then drops SQLite's samples of values ([`drop_samples`]).
    pub async fn optimize(&self) {
        if self.backend != Backend::Sqlite {
            return;
        }
        let analyzed: sqlx::Result<()> = async {
            let mut conn = self.pool.acquire().await?;
            sqlx::query("PRAGMA optimize=0x10002")
                .execute(&mut *conn)
                .await?;
            drop_samples(&mut conn).await
        }
        .await;
        if let Err(e) = analyzed {
            tracing::warn!(error = %e, "gathering the planner's statistics failed");
        }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// SQLite's reads on the calling thread ([`direct`]); `None` on PostgreSQL.
    pub fn direct(&self) -> Option<&direct::Direct> {
        self.direct.as_deref()
    }

    /// On SQLite, a read transaction its owner keeps open for several
    /// statements ([`direct::Held`]); `None` on PostgreSQL.
    pub fn hold_read(&self) -> Option<sqlx::Result<direct::Held>> {
        self.direct.as_ref().map(direct::Direct::hold)
    }

    pub async fn begin(&self) -> sqlx::Result<Tx> {
        match self.backend {
            Backend::Sqlite => {
                let guard = self.writer.clone().lock_owned().await;
                let inner = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(Tx {
                    inner,
                    backend: self.backend,
                    _writer: Some(guard),
                })
            }
            Backend::Postgres => Ok(Tx {
                inner: self.pool.begin().await?,
                backend: self.backend,
                _writer: None,
            }),
        }
    }

    pub async fn close(&self) {
        if let Some(direct) = &self.direct {
            direct.close();
        }
        if self.backend == Backend::Sqlite {
            // What the log still holds goes into the database file, and the
            // log is emptied: the file is whole without it (a copy, a
            // backup), and nothing is left for the next start to recover.
            // It waits for a writer as any statement does (busy_timeout).
            if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&self.pool)
                .await
            {
                tracing::warn!(error = %e, "copying the SQLite log into the database on close");
            }
        }
        self.pool.close().await;
    }
}

impl Tx {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub async fn commit(self) -> sqlx::Result<()> {
        self.inner.commit().await
    }

    /// Serializes every change to one organization's memberships, groups and
    /// seats, so rules that count (last admin, seats) hold across instances.
    pub async fn lock_org(&mut self, org_id: Uuid) -> sqlx::Result<()> {
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT id FROM orgs WHERE id = $1 FOR UPDATE")
                .bind(org_id.to_string())
                .fetch_optional(&mut **self)
                .await?;
        }
        Ok(())
    }
}

impl Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.inner
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.inner
    }
}

pub fn now_ms() -> i64 {
    i64::try_from(OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

pub fn time_of(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Whether an error is a unique-constraint violation (on either database).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|e| e.kind() == sqlx::error::ErrorKind::UniqueViolation)
}

/// Empties `sqlite_stat4` (what ANALYZE samples of indexed values when
/// SQLite is built with STAT4, as here), keeping `sqlite_stat1`. With samples,
/// every statement comparing a bound value with an indexed column is
/// compiled again on each run, as its plan might depend on the value: 72% of
/// the CPU of a gated small read on a seeded database (callgrind). The lists
/// choose their plans by their own SQL (join order, index walks) instead.
/// Connections read the change when they next load the schema (a new pool).
pub async fn drop_samples(conn: &mut AnyConnection) -> sqlx::Result<()> {
    let samples: i64 = sqlx::query("SELECT count(*) FROM sqlite_stat4")
        .fetch_one(&mut *conn)
        .await
        .and_then(|row| row.try_get(0))
        // No such table: nothing was ever sampled.
        .unwrap_or(0);
    if samples > 0 {
        sqlx::query("DELETE FROM sqlite_stat4")
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// `$start, $start+1, …` for an `IN (…)` list of `n` values.
pub fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A subquery of the ids sent as one JSON array in bind `$param` (see
/// [`json_ids`]): a set of any size in one statement and one bind, where an
/// `IN ($2, $3, …)` list costs a bind per id and a statement per chunk.
pub fn id_set(conn: &AnyConnection, param: usize) -> String {
    if conn.backend_name().eq_ignore_ascii_case("postgresql") {
        format!("(SELECT value FROM json_array_elements_text(${param}::json))")
    } else {
        format!("(SELECT value FROM json_each(${param}))")
    }
}

/// Ids as the JSON array [`id_set`] reads.
pub fn json_ids(ids: &[Uuid]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
    format!("[{}]", quoted.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log_size(path: &std::path::Path) -> u64 {
        std::fs::metadata(path.with_extension("sqlite-wal")).map_or(0, |m| m.len())
    }

    /// The frames in SQLite's log and how many of them are copied into the
    /// database file, as its shared-memory index says (read without
    /// checkpointing: mxFrame at byte 16 of the index header, nBackfill at
    /// byte 96, native order; sqlite.org/walformat.html).
    fn log_frames(path: &std::path::Path) -> (u32, u32) {
        let shm = std::fs::read(path.with_extension("sqlite-shm")).unwrap();
        let at = |i: usize| u32::from_ne_bytes(shm[i..i + 4].try_into().unwrap());
        (at(16), at(96))
    }

    /// Commits leave their pages in the log; the log is copied into the
    /// database file beside them (not inside a commit) and emptied on close.
    #[tokio::test]
    async fn the_sqlite_log_is_copied_beside_commits_and_emptied_on_close() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let url = format!("sqlite://{}", path.display());
        let db = Db::connect(&url).await.unwrap();
        let mut tx = db.begin().await.unwrap();
        sqlx::query("CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::query(
            "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 20000)
             INSERT INTO filler SELECT n, printf('%0200d', n) FROM k",
        )
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
        // More than SQLite's own threshold (1,000 pages) went into the log,
        // and the commit returned without copying them.
        let (logged, copied) = log_frames(&path);
        assert!(logged > 1000, "{logged} frames in the log");
        assert!(copied < logged, "the commit copied the log itself");
        // Within a few periods they are copied, beside the requests.
        let mut all_copied = false;
        for _ in 0..20 {
            tokio::time::sleep(CHECKPOINT_EVERY).await;
            let (logged, copied) = log_frames(&path);
            if copied == logged {
                all_copied = true;
                break;
            }
        }
        assert!(all_copied, "the log was not copied into the database");
        assert!(log_size(&path) > 0);
        db.close().await;
        assert_eq!(log_size(&path), 0, "the log is emptied on close");
        let db = Db::connect(&url).await.unwrap();
        let count: i64 = sqlx::query("SELECT count(*) FROM filler")
            .fetch_one(db.pool())
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        db.close().await;
        assert_eq!(count, 20000);
    }
}
