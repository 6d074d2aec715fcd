//! The reader's config file, `$XDG_CONFIG_HOME/dossier/config.toml`: keys,
//! theme, the side panel's width, the date format, the first sort and saved
//! searches. A config never stops dossier from starting: an unknown key or
//! a bad value is one warning naming the file, the line and the key, and
//! that setting keeps its default while the rest of the file applies.
//! `template` writes the whole default config, commented.

mod template;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::keys::{Action, Key, KeyTable, Scope, parse_key};
use super::theme::{Base, STYLES, Theme, parse_style};
use crate::index::listing::Sort;

pub use template::default_text;

/// How wide the side panel is when there is room for three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SideWidth {
    /// As wide as the selected article's names and related titles need,
    /// between a quarter and two fifths of the screen.
    #[default]
    Auto,
    /// This share of the screen, in percent.
    Percent(u16),
    /// This many columns.
    Columns(u16),
}

/// What the config file sets; `Config::default()` is what holds without one.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub keys: KeyTable,
    pub base: Base,
    /// Styles set in `[theme]`, by name, over the base theme.
    pub styles: Vec<(String, ratatui::style::Style)>,
    pub side_width: SideWidth,
    /// A chrono strftime format for dates in the list and the reading view.
    pub date_format: String,
    pub sort: Sort,
    /// Searches predefined in `[searches]`: name and query.
    pub searches: Vec<(String, String)>,
}

pub const DEFAULT_DATE_FORMAT: &str = "%Y-%m-%d";

impl Default for Config {
    fn default() -> Self {
        Config {
            keys: KeyTable::default(),
            base: Base::Dark,
            styles: Vec::new(),
            side_width: SideWidth::Auto,
            date_format: DEFAULT_DATE_FORMAT.to_string(),
            sort: Sort::Relevance,
            searches: Vec::new(),
        }
    }
}

impl Config {
    /// The theme in force: the base with the config's styles, or the plain
    /// theme when `no_color` (`NO_COLOR` wins over any config).
    pub fn theme(&self, no_color: bool) -> Theme {
        if no_color {
            return Theme::plain();
        }
        let mut theme = Theme::built_in(self.base);
        for (name, style) in &self.styles {
            theme.set(name, *style);
        }
        theme
    }
}

/// One problem with a config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigWarning {
    pub file: String,
    /// 1-based; 0 when the file could not be read at all.
    pub line: usize,
    /// The setting, as a dotted path (`keys.reader.quit`); empty for a
    /// problem with the file as a whole.
    pub key: String,
    pub problem: String,
}

impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if !self.key.is_empty() {
            write!(f, ": {}", self.key)?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// `$XDG_CONFIG_HOME/dossier/config.toml` (its platform equivalent
/// elsewhere); `None` without a home folder.
pub fn config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "dossier").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the config at `path`. No file is no config; a file that cannot
/// be read is one warning.
pub fn load(path: &Path) -> (Config, Vec<ConfigWarning>) {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, &path.display().to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
        Err(e) => (
            Config::default(),
            vec![ConfigWarning {
                file: path.display().to_string(),
                line: 0,
                key: String::new(),
                problem: format!("cannot be read ({e}); the defaults are used"),
            }],
        ),
    }
}

/// Reads a config from its text; `file` names it in warnings.
pub fn parse(text: &str, file: &str) -> (Config, Vec<ConfigWarning>) {
    let mut reader = Reader {
        text,
        file,
        warnings: Vec::new(),
    };
    let mut config = Config::default();
    let (root, errors) = DeTable::parse_recoverable(text);
    for e in errors {
        let line = e.span().map_or(0, |s| reader.line(s.start));
        reader.warnings.push(ConfigWarning {
            file: file.to_string(),
            line,
            key: String::new(),
            problem: format!("not TOML: {}", e.message().trim()),
        });
    }
    for (key, value) in root.get_ref() {
        let name = key.get_ref().as_ref();
        let at = key.span().start;
        match name {
            "side_panel" => {
                if let Some(w) = reader.side_width(name, value) {
                    config.side_width = w;
                }
            }
            "date_format" => {
                if let Some(f) = reader.value::<String>(name, value) {
                    match check_date_format(&f) {
                        Ok(()) => config.date_format = f,
                        Err(e) => reader.warn(at, name, e),
                    }
                }
            }
            "sort" => {
                if let Some(s) = reader.value::<String>(name, value) {
                    match s.as_str() {
                        "relevance" => config.sort = Sort::Relevance,
                        "date" => config.sort = Sort::Date,
                        "title" => config.sort = Sort::Title,
                        other => reader.warn(
                            at,
                            name,
                            format!("{other:?} is not relevance, date or title"),
                        ),
                    }
                }
            }
            "theme" => reader.theme(value, &mut config),
            "searches" => reader.searches(value, &mut config),
            "keys" => reader.keys(value, &mut config.keys),
            _ => reader.warn(at, name, "unknown setting".into()),
        }
    }
    let mut warnings = reader.warnings;
    warnings.sort_by_key(|w| w.line);
    (config, warnings)
}

/// An article's date as `format` writes days; months and years stay as
/// `2025-04` and `2025`. A format chrono cannot write gives the ISO date.
pub fn write_date(date: crate::corpus::ArticleDate, format: &str) -> String {
    use std::fmt::Write;
    if date.granularity != crate::corpus::Granularity::Day || format == DEFAULT_DATE_FORMAT {
        return date.to_string();
    }
    let mut out = String::new();
    match write!(out, "{}", date.start.format(format)) {
        Ok(()) => out,
        Err(_) => date.to_string(),
    }
}

/// Whether a date format is one chrono can write.
fn check_date_format(format: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(format).any(|i| matches!(i, Item::Error)) {
        Err(format!("{format:?} is not a strftime format"))
    } else {
        Ok(())
    }
}

type Value<'a> = Spanned<DeValue<'a>>;

struct Reader<'t> {
    text: &'t str,
    file: &'t str,
    warnings: Vec<ConfigWarning>,
}

impl Reader<'_> {
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// A setting that cannot be used: its default stays.
    fn warn(&mut self, offset: usize, key: &str, problem: String) {
        self.note(offset, key, problem + "; the default is used");
    }

    fn note(&mut self, offset: usize, key: &str, problem: String) {
        self.warnings.push(ConfigWarning {
            file: self.file.to_string(),
            line: self.line(offset),
            key: key.to_string(),
            problem,
        });
    }

    /// A value of type `T`, through serde; a value of another type is a
    /// warning.
    fn value<'de, T: Deserialize<'de>>(&mut self, key: &str, value: &Value<'de>) -> Option<T> {
        match T::deserialize(value.clone().into_deserializer()) {
            Ok(v) => Some(v),
            Err(e) => {
                self.warn(value.span().start, key, e.message().trim().to_string());
                None
            }
        }
    }

    fn table<'a, 'de>(&mut self, key: &str, value: &'a Value<'de>) -> Option<&'a DeTable<'de>> {
        let table = value.get_ref().as_table();
        if table.is_none() {
            self.warn(value.span().start, key, "should be a table".into());
        }
        table
    }

    fn side_width(&mut self, key: &str, value: &Value<'_>) -> Option<SideWidth> {
        let at = value.span().start;
        if let Some(n) = value.get_ref().as_integer() {
            return match n.as_str().parse::<u16>() {
                Ok(c) if (10..=200).contains(&c) => Some(SideWidth::Columns(c)),
                _ => {
                    self.warn(at, key, "columns should be from 10 to 200".into());
                    None
                }
            };
        }
        let text = self.value::<String>(key, value)?;
        if text == "auto" {
            return Some(SideWidth::Auto);
        }
        match text.strip_suffix('%').map(str::parse::<u16>) {
            Some(Ok(p)) if (10..=60).contains(&p) => Some(SideWidth::Percent(p)),
            _ => {
                self.warn(
                    at,
                    key,
                    format!(
                        "{text:?} is not \"auto\", a share from \"10%\" to \"60%\", or columns"
                    ),
                );
                None
            }
        }
    }

    fn theme(&mut self, value: &Value<'_>, config: &mut Config) {
        let Some(table) = self.table("theme", value) else {
            return;
        };
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            let path = format!("theme.{name}");
            let at = key.span().start;
            if name == "base" {
                match self.value::<String>(&path, value).as_deref() {
                    Some("dark") => config.base = Base::Dark,
                    Some("light") => config.base = Base::Light,
                    Some(other) => self.warn(at, &path, format!("{other:?} is not dark or light")),
                    None => {}
                }
            } else if STYLES.iter().any(|s| s.0 == name) {
                if let Some(text) = self.value::<String>(&path, value) {
                    match parse_style(&text) {
                        Ok(style) => config.styles.push((name.to_string(), style)),
                        Err(e) => self.warn(value.span().start, &path, e),
                    }
                }
            } else {
                self.warn(at, &path, "unknown style".into());
            }
        }
    }

    fn searches(&mut self, value: &Value<'_>, config: &mut Config) {
        let Some(table) = self.table("searches", value) else {
            return;
        };
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            let path = format!("searches.{name}");
            let Some(query) = self.value::<String>(&path, value) else {
                continue;
            };
            match crate::index::parse_query(query.trim()) {
                Ok(_) => config.searches.push((name.to_string(), query)),
                Err(e) => self.warn(value.span().start, &path, format!("not a filter: {e}")),
            }
        }
    }

    /// `[keys]` (the reading scope) and its scope tables. Every binding
    /// is read first, so the order of lines does not matter; then a key
    /// written for two actions of one scope stays with the first, and a
    /// key taken from an action the file leaves alone is reported.
    fn keys(&mut self, value: &Value<'_>, table: &mut KeyTable) {
        let Some(entries) = self.table("keys", value) else {
            return;
        };
        let mut wanted: Vec<Wanted> = Vec::new();
        // Tables come back sorted by key; the file's order decides.
        for (key, value) in entries {
            let name = key.get_ref().as_ref();
            if let Some(scope) = Scope::from_name(name) {
                let path = format!("keys.{name}");
                if let Some(inner) = self.table(&path, value) {
                    for (k, v) in inner {
                        wanted.extend(self.binding(scope, k, v));
                    }
                }
            } else {
                wanted.extend(self.binding(Scope::Browse, key, value));
            }
        }
        wanted.sort_by_key(|w| w.at);
        for j in 0..wanted.len() {
            let (before, rest) = wanted.split_at_mut(j);
            let w = &mut rest[0];
            for earlier in before.iter().filter(|e| e.scope == w.scope) {
                let mut taken = Vec::new();
                w.keys.retain(|k| {
                    let clash = earlier.keys.contains(k);
                    if clash {
                        taken.push(super::keys::key_label(k));
                    }
                    !clash
                });
                for label in taken {
                    self.note(
                        w.at,
                        &w.path,
                        format!(
                            "{label} is also bound to {} in [keys.{}], which keeps it",
                            earlier.action.name(),
                            w.scope.name()
                        ),
                    );
                }
            }
        }
        for w in &wanted {
            for (label, other) in table.rebind(w.scope, w.action, w.keys.clone()) {
                if wanted
                    .iter()
                    .any(|o| o.scope == w.scope && o.action == other)
                {
                    continue;
                }
                self.note(
                    w.at,
                    &w.path,
                    format!(
                        "{label} was bound to {} in [keys.{}]; it is {} now",
                        other.name(),
                        w.scope.name(),
                        w.action.name()
                    ),
                );
            }
        }
    }

    fn binding(
        &mut self,
        scope: Scope,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Value<'_>,
    ) -> Option<Wanted> {
        let name = key.get_ref().as_ref();
        let path = if scope == Scope::Browse {
            format!("keys.{name}")
        } else {
            format!("keys.{}.{name}", scope.name())
        };
        let at = key.span().start;
        let Some(action) = Action::from_name(name) else {
            self.warn(
                at,
                &path,
                "no such action (`dossier config default` lists them)".into(),
            );
            return None;
        };
        if !KeyTable::allows(scope, action) {
            self.warn(
                at,
                &path,
                format!("{name} cannot be bound in [keys.{}]", scope.name()),
            );
            return None;
        }
        // One key may be written alone, without the list.
        let written: Vec<String> = if value.get_ref().is_str() {
            vec![self.value::<String>(&path, value)?]
        } else {
            self.value::<Vec<String>>(&path, value)?
        };
        let mut keys: Vec<Key> = Vec::new();
        for w in &written {
            match parse_key(w) {
                Ok(k) if !keys.contains(&k) => {
                    if scope.types_text()
                        && matches!(k.0, ratatui::crossterm::event::KeyCode::Char(_))
                        && k.1.is_empty()
                    {
                        self.note(
                            at,
                            &path,
                            format!(
                                "{} is typed as text in [keys.{}]; bound, it no longer is",
                                super::keys::key_label(&k),
                                scope.name()
                            ),
                        );
                    }
                    keys.push(k)
                }
                Ok(_) => {}
                Err(e) => {
                    self.warn(value.span().start, &path, e);
                    return None;
                }
            }
        }
        Some(Wanted {
            scope,
            action,
            keys,
            at,
            path,
        })
    }
}

/// A binding the config asks for.
struct Wanted {
    scope: Scope,
    action: Action,
    keys: Vec<Key>,
    at: usize,
    path: String,
}

#[cfg(test)]
mod tests;
