//! Benchmarks of govframe-platforms: deciding proposals and analysing governance landscapes.
//!
//! ```text
//! cargo bench -p govframe --bench platforms
//! cargo bench -p govframe --bench platforms -- landscape     # one group
//! ```
//!
//! Groups:
//!
//! * `decide/counts_100k_proposals_x_200` — 100,000 proposals with 200 participants each
//!   (150 with a vote, 50 without): per proposal, `tally` of its 200 positions and `outcome`
//!   under the rule (consensus, or two-thirds of those present and voting with a one-half
//!   quorum). 20 million positions per iteration, held as `(Standing, Stance)` pairs (2 bytes
//!   each), since 20 million `Position` values with string ids would need several GB;
//! * `decide/document_participants/N` — `decide()` on a `consultation` document with 1,000
//!   proposals, 2 rounds and N = 50, 100, 200, 400 participants, every participant taking a
//!   position on every proposal in every round (2,000·N positions): the growth in
//!   participants, with id hashing, bucketing and result building included;
//! * `landscape/analyze_1000x200x20` — `analyze()` of 1,000 mechanisms over 200 countries and
//!   20 themes;
//! * `landscape/mechanisms/M` — the same generator with M = 250, 500, 1,000, 2,000
//!   mechanisms: the growth in mechanisms.
//!
//! Inputs come from a fixed-seed generator, so every run measures the same data. Throughput
//! is in positions (decide) or party memberships (landscape).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use govframe::core::{CountryCode, Id, LocalizedText, StakeholderKind};
use govframe::platforms::{
    Consultation, DecisionOutcome, DecisionRule, GovernanceInstrument, GovernanceLandscape,
    InstrumentType, MajorityKind, Mechanism, MechanismType, Participant, Position, Proposal,
    Quorum, Round, Stance, Standing, Theme, VotingBase, analyze, decide, outcome, tally,
};

/// xorshift64*: a small deterministic generator (no dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// 60% support, 10% with reservation, 15% oppose, 2% formal objection, 13% abstain.
fn stance(rng: &mut Rng) -> Stance {
    match rng.below(100) {
        0..60 => Stance::Support,
        60..70 => Stance::SupportWithReservation,
        70..85 => Stance::Oppose,
        85..87 => Stance::FormalObjection,
        _ => Stance::Abstain,
    }
}

fn two_thirds() -> DecisionRule {
    DecisionRule::Majority {
        majority: MajorityKind::TwoThirds,
        base: VotingBase::PresentAndVoting,
        quorum: Some(Quorum::Fraction {
            numerator: 1,
            denominator: 2.try_into().unwrap(),
        }),
        standing: Vec::new(),
    }
}

fn bench_counts(c: &mut Criterion) {
    const PROPOSALS: usize = 100_000;
    const PARTICIPANTS: usize = 200;
    const VOTING: usize = 150;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let votes: Vec<(Standing, Stance)> = (0..PROPOSALS * PARTICIPANTS)
        .map(|k| {
            let standing = if k % PARTICIPANTS < VOTING {
                Standing::Voting
            } else {
                Standing::NonVoting
            };
            (standing, stance(&mut rng))
        })
        .collect();
    let mut group = c.benchmark_group("decide");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4))
        .throughput(Throughput::Elements((PROPOSALS * PARTICIPANTS) as u64));
    for (name, rule) in [
        ("consensus", DecisionRule::consensus()),
        ("twoThirds", two_thirds()),
    ] {
        let adopted = votes
            .chunks_exact(PARTICIPANTS)
            .filter(|ch| {
                outcome(&rule, &tally(ch.iter().copied(), VOTING as u32))
                    == DecisionOutcome::Adopted
            })
            .count();
        eprintln!("decide/counts ({name}): {adopted} of {PROPOSALS} proposals adopted");
        group.bench_with_input(
            BenchmarkId::new("counts_100k_proposals_x_200", name),
            &votes,
            |b, votes| {
                b.iter(|| {
                    let mut adopted = 0usize;
                    for ch in black_box(votes).chunks_exact(PARTICIPANTS) {
                        let counts = tally(ch.iter().copied(), VOTING as u32);
                        adopted += usize::from(outcome(&rule, &counts) == DecisionOutcome::Adopted);
                    }
                    adopted
                });
            },
        );
    }
    group.finish();
}

fn id(s: String) -> Id {
    Id::new(s).unwrap()
}

fn consultation(proposals: usize, participants: usize, rounds: usize) -> Consultation {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut c = Consultation::new(
        id("bench".into()),
        LocalizedText::en("Benchmark"),
        two_thirds(),
    );
    for i in 0..participants {
        let kind = if i % 4 == 3 {
            StakeholderKind::SectorMember
        } else {
            StakeholderKind::MemberState
        };
        c.participants.push(Participant::new(
            id(format!("participant-{i}")),
            LocalizedText::en("P"),
            kind,
        ));
    }
    for r in 0..rounds {
        c.rounds.push(Round::new(id(format!("round-{r}"))));
    }
    for p in 0..proposals {
        c.proposals.push(Proposal::new(
            id(format!("proposal-{p}")),
            LocalizedText::en("P"),
        ));
    }
    for r in 0..rounds {
        for p in 0..proposals {
            for i in 0..participants {
                c.positions.push(Position::new(
                    c.rounds[r].id.clone(),
                    c.participants[i].id.clone(),
                    c.proposals[p].id.clone(),
                    stance(&mut rng),
                ));
            }
        }
    }
    c
}

fn bench_document(c: &mut Criterion) {
    let mut group = c.benchmark_group("decide");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for participants in [50, 100, 200, 400] {
        let doc = consultation(1_000, participants, 2);
        group.throughput(Throughput::Elements(doc.positions.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("document_participants", participants),
            &doc,
            |b, doc| b.iter_with_large_drop(|| decide(black_box(doc))),
        );
    }
    group.finish();
}

fn country(i: usize) -> CountryCode {
    let b = [
        b'A' + (i / 676 % 26) as u8,
        b'A' + (i / 26 % 26) as u8,
        b'A' + (i % 26) as u8,
    ];
    std::str::from_utf8(&b).unwrap().parse().unwrap()
}

/// A landscape of `mechanisms` mechanisms over `countries` countries and 20 themes: 40%
/// bilateral (2 parties), 30% regional (10–50 neighbours), 20% plurilateral (5–40),
/// 5% multilateral (100–all), 5% multistakeholder (20–100); 1–4 themes each; 0–3
/// instruments each, parties a subset of the mechanism's, a third with a theme of their own.
fn landscape(mechanisms: usize, countries: usize) -> GovernanceLandscape {
    let mut rng = Rng(0xA076_1D64_78BD_642F);
    let themes: Vec<Theme> = Theme::KNOWN
        .iter()
        .map(|t| Theme::from(*t))
        .chain((0..5).map(|i| Theme::Other(format!("theme-{i}"))))
        .collect();
    let mut l = GovernanceLandscape::new(id("bench-landscape".into()), LocalizedText::en("Bench"));
    for m in 0..mechanisms {
        let roll = rng.below(100);
        let (kind, size) = match roll {
            0..40 => (MechanismType::Bilateral, 2),
            40..70 => (MechanismType::Regional, 10 + rng.below(41) as usize),
            70..90 => (MechanismType::Plurilateral, 5 + rng.below(36) as usize),
            90..95 => (
                MechanismType::Multilateral,
                100 + rng.below((countries - 99) as u64) as usize,
            ),
            _ => (MechanismType::Multistakeholder, 20 + rng.below(81) as usize),
        };
        let size = size.min(countries);
        let mut mech = Mechanism::new(id(format!("mechanism-{m}")), LocalizedText::en("M"), kind);
        // Regional mechanisms take a block of neighbours; others a random spread.
        let start = rng.below(countries as u64) as usize;
        let mut parties: Vec<usize> = if kind == MechanismType::Regional {
            (0..size).map(|k| (start + k) % countries).collect()
        } else {
            let step = 1 + rng.below(7) as usize;
            (0..size).map(|k| (start + k * step) % countries).collect()
        };
        parties.sort_unstable();
        parties.dedup();
        mech.parties = parties.iter().map(|&i| country(i)).collect();
        for _ in 0..1 + rng.below(4) {
            let t = themes[rng.below(themes.len() as u64) as usize].clone();
            if !mech.themes.contains(&t) {
                mech.themes.push(t);
            }
        }
        for k in 0..rng.below(4) {
            let mut ins = GovernanceInstrument::new(
                id(format!("instrument-{m}-{k}")),
                LocalizedText::en("I"),
                InstrumentType::Agreement,
            );
            ins.parties = mech
                .parties
                .iter()
                .filter(|_| rng.below(4) != 0)
                .copied()
                .collect();
            if rng.below(3) == 0 {
                ins.themes = vec![themes[rng.below(themes.len() as u64) as usize].clone()];
            }
            mech.instruments.push(ins);
        }
        l.mechanisms.push(mech);
    }
    l
}

fn bench_landscape(c: &mut Criterion) {
    let mut group = c.benchmark_group("landscape");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let l = landscape(1_000, 200);
    let a = analyze(&l, None);
    let memberships: u64 = a.themes.iter().map(|t| t.memberships).sum();
    let pairs: u64 = a.themes.iter().map(|t| t.pairs).sum();
    eprintln!(
        "landscape 1000x200x20: {} themes, {} countries, {memberships} memberships, {pairs} pairs",
        a.themes.len(),
        a.countries
    );
    group.throughput(Throughput::Elements(memberships));
    group.bench_with_input(
        BenchmarkId::new("analyze_1000x200x20", 1_000),
        &l,
        |b, l| b.iter_with_large_drop(|| analyze(black_box(l), None)),
    );
    for mechanisms in [250, 500, 1_000, 2_000] {
        let l = landscape(mechanisms, 200);
        let a = analyze(&l, None);
        let memberships: u64 = a.themes.iter().map(|t| t.memberships).sum();
        let pairs: u64 = a.themes.iter().map(|t| t.pairs).sum();
        eprintln!("landscape {mechanisms} mechanisms: {memberships} memberships, {pairs} pairs");
        group.throughput(Throughput::Elements(memberships));
        group.bench_with_input(BenchmarkId::new("mechanisms", mechanisms), &l, |b, l| {
            b.iter_with_large_drop(|| analyze(black_box(l), None))
        });
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_counts(&mut c);
    bench_document(&mut c);
    bench_landscape(&mut c);
    c.final_summary();
}
