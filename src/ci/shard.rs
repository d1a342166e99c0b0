//! Shards across CI machines: `check --shard K/N` checks the files whose path hash falls in
//! shard K of N (stable as files are added: a file's shard depends on its path alone) and
//! writes a shard file — each file's outcome (findings with spans, problems, suppression
//! comments, secret ranges) and its cross-file facts, as the cache stores them. `merge` reads
//! all N shard files of one configuration and runs what a single run does after the per-file
//! pass: the cross-file stage (cycles, duplicate clusters, repeated values), suppressions, the
//! sort, then the baseline; its report is the one a single machine would print (only the human
//! format's timing differs).
//!
//! A shard file names the configuration it was made with (archdrift's version, the global
//! settings, every rule's key, the checked paths): shards of another configuration, a shard
//! missing or given twice, or a file in two shards are errors, never a partial report.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::{Engine, OutcomeCache, Progress, RunOptions};
use crate::config::{select::Selection, Config};
use crate::core::{stable_hash, FileProblem, Report};

use super::cache::{self, Cache, Stored};

/// The first field of a shard file, and its format version.
const MAGIC: &str = "archdrift-shard";
const SCHEMA: u32 = 2;
/// The largest shard file read.
const MAX_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Shard `k` (1-based) of `n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Spec {
    pub(crate) k: u32,
    pub(crate) n: u32,
}

impl Spec {
    /// `K/N` with 1 ≤ K ≤ N.
    pub(crate) fn parse(s: &str) -> Result<Spec, String> {
        let bad = || format!("--shard {s:?}: expected K/N with 1 <= K <= N, e.g. 2/4");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k: u32 = k.trim().parse().map_err(|_| bad())?;
        let n: u32 = n.trim().parse().map_err(|_| bad())?;
        if k == 0 || n == 0 || k > n {
            return Err(bad());
        }
        Ok(Spec { k, n })
    }

    /// Whether the file at `rel` (relative to the root, with `/`) belongs to this shard.
    pub(crate) fn owns(&self, rel: &str) -> bool {
        shard_of(rel, self.n) == self.k
    }
}

/// The shard (1-based) of `n` that a path belongs to: FNV-1a of the path, so the same on every
/// machine and unchanged for every other file when files are added.
fn shard_of(rel: &str, n: u32) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in rel.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % u64::from(n)) as u32 + 1
}

#[derive(Serialize, Deserialize)]
struct ShardFile {
    format: String,
    schema: u32,
    /// archdrift's version.
    version: String,
    /// The configuration the shard was checked with (see [`config_key`]).
    config: String,
    /// The checked paths, relative to the root.
    paths: Vec<String>,
    shard: u32,
    of: u32,
    /// The `--select`/`--ignore`/`--severity` the shard was checked with; `merge` applies it.
    selection: Selection,
    elapsed_ms: u64,
    /// Problems of the walk (unreadable folders, …) on this shard's paths.
    problems: Vec<FileProblem>,
    /// Each file of the shard and its outcome, sorted by path.
    files: Vec<(String, Stored)>,
}

/// The configuration as shards must share it: archdrift's version, the global settings and each
/// rule's key (not the binary: the machines of one CI run may have different builds).
fn config_key(cfg: &Config) -> String {
    let mut parts = vec![
        env!("CARGO_PKG_VERSION").to_string(),
        cfg.max_file_size.to_string(),
        cfg.check_generated.to_string(),
        cfg.test_paths.patterns.join("\n"),
        cache::outside_rules(cfg),
    ];
    for r in &cfg.rules {
        parts.push(format!("{}\n{}", r.id, cache::rule_key(cfg, r)));
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    format!("{:016x}", stable_hash(&refs))
}

fn rel_paths(root: &Path, paths: &[PathBuf]) -> Vec<String> {
    let mut out: Vec<String> = paths
        .iter()
        .map(|p| {
            p.strip_prefix(root)
                .map(|r| r.to_string_lossy().replace('\\', "/"))
                .unwrap_or_else(|_| p.to_string_lossy().into_owned())
        })
        .collect();
    out.sort();
    out
}

/// What one shard run did, for the message on stderr.
pub(crate) struct ShardDone {
    pub(crate) files: usize,
    pub(crate) findings: usize,
}

/// One `check --shard K/N`: which shard, the rule selection it runs (recorded for `merge`), and
/// where its shard file goes.
pub(crate) struct ShardJob<'a> {
    pub(crate) spec: Spec,
    pub(crate) selection: &'a Selection,
    pub(crate) out: &'a Path,
}

/// `check --shard K/N`: checks this shard's files and writes the shard file `job.out`.
pub(crate) fn run_shard(
    engine: &Engine,
    paths: &[PathBuf],
    threads: usize,
    pool: &rayon::ThreadPool,
    job: &ShardJob,
    ci: &super::CiOptions,
) -> Result<ShardDone, String> {
    let (spec, out) = (job.spec, job.out);
    if ci.changed_since.is_some() || ci.baseline.is_some() {
        return Err(
            "--shard checks whole shards: give --baseline to `archdrift merge`, and check \
             changed files without --shard"
                .into(),
        );
    }
    let start = std::time::Instant::now();
    let cfg = &**engine.config();
    let cache = ci.cache.then(|| Cache::open(&cfg.root, cfg));
    let bar = crate::ci::progress::Bar::on_terminal(!ci.no_progress);
    let filter = |rel: &str| spec.owns(rel);
    let opts = RunOptions {
        filter: Some(&filter as &(dyn Fn(&str) -> bool + Sync)),
        progress: bar.as_ref().map(|b| b as &(dyn Progress + Sync)),
        cache: cache.as_ref().map(|c| c as &dyn OutcomeCache),
    };
    let (problems, outcomes) = pool.install(|| engine.outcomes(paths, threads, &opts));
    if let Some(c) = cache {
        if let Err(e) = c.save(&cfg.root, None) {
            eprintln!("warning: {e}; the check goes on without updating the cache");
        }
    }
    let ids: Vec<String> = cfg.rules.iter().map(|r| r.id.clone()).collect();
    let done = ShardDone {
        files: outcomes.len(),
        findings: outcomes.iter().map(|(_, o)| o.findings.len()).sum(),
    };
    let doc = ShardFile {
        format: MAGIC.into(),
        schema: SCHEMA,
        version: env!("CARGO_PKG_VERSION").into(),
        config: config_key(cfg),
        paths: rel_paths(&cfg.root, paths),
        shard: spec.k,
        of: spec.n,
        selection: job.selection.clone(),
        elapsed_ms: start.elapsed().as_millis() as u64,
        problems: problems
            .into_iter()
            .filter(|p| spec.owns(&p.file))
            .collect(),
        files: outcomes
            .iter()
            .map(|(rel, o)| (rel.clone(), Stored::of(o, String::new(), &ids)))
            .collect(),
    };
    let bytes = serde_json::to_vec(&doc).map_err(|e| format!("shard file: {e}"))?;
    crate::core::state_file::write_atomic(out, &bytes)
        .map_err(|e| format!("cannot write the shard file {}: {e}", out.display()))?;
    Ok(done)
}

fn read_shard(path: &Path) -> Result<ShardFile, String> {
    let bytes = crate::core::safe_read::read_regular(path, MAX_BYTES)
        .map_err(|e| format!("cannot read the shard file {}: {e}", path.display()))?;
    let doc: ShardFile = serde_json::from_slice(&bytes).map_err(|e| {
        format!(
            "{} is not a shard file of `archdrift check --shard`: {e}",
            path.display()
        )
    })?;
    if doc.format != MAGIC || doc.schema != SCHEMA {
        return Err(format!(
            "{} is a shard file of another format ({} v{}); this archdrift reads {MAGIC} v{SCHEMA}",
            path.display(),
            doc.format,
            doc.schema
        ));
    }
    if doc.files.iter().any(|(_, s)| !s.is_whole()) {
        return Err(format!(
            "{} is damaged (a finding without its span)",
            path.display()
        ));
    }
    Ok(doc)
}

/// The first shard file of a merge, read once: its rule selection is applied to the merge's
/// configuration before the engine is built (the others must agree; [`merge`] checks that).
pub(crate) struct FirstShard {
    path: PathBuf,
    doc: ShardFile,
}

impl FirstShard {
    pub(crate) fn open(shard_files: &[PathBuf]) -> Result<FirstShard, String> {
        let path = shard_files.first().ok_or("no shard files given")?;
        Ok(FirstShard {
            path: path.clone(),
            doc: read_shard(path)?,
        })
    }

    pub(crate) fn selection(&self) -> &Selection {
        &self.doc.selection
    }
}

/// `archdrift merge SHARD...`: the union of all N shards of one configuration, through the
/// cross-file stage, suppressions and the baseline: the report of a single run.
/// `first` is `shard_files[0]`, already read.
pub(crate) fn merge(
    engine: &Engine,
    first: FirstShard,
    shard_files: &[PathBuf],
    ci: &super::CiOptions,
) -> Result<Report, String> {
    let start = std::time::Instant::now();
    let cfg = &**engine.config();
    // read the baseline first: a bad file is a usage error, not a wasted merge
    let entries = match &ci.baseline {
        Some(f) => Some(super::baseline::read(f)?),
        None => None,
    };
    let key = config_key(cfg);
    let index: HashMap<String, u32> = cfg
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i as u32))
        .collect();
    let mut seen: BTreeMap<u32, PathBuf> = BTreeMap::new();
    let mut of: Option<(u32, Vec<String>)> = None;
    let mut selection: Option<(Selection, PathBuf)> = None;
    let mut problems = Vec::new();
    let mut outcomes = Vec::new();
    let mut files_seen: HashSet<String> = HashSet::new();
    let mut elapsed = std::time::Duration::ZERO;
    // each further shard is read when its turn comes, one in memory at a time
    let rest = shard_files
        .iter()
        .skip(1)
        .map(|p| read_shard(p).map(|d| (p.clone(), d)));
    for read in std::iter::once(Ok((first.path, first.doc))).chain(rest) {
        let (path, doc) = read?;
        let path = &path;
        match &selection {
            None => selection = Some((doc.selection.clone(), path.clone())),
            Some((first, first_path)) if *first != doc.selection => {
                return Err(format!(
                    "{} was checked with {} but {} with {}: run every shard with the same \
                     --select/--ignore/--severity",
                    path.display(),
                    describe(&doc.selection),
                    first_path.display(),
                    describe(first)
                ));
            }
            Some(_) => {}
        }
        if doc.version != env!("CARGO_PKG_VERSION") || doc.config != key {
            return Err(format!(
                "{} was made with another configuration or archdrift version ({}) than this \
                 merge ({}): run every shard and the merge with the same rules and settings",
                path.display(),
                doc.version,
                env!("CARGO_PKG_VERSION")
            ));
        }
        match &of {
            None => of = Some((doc.of, doc.paths.clone())),
            Some((n, paths)) => {
                if *n != doc.of || *paths != doc.paths {
                    return Err(format!(
                        "{} is shard {}/{} of paths {:?}; the others are of {} shards of {:?}",
                        path.display(),
                        doc.shard,
                        doc.of,
                        doc.paths,
                        n,
                        paths
                    ));
                }
            }
        }
        if let Some(first) = seen.insert(doc.shard, path.clone()) {
            return Err(format!(
                "shard {}/{} is given twice: {} and {}",
                doc.shard,
                doc.of,
                first.display(),
                path.display()
            ));
        }
        elapsed = elapsed.max(std::time::Duration::from_millis(doc.elapsed_ms));
        problems.extend(doc.problems);
        for (rel, stored) in doc.files {
            if !files_seen.insert(rel.clone()) {
                return Err(format!(
                    "{rel} is in two shards (the last: {})",
                    path.display()
                ));
            }
            let o = stored.restore(&rel, &index, &HashSet::new());
            outcomes.push((rel, o));
        }
    }
    let Some((n, _)) = of else {
        return Err("no shard files given".into());
    };
    let missing: Vec<String> = (1..=n)
        .filter(|k| !seen.contains_key(k))
        .map(|k| format!("{k}/{n}"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "shard{} {} missing: a merge needs all {n} shards",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        ));
    }
    problems.sort_by(|a, b| (&a.file, &a.message).cmp(&(&b.file, &b.message)));
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    let mut report = engine.finish_outcomes(problems, outcomes);
    report.elapsed = elapsed + start.elapsed();
    if let (Some(entries), Some(file)) = (entries, &ci.baseline) {
        super::apply_baseline(cfg, &mut report, entries, file, ci.update_baseline, &|_| {
            true
        })?;
    }
    Ok(report)
}

/// A selection as the command line spelled it.
fn describe(sel: &Selection) -> String {
    let mut parts = Vec::new();
    for (flag, list) in [
        ("--select", &sel.select),
        ("--ignore", &sel.ignore),
        ("--severity", &sel.severity),
    ] {
        for v in list {
            parts.push(format!("{flag} {v}"));
        }
    }
    if parts.is_empty() {
        "every rule".into()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_and_ownership() {
        assert_eq!(Spec::parse("2/4"), Ok(Spec { k: 2, n: 4 }));
        for bad in ["0/4", "5/4", "1", "a/b", "1/0", ""] {
            assert!(Spec::parse(bad).is_err(), "{bad}");
        }
        // every file in exactly one shard, stable for a path whatever else exists
        let files: Vec<String> = (0..500).map(|i| format!("src/f{i}.ts")).collect();
        for n in [1, 2, 3, 7] {
            let mut counts = vec![0; n as usize];
            for f in &files {
                let owners: Vec<u32> = (1..=n).filter(|k| Spec { k: *k, n }.owns(f)).collect();
                assert_eq!(owners.len(), 1);
                counts[owners[0] as usize - 1] += 1;
            }
            // roughly even
            assert!(
                counts.iter().all(|c| *c * n as usize > files.len() / 2),
                "{counts:?}"
            );
        }
        assert_eq!(shard_of("src/a.ts", 7), shard_of("src/a.ts", 7));
    }
}
