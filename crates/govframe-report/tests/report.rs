#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The report built from the example documents: every section, sources on every number,
//! escaping, determinism and the document's own rules.

use govframe_core::{LocalizedText, Validate};
use govframe_report::{
    AnnualReport, Cell, ReportInput, ReportOptions, SectionKind, build, render_html,
    render_markdown,
};
use serde_json::Value;

fn example<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = format!("{}/../../examples/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The year of the example consultation and meetings (the data end in 2023).
fn opts() -> ReportOptions {
    ReportOptions {
        year: Some(2026),
        ..Default::default()
    }
}

fn examples() -> ReportInput {
    ReportInput {
        plans: vec![example("demo-plan.json")],
        objective_sets: vec![example("demo-objectives.json")],
        platform_registries: vec![example("demo-platforms.json")],
        consultations: vec![example("demo-consultation.json")],
        contributions: vec![example("demo-contribution.json")],
        landscapes: vec![example("demo-landscape.json")],
        datasets: vec![
            example("demo-dataset-ict.json"),
            example("demo-index-data.json"),
        ],
        monitoring_frameworks: vec![example("demo-monitoring.json")],
        composite_indices: vec![example("demo-index.json")],
        supply_use_tables: vec![example("demo-sut-bgr.json")],
        ..Default::default()
    }
}

/// Every JSON number sits in an object that names its source (the report's `year` aside).
fn unsourced_numbers(v: &Value, path: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let at = format!("{path}/{k}");
                if x.is_number() && !m.contains_key("source") && at != "/year" {
                    out.push(at.clone());
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
fn every_section_is_filled_from_the_examples_and_every_number_has_a_source() {
    let report = build(&examples(), &opts()).unwrap();
    for kind in SectionKind::ALL {
        let s = report.section(kind).unwrap();
        assert!(
            s.empty.is_none(),
            "{kind:?}: {:?} / notes {:?}",
            s.empty,
            s.notes
        );
    }
    assert!(report.charts().count() >= 5);
    let value = serde_json::to_value(&report).unwrap();
    let mut missing = Vec::new();
    unsourced_numbers(&value, "", &mut missing);
    assert!(missing.is_empty(), "numbers without a source: {missing:?}");
    // Every cited document is listed, and the report passes its own rules.
    let issues = report.validate();
    assert!(issues.is_empty(), "{issues:?}");
    // Round trip.
    let text = serde_json::to_string(&report).unwrap();
    let back: AnnualReport = serde_json::from_str(&text).unwrap();
    assert_eq!(back, report);
}

#[test]
fn an_empty_input_says_so_in_every_section() {
    let report = build(
        &ReportInput::default(),
        &ReportOptions {
            year: Some(2025),
            ..Default::default()
        },
    )
    .unwrap();
    for kind in SectionKind::ALL {
        let s = report.section(kind).unwrap();
        if kind != SectionKind::Sources {
            assert!(s.empty.is_some(), "{kind:?} should say it has no input");
            assert!(s.tables.is_empty() && s.charts.is_empty());
        }
    }
    assert!(matches!(
        build(&ReportInput::default(), &ReportOptions::default()),
        Err(govframe_report::ReportError::NoYear)
    ));
}

#[test]
fn the_language_is_checked_and_the_fallback_is_reported() {
    let input = examples();
    let bad = build(
        &input,
        &ReportOptions {
            language: "de".into(),
            ..opts()
        },
    );
    assert!(matches!(
        bad,
        Err(govframe_report::ReportError::Language(_))
    ));
    let fr = build(
        &input,
        &ReportOptions {
            language: "fr".into(),
            ..opts()
        },
    )
    .unwrap();
    assert_eq!(fr.language.as_str(), "fr");
    let note = fr.language_note.unwrap();
    assert!(note.contains("French"), "{note}");
    assert!(note.contains("English"), "{note}");
}

#[test]
fn document_text_is_escaped_in_html_markdown_and_charts() {
    let evil = "<script>alert(1)</script>";
    let mut input = examples();
    input.plans[0].title = LocalizedText::en(evil);
    input.plans[0].goals[0].name = LocalizedText::en(format!("{evil} & *more*"));
    input.landscapes[0].title = LocalizedText::en(evil);
    let report = build(&input, &opts()).unwrap();
    let html = render_html(&report);
    assert!(!html.contains("<script"), "raw markup in the HTML");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let md = render_markdown(&report);
    assert!(!md.text.contains("<script"), "raw markup in the Markdown");
    assert!(md.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for (name, svg) in &md.charts {
        assert!(!svg.contains("<script"), "raw markup in {name}");
    }
    assert!(
        md.charts
            .iter()
            .any(|(_, svg)| svg.contains("&lt;script&gt;"))
    );
}

#[test]
fn same_input_same_bytes() {
    let a = build(&examples(), &opts()).unwrap();
    let b = build(&examples(), &opts()).unwrap();
    assert_eq!(
        serde_json::to_string_pretty(&a).unwrap(),
        serde_json::to_string_pretty(&b).unwrap()
    );
    assert_eq!(render_html(&a), render_html(&b));
    assert_eq!(render_markdown(&a), render_markdown(&b));
}

#[test]
fn the_document_rules_catch_broken_reports() {
    let mut report = build(&examples(), &opts()).unwrap();
    report.documents.retain(|d| d.kind != "strategicPlan");
    let dup = report.sections[0].clone();
    report.sections.push(dup);
    if let Some(Cell::Number { value, .. }) = report
        .sections
        .iter_mut()
        .flat_map(|s| s.tables.iter_mut())
        .flat_map(|t| t.rows.iter_mut().flatten())
        .find(|c| matches!(c, Cell::Number { .. }))
    {
        *value = f64::NAN;
    }
    let rules: Vec<String> = report.validate().into_iter().map(|i| i.rule).collect();
    for rule in [
        "report.unknown-document",
        "report.duplicate-section",
        "report.duplicate-id",
        "report.non-finite",
    ] {
        assert!(rules.iter().any(|r| r == rule), "{rule} not in {rules:?}");
    }
}
