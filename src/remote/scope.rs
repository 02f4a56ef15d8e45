//! Tasks that end with their owner: a screen (or the organization view) runs
//! its tasks through a [`Scope`], and when it is dropped — the person left the
//! organization, closed the dialog — its requests still on their way are
//! aborted instead of answering a screen that is gone.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::Task;
use iced::task::Handle;

#[derive(Debug, Default)]
pub struct Scope {
    /// Each task run here: whether it finished, and its handle (which
    /// aborts the task when the scope drops it).
    running: Vec<(Arc<AtomicBool>, Handle)>,
}

impl Scope {
    /// `task`, to be aborted when this scope is dropped.
    pub fn run<T: Send + 'static>(&mut self, task: Task<T>) -> Task<T> {
        if task.units() == 0 {
            return task;
        }
        // Finished tasks need no handle any more.
        self.running
            .retain(|(finished, _)| !finished.load(Ordering::Relaxed));
        let (task, handle) = task.abortable();
        let finished = Arc::new(AtomicBool::new(false));
        self.running
            .push((finished.clone(), handle.abort_on_drop()));
        task.chain(Task::future(async move { finished.store(true, Ordering::Relaxed) }).discard())
    }

    /// How many of its tasks have not finished (nor been aborted).
    pub fn running(&self) -> usize {
        self.running
            .iter()
            .filter(|(finished, _)| !finished.load(Ordering::Relaxed))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use futures::StreamExt;

    use super::*;

    /// The task's messages, as the runtime would deliver them.
    async fn outputs<T: Send + 'static>(task: Task<T>) -> Vec<T> {
        let Some(stream) = iced_runtime::task::into_stream(task) else {
            return Vec::new();
        };
        stream
            .filter_map(|action| async move {
                match action {
                    iced_runtime::Action::Output(output) => Some(output),
                    _ => None,
                }
            })
            .collect()
            .await
    }

    #[tokio::test]
    async fn tasks_end_when_their_scope_is_dropped() {
        let mut scope = Scope::default();
        let never = scope.run(Task::future(std::future::pending::<u32>()));
        assert_eq!(scope.running(), 1);
        let waiting = tokio::spawn(outputs(never));
        tokio::time::sleep(Duration::from_millis(20)).await;
        drop(scope);
        let answered = tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .expect("the task ended when its scope went")
            .unwrap();
        assert!(answered.is_empty(), "an aborted task answers nothing");
    }

    #[tokio::test]
    async fn finished_tasks_answer_and_are_let_go() {
        let mut scope = Scope::default();
        let quick = scope.run(Task::done(7));
        assert_eq!(outputs(quick).await, [7]);
        assert_eq!(scope.running(), 0);
        let _next = scope.run(Task::done(8));
        assert_eq!(
            scope.running.len(),
            1,
            "the finished task's handle was dropped"
        );
        assert_eq!(scope.run(Task::<u32>::none()).units(), 0);
        assert_eq!(scope.running.len(), 1, "nothing to hold for no task");
    }
}
