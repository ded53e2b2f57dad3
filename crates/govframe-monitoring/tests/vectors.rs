//! Every test vector of `methods.md` §1.5, to 1e-6. The expected numbers are the full-precision
//! outputs of `shared/reference/vectors/vectors.py` (the tables in methods.md print them
//! rounded to 4–6 decimals; both are checked).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]

use govframe_core::quantity::Direction;
use govframe_monitoring::method::{
    EscapParams, EscapWeighting, OpenSdgParams, UnsdParams, cagr, escap, limit_factor, open_sdg,
    open_sdg_status_from_score, time_weights, unsd_cagr,
};
use govframe_monitoring::{AppliedRule, ProgressStatus as S, SeriesSpec, ValueKind};

const TOL: f64 = 1e-6;

fn close(got: Option<f64>, want: f64, what: &str) {
    let got = got.unwrap_or_else(|| panic!("{what}: no value"));
    assert!((got - want).abs() <= TOL, "{what}: got {got}, want {want}");
}

fn spec(dir: Direction, target: Option<f64>, limit: Option<f64>) -> SeriesSpec {
    let mut s = SeriesSpec::new(dir);
    if let Some(t) = target {
        s = s.with_target(t, 2030);
    }
    s.limit = limit;
    s
}

#[allow(clippy::type_complexity)]
const OPEN_SDG: &[(
    &str,
    (i32, f64),
    (i32, f64),
    Direction,
    Option<f64>,
    Option<f64>,
    f64,
    S,
    f64,
)] = &[
    (
        "OS1",
        (2015, 50.0),
        (2022, 60.0),
        Direction::Increase,
        Some(80.0),
        None,
        0.8290416352835744,
        S::ModerateProgress,
        1.6360614966670433,
    ),
    (
        "OS2",
        (2015, 40.0),
        (2021, 30.0),
        Direction::Decrease,
        Some(20.0),
        None,
        1.0366999507731025,
        S::SubstantialProgress,
        3.1193440783771935,
    ),
    (
        "OS3",
        (2015, 40.0),
        (2021, 44.0),
        Direction::Decrease,
        Some(20.0),
        None,
        -0.35457122395630786,
        S::Deterioration,
        -3.977391918858748,
    ),
    (
        "OS4",
        (2015, 40.0),
        (2021, 19.0),
        Direction::Decrease,
        Some(20.0),
        None,
        2.583905053231513,
        S::TargetAchieved,
        5.0,
    ),
    (
        "OS5",
        (2015, 100.0),
        (2020, 110.0),
        Direction::Increase,
        None,
        None,
        0.019244876491456564,
        S::SubstantialProgress,
        4.622438245728283,
    ),
    (
        "OS6",
        (2015, 95.0),
        (2020, 97.0),
        Direction::Increase,
        None,
        Some(100.0),
        0.004175510634316426,
        S::SubstantialProgress,
        5.0,
    ),
    (
        "OS7",
        (2020, 100.0),
        (2021, 120.0),
        Direction::Decrease,
        None,
        None,
        -0.19999999999999996,
        S::Deterioration,
        -5.0,
    ),
];

#[test]
fn open_sdg_vectors() {
    let mut scores = Vec::new();
    for (id, base, cur, dir, target, limit, pv, status, score) in OPEN_SDG {
        let o = open_sdg(
            &[*base, *cur],
            &spec(*dir, *target, *limit),
            &OpenSdgParams::default(),
        );
        close(o.value, *pv, &format!("{id} progress value"));
        assert_eq!(o.status, *status, "{id}");
        close(o.score, *score, &format!("{id} score"));
        assert_eq!(o.base, Some(*base), "{id} base");
        assert_eq!(o.latest, Some(*cur), "{id} latest");
        scores.push(o.score.unwrap());
    }
    // Rounded values as printed in methods.md.
    let printed = [1.6361, 3.1193, -3.9774, 5.0, 4.6224, 5.0, -5.0];
    for (s, p) in scores.iter().zip(printed) {
        assert!((s - p).abs() < 5e-5, "{s} vs {p}");
    }
    // Mean of OS1–OS3 = 0.2593 → moderate progress.
    let mean = scores[..3].iter().sum::<f64>() / 3.0;
    assert!((mean - 0.2593378853951629).abs() <= TOL);
    assert_eq!(open_sdg_status_from_score(mean, false), S::ModerateProgress);
}

#[test]
fn open_sdg_os6_limit_factor_and_thresholds() {
    let c = limit_factor(95.0, 100.0, 4.44);
    assert!((c - 0.2036704944377239).abs() <= TOL);
    assert!((0.015 * c - 0.003055057416565858).abs() <= TOL);
    assert!((0.005 * c - 0.0010183524721886195).abs() <= TOL);
    let o = open_sdg(
        &[(2015, 95.0), (2020, 97.0)],
        &spec(Direction::Increase, None, Some(100.0)),
        &OpenSdgParams::default(),
    );
    assert!(o.rules.contains(AppliedRule::LimitScaling));
}

#[test]
fn open_sdg_os7_base_year_falls_back_to_the_next_year() {
    // sdg-build's own test asset indicator_1-1-1: 2020 → 100, 2021 → 120, defaults (direction
    // negative, base year 2015 absent).
    let o = open_sdg(
        &[(2020, 100.0), (2021, 120.0)],
        &SeriesSpec::new(Direction::Decrease),
        &OpenSdgParams::default(),
    );
    assert!(o.rules.contains(AppliedRule::BaseYearFallback));
    assert_eq!(o.base, Some((2020, 100.0)));
    assert_eq!(o.value_kind, Some(ValueKind::GrowthRate));
}

#[test]
fn unsd_with_target_vectors() {
    // v_b (2015), (t, v_t), target 2030 → CAGR, v^e_2030, R, score.
    let cases: [(f64, (i32, f64), f64, f64, f64, f64, f64); 4] = [
        (
            50.0,
            (2022, 60.0),
            80.0,
            0.02638809625703953,
            73.8999429305068,
            0.7966647643502266,
            2.0,
        ),
        (
            40.0,
            (2021, 30.0),
            20.0,
            -0.04681570700306348,
            19.48557158514986,
            1.025721420742507,
            3.0,
        ),
        (
            40.0,
            (2021, 44.0),
            20.0,
            0.016011867773387367,
            50.762348251435334,
            -0.5381174125717667,
            1.0,
        ),
        (
            50.0,
            (2020, 70.0),
            80.0,
            0.06961037572506878,
            137.19999999999987,
            2.9066666666666623,
            3.0,
        ),
    ];
    for (vb, cur, target, g, ve, r, score) in cases {
        let dir = if target > vb {
            Direction::Increase
        } else {
            Direction::Decrease
        };
        assert!((cagr(cur.1, vb, cur.0, 2015) - g).abs() <= TOL);
        let o = unsd_cagr(
            &[(2015, vb), cur],
            &spec(dir, Some(target), None),
            &UnsdParams::default(),
        );
        close(o.projected, ve, "v^e_2030");
        close(o.value, r, "R");
        close(o.score, score, "score");
        assert_eq!(o.value_kind, Some(ValueKind::ExpectedProgressRatio));
        let want = match score as i32 {
            3 => S::OnTrack,
            2 => S::FairProgress,
            _ => S::StagnationOrRegression,
        };
        assert_eq!(o.status, want);
    }
}

#[test]
fn unsd_without_target_vectors() {
    let cases = [
        (110.0, Direction::Increase, 0.019244876491456564, 2.0),
        (103.0, Direction::Increase, 0.005929269389993275, 2.0),
        (90.0, Direction::Decrease, -0.0208516376390232, 3.0),
    ];
    for (v, dir, g, score) in cases {
        let o = unsd_cagr(
            &[(2015, 100.0), (2020, v)],
            &SeriesSpec::new(dir),
            &UnsdParams::default(),
        );
        close(o.value, g, "CAGR");
        close(o.score, score, "score");
        assert_eq!(o.value_kind, Some(ValueKind::GrowthRate));
    }
}

#[test]
fn escap_current_status_vectors() {
    // CS(I_cv, I0, TV, direction) through the method's score (base 2015, latest 2022).
    let cases = [
        (60.0, 50.0, 80.0, Direction::Increase, 3.333333333333333),
        (30.0, 40.0, 20.0, Direction::Decrease, 5.0),
        (44.0, 40.0, 20.0, Direction::Decrease, -2.0),
        (85.0, 50.0, 80.0, Direction::Increase, 10.0),
    ];
    for (cur, base, tv, dir, cs) in cases {
        let o = escap(
            &[(2015, base), (2022, cur)],
            &spec(dir, Some(tv), None),
            &EscapParams::default(),
        );
        close(o.score, cs, "CS");
    }
}

#[test]
fn escap_time_weights_and_gap() {
    let w = time_weights(&[2015, 2018, 2021], 2030);
    for (g, want) in w.iter().zip([1.0, 1.25, 1.666_666_666_666_666_7]) {
        assert!((g - want).abs() <= TOL);
    }
    for weighting in [EscapWeighting::TimeWeighted, EscapWeighting::Equal] {
        let o = escap(
            &[(2015, 50.0), (2022, 60.0)],
            &spec(Direction::Increase, Some(80.0), None),
            &EscapParams {
                weighting: Some(weighting),
                trend_from_year: None,
            },
        );
        close(o.projected, 73.8999429305068, "Î_2030");
        close(o.value, 0.7966647643502266, "1 − G");
        close(o.value.map(|v| 1.0 - v), 0.20333523564977346, "G");
        assert_eq!(o.status, S::Accelerate);
    }
}

#[test]
fn escap_time_weighting_favours_recent_growth() {
    // Slow growth early, fast growth recently: time weights project higher than equal ones.
    let pts = [(2015, 10.0), (2018, 11.0), (2021, 20.0)];
    let run = |w| {
        escap(
            &pts,
            &spec(Direction::Increase, Some(90.0), None),
            &EscapParams {
                weighting: Some(w),
                trend_from_year: None,
            },
        )
        .projected
        .unwrap()
    };
    assert!(run(EscapWeighting::TimeWeighted) > run(EscapWeighting::Equal));
}
