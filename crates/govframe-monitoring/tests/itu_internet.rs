//! Real data: ITU "individuals using the Internet" (series i99H, ITU DataHub export in
//! ../shared/data/itu-ict), every country against 100 % by 2030 with each method.
//!
//! The expected counts were computed independently by `tests/crosscheck_itu_internet.py`
//! (Python, standard library, following the documented rules); run it to see them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::type_complexity)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use govframe_core::quantity::Direction;
use govframe_core::{LocalizedText, Unit, Validate};
use govframe_monitoring::{
    AreaGroups, AreaType, AssessOptions, MethodKind, MonitoringFramework, MonitoringIndicator,
    Observations, ProgressReport, SeriesBinding, assess, data, statistics,
};

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"))
}

fn internet_file() -> PathBuf {
    shared().join("itu-ict/itu-datahub-individuals-using-the-internet.csv")
}

fn groups() -> AreaGroups {
    let path = shared().join("country-codes/datasets-country-codes.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    AreaGroups::from_country_codes_csv(&text, &path.display().to_string()).unwrap()
}

fn framework() -> MonitoringFramework {
    let mut f = MonitoringFramework::new(
        "itu-internet-2030".parse().unwrap(),
        LocalizedText::en("Individuals using the Internet: 100 % by 2030"),
    );
    let mut i = MonitoringIndicator::new(
        "internet-use".parse().unwrap(),
        LocalizedText::en("Individuals using the Internet"),
        Unit::Percent,
        Direction::Increase,
    );
    i.target_value = Some(100.0);
    i.target_year = Some(2030);
    i.natural_limit = Some(100.0);
    i.series.push(SeriesBinding::new("i99H".parse().unwrap()));
    f.indicators.push(i);
    f
}

fn run(obs: &Observations, groups: &AreaGroups) -> ProgressReport {
    let options = AssessOptions {
        methods: MethodKind::ALL.to_vec(),
        ..AssessOptions::default()
    };
    assess(&framework(), &[], obs, Some(groups), &options)
}

fn country_counts(report: &ProgressReport) -> BTreeMap<(MethodKind, String), u32> {
    let mut out = BTreeMap::new();
    for a in &report.assessments {
        if a.area_type == AreaType::Country {
            *out.entry((a.method, a.status.as_str().to_owned()))
                .or_default() += 1;
        }
    }
    out
}

#[test]
fn every_country_against_100_percent_by_2030() {
    let mut obs = Observations::new();
    let (read, skipped) = statistics::read_file(&internet_file(), &mut obs).unwrap();
    assert_eq!(read.rows, 4906);
    assert_eq!(skipped, 0);
    let groups = groups();
    let report = run(&obs, &groups);
    assert!(report.validate().is_empty(), "{:?}", report.validate());

    let counts = country_counts(&report);
    let expected: &[(MethodKind, &[(&str, u32)])] = &[
        (
            MethodKind::UnsdCagr,
            &[
                ("fairProgress", 49),
                ("notAssessed", 3),
                ("onTrack", 155),
                ("stagnationOrRegression", 6),
                ("targetMet", 11),
            ],
        ),
        (
            MethodKind::OpenSdg,
            &[
                ("deterioration", 2),
                ("limitedProgress", 12),
                ("moderateProgress", 37),
                ("notAssessed", 13),
                ("substantialProgress", 157),
                ("targetAchieved", 3),
            ],
        ),
        (
            MethodKind::Escap,
            &[
                ("accelerate", 59),
                ("insufficientData", 2),
                ("maintain", 160),
                ("notAssessed", 1),
                ("reverse", 2),
            ],
        ),
    ];
    for (method, want) in expected {
        let got: Vec<(&str, u32)> = counts
            .iter()
            .filter(|((m, _), _)| m == method)
            .map(|((_, s), n)| (s.as_str(), *n))
            .collect();
        assert_eq!(&got, want, "{method}");
        assert_eq!(want.iter().map(|w| w.1).sum::<u32>(), 224, "{method}");
    }
    // Not assessed always says why, and nothing non-finite reached the report.
    for a in &report.assessments {
        assert_eq!(a.status.is_assessed(), a.reason.is_none(), "{a:?}");
    }
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("NaN") && !json.contains("inf"));

    // Groups: the world, M49 regions, LDC, LLDC and SIDS are assessed from their members.
    for g in ["WLD", "LDC", "LLDC", "SIDS", "M49-002"] {
        let a = report
            .assessments
            .iter()
            .find(|a| a.area.as_str() == g && a.method == MethodKind::OpenSdg)
            .unwrap_or_else(|| panic!("{g}"));
        assert_eq!(a.area_type, AreaType::Group);
        assert!(a.status.is_assessed(), "{g}: {a:?}");
    }
    let table = report.to_table();
    assert!(table.contains("Counts"));
    let csv = report.to_csv();
    assert_eq!(csv.lines().count(), report.assessments.len() + 1);
}

#[test]
fn the_small_reader_agrees_with_govframe_statistics() {
    let mut a = Observations::new();
    statistics::read_file(&internet_file(), &mut a).unwrap();
    let text = std::fs::read_to_string(internet_file()).unwrap();
    let mut b = Observations::new();
    assert_eq!(
        data::read_itu_datahub(&text, "internet.csv", &mut b).unwrap(),
        4906
    );
    b.finish();
    let groups = groups();
    assert_eq!(
        serde_json::to_string(&run(&a, &groups)).unwrap(),
        serde_json::to_string(&run(&b, &groups)).unwrap()
    );
}
