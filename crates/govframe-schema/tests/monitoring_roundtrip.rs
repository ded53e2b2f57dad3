//! Serde and schema agree for the monitoring kinds: generated monitoring frameworks and
//! progress reports (computed by the methods on generated series) serialize to JSON that the
//! exported schema accepts, and read back equal (typed and through the `Document` union).
//! Hand-written bad values are rejected by both.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::quantity::Direction;
use govframe_core::{Id, LocalizedText, Ref, Unit};
use govframe_monitoring::*;
use govframe_schema::Document;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn id() -> impl Strategy<Value = Id> {
    "[A-Za-z0-9][A-Za-z0-9._:-]{0,12}".prop_map(|s| Id::new(s).unwrap())
}

fn target_ref() -> impl Strategy<Value = Ref> {
    ("[a-z][a-z0-9-]{0,8}", "[a-z0-9][a-z0-9.-]{0,8}")
        .prop_map(|(d, l)| Ref::new(format!("{d}#{l}")).unwrap())
}

fn text() -> impl Strategy<Value = LocalizedText> {
    ("\\PC{1,20}", option::of("\\PC{1,20}")).prop_map(|(en, fr)| {
        let t = LocalizedText::en(en);
        match fr {
            Some(f) => t.with("fr", f).unwrap(),
            None => t,
        }
    })
}

fn direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(vec![
        Direction::Increase,
        Direction::Decrease,
        Direction::Parity,
        Direction::Maintain,
    ])
}

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![
        prop::sample::select(Unit::KNOWN.to_vec()).prop_map(Unit::from),
        "[a-z][A-Za-z]{0,8}".prop_map(|s| Unit::from(s.as_str())),
    ]
}

fn method() -> impl Strategy<Value = MethodSpec> {
    prop_oneof![
        option::of(
            (option::of(0.5f64..1.0), option::of(0.0f64..0.4)).prop_map(|(a, b)| {
                UnsdParams {
                    on_track: a,
                    fair: b,
                    ..UnsdParams::default()
                }
            })
        )
        .prop_map(|params| MethodSpec::UnsdCagr { params }),
        option::of(
            (option::of(0.9f64..2.0), option::of(0.0f64..0.5)).prop_map(|(h, l)| {
                OpenSdgParams {
                    high: h,
                    low: l,
                    ..OpenSdgParams::default()
                }
            })
        )
        .prop_map(|params| MethodSpec::OpenSdg { params }),
        option::of(
            (
                option::of(prop::sample::select(vec![
                    EscapWeighting::TimeWeighted,
                    EscapWeighting::Equal
                ])),
                option::of(1990i32..2020)
            )
                .prop_map(|(weighting, trend_from_year)| EscapParams {
                    weighting,
                    trend_from_year
                })
        )
        .prop_map(|params| MethodSpec::Escap { params }),
    ]
}

fn indicator() -> impl Strategy<Value = MonitoringIndicator> {
    (
        id(),
        text(),
        unit(),
        direction(),
        any::<bool>(),
        option::of(0.0f64..100.0),
        vec(target_ref(), 0..3),
        option::of(0.0f64..100.0),
        option::of(2016i32..2040),
        vec((id(), option::of(id())), 0..3),
        option::of(method()),
    )
        .prop_map(
            |(id, name, unit, direction, binary, limit, targets, tv, ty, series, method)| {
                let mut i = MonitoringIndicator::new(id, name, unit, direction);
                i.binary = binary;
                i.natural_limit = limit;
                i.targets = targets;
                i.target_value = tv;
                i.target_year = ty;
                i.series = series
                    .into_iter()
                    .map(|(code, group)| {
                        let mut s = SeriesBinding::new(code);
                        s.group = group;
                        s
                    })
                    .collect();
                i.method = method;
                i
            },
        )
}

fn framework() -> impl Strategy<Value = MonitoringFramework> {
    (
        id(),
        text(),
        option::of(id()),
        option::of(2000i32..2016),
        option::of(method()),
        vec(indicator(), 0..4),
    )
        .prop_map(|(id, title, plan, base, method, indicators)| {
            let mut f = MonitoringFramework::new(id, title);
            f.plan = plan;
            f.base_year = base;
            f.method = method;
            f.indicators = indicators;
            f
        })
}

/// A report computed from generated data (so every field the methods fill is exercised).
fn report() -> impl Strategy<Value = ProgressReport> {
    (
        framework(),
        vec(
            (
                0usize..3,
                0usize..3,
                2005i32..2025,
                prop_oneof![-5.0f64..100.0, Just(0.0)],
            ),
            0..40,
        ),
    )
        .prop_map(|(f, rows)| {
            let mut obs = Observations::new();
            let codes: Vec<Id> = f
                .indicators
                .iter()
                .flat_map(|i| i.series.iter().map(|s| s.code.clone()))
                .collect();
            for (s, a, y, v) in rows {
                if let Some(code) = codes.get(s) {
                    obs.push(code.as_str(), ["AAA", "BBB", "WLD"][a], y, v)
                        .unwrap();
                }
            }
            obs.finish();
            let opts = AssessOptions {
                methods: MethodKind::ALL.to_vec(),
                ..AssessOptions::default()
            };
            assess(&f, &[], &obs, None, &opts)
        })
}

mod common;
use common::check;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn monitoring_framework_roundtrips(f in framework()) { check(&f)?; }

    #[test]
    fn progress_report_roundtrips(r in report()) { check(&r)?; }
}

/// Both serde and the schema reject each of these.
#[test]
fn bad_values_are_rejected_by_serde_and_schema() {
    let fw = |indicator: &str| {
        format!(
            r#"{{"kind": "monitoringFramework", "specVersion": "1.0", "id": "f", "title": {{"en": "F"}},
  "indicators": [{indicator}]}}"#
        )
    };
    let cases = [
        fw(r#"{"id": "i", "name": {"en": "I"}, "unit": "percent", "direction": "up"}"#),
        fw(
            r#"{"id": "i", "name": {"en": "I"}, "unit": "percent", "direction": "increase", "extra": 1}"#,
        ),
        fw(
            r#"{"id": "i", "name": {"en": "I"}, "unit": "percent", "direction": "increase",
               "method": {"type": "cagr"}}"#,
        ),
        fw(
            r#"{"id": "i", "name": {"en": "I"}, "unit": "percent", "direction": "increase",
               "method": {"type": "openSdg", "params": {"hi": 1}}}"#,
        ),
        fw(
            r#"{"id": "i", "name": {"en": "I"}, "unit": "percent", "direction": "increase",
               "series": [{"code": "bad code"}]}"#,
        ),
        fw(
            r#"{"id": "i", "name": {"en": "I"}, "unit": "percent", "direction": "increase",
               "targetYear": 0}"#,
        ),
        r#"{"kind": "progressReport", "specVersion": "1.0", "id": "r", "title": {"en": "R"},
            "assessments": [{"indicator": "i", "series": "s", "area": "KEN", "areaType": "country",
              "method": "openSdg", "inputs": {"points": 2}, "status": "somewhatOk"}]}"#
            .to_owned(),
        r#"{"kind": "progressReport", "specVersion": "1.0", "id": "r", "title": {"en": "R"},
            "assessments": [{"indicator": "i", "series": "s", "area": "KEN", "areaType": "country",
              "method": "openSdg", "inputs": {"points": -1}, "status": "deterioration"}]}"#
            .to_owned(),
    ];
    for text in &cases {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let kind = value["kind"].as_str().unwrap();
        let schema = govframe_schema::validate::schema_issues(kind, &value).unwrap();
        assert!(!schema.is_empty(), "the schema accepts {text}");
        assert!(
            govframe_schema::validate::read_str(text).is_err(),
            "serde accepts {text}"
        );
    }
}

#[test]
fn method_union_has_titled_variants() {
    let schemas = govframe_schema::generate(None).unwrap();
    let doc = schemas.for_kind("document").unwrap();
    let got: Vec<&str> = doc["$defs"]["MethodSpec"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["title"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["UnsdCagrMethod", "OpenSdgMethod", "EscapMethod"]);
}

#[test]
fn the_demo_framework_is_valid() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/demo-monitoring.json"
    ));
    let outcome = govframe_schema::validate::validate_file(path);
    assert!(outcome.report.valid, "{:#?}", outcome.report.issues);
    assert!(matches!(
        outcome.document,
        Some(Document::MonitoringFramework(_))
    ));
}
