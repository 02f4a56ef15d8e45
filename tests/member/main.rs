//! The member sheet: each tab, the confirmations and what they say, refusals
//! in words, the read-only offline copy — headless with iced_test — and the
//! whole sheet end to end against a real platform (`e2e`).

#[path = "../support/mod.rs"]
mod support;

mod e2e;
mod sheet;

/// The language is process-wide: tests that read words take turns.
static LANGUAGE: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn language(tag: &str) -> std::sync::MutexGuard<'static, ()> {
    let guard = LANGUAGE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    orgdesk::i18n::select(Some(tag));
    guard
}

fn english() -> std::sync::MutexGuard<'static, ()> {
    language("en-US")
}
