//! `check --fix`: applies the fixes findings carry (the design-system component with its
//! import), and `--fix --dry-run`, which prints them as a unified diff instead.
//!
//! Each file with a fixable finding of the report is read once; its fixes are computed again on
//! exactly the bytes read (so offsets cannot be stale), applied when they do not overlap
//! (identical edits, such as one import added for two elements, count once), and the file
//! checked again in memory until no fix is left (at most [`MAX_PASSES`]). Only the findings the
//! report shows are fixed (not those a baseline or a suppression hides). The file is then
//! written atomically — and only when its content on disk is still the bytes read: a file
//! changed in the meantime is left alone and named.

use std::collections::HashSet;
use std::io::Write;

use crate::check::Engine;
use crate::core::{Edit, Finding, Report};

/// How many times a file is fixed and checked again in memory.
pub(crate) const MAX_PASSES: usize = 10;

#[derive(clap::Args, Debug, Default)]
pub(crate) struct FixArgs {
    /// Apply the fixes findings carry (e.g. the design-system component and its import), then
    /// report what is left
    #[arg(long)]
    pub(crate) fix: bool,
    /// With --fix: print the changes as a unified diff and write nothing
    #[arg(long, requires = "fix")]
    pub(crate) dry_run: bool,
}

/// What `--fix` did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub(crate) fixed: usize,
    pub(crate) files: usize,
    /// Files left alone: changed on disk since read, or could not be written.
    pub(crate) skipped: Vec<String>,
    pub(crate) diff: String,
}

/// The key of a finding that says which reported findings may be fixed.
fn key(f: &Finding) -> (&str, &str, &str) {
    (&f.rule, &f.file, &f.fingerprint)
}

fn conflicts(a: &Edit, b: &Edit) -> bool {
    if a == b {
        return false;
    }
    let point = |e: &Edit| e.start_byte == e.end_byte;
    if point(a) && point(b) {
        return a.start_byte == b.start_byte;
    }
    a.start_byte < b.end_byte.max(b.start_byte + usize::from(point(b)))
        && b.start_byte < a.end_byte.max(a.start_byte + usize::from(point(a)))
}

/// Applies the fixes of `findings` that do not overlap an earlier one; the new text and the
/// number of fixes applied. Edits out of range or off a character boundary are dropped with
/// their fix.
pub(crate) fn apply_fixes(text: &str, findings: &[&Finding]) -> (String, usize) {
    let mut taken: Vec<Edit> = Vec::new();
    let mut applied = 0;
    for f in findings {
        let Some(fix) = &f.fix else { continue };
        let valid = fix.edits.iter().all(|e| {
            e.start_byte <= e.end_byte
                && e.end_byte <= text.len()
                && text.is_char_boundary(e.start_byte)
                && text.is_char_boundary(e.end_byte)
        });
        if !valid
            || fix.edits.is_empty()
            || fix
                .edits
                .iter()
                .any(|e| taken.iter().any(|t| conflicts(e, t)))
        {
            continue;
        }
        for e in &fix.edits {
            if !taken.contains(e) {
                taken.push(e.clone());
            }
        }
        applied += 1;
    }
    // from the end, so earlier offsets stay valid
    taken.sort_by_key(|e| std::cmp::Reverse((e.start_byte, e.end_byte)));
    let mut out = text.to_string();
    for e in &taken {
        out.replace_range(e.start_byte..e.end_byte, &e.replacement);
    }
    (out, applied)
}

/// Fixes the files of `report`; with `dry_run`, only the diff.
pub(crate) fn run(engine: &Engine, report: &Report, dry_run: bool) -> Outcome {
    let cfg = engine.config();
    let wanted: HashSet<(&str, &str, &str)> = report
        .findings
        .iter()
        .filter(|f| f.fix.is_some())
        .map(key)
        .collect();
    let mut files: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.fix.is_some())
        .map(|f| f.file.as_str())
        .collect();
    files.dedup();
    let mut out = Outcome::default();
    for rel in files {
        let path = cfg.root.join(rel);
        let Ok(original) = std::fs::read(&path) else {
            out.skipped.push(rel.to_string());
            continue;
        };
        let Ok(text) = String::from_utf8(original.clone()) else {
            out.skipped.push(rel.to_string());
            continue;
        };
        let Ok(sp) = crate::buffer::source_path(cfg, &path) else {
            out.skipped.push(rel.to_string());
            continue;
        };
        let mut current = text.clone();
        let mut fixed = 0;
        for pass in 0..MAX_PASSES {
            let r = crate::buffer::check(engine, &sp, current.as_bytes());
            // the first pass fixes what the report shows; later ones what those fixes left
            // fixable of the same rules (e.g. an element skipped for an overlapping edit)
            let fixable: Vec<&Finding> = r
                .findings
                .iter()
                .filter(|f| f.fix.is_some())
                .filter(|f| {
                    pass > 0 && wanted.iter().any(|(rule, _, _)| *rule == f.rule)
                        || wanted.contains(&key(f))
                })
                .collect();
            if fixable.is_empty() {
                break;
            }
            let (next, n) = apply_fixes(&current, &fixable);
            if n == 0 || next == current {
                break;
            }
            fixed += n;
            current = next;
        }
        if current == text {
            continue;
        }
        if dry_run {
            out.diff.push_str(&unified_diff(rel, &text, &current));
        } else {
            if !write_if_unchanged(&path, &original, current.as_bytes()) {
                out.skipped.push(rel.to_string());
                continue;
            }
        }
        out.fixed += fixed;
        out.files += 1;
    }
    out
}

/// Writes `new` over `path` atomically, keeping its permissions — only when the file still holds
/// `original` (never overwrite a file that changed since it was read).
fn write_if_unchanged(path: &std::path::Path, original: &[u8], new: &[u8]) -> bool {
    let still = std::fs::read(path).is_ok_and(|now| now == original);
    still && write_keeping_mode(path, new).is_ok()
}

/// Atomic rewrite that keeps the file's permissions.
fn write_keeping_mode(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let perms = std::fs::metadata(path)?.permissions();
    crate::core::state_file::write_atomic(path, bytes)?;
    std::fs::set_permissions(path, perms)
}

/// A unified diff of one file, `a/` and `b/` prefixed as `git apply` reads it.
pub(crate) fn unified_diff(rel: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut s = String::new();
    let _ = write!(
        VecWriter(&mut s),
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{rel}"), &format!("b/{rel}"))
    );
    s
}

struct VecWriter<'a>(&'a mut String);

impl Write for VecWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.push_str(&String::from_utf8_lossy(buf));
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Fix;

    fn finding(edits: &[(usize, usize, &str)]) -> Finding {
        Finding {
            rule: "r".into(),
            kind: "design-system".into(),
            severity: crate::core::Severity::Warning,
            message: String::new(),
            file: "a.tsx".into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            adr: Default::default(),
            help: None,
            fingerprint: String::new(),
            matched: String::new(),
            related: Vec::new(),
            fix: Some(Fix {
                description: String::new(),
                edits: edits
                    .iter()
                    .map(|(s, e, r)| Edit {
                        start_byte: *s,
                        end_byte: *e,
                        replacement: r.to_string(),
                    })
                    .collect(),
            }),
            byte_start: 0,
            byte_end: 0,
            redact: false,
        }
    }

    #[test]
    fn shared_edits_count_once_and_overlaps_wait() {
        let text = "<button/><button/>";
        let a = finding(&[(1, 7, "Button"), (0, 0, "import B;\n")]);
        let b = finding(&[(10, 16, "Button"), (0, 0, "import B;\n")]);
        // overlaps a's rename: skipped in this pass
        let c = finding(&[(3, 5, "xx")]);
        let (out, n) = apply_fixes(text, &[&a, &b, &c]);
        assert_eq!(out, "import B;\n<Button/><Button/>");
        assert_eq!(n, 2);
        // out of range or off a character boundary: the whole fix is dropped
        let bad = finding(&[(0, 1, "x"), (40, 41, "y")]);
        assert_eq!(apply_fixes(text, &[&bad]), (text.to_string(), 0));
        let (out, n) = apply_fixes("é", &[&finding(&[(1, 2, "e")])]);
        assert_eq!((out.as_str(), n), ("é", 0));
        // two different insertions at one point conflict
        let x = finding(&[(0, 0, "a")]);
        let y = finding(&[(0, 0, "b")]);
        assert_eq!(apply_fixes("", &[&x, &y]), ("a".to_string(), 1));
    }

    #[test]
    fn a_file_changed_since_read_is_left_alone() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("a.tsx");
        std::fs::write(&p, "edited by someone\n").unwrap();
        assert!(!write_if_unchanged(&p, b"as read\n", b"fixed\n"));
        assert_eq!(std::fs::read(&p).unwrap(), b"edited by someone\n");
        assert!(write_if_unchanged(&p, b"edited by someone\n", b"fixed\n"));
        assert_eq!(std::fs::read(&p).unwrap(), b"fixed\n");
    }

    #[test]
    fn the_diff_is_unified() {
        let d = unified_diff("src/a.ts", "a\nb\n", "a\nc\n");
        assert!(d.starts_with("--- a/src/a.ts\n+++ b/src/a.ts\n@@"), "{d}");
        assert!(d.contains("-b\n+c\n"), "{d}");
    }
}
