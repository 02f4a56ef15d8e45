//! `orgdesk-server seed`: a paid organization of any size (a million members
//! and more) for benchmarks, load tests and trying the console at scale.
//!
//! Members have names in several scripts (Latin, Cyrillic, Greek, Arabic,
//! Chinese, Japanese, Korean); each of the 16 given names is shared by about
//! 6% of them (a broad search), the number in each address by one (a
//! selective search). About 3% are suspended; most signed in during the last
//! months. Everyone is in `User`; the groups of the demo get their shares.
//!
//! Rows go in multi-row statements, tens of thousands of people per
//! transaction; the organization's member counts are written once at the end.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::{Context, bail};
use orgdesk_api as api;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use super::{GROUP_SHARES, SUSPENDED_PERCENT, group_templates};
use crate::domain::availability;
use crate::domain::catalog::{BuiltinGroup, Catalog};
use crate::secrets;
use crate::store::seed::{self, NewMember, NewSession};
use crate::store::{Db, accounts, groups, now_ms, orgs, sessions};

const MINUTE: i64 = 60 * 1000;
const DAY: i64 = 24 * 60 * MINUTE;
/// People per transaction.
const BATCH: usize = 20_000;
/// From this many members on, indexes are built after the rows.
const BUILD_INDEXES_AFTER: usize = 50_000;

/// People of one language: two given names, eight family names, each with
/// its romanization (for the address), and how a full name is written.
struct Culture {
    given: [(&'static str, &'static str); 2],
    family: [(&'static str, &'static str); 8],
    /// Family name first, without a space (Chinese, Korean) or with one (Japanese).
    family_first: Option<&'static str>,
}

const CULTURES: [Culture; 8] = [
    Culture {
        given: [("María", "maria"), ("José", "jose")],
        family: [
            ("García", "garcia"),
            ("Rodríguez", "rodriguez"),
            ("Martínez", "martinez"),
            ("López", "lopez"),
            ("Sánchez", "sanchez"),
            ("Pérez", "perez"),
            ("Gómez", "gomez"),
            ("Fernández", "fernandez"),
        ],
        family_first: None,
    },
    Culture {
        given: [("Lukas", "lukas"), ("Greta", "greta")],
        family: [
            ("Müller", "mueller"),
            ("Schmidt", "schmidt"),
            ("Schneider", "schneider"),
            ("Fischer", "fischer"),
            ("Weber", "weber"),
            ("Meyer", "meyer"),
            ("Wagner", "wagner"),
            ("Becker", "becker"),
        ],
        family_first: None,
    },
    Culture {
        given: [("Дмитрий", "dmitri"), ("Сергей", "sergei")],
        family: [
            ("Иванов", "ivanov"),
            ("Смирнов", "smirnov"),
            ("Кузнецов", "kuznetsov"),
            ("Попов", "popov"),
            ("Васильев", "vasiliev"),
            ("Петров", "petrov"),
            ("Соколов", "sokolov"),
            ("Михайлов", "mikhailov"),
        ],
        family_first: None,
    },
    Culture {
        given: [("Γιώργος", "giorgos"), ("Νίκος", "nikos")],
        family: [
            ("Παπαδόπουλος", "papadopoulos"),
            ("Βασιλείου", "vasileiou"),
            ("Νικολάου", "nikolaou"),
            ("Γεωργίου", "georgiou"),
            ("Πετρίδης", "petridis"),
            ("Οικονόμου", "oikonomou"),
            ("Αντωνίου", "antoniou"),
            ("Καραγιάννης", "karagiannis"),
        ],
        family_first: None,
    },
    Culture {
        given: [("محمد", "mohammed"), ("أحمد", "ahmed")],
        family: [
            ("الحسن", "alhassan"),
            ("العلي", "alali"),
            ("حداد", "haddad"),
            ("خوري", "khoury"),
            ("منصور", "mansour"),
            ("سليمان", "suleiman"),
            ("عباس", "abbas"),
            ("ناصر", "nasser"),
        ],
        family_first: None,
    },
    Culture {
        given: [("伟", "wei"), ("芳", "fang")],
        family: [
            ("王", "wang"),
            ("李", "li"),
            ("张", "zhang"),
            ("刘", "liu"),
            ("陈", "chen"),
            ("杨", "yang"),
            ("黄", "huang"),
            ("赵", "zhao"),
        ],
        family_first: Some(""),
    },
    Culture {
        given: [("さくら", "sakura"), ("翔太", "shota")],
        family: [
            ("佐藤", "sato"),
            ("鈴木", "suzuki"),
            ("高橋", "takahashi"),
            ("田中", "tanaka"),
            ("伊藤", "ito"),
            ("渡辺", "watanabe"),
            ("山本", "yamamoto"),
            ("中村", "nakamura"),
        ],
        family_first: Some(" "),
    },
    Culture {
        given: [("민준", "minjun"), ("서연", "seoyeon")],
        family: [
            ("김", "kim"),
            ("이", "lee"),
            ("박", "park"),
            ("최", "choi"),
            ("정", "jung"),
            ("강", "kang"),
            ("조", "cho"),
            ("윤", "yoon"),
        ],
        family_first: Some(""),
    },
];

/// The `i`-th generated person: name and a unique address at `domain`.
/// Given names cycle fastest, so each of the 16 is 1 in 16 of any range.
pub fn person(i: usize, domain: &str) -> (String, String) {
    let culture = &CULTURES[i % CULTURES.len()];
    let (given, given_ascii) = culture.given[(i / CULTURES.len()) % 2];
    let (family, family_ascii) = culture.family[(i / (CULTURES.len() * 2)) % 8];
    let name = match culture.family_first {
        Some(sep) => format!("{family}{sep}{given}"),
        None => format!("{given} {family}"),
    };
    (name, format!("{given_ascii}.{family_ascii}.{i}@{domain}"))
}

/// What to seed.
#[derive(Debug, Clone)]
pub struct ScaleOptions {
    pub members: usize,
    pub subdomain: String,
    pub admin_email: String,
    pub admin_password: String,
    /// The same seed, the same people (ids and times aside).
    pub seed: u64,
}

/// What was seeded.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub org_id: Uuid,
    pub subdomain: String,
    pub admin_email: String,
    /// Whether the admin account was created (else it existed and kept its password).
    pub admin_created: bool,
    /// Generated members (the admin aside).
    pub members: usize,
    pub suspended: usize,
    /// Each group's name and its members (the admin included).
    pub groups: Vec<(String, usize)>,
    pub sessions: usize,
    pub seconds: f64,
}

/// Seeds a paid organization of `opts.members` generated members; refuses a
/// subdomain (or company name) that is taken.
pub async fn seed_org(db: &Db, catalog: &Catalog, opts: &ScaleOptions) -> anyhow::Result<Seeded> {
    let started = Instant::now();
    let subdomain = opts.subdomain.trim().to_ascii_lowercase();
    if let Some(why) = availability::subdomain_problem(&subdomain) {
        bail!("--subdomain {subdomain:?}: {}", why.message());
    }
    let admin_email = opts.admin_email.trim().to_lowercase();
    if !admin_email.contains('@') {
        bail!("--admin-email {admin_email:?} is not an address");
    }
    if opts.admin_password.chars().count() < 8 {
        bail!("--admin-password needs at least 8 characters");
    }
    let org_name = format!("Scale {subdomain}");
    let name_key = availability::company_key(&org_name);
    let products: Vec<api::ProductChoice> = catalog
        .to_api()
        .products
        .iter()
        .filter_map(|product| {
            let package = product
                .packages
                .iter()
                .find(|p| p.contact_sales)
                .or_else(|| product.packages.iter().max_by_key(|p| p.seats))?;
            Some(api::ProductChoice {
                product: product.id.clone(),
                package: package.id.clone(),
            })
        })
        .collect();
    let admin_hash = secrets::hash_password(opts.admin_password.clone()).await?;
    let member_domain = format!("{subdomain}.example");
    let now = now_ms();
    let created_at = now - 400 * DAY;

    // The organization, its groups and its admin: one transaction.
    let mut tx = db.begin().await?;
    if orgs::subdomain_taken(&mut tx, &subdomain).await? {
        bail!("the subdomain {subdomain} is taken; choose another");
    }
    if orgs::taken(&mut tx, &name_key, &subdomain, None)
        .await?
        .is_some()
    {
        bail!("an organization named {org_name} exists already; choose another subdomain");
    }
    let (admin, admin_created) = match accounts::by_email(&mut tx, &admin_email).await? {
        Some(a) => (a.id, false),
        None => {
            let id = Uuid::now_v7();
            accounts::insert(
                &mut tx,
                &accounts::NewAccount {
                    id,
                    email: &admin_email,
                    name: "Scale Admin",
                    password_hash: &admin_hash,
                    email_verified: true,
                },
            )
            .await?;
            (id, true)
        }
    };
    let org = Uuid::now_v7();
    let seat_limit = i64::try_from(opts.members + 1)
        .unwrap_or(i64::MAX)
        .saturating_mul(11)
        / 10
        + 10;
    orgs::insert(
        &mut tx,
        &orgs::NewOrg {
            id: org,
            name: &org_name,
            name_key: &name_key,
            subdomain: &subdomain,
            country: "DE",
            vat_id: None,
            address: "Musterstraße 1, 10115 Berlin",
            billing_email: &admin_email,
            status: api::OrgStatus::Active,
            seat_limit,
            package_name: "Enterprise",
            created_by: admin,
            products: &products,
        },
    )
    .await?;
    orgs::insert_membership(&mut tx, org, admin, "Scale Admin", &admin_email).await?;
    let mut created_groups = Vec::new();
    for template in group_templates(catalog, &products) {
        let id = groups::insert(&mut tx, org, &template).await?;
        if BuiltinGroup::Admin.is(template.builtin, &template.name)
            || BuiltinGroup::User.is(template.builtin, &template.name)
        {
            groups::add_member(&mut tx, org, id, admin).await?;
        }
        created_groups.push((id, template.name));
    }
    seed::backdate_org(&mut tx, org, admin, created_at).await?;
    tx.commit().await?;

    let group_id: HashMap<&str, Uuid> = created_groups
        .iter()
        .map(|(id, name)| (name.as_str(), *id))
        .collect();
    let mut counts: HashMap<Uuid, usize> = created_groups.iter().map(|(id, _)| (*id, 0)).collect();
    // The admin is in Admin and User.
    for (id, name) in &created_groups {
        if name == "Admin" || name == "User" {
            *counts.entry(*id).or_default() += 1;
        }
    }
    // A large load builds the secondary indexes once, at the end, and what
    // the triggers keep (member counts, the ordered member indexes) in one
    // sorted pass: row by row they cost more than the rows themselves.
    let (dropped, triggers) = if opts.members >= BUILD_INDEXES_AFTER {
        let mut tx = db.begin().await?;
        let dropped = seed::drop_indexes(&mut tx).await?;
        let triggers = seed::drop_triggers(&mut tx).await?;
        tx.commit().await?;
        (dropped, triggers)
    } else {
        (Vec::new(), Vec::new())
    };
    let plan = Plan {
        org,
        member_domain: &member_domain,
        group_id: &group_id,
        created_at,
        now,
    };
    let generated = generate(db, opts, &plan, &mut counts).await;
    if !dropped.is_empty() || !triggers.is_empty() {
        let started = Instant::now();
        let mut tx = db.begin().await?;
        seed::bulk_session(&mut tx).await?;
        seed::create_indexes(&mut tx, &dropped).await?;
        seed::rebuild_derived(&mut tx, org).await?;
        seed::create_triggers(&mut tx, &triggers).await?;
        tx.commit().await?;
        tracing::info!(
            seconds = started.elapsed().as_secs_f64(),
            "seeding: indexes built"
        );
    }
    let (suspended, session_count) = generated?;
    {
        let mut conn = db.pool().acquire().await?;
        seed::finish(&mut conn, org)
            .await
            .context("updating the planner's statistics")?;
    }
    let mut groups: Vec<(String, usize)> = created_groups
        .iter()
        .map(|(id, name)| (name.clone(), counts.get(id).copied().unwrap_or(0)))
        .collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(Seeded {
        org_id: org,
        subdomain,
        admin_email,
        admin_created,
        members: opts.members,
        suspended,
        groups,
        sessions: session_count,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Where the members go.
struct Plan<'a> {
    org: Uuid,
    member_domain: &'a str,
    group_id: &'a HashMap<&'a str, Uuid>,
    created_at: i64,
    now: i64,
}

/// The members, in transactions of `BATCH`: answers how many are suspended
/// and how many sign-ins were recorded. The next batch of people is made on
/// a thread of its own while the database stores this one.
async fn generate(
    db: &Db,
    opts: &ScaleOptions,
    plan: &Plan<'_>,
    counts: &mut HashMap<Uuid, usize>,
) -> anyhow::Result<(usize, usize)> {
    let people = People {
        members: opts.members,
        seed: opts.seed,
        org: plan.org,
        member_domain: plan.member_domain.to_string(),
        user: plan.group_id.get("User").copied(),
        shares: GROUP_SHARES
            .iter()
            .filter_map(|(group, share)| Some((*plan.group_id.get(group)?, *share)))
            .collect(),
        created_at: plan.created_at,
        now: plan.now,
    };
    let (sender, mut batches) = tokio::sync::mpsc::channel::<Batch>(1);
    let maker = tokio::task::spawn_blocking(move || people.make(&sender));
    // Not a PHC string: every password check fails.
    let member_hash = "!seeded-member-without-password";
    let mut stored = 0;
    let mut session_count = 0;
    let mut suspended = 0;
    while let Some(batch) = batches.recv().await {
        let mut tx = db.begin().await?;
        seed::bulk_session(&mut tx).await?;
        seed::insert_members(&mut tx, plan.org, &batch.people, member_hash).await?;
        seed::insert_sessions(&mut tx, &batch.signed_in).await?;
        tx.commit().await?;
        stored += batch.people.len();
        session_count += batch.signed_in.len();
        suspended += batch.suspended;
        for (group, n) in batch.in_groups {
            *counts.entry(group).or_default() += n;
        }
        tracing::info!(members = stored, "seeding");
    }
    maker.await.context("making the members")?;
    Ok((suspended, session_count))
}

/// What makes the generated people (see [`generate`]).
struct People {
    members: usize,
    seed: u64,
    org: Uuid,
    member_domain: String,
    user: Option<Uuid>,
    /// Each demo group and the percentage of people in it.
    shares: Vec<(Uuid, u32)>,
    created_at: i64,
    now: i64,
}

/// One transaction's people.
struct Batch {
    people: Vec<NewMember>,
    signed_in: Vec<NewSession>,
    suspended: usize,
    /// Members added to each group.
    in_groups: HashMap<Uuid, usize>,
}

impl People {
    /// Sends batch after batch until all are made or nobody receives them.
    fn make(&self, batches: &tokio::sync::mpsc::Sender<Batch>) {
        let mut rng = StdRng::seed_from_u64(self.seed);
        for start in (0..self.members).step_by(BATCH) {
            let end = (start + BATCH).min(self.members);
            let batch = self.batch(start..end, &mut rng);
            if batches.blocking_send(batch).is_err() {
                return;
            }
        }
    }

    fn batch(&self, range: std::ops::Range<usize>, rng: &mut StdRng) -> Batch {
        let (org, now, created_at) = (self.org, self.now, self.created_at);
        let mut batch = Batch {
            people: Vec::with_capacity(range.len()),
            signed_in: Vec::new(),
            suspended: 0,
            in_groups: HashMap::new(),
        };
        for i in range {
            let (name, email) = person(i, &self.member_domain);
            let mut in_groups: Vec<Uuid> = self.user.into_iter().collect();
            for (group, share) in &self.shares {
                if rng.random_ratio(*share, 100) {
                    in_groups.push(*group);
                }
            }
            for g in &in_groups {
                *batch.in_groups.entry(*g).or_default() += 1;
            }
            let joined_at = rng.random_range(created_at + DAY..now - DAY);
            let suspended_at = rng
                .random_ratio(SUSPENDED_PERCENT, 100)
                .then(|| rng.random_range(joined_at..now));
            batch.suspended += usize::from(suspended_at.is_some());
            // Nine in ten signed in during the last four months.
            let last_login_at = rng.random_ratio(9, 10).then(|| {
                let until = suspended_at.unwrap_or(now) - MINUTE;
                rng.random_range(joined_at.max(until - 120 * DAY).min(until - MINUTE)..until)
            });
            let id = Uuid::now_v7();
            // One in ten has a sign-in of the last weeks on record.
            if let Some(at) = last_login_at.filter(|at| *at > now - 30 * DAY)
                && rng.random_ratio(1, 10)
            {
                let last_seen_at = (at + rng.random_range(MINUTE..DAY)).min(now);
                batch.signed_in.push(NewSession {
                    account: id,
                    org: Some(org),
                    created_at: at,
                    last_seen_at,
                    expires_at: at + sessions::LIFETIME_MS,
                    revoked_at: suspended_at.map(|s| s.max(at)),
                    ip: Some(format!(
                        "10.{}.{}.{}",
                        i % 250,
                        (i / 250) % 250,
                        1 + i % 200
                    )),
                    location: Some("Private network".into()),
                    device: None,
                    user_agent: None,
                });
            }
            batch.people.push(NewMember {
                id,
                name,
                email,
                groups: in_groups,
                suspended_at,
                joined_at,
                updated_at: suspended_at.unwrap_or(joined_at),
                last_login_at,
            });
        }
        batch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_share_evenly_and_addresses_are_unique() {
        let people: Vec<_> = (0..3200).map(|i| person(i, "x.example")).collect();
        let marias = people
            .iter()
            .filter(|(n, _)| n.starts_with("María "))
            .count();
        assert_eq!(marias, 200);
        let mut emails: Vec<_> = people.iter().map(|(_, e)| e.clone()).collect();
        emails.sort();
        emails.dedup();
        assert_eq!(emails.len(), 3200);
        assert!(people.iter().any(|(n, _)| n == "王伟"));
        assert!(people.iter().any(|(n, _)| n == "佐藤 さくら"));
        assert!(people.iter().any(|(n, _)| n == "Дмитрий Иванов"));
    }
}
