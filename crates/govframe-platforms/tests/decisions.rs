//! Decision rules and the semantic rules of consultations, contributions and registries.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::{Id, LocalizedText, Severity, StakeholderKind, Validate};
use govframe_platforms::*;

fn id(s: &str) -> Id {
    s.parse().unwrap()
}

/// A consultation with `states` Member States (`ms-0`…), one Sector Member (`sm`), one
/// Academia member (`ac`), rounds `r1`, `r2`, and proposals `p1`, `p2`.
fn consultation(rule: DecisionRule, states: usize) -> Consultation {
    let mut c = Consultation::new(id("c"), LocalizedText::en("Test"), rule);
    for i in 0..states {
        c.participants.push(Participant::new(
            id(&format!("ms-{i}")),
            LocalizedText::en(format!("State {i}")),
            StakeholderKind::MemberState,
        ));
    }
    c.participants.push(Participant::new(
        id("sm"),
        LocalizedText::en("Company"),
        StakeholderKind::SectorMember,
    ));
    c.participants.push(Participant::new(
        id("ac"),
        LocalizedText::en("University"),
        StakeholderKind::Academia,
    ));
    c.rounds.push(Round::new(id("r1")));
    c.rounds.push(Round::new(id("r2")));
    c.proposals
        .push(Proposal::new(id("p1"), LocalizedText::en("First")));
    c.proposals
        .push(Proposal::new(id("p2"), LocalizedText::en("Second")));
    c
}

fn pos(c: &mut Consultation, round: &str, who: &str, proposal: &str, stance: Stance) {
    c.positions
        .push(Position::new(id(round), id(who), id(proposal), stance));
}

/// Member States 0..yes support, the next `no` oppose, the next `abstain` abstain (round r1, p1).
fn votes(c: &mut Consultation, yes: usize, no: usize, abstain: usize) {
    for i in 0..yes + no + abstain {
        let stance = if i < yes {
            Stance::Support
        } else if i < yes + no {
            Stance::Oppose
        } else {
            Stance::Abstain
        };
        pos(c, "r1", &format!("ms-{i}"), "p1", stance);
    }
}

fn round1(c: &Consultation) -> RoundResult {
    assert!(
        c.validate().iter().all(|i| i.severity != Severity::Error),
        "{:?}",
        c.validate()
    );
    let r = decide(c);
    r.proposals[0].rounds[0].clone()
}

fn errors(c: &impl Validate) -> Vec<(String, String)> {
    c.validate()
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| (i.rule, i.path))
        .collect()
}

#[test]
fn unanimous_support_is_adopted_by_consensus() {
    let mut c = consultation(DecisionRule::consensus(), 5);
    votes(&mut c, 5, 0, 0);
    let r = round1(&c);
    assert_eq!(r.outcome, DecisionOutcome::Adopted);
    assert_eq!(r.consensus_measure.map(Share::get), Some(1.0));
    assert_eq!(r.counts.support, 5);
    assert_eq!(r.counts.present, 5);
    assert_eq!(r.counts.members, 5);
    assert!(r.objections.is_empty());
}

#[test]
fn one_formal_objection_blocks_consensus() {
    let mut c = consultation(DecisionRule::consensus(), 5);
    votes(&mut c, 4, 0, 0);
    pos(&mut c, "r1", "ms-4", "p1", Stance::FormalObjection);
    let r = round1(&c);
    assert_eq!(r.outcome, DecisionOutcome::NoConsensus);
    assert_eq!(r.objections, vec![id("ms-4")]);
    assert_eq!(r.consensus_measure.map(Share::get), Some(0.8));
}

#[test]
fn a_reservation_does_not_block() {
    let mut c = consultation(DecisionRule::consensus(), 3);
    votes(&mut c, 2, 0, 0);
    pos(&mut c, "r1", "ms-2", "p1", Stance::SupportWithReservation);
    c.positions[2].statement = Some(LocalizedText::en("We read §2 as non-binding."));
    let r = round1(&c);
    assert_eq!(r.outcome, DecisionOutcome::Adopted);
    assert_eq!(r.reservations, vec![id("ms-2")]);
    assert_eq!(r.counts.support_with_reservation, 1);
    assert_eq!(r.consensus_measure.map(Share::get), Some(1.0));
}

#[test]
fn opposition_without_objection_does_not_block_consensus() {
    let mut c = consultation(DecisionRule::consensus(), 3);
    votes(&mut c, 1, 2, 0);
    let r = round1(&c);
    assert_eq!(r.outcome, DecisionOutcome::Adopted);
    assert_eq!(
        r.consensus_measure.map(|m| (m.get() * 3.0).round()),
        Some(1.0)
    );
}

#[test]
fn consensus_needs_someone_in_favour() {
    let mut c = consultation(DecisionRule::consensus(), 3);
    votes(&mut c, 0, 0, 3);
    assert_eq!(round1(&c).outcome, DecisionOutcome::NoConsensus);
}

#[test]
fn two_thirds_just_above_and_just_below() {
    let rule = DecisionRule::majority(MajorityKind::TwoThirds, VotingBase::PresentAndVoting);
    // 20 for, 10 against: exactly two-thirds → adopted (3·20 = 60 ≥ 2·30 = 60).
    let mut c = consultation(rule.clone(), 40);
    votes(&mut c, 20, 10, 5);
    let r = round1(&c);
    assert_eq!(r.outcome, DecisionOutcome::Adopted);
    // 19 for, 10 against: 57 < 58 → rejected; the abstentions do not count.
    let mut c = consultation(rule.clone(), 40);
    votes(&mut c, 19, 10, 10);
    assert_eq!(round1(&c).outcome, DecisionOutcome::Rejected);
    // 21 for, 10 against: above the line.
    let mut c = consultation(rule, 40);
    votes(&mut c, 21, 10, 0);
    assert_eq!(round1(&c).outcome, DecisionOutcome::Adopted);
}

#[test]
fn two_thirds_of_all_members_counts_abstentions_and_absences() {
    let rule = DecisionRule::majority(MajorityKind::TwoThirds, VotingBase::AllMembers);
    // 30 members: 20 needed.
    let mut c = consultation(rule.clone(), 30);
    votes(&mut c, 20, 0, 10);
    assert_eq!(round1(&c).outcome, DecisionOutcome::Adopted);
    let mut c = consultation(rule, 30);
    votes(&mut c, 19, 0, 0);
    assert_eq!(round1(&c).outcome, DecisionOutcome::Rejected);
}

#[test]
fn simple_and_absolute_majorities() {
    let simple = DecisionRule::majority(MajorityKind::Simple, VotingBase::PresentAndVoting);
    let mut c = consultation(simple.clone(), 10);
    votes(&mut c, 3, 2, 5);
    assert_eq!(round1(&c).outcome, DecisionOutcome::Adopted);
    let mut c = consultation(simple, 10);
    votes(&mut c, 3, 3, 0); // a tie fails
    assert_eq!(round1(&c).outcome, DecisionOutcome::Rejected);

    let absolute = DecisionRule::majority(MajorityKind::Absolute, VotingBase::PresentAndVoting);
    let mut c = consultation(absolute.clone(), 10);
    votes(&mut c, 5, 1, 0); // 5 of 10 members is not more than half
    assert_eq!(round1(&c).outcome, DecisionOutcome::Rejected);
    let mut c = consultation(absolute, 10);
    votes(&mut c, 6, 4, 0);
    assert_eq!(round1(&c).outcome, DecisionOutcome::Adopted);
}

#[test]
fn no_quorum() {
    let rule = DecisionRule::Majority {
        majority: MajorityKind::Simple,
        base: VotingBase::PresentAndVoting,
        quorum: Some(Quorum::Fraction {
            numerator: 1,
            denominator: 2.try_into().unwrap(),
        }),
        standing: Vec::new(),
    };
    let mut c = consultation(rule.clone(), 10);
    votes(&mut c, 4, 0, 0);
    let r = round1(&c);
    assert_eq!(r.outcome, DecisionOutcome::NoQuorum);
    assert_eq!(r.quorum_met, Some(false));
    assert_eq!((r.counts.present, r.counts.members), (4, 10));

    // The attendance list makes the quorum even when some present members say nothing.
    let mut c = consultation(rule, 10);
    votes(&mut c, 4, 0, 0);
    c.rounds[0].present = Some(vec![id("ms-8"), id("ms-9"), id("ms-0"), id("sm")]);
    let r = round1(&c);
    assert_eq!(r.counts.present, 6);
    assert_eq!(r.outcome, DecisionOutcome::Adopted);

    let count = DecisionRule::Consensus {
        quorum: Some(Quorum::Count {
            count: 3.try_into().unwrap(),
        }),
        standing: Vec::new(),
    };
    let mut c = consultation(count, 10);
    votes(&mut c, 2, 0, 0);
    assert_eq!(round1(&c).outcome, DecisionOutcome::NoQuorum);
}

#[test]
fn positions_without_standing_do_not_count() {
    // Under consensus, a Sector Member's formal objection does not block.
    let mut c = consultation(DecisionRule::consensus(), 2);
    votes(&mut c, 2, 0, 0);
    pos(&mut c, "r1", "sm", "p1", Stance::FormalObjection);
    let r = round1(&c);
    assert_eq!(r.outcome, DecisionOutcome::Adopted);
    assert_eq!(r.non_blocking_objections, vec![id("sm")]);
    assert!(r.objections.is_empty());
    assert_eq!(r.counts.without_standing, 1);
    assert_eq!(r.consensus_measure.map(Share::get), Some(1.0));

    // Under a majority, Academia's support does not turn a tie into a majority.
    let mut c = consultation(
        DecisionRule::majority(MajorityKind::Simple, VotingBase::PresentAndVoting),
        2,
    );
    votes(&mut c, 1, 1, 0);
    pos(&mut c, "r1", "ac", "p1", Stance::Support);
    pos(&mut c, "r1", "sm", "p1", Stance::Support);
    let r = round1(&c);
    assert_eq!(r.outcome, DecisionOutcome::Rejected);
    assert_eq!(r.counts.present, 2);
}

#[test]
fn standing_can_be_given_per_kind_and_per_participant() {
    let rule = DecisionRule::Consensus {
        quorum: None,
        standing: vec![StandingRule {
            stakeholder: StakeholderKind::SectorMember,
            standing: Standing::Voting,
        }],
    };
    let mut c = consultation(rule, 2);
    votes(&mut c, 2, 0, 0);
    pos(&mut c, "r1", "sm", "p1", Stance::FormalObjection);
    assert_eq!(round1(&c).outcome, DecisionOutcome::NoConsensus);

    let mut c = consultation(DecisionRule::consensus(), 2);
    c.participants[0].standing = Some(Standing::Observer);
    votes(&mut c, 0, 0, 0);
    pos(&mut c, "r1", "ms-0", "p1", Stance::FormalObjection);
    pos(&mut c, "r1", "ms-1", "p1", Stance::Support);
    let r = round1(&c);
    assert_eq!(r.outcome, DecisionOutcome::Adopted);
    assert_eq!(r.counts.members, 1);
}

#[test]
fn withdrawn_proposal() {
    let mut c = consultation(DecisionRule::consensus(), 3);
    pos(&mut c, "r1", "ms-0", "p1", Stance::Support);
    pos(&mut c, "r1", "ms-1", "p1", Stance::FormalObjection);
    c.proposals[0].withdrawn_in = Some(id("r2"));
    pos(&mut c, "r2", "ms-0", "p1", Stance::Support);
    let result = decide(&c);
    let p = &result.proposals[0];
    assert_eq!(p.rounds.len(), 2);
    assert_eq!(p.rounds[0].outcome, DecisionOutcome::NoConsensus);
    assert_eq!(p.rounds[1].outcome, DecisionOutcome::Withdrawn);
    assert_eq!(p.final_outcome, Some(DecisionOutcome::Withdrawn));
    assert_eq!(result.summary.withdrawn, 1);
    assert_eq!(result.summary.not_taken_up, 1); // p2

    // Withdrawn in r1 with no positions at all: still one row, `withdrawn`; later
    // positions are ignored (and validation warns).
    let mut c = consultation(DecisionRule::consensus(), 3);
    c.proposals[1].withdrawn_in = Some(id("r1"));
    pos(&mut c, "r2", "ms-0", "p2", Stance::Support);
    let result = decide(&c);
    let p = &result.proposals[1];
    assert_eq!(p.rounds.len(), 1);
    assert_eq!(p.rounds[0].round, id("r1"));
    assert_eq!(p.final_outcome, Some(DecisionOutcome::Withdrawn));
    let issues = c.validate();
    assert_eq!(issues[0].rule, "platforms.position.after-withdrawal");
    assert_eq!(issues[0].path, "/positions/0/round");
}

#[test]
fn consensus_measure_trend_across_rounds() {
    let mut c = consultation(DecisionRule::consensus(), 4);
    for (who, stance) in [
        ("ms-0", Stance::Support),
        ("ms-1", Stance::Oppose),
        ("ms-2", Stance::FormalObjection),
        ("ms-3", Stance::Abstain),
    ] {
        pos(&mut c, "r1", who, "p1", stance);
    }
    for (who, stance) in [
        ("ms-0", Stance::Support),
        ("ms-1", Stance::Support),
        ("ms-2", Stance::SupportWithReservation),
        ("ms-3", Stance::Abstain),
    ] {
        pos(&mut c, "r2", who, "p1", stance);
    }
    let result = decide(&c);
    let p = &result.proposals[0];
    assert_eq!(p.rounds[0].outcome, DecisionOutcome::NoConsensus);
    assert_eq!(p.rounds[1].outcome, DecisionOutcome::Adopted);
    assert_eq!(p.trend.direction, TrendDirection::Rising);
    assert_eq!(p.trend.first.map(Share::get), Some(0.25));
    assert_eq!(p.trend.last.map(Share::get), Some(0.75));
    assert_eq!(p.trend.change, Some(0.5));
    assert!(result.validate().is_empty(), "{:?}", result.validate());
    assert_eq!(
        result.proposals[1].trend.direction,
        TrendDirection::Undetermined
    );
}

#[test]
fn position_from_an_unknown_participant_is_an_error() {
    let mut c = consultation(DecisionRule::consensus(), 2);
    pos(&mut c, "r1", "ms-0", "p1", Stance::Support);
    pos(&mut c, "r1", "stranger", "p1", Stance::FormalObjection);
    assert_eq!(
        errors(&c),
        vec![(
            "platforms.position.unknown-participant".to_owned(),
            "/positions/1/participant".to_owned()
        )]
    );
    // decide skips it: the objection does not count.
    assert_eq!(
        decide(&c).proposals[0].rounds[0].outcome,
        DecisionOutcome::Adopted
    );
}

#[test]
fn two_positions_from_one_participant_in_one_round_is_an_error() {
    let mut c = consultation(DecisionRule::consensus(), 2);
    pos(&mut c, "r1", "ms-0", "p1", Stance::Support);
    pos(&mut c, "r1", "ms-1", "p1", Stance::Support);
    pos(&mut c, "r1", "ms-0", "p1", Stance::FormalObjection);
    // The same participant on another proposal, or in another round, is fine.
    pos(&mut c, "r1", "ms-0", "p2", Stance::Support);
    pos(&mut c, "r2", "ms-0", "p1", Stance::Support);
    assert_eq!(
        errors(&c),
        vec![(
            "platforms.position.duplicate".to_owned(),
            "/positions/2".to_owned()
        )]
    );
    let r = &decide(&c).proposals[0].rounds[0];
    assert_eq!(
        r.outcome,
        DecisionOutcome::Adopted,
        "the first position counts"
    );
    assert_eq!(r.counts.support, 2);
}

#[test]
fn position_on_a_proposal_that_does_not_exist() {
    let mut c = consultation(DecisionRule::consensus(), 2);
    pos(&mut c, "r1", "ms-0", "p9", Stance::Support);
    pos(&mut c, "r9", "ms-0", "p1", Stance::Support);
    assert_eq!(
        errors(&c),
        vec![
            (
                "platforms.position.unknown-proposal".to_owned(),
                "/positions/0/proposal".to_owned()
            ),
            (
                "platforms.position.unknown-round".to_owned(),
                "/positions/1/round".to_owned()
            ),
        ]
    );
}

#[test]
fn duplicate_ids_in_a_consultation() {
    let mut c = consultation(DecisionRule::consensus(), 2);
    c.proposals
        .push(Proposal::new(id("ms-1"), LocalizedText::en("Clash")));
    let e = errors(&c);
    assert_eq!(
        e,
        vec![(
            "platforms.duplicate-id".to_owned(),
            "/proposals/2/id".to_owned()
        )]
    );
    let issue = &c.validate()[0];
    assert!(
        issue.message.contains("/participants/1/id"),
        "{}",
        issue.message
    );
}

#[test]
fn recorded_decision_that_disagrees_is_a_warning() {
    let mut c = consultation(DecisionRule::consensus(), 2);
    pos(&mut c, "r1", "ms-0", "p1", Stance::Support);
    pos(&mut c, "r1", "ms-1", "p1", Stance::FormalObjection);
    c.decisions.push(Decision {
        id: id("d1"),
        code: None,
        title: LocalizedText::en("Adopts P1"),
        round: id("r1"),
        proposals: vec![id("p1")],
        outcome: DecisionOutcome::Adopted,
        date: None,
        text: None,
        sources: Vec::new(),
    });
    let issues = c.validate();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].rule, "platforms.decision.outcome-differs");
    assert_eq!(issues[0].severity, Severity::Warning);
    assert_eq!(issues[0].path, "/decisions/0/proposals/0");
}

#[test]
fn quorum_above_one_is_an_error() {
    let rule = DecisionRule::Majority {
        majority: MajorityKind::Simple,
        base: VotingBase::AllMembers,
        quorum: Some(Quorum::Fraction {
            numerator: 3,
            denominator: 2.try_into().unwrap(),
        }),
        standing: vec![
            StandingRule {
                stakeholder: StakeholderKind::Academia,
                standing: Standing::Voting,
            },
            StandingRule {
                stakeholder: StakeholderKind::Academia,
                standing: Standing::Observer,
            },
        ],
    };
    let c = consultation(rule, 1);
    assert_eq!(
        errors(&c),
        vec![
            (
                "platforms.rule.quorum-above-one".to_owned(),
                "/decisionRule/quorum/numerator".to_owned()
            ),
            (
                "platforms.standing.duplicate".to_owned(),
                "/decisionRule/standing/1/stakeholder".to_owned()
            ),
        ]
    );
}

#[test]
fn decision_rule_json() {
    let rule: DecisionRule = serde_json::from_str(
        r#"{"type": "majority", "majority": "twoThirds", "base": "presentAndVoting",
            "quorum": {"type": "fraction", "numerator": 1, "denominator": 2}}"#,
    )
    .unwrap();
    assert!(matches!(
        rule,
        DecisionRule::Majority {
            majority: MajorityKind::TwoThirds,
            ..
        }
    ));
    for bad in [
        r#"{"type": "consensus", "majority": "simple"}"#,
        r#"{"type": "majority", "majority": "simple", "base": "presentAndVoting", "quorum": {"type": "count", "count": 0}}"#,
        r#"{"type": "unanimity"}"#,
    ] {
        assert!(serde_json::from_str::<DecisionRule>(bad).is_err(), "{bad}");
    }
}

#[test]
fn edition_that_ends_before_it_starts() {
    let reg: PlatformRegistry = serde_json::from_str(
        r#"{"kind": "platformRegistry", "specVersion": "1.0", "id": "r", "title": {"en": "R"},
            "platforms": [
              {"id": "p", "name": {"en": "P"}, "type": "symposium", "level": "expert",
               "editions": [{"id": "e1", "start": "2026-01-01"},
                            {"id": "e2", "start": "2026-07-10", "end": "2026-07-08"},
                            {"id": "p", "start": "2026-09-01"}]}]}"#,
    )
    .unwrap();
    assert_eq!(
        errors(&reg),
        vec![
            (
                "platforms.duplicate-id".to_owned(),
                "/platforms/0/editions/2/id".to_owned()
            ),
            (
                "platforms.edition.ends-before-start".to_owned(),
                "/platforms/0/editions/1/end".to_owned()
            ),
        ]
    );
}

#[test]
fn contribution_markers() {
    let mut c = Contribution::new(
        id("c12"),
        LocalizedText::en("Proposals"),
        "DEMO/12",
        "reg#ed".parse().unwrap(),
        "2026-01-01".parse().unwrap(),
        Vec::new(),
    );
    let mut add = ContributionProposal::new(id("a"), ProposalMarker::Add);
    add.text = Some(LocalizedText::en("New text"));
    add.reasons = Some(LocalizedText::en("Needed"));
    let mut sup = ContributionProposal::new(id("s"), ProposalMarker::Sup);
    sup.provision = Some("§3".into());
    sup.text = Some(LocalizedText::en("oops"));
    sup.reasons = Some(LocalizedText::en("Obsolete"));
    let noc = ContributionProposal::new(id("n"), ProposalMarker::Noc);
    c.proposals = vec![add, sup, noc];
    let issues: Vec<(String, String)> =
        c.validate().into_iter().map(|i| (i.rule, i.path)).collect();
    assert_eq!(
        issues,
        vec![
            (
                "platforms.contribution.no-submitter".into(),
                "/submittedBy".into()
            ),
            (
                "platforms.contribution.unexpected-text".into(),
                "/proposals/1/text".into()
            ),
            (
                "platforms.contribution.target-missing".into(),
                "/proposals/2".into()
            ),
            (
                "platforms.contribution.reasons-missing".into(),
                "/proposals/2/reasons".into()
            ),
        ]
    );
    for m in ProposalMarker::ALL {
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<ProposalMarker>(&json).unwrap(), m);
        assert_eq!(ProposalMarker::from_symbol(m.symbol()), Some(m));
    }
    let names: Vec<String> = ProposalMarker::ALL
        .iter()
        .map(|m| serde_json::to_string(m).unwrap())
        .collect();
    assert_eq!(
        names.join(" "),
        r#""add" "addStar" "mod" "modParenthesized" "sup" "supStar" "noc""#
    );
}

#[test]
fn unqualified_meeting_is_an_error() {
    let c = Contribution::new(
        id("c12"),
        LocalizedText::en("Proposals"),
        " ",
        "ed".parse().unwrap(),
        "2026-01-01".parse().unwrap(),
        vec![Submitter {
            name: LocalizedText::en("State"),
            stakeholder: StakeholderKind::MemberState,
            country: None,
        }],
    );
    assert_eq!(
        errors(&c),
        vec![
            (
                "platforms.contribution.empty-document-number".to_owned(),
                "/documentNumber".to_owned()
            ),
            (
                "platforms.edition-ref.unqualified".to_owned(),
                "/meeting".to_owned()
            ),
        ]
    );
}

#[test]
fn result_documents_round_trip_and_validate() {
    let mut c = consultation(DecisionRule::consensus(), 3);
    votes(&mut c, 2, 1, 0);
    let result = decide(&c);
    let json = serde_json::to_string(&result).unwrap();
    let back: ConsensusResult = serde_json::from_str(&json).unwrap();
    assert_eq!(back, result);
    assert!(back.validate().is_empty());
    let mut broken = back.clone();
    broken.summary.adopted += 1;
    assert_eq!(
        broken.validate()[0].rule,
        "platforms.consensus-result.summary-mismatch"
    );
    let table = result.to_table(Some(&c), "en");
    let row = table.lines().find(|l| l.starts_with("p1 ")).unwrap();
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[..4], ["p1", "r1", "adopted", "2"], "{table}");
    assert!(table.contains("p2: not taken up"), "{table}");
}

#[test]
fn order_of_rows_follows_rounds() {
    let mut c = consultation(DecisionRule::consensus(), 2);
    pos(&mut c, "r2", "ms-0", "p1", Stance::Support);
    pos(&mut c, "r1", "ms-0", "p1", Stance::FormalObjection);
    let rows: Vec<Id> = decide(&c).proposals[0]
        .rounds
        .iter()
        .map(|r| r.round.clone())
        .collect();
    assert_eq!(rows, vec![id("r1"), id("r2")]);
}
