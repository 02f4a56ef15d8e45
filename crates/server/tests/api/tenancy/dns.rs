//! A real DNS server in-process (hickory-server on a UDP socket) that the
//! platform's resolver asks: tests publish and withdraw TXT records in it.

use std::net::SocketAddr;
use std::sync::Arc;

use hickory_server::ServerFuture;
use hickory_server::authority::{AuthorityObject, Catalog, ZoneType};
use hickory_server::proto::rr::rdata::{SOA, TXT};
use hickory_server::proto::rr::{LowerName, Name, RData, Record, RecordType, RrKey};
use hickory_server::store::in_memory::InMemoryAuthority;
use tokio::net::UdpSocket;

pub struct DnsServer {
    pub addr: SocketAddr,
    zone: Arc<InMemoryAuthority>,
    serial: std::sync::atomic::AtomicU32,
    task: tokio::task::JoinHandle<()>,
}

impl DnsServer {
    /// Serves every name from one in-memory zone at the root.
    pub async fn start() -> Self {
        let root = Name::root();
        let zone = Arc::new(InMemoryAuthority::empty(
            root.clone(),
            ZoneType::Primary,
            false,
        ));
        let soa = SOA::new(
            Name::from_ascii("ns.test.").unwrap(),
            Name::from_ascii("hostmaster.test.").unwrap(),
            1,
            3600,
            600,
            86_400,
            1,
        );
        zone.upsert(Record::from_rdata(root.clone(), 1, RData::SOA(soa)), 1)
            .await;
        let mut catalog = Catalog::new();
        catalog.upsert(
            LowerName::new(&root),
            vec![zone.clone() as Arc<dyn AuthorityObject>],
        );
        let socket = UdpSocket::bind("127.0.0.1:0").await.expect("a UDP port");
        let addr = socket.local_addr().unwrap();
        let mut server = ServerFuture::new(catalog);
        server.register_socket(socket);
        let task = tokio::spawn(async move {
            let _ = server.block_until_done().await;
        });
        Self {
            addr,
            zone,
            serial: std::sync::atomic::AtomicU32::new(2),
            task,
        }
    }

    /// Publishes `values` as the TXT records at `name`, replacing what was there.
    pub async fn set_txt(&self, name: &str, values: &[&str]) {
        let name = Name::from_ascii(format!("{name}.")).expect("a DNS name");
        self.zone
            .records_mut()
            .await
            .remove(&RrKey::new(LowerName::new(&name), RecordType::TXT));
        for value in values {
            let serial = self
                .serial
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let record =
                Record::from_rdata(name.clone(), 1, RData::TXT(TXT::new(vec![(*value).into()])));
            self.zone.upsert(record, serial).await;
        }
    }
}

impl Drop for DnsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
