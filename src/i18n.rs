//! Every visible string is a Fluent message from `i18n/<locale>/orgdesk.ftl`,
//! looked up with `fl!`, which checks the message ids at compile time.

use std::sync::LazyLock;

use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use i18n_embed::unic_langid::LanguageIdentifier;
use i18n_embed::{DesktopLanguageRequester, LanguageLoader};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "i18n/"]
struct Localizations;

pub static LANGUAGE_LOADER: LazyLock<FluentLanguageLoader> = LazyLock::new(|| {
    let loader: FluentLanguageLoader = fluent_language_loader!();
    loader
        .load_fallback_language(&Localizations)
        .expect("the en-US messages are embedded");
    // Isolation marks around arguments show up as boxes in some fonts.
    loader.set_use_isolating(false);
    loader
});

/// A localized message: `fl!("members-seats", used = 3, limit = 10)`.
#[macro_export]
macro_rules! fl {
    ($message_id:literal) => {{ i18n_embed_fl::fl!($crate::i18n::LANGUAGE_LOADER, $message_id) }};
    ($message_id:literal, $($args:tt)*) => {{ i18n_embed_fl::fl!($crate::i18n::LANGUAGE_LOADER, $message_id, $($args)*) }};
}

/// The languages the console speaks, as offered in Settings.
pub const LANGUAGES: [(&str, &str); 2] = [("en-US", "English"), ("de-DE", "Deutsch")];

/// Selects `language` if given (from Settings), else the operating system's languages.
pub fn select(language: Option<&str>) {
    let requested: Vec<LanguageIdentifier> = match language.and_then(|l| l.parse().ok()) {
        Some(chosen) => vec![chosen],
        None => DesktopLanguageRequester::requested_languages(),
    };
    if let Err(e) = i18n_embed::select(&*LANGUAGE_LOADER, &Localizations, &requested) {
        tracing::warn!(error = %e, "no localization for the requested languages; using English");
    }
    crate::locale::Lang::select(crate::locale::Lang::of(
        LANGUAGE_LOADER.current_language().language.as_str(),
    ));
    // Newly loaded bundles isolate arguments again, and format numbers plainly.
    LANGUAGE_LOADER.set_use_isolating(false);
    LANGUAGE_LOADER
        .with_bundles_mut(|bundle| bundle.set_formatter(Some(crate::locale::fluent_number)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_german_plurals() {
        select(Some("de-DE"));
        assert_eq!(
            crate::fl!("members-selected", count = 1),
            "eines ausgewählt"
        );
        assert_eq!(crate::fl!("members-selected", count = 3), "3 ausgewählt");
        select(Some("en-US"));
        assert_eq!(crate::fl!("members-selected", count = 1), "one selected");
        assert_eq!(
            crate::fl!("members-seats", used = 3, limit = 10),
            "Seats: 3 of 10"
        );
    }

    #[test]
    fn every_english_message_has_a_german_one() {
        let ids = |file: &str| -> Vec<String> {
            let text = String::from_utf8(Localizations::get(file).expect("embedded").data.to_vec())
                .unwrap_or_default();
            let mut ids: Vec<String> = text
                .lines()
                .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(ids("en-US/orgdesk.ftl"), ids("de-DE/orgdesk.ftl"));
    }
}
