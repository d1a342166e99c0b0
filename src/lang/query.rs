//! Analysis of tree-sitter query source, without compiling it: the node kinds a pattern can start
//! at (so the engine runs a query only at those nodes, inside its one pass), the literal strings
//! a match must contain, and keywords every node of a kind contains (for the file prefilter).

use super::Lang;

/// A keyword every node of `kind` contains, as a token, in the grammar of `lang`. Only kinds
/// whose grammar rule always includes the keyword are listed; a missing kind only means no
/// prefilter, a wrong one would hide findings, so the list stays short and certain.
pub(crate) fn kind_keyword(lang: Lang, kind: &str) -> Option<&'static str> {
    let js = [
        ("debugger_statement", "debugger"),
        ("with_statement", "with"),
        ("new_expression", "new"),
        ("await_expression", "await"),
        ("yield_expression", "yield"),
        ("throw_statement", "throw"),
        ("try_statement", "try"),
        ("switch_statement", "switch"),
        ("while_statement", "while"),
        ("do_statement", "do"),
        ("for_in_statement", "for"),
        ("for_statement", "for"),
        ("class_declaration", "class"),
        ("class", "class"),
        ("import_statement", "import"),
        ("enum_declaration", "enum"),
        ("interface_declaration", "interface"),
        ("type_alias_declaration", "type"),
        ("abstract_class_declaration", "abstract"),
        ("satisfies_expression", "satisfies"),
        ("as_expression", "as"),
        // `expression !`
        ("non_null_expression", "!"),
        ("jsx_element", "<"),
        ("jsx_self_closing_element", "<"),
        ("jsx_opening_element", "<"),
        ("template_string", "`"),
        ("regex", "/"),
    ];
    let rust = [
        ("unsafe_block", "unsafe"),
        ("impl_item", "impl"),
        ("trait_item", "trait"),
        ("loop_expression", "loop"),
        ("while_expression", "while"),
        ("for_expression", "for"),
        ("match_expression", "match"),
        ("async_block", "async"),
        ("await_expression", "await"),
        ("static_item", "static"),
        ("const_item", "const"),
        ("mod_item", "mod"),
        ("extern_crate_declaration", "extern"),
        ("use_declaration", "use"),
        ("macro_definition", "macro_rules"),
        ("union_item", "union"),
        ("enum_item", "enum"),
        ("struct_item", "struct"),
        ("type_item", "type"),
        ("return_expression", "return"),
        ("macro_invocation", "!"),
        ("attribute_item", "#"),
        ("inner_attribute_item", "#!"),
        ("line_comment", "//"),
        ("block_comment", "/*"),
    ];
    let table: &[(&str, &'static str)] = if lang == Lang::Rust { &rust } else { &js };
    table.iter().find(|(k, _)| *k == kind).map(|(_, kw)| *kw)
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Open,
    Close,
    Str(String),
    Word(String),
    Quant(char),
    AltOpen,
    AltClose,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => toks.push(Tok::Open),
            ')' => toks.push(Tok::Close),
            '[' => toks.push(Tok::AltOpen),
            ']' => toks.push(Tok::AltClose),
            '?' | '*' | '+' => toks.push(Tok::Quant(c)),
            ';' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some('n') => s.push('\n'),
                            Some('t') => s.push('\t'),
                            Some(o) => s.push(o),
                            None => {}
                        },
                        '"' => break,
                        o => s.push(o),
                    }
                }
                toks.push(Tok::Str(s));
            }
            c if c.is_whitespace() => {}
            c => {
                let mut w = String::from(c);
                while let Some(&n) = chars.peek() {
                    if n.is_whitespace() || matches!(n, '(' | ')' | '[' | ']' | '"') {
                        break;
                    }
                    w.push(n);
                    chars.next();
                }
                toks.push(Tok::Word(w));
            }
        }
    }
    toks
}

/// The source text of each pattern of a compiled query: from its start to the start of the next
/// one (a predicate written after a pattern's last node, outside any group, belongs to it).
pub(crate) fn pattern_texts<'s>(query: &tree_sitter::Query, source: &'s str) -> Vec<&'s str> {
    let n = query.pattern_count();
    (0..n)
        .map(|i| {
            let start = query.start_byte_for_pattern(i);
            let end = if i + 1 < n {
                query.start_byte_for_pattern(i + 1)
            } else {
                source.len()
            };
            source.get(start..end.max(start)).unwrap_or("")
        })
        .collect()
}

/// One item of a query pattern, as far as the analysis needs it.
#[derive(Debug, Default)]
struct Item {
    what: What,
    /// `?` or `*`: the item may be absent from a match.
    optional: bool,
    /// Any quantifier (`+` too): a match may span several siblings.
    quantified: bool,
    captures: Vec<String>,
}

#[derive(Debug, Default)]
enum What {
    /// `(kind …)`; `None` for the wildcard `(_ …)`, and for `_`.
    Node {
        kind: Option<String>,
        /// `(MISSING …)`: a zero-width node, no text.
        missing: bool,
        children: Vec<Item>,
    },
    /// An anonymous node, `"=="`: its text is the string.
    Anon(String),
    /// `[a b]`
    Alt(Vec<Item>),
    /// `(a b)`, a sequence of siblings.
    Group(Vec<Item>),
    #[default]
    Nothing,
}

/// A predicate of a pattern: its operator and arguments (`@capture` words and strings).
#[derive(Debug)]
struct Predicate {
    op: String,
    args: Vec<Tok>,
}

/// A parsed pattern: its top-level items and every predicate in it (tree-sitter applies a
/// predicate to the whole pattern, wherever it is written).
struct Parsed {
    items: Vec<Item>,
    predicates: Vec<Predicate>,
    /// Whether the parser understood every token (else the analysis claims nothing).
    whole: bool,
}

struct Parser<'a> {
    toks: &'a [Tok],
    at: usize,
    predicates: Vec<Predicate>,
    whole: bool,
    depth: usize,
}

/// Deeper nesting than this is not analysed (the query compiler bounds it anyway).
const MAX_DEPTH: usize = 256;

impl Parser<'_> {
    /// Items until the closer of the enclosing group (consumed by the caller).
    fn seq(&mut self) -> Vec<Item> {
        let mut items: Vec<Item> = Vec::new();
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.whole = false;
            self.at = self.toks.len();
        }
        while let Some(t) = self.toks.get(self.at) {
            match t {
                Tok::Close | Tok::AltClose => break,
                Tok::Open => {
                    self.at += 1;
                    match self.toks.get(self.at) {
                        Some(Tok::Word(w)) if w.starts_with('#') => {
                            let op = w.clone();
                            self.at += 1;
                            let mut args = Vec::new();
                            while let Some(t) = self.toks.get(self.at) {
                                match t {
                                    Tok::Close => break,
                                    Tok::Word(_) | Tok::Str(_) => args.push(t.clone()),
                                    _ => self.whole = false,
                                }
                                self.at += 1;
                            }
                            self.close(Tok::Close);
                            self.predicates.push(Predicate { op, args });
                        }
                        Some(Tok::Word(w)) => {
                            let w = w.clone();
                            self.at += 1;
                            let children = self.seq();
                            self.close(Tok::Close);
                            let kind = w.rsplit('/').next().unwrap_or("").to_string();
                            items.push(Item {
                                what: What::Node {
                                    kind: (kind != "_" && !kind.is_empty()).then_some(kind),
                                    missing: w == "MISSING",
                                    children,
                                },
                                ..Default::default()
                            });
                        }
                        _ => {
                            let children = self.seq();
                            self.close(Tok::Close);
                            items.push(Item {
                                what: What::Group(children),
                                ..Default::default()
                            });
                        }
                    }
                }
                Tok::AltOpen => {
                    self.at += 1;
                    let branches = self.seq();
                    self.close(Tok::AltClose);
                    items.push(Item {
                        what: What::Alt(branches),
                        ..Default::default()
                    });
                }
                Tok::Str(s) => {
                    items.push(Item {
                        what: What::Anon(s.clone()),
                        ..Default::default()
                    });
                    self.at += 1;
                }
                Tok::Quant(q) => {
                    match items.last_mut() {
                        Some(last) => {
                            last.optional |= *q != '+';
                            last.quantified = true;
                        }
                        None => self.whole = false,
                    }
                    self.at += 1;
                }
                Tok::Word(w) => {
                    if let Some(c) = w.strip_prefix('@') {
                        match items.last_mut() {
                            Some(last) => last.captures.push(c.to_string()),
                            None => self.whole = false,
                        }
                    } else if w == "_" || w == "_?" || w == "_*" || w == "_+" {
                        items.push(Item {
                            what: What::Node {
                                kind: None,
                                missing: false,
                                children: Vec::new(),
                            },
                            optional: w.ends_with(['?', '*']),
                            quantified: w.len() > 1,
                            ..Default::default()
                        });
                    } else if !(w.ends_with(':') || w.starts_with('!') || w == ".") {
                        self.whole = false;
                    }
                    self.at += 1;
                }
            }
        }
        self.depth -= 1;
        items
    }

    fn close(&mut self, closer: Tok) {
        if self.toks.get(self.at) == Some(&closer) {
            self.at += 1;
        } else {
            self.whole = false;
        }
    }
}

fn parse_pattern(text: &str) -> Parsed {
    let toks = tokenize(text);
    let mut p = Parser {
        toks: &toks,
        at: 0,
        predicates: Vec::new(),
        whole: true,
        depth: 0,
    };
    let mut items = p.seq();
    // a stray closer: keep going, but claim nothing
    while p.at < toks.len() {
        p.whole = false;
        p.at += 1;
        items.extend(p.seq());
    }
    Parsed {
        items,
        predicates: p.predicates,
        whole: p.whole,
    }
}

/// Whether a pattern is predicates alone, with no node: tree-sitter makes a predicate written
/// outside the parentheses of a pattern (`(a) @x (#eq? @x "y")`) a pattern of its own, which
/// applies to nothing and matches every node without a capture.
pub(crate) fn predicates_only(text: &str) -> bool {
    let parsed = parse_pattern(text);
    parsed.items.is_empty() && !parsed.predicates.is_empty()
}

/// The node kinds a single query pattern can start at: `(kind …)`, `((kind …) @c (#pred …))`,
/// or a top-level alternation of such nodes, `[(a) (b)] @c`, alternations nested in it too.
/// `None` for wildcards, anonymous nodes, quantified or multi-node top levels: such a pattern
/// is run over the whole tree.
pub(crate) fn pattern_root_kinds(text: &str) -> Option<Vec<String>> {
    let parsed = parse_pattern(text);
    if !parsed.whole {
        return None;
    }
    fn roots(items: &[Item], out: &mut Vec<String>) -> Option<()> {
        let [item] = items else {
            return None;
        };
        if item.optional || item.quantified {
            return None;
        }
        match &item.what {
            What::Node {
                kind: Some(k),
                missing: false,
                ..
            } if !k.starts_with('#') && !k.contains(':') && k != "ERROR" => {
                if !out.contains(k) {
                    out.push(k.clone());
                }
                Some(())
            }
            What::Group(inner) => roots(inner, out),
            What::Alt(branches) if !branches.is_empty() => {
                for b in branches {
                    roots(std::slice::from_ref(b), out)?;
                }
                Some(())
            }
            _ => None,
        }
    }
    let mut out = Vec::new();
    roots(&parsed.items, &mut out)?;
    (!out.is_empty()).then_some(out)
}

/// A string a file must contain for a pattern to match in it. `token`: the string is a whole
/// token in the source (an identifier's text, a keyword), so the characters around it cannot
/// continue an identifier; else any substring.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Lit {
    pub(crate) text: String,
    pub(crate) token: bool,
}

/// One way a pattern can match: the captures present in every such match, and requirements
/// (each a set of strings of which the match's text contains at least one).
#[derive(Clone, Debug, Default)]
struct Way {
    captures: Vec<String>,
    needs: Vec<Vec<Lit>>,
}

/// More ways than this (nested alternations multiply) are merged into one.
const MAX_WAYS: usize = 64;

/// Node kinds whose text is one identifier-like token: an `#eq?` on their capture is a whole
/// word in the file.
const WORD_KINDS: &[&str] = &[
    "identifier",
    "property_identifier",
    "shorthand_property_identifier",
    "shorthand_property_identifier_pattern",
    "type_identifier",
    "field_identifier",
    "statement_identifier",
    "private_property_identifier",
    "predefined_type",
    "primitive_type",
    "this",
    "super",
    "self",
    "crate",
];

/// The better of two requirements for a prefilter: the longer shortest string, then fewer.
fn better(a: &[Lit], b: &[Lit]) -> bool {
    let score = |v: &[Lit]| {
        (
            v.iter().map(|l| l.text.len()).min().unwrap_or(0),
            usize::MAX - v.len(),
        )
    };
    score(a) > score(b)
}

fn best(needs: &[Vec<Lit>]) -> Option<&Vec<Lit>> {
    let mut best: Option<&Vec<Lit>> = None;
    for n in needs {
        if n.is_empty() || n.iter().any(|l| l.text.is_empty()) {
            continue;
        }
        if best.is_none_or(|b| better(n, b)) {
            best = Some(n);
        }
    }
    best
}

/// Ways merged into one: the captures all have, and one requirement made of each way's best
/// (a match of any way contains one of them); nothing when a way has none.
fn merge(ways: Vec<Way>) -> Way {
    let mut it = ways.into_iter();
    let Some(first) = it.next() else {
        return Way::default();
    };
    let mut captures = first.captures.clone();
    let mut union: Option<Vec<Lit>> = best(&first.needs).cloned();
    for w in it {
        captures.retain(|c| w.captures.contains(c));
        union = match (union, best(&w.needs)) {
            (Some(mut u), Some(b)) => {
                u.extend(b.iter().cloned());
                Some(u)
            }
            _ => None,
        };
    }
    Way {
        captures,
        needs: union.into_iter().map(dedup).collect(),
    }
}

fn dedup(mut v: Vec<Lit>) -> Vec<Lit> {
    v.sort();
    v.dedup();
    v
}

/// Every combination of one way of each part (a sequence: all parts are in the match).
fn product(parts: Vec<Vec<Way>>) -> Vec<Way> {
    let mut acc = vec![Way::default()];
    for ways in parts {
        let mut next = Vec::with_capacity(acc.len() * ways.len());
        for a in &acc {
            for w in &ways {
                let mut c = a.clone();
                c.captures.extend(w.captures.iter().cloned());
                c.needs.extend(w.needs.iter().cloned());
                next.push(c);
            }
        }
        acc = if next.len() > MAX_WAYS {
            vec![merge(next)]
        } else {
            next
        };
    }
    acc
}

struct Analysis<'a> {
    lang: Option<Lang>,
    /// Capture → the kind of the node it is on (when one named node).
    capture_kinds: &'a mut Vec<(String, Option<String>)>,
}

impl Analysis<'_> {
    fn ways(&mut self, item: &Item) -> Vec<Way> {
        for c in &item.captures {
            let kind = match &item.what {
                What::Node { kind, .. } => kind.clone(),
                _ => None,
            };
            self.capture_kinds.push((c.clone(), kind));
        }
        let mut ways = match &item.what {
            What::Node {
                missing: true,
                children,
                ..
            } => {
                // a missing node has no text (nor do its captures)
                let _ = self.seq(children);
                return vec![Way::default()];
            }
            What::Node { kind, children, .. } => {
                let mut ways = self.seq(children);
                let keyword = match (self.lang, kind) {
                    (Some(l), Some(k)) => kind_keyword(l, k),
                    _ => None,
                };
                if let Some(kw) = keyword {
                    for w in &mut ways {
                        w.needs.push(vec![Lit {
                            text: kw.to_string(),
                            token: true,
                        }]);
                    }
                }
                ways
            }
            What::Anon(s) => vec![Way {
                captures: Vec::new(),
                needs: vec![vec![Lit {
                    text: s.clone(),
                    token: true,
                }]],
            }],
            What::Alt(branches) => {
                let mut all = Vec::new();
                for b in branches {
                    all.extend(self.ways(b));
                }
                if all.is_empty() {
                    all.push(Way::default());
                }
                if all.len() > MAX_WAYS {
                    vec![merge(all)]
                } else {
                    all
                }
            }
            What::Group(children) => self.seq(children),
            What::Nothing => vec![Way::default()],
        };
        if item.optional {
            // absent from some matches: neither its captures nor its text are certain
            return vec![Way::default()];
        }
        for w in &mut ways {
            w.captures.extend(item.captures.iter().cloned());
        }
        ways
    }

    fn seq(&mut self, items: &[Item]) -> Vec<Way> {
        let parts = items.iter().map(|i| self.ways(i)).collect();
        product(parts)
    }
}

/// What a positive predicate requires of the text of its capture's node, if anything.
fn predicate_needs(
    p: &Predicate,
    word_capture: &dyn Fn(&str) -> bool,
) -> Option<(String, Vec<Lit>)> {
    let Some(Tok::Word(cap)) = p.args.first() else {
        return None;
    };
    let cap = cap.strip_prefix('@')?;
    let strings: Vec<&str> = p.args[1..]
        .iter()
        .map(|a| match a {
            Tok::Str(s) => Some(s.as_str()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let token = word_capture(cap);
    let lits: Vec<Lit> = match (p.op.as_str(), strings.as_slice()) {
        ("#eq?" | "#any-eq?", [s]) => vec![Lit {
            text: s.to_string(),
            token,
        }],
        ("#any-of?", list) if !list.is_empty() => list
            .iter()
            .map(|s| Lit {
                text: s.to_string(),
                token,
            })
            .collect(),
        ("#match?" | "#any-match?", [re]) => super::regex_literals::required(re, false)?
            .into_iter()
            .map(|text| Lit { text, token: false })
            .collect(),
        // negative predicates (`#not-eq?`, `#not-match?`, …) only exclude: nothing required
        _ => return None,
    };
    Some((cap.to_string(), lits))
}

/// Strings a file must contain for the pattern to match in it (one of them, at least): the
/// best requirement of each way it can match — an anonymous node, the keyword every node of a
/// kind contains ([`kind_keyword`], with `lang`), the strings of a positive `#eq?`/`#any-of?`
/// on a capture present in every match of that way, or the literal factors every match of a
/// `#match?` regex contains. `None` when some way has none.
pub(crate) fn pattern_requirement(lang: Option<Lang>, text: &str) -> Option<Vec<Lit>> {
    let parsed = parse_pattern(text);
    if !parsed.whole {
        return None;
    }
    let mut capture_kinds = Vec::new();
    let ways = Analysis {
        lang,
        capture_kinds: &mut capture_kinds,
    }
    .seq(&parsed.items);
    // capture → whether every node it is on is one word (one pass: a query may have thousands)
    let mut words: std::collections::HashMap<&str, bool> = std::collections::HashMap::new();
    for (name, kind) in &capture_kinds {
        let word = kind.as_deref().is_some_and(|k| WORD_KINDS.contains(&k));
        *words.entry(name.as_str()).or_insert(true) &= word;
    }
    let word_capture = |c: &str| words.get(c).copied().unwrap_or(false);
    let from_predicates: Vec<(String, Vec<Lit>)> = parsed
        .predicates
        .iter()
        .filter_map(|p| predicate_needs(p, &word_capture))
        .collect();
    let mut out = Vec::new();
    for mut w in ways {
        for (cap, lits) in &from_predicates {
            if w.captures.contains(cap) {
                w.needs.push(lits.clone());
            }
        }
        out.extend(best(&w.needs)?.iter().cloned());
    }
    let out = dedup(out);
    (!out.is_empty()).then_some(out)
}

/// The literal strings of one pattern (no grammar keywords): see [`pattern_requirement`].
pub(crate) fn pattern_literals(text: &str) -> Option<Vec<String>> {
    pattern_requirement(None, text).map(|v| v.into_iter().map(|l| l.text).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_and_literals() {
        assert_eq!(
            pattern_literals(r#"((identifier) @f (#eq? @f "eval"))"#),
            Some(vec!["eval".to_string()])
        );
        assert_eq!(
            pattern_literals(r#"((identifier) @f (#any-of? @f "eval" "Function"))"#),
            Some(vec!["Function".to_string(), "eval".to_string()])
        );
        // alternation or quantifier: a capture may be absent, so no literal is certain
        assert_eq!(
            pattern_literals(r#"[(identifier) @f (this)] (#eq? @f "eval")"#),
            None
        );
        assert_eq!(
            pattern_literals(r#"((identifier)? @f (#eq? @f "eval"))"#),
            None
        );
        // negative predicates and #match? give nothing
        assert_eq!(
            pattern_literals(r#"((identifier) @f (#not-eq? @f "eval"))"#),
            None
        );
        assert_eq!(
            pattern_literals(r#"((identifier) @f (#not-match? @f "^ev"))"#),
            None
        );
        // #match?: the regex's required literal factors
        assert_eq!(
            pattern_literals(r#"((identifier) @f (#match? @f "^ev"))"#),
            Some(vec!["ev".to_string()])
        );
        assert_eq!(pattern_literals("(debugger_statement) @match"), None);
        // an anonymous node is a literal too
        assert_eq!(
            pattern_literals(r#"(binary_expression operator: "==") @match"#),
            Some(vec!["==".to_string()])
        );
        // comments are skipped
        assert_eq!(pattern_literals("; [a]*\n(unsafe_block) @match"), None);
    }

    fn req(lang: Lang, text: &str) -> Option<String> {
        pattern_requirement(Some(lang), text).map(|v| {
            v.iter()
                .map(|l| format!("{}{}", l.text, if l.token { "" } else { "~" }))
                .collect::<Vec<_>>()
                .join("|")
        })
    }

    #[test]
    fn alternations_are_analysed_branch_by_branch() {
        // the outer #eq? holds in every branch (its capture is in each)
        let q = r#"[(jsx_opening_element name: (identifier) @n) (jsx_self_closing_element name: (identifier) @n)] @match (#eq? @n "button")"#;
        assert_eq!(req(Lang::Tsx, q).as_deref(), Some("button"));
        // a branch without the capture: its own requirement, else nothing
        let q = r#"[(call_expression function: (identifier) @f) (new_expression constructor: (identifier))] @m (#eq? @f "eval")"#;
        assert_eq!(req(Lang::Tsx, q).as_deref(), Some("eval|new"));
        let q = r#"[(call_expression function: (identifier) @f) (identifier)] @m (#eq? @f "eval")"#;
        assert_eq!(req(Lang::Tsx, q), None);
        // a kind whose every node holds a token: `a!` (TypeScript's non-null assertion)
        assert_eq!(
            req(Lang::TypeScript, "(non_null_expression) @match").as_deref(),
            Some("!")
        );
        // a nested alternation: each branch its anonymous node
        let q = r#"(binary_expression operator: ["==" "!="]) @m"#;
        assert_eq!(req(Lang::Tsx, q).as_deref(), Some("!=|=="));
        // an optional part gives nothing, a `+` part does
        let q = r#"((string (string_fragment)? @s) @m (#eq? @s "x1"))"#;
        assert_eq!(req(Lang::Tsx, q), None);
        let q = r#"((arguments (string)+ @s) @m (#match? @s "ab+c"))"#;
        assert_eq!(req(Lang::Tsx, q).as_deref(), Some("ab~"));
        // a capture on a non-identifier node: a substring, not a whole word
        let q = r#"((string_fragment) @match (#match? @match "^http://"))"#;
        assert_eq!(req(Lang::Tsx, q).as_deref(), Some("http://~"));
        let q = r#"((string_fragment) @s (#eq? @s "GET"))"#;
        assert_eq!(req(Lang::Tsx, q).as_deref(), Some("GET~"));
        // #any-of? on an identifier: whole words
        let q = r#"((identifier) @s (#any-of? @s "foo" "bar"))"#;
        assert_eq!(req(Lang::Tsx, q).as_deref(), Some("bar|foo"));
        // kind keywords, also below the root
        assert_eq!(
            req(Lang::Rust, "(function_item (unsafe_block) @m)").as_deref(),
            Some("unsafe")
        );
        // a missing node has no text
        assert_eq!(req(Lang::Rust, r#"(MISSING ";") @m"#), None);
        // negative predicates exclude only
        let q = r#"((identifier) @s (#not-any-of? @s "foo" "bar"))"#;
        assert_eq!(req(Lang::Tsx, q), None);
        // nested alternations past the limit are merged, not enumerated
        let many = "[\"aa\" \"bb\"] ".repeat(12);
        assert_eq!(
            req(Lang::Tsx, &format!("(program {many}) @m")).as_deref(),
            Some("aa|bb")
        );
    }

    #[test]
    fn compiled_patterns_keep_their_trailing_predicates() {
        let q = r#"([(jsx_opening_element name: (identifier) @n) (jsx_self_closing_element name: (identifier) @n)] @match (#eq? @n "button"))
; a second pattern
((string_fragment) @s (#match? @s "^http://"))"#;
        let query = tree_sitter::Query::new(&Lang::Tsx.grammar(), q).unwrap();
        let texts = pattern_texts(&query, q);
        assert_eq!(texts.len(), 2);
        let reqs: Vec<Option<String>> = texts.iter().map(|t| req(Lang::Tsx, t)).collect();
        assert_eq!(
            reqs,
            vec![Some("button".to_string()), Some("http://~".to_string())]
        );
        assert_eq!(
            pattern_root_kinds(texts[0]).map(|v| v.join("|")).as_deref(),
            Some("jsx_opening_element|jsx_self_closing_element")
        );
    }

    #[test]
    fn a_predicate_outside_its_pattern_is_found() {
        let q = r#"[(identifier) (string)] @n (#eq? @n "x") (string) @s"#;
        let query = tree_sitter::Query::new(&Lang::Tsx.grammar(), q).unwrap();
        let flags: Vec<bool> = pattern_texts(&query, q)
            .iter()
            .map(|t| predicates_only(t))
            .collect();
        assert_eq!(flags, vec![false, true, false]);
        assert!(!predicates_only(r#"((identifier) @n (#eq? @n "x"))"#));
        assert!(!predicates_only("; only a comment"));
    }

    #[test]
    fn pattern_roots() {
        let root = |t: &str| pattern_root_kinds(t).map(|v| v.join("|"));
        assert_eq!(
            root("(debugger_statement) @match").as_deref(),
            Some("debugger_statement")
        );
        assert_eq!(
            root(r#"((jsx_attribute (property_identifier) @n) @match (#eq? @n "x"))"#).as_deref(),
            Some("jsx_attribute")
        );
        assert_eq!(
            root(r#"((comment) @m (#match? @m "a(b"))"#).as_deref(),
            Some("comment")
        );
        assert_eq!(root("[(a) (b) @x] @m").as_deref(), Some("a|b"));
        assert_eq!(root("[(a) \"b\"] @m"), None);
        assert_eq!(root("(_) @m"), None);
        assert_eq!(root("(comment)+ @m"), None);
        assert_eq!(root("((a) (b)) @m"), None);
        assert_eq!(root("\"debugger\" @m"), None);
        // alternations at the top, nested, and in a group with a predicate
        let q = r#"[(jsx_opening_element name: (identifier) @n) (jsx_self_closing_element name: (identifier) @n)] @match (#eq? @n "button")"#;
        assert_eq!(
            root(q).as_deref(),
            Some("jsx_opening_element|jsx_self_closing_element")
        );
        assert_eq!(root("[(a) [(b) (c)]] @m").as_deref(), Some("a|b|c"));
        assert_eq!(
            root("([(a) (b)] @m (#eq? @m \"x\"))").as_deref(),
            Some("a|b")
        );
        assert_eq!(root("[(a) (b)]? @m"), None);
        assert_eq!(
            root("(expression/identifier) @m").as_deref(),
            Some("identifier")
        );
    }
}
