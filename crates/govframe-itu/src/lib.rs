//! # govframe-itu
//!
//! The ITU's own frameworks as ready, sourced govframe documents, compiled into the crate and
//! parsed once on first use: the Strategic Plans 2016-2019 (Connect 2020), 2020-2023 and
//! 2024-2027, and the ICT Development Index definitions of 2010 and 2023.
//!
//! Every goal, target, objective and outcome carries at least one source with a URL; what could
//! not be found in a public source is left out, and each plan's `notes` say what is missing
//! (see also `SOURCES.md` in this crate).
//!
//! It also bundles the meeting platforms where consensus on digital governance is built — the
//! ITU's own (PP, Council, WTDC and its regional preparatory meetings, WTSA, WRC, GSR, WTIS,
//! WSIS Forum) and the high-level platforms the founding contribution names (G20, IGF, WTO,
//! IMF, World Bank, OECD, World Economic Forum, ISO/IEC, IEEE) — as a platform registry
//! ([`platforms`]); the governance landscape the contribution describes ([`landscape`]); and
//! the contribution itself, with its three proposals on the 2024-2027 plan
//! ([`contribution_digital_governance_platforms`]). Every platform, edition and mechanism
//! cites a public source with a URL.
//!
//! It also bundles a sample of ITU's published world and regional ICT aggregates
//! ([`ict_aggregates`], every observation with its source URL) and a monitoring framework
//! binding them to the plans' quantified targets ([`monitoring_framework`]), so that progress
//! can be assessed with nothing but this crate.
//!
//! ```
//! let plan = govframe_itu::strategic_plan_2016_2019();
//! assert_eq!(plan.id.as_str(), "itu-sp-2016-2019");
//! let t = plan.targets.iter().find(|t| t.id.as_str() == "target-2.1.A").unwrap();
//! let q = t.quantity.as_ref().unwrap();
//! assert_eq!((q.value, q.year), (50.0, 2020));
//! assert!(t.sources.iter().all(|s| s.url.is_some()));
//! ```

use std::sync::OnceLock;

use govframe_development::CompositeIndex;
use govframe_strategy::StrategicPlan;

/// A document bundled with the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bundled {
    /// File name used by `govframe itu export`.
    pub file_name: &'static str,
    /// The document's `kind`.
    pub kind: &'static str,
    /// The document's `id`.
    pub id: &'static str,
    /// The JSON text, as shipped.
    pub json: &'static str,
}

const SP_2016_2019: &str = include_str!("../data/itu-sp-2016-2019.json");
const SP_2020_2023: &str = include_str!("../data/itu-sp-2020-2023.json");
const SP_2024_2027: &str = include_str!("../data/itu-sp-2024-2027.json");
const IDI_2010: &str = include_str!("../data/idi-2010.json");
const IDI_2023: &str = include_str!("../data/idi-2023.json");
const ICT_AGGREGATES: &str = include_str!("../data/itu-ict-aggregates.json");
const MONITORING: &str = include_str!("../data/itu-monitoring.json");
const PLATFORMS: &str = include_str!("../data/itu-platforms.json");
const LANDSCAPE: &str = include_str!("../data/itu-landscape.json");
const CONTRIBUTION: &str = include_str!("../data/itu-contribution-sp-2024-2027.json");

static BUNDLED: &[Bundled] = &[
    Bundled {
        file_name: "itu-sp-2016-2019.json",
        kind: "strategicPlan",
        id: "itu-sp-2016-2019",
        json: SP_2016_2019,
    },
    Bundled {
        file_name: "itu-sp-2020-2023.json",
        kind: "strategicPlan",
        id: "itu-sp-2020-2023",
        json: SP_2020_2023,
    },
    Bundled {
        file_name: "itu-sp-2024-2027.json",
        kind: "strategicPlan",
        id: "itu-sp-2024-2027",
        json: SP_2024_2027,
    },
    Bundled {
        file_name: "idi-2010.json",
        kind: "compositeIndex",
        id: "itu-idi-2010",
        json: IDI_2010,
    },
    Bundled {
        file_name: "idi-2023.json",
        kind: "compositeIndex",
        id: "itu-idi-2023",
        json: IDI_2023,
    },
    Bundled {
        file_name: "itu-ict-aggregates.json",
        kind: "dataset",
        id: "itu-ict-aggregates",
        json: ICT_AGGREGATES,
    },
    Bundled {
        file_name: "itu-monitoring.json",
        kind: "monitoringFramework",
        id: "itu-connectivity-monitoring",
        json: MONITORING,
    },
    Bundled {
        file_name: "itu-platforms.json",
        kind: "platformRegistry",
        id: "itu-platforms",
        json: PLATFORMS,
    },
    Bundled {
        file_name: "itu-landscape.json",
        kind: "governanceLandscape",
        id: "itu-landscape",
        json: LANDSCAPE,
    },
    Bundled {
        file_name: "itu-contribution-sp-2024-2027.json",
        kind: "contribution",
        id: "itu-contribution-sp-2024-2027",
        json: CONTRIBUTION,
    },
];

/// Every bundled document, in a stable order.
pub fn all() -> &'static [Bundled] {
    BUNDLED
}

/// Parses a bundled document once. The text is compiled in and checked by this crate's tests
/// (parse, schema and semantics), so a failure here is a build defect, not bad user input.
fn parsed<T: serde::de::DeserializeOwned>(
    cell: &'static OnceLock<T>,
    json: &'static str,
) -> &'static T {
    cell.get_or_init(|| {
        #[allow(clippy::expect_used)]
        serde_json::from_str(json).expect("bundled document is valid (checked by tests/bundled.rs)")
    })
}

/// ITU Strategic Plan 2016-2019 ("Connect 2020"), Resolution 71 (Rev. Busan, 2014).
pub fn strategic_plan_2016_2019() -> &'static StrategicPlan {
    static CELL: OnceLock<StrategicPlan> = OnceLock::new();
    parsed(&CELL, SP_2016_2019)
}

/// ITU Strategic Plan 2020-2023, Resolution 71 (Rev. Dubai, 2018).
pub fn strategic_plan_2020_2023() -> &'static StrategicPlan {
    static CELL: OnceLock<StrategicPlan> = OnceLock::new();
    parsed(&CELL, SP_2020_2023)
}

/// ITU Strategic Plan 2024-2027, Resolution 71 (Rev. Bucharest, 2022).
pub fn strategic_plan_2024_2027() -> &'static StrategicPlan {
    static CELL: OnceLock<StrategicPlan> = OnceLock::new();
    parsed(&CELL, SP_2024_2027)
}

/// The ICT Development Index 2010 (Measuring the Information Society 2010): 11 indicators in
/// three sub-indices, with the published reference values and weights.
pub fn idi_2010() -> &'static CompositeIndex {
    static CELL: OnceLock<CompositeIndex> = OnceLock::new();
    parsed(&CELL, IDI_2010)
}

/// The ICT Development Index 2023 structure: two pillars and ten indicators with their ITU
/// DataHub codes. Goalposts that could not be sourced are parameters (see the notes).
pub fn idi_2023() -> &'static CompositeIndex {
    static CELL: OnceLock<CompositeIndex> = OnceLock::new();
    parsed(&CELL, IDI_2023)
}

/// A sample of ITU's published world and regional ICT aggregates, as a `dataset` document
/// (`itu-ict-aggregates`): individuals using the Internet (`i99H`), households with Internet
/// access at home (`xHH6`) and active mobile-broadband subscriptions per 100 inhabitants
/// (`i911mw`) for the world (`WLD`), developing and developed countries, LDCs, LLDCs and the
/// six ITU regions, by year.
///
/// Every observation carries, as attributes, the URL it was read at (`SOURCE_URL`), the
/// publication (`SOURCE_TITLE`), the sentence the number was read from (`SOURCE_QUOTE`) and a
/// note on rounding or vintage (`COMMENT_OBS`). Values are as published (often rounded to a
/// whole per cent); ITU revises its estimates between editions, so values of different
/// vintages are not strictly comparable (see `SOURCES.md`).
///
/// ```
/// let data = govframe_itu::ict_aggregates();
/// assert_eq!(data.id.as_str(), "itu-ict-aggregates");
/// let url = data.attributes.iter().position(|a| a.id.as_str() == "SOURCE_URL").unwrap();
/// let o = data
///     .observations
///     .iter()
///     .find(|o| o.key == ["xHH6", "WLD", "2018"])
///     .unwrap();
/// assert_eq!(o.values[0], Some(govframe_statistics::ObsValue::Number(57.8)));
/// assert!(matches!(&o.attributes[url],
///     Some(govframe_statistics::AttributeValue::Text(u)) if u.starts_with("https://")));
/// ```
pub fn ict_aggregates() -> &'static govframe_statistics::Dataset {
    static CELL: OnceLock<govframe_statistics::Dataset> = OnceLock::new();
    parsed(&CELL, ICT_AGGREGATES)
}

/// The monitoring framework (`itu-connectivity-monitoring`) that binds the series of
/// [`ict_aggregates`] to the quantified Internet-access and Internet-use targets of the
/// Strategic Plans 2016-2019 (1.1, 1.2, 2.1.A, 2.1.B, 2.2.A, 2.2.B) and 2020-2023 (2.1), with
/// base year 2015 and the Open SDG method (mobile broadband: trend only, UNSD method).
///
/// ```
/// use govframe_monitoring::{AssessOptions, Observations, scorecard, statistics::read_bytes};
/// let framework = govframe_itu::monitoring_framework();
/// let mut data = Observations::new();
/// let json = govframe_itu::all().iter().find(|b| b.id == "itu-ict-aggregates").unwrap().json;
/// read_bytes(json.as_bytes(), "itu-ict-aggregates.json", &mut data)?;
/// data.finish();
/// let plan = govframe_itu::strategic_plan_2016_2019();
/// let report = scorecard(plan, framework, &data, None, &AssessOptions::default());
/// let t = report.targets.iter()
///     .find(|t| t.subject.as_str() == "itu-sp-2016-2019#target-1.1").unwrap();
/// assert_eq!(t.status.as_str(), "targetAchieved"); // 57.8 % of households in 2018
/// # Ok::<(), govframe_monitoring::Error>(())
/// ```
pub fn monitoring_framework() -> &'static govframe_monitoring::MonitoringFramework {
    static CELL: OnceLock<govframe_monitoring::MonitoringFramework> = OnceLock::new();
    parsed(&CELL, MONITORING)
}

/// The meeting platforms (`itu-platforms`): the ITU's Plenipotentiary Conference, Council,
/// the Council Working Group that drafted the 2024-2027 plan, WTDC and its regional
/// preparatory meetings, WTSA, WRC, GSR, WTIS and the WSIS Forum, with their editions (dates
/// and venues where sourced); and the non-ITU high-level platforms the founding contribution
/// names (G20, IGF, WTO, IMF, World Bank, OECD, World Economic Forum, ISO/IEC JTC 1/SC 42,
/// IEEE P7000). Every platform and edition cites a source with a URL; what could not be
/// sourced is listed in the registry's `notes`.
///
/// ```
/// let reg = govframe_itu::platforms();
/// let (gsr, edition) = reg.edition("gsr-24").unwrap();
/// assert_eq!(gsr.acronym.as_deref(), Some("GSR"));
/// assert_eq!(edition.start.to_string(), "2024-07-01");
/// assert_eq!(edition.venue.as_ref().unwrap().country().unwrap().as_str(), "UGA");
/// assert!(reg.platforms.iter().all(|p| p.sources.iter().any(|s| s.url.is_some())));
/// ```
pub fn platforms() -> &'static govframe_platforms::PlatformRegistry {
    static CELL: OnceLock<govframe_platforms::PlatformRegistry> = OnceLock::new();
    parsed(&CELL, PLATFORMS)
}

/// The governance landscape (`itu-landscape`) that the founding contribution describes: the
/// G20 digital economy track (Hangzhou, 2016), the WTO joint statement initiative on
/// electronic commerce, CPTPP, the U.S.-Japan Digital Trade Agreement, the EU-Japan EPA,
/// RCEP, the China-EU High-level Digital Dialogue of September 2020, ISO/IEC and IEEE work on
/// AI ethics, the OECD AI Recommendation and the IGF — with parties where sourced, and links
/// to the platforms of [`platforms`].
///
/// ```
/// let l = govframe_itu::landscape();
/// let rcep = l.mechanisms.iter().find(|m| m.id.as_str() == "rcep").unwrap();
/// assert_eq!(rcep.parties.len(), 15);
/// assert_eq!(rcep.instruments[0].in_force.unwrap().to_string(), "2022-01-01");
/// let analysis = govframe_platforms::analyze(l, None);
/// assert!(!analysis.themes.is_empty());
/// ```
pub fn landscape() -> &'static govframe_platforms::GovernanceLandscape {
    static CELL: OnceLock<govframe_platforms::GovernanceLandscape> = OnceLock::new();
    parsed(&CELL, LANDSCAPE)
}

/// The contribution this project grew from (`itu-contribution-sp-2024-2027`): "Recommendations
/// to include leveraging existing high-level international meeting platforms to promote global
/// consensus on digital governance in the inter-sectoral objectives of ITU Strategic Plan for
/// 2024-2027", by the People's Republic of China, with its three ADD proposals on the
/// 2024-2027 plan (a new inter-sectoral objective; the consensus areas and the four research
/// frameworks; an annual research report). Its background, analysis and footnotes are kept
/// verbatim under `extensions["org.govframe.itu"]`, with notes on what the text does not give
/// (document number, date, meeting — left out). The proposals name the plan they amend
/// (`document`) and cite the part (`provision`): the plan's inter-sectoral objectives are not
/// modelled, since none was found in a source.
///
/// ```
/// let c = govframe_itu::contribution_digital_governance_platforms();
/// assert_eq!(c.proposals.len(), 3);
/// assert!(c.proposals.iter().all(|p| p.document.as_ref().unwrap().as_str() == "itu-sp-2024-2027"));
/// assert!(c.document_number.is_none() && c.date.is_none()); // the text gives neither
/// let text = c.proposals[0].text.as_ref().unwrap().best("en");
/// assert!(text.contains("\"inter-sectoral objectives\""));
/// ```
pub fn contribution_digital_governance_platforms() -> &'static govframe_platforms::Contribution {
    static CELL: OnceLock<govframe_platforms::Contribution> = OnceLock::new();
    parsed(&CELL, CONTRIBUTION)
}
