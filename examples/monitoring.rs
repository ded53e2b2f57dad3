//! Assesses the demo monitoring framework (examples/data/demo-monitoring.json): with the real
//! ITU DataHub series when `../shared/data` is there, otherwise with a few made-up demo
//! points; prints the scorecard of the ITU Strategic Plan 2016-2019 and the counts per status.
//!
//! ```text
//! cargo run --example monitoring
//! ```

use std::path::Path;

use govframe::core::Validate;
use govframe::monitoring::{
    AreaGroups, AssessOptions, MethodKind, MonitoringFramework, Observations, assess, scorecard,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/data/demo-monitoring.json"))?;
    let framework: MonitoringFramework = serde_json::from_str(&text)?;
    for issue in framework.validate() {
        eprintln!("{issue}");
    }
    let shared = root.join("../shared/data");
    let mut data = Observations::new();
    let mut groups = None;
    let internet = shared.join("itu-ict/itu-datahub-individuals-using-the-internet.csv");
    if internet.exists() {
        govframe::monitoring::statistics::read_file(&internet, &mut data)?;
        let broadband = shared.join("itu-ict/itu-datahub-fixed-broadband-subscriptions.csv");
        govframe::monitoring::statistics::read_file(&broadband, &mut data)?;
        let codes = shared.join("country-codes/datasets-country-codes.csv");
        groups = Some(AreaGroups::from_country_codes_csv(
            &std::fs::read_to_string(&codes)?,
            &codes.display().to_string(),
        )?);
        println!("Data: {} observations from ../shared/data", data.rows());
    } else {
        // Made-up demo numbers, not statistics.
        for (area, points) in [
            ("WLD", [(2015, 40.0), (2018, 49.0), (2020, 59.0)]),
            ("LDC", [(2015, 11.0), (2018, 17.0), (2020, 24.0)]),
        ] {
            for (y, v) in points {
                data.push("i99H", area, y, v)?;
            }
        }
        data.finish();
        println!("Data: made-up demo points (../shared/data not found)");
    }
    let plan = govframe::itu::strategic_plan_2016_2019();
    let options = AssessOptions::default();
    let card = scorecard(plan, &framework, &data, groups.as_ref(), &options);
    print!(
        "{}",
        card.to_table().split("\nAssessments").next().unwrap_or("")
    );

    let all = AssessOptions {
        methods: MethodKind::ALL.to_vec(),
        ..AssessOptions::default()
    };
    let report = assess(&framework, &[plan], &data, groups.as_ref(), &all);
    println!(
        "\n{} assessments; counts per method and status:",
        report.assessments.len()
    );
    for c in &report.summary {
        println!(
            "  {:<9} {:<24} {}",
            c.method.as_str(),
            c.status.as_str(),
            c.count
        );
    }
    assert!(report.validate().is_empty());
    Ok(())
}
