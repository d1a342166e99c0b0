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

#[derive(Debug, PartialEq)]
enum Tok {
    Open,
    Close,
    Str(String),
    Word(String),
    Quant,
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
            '?' | '*' | '+' => toks.push(Tok::Quant),
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

/// The node kinds a single query pattern can start at: `(kind …)`, `((kind …) @c (#pred …))`,
/// or a top-level alternation of such nodes, `[(a) (b)] @c`. `None` for wildcards, anonymous
/// nodes, quantified or multi-node top levels: such a pattern is run over the whole tree.
pub(crate) fn pattern_root_kinds(text: &str) -> Option<Vec<String>> {
    let toks = tokenize(text);
    let mut i = 0;
    // unwrap grouping parentheses: `((kind …) @c (#eq? …))`
    let mut groups = 0;
    while matches!(toks.get(i), Some(Tok::Open))
        && matches!(toks.get(i + 1), Some(Tok::Open | Tok::AltOpen))
    {
        groups += 1;
        i += 1;
    }
    // one node `(kind …)` starting at `at`: its kind and the index just past it
    let node = |at: usize| -> Option<(String, usize)> {
        let Some(Tok::Open) = toks.get(at) else {
            return None;
        };
        let Some(Tok::Word(kind)) = toks.get(at + 1) else {
            return None;
        };
        if kind == "_" || kind.starts_with('#') || kind.contains(':') || kind.contains('/') {
            return None;
        }
        let mut depth = 0i32;
        let mut j = at;
        while j < toks.len() {
            match toks[j] {
                Tok::Open => depth += 1,
                Tok::Close => {
                    depth -= 1;
                    if depth == 0 {
                        return Some((kind.clone(), j + 1));
                    }
                }
                _ => {}
            }
            j += 1;
        }
        None
    };
    let mut kinds = Vec::new();
    let mut j;
    if let Some(Tok::AltOpen) = toks.get(i) {
        j = i + 1;
        loop {
            match toks.get(j) {
                Some(Tok::AltClose) => {
                    j += 1;
                    break;
                }
                Some(Tok::Word(w)) if w.starts_with('@') => j += 1,
                _ => {
                    let (kind, next) = node(j)?;
                    kinds.push(kind);
                    j = next;
                }
            }
        }
        if kinds.is_empty() {
            return None;
        }
    } else {
        let (kind, next) = node(i)?;
        kinds.push(kind);
        j = next;
    }
    // what follows may only be captures and predicates, then the group closers
    let mut closers = 0;
    while j < toks.len() {
        match &toks[j] {
            Tok::Word(w) if w.starts_with('@') => j += 1,
            Tok::Open if matches!(toks.get(j + 1), Some(Tok::Word(w)) if w.starts_with('#')) => {
                while j < toks.len() && toks[j] != Tok::Close {
                    j += 1;
                }
                j += 1;
            }
            Tok::Close => {
                closers += 1;
                j += 1;
            }
            _ => return None,
        }
    }
    (closers == groups).then_some(kinds)
}

/// The literals of one pattern: the strings of its best positive `#eq?`/`#any-of?` predicate
/// or anonymous node; `None` when the pattern has an alternation or a quantifier.
pub(crate) fn pattern_literals(text: &str) -> Option<Vec<String>> {
    let toks = tokenize(text);
    if toks
        .iter()
        .any(|t| matches!(t, Tok::Quant | Tok::AltOpen | Tok::AltClose))
    {
        return None;
    }
    let mut best: Option<Vec<String>> = None;
    let mut consider = |lits: Vec<String>| {
        if lits.is_empty() || lits.iter().any(|l| l.len() < 2) {
            return;
        }
        let score = |v: &Vec<String>| v.iter().map(String::len).min().unwrap_or(0);
        if best.as_ref().is_none_or(|b| score(&lits) > score(b)) {
            best = Some(lits);
        }
    };
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Open => {
                if let Some(Tok::Word(w)) = toks.get(i + 1) {
                    if w == "#eq?" || w == "#any-of?" {
                        let capture =
                            matches!(toks.get(i + 2), Some(Tok::Word(c)) if c.starts_with('@'));
                        let mut lits = Vec::new();
                        let mut j = i + 3;
                        while let Some(Tok::Str(s)) = toks.get(j) {
                            lits.push(s.clone());
                            j += 1;
                        }
                        if capture && matches!(toks.get(j), Some(Tok::Close)) {
                            consider(lits);
                        }
                        i = j;
                        continue;
                    }
                    if w.starts_with('#') {
                        // skip other predicates and their string arguments
                        let mut j = i + 2;
                        while j < toks.len() && toks[j] != Tok::Close {
                            j += 1;
                        }
                        i = j;
                        continue;
                    }
                }
            }
            Tok::Str(s) => consider(vec![s.clone()]),
            _ => {}
        }
        i += 1;
    }
    best
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
            Some(vec!["eval".to_string(), "Function".to_string()])
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
            pattern_literals(r#"((identifier) @f (#match? @f "^ev"))"#),
            None
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
    }
}
