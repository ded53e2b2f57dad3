//! Concept schemes: the concepts that data structures bind their components to.

use govframe_core::{
    DocumentMeta, Entity, Extensions, Id, Issues, LocalizedText, Pointer, Ref, RefSite, Source,
    SpecVersion, Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

govframe_core::document_kind!(
    /// The kind tag of a concept scheme.
    ConceptSchemeKind = "conceptScheme"
);

/// A concept: what a dimension, measure or attribute stands for (`REF_AREA`, `OBS_VALUE`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Concept {
    /// The concept id (SDMX style, e.g. `REF_AREA`), unique in the scheme.
    pub id: Id,
    /// Its name.
    pub name: LocalizedText,
    /// What it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// A broader concept of the same scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// The codelist (document id) that represents the concept by default, when coded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub codelist: Option<Id>,
}

impl Concept {
    /// A concept with an id and a name.
    pub fn new(id: Id, name: LocalizedText) -> Self {
        Self {
            id,
            name,
            description: None,
            parent: None,
            codelist: None,
        }
    }
}

/// A concept scheme document (`conceptScheme`).
///
/// ```
/// use govframe_core::{LocalizedText, Validate};
/// use govframe_statistics::{Concept, ConceptScheme};
/// let mut s = ConceptScheme::new("cs-ict".parse()?, LocalizedText::en("ICT concepts"));
/// s.concepts.push(Concept::new("REF_AREA".parse()?, LocalizedText::en("Reference area")));
/// s.concepts.push(Concept::new("REF_AREA".parse()?, LocalizedText::en("Again")));
/// assert_eq!(s.validate()[0].rule, "statistics.concept.duplicate-id");
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "ConceptScheme")]
pub struct ConceptScheme {
    /// Always `"conceptScheme"`.
    pub kind: ConceptSchemeKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// SDMX maintenance agency (`SDMX`, `ITU`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Artefact version (`1.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// What the scheme covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The concepts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub concepts: Vec<Concept>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl ConceptScheme {
    /// An empty scheme.
    pub fn new(id: Id, title: LocalizedText) -> Self {
        Self {
            kind: ConceptSchemeKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            agency: None,
            version: None,
            description: None,
            concepts: Vec::new(),
            sources: Vec::new(),
            extensions: None,
        }
    }

    /// The concept with this id.
    pub fn concept(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id.as_str() == id)
    }
}

impl DocumentMeta for ConceptScheme {
    const KIND: &'static str = ConceptSchemeKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }

    /// Every concept (`concept`), so that structures can point at `schemeId#CONCEPT`.
    fn entities(&self) -> Vec<Entity<'_>> {
        self.concepts
            .iter()
            .enumerate()
            .map(|(i, c)| Entity {
                id: &c.id,
                entity: "concept",
                path: Pointer::root().key("concepts").index(i).key("id").into(),
                name: Some(&c.name),
            })
            .collect()
    }

    fn references(&self) -> Vec<RefSite<'_>> {
        Vec::new()
    }
}

impl Validate for ConceptScheme {
    /// Rules: concept ids are unique (`statistics.concept.duplicate-id`); a parent is a
    /// concept of the scheme (`statistics.concept.unknown-parent`) and parents do not form a
    /// cycle (`statistics.concept.parent-cycle`). O(n) with hashing (cycles O(n·depth)).
    fn validate_into(&self, issues: &mut Issues) {
        issues.unique_ids(
            "statistics.concept.duplicate-id",
            self.concepts.iter().enumerate().map(|(i, c)| (&c.id, i)),
            |i| format!("/concepts/{i}/id"),
        );
        let parents = crate::codelist::parent_map(
            self.concepts
                .iter()
                .map(|c| (c.id.as_str(), c.parent.as_ref().map(Id::as_str))),
        );
        crate::codelist::check_parents(
            issues,
            &parents,
            "concepts",
            "statistics.concept.unknown-parent",
            "statistics.concept.parent-cycle",
        );
    }
}

/// A reference to a concept: `schemeId#CONCEPT_ID`.
pub type ConceptRef = Ref;
