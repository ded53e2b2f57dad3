//! The `governanceLandscape` document: governance mechanisms, their instruments, parties and
//! themes.

use govframe_core::{
    CountryCode, Date, DocumentMeta, Entity, Extensions, Id, Issues, LocalizedText, Pointer, Ref,
    RefSite, Source, SpecVersion, Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::common::{Theme, WebUrl, repeats, unique_ids};

govframe_core::document_kind!(
    /// The kind tag of a governance landscape.
    GovernanceLandscapeKind = "governanceLandscape"
);

/// Who sets up and runs a governance mechanism.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum MechanismType {
    /// Open to (nearly) all states, usually under a universal organization.
    Multilateral,
    /// A group of states smaller than all.
    Plurilateral,
    /// Two states.
    Bilateral,
    /// States of one region.
    Regional,
    /// Led by companies or industry bodies.
    PrivateSectorLed,
    /// Governments, business, civil society and the technical community together.
    Multistakeholder,
}

govframe_core::open_code_list! {
    /// What an instrument is.
    pub enum InstrumentType {
        /// A binding agreement between parties.
        Agreement = "agreement",
        /// A treaty or convention.
        Treaty = "treaty",
        /// A political declaration.
        Declaration = "declaration",
        /// A technical standard.
        Standard = "standard",
        /// Guidelines.
        Guideline = "guideline",
        /// Principles.
        Principles = "principles",
        /// A resolution.
        Resolution = "resolution",
        /// A recommendation.
        Recommendation = "recommendation",
        /// A code of conduct.
        CodeOfConduct = "codeOfConduct",
        /// A memorandum of understanding.
        MemorandumOfUnderstanding = "memorandumOfUnderstanding",
    }
}

/// An instrument a mechanism produced: an agreement, declaration, standard, guideline…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GovernanceInstrument {
    /// Id, unique in the document.
    pub id: Id,
    /// Its name.
    pub name: LocalizedText,
    /// What it is.
    #[serde(rename = "type")]
    pub kind: InstrumentType,
    /// Countries party to it (signatories, adherents).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub parties: Vec<CountryCode>,
    /// Themes it covers; when empty, its mechanism's themes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub themes: Vec<Theme>,
    /// When it was adopted or signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adopted: Option<Date>,
    /// When it entered into force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<Date>,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

impl GovernanceInstrument {
    /// An instrument with only the required fields.
    pub fn new(id: Id, name: LocalizedText, kind: InstrumentType) -> Self {
        Self {
            id,
            name,
            kind,
            parties: Vec::new(),
            themes: Vec::new(),
            adopted: None,
            in_force: None,
            url: None,
            sources: Vec::new(),
        }
    }
}

/// A governance mechanism: a place where rules for digital technologies are made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Mechanism {
    /// Id, unique in the document.
    pub id: Id,
    /// Its name.
    pub name: LocalizedText,
    /// Its acronym.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// Who sets it up and runs it.
    #[serde(rename = "type")]
    pub kind: MechanismType,
    /// Themes it covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub themes: Vec<Theme>,
    /// Countries that are members of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub parties: Vec<CountryCode>,
    /// Its instruments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub instruments: Vec<GovernanceInstrument>,
    /// The meeting platform it is, when a platform registry lists it (`registryId#platformId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Ref>,
    /// Its web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<WebUrl>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

impl Mechanism {
    /// A mechanism with only the required fields.
    pub fn new(id: Id, name: LocalizedText, kind: MechanismType) -> Self {
        Self {
            id,
            name,
            acronym: None,
            kind,
            themes: Vec::new(),
            parties: Vec::new(),
            instruments: Vec::new(),
            platform: None,
            url: None,
            sources: Vec::new(),
        }
    }
}

/// The landscape of governance mechanisms, whose coverage and fragmentation
/// `govframe_platforms::analyze` measures.
///
/// ```
/// use govframe_core::Validate;
/// use govframe_platforms::GovernanceLandscape;
/// let l: GovernanceLandscape = serde_json::from_str(r#"{
///   "kind": "governanceLandscape", "specVersion": "1.0", "id": "demo-landscape",
///   "title": {"en": "Demo landscape"},
///   "mechanisms": [{"id": "m1", "name": {"en": "Pact"}, "type": "bilateral",
///                   "themes": ["dataGovernance"], "parties": ["AAA", "BBB", "CCC"]}]
/// }"#)?;
/// let issues = l.validate();
/// assert_eq!(issues[0].rule, "platforms.landscape.bilateral-parties");
/// assert_eq!(issues[0].path, "/mechanisms/0/parties");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "GovernanceLandscape")]
pub struct GovernanceLandscape {
    /// Always `"governanceLandscape"`.
    pub kind: GovernanceLandscapeKind,
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
    /// The countries coverage is measured against. When empty, every country that appears
    /// as a party in the landscape.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub universe: Vec<CountryCode>,
    /// The mechanisms.
    pub mechanisms: Vec<Mechanism>,
    /// Where the landscape comes from.
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

impl GovernanceLandscape {
    /// An empty landscape.
    pub fn new(id: Id, title: LocalizedText) -> Self {
        Self {
            kind: GovernanceLandscapeKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            description: None,
            universe: Vec::new(),
            mechanisms: Vec::new(),
            sources: Vec::new(),
            notes: Vec::new(),
            extensions: None,
        }
    }
}

impl DocumentMeta for GovernanceLandscape {
    const KIND: &'static str = GovernanceLandscapeKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }

    /// Mechanisms (entity `mechanism`) and instruments (entity `instrument`).
    fn entities(&self) -> Vec<Entity<'_>> {
        let mut out = Vec::new();
        for (i, m) in self.mechanisms.iter().enumerate() {
            let at = Pointer::root().key("mechanisms").index(i);
            out.push(Entity {
                id: &m.id,
                entity: "mechanism",
                path: at.clone().key("id").into(),
                name: Some(&m.name),
            });
            for (j, ins) in m.instruments.iter().enumerate() {
                out.push(Entity {
                    id: &ins.id,
                    entity: "instrument",
                    path: at.clone().key("instruments").index(j).key("id").into(),
                    name: Some(&ins.name),
                });
            }
        }
        out
    }

    /// Each mechanism's platform (expects `platform`).
    fn references(&self) -> Vec<RefSite<'_>> {
        self.mechanisms
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                m.platform.as_ref().map(|p| RefSite {
                    target: p,
                    expects: &["platform"],
                    path: Pointer::root()
                        .key("mechanisms")
                        .index(i)
                        .key("platform")
                        .into(),
                })
            })
            .collect()
    }
}

impl Validate for GovernanceLandscape {
    /// Rules: unique ids across mechanisms and instruments (`platforms.duplicate-id`); a
    /// country, theme or universe entry listed once (`platforms.landscape.duplicate-party`,
    /// `platforms.duplicate-theme`, `platforms.landscape.duplicate-country`, warnings); a
    /// bilateral mechanism has two parties (`platforms.landscape.bilateral-parties`,
    /// warning); a mechanism covers a theme (`platforms.landscape.no-theme`, warning);
    /// an instrument enters into force on or after its adoption
    /// (`platforms.instrument.in-force-before-adoption`); with an explicit universe, every
    /// party is in it (`platforms.landscape.party-outside-universe`, warning: such parties
    /// are left out of the analysis); a platform reference names its registry
    /// (`platforms.platform-ref.unqualified`). O(n log n) in the landscape's size.
    fn validate_into(&self, issues: &mut Issues) {
        let sites = self.mechanisms.iter().enumerate().flat_map(|(i, m)| {
            let at = Pointer::root().key("mechanisms").index(i);
            std::iter::once((&m.id, at.clone().key("id").into())).chain(
                m.instruments.iter().enumerate().map(move |(j, ins)| {
                    (
                        &ins.id,
                        at.clone().key("instruments").index(j).key("id").into(),
                    )
                }),
            )
        });
        unique_ids(issues, sites);

        for i in repeats(&self.universe) {
            issues.warning(
                "platforms.landscape.duplicate-country",
                Pointer::root().key("universe").index(i),
                format!("country {} is listed twice", self.universe[i]),
            );
        }
        let mut universe = self.universe.clone();
        universe.sort_unstable();
        let outside = |c: &CountryCode| !universe.is_empty() && universe.binary_search(c).is_err();

        for (i, m) in self.mechanisms.iter().enumerate() {
            let at = Pointer::root().key("mechanisms").index(i);
            let parties_at = |list: &[CountryCode], at: Pointer, issues: &mut Issues| {
                for k in repeats(list) {
                    issues.warning(
                        "platforms.landscape.duplicate-party",
                        at.clone().index(k),
                        format!("country {} is listed twice", list[k]),
                    );
                }
                for (k, c) in list.iter().enumerate() {
                    if outside(c) {
                        issues.warning(
                            "platforms.landscape.party-outside-universe",
                            at.clone().index(k),
                            format!(
                                "country {c} is not in the universe; the analysis leaves it out"
                            ),
                        );
                    }
                }
            };
            parties_at(&m.parties, at.clone().key("parties"), issues);
            for j in repeats(&m.themes) {
                issues.warning(
                    "platforms.duplicate-theme",
                    at.clone().key("themes").index(j),
                    format!("theme {:?} is listed twice", m.themes[j].as_str()),
                );
            }
            if m.themes.is_empty() && m.instruments.iter().all(|ins| ins.themes.is_empty()) {
                issues.warning(
                    "platforms.landscape.no-theme",
                    at.clone().key("themes"),
                    format!(
                        "mechanism {:?} covers no theme, so no analysis counts it",
                        m.id.as_str()
                    ),
                );
            }
            if m.kind == MechanismType::Bilateral {
                let mut all: Vec<CountryCode> = m
                    .parties
                    .iter()
                    .chain(m.instruments.iter().flat_map(|ins| &ins.parties))
                    .copied()
                    .collect();
                all.sort_unstable();
                all.dedup();
                if !all.is_empty() && all.len() != 2 {
                    issues.warning(
                        "platforms.landscape.bilateral-parties",
                        at.clone().key("parties"),
                        format!(
                            "bilateral mechanism {:?} has {} parties, not 2",
                            m.id.as_str(),
                            all.len()
                        ),
                    );
                }
            }
            if let Some(p) = &m.platform
                && p.is_local()
            {
                issues
                    .error(
                        "platforms.platform-ref.unqualified",
                        at.clone().key("platform"),
                        format!("platform {:?} names no platform registry", p.as_str()),
                    )
                    .help = Some("write registryId#platformId".into());
            }
            for (j, ins) in m.instruments.iter().enumerate() {
                let iat = at.clone().key("instruments").index(j);
                parties_at(&ins.parties, iat.clone().key("parties"), issues);
                for k in repeats(&ins.themes) {
                    issues.warning(
                        "platforms.duplicate-theme",
                        iat.clone().key("themes").index(k),
                        format!("theme {:?} is listed twice", ins.themes[k].as_str()),
                    );
                }
                if let (Some(a), Some(f)) = (ins.adopted, ins.in_force)
                    && f < a
                {
                    issues.error(
                        "platforms.instrument.in-force-before-adoption",
                        iat.clone().key("inForce"),
                        format!(
                            "instrument {:?} enters into force on {f}, before its adoption on {a}",
                            ins.id.as_str()
                        ),
                    );
                }
            }
        }
    }
}
