//! Amounts as the platform sends them (integer minor units) in words: the
//! order, the decimal separator and the symbol come from the language.

use crate::fl;

/// "€49.00" in English, "49,00 €" in German; `cents` are minor units.
pub fn money(cents: i64, currency: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let amount = format!(
        "{sign}{}{}{:02}",
        cents / 100,
        fl!("wizard-decimal-separator"),
        cents % 100
    );
    fl!("wizard-money", amount = amount, symbol = symbol(currency))
}

/// A VAT rate in basis points as a percentage: 1900 → "19", 2550 → "25.5".
pub fn percent(basis_points: u32) -> String {
    let (whole, fraction) = (basis_points / 100, basis_points % 100);
    if fraction == 0 {
        whole.to_string()
    } else {
        let digits = format!("{fraction:02}");
        format!(
            "{whole}{}{}",
            fl!("wizard-decimal-separator"),
            digits.trim_end_matches('0')
        )
    }
}

fn symbol(currency: &str) -> String {
    match currency {
        "EUR" => "€".into(),
        "USD" => "$".into(),
        "GBP" => "£".into(),
        other => other.into(),
    }
}
