//! A seeded organization (`orgdesk-server seed`): broad lists walk their
//! order and answer an estimated total, narrow ones count exactly, and a
//! taken subdomain is refused. The threshold is lowered so that a few
//! hundred members cross it.

use std::collections::HashSet;

use orgdesk_api as api;
use orgdesk_server::demo::scale::{ScaleOptions, person, seed_org};

use crate::both_with;
use crate::common::*;

const SEEDED: usize = 400;
const THRESHOLD: i64 = 20;

fn options(subdomain: &str) -> ScaleOptions {
    ScaleOptions {
        members: SEEDED,
        subdomain: subdomain.into(),
        admin_email: format!("admin@{subdomain}.test"),
        admin_password: PASSWORD.into(),
        seed: 7,
    }
}

/// Every page of a list, following its cursors: the items and each page's answer.
async fn walk(
    client: &orgdesk_client::Client,
    org: &str,
    mut query: api::MemberQuery,
) -> (Vec<api::Member>, Vec<api::Page<api::Member>>) {
    let mut items = Vec::new();
    let mut pages = Vec::new();
    loop {
        let page = client.members(org, &query).await.expect("a page");
        items.extend(page.items.iter().cloned());
        let next = page.next_cursor.clone();
        pages.push(page);
        match next {
            Some(cursor) => query.cursor = Some(cursor),
            None => return (items, pages),
        }
    }
}

fn by_name(items: &[api::Member]) -> bool {
    items
        .windows(2)
        .all(|w| (w[0].name.to_lowercase(), w[0].id) <= (w[1].name.to_lowercase(), w[1].id))
}

both_with!(
    a_seeded_org_lists_broad_queries_with_estimates,
    |config| {
        config.limits.exact_total_up_to = THRESHOLD;
    },
    |ts| {
        let state = &ts.server.state;
        let seeded = seed_org(&state.db, &state.catalog, &options("scale-a"))
            .await
            .expect("seeded");
        assert_eq!(seeded.members, SEEDED);
        assert!(seeded.admin_created);

        // The same subdomain again: refused, and nothing added.
        let again = seed_org(&state.db, &state.catalog, &options("scale-a")).await;
        let err = format!("{:#}", again.expect_err("a taken subdomain is refused"));
        assert!(err.contains("taken"), "{err}");

        let admin = ts.client();
        let login = admin
            .login(&api::LoginRequest {
                email: "admin@scale-a.test".into(),
                password: PASSWORD.into(),
                organization: None,
            })
            .await
            .expect("the seeded admin signs in");
        let admin = admin.with_token(login.token);

        // Everyone: counted exactly from the member counts.
        let all = admin
            .members("scale-a", &api::MemberQuery::default())
            .await
            .unwrap();
        assert_eq!(all.total, SEEDED as u64 + 1);
        assert!(!all.total_is_estimate);

        // A broad search (1 in 16 share a given name): walked, estimated.
        let expected: HashSet<String> = (0..SEEDED)
            .map(|i| person(i, "scale-a.example"))
            .filter(|(name, _)| name.starts_with("Lukas "))
            .map(|(_, email)| email)
            .collect();
        assert_eq!(expected.len(), SEEDED / 16);
        let (items, pages) = walk(
            &admin,
            "scale-a",
            api::MemberQuery {
                q: Some("lukas".into()),
                limit: Some(10),
                ..Default::default()
            },
        )
        .await;
        assert!(
            pages.iter().all(|p| p.total_is_estimate),
            "broad: estimated"
        );
        // One search word: read from the word counts, which are exact
        // (each matching member has the one word "lukas").
        assert_eq!(pages[0].total, expected.len() as u64);
        let found: HashSet<String> = items.iter().map(|m| m.email.clone()).collect();
        assert_eq!(found, expected, "every match, each once");
        assert_eq!(items.len(), expected.len());
        assert!(by_name(&items));

        // The admin takes the name, and drops it: the counts follow.
        let lukas = api::MemberQuery {
            q: Some("lukas".into()),
            ..Default::default()
        };
        for (name, matches) in [
            ("Lukas Admin", expected.len() + 1),
            ("Scale Admin", expected.len()),
        ] {
            admin
                .update_me(
                    &api::ProfilePatch {
                        name: Some(name.into()),
                        ..Default::default()
                    },
                    None,
                )
                .await
                .expect("renamed");
            let page = admin.members("scale-a", &lukas).await.unwrap();
            assert_eq!((page.total, page.total_is_estimate), (matches as u64, true));
        }

        // A selective search: exact.
        let one = admin
            .members(
                "scale-a",
                &api::MemberQuery {
                    q: Some("123".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(one.total, 1);
        assert!(!one.total_is_estimate);
        assert_eq!(one.items[0].email, person(123, "scale-a.example").1);

        // The User group (everyone): walked, estimated, every member once.
        let groups = admin.groups("scale-a").await.unwrap();
        let user = groups.iter().find(|g| g.name == "User").unwrap();
        let (items, pages) = walk(
            &admin,
            "scale-a",
            api::MemberQuery {
                group: Some(user.id),
                limit: Some(100),
                ..Default::default()
            },
        )
        .await;
        assert!(pages[0].total_is_estimate);
        let ids: HashSet<_> = items.iter().map(|m| m.id).collect();
        assert_eq!(ids.len(), SEEDED + 1);
        assert!(by_name(&items));

        // The Admin group (one member): exact.
        let admins = groups.iter().find(|g| g.name == "Admin").unwrap();
        let page = admin
            .members(
                "scale-a",
                &api::MemberQuery {
                    group: Some(admins.id),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!((page.total, page.total_is_estimate), (1, false));

        // Suspended: counted exactly.
        let (items, pages) = walk(
            &admin,
            "scale-a",
            api::MemberQuery {
                status: Some(api::MembershipStatus::Suspended),
                limit: Some(5),
                ..Default::default()
            },
        )
        .await;
        assert_eq!(pages[0].total, seeded.suspended as u64);
        assert!(!pages[0].total_is_estimate);
        assert_eq!(items.len(), seeded.suspended);
        assert!(
            items
                .iter()
                .all(|m| m.status == api::MembershipStatus::Suspended)
        );

        // A broad search narrowed to suspended members, sorted by address descending.
        let (items, _) = walk(
            &admin,
            "scale-a",
            api::MemberQuery {
                q: Some("scale".into()),
                status: Some(api::MembershipStatus::Suspended),
                sort: Some(api::MemberSort::Email),
                desc: Some(true),
                limit: Some(3),
                ..Default::default()
            },
        )
        .await;
        assert_eq!(items.len(), seeded.suspended);
        assert!(items.windows(2).all(|w| w[0].email >= w[1].email));

        // Another organization's admin sees none of it.
        let (stranger, _) = ts.register("stranger@example.com", "Stranger").await;
        assert_eq!(
            failure(
                stranger
                    .members("scale-a", &api::MemberQuery::default())
                    .await
            )
            .0,
            404
        );
    }
);
