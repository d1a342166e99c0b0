//! The baseline ratchet: `.archdrift/baseline.json` records the findings a team accepted on the
//! day it adopted a rule; `check --baseline FILE` reports (and fails on) only findings not in it.
//!
//! An entry is a finding's fingerprint (rule + normalised matched text + enclosing symbol +
//! rank among identical ones there; no line numbers), with its rule and file. Matching is by
//! fingerprint in the same file first, then — for files that no longer exist (renamed or moved)
//! — by fingerprint in any file. The file holds one sorted entry per line, so two branches that
//! each fix or baseline different findings merge without conflicts.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::core::{BaselineSummary, Finding, Report};

pub(crate) const DEFAULT_PATH: &str = ".archdrift/baseline.json";
pub(crate) const VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) file: String,
    pub(crate) rule: String,
    pub(crate) fingerprint: String,
    /// What matched (for the reader of the file; not used for matching).
    #[serde(rename = "match", default)]
    pub(crate) matched: String,
}

impl Entry {
    pub(crate) fn of(f: &Finding) -> Entry {
        Entry {
            file: f.file.clone(),
            rule: f.rule.clone(),
            fingerprint: f.fingerprint.clone(),
            matched: f.matched.chars().take(120).collect(),
        }
    }
}

#[derive(Deserialize)]
struct Document {
    version: u32,
    entries: Vec<Entry>,
}

/// Reads a baseline file; the error is a sentence for the user.
pub(crate) fn read(path: &Path) -> Result<Vec<Entry>, String> {
    let text = crate::core::safe_read::read_config_string(path)
        .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
    let doc: Document = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{} is not an archdrift baseline: {e} (write one with `archdrift baseline`)",
            path.display()
        )
    })?;
    if doc.version != VERSION {
        return Err(format!(
            "{}: baseline version {} is not supported (expected {VERSION})",
            path.display(),
            doc.version
        ));
    }
    Ok(doc.entries)
}

/// The file's text: sorted entries, one per line.
pub(crate) fn render(entries: &[Entry]) -> String {
    let mut sorted = entries.to_vec();
    sorted.sort();
    let mut s = format!("{{\n  \"version\": {VERSION},\n  \"entries\": [\n");
    for (i, e) in sorted.iter().enumerate() {
        let line = serde_json::to_string(e).unwrap_or_default();
        s.push_str("    ");
        s.push_str(&line);
        if i + 1 < sorted.len() {
            s.push(',');
        }
        s.push('\n');
    }
    s.push_str("  ]\n}\n");
    s
}

/// Writes a baseline file, creating its folder: atomically, never through a symbolic link, and
/// never into a folder below `root` that is (or lies below) a link ([`crate::core::state_file`]).
pub(crate) fn write(root: &Path, path: &Path, entries: &[Entry]) -> Result<(), String> {
    let err = |e: std::io::Error| format!("cannot write the baseline {}: {e}", path.display());
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            crate::core::state_file::ensure_state_dir(root, dir).map_err(err)?;
            crate::core::state_file::clean_stale_temps(dir, crate::core::state_file::STALE_AFTER);
        }
    }
    crate::core::state_file::write_atomic(path, render(entries).as_bytes()).map_err(err)
}

/// What comparing a report with its baseline found.
#[derive(Debug, Default)]
pub(crate) struct Comparison {
    /// Entries that still match a finding (the shrunk baseline keeps these).
    pub(crate) matched: Vec<Entry>,
    /// Entries of files this run did not look at (kept as they are).
    pub(crate) out_of_scope: Vec<Entry>,
    /// Entries of checked (or deleted) files that match nothing any more: fixed.
    pub(crate) fixed: Vec<Entry>,
}

impl Comparison {
    /// The baseline after `--update-baseline`: never larger than before.
    pub(crate) fn shrunk(&self) -> Vec<Entry> {
        let mut v = self.matched.clone();
        v.extend(self.out_of_scope.iter().cloned());
        v.sort();
        v
    }
}

/// Removes baselined findings from `report` and records the counts in its summary.
///
/// An entry can only become `fixed` when its file was fully checked in this run: a file the walk
/// did not hand over, a file with a [`crate::core::FileProblem`] (skipped as binary or too
/// large, invalid UTF-8, unreadable, parse failure, internal error) and a file `in_scope` rejects
/// (not in the `--changed-since` set) keep their entries untouched.
pub(crate) fn apply(
    report: &mut Report,
    entries: Vec<Entry>,
    root: &Path,
    in_scope: &dyn Fn(&str) -> bool,
) -> Comparison {
    let mut cmp = Comparison::default();
    let troubled: std::collections::HashSet<&str> =
        report.problems.iter().map(|p| p.file.as_str()).collect();
    let checked: std::collections::HashSet<String> = report
        .files
        .iter()
        .filter(|f| !troubled.contains(f.as_str()) && in_scope(f))
        .cloned()
        .collect();
    // (file, fingerprint) → entries
    let mut pool: HashMap<(String, String), Vec<Entry>> = HashMap::new();
    for e in entries {
        pool.entry((e.file.clone(), e.fingerprint.clone()))
            .or_default()
            .push(e);
    }
    let findings = std::mem::take(&mut report.findings);
    let mut unmatched: Vec<Finding> = Vec::new();
    // 1. same file, same fingerprint
    for f in findings {
        match pool.get_mut(&(f.file.clone(), f.fingerprint.clone())) {
            Some(list) if !list.is_empty() => cmp.matched.push(list.pop().unwrap_or_default()),
            _ => unmatched.push(f),
        }
    }
    // 2. entries of files that are gone (renamed, moved) match the same fingerprint anywhere
    let mut gone: HashMap<String, Vec<Entry>> = HashMap::new();
    let mut keys: Vec<(String, String)> = pool.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let list = pool.remove(&k).unwrap_or_default();
        if list.is_empty() {
            continue;
        }
        if root.join(&k.0).exists() {
            for e in list {
                if checked.contains(e.file.as_str()) {
                    cmp.fixed.push(e);
                } else {
                    cmp.out_of_scope.push(e);
                }
            }
        } else {
            gone.entry(k.1.clone()).or_default().extend(list);
        }
    }
    let mut new = Vec::new();
    for f in unmatched {
        match gone.get_mut(&f.fingerprint) {
            Some(list) if !list.is_empty() => {
                list.remove(0);
                // the entry follows the finding to its new file
                cmp.matched.push(Entry::of(&f));
            }
            _ => new.push(f),
        }
    }
    let mut rest: Vec<Entry> = gone.into_values().flatten().collect();
    rest.sort();
    // a gone file outside the scope of this run (not in the changed set) keeps its entries
    let (fixed, kept): (Vec<Entry>, Vec<Entry>) = rest.into_iter().partition(|e| in_scope(&e.file));
    cmp.fixed.extend(fixed);
    cmp.out_of_scope.extend(kept);
    cmp.fixed.sort();
    report.findings = new;
    report.recount_findings();
    report.summary.baseline = Some(BaselineSummary {
        matched: cmp.matched.len(),
        fixed: cmp.fixed.len(),
    });
    cmp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(file: &str, fp: &str) -> Entry {
        Entry {
            file: file.into(),
            rule: "r".into(),
            fingerprint: fp.into(),
            matched: "m".into(),
        }
    }

    #[test]
    fn render_is_sorted_one_entry_per_line_and_reads_back() {
        let entries = vec![entry("b.ts", "2"), entry("a.ts", "1")];
        let text = render(&entries);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 7);
        assert!(lines[3].contains("\"a.ts\"") && lines[3].ends_with(','));
        assert!(lines[4].contains("\"b.ts\"") && !lines[4].ends_with(','));
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x/baseline.json");
        write(dir.path(), &p, &entries).unwrap();
        let mut back = read(&p).unwrap();
        back.sort();
        let mut want = entries.clone();
        want.sort();
        assert_eq!(back, want);
        std::fs::write(&p, "{}").unwrap();
        assert!(read(&p).unwrap_err().contains("not an archdrift baseline"));
    }
}
