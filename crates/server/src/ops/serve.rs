//! The accept loop: HTTP/1.1 with a deadline for a request's headers, a cap
//! on the connections held at once, and a graceful stop with a deadline.
//!
//! `axum::serve` offers neither limit: a client that opens connections and
//! never finishes a request would hold a task and a socket each, forever.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

#[derive(Debug, Clone, Copy)]
pub struct ServeOptions {
    /// A connection whose request headers are not complete by then is closed
    /// (also an idle keep-alive connection waiting for its next request).
    pub header_read_timeout: Duration,
    /// Connections beyond this wait in the listen queue until one closes.
    pub max_connections: usize,
    /// After the stop signal, how long requests in flight get to finish.
    pub shutdown_timeout: Duration,
}

/// Serves `router` on `listener` until `stop` completes, then stops accepting,
/// lets requests in flight finish (up to the deadline) and returns.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    options: ServeOptions,
    stop: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(options.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(options.header_read_timeout);
    tokio::pin!(stop);
    loop {
        // Take a slot first: at the cap, new connections stay in the kernel's queue.
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut stop => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait, don't spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        // The router, for this connection, told its peer (as `axum::serve` does).
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(remote));
            router.clone().oneshot(request)
        });
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let watched = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = watched.await {
                tracing::debug!(%error, %remote, "connection closed with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    let in_flight = graceful.count();
    if in_flight > 0 {
        tracing::info!(in_flight, "waiting for open connections to finish");
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(options.shutdown_timeout) => {
            tracing::warn!(
                deadline_secs = options.shutdown_timeout.as_secs(),
                "stopping with requests still in flight after the deadline"
            );
        }
    }
}
