//! Parsing: one tree-sitter parser per language and thread, bounded by a work budget (parser
//! operations, counted through the progress callback: the same on every machine, whatever its
//! load), reusable incrementally (an editor buffer's previous tree, or the trend's previous
//! version of a file).
//! A leading byte order mark is read as whitespace, at the same offsets.

use std::cell::RefCell;

use tree_sitter::{Parser, Tree};

use super::Lang;
use crate::core::Budget;

/// Parser operations between two progress callbacks (`OP_COUNT_PER_PARSER_CALLBACK_CHECK` of
/// tree-sitter): what one callback charges.
const OPS_PER_CALLBACK: u64 = 100;

/// The UTF-8 encoding of U+FEFF, the byte order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; 4]> = Default::default();
}

/// Drops this thread's parsers (after a panic left one mid-parse).
pub(crate) fn reset_parsers() {
    PARSERS.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            *p = Default::default();
        }
    });
}

thread_local! {
    /// Inside [`incremental`]: the edited tree of the file's previous version (taken by the next
    /// parse), then the tree that parse produced.
    static INCREMENTAL: RefCell<Option<Option<Tree>>> = const { RefCell::new(None) };
}

/// Runs `check` (one file check on this thread) so that its parse, if any, reuses `base`: the
/// tree of the same file's previous version, already `Tree::edit`ed to the new text. Returns the
/// new tree (or, when nothing was parsed, the still-edited `base`) for the next version.
/// Incremental parsing gives the same tree as a fresh parse, much faster when the edit is small.
pub(crate) fn incremental<R>(base: Option<Tree>, check: impl FnOnce() -> R) -> (R, Option<Tree>) {
    INCREMENTAL.with(|c| *c.borrow_mut() = Some(base));
    let r = check();
    let tree = INCREMENTAL.with(|c| c.borrow_mut().take().flatten());
    (r, tree)
}

/// Parses with the thread's parser for `lang`, within a budget of its own for the text's size.
pub(crate) fn parse(lang: Lang, text: &str) -> Result<Tree, String> {
    parse_with(lang, text, None)
}

/// [`parse`], reusing the unchanged parts of `old` (a tree of an earlier version of the text,
/// edited to match it). Without `old`, a base tree set by [`incremental`] (the trend's previous
/// version of the file) is used when there is one.
pub(crate) fn parse_with(lang: Lang, text: &str, old: Option<&Tree>) -> Result<Tree, String> {
    parse_in(lang, text, old, &Budget::for_len(text.len()))
}

/// [`parse_with`], spending `budget` (a file's budget for all its work); an `Err` with the
/// budget exhausted means the parse ran out of it.
pub(crate) fn parse_in(
    lang: Lang,
    text: &str,
    old: Option<&Tree>,
    budget: &Budget,
) -> Result<Tree, String> {
    if old.is_some() {
        return parse_from(lang, text, old, budget);
    }
    let base = INCREMENTAL.with(|c| c.borrow_mut().as_mut().and_then(Option::take));
    let tree = parse_from(lang, text, base.as_ref(), budget);
    if let Ok(t) = &tree {
        INCREMENTAL.with(|c| {
            if let Some(slot) = c.borrow_mut().as_mut() {
                *slot = Some(t.clone());
            }
        });
    }
    tree
}

fn parse_from(
    lang: Lang,
    text: &str,
    base: Option<&Tree>,
    budget: &Budget,
) -> Result<Tree, String> {
    PARSERS.with(|p| {
        let mut parsers = p.borrow_mut();
        let slot = &mut parsers[lang.index()];
        if slot.is_none() {
            let mut parser = Parser::new();
            parser
                .set_language(&lang.grammar())
                .map_err(|e| format!("grammar for {} does not load: {e}", lang.name()))?;
            *slot = Some(parser);
        }
        let parser = slot.as_mut().expect("parser set above");
        let bytes = text.as_bytes();
        // a UTF-8 byte order mark is whitespace to the language, not to its grammar (which
        // would make the whole first statement an error): the parser reads it as three spaces,
        // so every offset stays that of the original text
        let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
        let mut progress = |_: &tree_sitter::ParseState| {
            if budget.charge(OPS_PER_CALLBACK) {
                std::ops::ControlFlow::Continue(())
            } else {
                std::ops::ControlFlow::Break(())
            }
        };
        let options = tree_sitter::ParseOptions::new().progress_callback(&mut progress);
        let tree = parser.parse_with_options(
            &mut |offset, _| {
                if offset < bom {
                    &b"   "[offset..bom]
                } else if offset < bytes.len() {
                    &bytes[offset..]
                } else {
                    &[] as &[u8]
                }
            },
            base,
            Some(options),
        );
        match tree {
            Some(t) => Ok(t),
            None => {
                parser.reset();
                Err(budget.message())
            }
        }
    })
}
