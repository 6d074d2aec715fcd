//! What dossier keeps between runs: derived data it can always rebuild (each
//! file's recognised entity mentions, in a cache database) and what the
//! reader did, which must never be lost (read and starred marks, saved
//! searches and the last position per set of folders, in a state database;
//! saved searches go to a small file when there is no store). Everything goes
//! through the `Store` trait so another backend could stand in for SQLite;
//! `Session` ties one opened corpus to a store. This module knows articles
//! and recognised mentions, never screens.

mod bytes;
mod codec;
mod loading;
mod marks;
mod open;
mod outcome;
mod paths;
mod searches;
mod session;
mod snapshot;
mod sqlite;
mod table;
mod version;

use std::fmt;

use thiserror::Error;

use crate::corpus::Article;
use crate::corpus::body::KeptBody;
use crate::extract::entities::Found;

pub use marks::MarkFilter;
pub use paths::StorePaths;
pub use searches::SearchFile;
pub use session::{Progress, Session, recognise_all};
pub use sqlite::SqliteStore;
pub use version::extraction_version;

/// An article's identity for the reader's state: a hash of its record's
/// content (title and clean body), so it survives moving or renaming the
/// file, and byte-identical copies share their marks.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleKey(pub [u8; 32]);

impl ArticleKey {
    pub fn of(article: &Article) -> ArticleKey {
        // A body kept in the store was hashed when it was kept.
        if let Some(kept) = article.body.place() {
            return ArticleKey(kept.key);
        }
        let mut h = blake3::Hasher::new();
        h.update(article.title.as_bytes());
        // The separator keeps "ab" + "c" apart from "a" + "bc".
        h.update(&[0]);
        h.update(article.body.as_str().as_bytes());
        ArticleKey(*h.finalize().as_bytes())
    }
}

impl fmt::Debug for ArticleKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in &self.0[..6] {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// A file as the cache knows it: canonical path, size and modification
/// time. The content itself is checked through each article's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    pub path: String,
    pub size: u64,
    pub mtime_ns: i64,
}

/// A file as the cache of load outcomes knows it: canonical path, size,
/// modification time and status-change time (which no one can set back, so
/// an edit that keeps the size and restores the modification time is still
/// seen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadStamp {
    pub path: String,
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
}

/// One file's load outcome as the cache keeps it (see `outcome`), with a
/// hash of the bytes it was read from. `settled` is false when the file had
/// changed so shortly before it was read that another change within the
/// same clock tick would not move its times: such a file's bytes are hashed
/// again before its outcome is trusted.
#[derive(Debug, Clone)]
pub struct KeptFile {
    pub stamp: LoadStamp,
    pub content: [u8; 32],
    pub settled: bool,
    pub outcome: Vec<u8>,
    /// The parts of the file's bodies (see `outcome`), when they are not
    /// kept already.
    pub bodies: Option<Vec<Vec<u8>>>,
}

/// Told each part of the kept bodies: its record's key, its place in the
/// record and its bytes.
pub type EachPart<'a> = dyn FnMut(&[u8; 32], u32, &[u8]) + 'a;

/// A hash of many small pieces, fed to the hasher a buffer at a time: a
/// call per piece costs more than hashing it, and the key of a folder of
/// 100,000 files hashes half a million pieces. Gives the hash of the
/// pieces one after another, as feeding them one by one would.
pub(crate) struct PieceHasher {
    hasher: blake3::Hasher,
    buf: Vec<u8>,
}

impl PieceHasher {
    const BUFFER: usize = 1 << 16;

    pub(crate) fn new() -> PieceHasher {
        PieceHasher {
            hasher: blake3::Hasher::new(),
            buf: Vec::with_capacity(Self::BUFFER),
        }
    }

    pub(crate) fn update(&mut self, bytes: &[u8]) {
        if self.buf.len() + bytes.len() > Self::BUFFER {
            self.hasher.update(&self.buf);
            self.buf.clear();
        }
        if bytes.len() > Self::BUFFER {
            self.hasher.update(bytes);
        } else {
            self.buf.extend_from_slice(bytes);
        }
    }

    pub(crate) fn finalize(mut self) -> [u8; 32] {
        self.hasher.update(&self.buf);
        *self.hasher.finalize().as_bytes()
    }
}

/// The key a file's bodies record is kept under: its content as read by
/// this version of the program (a new cleaner gives other bodies).
pub fn bodies_key(version: &[u8; 32], content: &[u8; 32]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(b"bodies");
    h.update(version);
    h.update(content);
    *h.finalize().as_bytes()
}

/// One kept load outcome as the cache reads it, borrowed from its row for
/// as long as it is looked at (a warm open reads a hundred megabytes of
/// them: decoded where they lie, never copied first).
#[derive(Debug, Clone, Copy)]
pub struct KeptRow<'a> {
    pub path: &'a str,
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub content: [u8; 32],
    pub settled: bool,
    pub outcome: &'a [u8],
}

impl KeptRow<'_> {
    /// Whether the row was kept under this very stamp.
    pub fn is_for(&self, stamp: &LoadStamp) -> bool {
        self.path == stamp.path
            && self.size == stamp.size
            && self.mtime_ns == stamp.mtime_ns
            && self.ctime_ns == stamp.ctime_ns
    }

    pub fn to_kept(&self) -> KeptFile {
        KeptFile {
            stamp: LoadStamp {
                path: self.path.to_string(),
                size: self.size,
                mtime_ns: self.mtime_ns,
                ctime_ns: self.ctime_ns,
            },
            content: self.content,
            settled: self.settled,
            outcome: self.outcome.to_vec(),
            bodies: None,
        }
    }
}

/// What the cache holds for one file: the stamp it was stored under and
/// the recognition output, article by article in file order.
#[derive(Debug, Clone)]
pub struct FileRecognition {
    pub stamp: Option<FileStamp>,
    pub articles: Vec<(ArticleKey, Vec<Found>)>,
}

/// One file's recognition output to store.
#[derive(Debug, Clone)]
pub struct FileToSave<'a> {
    pub stamp: &'a FileStamp,
    pub articles: Vec<(ArticleKey, &'a [Found])>,
}

/// What the reader did with an article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    pub read: bool,
    pub starred: bool,
}

/// A change the reader asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkChange {
    Read,
    Unread,
    Star,
    Unstar,
}

impl MarkChange {
    pub fn apply(self, m: &mut Marks) {
        match self {
            MarkChange::Read => m.read = true,
            MarkChange::Unread => m.read = false,
            MarkChange::Star => m.starred = true,
            MarkChange::Unstar => m.starred = false,
        }
    }
}

/// Where the reader was in a set of folders: the article (by identity),
/// how far it was scrolled and the filter typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedPosition {
    pub article: Option<ArticleKey>,
    pub scroll: u64,
    pub filter: String,
}

/// What `dossier cache status` reports.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct StoreStatus {
    pub cache_path: Option<String>,
    pub cache_bytes: u64,
    pub cached_files: u64,
    pub cached_articles: u64,
    pub state_path: Option<String>,
    pub state_bytes: u64,
    pub marked_articles: u64,
}

/// Why the store could not do what was asked.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{0}: {1}")]
    Io(String, #[source] std::io::Error),
    #[error("{0}: a stored record is damaged")]
    Damaged(String),
    #[error("the reader's state is not kept (no state database)")]
    NoState,
    #[error("no cache database")]
    NoCache,
}

/// A place to keep derived data and the reader's state.
///
/// Derived data is checked by the caller (article keys) before it is
/// trusted; a store may drop it at any time. State calls fail with
/// `StoreError::NoState` when the store cannot keep state.
pub trait Store: Send + Sync {
    /// For each file (by path), the recognition output stored for it under
    /// the current extraction version (none when there is none).
    fn recognised(&self, files: &[FileStamp]) -> Result<Vec<FileRecognition>, StoreError>;
    /// Replaces what is stored for these files, all in one transaction.
    fn save_recognised(&self, files: &[FileToSave<'_>]) -> Result<(), StoreError>;
    /// Every load outcome kept under `version` for a path from `from`
    /// (included) to `to` (excluded), handed to `each` as it is read. Calls
    /// for different ranges may run at the same time, each on a
    /// connection of its own.
    fn loaded(
        &self,
        from: &str,
        to: &str,
        version: &[u8; 32],
        each: &mut dyn FnMut(KeptRow<'_>),
    ) -> Result<(), StoreError>;
    /// Keeps these files' load outcomes under `version`, in one
    /// transaction.
    fn save_loaded(&self, files: &[KeptFile], version: &[u8; 32]) -> Result<(), StoreError>;
    /// Hands `read` the corpus-wide record stored under this key, as a
    /// stream of its encoded bytes and their length: an entity table
    /// (keyed by `table::corpus_key`) or a search index (keyed by the set
    /// of files, see `loading`). The bytes are read as `read` asks for
    /// them, never copied out whole first. Whether there was one.
    fn read_record(
        &self,
        corpus: &[u8; 32],
        read: &mut dyn FnMut(&mut dyn std::io::Read, usize),
    ) -> Result<bool, StoreError>;
    /// Whether a corpus-wide record is stored under this key.
    fn has_record(&self, corpus: &[u8; 32]) -> Result<bool, StoreError>;
    /// The text of a body kept in the cache (see `outcome`); `None` when
    /// its record is gone or does not hold it.
    fn body(&self, at: &KeptBody) -> Result<Option<String>, StoreError>;
    /// The bytes of the furniture kept after a body (see `outcome`);
    /// `None` when its record is gone or does not hold them.
    fn furniture(&self, at: &KeptBody) -> Result<Option<Vec<u8>>, StoreError>;
    /// Hands `each` every part of the bodies records the cache holds, with
    /// its record's key and its place in the record.
    fn bodies(&self, each: &mut EachPart<'_>) -> Result<(), StoreError>;
    /// Drops the bodies records no kept outcome points to.
    fn forget_unused_bodies(&self) -> Result<(), StoreError>;
    /// Stores a corpus-wide record and the numbered lists that go with it
    /// (read a few at a time, see `read_lists`), in one transaction,
    /// keeping only the few most recently used records. Whether they were
    /// kept: not when the cache cannot be written.
    fn save_record(
        &self,
        corpus: &[u8; 32],
        record: &[u8],
        lists: &mut dyn Iterator<Item = (u64, Vec<u8>)>,
    ) -> Result<bool, StoreError>;
    /// Hands `each` the bytes of every list of `ids` kept with the record
    /// `corpus`; a list not kept is left out.
    fn read_lists(
        &self,
        corpus: &[u8; 32],
        ids: &[u64],
        each: &mut dyn FnMut(u64, &[u8]),
    ) -> Result<(), StoreError>;
    /// Forgets files under the folder `root` that are not in `present`:
    /// they were removed. Returns how many were forgotten.
    fn forget_missing(
        &self,
        root: &str,
        present: &rustc_hash::FxHashSet<&str>,
    ) -> Result<usize, StoreError>;
    /// Every article the reader marked.
    fn marks(&self) -> Result<Vec<(ArticleKey, Marks)>, StoreError>;
    /// Applies `change` to these articles, in one transaction.
    fn set_marks(&self, keys: &[ArticleKey], change: MarkChange) -> Result<(), StoreError>;
    fn position(&self, folders: &str) -> Result<Option<SavedPosition>, StoreError>;
    fn save_position(&self, folders: &str, position: &SavedPosition) -> Result<(), StoreError>;
    /// The searches the reader saved: name and query, by name.
    fn searches(&self) -> Result<Vec<(String, String)>, StoreError>;
    /// Keeps a search under `name`, replacing one of that name.
    fn save_search(&self, name: &str, query: &str) -> Result<(), StoreError>;
    fn delete_search(&self, name: &str) -> Result<(), StoreError>;
    fn status(&self) -> Result<StoreStatus, StoreError>;
    /// Drops every piece of derived data; the reader's state stays.
    fn clear_cache(&self) -> Result<(), StoreError>;
    /// Warnings from opening the store (a database set aside, a folder
    /// that cannot be written), one line each.
    fn take_warnings(&self) -> Vec<String>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_hash_as_their_concatenation() {
        let sizes = [
            0,
            1,
            7,
            32,
            40_000,
            30_000,
            3,
            PieceHasher::BUFFER + 5,
            12,
            0,
            65_530,
        ];
        let pieces: Vec<Vec<u8>> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| (0..n).map(|b| (b * 31 + i) as u8).collect())
            .collect();
        let mut buffered = PieceHasher::new();
        let mut direct = blake3::Hasher::new();
        for p in &pieces {
            buffered.update(p);
            direct.update(p);
        }
        assert_eq!(buffered.finalize(), *direct.finalize().as_bytes());
        assert_eq!(
            PieceHasher::new().finalize(),
            *blake3::Hasher::new().finalize().as_bytes()
        );
    }
}
