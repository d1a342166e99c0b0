//! Per-language plans for the one pass: which rules look at which node kinds, where each
//! rule's query can run (at the node kinds its patterns start at, or over the whole tree), and
//! the node kinds the pass tracks for Rust test code.

use crate::config::Config;
use crate::lang::query::{pattern_root_kinds, pattern_texts};
use crate::lang::Lang;

/// What one language needs for the one pass: node-kind dispatch and where queries run.
pub(crate) struct LangPlan {
    /// Node kind id → what the one pass does at nodes of that kind (bit flags below).
    pub(crate) class: Vec<u8>,
    /// Node kind id → rules that want to see nodes of that kind.
    pub(crate) dispatch: Vec<Vec<u32>>,
    /// Node kind id → rules whose query patterns all start at nodes of known kinds, this one
    /// among them: their query runs at the outermost such nodes, inside the one pass.
    pub(crate) query_roots: Vec<Vec<u32>>,
    /// Rules with a query for this language, and whether it is rooted (else it runs over the
    /// whole tree after the pass).
    pub(crate) queries: Vec<(u32, bool)>,
    /// Rule index → the weight of its query for this language (see [`query_weight`]).
    pub(crate) query_weight: Vec<u64>,
}

/// A bound on how many alternatives and steps of a query can be open at one node: one plus
/// the number of `(` and `[` in its source. Each node a run of the query may start at is
/// charged a quarter of its square (the second factor capped by the cursor's match limit)
/// against the file's work budget: work the query cursor does without reporting it (a state
/// per alternative, compared with every other open state; matches a predicate then rejects)
/// is counted too, so a query of 10,000 alternatives runs out of budget at once.
pub(crate) fn query_weight(source: &str) -> u64 {
    1 + source.bytes().filter(|b| matches!(b, b'(' | b'[')).count() as u64
}

pub(crate) const DISPATCH: u8 = 1;
pub(crate) const QUERY_ROOT: u8 = 2;
pub(crate) const ATTRIBUTE: u8 = 4;
pub(crate) const INNER_ATTRIBUTE: u8 = 8;
pub(crate) const COMMENT: u8 = 16;

pub(crate) fn build_plan(cfg: &Config, lang: Lang) -> LangPlan {
    let grammar = lang.grammar();
    let count = grammar.node_kind_count();
    let ids_named = |name: &str| -> Vec<usize> {
        (0..count as u16)
            .filter(|id| {
                grammar.node_kind_is_named(*id) && grammar.node_kind_for_id(*id) == Some(name)
            })
            .map(usize::from)
            .collect()
    };
    let mut class = vec![0u8; count];
    let mut dispatch: Vec<Vec<u32>> = vec![Vec::new(); count];
    let mut query_roots: Vec<Vec<u32>> = vec![Vec::new(); count];
    let mut queries = Vec::new();
    let mut query_weights = vec![0u64; cfg.rules.len()];
    for (ri, rule) in cfg.rules.iter().enumerate() {
        if !rule.matcher.languages().contains(lang) {
            continue;
        }
        for name in rule.matcher.node_kinds(lang) {
            for id in ids_named(name) {
                dispatch[id].push(ri as u32);
                class[id] |= DISPATCH;
            }
        }
        if let Some((q, source)) = rule.matcher.query(lang) {
            query_weights[ri] = query_weight(source);
            // Can the query run only at the nodes its patterns start at?
            let mut roots = Vec::new();
            let mut rooted = true;
            for text in pattern_texts(q, source) {
                let ids: Vec<usize> = pattern_root_kinds(text)
                    .unwrap_or_default()
                    .iter()
                    .flat_map(|k| ids_named(k))
                    .collect();
                let usable = !ids.is_empty()
                    && ids.iter().all(|id| {
                        grammar.node_kind_is_visible(*id as u16)
                            && !grammar.node_kind_is_supertype(*id as u16)
                    });
                if !usable {
                    rooted = false;
                    break;
                }
                roots.extend(ids);
            }
            if rooted {
                roots.sort_unstable();
                roots.dedup();
                for id in roots {
                    query_roots[id].push(ri as u32);
                    class[id] |= QUERY_ROOT;
                }
            }
            queries.push((ri as u32, rooted));
        }
    }
    if lang == Lang::Rust {
        for (name, flag) in [
            ("attribute_item", ATTRIBUTE),
            ("inner_attribute_item", INNER_ATTRIBUTE),
            ("line_comment", COMMENT),
            ("block_comment", COMMENT),
        ] {
            for id in ids_named(name) {
                class[id] |= flag;
            }
        }
    }
    LangPlan {
        class,
        dispatch,
        query_roots,
        queries,
        query_weight: query_weights,
    }
}
