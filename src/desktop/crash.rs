//! Crash reports: a panic hook writes what failed (version, commit, OS, the
//! panic and its backtrace, scrubbed by [`super::redact`]) into the OS log
//! folder; the next start picks the new reports up, says so, and offers to
//! copy them for whoever helps.

use std::backtrace::Backtrace;
use std::fs;
use std::io::Write;
use std::panic::PanicHookInfo;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::redact;

/// Reports not yet shown are `crash-*.txt`; shown ones `crash-*.seen.txt`.
const PREFIX: &str = "crash-";
const NEW: &str = ".txt";
const SEEN: &str = ".seen.txt";
/// Older reports are deleted beyond this many.
const KEEP: usize = 10;

/// The OS log folder of the console: `~/.local/state/orgdesk/logs` on Linux,
/// `~/Library/Logs/Orgdesk` on macOS, `%LOCALAPPDATA%\Orgdesk\orgdesk\data\logs`
/// on Windows; `HOME/logs` with `--home HOME`.
pub fn log_dir(home: Option<&Path>) -> Option<PathBuf> {
    if let Some(home) = home {
        return Some(home.join("logs"));
    }
    let dirs = directories::ProjectDirs::from("dev", "Orgdesk", "orgdesk")?;
    if cfg!(target_os = "macos") {
        let base = directories::BaseDirs::new()?;
        return Some(base.home_dir().join("Library/Logs/Orgdesk"));
    }
    Some(match dirs.state_dir() {
        Some(state) => state.join("logs"),
        None => dirs.data_local_dir().join("logs"),
    })
}

/// What a report says besides the panic: which build, on which system.
pub fn build_line() -> String {
    format!(
        "Orgdesk {} (commit {})",
        env!("CARGO_PKG_VERSION"),
        super::COMMIT
    )
}

fn system_line() -> String {
    let info = os_info::get();
    format!(
        "{} {} ({}, {})",
        info.os_type(),
        info.version(),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// Writes a report for every panic into `dir`, then lets the previous hook
/// (the message on stderr) run as before.
pub fn install(dir: PathBuf) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = Backtrace::force_capture();
        let report = compose(info, &backtrace.to_string(), OffsetDateTime::now_utc());
        match write(&dir, &report, OffsetDateTime::now_utc()) {
            Ok(path) => eprintln!("orgdesk: a crash report is in {}", path.display()),
            Err(error) => eprintln!("orgdesk: cannot write a crash report: {error}"),
        }
        previous(info);
    }));
}

/// The report of one panic, already scrubbed.
pub fn compose(info: &PanicHookInfo<'_>, backtrace: &str, at: OffsetDateTime) -> String {
    let message = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned());
    let location = info
        .location()
        .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
        .unwrap_or_else(|| "(unknown)".to_owned());
    let thread = std::thread::current()
        .name()
        .unwrap_or("(unnamed)")
        .to_owned();
    report(&message, &location, &thread, backtrace, at)
}

/// A report from its parts, scrubbed of secrets, passwords and email
/// addresses (and the home folder's owner).
pub fn report(
    message: &str,
    location: &str,
    thread: &str,
    backtrace: &str,
    at: OffsetDateTime,
) -> String {
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_string_lossy().into_owned());
    let text = format!(
        "{build}\nSystem: {system}\nTime: {at}\nThread: {thread}\nPanic at {location}:\n{message}\n\nBacktrace:\n{backtrace}\n",
        build = build_line(),
        system = system_line(),
        at = at.format(&Rfc3339).unwrap_or_default(),
    );
    redact::scrub(&text, home.as_deref())
}

/// Writes `report` as a new report in `dir`; keeps the newest [`KEEP`].
pub fn write(dir: &Path, report: &str, at: OffsetDateTime) -> std::io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let stamp = format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}-{:09}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.nanosecond()
    );
    let path = dir.join(format!("{PREFIX}{stamp}{NEW}"));
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    file.write_all(report.as_bytes())?;
    file.sync_all()?;
    prune(dir);
    Ok(path)
}

fn reports(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(NEW))
        })
        .collect();
    found.sort();
    found
}

fn prune(dir: &Path) {
    let all = reports(dir);
    for old in all.iter().take(all.len().saturating_sub(KEEP)) {
        let _ = fs::remove_file(old);
    }
}

/// Reports written since the last start: the newest last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub folder: PathBuf,
    pub reports: Vec<PathBuf>,
    /// Every new report's text, joined, for "Copy diagnostics".
    pub text: String,
}

/// Picks up the reports not yet shown and marks them shown, so the next
/// start does not tell of them again (they stay in the folder).
pub fn pick_up(dir: &Path) -> Option<Pending> {
    let new: Vec<PathBuf> = reports(dir)
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(SEEN))
        .collect();
    if new.is_empty() {
        return None;
    }
    let mut text = String::new();
    let mut shown = Vec::new();
    for path in new {
        // Scrubbed again: a report may come from an older version.
        let Ok(body) = fs::read_to_string(&path) else {
            continue;
        };
        if !text.is_empty() {
            text.push_str("\n----\n");
        }
        text.push_str(&redact::scrub(&body, None));
        let seen = path.with_extension("").with_extension("seen.txt");
        shown.push(match fs::rename(&path, &seen) {
            Ok(()) => seen,
            Err(_) => path,
        });
    }
    (!shown.is_empty()).then(|| Pending {
        folder: dir.to_path_buf(),
        reports: shown,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> OffsetDateTime {
        time::macros::datetime!(2025-12-05 14:30:00 UTC)
    }

    #[test]
    fn a_report_names_the_build_and_system_but_no_secret() {
        let text = report(
            "login failed for alice@acme.example with password: \"hunter2\"",
            "src/app/mod.rs:1:1",
            "main",
            "0: orgdesk::app::Console::update\n   with Bearer kM3vQ9xZ2pL7wR4tY8uE1oI6aS5dF0gH",
            at(),
        );
        assert!(text.starts_with(&build_line()), "{text}");
        assert!(text.contains(super::super::COMMIT), "{text}");
        assert!(text.contains(std::env::consts::OS), "{text}");
        assert!(text.contains("src/app/mod.rs:1:1"), "{text}");
        assert!(text.contains("orgdesk::app::Console::update"), "{text}");
        for secret in ["alice", "acme.example", "hunter2", "kM3vQ9xZ2pL7"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }

    #[test]
    fn reports_are_picked_up_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(pick_up(dir.path()), None);
        let first = write(dir.path(), "first", at()).unwrap();
        write(dir.path(), "second", at() + time::Duration::SECOND).unwrap();
        let pending = pick_up(dir.path()).unwrap();
        assert_eq!(pending.reports.len(), 2);
        assert_eq!(pending.text, "first\n----\nsecond");
        assert!(!first.exists());
        assert!(pending.reports.iter().all(|p| p.exists()));
        // Told once: the next start has nothing new.
        assert_eq!(pick_up(dir.path()), None);
        write(dir.path(), "third", at() + time::Duration::MINUTE).unwrap();
        assert_eq!(pick_up(dir.path()).unwrap().text, "third");
    }

    #[test]
    fn a_report_written_by_hand_is_scrubbed_when_picked_up() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "token=kM3vQ9xZ2pL7wR4tY8uE1 for bob@x.io", at()).unwrap();
        let text = pick_up(dir.path()).unwrap().text;
        assert_eq!(
            text,
            format!("token={} for {}", redact::SECRET, redact::EMAIL)
        );
    }

    #[test]
    fn only_the_newest_reports_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        for n in 0..(KEEP as i64 + 5) {
            write(dir.path(), "x", at() + time::Duration::seconds(n)).unwrap();
        }
        assert_eq!(reports(dir.path()).len(), KEEP);
    }

    #[test]
    fn the_hook_writes_a_scrubbed_report_of_a_real_panic() {
        let dir = tempfile::tempdir().unwrap();
        let written = std::sync::Arc::new(std::sync::Mutex::new(None));
        let sink = written.clone();
        let target = dir.path().to_path_buf();
        // Our own hook for this one panic (the test harness's comes back after).
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let report = compose(info, "0: frame", at());
            *sink.lock().unwrap() = Some(write(&target, &report, at()).unwrap());
        }));
        let outcome = std::panic::catch_unwind(|| {
            panic!("cannot sign in carol@acme.example with token=kM3vQ9xZ2pL7wR4tY8uE1oI6");
        });
        std::panic::set_hook(previous);
        assert!(outcome.is_err());
        let path = written.lock().unwrap().clone().unwrap();
        let text = fs::read_to_string(path).unwrap();
        assert!(text.contains("cannot sign in"), "{text}");
        assert!(text.contains("src/desktop/crash.rs"), "{text}");
        assert!(!text.contains("carol"), "{text}");
        assert!(!text.contains("kM3vQ9"), "{text}");
    }
}
