//! # govframe-report
//!
//! The annual research report on global digital governance: from typed govframe documents
//! (plans, objectives, platform registries, consultations, landscapes, datasets, monitoring
//! frameworks, composite indices, supply-use tables) it builds an [`AnnualReport`] — the
//! `annualReport` document, which holds every number the report shows, each with its source —
//! and, with the default `render` feature, renders it as one self-contained HTML page
//! ([`render_html`]) and as Markdown with SVG charts ([`render_markdown`]).
//!
//! Sections: the strategic plan and its coverage by consultation mechanisms; progress toward
//! every target that has a number; indicator values in the data; the composite index (ranks,
//! pillar scores, uncertainty intervals); consultations and consensus in the year; the
//! governance landscape and its fragmentation; the digital-economy accounts; sources and
//! methods. A section without input says so instead of inventing numbers.
//!
//! Same input, same bytes: maps are ordered, the uncertainty analysis has a fixed seed, and
//! nothing depends on the clock or the machine.
//!
//! ```
//! use govframe_core::{LocalizedText, YearRange};
//! use govframe_report::{ReportInput, ReportOptions, SectionKind, build};
//! use govframe_strategy::{Goal, StrategicPlan};
//!
//! let mut plan = StrategicPlan::new("p".parse()?, LocalizedText::en("Plan"), YearRange::new(2024, 2027)?);
//! plan.goals.push(Goal::new("g1".parse()?, LocalizedText::en("Growth")));
//! let input = ReportInput { plans: vec![plan], ..Default::default() };
//! let report = build(&input, &ReportOptions::default())?;
//! assert_eq!(report.year, 2024); // no data: the start of the latest plan
//! let plan_section = report.section(SectionKind::Plan).unwrap();
//! assert!(plan_section.empty.is_none());
//! assert_eq!(report.section(SectionKind::Accounts).unwrap().empty.as_deref(),
//!            Some("No supply-use table in the input."));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
mod model;
#[cfg(feature = "render")]
mod render;

pub use build::{LANGUAGES, ReportError, ReportInput, ReportOptions, build, fmt_num};
pub use model::{
    AnnualReport, AnnualReportKind, Cell, Chart, ChartKind, ChartPoint, ChartSeries, InputDocument,
    ReferenceLine, Section, SectionKind, SourceRef, Table,
};
#[cfg(feature = "render")]
pub use render::{Markdown, chart_svg, escape_html, escape_markdown, render_html, render_markdown};
