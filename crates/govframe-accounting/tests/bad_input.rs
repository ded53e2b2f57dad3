//! Bad input gives clear errors with paths: unknown ids, negative values, digital splits
//! larger than their totals, tables RAS cannot balance, and documents serde refuses.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use govframe_accounting::ras::RasOptions;
use govframe_accounting::{
    Error, IndustryPart, MatrixCell, ProductValue, Tolerance, TransactionSplit, balance, check,
};
use govframe_core::{Issue, Severity, Validate};
use support::{example, id};

fn find<'a>(issues: &'a [Issue], rule: &str, path: &str) -> &'a Issue {
    issues
        .iter()
        .find(|i| i.rule == rule && i.path == path)
        .unwrap_or_else(|| panic!("expected {rule} at {path}, got {issues:#?}"))
}

#[test]
fn use_table_naming_an_unknown_product() {
    let mut t = example("demo-sut.json");
    t.use_table
        .intermediate_consumption
        .push(MatrixCell::new(id("X99"), id("I1"), 5.0));
    let issues = t.validate();
    let issue = find(
        &issues,
        "accounting.unknown-product",
        "/use/intermediateConsumption/4/product",
    );
    assert_eq!(issue.severity, Severity::Error);
    assert!(issue.message.contains("\"X99\""), "{}", issue.message);
    assert!(issue.help.is_some());
    // Balancing refuses a structurally broken table and says why.
    let err = balance(&t, &RasOptions::default()).unwrap_err();
    assert!(
        matches!(err, Error::InvalidTable(ref list) if list[0].rule == "accounting.unknown-product")
    );
    assert!(err.to_string().contains("X99"), "{err}");
}

#[test]
fn unknown_industry_and_duplicates() {
    let mut t = example("demo-sut.json");
    t.supply
        .output
        .push(MatrixCell::new(id("G"), id("I7"), 1.0));
    t.supply
        .output
        .push(MatrixCell::new(id("G"), id("I1"), 1.0));
    t.supply.imports.push(ProductValue::new(id("S"), 1.0));
    t.products[1].id = id("G");
    let issues = t.validate();
    find(
        &issues,
        "accounting.unknown-industry",
        "/supply/output/4/industry",
    );
    let dup = find(&issues, "accounting.duplicate-cell", "/supply/output/5");
    assert!(dup.message.contains("/supply/output/0"), "{}", dup.message);
    find(&issues, "accounting.duplicate-id", "/products/1/id");
}

#[test]
fn negative_output() {
    let mut t = example("demo-sut.json");
    t.supply.output[2].value = -5.0;
    let issues = t.validate();
    let issue = find(
        &issues,
        "accounting.negative-output",
        "/supply/output/2/value",
    );
    assert!(issue.message.contains("\"S\"") && issue.message.contains("\"I1\""));
    t.supply.output[2].value = 5.0;
    t.use_table.intermediate_consumption[1].value = -1.0;
    t.supply.imports[0].value = -1.0;
    t.use_table.exports[0].value = -1.0;
    let issues = t.validate();
    find(
        &issues,
        "accounting.negative-intermediate-consumption",
        "/use/intermediateConsumption/1/value",
    );
    find(
        &issues,
        "accounting.negative-imports",
        "/supply/imports/0/value",
    );
    let w = find(
        &issues,
        "accounting.negative-final-use",
        "/use/exports/0/value",
    );
    assert_eq!(w.severity, Severity::Warning);
}

#[test]
fn digital_split_larger_than_its_total() {
    let mut t = example("demo-sut.json");
    // Exports of G are 15; a split without notDigital claims 20 digitally delivered.
    let d = t.digital.as_mut().unwrap();
    d.transactions[2].digitally_delivered = 17.0;
    let issues = t.validate();
    let issue = find(
        &issues,
        "accounting.digital.split-exceeds-total",
        "/digital/transactions/2",
    );
    assert!(
        issue.message.contains("\"G\"")
            && issue.message.contains("exports")
            && issue.message.contains("20"),
        "{}",
        issue.message
    );

    // A complete split (with notDigital) that does not add up.
    let mut t = example("demo-sut.json");
    t.digital.as_mut().unwrap().transactions[0].not_digital = Some(60.0);
    let issue = find(
        &t.validate(),
        "accounting.digital.split-mismatch",
        "/digital/transactions/0",
    )
    .clone();
    assert!(
        issue.message.contains("74") && issue.message.contains("70"),
        "{}",
        issue.message
    );

    // Digital-industry parts with more output than their conventional industry.
    let mut t = example("demo-sut.json");
    t.digital.as_mut().unwrap().industries[1]
        .parts
        .push(IndustryPart {
            industry: id("I2"),
            output: 80.0,
            intermediate_consumption: 30.0,
            value_added: 50.0,
        });
    let issues = t.validate();
    let issue = find(
        &issues,
        "accounting.digital.split-exceeds-total",
        "/industries/1",
    );
    assert!(
        issue.message.contains("\"I2\"") && issue.message.contains("100"),
        "{}",
        issue.message
    );

    // A digital-product part larger than its product, and a part whose identity fails.
    let mut t = example("demo-sut.json");
    let d = t.digital.as_mut().unwrap();
    d.products[0].parts[0].imports = 31.0;
    d.industries[0].parts[0].value_added = 11.0;
    let issues = t.validate();
    find(
        &issues,
        "accounting.digital.split-exceeds-total",
        "/products/0",
    );
    find(
        &issues,
        "accounting.digital.part-identity",
        "/digital/industries/0/parts/0",
    );

    // Unknown product and negative part in a split.
    let mut t = example("demo-sut.json");
    let mut s = TransactionSplit::new(id("Z"), govframe_accounting::Flow::Exports);
    s.platform_enabled = -1.0;
    t.digital.as_mut().unwrap().transactions.push(s);
    let issues = t.validate();
    find(
        &issues,
        "accounting.unknown-product",
        "/digital/transactions/3/product",
    );
    find(
        &issues,
        "accounting.digital.negative-part",
        "/digital/transactions/3/platformEnabled",
    );
}

#[test]
fn identity_failures_name_the_product_or_industry() {
    let mut t = example("demo-sut.json");
    t.use_table.household_consumption[1].value += 2.0;
    t.value_added[1].compensation_of_employees += 1.0;
    let report = check(&t, Tolerance::EXACT);
    let product = report
        .failures
        .iter()
        .find(|f| f.rule == "accounting.identity.product-balance")
        .unwrap();
    assert_eq!(product.path, "/products/1");
    assert_eq!(product.subject.as_deref(), Some("S"));
    assert_eq!(product.residual, -2.0);
    assert!(product.message.contains("\"S\""), "{}", product.message);
    let industry = report
        .failures
        .iter()
        .find(|f| f.rule == "accounting.identity.industry-balance")
        .unwrap();
    assert_eq!(industry.path, "/industries/1");
    assert!(industry.message.contains("\"I2\""), "{}", industry.message);
    // Relative tolerance large enough hides both.
    assert!(check(&t, Tolerance::new(0.0, 0.05).unwrap()).passed);
    // Margins that do not sum to zero.
    let mut t = example("demo-sut.json");
    t.supply.trade_and_transport_margins[1].value = -10.0;
    let report = check(&t, Tolerance::EXACT);
    let m = report
        .failures
        .iter()
        .find(|f| f.rule == "accounting.identity.margins-sum")
        .unwrap();
    assert_eq!(m.path, "/supply/tradeAndTransportMargins");
}

#[test]
fn ras_refuses_tables_it_cannot_balance() {
    // A product with supply left for intermediate use but no intermediate-use cell.
    let mut t = example("invalid/demo-sut-unbalanced.json");
    t.use_table
        .intermediate_consumption
        .retain(|c| c.product.as_str() != "S");
    t.value_added[0].compensation_of_employees -= 14.0;
    t.value_added[1].compensation_of_employees -= 27.0;
    let err = balance(&t, &RasOptions::default()).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::NotConvergeable(_)), "{msg}");
    assert!(msg.contains("product \"S\" (/products/1)"), "{msg}");

    // Totals of the targets that differ: value added too large by 10.
    let mut t = example("invalid/demo-sut-unbalanced.json");
    t.value_added[0].gross_operating_surplus_and_mixed_income += 10.0;
    let err = balance(&t, &RasOptions::default()).unwrap_err();
    assert!(err.to_string().contains("differ by"), "{err}");

    // Final uses larger than supply: a negative target.
    let mut t = example("invalid/demo-sut-unbalanced.json");
    t.use_table.exports[0].value += 500.0;
    let err = balance(&t, &RasOptions::default()).unwrap_err();
    assert!(err.to_string().contains("cannot be negative"), "{err}");
}

#[test]
fn serde_refuses_malformed_documents() {
    let text = std::fs::read_to_string(format!(
        "{}/../../examples/data/demo-sut.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let bad = |v: &serde_json::Value| {
        serde_json::from_value::<govframe_accounting::SupplyUseTable>(v.clone())
            .unwrap_err()
            .to_string()
    };
    v["currency"] = "euro".into();
    assert!(bad(&v).contains("currency"), "{}", bad(&v));
    v["currency"] = "EUR".into();
    v["tolerance"] = serde_json::json!({"absolute": -1});
    assert!(bad(&v).contains("tolerance"), "{}", bad(&v));
    v["tolerance"] = serde_json::json!({"absolute": 1});
    v["supply"]["output"][0]["valeu"] = 3.into();
    assert!(bad(&v).contains("valeu"), "{}", bad(&v));
}
