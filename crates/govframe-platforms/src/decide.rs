//! Deciding a consultation: outcomes per proposal and round under its decision rule.

use std::collections::HashMap;

use govframe_core::{Id, LocalizedText, SpecVersion};

use crate::common::{Standing, count32, derived_id};
use crate::consultation::{Consultation, DecisionOutcome, Stance};
use crate::result::{
    ConsensusResult, ConsensusResultKind, ConsensusSummary, ConsensusTrend, PositionCounts,
    ProposalResult, RoundResult, outcome,
};

/// Counts positions given as `(standing, stance)` pairs, one per participant, with `members`
/// members with a vote; every voting position counts as present. O(n).
///
/// ```
/// use govframe_platforms::{tally, Stance, Standing};
/// let c = tally([(Standing::Voting, Stance::Support), (Standing::NonVoting, Stance::FormalObjection)], 3);
/// assert_eq!((c.support, c.without_standing, c.present, c.members), (1, 1, 1, 3));
/// ```
pub fn tally(votes: impl IntoIterator<Item = (Standing, Stance)>, members: u32) -> PositionCounts {
    let mut c = PositionCounts {
        members,
        ..PositionCounts::default()
    };
    for (standing, stance) in votes {
        c.add(standing, stance);
    }
    c
}

/// The running state of one proposal in one round.
#[derive(Default)]
struct Acc {
    counts: PositionCounts,
    /// Voting participants with a position who are not on the round's `present` list.
    extra_present: u32,
    objections: Vec<u32>,
    non_blocking: Vec<u32>,
    reservations: Vec<u32>,
}

/// Decides every proposal of a consultation in every round, under its decision rule.
///
/// * A participant's standing is its own `standing`, else the rule's for its stakeholder
///   kind, else the ITU default (Member States vote; Sector Members, Associates and Academia
///   take part without a vote; others observe).
/// * Present in a round: the voting participants on the round's `present` list, plus the
///   voting participants who took a position on the proposal in that round.
/// * A proposal gets a row for each round in which someone took a position on it, and for
///   the round it was withdrawn in (outcome `withdrawn`); rounds after the withdrawal are
///   ignored. Rows follow the consultation's round order.
/// * Positions naming an unknown round, participant or proposal are skipped (validation
///   reports them); of two positions of one participant on one proposal in one round, the
///   first in document order counts.
/// * Objections and reservations are listed in the participants' document order, so the
///   result does not depend on the order of the positions.
///
/// Pure. Time O(n + P·log k + Σ|present|·log), with n the size of the consultation, P the
/// positions and k the positions on one proposal (each proposal's positions are sorted by
/// round); extra memory O(n). Ids are hashed once.
///
/// ```
/// use govframe_core::{LocalizedText, StakeholderKind};
/// use govframe_platforms::*;
///
/// let mut c = Consultation::new("c".parse()?, LocalizedText::en("Demo"), DecisionRule::consensus());
/// for (id, kind) in [("a", StakeholderKind::MemberState), ("b", StakeholderKind::MemberState),
///                    ("s", StakeholderKind::SectorMember)] {
///     c.participants.push(Participant::new(id.parse()?, LocalizedText::en(id), kind));
/// }
/// c.rounds.push(Round::new("r1".parse()?));
/// c.proposals.push(Proposal::new("p1".parse()?, LocalizedText::en("Adopt the guidelines")));
/// for (who, stance) in [("a", Stance::Support), ("b", Stance::SupportWithReservation),
///                       ("s", Stance::FormalObjection)] {
///     c.positions.push(Position::new("r1".parse()?, who.parse()?, "p1".parse()?, stance));
/// }
/// let result = decide(&c);
/// let r1 = &result.proposals[0].rounds[0];
/// assert_eq!(r1.outcome, DecisionOutcome::Adopted); // the Sector Member's objection does not block
/// assert_eq!(r1.reservations, vec!["b".parse::<govframe_core::Id>()?]);
/// assert_eq!(r1.non_blocking_objections.len(), 1);
/// # Ok::<(), govframe_core::Error>(())
/// ```
pub fn decide(c: &Consultation) -> ConsensusResult {
    let nprop = c.proposals.len();

    let mut part_idx: HashMap<&str, u32> = HashMap::with_capacity(c.participants.len());
    for (i, p) in c.participants.iter().enumerate() {
        part_idx.entry(p.id.as_str()).or_insert(count32(i));
    }
    let mut round_idx: HashMap<&str, u32> = HashMap::with_capacity(c.rounds.len());
    for (i, r) in c.rounds.iter().enumerate() {
        round_idx.entry(r.id.as_str()).or_insert(count32(i));
    }
    let mut prop_idx: HashMap<&str, u32> = HashMap::with_capacity(nprop);
    for (i, p) in c.proposals.iter().enumerate() {
        prop_idx.entry(p.id.as_str()).or_insert(count32(i));
    }

    let standing: Vec<Standing> = c.participants.iter().map(|p| c.standing_of(p)).collect();
    let voting = |p: u32| standing.get(p as usize).is_some_and(|s| s.counts());
    let members = count32(standing.iter().filter(|s| s.counts()).count());

    // Per round: the participants on its `present` list (sorted, without repeats) and how
    // many of them have a vote.
    let present_lists: Vec<Vec<u32>> = c
        .rounds
        .iter()
        .map(|round| {
            let mut list: Vec<u32> = round
                .present
                .iter()
                .flatten()
                .filter_map(|id| part_idx.get(id.as_str()).copied())
                .collect();
            list.sort_unstable();
            list.dedup();
            list
        })
        .collect();
    let listed_voting: Vec<u32> = present_lists
        .iter()
        .map(|l| count32(l.iter().filter(|&&p| voting(p)).count()))
        .collect();
    let withdrawn: Vec<Option<u32>> = c
        .proposals
        .iter()
        .map(|p| {
            p.withdrawn_in
                .as_ref()
                .and_then(|w| round_idx.get(w.as_str()).copied())
        })
        .collect();

    // Resolve positions and bucket them by proposal (counting sort; stable, so document
    // order is kept inside a proposal).
    let resolved: Vec<(u32, u32, u32, Stance)> = c
        .positions
        .iter()
        .filter_map(|pos| {
            Some((
                *prop_idx.get(pos.proposal.as_str())?,
                *round_idx.get(pos.round.as_str())?,
                *part_idx.get(pos.participant.as_str())?,
                pos.stance,
            ))
        })
        .collect();
    let mut start = vec![0usize; nprop + 1];
    for &(p, ..) in &resolved {
        start[p as usize + 1] += 1;
    }
    for i in 0..nprop {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut order = vec![0u32; resolved.len()];
    for (k, &(p, ..)) in resolved.iter().enumerate() {
        order[fill[p as usize]] = count32(k);
        fill[p as usize] += 1;
    }

    // Per participant: the (proposal, round) group it last counted in, to skip repeats.
    let mut stamp = vec![0u64; c.participants.len()];
    let mut group = 0u64;
    let rule = &c.decision_rule;
    let id_of = |p: &u32| c.participants[*p as usize].id.clone();
    let row = |r: u32, acc: Acc, withdrawn_here: bool| -> RoundResult {
        let mut acc = acc;
        acc.counts.members = members;
        acc.counts.present = listed_voting[r as usize].saturating_add(acc.extra_present);
        let out = if withdrawn_here {
            DecisionOutcome::Withdrawn
        } else {
            outcome(rule, &acc.counts)
        };
        for list in [
            &mut acc.objections,
            &mut acc.non_blocking,
            &mut acc.reservations,
        ] {
            list.sort_unstable();
        }
        RoundResult {
            round: c.rounds[r as usize].id.clone(),
            outcome: out,
            consensus_measure: acc.counts.consensus_measure(),
            counts: acc.counts,
            quorum_met: rule.quorum().map(|q| q.met(acc.counts.present, members)),
            objections: acc.objections.iter().map(id_of).collect(),
            non_blocking_objections: acc.non_blocking.iter().map(id_of).collect(),
            reservations: acc.reservations.iter().map(id_of).collect(),
        }
    };

    let mut proposals = Vec::with_capacity(nprop);
    let mut bucket: Vec<u32> = Vec::new();
    for (pi, proposal) in c.proposals.iter().enumerate() {
        let cutoff = withdrawn[pi];
        bucket.clear();
        bucket.extend(
            order[start[pi]..start[pi + 1]]
                .iter()
                .copied()
                .filter(|&k| cutoff.is_none_or(|w| resolved[k as usize].1 <= w)),
        );
        // Stable: document order is kept inside a round.
        bucket.sort_by_key(|&k| resolved[k as usize].1);

        let mut rows = Vec::new();
        let mut i = 0;
        while i < bucket.len() {
            let r = resolved[bucket[i] as usize].1;
            group += 1;
            let mut acc = Acc::default();
            while let Some(&k) = bucket.get(i) {
                let (_, kr, part, stance) = resolved[k as usize];
                if kr != r {
                    break;
                }
                i += 1;
                let Some(slot) = stamp.get_mut(part as usize) else {
                    continue;
                };
                if *slot == group {
                    continue; // a second position in the same round: the first counts
                }
                *slot = group;
                let st = standing[part as usize];
                acc.counts.add(st, stance);
                if st.counts() && present_lists[r as usize].binary_search(&part).is_err() {
                    acc.extra_present += 1;
                }
                match stance {
                    Stance::FormalObjection if st.counts() => acc.objections.push(part),
                    Stance::FormalObjection => acc.non_blocking.push(part),
                    Stance::SupportWithReservation => acc.reservations.push(part),
                    _ => {}
                }
            }
            rows.push(row(r, acc, cutoff == Some(r)));
        }
        // Every round left is before the withdrawal (later positions were filtered out), so
        // a withdrawal without positions in its own round comes last.
        if let Some(w) = cutoff
            && rows
                .last()
                .is_none_or(|x| x.outcome != DecisionOutcome::Withdrawn)
        {
            rows.push(row(w, Acc::default(), true));
        }
        proposals.push(ProposalResult {
            proposal: proposal.id.clone(),
            final_outcome: rows.last().map(|r| r.outcome),
            trend: ConsensusTrend::of(&rows),
            rounds: rows,
        });
    }

    let summary = ConsensusSummary::of(&proposals);
    ConsensusResult {
        kind: ConsensusResultKind::Value,
        spec_version: SpecVersion::V1_0,
        id: derived_id("consensus", &c.id, "consensus"),
        title: LocalizedText::en(format!("Consensus on {}", c.title.best("en"))),
        schema: None,
        consultation: c.id.clone(),
        decision_rule: c.decision_rule.clone(),
        members,
        proposals,
        summary,
    }
}

impl ConsensusResult {
    /// The result as plain text: one line per proposal and round, in language `lang` where
    /// the consultation carries it.
    pub fn to_table(&self, consultation: Option<&Consultation>, lang: &str) -> String {
        use std::fmt::Write as _;
        let title_of = |id: &Id| -> Option<String> {
            consultation?
                .proposals
                .iter()
                .find(|p| p.id == *id)
                .map(|p| p.title.best(lang).to_owned())
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Consensus on {} ({} member(s) with a vote)",
            self.consultation, self.members
        );
        let header = [
            "Proposal", "Round", "Outcome", "For", "Res.", "Against", "Obj.", "Abst.", "NoVote",
            "Measure", "Notes",
        ];
        let mut rows: Vec<Vec<String>> = Vec::new();
        for p in &self.proposals {
            if p.rounds.is_empty() {
                rows.push(vec![
                    p.proposal.to_string(),
                    "-".into(),
                    "not taken up".into(),
                ]);
            }
            for r in &p.rounds {
                let c = &r.counts;
                let mut notes = Vec::new();
                if !r.objections.is_empty() {
                    notes.push(format!("objection: {}", join(&r.objections)));
                }
                if !r.non_blocking_objections.is_empty() {
                    notes.push(format!(
                        "objection without standing: {}",
                        join(&r.non_blocking_objections)
                    ));
                }
                if !r.reservations.is_empty() {
                    notes.push(format!("reservation: {}", join(&r.reservations)));
                }
                if r.quorum_met == Some(false) {
                    notes.push(format!("{} of {} present", c.present, c.members));
                }
                rows.push(vec![
                    p.proposal.to_string(),
                    r.round.to_string(),
                    r.outcome.as_str().to_owned(),
                    c.support.to_string(),
                    c.support_with_reservation.to_string(),
                    c.oppose.to_string(),
                    c.formal_objection.to_string(),
                    c.abstain.to_string(),
                    c.without_standing.to_string(),
                    r.consensus_measure
                        .map_or_else(|| "-".to_owned(), |m| format!("{:.0}%", m.get() * 100.0)),
                    notes.join("; "),
                ]);
            }
        }
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for r in &rows {
            for (w, cell) in widths.iter_mut().zip(r) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |out: &mut String, cells: &[String]| {
            let mut l = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let w = widths.get(i).copied().unwrap_or(0);
                let pad = w.saturating_sub(cell.chars().count());
                let _ = write!(l, "{cell}{}  ", " ".repeat(pad));
            }
            let _ = writeln!(out, "{}", l.trim_end());
        };
        line(&mut out, &header.map(str::to_owned));
        line(
            &mut out,
            &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
        );
        for r in &rows {
            line(&mut out, r);
        }
        let _ = writeln!(out);
        for p in &self.proposals {
            let name = title_of(&p.proposal).unwrap_or_default();
            let fin = p.final_outcome.map_or("not taken up", |o| o.as_str());
            let trend = match (p.trend.first, p.trend.last, p.trend.change) {
                (Some(f), Some(l), Some(_)) => format!(
                    ", consensus {:.0}% → {:.0}% ({})",
                    f.get() * 100.0,
                    l.get() * 100.0,
                    p.trend.direction.as_str()
                ),
                _ => String::new(),
            };
            let _ = writeln!(out, "{}: {fin}{trend} — {name}", p.proposal);
        }
        let s = &self.summary;
        let _ = writeln!(
            out,
            "\n{} proposal(s): {} adopted, {} rejected, {} without consensus, {} without quorum, {} withdrawn, {} not taken up.",
            s.proposals,
            s.adopted,
            s.rejected,
            s.no_consensus,
            s.no_quorum,
            s.withdrawn,
            s.not_taken_up
        );
        out
    }
}

fn join(ids: &[Id]) -> String {
    ids.iter().map(Id::as_str).collect::<Vec<_>>().join(", ")
}
