//! The audit log: who did what to whom, when, from where.

use sqlx::AnyConnection;
use uuid::Uuid;

use super::now_ms;

pub struct Entry<'a> {
    pub org: Option<Uuid>,
    pub actor: Option<Uuid>,
    pub action: &'a str,
    pub target_type: &'a str,
    pub target_id: Option<String>,
    pub ip: Option<String>,
    pub detail: serde_json::Value,
}

/// Recorded in the same transaction as the change it describes.
pub async fn record(conn: &mut AnyConnection, entry: Entry<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (id, org_id, actor_id, action, target_type, target_id, ip, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(Uuid::now_v7().to_string())
    .bind(entry.org.map(|o| o.to_string()))
    .bind(entry.actor.map(|a| a.to_string()))
    .bind(entry.action)
    .bind(entry.target_type)
    .bind(entry.target_id)
    .bind(entry.ip)
    .bind(entry.detail.to_string())
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}
