//! How many members a broad list matches, read from the counts the
//! database keeps by triggers (the word counts, migration 0010; the group
//! counts, 0011) instead of counted or sampled at a million members.

use sqlx::{AnyConnection, Row};
use uuid::Uuid;

/// How many of the organization's members have a word in `[lo, hi)`, from
/// the word counts: a member with two such words counts twice, erring broad.
/// `None` when the range holds `bound` words or more (each at least one
/// member): then the matches are at least `bound` and not summed.
pub async fn members_with_words(
    conn: &mut AnyConnection,
    org: Uuid,
    lo: &str,
    hi: &str,
    bound: i64,
) -> sqlx::Result<Option<i64>> {
    let row = sqlx::query(&format!(
        "SELECT count(*) AS words, CAST(COALESCE(SUM(members), 0) AS BIGINT) AS members FROM
           (SELECT members FROM member_word_counts WHERE org_id = $1 AND token >= $2 AND token < $3 LIMIT {bound}) c"
    ))
    .bind(org.to_string())
    .bind(lo)
    .bind(hi)
    .fetch_one(conn)
    .await?;
    let words: i64 = row.try_get("words")?;
    (words < bound).then(|| row.try_get("members")).transpose()
}

/// `matched` of `sampled` scaled to `all`, to two significant digits ("about 62,000").
pub fn estimate_of(matched: i64, sampled: i64, all: i64) -> i64 {
    if sampled <= 0 || matched <= 0 {
        return 0;
    }
    let raw = (i128::from(matched) * i128::from(all) / i128::from(sampled)).max(1);
    let mut unit: i128 = 1;
    while raw / unit >= 100 {
        unit *= 10;
    }
    let rounded = (raw + unit / 2) / unit * unit;
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// How many members a group of the organization has (rows of
/// `group_members`, past their end or not: what a list filtered by the
/// group walks), from the group counts. Another organization's group has
/// none here.
pub async fn group_members(conn: &mut AnyConnection, org: Uuid, group: Uuid) -> sqlx::Result<i64> {
    let row = sqlx::query(
        "SELECT c.members FROM group_member_counts c JOIN org_groups g ON g.id = c.group_id
         WHERE c.group_id = $1 AND g.org_id = $2",
    )
    .bind(group.to_string())
    .bind(org.to_string())
    .fetch_optional(conn)
    .await?;
    // A group without a row has no members (see the migration).
    row.map_or(Ok(0), |r| r.try_get(0))
}
