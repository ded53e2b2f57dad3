//! Indicator metadata after the SDG metadata template (SDMX-based, post-2020): sections 0–7
//! with their SDMX concept ids, plus the GSBPM processes the production goes through.
//!
//! | section | concept | fields |
//! |---|---|---|
//! | 0 Indicator information | `SDG_INDICATOR_INFO` | 0.a–0.g |
//! | 1 Data reporter | `CONTACT` | 1.a–1.g |
//! | 2 Definition, concepts, and classifications | `IND_DEF_CON_CLASS` | 2.a–2.c |
//! | 3 Data source type and data collection method | `SRC_TYPE_COLL_METHOD` | 3.a–3.g |
//! | 4 Other methodological considerations | `OTHER_METHOD` | 4.a–4.k |
//! | 5 Data availability and disaggregation | `COVERAGE` | — |
//! | 6 Comparability/deviation from international standards | `COMPARABILITY` | — |
//! | 7 References and Documentation | `OTHER_DOC` | — |
//!
//! [`template`] lists every field with its number, name and concept id;
//! [`IndicatorMetadata::entries`] pairs them with a document's values, and
//! [`IndicatorMetadata::set_concept`] fills a field from an SDMX concept id (e.g. when
//! importing an SDMX metadata set).

use std::collections::HashSet;

use govframe_core::{
    Date, DocumentMeta, Extensions, Id, Issues, LocalizedText, Pointer, Source, SpecVersion,
    Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{CodeId, GsbpmProcess};

govframe_core::document_kind!(
    /// The kind tag of indicator metadata.
    IndicatorMetadataKind = "indicatorMetadata"
);

/// One field of the SDG metadata template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateField {
    /// Its number (`"0.a"`; `"5"` for the single-field sections 5–7).
    pub number: &'static str,
    /// Its English name.
    pub name: &'static str,
    /// Its SDMX concept id (`SDG_GOAL`).
    pub concept: &'static str,
    /// The concept id of its section (`SDG_INDICATOR_INFO`).
    pub section: &'static str,
    /// Its JSON Pointer in an `indicatorMetadata` document.
    pub path: &'static str,
}

/// A field's value in a document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TemplateValue<'a> {
    /// Text in one or more languages.
    Text(&'a LocalizedText),
    /// A date (`META_LAST_UPDATE`).
    Date(Date),
}

/// Values a template field may hold.
trait FieldValue: Sized {
    fn value(&self) -> TemplateValue<'_>;
    fn from_text(text: &LocalizedText) -> Option<Self>;
}

impl FieldValue for LocalizedText {
    fn value(&self) -> TemplateValue<'_> {
        TemplateValue::Text(self)
    }
    fn from_text(text: &LocalizedText) -> Option<Self> {
        Some(text.clone())
    }
}

impl FieldValue for Date {
    fn value(&self) -> TemplateValue<'_> {
        TemplateValue::Date(*self)
    }
    fn from_text(text: &LocalizedText) -> Option<Self> {
        text.iter()
            .next()
            .and_then(|(_, t)| Date::parse(t.trim()).ok())
    }
}

macro_rules! section {
    (
        $(#[$meta:meta])*
        $name:ident, $section:literal, $key:literal {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = ($num:literal, $label:literal, $concept:literal, $json:literal); )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[doc = concat!("\n\n", $num, " ", $label, " (`", $concept, "`).")]
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )+
        }

        impl $name {
            /// The template fields of this section, in order.
            pub const FIELDS: &'static [TemplateField] = &[$(
                TemplateField {
                    number: $num,
                    name: $label,
                    concept: $concept,
                    section: $section,
                    path: concat!("/", $key, "/", $json),
                },
            )+];

            fn entries(&self) -> Vec<(&'static TemplateField, TemplateValue<'_>)> {
                let mut out = Vec::new();
                let mut i = 0;
                $(
                    if let (Some(v), Some(f)) = (&self.$field, Self::FIELDS.get(i)) {
                        out.push((f, FieldValue::value(v)));
                    }
                    i += 1;
                )+
                let _ = i;
                out
            }

            fn set(&mut self, concept: &str, text: &LocalizedText) -> bool {
                $(
                    if concept == $concept {
                        return match FieldValue::from_text(text) {
                            Some(v) => {
                                self.$field = Some(v);
                                true
                            }
                            None => false,
                        };
                    }
                )+
                false
            }

            /// Whether no field is filled.
            pub fn is_empty(&self) -> bool {
                true $( && self.$field.is_none() )+
            }
        }
    };
}

section! {
    /// Section 0, indicator information (`SDG_INDICATOR_INFO`).
    IndicatorInformation, "SDG_INDICATOR_INFO", "indicatorInformation" {
        /// The goal.
        goal: LocalizedText = ("0.a", "Goal", "SDG_GOAL", "goal");
        /// The target.
        target: LocalizedText = ("0.b", "Target", "SDG_TARGET", "target");
        /// The indicator.
        indicator: LocalizedText = ("0.c", "Indicator", "SDG_INDICATOR", "indicator");
        /// The series.
        series_description: LocalizedText = ("0.d", "Series", "SDG_SERIES_DESCR", "seriesDescription");
        /// When the metadata were last updated.
        metadata_update: Date = ("0.e", "Metadata update", "META_LAST_UPDATE", "metadataUpdate");
        /// Related indicators.
        related_indicators: LocalizedText = ("0.f", "Related indicators", "SDG_RELATED_INDICATORS", "relatedIndicators");
        /// Who is responsible for global monitoring.
        custodian_agencies: LocalizedText = ("0.g", "International organisations(s) responsible for global monitoring", "SDG_CUSTODIAN_AGENCIES", "custodianAgencies");
    }
}

section! {
    /// Section 1, data reporter (`CONTACT`).
    DataReporter, "CONTACT", "dataReporter" {
        /// The organisation.
        organisation: LocalizedText = ("1.a", "Organisation", "CONTACT_ORGANISATION", "organisation");
        /// Contact persons.
        contact_name: LocalizedText = ("1.b", "Contact person(s)", "CONTACT_NAME", "contactName");
        /// The organisation unit.
        organisation_unit: LocalizedText = ("1.c", "Contact organisation unit", "ORGANISATION_UNIT", "organisationUnit");
        /// The contact's function.
        contact_function: LocalizedText = ("1.d", "Contact person function", "CONTACT_FUNCT", "contactFunction");
        /// Phone.
        contact_phone: LocalizedText = ("1.e", "Contact phone", "CONTACT_PHONE", "contactPhone");
        /// Postal address.
        contact_mail: LocalizedText = ("1.f", "Contact mail", "CONTACT_MAIL", "contactMail");
        /// E-mail.
        contact_email: LocalizedText = ("1.g", "Contact email", "CONTACT_EMAIL", "contactEmail");
    }
}

section! {
    /// Section 2, definition, concepts, and classifications (`IND_DEF_CON_CLASS`).
    Definition, "IND_DEF_CON_CLASS", "definition" {
        /// Definition and concepts.
        definition_and_concepts: LocalizedText = ("2.a", "Definition and concepts", "STAT_CONC_DEF", "definitionAndConcepts");
        /// Unit of measure.
        unit_of_measure: LocalizedText = ("2.b", "Unit of measure", "UNIT_MEASURE", "unitOfMeasure");
        /// Classifications.
        classifications: LocalizedText = ("2.c", "Classifications", "CLASS_SYSTEM", "classifications");
    }
}

section! {
    /// Section 3, data source type and data collection method (`SRC_TYPE_COLL_METHOD`).
    DataSource, "SRC_TYPE_COLL_METHOD", "dataSource" {
        /// Data sources.
        data_sources: LocalizedText = ("3.a", "Data sources", "SOURCE_TYPE", "dataSources");
        /// Collection method.
        collection_method: LocalizedText = ("3.b", "Data collection method", "COLL_METHOD", "collectionMethod");
        /// Collection calendar.
        collection_calendar: LocalizedText = ("3.c", "Data collection calendar", "FREQ_COLL", "collectionCalendar");
        /// Release calendar.
        release_calendar: LocalizedText = ("3.d", "Data release calendar", "REL_CAL_POLICY", "releaseCalendar");
        /// Data providers.
        data_providers: LocalizedText = ("3.e", "Data providers", "DATA_SOURCE", "dataProviders");
        /// Data compilers.
        data_compilers: LocalizedText = ("3.f", "Data compilers", "COMPILING_ORG", "dataCompilers");
        /// Institutional mandate.
        institutional_mandate: LocalizedText = ("3.g", "Institutional mandate", "INST_MANDATE", "institutionalMandate");
    }
}

section! {
    /// Section 4, other methodological considerations (`OTHER_METHOD`).
    Methodology, "OTHER_METHOD", "methodology" {
        /// Rationale.
        rationale: LocalizedText = ("4.a", "Rationale", "RATIONALE", "rationale");
        /// Comment and limitations.
        limitations: LocalizedText = ("4.b", "Comment and limitations", "REC_USE_LIM", "limitations");
        /// Method of computation.
        computation: LocalizedText = ("4.c", "Method of computation", "DATA_COMP", "computation");
        /// Validation.
        validation: LocalizedText = ("4.d", "Validation", "DATA_VALIDATION", "validation");
        /// Adjustments.
        adjustments: LocalizedText = ("4.e", "Adjustments", "ADJUSTMENT", "adjustments");
        /// Treatment of missing values.
        missing_values: LocalizedText = ("4.f", "Treatment of missing values (i) at country level and (ii) at regional level", "IMPUTATION", "missingValues");
        /// Regional aggregations.
        regional_aggregations: LocalizedText = ("4.g", "Regional aggregations", "REG_AGG", "regionalAggregations");
        /// Methods and guidance for countries.
        national_methods: LocalizedText = ("4.h", "Methods and guidance available to countries for the compilation of the data at the national level", "DOC_METHOD", "nationalMethods");
        /// Quality management.
        quality_management: LocalizedText = ("4.i", "Quality management", "QUALITY_MGMNT", "qualityManagement");
        /// Quality assurance.
        quality_assurance: LocalizedText = ("4.j", "Quality assurance", "QUALITY_ASSURE", "qualityAssurance");
        /// Quality assessment.
        quality_assessment: LocalizedText = ("4.k", "Quality assessment", "QUALITY_ASSMNT", "qualityAssessment");
    }
}

/// The single-field sections 5, 6 and 7.
const SINGLE_SECTIONS: [TemplateField; 3] = [
    TemplateField {
        number: "5",
        name: "Data availability and disaggregation",
        concept: "COVERAGE",
        section: "COVERAGE",
        path: "/dataAvailability",
    },
    TemplateField {
        number: "6",
        name: "Comparability/deviation from international standards",
        concept: "COMPARABILITY",
        section: "COMPARABILITY",
        path: "/comparability",
    },
    TemplateField {
        number: "7",
        name: "References and Documentation",
        concept: "OTHER_DOC",
        section: "OTHER_DOC",
        path: "/references",
    },
];

/// Every field of the template, in template order (0.a … 4.k, 5, 6, 7).
pub fn template() -> impl Iterator<Item = &'static TemplateField> {
    IndicatorInformation::FIELDS
        .iter()
        .chain(DataReporter::FIELDS)
        .chain(Definition::FIELDS)
        .chain(DataSource::FIELDS)
        .chain(Methodology::FIELDS)
        .chain(SINGLE_SECTIONS.iter())
}

/// The number of fields in the template: 7 + 7 + 3 + 7 + 11 + 3.
pub const TEMPLATE_LEN: usize = 38;

/// Sections and their concept ids, in order.
pub const SECTIONS: [(&str, &str, &str); 8] = [
    ("0", "Indicator information", "SDG_INDICATOR_INFO"),
    ("1", "Data reporter", "CONTACT"),
    (
        "2",
        "Definition, concepts, and classifications",
        "IND_DEF_CON_CLASS",
    ),
    (
        "3",
        "Data source type and data collection method",
        "SRC_TYPE_COLL_METHOD",
    ),
    ("4", "Other methodological considerations", "OTHER_METHOD"),
    ("5", "Data availability and disaggregation", "COVERAGE"),
    (
        "6",
        "Comparability/deviation from international standards",
        "COMPARABILITY",
    ),
    ("7", "References and Documentation", "OTHER_DOC"),
];

/// Who reports: global (`G`) or national (`N`) data (`REPORTING_TYPE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ReportingType {
    /// `G`: global reporting.
    #[serde(rename = "G")]
    Global,
    /// `N`: national reporting.
    #[serde(rename = "N")]
    National,
}

/// A step of the statistical production process, cited by its GSBPM number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProcessStep {
    /// The GSBPM phase or sub-process (`"5.3"`).
    pub process: GsbpmProcess,
    /// What is done in this step for the indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
}

/// Indicator metadata document (`indicatorMetadata`) after the SDG metadata template.
///
/// ```
/// use govframe_core::{LocalizedText, Validate};
/// use govframe_statistics::{GsbpmProcess, IndicatorMetadata, ProcessStep};
/// let mut m = IndicatorMetadata::new("sdg-17-6-1".parse()?, LocalizedText::en("17.6.1 metadata"),
///     LocalizedText::en("Fixed Internet broadband subscriptions per 100 inhabitants, by speed"));
/// m.set_concept("SDG_GOAL", &LocalizedText::en("Goal 17"));
/// m.set_concept("META_LAST_UPDATE", &LocalizedText::en("2022-01-01"));
/// m.processes.push(ProcessStep { process: GsbpmProcess::ReviewAndValidate, description: None });
/// let concepts: Vec<&str> = m.entries().iter().map(|(f, _)| f.concept).collect();
/// assert_eq!(concepts, ["SDG_GOAL", "SDG_INDICATOR", "META_LAST_UPDATE"]);
/// assert_eq!(m.validate().iter().filter(|i| i.severity == govframe_core::Severity::Error).count(), 0);
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "IndicatorMetadata")]
pub struct IndicatorMetadata {
    /// Always `"indicatorMetadata"`.
    pub kind: IndicatorMetadataKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Global or national reporting (`REPORTING_TYPE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting_type: Option<ReportingType>,
    /// SDG series codes the metadata cover (`SERIES`, e.g. `IT_NET_BBND`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub series: Vec<CodeId>,
    /// The reference area (`REF_AREA`, an M49 code such as `1` for the world).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_area: Option<CodeId>,
    /// The dataflow (document id) whose data the metadata describe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataflow: Option<Id>,
    /// Section 0, indicator information (`SDG_INDICATOR_INFO`).
    pub indicator_information: IndicatorInformation,
    /// Section 1, data reporter (`CONTACT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_reporter: Option<DataReporter>,
    /// Section 2, definition, concepts, and classifications (`IND_DEF_CON_CLASS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Definition>,
    /// Section 3, data source type and data collection method (`SRC_TYPE_COLL_METHOD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_source: Option<DataSource>,
    /// Section 4, other methodological considerations (`OTHER_METHOD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub methodology: Option<Methodology>,
    /// Section 5, data availability and disaggregation (`COVERAGE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_availability: Option<LocalizedText>,
    /// Section 6, comparability/deviation from international standards (`COMPARABILITY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparability: Option<LocalizedText>,
    /// Section 7, references and documentation (`OTHER_DOC`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub references: Option<LocalizedText>,
    /// The GSBPM steps the indicator's production goes through.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub processes: Vec<ProcessStep>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl IndicatorMetadata {
    /// Metadata with section 0.c (the indicator) filled.
    pub fn new(id: Id, title: LocalizedText, indicator: LocalizedText) -> Self {
        Self {
            kind: IndicatorMetadataKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            reporting_type: None,
            series: Vec::new(),
            ref_area: None,
            dataflow: None,
            indicator_information: IndicatorInformation {
                indicator: Some(indicator),
                ..IndicatorInformation::default()
            },
            data_reporter: None,
            definition: None,
            data_source: None,
            methodology: None,
            data_availability: None,
            comparability: None,
            references: None,
            processes: Vec::new(),
            sources: Vec::new(),
            extensions: None,
        }
    }

    /// The filled fields with their template entries, in template order. O(fields).
    pub fn entries(&self) -> Vec<(&'static TemplateField, TemplateValue<'_>)> {
        let mut out = self.indicator_information.entries();
        if let Some(s) = &self.data_reporter {
            out.extend(s.entries());
        }
        if let Some(s) = &self.definition {
            out.extend(s.entries());
        }
        if let Some(s) = &self.data_source {
            out.extend(s.entries());
        }
        if let Some(s) = &self.methodology {
            out.extend(s.entries());
        }
        let singles = [
            &self.data_availability,
            &self.comparability,
            &self.references,
        ];
        for (field, value) in SINGLE_SECTIONS.iter().zip(singles) {
            if let Some(v) = value {
                out.push((field, TemplateValue::Text(v)));
            }
        }
        out
    }

    /// The value of the field with this SDMX concept id.
    pub fn concept(&self, concept: &str) -> Option<TemplateValue<'_>> {
        self.entries()
            .into_iter()
            .find(|(f, _)| f.concept == concept)
            .map(|(_, v)| v)
    }

    /// Fills the field with this SDMX concept id. Returns `false` when the concept is not a
    /// field of the template, or when `META_LAST_UPDATE` is not a `YYYY-MM-DD` date.
    pub fn set_concept(&mut self, concept: &str, text: &LocalizedText) -> bool {
        if IndicatorInformation::FIELDS
            .iter()
            .any(|f| f.concept == concept)
        {
            return self.indicator_information.set(concept, text);
        }
        macro_rules! try_section {
            ($field:ident, $ty:ty) => {
                if <$ty>::FIELDS.iter().any(|f| f.concept == concept) {
                    return self
                        .$field
                        .get_or_insert_with(<$ty>::default)
                        .set(concept, text);
                }
            };
        }
        try_section!(data_reporter, DataReporter);
        try_section!(definition, Definition);
        try_section!(data_source, DataSource);
        try_section!(methodology, Methodology);
        let slot = match concept {
            "COVERAGE" => &mut self.data_availability,
            "COMPARABILITY" => &mut self.comparability,
            "OTHER_DOC" => &mut self.references,
            _ => return false,
        };
        *slot = Some(text.clone());
        true
    }
}

impl DocumentMeta for IndicatorMetadata {
    const KIND: &'static str = IndicatorMetadataKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for IndicatorMetadata {
    /// Rules:
    ///
    /// * `statistics.metadata.missing-indicator` — 0.c (`SDG_INDICATOR`) is empty;
    /// * `statistics.metadata.empty-section` — a section object is present with no field
    ///   filled (warning);
    /// * `statistics.metadata.section-missing` — one of sections 1–7 is absent (info);
    /// * `statistics.metadata.duplicate-series` — a series code is listed twice;
    /// * `statistics.metadata.duplicate-process` — a GSBPM process is cited twice.
    ///
    /// O(fields + series + processes).
    fn validate_into(&self, issues: &mut Issues) {
        if self.indicator_information.indicator.is_none() {
            issues
                .error(
                    "statistics.metadata.missing-indicator",
                    "/indicatorInformation/indicator",
                    "0.c Indicator (SDG_INDICATOR) is empty",
                )
                .help = Some("name the indicator the metadata describe".into());
        }
        let sections: [(&str, &str, Option<bool>); 4] = [
            (
                "dataReporter",
                "1",
                self.data_reporter.as_ref().map(DataReporter::is_empty),
            ),
            (
                "definition",
                "2",
                self.definition.as_ref().map(Definition::is_empty),
            ),
            (
                "dataSource",
                "3",
                self.data_source.as_ref().map(DataSource::is_empty),
            ),
            (
                "methodology",
                "4",
                self.methodology.as_ref().map(Methodology::is_empty),
            ),
        ];
        for (key, number, state) in sections {
            match state {
                Some(true) => {
                    issues.warning(
                        "statistics.metadata.empty-section",
                        Pointer::root().key(key),
                        format!("section {number} is present but has no field filled"),
                    );
                }
                Some(false) => {}
                None => {
                    issues.info(
                        "statistics.metadata.section-missing",
                        Pointer::root().key(key),
                        format!("section {number} is not filled in"),
                    );
                }
            }
        }
        for (field, value) in SINGLE_SECTIONS.iter().zip([
            &self.data_availability,
            &self.comparability,
            &self.references,
        ]) {
            if value.is_none() {
                issues.info(
                    "statistics.metadata.section-missing",
                    field.path,
                    format!(
                        "section {} ({}) is not filled in",
                        field.number, field.concept
                    ),
                );
            }
        }
        let mut seen = HashSet::new();
        for (i, s) in self.series.iter().enumerate() {
            if !seen.insert(s.as_str()) {
                issues.error(
                    "statistics.metadata.duplicate-series",
                    Pointer::root().key("series").index(i),
                    format!("series {:?} is listed twice", s.as_str()),
                );
            }
        }
        let mut seen = HashSet::new();
        for (i, p) in self.processes.iter().enumerate() {
            if !seen.insert(p.process) {
                issues.error(
                    "statistics.metadata.duplicate-process",
                    Pointer::root().key("processes").index(i).key("process"),
                    format!("GSBPM process {} is cited twice", p.process),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_has_every_field_once() {
        let all: Vec<_> = template().collect();
        assert_eq!(all.len(), TEMPLATE_LEN);
        let concepts: HashSet<_> = all.iter().map(|f| f.concept).collect();
        assert_eq!(concepts.len(), TEMPLATE_LEN);
        assert_eq!(all[0].number, "0.a");
        assert_eq!(all[4].concept, "META_LAST_UPDATE");
        assert_eq!(all[TEMPLATE_LEN - 1].concept, "OTHER_DOC");
    }

    #[test]
    fn every_concept_can_be_set_and_read() {
        let mut m = IndicatorMetadata::new(
            "m".parse().unwrap(),
            LocalizedText::en("t"),
            LocalizedText::en("i"),
        );
        for f in template() {
            let text = if f.concept == "META_LAST_UPDATE" {
                LocalizedText::en("2022-01-01")
            } else {
                LocalizedText::en(format!("value of {}", f.concept))
            };
            assert!(m.set_concept(f.concept, &text), "{}", f.concept);
        }
        let entries = m.entries();
        assert_eq!(entries.len(), TEMPLATE_LEN);
        let json = serde_json::to_value(&m).unwrap();
        for (f, _) in entries {
            assert!(json.pointer(f.path).is_some(), "{}", f.path);
        }
        assert!(!m.set_concept("NOT_A_CONCEPT", &LocalizedText::en("x")));
        assert!(!m.set_concept("META_LAST_UPDATE", &LocalizedText::en("soon")));
    }
}
