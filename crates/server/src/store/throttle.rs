//! Throttle and rate counters, shared by every instance through the database.
//! Keys are stored hashed (fixed length, no addresses or emails at rest) and
//! purged once expired.

use sqlx::{AnyConnection, Row};

use crate::domain::throttle::Counter;
use crate::secrets::hash_token;

/// The stored form of a key: `kind` (`login-account`, `register`, …) and its subject.
pub fn key(kind: &str, subject: &str) -> String {
    hash_token(&format!("{kind}\u{1f}{subject}"))
}

pub async fn get(conn: &mut AnyConnection, key: &str) -> sqlx::Result<Counter> {
    let row = sqlx::query(
        "SELECT failures, window_start, blocked_until FROM login_throttle WHERE throttle_key = $1",
    )
    .bind(key)
    .fetch_optional(conn)
    .await?;
    Ok(match row {
        Some(r) => Counter {
            failures: r.try_get(0)?,
            window_start: r.try_get(1)?,
            blocked_until: r.try_get(2)?,
        },
        None => Counter::default(),
    })
}

/// The counter, locked until the transaction ends so concurrent updates on
/// several instances add up instead of overwriting each other.
pub async fn get_for_update(tx: &mut super::Tx, key: &str) -> sqlx::Result<Counter> {
    if tx.backend() == super::Backend::Postgres {
        sqlx::query("INSERT INTO login_throttle (throttle_key, failures, window_start, blocked_until) VALUES ($1, 0, 0, 0) ON CONFLICT DO NOTHING")
            .bind(key)
            .execute(&mut **tx)
            .await?;
        let r = sqlx::query("SELECT failures, window_start, blocked_until FROM login_throttle WHERE throttle_key = $1 FOR UPDATE")
            .bind(key)
            .fetch_one(&mut **tx)
            .await?;
        return Ok(Counter {
            failures: r.try_get(0)?,
            window_start: r.try_get(1)?,
            blocked_until: r.try_get(2)?,
        });
    }
    // SQLite: the transaction holds the only write lock already.
    get(tx, key).await
}

pub async fn put(conn: &mut AnyConnection, key: &str, c: Counter) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO login_throttle (throttle_key, failures, window_start, blocked_until) VALUES ($1, $2, $3, $4)
         ON CONFLICT (throttle_key) DO UPDATE SET failures = $2, window_start = $3, blocked_until = $4",
    )
    .bind(key)
    .bind(c.failures)
    .bind(c.window_start)
    .bind(c.blocked_until)
    .execute(conn)
    .await?;
    Ok(())
}

/// Reads, decides and writes a counter in one transaction of its own: the
/// decision and the count it is based on cannot be split by a concurrent one.
/// `decide` answers the new counter, or refuses (and nothing is written).
pub async fn take<E>(
    db: &super::Db,
    key: &str,
    decide: impl FnOnce(Counter) -> Result<Counter, E>,
) -> sqlx::Result<Result<(), E>> {
    let mut tx = db.begin().await?;
    let counter = get_for_update(&mut tx, key).await?;
    match decide(counter) {
        Ok(next) => {
            put(&mut tx, key, next).await?;
            tx.commit().await?;
            Ok(Ok(()))
        }
        Err(refusal) => Ok(Err(refusal)),
    }
}

pub async fn clear(conn: &mut AnyConnection, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes counters that neither block nor count anything any more.
pub async fn purge(conn: &mut AnyConnection, now: i64) -> sqlx::Result<u64> {
    let longest_window = 24 * 3600 * 1000;
    Ok(
        sqlx::query("DELETE FROM login_throttle WHERE blocked_until < $1 AND window_start < $2")
            .bind(now)
            .bind(now - longest_window)
            .execute(conn)
            .await?
            .rows_affected(),
    )
}
