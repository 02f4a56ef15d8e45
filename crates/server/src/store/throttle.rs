//! Login-failure counters, shared by every instance through the database.

use sqlx::{AnyConnection, Row};

use crate::domain::throttle::Counter;

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

/// The counter, locked until the transaction ends so concurrent failures on
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

pub async fn clear(conn: &mut AnyConnection, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}
