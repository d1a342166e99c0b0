//! The anchors of `design-system` ([`RuleKind::anchors`]): before a file is parsed, the
//! offsets such that every node the kind's `check_node` can report from holds one. What a
//! check reports from, and the text it therefore holds:
//! - `elements`: a raw `<button>` opening or self-closing tag, `React.createElement("button")`,
//!   `styled.button`, `styled("button")`, `styled.button<P>` — each holds the element's name as
//!   a whole word (a tag name, a property or a string's whole content);
//! - `imports`: an `import`/`export … from`, `require()` or `import()` whose specifier is a
//!   wrapped library — the specifier holds the literal part of the wrap pattern;
//! - `styles`: a CSS-in-JS tag or call (`styled`, `css`, `keyframes`, …: the callee's first
//!   word), a class-name helper call (`cn`, `clsx`, …), a `style`/`sx`/`css`/motion prop or a
//!   class attribute (its name: `class` or `Class` is in every one), and a string anywhere that
//!   reads as a class list with an arbitrary value: its fragment has a `[` after `-`, `:` or a
//!   space, or a `[` opening the fragment (after the quote, a substitution's `}`, an escape
//!   sequence or a character reference) — [`bracket_anchors`];
//! - colour sources: `fill`/`stroke`/`*Color`/`color` props (their names), object keys (any
//!   case of `fill`, `stroke`, `background`, `color`), colour helper calls (the callee's last
//!   segment).
//!
//! What a dispatched node then follows (names into their declarations, substitutions) may lie
//! outside it: only the node the check starts from needs an anchor. A new place a check
//! reports from must be added here: the kind's harness cases run through the engine with and
//! without anchors and must give the same findings.
//!
//! [`RuleKind::anchors`]: crate::rules::kind::RuleKind::anchors

use super::walk::{CLASS_HELPERS, COLOR_HELPERS, CSS_TAGS, MOTION_PROPS, SVG_COLOR_ATTRS};
use super::DesignSystemRule;
use crate::rules::literal::Literal;

/// Object keys a colour can be the value of (`color_sources = ["objects"]`), in any case.
const COLOR_KEYS: &[&str] = &["fill", "stroke", "background", "color"];

/// The anchor literals of a rule with these checks; `None` when a wrapped-library pattern has
/// no literal part (every specifier may match it).
pub(super) fn literals(r: &DesignSystemRule) -> Option<Vec<Literal>> {
    let mut out = Vec::new();
    if r.elements {
        out.extend(
            super::checked_elements(&r.ds)
                .into_iter()
                .map(Literal::token),
        );
    }
    if r.imports {
        for w in &r.ds.wraps {
            let lit = w.literal();
            if lit.is_empty() {
                return None;
            }
            out.push(Literal::substring(lit));
        }
    }
    if r.styles {
        for w in CSS_TAGS.iter().chain(CLASS_HELPERS).chain(MOTION_PROPS) {
            out.push(Literal::substring(w));
        }
        for w in ["style", "sx", "class", "Class"] {
            out.push(Literal::substring(w));
        }
    }
    if r.colors.svg || r.colors.props {
        for w in SVG_COLOR_ATTRS.iter().chain(&["color", "Color"]) {
            out.push(Literal::substring(w));
        }
    }
    if r.colors.helpers {
        out.extend(COLOR_HELPERS.iter().map(|w| Literal::substring(w)));
    }
    out.retain(|l| !l.text.is_empty());
    out.sort_by(|a, b| a.text.cmp(&b.text));
    out.dedup();
    Some(out)
}

/// The object keys of `color_sources = ["objects"]`, found in any case.
pub(super) fn color_keys() -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(COLOR_KEYS)
        .expect("fixed literals")
}

/// The `[`s a string fragment read as a class list with an arbitrary value holds
/// (`class_like_string`: `-[`, `:[`, ` [`, or a fragment opening with `[`). A fragment opens
/// after a quote, a template substitution's `}`, an escape sequence (at most 10 bytes after its
/// backslash, a line continuation included) or a JSX character reference (`;`).
pub(super) fn bracket_anchors(text: &str, out: &mut Vec<usize>) {
    let b = text.as_bytes();
    for (i, _) in text.match_indices('[') {
        let after = i.checked_sub(1).map(|p| b[p]);
        let opens = matches!(
            after,
            None | Some(b'-' | b':' | b' ' | b'"' | b'\'' | b'`' | b'}' | b';')
        );
        if opens || b[i.saturating_sub(12)..i].contains(&b'\\') {
            out.push(i);
        }
    }
}
