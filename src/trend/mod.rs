//! `archdrift trend`: drift over time, from git history (each sampled commit's tree read straight
//! from the object database) or from snapshots appended by `check --record`; written as
//! `trend.json`, `trend.md` and a self-contained `trend.html`.
//!
//! git history → samples ([`git`]) → configurations ([`commit_rules`]) → shared per-blob checks
//! ([`analyse`]) → [`model::Trend`] → one writer per format ([`report_json`], [`report_md`],
//! [`report_html`]).

pub(crate) mod analyse;
pub(crate) mod attribute;
pub(crate) mod attribution;
pub(crate) mod commit_rules;
pub(crate) mod edits;
pub(crate) mod git;
pub(crate) mod history;
pub(crate) mod links;
pub(crate) mod model;
pub(crate) mod period;
pub(crate) mod pr;
pub(crate) mod record;
pub(crate) mod report_html;
pub(crate) mod report_json;
pub(crate) mod report_md;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::check::run::{thread_pool, threads_or_default};
use crate::config::{Config, ALWAYS_EXCLUDED};
use crate::core::CommandError;
use crate::core::Globs;

use analyse::Job;
use model::Trend;

/// Directory depth findings are grouped by for hotspots (`apps/web`, `crates/ide`).
pub(crate) const DEFAULT_DIR_DEPTH: usize = 2;

/// What `archdrift trend` is asked to do (the command line fills it in).
#[derive(Clone, Debug, Default)]
pub(crate) struct TrendOptions {
    /// The git repository (a work tree or a bare repository; default: the current directory)
    pub(crate) repo: Option<PathBuf>,
    /// How far back: a span counted back from the newest sampled commit (6.months, 12.weeks,
    /// 1.year) or a date (2024-01-31)
    pub(crate) since: String,
    /// Sampling period (1.week, 2.weeks, 1.month, 1.day)
    pub(crate) every: String,
    /// Branch, reference or full commit id whose first-parent history is sampled (default: HEAD)
    pub(crate) branch: Option<String>,
    /// Directory the reports are written to (created if missing)
    pub(crate) out: PathBuf,
    /// Configuration with the rules as they are now (default: archdrift.toml found by walking up
    /// from REPO). A file outside the repository applies to the whole repository, with paths
    /// relative to the repository root.
    pub(crate) config: Option<PathBuf>,
    /// Check each commit with its own archdrift.toml and rule files (commits without one use the
    /// current rules, when there are any)
    pub(crate) rules_at_commit: bool,
    /// Render the reports from snapshots appended by `check --record FILE.jsonl` instead of git
    pub(crate) from: Option<PathBuf>,
    /// Worker threads (default: one per core)
    pub(crate) threads: Option<usize>,
    /// Directory components findings are grouped by for hotspots
    pub(crate) dir_depth: usize,
    /// Prefix for links to ADR documents given by path (e.g. https://github.com/acme/app/blob/main/);
    /// default: a link relative to the report, when the document exists on disk
    pub(crate) adr_base: Option<String>,
    /// Parse every file version from scratch instead of from the previous version's tree
    /// (for comparisons)
    pub(crate) no_incremental: bool,
    /// `--attribute`: the commit, author, team and assistance behind each finding at the tip
    pub(crate) attribute: attribute::AttributeOptions,
}

/// Runs `archdrift trend`; returns the exit code.
pub(crate) fn run(args: TrendOptions) -> Result<(), CommandError> {
    let started = Instant::now();
    let (trend, note) = match &args.from {
        Some(file) => match record::read(file) {
            Ok(t) => {
                let n = format!("{} snapshots from {}", t.samples.len(), file.display());
                (t, n)
            }
            Err(e) => return Err(e.into()),
        },
        None => from_git(&args)?,
    };
    if trend.samples.is_empty() {
        return Err(CommandError::usage("nothing to report: no samples"));
    }
    let root = trend.root.clone().or_else(|| std::env::current_dir().ok());
    // inside the repository, the output folder must not be (or lie below) a symbolic link
    let made = match &root {
        Some(r) => crate::core::state_file::ensure_state_dir(r, &args.out),
        None => std::fs::create_dir_all(&args.out),
    };
    if let Err(e) = made {
        return Err(CommandError::usage(format!(
            "creating {}: {e}",
            args.out.display()
        )));
    }
    let adr_links = links::AdrLinks::new(args.adr_base.clone(), &args.out, root.as_deref());
    write_reports(&trend, &args.out, &adr_links)?;
    eprintln!(
        "trend: {note}; wrote {} in {:.1}s",
        ["trend.json", "trend.md", "trend.html"]
            .map(|f| args.out.join(f).display().to_string())
            .join(", "),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn write_reports(trend: &Trend, out: &Path, links: &links::AdrLinks) -> Result<(), String> {
    let write = |name: &str, content: String| {
        let p = out.join(name);
        // atomic, and never through a symbolic link planted at the report's name
        crate::core::state_file::write_atomic(&p, content.as_bytes())
            .map_err(|e| format!("writing {}: {e}", p.display()))
    };
    write("trend.json", report_json::render(trend))?;
    write("trend.md", report_md::render(trend, links))?;
    write("trend.html", report_html::render(trend, links))?;
    Ok(())
}

/// A commit's source files, and (for `--rules-at-commit`) all its files.
type Listing = (Vec<git::TreeFile>, Vec<git::TreeFile>);

/// Samples the history, checks the samples and returns the trend with a one-line account.
fn from_git(args: &TrendOptions) -> Result<(Trend, String), CommandError> {
    let fail = CommandError::usage;
    let every = period::parse_span(&args.every).map_err(fail)?;
    let repo_dir = args.repo.clone().unwrap_or_else(|| PathBuf::from("."));
    if !repo_dir.exists() {
        return Err(fail(format!("{} does not exist", repo_dir.display())));
    }
    let ts_repo = git::open(&repo_dir).map_err(fail)?;
    let repo = ts_repo.to_thread_local();
    let workdir = git::workdir(&repo);

    // the rules as they are now
    let current: Option<Config> = match (&args.config, &workdir) {
        (Some(file), Some(wd)) => Some(load_current(file, wd)?),
        (Some(_), None) => Some(crate::config::find_and_load(args.config.clone(), None)?),
        (None, Some(_)) => {
            match crate::config::find_config(&repo_dir) {
                Some(f) => Some(crate::config::find_and_load(Some(f), None)?),
                None if args.rules_at_commit => None,
                None => return Err(CommandError::with_help(
                    format!("no {} found in {} or any parent directory", crate::config::CONFIG_FILE, repo_dir.display()),
                    "pass --config FILE: the rules as they are now, applied to the whole history (a file outside the repository applies to the whole repository, paths relative to its root); or --rules-at-commit to use each commit's own archdrift.toml",
                )),
            }
        }
        (None, None) if args.rules_at_commit => None,
        (None, None) => {
            return Err(CommandError::with_help(
                "a bare repository has no archdrift.toml on disk",
                "pass --config FILE (the rules as they are now), or --rules-at-commit",
            ))
        }
    };
    // which part of the tree is checked, and where each commit's own configuration sits
    let (prefix, config_in_tree) = match (&current, &workdir) {
        (Some(cfg), Some(wd)) if cfg.config_file.starts_with(wd) => {
            let rel = crate::core::relative(wd, &cfg.config_file);
            let dir = match rel.rfind('/') {
                Some(i) => rel[..=i].to_string(),
                None => String::new(),
            };
            let name = rel[dir.len()..].to_string();
            (dir, name)
        }
        _ => (String::new(), crate::config::CONFIG_FILE.to_string()),
    };

    let tip = git::resolve(&repo, args.branch.as_deref()).map_err(fail)?;
    let commits = git::sample(&repo, tip, &args.since, every).map_err(fail)?;
    if commits.is_empty() {
        return Err(fail(format!(
            "no commit on the first-parent history of {} since {}",
            args.branch.as_deref().unwrap_or("HEAD"),
            args.since
        )));
    }

    let threads = threads_or_default(args.threads);
    let pool = thread_pool(threads)?;
    let has_current = current.is_some();
    let mut loaded = commit_rules::Loaded::new(workdir.as_ref().map(|w| w.join(&prefix)));
    if let Some(c) = current {
        loaded.configs.push(std::sync::Arc::new(c));
    }
    let default_exclude = Globs::from_static(ALWAYS_EXCLUDED);
    let list_exclude = if args.rules_at_commit {
        &default_exclude
    } else {
        &loaded.configs[0].exclude
    };
    let filter = git::Filter {
        prefix: &prefix,
        exclude: list_exclude,
    };
    // all trees, in parallel
    let progress = std::io::stderr().is_terminal();
    let bar = analyse::bar(progress, commits.len(), "reading", "commits");
    let listings: Vec<Result<Listing, String>> = pool.install(|| {
        commits
            .par_iter()
            .with_max_len(1)
            .map_init(
                || ts_repo.to_thread_local(),
                |repo, c| {
                    let mut all = Vec::new();
                    let want_all = args.rules_at_commit.then_some(&mut all);
                    let files = git::list_tree(repo, c.tree, &filter, want_all)?;
                    bar.inc(1);
                    Ok((files, all))
                },
            )
            .collect()
    });
    let mut jobs = Vec::new();
    let mut skipped_commits = 0;
    let mut unloadable = 0;
    for (c, listing) in commits.iter().zip(listings) {
        let (files, all) = listing.map_err(fail)?;
        let (rules, rules_from) = if args.rules_at_commit {
            match commit_rules::rule_files(&repo, &all, &config_in_tree).map_err(fail)? {
                Some(rf) => match loaded.load(&repo, rf).map_err(fail)? {
                    Ok(i) => (i, "commit"),
                    Err(e) => {
                        eprintln!(
                            "warning: the rules of commit {} ({}) do not load; commit skipped:",
                            short(&c.id.to_string()),
                            period::day(c.time)
                        );
                        eprint!(
                            "{}",
                            crate::core::source::render_errors(
                                &loaded.errors[e],
                                std::io::stderr().is_terminal()
                            )
                        );
                        skipped_commits += 1;
                        unloadable += 1;
                        continue;
                    }
                },
                None if has_current => (0, "current"),
                None => {
                    skipped_commits += 1;
                    continue;
                }
            }
        } else {
            (0, "current")
        };
        let exclude = &loaded.configs[rules].exclude;
        let files = if args.rules_at_commit {
            files
                .into_iter()
                .filter(|f| !exclude.is_match(&f.path))
                .collect()
        } else {
            files
        };
        jobs.push(Job {
            commit: c.clone(),
            rules,
            rules_from,
            files,
            locate: args.attribute.enabled,
        });
    }
    if jobs.is_empty() && unloadable > 0 {
        return Err(CommandError::with_help(
            format!(
                "the rules of {unloadable} of the {} sampled commits do not load (above), and the other commits have no {}{}",
                commits.len(),
                prefix,
                config_in_tree
            ),
            "fix the rules, or pass --config FILE to check the history with the rules as they are now",
        ));
    }
    if jobs.is_empty() {
        return Err(CommandError::with_help(
            format!(
                "none of the {} sampled commits has {}{}",
                commits.len(),
                prefix,
                config_in_tree
            ),
            "pass --config FILE to check the history with the rules as they are now",
        ));
    }
    bar.finish_and_clear();
    let (samples, stats) = pool
        .install(|| {
            analyse::run(
                &ts_repo,
                &loaded.configs,
                &jobs,
                args.dir_depth,
                progress,
                !args.no_incremental,
            )
        })
        .map_err(fail)?;

    let mut trend = Trend::default();
    // the newest definition of a rule wins: merge oldest first
    let mut used: Vec<usize> = jobs.iter().map(|j| j.rules).collect();
    used.dedup();
    for i in used {
        trend.merge_rules(&model::rule_infos(&loaded.configs[i]));
    }
    if args.attribute.enabled {
        if !has_current {
            return Err(fail(
                "--attribute needs the rules as they are now (an archdrift.toml, or --config)"
                    .into(),
            ));
        }
        let commits: Vec<git::CommitInfo> = jobs.iter().map(|j| j.commit.clone()).collect();
        let a = attribute::attribute(
            &ts_repo,
            &repo_dir,
            &loaded.configs[0],
            &commits,
            &samples,
            &prefix,
            &args.attribute,
        )
        .map_err(fail)?;
        trend.attribution = Some(a);
    }
    if has_current {
        trend.budgets = model::BudgetLine::of(&loaded.configs[0], samples.last());
    }
    trend.samples = samples;
    trend.root = has_current.then(|| loaded.configs[0].root.clone());
    let src = &mut trend.source;
    src.insert("kind".into(), "git".into());
    src.insert(
        "branch".into(),
        args.branch.clone().unwrap_or_else(|| "HEAD".into()),
    );
    src.insert("tip".into(), tip.to_string());
    src.insert("since".into(), args.since.clone());
    src.insert("every".into(), every.to_string());
    src.insert(
        "rules".into(),
        if args.rules_at_commit {
            "at-commit"
        } else {
            "current"
        }
        .into(),
    );
    if !prefix.is_empty() {
        src.insert("directory".into(), prefix.trim_end_matches('/').into());
    }
    let mut note = format!(
        "{} commits sampled, {} file versions, {} checked ({} reused)",
        jobs.len(),
        stats.file_versions,
        stats.checks,
        stats.file_versions - stats.checks
    );
    if skipped_commits > 0 {
        note.push_str(&format!(", {skipped_commits} commits skipped"));
    }
    Ok((trend, note))
}

/// The configuration given with `--config`. One outside the work tree checks the whole work
/// tree, exactly as a configuration at its root would: paths, ADRs, `[design_system]` files and
/// the workspace (tsconfig, package.json, Cargo.toml) that the layer rule resolves imports with
/// are the work tree's; `include` is the configuration's own directory's.
fn load_current(file: &Path, workdir: &Path) -> Result<Config, CommandError> {
    if !file.is_file() {
        return Err(CommandError::usage(format!(
            "config file {} not found",
            file.display()
        )));
    }
    let dir = std::path::absolute(file)
        .ok()
        .and_then(|f| f.parent().and_then(|d| std::fs::canonicalize(d).ok()));
    let inside = match (dir, std::fs::canonicalize(workdir)) {
        (Some(d), Ok(w)) => d.starts_with(&w),
        _ => false,
    };
    let root = (!inside).then_some(workdir);
    crate::config::load_rooted(file, root).map_err(CommandError::Config)
}

/// The first 10 hex digits of a commit id.
pub(crate) fn short(id: &str) -> &str {
    &id[..id.len().min(10)]
}
