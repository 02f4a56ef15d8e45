//! Members: keyset paging and sorts, search, filters, one member, their
//! sessions, and what a suspended member can still reach.

use std::collections::{HashMap, HashSet};

use orgdesk_api as api;
use orgdesk_client::Client;
use uuid::Uuid;

use crate::both;
use crate::common::*;

const SEEDED: usize = 300;
/// Seeded people `SALES_FROM..SEEDED` are in "Sales Team" as well as User.
const SALES_FROM: usize = 260;

const FIREFOX: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const CHROME: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/// Someone the test knows to be a member, with what the list should show.
#[derive(Debug, Clone)]
struct Person {
    id: Uuid,
    name: String,
    email: String,
    seed: Option<usize>,
}

struct Seeded {
    admin: Client,
    org: api::Organization,
    people: Vec<Person>,
    user: api::Group,
    sales: api::Group,
}

impl Seeded {
    fn seeded(&self, i: usize) -> &Person {
        self.people
            .iter()
            .find(|p| p.seed == Some(i))
            .expect("seeded")
    }

    fn ids(&self, filter: impl Fn(&Person) -> bool) -> HashSet<Uuid> {
        self.people
            .iter()
            .filter(|p| filter(p))
            .map(|p| p.id)
            .collect()
    }
}

/// An organization with its admin and `SEEDED` generated members.
async fn seeded_org(ts: &TestServer) -> Seeded {
    let (admin, org) = ts
        .org_admin("admin@acme.example", "acme", &[("crm", "crm-business")])
        .await;
    let me = admin.me().await.unwrap();
    let user = group_named(&admin, &org, "User").await;
    let sales = group_named(&admin, &org, "Sales Team").await;
    let db = &ts.server.state.db;
    let mut ids = orgdesk_server::store::seed::members(
        db,
        org.id,
        0,
        SALES_FROM,
        &[user.id],
        "not-a-real-hash",
    )
    .await
    .expect("seed");
    ids.extend(
        orgdesk_server::store::seed::members(
            db,
            org.id,
            SALES_FROM,
            SEEDED - SALES_FROM,
            &[user.id, sales.id],
            "not-a-real-hash",
        )
        .await
        .expect("seed"),
    );
    assert_eq!(ids.len(), SEEDED);
    let mut people = vec![Person {
        id: me.id,
        name: me.name,
        email: me.email,
        seed: None,
    }];
    for (i, id) in ids.into_iter().enumerate() {
        let (name, email) = orgdesk_server::store::seed::person(i);
        people.push(Person {
            id,
            name,
            email,
            seed: Some(i),
        });
    }
    Seeded {
        admin,
        org,
        people,
        user,
        sales,
    }
}

/// Every page of a list, checking each page's shape on the way.
async fn all_pages(client: &Client, org: &str, query: &api::MemberQuery) -> Vec<api::Member> {
    let limit = query.limit.unwrap_or(50) as usize;
    let mut items = Vec::new();
    let mut cursor = None;
    let mut total = None;
    for _ in 0..1000 {
        let page = client
            .members(
                org,
                &api::MemberQuery {
                    cursor: cursor.clone(),
                    ..query.clone()
                },
            )
            .await
            .unwrap_or_else(|e| panic!("{query:?} after {cursor:?}: {e:?}"));
        assert_eq!(
            *total.get_or_insert(page.total),
            page.total,
            "the total holds across pages"
        );
        let more = page.next_cursor.is_some();
        if more {
            assert_eq!(page.items.len(), limit, "a page before the last is full");
        } else {
            assert!(page.items.len() <= limit);
        }
        items.extend(page.items);
        cursor = page.next_cursor;
        if cursor.is_none() {
            assert_eq!(
                items.len() as u64,
                page.total,
                "pages visit exactly `total` members"
            );
            return items;
        }
    }
    panic!("the list never ended: {query:?}");
}

fn ids_of(members: &[api::Member]) -> Vec<Uuid> {
    members.iter().map(|m| m.id).collect()
}

fn no_duplicates(members: &[api::Member]) {
    let unique: HashSet<Uuid> = members.iter().map(|m| m.id).collect();
    assert_eq!(unique.len(), members.len(), "a member appeared twice");
}

fn query() -> api::MemberQuery {
    api::MemberQuery::default()
}

/// Sets a membership suspended directly (suspension routes come later).
async fn suspend_via_sql(ts: &TestServer, org: Uuid, account: Uuid) {
    let now =
        i64::try_from(time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap();
    let done = sqlx::query(
        "UPDATE memberships SET status = 'suspended', suspended_at = $1 WHERE org_id = $2 AND account_id = $3",
    )
    .bind(now)
    .bind(org.to_string())
    .bind(account.to_string())
    .execute(ts.server.state.db.pool())
    .await
    .expect("suspend");
    assert_eq!(done.rows_affected(), 1, "the membership exists");
}

/// The search the contract describes: every word of `q` prefixes a word of
/// the name or email; a query with `@` is one word matched against the address.
fn matches(q: &str, person: &Person) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let q = q.trim().to_lowercase();
    let mut tokens = words(&person.name);
    tokens.extend(words(&person.email));
    tokens.push(person.email.to_lowercase());
    let wanted = if q.contains('@') { vec![q] } else { words(&q) };
    !wanted.is_empty()
        && wanted
            .iter()
            .all(|w| tokens.iter().any(|t| t.starts_with(w.as_str())))
}

both!(list_pages_in_every_order_without_gaps, |ts| {
    let mut s = seeded_org(&ts).await;
    // Lower- and upper-case names sort among the others, not after them.
    for (email, name) in [
        ("bea@lower.example", "bea lowercase"),
        ("zulu@upper.example", "ADA ZULU"),
    ] {
        let (_, profile) = ts.member(&s.admin, &s.org, email, name).await;
        s.people.push(Person {
            id: profile.id,
            name: name.into(),
            email: email.into(),
            seed: None,
        });
    }
    let org = s.org.id.to_string();
    let everyone = s.people.len();
    assert_eq!(everyone, SEEDED + 3);

    let first = s.admin.members(&org, &query()).await.unwrap();
    assert_eq!(first.items.len(), 50, "the default limit");
    assert_eq!(first.total as usize, everyone, "total counts everyone");
    assert!(first.next_cursor.is_some());

    // By name, case-insensitively; ties (none here) by id.
    let mut by_name: Vec<&Person> = s.people.iter().collect();
    by_name.sort_by_key(|p| (p.name.to_lowercase(), p.id));
    let expected: Vec<Uuid> = by_name.iter().map(|p| p.id).collect();
    let listed = all_pages(&s.admin, &org, &query()).await;
    no_duplicates(&listed);
    assert_eq!(
        ids_of(&listed),
        expected,
        "name order over {} pages",
        everyone.div_ceil(50)
    );
    let bea = listed
        .iter()
        .position(|m| m.name == "bea lowercase")
        .unwrap();
    assert!(listed[bea - 1].name.starts_with("Ada ") || listed[bea - 1].name.starts_with("ADA "));
    assert!(
        listed[bea + 1].name.starts_with("Ben "),
        "{}",
        listed[bea + 1].name
    );
    // What each item says matches the person.
    let by_id: HashMap<Uuid, &Person> = s.people.iter().map(|p| (p.id, p)).collect();
    for m in &listed {
        let p = by_id[&m.id];
        assert_eq!(m.name, p.name);
        assert_eq!(m.email, p.email);
        assert_eq!(m.status, api::MembershipStatus::Active);
        assert!(!m.groups.is_empty(), "{} has groups", m.name);
    }
    let desc = all_pages(
        &s.admin,
        &org,
        &api::MemberQuery {
            desc: Some(true),
            limit: Some(7),
            ..query()
        },
    )
    .await;
    let reversed: Vec<Uuid> = expected.iter().rev().copied().collect();
    assert_eq!(ids_of(&desc), reversed, "name order, descending");

    // By email.
    let mut by_email: Vec<&Person> = s.people.iter().collect();
    by_email.sort_by_key(|p| (p.email.to_lowercase(), p.id));
    let expected_email: Vec<Uuid> = by_email.iter().map(|p| p.id).collect();
    for limit in [None, Some(13)] {
        let listed = all_pages(
            &s.admin,
            &org,
            &api::MemberQuery {
                sort: Some(api::MemberSort::Email),
                limit,
                ..query()
            },
        )
        .await;
        no_duplicates(&listed);
        assert_eq!(
            ids_of(&listed),
            expected_email,
            "email order, limit {limit:?}"
        );
    }
    let listed = all_pages(
        &s.admin,
        &org,
        &api::MemberQuery {
            sort: Some(api::MemberSort::Email),
            desc: Some(true),
            ..query()
        },
    )
    .await;
    let reversed: Vec<Uuid> = expected_email.iter().rev().copied().collect();
    assert_eq!(ids_of(&listed), reversed, "email order, descending");

    // By joining time (the seeded share one instant: the id breaks ties).
    let joined = all_pages(
        &s.admin,
        &org,
        &api::MemberQuery {
            sort: Some(api::MemberSort::JoinedAt),
            limit: Some(40),
            ..query()
        },
    )
    .await;
    no_duplicates(&joined);
    let all: HashSet<Uuid> = s.ids(|_| true);
    assert_eq!(ids_of(&joined).into_iter().collect::<HashSet<_>>(), all);
    for pair in joined.windows(2) {
        assert!(
            (pair[0].joined_at, pair[0].id) < (pair[1].joined_at, pair[1].id),
            "joined_at order: {:?} then {:?}",
            (pair[0].joined_at, pair[0].id),
            (pair[1].joined_at, pair[1].id)
        );
    }
    assert_eq!(joined[0].name, "Ada Admin", "the creator joined first");
    let joined_desc = all_pages(
        &s.admin,
        &org,
        &api::MemberQuery {
            sort: Some(api::MemberSort::JoinedAt),
            desc: Some(true),
            ..query()
        },
    )
    .await;
    let reversed: Vec<Uuid> = joined.iter().rev().map(|m| m.id).collect();
    assert_eq!(
        ids_of(&joined_desc),
        reversed,
        "joined_at order, descending"
    );

    // The largest page holds everyone.
    let big = s
        .admin
        .members(
            &org,
            &api::MemberQuery {
                limit: Some(500),
                ..query()
            },
        )
        .await
        .unwrap();
    assert_eq!(big.items.len(), everyone);
    assert_eq!(big.next_cursor, None);

    // Limits out of range, bad cursors.
    for limit in [0, 501] {
        let err = s
            .admin
            .members(
                &org,
                &api::MemberQuery {
                    limit: Some(limit),
                    ..query()
                },
            )
            .await
            .expect_err("limit out of range");
        assert_eq!(err.status(), Some(422), "limit {limit}");
        assert_eq!(err.code(), Some("validation_failed"), "limit {limit}");
    }
    let name_cursor = first.next_cursor.clone().unwrap();
    for (what, bad) in [
        ("garbage", query_with_cursor("not a cursor!", None)),
        ("base64 of nothing useful", query_with_cursor("e30", None)),
        (
            "a name cursor with sort=email",
            query_with_cursor(&name_cursor, Some(api::MemberSort::Email)),
        ),
        (
            "a name cursor with sort=joined_at",
            query_with_cursor(&name_cursor, Some(api::MemberSort::JoinedAt)),
        ),
    ] {
        let err = s.admin.members(&org, &bad).await.expect_err(what);
        assert_eq!(err.status(), Some(400), "{what}");
        assert_eq!(err.code(), Some("bad_request"), "{what}");
    }
    // The name cursor still works where it belongs.
    let second = s
        .admin
        .members(
            &org,
            &query_with_cursor(&name_cursor, Some(api::MemberSort::Name)),
        )
        .await
        .unwrap();
    assert_eq!(ids_of(&second.items), expected[50..100]);
});

fn query_with_cursor(cursor: &str, sort: Option<api::MemberSort>) -> api::MemberQuery {
    api::MemberQuery {
        cursor: Some(cursor.into()),
        sort,
        ..api::MemberQuery::default()
    }
}

/// Everyone matching the query, over all pages.
async fn search(client: &Client, org: &str, q: &str) -> HashSet<Uuid> {
    let found = all_pages(
        client,
        org,
        &api::MemberQuery {
            q: Some(q.into()),
            limit: Some(25),
            ..api::MemberQuery::default()
        },
    )
    .await;
    no_duplicates(&found);
    ids_of(&found).into_iter().collect()
}

both!(search_by_name_and_email_words, |ts| {
    let s = seeded_org(&ts).await;
    let org = s.org.id.to_string();
    let check = |q: &'static str| {
        let expected = s.ids(|p| matches(q, p));
        (q, expected)
    };
    let mut seen_nonempty = 0;
    for q in [
        "ada",
        "ADA",
        "Gra",
        "chlo",
        "CHLOÉ",
        "ada smith",
        "Smith ADA",
        "ada.smith",
        "ada.smith2",
        "Ada.Smith256@Example.com",
        "kemi.okafor",
        "mül",
        "a",
    ] {
        let (q, expected) = check(q);
        let found = search(&s.admin, &org, q).await;
        assert_eq!(found, expected, "q={q:?}");
        if !expected.is_empty() {
            seen_nonempty += 1;
        }
    }
    assert_eq!(seen_nonempty, 13, "every sample query matches someone");
    // Hand-checked expectations, so the model above cannot hide a mistake.
    let ada = s.ids(|p| p.name.starts_with("Ada "));
    assert_eq!(ada.len(), SEEDED.div_ceil(16) + 1, "the Adas and the admin");
    assert_eq!(search(&s.admin, &org, "ada").await, ada);
    assert_eq!(search(&s.admin, &org, "aDa").await, ada, "case-insensitive");
    let both_words: HashSet<Uuid> = [s.seeded(0).id, s.seeded(256).id].into();
    assert_eq!(search(&s.admin, &org, "ada smith").await, both_words);
    assert_eq!(search(&s.admin, &org, "ADA SMITH").await, both_words);
    assert_eq!(
        search(&s.admin, &org, "ada.smith256@example.com").await,
        [s.seeded(256).id].into()
    );
    assert_eq!(
        search(&s.admin, &org, "ada.smith2").await,
        [s.seeded(256).id].into(),
        "an email prefix"
    );
    let grace = search(&s.admin, &org, "gra").await;
    assert_eq!(grace.len(), (6..SEEDED).step_by(16).count());
    assert!(grace.contains(&s.seeded(6).id));
    // The total reflects the matches, on the first page already.
    let page = s
        .admin
        .members(
            &org,
            &api::MemberQuery {
                q: Some("ada".into()),
                limit: Some(5),
                ..query()
            },
        )
        .await
        .unwrap();
    assert_eq!(page.total as usize, ada.len());
    assert_eq!(page.items.len(), 5);
    // Nothing matches: an empty page and total 0.
    for q in ["zzzz", "ada zzzz", "nobody@example.com"] {
        let page = s
            .admin
            .members(
                &org,
                &api::MemberQuery {
                    q: Some(q.into()),
                    ..query()
                },
            )
            .await
            .unwrap();
        assert!(page.items.is_empty(), "{q}");
        assert_eq!(page.total, 0, "{q}");
        assert_eq!(page.next_cursor, None, "{q}");
    }
});

both!(filter_by_status_and_group, |ts| {
    let s = seeded_org(&ts).await;
    let org = s.org.id.to_string();
    let everyone = s.people.len() as u64;
    let active = s
        .admin
        .members(
            &org,
            &api::MemberQuery {
                status: Some(api::MembershipStatus::Active),
                ..query()
            },
        )
        .await
        .unwrap();
    assert_eq!(active.total, everyone, "everyone seeded is active");
    let suspended_query = api::MemberQuery {
        status: Some(api::MembershipStatus::Suspended),
        ..query()
    };
    assert_eq!(
        s.admin.members(&org, &suspended_query).await.unwrap().total,
        0
    );

    let victim = s.seeded(5).clone();
    suspend_via_sql(&ts, s.org.id, victim.id).await;
    let suspended = s.admin.members(&org, &suspended_query).await.unwrap();
    assert_eq!(suspended.total, 1);
    assert_eq!(ids_of(&suspended.items), [victim.id]);
    assert_eq!(suspended.items[0].status, api::MembershipStatus::Suspended);
    assert!(suspended.items[0].suspended_at.is_some());
    let active = all_pages(
        &s.admin,
        &org,
        &api::MemberQuery {
            status: Some(api::MembershipStatus::Active),
            limit: Some(100),
            ..query()
        },
    )
    .await;
    assert_eq!(active.len() as u64, everyone - 1);
    assert!(
        active
            .iter()
            .all(|m| m.status == api::MembershipStatus::Active)
    );
    assert!(!active.iter().any(|m| m.id == victim.id));
    // Without a filter the suspended member is still listed.
    assert_eq!(
        s.admin.members(&org, &query()).await.unwrap().total,
        everyone
    );

    // Exactly one group's members.
    let group_query = |group: Uuid| api::MemberQuery {
        group: Some(group),
        limit: Some(30),
        ..query()
    };
    let sales = all_pages(&s.admin, &org, &group_query(s.sales.id)).await;
    no_duplicates(&sales);
    let expected_sales = s.ids(|p| p.seed.is_some_and(|i| i >= SALES_FROM));
    assert_eq!(
        ids_of(&sales).into_iter().collect::<HashSet<_>>(),
        expected_sales
    );
    assert!(
        sales
            .iter()
            .all(|m| m.groups.iter().any(|g| g.id == s.sales.id))
    );
    let users = all_pages(&s.admin, &org, &group_query(s.user.id)).await;
    assert_eq!(
        ids_of(&users).into_iter().collect::<HashSet<_>>(),
        s.ids(|p| p.seed.is_some()),
        "the admin is in Admin only"
    );
    let admins = group_named(&s.admin, &s.org, "Admin").await;
    let listed = s
        .admin
        .members(&org, &group_query(admins.id))
        .await
        .unwrap();
    assert_eq!(ids_of(&listed.items), [s.people[0].id]);

    // Combined: a search within a group, and a search within a status.
    let combined = s
        .admin
        .members(
            &org,
            &api::MemberQuery {
                q: Some("ada".into()),
                group: Some(s.sales.id),
                ..query()
            },
        )
        .await
        .unwrap();
    let expected: HashSet<Uuid> = [s.seeded(272).id, s.seeded(288).id].into();
    assert_eq!(combined.total, 2);
    assert_eq!(
        ids_of(&combined.items).into_iter().collect::<HashSet<_>>(),
        expected
    );
    let farid = s
        .admin
        .members(
            &org,
            &api::MemberQuery {
                q: Some(victim.name.clone()),
                status: Some(api::MembershipStatus::Active),
                ..query()
            },
        )
        .await
        .unwrap();
    assert_eq!(farid.total, 0, "the only match is suspended");

    // Another organization's group does not exist here.
    let (other_admin, other) = ts
        .org_admin("admin@bravo.example", "bravo", &[("crm", "crm-team")])
        .await;
    let foreign = group_named(&other_admin, &other, "User").await;
    let listed = s.admin.members(&org, &group_query(foreign.id)).await;
    assert_eq!(
        listed
            .map_err(|e| (e.status(), e.code().map(str::to_string)))
            .unwrap_err(),
        (Some(404), Some("not_found".into()))
    );
});

mod access;
mod group_counts;
mod profile;
mod scale;
