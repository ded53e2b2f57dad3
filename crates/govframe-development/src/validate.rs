//! The semantic rules of a `compositeIndex` (every rule id starts with `development.`).

use std::collections::HashMap;

use govframe_core::{Id, Issues, Pointer, Validate};

use crate::definition::{
    CompositeIndex, MissingDataRule, Normalisation, ParamNumber, Transformation, UncertaintyFactor,
};
use crate::tree;

/// Every rule a definition is checked against, with its severity.
pub const DEFINITION_RULES: &[(&str, &str)] = &[
    ("development.duplicate-id", "error"),
    ("development.tree.no-root", "error"),
    ("development.tree.multiple-roots", "error"),
    ("development.tree.cycle", "error"),
    ("development.node.unknown-parent", "error"),
    ("development.node.parent-is-indicator", "error"),
    ("development.node.foreign-parent", "error"),
    ("development.node.no-children", "error"),
    ("development.weight.invalid", "error"),
    ("development.weight.zero-sum", "error"),
    ("development.coverage.out-of-range", "error"),
    ("development.normalisation.invalid", "error"),
    ("development.normalisation.goalposts-equal", "error"),
    ("development.transformation.invalid", "error"),
    ("development.parameter.unknown", "error"),
    ("development.parameter.invalid", "error"),
    ("development.parameter.unset", "warning"),
    ("development.parameter.unsourced", "warning"),
    ("development.indicator.duplicate-series", "warning"),
    ("development.uncertainty.unknown-target", "error"),
    ("development.uncertainty.wrong-target", "error"),
    ("development.uncertainty.weight-range", "error"),
    ("development.uncertainty.no-alternatives", "error"),
    ("development.uncertainty.single-alternative", "warning"),
];

/// The value of a [`ParamNumber`] in a definition: `Ok(Some(v))`, `Ok(None)` when the
/// parameter exists but has no value, `Err(())` when the parameter does not exist.
pub(crate) fn param_value(def: &CompositeIndex, p: &ParamNumber) -> Result<Option<f64>, ()> {
    match p {
        ParamNumber::Value(v) => Ok(Some(*v)),
        ParamNumber::Parameter(r) => match def.parameter(r.parameter.as_str()) {
            Some(p) => Ok(p.value),
            None => Err(()),
        },
    }
}

fn check_number(
    def: &CompositeIndex,
    p: &ParamNumber,
    at: Pointer,
    issues: &mut Issues,
) -> Option<f64> {
    match param_value(def, p) {
        Ok(Some(v)) if v.is_finite() => Some(v),
        Ok(Some(v)) => {
            issues.error(
                "development.normalisation.invalid",
                at,
                format!("{v} is not a finite number"),
            );
            None
        }
        Ok(None) => {
            let name = p.parameter().map(Id::as_str).unwrap_or_default();
            issues
                .warning(
                    "development.parameter.unset",
                    at,
                    format!("parameter {name:?} has no value yet"),
                )
                .help = Some(format!(
                "give it a value before computing (e.g. `govframe index --param {name}=VALUE`)"
            ));
            None
        }
        Err(()) => {
            let name = p.parameter().map(Id::as_str).unwrap_or_default();
            issues
                .error(
                    "development.parameter.unknown",
                    at,
                    format!("parameter {name:?} is not declared in `parameters`"),
                )
                .help = Some("declare it in the definition's `parameters`".into());
            None
        }
    }
}

pub(crate) fn check_normalisation(
    def: &CompositeIndex,
    n: &Normalisation,
    at: &Pointer,
    issues: &mut Issues,
) {
    let bad = |issues: &mut Issues, field: &str, msg: String| {
        issues.error(
            "development.normalisation.invalid",
            at.clone().key(field),
            msg,
        );
    };
    match n {
        Normalisation::MinMax { lower, upper } => {
            if !lower.is_finite() || !upper.is_finite() {
                bad(issues, "upper", "min-max bounds must be finite".into());
            } else if lower == upper {
                bad(
                    issues,
                    "upper",
                    format!("min-max output range [{lower}, {upper}] is empty"),
                );
            }
        }
        Normalisation::ZScore { mean, sd } => {
            if !mean.is_finite() {
                bad(issues, "mean", "the target mean must be finite".into());
            }
            if !(sd.is_finite() && *sd > 0.0) {
                bad(
                    issues,
                    "sd",
                    format!("the target standard deviation must be positive, not {sd}"),
                );
            }
        }
        Normalisation::DistanceToTarget { target, .. } => {
            check_number(def, target, at.clone().key("target"), issues);
        }
        Normalisation::Goalposts {
            lower,
            upper,
            scale,
            ..
        } => {
            let l = check_number(def, lower, at.clone().key("lower"), issues);
            let u = check_number(def, upper, at.clone().key("upper"), issues);
            if let (Some(l), Some(u)) = (l, u)
                && l == u
            {
                issues
                    .error(
                        "development.normalisation.goalposts-equal",
                        at.clone().key("upper"),
                        format!("the goalposts are equal (lower = upper = {l})"),
                    )
                    .help = Some("the upper goalpost must differ from the lower one".into());
            }
            if !scale.is_finite() || *scale == 0.0 {
                bad(
                    issues,
                    "scale",
                    format!("the scale must be finite and non-zero, not {scale}"),
                );
            }
        }
        Normalisation::Scaled { lower, upper } => {
            let l = check_number(def, lower, at.clone().key("lower"), issues);
            let u = check_number(def, upper, at.clone().key("upper"), issues);
            if let (Some(l), Some(u)) = (l, u)
                && l == u
            {
                bad(
                    issues,
                    "upper",
                    format!("the scaling bounds are equal (lower = upper = {l})"),
                );
            }
        }
        _ => {}
    }
}

fn check_transformation(
    def: &CompositeIndex,
    t: &Transformation,
    at: Pointer,
    issues: &mut Issues,
) {
    match t {
        Transformation::None => {}
        Transformation::Log { base, offset } => {
            if !(base.is_finite() && *base > 0.0 && *base != 1.0) {
                issues.error(
                    "development.transformation.invalid",
                    at.clone().key("base"),
                    format!("a logarithm's base must be positive and not 1, not {base}"),
                );
            }
            if !offset.is_finite() {
                issues.error(
                    "development.transformation.invalid",
                    at.key("offset"),
                    "the offset must be finite",
                );
            }
        }
        Transformation::Capped { lower, upper } => {
            if lower.is_none() && upper.is_none() {
                issues.error(
                    "development.transformation.invalid",
                    at.clone(),
                    "a cap needs a lower or an upper bound",
                );
            }
            let l = lower
                .as_ref()
                .and_then(|p| check_number(def, p, at.clone().key("lower"), issues));
            let u = upper
                .as_ref()
                .and_then(|p| check_number(def, p, at.clone().key("upper"), issues));
            if let (Some(l), Some(u)) = (l, u)
                && l > u
            {
                issues.error(
                    "development.transformation.invalid",
                    at.key("upper"),
                    format!("the cap's lower bound {l} is above its upper bound {u}"),
                );
            }
        }
    }
}

fn check_share(share: f64, at: Pointer, issues: &mut Issues) {
    if !(0.0..=1.0).contains(&share) {
        issues.error(
            "development.coverage.out-of-range",
            at,
            format!("a coverage share must lie in 0..=1, not {share}"),
        );
    }
}

impl Validate for CompositeIndex {
    /// Checks ids, the tree (one root, known parents, no cycle, no empty aggregate),
    /// weights (finite, ≥ 0, siblings not summing to zero), coverage shares, normalisations
    /// (non-empty ranges, goalposts that differ, known parameters), transformations,
    /// parameters and the uncertainty factors. The rules are listed in
    /// [`DEFINITION_RULES`]. O(n) in the size of the definition.
    fn validate_into(&self, issues: &mut Issues) {
        // Ids.
        let ids =
            self.nodes
                .iter()
                .enumerate()
                .map(|(i, n)| (&n.id, Pointer::root().key("nodes").index(i).key("id")))
                .chain(
                    self.indicators.iter().enumerate().map(|(i, n)| {
                        (&n.id, Pointer::root().key("indicators").index(i).key("id"))
                    }),
                )
                .chain(
                    self.parameters.iter().enumerate().map(|(i, n)| {
                        (&n.id, Pointer::root().key("parameters").index(i).key("id"))
                    }),
                )
                .chain(self.uncertainty.iter().enumerate().map(|(i, f)| {
                    (
                        f.id(),
                        Pointer::root().key("uncertainty").index(i).key("id"),
                    )
                }));
        issues.unique_ids("development.duplicate-id", ids, String::from);

        let tree = tree::build(self, issues);

        // Weights.
        let n_ind = self.indicators.len();
        let weight_of = |s: usize| {
            if s < n_ind {
                self.indicators[s].weight
            } else {
                self.nodes[s - n_ind].weight
            }
        };
        let path_of = |s: usize| {
            if s < n_ind {
                Pointer::root().key("indicators").index(s)
            } else {
                Pointer::root().key("nodes").index(s - n_ind)
            }
        };
        for s in 0..n_ind + self.nodes.len() {
            let w = weight_of(s);
            if !(w.is_finite() && w >= 0.0) {
                issues
                    .error(
                        "development.weight.invalid",
                        path_of(s).key("weight"),
                        format!("a weight must be a finite number ≥ 0, not {w}"),
                    )
                    .help =
                    Some("weights are relative to the siblings; use 0 to switch one off".into());
            }
        }
        if let Some(t) = &tree {
            for &s in &t.post_order {
                let kids = &t.children[s];
                let sum: f64 = kids.iter().map(|&c| weight_of(c)).sum();
                if sum == 0.0 {
                    issues
                        .error(
                            "development.weight.zero-sum",
                            path_of(s),
                            format!(
                                "the weights of the {} children of node {:?} sum to zero",
                                kids.len(),
                                self.nodes[s - n_ind].id.as_str()
                            ),
                        )
                        .help = Some("give at least one child a positive weight".into());
                }
            }
        }

        // Coverage.
        for (i, n) in self.nodes.iter().enumerate() {
            if let Some(share) = n.min_coverage {
                check_share(
                    share,
                    Pointer::root().key("nodes").index(i).key("minCoverage"),
                    issues,
                );
            }
        }
        if let MissingDataRule::MinimumCoverage { share } = self.missing_data {
            check_share(
                share,
                Pointer::root().key("missingData").key("share"),
                issues,
            );
        }

        // Indicators.
        let mut series: HashMap<&str, usize> = HashMap::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            let at = Pointer::root().key("indicators").index(i);
            check_normalisation(
                self,
                &ind.normalisation,
                &at.clone().key("normalisation"),
                issues,
            );
            check_transformation(
                self,
                &ind.transformation,
                at.clone().key("transformation"),
                issues,
            );
            if let Some(first) = series.insert(ind.series.as_str(), i) {
                issues.warning(
                    "development.indicator.duplicate-series",
                    at.key("series"),
                    format!(
                        "series {:?} also feeds indicator {:?}",
                        ind.series,
                        self.indicators[first].id.as_str()
                    ),
                );
            }
        }

        // Parameters.
        for (i, p) in self.parameters.iter().enumerate() {
            let at = Pointer::root().key("parameters").index(i);
            if let Some(v) = p.value
                && !v.is_finite()
            {
                issues.error(
                    "development.parameter.invalid",
                    at.clone().key("value"),
                    format!("{v} is not a finite number"),
                );
            }
            if p.status == crate::ParameterStatus::Published && p.sources.is_empty() {
                issues.warning(
                    "development.parameter.unsourced",
                    at.key("sources"),
                    format!(
                        "parameter {:?} is marked published but cites no source",
                        p.id.as_str()
                    ),
                );
            }
        }

        // Uncertainty factors.
        let node_ids: HashMap<&str, ()> = self.nodes.iter().map(|n| (n.id.as_str(), ())).collect();
        let ind_ids: HashMap<&str, ()> = self
            .indicators
            .iter()
            .map(|n| (n.id.as_str(), ()))
            .collect();
        let root_id = tree
            .as_ref()
            .map(|t| self.nodes[t.root - n_ind].id.as_str());
        for (i, f) in self.uncertainty.iter().enumerate() {
            let at = Pointer::root().key("uncertainty").index(i);
            let target =
                |issues: &mut Issues, r: &govframe_core::Ref, j: usize, field: &str, want: &str| {
                    let p = at.clone().key(field).index(j);
                    let local = r.local();
                    let is_node = node_ids.contains_key(local)
                        && r.document().is_none_or(|d| d == self.id.as_str());
                    let is_ind = ind_ids.contains_key(local)
                        && r.document().is_none_or(|d| d == self.id.as_str());
                    let fits = match want {
                        "aggregate" => is_node,
                        "indicator" => is_ind,
                        _ => (is_node && Some(local) != root_id) || is_ind,
                    };
                    if !is_node && !is_ind {
                        issues.error(
                            "development.uncertainty.unknown-target",
                            p,
                            format!(
                                "{:?} is neither a node nor an indicator of this definition",
                                r.as_str()
                            ),
                        );
                    } else if !fits {
                        issues.error(
                            "development.uncertainty.wrong-target",
                            p,
                            format!("{:?} is not {want}", r.as_str()),
                        );
                    }
                };
            let count = |issues: &mut Issues, n: usize, field: &str| {
                if n == 0 {
                    issues.error(
                        "development.uncertainty.no-alternatives",
                        at.clone().key(field),
                        "the factor has no alternative to choose from",
                    );
                } else if n == 1 {
                    issues.warning(
                        "development.uncertainty.single-alternative",
                        at.clone().key(field),
                        "the factor has a single alternative, so it never varies",
                    );
                }
            };
            match f {
                UncertaintyFactor::Weights {
                    nodes,
                    lower,
                    upper,
                    ..
                } => {
                    for (j, r) in nodes.iter().enumerate() {
                        target(
                            issues,
                            r,
                            j,
                            "nodes",
                            "a weighted node (any node but the index, or an indicator)",
                        );
                    }
                    if !(lower.is_finite() && upper.is_finite() && *lower >= 0.0 && lower <= upper)
                    {
                        issues.error(
                            "development.uncertainty.weight-range",
                            at.clone().key("upper"),
                            format!(
                                "weight multipliers need 0 ≤ lower ≤ upper, not [{lower}, {upper}]"
                            ),
                        );
                    }
                }
                UncertaintyFactor::Normalisation {
                    include_defined,
                    alternatives,
                    ..
                } => {
                    for (j, n) in alternatives.iter().enumerate() {
                        check_normalisation(
                            self,
                            n,
                            &at.clone().key("alternatives").index(j),
                            issues,
                        );
                    }
                    count(
                        issues,
                        alternatives.len() + usize::from(*include_defined),
                        "alternatives",
                    );
                }
                UncertaintyFactor::Aggregation {
                    nodes,
                    include_defined,
                    alternatives,
                    ..
                } => {
                    for (j, r) in nodes.iter().enumerate() {
                        target(issues, r, j, "nodes", "aggregate");
                    }
                    count(
                        issues,
                        alternatives.len() + usize::from(*include_defined),
                        "alternatives",
                    );
                }
                UncertaintyFactor::DropIndicator {
                    indicators,
                    include_none,
                    ..
                } => {
                    for (j, r) in indicators.iter().enumerate() {
                        target(issues, r, j, "indicators", "indicator");
                    }
                    let n = if indicators.is_empty() {
                        self.indicators.len()
                    } else {
                        indicators.len()
                    };
                    count(issues, n + usize::from(*include_none), "indicators");
                }
            }
        }
    }
}
