//! Normalisation, aggregation and ranking as plain functions over slices.
//!
//! The formulas are those of the OECD/JRC *Handbook on Constructing Composite Indicators*
//! (2008) as implemented in the JRC's COINr package (`n_minmax`, `n_zscore`, `n_dist2max`,
//! `n_dist2ref`, `n_dist2targ`, `n_fracmax`, `n_rank`, `n_prank`, `n_borda`, `n_goalposts`,
//! `n_scaled`; `a_amean`, `a_gmean`, `a_hmean`). Missing values (`None`) stay missing and
//! take no part in minima, maxima, means or ranks.
//!
//! ```
//! use govframe_development::{normalise, Normalisation, Polarity};
//! let x: Vec<Option<f64>> = [2.0, 4.0, 6.0, 8.0, 10.0].into_iter().map(Some).collect();
//! let y = normalise(&x, &Normalisation::MinMax { lower: 0.0, upper: 100.0 }, Polarity::Positive, &[])?;
//! assert_eq!(y, vec![Some(0.0), Some(25.0), Some(50.0), Some(75.0), Some(100.0)]);
//! # Ok::<(), govframe_development::Error>(())
//! ```

use govframe_core::Id;

use crate::definition::{AggregationMethod, Normalisation, ParamNumber, Polarity};
use crate::{Error, Result};

fn fail(method: &Normalisation, reason: impl Into<String>) -> Error {
    Error::Normalisation {
        indicator: String::new(),
        path: String::new(),
        method: method.name(),
        reason: reason.into(),
    }
}

fn number(method: &Normalisation, p: &ParamNumber) -> Result<f64> {
    match p {
        ParamNumber::Value(v) => Ok(*v),
        ParamNumber::Parameter(r) => Err(fail(
            method,
            format!(
                "parameter {:?} is not resolved; compute through a definition, or write the number",
                r.parameter.as_str()
            ),
        )),
    }
}

/// Ranks in ascending order with ties sharing the lowest rank (R's `rank(ties = "min")`):
/// `[10, 20, 20, 30]` → `[1, 2, 2, 4]`. O(n log n).
pub fn rank_ascending(x: &[Option<f64>]) -> Vec<Option<u32>> {
    let mut idx: Vec<usize> = (0..x.len()).filter(|&i| x[i].is_some()).collect();
    idx.sort_by(|&a, &b| {
        let (va, vb) = (x[a].unwrap_or(0.0), x[b].unwrap_or(0.0));
        va.total_cmp(&vb)
    });
    let mut out = vec![None; x.len()];
    let mut rank = 0u32;
    let mut prev: Option<f64> = None;
    for (pos, &i) in idx.iter().enumerate() {
        let v = x[i].unwrap_or(0.0);
        if prev != Some(v) {
            rank = u32::try_from(pos + 1).unwrap_or(u32::MAX);
            prev = Some(v);
        }
        out[i] = Some(rank);
    }
    out
}

/// Ranks units by score, best first, with ties sharing the best rank ("competition" or
/// "1224" ranking, R's `rank(-x, ties = "min")` as COINr ranks index scores):
/// `[30, 20, 20, 10]` → `[1, 2, 2, 4]`. Units without a score get no rank. O(n log n).
///
/// ```
/// use govframe_development::rank_descending;
/// assert_eq!(
///     rank_descending(&[Some(30.0), Some(20.0), None, Some(20.0), Some(10.0)]),
///     vec![Some(1), Some(2), None, Some(2), Some(4)]
/// );
/// ```
pub fn rank_descending(scores: &[Option<f64>]) -> Vec<Option<u32>> {
    let neg: Vec<Option<f64>> = scores.iter().map(|v| v.map(|v| -v)).collect();
    rank_ascending(&neg)
}

/// Normalises one indicator over units (`x[u]`, `None` when missing) with `method`.
///
/// For [`Polarity::Negative`] the methods act on `−x` (see [`Normalisation`] for the
/// methods with fixed bounds). `units` names the units, in the order of `x`; only
/// [`Normalisation::DistanceToReference`] needs it. Parameters must be numbers here
/// (a definition resolves its named parameters before it calls this).
///
/// Fails when the method is undefined for the data: all values equal (min-max, distance
/// to max), fewer than two values (z-score, percentile rank), a zero standard deviation, a
/// reference unit without value, a target equal to the minimum. O(n) (O(n log n) for the
/// rank-based methods).
pub fn normalise(
    x: &[Option<f64>],
    method: &Normalisation,
    polarity: Polarity,
    units: &[Id],
) -> Result<Vec<Option<f64>>> {
    let s = match polarity {
        Polarity::Positive => 1.0,
        Polarity::Negative => -1.0,
    };
    let present: Vec<f64> = x.iter().flatten().copied().collect();
    if present.is_empty() {
        return Ok(vec![None; x.len()]);
    }
    let n = present.len();
    let (mut min_x, mut max_x) = (f64::INFINITY, f64::NEG_INFINITY);
    for &v in &present {
        min_x = min_x.min(v);
        max_x = max_x.max(v);
    }
    // Extremes of y = s·x.
    let (min_y, max_y) = if s > 0.0 {
        (min_x, max_x)
    } else {
        (-max_x, -min_x)
    };
    let map = |f: &dyn Fn(f64) -> f64| -> Vec<Option<f64>> { x.iter().map(|v| v.map(f)).collect() };
    let out = match method {
        Normalisation::None => map(&|v| s * v),
        Normalisation::MinMax { lower, upper } => {
            if max_y == min_y {
                return Err(fail(method, format!("all {n} values are equal ({min_x})")));
            }
            map(&|v| (s * v - min_y) / (max_y - min_y) * (upper - lower) + lower)
        }
        Normalisation::ZScore { mean, sd } => {
            if n < 2 {
                return Err(fail(
                    method,
                    "a standard deviation needs at least two values",
                ));
            }
            let m = present.iter().sum::<f64>() / n as f64;
            let var = present.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (n - 1) as f64;
            let sdx = var.sqrt();
            if sdx == 0.0 {
                return Err(fail(method, format!("all {n} values are equal ({min_x})")));
            }
            map(&|v| s * (v - m) / sdx * sd + mean)
        }
        Normalisation::DistanceToMax => {
            if max_y == min_y {
                return Err(fail(method, format!("all {n} values are equal ({min_x})")));
            }
            map(&|v| 1.0 - (max_y - s * v) / (max_y - min_y))
        }
        Normalisation::DistanceToReference { unit, cap } => {
            let Some(i) = units.iter().position(|u| u == unit) else {
                return Err(fail(
                    method,
                    format!(
                        "the reference unit {:?} is not among the units",
                        unit.as_str()
                    ),
                ));
            };
            let Some(x_ref) = x.get(i).copied().flatten() else {
                return Err(fail(
                    method,
                    format!("the reference unit {:?} has no value", unit.as_str()),
                ));
            };
            let y_ref = s * x_ref;
            if y_ref == min_y {
                return Err(fail(
                    method,
                    format!("the reference unit {:?} has the worst value", unit.as_str()),
                ));
            }
            let cap = *cap;
            map(&|v| {
                let y = 1.0 - (y_ref - s * v) / (y_ref - min_y);
                if cap { y.min(1.0) } else { y }
            })
        }
        Normalisation::DistanceToTarget { target, cap } => {
            let t = s * number(method, target)?;
            if t == min_y {
                return Err(fail(
                    method,
                    format!("the target equals the worst value ({})", s * t),
                ));
            }
            let cap = *cap;
            map(&|v| {
                let y = (s * v - min_y) / (t - min_y);
                if cap { y.min(1.0) } else { y }
            })
        }
        Normalisation::FractionOfMax => match polarity {
            Polarity::Positive => {
                if max_x == 0.0 {
                    return Err(fail(method, "the maximum is 0"));
                }
                map(&|v| v / max_x)
            }
            Polarity::Negative => {
                if present.contains(&0.0) {
                    return Err(fail(method, "a value is 0, so min/x is undefined"));
                }
                map(&|v| min_x / v)
            }
        },
        Normalisation::Rank | Normalisation::PercentileRank | Normalisation::Borda => {
            let y: Vec<Option<f64>> = x.iter().map(|v| v.map(|v| s * v)).collect();
            let r = rank_ascending(&y);
            match method {
                Normalisation::Rank => r.iter().map(|r| r.map(f64::from)).collect(),
                Normalisation::Borda => r.iter().map(|r| r.map(|r| f64::from(r) - 1.0)).collect(),
                _ => {
                    if n < 2 {
                        return Err(fail(method, "a percentile rank needs at least two values"));
                    }
                    let d = (n - 1) as f64;
                    r.iter()
                        .map(|r| r.map(|r| (f64::from(r) - 1.0) / d))
                        .collect()
                }
            }
        }
        Normalisation::Goalposts {
            lower,
            upper,
            scale,
            truncate,
        } => {
            let (l, u) = (number(method, lower)?, number(method, upper)?);
            if l == u {
                return Err(fail(method, format!("the goalposts are equal ({l})")));
            }
            let (trunc, a) = (*truncate, *scale);
            map(&|v| {
                let y = match polarity {
                    Polarity::Positive => (v - l) / (u - l),
                    Polarity::Negative => (v - u) / (l - u),
                };
                (if trunc { y.clamp(0.0, 1.0) } else { y }) * a
            })
        }
        Normalisation::Scaled { lower, upper } => {
            let (l, u) = (number(method, lower)?, number(method, upper)?);
            if l == u {
                return Err(fail(method, format!("the bounds are equal ({l})")));
            }
            map(&|v| match polarity {
                Polarity::Positive => (v - l) / (u - l) * 100.0,
                Polarity::Negative => (u - v) / (u - l) * 100.0,
            })
        }
    };
    Ok(out)
}

/// Aggregates present values with weights (re-scaled to sum to 1): weighted arithmetic,
/// geometric or harmonic mean. Fails when the lengths differ, a weight is negative or not
/// finite, the weights sum to zero, or — for the geometric and harmonic means — an input is
/// not positive (the error names its position). O(n).
///
/// ```
/// use govframe_development::{aggregate, AggregationMethod};
/// let y = [20.0, 40.0, 60.0];
/// let w = [1.0, 1.0, 2.0];
/// assert!((aggregate(AggregationMethod::Arithmetic, &y, &w)? - 45.0).abs() < 1e-12);
/// assert!((aggregate(AggregationMethod::Geometric, &y, &w)? - 41.195343).abs() < 1e-6);
/// assert!((aggregate(AggregationMethod::Harmonic, &y, &w)? - 36.923077).abs() < 1e-6);
/// assert!(aggregate(AggregationMethod::Geometric, &[0.0, 1.0], &[1.0, 1.0]).is_err());
/// # Ok::<(), govframe_development::Error>(())
/// ```
pub fn aggregate(method: AggregationMethod, values: &[f64], weights: &[f64]) -> Result<f64> {
    if values.len() != weights.len() {
        return Err(Error::Usage(format!(
            "{} values but {} weights",
            values.len(),
            weights.len()
        )));
    }
    if let Some((i, w)) = weights
        .iter()
        .enumerate()
        .find(|(_, w)| !(w.is_finite() && **w >= 0.0))
    {
        return Err(Error::Usage(format!(
            "weight {i} is {w}: weights must be finite and ≥ 0"
        )));
    }
    let sw: f64 = weights.iter().sum();
    if sw == 0.0 {
        return Err(Error::Usage("the weights sum to zero".into()));
    }
    if method != AggregationMethod::Arithmetic
        && let Some((i, v)) = values
            .iter()
            .enumerate()
            .find(|(_, v)| v.is_nan() || **v <= 0.0)
    {
        return Err(Error::NonPositive {
            method: method.name(),
            node: String::new(),
            unit: String::new(),
            child: format!("input {i}"),
            value: *v,
        });
    }
    Ok(match method {
        AggregationMethod::Arithmetic => {
            values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / sw
        }
        AggregationMethod::Geometric => (values
            .iter()
            .zip(weights)
            .map(|(v, w)| w * v.ln())
            .sum::<f64>()
            / sw)
            .exp(),
        AggregationMethod::Harmonic => {
            sw / values.iter().zip(weights).map(|(v, w)| w / v).sum::<f64>()
        }
    })
}
