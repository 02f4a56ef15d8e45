//! The new-organization wizard's server side: availability, checkout,
//! payment status, the provider's webhook, and requests for a quote.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use orgdesk_api::{self as api, FieldError, codes, validate};
use orgdesk_api::{actions, permissions};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::auth::{Caller, OrgCallerAnyStatus};
use super::extract::{JsonBody, QueryParams};
use crate::domain::{availability, pricing};
use crate::error::{AppError, AppResult};
use crate::mail::Mail;
use crate::payment::{CheckoutRequest, EventKind, SIGNATURE_HEADER, WebhookError};
use crate::state::AppState;
use crate::store::payments::{self, NewPayment};
use crate::store::{audit, orgs};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(check_availability))
        .routes(routes!(checkout))
        .routes(routes!(payment_status))
        .routes(routes!(webhook))
        .routes(routes!(request_quote))
}

/// Whether a company name and a subdomain can be had; suggestions when not.
#[utoipa::path(get, path = "/api/v1/orgs/availability", tag = "organizations", security(("bearer" = [])), params(api::AvailabilityQuery),
    responses((status = 200, body = api::Availability)))]
async fn check_availability(
    State(state): State<AppState>,
    _caller: Caller,
    QueryParams(q): QueryParams<api::AvailabilityQuery>,
) -> AppResult<Json<api::Availability>> {
    if q.name.as_ref().is_some_and(|n| n.len() > 400)
        || q.subdomain.as_ref().is_some_and(|s| s.len() > 200)
    {
        return Err(AppError::bad_request(
            "the name or subdomain is far too long",
        ));
    }
    let mut conn = state.db.pool().acquire().await?;
    let name = match q.name.as_deref().map(str::trim) {
        None => None,
        Some(name) if !crate::domain::names::text_ok(name, 200) => Some(api::NameAvailability {
            available: false,
            conflict_with: None,
            reason: Some("use 1 to 200 characters".into()),
        }),
        Some(name) => {
            let conflict = orgs::name_owner(&mut conn, &availability::company_key(name)).await?;
            Some(api::NameAvailability {
                available: conflict.is_none(),
                conflict_with: conflict,
                reason: None,
            })
        }
    };
    let subdomain = match q.subdomain.as_deref().map(str::trim) {
        None => None,
        Some(sub) => {
            let problem = match availability::subdomain_problem(sub) {
                Some(reason) => Some(reason),
                None if orgs::subdomain_taken(&mut conn, sub).await? => {
                    Some(availability::SubdomainReason::Taken)
                }
                None => None,
            };
            let suggestions = match &problem {
                None => Vec::new(),
                Some(_) => {
                    let seed = if sub.is_ascii() && !sub.is_empty() {
                        sub.to_string()
                    } else {
                        q.name.clone().unwrap_or_default()
                    };
                    let candidates =
                        availability::suggestions(&seed, q.country.as_deref(), 12, |_| true);
                    let taken = orgs::subdomains_taken(&mut conn, &candidates).await?;
                    candidates
                        .into_iter()
                        .filter(|c| !taken.contains(c))
                        .take(3)
                        .collect()
                }
            };
            Some(api::SubdomainAvailability {
                available: problem.is_none(),
                reason: problem.map(|reason| reason.message().to_string()),
                reason_code: problem,
                suggestions,
            })
        }
    };
    Ok(Json(api::Availability { name, subdomain }))
}

/// Opens (or reopens) the payment provider's checkout for an organization waiting for its payment.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/checkout", tag = "organizations", security(("bearer" = [])), params(("org" = String, Path)),
    responses((status = 200, body = api::Checkout), (status = 409, description = "already_paid", body = api::Problem)))]
async fn checkout(
    State(state): State<AppState>,
    caller: OrgCallerAnyStatus,
) -> AppResult<Json<api::Checkout>> {
    let caller = caller.0;
    caller.require(&state, permissions::BILLING_MANAGE)?;
    if caller.org.status != api::OrgStatus::PendingPayment {
        return Err(AppError::conflict(
            codes::ALREADY_PAID,
            "this organization has nothing to pay now",
        ));
    }
    let mut conn = state.db.pool().acquire().await?;
    let products = orgs::products(&mut conn, caller.org.id).await?;
    let overview = pricing::overview(
        &state.catalog,
        &products,
        &caller.org.country,
        caller.org.vat_id.as_deref(),
    );
    // An abandoned or declined checkout for the same amount is simply tried again.
    if let Some(open) = payments::latest(&mut conn, caller.org.id).await?
        && open.status != api::PaymentStatus::Paid
        && open.amount_cents == overview.total_cents
        && open.currency == overview.currency
        && let Some(checkout_url) = state.payments.reopen_checkout(open.id).await?
    {
        return Ok(Json(api::Checkout {
            checkout_url,
            payment_id: open.id,
        }));
    }
    let payment_id = Uuid::now_v7();
    let started = state
        .payments
        .start_checkout(CheckoutRequest {
            payment_id,
            description: format!("Orgdesk subscription for {} (first month)", caller.org.name),
            amount_cents: overview.total_cents,
            currency: overview.currency.clone(),
        })
        .await?;
    payments::insert(
        &mut conn,
        &NewPayment {
            id: payment_id,
            org: caller.org.id,
            provider: state.payments.name(),
            provider_ref: &started.provider_ref,
            // The link carries the checkout's secret: kept by the provider as
            // a hash, and never here.
            checkout_url: "",
            amount_cents: overview.total_cents,
            currency: &overview.currency,
        },
    )
    .await?;
    Ok(Json(api::Checkout {
        checkout_url: started.checkout_url,
        payment_id,
    }))
}

/// The latest payment: what a console waiting on the checkout polls.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/payment", tag = "organizations", security(("bearer" = [])), params(("org" = String, Path)),
    responses((status = 200, body = api::Payment), (status = 404, body = api::Problem)))]
async fn payment_status(
    State(state): State<AppState>,
    caller: OrgCallerAnyStatus,
) -> AppResult<Json<api::Payment>> {
    caller.0.require(&state, permissions::BILLING_MANAGE)?;
    let mut conn = state.db.pool().acquire().await?;
    let payment = payments::latest(&mut conn, caller.0.org.id)
        .await?
        .ok_or_else(|| AppError::not_found("payment"))?;
    Ok(Json(payment.to_api()))
}

/// The provider's signed events. Forged, tampered or stale (over 5 minutes)
/// events are refused; a repeated event id changes nothing.
#[utoipa::path(post, path = "/api/v1/payments/webhook", tag = "organizations", request_body(content = String, description = "the provider's event, signed in the Orgdesk-Signature header"),
    responses((status = 200), (status = 400, description = "invalid_signature", body = api::Problem)))]
async fn webhook(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<impl IntoResponse> {
    let signature = headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok());
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let event = state
        .payments
        .verify_webhook(signature, &body, now)
        .map_err(|e| {
            let why = match e {
                WebhookError::MissingSignature => "the event is not signed",
                WebhookError::BadSignature => "the signature does not match",
                WebhookError::Stale => {
                    "the event is too old (or from the future): replays are refused"
                }
                WebhookError::Malformed => "the event cannot be read",
            };
            AppError::new(StatusCode::BAD_REQUEST, codes::INVALID_SIGNATURE, why)
        })?;
    let mut tx = state.db.begin().await?;
    let kind = match event.kind {
        EventKind::Paid => "checkout.paid",
        EventKind::Declined => "checkout.declined",
    };
    if !payments::first_time(&mut tx, &event.id, kind).await? {
        return Ok(Json(
            serde_json::json!({ "received": true, "duplicate": true }),
        ));
    }
    let Some(payment) = payments::get(&mut tx, event.data.payment_id).await? else {
        tracing::warn!(event = %event.id, "a payment event for an unknown payment");
        tx.commit().await?;
        return Ok(Json(serde_json::json!({ "received": true })));
    };
    match event.kind {
        EventKind::Paid
            if event.data.amount_cents != payment.amount_cents
                || event.data.currency != payment.currency =>
        {
            tracing::error!(event = %event.id, "a paid event whose amount does not match its payment; not applied");
        }
        EventKind::Paid => {
            tx.lock_org(payment.org_id).await?;
            if payments::mark_paid(&mut tx, payment.id).await? {
                orgs::activate(&mut tx, payment.org_id).await?;
                audit::record(&mut tx, audit::Entry {
                    org: Some(payment.org_id),
                    actor: None,
                    action: actions::ORG_PAID,
                    target_type: "organization",
                    target_id: Some(payment.org_id.to_string()),
                    ip: None,
                    detail: serde_json::json!({ "payment": payment.id, "amount_cents": payment.amount_cents, "currency": payment.currency, "event": event.id }),
                })
                .await?;
            }
        }
        EventKind::Declined => {
            payments::mark_declined(
                &mut tx,
                payment.id,
                event.data.reason.as_deref().unwrap_or("declined"),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(Json(serde_json::json!({ "received": true })))
}

/// Asks sales for a custom quote; they answer by mail.
#[utoipa::path(post, path = "/api/v1/sales/quotes", tag = "organizations", security(("bearer" = [])), request_body = api::QuoteRequest,
    responses((status = 201, body = api::QuoteResponse), (status = 422, body = api::Problem)))]
async fn request_quote(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<api::QuoteRequest>,
) -> AppResult<impl IntoResponse> {
    let mut errors = Vec::new();
    let mut check = |ok: bool, field: &str, message: &str| {
        if !ok {
            errors.push(FieldError {
                field: field.into(),
                code: "invalid".into(),
                message: message.into(),
            });
        }
    };
    check(
        validate::display_name_ok(&body.name),
        "name",
        "use 1 to 200 characters",
    );
    let email = validate::normalize_email(&body.email);
    check(email.is_some(), "email", "this is not an email address");
    check(
        crate::domain::names::text_ok(&body.company, 200),
        "company",
        "use 1 to 200 characters",
    );
    check(
        !body.products.is_empty()
            && body.products.len() <= 20
            && body
                .products
                .iter()
                .all(|p| state.catalog.product(p).is_some()),
        "products",
        "choose products from the catalogue",
    );
    check(
        (1..=10_000_000).contains(&body.seats),
        "seats",
        "use 1 to 10,000,000 seats",
    );
    check(
        body.message.chars().count() <= 5000,
        "message",
        "use at most 5000 characters",
    );
    let (Some(email), true) = (email, errors.is_empty()) else {
        return Err(AppError::validation(errors));
    };
    let id = Uuid::now_v7();
    let mut conn = state.db.pool().acquire().await?;
    payments::insert_quote(
        &mut conn,
        &payments::NewQuote {
            id,
            account: Some(caller.account.id),
            request: &body,
            email: &email,
        },
    )
    .await?;
    let products = body
        .products
        .iter()
        .filter_map(|p| state.catalog.product(p))
        .map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!(
        "A request for a custom quote ({id}).\n\nName: {}\nEmail: {email}\nCompany: {}\nProducts: {products}\nSeats: {}\n\n{}\n",
        body.name.trim(),
        body.company.trim(),
        body.seats,
        body.message.trim()
    );
    let mail = Mail {
        to: state.catalog.billing.sales_email.clone(),
        subject: format!(
            "Quote request: {} ({} seats)",
            body.company.trim(),
            body.seats
        ),
        html: format!("<pre>{}</pre>", crate::mail::escape(&text)),
        text,
    };
    if let Err(e) = state.mailer.send(mail).await {
        tracing::error!(error = ?e, "the quote request could not be mailed to sales");
    }
    let next_steps = format!(
        "Thank you. Our sales team will write to {email} within one business day with a quote for {} seats.",
        body.seats
    );
    Ok((
        StatusCode::CREATED,
        Json(api::QuoteResponse { id, next_steps }),
    ))
}
