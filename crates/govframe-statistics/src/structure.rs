//! Data structure definitions (DSDs) and dataflows.

use std::collections::HashMap;

use govframe_core::{
    DocumentMeta, Entity, Extensions, Id, Issues, LocalizedText, Pointer, Ref, RefSite, Source,
    SpecVersion, Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ArtefactRef;

govframe_core::document_kind!(
    /// The kind tag of a data structure definition.
    DataStructureKind = "dataStructure"
);

govframe_core::document_kind!(
    /// The kind tag of a dataflow.
    DataflowKind = "dataflow"
);

govframe_core::open_code_list! {
    /// The role a component plays, beyond its concept (SDMX concept roles).
    pub enum ComponentRole {
        /// The frequency of a series (`FREQ`); time values are checked against it.
        Frequency = "frequency",
        /// The reference area (`REF_AREA`); `describe` counts areas from it.
        ReferenceArea = "referenceArea",
        /// The indicator or series code (`INDICATOR`, `SERIES`).
        Indicator = "indicator",
        /// The unit of measure (`UNIT_MEASURE`).
        UnitOfMeasure = "unitOfMeasure",
        /// The unit multiplier (`UNIT_MULT`).
        UnitMultiplier = "unitMultiplier",
        /// The observation status (`OBS_STATUS`).
        ObservationStatus = "observationStatus",
        /// The number of decimals (`DECIMALS`).
        Decimals = "decimals",
        /// A free-text comment.
        Comment = "comment",
    }
}

govframe_core::open_code_list! {
    /// The type of an uncoded component's values (SDMX text types).
    pub enum TextType {
        /// Any text.
        String = "string",
        /// A whole number.
        Integer = "integer",
        /// A decimal number.
        Decimal = "decimal",
        /// A floating-point number.
        Double = "double",
        /// `true` or `false`.
        Boolean = "boolean",
        /// Any SDMX time period (see [`crate::time`]).
        ObservationalTimePeriod = "observationalTimePeriod",
        /// An SDMX reporting period (`2020-Q1`, `2020-M07`…).
        ReportingTimePeriod = "reportingTimePeriod",
        /// A year (`2020`).
        GregorianYear = "gregorianYear",
        /// A date (`2020-07-15`).
        Date = "date",
        /// A date and time.
        DateTime = "dateTime",
        /// A URI.
        Uri = "uri",
        /// XHTML text.
        Xhtml = "xhtml",
    }
}

impl TextType {
    /// Whether values of this type are numbers.
    pub fn is_numeric(&self) -> bool {
        match self {
            Self::Integer | Self::Decimal | Self::Double => true,
            Self::Other(s) => matches!(
                s.as_str(),
                "float" | "long" | "short" | "bigInteger" | "count" | "incremental"
            ),
            _ => false,
        }
    }
}

/// Where an attribute's value belongs (its attachment level).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum AttachmentLevel {
    /// One value for the whole data set (SDMX 3.0 relationship "Dataflow").
    Dataset,
    /// One value per group: per combination of `relatedDimensions`.
    Group,
    /// One value per series: per combination of every dimension except time.
    Series,
    /// One value per observation. The default.
    #[default]
    Observation,
}

/// Whether a measure or attribute must be reported.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Usage {
    /// Must be present.
    Mandatory,
    /// May be left out. The default.
    #[default]
    Optional,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// A dimension: part of the key that identifies an observation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dimension {
    /// Component id (`REF_AREA`), unique in the structure.
    pub id: Id,
    /// Its name, when it differs from the concept's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// The concept it stands for (`conceptSchemeId#REF_AREA`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<Ref>,
    /// The codelist (document id) its values come from, when coded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codelist: Option<Id>,
    /// The type of its values, when uncoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_type: Option<TextType>,
    /// Its role (frequency, reference area…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ComponentRole>,
}

impl Dimension {
    /// A dimension with an id only.
    pub fn new(id: Id) -> Self {
        Self {
            id,
            name: None,
            concept: None,
            codelist: None,
            text_type: None,
            role: None,
        }
    }

    /// The same dimension with a codelist.
    pub fn coded(mut self, codelist: Id) -> Self {
        self.codelist = Some(codelist);
        self
    }

    /// The same dimension with a role.
    pub fn with_role(mut self, role: ComponentRole) -> Self {
        self.role = Some(role);
        self
    }
}

/// The time dimension: always the last dimension of the key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TimeDimension {
    /// Component id, conventionally `TIME_PERIOD`.
    pub id: Id,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// The concept it stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<Ref>,
}

/// A measure: what is observed (`OBS_VALUE`). SDMX 3.0 allows several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Measure {
    /// Component id (`OBS_VALUE`).
    pub id: Id,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// The concept it stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<Ref>,
    /// The type of its values; numeric when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_type: Option<TextType>,
    /// Whether every observation must carry it.
    #[serde(default, skip_serializing_if = "is_default")]
    #[schemars(extend("default" = "optional"))]
    pub usage: Usage,
}

impl Measure {
    /// A numeric, optional measure.
    pub fn new(id: Id) -> Self {
        Self {
            id,
            name: None,
            concept: None,
            text_type: None,
            usage: Usage::Optional,
        }
    }

    /// Whether values are numbers (no text type, or a numeric one).
    pub fn is_numeric(&self) -> bool {
        self.text_type.as_ref().is_none_or(TextType::is_numeric)
    }
}

/// An attribute: information about data that does not identify it (status, unit…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Attribute {
    /// Component id (`OBS_STATUS`).
    pub id: Id,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// The concept it stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concept: Option<Ref>,
    /// The codelist (document id) its values come from, when coded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codelist: Option<Id>,
    /// The type of its values, when uncoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_type: Option<TextType>,
    /// Its role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ComponentRole>,
    /// Where its value belongs.
    #[serde(default, skip_serializing_if = "is_default")]
    #[schemars(extend("default" = "observation"))]
    pub attachment: AttachmentLevel,
    /// For group attachment: the dimensions whose values the attribute depends on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub related_dimensions: Vec<Id>,
    /// Whether it must be reported.
    #[serde(default, skip_serializing_if = "is_default")]
    #[schemars(extend("default" = "optional"))]
    pub usage: Usage,
    /// Whether it may hold several values (SDMX-CSV `ATTR[]`).
    #[serde(default, skip_serializing_if = "is_default")]
    #[schemars(extend("default" = false))]
    pub multi_valued: bool,
}

impl Attribute {
    /// An optional, observation-level attribute.
    pub fn new(id: Id) -> Self {
        Self {
            id,
            name: None,
            concept: None,
            codelist: None,
            text_type: None,
            role: None,
            attachment: AttachmentLevel::Observation,
            related_dimensions: Vec::new(),
            usage: Usage::Optional,
            multi_valued: false,
        }
    }

    /// The same attribute at another attachment level.
    pub fn at(mut self, level: AttachmentLevel) -> Self {
        self.attachment = level;
        self
    }

    /// The same attribute, mandatory.
    pub fn mandatory(mut self) -> Self {
        self.usage = Usage::Mandatory;
        self
    }

    /// The same attribute with a codelist.
    pub fn coded(mut self, codelist: Id) -> Self {
        self.codelist = Some(codelist);
        self
    }
}

/// What a component is, when looked up by id in a structure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ComponentDef<'a> {
    /// A dimension, with its position in the key.
    Dimension(usize, &'a Dimension),
    /// The time dimension.
    Time(&'a TimeDimension),
    /// A measure.
    Measure(&'a Measure),
    /// An attribute.
    Attribute(&'a Attribute),
}

/// A data structure definition document (`dataStructure`): dimensions in key order with
/// the time dimension last, measures, and attributes with their attachment level — each
/// bound to a concept and, when coded, to a codelist.
///
/// ```
/// use govframe_core::{LocalizedText, Validate};
/// use govframe_statistics::{Attribute, AttachmentLevel, DataStructure, Dimension, Measure};
/// let mut dsd = DataStructure::new("dsd-ict".parse()?, LocalizedText::en("ICT indicators"));
/// dsd.dimensions.push(Dimension::new("REF_AREA".parse()?));
/// dsd.dimensions.push(Dimension::new("INDICATOR".parse()?));
/// dsd.measures.push(Measure::new("OBS_VALUE".parse()?));
/// dsd.attributes.push(Attribute::new("UNIT_MULT".parse()?).at(AttachmentLevel::Series));
/// assert!(dsd.validate().is_empty());
/// assert_eq!(dsd.key_ids(), ["REF_AREA", "INDICATOR", "TIME_PERIOD"]);
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "DataStructure")]
pub struct DataStructure {
    /// Always `"dataStructure"`.
    pub kind: DataStructureKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The SDMX artefact this document describes (`ESTAT:DSD_NA_MAIN(1.6.0)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdmx_id: Option<ArtefactRef>,
    /// What the structure is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The dimensions, in key order (without the time dimension).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub dimensions: Vec<Dimension>,
    /// The time dimension, which always comes last in the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_dimension: Option<TimeDimension>,
    /// The measures (at least one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub measures: Vec<Measure>,
    /// The attributes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub attributes: Vec<Attribute>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl DataStructure {
    /// A structure with a `TIME_PERIOD` time dimension and nothing else.
    pub fn new(id: Id, title: LocalizedText) -> Self {
        Self {
            kind: DataStructureKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            sdmx_id: None,
            description: None,
            dimensions: Vec::new(),
            time_dimension: Some(TimeDimension {
                id: known_id("TIME_PERIOD"),
                name: None,
                concept: None,
            }),
            measures: Vec::new(),
            attributes: Vec::new(),
            sources: Vec::new(),
            extensions: None,
        }
    }

    /// A structure for data laid out as `layout`: its dimensions (the time dimension, if
    /// any, as `timeDimension`), measures (text measures with `textType: string`) and
    /// attributes (observation level; multi-valued where the layout says so). A starting
    /// point to refine (codelists, concepts, attachment levels), and a way to read SDMX-CSV
    /// back with exactly the roles it was written with.
    pub fn from_layout(id: Id, title: LocalizedText, layout: &crate::data::Layout) -> Self {
        let mut d = Self::new(id, title);
        d.time_dimension = layout.time_id().map(|t| TimeDimension {
            id: t.clone(),
            name: None,
            concept: None,
        });
        d.dimensions = layout
            .dimensions
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != layout.time_dimension)
            .map(|(_, id)| Dimension::new(id.clone()))
            .collect();
        d.measures = layout
            .measures
            .iter()
            .map(|m| {
                let mut x = Measure::new(m.id.clone());
                if m.kind == crate::data::MeasureKind::Text {
                    x.text_type = Some(TextType::String);
                }
                x
            })
            .collect();
        d.attributes = layout
            .attributes
            .iter()
            .map(|a| {
                let mut x = Attribute::new(a.id.clone());
                x.multi_valued = a.form == crate::data::ValueForm::Multi;
                x
            })
            .collect();
        d
    }

    /// The ids of the key, in order, the time dimension last.
    pub fn key_ids(&self) -> Vec<&str> {
        self.dimensions
            .iter()
            .map(|d| d.id.as_str())
            .chain(self.time_dimension.iter().map(|t| t.id.as_str()))
            .collect()
    }

    /// The component with this id. O(components).
    pub fn component(&self, id: &str) -> Option<ComponentDef<'_>> {
        if let Some((i, d)) = self
            .dimensions
            .iter()
            .enumerate()
            .find(|(_, d)| d.id.as_str() == id)
        {
            return Some(ComponentDef::Dimension(i, d));
        }
        if let Some(t) = self.time_dimension.as_ref().filter(|t| t.id.as_str() == id) {
            return Some(ComponentDef::Time(t));
        }
        if let Some(m) = self.measures.iter().find(|m| m.id.as_str() == id) {
            return Some(ComponentDef::Measure(m));
        }
        self.attributes
            .iter()
            .find(|a| a.id.as_str() == id)
            .map(ComponentDef::Attribute)
    }

    /// The dimension or attribute that gives a series' frequency: role `frequency`, or the
    /// id `FREQ`.
    pub fn frequency_component(&self) -> Option<&Id> {
        let by_role = self
            .dimensions
            .iter()
            .find(|d| d.role == Some(ComponentRole::Frequency))
            .map(|d| &d.id)
            .or_else(|| {
                self.attributes
                    .iter()
                    .find(|a| a.role == Some(ComponentRole::Frequency))
                    .map(|a| &a.id)
            });
        by_role.or_else(|| {
            self.dimensions
                .iter()
                .map(|d| &d.id)
                .chain(self.attributes.iter().map(|a| &a.id))
                .find(|id| id.as_str() == "FREQ")
        })
    }

    fn component_sites(&self) -> impl Iterator<Item = (&Id, &'static str, usize)> {
        self.dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| (&d.id, "dimensions", i))
            .chain(
                self.time_dimension
                    .iter()
                    .map(|t| (&t.id, "timeDimension", 0)),
            )
            .chain(
                self.measures
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (&m.id, "measures", i)),
            )
            .chain(
                self.attributes
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (&a.id, "attributes", i)),
            )
    }
}

fn site_path(list: &str, i: usize, field: &str) -> String {
    if list == "timeDimension" {
        Pointer::root().key(list).key(field).into()
    } else {
        Pointer::root().key(list).index(i).key(field).into()
    }
}

/// An id from a literal known to be valid.
pub(crate) fn known_id(literal: &'static str) -> Id {
    match Id::new(literal) {
        Ok(id) => id,
        Err(e) => unreachable!("literal id {literal:?}: {e}"),
    }
}

impl DocumentMeta for DataStructure {
    const KIND: &'static str = DataStructureKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }

    /// Every component (`dimension`, `timeDimension`, `measure`, `attribute`).
    fn entities(&self) -> Vec<Entity<'_>> {
        self.component_sites()
            .map(|(id, list, i)| Entity {
                id,
                entity: match list {
                    "dimensions" => "dimension",
                    "timeDimension" => "timeDimension",
                    "measures" => "measure",
                    _ => "attribute",
                },
                path: site_path(list, i, "id"),
                name: None,
            })
            .collect()
    }

    /// Concept references (`schemeId#CONCEPT`), which must point at a `concept`.
    fn references(&self) -> Vec<RefSite<'_>> {
        fn push<'a>(out: &mut Vec<RefSite<'a>>, r: &'a Option<Ref>, list: &str, i: usize) {
            if let Some(target) = r {
                out.push(RefSite {
                    target,
                    expects: &["concept"],
                    path: site_path(list, i, "concept"),
                });
            }
        }
        let mut out = Vec::new();
        for (i, d) in self.dimensions.iter().enumerate() {
            push(&mut out, &d.concept, "dimensions", i);
        }
        if let Some(t) = &self.time_dimension {
            push(&mut out, &t.concept, "timeDimension", 0);
        }
        for (i, m) in self.measures.iter().enumerate() {
            push(&mut out, &m.concept, "measures", i);
        }
        for (i, a) in self.attributes.iter().enumerate() {
            push(&mut out, &a.concept, "attributes", i);
        }
        out
    }
}

impl Validate for DataStructure {
    /// Rules:
    ///
    /// * `statistics.structure.duplicate-id` — component ids are unique;
    /// * `statistics.structure.no-dimension` — at least one dimension (time included);
    /// * `statistics.structure.no-measure` — at least one measure;
    /// * `statistics.structure.time-not-last` — a plain dimension with the id `TIME_PERIOD`
    ///   (declare it as `timeDimension`, which is always last);
    /// * `statistics.structure.group-without-dimensions` — a group attribute names no
    ///   dimension;
    /// * `statistics.structure.related-dimensions` — `relatedDimensions` on an attribute
    ///   that is not attached to a group;
    /// * `statistics.structure.unknown-dimension` — `relatedDimensions` names something that
    ///   is not a dimension of the structure.
    ///
    /// O(components) with hashing.
    fn validate_into(&self, issues: &mut Issues) {
        let mut seen: HashMap<&str, String> = HashMap::new();
        for (id, list, i) in self.component_sites() {
            let path = site_path(list, i, "id");
            if let Some(first) = seen.get(id.as_str()) {
                issues
                    .error(
                        "statistics.structure.duplicate-id",
                        path,
                        format!("component id {:?} is already used at {first}", id.as_str()),
                    )
                    .help = Some("component ids must be unique in a structure".into());
            } else {
                seen.insert(id.as_str(), path);
            }
        }
        if self.dimensions.is_empty() && self.time_dimension.is_none() {
            issues.error(
                "statistics.structure.no-dimension",
                "/dimensions",
                "the structure has no dimension",
            );
        }
        if self.measures.is_empty() {
            issues
                .error(
                    "statistics.structure.no-measure",
                    "/measures",
                    "the structure has no measure",
                )
                .help = Some("add a measure such as OBS_VALUE".into());
        }
        for (i, d) in self.dimensions.iter().enumerate() {
            if d.id.as_str() == "TIME_PERIOD" {
                issues
                    .error(
                        "statistics.structure.time-not-last",
                        Pointer::root().key("dimensions").index(i).key("id"),
                        "TIME_PERIOD is declared as a plain dimension",
                    )
                    .help = Some(
                    "declare it as timeDimension: the time dimension is always the last of the key"
                        .into(),
                );
            }
        }
        let dims: std::collections::HashSet<&str> =
            self.dimensions.iter().map(|d| d.id.as_str()).collect();
        let time = self.time_dimension.as_ref().map(|t| t.id.as_str());
        for (i, a) in self.attributes.iter().enumerate() {
            let at = || Pointer::root().key("attributes").index(i);
            match a.attachment {
                AttachmentLevel::Group if a.related_dimensions.is_empty() => {
                    issues.error(
                        "statistics.structure.group-without-dimensions",
                        at().key("relatedDimensions"),
                        format!(
                            "attribute {:?} is attached to a group but names no dimension",
                            a.id.as_str()
                        ),
                    );
                }
                AttachmentLevel::Group => {}
                _ if !a.related_dimensions.is_empty() => {
                    issues.error(
                        "statistics.structure.related-dimensions",
                        at().key("relatedDimensions"),
                        format!(
                            "attribute {:?} lists relatedDimensions but is not attached to a group",
                            a.id.as_str()
                        ),
                    );
                }
                _ => {}
            }
            for (j, d) in a.related_dimensions.iter().enumerate() {
                if !dims.contains(d.as_str()) && Some(d.as_str()) != time {
                    issues.error(
                        "statistics.structure.unknown-dimension",
                        at().key("relatedDimensions").index(j),
                        format!("{:?} is not a dimension of the structure", d.as_str()),
                    );
                }
            }
        }
    }
}

/// A dataflow document (`dataflow`): a structure put to use for one kind of data.
///
/// ```
/// use govframe_core::LocalizedText;
/// use govframe_statistics::Dataflow;
/// let df = Dataflow::new("df-ict".parse()?, LocalizedText::en("ICT indicators"), "dsd-ict".parse()?);
/// assert_eq!(df.structure.as_str(), "dsd-ict");
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Dataflow")]
pub struct Dataflow {
    /// Always `"dataflow"`.
    pub kind: DataflowKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The SDMX artefact this document describes (`ESTAT:NA_MAIN(1.6.0)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdmx_id: Option<ArtefactRef>,
    /// What data it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The data structure (document id) its data conform to.
    pub structure: Id,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Dataflow {
    /// A dataflow of a structure.
    pub fn new(id: Id, title: LocalizedText, structure: Id) -> Self {
        Self {
            kind: DataflowKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            sdmx_id: None,
            description: None,
            structure,
            sources: Vec::new(),
            extensions: None,
        }
    }
}

impl DocumentMeta for Dataflow {
    const KIND: &'static str = DataflowKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for Dataflow {
    /// Rule: a dataflow does not name itself as its structure
    /// (`statistics.dataflow.self-structure`). O(1).
    fn validate_into(&self, issues: &mut Issues) {
        if self.structure == self.id {
            issues.error(
                "statistics.dataflow.self-structure",
                "/structure",
                "a dataflow names a dataStructure document, not itself",
            );
        }
    }
}
