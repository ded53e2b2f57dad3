//! Property tests: balanced tables survive a JSON round trip; scaling every entry keeps every
//! verdict; converged RAS meets its targets.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeSet;

use govframe_accounting::ras::{DenseMatrix, RasOptions, SparseMatrix, ras_dense, ras_sparse};
use govframe_accounting::{SupplyUseTable, Tolerance, balance, check};
use govframe_core::Validate;
use proptest::prelude::*;
use support::{build, spec};

fn verdicts(t: &SupplyUseTable, tol: Tolerance) -> BTreeSet<(String, String)> {
    check(t, tol)
        .failures
        .into_iter()
        .map(|f| (f.rule, f.path))
        .collect()
}

/// A balanced table with a few cells disturbed by whole units (so that a failing identity
/// fails by far more than any relative tolerance of 1e-9).
fn disturbed() -> impl Strategy<Value = SupplyUseTable> {
    (
        spec(),
        proptest::collection::vec((any::<prop::sample::Index>(), 1u32..50), 0..4),
    )
        .prop_map(|(s, changes)| {
            let mut t = build(&s);
            for (at, by) in changes {
                let cells = &mut t.use_table.intermediate_consumption;
                if cells.is_empty() {
                    continue;
                }
                let k = at.index(cells.len());
                cells[k].value += f64::from(by);
            }
            t
        })
}

fn max_residual(sums: &[f64], targets: &[f64]) -> f64 {
    sums.iter()
        .zip(targets)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max)
}

/// A positive matrix with some zero cells, and targets from a disturbed copy with the same
/// pattern (so the targets are reachable).
fn ras_case() -> impl Strategy<Value = (usize, usize, Vec<f64>, Vec<f64>, Vec<f64>)> {
    (1usize..12, 1usize..12).prop_flat_map(|(r, c)| {
        let cell = prop_oneof![1 => Just(0.0), 4 => 0.01f64..10.0];
        (
            Just(r),
            Just(c),
            proptest::collection::vec(cell, r * c),
            proptest::collection::vec(0.5f64..2.0, r * c),
        )
            .prop_map(|(r, c, mut a, f)| {
                // Keep the diagonal filled so that no row or column is empty.
                for k in 0..r.max(c) {
                    let (i, j) = (k % r, k % c);
                    if a[i * c + j] == 0.0 {
                        a[i * c + j] = 1.0;
                    }
                }
                let target: Vec<f64> = a.iter().zip(&f).map(|(x, y)| x * y).collect();
                let u: Vec<f64> = (0..r)
                    .map(|i| target[i * c..(i + 1) * c].iter().sum())
                    .collect();
                let v: Vec<f64> = (0..c)
                    .map(|j| (0..r).map(|i| target[i * c + j]).sum())
                    .collect();
                (r, c, a, u, v)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_balanced_table_stays_balanced_through_json(s in spec()) {
        let t = build(&s);
        let before = check(&t, Tolerance::EXACT);
        prop_assert!(before.passed, "{:#?}", before.failures);
        prop_assert!(t.validate().is_empty(), "{:#?}", t.validate());
        let text = serde_json::to_string(&t).unwrap();
        let back: SupplyUseTable = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &t);
        let after = check(&back, Tolerance::EXACT);
        prop_assert!(after.passed, "{:#?}", after.failures);
        prop_assert_eq!(after, before);
    }

    #[test]
    fn scaling_every_entry_keeps_every_verdict(t in disturbed(), factor in prop_oneof![1e-3f64..1.0, 1.0f64..1e3]) {
        // A purely relative tolerance is scale-free.
        let rel = Tolerance::new(0.0, 1e-9).unwrap();
        let mut scaled = t.clone();
        scaled.scale(factor);
        prop_assert_eq!(verdicts(&scaled, rel), verdicts(&t, rel));
        // An absolute tolerance keeps its verdicts when it is scaled with the entries.
        let abs = Tolerance::new(10.0, 0.0).unwrap();
        let abs_scaled = Tolerance::new(10.0 * factor, 0.0).unwrap();
        // Residuals are whole numbers: keep clear of the boundary at exactly 10.
        let borderline = check(&t, Tolerance::EXACT).failures.iter().any(|f| (f.residual.abs() - 10.0).abs() < 0.5);
        if !borderline {
            prop_assert_eq!(verdicts(&scaled, abs_scaled), verdicts(&t, abs));
        }
        // Structural verdicts do not move either.
        let rules = |t: &SupplyUseTable| t.validate().into_iter().filter(|i| !govframe_accounting::is_check_rule(&i.rule)).map(|i| (i.rule, i.path)).collect::<BTreeSet<_>>();
        prop_assert_eq!(rules(&scaled), rules(&t));
    }

    #[test]
    fn converged_ras_meets_its_targets((r, c, a, u, v) in ras_case()) {
        let opts = RasOptions { tolerance: 1e-9, max_iterations: 10_000 };
        let mut dense = DenseMatrix::new(r, c, a.clone()).unwrap();
        let d = ras_dense(&mut dense, &u, &v, &opts).unwrap();
        if d.converged {
            prop_assert!(max_residual(&dense.row_sums(), &u) <= opts.tolerance, "{d:?}");
            prop_assert!(max_residual(&dense.col_sums(), &v) <= opts.tolerance, "{d:?}");
        }
        let triplets: Vec<(usize, usize, f64)> = a.iter().enumerate().filter(|(_, x)| **x != 0.0).map(|(k, x)| (k / c, k % c, *x)).collect();
        let nnz = triplets.len();
        let mut sparse = SparseMatrix::from_triplets(r, c, triplets).unwrap();
        let s = ras_sparse(&mut sparse, &u, &v, &opts).unwrap();
        prop_assert_eq!(sparse.nnz(), nnz);
        if s.converged {
            prop_assert!(max_residual(&sparse.row_sums(), &u) <= opts.tolerance, "{s:?}");
            prop_assert!(max_residual(&sparse.col_sums(), &v) <= opts.tolerance, "{s:?}");
            // Zeros stay zeros, entries stay non-negative.
            for (i, j, x) in sparse.triplets() {
                prop_assert!(x >= 0.0);
                prop_assert!(a[i * c + j] != 0.0);
            }
        }
        // The same iteration on the same numbers: dense and sparse agree (up to one
        // iteration, as they add in different orders).
        prop_assert!(d.iterations.abs_diff(s.iterations) <= 1, "{d:?} {s:?}");
    }

    #[test]
    fn a_balanced_by_ras_table_passes_the_checks(t in disturbed()) {
        let opts = RasOptions { tolerance: 1e-9, max_iterations: 10_000 };
        // Disturbing intermediate consumption keeps the targets' totals equal.
        match balance(&t, &opts) {
            Ok(out) => {
                if out.ras.converged {
                    let n = (t.products.len() + t.industries.len()) as f64;
                    let tol = Tolerance::new(1e-9 * n + 1e-9, 1e-12).unwrap();
                    let report = check(&out.table, tol);
                    prop_assert!(report.passed, "{:#?}", report.failures);
                }
            }
            // Zero rows or columns with a target are refused, never a panic.
            Err(e) => prop_assert!(matches!(e, govframe_accounting::Error::NotConvergeable(_)), "{e}"),
        }
    }
}
