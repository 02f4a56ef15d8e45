//! Access reviews: a campaign decided partly from an offline copy, with a
//! conflicting change meanwhile, then completed: memberships gone, the
//! attestation in the audit log, the CSV report right.

use std::collections::HashMap;

use super::*;
use crate::both;

both!(
    a_review_decided_offline_with_a_conflict_then_completed,
    |ts| {
        let (admin, org) = ts.org_admin("ada@review.example", "review", CRM).await;
        let ada = admin.me().await.unwrap();
        let (rita, rita_profile) = ts.member(&admin, &org, "rita@review.example", "Rita").await;
        let (bob, bob_profile) = ts.member(&admin, &org, "bob@review.example", "Bob").await;
        let (_, carol) = ts
            .member(&admin, &org, "carol@review.example", "Carol")
            .await;
        let (_, dave) = ts
            .member(&admin, &org, "dave@review.example", "+Dave")
            .await;
        let (_, outsider) = ts.register("out@elsewhere.example", "Outsider").await;
        let sales = custom_group(&admin, &org, "Sales", &["crm.deals.write"]).await;
        let finance = custom_group(&admin, &org, "Finance", &["crm.reports.read"]).await;
        admin
            .add_group_members(&oid(&org), sales.id, &accounts(&[bob_profile.id, carol.id]))
            .await
            .unwrap();
        admin
            .add_group_members(&oid(&org), finance.id, &accounts(&[carol.id, dave.id]))
            .await
            .unwrap();
        let (eve, eve_org) = ts.org_admin("eve@other.example", "review-other", CRM).await;
        let eve_group = group_named(&eve, &eve_org, "User").await;
        let request = |groups: Vec<Uuid>, reviewers: Vec<Uuid>, due: time::Duration| {
            api::CreateAccessReview {
                name: "Q4 access review".into(),
                groups: Some(groups),
                reviewers,
                due_at: now() + due,
            }
        };
        let week = time::Duration::days(7);

        // Attacks first: nothing is created.
        assert_eq!(
            failure(
                bob.create_access_review(
                    &oid(&org),
                    &request(vec![sales.id], vec![rita_profile.id], week)
                )
                .await
            ),
            (403, "forbidden".into())
        );
        assert_eq!(
            failure(
                admin
                    .create_access_review(
                        &oid(&org),
                        &request(vec![sales.id], vec![outsider.id], week)
                    )
                    .await
            ),
            (422, "validation_failed".into())
        );
        assert_eq!(
            failure(
                admin
                    .create_access_review(
                        &oid(&org),
                        &request(vec![eve_group.id], vec![rita_profile.id], week)
                    )
                    .await
            )
            .0,
            404
        );
        assert_eq!(
            failure(
                admin
                    .create_access_review(
                        &oid(&org),
                        &request(vec![sales.id], vec![rita_profile.id], -week)
                    )
                    .await
            ),
            (422, "validation_failed".into())
        );
        assert_eq!(
            admin
                .access_reviews(&oid(&org), None, None)
                .await
                .unwrap()
                .total,
            0
        );

        let review = admin
            .create_access_review(
                &oid(&org),
                &request(vec![sales.id, finance.id], vec![rita_profile.id], week),
            )
            .await
            .expect("campaign");
        assert_eq!(review.status, api::ReviewStatus::Open);
        assert_eq!(review.counts.items, 4);
        assert_eq!(review.reviewers, vec![rita_profile.id]);

        // Outsiders to the campaign see nothing of it.
        assert_eq!(
            failure(
                bob.access_review_items(&oid(&org), review.id, None, None)
                    .await
            )
            .0,
            403
        );
        assert_eq!(
            bob.access_reviews(&oid(&org), None, None)
                .await
                .unwrap()
                .total,
            0
        );
        assert_eq!(
            failure(eve.access_review(&oid(&eve_org), review.id).await).0,
            404
        );
        assert_eq!(
            failure(
                eve.access_review_items(&oid(&eve_org), review.id, None, None)
                    .await
            )
            .0,
            404
        );
        assert_eq!(
            failure(
                eve.access_review_report_csv(&oid(&eve_org), review.id)
                    .await
            )
            .0,
            404
        );

        // Rita, named reviewer with no further permission, reads the items (in
        // pages) — her offline copy.
        assert_eq!(
            rita.access_reviews(&oid(&org), None, None)
                .await
                .unwrap()
                .total,
            1
        );
        let first = rita
            .access_review_items(&oid(&org), review.id, Some(3), None)
            .await
            .unwrap();
        assert_eq!((first.items.len(), first.total), (3, 4));
        let rest = rita
            .access_review_items(&oid(&org), review.id, Some(3), first.next_cursor.as_deref())
            .await
            .unwrap();
        assert_eq!(rest.items.len(), 1);
        assert!(rest.next_cursor.is_none());
        let offline: Vec<api::ReviewItem> = first.items.into_iter().chain(rest.items).collect();
        let item = |account: Uuid, group: Uuid| {
            offline
                .iter()
                .find(|i| i.account == account && i.group.id == group)
                .cloned()
                .expect("item")
        };
        let bob_sales = item(bob_profile.id, sales.id);
        assert_eq!(bob_sales.permissions, vec!["crm.deals.write".to_string()]);
        assert_eq!(bob_sales.added_by, Some(ada.id));
        assert_eq!(bob_sales.version, 1);
        let carol_sales = item(carol.id, sales.id);
        let carol_finance = item(carol.id, finance.id);
        let dave_finance = item(dave.id, finance.id);

        // Meanwhile, online, Ada decides Carol's Sales membership.
        let online = admin
            .decide_access_review(
                &oid(&org),
                review.id,
                &api::DecisionBatch {
                    decisions: vec![api::DecisionInput {
                        item_id: carol_sales.item_id,
                        decision: api::ReviewDecision::Keep,
                        expires_at: None,
                        version: carol_sales.version,
                    }],
                },
            )
            .await
            .unwrap();
        assert_eq!(online.results[0].status, api::DecisionStatus::Recorded);

        let decision = |i: &api::ReviewItem, decision, expires_at| api::DecisionInput {
            item_id: i.item_id,
            decision,
            expires_at,
            version: i.version,
        };
        let dave_end = now() + time::Duration::days(30);
        // Malformed decisions refuse the whole batch.
        assert_eq!(
            failure(
                rita.decide_access_review(
                    &oid(&org),
                    review.id,
                    &api::DecisionBatch {
                        decisions: vec![
                            decision(&bob_sales, api::ReviewDecision::Revoke, None),
                            decision(&dave_finance, api::ReviewDecision::Expire, None),
                        ],
                    },
                )
                .await
            ),
            (422, "validation_failed".into())
        );
        assert_eq!(
            failure(
                bob.decide_access_review(
                    &oid(&org),
                    review.id,
                    &api::DecisionBatch {
                        decisions: vec![decision(&bob_sales, api::ReviewDecision::Keep, None)],
                    },
                )
                .await
            ),
            (403, "forbidden".into()),
            "Bob is no reviewer: he cannot keep his own access"
        );

        // Rita's offline decisions arrive: Carol's Sales item changed meanwhile.
        let sent = rita
            .decide_access_review(
                &oid(&org),
                review.id,
                &api::DecisionBatch {
                    decisions: vec![
                        decision(&bob_sales, api::ReviewDecision::Revoke, None),
                        decision(&carol_sales, api::ReviewDecision::Revoke, None),
                        decision(&carol_finance, api::ReviewDecision::Revoke, None),
                        decision(&dave_finance, api::ReviewDecision::Expire, Some(dave_end)),
                    ],
                },
            )
            .await
            .expect("decisions");
        let statuses: Vec<api::DecisionStatus> = sent.results.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            vec![
                api::DecisionStatus::Recorded,
                api::DecisionStatus::Conflict,
                api::DecisionStatus::Recorded,
                api::DecisionStatus::Recorded,
            ]
        );
        let conflict = &sent.results[1].item;
        let kept = conflict.decision.as_ref().expect("Ada's decision stands");
        assert_eq!(
            (kept.decision, kept.decided_by),
            (api::ReviewDecision::Keep, ada.id)
        );
        assert_eq!(conflict.version, 2);
        let progress = admin.access_review(&oid(&org), review.id).await.unwrap();
        assert_eq!(
            (
                progress.counts.decided,
                progress.counts.keep,
                progress.counts.revoke,
                progress.counts.expire
            ),
            (4, 1, 2, 1)
        );

        // Completion: the preview keeps nothing; the reviewer cannot complete.
        assert_eq!(
            failure(
                rita.complete_access_review(
                    &oid(&org),
                    review.id,
                    &api::CompleteReview { dry_run: false }
                )
                .await
            ),
            (403, "forbidden".into())
        );
        let preview = admin
            .complete_access_review(
                &oid(&org),
                review.id,
                &api::CompleteReview { dry_run: true },
            )
            .await
            .unwrap();
        assert_eq!(
            (
                preview.revoked.len(),
                preview.expiry_set.len(),
                preview.kept
            ),
            (2, 1, 1)
        );
        let groups_of = |who: Uuid| {
            let admin = admin.clone();
            let org = oid(&org);
            async move { admin.member(&org, who).await.unwrap() }
        };
        assert!(
            groups_of(bob_profile.id)
                .await
                .groups
                .iter()
                .any(|g| g.id == sales.id)
        );

        let done = admin
            .complete_access_review(
                &oid(&org),
                review.id,
                &api::CompleteReview { dry_run: false },
            )
            .await
            .expect("complete");
        assert!(!done.dry_run);
        let impact: HashMap<Uuid, Vec<String>> = done
            .impact
            .iter()
            .map(|i| (i.account, i.lost.clone()))
            .collect();
        assert_eq!(impact[&bob_profile.id], vec!["crm.deals.write".to_string()]);
        assert_eq!(impact[&carol.id], vec!["crm.reports.read".to_string()]);
        assert!(
            !groups_of(bob_profile.id)
                .await
                .groups
                .iter()
                .any(|g| g.id == sales.id)
        );
        let carol_now = groups_of(carol.id).await;
        assert!(carol_now.groups.iter().any(|g| g.id == sales.id), "kept");
        assert!(
            !carol_now.groups.iter().any(|g| g.id == finance.id),
            "revoked"
        );
        let dave_now = groups_of(dave.id).await;
        assert_eq!(dave_now.group_expiry.len(), 1);
        assert_eq!(ms(dave_now.group_expiry[0].expires_at), ms(dave_end));
        assert!(
            !my_keys(&bob, &org)
                .await
                .contains(&"crm.deals.write".to_string())
        );

        // The attestation.
        let attested = audited(
            &admin,
            &org,
            api::actions::REVIEW_COMPLETE,
            Some(review.id.to_string()),
        )
        .await;
        assert_eq!(attested.len(), 1);
        assert_eq!(attested[0].actor, Some(ada.id));
        assert_eq!(attested[0].detail["revoked"], 2);
        assert_eq!(
            attested[0].detail["reviewers"][0],
            rita_profile.id.to_string()
        );
        assert_eq!(
            admin
                .access_review(&oid(&org), review.id)
                .await
                .unwrap()
                .status,
            api::ReviewStatus::Completed
        );
        // A completed campaign takes no more decisions and completes once.
        assert_eq!(
            failure(
                rita.decide_access_review(
                    &oid(&org),
                    review.id,
                    &api::DecisionBatch {
                        decisions: vec![decision(conflict, api::ReviewDecision::Revoke, None)],
                    },
                )
                .await
            ),
            (409, "review_completed".into())
        );
        assert_eq!(
            failure(
                admin
                    .complete_access_review(
                        &oid(&org),
                        review.id,
                        &api::CompleteReview { dry_run: false }
                    )
                    .await
            ),
            (409, "review_completed".into())
        );

        // The report: who decided what, when, and what came of it.
        assert_eq!(
            failure(bob.access_review_report_csv(&oid(&org), review.id).await).0,
            403
        );
        let csv = String::from_utf8(
            admin
                .access_review_report_csv(&oid(&org), review.id)
                .await
                .unwrap(),
        )
        .unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header[0], "review");
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(rows.len(), 4);
        let row_of = |item: &api::ReviewItem| {
            rows.iter()
                .find(|r| r[col("item_id")] == item.item_id.to_string())
                .cloned()
                .unwrap()
        };
        let bob_row = row_of(&bob_sales);
        assert_eq!(bob_row[col("decision")], "revoke");
        assert_eq!(bob_row[col("decided_by_email")], "rita@review.example");
        assert_eq!(bob_row[col("outcome")], "revoked");
        assert_eq!(bob_row[col("permissions")], "crm.deals.write");
        let carol_row = row_of(&carol_sales);
        assert_eq!(carol_row[col("decision")], "keep");
        assert_eq!(carol_row[col("decided_by_email")], "ada@review.example");
        assert_eq!(carol_row[col("outcome")], "kept");
        let dave_row = row_of(&dave_finance);
        assert_eq!(dave_row[col("name")], "'+Dave", "formulas defused");
        assert_eq!(dave_row[col("decision")], "expire");
        assert_eq!(dave_row[col("outcome")], "expiry_set");
        assert!(!dave_row[col("expires_at")].is_empty());
        assert!(!dave_row[col("decided_at")].is_empty());
    }
);

both!(racing_decisions_on_one_item_record_exactly_one, |ts| {
    let (admin, org) = ts.org_admin("ada@race.example", "review-race", CRM).await;
    let (rita, rita_profile) = ts.member(&admin, &org, "rita@race.example", "Rita").await;
    let (ray, ray_profile) = ts.member(&admin, &org, "ray@race.example", "Ray").await;
    let (_, bob) = ts.member(&admin, &org, "bob@race.example", "Bob").await;
    let user = group_named(&admin, &org, "User").await;
    let review = admin
        .create_access_review(
            &oid(&org),
            &api::CreateAccessReview {
                name: "Race".into(),
                groups: Some(vec![user.id]),
                reviewers: vec![rita_profile.id, ray_profile.id],
                due_at: now() + time::Duration::days(1),
            },
        )
        .await
        .unwrap();
    let items = rita
        .access_review_items(&oid(&org), review.id, None, None)
        .await
        .unwrap()
        .items;
    let target = items.iter().find(|i| i.account == bob.id).unwrap().clone();
    // Both reviewers send a different decision against the same version, many times over.
    let mut tasks = Vec::new();
    for (n, client) in [rita.clone(), ray.clone()]
        .into_iter()
        .cycle()
        .take(10)
        .enumerate()
    {
        let org = oid(&org);
        let decision = if n % 2 == 0 {
            api::ReviewDecision::Keep
        } else {
            api::ReviewDecision::Revoke
        };
        let batch = api::DecisionBatch {
            decisions: vec![api::DecisionInput {
                item_id: target.item_id,
                decision,
                expires_at: None,
                version: target.version,
            }],
        };
        tasks.push(tokio::spawn(async move {
            client.decide_access_review(&org, review.id, &batch).await
        }));
    }
    let mut recorded = 0;
    for task in tasks {
        let answer = task.await.unwrap().expect("decided or conflict");
        if answer.results[0].status == api::DecisionStatus::Recorded {
            recorded += 1;
        }
    }
    assert_eq!(
        recorded, 1,
        "one decision wins; the others see the conflict"
    );
    let now_item = admin
        .access_review_items(&oid(&org), review.id, None, None)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.item_id == target.item_id)
        .unwrap();
    assert_eq!(now_item.version, target.version + 1);
});
