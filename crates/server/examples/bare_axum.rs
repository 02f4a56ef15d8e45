//! The smallest axum JSON server, as a baseline for `scripts/load.sh`:
//! `GET /` answers `{"ok":true}` on `127.0.0.1:PORT`.
//!
//! `cargo run --release -p orgdesk-server --example bare_axum -- 8081`

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let port: u16 = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "8081".into())
        .parse()
        .map_err(|e| anyhow::anyhow!("the port must be a number: {e}"))?;
    let app = Router::new().route("/", get(|| async { Json::<Value>(json!({ "ok": true })) }));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("bare_axum listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
