//! The new-organization wizard, in the shape of iced's `tour` example: a
//! [`Step`] list walked with Back and Continue, every entry kept when going
//! back. Name and subdomain are checked live against the platform; the
//! organization is created (waiting for its payment) when the person leaves
//! the products step, so the overview shows the platform's own prices and
//! VAT; the payment happens on the provider's checkout page in the browser
//! while the wizard waits for the organization to become active.

pub mod details;
mod money;
pub mod payment;
pub mod products;

use std::time::Duration;

use crate::widget::focus::button;
use iced::widget::{Space, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length, Task};
use orgdesk_api::{Catalog, FieldError, OrgStatus, Organization, Profile, codes};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

pub use details::Country;
pub use money::money;
pub use payment::{Opener, browser};

use crate::fl;
use crate::remote::Latest;
use crate::theme;
use crate::widget::modal::{self, Confirm, Confirmation};
use details::{Details, NameField};
use payment::PaymentState;
use products::QuoteForm;

/// Availability is asked this long after the last keystroke.
pub const DEBOUNCE: Duration = Duration::from_millis(400);
/// How often the organization is asked about its payment while the checkout is open.
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Name,
    Details,
    Products,
    Overview,
    Payment,
    Done,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Name,
        Step::Details,
        Step::Products,
        Step::Overview,
        Step::Payment,
        Step::Done,
    ];

    fn position(self) -> usize {
        Self::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }

    pub fn next(self) -> Option<Step> {
        Self::ALL.get(self.position() + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        self.position()
            .checked_sub(1)
            .and_then(|i| Self::ALL.get(i).copied())
    }

    pub fn title(self) -> String {
        match self {
            Step::Name => fl!("wizard-step-name"),
            Step::Details => fl!("wizard-step-details"),
            Step::Products => fl!("wizard-step-products"),
            Step::Overview => fl!("wizard-step-overview"),
            Step::Payment => fl!("wizard-step-payment"),
            Step::Done => fl!("wizard-step-done"),
        }
    }
}

/// Something loaded once when the wizard opens.
#[derive(Debug, Clone)]
enum Load<T> {
    Loading,
    Loaded(T),
    Failed(String),
}

pub struct Wizard {
    client: Client,
    opener: Opener,
    step: Step,
    catalog: Load<Catalog>,
    /// The person creating the organization: fills in the quote form and the billing address.
    profile: Option<Profile>,
    name: NameField,
    details: Details,
    /// The package chosen per product, in the catalogue's order.
    choices: Vec<(String, String)>,
    /// The "create this organization?" confirmation is open.
    confirming: Confirmation<()>,
    creating: bool,
    /// Why the organization could not be created, when no field is to blame.
    create_error: Option<String>,
    /// Once created the organization waits for its payment; what it was
    /// created with can no longer change here.
    org: Option<Organization>,
    payment: PaymentState,
    /// The wait for the payment: answers to polls of an abandoned wait are dropped.
    wait: Latest,
    quote: Option<QuoteForm>,
    /// Sales took over: what happens next, in the platform's words.
    quote_sent: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Back,
    Continue,
    /// Leaves the wizard.
    Close,
    CatalogLoaded(Result<Catalog, Error>),
    RetryCatalog,
    ProfileLoaded(Result<Profile, Error>),
    Details(details::Message),
    Products(products::Message),
    Quote(products::QuoteMessage),
    CreateConfirmed,
    CreateCancelled,
    Created(Result<Box<Organization>, Error>),
    Payment(payment::Message),
    /// Puts the checkout address on the clipboard (when no browser opened).
    CopyLink(String),
    /// On the last step: switch into the new organization.
    OpenOrganization,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// The organization is paid and active and the person is its admin:
    /// switch into it (reload the organization list first: it is new).
    Done(Uuid),
    /// The person left the wizard, or sales took over. An organization
    /// created but not paid stays in their list, waiting for its payment.
    Closed,
}

impl Wizard {
    /// A new wizard for the signed-in account; the checkout opens in the system browser.
    pub fn new(client: Client) -> (Self, Task<Message>) {
        let wizard = Self {
            client,
            opener: browser(),
            step: Step::Name,
            catalog: Load::Loading,
            profile: None,
            name: NameField::default(),
            details: Details::default(),
            choices: Vec::new(),
            confirming: Confirmation::Idle,
            creating: false,
            create_error: None,
            org: None,
            payment: PaymentState::Idle,
            wait: Latest::default(),
            quote: None,
            quote_sent: None,
        };
        let task = Task::batch([wizard.load_catalog(), wizard.load_profile()]);
        (wizard, task)
    }

    /// The wizard for an organization created earlier and still waiting for
    /// its payment (its overview is shown; an active one shows Done).
    pub fn resume(client: Client, org: Organization) -> (Self, Task<Message>) {
        let (mut wizard, task) = Self::new(client);
        wizard.name = NameField::settled(&org.name);
        wizard.details = Details::settled(&org);
        wizard.choices = org
            .products
            .iter()
            .map(|c| (c.product.clone(), c.package.clone()))
            .collect();
        wizard.step = if org.status == OrgStatus::Active {
            Step::Done
        } else {
            Step::Overview
        };
        wizard.org = Some(org);
        (wizard, task)
    }

    /// Where the checkout page is opened: the browser by default, a
    /// recorder in tests.
    pub fn with_opener(mut self, opener: Opener) -> Self {
        self.opener = opener;
        self
    }

    pub fn step(&self) -> Step {
        self.step
    }

    /// The organization created by this wizard, once it exists.
    pub fn organization(&self) -> Option<&Organization> {
        self.org.as_ref()
    }

    /// Whether everything the current step asks for is there.
    pub fn can_continue(&self) -> bool {
        let locked = self.locked();
        match self.step {
            Step::Name => locked || self.name.is_available(),
            Step::Details => locked || self.details.is_complete(),
            Step::Products => locked || (!self.choices.is_empty() && !self.creating),
            Step::Overview => self.org.is_some(),
            Step::Payment | Step::Done => self.is_active(),
        }
    }

    /// The organization exists: the first three steps only show what it was created with.
    fn locked(&self) -> bool {
        self.org.is_some()
    }

    fn is_active(&self) -> bool {
        self.org
            .as_ref()
            .is_some_and(|o| o.status == OrgStatus::Active)
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Back => self.back(),
            Message::Continue => self.go_on(),
            Message::Close => self.close(),
            Message::CatalogLoaded(result) => self.catalog_loaded(result),
            Message::RetryCatalog => {
                self.catalog = Load::Loading;
                Action::Run(self.load_catalog())
            }
            Message::ProfileLoaded(result) => self.profile_loaded(result),
            Message::Details(message) => self.update_details(message),
            Message::Products(message) => self.update_products(message),
            Message::Quote(message) => self.update_quote(message),
            Message::CreateConfirmed => self.create(),
            Message::CreateCancelled => {
                self.confirming.cancel();
                Action::None
            }
            Message::Created(result) => self.created(result),
            Message::Payment(message) => self.update_payment(message),
            Message::CopyLink(url) => Action::Run(iced::clipboard::write(url)),
            Message::OpenOrganization => match &self.org {
                Some(org) if org.status == OrgStatus::Active => Action::Done(org.id),
                _ => Action::None,
            },
        }
    }

    /// Esc: closes the quote form or the confirmation; false when neither was open.
    pub fn escape(&mut self) -> bool {
        if self.quote.as_ref().is_some_and(|q| !q.sending) {
            self.quote = None;
            true
        } else {
            self.confirming.cancel()
        }
    }

    fn back(&mut self) -> Action {
        if self.step == Step::Done {
            return Action::None;
        }
        if self.step == Step::Payment {
            self.stop_waiting();
        }
        if let Some(previous) = self.step.previous() {
            self.step = previous;
        }
        Action::None
    }

    fn go_on(&mut self) -> Action {
        if !self.can_continue() {
            return Action::None;
        }
        match self.step {
            Step::Name => {
                self.step = Step::Details;
                self.enter_details()
            }
            Step::Details => {
                self.step = Step::Products;
                Action::None
            }
            Step::Products if self.locked() => {
                self.step = Step::Overview;
                Action::None
            }
            Step::Products => {
                self.confirming.ask(());
                Action::None
            }
            Step::Overview => {
                self.step = Step::Payment;
                self.pay()
            }
            Step::Payment => {
                self.step = Step::Done;
                Action::None
            }
            Step::Done => Action::None,
        }
    }

    fn close(&mut self) -> Action {
        self.stop_waiting();
        Action::Closed
    }

    fn load_catalog(&self) -> Task<Message> {
        let client = self.client.clone();
        Task::perform(
            async move { client.catalog().await },
            Message::CatalogLoaded,
        )
    }

    fn load_profile(&self) -> Task<Message> {
        let client = self.client.clone();
        Task::perform(async move { client.me().await }, Message::ProfileLoaded)
    }

    fn catalog_loaded(&mut self, result: Result<Catalog, Error>) -> Action {
        match result {
            Ok(catalog) => {
                self.catalog = Load::Loaded(catalog);
                Action::None
            }
            Err(e) => {
                self.catalog = Load::Failed(super::describe(&e));
                Action::None
            }
        }
    }

    fn profile_loaded(&mut self, result: Result<Profile, Error>) -> Action {
        match result {
            Ok(profile) => {
                if self.details.billing_email.is_empty() && !self.locked() {
                    self.details.billing_email.clone_from(&profile.email);
                }
                self.profile = Some(profile);
                Action::None
            }
            // Only conveniences hang on the profile: the person types instead.
            Err(_) => Action::None,
        }
    }

    /// Creates the organization from steps 1–3 (it waits for its payment).
    fn create(&mut self) -> Action {
        self.confirming.take();
        if self.creating || self.locked() {
            return Action::None;
        }
        let Some(request) = self.request() else {
            return Action::None;
        };
        self.creating = true;
        self.create_error = None;
        let client = self.client.clone();
        Action::Run(Task::perform(
            async move { client.create_org(&request).await.map(Box::new) },
            Message::Created,
        ))
    }

    fn created(&mut self, result: Result<Box<Organization>, Error>) -> Action {
        self.creating = false;
        match result {
            Ok(org) => {
                self.org = Some(*org);
                self.step = Step::Overview;
                Action::None
            }
            Err(e) => {
                self.refused(&e);
                Action::None
            }
        }
    }

    /// Puts a refusal of the creation where it belongs: the step and field to fix.
    fn refused(&mut self, error: &Error) {
        match error.code() {
            Some(codes::NAME_TAKEN) => {
                self.name.refuse(fl!("wizard-name-taken-now"));
                self.step = Step::Name;
            }
            Some(codes::SUBDOMAIN_TAKEN) => {
                self.details
                    .subdomain
                    .refuse(fl!("wizard-subdomain-taken-now"));
                self.step = Step::Details;
            }
            Some(codes::VALIDATION_FAILED) => {
                let errors = error
                    .problem()
                    .map(|p| p.errors.clone())
                    .unwrap_or_default();
                self.field_errors(&errors, error);
            }
            _ => self.create_error = Some(super::describe(error)),
        }
    }

    fn field_errors(&mut self, errors: &[FieldError], error: &Error) {
        let mut first = None;
        for e in errors {
            let step = match e.field.as_str() {
                "name" => {
                    self.name.refuse(field_error(e, &self.details));
                    Step::Name
                }
                field if details::FIELDS.contains(&field) => {
                    let words = field_error(e, &self.details);
                    self.details.errors.insert(e.field.clone(), words);
                    Step::Details
                }
                _ => {
                    self.create_error = Some(field_error(e, &self.details));
                    Step::Products
                }
            };
            first = Some(first.map_or(step, |f: Step| {
                if step.position() < f.position() {
                    step
                } else {
                    f
                }
            }));
        }
        match first {
            Some(step) => self.step = step,
            None => self.create_error = Some(super::describe(error)),
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let body: Element<'_, Message> = match (&self.quote_sent, self.step) {
            (Some(next_steps), _) => products::view_quote_sent(next_steps),
            (None, Step::Name) => self.view_name(),
            (None, Step::Details) => self.view_details(),
            (None, Step::Products) => self.view_products(),
            (None, Step::Overview) => self.view_overview(),
            (None, Step::Payment) => self.view_payment(),
            (None, Step::Done) => self.view_done(),
        };
        let page = column![
            self.header(),
            scrollable(container(body).padding([8, 4])).height(Length::Fill),
            self.footer(),
        ]
        .spacing(16)
        .padding(24)
        .max_width(760);
        let base = container(page).center_x(Length::Fill);
        if let Some(form) = &self.quote {
            modal::modal(
                base,
                self.view_quote(form),
                Message::Quote(products::QuoteMessage::Cancel),
            )
        } else if self.confirming.is_open() {
            modal::modal(
                base,
                modal::confirm(Confirm {
                    title: fl!("wizard-create-title"),
                    body: fl!(
                        "wizard-create-body",
                        name = self.name.value.trim().to_string(),
                        subdomain = self.details.subdomain.value.trim().to_string()
                    ),
                    action: fl!("wizard-create-action"),
                    destructive: false,
                    on_confirm: Message::CreateConfirmed,
                    on_cancel: Message::CreateCancelled,
                }),
                Message::CreateCancelled,
            )
        } else {
            base.into()
        }
    }

    fn header(&self) -> Element<'_, Message> {
        let position = self.step.position() + 1;
        let mut steps = row![].spacing(6).align_y(Alignment::Center);
        for (i, step) in Step::ALL.into_iter().enumerate() {
            if i > 0 {
                steps = steps.push(text("›").size(12).style(theme::muted_text));
            }
            let label = text(step.title()).size(12);
            steps = steps.push(if step == self.step {
                label
            } else {
                label.style(theme::muted_text)
            });
        }
        column![
            text(fl!("wizard-title")).size(24),
            text(fl!(
                "wizard-progress",
                current = position,
                total = Step::ALL.len(),
                step = self.step.title()
            ))
            .size(14),
            steps,
        ]
        .spacing(6)
        .into()
    }

    fn footer(&self) -> Element<'_, Message> {
        if self.quote_sent.is_some() {
            return row![
                Space::new().width(Length::Fill),
                button(text(fl!("wizard-close")))
                    .style(button::primary)
                    .on_press(Message::Close),
            ]
            .into();
        }
        let cancel = button(text(fl!("wizard-cancel")))
            .style(button::text)
            .on_press(Message::Close);
        let mut bar = row![cancel, Space::new().width(Length::Fill)]
            .spacing(8)
            .align_y(Alignment::Center);
        let waiting = self.step == Step::Payment && self.payment.is_busy();
        if self.step.previous().is_some() && self.step != Step::Done && !waiting {
            bar = bar.push(
                button(text(fl!("wizard-back")))
                    .style(button::secondary)
                    .on_press(Message::Back),
            );
        }
        let next = match self.step {
            Step::Overview => Some(fl!("wizard-pay")),
            Step::Payment => None,
            Step::Done => None,
            Step::Products if self.creating => Some(fl!("wizard-creating")),
            _ => Some(fl!("wizard-continue")),
        };
        if let Some(label) = next {
            bar = bar.push(
                button(text(label))
                    .style(button::primary)
                    .on_press_maybe(self.can_continue().then_some(Message::Continue)),
            );
        }
        bar.into()
    }
}

/// A field refused by the platform, in words (the platform's detail where it
/// names the specifics).
fn field_error(error: &FieldError, details: &Details) -> String {
    let detail = error.message.clone();
    match error.code.as_str() {
        "vat_prefix" => fl!(
            "wizard-vat-prefix",
            prefix = details::vat_prefix(details.country_code())
        ),
        "vat_format" => fl!("wizard-vat-format", detail = detail),
        "vat_checksum" => fl!("wizard-vat-checksum"),
        codes::INVALID_EMAIL => fl!("error-code-invalid-email"),
        "invalid_address" => fl!("wizard-address-invalid"),
        "invalid_country" => fl!("wizard-country-required"),
        "invalid_subdomain" => fl!("wizard-subdomain-invalid", detail = detail),
        "invalid_name" => fl!("wizard-name-invalid"),
        "contact_sales" => fl!("wizard-package-contact-sales"),
        _ => detail,
    }
}

/// A line of small text that says why something is wrong.
fn error_line<'a, M: 'a>(words: impl Into<String>) -> Element<'a, M> {
    text(words.into()).size(13).style(theme::error_text).into()
}

/// A line of small text that explains.
fn hint_line<'a, M: 'a>(words: impl Into<String>) -> Element<'a, M> {
    text(words.into()).size(13).style(theme::muted_text).into()
}
