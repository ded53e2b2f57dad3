//! Serde and schema agree: generated values of every kind serialize to JSON that the exported
//! schema accepts, and read back equal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::{
    Direction, Issue, Level, LocalizedText, Severity, Unit, ValidationReport, YearRange, YearValue,
};
use govframe_objectives::{
    Kpi, Objective, ObjectiveSet, ObjectiveSetKind, ObjectiveType, Outcome, Output, OutputKind,
    Sector,
};
use govframe_strategy::{
    Enabler, Goal, Instrument, Organization, PlanValue, Scope, StrategicPlan, Target,
    TargetQuantity, ThematicPriority,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![-1.0e9..1.0e9f64, (0i32..1000).prop_map(f64::from)]
}

fn year_value() -> impl Strategy<Value = YearValue> {
    (1990i32..2050, finite()).prop_map(|(year, value)| YearValue { year, value })
}

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![
        prop::sample::select(Unit::KNOWN.to_vec()).prop_map(Unit::from),
        "[a-z][A-Za-z]{0,12}".prop_map(|s| Unit::from(s.as_str())),
    ]
}

fn direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(vec![
        Direction::Increase,
        Direction::Decrease,
        Direction::Parity,
        Direction::Maintain,
    ])
}

fn sector() -> impl Strategy<Value = Sector> {
    prop::sample::select(vec![
        Sector::ItuR,
        Sector::ItuT,
        Sector::ItuD,
        Sector::GeneralSecretariat,
    ])
}

fn objective() -> impl Strategy<Value = Objective> {
    let outcomes = vec(
        (id(), option::of("[A-Z]\\.[0-9]"), text(), sources()).prop_map(
            |(id, code, statement, sources)| Outcome {
                id,
                code,
                statement,
                sources,
            },
        ),
        0..2,
    );
    let outputs = vec(
        (id(), any::<bool>(), text(), option::of(text())).prop_map(
            |(id, product, name, description)| Output {
                id,
                code: None,
                kind: if product {
                    OutputKind::Product
                } else {
                    OutputKind::Service
                },
                name,
                description,
                sources: Vec::new(),
            },
        ),
        0..2,
    );
    let kpis = vec(
        (
            id(),
            text(),
            option::of(unit()),
            option::of(direction()),
            option::of(year_value()),
            option::of(year_value()),
        )
            .prop_map(|(id, name, unit, direction, baseline, target)| Kpi {
                id,
                code: None,
                name,
                unit,
                direction,
                baseline,
                target,
                sources: Vec::new(),
            }),
        0..2,
    );
    (
        (
            id(),
            option::of("[A-Z]\\.[0-9]{1,2}"),
            option::of(sector()),
            text(),
            option::of(text()),
        ),
        (
            vec(reference(), 0..3),
            vec(reference(), 0..3),
            outcomes,
            outputs,
            kpis,
            option::of(reference()),
            sources(),
        ),
    )
        .prop_map(
            |(
                (id, code, sector, name, description),
                (contributes_to, mechanisms, outcomes, outputs, kpis, adopted_by, sources),
            )| {
                Objective {
                    id,
                    code,
                    kind: if sector.is_some() {
                        ObjectiveType::Sectoral
                    } else {
                        ObjectiveType::InterSectoral
                    },
                    sector,
                    name,
                    description,
                    contributes_to,
                    mechanisms,
                    outcomes,
                    outputs,
                    kpis,
                    adopted_by,
                    sources,
                }
            },
        )
}

fn target() -> impl Strategy<Value = Target> {
    let scope = prop_oneof![
        prop::sample::select(Scope::KNOWN.to_vec()).prop_map(Scope::from),
        "[a-z][A-Za-z]{0,12}".prop_map(|s| Scope::from(s.as_str())),
    ];
    let quantity = (
        "[a-z][A-Za-z]{0,20}",
        scope,
        unit(),
        direction(),
        finite(),
        1990i32..2060,
        option::of(year_value()),
    )
        .prop_map(
            |(indicator, scope, unit, direction, value, year, baseline)| TargetQuantity {
                indicator,
                scope,
                unit,
                direction,
                value,
                year,
                baseline,
            },
        );
    (
        id(),
        option::of("[0-9]\\.[0-9]"),
        reference(),
        text(),
        option::of(quantity),
        sources(),
    )
        .prop_map(|(id, code, goal, statement, quantity, sources)| Target {
            id,
            code,
            goal,
            statement,
            quantity,
            sources,
        })
}

fn plan() -> impl Strategy<Value = StrategicPlan> {
    let header = (
        id(),
        text(),
        (1990i32..2040, 0i32..10).prop_map(|(s, n)| YearRange::new(s, s + n).unwrap()),
        option::of(
            (text(), option::of("[A-Z]{2,5}")).prop_map(|(name, acronym)| Organization {
                name,
                acronym,
                url: Some("https://www.example.org/".parse().unwrap()),
            }),
        ),
        option::of(reference()),
        option::of(
            (
                text(),
                option::of("Res\\. [0-9]{1,3}"),
                option::of(date()),
                sources(),
            )
                .prop_map(|(title, code, date, sources)| Instrument {
                    title,
                    code,
                    date,
                    sources,
                }),
        ),
        option::of(text()),
        option::of(text()),
    );
    let body = (
        vec(
            (id(), text(), option::of(text())).prop_map(|(id, name, description)| PlanValue {
                id,
                name,
                description,
            }),
            0..2,
        ),
        vec(
            (
                id(),
                option::of("[0-9]"),
                text(),
                option::of(text()),
                sources(),
            )
                .prop_map(|(id, code, name, statement, sources)| Goal {
                    id,
                    code,
                    name,
                    statement,
                    sources,
                }),
            0..4,
        ),
        vec(target(), 0..5),
        vec(
            (id(), text(), option::of(sector())).prop_map(|(id, name, sector)| ThematicPriority {
                id,
                code: None,
                name,
                description: None,
                sector,
                sources: Vec::new(),
            }),
            0..2,
        ),
        vec(
            (id(), text()).prop_map(|(id, name)| Enabler {
                id,
                code: None,
                name,
                description: None,
                sources: Vec::new(),
            }),
            0..2,
        ),
        vec(objective(), 0..3),
        sources(),
        vec(text(), 0..2),
    );
    (header, body).prop_map(
        |(
            (id, title, period, organization, adopted_by, adopting_instrument, vision, mission),
            (values, goals, targets, thematic_priorities, enablers, objectives, sources, notes),
        )| {
            let mut p = StrategicPlan::new(id, title, period);
            p.organization = organization;
            p.adopted_by = adopted_by;
            p.adopting_instrument = adopting_instrument;
            p.vision = vision;
            p.mission = mission;
            p.values = values;
            p.goals = goals;
            p.targets = targets;
            p.thematic_priorities = thematic_priorities;
            p.enablers = enablers;
            p.objectives = objectives;
            p.sources = sources;
            p.notes = notes;
            p
        },
    )
}

fn objective_set() -> impl Strategy<Value = ObjectiveSet> {
    (
        id(),
        text(),
        option::of(text()),
        vec(objective(), 0..4),
        sources(),
    )
        .prop_map(
            |(id, title, description, objectives, sources)| ObjectiveSet {
                kind: ObjectiveSetKind::Value,
                spec_version: Default::default(),
                id,
                title,
                schema: None,
                description,
                objectives,
                sources,
                extensions: None,
            },
        )
}

fn validation_report() -> impl Strategy<Value = ValidationReport> {
    let issue = (
        prop::sample::select(vec![
            Level::Parse,
            Level::Schema,
            Level::Semantics,
            Level::Catalog,
        ]),
        prop::sample::select(vec![Severity::Error, Severity::Warning, Severity::Info]),
        "[a-z]{1,8}\\.[a-z-]{1,12}",
        "(/[a-z0-9]{1,6}){0,3}",
        option::of((1u64..10_000, 1u64..200)),
        "\\PC{1,40}",
        option::of("\\PC{1,40}"),
    )
        .prop_map(|(level, severity, rule, path, pos, message, help)| {
            let mut i = Issue::new(level, severity, rule, path, message);
            i.line = pos.map(|p| p.0);
            i.column = pos.map(|p| p.1);
            i.help = help;
            i
        });
    ("\\PC{1,30}", vec(issue, 0..5))
        .prop_map(|(subject, issues)| ValidationReport::new(subject, issues))
}

mod common;
use common::check;
use common::strategies::{date, id, reference, sources, text};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn strategic_plan_roundtrips(p in plan()) { check(&p)?; }

    #[test]
    fn objective_set_roundtrips(s in objective_set()) { check(&s)?; }

    #[test]
    fn validation_report_roundtrips(r in validation_report()) { check(&r)?; }

    #[test]
    fn coverage_report_roundtrips(p in plan()) {
        let report = govframe_strategy::coverage(&p, &[], |r| r.document().map(|_| LocalizedText::en("named")));
        check(&report)?;
    }
}
