//! Composite-index benchmarks (govframe-development): a Monte Carlo uncertainty analysis of
//! an index of 200 units × 100 indicators (10 pillars of 10), 10,000 runs, on 1 and 2
//! threads.
//!
//! ```text
//! cargo bench -p govframe --bench development
//! bash benches/compare/development.sh          # side by side with numpy, in one run
//! ```
//!
//! Groups:
//!
//! * `mc_200x100/runs/<threads>` — [`CompiledIndex::rank_counts`]: 10,000 runs (draw the
//!   four factors, re-weight, choose the normalisation and aggregation, drop an indicator,
//!   aggregate bottom-up, rank, count the ranks); throughput is in runs (criterion's
//!   "elem/s" reads as **runs per second**);
//! * `mc_200x100/analysis/1` — the whole [`CompiledIndex::uncertainty`] document
//!   (10,000 runs plus medians, intervals and the result);
//! * `compile_200x100` — checking the definition and normalising 100 indicators three ways.
//!
//! The index: min-max onto [1, 100] per indicator, arithmetic means; 2 % of the values
//! missing (drop and re-weight). Factors: every weight × U(0.75, 1.25); normalisation
//! {min-max, rank, fraction of max}; aggregation {arithmetic, geometric}; one of the 100
//! indicators dropped, or none.
//!
//! With `GOVFRAME_DEV_COMPARE=DIR` the binary instead reads the data matrix that
//! `benches/compare/development_mc.py` wrote into DIR, times the runs on 1 and 2 threads,
//! writes the rank counts to `DIR/rust-counts.u32` and prints one JSON line per thread
//! count.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use govframe_core::LocalizedText;
use govframe_development::*;

const UNITS: usize = 200;
const PILLARS: usize = 10;
const PER_PILLAR: usize = 10;
const RUNS: usize = 10_000;
const SEED: u64 = 2024;

/// The benchmark's definition: 10 pillars of 10 indicators, min-max onto [1, 100].
fn definition(pillars: usize, per: usize) -> CompositeIndex {
    let t = LocalizedText::en;
    let mut def = CompositeIndex::new("bench-index".parse().unwrap(), t("Benchmark index"));
    def.nodes
        .push(IndexNode::new("idx".parse().unwrap(), t("Index"), None));
    for p in 0..pillars {
        def.nodes.push(IndexNode::new(
            format!("p{p}").parse().unwrap(),
            t("Pillar"),
            Some("idx".parse().unwrap()),
        ));
        for i in 0..per {
            def.indicators.push(IndexIndicator::new(
                format!("i{p}-{i}").parse().unwrap(),
                t("Indicator"),
                format!("p{p}").parse().unwrap(),
                format!("s{}", p * per + i),
                Normalisation::MinMax {
                    lower: 1.0,
                    upper: 100.0,
                },
            ));
        }
    }
    def.uncertainty = vec![
        UncertaintyFactor::Weights {
            id: "weights".parse().unwrap(),
            name: None,
            nodes: vec![],
            lower: 0.75,
            upper: 1.25,
        },
        UncertaintyFactor::Normalisation {
            id: "normalisation".parse().unwrap(),
            name: None,
            include_defined: true,
            alternatives: vec![Normalisation::Rank, Normalisation::FractionOfMax],
        },
        UncertaintyFactor::Aggregation {
            id: "aggregation".parse().unwrap(),
            name: None,
            nodes: vec![],
            include_defined: true,
            alternatives: vec![AggregationMethod::Geometric],
        },
        UncertaintyFactor::DropIndicator {
            id: "drop".parse().unwrap(),
            name: None,
            indicators: vec![],
            include_none: true,
        },
    ];
    def
}

/// xorshift64*: the benchmark's own data (values in [1, 1000), 2 % missing).
fn data(units: usize, indicators: usize) -> IndexData {
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        (s.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    };
    let names: Vec<String> = (0..units).map(|u| format!("U{u:04}")).collect();
    let series: Vec<String> = (0..indicators).map(|i| format!("s{i}")).collect();
    let rows: Vec<Vec<Option<f64>>> = (0..units)
        .map(|_| {
            (0..indicators)
                .map(|_| {
                    let v = 1.0 + 999.0 * next();
                    (next() >= 0.02).then_some(v)
                })
                .collect()
        })
        .collect();
    let u: Vec<&str> = names.iter().map(String::as_str).collect();
    let s: Vec<&str> = series.iter().map(String::as_str).collect();
    IndexData::from_rows(&u, &s, &rows).unwrap()
}

fn compare(dir: &str) {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/meta.json")).unwrap())
            .unwrap();
    let units = meta["units"].as_u64().unwrap() as usize;
    let pillars = meta["pillars"].as_u64().unwrap() as usize;
    let per = meta["perPillar"].as_u64().unwrap() as usize;
    let runs = meta["runs"].as_u64().unwrap() as usize;
    let seed = meta["seed"].as_u64().unwrap();
    let repeats = meta["repeats"].as_u64().unwrap_or(3) as usize;
    let bytes = std::fs::read(format!("{dir}/data.f64")).unwrap();
    let n_ind = pillars * per;
    let vals: Vec<f64> = bytes
        .chunks_exact(8)
        .map(|c| f64::from_le_bytes(c.try_into().unwrap()))
        .collect();
    assert_eq!(vals.len(), units * n_ind);
    let names: Vec<String> = (0..units).map(|u| format!("U{u:04}")).collect();
    let series: Vec<String> = (0..n_ind).map(|i| format!("s{i}")).collect();
    let rows: Vec<Vec<Option<f64>>> = (0..units)
        .map(|u| {
            (0..n_ind)
                .map(|i| {
                    let v = vals[u * n_ind + i];
                    (!v.is_nan()).then_some(v)
                })
                .collect()
        })
        .collect();
    let u: Vec<&str> = names.iter().map(String::as_str).collect();
    let s: Vec<&str> = series.iter().map(String::as_str).collect();
    let data = IndexData::from_rows(&u, &s, &rows).unwrap();
    let t0 = Instant::now();
    let model =
        CompiledIndex::new(&definition(pillars, per), &data, &IndexOptions::default()).unwrap();
    let compile = t0.elapsed().as_secs_f64();
    let mut counts = Vec::new();
    for threads in [1usize, 2] {
        let mut best = f64::INFINITY;
        let mut times = Vec::new();
        for _ in 0..repeats {
            let t = Instant::now();
            counts = black_box(model.rank_counts(runs, seed, Some(threads)).unwrap());
            let e = t.elapsed().as_secs_f64();
            best = best.min(e);
            times.push(e);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{{\"side\":\"rust\",\"threads\":{threads},\"runs\":{runs},\"best\":{best},\"median\":{},\"compile\":{compile}}}",
            times[times.len() / 2]
        );
    }
    let out: Vec<u8> = counts.iter().flat_map(|c| c.to_le_bytes()).collect();
    std::fs::write(format!("{dir}/rust-counts.u32"), out).unwrap();
}

fn main() {
    if let Ok(dir) = std::env::var("GOVFRAME_DEV_COMPARE") {
        compare(&dir);
        return;
    }
    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    let def = definition(PILLARS, PER_PILLAR);
    let data = data(UNITS, PILLARS * PER_PILLAR);
    let model = CompiledIndex::new(&def, &data, &IndexOptions::default()).unwrap();
    {
        let mut g = c.benchmark_group("mc_200x100");
        g.throughput(Throughput::Elements(RUNS as u64));
        for threads in [1usize, 2] {
            g.bench_with_input(BenchmarkId::new("runs", threads), &threads, |b, &t| {
                b.iter(|| black_box(model.rank_counts(RUNS, SEED, Some(t)).unwrap()))
            });
        }
        g.bench_function(BenchmarkId::new("analysis", 1), |b| {
            let o = UncertaintyOptions {
                samples: RUNS,
                seed: SEED,
                threads: Some(1),
                ..Default::default()
            };
            b.iter(|| black_box(model.uncertainty(&o).unwrap()))
        });
        g.finish();
    }
    c.bench_function("compile_200x100", |b| {
        b.iter(|| black_box(CompiledIndex::new(&def, &data, &IndexOptions::default()).unwrap()))
    });
    c.final_summary();
}
