//! Serde and schema agree for the platform kinds: generated platform registries,
//! consultations, contributions, governance landscapes, consensus results and landscape
//! analyses serialize to JSON that the exported schema accepts, and read back equal (typed
//! and through the `Document` union). Hand-written bad values are rejected by both.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::{CountryCode, LanguageTag, StakeholderKind};
use govframe_platforms::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn url() -> impl Strategy<Value = WebUrl> {
    ("https?", "[a-z]{1,10}", "[a-z0-9/]{0,10}")
        .prop_map(|(s, h, p)| WebUrl::new(format!("{s}://{h}.example.org/{p}")).unwrap())
}

fn country() -> impl Strategy<Value = CountryCode> {
    "[A-Z]{3}".prop_map(|s| s.parse().unwrap())
}

fn theme() -> impl Strategy<Value = Theme> {
    prop_oneof![
        prop::sample::select(Theme::KNOWN.to_vec()).prop_map(Theme::from),
        "[a-z][A-Za-z ,\"]{0,12}".prop_map(|s| Theme::from(s.as_str())),
    ]
}

fn stakeholder() -> impl Strategy<Value = StakeholderKind> {
    prop::sample::select(StakeholderKind::ALL.to_vec())
}

fn standing() -> impl Strategy<Value = Standing> {
    prop::sample::select(vec![
        Standing::Voting,
        Standing::NonVoting,
        Standing::Observer,
    ])
}

fn standing_rules() -> impl Strategy<Value = Vec<StandingRule>> {
    vec(
        (stakeholder(), standing()).prop_map(|(stakeholder, standing)| StandingRule {
            stakeholder,
            standing,
        }),
        0..3,
    )
}

fn quorum() -> impl Strategy<Value = Option<Quorum>> {
    option::of(prop_oneof![
        (1u32..200).prop_map(|c| Quorum::Count {
            count: c.try_into().unwrap()
        }),
        (0u32..5, 1u32..5).prop_map(|(n, d)| Quorum::Fraction {
            numerator: n,
            denominator: d.try_into().unwrap()
        }),
    ])
}

fn rule() -> impl Strategy<Value = DecisionRule> {
    prop_oneof![
        (quorum(), standing_rules())
            .prop_map(|(quorum, standing)| DecisionRule::Consensus { quorum, standing }),
        (
            prop::sample::select(vec![
                MajorityKind::Simple,
                MajorityKind::Absolute,
                MajorityKind::TwoThirds
            ]),
            prop::sample::select(vec![VotingBase::PresentAndVoting, VotingBase::AllMembers]),
            quorum(),
            standing_rules(),
        )
            .prop_map(
                |(majority, base, quorum, standing)| DecisionRule::Majority {
                    majority,
                    base,
                    quorum,
                    standing
                }
            ),
    ]
}

fn venue() -> impl Strategy<Value = Venue> {
    prop_oneof![
        (text(), country(), option::of(text())).prop_map(|(city, country, place)| {
            Venue::InPerson {
                city,
                country,
                place,
            }
        }),
        option::of(url()).prop_map(|url| Venue::Virtual { url }),
        (text(), country(), option::of(text()), option::of(url())).prop_map(
            |(city, country, place, url)| Venue::Hybrid {
                city,
                country,
                place,
                url
            }
        ),
    ]
}

fn edition() -> impl Strategy<Value = Edition> {
    (
        id(),
        option::of("[A-Z]{2,4}-[0-9]{2}"),
        option::of(text()),
        date(),
        option::of(date()),
        option::of(venue()),
        option::of(text()),
        option::of(url()),
        vec(
            (
                text(),
                option::of(prop::sample::select(OutcomeDocumentType::KNOWN.to_vec())),
                option::of(url()),
                option::of(date()),
            )
                .prop_map(|(title, kind, url, date)| OutcomeDocument {
                    title,
                    kind: kind.map(OutcomeDocumentType::from),
                    url,
                    date,
                }),
            0..2,
        ),
        sources(),
    )
        .prop_map(
            |(id, code, name, start, end, venue, theme, url, outcome_documents, sources)| Edition {
                id,
                code,
                name,
                start,
                end,
                venue,
                theme,
                url,
                outcome_documents,
                sources,
            },
        )
}

fn platform() -> impl Strategy<Value = Platform> {
    (
        (
            id(),
            text(),
            option::of("[A-Z]{2,6}"),
            prop::sample::select(PlatformKind::KNOWN.to_vec()),
            prop::sample::select(vec![
                PlatformLevel::TreatyMaking,
                PlatformLevel::HighLevel,
                PlatformLevel::Expert,
            ]),
        ),
        (
            vec(
                (text(), option::of("[A-Z]{2,5}"), option::of(url()))
                    .prop_map(|(name, acronym, url)| Convener { name, acronym, url }),
                0..2,
            ),
            option::of(prop::sample::select(Periodicity::KNOWN.to_vec())),
            option::of((text(), sources()).prop_map(|(text, sources)| Mandate { text, sources })),
            vec(theme(), 0..3),
            standing_rules(),
            option::of(rule()),
            option::of(url()),
            vec(edition(), 0..3),
        ),
    )
        .prop_map(
            |(
                (id, name, acronym, kind, level),
                (
                    conveners,
                    periodicity,
                    mandate,
                    themes,
                    participation,
                    decision_rule,
                    url,
                    editions,
                ),
            )| {
                let mut p = Platform::new(id, name, PlatformKind::from(kind), level);
                p.acronym = acronym;
                p.conveners = conveners;
                p.periodicity = periodicity.map(Periodicity::from);
                p.mandate = mandate;
                p.themes = themes;
                p.participation = participation;
                p.decision_rule = decision_rule;
                p.url = url;
                p.editions = editions;
                p
            },
        )
}

fn registry() -> impl Strategy<Value = PlatformRegistry> {
    (
        id(),
        text(),
        option::of(text()),
        option::of(date()),
        vec(platform(), 0..3),
        vec(text(), 0..2),
    )
        .prop_map(|(id, title, description, updated, platforms, notes)| {
            let mut r = PlatformRegistry::new(id, title);
            r.description = description;
            r.updated = updated;
            r.platforms = platforms;
            r.notes = notes;
            r
        })
}

fn stance() -> impl Strategy<Value = Stance> {
    prop::sample::select(Stance::ALL.to_vec())
}

fn consultation() -> impl Strategy<Value = Consultation> {
    let participants = vec(
        (
            id(),
            text(),
            stakeholder(),
            option::of(country()),
            option::of(standing()),
        )
            .prop_map(|(id, name, stakeholder, country, standing)| Participant {
                id,
                name,
                stakeholder,
                country,
                standing,
            }),
        0..5,
    );
    let questions = vec(
        (id(), option::of("Q[0-9]"), text(), vec(theme(), 0..2)).prop_map(
            |(id, code, text, themes)| Question {
                id,
                code,
                text,
                themes,
            },
        ),
        0..2,
    );
    let rounds = vec(
        (
            id(),
            option::of(text()),
            option::of(date()),
            option::of(reference()),
            option::of(vec(id(), 0..3)),
        )
            .prop_map(|(id, name, date, edition, present)| Round {
                id,
                name,
                date,
                edition,
                present,
            }),
        0..3,
    );
    let proposals = vec(
        (
            id(),
            option::of("[A-Z]{3}/[0-9]{1,2}/[0-9]"),
            text(),
            option::of(reference()),
            vec(id(), 0..2),
            vec(id(), 0..2),
            option::of(id()),
        )
            .prop_map(
                |(id, code, title, contribution, submitted_by, questions, withdrawn_in)| Proposal {
                    id,
                    code,
                    title,
                    contribution,
                    submitted_by,
                    questions,
                    withdrawn_in,
                },
            ),
        0..4,
    );
    let positions = vec(
        (id(), id(), id(), stance(), option::of(text())).prop_map(
            |(round, participant, proposal, stance, statement)| Position {
                round,
                participant,
                proposal,
                stance,
                statement,
            },
        ),
        0..6,
    );
    let decisions = vec(
        (
            id(),
            option::of("[A-Z]{3}-[0-9]{2}/[0-9]"),
            text(),
            id(),
            vec(id(), 0..2),
            prop::sample::select(DecisionOutcome::ALL.to_vec()),
            option::of(date()),
            option::of(text()),
            sources(),
        )
            .prop_map(
                |(id, code, title, round, proposals, outcome, date, text, sources)| Decision {
                    id,
                    code,
                    title,
                    round,
                    proposals,
                    outcome,
                    date,
                    text,
                    sources,
                },
            ),
        0..2,
    );
    (
        (
            id(),
            text(),
            option::of(text()),
            option::of(reference()),
            vec(theme(), 0..3),
            rule(),
        ),
        (
            questions,
            rounds,
            participants,
            vec(id(), 0..2),
            proposals,
            positions,
            decisions,
            sources(),
        ),
    )
        .prop_map(
            |(
                (id, title, description, edition, themes, rule),
                (
                    questions,
                    rounds,
                    participants,
                    contributions,
                    proposals,
                    positions,
                    decisions,
                    sources,
                ),
            )| {
                let mut c = Consultation::new(id, title, rule);
                c.description = description;
                c.edition = edition;
                c.themes = themes;
                c.questions = questions;
                c.rounds = rounds;
                c.participants = participants;
                c.contributions = contributions;
                c.proposals = proposals;
                c.positions = positions;
                c.decisions = decisions;
                c.sources = sources;
                c
            },
        )
}

fn contribution() -> impl Strategy<Value = Contribution> {
    let proposals = vec(
        (
            id(),
            option::of("[A-Z]{3}/[0-9]{1,2}/[0-9]"),
            prop::sample::select(ProposalMarker::ALL.to_vec()),
            option::of(reference()),
            option::of(id()),
            option::of("\\PC{1,20}"),
            option::of(text()),
            option::of(text()),
        )
            .prop_map(
                |(id, code, marker, target, document, provision, text, reasons)| {
                    ContributionProposal {
                        id,
                        code,
                        marker,
                        target,
                        document,
                        provision,
                        text,
                        reasons,
                    }
                },
            ),
        0..4,
    );
    let submitters = vec(
        (text(), stakeholder(), option::of(country())).prop_map(|(name, stakeholder, country)| {
            Submitter {
                name,
                stakeholder,
                country,
            }
        }),
        0..3,
    );
    (
        (
            id(),
            text(),
            "\\PC{0,20}",
            reference(),
            date(),
            any::<bool>(),
            option::of(prop::sample::select(vec!["en", "fr", "zh-Hans"])),
        ),
        (
            submitters,
            option::of(text()),
            vec(theme(), 0..2),
            proposals,
            sources(),
        ),
    )
        .prop_map(
            |(
                (id, title, number, meeting, date, dated, original),
                (submitted_by, summary, themes, proposals, sources),
            )| {
                let mut c = Contribution::new(id, title, number, meeting, date, submitted_by);
                if !dated {
                    // Number, meeting and date are optional (drafts, informal papers).
                    c.document_number = None;
                    c.meeting = None;
                    c.date = None;
                }
                c.original = original.map(|l| LanguageTag::new(l).unwrap());
                c.summary = summary;
                c.themes = themes;
                c.proposals = proposals;
                c.sources = sources;
                c
            },
        )
}

fn landscape() -> impl Strategy<Value = GovernanceLandscape> {
    let instrument = (
        id(),
        text(),
        prop::sample::select(InstrumentType::KNOWN.to_vec()),
        vec(country(), 0..4),
        vec(theme(), 0..2),
        option::of(date()),
        option::of(date()),
        option::of(url()),
    )
        .prop_map(
            |(id, name, kind, parties, themes, adopted, in_force, url)| {
                let mut i = GovernanceInstrument::new(id, name, InstrumentType::from(kind));
                i.parties = parties;
                i.themes = themes;
                i.adopted = adopted;
                i.in_force = in_force;
                i.url = url;
                i
            },
        );
    let mechanism = (
        id(),
        text(),
        option::of("[A-Z]{2,5}"),
        prop::sample::select(vec![
            MechanismType::Multilateral,
            MechanismType::Plurilateral,
            MechanismType::Bilateral,
            MechanismType::Regional,
            MechanismType::PrivateSectorLed,
            MechanismType::Multistakeholder,
        ]),
        vec(theme(), 0..3),
        vec(country(), 0..6),
        vec(instrument, 0..2),
        option::of(reference()),
    )
        .prop_map(
            |(id, name, acronym, kind, themes, parties, instruments, platform)| {
                let mut m = Mechanism::new(id, name, kind);
                m.acronym = acronym;
                m.themes = themes;
                m.parties = parties;
                m.instruments = instruments;
                m.platform = platform;
                m
            },
        );
    (id(), text(), vec(country(), 0..5), vec(mechanism, 0..5)).prop_map(
        |(id, title, universe, mechanisms)| {
            let mut l = GovernanceLandscape::new(id, title);
            l.universe = universe;
            l.mechanisms = mechanisms;
            l
        },
    )
}

mod common;
use common::check;
use common::strategies::{date, id, reference, sources, text};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn platform_registry_roundtrips(r in registry()) { check(&r)?; }

    #[test]
    fn consultation_roundtrips(c in consultation()) { check(&c)?; }

    #[test]
    fn contribution_roundtrips(c in contribution()) { check(&c)?; }

    #[test]
    fn governance_landscape_roundtrips(l in landscape()) { check(&l)?; }

    #[test]
    fn consensus_result_roundtrips(c in consultation()) { check(&decide(&c))?; }

    #[test]
    fn landscape_analysis_roundtrips(l in landscape()) { check(&analyze(&l, None))?; }
}

/// Both serde and the schema reject each of these; `kind` is the document's.
#[test]
fn bad_values_are_rejected_by_serde_and_schema() {
    let registry = |edition: &str| {
        format!(
            r#"{{"kind": "platformRegistry", "specVersion": "1.0", "id": "r", "title": {{"en": "R"}},
  "platforms": [{{"id": "p", "name": {{"en": "P"}}, "type": "forum", "level": "expert",
                 "editions": [{edition}]}}]}}"#
        )
    };
    let cases = [
        registry(r#"{"id": "e", "start": "2026-1-01"}"#),
        registry(r#"{"id": "e", "start": "2026-01-01", "url": "ftp://x"}"#),
        registry(r#"{"id": "e", "start": "2026-01-01", "venue": {"type": "virtual", "city": {"en": "X"}}}"#),
        registry(r#"{"id": "e", "start": "2026-01-01", "venue": {"type": "inPerson", "city": {"en": "X"}, "country": "xx"}}"#),
        registry(r#"{"id": "e", "start": "2026-01-01", "venue": {"type": "boat"}}"#),
        registry(r#"{"id": "e", "start": "2026-01-01", "extra": 1}"#),
        r#"{"kind": "consultation", "specVersion": "1.0", "id": "c", "title": {"en": "C"},
            "decisionRule": {"type": "majority", "majority": "simple", "base": "presentAndVoting",
                             "quorum": {"type": "fraction", "numerator": 1, "denominator": 0}}}"#.to_owned(),
        r#"{"kind": "consultation", "specVersion": "1.0", "id": "c", "title": {"en": "C"},
            "decisionRule": {"type": "majority", "majority": "fourFifths", "base": "presentAndVoting"}}"#.to_owned(),
        r#"{"kind": "consultation", "specVersion": "1.0", "id": "c", "title": {"en": "C"},
            "decisionRule": {"type": "consensus"},
            "positions": [{"round": "r", "participant": "a", "proposal": "p", "stance": "veto"}]}"#.to_owned(),
        r#"{"kind": "contribution", "specVersion": "1.0", "id": "c", "title": {"en": "C"},
            "documentNumber": "1", "meeting": "r#e", "date": "2026-01-01", "submittedBy": [],
            "proposals": [{"id": "p", "marker": "(MOD)"}]}"#.to_owned(),
        r#"{"kind": "governanceLandscape", "specVersion": "1.0", "id": "l", "title": {"en": "L"},
            "mechanisms": [{"id": "m", "name": {"en": "M"}, "type": "global"}]}"#.to_owned(),
        r#"{"kind": "governanceLandscape", "specVersion": "1.0", "id": "l", "title": {"en": "L"},
            "mechanisms": [{"id": "m", "name": {"en": "M"}, "type": "regional", "themes": [""]}]}"#.to_owned(),
        r#"{"kind": "landscapeAnalysis", "specVersion": "1.0", "id": "a", "title": {"en": "A"},
            "landscape": "l", "universeSource": "landscape", "countries": 0, "mechanisms": 0,
            "themes": [{"theme": "x", "mechanisms": [], "countriesCovered": 0, "coverageShare": 1.5,
                        "memberships": 0, "pairs": 0, "fragmentation": 0}],
            "matrix": {"themes": [], "rows": []}}"#.to_owned(),
    ];
    for text in &cases {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let kind = value["kind"].as_str().unwrap();
        let schema = govframe_schema::validate::schema_issues(kind, &value).unwrap();
        assert!(!schema.is_empty(), "the schema accepts {text}");
        assert!(
            govframe_schema::validate::read_str(text).is_err(),
            "serde accepts {text}"
        );
    }
}

#[test]
fn tagged_unions_have_titled_variants() {
    let schemas = govframe_schema::generate(None).unwrap();
    let doc = schemas.for_kind("document").unwrap();
    for (name, titles) in [
        ("DecisionRule", vec!["ConsensusRule", "MajorityRule"]),
        ("Quorum", vec!["CountQuorum", "FractionQuorum"]),
        (
            "Venue",
            vec!["InPersonVenue", "VirtualVenue", "HybridVenue"],
        ),
    ] {
        let got: Vec<&str> = doc["$defs"][name]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["title"].as_str().unwrap())
            .collect();
        assert_eq!(got, titles, "{name}");
    }
    let marker = &doc["$defs"]["ProposalMarker"]["enum"];
    assert_eq!(
        marker,
        &serde_json::json!([
            "add",
            "addStar",
            "mod",
            "modParenthesized",
            "sup",
            "supStar",
            "noc"
        ])
    );
    // No two types share a name (schemars would number them: `Instrument2`).
    for name in doc["$defs"].as_object().unwrap().keys() {
        assert!(!name.ends_with(|c: char| c.is_ascii_digit()), "{name}");
    }
}
