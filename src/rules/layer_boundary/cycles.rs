//! The import graph stage, after every file was checked on its own: resolved import edges in,
//! cycle findings out. Deterministic: the output depends only on the set of edges.

use std::collections::{BTreeMap, BTreeSet};

use crate::core::{stable_hash, Finding, Related};

/// One resolved import, recorded by a rule that forbids cycles.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub(crate) struct Edge {
    /// Node names: files (`cycles = "files"`) or layers (`cycles = "layers"`).
    pub(crate) from: String,
    pub(crate) to: String,
    /// Where the import is written.
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) specifier: String,
    /// Byte span of the import in `file` (for snippets).
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
}

/// Strongly connected components with more than one node (or a self-loop), each as its sorted
/// node list (Tarjan, iterative: deep graphs cannot overflow the stack).
pub(crate) fn cyclic_components(
    nodes: &[String],
    succ: &BTreeMap<usize, BTreeSet<usize>>,
) -> Vec<Vec<usize>> {
    let n = nodes.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut out = Vec::new();
    let empty = BTreeSet::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, successors not yet visited)
        let mut work: Vec<(usize, Vec<usize>)> = Vec::new();
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        work.push((
            root,
            succ.get(&root)
                .unwrap_or(&empty)
                .iter()
                .rev()
                .copied()
                .collect(),
        ));
        while let Some((v, pending)) = work.last_mut() {
            let v = *v;
            if let Some(w) = pending.pop() {
                if index[w] == usize::MAX {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((
                        w,
                        succ.get(&w)
                            .unwrap_or(&empty)
                            .iter()
                            .rev()
                            .copied()
                            .collect(),
                    ));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some((parent, _)) = work.last() {
                low[*parent] = low[*parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                let self_loop = succ.get(&v).is_some_and(|s| s.contains(&v));
                if comp.len() > 1 || self_loop {
                    comp.sort_unstable();
                    out.push(comp);
                }
            }
        }
    }
    out.sort();
    out
}

/// A shortest cycle through the smallest node of a component (BFS inside the component).
fn cycle_path(
    start: usize,
    comp: &BTreeSet<usize>,
    succ: &BTreeMap<usize, BTreeSet<usize>>,
) -> Vec<usize> {
    let mut prev: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::new();
    queue.push_back(start);
    while let Some(v) = queue.pop_front() {
        for &w in succ.get(&v).into_iter().flatten() {
            if !comp.contains(&w) {
                continue;
            }
            if w == start {
                let mut path = vec![v];
                let mut cur = v;
                while cur != start {
                    cur = prev[&cur];
                    path.push(cur);
                }
                path.reverse();
                return path;
            }
            if let std::collections::btree_map::Entry::Vacant(e) = prev.entry(w) {
                e.insert(v);
                queue.push_back(w);
            }
        }
    }
    vec![start]
}

/// Findings for every import cycle among `edges`, one per cycle, shaped from `template` (the
/// rule's identity, ADR, severity): placed at the first import of the cycle, with every import
/// that closes it in `related`.
pub(crate) fn cycle_findings(mut edges: Vec<Edge>, template: &Finding, what: &str) -> Vec<Finding> {
    edges.sort();
    edges.dedup();
    let mut names: BTreeSet<String> = BTreeSet::new();
    for e in &edges {
        names.insert(e.from.clone());
        names.insert(e.to.clone());
    }
    let nodes: Vec<String> = names.into_iter().collect();
    let id = |s: &str| {
        nodes
            .binary_search_by(|n| n.as_str().cmp(s))
            .expect("node listed")
    };
    let mut succ: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    // the first place each edge is written (edges are sorted)
    let mut example: BTreeMap<(usize, usize), &Edge> = BTreeMap::new();
    for e in &edges {
        let (a, b) = (id(&e.from), id(&e.to));
        succ.entry(a).or_default().insert(b);
        example.entry((a, b)).or_insert(e);
    }
    let mut out = Vec::new();
    for comp in cyclic_components(&nodes, &succ) {
        let members: BTreeSet<usize> = comp.iter().copied().collect();
        let path = cycle_path(comp[0], &members, &succ);
        let steps: Vec<&Edge> = (0..path.len())
            .map(|i| example[&(path[i], path[(i + 1) % path.len()])])
            .collect();
        let mut names: Vec<&str> = path.iter().map(|i| nodes[*i].as_str()).collect();
        names.push(nodes[path[0]].as_str());
        let first = steps[0];
        let mut f = template.clone();
        f.file = first.file.clone();
        f.line = first.line;
        f.column = first.column;
        f.end_line = first.line;
        f.end_column = first.column;
        f.byte_start = first.byte_start;
        f.byte_end = first.byte_end;
        f.matched = first.specifier.clone();
        f.message = format!("import cycle between {what}: {}", names.join(" → "));
        f.help = Some(format!(
            "{} {what} depend on each other; break the cycle by moving what they share into a module both may import{}",
            comp.len(),
            if comp.len() > path.len() {
                format!(" ({} {what} are entangled in all: {})", comp.len(), comp.iter().map(|i| nodes[*i].as_str()).collect::<Vec<_>>().join(", "))
            } else {
                String::new()
            }
        ));
        f.related = steps
            .iter()
            .map(|e| Related {
                file: e.file.clone(),
                line: e.line,
                column: e.column,
                message: format!("{} imports {} (`{}`)", e.from, e.to, e.specifier),
            })
            .collect();
        let key: Vec<&str> = comp.iter().map(|i| nodes[*i].as_str()).collect();
        f.fingerprint = format!(
            "{:016x}",
            stable_hash(&[&template.rule, "cycle", &key.join("\n")])
        );
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: &str, to: &str, line: usize) -> Edge {
        Edge {
            from: from.into(),
            to: to.into(),
            file: from.into(),
            line,
            column: 1,
            specifier: to.into(),
            byte_start: 0,
            byte_end: 0,
        }
    }

    #[test]
    fn finds_cycles_and_ignores_dags() {
        let t = Finding {
            rule: "r".into(),
            kind: "layer-boundary".into(),
            severity: crate::core::Severity::Error,
            message: String::new(),
            file: String::new(),
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            adr: Default::default(),
            help: None,
            fingerprint: String::new(),
            matched: String::new(),
            related: vec![],
            byte_start: 0,
            byte_end: 0,
            fix: None,
            redact: false,
        };
        let dag = vec![edge("a", "b", 1), edge("b", "c", 1), edge("a", "c", 2)];
        assert!(cycle_findings(dag, &t, "files").is_empty());
        let cyc = vec![
            edge("c", "a", 3),
            edge("a", "b", 1),
            edge("b", "c", 1),
            edge("d", "a", 1),
            edge("x", "x", 9),
        ];
        let f = cycle_findings(cyc.clone(), &t, "files");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].message, "import cycle between files: a → b → c → a");
        assert_eq!(f[0].related.len(), 3);
        assert_eq!(f[1].message, "import cycle between files: x → x");
        // order of arrival does not matter
        let mut rev = cyc;
        rev.reverse();
        assert_eq!(cycle_findings(rev, &t, "files"), f);
    }

    #[test]
    fn deep_chains_do_not_overflow() {
        let n = 100_000;
        let mut succ = BTreeMap::new();
        let nodes: Vec<String> = (0..n).map(|i| format!("{i:06}")).collect();
        for i in 0..n {
            succ.insert(i, BTreeSet::from([(i + 1) % n]));
        }
        let comps = cyclic_components(&nodes, &succ);
        assert_eq!(comps.len(), 1);
        assert_eq!(comps[0].len(), n);
    }
}
