//! The product catalogue: what organizations can buy, which permissions and
//! predefined groups each product brings.

use std::collections::{HashMap, HashSet};

use anyhow::{Context, bail, ensure};
use orgdesk_api as api;
use serde::Deserialize;

use super::permissions::{PermissionId, PermissionSet};

type FastHash = foldhash::fast::RandomState;

/// The product id of the organization's own permissions.
pub const PLATFORM: &str = "platform";

/// The platform permissions every organization has, with their descriptions.
pub const PLATFORM_PERMISSIONS: [(&str, &str); 13] = orgdesk_api::permissions::PLATFORM;

/// The groups every organization has; their names are fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuiltinGroup {
    Admin,
    User,
    Guest,
}

impl BuiltinGroup {
    pub const ALL: [Self; 3] = [Self::Admin, Self::User, Self::Guest];

    pub fn name(self) -> &'static str {
        match self {
            Self::Admin => "Admin",
            Self::User => "User",
            Self::Guest => "Guest",
        }
    }

    /// Whether a group is this built-in one.
    pub fn is(self, builtin: bool, name: &str) -> bool {
        builtin && name == self.name()
    }
}

/// Platform permissions the built-in User group holds.
const USER_PLATFORM_PERMISSIONS: [&str; 2] = orgdesk_api::permissions::USER_DEFAULTS;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    billing: BillingFile,
    #[serde(default)]
    vat_rates: std::collections::BTreeMap<String, u32>,
    products: Vec<ProductFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BillingFile {
    pub currency: String,
    pub sales_email: String,
    /// ISO 3166-1 alpha-2 of the platform's own VAT registration.
    pub platform_country: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductFile {
    id: String,
    name: String,
    description: String,
    permissions: Vec<PermissionFile>,
    #[serde(default)]
    groups: Vec<api::PredefinedGroup>,
    packages: Vec<PackageFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PermissionFile {
    key: String,
    description: String,
    #[serde(default)]
    user: bool,
    #[serde(default)]
    guest: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackageFile {
    id: String,
    name: String,
    seats: Option<u32>,
    price_cents: i64,
    currency: Option<String>,
    #[serde(default)]
    contact_sales: bool,
}

/// A validated catalogue with every permission numbered for bitset checks.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub billing: BillingFile,
    /// Standard VAT rates in basis points by customer country.
    pub vat_rates: std::collections::BTreeMap<String, u32>,

    products: Vec<api::Product>,
    /// Every permission, platform ones first; a `PermissionId` indexes here.
    permissions: Vec<api::PermissionInfo>,
    /// Every request turns its caller's granted keys into ids here (a few
    /// dozen lookups): with a fast hasher (the map is fixed at start, so no
    /// input can crowd one bucket) instead of SipHash, 13k → 2k instructions
    /// per request.
    ids: HashMap<String, PermissionId, FastHash>,
    /// Per product (and `platform`): its permissions and the User and Guest defaults.
    sets: HashMap<String, ProductSets, FastHash>,
}

#[derive(Debug, Clone, Default)]
struct ProductSets {
    all: PermissionSet,
    user: PermissionSet,
    guest: PermissionSet,
}

/// The default groups an organization starts with: name, description, permission keys, product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTemplate {
    pub name: String,
    pub description: String,
    pub builtin: bool,
    pub product: Option<String>,
    pub permissions: Vec<String>,
}

impl Catalog {
    /// The catalogue built into the server.
    pub fn embedded() -> Self {
        Self::parse(include_str!("../../catalog.toml")).expect("the embedded catalogue is valid")
    }

    pub fn parse(text: &str) -> anyhow::Result<Self> {
        let file: CatalogFile = toml::from_str(text)
            .context("the catalogue is not valid TOML of the expected shape")?;
        let mut permissions = Vec::new();
        let mut ids = HashMap::default();
        let mut sets: HashMap<String, ProductSets, FastHash> = HashMap::default();
        let mut add = |key: &str,
                       product: &str,
                       description: &str,
                       user: bool,
                       guest: bool|
         -> anyhow::Result<()> {
            let id =
                PermissionId(u16::try_from(permissions.len()).context("too many permissions")?);
            ensure!(
                ids.insert(key.to_string(), id).is_none(),
                "permission {key} is listed twice"
            );
            permissions.push(api::PermissionInfo {
                key: key.into(),
                product: product.into(),
                description: description.into(),
            });
            let entry = sets.entry(product.to_string()).or_default();
            entry.all.insert(id);
            if user {
                entry.user.insert(id);
            }
            if guest {
                entry.guest.insert(id);
            }
            Ok(())
        };
        for (key, description) in PLATFORM_PERMISSIONS {
            add(
                key,
                PLATFORM,
                description,
                USER_PLATFORM_PERMISSIONS.contains(&key),
                false,
            )?;
        }
        let mut product_ids = HashSet::new();
        for product in &file.products {
            ensure!(
                product.id != PLATFORM && is_slug(&product.id),
                "product id {:?} is not a lowercase slug",
                product.id
            );
            ensure!(
                product_ids.insert(product.id.clone()),
                "product {} is listed twice",
                product.id
            );
            ensure!(
                !product.packages.is_empty(),
                "product {} has no packages",
                product.id
            );
            for perm in &product.permissions {
                ensure!(
                    perm.key.starts_with(&format!("{}.", product.id)),
                    "permission {} must start with its product id {}.",
                    perm.key,
                    product.id
                );
                add(
                    &perm.key,
                    &product.id,
                    &perm.description,
                    perm.user,
                    perm.guest,
                )?;
            }
        }
        let mut products = Vec::new();
        for product in file.products {
            for group in &product.groups {
                for key in &group.permissions {
                    let known = ids
                        .get(key)
                        .map(|id| permissions[id.index()].product.as_str());
                    if !matches!(known, Some(p) if p == product.id || p == PLATFORM) {
                        bail!(
                            "group {} of {} names {key}, which is not a permission of that product",
                            group.name,
                            product.id
                        );
                    }
                }
            }
            let mut package_ids = HashSet::new();
            let packages = product
                .packages
                .into_iter()
                .map(|p| {
                    ensure!(
                        package_ids.insert(p.id.clone()),
                        "package {} is listed twice",
                        p.id
                    );
                    ensure!(
                        p.contact_sales || p.seats.is_some_and(|s| s > 0),
                        "package {} needs seats",
                        p.id
                    );
                    ensure!(p.price_cents >= 0, "package {} has a negative price", p.id);
                    Ok(api::Package {
                        id: p.id,
                        name: p.name,
                        seats: p.seats,
                        price_cents: p.price_cents,
                        currency: p.currency.unwrap_or_else(|| file.billing.currency.clone()),
                        contact_sales: p.contact_sales,
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let product_permissions = permissions
                .iter()
                .filter(|p| p.product == product.id)
                .cloned()
                .collect();
            products.push(api::Product {
                id: product.id,
                name: product.name,
                description: product.description,
                permissions: product_permissions,
                groups: product.groups,
                packages,
            });
        }
        ensure!(
            file.vat_rates.contains_key(&file.billing.platform_country),
            "[vat_rates] needs the platform country {}",
            file.billing.platform_country
        );
        ensure!(
            file.vat_rates.values().all(|bp| *bp <= 10_000),
            "VAT rates are basis points, at most 10000"
        );
        Ok(Self {
            billing: file.billing,
            vat_rates: file.vat_rates,
            products,
            permissions,
            ids,
            sets,
        })
    }

    pub fn to_api(&self) -> api::Catalog {
        api::Catalog {
            products: self.products.clone(),
        }
    }

    pub fn product(&self, id: &str) -> Option<&api::Product> {
        self.products.iter().find(|p| p.id == id)
    }

    pub fn id(&self, key: &str) -> Option<PermissionId> {
        self.ids.get(key).copied()
    }

    pub fn info(&self, id: PermissionId) -> &api::PermissionInfo {
        &self.permissions[id.index()]
    }

    /// The permissions an organization with these products can grant.
    pub fn org_permissions<'a>(
        &self,
        products: impl IntoIterator<Item = &'a str>,
    ) -> PermissionSet {
        let mut set = self
            .sets
            .get(PLATFORM)
            .map(|s| s.all.clone())
            .unwrap_or_default();
        for product in products {
            if let Some(s) = self.sets.get(product) {
                set.union_with(&s.all);
            }
        }
        set
    }

    /// Keys to a set, refusing keys that are unknown or outside `allowed`.
    pub fn resolve(
        &self,
        keys: &[String],
        allowed: &PermissionSet,
    ) -> Result<PermissionSet, Vec<String>> {
        let mut set = PermissionSet::default();
        let mut unknown = Vec::new();
        for key in keys {
            match self.id(key) {
                Some(id) if allowed.contains(id) => set.insert(id),
                _ => unknown.push(key.clone()),
            }
        }
        if unknown.is_empty() {
            Ok(set)
        } else {
            Err(unknown)
        }
    }

    /// Permission keys of a set, in catalogue order.
    pub fn keys(&self, set: &PermissionSet) -> Vec<String> {
        set.iter().map(|id| self.info(id).key.clone()).collect()
    }

    /// The infos of a set, in catalogue order.
    pub fn infos(&self, set: &PermissionSet) -> Vec<api::PermissionInfo> {
        set.iter().map(|id| self.info(id).clone()).collect()
    }

    /// A member's permissions: the union of their groups' keys, limited to
    /// what the organization's products allow (`org_permissions`).
    pub fn member_permissions<'a>(
        &self,
        org_permissions: &PermissionSet,
        keys: impl IntoIterator<Item = &'a str>,
    ) -> PermissionSet {
        let set: PermissionSet = keys.into_iter().filter_map(|k| self.id(k)).collect();
        set.difference(&set.difference(org_permissions))
    }

    /// Each permission a member holds with the groups granting it, in
    /// catalogue order (`member_groups`: id, name and keys of each group).
    pub fn effective_permissions(
        &self,
        org_permissions: &PermissionSet,
        member_groups: &[(uuid::Uuid, String, Vec<String>)],
    ) -> Vec<api::EffectivePermission> {
        let mut by_permission: std::collections::BTreeMap<PermissionId, Vec<api::GrantingGroup>> =
            std::collections::BTreeMap::new();
        for (group_id, name, keys) in member_groups {
            for id in keys
                .iter()
                .filter_map(|k| self.id(k))
                .filter(|id| org_permissions.contains(*id))
            {
                by_permission
                    .entry(id)
                    .or_default()
                    .push(api::GrantingGroup {
                        group_id: *group_id,
                        name: name.clone(),
                    });
            }
        }
        by_permission
            .into_iter()
            .map(|(id, granted_by)| {
                let info = self.info(id);
                api::EffectivePermission {
                    permission: info.key.clone(),
                    product: info.product.clone(),
                    description: info.description.clone(),
                    granted_by,
                }
            })
            .collect()
    }

    /// The groups a new organization with these products starts with.
    pub fn initial_groups(&self, products: &[&str]) -> Vec<GroupTemplate> {
        let org = self.org_permissions(products.iter().copied());
        let mut user = self
            .sets
            .get(PLATFORM)
            .map(|s| s.user.clone())
            .unwrap_or_default();
        let mut guest = PermissionSet::default();
        for product in products {
            if let Some(s) = self.sets.get(*product) {
                user.union_with(&s.user);
                guest.union_with(&s.guest);
            }
        }
        let builtin = |name: &str, description: &str, set: &PermissionSet| GroupTemplate {
            name: name.into(),
            description: description.into(),
            builtin: true,
            product: None,
            permissions: self.keys(set),
        };
        let mut groups = vec![
            builtin(
                BuiltinGroup::Admin.name(),
                "Administers the organization: every permission",
                &org,
            ),
            builtin(BuiltinGroup::User.name(), "Everyday members", &user),
            builtin(
                BuiltinGroup::Guest.name(),
                "Outside collaborators with read access",
                &guest,
            ),
        ];
        for product in products {
            if let Some(p) = self.product(product) {
                groups.extend(p.groups.iter().map(|g| GroupTemplate {
                    name: g.name.clone(),
                    description: g.description.clone(),
                    builtin: false,
                    product: Some(p.id.clone()),
                    permissions: g.permissions.clone(),
                }));
            }
        }
        groups
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalogue_has_three_products_with_packages_of_different_seats() {
        let catalog = Catalog::embedded();
        let api = catalog.to_api();
        assert!(api.products.len() >= 3);
        for product in &api.products {
            let seats: HashSet<_> = product.packages.iter().filter_map(|p| p.seats).collect();
            assert!(
                seats.len() >= 2,
                "{} needs packages of different seat limits",
                product.id
            );
            assert!(!product.groups.is_empty());
            assert!(!product.permissions.is_empty());
        }
    }

    #[test]
    fn builtin_groups_follow_the_product_marks() {
        let catalog = Catalog::embedded();
        let groups = catalog.initial_groups(&["crm"]);
        let by_name = |n: &str| groups.iter().find(|g| g.name == n).unwrap();
        let admin = by_name("Admin");
        assert!(admin.permissions.contains(&"org.groups.manage".to_string()));
        assert!(
            admin
                .permissions
                .contains(&"crm.settings.manage".to_string())
        );
        assert!(!admin.permissions.iter().any(|p| p.starts_with("helpdesk.")));
        let user = by_name("User");
        assert!(user.permissions.contains(&"org.members.read".to_string()));
        assert!(user.permissions.contains(&"crm.contacts.write".to_string()));
        assert!(!user.permissions.contains(&"org.groups.manage".to_string()));
        let guest = by_name("Guest");
        assert_eq!(guest.permissions, vec!["crm.contacts.read".to_string()]);
        assert!(
            groups
                .iter()
                .any(|g| g.name == "Sales Team" && g.product.as_deref() == Some("crm"))
        );
    }

    #[test]
    fn bad_catalogues_are_refused_with_a_reason() {
        let base = |perm: &str| {
            format!(
                "[billing]\ncurrency='EUR'\nsales_email='s@x.io'\nplatform_country='DE'\n[vat_rates]\nDE=1900\n[[products]]
\nid='crm'\nname='C'\ndescription=''\npermissions=[{{key='{perm}',description=''}}]\npackages=[{{id='p',name='P',seats=1,price_cents=1}}]\n"
            )
        };
        assert!(Catalog::parse(&base("crm.a")).is_ok());
        let err = Catalog::parse(&base("other.a")).unwrap_err().to_string();
        assert!(err.contains("must start with"), "{err}");
        assert!(Catalog::parse("not toml [").is_err());
    }

    #[test]
    fn resolve_refuses_keys_outside_the_org() {
        let catalog = Catalog::embedded();
        let org = catalog.org_permissions(["crm"]);
        assert!(catalog.resolve(&["crm.deals.read".into()], &org).is_ok());
        assert_eq!(
            catalog
                .resolve(&["helpdesk.tickets.read".into(), "nope".into()], &org)
                .unwrap_err()
                .len(),
            2
        );
    }

    #[test]
    fn a_members_permissions_are_the_union_within_the_org_with_their_granting_groups() {
        let catalog = Catalog::embedded();
        let org = catalog.org_permissions(["crm"]);
        let sales = vec!["crm.deals.read".to_string(), "crm.deals.write".to_string()];
        // A key of a product the organization did not buy grants nothing here.
        let readers = vec![
            "crm.deals.read".to_string(),
            "helpdesk.tickets.read".to_string(),
        ];
        let set =
            catalog.member_permissions(&org, sales.iter().chain(&readers).map(String::as_str));
        assert_eq!(catalog.keys(&set), ["crm.deals.read", "crm.deals.write"]);
        let (a, b) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2));
        let effective = catalog.effective_permissions(
            &org,
            &[(a, "Sales".into(), sales), (b, "Readers".into(), readers)],
        );
        let read = effective
            .iter()
            .find(|p| p.permission == "crm.deals.read")
            .unwrap();
        let granting: Vec<&str> = read.granted_by.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(granting, ["Sales", "Readers"]);
        assert!(
            !effective
                .iter()
                .any(|p| p.permission.starts_with("helpdesk."))
        );
    }
}
