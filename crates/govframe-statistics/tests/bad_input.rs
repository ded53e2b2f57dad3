//! Bad input is reported with file, line (row) and column, never a panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use govframe_core::{LocalizedText, Severity};
use govframe_statistics::data::{CubeBuilder, DataCube};
use govframe_statistics::io::{
    Discard, DuplicateCheck, Format, ReadOptions, read_format, sdmx_csv, sdmx_json,
};
use govframe_statistics::{
    Code, Codelist, DataStructure, Dimension, Error, Measure, Problem, check,
};

const HEAD: &str = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n";

fn read_csv(text: &[u8]) -> Result<DataCube, Error> {
    DataCube::read(|s| sdmx_csv::read(text, "bad.csv", &ReadOptions::default(), s))
}

fn place(e: &Error) -> (String, Option<u64>, Option<u64>) {
    let at = e.location().unwrap_or_else(|| panic!("no location: {e}"));
    (at.file.clone(), at.line, at.column)
}

#[test]
fn too_many_fields() {
    let text =
        format!("{HEAD}dataflow,X:Y(1.0),I,KEN,2020,1,A\ndataflow,X:Y(1.0),I,KEN,2021,2,A,extra\n");
    let e = read_csv(text.as_bytes()).unwrap_err();
    assert!(matches!(
        e.problem(),
        Some(Problem::TooManyFields {
            expected: 7,
            found: 8
        })
    ));
    assert_eq!(place(&e), ("bad.csv".into(), Some(3), Some(8)));
    assert!(
        e.to_string().starts_with("bad.csv: line 3, column 8"),
        "{e}"
    );
}

#[test]
fn too_few_fields() {
    let text = format!("{HEAD}dataflow,X:Y(1.0),I,KEN,2020\n");
    let e = read_csv(text.as_bytes()).unwrap_err();
    assert!(matches!(
        e.problem(),
        Some(Problem::TooFewFields {
            expected: 7,
            found: 5
        })
    ));
    assert_eq!(place(&e), ("bad.csv".into(), Some(2), Some(6)));
}

#[test]
fn unterminated_quote() {
    let text = format!(
        "{HEAD}dataflow,X:Y(1.0),I,KEN,2020,1,A\ndataflow,X:Y(1.0),I,KEN,2021,2,\"never closed\n"
    );
    let e = read_csv(text.as_bytes()).unwrap_err();
    assert_eq!(e.problem(), Some(&Problem::UnterminatedQuote));
    assert_eq!(place(&e), ("bad.csv".into(), Some(3), Some(7)));
}

#[test]
fn invalid_utf8() {
    let mut text = HEAD.as_bytes().to_vec();
    text.extend_from_slice(
        b"dataflow,X:Y(1.0),I,KEN,2020,1,A\ndataflow,X:Y(1.0),I,K\xE9N,2021,2,A\n",
    );
    let e = read_csv(&text).unwrap_err();
    assert_eq!(e.problem(), Some(&Problem::InvalidUtf8));
    assert_eq!(place(&e), ("bad.csv".into(), Some(3), Some(4)));
}

#[test]
fn non_numeric_measure() {
    let text =
        format!("{HEAD}dataflow,X:Y(1.0),I,KEN,2020,1.5,A\ndataflow,X:Y(1.0),I,KEN,2021,n/a,A\n");
    let e = read_csv(text.as_bytes()).unwrap_err();
    assert_eq!(e.problem(), Some(&Problem::NonNumericMeasure("n/a".into())));
    assert_eq!(place(&e), ("bad.csv".into(), Some(3), Some(6)));
    assert_eq!(e.location().unwrap().field.as_deref(), Some("OBS_VALUE"));
    // With a structure, the measure is numeric from the first row.
    let mut dsd = DataStructure::new("d".parse().unwrap(), LocalizedText::en("d"));
    dsd.dimensions
        .push(Dimension::new("REF_AREA".parse().unwrap()));
    dsd.measures
        .push(Measure::new("OBS_VALUE".parse().unwrap()));
    let text = format!("{HEAD}dataflow,X:Y(1.0),I,KEN,2020,abc,A\n");
    let options = ReadOptions {
        structure: Some(dsd),
        ..ReadOptions::default()
    };
    let e =
        DataCube::read(|s| sdmx_csv::read(text.as_bytes(), "bad.csv", &options, s)).unwrap_err();
    assert_eq!(place(&e), ("bad.csv".into(), Some(2), Some(6)));
    // Infinity is not a finite number.
    let text = format!("{HEAD}dataflow,X:Y(1.0),I,KEN,2020,inf,A\n");
    let e = read_csv(text.as_bytes()).unwrap_err();
    assert!(matches!(e.problem(), Some(Problem::NonFiniteMeasure(_))));
}

#[test]
fn bad_action_and_structure_id() {
    let text = format!("{HEAD}dataflow,X:Y(1.0),Z,KEN,2020,1,A\n");
    let e = read_csv(text.as_bytes()).unwrap_err();
    assert_eq!(place(&e), ("bad.csv".into(), Some(2), Some(3)));
    let text = format!("{HEAD}dataflow,not an id,I,KEN,2020,1,A\n");
    let e = read_csv(text.as_bytes()).unwrap_err();
    assert_eq!(place(&e), ("bad.csv".into(), Some(2), Some(2)));
    let text = format!("{HEAD}table,X:Y(1.0),I,KEN,2020,1,A\n");
    let e = read_csv(text.as_bytes()).unwrap_err();
    assert_eq!(place(&e), ("bad.csv".into(), Some(2), Some(1)));
}

#[test]
fn duplicate_key_while_streaming() {
    let text = format!(
        "{HEAD}dataflow,X:Y(1.0),I,KEN,2020,1,A\ndataflow,X:Y(1.0),I,UGA,2020,2,A\ndataflow,X:Y(1.0),I,KEN,2020,3,A\n"
    );
    let mut sink = DuplicateCheck::new(Discard, "bad.csv");
    let e = sdmx_csv::read(
        text.as_bytes(),
        "bad.csv",
        &ReadOptions::default(),
        &mut sink,
    )
    .unwrap_err();
    assert_eq!(
        e.problem(),
        Some(&Problem::DuplicateKey {
            key: String::new(),
            first_line: 2
        })
    );
    assert_eq!(e.location().unwrap().line, Some(4));
    assert!(
        e.to_string().contains("line 4") && e.to_string().contains("already at line 2"),
        "{e}"
    );
    // Three uses of one key and two of another: the first repeat in file order is named.
    let text = format!(
        "{HEAD}dataflow,X:Y(1.0),I,UGA,2020,1,A\ndataflow,X:Y(1.0),I,KEN,2020,1,A\n\
         dataflow,X:Y(1.0),I,KEN,2020,2,A\ndataflow,X:Y(1.0),I,UGA,2020,3,A\n\
         dataflow,X:Y(1.0),I,KEN,2020,3,A\n"
    );
    let mut sink = DuplicateCheck::new(Discard, "bad.csv");
    let e = sdmx_csv::read(
        text.as_bytes(),
        "bad.csv",
        &ReadOptions::default(),
        &mut sink,
    )
    .unwrap_err();
    assert_eq!(e.location().unwrap().line, Some(4));
    assert!(matches!(
        e.problem(),
        Some(Problem::DuplicateKey { first_line: 3, .. })
    ));
    // Delete rows may repeat a key.
    let text = format!("{HEAD}dataflow,X:Y(1.0),I,KEN,2020,1,A\ndataflow,X:Y(1.0),D,KEN,2020,,\n");
    let mut sink = DuplicateCheck::new(CubeBuilder::default(), "ok.csv");
    sdmx_csv::read(
        text.as_bytes(),
        "ok.csv",
        &ReadOptions::default(),
        &mut sink,
    )
    .unwrap();
    assert_eq!(sink.into_inner().finish_cube().len(), 2);
}

#[test]
fn unknown_dimension_value_and_duplicates_in_check() {
    let mut dsd = DataStructure::new("dsd".parse().unwrap(), LocalizedText::en("d"));
    dsd.dimensions
        .push(Dimension::new("REF_AREA".parse().unwrap()).coded("cl-area".parse().unwrap()));
    dsd.measures
        .push(Measure::new("OBS_VALUE".parse().unwrap()));
    let mut cl = Codelist::new("cl-area".parse().unwrap(), LocalizedText::en("Areas"));
    for c in ["KEN", "UGA"] {
        cl.codes
            .push(Code::new(c.parse().unwrap(), LocalizedText::en(c)));
    }
    let text = format!(
        "{HEAD}dataflow,X:Y(1.0),I,KEN,2020,1,A\ndataflow,X:Y(1.0),I,KSO,2020,2,A\n\
         dataflow,X:Y(1.0),I,KEN,2020,3,A\ndataflow,X:Y(1.0),I,KSO,2021,3,A\n"
    );
    let cube = read_csv(text.as_bytes()).unwrap();
    let issues = check(&cube, &dsd, &[cl]);
    let unknown = issues
        .iter()
        .find(|i| i.rule == "statistics.check.unknown-code")
        .unwrap();
    assert_eq!((unknown.line, unknown.column), (Some(3), Some(4)));
    assert_eq!(unknown.path, "/observations/1/key/0");
    assert!(unknown.message.contains("\"KSO\"") && unknown.message.contains("2 row(s)"));
    let dup = issues
        .iter()
        .find(|i| i.rule == "statistics.check.duplicate-key")
        .unwrap();
    assert_eq!((dup.line, dup.column), (Some(4), Some(5)));
    assert!(dup.message.contains("line 2"), "{}", dup.message);
    assert!(issues.iter().all(|i| i.severity != Severity::Info));
}

#[test]
fn time_values_are_checked_against_the_frequency() {
    let mut dsd = DataStructure::new("dsd".parse().unwrap(), LocalizedText::en("d"));
    dsd.dimensions.push(Dimension::new("FREQ".parse().unwrap()));
    dsd.dimensions
        .push(Dimension::new("REF_AREA".parse().unwrap()));
    dsd.measures
        .push(Measure::new("OBS_VALUE".parse().unwrap()));
    let text = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE\n\
                dataflow,X:Y(1.0),I,A,KEN,2020,1\n\
                dataflow,X:Y(1.0),I,A,KEN,2021-03,2\n\
                dataflow,X:Y(1.0),I,M,KEN,2021-03,2\n\
                dataflow,X:Y(1.0),I,Q,KEN,2021-Q5,2\n";
    let cube = read_csv(text.as_bytes()).unwrap();
    let issues = check(&cube, &dsd, &[]);
    let rules: Vec<(&str, Option<u64>)> =
        issues.iter().map(|i| (i.rule.as_str(), i.line)).collect();
    assert_eq!(
        rules,
        [
            ("statistics.check.invalid-time", Some(5)),
            ("statistics.check.time-frequency", Some(3)),
        ]
    );
}

#[test]
fn not_sdmx_and_empty_files() {
    let e = read_csv(b"A,B\n1,2\n").unwrap_err();
    assert!(e.to_string().contains("not SDMX-CSV"), "{e}");
    let e = read_csv(b"").unwrap_err();
    assert!(e.location().is_some());
    let e = DataCube::read(|s| sdmx_json::read(&b"{\"data\": "[..], "x.json", s)).unwrap_err();
    assert!(matches!(e.problem(), Some(Problem::Json(_))));
    assert_eq!(e.location().unwrap().line, Some(1));
    let e = DataCube::read(|s| sdmx_json::read(&b"[1]"[..], "x.json", s)).unwrap_err();
    assert!(matches!(e.problem(), Some(Problem::UnsupportedLayout(_))));
}

#[test]
fn tabular_errors() {
    let text = "Country Name,Country Code,Year,Value\nKenya,KEN,2020,1.5\nKenya,KEN,2021,x\n";
    let e = DataCube::read(|s| {
        read_format(
            Format::WdiCsv,
            text.as_bytes(),
            "wdi-x.csv",
            &ReadOptions::default(),
            s,
        )
    })
    .unwrap_err();
    assert_eq!(place(&e), ("wdi-x.csv".into(), Some(3), Some(4)));
    let e = DataCube::read(|s| {
        read_format(
            Format::WdiCsv,
            &b"Name,Code\n"[..],
            "wdi-x.csv",
            &ReadOptions::default(),
            s,
        )
    })
    .unwrap_err();
    assert!(matches!(e.problem(), Some(Problem::MissingColumn(c)) if c == "Country Code"));
}

#[test]
fn hostile_inputs_do_not_panic() {
    let samples: &[&[u8]] = &[
        b"STRUCTURE",
        b"STRUCTURE[",
        b"STRUCTURE[;],\n",
        b"STRUCTURE,STRUCTURE_ID\n\"",
        b"DATAFLOW,X\n,,,,,,\n",
        b"STRUCTURE,STRUCTURE_ID,ACTION,A,A\n",
        b"STRUCTURE,STRUCTURE_ID,ACTION,\n",
        b"STRUCTURE,STRUCTURE_ID,ACTION,OBS_VALUE\ndataflow,A:B,I,\"1\"x\n",
        b"\xEF\xBB\xBF",
        b"\r\n\r\n",
    ];
    for s in samples {
        let _ = read_csv(s);
        for f in [
            Format::ItuDatahub,
            Format::WdiCsv,
            Format::SdmxJson,
            Format::DatasetJson,
        ] {
            let _ = DataCube::read(|sink| read_format(f, *s, "h", &ReadOptions::default(), sink));
        }
    }
}

/// Inputs larger than the read buffer are tokenized on a second thread; errors keep their
/// places and the rows before them are delivered in order.
#[test]
fn errors_deep_in_large_inputs() {
    let mut text = String::from(HEAD);
    for i in 0..60_000 {
        text.push_str(&format!(
            "dataflow,X:Y(1.0),I,A{},{},{}.25,A\n",
            i % 500,
            1900 + i / 500,
            i
        ));
    }
    let good_lines = 60_001u64;
    for (bad, problem_line, column) in [
        (
            "dataflow,X:Y(1.0),I,KEN,2020,1,A,extra\n",
            good_lines + 1,
            8,
        ),
        ("dataflow,X:Y(1.0),I,KEN,2020,oops,A\n", good_lines + 1, 6),
        ("dataflow,X:Y(1.0),I,KEN,2020,\"1\n", good_lines + 1, 6),
    ] {
        let input = format!("{text}{bad}dataflow,X:Y(1.0),I,KEN,2021,1,A\n");
        assert!(input.len() > 2 << 20);
        let e = read_csv(input.as_bytes()).unwrap_err();
        assert_eq!(
            place(&e),
            ("bad.csv".into(), Some(problem_line), Some(column)),
            "{bad}: {e}"
        );
    }
    let mut bytes = text.clone().into_bytes();
    bytes.extend_from_slice(b"dataflow,X:Y(1.0),I,\xC3\x28,2020,1,A\n");
    let e = read_csv(&bytes).unwrap_err();
    assert_eq!(e.problem(), Some(&Problem::InvalidUtf8));
    assert_eq!(place(&e), ("bad.csv".into(), Some(good_lines + 1), Some(4)));
    let cube = read_csv(text.as_bytes()).unwrap();
    assert_eq!(cube.len(), 60_000);
    assert_eq!(cube.line(59_999), good_lines);
    assert_eq!(cube.dimension(59_999, 0), "A499");
}
