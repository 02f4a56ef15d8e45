//! The server in operation: probes, request ids, metrics, the serve loop's
//! limits, database outages, and the real binary (signals, subcommands,
//! configuration, backups, crashes).

mod binary;
mod crash;
mod limits;
mod openapi;
mod outage;
mod probes;

use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// The server binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_orgdesk-server");

/// The real binary, serving on a free port with JSON logs.
pub struct Spawned {
    pub child: Child,
    pub addr: SocketAddr,
    /// Every log line so far (JSON, one event each).
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Spawned {
    /// Starts `orgdesk-server --listen 127.0.0.1:0 --log-format json {args}` and
    /// waits for the log line that names its address.
    pub async fn start(database: &str, data_dir: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(BIN)
            .args([
                "--listen",
                "127.0.0.1:0",
                "--log-format",
                "json",
                "--database",
            ])
            .arg(database)
            .arg("--data-dir")
            .arg(data_dir)
            .args(args)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("the server binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let addr = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await.expect("read the log") {
                let Ok(event) = serde_json::from_str::<serde_json::Value>(&line) else {
                    panic!("a log line that is not JSON: {line}");
                };
                if event["message"] == "orgdesk-server listening" {
                    return event["addr"]
                        .as_str()
                        .and_then(|a| a.parse::<SocketAddr>().ok())
                        .expect("the address in the log");
                }
            }
            panic!("the server ended before listening");
        })
        .await
        .expect("the server listens within a minute");
        // Keep reading the log so the server never blocks on a full pipe.
        let log = Arc::new(Mutex::new(Vec::new()));
        let keep = log.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                keep.lock().unwrap().push(line);
            }
        });
        Self { child, addr, log }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn pid(&self) -> u32 {
        self.child.id().expect("running")
    }

    /// Sends SIGTERM (through `kill`, as an init system would).
    pub async fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .await
            .expect("kill runs");
        assert!(status.success());
    }
}

/// Runs the binary to completion: (exit code, stdout, stderr).
pub async fn run(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = Command::new(BIN);
    command.args(args).stdin(Stdio::null());
    for name in [
        "ORGDESK_DATABASE",
        "ORGDESK_CONFIG",
        "ORGDESK_LISTEN",
        "ORGDESK_MAIL",
        "ORGDESK_BASE_DOMAIN",
        "ORGDESK_MAIL_FROM",
        "ORGDESK_PAYMENT_WEBHOOK_SECRET",
    ] {
        command.env_remove(name);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let output = tokio::time::timeout(Duration::from_secs(120), command.output())
        .await
        .expect("the command ends")
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Waits until `url` answers 200 (bounded).
pub async fn wait_ready(url: &str) {
    let client = reqwest::Client::new();
    for _ in 0..300 {
        if let Ok(response) = client.get(format!("{url}/readyz")).send().await
            && response.status() == 200
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{url} never became ready");
}
