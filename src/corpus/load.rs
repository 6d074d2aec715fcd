//! Loading a corpus from paths: walking folders, decoding bytes, choosing a
//! format by extension, giving every article a stable unique id, and
//! reporting per file what went wrong without stopping the rest.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use thiserror::Error;

use super::article::Article;
use super::{json, plain, sample};

/// A corpus could not be loaded at all.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{0}: no such file or folder")]
    NotFound(PathBuf),
    #[error("{path}: cannot read folder: {reason}")]
    Walk { path: PathBuf, reason: String },
}

/// How one file fared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "reason", rename_all = "lowercase")]
pub enum FileStatus {
    Ok,
    /// The file loaded, with a problem worth knowing (lossy decoding, a
    /// record without text, a date that does not parse).
    Warning(String),
    /// Nothing could be loaded from the file.
    Error(String),
}

/// One file's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    #[serde(flatten)]
    pub status: FileStatus,
    pub articles: usize,
}

impl FileReport {
    /// The one-line message a user sees for a problem file.
    pub fn message(&self) -> Option<String> {
        match &self.status {
            FileStatus::Ok => None,
            FileStatus::Warning(r) => Some(format!("warning: {}: {r}", self.path)),
            FileStatus::Error(r) => Some(format!("error: {}: {r}", self.path)),
        }
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
pub struct Parsed {
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
}

/// The format a file is read as, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    JsonLines,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        None => Some(Format::Text),
        Some("txt" | "md" | "text" | "markdown") => Some(Format::Text),
        Some("json") => Some(Format::Json),
        Some("jsonl" | "ndjson") => Some(Format::JsonLines),
        Some(_) => None,
    }
}

/// A folder's own notes (`README.txt`, `LICENSE`, `CHANGELOG.md`) describe
/// the collection; they are not articles. Named directly, they still load.
fn is_folder_notes(path: &Path) -> bool {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "README" | "LICENSE" | "LICENCE" | "CHANGELOG" | "COPYING" | "NOTICE"
    )
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Lists the article files under `paths`: files named directly are taken
/// whatever their extension; folders are walked recursively, skipping hidden
/// entries and files of other formats.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, Format)>, LoadError> {
    let mut out = Vec::new();
    for root in paths {
        let meta = fs::metadata(root).map_err(|_| LoadError::NotFound(root.clone()))?;
        if meta.is_file() {
            out.push((root.clone(), format_of(root).unwrap_or(Format::Text)));
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = entry.map_err(|e| LoadError::Walk {
                path: e.path().unwrap_or(root).to_path_buf(),
                reason: e.to_string(),
            })?;
            if entry.file_type().is_file()
                && !is_folder_notes(entry.path())
                && let Some(format) = format_of(entry.path())
            {
                out.push((entry.into_path(), format));
            }
        }
    }
    Ok(out)
}

/// Decodes a file's bytes: UTF-8 when valid, otherwise Windows-1252 (which
/// also covers Latin-1) with a warning. A file with NUL bytes is not text.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes), not an article".into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((
                text.into_owned(),
                Some(format!(
                    "not valid UTF-8 (first bad byte at offset {}); decoded as Windows-1252",
                    e.valid_up_to()
                )),
            ))
        }
    }
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

fn parse_file(path: &Path, format: Format) -> Result<Parsed, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let (text, decode_warning) = decode(&bytes)?;
    let stem = stem_of(path);
    let shown = path.display().to_string();
    let mut parsed = match format {
        Format::Text => Parsed {
            articles: vec![plain::parse_text(&stem, &shown, &text)],
            warnings: Vec::new(),
        },
        Format::Json => json::parse_json(&stem, &shown, &text)?,
        Format::JsonLines => json::parse_json_lines(&stem, &shown, &text)?,
    };
    if let Some(w) = decode_warning {
        parsed.warnings.insert(0, w);
    }
    Ok(parsed)
}

/// Loads every article under `paths`. A path that does not exist is an
/// error; a file that cannot be read or parsed is reported in
/// `Corpus::files` and the rest still loads.
pub fn load_paths(paths: &[PathBuf]) -> Result<Corpus, LoadError> {
    let files = collect_files(paths)?;
    let results: Vec<(String, Result<Parsed, String>)> = files
        .par_iter()
        .map(|(path, format)| (path.display().to_string(), parse_file(path, *format)))
        .collect();
    Ok(assemble(results))
}

/// The sample corpus embedded in the binary.
pub fn load_sample() -> Corpus {
    let results = sample::FILES
        .iter()
        .map(|(name, text)| {
            let shown = format!("sample/{name}");
            let stem = stem_of(Path::new(name));
            let parsed = Parsed {
                articles: vec![plain::parse_text(&stem, &shown, text)],
                warnings: Vec::new(),
            };
            (shown, Ok(parsed))
        })
        .collect();
    assemble(results)
}

fn assemble(results: Vec<(String, Result<Parsed, String>)>) -> Corpus {
    let mut corpus = Corpus::default();
    for (path, result) in results {
        let report = match result {
            Ok(parsed) => {
                let n = parsed.articles.len();
                corpus.articles.extend(parsed.articles);
                let status = if parsed.warnings.is_empty() {
                    FileStatus::Ok
                } else {
                    FileStatus::Warning(parsed.warnings.join("; "))
                };
                FileReport {
                    path,
                    status,
                    articles: n,
                }
            }
            Err(reason) => FileReport {
                path,
                status: FileStatus::Error(reason),
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
    fn latin1_is_decoded_with_a_warning() {
        let (text, warn) = decode(b"costs \xa3100").unwrap();
        assert_eq!(text, "costs £100");
        assert!(warn.unwrap().contains("not valid UTF-8"));
        let (text, warn) = decode("plain £".as_bytes()).unwrap();
        assert_eq!(text, "plain £");
        assert!(warn.is_none());
        assert!(decode(b"\x00\x01bin").is_err());
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
