//! The new-organization wizard (issue 4): availability of company names and
//! subdomains, country and VAT ids, the price overview, the sandbox checkout
//! with its signed webhooks, requests for a quote, and later edits.

use std::collections::HashSet;
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use orgdesk_api as api;
use orgdesk_client::{Client, Error, RawResponse};
use reqwest::Method;
use sha2::Sha256;
use tokio::task::JoinSet;
use uuid::Uuid;

use crate::both;
use crate::common::*;

type Org = api::Organization;

const STARTER: &[(&str, &str)] = &[("crm", "crm-starter")];
/// crm-starter (4900) + 19 % German VAT (931).
const STARTER_DE: i64 = 5831;
const PENDING: api::OrgStatus = api::OrgStatus::PendingPayment;
const ACTIVE: api::OrgStatus = api::OrgStatus::Active;

/// The `errors[]` of a 422 `validation_failed` answer, as (field, code).
fn invalid<T: std::fmt::Debug>(result: Result<T, Error>) -> Vec<(String, String)> {
    let err = result.expect_err("expected 422");
    assert_eq!(err.status(), Some(422), "{err:?}");
    assert_eq!(err.code(), Some("validation_failed"), "{err:?}");
    let errors = &err.problem().expect("a problem body").errors;
    errors
        .iter()
        .map(|e| (e.field.clone(), e.code.clone()))
        .collect()
}

/// (status, code) of a failed call.
fn failure<T: std::fmt::Debug>(result: Result<T, Error>) -> (u16, String) {
    let err = result.expect_err("expected an error");
    (
        err.status().unwrap_or(0),
        err.code().unwrap_or("none").into(),
    )
}

fn fail(status: u16, code: &str) -> (u16, String) {
    (status, code.to_string())
}

fn pair(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_string(), code.to_string())]
}

/// Asserts a 422 naming exactly `field` with `code`.
fn refuses<T: std::fmt::Debug>(result: Result<T, Error>, field: &str, code: &str, case: &str) {
    assert_eq!(invalid(result), pair(field, code), "{case}");
}

fn req(name: &str, sub: &str, country: &str, vat_id: Option<&str>) -> api::CreateOrganization {
    let mut r = org_request(sub, STARTER);
    r.name = name.into();
    r.country = country.into();
    r.vat_id = vat_id.map(Into::into);
    r.billing_email = "billing@wizard.example".into();
    r
}

/// Creates an organization (crm-starter) that waits for its payment.
async fn try_make(
    c: &Client,
    name: &str,
    sub: &str,
    country: &str,
    vat: Option<&str>,
) -> Result<Org, Error> {
    c.create_org(&req(name, sub, country, vat)).await
}

async fn make(c: &Client, name: &str, sub: &str, country: &str, vat: Option<&str>) -> Org {
    let org = try_make(c, name, sub, country, vat).await;
    org.unwrap_or_else(|e| panic!("create {name} ({country}, {vat:?}): {e:?}"))
}

async fn status(c: &Client, key: &str) -> api::OrgStatus {
    c.org(key).await.expect("the organization").status
}

async fn name_check(client: &Client, name: &str) -> api::NameAvailability {
    let q = api::AvailabilityQuery {
        name: Some(name.into()),
        ..Default::default()
    };
    let answer = client.availability(&q).await.expect("availability");
    assert!(answer.subdomain.is_none(), "only the name was asked about");
    answer.name.expect("the name is answered")
}

async fn sub_check(
    client: &Client,
    sub: &str,
    country: Option<&str>,
) -> api::SubdomainAvailability {
    let q = api::AvailabilityQuery {
        subdomain: Some(sub.into()),
        country: country.map(Into::into),
        ..Default::default()
    };
    let answer = client.availability(&q).await.expect("availability");
    assert!(answer.name.is_none(), "only the subdomain was asked about");
    answer.subdomain.expect("the subdomain is answered")
}

/// A DNS label the platform accepts, checked independently of the server's code.
fn valid_label(s: &str) -> bool {
    (3..=63).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.get(2..4) != Some("--")
}

/// At most three distinct suggestions, each a valid label the server calls available.
async fn suggestions_usable(client: &Client, asked: &str, answer: &api::SubdomainAvailability) {
    let list = &answer.suggestions;
    assert!(list.len() <= 3, "{asked}: at most three: {list:?}");
    let distinct: HashSet<&String> = list.iter().collect();
    assert_eq!(distinct.len(), list.len(), "{asked}: no repeats: {list:?}");
    for s in list {
        assert!(
            valid_label(s),
            "{asked}: suggestion {s:?} is a valid subdomain"
        );
        let again = sub_check(client, s, None).await;
        assert!(
            again.available,
            "{asked}: suggestion {s} is available: {again:?}"
        );
    }
}

fn now() -> i64 {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    i64::try_from(secs.as_secs()).unwrap()
}

fn hmac_hex(secret: &str, parts: &[&[u8]]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    for part in parts {
        mac.update(part);
    }
    hex::encode(mac.finalize().into_bytes())
}

/// `t=<t>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, computed from the contract.
fn sign(secret: &str, at: i64, body: &[u8]) -> String {
    format!(
        "t={at},v1={}",
        hmac_hex(secret, &[format!("{at}.").as_bytes(), body])
    )
}

fn event(id: &str, kind: &str, payment: Uuid, amount_cents: i64, currency: &str) -> Vec<u8> {
    let data = serde_json::json!({
        "payment_id": payment, "amount_cents": amount_cents, "currency": currency,
    });
    let event = serde_json::json!({ "id": id, "type": kind, "created": now(), "data": data });
    serde_json::to_vec(&event).unwrap()
}

async fn webhook(ts: &TestServer, signature: Option<&str>, body: &[u8]) -> RawResponse {
    let mut client = ts.client();
    if let Some(signature) = signature {
        client = client.with_header("Orgdesk-Signature", signature).unwrap();
    }
    let path = "/api/v1/payments/webhook";
    let answer = client.raw(Method::POST, path, Some("application/json"), body.to_vec());
    answer.await.expect("the webhook answers")
}

/// Posts `body` signed now with `secret`: an authentic event is acknowledged.
async fn accepted(ts: &TestServer, secret: &str, body: &[u8], what: &str) {
    let answer = webhook(ts, Some(&sign(secret, now(), body)), body).await;
    assert_eq!(answer.status, 200, "{what}: {}", answer.text());
}

async fn refused(ts: &TestServer, signature: Option<&str>, body: &[u8], what: &str) {
    let answer = webhook(ts, signature, body).await;
    assert_eq!(answer.status, 400, "{what}: {}", answer.text());
    let code = answer.problem().map(|p| p.code);
    assert_eq!(code.as_deref(), Some("invalid_signature"), "{what}");
}

/// The sandbox's webhook secret, shared by the instances through the settings table.
async fn webhook_secret(ts: &TestServer) -> String {
    let sql = "SELECT value FROM settings WHERE name = 'sandbox_webhook_secret'";
    let query = sqlx::query_scalar::<_, String>(sql);
    query
        .fetch_one(ts.server.state.db.pool())
        .await
        .expect("the secret")
}

async fn count(ts: &TestServer, sql: &str) -> i64 {
    let query = sqlx::query_scalar::<_, i64>(sql);
    query.fetch_one(ts.server.state.db.pool()).await.expect(sql)
}

async fn org_paid_entries(client: &Client, org: &Org) -> Vec<api::AuditEntry> {
    let q = api::AuditQuery {
        action: Some("org.paid".into()),
        ..Default::default()
    };
    let page = client.audit_log(&org.id.to_string(), &q).await;
    page.expect("audit log").items
}

/// Posts the sandbox form with every field chosen by the test.
async fn post_card(url: &str, card: &str, expiry: &str, cvc: &str, holder: &str) -> (u16, String) {
    let form = [
        ("cardholder", holder),
        ("card_number", card),
        ("expiry", expiry),
        ("cvc", cvc),
    ];
    let response = reqwest::Client::new().post(url).form(&form).send().await;
    let response = response.expect("the checkout page answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn get_page(url: &str) -> reqwest::Response {
    reqwest::get(url).await.expect("the page answers")
}

// ---- Availability ----------------------------------------------------------

both!(names_collide_by_the_rules, |ts| {
    let (owner, owner_profile) = ts.register("acme@wizard.example", "Ada Admin").await;
    let acme = make(&owner, "Acme GmbH", "acme", "DE", None).await;
    let acme = ts.pay(&owner, &acme).await;
    let (client, _) = ts.register("founder@wizard.example", "Fay Founder").await;

    let same = [
        "Acme GmbH",
        "ACME gmbh",
        "Acme Ltd.",
        "acme, inc",
        "Ａｃｍｅ",
        "ＡＣＭＥ ＧｍｂＨ",
        "Acme S.A.",
        "Acme SAS",
        "Acme B.V.",
        "Acme BV",
        "Acme AB",
        "Acme AB (publ)",
        "Acme Oy",
        "Acme S.L.",
        "Acme Lda",
        "Acme GmbH & Co. KG",
        "Acme LLC",
        "Acme A/S",
        "Acme SpA",
        "  acme  ",
        "acme-gmbh",
        // Punctuation is dropped and the words are joined ("Acme Group" is
        // "AcmeGroup"), so the dotted and the spaced spellings are Acme too.
        "A.C.M.E.",
        "Ac me",
    ];
    for name in same {
        let answer = name_check(&client, name).await;
        assert!(!answer.available, "{name:?} collides with Acme GmbH");
        assert_eq!(
            answer.conflict_with.as_deref(),
            Some("Acme GmbH"),
            "{name:?}"
        );
    }
    // NFKC and case folding keep accents: "Acmé" is another company.
    let different = [
        "Acme Two",
        "Acme Labs",
        "Acmé",
        "Acne GmbH",
        "GmbH Acme",
        "Acme Holding",
        "Acme 2",
    ];
    for name in different {
        let answer = name_check(&client, name).await;
        assert!(answer.available, "{name:?} is free: {answer:?}");
        assert_eq!(
            (answer.conflict_with, answer.reason),
            (None, None),
            "{name:?}"
        );
    }
    for blank in ["", "   "] {
        let answer = name_check(&client, blank).await;
        assert!(!answer.available, "{blank:?} is no name");
        assert!(
            answer.reason.is_some_and(|r| !r.is_empty()),
            "{blank:?}: a reason"
        );
    }

    // The JSON names the other company and nothing else: no ids, no owner.
    let mut url = reqwest::Url::parse("http://x/api/v1/orgs/availability").unwrap();
    url.query_pairs_mut()
        .append_pair("name", "ACME ltd")
        .append_pair("subdomain", "acme");
    let path = format!("{}?{}", url.path(), url.query().unwrap());
    let raw = client
        .raw(Method::GET, &path, None, Vec::new())
        .await
        .unwrap();
    assert_eq!(raw.status, 200, "{}", raw.text());
    let text = raw.text();
    let owner_id = owner_profile.id.to_string();
    for secret in [acme.id.to_string(), owner_id, "acme@wizard.example".into()] {
        assert!(
            !text.contains(&secret),
            "availability leaks {secret}: {text}"
        );
    }
    let json: serde_json::Value = serde_json::from_slice(&raw.body).unwrap();
    let name = json["name"].as_object().unwrap();
    let mut keys: Vec<&str> = name.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["available", "conflict_with"], "{json}");
    for key in json["subdomain"].as_object().unwrap().keys() {
        let allowed = ["available", "reason", "suggestions"];
        assert!(allowed.contains(&key.as_str()), "{json}");
    }
    assert_eq!(json["name"]["conflict_with"], "Acme GmbH");

    // Only signed-in people may probe names.
    let q = api::AvailabilityQuery {
        name: Some("Acme".into()),
        ..Default::default()
    };
    let anonymous = ts.client().availability(&q).await;
    assert_eq!(failure(anonymous), fail(401, "unauthenticated"));
});

both!(bad_subdomains_are_refused_with_a_reason, |ts| {
    let (client, _) = ts.register("founder@wizard.example", "Fay Founder").await;
    let reserved = [
        "www", "api", "admin", "app", "mail", "login", "billing", "support", "status", "checkout",
        "webhook", "orgdesk",
    ];
    for sub in reserved {
        let answer = sub_check(&client, sub, Some("DE")).await;
        assert!(!answer.available, "{sub} is reserved");
        let reason = answer.reason.clone().unwrap_or_default();
        assert!(reason.contains("reserved"), "{sub}: {reason:?}");
        suggestions_usable(&client, sub, &answer).await;
    }
    let long = "a".repeat(64);
    let malformed = [
        "ab",
        "-x",
        "x-",
        "-acme",
        "acme-",
        "a_b",
        "UPPER",
        "Acme",
        "ac me",
        "ac.me",
        long.as_str(),
        "ac--me",
        // Punycode, and look-alikes from other alphabets (Cyrillic а, full width).
        "xn--80ak6aa92e",
        "xn--acme",
        "аcme",
        "ａｃｍｅ",
        "acme\u{200b}",
    ];
    for sub in malformed {
        let answer = sub_check(&client, sub, None).await;
        assert!(!answer.available, "{sub:?} cannot be had");
        let reason = answer.reason.as_deref().unwrap_or_default();
        assert!(!reason.is_empty(), "{sub:?} has a reason: {answer:?}");
        suggestions_usable(&client, sub, &answer).await;
    }
    let max = "a".repeat(63);
    for sub in ["acme-two", "123", "a-b-c", max.as_str()] {
        let answer = sub_check(&client, sub, None).await;
        assert!(answer.available, "{sub} is free: {answer:?}");
        assert_eq!(answer.reason, None, "{sub}");
        assert!(answer.suggestions.is_empty(), "{sub}: nothing to suggest");
    }
});

both!(taken_subdomains_get_three_suggestions, |ts| {
    let (owner, _) = ts.register("acme@wizard.example", "Ada Admin").await;
    make(&owner, "Acme GmbH", "acme", "DE", None).await;
    make(&owner, "Acme Deutschland", "acme-de", "DE", None).await;
    make(&owner, "Acme Headquarters", "acme-hq", "DE", None).await;
    let (client, _) = ts.register("founder@wizard.example", "Fay Founder").await;
    let answer = sub_check(&client, "acme", Some("DE")).await;
    assert!(!answer.available);
    let reason = answer.reason.clone().unwrap_or_default();
    assert!(reason.contains("taken"), "{answer:?}");
    // Many alternatives are free, so all three places are used.
    assert_eq!(answer.suggestions.len(), 3, "{answer:?}");
    for taken in ["acme", "acme-de", "acme-hq"] {
        let offered = answer.suggestions.iter().any(|s| s == taken);
        assert!(!offered, "{taken} is taken: {answer:?}");
    }
    suggestions_usable(&client, "acme", &answer).await;

    // A suggestion can really be created, and is not suggested again.
    let first = answer.suggestions[0].clone();
    let org = make(&client, "Fresh Start GmbH", &first, "DE", None).await;
    assert_eq!(org.subdomain, first);
    let again = sub_check(&client, "acme", Some("DE")).await;
    assert!(
        !again.suggestions.contains(&first),
        "{first} is taken: {again:?}"
    );
    assert_eq!(again.suggestions.len(), 3, "{again:?}");
    suggestions_usable(&client, "acme", &again).await;
});

both!(create_org_rechecks_the_rules, |ts| {
    let (owner, _) = ts.register("acme@wizard.example", "Ada Admin").await;
    make(&owner, "Acme GmbH", "acme", "DE", None).await;
    let (client, _) = ts.register("founder@wizard.example", "Fay Founder").await;
    let long = "a".repeat(64);
    let bad = [
        "www",
        "admin",
        "billing",
        "support",
        "xn--80ak6aa92e",
        "аcme",
        "UPPER",
        "ab",
        "a_b",
        "-x",
        long.as_str(),
    ];
    for sub in bad {
        let result = try_make(&client, "Fresh GmbH", sub, "DE", None).await;
        refuses(result, "subdomain", "invalid_subdomain", sub);
    }
    let names = ["ACME ltd", "Ａｃｍｅ", "Acme B.V.", "acme, inc", "A.C.M.E."];
    for name in names.into_iter().chain(["Acme GmbH & Co. KG"]) {
        let result = try_make(&client, name, "fresh", "DE", None).await;
        assert_eq!(failure(result), fail(409, "name_taken"), "{name:?}");
    }
    let result = try_make(&client, "Fresh GmbH", "acme", "DE", None).await;
    assert_eq!(failure(result), fail(409, "subdomain_taken"));
    let mine = client.my_organizations().await.unwrap();
    assert!(mine.is_empty(), "nothing was created: {mine:?}");
    // What the rules call another company goes through.
    let org = make(&client, "Acmé GmbH", "acme-two", "DE", None).await;
    assert_eq!(org.status, PENDING);
});

both!(colliding_names_race_and_one_wins, |ts| {
    let names = [
        "Race GmbH",
        "RACE ltd",
        "race, inc.",
        "Ｒａｃｅ",
        "Race AG",
        "Race B.V.",
        "Race Oy",
        "R.A.C.E.",
    ];
    let mut clients = Vec::new();
    for i in 0..names.len() {
        let email = format!("racer{i}@wizard.example");
        clients.push(ts.register(&email, "Rita Racer").await.0);
    }
    let observer = clients[0].clone();
    let mut set = JoinSet::new();
    for (i, (client, name)) in clients.into_iter().zip(names).enumerate() {
        set.spawn(async move {
            let sub = format!("race-{i}");
            (name, try_make(&client, name, &sub, "DE", None).await)
        });
    }
    let (mut won, mut lost) = (Vec::new(), 0);
    while let Some(joined) = set.join_next().await {
        match joined.unwrap() {
            (_, Ok(org)) => won.push(org),
            (name, Err(e)) => {
                let got = (e.status(), e.code());
                assert_eq!(got, (Some(409), Some("name_taken")), "{name}: {e:?}");
                lost += 1;
            }
        }
    }
    assert_eq!((won.len(), lost), (1, names.len() - 1), "one wins: {won:?}");
    let answer = name_check(&observer, "Race").await;
    assert_eq!(answer.conflict_with.as_deref(), Some(won[0].name.as_str()));
    assert_eq!(count(&ts, "SELECT COUNT(*) FROM orgs").await, 1);
});

// ---- Country and VAT -------------------------------------------------------

both!(country_must_be_iso_alpha2, |ts| {
    let (client, _) = ts.register("founder@wizard.example", "Fay Founder").await;
    for country in ["XX", "de", "DEU", "", "D1", "Germany", "ZZ"] {
        let result = try_make(&client, "Land GmbH", "land", country, None).await;
        refuses(result, "country", "invalid_country", country);
    }
    // A VAT id cannot be judged without a country: only the country is named.
    let result = try_make(&client, "Land GmbH", "land", "DEU", Some("DE136695976")).await;
    assert_eq!(invalid(result), pair("country", "invalid_country"));
    assert!(client.my_organizations().await.unwrap().is_empty());
    for (i, country) in ["DE", "US", "JP", "CH"].into_iter().enumerate() {
        let (name, sub) = (format!("Land {i}"), format!("land-{i}"));
        let org = make(&client, &name, &sub, country, None).await;
        assert_eq!(org.country, country);
    }
});

/// (country, as typed, as stored).
const VALID_VAT: &[(&str, &str, &str)] = &[
    ("DE", "DE136695976", "DE136695976"),
    ("DE", "de 136 695 976", "DE136695976"),
    ("AT", "ATU13585627", "ATU13585627"),
    ("AT", "atu 1358-5627", "ATU13585627"),
    ("BE", "BE 0776.091.951", "BE0776091951"),
    ("DK", "DK13585628", "DK13585628"),
    ("FI", "FI20774740", "FI20774740"),
    ("FR", "FR 40 303 265 045", "FR40303265045"),
    ("IT", "IT00743110157", "IT00743110157"),
    ("NL", "nl004495445b01", "NL004495445B01"),
    ("PL", "PL8567346215", "PL8567346215"),
    ("PT", "PT501964843", "PT501964843"),
    ("SE", "SE556188840401", "SE556188840401"),
    ("ES", "ESA28015865", "ESA28015865"),
    ("ES", "es12345678z", "ES12345678Z"),
    ("IE", "IE6433435F", "IE6433435F"),
    ("IE", "IE8Z49289F", "IE8Z49289F"),
    ("GR", "EL094259216", "EL094259216"),
];

both!(valid_vat_ids_are_stored_normalized, |ts| {
    let (client, _) = ts.register("founder@wizard.example", "Fay Founder").await;
    for (i, (country, typed, stored)) in VALID_VAT.iter().enumerate() {
        let (name, sub) = (format!("Vat Company {i}"), format!("vat-{i}"));
        let org = make(&client, &name, &sub, country, Some(typed)).await;
        assert_eq!(org.vat_id.as_deref(), Some(*stored), "{country} {typed:?}");
        let read = client.org(&org.id.to_string()).await.unwrap();
        assert_eq!(read.vat_id, org.vat_id, "{country} {typed:?} read back");
    }
});

both!(uk_vat_ids_keep_their_prefix, |ts| {
    let (client, _) = ts.register("founder@wizard.example", "Fay Founder").await;
    let org = make(
        &client,
        "Albion Ltd",
        "albion",
        "GB",
        Some("gb 980 7806 84"),
    )
    .await;
    assert_eq!(
        org.vat_id.as_deref(),
        Some("GB980780684"),
        "stored with its prefix"
    );
    let org = ts.pay(&client, &org).await;
    // The stored id passes its own check when anything else is edited.
    let patch = api::UpdateOrganization {
        address: Some("1 High Street, London".into()),
        ..Default::default()
    };
    let edited = client.update_org(&org.id.to_string(), &patch, None).await;
    let edited = edited.expect("editing the address of a GB organization with a VAT id");
    assert_eq!(edited.vat_id.as_deref(), Some("GB980780684"));
});

both!(northern_ireland_vat_ids_fit_gb, |ts| {
    // XI is no ISO 3166-1 country (Northern Ireland is GB), but its businesses
    // hold XI-prefixed VAT ids: a GB organization must be able to enter one.
    let (client, _) = ts.register("founder@wizard.example", "Fay Founder").await;
    let org = make(&client, "Belfast Ltd", "belfast", "GB", Some("XI980780684")).await;
    assert_eq!(org.vat_id.as_deref(), Some("XI980780684"));
});

/// (country, VAT id, the code naming the wrong part).
const INVALID_VAT: &[(&str, &str, &str)] = &[
    ("DE", "FR40303265045", "vat_prefix"),
    ("DE", "136695976", "vat_prefix"),
    ("FR", "DE136695976", "vat_prefix"),
    ("AT", "U13585627", "vat_prefix"),
    ("GR", "GR094259216", "vat_prefix"),
    ("IE", "GB980780684", "vat_prefix"),
    ("GB", "DE136695976", "vat_prefix"),
    ("DE", "DE12345", "vat_format"),
    ("DE", "DE1366959761", "vat_format"),
    ("DE", "DE13669597X", "vat_format"),
    ("AT", "AT13585627", "vat_format"),
    ("BE", "BE2776091951", "vat_format"),
    ("DK", "DK1358562", "vat_format"),
    ("FI", "FI2077474", "vat_format"),
    ("FR", "FR4030326504", "vat_format"),
    ("IT", "IT0074311015", "vat_format"),
    ("NL", "NL004495445X01", "vat_format"),
    ("PL", "PL856734621", "vat_format"),
    ("PT", "PT50196484", "vat_format"),
    ("SE", "SE556188840402", "vat_format"),
    ("ES", "ES1234567", "vat_format"),
    ("IE", "IE64334355", "vat_format"),
    ("GB", "GB98078068", "vat_format"),
    ("DE", "DE136695977", "vat_checksum"),
    ("AT", "ATU13585628", "vat_checksum"),
    ("BE", "BE0776091952", "vat_checksum"),
    ("DK", "DK13585627", "vat_checksum"),
    ("FI", "FI20774741", "vat_checksum"),
    ("FR", "FR41303265045", "vat_checksum"),
    ("IT", "IT00743110158", "vat_checksum"),
    ("NL", "NL004495446B01", "vat_checksum"),
    ("PL", "PL8567346216", "vat_checksum"),
    ("PT", "PT501964844", "vat_checksum"),
    ("SE", "SE556188840501", "vat_checksum"),
    ("ES", "ESA28015866", "vat_checksum"),
    ("ES", "ES12345678A", "vat_checksum"),
    ("IE", "IE6433435G", "vat_checksum"),
    ("GB", "GB980780685", "vat_checksum"),
];

both!(invalid_vat_ids_name_the_wrong_part, |ts| {
    let (client, _) = ts.register("founder@wizard.example", "Fay Founder").await;
    for (country, vat_id, expected) in INVALID_VAT {
        let result = try_make(&client, "Vat GmbH", "vat-gmbh", country, Some(vat_id)).await;
        let err = result.as_ref().err().cloned();
        assert_eq!(
            invalid(result),
            pair("vat_id", expected),
            "{country} {vat_id}"
        );
        let message = err.unwrap().problem().unwrap().errors[0].message.clone();
        if *expected == "vat_prefix" {
            let prefix = if *country == "GR" { "EL" } else { country };
            assert!(message.contains(prefix), "{country} {vat_id}: {message}");
        }
        assert!(!message.is_empty(), "{country} {vat_id}: a message");
    }
    let mine = client.my_organizations().await.unwrap();
    assert!(mine.is_empty(), "nothing was created");
});

// ---- The price overview ----------------------------------------------------

fn item(product: (&str, &str), package: (&str, &str), seats: u32, cents: i64) -> api::LineItem {
    api::LineItem {
        product: product.0.into(),
        product_name: product.1.into(),
        package: package.0.into(),
        package_name: package.1.into(),
        seats,
        unit_price_cents: cents,
        quantity: 1,
        amount_cents: cents,
    }
}

both!(overview_prices_vat_in_integer_cents, |ts| {
    let (client, _) = ts.register("founder@wizard.example", "Fay Founder").await;
    let products = [("crm", "crm-team"), ("helpdesk", "helpdesk-basic")];
    let items = vec![
        item(("crm", "CRM"), ("crm-team", "Team"), 50, 19900),
        item(
            ("helpdesk", "Helpdesk"),
            ("helpdesk-basic", "Basic"),
            5,
            2900,
        ),
    ];
    // (country, VAT id, rate in basis points, VAT, total, reverse charge); net 22800.
    let cases = [
        ("DE", None, 1900, 4332, 27132, false),
        // A German business pays German VAT: the platform is German too.
        ("DE", Some("DE136695976"), 1900, 4332, 27132, false),
        ("FR", Some("FR40303265045"), 0, 0, 22800, true),
        ("FR", None, 2000, 4560, 27360, false),
        // Countries without a rate in the catalogue pay the platform's (DE).
        ("US", None, 1900, 4332, 27132, false),
        ("FI", None, 2550, 5814, 28614, false),
        ("FI", Some("FI20774740"), 0, 0, 22800, true),
        // An invalid-looking id is refused at creation, so no case here.
    ];
    for (i, (country, vat_id, rate, vat, total, reverse)) in cases.into_iter().enumerate() {
        let mut request = req(
            &format!("Price {i}"),
            &format!("price-{i}"),
            country,
            vat_id,
        );
        request.products = products
            .iter()
            .map(|(p, k)| api::ProductChoice {
                product: (*p).into(),
                package: (*k).into(),
            })
            .collect();
        let org = client.create_org(&request).await.unwrap();
        let case = format!("{country} {vat_id:?}");
        assert_eq!(org.status, PENDING, "{case}");
        let o = org.overview.clone().expect("an overview");
        assert_eq!(o.items, items, "{case}");
        assert_eq!((o.currency.as_str(), o.net_cents), ("EUR", 22800), "{case}");
        assert_eq!((o.vat_rate_bp, o.vat_cents), (rate, vat), "{case}");
        assert_eq!(o.total_cents, total, "{case}");
        assert_eq!(o.total_cents, o.net_cents + o.vat_cents, "{case}");
        assert_eq!(o.reverse_charge, reverse, "{case}");
        let note = o.vat_note.clone().unwrap_or_default();
        assert_eq!(note.contains("Reverse charge"), reverse, "{case}: {note:?}");
        let read = client.org(&org.id.to_string()).await.unwrap();
        assert_eq!(
            read.overview,
            Some(o),
            "{case}: GET shows the same overview"
        );
    }

    // Half a cent rounds up once: 4900 × 25.5 % = 1249.5 → 1250; the checkout charges the total.
    let org = make(&client, "Pyoristys Oy", "pyoristys", "FI", None).await;
    let o = org.overview.clone().unwrap();
    assert_eq!(
        (o.net_cents, o.vat_cents, o.total_cents),
        (4900, 1250, 6150)
    );
    let key = org.id.to_string();
    let checkout = client.checkout(&key).await.unwrap();
    let payment = client.payment(&key).await.unwrap();
    assert_eq!(
        (payment.id, payment.amount_cents),
        (checkout.payment_id, 6150)
    );
    assert_eq!(payment.currency, "EUR");
    let page = get_page(&checkout.checkout_url).await.text().await.unwrap();
    assert!(
        page.contains("61.50 EUR"),
        "the checkout shows the total: {page}"
    );
    // Paid organizations show no overview any more.
    assert_eq!(ts.pay(&client, &org).await.overview, None);
});

// ---- Payment ---------------------------------------------------------------

/// Asserts the call answers 409 `org_pending_payment`.
macro_rules! pending {
    ($call:expr) => {
        assert_eq!(
            failure($call.await),
            fail(409, "org_pending_payment"),
            "{}",
            stringify!($call)
        )
    };
}

both!(pending_orgs_pay_through_the_checkout, |ts| {
    let (admin, _) = ts.register("ada@wizard.example", "Ada Admin").await;
    let org = make(&admin, "Payco GmbH", "payco", "DE", None).await;
    assert_eq!(org.status, PENDING);
    let total = org.overview.as_ref().map(|o| o.total_cents);
    assert_eq!(total, Some(STARTER_DE));
    let key = org.id.to_string();

    // Every other route waits for the payment, by id and by subdomain.
    pending!(admin.groups(&key));
    pending!(admin.groups("payco"));
    let group = api::CreateGroup {
        name: "Early".into(),
        description: String::new(),
        permissions: Vec::new(),
    };
    pending!(admin.create_group(&key, &group));
    pending!(admin.members(&key, &api::MemberQuery::default()));
    let invitee = api::Invitee {
        email: "early@wizard.example".into(),
        groups: None,
    };
    let invite = api::InviteRequest {
        invitations: vec![invitee],
    };
    pending!(admin.invite(&key, &invite));
    pending!(admin.invitations(&key, &api::InvitationQuery::default()));
    pending!(admin.org_permissions(&key));
    pending!(admin.my_permissions(&key));
    pending!(admin.permission_matrix(&key));
    pending!(admin.audit_log(&key, &api::AuditQuery::default()));
    let rename = api::UpdateOrganization {
        name: Some("Renamed GmbH".into()),
        ..Default::default()
    };
    pending!(admin.update_org(&key, &rename, None));
    let read = admin.org(&key).await.expect("GET works while pending");
    assert_eq!(read.name, "Payco GmbH", "the PATCH changed nothing");
    let no_payment = failure(admin.payment(&key).await);
    assert_eq!(
        no_payment,
        fail(404, "not_found"),
        "no payment before the checkout"
    );

    // Checkout: the provider's page, a form with the four fields.
    let checkout = admin.checkout(&key).await.unwrap();
    let url = checkout.checkout_url.clone();
    assert!(url.starts_with(&ts.url()), "{url}");
    let payment = admin.payment(&key).await.unwrap();
    assert_eq!(
        (payment.id, payment.amount_cents),
        (checkout.payment_id, STARTER_DE)
    );
    assert_eq!(payment.status, api::PaymentStatus::Open);
    let page = get_page(&url).await;
    assert_eq!(page.status(), 200);
    let header = |name: &str| {
        let value = page.headers().get(name).and_then(|v| v.to_str().ok());
        value.unwrap_or_default().to_string()
    };
    assert!(header("content-type").starts_with("text/html"));
    let csp = header("content-security-policy");
    assert!(csp.contains("default-src 'none'"), "CSP: {csp:?}");
    assert!(csp.contains("frame-ancestors 'none'"), "CSP: {csp:?}");
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<form") && html.contains("method=\"post\""),
        "{html}"
    );
    for field in ["card_number", "expiry", "cvc", "cardholder"] {
        let input = format!("name=\"{field}\"");
        assert!(html.contains(&input), "the form has {field}: {html}");
    }
    assert!(
        html.contains("58.31 EUR"),
        "the page shows the amount: {html}"
    );
    let unknown = get_page(&format!("{}/sandbox/checkout/cs_unknown", ts.url())).await;
    assert_eq!(unknown.status(), 404);

    // A declined card: 402, the reason on the page and on the payment.
    let (code, html) = submit_card(&url, "4000 0000 0000 0002").await;
    assert_eq!(code, 402, "{html}");
    assert!(html.contains("declined"), "{html}");
    let payment = admin.payment(&key).await.unwrap();
    assert_eq!(payment.status, api::PaymentStatus::Declined);
    let reason = payment.decline_reason.clone().unwrap_or_default();
    assert!(reason.contains("declined"), "{payment:?}");
    assert!(html.contains(&reason), "the page gives the reason: {html}");
    assert_eq!(payment.paid_at, None);
    assert_eq!(status(&admin, &key).await, PENDING);
    pending!(admin.groups(&key));

    // Cards that cannot even be tried: 422 with the problem, nothing charged or sent.
    let bad_cards = [
        ("4242424242424241", "12/39", "123", "not valid"),
        ("4242424242424242", "01/20", "123", "expired"),
        ("4242424242424242", "1239", "123", "MM/YY"),
        ("4242424242424242", "13/39", "123", "MM/YY"),
        ("4242424242424242", "12/39", "12", "CVC"),
        ("4242424242424242", "12/39", "12a", "CVC"),
    ];
    for (card, expiry, cvc, words) in bad_cards {
        let (code, html) = post_card(&url, card, expiry, cvc, "Ada Admin").await;
        assert_eq!(code, 422, "{card} {expiry} {cvc}: {html}");
        assert!(
            html.contains(words),
            "{card} {expiry} {cvc}: {words:?}: {html}"
        );
    }
    let (code, html) = post_card(&url, "4242424242424242", "12/39", "123", " ").await;
    assert_eq!(code, 422, "no cardholder: {html}");
    let charged = "SELECT COUNT(*) FROM sandbox_checkouts WHERE charged_at IS NOT NULL";
    assert_eq!(count(&ts, charged).await, 0, "nothing charged");
    let events = "SELECT COUNT(*) FROM webhook_events";
    assert_eq!(count(&ts, events).await, 1, "only the decline was sent");
    let payment = admin.payment(&key).await.unwrap();
    assert_eq!(payment.status, api::PaymentStatus::Declined);
    assert_eq!(status(&admin, &key).await, PENDING);

    // The same checkout again, with the paying card.
    let again = admin.checkout(&key).await.unwrap();
    assert_eq!(again, checkout, "a declined checkout is simply tried again");
    let (code, html) = submit_card(&url, "4242 4242 4242 4242").await;
    assert_eq!(code, 200, "{html}");
    assert!(html.contains("58.31 EUR"), "{html}");
    let paid = admin.org(&key).await.unwrap();
    assert_eq!((paid.status, paid.overview.clone()), (ACTIVE, None));
    let payment = admin.payment(&key).await.unwrap();
    assert_eq!(
        (payment.id, payment.status),
        (checkout.payment_id, api::PaymentStatus::Paid)
    );
    assert_eq!(payment.decline_reason, None);
    assert!(payment.paid_at.is_some());
    let entries = org_paid_entries(&admin, &org).await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].target_id.as_deref(), Some(key.as_str()));
    assert_eq!(entries[0].detail["amount_cents"], STARTER_DE);
    admin.groups(&key).await.expect("the organization is open");

    // Paying twice: the provider says so, charges nothing and sends nothing.
    let (code, html) = submit_card(&url, "4242 4242 4242 4242").await;
    assert_eq!(code, 200, "{html}");
    assert!(html.contains("Already paid"), "{html}");
    let page = get_page(&url).await.text().await.unwrap();
    assert!(page.contains("Already paid"), "{page}");
    assert!(
        !page.contains("name=\"card_number\""),
        "no form any more: {page}"
    );
    assert_eq!(count(&ts, charged).await, 1, "charged once");
    let paid_events = "SELECT COUNT(*) FROM webhook_events WHERE kind = 'checkout.paid'";
    assert_eq!(
        count(&ts, paid_events).await,
        1,
        "the paid event was sent once"
    );
    assert_eq!(org_paid_entries(&admin, &org).await.len(), 1);
    assert_eq!(admin.payment(&key).await.unwrap(), payment, "unchanged");
    assert_eq!(
        failure(admin.checkout(&key).await),
        fail(409, "already_paid")
    );
    // The invitation refused while pending never happened.
    let invitations = admin
        .invitations(&key, &api::InvitationQuery::default())
        .await;
    assert_eq!(invitations.unwrap().total, 0);
    assert!(
        !ts.mails()
            .iter()
            .any(|m| m.contains("early@wizard.example"))
    );

    // Billing needs org.billing.manage. The permission is checked before the
    // organization's state, so a plain member of a paid organization learns
    // nothing about its payments: 403 forbidden rather than 409 already_paid.
    let (clerk, _) = ts
        .member(&admin, &paid, "clerk@wizard.example", "Carl Clerk")
        .await;
    assert_eq!(failure(clerk.checkout(&key).await), fail(403, "forbidden"));
    assert_eq!(failure(clerk.payment(&key).await), fail(403, "forbidden"));
    let (outsider, _) = ts
        .register("outsider@wizard.example", "Otto Outsider")
        .await;
    assert_eq!(
        failure(outsider.checkout(&key).await),
        fail(404, "not_found")
    );
    assert_eq!(failure(ts.client().checkout(&key).await).0, 401);
});

both!(webhooks_are_signed_fresh_and_exact, |ts| {
    let (admin, _) = ts.register("ada@wizard.example", "Ada Admin").await;
    let org = make(&admin, "Hook GmbH", "hook", "DE", None).await;
    let key = org.id.to_string();
    let payment = admin.checkout(&key).await.unwrap().payment_id;
    let secret = webhook_secret(&ts).await;
    assert!(secret.len() >= 16, "a real secret");
    let still_pending = || async {
        assert_eq!(status(&admin, &key).await, PENDING);
        let payment = admin.payment(&key).await.unwrap();
        assert_eq!(payment.status, api::PaymentStatus::Open);
    };
    let paid = event("evt_wizard_1", "checkout.paid", payment, STARTER_DE, "EUR");

    // Forged, stale, from the future, tampered, unsigned or garbled: all refused.
    let forged = sign("whsec_guessed", now(), &paid);
    refused(&ts, Some(&forged), &paid, "wrong secret").await;
    let stale = sign(&secret, now() - 360, &paid);
    refused(&ts, Some(&stale), &paid, "6 minutes old").await;
    let ahead = sign(&secret, now() + 360, &paid);
    refused(&ts, Some(&ahead), &paid, "6 minutes ahead").await;
    let tampered = event("evt_wizard_1", "checkout.paid", payment, 1, "EUR");
    let original = sign(&secret, now(), &paid);
    refused(&ts, Some(&original), &tampered, "tampered body").await;
    refused(&ts, None, &paid, "no signature").await;
    let at = now();
    let v1 = hmac_hex(&secret, &[format!("{at}.").as_bytes(), &paid]);
    refused(&ts, Some(&format!("v1={v1}")), &paid, "no timestamp").await;
    refused(&ts, Some(&format!("t={at}")), &paid, "no v1").await;
    let moved = format!("t={},v1={v1}", at + 1);
    refused(&ts, Some(&moved), &paid, "another timestamp").await;
    refused(&ts, Some("garbage"), &paid, "garbage").await;
    let body_only = format!("t={at},v1={}", hmac_hex(&secret, &[&paid]));
    refused(&ts, Some(&body_only), &paid, "signed without the timestamp").await;
    let events = "SELECT COUNT(*) FROM webhook_events";
    assert_eq!(
        count(&ts, events).await,
        0,
        "refused events are not remembered"
    );
    still_pending().await;

    // Authentic events that must not pay: wrong amount or currency, unknown payment.
    let wrong = [
        ("evt_low", payment, STARTER_DE - 1, "EUR"),
        ("evt_high", payment, STARTER_DE * 10, "EUR"),
        ("evt_usd", payment, STARTER_DE, "USD"),
        ("evt_stranger", Uuid::new_v4(), STARTER_DE, "EUR"),
    ];
    for (id, payment_id, amount, currency) in wrong {
        let body = event(id, "checkout.paid", payment_id, amount, currency);
        accepted(&ts, &secret, &body, id).await;
        still_pending().await;
    }

    // The real event (its id was not burnt by the forgeries) pays.
    accepted(&ts, &secret, &paid, "the paid event").await;
    assert_eq!(status(&admin, &key).await, ACTIVE);
    let payment_after = admin.payment(&key).await.unwrap();
    assert_eq!(payment_after.status, api::PaymentStatus::Paid);

    // Replayed later, re-signed: a no-op. Another paid event, or a decline, changes nothing.
    accepted(&ts, &secret, &paid, "a replay").await;
    let again = event("evt_wizard_2", "checkout.paid", payment, STARTER_DE, "EUR");
    accepted(&ts, &secret, &again, "another paid event").await;
    let kind = "checkout.declined";
    let declined = event("evt_wizard_3", kind, payment, STARTER_DE, "EUR");
    accepted(&ts, &secret, &declined, "a late decline").await;
    let payment_now = admin.payment(&key).await.unwrap();
    assert_eq!(payment_now, payment_after, "still paid, once");
    assert_eq!(status(&admin, &key).await, ACTIVE);
    let entries = org_paid_entries(&admin, &org).await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].detail["event"], "evt_wizard_1");
    assert_eq!(entries[0].actor, None, "the provider, not a person");
});

// ---- Contact sales ---------------------------------------------------------

/// A change that spoils one field of a quote request.
type Change = fn(&mut api::QuoteRequest);

both!(contact_sales_mails_the_request, |ts| {
    let (client, _) = ts.register("bea@wizard.example", "Bea Buyer").await;
    let request = api::QuoteRequest {
        name: "Bea Buyer".into(),
        email: "bea.buyer@bigcorp.example".into(),
        company: "BigCorp Holdings".into(),
        products: vec!["crm".into(), "helpdesk".into()],
        seats: 750,
        message: "We need single sign-on.".into(),
    };
    let body = serde_json::to_vec(&request).unwrap();
    let path = "/api/v1/sales/quotes";
    let raw = client
        .raw(Method::POST, path, Some("application/json"), body)
        .await;
    let raw = raw.unwrap();
    assert_eq!(raw.status, 201, "{}", raw.text());
    let answer: api::QuoteResponse = serde_json::from_slice(&raw.body).unwrap();
    let next = &answer.next_steps;
    assert!(next.contains("bea.buyer@bigcorp.example"), "{next}");
    let to_sales: Vec<String> = ts
        .mails()
        .into_iter()
        .map(|m| m.replace("=\r\n", "").replace("=\n", ""))
        .filter(|m| m.contains("sales@orgdesk.localhost"))
        .collect();
    assert_eq!(to_sales.len(), 1, "one mail to sales");
    let words = [
        "BigCorp Holdings",
        "750",
        "bea.buyer@bigcorp.example",
        "CRM",
        "Helpdesk",
        "single sign-on",
    ];
    for words in words {
        assert!(
            to_sales[0].contains(words),
            "names {words:?}: {}",
            to_sales[0]
        );
    }
    let fewer = api::QuoteRequest {
        seats: 12,
        ..request.clone()
    };
    let second = client.request_quote(&fewer).await.unwrap();
    assert_ne!(second.id, answer.id);
    let mails_before = ts.mails().len();

    let bad: [(&str, Change); 8] = [
        ("email", |r| r.email = "not-an-email".into()),
        ("email", |r| r.email = String::new()),
        ("products", |r| r.products = vec!["nope".into()]),
        ("products", |r| r.products = Vec::new()),
        ("seats", |r| r.seats = 0),
        ("company", |r| r.company = "  ".into()),
        ("name", |r| r.name = String::new()),
        ("message", |r| r.message = "x".repeat(5001)),
    ];
    for (field, change) in bad {
        let mut r = request.clone();
        change(&mut r);
        let errors = invalid(client.request_quote(&r).await);
        assert!(
            errors.iter().any(|(f, _)| f == field),
            "{field}: {errors:?}"
        );
    }
    let anonymous = ts.client().request_quote(&request).await;
    assert_eq!(failure(anonymous), fail(401, "unauthenticated"));
    assert_eq!(ts.mails().len(), mails_before, "nothing more was mailed");
    assert_eq!(count(&ts, "SELECT COUNT(*) FROM sales_quotes").await, 2);
});

// ---- Editing later ---------------------------------------------------------

fn patch(f: impl FnOnce(&mut api::UpdateOrganization)) -> api::UpdateOrganization {
    let mut p = api::UpdateOrganization::default();
    f(&mut p);
    p
}

both!(patch_org_rechecks_the_rules, |ts| {
    let (acme_admin, _) = ts.register("acme@wizard.example", "Ada Admin").await;
    let acme = make(&acme_admin, "Acme GmbH", "acme", "DE", None).await;
    let acme = ts.pay(&acme_admin, &acme).await;
    let (admin, _) = ts.register("beta@wizard.example", "Bo Beta").await;
    let beta = make(&admin, "Beta GmbH", "beta", "DE", Some("DE136695976")).await;
    let beta = ts.pay(&admin, &beta).await;
    let key = beta.id.to_string();

    for sub in ["www", "billing", "аcme", "xn--80ak6aa92e", "Beta", "ab"] {
        let p = patch(|p| p.subdomain = Some(sub.into()));
        let result = admin.update_org(&key, &p, None).await;
        refuses(result, "subdomain", "invalid_subdomain", sub);
    }
    let p = patch(|p| p.subdomain = Some("acme".into()));
    let result = admin.update_org(&key, &p, None).await;
    assert_eq!(failure(result), fail(409, "subdomain_taken"));
    for name in ["ACME ltd", "Ａｃｍｅ", "Acme B.V.", "A.C.M.E."] {
        let p = patch(|p| p.name = Some(name.into()));
        let result = admin.update_org(&key, &p, None).await;
        assert_eq!(failure(result), fail(409, "name_taken"), "{name:?}");
    }
    // The kept DE VAT id does not fit a new country; nor does another country's id.
    let refusals = [
        (Some("FR"), None, "vat_id", "vat_prefix"),
        (Some("AT"), Some("DE136695976"), "vat_id", "vat_prefix"),
        (None, Some("FR40303265045"), "vat_id", "vat_prefix"),
        (None, Some("DE136695977"), "vat_id", "vat_checksum"),
        (None, Some("DE1366"), "vat_id", "vat_format"),
        (Some("DEU"), None, "country", "invalid_country"),
    ];
    for (country, vat, field, code) in refusals {
        let p = patch(|p| {
            p.country = country.map(Into::into);
            p.vat_id = vat.map(|v| Some(v.into()));
        });
        let result = admin.update_org(&key, &p, None).await;
        refuses(result, field, code, &format!("{country:?} {vat:?}"));
    }
    assert_eq!(admin.org(&key).await.unwrap(), beta, "nothing changed");
    let acme_now = acme_admin.org(&acme.id.to_string()).await.unwrap();
    assert_eq!(acme_now, acme);

    // What the rules allow: its own name in another legal form, a country with its own id.
    let p = patch(|p| p.name = Some("Beta AG".into()));
    let renamed = admin.update_org(&key, &p, None).await.unwrap();
    assert_eq!(renamed.name, "Beta AG");
    let p = patch(|p| {
        p.country = Some("FR".into());
        p.vat_id = Some(Some("fr 40 303 265 045".into()));
    });
    let moved = admin.update_org(&key, &p, None).await.unwrap();
    assert_eq!(moved.country, "FR");
    assert_eq!(moved.vat_id.as_deref(), Some("FR40303265045"));
    // A freed subdomain can be taken by another organization.
    let p = patch(|p| p.subdomain = Some("beta-two".into()));
    let freed = admin.update_org(&key, &p, None).await.unwrap();
    assert_eq!(freed.subdomain, "beta-two");
    let p = patch(|p| p.subdomain = Some("beta".into()));
    let taken = acme_admin.update_org(&acme.id.to_string(), &p, None).await;
    assert_eq!(taken.unwrap().subdomain, "beta");
});
