//! The SQLite store: a cache database and a state database (opened as
//! `open` says), every write in one transaction, so a crash leaves the last
//! committed state. A store that could not open a database, or opened it
//! read only, answers without it and dossier runs on.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use rustc_hash::FxHashSet;

use super::open::{BUSY_TIMEOUT, Db, open_db};
use super::paths::StorePaths;
use super::{
    ArticleKey, FileRecognition, FileStamp, FileToSave, KeptFile, KeptRow, MarkChange, Marks,
    SavedPosition, Store, StoreError, StoreStatus, bodies_key, codec, extraction_version,
};
use crate::corpus::body::KeptBody;

/// Bumped when the cache's tables change shape: an older cache is dropped
/// (it only holds what can be rebuilt).
const CACHE_SCHEMA: i64 = 8;
const CACHE_TABLES: &str = "
CREATE TABLE IF NOT EXISTS files(
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    version BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS recognised(
    path TEXT NOT NULL,
    ord INTEGER NOT NULL,
    article BLOB NOT NULL,
    found BLOB NOT NULL,
    PRIMARY KEY(path, ord)
);
CREATE TABLE IF NOT EXISTS loaded(
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    version BLOB NOT NULL,
    content BLOB NOT NULL,
    settled INTEGER NOT NULL,
    outcome BLOB NOT NULL,
    bodies BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS loaded_bodies ON loaded(bodies);
CREATE TABLE IF NOT EXISTS bodies(
    key BLOB NOT NULL,
    part INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY(key, part)
);
CREATE TABLE IF NOT EXISTS tables(
    corpus BLOB PRIMARY KEY,
    data BLOB NOT NULL,
    used INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS lists(
    corpus BLOB NOT NULL,
    id INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY(corpus, id)
);";

/// How many corpus-wide records (entity tables, search indexes, related
/// reports and the last open, four a corpus, and the program's version)
/// the cache keeps: those of the few folders a reader goes back and forth
/// between.
const TABLES_KEPT: i64 = 17;

/// The state database only ever gains tables: what the reader did is never
/// dropped for a schema change.
const STATE_SCHEMA: i64 = 2;
const STATE_TABLES: &str = "
CREATE TABLE IF NOT EXISTS marks(
    article BLOB PRIMARY KEY,
    read INTEGER NOT NULL,
    starred INTEGER NOT NULL,
    changed INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS positions(
    folders TEXT PRIMARY KEY,
    article BLOB,
    scroll INTEGER NOT NULL,
    filter TEXT NOT NULL,
    saved INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS searches(
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    saved INTEGER NOT NULL
);";

/// The page cache of each read-only connection, in KiB (as SQLite takes a
/// negative `cache_size`).
const READER_CACHE_KIB: i64 = -256;

pub struct SqliteStore {
    cache: Db,
    state: Db,
    /// Read-only connections for bodies and lists, opened as they are
    /// needed: one per thread reading at once (a search checking phrases
    /// reads many bodies).
    readers: Mutex<Vec<Connection>>,
    warnings: Mutex<Vec<String>>,
}

impl SqliteStore {
    /// Opens (creating when needed) both databases. Never fails: whatever
    /// cannot be opened is done without, with a warning.
    pub fn open(paths: &StorePaths) -> SqliteStore {
        let mut warnings = Vec::new();
        let cache = open_db(
            &paths.cache_file(),
            "cache",
            CACHE_TABLES,
            CACHE_SCHEMA,
            true,
            &mut warnings,
        );
        let state = open_db(
            &paths.state_file(),
            "reader state",
            STATE_TABLES,
            STATE_SCHEMA,
            false,
            &mut warnings,
        );
        SqliteStore {
            cache,
            state,
            readers: Mutex::new(Vec::new()),
            warnings: Mutex::new(warnings),
        }
    }

    fn with<T>(
        db: &Db,
        missing: impl FnOnce() -> StoreError,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let mut guard = db.conn.lock().unwrap_or_else(|p| p.into_inner());
        let conn = guard.as_mut().ok_or_else(missing)?;
        f(conn).map_err(|source| StoreError::Sqlite {
            path: db.path.display().to_string(),
            source,
        })
    }

    fn cache<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        Self::with(&self.cache, || StoreError::NoCache, f)
    }

    fn state<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        Self::with(&self.state, || StoreError::NoState, f)
    }
}

impl SqliteStore {
    /// A read-only connection to the cache of its own, for one long read;
    /// `None` without a cache.
    fn reader(&self) -> Option<Connection> {
        if self
            .cache
            .conn
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_none()
        {
            return None;
        }
        let conn = Connection::open_with_flags(
            &self.cache.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()?;
        conn.busy_timeout(BUSY_TIMEOUT).ok()?;
        // A reader reads each page of a record or a body once, or the same
        // few index pages again: the system's file cache serves what is
        // read again, and a page cache of SQLite's own would hold up to
        // 2 MB for every idle reader.
        conn.pragma_update(None, "cache_size", READER_CACHE_KIB)
            .ok()?;
        Some(conn)
    }

    /// Runs `read` on an idle read-only connection (opening one when none
    /// is idle), or on the cache's own when none opens.
    fn with_reader<T>(
        &self,
        read: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let idle = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let Some(conn) = idle.or_else(|| self.reader()) else {
            return self.cache(|conn| read(conn));
        };
        let result = read(&conn).map_err(|source| self.failed(source));
        self.readers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(conn);
        result
    }

    fn failed(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.cache.path.display().to_string(),
            source,
        }
    }
}

/// Streams the record kept under `key` to `read`, inside one read
/// transaction (so the row cannot be replaced between finding it and
/// reading it).
fn read_record(
    conn: &Connection,
    key: &[u8; 32],
    read: &mut dyn FnMut(&mut dyn std::io::Read, usize),
) -> rusqlite::Result<bool> {
    let tx = conn.unchecked_transaction()?;
    let row: Option<i64> = tx
        .query_row(
            "SELECT rowid FROM tables WHERE corpus = ?1",
            [&key[..]],
            |r| r.get(0),
        )
        .optional()?;
    let Some(row) = row else {
        return Ok(false);
    };
    {
        let mut blob = tx.blob_open(rusqlite::MAIN_DB, "tables", "data", row, true)?;
        let len = blob.len();
        read(&mut blob, len);
    }
    tx.finish()?;
    Ok(true)
}

/// Hands `each` the kept outcomes for paths in `[from, to)`, in one read
/// transaction; a row whose hash is not a hash is left out (its file is
/// read again and the row rewritten).
fn scan_loaded(
    conn: &Connection,
    from: &str,
    to: &str,
    version: &[u8; 32],
    each: &mut dyn FnMut(KeptRow<'_>),
) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    {
        let mut q = tx.prepare_cached(
            "SELECT path, size, mtime_ns, ctime_ns, content, settled, outcome FROM loaded \
             WHERE path >= ?1 AND path < ?2 AND version = ?3",
        )?;
        let mut rows = q.query(params![from, to, &version[..]])?;
        while let Some(r) = rows.next()? {
            let Ok(content) = <[u8; 32]>::try_from(r.get_ref(4)?.as_blob()?) else {
                continue;
            };
            each(KeptRow {
                path: r.get_ref(0)?.as_str()?,
                size: r.get::<_, i64>(1)?.max(0) as u64,
                mtime_ns: r.get(2)?,
                ctime_ns: r.get(3)?,
                content,
                settled: r.get(5)?,
                outcome: r.get_ref(6)?.as_blob()?,
            });
        }
    }
    tx.finish()
}

/// Drops the bodies records no kept outcome points to any more (their
/// files changed, went away, or were read by another version).
fn forget_unused_bodies(conn: &Connection) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM bodies WHERE key NOT IN (SELECT bodies FROM loaded)",
        [],
    )
}

/// The `len` bytes from `offset` in the part of the bodies record `at` is
/// in, read straight from the record.
fn read_kept(
    conn: &Connection,
    at: &KeptBody,
    offset: u32,
    len: u32,
) -> rusqlite::Result<Option<Vec<u8>>> {
    // A part is a few dozen pages at most: one statement reads the bytes
    // out of it (and says how long the part is, so bytes that do not fit
    // in it are told from none).
    let row: Option<(Vec<u8>, i64)> = conn
        .prepare_cached(
            "SELECT substr(data, ?3 + 1, ?4), length(data) FROM bodies WHERE key = ?1 AND part = ?2",
        )?
        .query_row(params![&at.source[..], at.part, offset, len], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    Ok(row
        .filter(|(_, part)| offset as i64 + len as i64 <= *part)
        .map(|(bytes, _)| bytes))
}

/// Hands `each` every kept list of `ids` under `corpus`, in one read
/// transaction (so a record replaced meanwhile is read whole or not at all).
fn read_lists(
    conn: &Connection,
    corpus: &[u8; 32],
    ids: &[u64],
    each: &mut dyn FnMut(u64, &[u8]),
) -> rusqlite::Result<()> {
    let tx = conn.unchecked_transaction()?;
    {
        let mut q = tx.prepare_cached("SELECT data FROM lists WHERE corpus = ?1 AND id = ?2")?;
        for &id in ids {
            let Ok(at) = i64::try_from(id) else {
                continue;
            };
            let mut rows = q.query(params![&corpus[..], at])?;
            if let Some(r) = rows.next()? {
                each(id, r.get_ref(0)?.as_blob()?);
            }
        }
    }
    tx.finish()
}

/// Past this many bytes the write-ahead log is emptied after a write.
const WAL_KEPT: u64 = 16 << 20;

/// Empties the cache's write-ahead log (copying it into the database)
/// when it has grown past `WAL_KEPT`, unless a reader is using it (then
/// the next large write tries again). A log is kept until it is emptied,
/// and the first connection a process opens reads all of it through: after
/// the writes of a first open, some 100 MB, tens of milliseconds at every
/// later start.
fn empty_wal_if_large(conn: &Connection, db: &Path) {
    if std::fs::metadata(beside(db, "-wal")).is_ok_and(|m| m.len() > WAL_KEPT) {
        // Not waiting for readers: a checkpoint that meets one is given up.
        let _ = conn.busy_timeout(std::time::Duration::ZERO);
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        let _ = conn.busy_timeout(BUSY_TIMEOUT);
    }
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The file SQLite keeps beside the database `db`, by its suffix
/// (`-wal`, `-shm`).
fn beside(db: &Path, suffix: &str) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

fn file_size(path: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(beside(path, s)).ok())
        .map(|m| m.len())
        .sum()
}

impl Store for SqliteStore {
    fn recognised(&self, files: &[FileStamp]) -> Result<Vec<FileRecognition>, StoreError> {
        let version = extraction_version();
        self.cache(|conn| {
            let tx = conn.transaction()?;
            let mut out = Vec::with_capacity(files.len());
            {
                let mut file_q =
                    tx.prepare_cached("SELECT version, size, mtime_ns FROM files WHERE path = ?1")?;
                let mut rows_q = tx.prepare_cached(
                    "SELECT article, found FROM recognised WHERE path = ?1 ORDER BY ord",
                )?;
                for stamp in files {
                    let stored: Option<(Vec<u8>, i64, i64)> = file_q
                        .query_row([&stamp.path], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                        .optional()?;
                    let mut articles = Vec::new();
                    let mut stored_stamp = None;
                    if let Some((v, size, mtime_ns)) = stored
                        && v == version[..]
                    {
                        stored_stamp = Some(FileStamp {
                            path: stamp.path.clone(),
                            size: size.max(0) as u64,
                            mtime_ns,
                        });
                        let rows = rows_q.query_map([&stamp.path], |r| {
                            Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Vec<u8>>(1)?))
                        })?;
                        for row in rows {
                            let (key, found) = row?;
                            // A row that does not decode is left out: its
                            // article is recognised again and rewritten.
                            if let (Ok(key), Some(found)) =
                                (<[u8; 32]>::try_from(key.as_slice()), codec::decode(&found))
                            {
                                articles.push((ArticleKey(key), found));
                            }
                        }
                    }
                    out.push(FileRecognition {
                        stamp: stored_stamp,
                        articles,
                    });
                }
            }
            tx.finish()?;
            Ok(out)
        })
    }

    fn save_recognised(&self, files: &[FileToSave<'_>]) -> Result<(), StoreError> {
        if files.is_empty() || !self.cache.writable {
            return Ok(());
        }
        let version = extraction_version();
        self.cache(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            {
                let mut del = tx.prepare_cached("DELETE FROM recognised WHERE path = ?1")?;
                let mut file = tx.prepare_cached(
                    "INSERT OR REPLACE INTO files(path, size, mtime_ns, version) VALUES (?1, ?2, ?3, ?4)",
                )?;
                let mut row = tx.prepare_cached(
                    "INSERT INTO recognised(path, ord, article, found) VALUES (?1, ?2, ?3, ?4)",
                )?;
                for f in files {
                    let s = &f.stamp;
                    del.execute([&s.path])?;
                    file.execute(params![s.path, s.size as i64, s.mtime_ns, &version[..]])?;
                    for (ord, (key, found)) in f.articles.iter().enumerate() {
                        row.execute(params![s.path, ord as i64, &key.0[..], codec::encode(found)])?;
                    }
                }
            }
            tx.commit()
        })
    }

    fn loaded(
        &self,
        from: &str,
        to: &str,
        version: &[u8; 32],
        each: &mut dyn FnMut(KeptRow<'_>),
    ) -> Result<(), StoreError> {
        match self.reader() {
            Some(conn) => {
                scan_loaded(&conn, from, to, version, each).map_err(|source| self.failed(source))
            }
            None => self.cache(|conn| scan_loaded(conn, from, to, version, each)),
        }
    }

    fn save_loaded(&self, files: &[KeptFile], version: &[u8; 32]) -> Result<(), StoreError> {
        if files.is_empty() || !self.cache.writable {
            return Ok(());
        }
        self.cache(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            {
                let mut row = tx.prepare_cached(
                    "INSERT OR REPLACE INTO loaded(path, size, mtime_ns, ctime_ns, version, content, settled, outcome, bodies) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?;
                let mut body_row = tx.prepare_cached(
                    "INSERT OR IGNORE INTO bodies(key, part, data) VALUES (?1, ?2, ?3)",
                )?;
                for f in files {
                    let s = &f.stamp;
                    let bodies = bodies_key(version, &f.content);
                    for (part, data) in f.bodies.iter().flatten().enumerate() {
                        body_row.execute(params![&bodies[..], part as i64, data])?;
                    }
                    row.execute(params![
                        s.path,
                        s.size.min(i64::MAX as u64) as i64,
                        s.mtime_ns,
                        s.ctime_ns,
                        &version[..],
                        &f.content[..],
                        f.settled,
                        f.outcome,
                        &bodies[..]
                    ])?;
                }
            }
            tx.commit()?;
            empty_wal_if_large(conn, &self.cache.path);
            Ok(())
        })
    }

    fn read_record(
        &self,
        corpus: &[u8; 32],
        read: &mut dyn FnMut(&mut dyn std::io::Read, usize),
    ) -> Result<bool, StoreError> {
        // A connection of its own, when one opens: the record is decoded
        // as it is read, and the names and the search index are read at
        // the same time on two threads, neither waiting for the other.
        match self.reader() {
            Some(conn) => read_record(&conn, corpus, read).map_err(|source| self.failed(source)),
            None => self.cache(|conn| read_record(conn, corpus, read)),
        }
    }

    fn body(&self, at: &KeptBody) -> Result<Option<String>, StoreError> {
        let bytes = self.with_reader(|conn| read_kept(conn, at, at.offset, at.len))?;
        Ok(bytes.and_then(|b| String::from_utf8(b).ok()))
    }

    fn furniture(&self, at: &KeptBody) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(start) = at.offset.checked_add(at.len) else {
            return Ok(None);
        };
        self.with_reader(|conn| read_kept(conn, at, start, at.furniture))
    }

    fn read_lists(
        &self,
        corpus: &[u8; 32],
        ids: &[u64],
        each: &mut dyn FnMut(u64, &[u8]),
    ) -> Result<(), StoreError> {
        self.with_reader(|conn| read_lists(conn, corpus, ids, each))
    }

    fn bodies(&self, each: &mut super::EachPart<'_>) -> Result<(), StoreError> {
        let mut scan = |conn: &Connection| -> rusqlite::Result<()> {
            let tx = conn.unchecked_transaction()?;
            {
                let mut q = tx.prepare("SELECT key, part, data FROM bodies")?;
                let mut rows = q.query([])?;
                while let Some(r) = rows.next()? {
                    let part = u32::try_from(r.get::<_, i64>(1)?).unwrap_or(u32::MAX);
                    if let Ok(key) = <[u8; 32]>::try_from(r.get_ref(0)?.as_blob()?) {
                        each(&key, part, r.get_ref(2)?.as_blob()?);
                    }
                }
            }
            tx.finish()
        };
        match self.reader() {
            Some(conn) => scan(&conn).map_err(|source| self.failed(source)),
            None => self.cache(|conn| scan(conn)),
        }
    }

    fn forget_unused_bodies(&self) -> Result<(), StoreError> {
        if !self.cache.writable {
            return Ok(());
        }
        self.cache(|conn| forget_unused_bodies(conn).map(drop))
    }

    fn has_record(&self, corpus: &[u8; 32]) -> Result<bool, StoreError> {
        self.cache(|conn| {
            conn.query_row(
                "SELECT EXISTS(SELECT 1 FROM tables WHERE corpus = ?1)",
                [&corpus[..]],
                |r| r.get(0),
            )
        })
    }

    fn save_record(
        &self,
        corpus: &[u8; 32],
        record: &[u8],
        lists: &mut dyn Iterator<Item = (u64, Vec<u8>)>,
    ) -> Result<bool, StoreError> {
        if !self.cache.writable {
            return Ok(false);
        }
        let now = now();
        self.cache(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            tx.execute(
                "INSERT OR REPLACE INTO tables(corpus, data, used) VALUES (?1, ?2, ?3)",
                params![&corpus[..], record, now],
            )?;
            tx.execute("DELETE FROM lists WHERE corpus = ?1", [&corpus[..]])?;
            {
                let mut put = tx.prepare(
                    "INSERT OR REPLACE INTO lists(corpus, id, data) VALUES (?1, ?2, ?3)",
                )?;
                for (id, data) in lists {
                    let Ok(id) = i64::try_from(id) else {
                        continue;
                    };
                    put.execute(params![&corpus[..], id, data])?;
                }
            }
            let dropped = tx.execute(
                "DELETE FROM tables WHERE corpus NOT IN \
                 (SELECT corpus FROM tables ORDER BY used DESC LIMIT ?1)",
                [TABLES_KEPT],
            )?;
            if dropped > 0 {
                tx.execute(
                    "DELETE FROM lists WHERE corpus NOT IN (SELECT corpus FROM tables)",
                    [],
                )?;
            }
            tx.commit()?;
            empty_wal_if_large(conn, &self.cache.path);
            Ok(true)
        })
    }

    fn forget_missing(&self, root: &str, present: &FxHashSet<&str>) -> Result<usize, StoreError> {
        if !self.cache.writable {
            return Ok(0);
        }
        // Every path under `root/` sorts between `root/` and `root0`.
        let from = format!("{root}/");
        let to = format!("{root}0");
        self.cache(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let gone: Vec<String> = {
                let mut q = tx.prepare("SELECT path FROM files WHERE path >= ?1 AND path < ?2")?;
                q.query_map([&from, &to], |r| r.get::<_, String>(0))?
                    .filter_map(Result::ok)
                    .filter(|p| !present.contains(p.as_str()))
                    .collect()
            };
            let gone_loaded: Vec<String> = {
                let mut q = tx.prepare("SELECT path FROM loaded WHERE path >= ?1 AND path < ?2")?;
                q.query_map([&from, &to], |r| r.get::<_, String>(0))?
                    .filter_map(Result::ok)
                    .filter(|p| !present.contains(p.as_str()))
                    .collect()
            };
            for p in &gone_loaded {
                tx.execute("DELETE FROM loaded WHERE path = ?1", [p])?;
            }
            for p in &gone {
                tx.execute("DELETE FROM recognised WHERE path = ?1", [p])?;
                tx.execute("DELETE FROM files WHERE path = ?1", [p])?;
            }
            forget_unused_bodies(&tx)?;
            tx.commit()?;
            Ok(gone.len())
        })
    }

    fn marks(&self) -> Result<Vec<(ArticleKey, Marks)>, StoreError> {
        self.state(|conn| {
            let mut q = conn.prepare("SELECT article, read, starred FROM marks")?;
            let rows = q.query_map([], |r| {
                Ok((
                    r.get::<_, Vec<u8>>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, bool>(2)?,
                ))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (key, read, starred) = row?;
                if let Ok(key) = <[u8; 32]>::try_from(key.as_slice()) {
                    out.push((ArticleKey(key), Marks { read, starred }));
                }
            }
            Ok(out)
        })
    }

    fn set_marks(&self, keys: &[ArticleKey], change: MarkChange) -> Result<(), StoreError> {
        if !self.state.writable {
            return Err(StoreError::NoState);
        }
        let (column, value) = match change {
            MarkChange::Read => ("read", true),
            MarkChange::Unread => ("read", false),
            MarkChange::Star => ("starred", true),
            MarkChange::Unstar => ("starred", false),
        };
        let now = now();
        self.state(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            {
                let mut insert = tx.prepare(
                    "INSERT OR IGNORE INTO marks(article, read, starred, changed) VALUES (?1, 0, 0, ?2)",
                )?;
                let mut update = tx.prepare(&format!(
                    "UPDATE marks SET {column} = ?2, changed = ?3 WHERE article = ?1"
                ))?;
                for key in keys {
                    insert.execute(params![&key.0[..], now])?;
                    update.execute(params![&key.0[..], value, now])?;
                }
            }
            tx.execute("DELETE FROM marks WHERE read = 0 AND starred = 0", [])?;
            tx.commit()
        })
    }

    fn position(&self, folders: &str) -> Result<Option<SavedPosition>, StoreError> {
        self.state(|conn| {
            conn.query_row(
                "SELECT article, scroll, filter FROM positions WHERE folders = ?1",
                [folders],
                |r| {
                    let key: Option<Vec<u8>> = r.get(0)?;
                    Ok(SavedPosition {
                        article: key
                            .and_then(|k| <[u8; 32]>::try_from(k.as_slice()).ok())
                            .map(ArticleKey),
                        scroll: r.get::<_, i64>(1)?.max(0) as u64,
                        filter: r.get(2)?,
                    })
                },
            )
            .optional()
        })
    }

    fn save_position(&self, folders: &str, p: &SavedPosition) -> Result<(), StoreError> {
        if !self.state.writable {
            return Err(StoreError::NoState);
        }
        let now = now();
        self.state(|conn| {
            conn.execute(
                "INSERT OR REPLACE INTO positions(folders, article, scroll, filter, saved) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    folders,
                    p.article.map(|k| k.0.to_vec()),
                    p.scroll.min(i64::MAX as u64) as i64,
                    p.filter,
                    now
                ],
            )
            .map(|_| ())
        })
    }

    fn searches(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.state(|conn| {
            let mut stmt = conn.prepare("SELECT name, query FROM searches ORDER BY name")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }

    fn save_search(&self, name: &str, query: &str) -> Result<(), StoreError> {
        if !self.state.writable {
            return Err(StoreError::NoState);
        }
        let now = now();
        self.state(|conn| {
            conn.execute(
                "INSERT OR REPLACE INTO searches(name, query, saved) VALUES (?1, ?2, ?3)",
                params![name, query, now],
            )
            .map(|_| ())
        })
    }

    fn delete_search(&self, name: &str) -> Result<(), StoreError> {
        if !self.state.writable {
            return Err(StoreError::NoState);
        }
        self.state(|conn| {
            conn.execute("DELETE FROM searches WHERE name = ?1", [name])
                .map(|_| ())
        })
    }

    fn status(&self) -> Result<StoreStatus, StoreError> {
        let mut s = StoreStatus::default();
        let count = |conn: &mut Connection, sql: &str| -> rusqlite::Result<u64> {
            conn.query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n.max(0) as u64)
        };
        if let Ok((files, articles)) = self.cache(|c| {
            Ok((
                count(c, "SELECT count(*) FROM files")?,
                count(c, "SELECT count(*) FROM recognised")?,
            ))
        }) {
            s.cache_path = Some(self.cache.path.display().to_string());
            s.cache_bytes = file_size(&self.cache.path);
            s.cached_files = files;
            s.cached_articles = articles;
        }
        if let Ok(marked) = self.state(|c| count(c, "SELECT count(*) FROM marks")) {
            s.state_path = Some(self.state.path.display().to_string());
            s.state_bytes = file_size(&self.state.path);
            s.marked_articles = marked;
        }
        Ok(s)
    }

    fn clear_cache(&self) -> Result<(), StoreError> {
        if !self.cache.writable {
            return Err(StoreError::NoCache);
        }
        self.cache(|conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            tx.execute_batch("DELETE FROM recognised; DELETE FROM files; DELETE FROM tables; DELETE FROM lists; DELETE FROM loaded; DELETE FROM bodies;")?;
            tx.commit()?;
            // Give the space back to the disk.
            conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")
        })
    }

    fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|p| p.into_inner()))
    }
}
