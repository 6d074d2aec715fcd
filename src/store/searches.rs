//! Saved searches kept without the state database (`--no-cache`): a TOML
//! file, `searches.toml` in the XDG data folder, written whole to a
//! temporary file and renamed over the old one, so a crash leaves either.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::StoreError;

/// The file's name inside the data folder.
pub const SEARCHES_FILE: &str = "searches.toml";

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Shelf {
    #[serde(default)]
    searches: BTreeMap<String, String>,
}

/// Saved searches in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchFile {
    pub path: PathBuf,
}

impl SearchFile {
    /// `searches.toml` in `data_dir`.
    pub fn in_folder(data_dir: &Path) -> SearchFile {
        SearchFile {
            path: data_dir.join(SEARCHES_FILE),
        }
    }

    fn read(&self) -> Result<Shelf, StoreError> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => toml::from_str(&text)
                .map_err(|_| StoreError::Damaged(self.path.display().to_string())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Shelf::default()),
            Err(e) => Err(StoreError::Io(self.path.display().to_string(), e)),
        }
    }

    fn write(&self, shelf: &Shelf) -> Result<(), StoreError> {
        let io = |e| StoreError::Io(self.path.display().to_string(), e);
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let text = toml::to_string(shelf).map_err(|e| io(std::io::Error::other(e)))?;
        let temporary = self.path.with_extension("toml.new");
        std::fs::write(&temporary, text).map_err(io)?;
        std::fs::rename(&temporary, &self.path).map_err(io)
    }

    /// Name and query of each saved search, by name.
    pub fn searches(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self.read()?.searches.into_iter().collect())
    }

    pub fn save(&self, name: &str, query: &str) -> Result<(), StoreError> {
        let mut shelf = self.read()?;
        shelf.searches.insert(name.to_string(), query.to_string());
        self.write(&shelf)
    }

    pub fn delete(&self, name: &str) -> Result<(), StoreError> {
        let mut shelf = self.read()?;
        if shelf.searches.remove(name).is_some() {
            self.write(&shelf)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = SearchFile::in_folder(&dir.path().join("dossier"));
        assert_eq!(file.searches().unwrap(), vec![]);
        file.save("kremlin", "person:putin since:2025-01").unwrap();
        file.save("a \"quoted\" name", "\"a phrase\" -oil").unwrap();
        file.save("kremlin", "person:putin").unwrap();
        assert_eq!(
            file.searches().unwrap(),
            vec![
                (
                    "a \"quoted\" name".to_string(),
                    "\"a phrase\" -oil".to_string()
                ),
                ("kremlin".to_string(), "person:putin".to_string()),
            ]
        );
        file.delete("kremlin").unwrap();
        assert_eq!(file.searches().unwrap().len(), 1);
    }
}
