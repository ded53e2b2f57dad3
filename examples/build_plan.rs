//! Builds a strategic plan in code, validates it, and prints its coverage analysis.
//!
//! ```text
//! cargo run --example build_plan
//! ```

use govframe::core::{Direction, LocalizedText, Unit, Validate, YearRange, YearValue};
use govframe::strategy::{
    Goal, Objective, ObjectiveType, Scope, Sector, StrategicPlan, Target, TargetQuantity, coverage,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut plan = StrategicPlan::new(
        "example-plan".parse()?,
        LocalizedText::en("Example plan 2026-2029").with("fr", "Plan d'exemple 2026-2029")?,
        YearRange::new(2026, 2029)?,
    );
    plan.goals.push(Goal::new(
        "goal-1".parse()?,
        LocalizedText::en("Connectivity"),
    ));
    plan.goals
        .push(Goal::new("goal-2".parse()?, LocalizedText::en("Trust")));

    let mut target = Target::new(
        "target-1.1".parse()?,
        "goal-1".parse()?,
        LocalizedText::en("Most people online by 2029"),
    );
    target.quantity = Some(TargetQuantity {
        indicator: "individualsUsingInternet".into(),
        scope: Scope::Worldwide,
        unit: Unit::Percent,
        direction: Direction::Increase,
        value: 75.0,
        year: 2029,
        baseline: Some(YearValue {
            year: 2025,
            value: 68.0,
        }),
    });
    plan.targets.push(target);

    let mut sectoral = Objective::new(
        "obj-d1".parse()?,
        ObjectiveType::Sectoral,
        Some(Sector::ItuD),
        LocalizedText::en("Enabling environment"),
    );
    sectoral.contributes_to = vec!["goal-1".parse()?];
    plan.objectives.push(sectoral);

    let mut consensus = Objective::new(
        "obj-i1".parse()?,
        ObjectiveType::InterSectoral,
        None,
        LocalizedText::en("Consensus through high-level meetings"),
    );
    consensus.contributes_to = vec!["goal-1".parse()?];
    consensus.mechanisms = vec!["demo-platforms#ministerial-forum".parse()?];
    plan.objectives.push(consensus);

    let issues = plan.validate();
    println!("semantic issues: {}", issues.len());
    for issue in &issues {
        println!("  {issue}");
    }

    // The same plan as JSON, checked at all three levels.
    let json = serde_json::to_string_pretty(&plan)?;
    let outcome = govframe::schema::validate::validate_str(&json, "example-plan (in memory)");
    println!("valid at every level: {}", outcome.report.valid);

    print!("\n{}", coverage(&plan, &[], |_| None).to_table("en"));
    Ok(())
}
