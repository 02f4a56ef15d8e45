//! Leaving: an account added without its consent walks out again.

use super::*;

both!(an_added_account_can_leave, |ts| {
    let (acme, acme_org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    let (victim, victim_me) = verified(&ts, "vic@acme-corp.com", "Vic Victim").await;
    added_by(&acme, &acme_org, "vic@acme-corp.com").await;
    let (evil, evil_org) = ts.org_admin("eve@evil.example", "evil", CRM).await;
    added_by(&evil, &evil_org, "vic@acme-corp.com").await;

    // The notice names who added them and how to leave.
    let notice = ts
        .mails()
        .into_iter()
        .find(|m| m.contains("vic@acme-corp.com") && m.contains("evil GmbH"))
        .expect("a notice mail");
    let notice = notice.replace("=\r\n", "").replace("=\n", "");
    assert!(
        notice.contains("eve@evil.example"),
        "who added them: {notice}"
    );
    assert!(notice.contains("Leave"), "how to leave: {notice}");

    let at_evil = signed_in(&ts, "vic@acme-corp.com", Some("evil")).await;
    at_evil.groups("evil").await.unwrap();
    victim.my_permissions("evil").await.unwrap();

    // Leaving an organization one is not in: 404, by id or subdomain.
    let (_, other_org) = ts.org_admin("olga@other.example", "other", CRM).await;
    assert_eq!(
        failure(victim.leave_organization(&oid(&other_org)).await),
        (404, "not_found".into())
    );
    assert_eq!(
        failure(victim.leave_organization("no-such-org").await),
        (404, "not_found".into())
    );

    victim.leave_organization("evil").await.unwrap();
    let mine = victim.my_organizations().await.unwrap();
    assert_eq!(mine.iter().map(|o| o.id).collect::<Vec<_>>(), [acme_org.id]);
    assert_eq!(
        failure(at_evil.groups("evil").await).0,
        401,
        "its evil session ended"
    );
    assert_eq!(
        failure(victim.groups("evil").await).0,
        404,
        "evil is not theirs any more"
    );
    victim.groups("acme").await.expect("acme goes on");
    // Evil sees no trace of the member, nor reaches them.
    assert_eq!(
        failure(evil.member(&oid(&evil_org), victim_me.id).await),
        (404, "not_found".into())
    );
    assert_eq!(
        failure(
            evil.member_sessions(&oid(&evil_org), victim_me.id, None, None)
                .await
        ),
        (404, "not_found".into())
    );
    let log = evil
        .audit_log(
            &oid(&evil_org),
            &api::AuditQuery {
                action: Some("member.leave".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1);
    assert_eq!(log.items[0].actor, Some(victim_me.id));
    assert_eq!(
        failure(victim.leave_organization("evil").await),
        (404, "not_found".into())
    );
    // Evil may add them again (the product owner's rule); they may leave again.
    added_by(&evil, &evil_org, "vic@acme-corp.com").await;
    victim.groups("evil").await.expect("a fresh membership");
    victim.leave_organization(&oid(&evil_org)).await.unwrap();
});

both!(the_last_admin_cannot_leave, |ts| {
    let (ada, org) = ts.org_admin("ada@acme-corp.com", "acme", CRM).await;
    assert_eq!(
        failure(ada.leave_organization("acme").await),
        (409, "last_admin".into())
    );
    ada.groups("acme").await.expect("still a member");
    // With a second admin, the first may go.
    let (ben, ben_me) = verified(&ts, "ben@acme-corp.com", "Ben").await;
    added_by(&ada, &org, "ben@acme-corp.com").await;
    let admins = group_named(&ada, &org, "Admin").await;
    ada.add_group_members(
        "acme",
        admins.id,
        &api::AccountList {
            accounts: vec![ben_me.id],
        },
    )
    .await
    .unwrap();
    ada.leave_organization("acme").await.unwrap();
    assert_eq!(
        failure(ben.leave_organization("acme").await),
        (409, "last_admin".into())
    );
    assert!(ada.my_organizations().await.unwrap().is_empty());
});
