//! `[rules."<id>"]` in `archdrift.toml`: grade, re-scope or switch off an included rule without
//! copying its pack. The key is a rule id, a glob of ids (`"ts/*"`) or a kind; the table holds
//! `severity` (`error`, `warning`, `info` or `off`), `paths` and `exclude` (replacing the rule's).
//! Applied after every rule is loaded and after the ADR status, in the order written.

use std::ops::Range;

use crate::core::{compile_globs, ConfigError, Fields, Globs, Severity, SourceFile};

use super::select::{parse_level, RulePattern};
use super::Config;

/// The fields an override may set.
pub(crate) const FIELDS: &[&str] = &["severity", "paths", "exclude"];

/// One `[rules."<pattern>"]` table.
pub(crate) struct Override {
    src: SourceFile,
    key_span: Range<usize>,
    pattern: RulePattern,
    /// `Some(None)`: off.
    severity: Option<Option<Severity>>,
    paths: Option<Globs>,
    exclude: Option<Globs>,
}

/// Reads the `[rules]` table of `archdrift.toml`.
pub(crate) fn parse(t: &Fields<'_, '_>) -> Result<Vec<Override>, ConfigError> {
    let mut out = Vec::new();
    for key in t.keys() {
        let Some(f) = t.table(key.get_ref())? else {
            continue;
        };
        let pattern = RulePattern::new(key.get_ref()).map_err(|e| {
            ConfigError::at(t.src, key.span(), e).label("not a rule id, glob or kind")
        })?;
        let severity = match f.str("severity")? {
            None => None,
            Some(s) => Some(parse_level(s.get_ref()).ok_or_else(|| {
                ConfigError::at(
                    t.src,
                    s.span(),
                    format!("unknown severity `{}`", s.get_ref()),
                )
                .label("not a severity")
                .help("severity is one of: error, warning, info, off")
            })?),
        };
        let paths = f
            .str_list("paths")?
            .map(|p| compile_globs(t.src, &p))
            .transpose()?;
        let exclude = f
            .str_list("exclude")?
            .map(|p| compile_globs(t.src, &p))
            .transpose()?;
        f.finish(FIELDS)?;
        out.push(Override {
            src: t.src.clone(),
            key_span: key.span(),
            pattern,
            severity,
            paths,
            exclude,
        });
    }
    Ok(out)
}

/// Applies the overrides in order. One that names no rule (nor a rule its ADR retired) is an
/// error: a typo would leave the rule as it was.
pub(crate) fn apply(cfg: &mut Config, overrides: &[Override]) -> Vec<ConfigError> {
    let mut errors = Vec::new();
    for o in overrides {
        let retired = cfg.adr.retired.iter().any(|r| o.pattern.matches_id(&r.id));
        if !retired && !cfg.rules.iter().any(|r| o.pattern.matches(r)) {
            errors.push(
                ConfigError::at(&o.src, o.key_span.clone(), o.pattern.no_match(cfg))
                    .label("no such rule"),
            );
            continue;
        }
        cfg.rules.retain_mut(|r| {
            if !o.pattern.matches(r) {
                return true;
            }
            if let Some(p) = &o.paths {
                r.paths = Some(p.clone());
            }
            if let Some(e) = &o.exclude {
                r.exclude = Some(e.clone());
            }
            match o.severity {
                Some(Some(s)) => {
                    r.severity = s;
                    true
                }
                Some(None) => false,
                None => true,
            }
        });
    }
    errors
}
