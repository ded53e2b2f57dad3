//! The `platformRegistry` document: meeting platforms and their editions.

use std::collections::HashMap;

use govframe_core::{
    CountryCode, Date, DocumentMeta, Entity, Extensions, Id, Issues, LocalizedText, Pointer,
    Source, SpecVersion, Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::common::{StandingRule, Theme, WebUrl, check_standing_table, repeats, unique_ids};
use crate::consultation::DecisionRule;

govframe_core::document_kind!(
    /// The kind tag of a platform registry.
    PlatformRegistryKind = "platformRegistry"
);

govframe_core::open_code_list! {
    /// What kind of meeting a platform is.
    pub enum PlatformKind {
        /// A conference (often treaty-making).
        Conference = "conference",
        /// An assembly.
        Assembly = "assembly",
        /// A governing council.
        Council = "council",
        /// A symposium.
        Symposium = "symposium",
        /// A forum.
        Forum = "forum",
        /// A summit.
        Summit = "summit",
        /// A dialogue.
        Dialogue = "dialogue",
        /// A group of experts.
        ExpertGroup = "expertGroup",
        /// A study group.
        StudyGroup = "studyGroup",
        /// A working group.
        WorkingGroup = "workingGroup",
        /// An advisory group.
        AdvisoryGroup = "advisoryGroup",
    }
}

govframe_core::open_code_list! {
    /// How often a platform meets.
    pub enum Periodicity {
        /// Every year.
        Annual = "annual",
        /// Every two years.
        Biennial = "biennial",
        /// Every three years.
        Triennial = "triennial",
        /// Every four years.
        Quadrennial = "quadrennial",
        /// When convened.
        Irregular = "irregular",
    }
}

govframe_core::open_code_list! {
    /// What an outcome document of an edition is.
    pub enum OutcomeDocumentType {
        /// A declaration.
        Declaration = "declaration",
        /// A resolution.
        Resolution = "resolution",
        /// A recommendation.
        Recommendation = "recommendation",
        /// Guidelines (e.g. best-practice guidelines).
        Guidelines = "guidelines",
        /// A report.
        Report = "report",
        /// A chair's summary.
        ChairsSummary = "chairsSummary",
        /// Final acts of a treaty-making conference.
        FinalActs = "finalActs",
        /// An action plan.
        ActionPlan = "actionPlan",
    }
}

/// How much weight a platform's outcomes carry.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum PlatformLevel {
    /// Adopts or revises treaties and binding instruments.
    TreatyMaking,
    /// High-level (ministerial, heads of regulators) meetings with non-binding outcomes.
    HighLevel,
    /// Expert meetings.
    Expert,
}

/// An organization that convenes a platform.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Convener {
    /// Its name.
    pub name: LocalizedText,
    /// Its acronym.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// Its home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
}

/// What a platform is charged to do, and where that is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Mandate {
    /// The mandate in words.
    pub text: LocalizedText,
    /// Where it is written (a resolution, a terms-of-reference page…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

/// Where an edition takes place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Venue {
    /// In a city.
    #[schemars(title = "InPersonVenue")]
    InPerson {
        /// The city.
        city: LocalizedText,
        /// The country.
        country: CountryCode,
        /// The building or conference centre.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        place: Option<LocalizedText>,
    },
    /// Online only.
    #[schemars(title = "VirtualVenue")]
    Virtual {
        /// Where to join.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<WebUrl>,
    },
    /// In a city and online.
    #[schemars(title = "HybridVenue")]
    Hybrid {
        /// The city.
        city: LocalizedText,
        /// The country.
        country: CountryCode,
        /// The building or conference centre.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        place: Option<LocalizedText>,
        /// Where to join online.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<WebUrl>,
    },
}

impl Venue {
    /// The place as one line of text in language `lang`: `Place, City, KEN`,
    /// `City, KEN (and online)` or `Online`.
    pub fn describe(&self, lang: &str) -> String {
        match self {
            Self::InPerson {
                city,
                country,
                place,
            } => match place {
                Some(p) => format!("{}, {}, {country}", p.best(lang), city.best(lang)),
                None => format!("{}, {country}", city.best(lang)),
            },
            Self::Hybrid {
                city,
                country,
                place,
                ..
            } => match place {
                Some(p) => format!(
                    "{}, {}, {country} (and online)",
                    p.best(lang),
                    city.best(lang)
                ),
                None => format!("{}, {country} (and online)", city.best(lang)),
            },
            Self::Virtual { .. } => "Online".to_owned(),
        }
    }

    /// The country, for in-person and hybrid venues.
    pub fn country(&self) -> Option<CountryCode> {
        match self {
            Self::InPerson { country, .. } | Self::Hybrid { country, .. } => Some(*country),
            Self::Virtual { .. } => None,
        }
    }
}

/// A document an edition produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutcomeDocument {
    /// Its title.
    pub title: LocalizedText,
    /// What it is.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<OutcomeDocumentType>,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
    /// When it was adopted or published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// One meeting of a platform.
///
/// The dates are two fields rather than a `DateRange`, so that an edition that ends before
/// it starts is reported by the semantic rule `platforms.edition.ends-before-start` at
/// `…/end` (with every other issue of the document) instead of stopping the reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Edition {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code (`"GSR-24"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its name, when it differs from the platform's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// First day (inclusive).
    pub start: Date,
    /// Last day (inclusive); absent for a one-day meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// Where it takes place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<Venue>,
    /// Its theme or motto.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<LocalizedText>,
    /// Its web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
    /// The documents it produced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub outcome_documents: Vec<OutcomeDocument>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

impl Edition {
    /// A one-day edition with only the required fields.
    pub fn new(id: Id, start: Date) -> Self {
        Self {
            id,
            code: None,
            name: None,
            start,
            end: None,
            venue: None,
            theme: None,
            url: None,
            outcome_documents: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// The last day: `end`, or `start` for a one-day meeting.
    pub fn last_day(&self) -> Date {
        self.end.unwrap_or(self.start)
    }
}

/// A meeting platform: a recurring place where stakeholders meet and build consensus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Platform {
    /// Id, unique in the document.
    pub id: Id,
    /// Its name.
    pub name: LocalizedText,
    /// Its acronym (`GSR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// What kind of meeting it is.
    #[serde(rename = "type")]
    pub kind: PlatformKind,
    /// How much weight its outcomes carry.
    pub level: PlatformLevel,
    /// Who convenes it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub conveners: Vec<Convener>,
    /// How often it meets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periodicity: Option<Periodicity>,
    /// What it is charged to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandate: Option<Mandate>,
    /// Themes it covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub themes: Vec<Theme>,
    /// Who may take part and with what standing (kinds not listed: the ITU default —
    /// Member States vote; Sector Members, Associates and Academia take part without a vote;
    /// everyone else observes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub participation: Vec<StandingRule>,
    /// How it decides, when it decides at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_rule: Option<DecisionRule>,
    /// Its web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
    /// Its meetings, in any order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub editions: Vec<Edition>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

impl Platform {
    /// A platform with only the required fields.
    pub fn new(id: Id, name: LocalizedText, kind: PlatformKind, level: PlatformLevel) -> Self {
        Self {
            id,
            name,
            acronym: None,
            kind,
            level,
            conveners: Vec::new(),
            periodicity: None,
            mandate: None,
            themes: Vec::new(),
            participation: Vec::new(),
            decision_rule: None,
            url: None,
            editions: Vec::new(),
            sources: Vec::new(),
        }
    }
}

/// A registry of meeting platforms and their editions.
///
/// ```
/// use govframe_core::{DocumentMeta, Validate};
/// use govframe_platforms::PlatformRegistry;
///
/// let reg: PlatformRegistry = serde_json::from_str(r#"{
///   "kind": "platformRegistry", "specVersion": "1.0", "id": "demo",
///   "title": {"en": "Demo platforms"},
///   "platforms": [{"id": "forum", "name": {"en": "Demo Forum"}, "type": "forum",
///     "level": "highLevel",
///     "editions": [{"id": "forum-2026", "code": "DF-26", "start": "2026-05-04", "end": "2026-05-01"}]}]
/// }"#)?;
/// let issues = reg.validate();
/// assert_eq!(issues[0].rule, "platforms.edition.ends-before-start");
/// assert_eq!(issues[0].path, "/platforms/0/editions/0/end");
/// assert_eq!(reg.entities()[1].entity, "edition");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "PlatformRegistry")]
pub struct PlatformRegistry {
    /// Always `"platformRegistry"`.
    pub kind: PlatformRegistryKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// A longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LocalizedText>,
    /// When the registry was last updated; the calendar export uses it as its time stamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    /// The platforms.
    pub platforms: Vec<Platform>,
    /// Where the registry comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Editorial notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub notes: Vec<LocalizedText>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl PlatformRegistry {
    /// An empty registry.
    pub fn new(id: Id, title: LocalizedText) -> Self {
        Self {
            kind: PlatformRegistryKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            description: None,
            updated: None,
            platforms: Vec::new(),
            sources: Vec::new(),
            notes: Vec::new(),
            extensions: None,
        }
    }

    /// The platform with this id. O(platforms).
    pub fn platform(&self, id: &str) -> Option<&Platform> {
        self.platforms.iter().find(|p| p.id.as_str() == id)
    }

    /// The edition with this id, with its platform. O(editions).
    pub fn edition(&self, id: &str) -> Option<(&Platform, &Edition)> {
        self.platforms.iter().find_map(|p| {
            p.editions
                .iter()
                .find(|e| e.id.as_str() == id)
                .map(|e| (p, e))
        })
    }

    /// Every edition with its platform, in document order.
    pub fn editions(&self) -> impl Iterator<Item = (&Platform, &Edition)> {
        self.platforms
            .iter()
            .flat_map(|p| p.editions.iter().map(move |e| (p, e)))
    }
}

impl DocumentMeta for PlatformRegistry {
    const KIND: &'static str = PlatformRegistryKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }

    /// Platforms (entity `platform`) and editions (entity `edition`; named by their own name,
    /// else their platform's).
    fn entities(&self) -> Vec<Entity<'_>> {
        let mut out = Vec::new();
        for (i, p) in self.platforms.iter().enumerate() {
            let at = Pointer::root().key("platforms").index(i);
            out.push(Entity {
                id: &p.id,
                entity: "platform",
                path: at.clone().key("id").into(),
                name: Some(&p.name),
            });
            for (j, e) in p.editions.iter().enumerate() {
                out.push(Entity {
                    id: &e.id,
                    entity: "edition",
                    path: at.clone().key("editions").index(j).key("id").into(),
                    name: Some(e.name.as_ref().unwrap_or(&p.name)),
                });
            }
        }
        out
    }
}

impl Validate for PlatformRegistry {
    /// Rules: unique ids across platforms and editions (`platforms.duplicate-id`); an edition
    /// ends on or after its start (`platforms.edition.ends-before-start`, at `…/end`); edition
    /// codes unique in the registry (`platforms.edition.duplicate-code`, warning); a theme
    /// listed once per platform (`platforms.duplicate-theme`, warning); a stakeholder kind
    /// listed once in `participation` (`platforms.standing.duplicate`); the decision rule's own
    /// rules (see [`DecisionRule::check`]). O(n) in the registry's size (plus sorting themes).
    fn validate_into(&self, issues: &mut Issues) {
        let sites = self.platforms.iter().enumerate().flat_map(|(i, p)| {
            let at = Pointer::root().key("platforms").index(i);
            std::iter::once((&p.id, at.clone().key("id").into())).chain(
                p.editions.iter().enumerate().map(move |(j, e)| {
                    (&e.id, at.clone().key("editions").index(j).key("id").into())
                }),
            )
        });
        unique_ids(issues, sites);

        let mut codes: HashMap<&str, String> = HashMap::new();
        for (i, p) in self.platforms.iter().enumerate() {
            let at = Pointer::root().key("platforms").index(i);
            for j in repeats(&p.themes) {
                issues.warning(
                    "platforms.duplicate-theme",
                    at.clone().key("themes").index(j),
                    format!("theme {:?} is listed twice", p.themes[j].as_str()),
                );
            }
            check_standing_table(
                &p.participation,
                |k| {
                    at.clone()
                        .key("participation")
                        .index(k)
                        .key("stakeholder")
                        .into()
                },
                issues,
            );
            if let Some(rule) = &p.decision_rule {
                rule.check(&at.clone().key("decisionRule"), issues);
            }
            for (j, e) in p.editions.iter().enumerate() {
                let eat = at.clone().key("editions").index(j);
                if let Some(end) = e.end
                    && end < e.start
                {
                    issues
                        .error(
                            "platforms.edition.ends-before-start",
                            eat.clone().key("end"),
                            format!(
                                "edition {:?} ends on {end}, before it starts on {}",
                                e.id.as_str(),
                                e.start
                            ),
                        )
                        .help = Some("check the dates: end is the last day, inclusive".into());
                }
                if let Some(code) = &e.code {
                    let path: String = eat.clone().key("code").into();
                    if let Some(first) = codes.get(code.as_str()) {
                        issues.warning(
                            "platforms.edition.duplicate-code",
                            path,
                            format!("edition code {code:?} is already used at {first}"),
                        );
                    } else {
                        codes.insert(code, path);
                    }
                }
            }
        }
    }
}
