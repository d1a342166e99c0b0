//! `repeated = "once"`: a hardcoded style value used in many files is one decision of the team
//! (a house colour, a house text size), and the same hand-made element (tag, replacement,
//! class list) in many files one pattern, so each is reported once — at its first place (by file,
//! line, column), saying how many places and files use it, with the other places in `related` —
//! instead of once per use. Values in fewer files stay one finding per place — or, with
//! `one_offs = "skip"`, only when a token answers them.

use std::collections::BTreeMap;

use crate::core::{stable_hash, Finding};
use crate::rules::fact::{Fact, FileFact};

use super::styles::StyleValue;
use super::tokens::Category;

/// From how many files on a value is one decision.
pub(super) const MIN_FILES: usize = 3;

/// Most places listed in one finding's `related`.
const MAX_RELATED: usize = 200;

/// The key two uses of the same value share: the category and the value in its normal form
/// (`#FFF` = `#ffffff`, `1rem` = `16px`, spacing collapsed); `lone`: a one-off use of it is
/// not reported (`one_offs = "skip"` and no token answers it), marked by [`LONE`].
pub(super) fn key(cat: Category, value: &StyleValue, lone: bool) -> String {
    let v = match value {
        StyleValue::Colors(cs) => cs
            .iter()
            .map(|(_, c)| c.hex())
            .collect::<Vec<_>>()
            .join(" "),
        StyleValue::Px(vs) => vs
            .iter()
            .map(|v| format!("{v}px"))
            .collect::<Vec<_>>()
            .join(" "),
        StyleValue::Number(n) => format!("{n}"),
        StyleValue::Text(t) => t
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase(),
    };
    format!("{}{}:{v}", if lone { LONE } else { "" }, cat.noun())
}

/// The key of a colour used in a shadow: it repeats with shadows of that colour only.
pub(super) fn in_shadow(key: &str) -> String {
    match key.strip_prefix(LONE) {
        Some(rest) => format!("{LONE}shadow {rest}"),
        None => format!("shadow {key}"),
    }
}

/// The key prefix of a value whose one-off uses are not reported.
const LONE: &str = "lone ";

/// The key prefix of a hand-made element (tag, replacement, sorted class list).
const ELEMENT: &str = "element ";

/// The key two copies of the same hand-made element share.
pub(super) fn element_key(el: &str, component: &str, classes: &str) -> String {
    format!("{ELEMENT}<{el}>→{component}:{classes}")
}

/// One rule's facts in, findings out: a value in at least [`MIN_FILES`] files becomes one
/// finding; the output depends only on the set of facts.
pub(super) fn resolve(facts: Vec<FileFact>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut groups: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for f in facts {
        let Some(finding) = f.finding else { continue };
        match f.fact {
            Fact::Repeat { key } => groups.entry(key).or_default().push(*finding),
            _ => out.push(*finding),
        }
    }
    for (key, mut places) in groups {
        places.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let mut files: Vec<&str> = places.iter().map(|p| p.file.as_str()).collect();
        files.dedup();
        let n_files = files.len();
        if n_files < MIN_FILES {
            if !key.starts_with(LONE) {
                out.extend(places);
            }
            continue;
        }
        let n = places.len();
        let mut it = places.into_iter();
        let mut first = it.next().expect("a group has places");
        if key.starts_with(ELEMENT) {
            first.message = format!(
                "{} — the same hand-made element in {n} places in {n_files} files: one pattern, replace it everywhere at once",
                first.message
            );
            first.lead_help(&format!(
                "The team repeats this element on purpose ({n} places with the same classes, listed in related): replace every copy, or give the component the variant it lacks."
            ));
            first.fingerprint = format!(
                "{:016x}",
                stable_hash(&[&first.rule, "repeated-element", &key])
            );
            first.related = it
                .take(MAX_RELATED)
                .map(|p| p.as_related("same element".to_string()))
                .collect();
            out.push(first);
            continue;
        }
        let value = key.split_once(':').map_or(key.as_str(), |(_, v)| v);
        let key = key.strip_prefix(LONE).unwrap_or(&key).to_string();
        // the value may already be a token (its help names it): then the decision exists
        let is_token = first
            .help
            .as_deref()
            .is_some_and(|h| h.contains(" is token `"));
        let (message, define) = if is_token {
            (
                format!(
                    "{} — the same token value in {n} places in {n_files} files: use the token in each",
                    first.message
                ),
                format!(
                    "The team writes this token's value by hand in {n} places (listed in related): replace each with the token."
                ),
            )
        } else {
            (
                format!(
                    "{} — the same value in {n} places in {n_files} files: one decision, make it a token",
                    first.message
                ),
                format!(
                    "The team uses this value on purpose ({n} places, listed in related): name it once in the design system's tokens and use the token everywhere."
                ),
            )
        };
        first.message = message;
        first.lead_help(&define);
        first.fingerprint = format!(
            "{:016x}",
            stable_hash(&[&first.rule, "repeated-style", &key])
        );
        first.related = it
            .take(MAX_RELATED)
            .map(|p| p.as_related(format!("same value ({value})")))
            .collect();
        out.push(first);
    }
    out
}
