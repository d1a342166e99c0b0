//! The `[design_system]` table of `archdrift.toml`: what the design system is, offers and wraps.
//!
//! ```toml
//! [design_system]
//! packages = ["@acme/ui"]                   # what apps import from
//! source = ["packages/ui/**"]               # its implementation: exempt from design-system rules
//! index = ["packages/ui/src/index.ts"]      # components discovered from its exports
//! components = ["DatePicker"]               # listed by hand (added to the discovered ones)
//! import_from = { "@/components/ui" = ["Card"] }  # components of an in-app library, by import path
//! wraps = ["@mui/material", "@radix-ui/*"]  # libraries only the design system may import
//! allowed_wrappers = ["IconButton"]         # app components allowed to render raw elements
//! tokens = "packages/ui/src/tokens.json"    # W3C JSON, flat JSON/TS object or CSS variables
//! elements = { button = "Button" }          # raw element → component (defaults below)
//! email = ["@acme/email"]                   # workspace e-mail packages: their importers are mail markup
//! variants = { Button = ["primary", "link"] }  # the variants a component offers (`init` reads its cva)
//! heights = { Button = { min = 28, max = 40 } }  # the heights (px) a component is rendered at
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::core::{compile_globs, ConfigError, Fields, Globs};
use crate::rules::design_system::tokens::Tokens;
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
}

#[derive(Debug, Default)]
pub(crate) struct InApp {
    pub(crate) import: String,
    /// The files the alias resolves in: a folder prefix ending in `/` (or empty: the root).
    pub(crate) scope: String,
    pub(crate) components: BTreeSet<String>,
}

/// The folder prefix where an alias import path resolves (`@/modules/ui/components/button`
/// with `source = ["apps/web/modules/ui/components/**"]` → `apps/web/`): the path after the
/// alias (`@/`, `~/`, `#/`), or one of its parent folders, is the tail of a `source` folder.
fn alias_scope(import: &str, sources: &[String]) -> Option<String> {
    let rest = ["@/", "~/", "#/"]
        .iter()
        .find_map(|a| import.strip_prefix(a))?;
    let mut tail = rest;
    loop {
        for s in sources {
            let base = s.strip_suffix("/**").unwrap_or(s);
            if base == tail {
                return Some(String::new());
            }
            if let Some(pre) = base.strip_suffix(tail) {
                if pre.ends_with('/') {
                    return Some(pre.to_string());
                }
            }
        }
        tail = tail.rsplit_once('/')?.0;
    }
}

impl DesignSystem {
    pub(crate) fn is_source(&self, rel: &str) -> bool {
        self.source.as_ref().is_some_and(|g| g.is_match(rel))
    }

    /// `import { Button } from "@acme/ui"` for a component, in `file`: an in-app path whose
    /// alias resolves where the file is comes first (the app's own library), then the source
    /// the component was first listed from.
    pub(crate) fn import_line(&self, component: &str, file: &str) -> String {
        let local = self
            .in_app
            .iter()
            .find(|l| file.starts_with(&l.scope) && l.components.contains(component))
            .map(|l| &l.import);
        let pkg = local
            .or_else(|| self.components.get(component))
            .or(self.packages.first())
            .map_or("the design system", String::as_str);
        format!("import {{ {component} }} from \"{pkg}\"")
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

    pub(crate) fn package_label(&self) -> String {
        match self.packages.len() {
            0 => "the design system".into(),
            _ => format!("`{}`", self.packages.join("`/`")),
        }
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
                ds.components.entry(name).or_insert_with(|| pkg.clone());
            }
        }
    }
    for c in f.str_list("components")?.unwrap_or_default() {
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
        for path in t.keys() {
            let mut comps = BTreeSet::new();
            for c in t.str_list(path.get_ref())?.unwrap_or_default() {
                comps.insert(c.get_ref().clone());
                ds.components
                    .entry(c.into_inner())
                    .or_insert_with(|| path.get_ref().clone());
            }
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
            if !ds.packages.contains(&pkg) {
                ds.packages.push(pkg);
            }
            if let Some(scope) = alias_scope(path.get_ref(), &source_globs) {
                ds.in_app.push(InApp {
                    import: path.into_inner(),
                    scope,
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
    f.finish(&[
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
