//! The catalogue and organizations.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use orgdesk_api::{self as api, FieldError, codes, validate};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::{Caller, OrgCaller};
use crate::domain::names;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::orgs::{self, NewOrg, OrgRow, Taken};
use crate::store::{Tx, audit, groups, is_unique_violation};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(catalog))
        .routes(routes!(create_org))
        .routes(routes!(get_org, update_org))
        .routes(routes!(org_permissions))
}

/// What the platform sells.
#[utoipa::path(get, path = "/api/v1/catalog", tag = "organizations", responses((status = 200, body = api::Catalog)))]
async fn catalog(State(state): State<AppState>) -> Json<api::Catalog> {
    Json(state.catalog.to_api())
}

fn field(errors: &mut Vec<FieldError>, ok: bool, name: &str, code: &str, message: &str) {
    if !ok {
        errors.push(FieldError {
            field: name.into(),
            code: code.into(),
            message: message.into(),
        });
    }
}

fn country_ok(country: &str) -> bool {
    country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase())
}

fn vat_ok(vat: &str) -> bool {
    (4..=20).contains(&vat.len()) && vat.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The packages chosen, checked against the catalogue: (seat limit, its package's name).
fn subscription_of(
    state: &AppState,
    products: &[api::ProductChoice],
    errors: &mut Vec<FieldError>,
) -> Option<(i64, String)> {
    let mut smallest: Option<(i64, String)> = None;
    if products.is_empty() {
        field(
            errors,
            false,
            "products",
            "required",
            "choose at least one product",
        );
    }
    for (i, choice) in products.iter().enumerate() {
        let at = format!("products[{i}]");
        if products[..i].iter().any(|c| c.product == choice.product) {
            field(errors, false, &at, "duplicate", "each product once");
            continue;
        }
        let Some(product) = state.catalog.product(&choice.product) else {
            field(
                errors,
                false,
                &format!("{at}.product"),
                "unknown_product",
                "no such product",
            );
            continue;
        };
        let Some(package) = product.packages.iter().find(|p| p.id == choice.package) else {
            field(
                errors,
                false,
                &format!("{at}.package"),
                "unknown_package",
                "no such package of this product",
            );
            continue;
        };
        let Some(seats) = package.seats.filter(|_| !package.contact_sales) else {
            field(
                errors,
                false,
                &format!("{at}.package"),
                "contact_sales",
                "this package is sold through a quote from sales",
            );
            continue;
        };
        let seats = i64::from(seats);
        if smallest.as_ref().is_none_or(|(s, _)| seats < *s) {
            smallest = Some((seats, format!("{} {}", product.name, package.name)));
        }
    }
    smallest
}

/// Creates an organization; the creator joins its Admin group.
#[utoipa::path(post, path = "/api/v1/orgs", tag = "organizations", security(("bearer" = [])), request_body = api::CreateOrganization,
    responses((status = 201, body = api::Organization), (status = 409, description = "name_taken or subdomain_taken", body = api::Problem),
              (status = 422, body = api::Problem)))]
async fn create_org(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<api::CreateOrganization>,
) -> AppResult<impl IntoResponse> {
    let mut errors = Vec::new();
    field(
        &mut errors,
        names::text_ok(&body.name, 200),
        "name",
        "invalid_name",
        "use 1 to 200 characters",
    );
    if let Some(problem) = names::subdomain_problem(&body.subdomain) {
        field(
            &mut errors,
            false,
            "subdomain",
            "invalid_subdomain",
            problem,
        );
    }
    field(
        &mut errors,
        country_ok(&body.country),
        "country",
        "invalid_country",
        "use the ISO 3166-1 alpha-2 code, e.g. DE",
    );
    field(
        &mut errors,
        body.vat_id.as_deref().is_none_or(vat_ok),
        "vat_id",
        "invalid_vat_id",
        "use the VAT id with its country prefix",
    );
    field(
        &mut errors,
        names::text_ok(&body.address, 500),
        "address",
        "invalid_address",
        "use 1 to 500 characters",
    );
    let billing_email = validate::normalize_email(&body.billing_email);
    field(
        &mut errors,
        billing_email.is_some(),
        "billing_email",
        "invalid_email",
        "this is not an email address",
    );
    let subscription = subscription_of(&state, &body.products, &mut errors);
    let (Some(billing_email), Some((seat_limit, package_name)), true) =
        (billing_email, subscription, errors.is_empty())
    else {
        return Err(AppError::validation(errors));
    };
    let id = Uuid::now_v7();
    let name = body.name.trim();
    let name_key = names::name_key(name);
    let mut tx = state.db.begin().await?;
    if let Some(taken) = orgs::taken(&mut tx, &name_key, &body.subdomain, None).await? {
        return Err(taken_error(&taken));
    }
    let new = NewOrg {
        id,
        name,
        name_key: &name_key,
        subdomain: &body.subdomain,
        country: &body.country,
        vat_id: body.vat_id.as_deref(),
        address: body.address.trim(),
        billing_email: &billing_email,
        status: api::OrgStatus::Active,
        seat_limit,
        package_name: &package_name,
        created_by: caller.account.id,
        products: &body.products,
    };
    match orgs::insert(&mut tx, &new).await {
        Err(e) if is_unique_violation(&e) => {
            return Err(taken_error(&orgs::taken_from_violation(&e)));
        }
        other => other?,
    }
    let product_ids: Vec<&str> = body.products.iter().map(|p| p.product.as_str()).collect();
    orgs::insert_membership(
        &mut tx,
        id,
        caller.account.id,
        &caller.account.name,
        &caller.account.email,
    )
    .await?;
    for template in state.catalog.initial_groups(&product_ids) {
        let group = groups::insert(&mut tx, id, &template).await?;
        if template.builtin && template.name == "Admin" {
            groups::add_member(&mut tx, id, group, caller.account.id).await?;
        }
    }
    audit::record(&mut tx, audit::Entry {
        org: Some(id),
        actor: Some(caller.account.id),
        action: "org.create",
        target_type: "organization",
        target_id: Some(id.to_string()),
        ip: Some(caller.meta.ip.to_string()),
        detail: serde_json::json!({ "name": name, "subdomain": body.subdomain, "products": body.products }),
    })
    .await?;
    let org = orgs::find(&mut tx, &id.to_string())
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("organization vanished")))?;
    let answer = organization(&mut tx, org).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(answer)))
}

fn taken_error(taken: &Taken) -> AppError {
    match taken {
        Taken::Name => {
            AppError::conflict(codes::NAME_TAKEN, "an organization with this name exists")
        }
        Taken::Subdomain => AppError::conflict(codes::SUBDOMAIN_TAKEN, "this subdomain is taken"),
    }
}

pub async fn organization(
    conn: &mut sqlx::AnyConnection,
    org: OrgRow,
) -> AppResult<api::Organization> {
    let products = orgs::products(conn, org.id).await?;
    let seats_used = orgs::seats_used(conn, org.id).await?;
    Ok(api::Organization {
        id: org.id,
        name: org.name,
        subdomain: org.subdomain,
        country: org.country,
        vat_id: org.vat_id,
        address: org.address,
        billing_email: org.billing_email,
        status: org.status,
        products,
        subscription: api::Subscription {
            package: org.package_name,
            seat_limit: u32::try_from(org.seat_limit).unwrap_or(u32::MAX),
            seats_used: u32::try_from(seats_used).unwrap_or(u32::MAX),
        },
        overview: None,
        created_at: org.created_at,
        version: org.version,
    })
}

/// An organization's details and subscription, for any of its active members.
#[utoipa::path(get, path = "/api/v1/orgs/{org}", tag = "organizations", security(("bearer" = [])), params(("org" = String, Path, description = "id or subdomain")),
    responses((status = 200, body = api::Organization), (status = 404, body = api::Problem)))]
async fn get_org(
    State(state): State<AppState>,
    caller: OrgCaller,
) -> AppResult<Json<api::Organization>> {
    let mut conn = state.db.pool().acquire().await?;
    Ok(Json(organization(&mut conn, caller.org).await?))
}

/// `If-Match: "<version>"` (quotes optional); `None` when absent.
pub fn if_match(headers: &HeaderMap) -> AppResult<Option<i64>> {
    match headers.get(axum::http::header::IF_MATCH) {
        None => Ok(None),
        Some(value) => value
            .to_str()
            .ok()
            .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
            .and_then(|v| v.parse().ok())
            .map(Some)
            .ok_or_else(|| {
                AppError::bad_request("If-Match must be the version number read, e.g. \"3\"")
            }),
    }
}

pub fn stale(expected: Option<i64>, current: i64) -> AppResult<()> {
    match expected {
        Some(v) if v != current => Err(AppError::new(
            StatusCode::PRECONDITION_FAILED,
            codes::STALE_VERSION,
            format!(
                "someone changed this since you read it (version {v}, now {current}); reload and try again"
            ),
        )),
        _ => Ok(()),
    }
}

/// Edits the organization's details (`org.settings.manage`).
#[utoipa::path(patch, path = "/api/v1/orgs/{org}", tag = "organizations", security(("bearer" = [])), params(("org" = String, Path)), request_body = api::UpdateOrganization,
    responses((status = 200, body = api::Organization), (status = 409, body = api::Problem), (status = 412, body = api::Problem)))]
async fn update_org(
    State(state): State<AppState>,
    caller: OrgCaller,
    headers: HeaderMap,
    JsonBody(body): JsonBody<api::UpdateOrganization>,
) -> AppResult<Json<api::Organization>> {
    caller.require(&state, "org.settings.manage")?;
    stale(if_match(&headers)?, caller.org.version)?;
    let mut org = caller.org.clone();
    let mut errors = Vec::new();
    if let Some(name) = &body.name {
        field(
            &mut errors,
            names::text_ok(name, 200),
            "name",
            "invalid_name",
            "use 1 to 200 characters",
        );
        org.name = name.trim().to_string();
    }
    if let Some(subdomain) = &body.subdomain {
        if let Some(problem) = names::subdomain_problem(subdomain) {
            field(
                &mut errors,
                false,
                "subdomain",
                "invalid_subdomain",
                problem,
            );
        }
        org.subdomain.clone_from(subdomain);
    }
    if let Some(country) = &body.country {
        field(
            &mut errors,
            country_ok(country),
            "country",
            "invalid_country",
            "use the ISO 3166-1 alpha-2 code",
        );
        org.country.clone_from(country);
    }
    if let Some(vat) = &body.vat_id {
        field(
            &mut errors,
            vat.as_deref().is_none_or(vat_ok),
            "vat_id",
            "invalid_vat_id",
            "use the VAT id with its country prefix",
        );
        org.vat_id.clone_from(vat);
    }
    if let Some(address) = &body.address {
        field(
            &mut errors,
            names::text_ok(address, 500),
            "address",
            "invalid_address",
            "use 1 to 500 characters",
        );
        org.address = address.trim().to_string();
    }
    if let Some(email) = &body.billing_email {
        match validate::normalize_email(email) {
            Some(e) => org.billing_email = e,
            None => field(
                &mut errors,
                false,
                "billing_email",
                "invalid_email",
                "this is not an email address",
            ),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::validation(errors));
    }
    let name_key = names::name_key(&org.name);
    let mut tx: Tx = state.db.begin().await?;
    if let Some(taken) = orgs::taken(&mut tx, &name_key, &org.subdomain, Some(org.id)).await? {
        return Err(taken_error(&taken));
    }
    match orgs::update(&mut tx, &org, &name_key).await {
        Err(e) if is_unique_violation(&e) => {
            return Err(taken_error(&orgs::taken_from_violation(&e)));
        }
        other => other?,
    }
    audit::record(
        &mut tx,
        audit::Entry {
            org: Some(org.id),
            actor: Some(caller.account.id),
            action: "org.update",
            target_type: "organization",
            target_id: Some(org.id.to_string()),
            ip: caller.ip(),
            detail: serde_json::to_value(&body).unwrap_or_default(),
        },
    )
    .await?;
    let updated = orgs::find(&mut tx, &org.id.to_string())
        .await?
        .ok_or_else(|| AppError::not_found("organization"))?;
    let answer = organization(&mut tx, updated).await?;
    tx.commit().await?;
    Ok(Json(answer))
}

/// The permissions this organization's products bring (`org.groups.read`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/permissions", tag = "groups", security(("bearer" = [])), params(("org" = String, Path)),
    responses((status = 200, body = Vec<api::PermissionInfo>)))]
async fn org_permissions(
    State(state): State<AppState>,
    caller: OrgCaller,
) -> AppResult<Json<Vec<api::PermissionInfo>>> {
    caller.require(&state, "org.groups.read")?;
    Ok(Json(state.catalog.infos(&caller.org_permissions)))
}

use super::extract::JsonBody;
