//! What the wizard's headless and end-to-end tests share: the language
//! lock, and reading and clicking the wizard's view.
#![allow(dead_code)]

use iced_test::simulator;
use orgdesk::screen::wizard::products::Message as Products;
use orgdesk::screen::wizard::{Country, Message, Wizard};

// Some words are made in `update`: tests that read words hold the language
// for their whole run.
#[allow(unused_imports)] // not every test file reads every one
pub use crate::support::{english as english_async, english_blocking as english, language};

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
