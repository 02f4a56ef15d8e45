#[allow(unused_imports)]
use super::*;

// ---- Audit log -----------------------------------------------------------------

both!(audit_log_records_who_did_what_to_whom, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    activate(&ts, org.id).await;
    let admin_me = admin.me().await.unwrap();
    let (_, mia) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    let (max_client, max) = ts
        .member(&admin, &org, "max@example.com", "Max Member")
        .await;
    ts.manage(&org, "example.com").await;
    ts.confirm_email(&max_client, "max@example.com").await;
    let before = audit_all(&admin, &org, &everything(), 500).await;

    admin
        .invite(&oid(&org), &invite_one("newbie@example.com"))
        .await
        .unwrap();
    admin.suspend_member(&oid(&org), mia.id).await.unwrap();
    admin.reactivate_member(&oid(&org), mia.id).await.unwrap();
    admin
        .force_password_reset(&oid(&org), max.id)
        .await
        .unwrap();
    let group = new_group(&admin, &org, "Auditors", &["org.audit.read"]).await;
    admin
        .update_group(
            &oid(&org),
            group.id,
            &api::UpdateGroup {
                name: Some("Log Readers".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    add_to(&admin, &org, group.id, mia.id).await;
    let sales = group_named(&admin, &org, "Sales Team").await;
    admin
        .bulk_groups(
            &oid(&org),
            &api::BulkRequest {
                changes: vec![
                    api::BulkChange {
                        group: sales.id,
                        add: vec![mia.id.into(), max.id.into()],
                        remove: vec![],
                    },
                    api::BulkChange {
                        group: group.id,
                        add: vec![],
                        remove: vec![mia.id],
                    },
                ],
                dry_run: false,
            },
        )
        .await
        .unwrap();
    admin.delete_group(&oid(&org), group.id).await.unwrap();

    let all = audit_all(&admin, &org, &everything(), 500).await;
    let old: HashSet<Uuid> = ids(&before).into_iter().collect();
    let new: Vec<&api::AuditEntry> = all.iter().filter(|e| !old.contains(&e.id)).collect();
    let actions: Vec<&str> = new.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "invitation.create",
            "member.suspend",
            "member.reactivate",
            "member.force_password_reset",
            "group.create",
            "group.update",
            "group.members.change",
            "group.members.change",
            "group.delete",
        ],
        "in the order they happened"
    );
    for e in &new {
        assert_eq!(e.actor, Some(admin_me.id), "{e:?}");
        assert_eq!(e.actor_email.as_deref(), Some("ada@acme.example"), "{e:?}");
        assert_eq!(e.ip.as_deref(), Some("127.0.0.1"), "{e:?}");
        assert!(e.target_type.is_some(), "{e:?}");
    }
    let find = |action: &str| -> Vec<&api::AuditEntry> {
        new.iter().copied().filter(|e| e.action == action).collect()
    };
    let invite = find("invitation.create")[0];
    assert!(
        invite.detail.to_string().contains("newbie@example.com"),
        "{invite:?}"
    );
    for action in ["member.suspend", "member.reactivate"] {
        let e = find(action)[0];
        assert_eq!(e.target_type.as_deref(), Some("member"));
        assert_eq!(e.target_id.as_deref(), Some(mia.id.to_string().as_str()));
    }
    let reset = find("member.force_password_reset")[0];
    assert_eq!(
        reset.target_id.as_deref(),
        Some(max.id.to_string().as_str())
    );
    assert!(!reset.detail.to_string().contains(PASSWORD));
    for action in ["group.create", "group.update", "group.delete"] {
        let e = find(action)[0];
        assert_eq!(e.target_type.as_deref(), Some("group"), "{e:?}");
        assert_eq!(
            e.target_id.as_deref(),
            Some(group.id.to_string().as_str()),
            "{e:?}"
        );
    }
    assert!(
        find("group.create")[0]
            .detail
            .to_string()
            .contains("Auditors")
    );
    assert!(
        find("group.update")[0]
            .detail
            .to_string()
            .contains("Log Readers")
    );
    let changes = find("group.members.change");
    // Newest first: the bulk change, then the single add.
    let single = changes[1];
    assert_eq!(
        single.target_id.as_deref(),
        Some(group.id.to_string().as_str())
    );
    assert!(
        single.detail.to_string().contains(&mia.id.to_string()),
        "{single:?}"
    );
    let bulk = changes[0];
    let detail = bulk.detail.to_string();
    for id in [mia.id, max.id, sales.id, group.id] {
        assert!(detail.contains(&id.to_string()), "{id} in {detail}");
    }
});

both!(audit_log_filters, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let admin_me = admin.me().await.unwrap();
    let (second, second_me) = ts
        .member(&admin, &org, "sam@acme.example", "Sam Second")
        .await;
    let admins = group_named(&admin, &org, "Admin").await;
    add_to(&admin, &org, admins.id, second_me.id).await;
    let (_, mia) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    let (_, max) = ts
        .member(&admin, &org, "max@example.com", "Max Member")
        .await;

    admin.suspend_member(&oid(&org), mia.id).await.unwrap();
    second.reactivate_member(&oid(&org), mia.id).await.unwrap();
    second.suspend_member(&oid(&org), max.id).await.unwrap();
    let g1 = new_group(&second, &org, "Group One", &[]).await;
    let g2 = new_group(&admin, &org, "Group Two", &[]).await;
    second.delete_group(&oid(&org), g1.id).await.unwrap();
    admin.reactivate_member(&oid(&org), max.id).await.unwrap();

    let all = audit_all(&admin, &org, &everything(), 500).await;
    let check = |query: api::AuditQuery, keep: &dyn Fn(&api::AuditEntry) -> bool| {
        let expected: Vec<Uuid> = all.iter().filter(|e| keep(e)).map(|e| e.id).collect();
        let admin = admin.clone();
        let org = org.clone();
        async move {
            let got = audit_all(&admin, &org, &query, 2).await;
            assert_eq!(ids(&got), expected, "{query:?}");
            got
        }
    };

    let by_second = check(
        api::AuditQuery {
            actor: Some(second_me.id),
            ..everything()
        },
        &|e| e.actor == Some(second_me.id),
    )
    .await;
    assert_eq!(by_second.len(), 4, "{by_second:?}");
    check(
        api::AuditQuery {
            actor: Some(Uuid::now_v7()),
            ..everything()
        },
        &|_| false,
    )
    .await;
    let suspensions = check(
        api::AuditQuery {
            action: Some("member.suspend".into()),
            ..everything()
        },
        &|e| e.action == "member.suspend",
    )
    .await;
    assert_eq!(suspensions.len(), 2);
    let member_actions = check(
        api::AuditQuery {
            action: Some("member.".into()),
            ..everything()
        },
        &|e| e.action.starts_with("member."),
    )
    .await;
    assert_eq!(member_actions.len(), 4);
    let group_actions = check(
        api::AuditQuery {
            action: Some("group.".into()),
            ..everything()
        },
        &|e| e.action.starts_with("group."),
    )
    .await;
    assert!(group_actions.iter().any(|e| e.action == "group.create"));
    assert!(group_actions.iter().any(|e| e.action == "group.delete"));
    assert!(
        group_actions
            .iter()
            .any(|e| e.action == "group.members.change")
    );
    // An action name without the dot is exact: "group" matches nothing.
    check(
        api::AuditQuery {
            action: Some("group".into()),
            ..everything()
        },
        &|e| e.action == "group",
    )
    .await;
    check(
        api::AuditQuery {
            action: Some("member.sus".into()),
            ..everything()
        },
        &|_| false,
    )
    .await;
    let about_mia = check(
        api::AuditQuery {
            target: Some(mia.id.to_string()),
            ..everything()
        },
        &|e| e.target_id.as_deref() == Some(mia.id.to_string().as_str()),
    )
    .await;
    assert!(about_mia.len() >= 2, "{about_mia:?}");
    check(
        api::AuditQuery {
            target: Some(g2.id.to_string()),
            actor: Some(admin_me.id),
            ..everything()
        },
        &|e| {
            e.target_id.as_deref() == Some(g2.id.to_string().as_str())
                && e.actor == Some(admin_me.id)
        },
    )
    .await;
    check(
        api::AuditQuery {
            actor: Some(second_me.id),
            action: Some("member.".into()),
            ..everything()
        },
        &|e| e.actor == Some(second_me.id) && e.action.starts_with("member."),
    )
    .await;

    // from is inclusive, to exclusive; the bounds come from the log itself.
    let oldest = all.last().unwrap().created_at;
    let newest = all.first().unwrap().created_at;
    let middle = all[all.len() / 2].created_at;
    for (from, to) in [
        (Some(middle), None),
        (None, Some(middle)),
        (Some(oldest), Some(newest)),
        (Some(middle), Some(middle)),
        (Some(newest), None),
        (None, Some(oldest)),
    ] {
        check(
            api::AuditQuery {
                from,
                to,
                ..everything()
            },
            &|e| from.is_none_or(|f| e.created_at >= f) && to.is_none_or(|t| e.created_at < t),
        )
        .await;
    }
    check(
        api::AuditQuery {
            from: Some(middle),
            action: Some("member.".into()),
            ..everything()
        },
        &|e| e.created_at >= middle && e.action.starts_with("member."),
    )
    .await;

    // Malformed parameters are refused, not ignored.
    for bad in [
        "actor=not-a-uuid",
        "from=yesterday",
        "limit=0",
        "limit=501",
        "cursor=garbage",
        "format=xml",
    ] {
        let answer = admin
            .raw(
                Method::GET,
                &format!("/api/v1/orgs/{}/audit-log?{bad}", org.id),
                None,
                Vec::new(),
            )
            .await
            .unwrap();
        assert!(
            answer.status == 400 || answer.status == 422,
            "{bad}: {} {}",
            answer.status,
            answer.text()
        );
    }
});

both!(audit_log_pages_have_no_gaps_or_duplicates, |ts| {
    let (admin, org) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let (_, mia) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    for i in 0..12 {
        let g = new_group(&admin, &org, &format!("Team {i:02}"), &[]).await;
        add_to(&admin, &org, g.id, mia.id).await;
    }
    let all = audit_all(&admin, &org, &everything(), 500).await;
    assert!(all.len() >= 24, "{}", all.len());
    for limit in [1, 3, 7, 24, 50] {
        assert_eq!(
            ids(&audit_all(&admin, &org, &everything(), limit).await),
            ids(&all),
            "limit {limit}"
        );
    }
    let groups_only = audit_all(
        &admin,
        &org,
        &api::AuditQuery {
            action: Some("group.create".into()),
            ..everything()
        },
        5,
    )
    .await;
    assert_eq!(groups_only.len(), 12);

    // Entries written while paging come before the first page: the rest of the
    // walk goes on exactly where it stopped.
    let first = admin
        .audit_log(
            &oid(&org),
            &api::AuditQuery {
                limit: Some(5),
                ..everything()
            },
        )
        .await
        .unwrap();
    for i in 0..3 {
        new_group(&admin, &org, &format!("Late {i}"), &[]).await;
    }
    let mut walked = ids(&first.items);
    let mut cursor = first.next_cursor;
    while let Some(c) = cursor {
        let page = admin
            .audit_log(
                &oid(&org),
                &api::AuditQuery {
                    limit: Some(5),
                    cursor: Some(c),
                    ..everything()
                },
            )
            .await
            .unwrap();
        walked.extend(ids(&page.items));
        cursor = page.next_cursor;
    }
    assert_eq!(
        walked,
        ids(&all),
        "no gaps, no duplicates, no late entries mid-walk"
    );
    let now = audit_all(&admin, &org, &everything(), 500).await;
    assert_eq!(now.len(), all.len() + 3);
    assert_eq!(&ids(&now)[3..], &ids(&all)[..]);
    assert!(now[..3].iter().all(|e| e.action == "group.create"));

    // A cursor of another list is refused.
    let members = admin
        .members(
            &oid(&org),
            &api::MemberQuery {
                limit: Some(1),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let foreign = members.next_cursor.expect("a member cursor");
    assert_eq!(
        failure(
            admin
                .audit_log(
                    &oid(&org),
                    &api::AuditQuery {
                        cursor: Some(foreign),
                        ..everything()
                    }
                )
                .await
        )
        .0,
        400
    );
});

both!(audit_log_needs_permission_and_is_per_organization, |ts| {
    let (admin_a, org_a) = ts.org_admin("ada@acme.example", "acme", CRM).await;
    let (admin_b, org_b) = ts.org_admin("bea@beta.example", "beta", CRM).await;
    let admin_b_me = admin_b.me().await.unwrap();
    let (user, _) = ts
        .member(&admin_a, &org_a, "ulla@acme.example", "Ulla User")
        .await;
    let (_, mia) = ts
        .member(&admin_a, &org_a, "mia@example.com", "Mia Member")
        .await;
    join(&ts, &admin_b, &org_b, &mia).await;
    let a_group = new_group(&admin_a, &org_a, "Acme Only", &[]).await;
    let b_group = new_group(&admin_b, &org_b, "Beta Only", &[]).await;
    admin_b.suspend_member(&oid(&org_b), mia.id).await.unwrap();

    assert_eq!(
        failure(user.audit_log(&oid(&org_a), &everything()).await),
        (403, "forbidden".into())
    );
    assert_eq!(
        failure(user.audit_log_csv(&oid(&org_a), &everything()).await),
        (403, "forbidden".into())
    );
    let (auditor, _) = member_with(
        &ts,
        &admin_a,
        &org_a,
        "Auditors",
        &["org.audit.read"],
        "aud@acme.example",
    )
    .await;
    let seen = audit_all(&auditor, &org_a, &everything(), 500).await;
    assert!(
        seen.iter()
            .any(|e| e.target_id.as_deref() == Some(a_group.id.to_string().as_str()))
    );

    // beta's entries never appear in acme's log, whatever the filter.
    let a_log = audit_all(&admin_a, &org_a, &everything(), 500).await;
    assert_eq!(ids(&a_log), ids(&seen));
    for e in &a_log {
        assert_ne!(e.actor, Some(admin_b_me.id), "{e:?}");
        assert_ne!(
            e.target_id.as_deref(),
            Some(b_group.id.to_string().as_str()),
            "{e:?}"
        );
        assert_ne!(
            e.target_id.as_deref(),
            Some(org_b.id.to_string().as_str()),
            "{e:?}"
        );
    }
    for query in [
        api::AuditQuery {
            actor: Some(admin_b_me.id),
            ..everything()
        },
        api::AuditQuery {
            target: Some(b_group.id.to_string()),
            ..everything()
        },
        api::AuditQuery {
            target: Some(mia.id.to_string()),
            action: Some("member.".into()),
            ..everything()
        },
    ] {
        assert!(
            audit_all(&admin_a, &org_a, &query, 50).await.is_empty(),
            "{query:?}"
        );
    }
    let csv = String::from_utf8(
        admin_a
            .audit_log_csv(&oid(&org_a), &everything())
            .await
            .unwrap(),
    )
    .unwrap();
    assert!(!csv.contains(&b_group.id.to_string()));
    assert!(!csv.contains("bea@beta.example"));
    // beta's log has its own and nothing of acme's.
    let b_log = audit_all(&admin_b, &org_b, &everything(), 500).await;
    assert!(b_log.iter().any(|e| e.action == "member.suspend"));
    assert!(
        b_log
            .iter()
            .all(|e| e.target_id.as_deref() != Some(a_group.id.to_string().as_str()))
    );
    // Another organization's log does not exist for its non-members.
    assert_eq!(
        failure(admin_b.audit_log(&oid(&org_a), &everything()).await),
        (404, "not_found".into())
    );
    assert_eq!(
        failure(admin_b.audit_log_csv("acme", &everything()).await),
        (404, "not_found".into())
    );
});

/// The cells of a CSV file, parsed as a spreadsheet would split them.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| {
            r.expect("well-formed CSV")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

both!(audit_log_exports_csv_without_formulas, |ts| {
    // An address a spreadsheet would read as a formula, as the actor.
    let (admin, org) = ts.org_admin("=cmd@evil.example", "acme", CRM).await;
    let formula = new_group(&admin, &org, "=cmd()", &[]).await;
    new_group(&admin, &org, "+SUM(1,2)", &[]).await;
    new_group(&admin, &org, "@import", &[]).await;
    let (_, mia) = ts
        .member(&admin, &org, "mia@example.com", "Mia Member")
        .await;
    admin.suspend_member(&oid(&org), mia.id).await.unwrap();

    let json = audit_all(&admin, &org, &everything(), 500).await;
    let bytes = admin
        .audit_log_csv(&oid(&org), &everything())
        .await
        .unwrap();
    let rows = csv_rows(&bytes);
    assert_eq!(
        rows[0],
        [
            "time",
            "actor_id",
            "actor_email",
            "action",
            "target_type",
            "target_id",
            "ip",
            "detail"
        ]
    );
    assert_eq!(rows.len() - 1, json.len(), "one line per entry");
    for (row, entry) in rows[1..].iter().zip(&json) {
        assert_eq!(row.len(), 8, "{row:?}");
        assert_eq!(
            row[1],
            entry.actor.map(|a| a.to_string()).unwrap_or_default()
        );
        assert_eq!(row[3], entry.action);
        assert_eq!(row[5], entry.target_id.clone().unwrap_or_default());
        assert_eq!(row[6], entry.ip.clone().unwrap_or_default());
    }
    // No cell starts a formula; the dangerous ones are quoted out.
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    assert!(
        rows[1..]
            .iter()
            .filter(|r| r[3] != "org.paid")
            .all(|r| r[2] == "'=cmd@evil.example"),
        "the actor's address is defused: {:?}",
        rows.iter().map(|r| &r[2]).collect::<Vec<_>>()
    );
    // The group's name is in the export, inside its entry's detail.
    let created = rows
        .iter()
        .find(|r| r[3] == "group.create" && r[5] == formula.id.to_string())
        .expect("the =cmd() group's entry");
    assert!(created[7].contains("=cmd()"), "{created:?}");

    // Filters apply to the export too; limit and cursor do not.
    let only = csv_rows(
        &admin
            .audit_log_csv(
                &oid(&org),
                &api::AuditQuery {
                    action: Some("group.create".into()),
                    ..everything()
                },
            )
            .await
            .unwrap(),
    );
    assert_eq!(only.len() - 1, 3);
    assert!(only[1..].iter().all(|r| r[3] == "group.create"));
    let answer = admin
        .raw(
            Method::GET,
            &format!("/api/v1/orgs/{}/audit-log?format=csv&limit=1", org.id),
            None,
            Vec::new(),
        )
        .await
        .unwrap();
    assert_eq!(answer.status, 200);
    let content_type = answer
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    assert_eq!(
        csv_rows(&answer.body).len() - 1,
        json.len(),
        "an export holds every match"
    );
});
