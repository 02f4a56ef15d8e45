//! The email domains an organization claims and proves over DNS
//! (`org.domains.manage`). A verified domain belongs to one organization,
//! which then manages the accounts whose verified email is at it.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use orgdesk_api::permissions;
use orgdesk_api::{self as api, codes};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::OrgCaller;
use super::extract::{JsonBody, PathParams};
use crate::dns::TxtLookup;
use crate::domain::domains::{self as rules, Verdict};
use crate::domain::throttle::Rate;
use crate::error::{AppError, AppResult};
use crate::flows::throttle;
use crate::secrets::new_token;
use crate::state::AppState;
use crate::store::domains::{self, DomainRow, NewDomain};
use crate::store::{Tx, audit, is_unique_violation};

const MANAGE: &str = permissions::DOMAINS_MANAGE;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_domains, claim_domain))
        .routes(routes!(verify_domain))
        .routes(routes!(delete_domain))
}

#[derive(Debug, serde::Deserialize)]
struct DomainPath {
    #[allow(dead_code)]
    org: String,
    id: Uuid,
}

fn taken() -> AppError {
    AppError::conflict(
        codes::DOMAIN_TAKEN,
        "another organization verified this domain",
    )
}

async fn record(
    tx: &mut Tx,
    caller: &OrgCaller,
    action: &str,
    domain: &DomainRow,
) -> AppResult<()> {
    audit::record(
        tx,
        audit::Entry {
            org: Some(caller.org.id),
            actor: Some(caller.account.id),
            action,
            target_type: "domain",
            target_id: Some(domain.id.to_string()),
            ip: caller.ip(),
            detail: serde_json::json!({ "domain": domain.domain }),
        },
    )
    .await?;
    Ok(())
}

/// The organization's claimed domains, verified or waiting for their record.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/domains", tag = "domains", security(("bearer" = [])), params(("org" = String, Path)),
    responses((status = 200, body = Vec<api::Domain>), (status = 403, body = api::Problem)))]
async fn list_domains(
    State(state): State<AppState>,
    caller: OrgCaller,
) -> AppResult<Json<Vec<api::Domain>>> {
    caller.require(&state, MANAGE)?;
    let mut conn = state.db.pool().acquire().await?;
    Ok(Json(
        domains::list(&mut conn, caller.org.id)
            .await?
            .iter()
            .map(DomainRow::to_api)
            .collect(),
    ))
}

/// Claims a domain: the answer names the TXT record to publish.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/domains", tag = "domains", security(("bearer" = [])), params(("org" = String, Path)),
    request_body = api::ClaimDomain,
    responses((status = 201, body = api::Domain), (status = 403, body = api::Problem),
              (status = 409, description = "domain_taken (verified by another organization), duplicate (claimed here already)", body = api::Problem),
              (status = 422, description = "invalid_domain, or too many domains", body = api::Problem)))]
async fn claim_domain(
    State(state): State<AppState>,
    caller: OrgCaller,
    JsonBody(body): JsonBody<api::ClaimDomain>,
) -> AppResult<impl IntoResponse> {
    caller.require(&state, MANAGE)?;
    let domain = rules::normalize(&body.domain, &state.base_domain)
        .map_err(|why| AppError::field("domain", codes::INVALID_DOMAIN, why.to_string()))?;
    let mut tx = state.db.begin().await?;
    tx.lock_org(caller.org.id).await?;
    if domains::count(&mut tx, caller.org.id).await? >= rules::MAX_DOMAINS_PER_ORG {
        return Err(AppError::field(
            "domain",
            codes::TOO_MANY_CHANGES,
            format!(
                "an organization claims at most {} domains",
                rules::MAX_DOMAINS_PER_ORG
            ),
        ));
    }
    if domains::verifier(&mut tx, &domain)
        .await?
        .is_some_and(|org| org != caller.org.id)
    {
        return Err(taken());
    }
    let id = Uuid::now_v7();
    let (secret, _) = new_token("");
    let new = NewDomain {
        id,
        org: caller.org.id,
        domain: &domain,
        secret: &secret,
        created_by: caller.account.id,
    };
    match domains::insert(&mut tx, &new).await {
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::conflict(
                codes::DUPLICATE,
                "this organization claimed this domain already",
            ));
        }
        other => other?,
    }
    let row = domains::get(&mut tx, caller.org.id, id)
        .await?
        .ok_or_else(|| AppError::not_found("domain"))?;
    record(&mut tx, &caller, "domain.claim", &row).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(row.to_api())))
}

/// Looks the claim's TXT record up over DNS now; found, the domain is
/// verified and its accounts are managed by this organization.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/domains/{id}/verify", tag = "domains", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    responses((status = 200, body = api::Domain), (status = 403, body = api::Problem), (status = 404, body = api::Problem),
              (status = 409, description = "domain_not_verified (saying what was found) or domain_taken", body = api::Problem),
              (status = 429, description = "rate_limited", body = api::Problem)))]
async fn verify_domain(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<DomainPath>,
) -> AppResult<Json<api::Domain>> {
    caller.require(&state, MANAGE)?;
    let claim = {
        let mut conn = state.db.pool().acquire().await?;
        domains::get(&mut conn, caller.org.id, path.id)
            .await?
            .ok_or_else(|| AppError::not_found("domain"))?
    };
    if claim.status == api::DomainStatus::Verified {
        return Ok(Json(claim.to_api()));
    }
    throttle::spend(
        &state,
        "domain-check",
        &caller.org.id.to_string(),
        1,
        Rate::per_hour(state.limits.domain_checks_per_hour),
        "domain verifications",
    )
    .await?;
    let expected = rules::txt_value(&claim.secret);
    let txt_name = rules::txt_name(&claim.domain);
    let verdict = match state.dns.txt(&txt_name).await {
        TxtLookup::Found(records) => rules::decide(&expected, Some(&records)),
        TxtLookup::NoRecords => rules::decide(&expected, None),
        TxtLookup::Failed(why) => {
            Verdict::NotVerified(format!("the DNS lookup of {txt_name} failed: {why}"))
        }
    };
    if let Verdict::NotVerified(found) = verdict {
        return Err(AppError::conflict(
            codes::DOMAIN_NOT_VERIFIED,
            format!("{txt_name}: {found}"),
        ));
    }
    let mut tx = state.db.begin().await?;
    tx.lock_org(caller.org.id).await?;
    // The claim may have been given up while DNS was asked.
    let claim = domains::get(&mut tx, caller.org.id, path.id)
        .await?
        .ok_or_else(|| AppError::not_found("domain"))?;
    if domains::verifier(&mut tx, &claim.domain)
        .await?
        .is_some_and(|org| org != caller.org.id)
    {
        return Err(taken());
    }
    match domains::mark_verified(&mut tx, claim.id).await {
        Err(e) if is_unique_violation(&e) => return Err(taken()),
        other => other?,
    }
    record(&mut tx, &caller, "domain.verify", &claim).await?;
    let verified = domains::get(&mut tx, caller.org.id, claim.id)
        .await?
        .ok_or_else(|| AppError::not_found("domain"))?;
    tx.commit().await?;
    Ok(Json(verified.to_api()))
}

/// Gives a domain up: its accounts are no longer managed by this organization.
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/domains/{id}", tag = "domains", security(("bearer" = [])), params(("org" = String, Path), ("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = api::Problem), (status = 404, body = api::Problem)))]
async fn delete_domain(
    State(state): State<AppState>,
    caller: OrgCaller,
    PathParams(path): PathParams<DomainPath>,
) -> AppResult<StatusCode> {
    caller.require(&state, MANAGE)?;
    let mut tx = state.db.begin().await?;
    let claim = domains::get(&mut tx, caller.org.id, path.id)
        .await?
        .ok_or_else(|| AppError::not_found("domain"))?;
    domains::delete(&mut tx, claim.id).await?;
    record(&mut tx, &caller, "domain.delete", &claim).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
