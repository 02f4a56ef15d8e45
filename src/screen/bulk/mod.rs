//! Bulk group edits: add a selection of members to groups or remove them, or
//! import changes from a CSV file. Before anything changes, the server's dry
//! run shows the memberships that change and the permission impact (who gains
//! or loses what); Apply sends the whole change set as one request, and the
//! result offers Undo, which applies the inverse change set after its own
//! preview. A refusal is shown in words, and nothing is changed then.

mod cancel;
pub mod import;
pub mod plan;
mod view;

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::Duration;

use iced::Task;
use iced::widget::scrollable::Viewport;
use orgdesk_api::{BulkChange, BulkRequest, BulkResult, Member};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use crate::fl;
use crate::remote::{Latest, Tag};
use crate::widget::table::Window;
pub use import::{CheckedFile, ReadFailure};
pub use plan::{Directory, Mode, Person, Tally};

/// How often the progress indicator moves while a request runs.
const TICK: Duration = Duration::from_millis(120);

pub struct Bulk {
    client: Client,
    org: String,
    source: Source,
    directory: Directory,
    step: Step,
    /// Why the last request was refused or failed, in words.
    error: Option<String>,
    /// The request (and its progress ticks) the dialog waits on: answers
    /// to requests it has moved on from are dropped.
    waiting: Latest,
    /// The members the change sets name, by account.
    people: HashMap<Uuid, Person>,
    /// The last change set applied (not an undo): what Undo inverts.
    applied: Option<BulkResult>,
    /// The ends the selected members' memberships had when the dialog
    /// opened, so that Undo restores changed ends ("Extend to…", an add
    /// with an end); `None` for a CSV file.
    ends_before: Option<plan::Ends>,
}

/// Where the change set comes from.
enum Source {
    Members {
        members: Vec<Uuid>,
        mode: Mode,
        picked: BTreeSet<Uuid>,
        filter: String,
        /// How many of the selected members are in each group already.
        in_group: HashMap<Uuid, usize>,
        /// The end date typed (YYYY-MM-DD; empty: no end). Adds only.
        until: String,
        /// "Extend to…": each member's own groups, re-added with the new
        /// end (the platform sets the end an add names); `None` for a plain add.
        theirs: Option<HashMap<Uuid, BTreeSet<Uuid>>>,
    },
    Csv {
        file: Option<String>,
        rows: Vec<import::Checked>,
        window: Window,
    },
}

enum Step {
    Loading,
    /// Members: which groups.
    Choosing,
    /// CSV: the native file dialog is open.
    PickingFile,
    /// CSV: reading the file and looking its addresses and groups up.
    Reading {
        file: String,
        ticks: u32,
        /// Addresses looked up of all, with Cancel.
        running: crate::widget::progress::Running,
    },
    /// CSV: the rows, problems flagged.
    Reviewing,
    /// The dry run is running.
    Previewing {
        changes: Vec<BulkChange>,
        undo: bool,
        ticks: u32,
    },
    Preview(Box<Preview>),
    /// The change set sent: `handle` stops waiting for the answer (Cancel);
    /// `None` once cancelled, while the platform is read again to tell
    /// whether it applied the change anyway.
    Applying {
        preview: Box<Preview>,
        ticks: u32,
        handle: Option<crate::widget::progress::Running>,
    },
    Done {
        result: Box<BulkResult>,
        undo: bool,
    },
    /// Nothing to work with (the groups could not be loaded).
    Failed(String),
}

/// A dry run's answer, waiting for Apply.
struct Preview {
    changes: Vec<BulkChange>,
    result: BulkResult,
    undo: bool,
    tab: Tab,
    tallies: Vec<Tally>,
    window: Window,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Memberships,
    Impact,
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Directory, Error>),
    FilterChanged(String),
    /// The end date typed.
    UntilChanged(String),
    Toggle(Uuid, bool),
    ChooseFile,
    /// The file the native dialog answered (tests send it directly).
    FileChosen(Option<PathBuf>),
    FileChecked {
        tag: Tag,
        result: Result<Box<CheckedFile>, ReadFailure>,
    },
    /// How far reading the file is: `done` of `total` looked up.
    FileProgress {
        tag: Tag,
        done: u64,
        total: u64,
    },
    /// Cancel while the file is read: nothing of it is kept.
    CancelRead,
    Scrolled(Viewport),
    Preview,
    Previewed {
        tag: Tag,
        result: Result<Box<BulkResult>, Error>,
    },
    ShowTab(Tab),
    Back,
    Apply,
    Applied {
        tag: Tag,
        result: Result<Box<BulkResult>, Error>,
    },
    Undo,
    /// Cancel while the change set is sent: stop waiting, then find out.
    CancelApply,
    /// After Cancel: the same change set as a dry run, to tell what the platform did.
    Rechecked {
        tag: Tag,
        result: Result<Box<BulkResult>, Error>,
    },
    Tick(Tag),
    /// Esc, the backdrop or Close: the dialog goes unless a change is being applied.
    Dismiss,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Memberships changed (Apply or Undo): lists showing them are out of date.
    Changed,
    /// The dialog is done: the parent closes it.
    Close,
    /// How cancelled work ended (a notice that stays until read); `changed`
    /// when memberships did or may have changed.
    Notify {
        notice: crate::widget::progress::Notice,
        changed: bool,
    },
}

impl Bulk {
    /// Adds `members` to groups or removes them from groups, chosen in the dialog.
    pub fn for_members(
        client: Client,
        org: String,
        members: Vec<Member>,
        mode: Mode,
    ) -> (Self, Task<Message>) {
        let mut in_group: HashMap<Uuid, usize> = HashMap::new();
        for group in members.iter().flat_map(|m| &m.groups) {
            *in_group.entry(group.id).or_default() += 1;
        }
        let ends_before = plan::ends_of(&members);
        let source = Source::Members {
            members: members.iter().map(|m| m.id).collect(),
            mode,
            picked: BTreeSet::new(),
            filter: String::new(),
            in_group,
            until: String::new(),
            theirs: None,
        };
        let people = members
            .into_iter()
            .map(|m| {
                (
                    m.id,
                    Person {
                        id: m.id,
                        name: m.name,
                        email: m.email,
                    },
                )
            })
            .collect();
        let mut bulk = Self::with(client.clone(), org.clone(), source, Step::Loading, people);
        bulk.ends_before = Some(ends_before);
        let task = Task::perform(Directory::load(client, org), Message::Loaded);
        (bulk, task)
    }

    /// "Extend to…": gives the memberships of `members` a new end date, each
    /// in the groups they are in (all of them chosen at first).
    pub fn extend(client: Client, org: String, members: Vec<Member>) -> (Self, Task<Message>) {
        let theirs: HashMap<Uuid, BTreeSet<Uuid>> = members
            .iter()
            .map(|m| (m.id, m.groups.iter().map(|g| g.id).collect()))
            .collect();
        let picked: BTreeSet<Uuid> = theirs.values().flatten().copied().collect();
        let (mut bulk, task) = Self::for_members(client, org, members, Mode::Add);
        if let Source::Members {
            picked: p,
            theirs: t,
            ..
        } = &mut bulk.source
        {
            *p = picked;
            *t = Some(theirs);
        }
        (bulk, task)
    }

    /// Imports changes from a CSV file; the task opens the native file dialog.
    pub fn import(client: Client, org: String) -> (Self, Task<Message>) {
        let source = Source::Csv {
            file: None,
            rows: Vec::new(),
            window: Window::default(),
        };
        let bulk = Self::with(client, org, source, Step::PickingFile, HashMap::new());
        (bulk, import::pick_file().map(Message::FileChosen))
    }

    fn with(
        client: Client,
        org: String,
        source: Source,
        step: Step,
        people: HashMap<Uuid, Person>,
    ) -> Self {
        Self {
            client,
            org,
            source,
            directory: Directory::default(),
            step,
            error: None,
            waiting: Latest::default(),
            people,
            applied: None,
            ends_before: None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(result) => self.loaded(result),
            Message::FilterChanged(filter) => {
                if let Source::Members { filter: f, .. } = &mut self.source {
                    *f = filter;
                }
                Action::None
            }
            Message::UntilChanged(typed) => {
                if let Source::Members { until, .. } = &mut self.source {
                    *until = typed;
                }
                Action::None
            }
            Message::Toggle(group, on) => self.toggle(group, on),
            Message::ChooseFile => {
                self.waiting.forget();
                self.step = Step::PickingFile;
                Action::Run(import::pick_file().map(Message::FileChosen))
            }
            Message::FileChosen(path) => self.file_chosen(path),
            Message::FileChecked { tag, result } if self.waiting.is(tag) => {
                self.file_checked(result)
            }
            Message::FileProgress { tag, done, total } if self.waiting.is(tag) => {
                if let Step::Reading { running, .. } = &mut self.step {
                    running.set_total(total);
                    running.advance(done);
                }
                Action::None
            }
            Message::CancelRead => self.cancel_read(),
            Message::Scrolled(viewport) => {
                self.scrolled(&viewport);
                Action::None
            }
            Message::Preview => self.preview(),
            Message::Previewed { tag, result } if self.waiting.is(tag) => self.previewed(result),
            Message::ShowTab(tab) => {
                if let Step::Preview(preview) = &mut self.step {
                    preview.tab = tab;
                    preview.window = Window::default();
                }
                Action::None
            }
            Message::Back => self.back(),
            Message::Apply => self.apply(),
            Message::Applied { tag, result } if self.waiting.is(tag) => self.applied(result),
            Message::Undo => self.undo(),
            Message::CancelApply => self.cancel_apply(),
            Message::Rechecked { tag, result } if self.waiting.is(tag) => self.rechecked(result),
            Message::Tick(tag) if self.waiting.is(tag) => self.tick(),
            Message::Dismiss => match self.step {
                // The change lands whatever the dialog does: stay for its result and Undo.
                Step::Applying { .. } => Action::None,
                _ => Action::Close,
            },
            Message::FileChecked { .. }
            | Message::FileProgress { .. }
            | Message::Previewed { .. }
            | Message::Applied { .. }
            | Message::Rechecked { .. }
            | Message::Tick(_) => Action::None,
        }
    }

    fn loaded(&mut self, result: Result<Directory, Error>) -> Action {
        match result {
            Ok(directory) => {
                self.directory = directory;
                self.step = Step::Choosing;
                Action::None
            }
            Err(e) => {
                self.step = Step::Failed(super::describe(&e));
                Action::None
            }
        }
    }

    fn toggle(&mut self, group: Uuid, on: bool) -> Action {
        // A group granting what this person does not hold cannot be chosen.
        let held_back = self
            .directory
            .groups
            .iter()
            .find(|g| g.id == group)
            .is_some_and(|g| !self.directory.not_held(g).is_empty());
        if on && held_back {
            return Action::None;
        }
        if let Source::Members { picked, .. } = &mut self.source {
            if on {
                picked.insert(group);
            } else {
                picked.remove(&group);
            }
        }
        Action::None
    }

    fn file_chosen(&mut self, path: Option<PathBuf>) -> Action {
        let Some(path) = path else {
            return match &self.source {
                Source::Csv { rows, file, .. } if rows.is_empty() && file.is_none() => {
                    Action::Close
                }
                _ => {
                    self.step = Step::Reviewing;
                    Action::None
                }
            };
        };
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        self.error = None;
        let tag = self.waiting.ask();
        if let Source::Csv { file: f, .. } = &mut self.source {
            *f = Some(file.clone());
        }
        let (client, org) = (self.client.clone(), self.org.clone());
        // The look-ups' progress and the end, as one stream of messages.
        let (sender, progress) = iced::futures::channel::mpsc::unbounded();
        let read = async move {
            let report = move |done, total| {
                let _ = sender.unbounded_send(Message::FileProgress { tag, done, total });
            };
            let result = import::read_and_check_reporting(client, org, path, report).await;
            Message::FileChecked { tag, result }
        };
        let stream = iced::futures::stream::select(progress, iced::futures::stream::once(read));
        let (running, read) =
            crate::widget::progress::Running::start(Task::run(stream, |m| m), None);
        self.step = Step::Reading {
            file,
            ticks: 0,
            running,
        };
        Action::Run(Task::batch([read, self.next_tick()]))
    }

    fn file_checked(&mut self, result: Result<Box<CheckedFile>, ReadFailure>) -> Action {
        self.step = Step::Reviewing;
        let checked = match result {
            Ok(checked) => *checked,
            Err(ReadFailure::Platform(e)) => {
                self.error = Some(super::describe(&e));
                return Action::None;
            }
            Err(ReadFailure::File(why)) => {
                self.error = Some(why);
                return Action::None;
            }
        };
        self.directory = checked.directory;
        self.people
            .extend(checked.people.into_iter().map(|p| (p.id, p)));
        if let Source::Csv { rows, window, .. } = &mut self.source {
            *rows = checked.rows;
            *window = Window::default();
        }
        Action::None
    }

    fn scrolled(&mut self, viewport: &Viewport) {
        let window = Window::from_viewport(viewport);
        match (&mut self.step, &mut self.source) {
            (Step::Preview(preview), _) => preview.window = window,
            (Step::Reviewing, Source::Csv { window: w, .. }) => *w = window,
            _ => {}
        }
    }

    /// The change set the choices or the file's good rows make.
    pub fn changes(&self) -> Vec<BulkChange> {
        match &self.source {
            Source::Members {
                members,
                mode,
                picked,
                until,
                theirs,
                ..
            } => {
                let end = match (until.trim(), self.until()) {
                    ("", _) if theirs.is_none() => None,
                    (_, Some(end)) => Some(end),
                    // A date that does not read, or Extend without one: nothing to send.
                    _ => return Vec::new(),
                };
                match theirs {
                    Some(theirs) => plan::extend(theirs, picked, end),
                    None => plan::with_end(plan::for_members(members, picked, *mode), end),
                }
            }
            Source::Csv { rows, .. } => import::changes(rows),
        }
    }

    /// The end date typed, when it reads as one (`None`: empty or unreadable).
    pub fn until(&self) -> Option<time::OffsetDateTime> {
        match &self.source {
            Source::Members { until, .. } => super::expiry::parse_day(until),
            Source::Csv { .. } => None,
        }
    }

    /// Whether the dialog extends memberships ("Extend to…").
    pub fn extending(&self) -> bool {
        matches!(
            &self.source,
            Source::Members {
                theirs: Some(_),
                ..
            }
        )
    }

    fn preview(&mut self) -> Action {
        if !matches!(self.step, Step::Choosing | Step::Reviewing) {
            return Action::None;
        }
        let changes = self.changes();
        if plan::size(&changes) == 0 {
            return Action::None;
        }
        Action::Run(self.start_preview(changes, false))
    }

    fn start_preview(&mut self, changes: Vec<BulkChange>, undo: bool) -> Task<Message> {
        self.error = None;
        let tag = self.waiting.ask();
        let request = self.send(changes.clone(), true);
        self.step = Step::Previewing {
            changes,
            undo,
            ticks: 0,
        };
        Task::batch([
            request.map(move |result| Message::Previewed { tag, result }),
            self.next_tick(),
        ])
    }

    fn send(
        &self,
        changes: Vec<BulkChange>,
        dry_run: bool,
    ) -> Task<Result<Box<BulkResult>, Error>> {
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move {
                client
                    .bulk_groups(&org, &BulkRequest { changes, dry_run })
                    .await
                    .map(Box::new)
            },
            |result| result,
        )
    }

    fn previewed(&mut self, result: Result<Box<BulkResult>, Error>) -> Action {
        let Step::Previewing { changes, undo, .. } =
            std::mem::replace(&mut self.step, Step::Loading)
        else {
            return Action::None;
        };
        match result {
            Ok(result) => {
                let tallies = plan::tally(&result.impact, &self.directory.permissions);
                self.step = Step::Preview(Box::new(Preview {
                    changes,
                    result: *result,
                    undo,
                    tab: Tab::Memberships,
                    tallies,
                    window: Window::default(),
                }));
                Action::None
            }
            Err(e) => {
                self.step = self.origin(undo);
                self.refused(e)
            }
        }
    }

    /// The step a preview came from: the choices, the file, or the result an undo would undo.
    fn origin(&self, undo: bool) -> Step {
        match (&self.applied, undo, &self.source) {
            (Some(applied), true, _) => Step::Done {
                result: Box::new(applied.clone()),
                undo: false,
            },
            (_, _, Source::Members { .. }) => Step::Choosing,
            (_, _, Source::Csv { .. }) => Step::Reviewing,
        }
    }

    /// A refusal in words.
    fn refused(&mut self, error: Error) -> Action {
        self.error = Some(fl!("bulk-refused", reason = super::describe(&error)));
        Action::None
    }

    fn back(&mut self) -> Action {
        if let Step::Preview(preview) = &self.step {
            self.waiting.forget();
            self.error = None;
            self.step = self.origin(preview.undo);
        }
        Action::None
    }

    fn apply(&mut self) -> Action {
        let Step::Preview(preview) = std::mem::replace(&mut self.step, Step::Loading) else {
            return Action::None;
        };
        self.error = None;
        let tag = self.waiting.ask();
        let request = self
            .send(preview.changes.clone(), false)
            .map(move |result| Message::Applied { tag, result });
        let (handle, request) = crate::widget::progress::Running::start(
            request,
            Some(plan::size(&preview.changes) as u64),
        );
        self.step = Step::Applying {
            preview,
            ticks: 0,
            handle: Some(handle),
        };
        Action::Run(Task::batch([request, self.next_tick()]))
    }

    fn applied(&mut self, result: Result<Box<BulkResult>, Error>) -> Action {
        let Step::Applying { preview, .. } = std::mem::replace(&mut self.step, Step::Loading)
        else {
            return Action::None;
        };
        match result {
            Ok(result) => {
                if !preview.undo {
                    self.applied = Some((*result).clone());
                }
                self.step = Step::Done {
                    result,
                    undo: preview.undo,
                };
                Action::Changed
            }
            Err(e) => {
                self.step = Step::Preview(preview);
                self.refused(e)
            }
        }
    }

    fn undo(&mut self) -> Action {
        let Step::Done {
            result,
            undo: false,
        } = &self.step
        else {
            return Action::None;
        };
        let changes = self.undo_changes(result);
        if changes.is_empty() {
            return Action::None;
        }
        Action::Run(self.start_preview(changes, true))
    }

    /// The change set that undoes `result` (empty: nothing to undo).
    pub fn undo_changes(&self, result: &BulkResult) -> Vec<BulkChange> {
        plan::undo(
            &result.diff,
            self.ends_before.as_ref(),
            time::OffsetDateTime::now_utc(),
        )
    }

    fn next_tick(&self) -> Task<Message> {
        let Some(tag) = self.waiting.current() else {
            return Task::none();
        };
        // Lazily: the timer needs the runtime that runs the task, not the caller's.
        Task::perform(async { tokio::time::sleep(TICK).await }, move |()| {
            Message::Tick(tag)
        })
    }

    /// The request whose answer the dialog waits for.
    pub fn pending(&self) -> Option<Tag> {
        self.waiting.current()
    }

    fn tick(&mut self) -> Action {
        match &mut self.step {
            Step::Reading { ticks, .. }
            | Step::Previewing { ticks, .. }
            | Step::Applying { ticks, .. } => {
                *ticks += 1;
                Action::Run(self.next_tick())
            }
            _ => Action::None,
        }
    }

    /// The CSV rows as checked (empty for a selection of members).
    pub fn rows(&self) -> &[import::Checked] {
        match &self.source {
            Source::Csv { rows, .. } => rows,
            Source::Members { .. } => &[],
        }
    }

    /// The dry run's answer on show, if any.
    pub fn preview_result(&self) -> Option<&BulkResult> {
        match &self.step {
            Step::Preview(preview) => Some(&preview.result),
            Step::Applying { preview, .. } => Some(&preview.result),
            _ => None,
        }
    }

    /// The applied change's answer once done (the undo's after an undo).
    pub fn done_result(&self) -> Option<&BulkResult> {
        match &self.step {
            Step::Done { result, .. } => Some(result),
            _ => None,
        }
    }

    /// The refusal or failure on show, in words.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Whether a request is in flight (the progress indicator shows).
    pub fn busy(&self) -> bool {
        matches!(
            self.step,
            Step::Reading { .. } | Step::Previewing { .. } | Step::Applying { .. }
        )
    }
}
