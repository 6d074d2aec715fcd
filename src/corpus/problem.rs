//! Why a file or a named path gave no articles, as a value: each problem
//! is a variant, and its message is the one line a reader sees next to the
//! file's name. Problems that only skip an entry met in a folder, or a
//! record of a file, are warnings (plain messages) instead.

use std::path::PathBuf;

/// Why a file (or a path named on the command line) loaded nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("no such file or folder")]
    Missing,
    #[error("broken symbolic link (its target does not exist)")]
    BrokenLink,
    /// The system's own words for why it could not be read.
    #[error("cannot read: {0}")]
    Unreadable(String),
    /// A device, socket or pipe named on the command line.
    #[error("{0}, not an article file or folder; not read")]
    NotArticleFile(String),
    /// Something that is not a regular file where a file was read.
    #[error("not a regular file; not read")]
    NotRegular,
    #[error("binary file (contains NUL bytes), not an article")]
    Binary,
    #[error("invalid JSON: {0}")]
    InvalidJson(String),
    #[error("JSON is neither an article object nor an array of them")]
    NotArticles,
    /// A JSON Lines file none of whose records loaded: the first record's
    /// reason and how many more failed.
    #[error("{first}{}", more_records(*.more))]
    NoRecords { first: String, more: usize },
    /// A symbolic link leading back to a folder above it.
    #[error("symbolic link loop (leads back to {})", .0.display())]
    LinkLoop(PathBuf),
}

fn more_records(more: usize) -> String {
    match more {
        0 => String::new(),
        n => format!("; and {n} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_problem_reads_as_one_line() {
        let cases = [
            (FileError::Missing, "no such file or folder"),
            (
                FileError::NotArticleFile("a FIFO".into()),
                "a FIFO, not an article file or folder; not read",
            ),
            (
                FileError::NoRecords {
                    first: "line 1: invalid JSON".into(),
                    more: 0,
                },
                "line 1: invalid JSON",
            ),
            (
                FileError::NoRecords {
                    first: "line 1: invalid JSON".into(),
                    more: 3,
                },
                "line 1: invalid JSON; and 3 more",
            ),
            (
                FileError::LinkLoop(PathBuf::from("/a/b")),
                "symbolic link loop (leads back to /a/b)",
            ),
        ];
        for (error, line) in cases {
            assert_eq!(error.to_string(), line);
        }
    }
}
