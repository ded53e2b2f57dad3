//! The `contribution` document: a submitted document with proposals marked ADD, ADD*, MOD,
//! (MOD), SUP, SUP* or NOC (the symbols of ITU conference proposals).

use govframe_core::{
    CountryCode, Date, DocumentMeta, Entity, Extensions, Id, Issues, LanguageTag, LocalizedText,
    Pointer, Ref, RefSite, Source, SpecVersion, StakeholderKind, Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::common::{Theme, repeats, unique_ids};

govframe_core::document_kind!(
    /// The kind tag of a contribution.
    ContributionKind = "contribution"
);

/// What a proposal does to the text it targets. JSON uses camelCase names; each variant
/// says the symbol printed in the document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum ProposalMarker {
    /// `ADD` — adds new text.
    Add,
    /// `ADD*` — adds text that exists elsewhere in the basic texts.
    AddStar,
    /// `MOD` — amends text (additions underlined, deletions struck through).
    Mod,
    /// `(MOD)` — an editorial amendment.
    ModParenthesized,
    /// `SUP` — deletes text.
    Sup,
    /// `SUP*` — transfers text elsewhere.
    SupStar,
    /// `NOC` — no change: the text is to be kept as it is.
    Noc,
}

impl ProposalMarker {
    /// All markers.
    pub const ALL: [ProposalMarker; 7] = [
        Self::Add,
        Self::AddStar,
        Self::Mod,
        Self::ModParenthesized,
        Self::Sup,
        Self::SupStar,
        Self::Noc,
    ];

    /// The symbol as printed (`ADD*`, `(MOD)`, …).
    ///
    /// ```
    /// use govframe_platforms::ProposalMarker;
    /// assert_eq!(ProposalMarker::ModParenthesized.symbol(), "(MOD)");
    /// assert_eq!(ProposalMarker::from_symbol("SUP*"), Some(ProposalMarker::SupStar));
    /// assert_eq!(serde_json::to_string(&ProposalMarker::AddStar)?, "\"addStar\"");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Add => "ADD",
            Self::AddStar => "ADD*",
            Self::Mod => "MOD",
            Self::ModParenthesized => "(MOD)",
            Self::Sup => "SUP",
            Self::SupStar => "SUP*",
            Self::Noc => "NOC",
        }
    }

    /// The marker printed as `symbol`.
    pub fn from_symbol(symbol: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.symbol() == symbol)
    }

    /// Whether the proposal must carry new text (ADD, MOD, (MOD)).
    pub fn needs_text(self) -> bool {
        matches!(self, Self::Add | Self::Mod | Self::ModParenthesized)
    }

    /// Whether the proposal must name the text it targets (all but ADD).
    pub fn needs_target(self) -> bool {
        self != Self::Add
    }

    /// Whether new text would contradict the marker (SUP, SUP*, NOC).
    pub fn forbids_text(self) -> bool {
        matches!(self, Self::Sup | Self::SupStar | Self::Noc)
    }
}

/// Who submits a contribution (its "Source" line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Submitter {
    /// Name (a Member State, a Sector Member, a group of them…).
    pub name: LocalizedText,
    /// What kind of stakeholder it is.
    pub stakeholder: StakeholderKind,
    /// Its country, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
}

/// Entity kinds a proposal may target: the parts of govframe documents that carry text.
pub const TEXT_ENTITIES: &[&str] = &[
    "goal",
    "target",
    "objective",
    "outcome",
    "output",
    "kpi",
    "value",
    "thematicPriority",
    "enabler",
    "platform",
    "edition",
    "mechanism",
    "instrument",
    "question",
    "proposal",
    "decision",
];

/// One proposal of a contribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContributionProposal {
    /// Id, unique in the document.
    pub id: Id,
    /// Human number (`"DEMO/12/1"`: source, document, proposal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What the proposal does.
    pub marker: ProposalMarker,
    /// The text it targets, when that text is a govframe entity (`planId#goal-1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Ref>,
    /// The document it amends (a strategic plan's id), when the text it concerns is not a
    /// govframe entity — a section of the plan that is not modelled, or one it would add.
    /// With `target`, the two name the same document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Id>,
    /// The text it targets, as cited (`Resolution 71, Annex 1, §2.1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision: Option<String>,
    /// The new text (ADD, MOD, (MOD)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<LocalizedText>,
    /// The reasons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<LocalizedText>,
}

impl ContributionProposal {
    /// A proposal with only its id and marker.
    pub fn new(id: Id, marker: ProposalMarker) -> Self {
        Self {
            id,
            code: None,
            marker,
            target: None,
            document: None,
            provision: None,
            text: None,
            reasons: None,
        }
    }
}

/// A contribution: a document submitted to a meeting, with its proposals.
///
/// ```
/// use govframe_core::{DocumentMeta, Validate};
/// use govframe_platforms::Contribution;
///
/// let c: Contribution = serde_json::from_str(r#"{
///   "kind": "contribution", "specVersion": "1.0", "id": "demo-c12",
///   "title": {"en": "Proposals on digital governance"},
///   "documentNumber": "DEMO-26/12-E", "meeting": "demo-platforms#forum-2026",
///   "date": "2026-03-01",
///   "submittedBy": [{"name": {"en": "Republic of Example"}, "stakeholder": "memberState"}],
///   "proposals": [{"id": "p1", "code": "EXA/12/1", "marker": "mod",
///                  "provision": "Annex 1, §2", "reasons": {"en": "Clarity"}}]
/// }"#)?;
/// let issues = c.validate();
/// assert_eq!(issues[0].rule, "platforms.contribution.text-missing");
/// assert_eq!(issues[0].path, "/proposals/0/text");
/// assert_eq!(c.references()[0].expects, &["edition"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Contribution")]
pub struct Contribution {
    /// Always `"contribution"`.
    pub kind: ContributionKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The document number (`"Document DEMO-26/12-E"`), when it has one (a draft or an
    /// informal contribution may not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// The meeting: a platform edition (`registryId#editionId`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<Ref>,
    /// Date of the document, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The language it was written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<LanguageTag>,
    /// Who submits it (at least one).
    pub submitted_by: Vec<Submitter>,
    /// Summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<LocalizedText>,
    /// Themes it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub themes: Vec<Theme>,
    /// Its proposals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub proposals: Vec<ContributionProposal>,
    /// Where it is published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Contribution {
    /// A contribution with only the required fields and its document number, meeting and
    /// date.
    pub fn new(
        id: Id,
        title: LocalizedText,
        document_number: impl Into<String>,
        meeting: Ref,
        date: Date,
        submitted_by: Vec<Submitter>,
    ) -> Self {
        Self {
            kind: ContributionKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            document_number: Some(document_number.into()),
            meeting: Some(meeting),
            date: Some(date),
            original: None,
            submitted_by,
            summary: None,
            themes: Vec::new(),
            proposals: Vec::new(),
            sources: Vec::new(),
            extensions: None,
        }
    }
}

impl DocumentMeta for Contribution {
    const KIND: &'static str = ContributionKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }

    /// Its proposals (entity `proposal`).
    fn entities(&self) -> Vec<Entity<'_>> {
        self.proposals
            .iter()
            .enumerate()
            .map(|(i, p)| Entity {
                id: &p.id,
                entity: "proposal",
                path: Pointer::root().key("proposals").index(i).key("id").into(),
                name: p.text.as_ref(),
            })
            .collect()
    }

    /// The meeting (expects an `edition`) and each proposal's target (expects one of
    /// [`TEXT_ENTITIES`]).
    fn references(&self) -> Vec<RefSite<'_>> {
        let mut out: Vec<RefSite<'_>> = self
            .meeting
            .iter()
            .map(|m| RefSite {
                target: m,
                expects: &["edition"],
                path: "/meeting".into(),
            })
            .collect();
        for (i, p) in self.proposals.iter().enumerate() {
            if let Some(t) = &p.target {
                out.push(RefSite {
                    target: t,
                    expects: TEXT_ENTITIES,
                    path: Pointer::root()
                        .key("proposals")
                        .index(i)
                        .key("target")
                        .into(),
                });
            }
        }
        out
    }
}

impl Validate for Contribution {
    /// Rules: unique proposal ids (`platforms.duplicate-id`) and codes
    /// (`platforms.contribution.duplicate-code`, warning); a non-empty document number
    /// (`platforms.contribution.empty-document-number`); at least one submitter
    /// (`platforms.contribution.no-submitter`); a meeting that names its registry
    /// (`platforms.edition-ref.unqualified`; whether the edition exists is checked by a
    /// catalog); per proposal, a `document` that agrees with the target's
    /// (`platforms.contribution.document-mismatch`), new text where the marker needs it
    /// (`platforms.contribution.text-missing`), none where it forbids it
    /// (`platforms.contribution.unexpected-text`, warning), a target or provision where the
    /// marker needs one (`platforms.contribution.target-missing`), and reasons
    /// (`platforms.contribution.reasons-missing`, warning). O(n).
    fn validate_into(&self, issues: &mut Issues) {
        let at = |i: usize| Pointer::root().key("proposals").index(i);
        unique_ids(
            issues,
            self.proposals
                .iter()
                .enumerate()
                .map(|(i, p)| (&p.id, at(i).key("id").into())),
        );
        let codes: Vec<Option<&String>> = self.proposals.iter().map(|p| p.code.as_ref()).collect();
        for i in repeats(&codes) {
            if let Some(code) = codes[i] {
                issues.warning(
                    "platforms.contribution.duplicate-code",
                    at(i).key("code"),
                    format!("proposal number {code:?} is used twice"),
                );
            }
        }
        if self
            .document_number
            .as_ref()
            .is_some_and(|n| n.trim().is_empty())
        {
            issues.error(
                "platforms.contribution.empty-document-number",
                "/documentNumber",
                "the document number is empty",
            );
        }
        if self.submitted_by.is_empty() {
            issues
                .error(
                    "platforms.contribution.no-submitter",
                    "/submittedBy",
                    "a contribution names at least one submitter (its Source)",
                )
                .help = Some("add {\"name\": {…}, \"stakeholder\": \"memberState\"}".into());
        }
        if let Some(meeting) = self.meeting.as_ref().filter(|m| m.is_local()) {
            issues
                .error(
                    "platforms.edition-ref.unqualified",
                    "/meeting",
                    format!("meeting {:?} names no platform registry", meeting.as_str()),
                )
                .help = Some(
                "meetings are editions of a platform registry: write registryId#editionId".into(),
            );
        }
        for (i, p) in self.proposals.iter().enumerate() {
            let symbol = p.marker.symbol();
            if p.marker.needs_text() && p.text.is_none() {
                issues
                    .error(
                        "platforms.contribution.text-missing",
                        at(i).key("text"),
                        format!("a {symbol} proposal carries the new text"),
                    )
                    .help = Some("add \"text\"".into());
            }
            if p.marker.forbids_text() && p.text.is_some() {
                issues.warning(
                    "platforms.contribution.unexpected-text",
                    at(i).key("text"),
                    format!("a {symbol} proposal carries no new text"),
                );
            }
            if let (Some(t), Some(d)) = (p.target.as_ref().and_then(Ref::document), &p.document)
                && t != d.as_str()
            {
                issues.error(
                    "platforms.contribution.document-mismatch",
                    at(i).key("document"),
                    format!(
                        "the target is in {t:?}, but the document named is {:?}",
                        d.as_str()
                    ),
                );
            }
            if p.marker.needs_target() && p.target.is_none() && p.provision.is_none() {
                issues
                    .error(
                        "platforms.contribution.target-missing",
                        at(i),
                        format!("a {symbol} proposal names the text it concerns"),
                    )
                    .help =
                    Some("add \"target\" (a reference) or \"provision\" (a citation)".into());
            }
            if p.reasons.is_none() {
                issues.warning(
                    "platforms.contribution.reasons-missing",
                    at(i).key("reasons"),
                    format!("proposal {:?} gives no reasons", p.id.as_str()),
                );
            }
        }
    }
}
