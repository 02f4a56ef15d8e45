//! The catalogue and organizations: creation (the wizard's last step before
//! payment), details, and the permissions an organization's products bring.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use orgdesk_api::{self as api, codes};
use orgdesk_api::{actions, permissions};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::{Caller, OrgCaller, OrgCallerAnyStatus};
use super::extract::JsonBody;
use super::params::{if_match, stale};
use crate::domain::catalog::BuiltinGroup;
use crate::domain::org_details::{check_details, subscription_of};
use crate::domain::pricing;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::orgs::{self, NewOrg, OrgRow, Taken};
use crate::store::{audit, groups, is_unique_violation};

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

/// Creates an organization waiting for its payment, with its groups; the
/// creator joins its Admin group. The answer carries the price overview.
#[utoipa::path(post, path = "/api/v1/orgs", tag = "organizations", security(("bearer" = [])), request_body = api::CreateOrganization,
    responses((status = 201, body = api::Organization), (status = 409, description = "name_taken, subdomain_taken or too_many_unpaid_orgs", body = api::Problem),
              (status = 422, description = "validation_failed: names the wrong fields (vat_prefix, vat_format, vat_checksum, invalid_subdomain, …)", body = api::Problem)))]
async fn create_org(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<api::CreateOrganization>,
) -> AppResult<impl IntoResponse> {
    let mut errors = Vec::new();
    let details = check_details(
        &body.name,
        &body.subdomain,
        &body.country,
        body.vat_id.as_deref(),
        &body.address,
        &body.billing_email,
        &mut errors,
    );
    let subscription = subscription_of(&state.catalog, &body.products, &mut errors);
    let (Some(d), Some((seat_limit, package_name)), true) =
        (details, subscription, errors.is_empty())
    else {
        return Err(AppError::validation(errors));
    };
    let id = Uuid::now_v7();
    let mut tx = state.db.begin().await?;
    // Organizations nobody paid for do not hold names forever, nor pile up.
    orgs::delete_expired_unpaid(&mut tx, orgs::expiry_cutoff()).await?;
    if orgs::unpaid_of(&mut tx, caller.account.id).await? >= state.limits.unpaid_orgs_per_account {
        return Err(AppError::conflict(
            codes::TOO_MANY_UNPAID_ORGS,
            format!(
                "you have {} organizations waiting for their payment; pay for one or let them expire (7 days after creation)",
                state.limits.unpaid_orgs_per_account
            ),
        ));
    }
    // The same rules again inside the transaction that inserts: of two people
    // racing for one name, one wins and one is told.
    if let Some(taken) = orgs::taken(&mut tx, &d.name_key, &d.subdomain, None).await? {
        return Err(taken_error(&taken));
    }
    let new = NewOrg {
        id,
        name: &d.name,
        name_key: &d.name_key,
        subdomain: &d.subdomain,
        country: &d.country,
        vat_id: d.vat_id.as_deref(),
        address: &d.address,
        billing_email: &d.billing_email,
        status: api::OrgStatus::PendingPayment,
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
        if BuiltinGroup::Admin.is(template.builtin, &template.name) {
            groups::add_member(&mut tx, id, group, caller.account.id).await?;
        }
    }
    audit::record(&mut tx, audit::Entry {
        org: Some(id),
        actor: Some(caller.account.id),
        action: actions::ORG_CREATE,
        target_type: "organization",
        target_id: Some(id.to_string()),
        ip: Some(caller.meta.ip.to_string()),
        detail: serde_json::json!({ "name": d.name, "subdomain": d.subdomain, "products": body.products }),
    })
    .await?;
    let org = orgs::find(&mut tx, &id.to_string())
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("organization vanished")))?;
    let answer = organization(&state, &mut tx, org).await?;
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
    state: &AppState,
    conn: &mut sqlx::AnyConnection,
    org: OrgRow,
) -> AppResult<api::Organization> {
    let products = orgs::products(conn, org.id).await?;
    let seats_used = orgs::seats_used(conn, org.id).await?;
    let overview = (org.status == api::OrgStatus::PendingPayment).then(|| {
        pricing::overview(
            &state.catalog,
            &products,
            &org.country,
            org.vat_id.as_deref(),
        )
    });
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
        overview,
        created_at: org.created_at,
        version: org.version,
        auto_join_domains: org.auto_join_domains,
    })
}

/// An organization's details and subscription, for any of its active
/// members; also while it waits for its payment (with the price overview).
#[utoipa::path(get, path = "/api/v1/orgs/{org}", tag = "organizations", security(("bearer" = [])), params(("org" = String, Path, description = "id or subdomain")),
    responses((status = 200, body = api::Organization), (status = 404, body = api::Problem)))]
async fn get_org(
    State(state): State<AppState>,
    caller: OrgCallerAnyStatus,
) -> AppResult<Json<api::Organization>> {
    let mut conn = state.db.pool().acquire().await?;
    Ok(Json(
        organization(&state, &mut conn, Arc::unwrap_or_clone(caller.0.org)).await?,
    ))
}

/// Edits the organization's details (`org.settings.manage`); a new name or
/// subdomain passes the same availability rules as at creation.
#[utoipa::path(patch, path = "/api/v1/orgs/{org}", tag = "organizations", security(("bearer" = [])), params(("org" = String, Path)), request_body = api::UpdateOrganization,
    responses((status = 200, body = api::Organization), (status = 409, body = api::Problem), (status = 412, body = api::Problem)))]
async fn update_org(
    State(state): State<AppState>,
    caller: OrgCaller,
    headers: HeaderMap,
    JsonBody(body): JsonBody<api::UpdateOrganization>,
) -> AppResult<Json<api::Organization>> {
    caller.require(&state, permissions::SETTINGS_MANAGE)?;
    if body.auto_join_domains.is_some() {
        caller.require(&state, permissions::DOMAINS_MANAGE)?;
    }
    stale(if_match(&headers)?, caller.org.version)?;
    let current = &caller.org;
    let vat_id = match &body.vat_id {
        Some(v) => v.clone(),
        None => current.vat_id.clone(),
    };
    let mut errors = Vec::new();
    let details = check_details(
        body.name.as_deref().unwrap_or(&current.name),
        body.subdomain.as_deref().unwrap_or(&current.subdomain),
        body.country.as_deref().unwrap_or(&current.country),
        vat_id.as_deref(),
        body.address.as_deref().unwrap_or(&current.address),
        body.billing_email
            .as_deref()
            .unwrap_or(&current.billing_email),
        &mut errors,
    );
    let Some(d) = details else {
        return Err(AppError::validation(errors));
    };
    let mut org = OrgRow::clone(current);
    (
        org.name,
        org.subdomain,
        org.country,
        org.vat_id,
        org.address,
        org.billing_email,
    ) = (
        d.name,
        d.subdomain,
        d.country,
        d.vat_id,
        d.address,
        d.billing_email,
    );
    if let Some(auto_join) = body.auto_join_domains {
        org.auto_join_domains = auto_join;
    }
    let mut tx = state.db.begin().await?;
    orgs::delete_expired_unpaid(&mut tx, orgs::expiry_cutoff()).await?;
    if let Some(taken) = orgs::taken(&mut tx, &d.name_key, &org.subdomain, Some(org.id)).await? {
        return Err(taken_error(&taken));
    }
    match orgs::update(&mut tx, &org, &d.name_key).await {
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
            action: actions::ORG_UPDATE,
            target_type: "organization",
            target_id: Some(org.id.to_string()),
            ip: caller.ip(),
            detail: serde_json::json!({ "changed": changed_fields(&caller.org, &org) }),
        },
    )
    .await?;
    let updated = orgs::find(&mut tx, &org.id.to_string())
        .await?
        .ok_or_else(|| AppError::not_found("organization"))?;
    let answer = organization(&state, &mut tx, updated).await?;
    tx.commit().await?;
    Ok(Json(answer))
}

/// The names of the details an edit changed, for the audit log.
fn changed_fields(before: &OrgRow, after: &OrgRow) -> Vec<&'static str> {
    [
        ("name", before.name != after.name),
        ("subdomain", before.subdomain != after.subdomain),
        ("country", before.country != after.country),
        ("vat_id", before.vat_id != after.vat_id),
        ("address", before.address != after.address),
        ("billing_email", before.billing_email != after.billing_email),
        (
            "auto_join_domains",
            before.auto_join_domains != after.auto_join_domains,
        ),
    ]
    .into_iter()
    .filter_map(|(field, changed)| changed.then_some(field))
    .collect()
}

/// The permissions this organization's products bring (`org.groups.read`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/permissions", tag = "groups", security(("bearer" = [])), params(("org" = String, Path)),
    responses((status = 200, body = Vec<api::PermissionInfo>)))]
async fn org_permissions(
    State(state): State<AppState>,
    caller: OrgCaller,
) -> AppResult<Json<Vec<api::PermissionInfo>>> {
    caller.require(&state, permissions::GROUPS_READ)?;
    Ok(Json(state.catalog.infos(&caller.org_permissions)))
}
