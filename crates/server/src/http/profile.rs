//! The caller's own profile: details, email change, picture.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use orgdesk_api::{self as api, FieldError, codes, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::Caller;
use super::extract::{JsonBody, PathParams};
use super::params::{if_match, stale};
use crate::domain::avatar::{self, AvatarError};
use crate::error::{AppError, AppResult};
use crate::flows::sessions::EMAIL_TOKEN_PREFIX;
use crate::mail_text::{self, Lang};
use crate::secrets::new_token;
use crate::state::AppState;
use crate::store::accounts::{self, EmailPurpose};

const CHANGE_TTL_MS: i64 = 24 * 3600 * 1000;

pub fn routes() -> OpenApiRouter<AppState> {
    let pictures = OpenApiRouter::new()
        .routes(routes!(put_avatar, delete_avatar))
        .layer(DefaultBodyLimit::max(avatar::MAX_BYTES + 1));
    OpenApiRouter::new()
        .routes(routes!(update_me))
        .routes(routes!(get_avatar))
        .merge(pictures)
}

fn optional_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &Option<String>,
    max: usize,
) -> Option<String> {
    let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    if value.chars().count() > max || value.chars().any(|c| c.is_control() && c != '\n') {
        errors.push(FieldError {
            field: field.into(),
            code: "invalid".into(),
            message: format!("use at most {max} characters"),
        });
    }
    Some(value.to_string())
}

/// A phone number in E.164, from any common international spelling.
pub fn phone_e164(input: &str) -> Option<String> {
    let number = phonenumber::parse(None, input).ok()?;
    phonenumber::is_valid(&number)
        .then(|| number.format().mode(phonenumber::Mode::E164).to_string())
}

/// Changes the caller's details. A new email stays pending until the link
/// mailed to it is used. Honors `If-Match` or `version`.
#[utoipa::path(patch, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])), request_body = api::ProfilePatch,
    responses((status = 200, body = api::Profile), (status = 409, description = "email_taken", body = api::Problem),
              (status = 412, description = "stale_version", body = api::Problem), (status = 422, description = "invalid_phone, validation_failed", body = api::Problem)))]
async fn update_me(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    JsonBody(body): JsonBody<api::ProfilePatch>,
) -> AppResult<Json<api::Profile>> {
    let expected = if_match(&headers)?.or(body.version);
    let mut account = caller.account.clone();
    let mut errors = Vec::new();
    if let Some(name) = &body.name {
        if validate::display_name_ok(name) {
            account.name = name.trim().to_string();
        } else {
            errors.push(FieldError {
                field: "name".into(),
                code: "invalid_name".into(),
                message: "use 1 to 200 characters".into(),
            });
        }
    }
    if let Some(phone) = &body.phone {
        account.phone = match phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => None,
            Some(p) if p.chars().count() > 40 => {
                errors.push(FieldError {
                    field: "phone".into(),
                    code: codes::TOO_LONG.into(),
                    message: "use at most 40 characters".into(),
                });
                None
            }
            Some(p) => {
                match phone_e164(p) {
                    Some(e164) => Some(e164),
                    None => {
                        errors.push(FieldError {
                        field: "phone".into(),
                        code: codes::INVALID_PHONE.into(),
                        message: "use an international number with its country code, e.g. +49 30 1234567".into(),
                    });
                        None
                    }
                }
            }
        };
    }
    if let Some(v) = &body.job_title {
        account.job_title = optional_text(&mut errors, "job_title", v, 200);
    }
    if let Some(v) = &body.department {
        account.department = optional_text(&mut errors, "department", v, 200);
    }
    if let Some(v) = &body.address {
        account.address = optional_text(&mut errors, "address", v, 500);
    }
    let mut new_email = None;
    if let Some(email) = &body.email {
        match validate::normalize_email(email) {
            None => errors.push(FieldError {
                field: "email".into(),
                code: codes::INVALID_EMAIL.into(),
                message: "this is not an email address".into(),
            }),
            Some(e) if e == account.email => account.pending_email = None,
            Some(e) => new_email = Some(e),
        }
    }
    if let Some(only) = errors
        .iter()
        .find(|e| e.code == codes::INVALID_PHONE)
        .filter(|_| errors.len() == 1)
    {
        let mut err = AppError::validation(vec![only.clone()]);
        err.code = codes::INVALID_PHONE;
        return Err(err);
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let mut tx = state.db.begin().await?;
    let current = accounts::by_id(&mut tx, account.id)
        .await?
        .ok_or_else(|| AppError::unauthenticated("the account no longer exists"))?;
    stale(expected, current.version)?;
    let mut mail = None;
    if body.email.is_some() {
        accounts::drop_email_tokens(&mut tx, account.id, EmailPurpose::Change).await?;
    }
    if let Some(email) = new_email {
        if accounts::email_in_use(&mut tx, &email, account.id).await? {
            return Err(AppError::conflict(
                codes::EMAIL_TAKEN,
                "another account uses this address",
            ));
        }
        let (token, hash) = new_token(EMAIL_TOKEN_PREFIX);
        accounts::insert_email_token(
            &mut tx,
            &hash,
            account.id,
            &email,
            EmailPurpose::Change,
            CHANGE_TTL_MS,
        )
        .await?;
        let lang = headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Lang::from_accept_language)
            .unwrap_or(Lang::En);
        mail = Some(mail_text::confirm_email(
            lang,
            &email,
            &account.name,
            &format!("{}/verify-email/{token}", state.public_url),
        ));
        account.pending_email = Some(email);
    }
    accounts::update_profile(&mut tx, &account).await?;
    let updated = accounts::by_id(&mut tx, account.id)
        .await?
        .ok_or_else(|| AppError::not_found("account"))?;
    tx.commit().await?;
    if let Some(mail) = mail
        && let Err(e) = state.mailer.send(mail).await
    {
        tracing::error!(error = ?e, "the email confirmation could not be sent");
    }
    Ok(Json(updated.profile(&state.public_url)))
}

fn avatar_error(e: AvatarError) -> AppError {
    match e {
        AvatarError::Unsupported => AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            codes::UNSUPPORTED_IMAGE,
            "send a PNG, JPEG or WebP picture",
        ),
        AvatarError::TooLarge(why) => {
            AppError::new(StatusCode::PAYLOAD_TOO_LARGE, codes::IMAGE_TOO_LARGE, why)
        }
        AvatarError::Corrupt(why) => AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::UNSUPPORTED_IMAGE,
            format!("the picture cannot be read: {why}"),
        ),
    }
}

/// Sets the profile picture: the raw bytes of a PNG, JPEG or WebP (the
/// declared content type is ignored), at most 5 MiB and 40 megapixels.
#[utoipa::path(put, path = "/api/v1/me/avatar", tag = "accounts", security(("bearer" = [])), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = api::Profile), (status = 413, description = "image_too_large", body = api::Problem), (status = 415, description = "unsupported_image", body = api::Problem)))]
async fn put_avatar(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<Json<api::Profile>> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                codes::IMAGE_TOO_LARGE,
                "the file is larger than 5 MiB",
            )
        } else {
            AppError::bad_request(e.body_text())
        }
    })?;
    let png = state
        .cpu
        .run(move || avatar::normalize(&bytes))
        .await
        .map_err(|_| AppError::busy())?
        .map_err(avatar_error)?;
    let mut tx = state.db.begin().await?;
    accounts::put_avatar(&mut tx, caller.account.id, "image/png", png).await?;
    let updated = accounts::by_id(&mut tx, caller.account.id)
        .await?
        .ok_or_else(|| AppError::not_found("account"))?;
    tx.commit().await?;
    Ok(Json(updated.profile(&state.public_url)))
}

/// Removes the profile picture.
#[utoipa::path(delete, path = "/api/v1/me/avatar", tag = "accounts", security(("bearer" = [])), responses((status = 204)))]
async fn delete_avatar(State(state): State<AppState>, caller: Caller) -> AppResult<StatusCode> {
    let mut tx = state.db.begin().await?;
    accounts::delete_avatar(&mut tx, caller.account.id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A picture, for the account itself and people sharing an organization with it.
#[utoipa::path(get, path = "/api/v1/accounts/{id}/avatar", tag = "accounts", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "image/png", body = Vec<u8>), (status = 404, body = api::Problem)))]
async fn get_avatar(
    State(state): State<AppState>,
    caller: Caller,
    PathParams(id): PathParams<Uuid>,
) -> AppResult<Response> {
    let mut conn = state.db.pool().acquire().await?;
    if !accounts::share_an_org(&mut conn, caller.account.id, id).await? {
        return Err(AppError::not_found("picture"));
    }
    let (content_type, bytes) = accounts::avatar(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found("picture"))?;
    Ok((
        [
            (CONTENT_TYPE, content_type),
            (X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (
                CONTENT_SECURITY_POLICY,
                "default-src 'none'; sandbox".to_string(),
            ),
            (CACHE_CONTROL, "private, max-age=86400".to_string()),
        ],
        bytes,
    )
        .into_response())
}
