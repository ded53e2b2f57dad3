//! Values shared by the documents of this crate: themes, web addresses, stakeholder standing,
//! and a helper that reports duplicate ids with the path of the first use.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use govframe_core::{Id, Issues, StakeholderKind};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::Error;

govframe_core::open_code_list! {
    /// A theme of digital governance that a platform, consultation or mechanism covers.
    pub enum Theme {
        /// Governance of artificial intelligence.
        AiGovernance = "aiGovernance",
        /// The digital divide: access, affordability, meaningful connectivity.
        DigitalDivide = "digitalDivide",
        /// Digital security and trust (cybersecurity).
        DigitalSecurity = "digitalSecurity",
        /// Governance of data: flows, protection, sharing.
        DataGovernance = "dataGovernance",
        /// Electronic commerce and the digital economy.
        Ecommerce = "ecommerce",
        /// Emergency telecommunications and disaster response.
        EmergencyTelecommunications = "emergencyTelecommunications",
        /// Technical standards.
        Standards = "standards",
        /// Connectivity and infrastructure.
        Connectivity = "connectivity",
        /// Radio spectrum and satellite orbits.
        Spectrum = "spectrum",
        /// Internet governance (names, numbers, protocols, policy).
        InternetGovernance = "internetGovernance",
        /// Digital inclusion (gender, persons with disabilities, youth).
        DigitalInclusion = "digitalInclusion",
        /// Digital skills and capacity building.
        DigitalSkills = "digitalSkills",
        /// Environment: e-waste, climate, energy.
        Environment = "environment",
        /// Measurement and statistics of the digital economy and society.
        Measurement = "measurement",
        /// Regulation of telecommunications and digital markets.
        Regulation = "regulation",
    }
}

pub use govframe_core::url::{WEB_URL_PATTERN, WebUrl};

/// A share between 0 and 1 inclusive (a finite number), checked by serde and by the schema
/// alike.
///
/// ```
/// use govframe_platforms::Share;
/// assert_eq!(Share::new(0.25)?.get(), 0.25);
/// assert!(Share::new(1.5).is_err());
/// assert!(Share::new(f64::NAN).is_err());
/// assert!(serde_json::from_str::<Share>("-0.1").is_err());
/// # Ok::<(), govframe_platforms::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Share(f64);

impl Share {
    /// Checks and wraps a share.
    pub fn new(value: f64) -> Result<Self, Error> {
        if (0.0..=1.0).contains(&value) {
            // -0.0 is stored as 0.0 so that it prints as 0.
            Ok(Self(value + 0.0))
        } else {
            Err(Error::InvalidShare(value))
        }
    }

    /// A share computed from a ratio of counts: `num / den`, clamped into 0..=1 and 0 when
    /// `den` is 0.
    pub fn ratio(num: u64, den: u64) -> Self {
        if den == 0 {
            return Self(0.0);
        }
        Self((num as f64 / den as f64).clamp(0.0, 1.0))
    }

    /// A share from a computed value, clamped into 0..=1 (NaN becomes 0).
    pub fn clamped(value: f64) -> Self {
        if value.is_nan() {
            Self(0.0)
        } else {
            Self(value.clamp(0.0, 1.0) + 0.0)
        }
    }

    /// The value.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Share {
    type Error = Error;
    fn try_from(value: f64) -> Result<Self, Error> {
        Self::new(value)
    }
}

impl From<Share> for f64 {
    fn from(s: Share) -> Self {
        s.0
    }
}

impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl JsonSchema for Share {
    fn schema_name() -> Cow<'static, str> {
        "Share".into()
    }
    fn schema_id() -> Cow<'static, str> {
        "govframe_platforms::Share".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "description": "A share from 0 to 1 inclusive.",
            "minimum": 0,
            "maximum": 1,
        })
    }
}

/// What a participant may do in a decision.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Standing {
    /// Full standing: votes under a majority rule, and a formal objection blocks consensus.
    Voting,
    /// Takes part (speaks, submits contributions, states positions) without a vote: positions
    /// are recorded but not counted, and objections do not block.
    NonVoting,
    /// Attends without taking part in decisions; positions are recorded but not counted.
    Observer,
}

impl Standing {
    /// Whether positions with this standing count in decisions.
    pub fn counts(self) -> bool {
        self == Self::Voting
    }

    /// The ITU default (Constitution Art. 3, Convention No. 407; membership categories): one
    /// vote per Member State; Sector Members, Associates and Academia take part without a
    /// vote; everyone else observes.
    ///
    /// ```
    /// use govframe_core::StakeholderKind;
    /// use govframe_platforms::Standing;
    /// assert_eq!(Standing::itu_default(StakeholderKind::MemberState), Standing::Voting);
    /// assert_eq!(Standing::itu_default(StakeholderKind::Academia), Standing::NonVoting);
    /// assert_eq!(Standing::itu_default(StakeholderKind::CivilSociety), Standing::Observer);
    /// ```
    pub fn itu_default(kind: StakeholderKind) -> Self {
        match kind {
            StakeholderKind::MemberState => Self::Voting,
            StakeholderKind::SectorMember
            | StakeholderKind::Associate
            | StakeholderKind::Academia => Self::NonVoting,
            _ => Self::Observer,
        }
    }

    /// The value as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Voting => "voting",
            Self::NonVoting => "nonVoting",
            Self::Observer => "observer",
        }
    }
}

/// The standing of one stakeholder kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StandingRule {
    /// The stakeholder kind.
    pub stakeholder: StakeholderKind,
    /// Its standing.
    pub standing: Standing,
}

/// The standing of `kind` under `table`, falling back to [`Standing::itu_default`].
/// O(table length).
pub fn standing_in(table: &[StandingRule], kind: StakeholderKind) -> Standing {
    table
        .iter()
        .find(|r| r.stakeholder == kind)
        .map_or_else(|| Standing::itu_default(kind), |r| r.standing)
}

/// Reports a stakeholder kind listed twice in a standing table (`platforms.standing.duplicate`).
pub(crate) fn check_standing_table(
    table: &[StandingRule],
    at: impl Fn(usize) -> String,
    issues: &mut Issues,
) {
    let mut seen: Vec<StakeholderKind> = Vec::with_capacity(table.len());
    for (i, r) in table.iter().enumerate() {
        if seen.contains(&r.stakeholder) {
            issues
                .error(
                    "platforms.standing.duplicate",
                    at(i),
                    format!("the standing of {:?} is given twice", r.stakeholder),
                )
                .help = Some("list each stakeholder kind once".into());
        } else {
            seen.push(r.stakeholder);
        }
    }
}

/// Reports every id already used, with the path of the repeat and of the first use
/// (`platforms.duplicate-id`). O(n) with hashing.
pub(crate) fn unique_ids<'a>(
    issues: &mut Issues,
    sites: impl IntoIterator<Item = (&'a Id, String)>,
) {
    let mut seen: HashMap<&str, String> = HashMap::new();
    for (id, path) in sites {
        match seen.get(id.as_str()) {
            Some(first) => {
                let msg = format!("id {:?} is already used at {first}", id.as_str());
                issues.error("platforms.duplicate-id", path, msg).help =
                    Some("ids must be unique inside a document".into());
            }
            None => {
                seen.insert(id.as_str(), path);
            }
        }
    }
}

/// Whether a list has a repeated element; returns the index of each repeat. O(n log n).
pub(crate) fn repeats<T: Ord>(items: &[T]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_by(|&a, &b| items[a].cmp(&items[b]).then(a.cmp(&b)));
    let mut out: Vec<usize> = idx
        .windows(2)
        .filter(|w| items[w[0]] == items[w[1]])
        .map(|w| w[1])
        .collect();
    out.sort_unstable();
    out
}

/// A u32 from a count (saturating, never panics).
pub(crate) fn count32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Derives an id `prefix-<id>`, falling back to `fallback` and then to `id` itself when the
/// result would be too long.
pub(crate) fn derived_id(prefix: &str, id: &Id, fallback: &str) -> Id {
    Id::new(format!("{prefix}-{}", id.as_str()))
        .or_else(|_| Id::new(fallback))
        .unwrap_or_else(|_| id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_rule_matches_pattern() {
        for (s, ok) in [
            ("https://a", true),
            ("http://a/b?c=d#e", true),
            ("https://", false),
            ("http:// x", false),
            ("mailto:x", false),
            ("https://x\n", false),
            ("HTTPS://x", false),
            ("https://例え.jp", false),
            ("https://xn--r8jz45g.jp", true),
        ] {
            assert_eq!(WebUrl::new(s).is_ok(), ok, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn url_rule_matches_schema_pattern(s in "(https?://)?[ -~\\n\u{e9}]{0,12}") {
            let re = regex::Regex::new(WEB_URL_PATTERN).unwrap();
            proptest::prop_assert_eq!(WebUrl::new(s.clone()).is_ok(), re.is_match(&s), "{:?}", s);
        }

        #[test]
        fn share_rule_matches_schema_range(x in -2.0f64..2.0) {
            proptest::prop_assert_eq!(Share::new(x).is_ok(), (0.0..=1.0).contains(&x));
        }
    }

    #[test]
    fn repeats_are_found() {
        assert_eq!(repeats(&[3, 1, 3, 2, 1]), vec![2, 4]);
        assert!(repeats::<u8>(&[]).is_empty());
    }
}
