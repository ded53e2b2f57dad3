//! Serde and schema agree for the development kinds: generated `compositeIndex` and
//! `indexResult` documents serialize to JSON that the exported schema accepts, and read back
//! equal (typed and through the `Document` union). Hand-written bad documents are rejected by
//! both; the example definition and the bundled IDI definitions are valid.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::{Id, LocalizedText, Ref, Source};
use govframe_development::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn id() -> impl Strategy<Value = Id> {
    "[A-Za-z0-9][A-Za-z0-9._:-]{0,12}".prop_map(|s| Id::new(s).unwrap())
}

fn rf() -> impl Strategy<Value = Ref> {
    "[a-z0-9][a-z0-9.-]{0,8}".prop_map(|s| Ref::new(s).unwrap())
}

fn text() -> impl Strategy<Value = LocalizedText> {
    "\\PC{1,16}".prop_map(LocalizedText::en)
}

fn num() -> impl Strategy<Value = f64> {
    prop_oneof![-1e6f64..1e6, Just(0.0), Just(100.0)]
}

fn pn() -> impl Strategy<Value = ParamNumber> {
    prop_oneof![
        num().prop_map(ParamNumber::Value),
        id().prop_map(|parameter| ParamNumber::Parameter(ParameterRef { parameter })),
    ]
}

fn normalisation() -> impl Strategy<Value = Normalisation> {
    prop_oneof![
        Just(Normalisation::None),
        (num(), num()).prop_map(|(lower, upper)| Normalisation::MinMax { lower, upper }),
        (num(), num()).prop_map(|(mean, sd)| Normalisation::ZScore { mean, sd }),
        Just(Normalisation::DistanceToMax),
        (id(), any::<bool>())
            .prop_map(|(unit, cap)| Normalisation::DistanceToReference { unit, cap }),
        (pn(), any::<bool>())
            .prop_map(|(target, cap)| Normalisation::DistanceToTarget { target, cap }),
        Just(Normalisation::FractionOfMax),
        Just(Normalisation::Rank),
        Just(Normalisation::PercentileRank),
        Just(Normalisation::Borda),
        (pn(), pn(), num(), any::<bool>()).prop_map(|(lower, upper, scale, truncate)| {
            Normalisation::Goalposts {
                lower,
                upper,
                scale,
                truncate,
            }
        }),
        (pn(), pn()).prop_map(|(lower, upper)| Normalisation::Scaled { lower, upper }),
    ]
}

fn transformation() -> impl Strategy<Value = Transformation> {
    prop_oneof![
        Just(Transformation::None),
        (num(), num()).prop_map(|(base, offset)| Transformation::Log { base, offset }),
        (option::of(pn()), option::of(pn()))
            .prop_map(|(lower, upper)| Transformation::Capped { lower, upper }),
    ]
}

fn method() -> impl Strategy<Value = AggregationMethod> {
    prop::sample::select(vec![
        AggregationMethod::Arithmetic,
        AggregationMethod::Geometric,
        AggregationMethod::Harmonic,
    ])
}

fn sources() -> impl Strategy<Value = Vec<Source>> {
    vec(
        "\\PC{1,20}".prop_map(|t| Source::new(t, "https://example.org/doc").unwrap()),
        0..2,
    )
}

fn node() -> impl Strategy<Value = IndexNode> {
    (
        id(),
        text(),
        option::of(rf()),
        num(),
        method(),
        option::of(0f64..=1.0),
        sources(),
    )
        .prop_map(
            |(id, name, parent, weight, aggregation, min_coverage, sources)| IndexNode {
                id,
                code: None,
                name,
                description: None,
                parent,
                weight,
                aggregation,
                min_coverage,
                sources,
            },
        )
}

fn indicator() -> impl Strategy<Value = IndexIndicator> {
    (
        id(),
        text(),
        rf(),
        "[A-Za-z0-9._]{1,12}",
        any::<bool>(),
        transformation(),
        normalisation(),
        num(),
        sources(),
    )
        .prop_map(
            |(id, name, parent, series, neg, transformation, normalisation, weight, sources)| {
                IndexIndicator {
                    id,
                    code: Some("1".into()),
                    name,
                    description: None,
                    parent,
                    series,
                    unit: None,
                    polarity: if neg {
                        Polarity::Negative
                    } else {
                        Polarity::Positive
                    },
                    transformation,
                    normalisation,
                    weight,
                    sources,
                }
            },
        )
}

fn factor() -> impl Strategy<Value = UncertaintyFactor> {
    prop_oneof![
        (id(), vec(rf(), 0..3), num(), num()).prop_map(|(id, nodes, lower, upper)| {
            UncertaintyFactor::Weights {
                id,
                name: None,
                nodes,
                lower,
                upper,
            }
        }),
        (id(), any::<bool>(), vec(normalisation(), 0..3)).prop_map(
            |(id, include_defined, alternatives)| {
                UncertaintyFactor::Normalisation {
                    id,
                    name: None,
                    include_defined,
                    alternatives,
                }
            }
        ),
        (id(), vec(rf(), 0..3), any::<bool>(), vec(method(), 0..3)).prop_map(
            |(id, nodes, include_defined, alternatives)| UncertaintyFactor::Aggregation {
                id,
                name: Some(LocalizedText::en("f")),
                nodes,
                include_defined,
                alternatives,
            }
        ),
        (id(), vec(rf(), 0..3), any::<bool>()).prop_map(|(id, indicators, include_none)| {
            UncertaintyFactor::DropIndicator {
                id,
                name: None,
                indicators,
                include_none,
            }
        }),
    ]
}

fn missing() -> impl Strategy<Value = MissingDataRule> {
    prop_oneof![
        Just(MissingDataRule::DropAndReweight),
        (0f64..=1.0).prop_map(|share| MissingDataRule::MinimumCoverage { share }),
        any::<bool>()
            .prop_map(|overall_fallback| MissingDataRule::ImputeGroupMean { overall_fallback }),
    ]
}

fn parameter() -> impl Strategy<Value = Parameter> {
    (id(), option::of(num()), 0usize..3).prop_map(|(id, value, st)| Parameter {
        id,
        name: Some(LocalizedText::en("p")),
        value,
        status: [
            ParameterStatus::Published,
            ParameterStatus::Assumption,
            ParameterStatus::Unknown,
        ][st],
        unit: None,
        note: None,
        sources: vec![],
    })
}

fn definition() -> impl Strategy<Value = CompositeIndex> {
    (
        id(),
        text(),
        vec(node(), 1..4),
        vec(indicator(), 0..4),
        missing(),
        vec(parameter(), 0..2),
        vec(factor(), 0..3),
    )
        .prop_map(
            |(id, title, nodes, indicators, missing_data, parameters, uncertainty)| {
                let mut d = CompositeIndex::new(id, title);
                d.nodes = nodes;
                d.indicators = indicators;
                d.missing_data = missing_data;
                d.parameters = parameters;
                d.uncertainty = uncertainty;
                d.edition = Some("2023".into());
                d
            },
        )
}

fn unit_result() -> impl Strategy<Value = UnitResult> {
    (
        id(),
        option::of(num()),
        option::of(1u32..500),
        0f64..=1.0,
        vec(
            (id(), num(), 1u32..500, option::of(num()), any::<bool>()),
            0..3,
        ),
        any::<bool>(),
    )
        .prop_map(|(unit, score, rank, coverage, scores, unc)| UnitResult {
            unit,
            name: Some("Name".into()),
            group: None,
            score,
            rank,
            coverage,
            observed: 3,
            imputed: 0,
            scores: scores
                .into_iter()
                .map(|(node, score, rank, value, imputed)| NodeScore {
                    node,
                    score,
                    rank,
                    value,
                    imputed,
                })
                .collect(),
            uncertainty: unc.then(|| RankUncertainty {
                median: 2.0,
                low: 1.0,
                high: 3.5,
                mean: 2.1,
                runs: 10,
                distribution: vec![
                    RankCount { rank: 1, runs: 4 },
                    RankCount { rank: 3, runs: 6 },
                ],
            }),
        })
}

fn result() -> impl Strategy<Value = IndexResult> {
    (
        id(),
        id(),
        option::of(1990i32..2030),
        vec(unit_result(), 0..4),
        any::<bool>(),
        any::<u64>(),
    )
        .prop_map(|(rid, def, year, units, unc, seed)| IndexResult {
            kind: IndexResultKind::Value,
            spec_version: govframe_core::SpecVersion::V1_0,
            id: rid,
            title: LocalizedText::en("r"),
            schema: None,
            definition: def.clone(),
            year,
            ties: RankTies::Min,
            nodes: vec![ResultNode {
                id: def,
                name: LocalizedText::en("n"),
                role: NodeRole::Index,
                parent: None,
                depth: 0,
                weight: 1.0,
                aggregation: Some(AggregationMethod::Geometric),
                series: None,
                normalisation: None,
            }],
            summary: IndexSummary {
                units: units.len() as u32,
                scored: 0,
                indicators: 2,
                mean_coverage: 0.5,
                empty_indicators: vec![],
            },
            units,
            uncertainty: unc.then(|| UncertaintyResult {
                design: Design::Saltelli,
                seed,
                sample_size: 10,
                runs: 60,
                interval: 0.9,
                output: "meanAbsoluteRankShift".into(),
                variance: Some(1.5),
                factors: vec![FactorResult {
                    factor: "w".parse().unwrap(),
                    factor_type: "weights".into(),
                    alternatives: None,
                    first_order: Some(0.1),
                    total_order: Some(0.3),
                }],
            }),
            notes: vec!["n".into()],
            extensions: None,
        })
}

mod common;
use common::check;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn composite_index_round_trips(d in definition()) {
        check(&d)?;
    }

    #[test]
    fn index_result_round_trips(r in result()) {
        check(&r)?;
    }
}

#[test]
fn bad_documents_are_rejected_by_serde_and_schema() {
    let good = serde_json::json!({
        "kind": "compositeIndex", "specVersion": "1.0", "id": "x", "title": {"en": "X"},
        "nodes": [{"id": "i", "name": {"en": "I"}}],
        "indicators": [{"id": "a", "name": {"en": "A"}, "parent": "i", "series": "s",
                        "normalisation": {"type": "minMax"}}]
    });
    assert!(
        govframe_schema::validate::schema_issues("compositeIndex", &good)
            .unwrap()
            .is_empty()
    );
    assert!(serde_json::from_value::<CompositeIndex>(good.clone()).is_ok());
    let mut bad = Vec::new();
    let mut b = good.clone();
    b["indicators"][0]["normalisation"]["bogus"] = 1.into();
    bad.push(b);
    let mut b = good.clone();
    b["indicators"][0]["normalisation"] = serde_json::json!({"type": "unknownMethod"});
    bad.push(b);
    let mut b = good.clone();
    b["indicators"][0]["series"] = "".into();
    bad.push(b);
    let mut b = good.clone();
    b["nodes"][0]["aggregation"] = "median".into();
    bad.push(b);
    let mut b = good.clone();
    b["indicators"][0]["normalisation"] =
        serde_json::json!({"type": "goalposts", "lower": {"parameter": "p", "x": 1}, "upper": 1});
    bad.push(b);
    for b in bad {
        assert!(
            serde_json::from_value::<CompositeIndex>(b.clone()).is_err(),
            "serde accepts {b}"
        );
        assert!(
            !govframe_schema::validate::schema_issues("compositeIndex", &b)
                .unwrap()
                .is_empty(),
            "schema accepts {b}"
        );
    }
}

#[test]
fn shipped_definitions_are_valid() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    for f in [
        "examples/data/demo-index.json",
        "examples/data/demo-index-result.json",
        "crates/govframe-itu/data/idi-2023.json",
        "crates/govframe-itu/data/idi-2010.json",
    ] {
        let path = format!("{root}/{f}");
        let outcome = govframe_schema::validate::validate_file(std::path::Path::new(&path));
        let errors: Vec<_> = outcome.report.errors().collect();
        assert!(errors.is_empty(), "{f}: {errors:#?}");
    }
}
