//! Claimed email domains: what may be claimed, the TXT record that proves a
//! claim, and which organization manages an account.

use std::fmt;

/// Where the proof is published, under the claimed domain.
pub const TXT_LABEL: &str = "_orgdesk-challenge";
/// The record's text starts with this, then the claim's secret.
pub const TXT_PREFIX: &str = "orgdesk-verification=";
/// Domains an organization may claim at once (pending and verified).
pub const MAX_DOMAINS_PER_ORG: i64 = 50;

/// Why a domain cannot be claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DomainProblem {
    TooLong,
    NotADomainName,
    /// A public suffix (`com`, `co.uk`) or a name under none: nobody owns it.
    NotRegistrable,
    /// The platform's own domain and the names under it.
    Platform,
}

impl fmt::Display for DomainProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::TooLong => "a domain has at most 253 characters",
            Self::NotADomainName => "this is not a domain name, e.g. example.com",
            Self::NotRegistrable => {
                "claim a domain your organization registered, not a public suffix such as com or co.uk"
            }
            Self::Platform => "the platform's own domain cannot be claimed",
        })
    }
}

/// The claimable form of `input`: lower case, ASCII (punycode), no final dot.
pub fn normalize(input: &str, platform_domain: &str) -> Result<String, DomainProblem> {
    let input = input.trim().trim_end_matches('.');
    if input.len() > 253 {
        return Err(DomainProblem::TooLong);
    }
    if input.is_empty() || input.contains(['/', ':', '@', ' ', '*']) {
        return Err(DomainProblem::NotADomainName);
    }
    let ascii = idna::domain_to_ascii(input).map_err(|_| DomainProblem::NotADomainName)?;
    if ascii.len() > 253 || ascii.parse::<std::net::IpAddr>().is_ok() {
        return Err(DomainProblem::NotADomainName);
    }
    let labels_ok = ascii.split('.').all(|label| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    });
    if !labels_ok || !ascii.contains('.') {
        return Err(DomainProblem::NotADomainName);
    }
    // The registrable part must exist and the suffix must be a known one:
    // `psl` treats an unknown last label as a suffix of its own, so that
    // `corp.internal` is not claimable while `acme.com` and `eng.acme.com` are.
    let registrable = psl::domain(ascii.as_bytes()).filter(|d| d.suffix().is_known());
    if registrable.is_none() {
        return Err(DomainProblem::NotRegistrable);
    }
    let platform = platform_domain.trim_matches('.').to_ascii_lowercase();
    if !platform.is_empty() && (ascii == platform || ascii.ends_with(&format!(".{platform}"))) {
        return Err(DomainProblem::Platform);
    }
    Ok(ascii)
}

/// `_orgdesk-challenge.example.com`
pub fn txt_name(domain: &str) -> String {
    format!("{TXT_LABEL}.{domain}")
}

/// The record text proving the claim whose secret is `secret`.
pub fn txt_value(secret: &str) -> String {
    format!("{TXT_PREFIX}{secret}")
}

/// What a lookup found, decided: verified, or a sentence for the admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Verified,
    NotVerified(String),
}

/// Whether the TXT records found at the challenge name prove the claim.
/// `found` is `None` when the name has no TXT record at all.
pub fn decide(expected: &str, found: Option<&[String]>) -> Verdict {
    let Some(records) = found else {
        return Verdict::NotVerified(
            "no TXT record was found; DNS changes can take a while to appear".into(),
        );
    };
    if records.iter().any(|r| r.trim() == expected) {
        return Verdict::Verified;
    }
    let ours: Vec<&String> = records
        .iter()
        .filter(|r| r.starts_with(TXT_PREFIX))
        .collect();
    let shown: Vec<String> = records
        .iter()
        .take(5)
        .map(|r| format!("\"{}\"", r.chars().take(100).collect::<String>()))
        .collect();
    Verdict::NotVerified(if ours.is_empty() {
        format!(
            "found {} TXT record(s), none of them this organization's: {}",
            records.len(),
            shown.join(", ")
        )
    } else {
        format!(
            "found a verification record with another value: {}",
            shown.join(", ")
        )
    })
}

/// The domain part of an email address, in the form domains are claimed in.
pub fn email_domain(email: &str) -> Option<String> {
    let (_, domain) = email.rsplit_once('@')?;
    idna::domain_to_ascii(domain.trim_end_matches('.')).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains_are_normalized() {
        assert_eq!(
            normalize(" Example.COM. ", "localhost"),
            Ok("example.com".into())
        );
        assert_eq!(
            normalize("eng.acme.co.uk", "localhost"),
            Ok("eng.acme.co.uk".into())
        );
        assert_eq!(
            normalize("bücher.de", "localhost"),
            Ok("xn--bcher-kva.de".into())
        );
    }

    #[test]
    fn what_nobody_owns_is_refused() {
        for (input, problem) in [
            ("com", DomainProblem::NotADomainName),
            ("co.uk", DomainProblem::NotRegistrable),
            ("corp.internal", DomainProblem::NotRegistrable),
            ("localhost", DomainProblem::NotADomainName),
            ("", DomainProblem::NotADomainName),
            ("https://example.com", DomainProblem::NotADomainName),
            ("alice@example.com", DomainProblem::NotADomainName),
            ("*.example.com", DomainProblem::NotADomainName),
            ("10.0.0.1", DomainProblem::NotADomainName),
            ("-bad.com", DomainProblem::NotADomainName),
            ("a..b.com", DomainProblem::NotADomainName),
        ] {
            assert_eq!(normalize(input, "localhost"), Err(problem), "{input}");
        }
        assert_eq!(
            normalize(&"a".repeat(254), "x"),
            Err(DomainProblem::TooLong)
        );
        assert_eq!(
            normalize("acme.orgdesk.io", "orgdesk.io"),
            Err(DomainProblem::Platform)
        );
        assert_eq!(
            normalize("orgdesk.io", "orgdesk.io"),
            Err(DomainProblem::Platform)
        );
    }

    #[test]
    fn verdicts_say_what_was_found() {
        let expected = txt_value("s3cret");
        assert_eq!(
            decide(&expected, Some(std::slice::from_ref(&expected))),
            Verdict::Verified
        );
        assert_eq!(
            decide(
                &expected,
                Some(&["v=spf1 -all".into(), format!(" {expected} ")])
            ),
            Verdict::Verified
        );
        let Verdict::NotVerified(none) = decide(&expected, None) else {
            panic!()
        };
        assert!(none.contains("no TXT record"));
        let Verdict::NotVerified(other) = decide(&expected, Some(&["v=spf1 -all".into()])) else {
            panic!()
        };
        assert!(other.contains("v=spf1 -all"), "{other}");
        let Verdict::NotVerified(wrong) = decide(&expected, Some(&[txt_value("old")])) else {
            panic!()
        };
        assert!(wrong.contains("another value"), "{wrong}");
        assert_eq!(txt_name("example.com"), "_orgdesk-challenge.example.com");
    }

    #[test]
    fn email_domains() {
        assert_eq!(email_domain("a@Example.com"), Some("example.com".into()));
        assert_eq!(email_domain("a@bücher.de"), Some("xn--bcher-kva.de".into()));
        assert_eq!(email_domain("nope"), None);
    }
}
