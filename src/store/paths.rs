//! Where the store's databases live: the XDG cache folder for derived data
//! and the XDG data folder for the reader's state, or folders named by the
//! caller (tests, a portable set-up).

use std::path::PathBuf;

/// The database file names inside their folders.
pub const CACHE_FILE: &str = "cache.sqlite3";
pub const STATE_FILE: &str = "state.sqlite3";

/// The folders holding the cache and the state databases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorePaths {
    pub cache_dir: PathBuf,
    pub data_dir: PathBuf,
}

impl StorePaths {
    /// `$XDG_CACHE_HOME/dossier` and `$XDG_DATA_HOME/dossier` (their
    /// platform equivalents elsewhere); `None` when there is no home folder.
    pub fn from_environment() -> Option<StorePaths> {
        let dirs = directories::ProjectDirs::from("", "", "dossier")?;
        Some(StorePaths {
            cache_dir: dirs.cache_dir().to_path_buf(),
            data_dir: dirs.data_dir().to_path_buf(),
        })
    }

    /// Both databases under one folder (`cache/` and `data/`).
    pub fn under(root: impl Into<PathBuf>) -> StorePaths {
        let root = root.into();
        StorePaths {
            cache_dir: root.join("cache"),
            data_dir: root.join("data"),
        }
    }

    pub fn cache_file(&self) -> PathBuf {
        self.cache_dir.join(CACHE_FILE)
    }

    pub fn state_file(&self) -> PathBuf {
        self.data_dir.join(STATE_FILE)
    }
}
