//! `govframe report`: the annual research report from the bundled ITU documents or a folder of
//! documents, written as `index.html`, `report.md`, `charts/*.svg` and `annual-report.json`
//! into a folder that appears whole or not at all.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use govframe_core::Severity;
use govframe_report::{ReportInput, ReportOptions, build, render_html, render_markdown};
use govframe_schema::validate::{Outcome, validate_file, validate_str};
use indicatif::{ProgressBar, ProgressStyle};

use crate::{Fatal, human_report, to_json};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A folder of documents (every *.json in it, validated); default: the bundled ITU
    /// documents.
    #[arg(long)]
    input: Option<PathBuf>,
    /// The year reported on (default: the latest year with data).
    #[arg(long)]
    year: Option<i32>,
    /// Language: ar, zh, en, fr, ru or es (text in that language where the documents carry
    /// it, English otherwise; the report says which).
    #[arg(long, default_value = "en")]
    lang: String,
    /// The output folder (replaced whole; created if needed).
    #[arg(long, default_value = "report")]
    out: PathBuf,
}

/// Progress on stderr: a bar on a terminal, plain lines otherwise.
struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    fn new(steps: u64) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(steps);
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Self { bar }
    }

    fn step(&self, msg: &str) {
        match &self.bar {
            Some(bar) => {
                bar.set_message(msg.to_owned());
                bar.inc(1);
            }
            None => eprintln!("govframe: report: {msg}"),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Whether a validation outcome blocks use of the document. The identity checks of a
/// supply-use table are results, not defects: the report shows them.
fn blocking(outcome: &Outcome) -> bool {
    outcome
        .report
        .issues
        .iter()
        .any(|i| i.severity == Severity::Error && !govframe_accounting::is_check_rule(&i.rule))
}

/// The bundled ITU documents, each read through the schema reader (all three levels).
fn bundled() -> Result<ReportInput, Fatal> {
    let mut input = ReportInput::default();
    for b in govframe_itu::all() {
        let outcome = validate_str(b.json, b.file_name);
        if blocking(&outcome) {
            return Err(Fatal(format!(
                "bundled document {} is invalid (a build defect):\n{}",
                b.file_name,
                human_report(&outcome.report)
            )));
        }
        match outcome.document {
            Some(doc) => govframe_schema::add_to_report(&mut input, doc),
            None => {
                return Err(Fatal(format!(
                    "bundled document {} could not be read",
                    b.file_name
                )));
            }
        }
    }
    Ok(input)
}

/// Every `*.json` of `dir`, in file-name order, validated. `Ok(Err(1))` when one is invalid
/// (each problem printed with its file, JSON path, line and column).
fn folder(dir: &Path) -> Result<Result<ReportInput, ExitCode>, Fatal> {
    let entries = std::fs::read_dir(dir).map_err(|e| Fatal(format!("{}: {e}", dir.display())))?;
    let mut files: Vec<PathBuf> = Vec::new();
    for e in entries {
        let path = e
            .map_err(|e| Fatal(format!("{}: {e}", dir.display())))?
            .path();
        let is_json = path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("json"));
        if is_json && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Fatal(format!(
            "{}: no *.json document in the folder",
            dir.display()
        )));
    }
    let mut input = ReportInput::default();
    let mut invalid = false;
    for f in &files {
        let outcome = validate_file(f);
        if let Some(io) = outcome.report.issues.iter().find(|i| i.rule == "io.read") {
            return Err(Fatal(io.message.clone()));
        }
        if blocking(&outcome) {
            eprint!("{}", human_report(&outcome.report));
            invalid = true;
            continue;
        }
        match outcome.document {
            Some(doc) => govframe_schema::add_to_report(&mut input, doc),
            None => {
                eprint!("{}", human_report(&outcome.report));
                invalid = true;
            }
        }
    }
    if invalid {
        return Ok(Err(ExitCode::from(1)));
    }
    Ok(Ok(input))
}

/// Writes the files into a temporary sibling folder, then puts it in place of `out` with
/// renames, so `out` never holds a partial report.
fn write_folder(out: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), Fatal> {
    let fail = |p: &Path, e: std::io::Error| Fatal(format!("{}: {e}", p.display()));
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Fatal(format!("{}: not a folder name", out.display())))?;
    if out.exists() {
        if !out.is_dir() {
            return Err(Fatal(format!(
                "{}: exists and is not a folder",
                out.display()
            )));
        }
        let empty = std::fs::read_dir(out)
            .map_err(|e| fail(out, e))?
            .next()
            .is_none();
        if !empty && !out.join("annual-report.json").is_file() {
            return Err(Fatal(format!(
                "{}: the folder exists and does not hold a report (no annual-report.json); choose another --out or empty it",
                out.display()
            )));
        }
    }
    std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| fail(&tmp, e))?;
    }
    let written = (|| {
        for (rel, bytes) in files {
            let path = tmp.join(rel);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
            }
            std::fs::write(&path, bytes).map_err(|e| fail(&path, e))?;
        }
        Ok::<(), Fatal>(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old).map_err(|e| {
            let _ = std::fs::remove_dir_all(&tmp);
            fail(out, e)
        })?;
    }
    if let Err(e) = std::fs::rename(&tmp, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(fail(out, e));
    }
    if had_old {
        std::fs::remove_dir_all(&old).map_err(|e| fail(&old, e))?;
    }
    Ok(())
}

pub fn report(args: &ReportArgs) -> Result<ExitCode, Fatal> {
    let progress = Progress::new(5);
    progress.step("reading the documents");
    let input = match &args.input {
        Some(dir) => match folder(dir)? {
            Ok(input) => input,
            Err(code) => {
                progress.finish();
                return Ok(code);
            }
        },
        None => bundled()?,
    };
    progress.step("computing the sections");
    let options = ReportOptions {
        year: args.year,
        language: args.lang.clone(),
        ..ReportOptions::default()
    };
    let report = build(&input, &options).map_err(|e| Fatal(e.to_string()))?;
    progress.step("rendering HTML");
    let html = render_html(&report);
    progress.step("rendering Markdown and charts");
    let md = render_markdown(&report);
    let json = to_json(&report)?;
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (PathBuf::from("index.html"), html.into_bytes()),
        (PathBuf::from("report.md"), md.text.into_bytes()),
        (PathBuf::from("annual-report.json"), json.into_bytes()),
    ];
    for (name, svg) in md.charts {
        files.push((Path::new("charts").join(name), svg.into_bytes()));
    }
    progress.step("writing the files");
    write_folder(&args.out, &files)?;
    progress.finish();
    eprintln!(
        "govframe: wrote the {} report ({} sections, {} charts, {} documents) to {}",
        report.year,
        report.sections.len(),
        files.len() - 3,
        report.documents.len(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
