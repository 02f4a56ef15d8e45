//! The serve loop's limits, over raw TCP: a client that never finishes its
//! headers is cut off; connections beyond the cap wait for a free slot.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::common::*;

const HEALTHZ: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";

/// Reads one whole answer to `GET /healthz` (its body is short and sized).
async fn read_answer(stream: &mut TcpStream) -> String {
    let mut buf = vec![0u8; 4096];
    let mut text = String::new();
    while !text.contains("{\"status\":\"ok\"}") {
        let n = stream.read(&mut buf).await.expect("read");
        assert!(n > 0, "closed before answering: {text:?}");
        text.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    text
}

/// Whether the server closes `stream` (EOF or reset) within `bound`.
async fn closed_within(stream: &mut TcpStream, bound: Duration) -> bool {
    let mut buf = [0u8; 1024];
    tokio::time::timeout(bound, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {} // a 408 may come first; wait for the close
            }
        }
    })
    .await
    .is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    let ts = TestServer::start_with(Backend::Sqlite, |config| config.header_read_timeout = 1).await;
    let addr = ts.server.addr;

    let mut stalled = TcpStream::connect(addr).await.unwrap();
    stalled
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: loc")
        .await
        .unwrap();
    // One that connects and says nothing holds its slot no longer either.
    let mut silent = TcpStream::connect(addr).await.unwrap();
    // Meanwhile a normal request on another connection is answered.
    let mut normal = TcpStream::connect(addr).await.unwrap();
    normal.write_all(HEALTHZ).await.unwrap();
    assert!(read_answer(&mut normal).await.starts_with("HTTP/1.1 200"));

    // Both are closed (EOF or reset) well within the bound.
    for (what, stream) in [
        ("a half-sent request", &mut stalled),
        ("a silent client", &mut silent),
    ] {
        assert!(
            closed_within(stream, Duration::from_secs(15)).await,
            "{what} held its connection open"
        );
    }
    ts.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_wait_for_a_free_slot() {
    let ts = TestServer::start_with(Backend::Sqlite, |config| {
        config.max_connections = 2;
        config.header_read_timeout = 60;
    })
    .await;
    let addr = ts.server.addr;

    // Two keep-alive connections, each answered once and left open: the cap.
    let mut first = TcpStream::connect(addr).await.unwrap();
    first.write_all(HEALTHZ).await.unwrap();
    read_answer(&mut first).await;
    let mut second = TcpStream::connect(addr).await.unwrap();
    second.write_all(HEALTHZ).await.unwrap();
    read_answer(&mut second).await;

    // A third is not served while both are held…
    let mut third = TcpStream::connect(addr).await.unwrap();
    third.write_all(HEALTHZ).await.unwrap();
    let mut buf = [0u8; 64];
    let early = tokio::time::timeout(Duration::from_millis(700), third.read(&mut buf)).await;
    assert!(early.is_err(), "a connection beyond the cap was served");
    // …and the held ones keep working.
    second.write_all(HEALTHZ).await.unwrap();
    read_answer(&mut second).await;

    // Once one closes, the waiting one is served.
    drop(first);
    let answer = tokio::time::timeout(Duration::from_secs(15), read_answer(&mut third))
        .await
        .expect("the waiting connection is served once a slot frees");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    ts.finish().await;
}
