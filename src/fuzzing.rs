//! Entry points for the `cargo fuzz` targets in `fuzz/` (not part of archdrift's interface):
//! thin `pub` wrappers over crate-private analysis, so the internals stay `pub(crate)`. Nothing
//! here has logic of its own beyond turning crate-private types into plain tuples.

use crate::lang::{js_lexer, query, Lang};

/// [`query::pattern_root_kinds`]: the node kinds a query pattern can start at.
pub fn pattern_root_kinds(text: &str) -> Option<Vec<String>> {
    query::pattern_root_kinds(text)
}

/// [`query::pattern_literals`]: the literals a match of a query pattern must contain.
pub fn pattern_literals(text: &str) -> Option<Vec<String>> {
    query::pattern_literals(text)
}

/// [`query::kind_keyword`]: a keyword every node of `kind` contains.
pub fn kind_keyword(lang: Lang, kind: &str) -> Option<&'static str> {
    query::kind_keyword(lang, kind)
}

/// What [`js_lexer::lex`] and [`js_lexer::units`] produce, as plain data.
#[derive(Debug, Default)]
pub struct LexedView {
    /// Each token's byte range `(start, end)`.
    pub tokens: Vec<(u32, u32)>,
    /// For each token, the index of its matching token, or `u32::MAX`.
    pub matching: Vec<u32>,
    /// Each multi-attribute JSX tag: its attributes' first tokens and its end.
    pub attr_groups: Vec<(Vec<u32>, u32)>,
    pub anomaly: Option<u32>,
    pub comments: Vec<(u32, u32)>,
    /// Each component unit: `(name, first, last)` token indices.
    pub units: Vec<(usize, usize, usize)>,
}

/// [`js_lexer::lex`] then [`js_lexer::units`] on `src`.
pub fn js_lex_units(src: &str) -> LexedView {
    let lx = js_lexer::lex(src);
    let units = js_lexer::units(&lx, src);
    LexedView {
        tokens: lx.tokens.iter().map(|t| (t.start, t.end)).collect(),
        matching: lx.matching.clone(),
        attr_groups: lx
            .attr_groups
            .iter()
            .map(|g| (g.attrs.clone(), g.end))
            .collect(),
        anomaly: lx.anomaly,
        comments: lx.comments.clone(),
        units: units.iter().map(|u| (u.name, u.first, u.last)).collect(),
    }
}

/// The findings of one file's outcome (crate-private field).
pub fn findings(outcome: &crate::check::outcome::FileOutcome) -> &[crate::core::Finding] {
    &outcome.findings
}
