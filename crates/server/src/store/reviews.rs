//! Access review campaigns, their reviewers and items.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::groups::in_force;
use super::{get_opt_time, get_opt_uuid, get_time, get_uuid, id_set, json_ids, now_ms};
use orgdesk_api as api;

/// A membership as a campaign records it when it starts.
#[derive(Debug, Clone)]
pub struct NewItem {
    pub account: Uuid,
    pub email: String,
    pub name: String,
    pub group: Uuid,
    pub group_name: String,
    pub permissions: Vec<String>,
    pub added_at: i64,
    pub added_by: Option<Uuid>,
}

/// The memberships in force of the organization (of `groups`, when given),
/// with who the member is and who added them. Permissions are left empty.
pub async fn memberships(
    conn: &mut AnyConnection,
    org: Uuid,
    groups: Option<&[Uuid]>,
) -> sqlx::Result<Vec<NewItem>> {
    let only = match groups {
        Some(_) => format!(" AND gm.group_id IN {}", id_set(conn, 3)),
        None => String::new(),
    };
    let sql = format!(
        "SELECT gm.account_id, a.email, a.name, g.id AS group_id, g.name AS group_name, gm.added_at, gm.added_by
           FROM group_members gm
           JOIN accounts a ON a.id = gm.account_id
           JOIN org_groups g ON g.id = gm.group_id
          WHERE gm.org_id = $1 AND {}{only}",
        in_force("gm", "$2")
    );
    let mut query = sqlx::query(&sql).bind(org.to_string()).bind(now_ms());
    if let Some(groups) = groups {
        query = query.bind(json_ids(groups));
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter()
        .map(|row| {
            Ok(NewItem {
                account: get_uuid(row, "account_id")?,
                email: row.try_get("email")?,
                name: row.try_get("name")?,
                group: get_uuid(row, "group_id")?,
                group_name: row.try_get("group_name")?,
                permissions: Vec::new(),
                added_at: row.try_get("added_at")?,
                added_by: get_opt_uuid(row, "added_by")?,
            })
        })
        .collect()
}

/// Starts a campaign with its reviewers and items; answers its id.
pub async fn insert(
    conn: &mut AnyConnection,
    org: Uuid,
    name: &str,
    due_at: i64,
    created_by: Uuid,
    reviewers: &[Uuid],
    items: &[NewItem],
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO access_reviews (id, org_id, name, status, due_at, created_by, created_at)
         VALUES ($1, $2, $3, 'open', $4, $5, $6)",
    )
    .bind(id.to_string())
    .bind(org.to_string())
    .bind(name)
    .bind(due_at)
    .bind(created_by.to_string())
    .bind(now_ms())
    .execute(&mut *conn)
    .await?;
    let sql = format!(
        "INSERT INTO access_review_reviewers (review_id, account_id) SELECT $1, value FROM {} AS ids",
        id_set(conn, 2)
    );
    sqlx::query(&sql)
        .bind(id.to_string())
        .bind(json_ids(reviewers))
        .execute(&mut *conn)
        .await?;
    for chunk in items.chunks(400) {
        let values = (0..chunk.len())
            .map(|i| {
                let b = i * 9 + 2;
                format!(
                    "(${b}, $1, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, 1)",
                    b + 1,
                    b + 2,
                    b + 3,
                    b + 4,
                    b + 5,
                    b + 6,
                    b + 7,
                    b + 8
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO access_review_items (id, review_id, account_id, email, name, group_id, group_name, permissions, added_at, added_by, version) VALUES {values}"
        );
        let mut query = sqlx::query(&sql).bind(id.to_string());
        for item in chunk {
            query = query
                .bind(Uuid::now_v7().to_string())
                .bind(item.account.to_string())
                .bind(item.email.clone())
                .bind(item.name.clone())
                .bind(item.group.to_string())
                .bind(item.group_name.clone())
                .bind(serde_json::to_string(&item.permissions).unwrap_or_else(|_| "[]".into()))
                .bind(item.added_at)
                .bind(item.added_by.map(|a| a.to_string()));
        }
        query.execute(&mut *conn).await?;
    }
    Ok(id)
}

const REVIEW_COLUMNS: &str =
    "id, name, status, due_at, created_by, created_at, completed_at FROM access_reviews";

fn review(row: &AnyRow) -> sqlx::Result<api::AccessReview> {
    let status: String = row.try_get("status")?;
    Ok(api::AccessReview {
        id: get_uuid(row, "id")?,
        name: row.try_get("name")?,
        status: api::ReviewStatus::parse(&status).unwrap_or(api::ReviewStatus::Completed),
        due_at: get_time(row, "due_at")?,
        created_at: get_time(row, "created_at")?,
        created_by: get_opt_uuid(row, "created_by")?,
        completed_at: get_opt_time(row, "completed_at")?,
        reviewers: Vec::new(),
        counts: api::ReviewCounts::default(),
    })
}

/// Fills in a campaign's reviewers and counts.
async fn complete_row(
    conn: &mut AnyConnection,
    review: &mut api::AccessReview,
) -> sqlx::Result<()> {
    let rows = sqlx::query(
        "SELECT account_id FROM access_review_reviewers WHERE review_id = $1 ORDER BY account_id",
    )
    .bind(review.id.to_string())
    .fetch_all(&mut *conn)
    .await?;
    review.reviewers = rows
        .iter()
        .map(|r| get_uuid(r, "account_id"))
        .collect::<sqlx::Result<_>>()?;
    let rows = sqlx::query(
        "SELECT decision, count(*) AS n FROM access_review_items WHERE review_id = $1 GROUP BY decision",
    )
    .bind(review.id.to_string())
    .fetch_all(conn)
    .await?;
    let mut counts = api::ReviewCounts::default();
    for row in &rows {
        let n = u64::try_from(row.try_get::<i64, _>("n")?).unwrap_or(0);
        counts.items += n;
        match row
            .try_get::<Option<String>, _>("decision")?
            .as_deref()
            .and_then(api::ReviewDecision::parse)
        {
            Some(api::ReviewDecision::Keep) => counts.keep += n,
            Some(api::ReviewDecision::Revoke) => counts.revoke += n,
            Some(api::ReviewDecision::Expire) => counts.expire += n,
            None => continue,
        }
        counts.decided += n;
    }
    review.counts = counts;
    Ok(())
}

/// One campaign of the organization; another organization's is `None`.
pub async fn get(
    conn: &mut AnyConnection,
    org: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<api::AccessReview>> {
    let sql = format!("SELECT {REVIEW_COLUMNS} WHERE org_id = $1 AND id = $2");
    let Some(row) = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut found = review(&row)?;
    complete_row(conn, &mut found).await?;
    Ok(Some(found))
}

/// The organization's campaigns, newest first; only those `reviewer`
/// reviews, when given.
pub async fn list(
    conn: &mut AnyConnection,
    org: Uuid,
    reviewer: Option<Uuid>,
    after: Option<(i64, Uuid)>,
    limit: u32,
) -> sqlx::Result<(Vec<api::AccessReview>, i64)> {
    // $1 org, $2 limit, then the reviewer and the position, as present.
    let mut next = 3;
    let only = match reviewer {
        Some(_) => {
            next += 1;
            format!(
                " AND id IN (SELECT review_id FROM access_review_reviewers WHERE account_id = ${})",
                next - 1
            )
        }
        None => String::new(),
    };
    let seek = match after {
        Some(_) => format!(" AND (created_at, id) < (${}, ${})", next, next + 1),
        None => String::new(),
    };
    let sql = format!(
        "SELECT {REVIEW_COLUMNS} WHERE org_id = $1{only}{seek} ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    let mut query = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(i64::from(limit));
    if let Some(reviewer) = reviewer {
        query = query.bind(reviewer.to_string());
    }
    if let Some((at, id)) = after {
        query = query.bind(at).bind(id.to_string());
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut reviews = rows.iter().map(review).collect::<sqlx::Result<Vec<_>>>()?;
    for r in &mut reviews {
        complete_row(conn, r).await?;
    }
    let count_sql = format!(
        "SELECT count(*) FROM access_reviews WHERE org_id = $1{}",
        only.replace("$3", "$2")
    );
    let mut count = sqlx::query(&count_sql).bind(org.to_string());
    if let Some(reviewer) = reviewer {
        count = count.bind(reviewer.to_string());
    }
    let total: i64 = count.fetch_one(conn).await?.try_get(0)?;
    Ok((reviews, total))
}

/// Whether `account` is named a reviewer of the campaign.
pub async fn is_reviewer(
    conn: &mut AnyConnection,
    review: Uuid,
    account: Uuid,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "SELECT 1 FROM access_review_reviewers WHERE review_id = $1 AND account_id = $2",
    )
    .bind(review.to_string())
    .bind(account.to_string())
    .fetch_optional(conn)
    .await?
    .is_some())
}

const ITEM_COLUMNS: &str = "i.id, i.account_id, i.email, i.name, i.group_id, i.group_name, i.permissions, i.added_at, i.added_by,
    i.decision, i.decision_expires_at, i.decided_by, i.decided_at, i.outcome, i.version, d.email AS decided_by_email";

/// An item with what completion did to it and who decided, by email.
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub item: api::ReviewItem,
    pub outcome: Option<String>,
    pub decided_by_email: Option<String>,
}

fn item(row: &AnyRow) -> sqlx::Result<ItemRow> {
    let permissions: String = row.try_get("permissions")?;
    let decision = match row
        .try_get::<Option<String>, _>("decision")?
        .as_deref()
        .and_then(api::ReviewDecision::parse)
    {
        None => None,
        Some(decision) => Some(api::ItemDecision {
            decision,
            expires_at: get_opt_time(row, "decision_expires_at")?,
            decided_by: get_opt_uuid(row, "decided_by")?.unwrap_or_default(),
            decided_at: get_opt_time(row, "decided_at")?
                .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
        }),
    };
    Ok(ItemRow {
        item: api::ReviewItem {
            item_id: get_uuid(row, "id")?,
            account: get_uuid(row, "account_id")?,
            email: row.try_get("email")?,
            name: row.try_get("name")?,
            group: api::GroupRef {
                id: get_uuid(row, "group_id")?,
                name: row.try_get("group_name")?,
            },
            permissions: serde_json::from_str(&permissions).unwrap_or_default(),
            added_at: get_time(row, "added_at")?,
            added_by: get_opt_uuid(row, "added_by")?,
            decision,
            version: row.try_get("version")?,
        },
        outcome: row.try_get("outcome")?,
        decided_by_email: row.try_get("decided_by_email")?,
    })
}

/// Where a page of items ends: the last item's email, group name and id.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ItemCursor {
    pub e: String,
    pub g: String,
    pub id: String,
}

/// A page of a campaign's items by email, group name and id, after `after`.
pub async fn items(
    conn: &mut AnyConnection,
    review: Uuid,
    after: Option<&ItemCursor>,
    limit: u32,
) -> sqlx::Result<(Vec<ItemRow>, i64)> {
    let seek = if after.is_some() {
        " AND (i.email, i.group_name, i.id) > ($3, $4, $5)"
    } else {
        ""
    };
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM access_review_items i LEFT JOIN accounts d ON d.id = i.decided_by
         WHERE i.review_id = $1{seek} ORDER BY i.email, i.group_name, i.id LIMIT $2"
    );
    let mut query = sqlx::query(&sql)
        .bind(review.to_string())
        .bind(i64::from(limit));
    if let Some(after) = after {
        query = query
            .bind(after.e.clone())
            .bind(after.g.clone())
            .bind(after.id.clone());
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let total: i64 = sqlx::query("SELECT count(*) FROM access_review_items WHERE review_id = $1")
        .bind(review.to_string())
        .fetch_one(conn)
        .await?
        .try_get(0)?;
    Ok((rows.iter().map(item).collect::<sqlx::Result<_>>()?, total))
}

/// Every item of a campaign, in list order.
pub async fn all_items(conn: &mut AnyConnection, review: Uuid) -> sqlx::Result<Vec<ItemRow>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM access_review_items i LEFT JOIN accounts d ON d.id = i.decided_by
         WHERE i.review_id = $1 ORDER BY i.email, i.group_name, i.id"
    );
    let rows = sqlx::query(&sql)
        .bind(review.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(item).collect()
}

/// One item of a campaign.
pub async fn item_of(
    conn: &mut AnyConnection,
    review: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<ItemRow>> {
    let sql = format!(
        "SELECT {ITEM_COLUMNS} FROM access_review_items i LEFT JOIN accounts d ON d.id = i.decided_by
         WHERE i.review_id = $1 AND i.id = $2"
    );
    let row = sqlx::query(&sql)
        .bind(review.to_string())
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(item).transpose()
}

/// Records a decision if the item is still at `version`; false when it is
/// not (a conflict: nothing is written).
pub async fn decide(
    conn: &mut AnyConnection,
    review: Uuid,
    id: Uuid,
    version: i64,
    decision: api::ReviewDecision,
    expires_at: Option<i64>,
    by: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE access_review_items SET decision = $4, decision_expires_at = $5, decided_by = $6, decided_at = $7, version = version + 1
         WHERE review_id = $1 AND id = $2 AND version = $3",
    )
    .bind(review.to_string())
    .bind(id.to_string())
    .bind(version)
    .bind(decision.as_str())
    .bind(expires_at)
    .bind(by.to_string())
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes a campaign with each item's outcome.
pub async fn close(
    conn: &mut AnyConnection,
    review: Uuid,
    by: Uuid,
    outcomes: &[(Uuid, &'static str)],
) -> sqlx::Result<()> {
    let mut by_outcome: std::collections::BTreeMap<&str, Vec<Uuid>> = Default::default();
    for (item, outcome) in outcomes {
        by_outcome.entry(outcome).or_default().push(*item);
    }
    for (outcome, items) in by_outcome {
        let sql = format!(
            "UPDATE access_review_items SET outcome = $2 WHERE review_id = $1 AND id IN {}",
            id_set(conn, 3)
        );
        sqlx::query(&sql)
            .bind(review.to_string())
            .bind(outcome)
            .bind(json_ids(&items))
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "UPDATE access_reviews SET status = 'completed', completed_by = $2, completed_at = $3 WHERE id = $1",
    )
    .bind(review.to_string())
    .bind(by.to_string())
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}
