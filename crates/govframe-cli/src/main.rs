//! The `govframe` command.
//!
//! ```text
//! govframe schema export --out DIR [--base-uri URI]
//! govframe schema check DIR
//! govframe validate [--format human|json] FILE...
//! govframe coverage [--format human|json] [--lang L] PLAN.json [MORE.json...]
//! govframe itu export --out DIR | govframe itu list | govframe itu show ID
//! govframe consensus FILE.json [--format human|json]
//! govframe landscape FILE.json [--theme T] [--format human|json|csv] [--matrix]
//! govframe calendar FILE.json [--out FILE.ics]
//! govframe accounts check|balance|indicators SUT.json [...]
//! govframe stats convert|describe|check [...]  (see stats.rs)
//! govframe report [--input DIR] [--year Y] [--lang L] [--out DIR]
//! ```
//!
//! Exit status: 0 success (documents valid, schemas up to date), 1 invalid documents or
//! schema drift, 2 usage or I/O error.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use govframe_core::{Issue, ValidationReport};
use govframe_schema::validate::{Outcome, validate_file};
use govframe_schema::{Catalog, Document};

mod accounts;
mod index;
mod platforms;
mod progress;
mod report;
mod stats;

/// Typed, validated digital-governance frameworks: schemas, validation, analysis.
#[derive(Debug, Parser)]
#[command(name = "govframe", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Export or check the JSON Schemas of every document kind.
    #[command(subcommand)]
    Schema(SchemaCommand),
    /// Validate documents (parse, schema, semantics, and references across the files given).
    Validate {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The documents.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// The bundled, sourced ITU reference documents.
    #[command(subcommand)]
    Itu(ItuCommand),
    /// Show, for each goal of a plan, its targets, objectives and consultation mechanisms.
    Coverage {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Language of the names shown (BCP 47; falls back to English).
        #[arg(long, default_value = "en")]
        lang: String,
        /// The strategic plan.
        plan: PathBuf,
        /// Further documents: objective sets that serve the plan, platform registries that
        /// name the mechanisms.
        more: Vec<PathBuf>,
    },
    /// Decide a consultation: outcome, counts and consensus measure per proposal and round.
    Consensus(platforms::ConsensusArgs),
    /// Analyse a governance landscape: coverage, overlap and fragmentation per theme.
    Landscape(platforms::LandscapeArgs),
    /// Export the editions of a platform registry as an iCalendar (RFC 5545) file.
    Calendar(platforms::CalendarArgs),
    /// Assess a monitoring framework on data: status per indicator, area and target.
    Progress(progress::ProgressArgs),
    /// Supply-use tables: check identities, balance with RAS, derive digital indicators.
    #[command(subcommand)]
    Accounts(accounts::AccountsCommand),
    /// Statistical data: convert between SDMX-CSV, SDMX-JSON, ITU DataHub, WDI and CSV;
    /// describe; check against a data structure.
    #[command(subcommand)]
    Stats(stats::StatsCommand),
    /// Compute a composite index from its definition and data, with an optional uncertainty
    /// and sensitivity analysis.
    Index(index::IndexArgs),
    /// Write the annual research report (HTML, Markdown, SVG charts, annualReport JSON) from
    /// the bundled ITU documents or the documents of a folder.
    Report(report::ReportArgs),
}

#[derive(Debug, Subcommand)]
enum ItuCommand {
    /// Write the bundled ITU documents (strategic plans, …) into a folder.
    Export {
        /// The folder (created if needed).
        #[arg(long)]
        out: PathBuf,
    },
    /// List the bundled ITU documents.
    List,
    /// Print one bundled ITU document's JSON (its id, as `itu list` shows it).
    Show {
        /// The document id (`itu-platforms`, `itu-sp-2024-2027`, …).
        id: String,
    },
}

#[derive(Debug, Subcommand)]
enum SchemaCommand {
    /// Write one schema per kind, document.schema.json and index.json into a folder.
    Export {
        /// The folder (created if needed).
        #[arg(long)]
        out: PathBuf,
        /// Base URI for `$id` (default: `urn:govframe:schema:1.0:<kind>`).
        #[arg(long)]
        base_uri: Option<String>,
    },
    /// Check that a folder holds exactly the schemas the code generates.
    Check {
        /// The folder.
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Text for people.
    Human,
    /// JSON documents.
    Json,
}

/// A failure that ends the command with status 2.
struct Fatal(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Schema(SchemaCommand::Export { out, base_uri }) => {
            schema_export(&out, base_uri.as_deref())
        }
        Command::Schema(SchemaCommand::Check { dir }) => schema_check(&dir),
        Command::Validate { format, files } => validate(format, &files),
        Command::Itu(ItuCommand::Export { out }) => itu_export(&out),
        Command::Itu(ItuCommand::List) => itu_list(),
        Command::Itu(ItuCommand::Show { id }) => itu_show(&id),
        Command::Coverage {
            format,
            lang,
            plan,
            more,
        } => coverage(format, &lang, &plan, &more),
        Command::Consensus(args) => platforms::consensus(&args),
        Command::Landscape(args) => platforms::landscape(&args),
        Command::Calendar(args) => platforms::calendar(&args),
        Command::Progress(args) => progress::progress(&args),
        Command::Accounts(command) => accounts::run(&command),
        Command::Stats(command) => stats::run(&command),
        Command::Index(args) => index::index(&args),
        Command::Report(args) => report::report(&args),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("govframe: {message}");
            ExitCode::from(2)
        }
    }
}

fn print(text: &str) -> Result<(), Fatal> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fatal(format!("cannot write to standard output: {e}"))),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Fatal> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| Fatal(format!("cannot serialize output: {e}")))
}

fn schema_export(out: &Path, base_uri: Option<&str>) -> Result<ExitCode, Fatal> {
    let written = govframe_schema::export_dir(out, base_uri).map_err(|e| Fatal(e.to_string()))?;
    print(&format!(
        "wrote {} files to {}\n",
        written.len(),
        out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn itu_export(out: &Path) -> Result<ExitCode, Fatal> {
    std::fs::create_dir_all(out).map_err(|e| Fatal(format!("{}: {e}", out.display())))?;
    for b in govframe_itu::all() {
        govframe_schema::export::write_atomic(&out.join(b.file_name), b.json.as_bytes())
            .map_err(|e| Fatal(e.to_string()))?;
    }
    print(&format!(
        "wrote {} files to {}\n",
        govframe_itu::all().len(),
        out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn itu_list() -> Result<ExitCode, Fatal> {
    let mut text = String::new();
    for b in govframe_itu::all() {
        text.push_str(&format!("{:<24} {:<18} {}\n", b.id, b.kind, b.file_name));
    }
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn itu_show(id: &str) -> Result<ExitCode, Fatal> {
    let all = govframe_itu::all();
    match all.iter().find(|b| b.id == id) {
        Some(b) => {
            let mut text = b.json.to_owned();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let known: Vec<&str> = all.iter().map(|b| b.id).collect();
            Err(Fatal(format!(
                "no bundled ITU document has id {id:?}; known ids: {}",
                known.join(", ")
            )))
        }
    }
}

fn schema_check(dir: &Path) -> Result<ExitCode, Fatal> {
    if !dir.is_dir() {
        return Err(Fatal(format!("{}: not a folder", dir.display())));
    }
    let outcome = govframe_schema::check_dir(dir).map_err(|e| Fatal(e.to_string()))?;
    print(&format!("{outcome}\n"))?;
    Ok(if outcome.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Validates every file, then checks references across the ones that could be read.
fn validate_all(files: &[PathBuf]) -> (Vec<Outcome>, Catalog, bool) {
    let mut outcomes: Vec<Outcome> = files.iter().map(|f| validate_file(f)).collect();
    let io_error = outcomes
        .iter()
        .any(|o| o.report.issues.iter().any(|i| i.rule == "io.read"));
    let mut catalog = Catalog::new();
    let mut positions = Vec::new();
    for (i, o) in outcomes.iter_mut().enumerate() {
        if let Some(doc) = o.document.take() {
            match catalog.add(doc.clone(), o.report.subject.clone()) {
                Ok(()) => positions.push(i),
                Err(issue) => push_issue(&mut o.report, *issue),
            }
            o.document = Some(doc);
        }
    }
    for (pos, mut issues) in positions.into_iter().zip(catalog.check_references()) {
        if issues.is_empty() {
            continue;
        }
        // Catalog issues are found after the text is gone: read it again to place them.
        if let Ok(text) = std::fs::read_to_string(&files[pos]) {
            govframe_schema::validate::locate_issues(&text, &mut issues);
        }
        for issue in issues {
            push_issue(&mut outcomes[pos].report, issue);
        }
    }
    (outcomes, catalog, io_error)
}

fn push_issue(report: &mut ValidationReport, issue: Issue) {
    let issues = std::mem::take(&mut report.issues);
    let mut fresh = ValidationReport::new(
        report.subject.clone(),
        issues.into_iter().chain([issue]).collect(),
    );
    fresh.checked_kind = report.checked_kind.take();
    fresh.checked_spec_version = report.checked_spec_version.take();
    fresh.schema_id = report.schema_id.take();
    fresh.document_id = report.document_id.take();
    *report = fresh;
}

fn human_report(r: &ValidationReport) -> String {
    let what = match (&r.checked_kind, &r.document_id) {
        (Some(k), Some(id)) => format!(" ({k} {id:?})"),
        (Some(k), None) => format!(" ({k})"),
        _ => String::new(),
    };
    let mut s = if r.valid {
        format!("{}: valid{what}", r.subject)
    } else {
        format!("{}: invalid{what}", r.subject)
    };
    s.push_str(&format!(
        " — {} error(s), {} warning(s)\n",
        r.error_count, r.warning_count
    ));
    for i in &r.issues {
        let path = if i.path.is_empty() { "/" } else { &i.path };
        let pos = match (i.line, i.column) {
            (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
            _ => String::new(),
        };
        s.push_str(&format!(
            "  {}[{}] {path}{pos}: {}\n",
            i.severity, i.rule, i.message
        ));
        if let Some(h) = &i.help {
            s.push_str(&format!("      help: {h}\n"));
        }
    }
    s
}

fn validate(format: Format, files: &[PathBuf]) -> Result<ExitCode, Fatal> {
    let (outcomes, _, io_error) = validate_all(files);
    match format {
        Format::Human => {
            let mut text = String::new();
            for o in &outcomes {
                text.push_str(&human_report(&o.report));
            }
            print(&text)?;
        }
        Format::Json => {
            let reports: Vec<&ValidationReport> = outcomes.iter().map(|o| &o.report).collect();
            print(&to_json(&reports)?)?;
        }
    }
    if io_error {
        return Ok(ExitCode::from(2));
    }
    let all_valid = outcomes.iter().all(|o| o.report.valid);
    Ok(if all_valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn coverage(format: Format, lang: &str, plan: &Path, more: &[PathBuf]) -> Result<ExitCode, Fatal> {
    let files: Vec<PathBuf> = std::iter::once(plan.to_path_buf())
        .chain(more.iter().cloned())
        .collect();
    let (outcomes, catalog, io_error) = validate_all(&files);
    let bad: Vec<&Outcome> = outcomes.iter().filter(|o| !o.report.valid).collect();
    if !bad.is_empty() {
        let mut text = String::new();
        for o in &bad {
            text.push_str(&human_report(&o.report));
        }
        eprint!("{text}");
        return Ok(ExitCode::from(if io_error { 2 } else { 1 }));
    }
    let Some(Document::StrategicPlan(plan_doc)) =
        outcomes.first().and_then(|o| o.document.as_ref())
    else {
        return Err(Fatal(format!(
            "{}: the first file must be a strategicPlan",
            plan.display()
        )));
    };
    let mut extra = Vec::new();
    for o in outcomes.iter().skip(1) {
        if let Some(Document::ObjectiveSet(set)) = &o.document {
            extra.extend(set.objectives.iter().map(|obj| (&set.id, obj)));
        }
    }
    let report = govframe_strategy::coverage(plan_doc, &extra, |r| catalog.name_of(r));
    match format {
        Format::Human => print(&report.to_table(lang))?,
        Format::Json => print(&to_json(&report)?)?,
    }
    Ok(ExitCode::SUCCESS)
}
