//! Uncertainty and sensitivity analysis: Monte Carlo over the assumptions a definition
//! declares (its `uncertainty` factors), rank distributions per unit, and first- and
//! total-order sensitivity indices by the Saltelli design.
//!
//! * **Design.** Every factor is one input `u ∈ [0, 1)`. Base sample `r` draws `2d`
//!   numbers from its own xoshiro256++ stream, seeded by [`run_seed`](crate::rng::run_seed)
//!   `(seed, r)`: the first `d` form row `r` of matrix A, the next `d` row `r` of B. A Monte
//!   Carlo analysis evaluates the A rows (`N` runs); a sensitivity analysis evaluates A, B
//!   and the `d` matrices `A_B^i` (A with column `i` from B), `N(d + 2)` runs, as COINr's
//!   `SA_sample` (Saisana, Saltelli & Tarantola 2005).
//! * **Output.** Rank distributions count the ranks of the A runs (and of the B runs in a
//!   sensitivity analysis, as COINr). The scalar the sensitivity indices explain is COINr's:
//!   the mean absolute difference between a run's ranks and the nominal ranks.
//! * **Estimators** (on outputs centred by the mean of A and B, as SALib does; centring
//!   leaves the estimators' expectations unchanged and lowers their variance):
//!   `V = var(y_A ∪ y_B)` (n − 1 denominator), first order (Saltelli et al. 2010)
//!   `S_i = mean(y_B · (y_ABi − y_A)) / V`, total order (Jansen 1999)
//!   `S_Ti = Σ (y_A − y_ABi)² / (2N · V)`.
//! * **Reproducibility.** Runs are processed in blocks of fixed size; every run has its own
//!   stream; rank counts are integers and per-run outputs are stored by run index, so the
//!   same seed gives the same bytes on one thread or many.

#[cfg(feature = "parallel")]
use rayon::prelude::*;

use crate::model::{CompiledIndex, Scratch};
use crate::result::{Design, FactorResult, RankCount, RankUncertainty, UncertaintyResult};
use crate::rng::{Xoshiro256pp, run_seed};
use crate::{Error, Result};

/// Base samples per block of work.
#[cfg_attr(not(feature = "parallel"), allow(dead_code))]
const BLOCK: usize = 32;

/// Options of an uncertainty analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertaintyOptions {
    /// The sample size `N` (runs of a Monte Carlo analysis; base samples of a Saltelli
    /// design, which makes `N(d + 2)` runs).
    pub samples: usize,
    /// The seed.
    pub seed: u64,
    /// Use the Saltelli design and estimate sensitivity indices.
    pub sensitivity: bool,
    /// The share of runs inside each unit's rank interval (0.9: 5th to 95th percentile).
    pub interval: f64,
    /// Worker threads: `None` uses all cores; `Some(n)` a pool of `n` threads (ignored
    /// without the `parallel` feature). The result does not depend on it.
    pub threads: Option<usize>,
}

impl Default for UncertaintyOptions {
    fn default() -> Self {
        Self {
            samples: 1000,
            seed: 0,
            sensitivity: false,
            interval: 0.9,
            threads: None,
        }
    }
}

/// First- and total-order sensitivity indices.
#[derive(Debug, Clone, PartialEq)]
pub struct SobolIndices {
    /// First-order indices (Saltelli 2010), one per input (NaN when the output does not
    /// vary).
    pub first_order: Vec<f64>,
    /// Total-order indices (Jansen 1999).
    pub total_order: Vec<f64>,
    /// Variance of the output over the A and B runs.
    pub variance: f64,
    /// Number of evaluations, `N(d + 2)`.
    pub runs: usize,
}

/// Rows `r` of A and B: `2d` draws from run `r`'s stream.
fn draws(seed: u64, r: usize, a: &mut [f64], b: &mut [f64]) {
    let mut g = Xoshiro256pp::seed_from(run_seed(seed, r as u64));
    for x in a.iter_mut() {
        *x = g.next_f64();
    }
    for x in b.iter_mut() {
        *x = g.next_f64();
    }
}

/// Runs `work(acc, r, out)` for every base sample `r < n`, `out` being its `per` outputs
/// (stored by run index), in blocks of [`BLOCK`] spread over threads, and merges the
/// per-worker accumulators with `merge` (which must not depend on the order of merging).
fn drive<A, I, W, M>(
    n: usize,
    per: usize,
    threads: Option<usize>,
    init: I,
    work: W,
    merge: M,
) -> Result<(Vec<f64>, Option<A>)>
where
    A: Send,
    I: Fn() -> A + Sync + Send,
    W: Fn(&mut A, usize, &mut [f64]) + Sync + Send,
    M: Fn(A, A) -> A + Sync + Send,
{
    let mut y = vec![0.0; n * per];
    if n == 0 || per == 0 {
        return Ok((y, None));
    }
    #[cfg(feature = "parallel")]
    {
        let run = |y: &mut Vec<f64>| {
            y.par_chunks_mut(per * BLOCK)
                .enumerate()
                .fold(
                    || None,
                    |acc: Option<A>, (b, chunk)| {
                        let mut a = acc.unwrap_or_else(&init);
                        for (k, out) in chunk.chunks_mut(per).enumerate() {
                            work(&mut a, b * BLOCK + k, out);
                        }
                        Some(a)
                    },
                )
                .reduce(
                    || None,
                    |a, b| match (a, b) {
                        (Some(a), Some(b)) => Some(merge(a, b)),
                        (a, None) => a,
                        (None, b) => b,
                    },
                )
        };
        let acc = match threads {
            Some(t) => {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(t.max(1))
                    .build()
                    .map_err(|e| Error::Usage(format!("cannot start {t} threads: {e}")))?;
                pool.install(|| run(&mut y))
            }
            None => run(&mut y),
        };
        Ok((y, acc))
    }
    #[cfg(not(feature = "parallel"))]
    {
        let _ = (threads, &merge);
        let mut a = init();
        for (r, out) in y.chunks_mut(per).enumerate() {
            work(&mut a, r, out);
        }
        Ok((y, Some(a)))
    }
}

/// The Saltelli estimators on outputs laid out per base sample: `y[r·(d+2)]` from A,
/// `y[r·(d+2) + 1]` from B, `y[r·(d+2) + 2 + i]` from `A_B^i`. O(N·d).
pub fn saltelli_estimates(y: &[f64], n: usize, d: usize) -> SobolIndices {
    let per = d + 2;
    let at = |r: usize, k: usize| y.get(r * per + k).copied().unwrap_or(f64::NAN);
    let m = 2 * n;
    let mut f0 = 0.0;
    for r in 0..n {
        f0 += at(r, 0) + at(r, 1);
    }
    f0 /= m as f64;
    let mut var = 0.0;
    for r in 0..n {
        var += (at(r, 0) - f0).powi(2) + (at(r, 1) - f0).powi(2);
    }
    var /= (m.max(2) - 1) as f64;
    let mut first = vec![0.0; d];
    let mut total = vec![0.0; d];
    for i in 0..d {
        let (mut s, mut t) = (0.0, 0.0);
        for r in 0..n {
            let (ya, yb, yab) = (at(r, 0), at(r, 1), at(r, 2 + i));
            s += (yb - f0) * (yab - ya);
            t += (ya - yab).powi(2);
        }
        if var > 0.0 {
            first[i] = s / n as f64 / var;
            total[i] = t / (2.0 * n as f64 * var);
        } else {
            first[i] = f64::NAN;
            total[i] = f64::NAN;
        }
    }
    SobolIndices {
        first_order: first,
        total_order: total,
        variance: var,
        runs: n * per,
    }
}

/// Sobol indices of `f` over `d` independent inputs uniform on [0, 1), by the Saltelli
/// design with `n` base samples (`n(d + 2)` evaluations). Reproducible from `seed`
/// whatever `threads`. O(n·d) evaluations of `f`.
///
/// ```
/// use govframe_development::sobol_indices;
/// let s = sobol_indices(3, 20_000, 42, None, |x| x[0] + 2.0 * x[1] + 3.0 * x[2])?;
/// for (got, want) in s.first_order.iter().zip([1.0 / 14.0, 4.0 / 14.0, 9.0 / 14.0]) {
///     assert!((got - want).abs() < 0.02);
/// }
/// # Ok::<(), govframe_development::Error>(())
/// ```
pub fn sobol_indices<F>(
    d: usize,
    n: usize,
    seed: u64,
    threads: Option<usize>,
    f: F,
) -> Result<SobolIndices>
where
    F: Fn(&[f64]) -> f64 + Sync + Send,
{
    if d == 0 || n < 2 {
        return Err(Error::Usage(format!(
            "a Saltelli design needs at least one input and two base samples (got d = {d}, N = {n})"
        )));
    }
    let per = d + 2;
    let (y, _) = drive(
        n,
        per,
        threads,
        || (vec![0.0; d], vec![0.0; d], vec![0.0; d]),
        |(a, b, ab), r, out| {
            draws(seed, r, a, b);
            out[0] = f(a);
            out[1] = f(b);
            for i in 0..d {
                ab.copy_from_slice(a);
                ab[i] = b[i];
                out[2 + i] = f(ab);
            }
        },
        |x, _| x,
    )?;
    Ok(saltelli_estimates(&y, n, d))
}

/// Per-worker state of an index analysis.
struct Acc {
    scratch: Scratch,
    a: Vec<f64>,
    b: Vec<f64>,
    ab: Vec<f64>,
    /// `hist[unit · n_units + rank − 1]`: runs giving `unit` that rank.
    hist: Vec<u32>,
    error: Option<(usize, Error)>,
}

fn merge_acc(mut x: Acc, y: Acc) -> Acc {
    for (h, g) in x.hist.iter_mut().zip(&y.hist) {
        *h += g;
    }
    x.error = match (x.error, y.error) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, None) => a,
        (None, b) => b,
    };
    x
}

/// The type-7 quantile (R's default, numpy's "linear") of the ranks counted in `counts`
/// (`counts[k]` runs gave rank `k + 1`), `total` runs in all.
fn quantile(counts: &[u32], total: u64, p: f64) -> f64 {
    let order_stat = |j: u64| -> f64 {
        let mut cum = 0u64;
        for (k, &c) in counts.iter().enumerate() {
            cum += u64::from(c);
            if cum > j {
                return (k + 1) as f64;
            }
        }
        counts.len() as f64
    };
    let h = (total.saturating_sub(1)) as f64 * p;
    let lo = h.floor();
    let frac = h - lo;
    let lo = lo as u64;
    let x0 = order_stat(lo);
    if frac == 0.0 || lo + 1 >= total {
        return x0;
    }
    x0 + frac * (order_stat(lo + 1) - x0)
}

impl CompiledIndex {
    /// Mean absolute difference between the ranks in `s` and the nominal ranks, over the
    /// units ranked in both (0 when none is).
    fn rank_shift(nominal: &[u32], s: &Scratch) -> f64 {
        let (mut sum, mut n) = (0u64, 0u64);
        for (&a, &b) in nominal.iter().zip(&s.ranks) {
            if a > 0 && b > 0 {
                sum += u64::from(a.abs_diff(b));
                n += 1;
            }
        }
        if n == 0 { 0.0 } else { sum as f64 / n as f64 }
    }

    /// Runs an uncertainty analysis (and, with `options.sensitivity`, a sensitivity
    /// analysis) over the definition's `uncertainty` factors, and returns the nominal
    /// result with each unit's rank distribution and, for the Saltelli design, each factor's
    /// sensitivity indices.
    ///
    /// O(runs · (indicators · units + units log units)), spread over threads.
    pub fn uncertainty(&self, options: &UncertaintyOptions) -> Result<crate::IndexResult> {
        let d = self.factors.len();
        if d == 0 {
            return Err(Error::Usage(
                "the definition declares no uncertainty factors (`uncertainty`): there is nothing to vary".into(),
            ));
        }
        if options.samples == 0 || (options.sensitivity && options.samples < 2) {
            return Err(Error::Usage(format!(
                "the sample size must be at least {}, not {}",
                if options.sensitivity { 2 } else { 1 },
                options.samples
            )));
        }
        if !(options.interval > 0.0 && options.interval < 1.0) {
            return Err(Error::Usage(format!(
                "the interval must lie strictly between 0 and 1, not {}",
                options.interval
            )));
        }
        let n = options.samples;
        let per = if options.sensitivity { d + 2 } else { 1 };
        if u32::try_from(n.saturating_mul(per)).is_err() {
            return Err(Error::Usage(format!("{n} samples make too many runs")));
        }
        let nu = self.n_units;
        // Nominal ranks.
        let mut nominal = self.scratch();
        self.evaluate(&mut nominal)?;
        self.rank_root(&mut nominal);
        let nominal_ranks = nominal.ranks.clone();
        let start_order = nominal.order.clone();
        let seed = options.seed;
        let sensitivity = options.sensitivity;
        let init = || {
            let mut scratch = self.scratch();
            scratch.order.copy_from_slice(&start_order);
            Acc {
                scratch,
                a: vec![0.0; d],
                b: vec![0.0; d],
                ab: vec![0.0; d],
                hist: vec![0; nu * nu],
                error: None,
            }
        };
        let one = |acc: &mut Acc, r: usize, which: usize, count: bool| -> Option<f64> {
            let u = match which {
                0 => &acc.a,
                1 => &acc.b,
                _ => &acc.ab,
            };
            self.apply(&mut acc.scratch, u);
            if let Err(e) = self.evaluate(&mut acc.scratch) {
                if acc.error.as_ref().is_none_or(|(k, _)| r < *k) {
                    acc.error = Some((r, e));
                }
                return None;
            }
            self.rank_root(&mut acc.scratch);
            if count {
                for (u, &rk) in acc.scratch.ranks.iter().enumerate() {
                    if rk > 0 {
                        acc.hist[u * nu + rk as usize - 1] += 1;
                    }
                }
            }
            Some(Self::rank_shift(&nominal_ranks, &acc.scratch))
        };
        let (y, acc) = drive(
            n,
            per,
            options.threads,
            init,
            |acc, r, out| {
                {
                    let Acc { a, b, .. } = acc;
                    draws(seed, r, a, b);
                }
                out[0] = one(acc, r, 0, true).unwrap_or(f64::NAN);
                if sensitivity {
                    out[1] = one(acc, r, 1, true).unwrap_or(f64::NAN);
                    for i in 0..d {
                        acc.ab.copy_from_slice(&acc.a);
                        acc.ab[i] = acc.b[i];
                        out[2 + i] = one(acc, r, 2, false).unwrap_or(f64::NAN);
                    }
                }
            },
            merge_acc,
        )?;
        let Some(acc) = acc else {
            return Err(Error::Usage("no run was made".into()));
        };
        if let Some((_, e)) = acc.error {
            return Err(e);
        }
        self.materialize(&mut nominal);
        let mut result = self.result_from(&nominal)?;
        let lo_p = (1.0 - options.interval) / 2.0;
        let hi_p = (1.0 + options.interval) / 2.0;
        let pos: std::collections::HashMap<&str, usize> = self
            .unit_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        for ur in &mut result.units {
            let Some(&u) = pos.get(ur.unit.as_str()) else {
                continue;
            };
            let counts = &acc.hist[u * nu..(u + 1) * nu];
            let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
            if total == 0 {
                continue;
            }
            let sum: u64 = counts
                .iter()
                .enumerate()
                .map(|(k, &c)| (k as u64 + 1) * u64::from(c))
                .sum();
            ur.uncertainty = Some(RankUncertainty {
                median: quantile(counts, total, 0.5),
                low: quantile(counts, total, lo_p),
                high: quantile(counts, total, hi_p),
                mean: sum as f64 / total as f64,
                runs: u32::try_from(total).unwrap_or(u32::MAX),
                distribution: counts
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c > 0)
                    .map(|(k, &c)| RankCount {
                        rank: k as u32 + 1,
                        runs: c,
                    })
                    .collect(),
            });
        }
        let est = sensitivity.then(|| saltelli_estimates(&y, n, d));
        let finite = |v: f64| if v.is_finite() { Some(v) } else { None };
        let factors = self
            .def
            .uncertainty
            .iter()
            .zip(&self.factors)
            .enumerate()
            .map(|(i, (f, cf))| FactorResult {
                factor: f.id().clone(),
                factor_type: f.type_name().to_owned(),
                alternatives: cf
                    .alternatives()
                    .map(|k| u32::try_from(k).unwrap_or(u32::MAX)),
                first_order: est.as_ref().and_then(|e| finite(e.first_order[i])),
                total_order: est.as_ref().and_then(|e| finite(e.total_order[i])),
            })
            .collect();
        result.uncertainty = Some(UncertaintyResult {
            design: if sensitivity {
                Design::Saltelli
            } else {
                Design::MonteCarlo
            },
            seed,
            sample_size: u32::try_from(n).unwrap_or(u32::MAX),
            runs: u32::try_from(n * per).unwrap_or(u32::MAX),
            interval: options.interval,
            output: "meanAbsoluteRankShift".into(),
            variance: est.as_ref().and_then(|e| finite(e.variance)),
            factors,
        });
        Ok(result)
    }

    /// Runs `samples` Monte Carlo evaluations and returns only the rank counts
    /// (`counts[unit · units + rank − 1]`): the hot loop of [`CompiledIndex::uncertainty`],
    /// for benchmarks.
    pub fn rank_counts(
        &self,
        samples: usize,
        seed: u64,
        threads: Option<usize>,
    ) -> Result<Vec<u32>> {
        let d = self.factors.len();
        let nu = self.n_units;
        let init = || Acc {
            scratch: self.scratch(),
            a: vec![0.0; d],
            b: vec![0.0; d],
            ab: Vec::new(),
            hist: vec![0; nu * nu],
            error: None,
        };
        let (_, acc) = drive(
            samples,
            1,
            threads,
            init,
            |acc, r, out| {
                {
                    let Acc { a, b, .. } = acc;
                    draws(seed, r, a, b);
                }
                self.apply(&mut acc.scratch, &acc.a);
                match self.evaluate(&mut acc.scratch) {
                    Ok(()) => {
                        self.rank_root(&mut acc.scratch);
                        for (u, &rk) in acc.scratch.ranks.iter().enumerate() {
                            if rk > 0 {
                                acc.hist[u * nu + rk as usize - 1] += 1;
                            }
                        }
                        out[0] = 0.0;
                    }
                    Err(e) => {
                        if acc.error.as_ref().is_none_or(|(k, _)| r < *k) {
                            acc.error = Some((r, e));
                        }
                    }
                }
            },
            merge_acc,
        )?;
        match acc {
            Some(Acc {
                error: Some((_, e)),
                ..
            }) => Err(e),
            Some(acc) => Ok(acc.hist),
            None => Ok(vec![0; nu * nu]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type7_quantiles_from_counts() {
        // Ranks 1,1,2,3,3,3,4 → numpy.quantile(..., [0.05, 0.5, 0.95]) = [1.0, 3.0, 3.7].
        let counts = [2, 1, 3, 1];
        assert_eq!(quantile(&counts, 7, 0.5), 3.0);
        assert!((quantile(&counts, 7, 0.05) - 1.0).abs() < 1e-12);
        assert!((quantile(&counts, 7, 0.95) - 3.7).abs() < 1e-12);
        assert_eq!(quantile(&[0, 5], 5, 0.3), 2.0);
    }
}
