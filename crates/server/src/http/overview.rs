//! The overview of an organization in one answer: seats and what frees them,
//! sign-ins per day, invitations, dormant members and the latest audit
//! entries — counted here, so the console need not list every member.

use axum::Json;
use axum::extract::State;
use orgdesk_api as api;
use orgdesk_api::permissions;
use time::OffsetDateTime;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::auth::OrgCaller;
use crate::domain::overview::{day_series, series_start_ms};
use crate::error::AppResult;
use crate::state::AppState;
use crate::store::overview::DAY_MS;
use crate::store::{audit, invitations, overview};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(org_overview))
}

fn ms(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// How the organization is doing (`org.members.read`): seats, sign-ins per
/// day over 30 days (every sign-in into the organization), pending and
/// expiring invitations (with `org.members.invite`, else `null`), active
/// members not signed in for 90 days, and the latest audit entries (with
/// `org.audit.read`, else `null`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/overview", tag = "members", security(("bearer" = [])), params(("org" = String, Path)),
    responses((status = 200, body = api::OrgOverview), (status = 403, description = "permission_denied", body = api::Problem)))]
async fn org_overview(
    State(state): State<AppState>,
    caller: OrgCaller,
) -> AppResult<Json<api::OrgOverview>> {
    caller.require(&state, permissions::MEMBERS_READ)?;
    let org = caller.org.id;
    let now = OffsetDateTime::now_utc();
    let now_ms = ms(now);
    let mut conn = state.db.pool().acquire().await?;

    let (active, suspended) = overview::member_counts(&mut conn, org).await?;
    let pending = invitations::pending_count(&mut conn, org).await?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    let seats = api::SeatFigures {
        used: count(active) + count(pending),
        limit: count(caller.org.seat_limit),
        pending_invitations: count(pending),
        active_members: count(active),
        suspended_members: count(suspended),
    };

    let from = series_start_ms(now, api::OVERVIEW_SIGN_IN_DAYS);
    let per_day = overview::sign_ins_per_day(&mut conn, org, from).await?;
    let sign_ins = day_series(&per_day, now, api::OVERVIEW_SIGN_IN_DAYS)
        .into_iter()
        .map(|(day, count)| api::DaySignIns { day, count })
        .collect();

    let invitations = if caller.has(&state, permissions::MEMBERS_INVITE) {
        let until = now_ms + i64::from(api::OVERVIEW_EXPIRING_DAYS) * DAY_MS;
        let (expiring, soonest) =
            overview::expiring_invitations(&mut conn, org, now_ms, until, api::OVERVIEW_LISTED)
                .await?;
        Some(api::InvitationFigures {
            pending: count(pending),
            expiring: count(expiring),
            expiring_within_days: api::OVERVIEW_EXPIRING_DAYS,
            soonest,
        })
    } else {
        None
    };

    let cutoff = now_ms - i64::from(api::OVERVIEW_INACTIVE_DAYS) * DAY_MS;
    let (dormant, longest) =
        overview::dormant(&mut conn, org, cutoff, api::OVERVIEW_LISTED).await?;

    let recent = if caller.has(&state, permissions::AUDIT_READ) {
        let filter = audit::Filter {
            org,
            actor: None,
            action: None,
            target: None,
            from_ms: None,
            to_ms: None,
        };
        let (entries, _) =
            audit::list(&mut conn, &filter, None, api::OVERVIEW_RECENT_EVENTS, false).await?;
        Some(entries)
    } else {
        None
    };

    Ok(Json(api::OrgOverview {
        as_of: now,
        seats,
        members: count(active) + count(suspended),
        sign_ins,
        invitations,
        inactive: api::InactiveFigures {
            days: api::OVERVIEW_INACTIVE_DAYS,
            count: count(dormant),
            longest,
        },
        recent,
    }))
}
