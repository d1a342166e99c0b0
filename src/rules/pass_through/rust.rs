//! What a pass-through is in Rust: a function whose body is one call of another function with
//! its own parameters (moved or borrowed, reordered, constants added), the result returned as
//! it is (`.await` allowed; `?` converts the error, so it is not forwarding). Functions of trait
//! impls and trait default methods satisfy an interface and are never pass-throughs. Also the
//! file's `use` paths, to resolve a callee.

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

use crate::rules::syntax::{collect_use_paths, node_text, rust_segments};

pub(crate) struct RsForward {
    pub(crate) name: String,
    pub(crate) exported: bool,
    /// The callee's path segments (`["db", "get_user"]`, `["self", "inner", "get"]` for a field
    /// method, marked by `field`).
    pub(crate) callee: Vec<String>,
    /// The callee is a method of a field or of `self` (never resolved to a file).
    pub(crate) field: bool,
    /// Constant arguments are added.
    pub(crate) binds_constants: bool,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

fn is_literal(n: Node<'_>) -> bool {
    matches!(
        n.kind_name(),
        "string_literal"
            | "raw_string_literal"
            | "integer_literal"
            | "float_literal"
            | "boolean_literal"
            | "char_literal"
            | "unit_expression"
    )
}

/// `a.b.c` of a field expression, when it is only names (`self.inner.get`).
fn field_path(n: Node<'_>, src: &str, out: &mut Vec<String>) -> bool {
    match n.kind_name() {
        "identifier" | "self" => {
            out.push(node_text(n, src).to_string());
            true
        }
        "field_expression" => {
            let (Some(v), Some(f)) = (
                n.child_by_field_name("value"),
                n.child_by_field_name("field"),
            ) else {
                return false;
            };
            if !field_path(v, src, out) {
                return false;
            }
            out.push(node_text(f, src).to_string());
            true
        }
        _ => false,
    }
}

/// Whether the function is an item of a trait impl or a trait (an interface is satisfied).
/// `ancestors` are the function's, outermost first.
fn in_trait(ancestors: &[Node<'_>]) -> bool {
    ancestors.iter().rev().take(3).any(|a| {
        a.kind_name() == "trait_item"
            || (a.kind_name() == "impl_item" && a.child_by_field_name("trait").is_some())
    })
}

/// The forwarding function at `node` (a `function_item`), if it is one. The ancestors (found
/// from `root`, a descent per node) are looked at only once the body forwards.
pub(crate) fn definition(node: Node<'_>, root: Node<'_>, src: &str) -> Option<RsForward> {
    if node.kind_name() != "function_item" {
        return None;
    }
    let name = node.child_by_field_name("name")?;
    let params = node.child_by_field_name("parameters")?;
    let body = node.child_by_field_name("body")?;
    let mut names: Vec<String> = Vec::new();
    let mut has_self = false;
    let mut c = params.walk();
    for p in params.named_children(&mut c) {
        match p.kind_name() {
            "self_parameter" => has_self = true,
            "parameter" => {
                let pat = p.child_by_field_name("pattern")?;
                let pat = if pat.kind_name() == "mut_pattern" {
                    pat.named_child(0)?
                } else {
                    pat
                };
                if pat.kind_name() != "identifier" {
                    return None;
                }
                names.push(node_text(pat, src).to_string());
            }
            "attribute_item" | "line_comment" | "block_comment" => {}
            _ => return None,
        }
    }
    let mut bc = body.walk();
    let items: Vec<Node<'_>> = body
        .named_children(&mut bc)
        .filter(|n| !matches!(n.kind_name(), "line_comment" | "block_comment"))
        .collect();
    if items.len() != 1 {
        return None;
    }
    let mut e = items[0];
    if e.kind_name() == "expression_statement" {
        e = e.named_child(0)?;
    }
    while let "await_expression" | "parenthesized_expression" = e.kind_name() {
        e = e.named_child(0)?;
    }
    if e.kind_name() != "call_expression" {
        return None;
    }
    let func = e.child_by_field_name("function")?;
    let func = if func.kind_name() == "generic_function" {
        func.child_by_field_name("function")?
    } else {
        func
    };
    let mut callee = Vec::new();
    let field = match func.kind_name() {
        "identifier" | "scoped_identifier" => {
            if !rust_segments(func, src, &mut callee) {
                return None;
            }
            false
        }
        "field_expression" => {
            if !field_path(func, src, &mut callee) {
                return None;
            }
            true
        }
        _ => return None,
    };
    let own = node_text(name, src);
    let head = callee.first().map(String::as_str).unwrap_or("");
    if callee.last().map(String::as_str) == Some(own) && callee.len() == 1
        || names.iter().any(|n| n == head)
        || (field && head != "self")
        || (has_self && !field && head != "Self")
    {
        return None;
    }
    // arguments: each parameter once (maybe borrowed), constants
    let args = e.child_by_field_name("arguments")?;
    let mut used: Vec<&str> = Vec::new();
    let mut constants = 0;
    let mut ac = args.walk();
    for a in args.named_children(&mut ac) {
        let inner = if a.kind_name() == "reference_expression" {
            a.child_by_field_name("value")?
        } else {
            a
        };
        if inner.kind_name() == "identifier" && names.iter().any(|n| n == node_text(inner, src)) {
            let t = node_text(inner, src);
            if used.contains(&t) {
                return None;
            }
            used.push(t);
        } else if inner.kind_name() == "self" && has_self && !field {
            // `Self::f(self, …)`
        } else if is_literal(inner) {
            constants += 1;
        } else if matches!(a.kind_name(), "line_comment" | "block_comment") {
        } else {
            return None;
        }
    }
    if used.len() != names.len() || (used.is_empty() && constants > 0) {
        return None;
    }
    let ancestors = crate::rules::syntax::ancestors(root, node);
    if in_trait(&ancestors) {
        return None;
    }
    // a method is reached through its type, never imported by name
    let in_impl = ancestors
        .iter()
        .rev()
        .take(3)
        .any(|a| a.kind_name() == "impl_item");
    let mut vc = node.walk();
    let exported = !in_impl
        && node
            .children(&mut vc)
            .any(|n| n.kind_name() == "visibility_modifier");
    Some(RsForward {
        name: own.to_string(),
        exported,
        callee,
        field,
        binds_constants: constants > 0,
        start: name.start_byte(),
        end: name.end_byte(),
    })
}

/// The names a file's top-level `use` declarations bind, with their full paths (`get_user` →
/// `["crate", "db", "get_user"]`; `db` → `["crate", "db"]`).
pub(crate) fn uses_of(root: Node<'_>, src: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut c = root.walk();
    for n in root.named_children(&mut c) {
        if n.kind_name() != "use_declaration" {
            continue;
        }
        let Some(arg) = n.child_by_field_name("argument") else {
            continue;
        };
        let mut paths = Vec::new();
        collect_use_paths(arg, &[], src, &mut paths);
        for (segs, _) in paths {
            if let Some(last) = segs.last() {
                if last != "*" && last != "self" {
                    out.push((last.clone(), segs.clone()));
                }
            }
        }
    }
    out
}
