//! Representative-centred clusters: every member is a near-copy of the cluster's representative.
//!
//! Union-find over "is a near-copy of" chains unrelated units together (A~B and B~C puts A with C
//! however far apart they are). Instead, within each connected group, the representative is
//! chosen on purpose — a design-system unit when the group has one, otherwise the medoid (the
//! unit with the most near-copies, ties broken by the highest total similarity, then by file and
//! position) — and the cluster is the representative with its own near-copies, each carrying its
//! similarity to the representative. Those leave the group and the rest is clustered again, so a
//! unit that is only similar to a member (never to the representative) starts its own cluster or
//! none. Deterministic: the order of the input pairs does not matter.

use super::similarity::UnionFind;

/// How two units relate, when they are near-copies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Link {
    /// Jaccard similarity of the k-gram sets (IDF-weighted when the rule asks; 1 for exact).
    pub(crate) similarity: f64,
    /// Share of the smaller unit's k-grams found in the larger one.
    pub(crate) containment: f64,
    /// The normalised token sequences are identical.
    pub(crate) exact: bool,
}

/// A cluster: its representative and each member with its link to the representative.
pub(crate) struct Cluster {
    pub(crate) rep: usize,
    pub(crate) members: Vec<(usize, Link)>,
}

/// Clusters over `n` units from the qualifying pairs `(a, b, link)`; `preferred(i)` marks units
/// that should represent their group when they can (the design system's).
pub(crate) fn clusters(
    n: usize,
    pairs: &[(usize, usize, Link)],
    preferred: impl Fn(usize) -> bool,
) -> Vec<Cluster> {
    let mut adj: Vec<Vec<(usize, Link)>> = vec![Vec::new(); n];
    let mut uf = UnionFind::new(n);
    for &(a, b, l) in pairs {
        if a == b {
            continue;
        }
        adj[a].push((b, l));
        adj[b].push((a, l));
        uf.union(a, b);
    }
    for list in &mut adj {
        list.sort_by_key(|&(j, _)| j);
        list.dedup_by_key(|&mut (j, _)| j);
    }
    let mut alive = vec![true; n];
    // a member's link to the representative of the cluster it was first listed in: a later
    // representative it is a closer copy of lists it too (a unit near-copied from two
    // representatives is a copy of both; left out of the second, that pair is never reported)
    let mut first: Vec<Option<f64>> = vec![None; n];
    let strength = |l: &Link| {
        if l.exact {
            2.0
        } else {
            l.similarity.max(l.containment)
        }
    };
    let mut out = Vec::new();
    for group in uf.groups() {
        loop {
            // the best representative among the members still in the group
            let mut best: Option<(usize, (bool, usize, f64))> = None;
            for &i in &group {
                if !alive[i] {
                    continue;
                }
                let (mut degree, mut total) = (0usize, 0.0f64);
                for &(j, l) in &adj[i] {
                    if alive[j] {
                        degree += 1;
                        total += l.similarity.max(l.containment);
                    }
                }
                if degree == 0 {
                    continue;
                }
                let key = (preferred(i), degree, total);
                let better = best.as_ref().is_none_or(|(_, b)| {
                    (key.0, key.1)
                        .cmp(&(b.0, b.1))
                        .then(key.2.total_cmp(&b.2))
                        .is_gt()
                });
                if better {
                    best = Some((i, key));
                }
            }
            let Some((rep, _)) = best else { break };
            let members: Vec<(usize, Link)> = adj[rep]
                .iter()
                .copied()
                .filter(|(j, l)| alive[*j] || first[*j].is_some_and(|f| strength(l) > f))
                .collect();
            alive[rep] = false;
            for (j, l) in &members {
                alive[*j] = false;
                first[*j] = Some(first[*j].map_or(strength(l), |f| f.max(strength(l))));
            }
            out.push(Cluster { rep, members });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(s: f64) -> Link {
        Link {
            similarity: s,
            containment: s,
            exact: false,
        }
    }

    #[test]
    fn a_chain_is_split_at_the_representative() {
        // 0~1~2~3~4: a chain; 2 has two near-copies, as have 1 and 3, but 2's total is highest
        let pairs = [
            (0, 1, link(0.6)),
            (1, 2, link(0.7)),
            (2, 3, link(0.7)),
            (3, 4, link(0.6)),
        ];
        let cs = clusters(5, &pairs, |_| false);
        let got: Vec<(usize, Vec<usize>)> = cs
            .iter()
            .map(|c| (c.rep, c.members.iter().map(|m| m.0).collect()))
            .collect();
        // 2 with its near-copies 1 and 3; 0 and 4 are near-copies of no one left
        assert_eq!(got, vec![(2, vec![1, 3])]);
    }

    #[test]
    fn the_preferred_unit_represents_and_the_order_of_pairs_does_not_matter() {
        let mut pairs = vec![
            (0, 1, link(0.9)),
            (0, 2, link(0.8)),
            (1, 2, link(0.85)),
            (2, 3, link(0.6)),
        ];
        let a = clusters(4, &pairs, |i| i == 3);
        pairs.reverse();
        let b = clusters(4, &pairs, |i| i == 3);
        for cs in [a, b] {
            let got: Vec<(usize, Vec<usize>)> = cs
                .iter()
                .map(|c| (c.rep, c.members.iter().map(|m| m.0).collect()))
                .collect();
            // 3 (preferred) takes 2; 0 and 1 are a cluster of their own, and 2, a closer
            // copy of 0 (0.8) than of 3 (0.6), is listed there too
            assert_eq!(got, vec![(3, vec![2]), (0, vec![1, 2])]);
        }
    }
}
