//! Shared helpers of the integration tests: reading the example tables and generating
//! balanced tables.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use govframe_accounting::{
    Industry, MatrixCell, Product, ProductValue, SupplyUseTable, UnitMultiplier, ValueAdded,
};
use govframe_core::{Id, LocalizedText};
use proptest::prelude::*;

/// Reads `examples/data/NAME`.
pub fn example(name: &str) -> SupplyUseTable {
    let path = format!("{}/../../examples/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

/// The raw numbers of a table: products × industries.
#[derive(Debug, Clone)]
pub struct Spec {
    pub output: Vec<Vec<f64>>,
    pub ic: Vec<Vec<f64>>,
    pub margins: Vec<f64>,
    pub taxes: Vec<f64>,
    pub household: Vec<f64>,
    pub gcf: Vec<f64>,
    pub re_exports: Vec<f64>,
    pub other_taxes: Vec<f64>,
}

/// Builds a table that balances exactly (integers): imports or exports close each product,
/// value added closes each industry; zero cells are left out (sparse).
pub fn build(spec: &Spec) -> SupplyUseTable {
    let n = spec.output.len();
    let m = spec.output.first().map_or(0, Vec::len);
    let mut t = SupplyUseTable::new(
        id("generated"),
        LocalizedText::en("Generated table"),
        "XXX".parse().unwrap(),
        2024,
        "EUR".parse().unwrap(),
        UnitMultiplier::Millions,
    );
    let p = |i: usize| id(&format!("P{i}"));
    let ind = |j: usize| id(&format!("I{j}"));
    t.products = (0..n)
        .map(|i| Product::new(p(i), LocalizedText::en(format!("Product {i}"))))
        .collect();
    t.industries = (0..m)
        .map(|j| Industry::new(ind(j), LocalizedText::en(format!("Industry {j}"))))
        .collect();
    for i in 0..n {
        for j in 0..m {
            if spec.output[i][j] != 0.0 {
                t.supply
                    .output
                    .push(MatrixCell::new(p(i), ind(j), spec.output[i][j]));
            }
            if spec.ic[i][j] != 0.0 {
                t.use_table.intermediate_consumption.push(MatrixCell::new(
                    p(i),
                    ind(j),
                    spec.ic[i][j],
                ));
            }
        }
    }
    for i in 0..n {
        let v: f64 = spec.output[i].iter().sum();
        let u: f64 = spec.ic[i].iter().sum();
        let supply = v + spec.margins[i] + spec.taxes[i];
        let uses = u + spec.household[i] + spec.gcf[i];
        let (imports, exports) = if uses >= supply {
            (uses - supply, 0.0)
        } else {
            (0.0, supply - uses)
        };
        let imports = imports + spec.re_exports[i];
        let exports = exports + spec.re_exports[i];
        let push = |list: &mut Vec<ProductValue>, value: f64| {
            if value != 0.0 {
                list.push(ProductValue::new(p(i), value));
            }
        };
        push(&mut t.supply.imports, imports);
        push(&mut t.supply.trade_and_transport_margins, spec.margins[i]);
        push(
            &mut t.supply.taxes_less_subsidies_on_products,
            spec.taxes[i],
        );
        push(&mut t.use_table.household_consumption, spec.household[i]);
        push(&mut t.use_table.gross_capital_formation, spec.gcf[i]);
        push(&mut t.use_table.exports, exports);
    }
    for j in 0..m {
        let out: f64 = (0..n).map(|i| spec.output[i][j]).sum();
        let ic: f64 = (0..n).map(|i| spec.ic[i][j]).sum();
        let va = out - ic;
        let coe = (va / 2.0).floor();
        let other = spec.other_taxes[j];
        t.value_added.push(ValueAdded {
            industry: ind(j),
            compensation_of_employees: coe,
            other_taxes_less_subsidies_on_production: other,
            gross_operating_surplus_and_mixed_income: va - coe - other,
        });
    }
    t
}

/// Integer tables with 1–6 products and 1–5 industries: every industry produces on the
/// diagonal (so output and GDP are well above zero), intermediate consumption is smaller than
/// output, margins sum to zero.
pub fn spec() -> impl Strategy<Value = Spec> {
    (1usize..=6, 1usize..=5).prop_flat_map(|(n, m)| {
        let cell = prop_oneof![2 => Just(0.0), 3 => (1u32..1000).prop_map(f64::from)];
        let small = prop_oneof![1 => Just(0.0), 2 => (1u32..40).prop_map(f64::from)];
        let vec_n = |s: std::ops::Range<u32>| proptest::collection::vec(s.prop_map(f64::from), n);
        (
            proptest::collection::vec(proptest::collection::vec(cell, m), n),
            proptest::collection::vec(proptest::collection::vec(small, m), n),
            proptest::collection::vec(0u32..30, n),
            vec_n(0..50),
            vec_n(0..500),
            vec_n(0..100),
            vec_n(0..20),
            proptest::collection::vec((0u32..5).prop_map(f64::from), m),
        )
            .prop_map(
                move |(
                    mut output,
                    ic,
                    raw_margins,
                    taxes,
                    household,
                    gcf,
                    re_exports,
                    other_taxes,
                )| {
                    for j in 0..m {
                        output[j % n][j] += 1000.0;
                    }
                    // Margins: every product but the last carries a positive margin, the last
                    // (the margin product) the negative total.
                    let mut margins: Vec<f64> = raw_margins.iter().map(|&x| f64::from(x)).collect();
                    if n > 1 {
                        let total: f64 = margins[..n - 1].iter().sum();
                        margins[n - 1] = -total;
                    } else {
                        margins[0] = 0.0;
                    }
                    Spec {
                        output,
                        ic,
                        margins,
                        taxes,
                        household,
                        gcf,
                        re_exports,
                        other_taxes,
                    }
                },
            )
    })
}
