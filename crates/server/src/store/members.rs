//! Members of an organization: keyset-paged lists, search and filters, all
//! through indexes (see the migrations), never a scan of the organization.

use std::collections::HashMap;

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::member_totals::{self, estimate_of};
use super::{get_opt_time, get_time, get_uuid, id_set, json_ids, now_ms, placeholders};
use crate::domain::cursor::{self, KeyValue, Keyset};
use orgdesk_api as api;

#[derive(Debug, Clone)]
pub struct MembershipRow {
    pub status: api::MembershipStatus,
}

pub async fn membership(
    conn: &mut AnyConnection,
    org: Uuid,
    account: Uuid,
) -> sqlx::Result<Option<MembershipRow>> {
    let row = sqlx::query("SELECT status FROM memberships WHERE org_id = $1 AND account_id = $2")
        .bind(org.to_string())
        .bind(account.to_string())
        .fetch_optional(conn)
        .await?;
    row.map(|r| {
        let status: String = r.try_get(0)?;
        Ok(MembershipRow {
            status: api::MembershipStatus::parse(&status)
                .unwrap_or(api::MembershipStatus::Suspended),
        })
    })
    .transpose()
}

/// Marks memberships changed (their groups), for clients that fetch only changes.
pub async fn touch(conn: &mut AnyConnection, org: Uuid, accounts: &[Uuid]) -> sqlx::Result<()> {
    let sql = format!(
        "UPDATE memberships SET updated_at = $2 WHERE org_id = $1 AND account_id IN {}",
        id_set(conn, 3)
    );
    sqlx::query(&sql)
        .bind(org.to_string())
        .bind(now_ms())
        .bind(json_ids(accounts))
        .execute(conn)
        .await?;
    Ok(())
}

const MEMBER_COLUMNS: &str = "m.account_id, a.name, a.email, m.status, m.joined_at, a.last_login_at, m.suspended_at, m.updated_at, m.sort_name, m.sort_email";

fn member(row: &AnyRow) -> sqlx::Result<api::Member> {
    let status: String = row.try_get("status")?;
    Ok(api::Member {
        id: get_uuid(row, "account_id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        status: api::MembershipStatus::parse(&status).unwrap_or(api::MembershipStatus::Suspended),
        groups: Vec::new(),
        joined_at: get_time(row, "joined_at")?,
        last_login_at: get_opt_time(row, "last_login_at")?,
        suspended_at: get_opt_time(row, "suspended_at")?,
        updated_at: get_time(row, "updated_at")?,
        managed: false,
        group_expiry: Vec::new(),
    })
}

/// Fills in each member's groups with one query for the page.
async fn attach_groups(
    conn: &mut AnyConnection,
    org: Uuid,
    members: &mut [api::Member],
) -> sqlx::Result<()> {
    if members.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "SELECT gm.account_id, g.id, g.name, gm.expires_at FROM group_members gm JOIN org_groups g ON g.id = gm.group_id
         WHERE gm.org_id = $1 AND gm.account_id IN ({}) ORDER BY g.name_key",
        placeholders(2, members.len())
    );
    let mut query = sqlx::query(&sql).bind(org.to_string());
    for m in members.iter() {
        query = query.bind(m.id.to_string());
    }
    let mut by_account: HashMap<Uuid, (Vec<api::GroupRef>, Vec<api::GroupExpiry>)> = HashMap::new();
    for row in query.fetch_all(&mut *conn).await? {
        let (groups, ends) = by_account.entry(get_uuid(&row, "account_id")?).or_default();
        let id = get_uuid(&row, "id")?;
        groups.push(api::GroupRef {
            id,
            name: row.try_get("name")?,
        });
        if let Some(expires_at) = get_opt_time(&row, "expires_at")? {
            ends.push(api::GroupExpiry {
                group: id,
                expires_at,
            });
        }
    }
    for m in members.iter_mut() {
        (m.groups, m.group_expiry) = by_account.remove(&m.id).unwrap_or_default();
    }
    Ok(())
}

pub async fn get(
    conn: &mut AnyConnection,
    org: Uuid,
    account: Uuid,
) -> sqlx::Result<Option<api::Member>> {
    let sql = format!(
        "SELECT {MEMBER_COLUMNS} FROM memberships m JOIN accounts a ON a.id = m.account_id WHERE m.org_id = $1 AND m.account_id = $2"
    );
    let Some(row) = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(account.to_string())
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut found = [member(&row)?];
    attach_groups(conn, org, &mut found).await?;
    let [m] = found;
    Ok(Some(m))
}

/// A query's words: the rule both programs apply (`orgdesk_api::search`).
pub fn search_words(q: &str) -> Vec<String> {
    api::search::query_words(q)
}

/// Where a keyset list stands: its sort column, direction and cursor.
struct Order {
    name: &'static str,
    column: &'static str,
    desc: bool,
}

impl Order {
    fn of(query: &api::MemberQuery) -> Self {
        let (name, column) = match query.sort.unwrap_or_default() {
            api::MemberSort::Name => ("name", "m.sort_name"),
            api::MemberSort::Email => ("email", "m.sort_email"),
            api::MemberSort::JoinedAt => ("joined_at", "m.joined_at"),
        };
        Self {
            name,
            column,
            desc: query.desc.unwrap_or(false),
        }
    }

    fn key_of(&self, row: &AnyRow) -> sqlx::Result<KeyValue> {
        Ok(match self.name {
            "name" => KeyValue::Text(row.try_get("sort_name")?),
            "email" => KeyValue::Text(row.try_get("sort_email")?),
            _ => KeyValue::Int(row.try_get("joined_at")?),
        })
    }
}

/// An invalid cursor: the caller answers 400.
#[derive(Debug)]
pub struct BadCursor;

/// Members sampled (in the organization's primary-key order: the probes by
/// account id then read neighbouring index pages) to estimate
/// how many match a broad query (fewer when the threshold is low).
const ESTIMATE_SAMPLE: i64 = 1_000;

/// One page of members matching the query, and how many match.
///
/// A query either has a small driving set (a search word or a group with at
/// most `exact_up_to` members here): then its matches are read, counted and
/// sorted, all few. Or it is broad: then the list walks the index of the
/// requested order, probing each member against the search and the group,
/// and stops at the page; its total is an estimate, and says so: a single
/// search word's from the word counts (`member_word_counts`), a group's
/// from the group counts (`group_member_counts`), anything else from a
/// sample. Status alone is counted exactly from `org_member_counts`.
pub async fn list(
    conn: &mut AnyConnection,
    org: Uuid,
    query: &api::MemberQuery,
    limit: u32,
    exact_up_to: i64,
) -> sqlx::Result<Result<api::Page<api::Member>, BadCursor>> {
    let order = Order::of(query);
    let position = match &query.cursor {
        None => None,
        Some(raw) => match cursor::decode::<Keyset>(raw).filter(|k| k.s == order.name) {
            Some(position) => Some(position),
            None => return Ok(Err(BadCursor)),
        },
    };
    let mut filters = String::new();
    let mut binds: Vec<KeyValue> = vec![KeyValue::Text(org.to_string())];
    let next = |binds: &mut Vec<KeyValue>, value: KeyValue| {
        binds.push(value);
        format!("${}", binds.len())
    };
    if let Some(status) = query.status {
        let p = next(&mut binds, KeyValue::Text(status.as_str().into()));
        filters.push_str(&format!(" AND m.status = {p}"));
    }
    if let Some(since) = query.updated_since {
        // Rounded down to the millisecond the column holds: never miss a change.
        let ms =
            i64::try_from(since.unix_timestamp_nanos().div_euclid(1_000_000)).unwrap_or(i64::MIN);
        let p = next(&mut binds, KeyValue::Int(ms));
        filters.push_str(&format!(" AND m.updated_at >= {p}"));
    }
    const DAY_MS: i64 = 86_400_000;
    let now = now_ms();
    if let Some(days) = query.inactive_days {
        // Never signed in: inactive since joining. A lookup of the member's
        // own account, so the condition holds in every statement below.
        let p = next(&mut binds, KeyValue::Int(now - i64::from(days) * DAY_MS));
        filters.push_str(&format!(
            " AND COALESCE((SELECT ad.last_login_at FROM accounts ad WHERE ad.id = m.account_id), m.joined_at) <= {p}"
        ));
    }
    if let Some(days) = query.expiring_within_days {
        let from = next(&mut binds, KeyValue::Int(now));
        let to = next(&mut binds, KeyValue::Int(now + i64::from(days) * DAY_MS));
        filters.push_str(&format!(
            " AND m.account_id IN (SELECT gx.account_id FROM group_members gx WHERE gx.org_id = $1 AND gx.expires_at > {from} AND gx.expires_at <= {to})"
        ));
    }
    // Probes: conditions on one member, each an index lookup by its id.
    let mut probes = String::new();
    // The same, each kept one lookup per walked row (PostgreSQL turns an
    // EXISTS into a join over all its matches unless an OFFSET fences it).
    let mut fenced = String::new();
    // Candidates to drive from: (SQL of the matching account ids, a bounded count of them here).
    let mut drivers: Vec<Driver> = Vec::new();
    if let Some(group) = query.group {
        let p = next(&mut binds, KeyValue::Text(group.to_string()));
        let probe = format!(
            " AND EXISTS (SELECT 1 FROM group_members gp WHERE gp.group_id = {p} AND gp.account_id = m.account_id"
        );
        probes.push_str(&format!("{probe})"));
        fenced.push_str(&format!("{probe} LIMIT 1 OFFSET 0)"));
        drivers.push(Driver {
            sql: format!("SELECT gd.account_id FROM group_members gd WHERE gd.group_id = {p}"),
            size: Size::Group(group),
        });
    }
    // A search matches members having, for each word of the query, a word
    // that it prefixes (the word index, `account_search`). The longest word
    // (usually the most selective) is the one that may drive.
    let mut words = query.q.as_deref().map(search_words).unwrap_or_default();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let word_count = words.len();
    // The driving word's prefix range.
    let mut range: Option<(String, String)> = None;
    for (i, word) in words.into_iter().enumerate() {
        let upper = format!("{word}{}", char::MAX);
        let prefix_range = (word.clone(), upper.clone());
        let lo = next(&mut binds, KeyValue::Text(word));
        let hi = next(&mut binds, KeyValue::Text(upper));
        let probe = format!(
            " AND EXISTS (SELECT 1 FROM account_search s{i} WHERE s{i}.account_id = m.account_id AND s{i}.token >= {lo} AND s{i}.token < {hi}"
        );
        probes.push_str(&format!("{probe})"));
        fenced.push_str(&format!("{probe} LIMIT 1 OFFSET 0)"));
        if i == 0 {
            // An address (a query word with '@' or '.') is no word of
            // member_words: it is looked up in the platform's word index.
            drivers.push(if prefix_range.0.contains(['@', '.']) {
                Driver {
                    sql: format!(
                        "SELECT DISTINCT sd.account_id FROM account_search sd WHERE sd.token >= {lo} AND sd.token < {hi}"
                    ),
                    // Counted over the whole platform's word index, stopping at the
                    // bound (no DISTINCT to finish first, no lookups): an account
                    // with two matching words, or in another organization, counts
                    // too, erring broad.
                    size: Size::Bounded {
                        alone: "SELECT sd.account_id FROM account_search sd WHERE sd.token >= $1 AND sd.token < $2".into(),
                        binds: binds[binds.len() - 2..].to_vec(),
                    },
                }
            } else {
                Driver {
                    sql: format!(
                        "SELECT DISTINCT sd.account_id FROM member_words sd WHERE sd.org_id = $1 AND sd.token >= {lo} AND sd.token < {hi}"
                    ),
                    size: Size::Words(prefix_range.clone()),
                }
            });
            range = Some(prefix_range.clone());
        }
    }

    // The smallest driving set, if one is small enough to read whole.
    let mut driver: Option<(String, i64)> = None;
    // The driving search word's members here, when the word counts say;
    // the group's members, from the group counts.
    let mut word_members: Option<i64> = None;
    let mut group_members: Option<i64> = None;
    if position.is_none() || position.as_ref().is_some_and(|p| p.e != Some(true)) {
        let bound = exact_up_to.max(0) + 1;
        for candidate in &drivers {
            let n = match &candidate.size {
                Size::Bounded { alone, binds } => {
                    // Counted on its own (PostgreSQL refuses binds a statement does not use).
                    let count_sql = format!("SELECT count(*) FROM ({alone} LIMIT {bound}) x");
                    bind_all(sqlx::query(&count_sql), binds)
                        .fetch_one(&mut *conn)
                        .await?
                        .try_get(0)?
                }
                Size::Words((lo, hi)) => {
                    let n = member_totals::members_with_words(conn, org, lo, hi, bound).await?;
                    word_members = n;
                    n.unwrap_or(bound)
                }
                Size::Group(group) => {
                    let n = member_totals::group_members(conn, org, *group).await?;
                    group_members = Some(n);
                    n
                }
            };
            if n < bound && driver.as_ref().is_none_or(|(_, best)| n < *best) {
                driver = Some((candidate.sql.clone(), n));
            }
        }
    }
    let broad = driver.is_none() && !drivers.is_empty();
    let (with, from, link) = match &driver {
        Some((sql, _)) => (
            format!("WITH hits AS ({sql}) "),
            // CROSS JOIN: SQLite starts from the few hits, whatever its statistics say.
            "hits h CROSS JOIN memberships m",
            " AND m.account_id = h.account_id",
        ),
        None => (String::new(), "memberships m", ""),
    };
    let matching = format!("{link}{filters}{probes}");

    // One search word or one group, and at most a status: counted by triggers.
    let kept_total = match (word_count, query.group) {
        (1, None) => word_members,
        (0, Some(_)) => group_members,
        _ => None,
    }
    .filter(|_| {
        query.updated_since.is_none()
            && query.inactive_days.is_none()
            && query.expiring_within_days.is_none()
    });
    let (total, estimate): (i64, bool) = match position.as_ref().and_then(|p| p.t) {
        Some(t) => (
            i64::try_from(t).unwrap_or(i64::MAX),
            position.as_ref().and_then(|p| p.e).unwrap_or(false),
        ),
        None if drivers.is_empty()
            && query.updated_since.is_none()
            && query.inactive_days.is_none()
            && query.expiring_within_days.is_none() =>
        {
            (counted(conn, org, query.status).await?, false)
        }
        None if broad => {
            if let Some(members) = kept_total {
                // Its members from the word or group counts (times the
                // status's share).
                let total = match query.status {
                    None => estimate_of(members, 1, 1),
                    Some(status) => estimate_of(
                        members,
                        counted(conn, org, None).await?,
                        counted(conn, org, Some(status)).await?,
                    ),
                };
                (total, true)
            } else {
                // The share of a sample that matches, times the members there are.
                let sample = ESTIMATE_SAMPLE.min(exact_up_to.saturating_mul(10)).max(1);
                let sample_sql = format!(
                    "SELECT count(*) AS sampled, COALESCE(SUM(CASE WHEN 1 = 1{probes} THEN 1 ELSE 0 END), 0) AS matched
                     FROM (SELECT m.account_id FROM memberships m WHERE m.org_id = $1{filters} ORDER BY m.account_id LIMIT {sample}) m"
                );
                let row = bind_all(sqlx::query(&sample_sql), &binds)
                    .fetch_one(&mut *conn)
                    .await?;
                let sampled: i64 = row.try_get("sampled")?;
                let matched: i64 = row.try_get::<i64, _>("matched")?;
                if sampled < sample {
                    // The sample was everyone.
                    (matched, false)
                } else {
                    let all = counted(conn, org, query.status).await?;
                    (estimate_of(matched, sampled, all), true)
                }
            }
            // (Raised below to what the page itself shows, should the sample miss.)
        }
        None => {
            let count_sql =
                format!("{with}SELECT count(*) FROM {from} WHERE m.org_id = $1{matching}");
            let n: i64 = bind_all(sqlx::query(&count_sql), &binds)
                .fetch_one(&mut *conn)
                .await?
                .try_get(0)?;
            (n, false)
        }
    };

    let position_was_none = position.is_none();
    let mut page_filters = matching.clone();
    let mut page_binds = binds.clone();
    // A broad search sorted by name or address: its matches lie between the
    // first and last key the word index holds for the driving word (a given
    // name's matches are one stretch of the name order); the walk covers only that.
    let key_column = match order.name {
        "name" => Some("sort_name"),
        "email" => Some("sort_email"),
        _ => None,
    };
    // A broad list in name order walks an ordered index of just its
    // candidates (migration 0008): the words of the driving search word, or
    // the group's members; each walk stops at the page.
    let walk = if broad && order.name == "name" {
        walk_arms(conn, org, range.as_ref(), query.group).await?
    } else {
        None
    };
    if walk.is_none()
        && broad
        && let (Some((lo, hi)), Some(key)) = (&range, key_column)
    {
        let bounds_sql = format!(
            "SELECT MIN({key}) AS first, MAX({key}) AS last FROM account_search WHERE token >= $1 AND token < $2"
        );
        let row = sqlx::query(&bounds_sql)
            .bind(lo.as_str())
            .bind(hi.as_str())
            .fetch_one(&mut *conn)
            .await?;
        let first: Option<String> = row.try_get("first")?;
        let last: Option<String> = row.try_get("last")?;
        if let (Some(first), Some(last)) = (first, last) {
            let f = next(&mut page_binds, KeyValue::Text(first));
            let l = next(&mut page_binds, KeyValue::Text(last));
            page_filters.push_str(&format!(
                " AND {col} >= {f} AND {col} <= {l}",
                col = order.column
            ));
        }
    }
    let cmp = if order.desc { "<" } else { ">" };
    let after = position.map(|position| {
        (
            next(&mut page_binds, position.k),
            next(&mut page_binds, KeyValue::Text(position.id)),
        )
    });
    if let Some((k, id)) = &after {
        page_filters.push_str(&format!(
            // A row value lets both databases seek the index to the cursor instead of scanning to it.
            " AND ({col}, m.account_id) {cmp} ({k}, {id})",
            col = order.column
        ));
    }
    let dir = if order.desc { "DESC" } else { "ASC" };
    let limit_param = next(&mut page_binds, KeyValue::Int(i64::from(limit) + 1));
    let page_sql = match walk {
        Some(Walk { source, keys }) => {
            // One arm per key, each an index range in name order stopping at
            // the page; the page is the first of their union.
            let arms = keys
                .into_iter()
                .enumerate()
                .map(|(i, key)| {
                    let key = next(&mut page_binds, KeyValue::Text(key));
                    let cursor = after.as_ref().map_or(String::new(), |(k, id)| {
                        format!(" AND (w.sort_name, w.account_id) {cmp} ({k}, {id})")
                    });
                    // CROSS JOIN: SQLite walks `w` first, as written.
                    format!(
                        "SELECT k, id FROM (SELECT w.sort_name AS k, w.account_id AS id FROM {source} CROSS JOIN memberships m
                           WHERE {keyed} AND m.org_id = $1 AND m.account_id = w.account_id AND m.sort_name = w.sort_name{filters}{fenced}{cursor}
                           ORDER BY w.sort_name {dir}, w.account_id {dir} LIMIT {limit_param}) arm{i}",
                        keyed = source.keyed(&key),
                    )
                })
                .collect::<Vec<_>>()
                .join(" UNION ");
            format!(
                "WITH hits AS ({arms}) SELECT {MEMBER_COLUMNS} FROM hits h JOIN memberships m ON m.org_id = $1 AND m.account_id = h.id
                 JOIN accounts a ON a.id = m.account_id ORDER BY m.sort_name {dir}, m.account_id {dir} LIMIT {limit_param}"
            )
        }
        None => format!(
            "{with}SELECT {MEMBER_COLUMNS} FROM {from} JOIN accounts a ON a.id = m.account_id WHERE m.org_id = $1{page_filters}
             ORDER BY {col} {dir}, m.account_id {dir} LIMIT {limit_param}",
            col = order.column
        ),
    };
    let rows = bind_all(sqlx::query(&page_sql), &page_binds)
        .fetch_all(&mut *conn)
        .await?;
    let has_more = rows.len() > limit as usize;
    let rows = &rows[..rows.len().min(limit as usize)];
    // An estimate never says fewer than the page shows (a sample from one
    // end of an index can miss matches that cluster at the other).
    let total = if estimate && position_was_none {
        total.max(i64::try_from(rows.len()).unwrap_or(0) + i64::from(has_more))
    } else {
        total
    };
    let mut items = rows.iter().map(member).collect::<sqlx::Result<Vec<_>>>()?;
    let next_cursor = match rows.last() {
        Some(last) if has_more => Some(cursor::encode(&Keyset {
            s: order.name.into(),
            k: order.key_of(last)?,
            id: get_uuid(last, "account_id")?.to_string(),
            t: u64::try_from(total).ok(),
            e: estimate.then_some(true),
        })),
        _ => None,
    };
    attach_groups(conn, org, &mut items).await?;
    Ok(Ok(api::Page {
        items,
        next_cursor,
        total: u64::try_from(total).unwrap_or(0),
        total_is_estimate: estimate,
    }))
}

/// Search words whose prefix range holds more distinct words than this in an
/// organization are walked in the members' own order instead (short
/// prefixes: their matches are dense there).
const MAX_WALKED_WORDS: i64 = 16;

/// Which ordered index a broad list in name order walks (migration 0008).
#[derive(Clone, Copy)]
enum Source {
    /// `member_words` of the organization, one arm per word.
    Words,
    /// `group_order` of one group.
    Group,
}

impl Source {
    fn keyed(self, key: &str) -> String {
        match self {
            Self::Words => format!("w.org_id = $1 AND w.token = {key}"),
            Self::Group => format!("w.group_id = {key}"),
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Words => "member_words w",
            Self::Group => "group_order w",
        })
    }
}

struct Walk {
    source: Source,
    /// The words (or the one group) whose ranges are walked.
    keys: Vec<String>,
}

/// The walk of a broad list in name order: the organization's distinct
/// words in the driving word's prefix range (found by skipping from one to
/// the next in the index, at most [`MAX_WALKED_WORDS`]), else the group's
/// members. `None`: walk the organization's members.
async fn walk_arms(
    conn: &mut AnyConnection,
    org: Uuid,
    range: Option<&(String, String)>,
    group: Option<Uuid>,
) -> sqlx::Result<Option<Walk>> {
    // An address (a query word with '@' or '.') is no word of member_words.
    if let Some((lo, hi)) = range.filter(|(lo, _)| !lo.contains(['@', '.'])) {
        let rows = sqlx::query(
            "WITH RECURSIVE t(token) AS (
                 SELECT MIN(token) FROM member_words WHERE org_id = $1 AND token >= $2 AND token < $3
                 UNION ALL
                 SELECT (SELECT MIN(w.token) FROM member_words w WHERE w.org_id = $1 AND w.token > t.token AND w.token < $3)
                 FROM t WHERE t.token IS NOT NULL)
             SELECT token FROM t WHERE token IS NOT NULL LIMIT $4",
        )
        .bind(org.to_string())
        .bind(lo.as_str())
        .bind(hi.as_str())
        .bind(MAX_WALKED_WORDS + 1)
        .fetch_all(&mut *conn)
        .await?;
        let keys = rows
            .iter()
            .map(|r| r.try_get::<String, _>(0))
            .collect::<sqlx::Result<Vec<_>>>()?;
        if i64::try_from(keys.len()).unwrap_or(i64::MAX) <= MAX_WALKED_WORDS {
            // No word at all: nothing matches; one arm finds that at once.
            let keys = if keys.is_empty() {
                vec![lo.clone()]
            } else {
                keys
            };
            return Ok(Some(Walk {
                source: Source::Words,
                keys,
            }));
        }
    }
    Ok(group.map(|g| Walk {
        source: Source::Group,
        keys: vec![g.to_string()],
    }))
}

/// A set of accounts a list may start from: its SQL in the list's
/// numbering, and how to tell its size.
struct Driver {
    sql: String,
    size: Size,
}

enum Size {
    /// A superset to count up to a bound, alone (numbered for `binds`).
    Bounded { alone: String, binds: Vec<KeyValue> },
    /// The organization's members having a word in this prefix range, from
    /// the word counts (migration 0010).
    Words((String, String)),
    /// The group's members, from the group counts (migration 0011).
    Group(Uuid),
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    binds: &[KeyValue],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for value in binds {
        query = match value {
            KeyValue::Int(i) => query.bind(*i),
            KeyValue::Text(t) => query.bind(t.clone()),
        };
    }
    query
}

/// Suspends or reactivates a membership; false when it already had that status.
pub async fn set_status(
    conn: &mut AnyConnection,
    org: Uuid,
    account: Uuid,
    status: api::MembershipStatus,
) -> sqlx::Result<bool> {
    let now = now_ms();
    let suspended_at = (status == api::MembershipStatus::Suspended).then_some(now);
    let done = sqlx::query("UPDATE memberships SET status = $3, suspended_at = $4, updated_at = $5 WHERE org_id = $1 AND account_id = $2 AND status <> $3")
        .bind(org.to_string())
        .bind(account.to_string())
        .bind(status.as_str())
        .bind(suspended_at)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks every member of a group changed (the group was renamed or is about to go).
pub async fn touch_group(conn: &mut AnyConnection, org: Uuid, group: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE memberships SET updated_at = $3 WHERE org_id = $1 AND account_id IN (SELECT account_id FROM group_members WHERE group_id = $2)")
        .bind(org.to_string())
        .bind(group.to_string())
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}

/// An organization's members (of one status), from the counts the database
/// keeps up to date (migration 0004): no counting of a large organization.
pub async fn counted(
    conn: &mut AnyConnection,
    org: Uuid,
    status: Option<api::MembershipStatus>,
) -> sqlx::Result<i64> {
    let base =
        "SELECT CAST(COALESCE(SUM(members), 0) AS BIGINT) FROM org_member_counts WHERE org_id = $1";
    match status {
        None => sqlx::query(base)
            .bind(org.to_string())
            .fetch_one(conn)
            .await?
            .try_get(0),
        Some(status) => sqlx::query(&format!("{base} AND status = $2"))
            .bind(org.to_string())
            .bind(status.as_str())
            .fetch_one(conn)
            .await?
            .try_get(0),
    }
}

/// When the membership took its current status: its suspension; else its
/// last reactivation (from the audit log, recorded in the same transaction),
/// else its joining. `None` when there is no such membership.
pub async fn status_since(
    conn: &mut AnyConnection,
    org: Uuid,
    account: Uuid,
) -> sqlx::Result<Option<time::OffsetDateTime>> {
    let row = sqlx::query(
        "SELECT m.joined_at, m.suspended_at,
                (SELECT MAX(l.created_at) FROM audit_log l
                  WHERE l.org_id = $1 AND l.action = 'member.reactivate' AND l.target_id = $2) AS reactivated_at
           FROM memberships m WHERE m.org_id = $1 AND m.account_id = $2",
    )
    .bind(org.to_string())
    .bind(account.to_string())
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let since = match get_opt_time(&row, "suspended_at")? {
        Some(suspended) => suspended,
        None => match get_opt_time(&row, "reactivated_at")? {
            Some(reactivated) => reactivated,
            None => get_time(&row, "joined_at")?,
        },
    };
    Ok(Some(since))
}

/// Suspends the active ones of `accounts` in one statement; answers them.
pub async fn suspend_many(
    conn: &mut AnyConnection,
    org: Uuid,
    accounts: &[Uuid],
) -> sqlx::Result<Vec<Uuid>> {
    let now = now_ms();
    let sql = format!(
        "UPDATE memberships SET status = 'suspended', suspended_at = $2, updated_at = $2
         WHERE org_id = $1 AND status = 'active' AND account_id IN {} RETURNING account_id",
        id_set(conn, 3)
    );
    let rows = sqlx::query(&sql)
        .bind(org.to_string())
        .bind(now)
        .bind(json_ids(accounts))
        .fetch_all(conn)
        .await?;
    rows.iter().map(|row| get_uuid(row, "account_id")).collect()
}
