//! Loading a corpus from paths: choosing a format by extension, giving
//! every article a stable unique id, and reporting per file what went wrong
//! without stopping the rest. Finding the files is `walk`'s work, reading
//! and decoding them `read`'s.

use super::problem::FileError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use thiserror::Error;

use super::article::Article;
use super::read::{Limited, decode, read_limited};
use super::walk::{Format, Found, LoadOptions, collect_files, describe_size};
use super::{json, plain, sample};
use crate::text::{message_line, shown_path};

/// A corpus could not be loaded at all.
#[derive(Debug, Error)]
pub enum LoadError {
    /// Not one article came out of the paths; the corpus says why, file by
    /// file.
    #[error("{}", nothing_loaded(.0))]
    NothingLoaded(Box<Corpus>),
}

/// The one line that says why nothing loaded: the single problem when there
/// was one, else how many.
fn nothing_loaded(corpus: &Corpus) -> String {
    let problems: Vec<&FileReport> = corpus.problems().collect();
    match problems.as_slice() {
        [] => "no articles found in the given paths".into(),
        [one] => message_line(&format!(
            "{}: {}",
            shown_path(&one.path),
            one.status.reason()
        )),
        many => format!(
            "no articles loaded; {} files with problems (see `dossier check`)",
            many.len()
        ),
    }
}

/// How one file fared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "reason", rename_all = "lowercase")]
pub enum FileStatus {
    Ok,
    /// The file loaded, with a problem worth knowing (lossy decoding, a
    /// record without text, a date that does not parse), or was passed over
    /// (empty, too large, not a regular file).
    Warning(String),
    /// Nothing could be loaded from the file.
    Error(String),
}

impl FileStatus {
    fn reason(&self) -> &str {
        match self {
            FileStatus::Ok => "ok",
            FileStatus::Warning(r) | FileStatus::Error(r) => r,
        }
    }
}

/// One file's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: Arc<str>,
    #[serde(flatten)]
    pub status: FileStatus,
    pub articles: usize,
}

impl FileReport {
    /// The one-line message a user sees for a problem file: sanitised and
    /// cut to a bounded length, because path and reason come from outside.
    pub fn message(&self) -> Option<String> {
        let level = match &self.status {
            FileStatus::Ok => return None,
            FileStatus::Warning(_) => "warning",
            FileStatus::Error(_) => "error",
        };
        Some(message_line(&format!(
            "{level}: {}: {}",
            shown_path(&self.path),
            self.status.reason()
        )))
    }
}

/// The loaded articles and what happened to every file.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub files: Vec<FileReport>,
}

impl Corpus {
    /// Files that loaded with a warning or failed.
    pub fn problems(&self) -> impl Iterator<Item = &FileReport> {
        self.files.iter().filter(|f| f.status != FileStatus::Ok)
    }

    pub fn error_count(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.status, FileStatus::Error(_)))
            .count()
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }
}

/// What a file yields before ids are made unique across the corpus.
/// A file's articles.
pub type Articles = smallvec::SmallVec<[Article; 1]>;

#[derive(Debug, Clone)]
pub struct Parsed {
    /// Most files hold one article, kept in place: a folder of 100,000
    /// such files loads without 100,000 small allocations freed again once
    /// the articles are gathered, which would leave the memory they took
    /// scattered between the strings that stay.
    pub articles: Articles,
    pub warnings: Vec<String>,
}

impl Parsed {
    /// A file passed over: no articles, one warning.
    fn skipped(reason: String) -> Parsed {
        Parsed {
            articles: Articles::new(),
            warnings: vec![reason],
        }
    }
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// A hash of a file's bytes, as read under the size limit; `None` when it
/// cannot be read or is over the limit.
pub fn content_hash(path: &Path, options: &LoadOptions) -> Option<[u8; 32]> {
    match read_limited(path, options.max_file_size) {
        Ok(Limited::Bytes(bytes)) => Some(*blake3::hash(&bytes).as_bytes()),
        _ => None,
    }
}

/// Reads and parses one file; `content` gets the hash of the bytes read.
fn parse_file(
    path: &Path,
    format: Format,
    options: &LoadOptions,
    content: &mut Option<[u8; 32]>,
) -> Result<Parsed, FileError> {
    let max = options.max_file_size;
    let bytes = match read_limited(path, max)? {
        Limited::Bytes(bytes) => {
            *content = Some(*blake3::hash(&bytes).as_bytes());
            bytes
        }
        Limited::TooLarge(size) => {
            return Ok(Parsed::skipped(format!(
                "{} is over the {} limit; skipped (see --max-file-size)",
                describe_size(size),
                describe_size(max)
            )));
        }
    };
    parse_bytes(
        &bytes,
        &stem_of(path),
        &path.display().to_string(),
        Some(format),
    )
}

/// Parses a file's (or the standard input's) bytes; without a format the
/// text says which: a `{` starts JSON Lines, a `[` a JSON array, anything
/// else is one plain-text article.
fn parse_bytes(
    bytes: &[u8],
    stem: &str,
    shown: &str,
    format: Option<Format>,
) -> Result<Parsed, FileError> {
    let (text, decode_warning) = decode(bytes)?;
    if text.trim().is_empty() {
        let what = if text.is_empty() {
            "empty file"
        } else {
            "file holds only whitespace"
        };
        return Ok(Parsed::skipped(format!("{what}; skipped")));
    }
    let format = format.unwrap_or_else(|| match text.trim_start().chars().next() {
        Some('{') => Format::JsonLines,
        Some('[') => Format::Json,
        _ => Format::Text,
    });
    let mut parsed = match format {
        Format::Text => Parsed {
            articles: smallvec::smallvec![plain::parse_text(stem, shown, &text)],
            warnings: Vec::new(),
        },
        Format::Json => json::parse_json(stem, shown, &text)?,
        Format::JsonLines => json::parse_json_lines(stem, shown, &text)?,
    };
    if let Some(w) = decode_warning {
        parsed.warnings.insert(0, w);
    }
    Ok(parsed)
}

/// The path that stands for the standard input.
pub const STDIN_PATH: &str = "-";

/// How the standard input is named in ids and messages.
const STDIN_SHOWN: &str = "<stdin>";

/// Reads the standard input to its end (at most the file size limit) and
/// parses it as a JSON Lines, JSON or text stream.
fn parse_stdin(options: &LoadOptions) -> Result<Parsed, FileError> {
    use std::io::Read;
    let max = options.max_file_size;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > max {
        return Ok(Parsed::skipped(format!(
            "more than the {} limit; skipped (see --max-file-size)",
            describe_size(max)
        )));
    }
    parse_bytes(&bytes, "stdin", STDIN_SHOWN, None)
}

/// Loads every article under `paths` with the default options.
pub fn load_paths(paths: &[PathBuf]) -> Result<Corpus, LoadError> {
    load_paths_with(paths, &LoadOptions::default())
}

/// Loads every article under `paths`. A path that does not exist, a file
/// that cannot be read or parsed and an entry the walk cannot follow are
/// reported in `Corpus::files`, and the rest still loads; only when nothing
/// at all loads is it an error.
pub fn load_paths_with(paths: &[PathBuf], options: &LoadOptions) -> Result<Corpus, LoadError> {
    load_paths_reusing(paths, options, &ReadEveryFile)
}

/// A file's outcome: its articles and warnings, or why nothing loaded.
pub type Outcome = Result<Parsed, FileError>;

/// Somewhere a file's outcome may be kept from an earlier load (a cache).
/// Loading asks it before reading a file, and hands it every outcome read
/// afresh, so it can finish the articles (give them dates) and keep them.
pub trait Reuse: Sync {
    /// Every file the walk found, before any is asked for: a chance to
    /// look them all up at once.
    fn prepare(&self, _files: &[&Path]) {}
    /// The outcome kept for the file at `path`, when the file has not
    /// changed since; `None` reads the file.
    /// `file` is the file's place in the list `prepare` was given.
    fn kept(&self, file: usize, path: &Path) -> Option<Outcome>;
    /// The file `file` was read afresh and gave `outcome`; `content` is
    /// the hash of the bytes read (see `content_hash`), when they were.
    fn fresh(&self, file: usize, content: Option<[u8; 32]>, outcome: &mut Outcome);
}

/// Nothing kept: every file is read.
struct ReadEveryFile;

impl Reuse for ReadEveryFile {
    fn kept(&self, _: usize, _: &Path) -> Option<Outcome> {
        None
    }

    fn fresh(&self, _: usize, _: Option<[u8; 32]>, _: &mut Outcome) {}
}

/// `load_paths_with`, taking each unchanged file's outcome from `reuse`
/// instead of reading it. Articles taken from `reuse` get the path the file
/// was found under now (the same file may be opened by another name).
pub fn load_paths_reusing(
    paths: &[PathBuf],
    options: &LoadOptions,
    reuse: &dyn Reuse,
) -> Result<Corpus, LoadError> {
    // `-` is the standard input, read once however often it is given.
    let (stdin, named): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|p| p.as_os_str() == STDIN_PATH);
    let found = collect_files(&named);
    let files: Vec<&Path> = found
        .iter()
        .filter_map(|f| match f {
            Found::File(path, _) => Some(path.as_path()),
            Found::Problem { .. } | Found::Skipped { .. } => None,
        })
        .collect();
    reuse.prepare(&files);
    // Each file's place among the files, as `prepare` saw them.
    let places: Vec<usize> = found
        .iter()
        .scan(0, |next, f| {
            let place = *next;
            *next += usize::from(matches!(f, Found::File(..)));
            Some(place)
        })
        .collect();
    // A batch of files at a time, each batch a list of its own: the
    // batches are gathered into the corpus one by one and each is freed as
    // soon as it is (large enough that the allocator hands it back to the
    // system then), so the files' outcomes and the corpus they become are
    // never both held whole.
    let batch = batch_size(found.len(), rayon::current_num_threads());
    let mut batches: Vec<Vec<(Arc<str>, Outcome)>> = found
        .par_chunks(batch)
        .zip(places.par_chunks(batch))
        .map(|(found, places)| {
            found
                .iter()
                .zip(places)
                .map(|(found, &place)| load_found(found, place, options, reuse))
                .collect()
        })
        .collect();
    if !stdin.is_empty() {
        batches.insert(0, vec![(STDIN_SHOWN.into(), parse_stdin(options))]);
    }
    let corpus = assemble(batches);
    if corpus.articles.is_empty() && !paths.is_empty() {
        return Err(LoadError::NothingLoaded(Box::new(corpus)));
    }
    Ok(corpus)
}

/// Whether a load of `paths` would find the entries `files` reports,
/// under the same names and in the same order (a file, or a path passed
/// over or that could not be loaded), handing each file to `each_file` as
/// it is found; false as soon as anything was added, removed or renamed.
/// Reads no file, and lists none: a walk of any size holds one folder's
/// names at a time.
pub(crate) fn same_entries(
    paths: &[PathBuf],
    files: &[FileReport],
    each_file: &mut dyn FnMut(PathBuf),
) -> bool {
    let mut seen = 0;
    let mut same = true;
    super::walk::each_found(paths, &mut |found| {
        if !same {
            return;
        }
        let (path, file) = match found {
            Found::File(path, _) => (path, true),
            Found::Problem { path, .. } | Found::Skipped { path, .. } => (path, false),
        };
        same = files
            .get(seen)
            .is_some_and(|report| path.to_string_lossy() == *report.path);
        seen += 1;
        if same && file {
            each_file(path);
        }
    });
    same && seen == files.len()
}

/// Most files read as one batch (see `load_paths_reusing`).
const LOAD_BATCH: usize = 1024;

/// Files a batch of `files` holds with `threads` to read them: at most
/// `LOAD_BATCH`, and few enough that every thread has several batches (a
/// folder of 22 large files is still read 2 files a batch, not as one).
fn batch_size(files: usize, threads: usize) -> usize {
    (files / (4 * threads.max(1))).clamp(1, LOAD_BATCH)
}

/// One file found by the walk: its name as shown and what it gave, kept
/// (`reuse`) or read afresh.
fn load_found(
    found: &Found,
    place: usize,
    options: &LoadOptions,
    reuse: &dyn Reuse,
) -> (Arc<str>, Outcome) {
    match found {
        Found::File(path, format) => {
            let shown: Arc<str> = path.to_string_lossy().into();
            let mut outcome = match reuse.kept(place, path) {
                Some(kept) => kept,
                None => {
                    let mut content = None;
                    let mut outcome = parse_file(path, *format, options, &mut content);
                    reuse.fresh(place, content, &mut outcome);
                    outcome
                }
            };
            // The file's articles and its report share one copy of its name.
            if let Ok(parsed) = &mut outcome {
                for a in &mut parsed.articles {
                    a.path = Arc::clone(&shown);
                }
            }
            (shown, outcome)
        }
        Found::Problem { path, error } => (path.display().to_string().into(), Err(error.clone())),
        Found::Skipped { path, reason } => (
            path.display().to_string().into(),
            Ok(Parsed::skipped(reason.clone())),
        ),
    }
}

/// The sample corpus embedded in the binary.
pub fn load_sample() -> Corpus {
    let results = sample::FILES
        .iter()
        .map(|(name, text)| {
            let shown = format!("sample/{name}");
            let stem = stem_of(Path::new(name));
            let article = plain::parse_text(&stem, &shown, text);
            // The report shares the article's copy of the name.
            let shown = Arc::clone(&article.path);
            let parsed = Parsed {
                articles: smallvec::smallvec![article],
                warnings: Vec::new(),
            };
            (shown, Ok(parsed))
        })
        .collect();
    assemble(vec![results])
}

/// Most characters of a file's warnings listed before the rest are counted.
const WARNINGS_CHARS: usize = 200;

/// A file's warnings as one reason: the first ones in full (each cut to a
/// message's length) and a count of the rest, so a file with a thousand bad
/// records gives one short line, not kilobytes.
fn summarise(warnings: &[String]) -> String {
    let mut out = String::new();
    for (n, w) in warnings.iter().enumerate() {
        if n > 0 && out.chars().count() + w.chars().count() > WARNINGS_CHARS {
            out.push_str(&format!("; and {} more", warnings.len() - n));
            break;
        }
        if n > 0 {
            out.push_str("; ");
        }
        out.push_str(&message_line(w));
    }
    out
}

/// The corpus of the files' outcomes, batch after batch, each batch freed
/// once gathered.
fn assemble(batches: Vec<Vec<(Arc<str>, Outcome)>>) -> Corpus {
    let mut corpus = Corpus::default();
    let total = batches
        .iter()
        .flatten()
        .map(|(_, r)| r.as_ref().map_or(0, |p| p.articles.len()))
        .sum();
    corpus.articles.reserve_exact(total);
    corpus
        .files
        .reserve_exact(batches.iter().map(Vec::len).sum());
    for (path, result) in batches.into_iter().flatten() {
        let report = match result {
            Ok(parsed) => {
                let n = parsed.articles.len();
                corpus.articles.extend(parsed.articles);
                let status = if parsed.warnings.is_empty() {
                    FileStatus::Ok
                } else {
                    FileStatus::Warning(summarise(&parsed.warnings))
                };
                FileReport {
                    path,
                    status,
                    articles: n,
                }
            }
            Err(reason) => FileReport {
                path,
                status: FileStatus::Error(message_line(&reason.to_string())),
                articles: 0,
            },
        };
        corpus.files.push(report);
    }
    make_ids_unique(&mut corpus.articles);
    corpus
}

/// Ids are file stems or record ids, which can repeat across folders
/// (`business/001.txt`, `sport/001.txt`). A repeated id is qualified by the
/// article's path (without extension), and numbered if even that repeats, so
/// the same files always give the same ids.
fn make_ids_unique(articles: &mut [Article]) {
    let mut distinct =
        rustc_hash::FxHashSet::with_capacity_and_hasher(articles.len(), Default::default());
    if articles.iter().all(|a| distinct.insert(a.id.as_str())) {
        // Nothing repeats: nothing to qualify or number.
        return;
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for a in articles.iter() {
        *counts.entry(a.id.clone()).or_default() += 1;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for a in articles.iter_mut() {
        if counts.get(&a.id).copied().unwrap_or(0) > 1 {
            let qualified = qualify(&a.path, &a.id);
            a.id = qualified;
        }
        let n = seen.entry(a.id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            a.id = format!("{}~{}", a.id, n);
        }
    }
}

/// `corpora/bbc/sport/001.txt` + id `001` → `sport/001`; records keep their
/// `#N` suffix.
fn qualify(path: &str, id: &str) -> String {
    let p = Path::new(path);
    let parent = p
        .parent()
        .and_then(|d| d.file_name())
        .map(|d| d.to_string_lossy().into_owned());
    match parent {
        Some(dir) if !dir.is_empty() => format!("{dir}/{id}"),
        _ => id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn batches_are_small_enough_for_every_thread_and_at_most_the_cap() {
        assert_eq!(batch_size(0, 2), 1);
        assert_eq!(batch_size(22, 2), 2);
        assert_eq!(batch_size(2_225, 2), 278);
        assert_eq!(batch_size(100_000, 2), LOAD_BATCH);
        assert_eq!(batch_size(100, 0), 25);
    }

    #[test]
    fn folders_walk_recursively_and_skip_hidden_and_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::write(
            root.join("a/one.txt"),
            "Headline here\n\nA body sentence that runs on.",
        )
        .unwrap();
        fs::write(root.join("two"), "Another article body, with no extension.").unwrap();
        fs::write(root.join(".hidden.txt"), "hidden").unwrap();
        fs::write(root.join("README.TXT"), "About this collection.").unwrap();
        fs::write(root.join("a/LICENSE"), "Terms.").unwrap();
        fs::write(root.join(".git/config.txt"), "hidden").unwrap();
        fs::write(root.join("photo.jpg"), [0xff, 0xd8, 0x00]).unwrap();
        let corpus = load_paths(&[root.to_path_buf()]).unwrap();
        let mut ids: Vec<_> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["one", "two"]);
    }

    #[test]
    fn a_bad_file_is_reported_and_the_rest_loads() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("good.txt"), "Some article text.").unwrap();
        fs::write(dir.path().join("bad.json"), "{ not json").unwrap();
        let corpus = load_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(corpus.articles.len(), 1);
        assert_eq!(corpus.error_count(), 1);
        let msg = corpus.problems().next().unwrap().message().unwrap();
        assert!(msg.contains("bad.json"), "{msg}");
    }

    #[test]
    fn a_missing_path_is_an_error_naming_it() {
        let err = load_paths(&[PathBuf::from("/no/such/place")]).unwrap_err();
        assert_eq!(err.to_string(), "/no/such/place: no such file or folder");
    }

    #[test]
    fn a_bad_path_costs_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("good.txt"), "Some article text.").unwrap();
        let paths = [PathBuf::from("/no/such/place"), dir.path().to_path_buf()];
        let corpus = load_paths(&paths).unwrap();
        assert_eq!(corpus.articles.len(), 1);
        assert_eq!(corpus.error_count(), 1);
    }

    #[test]
    fn empty_and_blank_files_are_skipped_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("empty.txt"), "").unwrap();
        fs::write(dir.path().join("blank.txt"), " \n\t\n").unwrap();
        fs::write(dir.path().join("real.txt"), "An article.").unwrap();
        let corpus = load_paths(&[dir.path().to_path_buf()]).unwrap();
        assert_eq!(corpus.articles.len(), 1);
        let problems: Vec<_> = corpus.problems().filter_map(|f| f.message()).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|m| m.contains("blank.txt") && m.contains("whitespace"))
        );
        assert!(
            problems
                .iter()
                .any(|m| m.contains("empty.txt") && m.contains("empty file"))
        );
    }

    #[test]
    fn files_over_the_limit_are_skipped_unread() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("small.txt"), "A short article.").unwrap();
        let big = fs::File::create(dir.path().join("big.txt")).unwrap();
        // Sparse: the size is there, the bytes never are.
        big.set_len(8 << 30).unwrap();
        let options = LoadOptions {
            max_file_size: 1024,
        };
        let corpus = load_paths_with(&[dir.path().to_path_buf()], &options).unwrap();
        assert_eq!(corpus.articles.len(), 1);
        let msg = corpus.problems().next().unwrap().message().unwrap();
        assert!(
            msg.contains("big.txt") && msg.contains("8 GB is over the 1 KB limit"),
            "{msg}"
        );
    }

    #[test]
    fn many_warnings_make_one_short_line() {
        let warnings: Vec<String> = (1..=500)
            .map(|n| format!("record {n}: date \"someday\" is not a date"))
            .collect();
        let line = summarise(&warnings);
        assert!(line.chars().count() < 300, "{line}");
        assert!(line.starts_with("record 1:"));
        assert!(line.ends_with("more"), "{line}");
    }

    #[test]
    fn repeated_stems_are_qualified_by_folder() {
        let dir = tempfile::tempdir().unwrap();
        for d in ["sport", "tech"] {
            fs::create_dir_all(dir.path().join(d)).unwrap();
            fs::write(dir.path().join(d).join("001.txt"), "Text of an article.").unwrap();
        }
        fs::write(dir.path().join("002.txt"), "Text of an article.").unwrap();
        let corpus = load_paths(&[dir.path().to_path_buf()]).unwrap();
        let ids: Vec<_> = corpus.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["002", "sport/001", "tech/001"]);
    }

    #[test]
    fn the_sample_is_embedded() {
        let corpus = load_sample();
        assert_eq!(corpus.articles.len(), sample::FILES.len());
        assert!(corpus.articles.len() >= 5);
        assert!(
            corpus
                .articles
                .iter()
                .all(|a| a.path.starts_with("sample/"))
        );
    }
}
