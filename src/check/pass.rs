//! The per-file pass: which rules apply to the file, one literal prefilter scan for all of them,
//! the text checks, then (only when a rule needs it) one parse and one walk over the tree that
//! dispatches nodes by kind id to the rules that asked for them, runs each query at the nodes
//! its patterns start at, and tracks Rust test code. All of it spends one work budget per file
//! ([`Budget`]: parser operations, nodes walked, query work, hits); a file that exhausts it gets
//! a `time-limit` problem and no findings, and the run goes on.

use std::cell::RefCell;

use tree_sitter::{Query, QueryCursor, QueryCursorOptions, StreamingIterator, Tree};

use crate::config::TestsMode;
use crate::core::{normalize_ws_prefix, Budget, FileProblem, ProblemKind};
use crate::lang::js_lexer::LexOnce;
use crate::lang::parse::parse_in;
use crate::lang::Lang;
use crate::rules::hit::Hit;
use crate::rules::kind::FileCtx;
use crate::rules::literal::Occurrence;

use super::engine::Engine;
use super::outcome::FileOutcome;
use super::plan::{LangPlan, ATTRIBUTE, COMMENT, DISPATCH, INNER_ATTRIBUTE, QUERY_ROOT};
use super::walk::SourcePath;

impl Engine {
    pub(super) fn check_text(
        &self,
        sp: &SourcePath,
        text: &str,
        reuse: Option<&mut Option<Tree>>,
        only: Option<&[bool]>,
    ) -> FileOutcome {
        let cfg = &*self.cfg;
        let lang = sp.lang;
        let is_test_file = cfg.test_paths.is_match(&sp.rel);
        let mut outcome = FileOutcome {
            checked: true,
            ..Default::default()
        };
        // a generated file is nobody's architecture (`[check].generated = true` checks it)
        if !cfg.check_generated && super::generated::is_generated(text) {
            return outcome;
        }
        outcome.suppressions = super::suppress::scan(&sp.rel, text, lang);
        let lexed = LexOnce::new(text);
        if let Some(ds) = &cfg.design_system {
            outcome.adoption =
                super::adoption::count(ds, &sp.rel, lang, is_test_file, text, &lexed);
        }

        // 1. which rules apply to this file at all, 2. the literal prefilter (into this
        // thread's buffers, reused from file to file: taken, so that a panic loses them rather
        // than leaving them borrowed, and given back when the file is done)
        let mut scratch = PASS_SCRATCH.with(|c| c.take());
        let (active, anchored) = self.active_rules(sp, text, only, is_test_file, &mut scratch);
        if !active.iter().any(|a| *a) {
            PASS_SCRATCH.with(|c| c.set(scratch));
            return outcome;
        }
        let outcome = self.check_active(
            sp,
            text,
            reuse,
            outcome,
            &lexed,
            is_test_file,
            (&active, anchored),
            (&mut scratch.anchors, &mut scratch.hits),
        );
        PASS_SCRATCH.with(|c| c.set(scratch));
        outcome
    }

    /// The rest of [`Engine::check_text`] for a file with active rules (`active`; `anchored`:
    /// whether every one that walks gave its anchors, in `anchors`): the text checks, the
    /// parse and the walk, the findings.
    #[allow(clippy::too_many_arguments)]
    fn check_active(
        &self,
        sp: &SourcePath,
        text: &str,
        mut reuse: Option<&mut Option<Tree>>,
        mut outcome: FileOutcome,
        lexed: &LexOnce<'_>,
        mut is_test_file: bool,
        (active, anchored): (&[bool], bool),
        (anchors, hits): (&mut FileAnchors, &mut Vec<(u32, Hit)>),
    ) -> FileOutcome {
        let cfg = &*self.cfg;
        let lang = sp.lang;

        // 3. text checks, then (only if needed) one parse and one pass over the tree
        let cx = FileCtx {
            file: &sp.rel,
            src: text,
            lang,
            root: None,
            lexed,
        };
        let budget = Budget::for_len(text.len());
        // (what an earlier file's early return left)
        hits.clear();
        let mut buf = Vec::new();
        for (i, r) in cfg.rules.iter().enumerate() {
            if active[i] {
                r.matcher.check_text(&cx, &mut buf);
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
            let tree = match parse_in(lang, text, old.as_ref(), &budget) {
                Ok(t) => t,
                Err(msg) => {
                    let kind = if budget.exhausted() {
                        ProblemKind::TimeLimit
                    } else {
                        ProblemKind::ParseFailed
                    };
                    return out_of_budget(outcome, sp, kind, msg);
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
                // subtrees without an anchor are skipped when every rule of the walk gave its
                // anchors and no Rust test code needs tracking
                let union = (anchored && !wants_tests).then(|| {
                    let mut all = anchors.at.clone();
                    all.sort_unstable();
                    all.dedup();
                    all
                });
                self.walk_tree(
                    &cx,
                    &tree,
                    plan,
                    active,
                    hits,
                    &mut test_ranges,
                    &budget,
                    union.as_deref(),
                    anchors,
                );
            }
            for &(ri, rooted) in &plan.queries {
                if !rooted && active[ri as usize] {
                    if let Some((q, _)) = cfg.rules[ri as usize].matcher.query(lang) {
                        let weight = plan.query_weight[ri as usize];
                        let at = tree.root_node();
                        run_query(q, ri, at, text, hits, None, weight, &budget);
                    }
                }
            }
            let tree_cx = FileCtx {
                root: Some(tree.root_node()),
                ..cx
            };
            for (i, r) in cfg.rules.iter().enumerate() {
                if active[i] {
                    r.matcher.check_tree(&tree_cx, &mut buf);
                    hits.extend(buf.drain(..).map(|h| (i as u32, h)));
                }
            }
            parsed = Some(tree);
        }
        // a Rust file declared with `#[cfg(test)] mod x;` is test code as a whole
        if lang == Lang::Rust
            && !is_test_file
            && hits
                .iter()
                .any(|(i, _)| cfg.rules[*i as usize].tests != TestsMode::Include)
            && super::rust_tests::is_test_module(&sp.path)
        {
            is_test_file = true;
        }
        // the enclosing symbol (part of the fingerprint) needs a tree even for text-only rules
        if parsed.is_none() && hits.iter().any(|(_, h)| !h.silent) {
            parsed = parse_in(lang, text, None, &budget).ok();
        }
        // every hit costs its emission
        budget.charge(hits.len() as u64);
        if budget.exhausted() {
            let msg = budget.message();
            return out_of_budget(outcome, sp, ProblemKind::TimeLimit, msg);
        }

        // other linters' suppressions, for the rules that honour them
        if !hits.is_empty()
            && cfg
                .rules
                .iter()
                .enumerate()
                .any(|(i, r)| active[i] && !r.honours.is_empty())
        {
            outcome.suppressions.extend(super::suppress::scan_foreign(
                &sp.rel,
                text,
                lang,
                parsed.as_ref(),
            ));
        }

        // 4. hits → findings and facts
        self.emit(
            sp,
            text,
            hits,
            parsed.as_ref(),
            &test_ranges,
            is_test_file,
            &mut outcome,
        );
        if let (Some(r), Some(t)) = (reuse, parsed) {
            *r = Some(t);
        }
        outcome
    }

    /// The rules that apply to this file (language, `paths`, the kind's own choice, test code)
    /// and whose prefilter literals it contains: one Aho-Corasick scan for all of them; then the
    /// kinds' own text prefilters and anchors (into `anchors`). Also whether every active rule
    /// that needs the tree gave its anchors.
    fn active_rules(
        &self,
        sp: &SourcePath,
        text: &str,
        only: Option<&[bool]>,
        is_test_file: bool,
        scratch: &mut PassScratch,
    ) -> (Vec<bool>, bool) {
        let (cfg, lang) = (&*self.cfg, sp.lang);
        let PassScratch {
            anchors,
            found,
            candidates,
            hits: _,
        } = scratch;
        anchors.clear();
        // what an earlier file left (a rule turned off after the scan is not emptied below)
        found.iter_mut().for_each(Vec::clear);
        candidates.iter_mut().for_each(Vec::clear);
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
            return (active, false);
        }

        // 2. literal prefilter: one scan of the text for every rule's literals, which also
        // collects the anchor literals' offsets of the rules with them (used in 4)
        let scan = self.scans[lang.index()].as_ref();
        // per rule: the anchor literals' offsets, and the occurrences of its anchor candidates
        // (searched when `searched`); a rule's lists are empty but for the file's
        // (`needs_anchors`: both have a list per rule)
        let mut needs_anchors = false;
        let mut searched = Vec::new();
        if let Some(scan) = scan {
            let needs_prefilter = active
                .iter()
                .zip(&self.rule_literals)
                .any(|(a, l)| *a && l.is_some());
            needs_anchors =
                self.kind_prefilters && active.iter().zip(&scan.has_anchors).any(|(a, h)| *a && *h);
            if needs_anchors {
                found.resize_with(cfg.rules.len(), Vec::new);
                candidates.resize_with(cfg.rules.len(), Vec::new);
                searched = (0..cfg.rules.len())
                    .map(|i| active[i] && scan.has_anchors[i])
                    .collect();
            }
            if needs_prefilter || needs_anchors {
                let hay = text.as_bytes();
                let mut present = vec![false; scan.prefilter_count];
                // the active rules none of whose prefilter literals was found yet: the scan is
                // done when there are none left (and no anchors are collected)
                let mut satisfied = vec![false; cfg.rules.len()];
                let mut waiting = active
                    .iter()
                    .zip(&self.rule_literals)
                    .filter(|(a, l)| **a && l.is_some())
                    .count();
                use std::ops::ControlFlow::{Break, Continue};
                scan.ac.each(hay, |li, start, end| {
                    let pid = scan.prefilter_id[li].filter(|p| !present[*p]);
                    if pid.is_none()
                        && (!needs_anchors
                            || scan.rules_of[li].is_empty() && scan.candidates_of[li].is_empty())
                    {
                        return Continue(());
                    }
                    if !scan.lits[li].found_at(hay, start, end) {
                        return Continue(());
                    }
                    if let Some(p) = pid {
                        present[p] = true;
                        for &ri in &self.literal_rules[p] {
                            let ri = ri as usize;
                            if active[ri] && !satisfied[ri] {
                                satisfied[ri] = true;
                                waiting -= 1;
                            }
                        }
                        if waiting == 0 && !needs_anchors {
                            return Break(());
                        }
                    }
                    if needs_anchors {
                        for &ri in &scan.rules_of[li] {
                            if active[ri as usize] {
                                found[ri as usize].push(start);
                            }
                        }
                        for &(ri, k) in &scan.candidates_of[li] {
                            if searched[ri as usize] {
                                candidates[ri as usize].push((k, start));
                            }
                        }
                    }
                    Continue(())
                });
                if needs_prefilter {
                    for (a, lits) in active.iter_mut().zip(&self.rule_literals) {
                        if let Some(lits) = lits {
                            *a = *a && lits.iter().any(|i| present[*i]);
                        }
                    }
                }
            }
        }
        // 3. the kinds' exclusions and own text prefilters, for the rules still active (a
        // kind's text prefilter may also exclude whole files by design: only those of kinds
        // with anchors are pure prefilters, which the tests turn off); 4. (below) anchors, when
        // every rule that takes part in the walk gives them (the walk can skip then) — a rule
        // that finds its nodes itself (`check_tree`) or only reads the text needs none. A rule
        // with anchors then needs no text prefilter: no anchor, no run.
        let plan = &self.plans[lang.index()];
        let walks = |i: usize, r: &crate::config::Rule| {
            !r.matcher.node_kinds(lang).is_empty()
                || plan
                    .queries
                    .iter()
                    .any(|(q, rooted)| *rooted && *q as usize == i)
        };
        let anchored = self.kind_prefilters
            && active
                .iter()
                .zip(&cfg.rules)
                .enumerate()
                .all(|(i, (a, r))| !*a || r.matcher.has_anchors() || !walks(i, r));
        for (a, r) in active.iter_mut().zip(&cfg.rules) {
            if *a && r.matcher.excludes(text, lang) {
                *a = false;
            }
            let by_anchors = anchored && r.matcher.has_anchors();
            if *a && !by_anchors && (self.kind_prefilters || !r.matcher.has_anchors()) {
                *a = r.matcher.text_prefilter(text, lang);
            }
        }
        if !anchored {
            return (active, false);
        }
        anchors.of_rule.resize(cfg.rules.len(), None);
        anchors.next.resize(cfg.rules.len(), 0);
        // a rule that cannot say for this file (`false`) sees every node, and so does the walk
        let mut anchored = true;
        for (i, (a, r)) in active.iter_mut().zip(&cfg.rules).enumerate() {
            if *a && r.matcher.has_anchors() {
                let before = anchors.at.len();
                if let Some(f) = found.get_mut(i).filter(|_| needs_anchors) {
                    anchors.at.append(f);
                }
                let cands = (needs_anchors && searched[i]).then(|| candidates[i].as_slice());
                if r.matcher.anchors(text, lang, cands, &mut anchors.at) {
                    anchors.at[before..].sort_unstable();
                    anchors.of_rule[i] = Some(before..anchors.at.len());
                    // no place the rule could report at
                    *a = anchors.at.len() > before;
                } else {
                    anchors.at.truncate(before);
                    anchored = false;
                }
            }
        }
        (active, anchored)
    }

    /// The one pass over the tree: node-kind dispatch, Rust test-code ranges, and the merged
    /// query run on the outermost nodes its patterns can start at.
    #[allow(clippy::too_many_arguments)]
    fn walk_tree(
        &self,
        cx: &FileCtx<'_>,
        tree: &Tree,
        plan: &LangPlan,
        active: &[bool],
        hits: &mut Vec<(u32, Hit)>,
        test_ranges: &mut Vec<std::ops::Range<usize>>,
        budget: &Budget,
        anchors: Option<&[usize]>,
        of_rules: &mut FileAnchors,
    ) {
        let (text, lang) = (cx.src, cx.lang);
        // a walk that skips subtrees is one no rule needs test code for
        let track_tests = lang == Lang::Rust && anchors.is_none();
        let cx = &FileCtx {
            root: Some(tree.root_node()),
            ..*cx
        };

        let mut buf = Vec::new();
        let mut cursor = tree.walk();
        // per depth: a test attribute was seen and applies to the next item
        let mut pending_test: Vec<bool> = vec![false];
        let mut test_until = 0usize;
        // the first anchor at or after the current node's start (nodes come in document order)
        let mut next_anchor = 0usize;
        // with anchors: the end of each ancestor of the current node (a parent without an
        // anchor left is climbed out of without stepping through the rest of its children)
        let mut ends: Vec<usize> = Vec::new();
        loop {
            // out of budget: the file is reported as such, the rest of the walk is moot
            if !budget.charge(1) {
                return;
            }
            let node = cursor.node();
            if let Some(at) = anchors {
                let (start, end) = (node.start_byte(), node.end_byte());
                while next_anchor < at.len() && at[next_anchor] < start {
                    next_anchor += 1;
                }
                if at.get(next_anchor).is_none_or(|a| *a >= end) {
                    // nothing in this subtree any rule could report at
                    if !next_anchored(&mut cursor, &mut ends, at, &mut next_anchor, end) {
                        return;
                    }
                    continue;
                }
            }
            let class = plan
                .class
                .get(node.kind_id() as usize)
                .copied()
                .unwrap_or(0);
            if class & DISPATCH != 0 {
                for &ri in &plan.dispatch[node.kind_id() as usize] {
                    if active[ri as usize] && of_rules.holds(ri as usize, &node) {
                        self.cfg.rules[ri as usize]
                            .matcher
                            .check_node(node, cx, &mut buf);
                        hits.extend(buf.drain(..).map(|h| (ri, h)));
                    }
                }
            }
            if class & QUERY_ROOT != 0 {
                for &ri in &plan.query_roots[node.kind_id() as usize] {
                    let r = ri as usize;
                    if active[r] && of_rules.holds(r, &node) {
                        if let Some((q, _)) = self.cfg.rules[r].matcher.query(lang) {
                            // only the matches that start at this node: nested roots get their
                            // own run, so nested matches cost no more than separate ones
                            let weight = plan.query_weight[r];
                            run_query(q, ri, node, text, hits, Some(0), weight, budget);
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
            // with anchors, straight to the first child that reaches the node's first anchor:
            // the children before it hold none (tree-sitter steps over them without a node
            // for each)
            let descended = match anchors {
                Some(at) => at
                    .get(next_anchor)
                    .is_some_and(|a| cursor.goto_first_child_for_byte(*a).is_some()),
                None => cursor.goto_first_child(),
            };
            if descended {
                if track_tests {
                    pending_test.push(false);
                }
                if anchors.is_some() {
                    ends.push(node.end_byte());
                }
                continue;
            }
            if let Some(at) = anchors {
                if !next_anchored(
                    &mut cursor,
                    &mut ends,
                    at,
                    &mut next_anchor,
                    node.end_byte(),
                ) {
                    return;
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
}

/// The per-file buffers of the pass, kept by each thread from file to file: the file's anchors
/// and hits (emptied by the emission), and per rule the anchor literals' offsets and the anchor candidates' occurrences the
/// prefilter scan collects (emptied as they are used: each rule's anchors are moved out of
/// `found`, and `candidates` is emptied below).
#[derive(Default)]
struct PassScratch {
    anchors: FileAnchors,
    hits: Vec<(u32, Hit)>,
    found: Vec<Vec<usize>>,
    candidates: Vec<Vec<Occurrence>>,
}

thread_local! {
    static PASS_SCRATCH: std::cell::Cell<PassScratch> = std::cell::Cell::new(PassScratch::default());
}

/// The anchors of one file ([`RuleKind::anchors`](crate::rules::kind::RuleKind::anchors)): each
/// rule's sorted offsets, a range of `at` (`None`: the rule gave none, it sees every node), and
/// per rule the first of them at or after the last node it was asked about.
#[derive(Default)]
struct FileAnchors {
    at: Vec<usize>,
    of_rule: Vec<Option<std::ops::Range<usize>>>,
    next: Vec<usize>,
}

impl FileAnchors {
    /// No anchors (keeping the room for the next file).
    fn clear(&mut self) {
        self.at.clear();
        self.of_rule.clear();
        self.next.clear();
    }

    /// Whether `node` holds one of rule `ri`'s anchors (always, for a rule without anchors).
    /// Nodes must come in document order (by start).
    fn holds(&mut self, ri: usize, node: &tree_sitter::Node<'_>) -> bool {
        let Some(Some(range)) = self.of_rule.get(ri) else {
            return true;
        };
        let at = &self.at[range.clone()];
        let k = &mut self.next[ri];
        let start = node.start_byte();
        while *k < at.len() && at[*k] < start {
            *k += 1;
        }
        at.get(*k).is_some_and(|a| *a < node.end_byte())
    }
}

/// The next node after the current one's subtree (which ends at `end`) that may hold one of
/// the sorted anchors `at`, in document order, for a walk that tracks no test code: an
/// ancestor without an anchor after `end` (`ends`: the ends of the current node's ancestors,
/// innermost last) is left without stepping through the rest of its children. `next`: the
/// first anchor at or after the current node's start, moved past `end`. False when no node
/// that could hold an anchor is left.
fn next_anchored(
    cursor: &mut tree_sitter::TreeCursor<'_>,
    ends: &mut Vec<usize>,
    at: &[usize],
    next: &mut usize,
    end: usize,
) -> bool {
    while *next < at.len() && at[*next] < end {
        *next += 1;
    }
    let Some(&a) = at.get(*next) else {
        return false;
    };
    loop {
        if ends.last().is_none_or(|parent_end| a < *parent_end) && cursor.goto_next_sibling() {
            return true;
        }
        if !cursor.goto_parent() {
            return false;
        }
        ends.pop();
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

/// Runs one rule's query on `root`'s subtree, adding its matches as hits. With
/// `max_start_depth = Some(0)` only the matches that start at `root` itself: one run over a
/// subtree keeps a state per open match and visits all of them at every node, so nested matches
/// (`b!!!…!`) get a run each instead of costing their number squared.
#[allow(clippy::too_many_arguments)]
pub(super) fn run_query(
    q: &Query,
    rule: u32,
    root: tree_sitter::Node<'_>,
    text: &str,
    hits: &mut Vec<(u32, Hit)>,
    max_start_depth: Option<u32>,
    weight: u64,
    budget: &Budget,
) {
    // per node the run may start at: the one root, or every node of the subtree
    let starts = match max_start_depth {
        Some(0) => 1,
        _ => root.descendant_count() as u64,
    };
    let per_start = weight.saturating_mul(weight.min(MATCH_LIMIT as u64)) / 4;
    if !budget.charge(starts.saturating_mul(per_start.max(1))) {
        return;
    }
    let match_capture = q.capture_index_for_name("match");
    QCURSOR.with(|c| {
        let mut cursor = c.borrow_mut();
        cursor.set_max_start_depth(max_start_depth);
        // The cursor charges one unit per open state per step, but its own bookkeeping grows
        // with the square of the open states; their number is estimated from how little of
        // the text one callback's worth of work covered.
        let mut reached = root.start_byte();
        let mut progress = |s: &tree_sitter::QueryCursorState| {
            let advanced = s.current_byte_offset().saturating_sub(reached);
            reached = reached.max(s.current_byte_offset());
            let open = (BYTES_PER_CALLBACK / advanced.max(1)).clamp(1, MATCH_LIMIT as usize);
            if budget.charge(QUERY_WORK_PER_CALLBACK * open as u64) {
                std::ops::ControlFlow::Continue(())
            } else {
                std::ops::ControlFlow::Break(())
            }
        };
        let options = QueryCursorOptions::new().progress_callback(&mut progress);
        let mut matches = cursor.matches_with_options(q, root, text.as_bytes(), options);
        while let Some(m) = matches.next() {
            if !budget.charge(1) {
                break;
            }
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
            // one more character than a finding keeps, so that it knows to cut and add `…`
            let matched = normalize_ws_prefix(
                text.get(start..end).unwrap_or(""),
                super::emit::MAX_MATCH_CHARS + 1,
            );
            hits.push((rule, Hit::new(start, end, matched)));
        }
    });
}

/// Query work between two progress callbacks of the query cursor
/// (`WORK_PER_QUERY_CALLBACK_CHECK` of tree-sitter): what one callback charges.
const QUERY_WORK_PER_CALLBACK: u64 = 1000;
/// About the text one callback's worth of work covers when one state is open (a node is a few
/// bytes, and entered and left).
const BYTES_PER_CALLBACK: usize = 1500;
/// In-progress matches the query cursor keeps at most.
const MATCH_LIMIT: u32 = 1024;

/// A file that ran out of its budget (or whose parse failed): no findings, one problem.
fn out_of_budget(
    mut outcome: FileOutcome,
    sp: &SourcePath,
    kind: ProblemKind,
    message: String,
) -> FileOutcome {
    outcome.checked = false;
    outcome.findings.clear();
    outcome.facts.clear();
    outcome.problem = Some(FileProblem {
        file: sp.rel.clone(),
        kind,
        message,
    });
    outcome
}

thread_local! {
    static QCURSOR: RefCell<QueryCursor> = RefCell::new({
        let mut c = QueryCursor::new();
        c.set_match_limit(MATCH_LIMIT);
        c
    });
}

#[cfg(test)]
mod tests {
    use crate::lang::parse::parse;
    use crate::lang::Lang;

    /// The pass's per-thread buffers carry nothing from one file to the next: each file of a
    /// project checked on one thread, after files with many anchors and candidates (and with
    /// rules the prefilter turns off after the scan), gets the findings it gets checked alone
    /// on a fresh thread.
    #[test]
    fn a_file_checked_after_others_on_one_thread_is_checked_as_alone() {
        let config =
            "[[rule]]\nid = \"cfg\"\nkind = \"hardcoded-config\"\nmessage = \"{what}\"\n\n\
             [[rule]]\nid = \"url\"\nkind = \"hardcoded-config\"\nmessage = \"{what}\"\n\
             detectors = [\"url\"]\n\n\
             [[rule]]\nid = \"log\"\nkind = \"banned-pattern\"\nmessage = \"m\"\n\
             calls = [\"console.*\"]\n";
        let files: &[(&str, &str)] = &[
            (
                "a.ts",
                "const a = { port: 8080, url: \"https://api.acme.io/v1\", t: 'x' };\n\
                 fetch(\"http://10.0.0.1:3000/x\", { timeout: 30000 });\n\
                 const k = `AKIAIOSFODNN7EXAMPLE`; console.log(a, \"\\\"q\\\"\");\n\
                 const DB_HOST = \"db.internal.acme.io\"; const s = 'ws://x.io:9000';\n",
            ),
            ("b.ts", "export const b = 1;\nconst o = { retries: 3 };\n"),
            (
                "c.ts",
                "const c = process.env.API_URL ?? \"https://fallback.acme.io\";\n",
            ),
            ("d.ts", "console.warn('d');\nconst port = 5432;\n"),
            ("e.ts", "export function e() { return 'plain'; }\n"),
        ];
        let fresh = |files: &[(&str, &str)]| {
            let dir = tempfile::tempdir().expect("temp dir");
            crate::rules::harness::write(dir.path(), crate::config::CONFIG_FILE, config);
            for (rel, src) in files {
                crate::rules::harness::write(dir.path(), rel, src);
            }
            let cfg = crate::config::load(&dir.path().join(crate::config::CONFIG_FILE))
                .unwrap_or_else(|e| panic!("config does not load: {}", e[0].message));
            let engine = super::Engine::new(cfg).expect("engine");
            let root = engine.config().root.clone();
            // a pool of its own: new threads, with new buffers
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .build()
                .expect("pool");
            let report = pool.install(|| engine.run(std::slice::from_ref(&root), 1));
            report
                .findings
                .iter()
                .map(|f| {
                    (
                        f.file.clone(),
                        f.line,
                        f.column,
                        f.rule.clone(),
                        f.message.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let mut together = fresh(files);
        let mut alone = Vec::new();
        for f in files {
            alone.extend(fresh(std::slice::from_ref(f)));
        }
        together.sort();
        alone.sort();
        assert!(together.len() > 8, "{together:?}");
        assert_eq!(together, alone);
    }

    /// The anchored walk goes from a node straight to `goto_first_child_for_byte(a)` and, when
    /// that finds none, leaves the node. Tree-sitter looks through hidden nodes there: if it
    /// entered a hidden child whose remaining bytes are covered by no visible node, it would
    /// give up instead of going on to the later children, and the walk would skip anchors in
    /// them. That needs a hidden node ending in text no visible node covers; in these grammars
    /// such text (Rust comment text, raw-string delimiters) sits only directly under visible
    /// nodes. This pins it: at every byte of every node of sources with those constructs (and
    /// macros' punctuation runs, automatic semicolons, templates, JSX text, regexes, HTML
    /// comments, class bodies), the child found is the first visible child ending after it.
    #[test]
    fn first_child_for_byte_is_the_first_child_ending_after_it() {
        let rust = r####"macro_rules! m { ($($t:tt)*) => {} }
fn f() {
    m!(a b %% ); m!(a b ~ c); m!(x => y %); m![a, b, #]; m!(a $ b $c 'd ? @ %=);
    let s = r#"raw"#; let t = (r##"raw"##, r"x", 1); m!(r#"x"# r#"y"# // c
    );
    let u = b"bytes"; let v = br#"x"#; let c = 'c'; /* block */ let w = "a\n\u{1F600}";
}
/// outer doc
//! inner doc
/** block doc */
/*! inner block doc */
#[cfg(test)]
mod t { #[test] fn g() { /* */ } }
"####;
        let js = r#"const a = b ? c : d; const t = `x${y}z${`n${q}`}`;
let q = 1
let r = 2 // trailing
class C { x = 1
  y: number
  m(): void
  n() {} ; }
const e = <div a="1" b={2} {...p}>text {x} more &amp; text <br/> {/* c */}</div>;
<!-- html comment
const re = /ab+c/gi; function f() { return x ?? y }
interface I { a: string
  b(): void }
type T<U> = U extends string ? `p${U}` : never
"#;
        let cases = [(Lang::Rust, rust), (Lang::Tsx, js), (Lang::TypeScript, js)];
        for (lang, text) in cases {
            let tree = parse(lang, text).expect("parses");
            let mut stack = vec![tree.root_node()];
            let mut nodes = 0;
            while let Some(node) = stack.pop() {
                let kids: Vec<_> = node.children(&mut node.walk()).collect();
                for a in node.start_byte()..node.end_byte() {
                    let mut cursor = tree.walk();
                    cursor.reset(node);
                    let got = cursor
                        .goto_first_child_for_byte(a)
                        .map(|_| cursor.node().id());
                    let want = kids.iter().find(|k| k.end_byte() > a).map(|k| k.id());
                    assert_eq!(
                        got,
                        want,
                        "{lang:?}: in {} {:?} at byte {a}",
                        node.kind(),
                        node.byte_range()
                    );
                }
                nodes += 1;
                stack.extend(kids);
            }
            assert!(nodes > 100, "{lang:?}: {nodes} nodes");
        }
    }
}
