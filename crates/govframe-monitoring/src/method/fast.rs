//! The batch kernel of `openSdg`: status and score only, without building an
//! [`Outcome`](super::Outcome).
//!
//! [`run_open_sdg`] gives, for every series, exactly the status and the score bits that
//! [`open_sdg`] gives: the same floating-point operations in the same order, only without
//! the bookkeeping of an `Outcome` and with the data-dependent branches of the status and
//! score replaced by selects (`tests/batch_kernel.rs` checks the equality on random panels
//! with every edge case). It handles the common case — direction `increase`, `decrease` or
//! `maintain`, not binary, a non-empty series sorted by year whose base and latest values
//! are finite, thresholds in order — and hands anything else to the full method.
//!
//! The series are taken in blocks of [`BLOCK`]: one flat pass over the years of a block
//! checks that years only go down where a new series starts (no per-series loop, so no
//! mispredicted loop exit per series); the series of a block that passes are then assessed
//! from their first, base and latest points only. Other values are not read at all:
//! `openSdg` skips points whose value is not finite and looks at no other point, so a NaN
//! elsewhere changes nothing. A block that does not pass is assessed series by series.

use std::hint::select_unpredictable;

use govframe_core::Direction;

use super::{
    DEFAULT_TARGET_YEAR, OpenSdgParams, Panel, ProgressStatus, SeriesSpec, cagr, limit_factor,
    open_sdg,
};

/// Series per block of the flat order check (the years of a block, about 70 kB at 17 points
/// a series, stay in the core's cache for the second pass).
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
    // Points of the series that go through the full method.
    let mut buf = Vec::new();
    let mut full = |i: usize, spec: &SeriesSpec| {
        let o = open_sdg(panel.points_into(i, &mut buf), spec, &p.params);
        (o.status, o.score)
    };
    for (b, block) in out.chunks_mut(BLOCK).enumerate() {
        let s0 = start + b * BLOCK;
        let offsets = panel.offsets.get(s0..=s0 + block.len());
        let specs = panel.specs.get(s0..s0 + block.len());
        match (offsets, specs) {
            (Some(offsets), Some(specs)) if block_is_clean(panel, offsets) => {
                for (k, (slot, spec)) in block.iter_mut().zip(specs).enumerate() {
                    let (from, to) = (offsets[k], offsets[k + 1]);
                    let (years, values) = (&panel.years[from..to], &panel.values[from..to]);
                    let (status, score) = match brief_sorted(years, values, spec, p) {
                        Some(r) => r,
                        None => full(s0 + k, spec),
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
                    let (years, values) = panel.series(i);
                    let (status, score) = match brief(years, values, spec, p) {
                        Some(r) => r,
                        None => full(i, spec),
                    };
                    *slot = keep(i, status, score);
                }
            }
        }
    }
}

/// Whether the series delimited by `offsets` lie inside both columns of `panel`, every one
/// strictly increasing in years. (Values are not looked at: `openSdg` skips non-finite
/// values and uses only the base and the latest point, which [`brief_sorted`] checks.)
fn block_is_clean(panel: &Panel<'_>, offsets: &[usize]) -> bool {
    let (Some(&from), Some(&to)) = (offsets.first(), offsets.last()) else {
        return false;
    };
    if offsets.windows(2).any(|w| w[0] > w[1]) {
        return false;
    }
    let (Some(years), Some(_)) = (panel.years.get(from..to), panel.values.get(from..to)) else {
        return false;
    };
    if years.is_empty() {
        return true;
    }
    // A flat pass, eight lanes: places where the year does not go up.
    let mut down = [0u32; 8];
    let (body, next) = (&years[..years.len() - 1], &years[1..]);
    let (mut a, mut b) = (body.chunks_exact(8), next.chunks_exact(8));
    for (a, b) in (&mut a).zip(&mut b) {
        for k in 0..8 {
            down[k] += u32::from(b[k] <= a[k]);
        }
    }
    let mut downs = down.iter().map(|&d| u64::from(d)).sum::<u64>();
    for (x, y) in a.remainder().iter().zip(b.remainder()) {
        downs += u64::from(y <= x);
    }
    // The same count over the first point of each non-empty series (but the first): the
    // block is clean when the year goes down nowhere else.
    let mut at_starts = 0u64;
    for w in offsets.windows(2) {
        let (prev, at) = (w[0], w[1]);
        if prev < at && at < to {
            at_starts += u64::from(panel.years[at] <= panel.years[at - 1]);
        }
    }
    downs == at_starts
}

/// [`brief_sorted`] for any series: checks the order of years first (`None` when the series
/// needs the full method).
#[inline]
pub(super) fn brief(
    years: &[i32],
    values: &[f64],
    spec: &SeriesSpec,
    p: &Resolved,
) -> Option<Brief> {
    let mut ok = years.len() == values.len();
    let mut prev = i32::MIN;
    for &y in years {
        ok &= y > prev;
        prev = y;
    }
    if ok {
        brief_sorted(years, values, spec, p)
    } else {
        None
    }
}

/// Status and score of `openSdg` for a series known to be strictly increasing in years
/// (`years` and `values` of the same length), or `None` when the series needs the full
/// method.
///
/// Written for a panel of series in random order: choices that differ from one series to the
/// next (direction, target or none, target met, which score formula) are made with
/// [`select_unpredictable`] on values already computed rather than with branches, which
/// the processor would mispredict about every other series; branches remain where one way
/// is rare (parity, binary, no base point, sign changes) or where they save a `pow`.
#[inline(always)]
fn brief_sorted(years: &[i32], values: &[f64], spec: &SeriesSpec, p: &Resolved) -> Option<Brief> {
    if spec.direction == Direction::Parity || spec.binary {
        return None;
    }
    let up = spec.direction != Direction::Decrease;
    let d = select_unpredictable(up, 1.0, -1.0);
    let (&first_year, n) = (years.first()?, years.len());
    let latest = (years[n - 1], values[n - 1]);
    // `openSdg` skips points whose value is not finite, and uses only the latest point and
    // the base point (checked below): when both are finite, the others do not matter.
    if !latest.1.is_finite() {
        return None;
    }
    // Open SDG's base point: the first point from the base year on. Years are distinct
    // integers going up, so `year[i] ≥ year[0] + i` and the number of points before the base
    // year is at most `c = base_year − year[0]` (clamped to `0..=n`), and exactly that when
    // the point before it is still before the base year (always so for consecutive years).
    let base_year = spec.base_year;
    let c = (i64::from(base_year) - i64::from(first_year)).clamp(0, n as i64) as usize;
    let before_c = select_unpredictable(c == 0, i32::MIN, years[c.saturating_sub(1)]);
    let before = if before_c < base_year {
        c
    } else {
        years.partition_point(|&y| y < base_year)
    };
    let t = spec.target.unwrap_or(f64::NAN);
    let has_target = t.is_finite();
    let t = select_unpredictable(t == 0.0, 0.001, t);
    let achieved = has_target & select_unpredictable(up, latest.1 >= t, latest.1 <= t);
    if before >= n {
        return Some(fail_or_done(achieved));
    }
    let base = (years[before], values[before]);
    if !base.1.is_finite() {
        return None;
    }
    let base_value = select_unpredictable(base.1 == 0.0, 0.001, base.1);
    // Every way on gives `targetAchieved` unless the progress value overflows, which it
    // cannot when both ratios lie within 2^±500 (the growth rates stay below 2^500 and a
    // required rate that is not 0 is at least 2^-53 away from it).
    if achieved && safe(latest.1 / base_value) && safe(t / base_value) {
        return Some(ACHIEVED);
    }
    let sign = select_unpredictable(base.1 < 0.0, -1.0, 1.0);
    let method1 = !has_target;
    let (mut high, mut med, low) = select_unpredictable(method1, p.without_target, p.with_target);
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
        return Some(fail_or_done(achieved));
    }
    if latest.0 - base.0 < 1 {
        return Some(fail_or_done(achieved));
    }
    // The progress value, and the score it gives (computed before the checks below, which
    // only decide whether it is used): the formulas of each method in its own arm, so that
    // the divisions by the natural-limit factor are paid only by method 1.
    let (pv, score) = if method1 {
        let pv = sign * d * cagr(latest.1, base_value, latest.0, base.0);
        // With `high ≥ med ≥ low` the chain of the full method, every candidate computed
        // and one selected.
        let below = (125.0 * pv - 2.5).max(-5.0);
        let top = (500.0 * pv / coeff - 5.0).min(5.0);
        let middle = 250.0 * pv / coeff - 1.25;
        let bottom = 500.0 * pv / coeff - 2.5;
        let scaled = select_unpredictable(
            pv >= high,
            top,
            select_unpredictable(pv >= med, middle, bottom),
        );
        let score = select_unpredictable(
            pv < low,
            below,
            select_unpredictable(coeff == 0.0, 5.0, scaled),
        );
        (pv, score)
    } else {
        let target_year = spec.target_year.unwrap_or(DEFAULT_TARGET_YEAR);
        if target_year <= base.0 || (t > 0.0) != (base_value > 0.0) {
            return Some(fail_or_done(achieved));
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
        let pv = sign * d * observed / required.abs();
        let upper = (7.1429 * pv - 4.2857).min(5.0);
        let lower = (4.1667 * pv - 2.5).max(-5.0);
        (pv, select_unpredictable(pv >= med, upper, lower))
    };
    if !pv.is_finite() {
        return Some(NOT_ASSESSED);
    }
    if achieved {
        return Some(ACHIEVED);
    }
    // With `high ≥ med ≥ low` the count of thresholds reached is the status of the chain
    // `pv ≥ high`, else `pv ≥ med`, else `pv ≥ low`, else deterioration.
    let reached = usize::from(pv >= high) + usize::from(pv >= med) + usize::from(pv >= low);
    let status = BY_THRESHOLDS[reached];
    Some(if score.is_finite() {
        (status, Some(score))
    } else {
        NOT_ASSESSED
    })
}

/// `targetAchieved` when the target is met, else not assessed: what a series that cannot be
/// assessed further gets.
#[inline(always)]
fn fail_or_done(achieved: bool) -> Brief {
    if achieved { ACHIEVED } else { NOT_ASSESSED }
}

/// Whether a ratio lies within `2^±500` (in absolute value), where no growth rate or
/// progress value computed from it can overflow.
#[inline(always)]
fn safe(r: f64) -> bool {
    (SAFE_LOW..=SAFE_HIGH).contains(&r.abs())
}
