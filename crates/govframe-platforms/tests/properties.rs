//! Property tests: decisions do not depend on the order of positions; a supporting vote
//! never turns adoption into rejection under a majority rule; fragmentation is 0 for one
//! mechanism and rises toward 1 as parties split evenly; the landscape analysis agrees
//! with a naive computation.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use govframe_core::{CountryCode, Id, LocalizedText, StakeholderKind};
use govframe_platforms::*;
use proptest::prelude::*;

fn id(s: &str) -> Id {
    s.parse().unwrap()
}

fn any_quorum() -> impl Strategy<Value = Option<Quorum>> {
    prop_oneof![
        Just(None),
        (1u32..6).prop_map(|c| Some(Quorum::Count {
            count: c.try_into().unwrap()
        })),
        (0u32..4, 1u32..4).prop_map(|(n, d)| Some(Quorum::Fraction {
            numerator: n.min(d),
            denominator: d.try_into().unwrap()
        })),
    ]
}

fn any_majority() -> impl Strategy<Value = DecisionRule> {
    (
        prop_oneof![
            Just(MajorityKind::Simple),
            Just(MajorityKind::Absolute),
            Just(MajorityKind::TwoThirds)
        ],
        prop_oneof![
            Just(VotingBase::PresentAndVoting),
            Just(VotingBase::AllMembers)
        ],
        any_quorum(),
    )
        .prop_map(|(majority, base, quorum)| DecisionRule::Majority {
            majority,
            base,
            quorum,
            standing: Vec::new(),
        })
}

fn any_rule() -> impl Strategy<Value = DecisionRule> {
    prop_oneof![
        any_quorum().prop_map(|quorum| DecisionRule::Consensus {
            quorum,
            standing: Vec::new()
        }),
        any_majority(),
    ]
}

fn any_stance() -> impl Strategy<Value = Stance> {
    prop::sample::select(Stance::ALL.to_vec())
}

/// A valid consultation: unique positions, every reference known.
fn any_consultation(
    rule: impl Strategy<Value = DecisionRule>,
) -> impl Strategy<Value = Consultation> {
    (rule, 1usize..8, 1usize..4, 1usize..5).prop_flat_map(|(rule, np, nr, nprop)| {
        (
            Just(rule),
            prop::collection::vec(prop::sample::select(StakeholderKind::ALL.to_vec()), np),
            prop::collection::vec(prop::option::weighted(0.7, any_stance()), np * nr * nprop),
            prop::collection::vec(prop::option::weighted(0.2, 0..nr), nprop),
            prop::collection::vec(
                prop::option::weighted(0.3, prop::collection::vec(0..np, 0..np)),
                nr,
            ),
        )
            .prop_map(move |(rule, kinds, stances, withdrawn, present)| {
                let mut c = Consultation::new(id("c"), LocalizedText::en("Generated"), rule);
                for (i, k) in kinds.into_iter().enumerate() {
                    c.participants.push(Participant::new(
                        id(&format!("x{i}")),
                        LocalizedText::en("X"),
                        k,
                    ));
                }
                for (r, present) in present.into_iter().enumerate() {
                    let mut round = Round::new(id(&format!("r{r}")));
                    round.present = present.map(|list| {
                        let set: BTreeSet<usize> = list.into_iter().collect();
                        set.into_iter().map(|i| id(&format!("x{i}"))).collect()
                    });
                    c.rounds.push(round);
                }
                for (p, w) in withdrawn.into_iter().enumerate() {
                    let mut prop = Proposal::new(id(&format!("p{p}")), LocalizedText::en("P"));
                    prop.withdrawn_in = w.map(|r| id(&format!("r{r}")));
                    c.proposals.push(prop);
                }
                for (k, s) in stances.into_iter().enumerate() {
                    let Some(stance) = s else { continue };
                    let (part, rest) = (k % np, k / np);
                    let (r, p) = (rest % nr, rest / nr);
                    c.positions.push(Position::new(
                        id(&format!("r{r}")),
                        id(&format!("x{part}")),
                        id(&format!("p{p}")),
                        stance,
                    ));
                }
                c
            })
    })
}

fn any_counts() -> impl Strategy<Value = PositionCounts> {
    (
        (0u32..40, 0u32..10, 0u32..40, 0u32..10, 0u32..20),
        0u32..20,
        0u32..20,
        0u32..10,
    )
        .prop_map(
            |((support, res, oppose, obj, abstain), extra_present, extra_members, without)| {
                let taken = support + res + oppose + obj + abstain;
                PositionCounts {
                    support,
                    support_with_reservation: res,
                    oppose,
                    formal_objection: obj,
                    abstain,
                    without_standing: without,
                    present: taken + extra_present,
                    members: taken + extra_present + extra_members,
                }
            },
        )
}

/// Every way of adding one supporting vote to `c`.
fn with_one_more_support(c: &PositionCounts) -> Vec<PositionCounts> {
    let mut out = Vec::new();
    // A new member joins and supports.
    let mut n = *c;
    n.support += 1;
    n.present += 1;
    n.members += 1;
    out.push(n);
    // An absent member comes and supports.
    if c.members > c.present {
        let mut n = *c;
        n.support += 1;
        n.present += 1;
        out.push(n);
    }
    // A present member who had said nothing supports.
    let taken = c.support + c.support_with_reservation + c.oppose + c.formal_objection + c.abstain;
    if c.present > taken {
        let mut n = *c;
        n.support += 1;
        out.push(n);
    }
    // Someone changes an abstention, an opposition or an objection into support.
    for field in 0..3 {
        let mut n = *c;
        let slot = match field {
            0 => &mut n.abstain,
            1 => &mut n.oppose,
            _ => &mut n.formal_objection,
        };
        if *slot > 0 {
            *slot -= 1;
            n.support += 1;
            out.push(n);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn outcomes_do_not_depend_on_the_order_of_positions(
        (c, perm) in any_consultation(any_rule()).prop_flat_map(|c| {
            let n = c.positions.len();
            (Just(c), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let mut shuffled = c.clone();
        shuffled.positions = perm.iter().map(|&i| c.positions[i].clone()).collect();
        prop_assert_eq!(decide(&c), decide(&shuffled));
    }

    #[test]
    fn a_supporting_vote_never_turns_adoption_into_rejection(
        rule in any_majority(),
        counts in any_counts(),
    ) {
        if outcome(&rule, &counts) == DecisionOutcome::Adopted {
            for more in with_one_more_support(&counts) {
                prop_assert_eq!(outcome(&rule, &more), DecisionOutcome::Adopted, "{:?} → {:?}", counts, more);
            }
        }
    }

    #[test]
    fn a_supporting_position_never_turns_adoption_into_rejection_in_a_consultation(
        c in any_consultation(any_majority()),
        pick in any::<prop::sample::Index>(),
    ) {
        let before = decide(&c);
        // Turn one position of a member with a vote into support.
        let voting: Vec<usize> = c.positions.iter().enumerate()
            .filter(|(_, p)| {
                let part = c.participants.iter().find(|x| x.id == p.participant);
                part.is_some_and(|x| c.standing_of(x) == Standing::Voting)
            })
            .map(|(i, _)| i)
            .collect();
        prop_assume!(!voting.is_empty());
        let k = voting[pick.index(voting.len())];
        let mut more = c.clone();
        more.positions[k].stance = Stance::Support;
        let after = decide(&more);
        for (pb, pa) in before.proposals.iter().zip(&after.proposals) {
            for (rb, ra) in pb.rounds.iter().zip(&pa.rounds) {
                if rb.outcome == DecisionOutcome::Adopted {
                    prop_assert_eq!(ra.outcome, DecisionOutcome::Adopted);
                }
            }
        }
    }

    #[test]
    fn consensus_results_validate_and_measures_are_shares(c in any_consultation(any_rule())) {
        let r = decide(&c);
        prop_assert!(govframe_core::Validate::validate(&r).is_empty());
        for p in &r.proposals {
            for round in &p.rounds {
                let m = round.consensus_measure.map(Share::get).unwrap_or(0.0);
                prop_assert!((0.0..=1.0).contains(&m));
                prop_assert!(round.counts.present <= round.counts.members);
            }
        }
    }
}

fn code(i: usize) -> CountryCode {
    let b = [
        b'A' + (i / 676 % 26) as u8,
        b'A' + (i / 26 % 26) as u8,
        b'A' + (i % 26) as u8,
    ];
    std::str::from_utf8(&b).unwrap().parse().unwrap()
}

fn landscape(mechanisms: Vec<(Vec<usize>, Vec<Theme>)>) -> GovernanceLandscape {
    let mut l = GovernanceLandscape::new(id("l"), LocalizedText::en("Generated"));
    for (i, (parties, themes)) in mechanisms.into_iter().enumerate() {
        let mut m = Mechanism::new(
            id(&format!("m{i}")),
            LocalizedText::en("M"),
            MechanismType::Plurilateral,
        );
        m.parties = parties.into_iter().map(code).collect();
        m.themes = themes;
        l.mechanisms.push(m);
    }
    l
}

proptest! {
    #[test]
    fn fragmentation_is_zero_for_one_mechanism_holding_all_parties(n in 1usize..300) {
        let l = landscape(vec![((0..n).collect(), vec![Theme::AiGovernance])]);
        let a = analyze(&l, None);
        prop_assert_eq!(a.themes[0].fragmentation.get(), 0.0);
        prop_assert_eq!(a.themes[0].coverage_share.get(), 1.0);
        prop_assert_eq!(a.themes[0].mean_jaccard, None);
    }

    #[test]
    fn fragmentation_rises_toward_one_as_parties_split_evenly(per in 1usize..12, k in 1usize..40) {
        let split = |k: usize| {
            let l = landscape((0..k).map(|m| ((m * per..(m + 1) * per).collect(), vec![Theme::Standards])).collect());
            analyze(&l, None).themes[0].fragmentation.get()
        };
        let f = split(k);
        prop_assert!((f - (1.0 - 1.0 / k as f64)).abs() < 1e-12, "{} mechanisms: {}", k, f);
        prop_assert!(split(k + 1) > f);
        prop_assert!(f < 1.0);
    }

    #[test]
    fn analysis_agrees_with_a_naive_computation(
        mechs in prop::collection::vec(
            (prop::collection::vec(0usize..30, 0..12),
             prop::collection::vec(prop::sample::select(vec![Theme::AiGovernance, Theme::Ecommerce, Theme::Other("oceanData".into())]), 0..3)),
            0..25),
        rotate in 0usize..25,
    ) {
        let l = landscape(mechs.clone());
        let a = analyze(&l, None);
        prop_assert!(govframe_core::Validate::validate(&a).is_empty());
        let universe: BTreeSet<usize> = mechs.iter().flat_map(|(p, _)| p.iter().copied()).collect();
        prop_assert_eq!(a.countries as usize, universe.len());
        for (t, ta) in a.themes.iter().enumerate() {
            let sets: Vec<BTreeSet<usize>> = mechs.iter()
                .filter(|(_, th)| th.contains(&ta.theme))
                .map(|(p, _)| p.iter().copied().collect())
                .collect();
            prop_assert_eq!(ta.mechanisms.len(), sets.len());
            let covered: BTreeSet<usize> = sets.iter().flatten().copied().collect();
            prop_assert_eq!(ta.countries_covered as usize, covered.len());
            let memberships: usize = sets.iter().map(BTreeSet::len).sum();
            prop_assert_eq!(ta.memberships as usize, memberships);
            let column: u64 = a.matrix.rows.iter().map(|r| u64::from(r.mechanisms[t])).sum();
            prop_assert_eq!(column, ta.memberships);
            let nonempty: Vec<&BTreeSet<usize>> = sets.iter().filter(|s| !s.is_empty()).collect();
            let mut sum = 0.0;
            let mut pairs = 0u64;
            for i in 0..nonempty.len() {
                for j in i + 1..nonempty.len() {
                    let inter = nonempty[i].intersection(nonempty[j]).count();
                    let union = nonempty[i].union(nonempty[j]).count();
                    sum += inter as f64 / union as f64;
                    pairs += 1;
                }
            }
            prop_assert_eq!(ta.pairs, pairs);
            match ta.mean_jaccard {
                Some(j) => prop_assert!((j.get() - sum / pairs as f64).abs() < 1e-12),
                None => prop_assert!(pairs == 0),
            }
            let total = memberships as f64;
            let frag = if memberships == 0 { 0.0 } else {
                1.0 - sets.iter().map(|s| (s.len() as f64 / total).powi(2)).sum::<f64>()
            };
            prop_assert!((ta.fragmentation.get() - frag).abs() < 1e-12);
        }
        // The order of the mechanisms does not change the figures.
        let mut rotated = mechs.clone();
        if !rotated.is_empty() {
            let by = rotate % rotated.len();
            rotated.rotate_left(by);
        }
        let b = analyze(&landscape(rotated), None);
        prop_assert_eq!(&a.matrix, &b.matrix);
        for (x, y) in a.themes.iter().zip(&b.themes) {
            prop_assert_eq!((x.countries_covered, x.memberships, x.pairs), (y.countries_covered, y.memberships, y.pairs));
            prop_assert!((x.fragmentation.get() - y.fragmentation.get()).abs() < 1e-12);
        }
    }
}

#[test]
fn explicit_universe_and_instruments() {
    let mut l = landscape(vec![
        (vec![0, 1], vec![Theme::DataGovernance]),
        (vec![], vec![Theme::DataGovernance]),
    ]);
    // An instrument with its own theme and parties, one of them outside the universe.
    let mut ins = GovernanceInstrument::new(
        id("i1"),
        LocalizedText::en("Guidelines"),
        InstrumentType::Guideline,
    );
    ins.parties = vec![code(2), code(9)];
    ins.themes = vec![Theme::AiGovernance];
    l.mechanisms[1].instruments.push(ins);
    // An instrument without themes takes its mechanism's.
    let mut ins = GovernanceInstrument::new(
        id("i2"),
        LocalizedText::en("Code"),
        InstrumentType::CodeOfConduct,
    );
    ins.parties = vec![code(1), code(3)];
    l.mechanisms[1].instruments.push(ins);
    l.universe = vec![code(0), code(1), code(2), code(3), code(4)];

    let issues = govframe_core::Validate::validate(&l);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].rule, "platforms.landscape.party-outside-universe");
    assert_eq!(issues[0].path, "/mechanisms/1/instruments/0/parties/1");

    let a = analyze(&l, None);
    assert_eq!(a.universe_source, UniverseSource::Explicit);
    assert_eq!(a.countries, 5);
    assert_eq!(
        a.matrix.themes,
        vec![Theme::AiGovernance, Theme::DataGovernance]
    );
    let ai = &a.themes[0];
    assert_eq!((ai.countries_covered, ai.memberships), (1, 1));
    assert_eq!(ai.coverage_share.get(), 0.2);
    let data = &a.themes[1];
    assert_eq!(data.mechanisms, vec![id("m0"), id("m1")]);
    assert_eq!(
        (data.countries_covered, data.memberships, data.pairs),
        (3, 4, 1)
    );
    assert_eq!(data.mean_jaccard.map(Share::get), Some(1.0 / 3.0));
    assert_eq!(data.fragmentation.get(), 0.5);
    assert_eq!(a.matrix.rows[4].mechanisms, vec![0, 0]);

    // A universe passed in wins over the document's.
    let a = analyze(&l, Some(&[code(0)]));
    assert_eq!((a.countries, a.themes[1].countries_covered), (1, 1));
    let mut only = a.clone();
    only.retain_themes(|t| *t == Theme::DataGovernance);
    assert_eq!(only.matrix.rows[0].mechanisms, vec![1]);
    assert_eq!(only.themes.len(), 1);
    assert_eq!(
        only.to_csv(),
        "theme,mechanisms,countriesCovered,coverageShare,memberships,pairs,meanJaccard,fragmentation\n\
         dataGovernance,2,1,1.0000,1,0,,0.0000\n"
    );
    assert_eq!(only.matrix_csv(), "country,dataGovernance\nAAA,1\n");
}
