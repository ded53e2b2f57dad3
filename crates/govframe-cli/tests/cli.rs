//! The `govframe` command end to end: exit codes, messages, hostile input, schema files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn govframe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govframe"))
        .args(args)
        .output()
        .expect("run govframe")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> String {
    repo()
        .join("examples/data")
        .join(name)
        .display()
        .to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn valid_examples_exit_0() {
    let o = govframe(&[
        "validate",
        &example("demo-plan.json"),
        &example("demo-objectives.json"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("demo-plan.json: valid (strategicPlan"));
}

#[test]
fn invalid_document_exits_1_with_rule_path_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example("demo-plan.json"))
        .unwrap()
        .replace("\"goal\": \"goal-1\"", "\"goal\": \"goal-9\"");
    let f = write(dir.path(), "bad.json", &text);
    let o = govframe(&["validate", &f]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("error[strategy.target.unknown-goal] /targets/0/goal (line "),
        "{out}"
    );
}

#[test]
fn json_format_is_validation_report_documents() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bad.json",
        r#"{"kind": "strategicPlan", "specVersion": "1.0", "id": "p", "title": {}, "period": {"startYear": 2024, "endYear": 2027}}"#,
    );
    let o = govframe(&[
        "validate",
        "--format",
        "json",
        &f,
        &example("demo-plan.json"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let reports: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["kind"], "validationReport");
    assert_eq!(reports[0]["valid"], false);
    assert_eq!(reports[0]["issues"][0]["rule"], "schema.minProperties");
    assert_eq!(reports[0]["issues"][0]["path"], "/title");
    assert_eq!(reports[1]["valid"], true);
    // The reports are valid documents themselves.
    let text = serde_json::to_string(&reports[0]).unwrap();
    let r = govframe_schema::validate::validate_str(&text, "report").report;
    assert!(r.valid, "{:#?}", r.issues);
}

/// Hostile inputs: one clear message each, exit 1, no panic, no stack overflow.
#[test]
fn hostile_inputs_get_one_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let plan = std::fs::read_to_string(example("demo-plan.json")).unwrap();
    let cases = [
        (
            "truncated.json",
            plan[..plan.len() / 2].to_owned(),
            "parse.truncated",
        ),
        (
            "huge-id.json",
            format!(
                r#"{{"kind": "strategicPlan", "specVersion": "1.0", "id": "{}", "title": {{"en": "T"}}, "period": {{"startYear": 2024, "endYear": 2027}}}}"#,
                "x y".repeat(3_500_000)
            ),
            "schema.pattern",
        ),
        (
            "nested.json",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            "parse.too-deep",
        ),
        (
            "nested-in-doc.json",
            format!(
                r#"{{"kind": "strategicPlan", "extensions": {{"x": {{"a": {}{}}}}}}}"#,
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
            "parse.too-deep",
        ),
        (
            "unknown-kind.json",
            r#"{"kind": "budgetPlan", "id": "b"}"#.to_owned(),
            "parse.unknown-kind",
        ),
        ("empty.json", String::new(), "parse.truncated"),
        (
            "binary.json",
            "\u{0}\u{1}garbage".to_owned(),
            "parse.syntax",
        ),
    ];
    for (name, text, rule) in cases {
        let f = write(dir.path(), name, &text);
        let o = govframe(&["validate", &f]);
        let out = stdout(&o);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{name}: {out} {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(out.contains(rule), "{name}: expected {rule} in {out}");
        assert!(out.len() < 1_500, "{name}: message is {} bytes", out.len());
        assert_eq!(out.matches("error[").count(), 1, "{name}: {out}");
    }
}

#[test]
fn large_valid_string_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        r#"{{"kind": "strategicPlan", "specVersion": "1.0", "id": "p", "title": {{"en": "{}"}}, "period": {{"startYear": 2024, "endYear": 2027}}}}"#,
        "a".repeat(10 * 1024 * 1024)
    );
    let f = write(dir.path(), "big.json", &text);
    let o = govframe(&["validate", &f]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn missing_file_exits_2() {
    let o = govframe(&["validate", "/definitely/not/here.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("io.read"));
}

#[test]
fn usage_error_exits_2() {
    assert_eq!(govframe(&["validate"]).status.code(), Some(2));
    assert_eq!(
        govframe(&["validate", "--format", "xml", "x.json"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(govframe(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn schema_export_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schemas");
    let o = govframe(&["schema", "export", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(out.join("strategic-plan.schema.json").is_file());
    assert!(out.join("document.schema.json").is_file());
    assert!(out.join("index.json").is_file());
    assert_eq!(
        govframe(&["schema", "check", out.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );

    let plan = out.join("strategic-plan.schema.json");
    let text = std::fs::read_to_string(&plan)
        .unwrap()
        .replace("\"Goal\"", "\"Gaol\"");
    std::fs::write(&plan, text).unwrap();
    std::fs::write(out.join("old-kind.schema.json"), "{}").unwrap();
    std::fs::remove_file(out.join("index.json")).unwrap();
    let o = govframe(&["schema", "check", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let s = stdout(&o);
    assert!(
        s.contains("missing: index.json")
            && s.contains("changed: strategic-plan.schema.json")
            && s.contains("extra:   old-kind.schema.json"),
        "{s}"
    );
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn schema_export_with_base_uri() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    let o = govframe(&[
        "schema",
        "export",
        "--out",
        out.to_str().unwrap(),
        "--base-uri",
        "https://example.org/govframe/1.0",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("strategic-plan.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        plan["$id"],
        "https://example.org/govframe/1.0/strategic-plan.schema.json"
    );
    assert_eq!(
        govframe(&["schema", "check", out.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let bad = govframe(&[
        "schema",
        "export",
        "--out",
        out.to_str().unwrap(),
        "--base-uri",
        "not a uri",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn export_into_a_file_path_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "file", "x");
    let o = govframe(&["schema", "export", "--out", &f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("govframe: "));
}

#[test]
fn coverage_table_and_json() {
    let o = govframe(&[
        "coverage",
        &example("demo-plan.json"),
        &example("demo-objectives.json"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let s = stdout(&o);
    assert!(
        s.contains("Universal connectivity") && s.contains("demo-platforms#regulators-symposium"),
        "{s}"
    );
    let o = govframe(&["coverage", "--format", "json", &example("demo-plan.json")]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["kind"], "coverageReport");
    // Without the objective set, goal 2 has no consultation mechanism.
    assert_eq!(
        report["summary"]["uncoveredGoals"],
        serde_json::json!(["goal-2"])
    );
}

#[test]
fn coverage_of_an_invalid_plan_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "p.json", r#"{"kind": "strategicPlan"}"#);
    let o = govframe(&["coverage", &f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("schema.required"));
}

#[test]
fn itu_export_validates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("itu");
    let o = govframe(&["itu", "export", "--out", out.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    assert!(files.len() >= 3);
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let o = govframe(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn itu_list_lists_every_bundled_id() {
    let o = govframe(&["itu", "list"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), govframe_itu::all().len(), "{out}");
    for b in govframe_itu::all() {
        assert!(
            lines
                .iter()
                .any(|l| l.split_whitespace().next() == Some(b.id)
                    && l.contains(b.kind)
                    && l.contains(b.file_name)),
            "{} missing from:\n{out}",
            b.id
        );
    }
    for id in [
        "itu-platforms",
        "itu-landscape",
        "itu-contribution-sp-2024-2027",
    ] {
        assert!(out.contains(id), "{id}");
    }
}

#[test]
fn itu_show_prints_a_document_that_validate_accepts() {
    let dir = tempfile::tempdir().unwrap();
    for b in govframe_itu::all() {
        let o = govframe(&["itu", "show", b.id]);
        assert_eq!(o.status.code(), Some(0), "{}", b.id);
        let text = stdout(&o);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["id"], b.id);
        assert_eq!(value["kind"], b.kind);
        let f = write(dir.path(), b.file_name, &text);
        let v = govframe(&["validate", &f]);
        assert_eq!(v.status.code(), Some(0), "{}: {}", b.id, stdout(&v));
        assert!(stdout(&v).contains(": valid ("), "{}", stdout(&v));
    }
}

#[test]
fn itu_show_unknown_id_exits_2_and_lists_the_known_ids() {
    let o = govframe(&["itu", "show", "itu-nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("\"itu-nope\""), "{err}");
    for b in govframe_itu::all() {
        assert!(err.contains(b.id), "{} not listed in {err}", b.id);
    }
}

#[test]
fn itu_export_then_validate_all_resolves_every_reference() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("itu");
    let o = govframe(&["itu", "export", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), govframe_itu::all().len());
    let mut args = vec!["validate", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let o = govframe(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Loaded together, no reference points at a missing document or entity.
    let text = stdout(&o);
    assert!(!text.contains("catalog."), "{text}");
}
