//! The three progress-assessment methods, as pure functions over one series.
//!
//! # The series type
//!
//! A series is a `&[(i32, f64)]` slice of `(year, value)` points **sorted by year with one
//! value per year** (what [`Observations`](crate::Observations) hands out). Points whose
//! value is not finite are skipped. A slice that is not strictly increasing in years is not
//! assessed (reason [`NotAssessedReason::InvalidSeries`]). What the series should do is a
//! [`SeriesSpec`]: desired direction, target value and year, base year, natural limit, and
//! whether the indicator is binary (0 = no, 1 = yes).
//!
//! Each method returns an [`Outcome`]: status, score, the computed value, the inputs used
//! (base and latest point, target), the reason when it could not assess the series, and the
//! edge rules it applied. No outcome ever holds a NaN or an infinity: a computation that
//! would produce one comes out as [`ProgressStatus::NotAssessed`] with reason
//! [`NotAssessedReason::NonFiniteResult`]. Every method is O(n) in the points of the series
//! and allocates nothing.
//!
//! Many series at once: [`assess_panel`] hands every [`Outcome`] to a closure;
//! [`assess_panel_status`] hands only the status and the score — the same status and score
//! bits — and for `openSdg` computes them with a batch kernel that builds no `Outcome` (about
//! twice as fast on the benchmark panel; see `benches/MONITORING.md`). A [`Panel`] holds its
//! years and values in two columns.
//!
//! # Directions
//!
//! `increase` is `d = +1`, `decrease` is `d = −1`. `maintain` ("keep at least the current
//! level") is assessed as `increase` (rule `maintainAsIncrease`). `parity` follows Open SDG's
//! "Goldilocks" rule in all three methods: every value `y` becomes `max(y, 1/y)`, the target
//! becomes `max(t, 1/t)` (1 when none is given) and the direction becomes `decrease` (rule
//! `parityTransform`); a value ≤ 0 cannot be transformed (reason `nonPositiveValue`).
//!
//! # `unsdCagr` — UN Statistics Division Progress Chart, as documented by Eustat
//!
//! Source: UNSD *Progress Chart Technical Note 2023* as implemented and documented by Eustat
//! (`EUSTAT-DES/site`, `_pages/en/metodologia.md`); `methods.md` §1.2.
//!
//! * Base year `b` (default 2015); latest year `t` is the last year with data.
//!   `CAGR_a = (v_t / v_b)^(1/(t−b)) − 1`.
//! * With a target `v_T` for year `T`: `v^e_T = v_t·(1 + CAGR_a)^(T − t)`,
//!   `R = (v^e_T − v_b) / (v_T − v_b)`; score 3 (`onTrack`) if `R ≥ 0.95`, 2 (`fairProgress`)
//!   if `0.10 ≤ R < 0.95`, 1 (`stagnationOrRegression`) otherwise.
//! * Without a target: for `increase`, 3 if `CAGR_a ≥ 0.02`, 2 if `0.005 ≤ CAGR_a < 0.02`,
//!   else 1; for `decrease` the mirror image (3 if `CAGR_a ≤ −0.02`, 2 if
//!   `−0.02 < CAGR_a ≤ −0.005`, else 1).
//! * Exceptions (Eustat's list): (1) a latest value that meets the target is `targetMet`
//!   (score 3) whatever the trend; (2) a percentage within 1 point (`nearBoundTolerance`) of
//!   a target of 0 or 100 is `targetMet` (`nearBoundary`); (3) with no value in the base
//!   year (or only in the latest year), the first later year that still leaves a later point
//!   is used, else the closest earlier year (`baseYearFallback`); (4) no target year means 2030 (`defaultTargetYear`);
//!   (5) a target year in the past: only data up to the target year are used
//!   (`targetYearInPast`); (6) at least 2 years of data (`insufficientData`); (7) binary
//!   indicators are `targetMet` when the latest value is yes and `stagnationOrRegression`
//!   otherwise (`binary`). Exceptions 1 and 2 are checked before the data requirements, so a
//!   single point that meets the target counts as met.
//! * Edge rules of govframe (not in the source): CAGR needs positive values, so a base or
//!   latest value ≤ 0 is not assessed (`nonPositiveValue`); a base value that already met the
//!   target while the latest value does not, or a target equal to the base value, means the
//!   series moved away from its target: score 1 (`baseMetTarget`).
//!
//! # `openSdg` — Statistics Canada / Open SDG
//!
//! Source: `open-sdg/open-sdg` `docs/progress-methodology.md` and the implementation
//! `open-sdg/sdg-build` `sdg/ProgressMeasure.py`; `methods.md` §1.3. Reproduced as coded:
//!
//! * `CAGR_i = (y_i/y_0)^(1/(t_i − t_0)) − 1`; base year default 2015, else the next later
//!   year with data (`baseYearFallback`); `t_i` the latest year.
//! * With a target (method 2): `CAGR_T = (y_T/y_0)^(1/(t_T − t_0)) − 1`,
//!   `R = s·d·CAGR_i/|CAGR_T|` with `s = −1` for a negative base value. Thresholds 0.95 /
//!   0.60 / 0 → `substantialProgress` / `moderateProgress` / `limitedProgress` /
//!   `deterioration`; score `min(7.1429·R − 4.2857, 5)` if `R ≥ 0.6`, else
//!   `max(4.1667·R − 2.5, −5)`. A natural limit is ignored (`limitIgnored`).
//! * Without a target (method 1): `P = s·d·CAGR_i`, thresholds 0.015 / 0.005 / 0 times the
//!   natural-limit factor `C` (`b = |y_0|`, `L = |limit|`: `C = 1` if `b ≥ 2L`,
//!   `1 − (b/L)^4.44` if `b ≤ L`, else `1 − ((2L − b)/L)^4.44`; rule `limitScaling`). Score
//!   `max(125·P − 2.5, −5)` if `P < low`; 5 if `C = 0`; `min(500·P/C − 5, 5)` if `P ≥ high`;
//!   `250·P/C − 1.25` if `P ≥ med`; else `500·P/C − 2.5`.
//! * A latest value that meets the target is `targetAchieved` with score 5, overriding all
//!   else. A target of 0 and a base value of 0 are replaced by 0.001 (`zeroTargetReplaced`,
//!   `zeroBaseReplaced`). Base and latest values of opposite signs, or a target of the other
//!   sign than the base, are not assessed (`signChange`). Binary indicators are
//!   `targetAchieved` (score 5) or `targetNotAchieved` (no score: the source gives none).
//! * Edge rules of govframe: `t_T ≤ t_0` is not assessed (`targetYearNotAfterBase`, the code
//!   divides by zero); a target equal to the base value that is not met means the series
//!   moved away from it: `deterioration`, score −5 (`targetEqualsBase`, the code divides by
//!   zero); no data from the base year on is not assessed (`noBaseValue`, the code fails).
//!
//! # `escap` — UN ESCAP current status and anticipated progress (formalised)
//!
//! Source: ESCAP *Progress Assessment Methodology* and the UNECE technical notes
//! (`methods.md` §1.1); the current-status formula is that of `spalmas/SDG-MENARO`
//! (`CS()`), the time weights those of its `wgm()` (§1.4). **The ESCAP annex with the exact
//! formulas could not be read: this is the documented formalisation of `methods.md`, not a
//! verified reproduction**, and the weighting is a parameter ([`EscapWeighting`]).
//!
//! * A target is required (ESCAP sets one for every indicator it assesses); without one the
//!   series is not assessed (`noTarget`). Fewer than 2 points → `insufficientData`.
//! * Base point as in `unsdCagr` (exact, later, earlier); trend window: the points from the
//!   base year (or from `trendFromYear`) up to the target year.
//! * Current status index (the score): `10` if the latest value meets the target, else
//!   `10·d·(I_t − I_0)/|TV − I_0|`, bounded to [−10, 10] (`scoreClamped`; a target equal to
//!   the base value gives −10).
//! * Anticipated value `Î_T`: time-weighted geometric extrapolation to the target year,
//!   `Î_T = I_n·exp(ĝ·(T − t_n))` with `ĝ = Σ w_i·ln(I_i/I_{i−1}) / Σ w_i·(t_i − t_{i−1})`
//!   over consecutive points, weights `w_i = (T − t_1)/(T − t_i)` (`timeWeighted`, recent
//!   points count more) or `w_i = 1` (`equal`, the plain compound growth). Values must be
//!   positive (`nonPositiveValue`). When the latest year is the target year, `Î_T = I_n`.
//! * Category: `maintain` if `d·(Î_T − TV) ≥ 0`; otherwise the anticipated progress ratio
//!   `1 − G = (Î_T − I_0)/(TV − I_0)` (the computed value): `accelerate` if `> 0`, `reverse`
//!   if `≤ 0` or if `TV = I_0`.

mod fast;

use govframe_core::Direction;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The default base year of all three methods (the 2030 Agenda was adopted in 2015).
pub const DEFAULT_BASE_YEAR: i32 = 2015;
/// The default target year (UNSD exception 4, Open SDG default).
pub const DEFAULT_TARGET_YEAR: i32 = 2030;

/// A progress-assessment method.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum MethodKind {
    /// UN Statistics Division Progress Chart (Eustat's three-level version).
    UnsdCagr,
    /// Statistics Canada / Open SDG progress measure.
    OpenSdg,
    /// UN ESCAP current status index and anticipated progress (formalised).
    Escap,
}

impl MethodKind {
    /// All methods, in a stable order.
    pub const ALL: [MethodKind; 3] = [Self::UnsdCagr, Self::OpenSdg, Self::Escap];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnsdCagr => "unsdCagr",
            Self::OpenSdg => "openSdg",
            Self::Escap => "escap",
        }
    }

    /// Parses a method name (`unsdCagr`, `openSdg`, `escap`; case and `-`/`_` ignored).
    pub fn parse(name: &str) -> Option<Self> {
        let norm: String = name
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match norm.as_str() {
            "unsdcagr" | "unsd" => Some(Self::UnsdCagr),
            "opensdg" => Some(Self::OpenSdg),
            "escap" => Some(Self::Escap),
            _ => None,
        }
    }

    /// The statuses this method can give.
    pub fn statuses(self) -> &'static [ProgressStatus] {
        use ProgressStatus as S;
        match self {
            Self::UnsdCagr => &[
                S::TargetMet,
                S::OnTrack,
                S::FairProgress,
                S::StagnationOrRegression,
                S::NotAssessed,
            ],
            Self::OpenSdg => &[
                S::TargetAchieved,
                S::SubstantialProgress,
                S::ModerateProgress,
                S::LimitedProgress,
                S::Deterioration,
                S::TargetNotAchieved,
                S::NotAssessed,
            ],
            Self::Escap => &[
                S::Maintain,
                S::Accelerate,
                S::Reverse,
                S::InsufficientData,
                S::NotAssessed,
            ],
        }
    }

    /// The range of this method's scores.
    pub fn score_range(self) -> (f64, f64) {
        match self {
            Self::UnsdCagr => (1.0, 3.0),
            Self::OpenSdg => (-5.0, 5.0),
            Self::Escap => (-10.0, 10.0),
        }
    }
}

impl std::fmt::Display for MethodKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The status of a series, indicator, target or goal. Each method uses its own statuses
/// (see [`MethodKind::statuses`]); `notAssessed` is shared (and the default).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum ProgressStatus {
    /// `unsdCagr` score 3 by an exception: the target is met.
    TargetMet,
    /// `unsdCagr` score 3: on track.
    OnTrack,
    /// `unsdCagr` score 2: fair progress, acceleration needed.
    FairProgress,
    /// `unsdCagr` score 1: stagnation or regression.
    StagnationOrRegression,
    /// `openSdg`: the target is achieved.
    TargetAchieved,
    /// `openSdg`: on track (`substantial_progress`).
    SubstantialProgress,
    /// `openSdg`: progress made but acceleration needed (`moderate_progress`).
    ModerateProgress,
    /// `openSdg`: limited progress.
    LimitedProgress,
    /// `openSdg`: deterioration.
    Deterioration,
    /// `openSdg`, binary indicators: the target is not achieved.
    TargetNotAchieved,
    /// `escap`: maintain progress to achieve the target.
    Maintain,
    /// `escap`: accelerate progress to achieve the target.
    Accelerate,
    /// `escap`: reverse the trend to achieve the target.
    Reverse,
    /// `escap`: insufficient data.
    InsufficientData,
    /// Could not be assessed; the reason says why.
    #[default]
    NotAssessed,
}

impl ProgressStatus {
    /// The status as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TargetMet => "targetMet",
            Self::OnTrack => "onTrack",
            Self::FairProgress => "fairProgress",
            Self::StagnationOrRegression => "stagnationOrRegression",
            Self::TargetAchieved => "targetAchieved",
            Self::SubstantialProgress => "substantialProgress",
            Self::ModerateProgress => "moderateProgress",
            Self::LimitedProgress => "limitedProgress",
            Self::Deterioration => "deterioration",
            Self::TargetNotAchieved => "targetNotAchieved",
            Self::Maintain => "maintain",
            Self::Accelerate => "accelerate",
            Self::Reverse => "reverse",
            Self::InsufficientData => "insufficientData",
            Self::NotAssessed => "notAssessed",
        }
    }

    /// Whether the status is a result (not `notAssessed` nor `insufficientData`).
    pub fn is_assessed(self) -> bool {
        !matches!(self, Self::NotAssessed | Self::InsufficientData)
    }

    /// Rank inside its method, higher is better (0 for not assessed). Used by tests of the
    /// monotonicity property and by tables.
    pub fn rank(self) -> u8 {
        match self {
            Self::TargetMet | Self::TargetAchieved => 6,
            Self::OnTrack | Self::SubstantialProgress | Self::Maintain => 5,
            Self::FairProgress | Self::ModerateProgress | Self::Accelerate => 4,
            Self::LimitedProgress => 3,
            Self::StagnationOrRegression
            | Self::Deterioration
            | Self::Reverse
            | Self::TargetNotAchieved => 2,
            Self::InsufficientData | Self::NotAssessed => 0,
        }
    }
}

impl std::fmt::Display for ProgressStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a series could not be assessed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum NotAssessedReason {
    /// Fewer than two years of data (one for binary indicators).
    InsufficientData,
    /// No value in or after the base year (`openSdg`).
    NoBaseValue,
    /// Base and latest value (or target) have opposite signs.
    SignChange,
    /// A value ≤ 0 where the growth model needs positive values.
    NonPositiveValue,
    /// The method needs a target and there is none (`escap`).
    NoTarget,
    /// The target year is not after the base year.
    TargetYearNotAfterBase,
    /// The data hold different values for the same year.
    ConflictingValues,
    /// The series is not sorted by year with one value per year.
    InvalidSeries,
    /// The computation overflowed.
    NonFiniteResult,
    /// No indicator of the framework measures the target.
    NoIndicator,
    /// No data for the area (or no area for the target's scope).
    NoData,
    /// None of the parts of a roll-up could be assessed.
    NothingAssessed,
}

impl NotAssessedReason {
    /// The reason as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InsufficientData => "insufficientData",
            Self::NoBaseValue => "noBaseValue",
            Self::SignChange => "signChange",
            Self::NonPositiveValue => "nonPositiveValue",
            Self::NoTarget => "noTarget",
            Self::TargetYearNotAfterBase => "targetYearNotAfterBase",
            Self::ConflictingValues => "conflictingValues",
            Self::InvalidSeries => "invalidSeries",
            Self::NonFiniteResult => "nonFiniteResult",
            Self::NoIndicator => "noIndicator",
            Self::NoData => "noData",
            Self::NothingAssessed => "nothingAssessed",
        }
    }

    /// A sentence for people.
    pub fn message(self) -> &'static str {
        match self {
            Self::InsufficientData => "fewer than two years of data",
            Self::NoBaseValue => "no value in or after the base year",
            Self::SignChange => "base and latest value (or target) have opposite signs",
            Self::NonPositiveValue => {
                "a value is zero or negative where the growth model needs positive values"
            }
            Self::NoTarget => "the method needs a numeric target and none is given",
            Self::TargetYearNotAfterBase => "the target year is not after the base year",
            Self::ConflictingValues => "the data hold different values for the same year",
            Self::InvalidSeries => "the series is not sorted by year with one value per year",
            Self::NonFiniteResult => "the computation overflowed",
            Self::NoIndicator => "no indicator of the framework measures this target",
            Self::NoData => "no data for this area",
            Self::NothingAssessed => "none of the parts could be assessed",
        }
    }
}

impl std::fmt::Display for NotAssessedReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An edge rule a method applied.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum AppliedRule {
    /// The base year had no value; another year was used.
    BaseYearFallback,
    /// The latest value meets the target.
    TargetAlreadyMet,
    /// A percentage within tolerance of a target of 0 or 100 counts as met.
    NearBoundary,
    /// The target year is before the latest data: data up to the target year were used.
    TargetYearInPast,
    /// No target year was given: 2030.
    DefaultTargetYear,
    /// A base value of 0 was replaced by 0.001.
    ZeroBaseReplaced,
    /// A target of 0 was replaced by 0.001.
    ZeroTargetReplaced,
    /// A negative base value flipped the sign of the progress value.
    NegativeBase,
    /// The thresholds were scaled by the natural-limit factor.
    LimitScaling,
    /// A natural limit was ignored because a target is given.
    LimitIgnored,
    /// Parity values were transformed with `max(y, 1/y)`.
    ParityTransform,
    /// `maintain` was assessed as `increase`.
    MaintainAsIncrease,
    /// The binary-indicator rule was used.
    Binary,
    /// The target equals the base value.
    TargetEqualsBase,
    /// The base value already met the target; the latest does not.
    BaseMetTarget,
    /// The score was bounded to the method's range.
    ScoreClamped,
}

impl AppliedRule {
    const ALL: [AppliedRule; 16] = [
        Self::BaseYearFallback,
        Self::TargetAlreadyMet,
        Self::NearBoundary,
        Self::TargetYearInPast,
        Self::DefaultTargetYear,
        Self::ZeroBaseReplaced,
        Self::ZeroTargetReplaced,
        Self::NegativeBase,
        Self::LimitScaling,
        Self::LimitIgnored,
        Self::ParityTransform,
        Self::MaintainAsIncrease,
        Self::Binary,
        Self::TargetEqualsBase,
        Self::BaseMetTarget,
        Self::ScoreClamped,
    ];
}

/// A set of [`AppliedRule`]s (a bit set: no allocation per series).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct RuleSet(u32);

impl RuleSet {
    /// Adds a rule.
    pub fn add(&mut self, rule: AppliedRule) {
        self.0 |= 1 << (rule as u32);
    }

    /// Whether the rule is in the set.
    pub fn contains(self, rule: AppliedRule) -> bool {
        self.0 & (1 << (rule as u32)) != 0
    }

    /// The rules, in declaration order.
    pub fn to_vec(self) -> Vec<AppliedRule> {
        AppliedRule::ALL
            .into_iter()
            .filter(|r| self.contains(*r))
            .collect()
    }
}

/// What a series should do.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesSpec {
    /// Desired direction.
    pub direction: Direction,
    /// Target value, when there is one.
    pub target: Option<f64>,
    /// Target year (`None`: 2030).
    pub target_year: Option<i32>,
    /// Base year.
    pub base_year: i32,
    /// Natural limit (`openSdg` without a target).
    pub limit: Option<f64>,
    /// Whether values are yes (1) / no (0).
    pub binary: bool,
    /// Whether values are percentages (0–100), for the `unsdCagr` near-boundary rule.
    pub percent: bool,
}

impl SeriesSpec {
    /// A spec with a direction, base year 2015 and nothing else.
    pub fn new(direction: Direction) -> Self {
        Self {
            direction,
            target: None,
            target_year: None,
            base_year: DEFAULT_BASE_YEAR,
            limit: None,
            binary: false,
            percent: false,
        }
    }

    /// With a target value and year.
    pub fn with_target(mut self, value: f64, year: i32) -> Self {
        self.target = Some(value);
        self.target_year = Some(year);
        self
    }

    /// With a base year.
    pub fn with_base_year(mut self, year: i32) -> Self {
        self.base_year = year;
        self
    }

    /// With a natural limit.
    pub fn with_limit(mut self, limit: f64) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// Parameters of `unsdCagr` (`None` = the documented default).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnsdParams {
    /// `R` at or above which a series is on track (default 0.95).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_track: Option<f64>,
    /// `R` at or above which progress is fair (default 0.10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fair: Option<f64>,
    /// Without a target: |CAGR| for score 3 (default 0.02).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_high: Option<f64>,
    /// Without a target: |CAGR| for score 2 (default 0.005).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_low: Option<f64>,
    /// Percentage points around a target of 0 or 100 that count as met (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub near_bound_tolerance: Option<f64>,
}

/// Parameters of `openSdg` (`None` = the documented default).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpenSdgParams {
    /// `high` threshold (default 0.95 with a target, 0.015 without).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// `med` threshold (default 0.60 with a target, 0.005 without).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub med: Option<f64>,
    /// `low` threshold (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// Exponent of the natural-limit factor (default 4.44).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_exponent: Option<f64>,
}

/// How `escap` weights the year-on-year growth of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum EscapWeighting {
    /// `w_i = (T − t_1)/(T − t_i)`: recent points count more (SDG-MENARO `wgm`).
    #[default]
    TimeWeighted,
    /// `w_i = 1`: plain compound growth between the first and the latest point.
    Equal,
}

/// Parameters of `escap` (`None` = the documented default).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EscapParams {
    /// Weighting of the extrapolation (default `timeWeighted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighting: Option<EscapWeighting>,
    /// First year of the trend window (default: the base year used).
    #[serde(
        default,
        deserialize_with = "crate::year::opt",
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(range(min = 1, max = 9999))]
    pub trend_from_year: Option<i32>,
}

/// A method with its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum MethodSpec {
    /// UN Statistics Division Progress Chart (Eustat).
    #[schemars(title = "UnsdCagrMethod")]
    UnsdCagr {
        /// Parameters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        params: Option<UnsdParams>,
    },
    /// Statistics Canada / Open SDG.
    #[schemars(title = "OpenSdgMethod")]
    OpenSdg {
        /// Parameters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        params: Option<OpenSdgParams>,
    },
    /// UN ESCAP (formalised).
    #[schemars(title = "EscapMethod")]
    Escap {
        /// Parameters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        params: Option<EscapParams>,
    },
}

impl MethodSpec {
    /// The method with default parameters.
    pub fn default_for(kind: MethodKind) -> Self {
        match kind {
            MethodKind::UnsdCagr => Self::UnsdCagr { params: None },
            MethodKind::OpenSdg => Self::OpenSdg { params: None },
            MethodKind::Escap => Self::Escap { params: None },
        }
    }

    /// Which method.
    pub fn kind(&self) -> MethodKind {
        match self {
            Self::UnsdCagr { .. } => MethodKind::UnsdCagr,
            Self::OpenSdg { .. } => MethodKind::OpenSdg,
            Self::Escap { .. } => MethodKind::Escap,
        }
    }

    /// Assesses one series with this method.
    pub fn assess(&self, points: &[(i32, f64)], spec: &SeriesSpec) -> Outcome {
        match self {
            Self::UnsdCagr { params } => unsd_cagr(points, spec, &params.unwrap_or_default()),
            Self::OpenSdg { params } => open_sdg(points, spec, &params.unwrap_or_default()),
            Self::Escap { params } => escap(points, spec, &params.unwrap_or_default()),
        }
    }
}

/// What the computed value of an outcome is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum ValueKind {
    /// A compound annual growth rate (signed by direction for `openSdg`).
    GrowthRate,
    /// `openSdg` `R`: observed over required growth.
    GrowthRatio,
    /// `unsdCagr` `R`: expected progress by the target year over the progress needed.
    ExpectedProgressRatio,
    /// `escap` `1 − G`: anticipated progress over the progress needed.
    AnticipatedProgressRatio,
}

/// The result of assessing one series.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// The method.
    pub method: MethodKind,
    /// The status.
    pub status: ProgressStatus,
    /// The score on the method's scale ([`MethodKind::score_range`]).
    pub score: Option<f64>,
    /// The computed value.
    pub value: Option<f64>,
    /// What the value is.
    pub value_kind: Option<ValueKind>,
    /// The value expected in the target year (`unsdCagr`, `escap`).
    pub projected: Option<f64>,
    /// The base point used (after transformations).
    pub base: Option<(i32, f64)>,
    /// The latest point used (after transformations).
    pub latest: Option<(i32, f64)>,
    /// The target used (after transformations).
    pub target: Option<f64>,
    /// The target year used.
    pub target_year: Option<i32>,
    /// Points of the series used.
    pub points: u32,
    /// Why it was not assessed.
    pub reason: Option<NotAssessedReason>,
    /// Edge rules applied.
    pub rules: RuleSet,
}

impl Outcome {
    fn new(method: MethodKind) -> Self {
        Self {
            method,
            status: ProgressStatus::NotAssessed,
            score: None,
            value: None,
            value_kind: None,
            projected: None,
            base: None,
            latest: None,
            target: None,
            target_year: None,
            points: 0,
            reason: None,
            rules: RuleSet::default(),
        }
    }

    fn fail(mut self, reason: NotAssessedReason) -> Self {
        self.status =
            if self.method == MethodKind::Escap && reason == NotAssessedReason::InsufficientData {
                ProgressStatus::InsufficientData
            } else {
                ProgressStatus::NotAssessed
            };
        self.score = None;
        self.reason = Some(reason);
        self
    }

    /// Replaces any non-finite number by "not assessed" (a last line of defence).
    fn finite(self) -> Self {
        let bad = |x: Option<f64>| x.is_some_and(|v| !v.is_finite());
        if bad(self.score)
            || bad(self.value)
            || bad(self.projected)
            || bad(self.target)
            || bad(self.base.map(|b| b.1))
            || bad(self.latest.map(|b| b.1))
        {
            let mut o = self;
            o.value = o.value.filter(|v| v.is_finite());
            o.projected = o.projected.filter(|v| v.is_finite());
            o.target = o.target.filter(|v| v.is_finite());
            o.base = o.base.filter(|b| b.1.is_finite());
            o.latest = o.latest.filter(|b| b.1.is_finite());
            return o.fail(NotAssessedReason::NonFiniteResult);
        }
        self
    }
}

/// Compound annual growth rate `(v1/v0)^(1/(t1 − t0)) − 1`.
///
/// ```
/// let g = govframe_monitoring::method::cagr(60.0, 50.0, 2022, 2015);
/// assert!((g - 0.026388).abs() < 1e-6);
/// ```
pub fn cagr(v1: f64, v0: f64, t1: i32, t0: i32) -> f64 {
    let span = i64::from(t1) - i64::from(t0);
    // `1/span` from a table for the usual spans: the same correctly rounded quotient, without
    // a division per series (a measurable share of the batch kernel's time).
    let inv = match usize::try_from(span).ok().and_then(|i| RECIPROCALS.get(i)) {
        Some(&inv) if span > 0 => inv,
        _ => 1.0 / span as f64,
    };
    (v1 / v0).powf(inv) - 1.0
}

/// `1/n` for `n` in `0..64`, each the correctly rounded quotient that `1.0 / n` gives at run
/// time (IEEE 754 division is correctly rounded in constant evaluation too); entry 0 unused.
const RECIPROCALS: [f64; 64] = {
    let mut t = [0.0; 64];
    let mut n = 1;
    while n < 64 {
        t[n] = 1.0 / n as f64;
        n += 1;
    }
    t
};

/// The time weights `w_i = (T − t_1)/(T − t_i)` of `escap`'s extrapolation for `years`
/// (sorted, all before `target_year`).
///
/// ```
/// let w = govframe_monitoring::method::time_weights(&[2015, 2018, 2021], 2030);
/// assert_eq!(w.len(), 3);
/// assert!((w[2] - 1.666667).abs() < 1e-6);
/// ```
pub fn time_weights(years: &[i32], target_year: i32) -> Vec<f64> {
    let Some(first) = years.first() else {
        return Vec::new();
    };
    years
        .iter()
        .map(|&t| f64::from(target_year - first) / f64::from(target_year - t))
        .collect()
}

/// Open SDG's natural-limit factor `C` for a base value and a limit (exponent 4.44 by
/// default).
///
/// ```
/// let c = govframe_monitoring::method::limit_factor(95.0, 100.0, 4.44);
/// assert!((c - 0.20367).abs() < 1e-5);
/// ```
pub fn limit_factor(base: f64, limit: f64, exponent: f64) -> f64 {
    let (b, l) = (base.abs(), limit.abs());
    if b >= 2.0 * l {
        1.0
    } else if b <= l {
        1.0 - (b / l).powf(exponent)
    } else {
        1.0 - ((2.0 * l - b) / l).powf(exponent)
    }
}

/// Direction handling shared by the methods: the sign `d`, whether parity applies.
struct Dir {
    d: f64,
    parity: bool,
}

fn direction(spec: &SeriesSpec, rules: &mut RuleSet) -> Dir {
    match spec.direction {
        Direction::Increase => Dir {
            d: 1.0,
            parity: false,
        },
        Direction::Decrease => Dir {
            d: -1.0,
            parity: false,
        },
        Direction::Maintain => {
            rules.add(AppliedRule::MaintainAsIncrease);
            Dir {
                d: 1.0,
                parity: false,
            }
        }
        Direction::Parity => {
            rules.add(AppliedRule::ParityTransform);
            Dir {
                d: -1.0,
                parity: true,
            }
        }
    }
}

/// `max(y, 1/y)` for parity, `None` when `y ≤ 0`.
fn parity(y: f64) -> Option<f64> {
    (y > 0.0).then(|| y.max(1.0 / y))
}

/// One pass over a series: order check, parity transform, the points that matter. Points
/// after `to` are left out (the target-year window); `latest_all` ignores the window.
#[derive(Debug, Clone, Copy, Default)]
struct Scan {
    n: u32,
    last: Option<(i32, f64)>,
    exact: Option<(i32, f64)>,
    first_after: Option<(i32, f64)>,
    last_before: Option<(i32, f64)>,
    before_that: Option<(i32, f64)>,
    latest_all: Option<i32>,
}

#[inline(always)]
fn scan(
    points: &[(i32, f64)],
    parity: bool,
    to: i32,
    base_year: i32,
) -> Result<Scan, NotAssessedReason> {
    // Fast path: sorted, all finite, no transformation, nothing after `to` — the common
    // case, checked with two branch-free folds and answered with a binary search.
    let sorted = points.windows(2).fold(true, |ok, w| ok & (w[0].0 < w[1].0));
    let finite = points.iter().fold(true, |ok, p| ok & p.1.is_finite());
    if sorted
        && finite
        && !parity
        && let Some(&last) = points.last()
        && last.0 <= to
    {
        let i = points.partition_point(|p| p.0 < base_year);
        let exact = points.get(i).filter(|p| p.0 == base_year).copied();
        let after = if exact.is_some() { i + 1 } else { i };
        return Ok(Scan {
            n: u32::try_from(points.len()).unwrap_or(u32::MAX),
            last: Some(last),
            exact,
            first_after: points.get(after).copied(),
            last_before: i.checked_sub(1).and_then(|k| points.get(k)).copied(),
            before_that: i.checked_sub(2).and_then(|k| points.get(k)).copied(),
            latest_all: Some(last.0),
        });
    }
    let mut s = Scan::default();
    let mut prev: Option<i32> = None;
    for &(y, v) in points {
        if prev.is_some_and(|p| y <= p) {
            return Err(NotAssessedReason::InvalidSeries);
        }
        prev = Some(y);
        if !v.is_finite() {
            continue;
        }
        let v = if parity {
            match self::parity(v) {
                Some(v) => v,
                None => return Err(NotAssessedReason::NonPositiveValue),
            }
        } else {
            v
        };
        s.latest_all = Some(y);
        if y > to {
            continue;
        }
        s.n += 1;
        s.last = Some((y, v));
        if y == base_year {
            s.exact = Some((y, v));
        } else if y > base_year {
            if s.first_after.is_none() {
                s.first_after = Some((y, v));
            }
        } else {
            s.before_that = s.last_before;
            s.last_before = Some((y, v));
        }
    }
    Ok(s)
}

impl Scan {
    /// Open SDG's base: the base year, else the next later year with data.
    fn open_sdg_base(&self) -> Option<(i32, f64)> {
        self.exact.or(self.first_after)
    }

    /// The `unsdCagr` / `escap` base point, always before the latest year: the base year if
    /// it has a value; else the first later year that still leaves a later point; else the
    /// closest earlier year.
    fn unsd_base(&self) -> Option<(i32, f64)> {
        let latest = self.last?.0;
        let before = |p: Option<(i32, f64)>| p.filter(|p| p.0 < latest);
        before(self.exact)
            .or(before(self.first_after))
            .or(before(self.last_before))
            .or(before(self.before_that))
    }
}

/// The points of a series within `[from, to]`, finite, transformed for parity.
fn window(
    points: &[(i32, f64)],
    parity: bool,
    from: i32,
    to: i32,
) -> impl Iterator<Item = (i32, f64)> + '_ {
    points
        .iter()
        .filter(move |(y, v)| v.is_finite() && *y >= from && *y <= to)
        .map(move |&(y, v)| (y, if parity { v.max(1.0 / v) } else { v }))
}

fn target_met(d: f64, latest: f64, target: f64) -> bool {
    if d > 0.0 {
        latest >= target
    } else {
        latest <= target
    }
}

/// `unsdCagr`: the UN Statistics Division Progress Chart method (see the module docs).
///
/// ```
/// use govframe_core::Direction;
/// use govframe_monitoring::method::{unsd_cagr, SeriesSpec, UnsdParams};
/// use govframe_monitoring::ProgressStatus;
/// let spec = SeriesSpec::new(Direction::Increase).with_target(80.0, 2030);
/// let o = unsd_cagr(&[(2015, 50.0), (2022, 60.0)], &spec, &UnsdParams::default());
/// assert_eq!(o.score, Some(2.0));
/// assert_eq!(o.status, ProgressStatus::FairProgress);
/// assert!((o.value.unwrap() - 0.7967).abs() < 1e-4);
/// ```
pub fn unsd_cagr(points: &[(i32, f64)], spec: &SeriesSpec, p: &UnsdParams) -> Outcome {
    let mut o = Outcome::new(MethodKind::UnsdCagr);
    let dir = direction(spec, &mut o.rules);
    let d = dir.d;
    let target = match (spec.target, dir.parity) {
        (Some(t), true) => match parity(t) {
            Some(t) => Some(t),
            None => return o.fail(NotAssessedReason::NonPositiveValue),
        },
        (None, true) => Some(1.0),
        (t, false) => t,
    }
    .filter(|t| t.is_finite());
    let target_year = match spec.target_year {
        Some(y) => y,
        None => {
            if target.is_some() {
                o.rules.add(AppliedRule::DefaultTargetYear);
            }
            DEFAULT_TARGET_YEAR
        }
    };
    let to = if target.is_some() {
        target_year
    } else {
        i32::MAX
    };
    let sc = match scan(points, dir.parity, to, spec.base_year) {
        Ok(sc) => sc,
        Err(r) => return o.fail(r),
    };
    if sc.latest_all.is_some_and(|y| y > to) {
        o.rules.add(AppliedRule::TargetYearInPast);
    }
    o.target = target;
    o.target_year = target.map(|_| target_year);
    o.points = sc.n;
    let Some(latest) = sc.last else {
        return o.fail(NotAssessedReason::InsufficientData);
    };
    o.latest = Some(latest);
    if spec.binary {
        o.rules.add(AppliedRule::Binary);
        let yes = latest.1 >= 0.5;
        o.status = if yes {
            ProgressStatus::TargetMet
        } else {
            ProgressStatus::StagnationOrRegression
        };
        o.score = Some(if yes { 3.0 } else { 1.0 });
        return o;
    }
    let base = sc.unsd_base();
    if base.is_some_and(|b| b.0 != spec.base_year) {
        o.rules.add(AppliedRule::BaseYearFallback);
    }
    o.base = base;
    if let Some(t) = target {
        let tol = p.near_bound_tolerance.unwrap_or(1.0);
        let met = target_met(d, latest.1, t);
        let near = spec.percent
            && !dir.parity
            && ((t == 100.0 && latest.1 >= 100.0 - tol) || (t == 0.0 && latest.1 <= tol));
        if met || near {
            o.rules.add(if met {
                AppliedRule::TargetAlreadyMet
            } else {
                AppliedRule::NearBoundary
            });
            o.status = ProgressStatus::TargetMet;
            o.score = Some(3.0);
            return o.finite();
        }
    }
    let Some(base) = base else {
        return o.fail(NotAssessedReason::InsufficientData);
    };
    if target.is_some() && target_year <= base.0 {
        return o.fail(NotAssessedReason::TargetYearNotAfterBase);
    }
    if base.1 <= 0.0 || latest.1 <= 0.0 {
        return o.fail(NotAssessedReason::NonPositiveValue);
    }
    let g = cagr(latest.1, base.1, latest.0, base.0);
    let score = match target {
        Some(t) => {
            if d * (t - base.1) <= 0.0 {
                o.rules.add(if t == base.1 {
                    AppliedRule::TargetEqualsBase
                } else {
                    AppliedRule::BaseMetTarget
                });
                o.status = ProgressStatus::StagnationOrRegression;
                o.score = Some(1.0);
                o.value = Some(g);
                o.value_kind = Some(ValueKind::GrowthRate);
                return o.finite();
            }
            let expected = latest.1 * (1.0 + g).powf(f64::from(target_year - latest.0));
            let r = (expected - base.1) / (t - base.1);
            o.projected = Some(expected);
            o.value = Some(r);
            o.value_kind = Some(ValueKind::ExpectedProgressRatio);
            if r >= p.on_track.unwrap_or(0.95) {
                3
            } else if r >= p.fair.unwrap_or(0.10) {
                2
            } else {
                1
            }
        }
        None => {
            o.value = Some(g);
            o.value_kind = Some(ValueKind::GrowthRate);
            let (hi, lo) = (p.growth_high.unwrap_or(0.02), p.growth_low.unwrap_or(0.005));
            let dg = d * g;
            if dg >= hi {
                3
            } else if dg >= lo {
                2
            } else {
                1
            }
        }
    };
    o.score = Some(f64::from(score));
    o.status = match score {
        3 => ProgressStatus::OnTrack,
        2 => ProgressStatus::FairProgress,
        _ => ProgressStatus::StagnationOrRegression,
    };
    o.finite()
}

/// `openSdg`: the Statistics Canada / Open SDG progress measure (see the module docs).
///
/// ```
/// use govframe_core::Direction;
/// use govframe_monitoring::method::{open_sdg, OpenSdgParams, SeriesSpec};
/// use govframe_monitoring::ProgressStatus;
/// let spec = SeriesSpec::new(Direction::Increase).with_target(80.0, 2030);
/// let o = open_sdg(&[(2015, 50.0), (2022, 60.0)], &spec, &OpenSdgParams::default());
/// assert_eq!(o.status, ProgressStatus::ModerateProgress);
/// assert!((o.score.unwrap() - 1.6361).abs() < 1e-4);
/// ```
pub fn open_sdg(points: &[(i32, f64)], spec: &SeriesSpec, p: &OpenSdgParams) -> Outcome {
    let mut o = Outcome::new(MethodKind::OpenSdg);
    let dir = direction(spec, &mut o.rules);
    let d = dir.d;
    let mut target = match (spec.target, dir.parity) {
        (Some(t), true) => match parity(t) {
            Some(t) => Some(t),
            None => return o.fail(NotAssessedReason::NonPositiveValue),
        },
        (None, true) => Some(1.0),
        (t, false) => t,
    }
    .filter(|t| t.is_finite());
    if target == Some(0.0) {
        o.rules.add(AppliedRule::ZeroTargetReplaced);
        target = Some(0.001);
    }
    let target_year = spec.target_year.unwrap_or_else(|| {
        if target.is_some() {
            o.rules.add(AppliedRule::DefaultTargetYear);
        }
        DEFAULT_TARGET_YEAR
    });
    o.target = target;
    o.target_year = target.map(|_| target_year);
    let sc = match scan(points, dir.parity, i32::MAX, spec.base_year) {
        Ok(sc) => sc,
        Err(r) => return o.fail(r),
    };
    o.points = sc.n;
    let Some(latest) = sc.last else {
        return o.fail(NotAssessedReason::InsufficientData);
    };
    o.latest = Some(latest);
    let achieved = target.is_some_and(|t| target_met(d, latest.1, t));
    if achieved {
        o.rules.add(AppliedRule::TargetAlreadyMet);
    }
    if spec.binary {
        o.rules.add(AppliedRule::Binary);
        if latest.1 >= 0.5 {
            o.status = ProgressStatus::TargetAchieved;
            o.score = Some(5.0);
        } else {
            o.status = ProgressStatus::TargetNotAchieved;
        }
        return o;
    }
    let done = |mut o: Outcome| {
        o.status = ProgressStatus::TargetAchieved;
        o.score = Some(5.0);
        o.reason = None;
        o.finite()
    };
    // Base year: exact, else the next later year with data.
    let base = sc.open_sdg_base();
    let Some(base) = base else {
        return if achieved {
            done(o)
        } else {
            o.fail(NotAssessedReason::NoBaseValue)
        };
    };
    if base.0 != spec.base_year {
        o.rules.add(AppliedRule::BaseYearFallback);
    }
    o.base = Some(base);
    let sign = if base.1 < 0.0 {
        o.rules.add(AppliedRule::NegativeBase);
        -1.0
    } else {
        1.0
    };
    let method1 = target.is_none();
    let (mut high, mut med, low) = if method1 {
        (
            p.high.unwrap_or(0.015),
            p.med.unwrap_or(0.005),
            p.low.unwrap_or(0.0),
        )
    } else {
        (
            p.high.unwrap_or(0.95),
            p.med.unwrap_or(0.6),
            p.low.unwrap_or(0.0),
        )
    };
    let mut coeff = 1.0;
    if let Some(limit) = spec.limit.filter(|l| l.is_finite()) {
        if method1 {
            o.rules.add(AppliedRule::LimitScaling);
            coeff = limit_factor(base.1, limit, p.limit_exponent.unwrap_or(4.44));
            high *= coeff;
            med *= coeff;
        } else {
            o.rules.add(AppliedRule::LimitIgnored);
        }
    }
    let mut base_value = base.1;
    if base_value == 0.0 {
        o.rules.add(AppliedRule::ZeroBaseReplaced);
        base_value = 0.001;
    }
    let fail_or_done = |o: Outcome, r| if achieved { done(o) } else { o.fail(r) };
    if (base_value > 0.0 && latest.1 < 0.0) || (base_value < 0.0 && latest.1 > 0.0) {
        return fail_or_done(o, NotAssessedReason::SignChange);
    }
    if latest.0 - base.0 < 1 {
        return fail_or_done(o, NotAssessedReason::InsufficientData);
    }
    let observed = cagr(latest.1, base_value, latest.0, base.0);
    let pv = match target {
        None => {
            o.value_kind = Some(ValueKind::GrowthRate);
            sign * d * observed
        }
        Some(t) => {
            o.value_kind = Some(ValueKind::GrowthRatio);
            if target_year <= base.0 {
                return fail_or_done(o, NotAssessedReason::TargetYearNotAfterBase);
            }
            if (t > 0.0) != (base_value > 0.0) {
                return fail_or_done(o, NotAssessedReason::SignChange);
            }
            let required = cagr(t, base_value, target_year, base.0);
            if required == 0.0 {
                o.rules.add(AppliedRule::TargetEqualsBase);
                if achieved {
                    return done(o);
                }
                o.status = ProgressStatus::Deterioration;
                o.score = Some(-5.0);
                return o.finite();
            }
            sign * d * observed / required.abs()
        }
    };
    o.value = Some(pv);
    if achieved {
        return done(o);
    }
    o.status = if pv >= high {
        ProgressStatus::SubstantialProgress
    } else if pv >= med {
        ProgressStatus::ModerateProgress
    } else if pv >= low {
        ProgressStatus::LimitedProgress
    } else {
        ProgressStatus::Deterioration
    };
    let score = if method1 {
        if pv < low {
            (125.0 * pv - 2.5).max(-5.0)
        } else if coeff == 0.0 {
            5.0
        } else if pv >= high {
            (500.0 * pv / coeff - 5.0).min(5.0)
        } else if pv >= med {
            250.0 * pv / coeff - 1.25
        } else {
            500.0 * pv / coeff - 2.5
        }
    } else if pv >= med {
        (7.1429 * pv - 4.2857).min(5.0)
    } else {
        (4.1667 * pv - 2.5).max(-5.0)
    };
    o.score = Some(score);
    o.finite()
}

/// The Open SDG status of an aggregated score (`[2.5, 5]` substantial, `[0, 2.5)` moderate,
/// `[−2.5, 0)` limited, below deterioration); `targetAchieved` when every part achieved it.
pub fn open_sdg_status_from_score(score: f64, all_achieved: bool) -> ProgressStatus {
    if all_achieved {
        ProgressStatus::TargetAchieved
    } else if score >= 2.5 {
        ProgressStatus::SubstantialProgress
    } else if score >= 0.0 {
        ProgressStatus::ModerateProgress
    } else if score >= -2.5 {
        ProgressStatus::LimitedProgress
    } else {
        ProgressStatus::Deterioration
    }
}

/// `escap`: current status index and anticipated progress (the documented formalisation;
/// see the module docs).
///
/// ```
/// use govframe_core::Direction;
/// use govframe_monitoring::method::{escap, EscapParams, SeriesSpec};
/// use govframe_monitoring::ProgressStatus;
/// let spec = SeriesSpec::new(Direction::Increase).with_target(80.0, 2030);
/// let o = escap(&[(2015, 50.0), (2022, 60.0)], &spec, &EscapParams::default());
/// assert_eq!(o.status, ProgressStatus::Accelerate);
/// assert!((o.projected.unwrap() - 73.8999).abs() < 1e-4);
/// assert!((o.score.unwrap() - 3.333333).abs() < 1e-6);
/// ```
pub fn escap(points: &[(i32, f64)], spec: &SeriesSpec, p: &EscapParams) -> Outcome {
    let mut o = Outcome::new(MethodKind::Escap);
    let dir = direction(spec, &mut o.rules);
    let d = dir.d;
    let target = match (spec.target, dir.parity) {
        (Some(t), true) => match parity(t) {
            Some(t) => Some(t),
            None => return o.fail(NotAssessedReason::NonPositiveValue),
        },
        (None, true) => Some(1.0),
        (t, false) => t,
    }
    .filter(|t| t.is_finite());
    let Some(tv) = target else {
        return o.fail(NotAssessedReason::NoTarget);
    };
    let target_year = spec.target_year.unwrap_or_else(|| {
        o.rules.add(AppliedRule::DefaultTargetYear);
        DEFAULT_TARGET_YEAR
    });
    o.target = Some(tv);
    o.target_year = Some(target_year);
    let sc = match scan(points, dir.parity, target_year, spec.base_year) {
        Ok(sc) => sc,
        Err(r) => return o.fail(r),
    };
    if sc.latest_all.is_some_and(|y| y > target_year) {
        o.rules.add(AppliedRule::TargetYearInPast);
    }
    o.points = sc.n;
    let Some(latest) = sc.last else {
        return o.fail(NotAssessedReason::InsufficientData);
    };
    o.latest = Some(latest);
    if spec.binary {
        o.rules.add(AppliedRule::Binary);
        if latest.1 >= 0.5 {
            o.status = ProgressStatus::Maintain;
            o.score = Some(10.0);
        } else {
            o.status = ProgressStatus::Reverse;
        }
        return o;
    }
    let Some(base) = sc.unsd_base() else {
        return o.fail(NotAssessedReason::InsufficientData);
    };
    if base.0 != spec.base_year {
        o.rules.add(AppliedRule::BaseYearFallback);
    }
    o.base = Some(base);
    if target_year <= base.0 {
        return o.fail(NotAssessedReason::TargetYearNotAfterBase);
    }
    let from = p.trend_from_year.unwrap_or(base.0).min(base.0);
    let trend = || window(points, dir.parity, from, target_year);
    o.points = u32::try_from(trend().count()).unwrap_or(u32::MAX);
    // Current status index.
    let met = target_met(d, latest.1, tv);
    let cs = if met {
        o.rules.add(AppliedRule::TargetAlreadyMet);
        10.0
    } else if tv == base.1 {
        o.rules.add(AppliedRule::TargetEqualsBase);
        -10.0
    } else {
        10.0 * d * (latest.1 - base.1) / (tv - base.1).abs()
    };
    if !(-10.0..=10.0).contains(&cs) {
        o.rules.add(AppliedRule::ScoreClamped);
    }
    o.score = Some(cs.clamp(-10.0, 10.0));
    // Anticipated value.
    let projected = if latest.0 >= target_year {
        latest.1
    } else {
        if trend().any(|(_, v)| v <= 0.0) {
            return o.fail(NotAssessedReason::NonPositiveValue);
        }
        let weighting = p.weighting.unwrap_or_default();
        let first = trend().next().map_or(base.0, |f| f.0);
        let (mut num, mut den) = (0.0, 0.0);
        let mut prev: Option<(i32, f64)> = None;
        for (y, v) in trend() {
            if let Some((py, pv)) = prev {
                let w = match weighting {
                    EscapWeighting::TimeWeighted => {
                        f64::from(target_year - first) / f64::from(target_year - y)
                    }
                    EscapWeighting::Equal => 1.0,
                };
                num += w * (v / pv).ln();
                den += w * f64::from(y - py);
            }
            prev = Some((y, v));
        }
        if den <= 0.0 {
            return o.fail(NotAssessedReason::InsufficientData);
        }
        latest.1 * (num / den * f64::from(target_year - latest.0)).exp()
    };
    o.projected = Some(projected);
    if d * (projected - tv) >= 0.0 {
        o.status = ProgressStatus::Maintain;
        if tv != base.1 {
            o.value = Some((projected - base.1) / (tv - base.1));
            o.value_kind = Some(ValueKind::AnticipatedProgressRatio);
        }
        return o.finite();
    }
    if tv == base.1 {
        o.status = ProgressStatus::Reverse;
        return o.finite();
    }
    let ratio = (projected - base.1) / (tv - base.1);
    o.value = Some(ratio);
    o.value_kind = Some(ValueKind::AnticipatedProgressRatio);
    o.status = if ratio > 0.0 {
        ProgressStatus::Accelerate
    } else {
        ProgressStatus::Reverse
    };
    o.finite()
}

/// Many series in one columnar buffer: series `i` has the years
/// `years[offsets[i]..offsets[i + 1]]` and the values at the same positions of `values`, and
/// the spec `specs[i]`.
///
/// Years and values are separate columns, as in govframe-statistics' `DataCube` or an Arrow
/// table: a batch pass over the years streams 4 bytes a point, and one over years and values
/// 12, instead of the 16 of a padded `(i32, f64)` pair (`benches/MONITORING.md`).
#[derive(Debug, Clone, Copy)]
pub struct Panel<'a> {
    /// Every year, series after series.
    pub years: &'a [i32],
    /// Every value, at the position of its year.
    pub values: &'a [f64],
    /// `len() + 1` offsets into `years` and `values`, non-decreasing.
    pub offsets: &'a [usize],
    /// One spec per series.
    pub specs: &'a [SeriesSpec],
}

impl Panel<'_> {
    /// Number of series.
    pub fn len(&self) -> usize {
        self.specs.len().min(self.offsets.len().saturating_sub(1))
    }

    /// Whether there is no series.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The years and the values of series `i` (both empty when its offsets are out of the
    /// range of either column).
    pub fn series(&self, i: usize) -> (&[i32], &[f64]) {
        let range = match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        };
        match (self.years.get(range.clone()), self.values.get(range)) {
            (Some(y), Some(v)) => (y, v),
            _ => (&[], &[]),
        }
    }

    /// Series `i` as `(year, value)` points, the series type of the methods, written into
    /// `buf` (cleared first).
    ///
    /// ```
    /// use govframe_core::Direction;
    /// use govframe_monitoring::method::{Panel, SeriesSpec};
    /// let specs = [SeriesSpec::new(Direction::Increase)];
    /// let panel = Panel {
    ///     years: &[2015, 2022],
    ///     values: &[50.0, 60.0],
    ///     offsets: &[0, 2],
    ///     specs: &specs,
    /// };
    /// let mut buf = Vec::new();
    /// assert_eq!(panel.points_into(0, &mut buf), &[(2015, 50.0), (2022, 60.0)]);
    /// ```
    pub fn points_into<'b>(&self, i: usize, buf: &'b mut Vec<(i32, f64)>) -> &'b [(i32, f64)] {
        let (years, values) = self.series(i);
        buf.clear();
        buf.extend(years.iter().copied().zip(values.iter().copied()));
        buf
    }
}

/// Runs `run(start, slice)` over `out` in contiguous chunks of `chunk`, one scoped thread per
/// chunk (on the calling thread when `threads` is 1).
fn in_chunks<T, R>(out: &mut [T], threads: usize, chunk: usize, run: R)
where
    T: Send,
    R: Fn(usize, &mut [T]) + Sync,
{
    if threads == 1 {
        run(0, out);
    } else {
        std::thread::scope(|s| {
            for (c, slice) in out.chunks_mut(chunk).enumerate() {
                let run = &run;
                s.spawn(move || run(c * chunk, slice));
            }
        });
    }
}

/// Assesses every series of `panel` with `method` on `threads` threads (scoped standard
/// threads, contiguous chunks), keeping what `keep` makes of each outcome. The result is the
/// same for any number of threads. O(points / threads).
///
/// ```
/// use govframe_core::Direction;
/// use govframe_monitoring::method::{assess_panel, MethodSpec, MethodKind, Panel, SeriesSpec};
/// let specs = [
///     SeriesSpec::new(Direction::Increase).with_target(80.0, 2030),
///     SeriesSpec::new(Direction::Decrease).with_target(20.0, 2030),
/// ];
/// let panel = Panel {
///     years: &[2015, 2022, 2015, 2021],
///     values: &[50.0, 60.0, 40.0, 30.0],
///     offsets: &[0, 2, 4],
///     specs: &specs,
/// };
/// let method = MethodSpec::default_for(MethodKind::OpenSdg);
/// let scores = assess_panel(&method, &panel, 2, |_, o| o.score.unwrap_or(f64::NAN));
/// assert!((scores[0] - 1.636061).abs() < 1e-6 && (scores[1] - 3.119344).abs() < 1e-6);
/// ```
pub fn assess_panel<T, F>(method: &MethodSpec, panel: &Panel<'_>, threads: usize, keep: F) -> Vec<T>
where
    T: Send + Clone + Default,
    F: Fn(usize, &Outcome) -> T + Sync,
{
    let n = panel.len();
    let mut out = vec![T::default(); n];
    let threads = threads.clamp(1, n.max(1));
    let chunk = n.div_ceil(threads).max(1);
    let run = |start: usize, slice: &mut [T]| {
        let mut buf = Vec::new();
        for (k, slot) in slice.iter_mut().enumerate() {
            let i = start + k;
            if let Some(spec) = panel.specs.get(i) {
                *slot = keep(i, &method.assess(panel.points_into(i, &mut buf), spec));
            }
        }
    };
    in_chunks(&mut out, threads, chunk, run);
    out
}

/// Assesses every series of `panel` with `method` on `threads` threads, like
/// [`assess_panel`], but hands `keep` only the status and the score of each series — the
/// same status and the same score bits that [`MethodSpec::assess`] gives. For `openSdg` this
/// uses a batch kernel that computes only the status and the score (the series that it does
/// not handle — parity, binary, empty, unsorted, or with a non-finite base or latest value —
/// go through the full method), about twice as fast as building an [`Outcome`] per series. The result is
/// the same for any number of threads. O(points / threads).
///
/// ```
/// use govframe_core::Direction;
/// use govframe_monitoring::method::{
///     assess_panel_status, MethodSpec, MethodKind, Panel, SeriesSpec,
/// };
/// use govframe_monitoring::ProgressStatus;
/// let specs = [
///     SeriesSpec::new(Direction::Increase).with_target(80.0, 2030),
///     SeriesSpec::new(Direction::Decrease).with_target(20.0, 2030),
/// ];
/// let panel = Panel {
///     years: &[2015, 2022, 2015, 2021],
///     values: &[50.0, 60.0, 40.0, 30.0],
///     offsets: &[0, 2, 4],
///     specs: &specs,
/// };
/// let method = MethodSpec::default_for(MethodKind::OpenSdg);
/// let r = assess_panel_status(&method, &panel, 2, |_, status, score| (status, score));
/// assert_eq!(r[0].0, ProgressStatus::ModerateProgress);
/// assert!((r[0].1.unwrap() - 1.636061).abs() < 1e-6);
/// assert!((r[1].1.unwrap() - 3.119344).abs() < 1e-6);
/// ```
pub fn assess_panel_status<T, F>(
    method: &MethodSpec,
    panel: &Panel<'_>,
    threads: usize,
    keep: F,
) -> Vec<T>
where
    T: Send + Clone + Default,
    F: Fn(usize, ProgressStatus, Option<f64>) -> T + Sync,
{
    let n = panel.len();
    let mut out = vec![T::default(); n];
    let threads = threads.clamp(1, n.max(1));
    let chunk = n.div_ceil(threads).max(1);
    let run = |start: usize, slice: &mut [T]| {
        let specs = panel.specs.get(start..).unwrap_or(&[]);
        match method {
            MethodSpec::OpenSdg { params } => {
                let resolved = fast::Resolved::new(&params.unwrap_or_default());
                fast::run_open_sdg(panel, start, slice, &resolved, &keep);
            }
            _ => {
                let mut buf = Vec::new();
                for (k, (slot, spec)) in slice.iter_mut().zip(specs).enumerate() {
                    let i = start + k;
                    let o = method.assess(panel.points_into(i, &mut buf), spec);
                    *slot = keep(i, o.status, o.score);
                }
            }
        }
    };
    in_chunks(&mut out, threads, chunk, run);
    out
}

#[cfg(test)]
mod tests {
    use super::{RECIPROCALS, cagr};

    #[test]
    fn reciprocals_are_the_run_time_quotients() {
        for (n, &r) in RECIPROCALS.iter().enumerate().skip(1) {
            let runtime = 1.0 / std::hint::black_box(n as f64);
            assert_eq!(r.to_bits(), runtime.to_bits(), "1/{n}");
        }
    }

    #[test]
    fn cagr_divides_for_spans_outside_the_table() {
        let by_division = |v1: f64, v0: f64, span: i64| (v1 / v0).powf(1.0 / span as f64) - 1.0;
        for span in [-3i32, 1, 2, 7, 15, 63, 64, 65, 1000] {
            for (v1, v0) in [(60.0, 50.0), (0.3, 7.0), (1e-300, 3.0), (0.0, 1.0)] {
                let got = cagr(v1, v0, 2015 + span, 2015);
                let want = by_division(v1, v0, i64::from(span));
                assert_eq!(got.to_bits(), want.to_bits(), "{v1} {v0} {span}");
            }
        }
        // Spans past the range of `i32` do not overflow.
        assert!(cagr(2.0, 1.0, i32::MAX, i32::MIN).is_finite());
    }
}
