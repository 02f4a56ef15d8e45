//! Expiring access: a membership stops granting at its instant, decided by
//! the request's own permission query; the sweeper only tidies up after.

use std::time::Duration;

use super::*;
use crate::{both, both_with};

both_with!(
    a_membership_stops_granting_at_its_end_without_the_sweeper,
    |config| {
        // The sweeper must not be what ends access: it runs once at start only.
        config.limits.sweep_every_ms = 3_600_000;
    },
    |ts| {
        let (admin, org) = ts.org_admin("ada@expiry.example", "expiry", CRM).await;
        let (bob, bob_profile) = ts.member(&admin, &org, "bob@expiry.example", "Bob").await;
        let auditors = custom_group(&admin, &org, "Auditors", &["org.audit.read"]).await;
        let everything = api::AuditQuery::default();

        // Attack first: an end in the past is refused and changes nothing,
        // in either shape of the request.
        let past = now() - time::Duration::minutes(1);
        let refused = admin
            .add_group_members_until(
                &oid(&org),
                auditors.id,
                &api::AddMembers {
                    accounts: vec![bob_profile.id],
                    expires_at: Some(past),
                },
            )
            .await;
        assert_eq!(failure(refused), (422, "validation_failed".into()));
        let refused = admin
            .bulk_groups(
                &oid(&org),
                &api::BulkRequest {
                    changes: vec![api::BulkChange {
                        group: auditors.id,
                        add: vec![api::MemberAdd::until(bob_profile.id, Some(past))],
                        remove: vec![],
                    }],
                    dry_run: false,
                },
            )
            .await;
        let problem = refused.expect_err("past end").problem().cloned().unwrap();
        assert_eq!(problem.errors[0].code, "expires_in_past");
        assert_eq!(problem.errors[0].field, "expires_at");
        let bob_now = admin.member(&oid(&org), bob_profile.id).await.unwrap();
        assert!(!bob_now.groups.iter().any(|g| g.id == auditors.id));
        assert_eq!(failure(bob.audit_log(&oid(&org), &everything).await).0, 403);

        // Granted until a moment from now.
        let end = now() + time::Duration::seconds(3);
        let diff = admin
            .add_group_members_until(
                &oid(&org),
                auditors.id,
                &api::AddMembers {
                    accounts: vec![bob_profile.id],
                    expires_at: Some(end),
                },
            )
            .await
            .expect("add until");
        assert_eq!(diff.added.len(), 1);
        bob.audit_log(&oid(&org), &everything)
            .await
            .expect("bob reads the audit log while the membership lasts");
        let listed = admin.member(&oid(&org), bob_profile.id).await.unwrap();
        assert_eq!(listed.group_expiry.len(), 1);
        assert_eq!(listed.group_expiry[0].group, auditors.id);
        assert_eq!(ms(listed.group_expiry[0].expires_at), ms(end));

        // The instant passes: access ends at once, the row still there.
        let wait = end - now() + time::Duration::milliseconds(50);
        tokio::time::sleep(Duration::from_millis(
            u64::try_from(wait.whole_milliseconds()).unwrap_or(0),
        ))
        .await;
        assert_eq!(
            failure(bob.audit_log(&oid(&org), &everything).await),
            (403, "forbidden".into())
        );
        assert!(
            !my_keys(&bob, &org)
                .await
                .contains(&"org.audit.read".to_string())
        );
        let still = admin.member(&oid(&org), bob_profile.id).await.unwrap();
        assert!(
            still.groups.iter().any(|g| g.id == auditors.id),
            "no sweeper ran: the membership is there and grants nothing"
        );
        let theirs = admin
            .member_permissions(&oid(&org), bob_profile.id)
            .await
            .unwrap();
        assert!(!theirs.iter().any(|p| p.permission == "org.audit.read"));

        // The sweeper removes it and audits the removal.
        let removed =
            orgdesk_server::sweeper::sweep_expired_memberships(&ts.server.state, ms(now()))
                .await
                .expect("sweep");
        assert_eq!(removed, 1);
        let gone = admin.member(&oid(&org), bob_profile.id).await.unwrap();
        assert!(!gone.groups.iter().any(|g| g.id == auditors.id));
        assert!(gone.group_expiry.is_empty());
        let entries = audited(
            &admin,
            &org,
            api::actions::GROUP_MEMBERS_EXPIRE,
            Some(bob_profile.id.to_string()),
        )
        .await;
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].detail["group"], auditors.id.to_string());
        assert_eq!(entries[0].actor, None);

        // Renewed through the bulk shape, then made permanent by a plain add.
        let later = now() + time::Duration::hours(1);
        let renewed = admin
            .bulk_groups(
                &oid(&org),
                &api::BulkRequest {
                    changes: vec![api::BulkChange {
                        group: auditors.id,
                        add: vec![api::MemberAdd::until(bob_profile.id, Some(later))],
                        remove: vec![],
                    }],
                    dry_run: false,
                },
            )
            .await
            .expect("renew");
        assert_eq!(renewed.diff.added.len(), 1);
        assert_eq!(renewed.impact.len(), 1);
        assert_eq!(renewed.impact[0].gained, vec!["org.audit.read".to_string()]);
        bob.audit_log(&oid(&org), &everything)
            .await
            .expect("granted again");
        let permanent = admin
            .add_group_members(&oid(&org), auditors.id, &accounts(&[bob_profile.id]))
            .await
            .expect("plain add");
        assert!(permanent.added.is_empty());
        assert_eq!(permanent.expiry_changed.len(), 1);
        let member = admin.member(&oid(&org), bob_profile.id).await.unwrap();
        assert!(member.group_expiry.is_empty());
        // The same add again changes nothing.
        let again = admin
            .add_group_members(&oid(&org), auditors.id, &accounts(&[bob_profile.id]))
            .await
            .unwrap();
        assert_eq!(
            (
                again.added.len(),
                again.expiry_changed.len(),
                again.unchanged
            ),
            (0, 0, 1)
        );
    }
);

both_with!(
    an_expired_admin_membership_does_not_count_as_the_last_admin,
    |config| {
        config.limits.sweep_every_ms = 3_600_000;
    },
    |ts| {
        let (admin, org) = ts
            .org_admin("ada@lastadmin.example", "lastadmin", CRM)
            .await;
        let (_, bob) = ts
            .member(&admin, &org, "bob@lastadmin.example", "Bob")
            .await;
        let admins = group_named(&admin, &org, "Admin").await;
        let me = admin.me().await.unwrap();
        // Bob becomes an admin for a moment; once that passes, he holds
        // nothing, so Ada remains the only admin and cannot leave the group.
        let end = now() + time::Duration::seconds(2);
        admin
            .add_group_members_until(
                &oid(&org),
                admins.id,
                &api::AddMembers {
                    accounts: vec![bob.id],
                    expires_at: Some(end),
                },
            )
            .await
            .unwrap();
        let wait = end - now() + time::Duration::milliseconds(50);
        tokio::time::sleep(Duration::from_millis(
            u64::try_from(wait.whole_milliseconds()).unwrap_or(0),
        ))
        .await;
        assert_eq!(
            failure(
                admin
                    .remove_group_members(&oid(&org), admins.id, &accounts(&[me.id]))
                    .await
            ),
            (409, "last_admin".into())
        );
    }
);

both!(the_last_admin_cannot_be_given_an_end, |ts| {
    let (admin, org) = ts.org_admin("ada@lastend.example", "lastend", CRM).await;
    let me = admin.me().await.unwrap();
    let admins = group_named(&admin, &org, "Admin").await;
    let until = |accounts: Vec<Uuid>| api::AddMembers {
        accounts,
        expires_at: Some(now() + time::Duration::days(1)),
    };
    // Ada is the only admin: an end to her Admin membership would leave
    // the organization without one tomorrow.
    assert_eq!(
        failure(
            admin
                .add_group_members_until(&oid(&org), admins.id, &until(vec![me.id]))
                .await
        ),
        (409, "last_admin".into())
    );
    assert!(
        admin
            .member(&oid(&org), me.id)
            .await
            .unwrap()
            .group_expiry
            .is_empty()
    );
    // With a second, lasting admin it is allowed.
    let (_, bob) = ts.member(&admin, &org, "bob@lastend.example", "Bob").await;
    admin
        .add_group_members(&oid(&org), admins.id, &accounts(&[bob.id]))
        .await
        .unwrap();
    let diff = admin
        .add_group_members_until(&oid(&org), admins.id, &until(vec![me.id]))
        .await
        .expect("an end for Ada while Bob stays");
    assert_eq!(diff.expiry_changed.len(), 1);
});
