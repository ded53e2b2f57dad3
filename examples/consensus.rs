//! Decides the demo consultation, analyses the demo governance landscape and counts the
//! calendar events of the demo platforms.
//!
//! ```text
//! cargo run --example consensus
//! ```

use std::path::Path;

use govframe::core::Validate;
use govframe::platforms::{
    Consultation, GovernanceLandscape, PlatformRegistry, analyze, calendar, decide,
};

fn read(name: &str) -> std::io::Result<String> {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/data")
            .join(name),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let consultation: Consultation = serde_json::from_str(&read("demo-consultation.json")?)?;
    for issue in consultation.validate() {
        eprintln!("{issue}");
    }
    let result = decide(&consultation);
    print!("{}", result.to_table(Some(&consultation), "en"));

    let landscape: GovernanceLandscape = serde_json::from_str(&read("demo-landscape.json")?)?;
    let analysis = analyze(&landscape, None);
    println!();
    print!("{}", analysis.to_table());

    let registry: PlatformRegistry = serde_json::from_str(&read("demo-platforms.json")?)?;
    let ics = calendar::to_ics(&registry, "en");
    println!(
        "\n{} calendar event(s) for {} platform(s).",
        ics.matches("BEGIN:VEVENT").count(),
        registry.platforms.len()
    );
    Ok(())
}
