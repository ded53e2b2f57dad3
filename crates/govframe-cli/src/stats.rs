//! `govframe stats convert|describe|check`: statistical data files.
//!
//! ```text
//! govframe stats convert [--from FORMAT] --to dataset-json|sdmx-csv IN --out OUT
//!                        [--structure DSD.json [--codelist CL.json]...] [--no-duplicate-check]
//!                        [--structure-id AGENCY:ID(VERSION)] [--id ID] [--title TEXT]
//!                        [--keys none|series|obs|both] [--out-separator ,|;]
//!                        [--labels id|name|both [--concepts CS.json]... [--lang L]]
//!                        [--time-format original|normalized|normalized-end]
//!                        [--country-codes CSV] [--indicator CODE] [--map MAPPING] [--separator C]
//! govframe stats describe [--from FORMAT] IN [--format human|json (a datasetSummary)]
//!                         [--country-codes CSV]
//!                         [--area-dimension ID] [...reading options]
//! govframe stats check --structure DSD.json [--codelist CL.json]... [--from FORMAT] IN
//!                      [--format human|json] [...reading options]
//! ```
//!
//! Formats: `sdmx-csv`, `sdmx-json`, `itu-datahub`, `wdi-csv`, `csv` (with `--map`),
//! `dataset-json`; without `--from` the format is guessed from the first bytes.
//!
//! `convert` streams: rows go from the reader to the writer one at a time, into a temporary
//! file beside OUT that is renamed at the end and removed on any error, so a failed convert
//! leaves no output. Memory is constant, except for the duplicate-key check (one 64-bit
//! fingerprint per row; `--no-duplicate-check` turns it off). With `--structure` and
//! `--codelist`, coded dimension values are checked on the way.
//!
//! Status: 0 success (valid data for `check`); 1 bad data (the error names file, line and
//! column) or invalid data for `check`; 2 usage or I/O error.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use govframe_core::{Id, Issue, Level, LocalizedText, Severity, ValidationReport};
use govframe_schema::Document;
use govframe_schema::validate::validate_file;
use govframe_statistics::data::{CubeBuilder, DataCube, Sink};
use govframe_statistics::io::{
    AreaClassifier, CodeCheck, DuplicateCheck, Format as DataFormat, ReadOptions, ReadReport,
    dataset_json, read_format, sdmx_csv,
};
use govframe_statistics::time::PeriodMoment;
use govframe_statistics::{
    Codelist, ConceptScheme, DataStructure, Error as StatsError, StructureUse,
};

use crate::{Fatal, Format, human_report, print, to_json};

/// The statistics commands.
#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Convert a data file: SDMX-CSV, SDMX-JSON, ITU DataHub, WDI or mapped CSV in;
    /// SDMX-CSV 2.0 or a dataset document out (streaming, atomic).
    Convert(ConvertArgs),
    /// Summarise a data file: series, dimensions, measures, areas, years, gaps.
    Describe(DescribeArgs),
    /// Check a data file against a data structure and its codelists.
    Check(CheckArgs),
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InFormat {
    /// SDMX-CSV 1.0, 2.0, 2.1.
    SdmxCsv,
    /// SDMX-JSON 1.0, 2.0, 2.1 data message.
    SdmxJson,
    /// ITU DataHub CSV export.
    ItuDatahub,
    /// World Bank WDI CSV.
    WdiCsv,
    /// Any CSV, with --map.
    Csv,
    /// govframe dataset document.
    DatasetJson,
}

impl From<InFormat> for DataFormat {
    fn from(f: InFormat) -> Self {
        match f {
            InFormat::SdmxCsv => Self::SdmxCsv,
            InFormat::SdmxJson => Self::SdmxJson,
            InFormat::ItuDatahub => Self::ItuDatahub,
            InFormat::WdiCsv => Self::WdiCsv,
            InFormat::Csv => Self::Csv,
            InFormat::DatasetJson => Self::DatasetJson,
        }
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    /// govframe dataset document (JSON).
    DatasetJson,
    /// SDMX-CSV 2.0.
    SdmxCsv,
}

/// Key columns of SDMX-CSV output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeysArg {
    /// No key column.
    None,
    /// SERIES_KEY.
    Series,
    /// OBS_KEY.
    Obs,
    /// Both.
    Both,
}

/// Identification in SDMX-CSV output (the SDMX-CSV `labels` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LabelsArg {
    /// Ids only.
    Id,
    /// Each id followed by a column with its name.
    Name,
    /// `ID: Name` in one column.
    Both,
}

/// Time periods in SDMX-CSV output (the SDMX-CSV `timeFormat` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimeFormatArg {
    /// As recorded.
    Original,
    /// As the first day of each period (ISO 8601 date).
    Normalized,
    /// As the last day of each period (values collected at the end of the period).
    NormalizedEnd,
}

/// How to read the input.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Input format (guessed from the first bytes when left out).
    #[arg(long, value_enum)]
    from: Option<InFormat>,
    /// Country codes (a CSV with an ISO3166-1-Alpha-3 column) to tell countries from
    /// aggregates and unknown areas.
    #[arg(long)]
    country_codes: Option<PathBuf>,
    /// Indicator code of a WDI file (default: from the file name).
    #[arg(long)]
    indicator: Option<String>,
    /// Column mapping of a plain CSV file, e.g.
    /// "REF_AREA=Code,TIME_PERIOD=Year,OBS_VALUE=Value,INDICATOR:=POP".
    #[arg(long)]
    map: Option<String>,
    /// Field separator of the input (default: found or assumed by the reader).
    #[arg(long)]
    separator: Option<char>,
}

/// Arguments of `govframe stats convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Output format.
    #[arg(long, value_enum)]
    to: OutFormat,
    /// The input file.
    input: PathBuf,
    /// The output file (written through a temporary file and a rename).
    #[arg(long)]
    out: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// A dataStructure document: gives columns their roles; with --codelist, coded
    /// dimension values are checked.
    #[arg(long)]
    structure: Option<PathBuf>,
    /// Codelist documents for --structure.
    #[arg(long = "codelist")]
    codelists: Vec<PathBuf>,
    /// Do not check for repeated keys (memory then stays constant).
    #[arg(long)]
    no_duplicate_check: bool,
    /// STRUCTURE_ID written for rows that name none (default: from the reader).
    #[arg(long)]
    structure_id: Option<String>,
    /// Key columns of SDMX-CSV output.
    #[arg(long, value_enum, default_value_t = KeysArg::None)]
    keys: KeysArg,
    /// Field separator of SDMX-CSV output: "," or ";" (then decimal commas).
    #[arg(long, default_value_t = ',')]
    out_separator: char,
    /// Ids, names or both in SDMX-CSV output. Names come from the input (value labels),
    /// from --structure (component names, the codelists' code names) and --concepts.
    #[arg(long, value_enum, default_value_t = LabelsArg::Id)]
    labels: LabelsArg,
    /// conceptScheme documents that name the components of --structure.
    #[arg(long = "concepts")]
    concepts: Vec<PathBuf>,
    /// Language of the names written with --labels name|both.
    #[arg(long, default_value = "en")]
    lang: String,
    /// Time periods of SDMX-CSV output as recorded or normalised to ISO 8601 dates.
    #[arg(long, value_enum, default_value_t = TimeFormatArg::Original)]
    time_format: TimeFormatArg,
    /// Id of the dataset document (default: from the output file name).
    #[arg(long)]
    id: Option<String>,
    /// Title of the dataset document (default: the input file name).
    #[arg(long)]
    title: Option<String>,
}

/// Arguments of `govframe stats describe`.
#[derive(Debug, Args)]
pub struct DescribeArgs {
    /// The input file.
    input: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The reference-area dimension (default REF_AREA).
    #[arg(long)]
    area_dimension: Option<String>,
}

/// Arguments of `govframe stats check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The dataStructure document.
    #[arg(long)]
    structure: PathBuf,
    /// Codelist documents the structure names.
    #[arg(long = "codelist")]
    codelists: Vec<PathBuf>,
    /// The input file.
    input: PathBuf,
    #[command(flatten)]
    read: ReadArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Runs a statistics command.
pub fn run(command: &StatsCommand) -> Result<ExitCode, Fatal> {
    match command {
        StatsCommand::Convert(args) => convert(args),
        StatsCommand::Describe(args) => describe(args),
        StatsCommand::Check(args) => check(args),
    }
}

/// How a command ends on a library error: bad data → 1, anything else → 2.
fn fail(e: StatsError) -> Result<ExitCode, Fatal> {
    match e {
        StatsError::Input { .. } => {
            eprintln!("govframe: {e}");
            Ok(ExitCode::from(1))
        }
        other => Err(Fatal(other.to_string())),
    }
}

fn open(path: &Path) -> Result<File, Fatal> {
    File::open(path).map_err(|e| Fatal(format!("{}: {e}", path.display())))
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// The input format: given, or guessed from the first 4 KiB.
fn input_format(path: &Path, given: Option<InFormat>) -> Result<DataFormat, Fatal> {
    if let Some(f) = given {
        return Ok(f.into());
    }
    let mut head = vec![0u8; 4096];
    let mut file = open(path)?;
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Fatal(format!("{}: {e}", path.display()))),
        }
    }
    head.truncate(n);
    Ok(DataFormat::detect(&head))
}

/// Reads a document of one kind through `validate_file`; an invalid one ends the command.
fn load<T>(
    path: &Path,
    pick: impl Fn(Document) -> Option<T>,
    kind: &str,
) -> Result<Result<T, ExitCode>, Fatal> {
    let outcome = validate_file(path);
    if outcome.report.issues.iter().any(|i| i.rule == "io.read") {
        return Err(Fatal(format!("{}: cannot read the file", path.display())));
    }
    if !outcome.report.valid {
        eprint!("{}", human_report(&outcome.report));
        return Ok(Err(ExitCode::from(1)));
    }
    match outcome.document.and_then(pick) {
        Some(d) => Ok(Ok(d)),
        None => Err(Fatal(format!("{}: not a {kind} document", path.display()))),
    }
}

fn load_structure(path: &Path) -> Result<Result<DataStructure, ExitCode>, Fatal> {
    load(
        path,
        |d| match d {
            Document::DataStructure(s) => Some(*s),
            _ => None,
        },
        "dataStructure",
    )
}

/// Loads every file of `paths` as a document of `kind`.
fn load_many<T>(
    paths: &[PathBuf],
    pick: impl Fn(Document) -> Option<T> + Copy,
    kind: &str,
) -> Result<Result<Vec<T>, ExitCode>, Fatal> {
    let mut out = Vec::new();
    for p in paths {
        match load(p, pick, kind)? {
            Ok(c) => out.push(c),
            Err(code) => return Ok(Err(code)),
        }
    }
    Ok(Ok(out))
}

fn load_codelists(paths: &[PathBuf]) -> Result<Result<Vec<Codelist>, ExitCode>, Fatal> {
    let pick = |d| match d {
        Document::Codelist(c) => Some(*c),
        _ => None,
    };
    load_many(paths, pick, "codelist")
}

fn load_concepts(paths: &[PathBuf]) -> Result<Result<Vec<ConceptScheme>, ExitCode>, Fatal> {
    let pick = |d| match d {
        Document::ConceptScheme(c) => Some(*c),
        _ => None,
    };
    load_many(paths, pick, "conceptScheme")
}

fn read_options(args: &ReadArgs, structure: Option<DataStructure>) -> Result<ReadOptions, Fatal> {
    let areas = match &args.country_codes {
        Some(p) => Some(
            AreaClassifier::from_csv(BufReader::new(open(p)?), &display(p))
                .map_err(|e| Fatal(e.to_string()))?,
        ),
        None => None,
    };
    let separator = match args.separator {
        Some(c) if c.is_ascii() => Some(c as u8),
        Some(c) => return Err(Fatal(format!("separator {c:?} is not an ASCII character"))),
        None => None,
    };
    let mapping = match &args.map {
        Some(m) => Some(m.parse().map_err(|e: StatsError| Fatal(e.to_string()))?),
        None => None,
    };
    Ok(ReadOptions {
        structure,
        separator,
        areas,
        indicator: args.indicator.clone(),
        mapping,
    })
}

/// Warnings of a reader, on standard error (informational notes are left out).
fn print_notes(file: &str, report: &ReadReport) {
    for n in &report.notes {
        if n.severity != Severity::Info {
            eprintln!("{file}: {n}");
        }
    }
}

/// Reads a whole file into a cube.
fn read_cube(
    path: &Path,
    args: &ReadArgs,
    options: &ReadOptions,
) -> Result<Result<(DataCube, ReadReport), StatsError>, Fatal> {
    let format = input_format(path, args.from)?;
    let file = open(path)?;
    let name = display(path);
    Ok(DataCube::read_with(|sink: &mut CubeBuilder| {
        read_format(format, file, &name, options, sink)
    }))
}

fn stem_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    if trimmed.is_empty() {
        "dataset".into()
    } else {
        trimmed.chars().take(128).collect()
    }
}

/// A temporary file beside `out`, removed when dropped unless kept.
struct TempOut {
    path: PathBuf,
    keep: bool,
}

impl Drop for TempOut {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn convert(args: &ConvertArgs) -> Result<ExitCode, Fatal> {
    let structure = match &args.structure {
        Some(p) => match load_structure(p)? {
            Ok(s) => Some(s),
            Err(code) => return Ok(code),
        },
        None => None,
    };
    let codelists = match load_codelists(&args.codelists)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let concepts = match load_concepts(&args.concepts)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let names = match &structure {
        Some(dsd) if args.labels != LabelsArg::Id => sdmx_csv::Names::from_structure(
            dsd,
            &concepts.iter().collect::<Vec<_>>(),
            &codelists.iter().collect::<Vec<_>>(),
            &args.lang,
        ),
        _ => sdmx_csv::Names::default(),
    };
    let options = read_options(&args.read, structure)?;
    let format = input_format(&args.input, args.read.from)?;
    let input = open(&args.input)?;
    let in_name = display(&args.input);
    let out_name = display(&args.out);
    let dir = args
        .out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = args
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Fatal(format!("{out_name}: not a file name")))?;
    let mut temp = TempOut {
        path: dir.join(format!(".{file_name}.tmp-{}", std::process::id())),
        keep: false,
    };
    let out =
        File::create(&temp.path).map_err(|e| Fatal(format!("{}: {e}", temp.path.display())))?;
    let default_structure = match &args.structure_id {
        Some(s) => Some(StructureUse::dataflow(
            s.parse().map_err(|e: StatsError| Fatal(e.to_string()))?,
        )),
        None => None,
    };
    let result = match args.to {
        OutFormat::SdmxCsv => {
            let separator = match args.out_separator {
                ',' => b',',
                ';' => b';',
                c => return Err(Fatal(format!("--out-separator must be , or ;, not {c:?}"))),
            };
            let writer = sdmx_csv::Writer::new(
                std::io::BufWriter::with_capacity(1 << 16, out),
                &out_name,
                sdmx_csv::WriteOptions {
                    separator,
                    keys: match args.keys {
                        KeysArg::None => sdmx_csv::Keys::None,
                        KeysArg::Series => sdmx_csv::Keys::Series,
                        KeysArg::Obs => sdmx_csv::Keys::Obs,
                        KeysArg::Both => sdmx_csv::Keys::Both,
                    },
                    default_structure,
                    labels: match args.labels {
                        LabelsArg::Id => sdmx_csv::Labels::Id,
                        LabelsArg::Name => sdmx_csv::Labels::Name,
                        LabelsArg::Both => sdmx_csv::Labels::Both,
                    },
                    names,
                    time_format: match args.time_format {
                        TimeFormatArg::Original => sdmx_csv::TimeFormat::Original,
                        TimeFormatArg::Normalized => {
                            sdmx_csv::TimeFormat::Normalized(PeriodMoment::Start)
                        }
                        TimeFormatArg::NormalizedEnd => {
                            sdmx_csv::TimeFormat::Normalized(PeriodMoment::End)
                        }
                    },
                },
            );
            pipe(writer, args, format, input, &in_name, &options, &codelists).map(|(w, report)| {
                (
                    w.into_inner().into_inner().map_err(|e| e.into_error()),
                    report,
                )
            })
        }
        OutFormat::DatasetJson => {
            let id = args.id.clone().unwrap_or_else(|| stem_id(&args.out));
            let id: Id = id
                .parse()
                .map_err(|e: govframe_core::Error| Fatal(format!("--id: {e}")))?;
            let title = LocalizedText::en(args.title.clone().unwrap_or_else(|| {
                args.input
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "dataset".into())
            }));
            let writer = dataset_json::Writer::new(
                std::io::BufWriter::with_capacity(1 << 16, out),
                &out_name,
                dataset_json::WriteOptions {
                    id,
                    title,
                    structure: None,
                    dataflow: None,
                    process: None,
                },
            );
            pipe(writer, args, format, input, &in_name, &options, &codelists).map(|(w, report)| {
                (
                    w.into_inner().into_inner().map_err(|e| e.into_error()),
                    report,
                )
            })
        }
    };
    let (file, report) = match result {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    let file = file.map_err(|e| Fatal(format!("{out_name}: {e}")))?;
    file.sync_all()
        .map_err(|e| Fatal(format!("{out_name}: {e}")))?;
    drop(file);
    std::fs::rename(&temp.path, &args.out).map_err(|e| Fatal(format!("{out_name}: {e}")))?;
    temp.keep = true;
    print_notes(&in_name, &report);
    print(&format!(
        "{in_name}: {} rows ({}) written to {out_name} ({})\n",
        report.rows,
        format,
        match args.to {
            OutFormat::SdmxCsv => "sdmx-csv",
            OutFormat::DatasetJson => "dataset-json",
        }
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Reader → [duplicate check] → [code check] → writer. Returns the writer.
fn pipe<W: Sink>(
    writer: W,
    args: &ConvertArgs,
    format: DataFormat,
    input: File,
    in_name: &str,
    options: &ReadOptions,
    codelists: &[Codelist],
) -> Result<(W, ReadReport), StatsError> {
    let codes = CodeCheck::new(writer, in_name, options.structure.as_ref(), codelists);
    if args.no_duplicate_check {
        let mut sink = codes;
        let report = read_format(format, input, in_name, options, &mut sink)?;
        Ok((sink.into_inner(), report))
    } else {
        let mut sink = DuplicateCheck::new(codes, in_name);
        let report = read_format(format, input, in_name, options, &mut sink)?;
        Ok((sink.into_inner().into_inner(), report))
    }
}

fn describe(args: &DescribeArgs) -> Result<ExitCode, Fatal> {
    let options = read_options(&args.read, None)?;
    let (cube, report) = match read_cube(&args.input, &args.read, &options)? {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    print_notes(&display(&args.input), &report);
    let summary = govframe_statistics::describe(
        &cube,
        args.area_dimension.as_deref(),
        options.areas.as_ref(),
    );
    match args.format {
        Format::Human => print(&format!(
            "{}: {}\n{}",
            display(&args.input),
            input_format(&args.input, args.read.from)?,
            summary.to_text()
        ))?,
        Format::Json => {
            let stem: String = stem_id(&args.input).chars().take(120).collect();
            let id = format!("{stem}-summary");
            let id: Id = id
                .parse()
                .map_err(|e: govframe_core::Error| Fatal(format!("{id}: {e}")))?;
            let format = input_format(&args.input, args.read.from)?.to_string();
            let doc = govframe_statistics::DatasetSummary::new(
                id,
                &display(&args.input),
                &format,
                summary,
            );
            print(&to_json(&doc)?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(args: &CheckArgs) -> Result<ExitCode, Fatal> {
    let structure = match load_structure(&args.structure)? {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let codelists = match load_codelists(&args.codelists)? {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let options = read_options(&args.read, Some(structure.clone()))?;
    let subject = display(&args.input);
    let issues: Vec<Issue> = match read_cube(&args.input, &args.read, &options)? {
        Ok((cube, report)) => {
            let mut issues = report.notes;
            issues.extend(govframe_statistics::check(&cube, &structure, &codelists));
            issues
        }
        Err(StatsError::Input { at, problem }) => {
            let mut issue = Issue::new(
                Level::Parse,
                Severity::Error,
                "statistics.read.error",
                at.field.clone().unwrap_or_default(),
                problem.to_string(),
            );
            issue.line = at.line;
            issue.column = at.column;
            vec![issue]
        }
        Err(e) => return Err(Fatal(e.to_string())),
    };
    let mut report = ValidationReport::new(subject, issues);
    report.checked_kind = Some("dataStructure".into());
    report.document_id = Some(structure.id.to_string());
    match args.format {
        Format::Human => print(&human_report(&report))?,
        Format::Json => print(&to_json(&report)?)?,
    }
    Ok(if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert_args(input: &Path, out: &Path, to: OutFormat) -> ConvertArgs {
        ConvertArgs {
            to,
            input: input.to_path_buf(),
            out: out.to_path_buf(),
            read: ReadArgs {
                from: None,
                country_codes: None,
                indicator: None,
                map: None,
                separator: None,
            },
            structure: None,
            codelists: Vec::new(),
            no_duplicate_check: false,
            structure_id: None,
            keys: KeysArg::None,
            out_separator: ',',
            labels: LabelsArg::Id,
            concepts: Vec::new(),
            lang: "en".into(),
            time_format: TimeFormatArg::Original,
            id: None,
            title: None,
        }
    }

    const GOOD: &str = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE\n\
                        dataflow,X:Y(1.0),I,KEN,2020,1.5\n\
                        dataflow,X:Y(1.0),I,KEN,2021,2.5\n";

    #[test]
    fn convert_writes_atomically_and_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.csv");
        std::fs::write(&input, GOOD).unwrap();
        let out = dir.path().join("out.json");
        let code = convert(&convert_args(&input, &out, OutFormat::DatasetJson))
            .unwrap_or_else(|Fatal(m)| panic!("{m}"));
        assert_eq!(code, ExitCode::SUCCESS);
        let doc: govframe_statistics::Dataset =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(doc.observations.len(), 2);
        assert_eq!(doc.id.as_str(), "out");

        // Bad rows: every kind of bad input leaves no output and no temporary file.
        let bad_rows = [
            "dataflow,X:Y(1.0),I,KEN,2022,1,extra\n",
            "dataflow,X:Y(1.0),I,KEN,2022,\"open\n",
            "dataflow,X:Y(1.0),I,KEN,2020,9\n",
            "dataflow,X:Y(1.0),I,KEN,2022,abc\n",
        ];
        for (i, bad) in bad_rows.iter().enumerate() {
            let input = dir.path().join(format!("bad{i}.csv"));
            std::fs::write(&input, format!("{GOOD}{bad}")).unwrap();
            let out = dir.path().join(format!("bad{i}.csv.out"));
            let code = convert(&convert_args(&input, &out, OutFormat::SdmxCsv))
                .unwrap_or_else(|Fatal(m)| panic!("{m}"));
            assert_eq!(code, ExitCode::from(1), "{bad}");
            assert!(!out.exists(), "{bad}");
        }
        let mut bytes = GOOD.as_bytes().to_vec();
        bytes.extend_from_slice(b"dataflow,X:Y(1.0),I,\xFF,2022,1\n");
        let input = dir.path().join("utf8.csv");
        std::fs::write(&input, bytes).unwrap();
        let out = dir.path().join("utf8.out.csv");
        assert_eq!(
            convert(&convert_args(&input, &out, OutFormat::SdmxCsv)).ok(),
            Some(ExitCode::from(1))
        );
        assert!(!out.exists());
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn stem_ids() {
        assert_eq!(
            stem_id(Path::new("/x/wdi-it.net.bbnd.p2.json")),
            "wdi-it.net.bbnd.p2"
        );
        assert_eq!(stem_id(Path::new("_a b.json")), "a-b");
        assert_eq!(stem_id(Path::new("__.json")), "dataset");
    }
}
