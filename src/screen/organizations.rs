//! The Organization section: the organization in view (address, plan, seats,
//! products) and every organization of the account, with Open and "Create
//! new organization". Signing in at the platform's own address lands here.

use crate::widget::focus::button;
use iced::widget::{column, container, row, scrollable, text};
use iced::{Element, Length};
use orgdesk_api::{MembershipStatus, MyOrganization, OrgStatus, Organization};
use uuid::Uuid;

use crate::fl;
use crate::theme;

#[derive(Debug, Clone)]
pub enum Message {
    Open(Uuid),
    /// Pay for an organization that waits for its payment.
    Pay(Uuid),
    Create,
    /// The Domains panel of the organization in view.
    Domains(super::domains::Message),
}

fn status_words(status: OrgStatus) -> String {
    match status {
        OrgStatus::Active => fl!("org-status-active"),
        OrgStatus::PendingPayment => fl!("org-status-pending-payment"),
        OrgStatus::Suspended => fl!("org-status-suspended"),
    }
}

/// `current` is the id of the organization in view; `offline` disables
/// what needs the platform; `domains` is its Domains panel, when built.
pub fn view<'a>(
    organizations: &'a [MyOrganization],
    details: Option<&'a Organization>,
    current: Option<&str>,
    offline: bool,
    domains: Option<&'a super::domains::Domains>,
) -> Element<'a, Message> {
    let mut page = column![].spacing(16).padding(24).max_width(900);
    if let Some(org) = details {
        let field = |label: String, value: String| {
            row![
                text(label)
                    .size(13)
                    .width(Length::Fixed(160.0))
                    .style(theme::muted_text),
                text(value).size(14),
            ]
            .spacing(8)
        };
        let products = org
            .products
            .iter()
            .map(|p| format!("{} ({})", p.product, p.package))
            .collect::<Vec<_>>()
            .join(", ");
        page = page.push(
            container(
                column![
                    text(org.name.clone()).size(22),
                    field(fl!("org-subdomain"), org.subdomain.clone()),
                    field(fl!("org-status"), status_words(org.status)),
                    field(fl!("org-country"), crate::locale::country(&org.country)),
                    field(fl!("org-address"), org.address.clone()),
                    field(fl!("org-billing-email"), org.billing_email.clone()),
                    field(
                        fl!("org-vat"),
                        org.vat_id.clone().unwrap_or_else(|| fl!("org-none"))
                    ),
                    field(fl!("org-products"), products),
                    field(
                        fl!("org-seats"),
                        fl!(
                            "members-seats",
                            used = org.subscription.seats_used,
                            limit = org.subscription.seat_limit
                        )
                    ),
                    field(fl!("org-created"), super::short_time(org.created_at)),
                ]
                .spacing(8),
            )
            .padding(16)
            .style(theme::card),
        );
    }
    if let Some(domains) = domains {
        page = page.push(domains.view().map(Message::Domains));
    }
    let create = button(text(fl!("org-create")))
        .style(button::primary)
        .on_press_maybe((!offline).then_some(Message::Create));
    page = page.push(
        row![
            text(fl!("org-yours")).size(18),
            iced::widget::Space::new().width(Length::Fill),
            create
        ]
        .align_y(iced::Alignment::Center),
    );
    if organizations.is_empty() {
        page = page.push(text(fl!("org-none-yet")).size(14));
    }
    for org in organizations {
        let suspended = org.membership_status == MembershipStatus::Suspended;
        let groups = org
            .groups
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut facts = column![
            text(org.name.clone()).size(16),
            text(format!("{} · {}", org.subdomain, status_words(org.status)))
                .size(12)
                .style(theme::muted_text),
        ]
        .spacing(2);
        if suspended {
            facts = facts.push(
                text(fl!("org-membership-suspended"))
                    .size(12)
                    .style(theme::error_text),
            );
        } else if !groups.is_empty() {
            facts = facts.push(text(fl!("org-your-groups", groups = groups)).size(12));
        }
        let here = current == Some(org.id.to_string().as_str());
        let open = if org.status == OrgStatus::PendingPayment {
            button(text(fl!("org-pay")))
                .style(button::primary)
                .on_press_maybe((!offline).then_some(Message::Pay(org.id)))
        } else {
            button(text(if here {
                fl!("org-in-view")
            } else {
                fl!("org-open")
            }))
            .style(button::secondary)
            .on_press_maybe((!offline && !suspended && !here).then_some(Message::Open(org.id)))
        };
        page = page.push(
            container(
                row![facts.width(Length::Fill), open]
                    .spacing(12)
                    .align_y(iced::Alignment::Center),
            )
            .padding(12)
            .style(theme::card),
        );
    }
    scrollable(container(page).width(Length::Fill)).into()
}
