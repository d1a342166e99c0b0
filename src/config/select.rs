//! Choosing and grading the loaded rules without editing their files: `--select`, `--ignore` and
//! `--severity RULE=LEVEL` on the command line, and `[rules."<id>"]` overrides in
//! `archdrift.toml` (see `overrides.rs`). A pattern names rules by id (`ts/no-console`), by a
//! glob of ids (`ts/*`, `**/no-*`) or by kind (`banned-pattern`).

use crate::core::{closest, CommandError, Globs, Severity};

use super::{Config, Rule};

/// A rule id, a glob of ids, or a kind.
#[derive(Debug)]
pub(crate) struct RulePattern {
    pub(crate) text: String,
    glob: Option<Globs>,
}

impl RulePattern {
    pub(crate) fn new(text: &str) -> Result<RulePattern, String> {
        let text = text.trim().to_string();
        if text.is_empty() {
            return Err("an empty rule pattern".into());
        }
        let glob = if text.contains(['*', '?', '[', '{']) {
            // anchored: `ts/*` is the ids under `ts/`, not any id ending in a `ts/` segment
            Some(Globs::new(&[format!("/{text}")]).map_err(|e| format!("`{text}`: {e}"))?)
        } else {
            None
        };
        Ok(RulePattern { text, glob })
    }

    pub(crate) fn matches(&self, rule: &Rule) -> bool {
        self.matches_id(&rule.id) || rule.kind == self.text
    }

    pub(crate) fn matches_id(&self, id: &str) -> bool {
        id == self.text || self.glob.as_ref().is_some_and(|g| g.is_match_exact(id))
    }

    /// Why the pattern names no loaded rule, with the closest id or kind.
    pub(crate) fn no_match(&self, cfg: &Config) -> String {
        let mut known: Vec<&str> = cfg.rules.iter().map(|r| r.id.as_str()).collect();
        known.extend(crate::rules::KINDS.iter().map(|k| k.name));
        match closest(&self.text, &known) {
            Some(s) => format!(
                "`{}` names no loaded rule, rule glob or kind; did you mean `{s}`?",
                self.text
            ),
            None => format!(
                "`{}` names no loaded rule, rule glob or kind (`archdrift rules` lists them)",
                self.text
            ),
        }
    }
}

/// A severity or `off`.
pub(crate) fn parse_level(s: &str) -> Option<Option<Severity>> {
    if s == "off" {
        Some(None)
    } else {
        Severity::parse(s).map(Some)
    }
}

/// The command line's choice of rules (recorded in shard files, so `merge` applies the choice
/// its shards were checked with).
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Selection {
    /// Only these (empty: all).
    pub(crate) select: Vec<String>,
    /// Not these.
    pub(crate) ignore: Vec<String>,
    /// `RULE=LEVEL`, applied in order (`off` drops the rule).
    pub(crate) severity: Vec<String>,
}

fn patterns(list: &[String]) -> Result<Vec<RulePattern>, CommandError> {
    list.iter()
        .flat_map(|s| s.split(','))
        .filter(|s| !s.trim().is_empty())
        .map(|s| RulePattern::new(s).map_err(CommandError::usage))
        .collect()
}

/// Applies a selection to the loaded rules. A pattern that names no rule is an error (a typo
/// would silently check everything, or nothing).
pub(crate) fn apply(cfg: &mut Config, sel: &Selection) -> Result<(), CommandError> {
    let select = patterns(&sel.select)?;
    let ignore = patterns(&sel.ignore)?;
    let mut grades = Vec::new();
    for s in &sel.severity {
        let Some((pat, level)) = s.split_once('=') else {
            return Err(CommandError::with_help(
                format!("--severity `{s}` is not RULE=LEVEL"),
                "e.g. --severity ts/no-console=error (LEVEL: error, warning, info or off)",
            ));
        };
        let Some(level) = parse_level(level.trim()) else {
            return Err(CommandError::with_help(
                format!("--severity `{s}`: unknown level `{}`", level.trim()),
                "LEVEL is one of: error, warning, info, off",
            ));
        };
        grades.push((RulePattern::new(pat).map_err(CommandError::usage)?, level));
    }
    for p in select
        .iter()
        .chain(&ignore)
        .chain(grades.iter().map(|(p, _)| p))
    {
        if !cfg.rules.iter().any(|r| p.matches(r)) {
            return Err(CommandError::usage(p.no_match(cfg)));
        }
    }
    let rules = std::mem::take(&mut cfg.rules);
    for mut r in rules {
        if !select.is_empty() && !select.iter().any(|p| p.matches(&r)) {
            continue;
        }
        if ignore.iter().any(|p| p.matches(&r)) {
            continue;
        }
        let mut keep = true;
        for (p, level) in &grades {
            if p.matches(&r) {
                match level {
                    Some(s) => {
                        r.severity = *s;
                        keep = true;
                    }
                    None => keep = false,
                }
            }
        }
        if keep {
            cfg.rules.push(r);
        }
    }
    Ok(())
}
