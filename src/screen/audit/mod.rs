//! Audit log: who did what to whom, when, from where — newest first, paged
//! with the cursor as you scroll, narrowed by actor, action, target and days,
//! and exported as CSV to a file chosen in the system's dialog.

pub mod filters;
mod view;
pub mod words;

use std::collections::HashSet;
use std::path::PathBuf;

use iced::Task;
use iced::widget::scrollable::Viewport;
use orgdesk_api::{AuditEntry, AuditQuery, Group, Member};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use self::filters::{ActionChoice, Draft, Form, NotFound};
use self::words::Names;
use crate::fl;
use crate::remote::{Latest, Listed, Paged, Request, Tag};
use crate::settings::TableColumns;
use crate::widget::columns::{self, Columns};
use crate::widget::progress::{Notice, Running};

pub use self::view::AuditColumn;
/// The audit log's name in the settings file.
pub const TABLE: &str = view::NAME;

/// Rows asked for per page.
pub const PAGE_SIZE: u32 = 100;
/// Names looked up per page at most; the rest show their ids.
const LOOKUPS_PER_PAGE: usize = 50;

pub struct Audit {
    client: Client,
    org: String,
    form: Form,
    /// The filters applied, people looked up: paging and export use it.
    applied: AuditQuery,
    list: Paged<AuditEntry>,
    /// The filters whose people are being looked up, before the first page.
    resolving: Latest,
    names: Names,
    /// Member ids asked for already, found or not.
    asked: HashSet<Uuid>,
    export: Export,
    columns: Columns<AuditColumn>,
}

/// The export: under way (with Cancel) or not. How it ended goes to the
/// shell's notices ([`Action::Notify`]).
#[derive(Debug)]
enum Export {
    Idle,
    Writing(Running),
}

/// Why the log or its export could not be had.
#[derive(Debug, Clone)]
pub enum Failure {
    Api(Error),
    Nobody(String),
    Several(String),
    File(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Api(e)
    }
}

impl From<NotFound> for Failure {
    fn from(e: NotFound) -> Self {
        match e {
            NotFound::Nobody(who) => Failure::Nobody(who),
            NotFound::Several(who) => Failure::Several(who),
            NotFound::Api(e) => Failure::Api(e),
        }
    }
}

impl Failure {
    fn words(&self) -> String {
        match self {
            Failure::Api(e) => super::describe(e),
            Failure::Nobody(who) => fl!("audit-nobody", who = who.clone()),
            Failure::Several(who) => fl!("audit-several", who = who.clone()),
            Failure::File(why) => fl!("audit-file-failed", reason = why.clone()),
        }
    }
}

/// Where an export went and how many entries it holds.
#[derive(Debug, Clone)]
pub struct Exported {
    pub path: PathBuf,
    pub entries: usize,
}

#[derive(Debug, Clone)]
pub enum Message {
    ActorChanged(String),
    ActionPicked(ActionChoice),
    TargetChanged(String),
    FromChanged(String),
    ToChanged(String),
    Apply,
    Clear,
    /// A click on an entry's actor or target narrows to it.
    FilterActor(String),
    FilterTarget(String),
    Refresh,
    Scrolled(Viewport),
    /// The filters with their people looked up (or who could not be found).
    Resolved(Tag, Result<AuditQuery, Failure>),
    Listed(Listed<AuditEntry>),
    GroupsLoaded(Result<Vec<Group>, Error>),
    MemberNamed(Uuid, Result<Member, Error>),
    Export,
    /// The save dialog's answer; tests send it directly.
    ExportTo(Option<PathBuf>),
    Exported(Result<Exported, Failure>),
    /// Cancel while the export runs: it stops, and no file is written.
    CancelExport,
    /// "Copy link" on an entry: an `orgdesk://` link to it.
    CopyLink(Uuid),
    /// Widths, order or visibility of the columns.
    Columns(columns::Change<AuditColumn>),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Put a link to an entry on the clipboard.
    CopyLink(crate::desktop::link::Item),
    /// The columns were arranged anew: keep them in the settings file.
    SaveColumns(&'static str, TableColumns),
    /// How the export ended: a notice that stays until read.
    Notify(Notice),
}

impl Audit {
    pub fn new(client: Client, org: String) -> (Self, Task<Message>) {
        let mut audit = Self {
            client,
            org,
            form: Form::default(),
            applied: AuditQuery::default(),
            list: Paged::new(),
            resolving: Latest::default(),
            names: Names::default(),
            asked: HashSet::new(),
            export: Export::Idle,
            columns: Columns::default(),
        };
        let task = audit.refresh();
        (audit, task)
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::ActorChanged(actor) => self.edit(|form| form.actor = actor),
            Message::ActionPicked(action) => {
                self.form.action = action;
                self.apply()
            }
            Message::TargetChanged(target) => self.edit(|form| form.target = target),
            Message::FromChanged(from) => self.edit(|form| form.from = from),
            Message::ToChanged(to) => self.edit(|form| form.to = to),
            Message::Apply => self.apply(),
            Message::Clear => {
                self.form = Form::default();
                self.apply()
            }
            Message::FilterActor(actor) => {
                self.form.actor = actor;
                self.apply()
            }
            Message::FilterTarget(target) => {
                self.form.target = target;
                self.apply()
            }
            Message::Refresh => Action::Run(self.refresh()),
            Message::Scrolled(viewport) => {
                let next = self.list.scrolled(&viewport);
                Action::Run(self.fetch(next))
            }
            Message::Resolved(tag, result) => self.resolved(tag, result),
            Message::Listed(listed) => self.listed(listed),
            Message::GroupsLoaded(result) => self.groups_loaded(result),
            Message::MemberNamed(id, result) => self.member_named(id, result),
            Message::Export => Action::Run(choose_file()),
            Message::ExportTo(None) => Action::None,
            Message::ExportTo(Some(path)) => self.export_to(path),
            Message::Exported(result) => self.exported(result),
            Message::CancelExport => self.cancel_export(),
            Message::CopyLink(id) => Action::CopyLink(crate::desktop::link::Item::AuditEntry(id)),
            Message::Columns(change) => {
                if self.columns.update(change) {
                    Action::SaveColumns(view::NAME, self.columns.saved())
                } else {
                    Action::None
                }
            }
        }
    }

    /// The columns as saved in the settings file (from the last run).
    pub fn set_columns(&mut self, saved: Option<&TableColumns>) {
        self.columns = Columns::new(saved);
    }

    pub fn columns(&self) -> &Columns<AuditColumn> {
        &self.columns
    }

    /// Esc: closes the column menu; false when it was not open.
    pub fn escape(&mut self) -> bool {
        self.columns.escape()
    }

    fn edit(&mut self, change: impl FnOnce(&mut Form)) -> Action {
        change(&mut self.form);
        Action::None
    }

    /// The entries (with the filters as typed) and the group names, afresh (Ctrl+R).
    fn refresh(&mut self) -> Task<Message> {
        let (client, org) = (self.client.clone(), self.org.clone());
        let groups = Task::perform(
            async move { client.groups(&org).await },
            Message::GroupsLoaded,
        );
        match self.form.draft() {
            Ok(draft) => Task::batch([self.reload(draft), groups]),
            Err(_) => groups,
        }
    }

    fn apply(&mut self) -> Action {
        match self.form.draft() {
            Ok(draft) => Action::Run(self.reload(draft)),
            // The fields show what is wrong.
            Err(_) => Action::None,
        }
    }

    /// The first page for `draft`, its people looked up first.
    fn reload(&mut self, draft: Draft) -> Task<Message> {
        if let Some(query) = draft.without_lookups() {
            self.resolving.forget();
            return self.first_page(query);
        }
        self.list.begin();
        let tag = self.resolving.ask();
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move { resolve(&client, &org, draft).await },
            move |result| Message::Resolved(tag, result),
        )
    }

    fn resolved(&mut self, tag: Tag, result: Result<AuditQuery, Failure>) -> Action {
        if !self.resolving.is(tag) {
            return Action::None;
        }
        self.resolving.forget();
        match result {
            Ok(query) => Action::Run(self.first_page(query)),
            Err(failure) => {
                self.list.fail(failure.words());
                Action::None
            }
        }
    }

    fn first_page(&mut self, query: AuditQuery) -> Task<Message> {
        self.applied = query;
        let first = self.list.reload();
        self.fetch(Some(first))
    }

    /// The page `request` asks for, with the filters applied.
    fn fetch(&self, request: Option<Request>) -> Task<Message> {
        let Some(request) = request else {
            return Task::none();
        };
        let query = AuditQuery {
            limit: Some(PAGE_SIZE),
            cursor: request.cursor(),
            ..self.applied.clone()
        };
        let (client, org) = (self.client.clone(), self.org.clone());
        request
            .perform(async move { client.audit_log(&org, &query).await })
            .map(Message::Listed)
    }

    /// A page arrived: its people are named, and the next page asked for
    /// while the view is near the end.
    fn listed(&mut self, listed: Listed<AuditEntry>) -> Action {
        let lookups = match &listed.result {
            Ok(page) if self.list.expects(&listed) => {
                self.names.learn(&page.items);
                self.look_up_names(&page.items)
            }
            _ => Task::none(),
        };
        let next = self.list.listed(listed);
        Action::Run(Task::batch([lookups, self.fetch(next)]))
    }

    /// Asks for the names of members the entries target but do not name.
    fn look_up_names(&mut self, entries: &[AuditEntry]) -> Task<Message> {
        let unknown: Vec<Uuid> = entries
            .iter()
            .filter(|e| e.target_type.as_deref() == Some("member"))
            .filter_map(words::target_uuid)
            .filter(|id| !self.names.members.contains_key(id))
            .collect::<HashSet<_>>()
            .into_iter()
            .filter(|id| self.asked.insert(*id))
            .take(LOOKUPS_PER_PAGE)
            .collect();
        Task::batch(unknown.into_iter().map(|id| {
            let (client, org) = (self.client.clone(), self.org.clone());
            Task::perform(
                async move { client.member(&org, id).await },
                move |result| Message::MemberNamed(id, result),
            )
        }))
    }

    fn member_named(&mut self, id: Uuid, result: Result<Member, Error>) -> Action {
        match result {
            Ok(member) => {
                self.names
                    .members
                    .insert(id, format!("{} ({})", member.name, member.email));
            }
            Err(e) if e.status() == Some(404) => {
                self.names.members.insert(id, fl!("audit-former-member"));
            }
            // Without the right to read members the id stays.
            Err(_) => {}
        }
        Action::None
    }

    fn groups_loaded(&mut self, result: Result<Vec<Group>, Error>) -> Action {
        match result {
            Ok(groups) => {
                self.names
                    .groups
                    .extend(groups.into_iter().map(|g| (g.id, g.name)));
                Action::None
            }
            Err(_) => Action::None,
        }
    }

    fn export_to(&mut self, path: PathBuf) -> Action {
        if self.is_exporting() {
            return Action::None;
        }
        let (client, org, query) = (self.client.clone(), self.org.clone(), self.applied.clone());
        let (running, task) = Running::start(
            Task::perform(
                async move { export(&client, &org, &query, path).await },
                Message::Exported,
            ),
            Some(self.list.total()),
        );
        self.export = Export::Writing(running);
        Action::Run(task)
    }

    fn cancel_export(&mut self) -> Action {
        if let Export::Writing(running) = std::mem::replace(&mut self.export, Export::Idle) {
            running.cancel();
            return Action::Notify(Notice::done(fl!("audit-export-cancelled")));
        }
        Action::None
    }

    /// Whether an export is under way.
    pub fn is_exporting(&self) -> bool {
        matches!(self.export, Export::Writing(_))
    }

    fn exported(&mut self, result: Result<Exported, Failure>) -> Action {
        // A cancelled export's answer never comes (its task was aborted).
        self.export = Export::Idle;
        Action::Notify(match result {
            Ok(Exported { path, entries }) => {
                let mut done = fl!(
                    "audit-exported",
                    count = entries,
                    path = path.display().to_string()
                );
                // The platform caps one export; say when the log is longer.
                let total = self.list.total();
                if (entries as u64) < total {
                    done = format!("{done} {}", fl!("audit-export-capped", total = total));
                }
                Notice::done(done)
            }
            Err(failure) => Notice::failed(fl!("audit-export-failed", reason = failure.words())),
        })
    }

    pub fn rows(&self) -> &[AuditEntry] {
        self.list.rows()
    }

    pub fn total(&self) -> u64 {
        self.list.total()
    }

    /// The list as paged from the platform.
    pub fn list(&self) -> &Paged<AuditEntry> {
        &self.list
    }

    /// The filters applied, people looked up (what an export holds).
    pub fn applied(&self) -> &AuditQuery {
        &self.applied
    }
}

/// `draft` with its people looked up among the members.
async fn resolve(client: &Client, org: &str, draft: Draft) -> Result<AuditQuery, Failure> {
    let actor = filters::resolve(client, org, &draft.actor).await?;
    let target = filters::resolve(client, org, &draft.target)
        .await?
        .map(|id| id.to_string());
    Ok(draft.query(actor, target))
}

async fn export(
    client: &Client,
    org: &str,
    query: &AuditQuery,
    path: PathBuf,
) -> Result<Exported, Failure> {
    let csv = client.audit_log_csv(org, query).await?;
    let entries = csv::Reader::from_reader(csv.as_slice()).records().count();
    // Whole or not at all: a cancelled or failed export leaves no half file.
    crate::locale::write_csv(&path, &csv)
        .await
        .map_err(Failure::File)?;
    Ok(Exported { path, entries })
}

fn choose_file() -> Task<Message> {
    let name = format!(
        "audit-log-{}.csv",
        crate::locale::file_day(time::OffsetDateTime::now_utc())
    );
    Task::perform(
        async move {
            rfd::AsyncFileDialog::new()
                .set_title(fl!("audit-export-title"))
                .set_file_name(name)
                .add_filter("CSV", &["csv"])
                .save_file()
                .await
                .map(|file| file.path().to_path_buf())
        },
        Message::ExportTo,
    )
}
