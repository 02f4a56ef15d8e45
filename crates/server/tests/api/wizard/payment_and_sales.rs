#[allow(unused_imports)]
use super::*;

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
        expires_at: None,
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

    // The same checkout again, with the paying card: the same payment under
    // a new link (links are stored only as hashes), the old link dead.
    let again = admin.checkout(&key).await.unwrap();
    assert_eq!(
        again.payment_id, checkout.payment_id,
        "a declined checkout is simply tried again"
    );
    assert_ne!(again.checkout_url, url, "each retry hands out a new link");
    assert_eq!(get_page(&url).await.status(), 404, "the old link is dead");
    let stored = "SELECT COUNT(*) FROM payments WHERE checkout_url LIKE '%cs_%'";
    assert_eq!(count(&ts, stored).await, 0, "no checkout secret is stored");
    let url = again.checkout_url.clone();
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
