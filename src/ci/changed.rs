//! `check --changed-since REF`: the files changed since the merge base of REF and HEAD —
//! committed, staged, unstaged and untracked — and, for `--changed-lines`, which lines.
//!
//! Asks the `git` command line (local, read-only: `merge-base`, `diff`, `ls-files`).

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::Path;
use std::process::Command;

/// Changed files relative to the checked root, each with its changed lines (None: all of it).
#[derive(Debug, Default)]
pub(crate) struct Changed {
    pub(crate) files: HashMap<String, Option<Vec<RangeInclusive<usize>>>>,
}

impl Changed {
    pub(crate) fn contains(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    /// Whether any line of `first..=last` in `rel` changed.
    pub(crate) fn touches(&self, rel: &str, first: usize, last: usize) -> bool {
        match self.files.get(rel) {
            None => false,
            Some(None) => true,
            Some(Some(ranges)) => ranges
                .iter()
                .any(|r| *r.start() <= last && first <= *r.end()),
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            err.lines().next().unwrap_or("").trim()
        ));
    }
    Ok(out.stdout)
}

fn nul_list(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| *b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

/// The top level of the repository holding `root`, and the merge base of `reference` and HEAD
/// (a full commit id).
pub(crate) fn merge_base(
    root: &Path,
    reference: &str,
) -> Result<(std::path::PathBuf, String), String> {
    if reference.starts_with('-') {
        return Err(format!("`{reference}` is not a git revision"));
    }
    let top = git(root, &["rev-parse", "--show-toplevel"])
        .map_err(|_| format!("{} is not inside a git repository", root.display()))?;
    let top = String::from_utf8_lossy(&top).trim().to_string();
    let top = std::fs::canonicalize(&top).map_err(|e| format!("git top level {top}: {e}"))?;
    let base = git(&top, &["merge-base", reference, "HEAD"]).map_err(|_| {
        format!("`{reference}` is not a known git revision with a common ancestor with HEAD")
    })?;
    Ok((top, String::from_utf8_lossy(&base).trim().to_string()))
}

/// What changed under `root` since the merge base of `reference` and HEAD.
pub(crate) fn since(root: &Path, reference: &str, with_lines: bool) -> Result<Changed, String> {
    let (top, base) = merge_base(root, reference)?;
    let prefix = root
        .strip_prefix(&top)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let to_rel = |p: &str| -> Option<String> {
        if prefix.is_empty() {
            Some(p.to_string())
        } else {
            p.strip_prefix(&prefix)
                .and_then(|r| r.strip_prefix('/'))
                .map(String::from)
        }
    };
    let mut changed = Changed::default();
    let diffed = git(
        &top,
        &["diff", "--name-only", "-z", "--no-renames", &base, "--"],
    )?;
    for p in nul_list(&diffed) {
        if let Some(rel) = to_rel(&p) {
            changed.files.insert(rel, None);
        }
    }
    if with_lines {
        let patch = git(
            &top,
            &[
                "diff",
                "-U0",
                "--no-color",
                "--no-ext-diff",
                "--no-renames",
                &base,
                "--",
            ],
        )?;
        for (file, ranges) in hunks(&String::from_utf8_lossy(&patch)) {
            if let Some(rel) = to_rel(&file) {
                changed.files.insert(rel, Some(ranges));
            }
        }
    }
    // untracked files are new: every line changed
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    for p in nul_list(&untracked) {
        if let Some(rel) = to_rel(&p) {
            changed.files.insert(rel, None);
        }
    }
    Ok(changed)
}

/// Added or changed line ranges of each file in a `git diff -U0` patch.
fn hunks(patch: &str) -> Vec<(String, Vec<RangeInclusive<usize>>)> {
    let mut out: Vec<(String, Vec<RangeInclusive<usize>>)> = Vec::new();
    for line in patch.lines() {
        if let Some(name) = line.strip_prefix("+++ ") {
            if name == "/dev/null" {
                continue;
            }
            // git ends a name holding a space with a tab
            let name = name.strip_suffix('\t').unwrap_or(name);
            let name = name.strip_prefix("b/").unwrap_or(name);
            out.push((name.to_string(), Vec::new()));
        } else if let Some(rest) = line.strip_prefix("@@ ") {
            let Some(plus) = rest.split(' ').find(|s| s.starts_with('+')) else {
                continue;
            };
            let mut parts = plus[1..].split(',');
            let start: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            let count: usize = parts.next().and_then(|s| s.parse().ok()).unwrap_or(1);
            if let (Some(last), true) = (out.last_mut(), count > 0) {
                last.1.push(start..=start + count - 1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_of_a_patch() {
        let patch = "diff --git a/a b.ts b/a b.ts\n--- a/a b.ts\t\n+++ b/a b.ts\t\n@@ -3,0 +4,2 @@ x\n+a\n+b\n@@ -10 +12 @@\n-c\n+d\n@@ -20,2 +21,0 @@\n-e\ndiff --git a/gone.ts b/gone.ts\n--- a/gone.ts\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n";
        let h = hunks(patch);
        assert_eq!(h, vec![("a b.ts".to_string(), vec![4..=5, 12..=12])]);
        let c = Changed {
            files: h.into_iter().map(|(f, r)| (f, Some(r))).collect(),
        };
        assert!(c.touches("a b.ts", 5, 5));
        assert!(c.touches("a b.ts", 1, 4));
        assert!(!c.touches("a b.ts", 6, 11));
        assert!(!c.touches("b.ts", 1, 100));
    }
}
