//! Finding the article files under the paths a person gives: folders are
//! walked recursively, hidden entries and files of other formats are passed
//! over, and everything that cannot be read (a broken link, a link loop, a
//! folder without permission, a name too long, a FIFO, socket or device)
//! becomes a problem naming its path instead of stopping the walk. Reading
//! the files is `load`'s work; this module never opens one.

use super::problem::FileError;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Files larger than this are skipped without being read, unless the person
/// sets another limit: no article is this long, and reading a huge file whole
/// would cost its size in memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The limit the command line chose, for every load in this process. The
/// reader and the commands open their corpus through the same calls, so the
/// limit is set once where the arguments are parsed rather than threaded
/// through each of them.
static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);

/// Sets the size limit that [`LoadOptions::default`] gives from now on.
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// How files are loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Files larger than this many bytes are skipped with a warning.
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: MAX_FILE_SIZE.load(Ordering::Relaxed),
        }
    }
}

/// Reads a size as people write it: `65536`, `500k`, `64M`, `64MB`, `1G`
/// (binary multiples).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("{s:?} is not a size (try 64M, 500k or 1G)")),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1u64 << shift))
        .ok_or_else(|| format!("{s:?} is not a size (try 64M, 500k or 1G)"))
}

/// A size for a message: `64 MB`, `1.5 GB`, `900 bytes`.
pub fn describe_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    for (name, size) in UNITS {
        if bytes >= size {
            let value = bytes as f64 / size as f64;
            return if value.fract() == 0.0 {
                format!("{value:.0} {name}")
            } else {
                format!("{value:.1} {name}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// The format a file is read as, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Json,
    JsonLines,
}

pub(crate) fn format_of(path: &Path) -> Option<Format> {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return Some(Format::Text);
    };
    let is = |names: &[&str]| names.iter().any(|n| ext.eq_ignore_ascii_case(n));
    if is(&["txt", "md", "text", "markdown"]) {
        Some(Format::Text)
    } else if is(&["json"]) {
        Some(Format::Json)
    } else if is(&["jsonl", "ndjson"]) {
        Some(Format::JsonLines)
    } else {
        None
    }
}

/// What the walk found at one path.
#[derive(Debug)]
pub(crate) enum Found {
    /// An article file to read.
    File(PathBuf, Format),
    /// A path the person named that cannot be loaded (an error).
    Problem { path: PathBuf, error: FileError },
    /// An entry met in a folder that is passed over (a warning).
    Skipped { path: PathBuf, reason: String },
}

/// A folder's own notes (`README.txt`, `LICENSE`, `CHANGELOG.md`) describe
/// the collection; they are not articles. Named directly, they still load.
fn is_folder_notes(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    [
        "README",
        "LICENSE",
        "LICENCE",
        "CHANGELOG",
        "COPYING",
        "NOTICE",
    ]
    .iter()
    .any(|n| stem.eq_ignore_ascii_case(n))
}

/// A listed entry's name, as the bytes after its path's last separator:
/// what `file_name` gives for it, without taking the path apart into
/// components (a folder of 100,000 files is sorted by it).
fn listed_name(path: &Path) -> &[u8] {
    let bytes = path.as_os_str().as_encoded_bytes();
    let start = bytes
        .iter()
        .rposition(|&c| c.is_ascii() && std::path::is_separator(c as char))
        .map_or(0, |i| i + 1);
    &bytes[start..]
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Whether any part of `path` below `root` is hidden. Hidden entries are
/// never read, so what goes wrong with them (an editor's dangling lock
/// link, say) is no problem of the corpus's.
fn hidden_below(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root)
        .map(|rel| rel.iter().any(is_hidden))
        .unwrap_or(false)
}

/// What kind of thing a non-regular, non-folder entry is, for a message.
fn special_kind(ft: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
    }
    let _ = ft;
    "not a regular file"
}

/// Lists what is under `paths`, in order: files named directly are taken
/// whatever their extension; folders are walked recursively, skipping hidden
/// entries and files of other formats. Nothing here stops the walk.
pub(crate) fn collect_files(paths: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    each_found(paths, &mut |found| out.push(found));
    out
}

/// `collect_files`, handing each entry to `out` as it is found instead of
/// listing them all.
pub(crate) fn each_found(paths: &[PathBuf], out: &mut dyn FnMut(Found)) {
    for root in paths {
        let problem = |error: FileError| Found::Problem {
            path: root.clone(),
            error,
        };
        let meta = match fs::metadata(root) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let dangling = fs::symlink_metadata(root).is_ok();
                out(problem(if dangling {
                    FileError::BrokenLink
                } else {
                    FileError::Missing
                }));
                continue;
            }
            Err(e) => {
                out(problem(FileError::Unreadable(e.to_string())));
                continue;
            }
        };
        if meta.is_file() {
            out(Found::File(
                root.clone(),
                format_of(root).unwrap_or(Format::Text),
            ));
        } else if meta.is_dir() {
            walk(root, out);
        } else {
            out(problem(FileError::NotArticleFile(
                special_kind(&meta.file_type()).to_string(),
            )));
        }
    }
}

fn walk(root: &Path, out: &mut dyn FnMut(Found)) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by(|a, b| listed_name(a.path()).cmp(listed_name(b.path())))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !listed_name(e.path()).starts_with(b"."));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                if !hidden_below(root, &path) {
                    out(Found::Skipped {
                        reason: walk_reason(&e, &path),
                        path,
                    });
                }
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            out(Found::Skipped {
                reason: format!("{}; skipped", special_kind(&ft)),
                path: entry.into_path(),
            });
        } else if !is_folder_notes(entry.path())
            && let Some(format) = format_of(entry.path())
        {
            out(Found::File(entry.into_path(), format));
        }
    }
}

/// Why a walk could not go on at `path`, in a person's words.
fn walk_reason(e: &walkdir::Error, path: &Path) -> String {
    let problem = if let Some(ancestor) = e.loop_ancestor() {
        FileError::LinkLoop(ancestor.to_path_buf())
    } else {
        match e.io_error() {
            Some(io) if io.kind() == std::io::ErrorKind::NotFound && path.is_symlink() => {
                FileError::BrokenLink
            }
            Some(io) => FileError::Unreadable(io.to_string()),
            None => FileError::Unreadable(e.to_string()),
        }
    };
    format!("{problem}; skipped")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_notes_go_by_name_in_any_case() {
        let cases = [
            ("a.txt", Some(Format::Text)),
            ("a.TXT", Some(Format::Text)),
            ("a.Markdown", Some(Format::Text)),
            ("a", Some(Format::Text)),
            ("a.json", Some(Format::Json)),
            ("a.JSONL", Some(Format::JsonLines)),
            ("a.ndjson", Some(Format::JsonLines)),
            ("a.pdf", None),
            ("a.jsonx", None),
        ];
        for (name, format) in cases {
            assert_eq!(format_of(Path::new(name)), format, "{name}");
        }
        assert!(is_folder_notes(Path::new("corpus/ReadMe.md")));
        assert!(is_folder_notes(Path::new("corpus/LICENSE")));
        assert!(!is_folder_notes(Path::new("corpus/readmes.md")));
        assert!(!is_folder_notes(Path::new("corpus/notice-board.txt")));
    }

    #[test]
    fn listed_names_are_file_names() {
        for path in [
            "corpus/a.txt",
            "/data/news/part-001/000123.json",
            "x",
            "corpus/no extension",
            "corpus/été.md",
            "corpus/.hidden",
        ] {
            let path = Path::new(path);
            assert_eq!(
                listed_name(path),
                path.file_name().unwrap().as_encoded_bytes(),
                "{}",
                path.display()
            );
        }
        // Sorted by them as by file names.
        let mut names = ["b/2", "b/10", "b/1", "b/B", "b/a", "b/é", "b/-"];
        let mut by_name = names;
        names.sort_by(|a, b| listed_name(Path::new(a)).cmp(listed_name(Path::new(b))));
        by_name.sort_by(|a, b| Path::new(a).file_name().cmp(&Path::new(b).file_name()));
        assert_eq!(names, by_name);
    }

    #[test]
    fn sizes_read_the_way_people_write_them() {
        assert_eq!(parse_size("65536"), Ok(65536));
        assert_eq!(parse_size("500k"), Ok(500 * 1024));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64 MB"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("-5").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
        assert_eq!(describe_size(64 << 20), "64 MB");
        assert_eq!(describe_size(1536), "1.5 KB");
        assert_eq!(describe_size(12), "12 bytes");
    }

    #[test]
    fn hidden_parts_are_found_below_the_root_only() {
        let root = Path::new("/data/.cache/news");
        assert!(!hidden_below(root, &root.join("a.txt")));
        assert!(hidden_below(root, &root.join(".#a.txt")));
        assert!(hidden_below(root, &root.join(".git/x")));
    }
}
