//! Example data in production code: a literal inside an object or array declared as samples,
//! mocks, fakes, examples, demo data, fixtures or a template's preview props
//! (`samples: SampleRecord[] = [{ … }]`, `mockUsers = [{ … }]`, `X.PreviewProps = { … }`). The
//! secrets, addresses and environment names inside are the example's, not configuration.

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

use super::context::{last_segment, words};
use crate::rules::syntax::node_text;

/// Words of a name or a type that say the value is example data.
const SAMPLE_WORDS: &[&str] = &[
    "sample", "samples", "mock", "mocks", "mocked", "fake", "fakes", "faked", "example",
    "examples", "demo", "demos", "fixture", "fixtures", "dummy",
];

/// Words that make a sample word a setting of sampling (`sampleRate`, `demoInterval`): not data.
const SETTING_WORDS: &[&str] = &[
    "rate",
    "ratio",
    "size",
    "interval",
    "count",
    "percent",
    "percentage",
    "period",
    "mode",
    "enabled",
    "url",
    "uri",
    "host",
    "endpoint",
    "port",
];

/// Whether a name (or a type's text) says its value is example data: one of [`SAMPLE_WORDS`], or
/// a preview's props or defaults (`PreviewProps`, `previewDefaults`: the data a template is
/// shown with in a preview), and none of [`SETTING_WORDS`].
pub(super) fn names_sample(name: &str) -> bool {
    let w = words(last_segment(name));
    if w.iter().any(|x| SETTING_WORDS.contains(&x.as_str())) {
        return false;
    }
    let has = |s: &str| w.iter().any(|x| x == s);
    w.iter().any(|x| SAMPLE_WORDS.contains(&x.as_str()))
        || (has("preview") && (has("props") || has("defaults") || has("data")))
}

/// Whether the type of a declaration says so (`: SampleRecord[]`, `satisfies MockUser`).
fn type_says_sample(t: &str) -> bool {
    t.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|s| !s.is_empty())
        .any(names_sample)
}

/// Whether `node` (a literal) sits inside an object, array or struct literal that a declaration
/// names as example data (see the module). A literal bound directly to such a name
/// (`const demoUrl = "https://demo.acme.io"`) is not: that is an address of a demo deployment.
pub(super) fn in_sample_data(node: Node<'_>, src: &str) -> bool {
    let mut cur = node;
    let mut nested = false;
    for _ in 0..64 {
        let Some(p) = cur.parent() else { return false };
        match p.kind_name() {
            "object"
            | "array"
            | "array_expression"
            | "struct_expression"
            | "tuple_expression"
            | "field_initializer_list"
            | "token_tree" => nested = true,
            "program" | "source_file" | "statement_block" | "class_body" | "block"
            | "function_item" | "declaration_list" => return false,
            "variable_declarator"
            | "public_field_definition"
            | "let_declaration"
            | "const_item"
            | "static_item"
                if nested =>
            {
                let name = p
                    .child_by_field_name("name")
                    .or_else(|| p.child_by_field_name("pattern"))
                    .map(|n| node_text(n, src))
                    .unwrap_or("");
                let ty = p
                    .child_by_field_name("type")
                    .map(|t| node_text(t, src))
                    .unwrap_or("");
                if names_sample(name) || type_says_sample(ty) {
                    return true;
                }
            }
            "assignment_expression" if nested => {
                let left = p
                    .child_by_field_name("left")
                    .map(|n| node_text(n, src))
                    .unwrap_or("");
                if names_sample(left) {
                    return true;
                }
            }
            "pair" if nested => {
                let key = p
                    .child_by_field_name("key")
                    .map(|n| node_text(n, src).trim_matches(['"', '\'']))
                    .unwrap_or("");
                if names_sample(key) {
                    return true;
                }
            }
            "satisfies_expression" | "as_expression" if nested => {
                let ty = p.named_child(1).map(|t| node_text(t, src)).unwrap_or("");
                if type_says_sample(ty) {
                    return true;
                }
            }
            _ => {}
        }
        cur = p;
    }
    false
}

/// The doc comment right before an item (`///` lines or a `/** … */` block, across attributes
/// and an `export`), or "" when it has none.
fn doc_before<'s>(item: Node<'_>, src: &'s str) -> Vec<&'s str> {
    let mut item = item;
    if item
        .parent()
        .is_some_and(|p| p.kind_name() == "export_statement")
    {
        item = item.parent().expect("checked");
    }
    let mut docs = Vec::new();
    let mut cur = item.prev_sibling();
    while let Some(p) = cur {
        match p.kind_name() {
            "attribute_item" => {}
            "line_comment" | "comment" | "block_comment" => {
                let t = node_text(p, src);
                if t.starts_with("///") || t.starts_with("/**") {
                    docs.push(t);
                } else {
                    break;
                }
            }
            _ => break,
        }
        cur = p.prev_sibling();
    }
    docs
}

/// Whether `decl` (a Rust `const`/`static` item, or a TS `const` declarator named in capitals
/// such as `BASE_PORT`) is a documented named constant whose value is `value`: it has a doc
/// comment of its own, or it is local to a function whose doc comment names the value
/// ("tries a free port in the range `3000..=3005`"). Such a constant is the one place of its
/// value already.
pub(super) fn documented_constant(decl: Node<'_>, src: &str, value: &str) -> bool {
    let item = match decl.kind_name() {
        "const_item" | "static_item" => decl,
        "variable_declarator" => {
            let name = decl
                .child_by_field_name("name")
                .map(|n| node_text(n, src))
                .unwrap_or("");
            let capitals = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
            let Some(p) = decl
                .parent()
                .filter(|p| p.kind_name() == "lexical_declaration" && capitals)
            else {
                return false;
            };
            if !node_text(p, src).starts_with("const") {
                return false;
            }
            p
        }
        _ => return false,
    };
    if !doc_before(item, src).is_empty() {
        return true;
    }
    // local to a function (its body's statement) whose doc comment names the value
    let func = item.parent().and_then(|b| b.parent()).filter(|f| {
        matches!(
            f.kind_name(),
            "function_item" | "function_declaration" | "method_definition"
        )
    });
    let value = value.trim();
    func.is_some_and(|f| {
        doc_before(f, src).iter().any(|d| {
            d.split(|c: char| !c.is_ascii_digit())
                .any(|n| !n.is_empty() && n == value)
        })
    })
}
