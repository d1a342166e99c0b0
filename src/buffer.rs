//! Checking one in-memory buffer as if it were the file at a given path: the entry point for
//! editors (`check --stdin-filename`, the language server). The path need not exist on disk;
//! rules, `paths` globs and ADR links apply as for a file at that place under the root.

use std::path::{Component, Path, PathBuf};

use crate::check::stage::Stage;
use crate::check::walk::SourcePath;
use crate::check::Engine;
use crate::ci::cache::LastFullCheck;
use crate::config::{self, Config};
use crate::core::Report;
use crate::lang::Lang;

/// `path` made absolute and canonical as far as it exists (symlinks in existing parents
/// resolved, the rest appended lexically with `.`/`..` folded), so it compares with
/// [`Config::root`]. The file itself may be missing (an unsaved buffer).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut clean = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    // canonicalize the longest existing prefix, then re-append the missing tail
    let mut tail = Vec::new();
    let mut head = clean.as_path();
    loop {
        if let Ok(canon) = std::fs::canonicalize(head) {
            let mut out = canon;
            for t in tail.iter().rev() {
                out.push(t);
            }
            return out;
        }
        match (head.parent(), head.file_name()) {
            (Some(parent), Some(name)) => {
                tail.push(name.to_os_string());
                head = parent;
            }
            _ => return clean,
        }
    }
}

/// The `archdrift.toml` that governs the file at `path` (walking up from its directory).
pub(crate) fn find_config_for(path: &Path) -> Option<PathBuf> {
    let abs = absolute(path);
    let mut dir = abs.parent()?;
    // the nearest existing ancestor
    while !dir.is_dir() {
        dir = dir.parent()?;
    }
    config::find_config(dir)
}

/// Why a buffer is not checked at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NotChecked {
    /// The path lies outside the directory of the configuration in use.
    OutsideRoot,
    /// Not a TypeScript, TSX, JavaScript or Rust file name.
    UnknownLanguage,
    /// `[check].exclude` (or `node_modules`, `.git`) covers the path.
    Excluded,
}

/// The [`SourcePath`] of a buffer at `path` under `cfg`'s root.
pub(crate) fn source_path(cfg: &Config, path: &Path) -> Result<SourcePath, NotChecked> {
    let abs = absolute(path);
    if !abs.starts_with(&cfg.root) {
        return Err(NotChecked::OutsideRoot);
    }
    let lang = Lang::from_path(&abs).ok_or(NotChecked::UnknownLanguage)?;
    let sp = SourcePath {
        rel: crate::core::relative(&cfg.root, &abs),
        path: abs,
        lang,
    };
    if is_excluded(cfg, &sp) {
        return Err(NotChecked::Excluded);
    }
    Ok(sp)
}

/// Whether the walk would skip this file (`[check].exclude`, `node_modules`, `.git`): the same
/// test the walk applies to every directory on the way down and to the file itself.
pub(crate) fn is_excluded(cfg: &Config, sp: &SourcePath) -> bool {
    let mut prefix = String::new();
    for part in sp.rel.split('/') {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
        if cfg.exclude.is_match(&prefix) {
            return true;
        }
    }
    false
}

/// Checks `bytes` as the file `sp`: a finished report (sorted, counted) for that one file. A
/// panic becomes an internal-error problem (with [`crate::check::read::install_panic_hook`] quiet).
pub(crate) fn check(engine: &Engine, sp: &SourcePath, bytes: &[u8]) -> Report {
    let start = std::time::Instant::now();
    let mut stage = Stage::default();
    stage.add_file(&sp.rel, engine.check_bytes_contained(sp, bytes));
    let mut report = engine.finish(stage);
    report.elapsed = start.elapsed();
    report
}

/// [`check`] for an editor buffer: `tree` is its previous syntax tree, edited to match `bytes`,
/// and is replaced by the new one (see [`Engine::check_bytes_incremental`]).
pub(crate) fn check_incremental(
    engine: &Engine,
    sp: &SourcePath,
    bytes: &[u8],
    tree: &mut Option<tree_sitter::Tree>,
) -> Report {
    let start = std::time::Instant::now();
    let outcome = engine.check_bytes_incremental(sp, bytes, tree);
    if outcome.problem.is_some() {
        // whatever went wrong, the next check starts from a fresh parse
        *tree = None;
    }
    let mut stage = Stage::default();
    stage.add_file(&sp.rel, outcome);
    let mut report = engine.finish(stage);
    report.elapsed = start.elapsed();
    report
}

/// Adds to a buffer's `report` the cross-file findings (duplicates, cycles, clusters) the last
/// full check reported for its file (see [`LastFullCheck`]): a check of one buffer cannot find
/// them. The report stays sorted and counted.
pub(crate) fn add_last_full_check(
    report: &mut Report,
    last: Option<&LastFullCheck>,
    rel: &str,
    text: &str,
) {
    let Some(last) = last else {
        return;
    };
    let extra: Vec<_> = last
        .for_file(rel, text)
        .into_iter()
        .filter(|f| {
            !report
                .findings
                .iter()
                .any(|o| o.rule == f.rule && o.fingerprint == f.fingerprint)
        })
        .collect();
    if extra.is_empty() {
        return;
    }
    report.findings.extend(extra);
    report
        .findings
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    report.recount_findings();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_keeps_missing_tail_and_folds_dots() {
        let d = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(d.path()).unwrap();
        std::fs::create_dir_all(root.join("a")).unwrap();
        let p = absolute(&root.join("a/./b/../new dir/x.tsx"));
        assert_eq!(p, root.join("a/new dir/x.tsx"));
        std::fs::write(root.join("archdrift.toml"), "").unwrap();
        assert_eq!(
            find_config_for(&root.join("a/missing/deeper/x.ts")),
            Some(root.join("archdrift.toml"))
        );
    }
}
