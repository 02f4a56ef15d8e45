//! Claiming a domain and proving it with a TXT record over real DNS.

use super::*;
use crate::with_dns;

with_dns!(a_domain_is_verified_by_its_txt_record, |ts, dns| {
    let (admin, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    let key = oid(&org);

    // What nobody owns cannot be claimed.
    for bad in [
        "com",
        "co.uk",
        "localhost",
        "corp.internal",
        "ada@acme-corp.com",
        "https://acme-corp.com",
        "*.acme-corp.com",
        "10.0.0.1",
    ] {
        assert_eq!(
            failure(admin.claim_domain(&key, bad).await),
            (422, "validation_failed".into()),
            "{bad}"
        );
    }
    assert!(admin.domains(&key).await.unwrap().is_empty());

    let claim = admin.claim_domain(&key, " Acme-Corp.COM. ").await.unwrap();
    assert_eq!(claim.domain, "acme-corp.com");
    assert_eq!(claim.status, api::DomainStatus::Pending);
    assert_eq!(claim.txt_name, "_orgdesk-challenge.acme-corp.com");
    assert!(claim.txt_value.starts_with("orgdesk-verification="));
    assert!(
        claim.txt_value.len() > 40,
        "a long secret: {}",
        claim.txt_value
    );
    assert_eq!(
        failure(admin.claim_domain(&key, "acme-corp.com").await),
        (409, "duplicate".into())
    );

    // No record yet: 409, saying what was found.
    let none = admin.verify_domain(&key, claim.id).await.unwrap_err();
    assert_eq!(
        (none.status(), none.code()),
        (Some(409), Some("domain_not_verified"))
    );
    assert!(none.to_string().contains("no TXT record"), "{none}");
    // A record with another text: named in the answer.
    dns.set_txt(&claim.txt_name, &["v=spf1 -all"]).await;
    let other = admin.verify_domain(&key, claim.id).await.unwrap_err();
    assert_eq!(other.code(), Some("domain_not_verified"));
    assert!(other.to_string().contains("v=spf1 -all"), "{other}");
    dns.set_txt(&claim.txt_name, &["orgdesk-verification=guessed"])
        .await;
    let guessed = admin.verify_domain(&key, claim.id).await.unwrap_err();
    assert!(guessed.to_string().contains("another value"), "{guessed}");
    assert_eq!(
        admin.domains(&key).await.unwrap()[0].status,
        api::DomainStatus::Pending
    );

    // The right record, beside others: verified.
    dns.set_txt(&claim.txt_name, &["v=spf1 -all", &claim.txt_value])
        .await;
    let verified = admin.verify_domain(&key, claim.id).await.unwrap();
    assert_eq!(verified.status, api::DomainStatus::Verified);
    assert!(verified.verified_at.is_some());
    assert_eq!(admin.domains(&key).await.unwrap(), vec![verified.clone()]);
    // Verifying again is harmless, even once the record is gone.
    dns.set_txt(&claim.txt_name, &[]).await;
    assert_eq!(admin.verify_domain(&key, claim.id).await.unwrap(), verified);

    let log = admin
        .audit_log(
            &key,
            &api::AuditQuery {
                action: Some("domain.".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["domain.verify", "domain.claim"]);

    // Given up: gone, and its accounts are no longer managed.
    admin.delete_domain(&key, claim.id).await.unwrap();
    assert!(admin.domains(&key).await.unwrap().is_empty());
    assert_eq!(
        failure(admin.delete_domain(&key, claim.id).await),
        (404, "not_found".into())
    );
});

with_dns!(a_verified_domain_belongs_to_one_organization, |ts, dns| {
    let (acme, acme_org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    let (evil, evil_org) = ts.org_admin("eve@evil.example", "evil", CRM).await;

    // Both claim; Evil publishes its own record first but Acme verifies first.
    let acme_claim = acme
        .claim_domain(&oid(&acme_org), "acme-corp.com")
        .await
        .unwrap();
    let evil_claim = evil
        .claim_domain(&oid(&evil_org), "acme-corp.com")
        .await
        .unwrap();
    assert_ne!(
        acme_claim.txt_value, evil_claim.txt_value,
        "each claim its own secret"
    );
    dns.set_txt(&acme_claim.txt_name, &[&acme_claim.txt_value])
        .await;
    acme.verify_domain(&oid(&acme_org), acme_claim.id)
        .await
        .unwrap();

    // Evil cannot verify it now, even with its own record published beside.
    dns.set_txt(
        &evil_claim.txt_name,
        &[&acme_claim.txt_value, &evil_claim.txt_value],
    )
    .await;
    assert_eq!(
        failure(evil.verify_domain(&oid(&evil_org), evil_claim.id).await),
        (409, "domain_taken".into())
    );
    // Nor claim it again, nor a verified domain at all.
    let (other, other_org) = ts.org_admin("olga@other.example", "other", CRM).await;
    assert_eq!(
        failure(other.claim_domain(&oid(&other_org), "acme-corp.com").await),
        (409, "domain_taken".into())
    );
    // Another organization's claims do not exist for Evil, by either path.
    assert_eq!(
        failure(evil.verify_domain(&oid(&evil_org), acme_claim.id).await),
        (404, "not_found".into())
    );
    assert_eq!(
        failure(evil.delete_domain(&oid(&evil_org), acme_claim.id).await),
        (404, "not_found".into())
    );
    assert_eq!(
        failure(evil.delete_domain(&oid(&acme_org), acme_claim.id).await),
        (404, "not_found".into())
    );
    assert_eq!(
        failure(evil.domains(&oid(&acme_org)).await),
        (404, "not_found".into())
    );
    assert_eq!(acme.domains(&oid(&acme_org)).await.unwrap().len(), 1);

    // Once Acme gives it up, the next organization that proves it has it.
    acme.delete_domain(&oid(&acme_org), acme_claim.id)
        .await
        .unwrap();
    let now_evils = evil
        .verify_domain(&oid(&evil_org), evil_claim.id)
        .await
        .unwrap();
    assert_eq!(now_evils.status, api::DomainStatus::Verified);
});

with_dns!(domains_need_their_permission, |ts, dns| {
    let (admin, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    let claim = admin
        .claim_domain(&oid(&org), "acme-corp.com")
        .await
        .unwrap();
    dns.set_txt(&claim.txt_name, &[&claim.txt_value]).await;
    let (groups_admin, _, _) = member_with(
        &ts,
        &admin,
        &org,
        "Group Admins",
        &["org.groups.manage", "org.groups.read", "org.members.read"],
        "gus@acme-corp.com",
    )
    .await;
    let key = oid(&org);
    let refused = (403, "forbidden".to_string());
    assert_eq!(failure(groups_admin.domains(&key).await), refused);
    assert_eq!(
        failure(groups_admin.claim_domain(&key, "acme-corp.de").await),
        refused
    );
    assert_eq!(
        failure(groups_admin.verify_domain(&key, claim.id).await),
        refused
    );
    assert_eq!(
        failure(groups_admin.delete_domain(&key, claim.id).await),
        refused
    );
    assert_eq!(
        admin.domains(&key).await.unwrap()[0].status,
        api::DomainStatus::Pending,
        "nothing changed"
    );
    // Auto-join is a domain setting too.
    let auto_join = api::UpdateOrganization {
        auto_join_domains: Some(true),
        ..Default::default()
    };
    let (settings_admin, _, _) = member_with(
        &ts,
        &admin,
        &org,
        "Settings Admins",
        &["org.settings.manage"],
        "sam@acme-corp.com",
    )
    .await;
    assert_eq!(
        failure(settings_admin.update_org(&key, &auto_join, None).await),
        refused
    );
    assert!(!admin.org(&key).await.unwrap().auto_join_domains);
});

with_dns!(
    new_sign_ups_join_by_themselves_when_the_org_says_so,
    |ts, dns| {
        let (admin, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
        let key = oid(&org);
        let claim = admin.claim_domain(&key, "acme-corp.com").await.unwrap();
        dns.set_txt(&claim.txt_name, &[&claim.txt_value]).await;
        admin.verify_domain(&key, claim.id).await.unwrap();

        // Off by default: a new sign-up at the domain joins nothing.
        let (first, _) = verified(&ts, "first@acme-corp.com", "First").await;
        assert!(first.my_organizations().await.unwrap().is_empty());

        let on = api::UpdateOrganization {
            auto_join_domains: Some(true),
            ..Default::default()
        };
        assert!(
            admin
                .update_org(&key, &on, None)
                .await
                .unwrap()
                .auto_join_domains
        );
        // Registering alone proves nothing: only the confirmed address joins.
        let (second, second_me) = ts.register("second@acme-corp.com", "Second").await;
        assert!(second.my_organizations().await.unwrap().is_empty());
        ts.confirm_email(&second, "second@acme-corp.com").await;
        let joined = second.my_organizations().await.unwrap();
        assert_eq!(joined.len(), 1);
        assert_eq!(joined[0].id, org.id);
        assert_eq!(
            joined[0]
                .groups
                .iter()
                .map(|g| g.name.as_str())
                .collect::<Vec<_>>(),
            ["User"]
        );
        let member = admin.member(&key, second_me.id).await.unwrap();
        assert!(member.managed, "a member at a verified domain is managed");
        // Other domains never join.
        let (outsider, _) = verified(&ts, "olga@elsewhere.example", "Olga").await;
        assert!(outsider.my_organizations().await.unwrap().is_empty());
    }
);
