#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `govframe report`: the default report from the bundled documents, a folder of documents,
//! escaping, determinism, atomic output and errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn govframe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govframe"))
        .args(args)
        .output()
        .unwrap()
}

fn run_report(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["report", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    govframe(&args)
}

/// Every file under `dir`, relative path → bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// Every JSON number sits in an object that names its source (the report's `year` aside).
fn unsourced_numbers(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let at = format!("{path}/{k}");
                if x.is_number() && at != "/year" {
                    match m.get("source") {
                        Some(Value::Object(s))
                            if s.get("document").is_some_and(Value::is_string)
                                && s.get("title").is_some_and(Value::is_string) => {}
                        _ => out.push(at.clone()),
                    }
                }
                unsourced_numbers(x, &at, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                unsourced_numbers(x, &format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_default_report_has_every_section_charts_and_a_source_for_every_number() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report");
    let o = run_report(&out, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: Value =
        serde_json::from_slice(&std::fs::read(out.join("annual-report.json")).unwrap()).unwrap();
    let sections: Vec<&str> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["section"].as_str().unwrap())
        .collect();
    assert_eq!(
        sections,
        [
            "plan",
            "progress",
            "indicators",
            "index",
            "consensus",
            "landscape",
            "accounts",
            "sources"
        ]
    );
    let mut missing = Vec::new();
    unsourced_numbers(&json, "", &mut missing);
    assert!(missing.is_empty(), "numbers without a source: {missing:?}");
    let numbers = json.to_string().matches("\"source\":").count();
    assert!(numbers > 20, "only {numbers} sourced numbers");
    // Every section is in the page and in the Markdown; at least one chart in each form.
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    for s in &sections {
        assert!(
            html.contains(&format!("<section id=\"{s}\">")),
            "{s} not in the page"
        );
        assert!(
            md.contains(&format!("<a id=\"{s}\"></a>")),
            "{s} not in the Markdown"
        );
    }
    let charts: Vec<PathBuf> = std::fs::read_dir(out.join("charts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!charts.is_empty());
    for c in &charts {
        let svg = std::fs::read_to_string(c).unwrap();
        assert!(svg.starts_with("<svg"), "{}", c.display());
        let name = c.file_name().unwrap().to_str().unwrap();
        assert!(
            md.contains(&format!("(charts/{name})")),
            "{name} not linked"
        );
    }
    assert_eq!(html.matches("<svg").count(), charts.len());
    // Nothing is loaded from elsewhere: no scripts, stylesheets, images or frames by URL.
    for bad in ["<script", "<link", "<img", "<iframe", "src=", "url("] {
        assert!(!html.contains(bad), "the page contains {bad:?}");
    }
    // The JSON document validates.
    let v = govframe(&["validate", out.join("annual-report.json").to_str().unwrap()]);
    assert!(
        v.status.success(),
        "{}{}",
        String::from_utf8_lossy(&v.stdout),
        String::from_utf8_lossy(&v.stderr)
    );
}

#[test]
fn same_input_same_bytes_and_the_output_folder_is_replaced_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    assert!(run_report(&a, &["--lang", "fr"]).status.success());
    assert!(run_report(&b, &["--lang", "fr"]).status.success());
    let fa = files(&a);
    assert!(fa.len() >= 4);
    assert_eq!(fa, files(&b), "two runs gave different files");
    // A stale file disappears when the report is written again; no temporary folder is left.
    std::fs::write(a.join("charts/stale.svg"), "old").unwrap();
    assert!(run_report(&a, &["--lang", "fr"]).status.success());
    assert_eq!(fa, files(&a));
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    // The French report says what is not in French.
    let json: Value =
        serde_json::from_slice(&std::fs::read(a.join("annual-report.json")).unwrap()).unwrap();
    assert_eq!(json["language"], "fr");
    assert!(json["languageNote"].as_str().unwrap().contains("French"));
}

#[test]
fn a_folder_of_documents_with_a_script_title_shows_it_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data");
    let mut plan: Value =
        serde_json::from_str(&std::fs::read_to_string(examples.join("demo-plan.json")).unwrap())
            .unwrap();
    plan["title"] = serde_json::json!({"en": "<script>alert(1)</script>"});
    std::fs::write(input.join("plan.json"), plan.to_string()).unwrap();
    for f in [
        "demo-objectives.json",
        "demo-landscape.json",
        "demo-consultation.json",
    ] {
        std::fs::copy(examples.join(f), input.join(f)).unwrap();
    }
    let out = tmp.path().join("out");
    let o = run_report(
        &out,
        &["--input", input.to_str().unwrap(), "--year", "2026"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!html.contains("<script"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(!md.contains("<script"));
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for (name, bytes) in files(&out.join("charts")) {
        let svg = String::from_utf8(bytes).unwrap();
        assert!(!svg.contains("<script"), "{}", name.display());
    }
    let json: Value =
        serde_json::from_slice(&std::fs::read(out.join("annual-report.json")).unwrap()).unwrap();
    assert_eq!(json["year"], 2026);
    // Sections without input say so.
    let accounts = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"] == "accounts")
        .unwrap();
    assert_eq!(accounts["empty"], "No supply-use table in the input.");
}

#[test]
fn an_invalid_document_names_the_file_and_path_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("bad.json"),
        r#"{"kind": "strategicPlan", "specVersion": "1.0", "id": "p", "title": {"en": "P"},
  "period": {"startYear": 2024, "endYear": 2027}, "goals": [{"id": "g", "nmae": {"en": "G"}}]}"#,
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = run_report(&out, &["--input", input.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.json"), "{err}");
    assert!(err.contains("/goals/0"), "{err}");
    assert!(!out.exists());
    // Usage errors end with status 2.
    assert_eq!(run_report(&out, &["--lang", "de"]).status.code(), Some(2));
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(
        run_report(&out, &["--input", empty.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    // A folder that does not hold a report is never replaced.
    let mine = tmp.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep me").unwrap();
    assert_eq!(run_report(&mine, &[]).status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "keep me"
    );
    assert!(!out.exists());
}
