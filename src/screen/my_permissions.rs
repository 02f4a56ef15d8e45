//! My Permissions: every permission the signed-in person holds in the
//! current organization, grouped by product, each with its description and
//! the groups that grant it. The search box filters what is loaded; when
//! there is nothing to show, the screen says why.

use std::collections::BTreeMap;

use iced::widget::{Id, column, container, row, scrollable, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{EffectivePermission, MyOrganization, codes};
use orgdesk_client::{Client, Error};

use crate::fl;
use crate::theme;
use crate::widget::chip::chip;

/// The product id of the organization's own permissions (members, groups, billing).
const PLATFORM: &str = "platform";

pub fn search_id() -> Id {
    Id::new("perms-search")
}

pub struct MyPermissions {
    client: Client,
    org: String,
    query: String,
    state: State,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    Ready(Box<Overview>),
    /// The membership here is suspended: no permissions while it is.
    Suspended,
    Failed(String),
}

/// The permissions and what explains them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overview {
    pub permissions: Vec<EffectivePermission>,
    /// The person's membership here (the organization's name, their groups), when known.
    pub membership: Option<MyOrganization>,
    /// Product names by id, from the catalog.
    pub products: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    QueryChanged(String),
    /// Ctrl+R.
    Refresh,
    Loaded(Result<Box<Overview>, Error>),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

impl MyPermissions {
    /// `org` is the organization's id or subdomain.
    pub fn new(client: Client, org: String) -> (Self, Task<Message>) {
        let screen = Self {
            client,
            org,
            query: String::new(),
            state: State::Loading,
        };
        let task = screen.load();
        (screen, task)
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::QueryChanged(query) => {
                self.query = query;
                Action::None
            }
            Message::Refresh => Action::Run(self.load()),
            Message::Loaded(result) => self.loaded(result),
        }
    }

    fn load(&self) -> Task<Message> {
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move { overview(&client, &org).await.map(Box::new) },
            Message::Loaded,
        )
    }

    fn loaded(&mut self, result: Result<Box<Overview>, Error>) -> Action {
        self.state = match result {
            Ok(overview) => State::Ready(overview),
            Err(e) if e.code() == Some(codes::MEMBERSHIP_SUSPENDED) => State::Suspended,
            Err(e) => State::Failed(super::describe(&e)),
        };
        Action::None
    }

    /// The permissions that match the search, by product (platform first, then by name).
    pub fn visible(&self) -> Vec<(String, Vec<&EffectivePermission>)> {
        let State::Ready(overview) = &self.state else {
            return Vec::new();
        };
        let needle = self.query.trim().to_lowercase();
        let mut by_product: BTreeMap<(bool, String), Vec<&EffectivePermission>> = BTreeMap::new();
        for permission in &overview.permissions {
            let product = product_name(overview, &permission.product);
            if !needle.is_empty() && !matches(permission, &product, &needle) {
                continue;
            }
            by_product
                .entry((permission.product != PLATFORM, product))
                .or_default()
                .push(permission);
        }
        by_product
            .into_iter()
            .map(|((_, product), mut permissions)| {
                permissions.sort_by(|a, b| a.permission.cmp(&b.permission));
                (product, permissions)
            })
            .collect()
    }

    pub fn view(&self) -> Element<'_, Message> {
        let overview = match &self.state {
            State::Loading => {
                return page(None, text(fl!("perms-loading")).style(theme::muted_text));
            }
            State::Failed(why) => return page(None, text(why.clone()).style(theme::error_text)),
            State::Suspended => return page(None, empty(fl!("perms-empty-suspended"))),
            State::Ready(overview) => overview,
        };
        let org = overview.membership.as_ref().map(|m| m.name.as_str());
        if overview.permissions.is_empty() {
            return page(org, empty(why_empty(overview)));
        }
        let groups = granting_groups(overview);
        let search = text_input(&fl!("perms-search"), &self.query)
            .id(search_id())
            .on_input(Message::QueryChanged)
            .padding(8);
        let summary = text(fl!(
            "perms-summary",
            count = overview.permissions.len(),
            groups = groups
        ))
        .size(13)
        .style(theme::muted_text);
        let visible = self.visible();
        let list: Element<'_, Message> = if visible.is_empty() {
            empty(fl!("perms-no-match", query = self.query.trim().to_string()))
        } else {
            let mut list = column![].spacing(16);
            for (product, permissions) in visible {
                list = list.push(product_section(product, permissions));
            }
            scrollable(container(list).padding(iced::Padding::ZERO.right(16)))
                .height(Length::Fill)
                .into()
        };
        page(org, column![search, summary, list].spacing(12))
    }
}

/// The permissions, the membership and the product names, asked at once.
async fn overview(client: &Client, org: &str) -> Result<Overview, Error> {
    let (permissions, orgs, catalog) = tokio::join!(
        client.my_permissions(org),
        client.my_organizations(),
        client.catalog()
    );
    let membership = orgs.ok().and_then(|orgs| {
        orgs.into_iter()
            .find(|o| o.id.to_string() == org || o.subdomain == org)
    });
    let products = catalog
        .map(|c| c.products.into_iter().map(|p| (p.id, p.name)).collect())
        .unwrap_or_default();
    Ok(Overview {
        permissions: permissions?,
        membership,
        products,
    })
}

fn product_name(overview: &Overview, product: &str) -> String {
    if product == PLATFORM {
        return fl!("perms-product-platform");
    }
    overview
        .products
        .get(product)
        .cloned()
        .unwrap_or_else(|| product.to_string())
}

fn matches(permission: &EffectivePermission, product: &str, needle: &str) -> bool {
    permission.permission.to_lowercase().contains(needle)
        || permission.description.to_lowercase().contains(needle)
        || product.to_lowercase().contains(needle)
        || permission
            .granted_by
            .iter()
            .any(|g| g.name.to_lowercase().contains(needle))
}

/// How many distinct groups grant anything.
fn granting_groups(overview: &Overview) -> usize {
    let mut ids: Vec<_> = overview
        .permissions
        .iter()
        .flat_map(|p| p.granted_by.iter().map(|g| g.group_id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// Why a member with access holds nothing: no groups, or groups that grant nothing.
fn why_empty(overview: &Overview) -> String {
    match &overview.membership {
        None => fl!("perms-empty"),
        Some(m) if m.groups.is_empty() => fl!("perms-empty-no-groups", org = m.name.clone()),
        Some(m) => fl!(
            "perms-empty-groups-grant-nothing",
            groups = m
                .groups
                .iter()
                .map(|g| g.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn product_section<'a>(
    product: String,
    permissions: Vec<&'a EffectivePermission>,
) -> Element<'a, Message> {
    let mut rows = column![
        text(fl!(
            "perms-product",
            product = product,
            count = permissions.len()
        ))
        .size(18)
    ]
    .spacing(8);
    for permission in permissions {
        let mut chips = row![
            text(fl!("perms-granted-by"))
                .size(12)
                .style(theme::muted_text)
        ]
        .spacing(6)
        .align_y(iced::Alignment::Center);
        for group in &permission.granted_by {
            chips = chips.push(chip(group.name.clone()));
        }
        rows = rows.push(
            container(
                column![
                    text(permission.permission.clone()).size(14),
                    text(permission.description.clone())
                        .size(13)
                        .style(theme::muted_text),
                    chips.wrap(),
                ]
                .spacing(4),
            )
            .padding(10)
            .width(Length::Fill)
            .style(theme::card),
        );
    }
    rows.into()
}

fn empty<'a>(why: String) -> Element<'a, Message> {
    container(text(why).size(14))
        .padding(24)
        .width(Length::Fill)
        .style(theme::card)
        .into()
}

fn page<'a>(org: Option<&str>, body: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    let title = match org {
        Some(org) => fl!("perms-title-in", org = org.to_string()),
        None => fl!("perms-title"),
    };
    column![text(title).size(24), body.into()]
        .spacing(12)
        .padding(16)
        .into()
}
