//! Kind `banned-pattern`: code the team decided not to write.
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain banned-pattern`).

use crate::lang::kind_name::KindName;
use std::ops::Range;

use regex::{Regex, RegexBuilder};
use toml::Spanned;
use tree_sitter::{Node, Query, QueryErrorKind};

use super::hit::Hit;
use super::kind::{CompileCtx, FileCtx, KindInfo, RuleKind};
use super::literal::{Literal, Wildcard};
use super::syntax::node_text;
use super::syntax::{collect_use_paths, js_import};
use crate::core::{ConfigError, Fields, SourceFile};
use crate::lang::query::{pattern_requirement, pattern_texts, predicates_only};
use crate::lang::{Lang, LangSet};

pub(crate) const DOCS: &str = r#"banned-pattern — code the team decided not to write

What
  Reports code that matches a banned pattern. A rule combines any of these matchers:
    calls    = ["console.log", "console.*", "eval", "std::process::exit"]   call expressions by callee path
    methods  = ["unwrap", "expect"]         method calls on any receiver (TS/JS and Rust)
    macros   = ["println", "dbg"]           Rust macro invocations (last segment or full path)
    imports  = ["lodash", "@mui/*", "std::process"]
                                            import/export-from/require/import() specifiers and Rust
                                            `use` paths; a pattern also matches its sub-paths
                                            (`lodash` matches `lodash/get`, not `lodash-es`)
    types    = ["any", "Function"]          type names in type positions
    query    = '''(debugger_statement) @match'''   a tree-sitter query (needs `language`);
                                            the `@match` capture is the reported span, else the
                                            union of all captures; #eq? #not-eq? #match? #any-of?
    regex    = 'TODO[^(]'                   over the file text (multi-line mode; linear-time
                                            Rust regex syntax). The last resort: it cannot tell
                                            code from comments and strings.
  `*` matches any run of characters, `?` one. `language` (a name or a list: typescript, tsx,
  javascript, rust) restricts the rule; `prefilter = ["..."]` names strings a file must contain
  for a query rule to run on it (derived automatically from simple `#eq?`/`#any-of?` queries).
  `allow_debug_output = true` (what `init` writes for `dbg!`): a call or macro behind the
  program's own debug switch (`if debugging { dbg!(…) }` after `std::env::var("X_DEBUG")`,
  `if cfg!(debug_assertions)`, `if (verbose)`) or the whole of a binary's short `main` (a
  build-info dumper) is deliberate output, not a leftover.
  `{match}` in `message` is replaced by what matched. Calls, method calls and macros inside
  Rust macro arguments (`assert!(x.unwrap())`) are found too. Known limit: calls are matched as
  written (after `use std::process::exit;`, a call is `exit`), so ban the import as well.

Why
  Most architecture decisions end in "we do not do X here": no console logging (we have a
  logger), no lodash (we target modern runtimes), no `unwrap` in production paths, no raw SQL
  outside the repository layer. Matchers work on the syntax tree, so comments, strings and
  look-alike names (`logger.log`, `unwrap_or`, `lodash-es`) are never reported.

Example
  [[rule]]
  id = "ts/no-console"
  kind = "banned-pattern"
  severity = "error"
  message = "`{match}` bypasses the structured logger"
  help = "Use `logger.info(...)` from `@acme/logger`."
  adr = { id = "ADR-0002", title = "Structured logging only", path = "docs/adr/0002-logging.md" }
  calls = ["console.*"]
  tests = "exclude"
"#;

pub(crate) const KIND: KindInfo = KindInfo {
    name: "banned-pattern",
    summary: "code patterns, calls, methods, macros, imports, types or regexes a decision bans",
    docs: DOCS,
    fields: &[
        "calls",
        "methods",
        "macros",
        "imports",
        "types",
        "query",
        "regex",
        "language",
        "prefilter",
        "allow_debug_output",
    ],
    compile,
};

const JS_CALL_KINDS: &[&str] = &["call_expression"];
/// `` styled.button<P>`…` ``: a generic tagged template tree-sitter reads as comparisons.
const JS_TAG_KINDS: &[&str] = &["binary_expression"];
const JS_IMPORT_KINDS: &[&str] = &["import_statement", "export_statement", "call_expression"];
const TS_TYPE_KINDS: &[&str] = &[
    "predefined_type",
    "type_identifier",
    "nested_type_identifier",
];
const RS_CALL_KINDS: &[&str] = &["call_expression", "token_tree"];
const RS_MACRO_KINDS: &[&str] = &["macro_invocation", "token_tree"];
const RS_IMPORT_KINDS: &[&str] = &["use_declaration"];
const RS_TYPE_KINDS: &[&str] = &[
    "type_identifier",
    "primitive_type",
    "scoped_type_identifier",
];

/// Cap on regex matches reported per file and rule: bounded output on pathological files.
const MAX_REGEX_HITS: usize = 1000;

#[derive(Debug)]
struct BannedPattern {
    langs: LangSet,
    calls: Vec<Wildcard>,
    methods: Vec<Wildcard>,
    macros: Vec<Wildcard>,
    imports: Vec<Wildcard>,
    types: Vec<Wildcard>,
    /// Compiled query per language (index by `Lang::index`).
    queries: [Option<(Query, String)>; 4],
    regex: Option<Regex>,
    prefilter: Option<Vec<Literal>>,
    node_kinds: [Vec<&'static str>; 4],
    /// Per language: literals of which every node the rule can report at holds one
    /// ([`RuleKind::anchor_literals`]); `None` where some matcher has none.
    anchors: [Option<Vec<Literal>>; 4],
    /// `allow_debug_output = true`: a call or macro behind the program's own debug switch,
    /// or the whole of a binary's `main`, is deliberate output ([`deliberate_output`]).
    allow_debug_output: bool,
}

fn wildcards(list: Option<Vec<Spanned<String>>>) -> Vec<Wildcard> {
    list.unwrap_or_default()
        .iter()
        .map(|s| Wildcard::new(s.get_ref().trim().trim_end_matches('!')))
        .collect()
}

fn compile(f: &Fields<'_, '_>, ctx: &CompileCtx<'_>) -> Result<Box<dyn RuleKind>, ConfigError> {
    let src = ctx.src;
    for key in ["calls", "methods", "macros", "imports", "types"] {
        if let Some(list) = f.str_list(key)? {
            if let Some(bad) = list.iter().find(|s| s.get_ref().trim().is_empty()) {
                return Err(
                    ConfigError::at(src, bad.span(), format!("empty pattern in `{key}`"))
                        .label("empty"),
                );
            }
        }
    }
    let calls = wildcards(f.str_list("calls")?);
    let methods = wildcards(f.str_list("methods")?);
    let macros = wildcards(f.str_list("macros")?);
    let imports = wildcards(f.str_list("imports")?);
    let types = wildcards(f.str_list("types")?);
    let query = f.str("query")?;
    let regex_src = f.str("regex")?;
    let language = f.str_list("language")?;
    let allow_debug_output = f.bool("allow_debug_output")?.is_some_and(|b| *b.get_ref());

    let lang_filter = super::kind::languages_field(f)?.unwrap_or(LangSet::ALL);

    if calls.is_empty()
        && methods.is_empty()
        && macros.is_empty()
        && imports.is_empty()
        && types.is_empty()
        && query.is_none()
        && regex_src.is_none()
    {
        return Err(
            ConfigError::at(src, f.span(), "a banned-pattern rule needs a matcher")
                .label("this rule matches nothing")
                .help("add one of: calls, methods, macros, imports, types, query, regex"),
        );
    }

    let mut node_kinds: [Vec<&'static str>; 4] = Default::default();
    let mut langs = LangSet::empty();
    let mut add = |set: LangSet, js: &[&'static str], rs: &[&'static str]| {
        for l in set.intersect(lang_filter).iter() {
            let kinds = if l == Lang::Rust { rs } else { js };
            if kinds.is_empty() {
                continue;
            }
            langs.insert(l);
            for k in kinds {
                if !node_kinds[l.index()].contains(k) {
                    node_kinds[l.index()].push(k);
                }
            }
        }
    };
    if !calls.is_empty() || !methods.is_empty() {
        add(LangSet::ALL, JS_CALL_KINDS, RS_CALL_KINDS);
    }
    if !calls.is_empty() {
        add(LangSet::JS_FAMILY, JS_TAG_KINDS, &[]);
    }
    if !macros.is_empty() {
        add(LangSet::RUST, &[], RS_MACRO_KINDS);
    }
    if !imports.is_empty() {
        add(LangSet::ALL, JS_IMPORT_KINDS, RS_IMPORT_KINDS);
    }
    if !types.is_empty() {
        let ts: LangSet = [Lang::TypeScript, Lang::Tsx, Lang::Rust]
            .into_iter()
            .collect();
        add(ts, TS_TYPE_KINDS, RS_TYPE_KINDS);
    }

    let mut queries: [Option<(Query, String)>; 4] = Default::default();
    let mut query_literals: Option<Vec<Literal>> = None;
    let mut query_anchors: [Option<Vec<Literal>>; 4] = Default::default();
    if let Some(q) = &query {
        let Some(list) = &language else {
            return Err(ConfigError::at(src, q.span(), "a `query` needs `language`")
                .label("which grammar is this query for?")
                .help("add e.g. language = \"tsx\" (typescript, tsx, javascript, rust)"));
        };
        let _ = list;
        let mut per_lang: Option<Vec<Literal>> = Some(Vec::new());
        for l in lang_filter.iter() {
            let compiled = compile_query(src, q, l)?;
            query_anchors[l.index()] = query_prefilter(&compiled, q.get_ref(), l);
            per_lang = match (per_lang, query_prefilter(&compiled, q.get_ref(), l)) {
                (Some(mut acc), Some(lits)) => {
                    acc.extend(lits);
                    Some(acc)
                }
                _ => None,
            };
            queries[l.index()] = Some((compiled, q.get_ref().clone()));
            langs.insert(l);
        }
        query_literals = per_lang;
    }

    let regex = match &regex_src {
        None => None,
        Some(r) => {
            langs = langs.union(lang_filter);
            Some(compile_regex(src, r)?)
        }
    };

    if langs.is_empty() {
        let span = language
            .as_ref()
            .and_then(|l| l.first())
            .map_or(f.span(), |l| l.span());
        return Err(ConfigError::at(
            src,
            span,
            "these matchers apply to none of the rule's languages",
        )
        .label("no language left")
        .help("`macros` apply to rust only; `types` to typescript, tsx and rust"));
    }

    // What a file must contain for the rule to possibly match it.
    let prefilter = match f.str_list("prefilter")? {
        Some(p) => Some(p.iter().map(|s| Literal::substring(s.get_ref())).collect()),
        None => derive_prefilter(
            &[&calls, &methods, &macros, &types],
            &imports,
            query.is_some(),
            query_literals,
            regex_src.as_ref().map(|r| r.get_ref().as_str()),
        ),
    };

    // Anchors: the same literals as the derived prefilter (never a `prefilter` the user
    // wrote: it need not lie inside what the rule reports), per language for the query.
    let mut anchors: [Option<Vec<Literal>>; 4] = Default::default();
    for l in langs.iter() {
        let query_part = match &query {
            Some(_) => match query_anchors[l.index()].take() {
                Some(lits) => Some(lits),
                None => continue,
            },
            None => None,
        };
        anchors[l.index()] = derive_prefilter(
            &[&calls, &methods, &macros, &types],
            &imports,
            query.is_some(),
            query_part,
            regex_src.as_ref().map(|r| r.get_ref().as_str()),
        )
        .filter(|lits| !lits.is_empty() && lits.iter().all(|l| !l.text.is_empty()));
    }

    Ok(Box::new(BannedPattern {
        langs,
        calls,
        methods,
        macros,
        imports,
        types,
        queries,
        regex,
        prefilter,
        node_kinds,
        anchors,
        allow_debug_output,
    }))
}

fn derive_prefilter(
    name_lists: &[&Vec<Wildcard>],
    imports: &[Wildcard],
    has_query: bool,
    query_literals: Option<Vec<Literal>>,
    regex: Option<&str>,
) -> Option<Vec<Literal>> {
    let mut lits = Vec::new();
    if let Some(re) = regex {
        // the literal factors every match of the regex contains (multi-line, as compiled)
        lits.extend(
            crate::lang::regex_literals::required(re, true)?
                .iter()
                .map(|l| Literal::substring(l)),
        );
    }
    for list in name_lists {
        for w in list.iter() {
            lits.push(w.name_literal()?);
        }
    }
    for w in imports {
        if w.pattern.contains("::") {
            // a Rust `use` tree splits paths (`use std::{process::Command}`): one name must do
            lits.push(w.name_literal()?);
        } else {
            // a JS specifier is one string literal, written out whole
            let l = w.literal();
            if l.len() < 2 {
                return None;
            }
            let mut lit = Literal::token(l);
            lit.word_start &= w.pattern.starts_with(l);
            lit.word_end = false; // sub-paths: `lodash/get`
            lits.push(lit);
        }
    }
    if has_query {
        lits.extend(query_literals?);
    }
    lits.sort_by(|a, b| a.text.cmp(&b.text));
    lits.dedup();
    Some(lits)
}

/// Compiles a query against one grammar, mapping an error to its place in the rule file.
fn compile_query(
    src: &crate::core::SourceFile,
    q: &Spanned<String>,
    lang: Lang,
) -> Result<Query, ConfigError> {
    let content_start = string_content_start(&src.text, q.span());
    let grammar = lang.grammar();
    let query = Query::new(&grammar, q.get_ref()).map_err(|e| {
        let at = (content_start + e.offset).min(q.span().end);
        let end = src.text[at..q.span().end]
            .find(|c: char| c.is_whitespace() || c == ')')
            .map_or(q.span().end, |i| at + i.max(1));
        let name = e.message.lines().next().unwrap_or("").trim().trim_matches('"').to_string();
        let (what, hint) = match e.kind {
            QueryErrorKind::NodeType => {
                let names: Vec<&str> = (0..grammar.node_kind_count() as u16)
                    .filter(|id| grammar.node_kind_is_named(*id))
                    .filter_map(|id| grammar.node_kind_for_id(id))
                    .collect();
                let hint = crate::core::closest(&name, &names).map(|c| format!("did you mean `{c}`? "));
                (format!("unknown node type `{name}`"), hint)
            }
            QueryErrorKind::Field => {
                let names: Vec<&str> =
                    (1..=grammar.field_count() as u16).filter_map(|id| grammar.field_name_for_id(id)).collect();
                let hint = crate::core::closest(&name, &names).map(|c| format!("did you mean `{c}`? "));
                (format!("unknown field `{name}`"), hint)
            }
            QueryErrorKind::Capture => (format!("unknown capture `@{name}`"), None),
            QueryErrorKind::Predicate => (format!("invalid predicate: {name}"), None),
            QueryErrorKind::Structure => ("impossible pattern: this node cannot appear there".to_string(), None),
            QueryErrorKind::Syntax => ("syntax error".to_string(), None),
            QueryErrorKind::Language => (format!("grammar mismatch: {name}"), None),
        };
        ConfigError::at(src, at..end, format!("query does not compile for {}: {what}", lang.name()))
            .label(what.clone())
            .help(format!(
                "{}check node and field names against the {} grammar (`tree-sitter parse FILE` prints them)",
                hint.unwrap_or_default(),
                lang.name()
            ))
    })?;
    if query.capture_names().is_empty() {
        return Err(ConfigError::at(src, q.span(), "the query has no capture")
            .label("nothing to report")
            .help("add `@match` after the node to report, e.g. `(debugger_statement) @match`"));
    }
    for i in 0..query.pattern_count() {
        if !query.property_predicates(i).is_empty() || !query.property_settings(i).is_empty() {
            return Err(ConfigError::at(src, q.span(), "`#is?`, `#is-not?` and `#set!` are not supported")
                .label("in this query")
                .help("supported predicates: #eq?, #not-eq?, #match?, #not-match?, #any-of?, #not-any-of?"));
        }
        if let Some(p) = query.general_predicates(i).first() {
            return Err(ConfigError::at(src, q.span(), format!("unsupported predicate `#{}`", p.operator))
                .label("in this query")
                .help("supported predicates: #eq?, #not-eq?, #match?, #not-match?, #any-of?, #not-any-of?"));
        }
    }
    if let Some(at) = pattern_texts(&query, q.get_ref())
        .iter()
        .position(|t| predicates_only(t))
    {
        let start = content_start + query.start_byte_for_pattern(at);
        let text = pattern_texts(&query, q.get_ref())[at].trim_end();
        let span = start.min(q.span().end)..(start + text.len()).min(q.span().end);
        return Err(ConfigError::at(
            src,
            span,
            "this predicate is outside the parentheses of its pattern: it applies to nothing",
        )
        .label("a pattern of its own")
        .help("tree-sitter applies a predicate only inside its pattern's group: write `((node) @match (#eq? @match \"x\"))`, or `([(a) (b)] @match (#eq? …))` for an alternation"));
    }
    Ok(query)
}

/// A `regex` field compiled with bounded size (linear-time matching), or a diagnostic at it.
fn compile_regex(src: &SourceFile, r: &Spanned<String>) -> Result<Regex, ConfigError> {
    RegexBuilder::new(r.get_ref())
        .multi_line(true)
        .size_limit(1 << 20)
        .dfa_size_limit(4 << 20)
        .build()
        .map_err(|e| {
            let msg = match e {
                regex::Error::Syntax(s) => s
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .trim_start_matches("error: ")
                    .to_string(),
                regex::Error::CompiledTooBig(n) => format!("compiled regex exceeds {n} bytes"),
                _ => e.to_string(),
            };
            ConfigError::at(src, r.span(), format!("invalid regex: {msg}"))
                .label("this regex")
                .help("regexes use Rust `regex` syntax (linear time: no look-around, no back-references)")
        })
}

/// Where the characters of a TOML string value start (after quotes and a trimmed newline).
fn string_content_start(text: &str, span: Range<usize>) -> usize {
    let s = &text[span.clone()];
    let (delim, multi) = if s.starts_with("'''") || s.starts_with("\"\"\"") {
        (3, true)
    } else {
        (1, false)
    };
    let mut at = span.start + delim;
    if multi {
        if text[at..].starts_with("\r\n") {
            at += 2;
        } else if text[at..].starts_with('\n') {
            at += 1;
        }
    }
    at.min(span.end)
}

/// Literals a file must contain (one of them) for the query to match: for every pattern, the
/// best requirement of each way it can match ([`pattern_requirement`]: anonymous nodes, kind
/// keywords, positive `#eq?`/`#any-of?`/`#match?` predicates, alternations branch by branch).
/// `None` when some pattern has none.
fn query_prefilter(query: &Query, source: &str, lang: Lang) -> Option<Vec<Literal>> {
    let mut out = Vec::new();
    for text in pattern_texts(query, source) {
        out.extend(pattern_requirement(Some(lang), text)?.into_iter().map(|l| {
            if l.token {
                Literal::token(&l.text)
            } else {
                Literal::substring(&l.text)
            }
        }));
    }
    Some(out)
}

/// The dotted path of a JS callee (`a.b.c`), if it is made of names only.
fn js_path(node: Node<'_>, src: &str) -> Option<String> {
    match node.kind_name() {
        "identifier" | "this" | "super" | "property_identifier" => {
            Some(node_text(node, src).to_string())
        }
        "member_expression" => {
            let obj = js_path(node.child_by_field_name("object")?, src)?;
            let prop = node.child_by_field_name("property")?;
            Some(format!("{obj}.{}", node_text(prop, src)))
        }
        "parenthesized_expression" | "non_null_expression" | "instantiation_expression" => {
            js_path(node.named_child(0)?, src)
        }
        _ => None,
    }
}

/// A Rust path without whitespace or generic arguments (`std::process::exit`).
fn rust_path(node: Node<'_>, src: &str) -> Option<String> {
    match node.kind_name() {
        "identifier" | "self" | "crate" | "super" | "metavariable" => {
            Some(node_text(node, src).to_string())
        }
        "scoped_identifier" => {
            let name = node_text(node.child_by_field_name("name")?, src);
            match node.child_by_field_name("path") {
                Some(p) => Some(format!("{}::{name}", rust_path(p, src)?)),
                None => Some(format!("::{name}")),
            }
        }
        "generic_type" | "generic_function" => rust_path(
            node.child_by_field_name("type")
                .or(node.child_by_field_name("function"))?,
            src,
        ),
        "type_identifier" | "primitive_type" => Some(node_text(node, src).to_string()),
        "scoped_type_identifier" => {
            let name = node_text(node.child_by_field_name("name")?, src);
            match node.child_by_field_name("path") {
                Some(p) => Some(format!("{}::{name}", rust_path(p, src)?)),
                None => Some(name.to_string()),
            }
        }
        _ => None,
    }
}

fn import_matches(patterns: &[Wildcard], spec: &str, sep: &str) -> bool {
    patterns.iter().any(|p| {
        p.matches(spec)
            || spec
                .strip_prefix(p.pattern.as_str())
                .is_some_and(|rest| rest.starts_with(sep))
            || (p.has_wildcards() && Wildcard::new(&format!("{}{sep}*", p.pattern)).matches(spec))
    })
}

impl BannedPattern {
    fn check_js_call(&self, node: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        let Some(callee) = node.child_by_field_name("function") else {
            return;
        };
        if !self.calls.is_empty() {
            if let Some(path) = js_path(callee, src) {
                if self.calls.iter().any(|w| w.matches(&path)) {
                    out.push(Hit {
                        start: node.start_byte(),
                        end: node.end_byte(),
                        matched: path,
                        ..Default::default()
                    });
                }
            }
        }
        if !self.methods.is_empty() && callee.kind_name() == "member_expression" {
            if let Some(prop) = callee.child_by_field_name("property") {
                let name = node_text(prop, src);
                if self.methods.iter().any(|w| w.matches(name)) {
                    out.push(Hit {
                        start: prop.start_byte(),
                        end: node.end_byte(),
                        matched: name.to_string(),
                        ..Default::default()
                    });
                }
            }
        }
        self.check_js_import(node, src, out);
    }

    /// `` styled.button<Props>`…` `` is a call of `styled.button` that tree-sitter reads as
    /// comparisons.
    fn check_js_generic_tag(&self, bin: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        let Some((tag, tpl)) = super::syntax::generic_template(bin, src) else {
            return;
        };
        if let Some(path) = js_path(tag, src) {
            if self.calls.iter().any(|w| w.matches(&path)) {
                out.push(Hit {
                    start: tag.start_byte(),
                    end: tpl.end_byte(),
                    matched: path,
                    ..Default::default()
                });
            }
        }
    }

    /// `import … from`, `export … from`, `require()`, `import()` of a banned specifier.
    fn check_js_import(&self, node: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        if self.imports.is_empty() {
            return;
        }
        if let Some(imp) = js_import(node, src) {
            if import_matches(&self.imports, &imp.specifier, "/") {
                out.push(Hit::new(imp.start, imp.end, imp.specifier));
            }
        }
    }

    fn check_rust_call(&self, node: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        let Some(mut callee) = node.child_by_field_name("function") else {
            return;
        };
        if callee.kind_name() == "generic_function" {
            match callee.child_by_field_name("function") {
                Some(f) => callee = f,
                None => return,
            }
        }
        if callee.kind_name() == "field_expression" {
            if self.methods.is_empty() {
                return;
            }
            if let Some(field) = callee.child_by_field_name("field") {
                let name = node_text(field, src);
                if self.methods.iter().any(|w| w.matches(name)) {
                    out.push(Hit {
                        start: field.start_byte(),
                        end: node.end_byte(),
                        matched: name.to_string(),
                        ..Default::default()
                    });
                }
            }
        } else if !self.calls.is_empty() {
            if let Some(path) = rust_path(callee, src) {
                if self.calls.iter().any(|w| w.matches(&path)) {
                    out.push(Hit {
                        start: node.start_byte(),
                        end: node.end_byte(),
                        matched: path,
                        ..Default::default()
                    });
                }
            }
        }
    }
}

/// Words of a condition that is the program's own debug switch (`if debugging`,
/// `if cfg!(debug_assertions)`, `if (DEBUG)`, `if verbose`, `std::env::var("X_DEBUG").is_ok()`).
fn is_debug_switch(cond: &str) -> bool {
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in cond.chars() {
        if c.is_ascii_alphanumeric() {
            cur.push(c.to_ascii_lowercase());
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    words.push(cur);
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "debug" | "debugging" | "verbose" | "dump" | "trace"
        )
    })
}

/// Whether a match at `node` is deliberate output (with `allow_debug_output`): inside the
/// branch of an `if` whose condition is a debug switch ([`is_debug_switch`]), or a statement
/// of a binary's `main` (in `main.rs` or `src/bin/`) of at most three statements, all but the
/// output `let` bindings — a tool whose purpose is printing (a build-info dumper).
fn deliberate_output(node: Node<'_>, src: &str, file: &str) -> bool {
    let mut cur = node;
    for _ in 0..64 {
        let Some(p) = cur.parent() else { return false };
        match p.kind_name() {
            "if_expression" | "if_statement" => {
                if let Some(c) = p.child_by_field_name("condition") {
                    if c.id() != cur.id() && is_debug_switch(node_text(c, src)) {
                        return true;
                    }
                }
            }
            "function_item" => {
                let bin = file.ends_with("main.rs") || file.contains("/bin/");
                let main = p
                    .child_by_field_name("name")
                    .is_some_and(|n| node_text(n, src) == "main");
                let Some(body) = p.child_by_field_name("body") else {
                    return false;
                };
                let mut c = body.walk();
                let stmts: Vec<Node<'_>> = body.named_children(&mut c).collect();
                return bin
                    && main
                    && !stmts.is_empty()
                    && stmts.len() <= 3
                    && stmts[..stmts.len() - 1]
                        .iter()
                        .all(|s| s.kind_name() == "let_declaration")
                    && stmts.last().is_some_and(|s| {
                        s.start_byte() <= node.start_byte() && node.end_byte() <= s.end_byte()
                    });
            }
            "function_declaration"
            | "arrow_function"
            | "method_definition"
            | "closure_expression" => return false,
            _ => {}
        }
        cur = p;
    }
    false
}

impl BannedPattern {
    /// Macro arguments are token trees, not expressions, in the Rust grammar: `assert!(x.unwrap())`
    /// has no call node. Calls, method calls and macros inside them are recognised from the tokens:
    /// `. name (…)`, `a::b (…)`, `name ! (…)`.
    fn check_token_tree(&self, node: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        let mut c = node.walk();
        let toks: Vec<Node<'_>> = node.children(&mut c).collect();
        let is_group = |n: &Node<'_>| n.kind_name() == "token_tree";
        let is_paren_group = |n: &Node<'_>| is_group(n) && node_text(*n, src).starts_with('(');
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if t.kind_name() != "identifier" {
                i += 1;
                continue;
            }
            let prev = i.checked_sub(1).map(|p| toks[p].kind_name());
            let next = toks.get(i + 1);
            let name = node_text(t, src);
            // method call: `. name (…)`
            if prev == Some(".") && next.is_some_and(is_paren_group) && !self.methods.is_empty() {
                if self.methods.iter().any(|w| w.matches(name)) {
                    let end = next.map_or(t.end_byte(), |n| n.end_byte());
                    out.push(Hit {
                        start: t.start_byte(),
                        end,
                        matched: name.to_string(),
                        ..Default::default()
                    });
                }
                i += 1;
                continue;
            }
            // macro: `name ! (…)` / `[…]` / `{…}`
            if next.is_some_and(|n| n.kind_name() == "!") && toks.get(i + 2).is_some_and(is_group) {
                if self.macros.iter().any(|w| w.matches(name)) {
                    let end = toks[i + 2].end_byte();
                    out.push(Hit {
                        start: t.start_byte(),
                        end,
                        matched: format!("{name}!"),
                        ..Default::default()
                    });
                }
                i += 3;
                continue;
            }
            // path call: `a :: b :: c (…)`, not preceded by `.` or `::`
            if !self.calls.is_empty() && prev != Some(".") && prev != Some("::") {
                let mut path = name.to_string();
                let mut j = i + 1;
                while j + 1 < toks.len()
                    && toks[j].kind_name() == "::"
                    && toks[j + 1].kind_name() == "identifier"
                {
                    path.push_str("::");
                    path.push_str(node_text(toks[j + 1], src));
                    j += 2;
                }
                if toks.get(j).is_some_and(is_paren_group)
                    && self.calls.iter().any(|w| w.matches(&path))
                {
                    out.push(Hit {
                        start: t.start_byte(),
                        end: toks[j].end_byte(),
                        matched: path,
                        ..Default::default()
                    });
                }
                i = j;
                continue;
            }
            i += 1;
        }
    }
}

impl RuleKind for BannedPattern {
    fn languages(&self) -> LangSet {
        self.langs
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        self.prefilter.as_deref()
    }

    fn node_kinds(&self, lang: Lang) -> &[&'static str] {
        &self.node_kinds[lang.index()]
    }

    /// Every node a matcher reports at holds its literal: a call, method, macro or type
    /// its name's longest segment (a name is one token: [`Wildcard::name_literal`]), an import
    /// its specifier's literal part or, in Rust, a segment of its path, a query match the
    /// requirement of its way (inside the node the match starts at), a regex match its
    /// required factor.
    fn has_anchors(&self) -> bool {
        self.anchors.iter().any(Option::is_some)
    }

    fn anchors(
        &self,
        _text: &str,
        lang: Lang,
        _found: Option<&[crate::rules::literal::Occurrence]>,
        _out: &mut Vec<usize>,
    ) -> bool {
        self.anchors[lang.index()].is_some()
    }

    fn anchor_literals(&self, lang: Lang) -> Option<&[Literal]> {
        self.anchors[lang.index()].as_deref()
    }

    fn query(&self, lang: Lang) -> Option<(&Query, &str)> {
        self.queries[lang.index()]
            .as_ref()
            .map(|(q, s)| (q, s.as_str()))
    }

    fn check_node(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let (src, lang) = (cx.src, cx.lang);
        if self.allow_debug_output
            && matches!(
                node.kind_name(),
                "call_expression" | "macro_invocation" | "token_tree"
            )
            && deliberate_output(node, src, cx.file)
        {
            return;
        }
        match (lang, node.kind_name()) {
            (Lang::Rust, "call_expression") => self.check_rust_call(node, src, out),
            (_, "call_expression") => self.check_js_call(node, src, out),
            (_, "binary_expression") => self.check_js_generic_tag(node, src, out),
            (Lang::Rust, "macro_invocation") => {
                if let Some(m) = node.child_by_field_name("macro") {
                    let path = rust_path(m, src).unwrap_or_default();
                    let last = path.rsplit("::").next().unwrap_or(&path);
                    if self
                        .macros
                        .iter()
                        .any(|w| w.matches(&path) || w.matches(last))
                    {
                        out.push(Hit {
                            start: node.start_byte(),
                            end: node.end_byte(),
                            matched: format!("{path}!"),
                            ..Default::default()
                        });
                    }
                }
            }
            (Lang::Rust, "use_declaration") => {
                if self.imports.is_empty() {
                    return;
                }
                if let Some(arg) = node.child_by_field_name("argument") {
                    let mut paths = Vec::new();
                    collect_use_paths(arg, &[], src, &mut paths);
                    // one finding per `use`: the first path it brings in that is banned
                    let banned = paths
                        .into_iter()
                        .map(|(segs, n)| (segs.join("::"), n))
                        .find(|(p, _)| import_matches(&self.imports, p, "::"));
                    if let Some((p, n)) = banned {
                        out.push(Hit::new(n.start_byte(), n.end_byte(), p));
                    }
                }
            }
            (Lang::Rust, "token_tree") => self.check_token_tree(node, src, out),
            (_, "import_statement" | "export_statement") => self.check_js_import(node, src, out),
            (
                _,
                "predefined_type"
                | "type_identifier"
                | "nested_type_identifier"
                | "primitive_type"
                | "scoped_type_identifier",
            ) => {
                if self.types.is_empty() {
                    return;
                }
                // the innermost name only: `a.B` is checked once, as a whole. Only a name right
                // after `.` or `::` can be the last segment of one, so only then is the parent
                // looked up (`parent()` walks down from the root: per node, it is quadratic in
                // the depth of nested types)
                let after_path_sep = src[..node.start_byte().min(src.len())]
                    .trim_end()
                    .ends_with(['.', ':']);
                if let Some(p) = after_path_sep.then(|| node.parent()).flatten() {
                    if matches!(
                        p.kind_name(),
                        "nested_type_identifier" | "scoped_type_identifier"
                    ) {
                        return;
                    }
                }
                let name = if lang == Lang::Rust {
                    rust_path(node, src).unwrap_or_default()
                } else {
                    node_text(node, src).split_whitespace().collect::<String>()
                };
                let last = name.rsplit(['.', ':']).next().unwrap_or(&name);
                if self.types.iter().any(|w| {
                    w.matches(&name) || (w.matches(last) && !w.pattern.contains(['.', ':']))
                }) {
                    out.push(Hit {
                        start: node.start_byte(),
                        end: node.end_byte(),
                        matched: name,
                        ..Default::default()
                    });
                }
            }
            _ => {}
        }
    }

    fn check_text(&self, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        let Some(re) = &self.regex else { return };
        for m in re
            .find_iter(src)
            .filter(|m| !m.is_empty())
            .take(MAX_REGEX_HITS)
        {
            out.push(Hit {
                start: m.start(),
                end: m.end(),
                matched: m.as_str().to_string(),
                ..Default::default()
            });
        }
    }
}

#[cfg(test)]
mod tests;
