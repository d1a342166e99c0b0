//! The engine: rules compiled into per-language plans and one prefilter automaton, ready to
//! check files. It owns its configuration, so an editor keeps one engine per configuration.

use std::sync::Arc;

use aho_corasick::AhoCorasick;

use crate::config::Config;
use crate::lang::Lang;
use crate::rules::literal::Literal;

use super::plan::{self, LangPlan};

/// Rules compiled into per-language plans, ready to check files. Owns its configuration, so an
/// editor keeps one engine per configuration.
pub struct Engine {
    pub(super) cfg: Arc<Config>,
    pub(super) plans: Vec<LangPlan>,
    /// For each rule the ids of the prefilter literals it needs (one of them; None: always
    /// runs).
    pub(super) rule_literals: Vec<Option<Vec<usize>>>,
    /// Per language (by `Lang::index`): the prefilter and anchor literals of every rule, found
    /// in one scan per file.
    pub(super) scans: Vec<Option<Scan>>,
    /// The kinds' text prefilters and anchors are used (tests turn them off to hold the
    /// findings identical without them).
    pub(super) kind_prefilters: bool,
}

impl Engine {
    pub fn new(cfg: impl Into<Arc<Config>>) -> Result<Self, String> {
        let cfg: Arc<Config> = cfg.into();
        let plans = Lang::ALL
            .iter()
            .map(|lang| plan::build_plan(&cfg, *lang))
            .collect();
        let mut lits: Vec<Literal> = Vec::new();
        let mut rule_literals = Vec::new();
        for r in &cfg.rules {
            rule_literals.push(r.matcher.prefilter().map(|p| {
                p.iter()
                    .map(|l| match lits.iter().position(|x| x == l) {
                        Some(i) => i,
                        None => {
                            lits.push(l.clone());
                            lits.len() - 1
                        }
                    })
                    .collect::<Vec<_>>()
            }));
        }
        let scans = Lang::ALL
            .iter()
            .map(|l| Scan::new(&cfg, *l, &lits))
            .collect::<Result<_, _>>()?;
        Ok(Engine {
            cfg,
            plans,
            rule_literals,
            scans,
            kind_prefilters: true,
        })
    }

    /// Without the kinds' anchors and the text prefilters of the kinds with anchors (the others
    /// may exclude files by design): every node of every file a rule applies to is seen (the
    /// findings must be the same).
    #[cfg(test)]
    pub(crate) fn without_kind_prefilters(mut self) -> Self {
        self.kind_prefilters = false;
        self
    }

    /// The configuration this engine checks with.
    pub(crate) fn config(&self) -> &Arc<Config> {
        &self.cfg
    }
}

/// Literals up to which the scan's automaton is a DFA.
const MAX_DFA_LITERALS: usize = 500;

/// The one scan of a file's text before parsing, for one language: every rule's prefilter
/// literals and anchor literals
/// ([`RuleKind::anchor_literals`](crate::rules::kind::RuleKind::anchor_literals)) in one
/// automaton; per pattern, the prefilter literal it is (its id in the rules' lists) and the
/// rules whose anchors its occurrences are.
pub(super) struct Scan {
    pub(super) ac: AhoCorasick,
    pub(super) lits: Vec<Literal>,
    pub(super) prefilter_id: Vec<Option<usize>>,
    pub(super) rules_of: Vec<Vec<u32>>,
    /// Prefilter literals in all (the length of a file's "present" table).
    pub(super) prefilter_count: usize,
    /// Per rule: whether it has anchor literals for this language.
    pub(super) has_anchors: Vec<bool>,
}

impl Scan {
    fn new(cfg: &Config, lang: Lang, prefilter: &[Literal]) -> Result<Option<Self>, String> {
        let mut lits: Vec<Literal> = Vec::new();
        let mut prefilter_id: Vec<Option<usize>> = Vec::new();
        let mut rules_of: Vec<Vec<u32>> = Vec::new();
        let mut anchor_id: std::collections::HashMap<Literal, usize> =
            std::collections::HashMap::new();
        for (i, l) in prefilter.iter().enumerate() {
            lits.push(l.clone());
            prefilter_id.push(Some(i));
            rules_of.push(Vec::new());
        }
        let mut has_anchors = vec![false; cfg.rules.len()];
        for (ri, r) in cfg.rules.iter().enumerate() {
            if !r.matcher.languages().contains(lang) {
                continue;
            }
            let Some(list) = r.matcher.anchor_literals(lang) else {
                continue;
            };
            has_anchors[ri] = true;
            for l in list {
                let i = *anchor_id.entry(l.clone()).or_insert_with(|| {
                    lits.push(l.clone());
                    prefilter_id.push(None);
                    rules_of.push(Vec::new());
                    lits.len() - 1
                });
                if !rules_of[i].contains(&(ri as u32)) {
                    rules_of[i].push(ri as u32);
                }
            }
        }
        if lits.is_empty() {
            return Ok(None);
        }
        // a DFA scans fastest; its construction grows with the literals (a rule may have
        // thousands), beyond which the automaton is left to choose
        let kind = (lits.len() <= MAX_DFA_LITERALS).then_some(aho_corasick::AhoCorasickKind::DFA);
        let ac = AhoCorasick::builder()
            .kind(kind)
            .build(lits.iter().map(|l| &l.text))
            .or_else(|_| AhoCorasick::new(lits.iter().map(|l| &l.text)))
            .map_err(|e| format!("prefilter: {e}"))?;
        Ok(Some(Scan {
            ac,
            lits,
            prefilter_id,
            rules_of,
            prefilter_count: prefilter.len(),
            has_anchors,
        }))
    }
}
