//! Landscape analysis: per theme, the mechanisms covering it, the share of countries covered,
//! the overlap of the mechanisms' parties and the fragmentation of memberships; and a
//! country × theme coverage matrix. Published as the `landscapeAnalysis` document.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use govframe_core::{
    CountryCode, DocumentMeta, Id, Issues, LocalizedText, Pointer, SpecVersion, Validate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::common::{Share, Theme, count32, derived_id};
use crate::landscape::GovernanceLandscape;

govframe_core::document_kind!(
    /// The kind tag of a landscape analysis.
    LandscapeAnalysisKind = "landscapeAnalysis"
);

/// Which countries coverage shares are measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum UniverseSource {
    /// Every country that appears as a party somewhere in the landscape.
    Landscape,
    /// A list given explicitly (the landscape's `universe`, or the caller's); parties outside
    /// it are left out of every figure.
    Explicit,
}

/// The figures of one theme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThemeAnalysis {
    /// The theme.
    pub theme: Theme,
    /// Mechanisms covering it (ids, in the landscape's order). A mechanism covers a theme
    /// when it lists the theme, or one of its instruments does.
    pub mechanisms: Vec<Id>,
    /// Countries party to at least one of them (within the universe).
    pub countries_covered: u32,
    /// `countriesCovered` / size of the universe (0 for an empty universe).
    pub coverage_share: Share,
    /// Party memberships on the theme: Σ over its mechanisms of their parties on it.
    pub memberships: u64,
    /// Pairs of mechanisms with at least one party each, over which the overlap is averaged.
    pub pairs: u64,
    /// Mean pairwise Jaccard overlap |A∩B| / |A∪B| of the mechanisms' party sets (those with
    /// at least one party); absent with fewer than two such mechanisms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_jaccard: Option<Share>,
    /// Fragmentation 1 − Σ s_m², with s_m the share of mechanism m in the theme's
    /// memberships: 0 when one mechanism holds every membership (or there are none), nearer
    /// 1 as memberships spread evenly over more mechanisms.
    pub fragmentation: Share,
}

/// One country's row of the coverage matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoverageRow {
    /// The country.
    pub country: CountryCode,
    /// Per theme (in the matrix's theme order), the number of mechanisms covering the
    /// country on it; 0 means not covered.
    pub mechanisms: Vec<u32>,
}

/// Country × theme coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoverageMatrix {
    /// The columns.
    pub themes: Vec<Theme>,
    /// One row per country of the universe, in code order.
    pub rows: Vec<CoverageRow>,
}

/// The analysis of a governance landscape, as a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(title = "LandscapeAnalysis")]
pub struct LandscapeAnalysis {
    /// Always `"landscapeAnalysis"`.
    pub kind: LandscapeAnalysisKind,
    /// Spec version.
    pub spec_version: SpecVersion,
    /// Document id.
    pub id: Id,
    /// Title.
    pub title: LocalizedText,
    /// Editor hint (never trusted).
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The landscape analysed (its document id).
    pub landscape: Id,
    /// Where the universe of countries comes from.
    pub universe_source: UniverseSource,
    /// Countries in the universe.
    pub countries: u32,
    /// Mechanisms in the landscape.
    pub mechanisms: u32,
    /// Per theme, in code order (known themes first, in their declared order).
    pub themes: Vec<ThemeAnalysis>,
    /// Country × theme coverage.
    pub matrix: CoverageMatrix,
}

impl DocumentMeta for LandscapeAnalysis {
    const KIND: &'static str = LandscapeAnalysisKind::KIND;
    fn id(&self) -> &Id {
        &self.id
    }
    fn title(&self) -> &LocalizedText {
        &self.title
    }
}

impl Validate for LandscapeAnalysis {
    /// Rules: the matrix has one row per country and one column per theme
    /// (`platforms.landscape-analysis.matrix-shape`); no theme covers more countries than
    /// the universe holds (`platforms.landscape-analysis.covered-above-universe`). O(n).
    fn validate_into(&self, issues: &mut Issues) {
        if self.matrix.rows.len() != self.countries as usize {
            issues.error(
                "platforms.landscape-analysis.matrix-shape",
                "/matrix/rows",
                format!(
                    "the matrix has {} rows for {} countries",
                    self.matrix.rows.len(),
                    self.countries
                ),
            );
        }
        let cols = self.matrix.themes.len();
        for (i, r) in self.matrix.rows.iter().enumerate() {
            if r.mechanisms.len() != cols {
                issues.error(
                    "platforms.landscape-analysis.matrix-shape",
                    Pointer::root()
                        .key("matrix")
                        .key("rows")
                        .index(i)
                        .key("mechanisms"),
                    format!("the row has {} cells for {cols} themes", r.mechanisms.len()),
                );
            }
        }
        for (i, t) in self.themes.iter().enumerate() {
            if t.countries_covered > self.countries {
                issues.error(
                    "platforms.landscape-analysis.covered-above-universe",
                    Pointer::root()
                        .key("themes")
                        .index(i)
                        .key("countriesCovered"),
                    format!(
                        "{} countries covered, but the universe has {}",
                        t.countries_covered, self.countries
                    ),
                );
            }
        }
    }
}

const SLOTS: usize = 26 * 26 * 26;

/// The slot of a country code in a 26³ lookup table.
fn slot(c: &CountryCode) -> Option<usize> {
    let b = c.as_str().as_bytes();
    let d = |i: usize| -> Option<usize> {
        let x = b.get(i)?.checked_sub(b'A')?;
        (x < 26).then_some(usize::from(x))
    };
    Some(d(0)? * 676 + d(1)? * 26 + d(2)?)
}

fn or_into(bits: &mut [u64], lut: &[u32], parties: &[CountryCode]) {
    for c in parties {
        if let Some(&i) = slot(c).and_then(|s| lut.get(s))
            && i != u32::MAX
            && let Some(w) = bits.get_mut(i as usize / 64)
        {
            *w |= 1u64 << (i % 64);
        }
    }
}

fn popcount(bits: &[u64]) -> u32 {
    bits.iter().map(|w| w.count_ones()).sum()
}

/// The party sets of the mechanisms covering one theme, as bitsets over the universe.
#[derive(Default)]
struct ThemeSets {
    mechanisms: Vec<u32>,
    counts: Vec<u32>,
    bits: Vec<u64>,
}

/// Analyses a governance landscape.
///
/// * The **universe** is `universe` when given, else the landscape's `universe` when not
///   empty, else every country appearing as a party in the landscape. Parties outside an
///   explicit universe are left out of every figure.
/// * The **parties of mechanism m on theme t** are m's `parties` when m lists t, plus the
///   parties of each of m's instruments that covers t (an instrument covers its own themes,
///   or its mechanism's when it lists none).
/// * Per theme: the mechanisms covering it; the countries party to at least one and their
///   share of the universe; the mean pairwise Jaccard overlap of the party sets (mechanisms
///   without parties on the theme, e.g. private-sector-led ones, are left out of the
///   pairs); the fragmentation 1 − Σ s_m² over the mechanisms' shares of memberships.
/// * The coverage matrix counts, per country and theme, the mechanisms covering it.
///
/// Complexity, with M mechanisms, P party entries (mechanisms and instruments), T themes,
/// n countries in the universe, w = ⌈n/64⌉ and k_t the mechanisms covering theme t:
/// O(P + Σ_t k_t·w + n·T) for everything but the overlap — linear in mechanisms × parties —
/// plus O(Σ_t k_t²·w) for the mean pairwise Jaccard overlap, which is quadratic in the
/// mechanisms per theme (bitsets with popcount keep each pair at w word operations).
/// Memory O(Σ_t k_t·w + n·T); the n·T coverage matrix is part of the result.
///
/// ```
/// use govframe_platforms::{analyze, GovernanceLandscape, Mechanism, MechanismType, Theme};
/// use govframe_core::LocalizedText;
///
/// let mut l = GovernanceLandscape::new("l".parse()?, LocalizedText::en("Demo"));
/// for (id, parties) in [("m1", ["AAA", "BBB"]), ("m2", ["BBB", "CCC"])] {
///     let mut m = Mechanism::new(id.parse()?, LocalizedText::en(id), MechanismType::Plurilateral);
///     m.themes = vec![Theme::DataGovernance];
///     m.parties = parties.iter().map(|c| c.parse()).collect::<Result<_, _>>()?;
///     l.mechanisms.push(m);
/// }
/// let a = analyze(&l, None);
/// let t = &a.themes[0];
/// assert_eq!(t.countries_covered, 3);
/// assert_eq!(t.mean_jaccard.map(|j| j.get()), Some(1.0 / 3.0));
/// assert_eq!(t.fragmentation.get(), 0.5);
/// assert_eq!(a.matrix.rows[1].mechanisms, vec![2]); // BBB is in both
/// # Ok::<(), govframe_core::Error>(())
/// ```
pub fn analyze(
    landscape: &GovernanceLandscape,
    universe: Option<&[CountryCode]>,
) -> LandscapeAnalysis {
    // The universe, sorted, and a lookup table from code to position.
    let (mut countries, source): (Vec<CountryCode>, UniverseSource) = match universe {
        Some(u) => (u.to_vec(), UniverseSource::Explicit),
        None if !landscape.universe.is_empty() => {
            (landscape.universe.clone(), UniverseSource::Explicit)
        }
        None => {
            let mut seen = vec![false; SLOTS];
            let mut all = Vec::new();
            let every = landscape.mechanisms.iter().flat_map(|m| {
                m.parties
                    .iter()
                    .chain(m.instruments.iter().flat_map(|i| &i.parties))
            });
            for c in every {
                if let Some(s) = slot(c)
                    && !seen[s]
                {
                    seen[s] = true;
                    all.push(*c);
                }
            }
            (all, UniverseSource::Landscape)
        }
    };
    countries.sort_unstable();
    countries.dedup();
    let n = countries.len();
    let words = n.div_ceil(64);
    let mut lut = vec![u32::MAX; SLOTS];
    for (i, c) in countries.iter().enumerate() {
        if let Some(s) = slot(c) {
            lut[s] = count32(i);
        }
    }

    // Themes, in code order.
    let all_themes: BTreeSet<&Theme> = landscape
        .mechanisms
        .iter()
        .flat_map(|m| {
            m.themes
                .iter()
                .chain(m.instruments.iter().flat_map(|i| &i.themes))
        })
        .collect();
    let themes: Vec<Theme> = all_themes.iter().map(|t| (*t).clone()).collect();
    let theme_idx: BTreeMap<&Theme, usize> = all_themes
        .into_iter()
        .enumerate()
        .map(|(i, t)| (t, i))
        .collect();
    let nt = themes.len();

    // Party sets per (theme, mechanism).
    let mut sets: Vec<ThemeSets> = (0..nt).map(|_| ThemeSets::default()).collect();
    // Scratch bitsets for the themes one mechanism touches: `slot[t]` is theme t's place in
    // `scratch` (u32::MAX when untouched), so memory follows what a mechanism covers.
    let mut slot = vec![u32::MAX; nt];
    let mut scratch: Vec<u64> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    let mut own: Vec<usize> = Vec::new();
    for (mi, m) in landscape.mechanisms.iter().enumerate() {
        own.clear();
        own.extend(m.themes.iter().filter_map(|t| theme_idx.get(t).copied()));
        let mut mark = |t: usize, parties: &[CountryCode]| {
            let Some(s) = slot.get_mut(t) else { return };
            if *s == u32::MAX {
                *s = count32(touched.len());
                touched.push(t);
                scratch.resize(touched.len() * words, 0);
            }
            let at = *s as usize * words;
            if let Some(bits) = scratch.get_mut(at..at + words) {
                or_into(bits, &lut, parties);
            }
        };
        for &t in &own {
            mark(t, &m.parties);
        }
        for ins in &m.instruments {
            if ins.themes.is_empty() {
                for &t in &own {
                    mark(t, &ins.parties);
                }
            } else {
                for t in ins.themes.iter().filter_map(|t| theme_idx.get(t).copied()) {
                    mark(t, &ins.parties);
                }
            }
        }
        for (k, &t) in touched.iter().enumerate() {
            let bits = &scratch[k * words..(k + 1) * words];
            let set = &mut sets[t];
            set.mechanisms.push(count32(mi));
            set.counts.push(popcount(bits));
            set.bits.extend_from_slice(bits);
            slot[t] = u32::MAX;
        }
        touched.clear();
        scratch.clear();
    }

    // Figures per theme, and the matrix.
    let mut cells = vec![0u32; n * nt];
    let mut per_theme = Vec::with_capacity(nt);
    let mut union = vec![0u64; words];
    // 1/u for every possible size of a union: a multiplication per pair, not a division.
    let reciprocals: Vec<f64> = (0..=n)
        .map(|u| if u == 0 { 0.0 } else { 1.0 / u as f64 })
        .collect();
    for (t, (theme, set)) in themes.iter().zip(&sets).enumerate() {
        union.fill(0);
        for (k, chunk) in set.bits.chunks_exact(words.max(1)).enumerate() {
            if words == 0 || set.counts.get(k).copied().unwrap_or(0) == 0 {
                continue;
            }
            for (wi, (u, &b)) in union.iter_mut().zip(chunk).enumerate() {
                *u |= b;
                let mut rest = b;
                while rest != 0 {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    if let Some(cell) = cells.get_mut((wi * 64 + bit) * nt + t) {
                        *cell += 1;
                    }
                }
            }
        }
        let covered = popcount(&union);
        let memberships: u64 = set.counts.iter().map(|&c| u64::from(c)).sum();
        let fragmentation = if memberships == 0 {
            Share::default()
        } else {
            let total = u128::from(memberships);
            let squares: u128 = set.counts.iter().map(|&c| u128::from(c).pow(2)).sum();
            Share::clamped((total * total - squares) as f64 / (total * total) as f64)
        };
        let (pairs, mean_jaccard) = mean_jaccard(set, words, &reciprocals);
        per_theme.push(ThemeAnalysis {
            theme: theme.clone(),
            mechanisms: set
                .mechanisms
                .iter()
                .filter_map(|&m| landscape.mechanisms.get(m as usize).map(|m| m.id.clone()))
                .collect(),
            countries_covered: covered,
            coverage_share: Share::ratio(u64::from(covered), n as u64),
            memberships,
            pairs,
            mean_jaccard,
            fragmentation,
        });
    }
    let rows = countries
        .iter()
        .enumerate()
        .map(|(i, c)| CoverageRow {
            country: *c,
            mechanisms: cells[i * nt..(i + 1) * nt].to_vec(),
        })
        .collect();

    LandscapeAnalysis {
        kind: LandscapeAnalysisKind::Value,
        spec_version: SpecVersion::V1_0,
        id: derived_id("analysis", &landscape.id, "landscape-analysis"),
        title: LocalizedText::en(format!("Analysis of {}", landscape.title.best("en"))),
        schema: None,
        landscape: landscape.id.clone(),
        universe_source: source,
        countries: count32(n),
        mechanisms: count32(landscape.mechanisms.len()),
        themes: per_theme,
        matrix: CoverageMatrix { themes, rows },
    }
}

/// The number of pairs of non-empty party sets and their mean Jaccard overlap.
/// O(k²·w) for k sets of w words; `reciprocals[u]` is 1/u.
fn mean_jaccard(set: &ThemeSets, words: usize, reciprocals: &[f64]) -> (u64, Option<Share>) {
    if words == 0 {
        return (0, None);
    }
    let nonempty: Vec<(&[u64], u32)> = set
        .bits
        .chunks_exact(words)
        .zip(&set.counts)
        .filter(|(_, c)| **c > 0)
        .map(|(b, c)| (b, *c))
        .collect();
    let k = nonempty.len() as u64;
    if k < 2 {
        return (0, None);
    }
    let pairs = k * (k - 1) / 2;
    let mut sum = 0.0f64;
    for (i, (a, ca)) in nonempty.iter().enumerate() {
        for (b, cb) in &nonempty[i + 1..] {
            let inter: u32 = a.iter().zip(*b).map(|(x, y)| (x & y).count_ones()).sum();
            let union = (ca + cb - inter) as usize;
            sum += f64::from(inter) * reciprocals.get(union).copied().unwrap_or(0.0);
        }
    }
    (pairs, Some(Share::clamped(sum / pairs as f64)))
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn fmt_share(s: Share) -> String {
    format!("{:.4}", s.get())
}

impl LandscapeAnalysis {
    /// Keeps only the themes for which `keep` is true, in the theme list and in the matrix.
    pub fn retain_themes(&mut self, keep: impl Fn(&Theme) -> bool) {
        let cols: Vec<bool> = self.matrix.themes.iter().map(&keep).collect();
        self.themes.retain(|t| keep(&t.theme));
        self.matrix.themes.retain(|t| keep(t));
        for row in &mut self.matrix.rows {
            let mut i = 0;
            row.mechanisms.retain(|_| {
                let k = cols.get(i).copied().unwrap_or(false);
                i += 1;
                k
            });
        }
    }

    /// The per-theme figures as CSV (RFC 4180, LF line ends, a header row).
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "theme,mechanisms,countriesCovered,coverageShare,memberships,pairs,meanJaccard,fragmentation\n",
        );
        for t in &self.themes {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{}",
                csv_field(t.theme.as_str()),
                t.mechanisms.len(),
                t.countries_covered,
                fmt_share(t.coverage_share),
                t.memberships,
                t.pairs,
                t.mean_jaccard.map(fmt_share).unwrap_or_default(),
                fmt_share(t.fragmentation),
            );
        }
        out
    }

    /// The coverage matrix as CSV: one row per country, one column per theme.
    pub fn matrix_csv(&self) -> String {
        let mut out = String::from("country");
        for t in &self.matrix.themes {
            out.push(',');
            out.push_str(&csv_field(t.as_str()));
        }
        out.push('\n');
        for r in &self.matrix.rows {
            out.push_str(r.country.as_str());
            for c in &r.mechanisms {
                let _ = write!(out, ",{c}");
            }
            out.push('\n');
        }
        out
    }

    /// The per-theme figures as a plain-text table.
    pub fn to_table(&self) -> String {
        let header = [
            "Theme",
            "Mechanisms",
            "Countries covered",
            "Mean overlap",
            "Fragmentation",
        ];
        let rows: Vec<[String; 5]> = self
            .themes
            .iter()
            .map(|t| {
                [
                    t.theme.as_str().to_owned(),
                    t.mechanisms.len().to_string(),
                    format!(
                        "{} of {} ({:.1}%)",
                        t.countries_covered,
                        self.countries,
                        t.coverage_share.get() * 100.0
                    ),
                    t.mean_jaccard
                        .map_or_else(|| "-".to_owned(), |j| format!("{:.3}", j.get())),
                    format!("{:.3}", t.fragmentation.get()),
                ]
            })
            .collect();
        let mut widths = header.map(|h| h.chars().count());
        for r in &rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let mut out = String::new();
        let universe = match self.universe_source {
            UniverseSource::Landscape => "countries appearing in the landscape",
            UniverseSource::Explicit => "countries of the given universe",
        };
        let _ = writeln!(
            out,
            "Landscape {}: {} mechanism(s), {} {universe}",
            self.landscape, self.mechanisms, self.countries
        );
        let line = |out: &mut String, cells: &[String]| {
            let mut l = String::new();
            for (c, w) in cells.iter().zip(widths) {
                let _ = write!(
                    l,
                    "{c}{}  ",
                    " ".repeat(w.saturating_sub(c.chars().count()))
                );
            }
            let _ = writeln!(out, "{}", l.trim_end());
        };
        line(&mut out, &header.map(str::to_owned));
        line(&mut out, &widths.map(|w| "-".repeat(w)));
        for r in &rows {
            line(&mut out, r);
        }
        let uncovered: Vec<&str> = self
            .matrix
            .rows
            .iter()
            .filter(|r| r.mechanisms.iter().all(|&c| c == 0))
            .map(|r| r.country.as_str())
            .collect();
        if !uncovered.is_empty() && !self.matrix.themes.is_empty() {
            let _ = writeln!(
                out,
                "\nCountries covered on no theme shown: {}",
                uncovered.join(", ")
            );
        }
        out
    }
}
