//! `[budget]` of `archdrift.toml`: how much drift a team accepts, per ADR, rule or directory.
//!
//! ```toml
//! [budget]
//! "ADR-0001" = { max = 120 }                 # at most 120 findings citing ADR-0001
//! "ts/no-console" = { max = 0 }              # a rule id
//! "apps/web/**" = { max_new_per_week = 5 }   # a path glob: at most 5 findings introduced a week
//! ```
//!
//! A key is a rule id, else an ADR id some rule cites, else (when it holds `/` or `*`) a glob of
//! the files whose findings count. `max` bounds the count at the checked state;
//! `max_new_per_day|week|month` bounds the findings introduced since the newest commit at least
//! that old (by fingerprint, as `trend` counts introduced drift). [`crate::ci::budget`]
//! evaluates them.

use std::ops::Range;

use crate::core::{ConfigError, Fields, Globs, SourceFile};

/// What one budget counts.
#[derive(Clone, Debug)]
pub(crate) enum Scope {
    Rule(String),
    Adr(String),
    Paths(Globs),
}

/// One `[budget]` entry.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    /// The key as written.
    pub(crate) key: String,
    pub(crate) scope: Scope,
    pub(crate) max: Option<usize>,
    /// At most this many introduced within the period (seconds).
    pub(crate) max_new: Option<(usize, Period)>,
    /// Where the entry is written: the source's name and 1-based line.
    pub(crate) file: String,
    pub(crate) line: usize,
}

/// The span of growth budgets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Period {
    Day,
    Week,
    Month,
}

impl Period {
    pub(crate) fn seconds(self) -> i64 {
        match self {
            Period::Day => 86_400,
            Period::Week => 7 * 86_400,
            Period::Month => 30 * 86_400,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

/// An entry before its key is resolved against the rules.
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    src: SourceFile,
    key_span: Range<usize>,
    entry: Entry,
}

const FIELDS: &[&str] = &[
    "max",
    "max_new_per_day",
    "max_new_per_week",
    "max_new_per_month",
];

/// Reads the `[budget]` table; keys are resolved by [`resolve`] once the rules are loaded.
pub(crate) fn parse(f: &Fields<'_, '_>) -> Result<Vec<Pending>, ConfigError> {
    let mut out = Vec::new();
    for key in f.keys() {
        let name = key.get_ref().clone();
        let Some(t) = f.table(&name)? else { continue };
        let count = |field: &str| -> Result<Option<usize>, ConfigError> {
            match t.int(field)? {
                None => Ok(None),
                Some(n) if *n.get_ref() < 0 => {
                    Err(
                        ConfigError::at(f.src, n.span(), format!("`{field}` must be 0 or more"))
                            .label("a negative count"),
                    )
                }
                Some(n) => Ok(Some(*n.get_ref() as usize)),
            }
        };
        let max = count("max")?;
        let mut max_new = None;
        for (field, period) in [
            ("max_new_per_day", Period::Day),
            ("max_new_per_week", Period::Week),
            ("max_new_per_month", Period::Month),
        ] {
            if let Some(n) = count(field)? {
                if max_new.is_some() {
                    return Err(ConfigError::at(
                        f.src,
                        t.span(),
                        "one growth budget per entry: max_new_per_day, _week or _month",
                    )
                    .label("more than one"));
                }
                max_new = Some((n, period));
            }
        }
        t.finish(FIELDS)?;
        if max.is_none() && max_new.is_none() {
            return Err(ConfigError::at(
                f.src,
                key.span(),
                format!("budget `{name}` sets no limit"),
            )
            .label("no limit")
            .help("give `max = N` and/or one of `max_new_per_day`, `max_new_per_week`, `max_new_per_month`"));
        }
        let line = f.src.text[..key.span().start.min(f.src.text.len())]
            .matches('\n')
            .count()
            + 1;
        out.push(Pending {
            src: f.src.clone(),
            key_span: key.span(),
            entry: Entry {
                key: name,
                // resolved against the rules by `resolve`
                scope: Scope::Rule(String::new()),
                max,
                max_new,
                file: f.src.name.clone(),
                line,
            },
        });
    }
    Ok(out)
}

/// Resolves each key: a rule id, else an ADR id a rule cites, else a path glob.
pub(crate) fn resolve(
    pending: Vec<Pending>,
    rules: &[super::Rule],
) -> Result<Vec<Entry>, ConfigError> {
    let mut out = Vec::with_capacity(pending.len());
    for p in pending {
        let key = p.entry.key.as_str();
        let scope = if rules.iter().any(|r| r.id == key) {
            Scope::Rule(key.to_string())
        } else if rules
            .iter()
            .any(|r| r.adr.as_ref().is_some_and(|a| a.id == key))
        {
            Scope::Adr(key.to_string())
        } else if key.contains('/') || key.contains('*') {
            let globs = crate::core::glob::compile_globs(
                &p.src,
                &[toml::Spanned::new(p.key_span.clone(), key.to_string())],
            )?;
            Scope::Paths(globs)
        } else {
            return Err(ConfigError::at(
                &p.src,
                p.key_span.clone(),
                format!("budget `{key}` is neither a rule id, an ADR id a rule cites, nor a path glob"),
            )
            .label("unknown budget key")
            .help("write a rule id (`ts/no-console`), an ADR id (`ADR-0001`), or a glob with `/` or `*` (`apps/web/**`)"));
        };
        out.push(Entry { scope, ..p.entry });
    }
    Ok(out)
}

impl Entry {
    /// Whether a finding of `rule` (citing `adr`) in `file` counts for this budget.
    pub(crate) fn counts(&self, rule: &str, adr: &str, file: &str) -> bool {
        match &self.scope {
            Scope::Rule(r) => r == rule,
            Scope::Adr(a) => a == adr,
            Scope::Paths(g) => g.is_match(file),
        }
    }
}
