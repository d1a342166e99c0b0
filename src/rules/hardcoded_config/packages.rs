//! Which workspace package a file belongs to, and whether a place in another package is one the
//! file can use: `own_urls = "configured"` names a constant or a switch in `help` only when
//! the finding's file could import it — the same package (the nearest `package.json` or
//! `Cargo.toml` folder), or a package its manifest depends on. A constant private to another
//! app (`BASE_URL` of the dashboard named for the marketing site's sitemap, `DUB_HOST` of a
//! Stripe app named for a standalone embed script) answers nothing there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::core::safe_read::{is_file, read_config_string};

/// A package's name and the names it depends on.
#[derive(Default)]
struct Manifest {
    name: Option<String>,
    deps: BTreeSet<String>,
}

/// Nearest manifests of the files asked about, read once each.
pub(super) struct Packages {
    root: PathBuf,
    /// Folder → the folder of its nearest manifest ("" for the root or none).
    nearest: BTreeMap<String, String>,
    manifests: BTreeMap<String, Manifest>,
}

impl Packages {
    pub(super) fn new(root: &Path) -> Self {
        Packages {
            root: root.to_path_buf(),
            nearest: BTreeMap::new(),
            manifests: BTreeMap::new(),
        }
    }

    /// The folder of the nearest manifest of `file` (relative; "" at the root).
    fn package_of(&mut self, file: &str) -> String {
        let mut dir = file.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let mut seen = Vec::new();
        let found = loop {
            if let Some(k) = self.nearest.get(&dir) {
                break k.clone();
            }
            seen.push(dir.clone());
            if dir.is_empty() {
                break String::new();
            }
            let abs = self.root.join(&dir);
            if is_file(&abs.join("package.json")) || is_file(&abs.join("Cargo.toml")) {
                break dir.clone();
            }
            dir = dir.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        };
        for d in seen {
            self.nearest.insert(d, found.clone());
        }
        found
    }

    fn manifest(&mut self, dir: &str) -> &Manifest {
        let root = &self.root;
        self.manifests
            .entry(dir.to_string())
            .or_insert_with(|| read_manifest(&root.join(dir)))
    }

    /// Whether a place in `place_file` is one `file` can use: the same package, a place at the
    /// root (a single-package repository, a root config), or a package `file`'s manifest
    /// depends on.
    pub(super) fn reachable(&mut self, file: &str, place_file: &str) -> bool {
        let from = self.package_of(file);
        let to = self.package_of(place_file);
        if from == to || to.is_empty() {
            return true;
        }
        let Some(name) = self.manifest(&to).name.clone() else {
            // a manifest without a name (a private app folder) is nobody's dependency
            return false;
        };
        self.manifest(&from).deps.contains(&name)
    }
}

/// The name and dependency names of the manifest in `dir` (package.json first, then
/// Cargo.toml); an unreadable or invalid one has none.
fn read_manifest(dir: &Path) -> Manifest {
    let mut m = Manifest::default();
    if let Ok(text) = read_config_string(&dir.join("package.json")) {
        if let Ok(j) = serde_json::from_str::<serde_json::Value>(&text) {
            m.name = j.get("name").and_then(|n| n.as_str()).map(str::to_string);
            for key in [
                "dependencies",
                "devDependencies",
                "peerDependencies",
                "optionalDependencies",
            ] {
                if let Some(o) = j.get(key).and_then(|d| d.as_object()) {
                    m.deps.extend(o.keys().cloned());
                }
            }
        }
        return m;
    }
    if let Ok(text) = read_config_string(&dir.join("Cargo.toml")) {
        if let Ok(t) = text.parse::<toml::Table>() {
            m.name = t
                .get("package")
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .map(str::to_string);
            let mut tables: Vec<&toml::Table> = Vec::new();
            for key in ["dependencies", "dev-dependencies", "build-dependencies"] {
                if let Some(d) = t.get(key).and_then(|d| d.as_table()) {
                    tables.push(d);
                }
            }
            if let Some(targets) = t.get("target").and_then(|x| x.as_table()) {
                for cfg in targets.values().filter_map(|c| c.as_table()) {
                    for key in ["dependencies", "dev-dependencies", "build-dependencies"] {
                        if let Some(d) = cfg.get(key).and_then(|d| d.as_table()) {
                            tables.push(d);
                        }
                    }
                }
            }
            for d in tables {
                for (k, v) in d {
                    // `alias = { package = "real-name" }`
                    let real = v
                        .get("package")
                        .and_then(|p| p.as_str())
                        .unwrap_or(k.as_str());
                    m.deps.insert(real.to_string());
                    m.deps.insert(real.replace('-', "_"));
                }
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn a_place_is_reachable_from_its_package_and_from_packages_that_depend_on_it() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        write(r, "package.json", r#"{ "name": "root" }"#);
        write(
            r,
            "packages/utils/package.json",
            r#"{ "name": "@acme/utils" }"#,
        );
        write(
            r,
            "apps/web/package.json",
            r#"{ "name": "web", "dependencies": { "@acme/utils": "workspace:*" } }"#,
        );
        write(r, "apps/admin/package.json", r#"{ "name": "admin" }"#);
        write(
            r,
            "packages/embed/package.json",
            r#"{ "name": "@acme/embed" }"#,
        );
        let mut p = Packages::new(r);
        // the same package, and a dependency
        assert!(p.reachable("apps/web/app/a.ts", "apps/web/lib/constants.ts"));
        assert!(p.reachable("apps/web/app/a.ts", "packages/utils/src/main.ts"));
        // a root file answers everywhere
        assert!(p.reachable("packages/embed/src/core.ts", "constants.ts"));
        // another app, and a package the file's manifest does not name
        assert!(!p.reachable("apps/web/app/a.ts", "apps/admin/src/config.ts"));
        assert!(!p.reachable("packages/embed/src/core.ts", "packages/utils/src/main.ts"));
        assert!(!p.reachable("apps/admin/x.ts", "apps/web/lib/constants.ts"));
    }

    #[test]
    fn rust_crates_reach_their_dependencies() {
        let d = tempfile::tempdir().unwrap();
        let r = d.path();
        write(
            r,
            "crates/app/Cargo.toml",
            "[package]\nname = \"app\"\n[dependencies]\nacme-config = { path = \"../config\" }\n",
        );
        write(
            r,
            "crates/config/Cargo.toml",
            "[package]\nname = \"acme-config\"\n",
        );
        write(
            r,
            "crates/other/Cargo.toml",
            "[package]\nname = \"other\"\n",
        );
        let mut p = Packages::new(r);
        assert!(p.reachable("crates/app/src/main.rs", "crates/config/src/lib.rs"));
        assert!(!p.reachable("crates/other/src/lib.rs", "crates/config/src/lib.rs"));
    }
}
