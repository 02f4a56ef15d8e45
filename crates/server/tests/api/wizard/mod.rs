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
        let allowed = ["available", "reason", "reason_code", "suggestions"];
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

mod payment_and_sales;
