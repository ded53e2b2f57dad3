//! `govframe consensus`, `govframe landscape` and `govframe calendar`: the meeting-platform
//! commands.
//!
//! ```text
//! govframe consensus FILE.json [--format human|json] [--lang L]
//! govframe landscape FILE.json [--theme T]... [--format human|json|csv] [--matrix]
//! govframe calendar FILE.json [--out FILE.ics] [--lang L]
//! ```
//!
//! Each reads its document through `validate_file` (parse, schema, semantics): 0 when done,
//! 1 when the document is invalid (its report goes to standard error), 2 on a usage or I/O
//! error (a file that cannot be read or written, a document of the wrong kind).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use govframe_platforms::calendar::to_ics;
use govframe_platforms::{Theme, analyze, decide};
use govframe_schema::Document;
use govframe_schema::validate::validate_file;

use crate::{Fatal, human_report, print, to_json};

/// Output formats of `govframe consensus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConsensusFormat {
    /// A table for people.
    Human,
    /// The `consensusResult` document.
    Json,
}

/// Output formats of `govframe landscape`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LandscapeFormat {
    /// A table for people.
    Human,
    /// The `landscapeAnalysis` document.
    Json,
    /// CSV: one row per theme (or, with --matrix, one row per country).
    Csv,
}

/// Arguments of `govframe consensus`.
#[derive(Debug, Args)]
pub struct ConsensusArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ConsensusFormat::Human)]
    format: ConsensusFormat,
    /// Language of the proposal titles shown (BCP 47; falls back to English).
    #[arg(long, default_value = "en")]
    lang: String,
    /// The consultation.
    file: PathBuf,
}

/// Arguments of `govframe landscape`.
#[derive(Debug, Args)]
pub struct LandscapeArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = LandscapeFormat::Human)]
    format: LandscapeFormat,
    /// Show only this theme (a theme code such as aiGovernance); may be repeated.
    #[arg(long, value_parser = clap::builder::NonEmptyStringValueParser::new())]
    theme: Vec<String>,
    /// Show the country × theme coverage matrix (human and csv formats).
    #[arg(long)]
    matrix: bool,
    /// The governance landscape.
    file: PathBuf,
}

/// Arguments of `govframe calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// Write the calendar to this file (through a temporary file and a rename) instead of
    /// standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Language of the texts (BCP 47; falls back to English).
    #[arg(long, default_value = "en")]
    lang: String,
    /// The platform registry.
    file: PathBuf,
}

/// Reads and validates `path`: the document, or the exit code to end with.
fn load(path: &Path) -> Result<Result<Document, ExitCode>, Fatal> {
    let outcome = validate_file(path);
    if let Some(io) = outcome.report.issues.iter().find(|i| i.rule == "io.read") {
        return Err(Fatal(io.message.clone()));
    }
    if !outcome.report.valid {
        eprint!("{}", human_report(&outcome.report));
        return Ok(Err(ExitCode::from(1)));
    }
    match outcome.document {
        Some(doc) => Ok(Ok(doc)),
        None => Err(Fatal(format!(
            "{}: no document could be read",
            path.display()
        ))),
    }
}

fn wrong_kind(path: &Path, doc: &Document, expected: &str) -> Fatal {
    Fatal(format!(
        "{}: expected a {expected} document, found a {}",
        path.display(),
        doc.kind()
    ))
}

/// `govframe consensus`: outcomes per proposal and round.
pub fn consensus(args: &ConsensusArgs) -> Result<ExitCode, Fatal> {
    let doc = match load(&args.file)? {
        Ok(doc) => doc,
        Err(code) => return Ok(code),
    };
    let Document::Consultation(c) = &doc else {
        return Err(wrong_kind(&args.file, &doc, "consultation"));
    };
    let result = decide(c);
    match args.format {
        ConsensusFormat::Human => print(&result.to_table(Some(c), &args.lang))?,
        ConsensusFormat::Json => print(&to_json(&result)?)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `govframe landscape`: coverage, overlap and fragmentation per theme.
pub fn landscape(args: &LandscapeArgs) -> Result<ExitCode, Fatal> {
    let doc = match load(&args.file)? {
        Ok(doc) => doc,
        Err(code) => return Ok(code),
    };
    let Document::GovernanceLandscape(l) = &doc else {
        return Err(wrong_kind(&args.file, &doc, "governanceLandscape"));
    };
    let mut analysis = analyze(l, None);
    if !args.theme.is_empty() {
        let wanted: Vec<Theme> = args.theme.iter().map(|t| Theme::from(t.as_str())).collect();
        for w in &wanted {
            if !analysis.matrix.themes.contains(w) {
                eprintln!("govframe: no mechanism covers theme {:?}", w.as_str());
            }
        }
        analysis.retain_themes(|t| wanted.contains(t));
    }
    let text = match (args.format, args.matrix) {
        (LandscapeFormat::Json, _) => to_json(&analysis)?,
        (LandscapeFormat::Csv, false) => analysis.to_csv(),
        (LandscapeFormat::Csv, true) => analysis.matrix_csv(),
        (LandscapeFormat::Human, false) => analysis.to_table(),
        (LandscapeFormat::Human, true) => {
            format!("{}\n{}", analysis.to_table(), analysis.matrix_csv())
        }
    };
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `govframe calendar`: the editions of a platform registry as iCalendar.
pub fn calendar(args: &CalendarArgs) -> Result<ExitCode, Fatal> {
    let doc = match load(&args.file)? {
        Ok(doc) => doc,
        Err(code) => return Ok(code),
    };
    let Document::PlatformRegistry(reg) = &doc else {
        return Err(wrong_kind(&args.file, &doc, "platformRegistry"));
    };
    let ics = to_ics(reg, &args.lang);
    match &args.out {
        Some(out) => {
            govframe_schema::export::write_atomic(out, ics.as_bytes())
                .map_err(|e| Fatal(e.to_string()))?;
            eprintln!(
                "govframe: wrote {} event(s) to {}",
                reg.editions().count(),
                out.display()
            );
        }
        None => print(&ics)?,
    }
    Ok(ExitCode::SUCCESS)
}
