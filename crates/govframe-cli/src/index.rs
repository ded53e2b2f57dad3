//! `govframe index`: compute a composite index from its definition and data, with an
//! optional uncertainty and sensitivity analysis.
//!
//! ```text
//! govframe index --definition DEF.json --data FILE... [--year Y] [--param ID=VALUE]...
//!                [--units FILE] [--allow-empty-indicators]
//!                [--uncertainty N [--seed S] [--sensitivity] [--threads T]]
//!                [--format human|json|csv] [--out FILE]
//! ```
//!
//! Data files: ITU DataHub CSV exports, World Bank WDI CSV files, long CSV files
//! (`unit,series,year,value`), or `dataset` documents (JSON, with the dimensions
//! `INDICATOR` (or `SERIES`) and `REF_AREA` and a time dimension). Without `--year`, the
//! latest year in which every series of the definition has data is used.
//!
//! Exit status: 0 when computed; 1 when the definition or a dataset document is invalid or
//! the index cannot be computed from the data (the message names the path in the
//! definition, the unit and the indicator); 2 on a usage or I/O error.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use govframe_development::{
    CompiledIndex, CompositeIndex, IndexData, IndexOptions, IndexResult, Observation,
    UncertaintyOptions, YearRule, latest_common_year, read_observations_csv,
};
use govframe_schema::Document;
use govframe_schema::validate::validate_file;

use crate::{Fatal, human_report, print, to_json};

/// Output formats of `govframe index`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum IndexFormat {
    /// A table for people.
    #[default]
    Human,
    /// The `indexResult` document.
    Json,
    /// CSV: one row per unit.
    Csv,
}

/// Arguments of `govframe index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The `compositeIndex` definition.
    #[arg(long)]
    definition: PathBuf,
    /// Data files: ITU DataHub, WDI or long CSV files, or `dataset` documents.
    #[arg(long, required = true, num_args = 1..)]
    data: Vec<PathBuf>,
    /// The data year (default: the latest year every series of the definition has data for).
    #[arg(long)]
    year: Option<i32>,
    /// Give a parameter of the definition a value (repeatable), e.g. gp-mobile-traffic-upper=20.
    #[arg(long = "param", value_name = "ID=VALUE")]
    params: Vec<String>,
    /// Keep only the units listed in this file (one code per line; `#` starts a comment).
    #[arg(long)]
    units: Option<PathBuf>,
    /// Leave out indicators no unit has data for, instead of failing.
    #[arg(long)]
    allow_empty_indicators: bool,
    /// Run an uncertainty analysis with this sample size.
    #[arg(long, value_name = "N")]
    uncertainty: Option<usize>,
    /// Seed of the uncertainty analysis.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Use the Saltelli design (N·(d+2) runs) and estimate sensitivity indices.
    #[arg(long, requires = "uncertainty")]
    sensitivity: bool,
    /// Worker threads (default: all cores); the result does not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = IndexFormat::Human)]
    format: IndexFormat,
    /// Language of the names shown (BCP 47; falls back to English).
    #[arg(long, default_value = "en")]
    lang: String,
    /// Write the output to this file (through a temporary file and a rename).
    #[arg(long)]
    out: Option<PathBuf>,
}

fn read_units(path: &Path) -> Result<HashSet<String>, Fatal> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// Observations of a `dataset` document: the first measure, by INDICATOR (or SERIES),
/// REF_AREA and the time dimension.
fn dataset_observations(
    d: &govframe_statistics::Dataset,
    file: &str,
) -> Result<Vec<Observation>, Fatal> {
    let pos = |names: &[&str]| {
        d.dimensions
            .iter()
            .position(|x| names.contains(&x.as_str()))
    };
    let (Some(ind), Some(area)) = (pos(&["INDICATOR", "SERIES"]), pos(&["REF_AREA"])) else {
        return Err(Fatal(format!(
            "{file}: a dataset needs the dimensions INDICATOR (or SERIES) and REF_AREA"
        )));
    };
    let time = d
        .time_dimension
        .as_ref()
        .and_then(|t| d.dimensions.iter().position(|x| x == t))
        .or_else(|| pos(&["TIME_PERIOD"]))
        .ok_or_else(|| Fatal(format!("{file}: the dataset has no time dimension")))?;
    let mut out = Vec::with_capacity(d.observations.len());
    for o in &d.observations {
        let Some(Some(govframe_statistics::ObsValue::Number(v))) = o.values.first() else {
            continue;
        };
        let (Some(s), Some(u), Some(t)) = (o.key.get(ind), o.key.get(area), o.key.get(time)) else {
            continue;
        };
        let Ok(year) = t.get(..4).unwrap_or(t).parse::<i32>() else {
            return Err(Fatal(format!("{file}: time period {t:?} has no year")));
        };
        out.push(Observation {
            unit: u.clone(),
            series: s.clone(),
            year,
            value: *v,
            unit_name: d.labels.get("REF_AREA").and_then(|m| m.get(u)).cloned(),
        });
    }
    Ok(out)
}

fn fmt_num(v: Option<f64>) -> String {
    match v {
        Some(v) => format!("{v:.2}"),
        None => "–".into(),
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn pillars(r: &IndexResult) -> Vec<&govframe_development::ResultNode> {
    r.nodes
        .iter()
        .filter(|n| n.depth == 1 && n.role != govframe_development::NodeRole::Indicator)
        .collect()
}

fn node_score(u: &govframe_development::UnitResult, node: &str) -> Option<f64> {
    u.scores
        .iter()
        .find(|s| s.node.as_str() == node)
        .map(|s| s.score)
}

fn human(r: &IndexResult, lang: &str) -> String {
    let mut s = format!("{}\n", r.title.best(lang));
    s.push_str(&format!(
        "{} units, {} scored, mean coverage {:.1} %{}\n\n",
        r.summary.units,
        r.summary.scored,
        r.summary.mean_coverage * 100.0,
        r.year.map(|y| format!(", year {y}")).unwrap_or_default()
    ));
    let p = pillars(r);
    s.push_str(&format!(
        "{:>5}  {:<6} {:<28} {:>7} {:>6}",
        "rank", "unit", "name", "score", "cov%"
    ));
    for n in &p {
        let name: String = n.name.best(lang).chars().take(10).collect();
        s.push_str(&format!(" {name:>10}"));
    }
    if r.uncertainty.is_some() {
        s.push_str(&format!(" {:>8} {:>15}", "median", "interval"));
    }
    s.push('\n');
    for u in &r.units {
        let name: String = u.name.as_deref().unwrap_or("").chars().take(28).collect();
        s.push_str(&format!(
            "{:>5}  {:<6} {:<28} {:>7} {:>6.1}",
            u.rank.map(|r| r.to_string()).unwrap_or_else(|| "–".into()),
            u.unit.as_str(),
            name,
            fmt_num(u.score),
            u.coverage * 100.0
        ));
        for n in &p {
            s.push_str(&format!(" {:>10}", fmt_num(node_score(u, n.id.as_str()))));
        }
        if let Some(q) = &u.uncertainty {
            s.push_str(&format!(
                " {:>8.1} {:>15}",
                q.median,
                format!("[{:.1}, {:.1}]", q.low, q.high)
            ));
        }
        s.push('\n');
    }
    if let Some(q) = &r.uncertainty {
        s.push_str(&format!(
            "\nuncertainty: {:?} design, N = {}, {} runs, seed {}, {:.0} % rank intervals\n",
            q.design,
            q.sample_size,
            q.runs,
            q.seed,
            q.interval * 100.0
        ));
        if q.factors.iter().any(|f| f.first_order.is_some()) {
            s.push_str(&format!(
                "sensitivity of the {} (first order, total order):\n",
                q.output
            ));
            for f in &q.factors {
                s.push_str(&format!(
                    "  {:<24} {:<14} {:>8} {:>8}\n",
                    f.factor.as_str(),
                    f.factor_type,
                    fmt_num(f.first_order),
                    fmt_num(f.total_order)
                ));
            }
        }
    }
    for n in &r.notes {
        s.push_str(&format!("note: {n}\n"));
    }
    s
}

fn csv(r: &IndexResult) -> String {
    let nodes: Vec<&govframe_development::ResultNode> = r.nodes.iter().skip(1).collect();
    let mut s = String::from("rank,unit,name,score,coverage");
    for n in &nodes {
        s.push(',');
        s.push_str(&csv_field(n.id.as_str()));
    }
    if r.uncertainty.is_some() {
        s.push_str(",medianRank,rankLow,rankHigh");
    }
    s.push('\n');
    for u in &r.units {
        let num = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        s.push_str(&format!(
            "{},{},{},{},{}",
            u.rank.map(|r| r.to_string()).unwrap_or_default(),
            csv_field(u.unit.as_str()),
            csv_field(u.name.as_deref().unwrap_or("")),
            num(u.score),
            u.coverage
        ));
        for n in &nodes {
            s.push(',');
            s.push_str(&num(node_score(u, n.id.as_str())));
        }
        if r.uncertainty.is_some() {
            let q = u.uncertainty.as_ref();
            s.push_str(&format!(
                ",{},{},{}",
                num(q.map(|q| q.median)),
                num(q.map(|q| q.low)),
                num(q.map(|q| q.high))
            ));
        }
        s.push('\n');
    }
    s
}

/// Runs `govframe index`.
pub fn index(args: &IndexArgs) -> Result<ExitCode, Fatal> {
    // The definition, through all three levels of validation.
    let outcome = validate_file(&args.definition);
    if outcome.report.issues.iter().any(|i| i.rule == "io.read") {
        eprint!("{}", human_report(&outcome.report));
        return Ok(ExitCode::from(2));
    }
    if !outcome.report.valid {
        eprint!("{}", human_report(&outcome.report));
        return Ok(ExitCode::from(1));
    }
    let Some(Document::CompositeIndex(def)) = outcome.document else {
        return Err(Fatal(format!(
            "{}: expected a compositeIndex, found {}",
            args.definition.display(),
            outcome
                .report
                .checked_kind
                .as_deref()
                .unwrap_or("another kind")
        )));
    };
    let mut def: CompositeIndex = *def;
    for p in &args.params {
        let Some((id, v)) = p.split_once('=') else {
            return Err(Fatal(format!("--param {p:?}: expected ID=VALUE")));
        };
        let v: f64 = v
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| Fatal(format!("--param {p:?}: {v:?} is not a finite number")))?;
        def.set_parameter(id.trim(), v)
            .map_err(|e| Fatal(format!("--param {p:?}: {e}")))?;
    }

    // The data.
    let keep = match &args.units {
        Some(f) => Some(read_units(f)?),
        None => None,
    };
    let accept = |u: &str| keep.as_ref().is_none_or(|k| k.contains(u));
    let mut obs: Vec<Observation> = Vec::new();
    for f in &args.data {
        let name = f.display().to_string();
        let is_json = f
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if is_json {
            let o = validate_file(f);
            if o.report.issues.iter().any(|i| i.rule == "io.read") {
                eprint!("{}", human_report(&o.report));
                return Ok(ExitCode::from(2));
            }
            if !o.report.valid {
                eprint!("{}", human_report(&o.report));
                return Ok(ExitCode::from(1));
            }
            let Some(Document::Dataset(d)) = o.document else {
                return Err(Fatal(format!("{name}: expected a dataset document")));
            };
            obs.extend(dataset_observations(&d, &name)?);
        } else {
            let file = std::fs::File::open(f).map_err(|e| Fatal(format!("{name}: {e}")))?;
            match read_observations_csv(std::io::BufReader::new(file), &name) {
                Ok(o) => obs.extend(o),
                Err(e) => {
                    eprintln!("govframe: {e}");
                    return Ok(ExitCode::from(1));
                }
            }
        }
    }
    let present: HashSet<&str> = obs.iter().map(|o| o.series.as_str()).collect();
    // With --allow-empty-indicators, series without any data do not hold the year back.
    let series: Vec<&str> = def
        .indicators
        .iter()
        .map(|i| i.series.as_str())
        .filter(|s| !args.allow_empty_indicators || present.contains(s))
        .collect();
    let year = match args.year {
        Some(y) => y,
        None => match latest_common_year(&obs, &series, accept) {
            Some(y) => y,
            None => {
                eprintln!(
                    "govframe: no year has data for every series of the definition ({}); give --year",
                    series.join(", ")
                );
                return Ok(ExitCode::from(1));
            }
        },
    };
    let data = match IndexData::from_observations(&obs, YearRule::Exact(year), accept) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("govframe: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    let options = IndexOptions {
        drop_empty_indicators: args.allow_empty_indicators,
        year: Some(year),
        result_id: None,
    };
    let computed = CompiledIndex::new(&def, &data, &options).and_then(|m| match args.uncertainty {
        None => m.nominal(),
        Some(n) => m.uncertainty(&UncertaintyOptions {
            samples: n,
            seed: args.seed,
            sensitivity: args.sensitivity,
            interval: 0.9,
            threads: args.threads,
        }),
    });
    let result = match computed {
        Ok(r) => r,
        Err(e) => {
            eprintln!("govframe: {}: {e}", args.definition.display());
            return Ok(ExitCode::from(1));
        }
    };
    let text = match args.format {
        IndexFormat::Human => human(&result, &args.lang),
        IndexFormat::Json => to_json(&result)?,
        IndexFormat::Csv => csv(&result),
    };
    match &args.out {
        Some(path) => govframe_schema::export::write_atomic(path, text.as_bytes())
            .map_err(|e| Fatal(e.to_string()))?,
        None => print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
