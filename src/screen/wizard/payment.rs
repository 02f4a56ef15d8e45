//! Steps 4 to 6: the platform's price overview, the payment on the
//! provider's checkout page (opened in the browser while the wizard polls
//! the organization until it is active), and the end.

use std::sync::Arc;

use crate::widget::focus::button;
use iced::widget::{Space, column, container, row, text};
use iced::{Alignment, Element, Length, Task};
use orgdesk_api::{Checkout, OrgStatus, Organization, Overview, Payment, PaymentStatus};
use orgdesk_client::Error;

use super::money::{money, percent};
use super::{Action, Country, POLL_INTERVAL, Step, Wizard, error_line, hint_line};
use crate::fl;
use crate::remote::Tag;
use crate::theme;

/// Opens a checkout address where the person can pay; `Err` says why it could not.
pub type Opener = Arc<dyn Fn(&str) -> Result<(), String> + Send + Sync>;

/// The system's browser.
pub fn browser() -> Opener {
    Arc::new(|url| {
        // Only web addresses go to the system's opener: a `file:` or UNC
        // path from a misbehaving server would be launched as a program.
        let lower = url.trim().to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) {
            return Err(crate::fl!("wizard-checkout-not-web", url = url.to_string()));
        }
        open::that_detached(url).map_err(|e| e.to_string())
    })
}

#[derive(Debug, Clone, PartialEq)]
pub enum PaymentState {
    /// Not started.
    Idle,
    /// Asking the platform for the checkout.
    Opening,
    /// The checkout page is open; the organization is polled.
    Waiting {
        url: String,
        /// The browser could not be opened: the address is shown instead.
        browser_failed: Option<String>,
        /// The last card was declined, and why (in words).
        declined: Option<String>,
        /// The last poll failed (the wait goes on).
        trouble: Option<String>,
    },
    /// The person stopped waiting; the organization still waits for its payment.
    Cancelled,
    /// The checkout could not be opened.
    Failed(String),
}

impl PaymentState {
    /// Waiting for the platform or the payment: leaving is by Cancel only.
    pub fn is_busy(&self) -> bool {
        matches!(self, Self::Opening | Self::Waiting { .. })
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    CheckoutOpened(Result<Checkout, Error>),
    BrowserOpened(Result<(), String>),
    PollDue(Tag),
    /// "I have paid": asks now instead of at the next poll.
    CheckNow,
    PaymentChecked {
        tag: Tag,
        result: Result<Payment, Error>,
    },
    OrganizationChecked {
        tag: Tag,
        result: Result<Box<Organization>, Error>,
    },
    Cancel,
    /// Opens the checkout again (after a decline, a cancel or a failure).
    Retry,
}

impl Wizard {
    pub(super) fn update_payment(&mut self, message: Message) -> Action {
        match message {
            Message::CheckoutOpened(result) => self.checkout_opened(result),
            Message::BrowserOpened(result) => {
                if let (PaymentState::Waiting { browser_failed, .. }, Err(why)) =
                    (&mut self.payment, result)
                {
                    *browser_failed = Some(why);
                }
                Action::None
            }
            Message::PollDue(tag) if self.wait.is(tag) => self.check_payment(),
            Message::PollDue(_) => Action::None,
            Message::CheckNow if matches!(self.payment, PaymentState::Waiting { .. }) => {
                // The timer on its way is superseded.
                self.wait.ask();
                self.check_payment()
            }
            Message::CheckNow => Action::None,
            Message::PaymentChecked { tag, result } if self.wait.is(tag) => {
                self.payment_checked(result)
            }
            Message::OrganizationChecked { tag, result } if self.wait.is(tag) => {
                self.organization_checked(result)
            }
            Message::PaymentChecked { .. } | Message::OrganizationChecked { .. } => Action::None,
            Message::Cancel => {
                self.stop_waiting();
                self.payment = PaymentState::Cancelled;
                Action::None
            }
            Message::Retry => self.pay(),
        }
    }

    /// Asks for the checkout and opens it.
    pub(super) fn pay(&mut self) -> Action {
        let Some(org) = &self.org else {
            return Action::None;
        };
        if self.is_active() {
            self.step = Step::Done;
            return Action::None;
        }
        self.wait.ask();
        self.payment = PaymentState::Opening;
        let (client, id) = (self.client.clone(), org.id.to_string());
        Action::Run(Task::perform(
            async move { client.checkout(&id).await },
            |result| to_wizard(Message::CheckoutOpened(result)),
        ))
    }

    /// Drops the answers of any poll under way.
    pub(super) fn stop_waiting(&mut self) {
        self.wait.forget();
        if self.payment.is_busy() {
            self.payment = PaymentState::Idle;
        }
    }

    fn checkout_opened(&mut self, result: Result<Checkout, Error>) -> Action {
        if self.payment != PaymentState::Opening {
            return Action::None;
        }
        match result {
            Ok(checkout) => {
                self.payment = PaymentState::Waiting {
                    url: checkout.checkout_url.clone(),
                    browser_failed: None,
                    declined: None,
                    trouble: None,
                };
                let opener = self.opener.clone();
                let url = checkout.checkout_url;
                let open = Task::perform(async move { opener(&url) }, |result| {
                    to_wizard(Message::BrowserOpened(result))
                });
                Action::Run(Task::batch([open, self.next_poll()]))
            }
            Err(e) if e.code() == Some(orgdesk_api::codes::ALREADY_PAID) => {
                // Paid meanwhile (another window, or an earlier try): see it.
                self.payment = PaymentState::Waiting {
                    url: String::new(),
                    browser_failed: None,
                    declined: None,
                    trouble: None,
                };
                self.check_payment()
            }
            Err(e) => {
                self.payment = PaymentState::Failed(super::super::describe(&e));
                Action::None
            }
        }
    }

    fn next_poll(&self) -> Task<super::Message> {
        let Some(tag) = self.wait.current() else {
            return Task::none();
        };
        Task::perform(
            async { tokio::time::sleep(POLL_INTERVAL).await },
            move |()| to_wizard(Message::PollDue(tag)),
        )
    }

    fn check_payment(&self) -> Action {
        let (Some(org), Some(tag)) = (&self.org, self.wait.current()) else {
            return Action::None;
        };
        let (client, id) = (self.client.clone(), org.id.to_string());
        Action::Run(Task::perform(
            async move { client.payment(&id).await },
            move |result| to_wizard(Message::PaymentChecked { tag, result }),
        ))
    }

    fn payment_checked(&mut self, result: Result<Payment, Error>) -> Action {
        let PaymentState::Waiting {
            declined, trouble, ..
        } = &mut self.payment
        else {
            return Action::None;
        };
        *trouble = None;
        match result {
            Ok(payment) => match payment.status {
                PaymentStatus::Paid => {
                    let (Some(org), Some(tag)) = (&self.org, self.wait.current()) else {
                        return Action::None;
                    };
                    let (client, id) = (self.client.clone(), org.id.to_string());
                    return Action::Run(Task::perform(
                        async move { client.org(&id).await.map(Box::new) },
                        move |result| to_wizard(Message::OrganizationChecked { tag, result }),
                    ));
                }
                PaymentStatus::Declined => {
                    *declined = Some(decline_words(payment.decline_reason.as_deref()));
                }
                PaymentStatus::Open => *declined = None,
            },
            Err(e) => *trouble = Some(super::super::describe(&e)),
        }
        Action::Run(self.next_poll())
    }

    fn organization_checked(&mut self, result: Result<Box<Organization>, Error>) -> Action {
        match result {
            Ok(org) if org.status == OrgStatus::Active => {
                self.org = Some(*org);
                self.payment = PaymentState::Idle;
                self.wait.forget();
                self.step = Step::Done;
                Action::None
            }
            Ok(org) => {
                self.org = Some(*org);
                Action::Run(self.next_poll())
            }
            Err(e) => {
                if let PaymentState::Waiting { trouble, .. } = &mut self.payment {
                    *trouble = Some(super::super::describe(&e));
                }
                Action::Run(self.next_poll())
            }
        }
    }

    pub(super) fn view_overview(&self) -> Element<'_, super::Message> {
        let Some(org) = &self.org else {
            return hint_line(String::new());
        };
        let country =
            Country::of(&org.country).map_or_else(|| org.country.clone(), |c| c.to_string());
        let mut summary = column![
            text(org.name.clone()).size(20),
            hint_line(fl!(
                "wizard-overview-subdomain",
                subdomain = org.subdomain.clone()
            )),
            hint_line(country),
            hint_line(org.address.clone()),
            hint_line(fl!(
                "wizard-overview-billing",
                email = org.billing_email.clone()
            )),
        ]
        .spacing(2);
        if let Some(vat) = &org.vat_id {
            summary = summary.push(hint_line(fl!(
                "wizard-overview-vat-id",
                vat_id = vat.clone()
            )));
        }
        let mut page = column![summary].spacing(16);
        match &org.overview {
            Some(overview) => page = page.push(overview_table(overview)),
            None => page = page.push(hint_line(fl!("wizard-overview-none"))),
        }
        page = page.push(hint_line(fl!("wizard-overview-waiting")));
        page.into()
    }

    pub(super) fn view_payment(&self) -> Element<'_, super::Message> {
        let total = self
            .org
            .as_ref()
            .and_then(|o| o.overview.as_ref())
            .map(|o| money(o.total_cents, &o.currency))
            .unwrap_or_default();
        let retry = |label: String| {
            button(text(label))
                .style(button::primary)
                .on_press(to_wizard(Message::Retry))
        };
        let page = match &self.payment {
            PaymentState::Idle => column![retry(fl!("wizard-payment-open"))],
            PaymentState::Opening => column![hint_line(fl!("wizard-payment-opening"))],
            PaymentState::Waiting {
                url,
                browser_failed,
                declined,
                trouble,
            } => {
                let mut page = column![
                    text(fl!("wizard-payment-waiting", total = total.clone())).size(16),
                    hint_line(fl!("wizard-payment-waiting-hint")),
                ]
                .spacing(8);
                if let Some(why) = browser_failed {
                    page = page.push(error_line(fl!(
                        "wizard-payment-no-browser",
                        reason = why.clone()
                    )));
                    page = page.push(
                        row![
                            text(url.clone()).size(13),
                            button(text(fl!("wizard-payment-copy")).size(13))
                                .style(button::secondary)
                                .on_press(to_wizard_copy(url.clone())),
                        ]
                        .spacing(8)
                        .align_y(Alignment::Center),
                    );
                }
                if let Some(why) = declined {
                    page = page.push(error_line(why.clone()));
                    page = page.push(hint_line(fl!("wizard-payment-declined-hint")));
                }
                if let Some(why) = trouble {
                    page = page.push(error_line(fl!(
                        "wizard-payment-trouble",
                        reason = why.clone()
                    )));
                }
                page.push(
                    row![
                        button(text(fl!("wizard-payment-check")))
                            .style(button::primary)
                            .on_press(to_wizard(Message::CheckNow)),
                        button(text(fl!("wizard-payment-reopen")))
                            .style(button::secondary)
                            .on_press(to_wizard(Message::Retry)),
                        Space::new().width(Length::Fill),
                        button(text(fl!("wizard-payment-cancel")))
                            .style(button::secondary)
                            .on_press(to_wizard(Message::Cancel)),
                    ]
                    .spacing(8),
                )
            }
            PaymentState::Cancelled => column![
                text(fl!("wizard-payment-cancelled")).size(16),
                hint_line(fl!("wizard-payment-cancelled-hint")),
                retry(fl!("wizard-payment-retry")),
            ],
            PaymentState::Failed(why) => {
                column![error_line(why.clone()), retry(fl!("wizard-payment-retry")),]
            }
        };
        page.spacing(12).into()
    }

    pub(super) fn view_done(&self) -> Element<'_, super::Message> {
        let name = self
            .org
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default();
        column![
            text(fl!("wizard-done-title", name = name.clone())).size(20),
            hint_line(fl!("wizard-done-hint")),
            button(text(fl!("wizard-done-open", name = name)))
                .style(button::primary)
                .on_press(super::Message::OpenOrganization),
        ]
        .spacing(12)
        .into()
    }
}

/// Line items, net, VAT (or the reverse-charge note) and the total.
fn overview_table<'a>(overview: &Overview) -> Element<'a, super::Message> {
    let currency = overview.currency.as_str();
    let line = |label: String, amount: String, size: f32| {
        row![
            text(label).size(size).width(Length::Fill),
            text(amount).size(size),
        ]
        .spacing(8)
    };
    let mut table = column![].spacing(6);
    for item in &overview.items {
        table = table.push(
            row![
                column![
                    text(format!("{} {}", item.product_name, item.package_name)).size(14),
                    hint_line(fl!("wizard-package-seats", seats = item.seats)),
                ]
                .width(Length::Fill),
                text(money(item.amount_cents, currency)).size(14),
            ]
            .spacing(8),
        );
    }
    table = table.push(iced::widget::rule::horizontal(1));
    table = table.push(line(
        fl!("wizard-net"),
        money(overview.net_cents, currency),
        14.0,
    ));
    table = table.push(line(
        fl!("wizard-vat", rate = percent(overview.vat_rate_bp)),
        money(overview.vat_cents, currency),
        14.0,
    ));
    if overview.reverse_charge {
        table = table.push(hint_line(fl!("wizard-reverse-charge")));
    }
    table = table.push(line(
        fl!("wizard-total"),
        money(overview.total_cents, currency),
        18.0,
    ));
    table = table.push(hint_line(fl!("wizard-billed-monthly")));
    container(table)
        .padding(16)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

/// The provider's decline reason ("card_declined: …") in words.
fn decline_words(reason: Option<&str>) -> String {
    let code = reason
        .and_then(|r| r.split_once(':').map(|(code, _)| code.trim()))
        .or(reason);
    match code {
        Some("card_declined") => fl!("wizard-declined-card"),
        Some("card_not_supported") => fl!("wizard-declined-unsupported"),
        Some(_) => fl!(
            "wizard-declined-other",
            reason = reason
                .and_then(|r| r.split_once(':').map(|(_, words)| words.trim()))
                .or(reason)
                .unwrap_or_default()
                .to_string()
        ),
        None => fl!("wizard-declined-unknown"),
    }
}

fn to_wizard(message: Message) -> super::Message {
    super::Message::Payment(message)
}

fn to_wizard_copy(url: String) -> super::Message {
    super::Message::CopyLink(url)
}
