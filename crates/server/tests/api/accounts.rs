use orgdesk_api as api;

use crate::both;
use crate::common::*;

both!(register_verify_login_me, |ts| {
    let client = ts.client();
    let answer = client
        .register(&api::RegisterRequest {
            email: "Alice@Example.com".into(),
            password: PASSWORD.into(),
            name: "Alice Smith".into(),
        })
        .await
        .unwrap();
    assert_eq!(answer.account.email, "alice@example.com");
    assert!(!answer.account.email_verified);
    let token = ts
        .link_token("alice@example.com", "verify-email")
        .expect("a verification mail in the outbox");
    client.verify_email(&token).await.unwrap();
    assert_eq!(
        code(client.verify_email(&token).await),
        "invalid_token",
        "a link works once"
    );
    let login = client
        .login(&api::LoginRequest {
            email: "alice@example.com".into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .unwrap();
    assert!(login.account.email_verified);
    assert!(!login.password_reset_required);
    let me = client.clone().with_token(login.token).me().await.unwrap();
    assert_eq!(me.name, "Alice Smith");
});
