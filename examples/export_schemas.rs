//! Exports the JSON Schemas of every document kind into a folder (default: a temporary one)
//! and lists them with their `$id`.
//!
//! ```text
//! cargo run --example export_schemas -- target/schemas
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = match std::env::args().nth(1) {
        Some(d) => std::path::PathBuf::from(d),
        None => std::env::temp_dir().join("govframe-schemas"),
    };
    let written = govframe::schema::export_dir(&dir, None)?;
    for path in &written {
        println!("{}", path.display());
    }
    for kind in govframe::schema::KINDS {
        println!(
            "{:<20} {:<34} urn:govframe:schema:1.0:{}",
            kind.kind,
            kind.file_name(),
            kind.kind
        );
    }
    let check = govframe::schema::check_dir(&dir)?;
    println!("{check}");
    Ok(())
}
