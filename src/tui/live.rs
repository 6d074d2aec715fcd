//! A live folder: the folders being read are watched (`notify`), and a
//! change to their files (or `R`) opens them again on a thread of its own;
//! the fresh library replaces the old one when it is ready, the reader
//! stays on the article it was on, and the status bar says what changed
//! ("+3 new · 1 changed · 2 gone"). A burst of events while a reload waits
//! to start is one reload.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::Input;
use super::app::{App, Place};
use crate::corpus::Article;
use crate::library::{Library, OpenOptions};
use crate::worker::{ListWorker, ViewWorker};

/// How long a reload waits for a burst of file events to end.
const SETTLE: Duration = Duration::from_millis(300);

/// A library opened afresh, or why it could not be.
pub struct Fresh(pub Result<Arc<Library>, String>);

impl std::fmt::Debug for Fresh {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Ok(lib) => write!(f, "Fresh({} articles)", lib.articles().len()),
            Err(e) => write!(f, "Fresh(error: {e})"),
        }
    }
}

/// Opens the reader's folders again when asked, and watches them.
pub struct Reloader {
    paths: Vec<PathBuf>,
    options: OpenOptions,
    tx: Sender<Input>,
    /// A reload was asked for and its answer has not come.
    in_flight: bool,
    /// The reload under way has started reading the folders: a change now
    /// needs another reload once it is done.
    loading: Arc<AtomicBool>,
    again: bool,
    watcher: Option<notify::RecommendedWatcher>,
}

impl Reloader {
    pub fn new(paths: &[PathBuf], options: OpenOptions, tx: Sender<Input>) -> Reloader {
        Reloader {
            paths: paths.to_vec(),
            options,
            tx,
            in_flight: false,
            loading: Arc::new(AtomicBool::new(false)),
            again: false,
            watcher: None,
        }
    }

    /// Watches the folders and files given (the bundled sample is not
    /// watched). A folder that cannot be watched is a warning line.
    pub fn watch(&mut self) -> Vec<String> {
        let tx = self.tx.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && matters(&event)
            {
                let _ = tx.send(Input::FolderChanged);
            }
        });
        let mut watcher = match watcher {
            Ok(w) => w,
            Err(e) => return vec![format!("warning: the folders are not watched ({e})")],
        };
        let mut warnings = Vec::new();
        for path in &self.paths {
            let mode = if path.is_dir() {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            if let Err(e) = watcher.watch(path, mode) {
                warnings.push(format!(
                    "warning: {}: not watched for changes ({e}); R reloads",
                    path.display()
                ));
            }
        }
        self.watcher = Some(watcher);
        warnings
    }

    /// Whether there are folders to open again: not the bundled sample, and
    /// not standard input, which is read once.
    pub fn has_paths(&self) -> bool {
        !self.paths.is_empty() && !self.reads_stdin()
    }

    /// Whether the articles came (partly) from standard input (`-`).
    pub fn reads_stdin(&self) -> bool {
        self.paths
            .iter()
            .any(|p| p.as_os_str() == crate::corpus::load::STDIN_PATH)
    }

    /// Opens the folders again on a thread; the library arrives as
    /// `Input::Reloaded`. Asked while one is under way, one more follows.
    pub fn start(&mut self) {
        if self.in_flight {
            if self.loading.load(Ordering::SeqCst) {
                self.again = true;
            }
            return;
        }
        self.in_flight = true;
        self.loading.store(false, Ordering::SeqCst);
        let (paths, options, tx, loading) = (
            self.paths.clone(),
            self.options.clone(),
            self.tx.clone(),
            Arc::clone(&self.loading),
        );
        std::thread::Builder::new()
            .name("dossier-reload".into())
            .spawn(move || {
                std::thread::sleep(SETTLE);
                loading.store(true, Ordering::SeqCst);
                let fresh = Library::open_with(&paths, &options)
                    .map(Arc::new)
                    .map_err(|e| e.to_string());
                let _ = tx.send(Input::Reloaded(Fresh(fresh)));
            })
            .ok();
    }

    /// The reload's answer came: whether another one is owed.
    fn done(&mut self) -> bool {
        self.in_flight = false;
        std::mem::take(&mut self.again)
    }

    /// Starts the background work a library needs for the reader (names,
    /// related reports, the status bar's progress ticks) and its list and
    /// view workers, all reporting through the loop's channel.
    pub fn attach(&self, library: &Arc<Library>) -> (ListWorker, ViewWorker) {
        attach(library, &self.tx)
    }
}

/// See `Reloader::attach`.
pub fn attach(library: &Arc<Library>, tx: &Sender<Input>) -> (ListWorker, ViewWorker) {
    let ready = tx.clone();
    library.prepare_in_background(move |what| {
        let _ = ready.send(Input::Ready(what));
    });
    super::tick_until_names_ready(Arc::clone(library), tx.clone());
    let answers = tx.clone();
    let lists = ListWorker::spawn(Arc::clone(library), move |answer| {
        let _ = answers.send(Input::Listing(answer));
    });
    let answers = tx.clone();
    let views = ViewWorker::spawn(Arc::clone(library), move |answer| {
        let _ = answers.send(Input::View(answer));
    });
    (lists, views)
}

/// When `library` is the last open's articles, shown at once, checks in
/// the background that the folders still hold them; a change since asks
/// for a reload, as a change seen while the reader runs does.
pub fn check_last_open(library: &Arc<Library>, paths: &[PathBuf], tx: Sender<Input>) {
    library.check_in_background(paths, move |current| {
        if !current {
            let _ = tx.send(Input::FolderChanged);
        }
    });
}

/// Whether a file event can change what the reader shows: content,
/// creation, removal or renaming of a file that is not hidden or a
/// backup; not reads or metadata.
fn matters(event: &notify::Event) -> bool {
    let kind = matches!(
        event.kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(
                notify::event::ModifyKind::Data(_)
                    | notify::event::ModifyKind::Name(_)
                    | notify::event::ModifyKind::Any
            )
            | EventKind::Any
    );
    kind && event.paths.iter().any(|p| !ignored(p))
}

fn ignored(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// What changed between two openings of the folders, by article id:
/// (new, changed, gone).
pub fn changes(old: &[Article], new: &[Article]) -> (usize, usize, usize) {
    let before: HashMap<&str, &Article> = old.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut added = 0;
    let mut changed = 0;
    let mut kept = 0;
    for a in new {
        match before.get(a.id.as_str()) {
            None => added += 1,
            Some(b) => {
                kept += 1;
                if b.title != a.title || b.body != a.body {
                    changed += 1;
                }
            }
        }
    }
    (added, changed, old.len() - kept.min(old.len()))
}

/// The status note for a reload: "+3 new · 1 changed · 2 gone".
pub fn note(added: usize, changed: usize, gone: usize) -> String {
    let mut parts = Vec::new();
    if added > 0 {
        parts.push(format!("+{added} new"));
    }
    if changed > 0 {
        parts.push(format!("{changed} changed"));
    }
    if gone > 0 {
        parts.push(format!("{gone} gone"));
    }
    if parts.is_empty() {
        "reloaded: no article changed".into()
    } else {
        parts.join(" · ")
    }
}

impl App {
    /// `R`, or a change in the folders: open them again.
    pub(super) fn reload(&mut self, asked: bool) {
        match self.reloader.as_mut() {
            Some(r) if r.has_paths() => {
                r.start();
                if asked {
                    self.message = Some("reloading…".into());
                }
            }
            Some(r) if asked && r.reads_stdin() => {
                self.message = Some("nothing to reload: standard input is read once".into());
            }
            _ if asked => self.message = Some("nothing to reload: the bundled sample".into()),
            _ => {}
        }
    }

    /// A reload's library arrived: it replaces the old one, the reader
    /// stays on the same article (by id) and filter, and the status bar
    /// says what changed.
    pub fn replace_library(&mut self, fresh: Fresh) {
        let again = self.reloader.as_mut().is_some_and(Reloader::done);
        match fresh.0 {
            Ok(library) => {
                let (added, changed, gone) = changes(self.library.articles(), library.articles());
                let here = self
                    .current()
                    .map(|i| self.library.articles()[i].id.clone())
                    .and_then(|id| library.find(&id));
                if let Some(r) = &self.reloader {
                    let (lists, views) = r.attach(&library);
                    self.use_worker(lists);
                    self.use_view_worker(views);
                }
                self.library = library;
                self.problem_count = self.library.corpus.problems().count();
                self.has_dates = self.library.articles().iter().any(|a| a.date.is_some());
                // Indices into the old corpus mean nothing now.
                self.history.clear();
                self.side = Default::default();
                self.side_views.forget();
                self.reader.view = None;
                self.reader.find.article = None;
                self.browser = None;
                self.timeline.clear();
                self.list.show_all(self.library.articles().len());
                self.lists.place = Some(Place {
                    filter: self.filter.text().to_string(),
                    article: here,
                    list_offset: self.list.offset(),
                    reader_scroll: if here.is_some() {
                        self.reader.scroll
                    } else {
                        0
                    },
                });
                self.request_list();
                self.message = Some(note(added, changed, gone));
            }
            Err(e) => self.message = Some(format!("the folders could not be opened again: {e}")),
        }
        if again {
            self.reload(false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::plain::parse_text;

    #[test]
    fn changes_count_new_changed_and_gone_articles() {
        let a = parse_text("a", "a.txt", "Alpha\n\nOne.");
        let b = parse_text("b", "b.txt", "Beta\n\nTwo.");
        let b2 = parse_text("b", "b.txt", "Beta\n\nTwo, edited.");
        let c = parse_text("c", "c.txt", "Gamma\n\nThree.");
        let d = parse_text("d", "d.txt", "Delta\n\nFour.");
        let old = vec![a.clone(), b];
        let new = vec![b2, c, d];
        assert_eq!(changes(&old, &new), (2, 1, 1));
        assert_eq!(note(2, 1, 1), "+2 new · 1 changed · 1 gone");
        assert_eq!(note(0, 0, 0), "reloaded: no article changed");
    }

    #[test]
    fn hidden_and_backup_files_are_ignored() {
        assert!(ignored(Path::new("/x/.a.txt.swp")));
        assert!(ignored(Path::new("/x/a.txt~")));
        assert!(!ignored(Path::new("/x/a.txt")));
    }
}
