//! The platform at scale, through HTTP: an organization seeded once
//! (`orgdesk-server seed`'s code) into a database file that later runs reuse.
//!
//! ```text
//! cargo bench -p orgdesk-server --bench scale                       # 100k members, SQLite
//! ORGDESK_BENCH_MEMBERS=1000000 cargo bench -p orgdesk-server --bench scale
//! ORGDESK_BENCH_MEMBERS=2000 cargo bench -p orgdesk-server --bench scale   # CI
//! ORGDESK_BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432/orgdesk_scale cargo bench …
//! ```
//!
//! `ORGDESK_BENCH_DB` names the SQLite file (default: the temp dir,
//! `orgdesk-scale-{N}.sqlite`); with `ORGDESK_BENCH_POSTGRES` (a database
//! that exists) PostgreSQL is measured after SQLite. Figures: the gated small
//! read, the member lists (first page, 20 cursors deep, selective and broad
//! searches, the all-members User group, suspended members), `/me/organizations`
//! of an account in 2,000 organizations, 10k membership changes in one bulk
//! request with their impact (preview and applied), and a sign-in (Argon2id).

use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use orgdesk_api as api;
use orgdesk_client::Client;
use orgdesk_server::Config;
use orgdesk_server::demo::scale::{ScaleOptions, seed_org};
use orgdesk_server::store::{self, Db};
use sqlx::Row;
use uuid::Uuid;

const PASSWORD: &str = "violet-harbor-7-lantern";
const ADMIN: &str = "admin@scale.example";
const MULTI: &str = "multi@scale.example";
const ORGS_OF_ONE: usize = 2_000;
const BULK: usize = 10_000;

fn members() -> usize {
    std::env::var("ORGDESK_BENCH_MEMBERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// Seeds the organization `scale` unless the database has it.
async fn seed_once(url: &str, n: usize) {
    let db = Db::connect(url).await.expect("the database opens");
    let mut conn = db.pool().acquire().await.expect("a connection");
    let found = store::orgs::find(&mut conn, "scale")
        .await
        .expect("a lookup")
        .is_some();
    let multi = store::accounts::by_email(&mut conn, MULTI)
        .await
        .expect("a lookup")
        .is_some();
    drop(conn);
    if !found {
        let catalog = orgdesk_server::domain::catalog::Catalog::embedded();
        let started = Instant::now();
        let seeded = seed_org(
            &db,
            &catalog,
            &ScaleOptions {
                members: n,
                subdomain: "scale".into(),
                admin_email: ADMIN.into(),
                admin_password: PASSWORD.into(),
                seed: 2026,
            },
        )
        .await
        .expect("seeding");
        eprintln!(
            "scale: seeded {n} members in {:.1} s ({} suspended)",
            started.elapsed().as_secs_f64(),
            seeded.suspended
        );
    }
    // Also for a database seeded with `orgdesk-server seed`.
    if !multi {
        orgs_of_one(&db).await;
    }
    db.close().await;
}

/// An account in `ORGS_OF_ONE` organizations (each with a User group it is in).
async fn orgs_of_one(db: &Db) {
    let started = Instant::now();
    let hash = orgdesk_server::secrets::hash_password(PASSWORD.into())
        .await
        .expect("a hash");
    let mut tx = db.begin().await.expect("tx");
    let account = Uuid::now_v7();
    store::accounts::insert(
        &mut tx,
        &store::accounts::NewAccount {
            id: account,
            email: MULTI,
            name: "Many Orgs",
            password_hash: &hash,
            email_verified: true,
        },
    )
    .await
    .expect("account");
    let catalog = orgdesk_server::domain::catalog::Catalog::embedded();
    let templates = catalog.initial_groups(&[]);
    for i in 0..ORGS_OF_ONE {
        let org = Uuid::now_v7();
        let name = format!("Many {i:04}");
        let subdomain = format!("many-{i:04}");
        store::orgs::insert(
            &mut tx,
            &store::orgs::NewOrg {
                id: org,
                name: &name,
                name_key: &orgdesk_server::domain::availability::company_key(&name),
                subdomain: &subdomain,
                country: "DE",
                vat_id: None,
                address: "Musterstraße 1, 10115 Berlin",
                billing_email: MULTI,
                status: api::OrgStatus::Active,
                seat_limit: 10,
                package_name: "Starter",
                created_by: account,
                products: &[],
            },
        )
        .await
        .expect("org");
        store::orgs::insert_membership(&mut tx, org, account, "Many Orgs", MULTI)
            .await
            .expect("membership");
        for template in &templates {
            let group = store::groups::insert(&mut tx, org, template)
                .await
                .expect("group");
            if template.name == "User" {
                store::groups::add_member(&mut tx, org, group, account)
                    .await
                    .expect("in User");
            }
        }
    }
    tx.commit().await.expect("commit");
    eprintln!(
        "scale: {MULTI} joined {ORGS_OF_ONE} organizations in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

async fn login(server: &str, email: &str) -> Client {
    let client = Client::new(server).unwrap();
    let answer = client
        .login(&api::LoginRequest {
            email: email.into(),
            password: PASSWORD.into(),
            organization: None,
        })
        .await
        .expect("login");
    client.with_token(answer.token)
}

fn bench_backend(c: &mut Criterion, backend: &str, url: String, n: usize) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    rt.block_on(seed_once(&url, n));
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut config = Config::new("127.0.0.1:0".parse().unwrap(), url);
    config.mail_outbox = Some(dir.path().join("outbox"));
    config.data_dir = Some(dir.path().to_path_buf());
    let server = rt
        .block_on(orgdesk_server::start(config))
        .expect("the server starts");
    let url = server.url();
    let (admin, multi) =
        rt.block_on(async { (login(&url, ADMIN).await, login(&url, MULTI).await) });
    let org = "scale".to_string();

    let (user_group, bulk_group, me, chunk, deep_cursor) = rt.block_on(async {
        let groups = admin.groups(&org).await.expect("groups");
        let user = groups.iter().find(|g| g.name == "User").expect("User").id;
        let bulk = match groups.iter().find(|g| g.name == "Bench Bulk") {
            Some(g) => g.id,
            None => {
                admin
                    .create_group(
                        &org,
                        &api::CreateGroup {
                            name: "Bench Bulk".into(),
                            description: "benchmark".into(),
                            permissions: vec![
                                "helpdesk.tickets.read".into(),
                                "helpdesk.tickets.assign".into(),
                                "helpdesk.reports.read".into(),
                            ],
                        },
                    )
                    .await
                    .expect("create group")
                    .id
            }
        };
        let me = admin.me().await.expect("me").id;
        let rows = sqlx::query(
            "SELECT m.account_id FROM memberships m JOIN orgs o ON o.id = m.org_id
             WHERE o.subdomain = 'scale' AND m.status = 'active' AND m.account_id <> $1
             ORDER BY m.account_id LIMIT $2",
        )
        .bind(me.to_string())
        .bind(i64::try_from(BULK).unwrap())
        .fetch_all(server.state.db.pool())
        .await
        .expect("members to change");
        let chunk: Vec<Uuid> = rows
            .iter()
            .map(|r| Uuid::parse_str(&r.get::<String, _>(0)).unwrap())
            .collect();
        let mut cursor = None;
        for _ in 0..20 {
            cursor = admin
                .members(
                    &org,
                    &api::MemberQuery {
                        limit: Some(50),
                        cursor,
                        ..Default::default()
                    },
                )
                .await
                .expect("a page")
                .next_cursor;
        }
        (user, bulk, me, chunk, cursor.expect("20 pages"))
    });

    let selective = (n / 2).to_string();
    let query = |f: fn(&mut api::MemberQuery)| {
        let mut q = api::MemberQuery {
            limit: Some(50),
            ..Default::default()
        };
        f(&mut q);
        q
    };
    let cases: Vec<(String, api::MemberQuery)> = vec![
        ("members: first page".into(), query(|_| {})),
        (
            "members: page 21 (20 cursors deep)".into(),
            api::MemberQuery {
                cursor: Some(deep_cursor.clone()),
                ..query(|_| {})
            },
        ),
        (
            format!("members: selective search q={selective}"),
            api::MemberQuery {
                q: Some(selective.clone()),
                ..query(|_| {})
            },
        ),
        (
            "members: broad search q=lukas (6%)".into(),
            query(|q| q.q = Some("lukas".into())),
        ),
        (
            "members: group=User (everyone)".into(),
            api::MemberQuery {
                group: Some(user_group),
                ..query(|_| {})
            },
        ),
        (
            "members: status=suspended".into(),
            query(|q| q.status = Some(api::MembershipStatus::Suspended)),
        ),
    ];
    for (name, q) in &cases {
        let page = rt.block_on(admin.members(&org, q)).expect("a page");
        eprintln!(
            "scale {backend}: {name}: {} items, total {} (estimate: {})",
            page.items.len(),
            page.total,
            page.total_is_estimate
        );
    }

    let mut g = c.benchmark_group(format!("scale {backend} {n}"));
    g.sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("gated read GET members/{id}", |b| {
        b.iter(|| rt.block_on(admin.member(&org, me)).expect("member"))
    });
    for (name, q) in &cases {
        g.bench_function(name.as_str(), |b| {
            b.iter(|| rt.block_on(admin.members(&org, q)).expect("a page"))
        });
    }
    g.bench_function("me/organizations (2,000 organizations)", |b| {
        b.iter(|| {
            let orgs = rt.block_on(multi.my_organizations()).expect("orgs");
            assert_eq!(orgs.len(), ORGS_OF_ONE);
        })
    });
    g.finish();

    let expected = chunk.len();
    let bulk = |add: bool, dry_run: bool| {
        let admin = admin.clone();
        let org = org.clone();
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
            assert_eq!(
                result.diff.added.len() + result.diff.removed.len(),
                expected
            );
        }
    };
    let mut g = c.benchmark_group(format!("scale {backend} {n} writes"));
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    g.bench_function("bulk: preview of adding 10k, with impact", |b| {
        b.iter(|| rt.block_on(bulk(true, true)))
    });
    g.bench_function(
        "bulk: add 10k then remove them, with impact (per request)",
        |b| {
            b.iter_custom(|iters| {
                let started = Instant::now();
                for _ in 0..iters {
                    rt.block_on(bulk(true, false));
                    rt.block_on(bulk(false, false));
                }
                started.elapsed() / 2
            })
        },
    );
    g.bench_function("login (Argon2id)", |b| {
        b.iter(|| rt.block_on(login(&url, ADMIN)))
    });
    g.finish();
    rt.block_on(server.stop()).expect("the server stops");
}

fn scale(c: &mut Criterion) {
    let n = members();
    let file = std::env::var("ORGDESK_BENCH_DB").unwrap_or_else(|_| {
        std::env::temp_dir()
            .join(format!("orgdesk-scale-{n}.sqlite"))
            .display()
            .to_string()
    });
    bench_backend(c, "sqlite", format!("sqlite://{file}"), n);
    if let Ok(url) = std::env::var("ORGDESK_BENCH_POSTGRES")
        && !url.is_empty()
    {
        bench_backend(c, "postgres", url, n);
    }
}

criterion_group!(benches, scale);
criterion_main!(benches);
