//! Keeping the organization's offline copy current: the members (with
//! progress and Cancel) and the open access reviews (decisions kept offline
//! sent first).

use iced::Task;

use super::OrgView;
use crate::app::message::Message;
use crate::app::offline;
use crate::fl;

impl OrgView {
    /// Brings the offline copy of the members up to date.
    pub fn sync_copy(&mut self) -> Task<Message> {
        let Some((cache, key)) = self.cache.clone() else {
            return Task::none();
        };
        if self.choice.suspended || self.offline {
            return Task::none();
        }
        if let Some(previous) = self.syncing.take() {
            previous.cancel();
        }
        let (client, org) = (self.client.clone(), self.choice.id.clone());
        // The sync's progress and its end, as one stream of messages.
        let (sender, progress) = iced::futures::channel::mpsc::unbounded();
        let work = {
            let org = org.clone();
            async move {
                let report = {
                    let org = org.clone();
                    move |p| {
                        let _ = sender.unbounded_send(Message::CacheSyncProgress(org.clone(), p));
                    }
                };
                let result = offline::sync_members_reporting(
                    client,
                    org.clone(),
                    cache,
                    key,
                    offline::PAGE,
                    report,
                )
                .await
                .map_err(|e| e.to_string());
                Message::CacheSynced(org, result)
            }
        };
        let stream = iced::futures::stream::select(progress, iced::futures::stream::once(work));
        let (running, task) =
            crate::widget::progress::Running::start(Task::run(stream, |m| m), None);
        self.syncing = Some(running);
        self.tasks.run(task)
    }

    /// Sends the review decisions kept offline, then brings the copy of the
    /// open access reviews up to date: when the organization opens (the
    /// platform is back) and on Ctrl+R of the Overview or Governance — not
    /// after every change, as every item of every open campaign is read.
    pub fn sync_reviews_copy(&mut self) -> Task<Message> {
        let Some((cache, key)) = self.cache.clone() else {
            return Task::none();
        };
        if self.choice.suspended || self.offline {
            return Task::none();
        }
        let (client, org) = (self.client.clone(), self.choice.id.clone());
        let task = Task::perform(
            {
                let org = org.clone();
                async move {
                    offline::sync_reviews(client, org, cache, key)
                        .await
                        .map_err(|e| e.to_string())
                }
            },
            move |result| Message::ReviewsSynced(org.clone(), result),
        );
        self.tasks.run(task)
    }

    /// Cancel on the sync: it stops; the previous copy stays as it was.
    pub fn cancel_sync(&mut self) -> Task<Message> {
        if let Some(running) = self.syncing.take() {
            running.cancel();
            let notice = crate::widget::progress::Notice::done(fl!("offline-sync-cancelled"));
            return Task::done(Message::Notify(notice));
        }
        Task::none()
    }
}
