//! A group's Members tab: its members paged from the server, Add through the
//! member picker, Remove after a confirmation, and a CSV export of them all.

use std::path::PathBuf;

use crate::widget::focus::button;
use iced::widget::scrollable::Viewport;
use iced::widget::{column, container, row, scrollable, text};
use iced::{Element, Length, Task};
use orgdesk_api::{AccountList, Member, MembershipDiff};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use super::csv::{self, ExportError};
use super::picker::{self, Picker};
use crate::fl;
use crate::remote::{Listed, Paged, Request, Shown};
use crate::theme;
use crate::widget::modal::{Confirm, Confirmation, confirm};

/// Members asked for per page.
pub const PAGE_SIZE: u32 = 100;
/// A member's line in the list (name over email), with the space below it.
const ROW_HEIGHT: f32 = 44.0;
const LIST_SPACING: f32 = 2.0;

pub struct MembersTab {
    client: Client,
    org: String,
    group: Uuid,
    group_name: String,
    list: Paged<Member>,
    picker: Option<Picker>,
    /// A member to remove, waiting for the confirmation.
    removing: Confirmation<Member>,
    busy: bool,
    notice: Option<Notice>,
    /// The CSV export under way, with its counts and Cancel.
    exporting: Option<crate::widget::progress::Running>,
}

#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Done(String),
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    Reload,
    Listed(Listed<Member>),
    LoadMore,
    Scrolled(Viewport),
    OpenPicker,
    Picker(picker::Message),
    Added(Result<MembershipDiff, Error>),
    AskRemove(Uuid),
    ConfirmRemove,
    CancelRemove,
    /// A click beside the open dialog: it closes.
    Dismiss,
    Removed(String, Result<MembershipDiff, Error>),
    Export,
    /// Where to save the CSV: from the save dialog, or given by a test.
    ExportTo(Option<PathBuf>),
    Exported(PathBuf, Result<usize, ExportError>),
    /// How far the export is: members read of all.
    ExportProgress(u64, u64),
    /// Cancel while exporting: it stops before the file is written.
    CancelExport,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Members came or went (the group's count changed); run the task too.
    Changed(Task<Message>),
    /// How the export ended: a notice that stays until read.
    Notify(crate::widget::progress::Notice),
}

impl MembersTab {
    pub fn new(
        client: Client,
        org: String,
        group: Uuid,
        group_name: String,
    ) -> (Self, Task<Message>) {
        let mut tab = Self {
            client,
            org,
            group,
            group_name,
            list: Paged::new().with_row_height(ROW_HEIGHT),
            picker: None,
            removing: Confirmation::Idle,
            busy: false,
            notice: None,
            exporting: None,
        };
        let task = tab.reload();
        (tab, task)
    }

    pub fn rename(&mut self, name: &str) {
        self.group_name = name.to_string();
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Reload => Action::Run(self.reload()),
            Message::Listed(listed) => {
                let next = self.list.listed(listed);
                Action::Run(self.fetch(next))
            }
            Message::LoadMore => {
                let next = self.list.more();
                Action::Run(self.fetch(next))
            }
            Message::Scrolled(viewport) => {
                let next = self.list.scrolled(&viewport);
                Action::Run(self.fetch(next))
            }
            Message::OpenPicker => self.open_picker(),
            Message::Picker(message) => self.picker_message(message),
            Message::Added(result) => self.changed(result, None),
            Message::AskRemove(id) => {
                if let Some(member) = self.list.rows().iter().find(|m| m.id == id) {
                    self.removing.ask(member.clone());
                }
                Action::None
            }
            Message::ConfirmRemove => self.remove(),
            Message::CancelRemove => {
                self.removing.cancel();
                Action::None
            }
            Message::Dismiss => {
                self.escape();
                Action::None
            }
            Message::Removed(name, result) => self.changed(result, Some(name)),
            Message::Export => {
                let name = csv::file_name(&self.group_name, "members");
                Action::Run(Task::perform(csv::choose(name), Message::ExportTo))
            }
            Message::ExportTo(None) => Action::None,
            Message::ExportTo(Some(path)) => self.export(path),
            Message::Exported(path, result) => self.exported(&path, result),
            Message::ExportProgress(done, total) => {
                if let Some(running) = &mut self.exporting {
                    running.set_total(total);
                    running.advance(done);
                }
                Action::None
            }
            Message::CancelExport => match self.exporting.take() {
                Some(running) => {
                    running.cancel();
                    Action::Notify(crate::widget::progress::Notice::done(fl!(
                        "groups-export-cancelled"
                    )))
                }
                None => Action::None,
            },
        }
    }

    fn reload(&mut self) -> Task<Message> {
        let first = self.list.reload();
        self.fetch(Some(first))
    }

    /// The page of the group's members `request` asks for.
    fn fetch(&self, request: Option<Request>) -> Task<Message> {
        let Some(request) = request else {
            return Task::none();
        };
        let (client, org, group, cursor) = (
            self.client.clone(),
            self.org.clone(),
            self.group,
            request.cursor(),
        );
        request
            .perform(async move {
                client
                    .group_members(&org, group, Some(PAGE_SIZE), cursor.as_deref())
                    .await
            })
            .map(Message::Listed)
    }

    fn open_picker(&mut self) -> Action {
        let (picker, task) = Picker::new(
            self.client.clone(),
            self.org.clone(),
            self.group,
            self.group_name.clone(),
        );
        self.picker = Some(picker);
        self.notice = None;
        Action::Run(task.map(Message::Picker))
    }

    fn picker_message(&mut self, message: picker::Message) -> Action {
        let Some(picker) = &mut self.picker else {
            return Action::None;
        };
        match picker.update(message) {
            picker::Action::None => Action::None,
            picker::Action::Run(task) => Action::Run(task.map(Message::Picker)),
            picker::Action::Cancel => {
                self.picker = None;
                Action::None
            }
            picker::Action::Add(accounts) => self.add(accounts),
        }
    }

    fn add(&mut self, accounts: Vec<Uuid>) -> Action {
        // A second click while the first is on its way adds nothing.
        if self.busy || accounts.is_empty() {
            return Action::None;
        }
        self.busy = true;
        let (client, org, group) = (self.client.clone(), self.org.clone(), self.group);
        Action::Run(Task::perform(
            async move {
                client
                    .add_group_members(&org, group, &AccountList { accounts })
                    .await
            },
            Message::Added,
        ))
    }

    fn remove(&mut self) -> Action {
        let Some(member) = self.removing.take() else {
            return Action::None;
        };
        self.busy = true;
        let (client, org, group) = (self.client.clone(), self.org.clone(), self.group);
        let accounts = vec![member.id];
        Action::Run(Task::perform(
            async move {
                client
                    .remove_group_members(&org, group, &AccountList { accounts })
                    .await
            },
            move |result| Message::Removed(member.name.clone(), result),
        ))
    }

    /// An add (`removed` is `None`) or a remove came back.
    fn changed(
        &mut self,
        result: Result<MembershipDiff, Error>,
        removed: Option<String>,
    ) -> Action {
        self.busy = false;
        match result {
            Ok(diff) => {
                self.picker = None;
                self.notice = Some(Notice::Done(match removed {
                    Some(name) => fl!(
                        "groups-members-removed",
                        name = name,
                        group = self.group_name.clone()
                    ),
                    None => fl!(
                        "groups-members-added",
                        count = diff.added.len(),
                        group = self.group_name.clone()
                    ),
                }));
                Action::Changed(self.reload())
            }
            Err(e) => {
                // A refused add keeps the picker open with the people ticked.
                self.notice = Some(Notice::Failed(super::super::describe(&e)));
                Action::None
            }
        }
    }

    fn export(&mut self, path: PathBuf) -> Action {
        if self.exporting.is_some() {
            return Action::None;
        }
        let (client, org, group) = (self.client.clone(), self.org.clone(), self.group);
        // The pages' counts and the end, as one stream of messages.
        let (sender, progress) = iced::futures::channel::mpsc::unbounded();
        let work = async move {
            let report = move |done, total| {
                let _ = sender.unbounded_send(Message::ExportProgress(done, total));
            };
            let result =
                csv::export_members_reporting(client, org, group, path.clone(), report).await;
            Message::Exported(path, result)
        };
        let stream = iced::futures::stream::select(progress, iced::futures::stream::once(work));
        let (running, task) = crate::widget::progress::Running::start(
            Task::run(stream, |m| m),
            Some(self.list.total()),
        );
        self.exporting = Some(running);
        Action::Run(task)
    }

    fn exported(&mut self, path: &std::path::Path, result: Result<usize, ExportError>) -> Action {
        // A cancelled export's answer never comes (its task was aborted).
        if self.exporting.take().is_none() {
            return Action::None;
        }
        Action::Notify(match result {
            Ok(count) => crate::widget::progress::Notice::done(fl!(
                "groups-exported-members",
                count = count,
                path = path.display().to_string()
            )),
            Err(e) => crate::widget::progress::Notice::failed(e.describe()),
        })
    }

    /// Whether the CSV export is under way.
    pub fn is_exporting(&self) -> bool {
        self.exporting.is_some()
    }

    /// The picker or the remove confirmation, shown over the screen.
    pub fn dialog(&self) -> Option<Element<'_, Message>> {
        if let Some(member) = self.removing.asking() {
            return Some(confirm(Confirm {
                title: fl!("groups-remove-title", name = member.name.clone()),
                body: fl!(
                    "groups-remove-body",
                    name = member.name.clone(),
                    group = self.group_name.clone()
                ),
                action: fl!("groups-remove"),
                destructive: true,
                on_confirm: Message::ConfirmRemove,
                on_cancel: Message::CancelRemove,
            }));
        }
        self.picker.as_ref().map(|p| p.view().map(Message::Picker))
    }

    /// The member picker, while open.
    pub fn picker(&self) -> Option<&Picker> {
        self.picker.as_ref()
    }

    /// Closes the topmost dialog; false when none was open.
    pub fn escape(&mut self) -> bool {
        if self.removing.cancel() {
            return true;
        }
        self.picker.take().is_some()
    }

    /// `manage`: `None` when members can be changed, else why not.
    pub fn view(&self, manage: Option<String>) -> Element<'_, Message> {
        let add = button(text(fl!("groups-members-add")))
            .style(button::primary)
            .on_press_maybe((manage.is_none() && !self.busy).then_some(Message::OpenPicker));
        let export = button(text(fl!("groups-export-csv")))
            .style(button::secondary)
            .on_press_maybe(
                (self.list.is_ready() && self.exporting.is_none()).then_some(Message::Export),
            );
        let mut content = column![row![add, export].spacing(8)].spacing(8);
        if let Some(running) = &self.exporting {
            content = content.push(crate::widget::progress::bar(
                fl!("groups-exporting"),
                running,
                Message::CancelExport,
            ));
        }
        if let Some(why) = &manage {
            content = content.push(text(why.clone()).size(12).style(theme::muted_text));
        }
        match &self.notice {
            Some(Notice::Done(line)) => content = content.push(text(line.clone()).size(13)),
            Some(Notice::Failed(line)) => {
                content = content.push(text(line.clone()).size(13).style(theme::error_text));
            }
            None => {}
        }
        let status = match self.list.shown() {
            Shown::Loading => fl!("groups-members-loading"),
            Shown::Failed(why) => why.to_owned(),
            Shown::Empty => fl!("groups-members-empty"),
            Shown::Rows { shown, total, .. } => {
                fl!("groups-members-count", shown = shown, total = total)
            }
        };
        content = content.push(text(status).size(12).style(theme::muted_text));
        let mut list = column![].spacing(LIST_SPACING);
        for member in self.list.rows() {
            let remove = button(text(fl!("groups-remove")).size(12))
                .style(button::text)
                .on_press_maybe(
                    (manage.is_none() && !self.busy).then_some(Message::AskRemove(member.id)),
                );
            list = list.push(
                container(
                    row![
                        column![
                            text(member.name.clone()).size(14),
                            text(member.email.clone()).size(12).style(theme::muted_text),
                        ]
                        .width(Length::Fill),
                        remove,
                    ]
                    .align_y(iced::Alignment::Center),
                )
                .padding([4, 8])
                .height(Length::Fixed(ROW_HEIGHT - LIST_SPACING))
                .align_y(iced::Alignment::Center)
                .style(theme::table_row(false, false)),
            );
        }
        if self.list.has_more() {
            list = list.push(
                button(text(fl!("groups-members-more")))
                    .style(button::text)
                    .on_press_maybe((!self.list.loading_more()).then_some(Message::LoadMore)),
            );
        }
        content
            .push(
                scrollable(list)
                    .on_scroll(Message::Scrolled)
                    .height(Length::Fill),
            )
            .into()
    }
}
