//! The workers: threads that answer the reader's requests so that a frame
//! never waits for the corpus. The list worker answers list requests, so
//! typing never waits for a search; a search that runs long first answers
//! with what it has found so far (`Listing::partial`), then with the whole
//! list, both under the request's generation. The view worker makes the side
//! panel's view of the selected article (its dates, names, related reports,
//! quotes). Each request carries a generation; a list scan still running
//! when a newer request arrives stops early, requests queued behind a newer
//! one are skipped, and whoever receives the answers drops any whose
//! generation is not the latest. The reader and `dossier bench` both go
//! through them.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::index::listing::{ListCache, ListError, ListRequest, Listing};
use crate::index::search::EARLY;
use crate::index::view::ArticleView;
use crate::library::Library;

/// One answer: the request's generation and its list.
pub type ListAnswer = (u64, Result<Listing, ListError>);

/// The sending end of a worker's requests: each carries a generation, and
/// only the newest is worth answering.
struct Newest<R> {
    requests: Sender<(u64, R)>,
    latest: Arc<AtomicU64>,
}

impl<R: Send + 'static> Newest<R> {
    /// Starts a thread named `name` that calls `serve` with each request
    /// not overtaken before its turn, and a test that says whether a newer
    /// one has come since.
    fn spawn(
        name: &str,
        mut serve: impl FnMut(u64, R, &(dyn Fn() -> bool + Sync)) + Send + 'static,
    ) -> Self {
        let (requests, inbox) = mpsc::channel::<(u64, R)>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                while let Ok(mut next) = inbox.recv() {
                    // Only the newest of the requests waiting is worth answering.
                    while let Ok(newer) = inbox.try_recv() {
                        next = newer;
                    }
                    let (generation, request) = next;
                    let overtaken = || newest.load(Ordering::SeqCst) != generation;
                    if !overtaken() {
                        serve(generation, request, &overtaken);
                    }
                }
            })
            .expect("a thread can be started for a worker");
        Newest { requests, latest }
    }

    /// Sends a request; those sent before become stale.
    fn request(&self, generation: u64, request: R) {
        self.latest.store(generation, Ordering::SeqCst);
        // A worker that has gone (its thread ended) has nobody to answer.
        let _ = self.requests.send((generation, request));
    }
}

pub struct ListWorker(Newest<ListRequest>);

impl ListWorker {
    /// Starts the worker; `deliver` is called on its thread with each
    /// answer that was not overtaken.
    pub fn spawn(
        library: Arc<Library>,
        deliver: impl Fn(ListAnswer) + Send + 'static,
    ) -> ListWorker {
        let mut cache = ListCache::default();
        ListWorker(Newest::spawn(
            "dossier-list",
            move |generation, request, cancel| {
                // A long search shows what it has found so far first.
                let mut early = |partial: Listing| {
                    if !cancel() {
                        deliver((generation, Ok(partial)));
                    }
                };
                let answer =
                    library.list_early(&request, &mut cache, cancel, Some((EARLY, &mut early)));
                if !matches!(&answer, Err(e) if e.is_cancelled()) {
                    deliver((generation, answer));
                }
            },
        ))
    }

    /// Asks for a list; answers to earlier requests become stale.
    pub fn request(&self, generation: u64, request: ListRequest) {
        self.0.request(generation, request);
    }
}

/// A worker answering into a channel, for callers that wait on answers.
pub fn channel_worker(library: Arc<Library>) -> (ListWorker, Receiver<ListAnswer>) {
    let (tx, rx) = mpsc::channel();
    let worker = ListWorker::spawn(library, move |answer| {
        let _ = tx.send(answer);
    });
    (worker, rx)
}

/// One view: the request's generation, the article and its view.
pub type ViewAnswer = (u64, usize, Box<ArticleView>);

/// Makes article views (`Library::article_view`) on a thread of its own.
pub struct ViewWorker(Newest<usize>);

impl ViewWorker {
    /// Starts the worker; `deliver` is called on its thread with each view
    /// whose request was still the newest when its turn came.
    pub fn spawn(
        library: Arc<Library>,
        deliver: impl Fn(ViewAnswer) + Send + 'static,
    ) -> ViewWorker {
        ViewWorker(Newest::spawn(
            "dossier-view",
            move |generation, article, _| {
                if article < library.articles().len() {
                    deliver((generation, article, Box::new(library.article_view(article))));
                }
            },
        ))
    }

    /// Asks for the view of `article`; earlier requests become stale.
    pub fn request(&self, generation: u64, article: usize) {
        self.0.request(generation, article);
    }
}

/// A view worker answering into a channel, for callers that wait on answers.
pub fn view_channel_worker(library: Arc<Library>) -> (ViewWorker, Receiver<ViewAnswer>) {
    let (tx, rx) = mpsc::channel();
    let worker = ViewWorker::spawn(library, move |answer| {
        let _ = tx.send(answer);
    });
    (worker, rx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    #[test]
    fn answers_carry_their_generation_and_the_newest_request_wins() {
        let lib = Arc::new(Library::new(corpus::load_sample()));
        let (worker, answers) = channel_worker(Arc::clone(&lib));
        for (g, q) in ["k", "ku", "kus", "kush"].iter().enumerate() {
            worker.request(
                g as u64 + 1,
                ListRequest {
                    query: q.to_string(),
                    ..ListRequest::default()
                },
            );
        }
        // Earlier requests may be answered or skipped, never after a later one.
        let mut last = 0;
        loop {
            let (g, listing) = answers.recv().expect("the worker answers");
            assert!(g > last, "answers come in generation order");
            last = g;
            if g == 4 {
                let rows = listing.expect("a plain query lists");
                let direct = lib
                    .list(&ListRequest {
                        query: "kush".into(),
                        ..ListRequest::default()
                    })
                    .unwrap();
                assert_eq!(rows.rows, direct.rows);
                break;
            }
        }
    }

    #[test]
    fn the_view_worker_answers_the_newest_request_with_the_librarys_view() {
        let lib = Arc::new(Library::new(corpus::load_sample()));
        assert!(lib.articles().len() > 3);
        let (worker, answers) = view_channel_worker(Arc::clone(&lib));
        for (g, article) in [0, 1, 2, 3].into_iter().enumerate() {
            worker.request(g as u64 + 1, article);
        }
        let mut last = 0;
        loop {
            let (g, article, view) = answers.recv().expect("the worker answers");
            assert!(g > last, "answers come in generation order");
            last = g;
            assert_eq!(article, g as usize - 1, "an answer names its article");
            if g == 4 {
                let direct = lib.article_view(3);
                assert_eq!(view.id, direct.id);
                assert_eq!(view.dates, direct.dates);
                assert_eq!(view.path, direct.path);
                break;
            }
        }
    }
}
