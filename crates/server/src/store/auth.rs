//! Who is calling, in one statement: the live session behind a token, its
//! account, and in an organization's routes the organization, the caller's
//! membership, where the session was used and the permissions their groups
//! grant. One round trip per request; the statement text is fixed per
//! backend, so each connection prepares it once and reuses it.
//!
//! Nothing is cached between requests: whatever another instance changed
//! (a revoked session, a suspension, a group's permissions) counts at once.

use std::sync::LazyLock;

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::accounts::{self, AccountRow};
use super::orgs::{self, OrgRow};
use super::sessions::{IDLE_MS, SessionRow};
use super::{get_opt_uuid, get_uuid, now_ms};
use orgdesk_api as api;

/// The permission keys granted to the caller (`s.account_id`) in the
/// organization `o` through their groups. Kept apart so that a rule on group
/// memberships (an expiry, say) is one line here, bound to `$2` (now).
/// A membership past its `expires_at` grants nothing from that instant.
const MEMBER_GRANTS: &str = "SELECT gp.permission FROM group_members gm
    JOIN group_permissions gp ON gp.group_id = gm.group_id
    WHERE gm.org_id = o.id AND gm.account_id = s.account_id
      AND (gm.expires_at IS NULL OR gm.expires_at > $2)";

/// The products the organization `o` bought.
const ORG_PRODUCTS: &str = "SELECT op.product FROM org_products op WHERE op.org_id = o.id";

/// `$1` token hash, `$2` now, `$3` idle cutoff.
const LIVE_SESSION: &str =
    "s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3";

const SESSION_COLUMNS: &str = "s.id AS s_id, s.account_id AS s_account_id, s.org_id AS s_org_id, s.last_seen_at AS s_last_seen_at";

struct Statements {
    caller: String,
    /// `$4` the organization's id, `$5` the unpaid-expiry cutoff.
    org_by_id: String,
    /// `$4` the organization's subdomain, `$5` the unpaid-expiry cutoff.
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
    let org_columns = orgs::COLUMNS
        .split(", ")
        .map(|c| format!("o.{c} AS o_{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let caller = format!(
        "SELECT {SESSION_COLUMNS}, {account_columns} FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE {LIVE_SESSION}"
    );
    let org = |match_org: &str| {
        format!(
            "SELECT {SESSION_COLUMNS}, {account_columns}, {org_columns},
                    m.status AS m_status, so.first_used_at AS so_first_used_at, so.signed_out_at AS so_signed_out_at,
                    {products} AS products, {grants} AS grants
             FROM sessions s
             JOIN accounts a ON a.id = s.account_id
             LEFT JOIN orgs o ON {match_org} AND {live}
             LEFT JOIN memberships m ON m.org_id = o.id AND m.account_id = s.account_id
             LEFT JOIN session_orgs so ON so.session_id = s.id AND so.org_id = o.id
             WHERE {LIVE_SESSION}",
            products = agg("product", ORG_PRODUCTS),
            grants = agg("permission", MEMBER_GRANTS),
            live = orgs::live("o.", 5),
        )
    };
    Statements {
        caller,
        org_by_id: org("o.id = $4"),
        org_by_subdomain: org("o.subdomain = $4"),
    }
}

static SQLITE: LazyLock<Statements> = LazyLock::new(|| statements(false));
static POSTGRES: LazyLock<Statements> = LazyLock::new(|| statements(true));

fn for_conn(conn: &AnyConnection) -> &'static Statements {
    if conn.backend_name().eq_ignore_ascii_case("postgresql") {
        &POSTGRES
    } else {
        &SQLITE
    }
}

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

/// What the statement found of the organization a route names.
pub struct InOrg {
    /// `None`: no such (live) organization.
    pub org: Option<OrgRow>,
    /// `None`: not a member.
    pub membership: Option<api::MembershipStatus>,
    /// Whether this session was recorded as used in the organization.
    pub used_here: bool,
    /// Whether an admin signed this session out of the organization.
    pub signed_out_here: bool,
    pub products: Vec<String>,
    /// Permission keys the member's groups grant (unfiltered, may repeat).
    pub grants: Vec<String>,
}

fn session_of(row: &AnyRow) -> sqlx::Result<SessionRow> {
    Ok(SessionRow {
        id: get_uuid(row, "s_id")?,
        account_id: get_uuid(row, "s_account_id")?,
        org_id: get_opt_uuid(row, "s_org_id")?,
        last_seen_ms: row.try_get("s_last_seen_at")?,
    })
}

fn list(row: &AnyRow, col: &str) -> sqlx::Result<Vec<String>> {
    Ok(row
        .try_get::<Option<String>, _>(col)?
        .map(|s| {
            s.split(',')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default())
}

/// The live session behind a token hash and its account.
pub async fn caller(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> sqlx::Result<Option<Authenticated>> {
    let now = now_ms();
    let row = sqlx::query(&for_conn(conn).caller)
        .bind(token_hash)
        .bind(now)
        .bind(now - IDLE_MS)
        .fetch_optional(conn)
        .await?;
    row.map(|r| {
        Ok(Authenticated {
            session: session_of(&r)?,
            account: accounts::from_row(&r)?,
        })
    })
    .transpose()
}

/// [`caller`] and, in the same statement, everything about the organization
/// `org` that authorizing the request needs.
pub async fn org_caller(
    conn: &mut AnyConnection,
    token_hash: &str,
    org: &OrgKey,
) -> sqlx::Result<Option<(Authenticated, InOrg)>> {
    let now = now_ms();
    let statements = for_conn(conn);
    let (sql, key) = match org {
        OrgKey::Id(id) => (&statements.org_by_id, id.to_string()),
        OrgKey::Subdomain(s) => (&statements.org_by_subdomain, s.clone()),
    };
    let row = sqlx::query(sql)
        .bind(token_hash)
        .bind(now)
        .bind(now - IDLE_MS)
        .bind(key)
        .bind(orgs::expiry_cutoff())
        .fetch_optional(conn)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let found = row.try_get::<Option<String>, _>("o_id")?.is_some();
    let org = if found {
        Some(orgs::from_row_as(&row, "o_")?)
    } else {
        None
    };
    let membership = row
        .try_get::<Option<String>, _>("m_status")?
        .map(|s| api::MembershipStatus::parse(&s).unwrap_or(api::MembershipStatus::Suspended));
    let in_org = InOrg {
        org,
        membership,
        used_here: row.try_get::<Option<i64>, _>("so_first_used_at")?.is_some(),
        signed_out_here: row.try_get::<Option<i64>, _>("so_signed_out_at")?.is_some(),
        products: list(&row, "products")?,
        grants: list(&row, "grants")?,
    };
    Ok(Some((
        Authenticated {
            session: session_of(&row)?,
            account: accounts::from_row(&row)?,
        },
        in_org,
    )))
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
