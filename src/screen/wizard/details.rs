//! Steps 1 and 2: the company name and the organization's details, with the
//! name and the subdomain checked live (debounced) against the platform.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::widget::focus::button;
use iced::widget::{Id, column, combo_box, row, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{Availability, AvailabilityQuery, CreateOrganization, Organization, validate};
use orgdesk_client::Error;

use super::{Action, DEBOUNCE, Wizard, error_line, hint_line};
use crate::fl;
use crate::remote::{Latest, Tag};
use crate::theme;
use orgdesk_api::validate::{SubdomainReason, subdomain_problem};

/// The detail fields the platform may refuse, as it names them.
pub const FIELDS: [&str; 5] = ["subdomain", "country", "vat_id", "address", "billing_email"];

pub fn name_id() -> Id {
    Id::new("wizard-name")
}

pub fn subdomain_id() -> Id {
    Id::new("wizard-subdomain")
}

/// What the platform said about a name or subdomain as typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// Nothing typed (or not asked yet).
    Unchecked,
    Checking,
    Available,
    /// Why not, in words.
    Unavailable(String),
    /// The platform could not be asked.
    Failed(String),
}

/// A text checked live: each edit is checked once typing pauses; the
/// checks of earlier edits are dropped.
#[derive(Debug, Clone)]
pub struct Live {
    pub value: String,
    pub check: Check,
    /// The edit the check waits for.
    pub edits: Latest,
    /// Free alternatives the platform suggested (subdomains only).
    pub suggestions: Vec<String>,
}

impl Default for Live {
    fn default() -> Self {
        Self {
            value: String::new(),
            check: Check::Unchecked,
            edits: Latest::default(),
            suggestions: Vec::new(),
        }
    }
}

impl Live {
    /// A new value: checked after [`DEBOUNCE`] unless it is empty. The
    /// edit's tag, and the timer.
    fn edit(&mut self, value: String, due: fn(Tag) -> Message) -> (Tag, Task<Message>) {
        self.value = value;
        let tag = self.edits.ask();
        self.suggestions.clear();
        if self.value.trim().is_empty() {
            self.check = Check::Unchecked;
            return (tag, Task::none());
        }
        self.check = Check::Checking;
        // The timer starts when the task runs, inside the runtime.
        let timer = Task::perform(async { tokio::time::sleep(DEBOUNCE).await }, move |()| {
            due(tag)
        });
        (tag, timer)
    }

    pub fn refuse(&mut self, why: String) {
        self.check = Check::Unavailable(why);
    }

    pub fn settled(value: &str) -> Self {
        Self {
            value: value.to_string(),
            check: Check::Available,
            ..Self::default()
        }
    }
}

pub type NameField = Live;

impl NameField {
    pub fn is_available(&self) -> bool {
        self.check == Check::Available && !self.value.trim().is_empty()
    }
}

/// A country as ISO 3166-1 knows it (the list the platform checks against).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    pub name: &'static str,
}

impl std::fmt::Display for Country {
    /// The name in the console's language, with its code: "Deutschland (DE)".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = crate::locale::country_in(crate::locale::Lang::current(), self.code);
        write!(
            f,
            "{} ({})",
            name.as_deref().unwrap_or(self.name),
            self.code
        )
    }
}

/// Every country, by name.
pub static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    let mut all: Vec<Country> = celes::Country::get_countries()
        .iter()
        .map(|c| Country {
            code: c.alpha2,
            name: c.long_name.strip_prefix("The ").unwrap_or(c.long_name),
        })
        .collect();
    all.sort_by(|a, b| a.name.cmp(b.name));
    all
});

impl Country {
    /// Every country, by its name in the console's language.
    pub fn by_local_name() -> Vec<Country> {
        let mut all: Vec<(String, Country)> = COUNTRIES
            .iter()
            .map(|c| (sort_key(&c.to_string()), *c))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all.into_iter().map(|(_, c)| c).collect()
    }

    /// The country with this ISO 3166-1 alpha-2 code.
    pub fn of(code: &str) -> Option<Country> {
        COUNTRIES
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code))
            .copied()
    }
}

/// "Österreich" sorts among the O's: letters without their marks, lowercase.
fn sort_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The prefix a VAT id of `country` starts with (Greece uses EL).
pub fn vat_prefix(country: Option<&str>) -> String {
    match country {
        Some("GR") => "EL".into(),
        Some(code) => code.into(),
        None => String::new(),
    }
}

pub struct Details {
    pub subdomain: Live,
    pub countries: combo_box::State<Country>,
    pub country: Option<Country>,
    pub vat_id: String,
    pub address: String,
    pub billing_email: String,
    /// The platform's refusals, by field, in words.
    pub errors: HashMap<String, String>,
}

impl Default for Details {
    fn default() -> Self {
        Self {
            subdomain: Live::default(),
            countries: combo_box::State::new(Country::by_local_name()),
            country: None,
            vat_id: String::new(),
            address: String::new(),
            billing_email: String::new(),
            errors: HashMap::new(),
        }
    }
}

impl Details {
    /// The details of an organization that exists already.
    pub fn settled(org: &Organization) -> Self {
        Self {
            subdomain: Live::settled(&org.subdomain),
            country: Country::of(&org.country),
            vat_id: org.vat_id.clone().unwrap_or_default(),
            address: org.address.clone(),
            billing_email: org.billing_email.clone(),
            ..Self::default()
        }
    }

    pub fn country_code(&self) -> Option<&'static str> {
        self.country.map(|c| c.code)
    }

    fn email_ok(&self) -> bool {
        validate::normalize_email(&self.billing_email).is_some()
    }

    fn address_ok(&self) -> bool {
        let n = self.address.trim().chars().count();
        (1..=500).contains(&n)
    }

    pub fn is_complete(&self) -> bool {
        self.subdomain.check == Check::Available
            && self.country.is_some()
            && self.address_ok()
            && self.email_ok()
            && self.vat_ok()
    }

    /// No VAT id, or one that fits the country's prefix, format and check
    /// digits (the platform's own rules, shared through `orgdesk_api::vat`).
    fn vat_ok(&self) -> bool {
        let vat = self.vat_id.trim();
        vat.is_empty()
            || self
                .country_code()
                .is_none_or(|country| orgdesk_api::vat::validate(country, vat).is_ok())
    }
}

/// Why a subdomain cannot be had, in words: the platform's reasons (shared
/// through `orgdesk_api::validate`), the same whether checked here as it is
/// typed or answered by the platform.
fn subdomain_words(reason: SubdomainReason, subdomain: &str) -> String {
    let subdomain = subdomain.to_string();
    match reason {
        SubdomainReason::NotAscii | SubdomainReason::Characters => {
            fl!("wizard-subdomain-characters")
        }
        SubdomainReason::Length => fl!("wizard-subdomain-length"),
        SubdomainReason::Hyphen => fl!("wizard-subdomain-hyphen"),
        SubdomainReason::Punycode => fl!("wizard-subdomain-punycode"),
        SubdomainReason::Reserved => fl!("wizard-subdomain-reserved", subdomain = subdomain),
        SubdomainReason::LooksLikeId => fl!("wizard-subdomain-id"),
        SubdomainReason::Taken => fl!("wizard-subdomain-taken", subdomain = subdomain),
    }
}

/// A subdomain made from a company name: "Müller & Söhne GmbH" → "muller-sohne-gmbh".
pub fn slug(name: &str) -> String {
    orgdesk_api::validate::slug(name)
}

#[derive(Debug, Clone)]
pub enum Message {
    NameChanged(String),
    NameDue(Tag),
    /// The platform's answer about `name` (dropped if the field says something else by now).
    NameChecked {
        name: String,
        result: Result<Availability, Error>,
    },
    SubdomainChanged(String),
    SuggestionChosen(String),
    SubdomainDue(Tag),
    SubdomainChecked {
        subdomain: String,
        result: Result<Availability, Error>,
    },
    CountrySelected(Country),
    VatChanged(String),
    AddressChanged(String),
    BillingEmailChanged(String),
}

impl Wizard {
    /// The VAT id checked as it is typed, with the platform's own rules: the
    /// same words as the platform's refusal would bring.
    fn check_vat(&mut self) {
        let vat = self.details.vat_id.trim();
        let Some(country) = self.details.country_code() else {
            return;
        };
        if vat.is_empty() {
            return;
        }
        if let Err(e) = orgdesk_api::vat::validate(country, vat) {
            let refusal = orgdesk_api::FieldError {
                field: "vat_id".into(),
                code: e.code().into(),
                message: e.message(),
            };
            let words = super::field_error(&refusal, &self.details);
            self.details.errors.insert("vat_id".into(), words);
        }
    }

    pub(super) fn update_details(&mut self, message: Message) -> Action {
        if self.locked() {
            return Action::None;
        }
        match message {
            Message::NameChanged(name) => run(self.name.edit(name, Message::NameDue).1),
            Message::NameDue(tag) => self.check_name(tag),
            Message::NameChecked { name, result } => self.name_checked(&name, result),
            Message::SubdomainChanged(value) => {
                self.details.errors.remove("subdomain");
                run(self
                    .details
                    .subdomain
                    .edit(value.trim().to_lowercase(), Message::SubdomainDue)
                    .1)
            }
            Message::SuggestionChosen(value) => {
                self.details.errors.remove("subdomain");
                let (tag, _debounce) = self.details.subdomain.edit(value, Message::SubdomainDue);
                self.check_subdomain(tag)
            }
            Message::SubdomainDue(tag) => self.check_subdomain(tag),
            Message::SubdomainChecked { subdomain, result } => {
                self.subdomain_checked(&subdomain, result)
            }
            Message::CountrySelected(country) => {
                self.details.country = Some(country);
                self.details.errors.remove("country");
                self.details.errors.remove("vat_id");
                self.check_vat();
                Action::None
            }
            Message::VatChanged(vat) => {
                self.details.vat_id = vat;
                self.details.errors.remove("vat_id");
                self.check_vat();
                Action::None
            }
            Message::AddressChanged(address) => {
                self.details.address = address;
                self.details.errors.remove("address");
                Action::None
            }
            Message::BillingEmailChanged(email) => {
                self.details.billing_email = email;
                self.details.errors.remove("billing_email");
                Action::None
            }
        }
    }

    /// Entering the details: a subdomain is proposed from the name.
    pub(super) fn enter_details(&mut self) -> Action {
        if !self.details.subdomain.value.is_empty() || self.locked() {
            return Action::None;
        }
        let proposal = slug(&self.name.value);
        if proposal.is_empty() {
            return Action::None;
        }
        let (tag, _debounce) = self.details.subdomain.edit(proposal, Message::SubdomainDue);
        self.check_subdomain(tag)
    }

    fn availability(
        &self,
        query: AvailabilityQuery,
        answer: impl FnOnce(Result<Availability, Error>) -> Message + Send + 'static,
    ) -> Action {
        let client = self.client.clone();
        Action::Run(Task::perform(
            async move { client.availability(&query).await },
            move |result| to_wizard(answer(result)),
        ))
    }

    fn check_name(&mut self, tag: Tag) -> Action {
        if !self.name.edits.is(tag) || self.name.value.trim().is_empty() {
            return Action::None;
        }
        let name = self.name.value.trim().to_string();
        let query = AvailabilityQuery {
            name: Some(name.clone()),
            ..AvailabilityQuery::default()
        };
        self.availability(query, move |result| Message::NameChecked { name, result })
    }

    fn name_checked(&mut self, name: &str, result: Result<Availability, Error>) -> Action {
        if name != self.name.value.trim() {
            return Action::None;
        }
        match result.map(|a| a.name) {
            Ok(Some(answer)) if answer.available => self.name.check = Check::Available,
            Ok(Some(answer)) => {
                self.name.check = Check::Unavailable(match answer.conflict_with {
                    Some(existing) => fl!("wizard-name-taken", name = existing),
                    None => fl!("wizard-name-invalid"),
                })
            }
            Ok(None) => self.name.check = Check::Unchecked,
            Err(e) => self.name.check = Check::Failed(super::super::describe(&e)),
        }
        Action::None
    }

    fn check_subdomain(&mut self, tag: Tag) -> Action {
        let subdomain = &self.details.subdomain;
        if !subdomain.edits.is(tag) || subdomain.value.is_empty() {
            return Action::None;
        }
        let wanted = subdomain.value.clone();
        let query = AvailabilityQuery {
            name: None,
            subdomain: Some(wanted.clone()),
            country: self.details.country_code().map(str::to_string),
        };
        self.availability(query, move |result| Message::SubdomainChecked {
            subdomain: wanted,
            result,
        })
    }

    fn subdomain_checked(
        &mut self,
        subdomain: &str,
        result: Result<Availability, Error>,
    ) -> Action {
        let field = &mut self.details.subdomain;
        if subdomain != field.value {
            return Action::None;
        }
        match result.map(|a| a.subdomain) {
            Ok(Some(answer)) if answer.available => field.check = Check::Available,
            Ok(Some(answer)) => {
                let reason = subdomain_problem(&field.value)
                    .or(answer.reason_code)
                    .unwrap_or(SubdomainReason::Taken);
                let why = subdomain_words(reason, &field.value);
                field.check = Check::Unavailable(why);
                field.suggestions = answer.suggestions;
            }
            Ok(None) => field.check = Check::Unchecked,
            Err(e) => field.check = Check::Failed(super::super::describe(&e)),
        }
        Action::None
    }

    /// What to create, if every detail is there.
    pub(super) fn request(&self) -> Option<CreateOrganization> {
        let country = self.details.country?;
        let vat = self.details.vat_id.trim();
        Some(CreateOrganization {
            name: self.name.value.trim().to_string(),
            subdomain: self.details.subdomain.value.clone(),
            country: country.code.to_string(),
            vat_id: (!vat.is_empty()).then(|| vat.to_string()),
            address: self.details.address.trim().to_string(),
            billing_email: self.details.billing_email.trim().to_string(),
            products: self
                .choices
                .iter()
                .map(|(product, package)| orgdesk_api::ProductChoice {
                    product: product.clone(),
                    package: package.clone(),
                })
                .collect(),
        })
    }

    pub(super) fn view_name(&self) -> Element<'_, super::Message> {
        let locked = self.locked();
        let input = text_input(&fl!("wizard-name-placeholder"), &self.name.value)
            .id(name_id())
            .on_input_maybe((!locked).then_some(|v| to_wizard(Message::NameChanged(v))))
            .on_submit(super::Message::Continue)
            .padding(8);
        let mut page = column![
            text(fl!("wizard-name-label")).size(14),
            input,
            status(&self.name.check, fl!("wizard-name-available")),
            hint_line(fl!("wizard-name-hint")),
        ]
        .spacing(8);
        if locked {
            page = page.push(hint_line(fl!("wizard-locked")));
        }
        page.into()
    }

    pub(super) fn view_details(&self) -> Element<'_, super::Message> {
        let locked = self.locked();
        let d = &self.details;
        let field = |label: String,
                     value: &str,
                     placeholder: String,
                     on_input: fn(String) -> Message,
                     key: &str| {
            let input = text_input(&placeholder, value)
                .on_input_maybe((!locked).then_some(move |v| to_wizard(on_input(v))))
                .on_submit(super::Message::Continue)
                .padding(8);
            let mut block = column![text(label).size(14), input].spacing(4);
            if let Some(why) = d.errors.get(key) {
                block = block.push(error_line(why.clone()));
            }
            block
        };
        let subdomain = text_input(&fl!("wizard-subdomain-placeholder"), &d.subdomain.value)
            .id(subdomain_id())
            .on_input_maybe((!locked).then_some(|v| to_wizard(Message::SubdomainChanged(v))))
            .on_submit(super::Message::Continue)
            .padding(8);
        let mut subdomain_block = column![
            text(fl!("wizard-subdomain-label")).size(14),
            subdomain,
            status(
                &d.subdomain.check,
                fl!(
                    "wizard-subdomain-available",
                    subdomain = d.subdomain.value.clone()
                )
            ),
        ]
        .spacing(4);
        if let Some(why) = d.errors.get("subdomain") {
            subdomain_block = subdomain_block.push(error_line(why.clone()));
        }
        if !d.subdomain.suggestions.is_empty() && !locked {
            let mut chips = row![hint_line(fl!("wizard-subdomain-suggestions"))]
                .spacing(6)
                .align_y(iced::Alignment::Center);
            for s in &d.subdomain.suggestions {
                chips = chips.push(
                    button(text(s.clone()).size(13))
                        .style(button::secondary)
                        .on_press(to_wizard(Message::SuggestionChosen(s.clone()))),
                );
            }
            subdomain_block = subdomain_block.push(chips);
        }
        let country: Element<'_, super::Message> = if locked {
            text(d.country.map(|c| c.to_string()).unwrap_or_default()).into()
        } else {
            combo_box(
                &d.countries,
                &fl!("wizard-country-placeholder"),
                d.country.as_ref(),
                |c| to_wizard(Message::CountrySelected(c)),
            )
            .padding(8)
            .width(Length::Fill)
            .into()
        };
        let mut country_block =
            column![text(fl!("wizard-country-label")).size(14), country].spacing(4);
        if let Some(why) = d.errors.get("country") {
            country_block = country_block.push(error_line(why.clone()));
        }
        let mut vat_block = field(
            fl!("wizard-vat-label"),
            &d.vat_id,
            fl!("wizard-vat-placeholder"),
            Message::VatChanged,
            "vat_id",
        );
        if !d.errors.contains_key("vat_id") {
            vat_block = vat_block.push(hint_line(fl!("wizard-vat-hint")));
        }
        let mut email_block = field(
            fl!("wizard-billing-email-label"),
            &d.billing_email,
            String::new(),
            Message::BillingEmailChanged,
            "billing_email",
        );
        if !d.billing_email.trim().is_empty()
            && !d.email_ok()
            && !d.errors.contains_key("billing_email")
        {
            email_block = email_block.push(error_line(fl!("error-code-invalid-email")));
        }
        let mut page = column![
            subdomain_block,
            country_block,
            vat_block,
            field(
                fl!("wizard-address-label"),
                &d.address,
                fl!("wizard-address-placeholder"),
                Message::AddressChanged,
                "address",
            ),
            email_block,
        ]
        .spacing(16);
        if locked {
            page = page.push(hint_line(fl!("wizard-locked")));
        }
        page.into()
    }
}

fn run(task: Task<Message>) -> Action {
    Action::Run(task.map(super::Message::Details))
}

fn to_wizard(message: Message) -> super::Message {
    super::Message::Details(message)
}

/// The live check's answer under its field.
fn status<'a>(check: &Check, available: String) -> Element<'a, super::Message> {
    match check {
        Check::Unchecked => hint_line(String::new()),
        Check::Checking => hint_line(fl!("wizard-checking")),
        Check::Available => text(available).size(13).style(theme::success_text).into(),
        Check::Unavailable(why) | Check::Failed(why) => error_line(why.clone()),
    }
}
