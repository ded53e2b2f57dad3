//! Area groups and the aggregation of country series into group series.
//!
//! Groups come from data the user gives at run time, never from the crate:
//!
//! * [`AreaGroups::from_country_codes_csv`] reads the `datasets/country-codes` file
//!   (`ISO3166-1-Alpha-3`, `Region Code/Name`, `Sub-region Code/Name`, `Intermediate Region
//!   Code/Name`, and the `x` flags of `Least Developed Countries (LDC)`, `Land Locked
//!   Developing Countries (LLDC)`, `Small Island Developing States (SIDS)`), giving the
//!   groups `WLD` (every ISO 3166-1 alpha-3 code of the file), `M49-<code>` (M49 regions,
//!   sub-regions and intermediate regions, e.g. `M49-002` Africa), `LDC`, `LLDC` and `SIDS`;
//! * [`AreaGroups::add_memberships_csv`] adds groups the country-code file does not hold —
//!   the six ITU-D regions, World Bank income groups — from a `group,area[,name]` CSV.
//!
//! [`aggregate`] turns the member series into a group series by a simple or
//! population-weighted mean per year (see its docs).

use std::collections::{BTreeMap, BTreeSet};

use govframe_core::Id;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::data::{Header, parse_csv};
use crate::{Error, Observations, Result, SeriesData};

/// A group of areas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaGroup {
    /// Its code (`LDC`, `M49-002`, `AFR`…).
    pub code: Id,
    /// Its name.
    pub name: String,
    /// Its member areas.
    pub members: BTreeSet<Id>,
}

/// Area groups and the set of country codes. See the module docs.
#[derive(Debug, Clone, Default)]
pub struct AreaGroups {
    groups: BTreeMap<Id, AreaGroup>,
    countries: BTreeSet<Id>,
}

impl AreaGroups {
    /// No groups.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the `datasets/country-codes` CSV. O(size).
    ///
    /// ```
    /// let csv = "ISO3166-1-Alpha-3,Region Code,Region Name,Least Developed Countries (LDC)\n\
    ///            AFG,142,Asia,x\nFRA,150,Europe,\n";
    /// let g = govframe_monitoring::AreaGroups::from_country_codes_csv(csv, "codes.csv")?;
    /// assert_eq!(g.get("LDC").unwrap().members.len(), 1);
    /// assert_eq!(g.get("WLD").unwrap().members.len(), 2);
    /// assert_eq!(g.get("M49-150").unwrap().name, "Europe");
    /// assert!(g.is_country("FRA"));
    /// # Ok::<(), govframe_monitoring::Error>(())
    /// ```
    pub fn from_country_codes_csv(text: &str, file: &str) -> Result<Self> {
        let rows = parse_csv(text, b',');
        let Some(head) = rows.first() else {
            return Err(Error::Input {
                file: file.to_owned(),
                line: 1,
                message: "the file is empty".into(),
            });
        };
        let h = Header::new(head);
        let iso = h.need("ISO3166-1-Alpha-3", file)?;
        let levels = [
            ("Region Code", "Region Name"),
            ("Sub-region Code", "Sub-region Name"),
            ("Intermediate Region Code", "Intermediate Region Name"),
        ]
        .map(|(c, n)| (h.find(c), h.find(n)));
        let flags = [
            (
                "Least Developed Countries (LDC)",
                "LDC",
                "Least developed countries",
            ),
            (
                "Land Locked Developing Countries (LLDC)",
                "LLDC",
                "Landlocked developing countries",
            ),
            (
                "Small Island Developing States (SIDS)",
                "SIDS",
                "Small island developing States",
            ),
        ]
        .map(|(c, code, name)| (h.find(c), code, name));
        let mut out = Self::new();
        out.ensure("WLD", "World");
        for row in rows.iter().skip(1) {
            let get = |c: usize| row.get(c).map_or("", |s| s.trim());
            let code = get(iso);
            if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                continue;
            }
            let Ok(id) = Id::new(code) else { continue };
            out.countries.insert(id.clone());
            out.add("WLD", "World", &id);
            for (c, n) in levels {
                let Some(c) = c else { continue };
                let m49 = get(c).trim_start_matches('0');
                if m49.is_empty() || !m49.bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                let name = n.map(get).unwrap_or_default();
                let gcode = format!("M49-{m49:0>3}");
                out.add(&gcode, name, &id);
            }
            for (c, gcode, name) in flags {
                if c.is_some_and(|c| get(c).eq_ignore_ascii_case("x")) {
                    out.add(gcode, name, &id);
                }
            }
        }
        Ok(out)
    }

    /// Adds memberships from a `group,area[,name]` CSV (header required; `;` or `,`).
    /// Areas listed here also count as countries when they look like ISO alpha-3 codes.
    ///
    /// ```
    /// let mut g = govframe_monitoring::AreaGroups::new();
    /// g.add_memberships_csv("group,area,name\nAFR,KEN,Africa\nAFR,NGA,Africa\n", "itu-d.csv")?;
    /// assert_eq!(g.get("AFR").unwrap().members.len(), 2);
    /// # Ok::<(), govframe_monitoring::Error>(())
    /// ```
    pub fn add_memberships_csv(&mut self, text: &str, file: &str) -> Result<()> {
        let sep = if text.lines().next().is_some_and(|l| l.contains(';')) {
            b';'
        } else {
            b','
        };
        let rows = parse_csv(text, sep);
        let Some(head) = rows.first() else {
            return Ok(());
        };
        let h = Header::new(head);
        let (g, a, n) = (
            h.need("group", file)?,
            h.need("area", file)?,
            h.find("name"),
        );
        for (i, row) in rows.iter().enumerate().skip(1) {
            let get = |c: usize| row.get(c).map_or("", |s| s.trim());
            let bad = |what: &str| Error::Input {
                file: file.to_owned(),
                line: i as u64 + 1,
                message: format!("{what} is not a valid code"),
            };
            let group = Id::new(get(g)).map_err(|_| bad("the group"))?;
            let area = Id::new(get(a)).map_err(|_| bad("the area"))?;
            let name = n
                .map(get)
                .filter(|s| !s.is_empty())
                .unwrap_or(group.as_str());
            let name = name.to_owned();
            self.add(group.as_str(), &name, &area);
        }
        Ok(())
    }

    fn ensure(&mut self, code: &str, name: &str) -> Option<&mut AreaGroup> {
        let id = Id::new(code).ok()?;
        Some(self.groups.entry(id.clone()).or_insert_with(|| AreaGroup {
            code: id,
            name: name.to_owned(),
            members: BTreeSet::new(),
        }))
    }

    /// Adds `area` to group `code` (created with `name` if new).
    pub fn add(&mut self, code: &str, name: &str, area: &Id) {
        if let Some(g) = self.ensure(code, name) {
            if g.name.is_empty() {
                g.name = name.to_owned();
            }
            g.members.insert(area.clone());
        }
    }

    /// The group with this code.
    pub fn get(&self, code: &str) -> Option<&AreaGroup> {
        self.groups.get(code)
    }

    /// Every group, in code order.
    pub fn iter(&self) -> impl Iterator<Item = &AreaGroup> {
        self.groups.values()
    }

    /// Whether `code` is a country code of the country-code file.
    pub fn is_country(&self, code: &str) -> bool {
        self.countries.contains(code)
    }

    /// The country codes.
    pub fn countries(&self) -> impl Iterator<Item = &Id> {
        self.countries.iter()
    }
}

/// How member values are averaged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum Weighting {
    /// The simple (unweighted) mean, as ESCAP does "to avoid bias towards larger economies".
    #[default]
    Simple,
    /// The mean weighted by population in the same year.
    Population,
}

/// The group series of `series` for `members`: for every year, the mean of the member values
/// of that year (simple, or weighted by the population series `population` of the same
/// year), kept only when the members with a value cover at least `min_coverage` of the
/// group (share of members; with population weights, share of the group's population in
/// that year). Members with conflicting data are left out. Years with no member are absent.
///
/// Composition can change between years; `min_coverage = 1` keeps only years where every
/// member has a value (a balanced panel). O(m·n) for m members of n points each.
///
/// ```
/// use govframe_core::Id;
/// use govframe_monitoring::{aggregate, Observations, Weighting};
/// let mut obs = Observations::new();
/// for (a, v15, v20) in [("AAA", 10.0, 20.0), ("BBB", 30.0, 40.0)] {
///     obs.push("x", a, 2015, v15)?;
///     obs.push("x", a, 2020, v20)?;
/// }
/// obs.push("x", "AAA", 2021, 25.0)?;
/// obs.finish();
/// let members: Vec<Id> = vec!["AAA".parse()?, "BBB".parse()?];
/// let s = aggregate(&obs, "x", &members, Weighting::Simple, None, 0.6);
/// assert_eq!(s, vec![(2015, 20.0), (2020, 30.0)]); // 2021: only half the members
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn aggregate<'a>(
    obs: &Observations,
    series: &str,
    members: impl IntoIterator<Item = &'a Id>,
    weighting: Weighting,
    population: Option<(&Observations, &str)>,
    min_coverage: f64,
) -> Vec<(i32, f64)> {
    // year -> (sum of w·v, sum of w)
    let mut acc: BTreeMap<i32, (f64, f64)> = BTreeMap::new();
    // year -> total weight of all members (for coverage)
    let mut total: BTreeMap<i32, f64> = BTreeMap::new();
    let mut member_count = 0usize;
    let pop_of = |area: &str, year: i32| -> Option<f64> {
        let (p, code) = population?;
        match p.get(code, area)? {
            SeriesData::Points(pts) => pts
                .binary_search_by_key(&year, |x| x.0)
                .ok()
                .and_then(|i| pts.get(i))
                .map(|x| x.1)
                .filter(|w| *w > 0.0),
            SeriesData::Conflicting => None,
        }
    };
    let mut pop_years: BTreeSet<i32> = BTreeSet::new();
    let members: Vec<&Id> = members.into_iter().collect();
    for m in &members {
        member_count += 1;
        if let Some(SeriesData::Points(pts)) = obs.get(series, m.as_str()) {
            for &(y, v) in pts {
                let w = match weighting {
                    Weighting::Simple => 1.0,
                    Weighting::Population => match pop_of(m.as_str(), y) {
                        Some(w) => w,
                        None => continue,
                    },
                };
                let e = acc.entry(y).or_insert((0.0, 0.0));
                e.0 += w * v;
                e.1 += w;
                pop_years.insert(y);
            }
        }
    }
    if weighting == Weighting::Population {
        for y in &pop_years {
            let t: f64 = members.iter().filter_map(|m| pop_of(m.as_str(), *y)).sum();
            total.insert(*y, t);
        }
    }
    acc.into_iter()
        .filter_map(|(y, (sum, w))| {
            if w <= 0.0 {
                return None;
            }
            let coverage = match weighting {
                Weighting::Simple => w / member_count.max(1) as f64,
                Weighting::Population => w / total.get(&y).copied().unwrap_or(w).max(w),
            };
            let mean = sum / w;
            (coverage >= min_coverage && mean.is_finite()).then_some((y, mean))
        })
        .collect()
}
