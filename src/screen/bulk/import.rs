//! CSV import of group changes: `email,group[,action[,expires_at]]` with
//! `action` add or remove (add when left out) and `expires_at` the end of an
//! added membership (`YYYY-MM-DD` or RFC 3339; none when left out), an
//! optional header, comma or semicolon (as spreadsheets in many locales
//! write it). Each row is checked against the organization: unknown
//! addresses and groups, bad actions, unreadable or past end dates and
//! repeated rows are flagged row by row and left out of the change set.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use iced::Task;
use iced::futures::{StreamExt, TryStreamExt, stream};
use orgdesk_api::{BulkChange, Group, MemberAdd, MemberQuery, validate};
use orgdesk_client::{Client, Error};
use time::OffsetDateTime;
use uuid::Uuid;

use super::plan::{self, Directory, Mode, Person};
use crate::fl;

/// One data row of the file, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line in the file, from 1.
    pub line: u64,
    pub email: String,
    pub group: String,
    pub action: String,
    /// The end of the membership as written (empty: no end).
    pub expires_at: String,
}

/// Why a row is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    MissingEmail,
    MissingGroup,
    InvalidEmail,
    UnknownEmail,
    UnknownGroup,
    BadAction(String),
    /// The same change as the row on this line.
    Duplicate(u64),
    /// The opposite change to the row on this line.
    Conflict(u64),
    /// The end date does not read as `YYYY-MM-DD` or RFC 3339.
    BadEnd(String),
    /// The end date is not in the future: the membership would grant nothing.
    EndInPast(String),
    /// A removal with an end date: only added memberships end.
    EndOnRemove,
}

/// A row with what it resolved to and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub row: Row,
    pub account: Option<Uuid>,
    pub group: Option<Uuid>,
    pub mode: Option<Mode>,
    /// The membership's end, when the row gives one that reads.
    pub until: Option<OffsetDateTime>,
    pub problems: Vec<Problem>,
}

impl Checked {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The rows of a file; an error names the line that cannot be read.
pub fn parse(text: &str) -> Result<Vec<Row>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let field = |i: usize| record.get(i).unwrap_or_default().to_string();
        if record.iter().all(str::is_empty) {
            continue;
        }
        let is_header = index == 0
            && field(0).eq_ignore_ascii_case("email")
            && field(1).eq_ignore_ascii_case("group");
        if is_header {
            continue;
        }
        rows.push(Row {
            line: record.position().map_or(index as u64 + 1, |p| p.line()),
            email: field(0),
            group: field(1),
            action: field(2),
            expires_at: field(3),
        });
    }
    Ok(rows)
}

/// What `action` asks for; empty means add.
fn mode_of(action: &str) -> Option<Mode> {
    match action.to_lowercase().as_str() {
        "" | "add" => Some(Mode::Add),
        "remove" => Some(Mode::Remove),
        _ => None,
    }
}

/// An end date as a person or a spreadsheet writes it: a day
/// (`2027-01-31`, the membership ends as that day starts, UTC) or an
/// RFC 3339 instant.
pub fn parse_end(written: &str) -> Option<OffsetDateTime> {
    let written = written.trim();
    crate::screen::expiry::parse_day(written).or_else(|| {
        OffsetDateTime::parse(written, &time::format_description::well_known::Rfc3339).ok()
    })
}

/// The end a row asks for: `Ok(None)` without one.
fn end_of(
    row: &Row,
    mode: Option<Mode>,
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, Problem> {
    if row.expires_at.is_empty() {
        return Ok(None);
    }
    if mode == Some(Mode::Remove) {
        return Err(Problem::EndOnRemove);
    }
    match parse_end(&row.expires_at) {
        None => Err(Problem::BadEnd(row.expires_at.clone())),
        Some(end) if end <= now => Err(Problem::EndInPast(row.expires_at.clone())),
        Some(end) => Ok(Some(end)),
    }
}

/// A group by its name (any case) or id.
fn find_group(groups: &[Group], name: &str) -> Option<Uuid> {
    let wanted = name.trim().to_lowercase();
    groups
        .iter()
        .find(|g| g.name.to_lowercase() == wanted || g.id.to_string() == wanted)
        .map(|g| g.id)
}

/// Checks every row; `people` maps lower-case addresses to members.
pub fn check(rows: Vec<Row>, people: &HashMap<String, Person>, groups: &[Group]) -> Vec<Checked> {
    check_at(rows, people, groups, OffsetDateTime::now_utc())
}

/// [`check`] with end dates compared with `now`.
pub fn check_at(
    rows: Vec<Row>,
    people: &HashMap<String, Person>,
    groups: &[Group],
    now: OffsetDateTime,
) -> Vec<Checked> {
    // The first line of each (account, group): a repeat is a duplicate or a conflict.
    let mut first: HashMap<(Uuid, Uuid), (u64, Mode)> = HashMap::new();
    rows.into_iter()
        .map(|row| {
            let mut problems = Vec::new();
            let email = validate::normalize_email(&row.email);
            let account = match &email {
                _ if row.email.is_empty() => {
                    problems.push(Problem::MissingEmail);
                    None
                }
                None => {
                    problems.push(Problem::InvalidEmail);
                    None
                }
                Some(email) => {
                    let found = people.get(email).map(|p| p.id);
                    if found.is_none() {
                        problems.push(Problem::UnknownEmail);
                    }
                    found
                }
            };
            let group = if row.group.is_empty() {
                problems.push(Problem::MissingGroup);
                None
            } else {
                let found = find_group(groups, &row.group);
                if found.is_none() {
                    problems.push(Problem::UnknownGroup);
                }
                found
            };
            let mode = mode_of(&row.action);
            if mode.is_none() {
                problems.push(Problem::BadAction(row.action.clone()));
            }
            let until = end_of(&row, mode, now).unwrap_or_else(|problem| {
                problems.push(problem);
                None
            });
            if let (Some(account), Some(group), Some(mode), true) =
                (account, group, mode, problems.is_empty())
            {
                match first.get(&(account, group)) {
                    Some(&(line, earlier)) if earlier == mode => {
                        problems.push(Problem::Duplicate(line));
                    }
                    Some(&(line, _)) => problems.push(Problem::Conflict(line)),
                    None => {
                        first.insert((account, group), (row.line, mode));
                    }
                }
            }
            Checked {
                row,
                account,
                group,
                mode,
                until,
                problems,
            }
        })
        .collect()
}

/// The change set of the rows without problems; an add carries its row's end.
pub fn changes(rows: &[Checked]) -> Vec<BulkChange> {
    let ok: Vec<&Checked> = rows.iter().filter(|r| r.ok()).collect();
    let mut changes = plan::from_pairs(
        ok.iter()
            .filter_map(|r| Some((r.group?, r.account?, r.mode?))),
    );
    let ends: HashMap<(Uuid, Uuid), OffsetDateTime> = ok
        .iter()
        .filter_map(|r| Some(((r.group?, r.account?), r.until?)))
        .collect();
    for change in &mut changes {
        for add in &mut change.add {
            if let Some(end) = ends.get(&(change.group, add.account())) {
                *add = MemberAdd::until(add.account(), Some(*end));
            }
        }
    }
    changes
}

/// Members listed per page when walking the whole organization.
const PAGE: u32 = 500;
/// Address searches in flight at once.
const SEARCHES: usize = 8;

/// The members with these (lower-case) addresses, by address. A few
/// addresses are searched one by one; when the file names more addresses
/// than the organization has pages of members, walking every page is fewer
/// requests.
pub async fn find_people(
    client: &Client,
    org: &str,
    emails: &BTreeSet<String>,
) -> Result<HashMap<String, Person>, Error> {
    find_people_reporting(client, org, emails, &|_, _| {}).await
}

/// [`find_people`], saying how far it is: addresses looked up of all of
/// them, or members read of all of them when it walks the organization.
pub async fn find_people_reporting(
    client: &Client,
    org: &str,
    emails: &BTreeSet<String>,
    report: &(impl Fn(u64, u64) + Send + Sync),
) -> Result<HashMap<String, Person>, Error> {
    if emails.is_empty() {
        return Ok(HashMap::new());
    }
    let size = client
        .members(
            org,
            &MemberQuery {
                limit: Some(1),
                ..MemberQuery::default()
            },
        )
        .await?
        .total;
    let person = |m: orgdesk_api::Member| {
        (
            m.email.to_lowercase(),
            Person {
                id: m.id,
                name: m.name,
                email: m.email,
            },
        )
    };
    if size.div_ceil(u64::from(PAGE)) <= emails.len() as u64 {
        let mut found = HashMap::new();
        let mut cursor = None;
        let mut read = 0u64;
        loop {
            let page = client
                .members(
                    org,
                    &MemberQuery {
                        limit: Some(PAGE),
                        cursor,
                        ..MemberQuery::default()
                    },
                )
                .await?;
            read += page.items.len() as u64;
            report(read, size.max(read));
            found.extend(
                page.items
                    .into_iter()
                    .map(person)
                    .filter(|(email, _)| emails.contains(email)),
            );
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => return Ok(found),
            }
        }
    }
    let looked_up = std::sync::atomic::AtomicU64::new(0);
    let looked_up = &looked_up;
    let all = emails.len() as u64;
    stream::iter(emails.iter().cloned())
        .map(|email| async move {
            // A search prefix-matches: keep only the exact address.
            let page = client
                .members(
                    org,
                    &MemberQuery {
                        q: Some(email.clone()),
                        limit: Some(20),
                        ..MemberQuery::default()
                    },
                )
                .await?;
            let done = looked_up.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            report(done, all);
            Ok(page
                .items
                .into_iter()
                .map(person)
                .find(|(found, _)| *found == email))
        })
        .buffer_unordered(SEARCHES)
        .try_filter_map(|hit| async move { Ok(hit) })
        .try_collect()
        .await
}

/// What went wrong reading an import.
#[derive(Debug, Clone)]
pub enum ReadFailure {
    /// The file itself, in words.
    File(String),
    Platform(Error),
}

/// A CSV file read and checked against the organization.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub directory: Directory,
    pub people: Vec<Person>,
    pub rows: Vec<Checked>,
}

/// The native file dialog: the chosen file, or `None` when cancelled.
pub fn pick_file() -> Task<Option<PathBuf>> {
    Task::perform(
        async {
            rfd::AsyncFileDialog::new()
                .set_title(fl!("bulk-csv-dialog-title"))
                .add_filter("CSV", &["csv", "txt"])
                .pick_file()
                .await
                .map(|file| file.path().to_path_buf())
        },
        |path| path,
    )
}

/// Reads a CSV file and checks its rows against the organization.
pub async fn read_and_check(
    client: Client,
    org: String,
    path: PathBuf,
) -> Result<Box<CheckedFile>, ReadFailure> {
    read_and_check_reporting(client, org, path, |_, _| {}).await
}

/// [`read_and_check`], saying how far the look-ups are (see
/// [`find_people_reporting`]).
pub async fn read_and_check_reporting(
    client: Client,
    org: String,
    path: PathBuf,
    report: impl Fn(u64, u64) + Send + Sync,
) -> Result<Box<CheckedFile>, ReadFailure> {
    let bytes = crate::screen::read_chosen_file(&path, crate::screen::CSV_MAX_BYTES)
        .await
        .map_err(ReadFailure::File)?;
    let text = String::from_utf8(bytes).map_err(|_| ReadFailure::File(fl!("bulk-csv-not-utf8")))?;
    let rows = parse(&text)
        .map_err(|detail| ReadFailure::File(fl!("bulk-csv-malformed", detail = detail)))?;
    if rows.is_empty() {
        return Err(ReadFailure::File(fl!("bulk-csv-empty")));
    }
    let emails: BTreeSet<String> = rows
        .iter()
        .filter_map(|r| orgdesk_api::validate::normalize_email(&r.email))
        .collect();
    let (directory, people) = tokio::try_join!(
        Directory::load(client.clone(), org.clone()),
        find_people_reporting(&client, &org, &emails, &report)
    )
    .map_err(ReadFailure::Platform)?;
    let rows = check(rows, &people, &directory.groups);
    Ok(Box::new(CheckedFile {
        directory,
        people: people.into_values().collect(),
        rows,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_optional_action_defaults_to_add() {
        let rows =
            parse("Email,Group,Action\nann@x.org, Sales Team ,remove\nbob@x.org,Sales Team\n\n")
                .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0],
            Row {
                line: 2,
                email: "ann@x.org".into(),
                group: "Sales Team".into(),
                action: "remove".into(),
                expires_at: String::new(),
            }
        );
        assert_eq!(rows[1].action, "");
        assert_eq!(mode_of(&rows[1].action), Some(Mode::Add));
        let no_header = parse("ann@x.org,Sales Team\n").unwrap();
        assert_eq!(no_header[0].line, 1);
    }

    #[test]
    fn semicolons_and_quotes() {
        let rows = parse("\u{feff}ann@x.org;\"Sales; Europe\";ADD\n").unwrap();
        assert_eq!(rows[0].group, "Sales; Europe");
        assert_eq!(mode_of(&rows[0].action), Some(Mode::Add));
    }

    #[test]
    fn end_dates_read_as_a_day_or_an_instant() {
        use time::macros::datetime;
        assert_eq!(
            parse_end("2027-01-31"),
            Some(datetime!(2027-01-31 00:00 UTC))
        );
        assert_eq!(
            parse_end(" 2027-01-31T17:30:00+02:00 "),
            Some(datetime!(2027-01-31 15:30 UTC))
        );
        assert_eq!(parse_end("31.01.2027"), None);
        assert_eq!(parse_end("tomorrow"), None);
    }
}
