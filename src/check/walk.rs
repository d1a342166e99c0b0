//! The walk: which files a check looks at. Parallel (`ignore`), honours `.gitignore`/`.ignore`,
//! skips hidden files, `node_modules` and the configured excludes, never follows symlinks.
//! Ignore files that are not small regular files (a FIFO, a link to `/dev/zero`) are never
//! handed to the `ignore` crate: they are reported as problems instead.

use std::path::{Path, PathBuf};

use crate::core::relative;
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};

use crate::core::Globs;
use crate::core::{FileProblem, ProblemKind};
use crate::lang::Lang;

/// A file to check: its path on disk, its path relative to the root (with `/`), its language.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourcePath {
    pub rel: String,
    pub path: PathBuf,
    pub lang: Lang,
}

#[derive(Debug, Default)]
pub(crate) struct WalkOutput {
    /// Sorted by relative path, without duplicates.
    pub(crate) files: Vec<SourcePath>,
    pub(crate) problems: Vec<FileProblem>,
}

/// Collects the files under `paths` (files or directories, inside `root`).
pub(crate) fn collect(
    root: &Path,
    paths: &[PathBuf],
    exclude: &Globs,
    threads: usize,
) -> WalkOutput {
    let Some((first, rest)) = paths.split_first() else {
        return WalkOutput::default();
    };
    let mut builder = WalkBuilder::new(first);
    for p in rest {
        builder.add(p);
    }
    let root_owned = root.to_path_buf();
    let exclude_owned = exclude.clone();
    // ignore files the `ignore` crate would block on (FIFO) or read without end (`/dev/zero`):
    // in a start folder or above it, that kind of ignore file is not used at all; in a folder
    // below, the folder is skipped (as a `*` in it would) — both reported as problems
    let unfit = std::sync::Arc::new(Mutex::new(Vec::new()));
    let (mut use_gitignore, mut use_ignore) = (true, true);
    for start in paths {
        let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.clone());
        let dirs = start.ancestors().filter(|d| d.is_dir());
        for dir in dirs {
            for (name, used) in [
                (".gitignore", &mut use_gitignore),
                (".ignore", &mut use_ignore),
            ] {
                let file = dir.join(name);
                if let Some(why) = unfit_ignore_file(&file) {
                    *used = false;
                    unfit
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(FileProblem {
                            file: relative(root, &file),
                            kind: ProblemKind::Unreadable,
                            message: format!(
                                "ignore file not read: {why}; every {name} of this check is ignored"
                            ),
                        });
                }
            }
        }
    }
    let unfit_in_filter = unfit.clone();
    builder
        .hidden(true)
        .git_ignore(use_gitignore)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .ignore(use_ignore)
        .parents(true)
        .follow_links(false)
        .threads(threads.max(1))
        .filter_entry(move |e| {
            let rel = relative(&root_owned, e.path());
            if !rel.is_empty() && exclude_owned.is_match(&rel) {
                return false;
            }
            if e.file_type().is_some_and(|t| t.is_dir()) {
                for name in [".gitignore", ".ignore"] {
                    let file = e.path().join(name);
                    if let Some(why) = unfit_ignore_file(&file) {
                        unfit_in_filter
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .push(FileProblem {
                                file: relative(&root_owned, &file),
                                kind: ProblemKind::Unreadable,
                                message: format!(
                                    "ignore file not read: {why}; its folder is not checked"
                                ),
                            });
                        return false;
                    }
                }
            }
            true
        });
    let files = Mutex::new(Vec::new());
    let problems = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        let files = &files;
        let problems = &problems;
        Box::new(move |entry| {
            match entry {
                Ok(e) => {
                    let is_file = e.file_type().is_some_and(|t| t.is_file());
                    if is_file {
                        if let Some(lang) = Lang::from_path(e.path()) {
                            let sp = SourcePath {
                                rel: relative(root, e.path()),
                                path: e.path().to_path_buf(),
                                lang,
                            };
                            files.lock().unwrap_or_else(|p| p.into_inner()).push(sp);
                        }
                    }
                }
                Err(err) => {
                    let file = walk_error_path(&err)
                        .map(|p| relative(root, &p))
                        .unwrap_or_default();
                    let msg = err.to_string();
                    problems
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(FileProblem {
                            file,
                            kind: ProblemKind::Unreadable,
                            message: msg,
                        });
                }
            }
            WalkState::Continue
        })
    });
    let mut files = files.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort();
    files.dedup_by(|a, b| a.rel == b.rel);
    let mut problems = problems.into_inner().unwrap_or_else(|p| p.into_inner());
    problems.extend(std::mem::take(
        &mut *unfit.lock().unwrap_or_else(|p| p.into_inner()),
    ));
    problems.sort_by(|a, b| (&a.file, &a.message).cmp(&(&b.file, &b.message)));
    problems.dedup();
    WalkOutput { files, problems }
}

/// Why the ignore file at `p` must not be read, or None (absent or a small regular file).
fn unfit_ignore_file(p: &Path) -> Option<String> {
    crate::core::safe_read::unfit_ignore_file(p, crate::core::safe_read::IGNORE_FILE_MAX_BYTES)
}

fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_respecting_ignores_and_excludes() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        for f in [
            "b.ts",
            "a/x.tsx",
            "a/y.rs",
            "node_modules/m/i.js",
            "gen/g.ts",
            "ign/z.ts",
            "README.md",
            ".hidden/h.ts",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ign/\n").unwrap();
        let ex = Globs::from_static(&["**/node_modules", "gen/**"]);
        let out = collect(root, &[root.to_path_buf()], &ex, 2);
        let rels: Vec<&str> = out.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, vec!["a/x.tsx", "a/y.rs", "b.ts"]);
        assert!(out.problems.is_empty());
        // an explicit file path is checked
        let out = collect(root, &[root.join("b.ts")], &ex, 1);
        assert_eq!(out.files.len(), 1);
    }
}
