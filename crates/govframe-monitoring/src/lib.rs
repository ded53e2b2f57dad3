//! # govframe-monitoring
//!
//! The monitoring framework: indicators bound to plan targets and data series
//! ([`MonitoringFramework`]), three progress-assessment methods used in the UN system
//! ([`method`]: `unsdCagr`, `openSdg`, `escap`), area groups and their aggregation
//! ([`AreaGroups`], [`aggregate`]), roll-ups to indicators, targets and goals, and the
//! [`ProgressReport`] document with its table and CSV forms ([`assess`], [`scorecard`]).
//!
//! The methods are pure functions over a plain series — `&[(i32, f64)]`, `(year, value)`
//! sorted by year — and a [`SeriesSpec`]; they never panic and never put a NaN or an infinity
//! into a result (what cannot be computed comes out as `notAssessed` with a reason).
//!
//! ```
//! use govframe_core::quantity::Direction;
//! use govframe_monitoring::{MethodKind, MethodSpec, ProgressStatus, SeriesSpec};
//!
//! // Individuals using the Internet, 50 % in 2015, 60 % in 2022; target 80 % by 2030.
//! let series = [(2015, 50.0), (2022, 60.0)];
//! let spec = SeriesSpec::new(Direction::Increase).with_target(80.0, 2030);
//! let open_sdg = MethodSpec::default_for(MethodKind::OpenSdg).assess(&series, &spec);
//! assert_eq!(open_sdg.status, ProgressStatus::ModerateProgress);
//! let unsd = MethodSpec::default_for(MethodKind::UnsdCagr).assess(&series, &spec);
//! assert_eq!(unsd.status, ProgressStatus::FairProgress);
//! let escap = MethodSpec::default_for(MethodKind::Escap).assess(&series, &spec);
//! assert_eq!(escap.status, ProgressStatus::Accelerate);
//! ```
//!
//! ## Data
//!
//! [`Observations`] holds `(series, area, year, value)` rows from any reader: the ITU DataHub
//! and WDI readers in [`data`], or one's own. Area groups come from the country-code file the
//! user gives ([`AreaGroups::from_country_codes_csv`]: world, M49 regions, LDC, LLDC, SIDS)
//! plus membership files for ITU-D regions and income groups
//! ([`AreaGroups::add_memberships_csv`]); nothing about countries is compiled into the crate.
//!
//! ## Complexity
//!
//! Each method is O(n) in the points of a series and allocates nothing; [`assess`] is
//! O(indicators × series × areas × points); [`aggregate`] O(members × points).

mod areas;
mod assess;
pub mod data;
mod framework;
pub mod method;
mod report;
pub mod statistics;

pub use areas::{AreaGroup, AreaGroups, Weighting, aggregate};
pub use assess::{AssessOptions, assess, scorecard};
pub use data::{Observations, SeriesData};
pub use framework::{
    MonitoringFramework, MonitoringFrameworkKind, MonitoringIndicator, SeriesBinding,
};
pub use method::{
    AppliedRule, EscapParams, EscapWeighting, MethodKind, MethodSpec, NotAssessedReason,
    OpenSdgParams, Outcome, ProgressStatus, SeriesSpec, UnsdParams, ValueKind,
};
pub use report::{
    AreaType, Assessment, AssessmentInputs, ProgressReport, ProgressReportKind, RollUp, StatusCount,
};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A core rule was broken (e.g. a code that is not a valid id).
    #[error(transparent)]
    Core(#[from] govframe_core::Error),
    /// An input file could not be read.
    #[error("{file}:{line}: {message}")]
    Input {
        /// The file, as named by the caller.
        file: String,
        /// The 1-based line (1 for the header).
        line: u64,
        /// What is wrong.
        message: String,
    },
}

/// Result with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Serde helpers that check what the schemas state.
pub(crate) mod year {
    use serde::{Deserialize, Deserializer};

    /// An optional year within 1..=9999, as the schema says (`range(min = 1, max = 9999)`).
    pub(crate) fn opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i32>, D::Error> {
        let y = Option::<i32>::deserialize(d)?;
        match y {
            Some(v) if !(1..=9999).contains(&v) => Err(serde::de::Error::custom(format!(
                "year {v} is outside 1..=9999"
            ))),
            _ => Ok(y),
        }
    }
}
