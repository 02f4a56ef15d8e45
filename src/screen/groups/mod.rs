//! Groups: the organization's groups (built-in, product-defined, custom)
//! with their member counts; a group's sheet beside the list; creating and
//! deleting custom groups; and the permission matrix of all groups.
//!
//! Only permissions the admin holds can be granted or revoked (the server
//! answers `permission_escalation` otherwise): the screen reads what the
//! admin holds and disables the rest, and explains refusals in words.

pub mod create;
pub mod csv;
pub mod grid;
pub mod managers;
pub mod matrix;
pub mod member_matrix;
pub mod members_tab;
pub mod perms;
pub mod picker;
pub mod sheet;

use crate::widget::focus::button;
use crate::widget::focus::{Kind, focusable};
use iced::widget::text::Wrapping;
use iced::widget::{Space, column, container, mouse_area, row, scrollable, text};
use iced::{Element, Length, Task};
use orgdesk_api::Group;
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use self::create::Create;
use self::matrix::Matrix;
pub use self::perms::Permissions;
use self::sheet::Sheet;
use crate::fl;
use crate::remote::{Latest, Tag};
use crate::theme;
use crate::widget::discard;
use crate::widget::icon::{self, Icon};
use crate::widget::modal::{Confirm, Confirmation, confirm, modal};

pub struct Groups {
    client: Client,
    org: String,
    state: State,
    groups: Vec<Group>,
    permissions: Permissions,
    tab: Tab,
    sheet: Option<Sheet>,
    create: Option<Create>,
    /// A custom group to delete, waiting for the confirmation.
    deleting: Confirmation<Group>,
    matrix: Option<Matrix>,
    notice: Option<Notice>,
    /// The overview's load: answers to older ones are dropped.
    load: Latest,
    /// Leaving a sheet with edits, until "Discard changes?" is answered.
    leaving: discard::Guard<Leave>,
}

/// Where leaving an edited sheet goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leave {
    Close,
    Open(Uuid),
}

/// What the screen loads: the groups and the permissions around them.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub groups: Vec<Group>,
    pub permissions: Permissions,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    Ready,
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    List,
    Matrix,
}

#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Done(String),
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Ctrl+R: read everything in view again.
    Refresh,
    Loaded {
        tag: Tag,
        result: Result<Box<Overview>, Error>,
    },
    ShowTab(Tab),
    OpenGroup(Uuid),
    NewGroup,
    Create(create::Message),
    AskDelete(Uuid),
    ConfirmDelete,
    CancelDelete,
    Deleted(Group, Result<(), Error>),
    Sheet(sheet::Message),
    /// A sheet's own answer, for the group it was asked about: dropped when
    /// another group's sheet is open by then.
    SheetOf(Uuid, Box<sheet::Message>),
    Matrix(matrix::Message),
    /// The answer to "Discard changes?" on leaving an edited sheet.
    Leave(discard::Answer),
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Put a link to a group on the clipboard.
    CopyLink(crate::desktop::link::Item),
    /// How long work ended: a notice that stays until read.
    Notify(crate::widget::progress::Notice),
}

impl Groups {
    pub fn new(client: Client, org: String) -> (Self, Task<Message>) {
        let mut groups = Self {
            client,
            org,
            state: State::Loading,
            groups: Vec::new(),
            permissions: Permissions::default(),
            tab: Tab::List,
            sheet: None,
            create: None,
            deleting: Confirmation::Idle,
            matrix: None,
            notice: None,
            load: Latest::default(),
            leaving: discard::Guard::default(),
        };
        let task = groups.reload();
        (groups, task)
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Refresh => self.refresh(),
            Message::Loaded { tag, result } => self.loaded(tag, result),
            Message::ShowTab(tab) => self.show_tab(tab),
            Message::OpenGroup(id) if self.sheet_group().is_some_and(|g| g.id != id) => {
                self.leave_sheet(Leave::Open(id))
            }
            Message::OpenGroup(id) => self.open_group(id),
            Message::NewGroup => self.new_group(),
            Message::Create(message) => self.create(message),
            Message::AskDelete(id) => {
                if let Some(group) = self.groups.iter().find(|g| g.id == id && !g.builtin) {
                    self.deleting.ask(group.clone());
                }
                Action::None
            }
            Message::ConfirmDelete => self.delete(),
            Message::CancelDelete => {
                self.deleting.cancel();
                Action::None
            }
            Message::Deleted(group, result) => self.deleted(group, result),
            Message::Sheet(message) => self.sheet(message),
            Message::SheetOf(group, message) => {
                if self.sheet.as_ref().is_some_and(|s| s.group().id == group) {
                    self.sheet(*message)
                } else {
                    Action::None
                }
            }
            Message::Matrix(message) => self.matrix(message),
            Message::Leave(answer) => match self.leaving.answer(answer) {
                Some(to) => self.leave(to),
                None => Action::None,
            },
        }
    }

    /// "Discard changes?" is asked before leaving the sheet.
    pub fn is_asking_to_discard(&self) -> bool {
        self.leaving.is_asking()
    }

    /// Whether the open sheet holds edits not yet saved.
    pub fn has_edits(&self) -> bool {
        self.sheet.as_ref().is_some_and(Sheet::is_edited)
    }

    /// "Discard" on leaving the section: the sheet closes, its edits dropped.
    pub fn discard_edits(&mut self) {
        self.leaving = discard::Guard::default();
        self.sheet = None;
    }

    /// Closes the sheet or opens another, asking first when it holds edits.
    fn leave_sheet(&mut self, to: Leave) -> Action {
        match self.leaving.leave(self.has_edits(), to) {
            Some(to) => self.leave(to),
            None => Action::None,
        }
    }

    fn leave(&mut self, to: Leave) -> Action {
        match to {
            Leave::Close => {
                self.sheet = None;
                Action::None
            }
            Leave::Open(id) => {
                self.sheet = None;
                self.open_group(id)
            }
        }
    }

    /// The load whose answer the screen waits for.
    pub fn pending(&self) -> Option<Tag> {
        self.load.current()
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    pub fn permissions(&self) -> &Permissions {
        &self.permissions
    }

    pub fn sheet_group(&self) -> Option<&Group> {
        self.sheet.as_ref().map(Sheet::group)
    }

    /// Whether the signed-in person manages the group whose sheet is open.
    pub fn sheet_manages(&self) -> bool {
        self.sheet
            .as_ref()
            .is_some_and(|s| s.managers_tab().manages())
    }

    pub fn matrix_view(&self) -> Option<&Matrix> {
        self.matrix.as_ref()
    }

    /// Esc: closes the topmost dialog, else the sheet; false when none was open.
    pub fn escape(&mut self) -> bool {
        if self.leaving.is_asking() {
            let _ = self.leaving.answer(discard::Answer::Keep);
            return true;
        }
        if self.deleting.cancel() {
            return true;
        }
        if self.sheet.as_mut().is_some_and(Sheet::escape) {
            return true;
        }
        if self.create.take().is_some() {
            return true;
        }
        // The sheet shows beside the list only.
        if self.tab != Tab::List || self.sheet.is_none() {
            return false;
        }
        let _ = self.leave_sheet(Leave::Close);
        true
    }

    fn reload(&mut self) -> Task<Message> {
        let tag = self.load.ask();
        if self.groups.is_empty() {
            self.state = State::Loading;
        }
        let (client, org) = (self.client.clone(), self.org.clone());
        Task::perform(
            async move {
                let (groups, all, mine, catalog) = tokio::try_join!(
                    client.groups(&org),
                    client.org_permissions(&org),
                    client.my_permissions(&org),
                    client.catalog(),
                )?;
                let permissions = Permissions {
                    all,
                    held: mine.into_iter().map(|p| p.permission).collect(),
                    products: catalog
                        .products
                        .into_iter()
                        .map(|p| (p.id, p.name))
                        .collect(),
                };
                Ok(Box::new(Overview {
                    groups,
                    permissions,
                }))
            },
            move |result| Message::Loaded { tag, result },
        )
    }

    fn refresh(&mut self) -> Action {
        let mut tasks = vec![self.reload()];
        if let Some(sheet) = &mut self.sheet
            && let sheet::Action::Run(task) =
                sheet.update(sheet::Message::Refresh, &self.permissions)
        {
            tasks.push(self.for_sheet(task));
        }
        if self.tab == Tab::Matrix {
            tasks.push(Task::done(Message::Matrix(matrix::Message::Reload)));
        }
        Action::Run(Task::batch(tasks))
    }

    fn loaded(&mut self, tag: Tag, result: Result<Box<Overview>, Error>) -> Action {
        if !self.load.is(tag) {
            return Action::None;
        }
        self.load.forget();
        match result {
            Ok(overview) => {
                let Overview {
                    groups,
                    permissions,
                } = *overview;
                self.groups = groups;
                self.permissions = permissions;
                self.state = State::Ready;
                if let Some(dialog) = &mut self.create {
                    dialog.permissions_changed(&self.permissions);
                }
                Action::None
            }
            Err(e) => {
                self.state = State::Failed(super::describe(&e));
                Action::None
            }
        }
    }

    fn show_tab(&mut self, tab: Tab) -> Action {
        self.tab = tab;
        if tab == Tab::Matrix && self.matrix.is_none() {
            let (matrix, task) = Matrix::new(self.client.clone(), self.org.clone());
            self.matrix = Some(matrix);
            return Action::Run(task.map(Message::Matrix));
        }
        Action::None
    }

    /// Tags a sheet's task with the group the open sheet is about.
    fn for_sheet(&self, task: Task<sheet::Message>) -> Task<Message> {
        match self.sheet.as_ref().map(|s| s.group().id) {
            Some(group) => task.map(move |m| Message::SheetOf(group, Box::new(m))),
            None => task.map(Message::Sheet),
        }
    }

    fn open_group(&mut self, id: Uuid) -> Action {
        let Some(group) = self.groups.iter().find(|g| g.id == id).cloned() else {
            return Action::None;
        };
        let (sheet, task) = Sheet::new(self.client.clone(), self.org.clone(), group);
        self.sheet = Some(sheet);
        Action::Run(self.for_sheet(task))
    }

    fn new_group(&mut self) -> Action {
        if !self.permissions.can_manage() {
            return Action::None;
        }
        self.create = Some(Create::new(self.client.clone(), self.org.clone()));
        Action::Run(iced::widget::operation::focus(create::name_id()))
    }

    fn create(&mut self, message: create::Message) -> Action {
        let Some(dialog) = &mut self.create else {
            return Action::None;
        };
        match dialog.update(message, &self.permissions) {
            create::Action::None => Action::None,
            create::Action::Run(task) => Action::Run(task.map(Message::Create)),
            create::Action::Cancel => {
                self.create = None;
                Action::None
            }
            create::Action::Escalation => Action::Run(self.reload()),
            create::Action::Created(group) => {
                self.create = None;
                self.notice = Some(Notice::Done(fl!(
                    "groups-created",
                    name = group.name.clone()
                )));
                let (sheet, task) =
                    Sheet::new(self.client.clone(), self.org.clone(), group.clone());
                self.sheet = Some(sheet);
                self.groups.push(group);
                Action::Run(Task::batch([
                    self.for_sheet(task),
                    self.reload(),
                    self.reload_matrix(),
                ]))
            }
        }
    }

    fn reload_matrix(&self) -> Task<Message> {
        if self.matrix.is_some() {
            Task::done(Message::Matrix(matrix::Message::Reload))
        } else {
            Task::none()
        }
    }

    fn delete(&mut self) -> Action {
        let Some(group) = self.deleting.take() else {
            return Action::None;
        };
        let (client, org, id) = (self.client.clone(), self.org.clone(), group.id);
        Action::Run(Task::perform(
            async move { client.delete_group(&org, id).await },
            move |result| Message::Deleted(group.clone(), result),
        ))
    }

    fn deleted(&mut self, group: Group, result: Result<(), Error>) -> Action {
        match result {
            Ok(()) => {
                self.notice = Some(Notice::Done(fl!(
                    "groups-deleted",
                    name = group.name.clone()
                )));
                self.groups.retain(|g| g.id != group.id);
                if self.sheet_group().is_some_and(|g| g.id == group.id) {
                    self.sheet = None;
                }
                Action::Run(Task::batch([self.reload(), self.reload_matrix()]))
            }
            Err(e) => {
                self.notice = Some(Notice::Failed(fl!(
                    "groups-delete-failed",
                    name = group.name.clone(),
                    reason = super::describe(&e)
                )));
                Action::None
            }
        }
    }

    fn sheet(&mut self, message: sheet::Message) -> Action {
        let Some(sheet) = &mut self.sheet else {
            return Action::None;
        };
        match sheet.update(message, &self.permissions) {
            sheet::Action::None => Action::None,
            sheet::Action::Run(task) => Action::Run(self.for_sheet(task)),
            sheet::Action::Close => self.leave_sheet(Leave::Close),
            sheet::Action::AskDelete(group) => {
                if !group.builtin {
                    self.deleting.ask(group);
                }
                Action::None
            }
            sheet::Action::Changed(task) => Action::Run(Task::batch([
                self.for_sheet(task),
                self.reload(),
                self.reload_matrix(),
            ])),
            sheet::Action::CopyLink(item) => Action::CopyLink(item),
            sheet::Action::Notify(notice) => Action::Notify(notice),
        }
    }

    fn matrix(&mut self, message: matrix::Message) -> Action {
        let Some(matrix) = &mut self.matrix else {
            return Action::None;
        };
        match matrix.update(message, &self.permissions) {
            matrix::Action::None => Action::None,
            matrix::Action::Run(task) => Action::Run(task.map(Message::Matrix)),
            matrix::Action::Changed(task) => {
                let mut tasks = vec![task.map(Message::Matrix), self.reload()];
                if let Some(sheet) = &mut self.sheet
                    && let sheet::Action::Run(refresh) =
                        sheet.update(sheet::Message::Refresh, &self.permissions)
                {
                    tasks.push(self.for_sheet(refresh));
                }
                Action::Run(Task::batch(tasks))
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let tab = |label: String, tab: Tab| {
            button(text(label))
                .style(theme::nav_button(self.tab == tab))
                .on_press(Message::ShowTab(tab))
        };
        let manage = self.permissions.can_manage();
        let mut toolbar = row![
            tab(fl!("groups-tab-list"), Tab::List),
            tab(fl!("groups-tab-matrix"), Tab::Matrix),
            Space::new().width(Length::Fill),
        ]
        .spacing(4)
        .align_y(iced::Alignment::Center);
        if self.state == State::Ready && !manage {
            toolbar = toolbar.push(
                text(fl!("groups-need-manage"))
                    .size(12)
                    .style(theme::muted_text),
            );
        }
        toolbar = toolbar.push(
            button(text(fl!("groups-new")))
                .style(button::primary)
                .on_press_maybe(manage.then_some(Message::NewGroup)),
        );
        let mut page = column![toolbar].spacing(10).padding(16);
        match &self.notice {
            Some(Notice::Done(line)) => page = page.push(text(line.clone()).size(13)),
            Some(Notice::Failed(line)) => {
                page = page.push(text(line.clone()).size(13).style(theme::error_text));
            }
            None => {}
        }
        let body: Element<'_, Message> = match (self.tab, &self.matrix) {
            (Tab::Matrix, Some(matrix)) => matrix.view(&self.permissions).map(Message::Matrix),
            (Tab::Matrix, None) => text(fl!("groups-matrix-loading")).into(),
            (Tab::List, _) => self.list_with_sheet(),
        };
        let base = page.push(body);
        if self.leaving.is_asking() {
            return modal(
                base,
                discard::question(Message::Leave),
                Message::Leave(discard::Answer::Keep),
            );
        }
        if let Some(group) = self.deleting.asking() {
            return modal(base, delete_confirmation(group), Message::CancelDelete);
        }
        if let Some(dialog) = self.sheet.as_ref().and_then(Sheet::dialog) {
            return modal(
                base,
                dialog.map(Message::Sheet),
                Message::Sheet(sheet::Message::Members(members_tab::Message::Dismiss)),
            );
        }
        if let Some(dialog) = &self.create {
            return modal(
                base,
                dialog.view(&self.permissions).map(Message::Create),
                Message::Create(create::Message::Cancel),
            );
        }
        base.into()
    }

    fn list_with_sheet(&self) -> Element<'_, Message> {
        let list = self.list();
        match &self.sheet {
            Some(sheet) => row![list, sheet.view(&self.permissions).map(Message::Sheet)]
                .spacing(12)
                .into(),
            None => list,
        }
    }

    fn list(&self) -> Element<'_, Message> {
        match &self.state {
            State::Loading => return text(fl!("groups-loading")).into(),
            State::Failed(why) => return text(why.clone()).style(theme::error_text).into(),
            State::Ready => {}
        }
        let head = |label: String, portion: u16| {
            container(text(label).size(13))
                .padding([5, 10])
                .width(Length::FillPortion(portion))
        };
        let header = container(
            row![
                head(fl!("groups-col-name"), 4),
                head(fl!("groups-col-product"), 2),
                head(fl!("groups-col-members"), 2),
                head(fl!("groups-col-description"), 5),
                Space::new().width(Length::Fixed(90.0)),
            ]
            .spacing(4),
        )
        .style(theme::table_header);
        let open = self.sheet_group().map(|g| g.id);
        let manage = self.permissions.can_manage();
        let mut rows = column![];
        for (index, group) in self.groups.iter().enumerate() {
            rows = rows.push(self.row(index, group, open == Some(group.id), manage));
        }
        let count = text(fl!("groups-count", count = self.groups.len()))
            .size(12)
            .style(theme::muted_text);
        column![header, scrollable(rows).height(Length::Fill), count]
            .spacing(6)
            .width(Length::Fill)
            .into()
    }

    fn row<'a>(
        &'a self,
        index: usize,
        group: &'a Group,
        open: bool,
        manage: bool,
    ) -> Element<'a, Message> {
        let line = |value: String| text(value).size(13).wrapping(Wrapping::None);
        let cell = |content: Element<'a, Message>, portion: u16| {
            container(content)
                .padding([0, 10])
                .width(Length::FillPortion(portion))
                .clip(true)
        };
        let mut name = row![line(group.name.clone())]
            .spacing(6)
            .align_y(iced::Alignment::Center);
        if group.builtin {
            name = name.push(icon::badge(Icon::BuiltIn, fl!("groups-builtin")));
        }
        let product: Element<'a, Message> = match group.product.as_deref() {
            Some(p) => icon::badge(Icon::Product, self.permissions.product_name(p)),
            None => line("—".to_string()).into(),
        };
        let cells = row![
            cell(name.into(), 4),
            cell(product, 2),
            cell(line(group.member_count.to_string()).into(), 2),
            cell(
                line(group.description.clone())
                    .style(theme::muted_text)
                    .into(),
                5
            ),
        ]
        .spacing(4)
        .align_y(iced::Alignment::Center);
        let delete: Element<'a, Message> = if group.builtin {
            Space::new().width(Length::Fixed(90.0)).into()
        } else {
            button(text(fl!("groups-delete")).size(12))
                .style(button::text)
                .width(Length::Fixed(90.0))
                .on_press_maybe(manage.then_some(Message::AskDelete(group.id)))
                .into()
        };
        let line = row![
            // Tab reaches the row; Enter opens the group as a click does.
            focusable(
                mouse_area(cells.width(Length::Fill)).on_press(Message::OpenGroup(group.id)),
                Kind::Press
            ),
            delete
        ]
        .align_y(iced::Alignment::Center);
        container(line)
            .height(Length::Fixed(theme::ROW_HEIGHT))
            .align_y(iced::Alignment::Center)
            .style(theme::table_row(open, index % 2 == 1))
            .into()
    }
}

/// The confirmation before a custom group goes: who loses what.
fn delete_confirmation(group: &Group) -> Element<'_, Message> {
    confirm(Confirm {
        title: fl!("groups-delete-title", name = group.name.clone()),
        body: fl!(
            "groups-delete-body",
            name = group.name.clone(),
            members = group.member_count
        ),
        action: fl!("groups-delete"),
        destructive: true,
        on_confirm: Message::ConfirmDelete,
        on_cancel: Message::CancelDelete,
    })
}
