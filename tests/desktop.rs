//! The real binary on the desktop: `--version` without a display, and a
//! second launch handing its link to the running console. (Links inside the
//! console, end to end, are in `tests/console/links.rs`.)

use std::process::Command;
use std::time::Duration;

use orgdesk::desktop;
use orgdesk::desktop::instance::{self, Launch};

const BINARY: &str = env!("CARGO_BIN_EXE_orgdesk");

/// The binary with no display, no session bus and a throwaway home: what a
/// server, CI or a package's post-install check has.
fn headless(home: &std::path::Path) -> Command {
    let mut command = Command::new(BINARY);
    command
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("HOME", home);
    command
}

#[test]
fn version_names_the_commit_without_a_display() {
    let home = tempfile::tempdir().unwrap();
    let out = headless(home.path()).arg("--version").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    assert_eq!(said.trim(), format!("orgdesk {}", desktop::VERSION));
    assert!(said.contains(env!("CARGO_PKG_VERSION")), "{said}");
    // Built from a git checkout, the commit is HEAD's.
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    if let Ok(head) = head
        && head.status.success()
        && std::env::var_os("ORGDESK_COMMIT").is_none()
    {
        let head = String::from_utf8(head.stdout).unwrap();
        assert!(
            said.contains(&format!("(commit {})", head.trim())),
            "{said}"
        );
    }
    // Nothing was started: no crash report folder, no socket left behind.
    assert!(std::fs::read_dir(home.path()).unwrap().next().is_none());
}

#[tokio::test]
async fn a_second_launch_of_the_binary_hands_its_link_to_the_running_console() {
    let home = tempfile::tempdir().unwrap();
    // The running console's side, as main.rs sets it up for `--home HOME`.
    let address = instance::Address::for_home(Some(home.path()));
    let Launch::First(listener) = instance::launch(&address, &[]).unwrap() else {
        panic!("another console listens for this home");
    };
    let inbox = listener.spawn();
    let link = "orgdesk://platform.example/orgs/acme/members/0190f2a4-7b1c-7d3e-9f00-1234567890ab";
    let status = tokio::task::spawn_blocking({
        let home = home.path().to_path_buf();
        move || {
            headless(&home)
                .arg("--home")
                .arg(&home)
                .arg(link)
                .status()
                .unwrap()
        }
    })
    .await
    .unwrap();
    // Without a display the second console could not have opened a window:
    // it exited at once, successfully, having handed over.
    assert!(status.success(), "{status:?}");
    let args = tokio::time::timeout(Duration::from_secs(10), inbox.next())
        .await
        .unwrap();
    assert_eq!(args, Some(vec![link.to_owned()]));
}
