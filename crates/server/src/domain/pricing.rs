//! What an organization pays: line items, net, VAT and total, in integer
//! minor units (cents) so no amount is ever rounded twice.

use orgdesk_api as api;

use super::catalog::Catalog;
use super::vat;

/// The monthly price of `products` for a customer in `country`, with `vat_id`
/// if they have a valid one. Unknown products or packages are skipped: the
/// caller has validated the choice against the same catalogue.
pub fn overview(
    catalog: &Catalog,
    products: &[api::ProductChoice],
    country: &str,
    vat_id: Option<&str>,
) -> api::Overview {
    let items: Vec<api::LineItem> = products
        .iter()
        .filter_map(|choice| {
            let product = catalog.product(&choice.product)?;
            let package = product.packages.iter().find(|p| p.id == choice.package)?;
            Some(api::LineItem {
                product: product.id.clone(),
                product_name: product.name.clone(),
                package: package.id.clone(),
                package_name: package.name.clone(),
                seats: package.seats.unwrap_or(0),
                unit_price_cents: package.price_cents,
                quantity: 1,
                amount_cents: package.price_cents,
            })
        })
        .collect();
    let net_cents: i64 = items.iter().map(|i| i.amount_cents).sum();
    let platform = catalog.billing.platform_country.as_str();
    let business_elsewhere_in_eu = vat::is_eu(country)
        && country != platform
        && vat_id.is_some_and(|id| vat::validate(country, id).is_ok());
    let (vat_rate_bp, reverse_charge, vat_note) = if business_elsewhere_in_eu {
        (0, true, Some("Reverse charge: VAT is to be accounted for by the recipient (Article 196 of Directive 2006/112/EC).".to_string()))
    } else {
        let rate = catalog
            .vat_rates
            .get(country)
            .or_else(|| catalog.vat_rates.get(platform))
            .copied()
            .unwrap_or(0);
        (rate, false, None)
    };
    let vat_cents = vat_of(net_cents, vat_rate_bp);
    api::Overview {
        items,
        currency: catalog.billing.currency.clone(),
        net_cents,
        vat_rate_bp,
        vat_cents,
        total_cents: net_cents + vat_cents,
        reverse_charge,
        vat_note,
    }
}

/// VAT on `net` at `rate_bp` basis points, rounded half up to the cent.
pub fn vat_of(net_cents: i64, rate_bp: u32) -> i64 {
    (net_cents * i64::from(rate_bp) + 5_000).div_euclid(10_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(product: &str, package: &str) -> api::ProductChoice {
        api::ProductChoice {
            product: product.into(),
            package: package.into(),
        }
    }

    #[test]
    fn domestic_customers_pay_their_rate() {
        let catalog = Catalog::embedded();
        let o = overview(
            &catalog,
            &[
                choice("crm", "crm-team"),
                choice("helpdesk", "helpdesk-basic"),
            ],
            "DE",
            Some("DE136695976"),
        );
        assert_eq!(o.items.len(), 2);
        assert_eq!(o.net_cents, 19900 + 2900);
        assert_eq!(o.vat_rate_bp, 1900);
        assert_eq!(o.vat_cents, 4332); // 22800 × 19 % = 4332.00
        assert_eq!(o.total_cents, 22800 + 4332);
        assert!(!o.reverse_charge);
    }

    #[test]
    fn eu_businesses_elsewhere_reverse_charge() {
        let catalog = Catalog::embedded();
        let o = overview(
            &catalog,
            &[choice("crm", "crm-starter")],
            "FR",
            Some("FR40303265045"),
        );
        assert_eq!(
            (o.vat_cents, o.total_cents, o.reverse_charge),
            (0, 4900, true)
        );
        assert!(o.vat_note.unwrap().contains("Reverse charge"));
        // Without a (valid) VAT id they pay their country's rate.
        let o = overview(&catalog, &[choice("crm", "crm-starter")], "FR", None);
        assert_eq!((o.vat_rate_bp, o.vat_cents), (2000, 980));
        let o = overview(
            &catalog,
            &[choice("crm", "crm-starter")],
            "FR",
            Some("FR41303265045"),
        );
        assert!(!o.reverse_charge);
    }

    #[test]
    fn rounding_is_half_up_in_cents() {
        assert_eq!(vat_of(4900, 1900), 931); // 931.0
        assert_eq!(vat_of(1, 2550), 0); // 0.255 → 0
        assert_eq!(vat_of(2, 2500), 1); // 0.5 → 1
        assert_eq!(vat_of(0, 1900), 0);
    }
}
