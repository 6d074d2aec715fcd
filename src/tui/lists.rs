//! Asking the library for the list the state calls for. A request carries
//! a generation; answers to requests that a newer one replaced are dropped.
//! In the running reader the list worker answers (the answers arrive as
//! events); tests and scripts answer inline. `ListRequests` is what the app
//! keeps of this: where lists come from, the newest generation, whether an
//! answer is awaited, and where to go once it comes.

use super::app::{App, Place};
use crate::index::listing::{ListCache, ListError, ListRequest, Listing};
use crate::library::Readiness;
use crate::worker::ListWorker;

/// Where lists come from.
pub enum Lister {
    /// Answered at once on this thread (tests, tiny corpora).
    Inline(ListCache),
    /// Answered by the list worker; answers arrive as events.
    Worker(ListWorker),
}

/// The app's side of the list requests.
pub struct ListRequests {
    pub(super) lister: Lister,
    /// The generation of the newest request; older answers are dropped.
    generation: u64,
    /// A request is out and its answer has not come.
    pub(super) pending: bool,
    /// A request waits for the names (an entity term typed too early).
    waiting_for_names: bool,
    /// Where to go once the list for a new filter arrives (history, jumps).
    pub(super) place: Option<Place>,
    /// The article selected before the first partial list of the request
    /// now answered, kept for its whole list.
    before_partial: Option<Option<usize>>,
}

impl Default for ListRequests {
    fn default() -> ListRequests {
        ListRequests {
            lister: Lister::Inline(ListCache::default()),
            generation: 0,
            pending: false,
            waiting_for_names: false,
            place: None,
            before_partial: None,
        }
    }
}

impl App {
    /// Lists come from `worker` from now on.
    pub fn use_worker(&mut self, worker: ListWorker) {
        self.lists.lister = Lister::Worker(worker);
    }

    /// Whether a list request is out and its answer has not come.
    pub fn list_pending(&self) -> bool {
        self.lists.pending
    }

    /// Whether a list waits for the names (an entity term typed early).
    pub fn waits_for_names(&self) -> bool {
        self.lists.waiting_for_names
    }

    /// Puts `input` in the filter bar and gives the list request it calls
    /// for, with its generation, to a caller that fetches the list itself
    /// and hands the answer to `apply_listing`.
    pub fn filter_request(&mut self, input: String) -> (u64, ListRequest) {
        self.filter.set(input);
        self.lists.generation += 1;
        (self.lists.generation, self.list_request())
    }

    /// What the list should show now.
    pub fn list_request(&self) -> ListRequest {
        ListRequest {
            query: self.filter.text().to_string(),
            sort: self.sort,
            fold_copies: self.collapse_groups,
            timeline_width: self.timeline.width,
        }
    }

    /// Asks for the list the state calls for. Inline, the answer is applied
    /// at once; from the worker, it arrives later as an event.
    pub fn request_list(&mut self) {
        self.lists.generation += 1;
        let request = self.list_request();
        match &mut self.lists.lister {
            Lister::Inline(cache) => {
                let answer = self.library.list_with(&request, cache, &|| false);
                self.apply_listing(self.lists.generation, answer);
            }
            Lister::Worker(worker) => {
                self.lists.pending = true;
                worker.request(self.lists.generation, request);
            }
        }
    }

    /// Takes an answer to a list request; answers to requests that a newer
    /// one replaced are dropped. Keeps the selected article selected when it
    /// is still shown, unless a jump or history step asked for another.
    pub fn apply_listing(&mut self, generation: u64, answer: Result<Listing, ListError>) {
        if generation != self.lists.generation {
            return;
        }
        // A partial list leaves the request waiting for its whole list.
        let partial = matches!(&answer, Ok(l) if l.partial);
        if partial && self.lists.place.is_some() {
            // A place to arrive at is looked for in the whole list.
            return;
        }
        self.lists.pending = partial;
        match answer {
            Ok(listing) => {
                self.filter.set_error(None);
                if self.lists.waiting_for_names {
                    self.lists.waiting_for_names = false;
                    self.message = None;
                }
                // The article selected when the request went out: a partial
                // list may have moved the selection to its own first row.
                let current = self.current();
                let before = if listing.partial {
                    *self.lists.before_partial.get_or_insert(current)
                } else {
                    self.lists.before_partial.take().unwrap_or(current)
                };
                self.query = listing.query;
                self.list.take(
                    listing.rows,
                    listing.undated_hidden,
                    listing.group_sizes,
                    listing.partial,
                );
                self.timeline.take(listing.timeline, listing.timeline_shown);
                match self.lists.place.take() {
                    Some(place) => self.arrive(place),
                    // Another article: its view starts at the top.
                    None if !self.list.keep(before) => {
                        self.reader.scroll = 0;
                        self.side.back_to_top();
                    }
                    None => {}
                }
            }
            Err(ListError::NamesNotReady) => {
                // The list stays; it follows when the names are ready.
                self.filter.set_error(None);
                self.lists.waiting_for_names = true;
                self.message =
                    Some("names are still being found; the list follows when ready".into());
            }
            // A bad query keeps the last good list on screen, with the reason.
            Err(e) => self.filter.set_error(Some(e.to_string())),
        }
    }

    /// Background work has become ready: names fill the side panel and a
    /// list that waited for them is made; a fold asked for earlier happens.
    pub fn background_ready(&mut self, what: Readiness) {
        self.side.outdate();
        match what {
            Readiness::Names if self.lists.waiting_for_names => self.request_list(),
            Readiness::Related if self.collapse_groups => self.request_list(),
            _ => {}
        }
    }
}
