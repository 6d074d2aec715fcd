//! The commands about what dossier keeps between runs: `mark` (the
//! reader's marks, as the screen sets them) and `cache status` / `cache
//! clear`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{ExitCode, Settings};
use crate::library::{Library, OpenOptions, StoreChoice};
use crate::store::{MarkChange, SqliteStore, Store, StorePaths, StoreStatus};
use crate::text::sanitize;

/// The mark to set: exactly one.
#[derive(Debug, Clone, Copy, Args)]
#[group(required = true, multiple = false)]
pub struct MarkArgs {
    /// Mark the articles read.
    #[arg(long)]
    read: bool,
    /// Mark the articles unread.
    #[arg(long)]
    unread: bool,
    /// Star the articles.
    #[arg(long)]
    star: bool,
    /// Take the star off the articles.
    #[arg(long)]
    unstar: bool,
}

impl MarkArgs {
    fn change(self) -> MarkChange {
        if self.read {
            MarkChange::Read
        } else if self.unread {
            MarkChange::Unread
        } else if self.star {
            MarkChange::Star
        } else {
            MarkChange::Unstar
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum CacheAction {
    /// Where the cache and the reader's state are, how big, what they hold.
    Status {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Deletes the cache (names are extracted again on the next open); the
    /// reader's marks and positions stay.
    Clear,
}

/// `dossier mark ID... [PATH...] --read|--unread|--star|--unstar`.
pub fn mark(
    targets: &[String],
    change: MarkArgs,
    settings: Settings,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if settings.no_cache {
        writeln!(
            err,
            "dossier: mark: marks are kept in the reader's state, which --no-cache leaves alone"
        )?;
        return Ok(2);
    }
    let split = targets
        .iter()
        .position(|t| Path::new(t).exists())
        .unwrap_or(targets.len());
    let (ids, paths) = targets.split_at(split);
    if ids.is_empty() {
        writeln!(
            err,
            "dossier: mark: name at least one article id before the paths"
        )?;
        return Ok(2);
    }
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let lib = Library::open_with(
        &paths,
        &OpenOptions {
            store: StoreChoice::Environment,
            last_open: false,
        },
    )?;
    for line in lib.store_warnings() {
        writeln!(err, "{}", sanitize(&line))?;
    }
    let mut chosen = Vec::with_capacity(ids.len());
    for id in ids {
        match lib.find(id) {
            Some(i) => chosen.push(i),
            None => {
                writeln!(
                    err,
                    "dossier: no article with id {:?} (see `dossier list`)",
                    sanitize(id)
                )?;
                return Ok(2);
            }
        }
    }
    if let Err(e) = lib.mark(&chosen, change.change()) {
        writeln!(err, "dossier: mark: {}", sanitize(&e.to_string()))?;
        return Ok(2);
    }
    Ok(0)
}

/// `dossier cache status` and `dossier cache clear`.
pub fn cache(
    action: CacheAction,
    settings: Settings,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if settings.no_cache {
        writeln!(err, "dossier: cache: nothing to do with --no-cache")?;
        return Ok(2);
    }
    let Some(paths) = StorePaths::from_environment() else {
        writeln!(err, "dossier: cache: no home folder, so nothing is kept")?;
        return Ok(2);
    };
    let store = SqliteStore::open(&paths);
    for line in store.take_warnings() {
        writeln!(err, "{}", sanitize(&line))?;
    }
    let failed = |err: &mut dyn Write, e: crate::store::StoreError| -> anyhow::Result<ExitCode> {
        writeln!(err, "dossier: cache: {}", sanitize(&e.to_string()))?;
        Ok(2)
    };
    match action {
        CacheAction::Status { json } => {
            let status = match store.status() {
                Ok(s) => s,
                Err(e) => return failed(err, e),
            };
            if json {
                serde_json::to_writer_pretty(&mut *out, &status)?;
                writeln!(out)?;
            } else {
                write_status(out, &status)?;
            }
        }
        CacheAction::Clear => {
            if let Err(e) = store.clear_cache() {
                return failed(err, e);
            }
            writeln!(
                out,
                "cache cleared: {} (the reader's marks are kept)",
                sanitize(&paths.cache_file().display().to_string())
            )?;
        }
    }
    Ok(0)
}

fn write_status(out: &mut dyn Write, s: &StoreStatus) -> std::io::Result<()> {
    match &s.cache_path {
        Some(p) => writeln!(
            out,
            "cache: {} ({}, {} files, {} articles)",
            sanitize(p),
            size(s.cache_bytes),
            s.cached_files,
            s.cached_articles
        )?,
        None => writeln!(out, "cache: none")?,
    }
    match &s.state_path {
        Some(p) => writeln!(
            out,
            "reader state: {} ({}, {} marked articles)",
            sanitize(p),
            size(s.state_bytes),
            s.marked_articles
        ),
        None => writeln!(out, "reader state: none"),
    }
}

/// Bytes in the unit a person reads best.
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
