//! Concerns and their alternatives: the shipped catalogue (`catalogue.toml`, embedded at build
//! time) and the syntax of one alternative, shared with the rule's own `concerns`.

use serde::Deserialize;

use crate::rules::layer_boundary::resolve::package_name;
use crate::rules::literal::{Literal, Wildcard};

/// The shipped catalogue, as data.
const CATALOGUE: &str = include_str!("catalogue.toml");

/// Which languages a concern is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    Js,
    Rust,
    /// A concern of the rule's own: its alternatives are matched in every language.
    Any,
}

impl Family {
    pub(crate) fn admits(self, rust: bool) -> bool {
        match self {
            Family::Js => !rust,
            Family::Rust => rust,
            Family::Any => true,
        }
    }
}

/// How one alternative shows up in code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Pattern {
    /// A package (npm) or crate name, `*` allowed; an import of a subpath counts.
    Package(Wildcard),
    /// An import specifier ending so (`*.module.css` → `.module.css`).
    Suffix(String),
    /// A call of a global (`fetch()` → `fetch`).
    Global(String),
}

impl Pattern {
    /// The pattern as written.
    pub(crate) fn source(&self) -> String {
        match self {
            Pattern::Package(w) => w.pattern.clone(),
            Pattern::Suffix(s) => format!("*{s}"),
            Pattern::Global(g) => format!("{g}()"),
        }
    }

    /// A string every file using this pattern contains, for the prefilter (`None`: none).
    pub(crate) fn literal(&self) -> Option<Literal> {
        match self {
            Pattern::Package(w) => {
                let l = w.literal();
                (l.len() >= 2).then(|| Literal::substring(l))
            }
            Pattern::Suffix(s) => (s.len() >= 2).then(|| Literal::substring(s)),
            Pattern::Global(g) => Some(Literal::token(g)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Alternative {
    /// How findings name it (`axios`, `redux`, `fetch()`).
    pub(crate) name: String,
    pub(crate) patterns: Vec<Pattern>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Concern {
    /// The key (`http`, `rust-logging`).
    pub(crate) key: String,
    /// What the alternatives are, in the plural (`HTTP clients`).
    pub(crate) label: String,
    pub(crate) family: Family,
    /// In catalogue order (a tie between alternatives goes to the earlier one).
    pub(crate) alternatives: Vec<Alternative>,
    /// The alternative the ADR chose (`chosen`).
    pub(crate) chosen: Option<usize>,
}

fn pattern(p: &str) -> Result<Pattern, String> {
    let p = p.trim();
    if p.is_empty() {
        return Err("an empty alternative".to_string());
    }
    if let Some(g) = p.strip_suffix("()") {
        if g.is_empty()
            || !g
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        {
            return Err(format!(
                "`{p}`: a global call is a name followed by `()`, e.g. `fetch()`"
            ));
        }
        return Ok(Pattern::Global(g.to_string()));
    }
    if let Some(rest) = p.strip_prefix('*') {
        if rest.starts_with('.') && !rest.contains('*') {
            return Ok(Pattern::Suffix(rest.to_string()));
        }
    }
    if p.contains(char::is_whitespace) {
        return Err(format!(
            "`{p}`: an alternative is a package name, `*.suffix`, `global()` or `name = a|b`"
        ));
    }
    Ok(Pattern::Package(Wildcard::new(p)))
}

/// One alternative: `axios`, `@emotion/*`, `*.module.css`, `fetch()`, or `name = a|b|c`.
pub(crate) fn parse_alternative(text: &str) -> Result<Alternative, String> {
    let (name, body) = match text.split_once('=') {
        Some((n, b)) => (n.trim().to_string(), b),
        None => (text.trim().to_string(), text),
    };
    let patterns = body
        .split('|')
        .map(pattern)
        .collect::<Result<Vec<_>, _>>()?;
    if name.is_empty() {
        return Err(format!("`{text}`: the alternative before `=` needs a name"));
    }
    Ok(Alternative { name, patterns })
}

#[derive(Deserialize)]
struct File {
    concern: std::collections::BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
struct Entry {
    label: String,
    lang: String,
    alternatives: Vec<String>,
}

/// The shipped catalogue's concerns, sorted by key.
pub(crate) fn shipped() -> Vec<Concern> {
    static PARSED: std::sync::OnceLock<Vec<Concern>> = std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| {
            let file: File = toml::from_str(CATALOGUE).expect("the shipped catalogue parses");
            file.concern
                .into_iter()
                .map(|(key, e)| Concern {
                    key,
                    label: e.label,
                    family: if e.lang == "rust" {
                        Family::Rust
                    } else {
                        Family::Js
                    },
                    alternatives: e
                        .alternatives
                        .iter()
                        .map(|a| parse_alternative(a).expect("a shipped alternative parses"))
                        .collect(),
                    chosen: None,
                })
                .collect()
        })
        .clone()
}

impl Concern {
    /// The alternative an import specifier (JS) or crate name (Rust) belongs to.
    pub(crate) fn alternative_of_specifier(&self, spec: &str, rust: bool) -> Option<usize> {
        let package = if rust { spec } else { package_name(spec) };
        self.alternatives.iter().position(|a| {
            a.patterns.iter().any(|p| match p {
                Pattern::Package(w) if !w.has_wildcards() => {
                    let p = w.pattern.as_str();
                    p == spec
                        || p == package
                        || (rust
                            && p.len() == spec.len()
                            && p.bytes()
                                .zip(spec.bytes())
                                .all(|(a, b)| a == b || (a == b'-' && b == b'_')))
                }
                Pattern::Package(w) => w.matches(spec) || w.matches(package),
                Pattern::Suffix(s) => !rust && spec.ends_with(s.as_str()),
                Pattern::Global(_) => false,
            })
        })
    }

    /// The alternative a call of global `name` belongs to.
    pub(crate) fn alternative_of_global(&self, name: &str) -> Option<usize> {
        self.alternatives.iter().position(|a| {
            a.patterns
                .iter()
                .any(|p| matches!(p, Pattern::Global(g) if g == name))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_catalogue_parses_and_names_distinct_alternatives() {
        let all = shipped();
        assert!(all.len() >= 20);
        for c in &all {
            assert!(c.alternatives.len() >= 2, "{}", c.key);
            let mut names: Vec<&str> = c.alternatives.iter().map(|a| a.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), c.alternatives.len(), "{}", c.key);
        }
        let http = all.iter().find(|c| c.key == "http").unwrap();
        assert_eq!(
            http.alternative_of_global("fetch")
                .map(|i| &http.alternatives[i].name[..]),
            Some("fetch()")
        );
        assert!(http
            .alternative_of_specifier("axios/lib/core", false)
            .is_some());
        assert!(http
            .alternative_of_specifier("axios-retry", false)
            .is_none());
        let state = all.iter().find(|c| c.key == "state").unwrap();
        let i = state
            .alternative_of_specifier("@reduxjs/toolkit/query", false)
            .unwrap();
        assert_eq!(state.alternatives[i].name, "redux");
    }

    #[test]
    fn alternative_syntax() {
        assert_eq!(
            parse_alternative("*.module.css").unwrap().patterns,
            vec![Pattern::Suffix(".module.css".into())]
        );
        assert_eq!(parse_alternative("fetch()").unwrap().name, "fetch()");
        let a = parse_alternative("emotion = @emotion/*|@emotion/react").unwrap();
        assert_eq!((a.name.as_str(), a.patterns.len()), ("emotion", 2));
        assert!(parse_alternative("tailwind (className)").is_err());
        assert!(parse_alternative(" = x").is_err());
        assert!(parse_alternative("a.b()").is_err());
    }
}
