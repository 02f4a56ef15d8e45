//! The address a request came from: the socket's, unless the socket is a
//! trusted proxy, in which case the nearest untrusted `X-Forwarded-For` hop.

use std::net::IpAddr;

pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    // Walk from the right: each hop was appended by the proxy before it.
    let mut last = peer;
    for hop in header.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => last = ip,
            Ok(ip) => return ip,
            Err(_) => return last,
        }
    }
    last
}

/// Loopback, private and link-local addresses: "Private network".
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_private() || v4.is_loopback() || v4.is_link_local() || v4.is_unspecified()
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_private(IpAddr::V4(v4));
            }
            v6.is_loopback()
                || v6.is_unique_local()
                || v6.is_unicast_link_local()
                || v6.is_unspecified()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_only_from_trusted_proxies() {
        let proxy = ip("10.0.0.1");
        assert_eq!(
            client_ip(ip("203.0.113.9"), Some("1.2.3.4"), &[proxy]),
            ip("203.0.113.9")
        );
        assert_eq!(client_ip(proxy, Some("1.2.3.4"), &[proxy]), ip("1.2.3.4"));
        // A client cannot put a fake address in front: the proxy appends the real one.
        assert_eq!(
            client_ip(proxy, Some("6.6.6.6, 1.2.3.4"), &[proxy]),
            ip("1.2.3.4")
        );
        assert_eq!(client_ip(proxy, Some("garbage"), &[proxy]), proxy);
        assert_eq!(client_ip(proxy, None, &[proxy]), proxy);
    }

    #[test]
    fn private_ranges() {
        for p in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.1.1",
            "172.16.0.1",
            "::1",
            "fd00::1",
            "::ffff:192.168.0.1",
        ] {
            assert!(is_private(ip(p)), "{p}");
        }
        for p in ["8.8.8.8", "2001:4860::8888"] {
            assert!(!is_private(ip(p)), "{p}");
        }
    }
}
