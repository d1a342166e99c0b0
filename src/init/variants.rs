//! What `init` reads from the design system's own source for the design-system rules: the
//! variants its `Button` and `IconButton` offer (their `cva`/`tv` calls), so that a raw text
//! link or toggle is not answered by a component that has no variant for it; and the
//! workspace e-mail packages (built on React Email, jsx-email or MJML), whose importers are
//! mail markup.

use std::path::{Path, PathBuf};

use tree_sitter::Node;

use super::detect::{walker, DesignSystem, Package};
use crate::lang::Lang;
use crate::rules::syntax::node_text;

/// The components whose variants decide what a raw element needs.
const READ: &[&str] = &["Button", "IconButton"];

/// Packages an e-mail package is built on.
fn is_email_library(dep: &str) -> bool {
    matches!(dep, "react-email" | "jsx-email" | "mjml" | "mjml-react")
        || dep.starts_with("@react-email/")
        || dep.starts_with("@jsx-email/")
}

/// Workspace packages that depend on an e-mail template library (shipped, not only in
/// devDependencies), by name.
pub(crate) fn email_packages(packages: &[Package]) -> Vec<String> {
    let mut v: Vec<String> = packages
        .iter()
        .filter(|p| p.deps.difference(&p.dev_deps).any(|d| is_email_library(d)))
        .map(|p| p.name.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// `icon-button`, `IconButton`, `icon_button` → `iconbutton`.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One component's variants and the file they were read from.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Variants {
    pub(crate) component: String,
    pub(crate) names: Vec<String>,
    pub(crate) file: String,
    /// The heights (px) of the component's own class lists in that file (a class list with a
    /// height and padding or rounding: `h-5 rounded-sm px-1.5`, not an icon's `size-3.5`).
    pub(crate) heights: Vec<f64>,
}

/// The variants of [`READ`]'s components the design system has, read from a `cva`/`tv` call
/// in the component's file (`button.tsx`, `Button.tsx`, `button/index.tsx`,
/// `button/helper.tsx`): the values of each variant group, and the name of a boolean group
/// (`loading: { true: … }` → `loading`).
pub(crate) fn component_variants(root: &Path, ds: &DesignSystem, have: &[String]) -> Vec<Variants> {
    let wanted: Vec<&str> = READ
        .iter()
        .copied()
        .filter(|c| have.iter().any(|h| h == c))
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in ds.dirs() {
        for e in walker(&root.join(dir), 8).flatten().take(20_000) {
            let n = e.file_name().to_string_lossy();
            if (n.ends_with(".tsx") || n.ends_with(".ts") || n.ends_with(".jsx"))
                && !n.contains(".test.")
                && !n.contains(".spec.")
                && !n.contains(".stories.")
                && !n.ends_with(".d.ts")
            {
                files.push(e.path().to_path_buf());
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for c in wanted {
        let key = norm(c);
        let candidates: Vec<&PathBuf> = files
            .iter()
            .filter(|f| {
                let stem = f.file_stem().and_then(|s| s.to_str()).map(norm);
                let parent = f
                    .parent()
                    .and_then(|p| p.file_name())
                    .and_then(|s| s.to_str())
                    .map(norm);
                stem.as_deref() == Some(key.as_str()) || parent.as_deref() == Some(key.as_str())
            })
            .collect();
        let mut best: Option<(bool, Vec<String>, &PathBuf, Vec<f64>)> = None;
        for f in candidates {
            let Ok(text) = crate::core::safe_read::read_config_string(f) else {
                continue;
            };
            if !text.contains("cva(") && !text.contains("tv(") {
                continue;
            }
            let lang = if f.extension().is_some_and(|e| e == "ts") {
                Lang::TypeScript
            } else {
                Lang::Tsx
            };
            let Ok(tree) = crate::lang::parse::parse(lang, &text) else {
                continue;
            };
            let heights = own_heights(tree.root_node(), &text);
            for (var, names) in variant_calls(tree.root_node(), &text) {
                // `buttonVariants` for Button, `iconButtonVariants` for IconButton
                let named = norm(&var).starts_with(&key);
                if best.as_ref().is_none_or(|(b, _, _, _)| named && !b) {
                    best = Some((named, names, f, heights.clone()));
                }
            }
        }
        if let Some((_, names, f, heights)) = best {
            if !names.is_empty() {
                out.push(Variants {
                    component: c.to_string(),
                    names,
                    file: crate::core::relative(root, f),
                    heights,
                });
            }
        }
    }
    out
}

/// `(variable name, variant names)` of each `cva(…)`/`tv(…)` call with a `variants` object.
fn variant_calls(root: Node<'_>, src: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "call_expression" {
            let f = n.child_by_field_name("function").map(|f| node_text(f, src));
            if matches!(f, Some("cva" | "tv")) {
                if let Some(names) = n
                    .child_by_field_name("arguments")
                    .and_then(|a| variants_object(a, src))
                {
                    let var = std::iter::successors(n.parent(), |p| p.parent())
                        .find(|p| p.kind() == "variable_declarator")
                        .and_then(|d| d.child_by_field_name("name"))
                        .map_or(String::new(), |d| node_text(d, src).to_string());
                    out.push((var, names));
                }
                continue;
            }
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    out.reverse();
    out
}

/// The heights of the class lists in a component's file that style a box of its own: a
/// string holding a height class (`h-10`, `size-6`) and padding or rounding
/// (`"h-5 rounded-sm px-1.5"`, `"group flex h-10 … rounded-lg border px-3"`) — not an icon's
/// `size-3.5` alone.
fn own_heights(root: Node<'_>, src: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "string_fragment" {
            let classes: Vec<&str> = node_text(n, src).split_whitespace().collect();
            let boxed = classes.iter().any(|c| {
                !c.contains(':')
                    && (c.starts_with("rounded")
                        || ["p-", "px-", "py-"].iter().any(|p| c.starts_with(p)))
            });
            if boxed {
                out.extend(
                    classes
                        .iter()
                        .filter_map(|c| crate::rules::design_system::look::class_height(c)),
                );
            }
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

fn key_text<'s>(k: Node<'_>, src: &'s str) -> &'s str {
    node_text(k, src).trim_matches(['"', '\''])
}

/// The names in the `variants: { group: { name: … } }` object among a call's arguments.
fn variants_object(args: Node<'_>, src: &str) -> Option<Vec<String>> {
    let mut c = args.walk();
    for obj in args.named_children(&mut c).filter(|a| a.kind() == "object") {
        let mut oc = obj.walk();
        for pair in obj.named_children(&mut oc).filter(|p| p.kind() == "pair") {
            let (Some(k), Some(v)) = (
                pair.child_by_field_name("key"),
                pair.child_by_field_name("value"),
            ) else {
                continue;
            };
            if key_text(k, src) != "variants" || v.kind() != "object" {
                continue;
            }
            let mut names: Vec<String> = Vec::new();
            let mut gc = v.walk();
            for group in v.named_children(&mut gc).filter(|p| p.kind() == "pair") {
                let (Some(gk), Some(gv)) = (
                    group.child_by_field_name("key"),
                    group.child_by_field_name("value"),
                ) else {
                    continue;
                };
                if gv.kind() != "object" {
                    continue;
                }
                let mut vc = gv.walk();
                let keys: Vec<String> = gv
                    .named_children(&mut vc)
                    .filter(|p| p.kind() == "pair")
                    .filter_map(|p| p.child_by_field_name("key"))
                    .map(|k| key_text(k, src).to_string())
                    .collect();
                if keys.iter().all(|k| k == "true" || k == "false") {
                    names.push(key_text(gk, src).to_string());
                } else {
                    names.extend(keys);
                }
            }
            let mut seen = std::collections::BTreeSet::new();
            names.retain(|n| !n.is_empty() && seen.insert(n.clone()));
            return Some(names);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_a_cva_call_by_its_name() {
        let src = r#"
const other = cva("x", { variants: { tone: { loud: "a" } } });
export const buttonVariants = cva("inline-flex", {
  variants: {
    variant: { primary: "bg-black", "danger-outline": "border", link: "underline" },
    size: { sm: "h-8", lg: "h-10" },
    loading: { true: "opacity-50" },
  },
  defaultVariants: { variant: "primary" },
});
"#;
        let tree = crate::lang::parse::parse(Lang::Tsx, src).unwrap();
        let calls = variant_calls(tree.root_node(), src);
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].0, "other");
        assert_eq!(calls[1].0, "buttonVariants");
        assert_eq!(
            calls[1].1,
            vec!["primary", "danger-outline", "link", "sm", "lg", "loading"]
        );
    }

    #[test]
    fn e_mail_packages_ship_an_e_mail_library() {
        let pkg = |name: &str, deps: &[&str], dev: &[&str]| Package {
            name: name.into(),
            dir: format!("packages/{name}"),
            deps: deps.iter().chain(dev).map(|s| s.to_string()).collect(),
            dev_deps: dev.iter().map(|s| s.to_string()).collect(),
            app: false,
        };
        let got = email_packages(&[
            pkg("@acme/email", &["@react-email/components", "react"], &[]),
            pkg("@acme/mailer", &["mjml"], &[]),
            // only a dev tool: its previews, not a package others render mail with
            pkg("@acme/web", &["next"], &["react-email"]),
            pkg("@acme/ui", &["@radix-ui/react-dialog"], &[]),
        ]);
        assert_eq!(got, vec!["@acme/email", "@acme/mailer"]);
    }
}
