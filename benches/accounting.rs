//! RAS benchmarks (govframe-accounting): dense 1,000 × 1,000 to a tolerance of 1e-9, sparse
//! 10,000 × 10,000 with 1 % of the cells filled, and two growth series that show the sparse
//! time follows the filled cells, not the table size.
//!
//! ```text
//! cargo bench -p govframe --bench accounting
//! GOVFRAME_BENCH_QUICK=1 cargo bench -p govframe --bench accounting   # the two headline cases only
//! bash benches/compare/accounting.sh                                  # side by side with numpy
//! ```
//!
//! Groups (each sample is one complete RAS run, from the start matrix to convergence; the
//! copy of the start matrix is made outside the timing):
//!
//! * `ras_dense/1000x1000` — [`ras_dense`] on a full 1,000 × 1,000 matrix;
//! * `ras_sparse_nnz/10000x10000/<nnz>` — [`ras_sparse`] on 10,000 × 10,000 with 0.1 %,
//!   0.25 %, 0.5 %, 1 % and 2 % of the cells filled (the headline case is 1 %, 1,000,000
//!   cells);
//! * `ras_sparse_size/<n>x<n>/1000000` — the same 1,000,000 filled cells in tables of
//!   10,000², 31,623² and 100,000² cells.
//!
//! Throughput is the number of RAS iterations of the run (`Throughput::Elements`), so criterion's
//! "elem/s" reads as **RAS iterations per second**. Every case is checked to converge before it
//! is timed.
//!
//! Inputs: start entries uniform in [0.1, 1.1); targets are the row and column sums of the start
//! matrix with every cell multiplied by a factor uniform in [0.8, 1.25) (so the targets are
//! reachable). A xorshift generator with a fixed seed makes the inputs the same on every run.
//!
//! With `GOVFRAME_RAS_COMPARE=DIR` the binary instead runs the cases that
//! `benches/compare/accounting_ras.py` wrote into DIR and prints one JSON line per case (used by
//! the numpy comparison; the inputs are then numpy's, read from little-endian binary files).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::needless_range_loop,
    missing_docs
)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput};
use govframe_accounting::ras::{
    DenseMatrix, RasOptions, RasOutcome, SparseMatrix, ras_dense, ras_sparse,
};

const OPTIONS: RasOptions = RasOptions {
    tolerance: 1e-9,
    max_iterations: 10_000,
};

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
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

struct Dense {
    a: DenseMatrix,
    u: Vec<f64>,
    v: Vec<f64>,
}

struct Sparse {
    m: SparseMatrix,
    u: Vec<f64>,
    v: Vec<f64>,
}

fn dense_case(n: usize, seed: u64) -> Dense {
    let mut rng = Rng(seed);
    let mut data = Vec::with_capacity(n * n);
    let mut u = vec![0.0; n];
    let mut v = vec![0.0; n];
    for i in 0..n {
        for j in 0..n {
            let x = 0.1 + rng.unit();
            let t = x * (0.8 + 0.45 * rng.unit());
            data.push(x);
            u[i] += t;
            v[j] += t;
        }
    }
    Dense {
        a: DenseMatrix::new(n, n, data).unwrap(),
        u,
        v,
    }
}

/// `nnz` cells spread over an `n × n` table: `nnz / n` distinct random columns per row.
fn sparse_case(n: usize, nnz: usize, seed: u64) -> Sparse {
    let mut rng = Rng(seed);
    let per_row = (nnz / n).max(1);
    let mut triplets = Vec::with_capacity(n * per_row);
    let mut u = vec![0.0; n];
    let mut v = vec![0.0; n];
    let mut cols = Vec::with_capacity(per_row);
    for i in 0..n {
        cols.clear();
        // The diagonal keeps every row and column non-empty.
        cols.push(i);
        while cols.len() < per_row {
            cols.push(rng.below(n));
            if cols.len() == per_row {
                cols.sort_unstable();
                cols.dedup();
            }
        }
        for &j in &cols {
            let x = 0.1 + rng.unit();
            let t = x * (0.8 + 0.45 * rng.unit());
            triplets.push((i, j, x));
            u[i] += t;
            v[j] += t;
        }
    }
    Sparse {
        m: SparseMatrix::from_triplets(n, n, triplets).unwrap(),
        u,
        v,
    }
}

fn must_converge(name: &str, out: &RasOutcome) {
    assert!(out.converged, "{name}: RAS did not converge: {out:?}");
}

fn bench_dense(c: &mut Criterion) {
    let case = dense_case(1000, 0x5eed_0001);
    let mut probe = case.a.clone();
    let out = ras_dense(&mut probe, &case.u, &case.v, &OPTIONS).unwrap();
    must_converge("dense 1000x1000", &out);
    eprintln!(
        "ras_dense/1000x1000: {} iterations, {out:?}",
        out.iterations
    );
    let mut group = c.benchmark_group("ras_dense");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4))
        .throughput(Throughput::Elements(u64::from(out.iterations)));
    group.bench_function(BenchmarkId::from_parameter("1000x1000"), |b| {
        b.iter_batched_ref(
            || case.a.clone(),
            |a| black_box(ras_dense(a, &case.u, &case.v, &OPTIONS).unwrap()),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn bench_sparse_group(c: &mut Criterion, group_name: &str, cases: &[(usize, usize)]) {
    let mut group = c.benchmark_group(group_name);
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(3));
    for &(n, nnz) in cases {
        let case = sparse_case(n, nnz, 0x5eed_0002 ^ nnz as u64 ^ (n as u64) << 32);
        let mut probe = case.m.clone();
        let out = ras_sparse(&mut probe, &case.u, &case.v, &OPTIONS).unwrap();
        let name = format!("{n}x{n}/{}", case.m.nnz());
        must_converge(&name, &out);
        eprintln!("{group_name}/{name}: {} iterations", out.iterations);
        group.throughput(Throughput::Elements(u64::from(out.iterations)));
        group.bench_function(BenchmarkId::from_parameter(&name), |b| {
            b.iter_batched_ref(
                || case.m.clone(),
                |m| black_box(ras_sparse(m, &case.u, &case.v, &OPTIONS).unwrap()),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

fn bench_sparse(c: &mut Criterion) {
    let quick = std::env::var_os("GOVFRAME_BENCH_QUICK").is_some();
    if quick {
        bench_sparse_group(c, "ras_sparse_nnz", &[(10_000, 1_000_000)]);
        return;
    }
    bench_sparse_group(
        c,
        "ras_sparse_nnz",
        &[
            (10_000, 100_000),
            (10_000, 250_000),
            (10_000, 500_000),
            (10_000, 1_000_000),
            (10_000, 2_000_000),
        ],
    );
    bench_sparse_group(
        c,
        "ras_sparse_size",
        &[
            (10_000, 1_000_000),
            (31_623, 1_000_000),
            (100_000, 1_000_000),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// Comparison mode (benches/compare/accounting_ras.py).

fn read_f64(path: &Path) -> Vec<f64> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    bytes
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes(b.try_into().unwrap()))
        .collect()
}

fn read_u32(path: &Path) -> Vec<u32> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    bytes
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes(b.try_into().unwrap()))
        .collect()
}

/// Times `run` on fresh copies `repeats` times; returns (best, median) seconds and the last
/// outcome.
fn time_runs<T: Clone>(
    start: &T,
    repeats: usize,
    mut run: impl FnMut(&mut T) -> RasOutcome,
) -> (f64, f64, RasOutcome) {
    let mut times = Vec::with_capacity(repeats);
    let mut last = None;
    for _ in 0..repeats {
        let mut m = start.clone();
        let t0 = Instant::now();
        let out = run(&mut m);
        times.push(t0.elapsed().as_secs_f64());
        black_box(&m);
        last = Some(out);
    }
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2], last.unwrap())
}

fn compare(dir: &Path) {
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cases.json")).unwrap()).unwrap();
    let repeats = meta["repeats"].as_u64().unwrap_or(5) as usize;
    for case in meta["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let rows = case["rows"].as_u64().unwrap() as usize;
        let cols = case["cols"].as_u64().unwrap() as usize;
        let options = RasOptions {
            tolerance: case["tolerance"].as_f64().unwrap(),
            max_iterations: case["maxIterations"].as_u64().unwrap() as u32,
        };
        let u = read_f64(&dir.join(format!("{name}.u.f64")));
        let v = read_f64(&dir.join(format!("{name}.v.f64")));
        let (best, median, out, nnz) = match case["type"].as_str().unwrap() {
            "dense" => {
                let a = DenseMatrix::new(rows, cols, read_f64(&dir.join(format!("{name}.a.f64"))))
                    .unwrap();
                let (b, m, o) = time_runs(&a, repeats, |a| ras_dense(a, &u, &v, &options).unwrap());
                (b, m, o, rows * cols)
            }
            _ => {
                let i = read_u32(&dir.join(format!("{name}.i.u32")));
                let j = read_u32(&dir.join(format!("{name}.j.u32")));
                let x = read_f64(&dir.join(format!("{name}.x.f64")));
                let nnz = x.len();
                let m = SparseMatrix::from_triplets(
                    rows,
                    cols,
                    i.iter()
                        .zip(&j)
                        .zip(&x)
                        .map(|((&i, &j), &x)| (i as usize, j as usize, x)),
                )
                .unwrap();
                let (b, md, o) =
                    time_runs(&m, repeats, |m| ras_sparse(m, &u, &v, &options).unwrap());
                (b, md, o, nnz)
            }
        };
        println!(
            "{}",
            serde_json::json!({
                "name": name,
                "nnz": nnz,
                "secondsBest": best,
                "secondsMedian": median,
                "iterations": out.iterations,
                "converged": out.converged,
                "maxRowResidual": out.max_row_residual,
                "maxColumnResidual": out.max_column_residual,
            })
        );
    }
}

fn main() {
    if let Some(dir) = std::env::var_os("GOVFRAME_RAS_COMPARE") {
        compare(Path::new(&dir));
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    bench_dense(&mut c);
    bench_sparse(&mut c);
    c.final_summary();
}
