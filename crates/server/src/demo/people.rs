//! Who the demo's people are when they sign in: their browsers and systems,
//! their offices' and homes' addresses.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use rand::Rng;
use rand::rngs::StdRng;

use crate::device;

/// Browsers and systems people sign in with, and how often (weights).
pub(super) const DESKTOP_AGENTS: &[(&str, u32)] = &[
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        30,
    ),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70",
        14,
    ),
    (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        10,
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        14,
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        12,
    ),
    (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0",
        5,
    ),
    (
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        6,
    ),
    (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        4,
    ),
    (
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
        3,
    ),
];
pub(super) const MOBILE_AGENTS: &[(&str, u32)] = &[
    (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1.1 Mobile/15E148 Safari/604.1",
        30,
    ),
    (
        "Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1",
        6,
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
        20,
    ),
    (
        "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
        10,
    ),
    (
        "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
        4,
    ),
    (
        "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36 EdgA/131.0.2903.87",
        3,
    ),
];
/// The Orgdesk console, as `orgdesk-client` announces itself.
pub(super) const CONSOLE_AGENTS: &[&str] = &[
    concat!("Orgdesk/", env!("CARGO_PKG_VERSION"), " (linux; x86_64)"),
    concat!("Orgdesk/", env!("CARGO_PKG_VERSION"), " (windows; x86_64)"),
    concat!("Orgdesk/", env!("CARGO_PKG_VERSION"), " (macos; aarch64)"),
];

/// Every User-Agent above with its description, read once.
pub(super) struct Devices {
    pub(super) described: HashMap<&'static str, Option<String>>,
}

impl Devices {
    pub(super) fn new() -> Self {
        let described = DESKTOP_AGENTS
            .iter()
            .chain(MOBILE_AGENTS)
            .map(|(ua, _)| *ua)
            .chain(CONSOLE_AGENTS.iter().copied())
            .map(|ua| (ua, device::describe(ua)))
            .collect();
        Self { described }
    }

    pub(super) fn describe(&self, ua: &str) -> Option<String> {
        self.described.get(ua).cloned().flatten()
    }
}

pub(super) fn weighted(rng: &mut StdRng, choices: &'static [(&'static str, u32)]) -> &'static str {
    let total: u32 = choices.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for (choice, weight) in choices {
        if pick < *weight {
            return choice;
        }
        pick -= weight;
    }
    choices[0].0
}

/// Public addresses people come from: documentation ranges (RFC 5737 and
/// 3849, which no database locates) and addresses of well-known networks
/// that GeoIP databases (MaxMind's test database too) do locate.
pub(super) const PUBLIC_V4: &[&str] = &[
    "81.2.69.142",
    "81.2.69.160",
    "81.2.69.192",
    "89.160.20.112",
    "89.160.20.128",
    "2.125.160.216",
    "216.160.83.56",
    "175.16.199.37",
    "67.43.156.12",
    "202.196.224.5",
];
pub(super) const PUBLIC_V6: &[&str] =
    &["2001:218:85a3::12", "2001:480:10::1:7", "2a02:cf40:add::3"];

/// One generated person's places and devices.
pub(super) struct Person {
    pub(super) desktop: &'static str,
    pub(super) phone: &'static str,
    pub(super) console: Option<&'static str>,
    pub(super) office: IpAddr,
    pub(super) home: IpAddr,
    pub(super) home_v6: Option<IpAddr>,
}

impl Person {
    pub(super) fn new(rng: &mut StdRng, i: usize) -> Self {
        let office = match rng.random_range(0..3) {
            0 => IpAddr::V4(Ipv4Addr::new(
                10,
                20,
                rng.random(),
                rng.random_range(1..255),
            )),
            1 => IpAddr::V4(Ipv4Addr::new(192, 168, 178, rng.random_range(2..255))),
            _ => IpAddr::V6(Ipv6Addr::new(
                0xfd12,
                0x3456,
                0x789a,
                1,
                0,
                0,
                rng.random(),
                rng.random(),
            )),
        };
        let home = match rng.random_range(0..5) {
            0 => IpAddr::V4(Ipv4Addr::new(203, 0, 113, rng.random_range(1..255))),
            1 => IpAddr::V4(Ipv4Addr::new(198, 51, 100, rng.random_range(1..255))),
            2 => IpAddr::V4(Ipv4Addr::new(192, 0, 2, rng.random_range(1..255))),
            _ => PUBLIC_V4[i % PUBLIC_V4.len()]
                .parse()
                .unwrap_or(IpAddr::V4(Ipv4Addr::new(203, 0, 113, 1))),
        };
        let home_v6 = rng
            .random_ratio(1, 3)
            .then(|| match rng.random_range(0..2) {
                0 => IpAddr::V6(Ipv6Addr::new(
                    0x2001,
                    0xdb8,
                    rng.random(),
                    0,
                    0,
                    0,
                    0,
                    rng.random(),
                )),
                _ => PUBLIC_V6[i % PUBLIC_V6.len()]
                    .parse()
                    .unwrap_or(IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1))),
            });
        Self {
            desktop: weighted(rng, DESKTOP_AGENTS),
            phone: weighted(rng, MOBILE_AGENTS),
            console: rng
                .random_ratio(1, 8)
                .then(|| CONSOLE_AGENTS[i % CONSOLE_AGENTS.len()]),
            office,
            home,
            home_v6,
        }
    }

    /// Where and with what one sign-in happened.
    pub(super) fn sign_in(&self, rng: &mut StdRng) -> (IpAddr, &'static str) {
        let agent = match (rng.random_range(0..100), self.console) {
            (0..15, Some(console)) => console,
            (0..65, _) => self.desktop,
            _ => self.phone,
        };
        let ip = match rng.random_range(0..100) {
            0..45 => self.office,
            45..75 => self.home,
            75..90 => self.home_v6.unwrap_or(self.home),
            _ => PUBLIC_V4[rng.random_range(0..PUBLIC_V4.len())]
                .parse()
                .unwrap_or(self.home),
        };
        (ip, agent)
    }
}
