//! CSV exports meant for spreadsheets.

/// Spreadsheets run cells starting with = + - @ as formulas: quote them out.
pub fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Rows as CSV text (header first, if given).
pub fn lines<R: AsRef<[String]>>(rows: &[R]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Writing into memory cannot fail.
        let _ = writer.write_record(row.as_ref());
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_text_is_kept() {
        assert_eq!(defuse("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(defuse("+1"), "'+1");
        assert_eq!(defuse("@x"), "'@x");
        assert_eq!(defuse("ada@example.com"), "ada@example.com");
        let out = lines(&[vec!["a".to_string(), "b,c".to_string()]]);
        assert_eq!(String::from_utf8(out).unwrap(), "a,\"b,c\"\n");
    }
}
