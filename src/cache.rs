//! `check --cache`: a content-hash cache in `.archdrift/cache`. Each checked file's outcome is
//! stored under a key of its path and a hash of its content; the whole cache belongs to one rule
//! set (a hash of every configuration source, the rules as loaded — ADR status included — and
//! archdrift's version). A file whose content changed is checked again; any change to the rule
//! set starts an empty cache. Outcomes are data (findings, problems, suppression comments), so a
//! warm run only walks, reads and hashes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::diagnostic::{stable_hash, FileProblem, Finding, ProblemKind};
use crate::engine::FileOutcome;
use crate::suppress::Directive;
use crate::walk::SourcePath;

pub const DIR: &str = ".archdrift/cache";
const FILE: &str = "files-v1.json";

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Stored {
    hash: String,
    findings: Vec<Finding>,
    problem: Option<FileProblem>,
    parse_error: bool,
    checked: bool,
    suppressions: Vec<Directive>,
}

#[derive(Serialize, Deserialize)]
struct Document {
    key: String,
    files: HashMap<String, Stored>,
}

pub struct Cache {
    dir: PathBuf,
    key: String,
    old: HashMap<String, Stored>,
    new: Mutex<HashMap<String, Stored>>,
    hits: std::sync::atomic::AtomicUsize,
}

/// The rule set's identity: everything that can change what a check finds in a given file.
pub fn rule_set_key(cfg: &Config) -> String {
    let mut parts: Vec<String> = vec![env!("CARGO_PKG_VERSION").to_string()];
    for s in &cfg.sources {
        parts.push(s.name.clone());
        parts.push(s.text.to_string());
    }
    for r in &cfg.rules {
        parts.push(format!(
            "{}|{}|{:?}|{:?}",
            r.id,
            r.severity.as_str(),
            r.help,
            r.adr
        ));
    }
    parts.push(cfg.max_file_size.to_string());
    parts.push(format!("{:?}", cfg.suppressions));
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    format!("{:016x}", stable_hash(&refs))
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
        let key = rule_set_key(cfg);
        let old = std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|b| serde_json::from_slice::<Document>(&b).ok())
            .filter(|d| d.key == key)
            .map(|d| d.files)
            .unwrap_or_default();
        Cache {
            dir,
            key,
            old,
            new: Mutex::new(HashMap::new()),
            hits: Default::default(),
        }
    }

    /// Files answered from the cache so far.
    pub fn hits(&self) -> usize {
        self.hits.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The stored outcome for this content, or `check()`'s (then stored).
    pub fn get_or_check(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        check: impl FnOnce() -> FileOutcome,
    ) -> FileOutcome {
        let hash = content_hash(bytes);
        if let Some(s) = self.old.get(&sp.rel).filter(|s| s.hash == hash) {
            self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let s = s.clone();
            self.new
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(sp.rel.clone(), s.clone());
            return FileOutcome {
                findings: s.findings,
                problem: s.problem,
                parse_error: s.parse_error,
                checked: s.checked,
                suppressions: s.suppressions,
            };
        }
        let o = check();
        // a parse that ran out of time may succeed next time
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
                    problem: o.problem.clone(),
                    parse_error: o.parse_error,
                    checked: o.checked,
                    suppressions: o.suppressions.clone(),
                },
            );
        }
        o
    }

    /// Writes the cache: this run's files, plus earlier entries of files that still exist.
    pub fn save(self, root: &Path) -> Result<(), String> {
        let mut files = self.new.into_inner().unwrap_or_else(|p| p.into_inner());
        for (rel, s) in self.old {
            if !files.contains_key(&rel) && root.join(&rel).is_file() {
                files.insert(rel, s);
            }
        }
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| format!("cannot create {}: {e}", self.dir.display()))?;
        let ignore = self.dir.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(&ignore, "# archdrift's cache: never committed\n*\n");
        }
        let doc = Document {
            key: self.key,
            files,
        };
        let bytes = serde_json::to_vec(&doc).map_err(|e| e.to_string())?;
        let tmp = self.dir.join(format!("{FILE}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, bytes)
            .and_then(|_| std::fs::rename(&tmp, self.dir.join(FILE)))
            .map_err(|e| format!("cannot write the cache in {}: {e}", self.dir.display()))
    }
}
