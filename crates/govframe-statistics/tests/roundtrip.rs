//! SDMX-CSV written by govframe reads back to an equal data set, whatever the values hold
//! (separators, quotes, line breaks, non-ASCII text), with `,` or `;` separators and any
//! key columns; the streaming pipeline gives the same bytes as writing a cube.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::LocalizedText;
use govframe_statistics::data::{
    AttributeSpec, CubeBuilder, DataCube, Layout, MeasureKind, MeasureSpec, MeasureValue, Row,
    Sink, ValueForm,
};
use govframe_statistics::io::{DuplicateCheck, ReadOptions, sdmx_csv};
use govframe_statistics::{Action, DataStructure, StructureKind};
use proptest::prelude::*;

struct TestRow {
    structure: (StructureKind, String),
    action: Action,
    dims: Vec<String>,
    measures: Vec<Option<f64>>,
    text: Option<String>,
    attrs: Vec<String>,
}

impl Row for TestRow {
    fn structure(&self) -> Option<(StructureKind, &str)> {
        Some((self.structure.0, &self.structure.1))
    }
    fn action(&self) -> Action {
        self.action
    }
    fn dimension(&self, i: usize) -> &str {
        &self.dims[i]
    }
    fn measure(&self, i: usize) -> MeasureValue<'_> {
        if i == self.measures.len() {
            return match &self.text {
                Some(t) => MeasureValue::Text(t),
                None => MeasureValue::Missing,
            };
        }
        self.measures[i].map_or(MeasureValue::Missing, MeasureValue::Number)
    }
    fn attribute(&self, i: usize) -> &str {
        &self.attrs[i]
    }
    fn line(&self) -> u64 {
        0
    }
}

fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z]{1,3}",
        "[ -~]{0,8}",
        "\\PC{0,6}",
        Just("a,b;c".to_owned()),
        Just("say \"hi\"".to_owned()),
        Just("two\nlines".to_owned()),
        Just("crlf\r\nend".to_owned()),
        Just(" padded ".to_owned()),
        Just("-".to_owned()),
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |x| x.is_finite()),
        (-1000i32..1000).prop_map(f64::from),
        (0u32..100_000).prop_map(|x| f64::from(x) / 100.0),
    ]
}

fn layout(text_measure: bool) -> Layout {
    let mut measures = vec![MeasureSpec {
        id: "OBS_VALUE".parse().unwrap(),
        kind: MeasureKind::Numeric,
    }];
    if text_measure {
        measures.push(MeasureSpec {
            id: "COMMENT_TEXT".parse().unwrap(),
            kind: MeasureKind::Text,
        });
    }
    Layout {
        dimensions: vec![
            "REF_AREA".parse().unwrap(),
            "SERIES".parse().unwrap(),
            "TIME_PERIOD".parse().unwrap(),
        ],
        time_dimension: Some(2),
        measures,
        attributes: vec![
            AttributeSpec {
                id: "OBS_STATUS".parse().unwrap(),
                form: ValueForm::Single,
            },
            AttributeSpec {
                id: "NOTE".parse().unwrap(),
                form: ValueForm::Single,
            },
        ],
        sub_separator: ';',
    }
}

fn cube() -> impl Strategy<Value = DataCube> {
    let row = (
        prop::sample::select(vec![
            (StructureKind::Dataflow, "ESTAT:NA_MAIN(1.6.0)"),
            (StructureKind::DataStructure, "AGENCY:DF_ID"),
            (StructureKind::DataProvision, "A.B:C(1.0)"),
        ]),
        prop::sample::select(Action::ALL.to_vec()),
        proptest::collection::vec(nasty(), 3),
        proptest::option::of(number()),
        proptest::option::of("[A-Za-z][ -~]{0,6}"),
        proptest::collection::vec(nasty(), 2),
    );
    (any::<bool>(), proptest::collection::vec(row, 0..25)).prop_map(|(text_measure, rows)| {
        let layout = layout(text_measure);
        let mut b = CubeBuilder::default();
        b.start(&layout).unwrap();
        for ((kind, id), action, dims, value, text, attrs) in rows {
            b.row(&TestRow {
                structure: (kind, id.to_owned()),
                action,
                dims,
                measures: vec![value],
                text: if text_measure { text } else { None },
                attrs,
            })
            .unwrap();
        }
        b.finish().unwrap();
        b.finish_cube()
    })
}

fn write(cube: &DataCube, options: sdmx_csv::WriteOptions) -> Vec<u8> {
    let mut out = Vec::new();
    cube.write_to(&mut sdmx_csv::Writer::new(&mut out, "p.csv", options))
        .unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn sdmx_csv_round_trips(
        cube in cube(),
        semicolon in any::<bool>(),
        keys in prop::sample::select(vec![
            sdmx_csv::Keys::None, sdmx_csv::Keys::Series, sdmx_csv::Keys::Obs, sdmx_csv::Keys::Both,
        ]),
        labels in prop::sample::select(vec![
            sdmx_csv::Labels::Id, sdmx_csv::Labels::Name, sdmx_csv::Labels::Both,
        ]),
    ) {
        // With labels=both, `ID: Name` is split at the first ": ", so a value that holds
        // ": " itself cannot come back (SDMX ids never do; free text may) — nor can a text
        // measure's, which the streaming read below, having no structure, takes for an
        // attribute.
        if labels == sdmx_csv::Labels::Both {
            let has = |s: &str| s.contains(": ");
            prop_assume!((0..cube.len()).all(|r| {
                let row = cube.row(r);
                (0..cube.layout().dimensions.len()).all(|i| !has(row.dimension(i)))
                    && (0..cube.layout().attributes.len()).all(|i| !has(row.attribute(i)))
                    && (0..cube.layout().measures.len()).all(|i| {
                        !matches!(row.measure(i), MeasureValue::Text(t) if has(t))
                    })
            }));
        }
        let options = sdmx_csv::WriteOptions {
            separator: if semicolon { b';' } else { b',' },
            keys,
            labels,
            ..sdmx_csv::WriteOptions::default()
        };
        let out = write(&cube, options.clone());
        // Read back with the structure of the data: exactly the same data set.
        let structure = DataStructure::from_layout(
            "s".parse().unwrap(), LocalizedText::en("s"), cube.layout());
        let with_structure = ReadOptions { structure: Some(structure), ..ReadOptions::default() };
        let again = DataCube::read(|s| sdmx_csv::read(out.as_slice(), "p.csv", &with_structure, s))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{}", String::from_utf8_lossy(&out))))?;
        prop_assert!(again == cube, "{}", String::from_utf8_lossy(&out));
        // Without a structure, roles are guessed from the names: OBS_VALUE is a measure,
        // TIME_PERIOD time, the columns before the measure dimensions and those after it
        // attributes — right for this layout unless it has the text measure.
        if cube.layout().measures.len() == 1 {
            let guessed = DataCube::read(|s| sdmx_csv::read(out.as_slice(), "p.csv", &ReadOptions::default(), s))
                .map_err(|e| TestCaseError::fail(format!("{e}\n{}", String::from_utf8_lossy(&out))))?;
            prop_assert!(guessed == cube, "{}", String::from_utf8_lossy(&out));
        }
        // Streaming (reader → writer) writes the same bytes again.
        let mut streamed = Vec::new();
        let mut writer = sdmx_csv::Writer::new(&mut streamed, "q.csv", options);
        sdmx_csv::read(out.as_slice(), "p.csv", &ReadOptions::default(), &mut writer).unwrap();
        prop_assert_eq!(streamed, out);
    }
}

#[test]
fn streaming_convert_matches_cube_convert_and_finds_no_false_duplicates() {
    // 50 000 distinct keys through the duplicate check.
    let mut text =
        String::from("STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,SERIES,TIME_PERIOD,OBS_VALUE\n");
    for i in 0..50_000 {
        text.push_str(&format!(
            "dataflow,X:Y(1.0),I,A{},S{},{},{}.5\n",
            i % 97,
            i / 97 % 11,
            1900 + i / 1067,
            i
        ));
    }
    let mut out = Vec::new();
    let mut sink = DuplicateCheck::new(
        sdmx_csv::Writer::new(&mut out, "o.csv", Default::default()),
        "t.csv",
    );
    let report =
        sdmx_csv::read(text.as_bytes(), "t.csv", &ReadOptions::default(), &mut sink).unwrap();
    drop(sink);
    assert_eq!(report.rows, 50_000);
    let cube =
        DataCube::read(|s| sdmx_csv::read(text.as_bytes(), "t.csv", &ReadOptions::default(), s))
            .unwrap();
    assert_eq!(write(&cube, Default::default()), out);
    assert_eq!(cube.index().len(), 97 * 11);
}
