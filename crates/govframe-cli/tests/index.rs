//! `govframe index` end to end: the three output formats, reproducible uncertainty runs, the
//! real ITU and WDI files in shared/data, and bad definitions reported with their paths.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn govframe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govframe"))
        .args(args)
        .output()
        .expect("run govframe")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn path(p: PathBuf) -> String {
    p.display().to_string()
}

fn definition() -> String {
    path(repo().join("examples/data/demo-index.json"))
}

fn data() -> String {
    path(repo().join("examples/data/demo-index-data.json"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The demo definition with one change made by `edit`, written into `dir`.
fn edited(dir: &Path, name: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(definition()).unwrap()).unwrap();
    edit(&mut doc);
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    path(p)
}

#[test]
fn human_table_ranks_every_unit() {
    let out = govframe(&["index", "--definition", &definition(), "--data", &data()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("14 units, 14 scored"),
        "summary line missing:\n{text}"
    );
    assert!(text.contains("year 2023"), "{text}");
    // One row per unit, ranks 1 to 14, each unit once.
    let rows: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("rank"))
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|w| w.parse::<u32>().is_ok())
        })
        .collect();
    assert_eq!(rows.len(), 14, "{text}");
    let units: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(units.len(), 14);
    assert!(rows[0].trim_start().starts_with("1 "), "{}", rows[0]);
}

#[test]
fn csv_has_a_header_and_one_row_per_unit_with_ordered_ranks() {
    let out = govframe(&[
        "index",
        "--definition",
        &definition(),
        "--data",
        &data(),
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&header[..5], ["rank", "unit", "name", "score", "coverage"]);
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 14);
    let mut last = f64::INFINITY;
    for r in &rows {
        assert_eq!(r.len(), header.len(), "{r:?}");
        let score: f64 = r[3].parse().unwrap();
        assert!((0.0..=100.0).contains(&score), "{r:?}");
        assert!(score <= last, "scores not in rank order: {r:?}");
        last = score;
    }
}

#[test]
fn json_result_validates_and_the_same_seed_gives_the_same_bytes_on_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, threads: &str, seed: &str| {
        let out_file = path(dir.path().join(name));
        let out = govframe(&[
            "index",
            "--definition",
            &definition(),
            "--data",
            &data(),
            "--uncertainty",
            "300",
            "--seed",
            seed,
            "--threads",
            threads,
            "--format",
            "json",
            "--out",
            &out_file,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        (out_file.clone(), std::fs::read(&out_file).unwrap())
    };
    let (file, one) = run("one.json", "1", "42");
    let (_, two) = run("two.json", "2", "42");
    let (_, other) = run("other.json", "2", "43");
    assert_eq!(one, two, "thread count changed the result");
    assert_ne!(one, other, "the seed had no effect");

    let doc: Value = serde_json::from_slice(&one).unwrap();
    assert_eq!(doc["kind"], "indexResult");
    assert_eq!(doc["definition"], "demo-ict-index");
    let check = govframe(&["validate", &file]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    // No temporary files are left next to the output.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn real_itu_and_wdi_files_give_the_2023_index() {
    let d = repo().join("../shared/data/itu-ict");
    let files = [
        "itu-datahub-individuals-using-the-internet.csv",
        "itu-datahub-active-mobile-broadband-subscriptions.csv",
        "wdi-it.mlt.main.p2.csv",
        "wdi-it.cel.sets.p2.csv",
        "wdi-it.net.bbnd.p2.csv",
        "wdi-it.net.secr.p6.csv",
    ]
    .map(|f| path(d.join(f)));
    let mut args = vec!["index", "--definition", &*definition(), "--data"]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    args.extend(files.iter().cloned());
    args.extend(["--format".into(), "json".into()]);
    let out = govframe(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The latest year with data for every series of the definition.
    assert_eq!(doc["year"], 2023);
    let units = doc["units"].as_array().unwrap();
    let scored = units.iter().filter(|u| u["score"].is_number()).count();
    // Same figures as the real-data test of govframe-development (168 of the units scored).
    assert_eq!(scored, 168, "scored units");
    for u in units.iter().filter(|u| u["score"].is_number()) {
        let c = u["coverage"].as_f64().unwrap();
        assert!((0.5..=1.0).contains(&c), "{u}");
    }
}

#[test]
fn bad_definitions_exit_1_and_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(String, &str, &str)> = vec![
        (
            edited(dir.path(), "zero-weights.json", |d| {
                for i in d["indicators"].as_array_mut().unwrap() {
                    if i["parent"] == "access" {
                        i["weight"] = 0.into();
                    }
                }
            }),
            "development.weight.zero-sum",
            "/nodes/1",
        ),
        (
            edited(dir.path(), "goalposts.json", |d| {
                d["indicators"][0]["normalisation"]["upper"] = 0.into();
            }),
            "development.normalisation.goalposts-equal",
            "/indicators/0/normalisation/upper",
        ),
        (
            edited(dir.path(), "cycle.json", |d| {
                d["nodes"][0]["parent"] = "use".into();
            }),
            "development.tree.cycle",
            "/nodes/0/parent",
        ),
    ];
    for (file, rule, at) in cases {
        let out = govframe(&["index", "--definition", &file, "--data", &data()]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(text.contains(rule), "{file}: no {rule} in\n{text}");
        assert!(text.contains(at), "{file}: no path {at} in\n{text}");
        assert!(text.contains("line "), "{file}: no position in\n{text}");
    }
}

#[test]
fn an_indicator_without_data_is_named_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = edited(dir.path(), "no-data.json", |d| {
        d["indicators"][0]["series"] = "NOPE.SERIES".into();
    });
    let out = govframe(&[
        "index",
        "--definition",
        &file,
        "--data",
        &data(),
        "--year",
        "2023",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("/indicators/0"), "{err}");
    assert!(err.contains("NOPE.SERIES"), "{err}");
    assert_eq!(err.lines().count(), 1, "one clear message: {err}");

    // Without --year no common year exists, and the message says which series.
    let out = govframe(&["index", "--definition", &file, "--data", &data()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("give --year"), "{}", stderr(&out));
}

#[test]
fn io_errors_exit_2_and_leave_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let missing = path(dir.path().join("missing.csv"));
    let out = govframe(&["index", "--definition", &definition(), "--data", &missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.csv"), "{}", stderr(&out));

    // --out naming a directory fails without writing anything into it.
    let out = govframe(&[
        "index",
        "--definition",
        &definition(),
        "--data",
        &data(),
        "--out",
        &path(dir.path().to_path_buf()),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
