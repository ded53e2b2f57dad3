//! `govframe stats convert` with the SDMX-CSV output options `--labels` and `--time-format`.

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

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data")
        .join(name)
        .display()
        .to_string()
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

/// Converts the demo dataset to SDMX-CSV with `extra` options, naming components and codes
/// from the demo structure, codelist and concept scheme.
fn to_csv(dir: &Path, name: &str, extra: &[&str]) -> (PathBuf, String) {
    let out = dir.join(name);
    let (data, dsd, cl, cs) = (
        example("demo-dataset-ict.json"),
        example("demo-dsd-ict.json"),
        example("demo-codelist-indicator.json"),
        example("demo-concepts.json"),
    );
    let mut args = vec![
        "stats",
        "convert",
        "--to",
        "sdmx-csv",
        &data,
        "--structure",
        &dsd,
        "--codelist",
        &cl,
        "--concepts",
        &cs,
    ];
    let out_s = s(&out);
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--out", &out_s]);
    let o = govframe(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    (out, text)
}

/// The observations of a dataset document written by `stats convert --to dataset-json`.
fn observations(dir: &Path, input: &Path, name: &str) -> Value {
    let out = dir.join(name);
    let o = govframe(&[
        "stats",
        "convert",
        "--to",
        "dataset-json",
        &s(input),
        "--out",
        &s(&out),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    doc["observations"].clone()
}

#[test]
fn labels_name_and_both_write_names_and_read_back_to_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, text) = to_csv(dir.path(), "id.csv", &[]);
    assert!(text.starts_with("STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,"));

    let (both, text) = to_csv(dir.path(), "both.csv", &["--labels", "both"]);
    let header = text.lines().next().unwrap();
    assert!(header.contains("REF_AREA: Reference area"), "{header}");
    let first = text.lines().nth(1).unwrap();
    // The code name comes from the codelist, the area name from the dataset's labels.
    assert!(
        first.contains("i99H: Individuals using the Internet"),
        "{first}"
    );
    assert!(first.contains("KEN: Kenya"), "{first}");

    let (name, text) = to_csv(dir.path(), "name.csv", &["--labels", "name"]);
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    assert_eq!(header[2], "STRUCTURE_NAME");
    let at = header.iter().position(|h| *h == "REF_AREA").unwrap();
    assert_eq!(header[at + 1], "Reference area");
    let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
    assert_eq!((row[at], row[at + 1]), ("KEN", "Kenya"));

    // All three read back to the same observations.
    let reference = observations(dir.path(), &plain, "id.json");
    assert_eq!(reference.as_array().unwrap().len(), 6);
    assert_eq!(observations(dir.path(), &both, "both.json"), reference);
    assert_eq!(observations(dir.path(), &name, "name.json"), reference);
}

#[test]
fn time_format_normalized_writes_first_or_last_days() {
    let dir = tempfile::tempdir().unwrap();
    let time_column = |text: &str| -> Vec<String> {
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        let at = header.iter().position(|h| *h == "TIME_PERIOD").unwrap();
        text.lines()
            .skip(1)
            .map(|l| l.split(',').nth(at).unwrap().to_owned())
            .collect()
    };
    let (_, original) = to_csv(dir.path(), "o.csv", &[]);
    let (_, start) = to_csv(dir.path(), "s.csv", &["--time-format", "normalized"]);
    let (_, end) = to_csv(dir.path(), "e.csv", &["--time-format", "normalized-end"]);
    let years = time_column(&original);
    assert_eq!(years[0], "2019");
    assert_eq!(
        time_column(&start),
        years
            .iter()
            .map(|y| format!("{y}-01-01"))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        time_column(&end),
        years
            .iter()
            .map(|y| format!("{y}-12-31"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn describe_json_is_a_valid_dataset_summary_document() {
    let dir = tempfile::tempdir().unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/itu-ict/itu-datahub-individuals-using-the-internet.csv");
    let codes = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/country-codes/datasets-country-codes.csv");
    let o = govframe(&[
        "stats",
        "describe",
        &s(&data),
        "--country-codes",
        &s(&codes),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["kind"], "datasetSummary");
    assert_eq!(doc["format"], "itu-datahub");
    // The counts of the statistics crate's real-data test for this file.
    let summary = &doc["summary"];
    assert_eq!(summary["rows"], 4906);
    assert_eq!(summary["series"], 228);
    assert_eq!(summary["areas"]["areas"], 228);
    assert_eq!(summary["years"].as_array().unwrap().len(), 25);
    assert_eq!(summary["gaps"]["missingPeriods"], 125);

    let file = dir.path().join("summary.json");
    std::fs::write(&file, &o.stdout).unwrap();
    let v = govframe(&["validate", &s(&file)]);
    assert_eq!(
        v.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&v.stdout)
    );
}
