//! # govframe-development
//!
//! The development framework: composite indices such as ITU's ICT Development Index, built
//! from their definition, with the normalisation, weighting and aggregation methods of the
//! OECD/JRC *Handbook on Constructing Composite Indicators* (2008), and an uncertainty and
//! sensitivity analysis of how much the ranks depend on the choices behind them.
//!
//! * [`CompositeIndex`] — the `compositeIndex` document: a tree written flat (`nodes`, the
//!   aggregates, one of which is the index; `indicators`, the leaves), each indicator with its
//!   series, [`Polarity`], [`Transformation`], [`Normalisation`] and weight; each aggregate
//!   with its [`AggregationMethod`] and weight; a [`MissingDataRule`]; named [`Parameter`]s
//!   (goalposts that are not published stay parameters); the [`UncertaintyFactor`]s an
//!   analysis may vary. Its rules are in [`DEFINITION_RULES`].
//! * [`IndexData`] — the input: a units × series matrix of optional values, built from
//!   `(unit, series, year, value)` [`Observation`]s ([`read_observations_csv`] reads ITU
//!   DataHub, WDI and long CSV files).
//! * [`compute_index`] — the nominal index as an [`IndexResult`] document (the
//!   `indexResult` kind): scores and ranks per unit at every node, coverage.
//! * [`CompiledIndex::uncertainty`] — Monte Carlo or Saltelli runs over the factors,
//!   reproducible from a seed whatever the number of threads (the `parallel` feature, on
//!   by default, spreads them with rayon); [`sobol_indices`] for any function.
//! * [`normalise`], [`aggregate`], [`rank_descending`] — the methods as plain functions.
//!
//! Ranks: the best unit is 1; tied units share the best of their ranks and the next rank is
//! skipped (`1, 2, 2, 4`, R's `ties.method = "min"`, as COINr).
//!
//! ```
//! use govframe_development::*;
//! use govframe_core::LocalizedText;
//!
//! let mut def = CompositeIndex::new("demo".parse()?, LocalizedText::en("Demo index"));
//! def.nodes.push(IndexNode::new("idx".parse()?, LocalizedText::en("Index"), None));
//! let gp = Normalisation::Goalposts { lower: 0.0.into(), upper: 100.0.into(), scale: 100.0, truncate: true };
//! def.indicators.push(IndexIndicator::new("net".parse()?, LocalizedText::en("Internet users"), "idx".parse()?, "i99H", gp.clone()));
//! let mut price = IndexIndicator::new("price".parse()?, LocalizedText::en("Price"), "idx".parse()?, "price", gp);
//! price.polarity = Polarity::Negative;
//! def.indicators.push(price);
//!
//! let data = IndexData::from_rows(&["AAA", "BBB"], &["i99H", "price"], &[
//!     vec![Some(90.0), Some(10.0)],
//!     vec![Some(40.0), Some(50.0)],
//! ])?;
//! let result = compute_index(&def, &data, &IndexOptions::default())?;
//! assert_eq!(result.units[0].unit.as_str(), "AAA");
//! assert_eq!(result.units[0].score, Some(90.0)); // (90 + (100 − 10)) / 2
//! assert_eq!(result.units[1].score, Some(45.0)); // (40 + (100 − 50)) / 2
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]

mod compute;
mod data;
mod definition;
mod model;
mod normalise;
mod result;
pub mod rng;
mod tree;
mod uncertainty;
mod validate;

pub use compute::compute_index;
pub use data::{
    IndexData, Observation, UnitInfo, YearRule, latest_common_year, read_observations_csv,
};
pub use definition::{
    AggregationMethod, CompositeIndex, CompositeIndexKind, IndexIndicator, IndexNode,
    MissingDataRule, Normalisation, ParamNumber, Parameter, ParameterRef, ParameterStatus,
    Polarity, Transformation, UncertaintyFactor,
};
pub use model::{CompiledIndex, IndexOptions};
pub use normalise::{aggregate, normalise, rank_ascending, rank_descending};
pub use result::{
    Design, FactorResult, IndexResult, IndexResultKind, IndexSummary, NodeRole, NodeScore,
    RankCount, RankTies, RankUncertainty, ResultNode, UncertaintyResult, UnitResult,
};
pub use uncertainty::{SobolIndices, UncertaintyOptions, saltelli_estimates, sobol_indices};
pub use validate::DEFINITION_RULES;

use govframe_core::Issue;

/// Errors of this crate. Every error about a definition names the JSON Pointer of the
/// place in the definition; every error about data names the unit and the indicator.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A core rule was broken (an id, for example).
    #[error(transparent)]
    Core(#[from] govframe_core::Error),
    /// The definition breaks semantic rules.
    #[error("the index definition is invalid: {}", summarize(issues))]
    InvalidDefinition {
        /// The errors found.
        issues: Vec<Issue>,
    },
    /// A parameter is named that the definition does not declare.
    #[error("unknown parameter {parameter:?} (declared: {known})")]
    UnknownParameter {
        /// The name.
        parameter: String,
        /// The declared parameters.
        known: String,
    },
    /// A parameter the computation needs has no value.
    #[error(
        "{path}: parameter {parameter:?} has no value; give it one (e.g. --param {parameter}=VALUE)"
    )]
    UnsetParameter {
        /// The parameter.
        parameter: String,
        /// Where it is used.
        path: String,
    },
    /// An indicator has no value for any unit.
    #[error(
        "{path}: indicator {indicator:?} has no data for any unit (series {series:?} is missing or empty)"
    )]
    NoData {
        /// The indicator.
        indicator: String,
        /// Its series.
        series: String,
        /// Where it is defined.
        path: String,
    },
    /// A normalisation is undefined for the data.
    #[error("{path}: cannot normalise indicator {indicator:?} with {method}: {reason}")]
    Normalisation {
        /// The indicator (empty when called on bare values).
        indicator: String,
        /// Where its normalisation is defined.
        path: String,
        /// The method.
        method: &'static str,
        /// Why.
        reason: String,
    },
    /// A transformation is undefined for a value.
    #[error("{path}: indicator {indicator:?}, unit {unit:?}, value {value}: {reason}")]
    Transformation {
        /// The indicator.
        indicator: String,
        /// Where its transformation is defined.
        path: String,
        /// The unit.
        unit: String,
        /// The raw value.
        value: f64,
        /// Why.
        reason: String,
    },
    /// A geometric or harmonic mean met an input that is not positive.
    #[error(
        "{method} mean of node {node:?}: unit {unit:?} has {value} for {child:?}; the {method} mean needs positive inputs (normalise to a strictly positive range, e.g. min-max onto [1, 100])"
    )]
    NonPositive {
        /// `geometric` or `harmonic`.
        method: &'static str,
        /// The aggregate.
        node: String,
        /// The unit.
        unit: String,
        /// The child (indicator or aggregate) with the value.
        child: String,
        /// The value.
        value: f64,
    },
    /// The same unit, series and year appear twice.
    #[error("unit {unit:?}, series {series:?}, year {year} is given more than once")]
    DuplicateObservation {
        /// The unit.
        unit: String,
        /// The series.
        series: String,
        /// The year.
        year: i32,
    },
    /// A CSV file could not be read.
    #[error("{file}:{line}: {message}")]
    Csv {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What went wrong.
        message: String,
    },
    /// A call was made with unusable arguments.
    #[error("{0}")]
    Usage(String),
}

fn summarize(issues: &[Issue]) -> String {
    let mut parts: Vec<String> = issues
        .iter()
        .take(5)
        .map(|i| {
            let path = if i.path.is_empty() { "/" } else { &i.path };
            format!("{path}: {} [{}]", i.message, i.rule)
        })
        .collect();
    if issues.len() > 5 {
        parts.push(format!("and {} more", issues.len() - 5));
    }
    parts.join("; ")
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
