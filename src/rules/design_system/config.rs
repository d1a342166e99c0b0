//! The `[design_system]` table of `archdrift.toml`: what the design system is, offers and wraps.
//!
//! ```toml
//! [design_system]
//! packages = ["@acme/ui"]                   # what apps import from
//! source = ["packages/ui/**"]               # its implementation: exempt from design-system rules
//! index = ["packages/ui/src/index.ts"]      # components discovered from its exports
//! components = ["DatePicker"]               # listed by hand (added to the discovered ones)
//! import_from = { "@/components/ui" = ["Card"] }  # components of an in-app library, by import path
//!                                                  # (`"Button (default)"`: a module's default export)
//! wraps = ["@mui/material", "@radix-ui/*"]  # libraries only the design system may import
//! allowed_wrappers = ["IconButton"]         # app components allowed to render raw elements
//! tokens = "packages/ui/src/tokens.json"    # W3C JSON, flat JSON/TS object or CSS variables
//! elements = { button = "Button" }          # raw element → component (defaults below)
//! email = ["@acme/email"]                   # workspace e-mail packages: their importers are mail markup
//! variants = { Button = ["primary", "link"] }  # the variants a component offers (`init` reads its cva)
//! heights = { Button = { min = 28, max = 40 } }  # the heights (px) a component is rendered at
//! used_in = { "@acme/ui" = ["apps/web/**"] }  # where a package (or the tokens file) can be imported
//! ```
//!
//! Where each source can be used: a package listed in `used_in` only in the files it names (the
//! apps that depend on it), the tokens file likewise; an in-app library imported by an alias
//! (`@/components/ui/button`) only in the apps where the import resolves to it (their tsconfig
//! `paths`); one imported by its folder path where `used_in` says. A file is told to use a
//! component, and a wrapped import or raw element is reported, only when a source it can
//! import offers that component.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::core::{compile_globs, ConfigError, Fields, Globs};
use crate::rules::design_system::tokens::Tokens;
use crate::rules::layer_boundary::resolve::{Target, Workspace};
use crate::rules::literal::Wildcard;

/// Raw elements and the component names that usually replace them, in order of preference.
pub(crate) const DEFAULT_ELEMENTS: &[(&str, &[&str])] = &[
    ("button", &["Button", "IconButton"]),
    ("a", &["Link", "Anchor", "TextLink"]),
    ("input", &["Input", "TextInput", "TextField"]),
    ("select", &["Select", "CustomSelect"]),
    ("textarea", &["TextArea", "Textarea"]),
    ("dialog", &["Dialog", "Modal"]),
    ("table", &["Table"]),
    ("hr", &["Separator", "Divider"]),
    ("progress", &["Progress", "ProgressBar"]),
];

/// `<input type=…>` variants and the components that replace them before a plain `Input` does.
pub(crate) const INPUT_TYPES: &[(&str, &[&str])] = &[
    ("checkbox", &["Checkbox"]),
    ("radio", &["Radio", "RadioGroup"]),
    ("range", &["Slider", "Range"]),
    ("date", &["DatePicker"]),
    // a native colour picker: a text field does not replace it
    ("color", &["ColorPicker", "ColorInput"]),
];

#[derive(Debug, Default)]
pub(crate) struct DesignSystem {
    pub(crate) packages: Vec<String>,
    /// The design system's own source: exempt from its rules.
    pub(crate) source: Option<Globs>,
    /// Component name → the package it is imported from.
    pub(crate) components: BTreeMap<String, String>,
    /// Raw element → replacing component.
    pub(crate) elements: BTreeMap<String, String>,
    pub(crate) wraps: Vec<Wildcard>,
    pub(crate) allowed_wrappers: BTreeSet<String>,
    pub(crate) tokens: Option<Tokens>,
    /// The tokens file as written in the config (for help texts).
    pub(crate) tokens_file: Option<String>,
    /// Workspace e-mail packages (`@acme/email`, built on React Email or MJML): a file that
    /// imports one is e-mail markup, as one importing React Email itself.
    pub(crate) email: Vec<String>,
    /// Component → the variants it offers (`variants = { Button = ["primary", "link"] }`): a
    /// raw element that needs a variant the component lacks (a text link, a toggle) is not
    /// answered by it. A component not listed is taken to fit every use.
    pub(crate) variants: BTreeMap<String, Vec<String>>,
    /// Component → the lowest and highest heights (px) it is rendered at (`heights = { Button
    /// = { min = 28, max = 40 } }`): a raw button whose own classes make it lower (a chip, an
    /// adornment) or taller (a tile, a floating action button) is not answered by it. A
    /// component not listed, or a bound not given, fits every height.
    pub(crate) heights: BTreeMap<String, (Option<f64>, Option<f64>)>,
    /// In-app import paths (`@/modules/ui/components/button`, a tsconfig alias) with the folder
    /// prefix of the app or package they resolve in (`apps/web/`, read off `source`) and their
    /// components: a file there imports those components by that path, even when a workspace
    /// package has a component of the same name.
    pub(crate) in_app: Vec<InApp>,
    /// Component → every source that offers it, in the order listed: (the import path, the
    /// package or library it belongs to).
    pub(crate) offered_by: BTreeMap<String, Vec<(String, String)>>,
    /// Package, library or tokens file → the files that can import it (`used_in`).
    pub(crate) used_in: BTreeMap<String, Globs>,
    /// (import path, component) of the components a module exports as its default
    /// (`import_from = { "@/ds-components/Button" = ["Button (default)"] }`): imported as
    /// `import Button from "…"`.
    pub(crate) defaults: BTreeSet<(String, String)>,
}

#[derive(Debug, Default)]
pub(crate) struct InApp {
    pub(crate) import: String,
    /// The library the path belongs to (`@/components/ui` for `@/components/ui/button`).
    pub(crate) lib: String,
    /// The files the alias resolves in: folder prefixes ending in `/` (empty: the root), each
    /// app whose source folder holds the module.
    pub(crate) scopes: Vec<String>,
    pub(crate) components: BTreeSet<String>,
}

impl InApp {
    fn resolves_in(&self, file: &str) -> bool {
        self.scopes.iter().any(|s| file.starts_with(s.as_str()))
    }
}

/// The folder prefixes where an alias import path resolves (`@/modules/ui/components/button`
/// with `source = ["apps/web/modules/ui/components/**"]` → `apps/web/`): the path after the
/// alias (`@/`, `~/`, `#/`), or one of its parent folders, is the tail of a `source` folder.
/// Two apps can each have a library at the same alias path (`@/components/ui`): a prefix is kept
/// when the import, resolved as a file there would resolve it (its nearest tsconfig's `paths`,
/// `extends` followed: the layer kind's resolver), lands in that prefix; all of them when none
/// does (a configuration written for files not checked out).
fn alias_scopes(
    import: &str,
    sources: &[String],
    workspace: &mut Option<Workspace>,
    root: &Path,
) -> Vec<String> {
    let Some(rest) = ["@/", "~/", "#/"]
        .iter()
        .find_map(|a| import.strip_prefix(a))
    else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    let mut tail = rest;
    loop {
        for s in sources {
            let base = s.strip_suffix("/**").unwrap_or(s);
            let pre = if base == tail {
                Some(String::new())
            } else {
                base.strip_suffix(tail)
                    .filter(|p| p.ends_with('/'))
                    .map(str::to_string)
            };
            if let Some(pre) = pre {
                if !found.contains(&pre) {
                    found.push(pre);
                }
            }
        }
        if !found.is_empty() {
            break;
        }
        match tail.rsplit_once('/') {
            Some((t, _)) => tail = t,
            None => break,
        }
    }
    let ws = workspace.get_or_insert_with(|| Workspace::load(root));
    let resolved: Vec<String> = found
        .iter()
        .filter(|pre| {
            matches!(ws.resolve_ts(&format!("{pre}index.tsx"), import),
                Target::File(f) if f.starts_with(pre.as_str()))
        })
        .cloned()
        .collect();
    if resolved.is_empty() {
        found
    } else {
        resolved
    }
}

impl DesignSystem {
    pub(crate) fn is_source(&self, rel: &str) -> bool {
        self.source.as_ref().is_some_and(|g| g.is_match(rel))
    }

    /// `import { Button } from "@acme/ui"` for a component, in `file`: an in-app path that
    /// resolves where the file is comes first (the app's own library), then the first source
    /// offering it that the file can import.
    pub(crate) fn import_line(&self, component: &str, file: &str) -> String {
        let local = self
            .in_app
            .iter()
            .find(|l| l.resolves_in(file) && l.components.contains(component))
            .map(|l| &l.import);
        let usable = || {
            self.offered_by.get(component).and_then(|v| {
                v.iter()
                    .find(|(import, lib)| self.usable(import, lib, file))
                    .map(|(import, _)| import)
            })
        };
        let pkg = local
            .or_else(usable)
            .or_else(|| self.components.get(component))
            .or(self.packages.first())
            .map_or("the design system", String::as_str);
        if self
            .defaults
            .contains(&(pkg.to_string(), component.to_string()))
        {
            return format!("import {component} from \"{pkg}\"");
        }
        format!("import {{ {component} }} from \"{pkg}\"")
    }

    /// Whether `file` can import from a source: the `used_in` of its package or library (or of
    /// the import path itself) when listed, else where an in-app path resolves, else anywhere.
    fn usable(&self, import: &str, lib: &str, file: &str) -> bool {
        let listed = self.used_in.get(lib).or_else(|| self.used_in.get(import));
        self.reaches(listed, |l| l.import == import, file)
    }

    /// `file` against a `used_in` entry when there is one, else against the in-app paths
    /// `pick` selects (anywhere when it selects none).
    fn reaches(&self, listed: Option<&Globs>, pick: impl Fn(&InApp) -> bool, file: &str) -> bool {
        if let Some(g) = listed {
            return g.is_match(file);
        }
        let mut paths = self.in_app.iter().filter(|l| pick(l)).peekable();
        paths.peek().is_none() || paths.any(|l| l.resolves_in(file))
    }

    /// Whether a source `file` can import offers `component`.
    pub(crate) fn offers(&self, component: &str, file: &str) -> bool {
        if self.used_in.is_empty() && self.in_app.is_empty() {
            return self.components.contains_key(component);
        }
        self.offered_by
            .get(component)
            .is_some_and(|v| v.iter().any(|(import, lib)| self.usable(import, lib, file)))
    }

    /// The component answering a raw element in `file`: the configured one when the file can
    /// import it (a component no source lists is the team's own choice), else the first default
    /// candidate a source the file can import offers.
    pub(crate) fn element_for(&self, el: &str, file: &str) -> Option<&str> {
        let c = self.elements.get(el)?;
        if !self.offered_by.contains_key(c.as_str()) || self.offers(c, file) {
            return Some(c);
        }
        DEFAULT_ELEMENTS
            .iter()
            .filter(|(e, _)| *e == el)
            .flat_map(|(_, cs)| cs.iter())
            .find(|c| self.offers(c, file))
            .copied()
    }

    /// Whether `used_in` limits the tokens file to some files.
    pub(crate) fn tokens_scoped(&self) -> bool {
        self.tokens_file
            .as_ref()
            .is_some_and(|t| self.used_in.contains_key(t))
    }

    /// Whether `file` can use the tokens file (its `used_in`, when listed).
    pub(crate) fn tokens_usable(&self, file: &str) -> bool {
        match (&self.tokens_file, &self.used_in) {
            (Some(t), u) => u.get(t).is_none_or(|g| g.is_match(file)),
            (None, _) => true,
        }
    }

    /// Whether `text` imports one of the workspace e-mail packages (`from "@acme/email"`,
    /// `"@acme/email/components"`).
    pub(crate) fn imports_email_package(&self, text: &str) -> bool {
        self.email.iter().any(|p| {
            text.match_indices(p.as_str()).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + p.len()..].chars().next();
                matches!(before, Some('"' | '\'' | '`'))
                    && matches!(after, Some('"' | '\'' | '`' | '/'))
            })
        })
    }

    /// Whether `component` offers a variant named one of `names` (`true` when its variants are
    /// not listed: nothing says it lacks one).
    pub(crate) fn offers_variant(&self, component: &str, names: &[&str]) -> bool {
        self.variants
            .get(component)
            .is_none_or(|vs| vs.iter().any(|v| names.contains(&v.as_str())))
    }

    /// The design system's packages and libraries `file` can import, for a message (all of
    /// them when it can import none: the message still names what it bypasses).
    pub(crate) fn package_label(&self, file: &str) -> String {
        let usable: Vec<&str> = self
            .packages
            .iter()
            .filter(|p| self.lib_usable(p, file))
            .map(String::as_str)
            .collect();
        let names: Vec<&str> = if usable.is_empty() {
            self.packages.iter().map(String::as_str).collect()
        } else {
            usable
        };
        match names.len() {
            0 => "the design system".into(),
            _ => format!("`{}`", names.join("`/`")),
        }
    }

    /// Whether `file` can import from the package or library `lib` (any of its paths).
    fn lib_usable(&self, lib: &str, file: &str) -> bool {
        self.reaches(self.used_in.get(lib), |l| l.lib == lib, file)
    }
}

/// Records that `component` is offered by the import path `import` of `lib`.
fn offered(
    by: &mut BTreeMap<String, Vec<(String, String)>>,
    component: &str,
    import: &str,
    lib: &str,
) {
    let v = by.entry(component.to_string()).or_default();
    if !v.iter().any(|(i, _)| i == import) {
        v.push((import.to_string(), lib.to_string()));
    }
}

/// Reads `[design_system]` (relative paths against `root`); errors point at the offending value.
pub(crate) fn parse(f: &Fields<'_, '_>, root: &Path) -> Result<DesignSystem, ConfigError> {
    let src = f.src;
    let mut ds = DesignSystem {
        packages: f
            .str_list("packages")?
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.into_inner())
            .collect(),
        ..Default::default()
    };
    let mut source_globs: Vec<String> = Vec::new();
    if let Some(s) = f.str_list("source")? {
        source_globs = s.iter().map(|g| g.get_ref().clone()).collect();
        ds.source = Some(compile_globs(src, &s)?);
    }
    let default_pkg = ds
        .packages
        .first()
        .cloned()
        .unwrap_or_else(|| "the design system".into());
    if let Some(list) = f.str_list("index")? {
        for (i, item) in list.iter().enumerate() {
            let pkg = ds
                .packages
                .get(i)
                .filter(|_| ds.packages.len() == list.len())
                .cloned()
                .unwrap_or_else(|| default_pkg.clone());
            let path = crate::core::confine::inside(root, item.get_ref())
                .map_err(|e| ConfigError::at(src, item.span(), e).label("this index file"))?;
            if !path.is_file() {
                return Err(ConfigError::at(
                    src,
                    item.span(),
                    "design-system index file not found",
                )
                .label("no such file")
                .help(format!(
                    "paths are relative to the checked root, {}",
                    root.display()
                )));
            }
            let mut seen = BTreeSet::new();
            let within = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
            for name in exported_components(&within, &path, &mut seen, 0) {
                offered(&mut ds.offered_by, &name, &pkg, &pkg);
                ds.components.entry(name).or_insert_with(|| pkg.clone());
            }
        }
    }
    for c in f.str_list("components")?.unwrap_or_default() {
        offered(&mut ds.offered_by, c.get_ref(), &default_pkg, &default_pkg);
        ds.components
            .entry(c.into_inner())
            .or_insert_with(|| default_pkg.clone());
    }
    // an in-app component library (`apps/web/components/ui`) is imported by its own path: its
    // components name it, not the first package. A component a package also has keeps the
    // package: an in-app path is often a tsconfig alias of one workspace member
    // (`@/components/ui`), which does not resolve from the others, while the package does
    // (a library with no index is imported by each component's module: those keys share
    // their folder, and the folder is what identifies the design system's imports)
    if let Some(t) = f.table("import_from")? {
        let keys: Vec<String> = t.keys().iter().map(|k| k.get_ref().clone()).collect();
        let parent = |k: &str| k.rsplit_once('/').map(|(p, _)| p.to_string());
        let mut workspace = None;
        for path in t.keys() {
            let mut comps = BTreeSet::new();
            let list = t.str_list(path.get_ref())?.unwrap_or_default();
            // the outermost folder above the key that holds two keys directly (a nested
            // module, `…/components/editor/components/x`, belongs to the library `…/components`)
            let mut shared = None;
            let mut up = parent(path.get_ref());
            while let Some(p) = up {
                let children = keys
                    .iter()
                    .filter(|k| parent(k).as_deref() == Some(p.as_str()))
                    .count();
                up = parent(&p);
                if children > 1 {
                    shared = Some(p);
                }
            }
            let pkg = shared.unwrap_or_else(|| path.get_ref().clone());
            for c in list {
                // `Button (default)`: the module's default export
                let c = match c.get_ref().strip_suffix(" (default)") {
                    Some(name) => {
                        ds.defaults
                            .insert((path.get_ref().clone(), name.trim().to_string()));
                        name.trim().to_string()
                    }
                    None => c.into_inner(),
                };
                comps.insert(c.clone());
                offered(&mut ds.offered_by, &c, path.get_ref(), &pkg);
                ds.components
                    .entry(c)
                    .or_insert_with(|| path.get_ref().clone());
            }
            if !ds.packages.contains(&pkg) {
                ds.packages.push(pkg.clone());
            }
            let scopes = alias_scopes(path.get_ref(), &source_globs, &mut workspace, root);
            if !scopes.is_empty() {
                ds.in_app.push(InApp {
                    import: path.into_inner(),
                    lib: pkg.clone(),
                    scopes,
                    components: comps,
                });
            }
        }
    }
    for w in f.str_list("wraps")?.unwrap_or_default() {
        ds.wraps.push(Wildcard::new(w.get_ref()));
    }
    ds.allowed_wrappers = f
        .str_list("allowed_wrappers")?
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.into_inner())
        .collect();
    for (el, candidates) in DEFAULT_ELEMENTS {
        if let Some(c) = candidates.iter().find(|c| ds.components.contains_key(**c)) {
            ds.elements.insert(el.to_string(), c.to_string());
        }
    }
    if let Some(map) = f.str_map("elements")? {
        for (k, v) in map {
            if v.get_ref().is_empty() {
                ds.elements.remove(k.get_ref());
            } else {
                ds.elements.insert(k.into_inner(), v.into_inner());
            }
        }
    }
    if let Some(t) = f.str("tokens")? {
        let path = crate::core::confine::inside(root, t.get_ref())
            .map_err(|e| ConfigError::at(src, t.span(), e).label("this tokens file"))?;
        let tokens = Tokens::load(&path)
            .map_err(|e| ConfigError::at(src, t.span(), e).label("this tokens file"))?;
        ds.tokens = Some(tokens);
        ds.tokens_file = Some(t.into_inner());
    }
    ds.email = f
        .str_list("email")?
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.into_inner())
        .collect();
    if let Some(t) = f.table("variants")? {
        for c in t.keys() {
            let vs = t.str_list(c.get_ref())?.unwrap_or_default();
            ds.variants.insert(
                c.get_ref().clone(),
                vs.into_iter().map(|v| v.into_inner()).collect(),
            );
        }
    }
    if let Some(t) = f.table("heights")? {
        for c in t.keys() {
            if let Some(b) = t.table(c.get_ref())? {
                let min = b.get_float("min")?.map(|v| v.into_inner());
                let max = b.get_float("max")?.map(|v| v.into_inner());
                b.finish(&["min", "max"])?;
                ds.heights.insert(c.get_ref().clone(), (min, max));
            }
        }
    }
    if let Some(t) = f.table("used_in")? {
        for key in t.keys() {
            let globs = t.str_list(key.get_ref())?.unwrap_or_default();
            ds.used_in
                .insert(key.get_ref().clone(), compile_globs(src, &globs)?);
        }
    }
    f.finish(&[
        "used_in",
        "email",
        "variants",
        "heights",
        "packages",
        "source",
        "index",
        "components",
        "import_from",
        "wraps",
        "allowed_wrappers",
        "tokens",
        "elements",
    ])?;
    Ok(ds)
}

/// Capitalised names exported by a module, following `export * from` and `export { … } from`
/// re-exports into relative modules (at most 8 levels, each file once). A light scan of the
/// export statements, not a parse: config loading stays cheap for large design systems.
pub(crate) fn exported_components(
    within: &Path,
    path: &Path,
    seen: &mut BTreeSet<PathBuf>,
    depth: usize,
) -> Vec<String> {
    let mut out = Vec::new();
    if depth > 8 || !seen.insert(path.to_path_buf()) {
        return out;
    }
    // a re-export never leads outside the root (`export * from "../../../elsewhere"`)
    let inside = std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(within));
    if !inside {
        return out;
    }
    let Ok(text) = crate::core::safe_read::read_config_string(path) else {
        return out;
    };
    let (names, stars) = scan_exports(&strip_comments(&text));
    out.extend(
        names
            .into_iter()
            .filter(|n| n.starts_with(|c: char| c.is_ascii_uppercase())),
    );
    for spec in stars.iter().filter(|s| s.starts_with('.')) {
        if let Some(p) = resolve_relative(path, spec) {
            out.extend(exported_components(within, &p, seen, depth + 1));
        }
    }
    out
}

/// The text with `//` and `/* */` comments blanked (strings are not special-cased: export
/// statements do not hold comment markers in strings in practice).
fn strip_comments(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut last = 0;
    while i + 1 < b.len() {
        if b[i] == b'/' && b[i + 1] == b'/' {
            out.push_str(&text[last..i]);
            i = text[i..].find('\n').map_or(b.len(), |n| i + n);
            last = i;
        } else if b[i] == b'/' && b[i + 1] == b'*' {
            out.push_str(&text[last..i]);
            i = text[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
            out.push(' ');
            last = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[last.min(text.len())..]);
    out
}

/// Exported value names and the sources of `export * from` statements.
fn scan_exports(text: &str) -> (Vec<String>, Vec<String>) {
    let (mut names, mut stars) = (Vec::new(), Vec::new());
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
            .collect()
    };
    let quoted = |s: &str| -> Option<String> {
        let s = s.trim_start().strip_prefix("from")?.trim_start();
        let q = s.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        Some(s[1..].split(q).next()?.to_string())
    };
    let mut rest = text;
    while let Some(i) = rest.find("export") {
        let before = rest[..i].chars().last();
        let after = &rest[i + 6..];
        rest = after;
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '$')
            || !after.starts_with(|c: char| c.is_whitespace() || c == '{' || c == '*')
        {
            continue;
        }
        let mut t = after.trim_start();
        if t.starts_with("type ") || t.starts_with("interface ") || t.starts_with("type{") {
            continue;
        }
        if let Some(star) = t.strip_prefix('*') {
            let star = star.trim_start();
            if !star.starts_with("as ") {
                stars.extend(quoted(star));
            }
            continue;
        }
        if let Some(body) = t.strip_prefix('{') {
            let Some(close) = body.find('}') else {
                continue;
            };
            for item in body[..close].split(',') {
                let item = item.trim();
                if item.is_empty() || item.starts_with("type ") {
                    continue;
                }
                let name = item.rsplit(" as ").next().unwrap_or(item).trim();
                names.push(ident(name));
            }
            continue;
        }
        for m in ["declare ", "default ", "async ", "abstract "] {
            t = t.strip_prefix(m).map_or(t, str::trim_start);
        }
        for kw in [
            "function*",
            "function ",
            "class ",
            "const ",
            "let ",
            "var ",
            "enum ",
        ] {
            if let Some(r) = t.strip_prefix(kw) {
                let n = ident(r.trim_start());
                if !n.is_empty() {
                    names.push(n);
                }
                break;
            }
        }
    }
    (names, stars)
}

fn resolve_relative(from: &Path, spec: &str) -> Option<PathBuf> {
    let base = from.parent()?.join(spec);
    let exts = ["ts", "tsx", "js", "jsx"];
    for e in exts {
        let p = base.with_extension(e);
        if spec.ends_with(&format!(".{e}")) && crate::core::safe_read::is_file(&base) {
            return Some(base);
        }
        let with = PathBuf::from(format!("{}.{e}", base.display()));
        if crate::core::safe_read::is_file(&with) {
            return Some(with);
        }
        let _ = p;
    }
    exts.iter()
        .map(|e| base.join(format!("index.{e}")))
        .find(|p| crate::core::safe_read::is_file(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_components_through_reexports() {
        let dir = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        w("src/index.ts", "export * from \"./button\";\nexport { Input, type InputProps } from './Input';\nexport type { Theme } from './theme';\nexport { default as Modal } from './Modal';\nexport const Card = () => null;\nexport function useToast() {}\nexport * from './index';\n// export const Commented = 1;\n/* export class Hidden {} */\nexport * as icons from './icons';\nexport {\n  Select,\n  Option as SelectOption,\n} from './select';\nexport default function Page() {}\n");
        w("src/button/index.ts", "export * from './Button';\n");
        w(
            "src/button/Button.tsx",
            "export const Button = () => null;\nexport function IconButton() { return null; }\n",
        );
        let mut seen = BTreeSet::new();
        let within = std::fs::canonicalize(dir.path()).unwrap();
        let mut got = exported_components(&within, &dir.path().join("src/index.ts"), &mut seen, 0);
        got.sort();
        assert_eq!(
            got,
            vec![
                "Button",
                "Card",
                "IconButton",
                "Input",
                "Modal",
                "Page",
                "Select",
                "SelectOption"
            ]
        );
    }

    #[test]
    fn re_exports_never_lead_outside_the_root() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("repo");
        std::fs::create_dir_all(root.join("ui")).unwrap();
        std::fs::write(outer.path().join("secret.ts"), "export const Leaked = 1;\n").unwrap();
        std::fs::write(
            root.join("ui/index.ts"),
            "export * from \"../../secret\";\nexport * from \"./inner\";\n",
        )
        .unwrap();
        std::fs::write(root.join("ui/inner.ts"), "export const Inner = 1;\n").unwrap();
        let within = std::fs::canonicalize(&root).unwrap();
        let mut seen = BTreeSet::new();
        let got = exported_components(&within, &root.join("ui/index.ts"), &mut seen, 0);
        assert_eq!(got, vec!["Inner"]);
    }
}
