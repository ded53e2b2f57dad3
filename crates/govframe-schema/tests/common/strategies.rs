//! Property-test strategies for the values every document kind shares: ids, references,
//! localized text, dates and sources.

use govframe_core::{Date, Id, LocalizedText, Ref, Source};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// An id of up to 21 characters.
pub fn id() -> impl Strategy<Value = Id> {
    "[A-Za-z0-9][A-Za-z0-9._:-]{0,20}".prop_map(|s| Id::new(s).unwrap())
}

/// A reference, local (`goal-1`) or into another document (`plan#goal-1`).
pub fn reference() -> impl Strategy<Value = Ref> {
    (
        option::of("[a-z][a-z0-9-]{0,10}"),
        "[a-z0-9][a-z0-9.-]{0,10}",
    )
        .prop_map(|(d, l)| {
            Ref::new(match d {
                Some(d) => format!("{d}#{l}"),
                None => l,
            })
            .unwrap()
        })
}

/// Text in one to three of seven languages, any printable characters.
pub fn text() -> impl Strategy<Value = LocalizedText> {
    let langs = prop::sample::subsequence(
        vec!["en", "fr", "ar", "zh-Hans", "es-419", "ru", "sw"],
        1..4,
    );
    (langs, vec("\\PC{1,24}", 4)).prop_map(|(langs, texts)| {
        let mut t = LocalizedText::new(langs[0], texts[0].clone()).unwrap();
        for (l, x) in langs.iter().zip(texts.iter()).skip(1) {
            t = t.with(l, x.clone()).unwrap();
        }
        t
    })
}

/// A date from 1900 to 2099.
pub fn date() -> impl Strategy<Value = Date> {
    (1900i32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
}

/// Zero or one source, with or without URL, publisher, date and locator.
pub fn sources() -> impl Strategy<Value = Vec<Source>> {
    vec(
        (
            "\\PC{1,30}",
            option::of("[a-z]{1,10}"),
            option::of("\\PC{1,10}"),
            option::of(date()),
            option::of("§[0-9]{1,2}"),
        )
            .prop_map(|(title, host, publisher, date, locator)| Source {
                title,
                url: host.map(|h| format!("https://{h}.example.org/doc").parse().unwrap()),
                publisher,
                date,
                locator,
            }),
        0..2,
    )
}
