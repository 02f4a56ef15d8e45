//! Invitations that grant access until a date: the end is kept with the
//! invitation, listed, and carried by the memberships accepting gives (or
//! the instant `added` path); an end in the past refuses the whole request.
//! Also: group member counts leave out memberships past their end.

use std::time::Duration;

use super::*;
use crate::{both, both_with};

fn invitee(email: &str, groups: &[Uuid], expires_at: Option<OffsetDateTime>) -> api::Invitee {
    api::Invitee {
        email: email.into(),
        groups: Some(groups.to_vec()),
        expires_at,
    }
}

async fn invite(
    admin: &Client,
    org: &api::Organization,
    invitees: Vec<api::Invitee>,
) -> Result<api::InviteResponse, orgdesk_client::Error> {
    admin
        .invite(
            &oid(org),
            &api::InviteRequest {
                invitations: invitees,
            },
        )
        .await
}

/// Sleeps until `end` has passed (the membership's instant, not a timing claim).
async fn wait_past(end: OffsetDateTime) {
    let wait = end - now() + time::Duration::milliseconds(50);
    tokio::time::sleep(Duration::from_millis(
        u64::try_from(wait.whole_milliseconds()).unwrap_or(0),
    ))
    .await;
}

async fn member_count(admin: &Client, org: &api::Organization, group: Uuid) -> (u64, u64) {
    let one = admin.group(&oid(org), group).await.expect("group");
    let listed = admin
        .groups(&oid(org))
        .await
        .expect("groups")
        .into_iter()
        .find(|g| g.id == group)
        .expect("listed");
    (one.member_count, listed.member_count)
}

both_with!(
    an_invitation_grants_until_its_end_and_the_count_follows,
    |config| {
        // The sweeper must not be what ends access or fixes counts.
        config.limits.sweep_every_ms = 3_600_000;
    },
    |ts| {
        let (admin, org) = ts.org_admin("ada@invexp.example", "invexp", CRM).await;
        let auditors = custom_group(&admin, &org, "Auditors", &["org.audit.read"]).await;
        let user = group_named(&admin, &org, "User").await;
        let end = now() + time::Duration::seconds(4);
        let answer = invite(
            &admin,
            &org,
            vec![invitee(
                "carol@invexp.example",
                &[user.id, auditors.id],
                Some(end),
            )],
        )
        .await
        .expect("invite with an end");
        assert_eq!(answer.results[0].status, api::InviteOutcome::Invited);
        let id = answer.results[0].invitation_id.expect("invitation id");

        // Listed with the end of the access it grants, beside the link's own end.
        let listed = admin
            .invitations(&oid(&org), &api::InvitationQuery::default())
            .await
            .expect("invitations")
            .items;
        let mine = listed.iter().find(|i| i.id == id).expect("listed");
        assert_eq!(mine.membership_expires_at.map(ms), Some(ms(end)));
        assert!(
            mine.expires_at > end,
            "the link lives longer than the access"
        );

        // Accepted: the memberships carry the end and grant until then.
        let token = ts
            .link_token("carol@invexp.example", "invite")
            .expect("mail");
        let accepted = ts
            .client()
            .accept_invitation(
                &token,
                &api::AcceptInvitation {
                    name: Some("Carol".into()),
                    password: PASSWORD.into(),
                },
            )
            .await
            .expect("accept");
        let carol = ts.client().with_token(accepted.token);
        let carol_id = accepted.account.id;
        let member = admin.member(&oid(&org), carol_id).await.unwrap();
        let ends: Vec<(Uuid, i64)> = member
            .group_expiry
            .iter()
            .map(|e| (e.group, ms(e.expires_at)))
            .collect();
        assert!(ends.contains(&(auditors.id, ms(end))), "{ends:?}");
        assert!(ends.contains(&(user.id, ms(end))), "{ends:?}");
        carol
            .audit_log(&oid(&org), &api::AuditQuery::default())
            .await
            .expect("Carol reads the audit log while her access lasts");
        assert_eq!(member_count(&admin, &org, auditors.id).await, (1, 1));

        // The end passes: no access, and the counts no longer hold her.
        wait_past(end).await;
        assert_eq!(
            failure(
                carol
                    .audit_log(&oid(&org), &api::AuditQuery::default())
                    .await
            )
            .0,
            403
        );
        assert!(
            !my_keys(&carol, &org)
                .await
                .contains(&"org.audit.read".to_string())
        );
        assert_eq!(
            member_count(&admin, &org, auditors.id).await,
            (0, 0),
            "a membership past its end is counted by nobody, swept or not"
        );
        let still = admin.member(&oid(&org), carol_id).await.unwrap();
        assert!(
            still.groups.iter().any(|g| g.id == auditors.id),
            "not swept yet: the row is there, granting nothing"
        );
    }
);

both!(the_added_path_carries_the_end_too, |ts| {
    let (admin, org) = ts.org_admin("ada@invadd.example", "invadd", CRM).await;
    let auditors = custom_group(&admin, &org, "Auditors", &["org.audit.read"]).await;
    let (_, dave) = ts.register("dave@invadd.example", "Dave").await;
    ts.confirm_email(&ts.client(), "dave@invadd.example").await;
    let end = now() + time::Duration::days(30);
    let answer = invite(
        &admin,
        &org,
        vec![invitee("dave@invadd.example", &[auditors.id], Some(end))],
    )
    .await
    .expect("invite a verified account");
    assert_eq!(answer.results[0].status, api::InviteOutcome::Added);
    let member = admin.member(&oid(&org), dave.id).await.unwrap();
    assert_eq!(member.group_expiry.len(), 1);
    assert_eq!(member.group_expiry[0].group, auditors.id);
    assert_eq!(ms(member.group_expiry[0].expires_at), ms(end));
    let entries = audited(
        &admin,
        &org,
        api::actions::MEMBER_ADD,
        Some(dave.id.to_string()),
    )
    .await;
    assert_eq!(entries.len(), 1);
    assert!(entries[0].detail["expires_at"].is_string());

    // Without an end, nothing changes: a permanent membership.
    let (_, erin) = ts.register("erin@invadd.example", "Erin").await;
    ts.confirm_email(&ts.client(), "erin@invadd.example").await;
    invite(
        &admin,
        &org,
        vec![invitee("erin@invadd.example", &[auditors.id], None)],
    )
    .await
    .expect("invite");
    let member = admin.member(&oid(&org), erin.id).await.unwrap();
    assert!(member.groups.iter().any(|g| g.id == auditors.id));
    assert!(member.group_expiry.is_empty());
});

both!(an_end_in_the_past_or_another_tenant_changes_nothing, |ts| {
    let (admin, org) = ts.org_admin("ada@invpast.example", "invpast", CRM).await;
    let (other_admin, other) = ts.org_admin("eve@invother.example", "invother", CRM).await;
    let auditors = custom_group(&admin, &org, "Auditors", &["org.audit.read"]).await;
    let seats = admin.org(&oid(&org)).await.unwrap().subscription.seats_used;

    // One invitee with an end in the past refuses the whole request.
    let past = now() - time::Duration::minutes(1);
    let refused = invite(
        &admin,
        &org,
        vec![
            invitee("fine@invpast.example", &[auditors.id], None),
            invitee("late@invpast.example", &[auditors.id], Some(past)),
        ],
    )
    .await
    .expect_err("an end in the past");
    let problem = refused.problem().cloned().expect("a problem");
    assert_eq!(
        (problem.status, problem.code.as_str()),
        (422, "expires_in_past")
    );
    assert_eq!(problem.errors[0].field, "invitations[1].expires_at");
    assert_eq!(problem.errors[0].code, "expires_in_past");
    let listed = admin
        .invitations(&oid(&org), &api::InvitationQuery::default())
        .await
        .unwrap();
    assert_eq!(listed.total, 0, "nobody was invited");
    assert!(ts.link_token("fine@invpast.example", "invite").is_none());
    assert_eq!(
        admin.org(&oid(&org)).await.unwrap().subscription.seats_used,
        seats
    );

    // Another organization's admin neither invites into this one nor reads
    // its invitations: to them it does not exist.
    let ahead = now() + time::Duration::days(3);
    assert_eq!(
        failure(
            invite(
                &other_admin,
                &org,
                vec![invitee(
                    "mole@invother.example",
                    &[auditors.id],
                    Some(ahead)
                )],
            )
            .await
        )
        .0,
        404
    );
    assert_eq!(
        failure(
            other_admin
                .invitations(&oid(&org), &api::InvitationQuery::default())
                .await
        )
        .0,
        404
    );
    // Nor grants this organization's group through its own invitation.
    let answer = invite(
        &other_admin,
        &other,
        vec![invitee(
            "mole@invother.example",
            &[auditors.id],
            Some(ahead),
        )],
    )
    .await
    .expect("a per-address answer");
    assert_eq!(answer.results[0].status, api::InviteOutcome::Failed);
    assert_eq!(answer.results[0].code.as_deref(), Some("not_found"));
    assert_eq!(
        admin
            .invitations(&oid(&org), &api::InvitationQuery::default())
            .await
            .unwrap()
            .total,
        0
    );
});

/// The invite route documents the end and its refusal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitation_expiry_is_documented() {
    let ts = TestServer::start(Backend::Sqlite).await;
    let doc = ts.client().openapi().await.unwrap();
    let operation = &doc["paths"]["/api/v1/orgs/{org}/invitations"]["post"];
    assert!(operation["responses"]["422"].is_object());
    let invitee = &doc["components"]["schemas"]["Invitee"]["properties"];
    assert!(invitee["expires_at"].is_object(), "{invitee}");
    let listed = &doc["components"]["schemas"]["Invitation"]["properties"];
    assert!(listed["membership_expires_at"].is_object(), "{listed}");
    ts.finish().await;
}
