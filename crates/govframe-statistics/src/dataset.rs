//! The `dataset` document: a data set in readable JSON, for small data (examples, exchanges,
//! test fixtures). Large data sets live in a [`DataCube`](crate::data::DataCube) and travel
//! as SDMX-CSV.
//!
//! ```json
//! {
//!   "kind": "dataset", "specVersion": "1.0", "id": "ict-demo", "title": {"en": "ICT demo"},
//!   "sdmxStructure": {"type": "dataflow", "id": "ITU:ICT(1.0)"},
//!   "dimensions": ["REF_AREA", "INDICATOR", "TIME_PERIOD"], "timeDimension": "TIME_PERIOD",
//!   "measures": ["OBS_VALUE"],
//!   "attributes": [{"id": "OBS_STATUS"}],
//!   "observations": [
//!     {"key": ["KEN", "i99H", "2022"], "values": [40.8], "attributes": ["A"]}
//!   ]
//! }
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};

use govframe_core::{
    DocumentMeta, Extensions, Id, Issues, LocalizedText, Pointer, Source, SpecVersion, Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::data::{
    DataCube, Layout, MeasureValue, Row, ValueForm, join_values, split_languages, split_values,
};
use crate::{Action, GsbpmProcess, StructureUse};

govframe_core::document_kind!(
    /// The kind tag of a dataset.
    DatasetKind = "dataset"
);

/// How an attribute's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum AttributeForm {
    /// One value (a string). The default.
    #[default]
    Single,
    /// Several values (an array of strings).
    Multiple,
    /// One text per language (an object keyed by language).
    Multilingual,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// An attribute column of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttributeColumn {
    /// Component id.
    pub id: Id,
    /// How its values are written.
    #[serde(default, skip_serializing_if = "is_default")]
    #[schemars(extend("default" = "single"))]
    pub form: AttributeForm,
    /// For multilingual attributes: the languages, in column order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub languages: Vec<String>,
}

/// A measure value: a number, or text for text measures (`"-"` marks a value to delete).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ObsValue {
    // Variant titles are unique across all kinds: `document.schema.json` holds every kind's
    // definitions, and code generators number a repeated title (`Number1`).
    /// # ObsNumber
    /// A finite number.
    Number(f64),
    /// # ObsText
    /// A text value.
    Text(String),
}

/// An attribute value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum AttributeValue {
    /// # TextValue
    /// One value.
    Text(String),
    /// # MultipleValues
    /// Several values.
    Values(Vec<String>),
    /// # MultilingualValue
    /// One text per language.
    Texts(BTreeMap<String, String>),
}

/// One observation: its key (one value per dimension), its measure values and attribute
/// values (in column order; trailing ones may be left out, `null` is missing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Observation {
    /// One value per dimension.
    pub key: Vec<String>,
    /// One value per measure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub values: Vec<Option<ObsValue>>,
    /// One value per attribute.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub attributes: Vec<Option<AttributeValue>>,
    /// The action, when it differs from the dataset's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    /// The SDMX structure, when it differs from the dataset's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdmx_structure: Option<StructureUse>,
}

/// A dataset document (`dataset`).
///
/// ```
/// use govframe_core::Validate;
/// use govframe_statistics::Dataset;
/// let d: Dataset = serde_json::from_str(r#"{
///   "kind": "dataset", "specVersion": "1.0", "id": "d", "title": {"en": "Demo"},
///   "dimensions": ["REF_AREA", "TIME_PERIOD"], "timeDimension": "TIME_PERIOD",
///   "measures": ["OBS_VALUE"],
///   "observations": [{"key": ["KEN", "2022"], "values": [40.8]},
///                    {"key": ["KEN", "2022"], "values": [41.0]}]}"#)?;
/// assert_eq!(d.validate()[0].rule, "statistics.dataset.duplicate-key");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Dataset")]
pub struct Dataset {
    /// Always `"dataset"`.
    pub kind: DatasetKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What the data are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The `dataStructure` document (id) the data conform to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<Id>,
    /// The `dataflow` document (id) the data belong to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataflow: Option<Id>,
    /// The SDMX structure of the observations (each may name another).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdmx_structure: Option<StructureUse>,
    /// The action of the observations (each may name another).
    #[serde(default, skip_serializing_if = "is_default")]
    #[schemars(extend("default" = "information"))]
    pub action: Action,
    /// The GSBPM (sub-)process that produced the data set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process: Option<GsbpmProcess>,
    /// Dimension ids, in key order.
    pub dimensions: Vec<Id>,
    /// Which dimension is time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_dimension: Option<Id>,
    /// Measure ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub measures: Vec<Id>,
    /// Attribute columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub attributes: Vec<AttributeColumn>,
    /// The observations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub observations: Vec<Observation>,
    /// Names of dimension values: dimension id → value → name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(extend("default" = {}))]
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
    /// Where the data come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Dataset {
    /// An empty dataset with a layout.
    pub fn new(id: Id, title: LocalizedText, layout: &Layout) -> Self {
        Self {
            kind: DatasetKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            description: None,
            structure: None,
            dataflow: None,
            sdmx_structure: None,
            action: Action::Information,
            process: None,
            dimensions: layout.dimensions.clone(),
            time_dimension: layout.time_id().cloned(),
            measures: layout.measures.iter().map(|m| m.id.clone()).collect(),
            attributes: layout
                .attributes
                .iter()
                .map(|a| AttributeColumn {
                    id: a.id.clone(),
                    form: match a.form {
                        ValueForm::Single => AttributeForm::Single,
                        ValueForm::Multi => AttributeForm::Multiple,
                        ValueForm::Multilingual(_) => AttributeForm::Multilingual,
                    },
                    languages: match &a.form {
                        ValueForm::Multilingual(l) => l.clone(),
                        _ => Vec::new(),
                    },
                })
                .collect(),
            observations: Vec::new(),
            labels: BTreeMap::new(),
            sources: Vec::new(),
            extensions: None,
        }
    }

    /// The layout the observations follow (measures of unknown type read as
    /// [`MeasureKind::Auto`](crate::data::MeasureKind::Auto)).
    pub fn layout(&self) -> Layout {
        Layout {
            dimensions: self.dimensions.clone(),
            time_dimension: self
                .time_dimension
                .as_ref()
                .and_then(|t| self.dimensions.iter().position(|d| d == t)),
            measures: self
                .measures
                .iter()
                .map(|m| crate::data::MeasureSpec {
                    id: m.clone(),
                    kind: crate::data::MeasureKind::Auto,
                })
                .collect(),
            attributes: self
                .attributes
                .iter()
                .map(|a| crate::data::AttributeSpec {
                    id: a.id.clone(),
                    form: match a.form {
                        AttributeForm::Single => ValueForm::Single,
                        AttributeForm::Multiple => ValueForm::Multi,
                        AttributeForm::Multilingual => ValueForm::Multilingual(a.languages.clone()),
                    },
                })
                .collect(),
            sub_separator: ';',
        }
    }

    /// The dataset form of a cube: every row an observation; the first row's structure and
    /// action become the dataset's, and observations name theirs only when different.
    /// O(rows × components).
    pub fn from_cube(cube: &DataCube, id: Id, title: LocalizedText) -> Self {
        let mut d = Self::new(id, title, cube.layout());
        let first = (!cube.is_empty()).then(|| cube.row(0));
        d.sdmx_structure = first.and_then(|r| structure_use(r.structure()));
        d.action = first.map(|r| r.action()).unwrap_or_default();
        let sep = cube.layout().sub_separator;
        for row in 0..cube.len() {
            let r = cube.row(row);
            d.observations.push(observation(
                &r,
                cube.layout(),
                &d.sdmx_structure,
                d.action,
                sep,
            ));
        }
        for (i, dim) in cube.layout().dimensions.iter().enumerate() {
            let names: BTreeMap<String, String> = cube
                .dimension_values(i)
                .into_iter()
                .filter_map(|v| cube.label(i, v).map(|l| (v.to_owned(), l.to_owned())))
                .collect();
            if !names.is_empty() {
                d.labels.insert(dim.to_string(), names);
            }
        }
        d
    }
}

/// The typed structure of a row, when its reference parses.
pub(crate) fn structure_use(s: Option<(crate::StructureKind, &str)>) -> Option<StructureUse> {
    let (kind, id) = s?;
    Some(StructureUse {
        kind,
        id: id.parse().ok()?,
    })
}

/// The JSON value of an attribute's text.
pub(crate) fn attribute_value(text: &str, form: &ValueForm, sep: char) -> Option<AttributeValue> {
    if text.is_empty() {
        return None;
    }
    Some(match form {
        ValueForm::Single => AttributeValue::Text(text.to_owned()),
        ValueForm::Multi => AttributeValue::Values(split_values(text, sep)),
        ValueForm::Multilingual(_) => match split_languages(text, sep) {
            Some(pairs) => AttributeValue::Texts(pairs.into_iter().collect()),
            None => AttributeValue::Text(text.to_owned()),
        },
    })
}

/// The text of an attribute value (the inverse of [`attribute_value`]).
pub(crate) fn attribute_text(value: &AttributeValue, sep: char) -> String {
    match value {
        AttributeValue::Text(t) => t.clone(),
        AttributeValue::Values(v) => join_values(v, sep),
        AttributeValue::Texts(m) => {
            let parts: Vec<String> = m.iter().map(|(l, t)| format!("{l}:{t}")).collect();
            join_values(&parts, sep)
        }
    }
}

pub(crate) fn observation<R: Row + ?Sized>(
    r: &R,
    layout: &Layout,
    default_structure: &Option<StructureUse>,
    default_action: Action,
    sep: char,
) -> Observation {
    let mut values: Vec<Option<ObsValue>> = (0..layout.measures.len())
        .map(|i| match r.measure(i) {
            MeasureValue::Missing => None,
            MeasureValue::Number(x) => Some(ObsValue::Number(x)),
            MeasureValue::Text(t) => Some(ObsValue::Text(t.to_owned())),
            MeasureValue::Dash => Some(ObsValue::Text("-".into())),
        })
        .collect();
    while values.last() == Some(&None) {
        values.pop();
    }
    let mut attributes: Vec<Option<AttributeValue>> = layout
        .attributes
        .iter()
        .enumerate()
        .map(|(i, a)| attribute_value(r.attribute(i), &a.form, sep))
        .collect();
    while attributes.last() == Some(&None) {
        attributes.pop();
    }
    let structure = structure_use(r.structure());
    Observation {
        key: (0..layout.dimensions.len())
            .map(|i| r.dimension(i).to_owned())
            .collect(),
        values,
        attributes,
        action: (r.action() != default_action).then(|| r.action()),
        sdmx_structure: if structure == *default_structure {
            None
        } else {
            structure
        },
    }
}

impl DocumentMeta for Dataset {
    const KIND: &'static str = DatasetKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for Dataset {
    /// Rules:
    ///
    /// * `statistics.dataset.duplicate-component` — a component id is used twice;
    /// * `statistics.dataset.unknown-time-dimension` — `timeDimension` is not a dimension;
    /// * `statistics.dataset.key-length` — a key does not have one value per dimension;
    /// * `statistics.dataset.too-many-values` / `statistics.dataset.too-many-attributes` —
    ///   an observation has more values than there are measures / attributes;
    /// * `statistics.dataset.non-finite` — a measure value is not a finite number;
    /// * `statistics.dataset.attribute-form` — a value's shape does not match its column's
    ///   form (warning);
    /// * `statistics.dataset.duplicate-key` — two observations have the same key and
    ///   structure (delete observations and keys with an empty value excepted);
    /// * `statistics.dataset.unknown-label-dimension` — `labels` names a non-dimension.
    ///
    /// O(observations × components) with hashing.
    fn validate_into(&self, issues: &mut Issues) {
        let mut seen: HashSet<&str> = HashSet::new();
        let ids = self
            .dimensions
            .iter()
            .map(|d| ("dimensions", d))
            .chain(self.measures.iter().map(|m| ("measures", m)))
            .chain(self.attributes.iter().map(|a| ("attributes", &a.id)));
        let mut counters: HashMap<&str, usize> = HashMap::new();
        for (list, id) in ids {
            let i = counters.entry(list).or_insert(0);
            let path = match list {
                "attributes" => Pointer::root().key(list).index(*i).key("id"),
                _ => Pointer::root().key(list).index(*i),
            };
            *i += 1;
            if !seen.insert(id.as_str()) {
                issues.error(
                    "statistics.dataset.duplicate-component",
                    path,
                    format!("component id {:?} is used twice", id.as_str()),
                );
            }
        }
        if let Some(t) = &self.time_dimension
            && !self.dimensions.contains(t)
        {
            issues.error(
                "statistics.dataset.unknown-time-dimension",
                "/timeDimension",
                format!("{:?} is not one of the dimensions", t.as_str()),
            );
        }
        for dim in self.labels.keys() {
            if !self.dimensions.iter().any(|d| d.as_str() == dim) {
                issues.error(
                    "statistics.dataset.unknown-label-dimension",
                    Pointer::root().key("labels").key(dim),
                    format!("labels name {dim:?}, which is not a dimension"),
                );
            }
        }
        let mut keys: HashMap<(Vec<&str>, Option<&StructureUse>), usize> = HashMap::new();
        for (i, o) in self.observations.iter().enumerate() {
            let at = || Pointer::root().key("observations").index(i);
            if o.key.len() != self.dimensions.len() {
                issues.error(
                    "statistics.dataset.key-length",
                    at().key("key"),
                    format!(
                        "the key has {} values for {} dimensions",
                        o.key.len(),
                        self.dimensions.len()
                    ),
                );
            }
            if o.values.len() > self.measures.len() {
                issues.error(
                    "statistics.dataset.too-many-values",
                    at().key("values"),
                    format!(
                        "{} values for {} measures",
                        o.values.len(),
                        self.measures.len()
                    ),
                );
            }
            for (j, v) in o.values.iter().enumerate() {
                if let Some(ObsValue::Number(x)) = v {
                    issues.finite("statistics.dataset.non-finite", *x, || {
                        at().key("values").index(j).into()
                    });
                }
            }
            if o.attributes.len() > self.attributes.len() {
                issues.error(
                    "statistics.dataset.too-many-attributes",
                    at().key("attributes"),
                    format!(
                        "{} attribute values for {} attributes",
                        o.attributes.len(),
                        self.attributes.len()
                    ),
                );
            }
            for (j, (v, col)) in o.attributes.iter().zip(&self.attributes).enumerate() {
                let ok = matches!(
                    (v, col.form),
                    (None | Some(AttributeValue::Text(_)), _)
                        | (Some(AttributeValue::Values(_)), AttributeForm::Multiple)
                        | (Some(AttributeValue::Texts(_)), AttributeForm::Multilingual)
                );
                if !ok {
                    issues.warning(
                        "statistics.dataset.attribute-form",
                        at().key("attributes").index(j),
                        format!(
                            "attribute {:?} is {:?} but this value has another shape",
                            col.id.as_str(),
                            col.form
                        ),
                    );
                }
            }
            let action = o.action.unwrap_or(self.action);
            if action == Action::Delete || o.key.iter().any(String::is_empty) {
                continue;
            }
            let structure = o.sdmx_structure.as_ref().or(self.sdmx_structure.as_ref());
            let key = (o.key.iter().map(String::as_str).collect(), structure);
            if let Some(first) = keys.insert(key, i) {
                issues.error(
                    "statistics.dataset.duplicate-key",
                    at().key("key"),
                    format!(
                        "key {} is already used by /observations/{first}",
                        o.key.join(".")
                    ),
                );
            }
        }
    }
}
