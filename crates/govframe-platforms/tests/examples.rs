//! The demo documents in `examples/data` read, validate without issues, and give the
//! outcomes their descriptions promise.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use govframe_core::Validate;
use govframe_platforms::*;

fn read<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn demo_platforms() {
    let reg: PlatformRegistry = read("demo-platforms.json");
    assert!(reg.validate().is_empty(), "{:?}", reg.validate());
    for p in [
        "regulators-symposium",
        "ministerial-forum",
        "statistics-symposium",
    ] {
        assert!(reg.platform(p).is_some(), "{p}");
    }
    assert_eq!(reg.editions().count(), 5);
}

#[test]
fn demo_consultation() {
    let c: Consultation = read("demo-consultation.json");
    assert!(c.validate().is_empty(), "{:?}", c.validate());
    let r = decide(&c);
    let fin: Vec<Option<DecisionOutcome>> = r.proposals.iter().map(|p| p.final_outcome).collect();
    use DecisionOutcome::*;
    assert_eq!(
        fin,
        vec![
            Some(Adopted),
            Some(Adopted),
            Some(Withdrawn),
            Some(NoConsensus)
        ]
    );
    let p2 = &r.proposals[1];
    assert_eq!(p2.rounds[0].outcome, NoConsensus);
    assert_eq!(p2.rounds[0].non_blocking_objections.len(), 1);
    assert_eq!(p2.trend.direction, TrendDirection::Rising);
    assert_eq!(r.members, 5);
    // Round 2 has an attendance list: five Member States present.
    assert_eq!(r.proposals[3].rounds[1].counts.present, 5);
}

#[test]
fn demo_contribution() {
    let c: Contribution = read("demo-contribution.json");
    assert!(c.validate().is_empty(), "{:?}", c.validate());
    assert_eq!(c.proposals[2].marker.symbol(), "MOD");
}

#[test]
fn demo_landscape() {
    let l: GovernanceLandscape = read("demo-landscape.json");
    assert!(l.validate().is_empty(), "{:?}", l.validate());
    let a = analyze(&l, None);
    assert!(a.validate().is_empty());
    assert_eq!(a.countries, 10);
    let ai = a
        .themes
        .iter()
        .find(|t| t.theme == Theme::AiGovernance)
        .unwrap();
    // DDU (through its AI principles), the industry code (no country parties) and the dialogue.
    assert_eq!(ai.mechanisms.len(), 3);
    assert_eq!(ai.pairs, 1);
    let xaj = a
        .matrix
        .rows
        .iter()
        .find(|r| r.country.as_str() == "XAJ")
        .unwrap();
    assert!(xaj.mechanisms.iter().all(|&c| c == 0));
}

#[cfg(feature = "ical")]
#[test]
fn demo_calendar() {
    let reg: PlatformRegistry = read("demo-platforms.json");
    let ics = calendar::to_ics(&reg, "en");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 5);
    assert!(ics.contains("UID:statistics-symposium-2026@demo-platforms.govframe\r\n"));
    // A one-day edition ends (exclusively) the next day.
    let event = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("SUMMARY:DSDS-26"))
        .unwrap();
    assert!(event.contains("DTSTART;VALUE=DATE:20261124\r\n"), "{event}");
    assert!(event.contains("DTEND;VALUE=DATE:20261125\r\n"), "{event}");
    assert!(ics.contains("DTSTAMP:20260115T000000Z\r\n"));
}
