//! Coverage analysis: for each goal, its targets, the objectives that serve it and the
//! consultation mechanisms behind those objectives.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use govframe_core::{
    DocumentMeta, Id, Issues, LocalizedText, Ref, SpecVersion, Validate, YearRange,
};
use govframe_objectives::Objective;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::StrategicPlan;

govframe_core::document_kind!(
    /// The kind tag of a coverage report.
    CoverageReportKind = "coverageReport"
);

/// A mechanism behind a goal, with its name when a catalog could resolve it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MechanismCoverage {
    /// The reference as the objectives write it.
    pub mechanism: Ref,
    /// Its name, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// The objectives that use it for this goal.
    pub via: Vec<Id>,
}

/// The coverage of one goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GoalCoverage {
    /// The goal id.
    pub goal: Id,
    /// Its code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name.
    pub name: LocalizedText,
    /// Targets under the goal.
    pub targets: Vec<Id>,
    /// Targets with a numeric quantity.
    pub quantified_targets: u32,
    /// Objectives that contribute to it (their document-qualified ids when they come from
    /// another document).
    pub objectives: Vec<Ref>,
    /// Consultation mechanisms behind those objectives.
    pub mechanisms: Vec<MechanismCoverage>,
    /// Whether at least one consultation mechanism supports the goal.
    pub has_consultation_mechanism: bool,
}

/// Totals over all goals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoverageSummary {
    /// Number of goals.
    pub goals: u32,
    /// Goals with at least one consultation mechanism.
    pub goals_with_mechanism: u32,
    /// Goals served by no objective at all.
    pub goals_without_objective: u32,
    /// Ids of the goals with no consultation mechanism (the gap).
    pub uncovered_goals: Vec<Id>,
}

/// The coverage analysis of a plan, as a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "CoverageReport")]
pub struct CoverageReport {
    /// Always `"coverageReport"`.
    pub kind: CoverageReportKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Report id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The plan analysed (its document id).
    pub plan: Id,
    /// The plan's period.
    pub period: YearRange,
    /// Per goal, in the plan's order.
    pub goals: Vec<GoalCoverage>,
    /// Totals.
    pub summary: CoverageSummary,
}

impl DocumentMeta for CoverageReport {
    const KIND: &'static str = CoverageReportKind::KIND;
    fn id(&self) -> &Id {
        &self.id
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for CoverageReport {
    fn validate_into(&self, issues: &mut Issues) {
        let with = self
            .goals
            .iter()
            .filter(|g| g.has_consultation_mechanism)
            .count();
        if self.summary.goals as usize != self.goals.len()
            || self.summary.goals_with_mechanism as usize != with
        {
            issues.error(
                "coverage.summary-mismatch",
                "/summary",
                "the summary does not match the goals listed",
            );
        }
        for (i, g) in self.goals.iter().enumerate() {
            if g.has_consultation_mechanism == g.mechanisms.is_empty() {
                issues.error(
                    "coverage.flag-mismatch",
                    format!("/goals/{i}/hasConsultationMechanism"),
                    "hasConsultationMechanism disagrees with the mechanisms listed",
                );
            }
        }
    }
}

/// Objectives serving a goal, and mechanism → objectives using it.
type GoalLinks = (BTreeSet<Ref>, BTreeMap<Ref, BTreeSet<Id>>);

/// Computes the coverage of `plan`.
///
/// * `extra` — objectives from other documents (with their document id); those whose
///   `contributesTo` names `planId#goalId` count for that goal.
/// * `resolve` — names a mechanism reference (e.g. through a catalog of platform registries);
///   return `None` when unknown.
///
/// O(g + t + Σ|contributesTo|·|mechanisms|) with ordered maps, so the output is stable.
///
/// ```
/// use govframe_strategy::{coverage, StrategicPlan, Goal, Objective, ObjectiveType};
/// use govframe_core::{LocalizedText, YearRange};
/// let mut plan = StrategicPlan::new("p".parse()?, LocalizedText::en("P"), YearRange::new(2024, 2027)?);
/// plan.goals.push(Goal::new("g1".parse()?, LocalizedText::en("Growth")));
/// plan.goals.push(Goal::new("g2".parse()?, LocalizedText::en("Inclusiveness")));
/// let mut o = Objective::new("o1".parse()?, ObjectiveType::InterSectoral, None, LocalizedText::en("Consensus"));
/// o.contributes_to = vec!["g1".parse()?];
/// o.mechanisms = vec!["itu-platforms#gsr".parse()?];
/// plan.objectives.push(o);
/// let report = coverage(&plan, &[], |_| None);
/// assert!(report.goals[0].has_consultation_mechanism);
/// assert_eq!(report.summary.uncovered_goals, vec!["g2".parse()?]);
/// # Ok::<(), govframe_core::Error>(())
/// ```
pub fn coverage(
    plan: &StrategicPlan,
    extra: &[(&Id, &Objective)],
    resolve: impl Fn(&Ref) -> Option<LocalizedText>,
) -> CoverageReport {
    // goal id -> (objective refs, mechanism -> via)
    let mut per_goal: BTreeMap<&str, GoalLinks> = BTreeMap::new();
    let own = plan.objectives.iter().map(|o| (None, o));
    let others = extra.iter().map(|(doc, o)| (Some(*doc), *o));
    for (doc, o) in own.chain(others) {
        let oref = match doc {
            Some(d) => o.id.in_document(d),
            None => o.id.to_ref(),
        };
        for g in &o.contributes_to {
            let points_here = match doc {
                None => plan.is_own(g),
                Some(_) => g.document() == Some(plan.id.as_str()),
            };
            if !points_here {
                continue;
            }
            let entry = per_goal.entry(g.local()).or_default();
            entry.0.insert(oref.clone());
            for m in &o.mechanisms {
                entry.1.entry(m.clone()).or_default().insert(o.id.clone());
            }
        }
    }
    let mut targets: BTreeMap<&str, (Vec<Id>, u32)> = BTreeMap::new();
    for t in &plan.targets {
        if plan.is_own(&t.goal) {
            let e = targets.entry(t.goal.local()).or_default();
            e.0.push(t.id.clone());
            e.1 += u32::from(t.quantity.is_some());
        }
    }
    let mut goals = Vec::with_capacity(plan.goals.len());
    for g in &plan.goals {
        let (objs, mechs) = per_goal.remove(g.id.as_str()).unwrap_or_default();
        let (tids, quantified) = targets.remove(g.id.as_str()).unwrap_or_default();
        let mechanisms: Vec<MechanismCoverage> = mechs
            .into_iter()
            .map(|(m, via)| MechanismCoverage {
                name: resolve(&m),
                mechanism: m,
                via: via.into_iter().collect(),
            })
            .collect();
        goals.push(GoalCoverage {
            goal: g.id.clone(),
            code: g.code.clone(),
            name: g.name.clone(),
            targets: tids,
            quantified_targets: quantified,
            objectives: objs.into_iter().collect(),
            has_consultation_mechanism: !mechanisms.is_empty(),
            mechanisms,
        });
    }
    let summary = CoverageSummary {
        goals: u32::try_from(goals.len()).unwrap_or(u32::MAX),
        goals_with_mechanism: u32::try_from(
            goals
                .iter()
                .filter(|g| g.has_consultation_mechanism)
                .count(),
        )
        .unwrap_or(u32::MAX),
        goals_without_objective: u32::try_from(
            goals.iter().filter(|g| g.objectives.is_empty()).count(),
        )
        .unwrap_or(u32::MAX),
        uncovered_goals: goals
            .iter()
            .filter(|g| !g.has_consultation_mechanism)
            .map(|g| g.goal.clone())
            .collect(),
    };
    let id = Id::new(format!("coverage-{}", plan.id.as_str()))
        .or_else(|_| Id::new("coverage"))
        .unwrap_or_else(|_| plan.id.clone());
    CoverageReport {
        kind: CoverageReportKind::Value,
        spec_version: SpecVersion::V1_0,
        id,
        title: LocalizedText::en(format!("Coverage of {}", plan.title.best("en"))),
        schema: None,
        plan: plan.id.clone(),
        period: plan.period,
        goals,
        summary,
    }
}

impl CoverageReport {
    /// The report as a plain-text table, one row per goal, in language `lang` where the
    /// documents carry it.
    pub fn to_table(&self, lang: &str) -> String {
        let rows: Vec<[String; 5]> = self
            .goals
            .iter()
            .map(|g| {
                let mechs = if g.mechanisms.is_empty() {
                    "NONE — no consultation mechanism".to_owned()
                } else {
                    g.mechanisms
                        .iter()
                        .map(|m| match &m.name {
                            Some(n) => format!("{} ({})", n.best(lang), m.mechanism),
                            None => m.mechanism.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                [
                    g.code.clone().unwrap_or_else(|| g.goal.to_string()),
                    g.name.best(lang).to_owned(),
                    format!(
                        "{} ({} with numbers)",
                        g.targets.len(),
                        g.quantified_targets
                    ),
                    g.objectives.len().to_string(),
                    mechs,
                ]
            })
            .collect();
        let header = [
            "Goal",
            "Name",
            "Targets",
            "Objectives",
            "Consultation mechanisms",
        ];
        let mut widths = header.map(str::len);
        for r in &rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let mut out = String::new();
        let _ = writeln!(out, "Coverage of {} ({})", self.plan, self.period);
        let line = |out: &mut String, cells: &[String]| {
            let mut l = String::new();
            for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
                if i + 1 == cells.len() {
                    l.push_str(c);
                } else {
                    let pad = w.saturating_sub(c.chars().count());
                    let _ = write!(l, "{c}{}  ", " ".repeat(pad));
                }
            }
            let _ = writeln!(out, "{}", l.trim_end());
        };
        line(&mut out, &header.map(str::to_owned));
        line(&mut out, &widths.map(|w| "-".repeat(w)));
        for r in &rows {
            line(&mut out, r);
        }
        let _ = writeln!(
            out,
            "\n{} of {} goals have a consultation mechanism.",
            self.summary.goals_with_mechanism, self.summary.goals
        );
        if !self.summary.uncovered_goals.is_empty() {
            let ids: Vec<&str> = self
                .summary
                .uncovered_goals
                .iter()
                .map(Id::as_str)
                .collect();
            let _ = writeln!(
                out,
                "Goals without a consultation mechanism: {}",
                ids.join(", ")
            );
        }
        out
    }
}
