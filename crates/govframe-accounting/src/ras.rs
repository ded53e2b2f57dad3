//! RAS (biproportional scaling): scale the rows and columns of a non-negative matrix until
//! its row sums meet `u` and its column sums meet `v`.
//!
//! Algorithm (GAMS `iobalance`, after Miller and Blair, *Input-Output Analysis*, 2009,
//! §7.4.2): alternately multiply each row `i` by `u_i / rowsum_i` and each column `j` by
//! `v_j / colsum_j`. The result is the matrix closest to the start in the entropy sense
//! (`min Σ a_ij ln(a_ij / a0_ij)`) that meets both sets of totals, when one exists.
//!
//! **Convergence rule**: after each column pass the column sums meet `v` (up to rounding); the
//! iteration stops when the largest absolute row residual `max_i |rowsum_i − u_i|` is at most
//! `tolerance`, or after `max_iterations` iterations (one iteration = one row pass and one
//! column pass). The outcome reports the iterations and the final row and column residuals,
//! both recomputed from the final matrix.
//!
//! **Refused inputs** ([`crate::Error::NotConvergeable`] and friends): a negative or
//! non-finite entry or target; a row (column) whose entries are all zero while its target
//! exceeds the tolerance; totals `Σu` and `Σv` so far apart that no matrix can meet both
//! within the tolerance (after a column pass the row residuals add up to `Σv − Σu`, so
//! `|Σu − Σv| > rows · tolerance` can never converge).
//!
//! **Cost**: the iterations work in factor form — the current matrix is
//! `diag(r) · A0 · diag(s)` with `A0` the start matrix — so each iteration only *reads* the
//! matrix once, row by row (a dot product with `s` gives the row sum and the new row factor,
//! then the same row, still in cache, adds to the column sums), and one last pass writes the
//! result and measures its residuals. Dense: O(rows · cols) per iteration over contiguous
//! `f64` rows; sparse (CSR): O(nnz + rows + cols) per iteration, independent of rows · cols.
//! No allocation per iteration; memory is the matrix plus O(rows + cols). Detecting
//! convergence costs one more read pass (the row sums of the last state are only known after
//! its column factors).
//!
//! ```
//! use govframe_accounting::ras::{DenseMatrix, RasOptions, ras_dense};
//! let mut a = DenseMatrix::new(2, 2, vec![1.0, 1.0, 1.0, 1.0])?;
//! let outcome = ras_dense(&mut a, &[3.0, 1.0], &[2.0, 2.0], &RasOptions::default())?;
//! assert!(outcome.converged);
//! assert!((a.get(0, 0).unwrap() - 1.5).abs() < 1e-9);
//! # Ok::<(), govframe_accounting::Error>(())
//! ```

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// When RAS stops.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RasOptions {
    /// Largest absolute residual of a row or column sum accepted as converged (≥ 0).
    pub tolerance: f64,
    /// Most iterations (row pass + column pass) before giving up (≥ 1).
    pub max_iterations: u32,
}

impl Default for RasOptions {
    /// Tolerance 1e-9, at most 10 000 iterations.
    fn default() -> Self {
        Self {
            tolerance: 1e-9,
            max_iterations: 10_000,
        }
    }
}

/// What RAS did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RasOutcome {
    /// Iterations done (row pass + column pass each); 0 when the start already met the
    /// targets.
    pub iterations: u32,
    /// Whether both residuals are within the tolerance.
    pub converged: bool,
    /// `max_i |rowsum_i − u_i|` of the result.
    pub max_row_residual: f64,
    /// `max_j |colsum_j − v_j|` of the result.
    pub max_column_residual: f64,
}

/// A dense matrix of `f64`, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct DenseMatrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl DenseMatrix {
    /// A matrix from row-major data; `data.len()` must be `rows · cols`.
    pub fn new(rows: usize, cols: usize, data: Vec<f64>) -> Result<Self> {
        let expected = rows.checked_mul(cols).ok_or(Error::Dimension {
            what: "matrix size",
            expected: usize::MAX,
            found: rows,
        })?;
        if data.len() != expected {
            return Err(Error::Dimension {
                what: "matrix data (rows · cols)",
                expected,
                found: data.len(),
            });
        }
        Ok(Self { rows, cols, data })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The entry at row `i`, column `j`.
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        if i < self.rows && j < self.cols {
            self.data.get(i * self.cols + j).copied()
        } else {
            None
        }
    }

    /// The row-major data.
    pub fn data(&self) -> &[f64] {
        &self.data
    }

    /// The row-major data, taken.
    pub fn into_data(self) -> Vec<f64> {
        self.data
    }

    /// Row sums. O(rows · cols).
    pub fn row_sums(&self) -> Vec<f64> {
        self.row_iter().map(|r| r.iter().sum()).collect()
    }

    /// Column sums. O(rows · cols).
    pub fn col_sums(&self) -> Vec<f64> {
        let mut cs = vec![0.0; self.cols];
        for row in self.row_iter() {
            for (c, a) in cs.iter_mut().zip(row) {
                *c += *a;
            }
        }
        cs
    }

    fn row_iter(&self) -> impl Iterator<Item = &[f64]> {
        // `max(1)`: chunks of 0 are not allowed; a 0-column matrix has no data anyway.
        self.data.chunks_exact(self.cols.max(1))
    }
}

/// A sparse matrix in compressed sparse row form (CSR): the entries of row `i` are
/// `values[row_ptr[i]..row_ptr[i + 1]]` in columns `col_idx[…]`, sorted by column.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseMatrix {
    rows: usize,
    cols: usize,
    row_ptr: Vec<usize>,
    col_idx: Vec<u32>,
    values: Vec<f64>,
}

impl SparseMatrix {
    /// Builds a matrix from `(row, col, value)` triplets in any order (a counting sort,
    /// O(nnz + rows)). A position given twice or outside the matrix is an error.
    pub fn from_triplets(
        rows: usize,
        cols: usize,
        triplets: impl IntoIterator<Item = (usize, usize, f64)>,
    ) -> Result<Self> {
        Self::from_triplets_with_order(rows, cols, triplets).map(|(m, _)| m)
    }

    /// Like [`Self::from_triplets`], and also returns, for each triplet in input order, its
    /// position in [`Self::values`].
    pub fn from_triplets_with_order(
        rows: usize,
        cols: usize,
        triplets: impl IntoIterator<Item = (usize, usize, f64)>,
    ) -> Result<(Self, Vec<usize>)> {
        if u32::try_from(cols).is_err() {
            return Err(Error::Dimension {
                what: "columns (at most 2^32 − 1)",
                expected: u32::MAX as usize,
                found: cols,
            });
        }
        let triplets: Vec<(usize, usize, f64)> = triplets.into_iter().collect();
        let mut counts = vec![0usize; rows + 1];
        for (k, &(i, j, _)) in triplets.iter().enumerate() {
            if i >= rows || j >= cols {
                return Err(Error::OutOfRange {
                    index: k,
                    row: i,
                    col: j,
                    rows,
                    cols,
                });
            }
            counts[i + 1] += 1;
        }
        for i in 0..rows {
            counts[i + 1] += counts[i];
        }
        let row_ptr = counts.clone();
        let mut next = counts;
        let mut order = vec![0usize; triplets.len()];
        let mut slots = vec![(0u32, 0.0f64, 0usize); triplets.len()];
        for (k, &(i, j, v)) in triplets.iter().enumerate() {
            let at = next[i];
            next[i] += 1;
            // `j < cols ≤ u32::MAX`, checked above.
            slots[at] = (j as u32, v, k);
        }
        // Sort each row by column and detect repeats.
        for i in 0..rows {
            let row = &mut slots[row_ptr[i]..row_ptr[i + 1]];
            row.sort_unstable_by_key(|s| s.0);
            for w in row.windows(2) {
                if w[0].0 == w[1].0 {
                    return Err(Error::DuplicateEntry {
                        row: i,
                        col: w[0].0 as usize,
                    });
                }
            }
        }
        let mut col_idx = Vec::with_capacity(slots.len());
        let mut values = Vec::with_capacity(slots.len());
        for (pos, (j, v, k)) in slots.into_iter().enumerate() {
            col_idx.push(j);
            values.push(v);
            order[k] = pos;
        }
        Ok((
            Self {
                rows,
                cols,
                row_ptr,
                col_idx,
                values,
            },
            order,
        ))
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.values.len()
    }

    /// The stored values, row by row.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The entry at row `i`, column `j` (0 when not stored). O(log(row length)).
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        if i >= self.rows || j >= self.cols {
            return None;
        }
        let (lo, hi) = (*self.row_ptr.get(i)?, *self.row_ptr.get(i + 1)?);
        let cols = self.col_idx.get(lo..hi)?;
        Some(match cols.binary_search(&(j as u32)) {
            Ok(k) => self.values.get(lo + k).copied().unwrap_or(0.0),
            Err(_) => 0.0,
        })
    }

    /// Every stored entry as `(row, col, value)`, row by row.
    pub fn triplets(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        self.row_ptr.windows(2).enumerate().flat_map(move |(i, w)| {
            let (lo, hi) = (w[0], w[1]);
            self.col_idx[lo..hi]
                .iter()
                .zip(&self.values[lo..hi])
                .map(move |(&j, &v)| (i, j as usize, v))
        })
    }

    /// Row sums. O(nnz + rows).
    pub fn row_sums(&self) -> Vec<f64> {
        self.row_ptr
            .windows(2)
            .map(|w| self.values[w[0]..w[1]].iter().sum())
            .collect()
    }

    /// Column sums. O(nnz + cols).
    pub fn col_sums(&self) -> Vec<f64> {
        let mut cs = vec![0.0; self.cols];
        for (&j, &v) in self.col_idx.iter().zip(&self.values) {
            if let Some(c) = cs.get_mut(j as usize) {
                *c += v;
            }
        }
        cs
    }
}

fn check_options(o: &RasOptions) -> Result<()> {
    if !o.tolerance.is_finite() || o.tolerance < 0.0 {
        return Err(Error::InvalidOptions(format!(
            "the RAS tolerance is {}; it must be a finite number ≥ 0",
            o.tolerance
        )));
    }
    if o.max_iterations == 0 {
        return Err(Error::InvalidOptions(
            "maxIterations is 0; RAS needs at least one iteration".into(),
        ));
    }
    Ok(())
}

fn check_targets(what: &'static str, targets: &[f64], expected: usize) -> Result<()> {
    if targets.len() != expected {
        return Err(Error::Dimension {
            what,
            expected,
            found: targets.len(),
        });
    }
    for (i, &t) in targets.iter().enumerate() {
        if !t.is_finite() || t < 0.0 {
            return Err(Error::InvalidValue {
                what,
                at: format!("{what} {i}"),
                value: t,
                reason: "a RAS target must be a finite number ≥ 0",
            });
        }
    }
    Ok(())
}

fn check_entries<'a>(entries: impl Iterator<Item = (usize, usize, &'a f64)>) -> Result<()> {
    for (i, j, &v) in entries {
        if !v.is_finite() || v < 0.0 {
            return Err(Error::InvalidValue {
                what: "matrix entry",
                at: format!("row {i}, column {j}"),
                value: v,
                reason: "RAS scales non-negative finite entries",
            });
        }
    }
    Ok(())
}

/// Names a row or column in an error.
pub(crate) type Label<'a> = &'a dyn Fn(usize) -> String;

/// The checks every input must pass before RAS starts: zero rows and columns with a
/// target, and totals that cannot be reconciled.
pub(crate) fn feasibility(
    row_sums: &[f64],
    col_sums: &[f64],
    u: &[f64],
    v: &[f64],
    tolerance: f64,
    row_label: Label<'_>,
    col_label: Label<'_>,
) -> Result<()> {
    for (i, (&s, &t)) in row_sums.iter().zip(u).enumerate() {
        if s == 0.0 && t > tolerance {
            return Err(Error::NotConvergeable(format!(
                "{} has no non-zero entry but its target is {t}: no scaling can reach it",
                row_label(i)
            )));
        }
    }
    for (j, (&s, &t)) in col_sums.iter().zip(v).enumerate() {
        if s == 0.0 && t > tolerance {
            return Err(Error::NotConvergeable(format!(
                "{} has no non-zero entry but its target is {t}: no scaling can reach it",
                col_label(j)
            )));
        }
    }
    let su: f64 = u.iter().sum();
    let sv: f64 = v.iter().sum();
    let slack = 16.0 * f64::EPSILON * (su.abs() + sv.abs());
    let rows = u.len().max(1) as f64;
    if (su - sv).abs() > tolerance * rows + slack {
        return Err(Error::NotConvergeable(format!(
            "the row targets add up to {su} and the column targets to {sv}: they differ by {}, more than {} rows × tolerance {tolerance} allow",
            su - sv,
            u.len()
        )));
    }
    Ok(())
}

fn max_residual(sums: &[f64], targets: &[f64]) -> f64 {
    sums.iter()
        .zip(targets)
        .map(|(s, t)| (s - t).abs())
        .fold(0.0, f64::max)
}

fn diverged(residual: f64, iterations: u32) -> Result<()> {
    if residual.is_finite() {
        Ok(())
    } else {
        Err(Error::NotConvergeable(format!(
            "the scaling overflowed after {iterations} iterations (a row or column sum became 0 or infinite)"
        )))
    }
}

/// `Σ a[j] · s[j]`, with eight independent accumulators so that the loop vectorises.
#[inline]
fn dot(a: &[f64], s: &[f64]) -> f64 {
    let mut acc = [0.0f64; 8];
    let ac = a.chunks_exact(8);
    let sc = s.chunks_exact(8);
    let (ar, sr) = (ac.remainder(), sc.remainder());
    for (x, f) in ac.zip(sc) {
        for k in 0..8 {
            acc[k] += x[k] * f[k];
        }
    }
    let mut tail = 0.0;
    for (x, f) in ar.iter().zip(sr) {
        tail += x * f;
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// Four dot products with the same `s` at once (`s` is read once for the four rows).
#[inline]
fn dot4(rows: [&[f64]; 4], s: &[f64]) -> [f64; 4] {
    let mut acc = [[0.0f64; 4]; 4];
    let c0 = rows[0].chunks_exact(4);
    let c1 = rows[1].chunks_exact(4);
    let c2 = rows[2].chunks_exact(4);
    let c3 = rows[3].chunks_exact(4);
    let cs = s.chunks_exact(4);
    let tails = [
        c0.remainder(),
        c1.remainder(),
        c2.remainder(),
        c3.remainder(),
    ];
    let stail = cs.remainder();
    for ((((x0, x1), x2), x3), f) in c0.zip(c1).zip(c2).zip(c3).zip(cs) {
        for l in 0..4 {
            acc[0][l] += x0[l] * f[l];
            acc[1][l] += x1[l] * f[l];
            acc[2][l] += x2[l] * f[l];
            acc[3][l] += x3[l] * f[l];
        }
    }
    let mut out = [0.0; 4];
    for k in 0..4 {
        let tail: f64 = tails[k].iter().zip(stail).map(|(x, f)| x * f).sum();
        out[k] = (acc[k][0] + acc[k][2]) + (acc[k][1] + acc[k][3]) + tail;
    }
    out
}

/// The sum and the minimum of a row (eight lanes each, so that the loop vectorises).
#[inline]
fn sum_min(row: &[f64]) -> (f64, f64) {
    let mut acc = [0.0f64; 8];
    let mut min = [f64::INFINITY; 8];
    let chunks = row.chunks_exact(8);
    let rest = chunks.remainder();
    for x in chunks {
        for k in 0..8 {
            acc[k] += x[k];
            min[k] = if x[k] < min[k] { x[k] } else { min[k] };
        }
    }
    let mut sum = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
    let mut m = min
        .iter()
        .fold(f64::INFINITY, |a, &b| if b < a { b } else { a });
    for &x in rest {
        sum += x;
        if x < m {
            m = x;
        }
    }
    (sum, m)
}

/// The iteration state in factor form: the current matrix is `diag(r) · A0 · diag(s)`, with
/// `A0` the start matrix, left untouched until the end.
struct Factors {
    r: Vec<f64>,
    r_prev: Vec<f64>,
    s: Vec<f64>,
    cs: Vec<f64>,
}

impl Factors {
    fn new(rows: usize, cols: usize) -> Self {
        Self {
            r: vec![1.0; rows],
            r_prev: vec![1.0; rows],
            s: vec![1.0; cols],
            cs: vec![0.0; cols],
        }
    }

    /// Row `i`, whose dot product with `s` is `d`: returns the row's current residual and sets
    /// its new factor (a row with `d = 0` keeps its factor; feasibility allowed it).
    #[inline]
    fn scale_row(&mut self, i: usize, d: f64, target: f64) -> (f64, f64) {
        let ri = self.r.get(i).copied().unwrap_or(1.0);
        let residual = (ri * d - target).abs();
        let new = if d > 0.0 { target / d } else { ri };
        if let (Some(r), Some(p)) = (self.r.get_mut(i), self.r_prev.get_mut(i)) {
            *p = ri;
            *r = new;
        }
        (residual, new)
    }

    /// Column factors from the column sums of `diag(r) · A0`.
    fn scale_columns(&mut self, v: &[f64]) {
        for ((s, &c), &vj) in self.s.iter_mut().zip(&self.cs).zip(v) {
            if c > 0.0 {
                *s = vj / c;
            }
        }
    }
}

/// The common loop: `sweep` runs one iteration over every row (reading the start matrix only)
/// and returns the largest row residual of the state *before* it; when that state had
/// converged, its row factors are restored and the loop stops.
fn iterate(
    f: &mut Factors,
    v: &[f64],
    options: &RasOptions,
    mut sweep: impl FnMut(&mut Factors) -> f64,
) -> Result<u32> {
    let mut iterations = 0u32;
    while iterations < options.max_iterations {
        f.cs.fill(0.0);
        let residual = sweep(f);
        diverged(residual, iterations)?;
        if residual <= options.tolerance && iterations > 0 {
            std::mem::swap(&mut f.r, &mut f.r_prev);
            return Ok(iterations);
        }
        f.scale_columns(v);
        iterations += 1;
    }
    Ok(iterations)
}

/// Runs RAS on a dense matrix in place: rows towards `u`, columns towards `v`.
///
/// The iterations work in factor form (the current matrix is `diag(r) · A · diag(s)`): each
/// reads the matrix once, row by row (a dot product with `s` gives the row sum and the row
/// factor, then the row, still in cache, adds to the column sums), and writes nothing; one
/// last pass writes the result and measures its residuals. O(rows · cols) per iteration;
/// allocation O(rows + cols) once.
pub fn ras_dense(
    a: &mut DenseMatrix,
    u: &[f64],
    v: &[f64],
    options: &RasOptions,
) -> Result<RasOutcome> {
    check_options(options)?;
    check_targets("row targets", u, a.rows)?;
    check_targets("column targets", v, a.cols)?;
    let cols = a.cols.max(1);
    // One pass: row and column sums, and whether every entry is finite and ≥ 0 (a NaN or an
    // infinity makes its row sum non-finite; a negative entry the row minimum negative).
    let mut rs = vec![0.0; a.rows];
    let mut cs = vec![0.0; a.cols];
    let mut ok = true;
    for (row, s) in a.data.chunks_exact(cols).zip(rs.iter_mut()) {
        let (sum, min) = sum_min(row);
        ok &= sum.is_finite() && min >= 0.0;
        for (c, x) in cs.iter_mut().zip(row) {
            *c += *x;
        }
        *s = sum;
    }
    if !ok {
        check_entries(
            a.data
                .iter()
                .enumerate()
                .map(|(k, x)| (k / cols, k % cols, x)),
        )?;
    }
    feasibility(
        &rs,
        &cs,
        u,
        v,
        options.tolerance,
        &|i| format!("row {i}"),
        &|j| format!("column {j}"),
    )?;
    if max_residual(&rs, u) <= options.tolerance && max_residual(&cs, v) <= options.tolerance {
        return Ok(RasOutcome {
            iterations: 0,
            converged: true,
            max_row_residual: max_residual(&rs, u),
            max_column_residual: max_residual(&cs, v),
        });
    }
    let mut f = Factors::new(a.rows, a.cols);
    let data = &a.data;
    let iterations = iterate(&mut f, v, options, |f| {
        let mut worst = 0.0f64;
        let mut note = |res: f64| {
            worst = if res.is_finite() {
                worst.max(res)
            } else {
                f64::INFINITY
            };
        };
        // Four rows at a time: `s` and the column sums go through the core once per block.
        let mut blocks = data.chunks_exact(4 * cols);
        let mut i = 0;
        for block in &mut blocks {
            let (r0, rest) = block.split_at(cols);
            let (r1, rest) = rest.split_at(cols);
            let (r2, r3) = rest.split_at(cols);
            let d = dot4([r0, r1, r2, r3], &f.s);
            let mut ri = [0.0; 4];
            for k in 0..4 {
                let target = u.get(i + k).copied().unwrap_or(0.0);
                let (res, new) = f.scale_row(i + k, d[k], target);
                note(res);
                ri[k] = new;
            }
            for ((((c, x0), x1), x2), x3) in f.cs.iter_mut().zip(r0).zip(r1).zip(r2).zip(r3) {
                *c += (ri[0] * x0 + ri[1] * x1) + (ri[2] * x2 + ri[3] * x3);
            }
            i += 4;
        }
        for row in blocks.remainder().chunks_exact(cols) {
            let d = dot(row, &f.s);
            let target = u.get(i).copied().unwrap_or(0.0);
            let (res, ri) = f.scale_row(i, d, target);
            note(res);
            for (c, x) in f.cs.iter_mut().zip(row) {
                *c += ri * *x;
            }
            i += 1;
        }
        worst
    })?;
    // Write the result, measuring its sums.
    cs.fill(0.0);
    for ((row, &ri), s_out) in a.data.chunks_exact_mut(cols).zip(&f.r).zip(rs.iter_mut()) {
        let mut acc = 0.0;
        for ((x, &sj), c) in row.iter_mut().zip(&f.s).zip(cs.iter_mut()) {
            *x = ri * *x * sj;
            *c += *x;
            acc += *x;
        }
        *s_out = acc;
    }
    let (row_res, col_res) = (max_residual(&rs, u), max_residual(&cs, v));
    Ok(RasOutcome {
        iterations,
        converged: row_res <= options.tolerance && col_res <= options.tolerance,
        max_row_residual: row_res,
        max_column_residual: col_res,
    })
}

/// Runs RAS on a sparse (CSR) matrix in place: rows towards `u`, columns towards `v`.
///
/// Factor form as in [`ras_dense`]: each iteration reads the stored values and column
/// indices once (a gather for the row sums, a scatter for the column sums) and writes
/// nothing; the last pass writes the result. O(nnz + rows + cols) per iteration; allocation
/// O(rows + cols) once.
///
/// ```
/// use govframe_accounting::ras::{SparseMatrix, RasOptions, ras_sparse};
/// let mut m = SparseMatrix::from_triplets(2, 3, [(0, 0, 1.0), (0, 2, 1.0), (1, 1, 2.0), (1, 2, 2.0)])?;
/// let out = ras_sparse(&mut m, &[4.0, 6.0], &[1.0, 3.0, 6.0], &RasOptions::default())?;
/// assert!(out.converged, "{out:?}");
/// assert!((m.get(1, 1).unwrap() - 3.0).abs() < 1e-6);
/// # Ok::<(), govframe_accounting::Error>(())
/// ```
pub fn ras_sparse(
    m: &mut SparseMatrix,
    u: &[f64],
    v: &[f64],
    options: &RasOptions,
) -> Result<RasOutcome> {
    ras_sparse_labelled(m, u, v, options, &|i| format!("row {i}"), &|j| {
        format!("column {j}")
    })
}

pub(crate) fn ras_sparse_labelled(
    m: &mut SparseMatrix,
    u: &[f64],
    v: &[f64],
    options: &RasOptions,
    row_label: Label<'_>,
    col_label: Label<'_>,
) -> Result<RasOutcome> {
    check_options(options)?;
    check_targets("row targets", u, m.rows)?;
    check_targets("column targets", v, m.cols)?;
    check_entries(m.triplets_ref())?;
    let mut rs = m.row_sums();
    let mut cs = m.col_sums();
    feasibility(&rs, &cs, u, v, options.tolerance, row_label, col_label)?;
    if max_residual(&rs, u) <= options.tolerance && max_residual(&cs, v) <= options.tolerance {
        return Ok(RasOutcome {
            iterations: 0,
            converged: true,
            max_row_residual: max_residual(&rs, u),
            max_column_residual: max_residual(&cs, v),
        });
    }
    let mut f = Factors::new(m.rows, m.cols);
    let (row_ptr, col_idx, values) = (&m.row_ptr, &m.col_idx, &m.values);
    let iterations = iterate(&mut f, v, options, |f| {
        let mut worst = 0.0f64;
        for (i, (w, &ui)) in row_ptr.windows(2).zip(u).enumerate() {
            let (idx, vals) = match (col_idx.get(w[0]..w[1]), values.get(w[0]..w[1])) {
                (Some(a), Some(b)) => (a, b),
                _ => continue,
            };
            let mut d = 0.0;
            for (&j, &x) in idx.iter().zip(vals) {
                d += x * f.s.get(j as usize).copied().unwrap_or(0.0);
            }
            let (res, ri) = f.scale_row(i, d, ui);
            worst = worst.max(res);
            if !res.is_finite() {
                worst = f64::INFINITY;
            }
            for (&j, &x) in idx.iter().zip(vals) {
                if let Some(c) = f.cs.get_mut(j as usize) {
                    *c += ri * x;
                }
            }
        }
        worst
    })?;
    cs.fill(0.0);
    let SparseMatrix {
        row_ptr,
        col_idx,
        values,
        ..
    } = m;
    for ((w, &ri), s_out) in row_ptr.windows(2).zip(&f.r).zip(rs.iter_mut()) {
        let mut acc = 0.0;
        if let (Some(idx), Some(vals)) = (col_idx.get(w[0]..w[1]), values.get_mut(w[0]..w[1])) {
            for (&j, x) in idx.iter().zip(vals.iter_mut()) {
                *x = ri * *x * f.s.get(j as usize).copied().unwrap_or(1.0);
                if let Some(c) = cs.get_mut(j as usize) {
                    *c += *x;
                }
                acc += *x;
            }
        }
        *s_out = acc;
    }
    let (row_res, col_res) = (max_residual(&rs, u), max_residual(&cs, v));
    Ok(RasOutcome {
        iterations,
        converged: row_res <= options.tolerance && col_res <= options.tolerance,
        max_row_residual: row_res,
        max_column_residual: col_res,
    })
}

impl SparseMatrix {
    fn triplets_ref(&self) -> impl Iterator<Item = (usize, usize, &f64)> {
        self.row_ptr.windows(2).enumerate().flat_map(move |(i, w)| {
            let (lo, hi) = (w[0], w[1]);
            self.col_idx[lo..hi]
                .iter()
                .zip(&self.values[lo..hi])
                .map(move |(&j, v)| (i, j as usize, v))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::needless_range_loop)]
    fn textbook_case_converges_to_the_published_a() {
        // methods.md §3.3 (c): GAMS iobalance data, Miller and Blair §7.4.2.
        let a0 = [
            [0.120, 0.100, 0.049],
            [0.210, 0.247, 0.265],
            [0.026, 0.249, 0.145],
        ];
        let x = [421.0, 284.0, 283.0];
        let u = [245.0, 136.0, 159.0];
        let v = [251.0, 107.0, 182.0];
        let z0: Vec<f64> = (0..3)
            .flat_map(|i| (0..3).map(move |j| a0[i][j] * x[j]))
            .collect();
        let expected = [
            [0.39242, 0.12188, 0.15963],
            [0.15090, 0.06615, 0.18970],
            [0.05288, 0.18873, 0.29378],
        ];
        let opts = RasOptions {
            tolerance: 1e-12,
            max_iterations: 1000,
        };
        let mut dense = DenseMatrix::new(3, 3, z0.clone()).unwrap();
        let out = ras_dense(&mut dense, &u, &v, &opts).unwrap();
        assert!(out.converged, "{out:?}");
        let trip = (0..3).flat_map(|i| (0..3).map(move |j| (i, j, a0[i][j] * x[j])));
        let mut sparse = SparseMatrix::from_triplets(3, 3, trip).unwrap();
        let out_s = ras_sparse(&mut sparse, &u, &v, &opts).unwrap();
        assert!(out_s.converged, "{out_s:?}");
        for i in 0..3 {
            for j in 0..3 {
                let ad = dense.get(i, j).unwrap() / x[j];
                let asp = sparse.get(i, j).unwrap() / x[j];
                assert!(
                    (ad - expected[i][j]).abs() < 1e-5,
                    "dense A[{i}][{j}] = {ad}"
                );
                assert!(
                    (asp - expected[i][j]).abs() < 1e-5,
                    "sparse A[{i}][{j}] = {asp}"
                );
            }
        }
        assert_eq!(out.iterations, out_s.iterations);
    }

    #[test]
    fn zero_row_with_target_is_refused() {
        let mut a = DenseMatrix::new(2, 2, vec![1.0, 1.0, 0.0, 0.0]).unwrap();
        let err = ras_dense(&mut a, &[1.0, 1.0], &[1.0, 1.0], &RasOptions::default()).unwrap_err();
        assert!(
            matches!(err, Error::NotConvergeable(ref m) if m.contains("row 1")),
            "{err}"
        );
    }

    #[test]
    fn inconsistent_totals_are_refused() {
        let mut a = DenseMatrix::new(2, 2, vec![1.0; 4]).unwrap();
        let err = ras_dense(&mut a, &[1.0, 1.0], &[1.0, 2.0], &RasOptions::default()).unwrap_err();
        assert!(
            matches!(err, Error::NotConvergeable(ref m) if m.contains("differ")),
            "{err}"
        );
    }

    #[test]
    fn negative_entries_and_bad_shapes_are_refused() {
        let mut a = DenseMatrix::new(1, 2, vec![1.0, -1.0]).unwrap();
        let err = ras_dense(&mut a, &[1.0], &[0.5, 0.5], &RasOptions::default()).unwrap_err();
        assert!(matches!(err, Error::InvalidValue { .. }), "{err}");
        let mut a = DenseMatrix::new(1, 2, vec![1.0, f64::NAN]).unwrap();
        let err = ras_dense(&mut a, &[1.0], &[0.5, 0.5], &RasOptions::default()).unwrap_err();
        assert!(matches!(err, Error::InvalidValue { .. }), "{err}");
        assert!(DenseMatrix::new(2, 2, vec![1.0; 3]).is_err());
        assert!(SparseMatrix::from_triplets(2, 2, [(0, 0, 1.0), (0, 0, 2.0)]).is_err());
        assert!(SparseMatrix::from_triplets(2, 2, [(2, 0, 1.0)]).is_err());
        let mut m = SparseMatrix::from_triplets(1, 1, [(0, 0, 1.0)]).unwrap();
        assert!(ras_sparse(&mut m, &[1.0, 2.0], &[1.0], &RasOptions::default()).is_err());
        let bad = RasOptions {
            tolerance: -1.0,
            max_iterations: 1,
        };
        assert!(ras_sparse(&mut m, &[1.0], &[1.0], &bad).is_err());
    }

    #[test]
    fn infeasible_pattern_reports_no_convergence() {
        // Row 0 can only reach column 0, whose target is smaller than row 0's.
        let mut m =
            SparseMatrix::from_triplets(2, 2, [(0, 0, 1.0), (1, 0, 1.0), (1, 1, 1.0)]).unwrap();
        let opts = RasOptions {
            tolerance: 1e-9,
            max_iterations: 50,
        };
        let out = ras_sparse(&mut m, &[2.0, 1.0], &[1.0, 2.0], &opts).unwrap();
        assert!(!out.converged);
        assert_eq!(out.iterations, 50);
    }
}
