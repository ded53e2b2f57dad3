//! Every bundled document passes all three validation levels, every fact carries a source
//! with a URL, and target numbers match a table written independently from the sources.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::Source;
use govframe_schema::validate::validate_str;

#[test]
fn every_bundled_document_is_valid_at_every_level() {
    for b in govframe_itu::all() {
        let report = validate_str(b.json, b.file_name).report;
        assert!(report.valid, "{}: {:#?}", b.file_name, report.issues);
        assert_eq!(report.checked_kind.as_deref(), Some(b.kind));
        assert_eq!(report.document_id.as_deref(), Some(b.id));
    }
}

fn has_url(sources: &[Source]) -> bool {
    sources.iter().any(|s| {
        s.url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://") || u.starts_with("http://"))
    })
}

#[test]
fn every_fact_has_a_source_with_a_url() {
    let plans = [
        govframe_itu::strategic_plan_2016_2019(),
        govframe_itu::strategic_plan_2020_2023(),
        govframe_itu::strategic_plan_2024_2027(),
    ];
    let mut missing = Vec::new();
    for p in plans {
        assert!(
            has_url(&p.sources),
            "{}: the plan itself has no source",
            p.id
        );
        for g in &p.goals {
            if !has_url(&g.sources) {
                missing.push(format!("{}#{}", p.id, g.id));
            }
        }
        for t in &p.targets {
            if !has_url(&t.sources) {
                missing.push(format!("{}#{}", p.id, t.id));
            }
        }
        for o in &p.objectives {
            if !has_url(&o.sources) {
                missing.push(format!("{}#{}", p.id, o.id));
            }
            for x in &o.outcomes {
                if !has_url(&x.sources) {
                    missing.push(format!("{}#{}", p.id, x.id));
                }
            }
        }
        for x in &p.thematic_priorities {
            if !has_url(&x.sources) {
                missing.push(format!("{}#{}", p.id, x.id));
            }
        }
        for x in &p.enablers {
            if !has_url(&x.sources) {
                missing.push(format!("{}#{}", p.id, x.id));
            }
        }
        assert!(
            !p.notes.is_empty(),
            "{}: notes must say what is missing",
            p.id
        );
    }
    assert!(
        missing.is_empty(),
        "facts without a source URL: {missing:?}"
    );
}

#[derive(serde::Deserialize)]
struct Check {
    plan: String,
    target: String,
    value: f64,
    unit: String,
    year: i32,
    scope: String,
    source: String,
    quote: String,
}

#[test]
fn target_numbers_match_the_sources() {
    let checks: Vec<Check> = serde_json::from_str(include_str!("target-checks.json")).unwrap();
    let count = |plan: &str| checks.iter().filter(|c| c.plan == plan).count();
    assert!(count("itu-sp-2016-2019") + count("itu-sp-2020-2023") >= 10);
    assert!(count("itu-sp-2016-2019") > 0 && count("itu-sp-2020-2023") > 0);
    for c in &checks {
        let plan = match c.plan.as_str() {
            "itu-sp-2016-2019" => govframe_itu::strategic_plan_2016_2019(),
            "itu-sp-2020-2023" => govframe_itu::strategic_plan_2020_2023(),
            "itu-sp-2024-2027" => govframe_itu::strategic_plan_2024_2027(),
            other => panic!("unknown plan {other}"),
        };
        let t = plan
            .targets
            .iter()
            .find(|t| t.id.as_str() == c.target)
            .unwrap_or_else(|| panic!("{}#{} missing", c.plan, c.target));
        let q = t
            .quantity
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no quantity", c.target));
        assert_eq!(
            q.value, c.value,
            "{}: value (source says {:?})",
            c.target, c.quote
        );
        assert_eq!(q.year, c.year, "{}: deadline", c.target);
        assert_eq!(q.unit.as_str(), c.unit, "{}: unit", c.target);
        assert_eq!(q.scope.as_str(), c.scope, "{}: scope", c.target);
        assert!(
            t.sources
                .iter()
                .any(|s| s.url.as_deref() == Some(c.source.as_str())),
            "{}: cites {}",
            c.target,
            c.source
        );
        // The number is in the quotation it was read from.
        let n = if c.value.fract() == 0.0 {
            format!("{}", c.value as i64)
        } else {
            c.value.to_string()
        };
        assert!(
            c.quote.contains(&n),
            "{}: {n} not in {:?}",
            c.target,
            c.quote
        );
        assert!(
            c.quote.contains(&c.year.to_string()) || c.quote.to_lowercase().contains("by 20"),
            "{}: year not in quote",
            c.target
        );
    }
}

#[test]
fn accessors_return_the_bundled_documents() {
    assert_eq!(
        govframe_itu::strategic_plan_2020_2023().period.start_year(),
        2020
    );
    assert_eq!(
        govframe_itu::strategic_plan_2024_2027().period.end_year(),
        2027
    );
    let ids: Vec<&str> = govframe_itu::all().iter().map(|b| b.id).collect();
    for id in [
        "itu-sp-2016-2019",
        "itu-sp-2020-2023",
        "itu-sp-2024-2027",
        "itu-idi-2010",
        "itu-idi-2023",
        "itu-platforms",
        "itu-landscape",
        "itu-contribution-sp-2024-2027",
    ] {
        assert!(ids.contains(&id), "{id} is not bundled: {ids:?}");
    }
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate bundled ids: {ids:?}");
    assert_eq!(govframe_itu::platforms().id.as_str(), "itu-platforms");
    assert_eq!(govframe_itu::landscape().id.as_str(), "itu-landscape");
    assert_eq!(
        govframe_itu::contribution_digital_governance_platforms()
            .id
            .as_str(),
        "itu-contribution-sp-2024-2027"
    );
    assert_eq!(govframe_itu::idi_2023().id.as_str(), "itu-idi-2023");
    assert_eq!(govframe_itu::idi_2010().id.as_str(), "itu-idi-2010");
}

/// Every platform, edition, mechanism and instrument cites a source with a URL.
#[test]
fn every_platform_edition_and_mechanism_has_a_source_with_a_url() {
    let reg = govframe_itu::platforms();
    let mut missing = Vec::new();
    for p in &reg.platforms {
        if !has_url(&p.sources) {
            missing.push(format!("platform {}", p.id));
        }
        for e in &p.editions {
            if !has_url(&e.sources) {
                missing.push(format!("edition {}", e.id));
            }
        }
        if let Some(m) = &p.mandate
            && !m.sources.is_empty()
            && !has_url(&m.sources)
        {
            missing.push(format!("mandate of {}", p.id));
        }
    }
    let land = govframe_itu::landscape();
    for m in &land.mechanisms {
        if !has_url(&m.sources) {
            missing.push(format!("mechanism {}", m.id));
        }
        for i in &m.instruments {
            if !has_url(&i.sources) {
                missing.push(format!("instrument {}", i.id));
            }
        }
    }
    assert!(missing.is_empty(), "without a source URL: {missing:?}");
    assert!(
        !reg.notes.is_empty(),
        "the registry's notes say what is missing"
    );
    assert!(
        !land.notes.is_empty(),
        "the landscape's notes say what is missing"
    );
}

/// The registry holds the platforms issue #4 asks for, and the landscape the mechanisms.
#[test]
fn registry_and_landscape_hold_the_named_platforms_and_mechanisms() {
    let reg = govframe_itu::platforms();
    for id in [
        "pp",
        "council",
        "wtdc",
        "wtdc-rpm",
        "wtsa",
        "wrc",
        "gsr",
        "wtis",
        "wsis-forum",
        "g20",
        "igf",
        "wto",
        "imf",
        "world-bank",
        "oecd",
        "wef",
        "iso-iec-jtc1-sc42",
        "ieee-p7000",
    ] {
        assert!(reg.platform(id).is_some(), "platform {id} missing");
    }
    for (id, _) in reg
        .platforms
        .iter()
        .filter(|p| ["pp", "wtdc", "gsr", "wtis", "wrc"].contains(&p.id.as_str()))
        .map(|p| (p.id.as_str(), p))
    {
        let p = reg.platform(id).unwrap();
        assert!(!p.editions.is_empty(), "{id} has no edition");
        for e in &p.editions {
            assert!(e.venue.is_some(), "{}: no venue", e.id);
        }
    }
    let land = govframe_itu::landscape();
    for id in [
        "g20-digital-economy",
        "wto-jsi-ecommerce",
        "cptpp",
        "us-japan-digital-trade",
        "eu-japan-epa",
        "rcep",
        "china-eu-digital-dialogue",
        "iso-iec-ai-standards",
        "ieee-ai-ethics",
    ] {
        assert!(
            land.mechanisms.iter().any(|m| m.id.as_str() == id),
            "mechanism {id} missing"
        );
    }
    // A bilateral mechanism lists two parties or none (the EU is not a country code).
    for m in &land.mechanisms {
        if m.kind == govframe_platforms::MechanismType::Bilateral {
            assert!(m.parties.len() == 2 || m.parties.is_empty(), "{}", m.id);
        }
    }
}

/// The platform and mechanism references across the bundled documents resolve.
fn catalog_of_everything() -> govframe_schema::Catalog {
    let mut catalog = govframe_schema::Catalog::new();
    for b in govframe_itu::all() {
        let doc = govframe_schema::validate::read_str(b.json).unwrap();
        catalog.add(doc, b.file_name).unwrap();
    }
    catalog
}

#[test]
fn cross_document_references_resolve() {
    let catalog = catalog_of_everything();
    let issues: Vec<_> = catalog.check_references().into_iter().flatten().collect();
    assert!(issues.is_empty(), "{issues:#?}");
}

/// The contribution's three proposals ADD text to the 2024-2027 plan, quote the founding text,
/// and name a plan that is in a catalog holding the bundled plan.
#[test]
fn contribution_proposals_target_the_2024_2027_plan() {
    use govframe_schema::Resolved;
    let c = govframe_itu::contribution_digital_governance_platforms();
    assert_eq!(c.proposals.len(), 3);

    let mut catalog = govframe_schema::Catalog::new();
    let plan = govframe_itu::all()
        .iter()
        .find(|b| b.id == "itu-sp-2024-2027")
        .unwrap();
    catalog
        .add(
            govframe_schema::validate::read_str(plan.json).unwrap(),
            plan.file_name,
        )
        .unwrap();

    // The shared reference copy of the contribution, with its footnote markers taken out.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/reference/contribution-itu-strategic-plan-2024-2027.txt"
    );
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let original = Some(strip_footnote_markers(&raw));
    for p in &c.proposals {
        assert_eq!(
            p.marker,
            govframe_platforms::ProposalMarker::Add,
            "{}",
            p.id
        );
        // The plan's inter-sectoral objectives are not modelled (none was sourced), so the
        // proposals name the plan they amend and cite the part, rather than an entity.
        let document = p.document.as_ref().expect("every proposal names the plan");
        assert_eq!(document.as_str(), "itu-sp-2024-2027", "{}", p.id);
        assert!(catalog.get(document.as_str()).is_some(), "{}", p.id);
        assert!(
            p.provision
                .as_deref()
                .is_some_and(|x| x.contains("ITU Strategic Plan for 2024-2027")),
            "{}: {:?}",
            p.id,
            p.provision
        );
        if let Some(target) = &p.target {
            assert!(
                matches!(catalog.resolve(target), Resolved::Found { .. }),
                "{}: {target} does not resolve",
                p.id
            );
        }
        let text = p.text.as_ref().unwrap().best("en");
        if let Some(original) = &original {
            assert!(
                original.contains(text),
                "{}: not quoted verbatim: {text:?}",
                p.id
            );
            let reasons = p.reasons.as_ref().unwrap().best("en");
            assert!(original.contains(reasons), "{}: reasons not verbatim", p.id);
        }
    }
    let texts: Vec<&str> = c
        .proposals
        .iter()
        .map(|p| p.text.as_ref().unwrap().best("en"))
        .collect();
    assert!(texts[0].contains("\"inter-sectoral objectives\""));
    for framework in ["development", "accounting", "statistical", "monitoring"] {
        assert!(
            texts[1].contains(&format!("{framework} framework")),
            "{framework}"
        );
    }
    assert!(texts[2].contains("annual research reports"));

    // Background and analysis are kept, verbatim, with the footnotes.
    let ext = c
        .extensions
        .as_ref()
        .and_then(|e| e.get("org.govframe.itu"))
        .unwrap();
    for key in ["background", "analysis", "footnotes", "notes"] {
        let v = ext.get(key).and_then(|v| v.as_array()).unwrap();
        assert!(!v.is_empty(), "{key} is empty");
    }
    if let Some(original) = &original {
        for para in ext["background"]
            .as_array()
            .unwrap()
            .iter()
            .chain(ext["analysis"].as_array().unwrap())
        {
            let para = para.as_str().unwrap();
            // Footnote markers were taken out of the running text; every sentence is the
            // original's.
            for sentence in para.split(". ").filter(|s| s.len() > 20) {
                let probe: String = sentence.chars().take(60).collect();
                assert!(original.contains(&probe), "not verbatim: {probe:?}");
            }
        }
    }
}

/// Removes `[footnoteRef:N]` markers.
fn strip_footnote_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("[footnoteRef:") {
        out.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}
