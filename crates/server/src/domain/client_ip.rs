//! The address a request came from: the socket's, unless the socket is a
//! trusted proxy, in which case the nearest untrusted `X-Forwarded-For` hop.

use std::net::IpAddr;

/// Where a request came from.
#[derive(Debug, Clone)]
pub struct ClientMeta {
    pub ip: IpAddr,
    pub user_agent: Option<String>,
}

/// `forwarded_for` is every `X-Forwarded-For` header line in order: proxies
/// may append a line instead of extending the last one. Hops may carry a
/// port (`203.0.113.9:41234`, `[2001:db8::1]:443`).
pub fn client_ip(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) || forwarded_for.is_empty() {
        return peer;
    }
    // Walk from the right: each hop was appended by the proxy before it; the
    // first one that is not a trusted proxy is the client.
    let hops = forwarded_for.iter().flat_map(|line| line.split(','));
    let mut last = peer;
    for hop in hops.collect::<Vec<_>>().into_iter().rev() {
        match parse_hop(hop) {
            Some(ip) if trusted.contains(&ip) => last = ip,
            Some(ip) => return ip,
            None => return last,
        }
    }
    last
}

fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(ip);
    }
    hop.parse::<std::net::SocketAddr>()
        .ok()
        .map(|addr| addr.ip())
        .or_else(|| {
            hop.strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .and_then(|h| h.parse().ok())
        })
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
            client_ip(ip("203.0.113.9"), &["1.2.3.4"], &[proxy]),
            ip("203.0.113.9")
        );
        assert_eq!(client_ip(proxy, &["1.2.3.4"], &[proxy]), ip("1.2.3.4"));
        // A client cannot put a fake address in front: the proxy appends the real one.
        assert_eq!(
            client_ip(proxy, &["6.6.6.6, 1.2.3.4"], &[proxy]),
            ip("1.2.3.4")
        );
        assert_eq!(client_ip(proxy, &["garbage"], &[proxy]), proxy);
        assert_eq!(client_ip(proxy, &[], &[proxy]), proxy);
    }

    #[test]
    fn every_header_line_counts_and_ports_are_read() {
        let proxy = ip("10.0.0.1");
        let inner = ip("10.0.0.2");
        // The client's fake line first, then the one the outer proxy added:
        // the right-most untrusted hop wins, whichever line it is in.
        assert_eq!(
            client_ip(
                proxy,
                &["6.6.6.6", "1.2.3.4:5678, 10.0.0.2"],
                &[proxy, inner]
            ),
            ip("1.2.3.4")
        );
        assert_eq!(
            client_ip(proxy, &["[2001:db8::7]:443"], &[proxy]),
            ip("2001:db8::7")
        );
        assert_eq!(
            client_ip(proxy, &["[2001:db8::8]"], &[proxy]),
            ip("2001:db8::8")
        );
        assert_eq!(client_ip(proxy, &["10.0.0.2"], &[proxy, inner]), inner);
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
