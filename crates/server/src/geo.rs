//! Where a sign-in came from, read from a MaxMind-format database.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

use crate::domain::client_ip::is_private;

pub const PRIVATE_NETWORK: &str = "Private network";

pub struct GeoIp {
    reader: maxminddb::Reader<Vec<u8>>,
}

#[derive(Deserialize)]
struct Record {
    country: Option<Place>,
    city: Option<Place>,
    /// The flat shape of some free databases (`{"country_code": "DE"}`).
    country_code: Option<String>,
}

#[derive(Deserialize)]
struct Place {
    iso_code: Option<String>,
    names: Option<BTreeMap<String, String>>,
}

impl Place {
    fn name(&self) -> Option<String> {
        self.names
            .as_ref()
            .and_then(|n| n.get("en").cloned())
            .or_else(|| self.iso_code.clone())
    }
}

impl GeoIp {
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let reader = maxminddb::Reader::open_readfile(path)
            .with_context(|| format!("cannot read GeoIP database {}", path.display()))?;
        Ok(Self { reader })
    }

    /// "Berlin, Germany", "Germany", or the country code; `None` when unknown.
    pub fn locate(&self, ip: IpAddr) -> Option<String> {
        let record: Record = self.reader.lookup(ip).ok().flatten()?;
        let country = record
            .country
            .as_ref()
            .and_then(Place::name)
            .or(record.country_code);
        match (record.city.as_ref().and_then(Place::name), country) {
            (Some(city), Some(country)) => Some(format!("{city}, {country}")),
            (None, Some(country)) => Some(country),
            (Some(city), None) => Some(city),
            (None, None) => None,
        }
    }

    /// The city (English name) and country code of `ip`, each if known.
    pub fn place(&self, ip: IpAddr) -> (Option<String>, Option<String>) {
        let Some(record) = self.reader.lookup::<Record>(ip).ok().flatten() else {
            return (None, None);
        };
        let code = record
            .country
            .as_ref()
            .and_then(|c| c.iso_code.clone())
            .or(record.country_code)
            .filter(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()))
            .map(|c| c.to_ascii_uppercase());
        (record.city.as_ref().and_then(Place::name), code)
    }
}

/// Fills a listed session's `city`, `country` and `private_network` from its
/// address, so that a console names the place in its own language.
pub fn describe(geo: Option<&GeoIp>, session: &mut orgdesk_api::SessionInfo) {
    let Some(ip) = session
        .ip
        .as_deref()
        .and_then(|ip| ip.parse::<IpAddr>().ok())
    else {
        return;
    };
    if is_private(ip) {
        session.private_network = true;
    } else if let Some(geo) = geo {
        (session.city, session.country) = geo.place(ip);
    }
}

/// The `location` of a session: private ranges by rule, the rest by database.
pub fn location(geo: Option<&GeoIp>, ip: IpAddr) -> Option<String> {
    if is_private(ip) {
        return Some(PRIVATE_NETWORK.into());
    }
    geo.and_then(|g| g.locate(ip))
}
