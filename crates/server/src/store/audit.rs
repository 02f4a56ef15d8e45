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
    .bind(crate::domain::audit::bounded(entry.detail).to_string())
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}

/// Filters of an audit-log query, already validated.
pub struct Filter<'a> {
    pub org: Uuid,
    pub actor: Option<Uuid>,
    /// An exact action, or a prefix when it ends in `.`.
    pub action: Option<&'a str>,
    pub target: Option<&'a str>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
}

/// One page of entries, newest first, after the position (`created_at`,
/// `id`), with the number of matches when `count` asks for it.
pub async fn list(
    conn: &mut AnyConnection,
    f: &Filter<'_>,
    after: Option<(i64, String)>,
    limit: u32,
    count: bool,
) -> sqlx::Result<(Vec<orgdesk_api::AuditEntry>, Option<i64>)> {
    use sqlx::Row;
    let mut sql = String::from(
        " FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id WHERE l.org_id = $1",
    );
    let mut binds: Vec<Bind> = vec![Bind::Text(f.org.to_string())];
    if let Some(actor) = f.actor {
        push(
            &mut sql,
            &mut binds,
            " AND l.actor_id = ?",
            Bind::Text(actor.to_string()),
        );
    }
    match f.action {
        Some(prefix) if prefix.ends_with('.') => {
            push(
                &mut sql,
                &mut binds,
                " AND l.action >= ?",
                Bind::Text(prefix.to_string()),
            );
            push(
                &mut sql,
                &mut binds,
                " AND l.action < ?",
                Bind::Text(format!("{prefix}{}", char::MAX)),
            );
        }
        Some(action) => push(
            &mut sql,
            &mut binds,
            " AND l.action = ?",
            Bind::Text(action.to_string()),
        ),
        None => {}
    }
    if let Some(target) = f.target {
        push(
            &mut sql,
            &mut binds,
            " AND l.target_id = ?",
            Bind::Text(target.to_string()),
        );
    }
    if let Some(from) = f.from_ms {
        push(
            &mut sql,
            &mut binds,
            " AND l.created_at >= ?",
            Bind::Int(from),
        );
    }
    if let Some(to) = f.to_ms {
        push(&mut sql, &mut binds, " AND l.created_at < ?", Bind::Int(to));
    }
    let total: Option<i64> = if count {
        let count_sql = format!("SELECT count(*){sql}");
        let mut query = sqlx::query(&count_sql);
        for b in &binds {
            query = b.bind(query);
        }
        Some(query.fetch_one(&mut *conn).await?.try_get(0)?)
    } else {
        None
    };
    if let Some((at, id)) = after {
        push(
            &mut sql,
            &mut binds,
            " AND (l.created_at < ?",
            Bind::Int(at),
        );
        let n = binds.len();
        push(
            &mut sql,
            &mut binds,
            &format!(" OR (l.created_at = ${n} AND l.id < ?))"),
            Bind::Text(id),
        );
    }
    push(
        &mut sql,
        &mut binds,
        " ORDER BY l.created_at DESC, l.id DESC LIMIT ?",
        Bind::Int(i64::from(limit)),
    );
    let page_sql = format!(
        "SELECT l.id, l.actor_id, a.email AS actor_email, l.action, l.target_type, l.target_id, l.ip, l.detail, l.created_at{sql}"
    );
    let mut query = sqlx::query(&page_sql);
    for b in &binds {
        query = b.bind(query);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let entries = rows
        .iter()
        .map(|r| {
            let detail: String = r.try_get("detail")?;
            Ok(orgdesk_api::AuditEntry {
                id: super::get_uuid(r, "id")?,
                actor: super::get_opt_uuid(r, "actor_id")?,
                actor_email: r.try_get("actor_email")?,
                action: r.try_get("action")?,
                target_type: r.try_get("target_type")?,
                target_id: r.try_get("target_id")?,
                ip: r.try_get("ip")?,
                detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::Null),
                created_at: super::get_time(r, "created_at")?,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    Ok((entries, total))
}

/// Appends a clause whose `?` is the next placeholder.
fn push(sql: &mut String, binds: &mut Vec<Bind>, clause: &str, value: Bind) {
    binds.push(value);
    sql.push_str(&clause.replace('?', &format!("${}", binds.len())));
}

enum Bind {
    Text(String),
    Int(i64),
}

impl Bind {
    fn bind<'q>(
        &self,
        q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        match self {
            Self::Text(t) => q.bind(t.clone()),
            Self::Int(i) => q.bind(*i),
        }
    }
}
