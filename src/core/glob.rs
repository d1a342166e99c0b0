//! The one glob compiler: every path glob of a configuration (rule `paths`/`exclude`, `layers`,
//! `[design_system]`, `[check] exclude`, `[tests] paths`, workspace globs) means the same thing.
//!
//! Semantics: paths are relative to the root and use `/`; `*` and `?` never cross a `/`, `**`
//! does; a glob without `/` matches at any depth (`*.ts` is `**/*.ts`); a leading `/` or `./`
//! anchors at the root; a glob also matches everything below a directory it matches.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use toml::Spanned;

use super::source::{ConfigError, SourceFile};

/// A set of path globs, with the patterns as written.
#[derive(Clone, Debug)]
pub struct Globs {
    pub patterns: Vec<String>,
    set: GlobSet,
}

impl Globs {
    pub fn is_match(&self, rel_path: &str) -> bool {
        self.set.is_match(rel_path)
    }
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
    /// Builds from trusted, known-good patterns (defaults).
    pub fn from_static(patterns: &[&str]) -> Globs {
        let owned: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
        let mut b = GlobSetBuilder::new();
        for p in &owned {
            for g in expand_glob(p) {
                b.add(build_glob(&g).expect("built-in glob"));
            }
        }
        Globs {
            patterns: owned,
            set: b.build().expect("built-in globs"),
        }
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

fn glob_err(e: &globset::Error) -> String {
    e.kind().to_string()
}

/// Compiles path globs, pointing at the bad one on error.
pub fn compile_globs(src: &SourceFile, list: &[Spanned<String>]) -> Result<Globs, ConfigError> {
    let mut b = GlobSetBuilder::new();
    for p in list {
        for g in expand_glob(p.get_ref()) {
            let glob = build_glob(&g).map_err(|e| {
                ConfigError::at(src, p.span(), format!("invalid glob: {}", glob_err(&e)))
                    .label("this glob")
                    .help("globs use `*`, `**`, `?`, `[abc]` and `{a,b}`; paths are relative to the root")
            })?;
            b.add(glob);
        }
    }
    let set = b
        .build()
        .map_err(|e| ConfigError::plain(format!("invalid globs: {e}")))?;
    Ok(Globs {
        patterns: list.iter().map(|s| s.get_ref().clone()).collect(),
        set,
    })
}
