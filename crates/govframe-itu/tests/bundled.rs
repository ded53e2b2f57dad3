//! Every bundled document passes all three validation levels, every fact carries a source
//! with a URL, and target numbers match a table written independently from the sources.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::Source;
use govframe_schema::validate::validate_str;

#[test]
fn every_bundled_document_is_valid_at_every_level() {
    for b in govframe_itu::all() {
        let report = validate_str(b.json, b.file_name).report;
        assert!(report.valid, "{}: {:#?}", b.file_name, report.issues);
        assert_eq!(report.checked_kind.as_deref(), Some(b.kind));
        assert_eq!(report.document_id.as_deref(), Some(b.id));
    }
}

fn has_url(sources: &[Source]) -> bool {
    sources.iter().any(|s| {
        s.url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://") || u.starts_with("http://"))
    })
}

#[test]
fn every_fact_has_a_source_with_a_url() {
    let plans = [
        govframe_itu::strategic_plan_2016_2019(),
        govframe_itu::strategic_plan_2020_2023(),
        govframe_itu::strategic_plan_2024_2027(),
    ];
    let mut missing = Vec::new();
    for p in plans {
        assert!(
            has_url(&p.sources),
            "{}: the plan itself has no source",
            p.id
        );
        for g in &p.goals {
            if !has_url(&g.sources) {
                missing.push(format!("{}#{}", p.id, g.id));
            }
        }
        for t in &p.targets {
            if !has_url(&t.sources) {
                missing.push(format!("{}#{}", p.id, t.id));
            }
        }
        for o in &p.objectives {
            if !has_url(&o.sources) {
                missing.push(format!("{}#{}", p.id, o.id));
            }
            for x in &o.outcomes {
                if !has_url(&x.sources) {
                    missing.push(format!("{}#{}", p.id, x.id));
                }
            }
        }
        for x in &p.thematic_priorities {
            if !has_url(&x.sources) {
                missing.push(format!("{}#{}", p.id, x.id));
            }
        }
        for x in &p.enablers {
            if !has_url(&x.sources) {
                missing.push(format!("{}#{}", p.id, x.id));
            }
        }
        assert!(
            !p.notes.is_empty(),
            "{}: notes must say what is missing",
            p.id
        );
    }
    assert!(
        missing.is_empty(),
        "facts without a source URL: {missing:?}"
    );
}

#[derive(serde::Deserialize)]
struct Check {
    plan: String,
    target: String,
    value: f64,
    unit: String,
    year: i32,
    scope: String,
    source: String,
    quote: String,
}

#[test]
fn target_numbers_match_the_sources() {
    let checks: Vec<Check> = serde_json::from_str(include_str!("target-checks.json")).unwrap();
    let count = |plan: &str| checks.iter().filter(|c| c.plan == plan).count();
    assert!(count("itu-sp-2016-2019") + count("itu-sp-2020-2023") >= 10);
    assert!(count("itu-sp-2016-2019") > 0 && count("itu-sp-2020-2023") > 0);
    for c in &checks {
        let plan = match c.plan.as_str() {
            "itu-sp-2016-2019" => govframe_itu::strategic_plan_2016_2019(),
            "itu-sp-2020-2023" => govframe_itu::strategic_plan_2020_2023(),
            "itu-sp-2024-2027" => govframe_itu::strategic_plan_2024_2027(),
            other => panic!("unknown plan {other}"),
        };
        let t = plan
            .targets
            .iter()
            .find(|t| t.id.as_str() == c.target)
            .unwrap_or_else(|| panic!("{}#{} missing", c.plan, c.target));
        let q = t
            .quantity
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no quantity", c.target));
        assert_eq!(
            q.value, c.value,
            "{}: value (source says {:?})",
            c.target, c.quote
        );
        assert_eq!(q.year, c.year, "{}: deadline", c.target);
        assert_eq!(q.unit.as_str(), c.unit, "{}: unit", c.target);
        assert_eq!(q.scope.as_str(), c.scope, "{}: scope", c.target);
        assert!(
            t.sources
                .iter()
                .any(|s| s.url.as_deref() == Some(c.source.as_str())),
            "{}: cites {}",
            c.target,
            c.source
        );
        // The number is in the quotation it was read from.
        let n = if c.value.fract() == 0.0 {
            format!("{}", c.value as i64)
        } else {
            c.value.to_string()
        };
        assert!(
            c.quote.contains(&n),
            "{}: {n} not in {:?}",
            c.target,
            c.quote
        );
        assert!(
            c.quote.contains(&c.year.to_string()) || c.quote.to_lowercase().contains("by 20"),
            "{}: year not in quote",
            c.target
        );
    }
}

#[test]
fn accessors_return_the_bundled_documents() {
    assert_eq!(
        govframe_itu::strategic_plan_2020_2023().period.start_year(),
        2020
    );
    assert_eq!(
        govframe_itu::strategic_plan_2024_2027().period.end_year(),
        2027
    );
    assert_eq!(govframe_itu::all().len(), 5);
    assert_eq!(govframe_itu::idi_2023().id.as_str(), "itu-idi-2023");
    assert_eq!(govframe_itu::idi_2010().id.as_str(), "itu-idi-2010");
}
