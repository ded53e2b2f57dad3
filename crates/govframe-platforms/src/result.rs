//! The `consensusResult` document: outcomes per proposal and round, with counts, objections,
//! reservations, the consensus measure and its trend.

use std::cmp::Ordering;

use govframe_core::{DocumentMeta, Id, Issues, LocalizedText, Pointer, SpecVersion, Validate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::common::{Share, Standing};
use crate::consultation::{DecisionOutcome, DecisionRule, MajorityKind, Stance, VotingBase};

govframe_core::document_kind!(
    /// The kind tag of a consensus result.
    ConsensusResultKind = "consensusResult"
);

/// The positions on one proposal in one round.
///
/// The five stance counts are of participants with voting standing; positions of others are
/// only counted in `withoutStanding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PositionCounts {
    /// In favour.
    pub support: u32,
    /// In favour with a reservation.
    pub support_with_reservation: u32,
    /// Against.
    pub oppose: u32,
    /// Formal objections.
    pub formal_objection: u32,
    /// Abstentions.
    pub abstain: u32,
    /// Positions of participants without voting standing (recorded, not counted).
    pub without_standing: u32,
    /// Members with a vote present (for the quorum).
    pub present: u32,
    /// Members with a vote in the consultation.
    pub members: u32,
}

impl PositionCounts {
    /// Counts a position of a participant with `standing`; a voting position also counts as
    /// present (saturating arithmetic).
    pub fn add(&mut self, standing: Standing, stance: Stance) {
        if !standing.counts() {
            self.without_standing = self.without_standing.saturating_add(1);
            return;
        }
        let slot = match stance {
            Stance::Support => &mut self.support,
            Stance::SupportWithReservation => &mut self.support_with_reservation,
            Stance::Oppose => &mut self.oppose,
            Stance::FormalObjection => &mut self.formal_objection,
            Stance::Abstain => &mut self.abstain,
        };
        *slot = slot.saturating_add(1);
        self.present = self.present.saturating_add(1);
    }

    /// Votes in favour (support, with or without reservation).
    pub fn yes(&self) -> u64 {
        u64::from(self.support) + u64::from(self.support_with_reservation)
    }

    /// Votes against (oppose and formal objections).
    pub fn no(&self) -> u64 {
        u64::from(self.oppose) + u64::from(self.formal_objection)
    }

    /// Positions taken by participants with voting standing, abstentions included.
    pub fn taken(&self) -> u64 {
        self.yes() + self.no() + u64::from(self.abstain)
    }

    /// The consensus measure: the share in favour among participants with voting standing
    /// who took a position (abstentions count as positions taken, not in favour). `None` when
    /// none did.
    ///
    /// ```
    /// use govframe_platforms::{PositionCounts, Stance, Standing};
    /// let mut c = PositionCounts::default();
    /// for s in [Stance::Support, Stance::Support, Stance::Oppose, Stance::Abstain] {
    ///     c.add(Standing::Voting, s);
    /// }
    /// c.add(Standing::NonVoting, Stance::Oppose); // recorded, not counted
    /// assert_eq!(c.consensus_measure().map(|m| m.get()), Some(0.5));
    /// ```
    pub fn consensus_measure(&self) -> Option<Share> {
        let taken = self.taken();
        (taken > 0).then(|| Share::ratio(self.yes(), taken))
    }

    /// Compares the consensus measures of two counts exactly (cross-multiplied integers).
    /// `None` when either has no measure.
    pub fn cmp_measure(&self, other: &Self) -> Option<Ordering> {
        let (a, b) = (self.taken(), other.taken());
        if a == 0 || b == 0 {
            return None;
        }
        Some(
            (u128::from(self.yes()) * u128::from(b))
                .cmp(&(u128::from(other.yes()) * u128::from(a))),
        )
    }
}

/// The outcome of `rule` for `counts` (withdrawal is decided elsewhere). A pure function in
/// exact integer arithmetic, O(1):
///
/// 1. a quorum, when the rule has one, is checked over `counts.present` and `counts.members`
///    (`noQuorum` when missed);
/// 2. **consensus**: `noConsensus` when a participant with voting standing formally objects
///    or nobody with standing is in favour, else `adopted`;
/// 3. **majority**: with `yes` the votes in favour and `base` = `yes + no` (present and
///    voting: abstentions are left out) or `members` (all members: abstentions and absences
///    weigh like votes against), `adopted` when `yes > 0` and `2·yes > base` (simple),
///    `2·yes > members` (absolute), or `3·yes ≥ 2·base` (two-thirds); else `rejected`.
///
/// ```
/// use govframe_platforms::{outcome, DecisionOutcome, DecisionRule, MajorityKind, PositionCounts, VotingBase};
/// let rule = DecisionRule::majority(MajorityKind::TwoThirds, VotingBase::PresentAndVoting);
/// let counts = |yes, no| PositionCounts { support: yes, oppose: no, present: yes + no, members: 30, ..Default::default() };
/// assert_eq!(outcome(&rule, &counts(20, 10)), DecisionOutcome::Adopted);  // exactly 2/3
/// assert_eq!(outcome(&rule, &counts(19, 10)), DecisionOutcome::Rejected); // just below
/// ```
pub fn outcome(rule: &DecisionRule, counts: &PositionCounts) -> DecisionOutcome {
    if let Some(q) = rule.quorum()
        && !q.met(counts.present, counts.members)
    {
        return DecisionOutcome::NoQuorum;
    }
    let yes = counts.yes();
    match rule {
        DecisionRule::Consensus { .. } => {
            if counts.formal_objection > 0 || yes == 0 {
                DecisionOutcome::NoConsensus
            } else {
                DecisionOutcome::Adopted
            }
        }
        DecisionRule::Majority { majority, base, .. } => {
            let members = u64::from(counts.members);
            let base = match base {
                VotingBase::PresentAndVoting => yes + counts.no(),
                VotingBase::AllMembers => members,
            };
            let passes = yes > 0
                && match majority {
                    MajorityKind::Simple => 2 * yes > base,
                    MajorityKind::Absolute => 2 * yes > members,
                    MajorityKind::TwoThirds => 3 * yes >= 2 * base,
                };
            if passes {
                DecisionOutcome::Adopted
            } else {
                DecisionOutcome::Rejected
            }
        }
    }
}

/// One proposal in one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoundResult {
    /// The round (id).
    pub round: Id,
    /// The outcome.
    pub outcome: DecisionOutcome,
    /// The counts.
    pub counts: PositionCounts,
    /// Whether the quorum was met (absent when the rule has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quorum_met: Option<bool>,
    /// Share in favour among participants with standing who took a position (0 to 1);
    /// absent when none did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consensus_measure: Option<Share>,
    /// Participants with voting standing who formally objected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub objections: Vec<Id>,
    /// Participants without voting standing who formally objected (recorded, not blocking).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub non_blocking_objections: Vec<Id>,
    /// Participants who supported with a reservation (any standing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub reservations: Vec<Id>,
}

/// Which way the consensus measure moved from the first to the last round with a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum TrendDirection {
    /// Higher in the last round than in the first.
    Rising,
    /// Lower in the last round than in the first.
    Falling,
    /// Equal.
    Steady,
    /// Fewer than two rounds with a measure.
    Undetermined,
}

impl TrendDirection {
    /// The value as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rising => "rising",
            Self::Falling => "falling",
            Self::Steady => "steady",
            Self::Undetermined => "undetermined",
        }
    }
}

/// How the consensus measure moved across rounds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsensusTrend {
    /// The direction (compared exactly, not in floating point).
    pub direction: TrendDirection,
    /// The measure in the first round that has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<Share>,
    /// The measure in the last round that has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Share>,
    /// `last − first` (from −1 to 1), when the direction is determined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
}

impl ConsensusTrend {
    /// The trend of a series of round results, in round order. O(rounds).
    pub fn of(rounds: &[RoundResult]) -> Self {
        let mut measured = rounds.iter().filter(|r| r.counts.taken() > 0);
        let first = measured.next();
        let last = measured.next_back().or(first);
        let direction = match (first, last) {
            (Some(f), Some(l)) if !std::ptr::eq(f, l) => match l.counts.cmp_measure(&f.counts) {
                Some(Ordering::Greater) => TrendDirection::Rising,
                Some(Ordering::Less) => TrendDirection::Falling,
                Some(Ordering::Equal) => TrendDirection::Steady,
                None => TrendDirection::Undetermined,
            },
            _ => TrendDirection::Undetermined,
        };
        let first = first.and_then(|r| r.counts.consensus_measure());
        let last = last.and_then(|r| r.counts.consensus_measure());
        let change = match (first, last, direction) {
            (_, _, TrendDirection::Undetermined) => None,
            (Some(f), Some(l), _) => Some(l.get() - f.get()),
            _ => None,
        };
        Self {
            direction,
            first,
            last,
            change,
        }
    }
}

/// One proposal across the rounds in which it was taken up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProposalResult {
    /// The proposal (id).
    pub proposal: Id,
    /// Per round in which someone took a position on it (or it was withdrawn), in round
    /// order.
    pub rounds: Vec<RoundResult>,
    /// The outcome of its last round; absent when it was never taken up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_outcome: Option<DecisionOutcome>,
    /// How the consensus measure moved.
    pub trend: ConsensusTrend,
}

/// Totals over the proposals, by final outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsensusSummary {
    /// Proposals.
    pub proposals: u32,
    /// Finally adopted.
    pub adopted: u32,
    /// Finally rejected.
    pub rejected: u32,
    /// Without consensus in their last round.
    pub no_consensus: u32,
    /// Without quorum in their last round.
    pub no_quorum: u32,
    /// Withdrawn.
    pub withdrawn: u32,
    /// Never taken up.
    pub not_taken_up: u32,
}

impl ConsensusSummary {
    /// The summary of a list of proposal results. O(n).
    pub fn of(proposals: &[ProposalResult]) -> Self {
        let mut s = Self {
            proposals: crate::common::count32(proposals.len()),
            ..Self::default()
        };
        for p in proposals {
            let slot = match p.final_outcome {
                Some(DecisionOutcome::Adopted) => &mut s.adopted,
                Some(DecisionOutcome::Rejected) => &mut s.rejected,
                Some(DecisionOutcome::NoConsensus) => &mut s.no_consensus,
                Some(DecisionOutcome::NoQuorum) => &mut s.no_quorum,
                Some(DecisionOutcome::Withdrawn) => &mut s.withdrawn,
                None => &mut s.not_taken_up,
            };
            *slot = slot.saturating_add(1);
        }
        s
    }
}

/// The outcome of a consultation under its decision rule, as a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "ConsensusResult")]
pub struct ConsensusResult {
    /// Always `"consensusResult"`.
    pub kind: ConsensusResultKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The consultation decided (its document id).
    pub consultation: Id,
    /// The rule applied.
    pub decision_rule: DecisionRule,
    /// Members with a vote.
    pub members: u32,
    /// Per proposal, in the consultation's order.
    pub proposals: Vec<ProposalResult>,
    /// Totals.
    pub summary: ConsensusSummary,
}

impl DocumentMeta for ConsensusResult {
    const KIND: &'static str = ConsensusResultKind::KIND;
    fn id(&self) -> &Id {
        &self.id
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for ConsensusResult {
    /// Rules: the summary matches the proposals (`platforms.consensus-result.summary-mismatch`);
    /// each final outcome is its last round's (`…final-mismatch`); each round's measure
    /// matches its counts (`…measure-mismatch`); a trend's change is finite
    /// (`…non-finite`). O(n).
    fn validate_into(&self, issues: &mut Issues) {
        if ConsensusSummary::of(&self.proposals) != self.summary {
            issues.error(
                "platforms.consensus-result.summary-mismatch",
                "/summary",
                "the summary does not match the proposals listed",
            );
        }
        for (i, p) in self.proposals.iter().enumerate() {
            let at = Pointer::root().key("proposals").index(i);
            if let Some(c) = p.trend.change {
                issues.finite("platforms.consensus-result.non-finite", c, || {
                    at.clone().key("trend").key("change").into()
                });
            }
            if p.final_outcome != p.rounds.last().map(|r| r.outcome) {
                issues.error(
                    "platforms.consensus-result.final-mismatch",
                    at.clone().key("finalOutcome"),
                    "finalOutcome is not the outcome of the last round",
                );
            }
            for (j, r) in p.rounds.iter().enumerate() {
                let rat = at.clone().key("rounds").index(j).key("consensusMeasure");
                let expected = r.counts.consensus_measure();
                let same = match (expected, r.consensus_measure) {
                    (Some(a), Some(b)) => (a.get() - b.get()).abs() <= 1e-12,
                    (None, None) => true,
                    _ => false,
                };
                if !same {
                    issues.error(
                        "platforms.consensus-result.measure-mismatch",
                        rat,
                        "consensusMeasure does not match the counts",
                    );
                }
            }
        }
    }
}
