//! Address squatting: whoever registers someone else's address never gets in
//! through it; the mailbox's owner, following an invitation link, takes the
//! address over.

use super::*;

const SQUATTER_PASSWORD: &str = "squatter-knows-this-one-42";
const OWNER_PASSWORD: &str = "owner-chose-this-one-1977";

both!(the_mailbox_owner_takes_a_squatted_address_over, |ts| {
    let (admin, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    // The squatter registers the victim's address (never verified) and
    // dresses the account up.
    let squat = ts
        .client()
        .register(&api::RegisterRequest {
            email: "vic@corp.example".into(),
            password: SQUATTER_PASSWORD.into(),
            name: "Not Vic".into(),
        })
        .await
        .unwrap();
    let squatter = ts.client().with_token(squat.token);
    squatter
        .update_me(
            &api::ProfilePatch {
                phone: Some(Some("+49 30 9999999".into())),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();

    // Inviting the address sends a link to the mailbox: never instant
    // access for an unverified account, so the squatter gets nothing.
    let answer = admin
        .invite(
            &oid(&org),
            &api::InviteRequest {
                invitations: vec![api::Invitee {
                    email: "vic@corp.example".into(),
                    groups: None,
                    expires_at: None,
                }],
            },
        )
        .await
        .unwrap();
    assert_eq!(answer.results[0].status, api::InviteOutcome::Invited);
    assert!(squatter.my_organizations().await.unwrap().is_empty());
    assert_eq!(
        failure(squatter.groups("acme").await),
        (404, "not_found".into())
    );
    let token = ts.link_token("vic@corp.example", "invite").unwrap();
    let preview = ts.client().invitation_preview(&token).await.unwrap();
    assert!(!preview.account_exists, "the page asks for a new password");

    // The owner follows the link from the mailbox.
    let accepted = ts
        .client()
        .accept_invitation(
            &token,
            &api::AcceptInvitation {
                name: Some("Vic Owner".into()),
                password: OWNER_PASSWORD.into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        accepted.account.id, squat.account.id,
        "the address's account, taken over"
    );
    assert_eq!(accepted.account.name, "Vic Owner");
    assert!(accepted.account.email_verified);
    assert_eq!(
        accepted.account.phone, None,
        "the squatter's details are gone"
    );

    // The squatter is out: session ended, password replaced.
    assert_eq!(failure(squatter.me().await).0, 401);
    let old = ts
        .client()
        .login(&api::LoginRequest {
            email: "vic@corp.example".into(),
            password: SQUATTER_PASSWORD.into(),
            organization: None,
        })
        .await;
    assert_eq!(failure(old), (401, "invalid_credentials".into()));
    let owner = signed_in_with(&ts, "vic@corp.example", OWNER_PASSWORD).await;
    assert_eq!(
        owner
            .my_organizations()
            .await
            .unwrap()
            .iter()
            .map(|o| o.id)
            .collect::<Vec<_>>(),
        [org.id]
    );
    // From now on the verified owner is added at once, and told.
    let (beta, beta_org) = ts.org_admin("bea@beta.example", "beta", CRM).await;
    added_by(&beta, &beta_org, "vic@corp.example").await;
    assert_eq!(owner.my_organizations().await.unwrap().len(), 2);
});

async fn signed_in_with(ts: &TestServer, email: &str, password: &str) -> Client {
    let answer = ts
        .client()
        .login(&api::LoginRequest {
            email: email.into(),
            password: password.into(),
            organization: None,
        })
        .await
        .expect("login");
    ts.client().with_token(answer.token)
}
