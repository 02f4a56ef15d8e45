//! VAT identification numbers: the country's prefix, its format, and the
//! check digits where the country defines them.

/// What is wrong with a VAT id, in words that point at the part to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VatError {
    /// It must start with this prefix (the country's, e.g. `DE`, `EL` for Greece).
    Prefix(String),
    /// After the prefix it must look like this.
    Format(&'static str),
    /// The format fits but the check digits do not: most likely a typo.
    Checksum,
}

impl VatError {
    pub fn message(&self) -> String {
        match self {
            Self::Prefix(p) => format!("the VAT id must start with the country prefix {p}"),
            Self::Format(f) => format!("after the prefix the VAT id must be {f}"),
            Self::Checksum => "the check digits do not match: look for a typo".into(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Prefix(_) => "vat_prefix",
            Self::Format(_) => "vat_format",
            Self::Checksum => "vat_checksum",
        }
    }
}

/// The EU member states (VAT prefixes) and Northern Ireland's XI.
pub fn is_eu(country: &str) -> bool {
    const EU: [&str; 27] = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
        "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ];
    EU.contains(&country)
}

fn prefix_of(country: &str) -> &str {
    match country {
        "GR" => "EL",
        other => other,
    }
}

/// The id without spaces, dots and dashes, upper-cased.
pub fn normalize(vat_id: &str) -> String {
    vat_id
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '\u{a0}'))
        .flat_map(char::to_uppercase)
        .collect()
}

fn digits(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

fn luhn(d: &[u32]) -> bool {
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 { y - 9 } else { y }
            } else {
                x
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn all_digits(body: &str, n: usize) -> bool {
    body.len() == n && body.bytes().all(|b| b.is_ascii_digit())
}

/// Checks a VAT id for `country` (ISO 3166-1 alpha-2); answers the normalized id.
pub fn validate(country: &str, vat_id: &str) -> Result<String, VatError> {
    let id = normalize(vat_id);
    // Northern Ireland's traders are in the United Kingdom but use XI for EU trade.
    let prefix = if country == "GB" && id.starts_with("XI") {
        "XI"
    } else {
        prefix_of(country)
    };
    let body = id
        .strip_prefix(prefix)
        .ok_or_else(|| VatError::Prefix(prefix.to_string()))?;
    let ok = match prefix {
        "DE" => {
            if !all_digits(body, 9) {
                return Err(VatError::Format("9 digits"));
            }
            let d = digits(body).unwrap_or_default();
            let mut product = 10;
            for &x in &d[..8] {
                let mut sum = (x + product) % 10;
                if sum == 0 {
                    sum = 10;
                }
                product = (2 * sum) % 11;
            }
            let check = if 11 - product == 10 { 0 } else { 11 - product };
            check == d[8]
        }
        "AT" => {
            let Some(rest) = body.strip_prefix('U').filter(|r| all_digits(r, 8)) else {
                return Err(VatError::Format("U followed by 8 digits"));
            };
            let d = digits(rest).unwrap_or_default();
            let s: u32 = d[..7]
                .iter()
                .enumerate()
                .map(|(i, &x)| {
                    if i % 2 == 1 {
                        let p = x * 2;
                        p / 10 + p % 10
                    } else {
                        x
                    }
                })
                .sum();
            (10 - (s + 4) % 10) % 10 == d[7]
        }
        "BE" => {
            if !(all_digits(body, 10) && body.starts_with(['0', '1'])) {
                return Err(VatError::Format("10 digits starting with 0 or 1"));
            }
            let n: u64 = body[..8].parse().unwrap_or(0);
            let check: u64 = body[8..].parse().unwrap_or(0);
            97 - n % 97 == check
        }
        "DK" => {
            if !all_digits(body, 8) {
                return Err(VatError::Format("8 digits"));
            }
            let d = digits(body).unwrap_or_default();
            d.iter()
                .zip([2, 7, 6, 5, 4, 3, 2, 1])
                .map(|(x, w)| x * w)
                .sum::<u32>()
                % 11
                == 0
        }
        "FI" => {
            if !all_digits(body, 8) {
                return Err(VatError::Format("8 digits"));
            }
            let d = digits(body).unwrap_or_default();
            let r = d[..7]
                .iter()
                .zip([7, 9, 10, 5, 8, 4, 2])
                .map(|(x, w)| x * w)
                .sum::<u32>()
                % 11;
            r != 1 && (if r == 0 { 0 } else { 11 - r }) == d[7]
        }
        "FR" => {
            if body.len() != 11
                || !body[2..].bytes().all(|b| b.is_ascii_digit())
                || !body[..2].bytes().all(|b| b.is_ascii_alphanumeric())
            {
                return Err(VatError::Format(
                    "a 2-character key followed by the 9-digit SIREN",
                ));
            }
            let siren: u64 = body[2..].parse().unwrap_or(0);
            match body[..2].parse::<u64>() {
                Ok(key) => key == (12 + 3 * (siren % 97)) % 97,
                // Alphanumeric keys are issued too; their algorithm is not public.
                Err(_) => true,
            }
        }
        "IT" => {
            if !all_digits(body, 11) {
                return Err(VatError::Format("11 digits"));
            }
            luhn(&digits(body).unwrap_or_default())
        }
        "NL" => {
            let b = body.as_bytes();
            if !(body.len() == 12
                && body[..9].bytes().all(|c| c.is_ascii_digit())
                && b[9] == b'B'
                && body[10..].bytes().all(|c| c.is_ascii_digit()))
            {
                return Err(VatError::Format(
                    "9 digits, B and 2 digits (e.g. 123456789B01)",
                ));
            }
            let d = digits(&body[..9]).unwrap_or_default();
            let eleven = d[..8]
                .iter()
                .zip((2..=9).rev())
                .map(|(x, w)| x * w)
                .sum::<u32>()
                % 11
                == d[8];
            // Since 2020 sole traders get ids checked by ISO 7064 MOD 97-10 over "NL" + the id.
            let numeric: String = format!("NL{body}")
                .chars()
                .map(|c| c.to_digit(36).map_or(String::new(), |v| v.to_string()))
                .collect();
            let mod97 = numeric
                .bytes()
                .fold(0u64, |acc, b| (acc * 10 + u64::from(b - b'0')) % 97)
                == 1;
            eleven || mod97
        }
        "PL" => {
            if !all_digits(body, 10) {
                return Err(VatError::Format("10 digits"));
            }
            let d = digits(body).unwrap_or_default();
            let r = d[..9]
                .iter()
                .zip([6, 5, 7, 2, 3, 4, 5, 6, 7])
                .map(|(x, w)| x * w)
                .sum::<u32>()
                % 11;
            r != 10 && r == d[9]
        }
        "PT" => {
            if !all_digits(body, 9) {
                return Err(VatError::Format("9 digits"));
            }
            let d = digits(body).unwrap_or_default();
            let r = 11
                - d[..8]
                    .iter()
                    .zip((2..=9).rev())
                    .map(|(x, w)| x * w)
                    .sum::<u32>()
                    % 11;
            (if r >= 10 { 0 } else { r }) == d[8]
        }
        "SE" => {
            if !(all_digits(body, 12) && body.ends_with("01")) {
                return Err(VatError::Format("12 digits ending in 01"));
            }
            luhn(&digits(&body[..10]).unwrap_or_default())
        }
        "ES" => return spain(body),
        "IE" => return ireland(body),
        "GB" | "XI" => return united_kingdom(prefix, body),
        _ => {
            if !(2..=13).contains(&body.len()) || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(VatError::Format("2 to 13 letters and digits"));
            }
            true
        }
    };
    if ok { Ok(id) } else { Err(VatError::Checksum) }
}

fn spain(body: &str) -> Result<String, VatError> {
    const FORMAT: &str = "9 characters: a letter or digit, 7 digits, a letter or digit";
    let b: Vec<char> = body.chars().collect();
    if b.len() != 9
        || !b[1..8].iter().all(char::is_ascii_digit)
        || !b[0].is_ascii_alphanumeric()
        || !b[8].is_ascii_alphanumeric()
    {
        return Err(VatError::Format(FORMAT));
    }
    let middle: Vec<u32> = b[1..8].iter().filter_map(|c| c.to_digit(10)).collect();
    let first = b[0];
    let ok = if first.is_ascii_digit() || matches!(first, 'X' | 'Y' | 'Z') {
        // A person's DNI/NIE: the number mod 23 picks the letter.
        let lead = match first {
            'X' => 0,
            'Y' => 1,
            'Z' => 2,
            d => d.to_digit(10).unwrap_or(0),
        };
        let n = middle
            .iter()
            .fold(u64::from(lead), |acc, &d| acc * 10 + u64::from(d));
        "TRWAGMYFPDXBNJZSQVHLCKE"
            .chars()
            .nth(usize::try_from(n % 23).unwrap_or(0))
            == Some(b[8])
    } else if matches!(first, 'K' | 'L' | 'M') {
        let n = middle.iter().fold(0u64, |acc, &d| acc * 10 + u64::from(d));
        "TRWAGMYFPDXBNJZSQVHLCKE"
            .chars()
            .nth(usize::try_from(n % 23).unwrap_or(0))
            == Some(b[8])
    } else {
        // A company's CIF: a control digit, or its letter.
        let sum: u32 = middle
            .iter()
            .enumerate()
            .map(|(i, &d)| {
                if i % 2 == 0 {
                    let p = d * 2;
                    p / 10 + p % 10
                } else {
                    d
                }
            })
            .sum();
        let c = (10 - sum % 10) % 10;
        b[8].to_digit(10) == Some(c) || "JABCDEFGHI".chars().nth(c as usize) == Some(b[8])
    };
    if ok {
        Ok(format!("ES{body}"))
    } else {
        Err(VatError::Checksum)
    }
}

fn ireland(body: &str) -> Result<String, VatError> {
    const FORMAT: &str = "7 digits and 1 or 2 letters (e.g. 6433435F or 1234567FA)";
    let b: Vec<char> = body.chars().collect();
    // The old style "8Z49289F" moves its second character: "0" + digits 3-7 + digit 1.
    let modern: Vec<char> = if b.len() == 8
        && b[0].is_ascii_digit()
        && (b[1].is_ascii_uppercase() || matches!(b[1], '+' | '*'))
    {
        let mut m = vec!['0'];
        m.extend_from_slice(&b[2..7]);
        m.push(b[0]);
        m.push(b[7]);
        m
    } else {
        b
    };
    if !(8..=9).contains(&modern.len())
        || !modern[..7].iter().all(char::is_ascii_digit)
        || !modern[7..].iter().all(char::is_ascii_uppercase)
    {
        return Err(VatError::Format(FORMAT));
    }
    let mut sum: u32 = modern[..7]
        .iter()
        .filter_map(|c| c.to_digit(10))
        .zip((2..=8).rev())
        .map(|(d, w)| d * w)
        .sum();
    if let Some(&second) = modern.get(8) {
        sum += 9 * if second == 'W' {
            0
        } else {
            u32::from(second as u8 - b'A' + 1)
        };
    }
    let expected = "WABCDEFGHIJKLMNOPQRSTUV".chars().nth((sum % 23) as usize);
    if expected == Some(modern[7]) {
        Ok(format!("IE{body}"))
    } else {
        Err(VatError::Checksum)
    }
}

fn united_kingdom(prefix: &str, body: &str) -> Result<String, VatError> {
    let digits_only = body.bytes().all(|b| b.is_ascii_digit());
    if (body.starts_with("GD") || body.starts_with("HA"))
        && body.len() == 5
        && body[2..].bytes().all(|b| b.is_ascii_digit())
    {
        return Ok(format!("{prefix}{body}"));
    }
    if !(digits_only && (body.len() == 9 || body.len() == 12)) {
        return Err(VatError::Format("9 digits (or 12 with a branch number)"));
    }
    let d = digits(&body[..9]).unwrap_or_default();
    let weighted: u32 = d[..7].iter().zip((2..=8).rev()).map(|(x, w)| x * w).sum();
    let total = weighted + d[7] * 10 + d[8];
    if total.is_multiple_of(97) || (total + 55).is_multiple_of(97) {
        Ok(format!("{prefix}{body}"))
    } else {
        Err(VatError::Checksum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ids_per_country() {
        let valid = [
            ("DE", "DE136695976"),
            ("DE", "de 136 695 976"),
            ("AT", "ATU13585627"),
            ("BE", "BE0776091951"),
            ("DK", "DK13585628"),
            ("FI", "FI20774740"),
            ("FR", "FR40303265045"),
            ("IT", "IT00743110157"),
            ("NL", "NL004495445B01"),
            ("PL", "PL8567346215"),
            ("PT", "PT501964843"),
            ("SE", "SE556188840401"),
            ("ES", "ESA28015865"),
            ("ES", "ES12345678Z"),
            ("IE", "IE6433435F"),
            ("IE", "IE8Z49289F"),
            ("GB", "GB980780684"),
            ("XI", "XI980780684"),
            ("GB", "XI980780684"),
            ("GR", "EL094259216"),
        ];
        for (country, id) in valid {
            assert!(
                validate(country, id).is_ok(),
                "{country} {id}: {:?}",
                validate(country, id)
            );
        }
    }

    #[test]
    fn errors_name_the_wrong_part() {
        assert_eq!(
            validate("DE", "FR40303265045"),
            Err(VatError::Prefix("DE".into()))
        );
        assert_eq!(
            validate("GR", "GR094259216"),
            Err(VatError::Prefix("EL".into()))
        );
        assert_eq!(validate("DE", "DE12345"), Err(VatError::Format("9 digits")));
        assert_eq!(validate("DE", "DE136695977"), Err(VatError::Checksum));
        assert_eq!(
            validate("AT", "AT13585627"),
            Err(VatError::Format("U followed by 8 digits"))
        );
        for (country, id) in [
            ("AT", "ATU13585628"),
            ("BE", "BE0776091952"),
            ("DK", "DK13585627"),
            ("FI", "FI20774741"),
            ("FR", "FR41303265045"),
            ("IT", "IT00743110158"),
            ("NL", "NL004495446B01"),
            ("PL", "PL8567346216"),
            ("PT", "PT501964844"),
            ("SE", "SE556188840501"),
            ("ES", "ESA28015866"),
            ("ES", "ES12345678A"),
            ("IE", "IE6433435G"),
            ("GB", "GB980780685"),
        ] {
            assert_eq!(
                validate(country, id),
                Err(VatError::Checksum),
                "{country} {id}"
            );
        }
    }
}
