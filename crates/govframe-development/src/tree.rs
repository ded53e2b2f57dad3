//! The tree of a definition, resolved: slots, children, order of aggregation.
//!
//! Slots number every element of the tree: indicators first (`0..n_indicators`, in the
//! document's order), then aggregates (`n_indicators + i` for `nodes[i]`).

use std::collections::HashMap;

use govframe_core::{Issues, Pointer};

use crate::definition::CompositeIndex;

/// The resolved tree of a valid definition.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    /// Number of indicators (the first slots).
    pub n_indicators: usize,
    /// Parent slot of each slot (`None` for the root).
    pub parent: Vec<Option<usize>>,
    /// Children of each slot (empty for indicators), aggregates first, in document order.
    pub children: Vec<Vec<usize>>,
    /// Aggregate slots, every child before its parent; the root is last.
    pub post_order: Vec<usize>,
    /// The root slot.
    pub root: usize,
    /// Depth of each slot (root 0).
    pub depth: Vec<u32>,
}

impl Tree {
    /// Number of slots.
    pub fn len(&self) -> usize {
        self.parent.len()
    }
}

fn node_path(i: usize) -> Pointer {
    Pointer::root().key("nodes").index(i)
}

fn indicator_path(i: usize) -> Pointer {
    Pointer::root().key("indicators").index(i)
}

/// Builds the tree, reporting every structural problem. Returns `None` when the structure
/// is unusable. O(n) with hashing.
pub(crate) fn build(def: &CompositeIndex, issues: &mut Issues) -> Option<Tree> {
    let n_ind = def.indicators.len();
    let n = n_ind + def.nodes.len();
    let mut ok = true;
    let node_ids: HashMap<&str, usize> = def
        .nodes
        .iter()
        .enumerate()
        .map(|(i, nd)| (nd.id.as_str(), i))
        .collect();
    let indicator_ids: HashMap<&str, usize> = def
        .indicators
        .iter()
        .enumerate()
        .map(|(i, nd)| (nd.id.as_str(), i))
        .collect();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let resolve = |r: &govframe_core::Ref, at: Pointer, issues: &mut Issues| -> Option<usize> {
        if r.document().is_some_and(|d| d != def.id.as_str()) {
            issues
                .error(
                    "development.node.foreign-parent",
                    at,
                    format!("parent {:?} is in another document", r.as_str()),
                )
                .help = Some("a parent is a node of the same definition".into());
            return None;
        }
        if let Some(&i) = node_ids.get(r.local()) {
            return Some(n_ind + i);
        }
        if indicator_ids.contains_key(r.local()) {
            issues
                .error(
                    "development.node.parent-is-indicator",
                    at,
                    format!("parent {:?} is an indicator, not an aggregate", r.local()),
                )
                .help = Some("indicators are leaves: name a node of `nodes`".into());
        } else {
            issues
                .error(
                    "development.node.unknown-parent",
                    at,
                    format!("parent {:?} is not a node of this definition", r.local()),
                )
                .help = Some("name the id of one of the `nodes`".into());
        }
        None
    };
    for (i, ind) in def.indicators.iter().enumerate() {
        match resolve(&ind.parent, indicator_path(i).key("parent"), issues) {
            Some(p) => parent[i] = Some(p),
            None => ok = false,
        }
    }
    let mut roots = Vec::new();
    for (i, nd) in def.nodes.iter().enumerate() {
        match &nd.parent {
            None => roots.push(i),
            Some(r) => match resolve(r, node_path(i).key("parent"), issues) {
                Some(p) if p == n_ind + i => {
                    issues.error(
                        "development.tree.cycle",
                        node_path(i).key("parent"),
                        format!("node {:?} is its own parent", nd.id.as_str()),
                    );
                    ok = false;
                }
                Some(p) => parent[n_ind + i] = Some(p),
                None => ok = false,
            },
        }
    }
    if def.nodes.is_empty() {
        issues
            .error(
                "development.tree.no-root",
                "/nodes",
                "the definition has no nodes: it needs at least the index itself",
            )
            .help = Some("add a node without parent: the index".into());
        return None;
    }
    let root = match roots.as_slice() {
        [] => {
            issues
                .error(
                    "development.tree.no-root",
                    "/nodes",
                    "every node has a parent: the index (a node without parent) is missing",
                )
                .help = Some("leave out `parent` on the node that is the index".into());
            ok = false;
            None
        }
        [r] => Some(n_ind + r),
        [first, rest @ ..] => {
            for r in rest {
                issues.error(
                    "development.tree.multiple-roots",
                    node_path(*r),
                    format!(
                        "node {:?} has no parent, like node {:?}: a definition has one index",
                        def.nodes[*r].id.as_str(),
                        def.nodes[*first].id.as_str()
                    ),
                );
            }
            ok = false;
            None
        }
    };
    // Cycles: follow parents from every node; a walk longer than n is a cycle.
    let mut reported = vec![false; n];
    for start in n_ind..n {
        let mut s = start;
        let mut steps = 0;
        while let Some(p) = parent[s] {
            s = p;
            steps += 1;
            if steps > n {
                break;
            }
        }
        if steps > n && !reported[s] {
            // Mark the whole cycle so it is reported once.
            let mut members = Vec::new();
            let mut c = s;
            loop {
                members.push(c);
                reported[c] = true;
                match parent[c] {
                    Some(p) if p != s => c = p,
                    _ => break,
                }
            }
            members.sort_unstable();
            let names: Vec<&str> = members
                .iter()
                .map(|m| def.nodes[m - n_ind].id.as_str())
                .collect();
            let first = members[0] - n_ind;
            issues
                .error(
                    "development.tree.cycle",
                    node_path(first).key("parent"),
                    format!("nodes {} form a cycle of parents", names.join(" → ")),
                )
                .help = Some("the tree must lead from every node up to the index".into());
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let root = root?;
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for s in (n_ind..n).chain(0..n_ind) {
        if let Some(p) = parent[s] {
            children[p].push(s);
        }
    }
    for (i, nd) in def.nodes.iter().enumerate() {
        if children[n_ind + i].is_empty() {
            issues
                .error(
                    "development.node.no-children",
                    node_path(i),
                    format!("node {:?} has no children", nd.id.as_str()),
                )
                .help = Some("give it indicators or sub-nodes, or remove it".into());
            ok = false;
        }
    }
    // Post-order by iterative DFS from the root.
    let mut post_order = Vec::with_capacity(def.nodes.len());
    let mut depth = vec![0u32; n];
    let mut stack = vec![(root, 0usize)];
    while let Some((s, k)) = stack.pop() {
        if k < children[s].len() {
            stack.push((s, k + 1));
            let c = children[s][k];
            depth[c] = depth[s] + 1;
            if c >= n_ind {
                stack.push((c, 0));
            }
        } else {
            post_order.push(s);
        }
    }
    if !ok {
        return None;
    }
    Some(Tree {
        n_indicators: n_ind,
        parent,
        children,
        post_order,
        root,
        depth,
    })
}
