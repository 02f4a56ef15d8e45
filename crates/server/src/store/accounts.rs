//! Platform accounts, their search words and their one-time email links.

use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use super::{Cols, get_bool, get_opt_time, get_time, get_uuid, now_ms};
use orgdesk_api as api;

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: Uuid,
    pub email: String,
    pub email_verified: bool,
    pub pending_email: Option<String>,
    pub name: String,
    pub password_hash: String,
    pub phone: Option<String>,
    pub job_title: Option<String>,
    pub department: Option<String>,
    pub address: Option<String>,
    pub avatar_version: Option<i64>,
    pub password_reset_required: bool,
    pub version: i64,
    pub created_at: time::OffsetDateTime,
    pub last_login_at: Option<time::OffsetDateTime>,
}

pub(crate) const COLUMNS: &str = "id, email, email_verified, pending_email, name, password_hash, phone, job_title, department, address, avatar_version, password_reset_required, version, created_at, last_login_at";

pub(crate) fn from_row(row: &impl Cols) -> sqlx::Result<AccountRow> {
    Ok(AccountRow {
        id: get_uuid(row, "id")?,
        email: row.text("email")?,
        email_verified: get_bool(row, "email_verified")?,
        pending_email: row.opt_text("pending_email")?,
        name: row.text("name")?,
        password_hash: row.text("password_hash")?,
        phone: row.opt_text("phone")?,
        job_title: row.opt_text("job_title")?,
        department: row.opt_text("department")?,
        address: row.opt_text("address")?,
        avatar_version: row.opt_int("avatar_version")?,
        password_reset_required: get_bool(row, "password_reset_required")?,
        version: row.int("version")?,
        created_at: get_time(row, "created_at")?,
        last_login_at: get_opt_time(row, "last_login_at")?,
    })
}

impl AccountRow {
    pub fn profile(&self, public_url: &str) -> api::Profile {
        api::Profile {
            id: self.id,
            name: self.name.clone(),
            email: self.email.clone(),
            email_verified: self.email_verified,
            pending_email: self.pending_email.clone(),
            phone: self.phone.clone(),
            job_title: self.job_title.clone(),
            department: self.department.clone(),
            address: self.address.clone(),
            avatar_url: self
                .avatar_version
                .map(|v| format!("{public_url}/api/v1/accounts/{}/avatar?v={v}", self.id)),
            created_at: self.created_at,
            version: self.version,
        }
    }
}

pub struct NewAccount<'a> {
    pub id: Uuid,
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub email_verified: bool,
}

/// Inserts an account; a taken email is a unique violation for the caller to map.
pub async fn insert(conn: &mut AnyConnection, account: &NewAccount<'_>) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO accounts (id, email, email_verified, name, password_hash, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6)",
    )
    .bind(account.id.to_string())
    .bind(account.email)
    .bind(account.email_verified)
    .bind(account.name)
    .bind(account.password_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    set_search_words(conn, account.id, account.name, account.email).await
}

pub async fn by_email(conn: &mut AnyConnection, email: &str) -> sqlx::Result<Option<AccountRow>> {
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE email = $1");
    sqlx::query(&sql)
        .bind(email)
        .fetch_optional(conn)
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

pub async fn by_id(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<Option<AccountRow>> {
    let sql = format!("SELECT {COLUMNS} FROM accounts WHERE id = $1");
    sqlx::query(&sql)
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?
        .map(|r| from_row(&r))
        .transpose()
}

pub async fn set_password(conn: &mut AnyConnection, id: Uuid, hash: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE accounts SET password_hash = $2, password_reset_required = FALSE, version = version + 1, updated_at = $3 WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(hash)
    .bind(now_ms())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn touch_login(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query("UPDATE accounts SET last_login_at = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    // A member's row shows the last login: clients fetching only changes must see it.
    sqlx::query("UPDATE memberships SET updated_at = $2 WHERE account_id = $1")
        .bind(id.to_string())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks `email` verified if it is still the account's address.
pub async fn mark_verified(conn: &mut AnyConnection, id: Uuid, email: &str) -> sqlx::Result<bool> {
    let done = sqlx::query("UPDATE accounts SET email_verified = TRUE, version = version + 1, updated_at = $3 WHERE id = $1 AND email = $2")
        .bind(id.to_string())
        .bind(email)
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The words a members search prefix-matches: the rule both programs apply
/// (`orgdesk_api::search`).
pub fn search_words(name: &str, email: &str) -> Vec<String> {
    orgdesk_api::search::member_words(name, email)
}

pub async fn set_search_words(
    conn: &mut AnyConnection,
    id: Uuid,
    name: &str,
    email: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM account_search WHERE account_id = $1")
        .bind(id.to_string())
        .execute(&mut *conn)
        .await?;
    // The sort keys as memberships hold them (see `orgs::insert_membership`).
    let (sort_name, sort_email) = (name.to_lowercase(), email.to_lowercase());
    for word in search_words(name, email) {
        sqlx::query(
            "INSERT INTO account_search (token, account_id, sort_name, sort_email) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(word)
        .bind(id.to_string())
        .bind(&sort_name)
        .bind(&sort_email)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// What a one-time email link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailPurpose {
    /// Confirms the address the account registered with.
    Verify,
    /// Confirms a new address: using it makes it the account's email.
    Change,
}

impl EmailPurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Change => "change",
        }
    }

    fn parse(s: &str) -> Self {
        if s == "change" {
            Self::Change
        } else {
            Self::Verify
        }
    }
}

pub async fn insert_email_token(
    conn: &mut AnyConnection,
    token_hash: &str,
    account: Uuid,
    email: &str,
    purpose: EmailPurpose,
    ttl_ms: i64,
) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO email_tokens (token_hash, account_id, email, purpose, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(account.to_string())
    .bind(email)
    .bind(purpose.as_str())
    .bind(now + ttl_ms)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Uses a link once: the account, address and purpose it was for, if it is unused and unexpired.
pub async fn consume_email_token(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> sqlx::Result<Option<(Uuid, String, EmailPurpose)>> {
    let now = now_ms();
    let row = sqlx::query(
        "UPDATE email_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
         RETURNING account_id, email, purpose",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok((
            get_uuid(&r, "account_id")?,
            r.try_get("email")?,
            EmailPurpose::parse(&r.try_get::<String, _>("purpose")?),
        ))
    })
    .transpose()
}

/// Kills the account's unused links of one purpose (a replaced or withdrawn email change).
pub async fn drop_email_tokens(
    conn: &mut AnyConnection,
    account: Uuid,
    purpose: EmailPurpose,
) -> sqlx::Result<()> {
    sqlx::query(
        "DELETE FROM email_tokens WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL",
    )
    .bind(account.to_string())
    .bind(purpose.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// Makes a confirmed new address the account's email.
pub async fn change_email(conn: &mut AnyConnection, id: Uuid, email: &str) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "UPDATE accounts SET email = $2, email_verified = TRUE, pending_email = NULL, version = version + 1, updated_at = $3 WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(email)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE memberships SET sort_email = $2, updated_at = $3 WHERE account_id = $1")
        .bind(id.to_string())
        .bind(email.to_lowercase())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    let name: String = sqlx::query("SELECT name FROM accounts WHERE id = $1")
        .bind(id.to_string())
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    set_search_words(conn, id, &name, email).await
}

/// Writes the editable profile fields (already validated) and bumps the version.
pub async fn update_profile(conn: &mut AnyConnection, a: &AccountRow) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "UPDATE accounts SET name = $2, phone = $3, job_title = $4, department = $5, address = $6, pending_email = $7,
         version = version + 1, updated_at = $8 WHERE id = $1",
    )
    .bind(a.id.to_string())
    .bind(&a.name)
    .bind(a.phone.as_deref())
    .bind(a.job_title.as_deref())
    .bind(a.department.as_deref())
    .bind(a.address.as_deref())
    .bind(a.pending_email.as_deref())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE memberships SET sort_name = $2, updated_at = $3 WHERE account_id = $1")
        .bind(a.id.to_string())
        .bind(a.name.to_lowercase())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    set_search_words(conn, a.id, &a.name, &a.email).await
}

/// Whether another account uses this address.
pub async fn email_in_use(
    conn: &mut AnyConnection,
    email: &str,
    except: Uuid,
) -> sqlx::Result<bool> {
    let row = sqlx::query("SELECT 1 FROM accounts WHERE email = $1 AND id <> $2")
        .bind(email)
        .bind(except.to_string())
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}

pub async fn put_avatar(
    conn: &mut AnyConnection,
    id: Uuid,
    content_type: &str,
    bytes: Vec<u8>,
) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO avatars (account_id, content_type, bytes, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id) DO UPDATE SET content_type = $2, bytes = $3, updated_at = $4",
    )
    .bind(id.to_string())
    .bind(content_type)
    .bind(bytes)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE accounts SET avatar_version = $2, version = version + 1, updated_at = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn delete_avatar(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM avatars WHERE account_id = $1")
        .bind(id.to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE accounts SET avatar_version = NULL, version = version + 1, updated_at = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn avatar(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<Option<(String, Vec<u8>)>> {
    let row = sqlx::query("SELECT content_type, bytes FROM avatars WHERE account_id = $1")
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
}

/// Whether two accounts share an organization (or are the same): who may see whose picture.
pub async fn share_an_org(conn: &mut AnyConnection, a: Uuid, b: Uuid) -> sqlx::Result<bool> {
    if a == b {
        return Ok(true);
    }
    let row = sqlx::query(
        "SELECT 1 FROM memberships x JOIN memberships y ON x.org_id = y.org_id WHERE x.account_id = $1 AND y.account_id = $2 LIMIT 1",
    )
    .bind(a.to_string())
    .bind(b.to_string())
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}

/// Forces a password change at the next sign-in.
pub async fn require_password_reset(conn: &mut AnyConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE accounts SET password_reset_required = TRUE, version = version + 1, updated_at = $2 WHERE id = $1")
        .bind(id.to_string())
        .bind(now_ms())
        .execute(conn)
        .await?;
    Ok(())
}

/// The owner of a mailbox takes over the unverified account registered at
/// it: their name and password replace the registrant's, whose details,
/// picture and pending links go.
pub async fn take_over(
    conn: &mut AnyConnection,
    id: Uuid,
    name: &str,
    hash: &str,
) -> sqlx::Result<()> {
    let now = now_ms();
    sqlx::query(
        "UPDATE accounts SET name = $2, password_hash = $3, phone = NULL, job_title = NULL, department = NULL,
         address = NULL, pending_email = NULL, avatar_version = NULL, password_reset_required = $4,
         version = version + 1, updated_at = $5 WHERE id = $1",
    )
    .bind(id.to_string())
    .bind(name)
    .bind(hash)
    .bind(false)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    delete_avatar(conn, id).await?;
    sqlx::query("DELETE FROM email_tokens WHERE account_id = $1")
        .bind(id.to_string())
        .execute(&mut *conn)
        .await?;
    let email: String = sqlx::query("SELECT email FROM accounts WHERE id = $1")
        .bind(id.to_string())
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    sqlx::query("UPDATE memberships SET sort_name = $2, updated_at = $3 WHERE account_id = $1")
        .bind(id.to_string())
        .bind(name.to_lowercase())
        .bind(now)
        .execute(&mut *conn)
        .await?;
    set_search_words(conn, id, name, &email).await
}
