//! Reading the rest of a body a handler refused without reading it.
//!
//! A server that answers early (413, 401, 415) and closes the socket while
//! the client is still sending makes the kernel reset the connection: the
//! client's write fails and the answer it was about to read is lost, so it
//! sees "connection reset" instead of "the file is larger than 5 MiB". Like
//! nginx's lingering close, the server reads and throws away what is still
//! coming (bounded in bytes and time) before it answers.

use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Frame, SizeHint};

/// At most this much of an unread body is read and dropped.
pub const DRAIN_BYTES: u64 = 32 * 1024 * 1024;
/// And for at most this long; a slower sender gets its reset.
const DRAIN_TIME: Duration = Duration::from_secs(5);

/// Lends the body to the handler and reads what it left once it answered.
pub async fn unread_rest(request: Request, next: Next) -> Response {
    if request.body().is_end_stream() {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let lent = Arc::new(Mutex::new(Some(body)));
    let response = next
        .run(Request::from_parts(parts, Body::new(Lent(lent.clone()))))
        .await;
    let rest = lent.lock().unwrap_or_else(PoisonError::into_inner).take();
    if let Some(rest) = rest.filter(|rest| !rest.is_end_stream()) {
        let _ = tokio::time::timeout(DRAIN_TIME, drain(rest)).await;
    }
    response
}

async fn drain(mut body: Body) {
    let mut read = 0u64;
    while read <= DRAIN_BYTES {
        match std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
            Some(Ok(frame)) => read += frame.data_ref().map_or(0, |d| d.len() as u64),
            Some(Err(_)) | None => return,
        }
    }
}

/// The request's body as the handler sees it; the middleware keeps a hand on it.
struct Lent(Arc<Mutex<Option<Body>>>);

impl Lent {
    fn with<T>(&self, f: impl FnOnce(&mut Body) -> T, done: T) -> T {
        let mut body = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        body.as_mut().map_or(done, f)
    }
}

impl HttpBody for Lent {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        self.with(|body| Pin::new(body).poll_frame(cx), Poll::Ready(None))
    }

    fn is_end_stream(&self) -> bool {
        self.with(|body| body.is_end_stream(), true)
    }

    fn size_hint(&self) -> SizeHint {
        self.with(|body| body.size_hint(), SizeHint::with_exact(0))
    }
}
