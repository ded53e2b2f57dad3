//! The `indexResult` document: scores and ranks per unit at every level, coverage, and —
//! after an uncertainty analysis — rank distributions and sensitivity indices.

use std::collections::HashSet;

use govframe_core::{DocumentMeta, Extensions, Id, Issues, LocalizedText, SpecVersion, Validate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::definition::AggregationMethod;

govframe_core::document_kind!(
    /// The kind tag of an index result.
    IndexResultKind = "indexResult"
);

/// How tied scores are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum RankTies {
    /// Tied units share the best of their ranks, and the next rank is skipped
    /// ("competition" ranking, `1, 2, 2, 4`; R's `ties.method = "min"`).
    #[default]
    Min,
}

/// What a node of the result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum NodeRole {
    /// The index itself.
    Index,
    /// A pillar or sub-pillar.
    Aggregate,
    /// An indicator.
    Indicator,
}

/// A node of the index tree as computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResultNode {
    /// The node's id in the definition.
    pub id: Id,
    /// Its name.
    pub name: LocalizedText,
    /// What it is.
    pub role: NodeRole,
    /// Its parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// Depth in the tree (the index is 0).
    pub depth: u32,
    /// Its weight as a share of its siblings' weights (the index: 1).
    pub weight: f64,
    /// How an aggregate combines its children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<AggregationMethod>,
    /// The series that feeds an indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// An indicator's normalisation method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalisation: Option<String>,
}

/// A unit's score and rank at one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeScore {
    /// The node.
    pub node: Id,
    /// The score (an indicator's normalised value).
    pub score: f64,
    /// The rank among the units with a score at this node.
    #[schemars(range(min = 1))]
    pub rank: u32,
    /// An indicator's raw value (after imputation, before transformation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Whether an indicator's raw value was imputed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(extend("default" = false))]
    pub imputed: bool,
}

/// How many runs gave a unit a rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RankCount {
    /// The rank.
    #[schemars(range(min = 1))]
    pub rank: u32,
    /// The number of runs.
    pub runs: u32,
}

/// A unit's rank over the runs of an uncertainty analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RankUncertainty {
    /// Median rank (R's `quantile` type 7, as COINr).
    pub median: f64,
    /// Lower end of the interval (quantile `(1 − interval)/2`).
    pub low: f64,
    /// Upper end of the interval (quantile `(1 + interval)/2`).
    pub high: f64,
    /// Mean rank.
    pub mean: f64,
    /// Runs in which the unit had a rank.
    pub runs: u32,
    /// The rank distribution: runs per rank, ranks ascending, zero counts left out.
    pub distribution: Vec<RankCount>,
}

/// The result for one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnitResult {
    /// The unit's id (`KEN`).
    pub unit: Id,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its group (for group-mean imputation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The index score; absent when the unit has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// The index rank; absent when the unit has no score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub rank: Option<u32>,
    /// Share (0..=1) of the indicators with an observed (not imputed) value.
    pub coverage: f64,
    /// Number of indicators with an observed value.
    pub observed: u32,
    /// Number of indicators with an imputed value.
    pub imputed: u32,
    /// Scores and ranks at every other node with a score: aggregates, then indicators.
    pub scores: Vec<NodeScore>,
    /// The rank over the runs of an uncertainty analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<RankUncertainty>,
}

/// Totals over the units.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IndexSummary {
    /// Units in the data.
    pub units: u32,
    /// Units with an index score.
    pub scored: u32,
    /// Indicators in the definition.
    pub indicators: u32,
    /// Mean coverage over all units (0..=1).
    pub mean_coverage: f64,
    /// Indicators left out because no unit has a value for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub empty_indicators: Vec<Id>,
}

/// The experimental design of an uncertainty analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Design {
    /// `N` runs with independent uniform draws.
    MonteCarlo,
    /// Saltelli's `N(d + 2)` runs (matrices A, B and d matrices A_B^i).
    Saltelli,
}

/// One varied assumption and, with the Saltelli design, its sensitivity indices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FactorResult {
    /// The factor's id in the definition.
    pub factor: Id,
    /// Its type (`weights`, `normalisation`, `aggregation`, `dropIndicator`).
    pub factor_type: String,
    /// The number of discrete alternatives (absent for weights).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<u32>,
    /// First-order index (Saltelli 2010 estimator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_order: Option<f64>,
    /// Total-order index (Jansen 1999 estimator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_order: Option<f64>,
}

/// How an uncertainty analysis was run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UncertaintyResult {
    /// The design.
    pub design: Design,
    /// The seed (the same seed gives the same result, whatever the number of threads).
    pub seed: u64,
    /// The sample size `N`.
    pub sample_size: u32,
    /// The number of index evaluations.
    pub runs: u32,
    /// The share of runs inside each unit's rank interval (0.9: 5th to 95th percentile).
    pub interval: f64,
    /// The scalar output the sensitivity indices explain.
    pub output: String,
    /// Variance of the output over the A and B runs (Saltelli design).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variance: Option<f64>,
    /// The factors varied.
    pub factors: Vec<FactorResult>,
}

/// The result of computing a composite index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "IndexResult")]
pub struct IndexResult {
    /// Always `"indexResult"`.
    pub kind: IndexResultKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Result id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The definition computed (its document id).
    pub definition: Id,
    /// The data year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// How ties are ranked.
    pub ties: RankTies,
    /// The tree, root first, then aggregates and indicators in the definition's order.
    pub nodes: Vec<ResultNode>,
    /// Per unit: by rank, units without score last, ties by unit id.
    pub units: Vec<UnitResult>,
    /// Totals.
    pub summary: IndexSummary,
    /// The uncertainty analysis, when one was run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<UncertaintyResult>,
    /// What the computation noted (indicators left out, parameters given…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub notes: Vec<String>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl DocumentMeta for IndexResult {
    const KIND: &'static str = IndexResultKind::KIND;
    fn id(&self) -> &Id {
        &self.id
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for IndexResult {
    /// Checks that the summary matches the units (`development.result.summary-mismatch`),
    /// that scores name nodes of the result (`development.result.unknown-node`), that
    /// coverage lies in 0..=1 and ranks in 1..=units (`development.result.out-of-range`),
    /// and that rank intervals are ordered (`development.result.interval-order`). O(n).
    fn validate_into(&self, issues: &mut Issues) {
        let n = self.units.len();
        let scored = self.units.iter().filter(|u| u.score.is_some()).count();
        if self.summary.units as usize != n || self.summary.scored as usize != scored {
            issues.error(
                "development.result.summary-mismatch",
                "/summary",
                format!(
                    "the summary counts {} units ({} scored) but {n} units ({scored} scored) are listed",
                    self.summary.units, self.summary.scored
                ),
            );
        }
        let nodes: HashSet<&str> = self.nodes.iter().map(|n| n.id.as_str()).collect();
        for (i, u) in self.units.iter().enumerate() {
            let at = format!("/units/{i}");
            if !(0.0..=1.0).contains(&u.coverage) {
                issues.error(
                    "development.result.out-of-range",
                    format!("{at}/coverage"),
                    format!("coverage {} is outside 0..=1", u.coverage),
                );
            }
            if let Some(r) = u.rank
                && (r == 0 || r as usize > n)
            {
                issues.error(
                    "development.result.out-of-range",
                    format!("{at}/rank"),
                    format!("rank {r} is outside 1..={n}"),
                );
            }
            for (j, s) in u.scores.iter().enumerate() {
                if !nodes.contains(s.node.as_str()) {
                    issues.error(
                        "development.result.unknown-node",
                        format!("{at}/scores/{j}/node"),
                        format!("node {:?} is not among the result's nodes", s.node.as_str()),
                    );
                }
            }
            if let Some(q) = &u.uncertainty
                && !(q.low <= q.median && q.median <= q.high)
            {
                issues.error(
                    "development.result.interval-order",
                    format!("{at}/uncertainty"),
                    format!(
                        "the rank interval is not ordered: {} ≤ {} ≤ {} fails",
                        q.low, q.median, q.high
                    ),
                );
            }
        }
    }
}
