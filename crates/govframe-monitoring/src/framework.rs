//! The `monitoringFramework` document: indicators bound to plan targets and data series.

use std::collections::HashSet;

use govframe_core::{
    DocumentMeta, Entity, Extensions, Id, Issues, LocalizedText, Pointer, Ref, RefSite, Source,
    SpecVersion, Unit, Validate, quantity::Direction,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::method::{MethodKind, MethodSpec};

govframe_core::document_kind!(
    /// The kind tag of a monitoring framework.
    MonitoringFrameworkKind = "monitoringFramework"
);

/// A data series that feeds an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeriesBinding {
    /// The series code in the data (`INDICATOR` / `seriesCode`, e.g. `i99H`, or a WDI code
    /// such as `IT.NET.BBND.P2`).
    pub code: Id,
    /// The `dataset` document it comes from, when it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<Ref>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// Sub-indicator group: series of one group are averaged first, so that each group
    /// weighs the same in the indicator (Open SDG's sub-indicator grouping).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Id>,
}

impl SeriesBinding {
    /// A binding to a series code.
    pub fn new(code: Id) -> Self {
        Self {
            code,
            dataset: None,
            name: None,
            group: None,
        }
    }
}

/// An indicator of a monitoring framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MonitoringIndicator {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code (`"2.2"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name.
    pub name: LocalizedText,
    /// What it measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// Unit of its values.
    pub unit: Unit,
    /// Desired direction (`increase`, `decrease`, `parity`; `maintain` is assessed as
    /// `increase`).
    pub direction: Direction,
    /// Whether values are yes (1) / no (0).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(extend("default" = false))]
    pub binary: bool,
    /// Natural limit (e.g. 100 for a percentage that cannot exceed 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub natural_limit: Option<f64>,
    /// The plan targets it measures (`planId#targetId`, or a target of `plan`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub targets: Vec<Ref>,
    /// The value to reach; when absent, the quantity of each linked target is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_value: Option<f64>,
    /// The year to reach it by (default: the linked target's year, else 2030).
    #[serde(
        default,
        deserialize_with = "crate::year::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 1, max = 9999))]
    pub target_year: Option<i32>,
    /// Base year (default: the framework's).
    #[serde(
        default,
        deserialize_with = "crate::year::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 1, max = 9999))]
    pub base_year: Option<i32>,
    /// The data series that feed it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub series: Vec<SeriesBinding>,
    /// Method and parameters (default: the framework's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<MethodSpec>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

impl MonitoringIndicator {
    /// An indicator with an id, a name, a unit and a direction.
    pub fn new(id: Id, name: LocalizedText, unit: Unit, direction: Direction) -> Self {
        Self {
            id,
            code: None,
            name,
            description: None,
            unit,
            direction,
            binary: false,
            natural_limit: None,
            targets: Vec::new(),
            target_value: None,
            target_year: None,
            base_year: None,
            series: Vec::new(),
            method: None,
            sources: Vec::new(),
        }
    }
}

/// A monitoring framework: indicators bound to plan targets and to data series.
///
/// ```
/// use govframe_core::{LocalizedText, Unit, Validate, quantity::Direction};
/// use govframe_monitoring::{MonitoringFramework, MonitoringIndicator, SeriesBinding};
/// let mut f = MonitoringFramework::new("itu-monitoring".parse()?, LocalizedText::en("ITU monitoring"));
/// let mut i = MonitoringIndicator::new("internet-use".parse()?, LocalizedText::en("Internet use"),
///     Unit::Percent, Direction::Increase);
/// i.targets.push("itu-sp-2016-2019#target-1.2".parse()?);
/// i.series.push(SeriesBinding::new("i99H".parse()?));
/// f.indicators.push(i);
/// assert!(f.validate().is_empty());
/// f.indicators[0].target_value = Some(120.0);
/// assert_eq!(f.validate()[0].rule, "monitoring.indicator.percent-out-of-range");
/// # Ok::<(), govframe_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "MonitoringFramework")]
pub struct MonitoringFramework {
    /// Always `"monitoringFramework"`.
    pub kind: MonitoringFrameworkKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// What it monitors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The plan whose targets local target references name (its document id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Id>,
    /// The decision that adopted it (`consultationId#decisionId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_by: Option<Ref>,
    /// Default base year (2015 when absent).
    #[serde(
        default,
        deserialize_with = "crate::year::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 1, max = 9999))]
    pub base_year: Option<i32>,
    /// Default method (`openSdg` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<MethodSpec>,
    /// The indicators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub indicators: Vec<MonitoringIndicator>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl MonitoringFramework {
    /// An empty framework.
    pub fn new(id: Id, title: LocalizedText) -> Self {
        Self {
            kind: MonitoringFrameworkKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            description: None,
            plan: None,
            adopted_by: None,
            base_year: None,
            method: None,
            indicators: Vec::new(),
            sources: Vec::new(),
            extensions: None,
        }
    }

    /// The method of an indicator: its own, else the framework's, else `openSdg`.
    pub fn method_of(&self, indicator: &MonitoringIndicator) -> MethodSpec {
        indicator
            .method
            .or(self.method)
            .unwrap_or(MethodSpec::default_for(MethodKind::OpenSdg))
    }

    /// The base year of an indicator.
    pub fn base_year_of(&self, indicator: &MonitoringIndicator) -> i32 {
        indicator
            .base_year
            .or(self.base_year)
            .unwrap_or(crate::method::DEFAULT_BASE_YEAR)
    }

    /// The document id a target reference points into (`plan` for a local reference).
    pub fn target_document<'a>(&'a self, target: &'a Ref) -> Option<&'a str> {
        target.document().or(self.plan.as_ref().map(Id::as_str))
    }
}

impl DocumentMeta for MonitoringFramework {
    const KIND: &'static str = MonitoringFrameworkKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }

    fn entities(&self) -> Vec<Entity<'_>> {
        self.indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| Entity {
                id: &ind.id,
                entity: "indicator",
                path: Pointer::root().key("indicators").index(i).key("id").into(),
                name: Some(&ind.name),
            })
            .collect()
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
        for (i, ind) in self.indicators.iter().enumerate() {
            let at = || Pointer::root().key("indicators").index(i);
            for (j, t) in ind.targets.iter().enumerate() {
                // Local references name targets of `plan`, which a catalog cannot see as
                // written; only document-qualified ones are reported.
                if t.document().is_some() {
                    out.push(RefSite {
                        target: t,
                        expects: &["target"],
                        path: at().key("targets").index(j).into(),
                    });
                }
            }
            for (j, s) in ind.series.iter().enumerate() {
                if let Some(d) = &s.dataset {
                    out.push(RefSite {
                        target: d,
                        expects: &["dataset"],
                        path: at().key("series").index(j).key("dataset").into(),
                    });
                }
            }
        }
        out
    }
}

fn check_method(m: &MethodSpec, at: &Pointer, issues: &mut Issues) {
    let rule = "monitoring.method.parameter-out-of-range";
    let mut bad = |field: &str, msg: String| {
        issues.error(rule, at.clone().key("params").key(field), msg);
    };
    match m {
        MethodSpec::UnsdCagr { params: Some(p) } => {
            for (f, v) in [
                ("onTrack", p.on_track),
                ("fair", p.fair),
                ("growthHigh", p.growth_high),
                ("growthLow", p.growth_low),
                ("nearBoundTolerance", p.near_bound_tolerance),
            ] {
                if v.is_some_and(|v| !v.is_finite()) {
                    bad(f, format!("{f} is not a finite number"));
                }
            }
            if let (Some(a), Some(b)) = (p.on_track, p.fair)
                && a <= b
            {
                bad("fair", format!("fair ({b}) must be below onTrack ({a})"));
            }
            if let (Some(a), Some(b)) = (p.growth_high, p.growth_low)
                && a <= b
            {
                bad(
                    "growthLow",
                    format!("growthLow ({b}) must be below growthHigh ({a})"),
                );
            }
            if p.near_bound_tolerance.is_some_and(|t| t < 0.0) {
                bad(
                    "nearBoundTolerance",
                    "nearBoundTolerance must not be negative".into(),
                );
            }
        }
        MethodSpec::OpenSdg { params: Some(p) } => {
            for (f, v) in [
                ("high", p.high),
                ("med", p.med),
                ("low", p.low),
                ("limitExponent", p.limit_exponent),
            ] {
                if v.is_some_and(|v| !v.is_finite()) {
                    bad(f, format!("{f} is not a finite number"));
                }
            }
            if let (Some(h), Some(m)) = (p.high, p.med)
                && h < m
            {
                bad("med", format!("med ({m}) must not exceed high ({h})"));
            }
            if let (Some(m), Some(l)) = (p.med, p.low)
                && m < l
            {
                bad("low", format!("low ({l}) must not exceed med ({m})"));
            }
            if p.limit_exponent.is_some_and(|a| a <= 0.0) {
                bad("limitExponent", "limitExponent must be positive".into());
            }
        }
        _ => {}
    }
}

impl Validate for MonitoringFramework {
    /// Rules: unique indicator ids (`monitoring.duplicate-id`) and codes
    /// (`monitoring.duplicate-code`); finite target values and limits
    /// (`monitoring.indicator.non-finite`); percentages within 0..=100
    /// (`monitoring.indicator.percent-out-of-range`); target year after the base year
    /// (`monitoring.indicator.target-year-before-base`); binary targets 0 or 1
    /// (`monitoring.indicator.binary-target`); local target references need `plan`
    /// (`monitoring.indicator.local-target-without-plan`); a series bound once per indicator
    /// (`monitoring.indicator.duplicate-series`); parameters in range and ordered
    /// (`monitoring.method.parameter-out-of-range`); warnings for an indicator without
    /// series (`monitoring.indicator.no-series`) and for `escap` without any target
    /// (`monitoring.indicator.escap-needs-target`); `adoptedBy` names its document
    /// (`monitoring.adopted-by-unqualified`). O(n) in the framework's size.
    fn validate_into(&self, issues: &mut Issues) {
        issues.unique_ids(
            "monitoring.duplicate-id",
            self.indicators.iter().enumerate().map(|(i, x)| (&x.id, i)),
            |i| format!("/indicators/{i}/id"),
        );
        let mut codes = HashSet::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            let at = || Pointer::root().key("indicators").index(i);
            if let Some(c) = &ind.code
                && !codes.insert(c.as_str())
            {
                issues.error(
                    "monitoring.duplicate-code",
                    at().key("code"),
                    format!("code {c:?} is used by more than one indicator"),
                );
            }
            for (field, v) in [
                ("targetValue", ind.target_value),
                ("naturalLimit", ind.natural_limit),
            ] {
                if let Some(v) = v {
                    issues.finite("monitoring.indicator.non-finite", v, || {
                        at().key(field).into()
                    });
                    if ind.unit.is_percent() && v.is_finite() && !(0.0..=100.0).contains(&v) {
                        issues.error(
                            "monitoring.indicator.percent-out-of-range",
                            at().key(field),
                            format!("{v} is a percentage outside 0..=100"),
                        );
                    }
                }
            }
            if ind.binary
                && let Some(v) = ind.target_value
                && v != 0.0
                && v != 1.0
            {
                issues.error(
                    "monitoring.indicator.binary-target",
                    at().key("targetValue"),
                    format!("a binary indicator's target is 0 or 1, not {v}"),
                );
            }
            let base = self.base_year_of(ind);
            if let Some(y) = ind.target_year
                && y <= base
            {
                issues.error(
                    "monitoring.indicator.target-year-before-base",
                    at().key("targetYear"),
                    format!("target year {y} is not after the base year {base}"),
                );
            }
            for (j, t) in ind.targets.iter().enumerate() {
                if t.is_local() && self.plan.is_none() {
                    issues
                        .error(
                            "monitoring.indicator.local-target-without-plan",
                            at().key("targets").index(j),
                            format!(
                                "target {:?} names no plan and the framework has no `plan`",
                                t.as_str()
                            ),
                        )
                        .help = Some("write planId#targetId, or set `plan`".into());
                }
            }
            let mut seen = HashSet::new();
            for (j, s) in ind.series.iter().enumerate() {
                if !seen.insert(s.code.as_str()) {
                    issues.error(
                        "monitoring.indicator.duplicate-series",
                        at().key("series").index(j).key("code"),
                        format!("series {:?} is bound twice", s.code.as_str()),
                    );
                }
            }
            if ind.series.is_empty() {
                issues.warning(
                    "monitoring.indicator.no-series",
                    at().key("series"),
                    "no data series feeds this indicator, so it cannot be assessed",
                );
            }
            if let Some(m) = &ind.method {
                check_method(m, &at().key("method"), issues);
            }
            if self.method_of(ind).kind() == MethodKind::Escap
                && ind.target_value.is_none()
                && ind.targets.is_empty()
                && ind.direction != Direction::Parity
            {
                issues.warning(
                    "monitoring.indicator.escap-needs-target",
                    at(),
                    "the escap method needs a numeric target; this indicator has none",
                );
            }
        }
        if let Some(m) = &self.method {
            check_method(m, &Pointer::root().key("method"), issues);
        }
        if let Some(r) = &self.adopted_by
            && r.is_local()
        {
            issues
                .error(
                    "monitoring.adopted-by-unqualified",
                    "/adoptedBy",
                    format!("adoptedBy {:?} names no document", r.as_str()),
                )
                .help = Some("write consultationId#decisionId".into());
        }
    }
}
