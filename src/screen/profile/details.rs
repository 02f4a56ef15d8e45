//! Personal details and contact information. What can be checked here is
//! checked as you type (name, email shape); the rest (phone numbers) is the
//! platform's rule, and its field errors show next to their fields. A new
//! email address waits for the link mailed to it; until then the old one
//! stays, and the change can be sent again or withdrawn.

use std::collections::BTreeMap;

use crate::widget::focus::button;
use iced::widget::{column, container, row, text, text_input};
use iced::{Element, Length, Task};
use orgdesk_api::{self as api, codes, validate};
use orgdesk_client::{Client, Error};

use super::Effect;
use crate::fl;
use crate::screen::describe;
use crate::theme;
use crate::widget::status::Status;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Name,
    JobTitle,
    Department,
    Email,
    Phone,
    Address,
}

impl Field {
    /// The field's name on the wire (and in the platform's field errors).
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::JobTitle => "job_title",
            Field::Department => "department",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Address => "address",
        }
    }

    fn of_key(key: &str) -> Option<Self> {
        [
            Field::Name,
            Field::JobTitle,
            Field::Department,
            Field::Email,
            Field::Phone,
            Field::Address,
        ]
        .into_iter()
        .find(|f| f.key() == key)
    }

    fn label(self) -> String {
        match self {
            Field::Name => fl!("profile-field-name"),
            Field::JobTitle => fl!("profile-field-job-title"),
            Field::Department => fl!("profile-field-department"),
            Field::Email => fl!("profile-field-email"),
            Field::Phone => fl!("profile-field-phone"),
            Field::Address => fl!("profile-field-address"),
        }
    }
}

/// The form's text, field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Form(BTreeMap<Field, String>);

impl Form {
    fn of(profile: &api::Profile) -> Self {
        let optional = |v: &Option<String>| v.clone().unwrap_or_default();
        Self(BTreeMap::from([
            (Field::Name, profile.name.clone()),
            (Field::JobTitle, optional(&profile.job_title)),
            (Field::Department, optional(&profile.department)),
            (Field::Email, profile.email.clone()),
            (Field::Phone, optional(&profile.phone)),
            (Field::Address, optional(&profile.address)),
        ]))
    }

    fn get(&self, field: Field) -> &str {
        self.0.get(&field).map_or("", String::as_str)
    }

    /// Whether `field` differs from `other`'s, leading and trailing spaces aside.
    fn differs(&self, other: &Form, field: Field) -> bool {
        self.get(field).trim() != other.get(field).trim()
    }
}

#[derive(Default)]
pub struct Details {
    /// The profile the form was filled from; edits are what differs from it.
    base: Option<api::Profile>,
    form: Form,
    /// The platform's verdicts from the last save, until that field is edited.
    refused: BTreeMap<Field, String>,
    status: Status,
}

/// What a save was for, so its answer can say what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Save { new_email: Option<String> },
    Resend(String),
    Withdraw,
}

#[derive(Debug, Clone)]
pub enum Message {
    Edited(Field, String),
    Save,
    Revert,
    /// Mails the pending address a new confirmation link.
    ResendConfirmation,
    /// Keeps the current address: the pending change dies.
    KeepCurrentEmail,
    Saved(Request, Result<Box<api::Profile>, Error>),
}

impl Details {
    pub(super) fn update(&mut self, client: &Client, message: Message) -> Effect<Message> {
        match message {
            Message::Edited(field, value) => {
                self.refused.remove(&field);
                self.form.0.insert(field, value);
                Effect::None
            }
            Message::Save => self.save(client),
            Message::Revert => {
                self.form = self.base_form();
                self.refused.clear();
                self.status = Status::Idle;
                Effect::None
            }
            Message::ResendConfirmation => self.resend(client),
            Message::KeepCurrentEmail => self.withdraw(client),
            Message::Saved(request, result) => self.saved(&request, result),
        }
    }

    /// Takes a new profile: untouched fields follow it, edited ones stay.
    pub(super) fn rebase(&mut self, profile: &api::Profile) {
        let old = self.base_form();
        let new = Form::of(profile);
        for (field, value) in new.0 {
            if !self.form.differs(&old, field) {
                self.form.0.insert(field, value);
            }
        }
        self.base = Some(profile.clone());
    }

    /// Reading the profile failed: said where the details are.
    pub(super) fn failed(&mut self, why: String) {
        self.status = Status::Failed(why);
    }

    fn base_form(&self) -> Form {
        self.base.as_ref().map(Form::of).unwrap_or_default()
    }

    /// Whether the form holds edits not yet saved.
    pub(super) fn is_edited(&self) -> bool {
        !self.edited().is_empty()
    }

    fn edited(&self) -> Vec<Field> {
        let base = self.base_form();
        self.form
            .0
            .keys()
            .copied()
            .filter(|&f| self.form.differs(&base, f))
            .collect()
    }

    /// What can be told without the platform, for the fields being edited.
    fn inline_errors(&self) -> BTreeMap<Field, String> {
        let mut errors = BTreeMap::new();
        for field in self.edited() {
            let value = self.form.get(field);
            let wrong = match field {
                Field::Name => !validate::display_name_ok(value),
                Field::Email => validate::normalize_email(value).is_none(),
                _ => false,
            };
            if wrong {
                errors.insert(field, inline_error(field));
            }
        }
        errors
    }

    fn patch(&self) -> Option<api::ProfilePatch> {
        let base = self.base.as_ref()?;
        let mut patch = api::ProfilePatch {
            version: Some(base.version),
            ..api::ProfilePatch::default()
        };
        for field in self.edited() {
            let value = self.form.get(field).trim().to_string();
            let optional = (!value.is_empty()).then(|| value.clone());
            match field {
                Field::Name => patch.name = Some(value),
                Field::Email => patch.email = Some(value),
                Field::Phone => patch.phone = Some(optional),
                Field::JobTitle => patch.job_title = Some(optional),
                Field::Department => patch.department = Some(optional),
                Field::Address => patch.address = Some(optional),
            }
        }
        Some(patch)
    }

    fn save(&mut self, client: &Client) -> Effect<Message> {
        if self.edited().is_empty() || !self.inline_errors().is_empty() || self.status.working() {
            return Effect::None;
        }
        let Some(patch) = self.patch() else {
            return Effect::None;
        };
        let new_email = patch.email.as_deref().and_then(validate::normalize_email);
        self.send(client, patch, Request::Save { new_email })
    }

    fn resend(&mut self, client: &Client) -> Effect<Message> {
        let Some(pending) = self.base.as_ref().and_then(|b| b.pending_email.clone()) else {
            return Effect::None;
        };
        let patch = api::ProfilePatch {
            email: Some(pending.clone()),
            ..api::ProfilePatch::default()
        };
        self.send(client, patch, Request::Resend(pending))
    }

    fn withdraw(&mut self, client: &Client) -> Effect<Message> {
        let Some(base) = &self.base else {
            return Effect::None;
        };
        let patch = api::ProfilePatch {
            email: Some(base.email.clone()),
            ..api::ProfilePatch::default()
        };
        self.send(client, patch, Request::Withdraw)
    }

    fn send(
        &mut self,
        client: &Client,
        patch: api::ProfilePatch,
        request: Request,
    ) -> Effect<Message> {
        self.status = Status::Working(fl!("profile-saving"));
        let client = client.clone();
        Effect::Run(Task::perform(
            async move { client.update_me(&patch, None).await.map(Box::new) },
            move |result| Message::Saved(request.clone(), result),
        ))
    }

    fn saved(
        &mut self,
        request: &Request,
        result: Result<Box<api::Profile>, Error>,
    ) -> Effect<Message> {
        match result {
            Ok(profile) => {
                self.status = Status::Done(match request {
                    Request::Save { new_email: None } => fl!("profile-saved"),
                    Request::Save {
                        new_email: Some(email),
                    } => fl!("profile-saved-email-pending", email = email.clone()),
                    Request::Resend(email) => fl!("profile-email-resent", email = email.clone()),
                    Request::Withdraw => {
                        fl!("profile-email-withdrawn", email = profile.email.clone())
                    }
                });
                // A saved field is no edit any more: all of them follow the answer.
                if matches!(request, Request::Save { .. }) {
                    self.form = self.base_form();
                }
                Effect::Profile(profile)
            }
            Err(e) if e.code() == Some(codes::STALE_VERSION) => {
                self.status = Status::Failed(describe(&e));
                Effect::ReloadProfile
            }
            Err(e) => {
                self.refuse(&e);
                Effect::None
            }
        }
    }

    /// Puts the platform's field errors next to their fields.
    fn refuse(&mut self, e: &Error) {
        let errors = e.problem().map(|p| p.errors.as_slice()).unwrap_or_default();
        for error in errors {
            if let Some(field) = Field::of_key(&error.field) {
                self.refused
                    .insert(field, field_error(field, &error.code, &error.message));
            }
        }
        if e.code() == Some(codes::EMAIL_TAKEN) {
            self.refused.insert(Field::Email, describe(e));
        }
        self.status = Status::Failed(if self.refused.is_empty() {
            describe(e)
        } else {
            fl!("profile-fix-fields")
        });
    }

    pub(super) fn view<'a>(&'a self, profile: &'a api::Profile) -> Element<'a, Message> {
        let mut errors = self.inline_errors();
        for (field, why) in &self.refused {
            errors.entry(*field).or_insert_with(|| why.clone());
        }
        let input =
            |field: Field, hint: Option<String>| self.field(field, errors.get(&field), hint);
        let personal = super::card(
            fl!("profile-personal-title"),
            column![
                input(Field::Name, None),
                input(Field::JobTitle, None),
                input(Field::Department, None),
            ]
            .spacing(10),
        );
        let email_hint = self
            .edited()
            .contains(&Field::Email)
            .then(|| fl!("profile-email-hint", current = profile.email.clone()));
        let mut contact = column![input(Field::Email, email_hint)].spacing(10);
        if let Some(pending) = &profile.pending_email {
            contact = contact.push(self.pending(profile, pending));
        } else if !profile.email_verified {
            contact = contact.push(
                text(fl!("profile-email-unverified"))
                    .size(13)
                    .style(theme::muted_text),
            );
        }
        contact = contact
            .push(input(Field::Phone, Some(fl!("profile-phone-hint"))))
            .push(input(Field::Address, None));
        let contact = super::card(fl!("profile-contact-title"), contact);
        let working = self.status.working();
        let dirty = !self.edited().is_empty();
        let can_save = dirty && errors.is_empty() && !working;
        let mut actions = row![
            button(text(fl!("profile-save")))
                .style(button::primary)
                .on_press_maybe(can_save.then_some(Message::Save)),
            button(text(fl!("profile-revert")))
                .style(button::secondary)
                .on_press_maybe((dirty && !working).then_some(Message::Revert)),
        ]
        .spacing(8)
        .align_y(iced::Alignment::Center);
        if let Some(line) = self.status.line() {
            actions = actions.push(line);
        }
        column![personal, contact, actions].spacing(16).into()
    }

    fn field<'a>(
        &'a self,
        field: Field,
        error: Option<&String>,
        hint: Option<String>,
    ) -> Element<'a, Message> {
        let mut block = column![
            text(field.label()).size(13),
            text_input("", self.form.get(field))
                .on_input(move |value| Message::Edited(field, value))
                .on_submit(Message::Save)
                .padding(8),
        ]
        .spacing(4);
        match (error, hint) {
            (Some(why), _) => {
                block = block.push(text(why.clone()).size(12).style(theme::error_text))
            }
            (None, Some(hint)) => block = block.push(text(hint).size(12).style(theme::muted_text)),
            (None, None) => {}
        }
        block.width(Length::Fill).into()
    }

    /// The pending email change: what happens next, send again, or withdraw.
    fn pending<'a>(&'a self, profile: &'a api::Profile, pending: &str) -> Element<'a, Message> {
        let working = self.status.working();
        container(
            column![
                text(fl!(
                    "profile-email-pending",
                    pending = pending.to_string(),
                    current = profile.email.clone()
                ))
                .size(13),
                row![
                    button(text(fl!("profile-email-resend")))
                        .style(button::secondary)
                        .on_press_maybe((!working).then_some(Message::ResendConfirmation)),
                    button(text(fl!(
                        "profile-email-keep",
                        current = profile.email.clone()
                    )))
                    .style(button::secondary)
                    .on_press_maybe((!working).then_some(Message::KeepCurrentEmail)),
                ]
                .spacing(8),
            ]
            .spacing(8),
        )
        .padding(10)
        .width(Length::Fill)
        .style(theme::banner)
        .into()
    }
}

fn inline_error(field: Field) -> String {
    match field {
        Field::Name => fl!("profile-error-name"),
        Field::Email => fl!("profile-error-email"),
        _ => fl!("profile-error-invalid"),
    }
}

/// A platform field error in words: known codes get their sentence, others
/// the platform's own message.
fn field_error(field: Field, code: &str, message: &str) -> String {
    match code {
        codes::INVALID_PHONE => fl!("profile-error-phone"),
        codes::INVALID_EMAIL => fl!("profile-error-email"),
        "invalid_name" => fl!("profile-error-name"),
        "invalid" if field != Field::Name => fl!("profile-error-invalid"),
        _ => message.to_string(),
    }
}
