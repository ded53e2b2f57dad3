//! Sorting documents into the input of the annual report ([`govframe_report::ReportInput`]).

use govframe_report::ReportInput;

use crate::Document;

/// Puts `doc` where the annual report looks for documents of its kind; kinds the report does
/// not use are listed in `unused` (id, kind), so that the report can say what it left out.
///
/// ```
/// use govframe_report::ReportInput;
/// let mut input = ReportInput::default();
/// let plan = include_str!("../../../examples/data/demo-plan.json");
/// let doc = govframe_schema::validate::read_str(plan).unwrap();
/// govframe_schema::add_to_report(&mut input, doc);
/// assert_eq!(input.plans.len(), 1);
/// ```
pub fn add_to_report(input: &mut ReportInput, doc: Document) {
    match doc {
        Document::StrategicPlan(d) => input.plans.push(*d),
        Document::ObjectiveSet(d) => input.objective_sets.push(*d),
        Document::PlatformRegistry(d) => input.platform_registries.push(*d),
        Document::Consultation(d) => input.consultations.push(*d),
        Document::ConsensusResult(d) => input.consensus_results.push(*d),
        Document::Contribution(d) => input.contributions.push(*d),
        Document::GovernanceLandscape(d) => input.landscapes.push(*d),
        Document::Dataset(d) => input.datasets.push(*d),
        Document::MonitoringFramework(d) => input.monitoring_frameworks.push(*d),
        Document::CompositeIndex(d) => input.composite_indices.push(*d),
        Document::IndexResult(d) => input.index_results.push(*d),
        Document::SupplyUseTable(d) => input.supply_use_tables.push(*d),
        other => input
            .unused
            .push((other.id().as_str().to_owned(), other.kind().to_owned())),
    }
}
