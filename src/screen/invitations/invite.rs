//! The Invite dialog: many addresses at once (pasted, or from a CSV file),
//! the groups they join, a live count of the seats they would take, and the
//! platform's answer for each address in words.

use crate::widget::focus::{Kind, focusable};
use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::widget::focus::button;
use iced::widget::{
    Space, checkbox, column, container, row, scrollable, text, text_editor, text_input,
};
use iced::{Element, Length, Task};
use orgdesk_api::codes;
use orgdesk_api::{Group, InviteOutcome, InviteRequest, InviteResponse, InviteResult, Invitee};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use super::addresses::{self, CsvProblem, Tally};
use crate::fl;
use crate::theme;

/// Addresses one request may carry (API: at most 1000 per request).
pub const MAX_ADDRESSES: usize = 1000;

pub struct Invite {
    client: Client,
    org: String,
    addresses: text_editor::Content,
    /// Parsed from `addresses` on every edit.
    list: Vec<String>,
    groups: Vec<Group>,
    chosen: BTreeSet<Uuid>,
    /// What the inviter holds (`None`: not known; the platform decides).
    held: Option<BTreeSet<String>>,
    /// What the last CSV file gave: a note, or why it gave nothing.
    csv: Option<Result<String, String>>,
    /// "Access ends on", as typed (YYYY-MM-DD; empty: no end).
    until: String,
    state: State,
}

enum State {
    Editing { problem: Option<String> },
    Sending,
    Sent(Vec<InviteResult>),
}

#[derive(Debug, Clone)]
pub enum Message {
    Edit(text_editor::Action),
    ToggleGroup(Uuid, bool),
    /// "Access ends on" typed.
    UntilChanged(String),
    ChooseCsv,
    /// The file dialog's answer; tests send it directly.
    CsvChosen(Option<PathBuf>),
    CsvRead(PathBuf, Result<Vec<u8>, String>),
    Send,
    Sent(Result<InviteResponse, Error>),
    InviteMore,
    Close,
}

pub enum Action {
    None,
    Run(Task<Message>),
    Close,
    /// Some addresses were invited or added: the list and the seats changed.
    Invited,
}

impl Invite {
    pub fn new(client: Client, org: String, groups: &[Group]) -> Self {
        let mut invite = Self {
            client,
            org,
            addresses: text_editor::Content::new(),
            list: Vec::new(),
            groups: Vec::new(),
            chosen: BTreeSet::new(),
            held: None,
            csv: None,
            until: String::new(),
            state: State::Editing { problem: None },
        };
        invite.set_groups(groups);
        invite
    }

    /// The organization's groups; the User group is chosen until the person chooses.
    pub fn set_groups(&mut self, groups: &[Group]) {
        self.groups = groups.to_vec();
        if self.chosen.is_empty()
            && let Some(user) = groups.iter().find(|g| g.builtin && g.name == "User")
        {
            self.chosen.insert(user.id);
        }
        self.chosen.retain(|id| groups.iter().any(|g| g.id == *id));
        self.drop_not_held();
    }

    /// The permissions the inviter holds here: groups granting more are held
    /// back with the reason (the platform would refuse every address).
    pub fn set_held(&mut self, held: Option<BTreeSet<String>>) {
        self.held = held;
        self.drop_not_held();
    }

    fn drop_not_held(&mut self) {
        let held_back: BTreeSet<Uuid> = self
            .groups
            .iter()
            .filter(|g| !self.not_held(g).is_empty())
            .map(|g| g.id)
            .collect();
        self.chosen.retain(|id| !held_back.contains(id));
    }

    /// What `group` grants that the inviter does not hold (empty when not known).
    fn not_held(&self, group: &Group) -> Vec<String> {
        match &self.held {
            Some(held) => group
                .permissions
                .iter()
                .filter(|p| !held.contains(*p))
                .cloned()
                .collect(),
            None => Vec::new(),
        }
    }

    /// The groups new people will join.
    pub fn chosen(&self) -> &BTreeSet<Uuid> {
        &self.chosen
    }

    pub fn addresses(&self) -> &[String] {
        &self.list
    }

    pub fn tally(&self) -> Tally {
        addresses::tally(&self.list)
    }

    pub fn is_sending(&self) -> bool {
        matches!(self.state, State::Sending)
    }

    pub fn results(&self) -> Option<&[InviteResult]> {
        match &self.state {
            State::Sent(results) => Some(results),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Edit(action) => {
                let edits = action.is_edit();
                self.addresses.perform(action);
                if edits {
                    self.list = addresses::split(&self.addresses.text());
                }
                Action::None
            }
            Message::ToggleGroup(id, on) => {
                let held_back = self
                    .groups
                    .iter()
                    .find(|g| g.id == id)
                    .is_some_and(|g| !self.not_held(g).is_empty());
                if on && !held_back {
                    self.chosen.insert(id);
                } else {
                    self.chosen.remove(&id);
                }
                Action::None
            }
            Message::UntilChanged(typed) => {
                self.until = typed;
                Action::None
            }
            Message::ChooseCsv => Action::Run(choose_csv()),
            Message::CsvChosen(None) => Action::None,
            Message::CsvChosen(Some(path)) => Action::Run(read_csv(path)),
            Message::CsvRead(path, bytes) => {
                self.csv_read(&path, bytes);
                Action::None
            }
            Message::Send => self.send(),
            Message::Sent(result) => self.sent(result),
            Message::InviteMore => {
                // The groups and the end stay: the next people often join alike.
                self.addresses = text_editor::Content::new();
                self.list.clear();
                self.csv = None;
                self.state = State::Editing { problem: None };
                Action::None
            }
            Message::Close => Action::Close,
        }
    }

    fn csv_read(&mut self, path: &std::path::Path, bytes: Result<Vec<u8>, String>) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let found = bytes
            .map_err(|why| {
                fl!(
                    "invitations-csv-unreadable",
                    file = name.clone(),
                    reason = why
                )
            })
            .and_then(|bytes| {
                addresses::from_csv(&bytes).map_err(|problem| match problem {
                    CsvProblem::Empty => fl!("invitations-csv-empty", file = name.clone()),
                    CsvProblem::Unreadable(why) => {
                        fl!(
                            "invitations-csv-unreadable",
                            file = name.clone(),
                            reason = why
                        )
                    }
                })
            });
        self.csv = Some(found.map(|found| {
            let mut text = self.addresses.text().trim_end().to_string();
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&found.join("\n"));
            self.addresses = text_editor::Content::with_text(&text);
            self.list = addresses::split(&text);
            fl!("invitations-csv-read", count = found.len(), file = name)
        }));
    }

    /// When the memberships of the invited end: `Ok(None)` without a date,
    /// `Err` with the reason when the date does not read or has passed.
    pub fn until(&self) -> Result<Option<time::OffsetDateTime>, String> {
        if self.until.trim().is_empty() {
            return Ok(None);
        }
        match crate::screen::expiry::parse_day(&self.until) {
            None => Err(fl!("invitations-until-unreadable")),
            Some(end) if end <= time::OffsetDateTime::now_utc() => {
                Err(fl!("invitations-until-past"))
            }
            Some(end) => Ok(Some(end)),
        }
    }

    /// Why Send is not possible yet, if it is not.
    fn blocker(&self) -> Option<String> {
        if let Err(why) = self.until() {
            return Some(why);
        }
        if self.list.is_empty() {
            Some(fl!("invitations-need-addresses"))
        } else if self.list.len() > MAX_ADDRESSES {
            Some(fl!("invitations-too-many", max = MAX_ADDRESSES))
        } else if !self.groups.is_empty() && self.chosen.is_empty() {
            Some(fl!("invitations-need-group"))
        } else {
            None
        }
    }

    fn send(&mut self) -> Action {
        if !matches!(self.state, State::Editing { .. }) || self.blocker().is_some() {
            return Action::None;
        }
        // Without the groups (they could not be read) the platform's default applies: User.
        let groups = (!self.groups.is_empty()).then(|| self.chosen.iter().copied().collect());
        let expires_at = self.until().ok().flatten();
        let request = InviteRequest {
            invitations: self
                .list
                .iter()
                .map(|email| Invitee {
                    email: email.clone(),
                    groups: groups.clone(),
                    expires_at,
                })
                .collect(),
        };
        self.state = State::Sending;
        let (client, org) = (self.client.clone(), self.org.clone());
        Action::Run(Task::perform(
            async move { client.invite(&org, &request).await },
            Message::Sent,
        ))
    }

    fn sent(&mut self, result: Result<InviteResponse, Error>) -> Action {
        match result {
            Ok(response) => {
                let changed = response
                    .results
                    .iter()
                    .any(|r| r.status != InviteOutcome::Failed);
                self.state = State::Sent(response.results);
                if changed {
                    Action::Invited
                } else {
                    Action::None
                }
            }
            Err(e) => {
                self.state = State::Editing {
                    problem: Some(super::super::describe(&e)),
                };
                Action::None
            }
        }
    }

    /// `seats`: (used, limit) of the organization, when known.
    pub fn view(&self, seats: Option<(u32, u32)>) -> Element<'_, Message> {
        let body = match &self.state {
            State::Sent(results) => results_view(results),
            _ => self.form(seats),
        };
        container(body)
            .padding(20)
            .width(Length::Fixed(620.0))
            .style(theme::card)
            .into()
    }

    fn form(&self, seats: Option<(u32, u32)>) -> Element<'_, Message> {
        let sending = matches!(self.state, State::Sending);
        let editor = text_editor(&self.addresses)
            .placeholder(fl!("invitations-addresses-placeholder"))
            .on_action(Message::Edit)
            .height(Length::Fixed(140.0))
            .padding(8);
        let mut csv_row = row![
            button(text(fl!("invitations-choose-csv")).size(13))
                .style(button::secondary)
                .on_press_maybe((!sending).then_some(Message::ChooseCsv))
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        match &self.csv {
            Some(Ok(note)) => csv_row = csv_row.push(text(note.clone()).size(12)),
            Some(Err(why)) => {
                csv_row = csv_row.push(text(why.clone()).size(12).style(theme::error_text));
            }
            None => {}
        }
        let mut form = column![
            text(fl!("invitations-invite-title")).size(18),
            text(fl!("invitations-addresses-label")).size(13),
            editor,
            csv_row,
            self.count_view(seats),
            text(fl!("invitations-groups-label")).size(13),
            self.groups_view(),
            self.until_view(sending),
        ]
        .spacing(10);
        if let State::Editing {
            problem: Some(problem),
        } = &self.state
        {
            form = form.push(text(problem.clone()).style(theme::error_text));
        }
        let blocker = self.blocker();
        let send_label = if sending {
            fl!("invitations-sending")
        } else {
            fl!("invitations-send", count = self.list.len())
        };
        let mut actions = row![Space::new().width(Length::Fill)]
            .spacing(8)
            .align_y(iced::Alignment::Center);
        if let Some(why) = &blocker
            && !self.list.is_empty()
        {
            actions = actions.push(text(why.clone()).size(12).style(theme::error_text));
        }
        actions = actions
            .push(
                button(text(fl!("dialog-cancel")))
                    .style(button::secondary)
                    .on_press(Message::Close),
            )
            .push(
                button(text(send_label))
                    .style(button::primary)
                    .on_press_maybe((blocker.is_none() && !sending).then_some(Message::Send)),
            );
        form.push(actions).into()
    }

    /// "5 addresses · 1 not valid · 1 repeated" and the seats they would take.
    fn count_view(&self, seats: Option<(u32, u32)>) -> Element<'_, Message> {
        let tally = self.tally();
        let mut parts = vec![fl!("invitations-count-addresses", count = tally.total)];
        if tally.malformed > 0 {
            parts.push(fl!("invitations-count-malformed", count = tally.malformed));
        }
        if tally.repeated > 0 {
            parts.push(fl!("invitations-count-repeated", count = tally.repeated));
        }
        let mut lines = column![text(parts.join(" · ")).size(13)].spacing(2);
        if let Some((used, limit)) = seats {
            let free = limit.saturating_sub(used) as usize;
            lines = lines.push(
                text(fl!(
                    "invitations-seats-would-use",
                    count = tally.distinct,
                    free = free,
                    limit = limit
                ))
                .size(13),
            );
            if tally.distinct > free {
                lines = lines.push(
                    text(fl!(
                        "invitations-seats-short",
                        free = free,
                        refused = tally.distinct.saturating_sub(free)
                    ))
                    .size(13)
                    .style(theme::error_text),
                );
            }
        }
        lines.into()
    }

    /// "Access ends on": optional; the memberships the invitation grants end then.
    fn until_view(&self, sending: bool) -> Element<'_, Message> {
        let mut input = text_input(&fl!("invitations-until-hint"), &self.until)
            .padding(6)
            .width(Length::Fixed(160.0));
        if !sending {
            input = input.on_input(Message::UntilChanged);
        }
        let note = match self.until() {
            Err(why) => text(why).size(12).style(theme::error_text),
            Ok(Some(_)) => text(fl!("invitations-until-effect")).size(12),
            Ok(None) => text(fl!("invitations-until-none"))
                .size(12)
                .style(theme::muted_text),
        };
        column![
            text(fl!("invitations-until-label")).size(13),
            row![input, note]
                .spacing(8)
                .align_y(iced::Alignment::Center),
        ]
        .spacing(4)
        .into()
    }

    fn groups_view(&self) -> Element<'_, Message> {
        if self.groups.is_empty() {
            return text(fl!("invitations-groups-default"))
                .size(12)
                .style(theme::muted_text)
                .into();
        }
        let boxes = self
            .groups
            .iter()
            .fold(column![].spacing(6), |list, group| {
                let id = group.id;
                let not_held = self.not_held(group);
                if not_held.is_empty() {
                    return list.push(focusable(
                        checkbox(self.chosen.contains(&id))
                            .label(group.name.clone())
                            .on_toggle(move |on| Message::ToggleGroup(id, on)),
                        Kind::Press,
                    ));
                }
                list.push(
                    column![
                        checkbox(false).label(group.name.clone()),
                        text(fl!(
                            "invitations-group-not-held",
                            permissions = not_held.join(", ")
                        ))
                        .size(11)
                        .style(theme::error_text),
                    ]
                    .spacing(2),
                )
            });
        scrollable(boxes)
            .height(Length::Fixed((self.groups.len() as f32 * 26.0).min(130.0)))
            .into()
    }
}

fn results_view(results: &[InviteResult]) -> Element<'_, Message> {
    let count = |outcome: InviteOutcome| results.iter().filter(|r| r.status == outcome).count();
    let summary = fl!(
        "invitations-results-summary",
        invited = count(InviteOutcome::Invited),
        added = count(InviteOutcome::Added),
        failed = count(InviteOutcome::Failed)
    );
    let lines = results.iter().fold(column![].spacing(6), |lines, result| {
        let failed = result.status == InviteOutcome::Failed;
        let words = text(outcome_in_words(result)).size(13);
        lines.push(
            row![
                text(result.email.clone())
                    .size(13)
                    .width(Length::FillPortion(2)),
                if failed {
                    words.style(theme::error_text)
                } else {
                    words
                }
                .width(Length::FillPortion(3)),
            ]
            .spacing(12),
        )
    });
    column![
        text(fl!("invitations-results-title")).size(18),
        text(summary).size(14),
        scrollable(lines).height(Length::Fixed(260.0)),
        row![
            Space::new().width(Length::Fill),
            button(text(fl!("invitations-invite-more")))
                .style(button::secondary)
                .on_press(Message::InviteMore),
            button(text(fl!("invitations-done")))
                .style(button::primary)
                .on_press(Message::Close),
        ]
        .spacing(8),
    ]
    .spacing(12)
    .into()
}

/// What happened to one address, in words.
pub fn outcome_in_words(result: &InviteResult) -> String {
    match result.status {
        InviteOutcome::Invited => fl!("invitations-result-invited"),
        InviteOutcome::Added => fl!("invitations-result-added"),
        InviteOutcome::Failed => match result.code.as_deref().unwrap_or_default() {
            codes::INVALID_EMAIL => fl!("invitations-result-invalid-email"),
            codes::DUPLICATE => fl!("invitations-result-duplicate"),
            codes::ALREADY_MEMBER => fl!("invitations-result-already-member"),
            codes::MEMBER_SUSPENDED => fl!("invitations-result-member-suspended"),
            codes::INVITATION_PENDING => fl!("invitations-result-pending"),
            codes::SEAT_LIMIT_REACHED => fl!("invitations-result-seat-limit"),
            codes::PERMISSION_ESCALATION => fl!("invitations-result-escalation"),
            codes::NOT_FOUND => fl!("invitations-result-unknown-group"),
            code => fl!(
                "invitations-result-other",
                reason = super::super::describe_problem(
                    code,
                    result.message.as_deref().unwrap_or_default(),
                    None
                )
            ),
        },
    }
}

fn choose_csv() -> Task<Message> {
    Task::perform(
        async {
            rfd::AsyncFileDialog::new()
                .set_title(fl!("invitations-choose-csv"))
                .add_filter("CSV", &["csv", "txt"])
                .pick_file()
                .await
                .map(|file| file.path().to_path_buf())
        },
        Message::CsvChosen,
    )
}

fn read_csv(path: PathBuf) -> Task<Message> {
    Task::perform(
        async move {
            let bytes = crate::screen::read_chosen_file(&path, crate::screen::CSV_MAX_BYTES).await;
            (path, bytes)
        },
        |(path, bytes)| Message::CsvRead(path, bytes),
    )
}
