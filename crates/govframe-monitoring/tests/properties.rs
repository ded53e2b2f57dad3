//! Properties of the methods and of the assessment: monotonicity (moving toward the target
//! never scores below moving away), independence from row order, no NaN or infinity in any
//! result; and the documented edge rules.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]

use govframe_core::quantity::Direction;
use govframe_core::{Id, LocalizedText, Unit, Validate};
use govframe_monitoring::{
    AppliedRule, AssessOptions, MethodKind, MethodSpec, MonitoringFramework, MonitoringIndicator,
    NotAssessedReason as R, Observations, Outcome, ProgressStatus as S, SeriesBinding, SeriesSpec,
    assess,
};
use proptest::prelude::*;

fn all(points: &[(i32, f64)], spec: &SeriesSpec) -> Vec<Outcome> {
    MethodKind::ALL
        .iter()
        .map(|m| MethodSpec::default_for(*m).assess(points, spec))
        .collect()
}

fn finite(o: &Outcome) -> bool {
    [
        o.score,
        o.value,
        o.projected,
        o.target,
        o.base.map(|b| b.1),
        o.latest.map(|b| b.1),
    ]
    .iter()
    .all(|x| x.is_none_or(f64::is_finite))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Two series from the same base, one moving toward the target, the other moving away by
    /// the same steps: the first never gets a lower status or score, with every method.
    #[test]
    fn toward_never_scores_below_away(
        base in 1.0f64..100.0,
        steps in prop::collection::vec(0.0f64..1.0, 1..12),
        size in 0.0f64..0.8,
        gap in 0.05f64..3.0,
        up in any::<bool>(),
        with_target in any::<bool>(),
        start in 2010i32..2018,
        base_year in 2010i32..2020,
    ) {
        let d = if up { 1.0 } else { -1.0 };
        let dir = if up { Direction::Increase } else { Direction::Decrease };
        let total: f64 = steps.iter().sum::<f64>().max(1e-9);
        let mut toward = vec![(start, base)];
        let mut away = vec![(start, base)];
        let mut acc = 0.0;
        for (i, s) in steps.iter().enumerate() {
            acc += s / total * size * base;
            let y = start + 1 + i32::try_from(i).unwrap();
            toward.push((y, base + d * acc));
            away.push((y, base - d * acc));
        }
        let target = if up { base * (1.0 + gap) } else { base / (1.0 + gap) };
        let mut spec = SeriesSpec::new(dir).with_base_year(base_year);
        if with_target {
            spec = spec.with_target(target, 2030);
        }
        for (t, a) in all(&toward, &spec).iter().zip(all(&away, &spec)) {
            prop_assert!(t.status.rank() >= a.status.rank(),
                "{:?}: toward {:?} ({:?}) below away {:?} ({:?})", t.method, t.status, t.reason, a.status, a.reason);
            if let (Some(x), Some(y)) = (t.score, a.score) {
                prop_assert!(x >= y - 1e-9, "{:?}: score toward {} < away {}", t.method, x, y);
            }
        }
    }

    /// Whatever the numbers — zeros, negatives, huge, tiny, unsorted — no result holds a NaN
    /// or an infinity, and a result that was not assessed says why.
    #[test]
    fn never_nan_or_infinite(
        pts in prop::collection::vec((1990i32..2040, prop_oneof![
            -1e6f64..1e6, -1.0f64..1.0, Just(0.0), Just(f64::NAN), Just(f64::INFINITY),
            Just(1e300), Just(-1e300), Just(1e-300)]), 0..15),
        target in prop::option::of(prop_oneof![-1e3f64..1e3, Just(0.0), Just(1e300)]),
        target_year in 1990i32..2060,
        base_year in 1990i32..2040,
        limit in prop::option::of(prop_oneof![-200.0f64..200.0, Just(0.0)]),
        dir in prop::sample::select(vec![Direction::Increase, Direction::Decrease, Direction::Parity, Direction::Maintain]),
        binary in any::<bool>(),
        sort in any::<bool>(),
    ) {
        let mut pts = pts;
        if sort {
            pts.sort_by_key(|p| p.0);
            pts.dedup_by_key(|p| p.0);
        }
        let spec = SeriesSpec {
            direction: dir,
            target,
            target_year: Some(target_year),
            base_year,
            limit,
            binary,
            percent: true,
        };
        for o in all(&pts, &spec) {
            prop_assert!(finite(&o), "{o:?}");
            prop_assert_eq!(o.status.is_assessed(), o.reason.is_none(), "{:?}", o);
            if let Some(s) = o.score {
                let (lo, hi) = o.method.score_range();
                prop_assert!((lo..=hi).contains(&s), "{o:?}");
            }
            prop_assert!(o.method.statuses().contains(&o.status));
        }
    }

    /// The report does not depend on the order of the data rows.
    #[test]
    fn row_order_does_not_matter(
        rows in prop::collection::vec((0usize..4, 2010i32..2024, 0.5f64..100.0), 1..60),
        seed in any::<u64>(),
    ) {
        let areas = ["AAA", "BBB", "CCC", "DDD"];
        let load = |rows: &[(usize, i32, f64)]| {
            let mut obs = Observations::new();
            for (a, y, v) in rows {
                obs.push("s1", areas[*a], *y, *v).unwrap();
            }
            obs.finish();
            obs
        };
        let mut shuffled = rows.clone();
        // Fisher–Yates with a small LCG.
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let j = usize::try_from(x >> 33).unwrap() % (i + 1);
            shuffled.swap(i, j);
        }
        let fw = framework(Some(90.0));
        let opts = AssessOptions { methods: MethodKind::ALL.to_vec(), ..AssessOptions::default() };
        let a = assess(&fw, &[], &load(&rows), None, &opts);
        let b = assess(&fw, &[], &load(&shuffled), None, &opts);
        prop_assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
        prop_assert!(a.validate().is_empty(), "{:?}", a.validate());
    }
}

fn framework(target: Option<f64>) -> MonitoringFramework {
    let mut f = MonitoringFramework::new("f".parse().unwrap(), LocalizedText::en("F"));
    let mut i = MonitoringIndicator::new(
        "ind".parse().unwrap(),
        LocalizedText::en("Indicator"),
        Unit::Percent,
        Direction::Increase,
    );
    i.target_value = target;
    i.target_year = Some(2030);
    i.series.push(SeriesBinding::new("s1".parse().unwrap()));
    f.indicators.push(i);
    f
}

fn run(method: MethodKind, pts: &[(i32, f64)], spec: &SeriesSpec) -> Outcome {
    MethodSpec::default_for(method).assess(pts, spec)
}

#[test]
fn zero_base_is_replaced_in_open_sdg_and_not_assessed_in_unsd() {
    let spec = SeriesSpec::new(Direction::Increase);
    let o = run(MethodKind::OpenSdg, &[(2015, 0.0), (2020, 5.0)], &spec);
    assert!(o.rules.contains(AppliedRule::ZeroBaseReplaced));
    assert_eq!(o.status, S::SubstantialProgress);
    let u = run(MethodKind::UnsdCagr, &[(2015, 0.0), (2020, 5.0)], &spec);
    assert_eq!(
        (u.status, u.reason),
        (S::NotAssessed, Some(R::NonPositiveValue))
    );
}

#[test]
fn zero_target_is_replaced_in_open_sdg() {
    let spec = SeriesSpec::new(Direction::Decrease).with_target(0.0, 2030);
    let o = run(MethodKind::OpenSdg, &[(2015, 10.0), (2020, 5.0)], &spec);
    assert!(o.rules.contains(AppliedRule::ZeroTargetReplaced));
    assert!(o.status.is_assessed());
}

#[test]
fn sign_change_is_not_assessed() {
    let spec = SeriesSpec::new(Direction::Increase);
    let o = run(MethodKind::OpenSdg, &[(2015, -2.0), (2020, 3.0)], &spec);
    assert_eq!((o.status, o.reason), (S::NotAssessed, Some(R::SignChange)));
    // Both negative: the sign flips the progress value (values moving up toward 0 improve).
    let n = run(MethodKind::OpenSdg, &[(2015, -4.0), (2020, -2.0)], &spec);
    assert!(n.rules.contains(AppliedRule::NegativeBase));
    assert!(n.value.unwrap() > 0.0);
    assert_eq!(n.status, S::SubstantialProgress);
}

#[test]
fn near_boundary_counts_as_met_in_unsd_only() {
    let mut spec = SeriesSpec::new(Direction::Increase).with_target(100.0, 2030);
    spec.percent = true;
    let u = run(MethodKind::UnsdCagr, &[(2015, 90.0), (2022, 99.2)], &spec);
    assert_eq!(u.status, S::TargetMet);
    assert!(u.rules.contains(AppliedRule::NearBoundary));
    let o = run(MethodKind::OpenSdg, &[(2015, 90.0), (2022, 99.2)], &spec);
    assert_ne!(o.status, S::TargetAchieved);
    // A decrease to 0: within 1 point of 0.
    let mut down = SeriesSpec::new(Direction::Decrease).with_target(0.0, 2030);
    down.percent = true;
    let d = run(MethodKind::UnsdCagr, &[(2015, 30.0), (2022, 0.8)], &down);
    assert_eq!(d.status, S::TargetMet);
}

#[test]
fn base_year_fallback() {
    let spec = SeriesSpec::new(Direction::Increase).with_target(80.0, 2030);
    // No 2015: UNSD takes 2016 (a later point remains), Open SDG too.
    let pts = [(2012, 30.0), (2016, 40.0), (2020, 50.0)];
    let u = run(MethodKind::UnsdCagr, &pts, &spec);
    assert_eq!(u.base, Some((2016, 40.0)));
    assert!(u.rules.contains(AppliedRule::BaseYearFallback));
    assert_eq!(
        run(MethodKind::OpenSdg, &pts, &spec).base,
        Some((2016, 40.0))
    );
    // Only one point after 2015: UNSD goes back to 2012, Open SDG cannot (no later base).
    let pts = [(2010, 20.0), (2012, 30.0), (2018, 50.0)];
    assert_eq!(
        run(MethodKind::UnsdCagr, &pts, &spec).base,
        Some((2012, 30.0))
    );
    assert_eq!(
        run(MethodKind::OpenSdg, &pts, &spec).base,
        Some((2018, 50.0))
    );
    assert_eq!(
        run(MethodKind::OpenSdg, &pts, &spec).reason,
        Some(R::InsufficientData)
    );
    // Nothing from 2015 on: Open SDG has no base.
    let o = run(MethodKind::OpenSdg, &[(2010, 20.0), (2012, 30.0)], &spec);
    assert_eq!(o.reason, Some(R::NoBaseValue));
}

#[test]
fn target_year_in_the_past_uses_data_up_to_it() {
    let spec = SeriesSpec::new(Direction::Increase).with_target(60.0, 2020);
    let pts = [(2015, 40.0), (2020, 50.0), (2023, 70.0)];
    let u = run(MethodKind::UnsdCagr, &pts, &spec);
    assert!(u.rules.contains(AppliedRule::TargetYearInPast));
    assert_eq!(u.latest, Some((2020, 50.0)));
    // v^e_2020 = 50, R = (50 − 40)/(60 − 40) = 0.5.
    assert_eq!((u.status, u.value), (S::FairProgress, Some(0.5)));
    let e = run(MethodKind::Escap, &pts, &spec);
    assert_eq!(e.latest, Some((2020, 50.0)));
    assert_eq!(e.projected, Some(50.0));
    assert_eq!(e.status, S::Accelerate);
}

#[test]
fn binary_indicators() {
    let mut spec = SeriesSpec::new(Direction::Increase).with_target(1.0, 2030);
    spec.binary = true;
    let yes = [(2015, 0.0), (2020, 1.0)];
    let no = [(2015, 0.0), (2020, 0.0)];
    assert_eq!(run(MethodKind::UnsdCagr, &yes, &spec).status, S::TargetMet);
    assert_eq!(
        run(MethodKind::UnsdCagr, &no, &spec).status,
        S::StagnationOrRegression
    );
    assert_eq!(run(MethodKind::OpenSdg, &yes, &spec).score, Some(5.0));
    let n = run(MethodKind::OpenSdg, &no, &spec);
    assert_eq!((n.status, n.score), (S::TargetNotAchieved, None));
    assert_eq!(run(MethodKind::Escap, &yes, &spec).status, S::Maintain);
    assert_eq!(run(MethodKind::Escap, &no, &spec).status, S::Reverse);
}

#[test]
fn escap_needs_a_target_and_two_points() {
    let o = run(
        MethodKind::Escap,
        &[(2015, 1.0), (2020, 2.0)],
        &SeriesSpec::new(Direction::Increase),
    );
    assert_eq!((o.status, o.reason), (S::NotAssessed, Some(R::NoTarget)));
    let spec = SeriesSpec::new(Direction::Increase).with_target(5.0, 2030);
    let o = run(MethodKind::Escap, &[(2015, 1.0)], &spec);
    assert_eq!(
        (o.status, o.reason),
        (S::InsufficientData, Some(R::InsufficientData))
    );
}

#[test]
fn unsorted_series_are_not_assessed() {
    let spec = SeriesSpec::new(Direction::Increase).with_target(5.0, 2030);
    for m in MethodKind::ALL {
        let o = run(m, &[(2020, 1.0), (2015, 2.0)], &spec);
        assert_eq!(o.reason, Some(R::InvalidSeries), "{m}");
    }
}

#[test]
fn parity_uses_the_goldilocks_transform() {
    let spec = SeriesSpec::new(Direction::Parity);
    // 0.8 → 1.25 and 0.95 → 1.0526: moving toward parity.
    let o = run(MethodKind::OpenSdg, &[(2015, 0.8), (2020, 0.95)], &spec);
    assert!(o.rules.contains(AppliedRule::ParityTransform));
    assert!(o.value.unwrap() > 0.0);
    let e = run(MethodKind::Escap, &[(2015, 0.8), (2020, 0.95)], &spec);
    assert_eq!(e.status, S::Maintain); // the trend reaches parity before 2030
    let slow = run(MethodKind::Escap, &[(2015, 0.5), (2020, 0.52)], &spec);
    assert_eq!(slow.status, S::Accelerate);
    let bad = run(MethodKind::UnsdCagr, &[(2015, 0.0), (2020, 0.95)], &spec);
    assert_eq!(bad.reason, Some(R::NonPositiveValue));
}

#[test]
fn target_equal_to_base() {
    let spec = SeriesSpec::new(Direction::Increase).with_target(50.0, 2030);
    let pts = [(2015, 50.0), (2020, 45.0)];
    let o = run(MethodKind::OpenSdg, &pts, &spec);
    assert_eq!((o.status, o.score), (S::Deterioration, Some(-5.0)));
    let u = run(MethodKind::UnsdCagr, &pts, &spec);
    assert_eq!((u.status, u.score), (S::StagnationOrRegression, Some(1.0)));
    let e = run(MethodKind::Escap, &pts, &spec);
    assert_eq!((e.status, e.score), (S::Reverse, Some(-10.0)));
}

#[test]
fn conflicting_duplicates_are_not_assessed_in_any_order() {
    for order in [[1.0, 2.0], [2.0, 1.0]] {
        let mut obs = Observations::new();
        obs.push("s1", "AAA", 2015, 10.0).unwrap();
        obs.push("s1", "AAA", 2020, order[0]).unwrap();
        obs.push("s1", "AAA", 2020, order[1]).unwrap();
        obs.finish();
        let r = assess(
            &framework(Some(90.0)),
            &[],
            &obs,
            None,
            &AssessOptions::default(),
        );
        assert_eq!(r.assessments[0].reason, Some(R::ConflictingValues));
    }
}

#[test]
fn assessment_report_is_valid_and_counts_add_up() {
    let mut obs = Observations::new();
    for (a, v) in [("AAA", 30.0), ("BBB", 60.0), ("CCC", 95.0)] {
        obs.push("s1", a, 2015, v - 10.0).unwrap();
        obs.push("s1", a, 2022, v).unwrap();
    }
    obs.finish();
    let opts = AssessOptions {
        methods: MethodKind::ALL.to_vec(),
        ..AssessOptions::default()
    };
    let r = assess(&framework(Some(90.0)), &[], &obs, None, &opts);
    assert_eq!(r.assessments.len(), 9);
    assert!(r.validate().is_empty(), "{:?}", r.validate());
    let total: u32 = r.summary.iter().map(|c| c.count).sum();
    assert_eq!(total, 9);
    assert_eq!(r.count(MethodKind::OpenSdg, S::TargetAchieved), 1);
    let id: Id = "ind".parse().unwrap();
    assert!(
        r.indicators
            .iter()
            .all(|i| i.subject.as_str() == id.as_str())
    );
}

#[test]
fn population_weighted_group_means() {
    use govframe_monitoring::{Weighting, aggregate};
    let mut obs = Observations::new();
    for (a, v, pop) in [("AAA", 10.0, 1.0), ("BBB", 40.0, 3.0)] {
        obs.push("x", a, 2015, v).unwrap();
        obs.push("pop", a, 2015, pop).unwrap();
    }
    // CCC has a value but no population: left out of the weighted mean.
    obs.push("x", "CCC", 2015, 99.0).unwrap();
    obs.finish();
    let members: Vec<Id> = ["AAA", "BBB", "CCC"].map(|a| a.parse().unwrap()).to_vec();
    let simple = aggregate(&obs, "x", &members, Weighting::Simple, None, 0.5);
    assert_eq!(simple, vec![(2015, (10.0 + 40.0 + 99.0) / 3.0)]);
    let weighted = aggregate(
        &obs,
        "x",
        &members,
        Weighting::Population,
        Some((&obs, "pop")),
        0.5,
    );
    assert_eq!(weighted, vec![(2015, (10.0 + 3.0 * 40.0) / 4.0)]);
    // Coverage: only AAA has data in 2016 → a third of the members, below 0.5.
    let mut obs2 = obs.clone();
    obs2.push("x", "AAA", 2016, 12.0).unwrap();
    obs2.finish();
    let s = aggregate(&obs2, "x", &members, Weighting::Simple, None, 0.5);
    assert_eq!(s.len(), 1);
}
