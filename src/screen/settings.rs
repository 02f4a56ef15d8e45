//! Settings: the console's language and look, and where it keeps things.
//! Changes apply at once and persist in the settings file.

use crate::widget::focus::{Kind, focusable};
use std::path::PathBuf;

use iced::widget::{checkbox, column, container, pick_list, row, text};
use iced::{Element, Length};

use crate::fl;
use crate::i18n::LANGUAGES;
use crate::settings::{Settings, ThemeChoice};
use crate::theme;

/// A language offered in the picker; `None` follows the OS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageChoice(pub Option<String>);

impl std::fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            None => f.write_str(&fl!("settings-language-system")),
            Some(tag) => {
                let name = LANGUAGES
                    .iter()
                    .find(|(t, _)| t == tag)
                    .map_or(tag.as_str(), |(_, name)| name);
                f.write_str(name)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThemeLabel(pub ThemeChoice);

impl std::fmt::Display for ThemeLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self.0 {
            ThemeChoice::System => fl!("settings-theme-system"),
            ThemeChoice::Light => fl!("settings-theme-light"),
            ThemeChoice::Dark => fl!("settings-theme-dark"),
        })
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Language(LanguageChoice),
    Theme(ThemeLabel),
    /// "CSV for Excel" ticked or cleared.
    CsvForExcel(bool),
}

/// Where things are kept, shown so an admin can find them.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub settings_file: Option<PathBuf>,
    pub cache_folder: Option<PathBuf>,
    /// Why tokens are kept in memory only, when they are.
    pub keyring_problem: Option<String>,
}

/// Applies a message to `settings`; true when something changed (the parent
/// saves and re-selects the language).
pub fn update(settings: &mut Settings, message: Message) -> bool {
    match message {
        Message::Language(LanguageChoice(language)) if language != settings.language => {
            settings.language = language;
            true
        }
        Message::Theme(ThemeLabel(theme)) if theme != settings.theme => {
            settings.theme = theme;
            true
        }
        Message::CsvForExcel(on) if Some(on) != settings.csv_for_excel => {
            settings.csv_for_excel = Some(on);
            true
        }
        _ => false,
    }
}

/// Applies the settings that shape output: the language (messages, dates,
/// numbers) and the CSV dialect.
pub fn apply(settings: &Settings) {
    crate::i18n::select(settings.language.as_deref());
    crate::locale::set_csv_for_excel(csv_for_excel(settings));
}

/// Whether CSV files are written for Excel: as chosen, else as the language
/// has it.
pub fn csv_for_excel(settings: &Settings) -> bool {
    settings
        .csv_for_excel
        .unwrap_or_else(|| crate::locale::csv_for_excel_by_default(crate::locale::Lang::current()))
}

pub fn view<'a>(settings: &Settings, places: &Places) -> Element<'a, Message> {
    let languages: Vec<LanguageChoice> = std::iter::once(LanguageChoice(None))
        .chain(
            LANGUAGES
                .iter()
                .map(|(tag, _)| LanguageChoice(Some((*tag).to_owned()))),
        )
        .collect();
    let themes = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark].map(ThemeLabel);
    let labelled = |label: String, control: Element<'a, Message>| {
        row![text(label).size(14).width(Length::Fixed(180.0)), control]
            .spacing(12)
            .align_y(iced::Alignment::Center)
    };
    let path = |p: &Option<PathBuf>| {
        p.as_ref()
            .map_or_else(|| fl!("settings-none"), |p| p.display().to_string())
    };
    let keyring = match &places.keyring_problem {
        None => fl!("settings-keyring-ok"),
        Some(why) => fl!("settings-keyring-missing", detail = why.clone()),
    };
    let content = column![
        text(fl!("settings-title")).size(22),
        labelled(
            fl!("settings-language"),
            focusable(
                pick_list(
                    languages,
                    Some(LanguageChoice(settings.language.clone())),
                    Message::Language
                ),
                Kind::Choice
            )
        ),
        labelled(
            fl!("settings-theme"),
            focusable(
                pick_list(themes, Some(ThemeLabel(settings.theme)), Message::Theme),
                Kind::Choice
            )
        ),
        labelled(
            fl!("settings-csv"),
            column![
                focusable(
                    checkbox(csv_for_excel(settings))
                        .label(fl!("settings-csv-excel"))
                        .on_toggle(Message::CsvForExcel),
                    Kind::Press,
                ),
                text(fl!("settings-csv-hint"))
                    .size(12)
                    .style(theme::muted_text),
            ]
            .spacing(4)
            .into()
        ),
        text(fl!("settings-places")).size(16),
        labelled(
            fl!("settings-file"),
            text(path(&places.settings_file)).size(13).into()
        ),
        labelled(
            fl!("settings-cache"),
            text(path(&places.cache_folder)).size(13).into()
        ),
        labelled(
            fl!("settings-keyring"),
            text(keyring).size(13).style(theme::muted_text).into()
        ),
    ]
    .spacing(14)
    .max_width(760);
    container(content).padding(24).into()
}
