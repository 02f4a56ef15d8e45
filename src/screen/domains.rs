//! The organization's verified domains, in the Organization section: claim a
//! domain, publish the TXT record it names (with Copy), Verify, and give a
//! domain up behind a confirmation. Accounts whose verified email is at a
//! verified domain are *managed* by the organization: only it may force
//! their password reset and read their contact details.
//!
//! The panel needs `org.domains.manage`; without it the platform answers 403
//! and the panel says so instead of a list.

use crate::widget::focus::button;
use iced::widget::{Space, column, container, row, text, text_input};
use iced::{Alignment, Element, Length, Task};
use orgdesk_api::{Domain, DomainStatus, codes};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use crate::fl;
use crate::remote::{Latest, Tag};
use crate::theme;
use crate::widget::modal::{Confirm, Confirmation, confirm};

pub struct Domains {
    client: Client,
    org: String,
    state: State,
    load: Latest,
    /// The domain being typed for a claim.
    draft: String,
    /// A claim, verification or removal on its way: the buttons wait.
    busy: bool,
    /// Giving up the domain of this id, asked first.
    remove: Confirmation<Uuid>,
    /// The last change's outcome, in words.
    outcome: Option<Result<String, String>>,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    Ready(Vec<Domain>),
    /// The caller lacks `org.domains.manage`.
    NotAllowed,
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Tag, Result<Vec<Domain>, Error>),
    /// Ctrl+R.
    Refresh,
    DraftChanged(String),
    Claim,
    Claimed(Result<Domain, Error>),
    Verify(Uuid),
    Verified(Uuid, Result<Domain, Error>),
    Remove(Uuid),
    Confirm,
    Cancel,
    Removed(Uuid, Result<(), Error>),
    /// Copies a TXT record's name or value.
    Copy(String),
}

pub enum Action {
    None,
    Run(Task<Message>),
}

impl Domains {
    /// `org` is the organization's id or subdomain.
    pub fn new(client: Client, org: String) -> (Self, Task<Message>) {
        let mut screen = Self {
            client,
            org,
            state: State::Loading,
            load: Latest::default(),
            draft: String::new(),
            busy: false,
            remove: Confirmation::default(),
            outcome: None,
        };
        let task = screen.reload();
        (screen, task)
    }

    fn reload(&mut self) -> Task<Message> {
        let (client, org, tag) = (self.client.clone(), self.org.clone(), self.load.ask());
        Task::perform(async move { client.domains(&org).await }, move |result| {
            Message::Loaded(tag, result)
        })
    }

    /// The domains as last answered (for tests and the overview).
    pub fn domains(&self) -> &[Domain] {
        match &self.state {
            State::Ready(domains) => domains,
            _ => &[],
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(tag, result) => {
                if !self.load.is(tag) {
                    return Action::None;
                }
                self.load.forget();
                self.state = match result {
                    Ok(mut domains) => {
                        domains.sort_by(|a, b| a.domain.cmp(&b.domain));
                        State::Ready(domains)
                    }
                    Err(e) if e.code() == Some(codes::FORBIDDEN) => State::NotAllowed,
                    Err(e) => State::Failed(super::describe(&e)),
                };
                Action::None
            }
            Message::Refresh => Action::Run(self.reload()),
            Message::DraftChanged(draft) => {
                self.draft = draft;
                Action::None
            }
            Message::Claim => {
                let domain = self.draft.trim().to_string();
                if domain.is_empty() || self.busy {
                    return Action::None;
                }
                self.busy = true;
                self.outcome = None;
                let (client, org) = (self.client.clone(), self.org.clone());
                Action::Run(Task::perform(
                    async move { client.claim_domain(&org, &domain).await },
                    Message::Claimed,
                ))
            }
            Message::Claimed(result) => {
                self.busy = false;
                match result {
                    Ok(domain) => {
                        self.outcome =
                            Some(Ok(fl!("domains-claimed", domain = domain.domain.clone())));
                        self.draft.clear();
                        self.upsert(domain);
                    }
                    Err(e) => self.outcome = Some(Err(super::describe(&e))),
                }
                Action::None
            }
            Message::Verify(id) => {
                if self.busy {
                    return Action::None;
                }
                self.busy = true;
                self.outcome = None;
                let (client, org) = (self.client.clone(), self.org.clone());
                Action::Run(Task::perform(
                    async move { client.verify_domain(&org, id).await },
                    move |result| Message::Verified(id, result),
                ))
            }
            Message::Verified(id, result) => {
                self.busy = false;
                let name = self.name_of(id);
                match result {
                    Ok(domain) => {
                        self.outcome = Some(Ok(fl!("domains-verified-done", domain = name)));
                        self.upsert(domain);
                    }
                    Err(e) if e.code() == Some(codes::DOMAIN_NOT_VERIFIED) => {
                        let found = e
                            .problem()
                            .and_then(|p| p.detail.clone())
                            .unwrap_or_default();
                        self.outcome = Some(Err(fl!(
                            "domains-not-verified",
                            domain = name,
                            detail = found
                        )));
                    }
                    Err(e) => self.outcome = Some(Err(super::describe(&e))),
                }
                Action::None
            }
            Message::Remove(id) => {
                self.outcome = None;
                self.remove.ask(id);
                Action::None
            }
            Message::Cancel => {
                self.remove.cancel();
                Action::None
            }
            Message::Confirm => match self.remove.confirm().copied() {
                Some(id) => {
                    self.busy = true;
                    let (client, org) = (self.client.clone(), self.org.clone());
                    Action::Run(Task::perform(
                        async move { client.delete_domain(&org, id).await },
                        move |result| Message::Removed(id, result),
                    ))
                }
                None => Action::None,
            },
            Message::Removed(id, result) => {
                self.remove.answered();
                self.busy = false;
                let name = self.name_of(id);
                match result {
                    Ok(()) => {
                        if let State::Ready(domains) = &mut self.state {
                            domains.retain(|d| d.id != id);
                        }
                        self.outcome = Some(Ok(fl!("domains-removed", domain = name)));
                    }
                    Err(e) => self.outcome = Some(Err(super::describe(&e))),
                }
                Action::None
            }
            Message::Copy(value) => Action::Run(iced::clipboard::write(value)),
        }
    }

    /// Esc: closes the question; false when none was open.
    pub fn escape(&mut self) -> bool {
        self.remove.cancel()
    }

    fn upsert(&mut self, domain: Domain) {
        if let State::Ready(domains) = &mut self.state {
            match domains.iter_mut().find(|d| d.id == domain.id) {
                Some(known) => *known = domain,
                None => {
                    domains.push(domain);
                    domains.sort_by(|a, b| a.domain.cmp(&b.domain));
                }
            }
        }
    }

    fn name_of(&self, id: Uuid) -> String {
        self.domains()
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_string(), |d| d.domain.clone())
    }

    pub fn view(&self) -> Element<'_, Message> {
        let title = column![
            text(fl!("domains-title")).size(18),
            text(fl!("domains-intro")).size(13).style(theme::muted_text),
        ]
        .spacing(4);
        let body: Element<'_, Message> = match &self.state {
            State::Loading => text(fl!("domains-loading")).style(theme::muted_text).into(),
            State::NotAllowed => text(fl!("domains-not-allowed"))
                .size(13)
                .style(theme::muted_text)
                .into(),
            State::Failed(why) => text(why.clone()).style(theme::error_text).into(),
            State::Ready(domains) => self.list(domains),
        };
        let mut panel = column![title, body].spacing(12);
        match &self.outcome {
            Some(Ok(done)) => panel = panel.push(text(done.clone()).style(theme::success_text)),
            Some(Err(why)) => panel = panel.push(text(why.clone()).style(theme::error_text)),
            None => {}
        }
        container(panel)
            .padding(16)
            .width(Length::Fill)
            .style(theme::card)
            .into()
    }

    fn list<'a>(&'a self, domains: &'a [Domain]) -> Element<'a, Message> {
        let can_act = !self.busy && !self.remove.is_open();
        let claim = row![
            text_input(&fl!("domains-placeholder"), &self.draft)
                .on_input(Message::DraftChanged)
                .on_submit(Message::Claim)
                .padding(8)
                .width(Length::Fill),
            button(text(fl!("domains-claim"))).on_press_maybe(
                (can_act && !self.draft.trim().is_empty()).then_some(Message::Claim)
            ),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let mut list = column![claim].spacing(10);
        if domains.is_empty() {
            list = list.push(text(fl!("domains-none")).size(13).style(theme::muted_text));
        }
        for domain in domains {
            list = list.push(entry(domain, can_act));
        }
        list.into()
    }

    /// The question before giving a domain up, while one is open.
    pub fn dialog(&self) -> Option<Element<'_, Message>> {
        let id = *self.remove.asking().or(self.remove.sending())?;
        let name = self.name_of(id);
        Some(confirm(Confirm {
            title: fl!("domains-remove-title", domain = name.clone()),
            body: fl!("domains-remove-body", domain = name),
            action: fl!("domains-remove"),
            destructive: true,
            on_confirm: Message::Confirm,
            on_cancel: Message::Cancel,
        }))
    }
}

/// One domain: its status, and while pending the record to publish.
fn entry(domain: &Domain, can_act: bool) -> Element<'_, Message> {
    let status = match domain.status {
        DomainStatus::Verified => text(fl!(
            "domains-status-verified",
            when = super::short_time(domain.verified_at.unwrap_or(domain.created_at))
        ))
        .size(13)
        .style(theme::success_text),
        DomainStatus::Pending => text(fl!("domains-status-pending"))
            .size(13)
            .style(theme::muted_text),
    };
    let mut heading = row![
        text(domain.domain.clone()).size(16),
        status,
        Space::new().width(Length::Fill),
    ]
    .spacing(10)
    .align_y(Alignment::Center);
    if domain.status == DomainStatus::Pending {
        heading = heading.push(
            button(text(fl!("domains-verify")).size(13))
                .on_press_maybe(can_act.then_some(Message::Verify(domain.id))),
        );
    }
    heading = heading.push(
        button(text(fl!("domains-remove")).size(13))
            .style(button::secondary)
            .on_press_maybe(can_act.then_some(Message::Remove(domain.id))),
    );
    let mut card = column![heading].spacing(8);
    if domain.status == DomainStatus::Pending {
        let record = |label: String, value: &str| {
            row![
                text(label)
                    .size(13)
                    .width(Length::Fixed(90.0))
                    .style(theme::muted_text),
                text(value.to_string()).size(13).width(Length::Fill),
                button(text(fl!("domains-copy")).size(12))
                    .style(button::secondary)
                    .on_press(Message::Copy(value.to_string())),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
        };
        card = card
            .push(text(fl!("domains-publish")).size(13))
            .push(record(fl!("domains-record-name"), &domain.txt_name))
            .push(record(fl!("domains-record-type"), "TXT"))
            .push(record(fl!("domains-record-value"), &domain.txt_value));
    }
    container(card)
        .padding(12)
        .width(Length::Fill)
        .style(theme::inset)
        .into()
}
