//! Benchmarks of the hot paths: permission checks (bitsets), the members
//! list of a 100k-member organization on SQLite, through HTTP, and bulk
//! group edits of 10k members there with their permission impact.
//!
//! `cargo bench -p orgdesk-server --bench server` (about two minutes, most of
//! it seeding). Filter with a name as usual, e.g. `-- permissions`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use orgdesk_api as api;
use orgdesk_client::Client;
use orgdesk_server::Config;
use orgdesk_server::domain::catalog::Catalog;
use orgdesk_server::domain::permissions::{PermissionId, PermissionSet};
use uuid::Uuid;

// ---- Permission checks ------------------------------------------------------

const PRODUCTS: usize = 5;
const PERMISSIONS_PER_PRODUCT: usize = 40;

fn permission_key(product: usize, n: usize) -> String {
    format!("p{product}.resource{n}.action")
}

/// A catalogue of 5 products × 40 permissions (200, plus the 10 platform ones)
/// with the billing section of the real one.
fn synthetic_catalog() -> Catalog {
    // Billing and anything else before the products, as the real catalogue has it.
    let embedded = include_str!("../catalog.toml");
    let header = &embedded[..embedded
        .find("[[products]]")
        .expect("products in catalog.toml")];
    let mut toml = String::from(header);
    for p in 0..PRODUCTS {
        let permissions = (0..PERMISSIONS_PER_PRODUCT)
            .map(|n| {
                format!(
                    "{{ key = \"{}\", description = \"d\" }}",
                    permission_key(p, n)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        toml.push_str(&format!(
            "[[products]]\nid = \"p{p}\"\nname = \"P{p}\"\ndescription = \"\"\npermissions = [{permissions}]\n\
             packages = [{{ id = \"p{p}-x\", name = \"X\", seats = 10, price_cents = 1 }}]\n"
        ));
    }
    Catalog::parse(&toml).expect("the synthetic catalogue is valid")
}

/// Ten groups of 20 to 38 permissions each, spread over every product.
fn synthetic_groups(catalog: &Catalog) -> Vec<PermissionSet> {
    (0..10)
        .map(|g| {
            let size = 20 + 2 * g;
            (0..size)
                .map(|i| {
                    // A stride co-prime with 200 walks over all products.
                    let n = (g * 37 + i * 7) % (PRODUCTS * PERMISSIONS_PER_PRODUCT);
                    let key =
                        permission_key(n / PERMISSIONS_PER_PRODUCT, n % PERMISSIONS_PER_PRODUCT);
                    catalog.id(&key).expect("a catalogue key")
                })
                .collect()
        })
        .collect()
}

fn permissions(c: &mut Criterion) {
    let catalog = synthetic_catalog();
    let groups = synthetic_groups(&catalog);
    let member = PermissionSet::union(&groups);
    eprintln!(
        "permissions: catalogue of {} keys, 10 groups of {:?} permissions, member holds {}",
        PRODUCTS * PERMISSIONS_PER_PRODUCT + 10,
        groups.iter().map(PermissionSet::len).collect::<Vec<_>>(),
        member.len()
    );
    let held = member
        .iter()
        .nth(member.len() / 2)
        .expect("a held permission");
    let held_key = catalog.info(held).key.clone();
    let missing = (0..PRODUCTS * PERMISSIONS_PER_PRODUCT)
        .map(|n| {
            catalog
                .id(&permission_key(
                    n / PERMISSIONS_PER_PRODUCT,
                    n % PERMISSIONS_PER_PRODUCT,
                ))
                .expect("a catalogue key")
        })
        .find(|id| !member.contains(*id))
        .expect("the member lacks some permission");
    let missing_key = catalog.info(missing).key.clone();

    let mut g = c.benchmark_group("permissions");
    g.warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("union of 10 groups", |b| {
        b.iter(|| PermissionSet::union(black_box(&groups)))
    });
    g.bench_function("check by key (held)", |b| {
        b.iter(|| {
            let key = black_box(held_key.as_str());
            catalog.id(key).is_some_and(|id| member.contains(id))
        })
    });
    g.bench_function("check by key (not held)", |b| {
        b.iter(|| {
            let key = black_box(missing_key.as_str());
            catalog.id(key).is_some_and(|id| member.contains(id))
        })
    });
    g.bench_function("contains by id", |b| {
        b.iter(|| black_box(&member).contains(black_box(held)))
    });
    g.bench_function("contains by id (out of range)", |b| {
        b.iter(|| black_box(&member).contains(black_box(PermissionId(9_999))))
    });
    g.finish();
}

// ---- Members list on SQLite with 100k members --------------------------------

const MEMBERS: usize = 100_000;
const BULK: usize = 10_000;
const PASSWORD: &str = "violet-harbor-7-lantern";

/// Pays the organization's first month through the sandbox checkout, as a
/// person would: a new organization is closed until it is paid.
async fn pay(admin: &Client, org: Uuid) {
    let answer = admin
        .raw(
            reqwest::Method::POST,
            &format!("/api/v1/orgs/{org}/checkout"),
            None,
            Vec::new(),
        )
        .await
        .expect("checkout");
    assert_eq!(answer.status, 200, "checkout: {}", answer.text());
    let checkout: serde_json::Value = serde_json::from_slice(&answer.body).expect("checkout JSON");
    let url = checkout["checkout_url"].as_str().expect("a checkout URL");
    let form = [
        ("cardholder", "Bench Admin"),
        ("card_number", "4242 4242 4242 4242"),
        ("expiry", "12/39"),
        ("cvc", "123"),
    ];
    let paid = reqwest::Client::new()
        .post(url)
        .form(&form)
        .send()
        .await
        .expect("the checkout page answers");
    assert_eq!(paid.status().as_u16(), 200, "the sandbox takes the card");
}

fn members_list(c: &mut Criterion) {
    // The server's logs only when asked for, e.g. `RUST_LOG=warn`.
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .try_init();
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut config = Config::new(
        "127.0.0.1:0".parse().unwrap(),
        format!("sqlite://{}", dir.path().join("bench.sqlite").display()),
    );
    config.mail_outbox = Some(dir.path().join("outbox"));
    let server = rt
        .block_on(orgdesk_server::start(config))
        .expect("the server starts");

    let setup = Instant::now();
    let (admin, org, user_group, filter_group, bulk_group, seeded) = rt.block_on(async {
        let auth = Client::new(server.url())
            .unwrap()
            .register(&api::RegisterRequest {
                email: "bench-admin@example.org".into(),
                password: PASSWORD.into(),
                name: "Bench Admin".into(),
            })
            .await
            .expect("register");
        let admin = Client::new(server.url()).unwrap().with_token(auth.token);
        let org = admin
            .create_org(&api::CreateOrganization {
                name: "Bench GmbH".into(),
                subdomain: "bench".into(),
                country: "DE".into(),
                vat_id: None,
                address: "Hauptstraße 1, 10115 Berlin".into(),
                billing_email: "billing@bench.example".into(),
                products: vec![api::ProductChoice {
                    product: "helpdesk".into(),
                    package: "helpdesk-scale".into(),
                }],
            })
            .await
            .expect("create org");
        pay(&admin, org.id).await;
        let groups = admin.groups(&org.subdomain).await.expect("groups");
        let user_group = groups
            .iter()
            .find(|g| g.name == "User")
            .expect("the User group")
            .id;
        let started = Instant::now();
        let seeded = orgdesk_server::store::seed::members(
            &server.state.db,
            org.id,
            0,
            MEMBERS,
            &[user_group],
            "x",
        )
        .await
        .expect("seeding");
        // As the server does at start: statistics for the planner on the seeded tables.
        server.state.db.optimize().await;
        eprintln!(
            "members: seeded {MEMBERS} members (accounts, memberships, search words, User group) in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let create = |name: &str| api::CreateGroup {
            name: name.into(),
            description: "benchmark".into(),
            permissions: vec![],
        };
        let filter_group = admin
            .create_group(&org.subdomain, &create("Bench Filter"))
            .await
            .expect("create group")
            .id;
        // Grants what User does not (and one permission it does), so every
        // member added or removed gains or loses something: the bulk figures
        // include working out the permission impact for all 10k.
        let bulk_group = admin
            .create_group(
                &org.subdomain,
                &api::CreateGroup {
                    permissions: vec![
                        "helpdesk.tickets.read".into(),
                        "helpdesk.tickets.assign".into(),
                        "helpdesk.reports.read".into(),
                    ],
                    ..create("Bench Bulk")
                },
            )
            .await
            .expect("create group")
            .id;
        // Every 100th member in a small group, for a narrow group filter.
        let started = Instant::now();
        admin
            .bulk_groups(
                &org.subdomain,
                &api::BulkRequest {
                    changes: vec![api::BulkChange {
                        group: filter_group,
                        add: seeded.iter().step_by(100).map(|&a| a.into()).collect(),
                        remove: vec![],
                    }],
                    dry_run: false,
                },
            )
            .await
            .expect("fill the filter group");
        eprintln!(
            "members: bulk-added 1000 members to a group in {:.0} ms",
            started.elapsed().as_secs_f64() * 1e3
        );
        (admin, org, user_group, filter_group, bulk_group, seeded)
    });

    // A cursor from the middle: walk 100 pages of 500 (= page 1000 of 50).
    let started = Instant::now();
    let middle_cursor = rt.block_on(async {
        let mut cursor = None;
        for _ in 0..100 {
            let page = admin
                .members(
                    &org.subdomain,
                    &api::MemberQuery {
                        limit: Some(500),
                        cursor,
                        ..Default::default()
                    },
                )
                .await
                .expect("a page");
            cursor = page.next_cursor;
        }
        cursor.expect("more pages after 50 000 members")
    });
    eprintln!(
        "members: walked 100 pages of 500 in {:.2} s ({:.1} ms a page); setup took {:.1} s",
        started.elapsed().as_secs_f64(),
        started.elapsed().as_secs_f64() * 10.0,
        setup.elapsed().as_secs_f64()
    );

    let list = |query: api::MemberQuery| {
        let admin = admin.clone();
        let org = org.subdomain.clone();
        move || {
            let admin = admin.clone();
            let org = org.clone();
            let query = query.clone();
            async move { admin.members(&org, &query).await.expect("a page") }
        }
    };
    let cases: Vec<(&str, api::MemberQuery)> = vec![
        (
            "first page (50)",
            api::MemberQuery {
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "page 1000 by cursor (50)",
            api::MemberQuery {
                limit: Some(50),
                cursor: Some(middle_cursor),
                ..Default::default()
            },
        ),
        (
            "search q=priya",
            api::MemberQuery {
                q: Some("priya".into()),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "search q=nuno.costa1234",
            api::MemberQuery {
                q: Some("nuno.costa1234".into()),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            // person(12509) is "Nuno Costa 12509": one exact hit.
            "search q=nuno.costa12509",
            api::MemberQuery {
                q: Some("nuno.costa12509".into()),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "group filter User (100k)",
            api::MemberQuery {
                group: Some(user_group),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "group filter 1k-member group",
            api::MemberQuery {
                group: Some(filter_group),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            // Governance: seeded members never signed in and joined at setup:
            // with 0 days every one of them matches, the most a filter can.
            "dormant inactive_days=0 (100k)",
            api::MemberQuery {
                inactive_days: Some(0),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            // Governance: no membership ends: nothing matches.
            "expiring_within_days=7 (none)",
            api::MemberQuery {
                expiring_within_days: Some(7),
                limit: Some(50),
                ..Default::default()
            },
        ),
    ];
    for (name, query) in &cases {
        let page = rt.block_on(list(query.clone())());
        eprintln!(
            "members: {name}: {} items, total {}",
            page.items.len(),
            page.total
        );
    }

    let mut g = c.benchmark_group("members 100k sqlite");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4));
    // The fixed cost of a request in an organization (session, account,
    // membership, products and group lookups, JSON), to read the rest against.
    g.bench_function("baseline GET me/permissions", |b| {
        b.iter(|| {
            rt.block_on(admin.my_permissions(&org.subdomain))
                .expect("permissions")
        })
    });
    // Counts the seats used: the organization's 100k memberships.
    g.bench_function("GET org (seat count)", |b| {
        b.iter(|| rt.block_on(admin.org(&org.subdomain)).expect("org"))
    });
    // Counts the members of every group, the User group's 100k among them.
    g.bench_function("GET groups (member counts)", |b| {
        b.iter(|| rt.block_on(admin.groups(&org.subdomain)).expect("groups"))
    });
    for (name, query) in cases {
        let request = list(query);
        g.bench_function(name, |b| b.iter(|| rt.block_on(request())));
    }
    g.finish();

    // One request adding 10 000 members to a group, undone after each sample;
    // each answer carries the permission impact for all 10 000.
    let chunk: Vec<Uuid> = seeded.iter().skip(7).step_by(10).copied().collect();
    assert_eq!(chunk.len(), BULK);
    let bulk = |add: bool, dry_run: bool| {
        let admin = admin.clone();
        let org = org.subdomain.clone();
        let change = api::BulkChange {
            group: bulk_group,
            add: if add {
                chunk.iter().map(|&a| a.into()).collect()
            } else {
                vec![]
            },
            remove: if add { vec![] } else { chunk.clone() },
        };
        async move {
            let result = admin
                .bulk_groups(
                    &org,
                    &api::BulkRequest {
                        changes: vec![change],
                        dry_run,
                    },
                )
                .await
                .expect("a bulk change");
            let changed = result.diff.added.len() + result.diff.removed.len();
            assert_eq!(changed, BULK, "every change applies");
            assert_eq!(result.impact.len(), BULK, "every member gains or loses");
            let expected = ["helpdesk.tickets.assign", "helpdesk.reports.read"];
            let first = &result.impact[0];
            assert_eq!(if add { &first.gained } else { &first.lost }, &expected);
        }
    };
    let mut g = c.benchmark_group("bulk memberships");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    // The removal that undoes each add is timed too, outside criterion's
    // figures (a second benchmark of its own would double this part's time).
    let mut removals = Vec::new();
    g.bench_function("add 10k to a group, with impact", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                rt.block_on(bulk(true, false));
                spent += started.elapsed();
                let started = Instant::now();
                rt.block_on(bulk(false, false));
                removals.push(started.elapsed());
            }
            spent
        })
    });
    // The preview the console shows before applying: the same work, rolled back.
    g.bench_function("dry run of adding 10k, with impact", |b| {
        b.iter(|| rt.block_on(bulk(true, true)))
    });
    removals.sort();
    // A filtered run (`cargo bench -- "members 100k"`) skips the bulk bench.
    if !removals.is_empty() {
        eprintln!(
            "bulk memberships: remove 10k from a group, with impact: median {:.0} ms of {} (min {:.0} ms, max {:.0} ms)",
            removals[removals.len() / 2].as_secs_f64() * 1e3,
            removals.len(),
            removals[0].as_secs_f64() * 1e3,
            removals[removals.len() - 1].as_secs_f64() * 1e3,
        );
    }
    g.finish();

    rt.block_on(server.stop()).expect("the server stops");
}

criterion_group!(benches, permissions, members_list);
criterion_main!(benches);
