//! The demo index (`examples/data/demo-index.json`) over the ITU DataHub and World Bank WDI
//! series in `../shared/data/itu-ict`, for the latest year all six series share, over the
//! ISO 3166-1 countries of `../shared/data/country-codes`.
//!
//! The files are read with govframe-statistics' readers (ITU DataHub, WDI) through a small
//! adapter, and cross-checked against this crate's own [`read_observations_csv`].

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;
use std::io::BufReader;

use govframe_development::*;
use govframe_statistics::data::{DataCube, MeasureValue};
use govframe_statistics::io::{ReadOptions, tabular};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
const DEF: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/data/demo-index.json"
);

const FILES: [&str; 6] = [
    "itu-datahub-individuals-using-the-internet.csv",
    "itu-datahub-active-mobile-broadband-subscriptions.csv",
    "wdi-it.mlt.main.p2.csv",
    "wdi-it.cel.sets.p2.csv",
    "wdi-it.net.bbnd.p2.csv",
    "wdi-it.net.secr.p6.csv",
];

/// ISO 3166-1 alpha-3 codes of the country-codes file.
fn countries() -> HashSet<String> {
    let text = std::fs::read_to_string(format!("{DATA}/country-codes/datasets-country-codes.csv"))
        .unwrap();
    let mut lines = text.lines();
    let split = |l: &str| -> Vec<String> {
        let (mut out, mut cur, mut q) = (Vec::new(), String::new(), false);
        for c in l.chars() {
            match c {
                '"' => q = !q,
                ',' if !q => out.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        out.push(cur);
        out
    };
    let header = split(lines.next().unwrap());
    let col = header
        .iter()
        .position(|h| h == "ISO3166-1-Alpha-3")
        .unwrap();
    lines
        .map(split)
        .filter_map(|f| f.get(col).cloned())
        .filter(|c| c.len() == 3)
        .collect()
}

/// Adapter: a govframe-statistics cube (INDICATOR, REF_AREA, TIME_PERIOD, OBS_VALUE) as
/// observations.
fn from_cube(cube: &DataCube) -> Vec<Observation> {
    let dims = &cube.layout().dimensions;
    let at = |name: &str| dims.iter().position(|d| d.as_str() == name).unwrap();
    let (ind, area) = (at("INDICATOR"), at("REF_AREA"));
    (0..cube.len())
        .filter_map(|r| match cube.measure(r, 0) {
            MeasureValue::Number(v) => Some(Observation {
                unit: cube.dimension(r, area).to_owned(),
                series: cube.dimension(r, ind).to_owned(),
                year: cube.time(r)?.parse().ok()?,
                value: v,
                unit_name: cube.label(area, cube.dimension(r, area)).map(str::to_owned),
            }),
            _ => None,
        })
        .collect()
}

fn observations() -> Vec<Observation> {
    let mut all = Vec::new();
    for f in FILES {
        let path = format!("{DATA}/itu-ict/{f}");
        let text = std::fs::read(&path).unwrap();
        let cube = if f.starts_with("itu-") {
            DataCube::read(|s| {
                tabular::read_itu_datahub(text.as_slice(), f, &ReadOptions::default(), s)
            })
        } else {
            DataCube::read(|s| tabular::read_wdi(text.as_slice(), f, &ReadOptions::default(), s))
        }
        .unwrap();
        let obs = from_cube(&cube);
        // The crate's own reader reads the same observations.
        let own = read_observations_csv(BufReader::new(text.as_slice()), f).unwrap();
        assert_eq!(obs.len(), own.len(), "{f}");
        assert_eq!(
            obs.first().map(|o| (&o.unit, &o.series, o.year)),
            own.first().map(|o| (&o.unit, &o.series, o.year)),
            "{f}"
        );
        all.extend(obs);
    }
    all
}

#[test]
fn demo_index_over_itu_and_wdi_data() {
    let def: CompositeIndex = serde_json::from_str(&std::fs::read_to_string(DEF).unwrap()).unwrap();
    let countries = countries();
    assert!(countries.len() > 240, "{}", countries.len());
    let obs = observations();
    let series: Vec<&str> = def.indicators.iter().map(|i| i.series.as_str()).collect();
    let year = latest_common_year(&obs, &series, |u| countries.contains(u)).unwrap();
    assert_eq!(year, 2023);
    let data = IndexData::from_observations(&obs, YearRule::Exact(year), |u| countries.contains(u))
        .unwrap();
    let result = compute_index(
        &def,
        &data,
        &IndexOptions {
            year: Some(year),
            ..Default::default()
        },
    )
    .unwrap();
    let s = &result.summary;
    eprintln!(
        "year {year}: {} units, {} scored, mean coverage {:.3}; top 5: {:?}",
        s.units,
        s.scored,
        s.mean_coverage,
        result
            .units
            .iter()
            .take(5)
            .map(|u| (
                u.unit.as_str(),
                u.score.map(|v| (v * 100.0).round() / 100.0)
            ))
            .collect::<Vec<_>>()
    );
    // Regression values for the files in shared/data (MANIFEST.md, collected 2026-11-29).
    assert_eq!(s.units, UNITS);
    assert_eq!(s.scored, SCORED);
    assert!(
        (s.mean_coverage - MEAN_COVERAGE).abs() < 1e-3,
        "{}",
        s.mean_coverage
    );
    let full = result.units.iter().filter(|u| u.coverage == 1.0).count();
    eprintln!("full coverage: {full}");
    assert_eq!(full, FULL_COVERAGE);
    // Every scored unit has at least one indicator in each pillar (minCoverage 0.5 of
    // three indicators needs two).
    for u in result.units.iter().filter(|u| u.score.is_some()) {
        assert!(u.observed >= 4, "{} has {} indicators", u.unit, u.observed);
        let score = u.score.unwrap();
        assert!((0.0..=100.0).contains(&score));
    }
    // Ranks are 1..=scored with ties sharing the best rank.
    assert_eq!(result.units[0].rank, Some(1));
    assert!(
        result
            .units
            .iter()
            .filter_map(|u| u.rank)
            .all(|r| r as usize <= s.scored as usize)
    );

    // A short uncertainty analysis on the same data.
    let model = CompiledIndex::new(
        &def,
        &data,
        &IndexOptions {
            year: Some(year),
            ..Default::default()
        },
    )
    .unwrap();
    let ua = model
        .uncertainty(&UncertaintyOptions {
            samples: 200,
            seed: 1,
            sensitivity: true,
            ..Default::default()
        })
        .unwrap();
    let f = &ua.uncertainty.as_ref().unwrap().factors;
    assert_eq!(f.len(), 4);
    assert!(f.iter().all(|f| f.total_order.is_some()));
    eprintln!(
        "sensitivity: {:?}",
        f.iter()
            .map(|f| (f.factor.as_str(), f.first_order, f.total_order))
            .collect::<Vec<_>>()
    );
}

const UNITS: u32 = 218;
const SCORED: u32 = 168;
const MEAN_COVERAGE: f64 = 0.846;
const FULL_COVERAGE: usize = 153;
