//! "Suspend selected" on the dormant report (the members list with the
//! "Inactive 90+ days" filter on): the platform's dry run first says how many
//! would be suspended and the seats that frees, then one request suspends
//! them all in one transaction. Suspension frees the seat and keeps the data.

use crate::widget::focus::button;
use iced::widget::{Space, column, container, row, text};
use iced::{Element, Length, Task};
use orgdesk_api::{BulkSuspend, BulkSuspendResult};
use orgdesk_client::{Client, Error};
use uuid::Uuid;

use crate::fl;
use crate::remote::{Latest, Tag};
use crate::theme;
use crate::widget::modal::{Confirm, confirm};

pub struct Dormant {
    client: Client,
    org: String,
    accounts: Vec<Uuid>,
    step: Step,
    /// The request the dialog waits on; answers it moved on from are dropped.
    waiting: Latest,
}

enum Step {
    /// The dry run is on its way.
    Checking,
    /// What the suspension would do, waiting for "Suspend".
    Preview(BulkSuspendResult),
    Applying(BulkSuspendResult),
    Done(BulkSuspendResult),
    Failed(String),
}

#[derive(Debug, Clone)]
pub enum Message {
    Answered {
        tag: Tag,
        result: Result<BulkSuspendResult, Error>,
    },
    Apply,
    /// Cancel, Close, Esc or the backdrop: gone unless the suspension runs.
    Dismiss,
}

pub enum Action {
    None,
    Run(Task<Message>),
    /// Members were suspended: lists and the seat gauge are out of date.
    Suspended(BulkSuspendResult),
    Close,
}

impl Dormant {
    /// Asks the platform what suspending `accounts` would do.
    pub fn new(client: Client, org: String, accounts: Vec<Uuid>) -> (Self, Task<Message>) {
        let mut dialog = Self {
            client,
            org,
            accounts,
            step: Step::Checking,
            waiting: Latest::default(),
        };
        let task = dialog.send(true);
        (dialog, task)
    }

    fn send(&mut self, dry_run: bool) -> Task<Message> {
        let tag = self.waiting.ask();
        let (client, org) = (self.client.clone(), self.org.clone());
        let req = BulkSuspend {
            accounts: self.accounts.clone(),
            dry_run,
        };
        Task::perform(
            async move { client.suspend_members(&org, &req).await },
            move |result| Message::Answered { tag, result },
        )
    }

    /// The request the dialog waits on (tests answer it).
    pub fn pending(&self) -> Option<Tag> {
        match self.step {
            Step::Checking | Step::Applying(_) => self.waiting.current(),
            _ => None,
        }
    }

    /// The dry run's answer, once it came.
    pub fn preview(&self) -> Option<&BulkSuspendResult> {
        match &self.step {
            Step::Preview(result) | Step::Applying(result) => Some(result),
            _ => None,
        }
    }

    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Answered { tag, result } if self.waiting.is(tag) => {
                self.waiting.forget();
                let applying = matches!(self.step, Step::Applying(_));
                match result {
                    Err(e) => {
                        self.step = Step::Failed(super::describe(&e));
                        Action::None
                    }
                    Ok(result) if applying => {
                        self.step = Step::Done(result.clone());
                        Action::Suspended(result)
                    }
                    Ok(result) => {
                        self.step = Step::Preview(result);
                        Action::None
                    }
                }
            }
            Message::Answered { .. } => Action::None,
            Message::Apply => match std::mem::replace(&mut self.step, Step::Checking) {
                Step::Preview(preview) if !preview.suspended.is_empty() => {
                    let task = self.send(false);
                    self.step = Step::Applying(preview);
                    Action::Run(task)
                }
                other => {
                    self.step = other;
                    Action::None
                }
            },
            Message::Dismiss => match self.step {
                // The suspension lands whatever the dialog does: stay for its answer.
                Step::Applying(_) => Action::None,
                _ => {
                    self.waiting.forget();
                    Action::Close
                }
            },
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let title = fl!("dormant-title");
        match &self.step {
            Step::Preview(result) if !result.suspended.is_empty() => confirm(Confirm {
                title,
                body: preview_words(result),
                action: fl!("dormant-apply"),
                destructive: true,
                on_confirm: Message::Apply,
                on_cancel: Message::Dismiss,
            }),
            Step::Preview(result) => card(title, preview_words(result), true),
            Step::Checking => card(title, fl!("dormant-checking"), false),
            Step::Applying(_) => card(title, fl!("dormant-applying"), false),
            Step::Done(result) => card(
                title,
                fl!(
                    "dormant-done",
                    count = result.suspended.len(),
                    seats = result.seats_freed
                ),
                true,
            ),
            Step::Failed(why) => card(title, why.clone(), true),
        }
    }
}

/// "3 members would be suspended, freeing 3 seats …" and who is suspended already.
fn preview_words(result: &BulkSuspendResult) -> String {
    let mut words = fl!(
        "dormant-preview",
        count = result.suspended.len(),
        seats = result.seats_freed,
        used = result.seats_used
    );
    if result.unchanged > 0 {
        words = format!(
            "{words} {}",
            fl!("dormant-unchanged", count = result.unchanged)
        );
    }
    words
}

fn card<'a>(title: String, body: String, closable: bool) -> Element<'a, Message> {
    let mut buttons = row![Space::new().width(Length::Fill)].spacing(8);
    if closable {
        buttons = buttons.push(
            button(text(fl!("dialog-close")))
                .style(button::secondary)
                .on_press(Message::Dismiss),
        );
    }
    container(column![text(title).size(18), text(body).size(14), buttons].spacing(12))
        .padding(20)
        .width(Length::Fixed(440.0))
        .style(theme::card)
        .into()
}
