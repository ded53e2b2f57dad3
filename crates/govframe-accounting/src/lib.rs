//! # govframe-accounting
//!
//! The accounting framework: (digital) supply-use tables, their identities, balancing by RAS,
//! and the digital-economy indicators, after the SNA / ESA 2010 supply-use framework and the
//! OECD *Handbook on Compiling Digital Supply and Use Tables* (2023).
//!
//! * [`SupplyUseTable`] — the `supplyUseTable` document: economy, year, currency and unit;
//!   products and industries as code lists; the supply table at basic prices (output,
//!   imports, trade and transport margins, taxes less subsidies on products); the use table at
//!   purchasers' prices (intermediate consumption, household and government consumption,
//!   gross capital formation, exports); value added by component; and the
//!   [digital extension](digital) (digital industries, digital products, nature of
//!   transaction). Stored sparsely: lists of non-empty cells (see [`table`]).
//! * [`check()`] — every identity as a rule with a stable id and a JSON Pointer naming the
//!   product or industry, with absolute and relative [`Tolerance`]s, reported as the
//!   `accountsCheckReport` document; the same rules run in [`Validate`](govframe_core::Validate).
//! * [`ras`] — RAS on dense and sparse (CSR) matrices; [`balance()`] applies it to a table's
//!   intermediate consumption.
//! * [`indicators()`] — value added of the digital industries and its share of GDP, digital
//!   products' shares of supply and use, expenditure by nature of transaction, as the
//!   `accountsIndicators` document.
//!
//! ```
//! use govframe_accounting::{check, Tolerance, SupplyUseTable};
//! use govframe_core::Validate;
//!
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/demo-sut.json"))?;
//! let mut table: SupplyUseTable = serde_json::from_str(&text)?;
//! assert!(table.validate().is_empty());
//!
//! // One more unit of household consumption of goods: supply no longer equals use.
//! table.use_table.household_consumption[0].value += 1.0;
//! let report = check(&table, Tolerance::EXACT);
//! assert_eq!(report.failures[0].rule, "accounting.identity.product-balance");
//! assert_eq!(report.failures[0].path, "/products/0");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod balance;
pub mod check;
pub mod digital;
pub mod indicators;
pub mod ras;
pub mod table;
pub mod totals;
pub mod validate;

pub use balance::{BalanceSummary, Balanced, balance};
pub use check::{
    AccountsCheckReport, AccountsCheckReportKind, CHECK_RULES, CheckFailure, RuleSummary,
    Tolerance, check, check_aggregates, is_check_rule,
};
pub use digital::{
    DigitalExtension, DigitalIndustry, DigitalIndustryCategory, DigitalProduct,
    DigitalProductCategory, Flow, IndustryPart, NatureOfTransaction, ProductPart, TransactionSplit,
};
pub use indicators::{
    AccountsIndicators, AccountsIndicatorsKind, DigitalIndustryIndicator, DigitalProductIndicator,
    FlowShares, NatureShare, indicators,
};
pub use table::{
    CurrencyCode, Industry, MatrixCell, Product, ProductValue, SupplyTable, SupplyUseTable,
    SupplyUseTableKind, UnitMultiplier, UseTable, ValueAdded,
};
pub use totals::{Aggregates, Gdp, IndustryTotals, ProductTotals, TableTotals};

use govframe_core::Issue;

/// Errors of this crate.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A core rule was broken.
    #[error(transparent)]
    Core(#[from] govframe_core::Error),
    /// A currency code is not three upper-case letters.
    #[error("invalid currency code {0:?}: expected an ISO 4217 code such as \"EUR\"")]
    InvalidCurrency(String),
    /// A tolerance is negative or not finite.
    #[error("invalid tolerance: {0}")]
    InvalidTolerance(String),
    /// RAS options are unusable.
    #[error("invalid RAS options: {0}")]
    InvalidOptions(String),
    /// A length does not match.
    #[error("{what}: expected {expected}, found {found}")]
    Dimension {
        /// What was measured.
        what: &'static str,
        /// The length expected.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// A sparse entry lies outside the matrix.
    #[error("entry {index} at row {row}, column {col} lies outside the {rows} × {cols} matrix")]
    OutOfRange {
        /// Position of the entry in the input.
        index: usize,
        /// Its row.
        row: usize,
        /// Its column.
        col: usize,
        /// Rows of the matrix.
        rows: usize,
        /// Columns of the matrix.
        cols: usize,
    },
    /// A sparse position is given twice.
    #[error("row {row}, column {col} is given more than once")]
    DuplicateEntry {
        /// The row.
        row: usize,
        /// The column.
        col: usize,
    },
    /// A value is out of its domain (negative, not finite).
    #[error("{what} at {at} is {value}: {reason}")]
    InvalidValue {
        /// What kind of value.
        what: &'static str,
        /// Where.
        at: String,
        /// The value.
        value: f64,
        /// The rule.
        reason: &'static str,
    },
    /// RAS cannot converge on this input.
    #[error("RAS cannot converge: {0}")]
    NotConvergeable(String),
    /// The table has structural errors (listed), so it cannot be balanced.
    #[error("the table has {} structural error(s); the first: {}", .0.len(), .0.first().map(|i| i.to_string()).unwrap_or_default())]
    InvalidTable(Vec<Issue>),
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
