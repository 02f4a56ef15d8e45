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
use std::sync::{Mutex, PoisonError};

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
    "PRAGMA query_only = ON; PRAGMA busy_timeout = 1000; PRAGMA mmap_size = 268435456;";

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
        if self.closed.load(Ordering::Acquire) {
            return Err(sqlx::Error::PoolClosed);
        }
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let mut conn = match idle {
            Some(conn) => conn,
            None => self.open().map_err(to_sqlx)?,
        };
        let answer = first_row(&mut conn, sql, args, decode);
        if !self.closed.load(Ordering::Acquire) {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() < KEEP {
                idle.push(conn);
            }
        }
        answer
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

fn first_row<T>(
    conn: &mut Conn,
    sql: &'static str,
    args: &[&dyn ToSql],
    decode: impl FnOnce(&Named<'_>) -> sqlx::Result<T>,
) -> sqlx::Result<Option<T>> {
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
    match rows.next().map_err(to_sqlx)? {
        Some(row) => decode(&Named::new(row, names)).map(Some),
        None => Ok(None),
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
}
