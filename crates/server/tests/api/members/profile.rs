//! A member's profile as an admin sees it: contact details, a pending reset,
//! since when the membership has its status; and who may read it.

#[allow(unused_imports)]
use super::*;

both!(
    member_profile_shows_contact_details_and_account_state,
    |ts| {
        let (admin, org) = ts
            .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
            .await;
        let id = org.id.to_string();
        let (bob, bob_profile) = ts
            .member(&admin, &org, "bob@acme.example", "Bob Builder")
            .await;
        // Acme manages Bob's account: contact details are its to read.
        ts.manage(&org, "acme.example").await;
        ts.confirm_email(&bob, "bob@acme.example").await;

        // Nothing filled in yet: only the address and the account's state.
        let fresh = admin.member_profile(&id, bob_profile.id).await.unwrap();
        let joined = admin.member(&id, bob_profile.id).await.unwrap().joined_at;
        assert_eq!(fresh.id, bob_profile.id);
        assert_eq!(fresh.email, "bob@acme.example");
        assert_eq!(fresh.phone, None);
        assert_eq!(fresh.address, None);
        assert!(!fresh.password_reset_required);
        assert_eq!(fresh.status_since, joined, "active since joining");

        // What Bob fills in on his profile is what the admin reads.
        bob.update_me(
            &api::ProfilePatch {
                phone: Some(Some("+49 30 1234567".into())),
                job_title: Some(Some("Site manager".into())),
                department: Some(Some("Construction".into())),
                address: Some(Some("Baustraße 5, 10115 Berlin".into())),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
        let filled = admin.member_profile("acme", bob_profile.id).await.unwrap();
        assert_eq!(filled.phone.as_deref(), Some("+49301234567"), "E.164");
        assert_eq!(filled.job_title.as_deref(), Some("Site manager"));
        assert_eq!(filled.department.as_deref(), Some("Construction"));
        assert_eq!(filled.address.as_deref(), Some("Baustraße 5, 10115 Berlin"));

        // A new address waiting for its link stays Bob's business.
        bob.update_me(
            &api::ProfilePatch {
                email: Some("robert@acme.example".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
        let pending = admin.member_profile(&id, bob_profile.id).await.unwrap();
        assert_eq!(pending.email, "bob@acme.example");

        // A forced reset shows until Bob chooses a new password.
        admin
            .force_password_reset(&id, bob_profile.id)
            .await
            .unwrap();
        assert!(
            admin
                .member_profile(&id, bob_profile.id)
                .await
                .unwrap()
                .password_reset_required
        );

        // Suspended since the suspension; active again since the reactivation.
        let suspended = admin.suspend_member(&id, bob_profile.id).await.unwrap();
        let suspended_at = suspended.suspended_at.expect("suspended_at");
        let profile = admin.member_profile(&id, bob_profile.id).await.unwrap();
        assert_eq!(profile.status_since, suspended_at);
        admin.reactivate_member(&id, bob_profile.id).await.unwrap();
        let profile = admin.member_profile(&id, bob_profile.id).await.unwrap();
        assert!(
            profile.status_since >= suspended_at && profile.status_since > joined,
            "active again since the reactivation: {} (joined {joined}, suspended {suspended_at})",
            profile.status_since
        );
        let reactivations = admin
            .audit_log(
                &id,
                &api::AuditQuery {
                    action: Some("member.reactivate".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(reactivations.items.len(), 1);
        assert_eq!(profile.status_since, reactivations.items[0].created_at);
    }
);

both!(
    member_profile_needs_members_read_and_stays_in_its_organization,
    |ts| {
        let (admin, org) = ts
            .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
            .await;
        let id = org.id.to_string();
        let admin_me = admin.me().await.unwrap();
        let (bob, bob_profile) = ts
            .member(&admin, &org, "bob@acme.example", "Bob Builder")
            .await;
        // Acme manages Bob's account: contact details are its to read.
        ts.manage(&org, "acme.example").await;
        ts.confirm_email(&bob, "bob@acme.example").await;
        // A User reads it (User holds org.members.read).
        assert_eq!(
            bob.member_profile(&id, admin_me.id).await.unwrap().email,
            "admin@acme.example"
        );

        // Another organization's admin finds nobody here, nor there.
        let (other_admin, _other) = ts
            .org_admin("admin@bravo.example", "bravo", &[("crm", "crm-team")])
            .await;
        assert_eq!(
            code(other_admin.member_profile("bravo", bob_profile.id).await),
            "not_found"
        );
        assert_eq!(
            code(other_admin.member_profile("acme", bob_profile.id).await),
            "not_found"
        );
        assert_eq!(
            code(admin.member_profile(&id, Uuid::now_v7()).await),
            "not_found"
        );

        // Without org.members.read, refused.
        let user = group_named(&admin, &org, "User").await;
        take_permission(&admin, &id, &user, "org.members.read").await;
        let err = bob
            .member_profile(&id, admin_me.id)
            .await
            .expect_err("no org.members.read");
        assert_eq!(err.status(), Some(403));
        assert_eq!(err.code(), Some("forbidden"));

        // The route is in the OpenAPI document.
        let doc = ts.client().openapi().await.unwrap();
        assert!(doc["paths"]["/api/v1/orgs/{org}/members/{account}/profile"]["get"].is_object());
        assert!(doc["components"]["schemas"]["MemberProfile"].is_object());
    }
);
