//! An organization's details and subscription as the wizard and the
//! settings send them, checked field by field: one error per wrong field.

use orgdesk_api::{self as api, FieldError, codes, validate};

use super::catalog::Catalog;
use super::{availability, names, vat};

/// An organization's details as checked: what both create and edit must pass.
pub struct Details {
    pub name: String,
    pub name_key: String,
    pub subdomain: String,
    pub country: String,
    pub vat_id: Option<String>,
    pub address: String,
    pub billing_email: String,
}

fn problem(errors: &mut Vec<FieldError>, field: &str, code: &str, message: impl Into<String>) {
    errors.push(FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    });
}

/// Checks every detail, collecting one error per wrong field.
pub fn check_details(
    name: &str,
    subdomain: &str,
    country: &str,
    vat_id: Option<&str>,
    address: &str,
    billing_email: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Details> {
    let name = name.trim();
    if !names::text_ok(name, 200) || availability::company_key(name).is_empty() {
        problem(
            errors,
            "name",
            "invalid_name",
            "use 1 to 200 characters, with letters or digits",
        );
    }
    let subdomain = subdomain.trim();
    if let Some(why) = availability::subdomain_problem(subdomain) {
        problem(errors, "subdomain", "invalid_subdomain", why.message());
    }
    let country = country.trim().to_string();
    let country_known = country.len() == 2
        && country.bytes().all(|b| b.is_ascii_uppercase())
        && celes::Country::from_alpha2(&country).is_ok();
    if !country_known {
        problem(
            errors,
            "country",
            "invalid_country",
            "use the ISO 3166-1 alpha-2 code of a country, e.g. DE",
        );
    }
    let vat_id = match vat_id.map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(_) if !country_known => None,
        Some(v) => match vat::validate(&country, v) {
            Ok(normalized) => Some(normalized),
            Err(e) => {
                problem(errors, "vat_id", e.code(), e.message());
                None
            }
        },
    };
    if !names::text_ok(address, 500) {
        problem(
            errors,
            "address",
            "invalid_address",
            "use 1 to 500 characters",
        );
    }
    let billing_email = validate::normalize_email(billing_email);
    if billing_email.is_none() {
        problem(
            errors,
            "billing_email",
            codes::INVALID_EMAIL,
            "this is not an email address",
        );
    }
    errors.is_empty().then(|| Details {
        name: name.to_string(),
        name_key: availability::company_key(name),
        subdomain: subdomain.to_string(),
        country,
        vat_id,
        address: address.trim().to_string(),
        billing_email: billing_email.unwrap_or_default(),
    })
}

/// The packages chosen, checked against the catalogue: (seat limit, its package's name).
pub fn subscription_of(
    catalog: &Catalog,
    products: &[api::ProductChoice],
    errors: &mut Vec<FieldError>,
) -> Option<(i64, String)> {
    let mut smallest: Option<(i64, String)> = None;
    if products.is_empty() {
        problem(
            errors,
            "products",
            "required",
            "choose at least one product",
        );
    }
    for (i, choice) in products.iter().enumerate() {
        let at = format!("products[{i}]");
        if products[..i].iter().any(|c| c.product == choice.product) {
            problem(errors, &at, "duplicate", "each product once");
            continue;
        }
        let Some(product) = catalog.product(&choice.product) else {
            problem(
                errors,
                &format!("{at}.product"),
                "unknown_product",
                "no such product",
            );
            continue;
        };
        let Some(package) = product.packages.iter().find(|p| p.id == choice.package) else {
            problem(
                errors,
                &format!("{at}.package"),
                "unknown_package",
                "no such package of this product",
            );
            continue;
        };
        let Some(seats) = package.seats.filter(|_| !package.contact_sales) else {
            problem(
                errors,
                &format!("{at}.package"),
                "contact_sales",
                "this package is sold through a quote from sales",
            );
            continue;
        };
        let seats = i64::from(seats);
        if smallest.as_ref().is_none_or(|(s, _)| seats < *s) {
            smallest = Some((seats, format!("{} {}", product.name, package.name)));
        }
    }
    smallest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, subdomain: &str, country: &str, vat: Option<&str>) -> Vec<String> {
        let mut errors = Vec::new();
        let details = check_details(
            name,
            subdomain,
            country,
            vat,
            "Hauptstraße 1, Berlin",
            "billing@acme.example",
            &mut errors,
        );
        assert_eq!(details.is_some(), errors.is_empty());
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn every_wrong_field_is_named_once() {
        assert!(check("Acme GmbH", "acme", "DE", None).is_empty());
        assert_eq!(
            check("", "ab", "Germany", None),
            ["name", "subdomain", "country"]
        );
        assert_eq!(check("Acme", "acme", "DE", Some("DE123")), ["vat_id"]);
        assert_eq!(check("Acme", "availability", "DE", None), ["subdomain"]);
    }

    #[test]
    fn a_subscription_is_bounded_by_its_smallest_package() {
        let catalog = Catalog::embedded();
        let product = catalog.to_api().products[0].clone();
        let package = product
            .packages
            .iter()
            .find(|p| !p.contact_sales && p.seats.is_some())
            .unwrap();
        let mut errors = Vec::new();
        let choice = api::ProductChoice {
            product: product.id.clone(),
            package: package.id.clone(),
        };
        let (seats, _) =
            subscription_of(&catalog, std::slice::from_ref(&choice), &mut errors).unwrap();
        assert_eq!(seats, i64::from(package.seats.unwrap()));
        assert!(errors.is_empty());
        subscription_of(&catalog, &[choice.clone(), choice], &mut errors);
        assert_eq!(errors[0].code, "duplicate");
        let mut errors = Vec::new();
        assert!(subscription_of(&catalog, &[], &mut errors).is_none());
        assert_eq!(errors[0].field, "products");
    }
}
