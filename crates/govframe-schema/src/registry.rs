//! Every document kind, and the [`Document`] union.
//!
//! The union is not tagged with `#[serde(tag = "kind")]`: each document carries its own
//! `kind` field, so reading peeks at `kind` and then reads the matching type (see the schema
//! rules in the design notes).

use govframe_core::{DocumentMeta, Entity, Id, Issue, LocalizedText, RefSite, Validate};
use schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};

/// Facts about one document kind.
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    /// The `kind` value (`strategicPlan`).
    pub kind: &'static str,
    /// The Rust type's name, also the schema title (`StrategicPlan`).
    pub title: &'static str,
    /// The crate that defines it.
    pub crate_name: &'static str,
    /// One sentence on what it is.
    pub description: &'static str,
    generate: fn(&mut SchemaGenerator) -> schemars::Schema,
    root: fn(schemars::generate::SchemaSettings) -> schemars::Schema,
}

impl KindInfo {
    /// The schema file name: `strategic-plan.schema.json`.
    pub fn file_name(&self) -> String {
        let mut out = String::new();
        for c in self.kind.chars() {
            if c.is_ascii_uppercase() {
                out.push('-');
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out.push_str(".schema.json");
        out
    }

    /// A `$ref` subschema for this kind in `generator` (adds its definitions there).
    pub fn subschema(&self, generator: &mut SchemaGenerator) -> schemars::Schema {
        (self.generate)(generator)
    }

    /// The root schema of this kind, generated with `settings`.
    pub fn root_schema(&self, settings: schemars::generate::SchemaSettings) -> schemars::Schema {
        (self.root)(settings)
    }
}

macro_rules! kinds {
    ($( $(#[$doc:meta])* $variant:ident => $ty:ty, $krate:literal, $desc:literal; )+) => {
        /// Any govframe document.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum Document {
            $( $(#[$doc])* $variant(Box<$ty>), )+
        }

        /// Every document kind, in a stable order.
        pub static KINDS: &[KindInfo] = &[
            $( KindInfo {
                kind: <$ty as DocumentMeta>::KIND,
                title: stringify!($variant),
                crate_name: $krate,
                description: $desc,
                generate: |g| g.subschema_for::<$ty>(),
                root: |s| s.into_generator().into_root_schema_for::<$ty>(),
            }, )+
        ];

        impl Document {
            /// The `kind` of the document.
            pub fn kind(&self) -> &'static str {
                match self { $( Self::$variant(_) => <$ty as DocumentMeta>::KIND, )+ }
            }

            /// The document id.
            pub fn id(&self) -> &Id {
                match self { $( Self::$variant(d) => d.id(), )+ }
            }

            /// The document title.
            pub fn title(&self) -> &LocalizedText {
                match self { $( Self::$variant(d) => d.title(), )+ }
            }

            /// Entities the document defines.
            pub fn entities(&self) -> Vec<Entity<'_>> {
                match self { $( Self::$variant(d) => d.entities(), )+ }
            }

            /// References the document makes.
            pub fn references(&self) -> Vec<RefSite<'_>> {
                match self { $( Self::$variant(d) => d.references(), )+ }
            }

            /// Semantic issues of the document.
            pub fn validate(&self) -> Vec<Issue> {
                match self { $( Self::$variant(d) => d.validate(), )+ }
            }

            /// Reads a document of kind `kind` with any serde deserializer.
            /// Returns `Ok(None)` when the kind is unknown.
            pub fn deserialize_kind<'de, D: serde::Deserializer<'de>>(
                kind: &str,
                deserializer: D,
            ) -> Result<Option<Self>, D::Error> {
                $( if kind == <$ty as DocumentMeta>::KIND {
                    return <$ty>::deserialize(deserializer).map(|d| Some(Self::$variant(Box::new(d))));
                } )+
                Ok(None)
            }
        }

        $(
            impl From<$ty> for Document {
                fn from(d: $ty) -> Self {
                    Self::$variant(Box::new(d))
                }
            }
        )+
    };
}

kinds! {
    /// A strategic plan.
    StrategicPlan => govframe_strategy::StrategicPlan, "govframe-strategy",
        "A strategic plan: vision, mission, goals, targets, priorities, enablers and objectives.";
    /// A set of objectives outside a plan.
    ObjectiveSet => govframe_objectives::ObjectiveSet, "govframe-objectives",
        "Sectoral and inter-sectoral objectives kept outside a plan, e.g. proposed ones.";
    /// A coverage analysis of a plan.
    CoverageReport => govframe_strategy::CoverageReport, "govframe-strategy",
        "For each goal of a plan: its targets, objectives and consultation mechanisms.";
    /// The outcome of validating a document.
    ValidationReport => govframe_core::ValidationReport, "govframe-core",
        "The outcome of validating one document: every issue with its rule, path and place.";
    /// Meeting platforms and their editions.
    PlatformRegistry => govframe_platforms::PlatformRegistry, "govframe-platforms",
        "Meeting platforms (conferences, symposiums, forums…) with their standing rules and editions.";
    /// A consultation at a platform edition.
    Consultation => govframe_platforms::Consultation, "govframe-platforms",
        "A consultation: participants, questions, rounds, proposals, positions, decisions and its decision rule.";
    /// A contribution submitted to a meeting.
    Contribution => govframe_platforms::Contribution, "govframe-platforms",
        "A contribution to a meeting, with proposals marked ADD, ADD*, MOD, (MOD), SUP, SUP* or NOC.";
    /// A landscape of governance mechanisms.
    GovernanceLandscape => govframe_platforms::GovernanceLandscape, "govframe-platforms",
        "Governance mechanisms (multilateral to private-sector-led), their instruments, parties and themes.";
    /// The outcome of a consultation under its decision rule.
    ConsensusResult => govframe_platforms::ConsensusResult, "govframe-platforms",
        "Outcomes per proposal and round, with counts, objections, reservations and the consensus measure.";
    /// The analysis of a governance landscape.
    LandscapeAnalysis => govframe_platforms::LandscapeAnalysis, "govframe-platforms",
        "Per theme: coverage, overlap and fragmentation of governance mechanisms; a country × theme matrix.";
    /// A (digital) supply-use table.
    SupplyUseTable => govframe_accounting::SupplyUseTable, "govframe-accounting",
        "A supply-use table of one economy and year, stored sparsely, with its digital extension (digital industries, digital products, nature of transaction).";
    /// The outcome of checking a supply-use table's identities.
    AccountsCheckReport => govframe_accounting::AccountsCheckReport, "govframe-accounting",
        "The identities of a supply-use table checked with a tolerance: GDP by three approaches, per-rule counts and every failure with its path.";
    /// Digital-economy indicators of a supply-use table.
    AccountsIndicators => govframe_accounting::AccountsIndicators, "govframe-accounting",
        "Value added of the digital industries and its share of GDP, digital products' shares of supply and use, expenditure by nature of transaction.";
    /// A concept scheme.
    ConceptScheme => govframe_statistics::ConceptScheme, "govframe-statistics",
        "Concepts that the components of data structures stand for (REF_AREA, OBS_VALUE…).";
    /// A codelist.
    Codelist => govframe_statistics::Codelist, "govframe-statistics",
        "A controlled vocabulary: codes with names, parents and validity dates.";
    /// A data structure definition.
    DataStructure => govframe_statistics::DataStructure, "govframe-statistics",
        "An SDMX data structure: dimensions in key order with time last, measures, and attributes with their attachment level, bound to concepts and codelists.";
    /// A dataflow.
    Dataflow => govframe_statistics::Dataflow, "govframe-statistics",
        "A data structure put to use for one kind of data.";
    /// A data set in readable JSON.
    Dataset => govframe_statistics::Dataset, "govframe-statistics",
        "Observations of a data set (keys, measure values, attribute values) in readable JSON, for small data.";
    /// Indicator metadata.
    IndicatorMetadata => govframe_statistics::IndicatorMetadata, "govframe-statistics",
        "Indicator metadata after the SDG metadata template (sections 0–7 with their SDMX concept ids) and the GSBPM steps of its production.";
    /// A data set's summary.
    DatasetSummary => govframe_statistics::DatasetSummary, "govframe-statistics",
        "A data set's summary (series, dimensions, measures, areas, years and gaps), as `govframe stats describe` writes it.";
    /// A composite index definition.
    CompositeIndex => govframe_development::CompositeIndex, "govframe-development",
        "A composite index: its tree of aggregates and indicators, each indicator's series, polarity, transformation, normalisation and weight, the aggregation methods, the missing-data rule, named parameters such as goalposts, and the assumptions an uncertainty analysis varies.";
    /// The result of computing a composite index.
    IndexResult => govframe_development::IndexResult, "govframe-development",
        "Scores and ranks per unit at every node of an index, with coverage, and, after an uncertainty analysis, rank distributions and sensitivity indices.";
    /// A monitoring framework.
    MonitoringFramework => govframe_monitoring::MonitoringFramework, "govframe-monitoring",
        "Indicators bound to plan targets and data series: unit, desired direction, natural limit, target value and year, base year, and the progress-assessment method with its parameters.";
    /// A progress report.
    ProgressReport => govframe_monitoring::ProgressReport, "govframe-monitoring",
        "Progress per indicator, area and series (method, inputs, computed value, status, score, or why it was not assessed), rolled up to indicators, targets and goals, with counts per status.";
    /// The annual research report.
    AnnualReport => govframe_report::AnnualReport, "govframe-report",
        "The annual research report on global digital governance: its sections, tables and charts, every number with its source (document and citation), the year and the language.";
}

/// The kind with this `kind` value.
pub fn kind_info(kind: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.kind == kind)
}

/// The list of known kinds, for messages.
pub fn known_kinds() -> String {
    KINDS.iter().map(|k| k.kind).collect::<Vec<_>>().join(", ")
}

impl<'de> Deserialize<'de> for Document {
    /// Reads any document: peeks at `kind` (through a JSON value), then reads the matching
    /// type. For precise line and column numbers use [`crate::validate::read_str`].
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = serde_json::Value::deserialize(deserializer)?;
        let kind = value
            .get("kind")
            .and_then(|k| k.as_str())
            .ok_or_else(|| D::Error::custom("a document needs a string \"kind\""))?
            .to_owned();
        Document::deserialize_kind(&kind, value)
            .map_err(D::Error::custom)?
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "unknown kind {kind:?}; expected one of {}",
                    known_kinds()
                ))
            })
    }
}

impl JsonSchema for Document {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Document".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> schemars::Schema {
        let variants: Vec<serde_json::Value> = KINDS
            .iter()
            .map(|k| k.subschema(generator).to_value())
            .collect();
        schemars::json_schema!({
            "description": "Any govframe document, told apart by its `kind`.",
            "oneOf": variants,
        })
    }
}
