//! "Firefox 133 on Windows 10" from a User-Agent, read by woothee.

pub fn describe(user_agent: &str) -> Option<String> {
    let ua = user_agent.trim();
    if ua.is_empty() {
        return None;
    }
    if let Some(r) = woothee::parser::Parser::new().parse(ua)
        && r.name != "UNKNOWN"
        // woothee names command-line clients "HTTP Library"; their own token says more.
        && r.name != "HTTP Library"
    {
        let major = r
            .version
            .split('.')
            .next()
            .filter(|v| !v.is_empty() && *v != "UNKNOWN");
        let browser = match major {
            Some(v) => format!("{} {v}", r.name),
            None => r.name.to_string(),
        };
        let os = if r.os == "UNKNOWN" {
            None
        } else if r.os_version != "UNKNOWN" && !r.os.chars().any(|c| c.is_ascii_digit()) {
            Some(format!("{} {}", r.os, r.os_version))
        } else {
            Some(r.os.to_string())
        };
        return Some(match os {
            Some(os) => format!("{browser} on {os}"),
            None => browser,
        });
    }
    // Programs (our console, curl, scripts): "Name/1.2 (OS …)".
    let (product, rest) = ua.split_once(' ').unwrap_or((ua, ""));
    let (name, version) = product.split_once('/').unwrap_or((product, ""));
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        return None;
    }
    let name = match version.split('.').take(2).collect::<Vec<_>>().join(".") {
        v if v.is_empty() => name.to_string(),
        v => format!("{name} {v}"),
    };
    let os = rest
        .strip_prefix('(')
        .and_then(|r| r.split([';', ')']).next())
        .map(str::trim)
        .filter(|s| !s.is_empty());
    Some(match os {
        Some(os) => format!("{name} on {os}"),
        None => name,
    })
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn browsers_and_programs() {
        assert_eq!(
            describe(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
            )
            .as_deref(),
            Some("Firefox 133 on Windows 10")
        );
        let chrome_mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        let d = describe(chrome_mac).unwrap();
        assert!(d.starts_with("Chrome 131 on Mac"), "{d}");
        assert_eq!(
            describe("Orgdesk/0.1.0 (Linux; x86_64)").as_deref(),
            Some("Orgdesk 0.1 on Linux")
        );
        assert_eq!(describe("curl/8.5.0").as_deref(), Some("curl 8.5"));
        assert_eq!(describe(""), None);
        assert_eq!(describe("<script>"), None);
    }
}
