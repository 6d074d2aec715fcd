//! Opening one SQLite database as the store wants it: WAL mode, a busy
//! timeout so two dossier processes share it, its tables made. A file that
//! is not a database (or is damaged) is renamed aside as
//! `<name>.corrupt-<unix time>` and a fresh one made; one that cannot be
//! written is opened read only; one that cannot be opened at all is done
//! without. Each of these leaves one warning line.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, ErrorCode, OpenFlags};

/// How long a write waits for another process's transaction to finish.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// One database file and its connection, if it could be opened.
pub(super) struct Db {
    pub path: PathBuf,
    pub conn: Mutex<Option<Connection>>,
    pub writable: bool,
}

pub(super) fn open_db(
    path: &Path,
    what: &str,
    tables: &str,
    schema: i64,
    rebuildable: bool,
    warnings: &mut Vec<String>,
) -> Db {
    let shown = path.display().to_string();
    let none = |writable| Db {
        path: path.to_path_buf(),
        conn: Mutex::new(None),
        writable,
    };
    if let Some(dir) = path.parent()
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        warnings.push(format!(
            "warning: {}: cannot create the {what} folder ({e}); dossier runs without it",
            dir.display()
        ));
        return none(false);
    }
    match open_rw_waiting(path, tables, schema, rebuildable) {
        Ok(conn) => Db {
            path: path.to_path_buf(),
            conn: Mutex::new(Some(conn)),
            writable: true,
        },
        Err(e) if is_damage(&e) => {
            let aside = set_aside(path);
            match open_rw(path, tables, schema, rebuildable) {
                Ok(conn) => {
                    warnings.push(format!(
                        "warning: {shown}: the {what} database was damaged ({e}); kept as {} and started afresh",
                        aside.unwrap_or_else(|| "(could not be renamed)".into())
                    ));
                    Db {
                        path: path.to_path_buf(),
                        conn: Mutex::new(Some(conn)),
                        writable: true,
                    }
                }
                Err(e) => {
                    warnings.push(format!(
                        "warning: {shown}: the {what} database is damaged and could not be rebuilt ({e}); dossier runs without it"
                    ));
                    none(false)
                }
            }
        }
        Err(e) => match open_ro(path) {
            Some(conn) => {
                warnings.push(format!(
                    "warning: {shown}: the {what} database cannot be written ({e}); nothing new is kept"
                ));
                Db {
                    path: path.to_path_buf(),
                    conn: Mutex::new(Some(conn)),
                    writable: false,
                }
            }
            None => {
                warnings.push(format!(
                    "warning: {shown}: cannot open the {what} database ({e}); dossier runs without it"
                ));
                none(false)
            }
        },
    }
}

/// `open_rw`, tried again while another process holds the lock. Switching
/// to WAL and setting up the schema can meet a lock that SQLite reports at
/// once rather than waiting out the busy timeout (a read turning into a
/// write, another process creating the file), so two dossiers starting
/// together would otherwise open read-only.
fn open_rw_waiting(
    path: &Path,
    tables: &str,
    schema: i64,
    rebuildable: bool,
) -> rusqlite::Result<Connection> {
    let started = std::time::Instant::now();
    loop {
        match open_rw(path, tables, schema, rebuildable) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

fn open_rw(
    path: &Path,
    tables: &str,
    schema: i64,
    rebuildable: bool,
) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Reading the header is where a file that is not a database shows.
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(format!("journal mode {mode}, not WAL")),
        ));
    }
    // WAL with NORMAL sync keeps every committed transaction but the last
    // ones across a power cut, and all of them across a process crash.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found == schema {
        // Opening writes nothing when the tables are there already.
        return Ok(conn);
    }
    let tx = conn.unchecked_transaction()?;
    if rebuildable && found != 0 && found != schema {
        // Every table of another shape goes, whatever it was called: the
        // database only holds what can be rebuilt.
        let old: Vec<String> = tx
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for name in old {
            tx.execute_batch(&format!(
                "DROP TABLE IF EXISTS \"{}\";",
                name.replace('"', "\"\"")
            ))?;
        }
    }
    tx.execute_batch(tables)?;
    tx.pragma_update(None, "user_version", schema)?;
    tx.commit()?;
    Ok(conn)
}

fn open_ro(path: &Path) -> Option<Connection> {
    if !path.exists() {
        return None;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.busy_timeout(BUSY_TIMEOUT).ok()?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .ok()?;
    Some(conn)
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

/// Renames a damaged database (and its WAL files) aside; the new name, or
/// `None` when it could not be renamed (it is then removed, so a fresh one
/// can be made).
fn set_aside(path: &Path) -> Option<String> {
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path.file_name()?.to_string_lossy().into_owned();
    let aside = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    for suffix in ["-wal", "-shm"] {
        let side = path.with_file_name(format!("{name}{suffix}"));
        if side.exists() {
            let _ = std::fs::rename(
                &side,
                path.with_file_name(format!("{name}.corrupt-{stamp}{suffix}")),
            );
        }
    }
    match std::fs::rename(path, &aside) {
        Ok(()) => Some(aside.display().to_string()),
        Err(_) => {
            let _ = std::fs::remove_file(path);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_of_another_shape_is_rebuilt_in_the_new_shape() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.sqlite3");
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(
                "CREATE TABLE loaded(path TEXT PRIMARY KEY, outcome BLOB);
                 CREATE TABLE gone_since(x INTEGER);
                 INSERT INTO loaded VALUES ('/a.txt', x'00');
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let tables =
            "CREATE TABLE IF NOT EXISTS loaded(path TEXT PRIMARY KEY, outcome BLOB, bodies BLOB);
                      CREATE INDEX IF NOT EXISTS loaded_bodies ON loaded(bodies);";
        let conn = open_rw(&path, tables, 2, true).unwrap();
        let rows: i64 = conn
            .query_row(
                "SELECT count(*) FROM loaded WHERE bodies IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(rows, 0);
        let names: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(names, ["loaded"]);
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 2);
    }
}
