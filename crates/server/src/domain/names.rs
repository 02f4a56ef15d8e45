//! Organization names and subdomains.
//!
//! The shape of a subdomain and of free text; which names and subdomains
//! can be had is `availability`.

/// Why a subdomain cannot be used, if it cannot.
pub fn subdomain_problem(subdomain: &str) -> Option<&'static str> {
    let len = subdomain.len();
    if !(3..=63).contains(&len) {
        return Some("use 3 to 63 characters");
    }
    if !subdomain
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Some("use only a-z, 0-9 and -");
    }
    if subdomain.starts_with('-') || subdomain.ends_with('-') {
        return Some("cannot start or end with -");
    }
    if subdomain.get(2..4) == Some("--") {
        return Some("cannot have -- in the third and fourth place (reserved for punycode)");
    }
    None
}

/// Whether a text field is 1..=max characters without control characters.
pub fn text_ok(value: &str, max: usize) -> bool {
    let trimmed = value.trim();
    let n = trimmed.chars().count();
    n >= 1 && n <= max && !trimmed.chars().any(|c| c.is_control() && c != '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subdomains() {
        assert_eq!(subdomain_problem("acme"), None);
        assert_eq!(subdomain_problem("acme-eu-2"), None);
        for bad in [
            "ab",
            "Acme",
            "-acme",
            "acme-",
            "xn--acme",
            "ac_me",
            "ac.me",
            &"a".repeat(64),
        ] {
            assert!(subdomain_problem(bad).is_some(), "{bad}");
        }
    }
}
