//! The engine: rules compiled into per-language plans and one prefilter automaton, ready to
//! check files. It owns its configuration, so an editor keeps one engine per configuration.

use std::sync::Arc;

use crate::config::Config;
use crate::lang::Lang;
use crate::rules::literal::{Literal, Overlapping};

use super::plan::{self, LangPlan};

/// Rules compiled into per-language plans, ready to check files. Owns its configuration, so an
/// editor keeps one engine per configuration.
pub struct Engine {
    pub(super) cfg: Arc<Config>,
    pub(super) plans: Vec<LangPlan>,
    /// For each rule the ids of the prefilter literals it needs (one of them; None: always
    /// runs).
    pub(super) rule_literals: Vec<Option<Vec<usize>>>,
    /// For each prefilter literal the rules that need it (one of theirs).
    pub(super) literal_rules: Vec<Vec<u32>>,
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
        let mut literal_rules = vec![Vec::new(); lits.len()];
        for (ri, l) in rule_literals.iter().enumerate() {
            for &li in l.iter().flatten() {
                literal_rules[li].push(ri as u32);
            }
        }
        let scans = Lang::ALL
            .iter()
            .map(|l| Scan::new(&cfg, *l, &lits))
            .collect::<Result<_, _>>()?;
        Ok(Engine {
            cfg,
            plans,
            rule_literals,
            literal_rules,
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

/// The one scan of a file's text before parsing, for one language: every rule's prefilter
/// literals, anchor literals
/// ([`RuleKind::anchor_literals`](crate::rules::kind::RuleKind::anchor_literals)) and anchor
/// candidates ([`RuleKind::anchor_candidates`](crate::rules::kind::RuleKind::anchor_candidates))
/// in one automaton (ignoring ASCII case when a literal folds: the others are then compared as
/// written); per pattern, the prefilter literal it is (its id in the rules' lists), the rules
/// whose anchors its occurrences are, and the rules whose candidates they are (with the
/// literal's index in the rule's list).
pub(super) struct Scan {
    pub(super) ac: Overlapping,
    pub(super) lits: Vec<Literal>,
    pub(super) prefilter_id: Vec<Option<usize>>,
    pub(super) rules_of: Vec<Vec<u32>>,
    pub(super) candidates_of: Vec<Vec<(u32, u32)>>,
    /// Prefilter literals in all (the length of a file's "present" table).
    pub(super) prefilter_count: usize,
    /// Per rule: whether it has anchor literals or candidates for this language.
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
        let mut candidates_of: Vec<Vec<(u32, u32)>> = vec![Vec::new(); lits.len()];
        let mut has_anchors = vec![false; cfg.rules.len()];
        for (ri, r) in cfg.rules.iter().enumerate() {
            if !r.matcher.languages().contains(lang) {
                continue;
            }
            let (anchors, candidates) = (
                r.matcher.anchor_literals(lang),
                r.matcher.anchor_candidates(lang),
            );
            let all = anchors.into_iter().flatten().map(|l| (l, None));
            let all = all.chain(
                candidates
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(k, l)| (l, Some(k as u32))),
            );
            for (l, candidate) in all {
                let i = *anchor_id.entry(l.clone()).or_insert_with(|| {
                    lits.push(l.clone());
                    prefilter_id.push(None);
                    rules_of.push(Vec::new());
                    candidates_of.push(Vec::new());
                    lits.len() - 1
                });
                match candidate {
                    None if !rules_of[i].contains(&(ri as u32)) => rules_of[i].push(ri as u32),
                    None => {}
                    Some(k) => candidates_of[i].push((ri as u32, k)),
                }
            }
            has_anchors[ri] = anchors.is_some() || candidates.is_some();
        }
        if lits.is_empty() {
            return Ok(None);
        }
        // a DFA scans fastest (up to `MAX_DFA_LITERALS`)
        let fold = lits.iter().any(|l| l.fold);
        let texts: Vec<&str> = lits.iter().map(|l| l.text.as_str()).collect();
        let ac = Overlapping::new(&texts, fold).map_err(|e| format!("prefilter: {e}"))?;
        Ok(Some(Scan {
            ac,
            lits,
            prefilter_id,
            rules_of,
            candidates_of,
            prefilter_count: prefilter.len(),
            has_anchors,
        }))
    }
}
