//! Data the screens ask the platform for, held the same way everywhere: the
//! latest request of a kind ([`Latest`], answers to older ones are dropped),
//! lists paged by cursor ([`Paged`]), and tasks that end with their owner
//! ([`Scope`]).

mod paged;
mod scope;

pub use paged::{Listed, Paged, Request, Shown};
pub use scope::Scope;

use std::sync::atomic::{AtomicU64, Ordering};

/// Tags are unique in the process, so an answer can never be taken for one
/// of another screen (or of the same screen built again after a switch).
static NEXT_TAG: AtomicU64 = AtomicU64::new(1);

/// Which request an answer belongs to: the message carrying the answer
/// carries the tag its request was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag(u64);

impl Tag {
    fn fresh() -> Self {
        Self(NEXT_TAG.fetch_add(1, Ordering::Relaxed))
    }
}

/// The latest request of one kind (a search, a load, a check): only its
/// answer counts; answers to requests made before it are stale.
#[derive(Debug, Clone, Default)]
pub struct Latest(Option<Tag>);

impl Latest {
    /// A new request: from now on only answers tagged with the returned tag count.
    pub fn ask(&mut self) -> Tag {
        let tag = Tag::fresh();
        self.0 = Some(tag);
        tag
    }

    /// Whether `tag` is the latest request's (and it was not forgotten).
    pub fn is(&self, tag: Tag) -> bool {
        self.0 == Some(tag)
    }

    /// The latest request's tag, while one counts.
    pub fn current(&self) -> Option<Tag> {
        self.0
    }

    /// No answer counts any more (the request was abandoned).
    pub fn forget(&mut self) {
        self.0 = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_latest_request_counts() {
        let mut latest = Latest::default();
        assert_eq!(latest.current(), None);
        let first = latest.ask();
        assert!(latest.is(first));
        let second = latest.ask();
        assert!(!latest.is(first), "an older request is stale");
        assert!(latest.is(second));
        latest.forget();
        assert!(!latest.is(second), "a forgotten request counts no more");
    }

    #[test]
    fn tags_are_never_shared_between_holders() {
        let (mut one, mut other) = (Latest::default(), Latest::default());
        let a = one.ask();
        let b = other.ask();
        assert_ne!(a, b);
        assert!(!other.is(a), "another holder's answer is not taken");
    }
}
