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
