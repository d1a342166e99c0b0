//! `check --cache`: a content-hash cache in `.archdrift/cache`. Each checked file's outcome
//! (findings with their spans and secret flags, problems, suppression comments, secret ranges) is
//! stored under its path and a hash of its content.
//! Each rule has a key of its own (a hash of its definition as written — the `[[rule]]` table in
//! its file — and of its effective severity, message, help, ADR, paths and tests mode, so an ADR
//! status change counts). A re-run reuses a file's stored outcome when its content is unchanged:
//! findings of unchanged rules are kept, findings of removed rules dropped, and only changed or
//! new rules run on the file. Settings that touch every rule (`[tests]`, the size cap,
//! archdrift's version) start an empty cache. So any change invalidates exactly what it must: the
//! changed files, and the changed rules.
//!
//! A check of the whole tree also keeps its cross-file findings (duplicate clusters, import
//! cycles) by file, with the content hash each file had: the editor shows them for an open file
//! ([`LastFullCheck`]), since a check of one buffer cannot find them.
//!
//! Never trusted blindly:
//! - the settings key binds the cache to this binary (version and a build id: a hash of the
//!   executable's bytes) as well as to the global settings;
//! - portable: file keys and inputs under the root are relative paths, and nothing in a key is
//!   a modification time, so a cache restored in another checkout (a CI cache) is reused;
//! - inputs besides the checked files (configuration files, tokens, design-system components,
//!   manifests and tsconfigs, files an import resolution probed for or looked into, whether
//!   they exist) are noted while checking (`core::safe_read`) and stored with a hash of what was
//!   found; a run whose inputs differ starts an empty cache (a token value, a new component, a
//!   created import target all count);
//! - the file starts with a header line holding the key and a hash of the rest: a cache that
//!   does not parse, has another key or fails its hash is ignored (never an error);
//! - byte spans and the secret flag of findings (not in the JSON schema) are stored alongside;
//! - the cache folder holds a `.gitignore` (`*`): it is never committed by accident;
//! - a cache that cannot be written is a warning: the check goes on.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::check::suppress::Directive;
use crate::check::walk::SourcePath;
use crate::check::{FileOutcome, OutcomeCache};
use crate::config::{Config, Rule};
use crate::core::safe_read::{self, NotedInput};
use crate::core::{stable_hash, FileProblem, Finding, ProblemKind, Report};
use crate::rules::fact::FileFact;

pub(crate) const DIR: &str = ".archdrift/cache";
const FILE: &str = "files-v2.json";
/// The file of the previous format, removed when the new one is written.
const OLD_FILE: &str = "files-v1.json";
/// The first word of the header line.
const MAGIC: &str = "archdrift-cache";
/// The largest cache file read back (a bigger one is ignored and rewritten).
const MAX_BYTES: u64 = 1024 * 1024 * 1024;

/// A finding's byte span and secret flag (skipped by the finding's own serialisation).
type Span = (usize, usize, bool);

fn span_of(f: &Finding) -> Span {
    (f.byte_start, f.byte_end, f.redact)
}

fn with_span(mut f: Finding, (start, end, redact): Span) -> Finding {
    f.byte_start = start;
    f.byte_end = end;
    f.redact = redact;
    f
}

/// One file's outcome as stored (by the cache, and in shard files): findings with their spans,
/// facts by rule id.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Stored {
    hash: String,
    findings: Vec<Finding>,
    /// The spans of `findings`, one each.
    spans: Vec<Span>,
    problem: Option<FileProblem>,
    parse_error: bool,
    checked: bool,
    suppressions: Vec<Directive>,
    unresolved_imports: usize,
    /// Facts for the rules' cross-file stages, by rule id, with the span of the finding a fact
    /// carries.
    facts: Vec<(String, FileFact, Option<Span>)>,
    /// Byte ranges of the file's secrets (see [`crate::core::Report::secrets`]).
    #[serde(default)]
    secrets: Vec<(usize, usize)>,
    /// What the file renders (the design-system adoption number).
    #[serde(default)]
    adoption: Option<crate::check::adoption::FileAdoption>,
}

impl Stored {
    /// `o` as stored, with the content hash `hash`; `ids` are the rule ids in config order.
    pub(crate) fn of(o: &FileOutcome, hash: String, ids: &[String]) -> Stored {
        Stored {
            hash,
            findings: o.findings.clone(),
            spans: o.findings.iter().map(span_of).collect(),
            secrets: o.secrets.values().flatten().copied().collect(),
            problem: o.problem.clone(),
            parse_error: o.parse_error,
            checked: o.checked,
            suppressions: o.suppressions.clone(),
            unresolved_imports: o.unresolved_imports,
            adoption: o.adoption.clone(),
            facts: o
                .facts
                .iter()
                .filter_map(|f| {
                    let id = ids.get(f.rule as usize)?.clone();
                    Some((id, f.clone(), f.finding.as_deref().map(span_of)))
                })
                .collect(),
        }
    }

    /// The outcome of file `rel` again, without the findings and facts of `stale` rules;
    /// `index` maps rule ids to their place in the configuration (facts of rules not in it
    /// are dropped).
    pub(crate) fn restore(
        &self,
        rel: &str,
        index: &HashMap<String, u32>,
        stale: &HashSet<String>,
    ) -> FileOutcome {
        FileOutcome {
            findings: self
                .findings
                .iter()
                .zip(&self.spans)
                .filter(|(f, _)| !stale.contains(&f.rule))
                .map(|(f, span)| with_span(f.clone(), *span))
                .collect(),
            problem: self.problem.clone(),
            parse_error: self.parse_error,
            checked: self.checked,
            suppressions: self.suppressions.clone(),
            unresolved_imports: self.unresolved_imports,
            facts: self
                .facts
                .iter()
                .filter(|(rule, _, _)| !stale.contains(rule))
                .filter_map(|(rule, f, span)| {
                    let mut f = f.clone();
                    f.rule = *index.get(rule)?;
                    if let (Some(found), Some(span)) = (f.finding.take(), span) {
                        f.finding = Some(Box::new(with_span(*found, *span)));
                    }
                    Some(f)
                })
                .collect(),
            secrets: if self.secrets.is_empty() {
                Default::default()
            } else {
                [(rel.to_string(), self.secrets.clone())]
                    .into_iter()
                    .collect()
            },
            adoption: self.adoption.clone(),
        }
    }

    /// Whether the entry is whole (a span for each finding and each fact's finding).
    pub(crate) fn is_whole(&self) -> bool {
        self.spans.len() == self.findings.len()
            && self
                .facts
                .iter()
                .all(|(_, f, s)| f.finding.is_some() == s.is_some())
    }
}

#[derive(Serialize, Deserialize)]
struct Document {
    /// Settings every rule depends on.
    key: String,
    /// Rule id → its key, for the rule set every stored outcome was computed with.
    rules: HashMap<String, String>,
    /// What the stored outcomes read or probed besides the checked files.
    inputs: Vec<NotedInput>,
    files: HashMap<String, Stored>,
    /// The cross-file findings (duplicates, cycles, clusters) of the last full check, by file:
    /// what the editor shows for an open file (see [`LastFullCheck`]).
    #[serde(default)]
    cross_file: HashMap<String, CrossFile>,
}

/// One file's cross-file findings as the last full check reported them, with the hash of the
/// content it had then.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct CrossFile {
    hash: String,
    findings: Vec<Finding>,
    spans: Vec<Span>,
}

pub(crate) struct Cache {
    dir: PathBuf,
    key: String,
    rules: HashMap<String, String>,
    /// Per rule (config order): whether a stored outcome has its findings (unchanged rule).
    unchanged: Vec<bool>,
    /// Rules of the stored outcomes that are gone or changed: their findings are dropped.
    stale: HashSet<String>,
    old: HashMap<String, Stored>,
    old_cross_file: HashMap<String, CrossFile>,
    /// The inputs of the stored outcomes (all found unchanged when the cache was opened).
    old_inputs: Vec<NotedInput>,
    /// The configuration files, which are not inputs.
    sources: HashSet<PathBuf>,
    /// Where this check's inputs are: the root, and the folder of the configuration file.
    scope: Vec<PathBuf>,
    new: Mutex<HashMap<String, Stored>>,
    hits: std::sync::atomic::AtomicUsize,
    /// Rule ids in config order, and the reverse map (for facts stored by rule id).
    ids: Vec<String>,
    index: HashMap<String, u32>,
}

/// What every rule depends on: archdrift's version and build, and the global settings of a
/// check.
pub(crate) fn settings_key(cfg: &Config) -> String {
    let tests = cfg.test_paths.patterns.join("\n");
    format!(
        "{:016x}",
        stable_hash(&[
            env!("CARGO_PKG_VERSION"),
            build_id(),
            &cfg.max_file_size.to_string(),
            &cfg.check_generated.to_string(),
            &tests,
            &outside_rules(cfg),
        ])
    )
}

/// The configuration besides its rules (`[design_system]`, `[check]`, …) of every TOML source:
/// the rules have keys of their own, but a change here may touch any rule.
pub(crate) fn outside_rules(cfg: &Config) -> String {
    let mut out = String::new();
    for s in cfg.sources.iter().filter(|s| s.name.ends_with(".toml")) {
        out.push_str(&s.name);
        out.push('\n');
        match s.text.parse::<toml::Table>() {
            Ok(mut t) => {
                t.remove("rule");
                out.push_str(&toml::to_string(&t).unwrap_or_else(|_| s.text.to_string()));
            }
            Err(_) => out.push_str(&s.text),
        }
        out.push('\n');
    }
    out
}

/// The configuration files themselves (rule files, ADRs with rules), canonical: not inputs of
/// the cache, they are keyed rule by rule.
fn source_paths(cfg: &Config) -> HashSet<PathBuf> {
    cfg.sources
        .iter()
        .map(|s| cfg.root.join(&s.name))
        .chain([cfg.config_file.clone()])
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect()
}

/// This executable: a hash of its bytes (the same build restored on another machine is the same
/// build; no modification time, which a copy or a CI cache restore changes). When it cannot be
/// read, an id of this process alone (no cache of another run is trusted).
fn build_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| match std::env::current_exe().and_then(std::fs::read) {
        Ok(bytes) => format!("{:016x}:{:x}", wide_hash(&bytes), bytes.len()),
        Err(_) => format!(
            "unknown:{}:{:?}",
            std::process::id(),
            std::time::SystemTime::now()
        ),
    })
}

/// A fast 64-bit hash of many bytes, eight at a time (the executable is tens of megabytes).
fn wide_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    for b in chunks.remainder() {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn digest(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}{:x}", bytes.len())
}

/// The document in a cache file, if the file is whole and made for `key`: a header line
/// `archdrift-cache KEY DIGEST`, then the JSON document whose hash DIGEST is.
fn parse_file(bytes: &[u8], key: &str) -> Option<Document> {
    let nl = bytes.iter().position(|&b| b == b'\n')?;
    let header = std::str::from_utf8(&bytes[..nl]).ok()?;
    let mut words = header.split(' ');
    if words.next()? != MAGIC || words.next()? != key {
        return None;
    }
    let sum = words.next()?;
    let body = &bytes[nl + 1..];
    if words.next().is_some() || digest(body) != sum {
        return None;
    }
    let doc = serde_json::from_slice::<Document>(body).ok()?;
    (doc.key == key && doc.files.values().all(Stored::is_whole)).then_some(doc)
}

fn render_file(doc: &Document) -> Result<Vec<u8>, String> {
    let body = serde_json::to_vec(doc).map_err(|e| e.to_string())?;
    let mut out = format!("{MAGIC} {} {}\n", doc.key, digest(&body)).into_bytes();
    out.extend_from_slice(&body);
    Ok(out)
}

/// The `[[rule]]` table a rule is defined in, as written (from its header to the next table
/// that is not one of its sub-tables).
fn rule_source<'a>(cfg: &'a Config, rule: &Rule) -> &'a str {
    let Some((name, line)) = rule.defined_at.rsplit_once(':') else {
        return "";
    };
    let Ok(line) = line.parse::<usize>() else {
        return "";
    };
    let Some(src) = cfg.sources.iter().find(|s| s.name == name) else {
        return "";
    };
    let text = src.text.as_str();
    let mut offset = 0;
    let mut start = None;
    let mut end = text.len();
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            start = Some(offset);
        } else if start.is_some() {
            let t = l.trim_start();
            let header = t.starts_with('[');
            let own = t.starts_with("[rule.") || t.starts_with("[[rule.");
            if header && !own {
                end = offset;
                break;
            }
        }
        offset += l.len();
    }
    start.map_or("", |s| &text[s..end])
}

/// A rule's key: its definition as written and its effective settings.
pub(crate) fn rule_key(cfg: &Config, r: &Rule) -> String {
    let paths = r.paths.as_ref().map(|g| g.patterns.join("\n"));
    let exclude = r.exclude.as_ref().map(|g| g.patterns.join("\n"));
    format!(
        "{:016x}",
        stable_hash(&[
            rule_source(cfg, r),
            r.kind,
            r.severity.as_str(),
            &r.message,
            &format!("{:?}", r.help),
            &format!("{:?}", r.adr),
            &format!("{paths:?}|{exclude:?}"),
            r.tests.as_str(),
        ])
    )
}

fn content_hash(bytes: &[u8]) -> String {
    // FNV-1a over the bytes, plus the length; keyed per path
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}{:x}", bytes.len())
}

impl Cache {
    /// Opens the cache under `root` for this rule set (empty when missing, stale or unreadable).
    pub(crate) fn open(root: &Path, cfg: &Config) -> Cache {
        let dir = root.join(DIR);
        let key = settings_key(cfg);
        let rules: HashMap<String, String> = cfg
            .rules
            .iter()
            .map(|r| (r.id.clone(), rule_key(cfg, r)))
            .collect();
        // a cache folder that is (or lies below) a link, or outside the root, is not read; a
        // cache of other settings, another binary, damaged, or whose inputs changed is empty
        let doc = crate::core::state_file::check_state_dir(root, &dir)
            .ok()
            .and_then(|_| safe_read::read_regular(&dir.join(FILE), MAX_BYTES).ok())
            .and_then(|b| parse_file(&b, &key))
            .map(|mut d| {
                // inputs under the root are stored relative to it (the cache moves with the
                // repository: another checkout, a CI cache restored elsewhere)
                for i in &mut d.inputs {
                    if Path::new(&i.path).is_relative() {
                        i.path = root.join(&i.path).to_string_lossy().into_owned();
                    }
                }
                d
            })
            .filter(|d| d.inputs.iter().all(safe_read::input_unchanged));
        let (old, old_rules, old_inputs, old_cross_file) = match doc {
            Some(d) => (d.files, d.rules, d.inputs, d.cross_file),
            None => (HashMap::new(), HashMap::new(), Vec::new(), HashMap::new()),
        };
        let unchanged = cfg
            .rules
            .iter()
            .map(|r| old_rules.get(&r.id) == rules.get(&r.id))
            .collect();
        let stale = old_rules
            .iter()
            .filter(|(id, k)| rules.get(*id) != Some(*k))
            .map(|(id, _)| id.clone())
            .collect();
        Cache {
            dir,
            key,
            rules,
            unchanged,
            stale,
            old,
            old_cross_file,
            old_inputs,
            sources: source_paths(cfg),
            scope: [
                Some(cfg.root.clone()),
                cfg.config_file.parent().map(Path::to_path_buf),
            ]
            .into_iter()
            .flatten()
            .collect(),
            new: Mutex::new(HashMap::new()),
            hits: Default::default(),
            ids: cfg.rules.iter().map(|r| r.id.clone()).collect(),
            index: cfg
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.clone(), i as u32))
                .collect(),
        }
    }

    /// Files answered from the cache so far.
    #[cfg(test)]
    pub(crate) fn hits(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The stored outcome for this content — with only the changed rules run again — or
    /// `check(None)`'s (all rules); either way stored for the next run.
    fn outcome(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        check: &dyn Fn(Option<&[bool]>) -> FileOutcome,
    ) -> FileOutcome {
        let hash = content_hash(bytes);
        let stored = self
            .old
            .get(&sp.rel)
            .filter(|s| s.hash == hash && s.spans.len() == s.findings.len());
        let o = match stored {
            Some(s) => {
                self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let mut o = s.restore(&sp.rel, &self.index, &self.stale);
                let mut findings = std::mem::take(&mut o.findings);
                // a file that was skipped (size, binary, encoding) is skipped by every rule
                if o.problem.is_none() && self.unchanged.iter().any(|u| !u) {
                    let changed: Vec<bool> = self.unchanged.iter().map(|u| !u).collect();
                    let fresh = check(Some(&changed));
                    o.parse_error |= fresh.parse_error;
                    if fresh.problem.is_some() {
                        o.problem = fresh.problem;
                        o.checked = fresh.checked;
                    }
                    findings.extend(fresh.findings);
                    o.facts.extend(fresh.facts);
                    for (file, spans) in fresh.secrets {
                        o.secrets.entry(file).or_default().extend(spans);
                    }
                    // counted per file, not per rule: the changed rules may see more of them
                    o.unresolved_imports = o.unresolved_imports.max(fresh.unresolved_imports);
                }
                o.findings = findings;
                o
            }
            None => check(None),
        };
        // a parse that failed may succeed next time (running out of the work budget is
        // deterministic, so it is kept like any outcome)
        let keep = o
            .problem
            .as_ref()
            .is_none_or(|p| p.kind != ProblemKind::ParseFailed);
        if keep {
            self.new
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(sp.rel.clone(), Stored::of(&o, hash, &self.ids));
        }
        o
    }

    /// Writes the cache: this run's files, plus earlier entries of files that still exist when
    /// the rule set did not change (they were computed with the same rules). `full` is the
    /// report of a check of the whole tree: its cross-file findings are kept for the editor
    /// (after a partial check, those of the last full one, when the rules did not change).
    pub(crate) fn save(self, root: &Path, full: Option<&Report>) -> Result<(), String> {
        let mut files = self.new.into_inner().unwrap_or_else(|p| p.into_inner());
        let same_rules = self.stale.is_empty() && self.unchanged.iter().all(|u| *u);
        if same_rules {
            for (rel, s) in self.old {
                if !files.contains_key(&rel) && root.join(&rel).is_file() {
                    files.insert(rel, s);
                }
            }
        }
        let cross_file = match full {
            Some(report) => cross_file_findings(report, &files),
            None if same_rules => self.old_cross_file,
            None => HashMap::new(),
        };
        // this run's inputs, and those of the stored outcomes it reused (unchanged: compared
        // when the cache was opened); the cache's own folder is not an input
        let Some(noted) = safe_read::noted_inputs() else {
            return Err("too many inputs to compare next time; the cache is not written".into());
        };
        let own = self.dir.to_string_lossy().to_string();
        let mut inputs: std::collections::BTreeMap<_, NotedInput> = self
            .old_inputs
            .into_iter()
            .chain(noted)
            .filter(|i| !Path::new(&i.path).starts_with(&own))
            // what this process read for other roots is not this check's
            .filter(|i| self.scope.iter().any(|d| Path::new(&i.path).starts_with(d)))
            .filter(|i| {
                i.kind != safe_read::Input::Read
                    || std::fs::canonicalize(&i.path).map_or(true, |p| !self.sources.contains(&p))
            })
            .map(|mut i| {
                if let Ok(rel) = Path::new(&i.path).strip_prefix(root) {
                    if let Some(r) = rel.to_str().filter(|r| !r.is_empty()) {
                        i.path = r.to_string();
                    }
                }
                ((i.kind, i.path.clone(), i.max_bytes), i)
            })
            .collect();
        crate::core::state_file::ensure_state_dir(root, &self.dir)
            .map_err(|e| format!("cannot create {}: {e}", self.dir.display()))?;
        crate::core::state_file::clean_stale_temps(&self.dir, crate::core::state_file::STALE_AFTER);
        let ignore = self.dir.join(".gitignore");
        // `symlink_metadata`, not `exists`: a dangling link must not make us create its target
        if std::fs::symlink_metadata(&ignore).is_err() {
            let _ = crate::core::state_file::write_atomic(
                &ignore,
                b"# archdrift's cache: never committed\n*\n",
            );
        }
        let doc = Document {
            key: self.key,
            rules: self.rules,
            inputs: std::mem::take(&mut inputs).into_values().collect(),
            files,
            cross_file,
        };
        let bytes = render_file(&doc)?;
        crate::core::state_file::write_atomic(&self.dir.join(FILE), &bytes)
            .map_err(|e| format!("cannot write the cache in {}: {e}", self.dir.display()))?;
        // the previous format's file (a regular file only; a link is left alone)
        let old = self.dir.join(OLD_FILE);
        if std::fs::symlink_metadata(&old).is_ok_and(|m| m.is_file()) {
            let _ = std::fs::remove_file(old);
        }
        Ok(())
    }
}

/// The findings of `report` that no file's own outcome holds (the cross-file stage's: duplicate
/// clusters, import cycles, value clusters), by file; suppression findings are the file's own.
fn cross_file_findings(
    report: &Report,
    files: &HashMap<String, Stored>,
) -> HashMap<String, CrossFile> {
    let mut out: HashMap<String, CrossFile> = HashMap::new();
    for f in &report.findings {
        if f.kind == "suppression" {
            continue;
        }
        let Some(stored) = files.get(&f.file) else {
            continue;
        };
        let own = stored
            .findings
            .iter()
            .any(|o| o.rule == f.rule && o.fingerprint == f.fingerprint);
        if own {
            continue;
        }
        let e = out.entry(f.file.clone()).or_insert_with(|| CrossFile {
            hash: stored.hash.clone(),
            ..Default::default()
        });
        e.findings.push(f.clone());
        e.spans.push(span_of(f));
    }
    out
}

/// What the editor shows of the last full check (`check --cache` of the whole tree): the
/// cross-file findings of a file, which a check of one buffer cannot find. Read from a cache
/// that is valid for this configuration and binary; findings of rules changed since are left out.
pub(crate) struct LastFullCheck {
    files: HashMap<String, CrossFile>,
}

/// The parts of a cache file [`LastFullCheck`] reads (the rest is skipped).
#[derive(Deserialize)]
struct CrossFileView {
    key: String,
    rules: HashMap<String, String>,
    inputs: Vec<NotedInput>,
    #[serde(default)]
    cross_file: HashMap<String, CrossFile>,
}

impl LastFullCheck {
    /// The cache file it is read from.
    pub(crate) fn file(cfg: &Config) -> PathBuf {
        cfg.root.join(DIR).join(FILE)
    }

    /// Reads the cache under `cfg`'s root; `None` when there is none valid for `cfg`.
    pub(crate) fn read(cfg: &Config) -> Option<LastFullCheck> {
        let dir = cfg.root.join(DIR);
        crate::core::state_file::check_state_dir(&cfg.root, &dir).ok()?;
        let bytes = safe_read::read_regular(&dir.join(FILE), MAX_BYTES).ok()?;
        let key = settings_key(cfg);
        let nl = bytes.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&bytes[..nl]).ok()?;
        let mut words = header.split(' ');
        if words.next()? != MAGIC || words.next()? != key {
            return None;
        }
        let body = &bytes[nl + 1..];
        if words.next()? != digest(body) {
            return None;
        }
        let mut view: CrossFileView = serde_json::from_slice(body).ok()?;
        // inputs under the root are stored relative to it (see `Cache::open`)
        for i in &mut view.inputs {
            if Path::new(&i.path).is_relative() {
                i.path = cfg.root.join(&i.path).to_string_lossy().into_owned();
            }
        }
        if view.key != key || !view.inputs.iter().all(safe_read::input_unchanged) {
            return None;
        }
        let current: HashMap<&str, String> = cfg
            .rules
            .iter()
            .map(|r| (r.id.as_str(), rule_key(cfg, r)))
            .collect();
        let mut files = view.cross_file;
        for cf in files.values_mut() {
            let keep: Vec<bool> = cf
                .findings
                .iter()
                .map(|f| {
                    current
                        .get(f.rule.as_str())
                        .is_some_and(|k| view.rules.get(&f.rule) == Some(k))
                })
                .collect();
            let mut k = keep.iter();
            cf.findings.retain(|_| *k.next().unwrap_or(&false));
            let mut k = keep.iter();
            cf.spans.retain(|_| *k.next().unwrap_or(&false));
        }
        files.retain(|_, cf| !cf.findings.is_empty() && cf.findings.len() == cf.spans.len());
        Some(LastFullCheck { files })
    }

    /// The cross-file findings of `rel` for its current `text`. When the text is what the full
    /// check saw, they are as it reported them; when it changed, each finding moves with what it
    /// matched (the component name, the import specifier) to its occurrence nearest to where it
    /// was, and one whose matched text is gone is left out.
    pub(crate) fn for_file(&self, rel: &str, text: &str) -> Vec<Finding> {
        let Some(cf) = self.files.get(rel) else {
            return Vec::new();
        };
        let same = content_hash(text.as_bytes()) == cf.hash;
        let index = crate::core::LineIndex::new(text);
        cf.findings
            .iter()
            .zip(&cf.spans)
            .filter_map(|(f, span)| {
                let f = with_span(f.clone(), *span);
                if same {
                    return Some(f);
                }
                reanchor(f, text, &index)
            })
            .collect()
    }
}

/// `f` moved to the occurrence of its matched text nearest to its old start (None if gone).
fn reanchor(mut f: Finding, text: &str, index: &crate::core::LineIndex) -> Option<Finding> {
    if f.matched.is_empty() {
        return None;
    }
    let start = text
        .match_indices(f.matched.as_str())
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(f.byte_start))?;
    let len = f.byte_end.saturating_sub(f.byte_start).max(f.matched.len());
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    f.byte_start = start;
    f.byte_end = end.max(start + f.matched.len());
    (f.line, f.column) = index.line_col(f.byte_start);
    (f.end_line, f.end_column) = index.line_col(f.byte_end);
    Some(f)
}

impl OutcomeCache for Cache {
    fn get_or_check(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        check: &dyn Fn(Option<&[bool]>) -> FileOutcome,
    ) -> FileOutcome {
        self.outcome(sp, bytes, check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Engine;
    use crate::lang::Lang;

    const RULES: &str = "[[rule]]\nid = \"a\"\nkind = \"banned-pattern\"\nmessage = \"a\"\ncalls = [\"foo\"]\n\n[[rule]]\nid = \"b\"\nkind = \"banned-pattern\"\nmessage = \"b\"\ncalls = [\"bar\"]\n";

    fn load(dir: &Path, text: &str) -> Config {
        std::fs::write(dir.join("archdrift.toml"), text).unwrap();
        crate::config::load(&dir.join("archdrift.toml")).unwrap()
    }

    /// Checks x.ts through the cache; returns the findings' rules and the mask the check got.
    fn cfg_of(dir: &Path) -> Config {
        crate::config::load(&dir.join("archdrift.toml")).unwrap()
    }

    fn run(dir: &Path, cfg: &Config) -> (Vec<String>, Option<Vec<bool>>, usize) {
        let cache = Cache::open(dir, cfg);
        let engine = Engine::new(cfg_of(dir)).unwrap();
        let sp = SourcePath {
            rel: "x.ts".into(),
            path: dir.join("x.ts"),
            lang: Lang::TypeScript,
        };
        let bytes = std::fs::read(&sp.path).unwrap();
        let mask = std::cell::RefCell::new(None);
        let o = cache.outcome(&sp, &bytes, &|only| {
            *mask.borrow_mut() = Some(only.map(<[bool]>::to_vec).unwrap_or_default());
            engine.check_bytes_for(&sp, &bytes, only)
        });
        let mask = mask.into_inner();
        let hits = cache.hits();
        cache.save(dir, None).unwrap();
        let mut rules: Vec<String> = o.findings.iter().map(|f| f.rule.clone()).collect();
        rules.sort();
        (rules, mask, hits)
    }

    #[test]
    fn a_rule_change_reruns_only_that_rule() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("x.ts"), "foo(); bar(); baz();\n").unwrap();
        let cfg = load(d, RULES);
        // cold: every rule runs (no mask)
        assert_eq!(
            run(d, &cfg),
            (vec!["a".into(), "b".into()], Some(vec![]), 0)
        );
        // warm: nothing runs
        assert_eq!(run(d, &cfg), (vec!["a".into(), "b".into()], None, 1));
        // rule b changed: only b runs, a's finding is reused
        let cfg = load(d, &RULES.replace("[\"bar\"]", "[\"baz\"]"));
        assert_eq!(
            run(d, &cfg),
            (vec!["a".into(), "b".into()], Some(vec![false, true]), 1)
        );
        // rule a removed, a new rule c: a's finding is dropped, only c runs
        let third = RULES
            .replace("[\"bar\"]", "[\"baz\"]")
            .replace("id = \"a\"", "id = \"c\"");
        let cfg = load(d, &third);
        assert_eq!(
            run(d, &cfg),
            (vec!["b".into(), "c".into()], Some(vec![true, false]), 1)
        );
        // the content changed: everything runs again
        std::fs::write(d.join("x.ts"), "foo();\n").unwrap();
        assert_eq!(run(d, &cfg), (vec!["c".into()], Some(vec![]), 0));
        // a global setting changed: empty cache
        let cfg = load(d, &format!("[tests]\npaths = [\"t/**\"]\n{third}"));
        assert_eq!(run(d, &cfg).2, 0);
    }

    #[test]
    fn rule_source_is_the_rule_table() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = load(dir.path(), RULES);
        let a = rule_source(&cfg, &cfg.rules[0]);
        assert!(a.contains("id = \"a\"") && !a.contains("id = \"b\""), "{a}");
        let b = rule_source(&cfg, &cfg.rules[1]);
        assert!(b.contains("id = \"b\"") && b.contains("bar"), "{b}");
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let t = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy_dir(&e.path(), &t);
            } else {
                std::fs::copy(e.path(), t).unwrap();
            }
        }
    }

    /// A run of the whole root through the cache: the report's JSON and the cache hits.
    fn cached_run(root: &Path) -> (String, usize, usize) {
        let cfg = crate::config::load(&root.join("archdrift.toml")).unwrap();
        let cache = Cache::open(&cfg.root, &cfg);
        let engine = Engine::new(cfg).unwrap();
        let root = engine.config().root.clone();
        let opts = crate::check::RunOptions {
            cache: Some(&cache),
            ..Default::default()
        };
        let report = engine.run_with(std::slice::from_ref(&root), 2, &opts);
        let hits = cache.hits();
        cache.save(&root, None).unwrap();
        let mut out = Vec::new();
        crate::report::write(
            &report,
            crate::report::Format::Json,
            &root,
            crate::report::Style::default(),
            &mut out,
        )
        .unwrap();
        (
            String::from_utf8(out).unwrap(),
            hits,
            report.summary.files_checked,
        )
    }

    #[test]
    fn a_cache_built_in_one_directory_is_reused_from_a_copy_elsewhere() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/react-monorepo");
        let first = tempfile::tempdir().unwrap();
        let a = first.path().join("checkout-a");
        copy_dir(&fixture, &a);
        let (cold, hits, files) = cached_run(&a);
        assert_eq!(hits, 0);
        assert!(files > 5, "{files} files");
        // the repository and its cache restored somewhere else, the original gone (absolute
        // paths of inputs under it would no longer be found); copies have new mtimes
        let second = tempfile::tempdir().unwrap();
        let b = second.path().join("elsewhere").join("checkout-b");
        copy_dir(&a, &b);
        drop(first);
        let (warm, hits, _) = cached_run(&b);
        assert_eq!(hits, files, "every file answered from the restored cache");
        assert_eq!(warm, cold);
        // and the cache written there names no absolute path of either checkout
        let text = std::fs::read_to_string(b.join(DIR).join(FILE)).unwrap();
        assert!(
            !text.contains(b.to_str().unwrap()),
            "an absolute path in the cache"
        );
        assert!(
            !text.contains("checkout-a"),
            "a path of the first checkout in the cache"
        );
    }
}
