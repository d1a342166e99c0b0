//! `trend --attribute`: which commit introduced each finding at the tip, who made it, which
//! team owns the file (CODEOWNERS), and whether the commit declares AI assistance — and from
//! those, drift introduced per 1,000 changed lines for assisted and other commits.
//!
//! - A finding's sample: the oldest sample of the unbroken run of samples, ending at the tip,
//!   that holds its (file, fingerprint). Found in the first sample: introduced before the window
//!   (not attributed, not in the rates).
//! - Refined to the exact commit: the first-parent commits between the previous sample and that
//!   sample, oldest first; the finding's file is checked again only at the commits where its
//!   blob changed, and the first version holding the fingerprint is the introducing commit.
//!   Findings of cross-file rules (duplicates, cycles, value clusters) cannot be seen in one file:
//!   they stay at the sample's commit (`exact = false`).
//! - Assisted: what the commit message declares — a `Co-authored-by:` trailer or an author naming
//!   a known assistant, a "Generated with/by …" line naming one, or `--assisted-regex`. This is
//!   what commits say, not detection of AI-written code.
//! - Changed lines: added + deleted lines of each first-parent commit in the window (against its
//!   first parent), from `git log --numstat`. Rates from fewer than `min_commits` commits are
//!   withheld (`null`), with the counts still given.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use gix::ObjectId;

use crate::check::walk::SourcePath;
use crate::check::Engine;
use crate::config::Config;
use crate::core::Globs;
use crate::lang::Lang;

use super::attribution::{Attributed, Attribution, CommitRef, Rate, Split, NOTE};
use super::git::{self, CommitInfo};
use super::model::{fingerprint_value, Located, Sample};

/// Assistants recognised in trailers, authors and "Generated with" lines (case-insensitive
/// words; `--assistant` adds more).
pub(crate) const ASSISTANTS: &[&str] = &[
    "copilot",
    "claude",
    "cursor",
    "aider",
    "devin",
    "codex",
    "gemini",
    "chatgpt",
    "openai",
    "amazon q",
    "codewhisperer",
    "windsurf",
    "codeium",
    "tabnine",
    "cody",
    "jules",
    "sweep",
];

/// Rates from fewer commits than this are withheld.
pub(crate) const DEFAULT_MIN_COMMITS: usize = 5;

/// What `--attribute` is asked for.
#[derive(Clone, Debug, Default)]
pub(crate) struct AttributeOptions {
    pub(crate) enabled: bool,
    /// More assistant names.
    pub(crate) assistants: Vec<String>,
    /// A commit whose message matches is assisted.
    pub(crate) assisted_regex: Option<String>,
    pub(crate) min_commits: Option<usize>,
}

/// Whether a commit declares AI assistance.
pub(crate) struct Assisted {
    names: Vec<String>,
    regex: Option<regex::Regex>,
}

impl Assisted {
    pub(crate) fn new(extra: &[String], regex: Option<&str>) -> Result<Assisted, String> {
        let mut names: Vec<String> = ASSISTANTS.iter().map(|s| s.to_string()).collect();
        names.extend(extra.iter().map(|s| s.to_lowercase()));
        let regex = match regex {
            Some(r) => Some(
                regex::RegexBuilder::new(r)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| format!("--assisted-regex: {e}"))?,
            ),
            None => None,
        };
        Ok(Assisted { names, regex })
    }

    fn names_one(&self, text: &str) -> bool {
        let t = text.to_lowercase();
        self.names.iter().any(|n| {
            t.match_indices(n.as_str()).any(|(i, _)| {
                let before = t[..i].chars().next_back();
                let after = t[i + n.len()..].chars().next();
                let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                edge(before) && edge(after)
            })
        })
    }

    /// Whether a person (`Name <email>`, as in an author or a trailer) is an assistant: named
    /// by it with a machine's mark (a one-word name, "Agent"/"AI"/"Bot"/"Code"/"(model)", a
    /// `[bot]` or `noreply` address) or writing from its domain. "Cody Smith" is a person.
    fn is_assistant(&self, person: &str) -> bool {
        let (name, email) = match person.split_once('<') {
            Some((n, e)) => (n.trim(), e.trim_end_matches('>').trim()),
            None => (person.trim(), ""),
        };
        let lower_name = name.to_lowercase();
        let email = email.to_lowercase();
        let domain = email.rsplit('@').next().unwrap_or("");
        if !email.is_empty() && self.names_one(domain.split('.').next().unwrap_or("")) {
            return true;
        }
        if !self.names_one(&lower_name) {
            return false;
        }
        let words: Vec<&str> = lower_name.split_whitespace().collect();
        words.len() == 1
            || lower_name.contains("[bot]")
            || lower_name.contains('(')
            || email.contains("noreply")
            || words
                .iter()
                .any(|w| matches!(*w, "agent" | "ai" | "bot" | "code" | "assistant" | "assist"))
    }

    /// From the author and the whole message.
    pub(crate) fn is_assisted(&self, author: &str, message: &str) -> bool {
        if self.is_assistant(author) {
            return true;
        }
        if self.regex.as_ref().is_some_and(|r| r.is_match(message)) {
            return true;
        }
        message.lines().any(|l| {
            let l = l.trim().trim_start_matches(|c: char| !c.is_alphanumeric());
            let lower = l.to_lowercase();
            if let Some(who) = lower
                .strip_prefix("co-authored-by:")
                .or_else(|| lower.strip_prefix("assisted-by:"))
            {
                return self.is_assistant(who);
            }
            (lower.starts_with("generated with") || lower.starts_with("generated by"))
                && self.names_one(l)
        })
    }
}

/// CODEOWNERS: the last matching line wins; its first owner is the team.
pub(crate) struct Owners {
    rules: Vec<(Globs, String)>,
}

impl Owners {
    pub(crate) fn parse(text: &str) -> Owners {
        let mut rules = Vec::new();
        for line in text.lines() {
            let line = line.split(" #").next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (Some(pattern), Some(owner)) = (parts.next(), parts.next()) else {
                continue;
            };
            // `/dir/` and `dir/**` as in .gitignore; `*` alone is everything
            let pattern = if pattern == "*" { "**" } else { pattern };
            if let Ok(g) = Globs::new(&[pattern.to_string()]) {
                rules.push((g, owner.to_string()));
            }
        }
        Owners { rules }
    }

    pub(crate) fn team(&self, file: &str) -> Option<&str> {
        self.rules
            .iter()
            .rev()
            .find(|(g, _)| g.is_match(file))
            .map(|(_, o)| o.as_str())
    }
}

/// The CODEOWNERS file of a tree (`.github/`, the root, `docs/`), if any.
fn codeowners(repo: &gix::Repository, tree: ObjectId) -> Option<Owners> {
    for p in [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] {
        if let Some(blob) = blob_at(repo, tree, p) {
            if let Ok(bytes) = git::read_blob(repo, blob) {
                return Some(Owners::parse(&String::from_utf8_lossy(&bytes)));
            }
        }
    }
    None
}

fn blob_at(repo: &gix::Repository, tree: ObjectId, path: &str) -> Option<ObjectId> {
    let t = repo.find_tree(tree).ok()?;
    let e = t.lookup_entry_by_path(path).ok()??;
    e.mode().is_blob().then(|| e.object_id())
}

/// Full details of a commit: author and message.
fn details(repo: &gix::Repository, id: ObjectId) -> Result<(String, String), String> {
    let c = repo
        .find_commit(id)
        .map_err(|e| format!("reading commit {id}: {e}"))?;
    let author = c
        .author()
        .map(|a| format!("{} <{}>", a.name, a.email))
        .unwrap_or_default();
    Ok((author, c.message_raw_sloppy().to_string()))
}

/// First-parent commits after `from` (exclusive) up to `to` (inclusive), oldest first.
fn between(
    repo: &gix::Repository,
    from: Option<ObjectId>,
    to: &CommitInfo,
) -> Result<Vec<CommitInfo>, String> {
    let mut out = vec![to.clone()];
    let mut cur = to.id;
    while let Some(p) = git::first_parent(repo, cur)? {
        if Some(p.id) == from {
            break;
        }
        cur = p.id;
        out.push(p);
        if from.is_none() {
            break;
        }
    }
    out.reverse();
    Ok(out)
}

/// Added + deleted lines of each first-parent commit from `from` (exclusive) to `tip`, per file
/// (paths from the repository root), from `git log --numstat`.
fn changed_lines(
    dir: &Path,
    from: ObjectId,
    tip: ObjectId,
) -> Result<HashMap<String, Vec<(String, usize)>>, String> {
    let range = format!("{from}..{tip}");
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--first-parent",
            "--diff-merges=first-parent",
            "--numstat",
            "--no-renames",
            "--format=%x00%H",
            &range,
        ])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git log --numstat failed: {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or("")
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut map: HashMap<String, Vec<(String, usize)>> = HashMap::new();
    for chunk in text.split('\0').filter(|c| !c.trim().is_empty()) {
        let mut lines = chunk.lines();
        let Some(id) = lines.next().map(str::trim) else {
            continue;
        };
        let files = map.entry(id.to_string()).or_default();
        for l in lines {
            let mut f = l.split('\t');
            let (Some(a), Some(d), Some(path)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            // binary files show `-`
            let n = a.parse::<usize>().unwrap_or(0) + d.parse::<usize>().unwrap_or(0);
            files.push((path.to_string(), n));
        }
    }
    Ok(map)
}

/// Fingerprints of the per-file findings of one file version.
fn fingerprints_of(engine: &Engine, root: &Path, rel: &str, bytes: &[u8]) -> HashSet<u64> {
    let Some(lang) = Lang::from_path(Path::new(rel)) else {
        return HashSet::new();
    };
    let sp = SourcePath {
        rel: rel.to_string(),
        path: root.join(rel),
        lang,
    };
    let outcome = engine.check_bytes_contained(&sp, bytes);
    let mut stage = crate::check::stage::Stage::default();
    stage.add(outcome);
    engine
        .finish(stage)
        .findings
        .iter()
        .map(|f| fingerprint_value(&f.fingerprint))
        .collect()
}

/// Finding the exact commit between two samples at which a finding's file gained or lost it.
struct Refine<'a> {
    repo: &'a gix::Repository,
    engine: &'a Engine,
    root: &'a Path,
    prefix: &'a str,
    commits: &'a [CommitInfo],
    /// First-parent commits after sample i-1 up to sample i, oldest first.
    segments: HashMap<usize, Vec<CommitInfo>>,
    /// Versions of a file already checked: blob → fingerprints.
    checked: HashMap<ObjectId, HashSet<u64>>,
}

impl Refine<'_> {
    /// The first commit after sample `i - 1` (up to sample `i`) whose version of `l`'s file
    /// holds (`present`) or no longer holds (`!present`, also when the file is gone) `l`'s
    /// fingerprint, re-checking the file only where its blob changed.
    fn first(
        &mut self,
        i: usize,
        l: &Located,
        present: bool,
    ) -> Result<Option<CommitInfo>, String> {
        if !self.segments.contains_key(&i) {
            let s = between(self.repo, Some(self.commits[i - 1].id), &self.commits[i])?;
            self.segments.insert(i, s);
        }
        let path = format!("{}{}", self.prefix, l.file);
        let mut previous = blob_at(self.repo, self.commits[i - 1].tree, &path);
        for c in &self.segments[&i] {
            let blob = blob_at(self.repo, c.tree, &path);
            if blob == previous {
                continue;
            }
            previous = blob;
            let holds = match blob {
                None => false,
                Some(b) => {
                    if !self.checked.contains_key(&b) {
                        let bytes = git::read_blob(self.repo, b)?;
                        let f = fingerprints_of(self.engine, self.root, &l.file, &bytes);
                        self.checked.insert(b, f);
                    }
                    self.checked[&b].contains(&l.fingerprint)
                }
            };
            if holds == present {
                return Ok(Some(c.clone()));
            }
        }
        Ok(None)
    }
}

/// Attributes the tip's findings. `samples` are in `commits`' order, oldest first, each with
/// `located` findings; `prefix` is the checked root inside the repository (`""` or `dir/`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn attribute(
    ts_repo: &gix::ThreadSafeRepository,
    repo_dir: &Path,
    cfg: &Arc<Config>,
    commits: &[CommitInfo],
    samples: &[Sample],
    prefix: &str,
    opts: &AttributeOptions,
) -> Result<Attribution, String> {
    let repo = ts_repo.to_thread_local();
    let assisted = Assisted::new(&opts.assistants, opts.assisted_regex.as_deref())?;
    let min_commits = opts.min_commits.unwrap_or(DEFAULT_MIN_COMMITS);
    let (Some(tip_sample), Some(tip)) = (samples.last(), commits.last()) else {
        return Ok(Attribution::default());
    };
    let owners = codeowners(&repo, tip.tree);
    let engine = Engine::new(cfg.clone())?;
    let adr_of: HashMap<&str, &str> = cfg
        .rules
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.adr.as_ref().map_or(super::model::NO_ADR, |a| {
                    if a.id.is_empty() {
                        super::model::NO_ADR
                    } else {
                        a.id.as_str()
                    }
                }),
            )
        })
        .collect();
    let cross_file: HashSet<&str> = cfg
        .rules
        .iter()
        .filter(|r| r.matcher.needs_all_files())
        .map(|r| r.id.as_str())
        .collect();
    // per sample: (file, fingerprint) multiset
    let sets: Vec<HashMap<(&str, u64), usize>> = samples
        .iter()
        .map(|s| {
            let mut m = HashMap::new();
            for l in &s.located {
                *m.entry((l.file.as_str(), l.fingerprint)).or_insert(0) += 1;
            }
            m
        })
        .collect();
    let mut commit_cache: HashMap<ObjectId, CommitRef> = HashMap::new();
    let mut commit_ref = |c: &CommitInfo| -> Result<CommitRef, String> {
        if let Some(r) = commit_cache.get(&c.id) {
            return Ok(r.clone());
        }
        let (author, message) = details(&repo, c.id)?;
        let r = CommitRef {
            commit: c.id.to_string(),
            assisted: assisted.is_assisted(&author, &message),
            author,
            date: super::period::iso(c.time),
        };
        commit_cache.insert(c.id, r.clone());
        Ok(r)
    };
    let mut refine = Refine {
        repo: &repo,
        engine: &engine,
        root: &cfg.root,
        prefix,
        commits,
        segments: HashMap::new(),
        checked: HashMap::new(),
    };
    let mut findings = Vec::new();
    let mut before_window = 0;
    let last = samples.len() - 1;
    // the k-th occurrence of a (file, fingerprint) at the tip is present in a sample holding k
    let mut seen_at_tip: HashMap<(&str, u64), usize> = HashMap::new();
    for l in &tip_sample.located {
        let key = (l.file.as_str(), l.fingerprint);
        let k = {
            let n = seen_at_tip.entry(key).or_insert(0);
            *n += 1;
            *n
        };
        let mut i = last;
        while i > 0 && sets[i - 1].get(&key).copied().unwrap_or(0) >= k {
            i -= 1;
        }
        let adr = adr_of
            .get(l.rule.as_str())
            .copied()
            .unwrap_or(super::model::NO_ADR);
        let team = owners
            .as_ref()
            .and_then(|o| o.team(&format!("{prefix}{}", l.file)))
            .map(str::to_string);
        if i == 0 && samples.len() > 1 || samples.len() == 1 {
            before_window += 1;
            findings.push(attributed(l, adr, None, false, team));
            continue;
        }
        // refine between sample i-1 and sample i
        let found = if cross_file.contains(l.rule.as_str()) {
            None
        } else {
            refine.first(i, l, true)?
        };
        let (c, exact) = match &found {
            Some(c) => (c, true),
            None => (&commits[i], false),
        };
        let r = commit_ref(c)?;
        findings.push(attributed(l, adr, Some(r), exact, team));
    }
    // removed: what a sample had and the next one lost, refined the same way (the first commit
    // whose version of the file no longer holds it, or has no such file)
    let mut removals: Vec<(CommitRef, String, Option<String>)> = Vec::new();
    for i in 1..samples.len() {
        let mut left = sets[i].clone();
        for l in &samples[i - 1].located {
            let key = (l.file.as_str(), l.fingerprint);
            if let Some(n) = left.get_mut(&key).filter(|n| **n > 0) {
                *n -= 1;
                continue;
            }
            let found = if cross_file.contains(l.rule.as_str()) {
                None
            } else {
                refine.first(i, l, false)?
            };
            let c = found.as_ref().unwrap_or(&commits[i]);
            let adr = adr_of
                .get(l.rule.as_str())
                .copied()
                .unwrap_or(super::model::NO_ADR);
            let team = owners
                .as_ref()
                .and_then(|o| o.team(&format!("{prefix}{}", l.file)))
                .map(str::to_string);
            removals.push((commit_ref(c)?, adr.to_string(), team));
        }
    }

    // changed lines and classes of the window's commits
    let mut attribution = Attribution {
        note: NOTE,
        min_commits,
        before_window,
        ..Default::default()
    };
    if let Some(first) = commits.first().filter(|_| commits.len() > 1) {
        let numstat = changed_lines(repo_dir, first.id, tip.id)?;
        let window = between(&repo, Some(first.id), tip)?;
        for c in &window {
            let r = commit_ref(c)?;
            let files = numstat.get(&r.commit).cloned().unwrap_or_default();
            let lines: usize = files.iter().map(|(_, n)| n).sum();
            let bump = |s: &mut Split, n: usize| {
                let rate = if r.assisted {
                    &mut s.assisted
                } else {
                    &mut s.other
                };
                rate.commits += 1;
                rate.changed_lines += n;
            };
            bump(&mut attribution.total, lines);
            // the ADR slices share the denominator: the lines every commit changed
            for adr in adr_of.values() {
                bump(
                    attribution.by_adr.entry(adr.to_string()).or_default(),
                    lines,
                );
            }
            if let Some(o) = &owners {
                let mut per_team: BTreeMap<String, usize> = BTreeMap::new();
                for (path, n) in &files {
                    if let Some(t) = o.team(path) {
                        *per_team.entry(t.to_string()).or_default() += n;
                    }
                }
                for (t, n) in per_team {
                    bump(attribution.by_team.entry(t).or_default(), n);
                }
            }
        }
        for f in &findings {
            let Some(c) = &f.introduced_by else { continue };
            let pick = |s: &mut Split| {
                if c.assisted {
                    s.assisted.introduced += 1
                } else {
                    s.other.introduced += 1
                }
            };
            pick(&mut attribution.total);
            pick(attribution.by_adr.entry(f.adr.clone()).or_default());
            if let Some(t) = &f.team {
                pick(attribution.by_team.entry(t.clone()).or_default());
            }
        }
        for (c, adr, team) in &removals {
            let pick = |s: &mut Split| {
                if c.assisted {
                    s.assisted.removed += 1
                } else {
                    s.other.removed += 1
                }
            };
            pick(&mut attribution.total);
            pick(attribution.by_adr.entry(adr.clone()).or_default());
            if let Some(t) = team {
                pick(attribution.by_team.entry(t.clone()).or_default());
            }
        }
        let rate = |r: &mut Rate| {
            r.per_1000_lines = (r.commits >= min_commits && r.changed_lines > 0).then(|| {
                (r.introduced as f64 * 1000.0 / r.changed_lines as f64 * 100.0).round() / 100.0
            })
        };
        for s in std::iter::once(&mut attribution.total)
            .chain(attribution.by_adr.values_mut())
            .chain(attribution.by_team.values_mut())
        {
            rate(&mut s.assisted);
            rate(&mut s.other);
        }
    }
    attribution.findings = findings;
    Ok(attribution)
}

fn attributed(
    l: &Located,
    adr: &str,
    by: Option<CommitRef>,
    exact: bool,
    team: Option<String>,
) -> Attributed {
    Attributed {
        rule: l.rule.clone(),
        adr: adr.to_string(),
        file: l.file.clone(),
        line: l.line,
        fingerprint: format!("{:016x}", l.fingerprint),
        introduced_by: by,
        exact,
        team,
    }
}

fn rate_cell(r: &Rate, min_commits: usize) -> String {
    match r.per_1000_lines {
        Some(v) => format!("{v:.2}"),
        None if r.commits < min_commits => format!("– (< {min_commits} commits)"),
        None => "–".into(),
    }
}

/// The `trend.md` section.
pub(crate) fn render_md(a: &Attribution, esc: impl Fn(&str) -> String) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let _ = writeln!(o, "\n## Who and what introduced the drift\n");
    let _ = writeln!(o, "{}\n", a.note);
    let attributed = a
        .findings
        .iter()
        .filter(|f| f.introduced_by.is_some())
        .count();
    let exact = a.findings.iter().filter(|f| f.exact).count();
    let _ = writeln!(
        o,
        "{} findings at the tip: {attributed} introduced in the window ({exact} to the exact commit, the rest to the sample's commit), {} before it.\n",
        a.findings.len(),
        a.before_window
    );
    let table = |o: &mut String, title: &str, rows: &mut dyn Iterator<Item = (String, &Split)>| {
        let _ = writeln!(
            o,
            "| {title} | assisted: commits | lines | introduced | removed | introduced per 1,000 lines | other: commits | lines | introduced | removed | introduced per 1,000 lines |"
        );
        let _ = writeln!(
            o,
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        );
        for (name, s) in rows {
            let _ = writeln!(
                o,
                "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                s.assisted.commits,
                s.assisted.changed_lines,
                s.assisted.introduced,
                s.assisted.removed,
                rate_cell(&s.assisted, a.min_commits),
                s.other.commits,
                s.other.changed_lines,
                s.other.introduced,
                s.other.removed,
                rate_cell(&s.other, a.min_commits)
            );
        }
        let _ = writeln!(o);
    };
    table(
        &mut o,
        "",
        &mut std::iter::once(("**all commits**".to_string(), &a.total)),
    );
    if !a.by_adr.is_empty() {
        table(
            &mut o,
            "ADR",
            &mut a.by_adr.iter().map(|(k, s)| (esc(k), s)),
        );
    }
    if !a.by_team.is_empty() {
        table(
            &mut o,
            "team (CODEOWNERS)",
            &mut a.by_team.iter().map(|(k, s)| (esc(k), s)),
        );
    }
    o
}

/// The `trend.html` section: bars of introduced drift per 1,000 lines, and the team table.
pub(crate) fn render_html(a: &Attribution, esc: impl Fn(&str) -> String) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<section><h2>Who and what introduced the drift</h2><p class="source">{}</p>"#,
        esc(a.note)
    );
    // one bar pair per slice with a rate on both sides
    let mut slices: Vec<(String, &Split)> = vec![("all commits".into(), &a.total)];
    slices.extend(a.by_team.iter().map(|(k, s)| (k.clone(), s)));
    let max = slices
        .iter()
        .flat_map(|(_, s)| [s.assisted.per_1000_lines, s.other.per_1000_lines])
        .flatten()
        .fold(0.0_f64, f64::max);
    let row_h = 34;
    let _ = writeln!(
        o,
        r#"<svg class="bars" role="img" aria-label="Drift introduced per 1,000 changed lines, assisted vs other commits" width="640" height="{}" viewBox="0 0 640 {}">"#,
        slices.len() * row_h + 10,
        slices.len() * row_h + 10
    );
    for (i, (name, s)) in slices.iter().enumerate() {
        let y = i * row_h + 5;
        let _ = writeln!(
            o,
            r#"<text x="0" y="{}" font-size="12">{}</text>"#,
            y + 20,
            esc(name)
        );
        for (j, (label, r, colour)) in [
            ("assisted", &s.assisted, "#d97706"),
            ("other", &s.other, "#2563eb"),
        ]
        .iter()
        .enumerate()
        {
            let v = r.per_1000_lines.unwrap_or(0.0);
            let w = if max > 0.0 {
                (v / max * 360.0).round()
            } else {
                0.0
            };
            let by = y + j * 14;
            let _ = writeln!(
                o,
                r#"<rect x="180" y="{by}" width="{w}" height="12" fill="{colour}"><title>{label}: {}</title></rect><text x="{}" y="{}" font-size="11">{label} {}</text>"#,
                rate_cell(r, a.min_commits),
                185.0 + w,
                by + 10,
                esc(&rate_cell(r, a.min_commits))
            );
        }
    }
    let _ = writeln!(o, "</svg>");
    // introduced vs removed, assisted vs other: four bars of counts
    let bars = [
        (
            "assisted, introduced",
            a.total.assisted.introduced,
            "#d97706",
        ),
        ("assisted, removed", a.total.assisted.removed, "#fcd34d"),
        ("other, introduced", a.total.other.introduced, "#2563eb"),
        ("other, removed", a.total.other.removed, "#93c5fd"),
    ];
    let most = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let _ = writeln!(
        o,
        r#"<svg class="bars" role="img" aria-label="Drift introduced and removed by assisted and other commits" width="640" height="{h}" viewBox="0 0 640 {h}">"#,
        h = bars.len() * 22 + 10
    );
    for (i, (label, n, colour)) in bars.iter().enumerate() {
        let y = i * 22 + 5;
        let w = (*n as f64 / most as f64 * 360.0).round();
        let _ = writeln!(
            o,
            r#"<text x="0" y="{}" font-size="12">{label}</text><rect x="180" y="{y}" width="{w}" height="16" fill="{colour}"><title>{label}: {n}</title></rect><text x="{}" y="{}" font-size="11">{n}</text>"#,
            y + 13,
            185.0 + w,
            y + 13
        );
    }
    let _ = writeln!(o, "</svg>");
    if !a.by_team.is_empty() {
        let _ = writeln!(
            o,
            r#"<table><thead><tr><th>team</th><th class="n">assisted commits</th><th class="n">lines</th><th class="n">introduced</th><th class="n">removed</th><th class="n">per 1,000</th><th class="n">other commits</th><th class="n">lines</th><th class="n">introduced</th><th class="n">removed</th><th class="n">per 1,000</th></tr></thead><tbody>"#
        );
        for (t, s) in &a.by_team {
            let _ = writeln!(
                o,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                esc(t),
                s.assisted.commits,
                s.assisted.changed_lines,
                s.assisted.introduced,
                s.assisted.removed,
                esc(&rate_cell(&s.assisted, a.min_commits)),
                s.other.commits,
                s.other.changed_lines,
                s.other.introduced,
                s.other.removed,
                esc(&rate_cell(&s.other, a.min_commits))
            );
        }
        let _ = writeln!(o, "</tbody></table>");
    }
    let _ = writeln!(o, "</section>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assisted_from_what_the_commit_says() {
        let a = Assisted::new(&["acme-bot".into()], Some(r"(?i)\[ai\]")).unwrap();
        assert!(a.is_assisted(
            "Ada <a@x>",
            "fix\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"
        ));
        assert!(a.is_assisted(
            "Ada <a@x>",
            "x\n\n🤖 Generated with [Claude Code](https://claude.com)\n"
        ));
        assert!(a.is_assisted("Copilot <175728472+Copilot@users.noreply.github.com>", "x"));
        assert!(a.is_assisted("Ada <a@x>", "x\n\nCo-authored-by: acme-bot <b@x>"));
        assert!(a.is_assisted("Ada <a@x>", "[AI] refactor"));
        // near-misses: a word inside another, a mention outside a trailer, a human co-author
        assert!(!a.is_assisted("Ada <a@x>", "fix the cursor position in the editor"));
        assert!(!a.is_assisted("Ada <a@x>", "x\n\nCo-authored-by: Bob Claudeson <b@x>"));
        assert!(!a.is_assisted("Cody Smith <c@x>", "x"));
        assert!(!a.is_assisted(
            "Ada <a@x>",
            "x\n\nCo-authored-by: Cody Smith <cody@acme.dev>"
        ));
        assert!(a.is_assisted(
            "Ada <a@x>",
            "x\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>"
        ));
        assert!(a.is_assisted(
            "Ada <a@x>",
            "x\n\nCo-authored-by: aider (gpt-4o) <noreply@aider.chat>"
        ));
        assert!(!a.is_assisted("Ada <a@x>", "x\n\nCo-authored-by: Grace <g@x>"));
    }

    #[test]
    fn codeowners_last_match_wins() {
        let o = Owners::parse(
            "# owners\n* @acme/all\n/apps/web/ @acme/web # the web app\n*.rs @acme/rust\napps/web/legacy/** @acme/legacy\n",
        );
        assert_eq!(o.team("README.md"), Some("@acme/all"));
        assert_eq!(o.team("apps/web/src/a.ts"), Some("@acme/web"));
        assert_eq!(o.team("apps/web/legacy/b.ts"), Some("@acme/legacy"));
        assert_eq!(o.team("crates/x/src/lib.rs"), Some("@acme/rust"));
        assert_eq!(o.team("packages/web/a.ts"), Some("@acme/all"));
    }
}
