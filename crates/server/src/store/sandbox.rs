//! The sandbox provider's own books, as a card processor keeps them:
//! checkouts by the hash of their link's secret, attempts, charges.

use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::now_ms;

/// An open or paid checkout.
#[derive(Debug, Clone)]
pub struct Checkout {
    pub payment_id: Uuid,
    pub description: String,
    pub amount_cents: i64,
    pub currency: String,
    pub paid: bool,
}

pub struct NewCheckout<'a> {
    pub token_hash: &'a str,
    pub payment_id: Uuid,
    pub description: &'a str,
    pub amount_cents: i64,
    pub currency: &'a str,
}

pub async fn insert(conn: &mut AnyConnection, c: &NewCheckout<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sandbox_checkouts (token_hash, payment_id, description, amount_cents, currency, status, created_at) VALUES ($1, $2, $3, $4, $5, 'open', $6)",
    )
    .bind(c.token_hash)
    .bind(c.payment_id.to_string())
    .bind(c.description)
    .bind(c.amount_cents)
    .bind(c.currency)
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives an unpaid checkout a new link; false when there is none to pay.
pub async fn relink(
    conn: &mut AnyConnection,
    payment: Uuid,
    token_hash: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE sandbox_checkouts SET token_hash = $2 WHERE payment_id = $1 AND status <> 'paid'",
    )
    .bind(payment.to_string())
    .bind(token_hash)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_token_hash(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> sqlx::Result<Option<Checkout>> {
    let row = sqlx::query(
        "SELECT payment_id, description, amount_cents, currency, status FROM sandbox_checkouts WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(Checkout {
            payment_id: super::get_uuid(&r, "payment_id")?,
            description: r.try_get("description")?,
            amount_cents: r.try_get("amount_cents")?,
            currency: r.try_get("currency")?,
            paid: r.try_get::<String, _>("status")? == "paid",
        })
    })
    .transpose()
}

pub async fn count_attempt(conn: &mut AnyConnection, token_hash: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE sandbox_checkouts SET attempts = attempts + 1 WHERE token_hash = $1")
        .bind(token_hash)
        .execute(conn)
        .await?;
    Ok(())
}

/// Charges an open checkout once: only the call that flips it to paid answers true.
pub async fn charge(conn: &mut AnyConnection, token_hash: &str, last4: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE sandbox_checkouts SET status = 'paid', charged_at = $2, card_last4 = $3 WHERE token_hash = $1 AND status = 'open'",
    )
    .bind(token_hash)
    .bind(now_ms())
    .bind(last4)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
