//! # govframe-strategy
//!
//! The `strategicPlan` document — organization, period, adopting instrument, vision,
//! mission, values, goals, targets with typed quantities, thematic priorities, enablers and
//! objectives — its semantic rules, and a **coverage analysis** that shows, for every goal,
//! which consultation mechanisms stand behind it.
//!
//! ```
//! use govframe_core::{Id, LocalizedText, Validate, YearRange};
//! use govframe_strategy::{Goal, StrategicPlan, Target};
//!
//! let mut plan = StrategicPlan::new(
//!     "demo-plan".parse()?,
//!     LocalizedText::en("Demo plan"),
//!     YearRange::new(2024, 2027)?,
//! );
//! plan.goals.push(Goal::new("goal-1".parse()?, LocalizedText::en("Universal connectivity")));
//! plan.targets.push(Target::new("t-1".parse()?, "goal-1".parse()?, LocalizedText::en("Connect everyone")));
//! assert!(plan.validate().is_empty());
//!
//! plan.targets.push(Target::new("t-2".parse()?, "goal-9".parse()?, LocalizedText::en("Oops")));
//! let issues = plan.validate();
//! assert_eq!(issues[0].rule, "strategy.target.unknown-goal");
//! assert_eq!(issues[0].path, "/targets/1/goal");
//! # Ok::<(), govframe_core::Error>(())
//! ```

mod coverage;
mod plan;

pub use coverage::{
    CoverageReport, CoverageReportKind, CoverageSummary, GoalCoverage, MechanismCoverage, coverage,
};
pub use govframe_objectives::{Kpi, Objective, ObjectiveType, Outcome, Output, OutputKind, Sector};
pub use plan::{
    Enabler, Goal, Instrument, Organization, PlanValue, Scope, StrategicPlan, StrategicPlanKind,
    Target, TargetQuantity, ThematicPriority,
};

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
