//! `govframe accounts check|balance|indicators`: the accounting commands on a
//! `supplyUseTable`.
//!
//! ```text
//! govframe accounts check SUT.json [--format human|json] [--abs-tol X] [--rel-tol Y]
//! govframe accounts balance SUT.json --out BALANCED.json [--format human|json]
//!                                    [--tolerance T] [--max-iterations N]
//! govframe accounts indicators SUT.json [--format human|json]
//! ```
//!
//! Each reads the table through `validate_file` (parse, schema, semantics). Failed identity
//! checks do not stop a command (checking, balancing and summarising unbalanced tables is the
//! point); any other error does: its report goes to standard error and the status is 1.
//!
//! * `check`: 0 when every identity holds within the tolerance (the table's declared one
//!   unless `--abs-tol` / `--rel-tol` are given), 1 when one fails; prints the
//!   `accountsCheckReport`.
//! * `balance`: RAS on the intermediate consumption; 0 when it converged and BALANCED.json was
//!   written (through a temporary file and a rename), 1 when the table cannot be balanced or
//!   RAS did not converge (nothing is written).
//! * `indicators`: 0, printing the `accountsIndicators` (a warning goes to standard error when
//!   the table's identities do not hold).
//!
//! Status 2: usage or I/O error, or a document of another kind.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use govframe_accounting::ras::RasOptions;
use govframe_accounting::{SupplyUseTable, Tolerance, balance, check, indicators, is_check_rule};
use govframe_core::Severity;
use govframe_schema::Document;
use govframe_schema::validate::validate_file;

use crate::{Fatal, Format, human_report, print, to_json};

/// The accounting commands.
#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Check a table's identities: supply = use per product, margins sum to zero, output =
    /// intermediate consumption + value added per industry, GDP by three approaches, digital
    /// splits.
    Check(CheckArgs),
    /// Balance a table with RAS on its intermediate consumption and write the result.
    Balance(BalanceArgs),
    /// Derive the digital-economy indicators of a table.
    Indicators(IndicatorsArgs),
}

/// Arguments of `govframe accounts check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Absolute tolerance, in the table's unit (default: the table's, else 0).
    #[arg(long)]
    abs_tol: Option<f64>,
    /// Relative tolerance, a fraction (default: the table's, else 1e-9).
    #[arg(long)]
    rel_tol: Option<f64>,
    /// The supply-use table.
    file: PathBuf,
}

/// Arguments of `govframe accounts balance`.
#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Output format of the summary.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Where to write the balanced table.
    #[arg(long)]
    out: PathBuf,
    /// Largest absolute residual of a product or industry total accepted as converged.
    #[arg(long, default_value_t = 1e-6)]
    tolerance: f64,
    /// Most RAS iterations.
    #[arg(long, default_value_t = 10_000)]
    max_iterations: u32,
    /// The supply-use table.
    file: PathBuf,
}

/// Arguments of `govframe accounts indicators`.
#[derive(Debug, Args)]
pub struct IndicatorsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The supply-use table.
    file: PathBuf,
}

/// Runs one accounting command.
pub fn run(command: &AccountsCommand) -> Result<ExitCode, Fatal> {
    match command {
        AccountsCommand::Check(a) => run_check(a),
        AccountsCommand::Balance(a) => run_balance(a),
        AccountsCommand::Indicators(a) => run_indicators(a),
    }
}

/// Reads a table; `Err(code)` when its report (already printed) stops the command.
fn read(path: &Path) -> Result<Result<SupplyUseTable, ExitCode>, Fatal> {
    let outcome = validate_file(path);
    let report = &outcome.report;
    if let Some(io) = report.issues.iter().find(|i| i.rule == "io.read") {
        return Err(Fatal(io.message.clone()));
    }
    let blocking = report
        .issues
        .iter()
        .any(|i| i.severity == Severity::Error && !is_check_rule(&i.rule));
    if blocking {
        eprint!("{}", human_report(report));
        return Ok(Err(ExitCode::from(1)));
    }
    match outcome.document {
        Some(Document::SupplyUseTable(t)) => Ok(Ok(*t)),
        Some(other) => Err(Fatal(format!(
            "{}: expected a supplyUseTable, found a {}",
            path.display(),
            other.kind()
        ))),
        None => {
            eprint!("{}", human_report(report));
            Ok(Err(ExitCode::from(1)))
        }
    }
}

fn run_check(a: &CheckArgs) -> Result<ExitCode, Fatal> {
    let table = match read(&a.file)? {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let declared = table.tolerance_or_default();
    let tolerance = Tolerance::new(
        a.abs_tol.unwrap_or(declared.absolute),
        a.rel_tol.unwrap_or(declared.relative),
    )
    .map_err(|e| Fatal(e.to_string()))?;
    let report = check(&table, tolerance);
    match a.format {
        Format::Human => print(&report.to_text())?,
        Format::Json => print(&to_json(&report)?)?,
    }
    Ok(if report.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn run_balance(a: &BalanceArgs) -> Result<ExitCode, Fatal> {
    let table = match read(&a.file)? {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let options = RasOptions {
        tolerance: a.tolerance,
        max_iterations: a.max_iterations,
    };
    let balanced = match balance(&table, &options) {
        Ok(b) => b,
        Err(govframe_accounting::Error::InvalidOptions(m)) => return Err(Fatal(m)),
        Err(e) => {
            eprintln!("govframe: {}: {e}", a.file.display());
            return Ok(ExitCode::from(1));
        }
    };
    let summary = balanced.summary(&table, &options);
    let ras = &summary.ras;
    if ras.converged {
        let text = to_json(&balanced.table)?;
        govframe_schema::export::write_atomic(&a.out, text.as_bytes())
            .map_err(|e| Fatal(e.to_string()))?;
    }
    match a.format {
        Format::Human => {
            let verdict = if ras.converged {
                format!("balanced; wrote {}", a.out.display())
            } else {
                format!(
                    "did NOT converge within {} iterations; nothing written",
                    options.max_iterations
                )
            };
            print(&format!(
                "{}: {verdict}\n  RAS iterations: {}\n  max row residual: {:e}\n  max column residual: {:e}\n  cells scaled: {} (largest change {})\n",
                a.file.display(),
                ras.iterations,
                ras.max_row_residual,
                ras.max_column_residual,
                summary.cells,
                summary.max_change
            ))?;
        }
        Format::Json => print(&to_json(&summary)?)?,
    }
    Ok(if ras.converged {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn run_indicators(a: &IndicatorsArgs) -> Result<ExitCode, Fatal> {
    let table = match read(&a.file)? {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let report = check(&table, table.tolerance_or_default());
    if !report.passed {
        eprintln!(
            "govframe: warning: {}: {} identity check(s) fail; the indicators come from an unbalanced table (see govframe accounts check)",
            a.file.display(),
            report.failures.len()
        );
    }
    let ind = indicators(&table);
    match a.format {
        Format::Human => print(&ind.to_text())?,
        Format::Json => print(&to_json(&ind)?)?,
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/data")
            .join(name)
    }

    fn check_args(name: &str, abs_tol: Option<f64>) -> AccountsCommand {
        AccountsCommand::Check(CheckArgs {
            format: Format::Json,
            abs_tol,
            rel_tol: None,
            file: example(name),
        })
    }

    fn code(r: Result<ExitCode, Fatal>) -> Result<ExitCode, String> {
        r.map_err(|Fatal(m)| m)
    }

    #[test]
    fn check_exit_codes_follow_the_verdict() {
        assert_eq!(
            code(run(&check_args("demo-sut.json", None))),
            Ok(ExitCode::SUCCESS)
        );
        // Published aggregates: within 1 with the declared tolerance, not exactly.
        assert_eq!(
            code(run(&check_args("demo-sut-bgr.json", None))),
            Ok(ExitCode::SUCCESS)
        );
        assert_eq!(
            code(run(&check_args("demo-sut-bgr.json", Some(0.0)))),
            Ok(ExitCode::from(1))
        );
        assert!(code(run(&check_args("demo-sut.json", Some(-1.0)))).is_err());
        // Another kind of document, a missing file: status 2.
        assert!(code(run(&check_args("demo-plan.json", None))).is_err());
        assert!(code(run(&check_args("no-such-file.json", None))).is_err());
    }

    #[test]
    fn balance_writes_a_valid_balanced_table() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("balanced.json");
        let cmd = AccountsCommand::Balance(BalanceArgs {
            format: Format::Json,
            out: out.clone(),
            tolerance: 1e-9,
            max_iterations: 1000,
            file: example("invalid/demo-sut-unbalanced.json"),
        });
        assert_eq!(code(run(&cmd)), Ok(ExitCode::SUCCESS));
        let report = validate_file(&out).report;
        assert!(report.valid, "{:#?}", report.issues);
        // Not convergeable within 1 iteration: exit 1 and nothing written.
        let out2 = dir.path().join("not-written.json");
        let cmd = AccountsCommand::Balance(BalanceArgs {
            format: Format::Human,
            out: out2.clone(),
            tolerance: 1e-12,
            max_iterations: 1,
            file: example("invalid/demo-sut-unbalanced.json"),
        });
        assert_eq!(code(run(&cmd)), Ok(ExitCode::from(1)));
        assert!(!out2.exists());
    }

    #[test]
    fn structural_errors_stop_the_commands() {
        let dir = tempfile::tempdir().unwrap();
        let text = std::fs::read_to_string(example("demo-sut.json")).unwrap();
        let bad = text.replacen(
            r#"{"product": "G", "industry": "I1", "value": 30}"#,
            r#"{"product": "X9", "industry": "I1", "value": 30}"#,
            1,
        );
        assert_ne!(bad, text);
        let path = dir.path().join("bad.json");
        std::fs::write(&path, bad).unwrap();
        let cmd = AccountsCommand::Indicators(IndicatorsArgs {
            format: Format::Human,
            file: path,
        });
        assert_eq!(code(run(&cmd)), Ok(ExitCode::from(1)));
        let cmd = AccountsCommand::Indicators(IndicatorsArgs {
            format: Format::Json,
            file: example("invalid/demo-sut-unbalanced.json"),
        });
        assert_eq!(code(run(&cmd)), Ok(ExitCode::SUCCESS));
    }
}
