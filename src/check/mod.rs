//! The engine: walk → read → prefilter → parse once → one pass over the tree (node dispatch plus
//! one merged query per language) → hits → findings and facts, per file in parallel; then the
//! cross-file stage over every rule's facts, suppressions, and one global sort.
//!
//! Nothing of a file outlives its check but its findings and facts: trees and texts are dropped
//! at once. The stages live in files of their own: [`walk`] (which files), [`read`] (bytes to
//! text, panic containment), [`plan`] (per-language dispatch tables), [`pass`] (the one pass),
//! [`emit`] (hits to findings), [`stage`] (the cross-file stage and the finished report),
//! [`suppress`] (`archdrift-ignore` comments).

pub mod emit;
pub mod pass;
pub mod plan;
pub mod read;
pub mod stage;
pub mod suppress;
pub mod walk;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::config::Config;
use crate::core::{FileProblem, Finding, Report};
use crate::lang::parse::parse;
use crate::rules::fact::FileFact;
use crate::rules::literal::Literal;

use self::plan::LangPlan;
use self::stage::Stage;
use self::suppress::Directive;
use self::walk::SourcePath;

/// Rules compiled into per-language plans, ready to check files. Owns its configuration, so an
/// editor keeps one engine per configuration.
pub struct Engine {
    cfg: Arc<Config>,
    plans: Vec<LangPlan>,
    /// All prefilter literals, and for each rule the literal ids it needs (None: always runs).
    literals: Option<(AhoCorasick, Vec<Literal>)>,
    rule_literals: Vec<Option<Vec<usize>>>,
}

/// Options of [`Engine::run_with`].
#[derive(Default)]
pub struct RunOptions<'a> {
    /// Only files whose relative path this accepts are checked (`--changed-since`).
    pub filter: Option<&'a (dyn Fn(&str) -> bool + Sync)>,
    /// Told the file count, then each finished file.
    pub progress: Option<&'a (dyn Progress + Sync)>,
    /// Outcomes of unchanged files from an earlier run (`check --cache`).
    pub cache: Option<&'a dyn OutcomeCache>,
}

/// Progress of a run (a terminal progress bar in the CLI).
pub trait Progress {
    fn start(&self, files: usize);
    fn file_done(&self);
    fn finish(&self);
}

/// Stored outcomes of earlier runs (the content-hash cache of `check --cache` implements it).
pub trait OutcomeCache: Sync {
    /// The stored outcome for this content — with only the rules `check` is asked for run
    /// again — or `check(None)`'s (all rules).
    fn get_or_check(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        check: &dyn Fn(Option<&[bool]>) -> FileOutcome,
    ) -> FileOutcome;
}

/// The result of checking one file.
#[derive(Clone, Debug, Default)]
pub struct FileOutcome {
    pub findings: Vec<Finding>,
    /// Typed facts for the rules' cross-file stages (import edges, units, repeated values).
    pub facts: Vec<FileFact>,
    pub problem: Option<FileProblem>,
    pub parse_error: bool,
    /// Whether the file was checked (false for skips and errors).
    pub checked: bool,
    /// Imports that could not be resolved (reported or not, per rule).
    pub unresolved_imports: usize,
    /// `archdrift-ignore` comments found in the file (applied after all files are checked).
    pub suppressions: Vec<Directive>,
}

impl Engine {
    pub fn new(cfg: impl Into<Arc<Config>>) -> Result<Self, String> {
        let cfg: Arc<Config> = cfg.into();
        let plans = crate::lang::Lang::ALL
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
        })
    }

    /// The configuration this engine checks with.
    pub fn config(&self) -> &Arc<Config> {
        &self.cfg
    }

    /// Checks every file under `paths` in parallel and returns the sorted report.
    pub fn run(&self, paths: &[PathBuf], threads: usize) -> Report {
        self.run_with(paths, threads, &RunOptions::default())
    }

    /// [`Engine::run`] with a file filter (changed files), a progress callback and a cache.
    pub fn run_with(&self, paths: &[PathBuf], threads: usize, opts: &RunOptions<'_>) -> Report {
        let start = Instant::now();
        let mut walked = walk::collect(&self.cfg.root, paths, &self.cfg.exclude, threads);
        if let Some(keep) = opts.filter {
            walked.files.retain(|sp| keep(&sp.rel));
        }
        if let Some(p) = opts.progress {
            p.start(walked.files.len());
        }
        let outcomes: Vec<FileOutcome> = walked
            .files
            .par_iter()
            .map(|sp| {
                let o = self.check_path(sp, opts.cache);
                if let Some(p) = opts.progress {
                    p.file_done();
                }
                o
            })
            .collect();
        if let Some(p) = opts.progress {
            p.finish();
        }
        let mut stage = Stage::new(
            walked.problems,
            walked.files.iter().map(|sp| sp.rel.clone()).collect(),
        );
        for o in outcomes {
            stage.add(o);
        }
        let mut report = self.finish(stage);
        report.elapsed = start.elapsed();
        report
    }
}

/// Walk + read + parse only, the same way a check does: the floor a check's time is compared to.
/// Returns (files parsed, bytes parsed, files with syntax errors).
pub fn parse_floor(cfg: &Config, paths: &[PathBuf], threads: usize) -> (usize, u64, usize) {
    let walked = walk::collect(&cfg.root, paths, &cfg.exclude, threads);
    walked
        .files
        .par_iter()
        .map(|sp| {
            let Ok(bytes) = std::fs::read(&sp.path) else {
                return (0, 0, 0);
            };
            if bytes.len() as u64 > cfg.max_file_size {
                return (0, 0, 0);
            }
            let Ok(text) = std::str::from_utf8(&bytes) else {
                return (0, 0, 0);
            };
            match parse(sp.lang, text) {
                Ok(t) => (
                    1,
                    bytes.len() as u64,
                    usize::from(t.root_node().has_error()),
                ),
                Err(_) => (0, 0, 0),
            }
        })
        .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
}
