//! Loads a JSON document from a file and validates it at all three levels (parse, schema,
//! semantics), printing every issue with its rule, path, line and column.
//!
//! ```text
//! cargo run --example validate_file -- examples/data/demo-plan.json
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: validate_file FILE.json");
        return ExitCode::from(2);
    };
    let outcome = govframe::schema::validate::validate_file(path.as_ref());
    let report = &outcome.report;
    println!(
        "{}: {} ({} errors, {} warnings)",
        report.subject,
        if report.valid { "valid" } else { "invalid" },
        report.error_count,
        report.warning_count
    );
    for issue in &report.issues {
        println!("  [{}] {issue}", issue.level);
    }
    if let Some(doc) = &outcome.document {
        println!(
            "read a {} with id {:?}: {}",
            doc.kind(),
            doc.id().as_str(),
            doc.title()
        );
    }
    if report.valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
