//! The demo organization: "Demo Corp" with an admin, the groups of its
//! products, a few thousand members and their history of sign-ins, so that a
//! newcomer's console has something to show on a platform of their own.
//!
//! Seeding is idempotent (a second call answers the existing organization)
//! and atomic (one transaction: the organization exists whole or not at all).

use orgdesk_api::{actions, permissions};
use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, Ipv4Addr};

use anyhow::{Context, bail};
use orgdesk_api as api;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{AnyConnection, Row};
use uuid::Uuid;

use crate::domain::availability;
use crate::domain::catalog::{BuiltinGroup, Catalog, GroupTemplate};
use crate::geo::{self, GeoIp};
use crate::secrets;
use crate::store::seed::{self, NewAuditEntry, NewMember, NewSession};
use crate::store::{
    Db, accounts, domains, groups, is_unique_violation, members, now_ms, orgs, sessions,
};

mod people;
pub mod scale;
use people::*;

pub const ADMIN_EMAIL: &str = "admin@demo.orgdesk.localhost";
pub const ADMIN_NAME: &str = "Dana Demo";
pub const ORG_NAME: &str = "Demo Corp";
pub const SUBDOMAIN: &str = "demo-corp";
/// Where the generated members' addresses are (a reserved name: no mail goes anywhere).
pub const MEMBER_DOMAIN: &str = "demo-corp.example";
pub const DEFAULT_MEMBERS: usize = 3000;

const MINUTE: i64 = 60 * 1000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
/// How old the organization is; members joined over this time.
const ORG_AGE: i64 = 400 * DAY;
/// Sign-ins go back this far.
const SESSION_HISTORY: i64 = 30 * DAY;
/// Where the admin works from (a documentation address).
const ADMIN_IP: &str = "198.51.100.7";

/// What to seed.
pub struct DemoOptions<'a> {
    /// The admin's password; `None` makes up one (answered in [`DemoOrg`]).
    pub admin_password: Option<String>,
    /// Generated members besides the admin.
    pub members: usize,
    /// A password every generated member signs in with; `None`: they cannot sign in.
    pub member_password: Option<String>,
    /// Locates the sessions' public addresses; private ones are "Private network" anyway.
    pub geo: Option<&'a GeoIp>,
    /// Seeds the choices (groups, devices, addresses, times): the same seed,
    /// the same demo. Token hashes are random whatever the seed.
    pub seed: u64,
}

impl Default for DemoOptions<'_> {
    fn default() -> Self {
        Self {
            admin_password: None,
            members: DEFAULT_MEMBERS,
            member_password: None,
            geo: None,
            seed: 2025,
        }
    }
}

/// The demo organization as seeded (or found).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOrg {
    pub org_id: Uuid,
    pub subdomain: String,
    pub admin_email: String,
    /// The admin's password when this call created the account; `None` when
    /// the account existed already (its password is left as it was).
    pub admin_password: Option<String>,
    /// Members of the organization, the admin included.
    pub members: usize,
    /// Whether this call created the organization.
    pub created: bool,
}

/// Seeds the demo organization unless it exists; see the module doc.
pub async fn seed_demo(
    db: &Db,
    catalog: &Catalog,
    opts: DemoOptions<'_>,
) -> anyhow::Result<DemoOrg> {
    {
        let mut conn = db.pool().acquire().await?;
        if let Some(found) = existing(&mut conn).await? {
            return Ok(found);
        }
    }
    let products = choose_products(catalog, opts.members + 1)?;
    let admin_password = match opts.admin_password.clone() {
        Some(p) if p.is_empty() => bail!("the demo admin's password must not be empty"),
        Some(p) => p,
        None => secrets::new_token("demo-").0,
    };
    let admin_hash = secrets::hash_password(admin_password.clone()).await?;
    let member_hash = match &opts.member_password {
        Some(p) => secrets::hash_password(p.clone()).await?,
        // Not a PHC string: every password check fails.
        None => "!demo-member-without-password".to_owned(),
    };

    let mut tx = db.begin().await?;
    // Someone else may have seeded since the check above (SQLite: before we
    // took the writer; PostgreSQL: a unique violation below says so).
    if let Some(found) = existing(&mut tx).await? {
        return Ok(found);
    }
    let result = write(
        &mut tx,
        catalog,
        &products,
        &opts,
        &admin_hash,
        &member_hash,
    )
    .await;
    match result {
        Ok((org_id, admin_created)) => {
            tx.commit().await?;
            Ok(DemoOrg {
                org_id,
                subdomain: SUBDOMAIN.into(),
                admin_email: ADMIN_EMAIL.into(),
                admin_password: admin_created.then_some(admin_password),
                members: opts.members + 1,
                created: true,
            })
        }
        Err(e)
            if e.downcast_ref::<sqlx::Error>()
                .is_some_and(is_unique_violation) =>
        {
            drop(tx);
            let mut conn = db.pool().acquire().await?;
            existing(&mut conn)
                .await?
                .context("seeding the demo organization collided with another organization")
        }
        Err(e) => Err(e),
    }
}

/// The demo organization if it is seeded; an error if its subdomain belongs
/// to an organization the demo admin is not in.
async fn existing(conn: &mut AnyConnection) -> anyhow::Result<Option<DemoOrg>> {
    let Some(org) = orgs::find(conn, SUBDOMAIN).await? else {
        return Ok(None);
    };
    let admin = accounts::by_email(conn, ADMIN_EMAIL).await?;
    let ours = match &admin {
        Some(a) => members::membership(conn, org.id, a.id).await?.is_some(),
        None => false,
    };
    if !ours {
        bail!("the subdomain {SUBDOMAIN} belongs to an organization that is not the demo");
    }
    let count: i64 = sqlx::query("SELECT count(*) FROM memberships WHERE org_id = $1")
        .bind(org.id.to_string())
        .fetch_one(conn)
        .await?
        .try_get(0)?;
    Ok(Some(DemoOrg {
        org_id: org.id,
        subdomain: org.subdomain,
        admin_email: ADMIN_EMAIL.into(),
        admin_password: None,
        members: usize::try_from(count).unwrap_or(0),
        created: false,
    }))
}

/// For each product, its smallest package that seats `seats`; products
/// without one are left out. The seat limit is the smallest chosen package's.
fn choose_products(catalog: &Catalog, seats: usize) -> anyhow::Result<Vec<api::ProductChoice>> {
    let products: Vec<api::ProductChoice> = catalog
        .to_api()
        .products
        .iter()
        .filter_map(|product| {
            product
                .packages
                .iter()
                .filter(|p| !p.contact_sales)
                .filter_map(|p| Some((p.seats?, p)))
                .filter(|(s, _)| usize::try_from(*s).is_ok_and(|s| s >= seats))
                .min_by_key(|(s, _)| *s)
                .map(|(_, p)| api::ProductChoice {
                    product: product.id.clone(),
                    package: p.id.clone(),
                })
        })
        .collect();
    if products.is_empty() {
        bail!("no package of the catalogue seats {seats} people");
    }
    Ok(products)
}

/// The seat limit and its package's name, as the wizard computes them.
fn subscription(catalog: &Catalog, products: &[api::ProductChoice]) -> (i64, String) {
    products
        .iter()
        .filter_map(|choice| {
            let product = catalog.product(&choice.product)?;
            let package = product.packages.iter().find(|p| p.id == choice.package)?;
            Some((
                i64::from(package.seats?),
                format!("{} {}", product.name, package.name),
            ))
        })
        .min_by_key(|(seats, _)| *seats)
        .unwrap_or((0, String::new()))
}

/// The organization's people and history, made up.
struct Plan {
    members: Vec<NewMember>,
    sessions: Vec<NewSession>,
    audit: Vec<NewAuditEntry>,
}

/// The organization as written before its people: what the plan builds on.
struct Frame<'a> {
    org: Uuid,
    admin: Uuid,
    created_at: i64,
    groups: &'a [(Uuid, GroupTemplate)],
    products: &'a [api::ProductChoice],
}

/// A share of the members, in percent, that a group gets.
const GROUP_SHARES: &[(&str, u32)] = &[
    ("Support Agents", 30),
    ("Support Leads", 3),
    ("Sales Team", 20),
    ("Sales Managers", 3),
    ("Analysts", 12),
    ("Managers", 5),
    ("Contractors", 4),
    ("Guest", 2),
];
/// Percent of members suspended.
const SUSPENDED_PERCENT: u32 = 3;
/// Members (by position) who are admins besides the demo admin.
const CO_ADMINS: usize = 2;

fn custom_groups(catalog: &Catalog, products: &[&str]) -> Vec<GroupTemplate> {
    let allowed = catalog.org_permissions(products.iter().copied());
    let keep = |keys: &[&str]| -> Vec<String> {
        keys.iter()
            .filter(|k| catalog.id(k).is_some_and(|id| allowed.contains(id)))
            .map(|k| (*k).to_string())
            .collect()
    };
    vec![
        GroupTemplate {
            name: "Managers".into(),
            description: "Team leads: see their people, sign-ins and the audit log".into(),
            builtin: false,
            product: None,
            permissions: keep(&[
                permissions::MEMBERS_READ,
                permissions::MEMBERS_SESSIONS_READ,
                permissions::GROUPS_READ,
                permissions::AUDIT_READ,
                "crm.reports.read",
                "helpdesk.reports.read",
                "analytics.dashboards.read",
            ]),
        },
        GroupTemplate {
            name: "Contractors".into(),
            description: "External people on a project: read only".into(),
            builtin: false,
            product: None,
            permissions: keep(&[
                "crm.contacts.read",
                "helpdesk.tickets.read",
                "analytics.dashboards.read",
            ]),
        },
    ]
}

/// The groups an organization with these products gets: its initial ones and the custom ones.
fn group_templates(catalog: &Catalog, products: &[api::ProductChoice]) -> Vec<GroupTemplate> {
    let product_ids: Vec<&str> = products.iter().map(|p| p.product.as_str()).collect();
    let mut templates = catalog.initial_groups(&product_ids);
    templates.extend(custom_groups(catalog, &product_ids));
    templates
}

fn plan(frame: &Frame<'_>, opts: &DemoOptions<'_>, now: i64) -> Plan {
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let Frame {
        org,
        admin,
        created_at,
        groups,
        products,
    } = *frame;
    let group_id: HashMap<&str, Uuid> = groups
        .iter()
        .map(|(id, t)| (t.name.as_str(), *id))
        .collect();
    let user = group_id.get("User").copied();
    let admins = group_id.get("Admin").copied();

    let devices = Devices::new();
    let mut locations: HashMap<IpAddr, Option<String>> = HashMap::new();
    let mut members = Vec::with_capacity(opts.members);
    let mut sessions = Vec::with_capacity(opts.members * 5 / 2);
    let mut audit = Vec::new();
    // Who joined which group, batched as an admin would add them: by group and month.
    let mut added: BTreeMap<(Uuid, i64), Vec<Uuid>> = BTreeMap::new();
    for i in 0..opts.members {
        let (name, email) = seed::person_at(i, MEMBER_DOMAIN);
        let id = Uuid::now_v7();
        let mut in_groups: Vec<Uuid> = user.into_iter().collect();
        if i < CO_ADMINS {
            in_groups.extend(admins);
        }
        for (group, share) in GROUP_SHARES {
            if let Some(g) = group_id.get(group)
                && rng.random_ratio(*share, 100)
            {
                in_groups.push(*g);
            }
        }
        let joined_at = if i < CO_ADMINS {
            created_at + HOUR
        } else {
            rng.random_range(created_at + DAY..now - HOUR)
        };
        for g in &in_groups {
            if Some(*g) != user {
                let month = (joined_at - created_at) / (30 * DAY);
                added.entry((*g, month)).or_default().push(id);
            }
        }
        let suspended_at = (i >= CO_ADMINS && rng.random_ratio(SUSPENDED_PERCENT, 100))
            .then(|| rng.random_range(joined_at + HOUR..now));

        // 1 to 4 sign-ins in the last 30 days (before a suspension).
        let until = suspended_at.unwrap_or(now) - MINUTE;
        let from = joined_at.max(until - SESSION_HISTORY).min(until - MINUTE);
        let mut times: Vec<i64> = (0..rng.random_range(1..=4))
            .map(|_| rng.random_range(from..until))
            .collect();
        times.sort_unstable();
        let person = Person::new(&mut rng, i);
        let newest = times.len() - 1;
        for (k, created) in times.iter().copied().enumerate() {
            let (ip, user_agent) = person.sign_in(&mut rng);
            let location = locations
                .entry(ip)
                .or_insert_with(|| geo::location(opts.geo, ip))
                .clone();
            let last_seen_at = (created + rng.random_range(MINUTE..8 * HOUR)).min(until);
            // History: only an active member's newest sign-in is still open.
            let revoked_at = if k == newest && suspended_at.is_none() {
                None
            } else {
                Some(
                    suspended_at
                        .unwrap_or(last_seen_at + rng.random_range(0..10 * MINUTE))
                        .min(now),
                )
            };
            sessions.push(NewSession {
                account: id,
                org: rng.random_ratio(3, 4).then_some(org),
                created_at: created,
                last_seen_at,
                expires_at: created + sessions::LIFETIME_MS,
                revoked_at,
                ip: Some(ip.to_string()),
                location,
                device: devices.describe(user_agent),
                user_agent: Some(user_agent.to_owned()),
            });
        }
        if let Some(at) = suspended_at {
            audit.push(NewAuditEntry {
                org,
                actor: Some(admin),
                action: actions::MEMBER_SUSPEND.into(),
                target_type: "member".into(),
                target_id: Some(id.to_string()),
                ip: Some(ADMIN_IP.into()),
                detail: serde_json::json!({}),
                created_at: at,
            });
        }
        members.push(NewMember {
            id,
            name,
            email,
            groups: in_groups,
            suspended_at,
            joined_at,
            updated_at: suspended_at.unwrap_or(joined_at),
            last_login_at: times.last().copied(),
        });
    }

    audit.push(NewAuditEntry {
        org,
        actor: Some(admin),
        action: actions::ORG_CREATE.into(),
        target_type: "organization".into(),
        target_id: Some(org.to_string()),
        ip: Some(ADMIN_IP.into()),
        detail: serde_json::json!({ "name": ORG_NAME, "subdomain": SUBDOMAIN, "products": products }),
        created_at,
    });
    for (k, (id, template)) in groups.iter().enumerate() {
        let at = created_at + DAY + i64::try_from(k).unwrap_or(0) * MINUTE;
        if template.product.is_none() && !template.builtin {
            audit.push(NewAuditEntry {
                org,
                actor: Some(admin),
                action: actions::GROUP_CREATE.into(),
                target_type: "group".into(),
                target_id: Some(id.to_string()),
                ip: Some(ADMIN_IP.into()),
                detail: serde_json::json!({ "name": template.name, "description": template.description, "permissions": template.permissions }),
                created_at: at,
            });
        }
    }
    for ((group, month), accounts) in &added {
        // At the end of the month they joined in (or just now, for this month).
        let at = (created_at + (month + 1) * 30 * DAY).min(now - MINUTE);
        for part in accounts.chunks(1000) {
            let added: Vec<api::GroupMembership> = part
                .iter()
                .map(|a| api::GroupMembership {
                    group: *group,
                    account: *a,
                })
                .collect();
            audit.push(NewAuditEntry {
                org,
                actor: Some(admin),
                action: actions::GROUP_MEMBERS_CHANGE.into(),
                target_type: "group".into(),
                target_id: Some(group.to_string()),
                ip: Some(ADMIN_IP.into()),
                detail: serde_json::json!({ "added": added, "removed": [] }),
                created_at: at,
            });
        }
    }
    // The admin's own sign-ins: the console on this computer.
    for days_ago in [21, 7, 1] {
        let created = now - days_ago * DAY;
        let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
        sessions.push(NewSession {
            account: admin,
            org: Some(org),
            created_at: created,
            last_seen_at: created + HOUR,
            expires_at: created + sessions::LIFETIME_MS,
            revoked_at: Some(created + HOUR),
            ip: Some(ip.to_string()),
            location: geo::location(opts.geo, ip),
            device: devices.describe(CONSOLE_AGENTS[0]),
            user_agent: Some(CONSOLE_AGENTS[0].to_owned()),
        });
    }
    Plan {
        members,
        sessions,
        audit,
    }
}

/// Writes the organization and its people: answers its id and whether the
/// admin account was created here.
async fn write(
    tx: &mut AnyConnection,
    catalog: &Catalog,
    products: &[api::ProductChoice],
    opts: &DemoOptions<'_>,
    admin_hash: &str,
    member_hash: &str,
) -> anyhow::Result<(Uuid, bool)> {
    let (admin, admin_created) = match accounts::by_email(tx, ADMIN_EMAIL).await? {
        Some(a) => (a, false),
        None => {
            let id = Uuid::now_v7();
            accounts::insert(
                tx,
                &accounts::NewAccount {
                    id,
                    email: ADMIN_EMAIL,
                    name: ADMIN_NAME,
                    password_hash: admin_hash,
                    email_verified: true,
                },
            )
            .await?;
            let created = accounts::by_id(tx, id)
                .await?
                .context("the demo admin vanished")?;
            (created, true)
        }
    };
    let name_key = availability::company_key(ORG_NAME);
    if orgs::taken(tx, &name_key, SUBDOMAIN, None).await?.is_some() {
        bail!("an organization named {ORG_NAME} exists already; the demo needs that name");
    }
    let org = Uuid::now_v7();
    let (seat_limit, package_name) = subscription(catalog, products);
    orgs::insert(
        tx,
        &orgs::NewOrg {
            id: org,
            name: ORG_NAME,
            name_key: &name_key,
            subdomain: SUBDOMAIN,
            country: "DE",
            vat_id: None,
            address: "Musterstraße 1, 10115 Berlin",
            billing_email: "billing@demo-corp.example",
            status: api::OrgStatus::Active,
            seat_limit,
            package_name: &package_name,
            created_by: admin.id,
            products,
        },
    )
    .await?;
    orgs::insert_membership(tx, org, admin.id, &admin.name, &admin.email).await?;
    let mut created_groups = Vec::new();
    for template in group_templates(catalog, products) {
        let id = groups::insert(tx, org, &template).await?;
        if BuiltinGroup::Admin.is(template.builtin, &template.name)
            || BuiltinGroup::User.is(template.builtin, &template.name)
        {
            groups::add_member(tx, org, id, admin.id).await?;
        }
        created_groups.push((id, template));
    }
    let now = now_ms();
    let frame = Frame {
        org,
        admin: admin.id,
        created_at: now - ORG_AGE,
        groups: &created_groups,
        products,
    };
    seed::backdate_org(tx, org, admin.id, frame.created_at).await?;
    let plan = plan(&frame, opts, now);
    seed::insert_members(tx, org, &plan.members, member_hash).await?;
    seed::insert_sessions(tx, &plan.sessions).await?;
    // Their platform-wide sign-ins were used here, their only organization.
    sessions::record_platform_use(tx, org).await?;
    seed::insert_audit(tx, &plan.audit).await?;
    // The demo organization owns its members' domain: it manages their
    // accounts (contact details, every sign-in, forced resets).
    let domain_id = Uuid::now_v7();
    domains::insert(
        tx,
        &domains::NewDomain {
            id: domain_id,
            org,
            domain: MEMBER_DOMAIN,
            secret: &crate::secrets::new_token("").0,
            created_by: admin.id,
        },
    )
    .await?;
    domains::mark_verified(tx, domain_id).await?;
    Ok((org, admin_created))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_seat_everyone() {
        let catalog = Catalog::embedded();
        let small = choose_products(&catalog, 101).unwrap();
        assert!(small.iter().any(|p| p.product == "crm"), "{small:?}");
        assert_eq!(subscription(&catalog, &small).0, 250);
        // Every product has a package seating a large demo, so all of them come along.
        let large = choose_products(&catalog, 3001).unwrap();
        assert!(
            large
                .iter()
                .any(|p| p.product == "crm" && p.package == "crm-scale"),
            "{large:?}"
        );
        assert!(subscription(&catalog, &large).0 >= 3001);
        assert!(choose_products(&catalog, 10_000_000).is_err());
    }

    #[test]
    fn every_agent_reads_as_a_device() {
        let devices = Devices::new();
        for (ua, description) in &devices.described {
            assert!(description.is_some(), "{ua} has no description");
        }
        assert_eq!(
            devices.describe(DESKTOP_AGENTS[2].0).as_deref(),
            Some("Firefox 133 on Windows 10")
        );
    }

    #[test]
    fn a_plan_is_history() {
        let catalog = Catalog::embedded();
        let products = choose_products(&catalog, 301).unwrap();
        let opts = DemoOptions {
            members: 300,
            ..DemoOptions::default()
        };
        let groups: Vec<(Uuid, GroupTemplate)> = group_templates(&catalog, &products)
            .into_iter()
            .map(|t| (Uuid::now_v7(), t))
            .collect();
        let now = now_ms();
        let frame = Frame {
            org: Uuid::now_v7(),
            admin: Uuid::now_v7(),
            created_at: now - ORG_AGE,
            groups: &groups,
            products: &products,
        };
        let plan = plan(&frame, &opts, now);
        assert_eq!(plan.members.len(), 300);
        assert!(plan.members.iter().any(|m| m.suspended_at.is_some()));
        let mut per_member: HashMap<Uuid, Vec<&NewSession>> = HashMap::new();
        for s in &plan.sessions {
            assert!(s.created_at <= s.last_seen_at && s.last_seen_at <= now);
            assert!(s.revoked_at.is_none_or(|r| r >= s.created_at && r <= now));
            per_member.entry(s.account).or_default().push(s);
        }
        for m in &plan.members {
            let mine = &per_member[&m.id];
            assert!((1..=4).contains(&mine.len()));
            let open = mine.iter().filter(|s| s.revoked_at.is_none()).count();
            assert_eq!(open, usize::from(m.suspended_at.is_none()));
            assert!(mine.iter().all(|s| s.created_at >= m.joined_at));
        }
        let ips: std::collections::HashSet<&str> = plan
            .sessions
            .iter()
            .filter_map(|s| s.ip.as_deref())
            .collect();
        assert!(ips.iter().any(|ip| ip.contains(':')), "IPv6 too");
        assert!(
            plan.sessions
                .iter()
                .any(|s| s.location.as_deref() == Some("Private network"))
        );
    }
}
