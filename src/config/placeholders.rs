//! The `{placeholder}`s a rule's `message` and `help` may use: `{match}` for every kind, plus the
//! variables its kind gives each hit (see `rules::hit`). Any other `{name}` would be printed as
//! written: a configuration error, pointing at it.

use std::ops::Range;

use toml::Spanned;

use crate::core::{ConfigError, SourceFile};

/// The variables each kind fills, besides `{match}`.
pub(crate) const KIND_VARS: &[(&str, &[&str])] = &[
    ("banned-pattern", &[]),
    ("layer-boundary", &["from", "to"]),
    ("duplicate-component", &[]),
    ("design-system", &["what"]),
    ("hardcoded-config", &["what"]),
    (
        "competing-solutions",
        &["what", "concern", "split", "chosen"],
    ),
    ("pass-through", &["what"]),
];

/// The placeholders a rule of `kind` may use.
pub(crate) fn known(kind: &str) -> Vec<&'static str> {
    let mut out = vec!["match"];
    if let Some((_, vars)) = KIND_VARS.iter().find(|(k, _)| *k == kind) {
        out.extend_from_slice(vars);
    }
    out
}

/// `{name}` spans (name: a letter or `_`, then letters, digits, `_`) in a template, as byte
/// ranges of the text and the name.
fn placeholders(text: &str) -> Vec<(Range<usize>, &str)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            let start = i + 1;
            let mut j = start;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            if j > start && j < b.len() && b[j] == b'}' && !b[start].is_ascii_digit() {
                out.push((i..j + 1, &text[start..j]));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Errors on the first unknown placeholder of a template (a `message` or `help` string).
pub(crate) fn check(
    src: &SourceFile,
    kind: &str,
    field: &str,
    template: &Spanned<String>,
) -> Result<(), ConfigError> {
    let known = known(kind);
    for (range, name) in placeholders(template.get_ref()) {
        if known.contains(&name) {
            continue;
        }
        // point at the placeholder itself when the string is written without escapes
        let span = template.span();
        let raw = src.text.get(span.clone()).unwrap_or_default();
        let at = match raw.find(&template.get_ref()[range.clone()]) {
            Some(k) => span.start + k..span.start + k + range.len(),
            None => span,
        };
        let list: Vec<String> = known.iter().map(|k| format!("{{{k}}}")).collect();
        let mut e = ConfigError::at(
            src,
            at,
            format!("unknown placeholder `{{{name}}}` in `{field}`"),
        )
        .label("not filled by this kind");
        e = match crate::core::closest(name, &known) {
            Some(s) => e.help(format!(
                "did you mean `{{{s}}}`? a {kind} rule fills: {}",
                list.join(", ")
            )),
            None => e.help(format!("a {kind} rule fills: {}", list.join(", "))),
        };
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_lists_its_variables() {
        for k in crate::rules::KINDS {
            assert!(
                KIND_VARS.iter().any(|(n, _)| *n == k.name),
                "placeholders.rs: add the variables of kind `{}`",
                k.name
            );
        }
    }

    #[test]
    fn finds_only_identifier_placeholders() {
        let names: Vec<&str> = placeholders("`{match}` {what} {} { x } {1a} {a-b} {_x}")
            .into_iter()
            .map(|(_, n)| n)
            .collect();
        assert_eq!(names, ["match", "what", "_x"]);
    }
}
