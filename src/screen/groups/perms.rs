//! The organization's permissions, which of them the signed-in admin holds,
//! and the checkboxes grouped by product that the create dialog and the
//! group sheet share. The server refuses to grant or revoke what the admin
//! doesn't hold (`permission_escalation`); the console says so beforehand by
//! disabling those boxes.

use crate::widget::focus::{Kind, focusable};
use std::collections::{BTreeMap, BTreeSet};

use iced::widget::{checkbox, column, row, text};
use iced::{Element, Length};
use orgdesk_api::PermissionInfo;

use crate::fl;
use crate::theme;

/// The permission that lets an admin change groups at all.
pub const MANAGE: &str = orgdesk_api::permissions::GROUPS_MANAGE;
/// The product id of the organization's own permissions.
pub const PLATFORM: &str = "platform";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Permissions {
    /// The organization's permissions, in catalogue order.
    pub all: Vec<PermissionInfo>,
    /// Keys the signed-in admin holds here.
    pub held: BTreeSet<String>,
    /// Product id → product name, from the catalogue.
    pub products: BTreeMap<String, String>,
}

impl Permissions {
    pub fn holds(&self, key: &str) -> bool {
        self.held.contains(key)
    }

    pub fn can_manage(&self) -> bool {
        self.holds(MANAGE)
    }

    /// Of `keys`, those of this organization the admin doesn't hold.
    pub fn missing<'a>(&self, keys: impl IntoIterator<Item = &'a String>) -> Vec<String> {
        keys.into_iter()
            .filter(|k| self.all.iter().any(|p| &p.key == *k) && !self.holds(k))
            .cloned()
            .collect()
    }

    /// The permissions in product sections, in the order products first appear.
    pub fn by_product(&self) -> Vec<(&str, Vec<&PermissionInfo>)> {
        by_product(&self.all)
    }

    /// "CRM", "Helpdesk", or "Organization" for the platform's own permissions.
    pub fn product_name(&self, product: &str) -> String {
        product_name(&self.products, product)
    }
}

/// `permissions` in product sections, in the order products first appear.
pub fn by_product(permissions: &[PermissionInfo]) -> Vec<(&str, Vec<&PermissionInfo>)> {
    sections(permissions)
        .into_iter()
        .map(|(product, indices)| {
            (
                product,
                indices.into_iter().map(|i| &permissions[i]).collect(),
            )
        })
        .collect()
}

/// Like [`by_product`], as indices into `permissions` (the matrices' columns).
pub fn sections(permissions: &[PermissionInfo]) -> Vec<(&str, Vec<usize>)> {
    let mut sections: Vec<(&str, Vec<usize>)> = Vec::new();
    for (index, permission) in permissions.iter().enumerate() {
        match sections
            .iter_mut()
            .find(|(product, _)| *product == permission.product)
        {
            Some((_, list)) => list.push(index),
            None => sections.push((&permission.product, vec![index])),
        }
    }
    sections
}

/// A column heading: the key without its product's prefix ("deals.write";
/// the organization's own keys lose their "org.").
pub fn short_key(info: &PermissionInfo) -> &str {
    let prefix = if info.product == PLATFORM {
        "org"
    } else {
        info.product.as_str()
    };
    info.key
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or(&info.key)
}

pub fn product_name(products: &BTreeMap<String, String>, product: &str) -> String {
    if product == PLATFORM {
        return fl!("groups-product-platform");
    }
    products
        .get(product)
        .cloned()
        .unwrap_or_else(|| product.to_string())
}

/// Checkboxes for every permission, in product sections. A box can change
/// when `editable` and the admin holds the permission; a checked box the
/// admin doesn't hold may still be unchecked when `may_uncheck_unheld`
/// (a new group asks for nothing yet, so taking it back is always fine).
pub fn checkboxes<'a, Message: Clone + 'a>(
    permissions: &'a Permissions,
    chosen: &BTreeSet<String>,
    editable: bool,
    may_uncheck_unheld: bool,
    on_toggle: impl Fn(String, bool) -> Message + Clone + 'a,
) -> Element<'a, Message> {
    let mut sections = column![].spacing(14);
    for (product, list) in permissions.by_product() {
        let mut section = column![
            text(permissions.product_name(product))
                .size(15)
                .style(theme::section_heading)
        ]
        .spacing(6);
        for info in list {
            let checked = chosen.contains(&info.key);
            let held = permissions.holds(&info.key);
            let can_change = editable && (held || (checked && may_uncheck_unheld));
            let on_toggle = on_toggle.clone();
            let key = info.key.clone();
            let mut line = row![
                focusable(
                    checkbox(checked)
                        .label(info.description.clone())
                        .on_toggle_maybe(can_change.then_some(move |on| on_toggle(key.clone(), on)))
                        .text_size(14)
                        .width(Length::FillPortion(3)),
                    Kind::Press,
                ),
                text(info.key.clone())
                    .size(12)
                    .style(theme::muted_text)
                    .width(Length::FillPortion(2)),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center);
            if !held {
                line = line.push(
                    text(fl!("groups-not-held"))
                        .size(12)
                        .style(theme::muted_text),
                );
            }
            section = section.push(line);
        }
        sections = sections.push(section);
    }
    sections.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(key: &str, product: &str) -> PermissionInfo {
        PermissionInfo {
            key: key.into(),
            product: product.into(),
            description: key.into(),
        }
    }

    #[test]
    fn sections_keep_catalogue_order_and_missing_names_unheld_keys() {
        let perms = Permissions {
            all: vec![
                info("org.groups.read", "platform"),
                info("crm.deals.read", "crm"),
                info("org.groups.manage", "platform"),
                info("crm.deals.write", "crm"),
            ],
            held: ["org.groups.read", "crm.deals.read"]
                .map(String::from)
                .into(),
            products: BTreeMap::from([("crm".into(), "CRM".into())]),
        };
        let sections = perms.by_product();
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].0, "platform");
        assert_eq!(sections[0].1.len(), 2);
        assert_eq!(perms.product_name("crm"), "CRM");
        let keys = ["crm.deals.write", "crm.deals.read", "not.ours"].map(String::from);
        assert_eq!(perms.missing(&keys), vec!["crm.deals.write".to_string()]);
        assert!(!perms.can_manage());
    }
}
