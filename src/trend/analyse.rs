//! Checking sampled commits: every (rules, blob, path) is checked once, however many samples hold
//! it, so a trend costs about one full check plus the files that changed between samples.
//!
//! Trees are listed for all samples in parallel; then, newest sample first, the files not seen
//! before are read from the object database and checked in parallel; then each sample's counts
//! are put together from the shared results.

use std::collections::HashMap;
use std::path::Path;

use gix::ObjectId;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::check::walk::SourcePath;
use crate::check::{Engine, FileOutcome};
use crate::config::Config;
use crate::core::{FileProblem, ProblemKind};
use crate::lang::Lang;

use super::git::{self, CommitInfo, TreeFile};
use super::model::{fingerprint_value, Sample, SampleBuilder};

/// A sampled commit with the rules it is checked with (an index into the rule sets).
pub(crate) struct Job {
    pub(crate) commit: CommitInfo,
    pub(crate) rules: usize,
    /// `current` or `commit`.
    pub(crate) rules_from: &'static str,
    /// Its source files (relative to the checked root), already filtered.
    pub(crate) files: Vec<TreeFile>,
    /// Keep each finding's rule, file and fingerprint in the sample (`Sample::located`).
    pub(crate) locate: bool,
}

/// What checking one file version gave: its whole outcome, so that each sample goes through the
/// engine's stages over all files (suppressions, import cycles, duplicate and value clusters)
/// exactly as a `check` of that commit would.
#[derive(Clone, Debug, Default)]
struct FileResult {
    outcome: std::sync::Arc<crate::check::FileOutcome>,
}

/// Statistics of a run, for the summary line.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    pub(crate) file_versions: usize,
    pub(crate) checks: usize,
}

/// Checks every job's files and returns one sample per job, in the jobs' order.
pub(crate) fn run(
    repo: &gix::ThreadSafeRepository,
    configs: &[std::sync::Arc<Config>],
    jobs: &[Job],
    dir_depth: usize,
    progress: bool,
    incremental: bool,
) -> Result<(Vec<Sample>, Stats), String> {
    let engines = configs
        .iter()
        .map(|c| Engine::new(c.clone()))
        .collect::<Result<Vec<_>, _>>()?;
    // unique (rules, blob, path), numbered in the order the oldest sample first needs them
    let mut index: HashMap<(usize, ObjectId, &str), usize> = HashMap::new();
    let mut keys: Vec<(usize, ObjectId, &str)> = Vec::new();
    let mut job_keys: Vec<Vec<usize>> = vec![Vec::new(); jobs.len()];
    for (j, job) in jobs.iter().enumerate() {
        for f in &job.files {
            let key = (job.rules, f.blob, f.path.as_str());
            let i = *index.entry(key).or_insert_with(|| {
                keys.push(key);
                keys.len() - 1
            });
            job_keys[j].push(i);
        }
    }
    // the versions of one file (same rules, same path), oldest first: checked one after the
    // other so that each parse can start from the previous version's tree
    let mut chain_of: HashMap<(usize, &str), usize> = HashMap::new();
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for (i, &(rules, _, path)) in keys.iter().enumerate() {
        let c = *chain_of.entry((rules, path)).or_insert_with(|| {
            chains.push(Vec::new());
            chains.len() - 1
        });
        chains[c].push(i);
    }
    // long chains first, one chain per task: no long chain is left for the end
    chains.sort_by_key(|c| std::cmp::Reverse(c.len()));

    let bar = bar(progress, keys.len(), "checking", "file versions");
    crate::check::read::install_panic_hook();
    let checked: Vec<Vec<(usize, Result<FileResult, String>)>> = chains
        .par_iter()
        .with_max_len(1)
        .map_init(
            || repo.to_thread_local(),
            |repo, chain| {
                let mut out = Vec::with_capacity(chain.len());
                let mut previous: Option<(Vec<u8>, tree_sitter::Tree)> = None;
                for &k in chain {
                    let (rules, blob, path) = keys[k];
                    let target = Target {
                        engine: &engines[rules],
                        root: &configs[rules].root,
                    };
                    let cap = target.engine.config().max_file_size;
                    let r = git::read_blob_capped(repo, blob, cap).map(|b| {
                        let bytes = match b {
                            git::Blob::Content(bytes) => bytes,
                            git::Blob::TooLarge(size) => return too_large(path, size, cap),
                        };
                        let base = if incremental {
                            previous.take().map(|(old, mut tree)| {
                                for e in super::edits::edits(&old, &bytes) {
                                    tree.edit(&e);
                                }
                                tree
                            })
                        } else {
                            None
                        };
                        let (r, tree) = crate::lang::parse::incremental(base, || {
                            check_blob(&target, &bytes, path)
                        });
                        previous = tree.map(|t| (bytes, t));
                        r
                    });
                    bar.inc(1);
                    out.push((k, r));
                }
                out
            },
        )
        .collect();
    bar.finish_and_clear();
    let mut results: Vec<FileResult> = vec![FileResult::default(); keys.len()];
    for (k, r) in checked.into_iter().flatten() {
        results[k] = r?;
    }

    let samples = jobs
        .iter()
        .zip(&job_keys)
        .map(|(job, ks)| {
            let mut b = SampleBuilder::new(dir_depth, job.commit.time);
            {
                let s = b.sample_mut();
                s.commit = Some(job.commit.id.to_string());
                s.subject = Some(job.commit.subject.clone());
                s.rules_from = job.rules_from.to_string();
            }
            let engine = &engines[job.rules];
            let mut stage = crate::check::stage::Stage::default();
            for &k in ks {
                stage.add(results[k].outcome.as_ref().clone());
            }
            let report = engine.finish(stage);
            for f in &report.findings {
                b.add(f);
            }
            if job.locate {
                b.sample_mut().located = report
                    .findings
                    .iter()
                    .map(|f| super::model::Located {
                        rule: f.rule.clone(),
                        file: f.file.clone(),
                        line: f.line,
                        fingerprint: fingerprint_value(&f.fingerprint),
                    })
                    .collect();
            }
            let s = b.sample_mut();
            s.files_checked += report.summary.files_checked;
            s.files_skipped += report.summary.files_skipped + report.summary.files_with_errors;
            b.finish()
        })
        .collect();
    let stats = Stats {
        file_versions: job_keys.iter().map(Vec::len).sum(),
        checks: keys.len(),
    };
    Ok((samples, stats))
}

/// A progress bar on stderr when `show` (stderr is a terminal), else a hidden one.
pub(crate) fn bar(show: bool, len: usize, prefix: &'static str, unit: &str) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(&format!(
        "{{prefix:>9}} [{{bar:30}}] {{pos}}/{{len}} {unit} · {{elapsed}}"
    )) {
        b.set_style(style.progress_chars("=> "));
    }
    b.set_prefix(prefix);
    b
}

/// The outcome of a blob over the size cap, as a check of a file that large reports it.
fn too_large(path: &str, size: u64, cap: u64) -> FileResult {
    FileResult {
        outcome: std::sync::Arc::new(FileOutcome {
            problem: Some(FileProblem {
                file: path.to_string(),
                kind: ProblemKind::TooLarge,
                message: format!(
                    "{size} bytes, over the {cap}-byte cap (check.max_file_size); skipped"
                ),
            }),
            ..Default::default()
        }),
    }
}

struct Target<'a> {
    engine: &'a Engine,
    root: &'a Path,
}

fn check_blob(target: &Target<'_>, bytes: &[u8], path: &str) -> FileResult {
    let Some(lang) = Lang::from_path(Path::new(path)) else {
        return FileResult::default();
    };
    let sp = SourcePath {
        rel: path.to_string(),
        path: target.root.join(path),
        lang,
    };
    let outcome = target.engine.check_bytes_contained(&sp, bytes);
    FileResult {
        outcome: std::sync::Arc::new(outcome),
    }
}
