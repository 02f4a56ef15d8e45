//! Who is calling, in one statement: the live session behind a token, its
//! account, and in an organization's routes the organization, the caller's
//! membership, where the session was used and the permissions their groups
//! grant. One round trip per request; the statement text is fixed per
//! backend, so each connection prepares it once and reuses it. On SQLite it
//! runs in the calling thread ([`super::direct`]).
//!
//! In an organization's routes the instance may already know the account,
//! the organization and the caller's grants from an earlier request
//! ([`Known`]): the statement always reads their stamps (migration 0014),
//! which every write of those rows changes in its own transaction, and
//! leaves out only the parts whose stamps it was given. What is read on
//! every request — the session, the membership's status, where the session
//! was used, whether the organization is live — is never kept. Whatever
//! another instance changed (a revoked session, a suspension, a group's
//! permissions) counts at once.

use std::sync::LazyLock;

use rusqlite::types::ToSql;
use sqlx::AnyConnection;
use uuid::Uuid;

use super::accounts::{self, AccountRow};
use super::direct::Held;
use super::orgs::{self, OrgRow};
use super::sessions::{IDLE_MS, SessionRow};
use super::{Backend, Cols, Db, get_opt_uuid, get_uuid, now_ms};
use orgdesk_api as api;

/// The permission keys granted to the caller (`s.account_id`) in the
/// organization `o` through their groups: each group's keys as one
/// comma-separated value (migration 0013). Kept apart so that a rule on group
/// memberships (an expiry, say) is one line here, bound to `$2` (now).
/// A membership past its `expires_at` grants nothing from that instant.
const MEMBER_GRANTS: &str = "SELECT g.permission_keys AS permission FROM group_members gm
    JOIN org_groups g ON g.id = gm.group_id
    WHERE gm.org_id = o.id AND gm.account_id = s.account_id
      AND (gm.expires_at IS NULL OR gm.expires_at > $2)";

/// The products the organization `o` bought.
const ORG_PRODUCTS: &str = "SELECT op.product FROM org_products op WHERE op.org_id = o.id";

/// `$1` token hash, `$2` now, `$3` idle cutoff.
const LIVE_SESSION: &str =
    "s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3";

const SESSION_COLUMNS: &str = "s.id AS s_id, s.account_id AS s_account_id, s.org_id AS s_org_id, s.last_seen_at AS s_last_seen_at";

/// The earliest end, still ahead, of the caller's memberships in `o`'s
/// groups: their grants change then without a write.
const GRANTS_UNTIL: &str = "SELECT min(gm.expires_at) FROM group_members gm
    WHERE gm.org_id = o.id AND gm.account_id = s.account_id AND gm.expires_at > $2";

struct Statements {
    caller: String,
    /// `$4` the organization's id, `$5` the unpaid-expiry cutoff, `$6`,
    /// `$7`, `$8` the stamps of [`Known`] (NULL: unknown).
    org_by_id: String,
    /// `$4` the organization's subdomain, the rest as `org_by_id`.
    org_by_subdomain: String,
}

fn statements(postgres: bool) -> Statements {
    let agg = |expr: &str, of: &str| {
        if postgres {
            format!("(SELECT string_agg({expr}, ',') FROM ({of}) t)")
        } else {
            format!("(SELECT group_concat({expr}, ',') FROM ({of}) t)")
        }
    };
    let account_columns = accounts::COLUMNS
        .split(", ")
        .map(|c| format!("a.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let caller = format!(
        "SELECT {SESSION_COLUMNS}, {account_columns} FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE {LIVE_SESSION}"
    );
    // A part whose stamp is the one given comes back as NULLs: its row is
    // joined again (`fa`, `fo`) only when its stamp differs (a NULL key
    // skips the lookup), and CASE evaluates the subqueries only when taken.
    let account_parts = accounts::COLUMNS
        .split(", ")
        .map(|c| format!("fa.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let org_parts = orgs::COLUMNS
        .split(", ")
        .map(|c| format!("fo.{c} AS o_{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    const GRANTS_KNOWN: &str = "o.auth_stamp = $8";
    let unless = |known: &str, expr: &str| format!("CASE WHEN {known} THEN NULL ELSE {expr} END");
    let org = |match_org: &str| {
        squeezed(&format!(
            "SELECT {SESSION_COLUMNS}, a.id AS a_key, a.auth_stamp AS a_stamp, {account_parts},
                    o.id AS o_key, o.auth_stamp AS o_stamp, {org_parts},
                    m.status AS m_status,
                    so.first_used_at AS so_first_used_at, so.signed_out_at AS so_signed_out_at,
                    {products} AS products, {grants} AS grants, {until} AS grants_until
             FROM sessions s
             JOIN accounts a ON a.id = s.account_id
             LEFT JOIN accounts fa ON fa.id = CASE WHEN a.auth_stamp = $6 THEN NULL ELSE a.id END
             LEFT JOIN orgs o ON {match_org} AND {live}
             LEFT JOIN orgs fo ON fo.id = CASE WHEN o.auth_stamp = $7 THEN NULL ELSE o.id END
             LEFT JOIN memberships m ON m.org_id = o.id AND m.account_id = s.account_id
             LEFT JOIN session_orgs so ON so.session_id = s.id AND so.org_id = o.id
             WHERE {LIVE_SESSION}",
            products = unless(
                "o.auth_stamp = $7",
                &format!("coalesce({}, '')", agg("product", ORG_PRODUCTS))
            ),
            grants = unless(
                GRANTS_KNOWN,
                &format!("coalesce({}, '')", agg("permission", MEMBER_GRANTS))
            ),
            until = unless(GRANTS_KNOWN, &format!("({GRANTS_UNTIL})")),
            live = orgs::live("o.", 5),
        ))
    };
    Statements {
        caller,
        org_by_id: org("o.id = $4"),
        org_by_subdomain: org("o.subdomain = $4"),
    }
}

/// `sql` with each run of whitespace made one space: the statement's text
/// is hashed (twice) by the statement cache on every run.
fn squeezed(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

static SQLITE: LazyLock<Statements> = LazyLock::new(|| statements(false));
static POSTGRES: LazyLock<Statements> = LazyLock::new(|| statements(true));

/// How a route names its organization (`{org}`): by id or by subdomain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgKey {
    Id(Uuid),
    Subdomain(String),
}

impl OrgKey {
    pub fn parse(key: &str) -> Self {
        match Uuid::parse_str(key) {
            Ok(id) => Self::Id(id),
            Err(_) => Self::Subdomain(key.to_ascii_lowercase()),
        }
    }
}

/// A live session and its account.
pub struct Authenticated {
    pub session: SessionRow,
    pub account: AccountRow,
}

/// The stamps of what an instance already decoded for a caller in an
/// organization; `None` where it knows nothing (or no longer trusts it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Known {
    pub account: Option<i64>,
    /// The organization's row, its products, its groups' permission keys
    /// and its group rows.
    pub org: Option<i64>,
    /// Whether the caller's grants, read with the organization's stamp
    /// `org`, still hold: none of them has ended since.
    pub grants: bool,
}

/// A part of the answer and its stamp: `fresh` is `None` when the stamp is
/// the one [`Known`] gave (the part is as the caller already has it).
pub struct Stamped<T> {
    pub stamp: i64,
    pub fresh: Option<T>,
}

/// What the statement found for a caller in the organization a route names.
pub struct InOrg {
    pub session: SessionRow,
    /// The session's account id is `session.account_id`.
    pub account: Stamped<AccountRow>,
    /// `None`: no such (live) organization. Else its id and row.
    pub org: Option<(Uuid, Stamped<OrgRow>)>,
    /// `None`: not a member.
    pub membership: Option<api::MembershipStatus>,
    /// Whether this session was recorded as used in the organization.
    pub used_here: bool,
    /// Whether an admin signed this session out of the organization.
    pub signed_out_here: bool,
    /// The products, comma-separated; `None` when the organization is known.
    pub products: Option<String>,
    /// Permission keys the member's groups grant (unfiltered, may repeat),
    /// comma-separated; `None` when known.
    pub grants: Option<String>,
    /// With fresh grants: when the first of them ends by itself.
    pub grants_until: Option<i64>,
}

/// The items of a comma-separated list the statement joined.
pub fn listed(joined: &str) -> impl Iterator<Item = &str> {
    joined.split(',').filter(|p| !p.is_empty())
}

fn session_of(row: &impl Cols) -> sqlx::Result<SessionRow> {
    Ok(SessionRow {
        id: get_uuid(row, "s_id")?,
        account_id: get_uuid(row, "s_account_id")?,
        org_id: get_opt_uuid(row, "s_org_id")?,
        last_seen_ms: row.int("s_last_seen_at")?,
    })
}

fn authenticated(row: &impl Cols) -> sqlx::Result<Authenticated> {
    Ok(Authenticated {
        session: session_of(row)?,
        account: accounts::from_row(row)?,
    })
}

/// Decodes the parts `known` does not vouch for; the stamps decide, as
/// they decided the statement's CASEs.
fn in_org(row: &impl Cols, known: Known) -> sqlx::Result<InOrg> {
    let session = session_of(row)?;
    let stamp = row.int("a_stamp")?;
    let account = Stamped {
        stamp,
        fresh: if known.account == Some(stamp) {
            None
        } else {
            Some(accounts::from_row(row)?)
        },
    };
    let org = match get_opt_uuid(row, "o_key")? {
        Some(id) => {
            let stamp = row.int("o_stamp")?;
            let fresh = if known.org == Some(stamp) {
                None
            } else {
                Some(orgs::from_row_as(row, "o_")?)
            };
            Some((id, Stamped { stamp, fresh }))
        }
        None => None,
    };
    let membership = row
        .opt_text("m_status")?
        .map(|s| api::MembershipStatus::parse(&s).unwrap_or(api::MembershipStatus::Suspended));
    let grants_known = known.grants && org.as_ref().is_some_and(|(_, o)| o.fresh.is_none());
    Ok(InOrg {
        session,
        account,
        org,
        membership,
        used_here: row.opt_int("so_first_used_at")?.is_some(),
        signed_out_here: row.opt_int("so_signed_out_at")?.is_some(),
        products: row.opt_text("products")?,
        grants: if grants_known {
            None
        } else {
            Some(row.opt_text("grants")?.unwrap_or_default())
        },
        grants_until: row.opt_int("grants_until")?,
    })
}

/// The live session behind a token hash and its account.
pub async fn caller(db: &Db, token_hash: &str) -> sqlx::Result<Option<Authenticated>> {
    let now = now_ms();
    if let Some(direct) = db.direct() {
        return direct.row(
            &SQLITE.caller,
            &[&token_hash, &now, &(now - IDLE_MS)],
            |row| authenticated(row),
        );
    }
    let mut conn = db.pool().acquire().await?;
    let row = sqlx::query(&statements_of(db).caller)
        .bind(token_hash)
        .bind(now)
        .bind(now - IDLE_MS)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(authenticated).transpose()
}

/// [`caller`] and, in the same statement, everything about the organization
/// `org` that authorizing the request needs, but the parts `known` vouches
/// for, as of `now` (the instant `known` was worked out for: a group
/// membership ending between the two must not count as in force). With
/// `held` (SQLite) the statement runs in that read transaction, which stays
/// open for the request's other reads.
pub async fn org_caller(
    db: &Db,
    held: Option<&mut Held>,
    token_hash: &str,
    org: &OrgKey,
    known: Known,
    now: i64,
) -> sqlx::Result<Option<InOrg>> {
    let key = match org {
        OrgKey::Id(id) => id.to_string(),
        OrgKey::Subdomain(s) => s.clone(),
    };
    let sql = |statements: &'static Statements| match org {
        OrgKey::Id(_) => statements.org_by_id.as_str(),
        OrgKey::Subdomain(_) => statements.org_by_subdomain.as_str(),
    };
    let cutoff = orgs::expiry_cutoff();
    // The grants are left out under the organization's stamp, while they hold.
    let grants = known.org.filter(|_| known.grants);
    let args: [&dyn ToSql; 8] = [
        &token_hash,
        &now,
        &(now - IDLE_MS),
        &key,
        &cutoff,
        &known.account,
        &known.org,
        &grants,
    ];
    if let Some(direct) = db.direct() {
        return direct.row_in(held, sql(&SQLITE), &args, |row| in_org(row, known));
    }
    let mut conn = db.pool().acquire().await?;
    let row = sqlx::query(sql(statements_of(db)))
        .bind(token_hash)
        .bind(now)
        .bind(now - IDLE_MS)
        .bind(key)
        .bind(cutoff)
        .bind(known.account)
        .bind(known.org)
        .bind(grants)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(|row| in_org(row, known)).transpose()
}

fn statements_of(db: &Db) -> &'static Statements {
    match db.backend() {
        Backend::Postgres => &POSTGRES,
        Backend::Sqlite => &SQLITE,
    }
}

/// Records that a platform-wide session is used in an organization (only
/// called when [`InOrg::used_here`] says it is not recorded yet).
pub async fn record_use(conn: &mut AnyConnection, session: Uuid, org: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO session_orgs (session_id, org_id, first_used_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(session.to_string())
    .bind(org.to_string())
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}
