//! CSV exports: a group's members and the permission matrix. The file comes
//! from a native save dialog ([`choose`]); screens take the chosen path as a
//! message, so tests hand them a path instead.

use std::borrow::Cow;
use std::path::PathBuf;

use orgdesk_api::{Member, MembershipStatus, PermissionMatrix};
use orgdesk_client::{Client, Error};
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use crate::fl;
use crate::widget::progress::{self, Notice, Running};

/// Members asked for per request while exporting a whole group.
const EXPORT_PAGE: u32 = 500;

#[derive(Debug, Clone)]
pub enum ExportError {
    /// The platform refused or could not be reached.
    Api(Error),
    /// The file could not be written.
    File(String),
}

impl ExportError {
    pub fn describe(&self) -> String {
        match self {
            Self::Api(e) => super::super::describe(e),
            Self::File(why) => fl!("groups-export-file-failed", detail = why.clone()),
        }
    }
}

/// Asks where to save `file_name`; `None` when the person cancels.
pub async fn choose(file_name: String) -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_file_name(file_name)
        .add_filter("CSV", &["csv"])
        .save_file()
        .await
        .map(|handle| handle.path().to_path_buf())
}

/// Saves the CSV the platform answers to `fetch` at `path`: the path
/// written, or what failed, in words.
pub async fn download_to(
    path: PathBuf,
    fetch: impl Future<Output = Result<Vec<u8>, orgdesk_client::Error>>,
) -> Result<PathBuf, String> {
    let csv = fetch.await.map_err(|e| super::super::describe(&e))?;
    crate::locale::write_csv(&path, &csv).await?;
    Ok(path)
}

/// One CSV download under way (a permission snapshot, a review's report):
/// a bar with Cancel while it runs, and its end as a notice that stays until
/// read.
#[derive(Debug, Default)]
pub struct Download(Option<Running>);

impl Download {
    /// Runs `work` (a [`download_to`]) made cancellable, unless a download
    /// runs already.
    pub fn start<M: Send + 'static>(
        &mut self,
        work: impl Future<Output = Result<PathBuf, String>> + Send + 'static,
        done: fn(Result<PathBuf, String>) -> M,
    ) -> Option<iced::Task<M>> {
        if self.0.is_some() {
            return None;
        }
        let (running, task) = Running::start(iced::Task::perform(work, done), None);
        self.0 = Some(running);
        Some(task)
    }

    /// The download's answer, in words; nothing when it was cancelled.
    pub fn finished(&mut self, result: Result<PathBuf, String>) -> Option<Notice> {
        self.0.take()?;
        Some(match result {
            Ok(path) => Notice::done(fl!("snapshots-exported", path = path.display().to_string())),
            Err(why) => Notice::failed(fl!("snapshots-export-failed", detail = why)),
        })
    }

    /// Cancel: the download stops (its answer never comes).
    pub fn cancel(&mut self) -> Option<Notice> {
        self.0.take()?.cancel();
        Some(Notice::done(fl!("csv-download-cancelled")))
    }

    /// The bar with Cancel, while it runs.
    pub fn view<'a, M: Clone + 'a>(&self, on_cancel: M) -> Option<iced::Element<'a, M>> {
        self.0
            .as_ref()
            .map(|running| progress::bar(fl!("csv-downloading"), running, on_cancel))
    }
}

/// A file name from a group's name: "Sales Team" → "sales-team-members.csv".
pub fn file_name(name: &str, suffix: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        format!("{suffix}.csv")
    } else {
        format!("{slug}-{suffix}.csv")
    }
}

/// Every member of the group, page after page, written to `path`; answers
/// how many rows the file holds.
pub async fn export_members(
    client: Client,
    org: String,
    group: Uuid,
    path: PathBuf,
) -> Result<usize, ExportError> {
    export_members_reporting(client, org, group, path, |_, _| {}).await
}

/// [`export_members`], saying after each page how many members of all are
/// read. The file is written once all are read.
pub async fn export_members_reporting(
    client: Client,
    org: String,
    group: Uuid,
    path: PathBuf,
    report: impl Fn(u64, u64),
) -> Result<usize, ExportError> {
    let mut members = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = client
            .group_members(&org, group, Some(EXPORT_PAGE), cursor.as_deref())
            .await
            .map_err(ExportError::Api)?;
        members.extend(page.items);
        let read = members.len() as u64;
        report(read, page.total.max(read));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    write(path, members_csv(&members)?).await?;
    Ok(members.len())
}

/// The matrix as the server holds it, written to `path`.
pub async fn export_matrix(matrix: PermissionMatrix, path: PathBuf) -> Result<usize, ExportError> {
    let bytes = matrix_csv(&matrix)?;
    write(path, bytes).await?;
    Ok(matrix.groups.len())
}

async fn write(path: PathBuf, bytes: Vec<u8>) -> Result<(), ExportError> {
    crate::locale::write_csv(&path, &bytes)
        .await
        .map_err(ExportError::File)
}

/// `name,email,status,groups,joined_at,last_login_at`; groups joined by "; ".
pub fn members_csv(members: &[Member]) -> Result<Vec<u8>, ExportError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| ExportError::File(e.to_string());
    out.write_record([
        "name",
        "email",
        "status",
        "groups",
        "joined_at",
        "last_login_at",
    ])
    .map_err(failed)?;
    for member in members {
        let status = match member.status {
            MembershipStatus::Active => "active",
            MembershipStatus::Suspended => "suspended",
        };
        let groups = member
            .groups
            .iter()
            .map(|g| g.name.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let joined = member.joined_at.format(&Rfc3339).unwrap_or_default();
        let last_login = member
            .last_login_at
            .and_then(|t| t.format(&Rfc3339).ok())
            .unwrap_or_default();
        out.write_record([
            cell(&member.name).as_ref(),
            cell(&member.email).as_ref(),
            status,
            cell(&groups).as_ref(),
            &joined,
            &last_login,
        ])
        .map_err(failed)?;
    }
    out.into_inner()
        .map_err(|e| ExportError::File(e.to_string()))
}

/// `group,builtin,product,<permission>…` with `true`/`false` per permission.
pub fn matrix_csv(matrix: &PermissionMatrix) -> Result<Vec<u8>, ExportError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| ExportError::File(e.to_string());
    let mut header = vec!["group".to_string(), "builtin".into(), "product".into()];
    header.extend(matrix.permissions.iter().map(|p| p.key.clone()));
    out.write_record(&header).map_err(failed)?;
    for group in &matrix.groups {
        let mut record = vec![
            cell(&group.name).into_owned(),
            group.builtin.to_string(),
            group.product.clone().unwrap_or_default(),
        ];
        record.extend(group.granted.iter().map(bool::to_string));
        out.write_record(&record).map_err(failed)?;
    }
    out.into_inner()
        .map_err(|e| ExportError::File(e.to_string()))
}

/// Spreadsheets run a cell that starts like a formula; names come from
/// people, so such cells get a leading apostrophe (OWASP's advice).
fn cell(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_and_formula_guard() {
        assert_eq!(file_name("Sales Team", "members"), "sales-team-members.csv");
        assert_eq!(file_name("  ", "matrix"), "matrix.csv");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell("Ana"), "Ana");
    }
}
