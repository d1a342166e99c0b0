//! Tests of `duplicate_component`.

#![cfg(test)]

//! The lexer's units checked against a tree-sitter reference: the same components, found
//! from the syntax tree the way the kind found them before it had a lexer.
use super::*;
use crate::lang::parse::parse;

/// Named JSX-rendering components per the tree: (name, byte offset of the name).
fn tree_units(src: &str, lang: Lang) -> Vec<(String, usize)> {
    let tree = parse(lang, src).expect("parses");
    let mut out = Vec::new();
    // `const A = observer(function A_() {…})` is one unit: the declarator's
    let mut declared = std::collections::HashSet::new();
    let mut cursor = tree.root_node().walk();
    'walk: loop {
        let node = cursor.node();
        if let Some((name, at, body)) = tree_unit(node, src) {
            if renders_jsx(body) && declared.insert(body.id()) {
                out.push((name, at));
            }
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    out.sort_by_key(|u| u.1);
    out
}

fn capitalised(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
}

fn tree_unit<'t>(node: Node<'t>, src: &str) -> Option<(String, usize, Node<'t>)> {
    let named = |node: Node<'t>| -> Option<(String, usize)> {
        let n = node.child_by_field_name("name")?;
        let name = node_text(n, src);
        capitalised(name).then(|| (name.to_string(), n.start_byte()))
    };
    match node.kind() {
        "function_declaration" | "function_expression" | "function" => {
            let (name, at) = named(node)?;
            Some((name, at, node))
        }
        "class_declaration" => {
            let (name, at) = named(node)?;
            let heritage = node
                .named_children(&mut node.walk())
                .find(|c| c.kind() == "class_heritage")?;
            node_text(heritage, src)
                .contains("Component")
                .then_some((name, at, node))
        }
        "variable_declarator" => {
            let name_node = node.child_by_field_name("name")?;
            if name_node.kind() != "identifier" || !capitalised(node_text(name_node, src)) {
                return None;
            }
            let mut value = node.child_by_field_name("value")?;
            for _ in 0..3 {
                if value.kind() != "call_expression" {
                    break;
                }
                let callee = node_text(value.child_by_field_name("function")?, src);
                let last = callee.rsplit('.').next().unwrap_or(callee);
                if !matches!(last, "memo" | "forwardRef" | "observer" | "styled") {
                    return None;
                }
                value = value.child_by_field_name("arguments")?.named_child(0)?;
            }
            matches!(
                value.kind(),
                "arrow_function" | "function_expression" | "function"
            )
            .then(|| {
                (
                    node_text(name_node, src).to_string(),
                    name_node.start_byte(),
                    value,
                )
            })
        }
        _ => None,
    }
}

fn renders_jsx(node: Node<'_>) -> bool {
    let mut cursor = node.walk();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if n.kind().starts_with("jsx_") {
            return true;
        }
        stack.extend(n.children(&mut cursor));
    }
    false
}

fn lexed_units(src: &str) -> Vec<(String, usize)> {
    let lx = js_lexer::lex(src);
    js_lexer::units(&lx, src)
        .into_iter()
        .filter(|u| (u.first..=u.last).any(|i| lx.tokens[i].kind == JsKind::JsxOpen))
        .map(|u| {
            let t = lx.tokens[u.name];
            (
                src[t.start as usize..t.end as usize].to_string(),
                t.start as usize,
            )
        })
        .collect()
}

/// Compares the two over every TSX/JSX file under `dir`: (files, units by the tree,
/// units found by both, files where they differ or the lexer lost track).
fn agreement(dir: &std::path::Path) -> (usize, usize, usize, Vec<String>) {
    let (mut files, mut total, mut same, mut differ) = (0, 0, 0, Vec::<String>::new());
    for entry in ignore::WalkBuilder::new(dir).build().flatten() {
        let path = entry.path();
        let lang = match path.extension().and_then(|e| e.to_str()) {
            Some("tsx") => Lang::Tsx,
            Some("jsx") => Lang::JavaScript,
            _ => continue,
        };
        let Ok(src) = std::fs::read_to_string(path) else {
            continue;
        };
        files += 1;
        if let Some(at) = js_lexer::lex(&src).anomaly {
            differ.push(format!(
                "{}: the lexer lost track at byte {at}",
                path.display()
            ));
        }
        let tree = tree_units(&src, lang);
        let lexed = lexed_units(&src);
        total += tree.len();
        same += tree.iter().filter(|u| lexed.contains(u)).count();
        if tree != lexed {
            differ.push(format!("{}: tree {tree:?} lexer {lexed:?}", path.display()));
        }
    }
    (files, total, same, differ)
}

#[test]
fn the_lexer_finds_the_components_the_tree_has_in_every_fixture() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let (files, total, same, differ) = agreement(&fixtures);
    assert!(files >= 20 && total >= 40, "{files} files, {total} units");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    assert_eq!(same, total);
}

/// `ARCHDRIFT_AGREEMENT_CORPUS=/path/to/checkout cargo test --release -- --ignored
/// lexer_agreement_on_a_corpus --nocapture` (BENCHMARKS.md has the numbers for plane).
#[test]
#[ignore]
fn lexer_agreement_on_a_corpus() {
    let dir = std::env::var("ARCHDRIFT_AGREEMENT_CORPUS").expect("set the corpus");
    let (files, total, same, differ) = agreement(std::path::Path::new(&dir));
    for d in differ.iter().take(30) {
        println!("{d}");
    }
    println!(
        "{files} files, {total} components by the tree, {same} found by the lexer too \
         ({:.2}%), {} files differ",
        100.0 * same as f64 / total.max(1) as f64,
        differ.len()
    );
}

#[test]
fn attribute_order_and_values_do_not_change_the_fingerprint() {
    let rule = DuplicateComponent {
        langs: LangSet::empty(),
        threshold: 0.5,
        min_tokens: 10,
        min_tokens_exact: 10,
        min_tokens_verbatim: 10,
        containment: 0.9,
        scope: Scope::CrossFile,
        idf: false,
        compare_names: true,
        compare_differences: true,
        compare_renames: false,
        js_sequences: false,
        design_system: None,
        design_system_copies: true,
        family_similarity: None,
        design_system_import: None,
        design_system_root: None,
        vendored: None,
        hashes: KindHashes::new(),
        marks: differ::Marks::new(),
    };
    let units = |src: &str| {
        let mut out = Vec::new();
        let lexed = crate::lang::js_lexer::LexOnce::new(src);
        rule.lexical_units("src/a.tsx", src, &lexed, &mut out);
        out.into_iter()
            .map(|h| match h.extras.expect("a unit").fact {
                Some(crate::rules::fact::Fact::Unit(u)) => u.shingles,
                other => panic!("not a unit: {other:?}"),
            })
            .collect::<Vec<_>>()
    };
    let a = units("const A = ({ x }) => (\n  <div className=\"p-2\" onClick={() => go(x)} title=\"a\">\n    <span>{x}</span>\n  </div>\n);\n");
    let b = units("const B = ({ y }) => (\n  <div title='b' onClick={() => move(y)}\n    className=\"p-4 m-1\">\n    <span>{y}</span>\n  </div>\n);\n");
    let c = units("const C = ({ y }) => (\n  <section title='b' onClick={() => move(y)}>\n    <em>{y}</em>\n  </section>\n);\n");
    assert_eq!(a.len(), 1);
    assert_eq!(a, b);
    assert_ne!(a, c);
    // icons and components that render nothing are not units
    assert!(units(
        "const Icon = () => (<svg viewBox=\"0 0 1 1\"><path d=\"M0\" /><path d=\"M1\" /></svg>);"
    )
    .is_empty());
    assert!(units("function Helper(a, b) { return a + b + a + b + a + b + a + b; }").is_empty());
}
