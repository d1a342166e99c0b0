//! Syntax shared by rule kinds: what an import is in TS/JS, and the paths a Rust `use` tree
//! brings in.

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

/// How a file names an e-mail template library (React Email, jsx-email, mjml-react): its markup
/// is a mail, not the app's DOM; its URLs are absolute and its styles inline by necessity.
const EMAIL_TEMPLATE_LIBRARIES: &[&str] = &[
    "@react-email/",
    "\"react-email\"",
    "'react-email'",
    "\"jsx-email\"",
    "'jsx-email'",
    "mjml-react",
];

/// How a file names an image renderer (Open Graph images: `next/og`, `@vercel/og`, satori):
/// its markup is drawn into an image, with inline literal styles.
const IMAGE_RENDERERS: &[&str] = &[
    "\"next/og\"",
    "'next/og'",
    "\"@vercel/og\"",
    "'@vercel/og'",
    "\"satori\"",
    "'satori'",
    // a PDF document (react-pdf, often styled through `react-pdf-tailwind`'s `tw`)
    "\"@react-pdf/renderer\"",
    "'@react-pdf/renderer'",
];

/// Whether `text` (a file's, or its imports') names an e-mail template library.
pub(crate) fn names_email_template_library(text: &str) -> bool {
    // asked of every file by several rules: one pass for all the names
    static NAMES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| names_automaton(EMAIL_TEMPLATE_LIBRARIES));
    NAMES.is_match(text)
}

/// Whether `text` names an image or document renderer (Open Graph images, react-pdf).
pub(crate) fn names_image_renderer(text: &str) -> bool {
    static NAMES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| names_automaton(IMAGE_RENDERERS));
    NAMES.is_match(text)
}

/// A searcher for any of `names` (a few literals, found in one SIMD pass over the text, where
/// a search per name took one pass each and built its searcher on every call).
fn names_automaton(names: &[&str]) -> aho_corasick::AhoCorasick {
    // leftmost-first: whether any name occurs is the same question, and only this match kind
    // gets the packed (Teddy) searcher; the names' first bytes (quotes) are too common for the
    // standard kind's start-byte prefilter
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(names)
        .expect("literal names build an automaton")
}

/// Text of a node (empty when the span is not on char boundaries, which tree-sitter never gives
/// for valid UTF-8 input).
pub(crate) fn node_text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
}

/// The ancestors of `node`, outermost first (`root` itself included, `node` not), found by
/// descending from `root`: O(depth) child lookups, where climbing with `Node::parent` costs
/// O(depth) per step (tree-sitter finds a parent by descending from the root).
pub(crate) fn ancestors<'t>(root: Node<'t>, node: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut cur = root;
    while cur != node {
        out.push(cur);
        match cur.child_with_descendant(node) {
            Some(next) if next != cur => cur = next,
            _ => break,
        }
    }
    out
}

/// One import written in a TS/JS file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JsImport {
    pub(crate) specifier: String,
    /// Byte span of the specifier string.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The import at `node`, if it is one: `import … from`, `export … from`, `import()`, `require()`.
pub(crate) fn js_import(node: Node<'_>, src: &str) -> Option<JsImport> {
    match node.kind_name() {
        "import_statement" | "export_statement" => {
            let source = field(node, JsField::Source)?;
            let specifier = js_string(source, src)?;
            Some(JsImport {
                specifier,
                start: source.start_byte(),
                end: source.end_byte(),
            })
        }
        "call_expression" => {
            let callee = field(node, JsField::Function)?;
            let dynamic = callee.kind_name() == "import"
                || (callee.kind_name() == "identifier" && node_text(callee, src) == "require");
            if !dynamic {
                return None;
            }
            let arg = field(node, JsField::Arguments)?.named_child(0)?;
            let specifier = js_string(arg, src)?;
            Some(JsImport {
                specifier,
                start: arg.start_byte(),
                end: arg.end_byte(),
            })
        }
        _ => None,
    }
}

/// The fields [`js_import`] reads.
#[derive(Clone, Copy)]
enum JsField {
    Source,
    Function,
    Arguments,
}

const JS_FIELD_NAMES: [&str; 3] = ["source", "function", "arguments"];

/// `node`'s child in `f`, by the field's id in the JS grammars (looking a field up by name
/// compares it with every field name of the grammar, for every import of every file).
fn field<'t>(node: Node<'t>, f: JsField) -> Option<Node<'t>> {
    type Ids = Vec<(tree_sitter::Language, [Option<std::num::NonZeroU16>; 3])>;
    static IDS: std::sync::OnceLock<Ids> = std::sync::OnceLock::new();
    let ids = IDS.get_or_init(|| {
        [
            crate::lang::Lang::TypeScript,
            crate::lang::Lang::Tsx,
            crate::lang::Lang::JavaScript,
        ]
        .map(|l| {
            let g = l.grammar();
            let ids = JS_FIELD_NAMES.map(|n| g.field_id_for_name(n));
            (g, ids)
        })
        .into()
    });
    let lang = node.language();
    match ids.iter().find(|(g, _)| *g == *lang) {
        Some((_, ids)) => node.child_by_field_id(ids[f as usize]?.get()),
        None => node.child_by_field_name(JS_FIELD_NAMES[f as usize]),
    }
}

/// Whether a JS import/export statement imports types only (false for any other node, e.g. a
/// `require()` call). Separate from [`js_import`] so that only the rules that care pay for it.
pub(crate) fn js_type_only(node: Node<'_>) -> bool {
    let mut c = node.walk();
    let children: Vec<Node<'_>> = node.children(&mut c).collect();
    if children
        .iter()
        .any(|n| !n.is_named() && n.kind_name() == "type")
    {
        return true;
    }
    // import { type A, type B } from "…"
    let Some(clause) = children.iter().find(|n| n.kind_name() == "import_clause") else {
        return false;
    };
    let mut c = clause.walk();
    let parts: Vec<Node<'_>> = clause.named_children(&mut c).collect();
    if parts.len() != 1 || parts[0].kind_name() != "named_imports" {
        return false;
    }
    let mut c = parts[0].walk();
    let specs: Vec<Node<'_>> = parts[0]
        .named_children(&mut c)
        .filter(|n| n.kind_name() == "import_specifier")
        .collect();
    !specs.is_empty()
        && specs.iter().all(|s| {
            let mut c = s.walk();
            let has_type = s
                .children(&mut c)
                .any(|n| !n.is_named() && n.kind_name() == "type");
            has_type
        })
}

pub(crate) fn js_string(node: Node<'_>, src: &str) -> Option<String> {
    if node.kind_name() != "string" {
        return None;
    }
    let t = node_text(node, src);
    Some(t.get(1..t.len().saturating_sub(1))?.to_string())
}

/// Segments of a Rust path node (`crate::a::b` → ["crate", "a", "b"]).
pub(crate) fn rust_segments(node: Node<'_>, src: &str, out: &mut Vec<String>) -> bool {
    match node.kind_name() {
        "identifier" | "crate" | "self" | "super" | "type_identifier" => {
            out.push(node_text(node, src).to_string());
            true
        }
        "scoped_identifier" | "scoped_type_identifier" | "scoped_use_list" => {
            if let Some(p) = node.child_by_field_name("path") {
                if !rust_segments(p, src, out) {
                    return false;
                }
            }
            if node.kind_name() == "scoped_use_list" {
                return true;
            }
            match node.child_by_field_name("name") {
                Some(n) => {
                    out.push(node_text(n, src).to_string());
                    true
                }
                None => false,
            }
        }
        "use_as_clause" => node
            .child_by_field_name("path")
            .is_some_and(|p| rust_segments(p, src, out)),
        "use_wildcard" => node
            .named_child(0)
            .is_some_and(|p| rust_segments(p, src, out)),
        _ => false,
    }
}

/// Every path a `use` tree brings in, as segments, with the node to report for each.
pub(crate) fn collect_use_paths<'t>(
    node: Node<'t>,
    prefix: &[String],
    src: &str,
    out: &mut Vec<(Vec<String>, Node<'t>)>,
) {
    match node.kind_name() {
        "scoped_use_list" => {
            let mut base = prefix.to_vec();
            if let Some(p) = node.child_by_field_name("path") {
                if !rust_segments(p, src, &mut base) {
                    return;
                }
            }
            if let Some(list) = node.child_by_field_name("list") {
                collect_use_paths(list, &base, src, out);
            }
        }
        "use_list" => {
            let mut c = node.walk();
            for child in node.named_children(&mut c) {
                collect_use_paths(child, prefix, src, out);
            }
        }
        "use_as_clause" => {
            if let Some(p) = node.child_by_field_name("path") {
                collect_use_paths(p, prefix, src, out);
            }
        }
        "use_wildcard" => {
            if let Some(p) = node.named_child(0) {
                collect_use_paths(p, prefix, src, out);
            }
        }
        "self" => out.push((prefix.to_vec(), node)),
        _ => {
            let mut segs = prefix.to_vec();
            if rust_segments(node, src, &mut segs) {
                out.push((segs, node));
            }
        }
    }
}

/// A generic tagged template, which tree-sitter-typescript reads as comparisons:
/// `` styled.button<Props>`…` `` is `(styled.button < Props) > `…``, and `` styled(Base)<A | B>`…` ``
/// a chain of binary expressions whose last right operand is the template. Given the outermost
/// binary expression of the chain, the tag expression (`styled.button`, `styled(Base)`) and the
/// template, when the text between them is `<…>`. Found from above, without `parent()`.
pub(crate) fn generic_template<'t>(bin: Node<'t>, src: &str) -> Option<(Node<'t>, Node<'t>)> {
    if bin.kind_name() != "binary_expression" {
        return None;
    }
    // the template ends the chain of right operands
    let mut r = bin;
    let mut steps = 0;
    let tpl = loop {
        r = r.child_by_field_name("right")?;
        match r.kind_name() {
            "template_string" => break r,
            "binary_expression" if steps < 16 => steps += 1,
            _ => return None,
        }
    };
    // the first `<` down the chain of left operands follows the tag
    let mut n = bin;
    let tag = loop {
        if n.kind_name() != "binary_expression" {
            return None;
        }
        let left = n.child_by_field_name("left")?;
        let op = n.child_by_field_name("operator")?;
        if node_text(op, src) == "<" && left.kind_name() != "binary_expression" {
            break left;
        }
        n = left;
    };
    let between = src.get(tag.end_byte()..tpl.start_byte())?.trim();
    let generic = between.starts_with('<') && between.ends_with('>');
    let tag_like = matches!(
        tag.kind_name(),
        "member_expression" | "call_expression" | "identifier"
    );
    (generic && tag_like).then_some((tag, tpl))
}

#[cfg(test)]
mod tests {
    #[test]
    fn library_names_are_found_as_a_search_per_name_finds_them() {
        let texts = [
            "import { Html } from \"@react-email/components\";",
            "import x from 'react-email';",
            "import x from \"jsx-email\";",
            "import { Mjml } from \"mjml-react\";",
            "import { ImageResponse } from \"next/og\";",
            "import { ImageResponse } from '@vercel/og';",
            "import satori from \"satori\";",
            // at the very start and end of the text, and overlapping another name's prefix
            "'@react-pdf/renderer'",
            "x = \"mjml-reac\"; y = 'mjml-react'",
            "\"next/o\"next/og\"",
            // near-misses
            "import x from \"react-emails\"; const e = \"e-mail\";",
            "const p = \"/og\"; const s = satori;",
            "",
        ];
        for t in texts {
            let naive = |names: &[&str]| names.iter().any(|m| t.contains(m));
            assert_eq!(
                super::names_email_template_library(t),
                naive(super::EMAIL_TEMPLATE_LIBRARIES),
                "{t}"
            );
            assert_eq!(
                super::names_image_renderer(t),
                naive(super::IMAGE_RENDERERS),
                "{t}"
            );
        }
        assert!(super::names_email_template_library(texts[0]));
        assert!(super::names_image_renderer(texts[6]));
        assert!(!super::names_email_template_library(texts[7]));
    }
}
