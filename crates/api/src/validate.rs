//! Checks both programs run: the console inline, the server as the rule.

/// The shortest password accepted.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Longer passwords only burn hashing time; 256 is far past any passphrase.
pub const PASSWORD_MAX_CHARS: usize = 256;

/// Lower-cased, trimmed email if it has the shape `local@domain.tld`.
///
/// Deliverability is proven by the verification link, not here; this only
/// refuses what can never be an address.
pub fn normalize_email(input: &str) -> Option<String> {
    let email = input.trim().to_lowercase();
    if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (local, domain) = email.rsplit_once('@')?;
    let labels_ok = domain.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    let ok = !local.is_empty()
        && local.len() <= 64
        && !local.contains('@')
        && !local.contains(['<', '>', '(', ')', ',', ';', ':', '"', '[', ']', '\\'])
        && domain.contains('.')
        && labels_ok;
    ok.then_some(email)
}

/// Whether a display name is acceptable: 1 to 200 characters, no control characters.
pub fn display_name_ok(name: &str) -> bool {
    let trimmed = name.trim();
    let count = trimmed.chars().count();
    (1..=200).contains(&count) && !trimmed.chars().any(char::is_control)
}

/// Whether the password has an acceptable length (the server also checks
/// it against the common-password list).
pub fn password_length_ok(password: &str) -> bool {
    (PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&password.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized_or_refused() {
        assert_eq!(
            normalize_email(" Alice@Example.COM "),
            Some("alice@example.com".into())
        );
        for bad in [
            "",
            "alice",
            "alice@",
            "@example.com",
            "a b@example.com",
            "alice@example",
            "a@-x.com",
            "a<b>@x.com",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn password_length_bounds() {
        assert!(!password_length_ok("short"));
        assert!(password_length_ok("twelve chars"));
        assert!(!password_length_ok(&"x".repeat(257)));
    }

    #[test]
    fn names() {
        assert!(display_name_ok("Alice Smith"));
        assert!(!display_name_ok("   "));
        assert!(!display_name_ok("a\u{7}b"));
    }
}
