//! Hand-written bad documents: each is rejected at the right level, with the right rule and
//! path, and the demo documents are accepted.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::{Level, Severity};
use govframe_schema::validate::validate_str;
use serde_json::{Value, json};

fn demo_plan() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/demo-plan.json"
    );
    let text = std::fs::read_to_string(path).expect("demo plan");
    serde_json::from_str(&text).expect("demo plan is JSON")
}

fn set(doc: &mut Value, pointer: &str, value: Value) {
    *doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}")) = value;
}

/// Validates `doc` and asserts that an error with `rule` at `path` was found at `level`.
fn expect(doc: &Value, level: Level, rule: &str, path: &str) -> govframe_core::ValidationReport {
    let text = serde_json::to_string_pretty(doc).unwrap();
    expect_text(&text, level, rule, path)
}

fn expect_text(
    text: &str,
    level: Level,
    rule: &str,
    path: &str,
) -> govframe_core::ValidationReport {
    let report = validate_str(text, "bad.json").report;
    assert!(!report.valid, "{rule}: expected invalid, got {report:#?}");
    let found = report
        .issues
        .iter()
        .find(|i| i.rule == rule && i.path == path && i.severity == Severity::Error);
    let issue =
        found.unwrap_or_else(|| panic!("expected {rule} at {path:?}, got {:#?}", report.issues));
    assert_eq!(issue.level, level, "{rule}");
    assert!(
        issue.line.is_some() || path.is_empty(),
        "{rule}: no line for {path}"
    );
    report
}

#[test]
fn demo_documents_are_valid() {
    for name in ["demo-plan.json", "demo-objectives.json"] {
        let path = format!("{}/../../examples/data/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let report = validate_str(&text, name).report;
        assert!(report.valid, "{name}: {:#?}", report.issues);
    }
}

#[test]
fn unknown_field() {
    let mut doc = demo_plan();
    doc["publisher"] = json!("someone");
    let r = expect(
        &doc,
        Level::Schema,
        "schema.additionalProperties",
        "/publisher",
    );
    assert!(
        r.issues
            .iter()
            .any(|i| i.help.as_deref().unwrap_or("").contains("extensions"))
    );
}

#[test]
fn misspelled_field_suggests_the_right_one() {
    let mut doc = demo_plan();
    let goal = doc["goals"][0].as_object_mut().unwrap();
    let name = goal.remove("name").unwrap();
    goal.insert("nmae".into(), name);
    let r = expect(
        &doc,
        Level::Schema,
        "schema.additionalProperties",
        "/goals/0/nmae",
    );
    let issue = r.issues.iter().find(|i| i.path == "/goals/0/nmae").unwrap();
    assert!(
        issue
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean \"name\""),
        "{issue:?}"
    );
    assert!(
        r.issues
            .iter()
            .any(|i| i.rule == "schema.required" && i.path == "/goals/0")
    );
}

#[test]
fn wrong_type() {
    let mut doc = demo_plan();
    set(&mut doc, "/period/startYear", json!("2026"));
    expect(&doc, Level::Schema, "schema.type", "/period/startYear");
}

#[test]
fn impossible_date() {
    let mut doc = demo_plan();
    doc["adoptingInstrument"] = json!({"title": {"en": "Resolution 1"}, "date": "2023-02-30"});
    expect(
        &doc,
        Level::Schema,
        "schema.format",
        "/adoptingInstrument/date",
    );
}

#[test]
fn bad_id() {
    let mut doc = demo_plan();
    set(&mut doc, "/goals/0/id", json!("-goal one"));
    expect(&doc, Level::Schema, "schema.pattern", "/goals/0/id");
}

#[test]
fn empty_localized_text() {
    let mut doc = demo_plan();
    set(&mut doc, "/title", json!({}));
    expect(&doc, Level::Schema, "schema.minProperties", "/title");
}

#[test]
fn bad_language_tag() {
    let mut doc = demo_plan();
    set(&mut doc, "/title", json!({"english": "x", "e n": "y"}));
    expect(&doc, Level::Schema, "schema.propertyNames", "/title");
}

#[test]
fn unsupported_spec_version() {
    let mut doc = demo_plan();
    set(&mut doc, "/specVersion", json!("2.0"));
    expect(&doc, Level::Schema, "schema.const", "/specVersion");
}

#[test]
fn sectoral_objective_without_sector() {
    let mut doc = demo_plan();
    doc["objectives"][0]
        .as_object_mut()
        .unwrap()
        .remove("sector");
    expect(&doc, Level::Schema, "schema.required", "/objectives/0");
}

#[test]
fn dangling_reference() {
    let mut doc = demo_plan();
    set(&mut doc, "/targets/0/goal", json!("goal-9"));
    let r = expect(
        &doc,
        Level::Semantics,
        "strategy.target.unknown-goal",
        "/targets/0/goal",
    );
    assert_eq!(r.error_count, 1);
}

#[test]
fn objective_for_unknown_goal() {
    let mut doc = demo_plan();
    set(&mut doc, "/objectives/1/contributesTo/0", json!("goal-7"));
    expect(
        &doc,
        Level::Semantics,
        "objectives.unknown-goal",
        "/objectives/1/contributesTo/0",
    );
}

#[test]
fn duplicate_id() {
    let mut doc = demo_plan();
    set(&mut doc, "/targets/1/id", json!("target-1.1"));
    expect(
        &doc,
        Level::Semantics,
        "strategy.duplicate-id",
        "/targets/1/id",
    );
}

#[test]
fn duplicate_id_across_lists() {
    let mut doc = demo_plan();
    set(&mut doc, "/objectives/0/outcomes/0/id", json!("goal-1"));
    expect(
        &doc,
        Level::Semantics,
        "strategy.duplicate-id",
        "/objectives/0/outcomes/0/id",
    );
}

#[test]
fn start_after_end() {
    let mut doc = demo_plan();
    set(
        &mut doc,
        "/period",
        json!({"startYear": 2030, "endYear": 2026}),
    );
    let r = expect(&doc, Level::Parse, "parse.invalid-value", "/period");
    assert!(
        r.issues[0].message.contains("2030 > 2026"),
        "{:?}",
        r.issues[0]
    );
}

#[test]
fn percent_out_of_range_and_deadline_before_plan() {
    let mut doc = demo_plan();
    set(&mut doc, "/targets/0/quantity/value", json!(120));
    set(&mut doc, "/targets/1/quantity/year", json!(2020));
    let r = expect(
        &doc,
        Level::Semantics,
        "strategy.target.percent-out-of-range",
        "/targets/0/quantity/value",
    );
    assert!(
        r.issues
            .iter()
            .any(|i| i.rule == "strategy.target.deadline-before-plan"
                && i.path == "/targets/1/quantity/year")
    );
    assert_eq!(
        r.error_count, 2,
        "every problem is reported, not only the first"
    );
}

#[test]
fn duplicate_json_key() {
    let text = r#"{"kind": "strategicPlan", "specVersion": "1.0", "id": "a", "id": "b",
        "title": {"en": "T"}, "period": {"startYear": 2024, "endYear": 2027}}"#;
    let r = expect_text(text, Level::Parse, "parse.duplicate-key", "/id");
    assert_eq!(r.issues[0].line, Some(1));
}

#[test]
fn duplicate_language_key() {
    let text = r#"{"kind": "strategicPlan", "specVersion": "1.0", "id": "a",
        "title": {"en": "T", "en": "U"}, "period": {"startYear": 2024, "endYear": 2027}}"#;
    expect_text(text, Level::Parse, "parse.duplicate-key", "/title");
}

#[test]
fn unknown_kind_and_missing_kind() {
    expect_text(
        r#"{"kind": "strategicplan"}"#,
        Level::Parse,
        "parse.unknown-kind",
        "",
    );
    expect_text(r#"{"id": "x"}"#, Level::Parse, "parse.kind-missing", "");
    expect_text(r#"[1, 2]"#, Level::Parse, "parse.not-object", "");
}

#[test]
fn syntax_errors_have_line_and_column() {
    let r = validate_str(
        "{\n  \"kind\": \"strategicPlan\",\n  \"id\": x\n}",
        "s.json",
    )
    .report;
    let i = &r.issues[0];
    assert_eq!(
        (i.rule.as_str(), i.line, i.column),
        ("parse.syntax", Some(3), Some(9))
    );
    let r = validate_str("{\"kind\": \"strategicPlan\", \"goals\": [", "t.json").report;
    assert_eq!(r.issues[0].rule, "parse.truncated");
}

#[test]
fn schema_errors_skip_semantics_with_a_note() {
    let mut doc = demo_plan();
    set(&mut doc, "/period/startYear", json!("x"));
    let r = validate_str(&serde_json::to_string(&doc).unwrap(), "x").report;
    assert!(
        r.issues
            .iter()
            .any(|i| i.rule == "validate.semantics-skipped" && i.severity == Severity::Info)
    );
}

#[test]
fn report_names_what_it_checked() {
    let r = validate_str(&serde_json::to_string(&demo_plan()).unwrap(), "demo").report;
    assert_eq!(r.checked_kind.as_deref(), Some("strategicPlan"));
    assert_eq!(r.checked_spec_version.as_deref(), Some("1.0"));
    assert_eq!(
        r.schema_id.as_deref(),
        Some("urn:govframe:schema:1.0:strategicPlan")
    );
    assert_eq!(r.document_id.as_deref(), Some("demo-sp-2026-2029"));
}
