//! `orgdesk://` links: `orgdesk://HOST/orgs/SUB/members/ID` opens a member,
//! `…/groups/ID` a group, `…/audit/ID` an entry of the audit log. HOST is the
//! platform's address (`host[:port]`, or `local` for a platform on this
//! computer, whose port changes with every start); SUB is the organization's
//! subdomain (its id is taken too, as the API takes either).
//!
//! Links come from other programs (a browser, a chat, a mail), so parsing is
//! strict: anything but exactly this shape is refused, and nothing in a link
//! is ever sent anywhere before it matched the signed-in session.

use std::fmt;

use uuid::Uuid;

use crate::session::LOCAL_PLATFORM;

/// The URL scheme the packages register for the console.
pub const SCHEME: &str = "orgdesk";
/// Longer arguments are not links (and are not looked at further).
const MAX_LEN: usize = 2048;

/// What a link points at, inside its organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    Member(Uuid),
    Group(Uuid),
    AuditEntry(Uuid),
}

impl Item {
    fn segment(self) -> (&'static str, Uuid) {
        match self {
            Item::Member(id) => ("members", id),
            Item::Group(id) => ("groups", id),
            Item::AuditEntry(id) => ("audit", id),
        }
    }
}

/// A parsed `orgdesk://` link.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    /// The platform's `host[:port]`, lower case; [`LOCAL_PLATFORM`] for a
    /// platform on this computer.
    pub host: String,
    /// The organization's subdomain, or its id.
    pub org: String,
    pub item: Item,
}

/// Why an argument is not a link the console opens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("not an orgdesk:// link")]
    NotALink,
    #[error("the link has no platform address")]
    NoHost,
    #[error(
        "the link points at nothing the console opens (expected /orgs/ORGANIZATION/members|groups|audit/ID)"
    )]
    UnknownPath,
    #[error("the organization in the link is neither a subdomain nor an id")]
    BadOrganization,
    #[error("the id in the link is not valid")]
    BadId,
}

impl Link {
    /// Parses `orgdesk://HOST/orgs/SUB/(members|groups|audit)/ID` (a final
    /// `/` is allowed; a query or fragment is not).
    pub fn parse(text: &str) -> Result<Self, LinkError> {
        let text = text.trim();
        if text.len() > MAX_LEN {
            return Err(LinkError::NotALink);
        }
        let url = url::Url::parse(text).map_err(|_| LinkError::NotALink)?;
        if url.scheme() != SCHEME {
            return Err(LinkError::NotALink);
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(LinkError::NoHost);
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(LinkError::UnknownPath);
        }
        let host = match (url.host_str(), url.port()) {
            (Some(""), _) | (None, _) => return Err(LinkError::NoHost),
            (Some(host), Some(port)) => format!("{}:{port}", host.to_ascii_lowercase()),
            (Some(host), None) => host.to_ascii_lowercase(),
        };
        let path = url.path().strip_suffix('/').unwrap_or(url.path());
        let parts: Vec<&str> = path.split('/').skip(1).collect();
        let [orgs, org, kind, id] = parts.as_slice() else {
            return Err(LinkError::UnknownPath);
        };
        if *orgs != "orgs" {
            return Err(LinkError::UnknownPath);
        }
        let org = org.to_ascii_lowercase();
        if !is_subdomain(&org) && Uuid::parse_str(&org).is_err() {
            return Err(LinkError::BadOrganization);
        }
        let id = Uuid::parse_str(id).map_err(|_| LinkError::BadId)?;
        let item = match *kind {
            "members" => Item::Member(id),
            "groups" => Item::Group(id),
            "audit" => Item::AuditEntry(id),
            _ => return Err(LinkError::UnknownPath),
        };
        Ok(Self { host, org, item })
    }

    /// The first argument that is a link, with why the `orgdesk://` ones that
    /// were not could not be read (the console says so).
    pub fn find(args: &[String]) -> Option<Result<Self, LinkError>> {
        args.iter()
            .filter(|arg| {
                arg.get(..SCHEME.len() + 1)
                    .is_some_and(|s| s.eq_ignore_ascii_case("orgdesk:"))
            })
            .map(|arg| Self::parse(arg))
            .next()
    }
}

impl fmt::Display for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, id) = self.item.segment();
        write!(
            f,
            "{SCHEME}://{}/orgs/{}/{kind}/{}",
            self.host,
            self.org,
            id.hyphenated()
        )
    }
}

/// How links name the platform at `url`: its `host[:port]`, lower case, or
/// [`LOCAL_PLATFORM`] for one on this computer. `None` for an address that
/// is not one (the console never signs in at such).
pub fn host_of(url: &str, local: bool) -> Option<String> {
    if local {
        return Some(LOCAL_PLATFORM.to_owned());
    }
    let url = url::Url::parse(url.trim()).ok()?;
    let host = url.host_str()?.to_ascii_lowercase();
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    })
}

/// A DNS label as the platform accepts subdomains: 1–63 of `a-z 0-9 -`, not
/// starting or ending with `-` (the platform's own rules are stricter; this
/// only keeps anything else out of the console).
fn is_subdomain(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "0190f2a4-7b1c-7d3e-9f00-1234567890ab";

    fn id() -> Uuid {
        Uuid::parse_str(ID).unwrap()
    }

    #[test]
    fn parses_each_kind_of_link() {
        let member = Link::parse(&format!(
            "orgdesk://platform.example/orgs/acme/members/{ID}"
        ));
        assert_eq!(
            member,
            Ok(Link {
                host: "platform.example".into(),
                org: "acme".into(),
                item: Item::Member(id())
            })
        );
        let group = Link::parse(&format!(
            "orgdesk://platform.example/orgs/acme/groups/{ID}/"
        ));
        assert_eq!(group.unwrap().item, Item::Group(id()));
        let entry = Link::parse(&format!("orgdesk://127.0.0.1:8080/orgs/acme/audit/{ID}"));
        let entry = entry.unwrap();
        assert_eq!(entry.item, Item::AuditEntry(id()));
        assert_eq!(entry.host, "127.0.0.1:8080");
    }

    #[test]
    fn formats_what_it_parses() {
        for text in [
            format!("orgdesk://platform.example/orgs/acme/members/{ID}"),
            format!("orgdesk://local/orgs/acme-gmbh/groups/{ID}"),
            format!("orgdesk://[::1]:8443/orgs/{ID}/audit/{ID}"),
        ] {
            let link = Link::parse(&text).unwrap();
            assert_eq!(link.to_string(), text);
            assert_eq!(Link::parse(&link.to_string()), Ok(link));
        }
    }

    #[test]
    fn host_and_organization_are_case_insensitive() {
        let link = Link::parse(&format!(
            "ORGDESK://Platform.EXAMPLE/orgs/Acme/members/{}",
            ID.to_uppercase()
        ))
        .unwrap();
        assert_eq!(link.host, "platform.example");
        assert_eq!(link.org, "acme");
        assert_eq!(link.item, Item::Member(id()));
    }

    #[test]
    fn refuses_everything_else() {
        let cases = [
            (
                format!("https://platform.example/orgs/acme/members/{ID}"),
                LinkError::NotALink,
            ),
            ("orgdesk:".into(), LinkError::NoHost),
            (
                format!("orgdesk:///orgs/acme/members/{ID}"),
                LinkError::NoHost,
            ),
            (
                format!("orgdesk://eve:pw@platform.example/orgs/acme/members/{ID}"),
                LinkError::NoHost,
            ),
            (
                "orgdesk://platform.example/orgs/acme/members".into(),
                LinkError::UnknownPath,
            ),
            (
                format!("orgdesk://platform.example/orgs/acme/members/{ID}/sessions"),
                LinkError::UnknownPath,
            ),
            (
                format!("orgdesk://platform.example/org/acme/members/{ID}"),
                LinkError::UnknownPath,
            ),
            (
                format!("orgdesk://platform.example/orgs/acme/invitations/{ID}"),
                LinkError::UnknownPath,
            ),
            (
                format!("orgdesk://platform.example/orgs/acme/members/{ID}?token=x"),
                LinkError::UnknownPath,
            ),
            (
                format!("orgdesk://platform.example/orgs/acme/members/{ID}#x"),
                LinkError::UnknownPath,
            ),
            (
                format!("orgdesk://platform.example/orgs/ac_me/members/{ID}"),
                LinkError::BadOrganization,
            ),
            // `%2e%2e` is `..`: the URL drops the segment, and the shape is wrong.
            (
                format!("orgdesk://platform.example/orgs/%2e%2e/members/{ID}"),
                LinkError::UnknownPath,
            ),
            (
                format!("orgdesk://platform.example/orgs/a%20b/members/{ID}"),
                LinkError::BadOrganization,
            ),
            (
                format!("orgdesk://platform.example/orgs/-acme/members/{ID}"),
                LinkError::BadOrganization,
            ),
            (
                "orgdesk://platform.example/orgs/acme/members/42".into(),
                LinkError::BadId,
            ),
            (
                "orgdesk://platform.example/orgs/acme/members/../../etc".into(),
                LinkError::UnknownPath,
            ),
            (
                format!(
                    "orgdesk://platform.example/orgs/acme/members/{}",
                    "a".repeat(3000)
                ),
                LinkError::NotALink,
            ),
        ];
        for (text, why) in cases {
            assert_eq!(Link::parse(&text), Err(why), "{text}");
        }
    }

    #[test]
    fn finds_the_link_among_the_arguments() {
        let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let link = format!("orgdesk://local/orgs/acme/members/{ID}");
        let found = Link::find(&args(&["--home", "/tmp/x", &link]));
        assert_eq!(found.unwrap().unwrap().org, "acme");
        assert!(Link::find(&args(&["--demo"])).is_none());
        assert_eq!(
            Link::find(&args(&["orgdesk://local/nothing"])),
            Some(Err(LinkError::UnknownPath))
        );
    }

    #[test]
    fn names_platforms_as_links_do() {
        assert_eq!(
            host_of("https://Platform.Example/", false).as_deref(),
            Some("platform.example")
        );
        assert_eq!(
            host_of("http://127.0.0.1:8080", false).as_deref(),
            Some("127.0.0.1:8080")
        );
        // The default port is not part of the name.
        assert_eq!(
            host_of("https://platform.example:443", false).as_deref(),
            Some("platform.example")
        );
        assert_eq!(
            host_of("http://127.0.0.1:4711", true).as_deref(),
            Some(LOCAL_PLATFORM)
        );
        assert_eq!(host_of("not a url", false), None);
    }
}
