//! A whole run: walk, check every file in parallel, then the stage over all of them.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::config::Config;
use crate::core::{CommandError, FileProblem, Report};
use crate::lang::parse::parse;

use super::engine::Engine;
use super::outcome::{FileOutcome, OutcomeCache};
use super::stage::Stage;
use super::walk;

/// Options of [`Engine::run_with`].
#[derive(Default)]
pub(crate) struct RunOptions<'a> {
    /// Only files whose relative path this accepts are checked (`--changed-since`).
    pub(crate) filter: Option<&'a (dyn Fn(&str) -> bool + Sync)>,
    /// Told the file count, then each finished file.
    pub(crate) progress: Option<&'a (dyn Progress + Sync)>,
    /// Outcomes of unchanged files from an earlier run (`check --cache`).
    pub(crate) cache: Option<&'a dyn OutcomeCache>,
}

/// Progress of a run (a terminal progress bar in the CLI).
pub(crate) trait Progress {
    fn start(&self, files: usize);
    fn file_done(&self);
    fn finish(&self);
}

impl Engine {
    /// Checks every file under `paths` in parallel and returns the sorted report.
    pub(crate) fn run(&self, paths: &[PathBuf], threads: usize) -> Report {
        self.run_with(paths, threads, &RunOptions::default())
    }

    /// [`Engine::run`] with a file filter (changed files), a progress callback and a cache.
    pub(crate) fn run_with(
        &self,
        paths: &[PathBuf],
        threads: usize,
        opts: &RunOptions<'_>,
    ) -> Report {
        let start = Instant::now();
        let (problems, outcomes) = self.outcomes(paths, threads, opts);
        let mut report = self.finish_outcomes(problems, outcomes);
        report.elapsed = start.elapsed();
        report
    }

    /// The per-file part of a run: the walk's problems (of the files `opts.filter` accepts)
    /// and each file's outcome, sorted by relative path.
    pub(crate) fn outcomes(
        &self,
        paths: &[PathBuf],
        threads: usize,
        opts: &RunOptions<'_>,
    ) -> (Vec<FileProblem>, Vec<(String, FileOutcome)>) {
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
        let outcomes = walked
            .files
            .into_iter()
            .map(|sp| sp.rel)
            .zip(outcomes)
            .collect();
        (walked.problems, outcomes)
    }

    /// The stage over per-file outcomes (sorted by relative path, as [`Engine::outcomes`]
    /// gives them, or the union of shards): cross-file findings, suppressions, the report.
    pub(crate) fn finish_outcomes(
        &self,
        problems: Vec<FileProblem>,
        outcomes: Vec<(String, FileOutcome)>,
    ) -> Report {
        let mut stage = Stage::new(
            problems,
            outcomes.iter().map(|(rel, _)| rel.clone()).collect(),
        );
        for (rel, o) in outcomes {
            stage.add_file(&rel, o);
        }
        self.finish(stage)
    }
}

/// Walk + read + parse only, the same way a check does: the floor a check's time is compared to.
/// Returns (files parsed, bytes parsed, files with syntax errors).
pub(crate) fn parse_floor(cfg: &Config, paths: &[PathBuf], threads: usize) -> (usize, u64, usize) {
    let walked = walk::collect(&cfg.root, paths, &cfg.exclude, threads);
    walked
        .files
        .par_iter()
        .map(|sp| {
            let Ok(bytes) = crate::core::safe_read::read_regular(&sp.path, cfg.max_file_size)
            else {
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

/// The thread count asked for, or one per core.
pub(crate) fn threads_or_default(threads: Option<usize>) -> usize {
    threads
        .filter(|t| *t > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A pool of `threads` workers for a run.
pub(crate) fn thread_pool(threads: usize) -> Result<rayon::ThreadPool, CommandError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CommandError::usage(format!("cannot start {threads} threads: {e}")))
}
