//! Paths built from caller input.

use crate::Error;

/// One path segment from caller input (an organization's id or subdomain),
/// percent-encoded so it can never add segments or a query to the path.
pub(crate) fn segment(raw: &str) -> Result<String, Error> {
    // URL parsers resolve `.` and `..` (even encoded), which would silently
    // address another resource; an empty segment would too.
    if matches!(raw, "" | "." | "..") {
        return Err(Error::config(format!(
            "{raw:?} is not a valid path segment"
        )));
    }
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Ok(out)
}

/// `/api/v1/orgs/{org}{rest}`.
pub(crate) fn org_path(org: &str, rest: &str) -> Result<String, Error> {
    Ok(format!("/api/v1/orgs/{}{rest}", segment(org)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded_and_dot_segments_refused() {
        assert_eq!(segment("acme-2").unwrap(), "acme-2");
        assert_eq!(segment("a/b?c d#é").unwrap(), "a%2Fb%3Fc%20d%23%C3%A9");
        for bad in ["", ".", ".."] {
            assert!(matches!(segment(bad), Err(Error::Config(_))), "{bad:?}");
        }
        assert_eq!(
            org_path("acme", "/groups").unwrap(),
            "/api/v1/orgs/acme/groups"
        );
    }
}
