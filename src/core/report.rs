//! The finished result of a check: sorted findings, file problems, the summary, the rules that ran.

use serde::Serialize;

use super::finding::{Adr, FileProblem, Finding, Severity};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct SeverityCounts {
    pub(crate) error: usize,
    pub(crate) warning: usize,
    pub(crate) info: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Summary {
    pub(crate) files_checked: usize,
    pub(crate) files_with_parse_errors: usize,
    /// The files counted in `files_with_parse_errors` (relative paths, sorted; omitted when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) parse_errors: Vec<String>,
    pub(crate) files_skipped: usize,
    pub(crate) files_with_errors: usize,
    pub(crate) rules: usize,
    pub(crate) findings: SeverityCounts,
    /// Imports layer rules could not resolve to a file or package (reported per rule's choice).
    pub(crate) unresolved_imports: usize,
    /// Findings silenced by `archdrift-ignore` comments (omitted when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub(crate) suppressed: usize,
    /// What the baseline did (only with `--baseline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) baseline: Option<BaselineSummary>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How a check compared with its baseline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct BaselineSummary {
    /// Findings that are in the baseline (not reported).
    pub(crate) matched: usize,
    /// Baseline entries no longer found (fixed).
    pub(crate) fixed: usize,
}

/// The outcome of a check: the sorted findings, per-file problems and the summary.
#[derive(Clone, Debug, Default)]
pub(crate) struct Report {
    pub(crate) findings: Vec<Finding>,
    pub(crate) problems: Vec<FileProblem>,
    pub(crate) summary: Summary,
    pub(crate) elapsed: std::time::Duration,
    /// Relative paths of the files the walk handed to the check (sorted).
    pub(crate) files: Vec<String>,
    /// The rules that ran (for formats that describe them, e.g. SARIF).
    pub(crate) rules: Vec<RuleInfo>,
    /// Relative path → byte ranges of the secrets found in that file (merged, sorted), kept
    /// when their findings are suppressed or baselined: no output shows their text.
    pub(crate) secrets: SecretSpans,
}

/// Relative path → byte ranges of the secrets a secret detector found in that file.
pub(crate) type SecretSpans = std::collections::BTreeMap<String, Vec<(usize, usize)>>;

/// What a report says about a rule (not its matcher).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RuleInfo {
    pub(crate) id: String,
    pub(crate) kind: String,
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) adr: Option<Adr>,
}

/// When a check fails (exit 1): `--fail-on` and `--max-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Gate {
    /// The least severity that fails the check (default `error`).
    pub(crate) fail_on: Severity,
    /// More warnings than this fail the check (ESLint's `--max-warnings`); `None`: no limit.
    pub(crate) max_warnings: Option<usize>,
}

impl Default for Gate {
    fn default() -> Self {
        Gate {
            fail_on: Severity::Error,
            max_warnings: None,
        }
    }
}

impl Report {
    /// Whether the report fails the gate. Findings count at their severity; a file that could
    /// not be checked (invalid UTF-8, unreadable, parse or time limit, internal error) counts as
    /// an error — drift in it would go unseen — and a deliberate skip (too large, binary) as
    /// info.
    pub(crate) fn fails(&self, gate: &Gate) -> bool {
        let f = &self.summary.findings;
        let at_or_above = |s: Severity| s <= gate.fail_on;
        let mut failing = (at_or_above(Severity::Error) && f.error > 0)
            || (at_or_above(Severity::Warning) && f.warning > 0)
            || (at_or_above(Severity::Info) && f.info > 0);
        for p in &self.problems {
            let level = if p.kind.is_skip() {
                Severity::Info
            } else {
                Severity::Error
            };
            failing |= at_or_above(level);
        }
        failing || gate.max_warnings.is_some_and(|m| f.warning > m)
    }

    /// Counts the findings by severity again (after a stage removed some).
    pub(crate) fn recount_findings(&mut self) {
        let mut c = SeverityCounts::default();
        for f in &self.findings {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        self.summary.findings = c;
    }
}
