//! Validation benchmarks: parse, schema, semantics and the whole pipeline on generated
//! strategic plans with 10k, 100k and 1M targets (objectives = targets / 10, goals =
//! targets / 100), all with `Throughput::BytesDecimal` of the JSON text so that criterion prints
//! MB/s.
//!
//! ```text
//! cargo bench -p govframe --bench validation
//! GOVFRAME_BENCH_SIZES=10000,100000 cargo bench -p govframe --bench validation   # fewer sizes
//! ```
//!
//! Groups (the parameter is the number of targets):
//!
//! * `parse/typed` — `validate::read_str(text)`: peek at `kind`, then the typed
//!   `StrategicPlan` through serde with path tracking (what `govframe` reads with);
//! * `parse/value` — `serde_json::from_str::<Value>(text)`, the syntax step of the pipeline;
//! * `schema/preparsed` — `validate::schema_issues(kind, &value)` on a `Value` parsed
//!   beforehand (the parse is **excluded**);
//! * `schema/with_parse` — `from_str::<Value>` then `schema_issues` (the parse is
//!   **included**; this is what the Python and ajv comparisons measure);
//! * `semantics/validate` — `Document::validate()` on a document read beforehand;
//! * `pipeline/validate_str` — `validate::validate_str(text, …)`: parse, schema, typed read,
//!   semantics, report.
//!
//! The parse and `schema/with_parse` timings exclude dropping the parsed value or document
//! (`iter_with_large_drop`), as the Python and ajv comparisons do; `pipeline/validate_str`
//! includes everything it allocates and frees, which is part of its cost. Throughput is always the size of the JSON text, also for the levels that start from a
//! parsed value, so the MB/s of the levels can be compared and added up. The generated
//! plans are checked with `validate_str` (no issues) before anything is timed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/plan_gen.rs"]
mod plan_gen;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use govframe_schema::validate;
use serde_json::Value;

/// Sampling settings that keep the whole run within a few minutes on two cores.
fn configure(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    targets: usize,
) {
    if targets <= 10_000 {
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
    } else {
        // One iteration per sample, ten samples: a 1M-target plan is about 480 MB.
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_secs(if targets <= 100_000 { 5 } else { 20 }));
    }
}

fn sizes() -> Vec<usize> {
    std::env::var("GOVFRAME_BENCH_SIZES")
        .ok()
        .map(|s| {
            s.split(',')
                .map(|n| {
                    n.trim()
                        .replace('_', "")
                        .parse()
                        .expect("GOVFRAME_BENCH_SIZES: numbers")
                })
                .collect()
        })
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

fn bench_size(c: &mut Criterion, targets: usize) {
    let spec = plan_gen::PlanSpec::with_targets(targets);
    let text = plan_gen::generate(&spec);
    let bytes = text.len() as u64;
    eprintln!(
        "plan: {} goals, {} targets, {} objectives, {:.1} MB",
        spec.goals,
        spec.targets,
        spec.objectives,
        bytes as f64 / 1e6
    );
    // Outside any timing: the plan is valid at every level.
    let outcome = validate::validate_str(&text, "generated plan");
    assert!(
        outcome.report.issues.is_empty(),
        "generated plan has issues: {:?}",
        outcome.report.issues.iter().take(5).collect::<Vec<_>>()
    );
    drop(outcome);
    // Compile the validator outside the timings.
    validate::validator_for("strategicPlan").expect("validator");

    {
        let mut group = c.benchmark_group("parse");
        group.throughput(Throughput::BytesDecimal(bytes));
        configure(&mut group, targets);
        group.bench_with_input(BenchmarkId::new("typed", targets), &text, |b, text| {
            b.iter_with_large_drop(|| validate::read_str(black_box(text)).expect("typed read"));
        });
        group.bench_with_input(BenchmarkId::new("value", targets), &text, |b, text| {
            b.iter_with_large_drop(|| {
                serde_json::from_str::<Value>(black_box(text)).expect("JSON")
            });
        });
        group.finish();
    }

    {
        let value: Value = serde_json::from_str(&text).expect("JSON");
        let mut group = c.benchmark_group("schema");
        group.throughput(Throughput::BytesDecimal(bytes));
        configure(&mut group, targets);
        group.bench_with_input(
            BenchmarkId::new("preparsed", targets),
            &value,
            |b, value| {
                b.iter(|| {
                    let issues =
                        validate::schema_issues("strategicPlan", black_box(value)).expect("schema");
                    assert!(issues.is_empty());
                });
            },
        );
        drop(value);
        group.bench_with_input(BenchmarkId::new("with_parse", targets), &text, |b, text| {
            b.iter_with_large_drop(|| {
                let value: Value = serde_json::from_str(black_box(text)).expect("JSON");
                let issues = validate::schema_issues("strategicPlan", &value).expect("schema");
                assert!(issues.is_empty());
                value
            });
        });
        group.finish();
    }

    {
        let document = validate::read_str(&text).expect("typed read");
        let mut group = c.benchmark_group("semantics");
        group.throughput(Throughput::BytesDecimal(bytes));
        configure(&mut group, targets);
        group.bench_with_input(
            BenchmarkId::new("validate", targets),
            &document,
            |b, document| {
                b.iter(|| {
                    let issues = black_box(document).validate();
                    assert!(issues.is_empty());
                });
            },
        );
        group.finish();
    }

    {
        let mut group = c.benchmark_group("pipeline");
        group.throughput(Throughput::BytesDecimal(bytes));
        configure(&mut group, targets);
        group.bench_with_input(
            BenchmarkId::new("validate_str", targets),
            &text,
            |b, text| {
                b.iter(|| validate::validate_str(black_box(text), "plan.json"));
            },
        );
        group.finish();
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    for targets in sizes() {
        bench_size(&mut c, targets);
    }
    c.final_summary();
}
