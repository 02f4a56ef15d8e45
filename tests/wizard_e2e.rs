//! The new-organization wizard against a real platform: from a name
//! conflict to a paid organization, a declined card and its retry, a name
//! taken meanwhile, paying later, and the way to sales. The test fills in the
//! sandbox's checkout form over HTTP where a person would use the browser.

mod support;
mod wizard_common;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use orgdesk::screen::wizard::details::Message as Details;
use orgdesk::screen::wizard::payment::Message as Pay;
use orgdesk::screen::wizard::products::QuoteMessage as Quote;
use orgdesk::screen::wizard::{Action, Country, Message, Opener, Step, Wizard};
use orgdesk_api::{CreateOrganization, OrgStatus, PaymentStatus, ProductChoice, RegisterRequest};
use orgdesk_client::Client;
use wizard_common::{choose, click, english_async, germany, shows};

// ------------------------------------------------- against a real platform

/// What driving the wizard left over: poll timers that fired (held back, so
/// the test decides when the next poll happens) and actions for the parent.
#[derive(Default)]
struct Outcome {
    polls: Vec<Message>,
    parent: Vec<Action>,
}

/// Feeds `message` and everything its tasks answer back into the wizard, as
/// the console's runtime would, until nothing is left to run. Fired poll
/// timers are held back (a test that feeds one is the timer firing).
async fn drive(w: &mut Wizard, message: Message) -> Outcome {
    let mut outcome = Outcome::default();
    let mut queue = VecDeque::from([message]);
    let mut first = true;
    while let Some(message) = queue.pop_front() {
        if !std::mem::take(&mut first) && matches!(message, Message::Payment(Pay::PollDue(_))) {
            outcome.polls.push(message);
            continue;
        }
        match w.update(message) {
            Action::None => {}
            Action::Run(task) => queue.extend(support::run(task).await),
            other => outcome.parent.push(other),
        }
    }
    outcome
}

/// Clicks `label` in the view and drives what the click said.
async fn press(w: &mut Wizard, label: &str) -> Outcome {
    let mut outcome = Outcome::default();
    for message in click(w, label) {
        let more = drive(w, message).await;
        outcome.polls.extend(more.polls);
        outcome.parent.extend(more.parent);
    }
    outcome
}

/// Checkout addresses the wizard opened, in order.
type Opened = Arc<Mutex<Vec<String>>>;

fn recorder() -> (Opened, Opener) {
    let opened: Opened = Arc::default();
    let log = opened.clone();
    let opener: Opener = Arc::new(move |url: &str| {
        log.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(url.to_string());
        Ok(())
    });
    (opened, opener)
}

fn last_opened(opened: &Opened) -> String {
    opened
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .last()
        .cloned()
        .expect("a checkout was opened")
}

/// A person who has just registered on the platform.
async fn newcomer(p: &support::Platform, email: &str) -> Client {
    let anonymous = p.anonymous();
    let auth = anonymous
        .register(&RegisterRequest {
            email: email.into(),
            password: support::PASSWORD.into(),
            name: "Fiona Founder".into(),
        })
        .await
        .expect("registered");
    anonymous.with_token(auth.token)
}

/// The wizard for `client`, with the catalogue and profile loaded.
async fn open_wizard(client: &Client) -> (Wizard, Opened) {
    let (opened, opener) = recorder();
    let (wizard, load) = Wizard::new(client.clone());
    let mut wizard = wizard.with_opener(opener);
    for message in support::run(load).await {
        let _ = drive(&mut wizard, message).await;
    }
    (wizard, opened)
}

/// Posts the sandbox checkout form as the person's browser would.
async fn submit_card(checkout_url: &str, card: &str) -> (u16, String) {
    let form = [
        ("cardholder", "Fiona Founder"),
        ("card_number", card),
        ("expiry", "12/39"),
        ("cvc", "123"),
    ];
    let response = reqwest::Client::new()
        .post(checkout_url)
        .form(&form)
        .send()
        .await
        .expect("the checkout page answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// Name, details (Germany, no VAT id) and CRM Starter, up to the overview.
async fn to_overview(w: &mut Wizard, name: &str, subdomain: &str) {
    let _ = drive(w, Message::Details(Details::NameChanged(name.into()))).await;
    assert!(w.can_continue(), "{name} is free");
    let _ = drive(w, Message::Continue).await;
    let _ = drive(
        w,
        Message::Details(Details::SubdomainChanged(subdomain.into())),
    )
    .await;
    let _ = drive(w, Message::Details(Details::CountrySelected(germany()))).await;
    let _ = drive(
        w,
        Message::Details(Details::AddressChanged(
            "Hauptstraße 1, 10115 Berlin".into(),
        )),
    )
    .await;
    assert!(w.can_continue(), "details complete");
    let _ = drive(w, Message::Continue).await;
    choose(w, "crm", "crm-starter");
    let _ = drive(w, Message::Continue).await;
    let _ = drive(w, Message::CreateConfirmed).await;
    assert_eq!(w.step(), Step::Overview);
}

#[tokio::test(flavor = "multi_thread")]
async fn from_a_name_conflict_to_a_paid_organization() {
    let _words = english_async().await;
    let p = support::Platform::start(0).await;
    let founder = newcomer(&p, "fiona@rockets.example").await;
    let (mut w, opened) = open_wizard(&founder).await;

    // The demo organization has the name: any spelling of it is refused.
    let _ = drive(
        &mut w,
        Message::Details(Details::NameChanged("DEMO CORP Inc.".into())),
    )
    .await;
    assert!(shows(
        &w,
        "An organization named “Demo Corp” already exists. Choose another name."
    ));
    assert!(!w.can_continue());
    let _ = drive(
        &mut w,
        Message::Details(Details::NameChanged("Acme Rockets GmbH".into())),
    )
    .await;
    assert!(shows(&w, "This name is available."));
    let _ = press(&mut w, "Continue").await;
    assert_eq!(w.step(), Step::Details);
    assert!(
        shows(&w, "“acme-rockets-gmbh” is available."),
        "a subdomain is proposed from the name and checked"
    );
    assert!(
        shows(&w, "fiona@rockets.example"),
        "the billing email starts as the account's"
    );

    // The demo's subdomain is taken; the platform suggests free ones.
    let _ = drive(
        &mut w,
        Message::Details(Details::SubdomainChanged("demo-corp".into())),
    )
    .await;
    assert!(shows(&w, "“demo-corp” is taken or reserved."));
    let _ = press(&mut w, "demo-corp-hq").await;
    assert!(shows(&w, "“demo-corp-hq” is available."));

    let austria = Country::of("AT").expect("Austria");
    let _ = drive(&mut w, Message::Details(Details::CountrySelected(austria))).await;
    let _ = drive(
        &mut w,
        Message::Details(Details::VatChanged("ATU13585628".into())),
    )
    .await;
    let _ = drive(
        &mut w,
        Message::Details(Details::AddressChanged("Ringstraße 1, 1010 Wien".into())),
    )
    .await;
    // The check digits are checked as typed, with the platform's own rules:
    // a VAT id that cannot be right holds the step.
    assert!(shows(
        &w,
        "The check digits of this VAT id do not match. Look for a typo."
    ));
    let _ = press(&mut w, "Continue").await;
    assert_eq!(w.step(), Step::Details);
    assert!(
        founder.my_organizations().await.expect("list").is_empty(),
        "nothing was created"
    );
    let _ = drive(
        &mut w,
        Message::Details(Details::VatChanged("ATU13585627".into())),
    )
    .await;
    assert!(!shows(
        &w,
        "The check digits of this VAT id do not match. Look for a typo."
    ));
    let _ = press(&mut w, "Continue").await;
    assert_eq!(w.step(), Step::Products);
    assert!(shows(&w, "€49.00 a month"), "the platform's catalogue");
    let _ = press(&mut w, "Starter").await;
    let _ = press(&mut w, "Continue").await;
    let _ = press(&mut w, "Create organization").await;
    assert_eq!(w.step(), Step::Overview);

    // An Austrian business with a valid VAT id pays no German VAT.
    let org = w.organization().expect("created").clone();
    let server = founder
        .org(&org.id.to_string())
        .await
        .expect("the new organization");
    assert_eq!(server.status, OrgStatus::PendingPayment);
    assert_eq!(server.subdomain, "demo-corp-hq");
    assert_eq!(server.vat_id.as_deref(), Some("ATU13585627"));
    let overview = server.overview.expect("a price while unpaid");
    assert!(overview.reverse_charge);
    assert_eq!(overview.total_cents, 4900);
    assert!(shows(&w, "CRM Starter"));
    assert!(shows(&w, "VAT (0 %)"));
    assert!(shows(
        &w,
        "Reverse charge: no VAT is charged; you account for it in your own country."
    ));

    // Pay: the checkout opens in the "browser"; the person pays there.
    let waiting = press(&mut w, "Go to payment").await;
    assert!(shows(&w, "Waiting for your payment of €49.00…"));
    let url = last_opened(&opened);
    let (status, page) = submit_card(&url, "4242 4242 4242 4242").await;
    assert_eq!(status, 200, "{page}");
    // The next poll sees the payment and the organization active.
    for poll in waiting.polls {
        let _ = drive(&mut w, poll).await;
    }
    assert_eq!(w.step(), Step::Done);
    assert!(shows(&w, "Acme Rockets GmbH is ready."));
    let done = press(&mut w, "Open Acme Rockets GmbH").await;
    assert!(
        matches!(done.parent.as_slice(), [Action::Done(id)] if *id == org.id),
        "the console switches into the new organization"
    );

    let mine = founder.my_organizations().await.expect("list");
    let created = mine.iter().find(|o| o.id == org.id).expect("a member");
    assert_eq!(created.status, OrgStatus::Active);
    assert!(
        created.groups.iter().any(|g| g.name == "Admin"),
        "the founder is its admin: {:?}",
        created.groups
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_declined_card_shows_its_reason_then_a_retry_pays() {
    let _words = english_async().await;
    let p = support::Platform::start(0).await;
    let founder = newcomer(&p, "fiona@declined.example").await;
    let (mut w, opened) = open_wizard(&founder).await;
    to_overview(&mut w, "Declined Dynamics", "declined-dynamics").await;
    assert!(shows(&w, "€58.31"), "19 % German VAT on €49.00");

    let waiting = press(&mut w, "Go to payment").await;
    let url = last_opened(&opened);
    let (status, _) = submit_card(&url, "4000 0000 0000 0002").await;
    assert_eq!(status, 402);
    let mut polls = waiting.polls;
    for poll in std::mem::take(&mut polls) {
        polls.extend(drive(&mut w, poll).await.polls);
    }
    assert_eq!(w.step(), Step::Payment);
    assert!(shows(
        &w,
        "The payment was declined: the card was declined by its bank."
    ));
    let org = w.organization().expect("created").id;
    assert_eq!(
        founder.org(&org.to_string()).await.expect("org").status,
        OrgStatus::PendingPayment
    );

    // Stop waiting, then pay after all: the same checkout opens again.
    let _ = press(&mut w, "Stop waiting").await;
    for poll in std::mem::take(&mut polls) {
        let _ = drive(&mut w, poll).await;
    }
    assert!(
        shows(&w, "The payment has not been completed."),
        "the abandoned wait's poll changed nothing"
    );
    let retry = press(&mut w, "Pay now").await;
    // The same payment under a new link: links are kept only as hashes.
    let url = last_opened(&opened);
    assert_eq!(
        founder
            .payment(&org.to_string())
            .await
            .expect("payment")
            .status,
        PaymentStatus::Declined,
        "the declined checkout is tried again, not a new payment"
    );
    assert_eq!(opened.lock().map(|o| o.len()).unwrap_or_default(), 2);
    let (status, page) = submit_card(&url, "4242 4242 4242 4242").await;
    assert_eq!(status, 200, "{page}");
    let _ = press(&mut w, "I have paid: check now").await;
    assert_eq!(w.step(), Step::Done);
    // The timer of the wait that just ended fires into the void.
    for poll in retry.polls {
        let _ = drive(&mut w, poll).await;
    }
    assert_eq!(w.step(), Step::Done);
    assert_eq!(
        founder.org(&org.to_string()).await.expect("org").status,
        OrgStatus::Active
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_name_taken_meanwhile_sends_the_person_back_to_the_name() {
    let _words = english_async().await;
    let p = support::Platform::start(0).await;
    let founder = newcomer(&p, "fiona@race.example").await;
    let (mut w, _opened) = open_wizard(&founder).await;
    let _ = drive(
        &mut w,
        Message::Details(Details::NameChanged("Race Condition AG".into())),
    )
    .await;
    assert!(w.can_continue());
    let _ = drive(&mut w, Message::Continue).await;
    let _ = drive(
        &mut w,
        Message::Details(Details::CountrySelected(germany())),
    )
    .await;
    let _ = drive(
        &mut w,
        Message::Details(Details::AddressChanged("Hauptstraße 1".into())),
    )
    .await;
    let _ = drive(&mut w, Message::Continue).await;
    choose(&mut w, "crm", "crm-starter");

    // Someone else is quicker, under another legal form of the same name.
    let rival = newcomer(&p, "rita@rival.example").await;
    rival
        .create_org(&CreateOrganization {
            name: "Race Condition GmbH".into(),
            subdomain: "rival-race".into(),
            country: "DE".into(),
            vat_id: None,
            address: "Nebenstraße 2".into(),
            billing_email: "rita@rival.example".into(),
            products: vec![ProductChoice {
                product: "crm".into(),
                package: "crm-starter".into(),
            }],
        })
        .await
        .expect("the rival's organization");

    let _ = drive(&mut w, Message::Continue).await;
    let _ = drive(&mut w, Message::CreateConfirmed).await;
    assert_eq!(w.step(), Step::Name);
    assert!(shows(
        &w,
        "Someone has just created an organization with this name. Choose another name."
    ));
    assert!(w.organization().is_none());
    assert!(founder.my_organizations().await.expect("list").is_empty());

    // Another name, and the rest is still there.
    let _ = drive(
        &mut w,
        Message::Details(Details::NameChanged("Race Winners AG".into())),
    )
    .await;
    let _ = drive(&mut w, Message::Continue).await;
    let _ = drive(&mut w, Message::Continue).await;
    let _ = drive(&mut w, Message::Continue).await;
    let _ = drive(&mut w, Message::CreateConfirmed).await;
    assert_eq!(w.step(), Step::Overview);
    assert_eq!(
        w.organization().map(|o| o.name.as_str()),
        Some("Race Winners AG")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unpaid_organization_is_paid_later() {
    let _words = english_async().await;
    let p = support::Platform::start(0).await;
    let founder = newcomer(&p, "fiona@later.example").await;
    let org = founder
        .create_org(&CreateOrganization {
            name: "Pay Later Ltd".into(),
            subdomain: "pay-later".into(),
            country: "DE".into(),
            vat_id: None,
            address: "Hauptstraße 1".into(),
            billing_email: "billing@later.example".into(),
            products: vec![ProductChoice {
                product: "helpdesk".into(),
                package: "helpdesk-basic".into(),
            }],
        })
        .await
        .expect("created earlier");
    let (opened, opener) = recorder();
    let (w, load) = Wizard::resume(founder.clone(), org.clone());
    let mut w = w.with_opener(opener);
    for message in support::run(load).await {
        let _ = drive(&mut w, message).await;
    }
    assert_eq!(w.step(), Step::Overview);
    assert!(shows(&w, "Helpdesk Basic"));
    assert!(shows(&w, "€34.51"), "€29.00 and 19 % VAT");
    let _ = press(&mut w, "Go to payment").await;
    let (status, _) = submit_card(&last_opened(&opened), "4242 4242 4242 4242").await;
    assert_eq!(status, 200);
    let _ = press(&mut w, "I have paid: check now").await;
    assert_eq!(w.step(), Step::Done);
    assert_eq!(
        founder.org(&org.id.to_string()).await.expect("org").status,
        OrgStatus::Active
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn contact_sales_ends_the_wizard_with_what_happens_next() {
    let _words = english_async().await;
    let p = support::Platform::start(0).await;
    let founder = newcomer(&p, "fiona@bigcorp.example").await;
    let (mut w, _opened) = open_wizard(&founder).await;
    let _ = drive(
        &mut w,
        Message::Details(Details::NameChanged("Big Corp SE".into())),
    )
    .await;
    let _ = drive(&mut w, Message::Continue).await;
    let _ = drive(
        &mut w,
        Message::Details(Details::CountrySelected(germany())),
    )
    .await;
    let _ = drive(
        &mut w,
        Message::Details(Details::AddressChanged("Hauptstraße 1".into())),
    )
    .await;
    let _ = drive(&mut w, Message::Continue).await;
    assert_eq!(w.step(), Step::Products);

    // The Enterprise package of the CRM is sold by sales.
    let enterprise = click(&w, "Enterprise");
    let _ = drive(&mut w, enterprise.into_iter().next().expect("a message")).await;
    assert!(
        shows(&w, "Fiona Founder"),
        "the person's name from their profile"
    );
    assert!(shows(&w, "fiona@bigcorp.example"));
    assert!(shows(&w, "Big Corp SE"));
    let quote = |m: Quote| Message::Quote(m);
    let _ = drive(&mut w, quote(Quote::SeatsChanged("2500".into()))).await;
    // The platform refuses a message that is too long: said under the field.
    let _ = drive(&mut w, quote(Quote::NoteChanged("x".repeat(5001)))).await;
    let _ = press(&mut w, "Send request").await;
    assert!(shows(&w, "Use at most 5000 characters."));
    let _ = drive(
        &mut w,
        quote(Quote::NoteChanged(
            "SSO and an on-premise option, please.".into(),
        )),
    )
    .await;
    let _ = press(&mut w, "Send request").await;

    assert!(shows(&w, "Your request has reached our sales team."));
    assert!(shows(
        &w,
        "Thank you. Our sales team will write to fiona@bigcorp.example within one business day with a quote for 2500 seats."
    ));
    let closed = press(&mut w, "Close").await;
    assert!(matches!(closed.parent.as_slice(), [Action::Closed]));
    assert!(
        founder.my_organizations().await.expect("list").is_empty(),
        "sales set the organization up; none was created"
    );

    // Sales got the request by mail.
    let outbox = p.local.data_dir.join("outbox");
    let mails: Vec<String> = std::fs::read_dir(&outbox)
        .expect("the outbox")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter(|m| m.contains("Quote request: Big Corp SE (2500 seats)"))
        .collect();
    assert_eq!(mails.len(), 1, "one mail to sales in {}", outbox.display());
    assert!(mails[0].contains("SSO and an on-premise option, please."));
}
