//! How the sheet looks: a header, the tabs, the current tab, the actions.

use std::collections::BTreeMap;

use crate::widget::focus::button;
use iced::widget::{Column, Space, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length};
use orgdesk_api::{EffectivePermission, Member, MembershipStatus};

use super::{Act, Details, Load, Message, Notice, Sheet, Tab};
use crate::fl;
use crate::screen::{short_time, sign_in_place};
use crate::theme;
use crate::widget::modal::{Confirm, confirm, modal};

const LABEL_WIDTH: f32 = 170.0;

impl Sheet {
    pub fn view(&self) -> Element<'_, Message> {
        let mut body = column![self.header(), self.tabs()].spacing(12);
        if let Some(notice) = &self.notice {
            body = body.push(match notice {
                Notice::Done(what) => text(what.clone()).size(13),
                Notice::Failed(why) => text(why.clone()).size(13).style(theme::error_text),
            });
        }
        if let Load::Failed(why) = &self.load {
            body = body.push(text(why.clone()).size(13).style(theme::error_text));
        }
        body = body
            .push(scrollable(container(self.tab_view()).padding([0, 12])).height(Length::Fill))
            .push(self.footer());
        let sheet = container(body.padding(20))
            .style(theme::card)
            .width(Length::Fill)
            .max_width(860.0)
            .height(Length::Fill)
            .max_height(660.0);
        match self.dialog.asking() {
            Some(&act) => modal(sheet, self.confirmation(act), Message::CancelConfirm),
            None => sheet.into(),
        }
    }

    fn header(&self) -> Element<'_, Message> {
        let (name, email, status) = match self.member() {
            Some(m) => (m.name.clone(), m.email.clone(), status_word(m.status)),
            None => (fl!("member-loading"), String::new(), String::new()),
        };
        let mut titles = column![
            row![
                text(name).size(22),
                text(status).size(14).style(theme::muted_text)
            ]
            .spacing(10)
            .align_y(Alignment::Center),
        ]
        .spacing(2);
        if !email.is_empty() {
            titles = titles.push(text(email).size(13).style(theme::muted_text));
        }
        let loading = self.load == Load::Loading && self.offline_as_of.is_none();
        let refresh = button(text(fl!("member-refresh")))
            .style(button::secondary)
            .on_press_maybe((self.offline_as_of.is_none() && !loading).then_some(Message::Refresh));
        // An action under way keeps the sheet open until the platform answers.
        let working = self.dialog.sending().is_some();
        let close = button(text(fl!("dialog-close")))
            .style(button::secondary)
            .on_press_maybe((!working).then_some(Message::Close));
        let copy_link = button(text(fl!("link-copy")))
            .style(button::secondary)
            .on_press(Message::CopyLink);
        let mut right = row![].spacing(8).align_y(Alignment::Center);
        if loading && self.details.is_some() {
            right = right.push(
                text(fl!("member-refreshing"))
                    .size(12)
                    .style(theme::muted_text),
            );
        }
        row![
            titles,
            Space::new().width(Length::Fill),
            right.push(copy_link).push(refresh).push(close)
        ]
        .align_y(Alignment::Start)
        .into()
    }

    fn tabs(&self) -> Element<'_, Message> {
        let details = self.details.as_ref();
        let groups = self.member().map_or(0, |m| m.groups.len());
        let permissions = details.and_then(|d| d.permissions.ready()).map(Vec::len);
        let tab = |label: String, tab: Tab| {
            button(text(label).size(14))
                .style(theme::nav_button(self.tab == tab))
                .on_press(Message::TabSelected(tab))
        };
        row![
            tab(fl!("member-tab-general"), Tab::General),
            tab(fl!("member-tab-contact"), Tab::Contact),
            tab(fl!("member-tab-groups", count = groups), Tab::MemberOf),
            tab(fl!("member-tab-sessions"), Tab::Sessions),
            tab(
                match permissions {
                    Some(count) => fl!("member-tab-permissions-count", count = count),
                    None => fl!("member-tab-permissions"),
                },
                Tab::Permissions
            ),
        ]
        .spacing(4)
        .into()
    }

    fn tab_view(&self) -> Element<'_, Message> {
        let Some(member) = self.member() else {
            return text(fl!("member-loading")).into();
        };
        let details = self.details.as_ref();
        match (self.tab, details) {
            (Tab::General, _) => general(member, details),
            (Tab::Contact, _) => contact(member, details),
            (_, None) => text(fl!("member-loading")).into(),
            (Tab::MemberOf, Some(d)) => member_of(d),
            (Tab::Sessions, Some(d)) => self.sessions(d),
            (Tab::Permissions, Some(d)) => permissions(d),
        }
    }

    fn footer(&self) -> Element<'_, Message> {
        let off = self.actions_off();
        let enabled = |message: Message| off.is_none().then_some(message);
        let status_action = if self.suspended() {
            button(text(fl!("member-reactivate")))
                .style(button::primary)
                .on_press_maybe(enabled(Message::Ask(Act::Reactivate)))
        } else {
            button(text(fl!("member-suspend")))
                .style(button::danger)
                .on_press_maybe(enabled(Message::Ask(Act::Suspend)))
        };
        // Only the managing organization reaches the password; any other
        // signs the member out of itself.
        let reset = if self.managed() {
            button(text(fl!("member-force-reset")))
                .style(button::secondary)
                .on_press_maybe(enabled(Message::Ask(Act::ForceReset)))
        } else {
            button(text(fl!("member-sign-out")))
                .style(button::secondary)
                .on_press_maybe(enabled(Message::Ask(Act::SignOut)))
        };
        let mut footer = row![status_action, reset]
            .spacing(8)
            .align_y(Alignment::Center);
        if let Some(why) = off {
            footer = footer.push(text(why).size(13).style(theme::muted_text));
        }
        footer.into()
    }

    fn confirmation(&self, act: Act) -> Element<'_, Message> {
        let name = self.member().map(|m| m.name.clone()).unwrap_or_default();
        let (title, body, action, destructive) = match act {
            Act::Suspend => (
                fl!("member-suspend-title", name = name.clone()),
                fl!("member-suspend-body", name = name),
                fl!("member-suspend"),
                true,
            ),
            Act::Reactivate => (
                fl!("member-reactivate-title", name = name.clone()),
                fl!("member-reactivate-body", name = name),
                fl!("member-reactivate"),
                false,
            ),
            Act::ForceReset => (
                fl!("member-reset-title", name = name.clone()),
                fl!("member-reset-body", name = name),
                fl!("member-force-reset"),
                true,
            ),
            Act::SignOut => (
                fl!("member-sign-out-title", name = name.clone()),
                fl!("member-sign-out-body", name = name),
                fl!("member-sign-out"),
                true,
            ),
        };
        confirm(Confirm {
            title,
            body,
            action,
            destructive,
            on_confirm: Message::Confirm,
            on_cancel: Message::CancelConfirm,
        })
    }

    fn sessions<'a>(&'a self, details: &'a Details) -> Element<'a, Message> {
        let Some(sessions) = details.sessions.ready() else {
            return refused(details.sessions.refusal());
        };
        if sessions.items.is_empty() {
            return text(fl!("member-sessions-empty")).into();
        }
        let header = table_row(
            [
                fl!("member-col-signed-in"),
                fl!("member-col-last-seen"),
                fl!("member-col-ip"),
                fl!("member-col-location"),
                fl!("member-col-device"),
                fl!("member-col-ended"),
            ],
            None,
        );
        let unknown = || fl!("member-session-unknown");
        let rows = sessions.items.iter().enumerate().map(|(i, s)| {
            table_row(
                [
                    short_time(s.created_at),
                    short_time(s.last_seen_at),
                    s.ip.clone().unwrap_or_else(unknown),
                    sign_in_place(s).unwrap_or_else(unknown),
                    s.device.clone().unwrap_or_else(unknown),
                    s.revoked_at
                        .map_or_else(|| fl!("member-session-open"), short_time),
                ],
                Some(i % 2 == 1),
            )
        });
        let mut list = column![header, Column::with_children(rows)].spacing(0);
        let mut tail = row![
            text(fl!(
                "member-sessions-count",
                shown = sessions.items.len(),
                total = sessions.total
            ))
            .size(12)
            .style(theme::muted_text)
        ]
        .spacing(12)
        .align_y(Alignment::Center);
        if sessions.next_cursor.is_some() && self.offline_as_of.is_none() {
            tail = tail.push(
                button(text(fl!("member-sessions-more")).size(13))
                    .style(button::secondary)
                    .on_press_maybe(
                        self.sessions_tag
                            .current()
                            .is_none()
                            .then_some(Message::MoreSessions),
                    ),
            );
        }
        list = list.push(container(tail).padding([8, 0]));
        list.into()
    }
}

fn status_word(status: MembershipStatus) -> String {
    match status {
        MembershipStatus::Active => fl!("status-active"),
        MembershipStatus::Suspended => fl!("status-suspended"),
    }
}

/// A label and its value, one line of a property sheet.
fn field<'a>(label: String, value: String) -> Element<'a, Message> {
    row![
        container(text(label).size(13).style(theme::muted_text)).width(Length::Fixed(LABEL_WIDTH)),
        text(value).size(14),
    ]
    .spacing(12)
    .align_y(Alignment::Center)
    .into()
}

fn given(value: Option<&String>) -> String {
    value
        .filter(|v| !v.trim().is_empty())
        .cloned()
        .unwrap_or_else(|| fl!("member-not-given"))
}

/// A section the platform would not show, and why.
fn refused<'a>(why: Option<String>) -> Element<'a, Message> {
    text(why.unwrap_or_default())
        .size(13)
        .style(theme::error_text)
        .into()
}

fn general<'a>(member: &'a Member, details: Option<&'a Details>) -> Element<'a, Message> {
    let profile = details.and_then(|d| d.profile.ready());
    let since = profile.map(|p| p.status_since).or(match member.status {
        MembershipStatus::Suspended => member.suspended_at,
        MembershipStatus::Active => None,
    });
    let status = match (member.status, since) {
        (MembershipStatus::Active, Some(at)) => {
            fl!("member-status-active-since", time = short_time(at))
        }
        (MembershipStatus::Suspended, Some(at)) => {
            fl!("member-status-suspended-since", time = short_time(at))
        }
        (status, None) => status_word(status),
    };
    let managed = profile.map_or(member.managed, |p| p.managed);
    let mut fields = column![
        field(fl!("member-field-name"), member.name.clone()),
        field(fl!("member-field-status"), status),
        field(
            fl!("member-field-account"),
            if managed {
                fl!("member-account-managed")
            } else {
                fl!("member-account-not-managed")
            }
        ),
    ]
    .spacing(10);
    if profile.is_some_and(|p| p.password_reset_required) {
        fields = fields.push(field(
            fl!("member-field-password"),
            fl!("member-reset-pending"),
        ));
    }
    if let Some(p) = profile.filter(|p| !p.contact_withheld) {
        fields = fields
            .push(field(
                fl!("member-field-job-title"),
                given(p.job_title.as_ref()),
            ))
            .push(field(
                fl!("member-field-department"),
                given(p.department.as_ref()),
            ));
    }
    fields = fields
        .push(field(
            fl!("member-field-joined"),
            short_time(member.joined_at),
        ))
        .push(field(
            fl!("member-field-last-login"),
            member
                .last_login_at
                .map_or_else(|| fl!("member-never"), short_time),
        ))
        .push(field(
            fl!("member-field-updated"),
            short_time(member.updated_at),
        ));
    if let Some(why) = details.and_then(|d| d.profile.refusal()) {
        fields = fields.push(refused(Some(why)));
    }
    fields.into()
}

fn contact<'a>(member: &'a Member, details: Option<&'a Details>) -> Element<'a, Message> {
    let Some(profile) = details.and_then(|d| d.profile.ready()) else {
        let mut fields =
            column![field(fl!("member-field-email"), member.email.clone())].spacing(10);
        if let Some(why) = details.and_then(|d| d.profile.refusal()) {
            fields = fields.push(refused(Some(why)));
        }
        return fields.into();
    };
    let verified = if profile.email_verified {
        fl!("member-email-verified")
    } else {
        fl!("member-email-unverified")
    };
    let email = field(
        fl!("member-field-email"),
        format!("{} ({verified})", profile.email),
    );
    if profile.contact_withheld {
        // Withheld, not missing: say why rather than "not given".
        let why = if profile.managed {
            fl!("member-contact-needs-permission")
        } else {
            fl!("member-contact-not-managed")
        };
        return column![email, text(why).size(13).style(theme::muted_text)]
            .spacing(10)
            .into();
    }
    column![
        email,
        field(fl!("member-field-phone"), given(profile.phone.as_ref())),
        field(fl!("member-field-address"), given(profile.address.as_ref())),
    ]
    .spacing(10)
    .into()
}

fn product_name(details: &Details, product: &str) -> String {
    if product == "platform" {
        return fl!("member-product-platform");
    }
    details
        .products
        .get(product)
        .cloned()
        .unwrap_or_else(|| product.to_string())
}

fn member_of(details: &Details) -> Element<'_, Message> {
    let member = &details.member;
    if member.groups.is_empty() {
        return text(fl!("member-groups-empty", name = member.name.clone())).into();
    }
    let header = table_row(
        [
            fl!("member-col-group"),
            fl!("member-col-product"),
            fl!("member-col-description"),
            fl!("member-col-ends"),
        ],
        None,
    );
    let now = time::OffsetDateTime::now_utc();
    let full = details.groups.ready();
    let rows = member.groups.iter().enumerate().map(|(i, group)| {
        let found = full.and_then(|all| all.iter().find(|g| g.id == group.id));
        let product = match found {
            Some(g) => match &g.product {
                Some(p) => product_name(details, p),
                None if g.builtin => fl!("member-group-builtin"),
                None => fl!("member-group-custom"),
            },
            None => String::new(),
        };
        let description = found.map(|g| g.description.clone()).unwrap_or_default();
        let ends = crate::screen::expiry::of(member, group.id)
            .map(|at| crate::screen::expiry::ends(at, now))
            .unwrap_or_default();
        table_row(
            [group.name.clone(), product, description, ends],
            Some(i % 2 == 1),
        )
    });
    let mut list = column![header, Column::with_children(rows)];
    if let Some(why) = details.groups.refusal() {
        list = list.push(
            container(text(fl!("member-groups-names-only", reason = why)).size(13)).padding([8, 0]),
        );
    }
    list.into()
}

fn permissions(details: &Details) -> Element<'_, Message> {
    let Some(held) = details.permissions.ready() else {
        return refused(details.permissions.refusal());
    };
    let member = &details.member;
    if held.is_empty() {
        return text(match member.status {
            MembershipStatus::Suspended => fl!("member-permissions-suspended"),
            MembershipStatus::Active => {
                fl!("member-permissions-empty", name = member.name.clone())
            }
        })
        .into();
    }
    // The platform's own permissions first, then each product's.
    let mut by_product: BTreeMap<(bool, String), Vec<&EffectivePermission>> = BTreeMap::new();
    for p in held {
        let name = product_name(details, &p.product);
        by_product
            .entry((p.product != "platform", name))
            .or_default()
            .push(p);
    }
    let sections = by_product.into_iter().map(|((_, product), perms)| {
        let items = perms.into_iter().map(|p| {
            let groups = p
                .granted_by
                .iter()
                .map(|g| g.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            column![
                row![
                    text(p.permission.clone()).size(14),
                    text(p.description.clone()).size(13),
                ]
                .spacing(12),
                text(fl!("member-granted-by", groups = groups))
                    .size(12)
                    .style(theme::muted_text),
            ]
            .spacing(2)
            .into()
        });
        column![
            text(product).size(16),
            Column::with_children(items).spacing(8).padding([0, 12])
        ]
        .spacing(6)
        .into()
    });
    Column::with_children(sections).spacing(16).into()
}

/// One row of a small table; `None` for the header.
fn table_row<'a, const N: usize>(cells: [String; N], odd: Option<bool>) -> Element<'a, Message> {
    let cells = cells.into_iter().map(|value| {
        container(text(value).size(13))
            .padding([6, 8])
            .width(Length::Fill)
            .clip(true)
            .into()
    });
    let line = iced::widget::Row::with_children(cells).spacing(4);
    match odd {
        None => container(line).style(theme::table_header).into(),
        Some(odd) => container(line).style(theme::table_row(false, odd)).into(),
    }
}
