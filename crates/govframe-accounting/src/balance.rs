//! Balancing a supply-use table with RAS.
//!
//! Supply, final uses and value added are taken as known; the intermediate consumption
//! matrix `U` is scaled (keeping its pattern of non-empty cells) so that
//!
//! * each product's intermediate use reaches `supply at purchasers' prices − final uses`
//!   (then supply = use for the product), and
//! * each industry's intermediate consumption reaches `output − value added` (then output =
//!   intermediate consumption + value added for the industry).
//!
//! The two sets of targets add up to the same total only when GDP by the income approach
//! plus the margins equals GDP by the expenditure approach; otherwise the table is refused.
//! O(nnz + products + industries) per iteration (sparse RAS, see [`crate::ras`]).

use govframe_core::{Issues, Level, Pointer};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ras::{RasOptions, RasOutcome, SparseMatrix, ras_sparse_labelled};
use crate::table::SupplyUseTable;
use crate::totals::{IdIndex, TableTotals};
use crate::{Error, Result, Tolerance};

/// A balanced table and how RAS got there.
#[derive(Debug, Clone, PartialEq)]
pub struct Balanced {
    /// The table with its intermediate consumption scaled (everything else unchanged).
    pub table: SupplyUseTable,
    /// Iterations and final residuals.
    pub ras: RasOutcome,
}

/// What `govframe accounts balance` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BalanceSummary {
    /// The table balanced (its document id).
    pub table: String,
    /// The options used.
    pub options: RasOptions,
    /// Iterations and final residuals.
    pub ras: RasOutcome,
    /// Number of intermediate-consumption cells scaled.
    pub cells: u64,
    /// The largest change of a cell, in absolute value.
    pub max_change: f64,
}

/// Balances `table` with RAS on its intermediate consumption (see the module docs).
///
/// Fails with [`Error::InvalidTable`] on structural errors (unknown ids, negative
/// intermediate consumption, duplicate cells…), and with [`Error::NotConvergeable`] when a
/// target is negative, a product or industry with a non-zero target has no
/// intermediate-consumption cell, or the totals of the targets differ. When RAS stops at
/// `max_iterations`, the result says `converged: false`. When it converges, the result's
/// declared `tolerance` is raised, if needed, to an absolute `products × options.tolerance`,
/// which its residuals are within, so that it passes its own validation.
///
/// ```
/// use govframe_accounting::{balance, check, ras::RasOptions, Tolerance};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/invalid/demo-sut-unbalanced.json"))?;
/// let table: govframe_accounting::SupplyUseTable = serde_json::from_str(&text)?;
/// assert!(!check(&table, Tolerance::EXACT).passed);
/// let out = balance(&table, &RasOptions { tolerance: 1e-9, max_iterations: 1000 })?;
/// assert!(out.ras.converged);
/// assert!(check(&out.table, Tolerance::new(1e-6, 0.0)?).passed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn balance(table: &SupplyUseTable, options: &RasOptions) -> Result<Balanced> {
    let mut issues = Issues::new(Level::Semantics);
    crate::validate::structure(table, &mut issues);
    if issues.errors() > 0 {
        return Err(Error::InvalidTable(
            issues
                .into_vec()
                .into_iter()
                .filter(|i| i.severity == govframe_core::Severity::Error)
                .collect(),
        ));
    }
    let index = IdIndex::new(table);
    let totals = TableTotals::with_index(table, &index);
    let product_label = |i: usize| match table.products.get(i) {
        Some(p) => format!(
            "product {:?} ({})",
            p.id.as_str(),
            Pointer::root().key("products").index(i)
        ),
        None => format!("product {i}"),
    };
    let industry_label = |j: usize| match table.industries.get(j) {
        Some(p) => format!(
            "industry {:?} ({})",
            p.id.as_str(),
            Pointer::root().key("industries").index(j)
        ),
        None => format!("industry {j}"),
    };
    let mut u = Vec::with_capacity(totals.products.len());
    for (i, t) in totals.products.iter().enumerate() {
        let target = t.supply_purchasers() - t.final_uses();
        if target < -options.tolerance {
            return Err(Error::NotConvergeable(format!(
                "{}: supply at purchasers' prices {} less final uses {} leaves {} for intermediate use, which cannot be negative",
                product_label(i),
                t.supply_purchasers(),
                t.final_uses(),
                target
            )));
        }
        u.push(target.max(0.0));
    }
    let mut v = Vec::with_capacity(totals.industries.len());
    for (j, t) in totals.industries.iter().enumerate() {
        let target = t.output - t.value_added();
        if target < -options.tolerance {
            return Err(Error::NotConvergeable(format!(
                "{}: output {} less value added {} leaves {} for intermediate consumption, which cannot be negative",
                industry_label(j),
                t.output,
                t.value_added(),
                target
            )));
        }
        v.push(target.max(0.0));
    }
    let cells = &table.use_table.intermediate_consumption;
    let mut triplets = Vec::with_capacity(cells.len());
    for c in cells {
        // Structure was checked: every id is known.
        if let (Some(p), Some(i)) = (
            index.product(c.product.as_str()),
            index.industry(c.industry.as_str()),
        ) {
            triplets.push((p, i, c.value));
        }
    }
    let (mut m, order) = SparseMatrix::from_triplets_with_order(
        table.products.len(),
        table.industries.len(),
        triplets,
    )?;
    let ras = ras_sparse_labelled(&mut m, &u, &v, options, &product_label, &industry_label)?;
    let mut out = table.clone();
    for (cell, pos) in out.use_table.intermediate_consumption.iter_mut().zip(order) {
        if let Some(&x) = m.values().get(pos) {
            cell.value = x;
        }
    }
    // Each product may miss its target by the RAS tolerance, and GDP by their sum: declare a
    // tolerance that covers it, so that the result passes its own validation.
    let declared = table.tolerance.unwrap_or(Tolerance::DEFAULT);
    let needed = options.tolerance * table.products.len().max(1) as f64;
    if ras.converged && needed > declared.absolute {
        out.tolerance = Some(Tolerance {
            absolute: needed,
            relative: declared.relative,
        });
    }
    Ok(Balanced { table: out, ras })
}

impl Balanced {
    /// A summary for reports, comparing with the table before balancing.
    pub fn summary(&self, before: &SupplyUseTable, options: &RasOptions) -> BalanceSummary {
        let max_change = before
            .use_table
            .intermediate_consumption
            .iter()
            .zip(&self.table.use_table.intermediate_consumption)
            .map(|(a, b)| (a.value - b.value).abs())
            .fold(0.0, f64::max);
        BalanceSummary {
            table: self.table.id.as_str().to_owned(),
            options: *options,
            ras: self.ras,
            cells: self.table.use_table.intermediate_consumption.len() as u64,
            max_change,
        }
    }
}
