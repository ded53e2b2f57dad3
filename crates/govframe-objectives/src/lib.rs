//! # govframe-objectives
//!
//! Objectives of an organization: **sectoral** (owned by one sector — ITU-R, ITU-T, ITU-D or
//! the General Secretariat) or **inter-sectoral** (shared), with the outcomes they seek, the
//! outputs (products and services) that deliver them, the goals they contribute to, the
//! consultation **mechanisms** (meeting platforms) that support them, and KPIs.
//!
//! Objectives live inside a strategic plan (`govframe-strategy`) or stand alone in an
//! [`ObjectiveSet`] document, e.g. a proposal to add an objective to a plan.
//!
//! ```
//! use govframe_objectives::{Objective, ObjectiveType};
//! use govframe_core::Validate;
//!
//! let json = r#"{
//!   "id": "I.6", "code": "I.6", "type": "interSectoral",
//!   "name": {"en": "Build global consensus on digital governance"},
//!   "contributesTo": ["itu-sp-2024-2027#goal-1"],
//!   "mechanisms": ["itu-platforms#gsr", "itu-platforms#wsis-forum"]
//! }"#;
//! let o: Objective = serde_json::from_str(json)?;
//! assert_eq!(o.kind, ObjectiveType::InterSectoral);
//! assert!(o.validate().is_empty());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::collections::HashSet;

use govframe_core::{
    DocumentMeta, Entity, Extensions, Id, Issues, LocalizedText, Pointer, Ref, RefSite, Source,
    SpecVersion, Unit, Validate, YearValue, quantity::Direction,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A core rule was broken.
    #[error(transparent)]
    Core(#[from] govframe_core::Error),
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Whether an objective belongs to one sector or is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ObjectiveType {
    /// Owned by one sector (then `sector` is required).
    Sectoral,
    /// Shared by the sectors and the General Secretariat (then `sector` is absent).
    InterSectoral,
}

/// The ITU sectors and the General Secretariat.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Sector {
    /// Radiocommunication Sector (ITU-R).
    ItuR,
    /// Telecommunication Standardization Sector (ITU-T).
    ItuT,
    /// Telecommunication Development Sector (ITU-D).
    ItuD,
    /// General Secretariat.
    GeneralSecretariat,
}

impl Sector {
    /// The usual label (`ITU-R`, …).
    pub fn label(&self) -> &'static str {
        match self {
            Self::ItuR => "ITU-R",
            Self::ItuT => "ITU-T",
            Self::ItuD => "ITU-D",
            Self::GeneralSecretariat => "General Secretariat",
        }
    }
}

/// What an output is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum OutputKind {
    /// A product (a report, a standard, a database…).
    Product,
    /// A service (a meeting, training, assistance…).
    Service,
}

/// A result an objective seeks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Outcome {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code (`"R.1-a"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What the outcome is.
    pub statement: LocalizedText,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

/// A product or service that delivers an objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Output {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Product or service.
    #[serde(rename = "type")]
    pub kind: OutputKind,
    /// Its name.
    pub name: LocalizedText,
    /// A longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

/// A key performance indicator with baseline and target where known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Kpi {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What is measured.
    pub name: LocalizedText,
    /// Unit of the values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// Which way is better.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Starting value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<YearValue>,
    /// Value to reach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<YearValue>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

/// A sectoral or inter-sectoral objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(extend(
    "if" = {"type": "object", "properties": {"type": {"const": "sectoral"}}, "required": ["type"]},
    "then" = {"properties": {"sector": true}, "required": ["sector"]},
    "else" = {"not": {"properties": {"sector": true}, "required": ["sector"]}}
))]
pub struct Objective {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code (`"I.1"`, `"R.1"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Sectoral or inter-sectoral.
    #[serde(rename = "type")]
    pub kind: ObjectiveType,
    /// The owning sector: required for sectoral objectives, absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    /// Its name.
    pub name: LocalizedText,
    /// A longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// Goals it serves: `goal-1` in the same plan, `planId#goal-1` elsewhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub contributes_to: Vec<Ref>,
    /// Consultation mechanisms (meeting platforms) that support it: `registryId#platformId`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub mechanisms: Vec<Ref>,
    /// Results sought.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub outcomes: Vec<Outcome>,
    /// Products and services.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub outputs: Vec<Output>,
    /// Key performance indicators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub kpis: Vec<Kpi>,
    /// The decision that adopted it (`consultationId#decisionId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted_by: Option<Ref>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

impl Objective {
    /// A new objective with only the required fields.
    pub fn new(id: Id, kind: ObjectiveType, sector: Option<Sector>, name: LocalizedText) -> Self {
        Self {
            id,
            code: None,
            kind,
            sector,
            name,
            description: None,
            contributes_to: Vec::new(),
            mechanisms: Vec::new(),
            outcomes: Vec::new(),
            outputs: Vec::new(),
            kpis: Vec::new(),
            adopted_by: None,
            sources: Vec::new(),
        }
    }

    /// Entities defined by the objective (itself, its outcomes, outputs and KPIs).
    pub fn entities_at<'a>(&'a self, at: &Pointer, out: &mut Vec<Entity<'a>>) {
        out.push(Entity {
            id: &self.id,
            entity: "objective",
            path: at.clone().key("id").into(),
            name: Some(&self.name),
        });
        for (i, o) in self.outcomes.iter().enumerate() {
            out.push(Entity {
                id: &o.id,
                entity: "outcome",
                path: at.clone().key("outcomes").index(i).key("id").into(),
                name: None,
            });
        }
        for (i, o) in self.outputs.iter().enumerate() {
            out.push(Entity {
                id: &o.id,
                entity: "output",
                path: at.clone().key("outputs").index(i).key("id").into(),
                name: Some(&o.name),
            });
        }
        for (i, k) in self.kpis.iter().enumerate() {
            out.push(Entity {
                id: &k.id,
                entity: "kpi",
                path: at.clone().key("kpis").index(i).key("id").into(),
                name: Some(&k.name),
            });
        }
    }

    /// References made by the objective.
    pub fn references_at<'a>(&'a self, at: &Pointer, out: &mut Vec<RefSite<'a>>) {
        for (i, r) in self.contributes_to.iter().enumerate() {
            out.push(RefSite {
                target: r,
                expects: &["goal"],
                path: at.clone().key("contributesTo").index(i).into(),
            });
        }
        for (i, r) in self.mechanisms.iter().enumerate() {
            out.push(RefSite {
                target: r,
                expects: &["platform", "mechanism"],
                path: at.clone().key("mechanisms").index(i).into(),
            });
        }
        if let Some(r) = &self.adopted_by {
            out.push(RefSite {
                target: r,
                expects: &["decision"],
                path: at.clone().key("adoptedBy").into(),
            });
        }
    }

    /// Checks the rules of one objective found at `at`. `goals` is the set of goal ids of the
    /// enclosing plan (`None` outside a plan: local goal references are then an error).
    pub fn check(
        &self,
        at: &Pointer,
        goals: Option<&HashSet<&str>>,
        own_doc: Option<&str>,
        issues: &mut Issues,
    ) {
        match (self.kind, self.sector) {
            (ObjectiveType::Sectoral, None) => {
                issues
                    .error(
                        "objectives.sector-missing",
                        at.clone().key("sector"),
                        format!(
                            "sectoral objective {:?} does not say its sector",
                            self.id.as_str()
                        ),
                    )
                    .help =
                    Some("add \"sector\": one of ituR, ituT, ituD, generalSecretariat".into());
            }
            (ObjectiveType::InterSectoral, Some(s)) => {
                issues
                    .error(
                        "objectives.sector-unexpected",
                        at.clone().key("sector"),
                        format!(
                            "inter-sectoral objective {:?} names one sector ({})",
                            self.id.as_str(),
                            s.label()
                        ),
                    )
                    .help = Some("remove \"sector\", or make the objective \"sectoral\"".into());
            }
            _ => {}
        }
        if self.contributes_to.is_empty() {
            issues.warning(
                "objectives.no-goal",
                at.clone().key("contributesTo"),
                format!("objective {:?} contributes to no goal", self.id.as_str()),
            );
        }
        for (i, r) in self.contributes_to.iter().enumerate() {
            let local = r.is_local() || r.document() == own_doc;
            if !local {
                continue; // resolved by a catalog
            }
            match goals {
                Some(goals) if goals.contains(r.local()) => {}
                Some(_) => {
                    issues
                        .error("objectives.unknown-goal", at.clone().key("contributesTo").index(i), format!(
                            "objective {:?} contributes to goal {:?}, which the plan does not define",
                            self.id.as_str(), r.local()
                        ))
                        .help = Some("use the id of one of the plan's goals".into());
                }
                None => {
                    issues
                        .error(
                            "objectives.unqualified-goal",
                            at.clone().key("contributesTo").index(i),
                            format!("goal reference {:?} names no plan", r.as_str()),
                        )
                        .help = Some("outside a plan, write planId#goalId".into());
                }
            }
        }
        for (i, r) in self.mechanisms.iter().enumerate() {
            if r.is_local() {
                issues
                    .error(
                        "objectives.unqualified-mechanism",
                        at.clone().key("mechanisms").index(i),
                        format!("mechanism {:?} names no platform registry", r.as_str()),
                    )
                    .help = Some(
                    "mechanisms are platforms of a platform registry: write registryId#platformId"
                        .into(),
                );
            }
        }
        let mut seen = HashSet::new();
        for (i, r) in self.mechanisms.iter().enumerate() {
            if !seen.insert(r.as_str()) {
                issues.warning(
                    "objectives.duplicate-mechanism",
                    at.clone().key("mechanisms").index(i),
                    format!("mechanism {:?} is listed twice", r.as_str()),
                );
            }
        }
        for (i, k) in self.kpis.iter().enumerate() {
            let kat = at.clone().key("kpis").index(i);
            for (name, v) in [("baseline", &k.baseline), ("target", &k.target)] {
                let Some(v) = v else { continue };
                issues.finite("objectives.kpi.non-finite", v.value, || {
                    kat.clone().key(name).key("value").into()
                });
                if k.unit.as_ref().is_some_and(Unit::is_percent)
                    && !(0.0..=100.0).contains(&v.value)
                {
                    issues.error(
                        "objectives.kpi.percent-out-of-range",
                        kat.clone().key(name).key("value"),
                        format!("{} is a percentage outside 0..=100", v.value),
                    );
                }
            }
            if let (Some(b), Some(t)) = (&k.baseline, &k.target)
                && b.year > t.year
            {
                issues.error(
                    "objectives.kpi.target-before-baseline",
                    kat.clone().key("target").key("year"),
                    format!("target year {} is before baseline year {}", t.year, b.year),
                );
            }
        }
    }
}

impl Validate for Objective {
    fn validate_into(&self, issues: &mut Issues) {
        self.check(&Pointer::root(), None, None, issues);
    }
}

govframe_core::document_kind!(
    /// The kind tag of an objective set.
    ObjectiveSetKind = "objectiveSet"
);

/// A document holding objectives outside a plan — for example objectives proposed for a plan,
/// whose `contributesTo` then name the plan's goals as `planId#goalId`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "ObjectiveSet")]
pub struct ObjectiveSet {
    /// Always `"objectiveSet"`.
    pub kind: ObjectiveSetKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// A longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// The objectives.
    pub objectives: Vec<Objective>,
    /// Where the set comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl DocumentMeta for ObjectiveSet {
    const KIND: &'static str = ObjectiveSetKind::KIND;
    fn id(&self) -> &Id {
        &self.id
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
    fn entities(&self) -> Vec<Entity<'_>> {
        let mut out = Vec::new();
        for (i, o) in self.objectives.iter().enumerate() {
            o.entities_at(&Pointer::root().key("objectives").index(i), &mut out);
        }
        out
    }
    fn references(&self) -> Vec<RefSite<'_>> {
        let mut out = Vec::new();
        for (i, o) in self.objectives.iter().enumerate() {
            o.references_at(&Pointer::root().key("objectives").index(i), &mut out);
        }
        out
    }
}

impl Validate for ObjectiveSet {
    fn validate_into(&self, issues: &mut Issues) {
        let entities = self.entities();
        issues.unique_ids(
            "objectives.duplicate-id",
            entities.iter().map(|e| (e.id, e.path.as_str())),
            |p| p.to_owned(),
        );
        for (i, o) in self.objectives.iter().enumerate() {
            o.check(
                &Pointer::root().key("objectives").index(i),
                None,
                Some(self.id.as_str()),
                issues,
            );
        }
    }
}
