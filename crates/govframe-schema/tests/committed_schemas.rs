//! The committed `schemas/` folder matches what the code generates. When this fails, run
//! `cargo run -- schema export --out schemas` and commit the result.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[test]
fn committed_schemas_are_up_to_date() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    let outcome = govframe_schema::check_dir(&dir).expect("read schemas/");
    assert!(outcome.is_clean(), "schemas/ is out of date:\n{outcome}");
}

#[test]
fn every_kind_has_a_schema_with_a_const_kind_and_closed_objects() {
    let schemas = govframe_schema::generate(None).unwrap();
    for k in govframe_schema::KINDS {
        let s = schemas.for_kind(k.kind).unwrap();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(s["properties"]["kind"]["const"], k.kind, "{}", k.kind);
        assert_eq!(s["additionalProperties"], false, "{}", k.kind);
        assert_eq!(s["title"], k.title);
        // Every object definition is closed, except the two maps meant to be open.
        for (name, def) in s["$defs"].as_object().into_iter().flatten() {
            if def.get("type") == Some(&serde_json::json!("object"))
                && def.get("properties").is_some()
            {
                assert_eq!(
                    def["additionalProperties"], false,
                    "{}: $defs/{name} is open",
                    k.kind
                );
            }
        }
        // No non-standard formats survive.
        let text = serde_json::to_string(s).unwrap();
        for bad in ["\"uint", "\"int32", "\"int64", "\"double\"", "\"float\""] {
            assert!(
                !text.contains(&format!("\"format\":{bad}")),
                "{}: {bad}",
                k.kind
            );
        }
    }
}

#[test]
fn every_example_document_is_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data");
    let mut seen = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let outcome = govframe_schema::validate::validate_file(&path);
            assert!(
                outcome.report.valid,
                "{}: {:#?}",
                path.display(),
                outcome.report.issues
            );
            seen.insert(outcome.report.checked_kind.unwrap());
        }
    }
    // The examples show every kind that people write by hand.
    for kind in [
        "strategicPlan",
        "objectiveSet",
        "platformRegistry",
        "consultation",
        "contribution",
        "governanceLandscape",
        "supplyUseTable",
    ] {
        assert!(seen.contains(kind), "no example of {kind}");
    }
}
