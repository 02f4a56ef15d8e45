//! A forced password reset: the account's sessions end, and it signs in
//! again only to choose a new password.

use orgdesk_api as api;

use super::*;
use crate::both;

both!(forced_password_reset, |ts| {
    let (first, profile) = ts.register("kate@example.com", "Kate").await;
    let second = login(&ts, "kate@example.com").await;
    let updated = sqlx::query("UPDATE accounts SET password_reset_required = TRUE WHERE id = $1")
        .bind(profile.id.to_string())
        .execute(ts.server.state.db.pool())
        .await
        .unwrap();
    assert_eq!(updated.rows_affected(), 1);

    let answer = ts
        .client()
        .login(&login_request("kate@example.com", PASSWORD, None))
        .await
        .unwrap();
    assert!(answer.password_reset_required);
    let third = ts.client().with_token(answer.token);
    for client in [&first, &second, &third] {
        let me = client.me().await;
        assert_eq!(status(&me), 403);
        assert_eq!(code(me), "password_reset_required");
        assert_eq!(
            code(client.my_sessions(None, None).await),
            "password_reset_required"
        );
        assert_eq!(
            code(client.my_organizations().await),
            "password_reset_required"
        );
        assert_eq!(
            code(client.create_org(&org_request("katecorp", &[])).await),
            "password_reset_required"
        );
    }
    // Logout works.
    second.logout().await.unwrap();
    assert_eq!(code(second.me().await), "unauthenticated");
    // A weak or wrong change is still refused.
    assert_eq!(
        code(
            third
                .change_password(&api::PasswordChangeRequest {
                    current_password: "wrong-password-here".into(),
                    new_password: NEW_PASSWORD.into(),
                })
                .await
        ),
        "invalid_credentials"
    );
    assert_eq!(code(third.me().await), "password_reset_required");
    // The change clears the reset.
    third
        .change_password(&api::PasswordChangeRequest {
            current_password: PASSWORD.into(),
            new_password: NEW_PASSWORD.into(),
        })
        .await
        .unwrap();
    assert_eq!(third.me().await.unwrap().id, profile.id);
    assert_eq!(code(first.me().await), "unauthenticated");
    let after = ts
        .client()
        .login(&login_request("kate@example.com", NEW_PASSWORD, None))
        .await
        .unwrap();
    assert!(!after.password_reset_required);
});

// /me/sessions: newest first, the current one marked, paging, revoking.
