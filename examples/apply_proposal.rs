//! Applies proposal 1 of the founding contribution to the bundled ITU Strategic Plan 2024-2027:
//! adds the proposed inter-sectoral objective — leveraging existing high-level international
//! meeting platforms to promote global consensus on digital governance — with those platforms
//! as its consultation mechanisms, validates the result, and prints the coverage analysis
//! before and after.
//!
//! ```text
//! cargo run -p govframe --example apply_proposal
//! ```
//!
//! The objective's wording is the contribution's own ("leveraging existing high-level
//! international meeting platforms to promote global consensus on digital governance"); it
//! serves every goal of the plan, because the contribution's analysis finds that the strategic
//! goals all cover aspects of digital governance without sufficient consultation mechanisms;
//! its mechanisms are the high-level and treaty-making platforms of the bundled registry
//! `itu-platforms` (expert meetings left out).

use govframe::core::{LocalizedText, Source, Validate};
use govframe::platforms::{PlatformLevel, ProposalMarker};
use govframe::schema::{Catalog, Document};
use govframe::strategy::{Objective, ObjectiveType, StrategicPlan, coverage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let original = govframe::itu::strategic_plan_2024_2027();
    let contribution = govframe::itu::contribution_digital_governance_platforms();
    let registry = govframe::itu::platforms();

    let proposal = contribution
        .proposals
        .first()
        .ok_or("the contribution has no proposal")?;
    if proposal.marker != ProposalMarker::Add {
        return Err(format!("proposal {} is not an ADD", proposal.id).into());
    }
    let proposal_text = proposal
        .text
        .as_ref()
        .ok_or("proposal 1 carries no text")?
        .best("en");
    println!(
        "{} — {} {}:\n  {}\n",
        contribution.id,
        proposal.marker.symbol(),
        proposal.id,
        proposal_text
    );

    // The catalog resolves platform names in the coverage table.
    let mut catalog = Catalog::new();
    catalog
        .add(Document::from(registry.clone()), "itu-platforms.json")
        .map_err(|e| e.to_string())?;

    println!("BEFORE — {}", original.title.best("en"));
    print!(
        "{}",
        coverage(original, &[], |r| catalog.name_of(r)).to_table("en")
    );

    let amended = apply(original, proposal_text, contribution, registry)?;

    // Validate the amended plan: its own rules, all three levels on its JSON, and its
    // references against the platform registry.
    let issues = amended.validate();
    let json = serde_json::to_string_pretty(&amended)?;
    let outcome = govframe::schema::validate::validate_str(&json, "amended plan (in memory)");
    catalog
        .add(Document::from(amended.clone()), "amended plan")
        .map_err(|e| e.to_string())?;
    let dangling: usize = catalog.check_references().iter().map(Vec::len).sum();
    println!(
        "\nAmended plan: {} semantic issue(s); valid at every level: {}; unresolved references: {dangling}",
        issues.len(),
        outcome.report.valid
    );
    for issue in &issues {
        println!("  {issue}");
    }
    if !outcome.report.valid || dangling > 0 {
        return Err("the amended plan does not validate".into());
    }

    println!("\nAFTER — with the proposed inter-sectoral objective");
    print!(
        "{}",
        coverage(&amended, &[], |r| catalog.name_of(r)).to_table("en")
    );
    Ok(())
}

/// The plan with the proposed inter-sectoral objective added.
fn apply(
    plan: &StrategicPlan,
    proposal_text: &str,
    contribution: &govframe::platforms::Contribution,
    registry: &govframe::platforms::PlatformRegistry,
) -> Result<StrategicPlan, Box<dyn std::error::Error>> {
    let mut amended = plan.clone();
    let mut objective = Objective::new(
        "obj-i-digital-governance-platforms".parse()?,
        ObjectiveType::InterSectoral,
        None,
        LocalizedText::en(
            "Leveraging existing high-level international meeting platforms to promote global consensus on digital governance",
        ),
    );
    objective.code = Some("I (proposed)".to_owned());
    objective.description = Some(LocalizedText::en(proposal_text));
    objective.contributes_to = amended
        .goals
        .iter()
        .map(|g| g.id.as_str().parse())
        .collect::<Result<_, _>>()?;
    objective.mechanisms = registry
        .platforms
        .iter()
        .filter(|p| p.level != PlatformLevel::Expert)
        .map(|p| format!("{}#{}", registry.id, p.id).parse())
        .collect::<Result<_, _>>()?;
    let mut source = Source {
        title: format!(
            "{}, proposal 1 ({})",
            contribution.title.best("en"),
            contribution.id
        ),
        url: None,
        publisher: None,
        date: None,
        locator: Some("Proposal, first recommendation".to_owned()),
    };
    if let Some(s) = contribution.sources.first() {
        source.url.clone_from(&s.url);
    }
    objective.sources.push(source);
    amended.objectives.push(objective);
    Ok(amended)
}
