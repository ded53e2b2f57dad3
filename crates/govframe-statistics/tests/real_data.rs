//! The real files of ../shared/data (see its MANIFEST.md): every SDMX-CSV and SDMX-JSON
//! sample, the ITU DataHub exports and the WDI files. Counts were checked independently with
//! Python's csv and json modules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};

use govframe_statistics::data::{DataCube, MeasureValue, Row};
use govframe_statistics::io::{
    AreaClassifier, Format, ReadOptions, ReadReport, read_format, sdmx_csv, sdmx_json, tabular,
};
use govframe_statistics::{Action, Problem, StructureKind, describe};

fn data_dir() -> PathBuf {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data"));
    assert!(
        dir.join("MANIFEST.md").is_file(),
        "the shared test data are expected at {} (the folder `shared` beside the repository)",
        dir.display()
    );
    dir.to_path_buf()
}

fn read(format: Format, rel: &str, options: &ReadOptions) -> (DataCube, ReadReport) {
    let path = data_dir().join(rel);
    let file = File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    DataCube::read_with(|sink| {
        read_format(format, std::io::BufReader::new(file), rel, options, sink)
    })
    .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn classifier() -> AreaClassifier {
    let path = data_dir().join("country-codes/datasets-country-codes.csv");
    AreaClassifier::from_csv(File::open(path).unwrap(), "country-codes.csv").unwrap()
}

/// Writes `cube` with each `labels` option and reads it back: the same data set, and with
/// `labels=name|both` the same value names. Returns how many named values came back.
fn round_trip(cube: &DataCube, name: &str) -> usize {
    let mut named = 0;
    for labels in [
        sdmx_csv::Labels::Id,
        sdmx_csv::Labels::Name,
        sdmx_csv::Labels::Both,
    ] {
        let mut out = Vec::new();
        let options = sdmx_csv::WriteOptions {
            labels,
            ..sdmx_csv::WriteOptions::default()
        };
        cube.write_to(&mut sdmx_csv::Writer::new(&mut out, name, options))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        // labels=both writes a coded value `ID: Name` and free text as it is, so text such as
        // `SOURCE: OSB/MOT` (in the ITU files) reads back whole only when the reader knows
        // which attributes are coded: here from a structure with no coded attribute.
        let read_options = if labels == sdmx_csv::Labels::Both {
            let mut dsd = govframe_statistics::DataStructure::from_layout(
                "s".parse().unwrap(),
                govframe_core::LocalizedText::en("s"),
                cube.layout(),
            );
            for (i, m) in dsd.measures.iter_mut().enumerate() {
                if cube.is_text_measure(i) {
                    m.text_type = Some(govframe_statistics::TextType::String);
                }
            }
            ReadOptions {
                structure: Some(dsd),
                ..ReadOptions::default()
            }
        } else {
            ReadOptions::default()
        };
        let again = DataCube::read(|s| sdmx_csv::read(out.as_slice(), name, &read_options, s))
            .unwrap_or_else(|e| panic!("{name} read back: {e}\n{}", String::from_utf8_lossy(&out)));
        assert!(
            *cube == again,
            "{name} ({labels:?}): not equal after a round trip\n{}",
            String::from_utf8_lossy(&out)
        );
        if labels == sdmx_csv::Labels::Id {
            continue;
        }
        let time = cube.layout().time_dimension;
        for r in 0..cube.len() {
            let row = cube.row(r);
            for i in (0..cube.layout().dimensions.len()).filter(|i| Some(*i) != time) {
                let v = row.dimension(i);
                named += usize::from(cube.label(i, v).is_some());
                assert_eq!(
                    cube.label(i, v),
                    again.label(i, v),
                    "{name} ({labels:?}): the name of {v} changed\n{}",
                    String::from_utf8_lossy(&out)
                );
            }
        }
    }
    named
}

/// (file, data rows) for every SDMX-CSV sample.
const SDMX_CSV: &[(&str, usize)] = &[
    ("1.0/v1.0-example-1.csv", 2),
    ("1.0/v1.0-example-2.csv", 2),
    ("1.0/v1.0-example-3.csv", 2),
    ("2.0.0/v2.0.0-example-1.csv", 2),
    ("2.0.0/v2.0.0-example-2.csv", 2),
    ("2.0.0/v2.0.0-example-3.csv", 2),
    ("2.0.0/v2.0.0-example-4.csv", 2),
    ("2.0.0/v2.0.0-example-5.csv", 2),
    ("2.0.0/v2.0.0-example-6.csv", 2),
    ("2.0.0/v2.0.0-example-7.csv", 2),
    ("2.0.0/v2.0.0-example-8.csv", 2),
    ("2.0.0/v2.0.0-example-9-A.csv", 3),
    ("2.0.0/v2.0.0-example-9-B.csv", 3),
    ("2.0.0/v2.0.0-example-10.csv", 2),
    ("2.0.0/v2.0.0-example-11.csv", 2),
    ("2.0.0/v2.0.0-example-12.csv", 2),
    ("2.0.0/v2.0.0-example-13.csv", 2),
    ("2.0.0/v2.0.0-example-14.csv", 2),
    ("2.0.0/v2.0.0-example-15.csv", 2),
    ("2.0.0/v2.0.0-example-16.csv", 2),
    ("2.0.0/v2.0.0-example-17.csv", 2),
    ("2.0.0/v2.0.0-example-18.csv", 2),
    ("2.0.0/v2.0.0-example-19.csv", 1),
    ("2.0.0/v2.0.0-example-19-2.csv", 1),
];

#[test]
fn every_sdmx_csv_sample_reads_and_round_trips() {
    let dir = data_dir().join("sdmx-csv");
    let mut seen = 0;
    let mut named = 0;
    for version in ["1.0", "2.0.0", "2.1.0"] {
        for entry in std::fs::read_dir(dir.join(version)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let key = format!("{version}/{name}").replace("2.1.0/v2.1.0", "2.0.0/v2.0.0");
            let expected = SDMX_CSV
                .iter()
                .find(|(f, _)| *f == key)
                .unwrap_or_else(|| panic!("no expected count for {key}"))
                .1;
            let (cube, report) = read(
                Format::SdmxCsv,
                &format!("sdmx-csv/{version}/{name}"),
                &ReadOptions::default(),
            );
            assert_eq!(cube.len(), expected, "{name}");
            assert_eq!(report.rows as usize, expected, "{name}");
            named += round_trip(&cube, &name);
            seen += 1;
        }
    }
    assert_eq!(seen, 3 + 21 + 21);
    // The labels=name and labels=both samples (2.0.0 and 2.1.0 examples 4, 5 and 6) have
    // value names, and they survive both label options.
    assert!(named >= 3 * 2 * 2, "only {named} named values compared");
}

#[test]
fn sdmx_csv_details() {
    let opts = ReadOptions::default();
    // 2.1 uses M (merge).
    let (c, _) = read(
        Format::SdmxCsv,
        "sdmx-csv/2.1.0/v2.1.0-example-1.csv",
        &opts,
    );
    assert_eq!(c.row(0).action(), Action::Merge);
    assert_eq!(
        c.row(0).structure(),
        Some((StructureKind::Dataflow, "ESTAT:NA_MAIN(1.6.0)"))
    );
    // labels=both, `;` and decimal comma, `STRUCTURE[|]`.
    let (c, _) = read(
        Format::SdmxCsv,
        "sdmx-csv/2.0.0/v2.0.0-example-4.csv",
        &opts,
    );
    let l = c.layout();
    assert_eq!(
        l.dimensions.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        ["DIM_1", "DIM_2", "DIM_3"]
    );
    assert_eq!(c.dimension(0, 0), "A");
    assert_eq!(c.label(0, "A"), Some("Value A"));
    assert_eq!(c.dimension(1, 2), "2014-02");
    assert_eq!(c.measure(0, 0), MeasureValue::Number(12.4));
    assert_eq!(c.measure(1, 0), MeasureValue::Number(10.8));
    assert_eq!(l.sub_separator, '|');
    assert_eq!(c.attribute(0, l.attribute("ATTR_2").unwrap()), "Y");
    assert_eq!(
        c.attribute(0, l.attribute("ATTR_3").unwrap()),
        "Normal, special and other values"
    );
    assert_eq!(
        c.row(0).structure(),
        Some((StructureKind::Dataflow, "ESTAT:NA_MAIN(1.6.0)"))
    );
    // SDMX-CSV 1.0 with `;`, decimal comma and French labels.
    let (c, _) = read(Format::SdmxCsv, "sdmx-csv/1.0/v1.0-example-2.csv", &opts);
    assert_eq!(c.measure(0, 0), MeasureValue::Number(12.4));
    assert_eq!(c.attribute(0, c.layout().attribute("ATTR_1").unwrap()), "N");
    assert_eq!(
        c.row(0).structure(),
        Some((StructureKind::Dataflow, "ESTAT:NA_MAIN(1.6)"))
    );
    // labels=name: name columns become labels.
    let (c, _) = read(
        Format::SdmxCsv,
        "sdmx-csv/2.0.0/v2.0.0-example-6.csv",
        &opts,
    );
    assert_eq!(c.layout().dimensions.len(), 3);
    assert_eq!(c.layout().attributes.len(), 3);
    assert_eq!(c.label(1, "B"), Some("Value B"));
    // Multi-valued attributes and two measures, columns in any order.
    let (c, _) = read(
        Format::SdmxCsv,
        "sdmx-csv/2.0.0/v2.0.0-example-2.csv",
        &opts,
    );
    assert_eq!(c.layout().measures.len(), 2);
    assert_eq!(c.measure(1, 1), MeasureValue::Number(10.9));
    let a = c.layout().attribute("ATTR_1").unwrap();
    assert_eq!(
        govframe_statistics::data::split_values(c.attribute(1, a), ';'),
        ["X", "Z"]
    );
    // A quoted field over two lines; the next record starts on line 4.
    let (c, _) = read(
        Format::SdmxCsv,
        "sdmx-csv/2.0.0/v2.0.0-example-15.csv",
        &opts,
    );
    assert_eq!(
        c.attribute(0, 0),
        "<p>This is some \"xhtml\" with a line\r\nbreak</p>"
    );
    assert_eq!((c.line(0), c.line(1)), (2, 4));
    // Delete rows: `-` marks values to delete, empty dimensions are wildcards.
    let (c, _) = read(
        Format::SdmxCsv,
        "sdmx-csv/2.0.0/v2.0.0-example-16.csv",
        &opts,
    );
    assert_eq!(c.row(0).action(), Action::Delete);
    assert_eq!(c.measure(0, 0), MeasureValue::Dash);
    let (c, _) = read(
        Format::SdmxCsv,
        "sdmx-csv/2.0.0/v2.0.0-example-17.csv",
        &opts,
    );
    assert_eq!(c.dimension(0, 0), "");
    // Placeholder (text) measures are read as text, with a warning.
    let (c, report) = read(
        Format::SdmxCsv,
        "sdmx-csv/2.0.0/v2.0.0-example-9-B.csv",
        &opts,
    );
    assert_eq!(c.measure(0, 0), MeasureValue::Text("MEASVAL_A1B1C1"));
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.rule == "statistics.read.text-measure")
    );
    // A trailing separator the header does not have.
    let (_, report) = read(
        Format::SdmxCsv,
        "sdmx-csv/2.0.0/v2.0.0-example-18.csv",
        &opts,
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.rule == "statistics.read.trailing-separator")
    );
    // Mixed dataflow / datastructure / dataprovision rows.
    let (c, _) = read(
        Format::SdmxCsv,
        "sdmx-csv/2.0.0/v2.0.0-example-9-A.csv",
        &opts,
    );
    let kinds: Vec<StructureKind> = (0..3).map(|r| c.row(r).structure().unwrap().0).collect();
    assert_eq!(
        kinds,
        [
            StructureKind::Dataflow,
            StructureKind::DataStructure,
            StructureKind::DataProvision
        ]
    );
}

/// (file, observations, series) for every readable SDMX-JSON sample.
const SDMX_JSON: &[(&str, usize, usize)] = &[
    ("1.0/agri.json", 8, 2),
    ("1.0/exr-action-delete.json", 3, 2),
    ("1.0/exr-cross-section.json", 4, 2),
    ("2.0.0/agri.json", 12, 3),
    ("2.0.0/constructed-sample-full.json", 20, 2),
    ("2.0.0/exr-action-delete.json", 3, 2),
    ("2.0.0/exr-cross-section.json", 4, 2),
    ("2.0.0/exr-flat.json", 4, 2),
    ("2.0.0/exr-time-series.json", 4, 2),
    ("2.1.0/agri.json", 12, 3),
    ("2.1.0/constructed-sample-full.json", 20, 2),
    ("2.1.0/exr-action-delete.json", 3, 2),
    ("2.1.0/exr-cross-section.json", 4, 2),
    ("2.1.0/exr-flat.json", 4, 2),
    ("2.1.0/exr-time-series.json", 4, 2),
];

#[test]
fn every_sdmx_json_sample_reads_or_says_why_not() {
    for (file, obs, series) in SDMX_JSON {
        let (cube, report) = read(
            Format::SdmxJson,
            &format!("sdmx-json/{file}"),
            &ReadOptions::default(),
        );
        assert_eq!(cube.len(), *obs, "{file}");
        assert_eq!(report.rows as usize, *obs, "{file}");
        assert_eq!(cube.index().len(), *series, "{file}");
        assert_eq!(
            cube.layout().time_id().map(|t| t.as_str()),
            Some("TIME_PERIOD"),
            "{file}"
        );
        round_trip(&cube, file);
    }
    for file in ["1.0/exr-flat.json", "1.0/exr-time-series.json"] {
        let path = data_dir().join("sdmx-json").join(file);
        let err =
            DataCube::read(|s| sdmx_json::read(File::open(&path).unwrap(), file, s)).unwrap_err();
        match err.problem() {
            Some(Problem::UnsupportedLayout(m)) => assert!(m.contains("pre-1.0"), "{m}"),
            other => panic!("{file}: {other:?}"),
        }
        assert!(err.to_string().contains("unsupported layout"), "{err}");
    }
}

#[test]
fn sdmx_json_decoding() {
    let opts = ReadOptions::default();
    // Series layout: dataset-level dimensions, series attribute, observation attribute.
    let (c, _) = read(
        Format::SdmxJson,
        "sdmx-json/2.1.0/exr-time-series.json",
        &opts,
    );
    let l = c.layout();
    let keys: Vec<&str> = l.dimensions.iter().map(|d| d.as_str()).collect();
    assert_eq!(
        keys,
        [
            "FREQ",
            "CURRENCY",
            "CURRENCY_DENOM",
            "EXR_TYPE",
            "EXR_SUFFIX",
            "TIME_PERIOD"
        ]
    );
    let index = c.index();
    let nzd = index.find(&c, &["D", "NZD", "EUR", "SP00", "A"]).unwrap();
    let rows = index.series(nzd).rows();
    assert_eq!(rows.len(), 2);
    let first = rows[0] as usize;
    assert_eq!(c.time(first), Some("2013-01-18"));
    assert_eq!(c.measure(first, 0), MeasureValue::Number(1.5931));
    assert_eq!(
        c.attribute(first, l.attribute("TIME_FORMAT").unwrap()),
        "P1D"
    );
    assert_eq!(
        c.attribute(first, l.attribute("TITLE").unwrap()),
        "New Zealand dollar (NZD)"
    );
    assert_eq!(c.attribute(first, l.attribute("OBS_STATUS").unwrap()), "A");
    assert_eq!(c.row(first).action(), Action::Merge);
    assert_eq!(
        c.row(first).structure(),
        Some((StructureKind::Dataflow, "ECB:EXR(1.0)"))
    );
    // Flat layout gives the same observations.
    let (flat, _) = read(Format::SdmxJson, "sdmx-json/2.1.0/exr-flat.json", &opts);
    let values = |c: &DataCube| -> BTreeSet<String> {
        (0..c.len())
            .map(|r| {
                format!(
                    "{:?} {:?} {:?}",
                    c.dimension(r, 1),
                    c.time(r),
                    c.measure(r, 0)
                )
            })
            .collect()
    };
    assert_eq!(values(&c), values(&flat));
    // Group attributes: multi-valued and multilingual values; the default of OBS_STATUS.
    let (agri, _) = read(Format::SdmxJson, "sdmx-json/2.0.0/agri.json", &opts);
    let l = agri.layout();
    let source = l.attribute("SOURCE").unwrap();
    let comment = l.attribute("SERIES_COMMENT").unwrap();
    let status = l.attribute("OBS_STATUS").unwrap();
    let row_2015 = (0..agri.len())
        .find(|&r| agri.time(r) == Some("2015") && agri.dimension(r, 0) == "ASIKHM001")
        .unwrap();
    assert_eq!(
        govframe_statistics::data::split_values(agri.attribute(row_2015, source), ';'),
        ["MAFF_Agricultural Statistics_2015", "Other sources"]
    );
    assert!(
        agri.attribute(row_2015, comment)
            .starts_with("en:Comment for Annual data for Banteay Meanchey;km:")
    );
    assert_eq!(agri.attribute(row_2015, status), "A");
    assert_eq!(agri.measure(row_2015, 0), MeasureValue::Number(389.385));
    // Several data sets, including one without measure values (detail=nodata).
    let (full, report) = read(
        Format::SdmxJson,
        "sdmx-json/2.1.0/constructed-sample-full.json",
        &opts,
    );
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.rule == "statistics.read.no-measure-values")
    );
    let unit = full.layout().attribute("UNIT_MEAS").unwrap();
    // Data sets 0, 1 and 4 carry dimensionGroupAttributes ("0::0::0:" and "0::0::1:").
    assert_eq!(
        (0..full.len())
            .filter(|&r| full.attribute(r, unit) == "NC")
            .count(),
        12
    );
    let embargo = full.layout().attribute("EMBARGO_TIME").unwrap();
    assert_eq!(full.attribute(0, embargo), "2013-03-18T11:00:00");
    let present = (0..full.len())
        .filter(|&r| matches!(full.measure(r, 0), MeasureValue::Number(_)))
        .count();
    assert_eq!(present, 12); // 3 data sets × 4 observations carry values
}

/// (file, rows, series, areas, indicators, years, unknown areas, missing periods, series
/// with gaps).
type ItuCase = (
    &'static str,
    usize,
    usize,
    usize,
    usize,
    usize,
    &'static [&'static str],
    usize,
    usize,
);
const ITU: &[ItuCase] = &[
    (
        "itu-datahub-individuals-using-the-internet.csv",
        4906,
        228,
        228,
        1,
        25,
        &["AAA", "ASC", "GBJ", "KSO"],
        125,
        40,
    ),
    (
        "itu-datahub-active-mobile-broadband-subscriptions.csv",
        5954,
        440,
        221,
        2,
        22,
        &["ANT", "ASC"],
        231,
        113,
    ),
    (
        "itu-datahub-fixed-broadband-subscriptions.csv",
        8513,
        438,
        219,
        2,
        24,
        &["ASC"],
        320,
        128,
    ),
];

#[test]
fn itu_datahub_exports() {
    let options = ReadOptions {
        areas: Some(classifier()),
        ..ReadOptions::default()
    };
    for &(file, rows, series, areas, indicators, years, unknown, missing, with_gaps) in ITU {
        let (cube, report) = read(Format::ItuDatahub, &format!("itu-ict/{file}"), &options);
        assert_eq!(cube.len(), rows, "{file}");
        let l = cube.layout();
        assert_eq!(
            l.dimensions.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
            ["INDICATOR", "REF_AREA", "TIME_PERIOD"]
        );
        assert_eq!(cube.index().len(), series, "{file}");
        assert_eq!(cube.dimension_values(1).len(), areas, "{file}");
        assert_eq!(cube.dimension_values(0).len(), indicators, "{file}");
        let area_report = report.areas.as_ref().unwrap();
        assert_eq!(area_report.areas, areas);
        assert_eq!(area_report.countries, areas - unknown.len(), "{file}");
        assert!(area_report.aggregates.is_empty());
        let unknown_codes: Vec<&str> = area_report
            .unknown
            .iter()
            .map(|a| a.code.as_str())
            .collect();
        assert_eq!(unknown_codes, unknown, "{file}");
        let summary = describe(&cube, None, options.areas.as_ref());
        assert_eq!(summary.years.len(), years, "{file}");
        assert_eq!(summary.gaps.missing_periods, missing, "{file}");
        assert_eq!(summary.gaps.series_with_gaps, with_gaps, "{file}");
        assert_eq!(summary.series, series);
        round_trip(&cube, file);
    }
}

#[test]
fn itu_unit_labels_do_not_tell_series_apart() {
    let options = ReadOptions::default();
    let suspects = |report: &ReadReport| -> Vec<String> {
        report
            .notes
            .iter()
            .filter(|n| n.rule == "statistics.read.unit-label-suspect")
            .map(|n| n.message.split_whitespace().nth(1).unwrap_or("").to_owned())
            .collect()
    };
    let shared = |report: &ReadReport| {
        report
            .notes
            .iter()
            .filter(|n| n.rule == "statistics.read.unit-label-shared")
            .count()
    };
    // Mobile: both series say "count"; i911mw is per 100 inhabitants.
    let (cube, report) = read(
        Format::ItuDatahub,
        "itu-ict/itu-datahub-active-mobile-broadband-subscriptions.csv",
        &options,
    );
    assert_eq!(shared(&report), 1);
    assert_eq!(suspects(&report), ["i911mw"]);
    let index = cube.index();
    let count = index.find(&cube, &["i271mw", "KEN"]).unwrap();
    let rate = index.find(&cube, &["i911mw", "KEN"]).unwrap();
    assert_ne!(count, rate);
    let last = |s: usize| {
        let rows = index.series(s).rows();
        match cube.measure(*rows.last().unwrap() as usize, 0) {
            MeasureValue::Number(x) => x,
            other => panic!("{other:?}"),
        }
    };
    assert!(last(count) > 1000.0 && last(rate) < 200.0);
    assert_eq!(
        cube.label(0, "i911mw"),
        Some("Active mobile-broadband subscriptions")
    );
    // Fixed: both say "per 100 people"; i4213tfbb is a count.
    let (_, report) = read(
        Format::ItuDatahub,
        "itu-ict/itu-datahub-fixed-broadband-subscriptions.csv",
        &options,
    );
    assert_eq!(shared(&report), 1);
    assert_eq!(suspects(&report), ["i4213tfbb"]);
    // Internet use: one series, "%", nothing to say.
    let (_, report) = read(
        Format::ItuDatahub,
        "itu-ict/itu-datahub-individuals-using-the-internet.csv",
        &options,
    );
    assert_eq!(shared(&report) + suspects(&report).len(), 0);
}

/// (file, rows, areas, countries, aggregates, unknown, years, first, last, missing periods,
/// series with gaps).
type WdiCase = (
    &'static str,
    usize,
    usize,
    usize,
    usize,
    &'static [&'static str],
    usize,
    &'static str,
    &'static str,
    usize,
    usize,
);
const WDI: &[WdiCase] = &[
    (
        "wdi-it.net.bbnd.p2.csv",
        5319,
        255,
        208,
        47,
        &[],
        28,
        "1998",
        "2025",
        154,
        67,
    ),
    (
        "wdi-it.cel.sets.p2.csv",
        13017,
        261,
        213,
        47,
        &["XKX"],
        54,
        "1960",
        "2025",
        3244,
        255,
    ),
    (
        "wdi-it.mlt.main.p2.csv",
        14528,
        260,
        212,
        47,
        &["XKX"],
        66,
        "1960",
        "2025",
        331,
        78,
    ),
    (
        "wdi-it.net.secr.p6.csv",
        3898,
        262,
        215,
        47,
        &[],
        15,
        "2010",
        "2024",
        12,
        7,
    ),
    (
        "wdi-sp.pop.totl.csv",
        17394,
        264,
        215,
        47,
        &["CHI", "XKX"],
        66,
        "1960",
        "2025",
        0,
        0,
    ),
];

#[test]
fn wdi_files() {
    let options = ReadOptions {
        areas: Some(classifier()),
        ..ReadOptions::default()
    };
    for &(
        file,
        rows,
        areas,
        countries,
        aggregates,
        unknown,
        years,
        first,
        last,
        missing,
        with_gaps,
    ) in WDI
    {
        let (cube, report) = read(Format::WdiCsv, &format!("itu-ict/{file}"), &options);
        assert_eq!(cube.len(), rows, "{file}");
        let indicator = file
            .trim_start_matches("wdi-")
            .trim_end_matches(".csv")
            .to_uppercase();
        assert_eq!(cube.dimension_values(0), [indicator.as_str()], "{file}");
        assert_eq!(cube.index().len(), areas, "{file}");
        let a = report.areas.as_ref().unwrap();
        assert_eq!(
            (a.areas, a.countries, a.aggregates.len()),
            (areas, countries, aggregates),
            "{file}"
        );
        let unknown_codes: Vec<&str> = a.unknown.iter().map(|x| x.code.as_str()).collect();
        assert_eq!(unknown_codes, unknown, "{file}");
        assert_eq!(
            report
                .notes
                .iter()
                .filter(|n| n.rule == "statistics.read.aggregate-area")
                .count(),
            aggregates
        );
        let summary = describe(&cube, None, options.areas.as_ref());
        assert_eq!(summary.years.len(), years, "{file}");
        assert_eq!(summary.first_period.as_deref(), Some(first));
        assert_eq!(summary.last_period.as_deref(), Some(last));
        assert_eq!(summary.gaps.missing_periods, missing, "{file}");
        assert_eq!(summary.gaps.series_with_gaps, with_gaps, "{file}");
        assert_eq!(summary.areas.as_ref().unwrap().countries, Some(countries));
        round_trip(&cube, file);
    }
    // MANIFEST: fixed broadband, 151 countries in 2024 and none in 2025 (aggregates only).
    let (cube, _) = read(Format::WdiCsv, "itu-ict/wdi-it.net.bbnd.p2.csv", &options);
    let summary = describe(&cube, None, options.areas.as_ref());
    let year = |y: i32| summary.years.iter().find(|s| s.year == y).map(|s| s.areas);
    assert_eq!(year(2024), Some(151));
    assert_eq!(year(2025), Some(0));
}

#[test]
fn owid_semicolon_file_reads_with_a_mapping() {
    let mapping: tabular::Mapping = "REF_AREA=Code, TIME_PERIOD=Year, OBS_VALUE=Individuals using the Internet (% of population), INDICATOR:=IT_NET_USER_ZS, REF_AREA~=Entity"
        .parse()
        .unwrap();
    let options = ReadOptions {
        mapping: Some(mapping),
        ..ReadOptions::default()
    };
    let (cube, report) = read(
        Format::Csv,
        "itu-ict/owid-share-of-individuals-using-the-internet.csv",
        &options,
    );
    assert_eq!(cube.len(), 7151);
    assert_eq!(report.areas.as_ref().unwrap().areas, 214);
}

/// The names of the SDMX-CSV 2.0 field-guide examples (structure, components, coded
/// attribute values), as a writer would get them from the structure.
fn field_guide_names() -> sdmx_csv::Names {
    let mut names = sdmx_csv::Names::default();
    names.structures.insert(
        "ESTAT:NA_MAIN(1.6.0)".into(),
        "National Accounts Main Aggregates".into(),
    );
    for (id, n) in [
        ("DIM_1", "Dimension 1"),
        ("DIM_2", "Dimension 2"),
        ("DIM_3", "Dimension 3"),
        ("OBS_VALUE", "Observation value"),
        ("ATTR_1", "Attribute 1"),
        ("ATTR_2", "Attribute 2"),
        ("ATTR_3", "Attribute 3"),
    ] {
        names.components.insert(id.into(), n.into());
    }
    // The examples code ATTR_1, ATTR_2 and ATTR_3 with Y/N in one place or another.
    for attr in ["ATTR_1", "ATTR_2", "ATTR_3"] {
        names.values.insert(
            attr.into(),
            [
                ("Y".to_owned(), "Yes".to_owned()),
                ("N".into(), "No".into()),
            ]
            .into(),
        );
    }
    names
}

/// Writes the cube read from `rel` with `options` and compares with the file itself (all but
/// the first header field, whose `[;]` the writer adds only when values need it).
fn rewrites_to_itself(rel: &str, options: sdmx_csv::WriteOptions) {
    let (cube, _) = read(Format::SdmxCsv, rel, &ReadOptions::default());
    let mut out = Vec::new();
    cube.write_to(&mut sdmx_csv::Writer::new(&mut out, "out.csv", options))
        .unwrap();
    let out = String::from_utf8(out).unwrap();
    let expected = std::fs::read_to_string(data_dir().join(rel)).unwrap();
    let strip = |s: &str| -> Vec<String> {
        s.lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    l.split_once(',').unwrap().1.to_owned()
                } else {
                    l.to_owned()
                }
            })
            .collect()
    };
    assert_eq!(strip(&out), strip(&expected), "{rel}\n{out}");
}

#[test]
fn writer_reproduces_the_field_guide_label_examples() {
    // labels=name (example 6): STRUCTURE_NAME, a name column after every component, empty
    // names for non-coded values, the time period as its own name.
    rewrites_to_itself(
        "sdmx-csv/2.0.0/v2.0.0-example-6.csv",
        sdmx_csv::WriteOptions {
            labels: sdmx_csv::Labels::Name,
            names: field_guide_names(),
            ..sdmx_csv::WriteOptions::default()
        },
    );
    // labels=both with timeFormat=normalized (example 5): `ID: Name` everywhere a name
    // exists; its periods are already days, so normalising keeps them.
    rewrites_to_itself(
        "sdmx-csv/2.0.0/v2.0.0-example-5.csv",
        sdmx_csv::WriteOptions {
            labels: sdmx_csv::Labels::Both,
            names: field_guide_names(),
            time_format: sdmx_csv::TimeFormat::Normalized(
                govframe_statistics::time::PeriodMoment::Start,
            ),
            ..sdmx_csv::WriteOptions::default()
        },
    );
    // The monthly periods of example 6 normalised to their first days are those of
    // example 5. Its time dimension is DIM_3, which a structure has to say.
    let rel = "sdmx-csv/2.0.0/v2.0.0-example-6.csv";
    let (guessed, _) = read(Format::SdmxCsv, rel, &ReadOptions::default());
    let mut layout = guessed.layout().clone();
    layout.time_dimension = layout.dimension("DIM_3");
    let structure = govframe_statistics::DataStructure::from_layout(
        "na-main".parse().unwrap(),
        govframe_core::LocalizedText::en("NA_MAIN"),
        &layout,
    );
    let with_time = ReadOptions {
        structure: Some(structure),
        ..ReadOptions::default()
    };
    let (cube, _) = read(Format::SdmxCsv, rel, &with_time);
    assert_eq!(cube.layout().time_dimension, Some(2));
    let mut out = Vec::new();
    let options = sdmx_csv::WriteOptions {
        time_format: sdmx_csv::TimeFormat::Normalized(
            govframe_statistics::time::PeriodMoment::Start,
        ),
        ..sdmx_csv::WriteOptions::default()
    };
    cube.write_to(&mut sdmx_csv::Writer::new(&mut out, "out.csv", options))
        .unwrap();
    let out = String::from_utf8(out).unwrap();
    let times: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(5).unwrap())
        .collect();
    assert_eq!(times, ["2014-01-01", "2014-02-01"], "{out}");
}
