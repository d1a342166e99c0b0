//! A check with its CI stages around the engine: changed files (`--changed-since`) → the engine
//! (with `--cache` and a progress bar) → baseline (`--baseline`) → changed lines
//! (`--changed-lines`). Also the runs behind `archdrift baseline` and `archdrift adr`.

pub(crate) mod adr_report;
pub(crate) mod baseline;
pub(crate) mod budget;
pub(crate) mod cache;
pub(crate) mod changed;
pub(crate) mod progress;
pub(crate) mod shard;

use std::path::{Path, PathBuf};

use crate::check::{Engine, OutcomeCache, Progress, RunOptions};
use crate::config::Config;
use crate::core::Report;

use self::cache::Cache;

/// `check` options for CI: baseline, changed files, cache, progress.
#[derive(Clone, Debug, Default)]
pub(crate) struct CiOptions {
    /// Report and fail only on findings not in this baseline.
    pub(crate) baseline: Option<PathBuf>,
    /// With `baseline`: drop the entries that are fixed (the baseline only shrinks).
    pub(crate) update_baseline: bool,
    /// Check only files changed since the merge base with this git revision.
    pub(crate) changed_since: Option<String>,
    /// With `changed_since`: report only findings on changed lines.
    pub(crate) changed_lines: bool,
    /// Reuse results of unchanged files from `.archdrift/cache` (and update it).
    pub(crate) cache: bool,
    /// No progress bar.
    pub(crate) no_progress: bool,
}

/// Runs a check with the CI options; the error is a sentence for the user (exit 2).
/// `[budget]` growth limits are not checked (no history): see [`run_check_with_history`].
pub(crate) fn run_check(
    engine: &Engine,
    paths: &[PathBuf],
    threads: usize,
    pool: &rayon::ThreadPool,
    ci: &CiOptions,
) -> Result<Report, String> {
    let none = |_: i64| Err("no git history given".to_string());
    run_check_with_history(engine, paths, threads, pool, ci, &none)
}

/// [`run_check`], with the findings of older commits for `[budget]` growth limits.
pub(crate) fn run_check_with_history(
    engine: &Engine,
    paths: &[PathBuf],
    threads: usize,
    pool: &rayon::ThreadPool,
    ci: &CiOptions,
    history: &budget::History<'_>,
) -> Result<Report, String> {
    let cfg = &**engine.config();
    let changed = match &ci.changed_since {
        Some(r) => Some(changed::since(&cfg.root, r, ci.changed_lines)?),
        None => None,
    };
    // read the baseline before the run: a bad file is a usage error, not a wasted run
    let entries = match &ci.baseline {
        Some(f) => Some(baseline::read(f)?),
        None => None,
    };
    let cache = ci.cache.then(|| Cache::open(&cfg.root, cfg));
    let bar = crate::ci::progress::Bar::on_terminal(!ci.no_progress);
    let filter = |rel: &str| changed.as_ref().is_none_or(|c| c.contains(rel));
    // rules whose findings depend on other files (cycles, clusters) see the whole repository;
    // their findings are then kept where they touch a changed file
    let whole = changed.is_some() && cfg.rules.iter().any(|r| r.matcher.needs_all_files());
    let opts = RunOptions {
        filter: (changed.is_some() && !whole).then_some(&filter as &(dyn Fn(&str) -> bool + Sync)),
        progress: bar.as_ref().map(|b| b as &(dyn Progress + Sync)),
        cache: cache.as_ref().map(|c| c as &dyn OutcomeCache),
    };
    let mut report = pool.install(|| engine.run_with(paths, threads, &opts));
    if whole {
        report
            .findings
            .retain(|f| filter(&f.file) || f.related.iter().any(|r| filter(&r.file)));
        report.problems.retain(|p| filter(&p.file));
        report.recount_findings();
    }
    // a cache that cannot be written costs the next run its speed, never this run its report
    if let Some(c) = cache {
        // a check of the whole tree keeps its cross-file findings for the editor
        let full = changed.is_none()
            && paths
                .iter()
                .any(|p| std::fs::canonicalize(p).is_ok_and(|p| p == cfg.root));
        if let Err(e) = c.save(&cfg.root, full.then_some(&report)) {
            eprintln!("warning: {e}; the check goes on without updating the cache");
        }
    }
    // budgets count all the drift there is: before the baseline hides the known findings
    let over_budget = if cfg.budget.is_empty() {
        Vec::new()
    } else if changed.is_some() || paths.iter().any(|p| p != &cfg.root) {
        eprintln!("note: [budget] is checked only when the whole repository is checked (no PATHs, no --changed-since)");
        Vec::new()
    } else {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let mut notes = Vec::new();
        let found = budget::exceeded(cfg, &report.findings, now, history, &mut notes);
        for n in notes {
            eprintln!("warning: {n}");
        }
        found
    };
    if let (Some(entries), Some(file)) = (entries, &ci.baseline) {
        // only files of the changed set can have fixed entries (a cross-file rule checked the
        // others too, but their findings were dropped above)
        apply_baseline(cfg, &mut report, entries, file, ci.update_baseline, &filter)?;
    }
    if let (Some(c), true) = (&changed, ci.changed_lines) {
        report
            .findings
            .retain(|f| c.touches(&f.file, f.line, f.end_line.max(f.line)));
        report.recount_findings();
    }
    if !over_budget.is_empty() {
        report.findings.extend(over_budget);
        report
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        report.recount_findings();
    }
    Ok(report)
}

/// `--baseline FILE` over a finished report: findings in the baseline are dropped; with
/// `update`, fixed entries of files `checked` accepts are removed from the file.
pub(crate) fn apply_baseline(
    cfg: &Config,
    report: &mut Report,
    entries: Vec<baseline::Entry>,
    file: &Path,
    update: bool,
    checked: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    let before = entries.len();
    let cmp = baseline::apply(report, entries, &cfg.root, checked);
    if update {
        let shrunk = cmp.shrunk();
        if shrunk.len() < before {
            baseline::write(&cfg.root, file, &shrunk)?;
            eprintln!(
                "baseline {}: {} fixed entr{} removed, {} left",
                file.display(),
                before - shrunk.len(),
                if before - shrunk.len() == 1 {
                    "y"
                } else {
                    "ies"
                },
                shrunk.len()
            );
        }
    }
    Ok(())
}

/// `archdrift baseline`: checks and writes every finding as a baseline entry.
pub(crate) fn write_baseline(
    cfg: Config,
    paths: &[PathBuf],
    threads: usize,
    pool: &rayon::ThreadPool,
    output: Option<PathBuf>,
) -> Result<String, String> {
    let engine = Engine::new(cfg)?;
    let cfg = &**engine.config();
    let report = pool.install(|| engine.run(paths, threads));
    let file = output.unwrap_or_else(|| cfg.root.join(baseline::DEFAULT_PATH));
    let mut entries: Vec<baseline::Entry> =
        report.findings.iter().map(baseline::Entry::of).collect();
    // a check of some paths keeps the entries of the others; every check keeps the entries of
    // files it could not check this time (skipped, invalid UTF-8, unreadable, …)
    let whole = paths.len() == 1 && paths[0] == cfg.root;
    let troubled: std::collections::HashSet<&str> =
        report.problems.iter().map(|p| p.file.as_str()).collect();
    if (!whole || !troubled.is_empty()) && file.exists() {
        let checked: std::collections::HashSet<&str> = report
            .files
            .iter()
            .map(String::as_str)
            .filter(|f| !troubled.contains(f))
            .collect();
        let old = match baseline::read(&file) {
            Ok(old) => old,
            // a whole-repository run replaces a broken file; a partial one must not lose it
            Err(_) if whole => Vec::new(),
            Err(e) => return Err(e),
        };
        entries.extend(old.into_iter().filter(|e| {
            if whole {
                troubled.contains(e.file.as_str())
            } else {
                !checked.contains(e.file.as_str())
            }
        }));
    }
    baseline::write(&cfg.root, &file, &entries)?;
    Ok(format!(
        "wrote {} entr{} to {}; `archdrift check --baseline {}` now reports only new findings",
        entries.len(),
        if entries.len() == 1 { "y" } else { "ies" },
        file.display(),
        display_rel(&cfg.root, &file)
    ))
}

fn display_rel(root: &Path, p: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    if let Some(rel) = cwd
        .as_ref()
        .and_then(|c| std::fs::canonicalize(c).ok())
        .and_then(|c| abs.strip_prefix(c).ok().map(Path::to_path_buf))
    {
        return rel.display().to_string();
    }
    abs.strip_prefix(root).unwrap_or(&abs).display().to_string()
}

/// `archdrift adr`: runs a check for the finding counts, then lists ADRs and their rules.
pub(crate) fn adr_report(
    cfg: Config,
    paths: &[PathBuf],
    threads: usize,
    pool: &rayon::ThreadPool,
    json: bool,
) -> Result<String, String> {
    let engine = Engine::new(cfg)?;
    let cfg = &**engine.config();
    let report = pool.install(|| engine.run(paths, threads));
    let overview = adr_report::overview(cfg, &report);
    Ok(if json {
        adr_report::render_json(&overview)
    } else {
        adr_report::render_human(&overview)
    })
}
