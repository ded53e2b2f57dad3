//! The strategic plan document and its rules.

use std::collections::{HashMap, HashSet};

use govframe_core::{
    Date, DocumentMeta, Entity, Extensions, Id, Issues, LocalizedText, Pointer, Ref, RefSite,
    Source, SpecVersion, Unit, Validate, WebUrl, YearRange, YearValue, quantity::Direction,
};
use govframe_objectives::{Objective, Sector};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

govframe_core::document_kind!(
    /// The kind tag of a strategic plan.
    StrategicPlanKind = "strategicPlan"
);

govframe_core::open_code_list! {
    /// Where a target applies.
    pub enum Scope {
        /// The whole world.
        Worldwide = "worldwide",
        /// Developing countries.
        DevelopingCountries = "developingCountries",
        /// Developed countries.
        DevelopedCountries = "developedCountries",
        /// Least developed countries (LDCs).
        LeastDevelopedCountries = "leastDevelopedCountries",
        /// Landlocked developing countries (LLDCs).
        LandlockedDevelopingCountries = "landlockedDevelopingCountries",
        /// Small island developing states (SIDS).
        SmallIslandDevelopingStates = "smallIslandDevelopingStates",
        /// Member States of the organization.
        MemberStates = "memberStates",
    }
}

/// The organization that owns a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Organization {
    /// Full name.
    pub name: LocalizedText,
    /// Acronym (`ITU`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// Home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
}

/// The instrument that adopted a plan (e.g. a resolution of a conference).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Instrument {
    /// Its title (`Resolution 71 (Rev. Bucharest, 2022)`).
    pub title: LocalizedText,
    /// Its number or code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Date of adoption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Where it is published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

/// A value the organization holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanValue {
    /// Id, unique in the document.
    pub id: Id,
    /// Its name.
    pub name: LocalizedText,
    /// What it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
}

/// A strategic goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Goal {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code (`"1"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Short name (`Growth`).
    pub name: LocalizedText,
    /// The goal statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<LocalizedText>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

impl Goal {
    /// A goal with an id and a name.
    pub fn new(id: Id, name: LocalizedText) -> Self {
        Self {
            id,
            code: None,
            name,
            statement: None,
            sources: Vec::new(),
        }
    }
}

/// The measurable part of a target: indicator, scope, unit, direction, value and deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetQuantity {
    /// What is measured, as a code (`householdsWithInternet`).
    #[serde(deserialize_with = "govframe_core::de::non_empty")]
    #[schemars(length(min = 1))]
    pub indicator: String,
    /// Where it applies.
    pub scope: Scope,
    /// Unit of `value`.
    pub unit: Unit,
    /// Which way is progress.
    pub direction: Direction,
    /// The value to reach.
    pub value: f64,
    /// The deadline year.
    #[schemars(range(min = 1, max = 9999))]
    pub year: i32,
    /// The starting point, when the plan gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<YearValue>,
}

/// A target under a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Target {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code (`"1.1"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The goal it belongs to (a goal of the same plan).
    pub goal: Ref,
    /// The target as the plan words it.
    pub statement: LocalizedText,
    /// Its numbers, when it has any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<TargetQuantity>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

impl Target {
    /// A target with an id, its goal and its statement.
    pub fn new(id: Id, goal: Ref, statement: LocalizedText) -> Self {
        Self {
            id,
            code: None,
            goal,
            statement,
            quantity: None,
            sources: Vec::new(),
        }
    }
}

/// A thematic priority (e.g. of a sector).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThematicPriority {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name.
    pub name: LocalizedText,
    /// What it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The sector that owns it, if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

/// An enabler (how the organization works: membership, finance, people…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Enabler {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name.
    pub name: LocalizedText,
    /// What it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

/// A strategic plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "StrategicPlan")]
pub struct StrategicPlan {
    /// Always `"strategicPlan"`.
    pub kind: StrategicPlanKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id (`itu-sp-2024-2027`).
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Who owns the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
    /// The years it covers.
    pub period: YearRange,
    /// The decision that adopted it (`consultationId#decisionId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_by: Option<Ref>,
    /// The instrument that adopted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopting_instrument: Option<Instrument>,
    /// Vision statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vision: Option<LocalizedText>,
    /// Mission statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission: Option<LocalizedText>,
    /// Values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub values: Vec<PlanValue>,
    /// Strategic goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub goals: Vec<Goal>,
    /// Targets under the goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub targets: Vec<Target>,
    /// Thematic priorities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub thematic_priorities: Vec<ThematicPriority>,
    /// Enablers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub enablers: Vec<Enabler>,
    /// Sectoral and inter-sectoral objectives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub objectives: Vec<Objective>,
    /// Where the plan comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Editorial notes, e.g. what could not be sourced and is left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub notes: Vec<LocalizedText>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl StrategicPlan {
    /// An empty plan with an id, a title and a period.
    pub fn new(id: Id, title: LocalizedText, period: YearRange) -> Self {
        Self {
            kind: StrategicPlanKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            organization: None,
            period,
            adopted_by: None,
            adopting_instrument: None,
            vision: None,
            mission: None,
            values: Vec::new(),
            goals: Vec::new(),
            targets: Vec::new(),
            thematic_priorities: Vec::new(),
            enablers: Vec::new(),
            objectives: Vec::new(),
            sources: Vec::new(),
            notes: Vec::new(),
            extensions: None,
        }
    }

    /// The goal with this id.
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id.as_str() == id)
    }

    /// Whether a goal reference made inside this plan points into it (local, or `thisId#…`).
    pub fn is_own(&self, r: &Ref) -> bool {
        r.document().is_none_or(|d| d == self.id.as_str())
    }
}

impl DocumentMeta for StrategicPlan {
    const KIND: &'static str = StrategicPlanKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }

    fn entities(&self) -> Vec<Entity<'_>> {
        let root = Pointer::root();
        let mut out =
            Vec::with_capacity(self.goals.len() + self.targets.len() + self.objectives.len() * 4);
        for (i, v) in self.values.iter().enumerate() {
            out.push(Entity {
                id: &v.id,
                entity: "value",
                path: root.clone().key("values").index(i).key("id").into(),
                name: Some(&v.name),
            });
        }
        for (i, g) in self.goals.iter().enumerate() {
            out.push(Entity {
                id: &g.id,
                entity: "goal",
                path: root.clone().key("goals").index(i).key("id").into(),
                name: Some(&g.name),
            });
        }
        for (i, t) in self.targets.iter().enumerate() {
            out.push(Entity {
                id: &t.id,
                entity: "target",
                path: root.clone().key("targets").index(i).key("id").into(),
                name: None,
            });
        }
        for (i, p) in self.thematic_priorities.iter().enumerate() {
            out.push(Entity {
                id: &p.id,
                entity: "thematicPriority",
                path: root
                    .clone()
                    .key("thematicPriorities")
                    .index(i)
                    .key("id")
                    .into(),
                name: Some(&p.name),
            });
        }
        for (i, e) in self.enablers.iter().enumerate() {
            out.push(Entity {
                id: &e.id,
                entity: "enabler",
                path: root.clone().key("enablers").index(i).key("id").into(),
                name: Some(&e.name),
            });
        }
        for (i, o) in self.objectives.iter().enumerate() {
            o.entities_at(&root.clone().key("objectives").index(i), &mut out);
        }
        out
    }

    fn references(&self) -> Vec<RefSite<'_>> {
        let root = Pointer::root();
        let mut out = Vec::new();
        if let Some(r) = &self.adopted_by {
            out.push(RefSite {
                target: r,
                expects: &["decision"],
                path: root.clone().key("adoptedBy").into(),
            });
        }
        for (i, t) in self.targets.iter().enumerate() {
            out.push(RefSite {
                target: &t.goal,
                expects: &["goal"],
                path: root.clone().key("targets").index(i).key("goal").into(),
            });
        }
        for (i, o) in self.objectives.iter().enumerate() {
            o.references_at(&root.clone().key("objectives").index(i), &mut out);
        }
        out
    }
}

/// Where an id sits, so that a path is only built when an issue needs it.
#[derive(Clone, Copy)]
struct Site {
    list: &'static str,
    index: usize,
    sub: Option<(&'static str, usize)>,
}

impl Site {
    fn path(self, field: &str) -> String {
        let mut p = Pointer::root().key(self.list).index(self.index);
        if let Some((sub, j)) = self.sub {
            p = p.key(sub).index(j);
        }
        p.key(field).into()
    }
}

fn top<'a>(list: &'static str) -> impl Fn((usize, &'a Id)) -> (&'a Id, Site) {
    move |(index, id)| {
        (
            id,
            Site {
                list,
                index,
                sub: None,
            },
        )
    }
}

fn sub_site<'a>(index: usize, name: &'static str) -> impl Fn((usize, &'a Id)) -> (&'a Id, Site) {
    move |(j, id)| {
        (
            id,
            Site {
                list: "objectives",
                index,
                sub: Some((name, j)),
            },
        )
    }
}

impl StrategicPlan {
    fn id_sites(&self) -> impl Iterator<Item = (&Id, Site)> {
        let values = self
            .values
            .iter()
            .map(|v| &v.id)
            .enumerate()
            .map(top("values"));
        let goals = self
            .goals
            .iter()
            .map(|v| &v.id)
            .enumerate()
            .map(top("goals"));
        let targets = self
            .targets
            .iter()
            .map(|v| &v.id)
            .enumerate()
            .map(top("targets"));
        let prios = self
            .thematic_priorities
            .iter()
            .map(|v| &v.id)
            .enumerate()
            .map(top("thematicPriorities"));
        let enablers = self
            .enablers
            .iter()
            .map(|v| &v.id)
            .enumerate()
            .map(top("enablers"));
        let objectives = self.objectives.iter().enumerate().flat_map(|(index, o)| {
            let sub = |name: &'static str| sub_site(index, name);
            std::iter::once((
                &o.id,
                Site {
                    list: "objectives",
                    index,
                    sub: None,
                },
            ))
            .chain(
                o.outcomes
                    .iter()
                    .map(|x| &x.id)
                    .enumerate()
                    .map(sub("outcomes")),
            )
            .chain(
                o.outputs
                    .iter()
                    .map(|x| &x.id)
                    .enumerate()
                    .map(sub("outputs")),
            )
            .chain(o.kpis.iter().map(|x| &x.id).enumerate().map(sub("kpis")))
        });
        values
            .chain(goals)
            .chain(targets)
            .chain(prios)
            .chain(enablers)
            .chain(objectives)
    }
}

fn unique_codes<'a>(
    issues: &mut Issues,
    list: &'static str,
    codes: impl Iterator<Item = Option<&'a String>>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, code) in codes.enumerate() {
        let Some(code) = code else { continue };
        if let Some(first) = seen.insert(code.as_str(), i) {
            issues
                .error(
                    "strategy.duplicate-code",
                    Pointer::root().key(list).index(i).key("code"),
                    format!("code {code:?} is used by {list}/{first} and {list}/{i}"),
                )
                .help = Some("codes must be unique inside their list".into());
        }
    }
}

impl Validate for StrategicPlan {
    /// Rules: unique ids (`strategy.duplicate-id`) and codes per list
    /// (`strategy.duplicate-code`); every target's goal is a goal of this plan
    /// (`strategy.target.unknown-goal`, `strategy.target.foreign-goal`); target quantities have
    /// finite numbers, percentages within 0..=100, deadlines not before the plan starts and
    /// baselines not after the deadline; objective rules (see `govframe-objectives`), with their
    /// goals resolved in this plan; `adoptedBy` names its document. O(n) in the plan's size.
    fn validate_into(&self, issues: &mut Issues) {
        let mut seen: HashMap<&str, Site> =
            HashMap::with_capacity(self.goals.len() + self.targets.len() + self.objectives.len());
        for (id, site) in self.id_sites() {
            if let Some(first) = seen.insert(id.as_str(), site) {
                issues
                    .error(
                        "strategy.duplicate-id",
                        site.path("id"),
                        format!(
                            "id {:?} is already used at {}",
                            id.as_str(),
                            first.path("id")
                        ),
                    )
                    .help = Some("ids must be unique inside a document".into());
                seen.insert(id.as_str(), first);
            }
        }
        unique_codes(issues, "goals", self.goals.iter().map(|g| g.code.as_ref()));
        unique_codes(
            issues,
            "targets",
            self.targets.iter().map(|g| g.code.as_ref()),
        );
        unique_codes(
            issues,
            "objectives",
            self.objectives.iter().map(|g| g.code.as_ref()),
        );

        let goals: HashSet<&str> = self.goals.iter().map(|g| g.id.as_str()).collect();
        for (i, t) in self.targets.iter().enumerate() {
            let at = || Pointer::root().key("targets").index(i);
            if !self.is_own(&t.goal) {
                issues
                    .error(
                        "strategy.target.foreign-goal",
                        at().key("goal"),
                        format!(
                            "target {:?} belongs to goal {:?} of another document",
                            t.id.as_str(),
                            t.goal.as_str()
                        ),
                    )
                    .help = Some("a target belongs to a goal of its own plan".into());
            } else if !goals.contains(t.goal.local()) {
                let kind = seen.get(t.goal.local()).map(|s| s.list);
                let msg = match kind {
                    Some(list) => format!(
                        "target {:?} names {:?}, which is in {list}, not a goal",
                        t.id.as_str(),
                        t.goal.local()
                    ),
                    None => format!(
                        "target {:?} names goal {:?}, which the plan does not define",
                        t.id.as_str(),
                        t.goal.local()
                    ),
                };
                issues
                    .error("strategy.target.unknown-goal", at().key("goal"), msg)
                    .help = Some("use the id of one of the plan's goals".into());
            }
            if let Some(q) = &t.quantity {
                let qat = || at().key("quantity");
                issues.finite("strategy.target.non-finite", q.value, || {
                    qat().key("value").into()
                });
                if q.unit.is_percent() && !(0.0..=100.0).contains(&q.value) {
                    issues.error(
                        "strategy.target.percent-out-of-range",
                        qat().key("value"),
                        format!("{} is a percentage outside 0..=100", q.value),
                    );
                }
                if q.year < self.period.start_year() {
                    issues.error(
                        "strategy.target.deadline-before-plan",
                        qat().key("year"),
                        format!(
                            "deadline {} is before the plan starts ({})",
                            q.year,
                            self.period.start_year()
                        ),
                    );
                }
                if let Some(b) = &q.baseline {
                    issues.finite("strategy.target.non-finite", b.value, || {
                        qat().key("baseline").key("value").into()
                    });
                    if q.unit.is_percent() && !(0.0..=100.0).contains(&b.value) {
                        issues.error(
                            "strategy.target.percent-out-of-range",
                            qat().key("baseline").key("value"),
                            format!("baseline {} is a percentage outside 0..=100", b.value),
                        );
                    }
                    if b.year > q.year {
                        issues.error(
                            "strategy.target.baseline-after-deadline",
                            qat().key("baseline").key("year"),
                            format!("baseline year {} is after the deadline {}", b.year, q.year),
                        );
                    }
                }
            }
        }
        for (i, o) in self.objectives.iter().enumerate() {
            o.check(
                &Pointer::root().key("objectives").index(i),
                Some(&goals),
                Some(self.id.as_str()),
                issues,
            );
        }
        if let Some(r) = &self.adopted_by
            && r.is_local()
        {
            issues
                .error(
                    "strategy.adopted-by-unqualified",
                    "/adoptedBy",
                    format!("adoptedBy {:?} names no document", r.as_str()),
                )
                .help = Some(
                "decisions live in consultation documents: write consultationId#decisionId".into(),
            );
        }
    }
}
