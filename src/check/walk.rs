//! The walk: which files a check looks at. Parallel (`ignore`), honours `.gitignore`/`.ignore`,
//! skips hidden files, `node_modules` and the configured excludes, never follows symlinks.

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
pub struct WalkOutput {
    /// Sorted by relative path, without duplicates.
    pub files: Vec<SourcePath>,
    pub problems: Vec<FileProblem>,
}

/// Collects the files under `paths` (files or directories, inside `root`).
pub fn collect(root: &Path, paths: &[PathBuf], exclude: &Globs, threads: usize) -> WalkOutput {
    let Some((first, rest)) = paths.split_first() else {
        return WalkOutput::default();
    };
    let mut builder = WalkBuilder::new(first);
    for p in rest {
        builder.add(p);
    }
    let root_owned = root.to_path_buf();
    let exclude_owned = exclude.clone();
    builder
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(true)
        .require_git(false)
        .ignore(true)
        .parents(true)
        .follow_links(false)
        .threads(threads.max(1))
        .filter_entry(move |e| {
            let rel = relative(&root_owned, e.path());
            rel.is_empty() || !exclude_owned.is_match(&rel)
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
    problems.sort_by(|a, b| (&a.file, &a.message).cmp(&(&b.file, &b.message)));
    WalkOutput { files, problems }
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
