//! Kind `duplicate-component`: near-copies of React components and Rust functions across files.
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain duplicate-component`).

pub(crate) mod similarity;

use rayon::prelude::*;
use tree_sitter::Node;

use super::fact::{Fact, FileFact, Unit};

/// A unit with its place, as the cross-file stage compares them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UnitRecord {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
    pub(crate) unit: Unit,
}
use super::hit::Hit;
use super::kind::{CompileCtx, FileCtx, KindInfo, RuleKind};
use super::literal::Literal;
use super::syntax::node_text;
use crate::core::{compile_globs, ConfigError, Fields, Globs};
use crate::core::{stable_hash, Finding, Related};
use crate::lang::js_lexer::{self, Kind as JsKind};
use crate::lang::{Lang, LangSet};

pub(crate) const DOCS: &str = r#"duplicate-component — near-copies of components and functions

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
  TSX/JSX/JS files are read by a purpose-built lexer (strings, templates, regexes, comments and
  JSX tracked, brackets and elements matched), not parsed: finding components needs their
  tokens and extent, not a syntax tree, and lexing is ~10x cheaper than a tree-sitter parse.
  Its components agree with a tree-sitter reference on every file of the fixtures and of
  makeplane/plane. Rust functions come from the tree-sitter tree.
    threshold = 0.5         Jaccard similarity (0..1) of the two k-gram sets for two units to
                            count as copies (0.5 keeps copies with several edits; 0.8 only
                            close copies)
    min_tokens = 80         units with fewer normalised tokens are ignored (thin wrappers and
                            boilerplate; a string or a JSX text is one token)
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

pub(crate) const KIND: KindInfo = KindInfo {
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

const RS_KINDS: &[&str] = &["function_item"];

#[derive(Debug)]
struct DuplicateComponent {
    langs: LangSet,
    threshold: f64,
    min_tokens: usize,
    design_system: Option<Globs>,
    design_system_import: Option<String>,
    hashes: KindHashes,
}

fn compile(f: &Fields<'_, '_>, _ctx: &CompileCtx<'_>) -> Result<Box<dyn RuleKind>, ConfigError> {
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
        None => 80,
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
        Some(list) => Some(compile_globs(src, &list)?),
    };
    let design_system_import = f.str("design_system_import")?.map(|s| s.into_inner());
    // components render JSX, which `.ts` files cannot hold: they are never parsed for this kind
    let langs = super::kind::languages_field(f)?.unwrap_or_else(|| {
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

/// Whether the first bytes of a file say it is generated.
fn generated(src: &str) -> bool {
    // bytes, not a `str` slice: byte 600 may fall inside a character
    let head = &src.as_bytes()[..src.len().min(600)];
    let has = |needle: &[u8], any_case: bool| {
        head.windows(needle.len()).any(|w| {
            if any_case {
                w.eq_ignore_ascii_case(needle)
            } else {
                w == needle
            }
        })
    };
    has(b"@generated", false) || has(b"auto-generated", true) || has(b"DO NOT EDIT", false)
}

/// The name and the body to fingerprint of a Rust function at `node`.
fn rust_unit<'t>(node: Node<'t>, src: &str) -> Option<(String, Node<'t>)> {
    let name = node_text(node.child_by_field_name("name")?, src).to_string();
    Some((name, node.child_by_field_name("body")?))
}

/// Hashes of token shapes: for Rust, per node kind id of the grammar, computed once from the
/// kind names; placeholders for names and literal values.
#[derive(Debug)]
struct KindHashes {
    rust: Vec<u64>,
    id: u64,
    lit: u64,
}

impl KindHashes {
    fn new() -> Self {
        let g = Lang::Rust.grammar();
        KindHashes {
            rust: (0..g.node_kind_count() as u16)
                .map(|id| stable_hash(&[g.node_kind_for_id(id).unwrap_or("")]))
                .collect(),
            id: stable_hash(&["$id"]),
            lit: stable_hash(&["$lit"]),
        }
    }

    /// The normalised hash of a token from the lexer: identifiers and literal values become
    /// placeholders; keywords, punctuation, intrinsic JSX tags (`div`) and attribute names stay.
    fn lexical(&self, kind: JsKind, text: &str) -> u64 {
        match kind {
            JsKind::Ident if js_lexer::is_keyword(text) => stable_hash(&[text]),
            JsKind::Ident => self.id,
            JsKind::Num | JsKind::Str | JsKind::Template | JsKind::Regex | JsKind::JsxText => {
                self.lit
            }
            JsKind::JsxTagName if text.starts_with(|c: char| c.is_ascii_lowercase()) => {
                stable_hash(&["<", text])
            }
            JsKind::JsxTagName => self.id,
            JsKind::JsxAttr => stable_hash(&["attr", text]),
            JsKind::Punct => stable_hash(&[text]),
            JsKind::JsxOpen | JsKind::JsxClose | JsKind::JsxTagEnd | JsKind::JsxSelfClose => {
                stable_hash(&["jsx", text])
            }
        }
    }
}

/// Normalised token hashes of a Rust subtree (a function body), in one walk: names and literal
/// values become placeholders, keywords and punctuation stay, comments go.
fn rust_tokens(root: Node<'_>, hashes: &KindHashes) -> Vec<u64> {
    let mut out = Vec::new();
    let mut cursor = root.walk();
    let mut depth = 0usize;
    loop {
        let node = cursor.node();
        let kind = node.kind();
        let skip = kind.ends_with("comment") || depth > MAX_DEPTH;
        if !skip && cursor.goto_first_child() {
            depth += 1;
            continue;
        }
        if !skip {
            out.push(match kind {
                "identifier" | "type_identifier" | "field_identifier" => hashes.id,
                "string_content" | "integer_literal" | "float_literal" | "escape_sequence"
                | "char_literal" => hashes.lit,
                // anonymous tokens and other leaves: their kind is their text's shape
                _ => hashes
                    .rust
                    .get(node.kind_id() as usize)
                    .copied()
                    .unwrap_or(hashes.id),
            });
        }
        loop {
            if depth == 0 {
                return out;
            }
            if cursor.goto_next_sibling() {
                break;
            }
            cursor.goto_parent();
            depth -= 1;
        }
    }
}

/// The silent hit that carries a unit (at its name) to the cross-file stage: its fingerprints.
fn unit_hit(name_span: std::ops::Range<usize>, name: String, tokens: &[u64]) -> Hit {
    Hit::new(name_span.start, name_span.end, name.clone())
        .silent()
        .fact(Fact::Unit(Unit {
            name,
            tokens: tokens.len(),
            shingles: similarity::shingles(tokens, K),
        }))
}

/// The units among a rule's facts, in a stable order whatever order the files were checked in.
fn units_of(facts: Vec<FileFact>) -> Vec<UnitRecord> {
    let mut units: Vec<UnitRecord> = facts
        .into_iter()
        .filter_map(|f| match f.fact {
            Fact::Unit(unit) => Some(UnitRecord {
                file: f.file,
                line: f.line,
                column: f.column,
                byte_start: f.byte_start,
                byte_end: f.byte_end,
                unit,
            }),
            _ => None,
        })
        .collect();
    units.sort_by(|a, b| {
        (&a.file, a.byte_start, &a.unit.name).cmp(&(&b.file, b.byte_start, &b.unit.name))
    });
    units
}

impl DuplicateComponent {
    /// Pairs of units at least `threshold` similar (exact Jaccard), found through MinHash/LSH
    /// candidates. Signatures and the exact check run on all threads; the pairs come out sorted,
    /// so the clusters do not depend on the thread count.
    fn similar_pairs(&self, units: &[UnitRecord]) -> Vec<(usize, usize, f64)> {
        let sigs: Vec<_> = units
            .par_iter()
            .map(|u| similarity::minhash(&u.unit.shingles))
            .collect();
        similarity::candidates(&sigs, MAX_BUCKET)
            .into_par_iter()
            .filter_map(|(i, j)| {
                let (a, b) = (&units[i].unit.shingles, &units[j].unit.shingles);
                // Jaccard is at most the ratio of the sizes: most candidates stop here
                if (a.len().min(b.len()) as f64) < self.threshold * a.len().max(b.len()) as f64 {
                    return None;
                }
                // and the signatures estimate it (96 values: a standard error of 0.05 at 0.5);
                // a pair estimated 0.2 under the threshold is 4 standard errors away
                if similarity::estimate(&sigs[i], &sigs[j]) < self.threshold - 0.2 {
                    return None;
                }
                let s = similarity::jaccard(a, b);
                (s >= self.threshold).then_some((i, j, s))
            })
            .collect()
    }
}

/// Deeper than this, a unit's tokens are not followed (pathological nesting).
const MAX_DEPTH: usize = 256;

impl RuleKind for DuplicateComponent {
    fn languages(&self) -> LangSet {
        self.langs
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        None
    }

    fn node_kinds(&self, lang: Lang) -> &[&'static str] {
        // TSX/JSX/JS units come from the lexer (check_text): no tree needed for them
        if lang == Lang::Rust {
            RS_KINDS
        } else {
            &[]
        }
    }

    fn check_text(&self, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let (src, lang) = (cx.src, cx.lang);
        if lang != Lang::Rust && !generated(src) {
            self.lexical_units(src, out);
        }
    }

    fn check_node(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        let Some((name, body)) = rust_unit(node, src) else {
            return;
        };
        // every token is at least a byte: too short to reach min_tokens
        if body.end_byte() - body.start_byte() < self.min_tokens || generated(src) {
            return;
        }
        let toks = rust_tokens(body, &self.hashes);
        if toks.len() < self.min_tokens {
            return;
        }
        let name_node = node.child_by_field_name("name").unwrap_or(node);
        out.push(unit_hit(name_node.byte_range(), name, &toks));
    }

    fn needs_all_files(&self) -> bool {
        true
    }

    fn cross_file(&self, facts: Vec<FileFact>, template: &Finding) -> Vec<Finding> {
        let units = units_of(facts);
        let verified = self.similar_pairs(&units);
        let mut uf = similarity::UnionFind::new(units.len());
        let mut sim: std::collections::HashMap<(usize, usize), f64> = Default::default();
        for (i, j, s) in verified {
            uf.union(i, j);
            sim.insert((i, j), s);
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
    /// The units of a JavaScript/TypeScript/JSX file, by the lexer ([`js_lexer`]): components
    /// that render JSX, with at least `min_tokens` tokens, icon components left out.
    fn lexical_units(&self, src: &str, out: &mut Vec<Hit>) {
        // an element needs a `<`; a unit needs min_tokens tokens of a byte or more
        if src.len() < self.min_tokens || !src.contains('<') {
            return;
        }
        let lx = js_lexer::lex(src);
        let toks = &lx.tokens;
        let text = |i: usize| &src[toks[i].start as usize..toks[i].end as usize];
        let units: Vec<js_lexer::UnitSpan> = js_lexer::units(&lx, src)
            .into_iter()
            .filter(|u| {
                if u.last + 1 - u.first < self.min_tokens {
                    return false;
                }
                // renders JSX, and is not an icon (an <svg> with different path data)
                let first_tag = (u.first..=u.last).find(|&i| toks[i].kind == JsKind::JsxTagName);
                first_tag.is_some_and(|i| text(i) != "svg")
            })
            .collect();
        if units.is_empty() {
            return;
        }
        let hashes: Vec<u64> = (0..toks.len())
            .map(|i| self.hashes.lexical(toks[i].kind, text(i)))
            .collect();
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
        for u in units {
            seq.clear();
            seq.extend(order[u.first..=u.last].iter().map(|&i| hashes[i as usize]));
            let name = toks[u.name].start as usize..toks[u.name].end as usize;
            out.push(unit_hit(name.clone(), src[name].to_string(), &seq));
        }
    }

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

#[cfg(test)]
mod tests;

#[cfg(test)]
mod cases;
