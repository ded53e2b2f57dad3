//! `govframe progress`: assess a monitoring framework on data.
//!
//! ```text
//! govframe progress --framework FRAMEWORK.json --data DATASET... [--method M]... [--area A]...
//!                   [--format human|json|csv] [--plan PLAN.json]... [--scorecard PLAN_ID]
//!                   [--areas COUNTRY_CODES.csv] [--groups MEMBERSHIPS.csv]...
//!                   [--weighting simple|population] [--population SERIES] [--min-coverage X]
//! ```
//!
//! The framework is read through `validate_file` (parse, schema, semantics); data files in any
//! format govframe-statistics reads (ITU DataHub, WDI CSV, SDMX-CSV, SDMX-JSON, `dataset`
//! JSON). Plans named by the framework's target references are taken from `--plan` files or,
//! for the ITU plans, from the bundled documents. Exit status: 0 when done, 1 when the
//! framework or a plan is invalid (its report goes to standard error), 2 on a usage or I/O
//! error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use govframe_core::Id;
use govframe_monitoring::{
    AreaGroups, AssessOptions, MethodKind, Observations, Weighting, assess, scorecard,
};
use govframe_schema::Document;
use govframe_schema::validate::validate_file;
use govframe_strategy::StrategicPlan;

use crate::{Fatal, human_report, print, to_json};

/// Output formats of `govframe progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProgressFormat {
    /// Tables for people.
    Human,
    /// The `progressReport` document.
    Json,
    /// CSV, one row per assessment.
    Csv,
}

/// How group values are averaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WeightingArg {
    /// Simple mean.
    Simple,
    /// Mean weighted by the `--population` series.
    Population,
}

/// Arguments of `govframe progress`.
#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// The monitoring framework.
    #[arg(long)]
    framework: PathBuf,
    /// Data files (ITU DataHub, WDI CSV, SDMX-CSV, SDMX-JSON, dataset JSON).
    #[arg(long, required = true, num_args = 1..)]
    data: Vec<PathBuf>,
    /// Method(s) to use instead of each indicator's own: unsdCagr, openSdg, escap or all.
    #[arg(long, value_parser = clap::builder::NonEmptyStringValueParser::new())]
    method: Vec<String>,
    /// Only these areas (country or group codes); may be repeated.
    #[arg(long, value_parser = clap::builder::NonEmptyStringValueParser::new())]
    area: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ProgressFormat::Human)]
    format: ProgressFormat,
    /// Strategic plans whose targets the framework names (the ITU plans are bundled).
    #[arg(long)]
    plan: Vec<PathBuf>,
    /// Show the scorecard of this plan (its id): every quantified target in its scope's area.
    #[arg(long)]
    scorecard: Option<String>,
    /// The country-code file (datasets/country-codes CSV): countries, world, M49 regions,
    /// LDC, LLDC and SIDS.
    #[arg(long)]
    areas: Option<PathBuf>,
    /// Group memberships, a `group,area[,name]` CSV (ITU-D regions, income groups…).
    #[arg(long)]
    groups: Vec<PathBuf>,
    /// How group values are averaged.
    #[arg(long, value_enum, default_value_t = WeightingArg::Simple)]
    weighting: WeightingArg,
    /// The population series code in the data (for --weighting population).
    #[arg(long)]
    population: Option<String>,
    /// Minimum share of a group's members with data for a year to count (0 to 1).
    #[arg(long, default_value_t = 0.5)]
    min_coverage: f64,
}

/// Reads and validates a document; `Ok(Err(code))` when it is invalid.
fn load(path: &Path) -> Result<Result<Document, ExitCode>, Fatal> {
    let outcome = validate_file(path);
    if let Some(io) = outcome.report.issues.iter().find(|i| i.rule == "io.read") {
        return Err(Fatal(io.message.clone()));
    }
    if !outcome.report.valid {
        eprint!("{}", human_report(&outcome.report));
        return Ok(Err(ExitCode::from(1)));
    }
    outcome
        .document
        .map(Ok)
        .ok_or_else(|| Fatal(format!("{}: no document could be read", path.display())))
}

fn read_text(path: &Path) -> Result<String, Fatal> {
    std::fs::read_to_string(path).map_err(|e| Fatal(format!("{}: {e}", path.display())))
}

/// `govframe progress`.
pub fn progress(args: &ProgressArgs) -> Result<ExitCode, Fatal> {
    let framework = match load(&args.framework)? {
        Ok(Document::MonitoringFramework(f)) => f,
        Ok(other) => {
            return Err(Fatal(format!(
                "{}: expected a monitoringFramework document, found a {}",
                args.framework.display(),
                other.kind()
            )));
        }
        Err(code) => return Ok(code),
    };
    let mut methods = Vec::new();
    for m in &args.method {
        if m.eq_ignore_ascii_case("all") {
            methods.extend(MethodKind::ALL);
        } else {
            methods.push(MethodKind::parse(m).ok_or_else(|| {
                Fatal(format!(
                    "unknown method {m:?}; expected unsdCagr, openSdg, escap or all"
                ))
            })?);
        }
    }
    methods.sort();
    methods.dedup();
    let mut areas = Vec::new();
    for a in &args.area {
        areas.push(Id::new(a.as_str()).map_err(|e| Fatal(format!("--area {a:?}: {e}")))?);
    }
    if !(0.0..=1.0).contains(&args.min_coverage) {
        return Err(Fatal("--min-coverage must be between 0 and 1".into()));
    }
    let population = match &args.population {
        Some(p) => Some(Id::new(p.as_str()).map_err(|e| Fatal(format!("--population: {e}")))?),
        None => None,
    };
    if args.weighting == WeightingArg::Population && population.is_none() {
        return Err(Fatal(
            "--weighting population needs --population SERIES".into(),
        ));
    }

    // Plans: files given, then bundled ITU plans the framework names.
    let mut plans: Vec<StrategicPlan> = Vec::new();
    for p in &args.plan {
        match load(p)? {
            Ok(Document::StrategicPlan(plan)) => plans.push(*plan),
            Ok(other) => {
                return Err(Fatal(format!(
                    "{}: expected a strategicPlan document, found a {}",
                    p.display(),
                    other.kind()
                )));
            }
            Err(code) => return Ok(code),
        }
    }
    let mut wanted: Vec<String> = framework
        .indicators
        .iter()
        .flat_map(|i| i.targets.iter())
        .filter_map(|t| framework.target_document(t).map(str::to_owned))
        .collect();
    wanted.extend(args.scorecard.clone());
    for id in wanted {
        if plans.iter().any(|p| p.id.as_str() == id) {
            continue;
        }
        let bundled = [
            govframe_itu::strategic_plan_2016_2019(),
            govframe_itu::strategic_plan_2020_2023(),
            govframe_itu::strategic_plan_2024_2027(),
        ];
        if let Some(p) = bundled.into_iter().find(|p| p.id.as_str() == id) {
            plans.push(p.clone());
        }
    }

    let mut data = Observations::new();
    for f in &args.data {
        govframe_monitoring::statistics::read_file(f, &mut data)
            .map_err(|e| Fatal(e.to_string()))?;
    }
    data.finish();

    let groups = match &args.areas {
        Some(path) => Some(
            AreaGroups::from_country_codes_csv(&read_text(path)?, &path.display().to_string())
                .map_err(|e| Fatal(e.to_string()))?,
        ),
        None if args.groups.is_empty() => None,
        None => Some(AreaGroups::new()),
    };
    let groups = match groups {
        Some(mut g) => {
            for path in &args.groups {
                g.add_memberships_csv(&read_text(path)?, &path.display().to_string())
                    .map_err(|e| Fatal(e.to_string()))?;
            }
            Some(g)
        }
        None => None,
    };

    let options = AssessOptions {
        methods,
        areas,
        weighting: match args.weighting {
            WeightingArg::Simple => Weighting::Simple,
            WeightingArg::Population => Weighting::Population,
        },
        population,
        min_coverage: args.min_coverage,
        ..AssessOptions::default()
    };
    let plan_refs: Vec<&StrategicPlan> = plans.iter().collect();
    let report = match &args.scorecard {
        Some(id) => {
            let plan = plans.iter().find(|p| p.id.as_str() == id).ok_or_else(|| {
                Fatal(format!(
                    "--scorecard {id:?}: no such plan (give it with --plan)"
                ))
            })?;
            scorecard(plan, &framework, &data, groups.as_ref(), &options)
        }
        None => assess(&framework, &plan_refs, &data, groups.as_ref(), &options),
    };
    match args.format {
        ProgressFormat::Human => print(&report.to_table())?,
        ProgressFormat::Json => print(&to_json(&report)?)?,
        ProgressFormat::Csv => print(&report.to_csv())?,
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
    }

    fn args(framework: PathBuf, method: &[&str]) -> ProgressArgs {
        let shared = root().join("../shared/data");
        ProgressArgs {
            framework,
            data: vec![shared.join("itu-ict/itu-datahub-individuals-using-the-internet.csv")],
            method: method.iter().map(|m| (*m).to_owned()).collect(),
            area: Vec::new(),
            format: ProgressFormat::Json,
            plan: Vec::new(),
            scorecard: None,
            areas: Some(shared.join("country-codes/datasets-country-codes.csv")),
            groups: Vec::new(),
            weighting: WeightingArg::Simple,
            population: None,
            min_coverage: 0.5,
        }
    }

    #[test]
    fn assesses_the_demo_framework_with_every_method() {
        let mut a = args(root().join("examples/data/demo-monitoring.json"), &["all"]);
        a.area = vec!["KEN".into(), "LDC".into()];
        assert!(matches!(progress(&a), Ok(c) if c == ExitCode::SUCCESS));
        a.scorecard = Some("itu-sp-2016-2019".into());
        a.format = ProgressFormat::Csv;
        assert!(matches!(progress(&a), Ok(c) if c == ExitCode::SUCCESS));
    }

    #[test]
    fn usage_errors_end_with_status_2() {
        let a = args(root().join("examples/data/demo-monitoring.json"), &["cagr"]);
        assert!(progress(&a).is_err());
        let mut b = args(root().join("examples/data/demo-monitoring.json"), &[]);
        b.weighting = WeightingArg::Population;
        assert!(progress(&b).is_err());
        let c = args(root().join("examples/data/no-such-file.json"), &[]);
        assert!(progress(&c).is_err());
        let mut d = args(root().join("examples/data/demo-monitoring.json"), &[]);
        d.scorecard = Some("no-such-plan".into());
        assert!(progress(&d).is_err());
    }

    #[test]
    fn an_invalid_framework_ends_with_status_1() {
        let dir = std::env::temp_dir().join(format!("govframe-progress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let bad = dir.join("bad.json");
        std::fs::write(
            &bad,
            r#"{"kind": "monitoringFramework", "specVersion": "1.0", "id": "f", "title": {"en": "F"},
               "indicators": [{"id": "i", "name": {"en": "I"}, "unit": "percent",
                               "direction": "increase", "targetValue": 150, "series": [{"code": "i99H"}]}]}"#,
        )
        .ok();
        let a = args(bad, &[]);
        assert!(matches!(progress(&a), Ok(c) if c == ExitCode::from(1)));
        std::fs::remove_dir_all(&dir).ok();
    }
}
