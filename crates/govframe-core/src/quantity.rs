//! Units, directions and dated values shared by targets, KPIs and indicators.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

crate::open_code_list! {
    /// The unit of a quantity.
    pub enum Unit {
        /// Percent (0 to 100).
        Percent = "percent",
        /// Percentage points (a difference of percentages).
        PercentagePoints = "percentagePoints",
        /// A count of things.
        Count = "count",
        /// A ratio (1 = parity).
        Ratio = "ratio",
        /// Per 100 inhabitants.
        PerHundredInhabitants = "perHundredInhabitants",
        /// An index value.
        Index = "index",
        /// United States dollars.
        Usd = "usd",
        /// Years.
        Years = "years",
    }
}

impl Unit {
    /// Whether values must lie within 0..=100.
    pub fn is_percent(&self) -> bool {
        matches!(self, Self::Percent)
    }
}

/// Which way a quantity should move.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// Closer to parity (a ratio of 1) is better.
    Parity,
    /// Keep at least the current level.
    Maintain,
}

/// A value observed or set for a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct YearValue {
    /// The year.
    #[schemars(range(min = 1, max = 9999))]
    pub year: i32,
    /// The value (finite).
    pub value: f64,
}
