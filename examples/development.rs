//! Computes the demo ICT index (`examples/data/demo-index.json`) on its demo data (a
//! `dataset` document with six ITU and WDI series for fourteen countries, 2023), then runs a
//! sensitivity analysis: how much do the ranks depend on the weights, the normalisation,
//! the aggregation and the choice of indicators?
//!
//! ```text
//! cargo run --release --example development
//! ```

use std::path::Path;

use govframe::core::Validate;
use govframe::development::{
    CompiledIndex, CompositeIndex, IndexData, IndexOptions, Observation, UncertaintyOptions,
    YearRule,
};
use govframe::statistics::{Dataset, ObsValue};

fn read(name: &str) -> std::io::Result<String> {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/data")
            .join(name),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let def: CompositeIndex = serde_json::from_str(&read("demo-index.json")?)?;
    for issue in def.validate() {
        eprintln!("{issue}");
    }
    // The dataset's keys are INDICATOR, REF_AREA, TIME_PERIOD.
    let dataset: Dataset = serde_json::from_str(&read("demo-index-data.json")?)?;
    let names = dataset.labels.get("REF_AREA");
    let obs: Vec<Observation> = dataset
        .observations
        .iter()
        .filter_map(|o| match (o.values.first(), o.key.as_slice()) {
            (Some(Some(ObsValue::Number(v))), [series, unit, year]) => Some(Observation {
                unit: unit.clone(),
                series: series.clone(),
                year: year.parse().ok()?,
                value: *v,
                unit_name: names.and_then(|n| n.get(unit)).cloned(),
            }),
            _ => None,
        })
        .collect();
    let data = IndexData::from_observations(&obs, YearRule::Exact(2023), |_| true)?;

    let options = IndexOptions {
        year: Some(2023),
        ..Default::default()
    };
    let model = CompiledIndex::new(&def, &data, &options)?;
    let result = model.uncertainty(&UncertaintyOptions {
        samples: 2_000,
        seed: 1,
        sensitivity: true,
        ..Default::default()
    })?;
    println!(
        "{} ({} units)",
        result.title.best("en"),
        result.summary.units
    );
    println!("rank  unit  score   median rank  90 % interval");
    for u in &result.units {
        let q = u.uncertainty.as_ref();
        println!(
            "{:>4}  {:<4}  {:>5.1}   {:>11.1}  [{:.0}, {:.0}]",
            u.rank.unwrap_or(0),
            u.unit.as_str(),
            u.score.unwrap_or(f64::NAN),
            q.map_or(f64::NAN, |q| q.median),
            q.map_or(f64::NAN, |q| q.low),
            q.map_or(f64::NAN, |q| q.high),
        );
    }
    if let Some(ua) = &result.uncertainty {
        println!(
            "\nwhat moves the ranks ({} runs; first order, total order):",
            ua.runs
        );
        for f in &ua.factors {
            println!(
                "  {:<14} {:>6.2} {:>6.2}",
                f.factor.as_str(),
                f.first_order.unwrap_or(f64::NAN),
                f.total_order.unwrap_or(f64::NAN)
            );
        }
    }
    Ok(())
}
