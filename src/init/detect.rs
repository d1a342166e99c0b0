//! What `init` looks for: the JS/TS packages (from the workspace globs, or by their own
//! `package.json` when the root has none), the design-system package(s) with their index files,
//! the UI libraries they wrap and a tokens file, the config modules, the Cargo crates and their
//! dependency graph, test and tooling code, and the ADR folder. Everything read is untrusted:
//! a malformed manifest is "nothing found there".

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::core::relative;
use crate::rules::layer_boundary::resolve::{expand_member_globs, js_workspace_globs, strip_jsonc};

/// UI libraries a design system typically wraps: importing them elsewhere bypasses it.
pub(crate) const WRAPPED_LIBRARIES: &[&str] = &[
    "@mui/material",
    "@mui/joy",
    "@material-ui/core",
    "@chakra-ui/react",
    "@mantine/core",
    "antd",
    "react-bootstrap",
    "@headlessui/react",
    "@radix-ui/*",
    "radix-ui",
    "@base-ui-components/react",
    "@base-ui/react",
    "@blueprintjs/*",
    "@ark-ui/react",
    "react-aria-components",
    "@react-aria/*",
    "@ariakit/react",
    "@nextui-org/*",
    "@heroui/*",
    "cmdk",
    "vaul",
    "react-select",
];

/// Package and folder names that name a design system.
fn looks_like_design_system(name: &str) -> bool {
    let last = name.rsplit('/').next().unwrap_or(name);
    matches!(
        last,
        "ui" | "design-system"
            | "designsystem"
            | "ds"
            | "propel"
            | "ui-kit"
            | "uikit"
            | "components"
    ) || last.ends_with("-ui")
        || last.starts_with("ui-")
}

/// Logging libraries: with one, `console.*` bypasses the application's logger.
const LOGGERS: &[&str] = &[
    "pino",
    "winston",
    "bunyan",
    "loglevel",
    "consola",
    "tslog",
    "@axiomhq/logging",
    "next-axiom",
    "log4js",
];

/// The application logger: a workspace package named like one (`@acme/logger`), else a
/// logging library some package (or the root) depends on.
pub(crate) fn logger(root: &Path, packages: &[Package]) -> Option<String> {
    if let Some(p) = packages.iter().find(|p| {
        let last = p.name.rsplit('/').next().unwrap_or(&p.name);
        last.contains("logger") || last.contains("logging")
    }) {
        return Some(p.name.clone());
    }
    let root_deps = read_json(&root.join("package.json"))
        .map(|p| dep_names(&p, &["dependencies"]))
        .unwrap_or_default();
    LOGGERS
        .iter()
        .find(|l| {
            root_deps.contains(**l)
                || packages
                    .iter()
                    .any(|p| p.deps.contains(**l) && !p.dev_deps.contains(**l))
        })
        .map(|l| l.to_string())
}

/// Folders (up to three levels down) whose package.json depends on a documentation-site
/// generator: not the product's UI.
pub(crate) fn docs_sites(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = walker(root, 3)
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let dir = e.path().parent()?;
            if dir == root {
                return None;
            }
            // a Docusaurus site is its config file, with or without a package.json
            if name.starts_with("docusaurus.config.") {
                return Some(relative(root, dir));
            }
            if name != "package.json" {
                return None;
            }
            let pkg = read_json(e.path())?;
            let deps = dep_names(&pkg, &["dependencies", "devDependencies"]);
            deps.iter()
                .any(|d| is_docs_framework(d))
                .then(|| relative(root, dir))
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// A documentation-site generator (Docusaurus, Nextra, VitePress, Fumadocs, Starlight,
/// Mintlify): a package that depends on one is a docs site, content and tooling.
fn is_docs_framework(dep: &str) -> bool {
    matches!(
        dep,
        "@docusaurus/core"
            | "docusaurus"
            | "nextra"
            | "nextra-theme-docs"
            | "vitepress"
            | "fumadocs-core"
            | "fumadocs-ui"
            | "@astrojs/starlight"
            | "mintlify"
    )
}

/// Dependencies that make a package an application (it is built and deployed, not imported).
const APP_FRAMEWORKS: &[&str] = &[
    "next",
    "@react-router/dev",
    "@remix-run/dev",
    "react-scripts",
    "@tanstack/react-start",
    "expo",
    "astro",
    "@sveltejs/kit",
    "nuxt",
];

/// One JS/TS workspace package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Package {
    pub(crate) name: String,
    /// Folder relative to the root (`packages/ui`).
    pub(crate) dir: String,
    /// Names in dependencies, peerDependencies, optionalDependencies and devDependencies.
    pub(crate) deps: BTreeSet<String>,
    /// Only devDependencies (not shipped).
    pub(crate) dev_deps: BTreeSet<String>,
    /// Built and deployed (under `apps/` or `examples/`, named `*-app`, or depends on an
    /// application framework and exports nothing), never imported by another package.
    pub(crate) app: bool,
}

/// One in-app component library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Library {
    /// The folder (relative).
    pub(crate) dir: String,
    /// The path its components are imported by (`@/modules/ui/components`), else the folder.
    pub(crate) import: String,
    /// Its own files: exempt from the design-system rules.
    pub(crate) source: Vec<String>,
    /// The components it exports.
    pub(crate) components: Vec<String>,
    /// How it was found (for the comment).
    pub(crate) found_by: String,
    /// The UI libraries its files import (it wraps them).
    pub(crate) wraps: Vec<String>,
    /// A library with no index file is imported module by module
    /// (`@/components/ui/button`): each module's path and the components it exports (empty
    /// when the folder has an index or is not imported by an alias).
    pub(crate) modules: Vec<(String, Vec<String>)>,
}

/// The design system found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct DesignSystem {
    /// (package name, folder)
    pub(crate) packages: Vec<(String, String)>,
    /// Index files (relative), one per package, when every package has one.
    pub(crate) index: Vec<String>,
    /// Components read from sub-path exports when some package has no single index.
    pub(crate) components: Vec<String>,
    /// Where the components came from (for the comment).
    pub(crate) components_from: Vec<String>,
    /// Wrapped UI libraries the design-system packages depend on.
    pub(crate) wraps: Vec<String>,
    /// A tokens file that loads, and how many tokens it holds.
    pub(crate) tokens: Option<(String, usize)>,
    /// In-app component libraries (`apps/web/components/ui`).
    pub(crate) libraries: Vec<Library>,
    /// The sub-path modules of a package without a `.` export and the components each
    /// exports (`@acme/propel/button` = `Button`).
    pub(crate) subpath_modules: Vec<(String, Vec<String>)>,
    /// The sources not every UI package can import, and where they can be.
    pub(crate) reach: Vec<Reach>,
}

/// The style categories worth reporting with this tokens file: colours, spacing, radii and
/// type always; z-indices and shadows only when the tokens define some (else no token answers
/// the finding, and a one-off stacking order is not drift).
pub(crate) fn style_categories(root: &Path, tokens: Option<&(String, usize)>) -> Vec<&'static str> {
    use crate::rules::design_system::tokens::{Category, Tokens};
    let mut v = vec!["color", "spacing", "radius", "font-size", "font-weight"];
    let loaded = tokens.and_then(|(f, _)| Tokens::load(&root.join(f)).ok());
    let has = |c: Category| {
        loaded
            .as_ref()
            .is_some_and(|t| t.tokens.iter().any(|x| x.category == c))
    };
    if has(Category::ZIndex) {
        v.push("z-index");
    }
    if has(Category::Shadow) {
        v.push("shadow");
    }
    v
}

impl DesignSystem {
    /// What the code imports the design system from: the packages, then the libraries' paths.
    pub(crate) fn names(&self) -> Vec<&str> {
        self.packages
            .iter()
            .map(|(n, _)| n.as_str())
            .chain(self.libraries.iter().map(|l| l.import.as_str()))
            .collect()
    }

    /// Its own source: the packages' folders and the libraries' files.
    pub(crate) fn sources(&self) -> Vec<String> {
        self.packages
            .iter()
            .map(|(_, d)| format!("{d}/**"))
            .chain(self.libraries.iter().flat_map(|l| l.source.iter().cloned()))
            .collect()
    }

    /// Its folders, for the comment.
    pub(crate) fn dirs(&self) -> Vec<&str> {
        self.packages
            .iter()
            .map(|(_, d)| d.as_str())
            .chain(self.libraries.iter().map(|l| l.dir.as_str()))
            .collect()
    }
}

/// Where one design-system source can be imported (`[design_system.used_in]`): a package by
/// the packages that declare it, a library inside an app by that app, the tokens file as the
/// package or app it lies in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reach {
    /// The package name, the library's folder path, or the tokens file.
    pub(crate) key: String,
    /// `dir/**` of each package that can import it.
    pub(crate) folders: Vec<String>,
    /// Why (for the comment).
    pub(crate) why: String,
}

/// Whether a package folder holds JSX/TSX: UI code the design-system rules look at.
fn has_ui_files(root: &Path, dir: &str) -> bool {
    walker(&root.join(dir), 8).flatten().any(|e| {
        let n = e.file_name().to_string_lossy();
        n.ends_with(".tsx") || n.ends_with(".jsx")
    })
}

/// The design-system sources that not every UI package of the workspace can import, and the
/// packages that can: a design-system package is importable where it is declared (a
/// dependency of any kind), a library inside an app only in that app (a library imported by
/// an alias is scoped by the check itself), the tokens file where its package or app is. Empty
/// when every UI package can import every source (one app, or all depend on the design system).
pub(crate) fn design_system_reach(
    root: &Path,
    ds: &DesignSystem,
    packages: &[Package],
) -> Vec<Reach> {
    let ds_dirs: Vec<&str> = ds.dirs();
    let ui: Vec<&Package> = packages
        .iter()
        .filter(|p| !p.dir.is_empty() && !ds_dirs.iter().any(|d| *d == p.dir))
        .filter(|p| has_ui_files(root, &p.dir))
        .collect();
    let inside = |dir: &str, pkg: &str| dir == pkg || dir.starts_with(&format!("{pkg}/"));
    // the package a folder lies in: the deepest whose folder holds it
    let owner = |dir: &str| {
        packages
            .iter()
            .filter(|p| !p.dir.is_empty() && inside(dir, &p.dir))
            .max_by_key(|p| p.dir.len())
    };
    let importers = |p: &Package| -> Vec<&Package> {
        if p.app {
            return vec![];
        }
        packages
            .iter()
            .filter(|q| q.deps.contains(&p.name))
            .collect()
    };
    // the folders that can import from package `p` (itself and what declares it), when some UI
    // package cannot; None when all can, or when nothing declares it (then nothing tells)
    let reach_of = |p: &Package| -> Option<Vec<String>> {
        let mut can: Vec<&Package> = importers(p);
        if !p.app && can.is_empty() {
            return None;
        }
        can.push(p);
        if ui.iter().all(|u| can.iter().any(|c| c.dir == u.dir)) {
            return None;
        }
        let mut v: Vec<String> = can.iter().map(|c| format!("{}/**", c.dir)).collect();
        v.sort();
        v.dedup();
        Some(v)
    };
    let mut out = Vec::new();
    for (name, dir) in &ds.packages {
        let Some(p) = packages.iter().find(|p| &p.name == name && &p.dir == dir) else {
            continue;
        };
        if let Some(folders) = reach_of(p) {
            out.push(Reach {
                key: name.clone(),
                folders,
                why: format!("the packages that declare {name}"),
            });
        }
    }
    for l in &ds.libraries {
        // an alias (`@/components/ui`) resolves only in its app: the check finds where
        if l.import != l.dir {
            continue;
        }
        let Some(p) = owner(&l.dir) else { continue };
        if let Some(folders) = reach_of(p) {
            out.push(Reach {
                key: l.import.clone(),
                folders,
                why: if p.app {
                    format!("the app it is in, {}", p.dir)
                } else {
                    format!("{} and the packages that declare {}", p.dir, p.name)
                },
            });
        }
    }
    if let Some((tokens, _)) = &ds.tokens {
        if let Some(p) = owner(tokens) {
            if let Some(folders) = reach_of(p) {
                out.push(Reach {
                    key: tokens.clone(),
                    folders,
                    why: format!("where {} can be imported", p.name),
                });
            }
        }
    }
    out
}

/// One crate of a Cargo workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Crate {
    pub(crate) name: String,
    pub(crate) dir: String,
    /// Workspace crates it depends on in `[dependencies]`/`[build-dependencies]`.
    pub(crate) deps: BTreeSet<String>,
    /// Workspace crates it depends on only in `[dev-dependencies]`.
    pub(crate) dev_deps: BTreeSet<String>,
    /// Not published and named like test support (`test-utils`, `*-test*`, `test-fixture`).
    pub(crate) test_support: bool,
    /// Globs of its source: `dir/**` for a member; for the package at the root, `src/**` and
    /// the folders of its `[lib]`/`[[bin]]` paths (ripgrep's `crates/core/main.rs`).
    pub(crate) sources: Vec<String>,
}

/// Reads a JSON (or JSONC) file, `None` when missing or malformed.
pub(crate) fn read_json(p: &Path) -> Option<serde_json::Value> {
    let text = crate::core::safe_read::read_config_string(p).ok()?;
    serde_json::from_str(&text)
        .ok()
        .or_else(|| serde_json::from_str(&strip_jsonc(&text)).ok())
}

fn dep_names(pkg: &serde_json::Value, keys: &[&str]) -> BTreeSet<String> {
    let mut v = BTreeSet::new();
    for key in keys {
        if let Some(o) = pkg.get(*key).and_then(|d| d.as_object()) {
            v.extend(o.keys().cloned());
        }
    }
    v
}

/// A walker over the repository that skips dependencies, build output and hidden folders.
/// A migration file's name: a timestamp or version run of 8+ digits (`1702544178-sync.ts`,
/// `20240101120000_add_users.sql`), or Flyway's `V12__init.sql`.
fn migration_name(name: &str) -> bool {
    let mut run = 0;
    for b in name.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run >= 8 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    name.strip_prefix('V').is_some_and(|r| {
        let d = r.bytes().take_while(u8::is_ascii_digit).count();
        d > 0 && r[d..].starts_with("__")
    })
}

/// Database migration folders (relative, as `dir/**`): a folder named `migrations` holding
/// code or SQL, or one where 5 or more files, four in five of its files, are named as
/// migrations ([`migration_name`]: logto's `packages/schemas/alterations`). A migration is a
/// frozen record of a change already applied: its literals identify what existed then and
/// are never moved to configuration (logto's alterations README: never edit them).
pub(crate) fn migration_dirs(root: &Path) -> Vec<String> {
    let code = |n: &str| {
        [".ts", ".js", ".mjs", ".cjs", ".sql", ".rs", ".py"]
            .iter()
            .any(|x| n.ends_with(x))
    };
    let mut per_dir: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in walker(root, 8).flatten() {
        if !e.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let name = e.file_name().to_string_lossy().to_string();
        if !code(&name) {
            continue;
        }
        let rel = relative(root, e.path());
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let c = per_dir.entry(dir).or_default();
        c.0 += 1;
        if migration_name(&name) {
            c.1 += 1;
        }
    }
    per_dir
        .into_iter()
        .filter(|(d, (all, named))| {
            let last = d.rsplit('/').next().unwrap_or(d);
            !d.is_empty() && (last == "migrations" || (*named >= 5 && named * 5 >= all * 4))
        })
        .map(|(d, _)| format!("{d}/**"))
        .collect()
}

pub(crate) fn walker(root: &Path, depth: usize) -> ignore::Walk {
    ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .max_depth(Some(depth))
        .filter_entry(|e| {
            !matches!(
                e.file_name().to_str().unwrap_or(""),
                "node_modules" | "target" | "dist" | "build" | "out" | "coverage"
            )
        })
        .sort_by_file_path(|a, b| a.cmp(b))
        .build()
}

/// The JS/TS packages: the workspace members when the root names workspaces, else every
/// folder (up to four levels down) holding a `package.json` with a name.
pub(crate) fn js_packages(root: &Path) -> (Vec<String>, Vec<Package>) {
    let globs = js_workspace_globs(root);
    let dirs: Vec<PathBuf> = if globs.is_empty() {
        walker(root, 5)
            .flatten()
            .filter(|e| e.file_name() == "package.json")
            .filter_map(|e| e.path().parent().map(Path::to_path_buf))
            .filter(|d| d != root)
            .collect()
    } else {
        expand_member_globs(root, &globs, "package.json")
    };
    let mut out = Vec::new();
    for dir in dirs {
        let Some(pkg) = read_json(&dir.join("package.json")) else {
            continue;
        };
        let Some(name) = pkg.get("name").and_then(|n| n.as_str()) else {
            continue;
        };
        let rel = relative(root, &dir);
        // an optional dependency is declared (`require`d behind a guard: an enterprise module)
        let deps = dep_names(
            &pkg,
            &[
                "dependencies",
                "peerDependencies",
                "optionalDependencies",
                "devDependencies",
            ],
        );
        let shipped = dep_names(
            &pkg,
            &["dependencies", "peerDependencies", "optionalDependencies"],
        );
        let dev_deps = deps.difference(&shipped).cloned().collect();
        let exports_something = pkg.get("exports").is_some()
            || pkg.get("main").is_some()
            || pkg.get("module").is_some();
        let first = rel.split('/').next().unwrap_or("");
        let base = rel.rsplit('/').next().unwrap_or("");
        let app = matches!(first, "apps" | "examples")
            || base.ends_with("-app")
            || (!exports_something && APP_FRAMEWORKS.iter().any(|f| deps.contains(*f)));
        out.push(Package {
            name: name.to_string(),
            dir: rel,
            deps,
            dev_deps,
            app,
        });
    }
    out.sort_by(|a, b| a.dir.cmp(&b.dir));
    out.dedup_by(|a, b| a.name == b.name);
    (globs, out)
}

/// The source file a `dist/…js` entry was built from (`dist/index.js` → `src/index.ts(x)`).
fn source_of(pkg_dir: &Path, entry: &str) -> Option<PathBuf> {
    let entry = entry.trim_start_matches("./");
    let stem = entry
        .trim_end_matches(".d.ts")
        .trim_end_matches(".js")
        .trim_end_matches(".mjs")
        .trim_end_matches(".cjs")
        .trim_end_matches(".ts")
        .trim_end_matches(".tsx");
    let mut stems = vec![stem.to_string()];
    for built in ["dist/", "build/", "lib/", "esm/", "cjs/"] {
        if let Some(rest) = stem.strip_prefix(built) {
            stems.push(format!("src/{rest}"));
            stems.push(rest.to_string());
        }
    }
    for s in stems {
        for ext in [".ts", ".tsx", ".js", ".jsx"] {
            let p = pkg_dir.join(format!("{s}{ext}"));
            if crate::core::safe_read::is_file(&p) {
                return Some(p);
            }
        }
    }
    None
}

/// The file an export condition object or string points at.
fn export_target(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(o) => ["source", "import", "types", "default", "require"]
            .iter()
            .find_map(|k| o.get(*k).and_then(export_target)),
        _ => None,
    }
}

/// The index of a package (`exports["."]`, `types`, `module`, `main`, else `src/index.*`), and
/// its sub-path exports (`./button` → file).
fn entries(pkg_dir: &Path) -> (Option<PathBuf>, Vec<(String, PathBuf)>) {
    let Some(pkg) = read_json(&pkg_dir.join("package.json")) else {
        return (None, Vec::new());
    };
    let mut index = None;
    let mut subpaths = Vec::new();
    match pkg.get("exports") {
        Some(serde_json::Value::Object(o)) if o.keys().any(|k| k.starts_with('.')) => {
            for (k, v) in o {
                if k.contains('*') || k.ends_with(".json") || k.ends_with(".css") {
                    continue;
                }
                let Some(file) = export_target(v).and_then(|t| source_of(pkg_dir, &t)) else {
                    continue;
                };
                if k == "." {
                    index = Some(file);
                } else {
                    subpaths.push((k.trim_start_matches("./").to_string(), file));
                }
            }
        }
        Some(v) => index = export_target(v).and_then(|t| source_of(pkg_dir, &t)),
        None => {}
    }
    if index.is_none() && subpaths.is_empty() {
        index = ["source", "types", "typings", "module", "main"]
            .iter()
            .filter_map(|k| pkg.get(*k).and_then(|v| v.as_str()))
            .find_map(|t| source_of(pkg_dir, t))
            .or_else(|| {
                ["src/index", "index"].iter().find_map(|s| {
                    [".ts", ".tsx", ".js", ".jsx"]
                        .iter()
                        .map(|e| pkg_dir.join(format!("{s}{e}")))
                        .find(|p| crate::core::safe_read::is_file(p))
                })
            });
    }
    (index, subpaths)
}

pub(crate) fn wrapped(deps: &BTreeSet<String>) -> Vec<String> {
    let mut out: Vec<String> = deps
        .iter()
        .filter_map(|d| {
            WRAPPED_LIBRARIES
                .iter()
                .find_map(|w| match w.strip_suffix("/*") {
                    Some(scope) if d.starts_with(&format!("{scope}/")) => Some(w.to_string()),
                    _ if w == d => Some(d.clone()),
                    _ => None,
                })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The design-system packages among `packages`, with what their components, wrapped libraries
/// and tokens are.
pub(crate) fn design_system(root: &Path, packages: &[Package]) -> Option<DesignSystem> {
    let within = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut ds = DesignSystem::default();
    let mut indexes: Vec<Option<PathBuf>> = Vec::new();
    let mut comps: BTreeSet<String> = BTreeSet::new();
    for p in packages {
        let dir_name = p.dir.rsplit('/').next().unwrap_or(&p.dir);
        if p.app || !(looks_like_design_system(&p.name) || looks_like_design_system(dir_name)) {
            continue;
        }
        let pkg_dir = root.join(&p.dir);
        let (index, subpaths) = entries(&pkg_dir);
        let mut found = BTreeSet::new();
        let mut files: Vec<PathBuf> = index
            .iter()
            .chain(subpaths.iter().map(|(_, f)| f))
            .cloned()
            .collect();
        let no_entry = files.is_empty();
        if no_entry {
            // no entry file: the components its source files export
            files = walker(&pkg_dir, 5)
                .flatten()
                .filter(|e| {
                    let n = e.file_name().to_string_lossy();
                    (n.ends_with(".tsx") || n.ends_with(".jsx"))
                        && !n.contains(".test.")
                        && !n.contains(".stories.")
                })
                .map(|e| e.path().to_path_buf())
                .take(400)
                .collect();
        }
        for f in &files {
            let mut seen = BTreeSet::new();
            found.extend(crate::rules::design_system::config::exported_components(
                &within, f, &mut seen, 0,
            ));
        }
        if no_entry {
            // `Button.tsx` holds `Button`, whatever its export looks like
            found.extend(files.iter().filter_map(|f| {
                let stem = f.file_stem()?.to_str()?;
                stem.starts_with(|c: char| c.is_ascii_uppercase())
                    .then(|| stem.to_string())
            }));
        }
        // components are PascalCase (not `DEFAULT_COLORS`)
        found.retain(|n: &String| n.chars().any(|c| c.is_ascii_lowercase()));
        // a package of sub-path exports only (no `.`): each component is imported from its
        // sub-path (`@acme/propel/button`), the package name alone does not resolve
        if index.is_none() && !subpaths.is_empty() {
            for (key, f) in &subpaths {
                let mut seen = BTreeSet::new();
                let mut cs: Vec<String> = crate::rules::design_system::config::exported_components(
                    &within, f, &mut seen, 0,
                )
                .into_iter()
                .filter(|n| found.contains(n))
                .collect();
                cs.sort();
                cs.dedup();
                if !cs.is_empty() {
                    ds.subpath_modules.push((format!("{}/{key}", p.name), cs));
                }
            }
        }
        // a package that exports no component is not a design system (`@acme/ui-utils`)
        if found.is_empty() {
            continue;
        }
        if no_entry {
            ds.components_from.push(format!(
                "the source files of {} (it has no entry file)",
                p.name
            ));
        } else if !subpaths.is_empty() || index.is_none() {
            ds.components_from
                .push(format!("{} sub-path exports of {}", subpaths.len(), p.name));
        } else if let Some(i) = &index {
            ds.components_from.push(relative(root, i));
        }
        comps.extend(found);
        ds.packages.push((p.name.clone(), p.dir.clone()));
        indexes.push(if subpaths.is_empty() { index } else { None });
        let shipped: BTreeSet<String> = p.deps.difference(&p.dev_deps).cloned().collect();
        ds.wraps.extend(wrapped(&shipped));
    }
    if ds.packages.is_empty() {
        return None;
    }
    if indexes.iter().all(Option::is_some) {
        ds.index = indexes
            .into_iter()
            .flatten()
            .map(|p| relative(root, &p))
            .collect();
    } else {
        ds.components = comps.into_iter().collect();
    }
    ds.wraps.sort();
    ds.wraps.dedup();
    ds.tokens = tokens_file(root, &ds, packages);
    Some(ds)
}

/// A tokens file: a tokens JSON/TS object, a CSS file of custom properties, or a Tailwind
/// theme, in the design-system packages or a tailwind-config/theme/tokens package; the one that
/// loads with the most tokens wins.
pub(crate) fn tokens_file(
    root: &Path,
    ds: &DesignSystem,
    packages: &[Package],
) -> Option<(String, usize)> {
    let mut dirs: Vec<String> = ds.dirs().iter().map(|d| d.to_string()).collect();
    for p in packages {
        let last = p.dir.rsplit('/').next().unwrap_or("");
        if last.contains("tailwind") || last.contains("theme") || last.contains("tokens") {
            dirs.push(p.dir.clone());
        }
    }
    let mut best: Option<(String, usize)> = None;
    for d in dirs {
        for e in walker(&root.join(&d), 5).flatten() {
            let name = e.file_name().to_string_lossy().to_lowercase();
            let ext = name.rsplit('.').next().unwrap_or("");
            let tokenish = name.contains("token")
                || name.contains("theme")
                || name.starts_with("tailwind.config")
                || name.contains("variables")
                || name.contains("colors")
                || (ext == "css" && (name.contains("global") || name == "index.css"));
            // a test's or a story's fixture theme is not the design system's tokens
            let rel = relative(root, e.path());
            let fixture = [".test.", ".spec.", ".stories."]
                .iter()
                .any(|m| name.contains(m))
                || rel.split('/').any(|c| {
                    matches!(
                        c,
                        "__tests__" | "__fixtures__" | "test" | "tests" | "fixtures"
                    )
                });
            if !tokenish
                || fixture
                || !matches!(ext, "json" | "css" | "ts" | "js" | "mjs")
                || name.ends_with(".d.ts")
                || name == "package.json"
                || name.starts_with("tsconfig")
            {
                continue;
            }
            if e.metadata().map_or(true, |m| m.len() > 512 * 1024) {
                continue;
            }
            let Ok(t) = crate::rules::design_system::tokens::Tokens::load(e.path()) else {
                continue;
            };
            let n = t.tokens.len();
            if n >= 4 && best.as_ref().is_none_or(|(_, b)| n > *b) {
                best = Some((relative(root, e.path()), n));
            }
        }
    }
    best
}

/// Whether a folder holds a `.tsx`/`.jsx` file within four levels (outside `node_modules`).
fn has_components(dir: &Path) -> bool {
    ignore::WalkBuilder::new(dir)
        .max_depth(Some(4))
        .filter_entry(|e| e.file_name() != "node_modules")
        .build()
        .flatten()
        .any(|e| {
            let n = e.file_name().to_string_lossy();
            n.ends_with(".tsx") || n.ends_with(".jsx")
        })
}

/// Config modules (`env.ts`, `config/`, `settings.ts`, `.env.example`, Rust `config.rs` and
/// `settings.rs`): (globs for `allow_in`, files for `config_files`).
pub(crate) fn config_modules(root: &Path) -> (Vec<String>, Vec<String>) {
    let mut allow = BTreeSet::new();
    let mut files = BTreeSet::new();
    let walk = ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .require_git(false)
        .max_depth(Some(8))
        .filter_entry(|e| {
            let n = e.file_name().to_str().unwrap_or("");
            let skipped = matches!(
                n,
                "node_modules" | "target" | "dist" | "build" | ".git" | ".next"
            );
            let hidden_dir = n.starts_with('.') && e.file_type().is_some_and(|t| t.is_dir());
            !skipped && !hidden_dir
        })
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for e in walk.flatten() {
        let rel = relative(root, e.path());
        let name = e.file_name().to_string_lossy().to_string();
        let is_dir = e.file_type().is_some_and(|t| t.is_dir());
        if rel
            .split('/')
            .any(|s| matches!(s, "tests" | "test" | "__tests__" | "fixtures"))
        {
            continue;
        }
        if is_dir {
            // a `config/` folder of modules, not a settings page of the UI (`settings/page.tsx`)
            let ui = std::fs::read_dir(e.path()).is_ok_and(|rd| {
                rd.flatten().any(|f| {
                    let n = f.file_name().to_string_lossy().to_string();
                    n.ends_with(".tsx") || n.ends_with(".jsx") || f.path().is_dir()
                })
            });
            if matches!(name.as_str(), "config" | "configs") && !ui {
                allow.insert(format!("{rel}/**"));
            }
            // a Rust `settings` module's submodules (`settings.rs` beside `settings/`, or
            // `settings/mod.rs`): the settings' own defaults are configuration already
            if name == "settings"
                && !ui
                && (crate::core::safe_read::is_file(&e.path().join("mod.rs"))
                    || crate::core::safe_read::is_file(&e.path().with_extension("rs")))
            {
                allow.insert(format!("{rel}/**"));
            }
            // a package or folder of constants (plane's `packages/constants`, its modules in
            // src/): named values, and no component anywhere below
            if matches!(name.as_str(), "constants" | "consts") {
                if has_components(e.path()) {
                    // components kept with the constants (a pricing table in `.tsx`) are
                    // checked; the modules of named values are not
                    allow.insert(format!("{rel}/**/*.ts"));
                    allow.insert(format!("{rel}/**/*.js"));
                } else {
                    allow.insert(format!("{rel}/**"));
                }
            }
            continue;
        }
        let stem = name.split('.').next().unwrap_or("");
        let ext = name.rsplit('.').next().unwrap_or("");
        if name == ".env.example" || name == ".env.sample" || name == ".env.template" {
            files.insert(rel.clone());
            allow.insert(rel);
        } else if matches!(ext, "ts" | "js" | "mjs")
            && name.matches('.').count() == 1
            && (matches!(stem, "constants" | "consts")
                || stem.ends_with("_constants")
                || stem.ends_with("-constants")
                || stem.ends_with("-config")
                || stem.ends_with("-configs")
                || stem.ends_with("_config")
                || stem.ends_with("-settings"))
        {
            // a module of named values (`constants.ts`, `rate-limit-configs.ts`) is where this
            // team already puts them
            allow.insert(rel);
        } else if matches!(ext, "ts" | "js" | "mjs")
            && matches!(
                stem,
                "env"
                    | "envs"
                    | "config"
                    | "settings"
                    | "env-client"
                    | "base-url"
                    | "base_url"
                    | "baseUrl"
                    | "base-urls"
            )
            && name.matches('.').count() == 1
        {
            // the app's one place for its environment and addresses (`envs.ts` with
            // `getApiUrl()`, `base-url.ts`)
            allow.insert(rel.clone());
            if stem != "settings" && stem != "env-client" {
                files.insert(rel);
            }
        } else if ext == "rs" && matches!(stem, "config" | "settings") {
            allow.insert(rel);
        }
        if allow.len() > 60 {
            break;
        }
    }
    // every build-tool config file is config (`vite.config.ts`, `next.config.mjs`)
    allow.insert("**/*.config.*".into());
    let files: Vec<String> = files.into_iter().take(12).collect();
    (allow.into_iter().collect(), files)
}

fn cargo_toml(p: &Path) -> Option<toml::Table> {
    crate::core::safe_read::read_config_string(p)
        .ok()?
        .parse::<toml::Table>()
        .ok()
}

/// The source folders of the package at the repository root: `src/` when it exists, and the
/// folder of each `[lib]`/`[[bin]]` path, unless a member crate holds it.
fn root_package_sources(
    root: &Path,
    m: &toml::Table,
    manifests: &BTreeMap<String, (String, toml::Table)>,
) -> Vec<String> {
    let mut out = BTreeSet::new();
    if root.join("src").is_dir() {
        out.insert("src/**".to_string());
    }
    let lib = m.get("lib").into_iter();
    let bins = m
        .get("bin")
        .and_then(|b| b.as_array())
        .into_iter()
        .flatten();
    for target in lib.chain(bins) {
        let Some(path) = target.get("path").and_then(|p| p.as_str()) else {
            continue;
        };
        let path = path.trim_start_matches("./");
        let Some((folder, _)) = path.rsplit_once('/') else {
            continue;
        };
        let member = manifests
            .values()
            .any(|(d, _)| !d.is_empty() && (folder == d || folder.starts_with(&format!("{d}/"))));
        if !member && !folder.starts_with("..") {
            out.insert(format!("{folder}/**"));
        }
    }
    out.into_iter().collect()
}

/// `path` joined below the folder `rel` (both relative to the root, `/`-separated), or `None`
/// when it leaves the root.
fn join_inside(rel: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
    for c in path.split(['/', '\\']) {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// The workspace's crates as Cargo counts them: the members, plus every path dependency inside
/// the workspace folder (Cargo makes those members too), followed through their own
/// dependencies and through `[workspace.dependencies]` entries a crate takes with
/// `workspace = true`; `[workspace] exclude` folders are not. wezterm names 13 members and
/// pulls in its other crates (`termwiz`, `mux`, `window`, …) by path.
fn with_path_members(root: &Path, top: &toml::Table, dirs: Vec<PathBuf>) -> Vec<PathBuf> {
    let ws = top.get("workspace");
    let strings = |key: &str| -> Vec<String> {
        ws.and_then(|w| w.get(key))
            .and_then(|e| e.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .filter_map(|s| join_inside("", s))
                    .collect()
            })
            .unwrap_or_default()
    };
    let excluded = strings("exclude");
    let ws_deps = ws
        .and_then(|w| w.get("dependencies"))
        .and_then(|d| d.as_table());
    let under =
        |rel: &str, dir: &str| dir.is_empty() || rel == dir || rel.starts_with(&format!("{dir}/"));
    let mut seen: BTreeSet<String> = dirs.iter().map(|d| relative(root, d)).collect();
    let mut queue: Vec<String> = seen.iter().cloned().collect();
    let mut out = dirs;
    while let Some(rel) = queue.pop() {
        if seen.len() > 5000 {
            break;
        }
        let Some(m) = cargo_toml(&root.join(&rel).join("Cargo.toml")) else {
            continue;
        };
        let mut tables: Vec<&toml::Table> = vec![&m];
        if let Some(targets) = m.get("target").and_then(|t| t.as_table()) {
            tables.extend(targets.values().filter_map(|t| t.as_table()));
        }
        for t in tables {
            for key in ["dependencies", "dev-dependencies", "build-dependencies"] {
                let Some(deps) = t.get(key).and_then(|d| d.as_table()) else {
                    continue;
                };
                for (name, v) in deps {
                    let own = v
                        .get("path")
                        .and_then(|p| p.as_str())
                        .and_then(|p| join_inside(&rel, p));
                    let inherited = || {
                        (v.get("workspace").and_then(|w| w.as_bool()) == Some(true))
                            .then(|| ws_deps?.get(name)?.get("path")?.as_str())
                            .flatten()
                            .and_then(|p| join_inside("", p))
                    };
                    let Some(dep) = own.or_else(inherited) else {
                        continue;
                    };
                    if dep.is_empty()
                        || seen.contains(&dep)
                        || excluded.iter().any(|e| under(&dep, e))
                        || !root.join(&dep).join("Cargo.toml").is_file()
                    {
                        continue;
                    }
                    seen.insert(dep.clone());
                    out.push(root.join(&dep));
                    queue.push(dep);
                }
            }
        }
    }
    out
}

/// The Cargo workspace: member globs as written, and its crates with their dependency edges.
pub(crate) fn cargo(root: &Path) -> Option<(Vec<String>, Vec<Crate>)> {
    let top = cargo_toml(&root.join("Cargo.toml"))?;
    let members: Vec<String> = top
        .get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(|m| m.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|m| m.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let mut dirs = expand_member_globs(root, &members, "Cargo.toml");
    if top.get("package").is_some() {
        dirs.insert(0, root.to_path_buf());
    }
    let dirs = with_path_members(root, &top, dirs);
    // name → (dir, manifest)
    let mut manifests: BTreeMap<String, (String, toml::Table)> = BTreeMap::new();
    for d in &dirs {
        let Some(m) = cargo_toml(&d.join("Cargo.toml")) else {
            continue;
        };
        let Some(name) = m
            .get("package")
            .and_then(|p| p.get("name"))
            .and_then(|n| n.as_str())
        else {
            continue;
        };
        manifests.insert(name.to_string(), (relative(root, d), m));
    }
    let names: BTreeSet<String> = manifests.keys().cloned().collect();
    let mut crates = Vec::new();
    for (name, (dir, m)) in &manifests {
        // the package's own tables and every `[target.'cfg(…)'.*]` one
        let mut tables: Vec<&toml::Table> = vec![m];
        if let Some(targets) = m.get("target").and_then(|t| t.as_table()) {
            tables.extend(targets.values().filter_map(|t| t.as_table()));
        }
        let section = |key: &str| -> BTreeSet<String> {
            tables
                .iter()
                .filter_map(|t| t.get(key).and_then(|d| d.as_table()))
                .flat_map(|t| {
                    t.iter()
                        .map(|(k, v)| {
                            // `alias = { package = "real-name", … }`
                            v.get("package")
                                .and_then(|p| p.as_str())
                                .unwrap_or(k)
                                .to_string()
                        })
                        .filter(|k| names.contains(k) && k != name)
                })
                .collect()
        };
        let mut deps = section("dependencies");
        deps.extend(section("build-dependencies"));
        let dev_deps: BTreeSet<String> = section("dev-dependencies")
            .difference(&deps)
            .cloned()
            .collect();
        let publish_false = m
            .get("package")
            .and_then(|p| p.get("publish"))
            .is_some_and(|p| p.as_bool() == Some(false));
        let test_named =
            name.contains("test") || name.contains("fixture") || name.ends_with("-mock");
        let sources = if dir.is_empty() {
            root_package_sources(root, m, &manifests)
        } else {
            vec![format!("{dir}/**")]
        };
        crates.push(Crate {
            name: name.clone(),
            dir: dir.clone(),
            deps,
            dev_deps,
            test_support: test_named && (publish_false || name.contains("test")),
            sources,
        });
    }
    Some((members, crates))
}

/// Crates that only other crates' dev-dependencies use (never a normal dependency, not a
/// binary): test code wherever they live.
pub(crate) fn dev_only_crates(crates: &[Crate], root: &Path) -> Vec<String> {
    crates
        .iter()
        .filter(|c| {
            let used_dev = crates.iter().any(|o| o.dev_deps.contains(&c.name));
            let used = crates.iter().any(|o| o.deps.contains(&c.name));
            let bin = crate::core::safe_read::is_file(&root.join(&c.dir).join("src/main.rs"));
            used_dev && !used && !bin
        })
        .map(|c| c.name.clone())
        .collect()
}

/// Test tools whose presence in a package's own dependencies says the package is test support.
const TEST_TOOLS: &[&str] = &[
    "vitest",
    "jest",
    "mocha",
    "@playwright/test",
    "playwright",
    "cypress",
    "testcontainers",
    "msw",
    "nock",
    "supertest",
    "@faker-js/faker",
];

/// Whether a package name's words (split at `/`, `-`, `_`, `.`, `@`) say test support:
/// `@acme/testcontainers`, `test-utils`, `mocks`, `e2e-fixtures`.
fn test_named_package(name: &str) -> bool {
    name.split(['/', '-', '_', '.', '@']).any(|w| {
        let w = w.to_ascii_lowercase();
        w.starts_with("test")
            || matches!(
                w.as_str(),
                "mock"
                    | "mocks"
                    | "fixture"
                    | "fixtures"
                    | "e2e"
                    | "stub"
                    | "stubs"
                    | "fake"
                    | "fakes"
            )
    })
}

/// JS/TS workspace packages that are test support wherever they live: every package that
/// depends on one lists it only in `devDependencies` while it ships other dependencies (so it
/// tells the two apart; a bundled app that puts everything in devDependencies says nothing),
/// it is not an app, and it is a test tool's user or named for tests (a package of test
/// containers, fixtures or mocks). Returns their folders.
pub(crate) fn dev_only_packages(packages: &[Package]) -> Vec<String> {
    packages
        .iter()
        .filter(|p| !p.app && !p.dir.is_empty())
        .filter(|p| {
            let users: Vec<&Package> = packages
                .iter()
                .filter(|o| o.deps.contains(&p.name))
                .collect();
            !users.is_empty()
                && users
                    .iter()
                    .all(|o| o.dev_deps.contains(&p.name) && o.deps.len() > o.dev_deps.len())
                && (test_named_package(&p.name) || TEST_TOOLS.iter().any(|t| p.deps.contains(*t)))
        })
        .map(|p| p.dir.clone())
        .collect()
}

/// Whether the `package.json` at `path` is a package that ships code: it has runtime
/// dependencies or names an entry (`main`, `module`, `exports`, `bin`). A manifest with only
/// dev dependencies and scripts (tests of a Docker setup) does not.
fn builds_code(path: &Path) -> bool {
    if !crate::core::safe_read::is_file(path) {
        return false;
    }
    // unreadable or not JSON: a package all the same
    let Some(v) = read_json(path) else {
        return true;
    };
    ["dependencies", "main", "module", "exports", "bin"]
        .iter()
        .any(|k| v.get(k).is_some_and(|x| !x.is_null()))
}

/// The raw elements the design system has a component for, with that component (the first
/// of [`DEFAULT_ELEMENTS`](crate::rules::design_system::config::DEFAULT_ELEMENTS)' candidates
/// it exports, as the rule picks it).
pub(crate) fn element_components(root: &Path, ds: &DesignSystem) -> Vec<(String, String)> {
    let have = component_names(root, ds);
    crate::rules::design_system::config::DEFAULT_ELEMENTS
        .iter()
        .filter_map(|(el, candidates)| {
            let c = candidates.iter().find(|c| have.contains(**c))?;
            Some((el.to_string(), c.to_string()))
        })
        .collect()
}

/// Every component the design system has: listed, exported by its index files, or of its
/// in-app libraries.
pub(crate) fn component_names(root: &Path, ds: &DesignSystem) -> BTreeSet<String> {
    let mut have: BTreeSet<String> = ds.components.iter().cloned().collect();
    let within = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for index in &ds.index {
        let mut seen = BTreeSet::new();
        have.extend(crate::rules::design_system::config::exported_components(
            &within,
            &root.join(index),
            &mut seen,
            0,
        ));
    }
    for l in &ds.libraries {
        have.extend(l.components.iter().cloned());
    }
    have
}

/// Root folders of deployment and infrastructure code (Helm charts, Docker and Kubernetes
/// files, Terraform, deploy scripts) and of benchmarks and load tests (`benchmarks/` of k6 or
/// artillery scripts, whose fixed endpoint is what the load test exercises): tooling, not the
/// product. A `charts/` folder counts only
/// with a Helm `Chart.yaml` in it (elsewhere it can be a feature's source); a folder whose
/// `package.json` ships code ([`builds_code`]) is a workspace package, not infrastructure.
pub(crate) fn infra_dirs(root: &Path) -> Vec<String> {
    const NAMES: &[&str] = &[
        "ansible",
        "bench",
        "benchmark",
        "benchmarks",
        "charts",
        "deploy",
        "deployment",
        "deployments",
        "docker",
        "helm",
        "infra",
        "infrastructure",
        "k6",
        "k8s",
        "kubernetes",
        "load-test",
        "load-tests",
        "loadtest",
        "loadtests",
        "terraform",
    ];
    let mut out = Vec::new();
    for e in walker(root, 1).flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !e.file_type().is_some_and(|t| t.is_dir()) || !NAMES.contains(&name.as_str()) {
            continue;
        }
        let dir = e.path();
        if builds_code(&dir.join("package.json")) {
            continue;
        }
        if name == "charts"
            && !walker(dir, 3)
                .flatten()
                .any(|f| f.file_name() == "Chart.yaml")
        {
            continue;
        }
        out.push(format!("{name}/**"));
    }
    out
}

/// A crate named as a benchmark: its last word is `bench`, `benches`, `benchmark` or
/// `benchmarks` (`atuin-search-bench`, `foo_benchmarks`), or its first is `bench`.
fn is_bench_crate(name: &str) -> bool {
    let words: Vec<&str> = name.split(['-', '_']).collect();
    let is = |w: &str| matches!(w, "bench" | "benches" | "benchmark" | "benchmarks");
    words.len() > 1 && (words.last().is_some_and(|w| is(w)) || is(words[0]))
}

/// Rust test and tooling folders that exist: (test globs, tooling globs).
pub(crate) fn rust_test_and_tooling(root: &Path, crates: &[Crate]) -> (Vec<String>, Vec<String>) {
    let mut tests: BTreeSet<String> = BTreeSet::new();
    let mut tooling: BTreeSet<String> = BTreeSet::new();
    for e in walker(root, 6).flatten() {
        let rel = relative(root, e.path());
        let name = e.file_name().to_string_lossy().to_string();
        if e.file_type().is_some_and(|t| t.is_dir()) {
            match name.as_str() {
                "benches" | "examples" | "test_data" | "test-data" | "testdata" => {
                    tests.insert(format!("**/{name}/**"));
                }
                "fuzz" if crate::core::safe_read::is_file(&e.path().join("Cargo.toml")) => {
                    tests.insert(format!("{rel}/**"));
                }
                "xtask" => {
                    tooling.insert(format!("{rel}/**"));
                }
                _ => {}
            }
        } else if name == "build.rs" {
            tooling.insert("**/build.rs".into());
        }
    }
    for c in crates {
        if (c.test_support || dev_only_crates(crates, root).contains(&c.name)) && !c.dir.is_empty()
        {
            tests.insert(format!("{}/**", c.dir));
        }
        // a benchmark crate (`atuin-search-bench`: a synthetic corpus of fake hosts and
        // commands to search) is test data and its harness, like `benches/`
        if is_bench_crate(&c.name) && !c.dir.is_empty() {
            tests.insert(format!("{}/**", c.dir));
        }
        if c.name == "xtask" && !c.dir.is_empty() {
            tooling.insert(format!("{}/**", c.dir));
        }
    }
    (tests.into_iter().collect(), tooling.into_iter().collect())
}

/// The ADR folder and how many ADRs it holds.
pub(crate) fn adr_dir(root: &Path) -> Option<(String, usize)> {
    for d in crate::adr::DEFAULT_DIRS {
        if root.join(d).is_dir() {
            let docs = crate::adr::discover(root, &Some(vec![d.to_string()]));
            return Some((d.to_string(), docs.len()));
        }
    }
    None
}

/// tsconfig `paths` aliases of the root tsconfig.
pub(crate) fn ts_aliases(root: &Path) -> Option<Vec<String>> {
    let ts = read_json(&root.join("tsconfig.json"))
        .or_else(|| read_json(&root.join("tsconfig.base.json")))?;
    let mut v: Vec<String> = ts
        .get("compilerOptions")
        .and_then(|c| c.get("paths"))
        .and_then(|p| p.as_object())
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    v.sort();
    Some(v)
}

/// Parses JSON or JSONC text.
pub(crate) fn read_json_text(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(text)
        .ok()
        .or_else(|| serde_json::from_str(&strip_jsonc(text)).ok())
}

#[cfg(test)]
mod tests {
    use super::{infra_dirs, is_bench_crate, migration_dirs};

    /// logto's `packages/schemas/alterations` (files `1.13.0-1702544178-sync-orgs.ts`) and a
    /// `migrations/` folder are migration history; near-misses: a folder with two timestamped
    /// files among many others, and one whose files carry short version numbers.
    #[test]
    fn migration_folders_by_name_or_by_timestamped_files() {
        let d = tempfile::tempdir().unwrap();
        let w = |rel: &str| crate::rules::harness::write(d.path(), rel, "export const x = 1;\n");
        for i in 0..6 {
            w(&format!(
                "packages/schemas/alterations/1.{i}.0-170254417{i}-change.ts"
            ));
        }
        w("packages/schemas/alterations/utils.ts");
        w("api/migrations/init.sql");
        w("db/V12__add_users.sql");
        for i in 0..4 {
            w(&format!("db/V{i}__step.sql"));
        }
        // near-misses
        w("src/reports/20240101000000-q1.ts");
        w("src/reports/20240401000000-q2.ts");
        for i in 0..6 {
            w(&format!("src/reports/report{i}.ts"));
        }
        for i in 0..6 {
            w(&format!("src/versions/v1.{i}.ts"));
        }
        assert_eq!(
            migration_dirs(d.path()),
            vec![
                "api/migrations/**".to_string(),
                "db/**".to_string(),
                "packages/schemas/alterations/**".to_string()
            ]
        );
    }

    /// atuin: `settings.rs` declares `mod daemon;` in `settings/`, whose `Default` holds the
    /// daemon's port: the submodules of a Rust settings module are the settings too. Near-misses:
    /// a `settings/` folder of UI pages, a `settings/` folder with no `settings.rs` or `mod.rs`.
    #[test]
    fn a_rust_settings_modules_submodules_are_config() {
        let d = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| crate::rules::harness::write(d.path(), rel, text);
        w("crates/client/src/settings.rs", "mod daemon;\n");
        w(
            "crates/client/src/settings/daemon.rs",
            "pub const PORT: u16 = 8889;\n",
        );
        w("crates/server/src/settings/mod.rs", "mod db;\n");
        w("crates/server/src/settings/db.rs", "\n");
        w("apps/web/app/settings/page.tsx", "export default 1;\n");
        w("crates/other/src/settings/x.rs", "\n");
        let (allow, _) = super::config_modules(d.path());
        for g in [
            "crates/client/src/settings.rs",
            "crates/client/src/settings/**",
            "crates/server/src/settings/**",
        ] {
            assert!(allow.iter().any(|a| a == g), "{g} not in {allow:?}");
        }
        for g in ["apps/web/app/settings/**", "crates/other/src/settings/**"] {
            assert!(!allow.iter().any(|a| a == g), "{g} in {allow:?}");
        }
    }

    /// openstatus: the theme store's test held the most CSS variables of any file, and `init`
    /// took that test's fixture theme for the design system's tokens. Near-miss: the package's
    /// own theme file, with fewer tokens, is still found.
    #[test]
    fn a_tests_fixture_theme_is_not_the_tokens_file() {
        let d = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| crate::rules::harness::write(d.path(), rel, text);
        let vars = |n: usize| {
            let body: String = (0..n)
                .map(|i| format!("  --c{i}: #{:06x};\n", 0x101010 * (i + 1)))
                .collect();
            format!(":root {{\n{body}}}\n")
        };
        w("packages/ui/src/__tests__/theme.test.css", &vars(12));
        w("packages/ui/src/theme.spec.css", &vars(12));
        w("packages/ui/src/theme.css", &vars(5));
        let ds = super::DesignSystem {
            packages: vec![("@acme/ui".into(), "packages/ui".into())],
            ..Default::default()
        };
        let t = super::tokens_file(d.path(), &ds, &[]);
        assert_eq!(t, Some(("packages/ui/src/theme.css".to_string(), 5)));
    }

    /// novu's API loads `@novu/ee-billing` behind a guarded `require`, declared in its
    /// `optionalDependencies` (a seed-1900 reader's N: "its package.json does not allow").
    #[test]
    fn optional_dependencies_are_declared_and_shipped() {
        let d = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| crate::rules::harness::write(d.path(), rel, text);
        w(
            "package.json",
            "{\"name\": \"mono\", \"workspaces\": [\"apps/*\", \"ee/*\"]}",
        );
        w(
            "apps/api/package.json",
            "{\"name\": \"api\", \"dependencies\": {\"dal\": \"1\"}, \"optionalDependencies\": {\"ee-billing\": \"1\"}, \"devDependencies\": {\"testing\": \"1\"}}",
        );
        w("ee/billing/package.json", "{\"name\": \"ee-billing\"}");
        let (_, pkgs) = super::js_packages(d.path());
        let api = pkgs.iter().find(|p| p.name == "api").unwrap();
        assert!(api.deps.contains("ee-billing") && api.deps.contains("dal"));
        assert!(!api.dev_deps.contains("ee-billing"), "{:?}", api.dev_deps);
        // near-miss: a dev-only dependency stays dev-only
        assert!(api.dev_deps.contains("testing"));
    }

    #[test]
    fn infrastructure_folders_at_the_root_only() {
        let d = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| crate::rules::harness::write(d.path(), rel, text);
        w("docker/entry.sh", "#!/bin/sh\n");
        w("deployments/kubernetes/app.yaml", "kind: Deployment\n");
        w("helm/values.yaml", "a: 1\n");
        // near-misses: a chart folder without a Helm chart, a workspace package named
        // `infra`, a feature's `charts/` below the root
        w("charts/bar.ts", "export {};\n");
        w(
            "infra/package.json",
            "{\"name\": \"infra-ui\", \"dependencies\": {\"react\": \"19\"}}",
        );
        // a package of the Docker setup's own tests (dev dependencies only) is infrastructure
        w(
            "docker/package.json",
            "{\"name\": \"@acme/docker\", \"devDependencies\": {\"vitest\": \"3\"}}",
        );
        w("packages/app/docker/x.ts", "export {};\n");
        assert_eq!(
            infra_dirs(d.path()),
            vec!["deployments/**", "docker/**", "helm/**"]
        );
        w("charts/app/Chart.yaml", "name: app\n");
        assert_eq!(
            infra_dirs(d.path()),
            vec!["charts/**", "deployments/**", "docker/**", "helm/**"]
        );
    }

    /// Benchmarks and load tests: unkey's `benchmarks/` of k6 scripts (a seed-1609 reader's N:
    /// the hardcoded endpoint is what the load test exercises) and atuin's `atuin-search-bench`
    /// crate (its synthetic corpus of fake hosts). Near-misses: a benchmark folder that is a
    /// workspace package shipping code, a folder below the root, crates whose name only
    /// contains `bench` inside a word (`workbench`), or is only `bench`.
    #[test]
    fn benchmarks_and_load_tests_are_tooling() {
        let d = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| crate::rules::harness::write(d.path(), rel, text);
        w("benchmarks/keyverify.js", "import http from \"k6/http\";\n");
        w("load-tests/a.js", "export {};\n");
        w(
            "bench/package.json",
            "{\"name\": \"@acme/bench\", \"main\": \"index.js\"}",
        );
        w("apps/web/benchmarks/x.ts", "export {};\n");
        assert_eq!(infra_dirs(d.path()), vec!["benchmarks/**", "load-tests/**"]);
        assert!(is_bench_crate("atuin-search-bench"));
        assert!(is_bench_crate("foo_benchmarks"));
        assert!(is_bench_crate("bench-utils"));
        assert!(!is_bench_crate("workbench"));
        assert!(!is_bench_crate("bench"));
        assert!(!is_bench_crate("benchmarking-ui"));
    }
}
