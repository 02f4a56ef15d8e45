//! Cancel while a change set is being applied. The change is one atomic
//! request: stopping the wait cannot tell whether the platform applied it,
//! so the same change set is sent again as a dry run and its answer says
//! which: nothing left to do (it was applied), all of it still to do (it was
//! not), or anything else (it cannot be known: the lists are read again and
//! the notice says so). It never says nothing changed when unsure.

use orgdesk_api::{BulkResult, MembershipDiff};
use orgdesk_client::Error;

use super::{Action, Bulk, Message, Step};
use crate::fl;
use crate::widget::progress::Notice;

/// Whether `diff` would change nothing.
fn nothing_to_do(diff: &MembershipDiff) -> bool {
    diff.added.is_empty() && diff.removed.is_empty() && diff.expiry_changed.is_empty()
}

/// The memberships `diff` changes, as comparable lists.
fn changes_of(diff: &MembershipDiff) -> [Vec<(uuid::Uuid, uuid::Uuid)>; 3] {
    let key = |list: &[orgdesk_api::GroupMembership]| {
        let mut keys: Vec<_> = list.iter().map(|m| (m.group, m.account)).collect();
        keys.sort();
        keys
    };
    [
        key(&diff.added),
        key(&diff.removed),
        key(&diff.expiry_changed),
    ]
}

impl Bulk {
    pub(super) fn cancel_apply(&mut self) -> Action {
        let Step::Applying {
            preview, handle, ..
        } = &mut self.step
        else {
            return Action::None;
        };
        let Some(running) = handle.take() else {
            return Action::None;
        };
        running.cancel();
        let changes = preview.changes.clone();
        let tag = self.waiting.ask();
        let check = self
            .send(changes, true)
            .map(move |result| Message::Rechecked { tag, result });
        Action::Run(iced::Task::batch([check, self.next_tick()]))
    }

    pub(super) fn rechecked(&mut self, result: Result<Box<BulkResult>, Error>) -> Action {
        let Step::Applying {
            preview,
            handle: None,
            ..
        } = std::mem::replace(&mut self.step, Step::Loading)
        else {
            return Action::None;
        };
        let count = super::plan::size(&preview.changes);
        match result {
            Ok(now) if nothing_to_do(&now.diff) && !nothing_to_do(&preview.result.diff) => {
                // Applied before Cancel reached it: done, and undoable.
                let mut result = preview.result.clone();
                result.dry_run = false;
                if !preview.undo {
                    self.applied = Some(result.clone());
                }
                self.step = Step::Done {
                    result: Box::new(result),
                    undo: preview.undo,
                };
                Action::Notify {
                    notice: Notice::done(fl!("bulk-cancel-too-late", count = count)),
                    changed: true,
                }
            }
            Ok(now) if changes_of(&now.diff) == changes_of(&preview.result.diff) => {
                self.step = Step::Preview(preview);
                Action::Notify {
                    notice: Notice::done(fl!("bulk-cancel-not-applied", count = count)),
                    changed: false,
                }
            }
            _ => {
                self.step = self.origin(preview.undo);
                Action::Notify {
                    notice: Notice::failed(fl!("bulk-cancel-unknown", count = count)),
                    changed: true,
                }
            }
        }
    }

    /// Cancel while a file is read: the reading stops, no row of it is kept.
    pub(super) fn cancel_read(&mut self) -> Action {
        let Step::Reading { file, .. } = &self.step else {
            return Action::None;
        };
        let file = file.clone();
        if let Step::Reading { running, .. } = std::mem::replace(&mut self.step, Step::Reviewing) {
            running.cancel();
        }
        self.waiting.forget();
        if let super::Source::Csv { rows, file: f, .. } = &mut self.source {
            rows.clear();
            *f = None;
        }
        Action::Notify {
            notice: Notice::done(fl!("bulk-csv-read-cancelled", file = file)),
            changed: false,
        }
    }

    /// Whether Cancel is offered (the change set's answer is awaited).
    pub fn can_cancel(&self) -> bool {
        matches!(
            self.step,
            Step::Applying {
                handle: Some(_),
                ..
            }
        )
    }
}
