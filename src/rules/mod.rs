//! Rule kinds. A kind is code (one file here); a rule is data (a `[[rule]]` table citing its ADR).
//!
//! Adding a kind: write `src/rules/<kind>.rs` with its `DOCS` and a `KIND: KindInfo`, and add it to
//! [`KINDS`]. The engine calls a kind's matcher in one pass over each file's tree: for the node
//! kinds it asks for, for the tree-sitter query patterns it contributes (merged with every other
//! rule's into one query per language), and over the text.

use std::ops::Range;
use std::path::Path;

use tree_sitter::Node;

use crate::config::{ConfigError, Fields, SourceFile};
use crate::lang::{Lang, LangSet};

pub mod banned_pattern;
pub mod design_system;
pub mod duplicate_component;
pub mod hardcoded_config;
pub mod layer_boundary;
pub mod syntax;

/// Every rule kind archdrift knows. One line per kind.
pub static KINDS: &[KindInfo] = &[
    banned_pattern::KIND,
    layer_boundary::KIND,
    duplicate_component::KIND,
    design_system::KIND,
    hardcoded_config::KIND,
];

/// What compiling a rule's kind-specific fields may look at.
pub struct CompileCtx<'a> {
    pub src: &'a SourceFile,
    /// Span of the whole `[[rule]]` table.
    pub rule_span: Range<usize>,
    /// The checked root (directory of `archdrift.toml`).
    pub root: &'a Path,
    /// The `[design_system]` table of `archdrift.toml`, when there is one.
    pub design_system: Option<&'a std::sync::Arc<crate::design_config::DesignSystem>>,
}

pub type CompileFn = fn(&Fields<'_, '_>, &CompileCtx<'_>) -> Result<Box<dyn FileRule>, ConfigError>;

pub struct KindInfo {
    pub name: &'static str,
    /// One line for `archdrift rules` and `explain`.
    pub summary: &'static str,
    /// What / Why / Example, printed by `archdrift explain <kind>`.
    pub docs: &'static str,
    /// The kind-specific fields a rule of this kind may have.
    pub fields: &'static [&'static str],
    pub compile: CompileFn,
}

pub fn kind(name: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.name == name)
}

/// One match of a rule in a file, before it becomes a [`crate::diagnostic::Finding`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    /// What matched: a call path, macro, import specifier, type, or the matched text.
    pub matched: String,
    /// Overrides the rule's severity for this hit (e.g. unresolved imports of a layer rule).
    pub severity: Option<crate::diagnostic::Severity>,
    /// This hit is an import that could not be resolved: counted in the summary.
    pub unresolved: bool,
    /// Counted, not reported (e.g. `unresolved = "ignore"`).
    pub silent: bool,
    /// Values for placeholders (`{from}`, `{to}`, …) in the rule's message and help.
    pub vars: Vec<(&'static str, String)>,
    /// Replaces the rule's message for this hit (e.g. "cannot resolve import …").
    pub message: Option<String>,
    /// Replaces the rule's help for this hit (e.g. the edges allowed instead).
    pub help: Option<String>,
    /// A resolved import edge (from node, to node) for the import-graph stage
    /// ([`crate::graph`]); such hits are usually `silent`.
    pub edge: Option<(String, String)>,
    /// A unit (component, function) fingerprinted for the cross-file duplicate stage; such
    /// hits are `silent`.
    pub unit: Option<Box<Unit>>,
    /// What a kind knows beyond the span (its own message part, help, severity, redaction).
    pub detail: Option<Box<HitDetail>>,
}

/// What the duplicate stage keeps of a unit: its name and fingerprints, never its tree.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Unit {
    pub name: String,
    /// Normalised tokens in the unit.
    pub tokens: usize,
    /// Sorted, deduplicated k-gram hashes ([`crate::similarity::shingles`]).
    pub shingles: Vec<u64>,
}

/// A unit with its place, as the engine hands it to [`FileRule::cross_file`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UnitRecord {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub unit: Unit,
}

impl Hit {
    pub fn new(start: usize, end: usize, matched: impl Into<String>) -> Hit {
        Hit {
            start,
            end,
            matched: matched.into(),
            ..Default::default()
        }
    }
}

/// Extra facts a kind attaches to a hit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HitDetail {
    /// Replaces `{what}` in the rule's message.
    pub what: Option<String>,
    /// Put before the rule's own `help`.
    pub help: Option<String>,
    /// Overrides the rule's severity for this hit (e.g. `info` for an env-var default).
    pub severity: Option<crate::diagnostic::Severity>,
    /// The source span holds a secret: never print it (`matched` is already redacted).
    pub redact: bool,
    /// Hits with the same key in several files are reported as one cluster
    /// (see [`crate::crossfile`]); the value is the rule's cluster key.
    pub cluster: Option<String>,
    /// A mechanical fix (editors offer it as a code action).
    pub fix: Option<crate::diagnostic::Fix>,
}

/// A compiled rule matcher. All methods must be cheap and must not panic on any input; the engine
/// still contains a panic to the file it happened on.
pub trait FileRule: Send + Sync {
    /// Languages the rule can report in.
    fn languages(&self) -> LangSet;

    /// Literal strings of which a file must contain at least one for the rule to possibly match
    /// (checked once per file, before parsing). `None`: every file may match.
    fn prefilter(&self) -> Option<&[Literal]>;

    /// Whether the rule looks at this file at all (besides the rule's `paths`/`exclude`), e.g.
    /// not inside the design system's own source.
    fn applies_to(&self, _rel: &str) -> bool {
        true
    }

    /// Named node kinds the rule wants to see during the one pass over the tree.
    fn node_kinds(&self, _lang: Lang) -> &[&'static str] {
        &[]
    }

    /// Called for each node of a kind from [`FileRule::node_kinds`].
    fn check_node(&self, _node: Node<'_>, _src: &str, _lang: Lang, _out: &mut Vec<Hit>) {}

    /// Like [`FileRule::check_node`], for rules that need the file's path (relative to the root),
    /// e.g. to resolve imports. The engine calls this one; by default it calls `check_node`.
    fn check_node_in(
        &self,
        _file: &str,
        node: Node<'_>,
        src: &str,
        lang: Lang,
        out: &mut Vec<Hit>,
    ) {
        self.check_node(node, src, lang, out)
    }

    /// The compiled tree-sitter query (and its source) this rule runs for `lang`, if any. The engine runs it
    /// during the one pass, at the nodes its patterns start at (or over the whole tree when a
    /// pattern's start is not one node kind). The `@match` capture, or else the union of all
    /// captures, is the reported span.
    fn query(&self, _lang: Lang) -> Option<(&tree_sitter::Query, &str)> {
        None
    }

    /// Checks over the raw text (regexes), without the tree.
    fn check_text(&self, _src: &str, _lang: Lang, _out: &mut Vec<Hit>) {}

    /// What the nodes of this rule's import graph are ("files", "layers") when it forbids
    /// cycles; `None` when it does not.
    fn cycle_nodes(&self) -> Option<&'static str> {
        None
    }

    /// The cross-file stage of a rule that fingerprints units: all units of all files in, the
    /// findings out (`template` carries the rule's id, severity, ADR). Output must depend only
    /// on the set of units, not their order.
    fn cross_file(
        &self,
        _units: Vec<UnitRecord>,
        _template: &crate::diagnostic::Finding,
    ) -> Vec<crate::diagnostic::Finding> {
        Vec::new()
    }

    /// Hits carrying a cluster key ([`HitDetail::cluster`]) found in at least this many files
    /// are reported as one finding with the other places in `related`.
    fn cluster_min_files(&self) -> usize {
        usize::MAX
    }

    /// Whether the rule's findings depend on other files (import cycles, duplicate clusters,
    /// values repeated across files): `--changed-since` then still checks every file, and
    /// keeps the findings that touch a changed file.
    fn needs_all_files(&self) -> bool {
        self.cycle_nodes().is_some() || self.cluster_min_files() != usize::MAX
    }

    /// Whether this rule needs the syntax tree for `lang`.
    fn needs_tree(&self, lang: Lang) -> bool {
        !self.node_kinds(lang).is_empty() || self.query(lang).is_some()
    }
}

/// The rule's `language` field (a name or a list), as a set; `None` when the rule has none.
pub fn languages_field(f: &Fields<'_, '_>) -> Result<Option<LangSet>, ConfigError> {
    let Some(list) = f.str_list("language")? else {
        return Ok(None);
    };
    let mut set = LangSet::empty();
    for l in list {
        set.insert(Lang::from_name(l.get_ref()).ok_or_else(|| {
            ConfigError::at(
                f.src,
                l.span(),
                format!("unknown language `{}`", l.get_ref()),
            )
            .label("unknown language")
            .help("languages: typescript, tsx, javascript, rust")
        })?);
    }
    Ok(Some(set))
}

/// Text of a node (empty when the span is not on char boundaries, which tree-sitter never gives
/// for valid UTF-8 input).
pub fn node_text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
}

/// A string a file must contain for a rule to possibly match it. With `word_start`/`word_end`,
/// the characters around it must not continue an identifier (`any` is not found in `many`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Literal {
    pub text: String,
    pub word_start: bool,
    pub word_end: bool,
}

impl Literal {
    /// A plain substring.
    pub fn substring(text: &str) -> Self {
        Literal {
            text: text.to_string(),
            word_start: false,
            word_end: false,
        }
    }

    /// A whole token: boundaries checked on the sides that are identifier characters.
    pub fn token(text: &str) -> Self {
        let starts = text.chars().next().is_some_and(is_ident_char);
        let ends = text.chars().last().is_some_and(is_ident_char);
        Literal {
            text: text.to_string(),
            word_start: starts,
            word_end: ends,
        }
    }

    /// Whether an occurrence at `start..end` of `hay` respects the boundaries.
    pub fn accepts(&self, hay: &[u8], start: usize, end: usize) -> bool {
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80;
        (!self.word_start || start == 0 || !ident(hay[start - 1]))
            && (!self.word_end || end >= hay.len() || !ident(hay[end]))
    }
}

pub fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// A `*`/`?` wildcard pattern over names and paths (`console.*`, `@mui/*`, `std::process`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wildcard {
    pub pattern: String,
}

impl Wildcard {
    pub fn new(p: &str) -> Self {
        Wildcard {
            pattern: p.to_string(),
        }
    }

    pub fn has_wildcards(&self) -> bool {
        self.pattern.contains(['*', '?'])
    }

    /// The longest run of literal characters: a string every match contains.
    pub fn literal(&self) -> &str {
        self.pattern
            .split(['*', '?'])
            .max_by_key(|s| s.len())
            .unwrap_or("")
    }

    /// The longest name segment of a path pattern (`console.*` → `console`, `std::process::exit`
    /// → `process`), as a whole-word literal except where a wildcard touches it. Source code
    /// may put spaces or line breaks between the segments of a path, never inside a name.
    /// `None` when no segment is long enough to be worth a prefilter.
    pub fn name_literal(&self) -> Option<Literal> {
        let p = &self.pattern;
        let bytes = p.as_bytes();
        let mut best: Option<(usize, usize)> = None;
        let mut start = 0;
        for i in 0..=bytes.len() {
            let at_sep = i == bytes.len() || matches!(bytes[i], b'.' | b':' | b'*' | b'?' | b'/');
            if at_sep {
                if i - start > best.map_or(0, |(s, e)| e - s) {
                    best = Some((start, i));
                }
                start = i + 1;
            }
        }
        let (s, e) = best?;
        if e - s < 2 {
            return None;
        }
        let before_wild = s > 0 && matches!(bytes[s - 1], b'*' | b'?');
        let after_wild = e < bytes.len() && matches!(bytes[e], b'*' | b'?');
        let mut lit = Literal::token(&p[s..e]);
        lit.word_start &= !before_wild;
        lit.word_end &= !after_wild;
        Some(lit)
    }

    /// Whole-string match; `*` matches any run (also across `.`, `/`, `::`), `?` one character.
    pub fn matches(&self, text: &str) -> bool {
        let p: Vec<char> = self.pattern.chars().collect();
        let t: Vec<char> = text.chars().collect();
        let (mut pi, mut ti) = (0, 0);
        let mut star: Option<(usize, usize)> = None;
        while ti < t.len() {
            if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
                pi += 1;
                ti += 1;
            } else if pi < p.len() && p[pi] == '*' {
                star = Some((pi, ti));
                pi += 1;
            } else if let Some((sp, st)) = star {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            } else {
                return false;
            }
        }
        while pi < p.len() && p[pi] == '*' {
            pi += 1;
        }
        pi == p.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        let w = Wildcard::new("console.*");
        assert!(w.matches("console.log"));
        assert!(w.matches("console.error"));
        assert!(!w.matches("consoles.log"));
        assert!(!w.matches("console"));
        assert_eq!(w.literal(), "console.");
        assert!(Wildcard::new("@mui/*").matches("@mui/material/Button"));
        assert!(Wildcard::new("a?c").matches("abc"));
        assert!(!Wildcard::new("a?c").matches("ac"));
        assert!(Wildcard::new("*").matches(""));
        assert!(Wildcard::new("*log*").matches("console.log"));
        assert!(!Wildcard::new("eval").matches("evaluate"));
    }

    #[test]
    fn name_literals_and_boundaries() {
        let l = Wildcard::new("console.*").name_literal().unwrap();
        assert_eq!(
            (l.text.as_str(), l.word_start, l.word_end),
            ("console", true, true)
        );
        let l = Wildcard::new("std::process::exit").name_literal().unwrap();
        assert_eq!(l.text, "process");
        let l = Wildcard::new("*Service").name_literal().unwrap();
        assert_eq!(
            (l.text.as_str(), l.word_start, l.word_end),
            ("Service", false, true)
        );
        assert_eq!(Wildcard::new("a.*").name_literal(), None);
        let any = Literal::token("any");
        let hay = b"let many: any = x";
        assert!(!any.accepts(hay, 5, 8));
        assert!(any.accepts(hay, 10, 13));
        assert!(!Literal::token("unwrap").accepts(b"x.unwrap_or(1)", 2, 8));
        assert!(Literal::substring("wrap").accepts(b"unwrap", 2, 6));
    }

    #[test]
    fn every_kind_has_docs() {
        for k in KINDS {
            for section in ["What", "Why", "Example"] {
                assert!(k.docs.contains(section), "{} docs lack {section}", k.name);
            }
        }
    }
}
