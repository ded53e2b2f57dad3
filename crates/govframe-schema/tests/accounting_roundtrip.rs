//! Accounting kinds (`supplyUseTable`, `accountsCheckReport`, `accountsIndicators`): serde and
//! the exported schemas agree on generated documents; the demo tables validate; bad tables are
//! rejected at the right level with the right rule, path and line.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../govframe-accounting/tests/support/mod.rs"]
mod support;

use govframe_accounting::{
    DigitalExtension, DigitalIndustry, DigitalIndustryCategory, DigitalProduct,
    DigitalProductCategory, Flow, IndustryPart, ProductPart, SupplyUseTable, Tolerance,
    TransactionSplit, check, indicators,
};
use govframe_core::{Level, LocalizedText, Severity};
use govframe_schema::Document;
use govframe_schema::validate::{read_str, schema_issues, validate_str};
use proptest::prelude::*;
use serde_json::{Value, json};

fn demo(name: &str) -> String {
    let path = format!("{}/../../examples/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Serializes `doc`, checks it against the schema of its kind, reads it back as a `Document`.
fn through_schema<T: serde::Serialize>(kind: &str, doc: &T) -> Document {
    let value = serde_json::to_value(doc).unwrap();
    let issues = schema_issues(kind, &value).unwrap();
    assert!(issues.is_empty(), "{kind}: {issues:#?}");
    let text = serde_json::to_string_pretty(&value).unwrap();
    read_str(&text).unwrap_or_else(|e| panic!("{kind}: {e:?}"))
}

/// Adds a digital extension built from the table's own totals, so that it checks.
fn with_digital(mut t: SupplyUseTable, share: f64) -> SupplyUseTable {
    let totals = govframe_accounting::TableTotals::new(&t);
    let mut d = DigitalExtension::default();
    if let (Some(ind), Some(it)) = (t.industries.first(), totals.industries.first()) {
        let out = (it.output * share).floor();
        let ic = (it.intermediate_consumption * share).floor();
        d.industries.push(DigitalIndustry {
            id: support::id("D1"),
            category: DigitalIndustryCategory::DigitallyEnabling,
            name: LocalizedText::en("Digitally enabling"),
            parts: vec![IndustryPart {
                industry: ind.id.clone(),
                output: out,
                intermediate_consumption: ic,
                value_added: out - ic,
            }],
        });
    }
    if let (Some(p), Some(pt)) = (t.products.first(), totals.products.first()) {
        d.products.push(DigitalProduct {
            id: support::id("DP1"),
            category: DigitalProductCategory::Other("digitalTwins".into()),
            name: LocalizedText::en("Other digital product"),
            parts: vec![ProductPart {
                product: p.id.clone(),
                output: (pt.output * share).floor(),
                imports: (pt.imports * share).floor(),
                intermediate_consumption: (pt.intermediate_consumption * share).floor(),
                final_uses: (pt.final_uses() * share).floor(),
            }],
        });
        let total = pt.household_consumption;
        let mut s = TransactionSplit::new(p.id.clone(), Flow::HouseholdConsumption);
        s.digitally_ordered_direct = (total * share).floor();
        s.digitally_delivered = (total * share / 2.0).floor();
        s.not_digital = Some(total - s.digitally_ordered_direct - s.digitally_delivered);
        d.transactions.push(s);
    }
    t.digital = Some(d);
    t.tolerance = Some(Tolerance::new(0.0, 1e-9).unwrap());
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_tables_and_results_pass_the_schemas_and_read_back_equal(
        s in support::spec(),
        share in 0.0f64..0.5,
    ) {
        let t = with_digital(support::build(&s), share);
        let report = check(&t, Tolerance::EXACT);
        prop_assert!(report.passed, "{:#?}", report.failures);
        match through_schema("supplyUseTable", &t) {
            Document::SupplyUseTable(back) => prop_assert_eq!(*back, t.clone()),
            other => prop_assert!(false, "read a {}", other.kind()),
        }
        match through_schema("accountsCheckReport", &report) {
            Document::AccountsCheckReport(back) => prop_assert_eq!(*back, report),
            other => prop_assert!(false, "read a {}", other.kind()),
        }
        let ind = indicators(&t);
        match through_schema("accountsIndicators", &ind) {
            Document::AccountsIndicators(back) => prop_assert_eq!(*back, ind),
            other => prop_assert!(false, "read a {}", other.kind()),
        }
        // The whole pipeline agrees.
        let text = serde_json::to_string_pretty(&t).unwrap();
        let outcome = validate_str(&text, "generated.json");
        prop_assert!(outcome.report.valid, "{:#?}", outcome.report.issues);
    }
}

#[test]
fn demo_tables_validate() {
    for name in ["demo-sut.json", "demo-sut-bgr.json"] {
        let report = validate_str(&demo(name), name).report;
        assert!(report.valid, "{name}: {:#?}", report.issues);
        assert_eq!(report.checked_kind.as_deref(), Some("supplyUseTable"));
        assert_eq!(
            report.schema_id.as_deref(),
            Some("urn:govframe:schema:1.0:supplyUseTable")
        );
    }
    // The unbalanced demo fails its identities (and nothing else), with lines.
    let report = validate_str(&demo("invalid/demo-sut-unbalanced.json"), "u.json").report;
    assert!(!report.valid);
    for issue in report.errors() {
        assert!(govframe_accounting::is_check_rule(&issue.rule), "{issue:?}");
        assert_eq!(issue.level, Level::Semantics);
    }
    let product = report
        .issues
        .iter()
        .find(|i| i.rule == "accounting.identity.product-balance" && i.path == "/products/0")
        .expect("product G fails");
    assert!(product.line.is_some());
}

fn expect(doc: &Value, level: Level, rule: &str, path: &str) {
    let text = serde_json::to_string_pretty(doc).unwrap();
    let report = validate_str(&text, "bad.json").report;
    let issue = report
        .issues
        .iter()
        .find(|i| i.rule == rule && i.path == path && i.severity == Severity::Error)
        .unwrap_or_else(|| panic!("expected {rule} at {path:?}, got {:#?}", report.issues));
    assert_eq!(issue.level, level, "{rule}");
    assert!(issue.line.is_some() || path.is_empty(), "{rule}: no line");
}

#[test]
fn bad_tables_are_rejected_with_rule_path_and_line() {
    let base: Value = serde_json::from_str(&demo("demo-sut.json")).unwrap();

    let mut d = base.clone();
    d["use"]["intermediateConsumption"][1]["product"] = json!("X99");
    expect(
        &d,
        Level::Semantics,
        "accounting.unknown-product",
        "/use/intermediateConsumption/1/product",
    );

    let mut d = base.clone();
    d["supply"]["output"][0]["value"] = json!(-100);
    expect(
        &d,
        Level::Semantics,
        "accounting.negative-output",
        "/supply/output/0/value",
    );

    let mut d = base.clone();
    d["digital"]["transactions"][2]["digitallyDelivered"] = json!(40);
    expect(
        &d,
        Level::Semantics,
        "accounting.digital.split-exceeds-total",
        "/digital/transactions/2",
    );

    let mut d = base.clone();
    d["tolerance"] = json!({"absolute": -1});
    expect(&d, Level::Schema, "schema.minimum", "/tolerance/absolute");

    let mut d = base.clone();
    d["currency"] = json!("euro");
    expect(&d, Level::Schema, "schema.pattern", "/currency");

    let mut d = base.clone();
    d["digital"]["transactions"][0]["flow"] = json!("tourism");
    expect(
        &d,
        Level::Schema,
        "schema.enum",
        "/digital/transactions/0/flow",
    );

    let mut d = base;
    d["use"]["finalUses"] = json!([]);
    expect(
        &d,
        Level::Schema,
        "schema.additionalProperties",
        "/use/finalUses",
    );
}

#[test]
fn accounting_schemas_are_closed_and_name_their_kind() {
    let schemas = govframe_schema::generate(None).unwrap();
    for kind in [
        "supplyUseTable",
        "accountsCheckReport",
        "accountsIndicators",
    ] {
        let s = schemas.for_kind(kind).unwrap();
        assert_eq!(s["properties"]["kind"]["const"], kind);
        assert_eq!(s["additionalProperties"], false);
    }
    let sut = schemas.for_kind("supplyUseTable").unwrap();
    assert_eq!(sut["$defs"]["CurrencyCode"]["pattern"], "^[A-Z]{3}$");
    assert_eq!(
        sut["$defs"]["Tolerance"]["properties"]["absolute"]["minimum"],
        0
    );
}
