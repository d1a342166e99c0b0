//! Detector `env-read`: environment variables read by a fixed name (`process.env.X`,
//! `import.meta.env.X`, `Deno.env.get("X")`, `std::env::var("X")`, `env!("X")`, …). A decision
//! "the environment is read only in the config layer" is checked with it; a name computed at run
//! time (`process.env[key]`, `env::var(name)`) is not a fixed-name read and is not reported.

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

use crate::rules::syntax::node_text;

/// One fixed-name read: the variable's name and the span of the read.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct EnvRead<'s> {
    pub(super) name: &'s str,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Objects whose properties are environment variables.
fn is_env_object(t: &str) -> bool {
    matches!(
        t,
        "process.env" | "import.meta.env" | "Bun.env" | "globalThis.process.env"
    )
}

/// Built-in flags a bundler replaces at build time: reading them is not configuration.
pub(super) fn is_build_flag(object: &str, name: &str) -> bool {
    match object {
        "import.meta.env" => matches!(name, "MODE" | "DEV" | "PROD" | "SSR" | "BASE_URL"),
        _ => name == "NODE_ENV",
    }
}

/// The text of a string literal without quotes, when it has no substitution.
fn plain_string<'s>(n: Node<'_>, src: &'s str) -> Option<&'s str> {
    match n.kind_name() {
        "string" | "string_literal" | "raw_string_literal" => {}
        "template_string"
            if n.named_children(&mut n.walk())
                .all(|c| c.kind_name() == "string_fragment") => {}
        _ => return None,
    }
    let t = node_text(n, src);
    let t = t.trim_start_matches('r').trim_matches('#');
    t.get(1..t.len().checked_sub(1)?).filter(|s| !s.is_empty())
}

/// Fixed-name reads of a TS/JS node: `process.env.X`, `process.env["X"]`, `import.meta.env.X`,
/// `Bun.env.X`, `Deno.env.get("X")`, and `const { X, Y: y } = process.env` (one per name).
pub(super) fn ts_reads<'s>(node: Node<'_>, src: &'s str, out: &mut Vec<EnvRead<'s>>) {
    let read = |n: Node<'_>, name: &'s str, object: &str, out: &mut Vec<EnvRead<'s>>| {
        if !is_build_flag(object, name) {
            out.push(EnvRead {
                name,
                start: n.start_byte(),
                end: n.end_byte(),
            });
        }
    };
    match node.kind_name() {
        "member_expression" | "subscript_expression" => {
            let Some(obj) = node.child_by_field_name("object") else {
                return;
            };
            if !matches!(obj.kind_name(), "member_expression") {
                return;
            }
            let object = node_text(obj, src);
            if !is_env_object(object) {
                return;
            }
            // a write (`process.env.X = "1"` in a test setup) is not a read
            if node.parent().is_some_and(|p| {
                p.kind_name() == "assignment_expression"
                    && p.child_by_field_name("left")
                        .is_some_and(|l| l.id() == node.id())
            }) {
                return;
            }
            let name = if node.kind_name() == "member_expression" {
                node.child_by_field_name("property")
                    .filter(|p| p.kind_name() == "property_identifier")
                    .map(|p| node_text(p, src))
            } else {
                node.child_by_field_name("index")
                    .and_then(|i| plain_string(i, src))
            };
            if let Some(name) = name {
                read(node, name, object, out);
            }
        }
        "call_expression" => {
            let f = node.child_by_field_name("function");
            if f.is_some_and(|f| node_text(f, src) == "Deno.env.get") {
                let arg = node
                    .child_by_field_name("arguments")
                    .and_then(|a| a.named_child(0));
                if let Some(name) = arg.and_then(|a| plain_string(a, src)) {
                    read(node, name, "Deno.env", out);
                }
            }
        }
        "variable_declarator" => {
            let (Some(pat), Some(value)) = (
                node.child_by_field_name("name"),
                node.child_by_field_name("value"),
            ) else {
                return;
            };
            let object = node_text(value, src);
            if pat.kind_name() != "object_pattern" || !is_env_object(object) {
                return;
            }
            let mut c = pat.walk();
            for p in pat.named_children(&mut c) {
                let key = match p.kind_name() {
                    "shorthand_property_identifier_pattern" => Some(p),
                    "pair_pattern" => p.child_by_field_name("key"),
                    "object_assignment_pattern" => p
                        .child_by_field_name("left")
                        .filter(|l| l.kind_name() == "shorthand_property_identifier_pattern"),
                    _ => None,
                };
                let Some(key) = key else { continue };
                let name = match key.kind_name() {
                    "property_identifier" | "shorthand_property_identifier_pattern" => {
                        Some(node_text(key, src))
                    }
                    _ => plain_string(key, src),
                };
                if let Some(name) = name {
                    read(p, name, object, out);
                }
            }
        }
        _ => {}
    }
}

/// Fixed-name reads of a Rust node: `std::env::var("X")`, `env::var_os("X")`, `env!("X")`,
/// `option_env!("X")`.
pub(super) fn rust_reads<'s>(node: Node<'_>, src: &'s str, out: &mut Vec<EnvRead<'s>>) {
    let first_string = |n: Node<'_>| -> Option<&'s str> {
        let mut c = n.walk();
        let a = n.named_children(&mut c).next()?;
        plain_string(a, src)
    };
    let name = match node.kind_name() {
        "call_expression" => {
            let Some(f) = node.child_by_field_name("function") else {
                return;
            };
            let callee = node_text(f, src);
            let path_ok = ["env::var", "env::var_os"]
                .iter()
                .any(|p| callee == *p || callee.strip_suffix(p).is_some_and(|r| r.ends_with("::")));
            if !path_ok {
                return;
            }
            node.child_by_field_name("arguments").and_then(first_string)
        }
        "macro_invocation" => {
            let m = node
                .child_by_field_name("macro")
                .map(|m| node_text(m, src))
                .unwrap_or("");
            if !is_env_macro(m) {
                // `println!("{}", env!("X"))`, `concat!(env!("X"), …)`: a token tree holds
                // macro calls as tokens, not as nodes
                let mut c = node.walk();
                if let Some(tt) = node
                    .named_children(&mut c)
                    .find(|n| n.kind_name() == "token_tree")
                {
                    nested_env_macros(tt, src, 0, out);
                }
                return;
            }
            let mut c = node.walk();
            let tt = node
                .named_children(&mut c)
                .find(|n| n.kind_name() == "token_tree");
            tt.and_then(first_string)
        }
        _ => None,
    };
    if let Some(name) = name {
        out.push(EnvRead {
            name,
            start: node.start_byte(),
            end: node.end_byte(),
        });
    }
}

fn is_env_macro(m: &str) -> bool {
    matches!(
        m,
        "env" | "option_env" | "std::env" | "std::option_env" | "core::env" | "core::option_env"
    )
}

/// `env ! ( "X" )` as tokens inside a token tree, at any depth (bounded).
fn nested_env_macros<'s>(tt: Node<'_>, src: &'s str, depth: usize, out: &mut Vec<EnvRead<'s>>) {
    if depth > 16 {
        return;
    }
    let mut c = tt.walk();
    let kids: Vec<Node<'_>> = tt.children(&mut c).collect();
    for (i, k) in kids.iter().enumerate() {
        if k.kind_name() == "token_tree" {
            nested_env_macros(*k, src, depth + 1, out);
            continue;
        }
        if k.kind_name() != "identifier" || !is_env_macro(node_text(*k, src)) {
            continue;
        }
        let (Some(bang), Some(args)) = (kids.get(i + 1), kids.get(i + 2)) else {
            continue;
        };
        if bang.kind_name() != "!" || args.kind_name() != "token_tree" {
            continue;
        }
        let mut c2 = args.walk();
        let first = args.named_children(&mut c2).next();
        if let Some(name) = first.and_then(|a| plain_string(a, src)) {
            out.push(EnvRead {
                name,
                start: k.start_byte(),
                end: args.end_byte(),
            });
        }
    }
}
