//! The batch entry point `assess_panel_status` gives, for every series, exactly the status and
//! the score bits of the full method (`MethodSpec::assess`, i.e. `open_sdg` for `openSdg`),
//! on random panels that hit every edge rule: zero and negative bases, sign changes, no
//! target, natural limits (below, between 1 and 2 times, above twice the limit, equal to it),
//! binary indicators, targets already met or equal to the base, base-year fallback, no data
//! from the base year on, unsorted years, duplicate years, non-finite values, parity, huge
//! and tiny ratios, custom and unordered thresholds, broken offsets; and for any number of
//! threads.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::quantity::Direction;
use govframe_monitoring::ProgressStatus;
use govframe_monitoring::method::{
    MethodKind, MethodSpec, OpenSdgParams, Panel, SeriesSpec, assess_panel_status,
};
use proptest::prelude::*;

/// xorshift64*: the panels are drawn from a seed that proptest picks.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[usize::try_from(self.below(xs.len() as u64)).unwrap()]
    }
}

/// A value: mostly ordinary, sometimes an edge case.
fn value(rng: &mut Rng, dirty: bool) -> f64 {
    let edge = [
        0.0,
        -0.0,
        1.0,
        100.0,
        -3.5,
        1e300,
        -1e300,
        1e-300,
        5e-324,
        f64::MAX,
    ];
    let bad = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY];
    if dirty && rng.chance(0.03) {
        rng.pick(&bad)
    } else if rng.chance(0.08) {
        rng.pick(&edge)
    } else if rng.chance(0.1) {
        -rng.unit() * 50.0
    } else {
        0.5 + rng.unit() * 120.0
    }
}

/// How broken the panels are.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Sorted series, finite values.
    Clean,
    /// Finite values; now and then a series with unsorted or repeated years.
    Years,
    /// Unsorted and repeated years, non-finite values, broken offsets.
    Dirty,
}

/// A series: consecutive or gapped years; sometimes unsorted or repeated (see [`Mode`]).
fn series(rng: &mut Rng, mode: Mode) -> Vec<(i32, f64)> {
    let dirty = mode == Mode::Dirty;
    let n = if rng.chance(0.05) {
        0
    } else {
        1 + rng.below(20)
    };
    let mut year = 2000 + i32::try_from(rng.below(25)).unwrap();
    let mut pts = Vec::new();
    let mut v = value(rng, dirty);
    for _ in 0..n {
        pts.push((year, v));
        year += if rng.chance(0.15) {
            1 + i32::try_from(rng.below(4)).unwrap()
        } else {
            1
        };
        v = if rng.chance(0.85) && v.is_finite() {
            v * (0.85 + rng.unit() * 0.35)
        } else {
            value(rng, dirty)
        };
    }
    let disorder = match mode {
        Mode::Clean => 0.0,
        Mode::Years => 0.0005,
        Mode::Dirty => 0.1,
    };
    if pts.len() > 1 && rng.chance(disorder) {
        let i = usize::try_from(rng.below(pts.len() as u64 - 1)).unwrap();
        if rng.chance(0.5) {
            pts.swap(i, i + 1);
        } else {
            pts[i + 1].0 = pts[i].0;
        }
    }
    if rng.chance(0.01) {
        // The year that disables the fast path's order check.
        if let Some(p) = pts.first_mut() {
            p.0 = i32::MIN;
        }
    }
    pts
}

fn spec(rng: &mut Rng, pts: &[(i32, f64)]) -> SeriesSpec {
    let direction = if rng.chance(0.85) {
        rng.pick(&[Direction::Increase, Direction::Decrease])
    } else {
        rng.pick(&[Direction::Parity, Direction::Maintain])
    };
    let mut s = SeriesSpec::new(direction);
    s.base_year = rng.pick(&[2015, 2015, 2015, 2010, 2020, 2030]);
    let r = rng.unit();
    if r < 0.65 {
        let t = if rng.chance(0.1) {
            // Equal to a value of the series: the base, the latest or another.
            pts.get(usize::try_from(rng.below(pts.len().max(1) as u64)).unwrap())
                .map_or(0.0, |p| p.1)
        } else {
            value(rng, false) * rng.pick(&[1.0, 1.0, 2.0, 0.5, -1.0])
        };
        s.target = Some(if rng.chance(0.02) { f64::NAN } else { t });
        s.target_year = if rng.chance(0.1) {
            None
        } else {
            Some(rng.pick(&[2030, 2030, 2030, 2016, 2015, 2010, 2050]))
        };
    }
    if rng.chance(0.4) {
        s.limit = Some(rng.pick(&[100.0, 100.0, 50.0, 1.0, 0.0, -100.0, f64::NAN, 1e-300]));
    }
    s.binary = rng.chance(0.03);
    s
}

fn params(rng: &mut Rng) -> OpenSdgParams {
    if rng.chance(0.6) {
        return OpenSdgParams::default();
    }
    let mut p = OpenSdgParams::default();
    let mut some = |xs: &[f64]| {
        let x = rng.pick(xs);
        rng.chance(0.5).then_some(x)
    };
    p.high = some(&[0.9, 0.02, 0.3, -0.1]);
    p.med = some(&[0.5, 0.001, 0.95, 0.0]);
    p.low = some(&[0.0, -0.2, 0.1]);
    p.limit_exponent = some(&[4.44, 2.0, 0.5]);
    p
}

struct Data {
    years: Vec<i32>,
    values: Vec<f64>,
    offsets: Vec<usize>,
    specs: Vec<SeriesSpec>,
}

impl Data {
    fn panel(&self) -> Panel<'_> {
        Panel {
            years: &self.years,
            values: &self.values,
            offsets: &self.offsets,
            specs: &self.specs,
        }
    }
}

/// Splits `(year, value)` points into the two columns of a panel.
fn columns(points: &[(i32, f64)]) -> (Vec<i32>, Vec<f64>) {
    points.iter().copied().unzip()
}

fn panel(seed: u64, n: usize, mode: Mode) -> Data {
    let mut rng = Rng(seed | 1);
    let mut points = Vec::new();
    let mut offsets = vec![0];
    let mut specs = Vec::new();
    for _ in 0..n {
        let s = series(&mut rng, mode);
        specs.push(spec(&mut rng, &s));
        points.extend_from_slice(&s);
        offsets.push(points.len());
    }
    if mode == Mode::Dirty && n > 2 && rng.chance(0.2) {
        // Broken offsets: out of order, or past the end of the points.
        let i = 1 + usize::try_from(rng.below(n as u64 - 1)).unwrap();
        offsets[i] = if rng.chance(0.5) {
            points.len() + 7
        } else {
            offsets[i - 1].saturating_sub(3)
        };
    }
    let (years, mut values) = columns(&points);
    if mode == Mode::Dirty && rng.chance(0.1) {
        // Columns of different lengths: the series past the shorter one are empty.
        values.truncate(values.len().saturating_sub(1 + points.len() / 3));
    }
    Data {
        years,
        values,
        offsets,
        specs,
    }
}

type Bits = (ProgressStatus, Option<u64>);

/// Status and score bits of every series, series by series with the full method.
fn reference(method: &MethodSpec, p: &Panel<'_>) -> Vec<Bits> {
    let mut buf = Vec::new();
    (0..p.len())
        .map(|i| {
            let o = method.assess(p.points_into(i, &mut buf), &p.specs[i]);
            (o.status, o.score.map(f64::to_bits))
        })
        .collect()
}

fn batch(method: &MethodSpec, p: &Panel<'_>, threads: usize) -> Vec<Bits> {
    assess_panel_status(method, p, threads, |_, s, score| {
        (s, score.map(f64::to_bits))
    })
}

fn check(seed: u64, n: usize, mode: Mode, params_seed: u64) -> Result<(), TestCaseError> {
    let data = panel(seed, n, mode);
    let p = data.panel();
    let method = MethodSpec::OpenSdg {
        params: Some(params(&mut Rng(params_seed | 1))),
    };
    let want = reference(&method, &p);
    for threads in [1, 3] {
        let got = batch(&method, &p, threads);
        prop_assert_eq!(got.len(), want.len());
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            prop_assert_eq!(
                g,
                w,
                "series {} {:?} {:?} ({} threads)",
                i,
                p.series(i),
                p.specs[i],
                threads
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Panels of sorted series with finite values (the batch kernel's own path), across
    /// several blocks.
    #[test]
    fn clean_panels_match_the_full_method(seed in any::<u64>(), p in any::<u64>(), n in 1usize..3000) {
        check(seed, n, Mode::Clean, p)?;
    }

    /// Panels with finite values where a few series have unsorted or repeated years (the
    /// flat order check of a block).
    #[test]
    fn panels_with_a_few_unsorted_series_match_the_full_method(
        seed in any::<u64>(), p in any::<u64>(), n in 1000usize..5000,
    ) {
        check(seed, n, Mode::Years, p)?;
    }

    /// Panels with unsorted or repeated years, non-finite values and broken offsets (the
    /// fallback paths).
    #[test]
    fn dirty_panels_match_the_full_method(seed in any::<u64>(), p in any::<u64>(), n in 1usize..3000) {
        check(seed, n, Mode::Dirty, p)?;
    }
}

/// Series whose progress value lies just below or just above the values where the status
/// changes or a score is clipped at ±5 (`−0.6`, `0.6`, `0.95` and `1.3` with a target, `±0.02`
/// and `0.015` without), or where the required rate is 0 or nearly, with ratios from `10⁻⁴` to
/// `10⁴` and targets up to two billion years away: the kernel's branch-free selection must
/// give the full method's status and score bits.
fn near_saturation(rng: &mut Rng, n: usize) -> Data {
    let (mut points, mut offsets, mut specs) = (Vec::new(), vec![0], Vec::new());
    let log_uniform =
        |rng: &mut Rng, lo: f64, hi: f64| (lo.ln() + (hi / lo).ln() * rng.unit()).exp();
    for _ in 0..n {
        let up = rng.chance(0.5);
        let d = if up { 1.0 } else { -1.0 };
        let base = log_uniform(rng, 1e-3, 1e3);
        let years = i32::try_from(1 + rng.below(25)).unwrap();
        let target_year = 2016 + i32::try_from(rng.below(60)).unwrap();
        let with_target = rng.chance(0.75);
        // Ratio of target to base: 1 or within 10⁻⁶ of it (a required rate of 0 or nearly),
        // near 1 (where the bounds are tight) or anything from 10⁻⁴ to 10⁴.
        let kind = rng.below(10);
        let rt = match kind {
            0 => 1.0,
            1 => 1.0 + rng.pick(&[-1.0, 1.0]) * log_uniform(rng, 1e-16, 1e-6),
            2..=4 => 1.0 + rng.pick(&[-1.0, 1.0]) * log_uniform(rng, 1e-5, 3e-2),
            _ => log_uniform(rng, 1e-4, 1e4),
        };
        let required = rt.powf(1.0 / f64::from(target_year - 2015)) - 1.0;
        let edge = if with_target {
            rng.pick(&[-0.6, 1.3, 0.95, 0.6, -0.2, 0.1])
        } else {
            rng.pick(&[-0.02, 0.02, 0.015, -0.2])
        };
        let pv = edge * (1.0 + rng.pick(&[-1.0, 1.0]) * log_uniform(rng, 1e-13, 1e-1));
        let observed = if !with_target {
            d * pv
        } else if kind <= 1 {
            rng.pick(&[-1.0, 1.0]) * log_uniform(rng, 1e-6, 1e-1)
        } else {
            d * pv * required.abs()
        };
        let mut latest = base * (1.0 + observed).max(0.0).powf(f64::from(years));
        let mut target_year = target_year;
        let mut rt = rt;
        if with_target && rng.chance(0.05) {
            // A target a little ahead, millions of years away: the required rate rounds to
            // 0 (the full method then says deterioration, whatever the observed rate).
            target_year = 2015 + log_uniform(rng, 1e6, 2e9) as i32;
            rt = 1.0 + d * log_uniform(rng, 3e-6, 1e-4);
            latest = base * (1.0 + (rt - 1.0) * (0.3 + 0.69 * rng.unit()));
        }
        points.push((2015, base));
        if years > 1 && rng.chance(0.5) {
            points.push((2015 + years / 2, base));
        }
        points.push((2015 + years, latest));
        offsets.push(points.len());
        let mut spec = SeriesSpec::new(if up {
            Direction::Increase
        } else {
            Direction::Decrease
        });
        if with_target {
            spec = spec.with_target(base * rt, target_year);
        } else if rng.chance(0.3) {
            spec = spec.with_limit(rng.pick(&[base / 3.0, base * 0.75, base * 1.5]));
        }
        specs.push(spec);
    }
    let (years, values) = columns(&points);
    Data {
        years,
        values,
        offsets,
        specs,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Near the thresholds and the clipping points of the scores.
    #[test]
    fn near_saturation_matches_the_full_method(seed in any::<u64>(), p in any::<u64>()) {
        let mut rng = Rng(seed | 1);
        let data = near_saturation(&mut rng, 2000);
        let panel = data.panel();
        let method = MethodSpec::OpenSdg {
            params: Some(params(&mut Rng(p | 1))),
        };
        let want = reference(&method, &panel);
        let got = batch(&method, &panel, 1);
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            prop_assert_eq!(g, w, "series {} {:?} {:?}", i, panel.series(i), panel.specs[i]);
        }
        // Not vacuous: both clipped scores occur.
        prop_assert!(want.iter().any(|w| w.1 == Some(5f64.to_bits())));
        prop_assert!(want.iter().any(|w| w.1 == Some((-5f64).to_bits())));
    }
}

/// Every edge rule named in the module docs, one series each, in one panel.
#[test]
fn edge_cases_match_the_full_method() {
    use Direction::{Decrease, Increase, Maintain, Parity};
    let up = |t: f64| SeriesSpec::new(Increase).with_target(t, 2030);
    let down = |t: f64| SeriesSpec::new(Decrease).with_target(t, 2030);
    let cases: Vec<(Vec<(i32, f64)>, SeriesSpec)> = vec![
        (vec![(2015, 50.0), (2022, 60.0)], up(80.0)),
        (vec![(2015, 0.0), (2022, 60.0)], up(80.0)), // zero base
        (vec![(2015, -10.0), (2022, -5.0)], up(-1.0)), // negative base
        (vec![(2015, -10.0), (2022, 5.0)], up(80.0)), // sign change
        (vec![(2015, 10.0), (2022, 5.0)], up(-1.0)), // target of the other sign
        (vec![(2015, 10.0), (2022, 12.0)], up(0.0)), // zero target
        (vec![(2015, 10.0), (2022, 12.0)], SeriesSpec::new(Increase)), // no target
        (
            vec![(2015, 40.0), (2022, 45.0)],
            SeriesSpec::new(Increase).with_limit(100.0),
        ),
        (
            vec![(2015, 150.0), (2022, 155.0)],
            SeriesSpec::new(Increase).with_limit(100.0),
        ),
        (
            vec![(2015, 250.0), (2022, 255.0)],
            SeriesSpec::new(Increase).with_limit(100.0),
        ),
        (
            vec![(2015, 100.0), (2022, 101.0)],
            SeriesSpec::new(Increase).with_limit(100.0),
        ), // C = 0
        (
            vec![(2015, 100.0), (2022, 99.0)],
            SeriesSpec::new(Decrease).with_limit(100.0),
        ),
        (
            vec![(2015, 0.0), (2022, 1.0)],
            SeriesSpec {
                binary: true,
                ..up(1.0)
            },
        ),
        (
            vec![(2015, 0.0), (2022, 0.0)],
            SeriesSpec {
                binary: true,
                ..up(1.0)
            },
        ),
        (vec![(2015, 50.0), (2022, 90.0)], up(80.0)), // target already met
        (vec![(2015, 50.0), (2022, 20.0)], down(30.0)),
        (vec![(2015, 50.0), (2022, 60.0)], up(50.0)), // target equals base
        (vec![(2015, 50.0), (2022, 40.0)], up(50.0)),
        (vec![(2013, 50.0), (2017, 55.0), (2022, 60.0)], up(80.0)), // base-year fallback
        (vec![(2010, 50.0), (2014, 55.0)], up(80.0)),               // nothing from the base year on
        (vec![(2010, 50.0), (2014, 95.0)], up(80.0)),               // ... but met
        (vec![(2015, 50.0)], up(80.0)),                             // one point
        (vec![(2022, 50.0), (2015, 60.0)], up(80.0)),               // unsorted
        (vec![(2015, 50.0), (2015, 60.0)], up(80.0)),               // repeated year
        (vec![(2015, f64::NAN), (2016, 40.0), (2022, 60.0)], up(80.0)), // non-finite
        (vec![(2015, 50.0), (2022, f64::INFINITY)], up(80.0)),
        (vec![(2015, 0.8), (2022, 0.9)], SeriesSpec::new(Parity)), // parity
        (
            vec![(2015, 0.8), (2022, 0.9)],
            SeriesSpec::new(Parity).with_target(1.0, 2030),
        ),
        (
            vec![(2015, 50.0), (2022, 60.0)],
            SeriesSpec::new(Maintain).with_target(80.0, 2030),
        ),
        (vec![(2015, 1e-300), (2022, 1e300)], up(f64::MAX)), // overflowing ratios
        (vec![(2015, 1e-300), (2022, 1e300)], up(1.0)),      // ... with the target met
        (vec![(2015, 5e-324), (2022, 1.0)], up(0.5)),
        // Met, but the progress value overflows (observed 1e305 over a tiny required rate).
        (
            vec![(2015, 1.0), (2016, 1e305)],
            up(1.0 + f64::EPSILON * 4096.0),
        ),
        (
            vec![(2015, 1.0), (2016, 1e140)],
            up(1.0 + f64::EPSILON * 4096.0),
        ),
        (
            vec![(2015, 50.0), (2022, 60.0)],
            up(80.0).with_base_year(2030),
        ),
        (
            vec![(2015, 50.0), (2022, 60.0)],
            SeriesSpec {
                target_year: Some(2015),
                ..up(80.0)
            },
        ),
        (
            vec![(2015, 50.0), (2022, 60.0)],
            SeriesSpec {
                target_year: None,
                ..up(80.0)
            },
        ),
        (vec![], up(80.0)), // empty
    ];
    let mut points = Vec::new();
    let mut offsets = vec![0];
    let mut specs = Vec::new();
    for (pts, s) in &cases {
        points.extend_from_slice(pts);
        offsets.push(points.len());
        specs.push(*s);
    }
    let (years, values) = columns(&points);
    let all = Data {
        years,
        values,
        offsets,
        specs,
    };
    let p = all.panel();
    for method in [
        MethodSpec::default_for(MethodKind::OpenSdg),
        MethodSpec::default_for(MethodKind::UnsdCagr),
        MethodSpec::default_for(MethodKind::Escap),
    ] {
        let want = reference(&method, &p);
        // The panel as a whole is not clean (unsorted and non-finite series): assess the
        // clean series again on their own so that the kernel's own path sees them too.
        assert_eq!(batch(&method, &p, 1), want, "{method:?}");
        assert_eq!(batch(&method, &p, 4), want, "{method:?}");
        for (i, (pts, s)) in cases.iter().enumerate() {
            let (years, values) = columns(pts);
            let one = Panel {
                years: &years,
                values: &values,
                offsets: &[0, pts.len()],
                specs: std::slice::from_ref(s),
            };
            assert_eq!(
                batch(&method, &one, 1),
                vec![want[i]],
                "{method:?} case {i}"
            );
        }
    }
    // A block where the years go up at the start of every series and down once inside one
    // (the flat count of places where years go down must not be fooled).
    let specs = [up(80.0), up(80.0)];
    let p = Panel {
        years: &[2015, 2016, 2022, 2018],
        values: &[50.0, 55.0, 60.0, 40.0],
        offsets: &[0, 2, 4],
        specs: &specs,
    };
    let method = MethodSpec::default_for(MethodKind::OpenSdg);
    let want = reference(&method, &p);
    assert_eq!(want[1].0, ProgressStatus::NotAssessed);
    assert_eq!(batch(&method, &p, 1), want);
    // The cases give more than one status: the comparison is not vacuous.
    let p = all.panel();
    let statuses: std::collections::BTreeSet<_> =
        reference(&MethodSpec::default_for(MethodKind::OpenSdg), &p)
            .into_iter()
            .map(|b| b.0)
            .collect();
    assert!(statuses.len() >= 5, "{statuses:?}");
}
