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
    /// All prefilter literals, and for each rule the literal ids it needs (None: always runs).
    pub(super) literals: Option<(AhoCorasick, Vec<Literal>)>,
    pub(super) rule_literals: Vec<Option<Vec<usize>>>,
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
        let literals = if lits.is_empty() {
            None
        } else {
            let ac = AhoCorasick::new(lits.iter().map(|l| &l.text))
                .map_err(|e| format!("prefilter: {e}"))?;
            Some((ac, lits))
        };
        Ok(Engine {
            cfg,
            plans,
            literals,
            rule_literals,
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
