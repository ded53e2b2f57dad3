//! The `annualReport` document: every section, table and chart of the report, with a source on
//! every number.

use std::collections::BTreeSet;

use govframe_core::{
    DocumentMeta, Extensions, Id, Issues, LanguageTag, LocalizedText, Source, SpecVersion,
    Validate, WebUrl,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

govframe_core::document_kind!(
    /// The kind tag of an annual report.
    AnnualReportKind = "annualReport"
);

/// Where a number comes from: the input document it was read or computed from, and that
/// document's own citation (its first source, or its title when it cites none).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SourceRef {
    /// The input document (its id; listed in the report's `documents`).
    pub document: Id,
    /// The title of the cited source.
    #[serde(deserialize_with = "govframe_core::de::non_empty")]
    #[schemars(length(min = 1))]
    pub title: String,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
    /// Where in the source, or how the number was derived from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Cell {
    /// # ReportTextCell
    /// Text (from an input document or from the report itself).
    Text {
        /// The text.
        text: String,
    },
    /// # ReportNumberCell
    /// A number with its source.
    Number {
        /// The value.
        value: f64,
        /// The value as shown.
        #[serde(deserialize_with = "govframe_core::de::non_empty")]
        #[schemars(length(min = 1))]
        display: String,
        /// Lower end of an interval around the value (e.g. a rank interval).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        low: Option<f64>,
        /// Upper end of the interval.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        high: Option<f64>,
        /// Where it comes from.
        source: SourceRef,
    },
}

impl Cell {
    /// A text cell.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text { text: text.into() }
    }

    /// A number cell shown as `display`.
    pub fn number(value: f64, display: impl Into<String>, source: &SourceRef) -> Self {
        Self::Number {
            value,
            display: display.into(),
            low: None,
            high: None,
            source: source.clone(),
        }
    }

    /// The source of a number cell.
    pub fn source(&self) -> Option<&SourceRef> {
        match self {
            Self::Text { .. } => None,
            Self::Number { source, .. } => Some(source),
        }
    }
}

/// A table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Table {
    /// Id, unique in the report.
    pub id: Id,
    /// Caption.
    pub caption: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// Rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// How a chart is drawn.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum ChartKind {
    /// Horizontal bars, one per point label; several series side by side.
    Bar,
    /// Lines over `x` (years), one per series, with optional reference lines.
    Line,
    /// Points with an interval (`low`–`high`), one row per point label.
    Interval,
}

/// One point of a chart series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChartPoint {
    /// Category or axis label.
    pub label: String,
    /// Position on the x axis (years for line charts; the order for other kinds).
    pub x: f64,
    /// The value.
    pub value: f64,
    /// Lower end of an interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// Upper end of an interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// Where it comes from.
    pub source: SourceRef,
}

/// A series of a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChartSeries {
    /// Name shown in the legend.
    pub name: String,
    /// Points, in drawing order.
    pub points: Vec<ChartPoint>,
}

/// A horizontal reference line (a target value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReferenceLine {
    /// Label.
    pub label: String,
    /// The value.
    pub value: f64,
    /// Where it comes from.
    pub source: SourceRef,
}

/// A chart: drawn as SVG by the renderer from these numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Chart {
    /// Id, unique in the report (also the SVG file name: `<id>.svg`).
    pub id: Id,
    /// How it is drawn.
    #[serde(rename = "type")]
    pub chart_type: ChartKind,
    /// Caption (the figure's title).
    pub caption: String,
    /// Label of the x axis.
    pub x_label: String,
    /// Label of the y axis.
    pub y_label: String,
    /// Series.
    pub series: Vec<ChartSeries>,
    /// Reference lines (targets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub reference_lines: Vec<ReferenceLine>,
}

impl Chart {
    /// Every source the chart's numbers cite, in order of first use.
    pub fn sources(&self) -> Vec<&SourceRef> {
        let mut out: Vec<&SourceRef> = Vec::new();
        let all = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| &p.source))
            .chain(self.reference_lines.iter().map(|r| &r.source));
        for s in all {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}

impl Table {
    /// Every source the table's numbers cite, in order of first use.
    pub fn sources(&self) -> Vec<&SourceRef> {
        let mut out: Vec<&SourceRef> = Vec::new();
        for s in self.rows.iter().flatten().filter_map(Cell::source) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }
}

/// The sections of a report, in the order they are shown.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum SectionKind {
    /// The strategic plan and its coverage by consultation mechanisms.
    Plan,
    /// Progress toward every target that has a number.
    Progress,
    /// Indicator values in the data (latest per series and area).
    Indicators,
    /// The composite index: ranks, pillar scores, uncertainty intervals.
    Index,
    /// Consultations, meetings and consensus in the year.
    Consensus,
    /// The governance landscape and its fragmentation by theme.
    Landscape,
    /// The digital-economy accounts.
    Accounts,
    /// Sources and methods.
    Sources,
}

impl SectionKind {
    /// Every section, in order.
    pub const ALL: [SectionKind; 8] = [
        Self::Plan,
        Self::Progress,
        Self::Indicators,
        Self::Index,
        Self::Consensus,
        Self::Landscape,
        Self::Accounts,
        Self::Sources,
    ];

    /// The id used in JSON and as the HTML anchor.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plan => "plan",
            Self::Progress => "progress",
            Self::Indicators => "indicators",
            Self::Index => "index",
            Self::Consensus => "consensus",
            Self::Landscape => "landscape",
            Self::Accounts => "accounts",
            Self::Sources => "sources",
        }
    }
}

/// One section of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Section {
    /// Which section.
    pub section: SectionKind,
    /// Heading.
    pub heading: String,
    /// Why the section has no content (e.g. "no index data in the input").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub empty: Option<String>,
    /// Paragraphs of text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub paragraphs: Vec<String>,
    /// Tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub tables: Vec<Table>,
    /// Charts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub charts: Vec<Chart>,
    /// How the numbers were computed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub methods: Vec<String>,
    /// Notes (what was left out and why).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub notes: Vec<String>,
}

impl Section {
    /// An empty section of `kind` with `heading`.
    pub fn new(section: SectionKind, heading: impl Into<String>) -> Self {
        Self {
            section,
            heading: heading.into(),
            empty: None,
            paragraphs: Vec::new(),
            tables: Vec::new(),
            charts: Vec::new(),
            methods: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// An input document the report used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InputDocument {
    /// Its id.
    pub id: Id,
    /// Its kind.
    #[serde(deserialize_with = "govframe_core::de::non_empty")]
    #[schemars(length(min = 1))]
    pub kind: String,
    /// Its title, in the report's language where it has one.
    pub title: String,
    /// Its sources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

/// The annual research report on global digital governance, as a document: every number it
/// shows, each with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "AnnualReport")]
pub struct AnnualReport {
    /// Always `"annualReport"`.
    pub kind: AnnualReportKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Report id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The year reported on.
    #[schemars(range(min = 1, max = 9999))]
    pub year: i32,
    /// The language of the text (one of ITU's six: ar, zh, en, fr, ru, es).
    pub language: LanguageTag,
    /// What is not in that language (document text without a translation, the report's own
    /// headings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language_note: Option<String>,
    /// The input documents, in the order they were given.
    pub documents: Vec<InputDocument>,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// Notes on the run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub notes: Vec<String>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl AnnualReport {
    /// The section of `kind`, when present.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.section == kind)
    }

    /// Every chart, in order.
    pub fn charts(&self) -> impl Iterator<Item = &Chart> {
        self.sections.iter().flat_map(|s| s.charts.iter())
    }

    /// Every source cited by a number, in order of first use (the reference list).
    pub fn cited_sources(&self) -> Vec<&SourceRef> {
        let mut seen: BTreeSet<&SourceRef> = BTreeSet::new();
        let mut out = Vec::new();
        for s in &self.sections {
            for t in &s.tables {
                for r in t.sources() {
                    if seen.insert(r) {
                        out.push(r);
                    }
                }
            }
            for c in &s.charts {
                for r in c.sources() {
                    if seen.insert(r) {
                        out.push(r);
                    }
                }
            }
        }
        out
    }
}

impl DocumentMeta for AnnualReport {
    const KIND: &'static str = AnnualReportKind::KIND;
    fn id(&self) -> &Id {
        &self.id
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

const ITU_LANGUAGES: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

fn check_source(issues: &mut Issues, docs: &BTreeSet<&str>, s: &SourceRef, at: &str) {
    if !docs.contains(s.document.as_str()) {
        issues
            .error(
                "report.unknown-document",
                format!("{at}/source/document"),
                format!(
                    "the source names document {:?}, which the report does not list",
                    s.document.as_str()
                ),
            )
            .help = Some("list every input document in `documents`".into());
    }
}

fn check_interval(issues: &mut Issues, low: Option<f64>, high: Option<f64>, at: &str) {
    if let (Some(l), Some(h)) = (low, high)
        && l > h
    {
        issues.error(
            "report.interval-order",
            format!("{at}/low"),
            format!("the interval starts at {l}, after its end {h}"),
        );
    }
}

impl Validate for AnnualReport {
    /// Rules: the language is one of ITU's six (`report.language`); sections appear once each
    /// (`report.duplicate-section`); table and chart ids are unique (`report.duplicate-id`);
    /// numbers are finite (`report.non-finite`); an interval's low end is not above its high
    /// end (`report.interval-order`); rows have one cell per column (`report.row-width`);
    /// every source names a listed document (`report.unknown-document`). O(n).
    fn validate_into(&self, issues: &mut Issues) {
        if !ITU_LANGUAGES.contains(&self.language.primary().as_str()) {
            issues.error(
                "report.language",
                "/language",
                format!(
                    "language {:?} is not one of ITU's six (ar, zh, en, fr, ru, es)",
                    self.language.as_str()
                ),
            );
        }
        issues.unique_ids(
            "report.duplicate-document",
            self.documents.iter().enumerate().map(|(i, d)| (&d.id, i)),
            |i| format!("/documents/{i}/id"),
        );
        let docs: BTreeSet<&str> = self.documents.iter().map(|d| d.id.as_str()).collect();
        let mut sections = BTreeSet::new();
        let mut ids: Vec<(&Id, String)> = Vec::new();
        for (si, s) in self.sections.iter().enumerate() {
            if !sections.insert(s.section) {
                issues.error(
                    "report.duplicate-section",
                    format!("/sections/{si}/section"),
                    format!("section {:?} appears more than once", s.section.as_str()),
                );
            }
            for (ti, t) in s.tables.iter().enumerate() {
                let tat = format!("/sections/{si}/tables/{ti}");
                ids.push((&t.id, format!("{tat}/id")));
                for (ri, row) in t.rows.iter().enumerate() {
                    let rat = format!("{tat}/rows/{ri}");
                    if row.len() != t.columns.len() {
                        issues.error(
                            "report.row-width",
                            rat.clone(),
                            format!(
                                "the row has {} cell(s) for {} column(s)",
                                row.len(),
                                t.columns.len()
                            ),
                        );
                    }
                    for (ci, cell) in row.iter().enumerate() {
                        if let Cell::Number {
                            value,
                            low,
                            high,
                            source,
                            ..
                        } = cell
                        {
                            let at = format!("{rat}/{ci}");
                            for (name, v) in
                                [("value", Some(*value)), ("low", *low), ("high", *high)]
                            {
                                if let Some(v) = v {
                                    issues
                                        .finite("report.non-finite", v, || format!("{at}/{name}"));
                                }
                            }
                            check_interval(issues, *low, *high, &at);
                            check_source(issues, &docs, source, &at);
                        }
                    }
                }
            }
            for (ci, c) in s.charts.iter().enumerate() {
                let cat = format!("/sections/{si}/charts/{ci}");
                ids.push((&c.id, format!("{cat}/id")));
                for (pi, series) in c.series.iter().enumerate() {
                    for (qi, p) in series.points.iter().enumerate() {
                        let at = format!("{cat}/series/{pi}/points/{qi}");
                        for (name, v) in [
                            ("x", Some(p.x)),
                            ("value", Some(p.value)),
                            ("low", p.low),
                            ("high", p.high),
                        ] {
                            if let Some(v) = v {
                                issues.finite("report.non-finite", v, || format!("{at}/{name}"));
                            }
                        }
                        check_interval(issues, p.low, p.high, &at);
                        check_source(issues, &docs, &p.source, &at);
                    }
                }
                for (ri, r) in c.reference_lines.iter().enumerate() {
                    let at = format!("{cat}/referenceLines/{ri}");
                    issues.finite("report.non-finite", r.value, || format!("{at}/value"));
                    check_source(issues, &docs, &r.source, &at);
                }
            }
        }
        issues.unique_ids("report.duplicate-id", ids, |at| at);
    }
}
