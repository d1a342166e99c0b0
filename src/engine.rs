//! The engine: walk → read → prefilter → parse once → one pass over the tree (node dispatch plus
//! one merged query per language) → findings, per file in parallel; then one global sort.
//!
//! Nothing of a file outlives its check but its findings: trees and texts are dropped at once.

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use tree_sitter::{Parser, Query, QueryCursor, StreamingIterator, Tree};

use crate::config::{Config, Rule, TestsMode};
use crate::diagnostic::{
    normalize_ws, stable_hash, FileProblem, Finding, LineIndex, ProblemKind, Report, Severity,
    Summary,
};
use crate::lang::Lang;
use crate::rules::{Hit, Literal};
use crate::walk::{self, SourcePath};

/// A parse taking longer than this is abandoned and reported for that file.
pub const PARSE_TIME_LIMIT: Duration = Duration::from_secs(10);
/// Bytes looked at to decide whether a file is binary.
const BINARY_SNIFF: usize = 8192;
/// Longest matched text kept in a finding.
const MAX_MATCH_CHARS: usize = 200;

/// What one language needs for the one pass: node-kind dispatch and where queries run.
struct LangPlan {
    /// Node kind id → what the one pass does at nodes of that kind (bit flags below).
    class: Vec<u8>,
    /// Node kind id → rules that want to see nodes of that kind.
    dispatch: Vec<Vec<u32>>,
    /// Node kind id → rules whose query patterns all start at nodes of known kinds, this one
    /// among them: their query runs at the outermost such nodes, inside the one pass.
    query_roots: Vec<Vec<u32>>,
    /// Rules with a query for this language, and whether it is rooted (else it runs over the
    /// whole tree after the pass).
    queries: Vec<(u32, bool)>,
}

const DISPATCH: u8 = 1;
const QUERY_ROOT: u8 = 2;
const ATTRIBUTE: u8 = 4;
const INNER_ATTRIBUTE: u8 = 8;
const COMMENT: u8 = 16;

/// Rules compiled into per-language plans, ready to check files.
pub struct Engine<'c> {
    cfg: &'c Config,
    plans: Vec<LangPlan>,
    /// All prefilter literals, and for each rule the literal ids it needs (None: always runs).
    literals: Option<(AhoCorasick, Vec<Literal>)>,
    rule_literals: Vec<Option<Vec<usize>>>,
    /// Outcomes of unchanged files from an earlier run (`check --cache`).
    cache: Option<&'c crate::cache::Cache>,
}

/// Options of [`Engine::run_with`].
#[derive(Default)]
pub struct RunOptions<'a> {
    /// Only files whose relative path this accepts are checked (`--changed-since`).
    pub filter: Option<&'a (dyn Fn(&str) -> bool + Sync)>,
    /// Told the file count, then each finished file.
    pub progress: Option<&'a (dyn Progress + Sync)>,
}

/// Progress of a run (a terminal progress bar in the CLI).
pub trait Progress {
    fn start(&self, files: usize);
    fn file_done(&self);
    fn finish(&self);
}

/// The result of checking one file.
#[derive(Clone, Debug, Default)]
pub struct FileOutcome {
    pub findings: Vec<Finding>,
    /// Findings that may join a cross-file cluster ([`crate::crossfile`]).
    pub facts: Vec<crate::crossfile::Fact>,
    pub problem: Option<FileProblem>,
    pub parse_error: bool,
    /// Whether the file was checked (false for skips and errors).
    pub checked: bool,
    /// Imports that could not be resolved (reported or not, per rule).
    pub unresolved_imports: usize,
    /// Resolved import edges for rules that forbid cycles: (rule index, edge).
    pub edges: Vec<(u32, crate::graph::Edge)>,
    /// `archdrift-ignore` comments found in the file (applied after all files are checked).
    pub suppressions: Vec<crate::suppress::Directive>,
    /// Fingerprinted units for cross-file rules: (rule index, unit).
    pub units: Vec<(u32, crate::rules::UnitRecord)>,
}

impl<'c> Engine<'c> {
    pub fn new(cfg: &'c Config) -> Result<Self, String> {
        let mut plans = Vec::new();
        for lang in Lang::ALL {
            plans.push(build_plan(cfg, lang));
        }
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
            cache: None,
        })
    }

    /// Reuses (and records) outcomes of files whose content and rule set are unchanged.
    pub fn with_cache(mut self, cache: &'c crate::cache::Cache) -> Self {
        self.cache = Some(cache);
        self
    }

    /// Checks one file; a panic anywhere inside becomes an internal-error problem for that file.
    pub fn check_path(&self, sp: &SourcePath) -> FileOutcome {
        self.contained(sp, || self.check_path_inner(sp))
    }

    /// [`Engine::check_bytes`] with the same panic containment as [`Engine::check_path`].
    pub fn check_bytes_contained(&self, sp: &SourcePath, bytes: &[u8]) -> FileOutcome {
        self.contained(sp, || self.check_bytes(sp, bytes))
    }

    fn contained(&self, sp: &SourcePath, check: impl FnOnce() -> FileOutcome) -> FileOutcome {
        IN_CHECK.with(|c| c.set(true));
        let result = catch_unwind(AssertUnwindSafe(check));
        IN_CHECK.with(|c| c.set(false));
        match result {
            Ok(o) => o,
            Err(payload) => {
                // a parser left mid-parse by the panic is not reused
                PARSERS.with(|p| {
                    if let Ok(mut p) = p.try_borrow_mut() {
                        *p = Default::default();
                    }
                });
                let msg = LAST_PANIC
                    .with(|l| l.borrow_mut().take())
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                FileOutcome {
                    problem: Some(FileProblem {
                        file: sp.rel.clone(),
                        kind: ProblemKind::InternalError,
                        message: format!(
                            "internal error while checking this file (please report it): {msg}"
                        ),
                    }),
                    ..Default::default()
                }
            }
        }
    }

    fn check_path_inner(&self, sp: &SourcePath) -> FileOutcome {
        let problem = |kind, message: String| FileOutcome {
            problem: Some(FileProblem {
                file: sp.rel.clone(),
                kind,
                message,
            }),
            ..Default::default()
        };
        let meta = match std::fs::metadata(&sp.path) {
            Ok(m) => m,
            Err(e) => return problem(ProblemKind::Unreadable, read_error(&e)),
        };
        if meta.len() > self.cfg.max_file_size {
            return problem(
                ProblemKind::TooLarge,
                format!(
                    "{} bytes, over the {}-byte cap (check.max_file_size); skipped",
                    meta.len(),
                    self.cfg.max_file_size
                ),
            );
        }
        // non-blocking and regular files only: a file swapped for a FIFO or a device since the
        // walk is reported as unreadable instead of blocking the run or filling the memory
        let bytes = match crate::safe_read::read_regular(&sp.path, self.cfg.max_file_size) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
                return problem(
                    ProblemKind::TooLarge,
                    format!(
                        "grew over the {}-byte cap (check.max_file_size) during the run; skipped",
                        self.cfg.max_file_size
                    ),
                )
            }
            Err(e) => return problem(ProblemKind::Unreadable, read_error(&e)),
        };
        match self.cache {
            Some(c) => c.get_or_check(sp, &bytes, |only| self.check_bytes_for(sp, &bytes, only)),
            None => self.check_bytes(sp, &bytes),
        }
    }

    /// Checks file content already in memory (also the entry point for unsaved editor buffers).
    pub fn check_bytes(&self, sp: &SourcePath, bytes: &[u8]) -> FileOutcome {
        self.check_bytes_with(sp, bytes, None, None)
    }

    /// [`Engine::check_bytes`] with only the rules `only` selects (by index in the config), as
    /// the cache needs when some rules changed.
    pub fn check_bytes_for(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        only: Option<&[bool]>,
    ) -> FileOutcome {
        self.check_bytes_with(sp, bytes, None, only)
    }

    /// [`Engine::check_bytes_contained`] for a buffer that changes under an editor: `tree` is the
    /// previous syntax tree of this buffer, already `edit`ed to match `bytes` (or None), so only
    /// the changed parts are parsed again; it is replaced by the new tree when the file is parsed.
    pub fn check_bytes_incremental(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        tree: &mut Option<Tree>,
    ) -> FileOutcome {
        self.contained(sp, || self.check_bytes_with(sp, bytes, Some(tree), None))
    }

    fn check_bytes_with(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        tree: Option<&mut Option<Tree>>,
        only: Option<&[bool]>,
    ) -> FileOutcome {
        let problem = |kind, message: String| FileOutcome {
            problem: Some(FileProblem {
                file: sp.rel.clone(),
                kind,
                message,
            }),
            ..Default::default()
        };
        if bytes.len() as u64 > self.cfg.max_file_size {
            return problem(
                ProblemKind::TooLarge,
                format!("{} bytes, over the cap; skipped", bytes.len()),
            );
        }
        if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
            return problem(
                ProblemKind::Binary,
                "binary content (NUL bytes); skipped".into(),
            );
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let line = bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count()
                    + 1;
                return problem(
                    ProblemKind::InvalidUtf8,
                    format!("not valid UTF-8 (first bad byte on line {line}); skipped"),
                );
            }
        };
        self.check_text(sp, text, tree, only)
    }

    fn check_text(
        &self,
        sp: &SourcePath,
        text: &str,
        mut reuse: Option<&mut Option<Tree>>,
        only: Option<&[bool]>,
    ) -> FileOutcome {
        let cfg = self.cfg;
        let lang = sp.lang;
        let is_test_file = cfg.test_paths.is_match(&sp.rel);
        let mut outcome = FileOutcome {
            checked: true,
            ..Default::default()
        };
        outcome.suppressions = crate::suppress::scan(&sp.rel, text);

        // 1. which rules apply to this file at all
        let mut active: Vec<bool> = cfg
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                only.is_none_or(|o| o.get(i).copied().unwrap_or(false))
                    && r.matcher.languages().contains(lang)
                    && r.applies_to_path(&sp.rel)
                    && r.matcher.applies_to(&sp.rel)
                    && match r.tests {
                        TestsMode::Include => true,
                        TestsMode::Exclude => !is_test_file,
                        // Rust keeps test code inside ordinary files
                        TestsMode::Only => is_test_file || lang == Lang::Rust,
                    }
            })
            .collect();
        if !active.iter().any(|a| *a) {
            return outcome;
        }

        // 2. literal prefilter: one scan of the text for every rule's literals
        if let Some((ac, lits)) = &self.literals {
            let needs_scan = active
                .iter()
                .zip(&self.rule_literals)
                .any(|(a, l)| *a && l.is_some());
            if needs_scan {
                let mut present = vec![false; ac.patterns_len()];
                let mut missing = present.len();
                for m in ac.find_overlapping_iter(text) {
                    let i = m.pattern().as_usize();
                    if !present[i] && lits[i].accepts(text.as_bytes(), m.start(), m.end()) {
                        present[i] = true;
                        missing -= 1;
                        if missing == 0 {
                            break;
                        }
                    }
                }
                for (a, lits) in active.iter_mut().zip(&self.rule_literals) {
                    if let Some(lits) = lits {
                        *a = *a && lits.iter().any(|i| present[*i]);
                    }
                }
            }
        }
        if !active.iter().any(|a| *a) {
            return outcome;
        }

        // 3. text checks, then (only if needed) one parse and one pass over the tree
        let mut hits: Vec<(u32, Hit)> = Vec::new();
        let mut buf = Vec::new();
        for (i, r) in cfg.rules.iter().enumerate() {
            if active[i] {
                r.matcher.check_text(text, lang, &mut buf);
                hits.extend(buf.drain(..).map(|h| (i as u32, h)));
            }
        }
        let tree_rules = cfg
            .rules
            .iter()
            .enumerate()
            .any(|(i, r)| active[i] && r.matcher.needs_tree(lang));
        let test_sensitive = lang == Lang::Rust
            && !is_test_file
            && hits
                .iter()
                .any(|(i, _)| cfg.rules[*i as usize].tests != TestsMode::Include);
        let mut test_ranges = Vec::new();
        let mut parsed: Option<Tree> = None;
        if tree_rules || test_sensitive {
            let old = reuse.as_mut().and_then(|r| r.take());
            let tree = match parse_with(lang, text, old.as_ref()) {
                Ok(t) => t,
                Err(msg) => {
                    outcome.checked = false;
                    outcome.problem = Some(FileProblem {
                        file: sp.rel.clone(),
                        kind: ProblemKind::ParseFailed,
                        message: msg,
                    });
                    return outcome;
                }
            };
            outcome.parse_error = tree.root_node().has_error();
            let plan = &self.plans[lang.index()];
            let wants_nodes = cfg
                .rules
                .iter()
                .enumerate()
                .any(|(i, r)| active[i] && !r.matcher.node_kinds(lang).is_empty());
            let wants_tests = lang == Lang::Rust
                && !is_test_file
                && cfg
                    .rules
                    .iter()
                    .enumerate()
                    .any(|(i, r)| active[i] && r.tests != TestsMode::Include);
            let rooted_query = plan
                .queries
                .iter()
                .any(|(r, rooted)| *rooted && active[*r as usize]);
            if wants_nodes || wants_tests || rooted_query {
                self.walk_tree(
                    &sp.rel,
                    &tree,
                    text,
                    lang,
                    plan,
                    &active,
                    &mut hits,
                    &mut test_ranges,
                );
            }
            for &(ri, rooted) in &plan.queries {
                if !rooted && active[ri as usize] {
                    if let Some((q, _)) = cfg.rules[ri as usize].matcher.query(lang) {
                        run_query(q, ri, tree.root_node(), text, &mut hits);
                    }
                }
            }
            parsed = Some(tree);
        }
        // the enclosing symbol (part of the fingerprint) needs a tree even for text-only rules
        if parsed.is_none() && hits.iter().any(|(_, h)| !h.silent) {
            parsed = parse(lang, text).ok();
        }

        // 4. hits → findings
        // the same span reported twice by one rule is one finding (graph edges are kept apart)
        hits.sort_by_key(|a| (a.0, a.1.start, a.1.end, a.1.silent));
        hits.dedup_by(|a, b| {
            a.0 == b.0 && a.1.start == b.1.start && a.1.end == b.1.end && a.1.silent == b.1.silent
        });
        let in_test = |offset: usize| {
            is_test_file
                || test_ranges
                    .binary_search_by(|r: &std::ops::Range<usize>| {
                        if r.end <= offset {
                            std::cmp::Ordering::Less
                        } else if r.start > offset {
                            std::cmp::Ordering::Greater
                        } else {
                            std::cmp::Ordering::Equal
                        }
                    })
                    .is_ok()
        };
        let index = LineIndex::new(text);
        let mut seen: std::collections::HashMap<(u32, String, String), usize> = Default::default();
        // an import several rules cannot resolve is counted once
        let mut unresolved_at = std::collections::HashSet::new();
        for (ri, mut hit) in hits {
            let rule = &cfg.rules[ri as usize];
            let keep = match rule.tests {
                TestsMode::Include => true,
                TestsMode::Exclude => !in_test(hit.start),
                TestsMode::Only => in_test(hit.start),
            };
            if !keep {
                continue;
            }
            if hit.unresolved && unresolved_at.insert(hit.start) {
                outcome.unresolved_imports += 1;
            }
            if let Some(unit) = hit.unit.take() {
                let (line, column) = index.line_col(hit.start);
                outcome.units.push((
                    ri,
                    crate::rules::UnitRecord {
                        file: sp.rel.clone(),
                        line,
                        column,
                        byte_start: hit.start,
                        byte_end: hit.end,
                        unit: *unit,
                    },
                ));
            }
            if let Some((from, to)) = &hit.edge {
                let (line, column) = index.line_col(hit.start);
                outcome.edges.push((
                    ri,
                    crate::graph::Edge {
                        from: from.clone(),
                        to: to.clone(),
                        file: sp.rel.clone(),
                        line,
                        column,
                        specifier: hit.matched.clone(),
                        byte_start: hit.start,
                        byte_end: hit.end,
                    },
                ));
            }
            if hit.silent {
                continue;
            }
            let span_text = normalize_ws(text.get(hit.start..hit.end).unwrap_or(""));
            let span_text: String = span_text.chars().take(500).collect();
            let symbol = parsed.as_ref().map_or_else(String::new, |t| {
                crate::symbol::enclosing(t.root_node(), text, lang, hit.start, hit.end)
            });
            let ordinal = {
                let n = seen
                    .entry((ri, span_text.clone(), symbol.clone()))
                    .or_insert(0);
                *n += 1;
                *n
            };
            let fingerprint = format!(
                "{:016x}",
                stable_hash(&[&rule.id, &span_text, &symbol, &ordinal.to_string()])
            );
            let cluster = hit.detail.as_ref().and_then(|d| d.cluster.clone());
            let finding = make_finding(rule, &sp.rel, &index, hit, fingerprint);
            match cluster {
                Some(key) => outcome.facts.push(crate::crossfile::Fact {
                    key,
                    min_files: rule.matcher.cluster_min_files(),
                    finding,
                }),
                None => outcome.findings.push(finding),
            }
        }
        if let (Some(r), Some(t)) = (reuse, parsed) {
            *r = Some(t);
        }
        outcome
    }

    /// The one pass over the tree: node-kind dispatch, Rust test-code ranges, and the merged
    /// query run on the outermost nodes its patterns can start at.
    #[allow(clippy::too_many_arguments)]
    fn walk_tree(
        &self,
        rel: &str,
        tree: &Tree,
        text: &str,
        lang: Lang,
        plan: &LangPlan,
        active: &[bool],
        hits: &mut Vec<(u32, Hit)>,
        test_ranges: &mut Vec<std::ops::Range<usize>>,
    ) {
        let track_tests = lang == Lang::Rust;

        let mut buf = Vec::new();
        let mut cursor = tree.walk();
        // per depth: a test attribute was seen and applies to the next item
        let mut pending_test: Vec<bool> = vec![false];
        let mut test_until = 0usize;
        // per rule: end of the last subtree its query ran on
        let mut query_until = vec![0usize; active.len()];
        loop {
            let node = cursor.node();
            let class = plan
                .class
                .get(node.kind_id() as usize)
                .copied()
                .unwrap_or(0);
            if class & DISPATCH != 0 {
                for &ri in &plan.dispatch[node.kind_id() as usize] {
                    if active[ri as usize] {
                        self.cfg.rules[ri as usize]
                            .matcher
                            .check_node_in(rel, node, text, lang, &mut buf);
                        hits.extend(buf.drain(..).map(|h| (ri, h)));
                    }
                }
            }
            if class & QUERY_ROOT != 0 {
                for &ri in &plan.query_roots[node.kind_id() as usize] {
                    let r = ri as usize;
                    if active[r] && node.start_byte() >= query_until[r] {
                        if let Some((q, _)) = self.cfg.rules[r].matcher.query(lang) {
                            // covers this node's whole subtree, nested roots included
                            query_until[r] = node.end_byte().max(node.start_byte() + 1);
                            run_query(q, ri, node, text, hits);
                        }
                    }
                }
            }
            if track_tests {
                let depth = pending_test.len() - 1;
                if class & ATTRIBUTE != 0 {
                    if is_test_attribute(text.get(node.byte_range()).unwrap_or("")) {
                        pending_test[depth] = true;
                    }
                } else if class & INNER_ATTRIBUTE != 0 {
                    let attr = text
                        .get(node.byte_range())
                        .unwrap_or("")
                        .replacen("#!", "#", 1);
                    if is_test_attribute(&attr) {
                        if let Some(parent) = node.parent() {
                            push_test_range(test_ranges, &mut test_until, parent.byte_range());
                        }
                    }
                } else if class & COMMENT == 0 && pending_test[depth] && node.is_named() {
                    pending_test[depth] = false;
                    push_test_range(test_ranges, &mut test_until, node.byte_range());
                }
            }
            if cursor.goto_first_child() {
                if track_tests {
                    pending_test.push(false);
                }
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    test_ranges.sort_by_key(|r| r.start);
                    return;
                }
                if track_tests {
                    pending_test.pop();
                }
            }
        }
    }

    /// Checks every file under `paths` in parallel and returns the sorted report.
    pub fn run(&self, paths: &[PathBuf], threads: usize) -> Report {
        self.run_with(paths, threads, &RunOptions::default())
    }

    /// [`Engine::run`] with a file filter (changed files) and a progress callback.
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
                let o = self.check_path(sp);
                if let Some(p) = opts.progress {
                    p.file_done();
                }
                o
            })
            .collect();
        if let Some(p) = opts.progress {
            p.finish();
        }
        let mut report = Report {
            problems: walked.problems,
            files: walked.files.iter().map(|sp| sp.rel.clone()).collect(),
            ..Default::default()
        };
        for o in outcomes {
            self.add_outcome(&mut report, o);
        }
        self.finish(&mut report);
        report.elapsed = start.elapsed();
        report
    }

    pub fn add_outcome(&self, report: &mut Report, o: FileOutcome) {
        let s = &mut report.summary;
        if o.checked {
            s.files_checked += 1;
        }
        if o.parse_error {
            s.files_with_parse_errors += 1;
        }
        s.unresolved_imports += o.unresolved_imports;
        report.edges.extend(o.edges);
        report.units.extend(o.units);
        if let Some(p) = o.problem {
            if p.kind.is_skip() {
                s.files_skipped += 1;
            } else {
                s.files_with_errors += 1;
            }
            report.problems.push(p);
        }
        report.findings.extend(o.findings);
        report.suppressions.extend(o.suppressions);
        report.facts.extend(o.facts);
    }

    /// The stages over all files, then sorting and counting: the one order, whatever the
    /// thread count.
    pub fn finish(&self, report: &mut Report) {
        // cross-file rules over fingerprinted units
        let mut units_by_rule: std::collections::BTreeMap<u32, Vec<crate::rules::UnitRecord>> =
            Default::default();
        for (ri, u) in std::mem::take(&mut report.units) {
            units_by_rule.entry(ri).or_default().push(u);
        }
        for (ri, units) in units_by_rule {
            let rule = &self.cfg.rules[ri as usize];
            // `{match}` stays in the template for the rule to fill per finding
            let template = make_finding(
                rule,
                "",
                &LineIndex::new(""),
                Hit::new(0, 0, "{match}"),
                String::new(),
            );
            report
                .findings
                .extend(rule.matcher.cross_file(units, &template));
        }
        // import cycles, per rule that asked for them
        let mut by_rule: std::collections::BTreeMap<u32, Vec<crate::graph::Edge>> =
            Default::default();
        for (ri, e) in std::mem::take(&mut report.edges) {
            by_rule.entry(ri).or_default().push(e);
        }
        for (ri, edges) in by_rule {
            let rule = &self.cfg.rules[ri as usize];
            let template =
                make_finding(rule, "", &LineIndex::new(""), Hit::default(), String::new());
            let what = rule.matcher.cycle_nodes().unwrap_or("modules");
            report
                .findings
                .extend(crate::graph::cycle_findings(edges, &template, what));
        }
        // the cross-file stage: per-file facts in, findings (clusters with `related`) out
        let facts = std::mem::take(&mut report.facts);
        report.findings.extend(crate::crossfile::resolve(facts));
        crate::suppress::apply(report, &self.cfg.suppressions, &self.cfg.rules);
        report.rules = self
            .cfg
            .rules
            .iter()
            .map(|r| crate::diagnostic::RuleInfo {
                id: r.id.clone(),
                kind: r.kind.to_string(),
                severity: r.severity,
                message: r.message.clone(),
                help: r.help.clone(),
                adr: r.adr.clone(),
            })
            .collect();
        report
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        report
            .problems
            .sort_by(|a, b| (&a.file, a.kind, &a.message).cmp(&(&b.file, b.kind, &b.message)));
        let mut s = Summary {
            rules: self.cfg.rules.len(),
            ..report.summary.clone()
        };
        s.findings = Default::default();
        for f in &report.findings {
            match f.severity {
                Severity::Error => s.findings.error += 1,
                Severity::Warning => s.findings.warning += 1,
                Severity::Info => s.findings.info += 1,
            }
        }
        report.summary = s;
    }
}

fn push_test_range(
    ranges: &mut Vec<std::ops::Range<usize>>,
    until: &mut usize,
    r: std::ops::Range<usize>,
) {
    // nested test items are already covered by their enclosing range
    if r.start >= *until || ranges.is_empty() {
        *until = r.end;
        ranges.push(r);
    }
}

/// `#[test]`, `#[cfg(test)]`, `#[tokio::test]`, `#[rstest]`, `#[test_case(..)]`, … .
fn is_test_attribute(attr: &str) -> bool {
    let inner: String = attr
        .trim()
        .trim_start_matches("#[")
        .trim_end_matches(']')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let name = inner.split('(').next().unwrap_or("");
    name == "test"
        || name.ends_with("::test")
        || name == "rstest"
        || name == "test_case"
        || name == "bench"
        || inner == "cfg(test)"
        || inner.starts_with("cfg(all(test,")
}

fn read_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "vanished during the run (not found)".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

fn make_finding(
    rule: &Rule,
    rel: &str,
    index: &LineIndex<'_>,
    hit: Hit,
    fingerprint: String,
) -> Finding {
    let (line, column) = index.line_col(hit.start);
    let (end_line, end_column) = index.line_col(hit.end);
    let mut matched = hit.matched;
    if matched.chars().count() > MAX_MATCH_CHARS {
        matched = matched.chars().take(MAX_MATCH_CHARS).collect::<String>() + "…";
    }
    let detail = hit.detail.map(|d| *d).unwrap_or_default();
    let fill = |template: &str| {
        let mut t = template.replace("{match}", &matched);
        for (k, v) in &hit.vars {
            t = t.replace(&format!("{{{k}}}"), v);
        }
        if let Some(what) = &detail.what {
            t = t.replace("{what}", what);
        }
        t
    };
    let message = fill(hit.message.as_deref().unwrap_or(&rule.message));
    let rule_help = hit.help.as_deref().or(rule.help.as_deref()).map(fill);
    // a kind's own help goes before the rule's
    let help = match (detail.help.clone(), rule_help) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    };
    Finding {
        rule: rule.id.clone(),
        kind: rule.kind.to_string(),
        severity: hit.severity.or(detail.severity).unwrap_or(rule.severity),
        message,
        file: rel.to_string(),
        line,
        column,
        end_line,
        end_column,
        adr: rule.adr.clone().unwrap_or_default(),
        help,
        fingerprint,
        matched,
        related: Vec::new(),
        fix: detail.fix.clone(),
        byte_start: hit.start,
        byte_end: hit.end,
        redact: detail.redact,
    }
}

fn build_plan(cfg: &Config, lang: Lang) -> LangPlan {
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
            // Can the query run only at the nodes its patterns start at?
            let mut roots = Vec::new();
            let mut rooted = true;
            for i in 0..q.pattern_count() {
                let text = source
                    .get(q.start_byte_for_pattern(i)..q.end_byte_for_pattern(i))
                    .unwrap_or("");
                let ids: Vec<usize> = crate::rules::banned_pattern::pattern_root_kinds(text)
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
    }
}

/// Runs one rule's query on `root`'s subtree, adding its matches as hits.
fn run_query(
    q: &Query,
    rule: u32,
    root: tree_sitter::Node<'_>,
    text: &str,
    hits: &mut Vec<(u32, Hit)>,
) {
    let match_capture = q.capture_index_for_name("match");
    QCURSOR.with(|c| {
        let mut cursor = c.borrow_mut();
        let mut matches = cursor.matches(q, root, text.as_bytes());
        while let Some(m) = matches.next() {
            let caps = m.captures();
            let chosen: Vec<_> = match match_capture {
                Some(mc) if caps.iter().any(|c| c.index == mc) => {
                    caps.iter().filter(|c| c.index == mc).collect()
                }
                _ => caps.iter().collect(),
            };
            let (Some(start), Some(end)) = (
                chosen.iter().map(|c| c.node.start_byte()).min(),
                chosen.iter().map(|c| c.node.end_byte()).max(),
            ) else {
                continue;
            };
            let matched = normalize_ws(text.get(start..end).unwrap_or(""));
            hits.push((
                rule,
                Hit {
                    start,
                    end,
                    matched,
                    ..Default::default()
                },
            ));
        }
    });
}

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; 4]> = Default::default();
    static QCURSOR: RefCell<QueryCursor> = RefCell::new({
        let mut c = QueryCursor::new();
        c.set_match_limit(1024);
        c
    });
    /// Message of the last panic on this thread, recorded by [`install_panic_hook`].
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK_INSTALLED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Set while this thread checks a file: panics there are recorded, not printed.
    static IN_CHECK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Panics while checking a file are recorded (message and place) for that file's
/// internal-error entry instead of printing a backtrace into the report; any other panic still
/// goes to the previous hook.
pub fn install_panic_hook() {
    if HOOK_INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_CHECK.with(|c| c.get()) {
            return previous(info);
        }
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|l| *l.borrow_mut() = Some(format!("{msg}{place}")));
    }));
}

thread_local! {
    /// Inside [`incremental`]: the edited tree of the file's previous version (taken by the next
    /// parse), then the tree that parse produced.
    static INCREMENTAL: RefCell<Option<Option<Tree>>> = const { RefCell::new(None) };
}

/// Runs `check` (one file check on this thread) so that its parse, if any, reuses `base`: the
/// tree of the same file's previous version, already `Tree::edit`ed to the new text. Returns the
/// new tree (or, when nothing was parsed, the still-edited `base`) for the next version.
/// Incremental parsing gives the same tree as a fresh parse, much faster when the edit is small.
pub fn incremental<R>(base: Option<Tree>, check: impl FnOnce() -> R) -> (R, Option<Tree>) {
    INCREMENTAL.with(|c| *c.borrow_mut() = Some(base));
    let r = check();
    let tree = INCREMENTAL.with(|c| c.borrow_mut().take().flatten());
    (r, tree)
}

/// Parses with the thread's parser for `lang`, bounded in time.
pub fn parse(lang: Lang, text: &str) -> Result<Tree, String> {
    parse_with(lang, text, None)
}

/// [`parse`], reusing the unchanged parts of `old` (a tree of an earlier version of the text,
/// edited to match it). Without `old`, a base tree set by [`incremental`] (the trend's previous
/// version of the file) is used when there is one.
pub fn parse_with(lang: Lang, text: &str, old: Option<&Tree>) -> Result<Tree, String> {
    if old.is_some() {
        return parse_from(lang, text, old);
    }
    let base = INCREMENTAL.with(|c| c.borrow_mut().as_mut().and_then(Option::take));
    let tree = parse_from(lang, text, base.as_ref());
    if let Ok(t) = &tree {
        INCREMENTAL.with(|c| {
            if let Some(slot) = c.borrow_mut().as_mut() {
                *slot = Some(t.clone());
            }
        });
    }
    tree
}

fn parse_from(lang: Lang, text: &str, base: Option<&Tree>) -> Result<Tree, String> {
    PARSERS.with(|p| {
        let mut parsers = p.borrow_mut();
        let slot = &mut parsers[lang.index()];
        if slot.is_none() {
            let mut parser = Parser::new();
            parser
                .set_language(&lang.grammar())
                .map_err(|e| format!("grammar for {} does not load: {e}", lang.name()))?;
            *slot = Some(parser);
        }
        let parser = slot.as_mut().expect("parser set above");
        let started = Instant::now();
        let bytes = text.as_bytes();
        let mut progress = |_: &tree_sitter::ParseState| {
            if started.elapsed() > PARSE_TIME_LIMIT {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        };
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
        let tree = parser.parse_with_options(
            &mut |offset, _| {
                if offset < bytes.len() {
                    &bytes[offset..]
                } else {
                    &[] as &[u8]
                }
            },
            base,
            Some(options),
        );
        match tree {
            Some(t) => Ok(t),
            None => {
                parser.reset();
                Err(format!(
                    "parser gave up after {}s; skipped",
                    PARSE_TIME_LIMIT.as_secs()
                ))
            }
        }
    })
}

/// Walk + read + parse only, the same way a check does: the floor a check's time is compared to.
/// Returns (files parsed, bytes parsed, files with syntax errors).
pub fn parse_floor(cfg: &Config, paths: &[PathBuf], threads: usize) -> (usize, u64, usize) {
    let walked = walk::collect(&cfg.root, paths, &cfg.exclude, threads);
    walked
        .files
        .par_iter()
        .map(|sp| {
            let Ok(bytes) = crate::safe_read::read_regular(&sp.path, cfg.max_file_size) else {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Globs, Rule};
    use crate::lang::LangSet;
    use crate::rules::{FileRule, Literal};

    /// Checks `source` as file `rel` against the rules in `toml`; returns (line, rule, match).
    pub(crate) fn check(toml: &str, rel: &str, source: &str) -> Vec<(usize, String, String)> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(crate::config::CONFIG_FILE);
        std::fs::write(&p, toml).unwrap();
        let cfg = crate::config::load(&p)
            .map_err(|e| e[0].message.clone())
            .unwrap();
        let engine = Engine::new(&cfg).unwrap();
        let sp = SourcePath {
            rel: rel.into(),
            path: dir.path().join(rel),
            lang: Lang::from_path(std::path::Path::new(rel)).unwrap(),
        };
        let out = engine.check_bytes(&sp, source.as_bytes());
        assert!(out.problem.is_none(), "{:?}", out.problem);
        out.findings
            .into_iter()
            .map(|f| (f.line, f.rule, f.matched))
            .collect()
    }

    fn rule(fields: &str) -> String {
        format!("[[rule]]\nid = \"r\"\nkind = \"banned-pattern\"\nmessage = \"m\"\n{fields}\n")
    }

    fn lines(toml: &str, rel: &str, source: &str) -> Vec<usize> {
        check(toml, rel, source)
            .into_iter()
            .map(|(l, _, _)| l)
            .collect()
    }

    #[test]
    fn calls_match_callee_paths_not_lookalikes() {
        let r = rule("calls = [\"console.*\", \"eval\"]");
        let src = "console.log(1);\nlogger.log(2);\n// console.log(3)\nconst s = \"console.log(4)\";\nconsole\n  .warn(5);\nevaluate(6);\nwindow.eval(7);\neval(8);\n";
        assert_eq!(lines(&r, "a.ts", src), vec![1, 5, 9]);
        // JS and TSX too
        assert_eq!(lines(&r, "a.jsx", "eval(1)"), vec![1]);
        assert_eq!(
            lines(
                &r,
                "a.tsx",
                "const A = () => <b onClick={() => eval(1)} />;"
            ),
            vec![1]
        );
    }

    #[test]
    fn methods_in_ts_and_rust_including_macro_arguments() {
        let r = rule("methods = [\"unwrap\"]");
        assert_eq!(lines(&r, "a.rs", "fn f() {\n a.unwrap();\n a.unwrap_or(1);\n assert!(b.unwrap());\n c.unwrap::<u8>();\n}\n"), vec![2, 4, 5]);
        assert_eq!(lines(&r, "a.ts", "x.unwrap();\nunwrap();\n"), vec![1]);
    }

    #[test]
    fn macros_by_name_or_path() {
        let r = rule("macros = [\"dbg\", \"log::warn\"]");
        let src = "fn f() {\n dbg!(1);\n log::warn!(\"x\");\n warn!(\"y\");\n // dbg!(2)\n let s = \"dbg!(3)\";\n vec![dbg!(4)];\n}\n";
        assert_eq!(lines(&r, "a.rs", src), vec![2, 3, 7]);
    }

    #[test]
    fn imports_everywhere_they_hide() {
        let r = rule("imports = [\"lodash\", \"@mui/*\", \"std::process\"]");
        let src = "import a from 'lodash';\nimport b from 'lodash-es';\nimport c from 'lodash/get';\nexport { d } from '@mui/material';\nconst e = require('lodash');\nconst f = await import('lodash');\nimport g from './lodash';\nimport type { H } from '@mui/types';\n";
        assert_eq!(lines(&r, "a.ts", src), vec![1, 3, 4, 5, 6, 8]);
        let rs = "use std::process;\nuse std::{env, process::Command};\nuse std::processes;\nuse std::process::exit as quit;\n";
        assert_eq!(lines(&r, "a.rs", rs), vec![1, 2, 4]);
    }

    #[test]
    fn types_in_type_positions_only() {
        let r = rule("types = [\"any\", \"RefCell\", \"React.FC\"]");
        let src = "let a: any;\nlet many = 1;\nconst anyValue = 2;\ntype T = Array<any>;\nconst C: React.FC = () => null;\nfunction f(x: AnyOf<string>) {}\n";
        assert_eq!(lines(&r, "a.ts", src), vec![1, 4, 5]);
        let rs = "struct S { a: RefCell<u8>, b: std::cell::RefCell<u8> }\nfn f() { let c = RefCell::new(1); }\n";
        assert_eq!(lines(&r, "a.rs", rs), vec![1, 1]);
    }

    #[test]
    fn queries_report_the_match_capture_and_respect_predicates() {
        let r = rule("language = [\"typescript\", \"tsx\"]\nquery = '''((call_expression function: (identifier) @f) @match (#eq? @f \"eval\"))'''");
        let got = check(&r, "a.ts", "eval(1);\nnotEval(2);\n");
        assert_eq!(got, vec![(1, "r".into(), "eval(1)".into())]);
        // no @match: the union of the captures
        let r = rule("language = \"rust\"\nquery = '''(unsafe_block (block) @b)'''");
        let got = check(&r, "a.rs", "fn f() { unsafe { g() } }\n");
        assert_eq!(got, vec![(1, "r".into(), "{ g() }".into())]);
        // a rule for `typescript` does not run on `.rs` or `.js`
        let r = rule("language = \"typescript\"\nquery = '(debugger_statement) @match'");
        assert_eq!(lines(&r, "a.ts", "debugger;"), vec![1]);
        assert_eq!(lines(&r, "a.js", "debugger;"), Vec::<usize>::new());
        // a top-level alternation runs at the nodes of each alternative
        let r = rule(
            "language = \"typescript\"\nquery = '[(debugger_statement) (with_statement)] @match'",
        );
        assert_eq!(
            lines(
                &r,
                "a.ts",
                "debugger;\nfunction f() { if (x) { debugger; } }\n"
            ),
            vec![1, 2]
        );
        // a wildcard root runs over the whole tree
        let r = rule("language = \"typescript\"\nquery = '((_) @match (#eq? @match \"zz\"))'");
        assert_eq!(lines(&r, "a.ts", "let a = 1;\nf(zz);\n"), vec![2]);
        // nested matches of a rooted query are all reported, once each
        let r = rule("language = \"typescript\"\nquery = '(non_null_expression) @match'");
        assert_eq!(lines(&r, "a.ts", "a!.b!.c;\nx!;\n"), vec![1, 1, 2]);
    }

    #[test]
    fn regex_is_the_last_resort_and_multiline() {
        let r = rule("regex = '^\\s*// TODO[^(]'");
        assert_eq!(lines(&r, "a.ts", "// TODO fix\n// TODO(ACME-1) ok\nconst a = 1; // TODO not at line start\n  // TODO indented\n"), vec![1, 4]);
    }

    #[test]
    fn rust_test_code_is_excluded_or_selected() {
        let src = "fn a() { x.unwrap(); }\n#[cfg(test)]\nmod tests {\n    fn helper() { y.unwrap(); }\n    #[test]\n    fn t() { z.unwrap(); }\n}\n#[test]\n// a comment between\nfn top() { w.unwrap(); }\n#[tokio::test]\nasync fn asy() { v.unwrap(); }\nfn after() { u.unwrap(); }\n";
        let ex = rule("methods = [\"unwrap\"]\ntests = \"exclude\"");
        assert_eq!(lines(&ex, "src/a.rs", src), vec![1, 13]);
        let only = rule("methods = [\"unwrap\"]\ntests = \"only\"");
        assert_eq!(lines(&only, "src/a.rs", src), vec![4, 6, 10, 12]);
        assert_eq!(lines(&ex, "tests/it.rs", src), Vec::<usize>::new());
        let inner = "#![cfg(test)]\nfn a() { x.unwrap(); }\n";
        assert_eq!(lines(&ex, "src/b.rs", inner), Vec::<usize>::new());
        // regex rules honour Rust test code as well
        let re = rule("regex = 'unwrap\\(\\)'\ntests = \"exclude\"");
        assert_eq!(lines(&re, "src/a.rs", src), vec![1, 13]);
    }

    #[test]
    fn ts_test_files_by_path() {
        let ex = rule("calls = [\"eval\"]\ntests = \"exclude\"");
        assert_eq!(lines(&ex, "src/a.test.ts", "eval(1)"), Vec::<usize>::new());
        assert_eq!(
            lines(&ex, "src/__tests__/a.ts", "eval(1)"),
            Vec::<usize>::new()
        );
        assert_eq!(
            lines(&ex, "src/a.stories.tsx", "eval(1)"),
            vec![1],
            "stories only when configured"
        );
        assert_eq!(lines(&ex, "src/a.ts", "eval(1)"), vec![1]);
        let only = rule("calls = [\"eval\"]\ntests = \"only\"");
        assert_eq!(lines(&only, "src/a.spec.ts", "eval(1)"), vec![1]);
        assert_eq!(lines(&only, "src/a.ts", "eval(1)"), Vec::<usize>::new());
    }

    #[test]
    fn message_and_help_say_what_matched() {
        let r = "[[rule]]\nid = \"r\"\nkind = \"banned-pattern\"\nmessage = \"no {match}\"\nhelp = \"replace {match}\"\ncalls = [\"console.*\"]\n";
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("archdrift.toml");
        std::fs::write(&p, r).unwrap();
        let cfg = crate::config::load(&p).unwrap();
        let engine = Engine::new(&cfg).unwrap();
        let sp = SourcePath {
            rel: "a.ts".into(),
            path: dir.path().join("a.ts"),
            lang: Lang::TypeScript,
        };
        let out = engine.check_bytes(&sp, b"console.info(1)");
        assert_eq!(out.findings[0].message, "no console.info");
        assert_eq!(
            out.findings[0].help.as_deref(),
            Some("replace console.info")
        );
        assert_eq!(
            (out.findings[0].column, out.findings[0].end_column),
            (1, 16)
        );
    }

    struct Panics;
    impl FileRule for Panics {
        fn languages(&self) -> LangSet {
            LangSet::ALL
        }
        fn prefilter(&self) -> Option<&[Literal]> {
            None
        }
        fn check_text(&self, src: &str, _: Lang, _: &mut Vec<Hit>) {
            if src.contains("boom") {
                panic!("rule exploded");
            }
        }
    }

    #[test]
    fn a_panic_is_contained_to_its_file() {
        install_panic_hook();
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [("a.ts", "ok"), ("b.ts", "boom"), ("c.ts", "ok")] {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let cfg = Config {
            root: dir.path().to_path_buf(),
            config_file: dir.path().join("archdrift.toml"),
            exclude: Globs::from_static(&[]),
            max_file_size: 1 << 20,
            test_paths: Globs::from_static(&[]),
            rules: vec![Rule {
                id: "p".into(),
                kind: "banned-pattern",
                severity: Severity::Error,
                message: "m".into(),
                help: None,
                adr: None,
                paths: None,
                exclude: None,
                tests: TestsMode::Include,
                defined_at: "x:1".into(),
                matcher: Box::new(Panics),
            }],
            sources: Vec::new(),
            suppressions: Default::default(),
            adr: Default::default(),
        };
        let engine = Engine::new(&cfg).unwrap();
        let report = engine.run(&[dir.path().to_path_buf()], 2);
        assert_eq!(report.summary.files_checked, 2);
        assert_eq!(report.summary.files_with_errors, 1);
        assert_eq!(report.problems[0].file, "b.ts");
        assert_eq!(report.problems[0].kind, ProblemKind::InternalError);
        assert!(
            report.problems[0].message.contains("rule exploded"),
            "{}",
            report.problems[0].message
        );
    }
}
