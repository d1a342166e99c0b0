//! Module resolution: where an import points, as a file under the root or a package.
//!
//! TypeScript/JavaScript: relative specifiers with extension and `index` resolution (`.ts`, `.tsx`,
//! `.d.ts`, `.js`, `.jsx`, `.mjs`, `.cjs`, and `./x.js` → `./x.ts` as TypeScript does),
//! `tsconfig.json` `baseUrl`/`paths` (nearest tsconfig, `extends` chains through relative files and
//! workspace packages), and workspace packages from `package.json` `workspaces` or
//! `pnpm-workspace.yaml`, mapped to their folders. Anything else bare is an external package.
//! Not "unresolved" either: a relative import found through the tsconfig's `rootDirs` (React
//! Router's `./+types/*` in `.react-router/types/`), one into generated code a checkout lacks (a
//! missing root dir, `generated/`, `.prisma/`, `+types/`, …), and bundler virtual modules
//! (`virtual:*`, `fumadocs-mdx:*`, `~icons/*`, any `scheme:` specifier): those are packages the
//! build provides.
//! Rust: `crate::`, `self::`, `super::` paths to module files (`a.rs`, `a/mod.rs`), and workspace
//! crates (members and path dependencies) by crate name.
//!
//! Everything read here is untrusted: malformed JSON/TOML just means "no information".

/// The memo tables are looked up for every import of every file: a fast hasher (seeded per
/// process, as the standard one is).
use foldhash::HashMap;
use std::path::{Path, PathBuf};

use crate::core::path::normalize;
use std::sync::{Arc, RwLock};

use crate::core::Globs;

/// Where an import points.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Target {
    /// A file under the root (relative path with `/`).
    File(String),
    /// A package: an external npm package or crate, or a workspace package whose entry file could
    /// not be found (`dir` is its folder when it is in the workspace).
    Package { name: String, dir: Option<String> },
    /// Looked like a local import (relative, alias, `crate::`) but no file matched.
    Unresolved,
}

const TS_EXTENSIONS: &[&str] = &[
    ".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts",
];

#[derive(Clone, Debug, Default)]
struct TsPaths {
    /// Directory the `paths` targets are relative to (baseUrl, else the defining tsconfig's dir).
    base: PathBuf,
    /// (pattern, targets), in declaration order.
    paths: Vec<(String, Vec<String>)>,
    /// baseUrl, when set: bare specifiers are also tried below it.
    base_url: Option<PathBuf>,
    /// `rootDirs`: folders merged into one virtual root (React Router's `./+types/*` live in
    /// `.react-router/types/` mirrored onto the sources).
    root_dirs: Vec<PathBuf>,
    /// Unique per parsed tsconfig file (never reused): what the bare-specifier memo is keyed by.
    id: usize,
}

/// Ids of parsed tsconfig files (0 stands for "no tsconfig").
static TSCONFIG_IDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

/// Folder names of generated code that a checkout lacks until a build or codegen step runs.
const GENERATED_DIRS: &[&str] = &[
    "+types",
    ".react-router",
    "generated",
    "__generated__",
    ".prisma",
    ".next",
    ".svelte-kit",
    ".nuxt",
    ".astro",
    ".source",
    "gql",
    // Panda CSS's default `outdir`, written by `panda codegen`
    "styled-system",
];

/// Bundler virtual-module prefixes (`virtual:pwa-register`, `~icons/mdi/home`): modules the
/// bundler provides, not files.
fn is_virtual_module(spec: &str) -> bool {
    if spec.starts_with("~icons/") || spec.starts_with('\0') {
        return true;
    }
    // a scheme before any `/`: `virtual:`, `fumadocs-mdx:`, `astro:`, `node:`, `bun:`
    match spec.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        }
        None => false,
    }
}

#[derive(Clone, Debug)]
struct WorkspacePackage {
    name: String,
    /// Absolute folder.
    dir: PathBuf,
    /// Entry candidates from `exports["."]`, `types`, `module`, `main`, relative to `dir`.
    entries: Vec<String>,
}

#[derive(Clone, Debug)]
struct Crate {
    /// Crate name as used in paths (`-` → `_`).
    name: String,
    /// Absolute directory of the crate root file (`src/`).
    src_dir: PathBuf,
    /// Absolute root file (`src/lib.rs`, `src/main.rs`, a `[lib]` or `[[bin]]` path).
    root_file: PathBuf,
}

/// A memo table keyed by paths ([`key`]).
type PathMemo<V> = RwLock<HashMap<Box<[u8]>, V>>;

/// What a repository says about its packages, read once; tsconfig files are read on demand.
pub(crate) struct Workspace {
    root: PathBuf,
    packages: Vec<WorkspacePackage>,
    crates: Vec<Crate>,
    tsconfigs: RwLock<HashMap<PathBuf, Option<Arc<TsPaths>>>>,
    exists: PathMemo<bool>,
    /// Answers the probes of `exists` from one listing per folder.
    probe: crate::core::safe_read::FileProbe,
    texts: RwLock<HashMap<PathBuf, Arc<String>>>,
    /// Folder → its nearest tsconfig.
    nearest: PathMemo<Option<Arc<TsPaths>>>,
    /// [`Workspace::try_file`]'s answer per joined path: specifiers from different folders
    /// often name the same file (`../ui/x` from one folder, `./ui/x` from its parent), and
    /// each try probes up to 20 paths.
    tried: PathMemo<Option<PathBuf>>,
    /// Folder of the importing file (relative, `/`) → specifier → target: two levels, so that a
    /// lookup borrows both and allocates nothing.
    resolved: RwLock<HashMap<String, HashMap<String, Target>>>,
    /// A bare specifier (not relative, not absolute) resolves the same from every folder with the
    /// same nearest tsconfig: that tsconfig (its [`TsPaths::id`], 0 for none) → specifier
    /// → target. Without it, each folder resolved `@scope/pkg` again, entries and all.
    bare: RwLock<HashMap<usize, HashMap<String, Target>>>,
    /// A crate's source folder → its `#[macro_export]` macros → the file defining each (found
    /// once per crate, when a `crate::name` path first resolves to no module).
    exported_macros: RwLock<HashMap<PathBuf, Arc<HashMap<String, PathBuf>>>>,
    /// A folder (absolute) → its own `.gitignore`, parsed (`None`: it has none).
    gitignores: RwLock<HashMap<PathBuf, Option<Arc<ignore::gitignore::Gitignore>>>>,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("root", &self.root)
            .field("packages", &self.packages.len())
            .field("crates", &self.crates.len())
            .finish()
    }
}

/// A path as a memo table's key: its bytes (hashing a `Path` walks its components).
fn key(p: &Path) -> &[u8] {
    p.as_os_str().as_encoded_bytes()
}

/// Removes `//` and `/* */` comments and trailing commas (tsconfig is JSON with comments).
pub(crate) fn strip_jsonc(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_str = false;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' && i + 1 < b.len() {
                out.push_str(&text[i..i + 2]);
                i += 2;
                continue;
            }
            if c == b'"' {
                in_str = false;
            }
            let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + ch_len]);
            i += ch_len;
            continue;
        }
        if c == b'"' {
            in_str = true;
            out.push('"');
            i += 1;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if c == b',' {
            // drop a comma followed only by whitespace/comments and a closer
            let rest = text[i + 1..].trim_start();
            if rest.starts_with('}') || rest.starts_with(']') {
                i += 1;
            } else {
                out.push(',');
                i += 1;
            }
        } else {
            let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + ch_len]);
            i += ch_len;
        }
    }
    out
}

fn read_json(p: &Path) -> Option<serde_json::Value> {
    let text = crate::core::safe_read::read_regular_string(p, 4 << 20).ok()?;
    if text.len() > 4 << 20 {
        return None;
    }
    serde_json::from_str(&strip_jsonc(&text)).ok()
}

/// Expands workspace globs like `packages/*`, `apps/**`, `!apps/api` to folders with a manifest.
pub(crate) fn expand_member_globs(
    root: &Path,
    patterns: &[String],
    manifest: &str,
) -> Vec<PathBuf> {
    let mut include = Vec::new();
    let mut exclude = Vec::new();
    for p in patterns {
        let (neg, p) = match p.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, p.as_str()),
        };
        // anchored at the root, as the package managers mean them
        let p = format!("/{}", p.trim_start_matches("./").trim_end_matches('/'));
        if neg {
            exclude.push(p);
        } else {
            include.push(p);
        }
    }
    let (Ok(include), Ok(exclude)) = (Globs::new(&include), Globs::new(&exclude)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(true)
        .git_ignore(true)
        .require_git(false)
        .max_depth(Some(6))
        .filter_entry(|e| e.file_name() != "node_modules" && e.file_name() != "target")
        .build();
    for e in walker.flatten() {
        if e.file_name() != manifest {
            continue;
        }
        let Some(dir) = e.path().parent() else {
            continue;
        };
        let rel = dir
            .strip_prefix(root)
            .unwrap_or(dir)
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.is_empty() && include.is_match_exact(&rel) && !exclude.is_match_exact(&rel) {
            out.push(dir.to_path_buf());
        }
    }
    out.sort();
    out
}

pub(crate) fn js_workspace_globs(root: &Path) -> Vec<String> {
    let mut globs = Vec::new();
    if let Some(pkg) = read_json(&root.join("package.json")) {
        let ws = pkg.get("workspaces");
        let list = ws.and_then(|w| w.as_array()).or_else(|| {
            ws.and_then(|w| w.get("packages"))
                .and_then(|p| p.as_array())
        });
        if let Some(list) = list {
            globs.extend(list.iter().filter_map(|v| v.as_str().map(String::from)));
        }
    }
    // pnpm-workspace.yaml: the `packages:` list (a small, line-based reading of that one key)
    if let Ok(yaml) = crate::core::safe_read::read_config_string(&root.join("pnpm-workspace.yaml"))
    {
        let mut in_packages = false;
        for line in yaml.lines() {
            let t = line.trim_end();
            if !t.starts_with(' ') && !t.starts_with('-') && !t.is_empty() {
                in_packages = t.trim() == "packages:";
                continue;
            }
            if in_packages {
                if let Some(item) = t.trim().strip_prefix('-') {
                    let item = item.trim().trim_matches(|c| c == '"' || c == '\'');
                    if !item.is_empty() {
                        globs.push(item.to_string());
                    }
                }
            }
        }
    }
    globs
}

/// Entry candidates of a package.json: `exports["."]` (string or condition object), `types`,
/// `typings`, `module`, `main`.
fn package_entries(pkg: &serde_json::Value) -> Vec<String> {
    fn from_export(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Object(m) => {
                for key in ["types", "import", "module", "default", "require", "node"] {
                    if let Some(x) = m.get(key) {
                        from_export(x, out);
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(exports) = pkg.get("exports") {
        match exports {
            serde_json::Value::Object(m) if m.keys().any(|k| k.starts_with('.')) => {
                if let Some(dot) = m.get(".") {
                    from_export(dot, &mut out);
                }
            }
            other => from_export(other, &mut out),
        }
    }
    for key in ["types", "typings", "module", "main"] {
        if let Some(s) = pkg.get(key).and_then(|v| v.as_str()) {
            out.push(s.to_string());
        }
    }
    out
}

fn cargo_toml(p: &Path) -> Option<toml::Table> {
    let text = crate::core::safe_read::read_config_string(p).ok()?;
    toml::from_str(&text).ok()
}

/// The module trees of the package at `dir`: its library (`[lib] path`, else `src/lib.rs`;
/// named by `[lib] name`, else the package name) and each binary given a `[[bin]] path` outside
/// the library's folder (ripgrep's `crates/core/main.rs`); without a library, `src/main.rs`.
fn crates_of(dir: &Path) -> Vec<Crate> {
    let Some(manifest) = cargo_toml(&dir.join("Cargo.toml")) else {
        return Vec::new();
    };
    let Some(package) = manifest
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
    else {
        return Vec::new();
    };
    let is_file = |p: &PathBuf| crate::core::safe_read::is_file(p);
    let named = |t: Option<&toml::Value>| {
        t.and_then(|t| t.get("name"))
            .and_then(|n| n.as_str())
            .unwrap_or(package)
            .replace('-', "_")
    };
    let target = |name: String, root_file: PathBuf| {
        let src_dir = root_file.parent()?.to_path_buf();
        Some(Crate {
            name,
            src_dir,
            root_file,
        })
    };
    let lib = manifest.get("lib");
    let lib_file = lib
        .and_then(|l| l.get("path"))
        .and_then(|p| p.as_str())
        .map(|p| normalize(&dir.join(p)))
        .or_else(|| Some(dir.join("src/lib.rs")).filter(is_file));
    let mut out: Vec<Crate> = lib_file
        .and_then(|f| target(named(lib), f))
        .into_iter()
        .collect();
    let bins = manifest.get("bin").and_then(|b| b.as_array());
    for bin in bins.into_iter().flatten() {
        let Some(path) = bin.get("path").and_then(|p| p.as_str()) else {
            continue;
        };
        let file = normalize(&dir.join(path));
        // a binary beside the library (`src/main.rs` next to `src/lib.rs`) shares its folder:
        // files there are the library's
        if out.iter().any(|c| file.starts_with(&c.src_dir)) || !is_file(&file) {
            continue;
        }
        if let Some(c) = target(named(Some(bin)), file) {
            out.push(c);
        }
    }
    if out.is_empty() {
        if let Some(c) = Some(dir.join("src/main.rs"))
            .filter(is_file)
            .and_then(|f| target(named(None), f))
        {
            out.push(c);
        }
    }
    out
}

impl Workspace {
    /// Reads the workspace manifests under `root` (package.json workspaces, pnpm-workspace.yaml,
    /// Cargo workspace members and path dependencies).
    pub(crate) fn load(root: &Path) -> Workspace {
        let mut packages = Vec::new();
        let globs = js_workspace_globs(root);
        if !globs.is_empty() {
            for dir in expand_member_globs(root, &globs, "package.json") {
                let Some(pkg) = read_json(&dir.join("package.json")) else {
                    continue;
                };
                let Some(name) = pkg.get("name").and_then(|n| n.as_str()) else {
                    continue;
                };
                packages.push(WorkspacePackage {
                    name: name.to_string(),
                    entries: package_entries(&pkg),
                    dir,
                });
            }
        }
        let mut crates = Vec::new();
        let mut crate_dirs = Vec::new();
        if let Some(m) = cargo_toml(&root.join("Cargo.toml")) {
            if let Some(members) = m
                .get("workspace")
                .and_then(|w| w.get("members"))
                .and_then(|v| v.as_array())
            {
                let globs: Vec<String> = members
                    .iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect();
                crate_dirs.extend(expand_member_globs(root, &globs, "Cargo.toml"));
            }
            if m.get("package").is_some() {
                crate_dirs.push(root.to_path_buf());
            }
            // crates the root names by path for the whole workspace: `[workspace.dependencies]`
            // and `[patch.<registry>]` (atuin patches crates-io's axoasset with a vendored
            // copy that no member lists as a path)
            let mut tables: Vec<&toml::Table> = Vec::new();
            if let Some(t) = m
                .get("workspace")
                .and_then(|w| w.get("dependencies"))
                .and_then(|d| d.as_table())
            {
                tables.push(t);
            }
            if let Some(patch) = m.get("patch").and_then(|p| p.as_table()) {
                tables.extend(patch.values().filter_map(|t| t.as_table()));
            }
            for deps in tables {
                for dep in deps.values() {
                    if let Some(p) = dep.get("path").and_then(|p| p.as_str()) {
                        let d = normalize(&root.join(p));
                        if d.starts_with(root) && d.join("Cargo.toml").is_file() {
                            crate_dirs.push(d);
                        }
                    }
                }
            }
        }
        // path dependencies of the crates found so far (one level is what workspaces use)
        let mut extra = Vec::new();
        for dir in &crate_dirs {
            if let Some(m) = cargo_toml(&dir.join("Cargo.toml")) {
                for section in ["dependencies", "dev-dependencies", "build-dependencies"] {
                    if let Some(deps) = m.get(section).and_then(|d| d.as_table()) {
                        for (_, dep) in deps {
                            if let Some(p) = dep.get("path").and_then(|p| p.as_str()) {
                                let d = normalize(&dir.join(p));
                                if d.starts_with(root) {
                                    extra.push(d);
                                }
                            }
                        }
                    }
                }
            }
        }
        crate_dirs.extend(extra);
        crate_dirs.sort();
        crate_dirs.dedup();
        for dir in crate_dirs {
            crates.extend(crates_of(&dir));
        }
        Workspace {
            root: root.to_path_buf(),
            packages,
            crates,
            tsconfigs: RwLock::new(HashMap::default()),
            exists: RwLock::new(HashMap::default()),
            probe: Default::default(),
            texts: RwLock::new(HashMap::default()),
            nearest: RwLock::new(HashMap::default()),
            tried: RwLock::new(HashMap::default()),
            resolved: RwLock::new(HashMap::default()),
            bare: RwLock::new(HashMap::default()),
            exported_macros: RwLock::new(HashMap::default()),
            gitignores: RwLock::new(HashMap::default()),
        }
    }

    /// Names of the workspace's crates as written in Rust paths.
    pub(crate) fn crate_names(&self) -> impl Iterator<Item = &str> {
        self.crates.iter().map(|c| c.name.as_str())
    }

    /// Whether `name` (as written in Rust paths) is a crate of this workspace.
    pub(crate) fn is_workspace_crate(&self, name: &str) -> bool {
        self.crates.iter().any(|c| c.name == name)
    }

    #[cfg(test)]
    pub(crate) fn package_names(&self) -> impl Iterator<Item = &str> {
        self.packages.iter().map(|p| p.name.as_str())
    }

    fn rel(&self, p: &Path) -> String {
        p.strip_prefix(&self.root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    }

    fn is_file(&self, p: &Path) -> bool {
        if let Some(v) = self.exists.read().ok().and_then(|m| m.get(key(p)).copied()) {
            return v;
        }
        let v = self.probe.is_file(p);
        if let Ok(mut m) = self.exists.write() {
            m.insert(key(p).into(), v);
        }
        v
    }

    /// A file for `base` (already joined): as is, with an extension, `.js`→`.ts`, or `index.*`.
    fn try_file(&self, base: &Path) -> Option<PathBuf> {
        if let Some(hit) = self
            .tried
            .read()
            .ok()
            .and_then(|m| m.get(key(base)).cloned())
        {
            return hit;
        }
        let found = self.try_file_uncached(base);
        if let Ok(mut m) = self.tried.write() {
            m.insert(key(base).into(), found.clone());
        }
        found
    }

    fn try_file_uncached(&self, base: &Path) -> Option<PathBuf> {
        // the candidates are names in two folders, `base`'s own and `base` itself: answered from
        // their listings, a path built only for a hit (or a probe the listing cannot decide)
        if let (Some(dir), Some(name), Some(s)) = (base.parent(), base.file_name(), base.to_str()) {
            let name = name.as_encoded_bytes();
            if key(base).len() == key(dir).len() + 1 + name.len() && key(base).ends_with(name) {
                return self.try_file_listed(base, s, dir, name);
            }
        }
        self.try_file_probed(base)
    }

    /// Whether `dir/name` is a file, as [`Workspace::is_file`] of `path()` (that path) says.
    /// [`is_file_in`](Self::is_file_in) for the name `stem` + `ext`, built in `buf` (reused
    /// across a file's candidates).
    fn is_named_file_in(
        &self,
        dir: &Path,
        buf: &mut Vec<u8>,
        stem: &[u8],
        ext: &str,
        path: impl FnOnce() -> PathBuf,
    ) -> Option<PathBuf> {
        buf.clear();
        buf.extend_from_slice(stem);
        buf.extend_from_slice(ext.as_bytes());
        self.is_file_in(dir, buf, path)
    }

    fn is_file_in(
        &self,
        dir: &Path,
        name: &[u8],
        path: impl FnOnce() -> PathBuf,
    ) -> Option<PathBuf> {
        match self.probe.listed_file(dir, name) {
            Some(true) => Some(path()),
            Some(false) => None,
            None => Some(path()).filter(|p| self.is_file(p)),
        }
    }

    /// [`Workspace::try_file_probed`] for a `base` that is `dir/name` (as bytes) and `s`: the same
    /// candidates in the same order.
    fn try_file_listed(&self, base: &Path, s: &str, dir: &Path, name: &[u8]) -> Option<PathBuf> {
        if Path::new(s).extension().is_some() {
            if let Some(p) = self.is_file_in(dir, name, || base.to_path_buf()) {
                return Some(p);
            }
        }
        let mut cand: Vec<u8> = Vec::with_capacity(name.len() + 8);
        for (js, tss) in [
            (".js", &[".ts", ".tsx", ".d.ts"][..]),
            (".jsx", &[".tsx", ".d.ts"][..]),
            (".mjs", &[".mts", ".d.mts"][..]),
            (".cjs", &[".cts", ".d.cts"][..]),
        ] {
            if let Some(stem) = s.strip_suffix(js) {
                let name_stem = &name[..name.len() - js.len().min(name.len())];
                for ts in tss {
                    let hit = self.is_named_file_in(dir, &mut cand, name_stem, ts, || {
                        PathBuf::from(format!("{stem}{ts}"))
                    });
                    if hit.is_some() {
                        return hit;
                    }
                }
            }
        }
        for ext in TS_EXTENSIONS {
            let hit = self.is_named_file_in(dir, &mut cand, name, ext, || {
                PathBuf::from(format!("{s}{ext}"))
            });
            if hit.is_some() {
                return hit;
            }
        }
        for ext in TS_EXTENSIONS {
            let hit = self.is_named_file_in(base, &mut cand, b"index", ext, || {
                base.join(format!("index{ext}"))
            });
            if hit.is_some() {
                return hit;
            }
        }
        None
    }

    /// Each candidate of [`Workspace::try_file`] built and probed as a path.
    fn try_file_probed(&self, base: &Path) -> Option<PathBuf> {
        let s = base.to_string_lossy();
        if Path::new(s.as_ref()).extension().is_some() && self.is_file(base) {
            return Some(base.to_path_buf());
        }
        // TypeScript lets `./x.js` name `./x.ts`, or the declarations `./x.d.ts` (ESM style)
        for (js, tss) in [
            (".js", &[".ts", ".tsx", ".d.ts"][..]),
            (".jsx", &[".tsx", ".d.ts"][..]),
            (".mjs", &[".mts", ".d.mts"][..]),
            (".cjs", &[".cts", ".d.cts"][..]),
        ] {
            if let Some(stem) = s.strip_suffix(js) {
                for ts in tss {
                    let p = PathBuf::from(format!("{stem}{ts}"));
                    if self.is_file(&p) {
                        return Some(p);
                    }
                }
            }
        }
        for ext in TS_EXTENSIONS {
            let p = PathBuf::from(format!("{s}{ext}"));
            if self.is_file(&p) {
                return Some(p);
            }
        }
        for ext in TS_EXTENSIONS {
            let p = base.join(format!("index{ext}"));
            if self.is_file(&p) {
                return Some(p);
            }
        }
        None
    }

    /// The `paths`/`baseUrl` in effect for a tsconfig file, following `extends`.
    fn tsconfig(&self, file: &Path, depth: usize) -> Option<Arc<TsPaths>> {
        if depth > 8 {
            return None;
        }
        if let Some(cached) = self
            .tsconfigs
            .read()
            .ok()
            .and_then(|m| m.get(file).cloned())
        {
            return cached;
        }
        let parsed = read_json(file).map(|json| {
            let dir = file.parent().unwrap_or(Path::new("/")).to_path_buf();
            let mut inherited = TsPaths::default();
            let mut extends: Vec<String> = Vec::new();
            match json.get("extends") {
                Some(serde_json::Value::String(s)) => extends.push(s.clone()),
                Some(serde_json::Value::Array(a)) => {
                    extends.extend(a.iter().filter_map(|v| v.as_str().map(String::from)))
                }
                _ => {}
            }
            for e in extends {
                if let Some(parent) = self
                    .resolve_extends(&dir, &e)
                    .and_then(|p| self.tsconfig(&p, depth + 1))
                {
                    inherited = (*parent).clone();
                }
            }
            let opts = json.get("compilerOptions");
            let base_url = opts
                .and_then(|o| o.get("baseUrl"))
                .and_then(|b| b.as_str())
                .map(|b| normalize(&dir.join(b)));
            if let Some(b) = &base_url {
                inherited.base_url = Some(b.clone());
                inherited.base = b.clone();
            }
            if let Some(dirs) = opts
                .and_then(|o| o.get("rootDirs"))
                .and_then(|r| r.as_array())
            {
                inherited.root_dirs = dirs
                    .iter()
                    .filter_map(|d| d.as_str())
                    .map(|d| normalize(&dir.join(d)))
                    .collect();
            }
            // `paths` resolve against baseUrl (this file's or inherited), else this file's folder
            if let Some(paths) = opts
                .and_then(|o| o.get("paths"))
                .and_then(|p| p.as_object())
            {
                inherited.paths = paths
                    .iter()
                    .map(|(k, v)| {
                        let targets = v
                            .as_array()
                            .map(|a| {
                                a.iter()
                                    .filter_map(|t| t.as_str().map(String::from))
                                    .collect()
                            })
                            .unwrap_or_default();
                        (k.clone(), targets)
                    })
                    .collect();
                inherited.base = inherited.base_url.clone().unwrap_or_else(|| dir.clone());
            }
            inherited.id = TSCONFIG_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Arc::new(inherited)
        });
        if let Ok(mut m) = self.tsconfigs.write() {
            m.insert(file.to_path_buf(), parsed.clone());
        }
        parsed
    }

    fn resolve_extends(&self, dir: &Path, spec: &str) -> Option<PathBuf> {
        let with_json = |p: PathBuf| {
            if self.is_file(&p) {
                Some(p)
            } else {
                let j = PathBuf::from(format!("{}.json", p.to_string_lossy()));
                self.is_file(&j).then_some(j).or_else(|| {
                    let t = p.join("tsconfig.json");
                    self.is_file(&t).then_some(t)
                })
            }
        };
        if spec.starts_with('.') || spec.starts_with('/') {
            return with_json(normalize(&dir.join(spec)));
        }
        // a workspace package, else node_modules under the root
        for pkg in &self.packages {
            if spec == pkg.name {
                return with_json(pkg.dir.join("tsconfig.json"));
            }
            if let Some(rest) = spec
                .strip_prefix(&pkg.name)
                .and_then(|r| r.strip_prefix('/'))
            {
                return with_json(pkg.dir.join(rest));
            }
        }
        let mut d = Some(dir);
        while let Some(cur) = d {
            if let Some(p) = with_json(cur.join("node_modules").join(spec)) {
                return Some(p);
            }
            if cur == self.root {
                break;
            }
            d = cur.parent();
        }
        None
    }

    /// The nearest tsconfig.json (or jsconfig.json) above `file`, within the root.
    fn nearest_tsconfig(&self, file: &Path) -> Option<Arc<TsPaths>> {
        self.nearest_tsconfig_of(file.parent()?)
    }

    /// The tsconfig (or jsconfig) of `dir` or its nearest folder above with one, up to the
    /// root: memoised for every folder on the way, so that the folders beside it ask the
    /// shared part of the way once.
    fn nearest_tsconfig_of(&self, dir: &Path) -> Option<Arc<TsPaths>> {
        if let Some(hit) = self
            .nearest
            .read()
            .ok()
            .and_then(|m| m.get(key(dir)).cloned())
        {
            return hit;
        }
        let found = self.nearest_tsconfig_uncached(dir);
        if let Ok(mut m) = self.nearest.write() {
            m.insert(key(dir).into(), found.clone());
        }
        found
    }

    fn nearest_tsconfig_uncached(&self, dir: &Path) -> Option<Arc<TsPaths>> {
        for name in ["tsconfig.json", "jsconfig.json"] {
            if let Some(p) = self.is_file_in(dir, name.as_bytes(), || dir.join(name)) {
                return self.tsconfig(&p, 0);
            }
        }
        if dir == self.root || !dir.starts_with(&self.root) {
            return None;
        }
        self.nearest_tsconfig_of(dir.parent()?)
    }

    fn workspace_package(&self, spec: &str) -> Option<Target> {
        let pkg = self
            .packages
            .iter()
            .filter(|p| {
                spec == p.name
                    || spec
                        .strip_prefix(&p.name)
                        .is_some_and(|r| r.starts_with('/'))
            })
            .max_by_key(|p| p.name.len())?;
        let rest = spec[pkg.name.len()..].trim_start_matches('/');
        let file = if rest.is_empty() {
            let mut found = None;
            for e in &pkg.entries {
                let p = normalize(&pkg.dir.join(e));
                if let Some(f) = self.try_file(&p) {
                    found = Some(f);
                    break;
                }
                // built output is often absent from a checkout: try the source beside it
                let src_guess = e
                    .trim_start_matches("./")
                    .replacen("dist/", "src/", 1)
                    .replacen("lib/", "src/", 1);
                let p = normalize(&pkg.dir.join(src_guess));
                let stem = p
                    .to_string_lossy()
                    .trim_end_matches(".d.ts")
                    .trim_end_matches(".js")
                    .trim_end_matches(".mjs")
                    .trim_end_matches(".cjs")
                    .to_string();
                if let Some(f) = self.try_file(Path::new(&stem)) {
                    found = Some(f);
                    break;
                }
            }
            found
                .or_else(|| self.try_file(&pkg.dir.join("src/index")))
                .or_else(|| self.try_file(&pkg.dir.join("index")))
        } else {
            self.try_file(&pkg.dir.join(rest))
                .or_else(|| self.try_file(&pkg.dir.join("src").join(rest)))
        };
        Some(match file {
            Some(f) => Target::File(self.rel(&f)),
            None => Target::Package {
                name: pkg.name.clone(),
                dir: Some(self.rel(&pkg.dir)),
            },
        })
    }

    /// Resolves a TS/JS import specifier written in `from` (a path relative to the root).
    pub(crate) fn resolve_ts(&self, from: &str, spec: &str) -> Target {
        // the same specifier from the same folder resolves the same way
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        if let Some(t) = self
            .resolved
            .read()
            .ok()
            .and_then(|m| m.get(dir).and_then(|s| s.get(spec)).cloned())
        {
            return t;
        }
        let t = if is_bare(spec) {
            self.resolve_bare(from, spec)
        } else {
            self.resolve_ts_uncached(from, spec)
        };
        if let Ok(mut m) = self.resolved.write() {
            m.entry(dir.to_string())
                .or_default()
                .insert(spec.to_string(), t.clone());
        }
        t
    }

    /// A bare specifier, memoised by the nearest tsconfig of `from` (the only thing about the
    /// importing file its resolution depends on).
    fn resolve_bare(&self, from: &str, spec: &str) -> Target {
        let ts = self.nearest_tsconfig(&self.root.join(from));
        let key = ts.as_ref().map_or(0, |t| t.id);
        if let Some(t) = self
            .bare
            .read()
            .ok()
            .and_then(|m| m.get(&key).and_then(|s| s.get(spec)).cloned())
        {
            return t;
        }
        let t = self.resolve_ts_uncached(from, spec);
        if let Ok(mut m) = self.bare.write() {
            m.entry(key)
                .or_default()
                .insert(spec.to_string(), t.clone());
        }
        t
    }

    fn resolve_ts_uncached(&self, from: &str, spec: &str) -> Target {
        // bundler queries and fragments (`./logo.svg?url`, `./x.css#a`) are not part of the path
        // `#app`, `#imports`, `#internal/x`: a subpath import (package.json `imports`) or a
        // framework's alias, not a fragment; elsewhere `#` and `?` end the path
        let spec = match spec.strip_prefix('#') {
            Some(rest) => &spec[..1 + rest.split(['?', '#']).next().unwrap_or(rest).len()],
            None => spec.split(['?', '#']).next().unwrap_or(spec),
        };
        if spec.is_empty() || spec == "#" {
            return Target::Unresolved;
        }
        let from_abs = self.root.join(from);
        let dir = from_abs.parent().unwrap_or(&self.root);
        if spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".." {
            let joined = normalize(&dir.join(spec));
            if let Some(f) = self.try_file(&joined) {
                return Target::File(self.rel(&f));
            }
            return self.relative_fallback(&from_abs, dir, spec, &joined);
        }
        if is_virtual_module(spec) {
            return Target::Package {
                name: spec.to_string(),
                dir: None,
            };
        }
        if spec.starts_with('/') {
            // a root-relative asset (`/chrome-icon.svg?url`): Vite, Next and Astro serve the
            // package's `public/` folder at `/`; found there, it is the bundler's, not a module
            let rel = spec.trim_start_matches('/');
            let in_public = !rel.is_empty()
                && dir
                    .ancestors()
                    .take_while(|a| a.starts_with(&self.root))
                    .any(|a| self.is_file(&normalize(&a.join("public").join(rel))));
            if in_public {
                return Target::Package {
                    name: spec.to_string(),
                    dir: None,
                };
            }
            return Target::Unresolved;
        }
        if let Some(ts) = self.nearest_tsconfig(&from_abs) {
            // the longest matching pattern wins, as in TypeScript
            let mut best: Option<(usize, &str, &Vec<String>)> = None;
            for (pat, targets) in &ts.paths {
                let matched = match pat.split_once('*') {
                    Some((pre, post)) => {
                        spec.len() >= pre.len() + post.len()
                            && spec.starts_with(pre)
                            && spec.ends_with(post)
                    }
                    None => spec == pat,
                };
                if matched && best.is_none_or(|(len, _, _)| pat.len() > len) {
                    best = Some((pat.len(), pat, targets));
                }
            }
            if let Some((_, pat, targets)) = best {
                let star = match pat.split_once('*') {
                    Some((pre, post)) => &spec[pre.len()..spec.len() - post.len()],
                    None => "",
                };
                for t in targets {
                    let cand = normalize(&ts.base.join(t.replacen('*', star, 1)));
                    if let Some(f) = self.try_file(&cand) {
                        return Target::File(self.rel(&f));
                    }
                }
                // an alias that matched but points nowhere; a catch-all pattern (`"*": ["./*"]`)
                // that finds no file falls back to the packages, as TypeScript does
                let catch_all = pat.starts_with('*');
                // or an alias into `node_modules` (a package's types), which a checkout lacks
                let into_packages = targets.iter().any(|t| t.contains("node_modules/"));
                if !catch_all && !into_packages && self.workspace_package(spec).is_none() {
                    // an alias into generated code the checkout lacks (`@/generated/prisma/enums`
                    // with Prisma's `output = "../generated/prisma"`): provided by the build
                    let generated = targets.iter().any(|t| {
                        let p = normalize(&ts.base.join(t.replacen('*', star, 1)));
                        self.through_generated(&p) || self.ignored_by_git(&p)
                    });
                    if generated {
                        return Target::Package {
                            name: spec.to_string(),
                            dir: None,
                        };
                    }
                    return Target::Unresolved;
                }
            }
            if let Some(base) = &ts.base_url {
                if let Some(f) = self.try_file(&normalize(&base.join(spec))) {
                    return Target::File(self.rel(&f));
                }
            }
        }
        if let Some(t) = self.workspace_package(spec) {
            return t;
        }
        // a `#` specifier no tsconfig path maps: the package's own subpath import or a
        // framework's built-in alias (Nuxt's `#app`, `#imports`), provided at build time
        if spec.starts_with('#') {
            return Target::Package {
                name: spec.to_string(),
                dir: None,
            };
        }
        Target::Package {
            name: package_name(spec).to_string(),
            dir: None,
        }
    }

    /// Whether a path (absolute) goes through a folder of generated code ([`GENERATED_DIRS`]).
    fn through_generated(&self, p: &Path) -> bool {
        p.strip_prefix(&self.root)
            .unwrap_or(p)
            .components()
            .any(|c| GENERATED_DIRS.contains(&c.as_os_str().to_str().unwrap_or("")))
    }

    /// A relative import that names no file as written: tried in the other `rootDirs` of the
    /// nearest tsconfig; one into generated code (a path through a generated folder such as
    /// `+types/` or `generated/`, which the checkout lacks) is provided by the build — an outside
    /// package — and not "unresolved".
    fn relative_fallback(&self, from_abs: &Path, dir: &Path, spec: &str, joined: &Path) -> Target {
        let as_generated = || Target::Package {
            name: spec.to_string(),
            dir: None,
        };
        if let Some(ts) = self.nearest_tsconfig(from_abs) {
            for rd in &ts.root_dirs {
                let Ok(sub) = dir.strip_prefix(rd) else {
                    continue;
                };
                for other in ts.root_dirs.iter().filter(|o| *o != rd) {
                    let cand = normalize(&other.join(sub).join(spec));
                    if let Some(f) = self.try_file(&cand) {
                        return Target::File(self.rel(&f));
                    }
                }
            }
        }
        if self.through_generated(joined) || self.ignored_by_git(joined) {
            return as_generated();
        }
        Target::Unresolved
    }

    /// Whether a path (absolute) that names no file is one the repository's `.gitignore`
    /// files leave out: the output of a build or codegen step (logto's `src/package-json.ts`
    /// written by a `prepare` script, its gitignored `src/db-entries`, a package's `lib/`),
    /// which a checkout lacks. The path as written is tried, and with a `.js` specifier's
    /// TypeScript sources (`.ts`, `.tsx`) or a `.ts` suffix.
    fn ignored_by_git(&self, joined: &Path) -> bool {
        let Ok(rel) = joined.strip_prefix(&self.root) else {
            return false;
        };
        let text = rel.to_string_lossy();
        let stem = [".js", ".mjs", ".cjs", ".jsx"]
            .iter()
            .find_map(|x| text.strip_suffix(x));
        let name = text.rsplit('/').next().unwrap_or(&text);
        let cands: Vec<String> = match stem {
            Some(stem) => vec![
                text.to_string(),
                format!("{stem}.ts"),
                format!("{stem}.tsx"),
            ],
            None if !name.contains('.') => vec![
                text.to_string(),
                format!("{text}.ts"),
                format!("{text}.tsx"),
                format!("{text}/index.ts"),
            ],
            None => vec![text.to_string()],
        };
        cands.iter().any(|c| self.git_decides_ignored(Path::new(c)))
    }

    /// git's answer for one path (relative to the root): the deepest `.gitignore` on its way
    /// up with a matching pattern decides (a negation takes a path back).
    fn git_decides_ignored(&self, rel: &Path) -> bool {
        let mut dir = rel.parent();
        while let Some(d) = dir {
            if let Some(gi) = self.gitignore_of(&self.root.join(d)) {
                if let Ok(under) = rel.strip_prefix(d) {
                    match gi.matched_path_or_any_parents(under, false) {
                        ignore::Match::Ignore(_) => return true,
                        ignore::Match::Whitelist(_) => return false,
                        ignore::Match::None => {}
                    }
                }
            }
            dir = d.parent();
        }
        false
    }

    /// The `.gitignore` of a folder (absolute), read once.
    fn gitignore_of(&self, dir: &Path) -> Option<Arc<ignore::gitignore::Gitignore>> {
        if let Some(g) = self.gitignores.read().ok()?.get(dir) {
            return g.clone();
        }
        let file = dir.join(".gitignore");
        let g = crate::core::safe_read::is_file(&file).then(|| {
            let (gi, _) = ignore::gitignore::Gitignore::new(&file);
            Arc::new(gi)
        });
        if let Ok(mut m) = self.gitignores.write() {
            m.insert(dir.to_path_buf(), g.clone());
        }
        g
    }

    /// Whether a Rust file (relative) is in its crate's module tree: a crate root (`lib.rs`,
    /// `main.rs`, a `[lib]`/`[[bin]]` path, `src/bin/*`), or a file its parent module declares
    /// with `mod name`, up to a root. A file no `mod` declares (meilisearch's stale
    /// `mock_analytics.rs`, nushell's `encode_decode/` folder without a `mod.rs`) is not
    /// compiled: what it imports is no edge of the crate. Files outside a crate's source folder,
    /// and a parent that uses `#[path]` or `include!`, count as in the tree (not judged).
    pub(crate) fn in_module_tree(&self, rel: &str) -> bool {
        let mut file = self.root.join(rel);
        let Some(k) = self.crate_containing(&file) else {
            return true;
        };
        let declares = |text: &str, name: &str| {
            if text.contains("#[path") || text.contains("include!") {
                return true;
            }
            let bytes = text.as_bytes();
            text.match_indices("mod ").any(|(i, _)| {
                // not in a line comment (`// mod frame;`, a doc comment's example)
                let line = &text[text[..i].rfind('\n').map_or(0, |p| p + 1)..i];
                let before_ok = !line.contains("//")
                    && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
                let rest = text[i + 4..].trim_start();
                let rest = rest.strip_prefix("r#").unwrap_or(rest);
                before_ok
                    && rest
                        .strip_prefix(name)
                        .is_some_and(|r| r.trim_start().starts_with([';', '{']))
            })
        };
        for _ in 0..32 {
            if self.crates.iter().any(|c| c.root_file == file) {
                return true;
            }
            let Ok(inner) = file.strip_prefix(&k.src_dir) else {
                return true;
            };
            let parts: Vec<String> = inner
                .iter()
                .map(|p| p.to_string_lossy().to_string())
                .collect();
            if parts.first().is_some_and(|p| p == "bin")
                || (parts.len() == 1 && matches!(parts[0].as_str(), "lib.rs" | "main.rs"))
            {
                return true;
            }
            let Some(dir) = file.parent().map(Path::to_path_buf) else {
                return true;
            };
            let (name, home) = if parts.last().is_some_and(|p| p == "mod.rs") {
                match (dir.file_name(), dir.parent()) {
                    (Some(n), Some(h)) => (n.to_string_lossy().to_string(), h.to_path_buf()),
                    _ => return true,
                }
            } else {
                match file.file_stem() {
                    Some(n) => (n.to_string_lossy().to_string(), dir),
                    None => return true,
                }
            };
            if !home.starts_with(&k.src_dir) {
                return true;
            }
            let candidates = if home == k.src_dir {
                vec![
                    k.root_file.clone(),
                    home.join("lib.rs"),
                    home.join("main.rs"),
                ]
            } else {
                vec![
                    home.join("mod.rs"),
                    PathBuf::from(format!("{}.rs", home.to_string_lossy())),
                ]
            };
            let Some(parent) = candidates
                .into_iter()
                .find(|c| self.is_file(c) && declares(&self.text(c), &name))
            else {
                return false;
            };
            file = parent;
        }
        true
    }

    fn crate_containing(&self, file: &Path) -> Option<&Crate> {
        self.crates
            .iter()
            .filter(|c| file.starts_with(&c.src_dir))
            .max_by_key(|c| c.src_dir.as_os_str().len())
    }

    /// The module path (`["a", "b"]`) of a Rust file within its crate.
    fn module_of(krate: &Crate, file: &Path) -> Vec<String> {
        if file == krate.root_file {
            return Vec::new();
        }
        let rel = file.strip_prefix(&krate.src_dir).unwrap_or(file);
        let mut parts: Vec<String> = rel
            .iter()
            .map(|s| s.to_string_lossy().to_string())
            .collect();
        if let Some(last) = parts.pop() {
            let stem = last.trim_end_matches(".rs").to_string();
            if stem != "mod" && stem != "lib" && stem != "main" {
                parts.push(stem);
            }
        }
        parts
    }

    /// The text of a Rust file (read once).
    fn text(&self, file: &Path) -> Arc<String> {
        let cached = self.texts.read().ok().and_then(|m| m.get(file).cloned());
        match cached {
            Some(t) => t,
            None => {
                let t =
                    Arc::new(crate::core::safe_read::read_config_string(file).unwrap_or_default());
                if let Ok(mut m) = self.texts.write() {
                    m.insert(file.to_path_buf(), t.clone());
                }
                t
            }
        }
    }

    /// Whether `file` mentions `name` as a word (the item a path names after its module part),
    /// or re-exports a glob (which may hold it).
    fn mentions(&self, file: &Path, name: &str) -> bool {
        let text = self.text(file);
        // `pub use sub::*;` (or a glob inside a list, `pub use self::{a::*, b::*};`)
        // re-exports items the file never names
        let glob = |(i, _): (usize, &str)| {
            let rest = text[i + 3..].trim_start();
            rest.starts_with([';', ',', '}'])
        };
        // `pub use self::index_documents::{request_threads, *};`: a bare `*` in a use list
        let listed = |(i, _): (usize, &str)| {
            let before = text[..i].trim_end();
            let rest = text[i + 1..].trim_start();
            before.ends_with(['{', ',']) && rest.starts_with([',', '}'])
        };
        if text.match_indices("::*").any(glob) || text.match_indices('*').any(listed) {
            return true;
        }
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let bytes = text.as_bytes();
        // `include!(concat!(env!("OUT_DIR"), "/generated.rs"))` brings in items (prost and
        // bindgen output) that only the included file names; so do the build-output macros
        // named after it (`tonic::include_proto!("control")`): a macro whose name is
        // `include` or starts with `include_`
        let includes = text.match_indices("include").any(|(i, _)| {
            if i > 0 && ident(bytes[i - 1]) {
                return false;
            }
            let rest = &bytes[i + "include".len()..];
            let tail = rest.iter().take_while(|b| ident(**b)).count();
            (tail == 0 || rest[0] == b'_') && rest[tail..].starts_with(b"!(")
        });
        if includes {
            return true;
        }
        text.match_indices(name).any(|(i, _)| {
            (i == 0 || !ident(bytes[i - 1])) && bytes.get(i + name.len()).is_none_or(|b| !ident(*b))
        })
    }

    /// The `#[macro_export]` macros of `krate` (its source folder's `.rs` files, the ignore
    /// files honoured) and the file that defines each; read once per crate.
    fn exported_macros(&self, krate: &Crate) -> Arc<HashMap<String, PathBuf>> {
        if let Some(m) = self
            .exported_macros
            .read()
            .ok()
            .and_then(|m| m.get(&krate.src_dir).cloned())
        {
            return m;
        }
        let mut found = HashMap::default();
        let walker = ignore::WalkBuilder::new(&krate.src_dir)
            .hidden(true)
            .max_depth(Some(16))
            .build();
        let mut files: Vec<PathBuf> = walker
            .flatten()
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        files.sort();
        for f in files {
            let text = self.text(&f);
            for name in macro_exports(&text) {
                found.entry(name.to_string()).or_insert_with(|| f.clone());
            }
        }
        let found = Arc::new(found);
        if let Ok(mut m) = self.exported_macros.write() {
            m.insert(krate.src_dir.clone(), found.clone());
        }
        found
    }

    /// The file of module `path` in `krate`, trying the longest prefix first (the rest are
    /// items, which the module file must at least mention).
    fn module_file(&self, krate: &Crate, path: &[String]) -> Option<PathBuf> {
        let item_ok =
            |file: &Path, n: usize| path.get(n).is_none_or(|item| self.mentions(file, item));
        for n in (0..=path.len()).rev() {
            if n == 0 {
                return item_ok(&krate.root_file, 0).then(|| krate.root_file.clone());
            }
            let mut base = krate.src_dir.clone();
            for seg in &path[..n] {
                base.push(seg);
            }
            let as_file = PathBuf::from(format!("{}.rs", base.to_string_lossy()));
            if self.is_file(&as_file) {
                return item_ok(&as_file, n).then_some(as_file);
            }
            let as_mod = base.join("mod.rs");
            if self.is_file(&as_mod) {
                return item_ok(&as_mod, n).then_some(as_mod);
            }
        }
        None
    }

    /// Resolves a Rust `use` path (segments, e.g. `["crate", "db", "pool"]`) written in `from`.
    pub(crate) fn resolve_rust(&self, from: &str, path: &[String]) -> Target {
        let Some(first) = path.first() else {
            return Target::Unresolved;
        };
        let from_abs = self.root.join(from);
        let here = self.crate_containing(&from_abs);
        // a file of a crate's folder outside its module tree (generated code in `assets/` that a
        // module pulls in with `include!`): its `crate::`/`self::`/`super::` paths are those of
        // the including module, which is in the same crate; no edge to check
        if here.is_none()
            && matches!(first.as_str(), "crate" | "self" | "super")
            && self.crates.iter().any(|c| {
                c.src_dir
                    .parent()
                    .is_some_and(|dir| dir != self.root && from_abs.starts_with(dir))
            })
        {
            return Target::File(from.to_string());
        }
        let local = |segments: Vec<String>| -> Target {
            let Some(k) = here else {
                return Target::Unresolved;
            };
            match self.module_file(k, &segments) {
                Some(f) => Target::File(self.rel(&f)),
                None => Target::Unresolved,
            }
        };
        match first.as_str() {
            "crate" => match local(path[1..].to_vec()) {
                // `#[macro_export] macro_rules! m` lives at the crate root wherever it is
                // written: `crate::m` names the file that defines it
                Target::Unresolved if path.len() == 2 => {
                    if self
                        .text(&from_abs)
                        .contains(&format!("macro_rules! {}", path[1]))
                    {
                        return Target::File(from.to_string());
                    }
                    match here.and_then(|k| self.exported_macros(k).get(&path[1]).cloned()) {
                        Some(f) => Target::File(self.rel(&f)),
                        None => Target::Unresolved,
                    }
                }
                t => t,
            },
            "self" | "super" => {
                let Some(k) = here else {
                    return Target::Unresolved;
                };
                let mut module = Self::module_of(k, &from_abs);
                let mut rest = path;
                while let Some(s) = rest.first() {
                    match s.as_str() {
                        "self" => rest = &rest[1..],
                        "super" => {
                            if module.pop().is_none() {
                                return Target::Unresolved;
                            }
                            rest = &rest[1..];
                        }
                        _ => break,
                    }
                }
                module.extend(rest.iter().cloned());
                local(module)
            }
            "std" | "core" | "alloc" => Target::Package {
                name: first.clone(),
                dir: None,
            },
            name => {
                // a child module of the current one, used without `crate::`/`self::`: it
                // shadows a crate of the same name (`paths::x` in `grammar.rs`, next to
                // `grammar/paths.rs`, in a workspace that also has a `paths` crate)
                if let Some(k) = here {
                    let mut module = Self::module_of(k, &from_abs);
                    module.extend(path.iter().cloned());
                    let own = module.len() - path.len();
                    if let Some(f) = self.module_file(k, &module) {
                        // only if a child module of the current one actually matched
                        let matched_child = Self::module_of(k, &f).len() > own;
                        if matched_child {
                            return Target::File(self.rel(&f));
                        }
                    }
                    // a module of an ancestor brought in by `use super::*;`, through a chain
                    // of them (`expressions/atom.rs` → `expressions.rs` → `grammar.rs`)
                    let mut parent = Self::module_of(k, &from_abs);
                    let mut file = from_abs.clone();
                    while parent.pop().is_some() && self.text(&file).contains("use super::*;") {
                        let own = parent.len();
                        let mut wanted = parent.clone();
                        wanted.extend(path.iter().cloned());
                        if let Some(f) = self.module_file(k, &wanted) {
                            if Self::module_of(k, &f).len() > own {
                                return Target::File(self.rel(&f));
                            }
                        }
                        match self.module_file(k, &parent) {
                            Some(f) => file = f,
                            None => break,
                        }
                    }
                }
                if let Some(k) = self.crates.iter().find(|c| c.name == name) {
                    return match self.module_file(k, &path[1..]) {
                        Some(f) => Target::File(self.rel(&f)),
                        None => Target::Package {
                            name: name.to_string(),
                            dir: Some(self.rel(&k.src_dir)),
                        },
                    };
                }
                Target::Package {
                    name: name.to_string(),
                    dir: None,
                }
            }
        }
    }
}

/// The names of the `macro_rules!` macros in `text` marked `#[macro_export]` (the attribute
/// before the definition, other attributes such as `#[cfg(…)]` between them allowed).
fn macro_exports(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("#[macro_export") {
        let mut rest = &text[i..];
        // past this and any following attributes to the item
        while rest.starts_with("#[") {
            let Some(end) = rest.find(']') else { break };
            rest = rest[end + 1..].trim_start();
        }
        if let Some(def) = rest.strip_prefix("macro_rules!") {
            let def = def.trim_start();
            let n = def
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(def.len());
            if n > 0 {
                out.push(&def[..n]);
            }
        }
    }
    out
}

/// Whether a specifier (before any `?query`/`#fragment`) is neither relative nor absolute: its
/// target then depends only on the importing file's nearest tsconfig.
fn is_bare(spec: &str) -> bool {
    let path = spec.split(['?', '#']).next().unwrap_or(spec);
    !(path.is_empty()
        || path.starts_with("./")
        || path.starts_with("../")
        || path == "."
        || path == ".."
        || path.starts_with('/'))
}

/// `@scope/name/sub` → `@scope/name`; `name/sub` → `name`.
pub(crate) fn package_name(spec: &str) -> &str {
    let mut parts = spec.splitn(3, '/');
    let first = parts.next().unwrap_or("");
    if first.starts_with('@') {
        match parts.next() {
            Some(second) => &spec[..first.len() + 1 + second.len()],
            None => first,
        }
    } else {
        first
    }
}

#[cfg(test)]
mod tests;
