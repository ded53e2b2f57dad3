//! `govframe consensus`, `govframe landscape` and `govframe calendar` end to end: output,
//! exit codes (0 done, 1 invalid document, 2 usage or I/O), atomic writes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn consensus_human_and_json() {
    let o = govframe(&["consensus", &example("demo-consultation.json")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("p2: adopted, consensus 75% → 100% (rising)"),
        "{out}"
    );
    assert!(
        out.contains("objection without standing: ac-exampleville"),
        "{out}"
    );

    let o = govframe(&[
        "consensus",
        "--format",
        "json",
        &example("demo-consultation.json"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "consensusResult");
    assert_eq!(v["summary"]["adopted"], 2);
    assert_eq!(v["proposals"][2]["finalOutcome"], "withdrawn");
}

#[test]
fn consensus_on_an_invalid_consultation_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example("demo-consultation.json"))
        .unwrap()
        .replacen(
            "\"participant\": \"xaa\", \"proposal\": \"p1\"",
            "\"participant\": \"xaa\", \"proposal\": \"p9\"",
            1,
        );
    let f = dir.path().join("bad.json");
    std::fs::write(&f, text).unwrap();
    let o = govframe(&["consensus", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("error[platforms.position.unknown-proposal] /positions/0/proposal (line "),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn usage_and_io_errors_exit_2() {
    // The wrong kind of document.
    let o = govframe(&["consensus", &example("demo-landscape.json")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("expected a consultation document, found a governanceLandscape"));
    // A missing file.
    let o = govframe(&["landscape", "/nonexistent/landscape.json"]);
    assert_eq!(o.status.code(), Some(2));
    // A bad option value.
    let o = govframe(&[
        "landscape",
        "--format",
        "xml",
        &example("demo-landscape.json"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    // An output folder that does not exist.
    let o = govframe(&[
        "calendar",
        &example("demo-platforms.json"),
        "--out",
        "/nonexistent/dir/x.ics",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn landscape_formats_and_theme_filter() {
    let l = example("demo-landscape.json");
    let o = govframe(&["landscape", &l]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("aiGovernance"));
    assert!(stdout(&o).contains("Countries covered on no theme shown: XAJ"));

    let o = govframe(&[
        "landscape",
        "--format",
        "csv",
        "--theme",
        "dataGovernance",
        &l,
    ]);
    assert_eq!(o.status.code(), Some(0));
    let csv = stdout(&o);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[0].starts_with("theme,mechanisms,countriesCovered"));
    assert!(lines[1].starts_with("dataGovernance,3,6,0.6000,"), "{csv}");

    let o = govframe(&[
        "landscape",
        "--format",
        "csv",
        "--matrix",
        "--theme",
        "aiGovernance",
        &l,
    ]);
    let csv = stdout(&o);
    assert!(
        csv.starts_with("country,aiGovernance\nXAA,1\nXAB,2\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 11);

    let o = govframe(&["landscape", "--format", "json", "--theme", "spectrum", &l]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("no mechanism covers theme \"spectrum\""));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "landscapeAnalysis");
    assert_eq!(v["themes"].as_array().unwrap().len(), 0);
}

#[test]
fn calendar_to_stdout_and_to_a_file() {
    let reg = example("demo-platforms.json");
    let o = govframe(&["calendar", &reg]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ics = stdout(&o);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5);

    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("demo.ics");
    let o = govframe(&["calendar", &reg, "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        ics,
        "same bytes every time"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("demo.ics")]);
}
