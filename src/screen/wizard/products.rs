//! Step 3: a card per product of the catalogue with its packages (seats and
//! price), and the form that asks sales for a custom quote instead.

use crate::widget::focus::{Kind, focusable};
use std::collections::HashMap;

use crate::widget::focus::button;
use iced::widget::{Space, checkbox, column, container, row, text, text_input};
use iced::{Alignment, Element, Length, Task};
use orgdesk_api::{Package, Product, QuoteRequest, QuoteResponse, codes, validate};
use orgdesk_client::Error;

use super::money::money;
use super::{Action, Load, Wizard, error_line, hint_line};
use crate::fl;
use crate::theme;

/// The most seats a quote may ask for (the platform's limit).
const MAX_SEATS: u32 = 10_000_000;

#[derive(Debug, Clone)]
pub enum Message {
    PackageChosen {
        product: String,
        package: String,
    },
    ProductRemoved(String),
    /// Opens the quote form, with this product ticked.
    ContactSales(Option<String>),
}

#[derive(Debug, Clone)]
pub enum QuoteMessage {
    NameChanged(String),
    EmailChanged(String),
    CompanyChanged(String),
    ProductToggled(String, bool),
    SeatsChanged(String),
    NoteChanged(String),
    Submit,
    Cancel,
    Sent(Result<QuoteResponse, Error>),
}

/// What the person asks sales for.
#[derive(Debug, Clone, Default)]
pub struct QuoteForm {
    pub name: String,
    pub email: String,
    pub company: String,
    /// Product ids, in the catalogue's order.
    pub products: Vec<String>,
    pub seats: String,
    pub note: String,
    pub sending: bool,
    pub error: Option<String>,
    /// The platform's refusals, by field.
    pub errors: HashMap<String, String>,
}

impl QuoteForm {
    fn seats(&self) -> Option<u32> {
        self.seats
            .trim()
            .replace(['.', ',', ' ', '_'], "")
            .parse()
            .ok()
            .filter(|n| (1..=MAX_SEATS).contains(n))
    }

    fn is_complete(&self) -> bool {
        !self.name.trim().is_empty()
            && validate::normalize_email(&self.email).is_some()
            && !self.company.trim().is_empty()
            && !self.products.is_empty()
            && self.seats().is_some()
    }

    fn request(&self) -> Option<QuoteRequest> {
        Some(QuoteRequest {
            name: self.name.trim().to_string(),
            email: self.email.trim().to_string(),
            company: self.company.trim().to_string(),
            products: self.products.clone(),
            seats: self.seats()?,
            message: self.note.trim().to_string(),
        })
    }
}

impl Wizard {
    pub(super) fn update_products(&mut self, message: Message) -> Action {
        match message {
            Message::PackageChosen { product, package } if !self.locked() => {
                self.create_error = None;
                match self.choices.iter_mut().find(|(p, _)| *p == product) {
                    Some(choice) => choice.1 = package,
                    None => {
                        self.choices.push((product, package));
                        self.sort_choices();
                    }
                }
            }
            Message::ProductRemoved(product) if !self.locked() => {
                self.create_error = None;
                self.choices.retain(|(p, _)| *p != product);
            }
            Message::ContactSales(product) => self.open_quote(product),
            Message::PackageChosen { .. } | Message::ProductRemoved(_) => {}
        }
        Action::None
    }

    /// Choices follow the catalogue's order, whatever order they were clicked in.
    fn sort_choices(&mut self) {
        if let Load::Loaded(catalog) = &self.catalog {
            let rank = |id: &str| catalog.products.iter().position(|p| p.id == id);
            self.choices.sort_by_key(|(p, _)| rank(p));
        }
    }

    fn open_quote(&mut self, product: Option<String>) {
        let mut products: Vec<String> = self.choices.iter().map(|(p, _)| p.clone()).collect();
        if let Some(product) = product
            && !products.contains(&product)
        {
            products.push(product);
        }
        let (name, email) = self
            .profile
            .as_ref()
            .map(|p| (p.name.clone(), p.email.clone()))
            .unwrap_or_default();
        self.quote = Some(QuoteForm {
            name,
            email,
            company: self.name.value.trim().to_string(),
            products,
            ..QuoteForm::default()
        });
    }

    pub(super) fn update_quote(&mut self, message: QuoteMessage) -> Action {
        if let QuoteMessage::Sent(result) = message {
            return self.quote_answered(result);
        }
        let Some(form) = &mut self.quote else {
            return Action::None;
        };
        if form.sending {
            return Action::None;
        }
        let mut clear = |field: &str| {
            form.errors.remove(field);
            form.error = None;
        };
        match message {
            QuoteMessage::NameChanged(v) => {
                clear("name");
                form.name = v;
            }
            QuoteMessage::EmailChanged(v) => {
                clear("email");
                form.email = v;
            }
            QuoteMessage::CompanyChanged(v) => {
                clear("company");
                form.company = v;
            }
            QuoteMessage::ProductToggled(product, on) => {
                clear("products");
                form.products.retain(|p| *p != product);
                if on {
                    form.products.push(product);
                }
            }
            QuoteMessage::SeatsChanged(v) => {
                clear("seats");
                form.seats = v;
            }
            QuoteMessage::NoteChanged(v) => {
                clear("message");
                form.note = v;
            }
            QuoteMessage::Cancel => self.quote = None,
            QuoteMessage::Submit => return self.send_quote(),
            QuoteMessage::Sent(_) => {}
        }
        Action::None
    }

    fn send_quote(&mut self) -> Action {
        let Some(form) = &mut self.quote else {
            return Action::None;
        };
        let Some(request) = form.request().filter(|_| form.is_complete()) else {
            return Action::None;
        };
        form.sending = true;
        form.error = None;
        let client = self.client.clone();
        Action::Run(Task::perform(
            async move { client.request_quote(&request).await },
            |result| super::Message::Quote(QuoteMessage::Sent(result)),
        ))
    }

    fn quote_answered(&mut self, result: Result<QuoteResponse, Error>) -> Action {
        let Some(form) = &mut self.quote else {
            return Action::None;
        };
        form.sending = false;
        match result {
            Ok(answer) => {
                self.quote = None;
                self.quote_sent = Some(answer.next_steps);
                self.stop_waiting();
            }
            Err(e) => {
                let fields = e.problem().map(|p| p.errors.clone()).unwrap_or_default();
                if e.code() == Some(codes::VALIDATION_FAILED) && !fields.is_empty() {
                    for field in fields {
                        let words = quote_field_error(&field.field, &field.message);
                        form.errors.insert(field.field, words);
                    }
                } else {
                    form.error = Some(super::super::describe(&e));
                }
            }
        }
        Action::None
    }

    pub(super) fn view_products(&self) -> Element<'_, super::Message> {
        let catalog = match &self.catalog {
            Load::Loading => return hint_line(fl!("wizard-catalog-loading")),
            Load::Failed(why) => {
                return column![
                    error_line(why.clone()),
                    button(text(fl!("wizard-retry")))
                        .style(button::secondary)
                        .on_press(super::Message::RetryCatalog),
                ]
                .spacing(8)
                .into();
            }
            Load::Loaded(catalog) => catalog,
        };
        let mut page = column![hint_line(fl!("wizard-products-hint"))].spacing(16);
        for product in &catalog.products {
            page = page.push(self.product_card(product));
        }
        if let Some(why) = &self.create_error {
            page = page.push(error_line(why.clone()));
        }
        if self.locked() {
            page = page.push(hint_line(fl!("wizard-locked")));
        }
        page = page.push(
            row![
                hint_line(fl!("wizard-sales-hint")),
                Space::new().width(Length::Fill),
                button(text(fl!("wizard-contact-sales")))
                    .style(button::secondary)
                    .on_press(to_wizard(Message::ContactSales(None))),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        page.into()
    }

    fn product_card<'a>(&self, product: &'a Product) -> Element<'a, super::Message> {
        let chosen = self
            .choices
            .iter()
            .find(|(p, _)| *p == product.id)
            .map(|(_, package)| package.as_str());
        let locked = self.locked();
        let mut card = column![
            row![
                text(product.name.clone()).size(18),
                Space::new().width(Length::Fill),
            ]
            .align_y(Alignment::Center),
            text(product.description.clone()).size(13),
        ]
        .spacing(6);
        if !product.groups.is_empty() {
            let groups: Vec<&str> = product.groups.iter().map(|g| g.name.as_str()).collect();
            card = card.push(hint_line(fl!(
                "wizard-product-groups",
                groups = groups.join(", ")
            )));
        }
        let mut packages = row![].spacing(8);
        for package in &product.packages {
            packages = packages.push(package_button(product, package, chosen, locked));
        }
        card = card.push(packages.wrap());
        if chosen.is_some() && !locked {
            card = card.push(
                button(text(fl!("wizard-product-remove")).size(13))
                    .style(button::text)
                    .on_press(to_wizard(Message::ProductRemoved(product.id.clone()))),
            );
        }
        container(card)
            .padding(16)
            .width(Length::Fill)
            .style(theme::card)
            .into()
    }

    pub(super) fn view_quote<'a>(&'a self, form: &'a QuoteForm) -> Element<'a, super::Message> {
        let input = |label: String, value: &'a str, on: fn(String) -> QuoteMessage, key: &str| {
            let mut block = column![
                text(label).size(13),
                text_input("", value)
                    .on_input(move |v| super::Message::Quote(on(v)))
                    .on_submit(super::Message::Quote(QuoteMessage::Submit))
                    .padding(6),
            ]
            .spacing(2);
            if let Some(why) = form.errors.get(key) {
                block = block.push(error_line(why.clone()));
            }
            block
        };
        let mut products = row![].spacing(12);
        if let Load::Loaded(catalog) = &self.catalog {
            for product in &catalog.products {
                let id = product.id.clone();
                products = products.push(focusable(
                    checkbox(form.products.contains(&product.id))
                        .label(product.name.clone())
                        .on_toggle(move |on| {
                            super::Message::Quote(QuoteMessage::ProductToggled(id.clone(), on))
                        }),
                    Kind::Press,
                ));
            }
        }
        let mut products_block =
            column![text(fl!("wizard-quote-products")).size(13), products].spacing(4);
        if let Some(why) = form.errors.get("products") {
            products_block = products_block.push(error_line(why.clone()));
        }
        let mut seats_block = input(
            fl!("wizard-quote-seats"),
            &form.seats,
            QuoteMessage::SeatsChanged,
            "seats",
        );
        if !form.seats.trim().is_empty()
            && form.seats().is_none()
            && !form.errors.contains_key("seats")
        {
            seats_block = seats_block.push(error_line(fl!("wizard-quote-seats-invalid")));
        }
        let mut email_block = input(
            fl!("wizard-quote-email"),
            &form.email,
            QuoteMessage::EmailChanged,
            "email",
        );
        if !form.email.trim().is_empty()
            && validate::normalize_email(&form.email).is_none()
            && !form.errors.contains_key("email")
        {
            email_block = email_block.push(error_line(fl!("error-code-invalid-email")));
        }
        let send = (form.is_complete() && !form.sending)
            .then_some(super::Message::Quote(QuoteMessage::Submit));
        let mut dialog = column![
            text(fl!("wizard-quote-title")).size(18),
            hint_line(fl!("wizard-quote-intro")),
            input(
                fl!("wizard-quote-name"),
                &form.name,
                QuoteMessage::NameChanged,
                "name"
            ),
            email_block,
            input(
                fl!("wizard-quote-company"),
                &form.company,
                QuoteMessage::CompanyChanged,
                "company"
            ),
            products_block,
            seats_block,
            input(
                fl!("wizard-quote-message"),
                &form.note,
                QuoteMessage::NoteChanged,
                "message"
            ),
        ]
        .spacing(10);
        if let Some(why) = &form.error {
            dialog = dialog.push(error_line(why.clone()));
        }
        let label = if form.sending {
            fl!("wizard-quote-sending")
        } else {
            fl!("wizard-quote-send")
        };
        dialog = dialog.push(
            row![
                Space::new().width(Length::Fill),
                button(text(fl!("dialog-cancel")))
                    .style(button::secondary)
                    .on_press_maybe(
                        (!form.sending).then_some(super::Message::Quote(QuoteMessage::Cancel))
                    ),
                button(text(label))
                    .style(button::primary)
                    .on_press_maybe(send),
            ]
            .spacing(8),
        );
        container(dialog)
            .padding(20)
            .width(Length::Fixed(520.0))
            .style(theme::card)
            .into()
    }
}

/// "Team · 50 seats · €199.00 a month", or "Enterprise · contact sales".
fn package_button<'a>(
    product: &Product,
    package: &'a Package,
    chosen: Option<&str>,
    locked: bool,
) -> Element<'a, super::Message> {
    let selected = chosen == Some(package.id.as_str());
    let (facts, on_press) = match package.seats {
        Some(seats) if !package.contact_sales => (
            column![
                text(fl!("wizard-package-seats", seats = seats)).size(12),
                text(fl!(
                    "wizard-package-price",
                    price = money(package.price_cents, &package.currency)
                ))
                .size(12),
            ],
            Message::PackageChosen {
                product: product.id.clone(),
                package: package.id.clone(),
            },
        ),
        _ => (
            column![text(fl!("wizard-package-sales")).size(12)],
            Message::ContactSales(Some(product.id.clone())),
        ),
    };
    let sales = matches!(on_press, Message::ContactSales(_));
    button(column![text(package.name.clone()).size(14), facts].spacing(2))
        .padding(10)
        .style(theme::nav_button(selected))
        .on_press_maybe((!locked || sales).then_some(to_wizard(on_press)))
        .into()
}

fn quote_field_error(field: &str, detail: &str) -> String {
    match field {
        "seats" => fl!("wizard-quote-seats-invalid"),
        "email" => fl!("error-code-invalid-email"),
        "products" => fl!("wizard-quote-products-required"),
        "message" => fl!("wizard-quote-message-too-long"),
        "name" | "company" => fl!("wizard-quote-text-invalid"),
        _ => detail.to_string(),
    }
}

/// Sales took over: what happens next.
pub fn view_quote_sent<'a>(next_steps: &str) -> Element<'a, super::Message> {
    column![
        text(fl!("wizard-quote-sent-title")).size(20),
        text(next_steps.to_string()).size(14),
        hint_line(fl!("wizard-quote-sent-hint")),
    ]
    .spacing(12)
    .into()
}

fn to_wizard(message: Message) -> super::Message {
    super::Message::Products(message)
}
