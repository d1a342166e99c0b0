//! The rule-kind contract. A kind is code: a [`KindInfo`] (name, docs, fields, compiler) in the
//! registry, and the compiled [`RuleKind`] of each rule instance. Per file, the engine calls a
//! rule's hooks in one pass over the tree (the node kinds it asks for, its tree-sitter query,
//! its text check), each with the file's [`FileCtx`]; a hit may carry a typed
//! [`Fact`](super::fact::Fact). After every file was checked, [`RuleKind::cross_file`] gets all
//! the rule's facts and returns its cross-file findings.

use std::path::Path;

use tree_sitter::Node;

use crate::core::{ConfigError, Fields, Finding, SourceFile};
use crate::lang::{Lang, LangSet};

use super::design_system::config::DesignSystem;
use super::fact::FileFact;
use super::hit::Hit;
use super::literal::{Literal, Occurrence};

/// What compiling a rule's kind-specific fields may look at.
pub(crate) struct CompileCtx<'a> {
    pub(crate) src: &'a SourceFile,
    /// The checked root (directory of `archdrift.toml`).
    pub(crate) root: &'a Path,
    /// The `[design_system]` table of `archdrift.toml`, when there is one.
    pub(crate) design_system: Option<&'a std::sync::Arc<DesignSystem>>,
}

pub(crate) type CompileFn =
    fn(&Fields<'_, '_>, &CompileCtx<'_>) -> Result<Box<dyn RuleKind>, ConfigError>;

/// A kind as the registry lists it.
pub(crate) struct KindInfo {
    pub(crate) name: &'static str,
    /// One line for `archdrift rules` and `explain`.
    pub(crate) summary: &'static str,
    /// What / Why / Example, printed by `archdrift explain <kind>` (and the README's kind
    /// sections, which a test holds to it).
    pub(crate) docs: &'static str,
    /// The kind-specific fields a rule of this kind may have.
    pub(crate) fields: &'static [&'static str],
    pub(crate) compile: CompileFn,
}

/// The file a per-file hook is looking at.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FileCtx<'a> {
    /// Path relative to the root, with `/`.
    pub(crate) file: &'a str,
    pub(crate) src: &'a str,
    pub(crate) lang: Lang,
    /// The root of the file's syntax tree, in the one pass (`Node::parent` walks down from the
    /// root each time: a kind that needs the root or the ancestors of a node starts here).
    pub(crate) root: Option<Node<'a>>,
    /// The JS lexer's tokens of `src` (JS/TS), lexed once for every kind that asks.
    pub(crate) lexed: &'a crate::lang::js_lexer::LexOnce<'a>,
}

/// A compiled rule. Every method must be cheap and must not panic on any input; the engine
/// still contains a panic to the file it happened on.
pub(crate) trait RuleKind: Send + Sync {
    /// Languages the rule can report in.
    fn languages(&self) -> LangSet;

    /// Literal strings of which a file must contain at least one for the rule to possibly match
    /// (checked once per file, before parsing). `None`: every file may match.
    fn prefilter(&self) -> Option<&[Literal]>;

    /// A kind's own look at the file's text before parsing, after [`RuleKind::prefilter`]'s
    /// literals were found: `false` only when the rule cannot report anything in this file
    /// (a necessary condition, cheaper than the parse it saves). Default: the file may match.
    fn text_prefilter(&self, _text: &str, _lang: Lang) -> bool {
        true
    }

    /// Where in this text the rule's tree hooks can report, before parsing: byte offsets such
    /// that every node at which [`RuleKind::check_node`] (or the rule's query) could produce a
    /// hit contains one of them in its byte range. The one pass then skips the subtrees that
    /// hold no offset of any active rule, and a rule that pushes none is not run on the file.
    /// Asked only when every active rule of the file that needs the tree has anchors
    /// ([`RuleKind::has_anchors`]), after [`RuleKind::text_prefilter`] passed. `found`: the
    /// occurrences of [`RuleKind::anchor_candidates`] in the text, from the engine's one scan
    /// (`None`: not searched, the kind looks for them itself). `false`: not known, every node
    /// is seen.
    fn anchors(
        &self,
        _text: &str,
        _lang: Lang,
        _found: Option<&[Occurrence]>,
        _out: &mut Vec<usize>,
    ) -> bool {
        false
    }

    /// Literals whose occurrences (with their word boundaries and case folding) the engine's
    /// one scan finds for [`RuleKind::anchors`], which keeps or drops each (e.g. a quote that
    /// opens a string the kind could report). `None`: none.
    fn anchor_candidates(&self, _lang: Lang) -> Option<&[Literal]> {
        None
    }

    /// Whether [`RuleKind::anchors`] gives anchors (without computing them). The text prefilter
    /// of such a kind must be a pure prefilter (no anchor: `false`), which tests turn off; a
    /// file the kind leaves alone by design is [`RuleKind::excludes`]'.
    fn has_anchors(&self) -> bool {
        false
    }

    /// Literals every occurrence of which (with its word boundaries) is an anchor, in addition
    /// to the offsets [`RuleKind::anchors`] pushes: the engine finds those of every rule in one
    /// scan of the file. `None`: none.
    fn anchor_literals(&self, _lang: Lang) -> Option<&[Literal]> {
        None
    }

    /// A file the rule does not check by design (not a prefilter: applied with and without
    /// the kinds' prefilters), e.g. an e-mail template.
    fn excludes(&self, _text: &str, _lang: Lang) -> bool {
        false
    }

    /// Whether the rule looks at this file at all (besides the rule's `paths`/`exclude`), e.g.
    /// not inside the design system's own source.
    fn applies_to(&self, _rel: &str) -> bool {
        true
    }

    /// Named node kinds the rule wants to see during the one pass over the tree.
    fn node_kinds(&self, _lang: Lang) -> &[&'static str] {
        &[]
    }

    /// Called for each node of a kind from [`RuleKind::node_kinds`].
    fn check_node(&self, _node: Node<'_>, _cx: &FileCtx<'_>, _out: &mut Vec<Hit>) {}

    /// Called once per parsed file, after the pass over the tree, with `cx.root` set: for a kind
    /// that finds its few nodes itself (e.g. only in the subtrees whose text holds a keyword)
    /// instead of having the pass visit every node for it. Such a kind overrides
    /// [`RuleKind::needs_tree`].
    fn check_tree(&self, _cx: &FileCtx<'_>, _out: &mut Vec<Hit>) {}

    /// The compiled tree-sitter query (and its source) this rule runs for `lang`, if any. The
    /// engine runs it during the one pass, at the nodes its patterns start at (or over the
    /// whole tree when a pattern's start is not one node kind). The `@match` capture, or else
    /// the union of all captures, is the reported span.
    fn query(&self, _lang: Lang) -> Option<(&tree_sitter::Query, &str)> {
        None
    }

    /// Checks over the raw text (regexes, a lexer), without the tree.
    fn check_text(&self, _cx: &FileCtx<'_>, _out: &mut Vec<Hit>) {}

    /// Whether this rule needs the syntax tree for `lang`.
    fn needs_tree(&self, lang: Lang) -> bool {
        !self.node_kinds(lang).is_empty() || self.query(lang).is_some()
    }

    /// Whether the rule's findings depend on other files (import cycles, duplicate clusters,
    /// values repeated across files): `--changed-since` then still checks every file, and
    /// keeps the findings that touch a changed file.
    fn needs_all_files(&self) -> bool {
        false
    }

    /// The cross-file stage: every fact this rule's hits carried, from all files, in; findings
    /// out. `template` carries the rule's id, kind, severity, ADR, message and help (with
    /// `{match}` left for the rule to fill). Facts whose hit was not silent carry their finding:
    /// the stage must report it (on its own or in a cluster). Output must depend only on the
    /// set of facts, not their order.
    fn cross_file(&self, facts: Vec<FileFact>, _template: &Finding) -> Vec<Finding> {
        facts
            .into_iter()
            .filter_map(|f| f.finding.map(|b| *b))
            .collect()
    }
}

/// The rule's `language` field (a name or a list), as a set; `None` when the rule has none.
pub(crate) fn languages_field(f: &Fields<'_, '_>) -> Result<Option<LangSet>, ConfigError> {
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
