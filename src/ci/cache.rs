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

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::check::suppress::Directive;
use crate::check::walk::SourcePath;
use crate::check::{FileOutcome, OutcomeCache};
use crate::config::{Config, Rule};
use crate::core::{stable_hash, FileProblem, Finding, ProblemKind};
use crate::rules::fact::FileFact;

pub const DIR: &str = ".archdrift/cache";
const FILE: &str = "files-v1.json";
/// The largest cache file read back (a bigger one is ignored and rewritten).
const MAX_BYTES: u64 = 1024 * 1024 * 1024;

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Stored {
    hash: String,
    findings: Vec<Finding>,
    problem: Option<FileProblem>,
    parse_error: bool,
    checked: bool,
    suppressions: Vec<Directive>,
    #[serde(default)]
    unresolved_imports: usize,
    /// Facts for the rules' cross-file stages, by rule id.
    #[serde(default)]
    facts: Vec<(String, FileFact)>,
    /// Per finding (same order): its byte span and whether it holds a secret — not part of the
    /// JSON schema, so kept here; an entry without them (an older cache) is not used.
    #[serde(default)]
    spans: Vec<(usize, usize, bool)>,
    /// Byte ranges of the file's secrets (see [`crate::core::Report::secrets`]).
    #[serde(default)]
    secrets: Vec<(usize, usize)>,
}

#[derive(Serialize, Deserialize)]
struct Document {
    /// Settings every rule depends on.
    key: String,
    /// Rule id → its key, for the rule set every stored outcome was computed with.
    rules: HashMap<String, String>,
    files: HashMap<String, Stored>,
}

pub struct Cache {
    dir: PathBuf,
    key: String,
    rules: HashMap<String, String>,
    /// Per rule (config order): whether a stored outcome has its findings (unchanged rule).
    unchanged: Vec<bool>,
    /// Rules of the stored outcomes that are gone or changed: their findings are dropped.
    stale: HashSet<String>,
    old: HashMap<String, Stored>,
    new: Mutex<HashMap<String, Stored>>,
    hits: std::sync::atomic::AtomicUsize,
    /// Rule ids in config order, and the reverse map (for facts stored by rule id).
    ids: Vec<String>,
    index: HashMap<String, u32>,
}

/// What every rule depends on: archdrift's version and the global settings of a check.
pub fn settings_key(cfg: &Config) -> String {
    let tests = cfg.test_paths.patterns.join("\n");
    format!(
        "{:016x}",
        stable_hash(&[
            env!("CARGO_PKG_VERSION"),
            &cfg.max_file_size.to_string(),
            &tests,
        ])
    )
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
pub fn rule_key(cfg: &Config, r: &Rule) -> String {
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
    pub fn open(root: &Path, cfg: &Config) -> Cache {
        let dir = root.join(DIR);
        let key = settings_key(cfg);
        let rules: HashMap<String, String> = cfg
            .rules
            .iter()
            .map(|r| (r.id.clone(), rule_key(cfg, r)))
            .collect();
        // a cache folder that is (or lies below) a link, or outside the root, is not read
        let doc = crate::core::state_file::check_state_dir(root, &dir)
            .ok()
            .and_then(|_| crate::core::safe_read::read_regular(&dir.join(FILE), MAX_BYTES).ok())
            .and_then(|b| serde_json::from_slice::<Document>(&b).ok())
            .filter(|d| d.key == key);
        let (old, old_rules) = match doc {
            Some(d) => (d.files, d.rules),
            None => (HashMap::new(), HashMap::new()),
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
    pub fn hits(&self) -> usize {
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
                let mut findings: Vec<Finding> = s
                    .findings
                    .iter()
                    .zip(&s.spans)
                    .filter(|(f, _)| !self.stale.contains(&f.rule))
                    .map(|(f, &(start, end, redact))| Finding {
                        byte_start: start,
                        byte_end: end,
                        redact,
                        ..f.clone()
                    })
                    .collect();
                let mut o = FileOutcome {
                    findings: Vec::new(),
                    problem: s.problem.clone(),
                    parse_error: s.parse_error,
                    checked: s.checked,
                    suppressions: s.suppressions.clone(),
                    unresolved_imports: s.unresolved_imports,
                    facts: s
                        .facts
                        .iter()
                        .filter(|(rule, _)| !self.stale.contains(rule))
                        .filter_map(|(rule, f)| {
                            let mut f = f.clone();
                            f.rule = *self.index.get(rule)?;
                            // a fact's finding has the fact's span
                            if let Some(finding) = f.finding.as_mut() {
                                finding.byte_start = f.byte_start;
                                finding.byte_end = f.byte_end;
                            }
                            Some(f)
                        })
                        .collect(),
                    secrets: if s.secrets.is_empty() {
                        Default::default()
                    } else {
                        [(sp.rel.clone(), s.secrets.clone())].into_iter().collect()
                    },
                };
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
            self.new.lock().unwrap_or_else(|p| p.into_inner()).insert(
                sp.rel.clone(),
                Stored {
                    hash,
                    findings: o.findings.clone(),
                    spans: o
                        .findings
                        .iter()
                        .map(|f| (f.byte_start, f.byte_end, f.redact))
                        .collect(),
                    secrets: o.secrets.values().flatten().copied().collect(),
                    problem: o.problem.clone(),
                    parse_error: o.parse_error,
                    checked: o.checked,
                    suppressions: o.suppressions.clone(),
                    unresolved_imports: o.unresolved_imports,
                    facts: o
                        .facts
                        .iter()
                        .filter_map(|f| Some((self.ids.get(f.rule as usize)?.clone(), f.clone())))
                        .collect(),
                },
            );
        }
        o
    }

    /// Writes the cache: this run's files, plus earlier entries of files that still exist when
    /// the rule set did not change (they were computed with the same rules).
    pub fn save(self, root: &Path) -> Result<(), String> {
        let mut files = self.new.into_inner().unwrap_or_else(|p| p.into_inner());
        let same_rules = self.stale.is_empty() && self.unchanged.iter().all(|u| *u);
        if same_rules {
            for (rel, s) in self.old {
                if !files.contains_key(&rel) && root.join(&rel).is_file() {
                    files.insert(rel, s);
                }
            }
        }
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
            files,
        };
        let bytes = serde_json::to_vec(&doc).map_err(|e| e.to_string())?;
        crate::core::state_file::write_atomic(&self.dir.join(FILE), &bytes)
            .map_err(|e| format!("cannot write the cache in {}: {e}", self.dir.display()))
    }

    /// How many rules run again on unchanged files (changed or new rules).
    pub fn changed_rules(&self) -> usize {
        self.unchanged.iter().filter(|u| !**u).count()
    }
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
        cache.save(dir).unwrap();
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
}
