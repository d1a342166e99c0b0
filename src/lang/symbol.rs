//! The enclosing symbol of a span: the chain of named declarations around it (`Invoices.pay`,
//! `impl Store::get`). Part of a finding's fingerprint, so that a baseline entry survives line
//! shifts and edits elsewhere in the file, and stays tied to the function it was found in.
//! [`enclosing_all`] answers for every span of a file in one walk over the tree (linear however
//! deeply the spans nest); [`enclosing`] answers for one span.

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

use crate::lang::Lang;

/// Longest symbol path kept (in characters).
const MAX_SYMBOL_CHARS: usize = 300;

/// The names of the declarations enclosing `start..end`, outermost first, joined by `.`;
/// empty at the top level.
pub(crate) fn enclosing(
    root: Node<'_>,
    text: &str,
    lang: Lang,
    start: usize,
    end: usize,
) -> String {
    let Some(mut node) = root.descendant_for_byte_range(start, end) else {
        return String::new();
    };
    let mut names: Vec<String> = Vec::new();
    loop {
        // a declaration's own name is not "enclosing" when the span is that declaration
        let covers_exactly = node.start_byte() == start && node.end_byte() == end;
        if !covers_exactly {
            if let Some(name) = declared_name(node, text, lang) {
                names.push(name);
            }
        }
        match node.parent() {
            Some(p) => node = p,
            None => break,
        }
    }
    names.reverse();
    let joined = names.join(".");
    if joined.chars().count() > MAX_SYMBOL_CHARS {
        joined.chars().take(MAX_SYMBOL_CHARS).collect()
    } else {
        joined
    }
}

/// [`enclosing`] for each of `spans`, in one walk: the declarations containing any span's
/// start are collected in tree order (subtrees without one are skipped), then one sweep over the
/// spans, sorted by start, keeps the chain of declarations open at that point. A declaration
/// encloses a non-empty span exactly when its range contains the span, so this is the answer of
/// [`enclosing`]; an empty span (rare) asks [`enclosing`] itself.
pub(crate) fn enclosing_all(
    root: Node<'_>,
    text: &str,
    lang: Lang,
    spans: &[(usize, usize)],
) -> Vec<String> {
    let mut starts: Vec<usize> = spans.iter().map(|s| s.0).collect();
    starts.sort_unstable();
    let has_start_in = |a: usize, b: usize| {
        let i = starts.partition_point(|&s| s < a);
        i < starts.len() && starts[i] <= b
    };
    // declarations (start, end, name) in tree order: starts never decrease
    let mut decls: Vec<(usize, usize, String)> = Vec::new();
    let mut cursor = root.walk();
    // the ends of the current node's ancestors, innermost last
    let mut ends: Vec<usize> = Vec::new();
    'walk: loop {
        let node = cursor.node();
        let (start, mut end) = (node.start_byte(), node.end_byte());
        if has_start_in(start, end) {
            if let Some(name) = declared_name(node, text, lang) {
                decls.push((start, end, name));
            }
            // straight to the first child that reaches the first start in the node: those
            // before it end before that start and hold none (tree-sitter steps over them
            // without a node for each); the plain first child when that finds none
            let first = starts[starts.partition_point(|&s| s < start)];
            let descended = (first > 0 && cursor.goto_first_child_for_byte(first - 1).is_some())
                || cursor.goto_first_child();
            if descended {
                ends.push(end);
                continue;
            }
        }
        loop {
            // the rest of the parent's children are stepped through only if one may hold a
            // start (sibling stepping is the walk's dearest operation)
            let rest = ends
                .last()
                .is_none_or(|&parent_end| has_start_in(end, parent_end));
            if rest && cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
            end = ends.pop().unwrap_or(usize::MAX);
        }
    }
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].0);
    let mut out = vec![String::new(); spans.len()];
    let mut open: Vec<usize> = Vec::new();
    let mut next = 0;
    for i in order {
        let (start, end) = spans[i];
        if start >= end {
            out[i] = enclosing(root, text, lang, start, end);
            continue;
        }
        while next < decls.len() && decls[next].0 <= start {
            // declarations nest or are disjoint: drop those the new one is not inside
            while open
                .last()
                .is_some_and(|&o| decls[o].1 <= decls[next].0 && decls[next].0 < decls[next].1)
            {
                open.pop();
            }
            open.push(next);
            next += 1;
        }
        // ended before this span (and so before every later one)
        while open.last().is_some_and(|&o| decls[o].1 <= start) {
            open.pop();
        }
        // the open chain's ends never grow inwards: those reaching `end` are a prefix
        let k = open.partition_point(|&o| decls[o].1 >= end);
        let mut joined = String::new();
        for &o in &open[..k] {
            let (s, e, name) = &decls[o];
            if (*s, *e) == (start, end) {
                continue;
            }
            if !joined.is_empty() {
                joined.push('.');
            }
            joined.push_str(name);
            if joined.len() > MAX_SYMBOL_CHARS * 4 {
                break;
            }
        }
        out[i] = if joined.chars().count() > MAX_SYMBOL_CHARS {
            joined.chars().take(MAX_SYMBOL_CHARS).collect()
        } else {
            joined
        };
    }
    out
}

fn field_text<'t>(node: Node<'_>, field: &str, text: &'t str) -> Option<&'t str> {
    let n = node.child_by_field_name(field)?;
    text.get(n.byte_range())
}

fn declared_name(node: Node<'_>, text: &str, lang: Lang) -> Option<String> {
    let kind = node.kind_name();
    let name = match lang {
        Lang::Rust => match kind {
            "function_item"
            | "function_signature_item"
            | "trait_item"
            | "mod_item"
            | "struct_item"
            | "enum_item"
            | "union_item"
            | "const_item"
            | "static_item"
            | "macro_definition"
            | "type_item" => field_text(node, "name", text)?.to_string(),
            "impl_item" => {
                let ty = field_text(node, "type", text)?;
                match field_text(node, "trait", text) {
                    Some(tr) => format!("impl {tr} for {ty}"),
                    None => format!("impl {ty}"),
                }
            }
            _ => return None,
        },
        _ => match kind {
            "function_declaration"
            | "generator_function_declaration"
            | "class_declaration"
            | "abstract_class_declaration"
            | "class"
            | "method_definition"
            | "interface_declaration"
            | "type_alias_declaration"
            | "enum_declaration"
            | "internal_module"
            | "module"
            | "public_field_definition"
            | "field_definition" => field_text(node, "name", text)
                .or_else(|| field_text(node, "property", text))?
                .to_string(),
            "variable_declarator" => field_text(node, "name", text)?.to_string(),
            _ => return None,
        },
    };
    Some(crate::core::normalize_ws(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sym(lang: Lang, src: &str, needle: &str) -> String {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&lang.grammar()).unwrap();
        let tree = p.parse(src, None).unwrap();
        let start = src.find(needle).unwrap();
        enclosing(tree.root_node(), src, lang, start, start + needle.len())
    }

    #[test]
    fn typescript_symbols() {
        let src = "class Billing {\n  pay() { console.log(1); }\n}\nexport const Card = () => { eval(x); };\nfunction top() { debugger; }\nalert(1);\n";
        assert_eq!(sym(Lang::TypeScript, src, "console.log(1)"), "Billing.pay");
        assert_eq!(sym(Lang::TypeScript, src, "eval(x)"), "Card");
        assert_eq!(sym(Lang::TypeScript, src, "debugger;"), "top");
        assert_eq!(sym(Lang::TypeScript, src, "alert(1)"), "");
    }

    #[test]
    fn all_at_once_is_one_at_a_time() {
        for (lang, src) in [
            (Lang::TypeScript, "class Billing {\n  pay() { console.log(1); }\n}\nexport const Card = () => { eval(x); };\nfunction top() { debugger; function inner() { a.b(c); } }\nalert(1);\n"),
            (Lang::Rust, "mod db {\n  impl Store {\n    fn get(&self) { x.unwrap(); }\n  }\n  impl Drop for Store { fn drop(&mut self) { y.unwrap().unwrap(); } }\n}\nfn main() { z.unwrap(); }\nstruct S;\n"),
        ] {
            let mut p = tree_sitter::Parser::new();
            p.set_language(&lang.grammar()).unwrap();
            let tree = p.parse(src, None).unwrap();
            // every node's span, every (start, end) pair of a few offsets, and empty spans
            let mut spans = Vec::new();
            let mut stack = vec![tree.root_node()];
            while let Some(n) = stack.pop() {
                spans.push((n.start_byte(), n.end_byte()));
                let mut c = n.walk();
                stack.extend(n.children(&mut c));
            }
            for a in (0..src.len()).step_by(7) {
                for b in (a..src.len()).step_by(11) {
                    spans.push((a, b));
                }
            }
            let all = enclosing_all(tree.root_node(), src, lang, &spans);
            for (i, &(a, b)) in spans.iter().enumerate() {
                assert_eq!(all[i], enclosing(tree.root_node(), src, lang, a, b), "{a}..{b}");
            }
        }
    }

    /// A walk that skips subtrees without a span's start (most files have few findings)
    /// collects the same declarations as one that visits every node: each span alone, and
    /// pairs of spans far apart, against [`enclosing`].
    #[test]
    fn sparse_spans_are_one_at_a_time() {
        for (lang, src) in [
            (Lang::Tsx, "import x from 'y';\nclass Billing {\n  pay() { console.log(1); }\n  get total() { return <b>{this.n}</b>; }\n}\nexport const Card = () => { eval(x); return <div a=\"1\">{list.map((i) => <i key={i} />)}</div>; };\nfunction top() { debugger; function inner() { a.b(c); } }\nexport default function Page({ a }: P) { const f = () => a; return <>{f()}</>; }\nalert(1);\n"),
            (Lang::TypeScript, "namespace N { export function f() { return 1; } }\nenum E { A, B }\ninterface I { m(): void }\nconst o = { k() { return 2; }, j: function () { return 3; } };\n"),
            (Lang::Rust, "mod db {\n  impl Store {\n    fn get(&self) { x.unwrap(); }\n  }\n  impl Drop for Store { fn drop(&mut self) { y.unwrap().unwrap(); } }\n}\nfn main() { z.unwrap(); }\nstruct S;\ntrait T { fn t(&self) { w(); } }\n"),
        ] {
            let mut p = tree_sitter::Parser::new();
            p.set_language(&lang.grammar()).unwrap();
            let tree = p.parse(src, None).unwrap();
            let root = tree.root_node();
            let n = src.len();
            for a in 0..=n {
                for b in [a, a + 1, a + 3, a + 17] {
                    let b = b.min(n);
                    let all = enclosing_all(root, src, lang, &[(a, b)]);
                    assert_eq!(all[0], enclosing(root, src, lang, a, b), "{a}..{b}");
                }
                let far = (a * 7 + 13) % (n + 1);
                let spans = [(a, (a + 2).min(n)), (far, (far + 5).min(n))];
                let all = enclosing_all(root, src, lang, &spans);
                for (i, &(s, e)) in spans.iter().enumerate() {
                    assert_eq!(all[i], enclosing(root, src, lang, s, e), "{s}..{e}");
                }
            }
        }
    }

    #[test]
    fn rust_symbols() {
        let src = "mod db {\n  impl Store {\n    fn get(&self) { x.unwrap(); }\n  }\n  impl Drop for Store { fn drop(&mut self) { y.unwrap(); } }\n}\nfn main() { z.unwrap(); }\n";
        assert_eq!(sym(Lang::Rust, src, "x.unwrap()"), "db.impl Store.get");
        assert_eq!(
            sym(Lang::Rust, src, "y.unwrap()"),
            "db.impl Drop for Store.drop"
        );
        assert_eq!(sym(Lang::Rust, src, "z.unwrap()"), "main");
    }
}
