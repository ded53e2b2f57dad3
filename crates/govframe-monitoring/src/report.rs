//! The `progressReport` document: per indicator × area × series assessments, roll-ups to
//! indicators, targets and goals, and counts per status; rendered as a table or CSV.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use govframe_core::{
    DocumentMeta, Extensions, Id, Issues, LocalizedText, Ref, SpecVersion, Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::method::{AppliedRule, MethodKind, NotAssessedReason, ProgressStatus, ValueKind};

govframe_core::document_kind!(
    /// The kind tag of a progress report.
    ProgressReportKind = "progressReport"
);

/// What an area is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum AreaType {
    /// A country or territory of the country-code list.
    Country,
    /// A group of areas (computed from its members, or published in the data).
    Group,
    /// Not classified (no country list given, or an unknown code).
    Other,
}

/// The inputs a method used.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessmentInputs {
    /// Base year used.
    #[serde(
        default,
        deserialize_with = "crate::year::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 1, max = 9999))]
    pub base_year: Option<i32>,
    /// Base value used (after transformations such as parity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_value: Option<f64>,
    /// Latest year used.
    #[serde(
        default,
        deserialize_with = "crate::year::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 1, max = 9999))]
    pub latest_year: Option<i32>,
    /// Latest value used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_value: Option<f64>,
    /// Target value used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_value: Option<f64>,
    /// Target year used.
    #[serde(
        default,
        deserialize_with = "crate::year::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 1, max = 9999))]
    pub target_year: Option<i32>,
    /// Points of the series used.
    pub points: u32,
}

/// The assessment of one series of one indicator in one area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assessment {
    /// The indicator (an id of the framework).
    pub indicator: Id,
    /// The series code.
    pub series: Id,
    /// The area code.
    pub area: Id,
    /// What the area is.
    pub area_type: AreaType,
    /// The plan target assessed against, when the target comes from a plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Ref>,
    /// The method.
    pub method: MethodKind,
    /// The inputs used.
    pub inputs: AssessmentInputs,
    /// The computed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// What the value is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_kind: Option<ValueKind>,
    /// The value expected in the target year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projected: Option<f64>,
    /// The status.
    pub status: ProgressStatus,
    /// The score on the method's scale (unsdCagr 1–3, openSdg −5–5, escap −10–10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Why it could not be assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<NotAssessedReason>,
    /// Edge rules applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub rules: Vec<AppliedRule>,
}

/// An aggregated result: an indicator over its series, a target over its indicators, a goal
/// over its targets — in one area, with one method.
///
/// How parts combine, per method:
///
/// * `openSdg` (the source's rule): mean of the scores; the status from the score bands
///   (`[2.5, 5]` substantial, `[0, 2.5)` moderate, `[−2.5, 0)` limited, below deterioration);
///   `targetAchieved` only when every assessed part achieved it. Series of one sub-indicator
///   group (`SeriesBinding::group`) are averaged first.
/// * `unsdCagr` (govframe's rule; UNSD does not aggregate): mean score; `targetMet` when every
///   part met it, else `onTrack` from 2.5, `fairProgress` from 1.5, else
///   `stagnationOrRegression`.
/// * `escap` (formalisation: ESCAP averages its indices at indicator, target and goal level):
///   mean current status index; `maintain` when every part maintains, else `accelerate` when
///   the mean anticipated progress ratio (each capped at 1) is positive, else `reverse`.
///
/// Parts not assessed are left out (`assessed` counts the others); with none assessed the
/// result is `notAssessed` with the parts' common reason, or `nothingAssessed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RollUp {
    /// What is rolled up: an indicator id, a target or a goal reference.
    pub subject: Ref,
    /// For indicators: the plan target assessed against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Ref>,
    /// The area.
    pub area: Id,
    /// The method.
    pub method: MethodKind,
    /// Parts (series, indicators, targets) rolled up.
    pub parts: u32,
    /// Parts that could be assessed.
    pub assessed: u32,
    /// Mean score of the assessed parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Mean value (escap: the anticipated progress ratio, capped at 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The status.
    pub status: ProgressStatus,
    /// Why it could not be assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<NotAssessedReason>,
}

/// How many assessments have a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusCount {
    /// The method.
    pub method: MethodKind,
    /// The status.
    pub status: ProgressStatus,
    /// Number of assessments.
    pub count: u32,
}

/// A progress report, as a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "ProgressReport")]
pub struct ProgressReport {
    /// Always `"progressReport"`.
    pub kind: ProgressReportKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Report id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The monitoring framework assessed (its document id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Id>,
    /// The plans whose targets were used (document ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub plans: Vec<Id>,
    /// Per indicator × area × series.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub assessments: Vec<Assessment>,
    /// Per indicator × area (× plan target): series rolled up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub indicators: Vec<RollUp>,
    /// Per plan target × area: indicators rolled up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub targets: Vec<RollUp>,
    /// Per goal × area: targets rolled up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub goals: Vec<RollUp>,
    /// Assessments per method and status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub summary: Vec<StatusCount>,
    /// Notes on the run (areas skipped, data problems).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub notes: Vec<String>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl ProgressReport {
    /// An empty report.
    pub fn new(id: Id, title: LocalizedText) -> Self {
        Self {
            kind: ProgressReportKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            framework: None,
            plans: Vec::new(),
            assessments: Vec::new(),
            indicators: Vec::new(),
            targets: Vec::new(),
            goals: Vec::new(),
            summary: Vec::new(),
            notes: Vec::new(),
            extensions: None,
        }
    }

    /// Counts the assessments per method and status (what `summary` holds).
    pub fn count_statuses(assessments: &[Assessment]) -> Vec<StatusCount> {
        let mut map: BTreeMap<(MethodKind, ProgressStatus), u32> = BTreeMap::new();
        for a in assessments {
            *map.entry((a.method, a.status)).or_default() += 1;
        }
        map.into_iter()
            .map(|((method, status), count)| StatusCount {
                method,
                status,
                count,
            })
            .collect()
    }

    /// The count for a method and status.
    pub fn count(&self, method: MethodKind, status: ProgressStatus) -> u32 {
        self.summary
            .iter()
            .find(|c| c.method == method && c.status == status)
            .map_or(0, |c| c.count)
    }
}

impl DocumentMeta for ProgressReport {
    const KIND: &'static str = ProgressReportKind::KIND;
    fn id(&self) -> &Id {
        &self.id
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

fn check_result(
    issues: &mut Issues,
    at: &str,
    method: MethodKind,
    status: ProgressStatus,
    score: Option<f64>,
    reason: Option<NotAssessedReason>,
    numbers: &[(&str, Option<f64>)],
) {
    if !method.statuses().contains(&status) {
        issues.error(
            "monitoring.report.status-method-mismatch",
            format!("{at}/status"),
            format!("status {status} is not a status of method {method}"),
        );
    }
    if status.is_assessed() && reason.is_some() {
        issues.error(
            "monitoring.report.reason-mismatch",
            format!("{at}/reason"),
            format!("an assessed result ({status}) carries a reason"),
        );
    }
    if !status.is_assessed() && reason.is_none() {
        issues.error(
            "monitoring.report.reason-mismatch",
            format!("{at}/reason"),
            "a result that was not assessed says no reason",
        );
    }
    for (name, v) in numbers {
        if let Some(v) = v {
            issues.finite("monitoring.report.non-finite", *v, || {
                format!("{at}/{name}")
            });
        }
    }
    if let Some(s) = score {
        let (lo, hi) = method.score_range();
        if s.is_finite() && !(lo..=hi).contains(&s) {
            issues.error(
                "monitoring.report.score-out-of-range",
                format!("{at}/score"),
                format!("score {s} is outside {lo}..={hi} of method {method}"),
            );
        }
    }
}

impl Validate for ProgressReport {
    /// Rules: a status belongs to its method (`monitoring.report.status-method-mismatch`);
    /// results that were not assessed say why and assessed ones do not
    /// (`monitoring.report.reason-mismatch`); numbers are finite
    /// (`monitoring.report.non-finite`); scores lie in the method's range
    /// (`monitoring.report.score-out-of-range`); the base year is not after the latest
    /// (`monitoring.report.year-order`); roll-ups assess no more parts than they have
    /// (`monitoring.report.parts-mismatch`); the summary counts the assessments
    /// (`monitoring.report.summary-mismatch`). O(n).
    fn validate_into(&self, issues: &mut Issues) {
        for (i, a) in self.assessments.iter().enumerate() {
            let at = format!("/assessments/{i}");
            check_result(
                issues,
                &at,
                a.method,
                a.status,
                a.score,
                a.reason,
                &[
                    ("value", a.value),
                    ("projected", a.projected),
                    ("score", a.score),
                    ("inputs/baseValue", a.inputs.base_value),
                    ("inputs/latestValue", a.inputs.latest_value),
                    ("inputs/targetValue", a.inputs.target_value),
                ],
            );
            if let (Some(b), Some(l)) = (a.inputs.base_year, a.inputs.latest_year)
                && b > l
            {
                issues.error(
                    "monitoring.report.year-order",
                    format!("{at}/inputs/baseYear"),
                    format!("base year {b} is after the latest year {l}"),
                );
            }
        }
        for (list, items) in [
            ("indicators", &self.indicators),
            ("targets", &self.targets),
            ("goals", &self.goals),
        ] {
            for (i, r) in items.iter().enumerate() {
                let at = format!("/{list}/{i}");
                check_result(
                    issues,
                    &at,
                    r.method,
                    r.status,
                    r.score,
                    r.reason,
                    &[("score", r.score), ("value", r.value)],
                );
                if r.assessed > r.parts {
                    issues.error(
                        "monitoring.report.parts-mismatch",
                        format!("{at}/assessed"),
                        format!("{} parts assessed out of {}", r.assessed, r.parts),
                    );
                }
            }
        }
        if !self.summary.is_empty() && self.summary != Self::count_statuses(&self.assessments) {
            issues.error(
                "monitoring.report.summary-mismatch",
                "/summary",
                "the summary does not count the assessments listed",
            );
        }
    }
}

fn num(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(String::new, |v| format!("{v:.digits$}"))
}

fn point(y: Option<i32>, v: Option<f64>) -> String {
    match (y, v) {
        (Some(y), Some(v)) => format!("{v:.2} ({y})"),
        _ => String::new(),
    }
}

fn render(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut String, cells: &[String]| {
        let mut l = String::new();
        for (c, w) in cells.iter().zip(&widths) {
            let pad = w.saturating_sub(c.chars().count());
            let _ = write!(l, "{c}{}  ", " ".repeat(pad));
        }
        let _ = writeln!(out, "{}", l.trim_end());
    };
    line(
        out,
        &header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>(),
    );
    line(
        out,
        &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
    );
    for r in rows {
        line(out, r);
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

impl ProgressReport {
    /// The report as plain-text tables: targets (when there are any), then every assessment,
    /// then the counts per status.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.title.best("en"));
        if !self.targets.is_empty() {
            let _ = writeln!(out, "\nTargets");
            let rows: Vec<Vec<String>> = self
                .targets
                .iter()
                .map(|t| {
                    vec![
                        t.subject.to_string(),
                        t.area.to_string(),
                        t.method.to_string(),
                        format!("{}/{}", t.assessed, t.parts),
                        t.status.to_string(),
                        num(t.score, 2),
                        t.reason.map(|r| r.to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            render(
                &mut out,
                &[
                    "Target", "Area", "Method", "Assessed", "Status", "Score", "Reason",
                ],
                &rows,
            );
        }
        if !self.goals.is_empty() {
            let _ = writeln!(out, "\nGoals");
            let rows: Vec<Vec<String>> = self
                .goals
                .iter()
                .map(|t| {
                    vec![
                        t.subject.to_string(),
                        t.area.to_string(),
                        t.method.to_string(),
                        format!("{}/{}", t.assessed, t.parts),
                        t.status.to_string(),
                        num(t.score, 2),
                    ]
                })
                .collect();
            render(
                &mut out,
                &["Goal", "Area", "Method", "Assessed", "Status", "Score"],
                &rows,
            );
        }
        if !self.assessments.is_empty() {
            let _ = writeln!(out, "\nAssessments");
            let rows: Vec<Vec<String>> = self
                .assessments
                .iter()
                .map(|a| {
                    vec![
                        a.indicator.to_string(),
                        a.series.to_string(),
                        a.area.to_string(),
                        a.method.to_string(),
                        point(a.inputs.base_year, a.inputs.base_value),
                        point(a.inputs.latest_year, a.inputs.latest_value),
                        point(a.inputs.target_year, a.inputs.target_value),
                        num(a.value, 4),
                        a.status.to_string(),
                        num(a.score, 2),
                        a.reason.map(|r| r.to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            render(
                &mut out,
                &[
                    "Indicator",
                    "Series",
                    "Area",
                    "Method",
                    "Base",
                    "Latest",
                    "Target",
                    "Value",
                    "Status",
                    "Score",
                    "Reason",
                ],
                &rows,
            );
        }
        if !self.summary.is_empty() {
            let _ = writeln!(out, "\nCounts");
            let rows: Vec<Vec<String>> = self
                .summary
                .iter()
                .map(|c| {
                    vec![
                        c.method.to_string(),
                        c.status.to_string(),
                        c.count.to_string(),
                    ]
                })
                .collect();
            render(&mut out, &["Method", "Status", "Count"], &rows);
        }
        for n in &self.notes {
            let _ = writeln!(out, "note: {n}");
        }
        out
    }

    /// The assessments as CSV, one row per assessment (numbers written with Rust's shortest
    /// round-trip formatting).
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "indicator,series,area,areaType,target,method,baseYear,baseValue,latestYear,latestValue,targetValue,targetYear,points,value,valueKind,projected,status,score,reason,rules\n",
        );
        let o = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        let y = |v: Option<i32>| v.map(|v| v.to_string()).unwrap_or_default();
        let js = |v: &dyn erased::AsJson| v.json();
        for a in &self.assessments {
            let rules: Vec<String> = a.rules.iter().map(|r| js(r)).collect();
            let cells = [
                a.indicator.to_string(),
                a.series.to_string(),
                a.area.to_string(),
                js(&a.area_type),
                a.target.as_ref().map(|t| t.to_string()).unwrap_or_default(),
                a.method.to_string(),
                y(a.inputs.base_year),
                o(a.inputs.base_value),
                y(a.inputs.latest_year),
                o(a.inputs.latest_value),
                o(a.inputs.target_value),
                y(a.inputs.target_year),
                a.inputs.points.to_string(),
                o(a.value),
                a.value_kind.map(|k| js(&k)).unwrap_or_default(),
                o(a.projected),
                a.status.to_string(),
                o(a.score),
                a.reason.map(|r| r.to_string()).unwrap_or_default(),
                rules.join(";"),
            ];
            let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
        out
    }
}

mod erased {
    /// A serde value written as its JSON string (for enums in CSV).
    pub trait AsJson {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> AsJson for T {
        fn json(&self) -> String {
            match serde_json::to_value(self) {
                Ok(serde_json::Value::String(s)) => s,
                Ok(v) => v.to_string(),
                Err(_) => String::new(),
            }
        }
    }
}
