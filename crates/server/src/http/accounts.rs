//! Accounts and sessions: register, verify, log in and out, passwords, /me.

use axum::Json;
use axum::extract::State;
use axum::http::header::HOST;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use orgdesk_api::{self as api, FieldError, codes, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::{AnyCaller, Caller, ClientMeta};
use super::extract::{JsonBody, PathParams, QueryParams};
use super::params::{PageQuery, limit_of};
use crate::domain::password;
use crate::domain::throttle::Rate;
use crate::error::{AppError, AppResult};
use crate::flows::email::{send_verification, verify_email_token};
use crate::flows::membership;
use crate::flows::sessions::{EMAIL_TOKEN_PREFIX, SESSION_TOKEN_PREFIX, new_session};
use crate::flows::throttle::{self, PasswordCheck};
use crate::geo;
use crate::secrets::new_token;
use crate::state::AppState;
use crate::store::accounts::{self, EmailPurpose, NewAccount};
use crate::store::sessions;
use crate::store::{is_unique_violation, members, orgs};

/// Verification links live a day.
const VERIFY_TTL_MS: i64 = 24 * 3600 * 1000;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(verify_email))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(change_password))
        .routes(routes!(me))
        .routes(routes!(my_organizations))
        .routes(routes!(leave_organization))
        .routes(routes!(my_sessions))
        .routes(routes!(revoke_my_session))
}

/// Creates a platform account and mails a verification link.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "accounts", request_body = api::RegisterRequest,
    responses((status = 201, body = api::AuthResponse), (status = 409, description = "email_taken", body = api::Problem),
              (status = 422, description = "validation_failed or weak_password", body = api::Problem)))]
async fn register(
    State(state): State<AppState>,
    meta: ClientMeta,
    JsonBody(body): JsonBody<api::RegisterRequest>,
) -> AppResult<impl IntoResponse> {
    let mut errors = Vec::new();
    let email = validate::normalize_email(&body.email);
    if email.is_none() {
        errors.push(FieldError {
            field: "email".into(),
            code: "invalid_email".into(),
            message: "this is not an email address".into(),
        });
    }
    if !validate::display_name_ok(&body.name) {
        errors.push(FieldError {
            field: "name".into(),
            code: "invalid_name".into(),
            message: "use 1 to 200 characters".into(),
        });
    }
    let (Some(email), true) = (email, errors.is_empty()) else {
        return Err(AppError::validation(errors));
    };
    password::check(&body.password, &[&email, &body.name])
        .map_err(|w| AppError::weak_password(&w, "password"))?;
    throttle::spend_for_address(
        &state,
        "register",
        meta.ip,
        Rate::per_hour(state.limits.registrations_per_hour),
        "registrations from one address",
    )
    .await?;
    let hash = state.hash_password(body.password).await?;
    let id = Uuid::now_v7();
    let name = body.name.trim().to_string();
    let (session_token, session_hash) = new_token(SESSION_TOKEN_PREFIX);
    let (verify_token, verify_hash) = new_token(EMAIL_TOKEN_PREFIX);
    let mut tx = state.db.begin().await?;
    match accounts::insert(
        &mut tx,
        &NewAccount {
            id,
            email: &email,
            name: &name,
            password_hash: &hash,
            email_verified: false,
        },
    )
    .await
    {
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::conflict(
                codes::EMAIL_TAKEN,
                "an account with this email exists; sign in instead",
            ));
        }
        other => other?,
    }
    accounts::insert_email_token(
        &mut tx,
        &verify_hash,
        id,
        &email,
        EmailPurpose::Verify,
        VERIFY_TTL_MS,
    )
    .await?;
    sessions::insert(
        &mut tx,
        &new_session(&state, &session_hash, id, None, &meta),
    )
    .await?;
    let account = accounts::by_id(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("account vanished")))?;
    tx.commit().await?;
    send_verification(&state, &email, &name, &verify_token).await;
    Ok((
        StatusCode::CREATED,
        Json(api::AuthResponse {
            account: account.profile(&state.public_url),
            token: session_token,
        }),
    ))
}

/// Uses a verification link's token: the email is verified.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "accounts", request_body = api::VerifyEmailRequest,
    responses((status = 204), (status = 400, description = "invalid_token: unknown, used or expired", body = api::Problem)))]
async fn verify_email(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<api::VerifyEmailRequest>,
) -> AppResult<StatusCode> {
    verify_email_token(&state, &body.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs in. With `organization` (or a `{subdomain}.{base_domain}` Host) the
/// session is opened into that organization only.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts", request_body = api::LoginRequest,
    responses((status = 200, body = api::LoginResponse),
              (status = 401, description = "invalid_credentials, whatever was wrong", body = api::Problem),
              (status = 403, description = "not_a_member or membership_suspended", body = api::Problem),
              (status = 429, description = "too_many_attempts, with Retry-After", body = api::Problem)))]
async fn login(
    State(state): State<AppState>,
    meta: ClientMeta,
    headers: HeaderMap,
    JsonBody(body): JsonBody<api::LoginRequest>,
) -> AppResult<Json<api::LoginResponse>> {
    let email =
        validate::normalize_email(&body.email).unwrap_or_else(|| body.email.trim().to_lowercase());
    if email.len() > 254 {
        return Err(invalid_credentials("the email or password is wrong"));
    }
    let check = PasswordCheck::reserve(&state, &email, meta.ip).await?;
    let account = if body.password.len() > 4 * validate::PASSWORD_MAX_CHARS {
        None
    } else {
        let mut conn = state.db.pool().acquire().await?;
        accounts::by_email(&mut conn, &email).await?
    };
    // Unknown emails verify against a dummy hash so both failures take as long.
    let hash = account
        .as_ref()
        .map_or_else(|| state.dummy_hash.clone(), |a| a.password_hash.clone());
    let password_ok = check.check(&state, body.password, hash).await?;
    let Some(account) = account.filter(|_| password_ok) else {
        return Err(invalid_credentials("the email or password is wrong"));
    };
    let organization = body.organization.or_else(|| {
        headers
            .get(HOST)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| state.subdomain_of(h))
    });
    let mut tx = state.db.begin().await?;
    let org_id = match organization {
        None => None,
        Some(key) => {
            let not_member = || {
                AppError::forbidden(
                    codes::NOT_A_MEMBER,
                    "you are not a member of this organization",
                )
            };
            let org = orgs::find(&mut tx, &key).await?.ok_or_else(not_member)?;
            match members::membership(&mut tx, org.id, account.id)
                .await?
                .ok_or_else(not_member)?
                .status
            {
                api::MembershipStatus::Active => Some(org.id),
                api::MembershipStatus::Suspended => {
                    tx.commit().await?;
                    return Err(AppError::forbidden(
                        codes::MEMBERSHIP_SUSPENDED,
                        "your access to this organization is suspended",
                    ));
                }
            }
        }
    };
    let (token, token_hash) = new_token(SESSION_TOKEN_PREFIX);
    sessions::insert(
        &mut tx,
        &new_session(&state, &token_hash, account.id, org_id, &meta),
    )
    .await?;
    accounts::touch_login(&mut tx, account.id).await?;
    let organizations = orgs::of_account(&mut tx, account.id).await?;
    tx.commit().await?;
    Ok(Json(api::LoginResponse {
        token,
        account: account.profile(&state.public_url),
        organizations,
        password_reset_required: account.password_reset_required,
        organization_id: org_id,
    }))
}

fn invalid_credentials(detail: &str) -> AppError {
    AppError::new(StatusCode::UNAUTHORIZED, codes::INVALID_CREDENTIALS, detail)
}

/// Ends the calling session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts", security(("bearer" = [])), responses((status = 204), (status = 401, body = api::Problem)))]
async fn logout(State(state): State<AppState>, caller: AnyCaller) -> AppResult<StatusCode> {
    let mut conn = state.db.pool().acquire().await?;
    sessions::revoke(&mut conn, caller.account.id, caller.session.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes the password: clears a forced reset and ends every other session.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "accounts", security(("bearer" = [])), request_body = api::PasswordChangeRequest,
    responses((status = 204), (status = 401, description = "invalid_credentials: the current password is wrong", body = api::Problem),
              (status = 422, description = "weak_password", body = api::Problem)))]
async fn change_password(
    State(state): State<AppState>,
    caller: AnyCaller,
    JsonBody(body): JsonBody<api::PasswordChangeRequest>,
) -> AppResult<StatusCode> {
    let check = PasswordCheck::reserve(&state, &caller.account.email, caller.meta.ip).await?;
    if !check
        .check(
            &state,
            body.current_password,
            caller.account.password_hash.clone(),
        )
        .await?
    {
        return Err(invalid_credentials("the current password is wrong"));
    }
    password::check(
        &body.new_password,
        &[&caller.account.email, &caller.account.name],
    )
    .map_err(|w| AppError::weak_password(&w, "new_password"))?;
    // A forced reset means "choose another password", not "type it again".
    if state
        .verify_password(
            body.new_password.clone(),
            caller.account.password_hash.clone(),
        )
        .await?
    {
        return Err(AppError::field(
            "new_password",
            codes::PASSWORD_REUSED,
            "choose a password different from the current one",
        ));
    }
    let hash = state.hash_password(body.new_password).await?;
    let mut tx = state.db.begin().await?;
    accounts::set_password(&mut tx, caller.account.id, &hash).await?;
    sessions::revoke_all(&mut tx, caller.account.id, Some(caller.session.id)).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's profile.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])), responses((status = 200, body = api::Profile), (status = 401, body = api::Problem)))]
async fn me(State(state): State<AppState>, caller: Caller) -> Json<api::Profile> {
    Json(caller.account.profile(&state.public_url))
}

/// The organizations the caller belongs to, suspended memberships included.
#[utoipa::path(get, path = "/api/v1/me/organizations", tag = "accounts", security(("bearer" = [])), responses((status = 200, body = Vec<api::MyOrganization>)))]
async fn my_organizations(
    State(state): State<AppState>,
    caller: Caller,
) -> AppResult<Json<Vec<api::MyOrganization>>> {
    let mut conn = state.db.pool().acquire().await?;
    Ok(Json(orgs::of_account(&mut conn, caller.account.id).await?))
}

/// The caller leaves an organization (`{org}`: id or subdomain): their
/// membership and groups there go, their sessions opened into it end. The
/// last active member able to manage groups cannot leave.
#[utoipa::path(delete, path = "/api/v1/me/organizations/{org}", tag = "accounts", security(("bearer" = [])), params(("org" = String, Path)),
    responses((status = 204), (status = 404, description = "not a member", body = api::Problem),
              (status = 409, description = "last_admin", body = api::Problem)))]
async fn leave_organization(
    State(state): State<AppState>,
    caller: Caller,
    PathParams(key): PathParams<String>,
) -> AppResult<StatusCode> {
    let mut tx = state.db.begin().await?;
    let org = orgs::find(&mut tx, &key)
        .await?
        .ok_or_else(|| AppError::not_found("organization"))?;
    membership::leave(
        &mut tx,
        org.id,
        caller.account.id,
        Some(caller.meta.ip.to_string()),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's recent logins, newest first.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "accounts", security(("bearer" = [])), params(PageQuery),
    responses((status = 200, body = api::Page<api::SessionInfo>)))]
async fn my_sessions(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(q): QueryParams<PageQuery>,
) -> AppResult<Json<api::Page<api::SessionInfo>>> {
    let limit = limit_of(q.limit)?;
    let mut conn = state.db.pool().acquire().await?;
    let mut page = sessions::list(
        &mut conn,
        caller.account.id,
        Some(caller.session.id),
        sessions::Scope::All,
        limit,
        q.cursor.as_deref(),
    )
    .await?;
    for session in &mut page.items {
        geo::describe(state.geo.as_ref(), session);
    }
    Ok(Json(page))
}

/// Signs one of the caller's sessions out.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "accounts", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, description = "not the caller's, or already revoked", body = api::Problem)))]
async fn revoke_my_session(
    State(state): State<AppState>,
    caller: Caller,
    PathParams(id): PathParams<Uuid>,
) -> AppResult<StatusCode> {
    let mut conn = state.db.pool().acquire().await?;
    if sessions::revoke(&mut conn, caller.account.id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::not_found("session"))
    }
}
