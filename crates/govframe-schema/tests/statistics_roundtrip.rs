//! Serde and schema agree for the statistical kinds: generated concept schemes, codelists,
//! data structures, dataflows, datasets and indicator metadata serialize to JSON that the
//! exported schema accepts and read back equal (typed and through the `Document` union); a
//! dataset made from a cube goes back to the same cube; hand-written bad documents are
//! rejected by both serde and the schema.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::{Id, LocalizedText, Ref};
use govframe_statistics::data::{CubeBuilder, DataCube, Layout, MeasureValue, Row, Sink};
use govframe_statistics::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

fn component_id() -> impl Strategy<Value = Id> {
    "[A-Z][A-Z0-9_]{0,12}".prop_map(|s| Id::new(s).unwrap())
}

fn code_id() -> impl Strategy<Value = CodeId> {
    prop_oneof![
        "[A-Za-z0-9_@$-]{1,10}",
        "[A-Z]{1,4}\\.[A-Z0-9]{1,4}",
        "_[TZX]",
    ]
    .prop_map(|s| CodeId::new(s).unwrap())
}

fn concept_ref() -> impl Strategy<Value = Ref> {
    ("[a-z][a-z0-9-]{0,10}", "[A-Z][A-Z_]{0,10}")
        .prop_map(|(d, l)| Ref::new(format!("{d}#{l}")).unwrap())
}

fn artefact() -> impl Strategy<Value = ArtefactRef> {
    (
        "[A-Z]{2,6}",
        "[A-Z][A-Z_]{0,10}",
        option::of("[0-9]\\.[0-9](\\.[0-9])?"),
    )
        .prop_map(|(a, i, v)| ArtefactRef::from_parts(&a, &i, v.as_deref()).unwrap())
}

fn concept_scheme() -> impl Strategy<Value = ConceptScheme> {
    (
        id(),
        text(),
        option::of("[A-Z]{2,6}"),
        vec(
            (component_id(), text(), option::of(text()), option::of(id())),
            0..5,
        ),
        sources(),
    )
        .prop_map(|(id, title, agency, concepts, sources)| {
            let mut s = ConceptScheme::new(id, title);
            s.agency = agency;
            s.version = Some("1.0".into());
            s.concepts = concepts
                .into_iter()
                .map(|(id, name, description, codelist)| {
                    let mut c = Concept::new(id, name);
                    c.description = description;
                    c.codelist = codelist;
                    c
                })
                .collect();
            s.sources = sources;
            s
        })
}

fn codelist() -> impl Strategy<Value = Codelist> {
    (
        id(),
        text(),
        vec(
            (
                code_id(),
                text(),
                option::of(code_id()),
                option::of(date()),
                option::of(date()),
            ),
            0..6,
        ),
    )
        .prop_map(|(id, title, codes)| {
            let mut cl = Codelist::new(id, title);
            cl.codes = codes
                .into_iter()
                .map(|(id, name, parent, from, to)| {
                    let mut c = Code::new(id, name);
                    c.parent = parent;
                    c.valid_from = from;
                    c.valid_to = to;
                    c
                })
                .collect();
            cl
        })
}

fn role() -> impl Strategy<Value = ComponentRole> {
    prop_oneof![
        prop::sample::select(ComponentRole::KNOWN.to_vec()).prop_map(ComponentRole::from),
        "[a-z][A-Za-z]{0,10}".prop_map(|s| ComponentRole::from(s.as_str())),
    ]
}

fn text_type() -> impl Strategy<Value = TextType> {
    prop::sample::select(TextType::KNOWN.to_vec()).prop_map(TextType::from)
}

fn data_structure() -> impl Strategy<Value = DataStructure> {
    let dims = vec(
        (
            component_id(),
            option::of(concept_ref()),
            option::of(id()),
            option::of(role()),
        ),
        0..4,
    );
    let attrs = vec(
        (
            component_id(),
            option::of(concept_ref()),
            option::of(id()),
            option::of(text_type()),
            prop::sample::select(vec![
                AttachmentLevel::Dataset,
                AttachmentLevel::Group,
                AttachmentLevel::Series,
                AttachmentLevel::Observation,
            ]),
            vec(component_id(), 0..2),
            any::<bool>(),
            any::<bool>(),
        ),
        0..4,
    );
    let measures = vec(
        (component_id(), option::of(text_type()), any::<bool>()),
        0..3,
    );
    (
        id(),
        text(),
        option::of(artefact()),
        dims,
        any::<bool>(),
        measures,
        attrs,
    )
        .prop_map(|(id, title, sdmx_id, dims, time, measures, attrs)| {
            let mut d = DataStructure::new(id, title);
            d.sdmx_id = sdmx_id;
            if !time {
                d.time_dimension = None;
            }
            d.dimensions = dims
                .into_iter()
                .map(|(id, concept, codelist, role)| {
                    let mut x = Dimension::new(id);
                    x.concept = concept;
                    x.codelist = codelist;
                    x.role = role;
                    x
                })
                .collect();
            d.measures = measures
                .into_iter()
                .map(|(id, text_type, mandatory)| {
                    let mut m = Measure::new(id);
                    m.text_type = text_type;
                    if mandatory {
                        m.usage = Usage::Mandatory;
                    }
                    m
                })
                .collect();
            d.attributes = attrs
                .into_iter()
                .map(
                    |(id, concept, codelist, text_type, at, related, mandatory, multi)| {
                        let mut a = Attribute::new(id).at(at);
                        a.concept = concept;
                        a.codelist = codelist;
                        a.text_type = text_type;
                        a.related_dimensions = related;
                        a.multi_valued = multi;
                        if mandatory {
                            a = a.mandatory();
                        }
                        a
                    },
                )
                .collect();
            d
        })
}

fn dataflow() -> impl Strategy<Value = Dataflow> {
    (
        id(),
        text(),
        id(),
        option::of(artefact()),
        option::of(text()),
    )
        .prop_map(|(id, title, structure, sdmx_id, description)| {
            let mut d = Dataflow::new(id, title, structure);
            d.sdmx_id = sdmx_id;
            d.description = description;
            d
        })
}

fn gsbpm() -> impl Strategy<Value = GsbpmProcess> {
    prop::sample::select(GsbpmProcess::ALL.to_vec())
}

fn indicator_metadata() -> impl Strategy<Value = IndicatorMetadata> {
    let concepts: Vec<&'static str> = govframe_statistics::metadata::template()
        .map(|f| f.concept)
        .collect();
    (
        id(),
        text(),
        text(),
        vec((prop::sample::select(concepts), text()), 0..8),
        option::of(date()),
        vec(code_id(), 0..3),
        vec((gsbpm(), option::of(text())), 0..3),
        option::of(prop::sample::select(vec![
            ReportingType::Global,
            ReportingType::National,
        ])),
    )
        .prop_map(
            |(id, title, indicator, fields, updated, series, steps, reporting)| {
                let mut m = IndicatorMetadata::new(id, title, indicator);
                for (concept, value) in fields {
                    if concept != "META_LAST_UPDATE" {
                        m.set_concept(concept, &value);
                    }
                }
                if let Some(d) = updated {
                    m.set_concept("META_LAST_UPDATE", &LocalizedText::en(d.to_string()));
                }
                m.series = series;
                m.processes = steps
                    .into_iter()
                    .map(|(process, description)| ProcessStep {
                        process,
                        description,
                    })
                    .collect();
                m.reporting_type = reporting;
                m
            },
        )
}

/// A row for building cubes in tests.
struct TestRow {
    structure: Option<(StructureKind, String)>,
    action: Action,
    dims: Vec<String>,
    measures: Vec<Option<f64>>,
    attrs: Vec<String>,
}

impl Row for TestRow {
    fn structure(&self) -> Option<(StructureKind, &str)> {
        self.structure.as_ref().map(|(k, s)| (*k, s.as_str()))
    }
    fn action(&self) -> Action {
        self.action
    }
    fn dimension(&self, i: usize) -> &str {
        &self.dims[i]
    }
    fn measure(&self, i: usize) -> MeasureValue<'_> {
        self.measures[i].map_or(MeasureValue::Missing, MeasureValue::Number)
    }
    fn attribute(&self, i: usize) -> &str {
        &self.attrs[i]
    }
    fn line(&self) -> u64 {
        0
    }
}

fn cube() -> impl Strategy<Value = DataCube> {
    let row = (
        prop::sample::select(vec!["X:A(1.0)", "Y:B", "Z:C(2.1)"]),
        prop::sample::select(vec![Action::Information, Action::Replace, Action::Delete]),
        vec("[A-Z]{0,3}|20[0-2][0-9]", 3),
        vec(
            option::of(prop_oneof![
                -1.0e12..1.0e12f64,
                (0i32..100).prop_map(f64::from)
            ]),
            1,
        ),
        vec("\\PC{0,6}", 2),
    );
    vec(row, 0..30).prop_map(|rows| {
        let layout = Layout {
            dimensions: vec![
                "REF_AREA".parse().unwrap(),
                "SEX".parse().unwrap(),
                "TIME_PERIOD".parse().unwrap(),
            ],
            time_dimension: Some(2),
            measures: vec![govframe_statistics::data::MeasureSpec {
                id: "OBS_VALUE".parse().unwrap(),
                kind: govframe_statistics::data::MeasureKind::Numeric,
            }],
            attributes: vec![
                govframe_statistics::data::AttributeSpec {
                    id: "OBS_STATUS".parse().unwrap(),
                    form: govframe_statistics::data::ValueForm::Single,
                },
                govframe_statistics::data::AttributeSpec {
                    id: "COMMENT".parse().unwrap(),
                    form: govframe_statistics::data::ValueForm::Multi,
                },
            ],
            sub_separator: ';',
        };
        let mut b = CubeBuilder::default();
        b.start(&layout).unwrap();
        for (s, action, dims, measures, attrs) in rows {
            let mut attrs = attrs;
            // A multi-valued value that reads back as written (no lone quotes).
            attrs[1] = govframe_statistics::data::join_values(
                &govframe_statistics::data::split_values(&attrs[1].replace('"', ""), ';'),
                ';',
            );
            b.row(&TestRow {
                structure: Some((StructureKind::Dataflow, s.to_owned())),
                action,
                dims,
                measures,
                attrs,
            })
            .unwrap();
        }
        b.finish().unwrap();
        b.finish_cube()
    })
}

mod common;
use common::check;
use common::strategies::{date, id, sources, text};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn concept_scheme_roundtrips(v in concept_scheme()) { check(&v)?; }

    #[test]
    fn codelist_roundtrips(v in codelist()) { check(&v)?; }

    #[test]
    fn data_structure_roundtrips(v in data_structure()) { check(&v)?; }

    #[test]
    fn dataflow_roundtrips(v in dataflow()) { check(&v)?; }

    #[test]
    fn indicator_metadata_roundtrips(v in indicator_metadata()) { check(&v)?; }

    #[test]
    fn summary_of_a_cube_roundtrips(c in cube()) {
        let summary = govframe_statistics::describe(&c, None, None);
        let d = govframe_statistics::DatasetSummary::new(
            "ds-summary".parse().unwrap(), "ds.csv", "sdmx-csv", summary);
        prop_assert!(govframe_core::Validate::validate(&d).is_empty());
        check(&d)?;
    }

    #[test]
    fn dataset_from_a_cube_roundtrips(c in cube()) {
        let d = Dataset::from_cube(&c, "ds".parse().unwrap(), LocalizedText::en("Data"));
        check(&d)?;
        // The dataset goes back to the same cube.
        let back = DataCube::read(|s| govframe_statistics::io::dataset_json::push(&d, "ds.json", s)).unwrap();
        prop_assert!(back == c);
        // And the streaming writer writes the same document.
        let mut out = Vec::new();
        let mut w = govframe_statistics::io::dataset_json::Writer::new(
            &mut out,
            "ds.json",
            govframe_statistics::io::dataset_json::WriteOptions {
                id: "ds".parse().unwrap(),
                title: LocalizedText::en("Data"),
                structure: None,
                dataflow: None,
                process: None,
            },
        );
        c.write_to(&mut w).unwrap();
        let streamed: Dataset = serde_json::from_slice(&out).unwrap();
        prop_assert_eq!(streamed, d);
    }
}

#[test]
fn example_documents_are_valid() {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data"));
    for name in [
        "demo-concepts.json",
        "demo-codelist-indicator.json",
        "demo-dsd-ict.json",
        "demo-dataflow-ict.json",
        "demo-dataset-ict.json",
        "demo-indicator-metadata.json",
    ] {
        let outcome = govframe_schema::validate::validate_file(&dir.join(name));
        assert!(outcome.report.valid, "{name}: {:#?}", outcome.report.issues);
    }
}

#[test]
fn bad_documents_are_rejected_by_serde_and_schema() {
    let bad = [
        // Unknown field.
        (
            "codelist",
            r#"{"kind":"codelist","specVersion":"1.0","id":"c","title":{"en":"C"},"codes":[{"id":"A","name":{"en":"a"},"colour":"red"}]}"#,
        ),
        // A code with a space.
        (
            "codelist",
            r#"{"kind":"codelist","specVersion":"1.0","id":"c","title":{"en":"C"},"codes":[{"id":"A B","name":{"en":"a"}}]}"#,
        ),
        // A code starting with a dot.
        (
            "codelist",
            r#"{"kind":"codelist","specVersion":"1.0","id":"c","title":{"en":"C"},"codes":[{"id":".A","name":{"en":"a"}}]}"#,
        ),
        // A bad attachment level.
        (
            "dataStructure",
            r#"{"kind":"dataStructure","specVersion":"1.0","id":"d","title":{"en":"D"},"attributes":[{"id":"A","attachment":"table"}]}"#,
        ),
        // A bad SDMX id.
        (
            "dataStructure",
            r#"{"kind":"dataStructure","specVersion":"1.0","id":"d","title":{"en":"D"},"sdmxId":"NA_MAIN"}"#,
        ),
        // A dataflow without structure.
        (
            "dataflow",
            r#"{"kind":"dataflow","specVersion":"1.0","id":"f","title":{"en":"F"}}"#,
        ),
        // An observation with an unknown field.
        (
            "dataset",
            r#"{"kind":"dataset","specVersion":"1.0","id":"d","title":{"en":"D"},"dimensions":["A"],"observations":[{"key":["x"],"value":1}]}"#,
        ),
        // A measure value that is an object.
        (
            "dataset",
            r#"{"kind":"dataset","specVersion":"1.0","id":"d","title":{"en":"D"},"dimensions":["A"],"measures":["M"],"observations":[{"key":["x"],"values":[{"v":1}]}]}"#,
        ),
        // A bad action.
        (
            "dataset",
            r#"{"kind":"dataset","specVersion":"1.0","id":"d","title":{"en":"D"},"dimensions":["A"],"action":"upsert"}"#,
        ),
        // A GSBPM process that does not exist.
        (
            "indicatorMetadata",
            r#"{"kind":"indicatorMetadata","specVersion":"1.0","id":"m","title":{"en":"M"},"indicatorInformation":{},"processes":[{"process":"9.1"}]}"#,
        ),
        // A bad metadata update date.
        (
            "indicatorMetadata",
            r#"{"kind":"indicatorMetadata","specVersion":"1.0","id":"m","title":{"en":"M"},"indicatorInformation":{"metadataUpdate":"2022-13-01"}}"#,
        ),
        // An unknown template field.
        (
            "indicatorMetadata",
            r#"{"kind":"indicatorMetadata","specVersion":"1.0","id":"m","title":{"en":"M"},"indicatorInformation":{"SDG_GOAL":{"en":"x"}}}"#,
        ),
        // A bad reporting type.
        (
            "indicatorMetadata",
            r#"{"kind":"indicatorMetadata","specVersion":"1.0","id":"m","title":{"en":"M"},"indicatorInformation":{},"reportingType":"X"}"#,
        ),
    ];
    for (kind, text) in bad {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let schema = govframe_schema::validate::schema_issues(kind, &value).unwrap();
        assert!(!schema.is_empty(), "the schema accepts {text}");
        assert!(
            govframe_schema::validate::read_str(text).is_err(),
            "serde accepts {text}"
        );
    }
}

#[test]
fn semantic_rules_fire() {
    let rules = |text: &str| -> Vec<String> {
        let outcome = govframe_schema::validate::validate_str(text, "t.json");
        outcome
            .report
            .issues
            .iter()
            .map(|i| i.rule.clone())
            .collect()
    };
    let r = rules(
        r#"{"kind":"dataStructure","specVersion":"1.0","id":"d","title":{"en":"D"},
        "dimensions":[{"id":"A"},{"id":"TIME_PERIOD"}],"timeDimension":{"id":"A"},
        "attributes":[{"id":"S","attachment":"group"},{"id":"T","relatedDimensions":["A"]},
                      {"id":"U","attachment":"group","relatedDimensions":["Q"]}]}"#,
    );
    for rule in [
        "statistics.structure.duplicate-id",
        "statistics.structure.no-measure",
        "statistics.structure.time-not-last",
        "statistics.structure.group-without-dimensions",
        "statistics.structure.related-dimensions",
        "statistics.structure.unknown-dimension",
    ] {
        assert!(r.iter().any(|x| x == rule), "{rule} not in {r:?}");
    }
    let r = rules(
        r#"{"kind":"codelist","specVersion":"1.0","id":"c","title":{"en":"C"},"codes":[
        {"id":"A","name":{"en":"a"},"parent":"B"},{"id":"B","name":{"en":"b"},"parent":"A"},
        {"id":"A","name":{"en":"a2"}},{"id":"C","name":{"en":"c"},"parent":"Z",
         "validFrom":"2020-01-01","validTo":"2019-01-01"}]}"#,
    );
    for rule in [
        "statistics.codelist.duplicate-code",
        "statistics.codelist.parent-cycle",
        "statistics.codelist.unknown-parent",
        "statistics.codelist.validity-range",
    ] {
        assert!(r.iter().any(|x| x == rule), "{rule} not in {r:?}");
    }
    let r = rules(
        r#"{"kind":"dataset","specVersion":"1.0","id":"d","title":{"en":"D"},
        "dimensions":["A","A"],"timeDimension":"T","measures":["M"],
        "attributes":[{"id":"S"}],
        "observations":[{"key":["x"]},{"key":["x","y"],"values":[1,2]},
                        {"key":["x","y"],"attributes":[["a"],"b"]},{"key":["x","y"]}],
        "labels":{"Q":{"a":"b"}}}"#,
    );
    for rule in [
        "statistics.dataset.duplicate-component",
        "statistics.dataset.unknown-time-dimension",
        "statistics.dataset.key-length",
        "statistics.dataset.too-many-values",
        "statistics.dataset.too-many-attributes",
        "statistics.dataset.attribute-form",
        "statistics.dataset.duplicate-key",
        "statistics.dataset.unknown-label-dimension",
    ] {
        assert!(r.iter().any(|x| x == rule), "{rule} not in {r:?}");
    }
    let r = rules(
        r#"{"kind":"indicatorMetadata","specVersion":"1.0","id":"m","title":{"en":"M"},
        "indicatorInformation":{},"definition":{},"series":["A","A"],
        "processes":[{"process":"5.3"},{"process":"5.3"}]}"#,
    );
    for rule in [
        "statistics.metadata.missing-indicator",
        "statistics.metadata.empty-section",
        "statistics.metadata.section-missing",
        "statistics.metadata.duplicate-series",
        "statistics.metadata.duplicate-process",
    ] {
        assert!(r.iter().any(|x| x == rule), "{rule} not in {r:?}");
    }
    let r = rules(
        r#"{"kind":"conceptScheme","specVersion":"1.0","id":"s","title":{"en":"S"},"concepts":[
        {"id":"A","name":{"en":"a"},"parent":"Q"},{"id":"A","name":{"en":"a"}}]}"#,
    );
    assert!(
        r.iter().any(|x| x == "statistics.concept.duplicate-id"),
        "{r:?}"
    );
    assert!(
        r.iter().any(|x| x == "statistics.concept.unknown-parent"),
        "{r:?}"
    );
    let r = rules(
        r#"{"kind":"dataflow","specVersion":"1.0","id":"f","title":{"en":"F"},"structure":"f"}"#,
    );
    assert_eq!(r, ["statistics.dataflow.self-structure"]);
}
