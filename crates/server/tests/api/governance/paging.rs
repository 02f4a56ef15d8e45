//! The campaign and snapshot lists in pages: newest first, no gaps or
//! duplicates (rows taken in the same millisecond too), a reviewer's pages
//! hold only their campaigns, and bad limits and cursors are refused.

use reqwest::Method;

use super::*;
use crate::both;

both!(review_and_snapshot_lists_page_newest_first, |ts| {
    let (admin, org) = ts.org_admin("ada@pages.example", "pages", CRM).await;
    let (rita, rita_profile) = ts.member(&admin, &org, "rita@pages.example", "Rita").await;
    let (bob, bob_profile) = ts.member(&admin, &org, "bob@pages.example", "Bob").await;
    let sales = custom_group(&admin, &org, "Sales", &["crm.deals.write"]).await;
    admin
        .add_group_members(&oid(&org), sales.id, &accounts(&[bob_profile.id]))
        .await
        .unwrap();

    // Seven campaigns; Rita reviews the odd ones.
    let mut started = Vec::new();
    for n in 0..7u32 {
        let reviewer = if n % 2 == 1 {
            rita_profile.id
        } else {
            bob_profile.id
        };
        let review = admin
            .create_access_review(
                &oid(&org),
                &api::CreateAccessReview {
                    name: format!("Review {n}"),
                    groups: Some(vec![sales.id]),
                    reviewers: vec![reviewer],
                    due_at: now() + time::Duration::days(7),
                },
            )
            .await
            .unwrap();
        started.push(review.id);
    }
    // Five snapshots.
    let mut taken = Vec::new();
    for n in 0..5 {
        let snapshot = admin
            .take_permission_snapshot(
                &oid(&org),
                &api::CreateSnapshot {
                    name: Some(format!("Snapshot {n}")),
                },
            )
            .await
            .unwrap();
        taken.push(snapshot.id);
    }

    // Every campaign once, in pages of 3, newest first.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = admin
            .access_reviews(&oid(&org), Some(3), cursor.as_deref())
            .await
            .unwrap();
        pages += 1;
        assert_eq!(page.total, 7);
        assert!(page.items.len() <= 3);
        seen.extend(page.items.iter().map(|r| (r.created_at, r.id)));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let ids: Vec<Uuid> = seen.iter().map(|(_, id)| *id).collect();
    let mut expected = started.clone();
    expected.sort_by(|a, b| {
        let at = |id: &Uuid| seen.iter().find(|(_, s)| s == id).map(|(t, _)| *t);
        at(b).cmp(&at(a)).then(b.cmp(a))
    });
    assert_eq!(ids, expected, "newest first, no gaps or duplicates");

    // Rita's pages hold only the three she reviews.
    let first = rita
        .access_reviews(&oid(&org), Some(2), None)
        .await
        .unwrap();
    assert_eq!((first.items.len(), first.total), (2, 3));
    let rest = rita
        .access_reviews(&oid(&org), Some(2), first.next_cursor.as_deref())
        .await
        .unwrap();
    assert_eq!(rest.items.len(), 1);
    assert!(rest.next_cursor.is_none());
    let hers: Vec<Uuid> = first
        .items
        .iter()
        .chain(&rest.items)
        .map(|r| r.id)
        .collect();
    assert_eq!(
        hers,
        ids.iter()
            .copied()
            .filter(|id| started.iter().position(|s| s == id).unwrap() % 2 == 1)
            .collect::<Vec<_>>()
    );
    // A member who reviews nothing sees nothing, even with the admin's cursor.
    let (carol, _) = ts
        .member(&admin, &org, "carol@pages.example", "Carol")
        .await;
    let none = carol
        .access_reviews(&oid(&org), Some(3), first.next_cursor.as_deref())
        .await
        .unwrap();
    assert_eq!((none.items.len(), none.total), (0, 0));

    // Snapshots the same way, pages of 2.
    let mut snaps = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = admin
            .permission_snapshots(&oid(&org), Some(2), cursor.as_deref())
            .await
            .unwrap();
        assert_eq!(page.total, 5);
        snaps.extend(page.items.iter().map(|s| s.id));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let mut sorted = snaps.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 5, "no duplicates: {snaps:?}");
    assert_eq!(snaps.first(), taken.last(), "the newest first");
    assert_eq!(snaps.last(), taken.first(), "the oldest last");
    // Still only with org.reviews.manage.
    assert_eq!(
        failure(bob.permission_snapshots(&oid(&org), Some(2), None).await).0,
        403
    );

    // Bad limits (422) and cursors (400): garbage, another list's cursor.
    let review_cursor = admin
        .access_reviews(&oid(&org), Some(1), None)
        .await
        .unwrap()
        .next_cursor
        .unwrap();
    let snapshot_cursor = admin
        .permission_snapshots(&oid(&org), Some(1), None)
        .await
        .unwrap()
        .next_cursor
        .unwrap();
    for (list, query, status) in [
        ("access-reviews", "limit=0".to_string(), 422),
        ("access-reviews", "limit=501".to_string(), 422),
        ("access-reviews", "cursor=garbage".to_string(), 400),
        ("access-reviews", "cursor=e30".to_string(), 400),
        ("access-reviews", format!("cursor={snapshot_cursor}"), 400),
        ("permission-snapshots", "limit=0".to_string(), 422),
        ("permission-snapshots", "cursor=garbage".to_string(), 400),
        (
            "permission-snapshots",
            format!("cursor={review_cursor}"),
            400,
        ),
    ] {
        let answer = admin
            .raw(
                Method::GET,
                &format!("/api/v1/orgs/{}/{list}?{query}", org.id),
                None,
                Vec::new(),
            )
            .await
            .unwrap();
        assert_eq!(answer.status, status, "{list}?{query}: {}", answer.text());
    }
});
