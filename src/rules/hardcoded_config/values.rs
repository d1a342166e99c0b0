//! Values of the configuration modules a hardcoded-config rule knows (`config_files`): the
//! key paths and literal values of TS/JS config objects and Rust `const` items, so a literal
//! found elsewhere can be matched with the key that already holds it.

use std::collections::BTreeMap;

use tree_sitter::Node;

use crate::lang::Lang;
use crate::rules::syntax::node_text;

/// A literal's value as compared with config values: numbers without `_`, strings as written.
pub(super) fn normalize_value(v: &str) -> String {
    let t = v.replace('_', "");
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() && !v.contains(['"', '\'']) => format!("{n}"),
        _ => v.to_string(),
    }
}

/// `key path → value` of the object literals in a TS/JS config module, including `??`/`||`
/// defaults and `a * b` products.
pub(super) fn config_module_values(text: &str, prefix: &str, out: &mut BTreeMap<String, String>) {
    let Ok(tree) = crate::lang::parse::parse(Lang::TypeScript, text) else {
        return;
    };
    let mut stack: Vec<(Node<'_>, String)> = vec![(tree.root_node(), String::new())];
    while let Some((node, path)) = stack.pop() {
        let mut c = node.walk();
        for ch in node.named_children(&mut c) {
            match ch.kind() {
                "pair" => {
                    let (Some(k), Some(v)) = (
                        ch.child_by_field_name("key"),
                        ch.child_by_field_name("value"),
                    ) else {
                        continue;
                    };
                    let key = node_text(k, text).trim_matches(['"', '\'']);
                    let p = if path.is_empty() {
                        key.to_string()
                    } else {
                        format!("{path}.{key}")
                    };
                    if let Some(val) = static_value(v, text) {
                        out.entry(val).or_insert_with(|| format!("`{prefix}.{p}`"));
                    }
                    stack.push((v, p));
                }
                "variable_declarator" => {
                    if let (Some(n), Some(v)) = (
                        ch.child_by_field_name("name"),
                        ch.child_by_field_name("value"),
                    ) {
                        let name = node_text(n, text);
                        if let Some(val) = static_value(v, text) {
                            out.entry(val).or_insert_with(|| format!("`{name}`"));
                        }
                        stack.push((v, String::new()));
                    }
                }
                _ => stack.push((ch, path.clone())),
            }
        }
    }
}

/// `const NAME: T = literal;` items of a Rust config module.
pub(super) fn rust_const_values(text: &str, out: &mut BTreeMap<String, String>) {
    let Ok(tree) = crate::lang::parse::parse(Lang::Rust, text) else {
        return;
    };
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        if matches!(n.kind(), "const_item" | "static_item") {
            if let (Some(name), Some(v)) = (
                n.child_by_field_name("name"),
                n.child_by_field_name("value"),
            ) {
                let raw = node_text(v, text);
                let val = if v.kind() == "string_literal" {
                    raw.trim_matches('"').to_string()
                } else {
                    normalize_value(raw)
                };
                out.entry(val)
                    .or_insert_with(|| format!("`{}`", node_text(name, text)));
            }
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
}

/// The value of a literal-ish TS expression: a string, a number, a product of numbers, or the
/// literal default of `env.X ?? literal`.
pub(super) fn static_value(v: Node<'_>, text: &str) -> Option<String> {
    match v.kind() {
        "string" => Some(node_text(v, text).trim_matches(['"', '\'']).to_string()),
        "template_string"
            if v.named_child_count()
                == v.named_children(&mut v.walk())
                    .filter(|c| c.kind() == "string_fragment")
                    .count() =>
        {
            Some(node_text(v, text).trim_matches('`').to_string())
        }
        "number" => Some(normalize_value(node_text(v, text))),
        "binary_expression" => {
            let op = v
                .child_by_field_name("operator")
                .map(|o| node_text(o, text))?;
            let (l, r) = (
                v.child_by_field_name("left")?,
                v.child_by_field_name("right")?,
            );
            match op {
                "??" | "||" => static_value(r, text),
                "*" => {
                    let a: f64 = static_value(l, text)?.parse().ok()?;
                    let b: f64 = static_value(r, text)?.parse().ok()?;
                    Some(format!("{}", a * b))
                }
                _ => None,
            }
        }
        "parenthesized_expression" | "as_expression" | "satisfies_expression" => {
            static_value(v.named_child(0)?, text)
        }
        _ => None,
    }
}
