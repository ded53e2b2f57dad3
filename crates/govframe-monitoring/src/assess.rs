//! Running a framework over data: assessments, roll-ups, the scorecard of a plan.

use std::collections::{BTreeMap, BTreeSet};

use govframe_core::{Id, LocalizedText, Ref};
use govframe_strategy::{Scope, StrategicPlan};

use crate::areas::{AreaGroups, Weighting, aggregate};
use crate::data::{Observations, SeriesData};
use crate::framework::{MonitoringFramework, MonitoringIndicator, SeriesBinding};
use crate::method::{
    MethodKind, MethodSpec, NotAssessedReason, Outcome, ProgressStatus, SeriesSpec,
    open_sdg_status_from_score,
};
use crate::report::{AreaType, Assessment, AssessmentInputs, ProgressReport, RollUp};

/// Options of [`assess`] and [`scorecard`].
#[derive(Debug, Clone)]
pub struct AssessOptions {
    /// Methods to use instead of each indicator's own (empty: each indicator's method). An
    /// indicator whose own method is listed keeps its parameters.
    pub methods: Vec<MethodKind>,
    /// Only these areas (countries or groups); empty: every area with data for the series,
    /// plus every group of the [`AreaGroups`] given.
    pub areas: Vec<Id>,
    /// Assess groups too (when [`AreaGroups`] are given).
    pub groups: bool,
    /// How group series are averaged.
    pub weighting: Weighting,
    /// The population series code in the data, for population weights.
    pub population: Option<Id>,
    /// Minimum coverage of a group for a year to count (see [`aggregate`]); default 0.5.
    pub min_coverage: f64,
    /// Assess each plan target only in the area of its scope (the scorecard does).
    pub scope_only: bool,
    /// Area code of a target scope, over the defaults (`worldwide`, `memberStates` → `WLD`;
    /// `leastDevelopedCountries` → `LDC`; `landlockedDevelopingCountries` → `LLDC`;
    /// `smallIslandDevelopingStates` → `SIDS`; any other scope → its own code, e.g. a group
    /// `developingCountries` added with [`AreaGroups::add_memberships_csv`]).
    pub scope_areas: BTreeMap<String, Id>,
}

impl Default for AssessOptions {
    fn default() -> Self {
        Self {
            methods: Vec::new(),
            areas: Vec::new(),
            groups: true,
            weighting: Weighting::Simple,
            population: None,
            min_coverage: 0.5,
            scope_only: false,
            scope_areas: BTreeMap::new(),
        }
    }
}

impl AssessOptions {
    /// The area code of a target scope.
    pub fn scope_area(&self, scope: &Scope) -> Option<Id> {
        if let Some(a) = self.scope_areas.get(scope.as_str()) {
            return Some(a.clone());
        }
        let code = match scope {
            Scope::Worldwide | Scope::MemberStates => "WLD",
            Scope::LeastDevelopedCountries => "LDC",
            Scope::LandlockedDevelopingCountries => "LLDC",
            Scope::SmallIslandDevelopingStates => "SIDS",
            other => other.as_str(),
        };
        Id::new(code).ok()
    }
}

/// A target to assess against.
#[derive(Debug, Clone)]
struct Goalpost {
    target: Option<Ref>,
    value: Option<f64>,
    year: Option<i32>,
    area: Option<Id>,
}

/// A plan target as the assessment sees it.
struct PlanTarget<'a> {
    plan: &'a StrategicPlan,
    target: &'a govframe_strategy::Target,
}

fn find_target<'a>(
    framework: &MonitoringFramework,
    plans: &[&'a StrategicPlan],
    r: &Ref,
) -> Option<PlanTarget<'a>> {
    let doc = framework.target_document(r)?;
    let plan = plans.iter().find(|p| p.id.as_str() == doc)?;
    let target = plan.targets.iter().find(|t| t.id.as_str() == r.local())?;
    Some(PlanTarget { plan, target })
}

fn qualified(plan: &StrategicPlan, id: &Id) -> Ref {
    id.in_document(&plan.id)
}

fn goalposts(
    framework: &MonitoringFramework,
    ind: &MonitoringIndicator,
    plans: &[&StrategicPlan],
    options: &AssessOptions,
    notes: &mut Vec<String>,
) -> Vec<Goalpost> {
    if ind.target_value.is_some() {
        let target = match ind.targets.as_slice() {
            [one] => Some(
                find_target(framework, plans, one)
                    .map_or_else(|| one.clone(), |pt| qualified(pt.plan, &pt.target.id)),
            ),
            _ => None,
        };
        return vec![Goalpost {
            target,
            value: ind.target_value,
            year: ind.target_year,
            area: None,
        }];
    }
    let mut out = Vec::new();
    for r in &ind.targets {
        match find_target(framework, plans, r) {
            Some(pt) => match &pt.target.quantity {
                Some(q) => out.push(Goalpost {
                    target: Some(qualified(pt.plan, &pt.target.id)),
                    value: Some(q.value),
                    year: ind.target_year.or(Some(q.year)),
                    area: options.scope_area(&q.scope),
                }),
                None => notes.push(format!(
                    "indicator {}: target {r} has no numeric quantity",
                    ind.id
                )),
            },
            None if !plans.is_empty() => notes.push(format!(
                "indicator {}: target {r} is not in the plans given",
                ind.id
            )),
            None => {}
        }
    }
    if out.is_empty() {
        out.push(Goalpost {
            target: None,
            value: None,
            year: ind.target_year,
            area: None,
        });
    }
    out
}

fn method_specs(
    framework: &MonitoringFramework,
    ind: &MonitoringIndicator,
    options: &AssessOptions,
) -> Vec<MethodSpec> {
    let own = framework.method_of(ind);
    if options.methods.is_empty() {
        return vec![own];
    }
    options
        .methods
        .iter()
        .map(|k| {
            if own.kind() == *k {
                own
            } else {
                MethodSpec::default_for(*k)
            }
        })
        .collect()
}

fn area_type(groups: Option<&AreaGroups>, area: &str, aggregated: bool) -> AreaType {
    match groups {
        Some(g) if g.is_country(area) => AreaType::Country,
        Some(g) if g.get(area).is_some() => AreaType::Group,
        _ if aggregated => AreaType::Group,
        _ => AreaType::Other,
    }
}

fn to_assessment(
    ind: &MonitoringIndicator,
    series: &SeriesBinding,
    area: &Id,
    area_type: AreaType,
    goal: &Goalpost,
    o: &Outcome,
) -> Assessment {
    Assessment {
        indicator: ind.id.clone(),
        series: series.code.clone(),
        area: area.clone(),
        area_type,
        target: goal.target.clone(),
        method: o.method,
        inputs: AssessmentInputs {
            base_year: o.base.map(|b| b.0),
            base_value: o.base.map(|b| b.1),
            latest_year: o.latest.map(|b| b.0),
            latest_value: o.latest.map(|b| b.1),
            target_value: o.target,
            target_year: o.target_year,
            points: o.points,
        },
        value: o.value,
        value_kind: o.value_kind,
        projected: o.projected,
        status: o.status,
        score: o.score,
        reason: o.reason,
        rules: o.rules.to_vec(),
    }
}

fn not_assessed(method: MethodKind, reason: NotAssessedReason) -> Outcome {
    let mut o = MethodSpec::default_for(method)
        .assess(&[], &SeriesSpec::new(govframe_core::Direction::Increase));
    o.status = ProgressStatus::NotAssessed;
    o.reason = Some(reason);
    o.score = None;
    o
}

/// A part of a roll-up.
#[derive(Debug, Clone, Copy)]
struct Part {
    status: ProgressStatus,
    score: Option<f64>,
    value: Option<f64>,
    reason: Option<NotAssessedReason>,
}

/// The result of combining parts.
struct Combined {
    part: Part,
    parts: u32,
    assessed: u32,
}

/// Combines parts with the method's documented aggregation:
///
/// * `openSdg` (source rule): mean of the scores; status from the score bands; `targetAchieved`
///   only when every part achieved it.
/// * `unsdCagr` (govframe rule; UNSD does not aggregate): mean score; `targetMet` when every
///   part met it, else `onTrack` from 2.5, `fairProgress` from 1.5, else
///   `stagnationOrRegression`.
/// * `escap` (formalisation: ESCAP averages its indices at indicator, target and goal level):
///   mean current status index; `maintain` when every part maintains, else `accelerate` when
///   the mean anticipated progress ratio (each capped at 1, `maintain` without a ratio
///   counting 1) is positive, else `reverse`.
///
/// Parts not assessed are left out; with none assessed the result is `notAssessed` with the
/// parts' common reason, or `nothingAssessed`.
fn combine(method: MethodKind, parts: &[Part]) -> Combined {
    let n = u32::try_from(parts.len()).unwrap_or(u32::MAX);
    let done: Vec<&Part> = parts.iter().filter(|p| p.status.is_assessed()).collect();
    let assessed = u32::try_from(done.len()).unwrap_or(u32::MAX);
    if done.is_empty() {
        let mut reasons: BTreeSet<NotAssessedReason> =
            parts.iter().filter_map(|p| p.reason).collect();
        let reason = if reasons.len() == 1 {
            reasons.pop_first()
        } else {
            Some(NotAssessedReason::NothingAssessed)
        };
        return Combined {
            part: Part {
                status: ProgressStatus::NotAssessed,
                score: None,
                value: None,
                reason,
            },
            parts: n,
            assessed: 0,
        };
    }
    let scores: Vec<f64> = done.iter().filter_map(|p| p.score).collect();
    let mean = |xs: &[f64]| (!xs.is_empty()).then(|| xs.iter().sum::<f64>() / xs.len() as f64);
    let score = mean(&scores);
    let all = |s: ProgressStatus| done.iter().all(|p| p.status == s);
    let (status, value) = match method {
        MethodKind::OpenSdg => {
            let achieved = all(ProgressStatus::TargetAchieved);
            let status = match score {
                Some(s) => open_sdg_status_from_score(s, achieved),
                None if achieved => ProgressStatus::TargetAchieved,
                None => ProgressStatus::TargetNotAchieved,
            };
            (status, None)
        }
        MethodKind::UnsdCagr => {
            let status = if all(ProgressStatus::TargetMet) {
                ProgressStatus::TargetMet
            } else {
                match score {
                    Some(s) if s >= 2.5 => ProgressStatus::OnTrack,
                    Some(s) if s >= 1.5 => ProgressStatus::FairProgress,
                    _ => ProgressStatus::StagnationOrRegression,
                }
            };
            (status, None)
        }
        MethodKind::Escap => {
            let values: Vec<f64> = done
                .iter()
                .filter_map(|p| match (p.value, p.status) {
                    (Some(v), _) => Some(v.min(1.0)),
                    (None, ProgressStatus::Maintain) => Some(1.0),
                    _ => None,
                })
                .collect();
            let value = mean(&values);
            let status = if all(ProgressStatus::Maintain) {
                ProgressStatus::Maintain
            } else if value.or(score).is_some_and(|v| v > 0.0) {
                ProgressStatus::Accelerate
            } else {
                ProgressStatus::Reverse
            };
            (status, value)
        }
    };
    Combined {
        part: Part {
            status,
            score,
            value,
            reason: None,
        },
        parts: n,
        assessed,
    }
}

fn rollup(subject: Ref, target: Option<Ref>, area: Id, method: MethodKind, c: &Combined) -> RollUp {
    RollUp {
        subject,
        target,
        area,
        method,
        parts: c.parts,
        assessed: c.assessed,
        score: c.part.score,
        value: c.part.value,
        status: c.part.status,
        reason: c.part.reason,
    }
}

fn part_of(r: &RollUp) -> Part {
    Part {
        status: r.status,
        score: r.score,
        value: r.value,
        reason: r.reason,
    }
}

/// Assesses every indicator of `framework` on `data`.
///
/// For each indicator: its goalposts (its own `targetValue`, else the quantity of each linked
/// plan target found in `plans`, else none), its methods, its series, and the areas (see
/// [`AssessOptions::areas`]); a group area uses the data's own series for that code when
/// there is one, else the [`aggregate`] of its members. Then series are rolled up to
/// indicators, indicators to the plan targets they measure, targets to their goals (the rules
/// are on [`RollUp`]).
///
/// Deterministic: output order follows the framework, then area codes; the data's row order
/// does not matter. O(indicators × series × areas × points).
pub fn assess(
    framework: &MonitoringFramework,
    plans: &[&StrategicPlan],
    data: &Observations,
    groups: Option<&AreaGroups>,
    options: &AssessOptions,
) -> ProgressReport {
    let id = Id::new(format!("progress-{}", framework.id)).unwrap_or_else(|_| framework.id.clone());
    let mut report = ProgressReport::new(
        id,
        LocalizedText::en(format!("Progress: {}", framework.title.best("en"))),
    );
    report.framework = Some(framework.id.clone());
    report.plans = plans.iter().map(|p| p.id.clone()).collect();
    let mut notes = Vec::new();
    let population = options.population.as_ref().map(|p| (data, p.as_str()));
    if options.weighting == Weighting::Population && population.is_none() {
        notes.push(
            "population weighting asked without a population series: simple means used".into(),
        );
    }
    let weighting = if population.is_some() {
        options.weighting
    } else {
        Weighting::Simple
    };
    // indicator, target, area, method -> (series group -> parts)
    type Key = (usize, Option<Ref>, Id, MethodKind);
    let mut ind_parts: BTreeMap<Key, BTreeMap<String, Vec<Part>>> = BTreeMap::new();
    let wanted: BTreeSet<&Id> = options.areas.iter().collect();
    for (ii, ind) in framework.indicators.iter().enumerate() {
        let posts = goalposts(framework, ind, plans, options, &mut notes);
        let methods = method_specs(framework, ind, options);
        for post in &posts {
            let spec = SeriesSpec {
                direction: ind.direction,
                target: post.value,
                target_year: post.year,
                base_year: framework.base_year_of(ind),
                limit: ind.natural_limit,
                binary: ind.binary,
                percent: ind.unit.is_percent(),
            };
            for s in &ind.series {
                let areas: BTreeSet<Id> = match (&post.area, options.scope_only) {
                    (Some(a), true) => std::iter::once(a.clone()).collect(),
                    _ => {
                        let mut set: BTreeSet<Id> = data.areas(s.code.as_str()).cloned().collect();
                        if let (Some(g), true) = (groups, options.groups) {
                            set.extend(g.iter().map(|g| g.code.clone()));
                        }
                        if !wanted.is_empty() {
                            set.retain(|a| wanted.contains(a));
                            set.extend(wanted.iter().map(|a| (*a).clone()));
                        }
                        set
                    }
                };
                for area in &areas {
                    let (points, aggregated, conflicting) =
                        match data.get(s.code.as_str(), area.as_str()) {
                            Some(SeriesData::Points(p)) => (Some(p.to_vec()), false, false),
                            Some(SeriesData::Conflicting) => (None, false, true),
                            None => match groups.and_then(|g| g.get(area.as_str())) {
                                Some(g) => (
                                    Some(aggregate(
                                        data,
                                        s.code.as_str(),
                                        &g.members,
                                        weighting,
                                        population,
                                        options.min_coverage,
                                    )),
                                    true,
                                    false,
                                ),
                                None => (None, false, false),
                            },
                        };
                    let at = area_type(groups, area.as_str(), aggregated);
                    for m in &methods {
                        let o = match (&points, conflicting) {
                            (Some(p), _) if !p.is_empty() => m.assess(p, &spec),
                            (_, true) => {
                                not_assessed(m.kind(), NotAssessedReason::ConflictingValues)
                            }
                            _ => not_assessed(m.kind(), NotAssessedReason::NoData),
                        };
                        let a = to_assessment(ind, s, area, at, post, &o);
                        let group = s
                            .group
                            .as_ref()
                            .map_or_else(|| format!("series:{}", s.code), |g| format!("group:{g}"));
                        ind_parts
                            .entry((ii, post.target.clone(), area.clone(), m.kind()))
                            .or_default()
                            .entry(group)
                            .or_default()
                            .push(Part {
                                status: a.status,
                                score: a.score,
                                value: a.value,
                                reason: a.reason,
                            });
                        report.assessments.push(a);
                    }
                }
            }
        }
    }
    // Indicators.
    for ((ii, target, area, method), by_group) in ind_parts {
        let Some(ind) = framework.indicators.get(ii) else {
            continue;
        };
        let group_parts: Vec<Part> = by_group
            .values()
            .map(|parts| combine(method, parts).part)
            .collect();
        let mut c = combine(method, &group_parts);
        c.parts = u32::try_from(by_group.values().map(Vec::len).sum::<usize>()).unwrap_or(u32::MAX);
        c.assessed = u32::try_from(
            by_group
                .values()
                .flatten()
                .filter(|p| p.status.is_assessed())
                .count(),
        )
        .unwrap_or(u32::MAX);
        report
            .indicators
            .push(rollup(ind.id.to_ref(), target, area, method, &c));
    }
    roll_targets_and_goals(&mut report, plans);
    report.summary = ProgressReport::count_statuses(&report.assessments);
    report.notes = notes;
    report
}

fn roll_targets_and_goals(report: &mut ProgressReport, plans: &[&StrategicPlan]) {
    let mut by_target: BTreeMap<(Ref, Id, MethodKind), Vec<Part>> = BTreeMap::new();
    for r in &report.indicators {
        if let Some(t) = &r.target {
            by_target
                .entry((t.clone(), r.area.clone(), r.method))
                .or_default()
                .push(part_of(r));
        }
    }
    report.targets = by_target
        .into_iter()
        .map(|((t, area, method), parts)| rollup(t, None, area, method, &combine(method, &parts)))
        .collect();
    roll_goals(report, plans);
}

fn roll_goals(report: &mut ProgressReport, plans: &[&StrategicPlan]) {
    let mut by_goal: BTreeMap<(Ref, Id, MethodKind), Vec<Part>> = BTreeMap::new();
    for r in &report.targets {
        let Some(doc) = r.subject.document() else {
            continue;
        };
        let Some(plan) = plans.iter().find(|p| p.id.as_str() == doc) else {
            continue;
        };
        let Some(t) = plan
            .targets
            .iter()
            .find(|t| t.id.as_str() == r.subject.local())
        else {
            continue;
        };
        let goal = match t.goal.document() {
            Some(_) => t.goal.clone(),
            None => match Id::new(t.goal.local()) {
                Ok(g) => g.in_document(&plan.id),
                Err(_) => continue,
            },
        };
        by_goal
            .entry((goal, r.area.clone(), r.method))
            .or_default()
            .push(part_of(r));
    }
    report.goals = by_goal
        .into_iter()
        .map(|((g, area, method), parts)| rollup(g, None, area, method, &combine(method, &parts)))
        .collect();
}

/// The scorecard of a plan: every target of `plan` with a numeric quantity, assessed in the
/// area of its scope with the indicators of `framework` that measure it; targets no indicator
/// measures are listed as not assessed (`noIndicator`). The report's `targets` hold one row
/// per quantified target and method, `goals` the goal roll-ups, `assessments` the series.
///
/// ```
/// use govframe_monitoring::{scorecard, AreaGroups, AssessOptions, MonitoringFramework, Observations};
/// let plan = govframe_itu::strategic_plan_2016_2019();
/// let framework = MonitoringFramework::for_plan(plan, &[("individualsUsingInternet", "i99H")])?;
/// let mut data = Observations::new();
/// for (y, v) in [(2015, 40.0), (2018, 49.0), (2020, 59.0)] {
///     data.push("i99H", "WLD", y, v)?;
/// }
/// data.finish();
/// let report = scorecard(plan, &framework, &data, None, &AssessOptions::default());
/// let t = report.targets.iter().find(|t| t.subject.as_str() == "itu-sp-2016-2019#target-1.2").unwrap();
/// assert_eq!(t.status.as_str(), "substantialProgress");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn scorecard(
    plan: &StrategicPlan,
    framework: &MonitoringFramework,
    data: &Observations,
    groups: Option<&AreaGroups>,
    options: &AssessOptions,
) -> ProgressReport {
    let mut opts = options.clone();
    opts.scope_only = true;
    let mut fw = framework.clone();
    // Only the indicators that measure this plan's targets, each against those targets.
    fw.indicators.retain(|ind| {
        ind.targets
            .iter()
            .any(|t| framework.target_document(t) == Some(plan.id.as_str()))
    });
    let mut report = assess(&fw, &[plan], data, groups, &opts);
    report.id = Id::new(format!("scorecard-{}", plan.id)).unwrap_or_else(|_| plan.id.clone());
    report.title = LocalizedText::en(format!("Scorecard: {}", plan.title.best("en")));
    let methods: Vec<MethodKind> = if opts.methods.is_empty() {
        let mut m: Vec<MethodKind> = fw
            .indicators
            .iter()
            .map(|i| fw.method_of(i).kind())
            .collect();
        m.sort();
        m.dedup();
        if m.is_empty() {
            m.push(fw.method.map_or(MethodKind::OpenSdg, |s| s.kind()));
        }
        m
    } else {
        opts.methods.clone()
    };
    let mut added = false;
    for t in &plan.targets {
        let Some(q) = &t.quantity else { continue };
        let r = qualified(plan, &t.id);
        let area = opts
            .scope_area(&q.scope)
            .unwrap_or_else(|| Id::new("WLD").unwrap_or_else(|_| plan.id.clone()));
        for m in &methods {
            if report
                .targets
                .iter()
                .any(|x| x.subject == r && x.method == *m)
            {
                continue;
            }
            report.targets.push(RollUp {
                subject: r.clone(),
                target: None,
                area: area.clone(),
                method: *m,
                parts: 0,
                assessed: 0,
                score: None,
                value: None,
                status: ProgressStatus::NotAssessed,
                reason: Some(NotAssessedReason::NoIndicator),
            });
            added = true;
        }
    }
    if added {
        // Keep the plan's order of targets.
        let order: BTreeMap<Ref, usize> = plan
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| (qualified(plan, &t.id), i))
            .collect();
        report.targets.sort_by(|a, b| {
            order
                .get(&a.subject)
                .cmp(&order.get(&b.subject))
                .then(a.method.cmp(&b.method))
                .then(a.area.cmp(&b.area))
        });
        roll_goals(&mut report, &[plan]);
    }
    report
}

impl MonitoringFramework {
    /// A framework for the quantified targets of `plan`: one indicator per quantity
    /// indicator code that `bindings` maps to a data series code (`(quantity indicator,
    /// series code)`), with the unit and direction of its first target, linked to every
    /// target that uses that code.
    pub fn for_plan(plan: &StrategicPlan, bindings: &[(&str, &str)]) -> crate::Result<Self> {
        let mut f = Self::new(
            Id::new(format!("monitoring-{}", plan.id))?,
            LocalizedText::en(format!("Monitoring of {}", plan.title.best("en"))),
        );
        f.plan = Some(plan.id.clone());
        for (code, series) in bindings {
            let linked: Vec<&govframe_strategy::Target> = plan
                .targets
                .iter()
                .filter(|t| t.quantity.as_ref().is_some_and(|q| q.indicator == *code))
                .collect();
            let Some(q) = linked.first().and_then(|t| t.quantity.as_ref()) else {
                continue;
            };
            let mut ind = MonitoringIndicator::new(
                Id::new(*code)?,
                LocalizedText::en(*code),
                q.unit.clone(),
                q.direction,
            );
            if q.unit.is_percent() {
                ind.natural_limit = Some(100.0);
            }
            ind.targets = linked.iter().map(|t| qualified(plan, &t.id)).collect();
            ind.series.push(SeriesBinding::new(Id::new(*series)?));
            f.indicators.push(ind);
        }
        Ok(f)
    }
}
