//! A list the platform hands out page by page: its rows, cursor, total and
//! loading state, the next page fetched as the view nears the end (and again
//! while it is still near the end when a page arrives), and answers to a query
//! the screen has left dropped.
//!
//! A screen keeps a [`Paged`] and one fetch function: whatever [`Paged`]
//! answers with a [`Request`], the screen fetches with its own query and
//! `request.cursor()`, and hands the [`Listed`] answer back:
//!
//! ```ignore
//! Message::Scrolled(viewport) => {
//!     let next = self.list.scrolled(&viewport);
//!     Action::Run(self.fetch(next))
//! }
//! Message::Listed(listed) => {
//!     let next = self.list.listed(listed);
//!     Action::Run(self.fetch(next))
//! }
//!
//! fn fetch(&self, request: Option<Request>) -> Task<Message> {
//!     let Some(request) = request else { return Task::none() };
//!     let query = InvitationQuery { status: self.status, limit: Some(PAGE_SIZE), cursor: request.cursor() };
//!     let (client, org) = (self.client.clone(), self.org.clone());
//!     request.perform(async move { client.invitations(&org, &query).await }).map(Message::Listed)
//! }
//! ```
//!
//! and shows `list.rows()` in a `widget::table` over `list.window()`, with
//! `list.shown()` in words under it (`screen/invitations` does just that).

use iced::Task;
use iced::widget::scrollable::Viewport;
use orgdesk_api::Page;
use orgdesk_client::Error;

use super::{Latest, Tag};
use crate::theme::ROW_HEIGHT;
use crate::widget::table::Window;

/// One page asked for: the tag its answer must carry, and where it starts
/// (`None`: the first page, which replaces the rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    tag: Tag,
    cursor: Option<String>,
}

impl Request {
    /// Where the page starts; `None` for the first page.
    pub fn cursor(&self) -> Option<String> {
        self.cursor.clone()
    }

    /// `result` as the answer to this request.
    pub fn answer<T>(self, result: Result<Page<T>, Error>) -> Listed<T> {
        Listed {
            request: self,
            result,
        }
    }

    /// Runs `fetch` (the screen's call for this request's page) and answers
    /// with its outcome.
    pub fn perform<T: Send + 'static>(
        self,
        fetch: impl Future<Output = Result<Page<T>, Error>> + Send + 'static,
    ) -> Task<Listed<T>> {
        Task::perform(fetch, move |result| self.answer(result))
    }
}

/// A page (or why there is none), with the request it answers.
#[derive(Debug, Clone)]
pub struct Listed<T> {
    pub request: Request,
    pub result: Result<Page<T>, Error>,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    Loading,
    Ready,
    Failed(String),
}

/// What the list shows, for the line under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown<'a> {
    Loading,
    Failed(&'a str),
    Empty,
    Rows {
        shown: usize,
        total: u64,
        /// The platform counted roughly (a large list): say "about".
        estimate: bool,
    },
}

pub struct Paged<T> {
    rows: Vec<T>,
    total: u64,
    total_is_estimate: bool,
    next_cursor: Option<String>,
    state: State,
    latest: Latest,
    /// The request on its way, if any.
    pending: Option<Request>,
    window: Window,
    row_height: f32,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Self {
            rows: Vec::new(),
            total: 0,
            total_is_estimate: false,
            next_cursor: None,
            state: State::Loading,
            latest: Latest::default(),
            pending: None,
            window: Window::default(),
            row_height: ROW_HEIGHT,
        }
    }
}

impl<T> Paged<T> {
    /// An empty list, loading.
    pub fn new() -> Self {
        Self::default()
    }

    /// Rows of `height` in the view (the default is the table's row).
    pub fn with_row_height(mut self, height: f32) -> Self {
        self.row_height = height;
        self
    }

    /// The first page again (a new query, or a refresh). Answers to earlier
    /// requests are dropped from now on; the rows stay until it arrives.
    pub fn reload(&mut self) -> Request {
        self.state = State::Loading;
        self.ask(None)
    }

    /// The next page, when there is one, the list is ready and no page is
    /// on its way already.
    pub fn more(&mut self) -> Option<Request> {
        match (&self.next_cursor, &self.state, &self.pending) {
            (Some(cursor), State::Ready, None) => {
                let cursor = cursor.clone();
                Some(self.ask(Some(cursor)))
            }
            _ => None,
        }
    }

    fn ask(&mut self, cursor: Option<String>) -> Request {
        let request = Request {
            tag: self.latest.ask(),
            cursor,
        };
        self.pending = Some(request.clone());
        request
    }

    /// The view scrolled: the next page when it is near the end of the rows.
    pub fn scrolled(&mut self, viewport: &Viewport) -> Option<Request> {
        self.window = Window::from_viewport_rows(viewport, self.row_height);
        self.fill()
    }

    /// The next page while the view is near the end of what is loaded.
    fn fill(&mut self) -> Option<Request> {
        if self.window.near_end(self.rows.len()) {
            self.more()
        } else {
            None
        }
    }

    /// An answer arrived. One to an earlier request is dropped; a page
    /// replaces the rows (the first) or adds to them; a failure is kept in
    /// words. Asks for the next page while the view is still near the end.
    pub fn listed(&mut self, listed: Listed<T>) -> Option<Request> {
        let Listed { request, result } = listed;
        if !self.latest.is(request.tag) {
            return None;
        }
        self.latest.forget();
        self.pending = None;
        match result {
            Ok(page) => {
                self.total_is_estimate = total_is_estimate(&page);
                if request.cursor.is_some() {
                    self.rows.extend(page.items);
                } else {
                    self.rows = page.items;
                }
                self.total = page.total;
                self.next_cursor = page.next_cursor;
                self.state = State::Ready;
                self.fill()
            }
            Err(e) => {
                self.state = State::Failed(crate::screen::describe(&e));
                None
            }
        }
    }

    /// Whether `listed` answers the request the list waits for.
    pub fn expects(&self, listed: &Listed<T>) -> bool {
        self.latest.is(listed.request.tag)
    }

    /// Starts over without asking the platform (the screen works out its
    /// query first): loading, and any answer on its way is dropped.
    pub fn begin(&mut self) {
        self.latest.forget();
        self.pending = None;
        self.state = State::Loading;
    }

    /// The list cannot be had, and why (in words).
    pub fn fail(&mut self, why: String) {
        self.latest.forget();
        self.pending = None;
        self.state = State::Failed(why);
    }

    /// Shows `rows` from elsewhere (the offline copy): all there is, nothing
    /// to page; answers on their way are dropped.
    pub fn show(&mut self, rows: Vec<T>) {
        self.latest.forget();
        self.pending = None;
        self.total = rows.len() as u64;
        self.total_is_estimate = false;
        self.rows = rows;
        self.next_cursor = None;
        self.state = State::Ready;
    }

    pub fn rows(&self) -> &[T] {
        &self.rows
    }

    /// The rows, to change some in place (after an action on them).
    pub fn rows_mut(&mut self) -> &mut [T] {
        &mut self.rows
    }

    /// The total the platform counted for the query.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Whether the total is the platform's estimate rather than a count.
    pub fn total_is_estimate(&self) -> bool {
        self.total_is_estimate
    }

    /// The request whose answer the list waits for.
    pub fn pending(&self) -> Option<&Request> {
        self.pending.as_ref()
    }

    pub fn is_ready(&self) -> bool {
        self.state == State::Ready
    }

    /// Whether there are rows beyond those loaded.
    pub fn has_more(&self) -> bool {
        self.next_cursor.is_some()
    }

    /// Whether a next page is on its way.
    pub fn loading_more(&self) -> bool {
        self.pending.as_ref().is_some_and(|r| r.cursor.is_some())
    }

    /// The rows in view.
    pub fn window(&self) -> &Window {
        &self.window
    }

    pub fn shown(&self) -> Shown<'_> {
        match &self.state {
            State::Loading => Shown::Loading,
            State::Failed(why) => Shown::Failed(why),
            State::Ready if self.rows.is_empty() => Shown::Empty,
            State::Ready => Shown::Rows {
                shown: self.rows.len(),
                total: self.total,
                estimate: self.total_is_estimate,
            },
        }
    }
}

/// Whether the platform estimated `page.total` rather than counted it
/// (large lists: screens then say "about 62,000").
fn total_is_estimate<T>(page: &Page<T>) -> bool {
    page.total_is_estimate
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(items: std::ops::Range<u32>, next: Option<&str>, total: u64) -> Page<u32> {
        Page {
            items: items.collect(),
            next_cursor: next.map(str::to_owned),
            total,
            total_is_estimate: false,
        }
    }

    /// A list whose view shows rows `first..first + visible`.
    fn scrolled_to(list: &mut Paged<u32>, first: usize, visible: usize) -> Option<Request> {
        list.window = Window { first, visible };
        list.fill()
    }

    #[test]
    fn the_first_page_replaces_and_the_next_adds() {
        let mut list = Paged::new();
        assert_eq!(list.shown(), Shown::Loading);
        let first = list.reload();
        assert_eq!(first.cursor(), None);
        // The view is at the top of a long list: nothing more yet.
        list.window = Window {
            first: 0,
            visible: 10,
        };
        assert_eq!(
            list.listed(first.answer(Ok(page(0..100, Some("c1"), 250)))),
            None
        );
        assert_eq!(
            list.shown(),
            Shown::Rows {
                shown: 100,
                total: 250,
                estimate: false
            }
        );
        let more = scrolled_to(&mut list, 80, 10).expect("near the end: the next page");
        assert_eq!(more.cursor().as_deref(), Some("c1"));
        assert!(list.loading_more());
        assert_eq!(scrolled_to(&mut list, 85, 10), None, "one page at a time");
        list.listed(more.answer(Ok(page(100..200, Some("c2"), 250))));
        assert_eq!(list.rows().len(), 200);
        assert_eq!(list.rows()[150], 150);
        assert!(list.has_more());
    }

    #[test]
    fn an_estimated_total_is_said_to_be_one() {
        let mut list = Paged::new();
        let first = list.reload();
        let estimated = Page {
            total_is_estimate: true,
            ..page(0..50, Some("c1"), 62_000)
        };
        list.listed(first.answer(Ok(estimated)));
        assert!(list.total_is_estimate());
        assert_eq!(
            list.shown(),
            Shown::Rows {
                shown: 50,
                total: 62_000,
                estimate: true
            }
        );
        // A reload with an exact count says so again.
        let again = list.reload();
        list.listed(again.answer(Ok(page(0..10, None, 10))));
        assert!(!list.total_is_estimate());
    }

    #[test]
    fn the_list_keeps_filling_while_the_view_is_near_the_end() {
        let mut list = Paged::new();
        let first = list.reload();
        // A tall view: 60 rows in sight, pages of 20.
        list.window = Window {
            first: 0,
            visible: 60,
        };
        let second = list
            .listed(first.answer(Ok(page(0..20, Some("a"), 1000))))
            .expect("still near the end: the next page");
        let third = list
            .listed(second.answer(Ok(page(20..40, Some("b"), 1000))))
            .expect("and the next");
        assert_eq!(third.cursor().as_deref(), Some("b"));
        // The last page: nothing left to ask for.
        assert_eq!(list.listed(third.answer(Ok(page(40..45, None, 45)))), None);
        assert_eq!(list.rows().len(), 45);
        assert!(!list.has_more());
    }

    #[test]
    fn answers_to_a_query_left_behind_are_dropped() {
        let mut list = Paged::new();
        let old = list.reload();
        let new = list.reload();
        assert_eq!(list.pending(), Some(&new));
        assert_eq!(list.listed(old.answer(Ok(page(0..7, None, 7)))), None);
        assert_eq!(
            list.shown(),
            Shown::Loading,
            "the old answer changed nothing"
        );
        list.listed(new.clone().answer(Ok(page(0..2, None, 2))));
        assert_eq!(list.rows(), [0, 1]);
        // The same answer twice counts once.
        list.listed(new.answer(Ok(page(5..9, None, 4))));
        assert_eq!(list.rows(), [0, 1]);
        // A next page asked before a new query is dropped too.
        let mut list = Paged::new();
        list.window = Window {
            first: 0,
            visible: 10,
        };
        let first = list.reload();
        let more = list
            .listed(first.answer(Ok(page(0..5, Some("x"), 50))))
            .expect("near the end");
        let again = list.reload();
        list.listed(more.answer(Ok(page(5..10, None, 50))));
        assert_eq!(list.rows().len(), 5, "the stale page is not appended");
        list.listed(again.answer(Ok(page(0..3, None, 3))));
        assert_eq!(list.rows(), [0, 1, 2]);
    }

    #[test]
    fn a_failure_is_kept_in_words_and_a_reload_recovers() {
        let mut list: Paged<u32> = Paged::new();
        let first = list.reload();
        let refused = Error::Decode("not a page".into());
        list.listed(first.answer(Err(refused)));
        assert!(
            matches!(list.shown(), Shown::Failed(why) if why.contains("not a page")),
            "{:?}",
            list.shown()
        );
        assert_eq!(list.more(), None, "no next page after a failure");
        let again = list.reload();
        list.listed(again.answer(Ok(page(0..1, None, 1))));
        assert!(list.is_ready());
    }

    #[test]
    fn rows_from_elsewhere_end_paging_and_drop_answers() {
        let mut list = Paged::new();
        let first = list.reload();
        list.show(vec![7, 8, 9]);
        assert_eq!(
            list.listed(first.answer(Ok(page(0..50, Some("c"), 50)))),
            None
        );
        assert_eq!(list.rows(), [7, 8, 9]);
        assert_eq!(list.more(), None);
        list.fail("gone".into());
        assert_eq!(list.shown(), Shown::Failed("gone"));
        list.begin();
        assert_eq!(list.shown(), Shown::Loading);
        assert_eq!(list.pending(), None);
    }
}
