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

/// Every rule kind archdrift knows. One line per kind.
pub static KINDS: &[KindInfo] = &[banned_pattern::KIND];

/// What compiling a rule's kind-specific fields may look at.
pub struct CompileCtx<'a> {
    pub src: &'a SourceFile,
    /// Span of the whole `[[rule]]` table.
    pub rule_span: Range<usize>,
    /// The checked root (directory of `archdrift.toml`).
    pub root: &'a Path,
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    /// What matched: a call path, macro, import specifier, type, or the matched text.
    pub matched: String,
}

/// A compiled rule matcher. All methods must be cheap and must not panic on any input; the engine
/// still contains a panic to the file it happened on.
pub trait FileRule: Send + Sync {
    /// Languages the rule can report in.
    fn languages(&self) -> LangSet;

    /// Literal strings of which a file must contain at least one for the rule to possibly match
    /// (checked once per file, before parsing). `None`: every file may match.
    fn prefilter(&self) -> Option<&[String]>;

    /// Named node kinds the rule wants to see during the one pass over the tree.
    fn node_kinds(&self, _lang: Lang) -> &[&'static str] {
        &[]
    }

    /// Called for each node of a kind from [`FileRule::node_kinds`].
    fn check_node(&self, _node: Node<'_>, _src: &str, _lang: Lang, _out: &mut Vec<Hit>) {}

    /// Tree-sitter query source this rule contributes for `lang` (merged into one query per
    /// language). The `@match` capture, or else the union of all captures, is the reported span.
    fn query_source(&self, _lang: Lang) -> Option<&str> {
        None
    }

    /// Checks over the raw text (regexes), without the tree.
    fn check_text(&self, _src: &str, _lang: Lang, _out: &mut Vec<Hit>) {}

    /// Whether this rule needs the syntax tree for `lang`.
    fn needs_tree(&self, lang: Lang) -> bool {
        !self.node_kinds(lang).is_empty() || self.query_source(lang).is_some()
    }
}

/// Text of a node (empty when the span is not on char boundaries, which tree-sitter never gives
/// for valid UTF-8 input).
pub fn node_text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
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
    fn every_kind_has_docs() {
        for k in KINDS {
            for section in ["What", "Why", "Example"] {
                assert!(k.docs.contains(section), "{} docs lack {section}", k.name);
            }
        }
    }
}
