//! `--rules-at-commit`: the configuration and rule files as they were in a commit's tree.
//!
//! The commit's `archdrift.toml` and the files its `include` globs match are copied from the object
//! database into a fresh temporary directory and loaded from there by the ordinary loader, so
//! they are validated exactly as a check would validate them. In a work tree they check the work
//! tree's directory of the configuration (as `check` there would): `[design_system]` index and
//! tokens files, ADR documents and the workspace the layer rule resolves imports with are read
//! from it, so a commit whose rules are HEAD's counts what `check` at HEAD reports.

use std::collections::HashMap;

use gix::ObjectId;

use crate::config::{self, Config};
use crate::core::{ConfigError, Globs};

use super::git::{self, TreeFile};

/// The files a commit's configuration consists of: (path relative to the config's directory, blob).
pub(crate) type RuleFiles = Vec<(String, ObjectId)>;

/// Finds the configuration file `config_name` (relative to the listed directory) in `all` and
/// the files its `include` globs name. `None` when the commit has no such file.
pub(crate) fn rule_files(
    repo: &gix::Repository,
    all: &[TreeFile],
    config_name: &str,
) -> Result<Option<RuleFiles>, String> {
    let Some(main) = all.iter().find(|f| f.path == config_name) else {
        return Ok(None);
    };
    let mut files = vec![(config::CONFIG_FILE.to_string(), main.blob)];
    let text = git::read_blob(repo, main.blob)?;
    let base = match config_name.rfind('/') {
        Some(i) => &config_name[..=i],
        None => "",
    };
    // a broken file is reported by the loader; here only the includes are needed
    let includes: Vec<String> = std::str::from_utf8(&text)
        .ok()
        .and_then(|t| toml::from_str::<toml::Table>(t).ok())
        .and_then(|t| t.get("include").cloned())
        .and_then(|v| v.as_array().cloned())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(|s| s.trim_start_matches("./").to_string()))
                .collect()
        })
        .unwrap_or_default();
    for inc in includes {
        // anchored at the configuration's directory, as `include` is when loading
        let Ok(m) = Globs::new(&[format!("/{inc}")]) else {
            continue;
        };
        for f in all {
            if let Some(rel) = f.path.strip_prefix(base) {
                if rel != config_name && m.is_match(rel) && !files.iter().any(|(p, _)| p == rel) {
                    files.push((rel.to_string(), f.blob));
                }
            }
        }
    }
    files.sort();
    Ok(Some(files))
}

/// Loads configurations, each distinct set of files once.
#[derive(Default)]
pub(crate) struct Loaded {
    /// The directory each commit's configuration checks (the work tree's directory of the
    /// configuration); `None` in a bare repository: the temporary directory itself.
    pub(crate) checked_root: Option<std::path::PathBuf>,
    pub(crate) configs: Vec<std::sync::Arc<Config>>,
    by_files: HashMap<RuleFiles, Result<usize, usize>>,
    /// Diagnostics of configurations that failed to load, by number.
    pub(crate) errors: Vec<Vec<ConfigError>>,
}

impl Loaded {
    /// Nothing loaded yet; each commit's configuration will check `checked_root`.
    pub(crate) fn new(checked_root: Option<std::path::PathBuf>) -> Self {
        Loaded {
            checked_root,
            ..Default::default()
        }
    }

    /// The number of the configuration made of `files` (`Err` with the number of its errors if it
    /// does not load).
    pub(crate) fn load(
        &mut self,
        repo: &gix::Repository,
        files: RuleFiles,
    ) -> Result<Result<usize, usize>, String> {
        if let Some(r) = self.by_files.get(&files) {
            return Ok(*r);
        }
        let dir = tempfile::Builder::new()
            .prefix("archdrift-rules-")
            .tempdir()
            .map_err(|e| format!("creating a temporary directory: {e}"))?;
        for (rel, blob) in &files {
            // paths come from a tree: refuse anything that could leave the directory
            if rel
                .split('/')
                .any(|c| c.is_empty() || c == "." || c == "..")
            {
                continue;
            }
            let p = dir.path().join(rel);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("writing {}: {e}", p.display()))?;
            }
            std::fs::write(&p, git::read_blob(repo, *blob)?)
                .map_err(|e| format!("writing {}: {e}", p.display()))?;
        }
        let file = dir.path().join(config::CONFIG_FILE);
        let r = match config::load_rooted(&file, self.checked_root.as_deref()) {
            Ok(cfg) => {
                self.configs.push(std::sync::Arc::new(cfg));
                Ok(self.configs.len() - 1)
            }
            Err(errors) => {
                self.errors.push(errors);
                Err(self.errors.len() - 1)
            }
        };
        self.by_files.insert(files, r);
        Ok(r)
    }
}
