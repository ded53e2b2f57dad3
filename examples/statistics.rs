//! The statistical framework end to end: read a data structure, its codelist and a dataset
//! document, check the data against the structure, summarise them, find a series by key,
//! and write them as SDMX-CSV 2.0 — which reads back to the same data.
//!
//! ```text
//! cargo run --example statistics                  # the demo documents in examples/data
//! cargo run --example statistics -- DATA [DSD.json [CODELIST.json...]]
//! ```
//!
//! DATA may be any format `govframe stats` reads (SDMX-CSV, SDMX-JSON, ITU DataHub, WDI,
//! dataset JSON); its format is guessed from its first bytes.

use std::error::Error;
use std::path::{Path, PathBuf};

use govframe::schema::Document;
use govframe::schema::validate::validate_file;
use govframe::statistics::data::{DataCube, MeasureValue};
use govframe::statistics::io::{Format, ReadOptions, read_format, sdmx_csv};
use govframe::statistics::{Codelist, DataStructure, check, describe};

fn load(path: &Path) -> Result<Document, Box<dyn Error>> {
    let outcome = validate_file(path);
    if !outcome.report.valid {
        return Err(format!("{}: {:?}", path.display(), outcome.report.issues).into());
    }
    outcome
        .document
        .ok_or_else(|| format!("{}: no document", path.display()).into())
}

fn main() -> Result<(), Box<dyn Error>> {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let data = args
        .first()
        .cloned()
        .unwrap_or_else(|| demo.join("demo-dataset-ict.json"));
    let dsd_path = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| demo.join("demo-dsd-ict.json"));
    let codelist_paths: Vec<PathBuf> = if args.len() > 2 {
        args[2..].to_vec()
    } else {
        vec![demo.join("demo-codelist-indicator.json")]
    };

    // The structure and its codelists, validated like any govframe document.
    let Document::DataStructure(dsd) = load(&dsd_path)? else {
        return Err("not a dataStructure".into());
    };
    let dsd: DataStructure = *dsd;
    let mut codelists: Vec<Codelist> = Vec::new();
    for p in &codelist_paths {
        if let Document::Codelist(c) = load(p)? {
            codelists.push(*c);
        }
    }
    println!("structure {}: key {}", dsd.id, dsd.key_ids().join("."));

    // The data, in whatever format, into the columnar cube.
    let head = std::fs::read(&data)?;
    let format = Format::detect(&head[..head.len().min(4096)]);
    let options = ReadOptions {
        structure: Some(dsd.clone()),
        ..ReadOptions::default()
    };
    let name = data.display().to_string();
    let (cube, report) =
        DataCube::read_with(|sink| read_format(format, head.as_slice(), &name, &options, sink))?;
    println!("read {} rows of {format} from {name}", report.rows);
    for note in &report.notes {
        println!("  note: {note}");
    }

    // Checked against the structure.
    let issues = check(&cube, &dsd, &codelists);
    if issues.is_empty() {
        println!("check: the data conform to {}", dsd.id);
    }
    for issue in &issues {
        println!("  {issue}");
    }

    // A summary, and one series in time order.
    print!("{}", describe(&cube, None, None).to_text());
    let index = cube.index();
    if let Some(first) = index.iter().next() {
        let key = first.key(&cube);
        let found = index.find(&cube, &key);
        println!(
            "series {} (found again by key: {}):",
            key.join("."),
            found.is_some()
        );
        for &row in first.rows() {
            let value = match cube.measure(row as usize, 0) {
                MeasureValue::Number(x) => x.to_string(),
                MeasureValue::Text(t) => t.to_owned(),
                MeasureValue::Missing | MeasureValue::Dash => "—".into(),
            };
            println!("  {} {value}", cube.time(row as usize).unwrap_or("?"));
        }
    }

    // SDMX-CSV 2.0 out, and back in: the same data set.
    let mut csv = Vec::new();
    cube.write_to(&mut sdmx_csv::Writer::new(
        &mut csv,
        "out.csv",
        Default::default(),
    ))?;
    let again = DataCube::read(|sink| sdmx_csv::read(csv.as_slice(), "out.csv", &options, sink))?;
    println!(
        "\nSDMX-CSV ({} bytes), read back equal: {}",
        csv.len(),
        again == cube
    );
    print!("{}", String::from_utf8_lossy(&csv));
    Ok(())
}
