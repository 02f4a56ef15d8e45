//! Checks both programs run: the console inline, the server as the rule.

use serde::{Deserialize, Serialize};

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

/// Why a subdomain cannot be had: its shape, a name the platform keeps, or
/// (in an availability answer) another organization's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SubdomainReason {
    /// Not 3 to 63 characters.
    Length,
    /// Letters beyond a-z (look-alikes from other alphabets included).
    NotAscii,
    /// Characters other than a-z, 0-9 and -.
    Characters,
    /// Starts or ends with -.
    Hyphen,
    /// -- in the third and fourth place, or `xn--`: punycode.
    Punycode,
    /// A name the platform keeps for itself or its routes.
    Reserved,
    /// Shaped like an organization id, which `{org}` in a route could mean.
    LooksLikeId,
    /// Another organization has it.
    Taken,
}

impl SubdomainReason {
    /// In English, for the API's `detail`; the console has its own words.
    pub fn message(self) -> &'static str {
        match self {
            Self::Length => "use 3 to 63 characters",
            Self::NotAscii => {
                "use only a-z, 0-9 and - (look-alike letters from other alphabets are not allowed)"
            }
            Self::Characters => "use only a-z, 0-9 and -",
            Self::Hyphen => "cannot start or end with -",
            Self::Punycode => "punycode names are not allowed",
            Self::Reserved => "this name is reserved",
            Self::LooksLikeId => "this name looks like an organization id",
            Self::Taken => "this subdomain is taken",
        }
    }
}

/// Subdomains the platform keeps for itself.
pub const RESERVED_SUBDOMAINS: &[&str] = &[
    "www",
    "api",
    "admin",
    "app",
    "apps",
    "mail",
    "email",
    "smtp",
    "imap",
    "pop",
    "login",
    "logout",
    "signin",
    "signup",
    "register",
    "auth",
    "oauth",
    "sso",
    "account",
    "accounts",
    "billing",
    "pay",
    "payment",
    "payments",
    "checkout",
    "support",
    "help",
    "status",
    "docs",
    "blog",
    "static",
    "assets",
    "cdn",
    "media",
    "files",
    "download",
    "dev",
    "staging",
    "test",
    "demo",
    "internal",
    "root",
    "system",
    "security",
    "console",
    "dashboard",
    "portal",
    "orgdesk",
    "platform",
    "invite",
    "invitations",
    "webhook",
    "webhooks",
    "ftp",
    "ns1",
    "ns2",
    "mx",
    "localhost",
    "sales",
    "team",
    "new",
    // Words of the API's own routes: `/api/v1/orgs/{org}` must never be
    // mistaken for one of them.
    "availability",
    "catalog",
    "me",
    "orgs",
    "quotes",
    "verify-email",
    "openapi",
    "healthz",
    "readyz",
    "metrics",
    "domains",
    "members",
    "groups",
    "bulk",
    "audit-log",
    "permissions",
    "permission-matrix",
    "access-reviews",
    "permission-snapshots",
    "sessions",
];

/// Why `subdomain` cannot be had, before looking at who has it.
pub fn subdomain_problem(subdomain: &str) -> Option<SubdomainReason> {
    if !subdomain.is_ascii() {
        return Some(SubdomainReason::NotAscii);
    }
    if !(3..=63).contains(&subdomain.len()) {
        return Some(SubdomainReason::Length);
    }
    if !subdomain
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Some(SubdomainReason::Characters);
    }
    if subdomain.starts_with('-') || subdomain.ends_with('-') {
        return Some(SubdomainReason::Hyphen);
    }
    if subdomain.get(2..4) == Some("--") {
        return Some(SubdomainReason::Punycode);
    }
    if RESERVED_SUBDOMAINS.contains(&subdomain) {
        return Some(SubdomainReason::Reserved);
    }
    if uuid::Uuid::parse_str(subdomain).is_ok() {
        return Some(SubdomainReason::LooksLikeId);
    }
    None
}

/// A subdomain made from a company name: "Müller & Söhne GmbH" → "muller-sohne-gmbh"
/// (accents dropped after Unicode decomposition, everything else a hyphen).
pub fn slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let ascii: String = name
        .nfkd()
        .filter(char::is_ascii)
        .flat_map(|c| c.to_lowercase())
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let mut slug = ascii
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    slug.truncate(50);
    slug.trim_matches('-').to_string()
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

    #[test]
    fn subdomains_say_why_not() {
        assert_eq!(subdomain_problem("acme"), None);
        assert_eq!(subdomain_problem("acme-eu-2"), None);
        for (bad, why) in [
            ("ab", SubdomainReason::Length),
            ("Acme", SubdomainReason::Characters),
            ("acme_eu", SubdomainReason::Characters),
            ("-acme", SubdomainReason::Hyphen),
            ("ab--cd", SubdomainReason::Punycode),
            ("xn--bcher-kva", SubdomainReason::Punycode),
            ("аcme", SubdomainReason::NotAscii),
            ("www", SubdomainReason::Reserved),
            ("availability", SubdomainReason::Reserved),
            (
                "0190f2a4-7c3e-7d2a-9b1e-3f2a1b0c9d8e",
                SubdomainReason::LooksLikeId,
            ),
            (
                "0190f2a47c3e7d2a9b1e3f2a1b0c9d8e",
                SubdomainReason::LooksLikeId,
            ),
        ] {
            assert_eq!(subdomain_problem(bad), Some(why), "{bad}");
        }
        assert!(RESERVED_SUBDOMAINS.len() >= 30);
    }

    #[test]
    fn slugs_are_subdomains() {
        assert_eq!(slug("Müller & Söhne GmbH"), "muller-sohne-gmbh");
        assert_eq!(slug("  ACME, Inc. "), "acme-inc");
        assert_eq!(slug("Ærø"), "r");
        assert_eq!(slug(&"a".repeat(80)).len(), 50);
        assert_eq!(subdomain_problem(&slug("Nordwind Logistik AG")), None);
    }
}
