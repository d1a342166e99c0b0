//! The one glob compiler: every path glob of a configuration (rule `paths`/`exclude`, `layers`,
//! `[design_system]`, `[check] exclude`, `[tests] paths`, workspace globs) means the same thing.
//!
//! Semantics: paths are relative to the root and use `/`; `*` and `?` never cross a `/`, `**`
//! does; a glob without `/` matches at any depth (`*.ts` is `**/*.ts`); a leading `/` or `./`
//! anchors at the root; a glob also matches everything below a directory it matches.
//!
//! Everything archdrift compiles from a glob goes through here: rule `paths`/`exclude`,
//! `layers`/`isolate`, `[design_system]` `source`, duplicate-component's `design_system`,
//! `[check] exclude`, `[tests] paths`, `include` (anchored at the configuration's directory:
//! written with a leading `/`), and workspace member globs of `package.json` /
//! `pnpm-workspace.yaml` (anchored, matched with [`Globs::is_match_exact`]: the folders
//! themselves, as the package managers mean them).

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use toml::Spanned;

use super::source::{ConfigError, SourceFile};

/// A set of path globs, with the patterns as written.
#[derive(Clone, Debug)]
pub(crate) struct Globs {
    pub(crate) patterns: Vec<String>,
    set: GlobSet,
    /// For each compiled glob, the index of the pattern it came from, and whether it is the
    /// "what is below a matched directory" half of the pattern.
    owner: Vec<(usize, bool)>,
}

impl Globs {
    pub(crate) fn is_match(&self, rel_path: &str) -> bool {
        self.set.is_match(rel_path)
    }

    /// Indices (into [`Globs::patterns`]) of the patterns that match, ascending, each once.
    pub(crate) fn matching(&self, rel_path: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .set
            .matches(rel_path)
            .into_iter()
            .map(|i| self.owner[i].0)
            .collect();
        out.dedup();
        out
    }

    /// Whether a pattern matches the path itself, not only a directory above it (workspace
    /// member globs, where `packages/*` means the folders, not what is inside them).
    pub(crate) fn is_match_exact(&self, rel_path: &str) -> bool {
        self.set
            .matches(rel_path)
            .into_iter()
            .any(|i| !self.owner[i].1)
    }

    /// Builds from trusted, known-good patterns (defaults).
    pub(crate) fn from_static(patterns: &[&str]) -> Globs {
        let owned: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
        Globs::new(&owned).expect("built-in globs")
    }

    /// Compiles patterns that have no place in a file to point at (e.g. a workspace's
    /// `package.json`); the error names the bad pattern.
    pub(crate) fn new(patterns: &[String]) -> Result<Globs, String> {
        let mut b = GlobSetBuilder::new();
        let mut owner = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            for (k, g) in expand_glob(p).into_iter().enumerate() {
                let glob =
                    build_glob(&g).map_err(|e| format!("invalid glob `{p}`: {}", e.kind()))?;
                b.add(glob);
                owner.push((i, k > 0 || g.ends_with("/**") && !p.ends_with("**")));
            }
        }
        Ok(Globs {
            patterns: patterns.to_vec(),
            set: b.build().map_err(|e| format!("invalid globs: {e}"))?,
            owner,
        })
    }
}

fn build_glob(p: &str) -> Result<globset::Glob, globset::Error> {
    GlobBuilder::new(p)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
}

/// A glob without `/` matches at any depth; every glob also matches what is below a matched dir.
fn expand_glob(p: &str) -> Vec<String> {
    let p = p.strip_prefix("./").unwrap_or(p);
    let p = p.trim_end_matches('/');
    let base = if p.contains('/') {
        p.strip_prefix('/').unwrap_or(p).to_string()
    } else {
        format!("**/{p}")
    };
    if base.ends_with("/**") {
        vec![base]
    } else {
        vec![base.clone(), format!("{base}/**")]
    }
}

/// Compiles path globs, pointing at the bad one on error.
pub(crate) fn compile_globs(
    src: &SourceFile,
    list: &[Spanned<String>],
) -> Result<Globs, ConfigError> {
    for p in list {
        for g in expand_glob(p.get_ref()) {
            build_glob(&g).map_err(|e| {
                ConfigError::at(src, p.span(), format!("invalid glob: {}", e.kind()))
                    .label("this glob")
                    .help("globs use `*`, `**`, `?`, `[abc]` and `{a,b}`; paths are relative to the root")
            })?;
        }
    }
    let patterns: Vec<String> = list.iter().map(|s| s.get_ref().clone()).collect();
    Globs::new(&patterns).map_err(ConfigError::plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashless_globs_match_at_any_depth_and_dirs_match_below() {
        let g = Globs::from_static(&["*.ts", "packages/ui/**", "/root.rs", "./docs/", "gen"]);
        assert!(g.is_match("a.ts") && g.is_match("src/deep/a.ts"));
        assert!(!g.is_match("a.tsx"));
        assert!(g.is_match("packages/ui/src/Button.tsx"));
        assert!(
            !g.is_match("apps/packages/ui/x.tsx"),
            "a glob with `/` is anchored"
        );
        assert!(g.is_match("root.rs") && !g.is_match("src/root.rs"));
        assert!(g.is_match("docs/adr/1.md"));
        assert!(
            g.is_match("src/gen/a.rs"),
            "a directory name matches what is below it"
        );
        assert_eq!(g.matching("src/x.ts"), vec![0]);
        assert_eq!(g.matching("packages/ui/a.ts"), vec![0, 1]);
        // workspace globs: the folders themselves
        let w = Globs::new(&["/packages/*".to_string()]).unwrap();
        assert!(w.is_match_exact("packages/a"));
        assert!(!w.is_match_exact("packages/a/examples/b"));
        assert!(w.is_match("packages/a/examples/b"));
    }
}
