//! `[suppressions]` of `archdrift.toml`: the severities of the findings about `archdrift-ignore`
//! comments (applied by [`crate::check::suppress`]).

use crate::core::{ConfigError, Fields, Severity};

/// `[suppressions]` in `archdrift.toml`: the severity of the findings about suppressions
/// (`off` switches one off).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    pub(crate) missing_reason: Option<Severity>,
    pub(crate) unused: Option<Severity>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            missing_reason: Some(Severity::Error),
            unused: Some(Severity::Warning),
        }
    }
}

/// Reads the `[suppressions]` table.
/// The keys of `[suppressions]`.
pub(crate) const FIELDS: &[&str] = &["missing_reason", "unused"];

pub(crate) fn parse_settings(f: &Fields<'_, '_>) -> Result<Settings, ConfigError> {
    let mut s = Settings::default();
    for (key, slot) in [
        ("missing_reason", &mut s.missing_reason),
        ("unused", &mut s.unused),
    ] {
        if let Some(v) = f.str(key)? {
            *slot = match v.get_ref().as_str() {
                "off" => None,
                other => Some(Severity::parse(other).ok_or_else(|| {
                    ConfigError::at(f.src, v.span(), format!("unknown severity `{other}`"))
                        .label("not a severity")
                        .help("one of: error, warning, info, off")
                })?),
            };
        }
    }
    f.finish(FIELDS)?;
    Ok(s)
}

/// Linters whose suppressions a rule may honour (`honours = ["eslint:no-console"]`).
pub(crate) const LINTERS: &[&str] = &["eslint", "oxlint", "biome", "clippy"];

/// Whether a rule's `honours` entry names the rule of a linter suppression (`eslint:no-console`
/// from `// eslint-disable-next-line no-console`; `*` is a suppression naming no rule).
/// ESLint and oxlint read each other's comments; plugin prefixes (`@typescript-eslint/`,
/// `typescript/`, `lint/suspicious/`) are not part of the name compared.
pub(crate) fn honour_matches(honour: &str, suppressed: &str) -> bool {
    fn split(s: &str) -> (&str, &str) {
        match s.split_once(':') {
            Some((l, n)) if LINTERS.contains(&l) => (l, n),
            _ => ("eslint", s),
        }
    }
    fn family(l: &str) -> &str {
        if l == "oxlint" {
            "eslint"
        } else {
            l
        }
    }
    let (hl, hn) = split(honour);
    let (sl, sn) = split(suppressed);
    if family(hl) != family(sl) {
        return false;
    }
    let bare = |n: &str| n.rsplit('/').next().unwrap_or(n).to_string();
    sn == "*" || bare(hn) == bare(sn)
}

#[cfg(test)]
mod tests {
    use super::honour_matches;

    #[test]
    fn honours_match_linter_names() {
        assert!(honour_matches("eslint:no-console", "eslint:no-console"));
        assert!(honour_matches("no-console", "oxlint:no-console"));
        assert!(honour_matches(
            "@typescript-eslint/no-explicit-any",
            "eslint:@typescript-eslint/no-explicit-any"
        ));
        assert!(honour_matches(
            "oxlint:typescript/no-explicit-any",
            "eslint:@typescript-eslint/no-explicit-any"
        ));
        assert!(honour_matches("eslint:no-console", "eslint:*"));
        assert!(honour_matches("clippy:unwrap_used", "clippy:unwrap_used"));
        // near-misses: another rule, another linter family
        assert!(!honour_matches("eslint:no-console", "eslint:no-debugger"));
        assert!(!honour_matches(
            "eslint:no-console",
            "biome:lint/suspicious/noConsole"
        ));
        assert!(!honour_matches("clippy:unwrap_used", "clippy:expect_used"));
        assert!(!honour_matches("clippy:unwrap_used", "eslint:*"));
    }
}
