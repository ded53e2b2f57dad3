//! Writes a large, valid, deterministic strategic plan for benchmarks.
//!
//! ```text
//! cargo run --release --example generate_plan -- --targets 100000 --objectives 10000 --out plan.json
//! ```
//!
//! Options: `--targets N` (default 100000), `--objectives M` (default N / 10), `--goals G`
//! (default N / 100, between 5 and 10000), `--seed S` (default 2024), `--out FILE` (default
//! standard output), `--check` (validate the result with `validate_str` and fail if it has
//! any issue). The same generator feeds `benches/validation.rs`.

#[path = "../benches/support/plan_gen.rs"]
mod plan_gen;

use std::error::Error;
use std::io::Write as _;

fn value<T: std::str::FromStr>(
    args: &mut impl Iterator<Item = String>,
    flag: &str,
) -> Result<T, Box<dyn Error>>
where
    T::Err: std::fmt::Display,
{
    let raw = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
    raw.parse::<T>()
        .map_err(|e| format!("{flag} {raw:?}: {e}").into())
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut targets = 100_000usize;
    let mut objectives = None;
    let mut goals = None;
    let mut seed = 2024u64;
    let mut out = None;
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--targets" => targets = value(&mut args, "--targets")?,
            "--objectives" => objectives = Some(value(&mut args, "--objectives")?),
            "--goals" => goals = Some(value(&mut args, "--goals")?),
            "--seed" => seed = value(&mut args, "--seed")?,
            "--out" => out = Some(value::<String>(&mut args, "--out")?),
            "--check" => check = true,
            "-h" | "--help" => {
                println!(
                    "generate_plan [--targets N] [--objectives M] [--goals G] [--seed S] [--out FILE] [--check]"
                );
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?} (try --help)").into()),
        }
    }
    let spec = plan_gen::PlanSpec {
        goals: goals.unwrap_or_else(|| plan_gen::default_goals(targets)),
        targets,
        objectives: objectives.unwrap_or(targets / 10),
        seed,
    };
    let text = plan_gen::generate(&spec);
    if check {
        let outcome = govframe_schema::validate::validate_str(&text, "generated plan");
        if !outcome.report.issues.is_empty() {
            for issue in outcome.report.issues.iter().take(20) {
                eprintln!("{} {}: {}", issue.rule, issue.path, issue.message);
            }
            return Err(format!(
                "the generated plan has {} issues",
                outcome.report.issues.len()
            )
            .into());
        }
    }
    match &out {
        Some(path) => std::fs::write(path, &text)?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    eprintln!(
        "{} goals, {} targets, {} objectives, {} bytes{}{}",
        spec.goals,
        spec.targets,
        spec.objectives,
        text.len(),
        out.as_deref()
            .map(|p| format!(" -> {p}"))
            .unwrap_or_default(),
        if check { " (validated: no issues)" } else { "" }
    );
    Ok(())
}
