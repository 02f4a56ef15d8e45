//! The catalogue, creating organizations (validation, name and subdomain
//! conflicts, races) and reading and editing an organization's details.

use std::collections::{BTreeSet, HashSet};

use orgdesk_api as api;
use orgdesk_client::Client;
use reqwest::Method;
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::both;
use crate::common::*;

/// The `errors[]` of a 422 `validation_failed` answer, as (field, code).
fn invalid<T: std::fmt::Debug>(result: Result<T, orgdesk_client::Error>) -> Vec<(String, String)> {
    let err = match result {
        Ok(v) => panic!("expected 422, got {v:?}"),
        Err(e) => e,
    };
    assert_eq!(err.status(), Some(422), "{err:?}");
    assert_eq!(err.code(), Some("validation_failed"), "{err:?}");
    err.problem()
        .expect("a problem body")
        .errors
        .iter()
        .map(|e| (e.field.clone(), e.code.clone()))
        .collect()
}

fn fields(errors: &[(String, String)]) -> Vec<&str> {
    errors.iter().map(|(f, _)| f.as_str()).collect()
}

fn status<T: std::fmt::Debug>(result: Result<T, orgdesk_client::Error>) -> u16 {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e.status().expect("an API error"),
    }
}

fn choice(product: &str, package: &str) -> api::ProductChoice {
    api::ProductChoice {
        product: product.into(),
        package: package.into(),
    }
}

both!(catalog_lists_products_packages_and_groups, |ts| {
    // The catalogue is public: the wizard shows it before anyone signs in.
    let catalog = ts.client().catalog().await.unwrap();
    assert!(
        catalog.products.len() >= 3,
        "at least three products: {:?}",
        catalog.products.iter().map(|p| &p.id).collect::<Vec<_>>()
    );
    let ids: HashSet<&str> = catalog.products.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids.len(), catalog.products.len(), "product ids are unique");
    for wanted in ["crm", "helpdesk", "analytics"] {
        assert!(ids.contains(wanted), "{wanted} is sold");
    }
    for product in &catalog.products {
        assert!(!product.name.is_empty(), "{}", product.id);
        assert!(
            !product.permissions.is_empty(),
            "{} has permissions",
            product.id
        );
        for permission in &product.permissions {
            assert_eq!(permission.product, product.id, "{}", permission.key);
            assert!(
                permission.key.starts_with(&format!("{}.", product.id)),
                "{} belongs to {}",
                permission.key,
                product.id
            );
            assert!(!permission.description.is_empty(), "{}", permission.key);
        }
        let keys: HashSet<&str> = product.permissions.iter().map(|p| p.key.as_str()).collect();
        assert!(!product.groups.is_empty(), "{} brings groups", product.id);
        for group in &product.groups {
            assert!(!group.name.is_empty());
            assert!(!group.permissions.is_empty(), "{}", group.name);
            for key in &group.permissions {
                assert!(
                    keys.contains(key.as_str()),
                    "group {} of {} grants {key}, which the product does not have",
                    group.name,
                    product.id
                );
            }
        }
        let sold: Vec<&api::Package> = product
            .packages
            .iter()
            .filter(|p| !p.contact_sales)
            .collect();
        let seats: BTreeSet<u32> = sold
            .iter()
            .map(|p| p.seats.expect("a self-service package has seats"))
            .collect();
        assert!(
            seats.len() >= 2,
            "{} offers packages of different sizes: {seats:?}",
            product.id
        );
        for package in &sold {
            assert!(package.price_cents > 0, "{}", package.id);
            assert_eq!(package.currency.len(), 3, "{}", package.id);
        }
        assert!(
            product.packages.iter().any(|p| p.contact_sales),
            "{} has a contact-sales package",
            product.id
        );
        let package_ids: HashSet<&str> = product.packages.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            package_ids.len(),
            product.packages.len(),
            "package ids are unique"
        );
    }
});

both!(create_org_answers_subscription_and_membership, |ts| {
    let catalog = ts.client().catalog().await.unwrap();
    let (client, me) = ts.register("founder@acme.example", "Fiona Founder").await;
    let products = vec![
        choice("crm", "crm-team"),
        choice("helpdesk", "helpdesk-pro"),
    ];
    // The smallest chosen package bounds the seats.
    let (seats, smallest) = products
        .iter()
        .map(|c| {
            let product = catalog.products.iter().find(|p| p.id == c.product).unwrap();
            let package = product.packages.iter().find(|p| p.id == c.package).unwrap();
            (package.seats.unwrap(), (product, package))
        })
        .min_by_key(|(seats, _)| *seats)
        .unwrap();
    assert_eq!(smallest.1.id, "helpdesk-pro", "the test's premise");
    let request = api::CreateOrganization {
        name: "Acme GmbH".into(),
        subdomain: "acme".into(),
        country: "DE".into(),
        vat_id: Some("DE136695976".into()),
        address: "Hauptstraße 1, 10115 Berlin".into(),
        billing_email: "Billing@Acme.example".into(),
        products: products.clone(),
    };
    let raw = client
        .raw(
            Method::POST,
            "/api/v1/orgs",
            Some("application/json"),
            serde_json::to_vec(&request).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(raw.status, 201, "{}", raw.text());
    let org: api::Organization = serde_json::from_slice(&raw.body).unwrap();
    // New organizations wait for their first payment, with the price to pay.
    assert_eq!(org.status, api::OrgStatus::PendingPayment);
    let overview = org
        .overview
        .clone()
        .expect("an overview while payment is pending");
    assert_eq!(overview.items.len(), products.len());
    assert_eq!(
        overview.total_cents,
        overview.net_cents + overview.vat_cents
    );
    assert_eq!(org.name, "Acme GmbH");
    assert_eq!(org.subdomain, "acme");
    assert_eq!(org.country, "DE");
    assert_eq!(org.vat_id.as_deref(), Some("DE136695976"));
    assert_eq!(org.billing_email, "billing@acme.example");
    assert_eq!(org.products, products, "the products, in the order chosen");
    assert_eq!(org.subscription.seat_limit, seats);
    assert_eq!(org.subscription.seats_used, 1, "the creator");
    let (product, package) = smallest;
    let package_names = [
        package.id.clone(),
        package.name.clone(),
        format!("{} {}", product.name, package.name),
    ];
    assert!(
        package_names.contains(&org.subscription.package),
        "the subscription names the smallest package ({package_names:?}), not {:?}",
        org.subscription.package
    );

    let mine = client.my_organizations().await.unwrap();
    assert_eq!(mine[0].status, api::OrgStatus::PendingPayment);
    let org = ts.pay(&client, &org).await;
    assert!(
        org.overview.is_none(),
        "a paid organization has no overview to pay"
    );
    let mine = client.my_organizations().await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, org.id);
    assert_eq!(mine[0].subdomain, "acme");
    assert_eq!(mine[0].status, api::OrgStatus::Active);
    assert_eq!(mine[0].membership_status, api::MembershipStatus::Active);
    let groups: Vec<&str> = mine[0].groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, ["Admin"]);

    // It reads back the same, and the creator is its one member, in Admin.
    assert_eq!(client.org(&org.id.to_string()).await.unwrap(), org);
    let members = client
        .members(&org.id.to_string(), &api::MemberQuery::default())
        .await
        .unwrap();
    assert_eq!(members.total, 1);
    assert_eq!(members.items[0].id, me.id);
    assert_eq!(members.items[0].groups, mine[0].groups);
    // The groups: built-ins plus those of the products chosen, not of the others.
    let names: HashSet<String> = client
        .groups(&org.id.to_string())
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect();
    for expected in [
        "Admin",
        "User",
        "Guest",
        "Sales Team",
        "Sales Managers",
        "Support Agents",
        "Support Leads",
    ] {
        assert!(names.contains(expected), "{expected} in {names:?}");
    }
    assert!(!names.contains("Analysts"), "analytics was not bought");
    // A second organization of the same person is fine.
    let second = client
        .create_org(&org_request(
            "acme-labs",
            &[("analytics", "analytics-team")],
        ))
        .await
        .unwrap();
    assert_eq!(second.subscription.seat_limit, 20);
    assert_eq!(client.my_organizations().await.unwrap().len(), 2);
});

both!(create_org_refuses_invalid_input_and_creates_nothing, |ts| {
    let (client, _) = ts.register("founder@valid.example", "Fiona Founder").await;
    let good = || org_request("valid-co", &[("crm", "crm-starter")]);
    let cases: Vec<(&str, api::CreateOrganization, &str, Option<&str>)> = vec![
        (
            "too short",
            api::CreateOrganization {
                subdomain: "ab".into(),
                ..good()
            },
            "subdomain",
            None,
        ),
        (
            "upper case and underscore",
            api::CreateOrganization {
                subdomain: "Bad_Sub".into(),
                ..good()
            },
            "subdomain",
            None,
        ),
        (
            "hyphens at the ends",
            api::CreateOrganization {
                subdomain: "-x-".into(),
                ..good()
            },
            "subdomain",
            None,
        ),
        (
            "punycode",
            api::CreateOrganization {
                subdomain: "xn--abc".into(),
                ..good()
            },
            "subdomain",
            None,
        ),
        (
            "lower-case country",
            api::CreateOrganization {
                country: "de".into(),
                ..good()
            },
            "country",
            None,
        ),
        (
            "alpha-3 country",
            api::CreateOrganization {
                country: "DEU".into(),
                ..good()
            },
            "country",
            None,
        ),
        (
            "no products",
            api::CreateOrganization {
                products: vec![],
                ..good()
            },
            "products",
            None,
        ),
        (
            "unknown product",
            api::CreateOrganization {
                products: vec![choice("erp", "erp-basic")],
                ..good()
            },
            "products[0].product",
            Some("unknown_product"),
        ),
        (
            "unknown package",
            api::CreateOrganization {
                products: vec![choice("crm", "helpdesk-basic")],
                ..good()
            },
            "products[0].package",
            Some("unknown_package"),
        ),
        (
            "contact-sales package",
            api::CreateOrganization {
                products: vec![choice("crm", "crm-enterprise")],
                ..good()
            },
            "products[0].package",
            Some("contact_sales"),
        ),
        (
            "contact-sales package next to a good one",
            api::CreateOrganization {
                products: vec![
                    choice("helpdesk", "helpdesk-basic"),
                    choice("crm", "crm-enterprise"),
                ],
                ..good()
            },
            "products[1].package",
            Some("contact_sales"),
        ),
        (
            "duplicate product",
            api::CreateOrganization {
                products: vec![choice("crm", "crm-team"), choice("crm", "crm-starter")],
                ..good()
            },
            "products[1]",
            Some("duplicate"),
        ),
        (
            "bad billing email",
            api::CreateOrganization {
                billing_email: "billing at valid".into(),
                ..good()
            },
            "billing_email",
            None,
        ),
        (
            "billing email without domain",
            api::CreateOrganization {
                billing_email: "billing@".into(),
                ..good()
            },
            "billing_email",
            None,
        ),
    ];
    for (what, request, field, field_code) in cases {
        let errors = invalid(client.create_org(&request).await);
        assert_eq!(fields(&errors), [field], "{what}: {errors:?}");
        if let Some(field_code) = field_code {
            assert_eq!(errors[0].1, field_code, "{what}");
        }
    }
    // Everything wrong at once: every field is named.
    let errors = invalid(
        client
            .create_org(&api::CreateOrganization {
                subdomain: "Bad_Sub".into(),
                country: "DEU".into(),
                billing_email: "nope".into(),
                products: vec![],
                ..good()
            })
            .await,
    );
    let named: HashSet<&str> = fields(&errors).into_iter().collect();
    for field in ["subdomain", "country", "billing_email", "products"] {
        assert!(named.contains(field), "{field} in {errors:?}");
    }

    // Nothing was created: no membership, and the name and subdomain are free.
    assert!(client.my_organizations().await.unwrap().is_empty());
    assert_eq!(code(client.org("valid-co").await), "not_found");
    let (other, _) = ts.register("other@valid.example", "Otto Other").await;
    let org = other
        .create_org(&good())
        .await
        .expect("the subdomain is still free");
    assert_eq!(org.subdomain, "valid-co");
    assert_eq!(org.subscription.seat_limit, 10);
    assert!(client.my_organizations().await.unwrap().is_empty());
});

both!(create_org_name_and_subdomain_conflicts, |ts| {
    let (first, _) = ts.register("first@acme.example", "Ann First").await;
    let acme = first
        .create_org(&api::CreateOrganization {
            name: "Acme GmbH".into(),
            ..org_request("acme", &[("crm", "crm-starter")])
        })
        .await
        .unwrap();
    let (second, _) = ts.register("second@acme.example", "Bo Second").await;
    for name in [
        "ACME  gmbh",
        "acme gmbh",
        "Acme, GmbH.",
        "Acme-GmbH",
        " ACME GMBH ",
    ] {
        let answer = second
            .create_org(&api::CreateOrganization {
                name: name.into(),
                ..org_request("acme-two", &[("crm", "crm-starter")])
            })
            .await;
        let err = answer.expect_err(name);
        assert_eq!(err.status(), Some(409), "{name}");
        assert_eq!(err.code(), Some("name_taken"), "{name}");
    }
    let err = second
        .create_org(&api::CreateOrganization {
            name: "Completely Different Ltd".into(),
            ..org_request("acme", &[("crm", "crm-starter")])
        })
        .await
        .expect_err("the subdomain is taken");
    assert_eq!(err.status(), Some(409));
    assert_eq!(err.code(), Some("subdomain_taken"));
    // Refusals created nothing: the second account belongs nowhere, the first
    // organization is unchanged, and its subdomain still names it.
    assert!(second.my_organizations().await.unwrap().is_empty());
    assert_eq!(first.org("acme").await.unwrap(), acme);
    assert_eq!(code(second.org("acme").await), "not_found");
    // A genuinely different name and subdomain works.
    let two = second
        .create_org(&api::CreateOrganization {
            name: "Acme Two GmbH".into(),
            ..org_request("acme-two", &[("crm", "crm-starter")])
        })
        .await
        .unwrap();
    assert_eq!(two.subdomain, "acme-two");
    // The creator of the first cannot take its name again either.
    assert_eq!(
        code(
            first
                .create_org(&api::CreateOrganization {
                    name: "acme  GMBH".into(),
                    ..org_request("acme-three", &[("crm", "crm-starter")])
                })
                .await
        ),
        "name_taken"
    );
});

/// Registers `n` accounts and fires one `create_org` per account at once.
async fn race(
    ts: &TestServer,
    prefix: &str,
    request: impl Fn(usize) -> api::CreateOrganization,
) -> Vec<(Client, Result<api::Organization, orgdesk_client::Error>)> {
    let mut clients = Vec::new();
    for i in 0..10 {
        let (client, _) = ts
            .register(&format!("{prefix}{i}@race.example"), &format!("Racer {i}"))
            .await;
        clients.push(client);
    }
    let mut set = JoinSet::new();
    for (i, client) in clients.into_iter().enumerate() {
        let req = request(i);
        set.spawn(async move {
            let answer = client.create_org(&req).await;
            (client, answer)
        });
    }
    let mut results = Vec::new();
    while let Some(joined) = set.join_next().await {
        results.push(joined.expect("the task ran"));
    }
    results
}

fn one_winner(
    results: &[(Client, Result<api::Organization, orgdesk_client::Error>)],
    loser_code: &str,
) -> api::Organization {
    let winners: Vec<&api::Organization> = results
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .collect();
    assert_eq!(winners.len(), 1, "exactly one creation succeeds");
    for (_, result) in results {
        if let Err(e) = result {
            assert_eq!(e.status(), Some(409), "{e:?}");
            assert_eq!(e.code(), Some(loser_code), "{e:?}");
        }
    }
    winners[0].clone()
}

both!(create_org_races_on_one_subdomain_and_one_name, |ts| {
    let results = race(&ts, "sub", |i| api::CreateOrganization {
        name: format!("Racer Number {i} Ltd"),
        ..org_request("racers", &[("crm", "crm-starter")])
    })
    .await;
    let winner = one_winner(&results, "subdomain_taken");
    assert_eq!(winner.subdomain, "racers");
    for (client, result) in &results {
        let mine = client.my_organizations().await.unwrap();
        match result {
            Ok(org) => {
                assert_eq!(mine.len(), 1);
                assert_eq!(mine[0].id, org.id);
                assert_eq!(client.org("racers").await.unwrap().id, org.id);
                ts.pay(client, org).await;
                let members = client
                    .members("racers", &api::MemberQuery::default())
                    .await
                    .unwrap();
                assert_eq!(members.total, 1, "only the winner joined");
            }
            Err(_) => {
                assert!(mine.is_empty(), "a loser belongs to nothing");
                assert_eq!(code(client.org("racers").await), "not_found");
            }
        }
    }

    let results = race(&ts, "name", |i| api::CreateOrganization {
        name: if i % 2 == 0 {
            "Same Name AG".into()
        } else {
            "same  name, ag".into()
        },
        ..org_request(&format!("same-name-{i}"), &[("crm", "crm-starter")])
    })
    .await;
    let winner = one_winner(&results, "name_taken");
    for (client, result) in &results {
        let mine = client.my_organizations().await.unwrap();
        match result {
            Ok(_) => assert_eq!(mine.len(), 1),
            Err(_) => assert!(mine.is_empty(), "a loser belongs to nothing"),
        }
    }
    // The losers' subdomains were not taken by their failed attempts.
    let (late, _) = ts.register("late@race.example", "Late Comer").await;
    for i in 0..10 {
        let subdomain = format!("same-name-{i}");
        if subdomain != winner.subdomain {
            late.create_org(&org_request(&subdomain, &[("crm", "crm-starter")]))
                .await
                .unwrap_or_else(|e| panic!("{subdomain} is free: {e:?}"));
            break;
        }
    }
});

both!(get_org_by_id_and_subdomain_for_members_only, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let (member, _) = ts
        .member(&admin, &org, "mia@acme.example", "Mia Member")
        .await;
    for client in [&admin, &member] {
        let by_id = client.org(&org.id.to_string()).await.unwrap();
        let by_subdomain = client.org("acme").await.unwrap();
        assert_eq!(by_id, by_subdomain);
        assert_eq!(by_id.id, org.id);
        assert_eq!(by_id.subscription.seats_used, 2);
        assert_eq!(by_id.subscription.seat_limit, 50);
    }
    // Somebody else's organization does not exist for an outsider, whether
    // they belong nowhere or to another organization.
    let (outsider, _) = ts.register("out@side.example", "Oscar Outsider").await;
    let (other_admin, _other) = ts
        .org_admin("admin@bravo.example", "bravo", &[("crm", "crm-team")])
        .await;
    for client in [&outsider, &other_admin] {
        for key in [org.id.to_string(), "acme".to_string()] {
            let err = client.org(&key).await.expect_err("not a member");
            assert_eq!(err.status(), Some(404), "{key}");
            assert_eq!(err.code(), Some("not_found"), "{key}");
        }
    }
    // Unknown ids and subdomains answer exactly the same.
    assert_eq!(
        code(outsider.org(&Uuid::now_v7().to_string()).await),
        "not_found"
    );
    assert_eq!(code(outsider.org("no-such-org").await), "not_found");
    assert_eq!(code(ts.client().org("acme").await), "unauthenticated");
});

both!(patch_org_permissions_versions_and_conflicts, |ts| {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-team")])
        .await;
    let (other_admin, bravo) = ts
        .org_admin("admin@bravo.example", "bravo", &[("crm", "crm-team")])
        .await;
    let (member, _) = ts
        .member(&admin, &org, "mia@acme.example", "Mia Member")
        .await;
    let id = org.id.to_string();
    let before = admin.org(&id).await.unwrap();
    let rename = |name: &str| api::UpdateOrganization {
        name: Some(name.into()),
        ..Default::default()
    };

    // A User member lacks org.settings.manage; an outsider does not see the org.
    let err = member
        .update_org(&id, &rename("Hijacked GmbH"), None)
        .await
        .expect_err("a User cannot edit settings");
    assert_eq!(err.status(), Some(403));
    assert_eq!(err.code(), Some("forbidden"));
    assert_eq!(
        code(
            other_admin
                .update_org(&id, &rename("Hijacked GmbH"), None)
                .await
        ),
        "not_found"
    );
    // A stale version is refused.
    let err = admin
        .update_org(&id, &rename("Acme Stale GmbH"), Some(before.version + 1))
        .await
        .expect_err("stale");
    assert_eq!(err.status(), Some(412));
    assert_eq!(err.code(), Some("stale_version"));
    // Another organization's name (in any spelling) or subdomain is taken.
    let err = admin
        .update_org(&id, &rename("BRAVO,  gmbh"), Some(before.version))
        .await
        .expect_err("name taken");
    assert_eq!((err.status(), err.code()), (Some(409), Some("name_taken")));
    let err = admin
        .update_org(
            &id,
            &api::UpdateOrganization {
                subdomain: Some(bravo.subdomain.clone()),
                ..Default::default()
            },
            Some(before.version),
        )
        .await
        .expect_err("subdomain taken");
    assert_eq!(
        (err.status(), err.code()),
        (Some(409), Some("subdomain_taken"))
    );
    // Unknown fields and invalid values are 422.
    let raw = admin
        .raw(
            Method::PATCH,
            &format!("/api/v1/orgs/{id}"),
            Some("application/json"),
            br#"{"name":"Acme Sneaky GmbH","seat_limit":100000}"#.to_vec(),
        )
        .await
        .unwrap();
    assert_eq!(raw.status, 422, "{}", raw.text());
    assert_eq!(raw.problem().unwrap().code, "validation_failed");
    let errors = invalid(
        admin
            .update_org(
                &id,
                &api::UpdateOrganization {
                    subdomain: Some("Bad_Sub".into()),
                    ..Default::default()
                },
                None,
            )
            .await,
    );
    assert_eq!(fields(&errors), ["subdomain"]);
    // None of that changed anything.
    assert_eq!(admin.org(&id).await.unwrap(), before);
    assert_eq!(other_admin.org("bravo").await.unwrap(), bravo);

    // Renaming within its own name key (case, spacing) is no conflict with itself.
    let same = admin
        .update_org(&id, &rename("ACME  gmbh"), Some(before.version))
        .await
        .unwrap();
    assert_eq!(same.name, "ACME  gmbh");
    assert_eq!(same.version, before.version + 1);

    let updated = admin
        .update_org(
            &id,
            &api::UpdateOrganization {
                name: Some("Acme Renamed GmbH".into()),
                subdomain: Some("acme-new".into()),
                billing_email: Some("Money@Acme.example".into()),
                ..Default::default()
            },
            Some(same.version),
        )
        .await
        .unwrap();
    assert_eq!(updated.version, same.version + 1);
    assert_eq!(updated.name, "Acme Renamed GmbH");
    assert_eq!(updated.subdomain, "acme-new");
    assert_eq!(updated.billing_email, "money@acme.example");
    assert_eq!(updated.id, org.id);
    assert_eq!(updated.country, before.country);
    assert_eq!(updated.products, before.products);
    let read = admin.org(&id).await.unwrap();
    assert_eq!(read, updated);
    assert_eq!(
        member.org("acme-new").await.unwrap().version,
        updated.version
    );
    assert_eq!(
        code(admin.org("acme").await),
        "not_found",
        "the old subdomain is gone"
    );
    // The old version is now stale.
    assert_eq!(
        code(
            admin
                .update_org(&id, &rename("Acme Again GmbH"), Some(same.version))
                .await
        ),
        "stale_version"
    );
    // And the freed subdomain can be taken by another organization.
    let moved = other_admin
        .update_org(
            "bravo",
            &api::UpdateOrganization {
                subdomain: Some("acme".into()),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(moved.subdomain, "acme");
    assert_eq!(status(member.org("acme").await), 404);
});
