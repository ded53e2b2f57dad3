//! The `compositeIndex` document: the tree of an index (index → pillars → sub-pillars →
//! indicators), each indicator's series, polarity, transformation, normalisation and weight,
//! the aggregation method of each aggregate, the missing-data rule, named parameters (such as
//! goalposts) and the assumptions an uncertainty analysis may vary.

use govframe_core::{
    DocumentMeta, Entity, Extensions, Id, LocalizedText, Pointer, Ref, RefSite, Source,
    SpecVersion, Unit,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

govframe_core::document_kind!(
    /// The kind tag of a composite index definition.
    CompositeIndexKind = "compositeIndex"
);

/// Reads a string that must not be empty (the schema says `minLength: 1`).
fn non_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if s.is_empty() {
        return Err(serde::de::Error::custom("a series code must not be empty"));
    }
    Ok(s)
}

pub(crate) fn one() -> f64 {
    1.0
}
fn hundred() -> f64 {
    100.0
}
fn ten() -> f64 {
    10.0
}
fn yes() -> bool {
    true
}
fn lower_noise() -> f64 {
    0.75
}
fn upper_noise() -> f64 {
    1.25
}

/// A reference to a named [`Parameter`] of the same document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
// Inlined into `ParamNumber` (its only user): a `$ref` variant with its own title made
// code generators name the variant type `ParameterRef1` (tests/tools/check-schemas.sh).
#[schemars(title = "ParameterRef", inline)]
pub struct ParameterRef {
    /// The parameter's id.
    pub parameter: Id,
}

/// A number written out, or the name of a [`Parameter`] that holds it (so that values that
/// are not published — such as the goalposts of the IDI 2023 — stay parameters the user
/// gives).
///
/// ```
/// use govframe_development::ParamNumber;
/// let a: ParamNumber = serde_json::from_str("100")?;
/// let b: ParamNumber = serde_json::from_str(r#"{"parameter": "gp-upper"}"#)?;
/// assert_eq!(a, ParamNumber::Value(100.0));
/// assert!(matches!(b, ParamNumber::Parameter(_)));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ParamNumber {
    /// A number.
    // Not "Number": `ObsValue` (statistics) has a variant of that title, and the titles must be
    // unique across `document.schema.json`.
    #[schemars(title = "LiteralNumber")]
    Value(f64),
    /// A named parameter.
    #[schemars(title = "ParameterRef")]
    Parameter(ParameterRef),
}

impl From<f64> for ParamNumber {
    fn from(v: f64) -> Self {
        Self::Value(v)
    }
}

impl ParamNumber {
    /// The parameter named, if any.
    pub fn parameter(&self) -> Option<&Id> {
        match self {
            Self::Value(_) => None,
            Self::Parameter(p) => Some(&p.parameter),
        }
    }
}

/// Which way an indicator points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Polarity {
    /// Higher values are better.
    #[default]
    Positive,
    /// Lower values are better (prices, for example).
    Negative,
}

/// A transformation applied to raw values before normalisation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Transformation {
    /// Values are used as they are.
    #[default]
    #[schemars(title = "NoTransformation")]
    None,
    /// `log_base(x + offset)`; a value with `x + offset ≤ 0` is an error.
    #[schemars(title = "LogTransformation")]
    Log {
        /// The base (> 0, ≠ 1).
        #[serde(default = "ten")]
        base: f64,
        /// Added before taking the logarithm.
        #[serde(default)]
        offset: f64,
    },
    /// Values are capped (winsorised) to `[lower, upper]`.
    #[schemars(title = "CappedTransformation")]
    Capped {
        /// Values below are raised to it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lower: Option<ParamNumber>,
        /// Values above are lowered to it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        upper: Option<ParamNumber>,
    },
}

/// How an indicator is brought to a common scale, after the OECD/JRC *Handbook on
/// Constructing Composite Indicators* (2008) as implemented in COINr (`n_*` functions).
///
/// `x` is the indicator over the units that have a value. For indicators of negative
/// polarity the methods act on `−x` (COINr's convention), which for the methods with fixed
/// bounds means the bounds swap roles: see each variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Normalisation {
    /// The values themselves (already on a common scale).
    #[schemars(title = "NoNormalisation")]
    None,
    /// `(x − min)/(max − min)·(upper − lower) + lower`.
    #[schemars(title = "MinMax")]
    MinMax {
        /// Score of the worst unit.
        #[serde(default)]
        lower: f64,
        /// Score of the best unit.
        #[serde(default = "hundred")]
        upper: f64,
    },
    /// `(x − mean)/sd·sd' + mean'` with the sample standard deviation (n − 1).
    #[schemars(title = "ZScore")]
    ZScore {
        /// Target mean.
        #[serde(default)]
        mean: f64,
        /// Target standard deviation (> 0).
        #[serde(default = "one")]
        sd: f64,
    },
    /// `1 − (max − x)/(max − min)`.
    #[schemars(title = "DistanceToMax")]
    DistanceToMax,
    /// `1 − (x_ref − x)/(x_ref − min)` with `x_ref` the value of the reference unit.
    #[schemars(title = "DistanceToReference")]
    DistanceToReference {
        /// The reference unit.
        unit: Id,
        /// Cap scores at 1.
        #[serde(default)]
        cap: bool,
    },
    /// Positive: `(x − min)/(target − min)`; negative: `(max − x)/(max − target)`.
    #[schemars(title = "DistanceToTarget")]
    DistanceToTarget {
        /// The target, in the indicator's unit.
        target: ParamNumber,
        /// Cap scores at 1.
        #[serde(default)]
        cap: bool,
    },
    /// Positive: `x/max`; negative: `min/x` (the best value over the value).
    #[schemars(title = "FractionOfMax")]
    FractionOfMax,
    /// The rank in ascending order of merit (worst = 1), ties sharing the lowest rank.
    #[schemars(title = "Rank")]
    Rank,
    /// `(rank − 1)/(n − 1)`.
    #[schemars(title = "PercentileRank")]
    PercentileRank,
    /// Borda score: `rank − 1`.
    #[schemars(title = "Borda")]
    Borda,
    /// Positive: `(x − lower)/(upper − lower)`; negative: `(x − upper)/(lower − upper)`;
    /// truncated to [0, 1] when `truncate`, then multiplied by `scale`.
    #[schemars(title = "Goalposts")]
    Goalposts {
        /// The lower goalpost (the worst value for a positive indicator).
        lower: ParamNumber,
        /// The upper goalpost (the best value for a positive indicator).
        upper: ParamNumber,
        /// Multiplier of the [0, 1] score.
        #[serde(default = "hundred")]
        scale: f64,
        /// Truncate scores to the goalposts.
        #[serde(default = "yes")]
        truncate: bool,
    },
    /// Positive: `(x − lower)/(upper − lower)·100`; negative: `(upper − x)/(upper − lower)·100`
    /// (a fixed linear rescaling, not min-max).
    #[schemars(title = "Scaled")]
    Scaled {
        /// The value scored 0.
        lower: ParamNumber,
        /// The value scored 100.
        upper: ParamNumber,
    },
}

impl Normalisation {
    /// The method's name as written in JSON (`minMax`).
    pub fn name(&self) -> &'static str {
        match self {
            Self::None => "none",
            Self::MinMax { .. } => "minMax",
            Self::ZScore { .. } => "zScore",
            Self::DistanceToMax => "distanceToMax",
            Self::DistanceToReference { .. } => "distanceToReference",
            Self::DistanceToTarget { .. } => "distanceToTarget",
            Self::FractionOfMax => "fractionOfMax",
            Self::Rank => "rank",
            Self::PercentileRank => "percentileRank",
            Self::Borda => "borda",
            Self::Goalposts { .. } => "goalposts",
            Self::Scaled { .. } => "scaled",
        }
    }

    /// The parameters the method names.
    pub fn parameters(&self) -> Vec<(&'static str, &ParamNumber)> {
        match self {
            Self::DistanceToTarget { target, .. } => vec![("target", target)],
            Self::Goalposts { lower, upper, .. } | Self::Scaled { lower, upper } => {
                vec![("lower", lower), ("upper", upper)]
            }
            _ => Vec::new(),
        }
    }
}

/// How the children of an aggregate are combined (weights re-scaled to sum to 1 over the
/// children that have a value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum AggregationMethod {
    /// `Σ wᵢxᵢ / Σ wᵢ`.
    #[default]
    Arithmetic,
    /// `exp(Σ wᵢ ln xᵢ / Σ wᵢ)`; every input must be positive.
    Geometric,
    /// `Σ wᵢ / Σ (wᵢ/xᵢ)`; every input must be positive.
    Harmonic,
}

impl AggregationMethod {
    /// The method's name as written in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Arithmetic => "arithmetic",
            Self::Geometric => "geometric",
            Self::Harmonic => "harmonic",
        }
    }
}

/// What to do when a unit has no value for an indicator.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum MissingDataRule {
    /// Aggregate over the children that have a value, re-weighting them (COINr's default).
    #[default]
    #[schemars(title = "DropAndReweight")]
    DropAndReweight,
    /// Drop and re-weight, but an aggregate whose children with a value are fewer than
    /// `share` of its children has no score (aggregates may set their own `minCoverage`).
    #[schemars(title = "MinimumCoverage")]
    MinimumCoverage {
        /// The least share (0..=1) of an aggregate's children that must have a value.
        share: f64,
    },
    /// Replace a missing raw value by the mean of the unit's group for that indicator (before
    /// transformation and normalisation); what stays missing is dropped and re-weighted.
    #[schemars(title = "ImputeGroupMean")]
    ImputeGroupMean {
        /// Use the mean over all units when the group has none (or the unit no group).
        #[serde(default = "yes")]
        overall_fallback: bool,
    },
}

/// An aggregate of the tree: the index itself (the one node without parent), a pillar or a
/// sub-pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IndexNode {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code (`U`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name.
    pub name: LocalizedText,
    /// What it measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The aggregate it belongs to (none for the index itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Ref>,
    /// Its weight among its siblings (re-scaled to sum to 1 among them; ≥ 0).
    #[serde(default = "one")]
    #[schemars(extend("default" = 1.0))]
    pub weight: f64,
    /// How its children are combined.
    #[serde(default)]
    pub aggregation: AggregationMethod,
    /// The least share (0..=1) of its children that must have a value for it to have a score
    /// (overrides a `minimumCoverage` rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_coverage: Option<f64>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

impl IndexNode {
    /// A node with an id, a name and a parent (none for the index).
    pub fn new(id: Id, name: LocalizedText, parent: Option<Ref>) -> Self {
        Self {
            id,
            code: None,
            name,
            description: None,
            parent,
            weight: 1.0,
            aggregation: AggregationMethod::Arithmetic,
            min_coverage: None,
            sources: Vec::new(),
        }
    }
}

/// An indicator: a leaf of the tree, fed by one data series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IndexIndicator {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name.
    pub name: LocalizedText,
    /// What it measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The aggregate it belongs to.
    pub parent: Ref,
    /// The code of the data series that feeds it (`i99H`, `IT.NET.BBND.P2`).
    #[serde(deserialize_with = "non_empty")]
    #[schemars(length(min = 1))]
    pub series: String,
    /// Unit of the raw values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// Which way is better.
    #[serde(default)]
    pub polarity: Polarity,
    /// Applied to raw values before normalisation.
    #[serde(default)]
    pub transformation: Transformation,
    /// How values are brought to a common scale.
    pub normalisation: Normalisation,
    /// Its weight among its siblings (re-scaled to sum to 1 among them; ≥ 0).
    #[serde(default = "one")]
    #[schemars(extend("default" = 1.0))]
    pub weight: f64,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

impl IndexIndicator {
    /// An indicator of positive polarity with weight 1 and no transformation.
    pub fn new(
        id: Id,
        name: LocalizedText,
        parent: Ref,
        series: impl Into<String>,
        normalisation: Normalisation,
    ) -> Self {
        Self {
            id,
            code: None,
            name,
            description: None,
            parent,
            series: series.into(),
            unit: None,
            polarity: Polarity::Positive,
            transformation: Transformation::None,
            normalisation,
            weight: 1.0,
            sources: Vec::new(),
        }
    }
}

/// How sure a parameter's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ParameterStatus {
    /// Published by the index's owner (the sources say where).
    Published,
    /// An assumption of whoever wrote the definition (the note says why).
    Assumption,
    /// Not known: the user must give a value.
    Unknown,
}

/// A named number that normalisations and transformations may use (goalposts, targets, caps).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Parameter {
    /// Id, unique in the document.
    pub id: Id,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// Its value; when absent the user must give one before the index can be computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// How sure the value is.
    pub status: ParameterStatus,
    /// Unit of the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// Why this value (or why none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<LocalizedText>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

/// An assumption an uncertainty analysis varies. Each factor is one input of the Monte
/// Carlo and Saltelli designs: it maps one uniform number `u ∈ [0, 1)` to a choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum UncertaintyFactor {
    /// Every listed weight is multiplied by its own uniform draw in `[lower, upper]` (the
    /// draws come from a stream seeded by `u`, so the whole weight set is one factor).
    #[schemars(title = "WeightsFactor")]
    Weights {
        /// Id, unique in the document.
        id: Id,
        /// What it varies.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<LocalizedText>,
        /// Nodes and indicators whose weights vary (empty: all but the index).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schemars(extend("default" = []))]
        nodes: Vec<Ref>,
        /// Least multiplier (≥ 0).
        #[serde(default = "lower_noise")]
        lower: f64,
        /// Greatest multiplier (≥ lower).
        #[serde(default = "upper_noise")]
        upper: f64,
    },
    /// One normalisation, applied to every indicator, is chosen among the alternatives.
    #[schemars(title = "NormalisationFactor")]
    Normalisation {
        /// Id, unique in the document.
        id: Id,
        /// What it varies.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<LocalizedText>,
        /// Whether each indicator's own normalisation is the first alternative.
        #[serde(default = "yes")]
        include_defined: bool,
        /// The other alternatives.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schemars(extend("default" = []))]
        alternatives: Vec<Normalisation>,
    },
    /// One aggregation method, applied to every listed aggregate, is chosen among the
    /// alternatives.
    #[schemars(title = "AggregationFactor")]
    Aggregation {
        /// Id, unique in the document.
        id: Id,
        /// What it varies.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<LocalizedText>,
        /// The aggregates it applies to (empty: all).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schemars(extend("default" = []))]
        nodes: Vec<Ref>,
        /// Whether each aggregate's own method is the first alternative.
        #[serde(default = "yes")]
        include_defined: bool,
        /// The other alternatives.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schemars(extend("default" = []))]
        alternatives: Vec<AggregationMethod>,
    },
    /// One indicator among those listed (or none) is left out of the index.
    #[schemars(title = "DropIndicatorFactor")]
    DropIndicator {
        /// Id, unique in the document.
        id: Id,
        /// What it varies.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<LocalizedText>,
        /// The indicators that may be left out (empty: all).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schemars(extend("default" = []))]
        indicators: Vec<Ref>,
        /// Whether "leave none out" is the first alternative.
        #[serde(default = "yes")]
        include_none: bool,
    },
}

impl UncertaintyFactor {
    /// The factor's id.
    pub fn id(&self) -> &Id {
        match self {
            Self::Weights { id, .. }
            | Self::Normalisation { id, .. }
            | Self::Aggregation { id, .. }
            | Self::DropIndicator { id, .. } => id,
        }
    }

    /// The factor's type as written in JSON.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Weights { .. } => "weights",
            Self::Normalisation { .. } => "normalisation",
            Self::Aggregation { .. } => "aggregation",
            Self::DropIndicator { .. } => "dropIndicator",
        }
    }
}

/// A composite index definition.
///
/// The tree is written flat: `nodes` are the aggregates (exactly one has no `parent`: the
/// index), `indicators` the leaves; every `parent` names a node of the same document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "CompositeIndex")]
pub struct CompositeIndex {
    /// Always `"compositeIndex"`.
    pub kind: CompositeIndexKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id (`itu-idi-2023`).
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What the index measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// Who publishes it (`ITU`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The edition or methodology version (`2023`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// The decision that adopted the methodology (`consultationId#decisionId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_by: Option<Ref>,
    /// The aggregates: the index, its pillars and sub-pillars.
    pub nodes: Vec<IndexNode>,
    /// The indicators.
    pub indicators: Vec<IndexIndicator>,
    /// What to do with missing values.
    #[serde(default)]
    pub missing_data: MissingDataRule,
    /// Named numbers the normalisations use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub parameters: Vec<Parameter>,
    /// Assumptions an uncertainty analysis varies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub uncertainty: Vec<UncertaintyFactor>,
    /// Where the definition comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Editorial notes (what is assumed, what could not be sourced).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub notes: Vec<LocalizedText>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl CompositeIndex {
    /// An empty definition with an id and a title.
    pub fn new(id: Id, title: LocalizedText) -> Self {
        Self {
            kind: CompositeIndexKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            description: None,
            publisher: None,
            edition: None,
            adopted_by: None,
            nodes: Vec::new(),
            indicators: Vec::new(),
            missing_data: MissingDataRule::DropAndReweight,
            parameters: Vec::new(),
            uncertainty: Vec::new(),
            sources: Vec::new(),
            notes: Vec::new(),
            extensions: None,
        }
    }

    /// The parameter with this id.
    pub fn parameter(&self, id: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.id.as_str() == id)
    }

    /// Gives parameter `id` a value (for parameters the definition leaves unknown).
    pub fn set_parameter(&mut self, id: &str, value: f64) -> crate::Result<()> {
        match self.parameters.iter_mut().find(|p| p.id.as_str() == id) {
            Some(p) => {
                p.value = Some(value);
                Ok(())
            }
            None => Err(crate::Error::UnknownParameter {
                parameter: id.to_owned(),
                known: self
                    .parameters
                    .iter()
                    .map(|p| p.id.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }
}

impl DocumentMeta for CompositeIndex {
    const KIND: &'static str = CompositeIndexKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }

    fn entities(&self) -> Vec<Entity<'_>> {
        let mut out = Vec::with_capacity(self.nodes.len() + self.indicators.len());
        for (i, n) in self.nodes.iter().enumerate() {
            out.push(Entity {
                id: &n.id,
                entity: "indexNode",
                path: Pointer::root().key("nodes").index(i).key("id").into(),
                name: Some(&n.name),
            });
        }
        for (i, n) in self.indicators.iter().enumerate() {
            out.push(Entity {
                id: &n.id,
                entity: "indexIndicator",
                path: Pointer::root().key("indicators").index(i).key("id").into(),
                name: Some(&n.name),
            });
        }
        for (i, p) in self.parameters.iter().enumerate() {
            out.push(Entity {
                id: &p.id,
                entity: "indexParameter",
                path: Pointer::root().key("parameters").index(i).key("id").into(),
                name: p.name.as_ref(),
            });
        }
        out
    }

    fn references(&self) -> Vec<RefSite<'_>> {
        let mut out = Vec::new();
        if let Some(r) = &self.adopted_by {
            out.push(RefSite {
                target: r,
                expects: &["decision"],
                path: "/adoptedBy".into(),
            });
        }
        out
    }
}
