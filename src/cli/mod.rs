//! The headless face: `list`, `show`, `export` and `check` for scripts and
//! tests, human-readable by default and JSON with `--json`. Every command is
//! a thin call into `Library`; output goes to the writers it is given, so the
//! commands run the same in tests as in a shell.

mod bench;
mod config;
mod man;
mod output;
mod progress;
mod store;

use std::io::Write;
use std::path::PathBuf;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::corpus::{Corpus, LoadError};
use crate::index::listing::{ListRequest, Sort};
use crate::index::view::ArticleView;
use crate::library::{Library, OpenOptions, StoreChoice};
use crate::text::{message_line, quote};

use crate::corpus::markdown::article_markdown;
pub use output::{CheckRow, EntityRow, ListRow, RelatedJson};

use crate::extract::entities::{EntityKind, KINDS};
use crate::extract::ner;
use crate::library::QuoteRow;

/// A terminal reader for folders of clipped news articles.
#[derive(Debug, Parser)]
// Options may come before a command (`dossier --no-cache entities PATH`),
// so top-level options do not rule commands out.
#[command(name = "dossier", version, about)]
pub struct Args {
    #[arg(help = PATHS_HELP)]
    pub paths: Vec<PathBuf>,
    /// Skip files larger than this without reading them (64M, 500k, 1G).
    #[arg(long, global = true, value_name = "SIZE", default_value = "64M",
          value_parser = crate::corpus::walk::parse_size)]
    pub max_file_size: u64,
    /// Neither read nor write the cache and the reader's state: extract afresh.
    #[arg(long, global = true)]
    pub no_cache: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Settings every command shares.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// Keep nothing between runs (`--no-cache`).
    pub no_cache: bool,
}

/// What `list` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading.
    Text,
    /// One JSON array of rows.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// What `show` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Details, body, names, dates and related reports for reading.
    Text,
    /// Everything `show` knows, as one JSON object.
    Json,
    /// `# Title`, a line of date, source, author and address, the body.
    Md,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Every article as `show` prints it, separated by a rule.
    Text,
    /// One JSON array of articles as `show --json` gives them.
    Json,
    /// One article per line, as `show --json` gives it.
    Jsonl,
    /// Every article as Markdown, separated by a rule.
    Md,
    /// One row per article with its details and clean body, with a header row.
    Csv,
}

/// Shells `completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShellName {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One row per article: id, path, title, date, author, source.
    List {
        #[arg(help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// Only articles matching this query (the filter bar's language).
        #[arg(short, long)]
        query: Option<String>,
        /// The order: relevance (best match first; corpus order without a
        /// query), date (newest first, undated last) or title.
        #[arg(long, default_value = "relevance")]
        sort: Sort,
        /// One row per group of copies and rewrites of a story, as the
        /// reader's `c` shows it.
        #[arg(long)]
        fold_copies: bool,
        /// The output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
        /// Print JSON instead of text (`--format json`).
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// One article: metadata, clean body and the furniture removed from it.
    Show {
        /// The article's id (as `list` prints it).
        id: String,
        #[arg(help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// The output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
        /// Print JSON instead of text (`--format json`).
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Every article as `show` gives it, or as JSON Lines, Markdown or CSV.
    Export {
        #[arg(help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// The output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ExportFormat,
        /// Print JSON instead of text (`--format json`).
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// The corpus's entities: id, kind, name, aliases, articles, mentions.
    Entities {
        #[arg(help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// Only entities of this kind (person, place, org, misc).
        #[arg(long)]
        kind: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Reports related to one article, best first, with the reasons.
    Related {
        /// The article's id (as `list` prints it).
        id: String,
        #[arg(help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// How many reports at most.
        #[arg(short = 'n', long, default_value_t = 10)]
        limit: usize,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// What the second article says that the first does not: sentences
    /// added, removed and reworded, and how many both have word for word.
    Diff {
        /// The article read first (its id, as `list` prints it).
        a: String,
        /// The other version.
        b: String,
        /// Files or folders of articles (default: the bundled sample).
        paths: Vec<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Direct quotes and reported speech with their speakers.
    Quotes {
        /// Files or folders of articles (default: the bundled sample).
        paths: Vec<PathBuf>,
        /// Only quotes of this person (a name or alias, as `person:` takes).
        #[arg(long, value_name = "NAME")]
        person: Option<String>,
        /// Only quotes of this article (its id, as `list` prints it).
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// One entity's own timeline: every sentence that mentions it, placed by
    /// the dates it names or else by its article's date, in date order.
    Timeline {
        /// The entity (a name or alias of a person, place or organisation).
        #[arg(long, value_name = "NAME")]
        entity: String,
        /// Files or folders of articles (default: the bundled sample).
        paths: Vec<PathBuf>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Trains the entity recogniser on CoNLL-format data and writes the model.
    TrainNer {
        /// Training data (CoNLL-2003 format).
        train: PathBuf,
        /// Validation data, used to choose the epoch.
        valid: PathBuf,
        /// Where to write the model (default: ner-model.bin in dossier's
        /// data folder, `$XDG_DATA_HOME/dossier`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Passes over the training data.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
    },
    /// Scores the shipped recogniser on CoNLL-format data: precision, recall
    /// and F1 per kind, and people per document.
    EvalNer {
        /// Test data (CoNLL-2003 format).
        file: PathBuf,
        /// A model file to score instead of the shipped one.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Score the whole way an article goes (text, cleaner, recogniser,
        /// aliases) beside the tagger alone.
        #[arg(long)]
        pipeline: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Measures the reader on a corpus: opening, the first frame, names
    /// ready, and typing queries through the list worker (latency per
    /// keystroke and per frame, peak memory).
    Bench {
        #[arg(help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// Neither wait for the names nor type a `person:` term.
        #[arg(long)]
        no_names: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Per file: ok, warning or error with the reason. Exit status 1 if any error.
    Check {
        #[arg(help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// Print JSON instead of text: one row per file with `path`,
        /// `status`, `reason` and `articles`.
        #[arg(long)]
        json: bool,
    },
    /// Marks articles read or unread, starred or not, as the reader does.
    Mark {
        /// Article ids (as `list` prints them), then files or folders of
        /// articles: the first argument that names an existing file or
        /// folder starts the paths.
        #[arg(required = true, value_name = "ID... [PATH...]")]
        targets: Vec<String>,
        #[command(flatten)]
        change: store::MarkArgs,
    },
    /// What dossier keeps between runs: `status` or `clear`.
    Cache {
        #[command(subcommand)]
        action: store::CacheAction,
    },
    /// The reader's config file: `default` prints it, `check [FILE]` checks one.
    Config {
        #[command(subcommand)]
        action: config::ConfigAction,
    },
    /// A completion script for a shell, on standard output (for example
    /// `dossier completions bash > ~/.local/share/bash-completion/completions/dossier`).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: ShellName,
    },
    /// The manual page in roff, on standard output (`dossier man | man -l -`).
    Man,
}

/// How every command's paths are described.
const PATHS_HELP: &str = "Files or folders of articles (.txt, .md, .json, .jsonl); `-` reads \
JSON Lines or text from standard input. Without any, the bundled sample corpus.";

/// What a command run ends with.
pub type ExitCode = u8;

/// Runs a headless command, writing results to `out` and problems to `err`.
pub fn run(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<ExitCode> {
    run_with(command, Settings::default(), out, err)
}

/// `run`, with settings from the command line.
pub fn run_with(
    command: Command,
    settings: Settings,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let open = |paths: &[PathBuf], err: &mut dyn Write| open(paths, settings, err);
    let code = match command {
        Command::List {
            paths,
            query,
            sort,
            fold_copies,
            format,
            json,
        } => {
            let format = if json { ListFormat::Json } else { format };
            let lib = open(&paths, err)?;
            if query.as_deref().is_some_and(needs_names) {
                progress::names(&lib, err);
            }
            let request = ListRequest {
                query: query.unwrap_or_default(),
                sort,
                fold_copies,
                timeline_width: 0,
            };
            let indices = match lib.list_now(&request) {
                Ok(listing) => listing.rows,
                Err(e) => {
                    writeln!(err, "{}", message_line(&format!("dossier: query: {e}")))?;
                    return Ok(2);
                }
            };
            let rows: Vec<ListRow> = indices
                .iter()
                .map(|&i| ListRow::new(&lib.articles()[i]))
                .collect();
            match format {
                ListFormat::Text => output::write_list(out, &rows)?,
                ListFormat::Json => emit(out, true, &rows, |_| Ok(()))?,
                ListFormat::Csv => output::write_list_csv(out, &rows)?,
            }
            Ok(0)
        }
        Command::Show {
            id,
            paths,
            format,
            json,
        } => {
            let format = if json { ShowFormat::Json } else { format };
            let lib = open(&paths, err)?;
            let Some(article) = find(&lib, &id, err)? else {
                return Ok(2);
            };
            if format == ShowFormat::Md {
                // Markdown needs neither names nor related reports.
                out.write_all(article_markdown(&lib.articles()[article]).as_bytes())?;
                return Ok(0);
            }
            progress::names(&lib, err);
            let shown = lib.article_view_now(article);
            let json = format == ShowFormat::Json;
            emit(out, json, &shown, |out| output::write_article(out, &shown))?;
            Ok(0)
        }
        Command::Export {
            paths,
            format,
            json,
        } => {
            let format = if json { ExportFormat::Json } else { format };
            let lib = open(&paths, err)?;
            export(&lib, format, out, err)?;
            Ok(0)
        }
        Command::Entities { paths, kind, json } => {
            let kind = match kind.as_deref() {
                None => None,
                Some(k) => match KINDS.iter().find(|x| x.as_str() == k) {
                    Some(k) => Some(*k),
                    None => {
                        writeln!(
                            err,
                            "dossier: unknown kind {} (person, place, org, misc)",
                            quote(k)
                        )?;
                        return Ok(2);
                    }
                },
            };
            let lib = open(&paths, err)?;
            let rows: Vec<EntityRow> = progress::names(&lib, err)
                .entities
                .iter()
                .filter(|e| kind.is_none_or(|k| e.kind == k))
                .map(|e| EntityRow::new(&lib, e))
                .collect();
            emit(out, json, &rows, |out| output::write_entities(out, &rows))?;
            Ok(0)
        }
        Command::Related {
            id,
            paths,
            limit,
            json,
        } => {
            let lib = open(&paths, err)?;
            let Some(article) = find(&lib, &id, err)? else {
                return Ok(2);
            };
            progress::names(&lib, err);
            let rows: Vec<RelatedJson> = lib
                .related(article, limit)
                .into_iter()
                .map(|r| RelatedJson::new(&lib, r))
                .collect();
            emit(out, json, &rows, |out| output::write_related(out, &rows))?;
            Ok(0)
        }
        Command::Diff { a, b, paths, json } => {
            let lib = open(&paths, err)?;
            let (Some(a), Some(b)) = (find(&lib, &a, err)?, find(&lib, &b, err)?) else {
                return Ok(2);
            };
            let d = lib.diff(a, b);
            emit(out, json, &d, |out| output::write_diff(out, &d))?;
            Ok(0)
        }
        Command::Quotes {
            paths,
            person,
            article,
            json,
        } => {
            let lib = open(&paths, err)?;
            let only = match article {
                Some(id) => match find(&lib, &id, err)? {
                    Some(a) => Some(a),
                    None => return Ok(2),
                },
                None => None,
            };
            progress::names(&lib, err);
            let speaker = match person.as_deref() {
                Some(name) => match lib.find_entity(name, Some(EntityKind::Person)) {
                    Some(e) => Some(e),
                    None => {
                        writeln!(err, "dossier: no person named {}", quote(name))?;
                        return Ok(2);
                    }
                },
                None => None,
            };
            let articles: Vec<usize> = match (only, speaker) {
                (Some(a), _) => vec![a],
                (None, Some(e)) => lib.entities().entities[e]
                    .articles
                    .iter()
                    .map(|&a| a as usize)
                    .collect(),
                (None, None) => (0..lib.articles().len()).collect(),
            };
            let rows: Vec<QuoteRow> = articles
                .into_iter()
                .flat_map(|a| lib.quotes(a))
                .filter(|q| speaker.is_none() || q.entity == speaker)
                .collect();
            emit(out, json, &rows, |out| output::write_quotes(out, &rows))?;
            Ok(0)
        }
        Command::Timeline {
            entity,
            paths,
            json,
        } => {
            let lib = open(&paths, err)?;
            progress::names(&lib, err);
            let Some(e) = lib.find_entity(&entity, None) else {
                writeln!(err, "dossier: no entity named {}", quote(&entity))?;
                return Ok(2);
            };
            let rows = lib.timeline(e);
            emit(out, json, &rows, |out| output::write_timeline(out, &rows))?;
            Ok(0)
        }
        Command::TrainNer {
            train,
            valid,
            out: path,
            epochs,
        } => {
            let path = match path {
                Some(path) => path,
                None => default_model_path()?,
            };
            let (model, report) = ner::train(&train, &valid, epochs)?;
            model.save(&path)?;
            write!(out, "{report}")?;
            let shown = path.display().to_string();
            writeln!(out, "model written to {}", message_line(&shown))?;
            Ok(0)
        }
        Command::EvalNer {
            file,
            model,
            pipeline,
            json,
        } => {
            let loaded;
            let model = match model {
                Some(path) => {
                    loaded = ner::Model::load(&path)?;
                    &loaded
                }
                None => ner::Model::embedded(),
            };
            if pipeline {
                let report = ner::evaluate_pipeline(model, &file)?;
                emit(out, json, &report, |out| write!(out, "{report}"))?;
                return Ok(0);
            }
            let report = ner::evaluate(model, &file)?;
            emit(out, json, &report, |out| write!(out, "{report}"))?;
            Ok(0)
        }
        Command::Bench {
            paths,
            no_names,
            json,
        } => {
            let options = OpenOptions {
                // As the reader opens.
                last_open: true,
                ..open_options(settings)
            };
            let report = bench::run(&paths, &options, !no_names)?;
            emit(out, json, &report, |out| bench::write_report(out, &report))?;
            Ok(0)
        }
        Command::Check { paths, json } => {
            // A check that loaded nothing still lists every file and why.
            let corpus = match Library::open(&paths) {
                Ok(lib) => lib.corpus,
                Err(LoadError::NothingLoaded(corpus)) => *corpus,
            };
            let corpus = &corpus;
            let rows: Vec<CheckRow> = corpus.files.iter().map(CheckRow::new).collect();
            emit(out, json, &rows, |out| output::write_check(out, corpus))?;
            let failed = corpus.error_count() > 0 || corpus.articles.is_empty();
            Ok(if failed { 1 } else { 0 })
        }
        Command::Mark { targets, change } => store::mark(&targets, change, settings, err),
        Command::Cache { action } => store::cache(action, settings, out, err),
        Command::Config { action } => config::run(action, out, err),
        Command::Completions { shell } => {
            use clap_complete::Shell;
            let shell = match shell {
                ShellName::Bash => Shell::Bash,
                ShellName::Zsh => Shell::Zsh,
                ShellName::Fish => Shell::Fish,
                ShellName::Elvish => Shell::Elvish,
                ShellName::Powershell => Shell::PowerShell,
            };
            let mut command = Args::command();
            clap_complete::generate(shell, &mut command, "dossier", out);
            Ok(0)
        }
        Command::Man => {
            man::write_man(out)?;
            Ok(0)
        }
    }?;
    Ok(code)
}

/// `export`: every article in `format`.
fn export(
    lib: &Library,
    format: ExportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let rule = "=".repeat(72);
    match format {
        ExportFormat::Md => {
            for (n, a) in lib.articles().iter().enumerate() {
                if n > 0 {
                    writeln!(out, "\n---\n")?;
                }
                out.write_all(article_markdown(a).as_bytes())?;
            }
            return Ok(());
        }
        ExportFormat::Csv => return output::write_export_csv(out, lib.articles()),
        _ => {}
    }
    progress::names(lib, err);
    lib.related_index();
    let views = (0..lib.articles().len()).map(|i| lib.article_view(i));
    match format {
        ExportFormat::Jsonl => {
            for view in views {
                serde_json::to_writer(&mut *out, &view)?;
                writeln!(out)?;
            }
        }
        ExportFormat::Json => {
            let all: Vec<ArticleView> = views.collect();
            emit(out, true, &all, |_| Ok(()))?;
        }
        _ => {
            for (n, a) in views.enumerate() {
                if n > 0 {
                    writeln!(out, "\n{rule}\n")?;
                }
                output::write_article(out, &a)?;
            }
        }
    }
    Ok(())
}

/// Where `train-ner` writes without `--out`: dossier's data folder, never
/// a path relative to wherever the command is run.
fn default_model_path() -> anyhow::Result<PathBuf> {
    let paths = crate::store::StorePaths::from_environment()
        .ok_or_else(|| anyhow::anyhow!("no home folder for the model; give --out"))?;
    std::fs::create_dir_all(&paths.data_dir)?;
    Ok(paths.data_dir.join("ner-model.bin"))
}

/// Whether a query's terms need the entity table.
fn needs_names(query: &str) -> bool {
    crate::index::query::parse_query(query).is_ok_and(|q| q.has_entity_terms())
}

/// The article with `id`, or a one-line message saying there is none.
fn find(lib: &Library, id: &str, err: &mut dyn Write) -> anyhow::Result<Option<usize>> {
    let found = lib.find(id);
    if found.is_none() {
        writeln!(
            err,
            "dossier: no article with id {} (see `dossier list`)",
            quote(id)
        )?;
    }
    Ok(found)
}

/// Writes `value` as JSON, or as text with `text`.
fn emit<T: serde::Serialize>(
    out: &mut dyn Write,
    json: bool,
    value: &T,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, value)?;
        writeln!(out)?;
    } else {
        text(out)?;
    }
    Ok(())
}

/// Most problem lines printed before the rest are summarised.
const MAX_PROBLEM_LINES: usize = 10;

/// The store every command uses: the XDG folders, or none with
/// `--no-cache`.
fn open_options(settings: Settings) -> OpenOptions {
    OpenOptions {
        store: if settings.no_cache {
            StoreChoice::None
        } else {
            StoreChoice::Environment
        },
        last_open: false,
    }
}

/// Opens the library (with the store unless `--no-cache`) and reports
/// problem files and the store's warnings on `err`, briefly. When nothing
/// loaded, the problems are listed (unless the error names the only one)
/// and the error ends the command.
fn open(paths: &[PathBuf], settings: Settings, err: &mut dyn Write) -> anyhow::Result<Library> {
    match Library::open_with(paths, &open_options(settings)) {
        Ok(lib) => {
            for line in lib.store_warnings() {
                writeln!(err, "{}", message_line(&line))?;
            }
            report_problems(&lib.corpus, err)?;
            Ok(lib)
        }
        Err(LoadError::NothingLoaded(corpus)) => {
            if corpus.problems().count() > 1 {
                report_problems(&corpus, err)?;
            }
            Err(LoadError::NothingLoaded(corpus).into())
        }
    }
}

/// One line per problem file, at most `MAX_PROBLEM_LINES`, then a count.
fn report_problems(corpus: &Corpus, err: &mut dyn Write) -> anyhow::Result<()> {
    let problems: Vec<String> = corpus.problems().filter_map(|f| f.message()).collect();
    for line in problems.iter().take(MAX_PROBLEM_LINES) {
        writeln!(err, "{line}")?;
    }
    if problems.len() > MAX_PROBLEM_LINES {
        writeln!(
            err,
            "... and {} more files with problems (see `dossier check`)",
            problems.len() - MAX_PROBLEM_LINES
        )?;
    }
    Ok(())
}
