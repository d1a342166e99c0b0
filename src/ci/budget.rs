//! Evaluating `[budget]` ([`crate::config::budget`]) on a whole-repository check: a budget that
//! is exceeded becomes an error finding at its line of the configuration, saying by how much.
//!
//! Budgets count every finding of the check (before `--baseline` hides the known ones: a budget
//! is about how much drift there is, not how much is new), so they are evaluated only when the
//! check covers the whole root (no PATHs narrower than the root, no `--changed-since`).
//! Growth budgets compare with the findings of an older commit, which the caller supplies
//! ([`History`]): `check` asks `trend`'s history reader for them.

use crate::config::budget::Entry;
use crate::config::Config;
use crate::core::{Adr, Finding, Severity};

/// Rule id of budget findings.
pub(crate) const BUDGET_RULE: &str = "archdrift/budget";

/// The findings of the repository as it was: every finding of the newest commit at or before a
/// time (Unix seconds); `Ok(None)` when there is no such commit.
pub(crate) type History<'a> = dyn Fn(i64) -> Result<Option<PastFindings>, String> + 'a;

/// What an older state of the repository had.
#[derive(Clone, Debug)]
pub(crate) struct PastFindings {
    /// Short commit id and date, for the message.
    pub(crate) commit: String,
    pub(crate) date: String,
    /// (rule, file, fingerprint) of each of its findings.
    pub(crate) findings: Vec<(String, String, u64)>,
}

fn fingerprint_value(hex: &str) -> u64 {
    u64::from_str_radix(hex, 16).unwrap_or(0)
}

fn adr_key(f: &Finding) -> &str {
    f.adr.id.as_str()
}

/// Findings for the budgets of `cfg` that `findings` exceed. `now` anchors growth periods;
/// warnings (history not available) go to `notes`.
pub(crate) fn exceeded(
    cfg: &Config,
    findings: &[Finding],
    now: i64,
    history: &History<'_>,
    notes: &mut Vec<String>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    // one history lookup per period, shared by the entries
    let mut past: Vec<(i64, Option<PastFindings>)> = Vec::new();
    for entry in &cfg.budget {
        let counted: Vec<&Finding> = findings
            .iter()
            .filter(|f| entry.counts(&f.rule, adr_key(f), &f.file))
            .collect();
        if let Some(max) = entry.max {
            if counted.len() > max {
                out.push(budget_finding(
                    cfg,
                    entry,
                    format!(
                        "budget `{}` exceeded by {}: {} findings, at most {} allowed",
                        entry.key,
                        counted.len() - max,
                        counted.len(),
                        max
                    ),
                    format!(
                        "fix {} of them, or raise the budget in {} with the ADR's owners",
                        counted.len() - max,
                        entry.file
                    ),
                ));
            }
        }
        let Some((max_new, period)) = entry.max_new else {
            continue;
        };
        let since = now - period.seconds();
        let state = match past.iter().find(|(t, _)| *t == since) {
            Some((_, s)) => s.clone(),
            None => {
                let s = match history(since) {
                    Ok(s) => s,
                    Err(e) => {
                        notes.push(format!(
                            "budget `{}`: the findings of a {} ago could not be counted ({e}); growth not checked",
                            entry.key,
                            period.name()
                        ));
                        None
                    }
                };
                past.push((since, s.clone()));
                s
            }
        };
        let Some(state) = state else {
            notes.push(format!(
                "budget `{}`: no commit a {} old or older; growth not checked",
                entry.key,
                period.name()
            ));
            continue;
        };
        // what the budget counted then: same scope (a finding's ADR follows from its rule)
        let adr_of = |rule: &str| {
            cfg.rules
                .iter()
                .find(|r| r.id == rule)
                .and_then(|r| r.adr.as_ref())
                .map_or("", |a| a.id.as_str())
        };
        let mut then: Vec<u64> = state
            .findings
            .iter()
            .filter(|(rule, file, _)| entry.counts(rule, adr_of(rule), file))
            .map(|(_, _, fp)| *fp)
            .collect();
        then.sort_unstable();
        let introduced = introduced(&then, &counted);
        if introduced > max_new {
            out.push(budget_finding(
                cfg,
                entry,
                format!(
                    "budget `{}` exceeded by {}: {} findings introduced since {} ({}), at most {} per {}",
                    entry.key,
                    introduced - max_new,
                    introduced,
                    state.commit,
                    state.date,
                    max_new,
                    period.name()
                ),
                format!(
                    "fix {} of the new findings (`archdrift check --changed-since {}` lists them), or raise the budget in {}",
                    introduced - max_new,
                    state.commit,
                    entry.file
                ),
            ));
        }
    }
    out
}

/// How many of `now` are not in `past` (a multiset of fingerprints, sorted).
fn introduced(past: &[u64], now: &[&Finding]) -> usize {
    let mut current: Vec<u64> = now
        .iter()
        .map(|f| fingerprint_value(&f.fingerprint))
        .collect();
    current.sort_unstable();
    let (mut i, mut j, mut added) = (0, 0, 0);
    while j < current.len() {
        if i < past.len() && past[i] < current[j] {
            i += 1;
        } else if i < past.len() && past[i] == current[j] {
            i += 1;
            j += 1;
        } else {
            added += 1;
            j += 1;
        }
    }
    added
}

fn budget_finding(cfg: &Config, entry: &Entry, message: String, help: String) -> Finding {
    // the ADR of the budget: the one it names, or the one all its rules share
    let adr = cfg
        .rules
        .iter()
        .filter(|r| match &entry.scope {
            crate::config::budget::Scope::Rule(id) => &r.id == id,
            crate::config::budget::Scope::Adr(id) => r.adr.as_ref().is_some_and(|a| &a.id == id),
            crate::config::budget::Scope::Paths(_) => false,
        })
        .find_map(|r| r.adr.clone())
        .unwrap_or(Adr {
            id: String::new(),
            title: String::new(),
            path: None,
            url: None,
        });
    let fingerprint = format!(
        "{:016x}",
        crate::core::stable_hash(&[BUDGET_RULE, &entry.key, &message])
    );
    Finding {
        rule: BUDGET_RULE.to_string(),
        kind: "budget".to_string(),
        severity: Severity::Error,
        message,
        file: entry.file.clone(),
        line: entry.line,
        column: 1,
        end_line: entry.line,
        end_column: 1 + entry.key.chars().count() + 2,
        adr,
        help: Some(help),
        fingerprint,
        matched: entry.key.clone(),
        related: Vec::new(),
        fix: None,
        byte_start: 0,
        byte_end: 0,
        redact: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(fp: u64) -> Finding {
        Finding::for_test("r", "", "a.ts", 1, fp)
    }

    #[test]
    fn introduced_counts_a_multiset() {
        let now = [finding(1), finding(1), finding(2), finding(5)];
        let refs: Vec<&Finding> = now.iter().collect();
        // 1 was there once: the second 1 is new, and 5
        assert_eq!(introduced(&[1, 2, 3], &refs), 2);
        assert_eq!(introduced(&[], &refs), 4);
        assert_eq!(introduced(&[1, 1, 2, 5], &refs), 0);
    }
}
