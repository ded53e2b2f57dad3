//! The batch kernel of `openSdg`: status and score only, without building an
//! [`Outcome`](super::Outcome).
//!
//! [`run_open_sdg`] gives, for every series, exactly the status and the score bits that
//! [`open_sdg`] gives: the same floating-point operations in the same order, only without
//! the bookkeeping of an `Outcome` and with the data-dependent branches of the status and
//! score replaced by selects (`tests/batch_kernel.rs` checks the equality on random panels
//! with every edge case). It handles the common case — direction `increase`, `decrease` or
//! `maintain`, not binary, a non-empty series sorted by year with every value finite,
//! thresholds in order — and hands anything else to the full method.
//!
//! The series are taken in blocks of [`BLOCK`]: one flat pass over the points of a block
//! checks that every value is finite and that years only go down where a new series starts
//! (no per-series loop, so no mispredicted loop exit per series); the series of a block that
//! passes are then assessed from their first, base and latest points only. A block that
//! does not pass is assessed series by series with the checks of the full method.

use govframe_core::Direction;

use super::{
    DEFAULT_TARGET_YEAR, OpenSdgParams, Panel, ProgressStatus, SeriesSpec, cagr, limit_factor,
    open_sdg,
};

/// Series per block of the flat validity pass (the points of a block, about 280 kB at 17
/// points a series, stay in the core's L2 cache for the second pass).
const BLOCK: usize = 1024;

/// The `openSdg` parameters with their defaults filled in once per panel.
#[derive(Debug, Clone, Copy)]
pub(super) struct Resolved {
    params: OpenSdgParams,
    /// `(high, med, low)` with a target (method 2).
    with_target: (f64, f64, f64),
    /// `(high, med, low)` without a target (method 1).
    without_target: (f64, f64, f64),
    /// Exponent of the natural-limit factor.
    exponent: f64,
}

impl Resolved {
    pub(super) fn new(p: &OpenSdgParams) -> Self {
        Self {
            params: *p,
            with_target: (
                p.high.unwrap_or(0.95),
                p.med.unwrap_or(0.6),
                p.low.unwrap_or(0.0),
            ),
            without_target: (
                p.high.unwrap_or(0.015),
                p.med.unwrap_or(0.005),
                p.low.unwrap_or(0.0),
            ),
            exponent: p.limit_exponent.unwrap_or(4.44),
        }
    }
}

/// Status and score of one series.
type Brief = (ProgressStatus, Option<f64>);

const ACHIEVED: Brief = (ProgressStatus::TargetAchieved, Some(5.0));
const NOT_ASSESSED: Brief = (ProgressStatus::NotAssessed, None);
/// By the number of thresholds reached (`low`, `med`, `high`).
const BY_THRESHOLDS: [ProgressStatus; 4] = [
    ProgressStatus::Deterioration,
    ProgressStatus::LimitedProgress,
    ProgressStatus::ModerateProgress,
    ProgressStatus::SubstantialProgress,
];

/// Ratios within `[2^-500, 2^500]` keep every intermediate of the growth rates finite.
const SAFE_LOW: f64 = 3.054936363499605e-151;
const SAFE_HIGH: f64 = 3.273390607896142e150;

/// Assesses the series `start..start + out.len()` of `panel` with `openSdg` into `out`.
pub(super) fn run_open_sdg<T, F>(
    panel: &Panel<'_>,
    start: usize,
    out: &mut [T],
    p: &Resolved,
    keep: &F,
) where
    F: Fn(usize, ProgressStatus, Option<f64>) -> T,
{
    for (b, block) in out.chunks_mut(BLOCK).enumerate() {
        let s0 = start + b * BLOCK;
        let offsets = panel.offsets.get(s0..=s0 + block.len());
        let specs = panel.specs.get(s0..s0 + block.len());
        match (offsets, specs) {
            (Some(offsets), Some(specs)) if block_is_clean(panel.points, offsets) => {
                for (k, (slot, spec)) in block.iter_mut().zip(specs).enumerate() {
                    let points = panel.points.get(offsets[k]..offsets[k + 1]).unwrap_or(&[]);
                    let (status, score) = match brief_sorted(points, spec, p) {
                        Some(r) => r,
                        None => full(points, spec, p),
                    };
                    *slot = keep(s0 + k, status, score);
                }
            }
            _ => {
                for (k, slot) in block.iter_mut().enumerate() {
                    let i = s0 + k;
                    let Some(spec) = panel.specs.get(i) else {
                        continue;
                    };
                    let points = panel.series(i);
                    let (status, score) = match brief(points, spec, p) {
                        Some(r) => r,
                        None => full(points, spec, p),
                    };
                    *slot = keep(i, status, score);
                }
            }
        }
    }
}

fn full(points: &[(i32, f64)], spec: &SeriesSpec, p: &Resolved) -> Brief {
    let o = open_sdg(points, spec, &p.params);
    (o.status, o.score)
}

/// Whether the series delimited by `offsets` lie inside `points`, with every value finite
/// and every series strictly increasing in years.
fn block_is_clean(points: &[(i32, f64)], offsets: &[usize]) -> bool {
    let (Some(&from), Some(&to)) = (offsets.first(), offsets.last()) else {
        return false;
    };
    if offsets.windows(2).any(|w| w[0] > w[1]) {
        return false;
    }
    let Some(pts) = points.get(from..to) else {
        return false;
    };
    let Some((last, _)) = pts.split_last() else {
        return true;
    };
    // Flat pass, four lanes: values that are not finite, and places where the year does not
    // go up.
    const EXP: u64 = 0x7ff0_0000_0000_0000;
    let mut down = [0u32; 4];
    let mut bad = [0u64; 4];
    let (body, next) = (&pts[..pts.len() - 1], &pts[1..]);
    let (mut a, mut b) = (body.chunks_exact(4), next.chunks_exact(4));
    for (a, b) in (&mut a).zip(&mut b) {
        for k in 0..4 {
            down[k] += u32::from(b[k].0 <= a[k].0);
            bad[k] |= u64::from(a[k].1.to_bits() & EXP == EXP);
        }
    }
    let mut downs =
        u64::from(down[0]) + u64::from(down[1]) + u64::from(down[2]) + u64::from(down[3]);
    let mut bad = bad[0] | bad[1] | bad[2] | bad[3];
    for (x, y) in a.remainder().iter().zip(b.remainder()) {
        downs += u64::from(y.0 <= x.0);
        bad |= u64::from(x.1.to_bits() & EXP == EXP);
    }
    bad |= u64::from(last.1.to_bits() & EXP == EXP);
    if bad != 0 {
        return false;
    }
    // The same count over the first point of each non-empty series (but the first): the
    // block is clean when the year goes down nowhere else.
    let mut at_starts = 0u64;
    for w in offsets.windows(2) {
        let (prev, at) = (w[0], w[1]);
        if prev < at && at < to {
            at_starts += u64::from(points[at].0 <= points[at - 1].0);
        }
    }
    downs == at_starts
}

/// [`brief_sorted`] for any series: checks the order of years and the values first (`None`
/// when the series needs the full method).
#[inline]
pub(super) fn brief(points: &[(i32, f64)], spec: &SeriesSpec, p: &Resolved) -> Option<Brief> {
    let mut ok = true;
    let mut prev = i32::MIN;
    for &(y, v) in points {
        ok &= (y > prev) & v.is_finite();
        prev = y;
    }
    if ok {
        brief_sorted(points, spec, p)
    } else {
        None
    }
}

/// Status and score of `openSdg` for a series known to be strictly increasing in years with
/// every value finite, or `None` when the series needs the full method.
#[inline(always)]
fn brief_sorted(points: &[(i32, f64)], spec: &SeriesSpec, p: &Resolved) -> Option<Brief> {
    let d = match spec.direction {
        Direction::Increase | Direction::Maintain => 1.0,
        Direction::Decrease => -1.0,
        Direction::Parity => return None,
    };
    if spec.binary {
        return None;
    }
    let (&first, &latest) = (points.first()?, points.last()?);
    // Open SDG's base point: the first point from the base year on. Years are distinct
    // integers going up, so `year[i] ≥ year[0] + i` and the number of points before the base
    // year is at most `base_year − year[0]`, and exactly that when the point before it is
    // still before the base year (always so for consecutive years).
    let base_year = spec.base_year;
    let n = points.len();
    let before = if first.0 >= base_year {
        0
    } else {
        let c = usize::try_from(i64::from(base_year) - i64::from(first.0)).unwrap_or(usize::MAX);
        if c < n && points[c - 1].0 < base_year {
            c
        } else if c >= n && latest.0 < base_year {
            n
        } else {
            points.partition_point(|q| q.0 < base_year)
        }
    };
    let target = spec
        .target
        .filter(|t| t.is_finite())
        .map(|t| if t == 0.0 { 0.001 } else { t });
    let achieved = target.is_some_and(|t| {
        if d > 0.0 {
            latest.1 >= t
        } else {
            latest.1 <= t
        }
    });
    let fail_or_done = if achieved { ACHIEVED } else { NOT_ASSESSED };
    let Some(&base) = points.get(before) else {
        return Some(fail_or_done);
    };
    let base_value = if base.1 == 0.0 { 0.001 } else { base.1 };
    if let Some(t) = target
        && achieved
    {
        // Every way on gives `targetAchieved` unless the progress value overflows, which it
        // cannot when both ratios lie within 2^±500 (the growth rates stay below 2^500 and a
        // required rate that is not 0 is at least 2^-53 away from it).
        let safe = |r: f64| (SAFE_LOW..=SAFE_HIGH).contains(&r.abs());
        if safe(latest.1 / base_value) && safe(t / base_value) {
            return Some(ACHIEVED);
        }
    }
    let sign = if base.1 < 0.0 { -1.0 } else { 1.0 };
    let method1 = target.is_none();
    let (mut high, mut med, low) = if method1 {
        p.without_target
    } else {
        p.with_target
    };
    let mut coeff = 1.0;
    if method1 && let Some(limit) = spec.limit.filter(|l| l.is_finite()) {
        coeff = limit_factor(base.1, limit, p.exponent);
        high *= coeff;
        med *= coeff;
    }
    if !(high >= med && med >= low) {
        return None;
    }
    if (base_value > 0.0 && latest.1 < 0.0) || (base_value < 0.0 && latest.1 > 0.0) {
        return Some(fail_or_done);
    }
    if latest.0 - base.0 < 1 {
        return Some(fail_or_done);
    }
    let pv = match target {
        None => sign * d * cagr(latest.1, base_value, latest.0, base.0),
        Some(t) => {
            let target_year = spec.target_year.unwrap_or(DEFAULT_TARGET_YEAR);
            if target_year <= base.0 || (t > 0.0) != (base_value > 0.0) {
                return Some(fail_or_done);
            }
            let observed = cagr(latest.1, base_value, latest.0, base.0);
            let required = cagr(t, base_value, target_year, base.0);
            if required == 0.0 {
                return Some(if achieved {
                    ACHIEVED
                } else {
                    (ProgressStatus::Deterioration, Some(-5.0))
                });
            }
            sign * d * observed / required.abs()
        }
    };
    if !pv.is_finite() {
        return Some(NOT_ASSESSED);
    }
    if achieved {
        return Some(ACHIEVED);
    }
    // With `high ≥ med ≥ low` the count of thresholds reached is the status of the chain
    // `pv ≥ high`, else `pv ≥ med`, else `pv ≥ low`, else deterioration; every candidate
    // score is computed and one is selected, as the chain of the full method would.
    let reached = usize::from(pv >= high) + usize::from(pv >= med) + usize::from(pv >= low);
    let status = BY_THRESHOLDS[reached];
    let score = if method1 {
        let below = (125.0 * pv - 2.5).max(-5.0);
        let top = (500.0 * pv / coeff - 5.0).min(5.0);
        let middle = 250.0 * pv / coeff - 1.25;
        let bottom = 500.0 * pv / coeff - 2.5;
        let scaled = select(pv >= high, top, select(pv >= med, middle, bottom));
        select(pv < low, below, select(coeff == 0.0, 5.0, scaled))
    } else {
        let upper = (7.1429 * pv - 4.2857).min(5.0);
        let lower = (4.1667 * pv - 2.5).max(-5.0);
        select(pv >= med, upper, lower)
    };
    Some(if score.is_finite() {
        (status, Some(score))
    } else {
        NOT_ASSESSED
    })
}

/// `if c { a } else { b }` on two values already computed, without a branch.
#[inline(always)]
fn select(c: bool, a: f64, b: f64) -> f64 {
    let mask = u64::from(c).wrapping_neg();
    f64::from_bits((a.to_bits() & mask) | (b.to_bits() & !mask))
}
