//! Times schema validation of one JSON file in-process, for `benches/compare/run.sh`.
//!
//! ```text
//! cargo run --release --example schema_validate -- FILE [--schema SCHEMA.json] [--reps N] [--pipeline-reps M]
//! ```
//!
//! The validator is compiled once, outside the timings: from `--schema` (an exported
//! schema file, Draft 2020-12 with formats asserted — the options the library uses) or,
//! without it, the library's own `validator_for(kind)`. After one warm-up run it times `N`
//! repetitions (default 5) of the same work the Python and ajv scripts do:
//!
//! * `read+parse+schema`: read the file to a string, `serde_json` parse into a `Value`,
//!   `Validator::is_valid` (the value is dropped outside the timing; `drop Value` reports
//!   what that costs), and `parse+schema`, the same without the read;
//!
//! then each sub-step on its own, and `M` repetitions (default 3) of the full library
//! pipeline `validate_str` (read included; the outcome is dropped inside the timing, since a
//! caller pays for it). Output: human-readable lines, and one JSON object per measure on
//! lines starting with `RESULT ` for the script.

use std::error::Error;
use std::time::{Duration, Instant};

use serde_json::Value;

struct Options {
    file: String,
    schema: Option<String>,
    reps: usize,
    pipeline_reps: usize,
}

fn options() -> Result<Options, Box<dyn Error>> {
    let mut file = None;
    let mut schema = None;
    let mut reps = 5;
    let mut pipeline_reps = 3;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--schema" => schema = Some(args.next().ok_or("--schema needs a file")?),
            "--reps" => reps = args.next().ok_or("--reps needs a number")?.parse()?,
            "--pipeline-reps" => {
                pipeline_reps = args
                    .next()
                    .ok_or("--pipeline-reps needs a number")?
                    .parse()?;
            }
            other if !other.starts_with("--") && file.is_none() => file = Some(other.to_owned()),
            other => return Err(format!("unexpected argument {other:?}").into()),
        }
    }
    Ok(Options {
        file: file.ok_or(
            "usage: schema_validate FILE [--schema SCHEMA] [--reps N] [--pipeline-reps M]",
        )?,
        schema,
        reps: reps.max(1),
        pipeline_reps,
    })
}

/// Best and median of a list of durations, in seconds.
fn stats(times: &mut [Duration]) -> (f64, f64) {
    times.sort();
    let best = times.first().map_or(0.0, Duration::as_secs_f64);
    let median = times
        .get(times.len() / 2)
        .map_or(0.0, Duration::as_secs_f64);
    (best, median)
}

fn report(step: &str, bytes: usize, times: &mut [Duration]) {
    let (best, median) = stats(times);
    let mbps = bytes as f64 / 1e6 / best;
    println!(
        "  {step:<28} best {:>9.2} ms  median {:>9.2} ms  {mbps:>8.1} MB/s  ({} runs)",
        best * 1e3,
        median * 1e3,
        times.len()
    );
    println!(
        "RESULT {{\"tool\":\"rust\",\"step\":\"{step}\",\"bytes\":{bytes},\"runs\":{},\"best_s\":{best:.6},\"median_s\":{median:.6}}}",
        times.len()
    );
}

fn main() -> Result<(), Box<dyn Error>> {
    let opts = options()?;
    let text = std::fs::read_to_string(&opts.file)?;
    let bytes = text.len();
    let first: Value = serde_json::from_str(&text)?;
    let kind = first
        .get("kind")
        .and_then(Value::as_str)
        .ok_or("the file has no string \"kind\"")?
        .to_owned();

    let started = Instant::now();
    let owned;
    let validator: &jsonschema::Validator = match &opts.schema {
        Some(path) => {
            let schema: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
            owned = jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(&schema)
                .map_err(|e| format!("{path}: {e}"))?;
            &owned
        }
        None => govframe_schema::validate::validator_for(&kind)?,
    };
    let compile = started.elapsed();
    println!(
        "rust jsonschema 0.61: {} ({bytes} bytes), schema {} compiled in {:.1} ms",
        opts.file,
        opts.schema.as_deref().unwrap_or("(in-process)"),
        compile.as_secs_f64() * 1e3
    );

    // Sanity: formats are asserted, unknown fields rejected.
    let bad_date: Value = serde_json::from_str(
        r#"{"kind":"strategicPlan","specVersion":"1.0","id":"p","title":{"en":"P"},
            "period":{"startYear":2026,"endYear":2029},"sources":[{"title":"x","date":"2026-02-30"}]}"#,
    )?;
    if validator.is_valid(&bad_date) {
        return Err("sanity check failed: an impossible date passed the schema".into());
    }

    // Warm-up.
    drop(first);
    {
        let t = std::fs::read_to_string(&opts.file)?;
        let v: Value = serde_json::from_str(&t)?;
        if !validator.is_valid(&v) {
            let errors: Vec<String> = validator
                .iter_errors(&v)
                .take(5)
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect();
            return Err(format!("{} is not valid: {}", opts.file, errors.join("; ")).into());
        }
    }

    let mut total = Vec::new();
    let mut parse_schema = Vec::new();
    let mut read = Vec::new();
    let mut parse = Vec::new();
    let mut schema = Vec::new();
    let mut drop_value = Vec::new();
    for _ in 0..opts.reps {
        let t0 = Instant::now();
        let t = std::fs::read_to_string(&opts.file)?;
        let t1 = Instant::now();
        let v: Value = serde_json::from_str(&t)?;
        let t2 = Instant::now();
        let ok = validator.is_valid(&v);
        let t3 = Instant::now();
        if !ok {
            return Err("the document became invalid".into());
        }
        drop(v);
        drop(t);
        let t4 = Instant::now();
        total.push(t3 - t0);
        parse_schema.push(t3 - t1);
        read.push(t1 - t0);
        parse.push(t2 - t1);
        schema.push(t3 - t2);
        drop_value.push(t4 - t3);
    }
    report("read+parse+schema", bytes, &mut total);
    report("parse+schema", bytes, &mut parse_schema);
    report("read", bytes, &mut read);
    report("parse", bytes, &mut parse);
    report("schema", bytes, &mut schema);
    report("drop Value", bytes, &mut drop_value);

    // Sub-steps of the library pipeline, for the analysis.
    let mut typed = Vec::new();
    let mut semantics = Vec::new();
    for _ in 0..opts.reps {
        let t0 = Instant::now();
        let doc = govframe_schema::validate::read_str(&text).map_err(|e| e.message.clone())?;
        let t1 = Instant::now();
        let issues = doc.validate();
        let t2 = Instant::now();
        if !issues.is_empty() {
            return Err(format!("{} semantic issues", issues.len()).into());
        }
        typed.push(t1 - t0);
        semantics.push(t2 - t1);
    }
    report("typed read_str", bytes, &mut typed);
    report("semantics validate", bytes, &mut semantics);

    let mut pipeline = Vec::new();
    for i in 0..=opts.pipeline_reps {
        let t0 = Instant::now();
        let t = std::fs::read_to_string(&opts.file)?;
        let outcome = govframe_schema::validate::validate_str(&t, &opts.file);
        let valid = outcome.report.issues.is_empty();
        drop(outcome);
        drop(t);
        let elapsed = t0.elapsed();
        if !valid {
            return Err("validate_str found issues".into());
        }
        if i > 0 {
            // The first run is a warm-up.
            pipeline.push(elapsed);
        }
    }
    if !pipeline.is_empty() {
        report("read+validate_str", bytes, &mut pipeline);
    }
    Ok(())
}
