//! SQLite reads on the request path, in the thread that asks.
//!
//! sqlx runs each SQLite connection on a thread of its own and hands every
//! statement to it across a channel: on a gated small read those hand-offs
//! (two thread wake-ups per statement) cost more than SQLite itself (perf:
//! 45% of the CPU in the kernel, 19% in context switches, SQLite 12%). The
//! reads every request makes — who is calling, one member — run here
//! instead, on a connection of this small pool, each statement prepared once
//! per connection. They are point reads through primary keys and unique
//! indexes (tens of microseconds), short enough for an async worker;
//! everything else, and every write, stays on sqlx.
//!
//! Each statement is its own read transaction (WAL): it sees every commit
//! made before it began, by this process or another, and never blocks a
//! writer. Nothing is cached but compiled statements.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::types::ToSql;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::cols::Named;

/// Idle connections kept; more are opened while more threads read at once.
const KEEP: usize = 16;
/// Compiled statements kept per connection.
const STATEMENTS: usize = 32;
/// A read waits this long for a lock (WAL readers rarely meet one: only
/// while a crashed writer's log is recovered), then answers 503.
const PRAGMAS: &str =
    "PRAGMA query_only = ON; PRAGMA busy_timeout = 1000; PRAGMA mmap_size = 17179869184;";

pub struct Direct {
    path: PathBuf,
    idle: Mutex<Vec<Conn>>,
    closed: AtomicBool,
}

/// A connection and the column names of the statements it ran, by the
/// statement text's address: asking SQLite for them on each run cost 3% of
/// a gated read. Statements are `'static`, so an address names one text.
struct Conn {
    conn: Connection,
    names: HashMap<usize, Vec<String>>,
}

impl Direct {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            idle: Mutex::new(Vec::new()),
            closed: AtomicBool::new(false),
        }
    }

    fn open(&self) -> rusqlite::Result<Conn> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.execute_batch(PRAGMAS)?;
        conn.set_prepared_statement_cache_capacity(STATEMENTS);
        Ok(Conn {
            conn,
            names: HashMap::new(),
        })
    }

    /// The first row `sql` answers with `args` bound to `$1`, `$2`, … (the
    /// placeholders the rest of the store writes), decoded by `decode`.
    pub fn row<T>(
        &self,
        sql: &'static str,
        args: &[&dyn ToSql],
        decode: impl FnOnce(&Named<'_>) -> sqlx::Result<T>,
    ) -> sqlx::Result<Option<T>> {
        self.with(|conn| Snapshot(conn).row(sql, args, decode))
    }

    /// [`Direct::row`] in `held`'s transaction if given, else in its own.
    pub fn row_in<T>(
        &self,
        held: Option<&mut Held>,
        sql: &'static str,
        args: &[&dyn ToSql],
        decode: impl FnOnce(&Named<'_>) -> sqlx::Result<T>,
    ) -> sqlx::Result<Option<T>> {
        match held {
            Some(held) => held.read().row(sql, args, decode),
            None => self.row(sql, args, decode),
        }
    }

    /// Several statements read from one snapshot of the database (one read
    /// transaction): what `read` sees is what was committed when it began.
    pub fn snapshot<T>(
        &self,
        read: impl FnOnce(&mut Snapshot<'_>) -> sqlx::Result<T>,
    ) -> sqlx::Result<T> {
        let mut conn = self.take()?;
        let answer = conn.begin().and_then(|()| {
            let answer = read(&mut Snapshot(&mut conn));
            // A read transaction changed nothing: ending it cannot lose work.
            conn.end()?;
            answer
        });
        self.put(conn);
        answer
    }

    /// A read transaction kept open by its owner: the statements of a whole
    /// request can read from one snapshot ([`Held`]). It ends, and its
    /// connection returns to the pool, when the `Held` is dropped.
    pub fn hold(self: &Arc<Self>) -> sqlx::Result<Held> {
        let mut conn = self.take()?;
        match conn.begin() {
            Ok(()) => Ok(Held {
                direct: Arc::clone(self),
                conn: Some(conn),
            }),
            Err(e) => {
                self.put(conn);
                Err(e)
            }
        }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Conn) -> sqlx::Result<T>) -> sqlx::Result<T> {
        let mut conn = self.take()?;
        let answer = f(&mut conn);
        self.put(conn);
        answer
    }

    fn take(&self) -> sqlx::Result<Conn> {
        if self.closed.load(Ordering::Acquire) {
            return Err(sqlx::Error::PoolClosed);
        }
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match idle {
            Some(conn) => Ok(conn),
            None => self.open().map_err(to_sqlx),
        }
    }

    fn put(&self, conn: Conn) {
        // A connection left inside a transaction (a failed COMMIT) is dropped.
        if !self.closed.load(Ordering::Acquire) && conn.conn.is_autocommit() {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() < KEEP {
                idle.push(conn);
            }
        }
    }

    /// Closes the idle connections; reads after this fail as a closed pool's.
    pub fn close(&self) {
        self.closed.store(true, Ordering::Release);
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

impl Conn {
    fn begin(&mut self) -> sqlx::Result<()> {
        self.run("BEGIN")
    }

    fn end(&mut self) -> sqlx::Result<()> {
        self.run("COMMIT")
    }

    /// BEGIN and COMMIT are compiled once per connection like every statement.
    fn run(&mut self, sql: &'static str) -> sqlx::Result<()> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut statement| statement.execute([]))
            .map(|_| ())
            .map_err(to_sqlx)
    }
}

/// An open read transaction on a connection of the pool, owned: see
/// [`Direct::hold`].
pub struct Held {
    direct: Arc<Direct>,
    conn: Option<Conn>,
}

impl Held {
    /// The statements of the transaction.
    pub fn read(&mut self) -> Snapshot<'_> {
        Snapshot(self.conn.as_mut().expect("a held connection until dropped"))
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(mut conn) = self.conn.take() {
            // A failed COMMIT leaves the connection in its transaction:
            // `put` drops it rather than pool it.
            if let Err(e) = conn.end() {
                tracing::warn!(error = %e, "ending a held SQLite read transaction");
            }
            self.direct.put(conn);
        }
    }
}

/// Statements on one connection of the pool (see [`Direct::snapshot`]).
pub struct Snapshot<'a>(&'a mut Conn);

impl Snapshot<'_> {
    /// The first row of `sql` (see [`Direct::row`]).
    pub fn row<T>(
        &mut self,
        sql: &'static str,
        args: &[&dyn ToSql],
        decode: impl FnOnce(&Named<'_>) -> sqlx::Result<T>,
    ) -> sqlx::Result<Option<T>> {
        let mut decode = Some(decode);
        let mut found = None;
        self.each(sql, args, |row| {
            if let Some(decode) = decode.take() {
                found = Some(decode(row)?);
            }
            Ok(false)
        })?;
        Ok(found)
    }

    /// Every row of `sql`, each decoded by `decode`.
    pub fn rows<T>(
        &mut self,
        sql: &'static str,
        args: &[&dyn ToSql],
        mut decode: impl FnMut(&Named<'_>) -> sqlx::Result<T>,
    ) -> sqlx::Result<Vec<T>> {
        let mut all = Vec::new();
        self.each(sql, args, |row| {
            all.push(decode(row)?);
            Ok(true)
        })?;
        Ok(all)
    }

    /// Runs `sql` and hands `row` each row until it answers `false`.
    fn each(
        &mut self,
        sql: &'static str,
        args: &[&dyn ToSql],
        mut row: impl FnMut(&Named<'_>) -> sqlx::Result<bool>,
    ) -> sqlx::Result<()> {
        let conn = &mut *self.0;
        let mut statement = conn.conn.prepare_cached(sql).map_err(to_sqlx)?;
        let names = conn.names.entry(sql.as_ptr() as usize).or_insert_with(|| {
            statement
                .column_names()
                .into_iter()
                .map(str::to_string)
                .collect()
        });
        for index in 1..=statement.parameter_count() {
            let arg = statement
                .parameter_name(index)
                .and_then(|name| name.strip_prefix('$'))
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| args.get(n.checked_sub(1)?))
                .ok_or_else(|| {
                    sqlx::Error::Protocol(format!("no value for parameter {index} of {sql:?}"))
                })?;
            statement.raw_bind_parameter(index, arg).map_err(to_sqlx)?;
        }
        let mut rows = statement.raw_query();
        while let Some(found) = rows.next().map_err(to_sqlx)? {
            if !row(&Named::new(found, names))? {
                break;
            }
        }
        Ok(())
    }
}

/// A lock held too long is the database being out of reach for now (503,
/// as when sqlx's pool times out); anything else is a fault (500).
fn to_sqlx(err: rusqlite::Error) -> sqlx::Error {
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => sqlx::Error::Io(
            std::io::Error::new(std::io::ErrorKind::WouldBlock, format!("SQLite: {err}")),
        ),
        _ => sqlx::Error::Protocol(format!("SQLite: {err}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Cols;

    fn database() -> (tempfile::TempDir, Direct) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
             INSERT INTO t VALUES (1, 'one'), (2, 'two');",
        )
        .unwrap();
        (dir, Direct::new(path))
    }

    #[test]
    fn binds_numbered_placeholders_by_their_number_wherever_they_stand() {
        let (_dir, direct) = database();
        let sql = "SELECT name FROM t WHERE id = $2 AND name <> $1";
        let name = direct
            .row(sql, &[&"two", &1_i64], |row| row.text("name"))
            .unwrap();
        assert_eq!(name.as_deref(), Some("one"));
        let none = direct
            .row(sql, &[&"one", &1_i64], |row| row.text("name"))
            .unwrap();
        assert!(none.is_none());
    }

    #[test]
    fn a_missing_value_and_a_write_are_refused() {
        let (_dir, direct) = database();
        let err = direct
            .row("SELECT name FROM t WHERE id = $3", &[&1_i64], |_| Ok(()))
            .unwrap_err();
        assert!(err.to_string().contains("no value for parameter"), "{err}");
        let err = direct
            .row(
                "DELETE FROM t WHERE id = $1 RETURNING id",
                &[&1_i64],
                |_| Ok(()),
            )
            .unwrap_err();
        assert!(err.to_string().contains("readonly"), "{err}");
    }

    #[test]
    fn sees_each_commit_and_reuses_its_connection() {
        let (dir, direct) = database();
        let read = |id: i64| {
            direct
                .row("SELECT name FROM t WHERE id = $1", &[&id], |row| {
                    row.text("name")
                })
                .unwrap()
        };
        assert_eq!(read(3), None);
        let writer = Connection::open(dir.path().join("db.sqlite")).unwrap();
        writer
            .execute("INSERT INTO t VALUES (3, 'three')", [])
            .unwrap();
        assert_eq!(read(3).as_deref(), Some("three"));
        assert_eq!(direct.idle.lock().unwrap().len(), 1);
        direct.close();
        assert!(matches!(
            direct.row("SELECT 1", &[], |_| Ok(())),
            Err(sqlx::Error::PoolClosed)
        ));
    }

    #[test]
    fn a_snapshot_reads_several_statements_as_of_its_start() {
        let (dir, direct) = database();
        let writer = Connection::open(dir.path().join("db.sqlite")).unwrap();
        let names = direct
            .snapshot(|read| {
                let first = read.rows("SELECT name FROM t ORDER BY id", &[], |row| {
                    row.text("name")
                })?;
                // A commit made meanwhile is not seen until the snapshot ends.
                writer
                    .execute("INSERT INTO t VALUES (9, 'nine')", [])
                    .unwrap();
                let count = read.row("SELECT count(*) AS n FROM t", &[], |row| row.int("n"))?;
                Ok((first, count))
            })
            .unwrap();
        assert_eq!(names, (vec!["one".to_string(), "two".to_string()], Some(2)));
        let after = direct
            .row("SELECT count(*) AS n FROM t", &[], |row| row.int("n"))
            .unwrap();
        assert_eq!(after, Some(3));
        // A failed read inside a snapshot ends it too: the connection is reused.
        let err = direct
            .snapshot(|read| read.rows("SELECT nope FROM t", &[], |row| row.text("nope")))
            .unwrap_err();
        assert!(err.to_string().contains("no such column"), "{err}");
        assert_eq!(direct.idle.lock().unwrap().len(), 1);
    }

    #[test]
    fn a_held_transaction_reads_one_snapshot_until_dropped() {
        let (dir, direct) = database();
        let direct = Arc::new(direct);
        let writer = Connection::open(dir.path().join("db.sqlite")).unwrap();
        let count = |read: &mut Snapshot<'_>| {
            read.row("SELECT count(*) AS n FROM t", &[], |row| row.int("n"))
                .unwrap()
        };
        let mut held = direct.hold().unwrap();
        assert_eq!(count(&mut held.read()), Some(2));
        // A writer is not blocked by the open read, and its commit is not
        // seen by it: the statements of one request agree with each other.
        writer
            .execute("INSERT INTO t VALUES (5, 'five')", [])
            .unwrap();
        assert_eq!(count(&mut held.read()), Some(2));
        assert!(direct.idle.lock().unwrap().is_empty());
        drop(held);
        // Dropping it ended the transaction and pooled the connection.
        assert_eq!(direct.idle.lock().unwrap().len(), 1);
        assert_eq!(direct.snapshot(|read| Ok(count(read))).unwrap(), Some(3));
        direct.close();
        assert!(matches!(direct.hold(), Err(sqlx::Error::PoolClosed)));
    }
}
