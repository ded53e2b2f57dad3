//! The nominal computation of an index into an [`IndexResult`].

use govframe_core::{Id, LocalizedText, SpecVersion};

use crate::Result;
use crate::data::IndexData;
use crate::definition::CompositeIndex;
use crate::model::{CompiledIndex, IndexOptions};
use crate::normalise::rank_descending;
use crate::result::{
    IndexResult, IndexResultKind, IndexSummary, NodeRole, NodeScore, RankTies, ResultNode,
    UnitResult,
};

/// Computes an index: checks the definition, imputes, transforms, normalises, aggregates
/// bottom-up with the missing-data rule and ranks every node (ties share the best rank).
///
/// O(indicators · units · log units).
///
/// ```
/// use govframe_development::*;
/// use govframe_core::LocalizedText;
///
/// let mut def = CompositeIndex::new("demo".parse()?, LocalizedText::en("Demo"));
/// def.nodes.push(IndexNode::new("idx".parse()?, LocalizedText::en("Index"), None));
/// for (id, series) in [("a", "s1"), ("b", "s2")] {
///     def.indicators.push(IndexIndicator::new(id.parse()?, LocalizedText::en(id), "idx".parse()?,
///         series, Normalisation::MinMax { lower: 0.0, upper: 100.0 }));
/// }
/// let data = IndexData::from_rows(&["X", "Y", "Z"], &["s1", "s2"], &[
///     vec![Some(1.0), Some(10.0)],
///     vec![Some(2.0), None],
///     vec![Some(3.0), Some(30.0)],
/// ])?;
/// let result = compute_index(&def, &data, &IndexOptions::default())?;
/// assert_eq!(result.units[0].unit.as_str(), "Z");
/// assert_eq!(result.units[0].score, Some(100.0));
/// // Y has no value for s2: its score is its s1 score alone (drop and re-weight).
/// let y = result.units.iter().find(|u| u.unit.as_str() == "Y").unwrap();
/// assert_eq!((y.score, y.coverage), (Some(50.0), 0.5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compute_index(
    def: &CompositeIndex,
    data: &IndexData,
    options: &IndexOptions,
) -> Result<IndexResult> {
    CompiledIndex::new(def, data, options)?.nominal()
}

fn opt(v: f64) -> Option<f64> {
    if v.is_nan() { None } else { Some(v) }
}

impl CompiledIndex {
    /// The index as defined (no factor varied), as an `indexResult` document.
    pub fn nominal(&self) -> Result<IndexResult> {
        let mut s = self.scratch();
        self.evaluate(&mut s)?;
        self.materialize(&mut s);
        self.result_from(&s)
    }

    pub(crate) fn result_from(&self, s: &crate::model::Scratch) -> Result<IndexResult> {
        let def = &self.def;
        let t = &self.tree;
        let n_ind = t.n_indicators;
        let nu = self.n_units;
        let id_of = |sl: usize| -> &Id {
            if sl < n_ind {
                &def.indicators[sl].id
            } else {
                &def.nodes[sl - n_ind].id
            }
        };
        // Nodes: root first, then the other aggregates and the indicators in document order.
        let mut order: Vec<usize> = vec![t.root];
        order.extend((n_ind..t.len()).filter(|&sl| sl != t.root));
        order.extend(0..n_ind);
        let share = |sl: usize| -> f64 {
            match t.parent[sl] {
                None => 1.0,
                Some(p) => {
                    let sum: f64 = t.children[p].iter().map(|&c| self.base_weights[c]).sum();
                    if sum > 0.0 {
                        self.base_weights[sl] / sum
                    } else {
                        0.0
                    }
                }
            }
        };
        let nodes: Vec<ResultNode> = order
            .iter()
            .map(|&sl| {
                let (name, role, aggregation, series, normalisation) = if sl < n_ind {
                    let ind = &def.indicators[sl];
                    (
                        ind.name.clone(),
                        NodeRole::Indicator,
                        None,
                        Some(ind.series.clone()),
                        Some(ind.normalisation.name().to_owned()),
                    )
                } else {
                    let nd = &def.nodes[sl - n_ind];
                    let role = if sl == t.root {
                        NodeRole::Index
                    } else {
                        NodeRole::Aggregate
                    };
                    (
                        nd.name.clone(),
                        role,
                        Some(self.base_methods[sl]),
                        None,
                        None,
                    )
                };
                ResultNode {
                    id: id_of(sl).clone(),
                    name,
                    role,
                    parent: t.parent[sl].map(|p| id_of(p).clone()),
                    depth: t.depth[sl],
                    weight: share(sl),
                    aggregation,
                    series,
                    normalisation,
                }
            })
            .collect();

        // Scores and ranks per node.
        let column = |sl: usize| -> Vec<Option<f64>> {
            if sl < n_ind {
                self.sets[0].vals[sl * nu..(sl + 1) * nu]
                    .iter()
                    .map(|v| opt(*v))
                    .collect()
            } else {
                let off = (sl - n_ind) * nu;
                s.scores[off..off + nu].iter().map(|v| opt(*v)).collect()
            }
        };
        type Column = (usize, Vec<Option<f64>>, Vec<Option<u32>>);
        let cols: Vec<Column> = order
            .iter()
            .map(|&sl| {
                let c = column(sl);
                let r = rank_descending(&c);
                (sl, c, r)
            })
            .collect();
        let live_indicators = n_ind - self.empty.len();
        let mut units: Vec<UnitResult> = (0..nu)
            .map(|u| {
                let observed = (0..n_ind).filter(|&i| self.observed[i * nu + u]).count();
                let imputed = (0..n_ind).filter(|&i| self.imputed[i * nu + u]).count();
                let mut scores = Vec::new();
                for (sl, c, r) in cols.iter().skip(1) {
                    if let (Some(v), Some(rk)) = (c[u], r[u]) {
                        let (value, imp) = if *sl < n_ind {
                            (opt(self.raw[sl * nu + u]), self.imputed[sl * nu + u])
                        } else {
                            (None, false)
                        };
                        scores.push(NodeScore {
                            node: id_of(*sl).clone(),
                            score: v,
                            rank: rk,
                            value,
                            imputed: imp,
                        });
                    }
                }
                let (_, rc, rr) = &cols[0];
                UnitResult {
                    unit: self.unit_ids[u].clone(),
                    name: self.unit_names[u].clone(),
                    group: self.unit_groups[u].clone(),
                    score: rc[u],
                    rank: rr[u],
                    coverage: if live_indicators == 0 {
                        0.0
                    } else {
                        observed as f64 / live_indicators as f64
                    },
                    observed: u32::try_from(observed).unwrap_or(u32::MAX),
                    imputed: u32::try_from(imputed).unwrap_or(u32::MAX),
                    scores,
                    uncertainty: None,
                }
            })
            .collect();
        units.sort_by(|a, b| match (a.rank, b.rank) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.unit.cmp(&b.unit)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.unit.cmp(&b.unit),
        });
        let scored = units.iter().filter(|u| u.score.is_some()).count();
        let mean_coverage = if nu == 0 {
            0.0
        } else {
            units.iter().map(|u| u.coverage).sum::<f64>() / nu as f64
        };
        let mut notes = Vec::new();
        for &i in &self.empty {
            notes.push(format!(
                "indicator {:?} (series {:?}) has no data for any unit and was left out",
                def.indicators[i].id.as_str(),
                def.indicators[i].series
            ));
        }
        let result_id = match &self.options.result_id {
            Some(id) => id.clone(),
            None => Id::new(format!("{}-result", shorten_id(def.id.as_str())))?,
        };
        let title = match self.options.year {
            Some(y) => format!("{} — results {y}", def.title.best("en")),
            None => format!("{} — results", def.title.best("en")),
        };
        Ok(IndexResult {
            kind: IndexResultKind::Value,
            spec_version: SpecVersion::V1_0,
            id: result_id,
            title: LocalizedText::en(title),
            schema: None,
            definition: def.id.clone(),
            year: self.options.year,
            ties: RankTies::Min,
            nodes,
            units,
            summary: IndexSummary {
                units: u32::try_from(nu).unwrap_or(u32::MAX),
                scored: u32::try_from(scored).unwrap_or(u32::MAX),
                indicators: u32::try_from(n_ind).unwrap_or(u32::MAX),
                mean_coverage,
                empty_indicators: self
                    .empty
                    .iter()
                    .map(|&i| def.indicators[i].id.clone())
                    .collect(),
            },
            uncertainty: None,
            notes,
            extensions: None,
        })
    }
}

/// Keeps `<id>-result` within the 128-character limit of ids.
fn shorten_id(id: &str) -> &str {
    let max = 128 - "-result".len();
    if id.len() <= max { id } else { &id[..max] }
}
