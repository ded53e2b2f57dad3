//! Benchmarks of govframe-statistics: SDMX-CSV into the columnar cube and back, streaming
//! convert, series index.
//!
//! ```text
//! cargo bench -p govframe --bench statistics                 # criterion, 200,000 rows in memory
//! cargo bench -p govframe --bench statistics -- generate FILE ROWS
//! cargo bench -p govframe --bench statistics -- read FILE
//! cargo bench -p govframe --bench statistics -- read-write FILE OUT
//! cargo bench -p govframe --bench statistics -- stream FILE OUT [--no-duplicate-check]
//! ```
//!
//! The generated file is SDMX-CSV 2.0 with 6 dimensions (FREQ, REF_AREA, INDICATOR, SEX, AGE,
//! TIME_PERIOD), 1 measure (OBS_VALUE) and 2 attributes (OBS_STATUS, UNIT_MULT): 250 areas ×
//! 40 indicators × 3 sexes × 10 age groups, one row per year from 1990, series after series
//! (as SDMX exports are), values from a fixed-seed generator. `read`, `read-write` and `stream`
//! run once on a file and print one JSON line: rows, seconds per phase, rows per second and
//! the peak resident memory of the process (VmHWM). `benches/compare/statistics_compare.sh`
//! runs them side by side with pandas and pysdmx; figures are in `benches/STATISTICS.md`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use govframe::statistics::data::DataCube;
use govframe::statistics::io::{Discard, DuplicateCheck, ReadOptions, sdmx_csv};

/// xorshift64*: a small deterministic generator (no dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const SEXES: [&str; 3] = ["F", "M", "_T"];
const AGES: [&str; 10] = [
    "_T", "Y0T14", "Y15T24", "Y25T34", "Y35T44", "Y45T54", "Y55T64", "Y65T74", "Y_GE75", "Y_GE15",
];

/// Writes `rows` rows of the benchmark file to `out`.
fn generate(out: &mut impl Write, rows: u64) -> std::io::Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    out.write_all(
        b"STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,INDICATOR,SEX,AGE,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MULT\n",
    )?;
    let areas: Vec<String> = (0..250u32)
        .map(|i| {
            let b = |k: u32| char::from(b'A' + u8::try_from(k % 26).unwrap());
            format!("{}{}{}", b(i / 26 / 26 + 1), b(i / 26), b(i))
        })
        .collect();
    let years = 34u64;
    let mut written = 0u64;
    let mut line = String::with_capacity(128);
    'outer: for area in &areas {
        for indicator in 0..40u32 {
            let mult = if indicator % 4 == 0 { "3" } else { "0" };
            for sex in SEXES {
                for age in AGES {
                    let base = rng.below(1_000_000);
                    for y in 0..years {
                        if written == rows {
                            break 'outer;
                        }
                        // Thousandths, written with three decimals.
                        let value = base + rng.below(100_000);
                        let status = match rng.below(10) {
                            0 => "E",
                            1 => "P",
                            _ => "A",
                        };
                        line.clear();
                        use std::fmt::Write as _;
                        // The shortest form (no trailing zeros), as govframe writes numbers,
                        // so that a round trip gives the same bytes.
                        let mut number = format!("{}.{:03}", value / 1000, value % 1000);
                        while number.ends_with('0') {
                            number.pop();
                        }
                        if number.ends_with('.') {
                            number.pop();
                        }
                        let _ = writeln!(
                            line,
                            "dataflow,GF:BENCH(1.0),I,A,{area},IND_{indicator:02},{sex},{age},{},{number},{status},{mult}",
                            1990 + y,
                        );
                        out.write_all(line.as_bytes())?;
                        written += 1;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Peak resident memory of this process, in bytes (Linux `VmHWM`).
fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn open(path: &str) -> File {
    File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rate(rows: usize, d: Duration) -> f64 {
    rows as f64 / d.as_secs_f64()
}

fn cli(args: &[String]) -> bool {
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    match arg(0) {
        "generate" => {
            let rows: u64 = arg(2).parse().expect("ROWS");
            let mut out = BufWriter::with_capacity(1 << 20, File::create(arg(1)).unwrap());
            generate(&mut out, rows).unwrap();
            out.flush().unwrap();
            true
        }
        "read" => {
            let t = Instant::now();
            let cube = DataCube::read(|s| {
                sdmx_csv::read(open(arg(1)), arg(1), &ReadOptions::default(), s)
            })
            .unwrap();
            let read = t.elapsed();
            let t = Instant::now();
            let series = cube.index().len();
            let index = t.elapsed();
            println!(
                "{{\"tool\":\"govframe\",\"task\":\"read\",\"rows\":{},\"series\":{series},\"read_s\":{:.3},\"rows_per_s\":{:.0},\"index_s\":{:.3},\"cube_heap_bytes\":{},\"peak_rss_bytes\":{}}}",
                cube.len(),
                read.as_secs_f64(),
                rate(cube.len(), read),
                index.as_secs_f64(),
                cube.heap_bytes(),
                peak_rss()
            );
            true
        }
        "read-write" => {
            let t = Instant::now();
            let cube = DataCube::read(|s| {
                sdmx_csv::read(open(arg(1)), arg(1), &ReadOptions::default(), s)
            })
            .unwrap();
            let read = t.elapsed();
            let t = Instant::now();
            let out = BufWriter::with_capacity(1 << 16, File::create(arg(2)).unwrap());
            cube.write_to(&mut sdmx_csv::Writer::new(out, arg(2), Default::default()))
                .unwrap();
            let write = t.elapsed();
            let total = read + write;
            println!(
                "{{\"tool\":\"govframe\",\"task\":\"read-write\",\"rows\":{},\"read_s\":{:.3},\"write_s\":{:.3},\"rows_per_s\":{:.0},\"write_rows_per_s\":{:.0},\"peak_rss_bytes\":{}}}",
                cube.len(),
                read.as_secs_f64(),
                write.as_secs_f64(),
                rate(cube.len(), total),
                rate(cube.len(), write),
                peak_rss()
            );
            true
        }
        "stream" => {
            let check = !args.iter().any(|a| a == "--no-duplicate-check");
            let t = Instant::now();
            let out = BufWriter::with_capacity(1 << 16, File::create(arg(2)).unwrap());
            let writer = sdmx_csv::Writer::new(out, arg(2), Default::default());
            let rows = if check {
                let mut sink = DuplicateCheck::new(writer, arg(1));
                sdmx_csv::read(open(arg(1)), arg(1), &ReadOptions::default(), &mut sink)
                    .unwrap()
                    .rows
            } else {
                let mut sink = writer;
                sdmx_csv::read(open(arg(1)), arg(1), &ReadOptions::default(), &mut sink)
                    .unwrap()
                    .rows
            };
            let d = t.elapsed();
            println!(
                "{{\"tool\":\"govframe\",\"task\":\"stream{}\",\"rows\":{rows},\"seconds\":{:.3},\"rows_per_s\":{:.0},\"peak_rss_bytes\":{}}}",
                if check { "" } else { "-no-duplicate-check" },
                d.as_secs_f64(),
                rate(rows as usize, d),
                peak_rss()
            );
            true
        }
        _ => false,
    }
}

fn benches(c: &mut Criterion) {
    const ROWS: u64 = 200_000;
    let mut file = Vec::new();
    generate(&mut file, ROWS).unwrap();
    let cube =
        DataCube::read(|s| sdmx_csv::read(file.as_slice(), "mem.csv", &ReadOptions::default(), s))
            .unwrap();
    let mut g = c.benchmark_group("sdmx_csv");
    g.throughput(Throughput::Elements(ROWS));
    g.sample_size(20);
    g.bench_function("read_200k_into_cube", |b| {
        b.iter(|| {
            let cube = DataCube::read(|s| {
                sdmx_csv::read(file.as_slice(), "mem.csv", &ReadOptions::default(), s)
            })
            .unwrap();
            black_box(cube.len())
        });
    });
    g.bench_function("tokenize_only_200k", |b| {
        b.iter(|| {
            sdmx_csv::read(
                file.as_slice(),
                "mem.csv",
                &ReadOptions::default(),
                &mut Discard,
            )
            .unwrap()
            .rows
        });
    });
    g.bench_function("write_200k_from_cube", |b| {
        let mut out = Vec::with_capacity(file.len());
        b.iter(|| {
            out.clear();
            cube.write_to(&mut sdmx_csv::Writer::new(
                &mut out,
                "o.csv",
                Default::default(),
            ))
            .unwrap();
            black_box(out.len())
        });
    });
    g.bench_function("stream_200k_with_duplicate_check", |b| {
        let mut out = Vec::with_capacity(file.len());
        b.iter(|| {
            out.clear();
            let mut sink = DuplicateCheck::new(
                sdmx_csv::Writer::new(&mut out, "o.csv", Default::default()),
                "mem.csv",
            );
            sdmx_csv::read(
                file.as_slice(),
                "mem.csv",
                &ReadOptions::default(),
                &mut sink,
            )
            .unwrap()
            .rows
        });
    });
    g.bench_function("series_index_200k", |b| {
        b.iter(|| black_box(cube.index().len()));
    });
    g.finish();
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if cli(&args) {
        return;
    }
    let mut c = Criterion::default()
        .configure_from_args()
        .measurement_time(Duration::from_secs(5));
    benches(&mut c);
    c.final_summary();
}
