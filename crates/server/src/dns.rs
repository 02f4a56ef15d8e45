//! TXT lookups over real DNS for domain verification (hickory-resolver):
//! the system's resolver, or the one `--dns-resolver HOST:PORT` names.

use std::net::SocketAddr;
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{NameServerConfigGroup, ResolverConfig, ResolverOpts};
use hickory_resolver::name_server::TokioConnectionProvider;

/// How a lookup went, in words an admin can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxtLookup {
    /// The texts of every TXT record at the name (each record's strings joined).
    Found(Vec<String>),
    /// The name has no TXT record (or does not exist).
    NoRecords,
    /// The resolver could not answer (timeout, refused, network).
    Failed(String),
}

#[derive(Clone)]
pub struct Dns {
    resolver: TokioResolver,
}

impl Dns {
    /// A resolver asking `server` (UDP, then TCP for long answers), or the system's.
    pub fn new(server: Option<SocketAddr>) -> anyhow::Result<Self> {
        let provider = TokioConnectionProvider::default();
        let mut builder = match server {
            Some(addr) => {
                let servers =
                    NameServerConfigGroup::from_ips_clear(&[addr.ip()], addr.port(), true);
                TokioResolver::builder_with_config(
                    ResolverConfig::from_parts(None, Vec::new(), servers),
                    provider,
                )
            }
            None => TokioResolver::builder(provider)
                .map_err(|e| anyhow::anyhow!("cannot read the system's DNS settings: {e}"))?,
        };
        let options: &mut ResolverOpts = builder.options_mut();
        // A verification must see the record as published now, not as cached.
        options.cache_size = 0;
        options.timeout = Duration::from_secs(3);
        options.attempts = 2;
        Ok(Self {
            resolver: builder.build(),
        })
    }

    /// The TXT records at `name` (a fully qualified name without the final dot).
    pub async fn txt(&self, name: &str) -> TxtLookup {
        match self.resolver.txt_lookup(format!("{name}.")).await {
            Ok(lookup) => TxtLookup::Found(
                lookup
                    .iter()
                    .map(|txt| {
                        txt.txt_data()
                            .iter()
                            .map(|part| String::from_utf8_lossy(part).into_owned())
                            .collect::<String>()
                    })
                    .collect(),
            ),
            Err(e) if e.is_no_records_found() => TxtLookup::NoRecords,
            Err(e) => TxtLookup::Failed(e.to_string()),
        }
    }
}
