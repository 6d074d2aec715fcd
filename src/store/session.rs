//! One opened corpus tied to a store: recognition that reuses what the
//! cache holds for unchanged articles and recognises only the rest (on every
//! core), the reader's marks by article identity, and the last position for
//! this set of folders. Problems with the store never stop the corpus from
//! opening: they become warning lines, each said once.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    ArticleKey, FileStamp, FileToSave, MarkChange, Marks, SavedPosition, Store, StoreError,
    StoreStatus, table,
};
use crate::corpus::body::{BodySource, KeptBody};
use crate::corpus::{Article, Corpus, Furniture};
use crate::extract::entities::{EntityTable, Found, resolve_aliases};
use crate::extract::recognise_entities;
use crate::index::query::ReaderMark;
use crate::index::related::{ListSource, RelatedIndex};
use crate::index::search::SearchIndex;

/// How far names extraction has come: articles done out of the total. Read
/// from any thread while the work runs.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    pub fn get(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    pub fn start(&self, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    pub fn add(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }
}

/// Recognises every article, without a store.
pub fn recognise_all(articles: &[Article], progress: &Progress) -> Vec<Vec<Found>> {
    progress.start(articles.len());
    articles
        .par_iter()
        .map(|a| {
            let found = recognise_entities(a.body.as_str());
            progress.add(1);
            found
        })
        .collect()
}

/// Bodies read from a store's cache.
struct KeptIn(Arc<dyn Store>);

impl BodySource for KeptIn {
    fn body(&self, at: &KeptBody) -> Option<String> {
        self.0.body(at).ok().flatten()
    }

    fn furniture(&self, at: &KeptBody) -> Option<Vec<Furniture>> {
        super::outcome::furniture_from(&self.0.furniture(at).ok().flatten()?)
    }
}

/// The lists a corpus-wide record keeps beside it (see `Store::save_record`).
type ListsOf<T> = for<'a> fn(&'a T) -> Box<dyn Iterator<Item = (u64, Vec<u8>)> + 'a>;

fn no_lists<T>(_: &T) -> Box<dyn Iterator<Item = (u64, Vec<u8>)> + '_> {
    Box::new(std::iter::empty())
}

/// The lists kept beside one record of the cache, read as asked; a list
/// that cannot be read is left out (and read as empty).
struct KeptLists {
    store: Arc<dyn Store>,
    key: [u8; 32],
}

impl ListSource for KeptLists {
    fn read(&self, ids: &[u64], each: &mut dyn FnMut(u64, &[u8])) {
        let _ = self.store.read_lists(&self.key, ids, each);
    }
}

/// Every article's identity, in corpus order (see `Session::keys`).
#[derive(Clone, Copy)]
pub struct Keys<'a> {
    articles: &'a [Article],
    own: Option<&'a [ArticleKey]>,
}

impl Keys<'_> {
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The identity of article `i`.
    pub fn get(&self, i: usize) -> Option<ArticleKey> {
        (i < self.len()).then(|| self.at(i))
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = ArticleKey> + '_ {
        (0..self.len()).map(|i| self.at(i))
    }

    /// The identity of article `i`, which must be in range (the own keys
    /// were worked out from these articles: one each).
    fn at(&self, i: usize) -> ArticleKey {
        match self.own {
            Some(own) => own[i],
            None => ArticleKey::of(&self.articles[i]),
        }
    }
}

pub struct Session {
    store: Arc<dyn Store>,
    /// Where articles whose bodies stay in the cache read them.
    bodies: Arc<dyn BodySource>,
    /// The folders and files opened, as given and canonical.
    roots: Vec<(PathBuf, PathBuf)>,
    /// This set of folders, for the saved position.
    folders: String,
    /// The articles' identities, when not every body carries its own.
    keys: OnceLock<Option<Vec<ArticleKey>>>,
    marks: OnceLock<RwLock<FxHashMap<ArticleKey, Marks>>>,
    extracted: AtomicUsize,
    /// How many files the last load read afresh (the rest came from the
    /// cache).
    pub(super) files_read: AtomicUsize,
    /// The key of the set of files the last load found, when every one of
    /// them could vouch for its content (see `loading::files_key`).
    pub(super) files_key: Mutex<Option<[u8; 32]>>,
    related_built: AtomicBool,
    /// The last load was the last open's corpus (see `snapshot`).
    pub(super) opened_last: AtomicBool,
    /// Held while the last open is being kept, so two keepers do not both
    /// write it.
    pub(super) keeping_last: Mutex<()>,
    /// The files the last load read afresh and kept (see `keep_last`).
    pub(super) read_afresh: Mutex<super::snapshot::ReadAfresh>,
    warnings: Mutex<Vec<String>>,
}

impl Session {
    /// Ties a corpus opened from `paths` to `store`.
    pub fn new(store: Box<dyn Store>, paths: &[PathBuf]) -> Session {
        let roots: Vec<(PathBuf, PathBuf)> = paths
            .iter()
            .map(|p| {
                (
                    p.clone(),
                    std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()),
                )
            })
            .collect();
        let mut names: Vec<String> = roots.iter().map(|(_, c)| c.display().to_string()).collect();
        names.sort();
        names.dedup();
        let warnings = store.take_warnings();
        let store: Arc<dyn Store> = Arc::from(store);
        Session {
            bodies: Arc::new(KeptIn(Arc::clone(&store))),
            store,
            roots,
            folders: names.join("\n"),
            keys: OnceLock::new(),
            marks: OnceLock::new(),
            extracted: AtomicUsize::new(0),
            files_read: AtomicUsize::new(0),
            files_key: Mutex::new(None),
            related_built: AtomicBool::new(false),
            opened_last: AtomicBool::new(false),
            keeping_last: Mutex::new(()),
            read_afresh: Mutex::default(),
            warnings: Mutex::new(warnings),
        }
    }

    /// Where the bodies of articles taken from the cache are read.
    pub fn body_source(&self) -> Arc<dyn BodySource> {
        Arc::clone(&self.bodies)
    }

    /// Every body of `articles` kept in the cache, handed to `each` with
    /// its article's place, in the order the cache keeps them (one pass
    /// over the bodies records, for work over the whole corpus).
    pub fn each_kept_body(&self, articles: &[Article], each: &mut dyn FnMut(usize, &str)) {
        let mut by_source: FxHashMap<([u8; 32], u32), Vec<u32>> = FxHashMap::default();
        for (i, a) in articles.iter().enumerate() {
            if let Some(at) = a.body.place() {
                by_source
                    .entry((at.source, at.part))
                    .or_default()
                    .push(i as u32);
            }
        }
        if by_source.is_empty() {
            return;
        }
        let read = self.store.bodies(&mut |key, part, data| {
            for &i in by_source.get(&(*key, part)).into_iter().flatten() {
                let a = &articles[i as usize];
                if let Some(text) = a
                    .body
                    .place()
                    .and_then(|at| super::outcome::body_in(data, at))
                {
                    each(i as usize, text);
                }
            }
        });
        if let Err(e) = read {
            self.warn_store("reading the cache", &e);
        }
    }

    pub fn store(&self) -> &dyn Store {
        &*self.store
    }

    /// How many articles the last recognition had to recognise afresh
    /// (the rest came from the cache).
    pub fn extracted(&self) -> usize {
        self.extracted.load(Ordering::Relaxed)
    }

    /// Warning lines not yet taken, each said once.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|p| p.into_inner()))
    }

    fn warn(&self, line: String) {
        let mut w = self.warnings.lock().unwrap_or_else(|p| p.into_inner());
        if !w.contains(&line) {
            w.push(line);
        }
    }

    pub(super) fn warn_store(&self, doing: &str, e: &StoreError) {
        // A database that could not be opened was said when it was tried.
        if matches!(e, StoreError::NoCache | StoreError::NoState) {
            return;
        }
        self.warn(format!(
            "warning: {e} ({doing}); dossier runs on without it"
        ));
    }

    /// Whether the article identities are known (marks can be read without
    /// hashing the corpus first).
    pub fn keys_ready(&self) -> bool {
        self.keys.get().is_some()
    }

    /// Every article's identity, worked out once: a body kept in the cache
    /// carries its article's, so when every body is kept (a warm open) no
    /// second copy is made.
    pub fn keys<'a>(&'a self, articles: &'a [Article]) -> Keys<'a> {
        let own = self.keys.get_or_init(|| {
            if articles.par_iter().all(|a| a.body.place().is_some()) {
                None
            } else {
                Some(articles.par_iter().map(ArticleKey::of).collect())
            }
        });
        Keys {
            articles,
            own: own.as_deref(),
        }
    }

    /// Whether the articles are the last open's, not looked at since.
    pub fn opened_last(&self) -> bool {
        self.opened_last.load(Ordering::Relaxed)
    }

    /// How many files the last load read afresh rather than taking from
    /// the cache.
    pub fn files_read(&self) -> usize {
        self.files_read.load(Ordering::Relaxed)
    }

    /// The canonical paths of the folders and files opened.
    pub(super) fn roots(&self) -> impl Iterator<Item = &Path> {
        self.roots.iter().map(|(_, c)| c.as_path())
    }

    /// The canonical form of a loaded file's path: its root's canonical
    /// path and the rest as walked, which saves a system call per file.
    pub(super) fn canonical(&self, path: &Path) -> Option<PathBuf> {
        // Walked paths are their root's text and more: compared as text,
        // without taking either apart into components.
        for (given, canonical) in &self.roots {
            if let Some(found) = canonical_text(path, given, canonical) {
                return Some(found);
            }
        }
        for (given, canonical) in &self.roots {
            if let Ok(rest) = path.strip_prefix(given) {
                return Some(if rest.as_os_str().is_empty() {
                    canonical.clone()
                } else {
                    canonical.join(rest)
                });
            }
        }
        std::fs::canonicalize(path).ok()
    }

    fn stamp(&self, shown: &str) -> Option<FileStamp> {
        let path = self.canonical(Path::new(shown))?;
        let meta = std::fs::metadata(&path).ok()?;
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64);
        Some(FileStamp {
            path: path.to_str()?.to_string(),
            size: meta.len(),
            mtime_ns,
        })
    }

    /// The corpus's entity table: as stored when this very corpus was
    /// opened before, else resolved from every article's mentions (see
    /// `recognise`) and stored.
    pub fn entity_table(&self, corpus: &Corpus, progress: &Progress) -> EntityTable {
        let articles = &corpus.articles;
        let key = table::corpus_key(self.keys(articles).iter());
        let (table, built) = self.kept_or_built(
            &key,
            |bytes, len| table::decode_from(bytes, len, articles),
            || resolve_aliases(&self.recognise(corpus, progress)),
            table::encode,
            no_lists,
        );
        if built.is_none() {
            progress.start(articles.len());
            progress.add(articles.len());
            self.extracted.store(0, Ordering::Relaxed);
        }
        table
    }

    /// The corpus-wide record under `key`, decoded as it is read from the
    /// cache; when it is not there (or not sound), `build` makes it and it
    /// is kept, with the lists `lists` gives of it. Says whether it was
    /// built, and then whether it was kept (a cache that cannot be written
    /// keeps nothing, so a record built then must hold its lists itself).
    fn kept_or_built<T>(
        &self,
        key: &[u8; 32],
        decode: impl Fn(&mut dyn std::io::Read, usize) -> Option<T>,
        build: impl FnOnce() -> T,
        encode: impl FnOnce(&T) -> Vec<u8>,
        lists: ListsOf<T>,
    ) -> (T, Option<bool>) {
        let mut stored = None;
        if let Err(e) = self.store.read_record(key, &mut |bytes, len| {
            stored = decode(bytes, len);
        }) {
            self.warn_store("reading the cache", &e);
        }
        if let Some(kept) = stored {
            return (kept, None);
        }
        let built = build();
        let saved = self
            .store
            .save_record(key, &encode(&built), &mut lists(&built));
        if let Err(e) = &saved {
            self.warn_store("writing the cache", e);
        }
        (built, Some(matches!(saved, Ok(true))))
    }

    /// Whether the cache holds the entity table for `articles`.
    pub fn entity_table_kept(&self, articles: &[Article]) -> bool {
        let key = table::corpus_key(self.keys(articles).iter());
        self.store.has_record(&key).unwrap_or(false)
    }

    /// The search index over `articles` (as the last load gave them): as
    /// kept for this very set of files, else built and kept.
    pub fn search_index(
        &self,
        articles: &[Article],
        build: impl FnOnce() -> SearchIndex,
    ) -> SearchIndex {
        let Some(files) = *self.files_key.lock().unwrap_or_else(|p| p.into_inner()) else {
            return build();
        };
        let mut h = blake3::Hasher::new();
        h.update(b"search index");
        h.update(&SearchIndex::FORMAT.to_le_bytes());
        h.update(&files);
        let key = *h.finalize().as_bytes();
        // Decoded as it is read: the record's bytes are never held whole.
        self.kept_or_built(
            &key,
            |bytes, len| SearchIndex::decode_from(bytes, len, articles),
            build,
            SearchIndex::encode,
            no_lists,
        )
        .0
    }

    /// The related-reports index over `articles`: as kept for this very
    /// corpus (every article's identity, in order, under this extraction
    /// version), else built and kept. Whether it was built is counted.
    pub fn related_index(
        &self,
        articles: &[Article],
        build: impl FnOnce() -> RelatedIndex,
    ) -> RelatedIndex {
        let mut h = blake3::Hasher::new();
        h.update(b"related reports");
        h.update(&table::corpus_key(self.keys(articles).iter()));
        let key = *h.finalize().as_bytes();
        let kept: Arc<dyn ListSource> = Arc::new(KeptLists {
            store: Arc::clone(&self.store),
            key,
        });
        let (mut index, built) = self.kept_or_built(
            &key,
            |bytes, len| RelatedIndex::decode_from(bytes, len, articles.len(), Arc::clone(&kept)),
            build,
            RelatedIndex::encode,
            |index| Box::new(index.lists()),
        );
        if let Some(saved) = built {
            self.related_built.store(true, Ordering::Relaxed);
            if saved {
                index.keep_lists_in(kept);
            }
        }
        index
    }

    /// Whether this session built the related-reports index rather than
    /// reading it from the cache.
    pub fn related_built(&self) -> bool {
        self.related_built.load(Ordering::Relaxed)
    }

    /// Every article's recognised mentions: from the cache when the cache
    /// holds the same article (by content) under this extraction version,
    /// recognised afresh otherwise; what was recognised is stored.
    pub fn recognise(&self, corpus: &Corpus, progress: &Progress) -> Vec<Vec<Found>> {
        let articles = &corpus.articles;
        progress.start(articles.len());
        let keys = self.keys(articles);
        let spans = file_spans(corpus);
        let stamps: Vec<Option<FileStamp>> =
            spans.par_iter().map(|(path, _)| self.stamp(path)).collect();
        let asked: Vec<FileStamp> = stamps.iter().flatten().cloned().collect();
        let mut stored = match self.store.recognised(&asked) {
            Ok(found) => found,
            Err(e) => {
                self.warn_store("reading the cache", &e);
                Vec::new()
            }
        }
        .into_iter();

        let mut found: Vec<Option<Vec<Found>>> = vec![None; articles.len()];
        let mut dirty = vec![false; spans.len()];
        for (s, ((_, range), stamp)) in spans.iter().zip(&stamps).enumerate() {
            let Some(stamp) = stamp else { continue };
            let Some(cached) = stored.next() else {
                dirty[s] = true;
                continue;
            };
            dirty[s] = cached.stamp.as_ref() != Some(stamp);
            let by_key: FxHashMap<ArticleKey, Vec<Found>> = cached.articles.into_iter().collect();
            let mut hits = 0;
            for i in range.clone() {
                match keys.get(i).and_then(|k| by_key.get(&k)) {
                    Some(f) => {
                        found[i] = Some(f.clone());
                        hits += 1;
                    }
                    None => dirty[s] = true,
                }
            }
            progress.add(hits);
        }

        let missing: Vec<usize> = (0..articles.len())
            .filter(|&i| found[i].is_none())
            .collect();
        self.extracted.store(missing.len(), Ordering::Relaxed);
        let fresh: Vec<(usize, Vec<Found>)> = missing
            .par_iter()
            .map(|&i| {
                let f = recognise_entities(&articles[i].body.read());
                progress.add(1);
                (i, f)
            })
            .collect();
        for (i, f) in fresh {
            found[i] = Some(f);
        }
        let found: Vec<Vec<Found>> = found.into_iter().map(Option::unwrap_or_default).collect();

        let to_save: Vec<FileToSave<'_>> = spans
            .iter()
            .zip(&stamps)
            .zip(&dirty)
            .filter(|(_, d)| **d)
            .filter_map(|(((_, range), stamp), _)| {
                Some(FileToSave {
                    stamp: stamp.as_ref()?,
                    articles: range
                        .clone()
                        .filter_map(|i| Some((keys.get(i)?, found[i].as_slice())))
                        .collect(),
                })
            })
            .collect();
        if let Err(e) = self.store.save_recognised(&to_save) {
            self.warn_store("writing the cache", &e);
        }
        self.forget_removed_from(corpus);
        found
    }

    /// Forgets what the cache holds for files under the opened folders
    /// that `corpus` no longer has.
    pub(super) fn forget_removed_from(&self, corpus: &Corpus) {
        let present: Vec<String> = corpus
            .files
            .iter()
            .filter_map(|f| self.canonical(Path::new(&*f.path)))
            .filter_map(|p| p.to_str().map(str::to_string))
            .collect();
        self.forget_removed(&present.iter().map(String::as_str).collect());
    }

    /// Files the cache holds under an opened folder that this corpus no
    /// longer has were removed: their entries go.
    fn forget_removed(&self, present: &FxHashSet<&str>) {
        for (_, root) in &self.roots {
            if !root.is_dir() {
                continue;
            }
            let Some(root) = root.to_str() else { continue };
            if let Err(e) = self
                .store
                .forget_missing(root.trim_end_matches('/'), present)
            {
                self.warn_store("tidying the cache", &e);
                return;
            }
        }
    }

    fn marks(&self) -> &RwLock<FxHashMap<ArticleKey, Marks>> {
        self.marks.get_or_init(|| {
            let all = self.store.marks().unwrap_or_else(|e| {
                self.warn_store("reading the reader's marks", &e);
                Vec::new()
            });
            RwLock::new(all.into_iter().collect())
        })
    }

    /// What the reader did with `article`.
    pub fn marks_of(&self, articles: &[Article], article: usize) -> Marks {
        let key = self.keys(articles).get(article);
        let marks = self.marks().read().unwrap_or_else(|p| p.into_inner());
        key.and_then(|k| marks.get(&k)).copied().unwrap_or_default()
    }

    /// Applies `change` to `targets` and keeps it.
    pub fn mark(
        &self,
        articles: &[Article],
        targets: &[usize],
        change: MarkChange,
    ) -> Result<(), StoreError> {
        let keys = self.keys(articles);
        let chosen: Vec<ArticleKey> = targets.iter().filter_map(|&i| keys.get(i)).collect();
        self.store.set_marks(&chosen, change)?;
        let mut marks = self.marks().write().unwrap_or_else(|p| p.into_inner());
        for k in chosen {
            change.apply(marks.entry(k).or_default());
        }
        Ok(())
    }

    /// The articles a reader mark selects, sorted.
    pub fn marked(&self, articles: &[Article], which: ReaderMark) -> Vec<usize> {
        let keys = self.keys(articles);
        let marks = self.marks().read().unwrap_or_else(|p| p.into_inner());
        (0..keys.len())
            .filter(|&i| {
                let m = keys
                    .get(i)
                    .and_then(|k| marks.get(&k).copied())
                    .unwrap_or_default();
                match which {
                    ReaderMark::Read => m.read,
                    ReaderMark::Unread => !m.read,
                    ReaderMark::Starred => m.starred,
                }
            })
            .collect()
    }

    /// Where the reader was in this set of folders; the article is `None`
    /// when it is no longer there.
    pub fn last_position(&self, articles: &[Article]) -> Option<(Option<usize>, SavedPosition)> {
        let saved = self.store.position(&self.folders).ok()??;
        let keys = self.keys(articles);
        let at = saved.article.and_then(|k| keys.iter().position(|x| x == k));
        Some((at, saved))
    }

    pub fn save_position(
        &self,
        articles: &[Article],
        article: Option<usize>,
        scroll: u64,
        filter: &str,
    ) -> Result<(), StoreError> {
        let key = article.and_then(|i| self.keys(articles).get(i));
        self.store.save_position(
            &self.folders,
            &SavedPosition {
                article: key,
                scroll,
                filter: filter.to_string(),
            },
        )
    }

    pub fn status(&self) -> Result<StoreStatus, StoreError> {
        self.store.status()
    }
}

/// `path` with the folder `given` at its head swapped for `canonical`,
/// when the text of `path` starts with that of `given` at a separator.
fn canonical_text(path: &Path, given: &Path, canonical: &Path) -> Option<PathBuf> {
    let (path, given, canonical) = (path.to_str()?, given.to_str()?, canonical.to_str()?);
    let rest = path.strip_prefix(given)?;
    let rest = match rest.strip_prefix('/') {
        _ if rest.is_empty() => return Some(PathBuf::from(canonical)),
        _ if given.ends_with('/') => rest,
        Some(rest) => rest,
        None => return None,
    };
    if rest
        .split('/')
        .any(|c| c.is_empty() || c == "." || c == "..")
    {
        return None;
    }
    let head = canonical.trim_end_matches('/');
    let mut out = String::with_capacity(head.len() + 1 + rest.len());
    out.push_str(head);
    out.push('/');
    out.push_str(rest);
    Some(PathBuf::from(out))
}

/// Each loaded file's path and the range of its articles in the corpus
/// (files load in order, each contributing its articles in turn).
fn file_spans(corpus: &Corpus) -> Vec<(&str, Range<usize>)> {
    let mut at = 0;
    let mut out = Vec::new();
    for f in &corpus.files {
        let end = (at + f.articles).min(corpus.articles.len());
        if end > at {
            out.push((&*f.path, at..end));
        }
        at = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `Session::canonical` gave before the text comparison: the
    /// root's canonical path joined with the rest, component by component.
    fn by_components(path: &str, given: &str, canonical: &str) -> Option<PathBuf> {
        let rest = Path::new(path).strip_prefix(given).ok()?;
        Some(if rest.as_os_str().is_empty() {
            PathBuf::from(canonical)
        } else {
            Path::new(canonical).join(rest)
        })
    }

    #[test]
    fn text_prefixes_agree_with_components() {
        let cases = [
            ("corpus/a/1.txt", "corpus", "/data/corpus"),
            ("corpus/a/1.txt", "corpus/", "/data/corpus"),
            ("corpus", "corpus", "/data/corpus"),
            ("corpus/", "corpus", "/data/corpus"),
            ("./corpus/x.json", "./corpus", "/data/corpus"),
            ("corpus-2/x.txt", "corpus", "/data/corpus"),
            ("corpusx", "corpus", "/data/corpus"),
            ("corpus//x.txt", "corpus", "/data/corpus"),
            ("corpus/./x.txt", "corpus", "/data/corpus"),
            ("/x.txt", "/", "/"),
            ("other/x.txt", "corpus", "/data/corpus"),
        ];
        for (path, given, canonical) in cases {
            let fast = canonical_text(Path::new(path), Path::new(given), Path::new(canonical));
            if let Some(fast) = &fast {
                assert_eq!(
                    Some(fast),
                    by_components(path, given, canonical).as_ref(),
                    "{path} under {given}"
                );
            }
            // The plain cases take the fast way.
            if matches!(path, "corpus/a/1.txt" | "./corpus/x.json" | "/x.txt") {
                assert!(fast.is_some(), "{path} under {given}");
            }
        }
    }
}
