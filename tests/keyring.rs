//! The session token in the real OS keyring: stored here, read back by a fresh
//! process, deleted, and gone for a fresh process too.
//!
//! Headless Linux has no Secret Service of its own; run it under one:
//!
//! ```text
//! scripts/with-keyring.sh cargo test -p orgdesk --test keyring
//! ```
//!
//! Without a usable keyring the test prints "skipped", except under CI (`CI`
//! set), where it fails so that CI cannot pass without testing the keyring.

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use orgdesk::credentials::{CredentialError, Credentials, Vault};

/// Set in the child process: the account whose token it reads.
const PROBE_ACCOUNT: &str = "ORGDESK_KEYRING_PROBE_ACCOUNT";
const PROBE_MARK: &str = "keyring-probe:";
const PLATFORM: &str = "https://keyring-test.orgdesk.invalid";

#[test]
fn token_is_stored_read_from_a_fresh_process_and_deleted() {
    let credentials = match Credentials::open() {
        Ok(credentials) => credentials,
        Err(error) => return skip_or_fail(&error),
    };
    // Unique per run, so parallel runs and leftovers of a crashed run never meet.
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let account = format!("keyring-test-{}-{nanos}@example.com", std::process::id());
    let token = format!("session-token-{nanos:x}");

    match credentials.store(PLATFORM, &account, &token) {
        Ok(()) => {}
        // A store that connects but cannot be written (locked, no collection).
        Err(error) if error.is_unavailable() => return skip_or_fail(&error),
        Err(error) => panic!("storing the token failed: {error}"),
    }
    let _cleanup = DeleteOnDrop {
        credentials: &credentials,
        account: &account,
    };

    assert_eq!(
        credentials.load(PLATFORM, &account).unwrap().as_deref(),
        Some(token.as_str())
    );
    assert_eq!(
        probe_in_fresh_process(&account),
        Some(token.clone()),
        "a fresh process must read the stored token"
    );

    // Replacing keeps one entry with the new token.
    let renewed = format!("{token}-renewed");
    credentials.store(PLATFORM, &account, &renewed).unwrap();
    assert_eq!(probe_in_fresh_process(&account), Some(renewed));

    credentials.delete(PLATFORM, &account).unwrap();
    assert_eq!(credentials.load(PLATFORM, &account).unwrap(), None);
    assert_eq!(
        probe_in_fresh_process(&account),
        None,
        "the token must be gone for a fresh process"
    );
    // Signing out twice is not an error.
    credentials.delete(PLATFORM, &account).unwrap();
}

#[test]
fn binary_secret_round_trips_through_the_keyring() {
    let credentials = match Credentials::open() {
        Ok(credentials) => credentials,
        Err(error) => return skip_or_fail(&error),
    };
    let name = format!("keyring-test-secret-{}", std::process::id());
    let secret: Vec<u8> = (0..=255).collect();
    match credentials.store_secret(&name, &secret) {
        Ok(()) => {}
        Err(error) if error.is_unavailable() => return skip_or_fail(&error),
        Err(error) => panic!("storing the secret failed: {error}"),
    }
    let loaded = credentials.load_secret(&name);
    let deleted = credentials.delete_secret(&name);
    assert_eq!(loaded.unwrap(), Some(secret));
    deleted.unwrap();
    assert_eq!(credentials.load_secret(&name).unwrap(), None);
}

/// The child half of the first test: reads the token of `PROBE_ACCOUNT` and
/// prints it. Run only by that test, in a process of its own.
#[test]
#[ignore = "run in a child process by token_is_stored_read_from_a_fresh_process_and_deleted"]
fn keyring_probe() {
    let Ok(account) = std::env::var(PROBE_ACCOUNT) else {
        return;
    };
    let credentials = Credentials::open().expect("the keyring is available in the child");
    match credentials
        .load(PLATFORM, &account)
        .expect("reading the keyring")
    {
        Some(token) => println!("\n{PROBE_MARK}found {token}"),
        None => println!("\n{PROBE_MARK}absent"),
    }
}

/// Runs `keyring_probe` in a new process of this test binary and returns the
/// token it read.
fn probe_in_fresh_process(account: &str) -> Option<String> {
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "keyring_probe",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(PROBE_ACCOUNT, account)
        .output()
        .expect("starting the probe process");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the probe process failed: {}\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let answer = stdout
        .lines()
        .find_map(|line| line.split_once(PROBE_MARK).map(|(_, answer)| answer))
        .unwrap_or_else(|| panic!("the probe did not run:\n{stdout}"));
    if answer == "absent" {
        None
    } else {
        Some(
            answer
                .strip_prefix("found ")
                .unwrap_or_else(|| panic!("unexpected probe answer {answer:?}"))
                .to_owned(),
        )
    }
}

fn skip_or_fail(error: &CredentialError) {
    let in_ci =
        std::env::var("CI").is_ok_and(|value| !matches!(value.as_str(), "" | "0" | "false"));
    if in_ci {
        panic!(
            "no usable OS keyring under CI ({error}); on Linux run the tests under \
             scripts/with-keyring.sh"
        );
    }
    assert!(error.is_unavailable(), "unexpected keyring error: {error}");
    println!("skipped: no usable OS keyring ({error}); on Linux try scripts/with-keyring.sh");
}

/// Leaves no test entry behind when an assertion fails half-way.
struct DeleteOnDrop<'a> {
    credentials: &'a Credentials,
    account: &'a str,
}

impl Drop for DeleteOnDrop<'_> {
    fn drop(&mut self) {
        let _ = self.credentials.delete(PLATFORM, self.account);
    }
}
