//! When two company names are the same company, and which subdomains can be had.

use unicode_normalization::UnicodeNormalization;

/// Legal forms dropped before names are compared: "Acme GmbH" is "Acme Ltd".
/// Written as they appear after folding and with punctuation turned to spaces.
const LEGAL_FORMS: &[&str] = &[
    // English
    "inc",
    "incorporated",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "pllc",
    "pty",
    // German
    "gmbh",
    "ag",
    "kg",
    "kgaa",
    "ohg",
    "gbr",
    "ug",
    "eg",
    "ev",
    "mbh",
    "gmbh co kg",
    "se",
    // French
    "sa",
    "sas",
    "sasu",
    "sarl",
    "eurl",
    "sci",
    "snc",
    "sca",
    // Dutch, Belgian
    "bv",
    "nv",
    "vof",
    "cv",
    "bvba",
    "srl",
    "sprl",
    // Nordic
    "ab",
    "publ",
    "oy",
    "oyj",
    "as",
    "asa",
    "aps",
    "a s",
    "hf",
    "ehf",
    "ky",
    // Iberian
    "sl",
    "slu",
    "sau",
    "lda",
    "sgps",
    "s a",
    "s l",
    // Italian, other
    "spa",
    "sapa",
    "scarl",
    "gmbh ltd",
];

/// The key two company names conflict on: NFKC, case folded, punctuation
/// dropped, legal-form suffixes removed.
pub fn company_key(name: &str) -> String {
    let folded = caseless::default_case_fold_str(&name.nfkc().collect::<String>());
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    // Drop trailing legal forms, however they were spelled: "B.V.", "BV", "b v".
    'strip: while words.len() > 1 {
        for k in (1..words.len()).rev().take(4) {
            let tail = words[words.len() - k..].concat();
            if LEGAL_FORMS.iter().any(|form| form.replace(' ', "") == tail) {
                words.truncate(words.len() - k);
                continue 'strip;
            }
        }
        break;
    }
    // Joined without spaces: "Acme Group" and "AcmeGroup" are one company.
    words.concat()
}

/// Why a subdomain cannot be had, and a subdomain made from a name: the
/// rules the console applies as the person types, shared through orgdesk-api.
pub use orgdesk_api::validate::{
    RESERVED_SUBDOMAINS as RESERVED, SubdomainReason, slug, subdomain_problem,
};

/// Up to `n` free alternatives to a taken subdomain, in order of preference;
/// `is_free` answers for each candidate (usable ones only are asked about).
pub fn suggestions(
    wanted: &str,
    country: Option<&str>,
    n: usize,
    mut is_free: impl FnMut(&str) -> bool,
) -> Vec<String> {
    let base = slug(wanted);
    let base = if base.len() < 3 {
        format!("{base}-org")
    } else {
        base
    };
    let mut candidates = vec![
        format!("{base}-hq"),
        format!("{base}-team"),
        format!("{base}-app"),
    ];
    if let Some(cc) = country {
        candidates.insert(0, format!("{base}-{}", cc.to_ascii_lowercase()));
    }
    candidates.extend((2..50).map(|i| format!("{base}{i}")));
    candidates
        .into_iter()
        .filter(|c| c.len() <= 63 && subdomain_problem(c).is_none())
        .filter(|c| is_free(c))
        .take(n)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_the_same_company() {
        let same = [
            ("Acme GmbH", "ACME gmbh"),
            ("Acme GmbH", "Acme Ltd."),
            ("Acme, Inc.", "acme inc"),
            ("Acme", "Acme LLC"),
            ("ＡＣＭＥ", "acme"),
            ("Straße AG", "STRASSE ag"),
            ("Acme S.A.", "Acme SAS"),
            ("Acme B.V.", "acme"),
            ("Acme Oy", "Acme AB (publ)"),
            ("Acme S.L.", "Acme Lda"),
            ("Acme GmbH & Co. KG", "Acme"),
            ("Acme Group", "AcmeGroup"),
            ("Acme A/S", "Acme ApS"),
        ];
        for (a, b) in same {
            assert_eq!(company_key(a), company_key(b), "{a} vs {b}");
        }
    }

    #[test]
    fn names_that_are_different_companies() {
        let different = [
            ("Acme", "Acme Two"),
            ("Acme Labs", "Acme"),
            ("Ltd", "Inc"),
            ("Alpha", "Beta"),
            ("AG Bank", "Bank"),
        ];
        for (a, b) in different {
            assert_ne!(company_key(a), company_key(b), "{a} vs {b}");
        }
        // A name that is only a legal form keeps it.
        assert_eq!(company_key("GmbH"), "gmbh");
    }

    #[test]
    fn subdomains() {
        assert_eq!(subdomain_problem("acme"), None);
        assert!(RESERVED.len() >= 30);
        for route_word in ["availability", "checkout", "webhook", "me", "orgs"] {
            assert!(subdomain_problem(route_word).is_some(), "{route_word}");
        }
        for id_shaped in [
            "0190f2a4-7c3e-7d2a-9b1e-3f2a1b0c9d8e",
            "0190f2a47c3e7d2a9b1e3f2a1b0c9d8e",
        ] {
            assert!(subdomain_problem(id_shaped).is_some(), "{id_shaped}");
        }
        for bad in [
            "www",
            "admin",
            "billing",
            "xn--80ak6aa92e",
            "аcme",
            "ac",
            "-acme",
            "ACME",
        ] {
            assert!(subdomain_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn suggestions_are_free_and_valid() {
        let taken = ["acme-de", "acme-hq"];
        let s = suggestions("acme", Some("DE"), 3, |c| !taken.contains(&c));
        assert_eq!(s, vec!["acme-team", "acme-app", "acme2"]);
        assert_eq!(slug("Müller & Söhne GmbH"), "muller-sohne-gmbh");
    }
}
