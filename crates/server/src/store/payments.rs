//! Payments, applied provider events, the sandbox's books, settings, quotes.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::{get_opt_time, get_uuid, now_ms};
use orgdesk_api as api;

#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub id: Uuid,
    pub org_id: Uuid,
    pub status: api::PaymentStatus,
    pub amount_cents: i64,
    pub currency: String,
    pub decline_reason: Option<String>,
    pub paid_at: Option<time::OffsetDateTime>,
}

impl PaymentRow {
    pub fn to_api(&self) -> api::Payment {
        api::Payment {
            id: self.id,
            status: self.status,
            amount_cents: self.amount_cents,
            currency: self.currency.clone(),
            decline_reason: self.decline_reason.clone(),
            paid_at: self.paid_at,
        }
    }
}

fn status_of(s: &str) -> api::PaymentStatus {
    match s {
        "paid" => api::PaymentStatus::Paid,
        "declined" => api::PaymentStatus::Declined,
        _ => api::PaymentStatus::Open,
    }
}

const COLUMNS: &str = "id, org_id, status, amount_cents, currency, decline_reason, paid_at";

fn from_row(r: &AnyRow) -> sqlx::Result<PaymentRow> {
    Ok(PaymentRow {
        id: get_uuid(r, "id")?,
        org_id: get_uuid(r, "org_id")?,
        status: status_of(&r.try_get::<String, _>("status")?),
        amount_cents: r.try_get("amount_cents")?,
        currency: r.try_get("currency")?,
        decline_reason: r.try_get("decline_reason")?,
        paid_at: get_opt_time(r, "paid_at")?,
    })
}

/// The organization's newest payment.
pub async fn latest(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<Option<PaymentRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM payments WHERE org_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1"
    );
    sqlx::query(&sql)
        .bind(org.to_string())
        .fetch_optional(conn)
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

pub async fn get(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<Option<PaymentRow>> {
    let sql = format!("SELECT {COLUMNS} FROM payments WHERE id = $1");
    sqlx::query(&sql)
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

pub struct NewPayment<'a> {
    pub id: Uuid,
    pub org: Uuid,
    pub provider: &'a str,
    pub provider_ref: &'a str,
    pub checkout_url: &'a str,
    pub amount_cents: i64,
    pub currency: &'a str,
}

pub async fn insert(conn: &mut AnyConnection, p: &NewPayment<'_>) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO payments (id, org_id, provider, provider_ref, checkout_url, status, amount_cents, currency, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $8)",
    )
    .bind(p.id.to_string())
    .bind(p.org.to_string())
    .bind(p.provider)
    .bind(p.provider_ref)
    .bind(p.checkout_url)
    .bind(p.amount_cents)
    .bind(p.currency)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a confirmed payment; false when it was paid already.
pub async fn mark_paid(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<bool> {
    let now = now_ms();
    let done = sqlx::query("UPDATE payments SET status = 'paid', paid_at = $2, decline_reason = NULL, updated_at = $2 WHERE id = $1 AND status <> 'paid'")
        .bind(id.to_string())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_declined(conn: &mut AnyConnection, id: Uuid, reason: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE payments SET status = 'declined', decline_reason = $2, updated_at = $3 WHERE id = $1 AND status <> 'paid'")
        .bind(id.to_string())
        .bind(reason)
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}

/// Remembers a provider event; false when it was seen before (a replay or a retry).
pub async fn first_time(
    conn: &mut AnyConnection,
    event_id: &str,
    kind: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query("INSERT INTO webhook_events (event_id, kind, received_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(event_id)
        .bind(kind)
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A setting, created with `make` the first time any instance asks.
pub async fn setting_or_init(
    conn: &mut AnyConnection,
    name: &str,
    make: impl FnOnce() -> String,
) -> sqlx::Result<String> {
    sqlx::query("INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(name)
        .bind(make())
        .execute(&mut *conn)
        .await?;
    sqlx::query("SELECT value FROM settings WHERE name = $1")
        .bind(name)
        .fetch_one(conn)
        .await?
        .try_get(0)
}

pub struct NewQuote<'a> {
    pub id: Uuid,
    pub account: Option<Uuid>,
    pub request: &'a api::QuoteRequest,
    pub email: &'a str,
}

pub async fn insert_quote(conn: &mut AnyConnection, q: &NewQuote<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sales_quotes (id, account_id, name, email, company, products, seats, message, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(q.id.to_string())
    .bind(q.account.map(|a| a.to_string()))
    .bind(q.request.name.trim())
    .bind(q.email)
    .bind(q.request.company.trim())
    .bind(serde_json::to_string(&q.request.products).unwrap_or_default())
    .bind(i64::from(q.request.seats))
    .bind(q.request.message.trim())
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}
