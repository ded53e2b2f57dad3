//! Platform documents in the whole pipeline: validation with rule, path and line; references
//! across documents through the Catalog (a contribution whose meeting is not in the registry,
//! objectives' mechanisms that resolve to platforms, `adoptedBy` that resolves to a
//! decision); and the coverage analysis naming the platforms behind each goal.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use govframe_core::{Issue, Severity};
use govframe_schema::validate::{validate_file, validate_str};
use govframe_schema::{Catalog, Document, Resolved};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data")
        .join(name)
}

fn load(catalog: &mut Catalog, name: &str) -> Vec<Issue> {
    let outcome = validate_file(&example(name));
    assert!(outcome.report.valid, "{name}: {:#?}", outcome.report.issues);
    let issues = outcome.report.issues.clone();
    catalog
        .add(outcome.document.unwrap(), name)
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    issues
}

const REGISTRY: &str = r#"{"kind": "platformRegistry", "specVersion": "1.0", "id": "reg",
  "title": {"en": "Registry"},
  "platforms": [{"id": "forum", "name": {"en": "Forum"}, "type": "forum", "level": "highLevel",
                 "editions": [{"id": "forum-2026", "start": "2026-05-04", "end": "2026-05-06"}]}]}"#;

fn contribution(meeting: &str) -> String {
    format!(
        r#"{{"kind": "contribution", "specVersion": "1.0", "id": "c1", "title": {{"en": "C"}},
  "documentNumber": "C/1", "meeting": "{meeting}", "date": "2026-04-01",
  "submittedBy": [{{"name": {{"en": "State"}}, "stakeholder": "memberState"}}]}}"#
    )
}

fn catalog_issues(docs: &[&str]) -> Vec<Vec<Issue>> {
    let mut catalog = Catalog::new();
    for (i, text) in docs.iter().enumerate() {
        let outcome = validate_str(text, &format!("doc{i}"));
        assert!(outcome.report.valid, "{:#?}", outcome.report.issues);
        catalog
            .add(outcome.document.unwrap(), format!("doc{i}"))
            .unwrap();
    }
    catalog.check_references()
}

#[test]
fn contribution_whose_meeting_is_not_in_the_registry() {
    let issues = catalog_issues(&[REGISTRY, &contribution("reg#forum-2025")]);
    assert!(issues[0].is_empty());
    assert_eq!(issues[1].len(), 1, "{:#?}", issues[1]);
    let i = &issues[1][0];
    assert_eq!(i.rule, "catalog.unknown-entity");
    assert_eq!(i.severity, Severity::Error);
    assert_eq!(i.path, "/meeting");
    assert!(
        i.message.contains("no edition with id \"forum-2025\""),
        "{}",
        i.message
    );

    // A platform is not a meeting.
    let issues = catalog_issues(&[REGISTRY, &contribution("reg#forum")]);
    assert_eq!(issues[1][0].rule, "catalog.wrong-entity-kind");
    assert_eq!(issues[1][0].path, "/meeting");

    // The edition exists.
    let issues = catalog_issues(&[REGISTRY, &contribution("reg#forum-2026")]);
    assert!(issues[1].is_empty(), "{:#?}", issues[1]);

    // Without the registry the reference cannot be checked: a warning only.
    let issues = catalog_issues(&[&contribution("reg#forum-2026")]);
    assert_eq!(issues[0][0].rule, "catalog.unknown-document");
    assert_eq!(issues[0][0].severity, Severity::Warning);
}

#[test]
fn bad_platform_documents_give_semantic_errors_with_path_and_line() {
    let text = r#"{"kind": "platformRegistry", "specVersion": "1.0", "id": "reg",
  "title": {"en": "Registry"},
  "platforms": [{"id": "forum", "name": {"en": "Forum"}, "type": "forum", "level": "highLevel",
                 "editions": [
                   {"id": "forum-2026", "start": "2026-05-04",
                    "end": "2026-05-01"}]}]}"#;
    let out = validate_str(text, "reg.json");
    assert!(!out.report.valid);
    let i = &out.report.issues[0];
    assert_eq!(i.rule, "platforms.edition.ends-before-start");
    assert_eq!(i.path, "/platforms/0/editions/0/end");
    assert_eq!(i.line, Some(6));

    let text = r#"{"kind": "consultation", "specVersion": "1.0", "id": "c", "title": {"en": "C"},
  "decisionRule": {"type": "consensus"},
  "participants": [{"id": "a", "name": {"en": "A"}, "stakeholder": "memberState"}],
  "rounds": [{"id": "r1"}],
  "proposals": [{"id": "p1", "title": {"en": "P"}}],
  "positions": [
    {"round": "r1", "participant": "a", "proposal": "p1", "stance": "support"},
    {"round": "r1", "participant": "a", "proposal": "p7", "stance": "support"},
    {"round": "r1", "participant": "z", "proposal": "p1", "stance": "abstain"},
    {"round": "r1", "participant": "a", "proposal": "p1", "stance": "oppose"}
  ]}"#;
    let out = validate_str(text, "c.json");
    let got: Vec<(&str, &str, Option<u64>)> = out
        .report
        .issues
        .iter()
        .map(|i| (i.rule.as_str(), i.path.as_str(), i.line))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "platforms.position.unknown-proposal",
                "/positions/1/proposal",
                Some(8)
            ),
            (
                "platforms.position.unknown-participant",
                "/positions/2/participant",
                Some(9)
            ),
            ("platforms.position.duplicate", "/positions/3", Some(10)),
        ]
    );

    // Schema level: a marker that does not exist, an unknown field in a tagged union.
    let text = contribution("reg#forum-2026").replace(
        r#""date": "2026-04-01","#,
        r#""date": "2026-04-01", "proposals": [{"id": "p", "marker": "ADD*"}],"#,
    );
    let out = validate_str(&text, "c.json");
    assert_eq!(out.report.issues[0].rule, "schema.enum");
    assert_eq!(out.report.issues[0].path, "/proposals/0/marker");
    let text = r#"{"kind": "consultation", "specVersion": "1.0", "id": "c", "title": {"en": "C"},
      "decisionRule": {"type": "consensus", "majority": "simple"}}"#;
    let out = validate_str(text, "c.json");
    assert!(!out.report.valid);
    assert!(
        out.report.issues[0].rule.starts_with("schema."),
        "{:#?}",
        out.report.issues
    );
}

#[test]
fn demo_documents_resolve_across_each_other() {
    let mut catalog = Catalog::new();
    let mut issues = Vec::new();
    for name in [
        "demo-plan.json",
        "demo-objectives.json",
        "demo-platforms.json",
        "demo-consultation.json",
        "demo-contribution.json",
        "demo-landscape.json",
    ] {
        issues.extend(load(&mut catalog, name));
    }
    assert!(issues.is_empty(), "{issues:#?}");
    let cross: Vec<Issue> = catalog.check_references().into_iter().flatten().collect();
    assert!(cross.is_empty(), "{cross:#?}");

    // An objective's mechanisms are platforms of the registry.
    let r = catalog.resolve(&"demo-platforms#regulators-symposium".parse().unwrap());
    assert!(
        matches!(
            r,
            Resolved::Found {
                entity: "platform",
                ..
            }
        ),
        "{r:?}"
    );
    // A consultation's decisions are what `adoptedBy` points at.
    let r = catalog.resolve(&"demo-consultation-dmf-26#d2".parse().unwrap());
    assert!(
        matches!(
            r,
            Resolved::Found {
                entity: "decision",
                ..
            }
        ),
        "{r:?}"
    );
}

#[test]
fn adopted_by_must_point_at_a_decision() {
    let mut catalog = Catalog::new();
    load(&mut catalog, "demo-consultation.json");
    let objectives = |adopted_by: &str| {
        format!(
            r#"{{"kind": "objectiveSet", "specVersion": "1.0", "id": "objs", "title": {{"en": "O"}},
  "objectives": [{{"id": "o1", "type": "interSectoral", "name": {{"en": "O"}},
    "contributesTo": ["plan#g1"], "adoptedBy": "{adopted_by}"}}]}}"#
        )
    };
    let mut c = catalog.clone();
    let doc = validate_str(&objectives("demo-consultation-dmf-26#d2"), "o.json")
        .document
        .unwrap();
    c.add(doc, "o.json").unwrap();
    let issues: Vec<Issue> = c.check_references().pop().unwrap();
    assert!(
        issues
            .iter()
            .all(|i| i.rule == "catalog.unknown-document" && i.path.ends_with("/contributesTo/0")),
        "{issues:#?}"
    );

    let mut c = catalog.clone();
    let doc = validate_str(&objectives("demo-consultation-dmf-26#p2"), "o.json")
        .document
        .unwrap();
    c.add(doc, "o.json").unwrap();
    let issues: Vec<Issue> = c.check_references().pop().unwrap();
    let wrong = issues
        .iter()
        .find(|i| i.rule == "catalog.wrong-entity-kind")
        .unwrap();
    assert_eq!(wrong.path, "/objectives/0/adoptedBy");
}

#[test]
fn coverage_names_the_platforms_behind_each_goal() {
    let mut catalog = Catalog::new();
    for name in [
        "demo-plan.json",
        "demo-objectives.json",
        "demo-platforms.json",
    ] {
        load(&mut catalog, name);
    }
    let Some(Document::StrategicPlan(plan)) = catalog.get("demo-sp-2026-2029") else {
        panic!("no plan");
    };
    let Some(Document::ObjectiveSet(set)) = catalog.get("demo-proposed-objectives") else {
        panic!("no objective set");
    };
    let extra: Vec<_> = set.objectives.iter().map(|o| (&set.id, o)).collect();
    let report = govframe_strategy::coverage(plan, &extra, |r| catalog.name_of(r));
    let names = |goal: usize| -> Vec<String> {
        report.goals[goal]
            .mechanisms
            .iter()
            .map(|m| {
                m.name
                    .as_ref()
                    .map(|n| n.best("en").to_owned())
                    .unwrap_or_default()
            })
            .collect()
    };
    assert_eq!(
        names(0),
        vec![
            "Demo Ministerial Forum on Digital Governance",
            "Demo Symposium for Regulators"
        ]
    );
    assert_eq!(names(1), vec!["Demo Symposium on Digital Statistics"]);
    assert!(report.summary.uncovered_goals.is_empty());
}
