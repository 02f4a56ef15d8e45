//! The one-statement authentication keeps every rule of a session: an
//! expired or idle one is refused, last use is written at most once a
//! minute, and a platform-wide session records the organizations it is
//! used in once (what their admins see and can sign it out of).

use orgdesk_api as api;
use orgdesk_server::secrets::hash_token;

use crate::both;
use crate::common::*;

async fn session_value(ts: &TestServer, token: &str, column: &str) -> i64 {
    sqlx::query(&format!(
        "SELECT {column} FROM sessions WHERE token_hash = $1"
    ))
    .bind(hash_token(token))
    .fetch_one(ts.server.state.db.pool())
    .await
    .map(|row| sqlx::Row::get::<i64, _>(&row, 0))
    .expect("the session")
}

async fn set_session(ts: &TestServer, token: &str, column: &str, value: i64) {
    let done = sqlx::query(&format!(
        "UPDATE sessions SET {column} = $1 WHERE token_hash = $2"
    ))
    .bind(value)
    .bind(hash_token(token))
    .execute(ts.server.state.db.pool())
    .await
    .expect("update");
    assert_eq!(done.rows_affected(), 1);
}

async fn uses_recorded(ts: &TestServer, token: &str) -> i64 {
    sqlx::query(
        "SELECT count(*) FROM session_orgs so JOIN sessions s ON s.id = so.session_id WHERE s.token_hash = $1",
    )
    .bind(hash_token(token))
    .fetch_one(ts.server.state.db.pool())
    .await
    .map(|row| sqlx::Row::get::<i64, _>(&row, 0))
    .expect("count")
}

fn now_ms() -> i64 {
    orgdesk_server::store::now_ms()
}

both!(expired_and_idle_sessions_are_refused_everywhere, |ts| {
    let (admin, org) = ts
        .org_admin("ada@example.com", "expiry-co", &[("crm", "crm-team")])
        .await;
    let oid = org.id.to_string();
    let token = admin.token().unwrap().to_string();
    assert!(
        admin
            .member(&oid, admin.me().await.unwrap().id)
            .await
            .is_ok()
    );

    // Past its lifetime: refused on an organization's route and on /me.
    set_session(&ts, &token, "expires_at", now_ms() - 1).await;
    assert_eq!(code(admin.groups(&oid).await), "unauthenticated");
    assert_eq!(code(admin.me().await), "unauthenticated");

    // Idle for longer than allowed: refused as well.
    set_session(&ts, &token, "expires_at", now_ms() + 3_600_000).await;
    assert!(admin.groups(&oid).await.is_ok(), "alive again");
    set_session(&ts, &token, "last_seen_at", now_ms() - 15 * 24 * 3_600_000).await;
    assert_eq!(code(admin.groups(&oid).await), "unauthenticated");
    assert_eq!(code(admin.me().await), "unauthenticated");

    // Revoked (signed out): refused.
    set_session(&ts, &token, "last_seen_at", now_ms()).await;
    assert!(admin.groups(&oid).await.is_ok());
    admin.logout().await.expect("logout");
    assert_eq!(code(admin.groups(&oid).await), "unauthenticated");
});

both!(last_use_is_written_at_most_once_a_minute, |ts| {
    let (admin, org) = ts
        .org_admin("bo@example.com", "touch-co", &[("crm", "crm-team")])
        .await;
    let oid = org.id.to_string();
    let token = admin.token().unwrap().to_string();

    let two_minutes_ago = now_ms() - 120_000;
    set_session(&ts, &token, "last_seen_at", two_minutes_ago).await;
    admin.groups(&oid).await.unwrap();
    let touched = session_value(&ts, &token, "last_seen_at").await;
    assert!(touched > two_minutes_ago + 60_000, "written after a minute");

    // Half a minute later (as far as the row says): not written again.
    let recent = now_ms() - 30_000;
    set_session(&ts, &token, "last_seen_at", recent).await;
    admin.groups(&oid).await.unwrap();
    admin.me().await.unwrap();
    assert_eq!(session_value(&ts, &token, "last_seen_at").await, recent);
});

both!(
    a_platform_session_records_each_org_it_is_used_in_once,
    |ts| {
        let (admin, org) = ts
            .org_admin("cy@example.com", "used-co", &[("crm", "crm-team")])
            .await;
        let oid = org.id.to_string();
        let token = admin.token().unwrap().to_string();
        // Not used in an organization yet (creating and paying it does not count).
        sqlx::query("DELETE FROM session_orgs")
            .execute(ts.server.state.db.pool())
            .await
            .unwrap();
        admin.groups(&oid).await.unwrap();
        assert_eq!(uses_recorded(&ts, &token).await, 1);
        admin.groups(&org.subdomain).await.unwrap();
        admin
            .members(&oid, &api::MemberQuery::default())
            .await
            .unwrap();
        assert_eq!(uses_recorded(&ts, &token).await, 1, "recorded once");

        // Signed out of the organization: 401 there, still fine elsewhere.
        sqlx::query("UPDATE session_orgs SET signed_out_at = $1")
            .bind(now_ms())
            .execute(ts.server.state.db.pool())
            .await
            .unwrap();
        assert_eq!(code(admin.groups(&oid).await), "signed_out_of_organization");
        assert!(admin.me().await.is_ok());
    }
);
