//! The accounting framework end to end: read a supply-use table, check its identities,
//! balance a disturbed copy with RAS, and derive the digital-economy indicators.
//!
//! ```text
//! cargo run --example accounting
//! cargo run --example accounting -- examples/data/demo-sut-bgr.json
//! ```

use std::process::ExitCode;

use govframe::accounting::ras::RasOptions;
use govframe::accounting::{SupplyUseTable, Tolerance, balance, check, indicators};

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| format!("{}/examples/data/demo-sut.json", env!("CARGO_MANIFEST_DIR")));
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(2);
        }
    };
    let table: SupplyUseTable = match serde_json::from_str(&text) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };

    // 1. Identities, with the table's declared tolerance (or the default).
    let report = check(&table, table.tolerance_or_default());
    print!("{}", report.to_text());

    // 2. Disturb the intermediate consumption by 5 %, then balance it back with RAS.
    let mut disturbed = table.clone();
    for (k, cell) in disturbed
        .use_table
        .intermediate_consumption
        .iter_mut()
        .enumerate()
    {
        cell.value *= if k % 2 == 0 { 1.05 } else { 0.95 };
    }
    let before = check(&disturbed, Tolerance::DEFAULT);
    println!(
        "\nDisturbed: {} identity check(s) fail",
        before.failures.len()
    );
    let options = RasOptions {
        tolerance: 1e-9,
        max_iterations: 1000,
    };
    match balance(&disturbed, &options) {
        Ok(out) => {
            let after = check(&out.table, out.table.tolerance_or_default());
            println!(
                "RAS: {} iterations, converged {}, residuals {:e} / {:e}; checks after: {}",
                out.ras.iterations,
                out.ras.converged,
                out.ras.max_row_residual,
                out.ras.max_column_residual,
                if after.passed { "passed" } else { "FAILED" }
            );
        }
        Err(e) => println!("RAS refused the table: {e}"),
    }

    // 3. Digital-economy indicators.
    println!();
    print!("{}", indicators(&table).to_text());
    if report.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
