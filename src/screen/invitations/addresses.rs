//! Addresses as people paste them: separated by commas, semicolons, spaces or
//! lines, sometimes as `Jane Doe <jane@example.com>`; or a CSV file with an
//! email column. Only splitting happens here: whether an address is good is
//! the platform's answer, per address.

use std::collections::HashSet;

use orgdesk_api::validate::normalize_email;

/// The addresses in pasted text, in order, as typed (the platform says which are bad).
pub fn split(text: &str) -> Vec<String> {
    let text = without_quoted_names(text);
    let mut addresses = Vec::new();
    for segment in text.split([',', ';', '\n', '\r']) {
        match bracketed(segment) {
            Some(address) => addresses.push(address.to_string()),
            None => addresses.extend(segment.split_whitespace().map(str::to_string)),
        }
    }
    addresses.retain(|a| !a.is_empty());
    addresses
}

/// `"Doe, Jane" <jane@example.com>` → ` <jane@example.com>`: the comma in a
/// quoted display name separates nothing.
fn without_quoted_names(text: &str) -> String {
    let mut quoted = false;
    text.chars()
        .filter(|&c| {
            if c == '"' {
                quoted = !quoted;
                return false;
            }
            !quoted
        })
        .collect()
}

/// `Jane Doe <jane@example.com>` → `jane@example.com`.
fn bracketed(segment: &str) -> Option<&str> {
    let (_, rest) = segment.split_once('<')?;
    let (inside, _) = rest.split_once('>')?;
    Some(inside.trim())
}

/// What a list of addresses amounts to before it is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Every address in the list.
    pub total: usize,
    /// Distinct well-formed addresses: each takes a seat unless the person
    /// is a member or invited already.
    pub distinct: usize,
    /// Addresses that can never be valid.
    pub malformed: usize,
    /// Repeats of an address earlier in the list.
    pub repeated: usize,
}

pub fn tally(addresses: &[String]) -> Tally {
    let mut seen = HashSet::new();
    let mut tally = Tally {
        total: addresses.len(),
        ..Tally::default()
    };
    for address in addresses {
        match normalize_email(address) {
            None => tally.malformed += 1,
            Some(email) => {
                if seen.insert(email) {
                    tally.distinct += 1;
                } else {
                    tally.repeated += 1;
                }
            }
        }
    }
    tally
}

/// Why a CSV file gave no addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblem {
    Unreadable(String),
    Empty,
}

/// The addresses of a CSV file: the column headed `email` (or `e-mail`,
/// `email address`), else the first column holding an `@` in its first row.
pub fn from_csv(bytes: &[u8]) -> Result<Vec<String>, CsvProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let mut records = reader.records();
    let first = match records.next() {
        None => return Err(CsvProblem::Empty),
        Some(record) => record.map_err(|e| CsvProblem::Unreadable(e.to_string()))?,
    };
    let header = first.iter().position(|cell| {
        matches!(
            cell.to_lowercase().as_str(),
            "email" | "e-mail" | "email address" | "e-mail address" | "mail"
        )
    });
    let column = header
        .or_else(|| first.iter().position(|cell| cell.contains('@')))
        .unwrap_or(0);
    let mut addresses = Vec::new();
    if header.is_none()
        && let Some(cell) = first.get(column)
    {
        addresses.push(cell.to_string());
    }
    for record in records {
        let record = record.map_err(|e| CsvProblem::Unreadable(e.to_string()))?;
        if let Some(cell) = record.get(column) {
            addresses.push(cell.to_string());
        }
    }
    addresses.retain(|a| !a.is_empty());
    if addresses.is_empty() {
        Err(CsvProblem::Empty)
    } else {
        Ok(addresses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_lists_split_on_every_usual_separator() {
        let text =
            "a@example.com, b@example.com;c@example.com\n d@example.com\te@example.com\r\n\n,,";
        assert_eq!(
            split(text),
            [
                "a@example.com",
                "b@example.com",
                "c@example.com",
                "d@example.com",
                "e@example.com"
            ]
        );
        assert_eq!(
            split("Jane Doe <jane@example.com>, \"Roe, Rick\" <rick@example.com>"),
            ["jane@example.com", "rick@example.com"]
        );
        assert_eq!(
            split("Jane jane@example.com"),
            ["Jane", "jane@example.com"],
            "a bare name stays, for the platform to refuse as an address"
        );
        assert!(split("  \n ,; ").is_empty());
    }

    #[test]
    fn the_tally_counts_seats_repeats_and_bad_addresses() {
        let list = split("a@example.com A@Example.com b@example.com not-an-address c@");
        assert_eq!(
            tally(&list),
            Tally {
                total: 5,
                distinct: 2,
                malformed: 2,
                repeated: 1
            }
        );
    }

    #[test]
    fn csv_takes_the_email_column_or_the_first_with_an_at() {
        let headed = b"name,Email,team\nAda,ada@example.com,x\nBob,,y\nCy,cy@example.com\n";
        assert_eq!(
            from_csv(headed).unwrap(),
            ["ada@example.com", "cy@example.com"]
        );
        let bare = b"Ada;x\nada@example.com,Ada\nbob@example.com,Bob";
        assert_eq!(
            from_csv(bare).unwrap(),
            ["Ada;x", "ada@example.com", "bob@example.com"],
            "without a header and no @ in the first row, the first column"
        );
        let at_second = b"Ada,ada@example.com\nBob,bob@example.com\n";
        assert_eq!(
            from_csv(at_second).unwrap(),
            ["ada@example.com", "bob@example.com"]
        );
        assert_eq!(from_csv(b""), Err(CsvProblem::Empty));
        assert_eq!(from_csv(b"email\n\n"), Err(CsvProblem::Empty));
    }
}
