//! Locale-correct output: dates, times, numbers and country names in the
//! console's language (en-US or de-DE), from the CLDR data that icu4x
//! compiles in — never a hand-written table. Screens call [`date`],
//! [`date_time`], [`day`], [`number`] and [`country`]; numbers inside Fluent
//! messages go through [`fluent_number`], installed by `i18n::select`.
//!
//! Times are shown in UTC, as the platform stores them; only their form
//! follows the language.
//!
//! Also the dialect of the CSV files the console writes ([`write_csv`]):
//! Excel in a German locale splits lines at `;` and reads UTF-8 only with a
//! byte-order mark, so "CSV for Excel" (Settings, on by default in German)
//! writes `;` and the mark.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{Date as IcuDate, DateTime as IcuDateTime, Time as IcuTime};
use icu_datetime::options::YearStyle;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_experimental::displaynames::DisplayNamesOptions;
use icu_experimental::displaynames::multi::RegionDisplayNames;
use icu_locale_core::subtags::Region;
use icu_locale_core::{Locale, locale};
use time::{Date, OffsetDateTime, UtcOffset};

static GERMAN_SELECTED: AtomicBool = AtomicBool::new(false);

/// The languages whose output the console formats (others fall back to English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    English,
    German,
}

impl Lang {
    /// The language the console speaks now (chosen in Settings or the
    /// OS's), as `i18n::select` announced it.
    pub fn current() -> Lang {
        if GERMAN_SELECTED.load(Ordering::Relaxed) {
            Lang::German
        } else {
            Lang::English
        }
    }

    /// Announces the language the messages are in (`i18n::select`).
    pub fn select(lang: Lang) {
        GERMAN_SELECTED.store(lang == Lang::German, Ordering::Relaxed);
    }

    /// The language of a tag such as `de-DE` or `de`.
    pub fn of(tag: &str) -> Lang {
        if tag.get(..2).is_some_and(|l| l.eq_ignore_ascii_case("de")) {
            Lang::German
        } else {
            Lang::English
        }
    }

    fn locale(self) -> Locale {
        match self {
            Lang::English => locale!("en-US"),
            Lang::German => locale!("de-DE"),
        }
    }
}

/// The formatters of one language, built once per thread on first use.
struct Formats {
    date: Option<DateTimeFormatter<YMD>>,
    date_time: Option<DateTimeFormatter<YMDT>>,
    number: Option<DecimalFormatter>,
    regions: Option<RegionDisplayNames>,
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        let locale = lang.locale();
        let date_fields = YMD::short().with_year_style(YearStyle::Full);
        Formats {
            date: DateTimeFormatter::try_new((&locale).into(), date_fields).ok(),
            date_time: DateTimeFormatter::try_new((&locale).into(), date_fields.with_time_hm())
                .ok(),
            number: DecimalFormatter::try_new((&locale).into(), Default::default()).ok(),
            regions: RegionDisplayNames::try_new((&locale).into(), DisplayNamesOptions::default())
                .ok(),
        }
    }
}

thread_local! {
    static ENGLISH: Formats = Formats::new(Lang::English);
    static GERMAN: Formats = Formats::new(Lang::German);
}

fn with<T>(lang: Lang, f: impl FnOnce(&Formats) -> T) -> T {
    match lang {
        Lang::English => ENGLISH.with(f),
        Lang::German => GERMAN.with(f),
    }
}

fn icu_date(day: Date) -> Option<IcuDate<icu_calendar::Iso>> {
    IcuDate::try_new_iso(day.year(), u8::from(day.month()), day.day()).ok()
}

/// ISO form, the fallback should the compiled data ever miss.
fn iso_day(day: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

/// A day: "12/5/2026" in English, "05.12.2026" in German.
pub fn day_in(lang: Lang, day: Date) -> String {
    with(lang, |f| match (&f.date, icu_date(day)) {
        (Some(format), Some(date)) => format.format(&date).to_string(),
        _ => iso_day(day),
    })
}

/// The day of `at` (UTC).
pub fn date_in(lang: Lang, at: OffsetDateTime) -> String {
    day_in(lang, at.to_offset(UtcOffset::UTC).date())
}

/// A moment to the minute (UTC): "12/5/2026, 2:03 PM" / "05.12.2026, 14:03".
pub fn date_time_in(lang: Lang, at: OffsetDateTime) -> String {
    let at = at.to_offset(UtcOffset::UTC);
    let time = IcuTime::try_new(at.hour(), at.minute(), 0, 0).ok();
    with(lang, |f| match (&f.date_time, icu_date(at.date()), time) {
        (Some(format), Some(date), Some(time)) => {
            format.format(&IcuDateTime { date, time }).to_string()
        }
        _ => format!("{} {:02}:{:02}", iso_day(at.date()), at.hour(), at.minute()),
    })
}

/// A whole number with the language's grouping: "12,345" / "12.345".
pub fn number_in(lang: Lang, n: i64) -> String {
    with(lang, |f| match &f.number {
        Some(format) => format.format_to_string(&Decimal::from(n)),
        None => n.to_string(),
    })
}

/// A country's name from its ISO 3166-1 alpha-2 code ("DE" → "Germany" /
/// "Deutschland"); `None` for a code CLDR does not know.
pub fn country_in(lang: Lang, code: &str) -> Option<String> {
    let region = Region::try_from_str(&code.to_ascii_uppercase()).ok()?;
    with(lang, |f| {
        f.regions
            .as_ref()
            .and_then(|names| names.of(region))
            .map(str::to_owned)
    })
}

/// [`day_in`] in the current language.
pub fn day(day: Date) -> String {
    day_in(Lang::current(), day)
}

/// [`date_in`] in the current language.
pub fn date(at: OffsetDateTime) -> String {
    date_in(Lang::current(), at)
}

/// [`date_time_in`] in the current language.
pub fn date_time(at: OffsetDateTime) -> String {
    date_time_in(Lang::current(), at)
}

/// [`number_in`] in the current language.
pub fn number(n: impl Into<i64>) -> String {
    number_in(Lang::current(), n.into())
}

/// [`country_in`] in the current language; the code itself when unknown.
pub fn country(code: &str) -> String {
    country_in(Lang::current(), code).unwrap_or_else(|| code.to_owned())
}

/// A day for a file name, the same in every language: "2026-12-05".
pub fn file_day(at: OffsetDateTime) -> String {
    iso_day(at.to_offset(UtcOffset::UTC).date())
}

/// Fluent's hook for numbers in messages ("{ $count } members"): whole
/// numbers get the language's grouping. Fractions and numbers with explicit
/// options keep Fluent's own form.
pub fn fluent_number(
    value: &fluent_bundle::FluentValue<'_>,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    let fluent_bundle::FluentValue::Number(n) = value else {
        return None;
    };
    let whole = n.value.fract() == 0.0 && n.value.abs() < 9.0e15;
    (whole && n.options == Default::default()).then(|| number(n.value as i64))
}

// --- CSV ------------------------------------------------------------------

static CSV_FOR_EXCEL: AtomicBool = AtomicBool::new(false);

/// Whether CSV files are written for Excel by default in `lang`.
pub fn csv_for_excel_by_default(lang: Lang) -> bool {
    lang == Lang::German
}

/// Sets the CSV dialect of files written from now on (Settings).
pub fn set_csv_for_excel(on: bool) {
    CSV_FOR_EXCEL.store(on, Ordering::Relaxed);
}

/// Whether files are written for Excel.
pub fn csv_for_excel() -> bool {
    CSV_FOR_EXCEL.load(Ordering::Relaxed)
}

/// The UTF-8 byte-order mark Excel needs to read UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `csv` (comma-separated, as the console and the platform produce it) in
/// the dialect chosen: unchanged, or with `;` between fields (quoted where a
/// field holds one) and a byte-order mark.
pub fn csv_dialect(csv: &[u8], for_excel: bool) -> Result<Vec<u8>, String> {
    if !for_excel {
        return Ok(csv.to_vec());
    }
    let csv = csv.strip_prefix(BOM).unwrap_or(csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv);
    let mut out = Vec::with_capacity(csv.len() + BOM.len());
    out.extend_from_slice(BOM);
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(out);
    for record in reader.byte_records() {
        let record = record.map_err(|e| e.to_string())?;
        writer
            .write_byte_record(&record)
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// Writes `csv` to `path` in the dialect chosen in Settings; what failed, in
/// words.
pub async fn write_csv(path: &Path, csv: &[u8]) -> Result<(), String> {
    let bytes = csv_dialect(csv, csv_for_excel())?;
    // Whole or not at all: a cancelled or failed write leaves no half file.
    let path = path.to_path_buf();
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    tokio::task::spawn_blocking(move || {
        crate::cache::write_atomically(&folder, &path, &bytes)
            .map_err(|e| format!("{}: {e}", path.display()))
    })
    .await
    .map_err(|e| e.to_string())?
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn dates_and_times_in_english_and_german() {
        let at = datetime!(2026-12-05 14:03:59 UTC);
        assert_eq!(date_in(Lang::English, at), "12/5/2026");
        assert_eq!(date_in(Lang::German, at), "05.12.2026");
        assert_eq!(date_time_in(Lang::English, at), "12/5/2026, 2:03\u{202f}PM");
        assert_eq!(date_time_in(Lang::German, at), "05.12.2026, 14:03");
        assert_eq!(day_in(Lang::German, date!(2027 - 01 - 31)), "31.01.2027");
        // Shown in UTC whatever the offset it came with.
        let late = datetime!(2026-12-05 23:30 -02:00);
        assert_eq!(date_in(Lang::German, late), "06.12.2026");
        assert_eq!(file_day(late), "2026-12-06");
    }

    #[test]
    fn numbers_group_thousands_as_the_language_does() {
        assert_eq!(number_in(Lang::English, 1_234_567), "1,234,567");
        assert_eq!(number_in(Lang::German, 1_234_567), "1.234.567");
        assert_eq!(number_in(Lang::German, 42), "42");
        assert_eq!(number_in(Lang::English, -1500), "-1,500");
    }

    #[test]
    fn country_names_in_the_language() {
        assert_eq!(country_in(Lang::English, "DE").as_deref(), Some("Germany"));
        assert_eq!(
            country_in(Lang::German, "DE").as_deref(),
            Some("Deutschland")
        );
        assert_eq!(
            country_in(Lang::German, "ch").as_deref(),
            Some("Schweiz"),
            "codes in any case"
        );
        assert_eq!(
            country_in(Lang::English, "GB").as_deref(),
            Some("United Kingdom")
        );
        assert_eq!(country_in(Lang::German, "QQQ"), None);
        assert_eq!(country_in(Lang::German, ""), None);
    }

    #[test]
    fn languages_from_tags() {
        assert_eq!(Lang::of("de-DE"), Lang::German);
        assert_eq!(Lang::of("de"), Lang::German);
        assert_eq!(Lang::of("en-US"), Lang::English);
        assert_eq!(Lang::of("fr-FR"), Lang::English);
        assert_eq!(Lang::of(""), Lang::English);
        assert!(csv_for_excel_by_default(Lang::German));
        assert!(!csv_for_excel_by_default(Lang::English));
    }

    #[test]
    fn csv_for_excel_has_a_bom_semicolons_and_quotes_fields_with_semicolons() {
        let plain = b"name,email,groups\nAda,ada@example.com,\"Admin; Sales\"\n\"Lovelace, A.\",a@example.com,User\n";
        assert_eq!(csv_dialect(plain, false).unwrap(), plain.to_vec());
        let excel = csv_dialect(plain, true).unwrap();
        assert!(excel.starts_with(BOM));
        let text = std::str::from_utf8(&excel[BOM.len()..]).unwrap();
        assert_eq!(
            text,
            "name;email;groups\nAda;ada@example.com;\"Admin; Sales\"\nLovelace, A.;a@example.com;User\n"
        );
        // Read back as Excel would: the same fields.
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.as_bytes());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(rows[0], ["Ada", "ada@example.com", "Admin; Sales"]);
        assert_eq!(rows[1], ["Lovelace, A.", "a@example.com", "User"]);
        // A file that came with a mark does not get a second one.
        let marked = [BOM, plain.as_slice()].concat();
        assert_eq!(csv_dialect(&marked, true).unwrap(), excel);
    }

    #[tokio::test]
    async fn written_files_follow_the_setting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.csv");
        let csv = b"a,b\n1;2,3\n";
        // Both dialects in one test: the setting is process-wide.
        set_csv_for_excel(true);
        write_csv(&path, csv).await.unwrap();
        let written = std::fs::read(&path).unwrap();
        set_csv_for_excel(false);
        assert!(written.starts_with(BOM));
        assert_eq!(&written[BOM.len()..], b"a;b\n\"1;2\";3\n");
        write_csv(&path, csv).await.unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), csv);
    }
}
