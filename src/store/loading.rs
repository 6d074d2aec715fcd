//! Opening a corpus through the cache: every file the walk finds is looked
//! at (one `stat`), and when its path, size and change times are those a
//! kept outcome was stored under, its articles come from the cache (already
//! read, decoded, cleaned and dated) instead of from the file. Changed and
//! new files are read as before, alone, and their outcomes kept; the
//! outcomes of removed files are forgotten. The set of stamps keys what is
//! worked out over the whole corpus (the search index), see `files_key`. Problems with the cache only
//! ever make the open slower.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::session::Session;
use super::snapshot::FreshFile;
use super::{KeptFile, KeptRow, LoadStamp, PieceHasher, bodies_key, extraction_version, outcome};
use crate::corpus::{
    Article, Corpus, LoadError, LoadOptions, Outcome, Reuse, content_hash, load_paths_reusing,
};

/// A file changed less than this long ago may change again within the
/// same clock tick (a second on some file systems) without its times
/// moving: its bytes are hashed again before its kept outcome is trusted.
const SETTLED_NS: i64 = 2_000_000_000;

/// The version kept outcomes are stored under: the extraction version (the
/// program and its data, so a new cleaner reads every file again) and the
/// size limit (which decides whether a file is read at all).
pub(super) fn outcome_version(options: &LoadOptions) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(b"load outcome");
    h.update(&extraction_version());
    h.update(&options.max_file_size.to_le_bytes());
    *h.finalize().as_bytes()
}

fn nanos(secs: i64, nsec: i64) -> i64 {
    secs.saturating_mul(1_000_000_000).saturating_add(nsec)
}

/// The stamp of the file at `path` (canonical), which keeps the path.
fn stamp_of(path: PathBuf) -> Option<LoadStamp> {
    let meta = std::fs::metadata(&path).ok()?;
    #[cfg(unix)]
    let (mtime_ns, ctime_ns) = {
        use std::os::unix::fs::MetadataExt;
        (
            nanos(meta.mtime(), meta.mtime_nsec()),
            nanos(meta.ctime(), meta.ctime_nsec()),
        )
    };
    #[cfg(not(unix))]
    let (mtime_ns, ctime_ns) = {
        let t = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64);
        (t, 0)
    };
    Some(LoadStamp {
        path: path.into_os_string().into_string().ok()?,
        size: meta.len(),
        mtime_ns,
        ctime_ns,
    })
}

/// The key of a whole set of files as loaded: the folders in the order
/// given and every file's stamp, in the order the walk found them (which
/// is sorted, so the same files always give the same key). Whatever is
/// worked out from all the articles together (the search index) is kept
/// under it: any change to any file, or a file added or gone, asks for
/// another key.
fn files_key(version: &[u8; 32], roots: &[String], stamps: &[&LoadStamp]) -> [u8; 32] {
    let mut key = FilesKey::new(version, roots);
    for s in stamps {
        key.add(s);
    }
    key.finish()
}

/// `files_key`, a stamp at a time.
pub(super) struct FilesKey {
    hasher: PieceHasher,
    files: u64,
}

impl FilesKey {
    pub(super) fn new(version: &[u8; 32], roots: &[String]) -> FilesKey {
        let mut h = PieceHasher::new();
        h.update(b"files");
        h.update(version);
        h.update(&(roots.len() as u64).to_le_bytes());
        for r in roots {
            h.update(&(r.len() as u64).to_le_bytes());
            h.update(r.as_bytes());
        }
        FilesKey {
            hasher: h,
            files: 0,
        }
    }

    fn add(&mut self, s: &LoadStamp) {
        let h = &mut self.hasher;
        h.update(&(s.path.len() as u64).to_le_bytes());
        h.update(s.path.as_bytes());
        h.update(&s.size.to_le_bytes());
        h.update(&s.mtime_ns.to_le_bytes());
        h.update(&s.ctime_ns.to_le_bytes());
        self.files += 1;
    }

    /// Stamps `file` and adds it; false when it cannot vouch for its
    /// content (it cannot be stamped or is not settled).
    pub(super) fn add_file(&mut self, session: &Session, file: &Path) -> bool {
        match stamp_file(session, file).filter(settled) {
            Some(s) => {
                self.add(&s);
                true
            }
            None => false,
        }
    }

    pub(super) fn finish(mut self) -> [u8; 32] {
        self.hasher.update(&self.files.to_le_bytes());
        self.hasher.finalize()
    }
}

fn now_ns() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos().min(i64::MAX as u128) as i64)
}

/// What one load takes from the cache and gives back to it.
struct Kept<'a> {
    session: &'a Session,
    /// The version outcomes are kept under, worked out when first needed
    /// (it hashes the program, which is done while the folders are walked).
    version: OnceLock<[u8; 32]>,
    roots: &'a [String],
    finish: &'a (dyn Fn(&mut [Article]) + Sync),
    options: &'a LoadOptions,
    /// Every file's stamp, in the order the walk found them, taken before
    /// any is read.
    stamps: OnceLock<Vec<Option<LoadStamp>>>,
    /// Kept outcomes that can be trusted, decoded, by the file's place in
    /// the walk; each is taken out as its file is asked for.
    ready: OnceLock<Slots>,
    /// Outcomes read afresh (or found settled since), to keep.
    fresh: Mutex<Vec<KeptFile>>,
    /// How many files were read afresh.
    read: AtomicUsize,
    /// A file was found whose stamp cannot vouch for its content (it could
    /// not be stamped, or changed a moment ago): no key for the set.
    unsure: AtomicBool,
    /// The cache holds a file under the opened folders that is gone.
    gone: AtomicBool,
}

/// Outcomes read afresh that are kept in one transaction.
const SAVE_BATCH: usize = 2048;

impl Kept<'_> {
    fn version(&self) -> &[u8; 32] {
        self.version.get_or_init(|| outcome_version(self.options))
    }

    /// The outcome kept for the file found at `path`, when it can be
    /// trusted: settled, or its bytes hash as they did.
    fn trusted(&self, path: &Path, kept: KeptRow<'_>) -> Option<Outcome> {
        if !kept.settled {
            if content_hash(path, self.options)? != kept.content {
                return None;
            }
            if settled_at(kept.mtime_ns, kept.ctime_ns) {
                lock(&self.fresh).push(KeptFile {
                    settled: true,
                    ..kept.to_kept()
                });
            }
        }
        let bodies = bodies_key(self.version(), &kept.content);
        outcome::decode(kept.outcome, &(bodies, self.session.body_source()))
    }
}

/// The stamp of a file found under the opened folders.
fn stamp_file(session: &Session, file: &Path) -> Option<LoadStamp> {
    session.canonical(file).and_then(stamp_of)
}

/// Every file's stamp (`None` for one that cannot be stamped), on every
/// core.
fn stamps_of(session: &Session, files: &[&Path]) -> Vec<Option<LoadStamp>> {
    files.par_iter().map(|&p| stamp_file(session, p)).collect()
}

/// Whether every file could be stamped and is settled: only then can the
/// stamps vouch for the files' content.
fn all_settled(stamps: &[Option<LoadStamp>]) -> bool {
    stamps.iter().all(|s| s.as_ref().is_some_and(settled))
}

/// Whether a file's last change is long enough ago that a further change
/// would move its times.
fn settled(stamp: &LoadStamp) -> bool {
    settled_at(stamp.mtime_ns, stamp.ctime_ns)
}

fn settled_at(mtime_ns: i64, ctime_ns: i64) -> bool {
    now_ns().saturating_sub(mtime_ns.max(ctime_ns)) >= SETTLED_NS
}

/// The ranges of paths the cache's rows for the opened folders lie in:
/// each root itself (a file given by name) and what is under it, cut at
/// some of the files found there into about `parts` ranges, so they can be
/// read on as many threads. Paths compare as bytes, as the cache sorts
/// them.
fn path_ranges(roots: &[String], found: &[&str], parts: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for root in roots {
        out.push((root.clone(), format!("{root}\0")));
        // Every path under `root/` sorts between `root/` and `root0`.
        let (from, to) = (format!("{root}/"), format!("{root}0"));
        let under: Vec<&str> = found
            .iter()
            .copied()
            .filter(|p| p.starts_with(from.as_str()))
            .collect();
        // The walk found them in about the order the cache sorts them:
        // evenly spaced ones cut the rows into about equal parts.
        let mut cuts: Vec<&str> = (1..parts)
            .filter_map(|k| under.get(k * under.len() / parts).copied())
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        let mut at = from;
        for cut in cuts {
            out.push((std::mem::replace(&mut at, cut.to_string()), cut.to_string()));
        }
        out.push((at, to));
    }
    out
}

impl Reuse for Kept<'_> {
    /// Stamps every file, then reads the cache's rows for the opened
    /// folders, a range of paths on each thread; those whose stamps still
    /// hold are decoded straight from the rows they are read from.
    fn prepare(&self, files: &[&Path]) {
        let stamps = stamps_of(self.session, files);
        if !all_settled(&stamps) {
            self.unsure.store(true, Ordering::Relaxed);
        }
        let mut by_canonical: FxHashMap<&str, usize> =
            FxHashMap::with_capacity_and_hasher(stamps.len(), Default::default());
        by_canonical.extend(
            stamps
                .iter()
                .enumerate()
                .filter_map(|(i, s)| Some((s.as_ref()?.path.as_str(), i))),
        );
        let slots = Slots::new(files.len());
        let version = *self.version();
        let found: Vec<&str> = stamps.iter().flatten().map(|s| s.path.as_str()).collect();
        let ranges = path_ranges(self.roots, &found, 2 * rayon::current_num_threads());
        ranges.par_iter().for_each(|(from, to)| {
            let read = self
                .session
                .store()
                .loaded(
                    from,
                    to,
                    &version,
                    &mut |kept| match by_canonical.get(kept.path) {
                        None => self.gone.store(true, Ordering::Relaxed),
                        Some(&i) if stamps[i].as_ref().is_some_and(|s| kept.is_for(s)) => {
                            if let Some(outcome) = self.trusted(files[i], kept) {
                                slots.put(i, outcome);
                            }
                        }
                        Some(_) => {}
                    },
                );
            if let Err(e) = read {
                self.session.warn_store("reading the cache", &e);
            }
        });
        let _ = self.ready.set(slots);
        let _ = self.stamps.set(stamps);
    }

    fn kept(&self, file: usize, _path: &Path) -> Option<Outcome> {
        self.ready.get()?.take(file)
    }

    fn fresh(&self, file: usize, content: Option<[u8; 32]>, outcome: &mut Outcome) {
        self.read.fetch_add(1, Ordering::Relaxed);
        if let Ok(parsed) = outcome {
            (self.finish)(&mut parsed.articles);
        }
        let stamp = self
            .stamps
            .get()
            .and_then(|s| s.get(file))
            .and_then(Option::clone);
        // A file that could not be read (or was over the size limit) costs
        // nothing to look at again; only what was read is kept.
        let (Some(stamp), Some(content)) = (stamp, content) else {
            return;
        };
        if let Ok(parsed) = outcome
            && !parsed.articles.is_empty()
        {
            lock(&self.session.read_afresh).files.push(FreshFile {
                place: file as u32,
                articles: parsed.articles.len() as u32,
                content,
            });
        }
        let (head, bodies) = outcome::encode(outcome);
        let kept = KeptFile {
            settled: settled(&stamp),
            stamp,
            content,
            outcome: head,
            bodies: Some(bodies),
        };
        let full = {
            let mut fresh = lock(&self.fresh);
            fresh.push(kept);
            (fresh.len() >= SAVE_BATCH).then(|| std::mem::take(&mut *fresh))
        };
        // A first open keeps what it read as it goes, so the encoded
        // outcomes of a whole corpus never wait in memory together.
        if let Some(batch) = full {
            self.save(&batch);
        }
    }
}

impl Kept<'_> {
    fn save(&self, files: &[KeptFile]) {
        if let Err(e) = self.session.store().save_loaded(files, self.version()) {
            self.session.warn_store("writing the cache", &e);
            // Their bodies are not in the cache.
            lock(&self.session.read_afresh).unkept = true;
        }
    }
}

/// Files a block of `Slots` holds.
const SLOT_BLOCK: usize = 1024;

/// Decoded outcomes by file, in blocks of `SLOT_BLOCK` files. A block is
/// freed as soon as the last outcome put in it is taken, so the outcomes
/// moved on into the corpus do not also wait here until the load ends.
struct Slots {
    blocks: Vec<Mutex<Block>>,
}

#[derive(Default)]
struct Block {
    outcomes: Vec<Option<Outcome>>,
    /// How many outcomes are in the block.
    held: usize,
}

impl Slots {
    fn new(files: usize) -> Slots {
        Slots {
            blocks: (0..files.div_ceil(SLOT_BLOCK))
                .map(|_| Mutex::default())
                .collect(),
        }
    }

    fn put(&self, file: usize, outcome: Outcome) {
        let Some(block) = self.blocks.get(file / SLOT_BLOCK) else {
            return;
        };
        let mut block = lock(block);
        if block.outcomes.is_empty() {
            block.outcomes.resize_with(SLOT_BLOCK, || None);
        }
        if block.outcomes[file % SLOT_BLOCK].replace(outcome).is_none() {
            block.held += 1;
        }
    }

    fn take(&self, file: usize) -> Option<Outcome> {
        let mut block = lock(self.blocks.get(file / SLOT_BLOCK)?);
        let outcome = block.outcomes.get_mut(file % SLOT_BLOCK)?.take()?;
        block.held -= 1;
        if block.held == 0 {
            block.outcomes = Vec::new();
        }
        Some(outcome)
    }
}

pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Session {
    /// The canonical paths of the folders and files opened, as text, the
    /// way the cache keeps paths.
    pub(super) fn root_texts(&self) -> impl Iterator<Item = String> + '_ {
        self.roots()
            .filter_map(|c| c.to_str())
            .map(|c| c.trim_end_matches('/').to_string())
    }

    /// Takes the extraction version from the cache when this very program
    /// file (same path, size and change times, settled) was hashed
    /// before, else works it out and keeps it: hashing the program reads
    /// all of its bytes, tens of milliseconds at every open.
    pub(super) fn recall_version(&self) {
        if super::version::known() {
            return;
        }
        let Some(stamp) = std::env::current_exe()
            .and_then(std::fs::canonicalize)
            .ok()
            .and_then(stamp_of)
            .filter(settled)
        else {
            return;
        };
        let mut h = PieceHasher::new();
        h.update(b"program");
        h.update(stamp.path.as_bytes());
        for n in [stamp.size as i64, stamp.mtime_ns, stamp.ctime_ns] {
            h.update(&n.to_le_bytes());
        }
        let key = h.finalize();
        let mut kept = None;
        let _ = self.store().read_record(&key, &mut |bytes, len| {
            let mut version = [0; 32];
            if len == version.len() && bytes.read_exact(&mut version).is_ok() {
                kept = Some(version);
            }
        });
        match kept {
            Some(version) => super::version::recall(version),
            None => {
                let version = extraction_version();
                let _ = self
                    .store()
                    .save_record(&key, &version, &mut std::iter::empty());
            }
        }
    }

    /// Loads `paths` as `corpus::load_paths_with` does, taking unchanged
    /// files from the cache; `finish` is run on the articles of every file
    /// read afresh (before they are kept), so kept articles come back
    /// finished.
    pub fn load(
        &self,
        paths: &[PathBuf],
        options: &LoadOptions,
        finish: &(dyn Fn(&mut [Article]) + Sync),
    ) -> Result<Corpus, LoadError> {
        self.recall_version();
        *lock(&self.read_afresh) = Default::default();
        // The version hashes the program's bytes: done while the folders
        // are walked.
        let _ = std::thread::Builder::new()
            .name("dossier-version".into())
            .spawn(extraction_version);
        let roots: Vec<String> = self.root_texts().collect();
        let kept = Kept {
            session: self,
            version: OnceLock::new(),
            roots: &roots,
            finish,
            options,
            stamps: OnceLock::new(),
            ready: OnceLock::new(),
            fresh: Mutex::default(),
            read: AtomicUsize::new(0),
            unsure: AtomicBool::new(false),
            gone: AtomicBool::new(false),
        };
        let corpus = load_paths_reusing(paths, options, &kept);
        let fresh = std::mem::take(&mut *lock(&kept.fresh));
        self.files_read
            .store(kept.read.load(Ordering::Relaxed), Ordering::Relaxed);
        kept.save(&fresh);
        if kept.read.load(Ordering::Relaxed) > 0
            && let Err(e) = self.store().forget_unused_bodies()
        {
            self.warn_store("writing the cache", &e);
        }
        let key = (!kept.unsure.load(Ordering::Relaxed)).then(|| {
            let stamps: Vec<&LoadStamp> =
                kept.stamps.get().into_iter().flatten().flatten().collect();
            files_key(kept.version(), &roots, &stamps)
        });
        *lock(&self.files_key) = key;
        if kept.gone.load(Ordering::Relaxed)
            && let Ok(corpus) = &corpus
        {
            self.forget_removed_from(corpus);
        }
        corpus
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FileError;

    #[test]
    fn slots_give_each_outcome_once_and_free_a_block_when_emptied() {
        let files = SLOT_BLOCK + 3;
        let slots = Slots::new(files);
        slots.put(1, Err(FileError::Missing));
        slots.put(2, Err(FileError::Binary));
        slots.put(SLOT_BLOCK + 2, Err(FileError::NotRegular));
        slots.put(3 * SLOT_BLOCK, Err(FileError::Missing));
        assert!(slots.take(0).is_none());
        assert!(matches!(slots.take(2), Some(Err(FileError::Binary))));
        assert!(slots.take(2).is_none());
        assert!(!lock(&slots.blocks[0]).outcomes.is_empty());
        assert!(matches!(slots.take(1), Some(Err(FileError::Missing))));
        assert!(lock(&slots.blocks[0]).outcomes.is_empty());
        assert!(slots.take(1).is_none());
        assert!(matches!(
            slots.take(SLOT_BLOCK + 2),
            Some(Err(FileError::NotRegular))
        ));
        assert!(slots.take(3 * SLOT_BLOCK).is_none());
    }

    #[test]
    fn path_ranges_hold_each_path_under_a_root_once() {
        let roots = vec!["/data/news".to_string(), "/data/one.txt".to_string()];
        let found = [
            "/data/news/b/2.txt",
            "/data/news/a/1.txt",
            "/data/news/a.b/3.txt",
            "/data/news/a-b/4.txt",
            "/data/news/z.json",
            "/data/one.txt",
        ];
        let others = [
            "/data/news-old/1.txt",
            "/data/news.txt",
            "/data/newsx/1.txt",
            "/data/one.txt.bak",
            "/data/n",
        ];
        for parts in 1..=8 {
            let ranges = path_ranges(&roots, &found, parts);
            let holding = |p: &str| {
                ranges
                    .iter()
                    .filter(|(from, to)| from.as_str() <= p && p < to.as_str())
                    .count()
            };
            for p in found {
                assert_eq!(holding(p), 1, "{p} in {parts} parts: {ranges:?}");
            }
            for p in others {
                assert_eq!(holding(p), 0, "{p} in {parts} parts: {ranges:?}");
            }
            assert!(ranges.len() <= roots.len() * (parts + 1));
        }
        // The root itself is a range of its own.
        let ranges = path_ranges(&roots, &found, 2);
        assert!(ranges.len() > 3, "{ranges:?}");
    }
}
