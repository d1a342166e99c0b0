//! Kind `duplicate-component`: near-copies of React components and Rust functions across files.
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain duplicate-component`).

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use tree_sitter::Node;

use super::{node_text, CompileCtx, FileRule, Hit, KindInfo, Literal, Unit, UnitRecord};
use crate::config::{ConfigError, Fields};
use crate::diagnostic::{stable_hash, Finding, Related};
use crate::lang::{Lang, LangSet};
use crate::similarity;

pub const DOCS: &str = r#"duplicate-component — near-copies of components and functions

What
  Finds React components (function declarations and arrow/function expressions with a
  capitalised name that render JSX, memo/forwardRef/observer wrappers, class components) and
  Rust functions and methods that are near-copies of each other across the codebase, and
  reports each group once, with every member in `related`.
  Each unit's tokens are normalised — identifiers and literal values (strings, numbers, JSX
  text) become placeholders, while JSX tag and attribute names, keywords and punctuation stay —
  JSX attributes are taken in sorted order (their order carries no meaning) — and hashed as
  overlapping k-grams (k = 5). MinHash signatures with LSH banding propose
  candidate pairs in near-linear time (never all pairs); each candidate is verified with the
  exact Jaccard similarity of the two k-gram sets; pairs at or over `threshold` are grouped with
  union-find. So renamed identifiers, changed colours/padding/strings, reordered props and an
  added wrapper element still match.
    threshold = 0.5         Jaccard similarity (0..1) of the two k-gram sets for two units to
                            count as copies (0.5 keeps copies with several edits; 0.8 only
                            close copies)
    min_tokens = 60         units with fewer normalised tokens are ignored (boilerplate)
    design_system = ["packages/ui/src/**"]   where the design system's own components live: a
                            copy of one of them in app code is reported as such
    design_system_import = "@acme/ui"       named in the help of those findings
    language = [...]        restrict to some of tsx, javascript, rust (default: all three;
                            `.ts` files cannot hold JSX, so they are not read for this kind)
  Files marked generated (`@generated`, `auto-generated`, `DO NOT EDIT` near the top),
  `*.d.ts` files and icon components (whose first element is an `<svg>`) are skipped. Look-alike names (PrimaryButton, ButtonPrimary, BtnPrimary) with
  similar structure are listed first.

Why
  Code assistants copy instead of reuse: seven button variants that should all be <Button>,
  each a little different. Copies drift apart, bugs get fixed in one of them, and the design
  system loses adoption without anyone deciding so.

Example
  [[rule]]
  id = "ui/duplicate-components"
  kind = "duplicate-component"
  severity = "warning"
  message = "near-copies of `{match}`"
  adr = { id = "ADR-0001", title = "Use the design system", path = "docs/adr/0001-design-system.md" }
  design_system = ["packages/ui/src/**"]
  design_system_import = "@acme/ui"
  tests = "exclude"
"#;

pub const KIND: KindInfo = KindInfo {
    name: "duplicate-component",
    summary: "near-copies of React components and Rust functions, found in near-linear time",
    docs: DOCS,
    fields: &[
        "threshold",
        "min_tokens",
        "design_system",
        "design_system_import",
        "language",
    ],
    compile,
};

/// Tokens per k-gram.
const K: usize = 5;
/// Candidate buckets larger than this are boilerplate every unit shares: skipped.
const MAX_BUCKET: usize = 200;

const JS_KINDS: &[&str] = &[
    "function_declaration",
    "variable_declarator",
    "class_declaration",
];
const RS_KINDS: &[&str] = &["function_item"];

#[derive(Debug)]
struct DuplicateComponent {
    langs: LangSet,
    threshold: f64,
    min_tokens: usize,
    design_system: Option<GlobSet>,
    design_system_import: Option<String>,
    hashes: KindHashes,
}

fn compile(f: &Fields<'_, '_>, _ctx: &CompileCtx<'_>) -> Result<Box<dyn FileRule>, ConfigError> {
    let src = f.src;
    let threshold = match f.get_float("threshold")? {
        None => 0.5,
        Some(t) if (0.05..=1.0).contains(t.get_ref()) => *t.get_ref(),
        Some(t) => return Err(ConfigError::at(
            src,
            t.span(),
            "threshold must be between 0.05 and 1",
        )
        .label("out of range")
        .help("0.75 finds copies with renamed names and changed values; 0.9 only close copies")),
    };
    let min_tokens = match f.int("min_tokens")? {
        None => 60,
        Some(n) if *n.get_ref() >= 10 && *n.get_ref() <= 100_000 => *n.get_ref() as usize,
        Some(n) => {
            return Err(
                ConfigError::at(src, n.span(), "min_tokens must be between 10 and 100000")
                    .label("out of range"),
            )
        }
    };
    let design_system = match f.str_list("design_system")? {
        None => None,
        Some(list) => {
            let mut b = GlobSetBuilder::new();
            for g in &list {
                let pat = g.get_ref().trim_start_matches("./").trim_end_matches('/');
                for p in [pat.to_string(), format!("{pat}/**")] {
                    b.add(
                        GlobBuilder::new(&p)
                            .literal_separator(true)
                            .build()
                            .map_err(|e| {
                                ConfigError::at(
                                    src,
                                    g.span(),
                                    format!("invalid glob: {}", e.kind()),
                                )
                                .label("this glob")
                            })?,
                    );
                }
            }
            Some(
                b.build()
                    .map_err(|e| ConfigError::plain(format!("invalid globs: {e}")))?,
            )
        }
    };
    let design_system_import = f.str("design_system_import")?.map(|s| s.into_inner());
    // components render JSX, which `.ts` files cannot hold: they are never parsed for this kind
    let langs = super::languages_field(f)?.unwrap_or_else(|| {
        [Lang::Tsx, Lang::JavaScript, Lang::Rust]
            .into_iter()
            .collect()
    });
    Ok(Box::new(DuplicateComponent {
        langs,
        threshold,
        min_tokens,
        design_system,
        design_system_import,
        hashes: KindHashes::new(),
    }))
}

fn is_component_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

/// Whether the first bytes of a file say it is generated.
fn generated(src: &str) -> bool {
    let head = &src[..src.len().min(600)];
    let head_lower = head.to_ascii_lowercase();
    head.contains("@generated")
        || head_lower.contains("auto-generated")
        || head.contains("DO NOT EDIT")
}

/// The name and the node to fingerprint of a unit at `node`, if it is one.
fn unit_at<'t>(node: Node<'t>, src: &str, lang: Lang) -> Option<(String, Node<'t>)> {
    if lang == Lang::Rust {
        let name = node_text(node.child_by_field_name("name")?, src).to_string();
        return Some((name, node.child_by_field_name("body")?));
    }
    match node.kind() {
        "function_declaration" => {
            let name = node_text(node.child_by_field_name("name")?, src);
            is_component_name(name).then(|| (name.to_string(), node))
        }
        "class_declaration" => {
            let name = node_text(node.child_by_field_name("name")?, src);
            let heritage = node
                .named_children(&mut node.walk())
                .find(|c| c.kind() == "class_heritage")?;
            let h = node_text(heritage, src);
            (is_component_name(name) && (h.contains("Component"))).then(|| (name.to_string(), node))
        }
        "variable_declarator" => {
            let name_node = node.child_by_field_name("name")?;
            if name_node.kind() != "identifier" {
                return None;
            }
            let name = node_text(name_node, src);
            if !is_component_name(name) {
                return None;
            }
            let mut value = node.child_by_field_name("value")?;
            // memo(…), forwardRef(…), React.memo(…), observer(…): the function inside
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
            .then(|| (name.to_string(), value))
        }
        _ => None,
    }
}

/// Hashes of token shapes, per language and node kind id, computed once from the kind names (so
/// that the same shape hashes alike in the TSX, TypeScript and JavaScript grammars).
#[derive(Debug)]
struct KindHashes {
    by_lang: [Vec<u64>; 4],
    id: u64,
    lit: u64,
}

impl KindHashes {
    fn new() -> Self {
        let by_lang = Lang::ALL.map(|l| {
            let g = l.grammar();
            (0..g.node_kind_count() as u16)
                .map(|id| stable_hash(&[g.node_kind_for_id(id).unwrap_or("")]))
                .collect()
        });
        KindHashes {
            by_lang,
            id: stable_hash(&["$id"]),
            lit: stable_hash(&["$lit"]),
        }
    }
}

/// Normalised token hashes of a subtree, and whether it renders JSX.
fn tokens(root: Node<'_>, src: &str, lang: Lang, hashes: &KindHashes) -> (Vec<u64>, bool) {
    let mut t = Tokenizer {
        src,
        kinds: &hashes.by_lang[lang.index()],
        hashes,
        out: Vec::new(),
        jsx: false,
    };
    let mut cursor = root.walk();
    t.emit(&mut cursor, "", 0);
    (t.out, t.jsx)
}

/// Deeper than this, a unit's tokens are not followed (pathological nesting).
const MAX_DEPTH: usize = 256;

struct Tokenizer<'a> {
    src: &'a str,
    kinds: &'a [u64],
    hashes: &'a KindHashes,
    out: Vec<u64>,
    jsx: bool,
}

impl Tokenizer<'_> {
    /// Emits the tokens of the cursor's node (the cursor comes back to it).
    fn emit(&mut self, cursor: &mut tree_sitter::TreeCursor<'_>, parent: &str, depth: usize) {
        let node = cursor.node();
        let kind = node.kind();
        if depth > MAX_DEPTH || kind.ends_with("comment") {
            return;
        }
        if kind.starts_with("jsx_") {
            self.jsx = true;
        }
        if node.child_count() == 0 {
            let t = self.leaf(node, kind, parent);
            self.out.push(t);
            return;
        }
        if matches!(kind, "jsx_opening_element" | "jsx_self_closing_element") {
            // attribute order carries no meaning: attributes are taken sorted by their text
            let mut c = node.walk();
            let children: Vec<Node<'_>> = node.children(&mut c).collect();
            let is_attr = |n: &Node<'_>| matches!(n.kind(), "jsx_attribute" | "jsx_expression");
            let first_attr = children.iter().position(is_attr).unwrap_or(children.len());
            let mut attrs: Vec<Node<'_>> = children.iter().copied().filter(is_attr).collect();
            attrs.sort_by_key(|a| {
                node_text(*a, self.src)
                    .split(['=', ' '])
                    .next()
                    .unwrap_or("")
            });
            let rest: Vec<Node<'_>> = children.iter().copied().filter(|n| !is_attr(n)).collect();
            let (head, tail) = rest.split_at(first_attr.min(rest.len()));
            for n in head.iter().chain(attrs.iter()).chain(tail.iter()) {
                let mut c = n.walk();
                self.emit(&mut c, kind, depth + 1);
            }
            return;
        }
        if cursor.goto_first_child() {
            loop {
                self.emit(cursor, kind, depth + 1);
                if !cursor.goto_next_sibling() {
                    break;
                }
            }
            cursor.goto_parent();
        }
    }

    fn leaf(&self, node: Node<'_>, kind: &str, parent: &str) -> u64 {
        match kind {
            // names become placeholders, except JSX tags and attributes (the structure)
            "identifier"
            | "type_identifier"
            | "field_identifier"
            | "shorthand_property_identifier"
            | "shorthand_property_identifier_pattern"
            | "private_property_identifier" => {
                let intrinsic_tag = matches!(
                    parent,
                    "jsx_opening_element" | "jsx_closing_element" | "jsx_self_closing_element"
                ) && node_text(node, self.src)
                    .starts_with(|c: char| c.is_ascii_lowercase());
                if intrinsic_tag {
                    stable_hash(&[node_text(node, self.src)])
                } else {
                    self.hashes.id
                }
            }
            "property_identifier" => {
                if parent == "jsx_attribute" {
                    stable_hash(&[node_text(node, self.src)])
                } else {
                    self.hashes.id
                }
            }
            "string_fragment" | "string_content" | "number" | "integer_literal"
            | "float_literal" | "jsx_text" | "escape_sequence" | "char_literal"
            | "regex_pattern" | "template_chars" => self.hashes.lit,
            // anonymous tokens and other leaves: their kind is their text's shape
            _ => self
                .kinds
                .get(node.kind_id() as usize)
                .copied()
                .unwrap_or(self.hashes.id),
        }
    }
}

/// The first JSX element a unit renders (`svg` for an icon component).
fn first_jsx_tag<'s>(root: Node<'_>, src: &'s str) -> Option<&'s str> {
    let mut cursor = root.walk();
    loop {
        let n = cursor.node();
        if matches!(n.kind(), "jsx_opening_element" | "jsx_self_closing_element") {
            return n
                .child_by_field_name("name")
                .map(|name| node_text(name, src));
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == root {
                return None;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}

impl FileRule for DuplicateComponent {
    fn languages(&self) -> LangSet {
        self.langs
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        None
    }

    fn node_kinds(&self, lang: Lang) -> &[&'static str] {
        if lang == Lang::Rust {
            RS_KINDS
        } else {
            JS_KINDS
        }
    }

    fn check_node_in(&self, file: &str, node: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Hit>) {
        if file.ends_with(".d.ts") || generated(src) {
            return;
        }
        let Some((name, body)) = unit_at(node, src, lang) else {
            return;
        };
        // every token is at least a byte: too short to reach min_tokens
        if body.end_byte() - body.start_byte() < self.min_tokens {
            return;
        }
        let (toks, jsx) = tokens(body, src, lang, &self.hashes);
        if (lang != Lang::Rust && !jsx) || toks.len() < self.min_tokens {
            return;
        }
        // icon components are all alike by design: an <svg> with different path data
        if lang != Lang::Rust && first_jsx_tag(body, src) == Some("svg") {
            return;
        }
        let name_node = node.child_by_field_name("name").unwrap_or(node);
        out.push(Hit {
            start: name_node.start_byte(),
            end: name_node.end_byte(),
            matched: name.clone(),
            silent: true,
            unit: Some(Box::new(Unit {
                name,
                tokens: toks.len(),
                shingles: similarity::shingles(&toks, K),
            })),
            ..Default::default()
        });
    }

    fn needs_all_files(&self) -> bool {
        true
    }

    fn cross_file(&self, mut units: Vec<UnitRecord>, template: &Finding) -> Vec<Finding> {
        // a stable order whatever order the files were checked in
        units.sort_by(|a, b| {
            (&a.file, a.byte_start, &a.unit.name).cmp(&(&b.file, b.byte_start, &b.unit.name))
        });
        let sigs: Vec<_> = units
            .iter()
            .map(|u| similarity::minhash(&u.unit.shingles))
            .collect();
        let mut uf = similarity::UnionFind::new(units.len());
        let mut sim: std::collections::HashMap<(usize, usize), f64> = Default::default();
        for (i, j) in similarity::candidates(&sigs, MAX_BUCKET) {
            // nested units (a component inside another in the same file) are not copies
            if units[i].file == units[j].file
                && (units[i].byte_start..units[i].byte_end).contains(&units[j].byte_start)
            {
                continue;
            }
            let s = similarity::jaccard(&units[i].unit.shingles, &units[j].unit.shingles);
            if s >= self.threshold {
                uf.union(i, j);
                sim.insert((i, j), s);
            }
        }
        let in_ds = |u: &UnitRecord| {
            self.design_system
                .as_ref()
                .is_some_and(|g| g.is_match(&u.file))
        };
        let similarity_of = |a: usize, b: usize| {
            let (x, y) = (a.min(b), a.max(b));
            sim.get(&(x, y)).copied().unwrap_or_else(|| {
                similarity::jaccard(&units[x].unit.shingles, &units[y].unit.shingles)
            })
        };
        let mut out = Vec::new();
        for group in uf.groups() {
            let ds: Vec<usize> = group
                .iter()
                .copied()
                .filter(|i| in_ds(&units[*i]))
                .collect();
            let app: Vec<usize> = group
                .iter()
                .copied()
                .filter(|i| !in_ds(&units[*i]))
                .collect();
            if let Some(&original) = ds.first() {
                // each app copy of a design-system component is its own finding
                for &c in &app {
                    let s = similarity_of(original, c);
                    let mut f = self.finding_at(template, &units[c]);
                    let o = &units[original];
                    f.message = format!(
                        "{}: {:.0}% similar to the design-system component `{}`",
                        f.message,
                        s * 100.0,
                        o.unit.name
                    );
                    let import = self
                        .design_system_import
                        .as_ref()
                        .map(|p| format!(": `import {{ {} }} from \"{p}\"`", o.unit.name))
                        .unwrap_or_default();
                    f.help = Some(format!(
                        "Use `<{}>` from the design system{import} instead of a copy{}",
                        o.unit.name,
                        template
                            .help
                            .as_ref()
                            .map(|h| format!("\n{h}"))
                            .unwrap_or_default()
                    ));
                    f.related = vec![Related {
                        file: o.file.clone(),
                        line: o.line,
                        column: o.column,
                        message: format!(
                            "design-system component `{}` ({:.0}% similar)",
                            o.unit.name,
                            s * 100.0
                        ),
                    }];
                    f.fingerprint = format!(
                        "{:016x}",
                        stable_hash(&[
                            &template.rule,
                            "ds-copy",
                            &units[c].file,
                            &units[c].unit.name,
                            &o.unit.name
                        ])
                    );
                    out.push(f);
                }
                continue;
            }
            // a plain cluster: one finding at its first member, the others in `related`, the
            // look-alike names first
            let anchor = group[0];
            let mut others: Vec<(usize, f64, f64)> = group[1..]
                .iter()
                .map(|&i| {
                    (
                        i,
                        similarity_of(anchor, i),
                        similarity::name_similarity(&units[anchor].unit.name, &units[i].unit.name),
                    )
                })
                .collect();
            others.sort_by(|a, b| {
                (b.1 + 0.25 * b.2)
                    .partial_cmp(&(a.1 + 0.25 * a.2))
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.0.cmp(&b.0))
            });
            let a = &units[anchor];
            let mut f = self.finding_at(template, a);
            let names: Vec<String> = others
                .iter()
                .map(|(i, _, _)| format!("`{}`", units[*i].unit.name))
                .collect();
            let lookalike = others.iter().any(|(_, _, n)| *n >= 0.5);
            f.message = format!(
                "{}: {} near-cop{}: {}{}",
                f.message,
                others.len(),
                if others.len() == 1 { "y" } else { "ies" },
                names.join(", "),
                if lookalike { " (look-alike names)" } else { "" }
            );
            if template.help.is_none() {
                f.help = Some("Keep one implementation and reuse it (with props for what differs); delete the copies.".into());
            }
            f.related = others
                .iter()
                .map(|&(i, s, _)| Related {
                    file: units[i].file.clone(),
                    line: units[i].line,
                    column: units[i].column,
                    message: format!("`{}` ({:.0}% similar)", units[i].unit.name, s * 100.0),
                })
                .collect();
            let mut key: Vec<String> = group
                .iter()
                .map(|i| format!("{}#{}", units[*i].file, units[*i].unit.name))
                .collect();
            key.sort();
            f.fingerprint = format!(
                "{:016x}",
                stable_hash(&[&template.rule, "cluster", &key.join("\n")])
            );
            out.push(f);
        }
        out
    }
}

impl DuplicateComponent {
    fn finding_at(&self, template: &Finding, u: &UnitRecord) -> Finding {
        let mut f = template.clone();
        f.file = u.file.clone();
        f.line = u.line;
        f.column = u.column;
        f.end_line = u.line;
        f.end_column = u.column + u.unit.name.chars().count();
        f.byte_start = u.byte_start;
        f.byte_end = u.byte_end;
        f.matched = u.unit.name.clone();
        f.message = template.message.replace("{match}", &u.unit.name);
        f
    }
}
