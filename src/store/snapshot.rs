//! The last open of a set of folders, whole: every file's report and every
//! article as the corpus held them (their bodies stay in the cache), kept
//! under the key of the set of files it was made from. The reader shows it
//! at once, without looking at a single file, and then checks the folders
//! on a worker (`Session::still_current`); a change opens them again the
//! way a live change does. Command-line commands always look at the files
//! first.
//!
//! Kept as a corpus-wide record: a short head, and the files and their
//! articles in numbered chunks beside it, written one at a time and decoded
//! on every core. Each chunk repeats the key of the set of files, so chunks
//! of two different opens are never mixed.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use rayon::prelude::*;

use super::bytes::{Reader, Writer, exactly};
use super::loading::{FilesKey, outcome_version};
use super::outcome::Metadata;
use super::session::Session;
use crate::corpus::body::{BodySource, KeptBody};
use crate::corpus::{Article, Body, Corpus, FileReport, FileStatus, LoadOptions};

/// Bumped whenever the record's form changes.
const FORMAT: u32 = 1;

/// About how many articles a chunk holds.
const CHUNK_ARTICLES: usize = 2048;

/// Most chunks a head may say there are (two billion articles).
const MAX_CHUNKS: usize = 1 << 20;

/// What the head of the record says.
#[derive(Debug, PartialEq, Eq)]
struct Head {
    /// The key of the set of files the corpus was loaded from.
    files: [u8; 32],
    reports: usize,
    articles: usize,
    chunks: usize,
}

impl Head {
    fn encode(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.n(FORMAT as usize);
        w.0.extend_from_slice(&self.files);
        w.n(self.reports);
        w.n(self.articles);
        w.n(self.chunks);
        w.0
    }

    fn decode(bytes: &[u8]) -> Option<Head> {
        let mut r = Reader(bytes);
        if r.n()? != FORMAT as usize {
            return None;
        }
        let files = r.key()?;
        let head = Head {
            files,
            reports: r.n()?,
            articles: r.n()?,
            chunks: r.n()?,
        };
        r.0.is_empty().then_some(head)
    }
}

/// The files of each chunk: runs of whole files of about `CHUNK_ARTICLES`
/// articles, with the range of their articles.
fn chunks(files: &[FileReport]) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let (mut first_file, mut first_article, mut article) = (0, 0, 0);
    for (i, f) in files.iter().enumerate() {
        article += f.articles;
        if article - first_article >= CHUNK_ARTICLES || i + 1 == files.len() {
            out.push((first_file..i + 1, first_article..article));
            (first_file, first_article) = (i + 1, article);
        }
    }
    out
}

fn status_parts(status: &FileStatus) -> (u8, &str) {
    match status {
        FileStatus::Ok => (0, ""),
        FileStatus::Warning(r) => (1, r),
        FileStatus::Error(r) => (2, r),
    }
}

/// One chunk's bytes: the key of the set of files, the files' reports,
/// then their articles, each with where its body is kept (`places`, one an
/// article).
fn encode_chunk(
    files_key: &[u8; 32],
    files: &[FileReport],
    articles: &[Article],
    places: &[KeptBody],
) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(articles.len() * 256));
    w.0.extend_from_slice(files_key);
    w.n(files.len());
    for f in files {
        let (tag, reason) = status_parts(&f.status);
        w.s(&f.path);
        w.0.push(tag);
        w.s(reason);
        w.n(f.articles);
    }
    for (a, at) in articles.iter().zip(places) {
        w.fields(a);
        w.0.extend_from_slice(&at.source);
        for n in [at.part, at.offset, at.len, at.furniture] {
            w.n(n as usize);
        }
        w.0.extend_from_slice(&at.key);
        w.metadata(a);
    }
    w.0
}

/// A chunk's reports and articles.
type Decoded = (Vec<FileReport>, Vec<Article>);

/// Reads back what `encode_chunk` wrote; `None` when the bytes are not
/// such a chunk of the set of files `files_key`.
fn decode_chunk(
    bytes: &[u8],
    files_key: &[u8; 32],
    source: &Arc<dyn BodySource>,
) -> Option<Decoded> {
    let mut r = Reader(bytes);
    if r.key()? != *files_key {
        return None;
    }
    let count = r.count(13)?;
    let reports = exactly(count, || {
        let path: Arc<str> = r.str()?.into();
        let status = match (r.byte()?, r.s()?) {
            (0, _) => FileStatus::Ok,
            (1, why) => FileStatus::Warning(why),
            (2, why) => FileStatus::Error(why),
            _ => return None,
        };
        let articles = r.n()?;
        Some(FileReport {
            path,
            status,
            articles,
        })
    })?;
    let total = reports.iter().map(|f| f.articles).sum::<usize>();
    let mut articles = Vec::with_capacity(total.min(r.0.len() / 80));
    for f in &reports {
        for _ in 0..f.articles {
            let fields = r.fields()?;
            let at = KeptBody {
                source: r.key()?,
                part: r.n()? as u32,
                offset: r.n()? as u32,
                len: r.n()? as u32,
                furniture: r.n()? as u32,
                key: r.key()?,
            };
            let metadata: Metadata = r.metadata()?;
            let body = Body::kept(at, Arc::clone(source));
            articles.push(fields.article(Arc::clone(&f.path), body, metadata));
        }
    }
    r.0.is_empty().then_some((reports, articles))
}

/// The files the last load read afresh (and kept) that gave articles:
/// their bodies are in memory, kept in the cache under their content.
#[derive(Default)]
pub(super) struct ReadAfresh {
    pub(super) files: Vec<FreshFile>,
    /// Some could not be kept: their bodies are not in the cache.
    pub(super) unkept: bool,
}

pub(super) struct FreshFile {
    /// The file's place among the files the load found.
    pub(super) place: u32,
    pub(super) articles: u32,
    pub(super) content: [u8; 32],
}

/// Whether the articles' bodies are in memory (a file read afresh), not in
/// the cache.
fn in_memory(articles: &[Article]) -> bool {
    articles.iter().any(|a| a.body.place().is_none())
}

/// Where the bodies of the files read afresh are kept, in the order of the
/// files: the reports whose bodies are in memory are, in order, the files
/// read afresh that gave articles.
#[derive(Clone)]
struct Sources<'a> {
    fresh: &'a [FreshFile],
    next: usize,
    version: [u8; 32],
}

impl Sources<'_> {
    /// The bodies record of the next file read afresh, which must be the
    /// file `report` is of (as many articles); `None` when it is not.
    fn next_for(&mut self, report: &FileReport) -> Option<[u8; 32]> {
        let f = self.fresh.get(self.next)?;
        self.next += 1;
        (f.articles as usize == report.articles)
            .then(|| super::bodies_key(&self.version, &f.content))
    }
}

impl Session {
    /// The key the last open of these folders is kept under: the version
    /// outcomes are kept under and the folders.
    fn last_open_key(&self, options: &LoadOptions) -> [u8; 32] {
        let mut h = blake3::Hasher::new();
        h.update(b"last open");
        h.update(&FORMAT.to_le_bytes());
        h.update(&outcome_version(options));
        for root in self.root_texts() {
            h.update(&(root.len() as u64).to_le_bytes());
            h.update(root.as_bytes());
        }
        *h.finalize().as_bytes()
    }

    fn last_head(&self, key: &[u8; 32]) -> Option<Head> {
        let mut head = None;
        let read = self.store().read_record(key, &mut |bytes, len| {
            let mut buf = Vec::with_capacity(len.min(1 << 10));
            if std::io::Read::read_to_end(&mut std::io::Read::take(bytes, 1 << 10), &mut buf)
                .is_ok()
            {
                head = Head::decode(&buf);
            }
        });
        if let Err(e) = read {
            self.warn_store("reading the cache", &e);
        }
        head
    }

    /// The corpus as the last open of these folders left it, when the
    /// cache holds it whole; no file is looked at. The caller checks it
    /// against the folders with `still_current`.
    pub fn open_last(&self, options: &LoadOptions) -> Option<Corpus> {
        self.recall_version();
        let key = self.last_open_key(options);
        let head = self.last_head(&key)?;
        // A chunk holds at least one file: a head that says otherwise is
        // damaged (and must not size anything).
        if head.chunks > head.reports.max(1) || head.chunks > MAX_CHUNKS {
            return None;
        }
        // Runs of chunks read on every core, each on a connection of its
        // own and decoded as it is read: the chunks' bytes are never held
        // together.
        let source = self.body_source();
        let runs = head
            .chunks
            .div_ceil(2 * rayon::current_num_threads())
            .max(1);
        let ids: Vec<u64> = (0..head.chunks as u64).collect();
        let decoded: Vec<Option<Vec<Decoded>>> = ids
            .par_chunks(runs)
            .map(|ids| {
                let mut out = Vec::with_capacity(ids.len());
                let read = self.store().read_lists(&key, ids, &mut |id, bytes| {
                    // A chunk missing or out of order leaves `out` short.
                    if ids.get(out.len()) == Some(&id) {
                        out.extend(decode_chunk(bytes, &head.files, &source));
                    }
                });
                if let Err(e) = read {
                    self.warn_store("reading the cache", &e);
                }
                (out.len() == ids.len()).then_some(out)
            })
            .collect();
        let decoded = decoded.into_iter().collect::<Option<Vec<_>>>()?;
        // Sized by what was decoded, which must be what the head says.
        let count = |of: fn(&Decoded) -> usize| decoded.iter().flatten().map(of).sum::<usize>();
        let (reports, articles) = (count(|d| d.0.len()), count(|d| d.1.len()));
        if reports != head.reports || articles != head.articles {
            return None;
        }
        let mut corpus = Corpus::default();
        corpus.files.reserve_exact(reports);
        corpus.articles.reserve_exact(articles);
        for (files, articles) in decoded.into_iter().flatten() {
            corpus.files.extend(files);
            corpus.articles.extend(articles);
        }
        *super::loading::lock(&self.files_key) = Some(head.files);
        self.files_read.store(0, Ordering::Relaxed);
        self.opened_last.store(true, Ordering::Relaxed);
        Some(corpus)
    }

    /// Keeps `corpus`, as the last load gave it, as the last open of these
    /// folders, unless that is kept already. Only a corpus whose files
    /// could all vouch for their content (see `loading::files_key`) and
    /// whose every body is kept in the cache (taken from it, or read
    /// afresh and kept by the load) is kept.
    pub fn keep_last(&self, corpus: &Corpus, options: &LoadOptions) {
        // Taken whatever happens: it is of use to this keep alone.
        let afresh = std::mem::take(&mut *super::loading::lock(&self.read_afresh));
        let Some(files_key) = *super::loading::lock(&self.files_key) else {
            return;
        };
        if corpus.articles.is_empty() || afresh.unkept {
            return;
        }
        let _keeping = super::loading::lock(&self.keeping_last);
        let key = self.last_open_key(options);
        if self.last_head(&key).is_some_and(|h| h.files == files_key) {
            return;
        }
        let mut fresh = afresh.files;
        fresh.sort_unstable_by_key(|f| f.place);
        let sources = Sources {
            fresh: &fresh,
            next: 0,
            version: outcome_version(options),
        };
        // Every body must be where a chunk will say: checked before a byte
        // is written.
        let mut check = sources.clone();
        let mut at = 0;
        for f in &corpus.files {
            let mine = &corpus.articles[at..at + f.articles];
            at += f.articles;
            if in_memory(mine) && check.next_for(f).is_none() {
                return;
            }
        }
        if check.next != fresh.len() {
            return;
        }
        let mut sources = sources;
        let mut places = |files: &[FileReport], articles: &[Article]| -> Option<Vec<KeptBody>> {
            let mut out = Vec::with_capacity(articles.len());
            let mut from = 0;
            for f in files {
                let mine = articles.get(from..from + f.articles)?;
                from += f.articles;
                if in_memory(mine) {
                    out.extend(super::outcome::kept_places(&sources.next_for(f)?, mine)?);
                } else {
                    out.extend(mine.iter().filter_map(|a| a.body.place().copied()));
                }
            }
            Some(out)
        };
        let chunks = chunks(&corpus.files);
        let head = Head {
            files: files_key,
            reports: corpus.files.len(),
            articles: corpus.articles.len(),
            chunks: chunks.len(),
        };
        let mut short = false;
        let mut lists = chunks
            .into_iter()
            .enumerate()
            .map_while(|(id, (files, articles))| {
                let (files, articles) = (&corpus.files[files], &corpus.articles[articles]);
                let Some(places) = places(files, articles) else {
                    short = true;
                    return None;
                };
                Some((
                    id as u64,
                    encode_chunk(&files_key, files, articles, &places),
                ))
            });
        let saved = self.store().save_record(&key, &head.encode(), &mut lists);
        drop(lists);
        match saved {
            Err(e) => self.warn_store("writing the cache", &e),
            // A list ended short never decodes whole: written off, so the
            // next open does not take it for kept.
            Ok(true) if short => {
                let _ = self.store().save_record(&key, b"", &mut std::iter::empty());
            }
            Ok(_) => {}
        }
    }

    /// Whether the folders `paths` still hold what the last load found:
    /// the same entries under the same names, every file settled and with
    /// the stamp it had. Looks at every file (one `stat` each), never at
    /// its bytes.
    pub fn still_current(&self, paths: &[PathBuf], corpus: &Corpus) -> bool {
        let Some(kept) = *super::loading::lock(&self.files_key) else {
            return false;
        };
        let roots: Vec<String> = self.root_texts().collect();
        let mut key = FilesKey::new(&outcome_version(&LoadOptions::default()), &roots);
        // Each file stamped as the walk finds it, on this thread alone (a
        // check in the background leaves the other cores to searches).
        let mut sure = true;
        let same = crate::corpus::load::same_entries(paths, &corpus.files, &mut |file| {
            sure = sure && key.add_file(self, &file);
        });
        same && sure && key.finish() == kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::outcome::tests::Nowhere;

    fn kept_corpus() -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "date 2025-04-11\nRain in Bergen\n\nBy Ingrid Solberg\n\nIt rained in Bergen.\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("b.json"),
            r#"[{"title": "Quotas", "text": "The council met.", "url": "https://example.com/q"},
                {"title": "Fish", "text": "The boats came in."}]"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("c.txt"), "").unwrap();
        let mut corpus = crate::corpus::load_paths(&[dir.path().to_path_buf()]).unwrap();
        let source: Arc<dyn BodySource> = Arc::new(Nowhere);
        for (i, a) in corpus.articles.iter_mut().enumerate() {
            let at = KeptBody {
                source: [i as u8; 32],
                part: i as u32,
                offset: 7 * i as u32,
                len: a.body.len() as u32,
                furniture: 3,
                key: [9 - i as u8; 32],
            };
            a.body = Body::kept(at, Arc::clone(&source));
        }
        corpus
    }

    fn shown(corpus: &Corpus) -> String {
        let articles: Vec<String> = corpus
            .articles
            .iter()
            .map(|a| {
                format!("{} {:?} {:?}", a.path, a.body.place(), {
                    let mut a = a.clone();
                    a.body = Body::new(String::new(), Vec::new());
                    a
                })
            })
            .collect();
        format!("{:?}\n{}", corpus.files, articles.join("\n"))
    }

    #[test]
    fn a_chunk_gives_back_its_files_and_articles() {
        let corpus = kept_corpus();
        assert_eq!(corpus.files.len(), 3);
        let key = [5; 32];
        let places: Vec<KeptBody> = corpus
            .articles
            .iter()
            .map(|a| *a.body.place().unwrap())
            .collect();
        let bytes = encode_chunk(&key, &corpus.files, &corpus.articles, &places);
        let source: Arc<dyn BodySource> = Arc::new(Nowhere);
        let (files, articles) = decode_chunk(&bytes, &key, &source).unwrap();
        let back = Corpus { articles, files };
        assert_eq!(shown(&back), shown(&corpus));
        // Articles share their file's name.
        assert!(Arc::ptr_eq(&back.articles[1].path, &back.articles[2].path));
        // Another open's chunk, or a damaged one, is refused.
        assert!(decode_chunk(&bytes, &[6; 32], &source).is_none());
        for cut in [1, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode_chunk(&bytes[..cut], &key, &source).is_none());
        }
    }

    #[test]
    fn chunks_hold_whole_files_and_every_article_once() {
        let report = |articles| FileReport {
            path: "x".into(),
            status: FileStatus::Ok,
            articles,
        };
        let files: Vec<FileReport> = [1, 0, 3000, 5, 2047, 1, 1]
            .into_iter()
            .chain(std::iter::repeat_n(1, 5000))
            .map(report)
            .collect();
        let cut = chunks(&files);
        let total: usize = files.iter().map(|f| f.articles).sum();
        assert_eq!(cut.first().unwrap().0.start, 0);
        assert_eq!(cut.last().unwrap().0.end, files.len());
        assert_eq!(cut.last().unwrap().1.end, total);
        for pair in cut.windows(2) {
            assert_eq!(pair[0].0.end, pair[1].0.start);
            assert_eq!(pair[0].1.end, pair[1].1.start);
        }
        for (f, a) in &cut {
            let n: usize = files[f.clone()].iter().map(|f| f.articles).sum();
            assert_eq!(n, a.len());
        }
        assert!(cut.len() > 3);
        assert!(chunks(&[]).is_empty());
    }

    #[test]
    fn a_damaged_head_opens_nothing_and_sizes_nothing() {
        let home = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let store = super::super::SqliteStore::open(&super::super::StorePaths::under(home.path()));
        let session = Session::new(Box::new(store), &[folder.path().to_path_buf()]);
        let options = LoadOptions::default();
        let key = session.last_open_key(&options);
        let damaged = [
            (usize::MAX >> 1, usize::MAX >> 1, 1 << 30),
            (10, 4_000_000_000, 1),
            (1, 0, 2),
            (3, 3, 1),
        ];
        for (reports, articles, chunks) in damaged {
            let head = Head {
                files: [1; 32],
                reports: reports & 0xffff_ffff,
                articles: articles & 0xffff_ffff,
                chunks,
            };
            let saved = session
                .store()
                .save_record(&key, &head.encode(), &mut std::iter::empty());
            assert!(saved.unwrap());
            assert!(session.open_last(&options).is_none(), "{head:?}");
            assert!(!session.opened_last());
        }
    }

    #[test]
    fn the_head_round_trips_and_refuses_another_format() {
        let head = Head {
            files: [1; 32],
            reports: 3,
            articles: 4,
            chunks: 1,
        };
        let bytes = head.encode();
        assert_eq!(Head::decode(&bytes), Some(head));
        let mut other = bytes.clone();
        other[0] ^= 1;
        assert_eq!(Head::decode(&other), None);
        assert_eq!(Head::decode(&bytes[..bytes.len() - 1]), None);
    }
}
