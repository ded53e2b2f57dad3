//! The bundled ITU aggregates (`itu-ict-aggregates`) and monitoring framework
//! (`itu-connectivity-monitoring`): every observation is sourced, the numbers match a table
//! written independently from the sources, the framework resolves against the bundled plans,
//! and the scorecards give the expected statuses.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use govframe_monitoring::statistics::read_bytes;
use govframe_monitoring::{AssessOptions, Observations, ProgressReport, scorecard};
use govframe_schema::Catalog;
use govframe_schema::validate::read_str;
use govframe_statistics::{AttributeValue, Dataset, ObsValue, Observation};

fn bundled_json(id: &str) -> &'static str {
    govframe_itu::all()
        .iter()
        .find(|b| b.id == id)
        .unwrap_or_else(|| panic!("{id} is not bundled"))
        .json
}

fn column(d: &Dataset, id: &str) -> usize {
    d.attributes
        .iter()
        .position(|a| a.id.as_str() == id)
        .unwrap_or_else(|| panic!("no attribute column {id}"))
}

fn text(o: &Observation, col: usize) -> Option<&str> {
    match o.attributes.get(col) {
        Some(Some(AttributeValue::Text(t))) => Some(t.as_str()),
        _ => None,
    }
}

fn number(o: &Observation) -> f64 {
    match o.values.first() {
        Some(Some(ObsValue::Number(v))) => *v,
        other => panic!("{:?}: not a number: {other:?}", o.key),
    }
}

/// How a number is printed in a quotation (`49`, `53.6`).
fn printed(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

#[test]
fn every_observation_has_a_source_url_and_quotation() {
    let d = govframe_itu::ict_aggregates();
    assert!(d.observations.len() >= 40, "a useful sample");
    let url = column(d, "SOURCE_URL");
    let title = column(d, "SOURCE_TITLE");
    let quote = column(d, "SOURCE_QUOTE");
    let listed: BTreeSet<&str> = d
        .sources
        .iter()
        .filter_map(|s| s.url.as_ref().map(|u| u.as_str()))
        .collect();
    let mut cited = BTreeSet::new();
    for o in &d.observations {
        let u = text(o, url).unwrap_or_else(|| panic!("{:?} has no SOURCE_URL", o.key));
        assert!(
            u.starts_with("https://") || u.starts_with("http://"),
            "{:?}: {u}",
            o.key
        );
        assert!(
            listed.contains(u),
            "{:?}: {u} is not among the dataset's sources",
            o.key
        );
        cited.insert(u);
        assert!(
            text(o, title).is_some_and(|t| !t.is_empty()),
            "{:?} has no SOURCE_TITLE",
            o.key
        );
        // The number was read from this sentence.
        let q = text(o, quote).unwrap_or_else(|| panic!("{:?} has no SOURCE_QUOTE", o.key));
        let n = printed(number(o));
        assert!(q.contains(&n), "{:?}: {n} not in {q:?}", o.key);
    }
    assert_eq!(
        cited.len(),
        listed.len(),
        "every dataset-level source is cited by some observation"
    );
}

#[test]
fn values_are_plausible() {
    let d = govframe_itu::ict_aggregates();
    for o in &d.observations {
        let v = number(o);
        let year: i32 = o.key[2].parse().unwrap();
        assert!((2000..=2025).contains(&year), "{:?}", o.key);
        match o.key[0].as_str() {
            "i99H" | "xHH6" => assert!((0.0..=100.0).contains(&v), "{:?}: {v}", o.key),
            "i911mw" => assert!((0.0..=200.0).contains(&v), "{:?}: {v}", o.key),
            other => panic!("unexpected series {other}"),
        }
    }
}

#[derive(serde::Deserialize)]
struct Check {
    series: String,
    area: String,
    year: i32,
    value: f64,
    source: String,
    quote: String,
    /// Where the year comes from, when the quotation itself does not say it.
    #[serde(default, rename = "yearFrom")]
    year_from: Option<String>,
}

#[test]
fn numbers_match_the_sources() {
    let checks: Vec<Check> = serde_json::from_str(include_str!("aggregates-checks.json")).unwrap();
    let d = govframe_itu::ict_aggregates();
    let url = column(d, "SOURCE_URL");
    let count = |s: &str, a: &str| {
        checks
            .iter()
            .filter(|c| c.series == s && c.area == a)
            .count()
    };
    assert!(
        count("i99H", "WLD") >= 5,
        "a time series of world Internet use"
    );
    assert!(
        count("xHH6", "WLD") >= 3,
        "a time series of world households"
    );
    for c in &checks {
        let year = c.year.to_string();
        let o = d
            .observations
            .iter()
            .find(|o| o.key == [c.series.as_str(), c.area.as_str(), year.as_str()])
            .unwrap_or_else(|| panic!("{} {} {} missing", c.series, c.area, c.year));
        assert_eq!(
            number(o),
            c.value,
            "{:?} (source says {:?})",
            o.key,
            c.quote
        );
        assert_eq!(text(o, url), Some(c.source.as_str()), "{:?}: URL", o.key);
        let n = printed(c.value);
        assert!(
            c.quote.contains(&n),
            "{:?}: {n} not in {:?}",
            o.key,
            c.quote
        );
        assert!(
            c.quote.contains(&year) || c.year_from.as_ref().is_some_and(|y| y.contains(&year)),
            "{:?}: neither the quotation nor yearFrom gives the year",
            o.key
        );
    }
}

#[test]
fn the_framework_resolves_against_the_bundled_plans() {
    let mut catalog = Catalog::new();
    for id in [
        "itu-sp-2016-2019",
        "itu-sp-2020-2023",
        "itu-ict-aggregates",
        "itu-connectivity-monitoring",
    ] {
        catalog
            .add(read_str(bundled_json(id)).unwrap(), format!("{id}.json"))
            .unwrap();
    }
    for (doc, issues) in catalog.documents().zip(catalog.check_references()) {
        assert!(issues.is_empty(), "{}: {issues:#?}", doc.document.id());
    }
    let f = govframe_itu::monitoring_framework();
    let mut targets = 0;
    for ind in &f.indicators {
        assert!(
            ind.sources.iter().any(|s| s.url.is_some()),
            "{}: no source URL",
            ind.id
        );
        for t in &ind.targets {
            // Every target is document-qualified, so the check above covered it.
            assert!(t.document().is_some(), "{t} is not qualified");
            targets += 1;
        }
        for s in &ind.series {
            let ds = s.dataset.as_ref().expect("series name their dataset");
            assert!(catalog.get(ds.local()).is_some(), "{ds} is not bundled");
            let d = govframe_itu::ict_aggregates();
            assert!(
                d.observations.iter().any(|o| o.key[0] == s.code.as_str()),
                "no data for series {}",
                s.code
            );
        }
    }
    assert_eq!(targets, 7);
}

fn data() -> Observations {
    let mut obs = Observations::new();
    read_bytes(
        bundled_json("itu-ict-aggregates").as_bytes(),
        "itu-ict-aggregates.json",
        &mut obs,
    )
    .unwrap();
    obs.finish();
    obs
}

fn status(report: &ProgressReport, target: &str) -> (String, String, Option<String>) {
    let rows: Vec<_> = report
        .targets
        .iter()
        .filter(|t| t.subject.as_str() == target)
        .collect();
    assert_eq!(rows.len(), 1, "{target}: one row per target and method");
    let r = rows[0];
    (
        r.area.as_str().to_owned(),
        r.status.as_str().to_owned(),
        r.reason.map(|x| x.as_str().to_owned()),
    )
}

#[test]
fn scorecard_2016_2019() {
    let plan = govframe_itu::strategic_plan_2016_2019();
    let r = scorecard(
        plan,
        govframe_itu::monitoring_framework(),
        &data(),
        None,
        &AssessOptions::default(),
    );
    let p = "itu-sp-2016-2019#";
    // The ITU Council 2019 snapshot says target 1.1 was achieved (57.8 % in 2018 > 55 %).
    assert_eq!(
        status(&r, &format!("{p}target-1.1")),
        ("WLD".into(), "targetAchieved".into(), None)
    );
    let a = r
        .assessments
        .iter()
        .find(|a| a.series.as_str() == "xHH6" && a.area.as_str() == "WLD")
        .unwrap();
    assert_eq!(a.inputs.base_year, Some(2015));
    assert_eq!(a.inputs.base_value, Some(49.0));
    assert_eq!(a.inputs.latest_year, Some(2018));
    assert_eq!(a.inputs.latest_value, Some(57.8));
    assert_eq!(a.inputs.target_value, Some(55.0));
    assert_eq!(a.inputs.target_year, Some(2020));
    // 68 % of individuals online in 2024 (Facts and Figures 2024) > 60 %.
    assert_eq!(status(&r, &format!("{p}target-1.2")).1, "targetAchieved");
    // Developing countries: households 37.8 % (2015) to 42.9 % (2017), 50 % wanted by 2020.
    assert_eq!(
        status(&r, &format!("{p}target-2.1.A")),
        (
            "developingCountries".into(),
            "substantialProgress".into(),
            None
        )
    );
    // LDC households 10.5 % (2015) to 12.9 % (2016), 15 % wanted by 2020.
    assert_eq!(
        status(&r, &format!("{p}target-2.1.B")),
        ("LDC".into(), "substantialProgress".into(), None)
    );
    // Developing countries: individuals 40 % (2016, first year from the 2015 base) to 44 %
    // (2019): too slow for 50 % by 2020.
    assert_eq!(status(&r, &format!("{p}target-2.2.A")).1, "limitedProgress");
    // LDC individuals 35 % in 2024 > 20 %.
    assert_eq!(
        status(&r, &format!("{p}target-2.2.B")),
        ("LDC".into(), "targetAchieved".into(), None)
    );
    // Targets no bundled series measures are listed, not assessed.
    for t in [
        "target-1.3",
        "target-2.3.A",
        "target-2.3.B",
        "target-2.4",
        "target-3.1",
        "target-3.2",
        "target-3.3",
    ] {
        let (_, s, reason) = status(&r, &format!("{p}{t}"));
        assert_eq!(
            (s.as_str(), reason.as_deref()),
            ("notAssessed", Some("noIndicator")),
            "{t}"
        );
    }
}

#[test]
fn scorecard_2020_2023() {
    let plan = govframe_itu::strategic_plan_2020_2023();
    let r = scorecard(
        plan,
        govframe_itu::monitoring_framework(),
        &data(),
        None,
        &AssessOptions::default(),
    );
    // 42.9 % of households in developing countries in 2017; 60 % wanted by 2023.
    assert_eq!(
        status(&r, "itu-sp-2020-2023#target-2.1"),
        (
            "developingCountries".into(),
            "substantialProgress".into(),
            None
        )
    );
    let a = r
        .assessments
        .iter()
        .find(|a| a.target.as_ref().map(|t| t.as_str()) == Some("itu-sp-2020-2023#target-2.1"))
        .unwrap();
    assert_eq!(a.inputs.target_value, Some(60.0));
    assert_eq!(a.inputs.target_year, Some(2023));
    assert_eq!(a.inputs.latest_value, Some(42.9));
}

#[test]
fn the_accessors_match_the_bundled_text() {
    let d: Dataset = serde_json::from_str(bundled_json("itu-ict-aggregates")).unwrap();
    assert_eq!(&d, govframe_itu::ict_aggregates());
    let f: govframe_monitoring::MonitoringFramework =
        serde_json::from_str(bundled_json("itu-connectivity-monitoring")).unwrap();
    assert_eq!(&f, govframe_itu::monitoring_framework());
    let b = govframe_itu::all()
        .iter()
        .find(|b| b.id == "itu-ict-aggregates")
        .unwrap();
    assert_eq!(
        (b.kind, b.file_name),
        ("dataset", "itu-ict-aggregates.json")
    );
    let b = govframe_itu::all()
        .iter()
        .find(|b| b.id == "itu-connectivity-monitoring")
        .unwrap();
    assert_eq!(
        (b.kind, b.file_name),
        ("monitoringFramework", "itu-monitoring.json")
    );
}
