//! The console's settings: a small TOML file in the OS config folder (e.g.
//! `~/.config/orgdesk/settings.toml`).
//!
//! Reading never fails: a missing file gives the defaults, and a damaged file or
//! field is logged and replaced by its default, so a hand edit gone wrong costs
//! that one setting rather than the console's start. Saving is atomic.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

const FILE_NAME: &str = "settings.toml";

/// The light or dark look of the console.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Follow the OS.
    #[default]
    System,
    Light,
    Dark,
}

/// Everything the console remembers between runs (tokens live in the keyring).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// A language tag such as `de-DE`; `None` follows the OS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The platform signed into last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_url: Option<String>,
    /// The email signed in with last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_account: Option<String>,
    /// The organization open when the console last closed (id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_organization: Option<String>,
    /// The organization the last session was bound to (signed in at its
    /// own address): the session can reach no other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound_organization: Option<String>,
    /// Whether the last platform was the one started on this computer (its
    /// address changes with each start, so the address alone cannot say).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub local_platform: bool,
    #[serde(default)]
    pub theme: ThemeChoice,
    /// CSV files for Excel (`;` and a byte-order mark); `None` follows the
    /// language (on in German).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csv_for_excel: Option<bool>,
    /// Each table's columns as the person left them, by table name
    /// (`members`, `audit`). Last: TOML writes tables after plain values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tables: BTreeMap<String, TableColumns>,
}

/// A table's columns in the order shown, hidden or not, with their widths.
/// Columns the console no longer has are ignored when read; columns it has
/// that are not listed show at their default place and width.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableColumns {
    #[serde(default)]
    pub columns: Vec<ColumnSetting>,
}

/// One column of a [`TableColumns`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnSetting {
    pub key: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// Logical pixels; `None` is the column's default width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
}

/// Why settings could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("could not encode the settings: {0}")]
    Encode(#[from] toml::ser::Error),
    #[error("could not write the settings: {0}")]
    Io(#[from] io::Error),
}

impl Settings {
    /// `settings.toml` in the OS config folder, if the OS has one for this user.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("dev", "Orgdesk", "orgdesk")
            .map(|dirs| dirs.config_dir().join(FILE_NAME))
    }

    /// The settings at `path`: defaults where the file or a field is missing or
    /// unreadable (logged).
    pub fn load(path: &Path) -> Settings {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Settings::default(),
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "cannot read the settings; using defaults");
                return Settings::default();
            }
        };
        let table = match text.parse::<toml::Table>() {
            Ok(table) => table,
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "the settings file is not valid TOML; using defaults");
                return Settings::default();
            }
        };
        Settings {
            language: field(&table, "language").filter(|tag: &String| !tag.trim().is_empty()),
            platform_url: field(&table, "platform_url"),
            last_account: field(&table, "last_account"),
            last_organization: field(&table, "last_organization"),
            bound_organization: field(&table, "bound_organization"),
            local_platform: field(&table, "local_platform").unwrap_or_default(),
            theme: field(&table, "theme").unwrap_or_default(),
            tables: tables(&table),
            csv_for_excel: field(&table, "csv_for_excel"),
        }
    }

    /// Writes the settings to `path` atomically, creating its folder.
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        let text = toml::to_string(self)?;
        let folder = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(folder)?;
        crate::cache::write_atomically(folder, path, text.as_bytes())?;
        Ok(())
    }
}

/// One field of the table; a value of the wrong type is logged and ignored.
fn field<T: DeserializeOwned>(table: &toml::Table, name: &str) -> Option<T> {
    let value = table.get(name)?.clone();
    match value.try_into() {
        Ok(value) => Some(value),
        Err(error) => {
            tracing::warn!(%error, setting = name, "ignoring an unreadable setting");
            None
        }
    }
}

/// The `[tables.*]` sections; a damaged one costs only that table's layout.
fn tables(table: &toml::Table) -> BTreeMap<String, TableColumns> {
    let Some(toml::Value::Table(tables)) = table.get("tables") else {
        return BTreeMap::new();
    };
    tables
        .iter()
        .filter_map(|(name, value)| match value.clone().try_into() {
            Ok(columns) => Some((name.clone(), columns)),
            Err(error) => {
                tracing::warn!(%error, table = %name, "ignoring an unreadable column layout");
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> Settings {
        Settings {
            language: Some("de-DE".into()),
            platform_url: Some("https://acme.platform.example".into()),
            last_account: Some("ada@example.com".into()),
            last_organization: Some("acme".into()),
            bound_organization: None,
            local_platform: true,
            theme: ThemeChoice::Dark,
            tables: BTreeMap::from([(
                "members".to_string(),
                TableColumns {
                    columns: vec![
                        ColumnSetting {
                            key: "email".into(),
                            hidden: false,
                            width: Some(310),
                        },
                        ColumnSetting {
                            key: "name".into(),
                            hidden: true,
                            width: None,
                        },
                    ],
                },
            )]),
            csv_for_excel: Some(false),
        }
    }

    #[test]
    fn missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::load(&dir.path().join("settings.toml"));
        assert_eq!(settings, Settings::default());
        assert_eq!(settings.theme, ThemeChoice::System);
        assert_eq!(settings.language, None);
    }

    #[test]
    fn save_then_load_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested").join("settings.toml");
        full().save(&path).unwrap();
        assert_eq!(Settings::load(&path), full());

        Settings::default().save(&path).unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
    }

    #[test]
    fn the_file_is_plain_readable_toml() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        full().save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("language = \"de-DE\""), "{text}");
        assert!(text.contains("theme = \"dark\""), "{text}");
        assert!(text.contains("csv_for_excel = false"), "{text}");

        std::fs::write(&path, "theme = \"light\"\nlanguage = \"en-US\"\n").unwrap();
        let settings = Settings::load(&path);
        assert_eq!(settings.theme, ThemeChoice::Light);
        assert_eq!(settings.language.as_deref(), Some("en-US"));
        assert_eq!(settings.platform_url, None);
    }

    #[test]
    fn a_corrupt_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        for text in ["theme = ", "\u{0}\u{1}binary", "[[[", "language = [1, 2"] {
            std::fs::write(&path, text).unwrap();
            assert_eq!(Settings::load(&path), Settings::default(), "{text:?}");
        }
        std::fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
    }

    #[test]
    fn a_bad_field_costs_only_that_field() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(
            &path,
            "theme = \"purple\"\nlanguage = 7\nplatform_url = \"https://p.example\"\n\
             last_account = \"ada@example.com\"\nfuture_setting = true\n",
        )
        .unwrap();
        let settings = Settings::load(&path);
        assert_eq!(settings.theme, ThemeChoice::System);
        assert_eq!(settings.language, None);
        assert_eq!(settings.platform_url.as_deref(), Some("https://p.example"));
        assert_eq!(settings.last_account.as_deref(), Some("ada@example.com"));
    }

    #[test]
    fn a_damaged_table_layout_costs_only_that_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(
            &path,
            "theme = \"dark\"\n[tables.audit]\ncolumns = 7\n\
             [[tables.members.columns]]\nkey = \"email\"\nwidth = 300\n",
        )
        .unwrap();
        let settings = Settings::load(&path);
        assert_eq!(settings.theme, ThemeChoice::Dark);
        assert!(!settings.tables.contains_key("audit"));
        assert_eq!(settings.tables["members"].columns[0].width, Some(300));
    }

    #[test]
    fn an_empty_language_means_the_os_language() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "language = \"  \"\n").unwrap();
        assert_eq!(Settings::load(&path).language, None);
    }

    #[test]
    fn saving_replaces_the_file_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "garbage = [").unwrap();
        full().save(&path).unwrap();
        full().save(&path).unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["settings.toml"]);
        assert_eq!(Settings::load(&path), full());
    }

    #[test]
    fn a_folder_in_the_way_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::create_dir(&path).unwrap();
        assert!(full().save(&path).is_err());
        assert_eq!(Settings::load(&path), Settings::default());
    }

    #[test]
    fn default_path_is_in_the_config_folder() {
        // Every CI and desktop OS has a home folder.
        let path = Settings::default_path().unwrap();
        assert!(path.ends_with(FILE_NAME));
        assert!(path.to_string_lossy().to_lowercase().contains("orgdesk"));
    }
}
