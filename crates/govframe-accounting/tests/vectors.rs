//! The three test vectors of methods.md §3.3.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use govframe_accounting::ras::{DenseMatrix, RasOptions, SparseMatrix, ras_dense, ras_sparse};
use govframe_accounting::{
    Aggregates, Industry, MatrixCell, Product, ProductValue, SupplyUseTable, TableTotals,
    Tolerance, UnitMultiplier, ValueAdded, balance, check, check_aggregates,
};
use govframe_core::{LocalizedText, Validate};
use support::{example, id};

/// (a) Bulgaria, ESA 95, published aggregates.
fn bulgaria() -> Aggregates {
    Aggregates {
        output: 162_295.0,
        intermediate_consumption: 97_464.0,
        taxes_less_subsidies_on_products: 10_947.0 - 512.0,
        final_consumption: 57_392.0,
        gross_capital_formation: 17_364.0,
        exports: 50_061.0,
        imports: 49_552.0,
        compensation_of_employees: 27_966.0,
        gross_operating_surplus_and_mixed_income: 37_320.0,
        taxes_less_subsidies_on_production_and_imports: 11_380.0 - 1_401.0,
    }
}

#[test]
fn published_aggregates_pass_gdp_checks_with_tolerance_1_and_fail_with_0() {
    let a = bulgaria();
    assert_eq!(a.value_added(), 64_831.0);
    let gdp = a.gdp();
    assert_eq!(gdp.expenditure, 75_265.0);
    assert_eq!(gdp.income, 75_265.0);
    assert_eq!(gdp.production, 75_266.0);
    assert!(check_aggregates(&a, Tolerance::new(1.0, 0.0).unwrap()).is_empty());
    let failures = check_aggregates(&a, Tolerance::EXACT);
    let rules: Vec<&str> = failures.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            "accounting.identity.gdp-expenditure",
            "accounting.identity.gdp-income"
        ]
    );
    assert_eq!(failures[0].residual, 1.0);
}

#[test]
fn published_aggregates_as_a_one_by_one_table() {
    let t = example("demo-sut-bgr.json");
    assert_eq!(TableTotals::new(&t).aggregates().gdp(), bulgaria().gdp());
    // The table declares tolerance 1: valid.
    assert!(t.validate().is_empty(), "{:#?}", t.validate());
    let ok = check(&t, Tolerance::new(1.0, 0.0).unwrap());
    assert!(ok.passed, "{:#?}", ok.failures);
    let exact = check(&t, Tolerance::EXACT);
    assert!(!exact.passed);
    for rule in [
        "accounting.identity.gdp-expenditure",
        "accounting.identity.gdp-income",
        "accounting.identity.product-balance",
        "accounting.identity.industry-balance",
    ] {
        assert!(
            exact.failures.iter().any(|f| f.rule == rule),
            "{rule} should fail exactly: {:#?}",
            exact.failures
        );
    }
}

/// (b) The synthetic 2×2 table, built through the API.
fn synthetic() -> SupplyUseTable {
    let mut t = SupplyUseTable::new(
        id("synthetic-2x2"),
        LocalizedText::en("Synthetic 2×2"),
        "XXX".parse().unwrap(),
        2024,
        "EUR".parse().unwrap(),
        UnitMultiplier::Millions,
    );
    t.products = vec![
        Product::new(id("G"), LocalizedText::en("Goods")),
        Product::new(id("S"), LocalizedText::en("Services")),
    ];
    t.industries = vec![
        Industry::new(id("I1"), LocalizedText::en("Industry 1")),
        Industry::new(id("I2"), LocalizedText::en("Industry 2")),
    ];
    let cell = |p: &str, i: &str, v: f64| MatrixCell::new(id(p), id(i), v);
    let pv = |p: &str, v: f64| ProductValue::new(id(p), v);
    t.supply.output = vec![
        cell("G", "I1", 100.0),
        cell("G", "I2", 10.0),
        cell("S", "I1", 5.0),
        cell("S", "I2", 80.0),
    ];
    t.supply.imports = vec![pv("G", 30.0), pv("S", 10.0)];
    t.supply.trade_and_transport_margins = vec![pv("G", 12.0), pv("S", -12.0)];
    t.supply.taxes_less_subsidies_on_products = vec![pv("G", 8.0), pv("S", 3.0)];
    t.use_table.intermediate_consumption = vec![
        cell("G", "I1", 30.0),
        cell("G", "I2", 20.0),
        cell("S", "I1", 15.0),
        cell("S", "I2", 25.0),
    ];
    t.use_table.household_consumption = vec![pv("G", 70.0), pv("S", 30.0)];
    t.use_table.gross_capital_formation = vec![pv("G", 25.0), pv("S", 1.0)];
    t.use_table.exports = vec![pv("G", 15.0), pv("S", 15.0)];
    t.value_added = vec![
        ValueAdded {
            industry: id("I1"),
            compensation_of_employees: 60.0,
            other_taxes_less_subsidies_on_production: 0.0,
            gross_operating_surplus_and_mixed_income: 0.0,
        },
        ValueAdded {
            industry: id("I2"),
            compensation_of_employees: 45.0,
            other_taxes_less_subsidies_on_production: 0.0,
            gross_operating_surplus_and_mixed_income: 0.0,
        },
    ];
    t
}

#[test]
fn synthetic_two_by_two_balances() {
    for t in [synthetic(), example("demo-sut.json")] {
        let totals = TableTotals::new(&t);
        let supply_bp: Vec<f64> = totals.products.iter().map(|p| p.supply_basic()).collect();
        let supply_pp: Vec<f64> = totals
            .products
            .iter()
            .map(|p| p.supply_purchasers())
            .collect();
        let uses: Vec<f64> = totals.products.iter().map(|p| p.total_use()).collect();
        assert_eq!(supply_bp, [140.0, 95.0]);
        assert_eq!(supply_pp, [160.0, 86.0]);
        assert_eq!(uses, [160.0, 86.0]);
        let output: Vec<f64> = totals.industries.iter().map(|i| i.output).collect();
        let ic: Vec<f64> = totals
            .industries
            .iter()
            .map(|i| i.intermediate_consumption)
            .collect();
        let va: Vec<f64> = totals.industries.iter().map(|i| i.value_added()).collect();
        assert_eq!(output, [105.0, 90.0]);
        assert_eq!(ic, [45.0, 45.0]);
        assert_eq!(va, [60.0, 45.0]);
        let gdp = totals.aggregates().gdp();
        assert_eq!(
            (gdp.production, gdp.expenditure, gdp.income),
            (116.0, 116.0, 116.0)
        );
        let report = check(&t, Tolerance::EXACT);
        assert!(report.passed, "{:#?}", report.failures);
        assert!(report.rules.iter().all(|r| r.failed == 0));
        assert!(t.validate().is_empty(), "{:#?}", t.validate());
    }
}

#[test]
fn disturbed_synthetic_table_is_rebalanced_by_ras() {
    let t = example("invalid/demo-sut-unbalanced.json");
    let before = check(&t, Tolerance::EXACT);
    assert!(!before.passed);
    let opts = RasOptions {
        tolerance: 1e-10,
        max_iterations: 1000,
    };
    let out = balance(&t, &opts).unwrap();
    assert!(out.ras.converged, "{:?}", out.ras);
    assert!(out.ras.max_row_residual <= 1e-10 && out.ras.max_column_residual <= 1e-10);
    let after = check(&out.table, Tolerance::new(1e-8, 0.0).unwrap());
    assert!(after.passed, "{:#?}", after.failures);
    // Only intermediate consumption changed.
    let mut same = out.table.clone();
    same.use_table = t.use_table.clone();
    same.tolerance = t.tolerance;
    assert_eq!(same, t);
    assert!(
        out.table.validate().is_empty(),
        "{:#?}",
        out.table.validate()
    );
    assert_eq!(
        out.table.use_table.intermediate_consumption.len(),
        t.use_table.intermediate_consumption.len()
    );
}

/// (c) RAS on the GAMS `iobalance` data (Miller and Blair §7.4.2).
#[test]
#[allow(clippy::needless_range_loop)]
fn ras_textbook_case_reaches_the_converged_a() {
    let a0 = [
        [0.120, 0.100, 0.049],
        [0.210, 0.247, 0.265],
        [0.026, 0.249, 0.145],
    ];
    let x = [421.0, 284.0, 283.0];
    let u = [245.0, 136.0, 159.0];
    let v = [251.0, 107.0, 182.0];
    let converged = [
        [0.39242, 0.12188, 0.15963],
        [0.15090, 0.06615, 0.18970],
        [0.05288, 0.18873, 0.29378],
    ];
    let flows = |i: usize, j: usize| a0[i][j] * x[j];
    let opts = RasOptions {
        tolerance: 1e-12,
        max_iterations: 10_000,
    };
    let mut dense = DenseMatrix::new(3, 3, (0..9).map(|k| flows(k / 3, k % 3)).collect()).unwrap();
    let d = ras_dense(&mut dense, &u, &v, &opts).unwrap();
    let mut sparse = SparseMatrix::from_triplets(
        3,
        3,
        (0..9).rev().map(|k| (k / 3, k % 3, flows(k / 3, k % 3))),
    )
    .unwrap();
    let s = ras_sparse(&mut sparse, &u, &v, &opts).unwrap();
    for out in [d, s] {
        assert!(out.converged, "{out:?}");
        assert!(out.iterations > 5, "{out:?}");
        assert!(out.max_row_residual <= 1e-12 && out.max_column_residual <= 1e-12);
    }
    for i in 0..3 {
        for j in 0..3 {
            for (name, value) in [("dense", dense.get(i, j)), ("sparse", sparse.get(i, j))] {
                let a = value.unwrap() / x[j];
                assert!(
                    (a - converged[i][j]).abs() <= 1e-5,
                    "{name} A[{i}][{j}] = {a}, expected {}",
                    converged[i][j]
                );
            }
        }
    }
    // The "true" A1 = z1 / x differs from the RAS result (the point of the example).
    let z1 = [[98.0, 72.0, 75.0], [65.0, 8.0, 63.0], [88.0, 27.0, 44.0]];
    let a1_00 = z1[0][0] / x[0];
    assert!((a1_00 - converged[0][0]).abs() > 0.1);
}
