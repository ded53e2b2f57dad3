//! The annual report (govframe-report): build and render the default report — every bundled
//! ITU document — as `govframe report` does after reading them.
//!
//! ```text
//! cargo bench -p govframe --bench report
//! ```
//!
//! Groups: `report/read` (the bundled documents through the schema reader, all three
//! validation levels), `report/build` (the sections, with the 200-run Monte Carlo of any index
//! that has data), `report/render_html`, `report/render_markdown` (text and every SVG chart),
//! and `report/build_and_render` (build, HTML and Markdown together).

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;

use criterion::Criterion;
use govframe::report::{ReportInput, ReportOptions, build, render_html, render_markdown};
use govframe::schema::validate::validate_str;

fn read() -> ReportInput {
    let mut input = ReportInput::default();
    for b in govframe::itu::all() {
        let doc = validate_str(b.json, b.file_name).document.unwrap();
        govframe::schema::add_to_report(&mut input, doc);
    }
    input
}

fn bench(c: &mut Criterion) {
    let input = read();
    let options = ReportOptions::default();
    let report = build(&input, &options).unwrap();
    let mut g = c.benchmark_group("report");
    g.sample_size(20);
    g.bench_function("read", |b| b.iter(|| black_box(read())));
    g.bench_function("build", |b| {
        b.iter(|| black_box(build(&input, &options).unwrap()))
    });
    g.bench_function("render_html", |b| {
        b.iter(|| black_box(render_html(&report)))
    });
    g.bench_function("render_markdown", |b| {
        b.iter(|| black_box(render_markdown(&report)))
    });
    g.bench_function("build_and_render", |b| {
        b.iter(|| {
            let r = build(&input, &options).unwrap();
            black_box((render_html(&r), render_markdown(&r)))
        })
    });
    g.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
