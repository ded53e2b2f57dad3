//! Progress-assessment benchmarks (govframe-monitoring): 1,000,000 series of 10–25 yearly
//! points each, assessed with each method, and the growth of the time with the number of
//! series.
//!
//! ```text
//! cargo bench -p govframe --bench monitoring
//! GOVFRAME_BENCH_QUICK=1 cargo bench -p govframe --bench monitoring   # 1,000,000 series, openSdg only
//! bash benches/compare/monitoring.sh                                  # side by side with pandas
//! ```
//!
//! Groups (each sample assesses every series once; throughput is the number of series, so
//! criterion's "elem/s" reads as **series per second**):
//!
//! * `methods/<method>/1000000` — `unsdCagr`, `openSdg` and `escap` on the same 1,000,000
//!   series;
//! * `scaling/openSdg/<n>` — `openSdg` on the first 10,000, 100,000 and 1,000,000 series
//!   (linear growth: the time per series stays flat).
//!
//! Input: a xorshift generator with a fixed seed. Each series has 10–25 consecutive years
//! starting between 2005 and 2016, a start value uniform in [1, 80) and yearly growth factors
//! uniform in [0.90, 1.15); half want an increase, half a decrease; 80 % have a target for
//! 2030 (1.1–3 times the start value for an increase, 0.3–0.9 times for a decrease), the
//! others none (with a natural limit of 100 for half of them). Base year 2015.
//!
//! With `GOVFRAME_MONITORING_COMPARE=DIR` the binary instead reads the series that
//! `benches/compare/monitoring_pandas.py` wrote into DIR, times `openSdg` on them through the
//! library's batch entry point `method::assess_panel_status` (status and score of every
//! series; one thread, then all), and for reference through `method::assess_panel` (a full
//! `Outcome` per series), checks that both give the same statuses and score bits for any
//! number of threads, writes the statuses and scores back for the comparison and prints one
//! JSON line.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{BenchmarkId, Criterion, Throughput};
use govframe_core::quantity::Direction;
use govframe_monitoring::method::{
    EscapParams, MethodKind, MethodSpec, OpenSdgParams, Panel as SeriesPanel, UnsdParams,
    assess_panel, assess_panel_status, escap, open_sdg, unsd_cagr,
};
use govframe_monitoring::{Outcome, ProgressStatus, SeriesSpec};

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// Many series in one flat buffer.
struct Panel {
    points: Vec<(i32, f64)>,
    offsets: Vec<usize>,
    specs: Vec<SeriesSpec>,
}

impl Panel {
    fn series(&self, i: usize) -> &[(i32, f64)] {
        &self.points[self.offsets[i]..self.offsets[i + 1]]
    }

    fn generate(n: usize, seed: u64) -> Self {
        let mut rng = Rng(seed);
        let mut points = Vec::with_capacity(n * 18);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut specs = Vec::with_capacity(n);
        offsets.push(0);
        for _ in 0..n {
            let len = 10 + rng.below(16) as i32;
            let start = 2005 + rng.below(12) as i32;
            let mut v = rng.range(1.0, 80.0);
            let v0 = v;
            for k in 0..len {
                points.push((start + k, v));
                v *= rng.range(0.90, 1.15);
            }
            offsets.push(points.len());
            let up = rng.unit() < 0.5;
            let mut spec = SeriesSpec::new(if up {
                Direction::Increase
            } else {
                Direction::Decrease
            });
            let r = rng.unit();
            if r < 0.8 {
                let t = if up {
                    v0 * rng.range(1.1, 3.0)
                } else {
                    v0 * rng.range(0.3, 0.9)
                };
                spec = spec.with_target(t, 2030);
            } else if r < 0.9 {
                spec.limit = Some(100.0);
            }
            specs.push(spec);
        }
        Self {
            points,
            offsets,
            specs,
        }
    }
}

type Method = fn(&[(i32, f64)], &SeriesSpec) -> Outcome;

fn m_unsd(p: &[(i32, f64)], s: &SeriesSpec) -> Outcome {
    unsd_cagr(p, s, &UnsdParams::default())
}
fn m_open_sdg(p: &[(i32, f64)], s: &SeriesSpec) -> Outcome {
    open_sdg(p, s, &OpenSdgParams::default())
}
fn m_escap(p: &[(i32, f64)], s: &SeriesSpec) -> Outcome {
    escap(p, s, &EscapParams::default())
}

const METHODS: [(&str, Method); 3] = [
    ("unsdCagr", m_unsd),
    ("openSdg", m_open_sdg),
    ("escap", m_escap),
];

/// Assesses the first `n` series; returns a checksum so nothing is optimised away.
fn run(panel: &Panel, n: usize, method: Method) -> f64 {
    let mut sum = 0.0;
    for i in 0..n {
        let o = method(panel.series(i), &panel.specs[i]);
        sum += o.score.unwrap_or(0.0) + f64::from(o.status as u8);
    }
    sum
}

fn bench(c: &mut Criterion) {
    let quick = std::env::var_os("GOVFRAME_BENCH_QUICK").is_some();
    let n = 1_000_000;
    let panel = Panel::generate(n, 0x5EED_2030);
    let mut g = c.benchmark_group("methods");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    for (name, m) in METHODS {
        if quick && name != "openSdg" {
            continue;
        }
        g.bench_function(BenchmarkId::new(name, n), |b| {
            b.iter(|| black_box(run(&panel, n, m)))
        });
    }
    g.finish();
    if quick {
        return;
    }
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let offsets = panel.offsets.clone();
    let (years, values): (Vec<i32>, Vec<f64>) = panel.points.iter().copied().unzip();
    let sp = SeriesPanel {
        years: &years,
        values: &values,
        offsets: &offsets,
        specs: &panel.specs,
    };
    let mut g = c.benchmark_group("parallel");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n as u64));
    let method = MethodSpec::default_for(MethodKind::OpenSdg);
    g.bench_function(
        BenchmarkId::new(format!("openSdg/{threads}-threads"), n),
        |b| {
            b.iter(|| {
                black_box(assess_panel(&method, &sp, threads, |_, o| {
                    o.score.unwrap_or(0.0)
                }))
            })
        },
    );
    g.finish();
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for k in [10_000usize, 100_000, 1_000_000] {
        g.throughput(Throughput::Elements(k as u64));
        g.bench_function(BenchmarkId::new("openSdg", k), |b| {
            b.iter(|| black_box(run(&panel, k, m_open_sdg)))
        });
    }
    g.finish();
}

fn read_vec<T: Copy, const N: usize>(path: &Path, from: fn([u8; N]) -> T) -> Vec<T> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    bytes
        .chunks_exact(N)
        .map(|c| from(c.try_into().unwrap()))
        .collect()
}

/// Status codes shared with monitoring_pandas.py.
fn status_code(s: ProgressStatus) -> u8 {
    match s {
        ProgressStatus::TargetAchieved => 1,
        ProgressStatus::SubstantialProgress => 2,
        ProgressStatus::ModerateProgress => 3,
        ProgressStatus::LimitedProgress => 4,
        ProgressStatus::Deterioration => 5,
        _ => 0,
    }
}

fn compare(dir: &Path) {
    let years: Vec<i32> = read_vec(&dir.join("years.i32"), i32::from_le_bytes);
    let values: Vec<f64> = read_vec(&dir.join("values.f64"), f64::from_le_bytes);
    let offsets: Vec<u64> = read_vec(&dir.join("offsets.u64"), u64::from_le_bytes);
    let dirs: Vec<i8> = read_vec(&dir.join("dirs.i8"), i8::from_le_bytes);
    let targets: Vec<f64> = read_vec(&dir.join("targets.f64"), f64::from_le_bytes);
    let limits: Vec<f64> = read_vec(&dir.join("limits.f64"), f64::from_le_bytes);
    let reps: usize = std::env::var("REPEATS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let n = dirs.len();
    let specs: Vec<SeriesSpec> = (0..n)
        .map(|i| {
            let mut s = SeriesSpec::new(if dirs[i] > 0 {
                Direction::Increase
            } else {
                Direction::Decrease
            });
            if targets[i].is_finite() {
                s = s.with_target(targets[i], 2030);
            }
            if limits[i].is_finite() {
                s.limit = Some(limits[i]);
            }
            s
        })
        .collect();
    let offsets: Vec<usize> = offsets.iter().map(|&o| o as usize).collect();
    let panel = SeriesPanel {
        years: &years,
        values: &values,
        offsets: &offsets,
        specs: &specs,
    };
    let method = MethodSpec::default_for(MethodKind::OpenSdg);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Best and median of `reps` runs of `f`, and the result of the last run.
    fn time<R>(reps: usize, mut f: impl FnMut() -> R) -> (Vec<f64>, R) {
        let mut times = Vec::with_capacity(reps);
        let mut last = f();
        for _ in 0..reps {
            drop(last);
            let start = Instant::now();
            last = f();
            times.push(start.elapsed().as_secs_f64());
            black_box(&last);
        }
        times.sort_by(f64::total_cmp);
        (times, last)
    }
    // The batch entry point (status and score of every series, what this comparison keeps).
    let keep = |_: usize, s: ProgressStatus, score: Option<f64>| {
        (status_code(s), score.unwrap_or(f64::NAN))
    };
    let (times, results) = time(reps, || assess_panel_status(&method, &panel, 1, keep));
    let (times_mt, results_mt) = time(reps, || assess_panel_status(&method, &panel, threads, keep));
    // The general entry point that builds a full `Outcome` per series, for reference; it
    // must give the same statuses and score bits.
    let keep_outcome = |_: usize, o: &Outcome| (status_code(o.status), o.score.unwrap_or(f64::NAN));
    let (times_o, results_o) = time(reps, || assess_panel(&method, &panel, 1, keep_outcome));
    let (times_o_mt, results_o_mt) = time(reps, || {
        assess_panel(&method, &panel, threads, keep_outcome)
    });
    let bits =
        |r: &[(u8, f64)]| -> Vec<(u8, u64)> { r.iter().map(|x| (x.0, x.1.to_bits())).collect() };
    assert!(
        bits(&results) == bits(&results_mt) && bits(&results_o) == bits(&results_o_mt),
        "the result depends on the number of threads"
    );
    assert!(
        bits(&results) == bits(&results_o),
        "assess_panel_status and assess_panel disagree"
    );
    let status: Vec<u8> = results.iter().map(|r| r.0).collect();
    let score: Vec<f64> = results.iter().map(|r| r.1).collect();
    let mut out = Vec::with_capacity(n * 8);
    for s in &score {
        out.extend_from_slice(&s.to_le_bytes());
    }
    std::fs::write(dir.join("rust_status.u8"), &status).unwrap();
    std::fs::write(dir.join("rust_score.f64"), out).unwrap();
    println!(
        "{{\"tool\": \"govframe\", \"series\": {n}, \"points\": {}, \"best_s\": {:.6}, \"median_s\": {:.6}, \"threads\": {threads}, \"best_s_mt\": {:.6}, \"median_s_mt\": {:.6}, \"best_s_outcome\": {:.6}, \"best_s_outcome_mt\": {:.6}}}",
        years.len(),
        times[0],
        times[times.len() / 2],
        times_mt[0],
        times_mt[times_mt.len() / 2],
        times_o[0],
        times_o_mt[0]
    );
}

fn main() {
    if let Some(dir) = std::env::var_os("GOVFRAME_MONITORING_COMPARE") {
        compare(Path::new(&dir));
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
