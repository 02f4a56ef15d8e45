//! Each instance keeps the callers it resolved (http::caller_cache) and
//! the statement that finds a caller vouches for them by stamps that every
//! write changes (migration 0014). Here every kind of write that changes
//! what a caller may do is made by *another* instance, and the very next
//! request to this one — whose kept caller was warm — counts it; a group
//! membership that ends by itself counts without any write at all.

use sqlx::Row;

use super::*;

/// Whether `client` may read the audit log (`org.audit.read`) here.
async fn reads_audit(client: &Client, org: &str) -> bool {
    match client.audit_log(org, &Default::default()).await {
        Ok(_) => true,
        Err(err) => {
            assert_eq!(err.status(), Some(403), "{err:?}");
            false
        }
    }
}

both!(kept_callers_count_every_write_of_another_instance, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let (bob, bob_profile) = ts
        .member(&admin, &org, "bob@acme.example", "Bob Builder")
        .await;
    let id = oid(&org);
    let second = ts.another_instance().await;
    let there = Client::new(second.url())
        .unwrap()
        .with_token(admin.token().unwrap().to_string());
    let auditors = there
        .create_group(&id, &new_group("Auditors", &["org.audit.read"]))
        .await
        .unwrap();
    // Warm: Bob's caller is kept here, by id and by subdomain.
    assert!(!reads_audit(&bob, &id).await);
    assert!(!reads_audit(&bob, "acme").await);

    // His group rows change there (grants stamp): counted here at once.
    there
        .add_group_members("acme", auditors.id, &accounts(&[bob_profile.id]))
        .await
        .unwrap();
    assert!(reads_audit(&bob, &id).await);
    assert!(reads_audit(&bob, "acme").await);

    // The group's permissions change there (organization stamp).
    there
        .update_group(
            &id,
            auditors.id,
            &permissions_patch(&["org.members.read"]),
            None,
        )
        .await
        .unwrap();
    assert!(!reads_audit(&bob, &id).await);
    there
        .update_group(
            &id,
            auditors.id,
            &permissions_patch(&["org.audit.read"]),
            None,
        )
        .await
        .unwrap();
    assert!(reads_audit(&bob, &id).await);

    // He leaves the group there; he is put back; the group is deleted.
    there
        .remove_group_members(&id, auditors.id, &accounts(&[bob_profile.id]))
        .await
        .unwrap();
    assert!(!reads_audit(&bob, &id).await);
    there
        .add_group_members(&id, auditors.id, &accounts(&[bob_profile.id]))
        .await
        .unwrap();
    assert!(reads_audit(&bob, "acme").await);
    there.delete_group(&id, auditors.id).await.unwrap();
    assert!(!reads_audit(&bob, "acme").await);

    // The organization's row changes there: the kept row is not answered.
    let renamed = there
        .update_org(
            &id,
            &api::UpdateOrganization {
                name: Some("Acme Renamed".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(renamed.name, "Acme Renamed");
    assert_eq!(bob.org(&id).await.unwrap().name, "Acme Renamed");

    // His account changes elsewhere (a write no instance made: straight
    // into the database, as a second instance would): it holds here at once.
    assert!(bob.member(&id, bob_profile.id).await.is_ok());
    run(
        &ts,
        "UPDATE accounts SET password_reset_required = TRUE WHERE id = $1",
        &[&bob_profile.id.to_string()],
    )
    .await;
    assert_eq!(
        code(bob.member(&id, bob_profile.id).await),
        "password_reset_required"
    );
    second.stop().await.unwrap();
});

both!(a_group_membership_that_ends_counts_without_a_write, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let (bob, bob_profile) = ts
        .member(&admin, &org, "bob@acme.example", "Bob Builder")
        .await;
    let id = oid(&org);
    let auditors = admin
        .create_group(&id, &new_group("Auditors", &["org.audit.read"]))
        .await
        .unwrap();
    let ends = time::OffsetDateTime::now_utc() + time::Duration::milliseconds(1500);
    admin
        .add_group_members_until(
            &id,
            auditors.id,
            &api::AddMembers {
                accounts: vec![bob_profile.id],
                expires_at: Some(ends),
            },
        )
        .await
        .unwrap();
    // Kept while in force, read many times; nothing is written at the end.
    for _ in 0..5 {
        assert!(reads_audit(&bob, &id).await);
    }
    let left = ends - time::OffsetDateTime::now_utc();
    tokio::time::sleep(std::time::Duration::from_millis(
        u64::try_from(left.whole_milliseconds()).unwrap_or(0) + 50,
    ))
    .await;
    assert!(!reads_audit(&bob, &id).await);
});

/// The stamps of an account and an organization.
async fn stamps(ts: &TestServer, org: Uuid, account: Uuid) -> (i64, i64) {
    let pool = ts.server.state.db.pool();
    let one = |sql: &'static str, id: String| async move {
        sqlx::query(sql)
            .bind(id)
            .fetch_one(pool)
            .await
            .unwrap()
            .try_get::<i64, _>(0)
            .unwrap()
    };
    (
        one(
            "SELECT auth_stamp FROM accounts WHERE id = $1",
            account.to_string(),
        )
        .await,
        one("SELECT auth_stamp FROM orgs WHERE id = $1", org.to_string()).await,
    )
}

async fn run(ts: &TestServer, sql: &str, binds: &[&str]) {
    let mut query = sqlx::query(sql);
    for bind in binds {
        query = query.bind(bind.to_string());
    }
    query.execute(ts.server.state.db.pool()).await.unwrap();
}

// The triggers themselves, write by write, including writes no route makes
// today (products changed in place), on both databases.
both!(every_write_behind_a_caller_moves_its_stamp, |ts| {
    let (admin, org) = ts.org_admin("ada@example.com", "acme", CRM).await;
    let (_bob, bob_profile) = ts
        .member(&admin, &org, "bob@acme.example", "Bob Builder")
        .await;
    let (o, a) = (org.id, bob_profile.id);
    let (os, as_) = (o.to_string(), a.to_string());
    let user = group_named(&admin, &org, "User").await.id.to_string();
    let mut last = stamps(&ts, o, a).await;
    let mut expect = |now: (i64, i64), account: bool, org: bool, what: &str| {
        assert_eq!(now.0 != last.0, account, "account stamp after {what}");
        assert_eq!(now.1 != last.1, org, "organization stamp after {what}");
        last = now;
    };
    let writes: &[(&str, &[&str], bool, bool, &str)] = &[
        (
            "UPDATE accounts SET name = 'Bob B.' WHERE id = $1",
            &[&as_],
            true,
            false,
            "an account edit",
        ),
        (
            "UPDATE orgs SET seat_limit = seat_limit + 1 WHERE id = $1",
            &[&os],
            false,
            true,
            "an organization edit",
        ),
        (
            "UPDATE org_products SET package = package WHERE org_id = $1",
            &[&os],
            false,
            true,
            "a product edit",
        ),
        (
            "DELETE FROM org_products WHERE org_id = $1 AND product = 'crm'",
            &[&os],
            false,
            true,
            "a product removed",
        ),
        (
            "INSERT INTO org_products (org_id, product, package, position) VALUES ($1, 'crm', 'crm-team', 0)",
            &[&os],
            false,
            true,
            "a product added",
        ),
        (
            "UPDATE org_groups SET name = 'Users' WHERE id = $1",
            &[&user],
            false,
            false,
            "a group renamed",
        ),
        (
            "UPDATE org_groups SET permission_keys = '' WHERE id = $1",
            &[&user],
            false,
            true,
            "a group's keys",
        ),
        (
            "UPDATE group_members SET expires_at = 4102444800000 WHERE group_id = $1 AND account_id = $2",
            &[&user, &as_],
            false,
            true,
            "a group row's end",
        ),
        (
            "DELETE FROM group_members WHERE group_id = $1 AND account_id = $2",
            &[&user, &as_],
            false,
            true,
            "a group row removed",
        ),
        (
            "INSERT INTO group_members (group_id, org_id, account_id, added_at) VALUES ($1, $2, $3, 0)",
            &[&user, &os, &as_],
            false,
            true,
            "a group row added",
        ),
        // A membership's group rows go with it (by cascade).
        (
            "DELETE FROM memberships WHERE org_id = $1 AND account_id = $2",
            &[&os, &as_],
            false,
            true,
            "a membership removed",
        ),
    ];
    for (sql, binds, account, org, what) in writes {
        run(&ts, sql, binds).await;
        expect(stamps(&ts, o, a).await, *account, *org, what);
    }
    // A membership without group rows changes no one's grants.
    add_member_directly(&ts, o, a, "Bob Builder", "bob@acme.example").await;
    expect(
        stamps(&ts, o, a).await,
        false,
        false,
        "a bare membership added",
    );
    // Deleting a group through the API moves its organization's stamp.
    let brief = admin
        .create_group(&oid(&org), &new_group("Brief", &["org.members.read"]))
        .await
        .unwrap();
    let before = stamps(&ts, o, a).await;
    admin.delete_group(&oid(&org), brief.id).await.unwrap();
    assert_ne!(stamps(&ts, o, a).await.1, before.1, "a group deleted");
});
