//! Reference areas: which codes are countries (ISO 3166-1 alpha-3, from a country-code
//! file the caller supplies), which are regional or income aggregates, which are unknown.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;

use serde::Serialize;

use super::tokenizer::Tokenizer;
use crate::error::{Location, Problem};
use crate::{Error, Result};

/// Aggregate codes of the World Bank's World Development Indicators (regions, income groups,
/// lending groups, demographic-dividend groups, small states…) and the six ITU-D regions.
pub const AGGREGATES: &[(&str, &str)] = &[
    ("AFE", "Africa Eastern and Southern"),
    ("AFW", "Africa Western and Central"),
    ("ARB", "Arab World"),
    ("CEB", "Central Europe and the Baltics"),
    ("CSS", "Caribbean small states"),
    ("EAP", "East Asia & Pacific (excluding high income)"),
    ("EAR", "Early-demographic dividend"),
    ("EAS", "East Asia & Pacific"),
    ("ECA", "Europe & Central Asia (excluding high income)"),
    ("ECS", "Europe & Central Asia"),
    ("EMU", "Euro area"),
    ("EUU", "European Union"),
    ("FCS", "Fragile and conflict affected situations"),
    ("HIC", "High income"),
    ("HPC", "Heavily indebted poor countries (HIPC)"),
    ("IBD", "IBRD only"),
    ("IBT", "IDA & IBRD total"),
    ("IDA", "IDA total"),
    ("IDB", "IDA blend"),
    ("IDX", "IDA only"),
    ("INX", "Not classified"),
    ("LAC", "Latin America & Caribbean (excluding high income)"),
    ("LCN", "Latin America & Caribbean"),
    ("LDC", "Least developed countries: UN classification"),
    ("LIC", "Low income"),
    ("LMC", "Lower middle income"),
    ("LMY", "Low & middle income"),
    ("LTE", "Late-demographic dividend"),
    ("MEA", "Middle East, North Africa, Afghanistan & Pakistan"),
    ("MIC", "Middle income"),
    (
        "MNA",
        "Middle East, North Africa, Afghanistan & Pakistan (excluding high income)",
    ),
    ("NAC", "North America"),
    ("OED", "OECD members"),
    ("OSS", "Other small states"),
    ("PRE", "Pre-demographic dividend"),
    ("PSS", "Pacific island small states"),
    ("PST", "Post-demographic dividend"),
    ("SAS", "South Asia"),
    ("SSA", "Sub-Saharan Africa (excluding high income)"),
    ("SSF", "Sub-Saharan Africa"),
    ("SST", "Small states"),
    ("TEA", "East Asia & Pacific (IDA & IBRD countries)"),
    ("TEC", "Europe & Central Asia (IDA & IBRD countries)"),
    (
        "TLA",
        "Latin America & the Caribbean (IDA & IBRD countries)",
    ),
    (
        "TMN",
        "Middle East, North Africa, Afghanistan & Pakistan (IDA & IBRD)",
    ),
    ("TSA", "South Asia (IDA & IBRD)"),
    ("TSS", "Sub-Saharan Africa (IDA & IBRD countries)"),
    ("UMC", "Upper middle income"),
    ("WLD", "World"),
    ("AFR", "ITU-D region: Africa"),
    ("AMS", "ITU-D region: Americas"),
    ("ASP", "ITU-D region: Asia and the Pacific"),
    ("CIS", "ITU-D region: Commonwealth of Independent States"),
    ("EUR", "ITU-D region: Europe"),
];

/// What an area code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AreaClass {
    /// An ISO 3166-1 alpha-3 country or territory.
    Country,
    /// A regional, income or other aggregate.
    Aggregate,
    /// Neither (e.g. `XKX` Kosovo, `CHI` Channel Islands, old codes such as `ANT`).
    Unknown,
}

/// Tells countries from aggregates and unknown codes.
///
/// ```
/// use govframe_statistics::io::{AreaClass, AreaClassifier};
/// let c = AreaClassifier::from_codes(["KEN", "FRA"]);
/// assert_eq!(c.classify("KEN"), AreaClass::Country);
/// assert_eq!(c.classify("WLD"), AreaClass::Aggregate);
/// assert_eq!(c.classify("XKX"), AreaClass::Unknown);
/// ```
#[derive(Debug, Clone, Default)]
pub struct AreaClassifier {
    countries: HashSet<String>,
}

impl AreaClassifier {
    /// A classifier that knows these country codes.
    pub fn from_codes<S: Into<String>>(codes: impl IntoIterator<Item = S>) -> Self {
        Self {
            countries: codes.into_iter().map(Into::into).collect(),
        }
    }

    /// Reads the country codes from a CSV file with an ISO alpha-3 column: the
    /// `datasets/country-codes` file (`ISO3166-1-Alpha-3`) or the UNSD M49 overview
    /// (`ISO-alpha3 Code`, `;`-separated). O(file size).
    pub fn from_csv<R: Read>(src: R, file: &str) -> Result<Self> {
        let mut tok = Tokenizer::new(src, file, b',');
        let sep = super::tokenizer::sniff_separator(tok.peek(4096)?);
        tok.set_separator(sep);
        let Some(header) = tok.next_record()? else {
            return Err(Error::input(Location::file(file), Problem::NoHeader));
        };
        let column = (0..header.len())
            .find(|&i| {
                let h = header.field(i).trim();
                h.eq_ignore_ascii_case("ISO3166-1-Alpha-3")
                    || h.eq_ignore_ascii_case("ISO-alpha3 Code")
                    || h.eq_ignore_ascii_case("alpha-3")
            })
            .ok_or_else(|| {
                Error::input(
                    Location::file(file),
                    Problem::MissingColumn("ISO3166-1-Alpha-3".into()),
                )
            })?;
        let mut countries = HashSet::new();
        while let Some(rec) = tok.next_record()? {
            let code = rec.field(column).trim();
            if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
                countries.insert(code.to_owned());
            }
        }
        Ok(Self { countries })
    }

    /// Number of country codes known.
    pub fn len(&self) -> usize {
        self.countries.len()
    }

    /// Whether no country code is known.
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty()
    }

    /// What `code` is. O(1).
    pub fn classify(&self, code: &str) -> AreaClass {
        if self.countries.contains(code) {
            AreaClass::Country
        } else if AGGREGATES.iter().any(|(c, _)| *c == code) {
            AreaClass::Aggregate
        } else {
            AreaClass::Unknown
        }
    }
}

/// An area that is not a country, with its name and number of rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AreaNote {
    /// The code.
    pub code: String,
    /// Its name in the file, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Rows with this area.
    pub rows: u64,
}

/// Areas seen in a file, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AreaReport {
    /// Distinct area codes.
    pub areas: usize,
    /// Whether a classifier was given (otherwise only `areas` is known).
    pub classified: bool,
    /// Distinct country codes.
    pub countries: usize,
    /// Rows whose area is a country.
    pub country_rows: u64,
    /// Aggregates, by code.
    pub aggregates: Vec<AreaNote>,
    /// Unknown codes.
    pub unknown: Vec<AreaNote>,
}

/// Counts areas as rows go by; memory grows with distinct areas only.
#[derive(Debug, Default)]
pub(crate) struct AreaTracker {
    seen: BTreeMap<String, (Option<String>, u64)>,
}

impl AreaTracker {
    pub(crate) fn add(&mut self, code: &str, name: Option<&str>) {
        if let Some(entry) = self.seen.get_mut(code) {
            entry.1 += 1;
        } else {
            self.seen.insert(
                code.to_owned(),
                (name.filter(|n| !n.is_empty()).map(str::to_owned), 1),
            );
        }
    }

    pub(crate) fn report(self, classifier: Option<&AreaClassifier>) -> AreaReport {
        let mut report = AreaReport {
            areas: self.seen.len(),
            classified: classifier.is_some(),
            ..AreaReport::default()
        };
        let Some(c) = classifier else {
            return report;
        };
        for (code, (name, rows)) in self.seen {
            match c.classify(&code) {
                AreaClass::Country => {
                    report.countries += 1;
                    report.country_rows += rows;
                }
                AreaClass::Aggregate => report.aggregates.push(AreaNote { code, name, rows }),
                AreaClass::Unknown => report.unknown.push(AreaNote { code, name, rows }),
            }
        }
        report
    }
}
