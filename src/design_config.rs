//! The `[design_system]` table of `archdrift.toml`: what the design system is, offers and wraps.
//!
//! ```toml
//! [design_system]
//! packages = ["@acme/ui"]                   # what apps import from
//! source = ["packages/ui/**"]               # its implementation: exempt from design-system rules
//! index = ["packages/ui/src/index.ts"]      # components discovered from its exports
//! components = ["DatePicker"]               # listed by hand (added to the discovered ones)
//! wraps = ["@mui/material", "@radix-ui/*"]  # libraries only the design system may import
//! allowed_wrappers = ["IconButton"]         # app components allowed to render raw elements
//! tokens = "packages/ui/src/tokens.json"    # W3C JSON, flat JSON/TS object or CSS variables
//! elements = { button = "Button" }          # raw element → component (defaults below)
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::config::{compile_globs, ConfigError, Fields, Globs};
use crate::rules::Wildcard;
use crate::tokens::Tokens;

/// Raw elements and the component names that usually replace them, in order of preference.
pub const DEFAULT_ELEMENTS: &[(&str, &[&str])] = &[
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
pub const INPUT_TYPES: &[(&str, &[&str])] = &[
    ("checkbox", &["Checkbox"]),
    ("radio", &["Radio", "RadioGroup"]),
    ("range", &["Slider", "Range"]),
    ("date", &["DatePicker"]),
];

#[derive(Debug, Default)]
pub struct DesignSystem {
    pub packages: Vec<String>,
    /// The design system's own source: exempt from its rules.
    pub source: Option<Globs>,
    /// Component name → the package it is imported from.
    pub components: BTreeMap<String, String>,
    /// Raw element → replacing component.
    pub elements: BTreeMap<String, String>,
    pub wraps: Vec<Wildcard>,
    pub allowed_wrappers: BTreeSet<String>,
    pub tokens: Option<Tokens>,
    /// The tokens file as written in the config (for help texts).
    pub tokens_file: Option<String>,
}

impl DesignSystem {
    pub fn is_source(&self, rel: &str) -> bool {
        self.source.as_ref().is_some_and(|g| g.is_match(rel))
    }

    /// `import { Button } from "@acme/ui"` for a component.
    pub fn import_line(&self, component: &str) -> String {
        let pkg = self
            .components
            .get(component)
            .or(self.packages.first())
            .map_or("the design system", String::as_str);
        format!("import {{ {component} }} from \"{pkg}\"")
    }

    pub fn package_label(&self) -> String {
        match self.packages.len() {
            0 => "the design system".into(),
            _ => format!("`{}`", self.packages.join("`/`")),
        }
    }
}

/// Reads `[design_system]` (relative paths against `root`); errors point at the offending value.
pub fn parse(f: &Fields<'_, '_>, root: &Path) -> Result<DesignSystem, ConfigError> {
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
    if let Some(s) = f.str_list("source")? {
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
            let path = root.join(item.get_ref());
            if !path.is_file() {
                return Err(ConfigError::at(
                    src,
                    item.span(),
                    "design-system index file not found",
                )
                .label("no such file")
                .help("paths are relative to the directory of archdrift.toml"));
            }
            let mut seen = BTreeSet::new();
            for name in exported_components(&path, &mut seen, 0) {
                ds.components.entry(name).or_insert_with(|| pkg.clone());
            }
        }
    }
    for c in f.str_list("components")?.unwrap_or_default() {
        ds.components
            .entry(c.into_inner())
            .or_insert_with(|| default_pkg.clone());
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
        let tokens = Tokens::load(&root.join(t.get_ref()))
            .map_err(|e| ConfigError::at(src, t.span(), e).label("this tokens file"))?;
        ds.tokens = Some(tokens);
        ds.tokens_file = Some(t.into_inner());
    }
    f.finish(&[
        "packages",
        "source",
        "index",
        "components",
        "wraps",
        "allowed_wrappers",
        "tokens",
        "elements",
    ])?;
    Ok(ds)
}

/// Capitalised names exported by a module, following `export * from` and `export { … } from`
/// re-exports into relative modules (at most 8 levels, each file once).
pub fn exported_components(path: &Path, seen: &mut BTreeSet<PathBuf>, depth: usize) -> Vec<String> {
    let mut out = Vec::new();
    if depth > 8 || !seen.insert(path.to_path_buf()) {
        return out;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return out;
    };
    let lang = crate::lang::Lang::from_path(path).unwrap_or(crate::lang::Lang::TypeScript);
    let Ok(tree) = crate::engine::parse(lang, &text) else {
        return out;
    };
    let root = tree.root_node();
    let mut c = root.walk();
    let is_component = |n: &str| n.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    for stmt in root.named_children(&mut c) {
        if stmt.kind() != "export_statement" {
            continue;
        }
        let t = &text[stmt.byte_range()];
        if t.starts_with("export type") {
            continue;
        }
        let source = stmt
            .child_by_field_name("source")
            .map(|s| text[s.byte_range()].trim_matches(['"', '\'']).to_string());
        let mut cc = stmt.walk();
        let mut had_clause = false;
        for ch in stmt.named_children(&mut cc) {
            match ch.kind() {
                "export_clause" => {
                    had_clause = true;
                    let mut sc = ch.walk();
                    for spec in ch.named_children(&mut sc) {
                        let st = &text[spec.byte_range()];
                        if st.starts_with("type ") {
                            continue;
                        }
                        let name = spec
                            .child_by_field_name("alias")
                            .or_else(|| spec.child_by_field_name("name"))
                            .map(|n| &text[n.byte_range()]);
                        if let Some(n) = name.filter(|n| is_component(n)) {
                            out.push(n.to_string());
                        }
                    }
                }
                "function_declaration"
                | "class_declaration"
                | "lexical_declaration"
                | "variable_declaration" => {
                    let mut names = Vec::new();
                    if let Some(n) = ch.child_by_field_name("name") {
                        names.push(&text[n.byte_range()]);
                    }
                    let mut dc = ch.walk();
                    for d in ch.named_children(&mut dc) {
                        if d.kind() == "variable_declarator" {
                            if let Some(n) = d.child_by_field_name("name") {
                                names.push(&text[n.byte_range()]);
                            }
                        }
                    }
                    out.extend(
                        names
                            .into_iter()
                            .filter(|n| is_component(n))
                            .map(str::to_string),
                    );
                }
                _ => {}
            }
        }
        // `export * from "./x"`: everything the module exports
        if !had_clause && t.contains('*') && !t.contains(" as ") {
            if let Some(spec) = source.filter(|s| s.starts_with('.')) {
                if let Some(p) = resolve_relative(path, &spec) {
                    out.extend(exported_components(&p, seen, depth + 1));
                }
            }
        }
    }
    out
}

fn resolve_relative(from: &Path, spec: &str) -> Option<PathBuf> {
    let base = from.parent()?.join(spec);
    let exts = ["ts", "tsx", "js", "jsx"];
    for e in exts {
        let p = base.with_extension(e);
        if spec.ends_with(&format!(".{e}")) && base.is_file() {
            return Some(base);
        }
        let with = PathBuf::from(format!("{}.{e}", base.display()));
        if with.is_file() {
            return Some(with);
        }
        let _ = p;
    }
    exts.iter()
        .map(|e| base.join(format!("index.{e}")))
        .find(|p| p.is_file())
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
        w("src/index.ts", "export * from \"./button\";\nexport { Input, type InputProps } from './Input';\nexport type { Theme } from './theme';\nexport { default as Modal } from './Modal';\nexport const Card = () => null;\nexport function useToast() {}\nexport * from './index';\n");
        w("src/button/index.ts", "export * from './Button';\n");
        w(
            "src/button/Button.tsx",
            "export const Button = () => null;\nexport function IconButton() { return null; }\n",
        );
        let mut seen = BTreeSet::new();
        let mut got = exported_components(&dir.path().join("src/index.ts"), &mut seen, 0);
        got.sort();
        assert_eq!(got, vec!["Button", "Card", "IconButton", "Input", "Modal"]);
    }
}
