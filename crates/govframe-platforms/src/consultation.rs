//! The `consultation` document: a process at a platform edition, with its participants,
//! questions, rounds, proposals, positions, decisions and decision rule.

use std::collections::{HashMap, HashSet};
use std::num::NonZeroU32;

use govframe_core::{
    CountryCode, Date, DocumentMeta, Entity, Extensions, Id, Issues, LocalizedText, Pointer, Ref,
    RefSite, Source, SpecVersion, StakeholderKind, Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::common::{
    Standing, StandingRule, Theme, check_standing_table, repeats, standing_in, unique_ids,
};

govframe_core::document_kind!(
    /// The kind tag of a consultation.
    ConsultationKind = "consultation"
);

/// The share a majority must reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum MajorityKind {
    /// More than half of the base: `2·yes > base`.
    Simple,
    /// More than half of all members with a vote, whatever the base: `2·yes > members`.
    Absolute,
    /// At least two-thirds of the base: `3·yes ≥ 2·base`.
    TwoThirds,
}

/// Whom a majority is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum VotingBase {
    /// Members present and voting: votes for plus votes against; abstentions and absent
    /// members do not count.
    PresentAndVoting,
    /// All members with a vote: abstentions and absences weigh like votes against.
    AllMembers,
}

/// How many members with a vote must be present for a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum Quorum {
    /// At least `count` members with a vote present.
    #[schemars(title = "CountQuorum")]
    Count {
        /// The number of members.
        count: NonZeroU32,
    },
    /// At least `numerator/denominator` of the members with a vote present:
    /// `present·denominator ≥ numerator·members`.
    #[schemars(title = "FractionQuorum")]
    Fraction {
        /// Numerator (not above the denominator).
        numerator: u32,
        /// Denominator.
        denominator: NonZeroU32,
    },
}

impl Quorum {
    /// Whether `present` of `members` members with a vote make the quorum. Exact integer
    /// arithmetic.
    pub fn met(&self, present: u32, members: u32) -> bool {
        match *self {
            Self::Count { count } => present >= count.get(),
            Self::Fraction {
                numerator,
                denominator,
            } => {
                u64::from(present) * u64::from(denominator.get())
                    >= u64::from(numerator) * u64::from(members)
            }
        }
    }
}

/// How a body decides.
///
/// * **Consensus**: a proposal is adopted when no participant with voting standing makes a
///   formal objection and at least one supports it. Reservations are recorded and do not
///   block; `oppose` is a stated disagreement that does not block either; objections from
///   participants without standing are recorded and do not block.
/// * **Majority**: the votes for (`support` and `supportWithReservation`) are compared with
///   the `base` under the `majority` threshold; `oppose` and `formalObjection` are votes
///   against; `abstain` is an abstention. A proposal with no vote in favour is never
///   adopted.
///
/// In both, the `quorum` (optional) is checked first, over the members with a vote present.
/// Standing comes from the `standing` table; stakeholder kinds not listed get the ITU
/// default (Member States vote; Sector Members, Associates and Academia take part without a
/// vote; everyone else observes).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum DecisionRule {
    /// Adopted when no participant with standing formally objects.
    #[schemars(title = "ConsensusRule")]
    Consensus {
        /// Members with a vote who must be present.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quorum: Option<Quorum>,
        /// Standing per stakeholder kind (kinds not listed: the ITU default).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schemars(extend("default" = []))]
        standing: Vec<StandingRule>,
    },
    /// Adopted when the votes for reach the threshold.
    #[schemars(title = "MajorityRule")]
    Majority {
        /// The threshold.
        majority: MajorityKind,
        /// Whom the threshold is counted against.
        base: VotingBase,
        /// Members with a vote who must be present.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quorum: Option<Quorum>,
        /// Standing per stakeholder kind (kinds not listed: the ITU default).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        #[schemars(extend("default" = []))]
        standing: Vec<StandingRule>,
    },
}

impl DecisionRule {
    /// Consensus with the ITU default standing and no quorum.
    pub fn consensus() -> Self {
        Self::Consensus {
            quorum: None,
            standing: Vec::new(),
        }
    }

    /// A majority rule with the ITU default standing and no quorum.
    pub fn majority(majority: MajorityKind, base: VotingBase) -> Self {
        Self::Majority {
            majority,
            base,
            quorum: None,
            standing: Vec::new(),
        }
    }

    /// The standing table.
    pub fn standing_table(&self) -> &[StandingRule] {
        match self {
            Self::Consensus { standing, .. } | Self::Majority { standing, .. } => standing,
        }
    }

    /// The quorum.
    pub fn quorum(&self) -> Option<&Quorum> {
        match self {
            Self::Consensus { quorum, .. } | Self::Majority { quorum, .. } => quorum.as_ref(),
        }
    }

    /// The standing of a stakeholder kind under this rule.
    pub fn standing_of(&self, kind: StakeholderKind) -> Standing {
        standing_in(self.standing_table(), kind)
    }

    /// Checks the rule found at `at`: a fraction quorum not above one
    /// (`platforms.rule.quorum-above-one`), a stakeholder kind listed once
    /// (`platforms.standing.duplicate`).
    pub fn check(&self, at: &Pointer, issues: &mut Issues) {
        if let Some(Quorum::Fraction {
            numerator,
            denominator,
        }) = self.quorum()
            && *numerator > denominator.get()
        {
            issues
                .error(
                    "platforms.rule.quorum-above-one",
                    at.clone().key("quorum").key("numerator"),
                    format!(
                        "a quorum of {numerator}/{denominator} asks for more members than there are"
                    ),
                )
                .help = Some("the numerator of a quorum is at most its denominator".into());
        }
        check_standing_table(
            self.standing_table(),
            |i| {
                at.clone()
                    .key("standing")
                    .index(i)
                    .key("stakeholder")
                    .into()
            },
            issues,
        );
    }
}

/// A participant's position on a proposal in a round.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum Stance {
    /// In favour.
    Support,
    /// In favour, with a reservation that is recorded (does not block consensus).
    SupportWithReservation,
    /// Against; under consensus a disagreement that does not block.
    Oppose,
    /// A formal objection: blocks consensus when made with standing; a vote against under a
    /// majority rule.
    FormalObjection,
    /// Neither for nor against.
    Abstain,
}

impl Stance {
    /// All stances.
    pub const ALL: [Stance; 5] = [
        Self::Support,
        Self::SupportWithReservation,
        Self::Oppose,
        Self::FormalObjection,
        Self::Abstain,
    ];

    /// Whether the stance is in favour.
    pub fn is_for(self) -> bool {
        matches!(self, Self::Support | Self::SupportWithReservation)
    }

    /// Whether the stance is against.
    pub fn is_against(self) -> bool {
        matches!(self, Self::Oppose | Self::FormalObjection)
    }
}

/// The outcome of a proposal in a round.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum DecisionOutcome {
    /// Adopted.
    Adopted,
    /// Rejected by vote.
    Rejected,
    /// Consensus not reached (a formal objection, or no support).
    NoConsensus,
    /// Too few members with a vote present.
    NoQuorum,
    /// Withdrawn by its proposers.
    Withdrawn,
}

impl DecisionOutcome {
    /// All outcomes.
    pub const ALL: [DecisionOutcome; 5] = [
        Self::Adopted,
        Self::Rejected,
        Self::NoConsensus,
        Self::NoQuorum,
        Self::Withdrawn,
    ];

    /// The value as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Adopted => "adopted",
            Self::Rejected => "rejected",
            Self::NoConsensus => "noConsensus",
            Self::NoQuorum => "noQuorum",
            Self::Withdrawn => "withdrawn",
        }
    }
}

/// Someone who takes part in a consultation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Participant {
    /// Id, unique in the document.
    pub id: Id,
    /// Name (a country, an organization, a person's role).
    pub name: LocalizedText,
    /// What kind of stakeholder it is.
    pub stakeholder: StakeholderKind,
    /// Its country, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    /// Its standing, when it differs from what the decision rule gives its stakeholder kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
}

impl Participant {
    /// A participant with only the required fields.
    pub fn new(id: Id, name: LocalizedText, stakeholder: StakeholderKind) -> Self {
        Self {
            id,
            name,
            stakeholder,
            country: None,
            standing: None,
        }
    }
}

/// A question the consultation asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Question {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code (`"Q1"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The question.
    pub text: LocalizedText,
    /// Themes it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub themes: Vec<Theme>,
}

/// A round of the consultation (a session, a reading, a comment period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Round {
    /// Id, unique in the document.
    pub id: Id,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LocalizedText>,
    /// When it took place (its first day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The platform edition it took place at (`registryId#editionId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<Ref>,
    /// Participants present (ids). When absent, those who took a position count as present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<Vec<Id>>,
}

impl Round {
    /// A round with only its id.
    pub fn new(id: Id) -> Self {
        Self {
            id,
            name: None,
            date: None,
            edition: None,
            present: None,
        }
    }
}

/// A proposal put to the consultation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Proposal {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code (`"DEMO/12/1"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What it proposes.
    pub title: LocalizedText,
    /// The proposal in the contribution it comes from (`contributionId#proposalId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contribution: Option<Ref>,
    /// Participants who put it forward (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub submitted_by: Vec<Id>,
    /// Questions it answers (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub questions: Vec<Id>,
    /// The round in which it was withdrawn (id); later rounds do not consider it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_in: Option<Id>,
}

impl Proposal {
    /// A proposal with only the required fields.
    pub fn new(id: Id, title: LocalizedText) -> Self {
        Self {
            id,
            code: None,
            title,
            contribution: None,
            submitted_by: Vec::new(),
            questions: Vec::new(),
            withdrawn_in: None,
        }
    }
}

/// A participant's position on a proposal in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Position {
    /// The round (id).
    pub round: Id,
    /// The participant (id).
    pub participant: Id,
    /// The proposal (id).
    pub proposal: Id,
    /// The position.
    pub stance: Stance,
    /// What the participant said (the text of a reservation or objection).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<LocalizedText>,
}

impl Position {
    /// A position without a statement.
    pub fn new(round: Id, participant: Id, proposal: Id, stance: Stance) -> Self {
        Self {
            round,
            participant,
            proposal,
            stance,
            statement: None,
        }
    }
}

/// A decision the body recorded. Frameworks point at it with `adoptedBy`
/// (`consultationId#decisionId`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decision {
    /// Id, unique in the document.
    pub id: Id,
    /// Human code (`"Resolution 1"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Its title.
    pub title: LocalizedText,
    /// The round in which it was taken (id).
    pub round: Id,
    /// The proposals it decided on (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub proposals: Vec<Id>,
    /// The recorded outcome.
    pub outcome: DecisionOutcome,
    /// When it was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The text decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<LocalizedText>,
    /// Where it is published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
}

/// A consultation: a process at a platform edition in which participants take positions on
/// proposals, round after round, under a decision rule.
///
/// ```
/// use govframe_core::Validate;
/// use govframe_platforms::Consultation;
///
/// let c: Consultation = serde_json::from_str(r#"{
///   "kind": "consultation", "specVersion": "1.0", "id": "c1", "title": {"en": "Demo"},
///   "decisionRule": {"type": "consensus"},
///   "participants": [{"id": "a", "name": {"en": "A"}, "stakeholder": "memberState"}],
///   "rounds": [{"id": "r1"}],
///   "proposals": [{"id": "p1", "title": {"en": "Do it"}}],
///   "positions": [{"round": "r1", "participant": "a", "proposal": "p2", "stance": "support"}]
/// }"#)?;
/// let issues = c.validate();
/// assert_eq!(issues[0].rule, "platforms.position.unknown-proposal");
/// assert_eq!(issues[0].path, "/positions/0/proposal");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "Consultation")]
pub struct Consultation {
    /// Always `"consultation"`.
    pub kind: ConsultationKind,
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
    /// The platform edition it is held at (`registryId#editionId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<Ref>,
    /// Themes it covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub themes: Vec<Theme>,
    /// How it decides.
    pub decision_rule: DecisionRule,
    /// Questions asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub questions: Vec<Question>,
    /// Rounds, in the order they took place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub rounds: Vec<Round>,
    /// Who takes part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub participants: Vec<Participant>,
    /// Contribution documents received (their document ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub contributions: Vec<Id>,
    /// Proposals put to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub proposals: Vec<Proposal>,
    /// Positions taken, in any order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub positions: Vec<Position>,
    /// Decisions recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub decisions: Vec<Decision>,
    /// Where it comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub sources: Vec<Source>,
    /// Data of one's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Extensions>,
}

impl Consultation {
    /// An empty consultation under `rule`.
    pub fn new(id: Id, title: LocalizedText, rule: DecisionRule) -> Self {
        Self {
            kind: ConsultationKind::Value,
            spec_version: SpecVersion::V1_0,
            id,
            title,
            schema: None,
            description: None,
            edition: None,
            themes: Vec::new(),
            decision_rule: rule,
            questions: Vec::new(),
            rounds: Vec::new(),
            participants: Vec::new(),
            contributions: Vec::new(),
            proposals: Vec::new(),
            positions: Vec::new(),
            decisions: Vec::new(),
            sources: Vec::new(),
            extensions: None,
        }
    }

    /// The standing of a participant: its own, else the decision rule's for its stakeholder
    /// kind, else the ITU default.
    pub fn standing_of(&self, p: &Participant) -> Standing {
        p.standing
            .unwrap_or_else(|| self.decision_rule.standing_of(p.stakeholder))
    }
}

impl DocumentMeta for Consultation {
    const KIND: &'static str = ConsultationKind::KIND;

    fn id(&self) -> &Id {
        &self.id
    }

    fn title(&self) -> &LocalizedText {
        &self.title
    }

    /// Questions (`question`), rounds (`round`), participants (`participant`), proposals
    /// (`proposal`) and decisions (`decision`).
    fn entities(&self) -> Vec<Entity<'_>> {
        let mut out = Vec::with_capacity(
            self.questions.len()
                + self.rounds.len()
                + self.participants.len()
                + self.proposals.len()
                + self.decisions.len(),
        );
        let at = |list: &str, i: usize| -> String {
            Pointer::root().key(list).index(i).key("id").into()
        };
        for (i, q) in self.questions.iter().enumerate() {
            out.push(Entity {
                id: &q.id,
                entity: "question",
                path: at("questions", i),
                name: Some(&q.text),
            });
        }
        for (i, r) in self.rounds.iter().enumerate() {
            out.push(Entity {
                id: &r.id,
                entity: "round",
                path: at("rounds", i),
                name: r.name.as_ref(),
            });
        }
        for (i, p) in self.participants.iter().enumerate() {
            out.push(Entity {
                id: &p.id,
                entity: "participant",
                path: at("participants", i),
                name: Some(&p.name),
            });
        }
        for (i, p) in self.proposals.iter().enumerate() {
            out.push(Entity {
                id: &p.id,
                entity: "proposal",
                path: at("proposals", i),
                name: Some(&p.title),
            });
        }
        for (i, d) in self.decisions.iter().enumerate() {
            out.push(Entity {
                id: &d.id,
                entity: "decision",
                path: at("decisions", i),
                name: Some(&d.title),
            });
        }
        out
    }

    /// The edition it is held at and each round's edition (expect `edition`), and each
    /// proposal's contribution (expects `proposal`).
    fn references(&self) -> Vec<RefSite<'_>> {
        let mut out = Vec::new();
        if let Some(e) = &self.edition {
            out.push(RefSite {
                target: e,
                expects: &["edition"],
                path: "/edition".into(),
            });
        }
        for (i, r) in self.rounds.iter().enumerate() {
            if let Some(e) = &r.edition {
                out.push(RefSite {
                    target: e,
                    expects: &["edition"],
                    path: Pointer::root().key("rounds").index(i).key("edition").into(),
                });
            }
        }
        for (i, p) in self.proposals.iter().enumerate() {
            if let Some(c) = &p.contribution {
                out.push(RefSite {
                    target: c,
                    expects: &["proposal"],
                    path: Pointer::root()
                        .key("proposals")
                        .index(i)
                        .key("contribution")
                        .into(),
                });
            }
        }
        out
    }
}

fn unknown(
    issues: &mut Issues,
    rule: &str,
    path: Pointer,
    what: &str,
    id: &Id,
    help: &'static str,
) {
    issues
        .error(
            rule,
            path,
            format!(
                "{what} {:?} is not defined in this consultation",
                id.as_str()
            ),
        )
        .help = Some(help.into());
}

fn unqualified(issues: &mut Issues, path: Pointer, r: &Ref) {
    if r.is_local() {
        issues
            .error(
                "platforms.edition-ref.unqualified",
                path,
                format!("edition {:?} names no platform registry", r.as_str()),
            )
            .help = Some("editions live in platform registries: write registryId#editionId".into());
    }
}

impl Validate for Consultation {
    /// Rules (all paths are JSON Pointers into the consultation):
    ///
    /// * `platforms.duplicate-id` — ids unique across questions, rounds, participants,
    ///   proposals and decisions;
    /// * `platforms.position.unknown-round`, `…unknown-participant`, `…unknown-proposal` —
    ///   a position names something the consultation does not define;
    /// * `platforms.position.duplicate` — a participant takes two positions on one proposal
    ///   in one round (the first counts);
    /// * `platforms.position.after-withdrawal` (warning) — a position in a round after the
    ///   proposal was withdrawn (not counted);
    /// * `platforms.proposal.unknown-round`, `platforms.proposal.unknown-participant`,
    ///   `platforms.proposal.unknown-question`, `platforms.round.unknown-participant`,
    ///   `platforms.decision.unknown-round`, `platforms.decision.unknown-proposal`;
    /// * `platforms.round.out-of-order` (warning) — round dates go backwards;
    /// * `platforms.edition-ref.unqualified` — an edition reference without a registry;
    /// * `platforms.proposal.unlisted-contribution` (warning) — a proposal's contribution is
    ///   not among `contributions`;
    /// * `platforms.decision.outcome-differs` (warning) — a recorded decision disagrees with
    ///   the outcome computed from the positions under the decision rule;
    /// * `platforms.consultation.no-standing` (warning) — positions exist but no participant
    ///   has voting standing, so nothing can be adopted;
    /// * the decision rule's own rules ([`DecisionRule::check`]).
    ///
    /// O(n) in the size of the consultation, plus one [`decide`](crate::decide) when it
    /// records decisions.
    fn validate_into(&self, issues: &mut Issues) {
        let root = Pointer::root();
        let sites =
            self.questions
                .iter()
                .map(|q| &q.id)
                .enumerate()
                .map(|(i, id)| (id, root.clone().key("questions").index(i).key("id").into()))
                .chain(
                    self.rounds.iter().enumerate().map(|(i, r)| {
                        (&r.id, root.clone().key("rounds").index(i).key("id").into())
                    }),
                )
                .chain(self.participants.iter().enumerate().map(|(i, p)| {
                    (
                        &p.id,
                        root.clone().key("participants").index(i).key("id").into(),
                    )
                }))
                .chain(self.proposals.iter().enumerate().map(|(i, p)| {
                    (
                        &p.id,
                        root.clone().key("proposals").index(i).key("id").into(),
                    )
                }))
                .chain(self.decisions.iter().enumerate().map(|(i, d)| {
                    (
                        &d.id,
                        root.clone().key("decisions").index(i).key("id").into(),
                    )
                }));
        unique_ids(issues, sites);

        self.decision_rule
            .check(&root.clone().key("decisionRule"), issues);
        if let Some(e) = &self.edition {
            unqualified(issues, root.clone().key("edition"), e);
        }

        let rounds: HashMap<&str, usize> = self
            .rounds
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let participants: HashSet<&str> = self.participants.iter().map(|p| p.id.as_str()).collect();
        let proposals: HashMap<&str, usize> = self
            .proposals
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let questions: HashSet<&str> = self.questions.iter().map(|q| q.id.as_str()).collect();
        let contributions: HashSet<&str> = self.contributions.iter().map(Id::as_str).collect();

        let mut last_date: Option<(Date, usize)> = None;
        for (i, r) in self.rounds.iter().enumerate() {
            let at = root.clone().key("rounds").index(i);
            if let Some(d) = r.date {
                if let Some((prev, j)) = last_date
                    && d < prev
                {
                    issues.warning(
                        "platforms.round.out-of-order",
                        at.clone().key("date"),
                        format!(
                            "round {:?} is dated {d}, before round {j} ({prev})",
                            r.id.as_str()
                        ),
                    );
                }
                last_date = Some((d, i));
            }
            if let Some(e) = &r.edition {
                unqualified(issues, at.clone().key("edition"), e);
            }
            for (k, p) in r.present.iter().flatten().enumerate() {
                if !participants.contains(p.as_str()) {
                    unknown(
                        issues,
                        "platforms.round.unknown-participant",
                        at.clone().key("present").index(k),
                        "participant",
                        p,
                        "list the participant under \"participants\"",
                    );
                }
            }
            if let Some(present) = &r.present {
                for k in repeats(present) {
                    issues.warning(
                        "platforms.round.duplicate-present",
                        at.clone().key("present").index(k),
                        format!("participant {:?} is listed twice", present[k].as_str()),
                    );
                }
            }
        }

        for (i, p) in self.proposals.iter().enumerate() {
            let at = root.clone().key("proposals").index(i);
            if let Some(w) = &p.withdrawn_in
                && !rounds.contains_key(w.as_str())
            {
                unknown(
                    issues,
                    "platforms.proposal.unknown-round",
                    at.clone().key("withdrawnIn"),
                    "round",
                    w,
                    "use the id of one of the consultation's rounds",
                );
            }
            for (k, s) in p.submitted_by.iter().enumerate() {
                if !participants.contains(s.as_str()) {
                    unknown(
                        issues,
                        "platforms.proposal.unknown-participant",
                        at.clone().key("submittedBy").index(k),
                        "participant",
                        s,
                        "list the participant under \"participants\"",
                    );
                }
            }
            for (k, q) in p.questions.iter().enumerate() {
                if !questions.contains(q.as_str()) {
                    unknown(
                        issues,
                        "platforms.proposal.unknown-question",
                        at.clone().key("questions").index(k),
                        "question",
                        q,
                        "use the id of one of the consultation's questions",
                    );
                }
            }
            if let Some(c) = &p.contribution
                && let Some(doc) = c.document()
                && !contributions.contains(doc)
            {
                issues
                    .warning(
                        "platforms.proposal.unlisted-contribution",
                        at.clone().key("contribution"),
                        format!(
                            "contribution document {doc:?} is not listed under \"contributions\""
                        ),
                    )
                    .help = Some("add its id to \"contributions\"".into());
            }
        }

        // (round, participant, proposal) → first position index
        let mut seen: HashMap<(&str, &str, &str), usize> =
            HashMap::with_capacity(self.positions.len());
        for (i, pos) in self.positions.iter().enumerate() {
            let at = root.clone().key("positions").index(i);
            let round = rounds.get(pos.round.as_str()).copied();
            if round.is_none() {
                unknown(
                    issues,
                    "platforms.position.unknown-round",
                    at.clone().key("round"),
                    "round",
                    &pos.round,
                    "use the id of one of the consultation's rounds",
                );
            }
            if !participants.contains(pos.participant.as_str()) {
                unknown(
                    issues,
                    "platforms.position.unknown-participant",
                    at.clone().key("participant"),
                    "participant",
                    &pos.participant,
                    "list the participant under \"participants\"",
                );
            }
            let proposal = proposals.get(pos.proposal.as_str()).copied();
            if proposal.is_none() {
                unknown(
                    issues,
                    "platforms.position.unknown-proposal",
                    at.clone().key("proposal"),
                    "proposal",
                    &pos.proposal,
                    "use the id of one of the consultation's proposals",
                );
            }
            let key = (
                pos.round.as_str(),
                pos.participant.as_str(),
                pos.proposal.as_str(),
            );
            if let Some(first) = seen.get(&key) {
                issues
                    .error(
                        "platforms.position.duplicate",
                        at.clone(),
                        format!(
                            "participant {:?} already took a position on proposal {:?} in round {:?} (/positions/{first})",
                            key.1, key.2, key.0
                        ),
                    )
                    .help = Some(
                    "one position per participant, proposal and round; the first one counts"
                        .into(),
                );
            } else {
                seen.insert(key, i);
            }
            if let (Some(r), Some(p)) = (round, proposal)
                && let Some(w) = &self.proposals[p].withdrawn_in
                && let Some(&wr) = rounds.get(w.as_str())
                && r > wr
            {
                issues.warning(
                    "platforms.position.after-withdrawal",
                    at.clone().key("round"),
                    format!(
                        "proposal {:?} was withdrawn in round {:?}; this position is not counted",
                        pos.proposal.as_str(),
                        w.as_str()
                    ),
                );
            }
        }

        if !self.positions.is_empty()
            && !self
                .participants
                .iter()
                .any(|p| self.standing_of(p) == Standing::Voting)
        {
            issues
                .warning(
                    "platforms.consultation.no-standing",
                    "/participants",
                    "no participant has voting standing, so no proposal can be adopted",
                )
                .help = Some(
                "give a stakeholder kind voting standing in the decision rule, or a participant its own \"standing\""
                    .into(),
            );
        }

        for (i, d) in self.decisions.iter().enumerate() {
            let at = root.clone().key("decisions").index(i);
            if !rounds.contains_key(d.round.as_str()) {
                unknown(
                    issues,
                    "platforms.decision.unknown-round",
                    at.clone().key("round"),
                    "round",
                    &d.round,
                    "use the id of one of the consultation's rounds",
                );
            }
            for (k, p) in d.proposals.iter().enumerate() {
                if !proposals.contains_key(p.as_str()) {
                    unknown(
                        issues,
                        "platforms.decision.unknown-proposal",
                        at.clone().key("proposals").index(k),
                        "proposal",
                        p,
                        "use the id of one of the consultation's proposals",
                    );
                }
            }
        }
        if !self.decisions.is_empty() {
            let result = crate::decide(self);
            let computed: HashMap<(&str, &str), DecisionOutcome> = result
                .proposals
                .iter()
                .flat_map(|p| {
                    p.rounds
                        .iter()
                        .map(move |r| ((p.proposal.as_str(), r.round.as_str()), r.outcome))
                })
                .collect();
            for (i, d) in self.decisions.iter().enumerate() {
                for (k, p) in d.proposals.iter().enumerate() {
                    if let Some(&c) = computed.get(&(p.as_str(), d.round.as_str()))
                        && c != d.outcome
                    {
                        issues
                            .warning(
                                "platforms.decision.outcome-differs",
                                root.clone().key("decisions").index(i).key("proposals").index(k),
                                format!(
                                    "decision {:?} records {} for proposal {:?}, but the positions give {} under the decision rule",
                                    d.id.as_str(),
                                    d.outcome.as_str(),
                                    p.as_str(),
                                    c.as_str()
                                ),
                            )
                            .help = Some("check the positions recorded for that round, or the decision rule".into());
                    }
                }
            }
        }
    }
}
