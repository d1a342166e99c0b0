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

fn rule_with(js_sequences: bool, min_tokens: usize) -> DuplicateComponent {
    DuplicateComponent {
        langs: LangSet::empty(),
        threshold: 0.5,
        min_tokens,
        min_tokens_exact: min_tokens,
        min_tokens_verbatim: 10,
        containment: 0.9,
        scope: Scope::CrossFile,
        idf: false,
        compare_names: true,
        compare_differences: true,
        compare_renames: js_sequences,
        js_sequences,
        design_system: None,
        design_system_copies: true,
        family_similarity: None,
        design_system_import: None,
        design_system_root: None,
        vendored: None,
        hashes: KindHashes::new(),
        marks: differ::Marks::new(),
    }
}

/// The units of every TSX/JSX/JS fixture (and of a few made-up files: attributes to sort, a
/// unit inside a tag's attributes, a document, nested units), with and without the raw
/// sequences, are those of the reference: every field of every unit, in order, one file after
/// another on the same thread (the buffers keep the last file's contents).
#[test]
fn the_units_are_those_of_the_reference_implementation() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut sources: Vec<(String, String)> = vec![
        (
            "src/a.tsx".into(),
            "const A = ({ x }) => (\n  <div className=\"p-2\" onClick={() => go(x)} title=\"a\">\n    <span>{x}</span><Inner b={1} a={2} />\n  </div>\n);\nexport function Page() { return <Html><Body z=\"1\" y=\"2\"><A x={<B q={1} p={2}/>} /></Body></Html>; }\n".into(),
        ),
        (
            "app/routes/x.tsx".into(),
            "export default function Route() { return <Layout a={1}><Outlet /></Layout>; }\nconst Card = memo(function Card({ t }) { return <div data-x=\"1\" aria-label={t}>{t}<span>{t}</span></div>; });\n".into(),
        ),
    ];
    for entry in ignore::WalkBuilder::new(&fixtures).build().flatten() {
        let path = entry.path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("tsx" | "jsx" | "js" | "ts")
        ) {
            continue;
        }
        if let Ok(src) = std::fs::read_to_string(path) {
            let rel = path.strip_prefix(&fixtures).unwrap_or(path);
            sources.push((rel.to_string_lossy().into_owned(), src));
        }
    }
    assert!(sources.len() > 20, "{} sources", sources.len());
    let units = |hits: Vec<Hit>| -> Vec<(usize, usize, String, crate::rules::fact::Unit)> {
        hits.into_iter()
            .map(|h| match h.extras.expect("a unit").fact {
                Some(crate::rules::fact::Fact::Unit(u)) => (h.start, h.end, h.matched, u),
                other => panic!("not a unit: {other:?}"),
            })
            .collect()
    };
    let mut seen = 0;
    for js_sequences in [false, true] {
        for min_tokens in [10, 60] {
            let rule = rule_with(js_sequences, min_tokens);
            for (file, src) in &sources {
                let (mut now, mut before) = (Vec::new(), Vec::new());
                rule.lexical_units(file, src, &js_lexer::LexOnce::new(src), &mut now);
                old_lexical_units(&rule, file, src, &js_lexer::LexOnce::new(src), &mut before);
                let (now, before) = (units(now), units(before));
                seen += now.len();
                assert_eq!(now, before, "{file} (js_sequences {js_sequences})");
            }
        }
    }
    assert!(seen > 100, "{seen} units");
}

/// [`DuplicateComponent::lexical_units`] as it was before its per-thread buffers and its one
/// pass per unit (a vector of the exact tokens and one of the verbatim tokens, each hashed
/// after; the vocabulary grown in place): the reference the current one must equal.
fn old_lexical_units(
    rule: &DuplicateComponent,
    file: &str,
    src: &str,
    lexed: &js_lexer::LexOnce<'_>,
    out: &mut Vec<Hit>,
) {
    // a unit needs min_tokens_verbatim tokens of a byte or more; a component an element
    // (a `<`), a styled definition `styled`
    let floor = rule.min_tokens_verbatim;
    let styled = src.contains("styled");
    if src.len() < floor || !(src.contains('<') || styled) {
        return;
    }
    let lx = lexed.get();
    let toks = &lx.tokens;
    let text = |i: usize| &src[toks[i].start as usize..toks[i].end as usize];
    let entry = route_entry(file);
    if styled {
        for u in styled::styled_units(lx, src, &rule.hashes) {
            if u.tokens.len() >= rule.min_tokens_exact {
                let name = toks[u.name].start as usize..toks[u.name].end as usize;
                out.push(unit_hit(
                    name.clone(),
                    src[name].to_string(),
                    &u.tokens,
                    &[],
                    rule.min_tokens,
                ));
            }
        }
    }
    let units: Vec<js_lexer::UnitSpan> = js_lexer::units(lx, src)
        .into_iter()
        .filter(|u| {
            if u.last + 1 - u.first < floor {
                return false;
            }
            // renders JSX, and is not an icon (an <svg> with different path data)
            let tags = || (u.first..=u.last).filter(|&i| toks[i].kind == JsKind::JsxTagName);
            let Some(first) = tags().next() else {
                return false;
            };
            if text(first) == "svg" {
                return false;
            }
            // nor one drawn through a wrapper component (`<IconWrapper><path d=…/>`):
            // every element it renders itself is an SVG drawing element
            let mut own = tags()
                .map(text)
                .filter(|t| t.starts_with(|c: char| c.is_ascii_lowercase()))
                .peekable();
            let drawn = own.peek().is_some() && own.all(|t| SVG_DRAWING.contains(&t));
            // nor a route entry wiring shared parts
            let wires = entry && wiring(lx, src, u);
            !drawn && !wires
        })
        .collect();
    if units.is_empty() {
        return;
    }
    // the normalised hash of each token a unit holds (only those are read below: the
    // attribute reordering stays inside a unit, or outside all of them)
    let mut hashes: Vec<u64> = vec![0; toks.len()];
    let mut spans: Vec<(usize, usize)> = units.iter().map(|u| (u.first, u.last)).collect();
    spans.sort_unstable();
    let mut done = 0;
    for (first, last) in spans {
        for i in first.max(done)..=last {
            hashes[i] = rule.hashes.lexical(toks[i].kind, text(i));
        }
        done = done.max(last + 1);
    }
    // attribute order carries no meaning: each tag's attributes are taken sorted by name
    // (inner tags first; a tag a unit starts or ends inside is left as written)
    let mut order: Vec<u32> = (0..toks.len() as u32).collect();
    let mut chunk = Vec::new();
    for g in &lx.attr_groups {
        let (lo, hi) = (g.attrs[0] as usize, g.end as usize);
        let inside = |b: usize| lo < b && b < hi;
        if units.iter().any(|u| inside(u.first) || inside(u.last + 1)) {
            continue;
        }
        let mut attrs: Vec<(usize, usize)> = g
            .attrs
            .iter()
            .enumerate()
            .map(|(k, &a)| (a as usize, g.attrs.get(k + 1).map_or(hi, |&n| n as usize)))
            .collect();
        attrs.sort_by_key(|&(a, _)| text(a));
        chunk.clear();
        for (a, b) in attrs {
            chunk.extend_from_slice(&order[a..b]);
        }
        order[lo..hi].copy_from_slice(&chunk);
    }
    let mut seq = Vec::new();
    let mut raw = Vec::new();
    // the rendered-parts facts (primitives, own parts) by the same helpers as the kind: not
    // what this reference checks
    let bindings = package_bindings(lx, src);
    let first_hit = out.len();
    let unit_names: Vec<&str> = units.iter().map(|u| text(u.name)).collect();
    let mut rendered: Vec<((usize, usize), Vec<&str>)> = Vec::new();
    for u in units {
        let (primitives, tags) = if bindings.is_empty() && unit_names.len() < 2 {
            (Vec::new(), Vec::new())
        } else {
            rendered_parts(lx, src, (u.first, u.last), &bindings, &unit_names)
        };
        rendered.push(((u.first, u.last), tags));
        seq.clear();
        seq.extend(order[u.first..=u.last].iter().map(|&i| hashes[i as usize]));
        raw.clear();
        if rule.js_sequences {
            raw.extend(order[u.first..=u.last].iter().map(|&i| {
                let i = i as usize;
                lexical_raw(toks[i].kind, text(i), hashes[i])
            }));
        }
        let name = toks[u.name].start as usize..toks[u.name].end as usize;
        let mut hit = unit_hit(
            name.clone(),
            src[name].to_string(),
            &seq,
            &raw,
            rule.min_tokens,
        );
        // an exact copy renders the same components: for the exact hash, the names of
        // the components a unit renders (`<BaseKanBanRoot>`) stay, so thin adapters around
        // different components are not "identical" (near-matching still renames them)
        let exact = order[u.first..=u.last].iter().map(|&i| {
            let i = i as usize;
            if toks[i].kind == JsKind::JsxTagName {
                stable_hash(&["<", text(i)])
            } else {
                hashes[i]
            }
        });
        let exact: Vec<u64> = exact.collect();
        // names as written (literal values still placeholders): a verbatim copy
        // names as written: the verbatim hash's tokens, and (without the unit's own
        // name) its vocabulary
        let mut verbatim = vec![stable_hash(&["unit", text(u.name)])];
        let mut vocab = Vec::new();
        for &i in &order[u.first..=u.last] {
            let i = i as usize;
            let named = match toks[i].kind {
                JsKind::JsxTagName => Some(stable_hash(&["<", text(i)])),
                JsKind::Ident if !js_lexer::is_keyword(text(i)) => {
                    Some(stable_hash(&["name", text(i)]))
                }
                _ => None,
            };
            verbatim.push(named.unwrap_or(hashes[i]));
            if let Some(h) = named.filter(|_| rule.js_sequences && i != u.name) {
                vocab.push(h);
            }
        }
        vocab.sort_unstable();
        vocab.dedup();
        if let Some(Fact::Unit(unit)) = hit.extras.as_mut().and_then(|e| e.fact.as_mut()) {
            unit.document = document(lx, src, u.first, u.last);
            // only a document is compared by its words
            if unit.document {
                unit.lits = literal_words(lx, src, u.first, u.last);
            }
            unit.verbatim = similarity::hash_tokens(&verbatim).max(1);
            unit.exact = similarity::hash_tokens(&exact).max(1);
            unit.adapter = adapter_key(lx, src, u.first, u.last);
            unit.primitives = primitives;
            unit.placeholder = placeholder(lx, src, u.first, u.last);
            // the names it uses as written (`js_sequences` only): [`vocabularies_differ`]
            unit.vocab = vocab;
        }
        out.push(hit);
    }
    local_parts(lx, src, &rendered, &unit_names, &mut out[first_hit..]);
}
