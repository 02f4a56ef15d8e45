//! The new-organization wizard, step by step, headless with iced_test: no
//! server, the platform's answers fed in as messages. The end-to-end tests
//! against a real platform are in `wizard_e2e.rs`.

mod support;
mod wizard_common;

use orgdesk::screen::wizard::details::Message as Details;
use orgdesk::screen::wizard::payment::Message as Pay;
use orgdesk::screen::wizard::products::{Message as Products, QuoteMessage as Quote};
use orgdesk::screen::wizard::{Action, Country, Message, Step, Wizard, money};
use orgdesk_api::{
    Availability, Catalog, Checkout, FieldError, LineItem, NameAvailability, OrgStatus,
    Organization, Overview, Package, PredefinedGroup, Problem, Product, ProductChoice,
    QuoteResponse, SubdomainAvailability, Subscription,
};
use orgdesk_client::{ApiError, Client, Error};
use time::OffsetDateTime;
use uuid::Uuid;
use wizard_common::{choose, click, english, english_async, germany, language, shows};

// ---------------------------------------------------------------- fixtures

fn package(id: &str, name: &str, seats: Option<u32>, price_cents: i64) -> Package {
    Package {
        id: id.into(),
        name: name.into(),
        seats,
        price_cents,
        currency: "EUR".into(),
        contact_sales: seats.is_none(),
    }
}

fn catalog() -> Catalog {
    let group = |name: &str| PredefinedGroup {
        name: name.into(),
        description: String::new(),
        permissions: Vec::new(),
    };
    Catalog {
        products: vec![
            Product {
                id: "crm".into(),
                name: "CRM".into(),
                description: "Contacts, companies and the sales pipeline.".into(),
                permissions: Vec::new(),
                groups: vec![group("Sales Team"), group("Sales Managers")],
                packages: vec![
                    package("crm-starter", "Starter", Some(10), 4900),
                    package("crm-team", "Team", Some(50), 19900),
                    package("crm-enterprise", "Enterprise", None, 0),
                ],
            },
            Product {
                id: "helpdesk".into(),
                name: "Helpdesk".into(),
                description: "Tickets, queues and the customer portal.".into(),
                permissions: Vec::new(),
                groups: Vec::new(),
                packages: vec![package("helpdesk-basic", "Basic", Some(5), 2900)],
            },
        ],
    }
}

/// A wizard with the catalogue loaded, talking to no server (its tasks are dropped).
fn offline() -> Wizard {
    let client = Client::new("http://127.0.0.1:9").expect("client");
    let (mut wizard, _load) = Wizard::new(client);
    let _ = wizard.update(Message::CatalogLoaded(Ok(catalog())));
    wizard
}

fn details(w: &mut Wizard, message: Details) -> Action {
    w.update(Message::Details(message))
}

/// Types a name and answers for the platform: free, or taken by `conflict`.
fn name_answered(w: &mut Wizard, name: &str, conflict: Option<&str>) {
    let _ = details(w, Details::NameChanged(name.into()));
    let _ = details(
        w,
        Details::NameChecked {
            name: name.into(),
            result: Ok(Availability {
                name: Some(NameAvailability {
                    available: conflict.is_none(),
                    conflict_with: conflict.map(Into::into),
                    reason: None,
                }),
                subdomain: None,
            }),
        },
    );
}

/// Types a subdomain and answers for the platform: free unless there are suggestions.
fn subdomain_answered(w: &mut Wizard, typed: &str, suggestions: &[&str]) {
    let _ = details(w, Details::SubdomainChanged(typed.into()));
    let _ = details(
        w,
        Details::SubdomainChecked {
            subdomain: typed.trim().to_lowercase(),
            result: Ok(Availability {
                name: None,
                subdomain: Some(SubdomainAvailability {
                    available: suggestions.is_empty(),
                    reason: (!suggestions.is_empty()).then(|| "this subdomain is taken".into()),
                    reason_code: (!suggestions.is_empty())
                        .then_some(orgdesk_api::validate::SubdomainReason::Taken),
                    suggestions: suggestions.iter().map(|s| (*s).into()).collect(),
                }),
            }),
        },
    );
}

/// Name and details filled in, on the products step.
fn on_products() -> Wizard {
    let mut w = offline();
    name_answered(&mut w, "Acme GmbH", None);
    let _ = w.update(Message::Continue);
    subdomain_answered(&mut w, "acme", &[]);
    let _ = details(&mut w, Details::CountrySelected(germany()));
    let _ = details(
        &mut w,
        Details::AddressChanged("Hauptstraße 1, 10115 Berlin".into()),
    );
    let _ = details(
        &mut w,
        Details::BillingEmailChanged("billing@acme.example".into()),
    );
    let _ = w.update(Message::Continue);
    assert_eq!(w.step(), Step::Products);
    w
}

fn overview(net_cents: i64, vat_rate_bp: u32, reverse_charge: bool) -> Overview {
    let vat_cents = (net_cents * i64::from(vat_rate_bp) + 5_000) / 10_000;
    Overview {
        items: vec![LineItem {
            product: "crm".into(),
            product_name: "CRM".into(),
            package: "crm-starter".into(),
            package_name: "Starter".into(),
            seats: 10,
            unit_price_cents: net_cents,
            quantity: 1,
            amount_cents: net_cents,
        }],
        currency: "EUR".into(),
        net_cents,
        vat_rate_bp,
        vat_cents,
        total_cents: net_cents + vat_cents,
        reverse_charge,
        vat_note: reverse_charge.then(|| "Reverse charge".into()),
    }
}

fn pending_org(overview: Overview) -> Organization {
    Organization {
        id: Uuid::from_u128(7),
        name: "Acme GmbH".into(),
        subdomain: "acme".into(),
        country: "DE".into(),
        vat_id: None,
        address: "Hauptstraße 1, 10115 Berlin".into(),
        billing_email: "billing@acme.example".into(),
        status: OrgStatus::PendingPayment,
        products: vec![ProductChoice {
            product: "crm".into(),
            package: "crm-starter".into(),
        }],
        subscription: Subscription {
            package: "CRM Starter".into(),
            seat_limit: 10,
            seats_used: 1,
        },
        overview: Some(overview),
        created_at: OffsetDateTime::UNIX_EPOCH,
        version: 1,
        auto_join_domains: false,
    }
}

fn refusal(status: u16, code: &str, errors: Vec<FieldError>) -> Error {
    Error::Api(Box::new(ApiError {
        status,
        problem: Problem {
            kind: "about:blank".into(),
            title: "refused".into(),
            status,
            detail: Some("refused".into()),
            code: code.into(),
            errors,
            ..Default::default()
        },
        retry_after: None,
    }))
}

fn field(field: &str, code: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

// ------------------------------------------------------- steps, headless

#[test]
fn steps_follow_the_tour_shape() {
    assert_eq!(
        Step::ALL,
        [
            Step::Name,
            Step::Details,
            Step::Products,
            Step::Overview,
            Step::Payment,
            Step::Done
        ]
    );
    assert_eq!(Step::Name.previous(), None);
    assert_eq!(Step::Name.next(), Some(Step::Details));
    assert_eq!(Step::Overview.previous(), Some(Step::Products));
    assert_eq!(Step::Done.next(), None);
}

#[test]
fn the_name_must_be_free_to_continue() {
    let _words = english();
    let mut w = offline();
    assert!(!w.can_continue(), "no name yet");
    assert!(
        click(&w, "Continue").is_empty(),
        "Continue does nothing without a name"
    );

    name_answered(&mut w, "DEMO CORP inc.", Some("Demo Corp"));
    assert!(shows(
        &w,
        "An organization named “Demo Corp” already exists. Choose another name."
    ));
    assert!(!w.can_continue());

    // An answer about a name no longer in the field changes nothing.
    let _ = details(&mut w, Details::NameChanged("Acme GmbH".into()));
    let _ = details(
        &mut w,
        Details::NameChecked {
            name: "DEMO CORP inc.".into(),
            result: Ok(Availability {
                name: Some(NameAvailability {
                    available: true,
                    conflict_with: None,
                    reason: None,
                }),
                subdomain: None,
            }),
        },
    );
    assert!(!w.can_continue(), "still checking Acme GmbH");
    assert!(shows(&w, "Checking…"));

    name_answered(&mut w, "Acme GmbH", None);
    assert!(shows(&w, "This name is available."));
    let messages = click(&w, "Continue");
    assert!(
        matches!(messages.as_slice(), [Message::Continue]),
        "{messages:?}"
    );
    let _ = w.update(Message::Continue);
    assert_eq!(w.step(), Step::Details);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_platform_that_cannot_be_reached_is_said_in_words() {
    let _words = english_async().await;
    let mut w = offline();
    let _ = details(&mut w, Details::NameChanged("Acme".into()));
    let unreachable = Client::new("http://127.0.0.1:9").expect("client");
    let error = unreachable
        .catalog()
        .await
        .expect_err("nothing listens there");
    let words = orgdesk::screen::describe(&error);
    assert!(
        words.starts_with("The platform cannot be reached"),
        "{words}"
    );
    let _ = details(
        &mut w,
        Details::NameChecked {
            name: "Acme".into(),
            result: Err(error),
        },
    );
    assert!(!w.can_continue());
    assert!(shows(&w, &words), "the error is shown in words");
}

#[test]
fn details_check_the_subdomain_and_offer_the_platforms_suggestions() {
    let _words = english();
    let mut w = offline();
    name_answered(&mut w, "Demo Corp Two", None);
    let _ = w.update(Message::Continue);

    subdomain_answered(&mut w, " Demo-Corp", &["demo-corp-de", "demo-corp-hq"]);
    assert!(shows(&w, "demo-corp"), "typed in lower case");
    assert!(shows(&w, "“demo-corp” is taken or reserved."));
    let messages = click(&w, "demo-corp-hq");
    assert!(
        matches!(messages.as_slice(), [Message::Details(Details::SuggestionChosen(s))] if s == "demo-corp-hq"),
        "{messages:?}"
    );
    let checking = w.update(messages.into_iter().next().expect("one"));
    assert!(
        matches!(checking, Action::Run(_)),
        "a suggestion is checked at once"
    );
    subdomain_answered(&mut w, "demo-corp-hq", &[]);
    assert!(shows(&w, "“demo-corp-hq” is available."));

    subdomain_answered(&mut w, "ab", &["ab-org-hq"]);
    assert!(shows(&w, "Use 3 to 63 characters."), "the rule, in words");
    subdomain_answered(&mut w, "acme", &[]);

    assert!(
        !w.can_continue(),
        "country, address and billing email missing"
    );
    let _ = details(&mut w, Details::CountrySelected(germany()));
    let _ = details(&mut w, Details::AddressChanged("Hauptstraße 1".into()));
    let _ = details(&mut w, Details::BillingEmailChanged("billing@acme".into()));
    assert!(shows(&w, "This is not a valid email address."));
    assert!(!w.can_continue());
    let _ = details(
        &mut w,
        Details::BillingEmailChanged("billing@acme.example".into()),
    );
    assert!(!shows(&w, "This is not a valid email address."));
    assert!(w.can_continue());
}

#[test]
fn the_country_list_is_searchable_and_complete() {
    let germany = germany();
    assert_eq!(germany.to_string(), "Germany (DE)");
    assert_eq!(
        Country::of("gb").map(|c| c.code),
        Some("GB"),
        "codes in any case"
    );
    assert!(Country::of("XX").is_none());
    assert_eq!(
        Country::of("NL").map(|c| c.name),
        Some("Netherlands"),
        "no leading article"
    );
}

#[test]
fn going_back_keeps_every_entry() {
    let _words = english();
    let mut w = on_products();
    choose(&mut w, "crm", "crm-team");
    assert!(w.can_continue());
    let _ = w.update(Message::Back);
    let _ = w.update(Message::Back);
    assert_eq!(w.step(), Step::Name);
    assert!(shows(&w, "Acme GmbH"), "the name is still typed in");
    assert!(shows(&w, "This name is available."), "and still checked");
    assert!(w.can_continue());
    let _ = w.update(Message::Continue);
    assert_eq!(w.step(), Step::Details);
    assert!(shows(&w, "acme"));
    assert!(shows(&w, "Hauptstraße 1, 10115 Berlin"));
    assert!(shows(&w, "billing@acme.example"));
    assert!(w.can_continue(), "nothing needs checking again");
    let _ = w.update(Message::Continue);
    assert!(w.can_continue(), "the package is still chosen");
}

#[test]
fn products_show_packages_with_seats_and_prices() {
    let _words = english();
    let mut w = on_products();
    assert!(!w.can_continue(), "no product chosen");
    for words in [
        "CRM",
        "Helpdesk",
        "Brings the groups Sales Team, Sales Managers",
        "10 seats",
        "€49.00 a month",
        "€199.00 a month",
        "Contact sales",
    ] {
        assert!(shows(&w, words), "{words}");
    }
    let messages = click(&w, "Starter");
    assert!(
        matches!(messages.as_slice(), [Message::Products(Products::PackageChosen { product, package })]
            if product == "crm" && package == "crm-starter"),
        "{messages:?}"
    );
    choose(&mut w, "helpdesk", "helpdesk-basic");
    choose(&mut w, "crm", "crm-starter");
    assert!(w.can_continue());
    let messages = click(&w, "Enterprise");
    assert!(
        matches!(messages.as_slice(), [Message::Products(Products::ContactSales(Some(p)))] if p == "crm"),
        "a contact-sales package opens the quote form: {messages:?}"
    );
    let _ = w.update(Message::Products(Products::ProductRemoved("crm".into())));
    let _ = w.update(Message::Products(Products::ProductRemoved(
        "helpdesk".into(),
    )));
    assert!(!w.can_continue(), "nothing left");
}

#[test]
fn creating_asks_first_and_refusals_land_on_their_fields() {
    let _words = english();
    let mut w = on_products();
    choose(&mut w, "crm", "crm-starter");
    let _ = w.update(Message::Continue);
    assert!(shows(&w, "Create this organization?"));
    assert!(w.escape(), "Esc closes the confirmation");
    assert!(!shows(&w, "Create this organization?"));
    let _ = w.update(Message::Continue);
    let messages = click(&w, "Create organization");
    assert!(matches!(messages.as_slice(), [Message::CreateConfirmed]));
    assert!(matches!(w.update(Message::CreateConfirmed), Action::Run(_)));
    assert!(
        !w.can_continue(),
        "no second creation while one is under way"
    );

    let _ = w.update(Message::Created(Err(refusal(
        422,
        "validation_failed",
        vec![
            field(
                "vat_id",
                "vat_checksum",
                "the check digits do not match: look for a typo",
            ),
            field(
                "billing_email",
                "invalid_email",
                "this is not an email address",
            ),
        ],
    ))));
    assert_eq!(w.step(), Step::Details, "back where the fields are");
    assert!(shows(
        &w,
        "The check digits of this VAT id do not match. Look for a typo."
    ));
    assert!(shows(&w, "This is not a valid email address."));
    let _ = details(&mut w, Details::VatChanged("DE136695976".into()));
    assert!(
        !shows(
            &w,
            "The check digits of this VAT id do not match. Look for a typo."
        ),
        "editing the field clears its refusal"
    );

    let _ = w.update(Message::Continue);
    let _ = w.update(Message::Continue);
    let _ = w.update(Message::CreateConfirmed);
    let _ = w.update(Message::Created(Err(refusal(
        409,
        "name_taken",
        Vec::new(),
    ))));
    assert_eq!(w.step(), Step::Name);
    assert!(shows(
        &w,
        "Someone has just created an organization with this name. Choose another name."
    ));
    assert!(!w.can_continue());
}

#[test]
fn the_overview_shows_the_platforms_prices() {
    let _words = english();
    let mut w = on_products();
    choose(&mut w, "crm", "crm-starter");
    let _ = w.update(Message::CreateConfirmed);
    let _ = w.update(Message::Created(Ok(Box::new(pending_org(overview(
        4900, 1900, false,
    ))))));
    assert_eq!(w.step(), Step::Overview);
    for words in [
        "CRM Starter",
        "Net",
        "€49.00",
        "VAT (19 %)",
        "€9.31",
        "Total",
        "€58.31",
        "Invoices go to billing@acme.example",
    ] {
        assert!(shows(&w, words), "{words}");
    }
    assert!(!shows(
        &w,
        "Reverse charge: no VAT is charged; you account for it in your own country."
    ));

    // Back shows what it was created with; nothing can change it here.
    let _ = w.update(Message::Back);
    assert!(shows(
        &w,
        "The organization has been created with these details and waits for its payment. They can be changed in its settings once it is paid."
    ));
    choose(&mut w, "helpdesk", "helpdesk-basic");
    let _ = w.update(Message::Continue);
    assert_eq!(
        w.step(),
        Step::Overview,
        "no second creation: straight to the overview"
    );
    assert!(!shows(&w, "Helpdesk Basic"));
}

#[test]
fn reverse_charge_is_explained() {
    let _words = english();
    let mut w = on_products();
    choose(&mut w, "crm", "crm-starter");
    let _ = w.update(Message::CreateConfirmed);
    let _ = w.update(Message::Created(Ok(Box::new(pending_org(overview(
        4900, 0, true,
    ))))));
    assert!(shows(&w, "VAT (0 %)"));
    assert!(shows(
        &w,
        "Reverse charge: no VAT is charged; you account for it in your own country."
    ));
}

#[test]
fn money_is_written_as_the_language_does() {
    {
        let _words = english();
        assert_eq!(money(123_456, "EUR"), "€1234.56");
        assert_eq!(money(5, "USD"), "$0.05");
    }
    let _words = language("de-DE");
    assert_eq!(money(123_456, "EUR"), "1234,56 €");
}

#[test]
fn payment_waits_and_can_be_stopped_and_tried_again() {
    let _words = english();
    let mut w = on_products();
    choose(&mut w, "crm", "crm-starter");
    let _ = w.update(Message::CreateConfirmed);
    let _ = w.update(Message::Created(Ok(Box::new(pending_org(overview(
        4900, 1900, false,
    ))))));
    assert!(shows(&w, "Go to payment"));
    assert!(matches!(w.update(Message::Continue), Action::Run(_)));
    assert_eq!(w.step(), Step::Payment);
    assert!(shows(&w, "Opening the checkout…"));

    let url = "http://127.0.0.1:9/sandbox/checkout/cs_test";
    let _ = w.update(Message::Payment(Pay::CheckoutOpened(Ok(Checkout {
        checkout_url: url.into(),
        payment_id: Uuid::from_u128(8),
    }))));
    assert!(shows(&w, "Waiting for your payment of €58.31…"));
    assert!(!shows(&w, "Back"), "leaving is by Stop waiting only");
    assert!(!w.can_continue());

    let _ = w.update(Message::Payment(Pay::BrowserOpened(Err(
        "no browser installed".into(),
    ))));
    assert!(shows(
        &w,
        "The browser could not be opened (no browser installed). Open this address yourself:"
    ));
    assert!(shows(&w, url), "the address to open by hand");
    let copy = click(&w, "Copy address");
    assert!(matches!(copy.as_slice(), [Message::CopyLink(u)] if u == url));

    let stop = click(&w, "Stop waiting");
    assert!(matches!(stop.as_slice(), [Message::Payment(Pay::Cancel)]));
    let _ = w.update(Message::Payment(Pay::Cancel));
    assert!(shows(&w, "The payment has not been completed."));
    assert!(shows(&w, "Back"), "now the overview can be seen again");
    let again = click(&w, "Pay now");
    assert!(matches!(again.as_slice(), [Message::Payment(Pay::Retry)]));
    assert!(matches!(
        w.update(Message::Payment(Pay::Retry)),
        Action::Run(_)
    ));
    assert!(shows(&w, "Opening the checkout…"));
}

#[test]
fn the_quote_form_checks_what_it_sends() {
    let _words = english();
    let mut w = on_products();
    let quote = |w: &mut Wizard, m: Quote| w.update(Message::Quote(m));
    let _ = w.update(Message::Products(Products::ContactSales(Some(
        "crm".into(),
    ))));
    assert!(shows(
        &w,
        "Tell us what you need; our sales team answers with a quote."
    ));
    assert!(
        shows(&w, "Acme GmbH"),
        "the company comes from the name step"
    );
    assert!(click(&w, "Send request").is_empty(), "nothing to send yet");

    let _ = quote(&mut w, Quote::NameChanged("Fiona Founder".into()));
    let _ = quote(&mut w, Quote::EmailChanged("fiona@acme.example".into()));
    let _ = quote(&mut w, Quote::SeatsChanged("lots".into()));
    assert!(shows(&w, "Enter a number of seats from 1 to 10,000,000."));
    assert!(click(&w, "Send request").is_empty());
    let _ = quote(&mut w, Quote::SeatsChanged("1200".into()));
    let send = click(&w, "Send request");
    assert!(matches!(send.as_slice(), [Message::Quote(Quote::Submit)]));
    assert!(matches!(quote(&mut w, Quote::Submit), Action::Run(_)));
    assert!(shows(&w, "Sending…"));
    assert!(!w.escape(), "a request under way is not dropped");

    let _ = quote(
        &mut w,
        Quote::Sent(Err(refusal(
            422,
            "validation_failed",
            vec![field("message", "invalid", "use at most 5000 characters")],
        ))),
    );
    assert!(
        shows(&w, "Use at most 5000 characters."),
        "inline, under the field"
    );
    assert!(w.escape(), "Esc closes the form");
    assert!(!w.escape());

    let _ = w.update(Message::Products(Products::ContactSales(None)));
    let _ = quote(&mut w, Quote::NameChanged("Fiona Founder".into()));
    let _ = quote(&mut w, Quote::EmailChanged("fiona@acme.example".into()));
    let _ = quote(&mut w, Quote::ProductToggled("helpdesk".into(), true));
    let _ = quote(&mut w, Quote::SeatsChanged("1200".into()));
    let _ = quote(&mut w, Quote::Submit);
    let _ = quote(
        &mut w,
        Quote::Sent(Ok(QuoteResponse {
            id: Uuid::from_u128(3),
            next_steps: "Our sales team will write within one business day.".into(),
        })),
    );
    assert!(shows(&w, "Your request has reached our sales team."));
    assert!(shows(
        &w,
        "Our sales team will write within one business day."
    ));
    let close = click(&w, "Close");
    assert!(matches!(close.as_slice(), [Message::Close]));
    assert!(matches!(w.update(Message::Close), Action::Closed));
}

#[test]
fn german_words() {
    let _words = language("de-DE");
    let mut w = offline();
    name_answered(&mut w, "Demo Corp", Some("Demo Corp"));
    assert!(shows(
        &w,
        "Eine Organisation namens „Demo Corp“ gibt es bereits. Wählen Sie einen anderen Namen."
    ));
    assert!(shows(&w, "Schritt 1 von 6: Firmenname"));
}
