//! Bulk seeding of members for benchmarks and the demo organization.

use rand::RngCore;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::accounts::search_words;
use super::{Db, now_ms};

/// Generated people: "Given Family" names, unique addresses.
pub fn person(i: usize) -> (String, String) {
    person_at(i, "example.com")
}

/// [`person`] with addresses at `domain`.
pub fn person_at(i: usize, domain: &str) -> (String, String) {
    const GIVEN: [&str; 16] = [
        "Ada", "Ben", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
        "Kemi", "Lars", "Mia", "Nuno", "Olga", "Priya",
    ];
    const FAMILY: [&str; 16] = [
        "Smith", "Müller", "García", "Rossi", "Nowak", "Silva", "Jensen", "Kim", "Dubois", "Novak",
        "Okafor", "Larsen", "Tanaka", "Costa", "Ivanova", "Patel",
    ];
    let given = GIVEN[i % GIVEN.len()];
    let family = FAMILY[(i / GIVEN.len()) % FAMILY.len()];
    let name = format!("{given} {family} {i}");
    let email = format!("{}.{}{i}@{domain}", ascii(given), ascii(family));
    (name, email)
}

fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' => 'e',
            'ü' => 'u',
            'í' => 'i',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// One generated member: a verified account and its membership.
#[derive(Debug, Clone)]
pub struct NewMember {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    /// The groups of the organization they are in.
    pub groups: Vec<Uuid>,
    /// Suspended since then; `None` for an active member.
    pub suspended_at: Option<i64>,
    /// Unix milliseconds, as every time here.
    pub joined_at: i64,
    /// The membership's last change (see `MemberQuery::updated_since`).
    pub updated_at: i64,
    pub last_login_at: Option<i64>,
}

/// Inserts `count` verified accounts as active members of `org`, each in `groups`.
/// Rows go in multi-row statements, a thousand people per transaction.
pub async fn members(
    db: &Db,
    org: Uuid,
    first: usize,
    count: usize,
    groups: &[Uuid],
    password_hash: &str,
) -> anyhow::Result<Vec<Uuid>> {
    let mut ids = Vec::with_capacity(count);
    let now = now_ms();
    for batch_start in (first..first + count).step_by(1000) {
        let batch_end = (batch_start + 1000).min(first + count);
        let people: Vec<NewMember> = (batch_start..batch_end)
            .map(|i| {
                let (name, email) = person(i);
                NewMember {
                    id: Uuid::now_v7(),
                    name,
                    email,
                    groups: groups.to_vec(),
                    suspended_at: None,
                    joined_at: now,
                    updated_at: now,
                    last_login_at: None,
                }
            })
            .collect();
        let mut tx = db.begin().await?;
        insert_members(&mut tx, org, &people, password_hash).await?;
        tx.commit().await?;
        ids.extend(people.into_iter().map(|p| p.id));
    }
    Ok(ids)
}

/// Inserts `people` (accounts, search words, memberships, group memberships)
/// into `org` on `conn`, five hundred people per statement; the caller holds the
/// transaction. Each account is created when its membership began.
pub async fn insert_members(
    conn: &mut AnyConnection,
    org: Uuid,
    people: &[NewMember],
    password_hash: &str,
) -> sqlx::Result<()> {
    let pg = is_postgres(conn);
    for chunk in people.chunks(500) {
        let sql = format!(
            "INSERT INTO accounts (id, email, name, password_hash, email_verified, version, created_at, updated_at, last_login_at) VALUES {}",
            rows(pg, chunk.len(), "(?, ?, ?, ?, TRUE, 1, ?, ?, ?)")
        );
        let mut q = sqlx::query(&sql);
        for p in chunk {
            q = q
                .bind(p.id.to_string())
                .bind(p.email.clone())
                .bind(p.name.clone())
                .bind(password_hash)
                .bind(p.joined_at)
                .bind(p.joined_at)
                .bind(p.last_login_at);
        }
        q.execute(&mut *conn).await?;

        let sql = format!(
            "INSERT INTO memberships (org_id, account_id, sort_name, sort_email, status, joined_at, suspended_at, updated_at) VALUES {}",
            rows(pg, chunk.len(), "(?, ?, ?, ?, ?, ?, ?, ?)")
        );
        let mut q = sqlx::query(&sql);
        for p in chunk {
            let status = if p.suspended_at.is_some() {
                "suspended"
            } else {
                "active"
            };
            q = q
                .bind(org.to_string())
                .bind(p.id.to_string())
                .bind(p.name.to_lowercase())
                .bind(p.email.to_lowercase())
                .bind(status)
                .bind(p.joined_at)
                .bind(p.suspended_at)
                .bind(p.updated_at);
        }
        q.execute(&mut *conn).await?;

        // Each word with the account's sort keys (as in `accounts::set_search_words`).
        let words: Vec<(String, usize)> = chunk
            .iter()
            .enumerate()
            .flat_map(|(k, p)| {
                search_words(&p.name, &p.email)
                    .into_iter()
                    .map(move |w| (w, k))
            })
            .collect();
        let keys: Vec<(String, String, String)> = chunk
            .iter()
            .map(|p| {
                (
                    p.id.to_string(),
                    p.name.to_lowercase(),
                    p.email.to_lowercase(),
                )
            })
            .collect();
        for part in words.chunks(2000) {
            let sql = format!(
                "INSERT INTO account_search (token, account_id, sort_name, sort_email) VALUES {} ON CONFLICT DO NOTHING",
                rows(pg, part.len(), "(?, ?, ?, ?)")
            );
            let mut q = sqlx::query(&sql);
            for (word, k) in part {
                let (id, name, email) = &keys[*k];
                q = q
                    .bind(word.clone())
                    .bind(id.clone())
                    .bind(name.clone())
                    .bind(email.clone());
            }
            q.execute(&mut *conn).await?;
        }

        let in_groups: Vec<(&Uuid, &NewMember)> = chunk
            .iter()
            .flat_map(|p| p.groups.iter().map(move |g| (g, p)))
            .collect();
        for part in in_groups.chunks(1000) {
            let sql = format!(
                "INSERT INTO group_members (group_id, org_id, account_id, added_at) VALUES {}",
                rows(pg, part.len(), "(?, ?, ?, ?)")
            );
            let mut q = sqlx::query(&sql);
            for (group, p) in part {
                q = q
                    .bind(group.to_string())
                    .bind(org.to_string())
                    .bind(p.id.to_string())
                    .bind(p.joined_at);
            }
            q.execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// One past sign-in of a generated member.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub account: Uuid,
    /// The organization it was opened into; `None` for a platform-wide one.
    pub org: Option<Uuid>,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    pub ip: Option<String>,
    pub location: Option<String>,
    pub device: Option<String>,
    pub user_agent: Option<String>,
}

/// Inserts sessions, a hundred per statement. Each gets a random token hash
/// that no token was ever issued for: nobody can sign in with them.
pub async fn insert_sessions(
    conn: &mut AnyConnection,
    sessions: &[NewSession],
) -> sqlx::Result<()> {
    for chunk in sessions.chunks(100) {
        let sql = format!(
            "INSERT INTO sessions (id, token_hash, account_id, org_id, created_at, last_seen_at, expires_at, revoked_at, ip, location, device, user_agent) VALUES {}",
            rows(
                is_postgres(conn),
                chunk.len(),
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            )
        );
        let mut q = sqlx::query(&sql);
        for (s, hash) in chunk.iter().zip(random_hashes(chunk.len())) {
            q = q
                .bind(Uuid::now_v7().to_string())
                .bind(hash)
                .bind(s.account.to_string())
                .bind(s.org.map(|o| o.to_string()))
                .bind(s.created_at)
                .bind(s.last_seen_at)
                .bind(s.expires_at)
                .bind(s.revoked_at)
                .bind(s.ip.clone())
                .bind(s.location.clone())
                .bind(s.device.clone())
                .bind(s.user_agent.clone());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Random 32-byte hex strings. A plain function, so no generator is held
/// across an await and the seeding futures stay `Send`.
fn random_hashes(n: usize) -> Vec<String> {
    let mut rng = rand::rng();
    (0..n)
        .map(|_| {
            let mut secret = [0u8; 32];
            rng.fill_bytes(&mut secret);
            hex::encode(secret)
        })
        .collect()
}

/// An audit-log entry of the past (`audit::record` writes the present).
#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    pub org: Uuid,
    pub actor: Option<Uuid>,
    pub action: String,
    pub target_type: String,
    pub target_id: Option<String>,
    pub ip: Option<String>,
    pub detail: serde_json::Value,
    pub created_at: i64,
}

pub async fn insert_audit(conn: &mut AnyConnection, entries: &[NewAuditEntry]) -> sqlx::Result<()> {
    for chunk in entries.chunks(100) {
        let sql = format!(
            "INSERT INTO audit_log (id, org_id, actor_id, action, target_type, target_id, ip, detail, created_at) VALUES {}",
            rows(
                is_postgres(conn),
                chunk.len(),
                "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
            )
        );
        let mut q = sqlx::query(&sql);
        for e in chunk {
            q = q
                .bind(Uuid::now_v7().to_string())
                .bind(e.org.to_string())
                .bind(e.actor.map(|a| a.to_string()))
                .bind(e.action.clone())
                .bind(e.target_type.clone())
                .bind(e.target_id.clone())
                .bind(e.ip.clone())
                .bind(e.detail.to_string())
                .bind(e.created_at);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Dates an organization, its groups and its creator's account and
/// membership back to `at` (a seeded organization has a history).
pub async fn backdate_org(
    conn: &mut AnyConnection,
    org: Uuid,
    creator: Uuid,
    at: i64,
) -> sqlx::Result<()> {
    for sql in [
        "UPDATE orgs SET created_at = $2, updated_at = $2 WHERE id = $1",
        "UPDATE org_groups SET created_at = $2, updated_at = $2 WHERE org_id = $1",
    ] {
        sqlx::query(sql)
            .bind(org.to_string())
            .bind(at)
            .execute(&mut *conn)
            .await?;
    }
    for sql in [
        "UPDATE memberships SET joined_at = $2, updated_at = $2 WHERE org_id = $1 AND account_id = $3",
        "UPDATE group_members SET added_at = $2 WHERE org_id = $1 AND account_id = $3",
    ] {
        sqlx::query(sql)
            .bind(org.to_string())
            .bind(at)
            .bind(creator.to_string())
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("UPDATE accounts SET created_at = $2 WHERE id = $1 AND created_at > $2")
        .bind(creator.to_string())
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Tables whose secondary indexes a large bulk load builds afterwards.
const BULK_TABLES: &str = "'memberships', 'group_members', 'sessions', 'account_search'";

/// Drops the secondary (non-unique) indexes of the tables a bulk load fills
/// and answers the statements that build them again ([`create_indexes`]):
/// building an index once over sorted rows beats growing it row by row.
pub async fn drop_indexes(conn: &mut AnyConnection) -> sqlx::Result<Vec<String>> {
    let sql = if conn.backend_name().eq_ignore_ascii_case("postgresql") {
        format!(
            "SELECT CAST(indexname AS TEXT) AS name, indexdef AS def FROM pg_indexes
             WHERE schemaname = current_schema() AND tablename IN ({BULK_TABLES})
               AND indexdef NOT LIKE 'CREATE UNIQUE%'"
        )
    } else {
        format!(
            "SELECT name, sql AS def FROM sqlite_master
             WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({BULK_TABLES})
               AND sql NOT LIKE 'CREATE UNIQUE%'"
        )
    };
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    let mut creates = Vec::with_capacity(rows.len());
    for row in &rows {
        let name: String = row.try_get("name")?;
        creates.push(row.try_get::<String, _>("def")?);
        sqlx::query(&format!("DROP INDEX {name}"))
            .execute(&mut *conn)
            .await?;
    }
    Ok(creates)
}

/// Builds the indexes [`drop_indexes`] dropped.
pub async fn create_indexes(conn: &mut AnyConnection, creates: &[String]) -> sqlx::Result<()> {
    for sql in creates {
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Tables whose triggers (member counts, migration 0004; the ordered
/// member indexes, 0008; their word counts, 0010; the group counts, 0011)
/// a large bulk load replaces by [`rebuild_derived`] (which also does what
/// the group rows' stamp triggers of 0014 would have done).
const TRIGGER_TABLES: &str = "'memberships', 'group_members', 'account_search', 'member_words'";

/// Drops the triggers on the tables a bulk load fills and answers the
/// statements that create them again ([`create_triggers`]). Only for a
/// load no other writer shares: until they are back, nothing keeps the
/// counts and the ordered indexes.
pub async fn drop_triggers(conn: &mut AnyConnection) -> sqlx::Result<Vec<String>> {
    let postgres = conn.backend_name().eq_ignore_ascii_case("postgresql");
    let sql = if postgres {
        format!(
            "SELECT CAST(t.tgname AS TEXT) AS name, CAST(c.relname AS TEXT) AS tbl, pg_get_triggerdef(t.oid) AS def
             FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE NOT t.tgisinternal AND c.relname IN ({TRIGGER_TABLES})
               AND c.relnamespace = CAST(current_schema() AS regnamespace)"
        )
    } else {
        format!(
            "SELECT name, tbl_name AS tbl, sql AS def FROM sqlite_master
             WHERE type = 'trigger' AND tbl_name IN ({TRIGGER_TABLES})"
        )
    };
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    let mut creates = Vec::with_capacity(rows.len());
    for row in &rows {
        let name: String = row.try_get("name")?;
        let table: String = row.try_get("tbl")?;
        creates.push(row.try_get::<String, _>("def")?);
        let drop = if postgres {
            format!("DROP TRIGGER {name} ON {table}")
        } else {
            format!("DROP TRIGGER {name}")
        };
        sqlx::query(&drop).execute(&mut *conn).await?;
    }
    Ok(creates)
}

/// Creates the triggers [`drop_triggers`] dropped.
pub async fn create_triggers(conn: &mut AnyConnection, creates: &[String]) -> sqlx::Result<()> {
    for sql in creates {
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    Ok(())
}

/// What the dropped triggers would have kept for `org`: its member counts,
/// its ordered member indexes (migration 0008), their word counts (0010)
/// and its groups' member counts (0011), each written in one sorted pass.
pub async fn rebuild_derived(conn: &mut AnyConnection, org: Uuid) -> sqlx::Result<()> {
    let postgres = conn.backend_name().eq_ignore_ascii_case("postgresql");
    let no_dot = if postgres {
        "strpos(s.token, '@') = 0 AND strpos(s.token, '.') = 0"
    } else {
        "instr(s.token, '@') = 0 AND instr(s.token, '.') = 0"
    };
    for sql in [
        "DELETE FROM org_member_counts WHERE org_id = $1".to_string(),
        "INSERT INTO org_member_counts (org_id, status, members)
         SELECT org_id, status, count(*) FROM memberships WHERE org_id = $1 GROUP BY org_id, status"
            .to_string(),
        format!(
            "INSERT INTO member_words (org_id, token, sort_name, account_id)
             SELECT m.org_id, s.token, m.sort_name, m.account_id
             FROM memberships m JOIN account_search s ON s.account_id = m.account_id
             WHERE m.org_id = $1 AND {no_dot}
             ORDER BY 1, 2, 3, 4
             ON CONFLICT DO NOTHING"
        ),
        "INSERT INTO group_order (group_id, sort_name, account_id)
         SELECT gm.group_id, m.sort_name, gm.account_id
         FROM group_members gm JOIN memberships m ON m.org_id = gm.org_id AND m.account_id = gm.account_id
         WHERE gm.org_id = $1
         ORDER BY 1, 2, 3
         ON CONFLICT DO NOTHING"
            .to_string(),
        "DELETE FROM member_word_counts WHERE org_id = $1".to_string(),
        "INSERT INTO member_word_counts (org_id, token, members)
         SELECT org_id, token, count(*) FROM member_words WHERE org_id = $1 GROUP BY org_id, token"
            .to_string(),
        "DELETE FROM group_member_counts WHERE group_id IN (SELECT id FROM org_groups WHERE org_id = $1)"
            .to_string(),
        // Each group's members counted along its primary key (built throughout).
        "INSERT INTO group_member_counts (group_id, members)
         SELECT g.id, (SELECT count(*) FROM group_members gm WHERE gm.group_id = g.id)
         FROM org_groups g WHERE g.org_id = $1"
            .to_string(),
        // The group rows came without their triggers: the organization's
        // stamp (migration 0014) moves as they would have moved it.
        "UPDATE orgs SET auth_stamp = auth_stamp WHERE id = $1".to_string(),
    ] {
        sqlx::query(&sql)
            .bind(org.to_string())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Settings for a bulk load on this connection: SQLite keeps more of the
/// indexes it grows in memory (the default cache is 2 MB), and its
/// temporary files too: each multi-row insert's statement journal (the
/// pages it changed, kept to undo it alone) and the sorts that build the
/// indexes and the ordered member indexes. On files they cost a fifth of a
/// seed's time in writes (perf, 200k members). The sorts that build the
/// indexes run on every core.
pub async fn bulk_session(conn: &mut AnyConnection) -> sqlx::Result<()> {
    if !conn.backend_name().eq_ignore_ascii_case("postgresql") {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        for pragma in [
            "PRAGMA cache_size = -262144".to_string(),
            "PRAGMA temp_store = MEMORY".to_string(),
            format!("PRAGMA threads = {cores}"),
        ] {
            sqlx::query(&pragma).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// After a bulk load: the planner's statistics, so lists and searches of the
/// seeded organization start from the selective index.
pub async fn finish(conn: &mut AnyConnection, _org: Uuid) -> sqlx::Result<()> {
    // PostgreSQL: VACUUM too, so index-only scans need not visit the table.
    let sql = if conn.backend_name().eq_ignore_ascii_case("postgresql") {
        "VACUUM ANALYZE"
    } else {
        "ANALYZE"
    };
    sqlx::query(sql).execute(&mut *conn).await?;
    if sql == "ANALYZE" {
        super::drop_samples(conn).await?;
    }
    Ok(())
}

/// `n` `VALUES` rows of `template`, whose `?` marks are its parameters in
/// the order they are bound: kept as `?` on SQLite (a numbered `$N` costs
/// SQLite a search through every name of the statement, each bind, which
/// made a statement of thousands quadratic), numbered `$1…` on PostgreSQL.
fn rows(postgres: bool, n: usize, template: &str) -> String {
    let mut out = String::with_capacity(n * (template.len() + 16));
    let mut k = 0;
    for i in 0..n {
        if i > 0 {
            out.push_str(", ");
        }
        for c in template.chars() {
            if c == '?' && postgres {
                k += 1;
                out.push_str(&format!("${k}"));
            } else {
                out.push(c);
            }
        }
    }
    out
}

fn is_postgres(conn: &AnyConnection) -> bool {
    conn.backend_name().eq_ignore_ascii_case("postgresql")
}
