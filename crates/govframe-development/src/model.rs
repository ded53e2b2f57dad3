//! A definition compiled against data: indicator columns transformed and normalised once
//! per normalisation alternative, the tree flattened into slots, and a fast evaluation of
//! the aggregates for one set of choices (weights, methods, normalisation, dropped
//! indicators) that reuses its buffers.

use govframe_core::{Id, Issues, Level, Severity, Validate};

use crate::data::IndexData;
use crate::definition::{
    AggregationMethod, CompositeIndex, MissingDataRule, Normalisation, ParamNumber, Transformation,
    UncertaintyFactor,
};
use crate::normalise::normalise;
use crate::rng::Xoshiro256pp;
use crate::tree::{self, Tree};
use crate::validate::param_value;
use crate::{Error, Result};

/// Options of an index computation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexOptions {
    /// Leave out indicators no unit has a value for (with a note in the result) instead of
    /// failing.
    pub drop_empty_indicators: bool,
    /// The data year, recorded in the result.
    pub year: Option<i32>,
    /// The result's id (default: `<definition id>-result`).
    pub result_id: Option<Id>,
}

/// One indicator set normalised with one method choice, laid out indicator-major
/// (`[indicator * n_units + unit]`).
#[derive(Debug, Clone)]
pub(crate) struct LeafSet {
    /// Normalised values, NaN when missing.
    pub vals: Vec<f64>,
    /// Values with missing set to 0.
    x0: Vec<f64>,
    /// `ln x` (0 where missing), when every present value is positive.
    ln: Vec<f64>,
    /// `1/x` (0 where missing), when every present value is positive.
    inv: Vec<f64>,
    /// Per indicator: every present value is positive.
    positive: Vec<bool>,
    /// Per aggregate (`slot − n_indicators`): the `(indicator, unit)` pairs of its
    /// indicator children whose value is missing (few, so the weight sums of each unit are
    /// corrected for them instead of summed in full).
    missing: Vec<Vec<(u32, u32)>>,
}

/// A compiled uncertainty factor.
#[derive(Debug, Clone)]
pub(crate) enum Factor {
    Weights {
        slots: Vec<usize>,
        lower: f64,
        upper: f64,
    },
    Normalisation {
        sets: Vec<usize>,
    },
    Aggregation {
        slots: Vec<usize>,
        methods: Vec<Option<AggregationMethod>>,
    },
    Drop {
        options: Vec<Option<usize>>,
    },
}

impl Factor {
    pub(crate) fn alternatives(&self) -> Option<usize> {
        match self {
            Self::Weights { .. } => None,
            Self::Normalisation { sets } => Some(sets.len()),
            Self::Aggregation { methods, .. } => Some(methods.len()),
            Self::Drop { options } => Some(options.len()),
        }
    }
}

/// A composite index definition compiled against data, ready to be evaluated many times.
///
/// Compiling transforms and normalises every indicator once per normalisation alternative
/// (O(alternatives · indicators · units log units)); each evaluation then costs
/// O(indicators · units) for the aggregation and O(units log units) for the ranking, with no
/// allocation.
#[derive(Debug, Clone)]
pub struct CompiledIndex {
    pub(crate) def: CompositeIndex,
    pub(crate) tree: Tree,
    pub(crate) n_units: usize,
    pub(crate) unit_ids: Vec<Id>,
    pub(crate) unit_names: Vec<Option<String>>,
    pub(crate) unit_groups: Vec<Option<String>>,
    /// Raw values per indicator × unit (after imputation), NaN when missing.
    pub(crate) raw: Vec<f64>,
    /// Observed (not imputed) per indicator × unit.
    pub(crate) observed: Vec<bool>,
    /// Imputed per indicator × unit.
    pub(crate) imputed: Vec<bool>,
    pub(crate) base_weights: Vec<f64>,
    pub(crate) base_methods: Vec<AggregationMethod>,
    pub(crate) min_share: Vec<f64>,
    pub(crate) sets: Vec<LeafSet>,
    pub(crate) factors: Vec<Factor>,
    pub(crate) empty: Vec<usize>,
    pub(crate) options: IndexOptions,
}

/// The choices of one evaluation and the buffers it reuses.
#[derive(Debug, Clone)]
pub(crate) struct Scratch {
    pub weights: Vec<f64>,
    pub methods: Vec<AggregationMethod>,
    pub dropped: Vec<bool>,
    pub set: usize,
    num: Vec<f64>,
    den: Vec<f64>,
    cnt: Vec<f64>,
    /// Aggregate scores, `[(slot − n_indicators) * n_units + unit]`, NaN when missing.
    /// A geometric aggregate holds the logarithm of its scores until [`CompiledIndex::materialize`]
    /// (see `is_log`): parents that are geometric too use it as is, and ranks are the same.
    pub scores: Vec<f64>,
    /// Per aggregate (`slot − n_indicators`): `scores` holds logarithms.
    pub is_log: Vec<bool>,
    /// Unit order of the last ranking (reused as the starting order of the next sort).
    pub order: Vec<u32>,
    /// Ranks of the last ranking (0 = no rank).
    pub ranks: Vec<u32>,
}

fn path_of_indicator(i: usize) -> String {
    format!("/indicators/{i}")
}

fn resolve(def: &CompositeIndex, p: &ParamNumber, at: &str) -> Result<f64> {
    match param_value(def, p) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(Error::UnsetParameter {
            parameter: p.parameter().map(|i| i.to_string()).unwrap_or_default(),
            path: at.to_owned(),
        }),
        Err(()) => Err(Error::UnknownParameter {
            parameter: p.parameter().map(|i| i.to_string()).unwrap_or_default(),
            known: def
                .parameters
                .iter()
                .map(|p| p.id.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The normalisation with its named parameters replaced by their values.
fn resolved_normalisation(
    def: &CompositeIndex,
    n: &Normalisation,
    at: &str,
) -> Result<Normalisation> {
    let r = |p: &ParamNumber, field: &str| -> Result<ParamNumber> {
        Ok(ParamNumber::Value(resolve(
            def,
            p,
            &format!("{at}/{field}"),
        )?))
    };
    Ok(match n {
        Normalisation::DistanceToTarget { target, cap } => Normalisation::DistanceToTarget {
            target: r(target, "target")?,
            cap: *cap,
        },
        Normalisation::Goalposts {
            lower,
            upper,
            scale,
            truncate,
        } => Normalisation::Goalposts {
            lower: r(lower, "lower")?,
            upper: r(upper, "upper")?,
            scale: *scale,
            truncate: *truncate,
        },
        Normalisation::Scaled { lower, upper } => Normalisation::Scaled {
            lower: r(lower, "lower")?,
            upper: r(upper, "upper")?,
        },
        other => other.clone(),
    })
}

fn pick(u: f64, k: usize) -> usize {
    ((u * k as f64) as usize).min(k.saturating_sub(1))
}

impl CompiledIndex {
    /// Checks the definition (every semantic rule; errors fail with
    /// [`Error::InvalidDefinition`]), matches its indicators to the data's series, imputes,
    /// transforms and normalises.
    pub fn new(def: &CompositeIndex, data: &IndexData, options: &IndexOptions) -> Result<Self> {
        let mut issues = Issues::new(Level::Semantics);
        def.validate_into(&mut issues);
        let errors: Vec<_> = issues
            .as_slice()
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .cloned()
            .collect();
        if !errors.is_empty() {
            return Err(Error::InvalidDefinition { issues: errors });
        }
        let mut tissues = Issues::new(Level::Semantics);
        let Some(tree) = tree::build(def, &mut tissues) else {
            return Err(Error::InvalidDefinition {
                issues: tissues.into_vec(),
            });
        };
        let n_units = data.units.len();
        let n_ind = def.indicators.len();
        let n_slots = tree.len();

        // Raw columns, imputation.
        let mut raw = vec![f64::NAN; n_ind * n_units];
        let mut observed = vec![false; n_ind * n_units];
        let mut imputed = vec![false; n_ind * n_units];
        let mut empty = Vec::new();
        for (i, ind) in def.indicators.iter().enumerate() {
            let col = data.series_index(&ind.series);
            let mut any = false;
            for u in 0..n_units {
                if let Some(v) = col.and_then(|c| data.value(u, c)) {
                    raw[i * n_units + u] = v;
                    observed[i * n_units + u] = true;
                    any = true;
                }
            }
            if !any {
                if options.drop_empty_indicators {
                    empty.push(i);
                    continue;
                }
                return Err(Error::NoData {
                    indicator: ind.id.to_string(),
                    series: ind.series.clone(),
                    path: path_of_indicator(i),
                });
            }
            if let MissingDataRule::ImputeGroupMean { overall_fallback } = def.missing_data {
                let mut groups: std::collections::BTreeMap<&str, (f64, usize)> = Default::default();
                let (mut total, mut count) = (0.0, 0usize);
                for u in 0..n_units {
                    if observed[i * n_units + u] {
                        let v = raw[i * n_units + u];
                        total += v;
                        count += 1;
                        if let Some(g) = data.units[u].group.as_deref() {
                            let e = groups.entry(g).or_default();
                            e.0 += v;
                            e.1 += 1;
                        }
                    }
                }
                for u in 0..n_units {
                    if observed[i * n_units + u] {
                        continue;
                    }
                    let group_mean = data.units[u]
                        .group
                        .as_deref()
                        .and_then(|g| groups.get(g))
                        .filter(|(_, n)| *n > 0)
                        .map(|(s, n)| s / *n as f64);
                    let v = group_mean.or(if overall_fallback && count > 0 {
                        Some(total / count as f64)
                    } else {
                        None
                    });
                    if let Some(v) = v {
                        raw[i * n_units + u] = v;
                        imputed[i * n_units + u] = true;
                    }
                }
            }
        }

        // Transformations.
        let mut transformed = raw.clone();
        for (i, ind) in def.indicators.iter().enumerate() {
            let at = path_of_indicator(i);
            let col = &mut transformed[i * n_units..(i + 1) * n_units];
            match &ind.transformation {
                Transformation::None => {}
                Transformation::Log { base, offset } => {
                    let lb = base.ln();
                    for (u, v) in col.iter_mut().enumerate() {
                        if v.is_nan() {
                            continue;
                        }
                        let x = *v + offset;
                        if x <= 0.0 {
                            return Err(Error::Transformation {
                                indicator: ind.id.to_string(),
                                path: format!("{at}/transformation"),
                                unit: data.units[u].id.to_string(),
                                value: *v,
                                reason: format!(
                                    "the logarithm of {x} is undefined (add an offset, or cap the values)"
                                ),
                            });
                        }
                        *v = x.ln() / lb;
                    }
                }
                Transformation::Capped { lower, upper } => {
                    let l = match lower {
                        Some(p) => resolve(def, p, &format!("{at}/transformation/lower"))?,
                        None => f64::NEG_INFINITY,
                    };
                    let h = match upper {
                        Some(p) => resolve(def, p, &format!("{at}/transformation/upper"))?,
                        None => f64::INFINITY,
                    };
                    for v in col.iter_mut() {
                        if !v.is_nan() {
                            *v = v.clamp(l, h);
                        }
                    }
                }
            }
        }

        let unit_ids: Vec<Id> = data.units.iter().map(|u| u.id.clone()).collect();
        let build_set = |alt: Option<&Normalisation>, alt_path: &str| -> Result<LeafSet> {
            let mut set = LeafSet {
                vals: vec![f64::NAN; n_ind * n_units],
                x0: vec![0.0; n_ind * n_units],
                ln: vec![0.0; n_ind * n_units],
                inv: vec![0.0; n_ind * n_units],
                positive: vec![true; n_ind],
                missing: vec![Vec::new(); def.nodes.len()],
            };
            for (i, ind) in def.indicators.iter().enumerate() {
                let at = path_of_indicator(i);
                let (method, mpath) = match alt {
                    Some(m) => (m, alt_path.to_owned()),
                    None => (&ind.normalisation, format!("{at}/normalisation")),
                };
                let method = resolved_normalisation(def, method, &mpath)?;
                let col: Vec<Option<f64>> = transformed[i * n_units..(i + 1) * n_units]
                    .iter()
                    .map(|v| if v.is_nan() { None } else { Some(*v) })
                    .collect();
                let out =
                    normalise(&col, &method, ind.polarity, &unit_ids).map_err(|e| match e {
                        Error::Normalisation { method, reason, .. } => Error::Normalisation {
                            indicator: ind.id.to_string(),
                            path: mpath.clone(),
                            method,
                            reason,
                        },
                        other => other,
                    })?;
                for (u, v) in out.iter().enumerate() {
                    let k = i * n_units + u;
                    match v {
                        Some(v) if v.is_finite() => {
                            set.vals[k] = *v;
                            set.x0[k] = *v;
                            if *v > 0.0 {
                                set.ln[k] = v.ln();
                                set.inv[k] = 1.0 / v;
                            } else {
                                set.positive[i] = false;
                            }
                        }
                        _ => {
                            if let Some(p) = tree.parent[i] {
                                set.missing[p - n_ind].push((i as u32, u as u32));
                            }
                        }
                    }
                }
                if !set.positive[i] {
                    for u in 0..n_units {
                        set.ln[i * n_units + u] = 0.0;
                        set.inv[i * n_units + u] = 0.0;
                    }
                }
            }
            Ok(set)
        };
        let mut sets = vec![build_set(None, "")?];

        // Base choices.
        let mut base_weights = vec![0.0; n_slots];
        let mut base_methods = vec![AggregationMethod::Arithmetic; n_slots];
        let mut min_share = vec![0.0; n_slots];
        let default_share = match def.missing_data {
            MissingDataRule::MinimumCoverage { share } => share,
            _ => 0.0,
        };
        for (i, ind) in def.indicators.iter().enumerate() {
            base_weights[i] = ind.weight;
        }
        for (j, nd) in def.nodes.iter().enumerate() {
            let s = n_ind + j;
            base_weights[s] = nd.weight;
            base_methods[s] = nd.aggregation;
            min_share[s] = nd.min_coverage.unwrap_or(default_share);
        }
        for &i in &empty {
            base_weights[i] = 0.0;
        }

        // Factors.
        let slot_of = |r: &govframe_core::Ref| -> Option<usize> {
            def.indicators
                .iter()
                .position(|x| x.id.as_str() == r.local())
                .or_else(|| {
                    def.nodes
                        .iter()
                        .position(|x| x.id.as_str() == r.local())
                        .map(|j| n_ind + j)
                })
        };
        let mut factors = Vec::with_capacity(def.uncertainty.len());
        for (fi, f) in def.uncertainty.iter().enumerate() {
            let fpath = format!("/uncertainty/{fi}");
            factors.push(match f {
                UncertaintyFactor::Weights {
                    nodes,
                    lower,
                    upper,
                    ..
                } => {
                    let slots: Vec<usize> = if nodes.is_empty() {
                        (0..n_slots).filter(|&s| s != tree.root).collect()
                    } else {
                        nodes.iter().filter_map(slot_of).collect()
                    };
                    Factor::Weights {
                        slots,
                        lower: *lower,
                        upper: *upper,
                    }
                }
                UncertaintyFactor::Normalisation {
                    include_defined,
                    alternatives,
                    ..
                } => {
                    let mut idx = Vec::new();
                    if *include_defined {
                        idx.push(0);
                    }
                    for (j, alt) in alternatives.iter().enumerate() {
                        sets.push(build_set(Some(alt), &format!("{fpath}/alternatives/{j}"))?);
                        idx.push(sets.len() - 1);
                    }
                    Factor::Normalisation { sets: idx }
                }
                UncertaintyFactor::Aggregation {
                    nodes,
                    include_defined,
                    alternatives,
                    ..
                } => {
                    let slots: Vec<usize> = if nodes.is_empty() {
                        tree.post_order.clone()
                    } else {
                        nodes.iter().filter_map(slot_of).collect()
                    };
                    let mut methods = Vec::new();
                    if *include_defined {
                        methods.push(None);
                    }
                    methods.extend(alternatives.iter().map(|m| Some(*m)));
                    Factor::Aggregation { slots, methods }
                }
                UncertaintyFactor::DropIndicator {
                    indicators,
                    include_none,
                    ..
                } => {
                    let mut options = Vec::new();
                    if *include_none {
                        options.push(None);
                    }
                    if indicators.is_empty() {
                        options.extend((0..n_ind).map(Some));
                    } else {
                        options.extend(indicators.iter().filter_map(slot_of).map(Some));
                    }
                    Factor::Drop { options }
                }
            });
        }

        Ok(Self {
            def: def.clone(),
            tree,
            n_units,
            unit_ids,
            unit_names: data.units.iter().map(|u| u.name.clone()).collect(),
            unit_groups: data.units.iter().map(|u| u.group.clone()).collect(),
            raw,
            observed,
            imputed,
            base_weights,
            base_methods,
            min_share,
            sets,
            factors,
            empty,
            options: options.clone(),
        })
    }

    /// Number of units.
    pub fn units(&self) -> usize {
        self.n_units
    }

    /// Number of uncertainty factors of the definition.
    pub fn factors(&self) -> usize {
        self.factors.len()
    }

    pub(crate) fn scratch(&self) -> Scratch {
        let n_agg = self.tree.len() - self.tree.n_indicators;
        Scratch {
            weights: self.base_weights.clone(),
            methods: self.base_methods.clone(),
            dropped: vec![false; self.tree.len()],
            set: 0,
            num: vec![0.0; self.n_units],
            den: vec![0.0; self.n_units],
            cnt: vec![0.0; self.n_units],
            scores: vec![f64::NAN; n_agg * self.n_units],
            is_log: vec![false; n_agg],
            order: (0..u32::try_from(self.n_units).unwrap_or(u32::MAX)).collect(),
            ranks: vec![0; self.n_units],
        }
    }

    /// Resets the choices to the definition's own.
    pub(crate) fn reset(&self, s: &mut Scratch) {
        s.weights.copy_from_slice(&self.base_weights);
        s.methods.copy_from_slice(&self.base_methods);
        s.dropped.iter_mut().for_each(|d| *d = false);
        s.set = 0;
    }

    /// Applies the factor values `u` (one per factor, each in [0, 1)) to the choices.
    pub(crate) fn apply(&self, s: &mut Scratch, u: &[f64]) {
        self.reset(s);
        for (fi, (f, &x)) in self.factors.iter().zip(u).enumerate() {
            match f {
                Factor::Weights {
                    slots,
                    lower,
                    upper,
                } => {
                    let mut g = Xoshiro256pp::seed_from(
                        x.to_bits() ^ (fi as u64).wrapping_mul(0xA24B_AED4_963E_E407),
                    );
                    for &sl in slots {
                        s.weights[sl] *= lower + (upper - lower) * g.next_f64();
                    }
                }
                Factor::Normalisation { sets } => s.set = sets[pick(x, sets.len())],
                Factor::Aggregation { slots, methods } => {
                    if let Some(m) = methods[pick(x, methods.len())] {
                        for &sl in slots {
                            s.methods[sl] = m;
                        }
                    }
                }
                Factor::Drop { options } => {
                    if let Some(i) = options[pick(x, options.len())] {
                        s.dropped[i] = true;
                    }
                }
            }
        }
    }

    fn non_positive(
        &self,
        node: usize,
        child: usize,
        unit: usize,
        value: f64,
        m: AggregationMethod,
    ) -> Error {
        let n_ind = self.tree.n_indicators;
        let name = |sl: usize| {
            if sl < n_ind {
                self.def.indicators[sl].id.to_string()
            } else {
                self.def.nodes[sl - n_ind].id.to_string()
            }
        };
        Error::NonPositive {
            method: m.name(),
            node: name(node),
            unit: self.unit_ids[unit].to_string(),
            child: name(child),
            value,
        }
    }

    /// Evaluates every aggregate for the choices in `s`, bottom-up, into `s.scores`.
    /// O(indicators · units).
    pub(crate) fn evaluate(&self, s: &mut Scratch) -> Result<()> {
        let nu = self.n_units;
        let n_ind = self.tree.n_indicators;
        let set = &self.sets[s.set];
        for &node in &self.tree.post_order {
            let m = s.methods[node];
            s.num.iter_mut().for_each(|v| *v = 0.0);
            s.den.iter_mut().for_each(|v| *v = 0.0);
            s.cnt.iter_mut().for_each(|v| *v = 0.0);
            let (mut den_all, mut cnt_all, mut active) = (0.0f64, 0.0f64, 0usize);
            for &c in &self.tree.children[node] {
                if s.dropped[c] {
                    continue;
                }
                active += 1;
                let w = s.weights[c];
                if c < n_ind {
                    if m != AggregationMethod::Arithmetic && !set.positive[c] {
                        let col = &set.vals[c * nu..(c + 1) * nu];
                        let (u, v) = col
                            .iter()
                            .enumerate()
                            .find(|(_, v)| **v <= 0.0)
                            .map(|(u, v)| (u, *v))
                            .unwrap_or((0, 0.0));
                        return Err(self.non_positive(node, c, u, v, m));
                    }
                    let src = match m {
                        AggregationMethod::Arithmetic => &set.x0[c * nu..(c + 1) * nu],
                        AggregationMethod::Geometric => &set.ln[c * nu..(c + 1) * nu],
                        AggregationMethod::Harmonic => &set.inv[c * nu..(c + 1) * nu],
                    };
                    for (n, x) in s.num.iter_mut().zip(src) {
                        *n += w * x;
                    }
                    // Counted for every unit here; units missing it are corrected below.
                    den_all += w;
                    cnt_all += 1.0;
                } else {
                    let off = (c - n_ind) * nu;
                    let log = s.is_log[c - n_ind];
                    for u in 0..nu {
                        let v = s.scores[off + u];
                        if v.is_nan() {
                            continue;
                        }
                        let t = match (m, log) {
                            (AggregationMethod::Arithmetic, false) => v,
                            (AggregationMethod::Arithmetic, true) => v.exp(),
                            (AggregationMethod::Geometric, true) => v,
                            (AggregationMethod::Harmonic, true) => (-v).exp(),
                            _ if v <= 0.0 => return Err(self.non_positive(node, c, u, v, m)),
                            (AggregationMethod::Geometric, false) => v.ln(),
                            (AggregationMethod::Harmonic, false) => 1.0 / v,
                        };
                        s.num[u] += w * t;
                        s.den[u] += w;
                        s.cnt[u] += 1.0;
                    }
                }
            }
            for &(c, u) in &set.missing[node - n_ind] {
                let c = c as usize;
                if !s.dropped[c] {
                    s.den[u as usize] -= s.weights[c];
                    s.cnt[u as usize] -= 1.0;
                }
            }
            let need = self.min_share[node] * active as f64 - 1e-9;
            let off = (node - n_ind) * nu;
            let out = &mut s.scores[off..off + nu];
            for (((o, &den), &cnt), &n) in out.iter_mut().zip(&s.den).zip(&s.cnt).zip(&s.num) {
                let d = den_all + den;
                let k = cnt_all + cnt;
                *o = if k == 0.0 || d <= 0.0 || k < need {
                    f64::NAN
                } else {
                    match m {
                        AggregationMethod::Arithmetic | AggregationMethod::Geometric => n / d,
                        AggregationMethod::Harmonic => d / n,
                    }
                };
            }
            s.is_log[node - n_ind] = m == AggregationMethod::Geometric;
        }
        Ok(())
    }

    /// Turns the logarithms that geometric aggregates hold into scores. O(aggregates · units).
    pub(crate) fn materialize(&self, s: &mut Scratch) {
        let nu = self.n_units;
        for (a, log) in s.is_log.iter_mut().enumerate() {
            if *log {
                for v in &mut s.scores[a * nu..(a + 1) * nu] {
                    *v = v.exp();
                }
                *log = false;
            }
        }
    }

    /// Ranks the index scores in `s.scores` into `s.ranks` (0 = no score), best first, ties
    /// sharing the best rank. The sort starts from the previous order, so runs that change
    /// little sort fast. O(units log units), O(units) when nearly sorted.
    pub(crate) fn rank_root(&self, s: &mut Scratch) {
        let off = (self.tree.root - self.tree.n_indicators) * self.n_units;
        let root = &s.scores[off..off + self.n_units];
        let key = |u: u32| {
            let v = root[u as usize];
            if v.is_nan() { f64::NEG_INFINITY } else { v }
        };
        s.order.sort_by(|&a, &b| key(b).total_cmp(&key(a)));
        let mut prev = f64::NAN;
        let mut rank = 0u32;
        for (pos, &u) in s.order.iter().enumerate() {
            let v = root[u as usize];
            if v.is_nan() {
                s.ranks[u as usize] = 0;
                continue;
            }
            if v != prev {
                rank = pos as u32 + 1;
                prev = v;
            }
            s.ranks[u as usize] = rank;
        }
    }
}
