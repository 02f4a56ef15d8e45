//! What the wizard's headless and end-to-end tests share: the language
//! lock, and reading and clicking the wizard's view.
#![allow(dead_code)]

use iced_test::simulator;
use orgdesk::screen::wizard::products::Message as Products;
use orgdesk::screen::wizard::{Country, Message, Wizard};

/// The language is process-wide and some words are made in `update`: tests
/// that read words hold this for their whole run (async ones across awaits).
pub static LANGUAGE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub fn language(tag: &str) -> tokio::sync::MutexGuard<'static, ()> {
    let guard = LANGUAGE.blocking_lock();
    orgdesk::i18n::select(Some(tag));
    guard
}

pub fn english() -> tokio::sync::MutexGuard<'static, ()> {
    language("en-US")
}

pub async fn english_async() -> tokio::sync::MutexGuard<'static, ()> {
    let guard = LANGUAGE.lock().await;
    orgdesk::i18n::select(Some("en-US"));
    guard
}

pub fn germany() -> Country {
    Country::of("DE").expect("Germany is a country")
}

pub fn choose(w: &mut Wizard, product: &str, package: &str) {
    let _ = w.update(Message::Products(Products::PackageChosen {
        product: product.into(),
        package: package.into(),
    }));
}

/// Whether the wizard's view shows `words` (a text or a field's content).
pub fn shows(w: &Wizard, words: &str) -> bool {
    simulator(w.view()).find(words).is_ok()
}

/// Clicks what says `label` and answers the messages the click produced.
pub fn click(w: &Wizard, label: &str) -> Vec<Message> {
    let mut ui = simulator(w.view());
    ui.click(label)
        .unwrap_or_else(|e| panic!("nothing to click called {label:?}: {e:?}"));
    ui.into_messages().collect()
}
