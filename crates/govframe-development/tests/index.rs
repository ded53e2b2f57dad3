//! Index computation: bad input gives clear errors with paths; properties (min-max range,
//! dominance, re-weighting, same seed → same bytes); missing-data rules; uncertainty.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::{LocalizedText, Validate};
use govframe_development::*;
use proptest::prelude::*;

fn t(s: &str) -> LocalizedText {
    LocalizedText::en(s)
}

/// index → pillars p1 (indicators a, b), p2 (indicators c, d); min-max 0..100 (or 1..100).
fn demo(lower: f64) -> CompositeIndex {
    let mut def = CompositeIndex::new("demo".parse().unwrap(), t("Demo"));
    def.nodes
        .push(IndexNode::new("idx".parse().unwrap(), t("Index"), None));
    def.nodes.push(IndexNode::new(
        "p1".parse().unwrap(),
        t("P1"),
        Some("idx".parse().unwrap()),
    ));
    def.nodes.push(IndexNode::new(
        "p2".parse().unwrap(),
        t("P2"),
        Some("idx".parse().unwrap()),
    ));
    for (id, p) in [("a", "p1"), ("b", "p1"), ("c", "p2"), ("d", "p2")] {
        def.indicators.push(IndexIndicator::new(
            id.parse().unwrap(),
            t(id),
            p.parse().unwrap(),
            format!("s-{id}"),
            Normalisation::MinMax {
                lower,
                upper: 100.0,
            },
        ));
    }
    def
}

fn data(rows: &[[Option<f64>; 4]]) -> IndexData {
    let names: Vec<String> = (0..rows.len()).map(|i| format!("U{i:03}")).collect();
    let units: Vec<&str> = names.iter().map(String::as_str).collect();
    IndexData::from_rows(
        &units,
        &["s-a", "s-b", "s-c", "s-d"],
        &rows.iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
    )
    .unwrap()
}

fn full(rows: &[[f64; 4]]) -> IndexData {
    data(&rows.iter().map(|r| r.map(Some)).collect::<Vec<_>>())
}

fn sample() -> IndexData {
    full(&[
        [1.0, 5.0, 3.0, 10.0],
        [2.0, 4.0, 6.0, 20.0],
        [3.0, 3.0, 9.0, 15.0],
        [4.0, 9.0, 1.0, 5.0],
        [5.0, 1.0, 2.0, 12.0],
    ])
}

fn error_of(def: &CompositeIndex, d: &IndexData) -> String {
    compute_index(def, d, &IndexOptions::default())
        .unwrap_err()
        .to_string()
}

// ---------------------------------------------------------------- bad input

#[test]
fn weights_that_sum_to_zero() {
    let mut def = demo(0.0);
    def.indicators[2].weight = 0.0;
    def.indicators[3].weight = 0.0;
    let issues = def.validate();
    let i = issues
        .iter()
        .find(|i| i.rule == "development.weight.zero-sum")
        .unwrap();
    assert_eq!(i.path, "/nodes/2");
    assert!(i.message.contains("\"p2\""), "{}", i.message);
    let e = error_of(&def, &sample());
    assert!(e.contains("/nodes/2") && e.contains("sum to zero"), "{e}");
}

#[test]
fn negative_weight() {
    let mut def = demo(0.0);
    def.indicators[0].weight = -1.0;
    let e = error_of(&def, &sample());
    assert!(e.contains("/indicators/0/weight"), "{e}");
}

#[test]
fn goalposts_that_are_equal() {
    let mut def = demo(0.0);
    def.indicators[1].normalisation = Normalisation::Goalposts {
        lower: 5.0.into(),
        upper: 5.0.into(),
        scale: 100.0,
        truncate: true,
    };
    let issues = def.validate();
    let i = issues
        .iter()
        .find(|i| i.rule == "development.normalisation.goalposts-equal")
        .unwrap();
    assert_eq!(i.path, "/indicators/1/normalisation/upper");
    let e = error_of(&def, &sample());
    assert!(
        e.contains("/indicators/1/normalisation/upper") && e.contains("equal"),
        "{e}"
    );
}

#[test]
fn a_cycle_in_the_tree() {
    let mut def = demo(0.0);
    // p1 → p2 → p1, and the index loses both.
    def.nodes[1].parent = Some("p2".parse().unwrap());
    def.nodes[2].parent = Some("p1".parse().unwrap());
    let issues = def.validate();
    let i = issues
        .iter()
        .find(|i| i.rule == "development.tree.cycle")
        .unwrap();
    assert_eq!(i.path, "/nodes/1/parent");
    assert!(
        i.message.contains("p1") && i.message.contains("p2"),
        "{}",
        i.message
    );
    let e = error_of(&def, &sample());
    assert!(e.contains("cycle"), "{e}");
    // A node that is its own parent.
    let mut def = demo(0.0);
    def.nodes[1].parent = Some("p1".parse().unwrap());
    assert!(
        def.validate()
            .iter()
            .any(|i| i.rule == "development.tree.cycle" && i.path == "/nodes/1/parent")
    );
}

#[test]
fn tree_shape_errors() {
    let mut def = demo(0.0);
    def.indicators[0].parent = "nowhere".parse().unwrap();
    def.indicators[1].parent = "c".parse().unwrap();
    def.nodes[2].parent = None;
    let issues = def.validate();
    let rules: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.rule.as_str(), i.path.as_str()))
        .collect();
    assert!(
        rules.contains(&("development.node.unknown-parent", "/indicators/0/parent")),
        "{rules:?}"
    );
    assert!(
        rules.contains(&(
            "development.node.parent-is-indicator",
            "/indicators/1/parent"
        )),
        "{rules:?}"
    );
    assert!(
        rules.contains(&("development.tree.multiple-roots", "/nodes/2")),
        "{rules:?}"
    );
}

#[test]
fn an_indicator_with_no_data_for_any_unit() {
    let def = demo(0.0);
    let d = data(&[
        [Some(1.0), Some(2.0), None, Some(4.0)],
        [Some(2.0), Some(3.0), None, Some(1.0)],
    ]);
    let e = error_of(&def, &d);
    assert!(
        e.contains("/indicators/2") && e.contains("\"c\"") && e.contains("no data"),
        "{e}"
    );
    // On request, it is left out with a note.
    let opts = IndexOptions {
        drop_empty_indicators: true,
        ..Default::default()
    };
    let r = compute_index(&def, &d, &opts).unwrap();
    assert_eq!(r.summary.empty_indicators, vec!["c".parse().unwrap()]);
    assert_eq!(r.units[0].coverage, 1.0);
}

#[test]
fn geometric_mean_of_a_zero_names_unit_and_indicator() {
    let mut def = demo(0.0);
    def.nodes[1].aggregation = AggregationMethod::Geometric;
    let e = error_of(&def, &sample());
    // Min-max onto [0, 100] gives the worst unit 0 on indicator a (unit U000).
    assert!(
        e.contains("\"U000\"") && e.contains("\"a\"") && e.contains("geometric"),
        "{e}"
    );
    // Onto [1, 100] it works.
    let mut def = demo(1.0);
    def.nodes[1].aggregation = AggregationMethod::Geometric;
    assert!(compute_index(&def, &sample(), &IndexOptions::default()).is_ok());
}

#[test]
fn log_of_a_non_positive_value() {
    let mut def = demo(0.0);
    def.indicators[3].transformation = Transformation::Log {
        base: 10.0,
        offset: 0.0,
    };
    let d = full(&[[1.0, 1.0, 1.0, 0.0], [2.0, 2.0, 2.0, 3.0]]);
    let e = error_of(&def, &d);
    assert!(
        e.contains("/indicators/3/transformation") && e.contains("\"U000\""),
        "{e}"
    );
}

#[test]
fn unset_and_unknown_parameters() {
    let mut def = demo(0.0);
    def.parameters.push(Parameter {
        id: "gp-up".parse().unwrap(),
        name: None,
        value: None,
        status: ParameterStatus::Unknown,
        unit: None,
        note: None,
        sources: vec![],
    });
    def.indicators[0].normalisation = Normalisation::Goalposts {
        lower: 0.0.into(),
        upper: ParamNumber::Parameter(ParameterRef {
            parameter: "gp-up".parse().unwrap(),
        }),
        scale: 100.0,
        truncate: true,
    };
    assert!(
        def.validate()
            .iter()
            .any(|i| i.rule == "development.parameter.unset")
    );
    let e = error_of(&def, &sample());
    assert!(
        e.contains("gp-up") && e.contains("/indicators/0/normalisation/upper"),
        "{e}"
    );
    def.set_parameter("gp-up", 10.0).unwrap();
    assert!(compute_index(&def, &sample(), &IndexOptions::default()).is_ok());
    assert!(def.set_parameter("nope", 1.0).is_err());
}

#[test]
fn a_constant_indicator_cannot_be_min_maxed() {
    let def = demo(0.0);
    let d = full(&[[1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 4.0, 5.0]]);
    let e = error_of(&def, &d);
    assert!(
        e.contains("/indicators/0/normalisation") && e.contains("equal"),
        "{e}"
    );
}

// ---------------------------------------------------------------- missing data

#[test]
fn weights_renormalise_when_an_indicator_is_missing() {
    let mut def = demo(0.0);
    def.indicators[0].weight = 3.0;
    def.indicators[1].weight = 1.0;
    let d = data(&[
        [Some(0.0), Some(0.0), Some(0.0), Some(0.0)],
        [None, Some(10.0), Some(10.0), Some(10.0)],
        [Some(10.0), Some(5.0), Some(5.0), Some(5.0)],
    ]);
    let r = compute_index(&def, &d, &IndexOptions::default()).unwrap();
    let u1 = r.units.iter().find(|u| u.unit.as_str() == "U001").unwrap();
    let p1 = u1.scores.iter().find(|s| s.node.as_str() == "p1").unwrap();
    // Only b is present: its weight re-scales to 1, so p1 = b's score (100).
    assert_eq!(p1.score, 100.0);
    assert_eq!(u1.coverage, 0.75);
}

#[test]
fn minimum_coverage_and_group_mean_imputation() {
    let mut def = demo(0.0);
    def.missing_data = MissingDataRule::MinimumCoverage { share: 1.0 };
    let d = data(&[
        [Some(0.0), Some(0.0), Some(0.0), Some(0.0)],
        [None, Some(10.0), Some(10.0), Some(10.0)],
        [Some(10.0), Some(5.0), Some(5.0), Some(5.0)],
    ]);
    let r = compute_index(&def, &d, &IndexOptions::default()).unwrap();
    let u1 = r.units.iter().find(|u| u.unit.as_str() == "U001").unwrap();
    assert!(u1.scores.iter().all(|s| s.node.as_str() != "p1"));
    // The index needs both pillars: U001 has no score and no rank.
    assert_eq!((u1.score, u1.rank), (None, None));
    assert_eq!(r.summary.scored, 2);

    let mut def = demo(0.0);
    def.missing_data = MissingDataRule::ImputeGroupMean {
        overall_fallback: true,
    };
    let mut d = d.clone();
    let groups = [("U000", "g1"), ("U001", "g1"), ("U002", "g2")]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
    d.set_groups(&groups);
    let r = compute_index(&def, &d, &IndexOptions::default()).unwrap();
    let u1 = r.units.iter().find(|u| u.unit.as_str() == "U001").unwrap();
    let a = u1.scores.iter().find(|s| s.node.as_str() == "a").unwrap();
    // U001 takes the mean of g1 for a: U000's 0.
    assert_eq!((a.value, a.imputed, u1.imputed), (Some(0.0), true, 1));
}

// ---------------------------------------------------------------- properties

fn rows(n: usize) -> impl Strategy<Value = Vec<[f64; 4]>> {
    proptest::collection::vec(proptest::array::uniform4(-1e3f64..1e3), n..n + 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn min_max_stays_in_its_range(v in proptest::collection::vec(proptest::option::weighted(0.8, -1e6f64..1e6), 2..40),
                                  lo in -50f64..50.0, width in 1f64..200.0) {
        let m = Normalisation::MinMax { lower: lo, upper: lo + width };
        if let Ok(out) = normalise(&v, &m, Polarity::Positive, &[]) {
            for (x, y) in v.iter().zip(&out) {
                prop_assert_eq!(x.is_some(), y.is_some());
                if let Some(y) = y {
                    prop_assert!(*y >= lo - 1e-9 && *y <= lo + width + 1e-9, "{} outside [{}, {}]", y, lo, lo + width);
                }
            }
        }
    }

    #[test]
    fn a_unit_better_on_every_indicator_never_ranks_lower(r in rows(8), pick in 0usize..8, other in 0usize..8,
                                                         geo in any::<bool>(), w in proptest::array::uniform4(0.1f64..5.0)) {
        prop_assume!(pick != other);
        let mut r = r;
        // Make `pick` at least as good as `other` everywhere, better somewhere.
        let worse = r[other];
        for (x, y) in r[pick].iter_mut().zip(worse) {
            *x = x.max(y);
        }
        r[pick][0] = r[pick][0].max(r[other][0] + 1.0);
        let mut def = demo(1.0);
        for (i, w) in w.iter().enumerate() {
            def.indicators[i].weight = *w;
        }
        if geo {
            def.nodes[0].aggregation = AggregationMethod::Geometric;
            def.nodes[1].aggregation = AggregationMethod::Harmonic;
        }
        if let Ok(res) = compute_index(&def, &full(&r), &IndexOptions::default()) {
            let rank = |u: usize| res.units.iter().find(|x| x.unit.as_str() == format!("U{u:03}")).and_then(|x| x.rank).unwrap();
            prop_assert!(rank(pick) <= rank(other), "{} ranks {} but {} ranks {}", pick, rank(pick), other, rank(other));
        }
    }

    #[test]
    fn weights_renormalise_over_present_children(r in rows(6), miss in 0usize..6, w in proptest::array::uniform4(0.1f64..5.0)) {
        let mut def = demo(0.0);
        for (i, w) in w.iter().enumerate() {
            def.indicators[i].weight = *w;
        }
        let mut d: Vec<[Option<f64>; 4]> = r.iter().map(|x| x.map(Some)).collect();
        d[miss][0] = None;
        if let Ok(res) = compute_index(&def, &data(&d), &IndexOptions::default()) {
            let u = res.units.iter().find(|x| x.unit.as_str() == format!("U{miss:03}")).unwrap();
            let b = u.scores.iter().find(|s| s.node.as_str() == "b").unwrap().score;
            let p1 = u.scores.iter().find(|s| s.node.as_str() == "p1").unwrap().score;
            prop_assert!((p1 - b).abs() < 1e-9);
        }
    }
}

// ---------------------------------------------------------------- uncertainty

fn with_factors(mut def: CompositeIndex) -> CompositeIndex {
    def.uncertainty = vec![
        UncertaintyFactor::Weights {
            id: "w".parse().unwrap(),
            name: None,
            nodes: vec![],
            lower: 0.5,
            upper: 1.5,
        },
        UncertaintyFactor::Normalisation {
            id: "n".parse().unwrap(),
            name: None,
            include_defined: true,
            alternatives: vec![
                Normalisation::ZScore {
                    mean: 10.0,
                    sd: 2.0,
                },
                Normalisation::Rank,
            ],
        },
        UncertaintyFactor::Aggregation {
            id: "g".parse().unwrap(),
            name: None,
            nodes: vec![],
            include_defined: true,
            alternatives: vec![AggregationMethod::Geometric],
        },
        UncertaintyFactor::DropIndicator {
            id: "x".parse().unwrap(),
            name: None,
            indicators: vec![],
            include_none: true,
        },
    ];
    def
}

fn bigger() -> IndexData {
    let rows: Vec<[f64; 4]> = (0..30)
        .map(|i| {
            let f = i as f64;
            [
                f,
                (f * 7.0) % 13.0 + 1.0,
                (f * 3.0) % 11.0 + 2.0,
                40.0 - f + (f * 5.0) % 7.0,
            ]
        })
        .collect();
    full(&rows)
}

#[test]
fn the_same_seed_gives_the_same_bytes_on_one_or_two_threads() {
    let def = with_factors(demo(1.0));
    assert!(def.validate().is_empty(), "{:?}", def.validate());
    let model = CompiledIndex::new(&def, &bigger(), &IndexOptions::default()).unwrap();
    for sensitivity in [false, true] {
        let run = |threads| {
            let o = UncertaintyOptions {
                samples: 300,
                seed: 99,
                sensitivity,
                interval: 0.9,
                threads: Some(threads),
            };
            serde_json::to_vec(&model.uncertainty(&o).unwrap()).unwrap()
        };
        let (a, b, c) = (run(1), run(2), run(2));
        assert_eq!(a, b);
        assert_eq!(b, c);
    }
    // Another seed gives other numbers.
    let o = |seed| UncertaintyOptions {
        samples: 300,
        seed,
        threads: Some(1),
        ..Default::default()
    };
    assert_ne!(
        serde_json::to_vec(&model.uncertainty(&o(1)).unwrap()).unwrap(),
        serde_json::to_vec(&model.uncertainty(&o(2)).unwrap()).unwrap()
    );
}

#[test]
fn rank_distributions_and_sensitivity_indices() {
    let def = with_factors(demo(1.0));
    let model = CompiledIndex::new(&def, &bigger(), &IndexOptions::default()).unwrap();
    let o = UncertaintyOptions {
        samples: 500,
        seed: 3,
        sensitivity: true,
        ..Default::default()
    };
    let r = model.uncertainty(&o).unwrap();
    assert!(r.validate().is_empty(), "{:?}", r.validate());
    let u = r.uncertainty.as_ref().unwrap();
    assert_eq!(u.runs, 500 * 6);
    assert_eq!(u.factors.len(), 4);
    for f in &u.factors {
        let (s, st) = (f.first_order.unwrap(), f.total_order.unwrap());
        assert!(
            (-0.2..=1.2).contains(&s) && (0.0..=1.5).contains(&st),
            "{f:?}"
        );
    }
    for unit in &r.units {
        let q = unit.uncertainty.as_ref().unwrap();
        assert_eq!(q.runs, 1000);
        assert_eq!(q.distribution.iter().map(|c| c.runs).sum::<u32>(), 1000);
        assert!(q.low <= q.median && q.median <= q.high);
    }
    // A factor set with nothing to vary is refused.
    let plain = CompiledIndex::new(&demo(1.0), &bigger(), &IndexOptions::default()).unwrap();
    assert!(plain.uncertainty(&o).is_err());
}

#[test]
fn geometric_alternative_with_zeros_fails_clearly() {
    let def = with_factors(demo(0.0));
    let model = CompiledIndex::new(&def, &bigger(), &IndexOptions::default()).unwrap();
    let e = model
        .uncertainty(&UncertaintyOptions {
            samples: 200,
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
    assert!(e.contains("geometric") && e.contains("unit"), "{e}");
}

#[test]
fn result_round_trips_through_json() {
    let def = demo(0.0);
    let r = compute_index(
        &def,
        &sample(),
        &IndexOptions {
            year: Some(2022),
            ..Default::default()
        },
    )
    .unwrap();
    let text = serde_json::to_string(&r).unwrap();
    let back: IndexResult = serde_json::from_str(&text).unwrap();
    assert_eq!(back, r);
    let dtext = serde_json::to_string(&def).unwrap();
    let dback: CompositeIndex = serde_json::from_str(&dtext).unwrap();
    assert_eq!(dback, def);
    // Unknown fields are refused.
    assert!(
        serde_json::from_str::<CompositeIndex>(&dtext.replacen('{', "{\"bogus\": 1,", 1)).is_err()
    );
}
